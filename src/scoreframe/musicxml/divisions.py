"""Divisions: the count per quarter note that MusicXML durations are whole numbers of.

A part's ``<divisions>`` is the smallest count per quarter that makes every duration (and
every offset, for ``<backup>``/``<forward>``) an integer: the least common multiple of the
denominators of the lengths measured in quarters.

>>> divisions_for([Fraction(1, 4), Fraction(1, 12), Fraction(3, 16)])
12
>>> to_divisions(Fraction(3, 16), 12)
9
"""

from __future__ import annotations

from collections.abc import Iterable
from fractions import Fraction
from math import lcm

from ..errors import ExportError

QUARTER = Fraction(1, 4)

INT32 = 2**31 - 1
MAX_DIVISIONS = INT32 // 4
"""The largest ``<divisions>`` written: 536,870,911. MuseScore 3 reads a duration as the
fraction ``duration / (4 * divisions)`` in 32-bit ints, so four times the divisions (and
every duration) must fit in 2**31 - 1 (measured: 536,870,910 divisions import exactly,
1,073,741,820 come out wrong). music21 reads either exactly."""


def divisions_for(lengths: Iterable[Fraction]) -> int:
    """The smallest divisions per quarter giving every length (whole notes) an integer count.

    >>> divisions_for([Fraction(1, 2)]), divisions_for([]), divisions_for([Fraction(1, 20)])
    (1, 1, 5)
    """
    denominators = {(Fraction(v) / QUARTER).denominator for v in lengths}
    return lcm(*denominators) if denominators else 1


def to_divisions(length: Fraction, divisions: int) -> int:
    """``length`` (whole notes) as a count of divisions; it must land on the grid.

    >>> to_divisions(Fraction(1, 3), 4)
    Traceback (most recent call last):
    ...
    scoreframe.errors.ExportError: length 1/3 is 16/3 divisions at 4 per quarter, not a whole ...
    """
    count = Fraction(length) / QUARTER * divisions
    if count.denominator != 1:
        raise ExportError(
            f"length {length} is {count} divisions at {divisions} per quarter, not a whole "
            "number; choose divisions with divisions_for()"
        )
    return count.numerator


def from_divisions(count: int, divisions: int) -> Fraction:
    """A count of divisions back to whole notes.

    >>> from_divisions(9, 12)
    Fraction(3, 16)
    """
    return Fraction(count, divisions) * QUARTER


def quantize(lengths: Iterable[Fraction], divisions: int) -> tuple[tuple[int, ...], int]:
    """Counts of divisions for a grid the user fixed: each rounded to the nearest count (half
    away from zero), and how many were moved, so the caller can warn once.

    >>> quantize([Fraction(1, 4), Fraction(1, 12)], 2)
    ((2, 1), 1)
    """
    counts: list[int] = []
    moved = 0
    for length in lengths:
        exact = Fraction(length) / QUARTER * divisions
        rounded = int(exact + Fraction(1, 2)) if exact >= 0 else -int(-exact + Fraction(1, 2))
        moved += rounded != exact
        counts.append(rounded)
    return tuple(counts), moved


def check_divisions(divisions: int, longest: Fraction, where: str) -> None:
    """Refuse ``divisions`` per quarter beyond :data:`MAX_DIVISIONS`, or so many that a
    duration of ``longest`` (whole notes) overflows a reader's 32-bit count."""
    count = longest / QUARTER * divisions
    if divisions > MAX_DIVISIONS or count > INT32:
        raise ExportError(
            f"{where}: the rhythm needs {divisions:,} divisions per quarter, beyond the "
            f"{MAX_DIVISIONS:,} MusicXML readers hold (MuseScore 3 counts in 32-bit ints; "
            f"a bar of {longest} whole notes is {int(count):,}); round the times there to a "
            "coarser grid"
        )
