"""The tempo map: whole notes <-> seconds, exact per segment.

Throughout, a tempo T is in beats per minute of a beat unit b (a fraction of a whole note), so
one whole note holds 1/b beats and lasts 60 / (T b) seconds; with a moving tempo T(x) the time
to reach x whole notes is the integral of 60 / (T(x) b) dx. The closed forms below are worked
out in each test's comment from that integral.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from fractions import Fraction

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

import scoreframe as sf
from scoreframe.contour import Contour, Curve, Segment
from scoreframe.errors import ContourError, TimeValueError

F = Fraction
LN2 = math.log(2)


def tempo(*steps: tuple[str, object, object]) -> Contour:
    """A tempo contour from (kind, value, length) steps laid end to end from time 0."""
    contour = Contour("tempo", Curve.EXPONENTIAL)
    at = F(0)
    for kind, value, length in steps:
        if kind == "hold":
            contour.hold(value, at=at)  # type: ignore[arg-type]
        else:
            contour.ramp(value, at=at, over=length, curve=kind)  # type: ignore[arg-type]
        at += F(length)  # type: ignore[arg-type]
    return contour


# -- closed forms --------------------------------------------------------------------------------


def test_a_constant_tempo() -> None:
    # quarter = 60: a whole note is 4 beats of 1 s
    tm = sf.TempoMap(tempo(("hold", 60, 1)))
    assert tm.seconds(1) == 4.0
    assert tm.seconds("3/8") == 1.5
    # quarter = 90: 60 / (90 * 1/4) = 8/3 s per whole note
    assert sf.TempoMap(tempo(("hold", 90, 1))).seconds(3) == pytest.approx(8.0, rel=1e-15)
    assert tm.constant


def test_an_exponential_accelerando_60_to_120_over_4_whole_notes() -> None:
    # T(x) = 60 * 2 ** (x / 4), so dt/dx = 60 / (T(x) / 4) = 4 * 2 ** (-x / 4) seconds;
    # the integral from 0 to 4 is 4 * (4 / ln 2) * (1 - 2 ** -1) = 8 / ln 2 (about 11.542 s).
    tm = sf.TempoMap(Contour("tempo").hold(60).ramp(120, at=0, over=4, curve="exponential"))
    assert tm.seconds(4) == pytest.approx(8 / LN2, rel=1e-14)
    assert tm.seconds(4) == pytest.approx(11.5416, abs=1e-4)
    # the first half: 16 / ln 2 * (1 - 2 ** (-1/2))
    assert tm.seconds(2) == pytest.approx(16 / LN2 * (1 - 2**-0.5), rel=1e-14)
    assert tm.tempo_at(2) == pytest.approx(60 * math.sqrt(2), rel=1e-14)
    assert not tm.constant


def test_a_linear_accelerando_60_to_120_over_4_whole_notes() -> None:
    # T(x) = 60 + 15 x, so dt/dx = 240 / (60 + 15 x) and the integral from 0 to 4 is
    # 240 / 15 * ln((60 + 60) / 60) = 16 ln 2 (about 11.090 s).
    tm = sf.TempoMap(Contour("tempo").hold(60).ramp(120, at=0, over=4, curve="linear"))
    assert tm.seconds(4) == pytest.approx(16 * LN2, rel=1e-14)
    # from 0 to 2: 16 ln(90 / 60)
    assert tm.seconds(2) == pytest.approx(16 * math.log(1.5), rel=1e-14)
    assert tm.tempo_at(2) == pytest.approx(90.0, rel=1e-15)


def test_a_linear_ritardando_120_to_60_over_2_whole_notes() -> None:
    # T(x) = 120 - 30 x: the integral of 240 / (120 - 30 x) from 0 to 2 is 8 ln(120 / 60)
    tm = sf.TempoMap(Contour("tempo").hold(120).ramp(60, at=0, over=2, curve="linear"))
    assert tm.seconds(2) == pytest.approx(8 * LN2, rel=1e-14)


def test_an_exponential_ritardando_120_to_60_over_2_whole_notes() -> None:
    # T(x) = 120 * 2 ** (-x / 2): integral of 2 * 2 ** (x / 2) from 0 to 2 is 4 / ln 2 * (2 - 1)
    tm = sf.TempoMap(Contour("tempo").hold(120).ramp(60, at=0, over=2, curve="exponential"))
    assert tm.seconds(2) == pytest.approx(4 / LN2, rel=1e-14)


def test_a_discrete_ramp_is_a_step_at_its_end() -> None:
    # 60 for 2 whole notes (8 s), then 120 (2 s per whole note)
    tm = sf.TempoMap(Contour("tempo").hold(60).ramp(120, at=0, over=2, curve="discrete"))
    assert tm.seconds(2) == 8.0
    assert tm.seconds(3) == 10.0


def test_a_half_note_beat_halves_the_seconds() -> None:
    # half = 60: a whole note is 2 beats of 1 s
    score = sf.Score(tempo_beat="1/2")
    score.tempo.hold(60)
    assert sf.TempoMap(score).seconds(1) == 2.0
    assert sf.TempoMap(score).whole_notes(2.0) == 1.0
    # the same exponential ramp counted in halves takes half as long: 4 / ln 2
    score.tempo.ramp(120, at=0, over=4)
    assert sf.TempoMap(score).seconds(4) == pytest.approx(4 / LN2, rel=1e-14)
    # and a dotted-quarter beat (6/8 at dotted quarter = 60): a whole note is 8/3 beats
    assert sf.TempoMap(Contour("t").hold(60), beat="3/8").seconds(3) == pytest.approx(8.0)


def test_the_beat_unit_can_be_given_to_the_map_directly() -> None:
    contour = Contour("tempo").hold(60)
    assert sf.TempoMap(contour).beat == F(1, 4)
    assert sf.TempoMap(contour, beat=F(1, 2)).seconds(1) == 2.0
    assert sf.TempoMap(contour, beat="1/8").seconds(1) == 8.0


def test_spans_across_segments_are_summed_piece_by_piece() -> None:
    # the tempo of API.md: 60 until 2, an exponential ramp to 120 until 6, 120 until 8, then 90
    score = sf.Score()
    score.tempo.hold(60)
    score.tempo.ramp(120, at=2, over=4)
    score.tempo.hold(90, at=8)
    tm = sf.TempoMap(score)
    hold_60 = 2 * 4.0  # 2 whole notes at 4 s each
    ramp = 8 / LN2  # the accelerando above
    hold_120 = 2 * 2.0
    per_whole_at_90 = 240 / 90
    assert tm.seconds(2) == pytest.approx(hold_60, rel=1e-15)
    assert tm.seconds(6) == pytest.approx(hold_60 + ramp, rel=1e-14)
    assert tm.seconds(8) == pytest.approx(hold_60 + ramp + hold_120, rel=1e-14)
    expected = hold_60 + ramp + hold_120 + 2 * per_whole_at_90
    assert tm.seconds(10) == pytest.approx(expected, rel=1e-14)
    # one whole note into the ramp: 16 / ln 2 * (1 - 2 ** (-1/4))
    assert tm.seconds(3) == pytest.approx(hold_60 + 16 / LN2 * (1 - 2**-0.25), rel=1e-14)
    assert tm.duration(6, 8) == pytest.approx(hold_120, rel=1e-12)


def test_the_inverse_lands_on_the_segment_ends() -> None:
    score = sf.Score()
    score.tempo.hold(60)
    score.tempo.ramp(120, at=2, over=4)
    tm = sf.TempoMap(score)
    assert tm.whole_notes(8.0) == pytest.approx(2.0, abs=1e-12)
    assert tm.whole_notes(8 + 8 / LN2) == pytest.approx(6.0, abs=1e-12)
    assert tm.whole_notes(0.0) == 0.0


def test_without_a_tempo_the_score_plays_at_quarter_120() -> None:
    assert sf.TempoMap(sf.Score()).seconds(1) == 2.0
    assert sf.TempoMap(sf.Score()).constant


def test_before_the_tempo_contour_starts_the_default_tempo_holds() -> None:
    score = sf.Score()
    score.tempo.hold(60, at=1)
    tm = sf.TempoMap(score)
    assert tm.seconds(1) == 2.0  # quarter = 120 until time 1
    assert tm.seconds(2) == 6.0  # then 4 s per whole note


def test_seconds_float_agrees_with_the_exact_path() -> None:
    score = sf.Score()
    score.tempo.hold(72).ramp(144, at=1, over=3).hold(50, at=6)
    tm = sf.TempoMap(score)
    for t in (F(0), F(1, 3), F(1), F(2), F(4), F(6), F(13, 2)):
        assert tm.seconds_float(float(t)) == pytest.approx(tm.seconds(t), rel=1e-13)


def test_times_before_zero_and_tempi_below_one_are_refused() -> None:
    tm = sf.TempoMap(sf.Score())
    with pytest.raises(ContourError, match="time -1 is before the start of the score"):
        tm.seconds(-1)
    with pytest.raises(ContourError, match=r"-0.5 seconds is before the start of the score"):
        tm.whole_notes(-0.5)
    with pytest.raises(TimeValueError, match="is a float"):
        tm.seconds(0.5)  # type: ignore[arg-type]
    with pytest.raises(ContourError, match="a tempo must be positive"):
        sf.TempoMap(Contour("tempo").hold(0))
    with pytest.raises(ContourError, match="tempo beat unit 0 must be positive"):
        sf.TempoMap(Contour("tempo").hold(60), beat=0)


# -- properties ----------------------------------------------------------------------------------

tempi = st.fractions(min_value=20, max_value=300, max_denominator=4)
lengths = st.fractions(min_value=F(1, 8), max_value=8, max_denominator=8)
steps = st.lists(
    st.tuples(st.sampled_from(["hold", "linear", "exponential", "discrete"]), tempi, lengths),
    min_size=1,
    max_size=6,
)
times = st.fractions(min_value=0, max_value=60, max_denominator=64)


def bpm(seg: Segment, x: float) -> float:
    """The tempo of segment ``seg`` at float time ``x``, written out from its curve."""
    if not seg.moving or seg.end is None:
        return float(seg.origin)
    u = (x - float(seg.start)) / float(seg.end - seg.start)
    t0, t1 = float(seg.origin), float(seg.goal)
    return t0 + (t1 - t0) * u if seg.curve is Curve.LINEAR else t0 * (t1 / t0) ** u


def simpson(f: Callable[[float], float], a: float, b: float, n: int = 512) -> float:
    """Simpson's rule with ``n`` (even) intervals."""
    h = (b - a) / n
    odd = sum(f(a + (2 * i - 1) * h) for i in range(1, n // 2 + 1))
    even = sum(f(a + 2 * i * h) for i in range(1, n // 2))
    return (f(a) + 4 * odd + 2 * even + f(b)) * h / 3


@given(steps, times)
def test_seconds_agree_with_simpson_integration_of_60_over_bpm_times_beat(
    plan: list[tuple[str, Fraction, Fraction]], end: Fraction
) -> None:
    contour = tempo(*plan)
    beat = F(1, 4)
    tm = sf.TempoMap(contour, beat=beat)
    # integrate segment by segment (a tempo may step where one segment meets the next)
    integral = 0.0
    for seg in contour.segments:
        stop = end if seg.end is None else min(seg.end, end)
        if seg.start < stop:
            integral += simpson(
                lambda x, seg=seg: 60 / (bpm(seg, x) * float(beat)),  # type: ignore[misc]
                float(seg.start),
                float(stop),
            )
    assert tm.seconds(end) == pytest.approx(integral, rel=1e-7, abs=1e-9)


@given(steps, times, times)
def test_seconds_rise_strictly_with_time(
    plan: list[tuple[str, Fraction, Fraction]], a: Fraction, b: Fraction
) -> None:
    assume(a != b)
    tm = sf.TempoMap(tempo(*plan))
    early, late = sorted((a, b))
    assert tm.seconds(early) < tm.seconds(late)


@given(steps, times)
def test_whole_notes_inverts_seconds(
    plan: list[tuple[str, Fraction, Fraction]], t: Fraction
) -> None:
    tm = sf.TempoMap(tempo(*plan))
    s = tm.seconds(t)
    assert tm.whole_notes(s) == pytest.approx(float(t), abs=1e-9)
    assert tm.seconds(F(tm.whole_notes(s))) == pytest.approx(s, abs=1e-9)


@given(steps, st.floats(0, 500, allow_nan=False))
def test_seconds_inverts_whole_notes_within_a_nanosecond(
    plan: list[tuple[str, Fraction, Fraction]], s: float
) -> None:
    tm = sf.TempoMap(tempo(*plan))
    assert abs(tm.seconds_float(tm.whole_notes(s)) - s) < 1e-9


@given(steps, times, times, times)
def test_durations_add_over_split_points(
    plan: list[tuple[str, Fraction, Fraction]], a: Fraction, b: Fraction, c: Fraction
) -> None:
    a, b, c = sorted((a, b, c))
    tm = sf.TempoMap(tempo(*plan))
    assert tm.duration(a, c) == pytest.approx(tm.duration(a, b) + tm.duration(b, c), abs=1e-9)


@given(
    tempi,
    tempi,
    lengths,
    st.fractions(min_value=F(1, 64), max_value=F(63, 64), max_denominator=64),
    st.sampled_from(["linear", "exponential"]),
    times,
)
def test_a_ramp_split_in_two_at_any_point_lasts_as_long(
    t0: Fraction, t1: Fraction, length: Fraction, where: Fraction, curve: str, at: Fraction
) -> None:
    """seconds(a..c) = seconds(a..b) + seconds(b..c), with b..c computed as another segment."""
    whole = Contour("tempo").hold(t0).ramp(t1, at=0, over=length, curve=curve)
    split_at = where * length
    middle = whole.value_at(split_at)
    assert middle is not None
    halves = Contour("tempo").hold(t0).ramp(middle, at=0, over=split_at, curve=curve)
    halves.ramp(t1, at=split_at, over=length - split_at, curve=curve)
    assert len(halves.segments) == 3
    one, two = sf.TempoMap(whole), sf.TempoMap(halves)
    assert one.seconds(at) == pytest.approx(two.seconds(at), rel=1e-12)
    assert one.seconds(split_at) + one.duration(split_at, length) == pytest.approx(
        two.seconds(length), rel=1e-12
    )


@given(steps, times)
def test_a_half_note_beat_takes_half_the_time_of_a_quarter_note_beat(
    plan: list[tuple[str, Fraction, Fraction]], t: Fraction
) -> None:
    contour = tempo(*plan)
    quarter, half = sf.TempoMap(contour), sf.TempoMap(contour, beat="1/2")
    assert half.seconds(t) == pytest.approx(quarter.seconds(t) / 2, rel=1e-14)
