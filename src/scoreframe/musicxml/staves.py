"""Chords across staves: a voice whose chord has notes on two staves (a pianist's hands struck
together, a note given ``staff=2`` in a chord of staff 1) is written as one voice per staff.

A MusicXML chord may name a staff per note, but MuseScore 3 puts the whole chord on one staff
(the last note's), so the bass of such a chord hangs on ledger lines under the treble. Here the
voice keeps its notes on its own staff (its rests, slurs and grace notes too), and each other
staff it reaches gets a companion voice of the notes there, at their onsets, with their periods
and ties (and the lyrics and fingerings that belong to them): where the companion has nothing
to play it rests, as a pianist's other hand does. A voice whose notes on another staff are
never in a chord with its own is written as before, each note naming its staff (MuseScore moves
that chord across the staves).

>>> import scoreframe as sf
>>> p = sf.Score().part("Piano", staves=2)
>>> v = p.voice()
>>> _ = v.note("E5", "1/2"); _ = v.note("C3", "1/2", at=0, staff=2); _ = v.note("D5", "1/2")
>>> [(w.name, w.staff, [str(n.pitch) for n in w.notes]) for w in page_voices([v])]
[('Piano 1', 1, ['E5', 'D5']), ('Piano 1 (staff 2)', 2, ['C3'])]
"""

from __future__ import annotations

from collections.abc import Sequence
from fractions import Fraction
from operator import attrgetter
from typing import Any

from ..notation import VoiceNotation
from ..note import Note
from ..pitch import Pitch
from ..score import Voice, free_voice_number

_STAFF = attrgetter("staff")


class StaffVoice(Voice):
    """The notes of ``voice`` that lie on ``staff``, written as a voice of that staff: its
    own name, number and notation (the lyrics and fingerings of its notes), and everything
    else (its part, contours, channel) the voice's."""

    def __init__(
        self,
        voice: Voice,
        staff: int,
        name: str,
        number: int,
        notes: list[Note],
        notation: VoiceNotation | None,
    ) -> None:
        # not Voice.__init__: a companion is a view for the page, never a voice of the part
        self._of = voice
        self._name, self.staff, self.number = name, staff, number
        self._mine = tuple(notes)
        self._notation = notation

    @property
    def notes(self) -> tuple[Note, ...]:  # type: ignore[override]
        return self._mine

    def __getattr__(self, name: str) -> Any:
        if name == "_of":  # not made through __init__ (a copy): nothing to look in
            raise AttributeError(name)
        return getattr(self._of, name)


def page_voices(voices: Sequence[Voice]) -> tuple[Voice, ...]:
    """``voices`` as the page writes them, in order of staff and number: a voice with a
    chord across staves split into one voice per staff (see the module doc)."""
    out: list[Voice] = []
    numbers = {v.number for v in voices}
    names = {v.name for v in voices}
    for voice in voices:
        by_staff = _across(voice)
        if by_staff is None:
            out.append(voice)
            continue
        shares = _shares(voice._notation, by_staff, voice.staff)
        own = voice.staff
        out.append(StaffVoice(voice, own, voice.name, voice.number, by_staff[own], shares[own]))
        for staff, notes in sorted(by_staff.items()):
            if staff == own:
                continue
            number = free_voice_number(staff, numbers) or max(numbers) + 1  # staff 2: from 5
            name = f"{voice.name} (staff {staff})"
            while name in names:
                name += "'"
            numbers.add(number)
            names.add(name)
            out.append(StaffVoice(voice, staff, name, number, notes, shares[staff]))
    return tuple(sorted(out, key=lambda v: (v.staff, v.number)))


def _shares(
    notation: VoiceNotation | None, by_staff: dict[int, list[Note]], own: int
) -> dict[int, VoiceNotation | None]:
    """Each staff's share of the voice's notation: a lyric goes with the voice's own staff
    where it has a note at the lyric's onset, else with the first staff that has; a
    fingering with its note; the slurs and grace notes stay with the voice's own staff."""
    if not notation:
        return dict.fromkeys(by_staff)
    order = [own, *sorted(s for s in by_staff if s != own)]
    onsets = {s: {n.onset for n in by_staff[s] if n.pitch is not None} for s in order}
    lyrics: dict[int, dict[Fraction, Any]] = {s: {} for s in order}
    for onset, held in notation.lyrics.items():
        home = next((s for s in order if onset in onsets[s]), own)
        lyrics[home][onset] = held
    played = {(n.onset, n.pitch): s for s in order for n in by_staff[s]}
    fingerings: dict[int, dict[tuple[Fraction, Pitch], str]] = {s: {} for s in order}
    for key, text in notation.fingerings.items():
        fingerings[played.get(key, own)][key] = text
    return {
        s: VoiceNotation(
            lyrics[s],
            notation.slurs if s == own else [],
            notation.graces if s == own else {},
            fingerings[s],
        )
        for s in order
    }


def _across(voice: Voice) -> dict[int, list[Note]] | None:
    """The voice's notes by the staff each lies on (rests on the voice's own, and each note
    there without a staff of its own), or None when no chord lies across staves."""
    own = voice.staff
    notes = voice.notes
    if set(map(_STAFF, notes)) <= {None, own}:
        return None  # the common case, at C speed
    staves: dict[Fraction, set[int]] = {}
    for note in notes:
        if note.pitch is not None:
            staves.setdefault(note.onset, set()).add(note.staff or own)
    if all(len(found) == 1 for found in staves.values()):
        return None
    out: dict[int, list[Note]] = {own: []}
    for note in notes:
        staff = own if note.pitch is None else (note.staff or own)
        out.setdefault(staff, []).append(note if staff == own else note._replace(staff=None))
    return out
