"""Snap performed notes to a grid: onsets and ends move to the nearest allowed position.

A grid is a note value in whole notes (``"1/16"``, ``Fraction(1, 12)``), or a list of the
divisions allowed per quarter-note beat, tuplets included (``[4, 3]``: sixteenths and
triplet eighths). Ticks are first moved onto a finer tick (so that a third of a beat is a
whole number of ticks), then each note's onset and end goes to the nearest position of any
allowed division (the earlier division of the list wins a tie); a note that would shrink to
nothing ends one step after its onset. The report counts what moved and the largest move.

>>> grid = Grid.parse("1/16", ppq=96)
>>> grid.scale, grid.steps, grid.snap(100), grid.snap(130)
(1, (24,), 96, 120)
>>> Grid.parse([4, 3], ppq=96).snap(60)
64
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from fractions import Fraction
from math import lcm
from typing import TypeAlias

from ..errors import ScoreValueError
from ..time import as_length

QuantizeLike: TypeAlias = str | Fraction | Sequence[int]
"""A grid note value (``"1/16"``), or divisions allowed per quarter (``[4, 3, 5]``)."""


@dataclass(frozen=True, slots=True)
class Grid:
    """A quantizing grid on ticks ``scale`` times finer than the file's: the allowed steps,
    in those ticks, coarsest first as given."""

    scale: int
    steps: tuple[int, ...]
    text: str

    @classmethod
    def parse(cls, spec: QuantizeLike, ppq: int) -> Grid:
        """Read a grid for a file of ``ppq`` ticks per quarter."""
        if isinstance(spec, str | Fraction):
            value = as_length(spec, "quantize grid")
            quarters = value * 4  # the step in quarters: a fraction of ppq ticks
            fine = lcm(ppq, quarters.denominator)
            return cls(fine // ppq, (int(quarters * fine),), f"grid {value}")
        divisions = _divisions(spec)
        fine = lcm(ppq, *divisions)
        return cls(fine // ppq, tuple(fine // d for d in divisions), f"divisions {divisions}")

    def snap(self, tick: int) -> int:
        """The nearest allowed position to ``tick`` (on the finer ticks)."""
        best = -1
        for step in self.steps:
            near = (2 * tick + step) // (2 * step) * step
            if best < 0 or abs(near - tick) < abs(best - tick):
                best = near
        return best

    def after(self, tick: int) -> int:
        """The first allowed position after ``tick``."""
        return min((tick // step + 1) * step for step in self.steps)


def _divisions(spec: Iterable[int]) -> list[int]:
    try:
        divisions = list(spec)
    except TypeError:
        divisions = []
    if not divisions or any(
        isinstance(d, bool) or not isinstance(d, int) or not 1 <= d <= 960 for d in divisions
    ):
        raise ScoreValueError(
            f"quantize={spec!r}: give a grid note value such as '1/16', or a list of "
            "divisions per quarter such as [4, 3] (ints 1..960)"
        )
    return divisions


@dataclass(frozen=True, slots=True)
class Report:
    """What the quantizer did: times moved out of all onsets and ends, the largest move (in
    whole notes), and the notes that would have shrunk to nothing."""

    moved: int
    total: int
    largest: Fraction
    widened: int


def quantize(
    starts: list[int], ends: list[int], grid: Grid, whole: int
) -> tuple[list[int], list[int], Report]:
    """Snap the notes (ticks already on the finer grid, ``whole`` of them to a whole note)."""
    new_starts = [grid.snap(t) for t in starts]
    new_ends = [grid.snap(t) for t in ends]
    widened = 0
    for i, (start, end) in enumerate(zip(new_starts, new_ends, strict=True)):
        if end <= start:
            new_ends[i] = grid.after(start)
            widened += 1
    moves = [abs(a - b) for a, b in zip(starts + ends, new_starts + new_ends, strict=True)]
    moved = sum(1 for m in moves if m)
    largest = Fraction(max(moves, default=0), whole)
    return new_starts, new_ends, Report(moved, len(moves), largest, widened)
