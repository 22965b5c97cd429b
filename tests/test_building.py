"""Building notes fast: the cursor on an integer grid, notes made without the constructors'
checks, and the bulk ``voice.notes(...)``. The fast paths must give exactly what the plain
ones give."""

from __future__ import annotations

import gc
import pickle
import warnings
from fractions import Fraction
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

import scoreframe as sf
from scoreframe.bulk import paused_gc
from scoreframe.note import Note
from scoreframe.time import fraction

F = Fraction
lengths = st.sampled_from([F(1, 4), F(1, 8), F(1, 12), F(3, 16), F(1, 5), F(2, 7), F(1), 1, "1/8"])
pitches = st.one_of(
    st.none(),
    st.integers(21, 108),
    st.sampled_from(["C4", "F#3", "Bb5"]),
    st.lists(st.integers(40, 80), min_size=2, max_size=3),
)
events = st.lists(st.tuples(pitches, lengths, st.none() | st.integers(1, 127)), max_size=40)


def _plain(voice: sf.Voice, items: list[tuple[Any, Any, Any]]) -> None:
    """What the bulk call must equal: one ``note``/``chord``/``rest`` call an item."""
    for pitch, period, velocity in items:
        if pitch is None:
            voice.rest(period)
        elif isinstance(pitch, list):
            voice.chord(pitch, period, velocity=velocity)
        else:
            voice.note(pitch, period, velocity=velocity)


@given(events, st.sampled_from([None, F(1, 3), F(5, 2)]))
def test_the_bulk_form_adds_what_the_calls_add(items: list[tuple[Any, Any, Any]], at: Any) -> None:
    one, many = sf.Score(), sf.Score()
    for score in (one, many):
        score.key("Eb major")
    a, b = one.part("P").voice("V"), many.part("P").voice("V")
    if at is not None:
        a.cursor = at
    _plain(a, items)
    b.notes(
        [i[0] for i in items],
        [i[1] for i in items],
        velocities=[None if i[0] is None else i[2] for i in items],
        at=at,
    )
    assert b.notes == a.notes
    assert b.cursor == a.cursor and type(b.cursor) is Fraction
    assert [(e.time, e.kind, e.item) for e in many.events()] == [
        (e.time, e.kind, e.item) for e in one.events()
    ]
    assert all(type(n) is Note and type(n.onset) is Fraction for n in b.notes)


@given(st.lists(lengths, max_size=30))
def test_the_cursor_on_its_grid_is_the_sum_of_the_periods(periods: list[Any]) -> None:
    voice = sf.Score().part("P").voice("V")
    total = F(0)
    for period in periods:
        note = voice.note(60, period)
        assert note.onset == total and note == Note(
            total, sf.as_length(period), note.duration, note.pitch
        )
        total += sf.as_length(period)
    assert voice.cursor == total


def test_explicit_onsets_and_a_set_cursor_land_on_the_grid() -> None:
    voice = sf.Score().part("P").voice("V")
    voice.note("C4", "1/3", at="1/7")
    assert voice.cursor == F(1, 7) + F(1, 3)
    voice.cursor = "2/5"
    voice.note("D4", "1/8")
    voice.note("E4", "1/4", at=0)
    assert [n.onset for n in voice.notes] == [0, F(1, 7), F(2, 5)]  # kept in onset order
    assert voice.cursor == F(1, 4)


def test_a_refused_note_in_the_bulk_form_names_its_place_and_adds_nothing() -> None:
    score = sf.Score()
    voice = score.part("P").voice("V")
    voice.note("C4", "1/4")
    with pytest.raises(
        sf.TimeValueError,
        match=r"^part 'P', voice 'V', bar 1, beat 3 \(time "
        r"1/2\): period -1/8 must be greater than zero",
    ):
        voice.notes([60, 62, 64], ["1/4", "-1/8", "1/4"])
    with pytest.raises(sf.ScoreValueError, match=r"beat 2 \(time 1/4\): velocity 0 must be"):
        voice.notes([60], "1/4", velocities=[0])
    with pytest.raises(sf.ScoreValueError, match="periods: 2 given for 3 notes"):
        voice.notes([60, 62, 64], ["1/4", "1/4"])
    with pytest.raises(sf.PitchError):
        voice.notes([60, "H4"], "1/4")
    assert len(voice.notes) == 1 and voice.cursor == F(1, 4)


def test_bulk_durations_and_one_period_for_all() -> None:
    voice = sf.Score().part("P").voice("V")
    notes = voice.notes([60, 62], "1/4", durations=["1/8", None])
    assert [(n.period, n.duration) for n in notes] == [(F(1, 4), F(1, 8)), (F(1, 4), F(1, 4))]


def test_the_collector_is_paused_only_while_a_bulk_call_runs() -> None:
    assert gc.isenabled()
    with paused_gc():
        assert not gc.isenabled()
        with paused_gc():
            assert not gc.isenabled()
        assert not gc.isenabled()  # the inner block leaves it as it found it
    assert gc.isenabled()
    gc.disable()
    try:
        with paused_gc():
            pass
        assert not gc.isenabled()  # it was off: it stays off
    finally:
        gc.enable()


@given(st.integers(-(10**6), 10**6), st.integers(1, 10**6))
def test_a_fast_fraction_is_a_fraction(numerator: int, denominator: int) -> None:
    fast, plain = fraction(numerator, denominator), Fraction(numerator, denominator)
    assert fast == plain and hash(fast) == hash(plain) and str(fast) == str(plain)
    assert (fast.numerator, fast.denominator) == (plain.numerator, plain.denominator)
    assert pickle.loads(pickle.dumps(fast)) == plain and type(fast) is Fraction


plain_pitches = st.one_of(
    st.none(),
    st.integers(21, 108),
    st.sampled_from(["C4", "F#3", "Bb5", 61.5, sf.Pitch.parse("Eb4")]),
)
plain_events = st.lists(
    st.tuples(
        plain_pitches,
        lengths,
        st.none() | st.sampled_from([F(1, 16), "1/32", F(1, 9)]),
        st.none() | st.integers(1, 127),
    ),
    max_size=40,
)


@given(plain_events, st.sampled_from([None, F(1, 3), F(5, 2)]))
def test_the_bulk_form_by_columns_adds_what_the_note_calls_add(
    items: list[tuple[Any, Any, Any, Any]], at: Any
) -> None:
    """No chords and no key signature: the column path (voice_bulk.add_columns) is taken."""
    one, many = sf.Score(), sf.Score()
    a, b = one.part("P").voice("V"), many.part("P").voice("V")
    a.note(60, F(1, 6))
    b.note(60, F(1, 6))
    if at is not None:
        a.cursor = at
    for pitch, period, duration, velocity in items:
        a.note(pitch, period, duration=duration, velocity=velocity)
    b.notes(
        [i[0] for i in items],
        [i[1] for i in items],
        durations=[i[2] for i in items],
        velocities=[i[3] for i in items],
        at=at,
    )
    assert b.notes == a.notes
    assert b.cursor == a.cursor and type(b.cursor) is Fraction
    assert (b._sorted, b._plain) == (a._sorted, a._plain)
    assert [(e.time, e.kind, e.item) for e in many.events()] == [
        (e.time, e.kind, e.item) for e in one.events()
    ]


@pytest.mark.parametrize(
    ("pitches", "periods", "velocities", "message"),
    [
        ([60, True], "1/4", None, r"beat 2 \(time 1/4\): pitch True must be"),
        ([60, 62], ["1/4", 0.25], None, r"beat 2 \(time 1/4\): period 0.25 is a float"),
        ([60, 62], "1/4", [90, 128], r"beat 2 \(time 1/4\): velocity 128 must be"),
        ([60, 62], "1/4", [90, True], r"beat 2 \(time 1/4\): velocity True must be"),
        ([60, 62], ["1/4", F(1, 10**12)], None, r"^part 'P', voice 'V': a time 1/10+ has a denom"),
    ],
)
def test_a_value_the_columns_refuse_is_named_as_note_names_it(
    pitches: list[Any], periods: Any, velocities: Any, message: str
) -> None:
    voice = sf.Score().part("P").voice("V")
    with pytest.raises(sf.ScoreValueError, match=message):
        voice.notes(pitches, periods, velocities=velocities)
    assert voice.notes == () and voice.cursor == 0 and voice._plain


def test_a_note_refused_for_its_pitch_leaves_the_cursor() -> None:
    voice = sf.Score().part("P").voice("V")
    with pytest.raises(sf.PitchError):
        voice.note("H4", "1/4")
    assert voice.cursor == 0 and voice.notes == ()


def test_spelled_pitches_are_kept_by_kind() -> None:
    score = sf.Score()
    voice = score.part("P").voice("V")
    assert str(voice.note(61, "1/4").pitch) == "C#4"
    score.key("F major")  # now an int is spelled in the key; a name never is
    assert str(voice.note(61, "1/4").pitch) == "Db4"
    assert str(voice.note(70, "1/4").pitch) == "Bb4"
    assert str(voice.note("A#4", "1/4").pitch) == "A#4"
    with pytest.raises(sf.PitchError):
        voice.note(True, "1/4")  # type: ignore[arg-type]


operation = st.one_of(
    st.tuples(st.just("note"), st.integers(40, 80), lengths),
    st.tuples(st.just("at"), st.integers(40, 80), st.sampled_from([0, F(1, 8), F(3, 2), 4])),
    st.tuples(st.just("tie"), st.integers(40, 80), lengths),
    st.tuples(st.just("staff"), st.integers(40, 80), lengths),
    st.tuples(st.just("chord"), st.integers(40, 70), lengths),
    st.tuples(st.just("rest"), st.none(), lengths),
    st.tuples(st.just("short"), st.integers(40, 80), lengths),
    st.tuples(st.just("bulk"), st.integers(40, 80), lengths),
    st.tuples(st.just("bulk chord"), st.integers(40, 70), lengths),
    st.tuples(st.just("cursor"), st.none(), st.sampled_from([0, F(1, 4), F(9, 2)])),
    st.tuples(st.just("remove"), st.none(), st.none()),
    st.tuples(st.just("clear"), st.none(), st.none()),
)
operations = st.lists(operation, max_size=25)


def _apply(voice: sf.Voice, made: list[Note], kind: str, key: Any, value: Any) -> None:
    """One building operation on ``voice``; ``made`` follows the notes it should hold."""
    if kind == "note":
        made.append(voice.note(key, value, velocity=key + 1 if key % 3 else None))
    elif kind == "at":
        made.append(voice.note(key, "1/4", at=value))
    elif kind == "tie":
        made.append(voice.note(key, value, tie=True))
    elif kind == "staff":
        made.append(voice.note(key, value, staff=2))
    elif kind == "chord":
        made += voice.chord([key, key + 4], value)
    elif kind == "rest":
        made.append(voice.rest(value))
    elif kind == "short":  # a duration of its own, off every tick grid tried
        made.append(voice.note(key, value, duration=F(1, 11)))
    elif kind == "bulk":
        made += voice.notes([key, None, key + 2], value)
    elif kind == "bulk chord":
        made += voice.notes([[key, key + 3], key], value)
    elif kind == "cursor":
        voice.cursor = value
    elif kind == "remove" and made:
        voice.remove(made.pop(len(made) // 2))
    elif kind == "clear":
        voice.clear()
        made.clear()
    elif kind == "read":
        voice._read()


@given(operations)
def test_a_voice_that_skips_the_per_note_check_always_passes_it(ops: list[Any]) -> None:
    """``Voice._plain`` lets validation skip its per-note pass: whenever it is set, that
    pass must find nothing (whether or not the voice is valid otherwise)."""
    from scoreframe.validation import _check_notes

    score = sf.Score()
    voice = score.part("P", staves=2).voice("V")
    made: list[Note] = []
    for kind, key, value in ops:
        _apply(voice, made, kind, key, value)
    if voice._plain:
        _check_notes(score, voice)
        score.validate()


@given(st.lists(operation | st.tuples(st.just("read"), st.none(), st.none()), max_size=30))
def test_the_notes_note_holds_for_later_are_the_notes_it_returned(ops: list[Any]) -> None:
    """``note()`` keeps a plain note as plain values until the notes are read (Voice._settle):
    whatever the calls, reads, cursor moves, removals and widenings of the grid between them,
    the voice's notes are the Notes the calls returned, in onset order (stable; the order
    once also went wrong without any holding: a note after a read, before the latest onset,
    was left at the end)."""
    score = sf.Score()
    voice = score.part("P", staves=2).voice("V")
    made: list[Note] = []
    for kind, key, value in ops:
        _apply(voice, made, kind, key, value)
        if kind == "read":
            assert list(voice.notes) == sorted(made, key=lambda n: n.onset)
        assert repr(voice).endswith(f"{len(made)} notes>")
    assert list(voice.notes) == sorted(made, key=lambda n: n.onset)


def _held_score(ops: list[Any], steps: bool) -> sf.Score:
    score = sf.Score()
    part = score.part("P", staves=2)
    if steps:
        part.velocity.hold(40).ramp(110, at=F(1, 3), over=3).hold(70, at=5)
    for name in ("V", "W"):  # two voices on one channel: their overlaps are resolved too
        voice = part.voice(name)
        for kind, key, value in ops:
            _apply(voice, [], kind, key, value)
    return score


@given(
    st.lists(operation | st.tuples(st.just("read"), st.none(), st.none()), max_size=30),
    st.booleans(),
    st.sampled_from([480, 96, 7, "exact"]),
)
def test_the_midi_file_of_held_notes_is_the_file_of_the_notes_made(
    ops: list[Any], steps: bool, ppq: Any
) -> None:
    """The MIDI writer reads the notes ``note()`` holds without making them (notes.py's
    column pass); the file must be the one written from the same notes made and read, for
    any mix of held and made notes, rests, ties, chords, velocity steps and grids (a grid
    that does not divide the ticks falls back to making them)."""
    held, made = _held_score(ops, steps), _held_score(ops, steps)
    for voice in made.voices:
        voice._read()
    assert _written(held, ppq) == _written(made, ppq)


def _written(score: sf.Score, ppq: Any) -> tuple[bytes | str, list[str]]:
    """The SMF, or the error that refused the score (an invalid one: a tie to nothing), and
    the warnings (how many times were rounded to the grid, how many notes overlapped)."""
    with warnings.catch_warnings(record=True) as said:
        warnings.simplefilter("always")
        try:
            return sf.midi.to_bytes(score, ppq=ppq), [str(w.message) for w in said]
        except sf.ScoreframeError as error:
            return str(error), [str(w.message) for w in said]


def test_writing_midi_leaves_the_held_notes_unmade() -> None:
    score = sf.Score()
    voice = score.part("P").voice()
    for key in range(40, 80):
        voice.note(key, "1/8", velocity=key)
    voice.rest("1/8")
    data = sf.midi.to_bytes(score)
    assert len(voice._later) == 41 * 5 and not voice._notes
    back = sf.midi.to_score(data)
    assert [n.velocity for v in back.voices for n in v.notes if n.pitch] == list(range(40, 80))
    voice._read()
    assert sf.midi.to_bytes(score) == data


def test_a_note_before_the_latest_onset_after_a_read_is_put_in_order() -> None:
    """Found by the test above: the voice compared a new note with the last one added, not
    the latest onset, so after a read a note before the latest was left at the end (and
    validate() then named an overlap that is not there)."""
    score = sf.Score()
    voice = score.part("P").voice("V")
    for _ in range(3):
        voice.note(40, "1/4")
    voice.note(40, "1/4", at=0, velocity=90)
    assert len(voice.notes) == 4  # read: sorted
    voice.note(41, "1/4")  # at the cursor, 1/4: before the note at 1/2
    assert [str(n.onset) for n in voice.notes] == ["0", "0", "1/4", "1/4", "1/2"]
    score.validate()  # chords at 0 and 1/4: valid (out of order, an overlap was named)


def test_many_bulk_calls_do_not_read_the_notes_there_are(monkeypatch: pytest.MonkeyPatch) -> None:
    """Found building a piece a phrase a call: ``voice.notes(...)`` read the ``notes`` property
    first, and that made the notes so far into a new tuple each call, so a thousand calls of a
    thousand notes cost a thousand times what one call costs. The view is read only when read,
    and a view taken before the calls sees the notes they add."""
    voice = sf.Score().part("P").voice("V")
    reads: list[int] = []
    real = sf.Voice._read

    def counted(self: sf.Voice) -> tuple[Note, ...]:
        reads.append(1)
        return real(self)

    monkeypatch.setattr(sf.Voice, "_read", counted)
    early = voice.notes
    for _ in range(200):
        voice.notes([60, None, [62, 65]], "1/8")
        voice.note(64, "1/8")
    assert reads == []
    assert len(early) == 1000 and early[-1].onset == F(99, 1) + F(7, 8)
    assert early == tuple(voice.notes) and early == list(voice.notes) and early != early[:-1]
    assert voice.notes[1].pitch is None and voice.notes[2].onset == voice.notes[3].onset


def test_bulk_calls_keep_the_notes_held_and_a_refused_one_leaves_them() -> None:
    """A bulk call leaves the notes held before it unmade (the grid unwidened), and one
    refused, after the columns or the note-by-note loop took part of it, leaves the voice
    as it was: the held notes, the cursor and the grid."""
    voice = sf.Score().part("P").voice()
    first = list(voice.notes([60, None, 62], "1/8"))
    second = list(voice.notes([64, 65], ["1/8", "1/4"], velocities=[90, None]))
    assert len(voice._later) == 5 * 5 and not voice._notes  # nothing made yet
    cursor, grid = voice.cursor, voice._grid
    with pytest.raises(sf.ScoreValueError, match="velocity 0"):
        voice.notes([67, 69], ["1/12", "1/8"], velocities=[None, 0])  # a new grid, then refused
    with pytest.raises(sf.ScoreValueError, match="velocity 0"):
        voice.notes([67, [69, 72]], "1/12", velocities=[0, None], at=F(1, 3))
    assert (voice.cursor, voice._grid) == (cursor, grid)
    assert list(voice.notes) == first + second
    third = voice.notes([67], "1/12")  # widens the grid: the held notes are made first
    assert list(voice.notes) == first + second + list(third)
    assert str(voice.notes[-1].onset) == "3/4"
