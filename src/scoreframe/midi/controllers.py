"""Contours as controller and pitch-wheel events (Ames: an event wherever the value crosses a
whole number), thinned: no repeats, at most one per tick, the exact value at each segment end.

>>> import scoreframe as sf
>>> c = sf.Score().part("P").control(11).hold(100).ramp(103, at=1, over=1)
>>> thinned(crossings(c.segments, 1), lambda t: round(float(t) * 1920), cc_value)
[(0, 100), (2560, 101), (3200, 102), (3840, 103)]
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Sequence
from fractions import Fraction

from ..contour import Curve, Segment

Time = Fraction | float
Point = tuple[Time, float, bool]


def _inverse(segment: Segment, value: float) -> float:
    """Whole notes into a moving segment where it reaches ``value``."""
    length = float(segment.end - segment.start) if segment.end is not None else 0.0
    a, b = float(segment.origin), float(segment.goal)
    if segment.curve is Curve.EXPONENTIAL and a > 0 and b > 0:
        return length * math.log(value / a) / math.log(b / a)
    return length * (value - a) / (b - a)


def crossings(segments: Sequence[Segment], step: float) -> Iterable[Point]:
    """(time, value, exact) at each segment start (exact), at each multiple of ``step`` a
    moving segment crosses, and at each segment's end (its goal, exact)."""
    for segment in segments:
        yield segment.start, _snap(segment.origin, step), True
        if not segment.moving or segment.end is None:
            continue
        a, b = float(segment.origin), float(segment.goal)
        low, high = sorted((a, b))
        first, last = math.floor(low / step) + 1, math.ceil(high / step) - 1
        values = range(first, last + 1) if b > a else range(last, first - 1, -1)
        start = float(segment.start)
        for k in values:
            yield start + _inverse(segment, k * step), k * step, False
        yield segment.end, _snap(segment.goal, step), True


def _snap(value: Fraction | float, step: float) -> float:
    return round(float(value) / step) * step


def thinned(
    points: Iterable[Point],
    clock: Callable[[Time], int | float],
    encode: Callable[[float], int],
) -> list[tuple[int | float, int]]:
    """(clock, encoded value): one value per clock position (a segment's own start or end value
    wins over a crossing there, else the last), and no repeats."""
    out: list[tuple[int | float, int]] = []
    exact_at: int | float | None = None
    for time, value, exact in points:
        at, code = clock(time), encode(value)
        if out and out[-1][0] == at:
            if exact_at == at and not exact:
                continue
            out.pop()
        if exact:
            exact_at = at
        if out and out[-1][1] == code:
            continue
        out.append((at, code))
    return out


def cc_value(value: float) -> int:
    """A controller value: rounded and kept in 0..127."""
    return min(max(round(value), 0), 127)


def wheel_value(semitones: float, bend_range: int) -> int:
    """A 14-bit pitch-wheel value (8192 is no bend) for ``semitones`` at ``bend_range``.

    >>> wheel_value(0, 2), wheel_value(1, 2), wheel_value(2, 2), wheel_value(-2, 2)
    (8192, 12288, 16383, 0)
    """
    return min(max(round(8192 + semitones / bend_range * 8192), 0), 16383)


def wheel_bytes(channel: int, value: int) -> bytes:
    return bytes((0xE0 | (channel - 1), value & 0x7F, value >> 7))


def rpn(channel: int, number: int, value: int) -> list[bytes]:
    """Set registered parameter ``number`` (0: bend range, 6: MPE configuration) to ``value``
    (coarse), then the null RPN so later data entry changes nothing."""
    status = 0xB0 | (channel - 1)
    return [
        bytes((status, 101, number >> 7)),
        bytes((status, 100, number & 0x7F)),
        bytes((status, 6, value)),
        bytes((status, 38, 0)),
        bytes((status, 101, 127)),
        bytes((status, 100, 127)),
    ]
