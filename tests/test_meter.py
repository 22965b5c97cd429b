"""Meters, the meter map (bars, beats, pickup, changes), keys and the key map."""

from __future__ import annotations

import contextlib
from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import scoreframe as sf
from scoreframe.errors import MeterError, ScoreframeError
from scoreframe.meter import Bar, Key, KeyMap, Meter, MeterMap, Mode, format_beat

F = Fraction


# -- meters ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "numerator", "denominator", "groups", "bar_length", "shown"),
    [
        ("4/4", 4, 4, (1, 1, 1, 1), F(1), "4/4"),
        ("3/4", 3, 4, (1, 1, 1), F(3, 4), "3/4"),
        ("6/8", 6, 8, (3, 3), F(3, 4), "6/8"),  # compound: two dotted quarters
        ("12/16", 12, 16, (3, 3, 3, 3), F(3, 4), "12/16"),
        ("7/8", 7, 8, (2, 2, 3), F(7, 8), "7/8"),  # odd meters default to 2+...+3
        ("3+2+2/8", 7, 8, (3, 2, 2), F(7, 8), "3+2+2/8"),  # explicit beat groups
        ("5/4", 5, 4, (1, 1, 1, 1, 1), F(5, 4), "5/4"),
        ("C", 4, 4, (1, 1, 1, 1), F(1), "4/4"),  # common time
        ("C|", 2, 2, (1, 1), F(1), "2/2"),  # cut time
        (" 2 / 2 ", 2, 2, (1, 1), F(1), "2/2"),
    ],
)
def test_meters_parse_with_beat_groups(
    text: str,
    numerator: int,
    denominator: int,
    groups: tuple[int, ...],
    bar_length: Fraction,
    shown: str,
) -> None:
    meter = Meter.parse(text)
    assert (meter.numerator, meter.denominator, meter.groups) == (numerator, denominator, groups)
    assert meter.bar_length == bar_length
    assert str(meter) == shown
    assert sum(meter.beats) == bar_length


def test_compound_meters_have_dotted_beats() -> None:
    six_eight = Meter.parse("6/8")
    assert six_eight.compound
    assert six_eight.beats == (F(3, 8), F(3, 8))
    assert not Meter.parse("3/4").compound
    assert not Meter.parse("3/8").compound  # one beat of three is simple triple in eighths


def test_the_symbol_is_kept_for_notation() -> None:
    assert Meter.parse("C").symbol == "C"
    assert Meter.parse("4/4").symbol == ""


@pytest.mark.parametrize("text", ["4", "4/3", "0/4", "4/0", "four/4", "4/4/4", "", "3.5/4"])
def test_unknown_meter_strings_are_refused(text: str) -> None:
    with pytest.raises(MeterError, match="meter"):
        Meter.parse(text)


def test_the_message_for_an_unknown_meter_shows_good_ones() -> None:
    with pytest.raises(MeterError, match=r"'waltz' is not a time signature such as '4/4'"):
        Meter.parse("waltz")
    with pytest.raises(MeterError, match="the denominator must be a power of two"):
        Meter.parse("4/6")
    with pytest.raises(MeterError, match=r"groups \(3, 3\) must add up to the numerator"):
        Meter(7, 8, (3, 3))


def test_meter_errors_are_scoreframe_errors_and_value_errors() -> None:
    with pytest.raises(ScoreframeError):
        sf.Score().meter("4/3")
    with pytest.raises(ValueError):
        sf.Score().meter("4/3")


# -- the meter map: bars and beats ------------------------------------------------------------


def test_without_a_meter_the_score_is_in_four_four() -> None:
    score = sf.Score()
    assert score.meters.changes == [(0, Meter(4, 4))]
    assert score.meters.locate(F(5, 4)) == (2, 2)


def test_locate_gives_the_bar_and_the_beat_in_units_of_the_denominator() -> None:
    meters = MeterMap()
    meters.set(Meter.parse("4/4"))
    meters.set(Meter.parse("3/4"), F(2))
    meters.set(Meter.parse("6/8"), F(7, 2))  # after two bars of 3/4
    assert meters.locate(F(0)) == (1, 1)
    assert meters.locate(F(1, 4)) == (1, 2)
    assert meters.locate(F(7, 8)) == (1, F(9, 2))  # beat 4 1/2
    assert meters.locate(F(1)) == (2, 1)
    assert meters.locate(F(2)) == (3, 1)  # the first 3/4 bar
    assert meters.locate(F(11, 4)) == (4, 1)
    assert meters.locate(F(13, 4)) == (4, 3)
    assert meters.locate(F(7, 2)) == (5, 1)  # the first 6/8 bar
    assert meters.locate(F(7, 2) + F(5, 8)) == (5, 6)  # the sixth eighth
    assert meters.locate(F(7, 2) + F(3, 4)) == (6, 1)


def test_a_pickup_is_bar_zero_and_ends_on_the_last_beats_of_a_full_bar() -> None:
    score = sf.Score()
    score.meter("3/4")
    score.pickup("1/4")
    assert score.meters.locate(F(0)) == (0, 3)  # the pickup is beat 3 of a 3/4 bar
    assert score.meters.locate(F(1, 8)) == (0, F(7, 2))
    assert score.meters.locate(F(1, 4)) == (1, 1)
    assert score.meters.locate(F(1)) == (2, 1)
    bars = list(score.meters.bars(F(7, 4)))
    assert [(b.number, b.start, b.length) for b in bars] == [
        (0, 0, F(1, 4)),
        (1, F(1, 4), F(3, 4)),
        (2, F(1), F(3, 4)),
    ]


def test_changes_after_a_pickup_count_from_its_bar_lines() -> None:
    score = sf.Score()
    score.meter("4/4")
    score.pickup("1/4")
    score.meter("3/4", at="9/4")  # the bar lines are at 1/4, 5/4, 9/4...
    assert score.meters.locate(F(9, 4)) == (3, 1)
    assert score.meters.locate(F(3)) == (4, 1)
    assert [str(b.meter) for b in score.meters.bars(F(4))] == ["4/4"] * 3 + ["3/4"] * 3


def test_bars_lists_every_bar_with_its_meter() -> None:
    score = sf.Score()
    score.meter("4/4")
    score.meter("3/4", at=2)
    bars = list(score.meters.bars(F(3)))
    assert bars == [
        Bar(1, F(0), F(1), Meter(4, 4)),
        Bar(2, F(1), F(1), Meter(4, 4)),
        Bar(3, F(2), F(3, 4), Meter(3, 4)),
        Bar(4, F(11, 4), F(3, 4), Meter(3, 4)),
    ]
    assert bars[2].end == F(11, 4)
    assert len(list(sf.Score().meters.bars(F(0)))) == 1  # at least one bar


def test_meter_at_finds_the_meter_in_force() -> None:
    score = sf.Score()
    score.meter("3/4", at=1)
    assert score.meters.meter_at(F(1, 2)) == Meter(4, 4)
    assert score.meters.meter_at(F(1)) == Meter(3, 4)
    assert score.meters.meter_at(F(100)) == Meter(3, 4)


def test_setting_a_meter_twice_at_one_time_replaces_it() -> None:
    score = sf.Score()
    score.meter("3/4")
    score.meter("6/8")
    score.meter("2/4", at="3/4")
    score.meter("3/8", at="3/4")
    assert [(t, str(m)) for t, m in score.meters.changes] == [(0, "6/8"), (F(3, 4), "3/8")]


# -- the meter map: what is refused ------------------------------------------------------------


def test_a_change_off_a_bar_line_is_refused_with_the_bar_the_beat_and_the_fix() -> None:
    score = sf.Score()
    score.meter("4/4")
    with pytest.raises(MeterError) as caught:
        score.meter("3/4", at="3/2")
    assert str(caught.value) == (
        "meter 3/4 at time 3/2 falls inside bar 2 (beat 3); meter changes must fall on bar "
        "lines: move it to time 1 or 2"
    )


def test_a_pickup_that_moves_the_bar_lines_off_a_change_is_refused_and_says_why() -> None:
    score = sf.Score()
    score.meter("4/4")
    score.meter("3/4", at=2)
    with pytest.raises(MeterError) as caught:
        score.pickup("1/4")
    assert str(caught.value) == (
        "meter 3/4 at time 2 falls inside bar 2 (beat 4) once a pickup of 1/4 is in force; "
        "meter changes must fall on bar lines: move it to time 5/4 or 9/4"
    )


def test_a_change_inside_the_pickup_is_refused() -> None:
    score = sf.Score()
    score.pickup("1/2")
    with pytest.raises(MeterError, match=r"falls inside bar 0 \(beat 4\)"):
        score.meter("3/4", at="1/4")


def test_a_refused_change_leaves_the_map_as_it_was() -> None:
    score = sf.Score()
    score.meter("4/4")
    score.meter("3/4", at=2)
    with pytest.raises(MeterError):
        score.pickup("1/4")
    with pytest.raises(MeterError):
        score.meter("5/8", at="1/8")
    assert score.meters.pickup == 0
    assert [(t, str(m)) for t, m in score.meters.changes] == [(0, "4/4"), (2, "3/4")]
    assert score.meters.locate(F(2)) == (3, 1)


def test_a_new_first_meter_must_keep_later_changes_on_bar_lines() -> None:
    score = sf.Score()
    score.meter("4/4", at=2)  # on a bar line of the default 4/4
    with pytest.raises(
        MeterError, match=r"meter 4/4 at time 2 falls inside bar 3 .* once meter 3/4"
    ):
        score.meter("3/4")  # bars of 3/4 from 0 cross time 2
    assert score.meters.meter_at(F(0)) == Meter(4, 4)


@pytest.mark.parametrize("length", ["1", "5/4", "-1/4"])
def test_a_pickup_must_be_shorter_than_the_first_bar(length: str) -> None:
    score = sf.Score()
    with pytest.raises(MeterError, match=r"pickup .* shorter than the first bar \(4/4"):
        score.pickup(length)


def test_a_first_meter_shorter_than_the_pickup_is_refused() -> None:
    score = sf.Score()
    score.pickup("3/4")
    with pytest.raises(MeterError, match=r"pickup 3/4 must be .* shorter than the first bar \(2/4"):
        score.meter("2/4")
    assert score.meters.meter_at(F(0)) == Meter(4, 4)


def test_a_meter_before_time_zero_is_refused() -> None:
    with pytest.raises(MeterError, match="times start at 0"):
        sf.Score().meter("3/4", at=-1)


def test_format_beat() -> None:
    assert format_beat(F(5, 2)) == "2 1/2"
    assert format_beat(F(3)) == "3"
    assert format_beat(F(13, 3)) == "4 1/3"


# -- keys --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "fifths", "mode", "shown"),
    [
        ("C major", 0, Mode.MAJOR, "C major"),
        ("Eb major", -3, Mode.MAJOR, "Eb major"),
        ("c# minor", 4, Mode.MINOR, "C# minor"),
        ("a minor", 0, Mode.MINOR, "A minor"),
        ("F", -1, Mode.MAJOR, "F major"),  # major by default
        ("Bb", -2, Mode.MAJOR, "Bb major"),
        ("Cb major", -7, Mode.MAJOR, "Cb major"),
        ("C# major", 7, Mode.MAJOR, "C# major"),
        ("ab minor", -7, Mode.MINOR, "Ab minor"),
        ("D dorian", 0, Mode.DORIAN, "D dorian"),
        ("E Phrygian", 0, Mode.PHRYGIAN, "E phrygian"),
        ("F lydian", 0, Mode.LYDIAN, "F lydian"),
        ("G mixolydian", 0, Mode.MIXOLYDIAN, "G mixolydian"),
        ("B locrian", 0, Mode.LOCRIAN, "B locrian"),
        ("fs minor", 3, Mode.MINOR, "F# minor"),
        ("Eb-major", -3, Mode.MAJOR, "Eb major"),
    ],
)
def test_keys_parse_to_a_signature_and_a_mode(
    text: str, fifths: int, mode: Mode, shown: str
) -> None:
    key = Key.parse(text)
    assert (key.fifths, key.mode) == (fifths, mode)
    assert str(key) == shown
    assert Key.parse(str(key)) == key


@pytest.mark.parametrize("text", ["X major", "C blues", "", "Eb maj", "minor", "C##"])
def test_unknown_key_strings_are_refused_with_examples_and_the_modes(text: str) -> None:
    with pytest.raises(MeterError) as caught:
        Key.parse(text)
    assert "is not a key such as 'Eb major' or 'c# minor'" in str(caught.value)
    assert "dorian" in str(caught.value)


def test_a_key_with_more_than_seven_accidentals_asks_for_its_enharmonic_twin() -> None:
    with pytest.raises(MeterError, match="'G# major' needs 8 fifths; write its enharmonic twin"):
        sf.Score().key("G# major")
    with pytest.raises(MeterError, match="at most 7"):
        Key(8)


def test_minor_is_a_property() -> None:
    assert Key.parse("a minor").minor
    assert Key.parse("a aeolian").minor
    assert not Key.parse("A major").minor


def test_the_key_map_finds_the_key_in_force() -> None:
    keys = KeyMap()
    assert keys.key_at(F(0)) is None  # no key: numbers are spelled as in C major
    keys.set(Key.parse("G major"))
    keys.set(Key.parse("Eb major"), F(4))
    keys.set(Key.parse("D major"), F(2))
    assert keys.key_at(F(1)) == Key(1)
    assert keys.key_at(F(2)) == Key(2)
    assert keys.key_at(F(9)) == Key(-3)
    assert [t for t, _ in keys.changes] == [0, 2, 4]


def test_a_key_before_time_zero_is_refused() -> None:
    with pytest.raises(MeterError, match="times start at 0"):
        sf.Score().key("G major", at="-1/4")


# -- the map is built in linear time (issue 17: 6000 changes once took 101 s) ---------------


def test_a_change_checks_only_the_bar_lines_it_moves(monkeypatch: pytest.MonkeyPatch) -> None:
    plain = Meter.bar_length
    reads = [0]

    def counted(meter: Meter) -> Fraction:
        reads[0] += 1
        return plain.fget(meter)  # type: ignore[attr-defined]

    monkeypatch.setattr(Meter, "bar_length", property(counted))
    meters, at = MeterMap(), Fraction(0)
    for k in range(600):
        meter = Meter(3, 4) if k % 2 else Meter(5, 8)
        meters.set(meter, at)
        at += plain.fget(meter)  # type: ignore[attr-defined]
    assert reads[0] < 10 * 600  # a full check per change would read 180,000


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.tuples(st.integers(0, 40), st.sampled_from(["2/4", "3/4", "4/4", "6/8", "1/8"])),
        max_size=25,
    ),
    st.sampled_from([Fraction(0), Fraction(1, 8)]),
)
def test_changes_in_any_order_number_the_bars_as_a_full_check(
    changes: list[tuple[int, str]], pickup: Fraction
) -> None:
    meters = MeterMap()
    if pickup:
        meters.set_pickup(pickup)
    for eighths, text in changes:
        with contextlib.suppress(MeterError):
            meters.set(Meter.parse(text), Fraction(eighths, 8))
    full = MeterMap()
    full._commit(list(meters._times), list(meters._meters), meters.pickup, {}, "check")
    assert meters._runs == full._runs and meters._entries == full._entries
    for eighths in range(0, 48):
        time = Fraction(eighths, 8)
        assert meters.locate(time) == full.locate(time)


def test_an_irregular_bar_keeps_its_meter_and_moves_the_bar_lines_after_it() -> None:
    s = sf.Score()
    s.meter("3/4")
    s.irregular_bar(2, "1/4")
    s.meter("2/4", at=Fraction(7, 4))  # bar 4 starts at 3/4 + 1/4 + 3/4
    bars = [(b.number, b.start, b.length, b.irregular) for b in s.meters.bars(Fraction(9, 4))]
    assert bars == [
        (1, Fraction(0), Fraction(3, 4), False),
        (2, Fraction(3, 4), Fraction(1, 4), True),
        (3, Fraction(1), Fraction(3, 4), False),
        (4, Fraction(7, 4), Fraction(1, 2), False),
    ]
    assert s.meters.meter_at(Fraction(3, 4)) == sf.Meter(3, 4)
    assert s.meters.locate(Fraction(5, 4)) == (3, Fraction(2))
    assert s.where(Fraction(3, 4)).startswith("bar 2")


def test_an_irregular_bar_must_be_shorter_than_its_meter_and_a_bad_one_changes_nothing() -> None:
    s = sf.Score()
    s.meter("3/4")
    with pytest.raises(sf.ScoreframeError, match="shorter than its meter"):
        s.irregular_bar(2, "3/4")
    s.meter("2/4", at=Fraction(3, 2))
    with pytest.raises(sf.ScoreframeError, match="falls inside bar"):
        s.irregular_bar(1, "1/4")  # the 2/4 would fall inside bar 2
    assert s.meters.irregular == {}


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.one_of(
            st.tuples(st.just("meter"), st.integers(0, 40), st.sampled_from(["2/4", "3/4", "6/8"])),
            st.tuples(st.just("short"), st.integers(1, 12), st.sampled_from(["1/8", "1/4"])),
        ),
        max_size=20,
    )
)
def test_irregular_bars_and_changes_in_any_order_lay_out_as_a_full_check(
    steps: list[tuple[str, int, str]],
) -> None:
    meters = MeterMap()
    for kind, where, text in steps:
        with contextlib.suppress(MeterError):
            if kind == "meter":
                meters.set(Meter.parse(text), Fraction(where, 8))
            else:
                meters.set_irregular(where, Fraction(text))
    full = MeterMap()
    full._commit(list(meters._times), list(meters._meters), meters.pickup, meters.irregular, "x")
    assert meters._runs == full._runs and meters._run_starts == full._run_starts
    for eighths in range(0, 64):
        time = Fraction(eighths, 8)
        assert meters.locate(time) == full.locate(time)
