"""Periodic contours (``contour.lfo``): four shapes, one row each in the curve table, followed
by every output as any contour is: MIDI at whole-value crossings, Csound at onsets, the native
format exactly."""

from __future__ import annotations

import io
import itertools
import math
from fractions import Fraction
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

import scoreframe as sf
from scoreframe.contour import Contour, Curve
from scoreframe.curves import CURVES
from scoreframe.document import loads, to_bytes
from scoreframe.errors import ContourError
from scoreframe.velocity import velocity_steps
from tests.support import require_module

F = Fraction


@pytest.mark.parametrize(
    ("shape", "quarters"),
    [
        ("sine", [60, 100, 60, 20]),  # starts at the middle, rising
        ("triangle", [60, 100, 60, 20]),
        ("square", [100, 100, 20, 20]),  # high for the first half
        ("saw", [20, 40, 60, 80]),  # rises from low to high
    ],
)
def test_each_shape_at_the_quarters_of_its_cycle(shape: str, quarters: list[int]) -> None:
    c = Contour("control:74").lfo(shape, period=1, low=20, high=100, at=0, over=4)
    assert [c.value_at(F(k, 4)) for k in range(4)] == pytest.approx(quarters)
    assert c.segments[0].curve is Curve(shape)


def test_the_phase_shifts_the_cycle_and_the_value_reached_is_held_after() -> None:
    c = Contour("x").hold(0).lfo("sine", period="1/2", low=0, high=1, at=1, over="3/8", phase="1/4")
    assert c.value_at(1) == pytest.approx(1.0)  # a quarter cycle in: the top
    assert c.value_at(0) == 0  # before: the hold
    end = 0.5 + 0.5 * math.sin(2 * math.pi * (3 / 4 + 1 / 4))
    assert c.value_at(F(11, 8)) == pytest.approx(end)
    assert c.value_at(5) == pytest.approx(end)
    assert [str(s) for s in c.segments][1] == "sine 0..1, period 1/2, phase 1/4, from 1 to 11/8"


def test_an_lfo_without_over_runs_until_the_next_segment() -> None:
    c = Contour("x").lfo("saw", period=1, low=0, high=10, at=0).hold(3, at=F(5, 2))
    assert c.value_at(F(9, 4)) == pytest.approx(2.5)
    assert c.value_at(3) == 3


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda c: c.lfo("sine", period=0, low=0, high=1), "lfo period 0 must be greater"),
        (lambda c: c.lfo("sine", period=1, low=0, high=1, at=-1), "start at an exact time"),
        (lambda c: c.lfo("linear", period=1, low=0, high=1), "lfo shape 'linear' is not one"),
        (lambda c: c.lfo("wobble", period=1, low=0, high=1), "curve 'wobble' is not one of"),
        (lambda c: c.lfo("sine", period=1, low=0, high=1, phase=1), "phase 1 must be a fraction"),
        (lambda c: c.ramp(1, over=1, curve="sine"), "a ramp cannot be sine; use .lfo()"),
    ],
)
def test_what_an_lfo_refuses(call: Any, message: str) -> None:
    with pytest.raises(sf.ScoreValueError, match=message):
        call(Contour("x").hold(0))


def test_the_tempo_cannot_oscillate() -> None:
    score = sf.Score()
    with pytest.raises(ContourError, match="the tempo cannot oscillate"):
        score.tempo.lfo("sine", period=1, low=60, high=90)
    with pytest.raises(ContourError, match="the tempo cannot be sine"):
        score.tempo.add_segment(sf.Segment(F(0), F(1), F(60), F(90), Curve.SINE, F(1)))


def test_adding_a_curve_is_one_row_of_the_table() -> None:
    periodic = [rule.curve for rule in CURVES.values() if rule.periodic]
    assert periodic == [Curve.SINE, Curve.TRIANGLE, Curve.SQUARE, Curve.SAW]
    for rule in CURVES.values():  # every row says what it needs, nothing is tested elsewhere
        assert rule.periodic == bool(rule.pieces)
        assert rule.periodic or rule.curve is Curve.DISCRETE or rule.inverse is not None


# -- the outputs -----------------------------------------------------------------------------


def _lfo_score(shape: str) -> sf.Score:
    score = sf.Score()
    score.tempo.hold(120)
    part = score.part("Synth", program=81)
    part.control(74).lfo(shape, period="1/2", low=20, high=100, at=0, over=2)
    voice = part.voice("V")
    for _ in range(16):
        voice.note("C4", "1/8")
    return score


@pytest.mark.parametrize("shape", ["sine", "triangle", "square", "saw"])
def test_midi_writes_the_lfo_at_whole_value_crossings(shape: str) -> None:
    mido: Any = require_module("mido")
    score = _lfo_score(shape)
    midi = mido.MidiFile(file=io.BytesIO(sf.midi.to_bytes(score, ppq=960)))
    tick, events = 0, []
    for message in midi.tracks[1]:
        tick += message.time
        if message.type == "control_change" and message.control == 74:
            events.append((tick, message.value))
    assert all(a[1] != b[1] for a, b in itertools.pairwise(events))  # no repeats
    assert len({t for t, _ in events}) == len(events)  # one per tick
    voice = score.voices[0]
    whole = 4 * 960
    for t, value in events:
        exact = float(voice.value_at("control:74", F(t, whole)))
        assert abs(value - exact) <= 1.0 + 1e-9, (t, value, exact)
    top = 99 if shape == "saw" else 100  # a saw drops at the instant it would reach 100
    assert min(v for _, v in events) == 20 and max(v for _, v in events) == top
    assert events[-1] == (2 * whole, round(float(voice.value_at("control:74", 2))))


def test_csound_samples_the_lfo_at_each_onset() -> None:
    score = _lfo_score("sine")
    sco = sf.csound.to_text(score, fields={"Synth": ["control:74"]})
    got = [float(line.split()[-1]) for line in sco.splitlines() if line.startswith("i ")]
    voice = score.voices[0]
    want = [float(voice.value_at("control:74", n.onset)) for n in voice.notes]
    assert got == pytest.approx(want, abs=1e-6)
    ramped = sf.csound.to_text(score, fields={"Synth": ["control:74"]}, ramps=True)
    assert not [line for line in ramped.splitlines() if line.startswith("i ") and "<" in line]


def test_a_velocity_lfo_steps_at_each_half_it_crosses() -> None:
    score = sf.Score()
    voice = score.part("P").voice("V")
    voice.velocity.lfo("triangle", period=1, low=40, high=60, at=0, over=1)
    steps = velocity_steps(voice)
    assert steps.values[:4] == (80, 50, 51, 52) and max(steps.values[1:]) == 60  # 80 before
    assert min(steps.values) == 40 and steps.values[-1] == 50


def test_an_endless_lfo_stops_where_the_sound_does() -> None:
    score = sf.Score()
    part = score.part("P")
    part.control(1).lfo("saw", period="1/4", low=0, high=127, at=0)
    part.voice("V").note("C4", 1)
    midi = sf.midi.read(sf.midi.to_bytes(score, ppq=480))
    ticks = [e.tick for e in midi.tracks[1].events if e.message.to_bytes()[:2] == b"\xb0\x01"]
    assert ticks and max(ticks) <= 4 * 480


lfo_args = st.tuples(
    st.sampled_from(["sine", "triangle", "square", "saw"]),
    st.fractions(F(1, 16), 4, max_denominator=16),
    st.integers(0, 60),
    st.integers(61, 127),
    st.one_of(st.none(), st.fractions(F(1, 8), 8, max_denominator=8)),
    st.fractions(0, F(15, 16), max_denominator=16),
)


@given(lfo_args)
def test_the_native_format_keeps_an_lfo_exactly(args: tuple[Any, ...]) -> None:
    shape, period, low, high, over, phase = args
    score = sf.Score()
    part = score.part("P")
    part.control(11).lfo(shape, period=period, low=low, high=high, at=1, over=over, phase=phase)
    part.voice("V").note("C4", 1)
    back = loads(to_bytes(score))
    assert (
        back.parts[0].contours["control:11"].stored_segments
        == part.contours["control:11"].stored_segments
    )
    assert to_bytes(back) == to_bytes(score)
