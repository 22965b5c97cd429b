"""Ctrl-C with a real JACK server (dummy driver): a real SIGINT to ``scoreframe play`` and to
``sf.live.play`` while a chord sounds, and after it every note that went out has its note-off
at the receiving port (issue 17: on Python 3.11 a Ctrl-C during ``Thread.join`` once let the
port close before the player's clean-up, leaving every note on)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.live.test_jack import RECORDER, Recorder, _require_jack_rtmidi, serve_jack

SCORE = """
import scoreframe as sf

def build():
    score = sf.Score(title="Held")
    score.tempo.hold(60)
    voice = score.part("Organ", program=20).voice("V")
    voice.chord(["C4", "E4", "G4"], 8)
    return score
"""
API = """
import sys, runpy
import scoreframe as sf
score = runpy.run_path(sys.argv[1])["build"]()
print("playing", flush=True)
sf.live.play(score, port=sys.argv[2], backend=sf.live.Backend.JACK)
"""


@pytest.fixture(scope="module")
def jack(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    yield from serve_jack(tmp_path_factory, period=256)


def _ons_and_offs(received: list[bytes]) -> tuple[set[tuple[int, int]], set[tuple[int, int]]]:
    ons, offs = set(), set()
    for message in received:
        kind, channel = message[0] & 0xF0, message[0] & 0x0F
        if kind == 0x90 and message[2]:
            ons.add((channel, message[1]))
        elif kind == 0x80 or (kind == 0x90 and not message[2]):
            offs.add((channel, message[1]))
        elif kind == 0xB0 and message[1] == 123:  # All Notes Off ends its channel's notes
            offs |= {(channel, key) for c, key in ons if c == channel}
    return ons, offs


def _interrupt(command: list[str], rtmidi: Any, twice: bool) -> tuple[int, list[bytes]]:
    recorder = Recorder.open(rtmidi)
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    process = subprocess.Popen(
        command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=env
    )
    try:
        assert process.stdout is not None
        first = process.stdout.readline()
        assert "playing" in first, first + process.stdout.read()
        deadline = time.monotonic() + 20
        while len([m for m in recorder.received if m[0] & 0xF0 == 0x90]) < 3:
            assert time.monotonic() < deadline, "the chord never arrived"
            time.sleep(0.02)
        time.sleep(0.2)
        process.send_signal(signal.SIGINT)
        if twice:  # a second Ctrl-C while the clean-up runs
            time.sleep(0.005)
            process.send_signal(signal.SIGINT)
        status = process.wait(timeout=30)
        return status, recorder.wait_for(len(recorder.received) + 1, timeout=1.0)
    finally:
        if process.poll() is None:
            process.kill()
        recorder.close()


@pytest.mark.parametrize("twice", [False, True])
@pytest.mark.parametrize("way", ["cli", "api"])
def test_ctrl_c_ends_every_note_that_went_out(
    jack: str, tmp_path: Path, way: str, twice: bool
) -> None:
    rtmidi = _require_jack_rtmidi()
    score = tmp_path / "held.py"
    score.write_text(SCORE)
    port = f"{RECORDER}:in"
    if way == "cli":
        command = [sys.executable, "-m", "scoreframe", "play", str(score), "--port", port]
    else:
        script = tmp_path / "play.py"
        script.write_text(API)
        command = [sys.executable, str(script), str(score), port]
    for _attempt in range(3):  # each run is a fresh process: the race had many chances
        status, received = _interrupt(command, rtmidi, twice)
        ons, offs = _ons_and_offs(received)
        assert len(ons) == 3, received
        assert ons <= offs, f"notes left on: {sorted(ons - offs)} ({[m.hex() for m in received]})"
        assert way == "api" or status == 130, status  # the shell convention: 128 + SIGINT
