"""Events and bytes, checked against mido (a reader we did not write)."""

from __future__ import annotations

from typing import Any

import pytest

from scoreframe.units.event import Event, Kind
from tests.support import require_module

MESSAGES = [
    "90 3c 64",  # note_on channel 1
    "8f 7f 40",  # note_off channel 16, release velocity 64
    "a3 40 11",  # polytouch
    "b2 07 7f",  # control_change
    "c9 00",  # program_change 1 on channel 10
    "d0 55",  # aftertouch
    "e0 00 00",  # pitchwheel -8192
    "e5 7f 7f",  # pitchwheel 8191
    "e0 00 40",  # pitchwheel 0
    "f0 7e 7f 09 01 f7",  # sysex
    "f1 35",  # quarter_frame
    "f2 10 20",  # songpos
    "f3 05",  # song_select
    "f6",
    "f8",
    "fa",
    "fb",
    "fc",
    "fe",
    "ff",
]
# mido's field names and ours (mido counts channels and programs from 0, pitch from -8192)
FIELDS = {"note": "note", "velocity": "velocity", "control": "ctrl", "value": "value"}


@pytest.mark.parametrize("text", MESSAGES)
def test_event_bytes_agree_with_mido(text: str) -> None:
    mido: Any = require_module("mido")
    data = bytes.fromhex(text)
    theirs = mido.Message.from_bytes(list(data))
    ours = Event.from_bytes(data, "p", 1.5)
    assert ours is not None and ours.to_bytes() == bytes(theirs.bytes())
    if hasattr(theirs, "channel") and theirs.type != "sysex":
        assert ours.channel == theirs.channel + 1
    for name, mine in FIELDS.items():
        if hasattr(theirs, name):
            assert getattr(ours, mine) == getattr(theirs, name)
    if theirs.type == "program_change":
        assert ours.program == theirs.program + 1
    if theirs.type == "pitchwheel":
        assert ours.value == theirs.pitch
    if theirs.type == "songpos":
        assert ours.data1 == theirs.pos


def test_a_note_on_with_velocity_0_is_the_note_off_it_means() -> None:
    event = Event.from_bytes(bytes.fromhex("93 40 00"))
    assert event is not None and event.kind is Kind.NOTEOFF and event.channel == 4
    assert event.to_bytes().hex(" ") == "83 40 00"


@pytest.mark.parametrize("text", ["", "90 3c", "90 3c 80", "f4", "f9", "fd", "3c"])
def test_bytes_that_are_no_message_give_no_event(text: str) -> None:
    assert Event.from_bytes(bytes.fromhex(text)) is None


def test_a_field_the_kind_does_not_have_is_an_attribute_error() -> None:
    event = Event("p", 1, Kind.NOTEON, 60, 100)
    with pytest.raises(AttributeError, match="a NOTEON event has no ctrl"):
        _ = event.ctrl


def test_the_event_codec_agrees_with_the_message_specs_everywhere() -> None:
    """The units' fast codec (tables read once from the specs) against the specs' own encode
    and decode (scoreframe.midi.message.Message), over every channel message kind and the
    edges of every value."""
    from scoreframe.midi.message import SPECS, Message

    for spec in SPECS:
        for channel in (1, 7, 16):
            for values in _edges(spec.fields):
                message = Message(spec.name, channel, values)
                data = message.to_bytes()
                event = Event.from_bytes(data)
                named = message.fields
                if spec.name == "note_on" and named["velocity"] == 0:  # read as its note-off
                    data = bytes([0x80 | (channel - 1), *data[1:]])
                assert event is not None and event.to_bytes() == data
                assert event.channel == channel
                for field, value in named.items():
                    ours = {"note": event.data1, "control": event.data1}.get(field, event.data2)
                    assert ours == value, (spec.name, field)


def _edges(fields: tuple[Any, ...]) -> list[tuple[int, ...]]:
    out: list[tuple[int, ...]] = [()]
    for field in fields:
        middle = (field.low + field.high) // 2
        out = [(*head, v) for head in out for v in (field.low, middle, field.high)]
    return out
