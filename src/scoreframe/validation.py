"""The rules of the model, checked before export; each error names the place and the fix.

>>> from scoreframe import Score
>>> s = Score()
>>> v = s.part("Oboe").voice("Ob")
>>> _ = v.note("C4", "1/2"); _ = v.note("D4", "1/4", at="1/4")
>>> s.validate()
Traceback (most recent call last):
...
scoreframe.errors.ScoreStructureError: part 'Oboe', voice 'Ob', bar 1, beat 2 (time 1/4): D4 ...
"""

from __future__ import annotations

from collections.abc import Callable
from fractions import Fraction
from typing import TYPE_CHECKING, NoReturn, TypeAlias

from .errors import ScoreStructureError
from .note import Note

if TYPE_CHECKING:
    from .score import Score, Voice

Fail: TypeAlias = Callable[[Fraction, str], NoReturn]


def _name(note: Note) -> str:
    return "a rest" if note.pitch is None else str(note.pitch)


def validate(score: Score) -> None:
    """Raise :class:`ScoreStructureError` at the first broken rule (see the module doc)."""
    for part in score.parts:
        for voice in part.voices:
            _check_voice(score, voice)


def _check_voice(score: Score, voice: Voice) -> None:
    notes = voice.notes
    part = voice.part

    def fail(time: Fraction, message: str) -> NoReturn:
        raise ScoreStructureError(f"{score.where(time, part, voice)}: {message}")

    chord_start = 0
    previous_end = Fraction(0)
    previous_onset: Fraction | None = None
    for i, note in enumerate(notes):
        if note.staff is not None and note.staff > part.staves:
            fail(note.onset, f"staff {note.staff} is beyond the part's {part.staves} staves")
        if note.onset == previous_onset:
            first = notes[chord_start]
            if note.period != first.period:
                fail(
                    note.onset,
                    f"{_name(note)} (period {note.period}) shares its onset with {_name(first)} "
                    f"(period {first.period}); notes of one onset form a chord and share a "
                    f"period: give them one period or put one in another voice",
                )
            if note.pitch is None or first.pitch is None:
                fail(note.onset, "a rest shares its onset with a note; drop the rest")
            continue
        if note.onset < previous_end:
            prev = notes[chord_start]
            fail(
                note.onset,
                f"{_name(note)} starts before the note at time {prev.onset} ends (at "
                f"{previous_end}); move it to {previous_end}, shorten the note before, or put "
                f"it in another voice",
            )
        _check_ties(notes, chord_start, i, fail)
        chord_start, previous_onset, previous_end = i, note.onset, note.end
    _check_ties(notes, chord_start, len(notes), fail)


def _check_ties(notes: list[Note], start: int, stop: int, fail: Fail) -> None:
    """Each tied note of the chord ``notes[start:stop]`` must meet its pitch next, at its end."""
    following: list[Note] = []
    for note in notes[start:stop]:
        if not note.tie:
            continue
        if note.pitch is None:
            fail(note.onset, "a rest cannot be tied; drop tie=True")
            continue
        if not following:
            j = stop
            while j < len(notes) and notes[j].onset == notes[stop].onset:
                following.append(notes[j])
                j += 1
        semitones = note.pitch.semitones
        matches = [n for n in following if n.onset == note.end and n.pitch is not None]
        if not any(n.pitch.semitones == semitones for n in matches if n.pitch is not None):
            found = ", ".join(_name(n) for n in matches) or "nothing"
            fail(
                note.onset,
                f"{_name(note)} is tied, but the voice has {found} at its end ({note.end}); a "
                f"tie joins two notes of the same pitch with no gap: drop tie=True or add "
                f"{_name(note)} at {note.end}",
            )
