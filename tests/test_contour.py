"""Contours: hold and ramp, discrete/linear/exponential curves, exact values, inheritance."""

from __future__ import annotations

import itertools
import math
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

import scoreframe as sf
from scoreframe.contour import (
    Contour,
    Curve,
    Segment,
    as_curve,
    control_name,
    default_value,
)
from scoreframe.errors import ContourError, ScoreframeError, TimeValueError

F = Fraction


def test_hold_then_linear_ramp_gives_exact_values() -> None:
    c = Contour("velocity").hold(64).ramp(100, at=1, over=2, curve="linear")
    assert [str(s) for s in c.segments] == [
        "hold 64 from 0",
        "linear 64 -> 100 from 1 to 3",
        "hold 100 from 3",
    ]
    # 64 + 36 * (t - 1) / 2, exactly
    assert c.value_at(0) == 64
    assert c.value_at(1) == 64
    assert c.value_at(F(4, 3)) == 64 + 36 * F(1, 3) / 2 == 70
    assert c.value_at("2") == 82
    assert c.value_at(F(7, 3)) == F(88)
    assert c.value_at(3) == 100
    assert c.value_at(1000) == 100
    assert all(type(c.value_at(t)) is Fraction for t in (0, F(5, 3), 3))


def test_an_exponential_ramp_moves_by_equal_ratios() -> None:
    c = Contour("tempo", Curve.EXPONENTIAL).hold(60).ramp(120, at=0, over=4)
    # half way, the tempo is the geometric mean: 60 * 2 ** (1/2)
    assert c.value_at(2) == pytest.approx(60 * math.sqrt(2), rel=1e-15)
    assert c.value_at(1) == pytest.approx(60 * 2 ** (1 / 4), rel=1e-15)
    # equal ratios over equal spans
    values = [float(c.value_at(t)) for t in range(5)]  # type: ignore[arg-type]
    ratios = [b / a for a, b in itertools.pairwise(values)]
    assert ratios == pytest.approx([2 ** (1 / 4)] * 4, rel=1e-14)
    assert c.value_at(4) == 120


def test_a_discrete_ramp_holds_its_origin_and_steps_to_its_goal_at_its_end() -> None:
    c = Contour("x").hold(10).ramp(20, at=2, over=2, curve="discrete")
    assert [c.value_at(t) for t in (0, 2, 3, F(399, 100), 4, 5)] == [10, 10, 10, 10, 20, 20]


def test_hold_and_ramp_return_the_contour_so_calls_chain() -> None:
    c = Contour("x")
    assert c.hold(1) is c
    assert c.ramp(2, at=1, over=1) is c


def test_ramps_chain_from_the_end_of_the_last_one() -> None:
    c = Contour("x").hold(1, at=0)
    c.ramp(3, at=0, over=1).ramp(5, over=1)  # the second starts where the first ends
    assert [str(s) for s in c.segments] == [
        "linear 1 -> 3 from 0 to 1",
        "linear 3 -> 5 from 1 to 2",
        "hold 5 from 2",
    ]


def test_a_ramp_starts_from_the_value_in_force_and_a_later_hold_ends_its_hold() -> None:
    c = Contour("x").hold(10).hold(5, at=6).ramp(20, at=2, over=2)
    assert [str(s) for s in c.segments] == [
        "hold 10 from 0",
        "linear 10 -> 20 from 2 to 4",
        "hold 20 from 4",
        "hold 5 from 6",
    ]
    assert [s.end for s in c.segments] == [2, 4, 6, None]  # contiguous, the last open


def test_a_hold_at_the_same_time_replaces_the_segment_there() -> None:
    c = Contour("x").hold(1).hold(2, at=0)
    assert [str(s) for s in c.segments] == ["hold 2 from 0"]


def test_before_the_first_segment_a_contour_has_no_value() -> None:
    c = Contour("x").hold(3, at=2)
    assert c.value_at(1) is None
    assert c.start == 2
    assert Contour("y").start is None
    assert Contour("y").value_at(0) is None
    assert c.segment_at(F(1)) is None


def test_float_values_stay_floats_and_exact_values_stay_exact() -> None:
    c = Contour("pan").hold(0.25).ramp(F(3, 4), at=0, over=1)
    assert c.value_at(0) == 0.25
    assert c.value_at(F(1, 2)) == pytest.approx(0.5)
    assert Contour("x").hold("3/2").value_at(0) == F(3, 2)


# -- what is refused ---------------------------------------------------------------------------


def test_a_segment_inside_a_ramp_is_refused_with_the_fix() -> None:
    c = Contour("x").hold(10).ramp(20, at=2, over=2)
    with pytest.raises(ContourError) as caught:
        c.hold(1, at=3)
    assert str(caught.value) == (
        "score contour 'x': a segment at 3 falls inside the ramp 2..4; start it at 4 or later"
    )


def test_a_ramp_over_a_later_segment_is_refused_with_the_fix() -> None:
    c = Contour("x").hold(10).hold(5, at=6)
    with pytest.raises(ContourError) as caught:
        c.ramp(1, at=5, over=2)
    assert str(caught.value) == (
        "score contour 'x': the ramp 5..7 overlaps the segment at 6; end the ramp by 6 or "
        "move that segment"
    )


def test_an_exponential_ramp_needs_an_origin_and_a_goal_of_one_sign() -> None:
    rule = "needs an origin and a goal of one sign, neither zero; use curve='linear'"
    with pytest.raises(ContourError, match=f"exponential 0 -> 5 from 0 to 1: {rule}"):
        Contour("t", Curve.EXPONENTIAL).hold(0).ramp(5, over=1)
    with pytest.raises(ContourError, match="5 -> -1"):
        Contour("t").hold(5).ramp(-1, over=1, curve="exponential")
    falling = Contour("x").hold(-8).ramp(-2, at=0, over=2, curve="exponential")
    assert falling.value_at(1) == pytest.approx(-4)  # equal ratios below zero too


@pytest.mark.parametrize(
    ("value", "message"),
    [
        (True, "value True is a bool; give a number"),
        (float("nan"), "value nan must be finite"),
        (float("inf"), "value inf must be finite"),
        ("abc", "value 'abc' is not a number"),
        (None, "value None must be a number"),
    ],
)
def test_values_must_be_numbers(value: object, message: str) -> None:
    with pytest.raises(ContourError, match=f"^score contour 'x': {message}"):
        Contour("x").hold(value)  # type: ignore[arg-type]


def test_ramp_times_are_exact_and_lengths_positive() -> None:
    c = Contour("x").hold(1)
    with pytest.raises(TimeValueError, match="ramp length 0 must be greater than zero"):
        c.ramp(2, at=1, over=0)
    with pytest.raises(TimeValueError, match=r"ramp time 0.5 is a float"):
        c.ramp(2, at=0.5)  # type: ignore[arg-type]


def test_unknown_curves_are_refused_with_the_names() -> None:
    assert as_curve("Linear") is Curve.LINEAR
    assert as_curve(Curve.DISCRETE) is Curve.DISCRETE
    with pytest.raises(ContourError, match=r"^score contour 'x': curve 'cubic' is not one of"):
        Contour("x").hold(1).ramp(2, over=1, curve="cubic")


def test_contour_errors_are_scoreframe_errors_and_value_errors() -> None:
    with pytest.raises(ScoreframeError):
        Contour("x").hold(True)
    with pytest.raises(ValueError):
        Contour("x").hold(True)


# -- a ramp with nothing before it -------------------------------------------------------------


def test_a_ramp_on_an_empty_named_contour_starts_from_the_default_of_its_name() -> None:
    bend = Contour("pitch_bend").ramp(F(1, 2), at=1, over="1/2")
    assert [str(s) for s in bend.segments] == ["linear 0 -> 1/2 from 1 to 3/2", "hold 1/2 from 3/2"]
    assert Contour("control:11").ramp(0, at=0, over=4).value_at(2) == F(127, 2)  # expression
    assert Contour("velocity").ramp(100, at=0, over=1).value_at(0) == 80


def test_a_ramp_on_an_empty_user_contour_asks_for_a_hold_first() -> None:
    with pytest.raises(ContourError) as caught:
        Contour("cutoff").ramp(3, at=0)
    assert str(caught.value) == (
        "score contour 'cutoff': the ramp at 0 has no value to start from; "
        "hold a value first (.hold(value, at=...))"
    )


def test_defaults_by_name() -> None:
    assert default_value("tempo") == 120
    assert default_value("velocity") == 80
    assert default_value("pitch_bend") == 0
    assert default_value("control:7") == 100  # volume
    assert default_value("control:10") == 64  # pan, centred
    assert default_value("control:64") == 0  # sustain off
    assert default_value("cutoff") is None


def test_controller_contours_are_named_by_number() -> None:
    assert control_name(11) == "control:11"
    for bad in (-1, 128, True, "11"):
        with pytest.raises(ContourError, match=r"must be an int in 0..127"):
            control_name(bad)  # type: ignore[arg-type]


# -- inheritance: voice, then part, then score -------------------------------------------------


def test_voices_inherit_contours_from_their_part_then_the_score() -> None:
    score = sf.Score()
    piano = score.part("Piano")
    rh, lh = piano.voice("RH"), piano.voice("LH")
    score.velocity.hold(50)
    piano.velocity.hold(70, at=2)
    rh.velocity.hold(90, at=4)
    # before the part's contour starts, the score's is in force; the voice's takes over at 4
    assert [rh.value_at("velocity", F(t)) for t in (0, 2, 4, 9)] == [50, 70, 90, 90]
    assert [lh.value_at("velocity", F(t)) for t in (0, 2, 4, 9)] == [50, 70, 70, 70]


def test_inherited_ramps_are_read_at_the_time_asked() -> None:
    score = sf.Score()
    part = score.part("P")
    voice = part.voice("V")
    part.control(1).hold(0).ramp(100, at=0, over=4)
    assert voice.value_at("control:1", F(1)) == 25
    assert voice.value_at("control:1", F(3)) == 75


def test_a_contour_nowhere_defined_has_no_value() -> None:
    voice = sf.Score().part("P").voice("V")
    assert voice.value_at("velocity", F(0)) is None
    assert voice.value_at("cutoff", F(0)) is None


def test_tempo_belongs_to_the_score_only() -> None:
    score = sf.Score()
    part = score.part("P")
    with pytest.raises(sf.ScoreValueError, match=r"part 'P': tempo is a score contour"):
        part.contour("tempo")
    assert score.tempo.default_curve is Curve.EXPONENTIAL  # tempo ramps by equal ratios
    assert part.velocity.default_curve is Curve.LINEAR


def test_errors_of_owned_contours_name_the_owner() -> None:
    voice = sf.Score().part("Violin").voice("Vln")
    with pytest.raises(ContourError, match=r"^part 'Violin', voice 'Vln' contour 'cutoff':"):
        voice.contour("cutoff").ramp(1, at=0)


# -- segments ----------------------------------------------------------------------------------


def test_a_segment_clamps_outside_its_span() -> None:
    seg = Segment(F(2), F(4), F(10), F(20), Curve.LINEAR)
    assert seg.moving
    assert (seg.value_at(F(0)), seg.value_at(F(3)), seg.value_at(F(9))) == (10, 15, 20)
    assert not Segment(F(0), None, F(1), F(1), Curve.DISCRETE).moving
    assert not Segment(F(0), F(1), F(1), F(1), Curve.LINEAR).moving


ramp_values = st.fractions(min_value=1, max_value=200, max_denominator=8)
ramp_lengths = st.fractions(min_value=F(1, 16), max_value=16, max_denominator=16)


@given(ramp_values, ramp_values, ramp_lengths, st.fractions(0, 1, max_denominator=64))
def test_linear_ramps_are_exact_interpolation(
    origin: Fraction, goal: Fraction, length: Fraction, where: Fraction
) -> None:
    c = Contour("x").hold(origin).ramp(goal, at=1, over=length, curve="linear")
    assert c.value_at(1 + where * length) == origin + (goal - origin) * where


@given(ramp_values, ramp_values, ramp_lengths, st.fractions(0, 1, max_denominator=64))
def test_exponential_ramps_stay_between_their_ends_and_match_the_formula(
    origin: Fraction, goal: Fraction, length: Fraction, where: Fraction
) -> None:
    c = Contour("x").hold(origin).ramp(goal, at=0, over=length, curve="exponential")
    value = float(c.value_at(where * length))  # type: ignore[arg-type]
    expected = float(origin) * (float(goal) / float(origin)) ** float(where)
    assert value == pytest.approx(expected, rel=1e-12)
    low, high = sorted((float(origin), float(goal)))
    assert low * (1 - 1e-12) <= value <= high * (1 + 1e-12)


def test_a_refused_segment_leaves_the_contour_as_it_was() -> None:
    c = Contour("x").hold(10).hold(5, at=1).hold(7, at=2)
    before = (c.stored_segments, c.segments, c.start)
    with pytest.raises(ContourError, match="overlaps the segment at 2"):
        c.ramp(1, at=1, over=2)  # would replace the hold at 1, then overlap the one at 2
    assert (c.stored_segments, c.segments, c.start) == before
