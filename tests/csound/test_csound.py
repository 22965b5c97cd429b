"""The Csound exporter, checked by Csound itself: it renders, it starts each note at the second
the tempo map gives, and the WAV lasts as long as the score plus the release."""

from __future__ import annotations

import re
import subprocess
import wave
from fractions import Fraction
from pathlib import Path

import pytest

import scoreframe as sf
from scoreframe.csound import RELEASE, number, to_text
from scoreframe.errors import CsoundError
from tests.support import require_program

F = Fraction
ANSI = re.compile(r"\x1b\[[0-9;]*m")


def csound(csd: Path) -> str:
    """Run Csound on ``csd`` capturing all its output (it spins if its pipe closes early)."""
    program = require_program("csound")
    result = subprocess.run(
        [program, csd.name],
        cwd=csd.parent,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    output = ANSI.sub("", result.stdout + result.stderr)
    assert result.returncode == 0, output[-2000:]
    return output


def accelerando() -> sf.Score:
    s = sf.Score(title="Accelerando", composer="Tests")
    s.meter("4/4")
    s.tempo.hold(60).ramp(120, at=1, over=4, curve="exponential")
    v = s.part("Piano", program=1).voice("RH")
    for i in range(48):
        v.note(60 + (i * 5) % 24, F(1, 8), velocity=40 + i)
    v.note("C5", F(1, 4), tie=True)
    v.note("C5", F(1, 4))
    s.part("Bass").voice("B").note("C2", 6)
    return s


def test_csound_renders_the_csd_without_errors(tmp_path: Path) -> None:
    csd = accelerando().write(tmp_path / "accel.csd")
    output = csound(csd)
    assert "0 errors in performance" in output
    bad = [
        line
        for line in output.splitlines()
        if re.search(r"\berror|undefined", line, re.I) and "0 errors" not in line
    ]
    assert bad == []


def test_csound_starts_every_note_at_the_tempo_map_second(tmp_path: Path) -> None:
    score = accelerando()
    trace_orchestra = """
sr = 48000
ksmps = 1
nchnls = 1
0dbfs = 1
instr 1, 2
  printf_i "start %.6f\\n", 1, p2
endin
"""
    csd = tmp_path / "trace.csd"
    csd.write_text(to_text(score, "csd", orchestra=trace_orchestra, options="-n -d"))
    starts = sorted(float(m) for m in re.findall(r"start (\d+\.\d+)", csound(csd)))
    tempo_map = sf.TempoMap(score)
    expected = sorted(
        tempo_map.seconds(e.time)
        for e in score.events(sounding=True)
        if e.kind is sf.EventKind.NOTE
    )
    assert len(starts) == len(expected) == 50
    assert max(abs(a - b) for a, b in zip(starts, expected, strict=True)) <= 1e-6


def test_the_wav_lasts_the_score_plus_the_release(tmp_path: Path) -> None:
    score = accelerando()
    csd = score.write(tmp_path / "accel.csd")
    csound(csd)
    with wave.open(str(tmp_path / "accel.wav")) as audio:
        seconds = audio.getnframes() / audio.getframerate()
    expected = sf.TempoMap(score).seconds(score.sounding_end) + RELEASE
    assert abs(seconds - expected) < 32 / 48000 + 1e-3  # within a control block


def test_one_statement_per_note_or_tie_chain_with_bar_comments() -> None:
    text = to_text(accelerando())
    statements = [line for line in text.splitlines() if line.startswith("i ")]
    assert len(statements) == 50
    assert text.splitlines()[0] == "; Accelerando by Tests"
    bars = [line for line in text.splitlines() if line.startswith("; bar ")]
    tempo_map = sf.TempoMap(accelerando())
    assert bars[0] == "; bar 1 (0 s), meter 4/4"  # the meter only where it changes
    assert bars[1:] == [f"; bar {n} ({number(tempo_map.seconds(n - 1))} s)" for n in range(2, 8)]
    assert text.endswith("e\n") and " t " not in text and "\nt " not in text
    start, end = tempo_map.seconds(6), tempo_map.seconds(F(13, 2))
    chain = [s.split() for s in statements if s.split()[2] == number(start)]
    assert [c[3] for c in chain] == [number(end - start)]  # the tied C5 is one note


def test_fields_table_contours_values_and_functions() -> None:
    s = sf.Score()
    s.tempo.hold(60)
    part = s.part(
        "Pad",
        instrument="pad",
        pfields=[
            "key",
            "pch",
            "oct",
            "velocity",
            "control:11",
            "brightness",
            "value:bow",
            "amp_db",
        ],
    )
    v = part.voice("V")
    v.control(11).hold(64)
    part.contour("brightness").hold(F(1, 2)).ramp(1, at=1, over=1)
    v.note("C4+50c", 1, velocity=127, values={"bow": 3})
    v.note("A4", 1, velocity=127, values={"bow": 2})
    statements = [line.split() for line in to_text(s).splitlines() if line.startswith("i ")]
    assert statements[0] == [
        "i",
        '"pad"',
        "0",
        "4",
        "60.5",
        "8.005",
        "8.041667",
        "127",
        "64",
        "0.5",
        "3",
        "0",
    ]
    assert statements[1][8:10] == ["64", "0.5"]
    doubled = to_text(s, fields={"Pad": [lambda note, voice: float(note.pitch.midi) * 2]})
    assert [line.split()[-1] for line in doubled.splitlines() if line.startswith("i ")] == [
        "121",
        "138",
    ]


def test_an_unknown_field_lists_the_valid_ones() -> None:
    s = sf.Score()
    s.part("P", pfields=["amp", "loud"]).voice("V").note("C4", 1)
    with pytest.raises(CsoundError, match=r"part 'P': unknown p-field 'loud'; valid: amp, amp_db"):
        to_text(s)


def test_ramps_write_straight_runs_as_csound_ramps() -> None:
    s = sf.Score()
    s.tempo.hold(60)
    v = s.part("P", pfields=["control:1"]).voice("V")
    v.control(1).hold(0).ramp(40, at=0, over=1)
    for _ in range(6):
        v.note("C4", F(1, 4))
    plain = [line.split()[-1] for line in to_text(s).splitlines() if line.startswith("i ")]
    ramped = [
        line.split()[-1] for line in to_text(s, ramps=True).splitlines() if line.startswith("i ")
    ]
    assert plain == ["0", "10", "20", "30", "40", "40"]
    # A run lies inside one linear segment: the ramp [0, 1) is anchored by its first and last
    # notes; the note at 1 starts the hold and keeps its value.
    assert ramped == ["0", "<", "<", "30", "40", "40"]


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (0.1, "0.1"),
        (1e-7, "0"),
        (123456.7890125, "123456.789012"),
        (2.0, "2"),
        (1e21, "1" + "0" * 21),
    ],
)
def test_numbers_have_no_exponent_and_keep_the_microsecond(value: float, text: str) -> None:
    assert number(value) == text


def test_a_user_orchestra_and_options_go_in_the_csd(tmp_path: Path) -> None:
    orc = tmp_path / "mine.orc"
    orc.write_text("sr = 44100\ninstr 1\nendin\n")
    s = sf.Score()
    s.part("P").voice("V").note("C4", 1)
    text = to_text(s, "csd", orchestra=orc, options="-odac")
    assert "sr = 44100" in text and "<CsOptions>\n-odac\n</CsOptions>" in text
