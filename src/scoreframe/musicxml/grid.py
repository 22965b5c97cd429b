"""The integer grid a part is laid on: every time a whole number of ticks.

A part's times (onsets, periods, bar lines, direction times) are Fractions of a whole note.
They are converted once, at the entry of the pipeline, to ticks of a :class:`Grid` whose tick
count per whole note is the least common multiple of every denominator the part uses (and of
:data:`HEADROOM`, so the dyadic cuts the notation makes between those times land on it too).
From there on the layout, the cache keys of the bar notation and the measure writer add and
compare ints; the written ``<divisions>`` come from the ticks in the end.

>>> grid = Grid.of([Fraction(1, 12), Fraction(3, 8)])
>>> grid.per_whole, grid.ticks(Fraction(1, 12)), grid.time(1024)
(12288, 1024, Fraction(1, 12))
>>> grid.divisions(grid.ticks(Fraction(1, 8)))   # eighths: 2 per quarter
2
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from fractions import Fraction
from math import gcd, lcm

from ..errors import ExportError

HEADROOM = 1 << 12
"""Ticks per whole note at least: a 4096th, two levels below the 1024th MusicXML names, so every
node of the metric tree the notation may cut at lands on the grid."""


class OffGrid(ExportError):
    """A time the notation made (inside a tuplet) does not land on the grid; a grid ``factor``
    times finer holds it. The planner catches it and lays the part out again on that grid."""

    def __init__(self, factor: int) -> None:
        super().__init__(
            f"a notated time falls between ticks; a grid {factor} times finer holds it"
        )
        self.factor = factor


def exact(numerator: int, denominator: int) -> int:
    """``numerator / denominator`` when it is a whole number (of ticks), else :class:`OffGrid`.

    >>> exact(12, 4)
    3
    >>> exact(10, 4)
    Traceback (most recent call last):
    ...
    scoreframe.musicxml.grid.OffGrid: a notated time falls between ticks; a grid 2 times ...
    """
    count, rest = divmod(numerator, denominator)
    if rest:
        raise OffGrid(denominator // gcd(rest, denominator))
    return count


def ticks_of(time: Fraction, per_whole: int) -> int:
    """``time`` (whole notes) in ticks of ``per_whole`` a whole note, else :class:`OffGrid`."""
    return exact(time.numerator * per_whole, time.denominator)


def odd_part(n: int) -> int:
    """``n`` without its factors of two: a time of ``t`` ticks is dyadic (needs no tuplet)
    when the odd part of the ticks per whole note divides ``t``.

    >>> odd_part(12288), odd_part(0)
    (3, 0)
    """
    return n // (n & -n) if n else 0


@dataclass(frozen=True, slots=True)
class Grid:
    """``per_whole`` ticks to a whole note."""

    per_whole: int

    @classmethod
    def of(cls, times: Iterable[Fraction]) -> Grid:
        """The coarsest grid (with :data:`HEADROOM`) that every one of ``times`` lands on."""
        return cls.of_denominators({t.denominator for t in times})

    @classmethod
    def of_denominators(cls, denominators: Iterable[int]) -> Grid:
        """The coarsest grid (with :data:`HEADROOM`) that fractions of these denominators land
        on."""
        return cls(lcm(HEADROOM, *denominators))

    def ticks(self, time: Fraction) -> int:
        """``time`` (whole notes) in ticks; it must land on the grid."""
        count, rest = divmod(time.numerator * self.per_whole, time.denominator)
        if rest:
            raise ExportError(f"time {time} does not land on {self.per_whole} ticks a whole note")
        return count

    def time(self, ticks: int) -> Fraction:
        """Ticks back to whole notes."""
        return Fraction(ticks, self.per_whole)

    def refined(self, factor: int) -> Grid:
        """A grid ``factor`` times finer (see :class:`OffGrid`)."""
        return Grid(self.per_whole * factor)

    def divisions(self, common: int) -> int:
        """The fewest divisions per quarter in which every multiple of ``common`` ticks is a
        whole number (``common``: the greatest common divisor of the tick counts written, 0
        when there are none).

        >>> Grid(48).divisions(4), Grid(48).divisions(0)
        (3, 1)
        """
        if common == 0:
            return 1
        coarse = self.per_whole // gcd(common, self.per_whole)  # one whole note in those units
        return coarse // gcd(coarse, 4)

    def scale(self, divisions: int) -> tuple[int, int]:
        """``(numerator, denominator)`` of divisions per tick, in lowest terms, so a count of
        ticks is ``ticks * numerator // denominator`` divisions.

        >>> Grid(48).scale(3)
        (1, 4)
        """
        per_whole = 4 * divisions
        common = gcd(per_whole, self.per_whole)
        return per_whole // common, self.per_whole // common
