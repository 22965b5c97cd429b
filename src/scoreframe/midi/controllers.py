"""Contours as controller and pitch-wheel events (Ames: an event wherever the value crosses a
whole number), thinned: no repeats, at most one per tick, the exact value at each segment end.

>>> import scoreframe as sf
>>> part = sf.Score().part("P")
>>> _ = part.control(11).hold(100).ramp(103, at=1, over=1)
>>> thinned(crossings(part.resolved("control:11"), 1), lambda t: round(float(t) * 1920), cc_value)
[(0, 100), (2560, 101), (3200, 102), (3840, 103)]
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from fractions import Fraction

from ..contour import Resolved

Time = Fraction | float
Point = tuple[Time, float, bool]


def crossings(view: Resolved, step: float, until: float | None = None) -> Iterable[Point]:
    """(time, value, exact) at each segment start (exact, snapped to ``step``), at each
    multiple of ``step`` the value crosses, and at each segment's end (exact, snapped): the
    path of the contour (:meth:`~scoreframe.contour.Resolved.points`) on the MIDI grid of
    values."""
    for time, value, exact in view.points(step, 0.0, until):
        yield time, _snap(value, step) if exact else value, exact


def _snap(value: float, step: float) -> float:
    return round(value / step) * step


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
