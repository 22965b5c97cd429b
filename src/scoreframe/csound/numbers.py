"""Numbers for Csound scores: fixed point, never an exponent, no locale, no trailing zeros.

Times are written in whole microseconds (six decimals): :func:`microseconds` rounds a time once,
and a note's length is the difference of its rounded end and start, so notes that meet in the
score meet exactly in Csound. Other values get six decimals too (a millionth of a semitone, of
an amplitude). Python's ``format`` ignores the locale, so a comma never becomes the decimal
point.

>>> number(1.5), number(2.0), number(1e-7), number(-0.0000004), number(1e21)
('1.5', '2', '0', '0', '1000000000000000000000')
>>> number(0.1 + 0.2), number(7), number(-2.5)
('0.3', '7', '-2.5')
>>> microseconds(11.5415604), seconds_text(11541560), seconds_text(500000), seconds_text(0)
(11541560, '11.54156', '0.5', '0')
"""

from __future__ import annotations

import math

from ..errors import CsoundError

#: Decimals of every number written (a microsecond for times).
DECIMALS = 6
_SCALE = 10**DECIMALS


def number(value: float, decimals: int = DECIMALS) -> str:
    """``value`` rounded to ``decimals`` places and written plainly (``-0`` becomes ``0``)."""
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    if not math.isfinite(value):
        raise CsoundError(f"{value!r} cannot be written in a Csound score: give a finite number")
    text = f"{value:.{decimals}f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def microseconds(seconds: float) -> int:
    """A time in seconds as whole microseconds, rounded half up (times are never negative)."""
    return int(seconds * _SCALE + 0.5)


def seconds_text(micros: int) -> str:
    """Whole microseconds written as seconds: ``1500000`` is ``1.5``."""
    whole, fraction = divmod(micros, _SCALE)
    if not fraction:
        return str(whole)
    return f"{whole}.{fraction:0{DECIMALS}d}".rstrip("0")
