"""Csound's ``<`` ramps for contour fields (the option ``ramps=True``).

Csound replaces a ``<`` in p4 or later by a straight line, in p2, between the nearest explicit
values of the same field in the notes before and after it *of the same instrument*, in the
sorted score. So a value may become ``<`` only where that line is the contour:

* the field is a contour (``control:N``, ``pitch_bend``, a named contour) and the notes lie in
  one **linear** segment of one contour (exponential segments and holds stay explicit);
* the tempo is constant over the run (a line in whole notes is a line in seconds only then);
* the instrument is a number (Csound 6 cannot ramp the p-fields of a named instrument);
* the notes of the instrument are grouped by start time, and every note of each group reads
  the same segment: a group that mixes segments (two voices with their own contours, say) ends
  the run, so it does not matter how Csound orders notes that start together.

The first and the last group of a run keep their values (they anchor the ramp); groups between
them get ``<``. Ramped values differ from the explicit ones by the rounding of the anchors (a
millionth). Values are explicit by default because carry, ``+`` and ramps behave differently
across Csound versions and instrument kinds.

>>> rows = [["1", str(t), "1", str(10 * t)] for t in range(5)]
>>> entries = [Entry(row, "1", int(row[1]), ("segment",)) for row in rows]
>>> mark(entries)
>>> [row[3] for row in rows]
['0', '<', '<', '<', '40']
"""

from __future__ import annotations

import bisect
from collections.abc import Callable, Hashable, Iterable
from dataclasses import dataclass
from itertools import groupby

from ..score import Voice
from ..tempo import TempoMap

RAMP = "<"
#: Words of an i statement before its p4 (``p1 p2 p3``).
FIRST_FIELD = 3

RampKey = Callable[[float], Hashable | None]
"""Onset in whole notes (a float) -> what the contour's value there lies on, or None."""


@dataclass(frozen=True, slots=True)
class Entry:
    """An i statement (its words from p1, changed in place), its p1, start and ramp keys (one
    per field from p4: equal keys mean the values lie on one line in p2; None: explicit)."""

    words: list[str]
    p1: str
    start: int
    keys: tuple[Hashable | None, ...]


def constant_spans(tempo_map: TempoMap) -> Callable[[float], int | None]:
    """Onset (float whole notes) -> the index of its tempo span if that span holds one tempo."""
    starts = [float(span.start) for span in tempo_map.spans]
    constant = [span.constant() for span in tempo_map.spans]

    def span_of(t: float) -> int | None:
        i = max(bisect.bisect_right(starts, t) - 1, 0)
        return i if constant[i] else None

    return span_of


def contour_key(name: str, voice: Voice, span_of: Callable[[float], int | None]) -> RampKey:
    """The ramp key of contour ``name`` for the notes of ``voice``: the contour segment and
    tempo span an onset lies in, when that segment is straight and moving and the tempo
    holds (voices that inherit one segment share its key)."""
    view = voice.resolved(name)
    starts = [float(w.start) for w in view.windows]
    windows = view.windows

    def key(t: float) -> Hashable | None:
        i = bisect.bisect_right(starts, t) - 1
        if i < 0:
            return None
        window = windows[i]
        segment = window.segment
        if not segment.moving or not segment.rule.straight:
            return None
        span = span_of(t)
        return None if span is None else (id(window.contour), window.index, span)

    return key


def mark(entries: Iterable[Entry]) -> None:
    """Write ``<`` in the fields of notes strictly inside a run (see the module doc)."""
    by_instrument: dict[str, list[Entry]] = {}
    for entry in entries:
        by_instrument.setdefault(entry.p1, []).append(entry)
    for rows in by_instrument.values():
        width = max(len(entry.keys) for entry in rows)
        groups = [list(group) for _, group in groupby(rows, key=lambda e: e.start)]
        for column in range(width):
            _mark_column(groups, column)


def _group_key(group: list[Entry], column: int) -> Hashable | None:
    keys = {entry.keys[column] if column < len(entry.keys) else None for entry in group}
    return keys.pop() if len(keys) == 1 else None


def _mark_column(groups: list[list[Entry]], column: int) -> None:
    """Mark the interior groups of every run of groups sharing one (not None) key."""
    keys = [_group_key(group, column) for group in groups]
    run_start = 0
    for i in range(1, len(groups) + 1):
        if i < len(groups) and keys[i] is not None and keys[i] == keys[run_start]:
            continue
        for group in groups[run_start + 1 : i - 1]:
            for entry in group:
                entry.words[FIRST_FIELD + column] = RAMP
        run_start = i
