"""Split a measure's events into notatable pieces joined by ties, at the boundaries notation shows.

The meter of one bar is a :class:`~.metric.BarMeter` and its *metric tree* of sections, beat
groups and their default division (see :mod:`.metric`). A tuplet group (see :mod:`.tuplets`) is a
node of its own whose children are its written units.

An event ``[s, e)`` is split by walking down the tree. At the smallest node holding it that has a
child boundary strictly inside, the rules decide whether it may cross those boundaries:

* notes, at a *simple* node (children of one plain length: 4/4's halves, 3/4's beats, a beat's
  eighths): crossing is fine when the note starts on a child boundary (half note on beat 1 or 2
  of 3/4, dotted quarter on beat 1 of 2/4); also the centred syncopation of a two-child node
  (8-4-8 in 2/4 or in a half bar, 4-2-4 in 4/4, 16-8-16 in a beat) unless
  :attr:`Syncopation.SHOW_BEATS`; and inside a beat a single value that ends on the beat
  (16 then dotted 8).
* notes, at any other node (compound or irregular: 6/8's two dotted beats, 7/8's 2+2+3): only
  when both ends lie on child boundaries (no half note on beat 1 of 6/8).
* rests are stricter: at beat level or below a rest may start on the node's start and end on a
  child boundary (a quarter rest opening a 6/8 beat); above the beat a rest must fill one node,
  so 3/4 gets two quarter rests, not a half rest, and 4/4 a half and a quarter, not a dotted half.

Otherwise the event is cut at the first child boundary (or, starting on one, at the last) and the
pieces go on down. An accepted piece that one value cannot show is cut at the latest child
boundary that leaves a notatable head (half tied to eighth for 5/8 from the downbeat). A rest
filling the whole bar becomes one whole-measure rest.

The work is done in ticks (:func:`split_ticks`, which the planner calls with the part's grid):
the rules above run once per node and span (cached, in whole notes), while the walk over a
measure's events, its tuplet frames and its pieces adds and compares ints.
:func:`split_measure` is the same in whole notes.

>>> m = BarMeter.from_signature(4, 4)
>>> for p in split_measure(m, [Span(Fraction(0), Fraction(3, 8)),
...                             Span(Fraction(3, 8), Fraction(3, 8)),
...                             Span(Fraction(3, 4), Fraction(1, 4))]):
...     print(p.event, p.offset, p.value, "tied on" if p.tie_start else "")
0 0 dotted quarter
1 3/8 eighth tied on
1 1/2 quarter
2 3/4 quarter
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from enum import Enum
from fractions import Fraction
from functools import lru_cache
from typing import TYPE_CHECKING

from ..errors import ExportError
from .grid import Grid, OffGrid, exact, ticks_of
from .metric import ZERO, BarMeter, Level, MetricNode
from .values import (
    SMALLEST,
    NoteValue,
    TimeModification,
    TupletMark,
    is_dyadic,
    notatable,
    split_notatable,
)

if TYPE_CHECKING:
    from .tuplets import TupletGroup

__all__ = [
    "ZERO",
    "BarMeter",
    "Level",
    "MetricNode",
    "Piece",
    "Span",
    "Syncopation",
    "check_tiling",
    "split_at_barlines",
    "split_measure",
    "split_ticks",
]

_LOW_LEVELS = frozenset({Level.GROUP, Level.SUBDIVISION, Level.TUPLET})


class Syncopation(Enum):
    """Whether a centred syncopation (8-4-8 in 2/4, 4-2-4 in 4/4) may stay one note."""

    KEEP_CENTERED = "keep centered"
    SHOW_BEATS = "show beats"


@dataclass(frozen=True, slots=True)
class Span:
    """One event of a voice in a measure: its offset from the measure start and its length."""

    offset: Fraction
    length: Fraction
    rest: bool = False

    @property
    def end(self) -> Fraction:
        return self.offset + self.length


@dataclass(frozen=True, slots=True)
class Piece:
    """One written note or rest: a part of input event ``event``.

    ``offset_ticks`` and ``length_ticks`` are sounding time from the measure start, in ticks of
    ``resolution`` a whole note (:attr:`offset`, :attr:`length` and :attr:`end` give them in
    whole notes); ``value`` is what is written (``None`` only for a whole-measure rest, written
    ``<rest measure="yes"/>`` with no ``<type>``). ``tie_stop``/``tie_start`` tie it to the
    previous/next piece of the same event. ``tuplet_starts`` lists outermost first,
    ``tuplet_stops`` innermost first.
    """

    event: int
    offset_ticks: int
    length_ticks: int
    resolution: int
    value: NoteValue | None
    rest: bool = False
    tie_stop: bool = False
    tie_start: bool = False
    measure_rest: bool = False
    time_modification: TimeModification | None = None
    tuplet_starts: tuple[TupletMark, ...] = ()
    tuplet_stops: tuple[TupletMark, ...] = ()

    @property
    def offset(self) -> Fraction:
        return Fraction(self.offset_ticks, self.resolution)

    @property
    def length(self) -> Fraction:
        return Fraction(self.length_ticks, self.resolution)

    @property
    def end(self) -> Fraction:
        return Fraction(self.offset_ticks + self.length_ticks, self.resolution)

    def moved(self, ticks: int, events: int) -> Piece:
        """The piece ``ticks`` later, of the event ``events`` further on."""
        return Piece(
            self.event + events,
            self.offset_ticks + ticks,
            self.length_ticks,
            self.resolution,
            self.value,
            self.rest,
            self.tie_stop,
            self.tie_start,
            self.measure_rest,
            self.time_modification,
            self.tuplet_starts,
            self.tuplet_stops,
        )


def check_tiling(spans: Sequence[Span], length: Fraction) -> None:
    """Raise :class:`~scoreframe.errors.ExportError` unless ``spans`` cover ``[0, length)`` in
    order, without gaps or overlaps (fill gaps with rests, hidden ones if need be, first)."""
    at = ZERO
    for span in spans:
        if span.length <= 0:
            raise ExportError(f"event at offset {span.offset} has length {span.length} <= 0")
        if span.offset != at:
            what = "overlaps the previous event" if span.offset < at else f"leaves a gap from {at}"
            raise ExportError(
                f"event at offset {span.offset} {what}; give a voice's events in order, "
                "filling gaps with rests"
            )
        at = span.end
    if at != length:
        raise ExportError(f"the events end at {at}, the measure at {length}")


def split_at_barlines(
    offset: Fraction, length: Fraction, barlines: Sequence[Fraction]
) -> tuple[tuple[Fraction, Fraction], ...]:
    """Cut ``[offset, offset + length)`` at the sorted ``barlines`` inside it.

    >>> split_at_barlines(Fraction(3, 4), Fraction(1, 2), [Fraction(0), Fraction(1), Fraction(2)])
    ((Fraction(3, 4), Fraction(1, 4)), (Fraction(1, 1), Fraction(1, 4)))
    """
    from bisect import bisect_right

    end = offset + length
    out: list[tuple[Fraction, Fraction]] = []
    at = offset
    for line in barlines[bisect_right(barlines, offset) :]:
        if line >= end:
            break
        out.append((at, line - at))
        at = line
    out.append((at, end - at))
    return tuple(out)


@dataclass(frozen=True, slots=True, eq=False)
class _Rules:
    """The splitting options; one object per choice (see :func:`_rules`), so the caches that
    key on it hash it by identity."""

    max_dots: int
    syncopation: Syncopation


@lru_cache(maxsize=64)
def _rules(max_dots: int, syncopation: Syncopation) -> _Rules:
    return _Rules(max_dots, syncopation)


Event = tuple[int, int, bool]
"""An event in ticks: offset from the measure start, length, rest."""


def split_measure(
    meter: BarMeter,
    spans: Sequence[Span],
    groups: Sequence[TupletGroup] = (),
    *,
    origin: Fraction = ZERO,
    max_dots: int = 2,
    syncopation: Syncopation = Syncopation.KEEP_CENTERED,
) -> tuple[Piece, ...]:
    """Split one voice's events in one measure into written pieces.

    ``spans`` must tile the measure (see :func:`check_tiling`); ``groups`` are the tuplet groups
    :func:`.tuplets.find_tuplets` found for the same spans. ``origin`` is the metric position of
    the measure's start: ``meter.length - pickup`` for an anacrusis, else 0. The pieces are in
    ticks of the finest grid the times need.

    A half note on beat 1 of 6/8 shows the second beat; the rest after it shows its eighths:

    >>> [str(p.value) for p in split_measure(BarMeter.from_signature(6, 8),
    ...                                      [Span(Fraction(0), Fraction(1, 2)),
    ...                                       Span(Fraction(1, 2), Fraction(1, 4), rest=True)])]
    ['dotted quarter', 'eighth', 'eighth', 'eighth']
    """
    check_tiling(spans, meter.length - origin)
    bounds = [t for g in groups for _, inner in g.walk() for t in (inner.start, inner.length)]
    grid = Grid.of([origin, *bounds, *(t for s in spans for t in (s.offset, s.length))])
    while True:
        events = [(grid.ticks(s.offset), grid.ticks(s.length), s.rest) for s in spans]
        try:
            return split_ticks(
                meter,
                events,
                groups,
                origin,
                grid.per_whole,
                max_dots=max_dots,
                syncopation=syncopation,
            )
        except OffGrid as off:
            grid = grid.refined(off.factor)


def split_ticks(
    meter: BarMeter,
    events: Sequence[Event],
    groups: Sequence[TupletGroup],
    origin: Fraction,
    resolution: int,
    *,
    max_dots: int = 2,
    syncopation: Syncopation = Syncopation.KEEP_CENTERED,
    measure_rest: bool = True,
) -> tuple[Piece, ...]:
    """:func:`split_measure` on events in ticks of ``resolution`` a whole note (which the
    measure, ``origin`` and the groups land on); raises :class:`~.grid.OffGrid` when a cut
    inside a tuplet falls between ticks. ``measure_rest=False`` writes a rest filling the
    measure by the rules for rests (for a part of a bar, see :mod:`.bars`)."""
    length = ticks_of(meter.length - origin, resolution)
    _check_ticks(events, length, resolution)
    if measure_rest and len(events) == 1 and events[0][2] and origin == 0:
        return (Piece(0, 0, length, resolution, None, rest=True, measure_rest=True),)
    rules = _rules(max_dots, syncopation)
    top = _frame(meter.root(), groups, -ticks_of(origin, resolution), resolution)
    out: list[Piece] = []
    for index, (start, size, rest) in enumerate(events):
        cuts = _split_in_frame(top, start, start + size, rest, rules)
        last = len(cuts) - 1
        for k, (s, e, frame, value) in enumerate(cuts):
            tied = not rest
            out.append(frame.piece(index, s, e, value, rest, tied and k > 0, tied and k < last))
    return tuple(out)


def _check_ticks(events: Sequence[Event], length: int, resolution: int) -> None:
    """:func:`check_tiling` for events in ticks."""
    at = 0
    for start, size, _ in events:
        if size <= 0 or start != at:
            time = Fraction(1, resolution)
            spans = [Span(s * time, n * time, rest) for s, n, rest in events]
            check_tiling(spans, length * time)
        at = start + size
    if at != length:
        raise ExportError(
            f"the events end at {Fraction(at, resolution)}, the measure at "
            f"{Fraction(length, resolution)}"
        )


@dataclass(frozen=True, slots=True)
class _Group:
    """A tuplet group in measure ticks, with the frame its content is written in."""

    start: int
    end: int
    frame: _Frame


@dataclass(frozen=True, slots=True)
class _Frame:
    """A coordinate space: ``local = (offset - zero) * actual`` in ticks of
    ``resolution * normal`` (offsets are measure ticks of ``resolution``); tuplets nest frames.

    ``groups`` are the tuplet groups directly inside; ``chain`` holds the enclosing groups'
    ``(start, end)``, outermost first (empty outside any tuplet), and ``modification`` and
    ``marks`` are what the pieces written here carry.
    """

    zero: int
    actual: int
    normal: int
    resolution: int
    root: MetricNode
    groups: tuple[_Group, ...]
    chain: tuple[tuple[int, int], ...]
    modification: TimeModification | None
    marks: tuple[TupletMark, ...]

    def piece(
        self,
        index: int,
        s: int,
        e: int,
        value: NoteValue,
        rest: bool,
        tie_stop: bool,
        tie_start: bool,
    ) -> Piece:
        """The piece ``[s, e)`` (measure ticks) written in this frame."""
        if not self.chain:
            return Piece(index, s, e - s, self.resolution, value, rest, tie_stop, tie_start)
        starts = tuple(m for m, g in zip(self.marks, self.chain, strict=True) if g[0] == s)
        stops = tuple(m for m, g in zip(self.marks, self.chain, strict=True) if g[1] == e)
        return Piece(
            index,
            s,
            e - s,
            self.resolution,
            value,
            rest,
            tie_stop,
            tie_start,
            False,
            self.modification,
            starts,
            stops[::-1],
        )


def _frame(
    root: MetricNode,
    groups: Sequence[TupletGroup],
    zero: int,
    resolution: int,
    path: tuple[TupletGroup, ...] = (),
    chain: tuple[tuple[int, int], ...] = (),
) -> _Frame:
    """The frame of ``root`` (the measure's tree, or the written space of ``path[-1]``) with
    the frames of the groups inside it."""
    actual = normal = 1
    for g in path:
        actual, normal = actual * g.actual, normal * g.normal
    inner = []
    for g in groups:
        start = ticks_of(g.start, resolution)
        end = start + ticks_of(g.length, resolution)
        frame = _frame(g.root(), g.inner, start, resolution, (*path, g), (*chain, (start, end)))
        inner.append(_Group(start, end, frame))
    modification = TimeModification(actual, normal, path[-1].normal_type) if path else None
    marks = tuple(TupletMark(d + 1, g.actual, g.normal, g.normal_type) for d, g in enumerate(path))
    return _Frame(zero, actual, normal, resolution, root, tuple(inner), chain, modification, marks)


_Cut = tuple[int, int, _Frame, NoteValue]


def _split_in_frame(frame: _Frame, s: int, e: int, rest: bool, rules: _Rules) -> list[_Cut]:
    """Pieces of ``[s, e)`` (measure ticks) with the frame each is written in."""
    out: list[_Cut] = []
    at = s
    for g in frame.groups:
        if g.end <= at or g.start >= e:
            continue
        if g.start > at:
            out.extend(_split_plain(frame, at, g.start, rest, rules))
            at = g.start
        stop = min(g.end, e)
        out.extend(_split_in_frame(g.frame, at, stop, rest, rules))
        at = stop
    if at < e:
        out.extend(_split_plain(frame, at, e, rest, rules))
    return out


def _split_plain(frame: _Frame, s: int, e: int, rest: bool, rules: _Rules) -> list[_Cut]:
    """Pieces of ``[s, e)`` outside the frame's tuplet groups, back in measure ticks."""
    zero, actual = frame.zero, frame.actual
    try:
        local = _written_ticks(
            frame.root,
            (s - zero) * actual,
            (e - zero) * actual,
            frame.resolution * frame.normal,
            rest,
            rules,
        )
    except _Unwritable:
        where = "inside a tuplet" if frame.chain else "outside any tuplet group"
        raise ExportError(
            f"the event piece from {Fraction(s, frame.resolution)} to "
            f"{Fraction(e, frame.resolution)} in the measure cannot be written {where}; "
            "its times need a tuplet the detected groups do not provide, or are finer than "
            "a 1024th"
        ) from None
    if actual == 1:
        return [(zero + a, zero + b, frame, v) for a, b, v in local]
    return [(zero + exact(a, actual), zero + exact(b, actual), frame, v) for a, b, v in local]


class _Unwritable(Exception):
    """A local span off the dyadic grid or finer than a 1024th."""


@lru_cache(maxsize=1 << 16)
def _written_ticks(
    root: MetricNode, s: int, e: int, resolution: int, rest: bool, rules: _Rules
) -> tuple[tuple[int, int, NoteValue], ...]:
    """:func:`_written` in ticks of ``resolution`` (cached: the same spans come back)."""
    pieces = _written(root, Fraction(s, resolution), Fraction(e, resolution), rest, rules)
    return tuple((ticks_of(a, resolution), ticks_of(b, resolution), v) for a, b, v in pieces)


@lru_cache(maxsize=1 << 16)
def _written(
    root: MetricNode, s: Fraction, e: Fraction, rest: bool, rules: _Rules
) -> tuple[tuple[Fraction, Fraction, NoteValue], ...]:
    """Local ``(start, end, value)`` pieces of ``[s, e)`` (cached per node and span)."""
    if not (is_dyadic(s) and is_dyadic(e)) or ((e - s) / SMALLEST).denominator != 1:
        raise _Unwritable
    out: list[tuple[Fraction, Fraction, NoteValue]] = []
    for a, b in _split_span(root, s, e, rest, rules):
        for v in split_notatable(b - a, rules.max_dots):
            out.append((a, a + v.length, v))
            a += v.length
    return tuple(out)


@lru_cache(maxsize=1 << 16)
def _split_span(
    node: MetricNode, s: Fraction, e: Fraction, rest: bool, rules: _Rules
) -> tuple[tuple[Fraction, Fraction], ...]:
    """Local pieces of ``[s, e)`` inside ``node`` by the rules in the module docstring
    (cached: scores repeat their rhythms, and the metric trees are shared)."""
    if s == node.start and e == node.end and notatable(e - s, rules.max_dots):
        return ((s, e),)
    if node.length < SMALLEST:
        raise ExportError(f"cannot split the span {s}..{e}: it is finer than a 1024th")
    kids = node.children()
    inner = [k.start for k in kids[1:] if s < k.start < e]
    if not inner:
        kid = next(k for k in kids if k.start <= s and e <= k.end)
        return _split_span(kid, s, e, rest, rules)
    bounds = {k.start for k in kids}
    bounds.add(node.end)
    if _accepts(node, kids, s, e, rest, bounds, rules):
        return _write_accepted(node, s, e, inner, rest, rules)
    cut = inner[0] if s not in bounds or e in bounds else inner[-1]
    return _split_span(node, s, cut, rest, rules) + _split_span(node, cut, e, rest, rules)


def _accepts(
    node: MetricNode,
    kids: tuple[MetricNode, ...],
    s: Fraction,
    e: Fraction,
    rest: bool,
    bounds: set[Fraction],
    rules: _Rules,
) -> bool:
    """May ``[s, e)`` cross the child boundaries of ``node`` as one stretch?"""
    low = node.level in _LOW_LEVELS
    if rest:
        return low and s == node.start and e in bounds
    if not node.simple:
        return s in bounds and e in bounds
    if s in bounds:
        return True
    if rules.syncopation is Syncopation.KEEP_CENTERED and len(kids) == 2:
        half = kids[0].length / 2
        if s == kids[0].start + half and e == kids[1].start + half:
            return True
    return low and e == node.end and notatable(e - s, rules.max_dots) is not None


def _write_accepted(
    node: MetricNode,
    s: Fraction,
    e: Fraction,
    inner: list[Fraction],
    rest: bool,
    rules: _Rules,
) -> tuple[tuple[Fraction, Fraction], ...]:
    """One value if it can; else a notatable head up to the latest child boundary, and on."""
    if notatable(e - s, rules.max_dots):
        return ((s, e),)
    cut = next((b for b in reversed(inner) if notatable(b - s, rules.max_dots)), inner[0])
    return _split_span(node, s, cut, rest, rules) + _split_span(node, cut, e, rest, rules)
