"""The velocity rule every exporter shares: the note's own, else the contour's steps."""

from __future__ import annotations

import math
from fractions import Fraction

from hypothesis import given
from hypothesis import strategies as st

import scoreframe as sf
from scoreframe.velocity import velocity_function, velocity_steps

F = Fraction


def exact_value(origin: int, goal: int, start: int, length: int, curve: str, t: Fraction) -> float:
    """The contour's value at ``t`` from its definition (exact for linear ramps)."""
    if t <= start:
        return origin
    if t >= start + length:
        return goal
    fraction = (t - start) / length
    if curve == "linear":
        return float(origin + (goal - origin) * fraction)
    return origin * (goal / origin) ** float(fraction)


@given(
    origin=st.integers(1, 127),
    goal=st.integers(1, 127),
    start=st.integers(0, 4),
    length=st.integers(1, 8),
    curve=st.sampled_from(["linear", "exponential"]),
    times=st.lists(st.fractions(0, 16, max_denominator=96), min_size=1, max_size=30),
)
def test_steps_are_the_contour_rounded_half_up(
    origin: int, goal: int, start: int, length: int, curve: str, times: list[Fraction]
) -> None:
    s = sf.Score()
    v = s.part("P").voice("V")
    v.velocity.hold(origin).ramp(goal, at=start, over=length, curve=curve)
    at = velocity_function(v)
    for t in times:
        value = exact_value(origin, goal, start, length, curve, t)
        if abs(value - math.floor(value) - 0.5) < 1e-6:
            continue  # on a half: either neighbour is within float noise of right
        assert at(t) == min(max(math.floor(value + 0.5), 1), 127)


def test_a_half_rounds_up_rising_and_falling() -> None:
    s = sf.Score()
    up, down = s.part("P").voice("Up"), s.part("Q").voice("Down")
    up.velocity.hold(60).ramp(70, at=0, over=10)  # 60.5 at time 1/2
    down.velocity.hold(70).ramp(60, at=0, over=10)  # 69.5 at time 1/2
    assert [velocity_function(up)(t) for t in (F(0), F(1, 2), F(1))] == [60, 61, 61]
    assert [velocity_function(down)(t) for t in (F(0), F(1, 2), F(1))] == [70, 70, 69]


def test_voice_then_part_then_score_each_from_its_start() -> None:
    s = sf.Score()
    s.velocity.hold(30)
    part = s.part("P")
    part.velocity.hold(50, at=2)
    v = part.voice("V")
    v.velocity.hold(90, at=4).ramp(100, at=6, over=1)
    steps = velocity_steps(v)
    assert [steps.at(t) for t in (0.0, 1.9, 2.0, 3.9, 4.0, 6.0, 7.0, 9.0)] == [
        30,
        30,
        50,
        50,
        90,
        90,
        100,
        100,
    ]
    assert velocity_steps(sf.Score().part("Q").voice("W"), default=64).values == (64,)


def test_values_beyond_the_midi_range_are_clamped() -> None:
    s = sf.Score()
    v = s.part("P").voice("V")
    v.velocity.hold(0).ramp(200, at=0, over=2)
    at = velocity_function(v)
    assert [at(t) for t in (F(0), F(1, 2), F(1), F(2))] == [1, 50, 100, 127]
