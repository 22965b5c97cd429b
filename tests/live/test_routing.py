"""The router, playback through a patch and the recorder, with fake ports (a fake ``rtmidi``
module stands in for python-rtmidi; tests/live/test_jack_units.py drives the real thing)."""

from __future__ import annotations

import io
import threading
from pathlib import Path
from typing import Any, ClassVar

import pytest

import scoreframe as sf
from scoreframe.cli import main
from scoreframe.errors import LiveError, PortNotFoundError
from scoreframe.live import PortGroup, Recorder, Router, Virtual, routing
from scoreframe.live.cli import port_specs
from scoreframe.live.inputs import open_input
from scoreframe.live.player import play_messages
from scoreframe.live.scheduler import FakeClock
from scoreframe.live.stream import LiveValueError
from scoreframe.units import Call, Channel, KeySplit, Output, Port, Transpose
from tests.live.test_ports import NAMES, FakeMidiOut, fake_rtmidi  # noqa: F401  (a fixture)


class Fake:
    """A port that keeps what it is sent, as hex."""

    def __init__(self) -> None:
        self.sent: list[str] = []

    def send(self, data: bytes) -> None:
        self.sent.append(data.hex(" "))

    def close(self) -> None:
        pass


class FakeMidiIn:
    """Stands in for rtmidi.MidiIn: ``push`` delivers a message to its callback."""

    instances: ClassVar[list[FakeMidiIn]] = []

    def __init__(self, api: int, name: str = "") -> None:
        self.callback: Any = None
        self.opened: int | str | None = None
        self.ignoring: dict[str, bool] = {}
        self.closed = False
        FakeMidiIn.instances.append(self)

    def get_ports(self) -> list[str]:
        return ["Keystation:out 1", "Pads:out 1"]

    def ignore_types(self, **kinds: bool) -> None:
        self.ignoring = kinds

    def open_port(self, index: int, name: str) -> None:
        self.opened = index

    def open_virtual_port(self, name: str) -> None:
        self.opened = name

    def set_callback(self, callback: Any, data: object = None) -> None:
        self.callback = callback

    def cancel_callback(self) -> None:
        self.callback = None

    def push(self, *data: int) -> None:
        if self.callback is not None:
            self.callback((list(data), 0.0), None)

    def close_port(self) -> None:
        self.closed = True

    def delete(self) -> None:
        pass


@pytest.fixture
def fake_ports(fake_rtmidi: Any) -> Any:  # noqa: F811
    fake_rtmidi.MidiIn = FakeMidiIn
    FakeMidiIn.instances = []
    return fake_rtmidi


def sent(index: int) -> list[str]:
    return [bytes(m).hex(" ") for m in FakeMidiOut.instances[index].sent]


def test_the_router_routes_by_port_name_and_releases_what_went_out() -> None:
    synth, drums = Fake(), Fake()
    router = Router(
        KeySplit("C3", Output("drums", 10), Output("synth", 1, program=5)),
        PortGroup({"synth": synth, "drums": drums}),
    )
    router.start()
    router.feed("keys", bytes([0x90, 36, 100]), router.started)
    router.feed("keys", bytes([0x90, 60, 100]), router.started)
    router.feed("keys", bytes([0x80, 60, 0]), router.started)
    router.feed("keys", bytes([0xB0, 64, 127]), router.started)
    assert router.stop() == 1  # the drum note still sounding
    router.feed("keys", bytes([0x90, 61, 100]), router.started)  # after the stop: nothing
    assert synth.sent == ["c0 04", "90 3c 64", "80 3c 00", "b0 40 7f", "b0 7b 00", "b0 40 00"]
    assert drums.sent == ["99 24 64", "b9 40 7f", "89 24 00", "b9 7b 00", "b9 40 00"]
    assert router.stats().received == 4


def test_a_patch_that_fails_on_an_event_drops_it_and_routing_goes_on(
    caplog: pytest.LogCaptureFixture,
) -> None:
    synth = Fake()
    router = Router(Call(lambda e: [e][e.data1 - 60]), PortGroup({"synth": synth}))
    router.feed("keys", bytes([0x90, 62, 100]), router.started)  # index 2: IndexError
    router.feed("keys", bytes([0x90, 60, 100]), router.started)
    router.stop()
    assert synth.sent[0] == "90 3c 64" and router.stats().errors == 1
    assert "the patch failed on keys  ch 1  NOTEON" in caplog.text


def test_routing_opens_inputs_by_name_and_stops_cleanly(fake_ports: Any) -> None:
    with routing(Transpose(-12), inputs="pads", outputs={"synth": "fluid"}) as running:
        (midi_in,) = FakeMidiIn.instances
        assert midi_in.opened == 1 and midi_in.ignoring["sysex"] is False
        midi_in.push(0x91, 72, 90)
        assert running.router.outputs.names == ["synth"]
    assert sent(0) == ["91 3c 5a", "81 3c 00", "b1 7b 00", "b1 40 00"]
    assert midi_in.closed and midi_in.callback is None


def test_an_output_the_patch_names_must_be_an_output(fake_ports: Any) -> None:
    with pytest.raises(LiveError, match="the patch routes to 'synht', which is no output"):
        routing(Port("synht"), inputs="pads", outputs={"synth": "fluid"})
    assert FakeMidiOut.instances == []  # nothing was opened


def test_an_input_that_is_not_there_lists_the_inputs(fake_ports: Any) -> None:
    with pytest.raises(PortNotFoundError, match="no MIDI input port matches 'Oxygen'; the ports"):
        open_input("Oxygen")
    assert open_input(Virtual("keys")).name == "keys"


def test_play_through_a_patch_sends_each_output_to_its_port(fake_ports: Any) -> None:
    score = sf.Score()
    score.tempo.hold(960)
    voice = score.part("Flute").voice("Fl")
    for key in (60, 72):
        voice.note(key, "1/16", velocity=100)
    patch = KeySplit("C5", Output("low", 2), Output("high", 3))
    stats = sf.live.play(score, port={"low": 0, "high": 1}, patch=patch)
    assert stats is not None and stats.sent == 4
    assert sent(0) == ["91 3c 64", "81 3c 00", "b1 7b 00", "b1 40 00"]
    assert sent(1) == ["92 48 64", "82 48 00", "b2 7b 00", "b2 40 00"]


def test_a_stream_to_a_port_group_plays_each_message_to_its_port() -> None:
    group = PortGroup({"a": Fake(), "b": Fake()})
    stream = sf.midi.messages(_two_notes(), patch=Channel(4) >> KeySplit(66, Port("a"), Port("b")))
    stats = play_messages(group, stream, clock=FakeClock())
    assert stats.sent == 4
    a, b = (port.sent for port in group.ports)  # type: ignore[attr-defined]
    assert a[:2] == ["93 3c 50", "83 3c 00"] and b[:2] == ["93 48 50", "83 48 00"]


def _two_notes() -> sf.Score:
    score = sf.Score()
    voice = score.part("P").voice("V")
    voice.note(60, "1/8")
    voice.note(72, "1/8")
    return score


def test_the_recorder_makes_a_score_of_what_it_heard() -> None:
    recorder = Recorder(inputs={}, tempo=120, meter="4/4")
    t0 = recorder.started
    feed = recorder.feed
    for at, data in [
        (-0.01, [0x90, 60, 90]),  # just before bar 1: kept, at bar 1
        (-1.0, [0x90, 50, 90]),  # in the count-in: dropped
        (0.5, [0x80, 60, 0]),
        (0.5, [0x90, 64, 80]),  # a chord: same onset, same length
        (0.5, [0x90, 67, 81]),
        (0.75, [0xB1, 7, 100]),  # a controller on channel 2
        (0.75, [0xC1, 4]),  # a program on channel 2
        (0.75, [0x91, 48, 70]),
        (1.0, [0x80, 64, 0]),
        (1.0, [0x80, 67, 0]),
        (1.0, [0x90, 62, 60]),  # overlaps the next note: another voice
        (1.25, [0x90, 65, 60]),
        (1.5, [0x80, 62, 0]),
    ]:
        feed("keys", bytes(data), t0 + at)
    score = recorder.stop(at=2.0)  # the note still held ends there
    one, two = score.parts
    assert (one.name, one.channel, two.name, two.channel, two.program) == (
        "Channel 1",
        1,
        "Channel 2",
        2,
        5,
    )
    F = sf.Fraction
    notes = [[(str(n.pitch), n.onset, n.period, n.velocity) for n in v.notes] for v in one.voices]
    assert notes == [
        [
            ("C4", F(0), F(1, 4), 90),
            ("E4", F(1, 4), F(1, 4), 80),
            ("G4", F(1, 4), F(1, 4), 81),
            ("D4", F(1, 2), F(1, 4), 60),
        ],
        [("F4", F(5, 8), F(3, 8), 60)],  # it started while D4 sounded: another voice
    ]
    assert [(str(n.pitch), n.onset, n.period) for n in two.voices[0].notes] == [
        ("C3", F(3, 8), F(5, 8))
    ]
    assert two.control(7).value_at(F(3, 8)) == 100
    score.validate()


def test_asking_for_quantize_without_a_quantizer_fails_before_recording(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr("scoreframe.live.recorder._quantizer", lambda: None)
    with pytest.raises(LiveValueError, match=r"quantize='1/16' needs the MIDI import's quantizer"):
        Recorder(inputs={}, quantize="1/16")


def test_quantize_is_handed_to_the_midi_import_when_there_is_one(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import scoreframe.midi as midi

    calls: list[tuple[str, object, int]] = []

    def to_score(path: Path, *, quantize: object) -> sf.Score:
        calls.append((Path(path).suffix, quantize, len(sf.midi.read(path).tracks)))
        return sf.Score(title="quantized")

    monkeypatch.setattr(midi, "to_score", to_score, raising=False)
    recorder = Recorder(inputs={}, quantize=[4, 3])
    recorder.feed("keys", bytes([0x90, 60, 90]), recorder.started + 0.1)
    assert recorder.stop().title == "quantized"
    assert calls == [(".mid", [4, 3], 2)]


def test_port_specs_from_the_command_line() -> None:
    assert port_specs(["synth=FLUID", "3", "Keys"], ["v"]) == {
        "synth": "FLUID",
        "3": 3,
        "Keys": "Keys",
        "v": Virtual("v"),
    }


@pytest.mark.parametrize(
    ("argv", "says"),
    [
        (["route", "p.py", "--out", "x"], "route needs --in NAME"),
        (["record", "take.mid"], "record needs --in NAME"),
        (["record", "take.ogg", "--in", "x"], "no exporter writes .ogg"),
        (["route", "nowhere.py", "--in", "a", "--out", "b"], "nowhere.py: no such file"),
    ],
)
def test_route_and_record_say_what_is_wrong(
    argv: list[str], says: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(argv, io.StringIO()) == 2
    assert says in capsys.readouterr().err


def test_scoreframe_route_runs_a_patch_file_until_ctrl_c(
    fake_ports: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    patch = tmp_path / "patch.py"
    patch.write_text("from scoreframe.units import Transpose\npatch = Transpose(12)\n")
    out = io.StringIO()

    def interrupt(self: Any, seconds: float | None = None) -> bool:
        FakeMidiIn.instances[0].push(0x90, 60, 100)
        return True  # as if Ctrl-C came

    monkeypatch.setattr("scoreframe.live.router.Routing.wait", interrupt)
    assert main(["route", str(patch), "--in", "keys", "--in-virtual", "v", "--out", "0"], out) == 0
    assert out.getvalue().splitlines() == [
        f"routing 'Keystation:out 1', 'v' -> '0' through {patch}; Ctrl-C stops",
        "routed 1 events, sent 1 messages, released 1 notes",
    ]
    assert sent(0) == ["90 48 64", "80 48 00", "b0 7b 00", "b0 40 00"]


def test_record_runs_for_its_bars_with_a_click_and_returns_the_take(fake_ports: Any) -> None:
    def play() -> None:
        FakeMidiIn.instances[0].push(0x90, 60, 100)
        FakeMidiIn.instances[0].push(0x80, 60, 0)

    timer = threading.Timer(0.1, play)
    timer.start()
    try:
        take = sf.live.record(inputs="pads", tempo=960, meter="2/4", bars=2, click="fluid")
    finally:
        timer.cancel()
    (part,) = take.parts
    assert [str(n.pitch) for n in part.voices[0].notes] == ["C4"]
    assert str(take.meters.meter_at(sf.Fraction(0))) == "2/4"
    clicks = sent(0)  # 2 bars of 2 beats at quarter = 960: a wood block on each beat
    assert clicks[:4] == ["99 4c 6e", "89 4c 00", "99 4d 50", "89 4d 00"]
