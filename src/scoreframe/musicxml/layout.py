"""Lay each voice through the measures: one contiguous run of spans per voice and bar.

A span is a chord, a note or a rest inside one bar. Gaps between notes become rests, notes that
cross a bar line are cut there and tied, and every voice fills every bar exactly (Ames: a voice
is one run through the measure; the next voice starts after a ``<backup>``). Times are ticks of
the part's :class:`~.grid.Grid`, so laying out adds and compares ints.

>>> from scoreframe import Score
>>> s = Score(); s.meter("2/4")
>>> v = s.part("P").voice("V")
>>> _ = v.note("C4", "1/2", at="1/8")
>>> bars = list(s.meters.bars(s.end))
>>> grid = Grid(8)  # eighths (a part's grid also has HEADROOM)
>>> [[(x.start, x.length, x.is_rest, x.tie_start, x.tie_stop) for x in run]
...  for run in voice_runs(chords(v, grid), BarLines.of(bars, grid))]
[[(0, 1, True, (), ()), (1, 3, False, (True,), (False,))],
 [(0, 1, False, (False,), (True,)), (1, 3, True, (), ())]]
"""

from __future__ import annotations

from collections.abc import Callable, Sequence, Set
from dataclasses import dataclass
from functools import partial
from typing import NamedTuple

from ..errors import ExportError
from ..meter import Bar
from ..note import Note
from ..score import Voice
from .grid import Grid


class Span(NamedTuple):
    """A chord, note or rest inside one bar: offset from the bar start and length, in ticks.

    ``tie_start[i]``/``tie_stop[i]`` say whether ``notes[i]`` ties into the next span of the
    voice / is tied from the previous one (cut at a bar line, or tied in the score). A named
    tuple: one is made for every note and rest of a part (a dataclass is slower to make).
    """

    start: int
    length: int
    notes: tuple[Note, ...]
    tie_start: tuple[bool, ...]
    tie_stop: tuple[bool, ...]

    @property
    def is_rest(self) -> bool:
        return not self.notes

    @property
    def end(self) -> int:
        return self.start + self.length


@dataclass(frozen=True, slots=True)
class BarLines:
    """Where each bar starts and ends, in ticks."""

    starts: tuple[int, ...]
    ends: tuple[int, ...]

    @classmethod
    def of(cls, bars: Sequence[Bar], grid: Grid) -> BarLines:
        starts = tuple(grid.ticks(bar.start) for bar in bars)
        ends = tuple(
            start + grid.ticks(bar.length) for start, bar in zip(starts, bars, strict=True)
        )
        return cls(starts, ends)


Chord = tuple[tuple[Note, ...], int, int]
"""Notes sharing an onset, with that onset and their period in ticks."""


def chords(voice: Voice, grid: Grid) -> list[Chord]:
    """Group a voice's notes (onset order) into chords, converting their times to ticks; notes
    of one onset must share their period."""
    per_whole = grid.per_whole
    out: list[Chord] = []
    group: list[Note] = []
    at = period = -1
    for note in voice.notes:
        # A hot loop: Fractions read from their slots (see the note at the end of time.py).
        onset = note.onset
        ticks = onset._numerator * per_whole // onset._denominator  # type: ignore[attr-defined]
        if ticks != at:
            if group:
                out.append((tuple(group), at, period))
                group = []
            length, at = note.period, ticks
            period = length._numerator * per_whole // length._denominator  # type: ignore[attr-defined]
        elif note.period != group[0].period:
            _unequal_chord(voice, group[0], note)
        group.append(note)
    if group:
        out.append((tuple(group), at, period))
    return out


def _unequal_chord(voice: Voice, first: Note, note: Note) -> None:
    part = voice.part
    where = part.score.where(note.onset, part, voice)
    raise ExportError(
        f"{where}: notes of one onset have periods {first.period} and {note.period}; a chord "
        "shares one period, so put the other note in another voice"
    )


def voice_runs(timeline: Sequence[Chord], lines: BarLines) -> list[list[Span]]:
    """The voice's spans bar by bar; rests fill every gap up to the last bar's end."""
    runs: list[list[Span]] = [[] for _ in lines.starts]
    cursor = _Cursor(lines)
    tied_in: Set[object] = _NONE
    at = 0
    for chord, onset, period in timeline:
        if onset > at:
            _lay(runs, cursor, at, onset - at, (), (), ())
        if (
            not tied_in and len(chord) == 1 and chord[0].pitch is not None and not chord[0].tie
        ):  # the common case: one note, no ties
            _lay(runs, cursor, onset, period, chord, _UNTIED[1], _UNTIED[1])
        else:
            pitched = tuple(n for n in chord if n.pitch is not None)
            ties, stops = _tie_flags(pitched, tied_in)
            _lay(runs, cursor, onset, period, pitched, ties, stops)
            tied_in = {n.pitch.semitones for n in pitched if n.tie} if any(ties) else _NONE  # type: ignore[union-attr]
        at = onset + period
    end = lines.ends[-1] if lines.ends else 0
    if at < end:
        _lay(runs, cursor, at, end - at, (), (), ())
    return runs


_UNTIED = tuple((False,) * n for n in range(8))  # shared: most chords tie nothing
_NONE: frozenset[object] = frozenset()


def _tie_flags(
    pitched: tuple[Note, ...], tied_in: Set[object]
) -> tuple[tuple[bool, ...], tuple[bool, ...]]:
    """Whether each note ties into the next chord, and whether it is tied from the last one
    (``tied_in``: the pitches tied over)."""
    count = len(pitched)
    untied = _UNTIED[count] if count < len(_UNTIED) else (False,) * count
    ties = tuple(n.tie for n in pitched)
    stops = tuple(n.pitch.semitones in tied_in for n in pitched) if tied_in else untied  # type: ignore[union-attr]
    return (untied if ties == untied else ties), stops


_span: Callable[[tuple[int, int, tuple[Note, ...], tuple[bool, ...], tuple[bool, ...]]], Span]
_span = partial(tuple.__new__, Span)
"""A :class:`Span` of its five fields (without the named tuple's keyword layer: one a note)."""


class _Cursor:
    """The bar a time falls in, found by moving forward (a voice's times only grow)."""

    def __init__(self, lines: BarLines) -> None:
        self.starts = lines.starts
        self.ends = lines.ends
        self.index = 0

    def find(self, time: int) -> int:
        ends, i = self.ends, self.index
        while i + 1 < len(ends) and ends[i] <= time:
            i += 1
        self.index = i
        return i


def _lay(
    runs: list[list[Span]],
    cursor: _Cursor,
    onset: int,
    length: int,
    notes: tuple[Note, ...],
    ties: tuple[bool, ...],
    stops: tuple[bool, ...],
) -> None:
    """Add one chord or rest, cut at bar lines, tied across them."""
    i = cursor.find(onset)
    starts, ends = cursor.starts, cursor.ends
    end = onset + length
    if end <= ends[i]:  # the common case: inside one bar
        runs[i].append(_span((onset - starts[i], length, notes, ties, stops)))
        return
    time = onset
    while time < end and i < len(ends):
        piece_end = min(end, ends[i])
        first, last = time == onset, piece_end == end
        tie_start = tuple(t or not last for t in ties) if notes else ()
        tie_stop = tuple(s or not first for s in stops) if notes else ()
        runs[i].append(Span(time - starts[i], piece_end - time, notes, tie_start, tie_stop))
        time, i = piece_end, i + 1
