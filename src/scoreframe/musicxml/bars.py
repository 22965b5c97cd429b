"""The notation of one voice's bar from its rhythm: tuplet groups, written pieces and beams.

A bar's rhythm is its spans in ticks of the part's grid, ``(offset, length, rest)``.
:func:`notate` finds the tuplet groups (:mod:`.tuplets`), splits the spans into pieces joined
by ties (:mod:`.splitting`) and beams them (:mod:`.beams`), once per distinct rhythm.

Bars also repeat in parts. When no span crosses a boundary between the top nodes of the bar's
metric tree (its sections, or its beat groups when it has no sections), no rule looks across
those boundaries: a span is split inside the node that holds it, a tuplet group forms only over
content that bridges a boundary, and beams stay inside beat groups. Such a bar is notated node
by node, each node as a bar of its own (cached by its rhythm), and the parts are joined. The
rules that do look at the whole bar keep it whole: a whole-measure rest, a pickup's metric
origin, and two triplets joined into a sextuplet (:attr:`.tuplets.Sextuplets.JOIN`).

>>> from fractions import Fraction
>>> from scoreframe.meter import Meter
>>> grid = Grid(16)  # sixteenths
>>> quarters = ((0, 4, False), (4, 4, False), (8, 4, True), (12, 4, False))
>>> n = notate(Meter(4, 4), Fraction(0), quarters, grid, NotationOptions())
>>> [(p.offset_ticks, str(p.value), p.rest) for p in n.pieces]
[(0, 'quarter', False), (4, 'quarter', False), (8, 'quarter', True), (12, 'quarter', False)]
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from functools import lru_cache
from math import gcd

from ..errors import ScoreframeError
from ..meter import Meter
from .beams import BeamMark, beam_measure
from .grid import Grid, OffGrid
from .metric import BarMeter, Level, tick_node
from .notes import piece_shape
from .splitting import Piece, Syncopation, split_ticks
from .tuplets import Sextuplets, TupletRatio, tuplet_groups

Rhythm = tuple[tuple[int, int, bool], ...]
"""A bar's spans as (offset, length, rest), in ticks."""


@dataclass(frozen=True, slots=True)
class NotationOptions:
    """Choices of the notation pipeline (keyword options of :func:`~.export.to_tree`)."""

    max_dots: int = 2
    syncopation: Syncopation = Syncopation.KEEP_CENTERED
    ratio: TupletRatio = TupletRatio.BELOW
    sextuplets: Sextuplets = Sextuplets.KEEP_TRIPLETS
    nested_tuplets: bool = True
    """``False``: a tuplet inside a tuplet (a triplet in a quintuplet) is written as one flat
    group where one fits (15:8), for readers that cannot nest them: MuseScore 3's importer
    does not support nested tuplets (it breaks their brackets; it plays them right)."""


@dataclass(frozen=True, slots=True, eq=False)
class BarNotation:
    """The written pieces of one voice's bar and their beams, with the pieces' times in ticks.

    ``first[i]``/``last[i]`` say whether piece ``i`` is the first/last piece of its event;
    ``shapes[i]`` numbers what its elements show besides its notes (:func:`.notes.piece_shape`);
    ``common`` is the greatest common divisor of the tick counts (for the divisions). Equal
    only to itself (it is made once per rhythm and keys the writer's caches).
    """

    pieces: tuple[Piece, ...]
    beams: tuple[tuple[BeamMark, ...], ...]
    offsets: tuple[int, ...]
    lengths: tuple[int, ...]
    ends: tuple[int, ...]
    first: tuple[bool, ...]
    last: tuple[bool, ...]
    shapes: tuple[int, ...]
    common: int

    @classmethod
    def of(cls, pieces: tuple[Piece, ...], beams: tuple[tuple[BeamMark, ...], ...]) -> BarNotation:
        offsets = tuple(p.offset_ticks for p in pieces)
        lengths = tuple(p.length_ticks for p in pieces)
        ends = tuple(o + n for o, n in zip(offsets, lengths, strict=True))
        events = [p.event for p in pieces]
        first = tuple(i == 0 or events[i - 1] != e for i, e in enumerate(events))
        last = tuple(i == len(events) - 1 or events[i + 1] != e for i, e in enumerate(events))
        shapes = tuple(piece_shape(*item) for item in zip(pieces, beams, first, last, strict=True))
        return cls(
            pieces, beams, offsets, lengths, ends, first, last, shapes, gcd(*offsets, *lengths)
        )

    @classmethod
    def joined(cls, parts: list[tuple[int, int, BarNotation]]) -> BarNotation:
        """Notations of consecutive parts of a bar as one: ``(offset, first event, part)``."""
        pieces = tuple(p.moved(offset, events) for offset, events, n in parts for p in n.pieces)
        offsets = tuple(o + offset for offset, _, n in parts for o in n.offsets)
        ends = tuple(e + offset for offset, _, n in parts for e in n.ends)
        return cls(
            pieces,
            sum((n.beams for _, _, n in parts), ()),
            offsets,
            sum((n.lengths for _, _, n in parts), ()),
            ends,
            sum((n.first for _, _, n in parts), ()),
            sum((n.last for _, _, n in parts), ()),
            sum((n.shapes for _, _, n in parts), ()),
            gcd(*(offset for offset, _, _ in parts), *(n.common for _, _, n in parts)),
        )


@lru_cache(maxsize=256)
def bar_meter(meter: Meter) -> BarMeter:
    """The metric structure of a time signature, with its beat groups."""
    groups = meter.groups if len(set(meter.groups)) > 1 else ()
    return BarMeter.from_signature(meter.numerator, meter.denominator, groups)


@lru_cache(maxsize=1 << 14)
def notate(
    signature: Meter,
    origin: Fraction,
    rhythm: Rhythm,
    grid: Grid,
    options: NotationOptions,
    measure_rest: bool = True,
) -> BarNotation:
    """Tuplets, pieces and beams of one bar's rhythm (``origin``: the metric position of the
    bar's start, for a pickup; ``measure_rest=False``: a rest filling the bar is written with
    its value, not as a whole-measure rest, which readers stretch to the time signature;
    cached: music repeats its rhythms)."""
    meter = bar_meter(signature)
    parts = (
        None
        if origin or options.sextuplets is Sextuplets.JOIN
        else _parts(meter, rhythm, grid.per_whole)
    )
    if parts is not None:
        try:
            return BarNotation.joined(
                [
                    (offset, events, _part(part, local, grid, options))
                    for offset, events, part, local in parts
                ]
            )
        except OffGrid:
            raise
        except ScoreframeError:
            pass  # the whole bar raises it again, saying where in the bar
    return _whole(meter, origin, rhythm, grid, options, measure_rest=measure_rest)


def _whole(
    meter: BarMeter,
    origin: Fraction,
    rhythm: Rhythm,
    grid: Grid,
    options: NotationOptions,
    *,
    measure_rest: bool,
) -> BarNotation:
    resolution = grid.per_whole
    times = tuple((start, length) for start, length, _ in rhythm)
    groups = tuplet_groups(
        meter,
        times,
        origin,
        resolution,
        ratio=options.ratio,
        sextuplets=options.sextuplets,
        nested=options.nested_tuplets,
    )
    pieces = split_ticks(
        meter,
        rhythm,
        groups,
        origin,
        resolution,
        max_dots=options.max_dots,
        syncopation=options.syncopation,
        measure_rest=measure_rest,
    )
    return BarNotation.of(pieces, beam_measure(meter, pieces, groups, origin=origin))


@lru_cache(maxsize=1 << 14)
def _part(meter: BarMeter, rhythm: Rhythm, grid: Grid, options: NotationOptions) -> BarNotation:
    """One top node of a bar notated as a bar of its own (never a whole-measure rest)."""
    return _whole(meter, Fraction(0), rhythm, grid, options, measure_rest=False)


_Part = tuple[int, int, BarMeter, Rhythm]
"""A top node of the bar: its offset (ticks), its first event, its tree as a bar, its rhythm."""


def _parts(meter: BarMeter, rhythm: Rhythm, resolution: int) -> list[_Part] | None:
    """The bar's top nodes and the spans inside each, or None if a span crosses between them."""
    nodes = _top_nodes(meter)
    if nodes is None:
        return None
    root = tick_node(meter.root(), resolution)
    bounds = [(kid.start, kid.end) for kid in root.children()]
    out: list[_Part] = []
    i, first = 0, 0
    local: list[tuple[int, int, bool]] = []
    for index, (start, length, rest) in enumerate(rhythm):
        while start >= bounds[i][1]:
            out.append((bounds[i][0], first, nodes[i], tuple(local)))
            i, first, local = i + 1, index, []
        if start + length > bounds[i][1]:
            return None
        local.append((start - bounds[i][0], length, rest))
    out.append((bounds[i][0], first, nodes[i], tuple(local)))
    return out


@lru_cache(maxsize=256)
def _top_nodes(meter: BarMeter) -> tuple[BarMeter, ...] | None:
    """Each top node of the bar's tree as a bar of its own, or None for a tree of one group.

    A section becomes a bar of its beat groups; a beat group, a bar of that one group (the same
    tree from 0: the levels of a bar and of a section follow the same rules).
    """
    root = meter.root()
    if root.level is not Level.BAR:
        return None
    return tuple(
        BarMeter((tuple(g.length for g in node.parts) or (node.length,),))
        for node in root.children()
    )
