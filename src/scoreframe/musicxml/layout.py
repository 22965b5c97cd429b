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
    cursor = _Cursor(bars)
    tied_in: set[Fraction] = set()
    at = Fraction(0)
    for chord in chords(voice.notes):
        first = chord[0]
        onset = first.onset
        if onset > at:
            _lay(runs, cursor, at, onset - at, (), (), ())
        pitched = tuple(n for n in chord if n.pitch is not None)
        if tied_in:
            stops = tuple(n.pitch.semitones in tied_in for n in pitched)  # type: ignore[union-attr]
        else:
            stops = (False,) * len(pitched)
        ties = tuple(n.tie for n in pitched)
        _lay(runs, cursor, onset, first.period, pitched, ties, stops)
        tied_in = {n.pitch.semitones for n in pitched if n.tie} if any(ties) else set()  # type: ignore[union-attr]
        at = onset + first.period
    end = bars[-1].end if bars else Fraction(0)
    if at < end:
        _lay(runs, cursor, at, end - at, (), (), ())
    return runs


class _Cursor:
    """The bar a time falls in, found by moving forward (a voice's times only grow)."""

    def __init__(self, bars: Sequence[Bar]) -> None:
        self.bars = bars
        self.index = 0
        self.ends = [bar.end for bar in bars]

    def find(self, time: Fraction) -> int:
        ends, i = self.ends, self.index
        while i + 1 < len(ends) and ends[i] <= time:
            i += 1
        self.index = i
        return i


def _lay(
    runs: list[list[Span]],
    cursor: _Cursor,
    onset: Fraction,
    length: Fraction,
    notes: tuple[Note, ...],
    ties: tuple[bool, ...],
    stops: tuple[bool, ...],
) -> None:
    """Add one chord or rest, cut at bar lines, tied across them."""
    i = cursor.find(onset)
    bars = cursor.bars
    end = onset + length
    if end <= cursor.ends[i]:  # the common case: inside one bar
        runs[i].append(Span(onset - bars[i].start, length, notes, ties, stops, onset))
        return
    time = onset
    while time < end and i < len(bars):
        bar = bars[i]
        piece_end = min(end, bar.end)
        first, last = time == onset, piece_end == end
        tie_start = tuple(t or not last for t in ties) if notes else ()
        tie_stop = tuple(s or not first for s in stops) if notes else ()
        runs[i].append(Span(time - bar.start, piece_end - time, notes, tie_start, tie_stop,
                            time))
        time, i = piece_end, i + 1
