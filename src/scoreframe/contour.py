"""Contours: contiguous segments in whole-note time that hold a value, move to a goal, or
oscillate (periodic curves: sine, triangle, square, saw).

Built Ashton-style with :meth:`Contour.hold`, :meth:`Contour.ramp` and :meth:`Contour.lfo`; each
returns the contour, so calls chain. A ramp starts from the value in force at its start and,
once over, holds its goal until the next segment. How each curve moves is one row of the curve
table (:mod:`scoreframe.curves`); a segment checks itself against its row when it is made,
whichever way it is made (a builder method, :meth:`Contour.add_segment`, a document reader).

>>> c = Contour("velocity").hold(64).ramp(100, at=1, over=2, curve="linear")
>>> [c.value_at(t) for t in (0, 1, 2, 3, 10)]
[Fraction(64, 1), Fraction(64, 1), Fraction(82, 1), Fraction(100, 1), Fraction(100, 1)]
>>> [str(s) for s in c.segments]
['hold 64 from 0', 'linear 64 -> 100 from 1 to 3', 'hold 100 from 3']
>>> t = Contour("tempo", default_curve=Curve.EXPONENTIAL).hold(60).ramp(120, at=0, over=4)
>>> round(t.value_at(2), 6)
84.852814
>>> w = Contour("control:74").lfo("sine", period="1/2", low=20, high=100, at=0, over=1)
>>> [round(w.value_at(Fraction(k, 8)), 3) for k in range(5)]
[60.0, 100.0, 60.0, 20.0, 60.0]

Where contours are inherited (a voice follows its own, else its part's, else the score's, each
from where it starts), :func:`resolve` joins them into one :class:`Resolved` view: the one
place that rule lives.
"""

from __future__ import annotations

import bisect
import math
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, replace
from fractions import Fraction
from typing import Self, TypeAlias

from .curves import CURVES, Curve, CurveRule, Piece, Real, as_curve, levels, periodic_names
from .errors import ContourError, TimeValueError
from .limits import check_tempo, check_time, check_value
from .time import TimeLike, as_length, as_time, exact_time

__all__ = [
    "CONTROL_DEFAULTS",
    "DEFAULTS",
    "Contour",
    "Curve",
    "Point",
    "Real",
    "Resolved",
    "Run",
    "Segment",
    "Window",
    "as_curve",
    "as_value",
    "control_name",
    "default_value",
    "resolve",
]

ValueLike: TypeAlias = int | float | Fraction | str
Point: TypeAlias = tuple[Fraction | float, float, bool]
"""(time in whole notes, value, exact): a point of a contour's path (:meth:`Resolved.points`)."""


def as_value(value: ValueLike, what: str) -> Real:
    """A contour value: exact unless given as a float."""
    if isinstance(value, bool):
        raise ContourError(f"{what}: value {value!r} is a bool; give a number")
    if isinstance(value, float):
        check_value(value, what)
        return value
    if isinstance(value, int | Fraction):
        exact = Fraction(value)
    elif isinstance(value, str):
        try:
            exact = Fraction(value)
        except (ValueError, ZeroDivisionError):
            raise ContourError(f"{what}: value {value!r} is not a number") from None
    else:
        raise ContourError(f"{what}: value {value!r} must be a number")
    check_value(exact, what)
    return exact


@dataclass(frozen=True, slots=True)
class Segment:
    """A piece of a contour on ``[start, end)``; ``end`` None means "until the next segment".

    A ramp moves from ``origin`` to ``goal``; a periodic curve moves between ``origin`` (its
    low) and ``goal`` (its high), one cycle every ``period`` whole notes, starting ``phase``
    cycles into its shape. A segment checks itself when made (:class:`ContourError`).
    """

    start: Fraction
    end: Fraction | None
    origin: Real
    goal: Real
    curve: Curve
    period: Fraction | None = None
    phase: Real = Fraction(0)

    def __post_init__(self) -> None:
        kinds = {type(self.start), type(self.end), type(self.origin), type(self.goal)}
        kinds.update((type(self.period), type(self.phase)))
        if not kinds <= _EXACT_KINDS:  # an int (or something to refuse) among them
            for name in ("start", "end", "origin", "goal", "period", "phase"):
                value = getattr(self, name)
                if isinstance(value, int) and not isinstance(value, bool):
                    object.__setattr__(self, name, Fraction(value))  # ints are exact: kept so
        problem = _problem(self)
        if problem is not None:
            raise ContourError(f"{self.describe()}: {problem}")

    @property
    def rule(self) -> CurveRule:
        """The curve's row of the curve table."""
        return CURVES[self.curve]

    @property
    def moving(self) -> bool:
        """True when the value changes inside the segment."""
        if self.origin == self.goal or not self.rule.moves:
            return False
        return self.rule.periodic or self.end is not None

    @property
    def length(self) -> Fraction | None:
        return None if self.end is None else self.end - self.start

    def value_at(self, time: Fraction) -> Real:
        """The value at ``time`` (clamped to the segment), exact for linear Fraction values."""
        if not self.moving or time <= self.start:
            return self.origin if not self.rule.periodic else self._cycle(time)
        if self.rule.periodic:
            return self._cycle(time if self.end is None or time < self.end else self.end)
        end = self.end
        assert end is not None  # moving ramps end
        if time >= end:
            return self.goal
        return self.rule.value(self.origin, self.goal, (time - self.start) / (end - self.start))

    def _cycle(self, time: Fraction) -> Real:
        period = self.period
        assert period is not None  # periodic segments have periods
        u = (max(time, self.start) - self.start) / period + self.phase
        return self.rule.value(self.origin, self.goal, u)

    @property
    def end_value(self) -> Real:
        """The value the segment reaches at its end (a ramp's goal), or at its start if open."""
        if self.rule.periodic:
            return self._cycle(self.end if self.end is not None else self.start)
        return self.goal if self.moving or self.end is not None else self.origin

    def sampler(self) -> Callable[[float], float]:
        """The value as a float function of float whole notes (the fast path of exports)."""
        start, origin, goal, value = (
            float(self.start),
            float(self.origin),
            float(self.goal),
            self.rule.value,
        )
        if not self.moving:
            return lambda t: origin
        if self.rule.periodic:
            period, phase = float(self.period or 1), float(self.phase)
            stop = math.inf if self.end is None else float(self.end)
            return lambda t: float(
                value(origin, goal, (min(max(t, start), stop) - start) / period + phase)
            )
        end = float(self.end) if self.end is not None else start

        def sample(t: float) -> float:
            if t <= start:
                return origin
            if t >= end:
                return goal
            return float(value(origin, goal, (t - start) / (end - start)))

        return sample

    def pieces(self, until: float | None = None) -> Iterator[Run]:
        """Where the value moves one way, in time order (see :class:`Run`); an open periodic
        segment runs ``until``. A hold has none."""
        if not self.moving:
            return
        if not self.rule.periodic:
            assert self.end is not None and self.rule.inverse is not None  # moving ramps
            start, length = float(self.start), float(self.end - self.start)
            a, b, inverse = float(self.origin), float(self.goal), self.rule.inverse
            yield Run(
                start, float(self.end), a, b, lambda v: start + inverse(a, b, length, v), False
            )
            return
        yield from _cycles(self, until)

    def describe(self) -> str:
        if self.rule.periodic:
            span = f"from {self.start}" + ("" if self.end is None else f" to {self.end}")
            phase = f", phase {self.phase}" if self.phase else ""
            return (
                f"{self.curve.value} {self.origin}..{self.goal}, period {self.period}"
                f"{phase}, {span}"
            )
        if not self.moving:
            return f"hold {self.origin} from {self.start}"
        return f"{self.curve.value} {self.origin} -> {self.goal} from {self.start} to {self.end}"

    def __str__(self) -> str:
        return self.describe()


_EXACT_KINDS = frozenset({Fraction, float, type(None)})  # no int to make exact in a segment
_NUMBERS = (Fraction, float)


def _after(end: Fraction, start: Fraction) -> bool:
    """``end > start`` in integers (a Fraction comparison is slow; every segment makes one)."""
    return bool(
        end._numerator * start._denominator  # type: ignore[attr-defined]
        > start._numerator * end._denominator  # type: ignore[attr-defined]
    )


def _positive(value: Real) -> bool:
    """``value > 0``, read from a Fraction's slots (a Fraction comparison is slow)."""
    if type(value) is Fraction:
        return value._numerator > 0  # type: ignore[attr-defined,no-any-return]
    return value > 0


def _nonzero(value: Real) -> bool:
    """``value != 0``, read from a Fraction's slots."""
    if type(value) is Fraction:
        return value._numerator != 0  # type: ignore[attr-defined,no-any-return]
    return bool(value)


def _ends(segment: Segment) -> tuple[Real, ...]:
    """The segment's origin and goal, each distinct value once (a hold's goal is its origin):
    what the value checks look at."""
    origin, goal = segment.origin, segment.goal
    return (origin,) if goal is origin else (origin, goal)


def _problem(segment: Segment) -> str | None:
    """What is wrong with a segment, or None (the checks every segment passes when made)."""
    if not isinstance(segment.curve, Curve):
        return f"curve {segment.curve!r} is not a Curve"
    start, end = segment.start, segment.end
    if not isinstance(start, Fraction) or start._numerator < 0:  # type: ignore[attr-defined]
        return "it must start at an exact time from 0 on"
    if end is not None and (not isinstance(end, Fraction) or not _after(end, start)):
        return "it must end after it starts"
    phase = segment.phase
    values = _ends(segment)  # and the phase, but 0 (a phase of 0 always passes)
    phased = _nonzero(phase)
    if phased or type(phase) is not Fraction:
        values += (phase,)
    for value in values:
        if (
            isinstance(value, bool)
            or not isinstance(value, _NUMBERS)
            or (isinstance(value, float) and not math.isfinite(value))
        ):
            return f"value {value!r} must be a finite number"
        try:
            check_value(value, "a segment")
        except ContourError as error:
            return str(error).removeprefix("a segment: ")
    for time in (start, end, segment.period):
        if time is not None and isinstance(time, Fraction):  # None: no ABC check
            try:
                check_time(time, "its time")
            except TimeValueError as error:
                return str(error)
    rule = segment.rule
    if rule.check is not None and (message := rule.check(segment.origin, segment.goal)):
        return f"{message}; use curve='linear'"
    if rule.periodic:
        if not isinstance(segment.period, Fraction) or segment.period <= 0:
            return f"a {rule.curve.value} curve needs a period above 0, not {segment.period!r}"
        if not 0 <= segment.phase < 1:
            return f"phase {segment.phase} must be a fraction of a cycle in 0..1 (1 excluded)"
    elif segment.period is not None or phased:
        return f"a {rule.curve.value} curve has no period or phase"
    return None


@dataclass(frozen=True, slots=True)
class Run:
    """A stretch of a segment where the value moves one way: from ``t0`` to ``t1`` (float
    whole notes; equal for a jump) it goes from ``v0`` to ``v1``; ``when(v)`` is where it is
    ``v``; ``turns`` says ``v1`` is reached inside the segment (a peak, a trough, a jump's
    landing), so a level exactly there is crossed too."""

    t0: float
    t1: float
    v0: float
    v1: float
    when: Callable[[float], float]
    turns: bool


def _cycles(segment: Segment, until: float | None) -> Iterator[Run]:
    """The runs of a periodic segment, cycle by cycle (see :meth:`Segment.pieces`)."""
    stop = float(segment.end) if segment.end is not None else until
    if stop is None:
        raise ContourError(f"{segment.describe()}: an open periodic segment needs an end here")
    start, period, phase = float(segment.start), float(segment.period or 1), float(segment.phase)
    low, high, value = float(segment.origin), float(segment.goal), segment.rule.value
    span = high - low
    first, last = phase, phase + (stop - start) / period
    cycle = math.floor(first)
    while cycle < last:
        for piece in segment.rule.pieces:
            if piece.y0 == piece.y1:
                continue  # it holds: nothing is crossed
            a, b = cycle + piece.u0, cycle + piece.u1
            u0, u1 = max(a, first), min(b, last)
            if a == b:  # a jump: every level between is crossed at once
                if first < a < last:
                    t = start + (a - phase) * period
                    yield Run(t, t, low + span * piece.y0, low + span * piece.y1, _at(t), True)
                continue
            if u0 >= u1:
                continue
            v0 = low + span * piece.y0 if u0 == a else float(value(low, high, u0))
            v1 = low + span * piece.y1 if u1 == b else float(value(low, high, u1))
            yield Run(
                start + (u0 - phase) * period,
                start + (u1 - phase) * period,
                v0,
                v1,
                _timing(piece, cycle, start, phase, period, low, span),
                u1 == b < last,
            )
        cycle += 1


def _at(time: float) -> Callable[[float], float]:
    """A jump: every value is met at ``time``."""
    return lambda value: time


def _timing(
    piece: Piece, cycle: int, start: float, phase: float, period: float, low: float, span: float
) -> Callable[[float], float]:
    """Value -> time inside one piece of one cycle."""
    at = piece.at
    assert at is not None  # pieces that move have inverses

    def when(v: float) -> float:
        return start + (cycle + at((v - low) / span) - phase) * period

    return when


class Contour:
    """A named contour: contiguous segments, each holding, ramping or oscillating."""

    def __init__(
        self, name: str, default_curve: Curve = Curve.LINEAR, owner: str = "score"
    ) -> None:
        self.name = name
        self.default_curve = default_curve
        self.owner = owner
        self._segments: list[Segment] = []
        self._starts: list[Fraction] = []
        self._closed: list[Segment] | None = None

    # -- building -----------------------------------------------------------------------------
    def hold(self, value: ValueLike, at: TimeLike = 0) -> Self:
        """Hold ``value`` from time ``at`` until the next segment."""
        start = as_time(at, f"{self._where()} hold time")
        held = self._value(value)
        self._insert(self._segment(start, None, held, held, Curve.DISCRETE))
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
        if CURVES[kind].periodic:
            raise ContourError(f"{self._where()}: a ramp cannot be {kind.value}; use .lfo()")
        origin = self._origin(start, "ramp")
        goal = self._value(to)
        self._insert(self._segment(start, start + length, origin, goal, kind))
        self._hold_after(start + length, goal)
        return self

    def lfo(
        self,
        shape: Curve | str,
        *,
        period: TimeLike,
        low: ValueLike,
        high: ValueLike,
        at: TimeLike | None = None,
        over: TimeLike | None = None,
        phase: ValueLike = 0,
    ) -> Self:
        """Oscillate between ``low`` and ``high``, one cycle every ``period`` whole notes, from
        ``at`` for ``over`` whole notes (None: until the next segment), then hold the value
        reached. Shapes: ``sine`` and ``triangle`` start at the middle rising, ``square`` is
        high for the first half cycle, ``saw`` rises from low to high; ``phase`` (a fraction of
        a cycle, 0 to 1) shifts the start. Not for tempo.
        """
        if self.name == "tempo":
            raise ContourError(f"{self._where()}: the tempo cannot oscillate; use hold and ramp")
        kind = as_curve(shape, self._where())
        if not CURVES[kind].periodic:
            names = ", ".join(periodic_names())
            raise ContourError(f"{self._where()}: lfo shape {kind.value!r} is not one of {names}")
        start = self._default_start() if at is None else as_time(at, f"{self._where()} lfo time")
        cycle = as_length(period, f"{self._where()} lfo period")
        end = None if over is None else start + as_length(over, f"{self._where()} lfo length")
        segment = self._segment(
            start, end, self._value(low), self._value(high), kind, cycle, self._value(phase)
        )
        self._insert(segment)
        if end is not None:
            self._hold_after(end, segment.end_value)
        return self

    def add_segment(self, segment: Segment) -> None:
        """Insert a segment as built (for readers restoring a stored contour); it is checked
        as every segment is (its curve's rules, its place among the others)."""
        if not isinstance(segment, Segment):
            raise ContourError(f"{self._where()}: {segment!r} is not a Segment")
        self._insert(
            self._segment(
                segment.start,
                segment.end,
                segment.origin,
                segment.goal,
                segment.curve,
                segment.period,
                segment.phase,
            )
        )

    def restore(
        self,
        start: Fraction,
        end: Fraction | None,
        origin: Real,
        goal: Real,
        curve: Curve,
        period: Fraction | None = None,
        phase: Real = Fraction(0),
    ) -> None:
        """Insert a segment from its stored fields (a reader's path): checked as every segment
        is, its errors naming this contour."""
        self._insert(self._segment(start, end, origin, goal, curve, period, phase))

    def fallback_value(self, time: Fraction) -> Real | None:
        """The value a ramp starts from where this contour holds none yet.

        The default of the contour's name (:func:`default_value`); an owner that inherits
        contours (a voice from its part, say) may override this to look the value up there.
        """
        return default_value(self.name)

    def _origin(self, start: Fraction, what: str) -> Real:
        origin = self.value_at(start)
        if origin is None:
            origin = self.fallback_value(start)
        if origin is None:
            raise ContourError(
                f"{self._where()}: the {what} at {start} has no value to start from; "
                f"hold a value first (.hold(value, at=...))"
            )
        return origin

    def _hold_after(self, end: Fraction, value: Real) -> None:
        if end not in self._starts:
            self._insert(self._segment(end, None, value, value, Curve.DISCRETE))

    def _segment(self, *fields: object) -> Segment:
        """A segment of this contour, its own checks and this contour's (the tempo's) named."""
        try:
            segment = Segment(*fields)  # type: ignore[arg-type]
        except ContourError as error:
            raise ContourError(f"{self._where()}: {error}") from None
        if self.name == "tempo":
            _check_tempo(segment, self._where)
        return segment

    def _value(self, value: ValueLike) -> Real:
        return as_value(value, self._where())

    def _where(self) -> str:
        return f"{self.owner} contour {self.name!r}"

    def _default_start(self) -> Fraction:
        return self._starts[-1] if self._starts else Fraction(0)

    def _insert(self, segment: Segment) -> None:
        """Put ``segment`` in its place (replacing one that starts at the same time), or raise
        and leave the contour as it was."""
        starts = self._starts
        if not starts or _after(segment.start, starts[-1]):
            i = len(starts)  # after the last: a reader's and a builder's usual case
        else:
            i = bisect.bisect_left(starts, segment.start)
        previous = self._segments[i - 1] if i > 0 else None
        if previous is not None and previous.end is not None and previous.end > segment.start:
            raise ContourError(
                f"{self._where()}: a segment at {segment.start} falls inside the ramp "
                f"{previous.start}..{previous.end}; start it at {previous.end} or later"
            )
        replaces = i < len(self._starts) and self._starts[i] == segment.start
        if segment.end is not None:
            for later in self._starts[i + replaces :]:
                if later < segment.end:
                    raise ContourError(
                        f"{self._where()}: the ramp {segment.start}..{segment.end} overlaps the "
                        f"segment at {later}; end the ramp by {later} or move that segment"
                    )
                break
        if replaces:
            self._segments[i] = segment
        else:
            self._segments.insert(i, segment)
            self._starts.insert(i, segment.start)
        self._closed = None

    # -- reading ------------------------------------------------------------------------------
    @property
    def segments(self) -> list[Segment]:
        """The segments in time order, each closed at the next one's start."""
        if self._closed is None:
            out = []
            for i, seg in enumerate(self._segments):
                end = self._starts[i + 1] if i + 1 < len(self._starts) else None
                if seg.end is None and end is not None:
                    seg = replace(seg, end=end)
                out.append(seg)
            self._closed = out
        return list(self._closed)

    @property
    def stored_segments(self) -> tuple[Segment, ...]:
        """The segments as built (a hold's end left open): what a document stores."""
        return tuple(self._segments)

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
        return self.segments[i] if i >= 0 else None

    def value_at(self, time: TimeLike) -> Real | None:
        """The value at ``time``, or None before the first segment."""
        t = exact_time(time)
        segment = self.segment_at(t)
        return None if segment is None else segment.value_at(t)

    def __repr__(self) -> str:
        return f"Contour({self.name!r}, {[str(s) for s in self.segments]})"


def _check_tempo(segment: Segment, where: Callable[[], str]) -> None:
    """The tempo's own rules: a positive number of beats a minute, and no oscillation.
    ``where`` names the contour, asked only when a rule is broken (a MIDI file's import
    checks every tempo it holds)."""
    if segment.rule.periodic or segment.rule.elapsed is None:
        raise ContourError(f"{where()}: the tempo cannot be {segment.curve.value}; hold or ramp it")
    if not all(map(_positive, _ends(segment))):
        raise ContourError(f"{where()}: tempo {segment}: a tempo must be positive")
    for value in _ends(segment):
        try:
            check_tempo(value, "")  # its message then starts ": tempo ..."
        except ContourError as error:
            raise ContourError(f"{where()}: {segment}{error}") from None


# -- inheritance: one resolved view ---------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Window:
    """Where one contour's segment is in force in a resolved view: from ``start`` (the
    segment's own start) to ``end`` (None: for ever), ``index`` its place in ``contour``."""

    start: Fraction
    end: Fraction | None
    segment: Segment
    contour: Contour
    index: int

    @property
    def clipped(self) -> bool:
        """True when a nearer contour takes over before the segment ends."""
        return self.end is not None and (self.segment.end is None or self.end < self.segment.end)

    def key(self) -> tuple[Fraction, Fraction | None, Segment]:
        """What the window holds, for comparing views (not which contour holds it)."""
        return self.start, self.end, self.segment


class Resolved:
    """One contour name as an owner follows it over time: the nearest contour from its start,
    each one before it up to where the nearer one starts (see :func:`resolve`).

    >>> part, voice = Contour("control:11").hold(100), Contour("control:11").hold(50, at=2)
    >>> view = resolve("control:11", [voice, part])
    >>> [view.value_at(t) for t in (0, 1, 2, 3)]
    [Fraction(100, 1), Fraction(100, 1), Fraction(50, 1), Fraction(50, 1)]
    """

    def __init__(self, name: str, windows: Sequence[Window]) -> None:
        self.name = name
        self.windows = tuple(windows)
        self._starts = [w.start for w in self.windows]

    @property
    def start(self) -> Fraction | None:
        """Where the view has a value from (None: nowhere)."""
        return self._starts[0] if self._starts else None

    @property
    def endless(self) -> bool:
        """True when the last segment oscillates for ever (enumerations then need an end)."""
        return (
            bool(self.windows)
            and self.windows[-1].segment.moving
            and self.windows[-1].end is None
            and self.windows[-1].segment.end is None
        )

    def __bool__(self) -> bool:
        return bool(self.windows)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Resolved):
            return NotImplemented
        return [w.key() for w in self.windows] == [w.key() for w in other.windows]

    def __hash__(self) -> int:
        return hash(tuple(w.key() for w in self.windows))

    def window_at(self, time: Fraction) -> Window | None:
        i = bisect.bisect_right(self._starts, time) - 1
        return self.windows[i] if i >= 0 else None

    def value_at(self, time: TimeLike) -> Real | None:
        """The value at ``time``, or None before the view starts."""
        t = exact_time(time)
        window = self.window_at(t)
        return None if window is None else window.segment.value_at(t)

    def sampler(self) -> Callable[[float], float]:
        """The view as a float function of float whole notes, from its start on (before it,
        the first value). Exporters ask in time order, so the window found last is tried
        first."""
        if not self.windows:
            raise ContourError(f"contour {self.name!r} has no value anywhere")
        starts = [float(s) for s in self._starts]
        table = [
            (starts[i], math.inf if w.end is None else float(w.end), w.segment.sampler())
            for i, w in enumerate(self.windows)
        ]
        last = [table[0]]

        def sample(time: float) -> float:
            entry = last[0]
            if not entry[0] <= time < entry[1]:
                entry = last[0] = table[max(bisect.bisect_right(starts, time) - 1, 0)]
            return entry[2](time)

        return sample

    def points(
        self, step: float, shift: float = 0.0, until: float | None = None
    ) -> Iterator[Point]:
        """The path of the view as points: each window's start (exact), each level
        ``shift + k * step`` the value crosses (its time a float), and each segment's own end
        inside its window (exact), in time order; an endless view stops at ``until``."""
        for window in self.windows:
            segment = window.segment
            yield window.start, float(segment.value_at(window.start)), True
            for time, level, _, _ in _window_levels(window, step, shift, until):
                yield time, level, False
            if segment.end is not None and segment.moving and not window.clipped:
                yield segment.end, float(segment.end_value), True

    def crossings(
        self, step: float, shift: float = 0.0, until: float | None = None
    ) -> Iterator[tuple[float, float, bool, bool]]:
        """(time, level, rising, jump) wherever the value crosses a level ``shift + k *
        step``; ``jump``: the value leaps past it at that instant (a square or saw wave)."""
        for window in self.windows:
            yield from _window_levels(window, step, shift, until)


def _window_levels(
    window: Window, step: float, shift: float, until: float | None
) -> Iterator[tuple[float, float, bool, bool]]:
    """(time, level, rising, jump) of the levels a window's segment crosses inside it."""
    stop = None if window.end is None else float(window.end)
    for run in window.segment.pieces(stop if stop is not None else until):
        rising, jump = run.v1 > run.v0, run.t0 == run.t1
        for k in levels(run.v0, run.v1, step, shift, run.turns):
            level = shift + k * step
            time = run.when(level)
            if stop is not None and time >= stop:
                return
            yield time, level, rising, jump


def resolve(name: str, contours: Sequence[Contour | None]) -> Resolved:
    """The view of ``contours`` (nearest first: a voice's, its part's, the score's): each is in
    force from its start until a nearer one starts."""
    windows: list[Window] = []
    limit: Fraction | None = None
    for contour in contours:
        if contour is None or contour.start is None:
            continue
        if limit is not None and contour.start >= limit:
            continue
        for index, segment in enumerate(contour.segments):
            if limit is not None and segment.start >= limit:
                break
            end = segment.end
            if limit is not None and (end is None or end > limit):
                end = limit
            windows.append(Window(segment.start, end, segment, contour, index))
        limit = contour.start
    windows.sort(key=lambda w: w.start)
    return Resolved(name, windows)


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
