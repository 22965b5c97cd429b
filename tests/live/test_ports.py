"""Ports: backend choice (ALSA, then JACK), finding a port, virtual ports, the missing extra.

A fake ``rtmidi`` module stands in for python-rtmidi, so these tests run without a MIDI system.
"""

from __future__ import annotations

import logging
import sys
import types
from pathlib import Path
from typing import Any, ClassVar

import pytest

from scoreframe.errors import LiveError, MissingDependencyError, PortNotFoundError
from scoreframe.live import midiports as live_ports
from scoreframe.live.midiports import Backend, MidiPort, OutputPort, find_port, open_output

NAMES = ["FLUID Synth (123):Synth input port (123:0) 128:0", "Midi Through:Port-0 14:0"]


class FakeRtMidiError(Exception):
    pass


class FakeMidiOut:
    """Records what the player's port wrapper asks of rtmidi."""

    instances: ClassVar[list[FakeMidiOut]] = []

    def __init__(self, api: int, name: str = "") -> None:
        if api in self.failing:
            raise FakeRtMidiError(f"MidiOut::initialize: backend {api} is not running")
        self.api, self.client = api, name
        self.opened: int | str | None = None
        self.sent: list[list[int]] = []
        self.closed = self.deleted = False
        self.refuse = False
        FakeMidiOut.instances.append(self)

    failing: ClassVar[set[int]] = set()

    def get_ports(self) -> list[str]:
        return list(NAMES)

    def open_port(self, index: int, name: str) -> None:
        self.opened = index

    def open_virtual_port(self, name: str) -> None:
        self.opened = name

    def send_message(self, data: bytes) -> None:
        if self.refuse:
            raise FakeRtMidiError("port went away")
        self.sent.append(list(data))

    def close_port(self) -> None:
        self.closed = True

    def delete(self) -> None:
        self.deleted = True


@pytest.fixture
def fake_rtmidi(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> types.SimpleNamespace:
    module = types.SimpleNamespace(
        API_MACOSX_CORE=1,
        API_LINUX_ALSA=2,
        API_UNIX_JACK=3,
        API_WINDOWS_MM=4,
        RtMidiError=FakeRtMidiError,
        MidiOut=FakeMidiOut,
        get_compiled_api=lambda: [2, 3],
    )
    FakeMidiOut.instances = []
    FakeMidiOut.failing = set()
    monkeypatch.setitem(sys.modules, "rtmidi", module)
    monkeypatch.setattr(sys, "platform", "linux")
    sequencer = tmp_path / "seq"
    sequencer.touch()  # an ALSA sequencer device "exists"
    monkeypatch.setattr(live_ports, "ALSA_SEQUENCER_DEVICE", str(sequencer))
    return module


def test_without_python_rtmidi_the_error_says_what_to_install(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setitem(sys.modules, "rtmidi", None)
    with pytest.raises(MissingDependencyError, match=r"pip install 'scoreframe\[live\]'") as caught:
        live_ports.ports()
    assert isinstance(caught.value, ImportError)


def test_alsa_is_tried_first(fake_rtmidi: Any) -> None:
    with open_output("fluid") as port:
        assert port.backend is Backend.ALSA
        assert FakeMidiOut.instances[0].api == fake_rtmidi.API_LINUX_ALSA


def test_without_alsa_it_falls_back_to_jack_and_says_so(
    fake_rtmidi: Any, caplog: pytest.LogCaptureFixture
) -> None:
    FakeMidiOut.failing = {fake_rtmidi.API_LINUX_ALSA}
    with caplog.at_level(logging.INFO, logger="scoreframe.live"), open_output("fluid") as port:
        assert port.backend is Backend.JACK
    assert "using the JACK MIDI backend (ALSA: MidiOut::initialize" in caplog.text


def test_a_missing_sequencer_device_skips_alsa_without_trying_it(
    fake_rtmidi: Any, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    monkeypatch.setattr(live_ports, "ALSA_SEQUENCER_DEVICE", "/nonexistent/snd/seq")
    with caplog.at_level(logging.INFO, logger="scoreframe.live"), open_output(0) as port:
        assert port.backend is Backend.JACK
    assert [m.api for m in FakeMidiOut.instances] == [fake_rtmidi.API_UNIX_JACK]
    assert "no ALSA sequencer (/nonexistent/snd/seq is missing)" in caplog.text


def test_no_working_backend_names_each_and_why(fake_rtmidi: Any) -> None:
    FakeMidiOut.failing = {fake_rtmidi.API_LINUX_ALSA, fake_rtmidi.API_UNIX_JACK}
    with pytest.raises(LiveError, match=r"ALSA: MidiOut::initialize.*JACK: MidiOut::initialize"):
        live_ports.ports()


def test_a_backend_not_compiled_in_is_reported(fake_rtmidi: Any) -> None:
    with pytest.raises(LiveError, match="CORE_MIDI: not compiled into this python-rtmidi"):
        live_ports.ports(Backend.CORE_MIDI)


def test_an_explicit_backend_is_the_only_one_tried(fake_rtmidi: Any) -> None:
    with open_output("fluid", backend=Backend.JACK) as port:
        assert port.backend is Backend.JACK


def test_ports_lists_the_names_and_releases_the_client(fake_rtmidi: Any) -> None:
    assert live_ports.ports() == NAMES
    assert FakeMidiOut.instances[0].deleted


@pytest.mark.parametrize(
    ("wanted", "index"),
    [(NAMES[1], 1), ("FLUID", 0), ("midi through", 1), (1, 1), (None, 0)],
)
def test_find_port_by_exact_name_substring_or_index(wanted: str | int | None, index: int) -> None:
    assert find_port(NAMES, wanted) == index


def test_an_exact_name_wins_over_substring_matches() -> None:
    assert find_port(["synth", "synth 2"], "synth") == 0


def test_a_missing_port_lists_the_ports_there_are() -> None:
    with pytest.raises(PortNotFoundError) as caught:
        find_port(NAMES, "Qsynth")
    message = str(caught.value)
    assert "no MIDI output port matches 'Qsynth'" in message
    assert "0: 'FLUID Synth (123)" in message and "1: 'Midi Through:Port-0 14:0'" in message
    assert isinstance(caught.value, LookupError)


def test_an_index_out_of_range_is_not_found() -> None:
    with pytest.raises(PortNotFoundError, match="there is no MIDI output port 5; the ports are"):
        find_port(NAMES, 5)


def test_an_ambiguous_substring_is_refused() -> None:
    with pytest.raises(PortNotFoundError, match="':' matches 2 MIDI output ports"):
        find_port(NAMES, ":")


def test_no_ports_at_all() -> None:
    with pytest.raises(PortNotFoundError, match="there are no MIDI output ports"):
        find_port([], None)


def test_open_output_opens_the_matching_index(fake_rtmidi: Any) -> None:
    port = open_output("through", client="tester")
    assert (port.name, FakeMidiOut.instances[0].opened) == (NAMES[1], 1)
    assert FakeMidiOut.instances[0].client == "tester"
    port.close()


def test_open_output_not_found_releases_the_client(fake_rtmidi: Any) -> None:
    with pytest.raises(PortNotFoundError):
        open_output("nothing like it")
    assert FakeMidiOut.instances[0].deleted


def test_a_virtual_port_is_created_under_its_name(fake_rtmidi: Any) -> None:
    with open_output("scoreframe-out", virtual=True) as port:
        assert port.info.virtual and port.name == "scoreframe-out"
        assert FakeMidiOut.instances[0].opened == "scoreframe-out"


def test_the_port_sends_bytes_and_closes_once(fake_rtmidi: Any) -> None:
    with open_output(0) as port:
        assert isinstance(port, MidiPort)
        port.send(bytes([0x90, 60, 100]))
    midi_out = FakeMidiOut.instances[0]
    assert midi_out.sent == [[0x90, 60, 100]]
    assert midi_out.closed and midi_out.deleted and port.closed
    port.close()  # twice is fine
    with pytest.raises(LiveError, match="is closed"):
        port.send(bytes([0x80, 60, 0]))


def test_a_send_failure_becomes_a_live_error_naming_the_port(fake_rtmidi: Any) -> None:
    port: OutputPort = open_output(0)
    FakeMidiOut.instances[0].refuse = True
    with pytest.raises(LiveError, match=r"FLUID Synth .* refused 90 3c 64: port went away"):
        port.send(bytes([0x90, 60, 100]))
    port.close()


def test_backend_platform_order() -> None:
    assert live_ports.backend_order("darwin") == (Backend.CORE_MIDI, Backend.JACK)
    assert live_ports.backend_order("win32") == (Backend.WINDOWS_MM,)
    assert live_ports.backend_order("freebsd14") == (Backend.JACK,)


def test_backend_constants_match_python_rtmidi() -> None:
    rtmidi = pytest.importorskip("rtmidi")
    assert Backend.ALSA.api(rtmidi) == rtmidi.API_LINUX_ALSA
    assert Backend.JACK.api(rtmidi) == rtmidi.API_UNIX_JACK
    assert Backend.CORE_MIDI.api(rtmidi) == rtmidi.API_MACOSX_CORE
    assert Backend.WINDOWS_MM.api(rtmidi) == rtmidi.API_WINDOWS_MM
