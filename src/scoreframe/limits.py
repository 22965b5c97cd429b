"""The limits scoreframe sets, in one table, each enforced with a located error before any
work grows with it (see docs/limits.md): a score past them is a mistake or a hostile file, and
each limit is far beyond any piece of music.

>>> LIMITS.time, LIMITS.denominator, LIMITS.tempo
(1000000, 1000000, (0.01, 100000.0))
>>> check_time(Fraction(10**12, 7), "onset")
Traceback (most recent call last):
...
scoreframe.errors.TimeValueError: onset 1000000000000/7 is beyond scoreframe's limit of 1000000 ...
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from fractions import Fraction

from .errors import ContourError, TimeValueError


@dataclass(frozen=True, slots=True)
class Limits:
    """Every limit (a table; docs/limits.md says why each is where it is)."""

    time: int = 1_000_000
    """Whole notes: the latest onset, the longest length (46 days at quarter = 60)."""
    denominator: int = 1_000_000
    """The largest denominator of a time or a length (a millionth of a whole note)."""
    tempo: tuple[float, float] = (0.01, 100_000.0)
    """Beats a minute of the tempo's beat unit."""
    value: float = 1e12
    """The largest size of a contour value."""
    parts: int = 10_000
    voices: int = 99
    """Voices of one part (MusicXML numbers them 1 to 99)."""
    file_bytes: int = 1 << 30
    """The largest file read (1 GiB)."""
    unzipped_bytes: int = 1 << 29
    """The largest MusicXML a compressed ``.mxl`` may unpack to (512 MiB)."""


LIMITS = Limits()

# The bounds as exact fractions (the float 0.01 is a little above 1/100), for integer checks.
_VALUE = Fraction(LIMITS.value)
_TEMPO_LOW, _TEMPO_HIGH = (Fraction(str(bound)) for bound in LIMITS.tempo)
# Their terms, read once (a Fraction's properties cost a Python call each).
_VALUE_N, _VALUE_D = _VALUE.numerator, _VALUE.denominator
_LOW_N, _LOW_D, _HIGH_N, _HIGH_D = (
    _TEMPO_LOW.numerator,
    _TEMPO_LOW.denominator,
    _TEMPO_HIGH.numerator,
    _TEMPO_HIGH.denominator,
)


def check_time(value: Fraction, what: str) -> Fraction:
    """``value`` if it is inside the limits of time (see :data:`LIMITS`), else an error."""
    numerator, denominator = _terms(value)
    if denominator > LIMITS.denominator:
        raise TimeValueError(
            f"{what} {value} has a denominator beyond scoreframe's limit of "
            f"{LIMITS.denominator} (docs/limits.md); round it to a finer grid you choose"
        )
    if abs(numerator) > LIMITS.time * denominator:
        raise TimeValueError(
            f"{what} {value} is beyond scoreframe's limit of {LIMITS.time} whole notes "
            "(docs/limits.md); check the time (a length where an onset was meant?)"
        )
    return value


def check_value(value: Fraction | float, what: str) -> None:
    """A contour value must be finite and at most :attr:`Limits.value` in size (its
    denominator is free: a MIDI file's exact tempo is 60000000/600001 beats a minute)."""
    if isinstance(value, Fraction):
        numerator, denominator = _terms(value)
        beyond = abs(numerator) * _VALUE_D > _VALUE_N * denominator
    elif not math.isfinite(value):
        raise ContourError(f"{what}: value {value!r} must be finite")
    else:
        beyond = abs(float(value)) > LIMITS.value
    if beyond:
        raise ContourError(
            f"{what}: value {_short(value)} is beyond scoreframe's limit of {LIMITS.value:g} "
            "(docs/limits.md)"
        )


def _terms(value: Fraction) -> tuple[int, int]:
    """A Fraction's numerator and denominator, read from its slots when it is a plain
    Fraction (the properties cost a Python call each; see the note in scoreframe/time.py):
    every segment and note made is checked here."""
    if type(value) is Fraction:
        return value._numerator, value._denominator  # type: ignore[attr-defined]
    return value.numerator, value.denominator


def _short(value: Fraction | float) -> str:
    """A number for a message: huge ones cut short."""
    text = str(value)
    return text if len(text) <= 40 else f"{text[:20]}...({len(text)} digits)"


def check_tempo(value: Fraction | float, what: str) -> None:
    """A tempo must lie inside :attr:`Limits.tempo` (beats a minute)."""
    if not _tempo_inside(value):  # exact for a Fraction of any size
        low, high = LIMITS.tempo
        raise ContourError(
            f"{what}: tempo {_short(value)} must lie within {low:g}..{high:g} beats a minute "
            "(docs/limits.md)"
        )


def _tempo_inside(value: Fraction | float) -> bool:
    """``_TEMPO_LOW <= value <= _TEMPO_HIGH``, in integers for a Fraction (Fraction
    comparisons are slow: a MIDI file's import checks every tempo it holds)."""
    if isinstance(value, Fraction):
        n, d = _terms(value)
        return n * _LOW_D >= _LOW_N * d and n * _HIGH_D <= _HIGH_N * d
    return _TEMPO_LOW <= value <= _TEMPO_HIGH
