"""The player: every way playback ends leaves no note sounding; speed, start, chase, position.

The port is a fake that records bytes; most tests use the fake clock, so a whole stream plays at
once and deterministically. Bytes are written as hex: ``90 3c 64`` is note-on, channel 1
(status 0x90), key 60, velocity 100.
"""

from __future__ import annotations

import contextlib
import signal
import subprocess
import sys
import textwrap
import threading
import time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from scoreframe.errors import LiveError, MidiMessageError
from scoreframe.live.player import NoteTracker, Player, play_messages
from scoreframe.live.scheduler import NS_PER_SECOND, FakeClock
from scoreframe.live.stream import (
    LiveValueError,
    Position,
    TimedMessage,
    chase,
    from_offset,
    shift,
)


class FakePort:
    """Records each message sent, as hex; can fail on the n-th send (1-based)."""

    def __init__(self, fail_on: int | None = None, error: BaseException | None = None) -> None:
        self.sent: list[str] = []
        self.attempts = 0
        self.fail_on = fail_on
        self.error: BaseException = error or OSError("the synth went away")
        self.closed = False

    def send(self, data: bytes) -> None:
        self.attempts += 1
        if self.attempts == self.fail_on:
            raise self.error
        self.sent.append(data.hex(" "))

    def close(self) -> None:
        self.closed = True


def msg(seconds: float, *data: int) -> TimedMessage:
    return TimedMessage(seconds, bytes(data))


# Two channels: a program, a held note on each, one note ended by note-on velocity 0.
STREAM = [
    msg(0.0, 0xC0, 0x00),  # c0 00      program 1, channel 1
    msg(0.0, 0x90, 60, 100),  # 90 3c 64   C4 on, channel 1
    msg(0.5, 0x91, 67, 90),  # 91 43 5a   G4 on, channel 2
    msg(1.0, 0x90, 60, 0),  # 90 3c 00   C4 off (note-on velocity 0)
    msg(1.5, 0x90, 64, 80),  # 90 40 50   E4 on, channel 1
    msg(2.0, 0x80, 64, 0),  # 80 40 00   E4 off
    msg(2.0, 0x81, 67, 0),  # 81 43 00   G4 off
]
STREAM_HEX = ["c0 00", "90 3c 64", "91 43 5a", "90 3c 00", "90 40 50", "80 40 00", "81 43 00"]
RESETS = ["b0 7b 00", "b0 40 00", "b1 7b 00", "b1 40 00"]  # CC 123 and CC 64 = 0, ch 1 and 2


# -- normal end ---------------------------------------------------------------------------------


def test_a_finished_stream_ends_with_all_notes_off_and_sustain_off_per_channel() -> None:
    port = FakePort()
    stats = play_messages(port, STREAM, clock=FakeClock())
    assert port.sent == STREAM_HEX + RESETS
    assert (stats.sent, stats.released, stats.stopped) == (7, 0, False)


def test_notes_left_on_at_the_end_are_released_first() -> None:
    port = FakePort()
    stats = play_messages(port, STREAM[:5], clock=FakeClock())
    assert port.sent[5:] == ["80 40 00", "81 43 00", *RESETS]
    assert stats.released == 2


def test_a_stream_of_system_messages_needs_no_channel_reset() -> None:
    port = FakePort()
    play_messages(port, [msg(0.0, 0xF0, 0x7E, 0x7F, 0x09, 0x01, 0xF7)], clock=FakeClock())
    assert port.sent == ["f0 7e 7f 09 01 f7"]


# -- stop, Ctrl-C, exceptions -------------------------------------------------------------------


def test_stop_releases_the_notes_sounding() -> None:
    port = FakePort()
    long = [*STREAM[:3], msg(600.0, 0x80, 60, 0)]
    player = Player(port, long).start()
    deadline = time.monotonic() + 30
    while len(port.sent) < 3 and time.monotonic() < deadline:
        time.sleep(0.01)
    stats = player.stop(timeout=30)
    assert not player.playing
    assert stats is not None and stats.stopped and stats.released == 2
    assert port.sent == ["c0 00", "90 3c 64", "91 43 5a", "80 3c 00", "81 43 00", *RESETS]


CHILD = textwrap.dedent(
    """
    import sys, time
    from scoreframe.live.player import Player, play_messages
    from scoreframe.live.stream import TimedMessage

    class Port:
        def send(self, data):
            print(data.hex(" "), flush=True)

        def close(self):
            pass

    stream = [TimedMessage(0.0, bytes([0x90, 60, 100])), TimedMessage(600.0, bytes([0x80, 60, 0]))]
    if sys.argv[1] == "blocking":
        try:
            play_messages(Port(), stream)
        except KeyboardInterrupt:
            print("interrupted", flush=True)
    else:
        Player(Port(), stream).start()
        time.sleep(0.2)
        print("exiting", flush=True)
    """
)


def run_child(mode: str, interrupt: bool) -> list[str]:
    """Run CHILD in a fresh interpreter; once it has sent its first message, maybe Ctrl-C it."""
    child = subprocess.Popen([sys.executable, "-c", CHILD, mode], stdout=subprocess.PIPE, text=True)
    assert child.stdout is not None
    first = child.stdout.readline().strip()
    if interrupt:
        child.send_signal(signal.SIGINT)
    rest, _ = child.communicate(timeout=60)
    return [first, *rest.splitlines()]


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals")
def test_a_real_ctrl_c_in_play_messages_wakes_the_sleep_and_releases() -> None:
    lines = run_child("blocking", interrupt=True)
    assert lines == ["90 3c 64", "80 3c 00", "b0 7b 00", "b0 40 00", "interrupted"]


def test_a_player_still_running_at_interpreter_exit_is_stopped_and_released() -> None:
    lines = run_child("background", interrupt=False)
    assert lines == ["90 3c 64", "exiting", "80 3c 00", "b0 7b 00", "b0 40 00"]


class InterruptingClock(FakeClock):
    """Raises KeyboardInterrupt in its n-th sleep, as Ctrl-C does during a real sleep."""

    def __init__(self, on_sleep: int) -> None:
        super().__init__()
        self.on_sleep = on_sleep

    def sleep(self, seconds: float, wake: threading.Event) -> None:
        if len(self.sleeps) + 1 == self.on_sleep:
            raise KeyboardInterrupt
        super().sleep(seconds, wake)


def test_ctrl_c_during_a_sleep_in_play_messages_releases_and_reraises() -> None:
    port = FakePort()
    with pytest.raises(KeyboardInterrupt):
        play_messages(port, STREAM, clock=InterruptingClock(on_sleep=2))
    # Sent: the program, C4 on, G4 on (after sleep 1); sleep 2 is interrupted.
    assert port.sent == ["c0 00", "90 3c 64", "91 43 5a", "80 3c 00", "81 43 00", *RESETS]


def test_ctrl_c_during_a_send_releases_and_reraises() -> None:
    port = FakePort(fail_on=5, error=KeyboardInterrupt())
    with pytest.raises(KeyboardInterrupt):
        play_messages(port, STREAM, clock=FakeClock())
    # The 5th message (E4 on) was interrupted: it is released too, in case it got out.
    released = ["80 40 00", "81 43 00", *RESETS]
    assert port.sent == ["c0 00", "90 3c 64", "91 43 5a", "90 3c 00", *released]


def test_a_port_error_in_the_background_releases_and_is_reraised_by_wait() -> None:
    port = FakePort(fail_on=3)
    player = Player(port, STREAM, clock=FakeClock()).start()
    with pytest.raises(OSError, match="the synth went away"):
        player.wait(timeout=30)
    assert port.sent == ["c0 00", "90 3c 64", "80 3c 00", "81 43 00", *RESETS]
    assert player.stats is None


def test_a_port_that_stays_broken_still_raises_the_first_error() -> None:
    class BrokenAfter(FakePort):
        def send(self, data: bytes) -> None:
            self.attempts += 1
            if self.attempts >= 2:
                raise OSError(f"broken at {self.attempts}")
            self.sent.append(data.hex(" "))

    port = BrokenAfter()
    with pytest.raises(OSError, match=r"broken at 2$"):
        play_messages(port, STREAM, clock=FakeClock())
    assert port.attempts == 2 + 1 + 2  # the failed send (C4 on), its note-off, both resets tried


def test_a_failure_while_silencing_after_a_normal_end_is_a_live_error() -> None:
    port = FakePort(fail_on=len(STREAM) + 2)
    with pytest.raises(LiveError, match="could not silence the port at the end"):
        play_messages(port, STREAM, clock=FakeClock())
    assert port.attempts == len(STREAM) + len(RESETS)


def test_exiting_a_player_context_stops_it() -> None:
    port = FakePort()
    with Player(port, [*STREAM[:2], msg(600.0, 0x80, 60, 0)]) as player:
        deadline = time.monotonic() + 30
        while len(port.sent) < 2 and time.monotonic() < deadline:
            time.sleep(0.01)
    assert not player.playing
    assert port.sent == ["c0 00", "90 3c 64", "80 3c 00", "b0 7b 00", "b0 40 00"]


def test_a_player_context_reraises_a_background_failure() -> None:
    with pytest.raises(OSError), Player(FakePort(fail_on=1), STREAM, clock=FakeClock()) as player:
        player.wait(timeout=30)


def test_a_player_starts_once() -> None:
    player = Player(FakePort(), STREAM, clock=FakeClock())
    with pytest.raises(LiveError, match="has not started"):
        player.wait()
    player.start()
    with pytest.raises(LiveError, match="already started"):
        player.start()
    assert player.wait(timeout=30) is not None


# -- speed, start, chase, position --------------------------------------------------------------


class RecordingPort(FakePort):
    def __init__(self, clock: FakeClock) -> None:
        super().__init__()
        self.clock = clock
        self.times: list[int] = []

    def send(self, data: bytes) -> None:
        self.times.append(self.clock.ns)
        super().send(data)


def test_speed_divides_every_time() -> None:
    clock = FakeClock()
    port = RecordingPort(clock)
    stats = play_messages(port, STREAM, speed=4.0, clock=clock)
    offsets = [(t - stats.start_ns) / NS_PER_SECOND for t in port.times[: len(STREAM)]]
    assert offsets == pytest.approx([m.seconds / 4 for m in STREAM], abs=1e-4)


def test_start_sends_the_chase_first_then_the_rest_shifted() -> None:
    clock = FakeClock()
    port = RecordingPort(clock)
    stats = play_messages(port, STREAM, start=1.2, clock=clock)
    assert port.sent[:4] == ["c0 00", "90 40 50", "80 40 00", "81 43 00"]
    offsets = [(t - stats.start_ns) / NS_PER_SECOND for t in port.times[:4]]
    assert offsets == pytest.approx([0.0, 0.3, 0.8, 0.8], abs=1e-4)


def test_an_explicit_chase_replaces_the_computed_one() -> None:
    port = FakePort()
    play_messages(port, STREAM, start=1.2, chase=[msg(0.7, 0xE0, 0, 0x40)], clock=FakeClock())
    assert port.sent[:2] == ["e0 00 40", "90 40 50"]


def test_bad_start_and_speed_are_value_errors() -> None:
    with pytest.raises(LiveValueError, match="start must be"):
        Player(FakePort(), STREAM, start=-1)
    with pytest.raises(ValueError, match="speed must be"):
        play_messages(FakePort(), STREAM, speed=0)
    with pytest.raises(MidiMessageError, match="sort the stream"):
        play_messages(FakePort(), list(reversed(STREAM)))


def test_position_comes_from_the_callers_function_in_stream_seconds() -> None:
    def bars(seconds: float) -> tuple[int, float, float]:  # 4/4 at 120 bpm: a bar is 2 s
        return int(seconds // 2) + 1, (seconds % 2) * 2 + 1, seconds

    player = Player(FakePort(), STREAM, start=1.0, position=bars, clock=FakeClock())
    assert player.position == Position(1, 3.0, 1.0)
    player.start().wait(timeout=30)
    assert player.position == pytest.approx((2, 1.0, 2.0))
    assert Player(FakePort(), STREAM).position == Position(0, 0.0, 0.0)


# -- note tracking ------------------------------------------------------------------------------


def test_the_tracker_ends_notes_by_note_off_or_velocity_zero_per_channel() -> None:
    tracker = NoteTracker()
    for data in ([0x90, 60, 1], [0x91, 60, 1], [0x90, 60, 0], [0x92, 61, 1], [0x82, 61, 64]):
        tracker.observe(bytes(data))
    assert tracker.sounding() == [(1, 60)]
    assert tracker.channels == {0, 1, 2}


def sounding_after(sent: list[str]) -> set[tuple[int, int]]:
    """What a synth hearing ``sent`` still sounds: CC 123 (all notes off) ends a channel's notes."""
    heard = NoteTracker()
    for data in map(bytes.fromhex, sent):
        if data[0] & 0xF0 == 0xB0 and data[1] == 123:
            for channel, key in heard.sounding():
                if channel == data[0] & 0x0F:
                    heard.observe(bytes([0x80 | channel, key, 0]))
        heard.observe(data)
    return set(heard.sounding())


notes = st.lists(
    st.tuples(
        st.floats(0, 2, allow_nan=False),
        st.sampled_from([0x80, 0x90]),
        st.integers(0, 15),
        st.integers(0, 127),
        st.integers(0, 127),
    ),
    max_size=40,
)


@settings(max_examples=60, deadline=None)
@given(notes, st.integers(1, 45))
def test_however_it_ends_nothing_is_left_sounding(
    events: list[tuple[float, int, int, int, int]], fail_on: int
) -> None:
    stream = sorted(
        (msg(at, kind | channel, key, velocity) for at, kind, channel, key, velocity in events),
        key=lambda m: m.seconds,
    )
    port = FakePort(fail_on=fail_on)
    with contextlib.suppress(OSError, LiveError):
        play_messages(port, stream, clock=FakeClock())
    assert sounding_after(port.sent) == set()
    assert port.sent[: min(len(stream), fail_on - 1)] == [
        m.data.hex(" ") for m in stream[: fail_on - 1]
    ]


# -- the stream ---------------------------------------------------------------------------------


def test_timed_messages_check_time_and_status() -> None:
    with pytest.raises(MidiMessageError, match="finite number >= 0"):
        msg(float("nan"), 0x90, 60, 1)
    with pytest.raises(MidiMessageError, match="must start with a status byte"):
        msg(0.0, 60, 1)
    with pytest.raises(MidiMessageError, match="not nothing"):
        msg(0.0)
    assert msg(0.0, 0xFF).channel is None and msg(0.0, 0x9F, 1, 1).channel == 16


def test_chase_keeps_the_last_value_per_channel_and_controller() -> None:
    stream = [
        msg(0.0, 0xB0, 0, 1),  # b0 00 01  bank select
        msg(0.0, 0xC0, 5),  # c0 05     program 6
        msg(0.1, 0xB1, 7, 100),  # b1 07 64  volume, channel 2
        msg(0.2, 0xB0, 7, 90),  # b0 07 5a  volume, channel 1
        msg(0.3, 0xE0, 0, 0x50),  # e0 00 50  bend
        msg(0.4, 0xB0, 7, 80),  # b0 07 50  volume again: replaces 0.2
        msg(0.5, 0x90, 60, 100),  # notes are not chased
        msg(0.6, 0xB0, 123, 0),  # mode messages are not chased
        msg(1.0, 0xC0, 9),  # at or after the start: not chased
    ]
    assert [m.data.hex(" ") for m in chase(stream, 1.0)] == [
        "b0 00 01",
        "c0 05",
        "b1 07 64",
        "e0 00 50",
        "b0 07 50",
    ]


def test_chase_keeps_rpn_sequences_and_sysex_whole() -> None:
    rpn = [msg(0.0, 0xB0, n, v) for n, v in ((101, 0), (100, 0), (6, 12), (101, 0), (100, 1))]
    stream = [msg(0.0, 0xF0, 0x7E, 0x7F, 0x09, 0x01, 0xF7), *rpn, msg(0.1, 0xB0, 6, 64)]
    assert [m.data for m in chase(stream, 1.0)] == [m.data for m in stream]


def test_reset_all_controllers_forgets_what_came_before_but_the_program() -> None:
    stream = [msg(0.0, 0xC0, 3), msg(0.0, 0xB0, 7, 50), msg(0.0, 0xE0, 0, 0x60)]
    stream += [msg(0.0, 0xB1, 7, 50), msg(0.1, 0xB0, 121, 0), msg(0.2, 0xB0, 10, 0)]
    assert [m.data.hex(" ") for m in chase(stream, 1.0)] == ["c0 03", "b1 07 32", "b0 0a 00"]


def test_from_offset_and_shift() -> None:
    assert [m.seconds for m in from_offset(STREAM, 2.0, chased=())] == [0.0, 0.0]
    assert [m.seconds for m in shift(STREAM, -1.5)] == [0.0, 0.5, 0.5]
