"""Find the tuplet groups a measure's rhythm needs: closed, nested where the content nests.

A time whose denominator is not a power of two (*non-dyadic*) needs a tuplet. The groups come
from the metric tree (:meth:`.splitting.BarMeter.root`), top down:

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
from math import gcd, lcm

from ..errors import ExportError
from .splitting import ZERO, BarMeter, Level, MetricNode, Span, check_tiling
from .values import SMALLEST, NoteType, is_dyadic

_MAX_DEPTH = 40
_Events = list[tuple[Fraction, Fraction]]


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
    def __init__(self, position: Fraction) -> None:
        super().__init__(position)
        self.position = position


@dataclass(frozen=True, slots=True)
class _Options:
    ratio: TupletRatio
    sextuplets: Sextuplets


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
    if all(is_dyadic(s.offset) and is_dyadic(s.length) for s in spans) and is_dyadic(origin):
        return ()
    times = tuple((s.offset, s.length) for s in spans)
    return _find(meter, times, origin, _Options(ratio, sextuplets))


@lru_cache(maxsize=4096)
def _find(
    meter: BarMeter, times: tuple[tuple[Fraction, Fraction], ...], origin: Fraction,
    opts: _Options,
) -> tuple[TupletGroup, ...]:
    """:func:`find_tuplets` after the checks, cached: scores repeat their rhythms."""
    events = [(offset + origin, offset + length + origin) for offset, length in times]
    try:
        found = _scan(meter.root(), events, opts, 0)
    except _Stuck as stuck:
        raise ExportError(
            f"the rhythm near offset {stuck.position - origin} of the measure cannot be written "
            "with tuplets (it is finer than a 1024th or has no closed grouping)"
        ) from None
    return tuple(_moved(g, -origin, Fraction(1)) for g in found)


def _moved(group: TupletGroup, shift: Fraction, factor: Fraction) -> TupletGroup:
    """The group in outer coordinates: ``outer = shift + inner * factor``."""
    return replace(
        group,
        start=shift + group.start * factor,
        length=group.length * factor,
        inner=tuple(_moved(g, shift, factor) for g in group.inner),
    )


def _all_dyadic(events: _Events) -> bool:
    return all(is_dyadic(s) and is_dyadic(e) for s, e in events)


def _clip(events: _Events, start: Fraction, end: Fraction) -> _Events:
    """The events overlapping ``[start, end)``, cut to it (events are in order and tile)."""
    low = bisect_right(events, start, key=_end)
    high = bisect_left(events, end, lo=low, key=_start)
    return [(max(s, start), min(e, end)) for s, e in events[low:high]]


def _start(event: tuple[Fraction, Fraction]) -> Fraction:
    return event[0]


def _end(event: tuple[Fraction, Fraction]) -> Fraction:
    return event[1]


def _scan(node: MetricNode, events: _Events, opts: _Options, depth: int) -> list[TupletGroup]:
    """Groups for the non-dyadic content of ``node`` (``events`` overlap it)."""
    if _all_dyadic(events):
        return []
    if depth > _MAX_DEPTH or node.length < SMALLEST:
        raise _Stuck(next(t for ev in events for t in ev if not is_dyadic(t)))
    out: list[TupletGroup] = []
    for run in _runs(node.children(), events):
        sub = _clip(events, run[0].start, run[-1].end)
        if _all_dyadic(sub):
            continue
        if len(run) == 1:
            out.extend(_scan(run[0], sub, opts, depth + 1))
        else:
            out.extend(_cover(run, sub, opts, depth))
    if opts.sextuplets is Sextuplets.JOIN:
        return _join_sextuplets(node, events, out, opts)
    return out


def _runs(kids: tuple[MetricNode, ...], events: _Events) -> list[list[MetricNode]]:
    """Children joined across the boundaries that non-dyadic events cross."""
    bridged: set[Fraction] = set()
    starts = [k.start for k in kids[1:]]
    for s, e in events:
        if not (is_dyadic(s) and is_dyadic(e)):
            bridged.update(b for b in starts if s < b < e)
    runs: list[list[MetricNode]] = [[kids[0]]]
    for kid in kids[1:]:
        if kid.start in bridged:
            runs[-1].append(kid)
        else:
            runs.append([kid])
    return runs


def _cover(
    run: list[MetricNode], events: _Events, opts: _Options, depth: int
) -> list[TupletGroup]:
    """Windows over a run: the longest valid prefix each time, else one child on its own."""
    out: list[TupletGroup] = []
    i = 0
    while i < len(run):
        for j in range(len(run) - 1, i, -1):
            window = _clip(events, run[i].start, run[j].end)
            group = None if _all_dyadic(window) else _window(
                run[i].start, run[j].end, window, opts, depth
            )
            if group is not None:
                out.append(group)
                i = j + 1
                break
        else:
            out.extend(_scan(run[i], _clip(events, run[i].start, run[i].end), opts, depth + 1))
            i += 1
    return out


def _grid(values: list[Fraction]) -> Fraction:
    """The largest length dividing every value."""
    den = lcm(*(v.denominator for v in values))
    return Fraction(gcd(*(v.numerator * (den // v.denominator) for v in values)), den)


def _odd_part(n: int) -> int:
    while n % 2 == 0:
        n //= 2
    return n


def _prime_factors(n: int) -> list[int]:
    out: list[int] = []
    p = 3
    while n > 1 and p * p <= n:
        if n % p == 0:
            out.append(p)
            while n % p == 0:
                n //= p
        p += 2
    return [*out, n] if n > 1 else out


@lru_cache(maxsize=4096)
def _normal(actual: int, length: Fraction, ratio: TupletRatio) -> int | None:
    """The normal count for ``actual`` notes over ``length``, or None if no clean one exists."""
    odd = _odd_part(length.numerator)
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


def _window(
    start: Fraction, end: Fraction, events: _Events, opts: _Options, depth: int
) -> TupletGroup | None:
    """One closed group over ``[start, end)`` holding ``events``, or None if none fits."""
    length = end - start
    rel = sorted({t - start for ev in events for t in ev if start < t < end})
    n = int(length / _grid([*rel, length]))
    odd = _odd_part(n)
    lengths = {e - s for s, e in events}
    if len(lengths) == 1:
        return _flat(start, length, n, opts, equal=True)
    primes = _prime_factors(odd)
    if len(primes) > 1 or odd != primes[0]:
        ranked = sorted(primes, key=lambda p: (_on_grid(rel, p, length, opts), p), reverse=True)
        for p in ranked:
            nested = _nested(start, length, p, events, opts, depth)
            if nested is not None:
                return nested
    return _flat(start, length, odd, opts)


def _on_grid(rel: list[Fraction], actual: int, length: Fraction, opts: _Options) -> int:
    normal = _normal(actual, length, opts.ratio)
    if normal is None:
        return -1
    return sum(is_dyadic(t * actual / normal) for t in rel)


def _flat(
    start: Fraction, length: Fraction, actual: int, opts: _Options, equal: bool = False
) -> TupletGroup | None:
    """A group without inner groups; a ratio not in lowest terms (9:6) only for equal notes."""
    normal = _normal(actual, length, opts.ratio)
    if normal is None or (gcd(actual, normal) > 1 and not equal):
        return None
    return TupletGroup(start, length, actual, normal, NoteType.of(length / normal))


def _nested(
    start: Fraction, length: Fraction, actual: int, events: _Events, opts: _Options, depth: int
) -> TupletGroup | None:
    """An outer group of ``actual`` with the inner groups its written content needs."""
    outer = _flat(start, length, actual, opts)
    if outer is None:
        return None
    scale = outer.scale
    written = [((s - start) * scale, (e - start) * scale) for s, e in events]
    try:
        inner = _scan(outer.root(), written, opts, depth + 1)
    except _Stuck:
        return None
    back = Fraction(1) / scale
    return replace(outer, inner=tuple(_moved(g, start, back) for g in inner))


def _join_sextuplets(
    node: MetricNode, events: _Events, found: list[TupletGroup], opts: _Options
) -> list[TupletGroup]:
    """Two triplets filling a two-part node with six equal notes become one 6:4 group."""
    kids = node.children()
    if len(kids) != 2 or len(found) != 2 or len({e - s for s, e in events}) != 1:
        return found
    first, second = found
    if (first.start, first.end, second.end) != (node.start, kids[1].start, node.end):
        return found
    if any(g.inner or (g.actual, g.normal) != (3, 2) for g in found) or len(events) != 6:
        return found
    joined = _flat(node.start, node.length, 6, opts, equal=True)
    return found if joined is None else [joined]
