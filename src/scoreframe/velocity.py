"""The velocity of a note, one rule for every exporter: the note's own, else the velocity
contour in force at its onset (voice, then part, then score), else a default (80, mezzo forte).

A MIDI velocity is a whole number from 1 to 127, so a velocity contour is a step function: it
changes only where the contour crosses a half (Ames: an event wherever the value crosses a
whole number, here the rounding boundary). :func:`velocity_steps` finds those crossings once,
in floats, and every exporter reads the same table; a value exactly on a half rounds up.

>>> import scoreframe as sf
>>> s = sf.Score(); v = s.part("P").voice("V")
>>> _ = v.part.velocity.hold(40).ramp(100, at=1, over=2)
>>> at = velocity_function(v)
>>> at(sf.Fraction(0)), at(sf.Fraction(2)), at(sf.Fraction(5))
(40, 70, 100)
>>> steps = velocity_steps(v)
>>> steps.at(1.0), steps.at(1 + 1 / 60), steps.at(1 + 1 / 60 - 1e-9)
(40, 41, 40)
>>> velocity_function(sf.Score().part("Q").voice("W"))(sf.Fraction(0))
80
"""

from __future__ import annotations

import bisect
import math
from collections.abc import Callable
from dataclasses import dataclass
from fractions import Fraction
from typing import TYPE_CHECKING

from .contour import Contour, Curve, Segment

if TYPE_CHECKING:
    from .score import Voice

DEFAULT_VELOCITY = 80
LOWEST, HIGHEST = 1, 127


def sampler(contour: Contour) -> Callable[[float], float]:
    """The contour as a float function of time in whole notes (from its first segment on).

    Exporters ask in time order, so the segment found last is tried first.
    """
    segments = contour.segments
    starts = [float(s.start) for s in segments]
    table = [
        (
            float(s.start),
            float(s.end) if s.end is not None else math.inf,
            float(s.origin),
            float(s.goal),
            s.moving,
            s.curve is Curve.EXPONENTIAL,
        )
        for s in segments
    ]
    last = [table[0]]

    def sample(time: float) -> float:
        segment = last[0]
        if not segment[0] <= time < segment[1]:
            segment = last[0] = table[max(bisect.bisect_right(starts, time) - 1, 0)]
        start, end, origin, goal, moving, exponential = segment
        if not moving or time <= start:
            return origin
        if time >= end:
            return goal
        fraction = (time - start) / (end - start)
        if exponential and origin > 0 and goal > 0:
            return float(origin * (goal / origin) ** fraction)
        return origin + (goal - origin) * fraction

    return sample


@dataclass(frozen=True, slots=True)
class Steps:
    """A whole-number function of time (float whole notes): ``values[i]`` from ``times[i]``
    on; ``times[0]`` is minus infinity, so every time has a value."""

    times: tuple[float, ...]
    values: tuple[int, ...]

    def at(self, time: float) -> int:
        return self.values[bisect.bisect_right(self.times, time) - 1]


def _clamp(value: float) -> int:
    return min(max(math.floor(value + 0.5), LOWEST), HIGHEST)


def _inverse(segment: Segment, value: float) -> float:
    """Whole notes into a moving segment where it reaches ``value``."""
    assert segment.end is not None  # moving segments end
    length = float(segment.end - segment.start)
    a, b = float(segment.origin), float(segment.goal)
    if segment.curve is Curve.EXPONENTIAL and a > 0 and b > 0:
        return length * math.log(value / a) / math.log(b / a)
    return length * (value - a) / (b - a)


def _segment_steps(segment: Segment) -> list[tuple[float, int]]:
    """The steps of one segment: its start value, then a step at each half it crosses."""
    start = float(segment.start)
    out = [(start, _clamp(float(segment.origin)))]
    if not segment.moving:
        return out
    a, b = float(segment.origin), float(segment.goal)
    low, high = max(min(a, b), LOWEST - 0.5), min(max(a, b), HIGHEST + 0.5)
    # Halves strictly inside the range move the rounded value; beyond 1..127 it is clamped.
    halves = range(math.floor(low - 0.5) + 1, math.ceil(high - 0.5))
    if b > a:
        out += [(start + _inverse(segment, k + 0.5), _clamp(k + 1)) for k in halves]
    else:  # falling: the half itself still rounds up, the value drops just after it
        out += [
            (math.nextafter(start + _inverse(segment, k + 0.5), math.inf), _clamp(k))
            for k in reversed(halves)
        ]
    return out


def contour_steps(contour: Contour) -> list[tuple[float, int]]:
    """``(time, velocity)`` where the rounded, clamped value of ``contour`` changes."""
    out: list[tuple[float, int]] = []
    for segment in contour.segments:
        out += _segment_steps(segment)
    return out


def _overlay(
    base: list[tuple[float, int]], layer: list[tuple[float, int]]
) -> list[tuple[float, int]]:
    """``base`` before the layer starts, the layer from its first step on."""
    start = layer[0][0]
    return [step for step in base if step[0] < start] + layer


def velocity_steps(voice: Voice, default: int = DEFAULT_VELOCITY) -> Steps:
    """The velocity a note of ``voice`` gets from contours (not its own): the voice's contour
    from its start, else the part's, else the score's, else ``default``."""
    steps: list[tuple[float, int]] = [(-math.inf, default)]
    for owner in (voice.part.score, voice.part, voice):  # lowest priority first
        contour = owner.contours.get("velocity")
        if contour is not None and contour.start is not None:
            steps = _overlay(steps, contour_steps(contour))
    times: list[float] = []
    values: list[int] = []
    for time, value in steps:
        if times and time <= times[-1]:  # a later step at the same time wins
            times.pop()
            values.pop()
        if values and values[-1] == value:
            continue
        times.append(time)
        values.append(value)
    times[0] = -math.inf
    return Steps(tuple(times), tuple(values))


def velocity_function(voice: Voice, default: int = DEFAULT_VELOCITY) -> Callable[[Fraction], int]:
    """Onset -> velocity (1..127) from the contours the voice follows (not the note's own)."""
    steps = velocity_steps(voice, default)
    if len(steps.values) == 1:
        value = steps.values[0]
        return lambda onset: value
    at = steps.at
    return lambda onset: at(onset.numerator / onset.denominator)
