"""Find the tuplet groups a measure's rhythm needs: closed, nested where the content nests.

A time whose denominator is not a power of two (*non-dyadic*) needs a tuplet. The groups come
from the metric tree (:meth:`.metric.BarMeter.root`), top down:

1. At a node, a child boundary is *bridged* when an event with a non-dyadic start or end
   crosses it (a triplet quarter over beat 2). Children joined by bridges form a *run*; every
   other child is looked at on its own, one level down. So a group never crosses a beat-group
   boundary unless a note forces it, and two triplets on two beats stay two groups.
2. A run of several children is a candidate *window*. Its length ``L`` and the finest grid
   ``g`` of the event boundaries in it give ``n = L / g`` units. The group's *actual* count is
   ``n`` when all its events are equal (six equal notes make a 6), else the odd part of ``n``
   (a quarter and an eighth under a 3, not a 6). The *normal* count ``m`` is a count of plain
   units filling ``L``, chosen by :class:`TupletRatio`, so the normal type is ``L / m``
   (3:2 eighths in a quarter; 7:6 sixteenths in a dotted quarter). A window must be a plain or
   dotted length with ``m / 2 < actual < 2 m``, its ratio in lowest terms unless the notes are
   equal (so no 9:6 over a dotted half for a triplet and an eighth); if the whole run fails,
   its longest valid prefix is taken and the rest looked at again (events crossing a window
   edge are tied).
3. When the odd part is composite (15 = 3 x 5) and the events are not all equal, the outer
   group takes the prime factor that puts the most boundaries on its written grid; the content,
   scaled to written time, is scanned again inside the group's own tree (its units), which
   finds the inner groups (3 inside 5:4). If that fails the group is written flat.

Groups are returned in sounding time (offsets from the measure start), inner groups nested.
A rhythm that no group can hold (finer than a 1024th) raises
:class:`~scoreframe.errors.ExportError` naming its offset.

The scan runs on ticks (:func:`tuplet_groups`, which the planner calls with the part's grid):
a time is dyadic when the odd part of the ticks per whole note divides it, and a group's
written content is scanned in ticks ``m`` times finer, where ``(t - start) * actual`` is exact.
Only the groups it finds are made in whole notes.

>>> from scoreframe.musicxml.splitting import BarMeter, Span
>>> F = Fraction
>>> triplet = [Span(F(k, 12), F(1, 12)) for k in range(3)] + [Span(F(1, 4), F(3, 4))]
>>> [(str(g.start), g.actual, g.normal, g.normal_type.value)
...  for g in find_tuplets(BarMeter.from_signature(4, 4), triplet)]
[('0', 3, 2, 'eighth')]
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from enum import Enum
from fractions import Fraction
from functools import lru_cache
from math import gcd

from ..errors import ExportError
from .grid import Grid, odd_part, ticks_of
from .metric import ZERO, BarMeter, Level, MetricNode, TickNode, tick_node
from .splitting import Span, check_tiling
from .values import SMALLEST, NoteType, is_dyadic

_MAX_DEPTH = 40


class TupletRatio(Enum):
    """How the normal count is chosen for an actual count.

    ``BELOW`` (default, as most notation programs): the largest count below the actual one
    (3:2, 5:4, 6:4, 7:4, 9:8). ``NEAREST`` (Gould): the nearest, ties going below
    (3:2, 5:4, 6:4, 7:8, 9:8, 13:16).
    """

    BELOW = "below"
    NEAREST = "nearest"


class Sextuplets(Enum):
    """Six equal notes over a two-part node: two triplets (default) or one 6:4 group."""

    KEEP_TRIPLETS = "keep triplets"
    JOIN = "join"


@dataclass(frozen=True, slots=True)
class TupletGroup:
    """``actual`` notes of ``normal_type`` in the time of ``normal``, over ``[start, end)``."""

    start: Fraction
    length: Fraction
    actual: int
    normal: int
    normal_type: NoteType
    inner: tuple[TupletGroup, ...] = ()

    @property
    def end(self) -> Fraction:
        return self.start + self.length

    @property
    def scale(self) -> Fraction:
        """Written length over sounding length (3/2 for a triplet)."""
        return Fraction(self.actual, self.normal)

    def root(self) -> MetricNode:
        """The group's written space: ``actual`` units of the normal type from 0.

        >>> [str(k.start) for k in TupletGroup(Fraction(0), Fraction(1, 4), 3, 2,
        ...                                   NoteType.EIGHTH).root().children()]
        ['0', '1/8', '1/4']
        """
        return _tuplet_root(self.actual, self.normal_type)

    def walk(self, depth: int = 1) -> Iterator[tuple[int, TupletGroup]]:
        """This group and every inner group, with nesting depth (1 for this one)."""
        yield depth, self
        for g in self.inner:
            yield from g.walk(depth + 1)


@lru_cache(maxsize=256)
def _tuplet_root(actual: int, normal_type: NoteType) -> MetricNode:
    unit = normal_type.length
    units = tuple(MetricNode(unit * i, unit, Level.SUBDIVISION) for i in range(actual))
    return MetricNode(ZERO, unit * actual, Level.TUPLET, units)


class _Stuck(Exception):
    def __init__(self, position: int) -> None:
        super().__init__(position)
        self.position = position  # ticks


@dataclass(frozen=True, slots=True)
class _Options:
    ratio: TupletRatio
    sextuplets: Sextuplets
    nested: bool = True


@dataclass(frozen=True, slots=True)
class _Space:
    """Ticks of ``resolution`` a whole note (the measure's, or a group's written space);
    a time is dyadic when ``odd`` (the odd part of the resolution) divides its ticks."""

    resolution: int
    odd: int
    opts: _Options

    @classmethod
    def of(cls, resolution: int, opts: _Options) -> _Space:
        return cls(resolution, odd_part(resolution), opts)

    def time(self, ticks: int) -> Fraction:
        return Fraction(ticks, self.resolution)


_Events = list[tuple[int, int]]


def find_tuplets(
    meter: BarMeter,
    spans: Sequence[Span],
    *,
    origin: Fraction = ZERO,
    ratio: TupletRatio = TupletRatio.BELOW,
    sextuplets: Sextuplets = Sextuplets.KEEP_TRIPLETS,
) -> tuple[TupletGroup, ...]:
    """The tuplet groups one voice's measure needs (empty when every time is dyadic).

    ``spans`` tile the measure; ``origin`` is the metric position of its start (see
    :func:`.splitting.split_measure`).

    >>> from scoreframe.musicxml.splitting import Span
    >>> F = Fraction
    >>> quint = [Span(F(k, 20), F(1, 20)) for k in range(5)] + [Span(F(1, 4), F(1, 4))]
    >>> [(g.actual, g.normal, g.normal_type.value)
    ...  for g in find_tuplets(BarMeter.from_signature(2, 4), quint)]
    [(5, 4, '16th')]
    """
    check_tiling(spans, meter.length - origin)
    grid = Grid.of([origin, *(t for s in spans for t in (s.offset, s.length))])
    times = tuple((grid.ticks(s.offset), grid.ticks(s.length)) for s in spans)
    return tuplet_groups(meter, times, origin, grid.per_whole, ratio=ratio, sextuplets=sextuplets)


def tuplet_groups(
    meter: BarMeter,
    times: tuple[tuple[int, int], ...],
    origin: Fraction,
    resolution: int,
    *,
    ratio: TupletRatio = TupletRatio.BELOW,
    sextuplets: Sextuplets = Sextuplets.KEEP_TRIPLETS,
    nested: bool = True,
) -> tuple[TupletGroup, ...]:
    """:func:`find_tuplets` for ``(offset, length)`` times in ticks of ``resolution`` a whole
    note (which tile the measure, and which the measure and ``origin`` land on);
    ``nested=False`` writes a group that would nest as one flat group (15:8, not 3 in 5:4)
    where a flat one fits."""
    odd = odd_part(resolution)
    if all(o % odd == 0 and n % odd == 0 for o, n in times) and is_dyadic(origin):
        return ()
    return _find(meter, times, origin, resolution, _Options(ratio, sextuplets, nested))


@lru_cache(maxsize=4096)
def _find(
    meter: BarMeter,
    times: tuple[tuple[int, int], ...],
    origin: Fraction,
    resolution: int,
    opts: _Options,
) -> tuple[TupletGroup, ...]:
    """:func:`tuplet_groups` after the checks, cached: scores repeat their rhythms."""
    shift = ticks_of(origin, resolution)
    events = [(offset + shift, offset + length + shift) for offset, length in times]
    space = _Space.of(resolution, opts)
    try:
        found = _scan(tick_node(meter.root(), resolution), events, space, 0)
    except _Stuck as stuck:
        raise ExportError(
            f"the rhythm near offset {space.time(stuck.position) - origin} of the measure "
            "cannot be written with tuplets (it is finer than a 1024th or has no closed "
            "grouping)"
        ) from None
    if not origin:
        return tuple(found)
    return tuple(_moved(g, -origin, Fraction(1)) for g in found)


def _moved(group: TupletGroup, shift: Fraction, factor: Fraction) -> TupletGroup:
    """The group in outer coordinates: ``outer = shift + inner * factor``."""
    return replace(
        group,
        start=shift + group.start * factor,
        length=group.length * factor,
        inner=tuple(_moved(g, shift, factor) for g in group.inner),
    )


def _all_dyadic(events: _Events, odd: int) -> bool:
    return all(s % odd == 0 and e % odd == 0 for s, e in events)


def _clip(events: _Events, start: int, end: int) -> _Events:
    """The events overlapping ``[start, end)``, cut to it (events are in order and tile)."""
    low = bisect_right(events, start, key=_end)
    high = bisect_left(events, end, lo=low, key=_start)
    return [(max(s, start), min(e, end)) for s, e in events[low:high]]


def _start(event: tuple[int, int]) -> int:
    return event[0]


def _end(event: tuple[int, int]) -> int:
    return event[1]


def _scan(node: TickNode, events: _Events, space: _Space, depth: int) -> list[TupletGroup]:
    """Groups for the non-dyadic content of ``node`` (``events`` overlap it)."""
    odd = space.odd
    if _all_dyadic(events, odd):
        return []
    if depth > _MAX_DEPTH or node.length * SMALLEST.denominator < space.resolution:
        raise _Stuck(next(t for ev in events for t in ev if t % odd))
    out: list[TupletGroup] = []
    for run in _runs(node.children(), events, odd):
        sub = _clip(events, run[0].start, run[-1].end)
        if _all_dyadic(sub, odd):
            continue
        if len(run) == 1:
            out.extend(_scan(run[0], sub, space, depth + 1))
        else:
            out.extend(_cover(run, sub, space, depth))
    if space.opts.sextuplets is Sextuplets.JOIN:
        return _join_sextuplets(node, events, out, space)
    return out


def _runs(kids: tuple[TickNode, ...], events: _Events, odd: int) -> list[list[TickNode]]:
    """Children joined across the boundaries that non-dyadic events cross."""
    bridged: set[int] = set()
    starts = [k.start for k in kids[1:]]
    for s, e in events:
        if s % odd or e % odd:
            bridged.update(b for b in starts if s < b < e)
    runs: list[list[TickNode]] = [[kids[0]]]
    for kid in kids[1:]:
        if kid.start in bridged:
            runs[-1].append(kid)
        else:
            runs.append([kid])
    return runs


def _cover(run: list[TickNode], events: _Events, space: _Space, depth: int) -> list[TupletGroup]:
    """Windows over a run: the longest valid prefix each time, else one child on its own."""
    out: list[TupletGroup] = []
    i = 0
    while i < len(run):
        for j in range(len(run) - 1, i, -1):
            window = _clip(events, run[i].start, run[j].end)
            group = (
                None
                if _all_dyadic(window, space.odd)
                else _window(run[i].start, run[j].end, window, space, depth)
            )
            if group is not None:
                out.append(group)
                i = j + 1
                break
        else:
            out.extend(_scan(run[i], _clip(events, run[i].start, run[i].end), space, depth + 1))
            i += 1
    return out


def _coprime_base(values: Sequence[int]) -> list[int]:
    """Pairwise coprime numbers (above 1) whose products make each of ``values``: the prime
    factors where the values tell them apart, found by gcds alone (no trial division, so two
    large primes in one length cost no more than small ones).

    Small primes (below 100) are split out by division, so a 15 is 3 and 5 even where no
    time tells them apart.

    >>> _coprime_base([15]), _coprime_base([9, 3]), _coprime_base([997 * 991])
    ([3, 5], [3], [988027])
    """
    base: list[int] = []
    pending = [v for v in values if v > 1]
    while pending:
        x = pending.pop()
        for i, b in enumerate(base):
            g = gcd(x, b)
            if g == 1:
                continue
            if g == b:
                pending.append(x // b)
            else:
                base.pop(i)
                pending.extend((g, b // g, x // g))
            break
        else:
            if x > 1:
                base.append(x)
    out: set[int] = set()
    for b in base:
        for p in _SMALL_PRIMES:
            if b % p == 0:
                out.add(p)
                while b % p == 0:
                    b //= p
        if b > 1:
            out.add(b)
    return sorted(out)


_SMALL_PRIMES = tuple(p for p in range(3, 100, 2) if all(p % q for q in range(3, p, 2)))


@lru_cache(maxsize=4096)
def _normal(actual: int, length: Fraction, ratio: TupletRatio) -> int | None:
    """The normal count for ``actual`` notes over ``length``, or None if no clean one exists."""
    odd = odd_part(length.numerator)
    if odd not in (1, 3):
        return None
    counts = [odd * 2**i for i in range(24) if length / (odd * 2**i) >= SMALLEST]
    below = [m for m in counts if m < actual]
    above = [m for m in counts if m > actual]
    if ratio is TupletRatio.BELOW:
        normal = max(below) if below else min(above, default=0)
    else:
        normal = min((*below, *above), key=lambda m: (abs(actual - m), m), default=0)
    if normal == 0 or not normal < 2 * actual < 4 * normal:
        return None
    return normal


@lru_cache(maxsize=4096)
def _normal_ticks(actual: int, length: int, resolution: int, ratio: TupletRatio) -> int | None:
    """:func:`_normal` for a length in ticks."""
    return _normal(actual, Fraction(length, resolution), ratio)


def _window(start: int, end: int, events: _Events, space: _Space, depth: int) -> TupletGroup | None:
    """One closed group over ``[start, end)`` holding ``events``, or None if none fits."""
    length = end - start
    rel = sorted({t - start for ev in events for t in ev if start < t < end})
    n = length // gcd(*rel, length)
    odd = odd_part(n)
    lengths = {e - s for s, e in events}
    if len(lengths) == 1:
        return _flat(start, length, n, space, equal=True)
    primes = _coprime_base([odd, *(odd_part(length // gcd(t, length)) for t in rel)])
    if not space.opts.nested:
        flat = _flat(start, length, odd, space)
        if flat is not None:
            return flat
    if len(primes) > 1 or odd != primes[0]:
        ranked = sorted(primes, key=lambda p: (_on_grid(rel, p, length, space), p), reverse=True)
        for p in ranked:
            nested = _nested(start, length, p, events, space, depth)
            if nested is not None:
                return nested
    return _flat(start, length, odd, space)


def _on_grid(rel: list[int], actual: int, length: int, space: _Space) -> int:
    """How many of the times ``rel`` are dyadic once written in ``actual``:normal."""
    normal = _normal_ticks(actual, length, space.resolution, space.opts.ratio)
    if normal is None:
        return -1
    odd = odd_part(space.resolution * normal)
    return sum(t * actual % odd == 0 for t in rel)


def _flat(
    start: int, length: int, actual: int, space: _Space, equal: bool = False
) -> TupletGroup | None:
    """A group without inner groups; a ratio not in lowest terms (9:6) only for equal notes."""
    normal = _normal_ticks(actual, length, space.resolution, space.opts.ratio)
    if normal is None or (gcd(actual, normal) > 1 and not equal):
        return None
    resolution = space.resolution
    return TupletGroup(
        Fraction(start, resolution),
        Fraction(length, resolution),
        actual,
        normal,
        NoteType.of(Fraction(length, resolution * normal)),
    )


def _nested(
    start: int, length: int, actual: int, events: _Events, space: _Space, depth: int
) -> TupletGroup | None:
    """An outer group of ``actual`` with the inner groups its written content needs.

    The written content is in ticks ``normal`` times finer: ``(t - start) * actual``."""
    outer = _flat(start, length, actual, space)
    if outer is None:
        return None
    written = [((s - start) * actual, (e - start) * actual) for s, e in events]
    inner_space = _Space.of(space.resolution * outer.normal, space.opts)
    try:
        inner = _scan(
            tick_node(outer.root(), inner_space.resolution), written, inner_space, depth + 1
        )
    except _Stuck:
        return None
    back = Fraction(1) / outer.scale
    return replace(outer, inner=tuple(_moved(g, outer.start, back) for g in inner))


def _join_sextuplets(
    node: TickNode, events: _Events, found: list[TupletGroup], space: _Space
) -> list[TupletGroup]:
    """Two triplets filling a two-part node with six equal notes become one 6:4 group."""
    kids = node.children()
    if len(kids) != 2 or len(found) != 2 or len({e - s for s, e in events}) != 1:
        return found
    first, second = found
    bounds = (node.node.start, kids[1].node.start, node.node.end)
    if (first.start, first.end, second.end) != bounds:
        return found
    if any(g.inner or (g.actual, g.normal) != (3, 2) for g in found) or len(events) != 6:
        return found
    joined = _flat(node.start, node.length, 6, space, equal=True)
    return found if joined is None else [joined]
