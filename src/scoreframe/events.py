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
from .notation import grace_sounds
from .note import Articulation, Note, Sounding, TieChain, make_note

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
    """The voice's notes as they sound: rests dropped, each tie chain merged into one.

    A chain continues at a note of the same pitch (in semitones) starting where its last note
    ends; anything else (a gap, another pitch) ends it, and its tied last note sounds alone.
    """
    out: list[Sounding | None] = []
    open_chains: dict[Fraction, tuple[int, list[Note]]] = {}
    latest = Fraction(0)  # no open chain ends after this: a later note closes them all
    for note in voice.notes:
        if note.pitch is None:
            continue
        if open_chains and note.onset > latest:
            for slot, chain in open_chains.values():
                out[slot] = _chain(chain)
            open_chains.clear()
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
            if note.end > latest:
                latest = note.end
        else:
            out[slot] = _chain(chain)
    for slot, chain in open_chains.values():
        out[slot] = _chain(chain)
    return with_graces(voice, [item for item in out if item is not None])


def grace_notes(voice: Voice) -> list[Note]:
    """The voice's grace notes as they sound (the rule of
    :func:`scoreframe.notation.grace_sounds`), as plain notes in time order."""
    marks = voice._notation
    if marks is None or not marks.graces:
        return []
    out = [
        make_note(onset, length, length, pitch, False, None, _NONE, None, ())
        for at in sorted(marks.graces)
        for onset, length, pitch in grace_sounds(marks.graces[at])
    ]
    return out


def with_graces(voice: Voice, notes: list[Sounding]) -> list[Sounding]:
    """``notes`` (as they sound) with the voice's grace notes merged in, in onset order."""
    graces = grace_notes(voice)
    if not graces:
        return notes
    merged: list[Sounding] = [*notes, *graces]
    merged.sort(key=lambda n: n.onset)
    return merged


_NONE: frozenset[Articulation] = frozenset()


def _chain(notes: list[Note]) -> Sounding:
    return notes[0] if len(notes) == 1 else TieChain(tuple(notes))


_new_event = tuple.__new__  # builds an Event without NamedTuple's Python-level __new__ (speed)

Group: TypeAlias = tuple[list[Event], int]
"""Events of one (kind, part, voice) in their order, and the rank of that triple."""


def build_events(score: Score, sounding: bool = False) -> list[Event]:
    """Build the event list of ``score`` (see the module doc for the order)."""
    parts = score.parts
    n_parts = len(parts) + 1
    n_voices = max((len(p.voices) for p in parts), default=0) + 1

    def rank(kind: EventKind, part_index: int, voice_index: int) -> int:
        return (kind * n_parts + part_index) * n_voices + voice_index

    meters = [Event(t, EventKind.METER, None, None, m) for t, m in score.meters.changes]
    keys = [Event(t, EventKind.KEY, None, None, k) for t, k in score.keys.changes]
    groups: list[Group] = [(meters, rank(EventKind.METER, 0, 0)), (keys, rank(EventKind.KEY, 0, 0))]
    for contour in score.contours.values():
        kind = EventKind.TEMPO if contour.name == "tempo" else EventKind.CONTOUR
        groups.append((_contour_events(contour, kind, None, None), rank(kind, 0, 0)))
    for pi, part in enumerate(parts, 1):
        for contour in part.contours.values():
            events = _contour_events(contour, EventKind.CONTOUR, part, None)
            groups.append((events, rank(EventKind.CONTOUR, pi, 0)))
        for vi, voice in enumerate(part.voices, 1):
            for contour in voice.contours.values():
                events = _contour_events(contour, EventKind.CONTOUR, part, voice)
                groups.append((events, rank(EventKind.CONTOUR, pi, vi)))
    for pi, part in enumerate(parts, 1):
        for vi, voice in enumerate(part.voices, 1):
            items = sounding_notes(voice) if sounding else voice.notes
            note = EventKind.NOTE
            events = [_new_event(Event, (n.onset, note, part, voice, n)) for n in items]
            groups.append((events, rank(note, pi, vi)))
    return _sorted(groups, n_parts * n_voices * len(EventKind))


def _contour_events(
    contour: Contour, kind: EventKind, part: Part | None, voice: Voice | None
) -> list[Event]:
    return [Event(s.start, kind, part, voice, ContourChange(contour, s)) for s in contour.segments]


def _sorted(groups: list[Group], base: int) -> list[Event]:
    """Sort by (time, rank) stably, with one exact integer key per event.

    Times go on the grid of the least common multiple of their denominators; ``base`` is above
    every rank, so the key ``time * grid * base + rank`` orders by time, then by rank.
    """
    times = [[e[0] for e in events] for events, _ in groups]
    denominators = {t.denominator for ts in times for t in ts}
    grid = lcm(*denominators) if denominators else 1
    scale = {d: grid // d * base for d in denominators}
    keys: list[int] = []
    flat: list[Event] = []
    for ts, (events, rank) in zip(times, groups, strict=True):
        keys.extend([t.numerator * scale[t.denominator] + rank for t in ts])
        flat.extend(events)
    order = sorted(range(len(keys)), key=keys.__getitem__)
    return [flat[i] for i in order]
