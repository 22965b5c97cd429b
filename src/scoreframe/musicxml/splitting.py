"""Split a measure's events into notatable pieces joined by ties, at the boundaries notation shows.

The meter of one bar is a :class:`BarMeter`: the bar divided into *sections* (the half bar of
4/4 or 12/8), each divided into *beat groups* (quarters in 3/4, dotted quarters in 6/8,
2+2+3 eighths in 7/8). Below the groups every length divides by default: a plain length into two
halves, a dotted one into three, any other into 2+...+2+3 units. Together these levels form the
*metric tree* (:class:`MetricNode`). A tuplet group (see :mod:`.tuplets`) is a node of its own
whose children are its written units.

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
from dataclasses import dataclass, field
from enum import Enum
from fractions import Fraction
from functools import lru_cache
from typing import TYPE_CHECKING

from ..errors import ExportError, MeterError
from .values import (
    SMALLEST,
    NoteValue,
    TimeModification,
    TupletMark,
    is_dyadic,
    is_plain,
    notatable,
    split_notatable,
)

if TYPE_CHECKING:
    from .tuplets import TupletGroup

ZERO = Fraction(0)


class Level(Enum):
    """Where a node sits in the metric tree; the rules for rests look at it."""

    BAR = "bar"
    SECTION = "section"
    GROUP = "group"
    SUBDIVISION = "subdivision"
    TUPLET = "tuplet"


_LOW_LEVELS = frozenset({Level.GROUP, Level.SUBDIVISION, Level.TUPLET})


class Syncopation(Enum):
    """Whether a centred syncopation (8-4-8 in 2/4, 4-2-4 in 4/4) may stay one note."""

    KEEP_CENTERED = "keep centered"
    SHOW_BEATS = "show beats"


@dataclass(frozen=True, slots=True)
class MetricNode:
    """A stretch of the bar (or of a tuplet's written space) and how it divides.

    ``parts`` lists explicit children (bar, sections, groups, tuplet units); empty means the
    default division, computed on demand by :meth:`children`.

    >>> [str(k.length) for k in MetricNode(Fraction(0), Fraction(3, 8), Level.GROUP).children()]
    ['1/8', '1/8', '1/8']
    """

    start: Fraction
    length: Fraction
    level: Level
    parts: tuple[MetricNode, ...] = ()
    end: Fraction = field(init=False, repr=False, compare=False)
    _hash: int = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        # Nodes key the split cache; keep their end and hash rather than recompute them.
        object.__setattr__(self, "end", self.start + self.length)
        object.__setattr__(
            self, "_hash", hash((self.start, self.length, self.level, self.parts))
        )

    def __hash__(self) -> int:
        return self._hash

    def children(self) -> tuple[MetricNode, ...]:
        """The explicit parts, or two halves / three thirds / 2+...+3 units."""
        return self.parts or _subdivide(self.start, self.length)

    @property
    def simple(self) -> bool:
        """True when the children share one plain length (crossing them is lenient for notes)."""
        kids = self.children()
        first = kids[0].length
        return is_plain(first) and all(k.length == first for k in kids)


@lru_cache(maxsize=65536)
def _subdivide(start: Fraction, length: Fraction) -> tuple[MetricNode, ...]:
    odd = length.numerator
    while odd % 2 == 0:
        odd //= 2
    if odd == 1:
        counts: tuple[int, ...] = (1, 1)
        unit = length / 2
    elif odd == 3:
        counts, unit = (1, 1, 1), length / 3
    else:
        counts, unit = (2,) * ((odd - 3) // 2) + (3,), length / odd
    out: list[MetricNode] = []
    at = start
    for count in counts:
        out.append(MetricNode(at, unit * count, Level.SUBDIVISION))
        at += unit * count
    return tuple(out)


def _default_sections(numerator: int, denominator: int) -> tuple[tuple[int, ...], ...]:
    """Beat groups (in units of 1/denominator) gathered into sections, by convention."""
    if denominator >= 8 and numerator % 3 == 0 and numerator > 3:
        groups = (3,) * (numerator // 3)
    elif denominator >= 8 and numerator > 3:
        groups = (2,) * ((numerator - 3) // 2) + (3,) if numerator % 2 else (2,) * (numerator // 2)
    elif denominator >= 8:
        groups = (numerator,)
    else:
        groups = (1,) * numerator
    return _sections_of(groups)


def _sections_of(groups: tuple[int, ...]) -> tuple[tuple[int, ...], ...]:
    """Equal groups gathered into sections: four make two halves (4/4, 12/8); six single beats
    make 3+3 (6/4); five or seven single beats make 2+3 or 2+2+3 (5/4, 7/4)."""
    count = len(groups)
    if count < 4 or len(set(groups)) != 1:
        return (groups,)
    if count == 4:
        sizes: tuple[int, ...] = (2, 2)
    elif groups[0] != 1:
        return (groups,)
    elif count == 6:
        sizes = (3, 3)
    else:
        sizes = (2,) * ((count - 3) // 2) + (3,) if count % 2 else (2,) * (count // 2)
    out: list[tuple[int, ...]] = []
    at = 0
    for size in sizes:
        out.append(groups[at : at + size])
        at += size
    return tuple(out)


@dataclass(frozen=True, slots=True)
class BarMeter:
    """One bar's metric structure: sections of beat groups, each a length in whole notes.

    >>> BarMeter.from_signature(6, 8).groups
    (Fraction(3, 8), Fraction(3, 8))
    >>> BarMeter.from_signature(7, 8).groups
    (Fraction(1, 4), Fraction(1, 4), Fraction(3, 8))
    >>> len(BarMeter.from_signature(4, 4).sections)
    2
    """

    sections: tuple[tuple[Fraction, ...], ...]

    def __post_init__(self) -> None:
        if not self.sections or not all(self.sections):
            raise MeterError("a bar meter needs at least one section of at least one beat group")
        for group in self.groups:
            if not isinstance(group, Fraction) or group <= 0 or not is_dyadic(group):
                raise MeterError(
                    f"beat group {group!r} must be a positive Fraction with a power-of-two "
                    "denominator"
                )

    @classmethod
    def from_signature(
        cls, numerator: int, denominator: int, groups: Sequence[int] = ()
    ) -> BarMeter:
        """The conventional structure of a time signature; ``groups`` (in units of
        ``1/denominator``, adding up to ``numerator``) overrides the beat grouping. Over a
        denominator of 4 or less the groups gather beats into sections (``3+2/4`` keeps
        quarter beats); over 8 or more they are the beats (``3+2+2/8``).

        >>> BarMeter.from_signature(7, 8, (3, 2, 2)).groups[0]
        Fraction(3, 8)
        """
        if numerator < 1 or denominator < 1 or denominator & (denominator - 1):
            raise MeterError(f"meter {numerator}/{denominator}: give a power-of-two denominator")
        if groups and sum(groups) != numerator:
            raise MeterError(
                f"meter {numerator}/{denominator}: the groups {tuple(groups)} must add up to "
                f"{numerator}"
            )
        if not groups:
            counts = _default_sections(numerator, denominator)
        elif denominator <= 4:  # 3+2/4: sections of quarter beats, not beats of 3 quarters
            counts = tuple((1,) * g for g in groups) if max(groups) > 1 else _sections_of(
                tuple(groups)
            )
        else:
            counts = _sections_of(tuple(groups))
        return cls(tuple(tuple(Fraction(g, denominator) for g in s) for s in counts))

    @classmethod
    def of_groups(cls, groups: Sequence[Fraction]) -> BarMeter:
        """A bar of one section with these beat groups (lengths in whole notes)."""
        return cls((tuple(Fraction(g) for g in groups),))

    @property
    def groups(self) -> tuple[Fraction, ...]:
        """The beat groups in order."""
        return tuple(g for section in self.sections for g in section)

    @property
    def length(self) -> Fraction:
        """The bar's length in whole notes."""
        return _bar_length(self)

    def root(self) -> MetricNode:
        """The metric tree: the bar, its sections (if more than one), its beat groups."""
        return _root(self)


@lru_cache(maxsize=256)
def _bar_length(meter: BarMeter) -> Fraction:
    return sum(meter.groups, ZERO)


@lru_cache(maxsize=256)
def _root(meter: BarMeter) -> MetricNode:
    at = ZERO
    sections: list[MetricNode] = []
    for section in meter.sections:
        start = at
        nodes: list[MetricNode] = []
        for g in section:
            nodes.append(MetricNode(at, g, Level.GROUP))
            at += g
        if len(nodes) == 1:
            sections.append(nodes[0])
        else:
            sections.append(MetricNode(start, at - start, Level.SECTION, tuple(nodes)))
    if len(sections) == 1:
        only = sections[0]
        return only if only.level is Level.GROUP else MetricNode(
            ZERO, at, Level.BAR, only.parts
        )
    return MetricNode(ZERO, at, Level.BAR, tuple(sections))


@dataclass(frozen=True, slots=True)
class Span:
    """One event of a voice in a measure: its offset from the measure start and its length."""

    offset: Fraction
    length: Fraction
    rest: bool = False
    end: Fraction = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "end", self.offset + self.length)


@dataclass(frozen=True, slots=True)
class Piece:
    """One written note or rest: a part of input event ``event``.

    ``offset`` and ``length`` are sounding time (whole notes, from the measure start); ``value``
    is what is written (``None`` only for a whole-measure rest, written ``<rest measure="yes"/>``
    with no ``<type>``). ``tie_stop``/``tie_start`` tie it to the previous/next piece of the same
    event. ``tuplet_starts`` lists outermost first, ``tuplet_stops`` innermost first.
    """

    event: int
    offset: Fraction
    length: Fraction
    value: NoteValue | None
    rest: bool = False
    tie_stop: bool = False
    tie_start: bool = False
    measure_rest: bool = False
    time_modification: TimeModification | None = None
    tuplet_starts: tuple[TupletMark, ...] = ()
    tuplet_stops: tuple[TupletMark, ...] = ()
    end: Fraction = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "end", self.offset + self.length)


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


@dataclass(frozen=True, slots=True)
class _Rules:
    max_dots: int
    syncopation: Syncopation


@dataclass(frozen=True, slots=True)
class _Frame:
    """A coordinate space: local = (offset - zero) * scale; tuplets nest frames."""

    zero: Fraction
    scale: Fraction
    root: MetricNode
    groups: tuple[TupletGroup, ...]
    chain: tuple[TupletGroup, ...] = field(default=())


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
    the measure's start: ``meter.length - pickup`` for an anacrusis, else 0.

    A half note on beat 1 of 6/8 shows the second beat; the rest after it shows its eighths:

    >>> [str(p.value) for p in split_measure(BarMeter.from_signature(6, 8),
    ...                                      [Span(Fraction(0), Fraction(1, 2)),
    ...                                       Span(Fraction(1, 2), Fraction(1, 4), rest=True)])]
    ['dotted quarter', 'eighth', 'eighth', 'eighth']
    """
    length = meter.length - origin
    check_tiling(spans, length)
    if len(spans) == 1 and spans[0].rest and origin == 0:
        return (Piece(0, ZERO, length, None, rest=True, measure_rest=True),)
    rules = _Rules(max_dots, syncopation)
    top = _Frame(-origin, Fraction(1), meter.root(), tuple(groups))
    out: list[Piece] = []
    for index, span in enumerate(spans):
        cuts = _split_in_frame(top, span.offset, span.end, span.rest, rules)
        for k, (s, e, frame, value) in enumerate(cuts):
            tied = not span.rest
            out.append(_piece(index, s, e, frame, value, span.rest,
                              tied and k > 0, tied and k < len(cuts) - 1))
    return tuple(out)


def _piece(
    index: int, s: Fraction, e: Fraction, frame: _Frame, value: NoteValue, rest: bool,
    tie_stop: bool, tie_start: bool,
) -> Piece:
    chain = frame.chain
    if not chain:
        return Piece(index, s, e - s, value, rest, tie_stop, tie_start)
    actual = normal = 1
    for g in chain:
        actual, normal = actual * g.actual, normal * g.normal
    modification = TimeModification(actual, normal, chain[-1].normal_type)
    marks = [TupletMark(d + 1, g.actual, g.normal, g.normal_type) for d, g in enumerate(chain)]
    starts = tuple(m for m, g in zip(marks, chain, strict=True) if g.start == s)
    stops = tuple(m for m, g in zip(marks, chain, strict=True) if g.end == e)[::-1]
    return Piece(index, s, e - s, value, rest, tie_stop, tie_start, False, modification,
                 starts, stops)


def _split_in_frame(
    frame: _Frame, s: Fraction, e: Fraction, rest: bool, rules: _Rules
) -> list[tuple[Fraction, Fraction, _Frame, NoteValue]]:
    """Pieces of ``[s, e)`` (measure offsets) with the frame each is written in."""
    out: list[tuple[Fraction, Fraction, _Frame, NoteValue]] = []
    at = s
    for g in frame.groups:
        if g.end <= at or g.start >= e:
            continue
        if g.start > at:
            out.extend(_split_plain(frame, at, g.start, rest, rules))
            at = g.start
        stop = min(g.end, e)
        inner = _Frame(g.start, frame.scale * g.scale, g.root(), g.inner, (*frame.chain, g))
        out.extend(_split_in_frame(inner, at, stop, rest, rules))
        at = stop
    if at < e:
        out.extend(_split_plain(frame, at, e, rest, rules))
    return out


def _split_plain(
    frame: _Frame, s: Fraction, e: Fraction, rest: bool, rules: _Rules
) -> list[tuple[Fraction, Fraction, _Frame, NoteValue]]:
    """Pieces of ``[s, e)`` outside the frame's tuplet groups, back in measure offsets."""
    plain = frame.scale == 1 and frame.zero == 0
    ls, le = (s, e) if plain else ((s - frame.zero) * frame.scale, (e - frame.zero) * frame.scale)
    try:
        local = _written(frame.root, ls, le, rest, rules)
    except _Unwritable:
        where = "inside a tuplet" if frame.chain else "outside any tuplet group"
        raise ExportError(
            f"the event piece from {s} to {e} in the measure cannot be written {where}; "
            "its times need a tuplet the detected groups do not provide, or are finer than "
            "a 1024th"
        ) from None
    if plain:
        return [(a, b, frame, v) for a, b, v in local]
    zero, scale = frame.zero, frame.scale
    return [(zero + a / scale, zero + b / scale, frame, v) for a, b, v in local]


class _Unwritable(Exception):
    """A local span off the dyadic grid or finer than a 1024th."""


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
    node: MetricNode, kids: tuple[MetricNode, ...], s: Fraction, e: Fraction, rest: bool,
    bounds: set[Fraction], rules: _Rules,
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
    node: MetricNode, s: Fraction, e: Fraction, inner: list[Fraction], rest: bool,
    rules: _Rules,
) -> tuple[tuple[Fraction, Fraction], ...]:
    """One value if it can; else a notatable head up to the latest child boundary, and on."""
    if notatable(e - s, rules.max_dots):
        return ((s, e),)
    cut = next((b for b in reversed(inner) if notatable(b - s, rules.max_dots)), inner[0])
    return _split_span(node, s, cut, rest, rules) + _split_span(node, cut, e, rest, rules)
