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
>>> of = note_velocity(v); [of(n) for n in (v.note("C4", 1), v.note("D4", 1, velocity=9))]
[40, 9]
"""

from __future__ import annotations

import bisect
import math
from collections.abc import Callable
from dataclasses import dataclass
from fractions import Fraction
from typing import TYPE_CHECKING

from .contour import DEFAULTS, Resolved

if TYPE_CHECKING:
    from .note import Sounding
    from .score import Voice

#: The velocity of a note nothing gives one (the contour table's default: 80, mezzo forte).
DEFAULT_VELOCITY = int(DEFAULTS["velocity"])
LOWEST, HIGHEST = 1, 127


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


def view_steps(view: Resolved, until: float | None = None) -> list[tuple[float, int]]:
    """``(time, velocity)`` where the rounded, clamped value of ``view`` changes: each window's
    start value, then a step at each half the value crosses (rising: the new value from the
    half on; falling: the half itself still rounds up, the value drops just after it)."""
    out: list[tuple[float, int]] = []
    # Halves beyond 1..127 change nothing: the value is clamped there.
    low, high = LOWEST - 0.5, HIGHEST + 0.5
    for window in view.windows:
        start = float(window.start)
        out.append((start, _clamp(float(window.segment.value_at(window.start)))))
        stop = math.inf if window.end is None else float(window.end)
        for time, level, rising, jump in Resolved(view.name, (window,)).crossings(1.0, 0.5, until):
            if not low < level < high:
                continue
            if rising or jump:  # a leap lands at once; a fall passes the half just after it
                step = (time, _clamp(level + 0.5 if rising else level - 0.5))
            else:
                step = (math.nextafter(time, math.inf), _clamp(level - 0.5))
            if step[0] < stop:
                out.append(step)
    return out


def velocity_steps(voice: Voice, default: int = DEFAULT_VELOCITY) -> Steps:
    """The velocity a note of ``voice`` gets from contours (not its own): the velocity contour
    it follows (its own from its start, else the part's, else the score's), else ``default``."""
    view = voice.resolved("velocity")
    until = float(voice.part.score.sounding_end) if view.endless else None
    steps: list[tuple[float, int]] = [(-math.inf, default), *view_steps(view, until)]
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


def note_velocity(voice: Voice, default: int = DEFAULT_VELOCITY) -> Callable[[Sounding], int]:
    """Note (or tie chain) of ``voice`` -> its velocity: its own, else the contours' at its
    onset (:func:`velocity_function`)."""
    at = velocity_function(voice, default)
    return lambda note: note.velocity if note.velocity is not None else at(note.onset)
