"""The velocity of a note, one rule for every exporter: the note's own, else the velocity
contour in force at its onset (voice, then part, then score), else a default (80, mezzo forte).

Contours are sampled in floats here: a MIDI velocity is a whole number from 1 to 127, so the
exact Fraction arithmetic of :meth:`~scoreframe.contour.Contour.value_at` buys nothing, and this
runs once per note of a large export.

>>> import scoreframe as sf
>>> s = sf.Score(); v = s.part("P").voice("V")
>>> _ = v.part.velocity.hold(40).ramp(100, at=1, over=2)
>>> at = velocity_function(v)
>>> at(sf.Fraction(0)), at(sf.Fraction(2)), at(sf.Fraction(5))
(40, 70, 100)
>>> velocity_function(sf.Score().part("Q").voice("W"))(sf.Fraction(0))
80
"""

from __future__ import annotations

import bisect
import math
from collections.abc import Callable
from fractions import Fraction
from typing import TYPE_CHECKING

from .contour import Contour, Curve

if TYPE_CHECKING:
    from .score import Voice

DEFAULT_VELOCITY = 80


def sampler(contour: Contour) -> Callable[[float], float]:
    """The contour as a float function of time in whole notes (from its first segment on).

    Exporters ask in time order, so the segment found last is tried first.
    """
    segments = contour.segments
    starts = [float(s.start) for s in segments]
    table = [(float(s.start), float(s.end) if s.end is not None else math.inf, float(s.origin),
              float(s.goal), s.moving, s.curve is Curve.EXPONENTIAL) for s in segments]
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


def velocity_function(voice: Voice, default: int = DEFAULT_VELOCITY) -> Callable[[Fraction], int]:
    """Onset -> velocity (1..127) from the contours the voice follows (not the note's own)."""
    owners = (voice, voice.part, voice.part.score)
    contours = [o.contours.get("velocity") for o in owners]
    samplers = [(float(c.start), sampler(c)) for c in contours if c and c.start is not None]
    if not samplers:
        return lambda onset: default

    def at(onset: Fraction) -> int:
        time = onset.numerator / onset.denominator
        for start, sample in samplers:
            if start <= time:
                return min(max(round(sample(time)), 1), 127)
        return default

    return at
