"""A take: what the recorder heard, in seconds from bar 1, and the Score it becomes.

The score is built through the public API against its own tempo map: each second becomes
whole notes by ``TempoMap.whole_notes``, rounded to the nearest :data:`GRID` (1/1920 of a whole
note: 480 ticks a quarter, the MIDI exporter's default grid, 1.3 ms at quarter = 96), exact
Fractions from there. One part per MIDI channel (``"Channel 1"``...), its program the first
program change heard; notes in voices that never overlap (notes that start together and
last as long share a voice as a chord); a controller's values as holds of its contour.

>>> take = Take()
>>> take.note(1, 60, 100, 0.0, 0.625)          # a quarter at quarter = 96
>>> take.note(1, 64, 90, 0.625, 1.25)
>>> score = take.score(tempo=96, meter="4/4")
>>> [(str(n.pitch), n.onset, n.duration, n.velocity) for n in score.parts[0].voices[0].notes]
[('C4', Fraction(0, 1), Fraction(1, 4), 100), ('E4', Fraction(1, 4), Fraction(1, 4), 90)]
"""

from __future__ import annotations

from dataclasses import dataclass, field
from fractions import Fraction

from ..meter import Meter
from ..score import Part, Score, Voice
from ..tempo import TempoMap

#: The grid recorded times are rounded to, in whole notes.
GRID = Fraction(1, 1920)


@dataclass(frozen=True, slots=True)
class TakeNote:
    """A note heard: channel, key, velocity, and its start and end in seconds from bar 1."""

    channel: int
    key: int
    velocity: int
    start: float
    end: float


@dataclass
class Take:
    """The notes, controller values and programs heard, in seconds from bar 1."""

    notes: list[TakeNote] = field(default_factory=list)
    controls: list[tuple[float, int, int, int]] = field(default_factory=list)
    programs: dict[int, int] = field(default_factory=dict)

    def note(self, channel: int, key: int, velocity: int, start: float, end: float) -> None:
        self.notes.append(TakeNote(channel, key, velocity, start, end))

    def control(self, seconds: float, channel: int, ctrl: int, value: int) -> None:
        self.controls.append((seconds, channel, ctrl, value))

    def program(self, channel: int, program: int) -> None:
        self.programs.setdefault(channel, program)

    def score(self, *, tempo: float, meter: str | Meter, grid: Fraction = GRID) -> Score:
        """The take as a Score at ``tempo`` (quarter-note BPM) in ``meter``."""
        score = Score()
        score.meter(meter)
        score.tempo.hold(tempo)
        tempo_map = TempoMap(score)

        def at(seconds: float) -> Fraction:
            whole = Fraction(tempo_map.whole_notes(max(seconds, 0.0)))
            return round(whole / grid) * grid

        channels = sorted({n.channel for n in self.notes} | {c for _, c, _, _ in self.controls})
        parts = {
            channel: score.part(
                f"Channel {channel}", channel=channel, program=self.programs.get(channel)
            )
            for channel in channels
        }
        lanes: dict[int, list[Voice]] = {channel: [] for channel in channels}
        for note in sorted(self.notes, key=lambda n: (n.start, n.key)):
            onset = at(note.start)
            length = max(at(note.end) - onset, grid)
            voice = _lane(parts[note.channel], lanes[note.channel], onset, length)
            voice.note(note.key, length, at=onset, velocity=max(note.velocity, 1))
        for seconds, channel, ctrl, value in sorted(self.controls, key=lambda c: c[0]):
            parts[channel].control(ctrl).hold(value, at=at(seconds))
        return score


def _lane(part: Part, lanes: list[Voice], onset: Fraction, length: Fraction) -> Voice:
    """The voice a note goes in: one whose last chord it joins, or one that has ended."""
    for voice in lanes:
        last = voice.notes[-1]
        if last.onset == onset and last.period == length:
            return voice
    for voice in lanes:
        last = voice.notes[-1]
        if last.onset + last.period <= onset:
            return voice
    voice = part.voice(f"{part.name} {len(lanes) + 1}")
    lanes.append(voice)
    return voice
