"""The score model: Score, Part, Voice, Note, chords, ties, the cursor."""

from __future__ import annotations

from fractions import Fraction

import pytest

import scoreframe as sf
from scoreframe.clef import Clef
from scoreframe.errors import ScoreValueError, TimeValueError
from scoreframe.note import Articulation, Note, TieChain, as_articulation
from scoreframe.pitch import Pitch

F = Fraction


@pytest.fixture
def voice() -> sf.Voice:
    return sf.Score().part("Piano", staves=2).voice("RH")


# -- notes -------------------------------------------------------------------------------------


def test_notes_append_at_the_cursor(voice: sf.Voice) -> None:
    a = voice.note("E4", "1/8")
    b = voice.note(64, F(1, 8))
    rest = voice.rest("1/4")
    assert [(n.onset, n.period) for n in (a, b, rest)] == [
        (0, F(1, 8)),
        (F(1, 8), F(1, 8)),
        (F(1, 4), F(1, 4)),
    ]
    assert voice.cursor == F(1, 2)
    assert type(voice.cursor) is Fraction
    assert voice.notes == (a, b, rest)


def test_a_note_knows_its_onset_period_duration_and_pitch(voice: sf.Voice) -> None:
    note = voice.note("C4", "1/4", duration="1/8")
    assert note == Note(F(0), F(1, 4), F(1, 8), Pitch.parse("C4"))
    assert (note.end, note.release) == (F(1, 4), F(1, 8))
    assert not note.is_rest
    assert voice.cursor == F(1, 4)  # the period moves the cursor, not the duration


def test_the_duration_defaults_to_the_period_and_may_be_longer(voice: sf.Voice) -> None:
    assert voice.note("C4", "1/4").duration == F(1, 4)
    legato = voice.note("D4", "1/4", duration="3/8")  # sounds past the next onset
    assert legato.release == F(5, 8)


def test_a_rest_is_a_note_without_pitch(voice: sf.Voice) -> None:
    rest = voice.rest("1/2", at=1)
    assert rest.is_rest and rest.pitch is None
    assert voice.note(None, "1/4").is_rest


def test_an_explicit_onset_moves_the_cursor_to_its_end(voice: sf.Voice) -> None:
    voice.note("C4", "1/4")
    late = voice.note("G4", "1/4", at="3/2")
    assert late.onset == F(3, 2)
    assert voice.cursor == F(7, 4)
    early = voice.note("E4", "1/4", at="1/2")  # filling a gap
    assert voice.cursor == F(3, 4)
    assert voice.notes == (voice.notes[0], early, late)  # kept in onset order


def test_an_onset_before_zero_is_refused(voice: sf.Voice) -> None:
    with pytest.raises(ScoreValueError, match=r"part 'Piano', voice 'RH': onset -1/4 is before"):
        voice.note("C4", "1/4", at="-1/4")


def test_velocity_articulations_staff_and_named_values(voice: sf.Voice) -> None:
    note = voice.note(
        "C5",
        "1/4",
        velocity=96,
        articulations=["staccato", "accent", Articulation.TENUTO, "marcato", "fermata"],
        staff=2,
        values={"pan": 0.25, "cutoff": 800, "mode": "soft"},
    )
    assert note.velocity == 96
    assert note.articulations == {
        Articulation.STACCATO,
        Articulation.ACCENT,
        Articulation.TENUTO,
        Articulation.MARCATO,
        Articulation.FERMATA,
    }
    assert note.staff == 2
    assert note.value("pan") == 0.25
    assert note.value("cutoff") == 800
    assert note.value("mode") == "soft"
    assert note.value("missing") is None
    assert note.values == (("cutoff", 800), ("mode", "soft"), ("pan", 0.25))  # sorted by name


def test_a_plain_note_has_no_velocity_articulation_staff_or_values(voice: sf.Voice) -> None:
    note = voice.note("C4", "1/4")
    assert (note.velocity, note.articulations, note.staff, note.values, note.tie) == (
        None,
        frozenset(),
        None,
        (),
        False,
    )


@pytest.mark.parametrize(
    ("text", "articulation"),
    [
        ("staccato", Articulation.STACCATO),
        ("Accent", Articulation.ACCENT),
        ("tenuto", Articulation.TENUTO),
        ("marcato", Articulation.MARCATO),
        ("strong-accent", Articulation.MARCATO),  # the MusicXML name
        ("fermata", Articulation.FERMATA),
        ("staccatissimo", Articulation.STACCATISSIMO),
    ],
)
def test_articulations_by_name(text: str, articulation: Articulation) -> None:
    assert as_articulation(text) is articulation


def test_an_unknown_articulation_is_refused_with_the_names(voice: sf.Voice) -> None:
    with pytest.raises(ScoreValueError, match="'legato' is not one of: staccato, staccatissimo"):
        voice.note("C4", "1/4", articulations=["legato"])


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"velocity": 0}, r"bar 1, beat 1 \(time 0\): velocity 0 must be an int in 1..127"),
        ({"velocity": 128}, r"velocity 128 must be an int in 1..127"),
        ({"velocity": 64.5}, r"velocity 64.5 must be an int in 1..127"),
        ({"staff": 3}, r"staff 3 must be an int in 1..2"),
        ({"duration": 0}, r"duration 0 must be greater than zero"),
        ({"duration": "-1/8"}, r"duration -1/8 must be greater than zero"),
    ],
)
def test_note_options_out_of_range_are_refused_naming_the_place(
    voice: sf.Voice, options: dict[str, object], message: str
) -> None:
    with pytest.raises(ScoreValueError, match=r"^part 'Piano', voice 'RH'.*" + message):
        voice.note("C4", "1/4", **options)  # type: ignore[arg-type]


@pytest.mark.parametrize("period", [0, "0", "-1/4", F(-1, 8)])
def test_zero_or_negative_periods_are_refused_naming_the_place(
    voice: sf.Voice, period: object
) -> None:
    voice.note("C4", "1/4")
    with pytest.raises(TimeValueError) as caught:
        voice.note("D4", period)  # type: ignore[arg-type]
    message = str(caught.value)
    assert message.startswith("part 'Piano', voice 'RH', bar 1, beat 2 (time 1/4): period ")
    assert "must be greater than zero; give a length such as" in message
    assert len(voice.notes) == 1  # nothing was added


def test_notes_are_immutable_values(voice: sf.Voice) -> None:
    note = voice.note("C4", "1/4")
    with pytest.raises(AttributeError):
        note.onset = F(1)  # type: ignore[misc]
    moved = note.replace(onset=F(1))
    assert (moved.onset, note.onset) == (1, 0)


# -- chords and ties -------------------------------------------------------------------------


def test_a_chord_is_notes_of_one_onset_sharing_the_period(voice: sf.Voice) -> None:
    chord = voice.chord(["C4", "E4", "G4"], "1/2", velocity=70)
    assert [str(n.pitch) for n in chord] == ["C4", "E4", "G4"]  # in the order given
    assert {n.onset for n in chord} == {0}
    assert {n.period for n in chord} == {F(1, 2)}
    assert {n.velocity for n in chord} == {70}
    assert voice.cursor == F(1, 2)
    assert voice.chord([60, 64], "1/4", at=2)[0].onset == 2


def test_an_empty_chord_is_refused(voice: sf.Voice) -> None:
    with pytest.raises(ScoreValueError, match=r"time 0: a chord needs pitches"):
        voice.chord([], "1/4")


def test_tied_notes_and_chords(voice: sf.Voice) -> None:
    first = voice.chord(["C4", "E4"], "1/2", tie=True)
    second = voice.chord(["C4", "E4"], "1/4")
    assert all(n.tie for n in first)
    assert not any(n.tie for n in second)


def test_a_tie_chain_sounds_from_the_first_onset_to_the_last_release() -> None:
    c4 = Pitch.parse("C4")
    notes = (
        Note(F(0), F(1, 2), F(1, 2), c4, tie=True, velocity=90),
        Note(F(1, 2), F(1, 4), F(1, 4), c4, tie=True),
        Note(F(3, 4), F(1, 4), F(1, 8), c4),
    )
    chain = TieChain(notes)
    assert (chain.onset, chain.period, chain.duration) == (0, F(1), F(7, 8))
    assert (chain.end, chain.release) == (F(1), F(7, 8))
    assert chain.pitch == c4
    assert chain.velocity == 90  # what the first note says
    assert chain.first is notes[0]
    assert not chain.tie and not chain.is_rest


# -- parts and voices ------------------------------------------------------------------------


def test_parts_and_voices_keep_their_settings() -> None:
    score = sf.Score(title="Night Study", composer="A. Composer")
    piano = score.part("Piano", program=1, channel=1, staves=2, clefs=["treble", "bass"])
    rh = piano.voice("RH", staff=1)
    lh = piano.voice("LH", staff=2, channel=3, track="left")
    assert (score.title, score.composer) == ("Night Study", "A. Composer")
    assert (piano.program, piano.channel, piano.staves, piano.clefs) == (
        1,
        1,
        2,
        (Clef.TREBLE, Clef.BASS),
    )
    assert (rh.staff, lh.staff) == (1, 2)
    assert (rh.number, lh.number) == (1, 5)  # MusicXML voices 1-4 on staff 1, 5-8 on staff 2
    assert (rh.effective_channel, lh.effective_channel, lh.track) == (1, 3, "left")
    assert score.parts == (piano,)
    assert score.voices == [rh, lh]
    assert piano.voices == (rh, lh)
    assert rh.part is piano and piano.score is score


def test_voice_numbers_count_up_per_staff() -> None:
    part = sf.Score().part("P", staves=2)
    numbers = [part.voice(f"v{i}", staff=s).number for i, s in enumerate([1, 1, 2, 2, 1])]
    assert numbers == [1, 2, 5, 6, 3]
    assert part.voice("named", number=9).number == 9


def test_voices_get_names_when_none_is_given() -> None:
    part = sf.Score().part("Oboe")
    assert [part.voice().name, part.voice().name] == ["Oboe 1", "Oboe 2"]


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"channel": 0}, "part 'P': channel 0 must be an int in 1..16"),
        ({"channel": 17}, "part 'P': channel 17 must be an int in 1..16"),
        ({"program": 0}, "part 'P': program 0 must be an int in 1..128"),
        ({"program": 129}, "part 'P': program 129 must be an int in 1..128"),
        ({"program": True}, "part 'P': program True must be an int in 1..128"),
        ({"bank": 16384}, "part 'P': bank 16384 must be an int in 0..16383"),
        ({"staves": 0}, "part 'P': staves 0 must be an int in 1..4"),
        ({"bend_range": 25}, "part 'P': bend range 25 must be an int in 1..24"),
        ({"staves": 2, "clefs": ["treble"]}, r"part 'P': give one clef per staff \(2\)"),
    ],
)
def test_part_settings_out_of_range_are_refused(options: dict[str, object], message: str) -> None:
    with pytest.raises(ScoreValueError, match=f"^{message}"):
        sf.Score().part("P", **options)


def test_voice_settings_out_of_range_are_refused() -> None:
    part = sf.Score().part("P")
    message = r"part 'P', voice 'V': channel 0 must be an int in 1..16"
    with pytest.raises(ScoreValueError, match=message):
        part.voice("V", channel=0)
    with pytest.raises(
        ScoreValueError, match=r"part 'P', voice 'W': staff 2 must be an int in 1..1"
    ):
        part.voice("W", staff=2)


def test_names_are_unique() -> None:
    score = sf.Score()
    part = score.part("P")
    part.voice("V")
    with pytest.raises(ScoreValueError, match="a part named 'P' exists already"):
        score.part("P")
    with pytest.raises(ScoreValueError, match="part 'P': a voice named 'V' exists already"):
        part.voice("V")


def test_score_end_and_sounding_end() -> None:
    score = sf.Score()
    assert score.end == 0
    a = score.part("A").voice("a")
    b = score.part("B").voice("b")
    a.note("C4", "1/2")
    b.note("C4", "1/4", duration="1")
    assert score.end == F(1, 2)
    assert score.sounding_end == F(1)


def test_part_notes_are_voice_by_voice() -> None:
    part = sf.Score().part("P")
    one, two = part.voice("1"), part.voice("2")
    x = two.note("C4", "1/4")
    y = one.note("D4", "1/4")
    assert part.notes == [y, x]


def test_where_names_part_voice_bar_beat_and_time() -> None:
    score = sf.Score()
    score.meter("3/4")
    part = score.part("Piano")
    voice = part.voice("RH")
    assert score.where(F(7, 8), part, voice) == (
        "part 'Piano', voice 'RH', bar 2, beat 1 1/2 (time 7/8)"
    )
    assert score.where(F(0)) == "bar 1, beat 1 (time 0)"


def test_the_key_map_and_meter_map_belong_to_the_score() -> None:
    score = sf.Score()
    score.meter("6/8")
    score.key("Eb major")
    score.key("G major", at=2)
    assert score.meters.meter_at(F(0)) == sf.Meter(6, 8)
    assert score.keys.key_at(F(1)) == sf.Key(-3)
    assert score.keys.key_at(F(2)) == sf.Key(1)


def test_reprs_say_what_a_thing_is() -> None:
    score = sf.Score(title="S")
    voice = score.part("P").voice("V")
    voice.note("C4", "1/4")
    assert repr(score) == "<Score 'S': 1 parts>"
    assert repr(score.parts[0]) == "<Part 'P': 1 voices>"
    assert repr(voice) == "<Voice 'V' of 'P': 1 notes>"


def test_a_voice_ramp_with_nothing_before_it_starts_from_the_inherited_value() -> None:
    score = sf.Score()
    part = score.part("P")
    voice = part.voice("V")
    part.velocity.hold(40)
    voice.velocity.ramp(100, at=1, over=1)
    assert voice.velocity.segments[0].origin == 40
    assert voice.value_at("velocity", "1/2") == 40  # before the ramp: the part's
    assert voice.value_at("velocity", "3/2") == 70
    other = score.part("Q").voice("W")
    score.velocity.hold(20)
    other.velocity.ramp(60, at=0, over=1)  # no part contour: the score's value
    assert other.velocity.segments[0].origin == 20
