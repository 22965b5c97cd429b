"""Lay each voice through the measures: one contiguous run of spans per voice and bar.

A span is a chord, a note or a rest inside one bar. Gaps between notes become rests, notes that
cross a bar line are cut there and tied, and every voice fills every bar exactly (Ames: a voice
is one run through the measure; the next voice starts after a ``<backup>``).

>>> from scoreframe import Score
>>> s = Score(); s.meter("2/4")
>>> v = s.part("P").voice("V")
>>> _ = v.note("C4", "1/2", at="1/8")
>>> bars = list(s.meters.bars(s.end))
>>> [[(str(x.start), str(x.length), x.is_rest, x.tie_start, x.tie_stop) for x in run]
...  for run in voice_runs(v, bars)]
[[('0', '1/8', True, (), ()), ('1/8', '3/8', False, (True,), (False,))],
 [('0', '1/8', False, (False,), (True,)), ('1/8', '3/8', True, (), ())]]
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction

from ..meter import Bar
from ..note import Note
from ..score import Voice


@dataclass(frozen=True, slots=True)
class Span:
    """A chord, note or rest inside one bar: offset from the bar start and length.

    ``tie_start[i]``/``tie_stop[i]`` say whether ``notes[i]`` ties into the next span of the
    voice / is tied from the previous one (cut at a bar line, or tied in the score).
    """

    start: Fraction
    length: Fraction
    notes: tuple[Note, ...]
    tie_start: tuple[bool, ...]
    tie_stop: tuple[bool, ...]
    onset: Fraction  # the time in the score where the span starts

    @property
    def is_rest(self) -> bool:
        return not self.notes

    @property
    def end(self) -> Fraction:
        return self.start + self.length


def chords(notes: Sequence[Note]) -> list[tuple[Note, ...]]:
    """Group a voice's notes (onset order) into chords: notes sharing an onset."""
    out: list[tuple[Note, ...]] = []
    group: list[Note] = []
    for note in notes:
        if group and note.onset != group[0].onset:
            out.append(tuple(group))
            group = []
        group.append(note)
    if group:
        out.append(tuple(group))
    return out


def voice_runs(voice: Voice, bars: Sequence[Bar]) -> list[list[Span]]:
    """The voice's spans bar by bar; rests fill every gap up to the last bar's end."""
    runs: list[list[Span]] = [[] for _ in bars]
    starts = [bar.start for bar in bars]
    tied_in: set[Fraction] = set()
    cursor = Fraction(0)
    for chord in chords(voice.notes):
        onset = chord[0].onset
        if onset > cursor:
            _lay(runs, bars, starts, cursor, onset - cursor, (), (), ())
        pitched = [n for n in chord if n.pitch is not None]
        stops = tuple(n.pitch.semitones in tied_in for n in pitched if n.pitch is not None)
        ties = tuple(n.tie for n in pitched)
        notes = tuple(pitched) if pitched else ()
        _lay(runs, bars, starts, onset, chord[0].period, notes, ties, stops)
        tied_in = {n.pitch.semitones for n in pitched if n.tie and n.pitch is not None}
        cursor = onset + chord[0].period
    end = bars[-1].end if bars else Fraction(0)
    if cursor < end:
        _lay(runs, bars, starts, cursor, end - cursor, (), (), ())
    return runs


def _lay(
    runs: list[list[Span]],
    bars: Sequence[Bar],
    starts: list[Fraction],
    onset: Fraction,
    length: Fraction,
    notes: tuple[Note, ...],
    ties: tuple[bool, ...],
    stops: tuple[bool, ...],
) -> None:
    """Add one chord or rest, cut at bar lines, tied across them."""
    i = bisect.bisect_right(starts, onset) - 1
    time, end = onset, onset + length
    while time < end and i < len(bars):
        bar = bars[i]
        piece_end = min(end, bar.end)
        first, last = time == onset, piece_end == end
        tie_start = tuple(t or not last for t in ties) if notes else ()
        tie_stop = tuple(s or not first for s in stops) if notes else ()
        span = Span(time - bar.start, piece_end - time, notes, tie_start, tie_stop, time)
        runs[i].append(span)
        time, i = piece_end, i + 1
