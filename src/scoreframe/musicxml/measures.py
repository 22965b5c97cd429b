"""Write one part's measures from its plan: attributes, directions, voices laid with backup.

Each measure holds, in order: ``<attributes>`` (at the start and at every change), then each
voice as one contiguous run (its directions just before the piece they fall in, with an
``<offset>`` for the rest), a ``<backup>`` to the measure start before the next voice, and a
final barline in the last measure.
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from lxml import etree

from ..errors import ExportError
from ..meter import Bar, Key
from ..score import Score
from .attributes import attributes
from .directions import Direction
from .notes import PieceContext, note_element, rest_element
from .pitches import AccidentalState
from .plan import PartPlan, VoiceBar

_SubElement = etree.SubElement
_QUARTER = Fraction(1, 4)


@dataclass(frozen=True, slots=True)
class PartSetting:
    """What is fixed for one part's measures."""

    plan: PartPlan
    divisions: int
    clefs: tuple[str, ...]
    directions: tuple[Direction, ...]

    @property
    def staves(self) -> int:
        return self.plan.part.staves


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


def write_measures(
    part_element: etree._Element, score: Score, bars: Sequence[Bar], setting: PartSetting
) -> None:
    """Append every measure of the part to ``part_element``."""
    keys = key_changes(score, bars)
    by_bar = _directions_by_bar(bars, setting.directions)
    first_key = keys.get(0)
    state = AccidentalState(first_key.fifths if first_key else 0)
    for index, bar in enumerate(bars):
        measure = _SubElement(part_element, "measure", number=str(bar.number))
        if bar.number == 0:
            measure.set("implicit", "yes")
        key = keys.get(index)
        state.new_bar(key.fifths if key is not None else None)
        _attributes(measure, index, bar, bars, key, setting)
        voice_bars = setting.plan.bars[index]
        accidentals = _accidentals(voice_bars, state, setting.staves)
        for position, voice_bar in enumerate(voice_bars):
            if position:
                backup = _SubElement(measure, "backup")
                _SubElement(backup, "duration").text = str(_div(bar.length, setting.divisions))
            here = _placed(by_bar.get(index, []), voice_bar, position, voice_bars, bar)
            _voice(measure, voice_bar, position, here, accidentals, setting)
        if index == len(bars) - 1:
            barline = _SubElement(measure, "barline", location="right")
            _SubElement(barline, "bar-style").text = "light-heavy"


def _div(length: Fraction, divisions: int) -> int:
    count, rest = divmod(length.numerator * 4 * divisions, length.denominator)
    if rest:
        raise ExportError(f"length {length} is not a whole number of {divisions} divisions")
    return count


def _attributes(
    measure: etree._Element, index: int, bar: Bar, bars: Sequence[Bar], key: Key | None,
    setting: PartSetting,
) -> None:
    if index == 0:
        element = attributes(setting.divisions, key, bar.meter, setting.staves, setting.clefs)
    else:
        meter = bar.meter if bar.meter != bars[index - 1].meter else None
        if key is None and meter is None:
            return
        element = attributes(None, key, meter, setting.staves, None)
    measure.append(element)


def _directions_by_bar(
    bars: Sequence[Bar], directions: Sequence[Direction]
) -> dict[int, list[Direction]]:
    starts = [bar.start for bar in bars]
    out: dict[int, list[Direction]] = {}
    for direction in directions:
        index = min(max(bisect.bisect_right(starts, direction.time) - 1, 0), len(bars) - 1)
        if direction.time > bars[-1].end:
            continue
        out.setdefault(index, []).append(direction)
    return out


def _placed(
    directions: list[Direction], voice_bar: VoiceBar, position: int,
    voice_bars: Sequence[VoiceBar], bar: Bar,
) -> dict[int, list[tuple[Direction, Fraction]]]:
    """The directions this voice carries: piece index -> [(direction, offset into piece)].

    A direction goes with the first voice on its staff (the first voice if its staff has none).
    """
    out: dict[int, list[tuple[Direction, Fraction]]] = {}
    if not directions:
        return out
    staffs = [vb.voice.staff for vb in voice_bars]
    pieces = voice_bar.pieces
    ends = [p.end for p in pieces]
    for direction in directions:
        owner = staffs.index(direction.staff) if direction.staff in staffs else 0
        if owner != position:
            continue
        at = direction.time - bar.start
        index = bisect.bisect_right(ends, at)
        offset = at - pieces[index].offset if index < len(pieces) else Fraction(0)
        out.setdefault(index, []).append((direction, offset))
    return out


def _accidentals(
    voice_bars: Sequence[VoiceBar], state: AccidentalState, staves: int
) -> dict[tuple[int, int, int], str]:
    """Accidentals of the bar in time order across voices: (voice, piece, member) -> sign."""
    items = []
    for v, vb in enumerate(voice_bars):
        for p, piece in enumerate(vb.pieces):
            if piece.rest:
                continue
            span = vb.spans[piece.event]
            for m, note in enumerate(span.notes):
                tied = piece.tie_stop or span.tie_stop[m]
                staff = (note.staff or vb.voice.staff) if staves > 1 else 1
                items.append((piece.offset, v, p, m, note, staff, tied))
    by_staff: dict[int, list[Any]] = {}
    for item in items:
        by_staff.setdefault(item[5], []).append(item)
    ordered: list[Any] = []
    for group in by_staff.values():
        if len({item[1] for item in group}) > 1:  # voices share the staff: go in time order
            group.sort(key=lambda item: item[:4])
        ordered += group
    out: dict[tuple[int, int, int], str] = {}
    for _, v, p, m, note, staff, tied in ordered:
        if note.pitch is None:
            continue
        sign = state.accidental(note.pitch, staff, tied)
        if sign is not None:
            out[v, p, m] = sign
    return out


def _voice(
    measure: etree._Element, vb: VoiceBar, position: int,
    directions: dict[int, list[tuple[Direction, Fraction]]],
    accidentals: dict[tuple[int, int, int], str], setting: PartSetting,
) -> None:
    divisions, multi = setting.divisions, setting.staves > 1
    pieces = vb.pieces
    count = len(pieces)
    for p, piece in enumerate(pieces):
        for direction, offset in directions.get(p, ()):
            measure.append(direction.element(_div(offset, divisions), multi))
        ctx = PieceContext(
            _div(piece.length, divisions), vb.number, vb.voice.staff if multi else None,
            vb.stem, vb.beams[p],
            first=p == 0 or pieces[p - 1].event != piece.event,
            last=p == count - 1 or pieces[p + 1].event != piece.event,
        )
        if piece.rest:
            measure.append(rest_element(piece, ctx))
            continue
        span = vb.spans[piece.event]
        for m, note in enumerate(span.notes):
            tie = (piece.tie_stop or (ctx.first and span.tie_stop[m]),
                   piece.tie_start or (ctx.last and span.tie_start[m]))
            staff = (note.staff or vb.voice.staff) if multi else None
            measure.append(note_element(note, piece, ctx, member=m, tie=tie,
                                        accidental=accidentals.get((position, p, m)),
                                        staff=staff))
    for direction, _ in directions.get(count, ()):
        measure.append(direction.element(0, multi))
