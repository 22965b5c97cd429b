"""The one time-ordered event list every exporter walks.

Events at one time come in a fixed, documented order (a table, :class:`EventKind`): meter, key,
tempo, other contour segments (score, then part, then voice), then notes. Among events of one
kind, parts and voices keep the order they were added in, and a voice's notes keep their order
(chord members as given). The order is stable: the same score always gives the same list.

>>> from scoreframe import Score
>>> s = Score()
>>> v = s.part("P").voice("V")
>>> _ = v.note("C4", "1/4", tie=True); _ = v.note("C4", "1/4"); _ = v.note("D4", "1/2")
>>> [(str(e.time), e.kind.name) for e in s.events()]
[('0', 'METER'), ('0', 'NOTE'), ('1/4', 'NOTE'), ('1/2', 'NOTE')]
>>> [(str(e.time), type(e.item).__name__) for e in s.events(sounding=True) if e.kind.name == 'NOTE']
[('0', 'TieChain'), ('1/2', 'Note')]
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import IntEnum
from fractions import Fraction
from math import lcm
from typing import TYPE_CHECKING, NamedTuple, TypeAlias

from .contour import Contour, Segment
from .meter import Key, Meter
from .note import Note, Sounding, TieChain

if TYPE_CHECKING:
    from .score import Part, Score, Voice


class EventKind(IntEnum):
    """Event kinds; the value is the order of events that share one time."""

    METER = 0
    KEY = 1
    TEMPO = 2
    CONTOUR = 3
    NOTE = 4


@dataclass(frozen=True, slots=True)
class ContourChange:
    """A contour segment starting: which contour (by name and owner) and the segment."""

    contour: Contour
    segment: Segment

    @property
    def name(self) -> str:
        return self.contour.name


Item: TypeAlias = Note | TieChain | ContourChange | Meter | Key


class Event(NamedTuple):
    """One entry of the event list: its time, kind, part and voice (None at score level)."""

    time: Fraction
    kind: EventKind
    part: Part | None
    voice: Voice | None
    item: Item


def sounding_notes(voice: Voice) -> list[Sounding]:
    """The voice's notes as they sound: rests dropped, each tie chain merged into one."""
    out: list[Sounding | None] = []
    open_chains: dict[Fraction, tuple[int, list[Note]]] = {}
    for note in voice.notes:
        if note.pitch is None:
            continue
        if not open_chains and not note.tie:
            out.append(note)
            continue
        key = note.pitch.semitones
        slot, chain = open_chains.pop(key, (len(out), []))
        if chain and chain[-1].end != note.onset:
            out[slot] = _chain(chain)
            slot, chain = len(out), []
        if not chain:
            out.append(None)
        chain.append(note)
        if note.tie:
            open_chains[key] = (slot, chain)
        else:
            out[slot] = _chain(chain)
    for slot, chain in open_chains.values():
        out[slot] = _chain(chain)
    return [item for item in out if item is not None]


def _chain(notes: list[Note]) -> Sounding:
    return notes[0] if len(notes) == 1 else TieChain(tuple(notes))


def build_events(score: Score, sounding: bool = False) -> list[Event]:
    """Build the event list of ``score`` (see the module doc for the order)."""
    parts = score.parts
    n_parts = len(parts) + 1
    n_voices = max((len(p.voices) for p in parts), default=0) + 1
    events: list[Event] = []
    ranks: list[tuple[Fraction, int]] = []

    def add(event: Event, part_index: int, voice_index: int) -> None:
        events.append(event)
        ranks.append((event.time, (event.kind * n_parts + part_index) * n_voices + voice_index))

    for time, meter in score.meters.changes:
        add(Event(time, EventKind.METER, None, None, meter), 0, 0)
    for time, key in score.keys.changes:
        add(Event(time, EventKind.KEY, None, None, key), 0, 0)
    for contour in score.contours.values():
        kind = EventKind.TEMPO if contour.name == "tempo" else EventKind.CONTOUR
        for seg in contour.segments:
            add(Event(seg.start, kind, None, None, ContourChange(contour, seg)), 0, 0)
    for pi, part in enumerate(parts, 1):
        for owner, vi in [(part, 0), *((v, i) for i, v in enumerate(part.voices, 1))]:
            voice = owner if vi else None
            for contour in owner.contours.values():
                for seg in contour.segments:
                    change = ContourChange(contour, seg)
                    add(Event(seg.start, EventKind.CONTOUR, part, voice, change), pi, vi)  # type: ignore[arg-type]
    return _sorted(events, ranks, _note_events(score, sounding), n_parts * n_voices * 5)


def _note_events(score: Score, sounding: bool) -> list[tuple[Event, int]]:
    """Note events with the rank of their (kind, part, voice) inside one time."""
    n_parts = len(score.parts) + 1
    n_voices = max((len(p.voices) for p in score.parts), default=0) + 1
    out: list[tuple[Event, int]] = []
    for pi, part in enumerate(score.parts, 1):
        for vi, voice in enumerate(part.voices, 1):
            rank = (EventKind.NOTE * n_parts + pi) * n_voices + vi
            items = sounding_notes(voice) if sounding else voice.notes
            out.extend((Event(n.onset, EventKind.NOTE, part, voice, n), rank) for n in items)
    return out


def _sorted(
    events: list[Event],
    ranks: list[tuple[Fraction, int]],
    notes: list[tuple[Event, int]],
    base: int,
) -> list[Event]:
    """Sort by (time, rank) on an exact integer grid, stably (one int key per event)."""
    times = {t.denominator for t, _ in ranks}
    times.update(e.time.denominator for e, _ in notes)
    grid = lcm(*times) if times else 1
    scale: dict[int, int] = {}
    keys: list[int] = []
    for time, rank in ranks:
        d = time.denominator
        m = scale.get(d) or scale.setdefault(d, grid // d)
        keys.append(time.numerator * m * base + rank)
    for event, rank in notes:
        time = event.time
        d = time.denominator
        m = scale.get(d) or scale.setdefault(d, grid // d)
        keys.append(time.numerator * m * base + rank)
        events.append(event)
    order = sorted(range(len(keys)), key=keys.__getitem__)
    return [events[i] for i in order]
