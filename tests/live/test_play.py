"""Playing scores and MIDI files: the exporter's stream, from a bar, at a speed, to a port."""

from __future__ import annotations

import contextlib
import io
from collections.abc import Iterator
from fractions import Fraction
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

import scoreframe as sf
from scoreframe.live import playback as play_module
from scoreframe.live.cli import cli_play
from scoreframe.live.scheduler import FakeClock


class FakePort:
    name = "fake"

    def __init__(self) -> None:
        self.sent: list[bytes] = []

    def send(self, data: bytes) -> None:
        self.sent.append(data)

    def close(self) -> None:
        pass

    def __enter__(self) -> FakePort:
        return self

    def __exit__(self, *exc: object) -> None:
        pass


def little_score() -> sf.Score:
    s = sf.Score()
    s.meter("2/4")
    s.tempo.hold(240)
    v = s.part("Clarinet", program=72).voice("Cl")
    v.control(7).hold(90).hold(60, at="3/4")
    for key in (60, 62, 64, 65, 67, 69):
        v.note(key, "1/4", duration="1/8")
    return s


def played(source: Any, **options: Any) -> list[str]:
    port = FakePort()
    player = play_module.player(source, port, **options)
    player._scheduler._clock = FakeClock()  # no real waiting
    player.start().wait(timeout=30)
    return [m.hex(" ") for m in port.sent]


def test_the_player_sends_what_the_exporter_streams() -> None:
    score = little_score()
    expected = [m.data.hex(" ") for m in sf.midi.messages(score)]
    assert played(score)[: len(expected)] == expected


def test_from_a_bar_the_program_and_controllers_in_force_come_first() -> None:
    sent = played(little_score(), start_bar=3)
    assert sent[:2] == ["c0 47", "b0 07 3c"]  # program 72, and CC 7 = 60 as it stands in bar 3
    notes = [m for m in sent if m.startswith("90")]
    assert notes == ["90 43 50", "90 45 50"]  # bar 3 holds the last two notes


def test_a_bar_that_is_not_there_says_which_bars_there_are() -> None:
    with pytest.raises(sf.errors.LiveError, match="bar 9 is not in the score; it has bars 1 to 3"):
        played(little_score(), start_bar=9)


def test_a_midi_file_plays_its_own_messages(tmp_path: Path) -> None:
    score = little_score()
    path = score.write(tmp_path / "little.mid")
    expected = [m.data.hex(" ") for m in sf.midi.messages(score)]
    assert played(path)[: len(expected)] == expected
    assert [m for m in played(path, start_bar=3) if m.startswith("90")] == ["90 43 50", "90 45 50"]


@contextlib.contextmanager
def fake_output(port: FakePort) -> Iterator[FakePort]:
    yield port


def test_ctrl_c_in_play_stops_and_silences(monkeypatch: pytest.MonkeyPatch) -> None:
    port = FakePort()
    monkeypatch.setattr(play_module, "open_output", lambda *a, **k: fake_output(port))
    calls = {"n": 0}
    original = play_module.Player.wait

    def interrupting_wait(self: Any, timeout: float | None = None) -> Any:
        calls["n"] += 1
        if calls["n"] == 1:
            raise KeyboardInterrupt
        return original(self, timeout)

    monkeypatch.setattr(play_module.Player, "wait", interrupting_wait)
    stats = sf.live.play(little_score(), port="fake")
    assert stats is not None and stats.stopped
    assert port.sent[-2:] == [bytes([0xB0, 123, 0]), bytes([0xB0, 64, 0])]


def test_the_cli_prints_where_it_plays_and_what_it_sent(monkeypatch: pytest.MonkeyPatch) -> None:
    port = FakePort()
    port.backend = sf.live.Backend.JACK  # type: ignore[attr-defined]
    monkeypatch.setattr("scoreframe.live.cli.open_output", lambda *a, **k: fake_output(port))
    out = io.StringIO()
    assert cli_play(little_score(), port="fake", speed=8.0, out=out) == 0
    text = out.getvalue()
    assert "playing to 'fake' (JACK)" in text and "sent 15 messages" in text


def _walked(signatures: list[tuple[int, int, int]], bar: int, ppq: int) -> int:
    """The start of ``bar`` found the slow way: bar by bar (the rule the counting keeps)."""
    length, tick, index = Fraction(4 * ppq), Fraction(0), 0
    for _ in range(bar - 1):
        while index < len(signatures) and signatures[index][0] <= tick:
            length = Fraction(4 * ppq * signatures[index][1], signatures[index][2])
            index += 1
        tick += length
    return int(tick)


@given(
    st.lists(
        st.tuples(st.integers(0, 20_000), st.integers(1, 13), st.sampled_from([2, 4, 8])),
        max_size=5,
    ),
    st.integers(1, 60),
)
def test_the_start_of_a_bar_of_a_midi_file_is_counted_not_walked(
    changes: list[tuple[int, int, int]], bar: int
) -> None:
    from scoreframe.live.midifile import file_start
    from scoreframe.midi import meta
    from scoreframe.midi.smf import encode_file

    changes = sorted(set(changes))
    events = [(tick, meta.time_signature(n, d, 24)) for tick, n, d in changes]
    data = encode_file([[(0, meta.set_tempo(500_000)), *events]], ppq=96, format=0)
    expected = _walked(changes, bar, 96) * 0.5 / 96
    assert file_start(data, bar) == pytest.approx(expected)


def test_playing_from_a_bar_of_a_file_with_no_tracks_says_so_or_starts() -> None:
    from scoreframe.live.midifile import file_messages, file_start
    from scoreframe.midi.smf import encode_file

    empty = encode_file([], ppq=96, format=1)
    assert file_messages(empty) == [] and file_start(empty, 3) == 4.0  # two 4/4 bars at 120
