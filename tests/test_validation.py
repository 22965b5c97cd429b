"""Validation: each broken rule raises an error naming part, voice, bar and beat, and the fix.

Every score here is in 3/4, so a bar is 3/4 of a whole note and beats are quarters.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from fractions import Fraction

import pytest

import scoreframe as sf
from scoreframe.errors import (
    MeterError,
    ScoreframeError,
    ScoreStructureError,
    ScoreValueError,
    TimeValueError,
)

F = Fraction
Build = Callable[[sf.Voice], object]


def error_of(build: Build) -> str:
    """Build a one-voice score in 3/4 (part 'Piano', voice 'RH'), validate it, return the error."""
    score = sf.Score()
    score.meter("3/4")
    voice = score.part("Piano", staves=2).voice("RH")
    build(voice)
    with pytest.raises(ScoreStructureError) as caught:
        score.validate()
    return str(caught.value)


def add(voice: sf.Voice, note: sf.Note) -> None:
    """Put a Note in a voice as a loader might, bypassing the builder's own checks."""
    voice._add(note)


C4 = sf.Pitch.parse("C4")


def test_a_valid_score_passes() -> None:
    score = sf.Score()
    score.meter("3/4")
    rh = score.part("Piano", program=1, channel=1, staves=2).voice("RH")
    rh.note("C4", "1/4", tie=True)
    rh.chord(["C4", "E4"], "1/4", tie=True)
    rh.chord(["E4", "C4"], "1/4")
    rh.rest("1/4")
    rh.note("G4", "1/4", at=1, duration="1/2", velocity=100, staff=2)
    score.validate()  # no error


def test_overlapping_notes_in_one_voice() -> None:
    message = error_of(lambda v: (v.note("C4", "1/2"), v.note("D4", "1/4", at="1/4")))
    assert message == (
        "part 'Piano', voice 'RH', bar 1, beat 2 (time 1/4): D4 starts before C4 at time 0 ends "
        "(at time 1/2); move it to time 1/2, shorten the note before, or put it in another voice"
    )


def test_a_note_overlapping_a_chord_names_the_chord_and_its_end() -> None:
    def build(v: sf.Voice) -> None:
        v.rest("3/4")
        v.chord(["C4", "E4"], "1/2")
        v.note("G4", "1/4", at="1")

    assert error_of(build) == (
        "part 'Piano', voice 'RH', bar 2, beat 2 (time 1): G4 starts before C4 at time 3/4 ends "
        "(at time 5/4); move it to time 5/4, shorten the note before, or put it in another voice"
    )


def test_notes_of_one_onset_with_different_periods() -> None:
    message = error_of(lambda v: (v.note("C4", "1/4", at="3/4"), v.note("E4", "1/2", at="3/4")))
    assert message == (
        "part 'Piano', voice 'RH', bar 2, beat 1 (time 3/4): E4 (period 1/2) shares its onset "
        "with C4 (period 1/4); notes of one onset form a chord and share a period: give them one "
        "period or put one in another voice"
    )


def test_a_tie_between_different_pitches() -> None:
    def build(v: sf.Voice) -> None:
        v.note("C4", "3/4")
        v.note("C4", "1/4", tie=True)
        v.note("D4", "1/4")

    assert error_of(build) == (
        "part 'Piano', voice 'RH', bar 2, beat 1 (time 3/4): C4 is tied, but the voice has D4 at "
        "its end (time 1); a tie joins two notes of the same pitch with no gap: drop tie=True or "
        "add C4 at time 1"
    )


def test_a_tie_into_a_chord_without_the_pitch_lists_the_chord() -> None:
    message = error_of(lambda v: (v.note("C4", "1/4", tie=True), v.chord(["D4", "F4"], "1/4")))
    assert "bar 1, beat 1 (time 0): C4 is tied, but the voice has D4, F4 at its end" in message


def test_a_tie_into_a_gap() -> None:
    def build(v: sf.Voice) -> None:
        v.note("E4", "1/4", tie=True)
        v.note("E4", "1/4", at="1/2")

    assert error_of(build) == (
        "part 'Piano', voice 'RH', bar 1, beat 1 (time 0): E4 is tied, but the voice has nothing "
        "at its end (time 1/4); a tie joins two notes of the same pitch with no gap: drop "
        "tie=True or add E4 at time 1/4"
    )


def test_a_tie_at_the_end_of_the_voice() -> None:
    message = error_of(lambda v: v.note("B3", "1/4", at="5/4", tie=True))
    assert message.startswith("part 'Piano', voice 'RH', bar 2, beat 3 (time 5/4): B3 is tied")
    assert "has nothing at its end (time 3/2)" in message


def test_a_tied_rest() -> None:
    tied_rest = sf.Note(F(1, 4), F(1, 4), F(1, 4), None, tie=True)
    message = error_of(lambda v: (v.note("C4", "1/4"), add(v, tied_rest)))
    assert message == (
        "part 'Piano', voice 'RH', bar 1, beat 2 (time 1/4): a rest cannot be tied; drop tie=True"
    )


def test_a_rest_inside_a_chord() -> None:
    message = error_of(lambda v: (v.note("C4", "1/4"), v.rest("1/4", at=0)))
    assert message == (
        "part 'Piano', voice 'RH', bar 1, beat 1 (time 0): a rest shares its onset with a note; "
        "drop the rest"
    )
    message = error_of(lambda v: (v.rest("1/4"), v.rest("1/4", at=0)))
    assert message.endswith("(time 0): two rests share one onset; drop one of them")


@pytest.mark.parametrize(
    ("note", "message"),
    [
        (sf.Note(F(3, 4), F(0), F(1, 4), C4), "C4 has period 0; give it a period above 0"),
        (sf.Note(F(3, 4), F(-1, 4), F(1, 4), C4), "C4 has period -1/4; give it a period above 0"),
        (sf.Note(F(3, 4), F(1, 4), F(0), C4), "C4 has duration 0; give it one above 0"),
        (sf.Note(F(3, 4), F(1, 4), F(1, 4), C4, velocity=0), "C4 has velocity 0; give an int"),
        (
            sf.Note(F(3, 4), F(1, 4), F(1, 4), C4, velocity=128),
            "velocity 128; give an int in 1..127",
        ),
        (sf.Note(F(3, 4), F(1, 4), F(1, 4), C4, staff=3), "C4 is on staff 3, beyond the part's 2"),
    ],
)
def test_notes_made_without_the_builder_are_checked_too(note: sf.Note, message: str) -> None:
    """A loader or a transform can make Notes directly; validation still catches bad values."""
    error = error_of(lambda v: add(v, note))
    assert error.startswith("part 'Piano', voice 'RH', bar 2, beat 1 (time 3/4): ")
    assert message in error


def test_zero_and_negative_periods_are_refused_by_the_builder_before_validation() -> None:
    voice = sf.Score().part("Piano").voice("RH")
    for period in (0, "-1/4"):
        where = r"^part 'Piano', voice 'RH', bar 1, beat 1 \(time 0\): period"
        with pytest.raises(TimeValueError, match=where):
            voice.note("C4", period)


@pytest.mark.parametrize(
    ("setting", "value", "message"),
    [
        ("channel", 0, "part 'Piano': channel 0 must be an int in 1..16"),
        ("channel", 17, "part 'Piano': channel 17 must be an int in 1..16"),
        ("program", 0, "part 'Piano': program 0 must be an int in 1..128"),
        ("program", 129, "part 'Piano': program 129 must be an int in 1..128"),
        ("bank", -1, "part 'Piano': bank -1 must be an int in 0..16383"),
        ("staves", 9, "part 'Piano': staves 9 must be an int in 1..4"),
        ("bend_range", 0, "part 'Piano': bend range 0 must be an int in 1..24"),
        ("clefs", ["treble", "bass"], r"part 'Piano': give one clef per staff \(1\), not 2"),
        ("clefs", ["soprano"], "part 'Piano': clef 'soprano' is not one of"),
        ("percussion", "yes", "part 'Piano': percussion 'yes' must be True or False"),
        ("instrument", 0, "part 'Piano': instrument 0 must be a Csound instrument number"),
    ],
)
def test_part_settings_changed_after_creation_are_checked_when_set(
    setting: str, value: object, message: str
) -> None:
    score = sf.Score()
    part = score.part("Piano")
    before = part.settings
    with pytest.raises(ScoreValueError, match=f"^{message}"):
        setattr(part, setting, value)
    assert part.settings is before  # nothing changed
    score.validate()


def test_a_changed_setting_is_seen_by_the_next_export() -> None:
    score = sf.Score()
    part = score.part("Piano", channel=3)
    part.voice("RH").note("C4", "1/4")
    first = score.events()
    part.channel = 5
    assert score.events() is not first and score.events() == first  # rebuilt, same events
    assert sf.midi.read(sf.midi.to_bytes(score)).tracks[1].events[-2].message.channel == 5


def test_staves_cannot_drop_below_a_voice_that_writes_on_them() -> None:
    part = sf.Score().part("Piano", staves=2)
    lh = part.voice("LH", staff=2)
    part.voice("RH").note("C4", "1/4", staff=2)
    with pytest.raises(ScoreValueError, match="voice 'LH': it writes on staff 2"):
        part.staves = 1
    lh.staff = 1
    with pytest.raises(ScoreValueError, match="voice 'RH': it writes on staff 2"):
        part.staves = 1
    assert part.staves == 2


def test_voice_settings_changed_after_creation_are_checked() -> None:
    score = sf.Score()
    voice = score.part("Piano", staves=2).voice("RH")
    with pytest.raises(ScoreValueError, match=r"^part 'Piano', voice 'RH': channel 20 must"):
        voice.channel = 20
    with pytest.raises(ScoreValueError, match=r"voice 'RH': staff 3 must be an int in 1..2"):
        voice.staff = 3
    with pytest.raises(ScoreValueError, match=r"voice 'RH': voice number 0 must be an int"):
        voice.number = 0
    assert (voice.channel, voice.staff, voice.number) == (None, 1, 1)


def test_validate_checks_every_setting_again() -> None:
    score = sf.Score()
    part = score.part("Piano")
    object.__setattr__(part.settings, "bend_range", 99)  # past the checked setters
    with pytest.raises(ScoreStructureError, match=r"^part 'Piano': bend range 99 must be"):
        score.validate()


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"channel": 0}, "part 'Piano': channel 0 must be an int in 1..16"),
        ({"program": 200}, "part 'Piano': program 200 must be an int in 1..128"),
    ],
)
def test_ranges_are_checked_when_a_part_is_made(options: dict[str, int], message: str) -> None:
    with pytest.raises(ScoreValueError, match=message):
        sf.Score().part("Piano", **options)  # type: ignore[arg-type]


def test_velocity_is_checked_when_a_note_is_made() -> None:
    voice = sf.Score().part("Piano").voice("RH")
    voice.rest("3/4")
    with pytest.raises(ScoreValueError) as caught:
        voice.note("C4", "1/4", velocity=0)
    assert str(caught.value) == (
        "part 'Piano', voice 'RH', bar 1, beat 4 (time 3/4): velocity 0 must be an int in 1..127"
    )


def test_unknown_meter_and_key_strings_are_refused_when_given() -> None:
    score = sf.Score()
    with pytest.raises(MeterError, match=r"^meter 4/5: the denominator must be a power of two"):
        score.meter("4/5")
    with pytest.raises(MeterError, match=r"key 'H major' is not a key such as 'Eb major'"):
        score.key("H major")


def test_the_first_broken_rule_in_score_order_is_reported() -> None:
    score = sf.Score()
    first = score.part("First").voice("a")
    second = score.part("Second").voice("b")
    second.note("C4", "1/2")
    second.note("C4", "1/4", at="1/4")
    first.note("C4", "1/4", tie=True)
    with pytest.raises(ScoreStructureError, match=r"^part 'First', voice 'a'"):
        score.validate()


def test_validation_errors_are_scoreframe_errors_and_value_errors() -> None:
    score = sf.Score()
    voice = score.part("P").voice("V")
    voice.note("C4", "1/4", tie=True)
    with pytest.raises(ScoreframeError):
        score.validate()
    with pytest.raises(ValueError):
        score.validate()


def test_validating_a_large_voice_is_linear() -> None:
    """10,000 chords in one voice validate in well under a second (no quadratic scans)."""
    score = sf.Score()
    voice = score.part("P").voice("V")
    for i in range(10_000):
        voice.chord([60, 64, 67], F(1, 8 if i % 2 else 12), tie=(i % 7 == 0))
    start = time.perf_counter()
    score.validate()
    assert time.perf_counter() - start < 1.0
