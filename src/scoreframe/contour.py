"""Contours: contiguous segments in whole-note time that hold a value or move to a goal.

Built Ashton-style with :meth:`Contour.hold` and :meth:`Contour.ramp`; each returns the contour,
so calls chain. A ramp starts from the value in force at its start and, once over, holds its goal
until the next segment.

>>> c = Contour("velocity").hold(64).ramp(100, at=1, over=2, curve="linear")
>>> [c.value_at(t) for t in (0, 1, 2, 3, 10)]
[Fraction(64, 1), Fraction(64, 1), Fraction(82, 1), Fraction(100, 1), Fraction(100, 1)]
>>> [str(s) for s in c.segments]
['hold 64 from 0', 'linear 64 -> 100 from 1 to 3', 'hold 100 from 3']
>>> t = Contour("tempo", default_curve=Curve.EXPONENTIAL).hold(60).ramp(120, at=0, over=4)
>>> round(t.value_at(2), 6)
84.852814
"""

from __future__ import annotations

import bisect
import math
from collections.abc import Iterator
from dataclasses import dataclass
from enum import Enum
from fractions import Fraction
from typing import Self, TypeAlias

from .errors import ContourError
from .time import TimeLike, as_length, as_time

Real: TypeAlias = Fraction | float
ValueLike: TypeAlias = int | float | Fraction | str


class Curve(Enum):
    """How a segment moves from its origin to its goal."""

    DISCRETE = "discrete"
    LINEAR = "linear"
    EXPONENTIAL = "exponential"


def as_curve(value: Curve | str, where: str = "") -> Curve:
    """Read a curve from its name (``"linear"``); ``where`` starts the error message."""
    if isinstance(value, Curve):
        return value
    try:
        return Curve(value.lower())
    except (ValueError, AttributeError):
        names = ", ".join(c.value for c in Curve)
        place = f"{where}: " if where else ""
        raise ContourError(f"{place}curve {value!r} is not one of: {names}") from None


def as_value(value: ValueLike, what: str) -> Real:
    """A contour value: exact unless given as a float."""
    if isinstance(value, bool):
        raise ContourError(f"{what}: value {value!r} is a bool; give a number")
    if isinstance(value, float):
        if not math.isfinite(value):
            raise ContourError(f"{what}: value {value!r} must be finite")
        return value
    if isinstance(value, int | Fraction):
        return Fraction(value)
    if isinstance(value, str):
        try:
            return Fraction(value)
        except ValueError:
            raise ContourError(f"{what}: value {value!r} is not a number") from None
    raise ContourError(f"{what}: value {value!r} must be a number")


@dataclass(frozen=True, slots=True)
class Segment:
    """A piece of a contour on ``[start, end)``; ``end`` None means "until the next segment"."""

    start: Fraction
    end: Fraction | None
    origin: Real
    goal: Real
    curve: Curve

    @property
    def moving(self) -> bool:
        """True when the value changes inside the segment."""
        return (
            self.end is not None and self.curve is not Curve.DISCRETE and self.origin != self.goal
        )

    def value_at(self, time: Fraction) -> Real:
        """The value at ``time`` (clamped to the segment), exact for linear Fraction values."""
        if not self.moving or time <= self.start:
            return self.origin
        assert self.end is not None
        if time >= self.end:
            return self.goal
        fraction = (time - self.start) / (self.end - self.start)
        if self.curve is Curve.LINEAR:
            return self.origin + (self.goal - self.origin) * fraction
        ratio = float(self.goal) / float(self.origin)
        return float(self.origin) * float(ratio ** float(fraction))

    def __str__(self) -> str:
        if not self.moving:
            return f"hold {self.origin} from {self.start}"
        return f"{self.curve.value} {self.origin} -> {self.goal} from {self.start} to {self.end}"


class Contour:
    """A named contour: contiguous segments, each holding or ramping (see the module doc)."""

    def __init__(
        self, name: str, default_curve: Curve = Curve.LINEAR, owner: str = "score"
    ) -> None:
        self.name = name
        self.default_curve = default_curve
        self.owner = owner
        self._segments: list[Segment] = []
        self._starts: list[Fraction] = []

    # -- building -----------------------------------------------------------------------------
    def hold(self, value: ValueLike, at: TimeLike = 0) -> Self:
        """Hold ``value`` from time ``at`` until the next segment."""
        start = as_time(at, f"{self._where()} hold time")
        self._insert(Segment(start, None, self._value(value), self._value(value), Curve.DISCRETE))
        return self

    def ramp(
        self,
        to: ValueLike,
        at: TimeLike | None = None,
        over: TimeLike = 1,
        curve: Curve | str | None = None,
    ) -> Self:
        """Move from the value in force at ``at`` to ``to`` over ``over`` whole notes, then hold.

        ``at`` defaults to where the contour's last segment starts moving or holding. Where
        the contour holds no value yet, the ramp starts from :meth:`fallback_value` (the
        default of its name: ``pitch_bend`` 0, ``velocity`` 80, a controller's power-on value).
        """
        start = self._default_start() if at is None else as_time(at, f"{self._where()} ramp time")
        length = as_length(over, f"{self._where()} ramp length")
        kind = self.default_curve if curve is None else as_curve(curve, self._where())
        origin = self.value_at(start)
        if origin is None:
            origin = self.fallback_value(start)
        if origin is None:
            raise ContourError(
                f"{self._where()}: the ramp at {start} has no value to start from; "
                f"hold a value first (.hold(value, at=...))"
            )
        goal = self._value(to)
        if kind is Curve.EXPONENTIAL and (origin <= 0 or goal <= 0):
            raise ContourError(
                f"{self._where()}: an exponential ramp from {origin} to {goal} at {start} needs "
                f"positive values; use curve='linear'"
            )
        self._insert(Segment(start, start + length, origin, goal, kind))
        end = start + length
        if end not in self._starts:
            self._insert(Segment(end, None, goal, goal, Curve.DISCRETE))
        return self

    def fallback_value(self, time: Fraction) -> Real | None:
        """The value a ramp starts from where this contour holds none yet.

        The default of the contour's name (:func:`default_value`); an owner that inherits
        contours (a voice from its part, say) may override this to look the value up there.
        """
        return default_value(self.name)

    def _value(self, value: ValueLike) -> Real:
        return as_value(value, self._where())

    def _where(self) -> str:
        return f"{self.owner} contour {self.name!r}"

    def _default_start(self) -> Fraction:
        return self._starts[-1] if self._starts else Fraction(0)

    def _insert(self, segment: Segment) -> None:
        i = bisect.bisect_left(self._starts, segment.start)
        previous = self._segments[i - 1] if i > 0 else None
        if previous is not None and previous.end is not None and previous.end > segment.start:
            raise ContourError(
                f"{self._where()}: a segment at {segment.start} falls inside the ramp "
                f"{previous.start}..{previous.end}; start it at {previous.end} or later"
            )
        if i < len(self._starts) and self._starts[i] == segment.start:
            del self._segments[i], self._starts[i]
        if segment.end is not None:
            for later in self._starts[i:]:
                if later < segment.end:
                    raise ContourError(
                        f"{self._where()}: the ramp {segment.start}..{segment.end} overlaps the "
                        f"segment at {later}; end the ramp by {later} or move that segment"
                    )
        self._segments.insert(i, segment)
        self._starts.insert(i, segment.start)

    # -- reading ------------------------------------------------------------------------------
    @property
    def segments(self) -> list[Segment]:
        """The segments in time order, each closed at the next one's start."""
        out = []
        for i, seg in enumerate(self._segments):
            end = self._starts[i + 1] if i + 1 < len(self._starts) else None
            if seg.end is None and end is not None:
                seg = Segment(seg.start, end, seg.origin, seg.goal, seg.curve)
            out.append(seg)
        return out

    @property
    def stored_segments(self) -> tuple[Segment, ...]:
        """The segments as built (a hold's end left open): what a document stores."""
        return tuple(self._segments)

    def add_segment(self, segment: Segment) -> None:
        """Insert a segment as built (for readers restoring a stored contour)."""
        self._insert(segment)

    def __iter__(self) -> Iterator[Segment]:
        return iter(self.segments)

    def __len__(self) -> int:
        return len(self._segments)

    def __bool__(self) -> bool:
        return True

    @property
    def start(self) -> Fraction | None:
        """Where the contour is first defined, or None when it is empty."""
        return self._starts[0] if self._starts else None

    def segment_at(self, time: Fraction) -> Segment | None:
        i = bisect.bisect_right(self._starts, time) - 1
        return self._segments[i] if i >= 0 else None

    def value_at(self, time: TimeLike) -> Real | None:
        """The value at ``time``, or None before the first segment."""
        t = as_time(time)
        segment = self.segment_at(t)
        return None if segment is None else segment.value_at(t)

    def __repr__(self) -> str:
        return f"Contour({self.name!r}, {[str(s) for s in self.segments]})"


def control_name(number: int) -> str:
    """The contour name of MIDI controller ``number``: ``"control:11"``."""
    if isinstance(number, bool) or not isinstance(number, int) or not 0 <= number <= 127:
        raise ContourError(f"controller number {number!r} must be an int in 0..127")
    return f"control:{number}"


# Values used where no voice, part or score contour is defined (a table).
DEFAULTS: dict[str, Real] = {
    "tempo": Fraction(120),
    "velocity": Fraction(80),
    "pitch_bend": Fraction(0),
}

# MIDI controllers whose power-on value is not 0 (General MIDI): volume, pan, expression.
CONTROL_DEFAULTS: dict[int, Real] = {7: Fraction(100), 10: Fraction(64), 11: Fraction(127)}


def default_value(name: str) -> Real | None:
    """The value of contour ``name`` where nothing defines it, or None for a user's name.

    >>> default_value("velocity"), default_value("control:11"), default_value("control:1")
    (Fraction(80, 1), Fraction(127, 1), Fraction(0, 1))
    >>> default_value("cutoff") is None
    True
    """
    if name in DEFAULTS:
        return DEFAULTS[name]
    prefix, _, number = name.partition(":")
    if prefix == "control" and number.isdigit():
        return CONTROL_DEFAULTS.get(int(number), Fraction(0))
    return None
