"""Beams for a measure's pieces: by beat in simple meters, by dotted beat in compound ones.

The measure is cut into *beam units*: the meter's beat groups (a quarter in 4/4, a dotted
quarter in 6/8, 2+2+3 eighths in 7/8), each group longer than a half note divided by the metric
tree (so a 3/4 group in ``3+2/4`` beams by quarters), and units that a tuplet group straddles
merged. Inside a unit, a run of two or more consecutive notes of an eighth or shorter is beamed;
rests, longer notes and unit boundaries break runs. Level 1 beams the whole run; level ``k``
(16ths at 2, 32nds at 3...) joins consecutive notes with at least ``k`` beams, and a lone one
gets a hook: forward at the start of the run, backward at its end, and in the middle forward
when the note starts a pair of its own value (16 at the start of an eighth), else backward
(the 16th after a dotted eighth).

>>> from fractions import Fraction as F
>>> from scoreframe.musicxml.splitting import BarMeter, Span, split_measure
>>> meter = BarMeter.from_signature(2, 4)
>>> pieces = split_measure(meter, [Span(F(0), F(3, 16)), Span(F(3, 16), F(1, 16)),
...                                Span(F(1, 4), F(1, 4))])
>>> [[(b.level, b.value.value) for b in marks] for marks in beam_measure(meter, pieces)]
[[(1, 'begin')], [(1, 'end'), (2, 'backward hook')], []]
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from enum import Enum
from fractions import Fraction
from functools import lru_cache
from itertools import pairwise

from .grid import ticks_of
from .metric import ZERO, BarMeter, Level, MetricNode
from .splitting import Piece
from .tuplets import TupletGroup

_LONGEST_UNIT = Fraction(1, 2)


class Beam(Enum):
    """The MusicXML ``beam-value`` texts."""

    BEGIN = "begin"
    CONTINUE = "continue"
    END = "end"
    FORWARD_HOOK = "forward hook"
    BACKWARD_HOOK = "backward hook"


@dataclass(frozen=True, slots=True)
class BeamMark:
    """``<beam number="level">value</beam>``."""

    level: int
    value: Beam


def beam_units(
    meter: BarMeter, groups: Sequence[TupletGroup] = (), *, origin: Fraction = ZERO
) -> tuple[tuple[Fraction, Fraction], ...]:
    """The ``(start, end)`` stretches beams stay inside, as offsets from the measure start.

    >>> [str(s) for s, _ in beam_units(BarMeter.from_signature(6, 8))]
    ['0', '3/8']
    """
    return _beam_units(meter, tuple(groups), origin)


@lru_cache(maxsize=1024)
def _beam_units(
    meter: BarMeter, groups: tuple[TupletGroup, ...], origin: Fraction
) -> tuple[tuple[Fraction, Fraction], ...]:
    edges: list[Fraction] = [ZERO]
    for node in _units(meter.root()):
        edges.append(node.end)
    for g in groups:
        edges = [e for e in edges if not g.start + origin < e < g.end + origin]
    out = [(a - origin, b - origin) for a, b in pairwise(edges)]
    return tuple((max(a, ZERO), b) for a, b in out if b > 0)


def _units(node: MetricNode) -> list[MetricNode]:
    """Beat groups, divided while longer than a half note."""
    if node.level in (Level.BAR, Level.SECTION) or node.length > _LONGEST_UNIT:
        return [u for kid in node.children() for u in _units(kid)]
    return [node]


def beam_measure(
    meter: BarMeter,
    pieces: Sequence[Piece],
    groups: Sequence[TupletGroup] = (),
    *,
    origin: Fraction = ZERO,
) -> tuple[tuple[BeamMark, ...], ...]:
    """The beam marks of each piece (an empty tuple for an unbeamed one), in order."""
    if not pieces:
        return ()
    units = _unit_ticks(meter, tuple(groups), origin, pieces[0].resolution)
    out: list[tuple[BeamMark, ...]] = [() for _ in pieces]
    run: list[int] = []
    unit = 0
    for i, piece in enumerate(pieces):
        offset = piece.offset_ticks
        while unit < len(units) - 1 and offset >= units[unit][1]:
            unit += 1
            _close(run, pieces, out)
        start, end = units[unit]
        beamable = _beamable(piece) and start <= offset and offset + piece.length_ticks <= end
        if beamable:
            run.append(i)
        else:
            _close(run, pieces, out)
    _close(run, pieces, out)
    return tuple(out)


@lru_cache(maxsize=1024)
def _unit_ticks(
    meter: BarMeter, groups: tuple[TupletGroup, ...], origin: Fraction, resolution: int
) -> tuple[tuple[int, int], ...]:
    """:func:`beam_units` in ticks of ``resolution``."""
    return tuple(
        (ticks_of(a, resolution), ticks_of(b, resolution))
        for a, b in _beam_units(meter, groups, origin)
    )


def _beamable(piece: Piece) -> bool:
    return not piece.rest and piece.value is not None and piece.value.beams > 0


def _close(run: list[int], pieces: Sequence[Piece], out: list[tuple[BeamMark, ...]]) -> None:
    """Write the beams of a finished run and empty it."""
    if len(run) >= 2:
        levels = max(_beams(pieces[i]) for i in run)
        for level in range(1, levels + 1):
            _level(run, pieces, level, out)
    run.clear()


def _beams(piece: Piece) -> int:
    return 0 if piece.value is None else piece.value.beams


def _level(
    run: list[int], pieces: Sequence[Piece], level: int, out: list[tuple[BeamMark, ...]]
) -> None:
    """Marks at one level: begin/continue/end over each stretch, hooks on lone notes."""
    k = 0
    while k < len(run):
        if _beams(pieces[run[k]]) < level:
            k += 1
            continue
        j = k
        while j + 1 < len(run) and _beams(pieces[run[j + 1]]) >= level:
            j += 1
        if j > k:
            for m in range(k, j + 1):
                value = Beam.BEGIN if m == k else Beam.END if m == j else Beam.CONTINUE
                out[run[m]] += (BeamMark(level, value),)
        else:
            out[run[k]] += (BeamMark(level, _hook(run, pieces, k)),)
        k = j + 1


def _hook(run: list[int], pieces: Sequence[Piece], k: int) -> Beam:
    if k == 0:
        return Beam.FORWARD_HOOK
    if k == len(run) - 1:
        return Beam.BACKWARD_HOOK
    piece = pieces[run[k]]
    into = piece.offset_ticks - pieces[run[0]].offset_ticks  # a whole number of pairs?
    return Beam.FORWARD_HOOK if into % (2 * piece.length_ticks) == 0 else Beam.BACKWARD_HOOK
