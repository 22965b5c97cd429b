"""Exact time: times and lengths are Fractions of a whole note, never floats."""

from __future__ import annotations

from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

import scoreframe as sf
from scoreframe.errors import ScoreframeError, TimeValueError
from scoreframe.time import as_length, as_time, common_grid, format_time


@pytest.mark.parametrize(
    ("given_value", "whole_notes"),
    [
        (0, Fraction(0)),
        (2, Fraction(2)),
        (Fraction(3, 8), Fraction(3, 8)),
        ("3/8", Fraction(3, 8)),
        (" 3/8 ", Fraction(3, 8)),
        ("6/16", Fraction(3, 8)),  # reduced
        ("2", Fraction(2)),
        ("-1/4", Fraction(-1, 4)),  # a time may be negative; an onset may not (see test_score)
    ],
)
def test_times_come_from_int_fraction_or_string(given_value: object, whole_notes: Fraction) -> None:
    result = as_time(given_value)  # type: ignore[arg-type]
    assert result == whole_notes
    assert type(result) is Fraction


def test_a_float_is_refused_with_a_hint_to_write_a_fraction_or_a_string() -> None:
    with pytest.raises(TimeValueError) as caught:
        as_time(0.375)
    message = str(caught.value)
    assert "is a float" in message
    assert "Fraction(3, 8)" in message
    assert '"3/8"' in message


def test_a_float_that_is_not_binary_exact_still_gets_the_fraction_a_person_meant() -> None:
    with pytest.raises(TimeValueError, match=r'Fraction\(1, 10\) or "1/10"'):
        as_time(0.1)


@pytest.mark.parametrize("text", ["1.5", "1e3", "three", "1/0", "", "1//4"])
def test_strings_that_are_not_exact_fractions_are_refused(text: str) -> None:
    with pytest.raises(TimeValueError, match="is not a whole-note fraction"):
        as_time(text)


@pytest.mark.parametrize("value", [True, None, [1, 4], 1j])
def test_other_types_are_refused_and_the_message_names_the_type(value: object) -> None:
    with pytest.raises(TimeValueError, match="give an int, a Fraction or a string"):
        as_time(value)  # type: ignore[arg-type]


def test_time_errors_are_scoreframe_errors_and_value_errors() -> None:
    with pytest.raises(ScoreframeError):
        as_time(0.5)
    with pytest.raises(ValueError):
        as_time(0.5)


def test_a_length_must_be_greater_than_zero_and_the_message_says_what_to_give() -> None:
    assert as_length("1/4") == Fraction(1, 4)
    for bad in (0, "-1/4", Fraction(0)):
        with pytest.raises(TimeValueError, match=r"must be greater than zero; give a length such"):
            as_length(bad, "period")


def test_the_message_names_what_was_being_read() -> None:
    with pytest.raises(TimeValueError, match=r"^ramp length 0\.5 is a float"):
        as_length(0.5, "ramp length")


def test_common_grid_is_the_lcm_of_denominators() -> None:
    assert common_grid([Fraction(1, 4), Fraction(1, 6), 3]) == 12
    assert common_grid([Fraction(1, 3), Fraction(2, 5)]) == 15
    assert common_grid([]) == 1


def test_format_time_is_the_reduced_fraction_text() -> None:
    assert format_time(Fraction(6, 4)) == "3/2"
    assert format_time(Fraction(2)) == "2"


@given(st.fractions(min_value=-(10**6), max_value=10**6, max_denominator=10_000))
def test_the_text_form_reads_back_exactly(value: Fraction) -> None:
    assert as_time(format_time(value)) == value


def test_the_builder_takes_all_three_forms_and_they_mean_the_same() -> None:
    score = sf.Score()
    voice = score.part("P").voice("V")
    a = voice.note("C4", "1/8")
    b = voice.note("D4", Fraction(1, 8))
    c = voice.note("E4", 1, duration="1/2")
    assert (a.onset, a.period) == (0, Fraction(1, 8))
    assert (b.onset, b.period) == (Fraction(1, 8), Fraction(1, 8))
    assert (c.onset, c.period, c.duration) == (Fraction(1, 4), 1, Fraction(1, 2))
    assert all(type(x) is Fraction for n in (a, b, c) for x in (n.onset, n.period, n.duration))


def test_the_builder_refuses_a_float_period_and_names_part_voice_and_time() -> None:
    voice = sf.Score().part("Flute").voice("Fl")
    voice.note("C4", "1/4")
    with pytest.raises(TimeValueError) as caught:
        voice.note("D4", 0.25)
    message = str(caught.value)
    assert "part 'Flute', voice 'Fl'" in message
    assert "time 1/4" in message
    assert 'Fraction(1, 4) or "1/4"' in message


def test_the_builder_refuses_float_onsets_and_durations() -> None:
    voice = sf.Score().part("P").voice("V")
    with pytest.raises(TimeValueError, match=r"onset 0.5 is a float"):
        voice.note("C4", "1/4", at=0.5)
    with pytest.raises(TimeValueError, match=r"duration 0.125 is a float"):
        voice.note("C4", "1/4", duration=0.125)


def test_the_hot_loops_read_fractions_from_the_slots_that_hold_them() -> None:
    # See the note at the end of scoreframe/time.py.
    for value in (Fraction(3, 8), Fraction(-7, 12), Fraction(5), sf.Fraction("6/8")):
        assert value._numerator == value.numerator  # type: ignore[attr-defined]
        assert value._denominator == value.denominator  # type: ignore[attr-defined]
