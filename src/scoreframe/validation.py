"""The rules of the model, checked before export; each error names the place and the fix.

In each voice: notes of one onset form a chord, share one period and hold no rest; a note
starts no earlier than the notes before it end; a tied note meets a note of the same sounding
pitch where it ends; periods and durations are above 0, velocities 1..127, staves the part's.
Every setting of each part and voice is checked again by the rules that made it
(:mod:`scoreframe.settings`), and each voice's staff against its part's staves.

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

from collections.abc import Callable, Sequence
from dataclasses import replace
from fractions import Fraction
from math import lcm
from typing import TYPE_CHECKING, NoReturn, TypeAlias

from .errors import ScoreStructureError, ScoreValueError
from .note import Note
from .pitch import Pitch
from .settings import RANGES, Range, check

if TYPE_CHECKING:
    from .score import Part, Score, Voice

Fail: TypeAlias = Callable[[Fraction, str], NoReturn]


def _name(note: Note) -> str:
    return "a rest" if note.pitch is None else str(note.pitch)


def validate(score: Score) -> None:
    """Raise :class:`ScoreStructureError` at the first broken rule (see the module doc)."""
    for part in score.parts:
        _check_part(part)
        for voice in part.voices:
            _check_voice(score, voice)
            _check_notation(score, voice)


def validate_settings(score: Score) -> None:
    """:func:`validate` but for the notes of each voice (its parts' and voices' settings and
    staves, and the marks keyed to notes): for a reader whose notes keep every rule of
    :func:`_check_voice` by construction (the MIDI importer: positive periods and durations,
    chords of one onset and period, no overlap, no rest, tie or staff, velocities 1..127;
    tests/midi check that :func:`validate` agrees on what it reads)."""
    for part in score.parts:
        _check_part(part)
        for voice in part.voices:
            _check_notation(score, voice)


def _check_notation(score: Score, voice: Voice) -> None:
    """Lyrics, slurs, grace notes and fingerings belong to notes of the voice: one must start
    at each onset they are keyed by (a fingering: of its pitch; a slur end after its start)."""
    marks = voice._notation
    if not marks:
        return
    onsets = {n.onset for n in voice.notes if n.pitch is not None}
    keyed = [(t, "a lyric") for t in marks.lyrics]
    keyed += [(t, "grace notes") for t in marks.graces]
    keyed += [(t, "a slur") for s in marks.slurs for t in (s.start, s.stop)]
    for time, what in keyed:
        if time not in onsets:
            raise ScoreStructureError(
                f"{score.where(time, voice.part, voice)}: {what} is set here but no note of "
                "the voice starts here; add the note or move the mark"
            )
    if marks.fingerings:
        sounding = {(n.onset, n.pitch) for n in voice.notes if n.pitch is not None}
        for time, pitch in marks.fingerings:
            if (time, pitch) not in sounding:
                raise ScoreStructureError(
                    f"{score.where(time, voice.part, voice)}: a fingering on {pitch} is set here "
                    "but no note of the voice sounds that pitch here; add the note or move it"
                )


def _check_part(part: Part) -> None:
    """Every setting of the part and its voices, checked again by the rules that made them
    (:mod:`scoreframe.settings`), and each voice's staff against the part's staves."""
    try:
        replace(part.settings)  # a settings value checks itself when made
    except ScoreValueError as error:
        raise ScoreStructureError(f"part {part.name!r}: {error}") from None
    for voice in part.voices:
        where = f"part {part.name!r}, voice {voice.name!r}"
        try:
            if voice.channel is not None:
                check("channel", voice.channel)
            check("voice_number", voice.number)
        except ScoreValueError as error:
            raise ScoreStructureError(f"{where}: {error}") from None
        if voice.staff not in Range(1, part.staves):
            raise ScoreStructureError(
                f"{where}: staff {voice.staff!r} is not one of the part's {part.staves} staves; "
                f"give a staff in 1..{part.staves} or add staves to the part"
            )


def _widen(scale: dict[int, int], grid: int, denominator: int) -> tuple[int, int]:
    """Make room on the grid for ``denominator``: the new grid, and the factor that moves
    times on the old grid onto it. ``scale`` (denominator -> multiplier) is updated."""
    wider = lcm(grid, denominator)
    factor = wider // grid
    for known in scale:
        scale[known] *= factor
    scale[denominator] = wider // denominator
    return wider, factor


def _check_voice(score: Score, voice: Voice) -> None:
    """The voice's notes, unless the voice knows they hold nothing to find: each was added
    by the checked builders (``note()``, ``notes()``), whose values obey these rules, after
    the notes before it end, untied and on the voice's staff, so no chord, overlap or tie is
    there to check (``Voice._plain``; tests/test_building.py checks that such a voice always
    passes :func:`_check_notes`)."""
    if not voice._plain:
        _check_notes(score, voice)


def _check_notes(score: Score, voice: Voice) -> None:
    """One pass over the voice's notes in onset order (integer times: this is a hot path)."""
    notes = voice._read()  # a tuple: indexed in the loop
    if not notes:
        return
    part = voice.part

    def fail(time: Fraction, message: str) -> NoReturn:
        raise ScoreStructureError(f"{score.where(time, part, voice)}: {message}")

    # Times are ints on a grid that widens as denominators turn up (scale: denominator ->
    # multiplier), so that comparisons are exact and cheap.
    grid, scale = 1, {1: 1}
    lowest, top = RANGES["velocity"].low, RANGES["velocity"].high
    multiplier = scale.get
    chord_start = 0
    chord_tied = False
    previous_end = 0
    previous_onset = -1
    i = -1
    for note in notes:
        i += 1
        time, length = note.onset, note.period
        # Fractions read from their slots (see the note in scoreframe/time.py).
        den = time._denominator  # type: ignore[attr-defined]
        m = multiplier(den)
        if m is None:
            grid, factor = _widen(scale, grid, den)
            previous_onset, previous_end, m = (
                previous_onset * factor,
                previous_end * factor,
                scale[den],
            )
        onset = time._numerator * m  # type: ignore[attr-defined]
        den = length._denominator  # type: ignore[attr-defined]
        m = multiplier(den)
        if m is None:
            grid, factor = _widen(scale, grid, den)
            previous_onset, previous_end, m = (
                previous_onset * factor,
                previous_end * factor,
                scale[den],
            )
            onset *= factor
        period = length._numerator * m  # type: ignore[attr-defined]
        velocity = note.velocity
        if (
            period <= 0
            or note.duration._numerator <= 0  # type: ignore[attr-defined]
            or note.staff is not None
            or (velocity is not None and not (type(velocity) is int and lowest <= velocity <= top))
        ):
            _check_note(note, period, part, fail)
        if onset == previous_onset:
            _check_chord_member(note, notes[chord_start], period, previous_end - onset, fail)
            chord_tied = chord_tied or note.tie
            continue
        if onset < previous_end:
            prev = notes[chord_start]
            fail(
                note.onset,
                f"{_name(note)} starts before {_name(prev)} at time {prev.onset} ends (at "
                f"time {prev.end}); move it to time {prev.end}, shorten the note before, or put "
                f"it in another voice",
            )
        if chord_tied:
            _check_ties(notes, chord_start, i, fail)
        chord_start, previous_onset, previous_end = i, onset, onset + period
        chord_tied = note.tie
    if chord_tied:
        _check_ties(notes, chord_start, len(notes), fail)


def _check_chord_member(
    note: Note, first: Note, period: int, chord_period: int, fail: Fail
) -> None:
    """A note sharing the onset of ``first``: same period, and neither is a rest."""
    if period != chord_period:
        fail(
            note.onset,
            f"{_name(note)} (period {note.period}) shares its onset with {_name(first)} "
            f"(period {first.period}); notes of one onset form a chord and share a "
            f"period: give them one period or put one in another voice",
        )
    if note.pitch is None or first.pitch is None:
        if note.pitch is first.pitch:
            fail(note.onset, "two rests share one onset; drop one of them")
        fail(note.onset, "a rest shares its onset with a note; drop the rest")


def _check_note(note: Note, period: int, part: Part, fail: Fail) -> None:
    """The note's own values: positive lengths, velocity and staff in range."""
    if period <= 0:
        fail(note.onset, f"{_name(note)} has period {note.period}; give it a period above 0")
    if note.duration.numerator <= 0:
        fail(note.onset, f"{_name(note)} has duration {note.duration}; give it one above 0")
    if note.velocity is not None and note.velocity not in RANGES["velocity"]:
        fail(note.onset, f"{_name(note)} has velocity {note.velocity!r}; give an int in 1..127")
    if note.staff is not None and note.staff not in Range(1, part.staves):
        fail(
            note.onset,
            f"{_name(note)} is on staff {note.staff}, beyond the part's {part.staves} staves; "
            f"give a staff in 1..{part.staves} or add staves to the part",
        )


def _check_ties(notes: Sequence[Note], start: int, stop: int, fail: Fail) -> None:
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
        pitch = note.pitch
        matches = [n for n in following if n.onset == note.end and n.pitch is not None]
        if not any(_same_sound(pitch, n.pitch) for n in matches if n.pitch is not None):
            found = ", ".join(_name(n) for n in matches) or "nothing"
            fail(
                note.onset,
                f"{_name(note)} is tied, but the voice has {found} at its end (time "
                f"{note.end}); a tie joins two notes of the same pitch with no gap: drop "
                f"tie=True or add {_name(note)} at time {note.end}",
            )


def _same_sound(a: Pitch, b: Pitch) -> bool:
    """True when two pitches sound the same (C#4 and Db4 do); the same object is quickest."""
    return a is b or a.semitones == b.semitones
