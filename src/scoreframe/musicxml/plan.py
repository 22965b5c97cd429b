"""Plan a part's notation: each voice's run through each bar, split into written pieces.

This is the pipeline of plain functions the measure writer serializes once: lay the voice
through the bars (:mod:`.layout`), find the bar's tuplet groups (:mod:`.tuplets`), split the
spans into notatable pieces joined by ties (:mod:`.splitting`) and beam them (:mod:`.beams`).
It runs on the part's integer :class:`~.grid.Grid`: the notes' times become ticks once, here,
and a bar's rhythm (its spans in ticks) keys the notation, made once per distinct rhythm.

>>> from scoreframe import Score
>>> s = Score(); s.meter("2/4")
>>> v = s.part("P").voice("V")
>>> _ = v.note("C4", "3/8"); _ = v.note("D4", "1/8")
>>> bars = list(s.meters.bars(s.end))
>>> plan = plan_part(s.parts[0], bars, NotationOptions())
>>> [(str(p.value), p.tie_start) for p in plan.bars[0][0].pieces]
[('dotted quarter', False), ('eighth', False)]
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from fractions import Fraction

from ..errors import ExportError, ScoreframeError
from ..meter import Bar, Meter
from ..score import Part, Voice
from .bars import BarNotation, NotationOptions, Rhythm, notate
from .beams import BeamMark
from .directions import Direction
from .grid import Grid, OffGrid
from .layout import BarLines, Span, chords, voice_runs
from .splitting import ZERO, Piece
from .staves import page_voices


@dataclass(frozen=True, slots=True)
class VoiceBar:
    """One voice in one bar: its spans (chords, notes, rests) and their written pieces."""

    voice: Voice
    number: int
    stem: str | None
    spans: list[Span]
    notation: BarNotation

    @property
    def pieces(self) -> tuple[Piece, ...]:
        return self.notation.pieces

    @property
    def beams(self) -> tuple[tuple[BeamMark, ...], ...]:
        return self.notation.beams


@dataclass(frozen=True, slots=True)
class PartPlan:
    """A part's voices laid through every bar (``bars[i]``: one VoiceBar per voice) on its
    grid."""

    part: Part
    voices: tuple[Voice, ...]
    bars: list[list[VoiceBar]]
    grid: Grid
    lines: BarLines


def written_voices(part: Part) -> tuple[Voice, ...]:
    """The voices that have notes (at least one voice, so every measure has content)."""
    if not part.voices:
        raise ExportError(f"part {part.name!r} has no voices; add one with part.voice()")
    full = tuple(v for v in part.voices if v.notes)
    return tuple(sorted(full or part.voices[:1], key=lambda v: (v.staff, v.number)))


def stems(voices: Sequence[Voice]) -> dict[str, str | None]:
    """Stem directions: up for a staff's first voice and down for the others where a staff
    holds two or more voices; free (None) where it holds one."""
    out: dict[str, str | None] = {}
    by_staff: dict[int, list[Voice]] = {}
    for voice in voices:
        by_staff.setdefault(voice.staff, []).append(voice)
    for group in by_staff.values():
        for index, voice in enumerate(group):
            out[voice.name] = None if len(group) == 1 else ("up" if index == 0 else "down")
    return out


def part_grid(part: Part, bars: Sequence[Bar], directions: Iterable[Direction] = ()) -> Grid:
    """The grid every time of the part lands on: its notes, its bars, its directions."""
    denominators = {bar.start.denominator for bar in bars}
    denominators.update(bar.length.denominator for bar in bars)
    denominators.update(d.time.denominator for d in directions)
    for voice in part.voices:  # a hot loop: Fractions read from their slots (see time.py)
        notes = voice.notes
        denominators.update(n.onset._denominator for n in notes)  # type: ignore[attr-defined]
        denominators.update(n.period._denominator for n in notes)  # type: ignore[attr-defined]
    return Grid.of_denominators(denominators)


def plan_part(
    part: Part, bars: Sequence[Bar], options: NotationOptions, grid: Grid | None = None
) -> PartPlan:
    """Lay every voice of ``part`` through ``bars`` and split each bar into pieces (``grid``:
    the part's, from :func:`part_grid` unless given; made finer if a tuplet needs it)."""
    grid = grid or part_grid(part, bars)
    while True:
        try:
            return _plan(part, bars, options, grid)
        except OffGrid as off:
            grid = grid.refined(off.factor)


def _plan(part: Part, bars: Sequence[Bar], options: NotationOptions, grid: Grid) -> PartPlan:
    voices = page_voices(written_voices(part))
    timelines = {voice.name: chords(voice, grid) for voice in voices}
    numbers = _voice_numbers(voices)
    stem = stems(voices)
    lines = BarLines.of(bars, grid)
    kinds = _bar_kinds(bars)
    notations: dict[tuple[int, Rhythm], BarNotation] = {}
    planned: list[list[VoiceBar]] = [[] for _ in bars]
    for voice in voices:
        runs = voice_runs(timelines[voice.name], lines)
        for index, spans in enumerate(runs):
            rhythm = tuple((s.start, s.length, not s.notes) for s in spans)
            key = (kinds[index], rhythm)
            notation = notations.get(key)
            if notation is None:
                notation = _split(part, voice, bars[index], rhythm, grid, options)
                notations[key] = notation
            planned[index].append(
                VoiceBar(voice, numbers[voice.name], stem[voice.name], spans, notation)
            )
    return PartPlan(part, voices, planned, grid, lines)


def _bar_kinds(bars: Sequence[Bar]) -> list[int]:
    """Each bar's meter, pickup and length as a small number, so equal bars share their
    notation (an irregular bar is shorter than its meter)."""
    kinds: dict[tuple[Meter, bool, Fraction], int] = {}
    out: list[int] = []
    for bar in bars:
        pickup = bar.number == 0
        key = (bar.meter, pickup, bar.length if pickup or bar.irregular else ZERO)
        out.append(kinds.setdefault(key, len(kinds)))
    return out


def _voice_numbers(voices: Sequence[Voice]) -> dict[str, int]:
    """MusicXML voice numbers, unique in the part: the voice's own unless taken."""
    used: set[int] = set()
    out: dict[str, int] = {}
    for voice in voices:
        number = voice.number
        while number in used:
            number += 1
        used.add(number)
        out[voice.name] = number
    return out


def _notation_meter(bar: Bar) -> tuple[Meter, Fraction]:
    """The meter a bar's rhythm is laid in, and the metric position of the bar's start: a
    pickup is the end of its meter's bar; an irregular bar is the start of it, its beat
    groups cut at its length (a 3/4 bar of 4/4 beats as 3/4; where no whole unit ends it,
    the end of the bar, as a pickup)."""
    meter = bar.meter
    if bar.number == 0 or (bar.irregular and (bar.length * meter.denominator).denominator != 1):
        return meter, meter.bar_length - bar.length
    if not bar.irregular:
        return meter, ZERO
    units = int(bar.length * meter.denominator)
    groups: list[int] = []
    for group in meter.groups:
        left = units - sum(groups)
        if left <= 0:
            break
        groups.append(min(group, left))
    return Meter(units, meter.denominator, tuple(groups)), ZERO


def _split(
    part: Part, voice: Voice, bar: Bar, rhythm: Rhythm, grid: Grid, options: NotationOptions
) -> BarNotation:
    meter, origin = _notation_meter(bar)
    try:
        return notate(meter, origin, rhythm, grid, options, not bar.irregular)
    except OffGrid:
        raise
    except ScoreframeError as error:
        where = part.score.where(bar.start, part, voice)
        raise ExportError(f"{where}: {error}") from None
