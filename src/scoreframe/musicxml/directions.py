"""Directions: tempo marks, accel./rit. lines, dynamics and wedges, each at an exact time.

The measure writer places each direction just before the first span of its staff's first voice
that ends after the direction's time, with an ``<offset sound="yes">`` for the rest, so the mark
and its playback land on the exact time even inside a long note.

>>> from scoreframe import Score
>>> s = Score(); _ = s.tempo.hold(60).ramp(120, at=1, over=1)
>>> for d in tempo_directions(s, True)[:4]:
...     print(d.time, d.kind.name, d.sound)
0 METRONOME {'tempo': '60'}
1 RAMP_START {}
5/4 RAMP_BEAT {'tempo': '71.3524'}
3/2 RAMP_BEAT {'tempo': '84.8528'}
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from enum import Enum
from fractions import Fraction

from lxml import etree

from ..score import Part, Score, Voice
from ..tempo import TempoMap
from ..velocity import velocity_function
from .values import note_value


class DirectionKind(Enum):
    """What a direction shows."""

    METRONOME = "metronome"
    RAMP_START = "ramp start"  # "accel." / "rit." and a dashed line
    RAMP_BEAT = "ramp beat"  # the dashed line goes on; carries the tempo for playback
    RAMP_STOP = "ramp stop"
    DYNAMIC = "dynamic"
    WEDGE_START = "wedge start"
    WEDGE_STOP = "wedge stop"
    NOTATION = "notation"  # texts, rehearsal marks, pedal, chord symbols, clefs (.words)


@dataclass(frozen=True, slots=True)
class Direction:
    """One direction: its time, staff, what it shows and what it sets for playback."""

    time: Fraction
    kind: DirectionKind
    staff: int = 1
    text: str = ""
    number: int = 1
    visible: bool = True
    sound: dict[str, str] = field(default_factory=dict)

    def element(self, offset: int, staff_element: bool) -> etree._Element:
        """The ``<direction>`` element, ``offset`` divisions after its place in the measure.

        A hidden metronome mark and a beat inside a tempo ramp are a bare ``<sound>`` (the
        dashed line runs from its start to its stop on its own; MusicXML 3.1 readers such as
        MuseScore 3 know no ``print-object`` on ``<metronome>``).
        """
        if self.kind is DirectionKind.RAMP_BEAT or (
            not self.visible and self.kind is DirectionKind.METRONOME
        ):
            sound = etree.Element("sound", self.sound)
            if offset:
                etree.SubElement(sound, "offset").text = str(offset)
            return sound
        below = self.kind in (
            DirectionKind.DYNAMIC,
            DirectionKind.WEDGE_START,
            DirectionKind.WEDGE_STOP,
        )
        direction = etree.Element("direction", placement="below" if below else "above")
        _BUILDERS[self.kind](self, etree.SubElement(direction, "direction-type"))
        if offset:
            etree.SubElement(direction, "offset", sound="yes").text = str(offset)
        if staff_element:
            etree.SubElement(direction, "staff").text = str(self.staff)
        if self.sound:
            etree.SubElement(direction, "sound", self.sound)
        return direction


def _metronome(d: Direction, parent: etree._Element) -> None:
    unit, bpm = d.text.split("=")
    metronome = etree.SubElement(parent, "metronome", parentheses="no")
    type_name, dots = unit.split(".") if "." in unit else (unit, "")
    etree.SubElement(metronome, "beat-unit").text = type_name
    for _ in dots or "":
        etree.SubElement(metronome, "beat-unit-dot")
    etree.SubElement(metronome, "per-minute").text = bpm


def _ramp_start(d: Direction, parent: etree._Element) -> None:
    words = etree.SubElement(parent, "words", {"font-style": "italic"})
    words.text = d.text
    direction = parent.getparent()
    assert direction is not None  # built inside its <direction>
    etree.SubElement(
        etree.SubElement(direction, "direction-type"), "dashes", type="start", number=str(d.number)
    )


def _dashes(kind: str) -> Callable[[Direction, etree._Element], None]:
    def build(d: Direction, parent: etree._Element) -> None:
        etree.SubElement(parent, "dashes", type=kind, number=str(d.number))

    return build


def _dynamic(d: Direction, parent: etree._Element) -> None:
    etree.SubElement(etree.SubElement(parent, "dynamics"), d.text)


def _wedge(kind: str | None) -> Callable[[Direction, etree._Element], None]:
    def build(d: Direction, parent: etree._Element) -> None:
        etree.SubElement(parent, "wedge", type=kind or d.text, number=str(d.number))

    return build


# How each kind of direction is drawn (a table).
_BUILDERS: dict[DirectionKind, Callable[[Direction, etree._Element], None]] = {
    DirectionKind.METRONOME: _metronome,
    DirectionKind.RAMP_START: _ramp_start,
    DirectionKind.RAMP_BEAT: _dashes("continue"),
    DirectionKind.RAMP_STOP: _dashes("stop"),
    DirectionKind.DYNAMIC: _dynamic,
    DirectionKind.WEDGE_START: _wedge(None),
    DirectionKind.WEDGE_STOP: _wedge("stop"),
}


def _number(value: float) -> str:
    """A tempo for people and for ``<sound tempo>``: at most 4 decimals, no exponent."""
    text = f"{value:.4f}".rstrip("0").rstrip(".")
    return text or "0"


def _beat_unit(beat: Fraction) -> str:
    found = note_value(beat)
    if found is None:
        return "quarter"
    type_name, dots = found
    return type_name + ("." + "." * (dots - 1) if dots else "")


def tempo_directions(score: Score, visible: bool, beats: bool = True) -> list[Direction]:
    """Tempo marks at each segment, and accel./rit. lines with a ``<sound tempo>`` per beat
    (``beats=False``: the line alone, for readers that print those sounds as text)."""
    tempo_map = TempoMap(score)
    unit = _beat_unit(tempo_map.beat)
    quarter = float(tempo_map.beat * 4)
    out: list[Direction] = []
    shown = ""
    for span in tempo_map.spans:
        mark = f"{unit}={_number(span.origin)}"
        if mark != shown:
            sound = {"tempo": _number(span.origin * quarter)}
            out.append(
                Direction(
                    span.start, DirectionKind.METRONOME, text=mark, visible=visible, sound=sound
                )
            )
            shown = mark
        if span.constant() or span.end is None:
            continue
        word = "accel." if span.goal > span.origin else "rit."
        out.append(Direction(span.start, DirectionKind.RAMP_START, text=word, visible=visible))
        for time in _beats_inside(score, span.start, span.end) if beats else ():
            bpm = tempo_map.tempo_at(time) * quarter
            out.append(Direction(time, DirectionKind.RAMP_BEAT, sound={"tempo": _number(bpm)}))
        out.append(Direction(span.end, DirectionKind.RAMP_STOP))
        shown = ""
    return out


def _beats_inside(score: Score, start: Fraction, end: Fraction) -> list[Fraction]:
    """Every beat of the meter strictly between ``start`` and ``end``."""
    beats: list[Fraction] = []
    for bar in score.meters.bars(end):
        time = bar.start
        for beat in bar.meter.beats:
            if start < time < end:
                beats.append(time)
            time += beat
    return beats


def dynamics_directions(
    part: Part,
    voices: Sequence[Voice],
    mark_for: Callable[[int], str],
    sound_for: Callable[[str], float],
) -> list[Direction]:
    """Dynamics per staff, written when the mark changes; wedges for velocity ramps.

    Each staff shows the dynamics of its first voice (the lowest voice number).
    """
    out: list[Direction] = []
    last: dict[int, str] = {}
    leads: dict[int, Voice] = {}
    for voice in sorted(voices, key=lambda v: v.number):
        leads.setdefault(voice.staff, voice)
    marks: dict[int, str] = {}
    for staff, voice in sorted(leads.items()):
        velocity_at = velocity_function(voice)
        for note in voice.notes:
            if note.pitch is None:
                continue
            velocity = note.velocity if note.velocity is not None else velocity_at(note.onset)
            mark = marks.get(velocity)
            if mark is None:
                mark = marks[velocity] = mark_for(velocity)
            if last.get(staff) != mark:
                last[staff] = mark
                sound = {"dynamics": _number(sound_for(mark))}
                out.append(Direction(note.onset, DirectionKind.DYNAMIC, staff, mark, sound=sound))
    out.extend(_wedges(part, list(leads.values())))
    return out


def _wedges(part: Part, voices: Sequence[Voice]) -> list[Direction]:
    """A crescendo or diminuendo wedge for each velocity ramp the voice follows (its own or
    inherited, for as long as it is in force), closed at its end."""
    out: list[Direction] = []
    seen: set[tuple[int, Fraction]] = set()
    number = 0
    for voice in voices:
        for window in voice.resolved("velocity").windows:
            segment = window.segment
            if not segment.moving or not segment.rule.monotone or segment.end is None:
                continue
            if (voice.staff, window.start) in seen:
                continue
            seen.add((voice.staff, window.start))
            end = segment.end if window.end is None else min(segment.end, window.end)
            number = number % 6 + 1
            kind = "crescendo" if segment.goal > segment.origin else "diminuendo"
            out.append(
                Direction(window.start, DirectionKind.WEDGE_START, voice.staff, kind, number)
            )
            out.append(Direction(end, DirectionKind.WEDGE_STOP, voice.staff, "stop", number))
    return out
