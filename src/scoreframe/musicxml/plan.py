"""Plan a part's notation: each voice's run through each bar, split into written pieces.

This is the pipeline of plain functions the measure writer serializes once: lay the voice
through the bars (:mod:`.layout`), find the bar's tuplet groups (:mod:`.tuplets`), split the
spans into notatable pieces joined by ties (:mod:`.splitting`) and beam them (:mod:`.beams`).

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

from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction
from functools import lru_cache

from ..errors import ExportError, ScoreframeError
from ..meter import Bar, Meter
from ..score import Part, Voice
from .beams import BeamMark, beam_measure
from .layout import Span, voice_runs
from .splitting import BarMeter, Piece, Syncopation, split_measure
from .splitting import Span as Event
from .tuplets import Sextuplets, TupletRatio, find_tuplets


@dataclass(frozen=True, slots=True)
class NotationOptions:
    """Choices of the notation pipeline (keyword options of :func:`~.export.to_tree`)."""

    max_dots: int = 2
    syncopation: Syncopation = Syncopation.KEEP_CENTERED
    ratio: TupletRatio = TupletRatio.BELOW
    sextuplets: Sextuplets = Sextuplets.KEEP_TRIPLETS


@dataclass(frozen=True, slots=True)
class VoiceBar:
    """One voice in one bar: its spans (chords, notes, rests) and their written pieces."""

    voice: Voice
    number: int
    stem: str | None
    spans: list[Span]
    pieces: tuple[Piece, ...]
    beams: tuple[tuple[BeamMark, ...], ...]


@dataclass(frozen=True, slots=True)
class PartPlan:
    """A part's voices laid through every bar (``bars[i]``: one VoiceBar per voice)."""

    part: Part
    voices: tuple[Voice, ...]
    bars: list[list[VoiceBar]]


@lru_cache(maxsize=256)
def bar_meter(meter: Meter) -> BarMeter:
    """The metric structure of a time signature, with its beat groups."""
    groups = meter.groups if len(set(meter.groups)) > 1 else ()
    return BarMeter.from_signature(meter.numerator, meter.denominator, groups)


def check_chords(part: Part) -> None:
    """Notes of one onset in one voice must share their period (they form a chord)."""
    for voice in part.voices:
        previous = None
        for note in voice.notes:
            if previous is not None and note.onset == previous.onset \
                    and note.period != previous.period:
                where = part.score.where(note.onset, part, voice)
                raise ExportError(
                    f"{where}: notes of one onset have periods {previous.period} and "
                    f"{note.period}; a chord shares one period, so put the other note in "
                    "another voice"
                )
            previous = note


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


def plan_part(part: Part, bars: Sequence[Bar], options: NotationOptions) -> PartPlan:
    """Lay every voice of ``part`` through ``bars`` and split each bar into pieces."""
    check_chords(part)
    voices = written_voices(part)
    numbers = _voice_numbers(voices)
    stem = stems(voices)
    planned: list[list[VoiceBar]] = [[] for _ in bars]
    for voice in voices:
        runs = voice_runs(voice, bars)
        for index, (bar, spans) in enumerate(zip(bars, runs, strict=True)):
            pieces, beams = _split(part, voice, bar, spans, options)
            planned[index].append(
                VoiceBar(voice, numbers[voice.name], stem[voice.name], spans, pieces, beams)
            )
    return PartPlan(part, voices, planned)


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


def _split(
    part: Part, voice: Voice, bar: Bar, spans: list[Span], options: NotationOptions
) -> tuple[tuple[Piece, ...], tuple[tuple[BeamMark, ...], ...]]:
    origin = bar.meter.bar_length - bar.length if bar.number == 0 else Fraction(0)
    rhythm = tuple((s.start, s.length, s.is_rest) for s in spans)
    try:
        return _notate(bar.meter, origin, rhythm, options)
    except ScoreframeError as error:
        where = part.score.where(bar.start, part, voice)
        raise ExportError(f"{where}: {error}") from None


@lru_cache(maxsize=1 << 14)
def _notate(
    signature: Meter, origin: Fraction, rhythm: tuple[tuple[Fraction, Fraction, bool], ...],
    options: NotationOptions,
) -> tuple[tuple[Piece, ...], tuple[tuple[BeamMark, ...], ...]]:
    """Tuplets, pieces and beams of one bar's rhythm (cached: music repeats its rhythms)."""
    meter = bar_meter(signature)
    events = [Event(*item) for item in rhythm]
    groups = find_tuplets(meter, events, origin=origin, ratio=options.ratio,
                          sextuplets=options.sextuplets)
    pieces = split_measure(meter, events, groups, origin=origin,
                           max_dots=options.max_dots, syncopation=options.syncopation)
    return pieces, beam_measure(meter, pieces, groups, origin=origin)
