"""Repeats and endings played out, as the order of a part's bars (no copy of the music).

A repeat sign at a bar's end sends the music back to the last start sign (or the beginning)
until it has been played ``times`` times (twice unless it says); a bar under an ending bracket
is played only on the passes its numbers name. Jumps by words (D.C., D.S., Coda) are not
followed: they are counted by the reader.

>>> order(6, starts={1}, ends={3: 2}, endings={3: {1}, 4: {2}})
[0, 1, 2, 3, 1, 2, 4, 5]
"""

from __future__ import annotations

from collections.abc import Mapping, Set
from typing import Any


def order(
    count: int, starts: Set[int], ends: Mapping[int, int], endings: Mapping[int, Set[int]]
) -> list[int]:
    """The bars ``0..count-1`` in playing order: ``starts`` open repeats, ``ends`` close them
    (bar -> times played), ``endings`` name the passes a bar is played on."""
    out: list[int] = []
    begin, passes, done = 0, 1, dict.fromkeys(ends, 1)
    i = 0
    while i < count:
        if i in starts and passes == 1:
            begin = i
        numbers = endings.get(i)
        if numbers and passes not in numbers:
            i += 1
            continue
        out.append(i)
        if i in ends and done[i] < ends[i]:
            done[i] += 1
            passes += 1
            i = begin
            continue
        if i in ends or (numbers and i + 1 not in endings):  # the repeat is over
            begin, passes = i + 1, 1
            done = dict.fromkeys(ends, 1)
        i += 1
    return out


def play_order(measures: list[Any], m21: Any, brackets: list[Any]) -> tuple[list[int], int]:
    """The playing order of music21 bars, and how many repeats it plays out."""
    starts: set[int] = set()
    ends: dict[int, int] = {}
    for i, measure in enumerate(measures):
        left, right = measure.leftBarline, measure.rightBarline
        if isinstance(left, m21.bar.Repeat) and left.direction == "start":
            starts.add(i)
        if isinstance(right, m21.bar.Repeat) and right.direction == "end":
            ends[i] = right.times or 2
    index = {id(m): i for i, m in enumerate(measures)}
    endings: dict[int, set[int]] = {}
    for bracket in brackets:
        numbers = _numbers(bracket.number)
        for measure in bracket.getSpannedElements():
            if id(measure) in index:
                endings[index[id(measure)]] = numbers
    if not ends:
        return list(range(len(measures))), 0
    return order(len(measures), starts, ends, endings), len(ends)


def _numbers(text: object) -> set[int]:
    """The passes an ending names: ``"1"``, ``"1, 2"``, ``"1-3"`` (none: the first)."""
    found: set[int] = set()
    for piece in str(text or "1").replace(" ", "").split(","):
        low, _, high = piece.partition("-")
        if low.isdigit():
            found.update(range(int(low), int(high if high.isdigit() else low) + 1))
    return found or {1}
