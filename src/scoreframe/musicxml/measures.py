"""Write one part's measures from its plan: attributes, directions, voices laid with backup.

Each measure holds, in order: ``<attributes>`` (at the start and at every change), then each
voice as one contiguous run (its directions just before the piece they fall in, with an
``<offset>`` for the rest), a ``<backup>`` to the measure start before the next voice, and a
final barline in the last measure.
"""

from __future__ import annotations

import bisect
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from fractions import Fraction
from typing import Any, Protocol

from lxml import etree

from ..clef import Clef
from ..errors import ExportError
from ..meter import Bar, Key
from ..note import Note
from ..pitch import Pitch
from ..score import Score, Voice
from .attributes import attributes
from .bars import BarNotation
from .directions import Direction, DirectionKind
from .grid import Grid
from .layout import BarLines
from .looks import Chains, Looks
from .notations import OWN_MARKS, NoteMarks
from .notes import NoteElements, NoteTable, PieceContext
from .pitches import AccidentalState
from .plan import PartPlan, VoiceBar
from .staves import StaffVoice
from .stream import Measure, TextMeasure, printed
from .transposing import Transposer

_SubElement = etree.SubElement


@dataclass(frozen=True, slots=True)
class PartSetting:
    """What is fixed for one part's measures."""

    plan: PartPlan
    divisions: int
    clefs: tuple[Clef, ...]
    directions: tuple[Direction, ...]
    transposer: Transposer | None = None
    marks: Mapping[Voice, NoteMarks] = field(default_factory=dict)
    looks: Looks = field(default_factory=Looks)

    @property
    def staves(self) -> int:
        return self.plan.part.staves


def with_marks(setting: PartSetting, score: Score, transposer: Transposer | None) -> PartSetting:
    """``setting`` with the part's transposition and the marks of its voices' notes
    (:mod:`.notations`, :mod:`.transposing`)."""
    written = transposer.pitch if transposer is not None else _same_pitch
    keys = score.keys

    def fifths(time: Fraction) -> int:
        key = keys.key_at(time)
        if key is None:
            return 0
        return transposer.key(key).fifths if transposer is not None else key.fifths

    marks = {
        voice: NoteMarks(voice, written, fifths)
        for voice in setting.plan.voices  # as written (a chord across staves: a voice a staff)
        if voice._notation or any(n.articulations & OWN_MARKS for n in voice.notes)
    }
    return replace(setting, transposer=transposer, marks=marks)


def _same_pitch(pitch: Pitch) -> Pitch:
    return pitch


def key_changes(score: Score, bars: Sequence[Bar]) -> dict[int, Key]:
    """Bar index -> key starting there; a key change off a bar line is an error."""
    starts = {bar.start: i for i, bar in enumerate(bars)}
    out: dict[int, Key] = {}
    for time, key in score.keys.changes:
        index = starts.get(time)
        if index is None:
            if bars and time >= bars[-1].end:
                continue
            raise ExportError(
                f"{score.where(time)}: a key change must fall on a bar line for MusicXML; "
                "move it to the start of a bar"
            )
        out[index] = key
    return out


class Measures(Protocol):
    """Where a part's measures go (:mod:`.stream`): kept in a tree or printed as they end."""

    @property
    def text(self) -> bool:
        """Whether the measures are :class:`~.stream.TextMeasure` (notes given as lines)."""

    def measure(self, attributes: dict[str, str]) -> Measure:
        """A new measure to fill."""

    def done(self, measure: Any) -> None:
        """``measure`` is complete."""


def write_measures(
    target: Measures,
    score: Score,
    bars: Sequence[Bar],
    setting: PartSetting,
    elements: NoteElements | None = None,
) -> None:
    """Write every measure of the part into ``target`` (``elements``: the note elements
    made so far, shared by the parts of one score)."""
    keys = key_changes(score, bars)
    if setting.transposer is not None:  # written keys (a score with no key is in C major)
        keys = {0: Key(0), **keys} if bars else keys
        keys = {index: setting.transposer.key(key) for index, key in keys.items()}
    plan = setting.plan
    writer = _Writer(setting, NoteElements() if elements is None else elements, target.text)
    written = setting.transposer.note if setting.transposer is not None else None
    by_bar = _directions_by_bar(plan.lines, plan.grid, setting.directions)
    first_key = keys.get(0)
    state = AccidentalState(first_key.fifths if first_key else 0)
    starts, ends = plan.lines.starts, plan.lines.ends
    for index, bar in enumerate(bars):
        number = {"number": str(bar.number)}
        measure = target.measure({**number, "implicit": "yes"} if bar.number == 0 else number)
        key = keys.get(index)
        state.new_bar(key.fifths if key is not None else None)
        _attributes(measure, index, bar, bars, key, setting)
        voice_bars = plan.bars[index]
        accidentals = _accidentals(voice_bars, state, setting.staves, written)
        here = by_bar.get(index, [])
        for position, voice_bar in enumerate(voice_bars):
            if position:
                writer.backup(measure, ends[index] - starts[index])
            placed = _placed(here, starts[index], voice_bar, position, voice_bars)
            hidden = _hidden_rests(voice_bar, position, voice_bars)
            try:
                writer.voice(measure, voice_bar, position, placed, accidentals, hidden, bar)
            except ExportError as error:
                raise ExportError(
                    f"part {plan.part.name!r}, bar {bar.number}, voice {voice_bar.voice.name!r}: "
                    f"{error}"
                ) from None
        if index == len(bars) - 1:
            measure.append(_final_barline())
        target.done(measure)


def _backup(duration: int) -> etree._Element:
    """``<backup>`` by ``duration`` divisions."""
    backup = etree.Element("backup")
    _SubElement(backup, "duration").text = str(duration)
    return backup


def _final_barline() -> etree._Element:
    barline = etree.Element("barline", location="right")
    _SubElement(barline, "bar-style").text = "light-heavy"
    return barline


def _attributes(
    measure: Measure,
    index: int,
    bar: Bar,
    bars: Sequence[Bar],
    key: Key | None,
    setting: PartSetting,
) -> None:
    if index == 0:
        element = attributes(setting.divisions, key, bar.meter, setting.staves, setting.clefs)
        if setting.transposer is not None:
            element.append(setting.transposer.element())
    else:
        meter = bar.meter if bar.meter != bars[index - 1].meter else None
        if key is None and meter is None:
            return
        element = attributes(None, key, meter, setting.staves, None)
    measure.append(element)


_STOPS = (DirectionKind.RAMP_STOP, DirectionKind.WEDGE_STOP)

_Timed = tuple[Direction, int]
"""A direction and its time in ticks."""


def _directions_by_bar(
    lines: BarLines, grid: Grid, directions: Sequence[Direction]
) -> dict[int, list[_Timed]]:
    starts = lines.starts
    last, end = len(starts) - 1, lines.ends[-1]
    out: dict[int, list[_Timed]] = {}
    for direction in directions:
        time = grid.ticks(direction.time)
        if time > end:
            continue
        # a line that stops on a bar line stops at the end of the bar before (MuseScore 3
        # looks for a note at a stop on the next bar's first beat and may not find one)
        find = bisect.bisect_left if direction.kind in _STOPS else bisect.bisect_right
        index = min(max(find(starts, time) - 1, 0), last)
        out.setdefault(index, []).append((direction, time))
    return out


def _placed(
    directions: list[_Timed],
    bar_start: int,
    voice_bar: VoiceBar,
    position: int,
    voice_bars: Sequence[VoiceBar],
) -> dict[int, list[tuple[Direction, int]]]:
    """The directions this voice carries: piece index -> [(direction, ticks into the piece)].

    A direction goes with its voice if it names one, else with the first voice on its staff
    (the first voice if its staff has none).
    """
    out: dict[int, list[tuple[Direction, int]]] = {}
    if not directions:
        return out
    staffs = [vb.voice.staff for vb in voice_bars]
    numbers = [vb.voice.name for vb in voice_bars]
    notation = voice_bar.notation
    ends, offsets = notation.ends, notation.offsets
    for direction, time in directions:
        if direction.voice in numbers:
            owner = numbers.index(direction.voice)
        else:
            owner = staffs.index(direction.staff) if direction.staff in staffs else 0
        if owner != position:
            continue
        at = time - bar_start
        index = bisect.bisect_right(ends, at)
        offset = at - offsets[index] if index < len(offsets) else 0
        out.setdefault(index, []).append((direction, offset))
    return out


def _silent(voice_bar: VoiceBar, position: int, voice_bars: Sequence[VoiceBar]) -> bool:
    """Whether a voice has nothing to say in the bar (rests only) while an earlier voice
    holds its staff: its rests are then hidden, as an engraver leaves them out."""
    if any(span.notes for span in voice_bar.spans):
        return False
    staff = voice_bar.voice.staff
    return any(vb.voice.staff == staff for vb in voice_bars[:position])


def _hidden_rests(
    voice_bar: VoiceBar, position: int, voice_bars: Sequence[VoiceBar]
) -> frozenset[int]:
    """The rests (piece indexes) of the voice's bar left off the page: all of them where it
    has nothing to say (:func:`_silent`); for a voice split off a chord across staves
    (:mod:`.staves`), those the other voices of its staff sound all through, as an engraver
    leaves out the rests of a pianist's inner voices where another plays."""
    pieces = voice_bar.notation.pieces
    if _silent(voice_bar, position, voice_bars):
        return frozenset(p for p, piece in enumerate(pieces) if piece.rest)
    if not isinstance(voice_bar.voice, StaffVoice):
        return frozenset()
    staff = voice_bar.voice.staff
    sounding = sorted(
        (vb.notation.offsets[p], vb.notation.ends[p])
        for vb in voice_bars
        if vb is not voice_bar and vb.voice.staff == staff
        for p, piece in enumerate(vb.notation.pieces)
        if not piece.rest
    )
    notation = voice_bar.notation
    return frozenset(
        p
        for p, piece in enumerate(notation.pieces)
        if piece.rest and _covered(notation.offsets[p], notation.ends[p], sounding)
    )


def _covered(start: int, end: int, spans: Sequence[tuple[int, int]]) -> bool:
    """Whether ``start..end`` lies inside the union of ``spans`` (sorted by start)."""
    at = start
    for a, b in spans:
        if a > at:
            break
        at = max(at, b)
        if at >= end:
            return True
    return at >= end


def _accidentals(
    voice_bars: Sequence[VoiceBar],
    state: AccidentalState,
    staves: int,
    written: Callable[[Note], Note] | None = None,
) -> list[list[str | None]]:
    """Accidentals of the bar in time order across voices: for each voice, the sign of each
    note in the order the voice writes them (piece by piece, chord members in order)."""
    by_staff: dict[int, list[tuple[int, int, int, Pitch | None, bool]]] = {}
    out: list[list[str | None]] = []
    for v, vb in enumerate(voice_bars):
        notation, spans, voice_staff = vb.notation, vb.spans, vb.voice.staff
        offsets = notation.offsets
        group = by_staff.setdefault(1, []) if staves == 1 else []
        k = 0
        for p, piece in enumerate(notation.pieces):
            if piece.rest:
                continue
            span, at, stop = spans[piece.event], offsets[p], piece.tie_stop
            for m, note in enumerate(span.notes):
                if written is not None:
                    note = written(note)
                if staves > 1:
                    group = by_staff.setdefault(note.staff or voice_staff, [])
                # (offset, voice, place in the voice) orders the notes; no two share it
                group.append((at, v, k, note.pitch, stop or span.tie_stop[m]))
                k += 1
        out.append([None] * k)
    accidental = state.accidental
    for staff, group in by_staff.items():
        if group and group[0][1] != group[-1][1]:  # voices share the staff: go in time order
            group.sort()
        for _, v, k, pitch, tied in group:
            if pitch is not None:
                out[v][k] = accidental(pitch, staff, tied)
    return out


class _Writer:
    """Writes one part's voices into its measures, with its divisions and element caches
    (``text``: the measures are :class:`~.stream.TextMeasure`, notes go in as lines)."""

    def __init__(self, setting: PartSetting, elements: NoteElements, text: bool = False) -> None:
        self.setting = setting
        self.multi = setting.staves > 1
        self.scale = setting.plan.grid.scale(setting.divisions)
        self.elements = elements
        self.text = text
        self._contexts: dict[
            tuple[BarNotation, int, str | None, int | None],
            tuple[tuple[PieceContext, ...], tuple[NoteTable, ...]],
        ] = {}
        self._context: dict[
            tuple[int, int, int, str | None, int | None], tuple[PieceContext, NoteTable]
        ] = {}
        self._chains: dict[str, Chains] = {}
        self._backups: dict[int, bytes] = {}

    def chains(self, vb: VoiceBar) -> Chains:
        """The voice's marks state, kept from bar to bar (a fermata waits for its chain's end)."""
        found = self._chains.get(vb.voice.name)
        if found is None:
            found = self._chains[vb.voice.name] = Chains(self.setting.looks, vb.voice)
        return found

    def notation(self, vb: VoiceBar) -> tuple[Callable[[Note], Note] | None, NoteMarks | None]:
        """The written pitch of the part's notes (None: as they sound) and the marks of the
        voice's notes (None: it has none)."""
        setting = self.setting
        written = setting.transposer.note if setting.transposer is not None else None
        return written, setting.marks.get(vb.voice)

    def backup(self, measure: Measure, ticks: int) -> None:
        """Append a ``<backup>`` by ``ticks`` (its lines printed once per length)."""
        duration = self.divisions(ticks)
        if not isinstance(measure, TextMeasure):
            measure.append(_backup(duration))
            return
        found = self._backups.get(duration)
        if found is None:
            found = self._backups[duration] = printed(_backup(duration))
        measure.lines.append(found)

    def divisions(self, ticks: int) -> int:
        numerator, denominator = self.scale
        return ticks * numerator // denominator

    def contexts(self, vb: VoiceBar) -> tuple[tuple[PieceContext, ...], tuple[NoteTable, ...]]:
        """What each piece of the voice's bar shares with its notes, and the table of its
        notes (cached per rhythm, and each distinct context made once)."""
        staff = vb.voice.staff if self.multi else None
        key = (vb.notation, vb.number, vb.stem, staff)
        found = self._contexts.get(key)
        if found is None:
            n = vb.notation
            made = [
                self._piece_context(n, p, vb.number, vb.stem, staff) for p in range(len(n.pieces))
            ]
            found = self._contexts[key] = (
                tuple(ctx for ctx, _ in made),
                tuple(table for _, table in made),
            )
        return found

    def _piece_context(
        self, n: BarNotation, p: int, voice: int, stem: str | None, staff: int | None
    ) -> tuple[PieceContext, NoteTable]:
        key = (n.shapes[p], n.lengths[p], voice, stem, staff)  # the shape holds beams, first, last
        found = self._context.get(key)
        if found is None:
            ctx = PieceContext(
                self.divisions(n.lengths[p]),
                voice,
                staff,
                stem,
                n.beams[p],
                n.first[p],
                n.last[p],
                self.setting.looks.part,
            )
            found = self._context[key] = (ctx, self.elements.table(n.shapes[p], n.pieces[p], ctx))
        return found

    def voice(
        self,
        measure: Measure,
        vb: VoiceBar,
        position: int,
        directions: dict[int, list[tuple[Direction, int]]],
        accidentals: Sequence[Sequence[str | None]],
        hidden: frozenset[int] = frozenset(),
        bar: Bar | None = None,
    ) -> None:
        """Append the voice's pieces in ``vb`` to ``measure``: its notes, rests (those in
        ``hidden`` left off the page) and the directions placed in it."""
        multi, append = self.multi, measure.append
        text = self.text and isinstance(measure, TextMeasure)
        written, marks = self.notation(vb)
        # printed lines when the measure takes them and no marks decorate the notes
        add: Callable[[Any], None] = measure.lines.append if text else append  # type: ignore[union-attr]
        lines = text and marks is None
        chains = self.chains(vb)
        notation, spans, voice_staff = vb.notation, vb.spans, vb.voice.staff
        shapes = notation.shapes
        contexts, tables = self.contexts(vb)
        signs, k = accidentals[position], 0
        for p, piece in enumerate(notation.pieces):
            if directions:
                for direction, offset in directions.get(p, ()):
                    append(direction.element(self.divisions(offset), multi))
            ctx = contexts[p]
            if piece.rest:
                rest = self.elements.rest_text if text else self.elements.rest
                add(rest(shapes[p], piece, ctx, p in hidden))
                continue
            span = spans[piece.event]
            looks = chains.looks(span, piece, ctx)
            table = tables[p]
            note_of = table.text if lines else table.element
            for m, note in enumerate(span.notes):
                if written is not None:
                    note = written(note)
                tie = (
                    piece.tie_stop or (ctx.first and span.tie_stop[m]),
                    piece.tie_start or (ctx.last and span.tie_start[m]),
                )
                staff = (note.staff or voice_staff) if multi else None
                made = note_of(note, m, tie, signs[k], staff, looks[m])
                k += 1
                if marks is None:
                    add(made)
                else:
                    begins = bar is None or note.onset >= bar.start  # not a bar's continuation
                    measure.extend(marks.decorate(made, note, ctx, m, begins))  # type: ignore[arg-type]
        for direction, _ in directions.get(len(notation.pieces), ()):
            append(direction.element(0, multi))
