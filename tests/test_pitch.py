"""Spelled pitches: names, MIDI numbers spelled from the key, float numbers, bend, frequency."""

from __future__ import annotations

import math
from collections.abc import Callable
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

import scoreframe as sf
from scoreframe.errors import PitchError, ScoreframeError
from scoreframe.pitch import Pitch, as_pitch, key_scale, spell_pitch_class

# name -> (step, alter, octave, cents, exact MIDI pitch). Middle C is C4 = 60.
NAMES = {
    "C4": ("C", 0, 4, 0, 60),
    "c4": ("C", 0, 4, 0, 60),
    "Cn4": ("C", 0, 4, 0, 60),
    "C#4": ("C", 1, 4, 0, 61),
    "Eb5": ("E", -1, 5, 0, 75),
    "F#3": ("F", 1, 3, 0, 54),
    "Bb5": ("B", -1, 5, 0, 82),
    "Fx4": ("F", 2, 4, 0, 67),  # double sharp
    "F##4": ("F", 2, 4, 0, 67),
    "Bbb3": ("B", -2, 3, 0, 57),  # double flat
    "B#3": ("B", 1, 3, 0, 60),  # B#3 sounds as C4: the octave goes with the letter
    "Cb4": ("C", -1, 4, 0, 59),
    "Cq#4": ("C", Fraction(1, 2), 4, 0, Fraction(121, 2)),  # quarter sharp
    "Eqb4": ("E", Fraction(-1, 2), 4, 0, Fraction(127, 2)),  # quarter flat
    "C#q#4": ("C", Fraction(3, 2), 4, 0, Fraction(123, 2)),  # three quarters sharp
    "Dbqb4": ("D", Fraction(-3, 2), 4, 0, Fraction(121, 2)),
    "C4+25c": ("C", 0, 4, 25, Fraction(241, 4)),
    "A4-12.5c": ("A", 0, 4, Fraction(-25, 2), Fraction(551, 8)),  # 69 - 1/8
    "A-1": ("A", 0, -1, 0, 9),
    "G9": ("G", 0, 9, 0, 127),
}


@pytest.mark.parametrize("name", NAMES)
def test_spelled_names(name: str) -> None:
    step, alter, octave, cents, semitones = NAMES[name]
    pitch = Pitch.parse(name)
    assert (pitch.step, pitch.alter, pitch.octave, pitch.cents) == (step, alter, octave, cents)
    assert pitch.semitones == semitones
    assert Pitch.parse(str(pitch)) == pitch  # the text form reads back


@pytest.mark.parametrize("name", ["H4", "C", "C#", "Cbbb4", "", "C4 25c", "C4+25", "4C"])
def test_unreadable_names_are_refused_with_examples_of_good_ones(name: str) -> None:
    with pytest.raises(PitchError, match=r"is not a name such as 'C4', 'F#3', 'Bb5'"):
        Pitch.parse(name)


def test_cents_must_stay_inside_a_semitone() -> None:
    with pytest.raises(PitchError, match=r"cents 100 must lie within -100..100"):
        Pitch.parse("C4+100c")


def test_pitch_errors_are_scoreframe_errors_and_value_errors() -> None:
    with pytest.raises(ScoreframeError):
        Pitch.parse("H4")
    with pytest.raises(ValueError):
        Pitch.parse("H4")


# -- MIDI key number, bend and frequency ------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "key", "bend"),
    [
        ("C4", 60, 0),
        ("C4+25c", 60, Fraction(1, 4)),
        ("Cq#4", 60, Fraction(1, 2)),  # exactly half way: the lower key, bent up
        ("C4+75c", 61, Fraction(-1, 4)),  # nearer C#4: that key, bent down
        ("Eqb4", 63, Fraction(1, 2)),
        ("C4-25c", 60, Fraction(-1, 4)),
    ],
)
def test_key_number_and_bend_add_up_to_the_exact_pitch(name: str, key: int, bend: Fraction) -> None:
    pitch = Pitch.parse(name)
    assert pitch.key_number == key
    assert pitch.bend == bend
    assert pitch.key_number + pitch.bend == pitch.semitones
    assert -Fraction(1, 2) <= pitch.bend <= Fraction(1, 2)


def test_frequency_is_equal_temperament_from_a4() -> None:
    assert Pitch.parse("A4").frequency() == 440.0
    assert Pitch.parse("A5").frequency() == 880.0
    assert Pitch.parse("A3").frequency(a4=442.0) == 221.0
    # C4 is 9 semitones below A4: 440 * 2 ** (-9 / 12)
    assert Pitch.parse("C4").frequency() == pytest.approx(261.6255653, abs=1e-7)
    # a quarter tone above A4 is 440 * 2 ** (1 / 24)
    assert Pitch.parse("Aq#4").frequency() == pytest.approx(440 * 2 ** (1 / 24), rel=1e-15)


def test_a4_is_set_per_score_and_notes_sound_from_it() -> None:
    baroque = sf.Score(a4=415)
    note = baroque.part("Harpsichord").voice("H").note("A4", "1/4")
    assert baroque.a4 == 415.0
    assert note.pitch is not None
    assert note.pitch.frequency(baroque.a4) == 415.0
    assert sf.Score().a4 == 440.0


# -- MIDI numbers, spelled from the key signature -------------------------------------------


@pytest.mark.parametrize(
    ("key", "number", "name"),
    [
        (None, 61, "C#4"),  # no key: C major, sharps
        ("C major", 70, "A#4"),
        ("G major", 70, "A#4"),  # sharp key: sharps
        ("D major", 70, "A#4"),
        ("F major", 70, "Bb4"),  # flat key: flats
        ("Eb major", 70, "Bb4"),
        ("Eb major", 61, "Db4"),
        ("c minor", 68, "Ab4"),  # minor keys by their signature (c minor: 3 flats)
        ("e minor", 66, "F#4"),
        ("C# major", 65, "E#4"),  # a scale tone is spelled as the key spells it
        ("C# major", 72, "B#4"),  # and keeps its letter's octave (B#4 sounds as C5)
        ("Cb major", 71, "Cb5"),  # Cb5 sounds as B4
        ("Gb major", 59, "Cb4"),
        ("Eb major", 60, "C4"),  # naturals stay natural
    ],
)
def test_midi_numbers_are_spelled_from_the_key_in_force(
    key: str | None, number: int, name: str
) -> None:
    score = sf.Score()
    if key is not None:
        score.key(key)
    note = score.part("P").voice("V").note(number, "1/4")
    assert str(note.pitch) == name
    assert note.pitch is not None and note.pitch.key_number == number


def test_a_key_change_respells_later_numbers_only() -> None:
    score = sf.Score()
    score.key("D major")
    score.key("Bb major", at=1)
    voice = score.part("P").voice("V")
    before = voice.note(70, "1/2")
    voice.note(70, "1/2")  # still before the change at time 1
    after = voice.note(70, "1/2")
    assert (str(before.pitch), str(after.pitch)) == ("A#4", "Bb4")


def test_names_ignore_the_key_and_keep_their_spelling() -> None:
    score = sf.Score()
    score.key("Eb major")
    note = score.part("P").voice("V").note("A#4", "1/4")
    assert str(note.pitch) == "A#4"


@pytest.mark.parametrize(
    ("number", "name", "key", "bend"),
    [
        (60.5, "Cq#4", 60, Fraction(1, 2)),  # a quarter tone is spelled as its name is
        (60.25, "C4+25c", 60, Fraction(1, 4)),
        (60.75, "C#4-25c", 61, Fraction(-1, 4)),
        (61.5, "C#q#4", 61, Fraction(1, 2)),
        (60.0, "C4", 60, 0),
    ],
)
def test_float_midi_numbers_keep_their_fraction_as_cents_or_quarter_tones(
    number: float, name: str, key: int, bend: Fraction
) -> None:
    pitch = Pitch.from_midi(number)
    assert str(pitch) == name
    assert pitch.key_number == key
    assert pitch.bend == bend
    assert pitch.midi == number


def test_a_float_number_in_a_flat_key_is_spelled_with_flats() -> None:
    score = sf.Score()
    score.key("Ab major")
    note = score.part("P").voice("V").note(61.5, "1/4")
    assert str(note.pitch) == "Dqb4"  # the key's Db, a quarter tone up
    assert note.pitch == sf.Pitch.parse("Dqb4") and note.pitch.midi == 61.5


@pytest.mark.parametrize("number", [-1, 128, 127.6, -0.6])
def test_midi_numbers_out_of_range_are_refused(number: float) -> None:
    with pytest.raises(PitchError, match=r"out of range 0..127"):
        Pitch.from_midi(number)


@pytest.mark.parametrize("value", [True, None, b"C4", 60j])
def test_other_values_are_not_pitches(value: object) -> None:
    with pytest.raises(PitchError):
        as_pitch(value)  # type: ignore[arg-type]


def test_a_pitch_is_immutable_and_a_value() -> None:
    pitch = Pitch.parse("F#3")
    assert pitch == Pitch("F", Fraction(1), 3)
    assert hash(pitch) == hash(Pitch("F", Fraction(1), 3))
    assert pitch != Pitch.parse("Gb3")  # the same key, another spelling
    with pytest.raises(AttributeError):
        pitch.octave = 4  # type: ignore[misc]


@pytest.mark.parametrize(
    ("step", "alter", "octave", "cents", "message"),
    [
        ("H", 0, 4, 0, "step 'H' must be one of"),
        ("C", Fraction(5, 2), 4, 0, "alter 5/2 must lie within -2..2"),
        ("C", 0, 4, -100, "cents -100 must lie within"),
    ],
)
def test_the_constructor_checks_its_fields(
    step: str, alter: Fraction, octave: int, cents: Fraction, message: str
) -> None:
    with pytest.raises(PitchError, match=message):
        Pitch(step, Fraction(alter), octave, Fraction(cents))


# -- spelling tables ---------------------------------------------------------------------------


def test_key_scales_add_sharps_and_flats_in_the_order_of_fifths() -> None:
    assert dict(key_scale(2)) == {"C": 1, "D": 0, "E": 0, "F": 1, "G": 0, "A": 0, "B": 0}
    assert dict(key_scale(-3)) == {"C": 0, "D": 0, "E": -1, "F": 0, "G": 0, "A": -1, "B": -1}
    assert all(alter == 1 for _, alter in key_scale(7))
    assert all(alter == -1 for _, alter in key_scale(-7))


def test_spell_pitch_class() -> None:
    assert spell_pitch_class(5, 6) == ("E", 1)  # E# in F# major
    assert spell_pitch_class(11, -6) == ("C", -1)  # Cb in Gb major
    assert spell_pitch_class(1, 0) == ("C", 1)
    assert spell_pitch_class(1, -1) == ("D", -1)


@given(st.integers(0, 127), st.integers(-7, 7))
def test_every_number_in_every_key_keeps_its_key_number(number: int, fifths: int) -> None:
    pitch = Pitch.from_midi(number, fifths)
    assert pitch.key_number == number
    assert pitch.bend == 0
    assert (pitch.alter <= 0) if fifths < 0 else (pitch.alter >= 0)


@given(st.floats(0, 127, allow_nan=False))
def test_float_numbers_come_back_within_a_thousandth_of_a_cent(number: float) -> None:
    pitch = Pitch.from_midi(number)
    assert math.isclose(pitch.midi, number, abs_tol=1e-5)
    assert abs(pitch.bend) <= Fraction(1, 2)


@given(
    st.sampled_from("CDEFGAB"),
    st.sampled_from([Fraction(n, 2) for n in range(-4, 5)]),
    st.integers(-1, 9),
    st.integers(-99, 99),
)
def test_every_spelled_pitch_reads_back_from_its_text(
    step: str, alter: Fraction, octave: int, cents: int
) -> None:
    try:
        pitch = Pitch(step, alter, octave, Fraction(cents))
    except PitchError as error:  # below C-1 or above G9: outside the MIDI keys
        assert "outside the MIDI keys 0..127" in str(error)
        return
    assert Pitch.parse(str(pitch)) == pitch


@pytest.mark.parametrize("made", [lambda: Pitch.parse("C10"), lambda: Pitch.from_midi(132)])
def test_one_range_for_every_way_a_pitch_is_made(made: Callable[[], Pitch]) -> None:
    with pytest.raises(PitchError, match=r"0\.\.127"):
        made()
    score = sf.Score()
    with pytest.raises(PitchError, match=r"0\.\.127"):
        score.part("P").voice("V").note("C10", "1/4")


def test_a_float_quarter_tone_looks_as_its_name_does() -> None:
    assert Pitch.from_midi(65.5) == Pitch.parse("Fq#4")
