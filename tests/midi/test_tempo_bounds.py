"""Tempi a MIDI file cannot hold, and ramps that would make endless tempo events (issue 17).

A Set-Tempo event holds 1..0xFFFFFF microseconds a quarter: slower than about 3.58 quarters a
minute the file would disagree with the .sco, so it is an error naming the place. A ramp makes
at most ``RAMP_EVENTS`` events for its crossings and as many for its EXACT pieces, and each
event still lands on the tempo map's second (checked with mido, which we did not write).
"""

from __future__ import annotations

import io
from fractions import Fraction

import pytest

import scoreframe as sf
from scoreframe.midi.policies import TempoPolicy
from scoreframe.midi.tempo_track import RAMP_EVENTS, tempo_events
from tests.bounded import run_bounded
from tests.support import require_module

SLOWEST = Fraction(60_000_000, 0xFFFFFF)  # quarters a minute


def _score(tempo: float | Fraction) -> sf.Score:
    score = sf.Score()
    score.tempo.hold(tempo)
    score.part("P").voice("V").note("C4", "1/4")
    return score


@pytest.mark.parametrize("policy", list(TempoPolicy))
def test_a_tempo_slower_than_a_set_tempo_holds_is_an_error(policy: TempoPolicy) -> None:
    score = _score(2)
    message = (
        r"the tempo at bar 1, beat 1 \(time 0\) is 2 beats a minute \(2 quarters a minute\), "
        r"slower than a MIDI Set-Tempo event holds \(3.57628 quarters a minute\)"
    )
    with pytest.raises(sf.ExportError, match=message):
        sf.midi.to_bytes(score, tempo_policy=policy)
    assert "i 1 0 30 " in sf.csound.to_text(score)  # the .sco is not limited: 2 BPM, 30 s


def test_the_slowest_tempo_a_file_holds_is_written_exactly() -> None:
    mido = require_module("mido")
    data = sf.midi.to_bytes(_score(SLOWEST))
    tempi = [
        m.tempo
        for m in mido.MidiFile(file=io.BytesIO(data)).tracks[0]
        if m.is_meta and m.type == "set_tempo"
    ]
    assert tempi == [0xFFFFFF]


def test_a_ramp_slowing_below_the_range_names_where_it_crosses() -> None:
    score = sf.Score()
    score.meter("4/4")
    score.tempo.hold(60).ramp(1, at=1, over=4)
    score.part("P").voice("V").note("C4", "8")
    with pytest.raises(sf.ExportError, match=r"the tempo at bar [45], beat .*slower than"):
        sf.midi.to_bytes(score)


@pytest.mark.parametrize("policy", list(TempoPolicy))
@pytest.mark.parametrize("curve", ["linear", "exponential"])
def test_a_ramp_across_the_tempo_range_makes_few_events(policy: TempoPolicy, curve: str) -> None:
    score = sf.Score()
    score.tempo.hold(60).ramp(100_000, at=1, over=1000, curve=curve)
    score.part("P").voice("V").note("C4", "1/4", at=1001)
    events = tempo_events(score, 480, policy)
    most = 2 * RAMP_EVENTS if policy is TempoPolicy.EXACT else 100_000  # Ames: a whole BPM
    assert len(events) <= most + 3
    if policy is TempoPolicy.AMES:
        return  # its seconds are only as good as whole BPM
    mido = require_module("mido")
    midi = mido.MidiFile(file=io.BytesIO(sf.midi.to_bytes(score, tempo_policy=policy)))
    expected = sf.TempoMap(score).seconds(Fraction(1001))
    assert midi.length == pytest.approx(expected + 0.25 * 60 / 100_000, abs=1e-3)


def test_ramps_to_the_fastest_tempo_stay_small_in_memory() -> None:
    code = """
        import scoreframe as sf
        score = sf.Score()
        contour = score.tempo.hold(60)
        for k in range(3):
            contour.ramp(100_000 if k % 2 == 0 else 60, at=1 + 1000 * k, over=1000)
        score.part("P").voice("V").note("C4", "1/4", at=3001)
        print(len(sf.midi.to_bytes(score)), len(sf.midi.to_bytes(score, tempo_policy="ames")))
        """
    outcome = run_bounded(code, seconds=120, memory=600 << 20)
    assert not outcome.timed_out and outcome.status == 0, outcome.stderr[-400:]
    exact, ames = map(int, outcome.stdout.split())
    assert exact < 3 * 2 * RAMP_EVENTS * 8
    assert ames < 3 * 100_000 * 8
