"""Play through a real MIDI server: JACK with the dummy driver, recorded by an rtmidi input.

The fixture starts a private JACK server (tests/live/jackserver.py: a unique ``-n`` name, so it
never meets a user's server or another test run), waits for it with ``jack_wait``, and on
teardown stops it by its PID and removes the ``/dev/shm/jack*`` files it made. The tests
compare the messages received with those expected, in content and order, never their timing:
the dummy driver has xruns and JACK delivers once per period. A mismatch is retried once.
"""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pytest

from scoreframe.live.midiports import Backend, OutputPort, open_output, ports
from scoreframe.live.player import Player, play_messages
from scoreframe.live.stream import TimedMessage
from tests.live.jackserver import JackFailed, running_jack
from tests.support import in_ci, require_module, require_program

RECORDER = "sf-recorder"

# 20 ms apart (JACK may drop messages packed tighter on a struggling dummy driver).
STREAM = [
    TimedMessage(i * 0.02, bytes(data))
    for i, data in enumerate(
        [
            [0xC0, 0x00],  # c0 00     program 1, channel 1
            [0xB0, 0x07, 100],  # b0 07 64  volume
            [0x90, 60, 100],  # 90 3c 64  C4 on
            [0x91, 67, 90],  # 91 43 5a  G4 on, channel 2
            [0xE1, 0x00, 0x50],  # e1 00 50  bend up, channel 2
            [0x80, 60, 0],  # 80 3c 00  C4 off
            [0x90, 64, 80],  # 90 40 50  E4 on
            [0x90, 64, 0],  # 90 40 00  E4 off (velocity 0)
            [0x81, 67, 0],  # 81 43 00  G4 off
            [0xF0, 0x7E, 0x7F, 0x09, 0x01, 0xF7],  # GM on (system exclusive)
        ]
    )
]
# The player's clean-up: All Notes Off and Sustain Off on channels 1 and 2.
RESETS = [bytes([0xB0, 123, 0]), bytes([0xB0, 64, 0]), bytes([0xB1, 123, 0]), bytes([0xB1, 64, 0])]
EXPECTED = [m.data for m in STREAM] + RESETS


def _require_jack_rtmidi() -> Any:
    rtmidi: Any = require_module("rtmidi")
    if rtmidi.API_UNIX_JACK not in rtmidi.get_compiled_api():
        reason = "this python-rtmidi was built without JACK support"
        if in_ci():
            pytest.fail(reason)
        pytest.skip(reason)
    return rtmidi


@pytest.fixture(scope="module")
def jack_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A private JACK server on the dummy driver; yields its name (also JACK_DEFAULT_SERVER)."""
    yield from serve_jack(tmp_path_factory, period=256)


def serve_jack(factory: pytest.TempPathFactory, *, period: int) -> Iterator[str]:
    """The body of a module's JACK fixture: skip (or fail in CI) without jackd and JACK in
    python-rtmidi; else run a server with the variables set while the module's tests run."""
    jackd = require_program("jackd")
    jack_wait = require_program("jack_wait")
    _require_jack_rtmidi()
    folder = factory.mktemp("jack")
    try:
        with (
            running_jack(jackd, jack_wait, folder, period=period, keep_shared=True) as env,
            pytest.MonkeyPatch.context() as patch,
        ):
            for key, value in env.items():
                patch.setenv(key, value)
            yield env["JACK_DEFAULT_SERVER"]
    except JackFailed as error:
        pytest.fail(str(error))


@dataclass
class Recorder:
    """An rtmidi input on JACK that keeps every message it receives, in order."""

    midi_in: Any
    received: list[bytes]
    lock: threading.Lock

    @classmethod
    def open(cls, rtmidi: Any, source: str | None = None, client: str = RECORDER) -> Recorder:
        """A virtual input ``sf-recorder:in`` (``client:in``); or, given ``source``, an input
        connected to it."""
        midi_in = rtmidi.MidiIn(rtmidi.API_UNIX_JACK, name=client, queue_size_limit=4096)
        midi_in.ignore_types(sysex=False, timing=False, active_sense=False)
        recorder = cls(midi_in, [], threading.Lock())
        midi_in.set_callback(recorder._on_message)
        if source is None:
            midi_in.open_virtual_port("in")
        else:
            midi_in.open_port(midi_in.get_ports().index(source), "in")
        return recorder

    def _on_message(self, event: tuple[list[int], float], data: object) -> None:
        with self.lock:
            self.received.append(bytes(event[0]))

    def wait_for(self, count: int, timeout: float = 10.0) -> list[bytes]:
        """The messages received once there are ``count`` (or after ``timeout``), and a little
        more time for any unexpected extra to show."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            with self.lock:
                if len(self.received) >= count:
                    break
            time.sleep(0.01)
        time.sleep(0.1)
        with self.lock:
            return list(self.received)

    def close(self) -> None:
        self.midi_in.cancel_callback()
        self.midi_in.close_port()
        self.midi_in.delete()


def _play_to_recorder(rtmidi: Any, *, virtual: bool) -> list[bytes]:
    """Play STREAM through JACK once; what the recorder got."""
    if virtual:
        port: OutputPort = open_output("out", virtual=True, backend=Backend.JACK, client="sf-out")
        recorder = Recorder.open(rtmidi, source="sf-out:out")
    else:
        recorder = Recorder.open(rtmidi)
        port = open_output(f"{RECORDER}:in", backend=Backend.JACK, client="sf-out")
    try:
        with port:
            time.sleep(0.2)  # let the new connection settle into the JACK graph
            play_messages(port, STREAM)
            return recorder.wait_for(len(EXPECTED))
    finally:
        recorder.close()


def _with_one_retry(rtmidi: Any, virtual: bool) -> list[bytes]:
    received = _play_to_recorder(rtmidi, virtual=virtual)
    if received != EXPECTED:
        received = _play_to_recorder(rtmidi, virtual=virtual)
    return received


def test_jack_delivers_the_stream_to_a_named_port_in_order(jack_server: str) -> None:
    rtmidi = _require_jack_rtmidi()
    assert [m.hex(" ") for m in _with_one_retry(rtmidi, virtual=False)] == [
        m.hex(" ") for m in EXPECTED
    ]


def test_jack_delivers_the_stream_from_a_virtual_port_in_order(jack_server: str) -> None:
    rtmidi = _require_jack_rtmidi()
    assert [m.hex(" ") for m in _with_one_retry(rtmidi, virtual=True)] == [
        m.hex(" ") for m in EXPECTED
    ]


def test_stopping_through_jack_releases_the_held_note(jack_server: str) -> None:
    rtmidi = _require_jack_rtmidi()
    stream = [*STREAM[:3], TimedMessage(600.0, bytes([0x80, 60, 0]))]
    expected = [m.data.hex(" ") for m in stream[:3]] + ["80 3c 00", "b0 7b 00", "b0 40 00"]
    for _attempt in range(2):
        recorder = Recorder.open(rtmidi)
        try:
            with open_output(RECORDER, backend=Backend.JACK, client="sf-out") as port:
                time.sleep(0.2)
                player = Player(port, stream).start()
                recorder.wait_for(3)
                player.stop(timeout=30)
                received = [m.hex(" ") for m in recorder.wait_for(len(expected))]
        finally:
            recorder.close()
        if received == expected:
            break
    assert received == expected


@pytest.mark.skipif(os.path.exists("/dev/snd/seq"), reason="ALSA has a sequencer here")
def test_without_alsa_the_default_backend_is_jack(jack_server: str) -> None:
    rtmidi = _require_jack_rtmidi()
    recorder = Recorder.open(rtmidi)
    try:
        assert f"{RECORDER}:in" in ports()
        with open_output(RECORDER) as port:
            assert port.backend is Backend.JACK
    finally:
        recorder.close()


def _melody() -> Any:
    """A short score whose messages lie at least 125 ms apart (no program: no set-up burst)."""
    import scoreframe as sf

    score = sf.Score()
    score.tempo.hold(120)
    voice = score.part("Flute").voice("Fl")
    for key, velocity in ((72, 90), (74, 80), (76, 70), (79, 100)):
        voice.note(key, "1/8", duration="1/16", velocity=velocity)
    return score


def test_play_sends_the_exporters_stream_of_a_score_through_jack(jack_server: str) -> None:
    import scoreframe as sf

    rtmidi = _require_jack_rtmidi()
    score = _melody()
    expected = [m.data.hex(" ") for m in sf.midi.messages(score)] + ["b0 7b 00", "b0 40 00"]
    assert len(expected) == 10
    for _attempt in range(2):
        recorder = Recorder.open(rtmidi)
        try:
            time.sleep(0.2)
            stats = sf.live.play(score, port=f"{RECORDER}:in", backend=Backend.JACK)
            received = [m.hex(" ") for m in recorder.wait_for(len(expected))]
        finally:
            recorder.close()
        if received == expected:
            break
    assert received == expected
    assert stats is not None and stats.sent == 8 and not stats.stopped
