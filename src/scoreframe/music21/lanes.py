"""Lanes: the notes of one music21 voice, kept as a model voice can hold them.

A record (a note, chord or rest) joins the first lane of its voice that it fits: after the
lane's last record ends, or at the last record's onset with the same period (a chord: both
pitched). A record that fits none opens another lane (counted): music21 voices may overlap
where a model voice may not.

>>> from fractions import Fraction as F
>>> from collections import Counter
>>> lanes, fixed = [], Counter()
>>> for onset, period in [(0, 2), (1, 1), (2, 1)]:
...     r = Record(F(onset), F(period), ("x",), (False,), frozenset())
...     lane_for(lanes, r, fixed).add(r)
>>> [[(str(r.onset), str(r.period)) for r in lane.records] for lane in lanes]
[[('0', '2'), ('2', '1')], [('1', '1')]]
>>> dict(fixed)
{'notes put in another voice where they overlap their own': 1}
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field, replace
from fractions import Fraction
from typing import Any

from ..note import Articulation


@dataclass(frozen=True, slots=True)
class Record:
    """A note, chord (several pitches) or rest (none) of a music21 voice, in whole notes;
    ``ties[i]`` says whether ``pitches[i]`` is tied on."""

    onset: Fraction
    period: Fraction
    pitches: tuple[Any, ...]
    ties: tuple[bool, ...]
    marks: frozenset[Articulation]
    lyrics: tuple[str, ...] = ()
    graces: tuple[Any, ...] = ()
    slash: bool = False


@dataclass
class Lane:
    """Records that one model voice can hold, in time order."""

    records: list[Record] = field(default_factory=list)

    def fits(self, record: Record) -> bool:
        if not self.records:
            return True
        last = self.records[-1]
        if last.onset == record.onset:
            return last.period == record.period and bool(last.pitches) and bool(record.pitches)
        return record.onset >= last.onset + last.period

    def add(self, record: Record) -> None:
        """Append ``record``; at the last record's onset it joins that chord."""
        if self.records and self.records[-1].onset == record.onset:
            last = self.records[-1]
            self.records[-1] = replace(
                last,
                pitches=last.pitches + record.pitches,
                ties=last.ties + record.ties,
                marks=last.marks | record.marks,
            )
        else:
            self.records.append(record)


def lane_for(lanes: list[Lane], record: Record, fixed: Counter[str]) -> Lane:
    """The first lane ``record`` fits, else a new one (counted in ``fixed``)."""
    for lane in lanes:
        if lane.fits(record):
            return lane
    if lanes:
        fixed["notes put in another voice where they overlap their own"] += 1
    lane = Lane()
    lanes.append(lane)
    return lane
