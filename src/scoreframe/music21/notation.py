"""The notation of a music21 stream the model holds beside its notes (see
:mod:`scoreframe.notation`): lyrics per verse, text expressions, rehearsal marks and the
transposition of a part's instrument; grace notes (attached to the note after them) and
slurs (between notes of one model voice).

>>> from types import SimpleNamespace as N
>>> lyrics_of(N(lyrics=[N(number=1, text="Ky", syllabic="begin"), N(number=2, text="Lord",
...     syllabic="single")]))
('Ky-', 'Lord')
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from fractions import Fraction
from typing import TYPE_CHECKING, Any

from ..notation import TRANSPOSITIONS, Interval
from .lanes import Record

if TYPE_CHECKING:
    from ..score import Voice

Key = tuple[int, str]
"""A music21 voice of a part: (staff, voice id)."""

#: The syllabics a hyphen follows.
_JOINED = frozenset({"begin", "middle"})


def lyrics_of(element: Any) -> tuple[str, ...]:
    """The syllables of a music21 note, one per verse from verse 1 (``""``: none), written as
    the model writes them (a trailing ``-`` before the next syllable)."""
    verses: dict[int, str] = {}
    for lyric in element.lyrics:
        text = lyric.text or ""
        if not text:
            continue
        number = lyric.number if isinstance(lyric.number, int) and lyric.number > 0 else 1
        verses[number] = text + ("-" if lyric.syllabic in _JOINED else "")
    if not verses:
        return ()
    return tuple(verses.get(n, "") for n in range(1, max(verses) + 1))


def transposition_name(instrument: Any) -> str | None:
    """The model's name for an instrument's transposition (None: concert pitch, or one the
    table does not hold)."""
    interval = getattr(instrument, "transposition", None) if instrument is not None else None
    if interval is None:
        return None
    directed = interval.generic.directed
    steps = directed - 1 if directed > 0 else directed + 1
    wanted = Interval(steps, int(interval.semitones))
    for name, known in TRANSPOSITIONS.items():
        if known == wanted:
            return name
    return None


def any_transposing(source: Any) -> bool:
    """Whether a part of ``source`` is written for a transposing instrument."""
    for part in source.parts:
        instrument = part.getInstrument(returnDefault=False)
        if transposition_name(instrument) is not None:
            return True
    return False


@dataclass
class NotationReading:
    """Grace notes waiting for their note, and where each music21 note landed (for slurs)."""

    pending: dict[Key, list[Any]] = field(default_factory=dict)
    spots: dict[int, list[tuple[Key, Fraction]]] = field(default_factory=dict)

    def grace(self, element: Any, key: Key) -> bool:
        """Keep a grace note (or chord) for the next note of its voice; False: not one."""
        if not element.duration.isGrace or element.isRest:
            return False
        self.pending.setdefault(key, []).append(element)
        return True

    def place(self, element: Any, key: Key, record: Record, reading: Any, pitch_of: Any) -> Record:
        """``record`` with the grace notes waiting before it; remembers where it is."""
        self.spots.setdefault(id(element), []).append((key, record.onset))
        graces = self.pending.pop(key, None)
        if not graces or not record.pitches:
            return record
        pitches = []
        for grace in graces:
            notes = list(grace.notes) if grace.isChord else [grace]
            if len(notes) > 1:
                reading.fixed["grace chords (their lowest note)"] += 1
            pitches.append(pitch_of(notes[0], reading))
        slash = bool(getattr(graces[0].duration, "slash", False))
        return replace(record, graces=tuple(pitches), slash=slash)

    def left_over(self) -> int:
        return sum(len(graces) for graces in self.pending.values())

    def slurs(
        self, group: list[Any], m21: Any, held: dict[tuple[Key, Fraction], Voice], reading: Any
    ) -> None:
        """Each slur of the part's staves whose ends landed in one model voice."""
        seen: set[int] = set()
        for staff_part in group:
            for slur in staff_part.spannerBundle.getByClass(m21.spanner.Slur):
                if id(slur) in seen:
                    continue
                seen.add(id(slur))
                first, last = slur.getFirst(), slur.getLast()
                starts = self.spots.get(id(first), [])
                ends = self.spots.get(id(last), [])
                made = 0
                for (key, start), (other, stop) in zip(starts, ends, strict=False):
                    voice = held.get((key, start))
                    if voice is not None and voice is held.get((other, stop)) and stop > start:
                        voice.slur(start, stop)
                        made += 1
                if not made:
                    reading.lacks["slurs across voices or of one note"] += 1
