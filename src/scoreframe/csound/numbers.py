"""Numbers for Csound scores: fixed-point, no exponent, no locale, no trailing zeros.

Six decimals put every time on the microsecond, and a float read back rounds to the same
microsecond.

>>> number(1.5), number(2.0), number(1e-7), number(-0.0000004), number(123456789.123456789)
('1.5', '2', '0', '0', '123456789.123457')
>>> number(0.1 + 0.2, 9)
'0.3'
"""

from __future__ import annotations

import math

from ..errors import CsoundError


def number(value: float, decimals: int = 6) -> str:
    """``value`` rounded to ``decimals`` places, written plainly."""
    if not math.isfinite(value):
        raise CsoundError(f"{value!r} cannot be written in a Csound score (not finite)")
    text = f"{value:.{decimals}f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text
