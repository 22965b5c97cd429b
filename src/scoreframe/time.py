"""Exact musical time: a :class:`~fractions.Fraction` of a whole note.

Times and lengths come in as an ``int``, a ``Fraction`` or a string such as ``"3/8"``; floats are
refused, because ``0.1`` is not a tenth and a score must be exact.

>>> as_time("3/8")
Fraction(3, 8)
>>> as_time(2)
Fraction(2, 1)
>>> as_length("1/4") + as_length("1/8")
Fraction(3, 8)
>>> as_time(0.375)
Traceback (most recent call last):
...
scoreframe.errors.TimeValueError: time 0.375 is a float; write Fraction(3, 8) or "3/8" ...
"""

from __future__ import annotations

import math
from fractions import Fraction
from math import gcd, lcm
from typing import TypeAlias

from .errors import TimeValueError
from .limits import check_time

TimeLike: TypeAlias = int | Fraction | str
"""What the public API accepts wherever a time or a length is asked for."""

ZERO = Fraction(0)


def as_time(value: TimeLike, what: str = "time") -> Fraction:
    """Read an exact time in whole notes; refuse floats, malformed strings and times beyond
    scoreframe's limits (:mod:`scoreframe.limits`)."""
    return check_time(exact_time(value, what), what)


def exact_time(value: TimeLike, what: str = "time") -> Fraction:
    """Read an exact time as :func:`as_time` does, but for a question rather than the model:
    any exact time is taken, however fine or far (``TempoMap.seconds``, ``value_at``)."""
    if type(value) is Fraction:
        return value
    if isinstance(value, bool):
        raise TimeValueError(f"{what} {value!r} is a bool; give an int, a Fraction or a string")
    if isinstance(value, int):
        return Fraction(value)
    if isinstance(value, Fraction):
        return Fraction(value)
    if isinstance(value, float):
        if not math.isfinite(value):
            raise TimeValueError(
                f'{what} {value!r} is not a number of whole notes; give an exact time such as "3/8"'
            )
        hint = Fraction(value).limit_denominator(1 << 16)
        raise TimeValueError(
            f"{what} {value!r} is a float; write Fraction({hint.numerator}, {hint.denominator}) "
            f'or "{hint}" (times are exact whole-note fractions)'
        )
    if isinstance(value, str):
        text = value.strip()
        try:
            if "." in text or "e" in text.lower():
                raise ValueError(text)
            return Fraction(text)
        except (ValueError, ZeroDivisionError):
            raise TimeValueError(
                f'{what} {value!r} is not a whole-note fraction such as "3/8" or "2"'
            ) from None
    raise TimeValueError(
        f"{what} {value!r} has type {type(value).__name__}; give an int, a Fraction or a string"
    )


def as_length(value: TimeLike, what: str = "length") -> Fraction:
    """Read an exact, strictly positive length in whole notes."""
    length = as_time(value, what)
    if length <= 0:
        raise TimeValueError(
            f'{what} {length} must be greater than zero; give a length such as "1/4" or 1'
        )
    return length


def common_grid(values: object) -> int:
    """The least common multiple of the denominators of ``values`` (Fractions or ints).

    >>> common_grid([Fraction(1, 4), Fraction(1, 6), 3])
    12
    """
    denominators = {getattr(v, "denominator", 1) for v in values}  # type: ignore[attr-defined]
    return lcm(*denominators) if denominators else 1


_new = object.__new__


def fraction(numerator: int, denominator: int) -> Fraction:
    """``Fraction(numerator, denominator)`` for ints with ``denominator > 0``, made without the
    general constructor's checks (the hot path of building notes; see the note at the end of
    this module). Equal in every way to the plain ``Fraction``.

    >>> fraction(6, 8), fraction(6, 8) == Fraction(6, 8), fraction(-4, 2)
    (Fraction(3, 4), True, Fraction(-2, 1))
    """
    common = gcd(numerator, denominator)
    value: Fraction = _new(Fraction)
    value._numerator = numerator // common  # type: ignore[attr-defined]
    value._denominator = denominator // common  # type: ignore[attr-defined]
    return value


def format_time(value: Fraction) -> str:
    """The text form of a time: ``"3/8"``, ``"2"``.

    >>> format_time(Fraction(6, 4))
    '3/2'
    """
    return str(value)


# Hot loops (validation, the MIDI note pass) read a Fraction's numerator and denominator from
# its slots, ``_numerator`` and ``_denominator``, where the fractions module keeps them (CPython
# and PyPy, since Python 2.6): the public properties cost a Python call each, and an export of a
# million notes reads millions of them. tests/test_time.py checks the slots still hold them.
# :func:`fraction` writes them the same way, to make a Fraction without the constructor's checks
# (building a million notes makes a million onsets); tests/test_time.py checks that what it
# makes is equal, hash-equal and pickled like a plain Fraction.
