"""Channel voice messages: bytes as commented hexdumps, checked values with precise errors, the
text form, and mido as an independent encoder and decoder."""

from __future__ import annotations

import copy
import dataclasses
import pickle
import re
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from scoreframe.errors import MidiMessageError
from scoreframe.midi.message import BY_NAME, DATA_LENGTH, SPECS, Message, channel_bytes
from tests.support import require_module

# Each message and its bytes: status (kind in the high nibble, channel - 1 in the low), data.
HEXDUMPS = [
    (
        Message.make("note_off", channel=1, note=60, velocity=64),
        "80 3c 40",
    ),  # note off, channel 1 | note 60 | velocity 64
    (
        Message.make("note_on", channel=16, note=127, velocity=1),
        "9f 7f 01",
    ),  # note on, channel 16 | note 127 | velocity 1
    (
        Message.make("polytouch", channel=3, note=0, value=127),
        "a2 00 7f",
    ),  # polyphonic key pressure, channel 3 | note 0 | pressure 127
    (
        Message.make("control_change", channel=10, control=7, value=100),
        "b9 07 64",
    ),  # control change, channel 10 | controller 7 (volume) | value 100
    (
        Message.make("program_change", channel=1, program=1),
        "c0 00",
    ),  # program change, channel 1 | program 1 as musicians count, 0 in the byte
    (Message.make("program_change", channel=2, program=128), "c1 7f"),  # program 128 is byte 0x7f
    (
        Message.make("aftertouch", channel=5, value=33),
        "d4 21",
    ),  # channel pressure, channel 5 | pressure 33
    (
        Message.make("pitchwheel", channel=1, pitch=0),
        "e0 00 40",
    ),  # pitch bend, channel 1 | LSB 0x00, MSB 0x40: 8192 unsigned, the centre
    (Message.make("pitchwheel", channel=1, pitch=-8192), "e0 00 00"),  # the lowest: 0 unsigned
    (Message.make("pitchwheel", channel=1, pitch=8191), "e0 7f 7f"),  # the highest: 16383 unsigned
    (
        Message.make("pitchwheel", channel=7, pitch=1),
        "e6 01 40",
    ),  # LSB first: 8193 = 0x40 << 7 | 0x01
]
IDS = [str(m) for m, _ in HEXDUMPS]


@pytest.mark.parametrize(("message", "dump"), HEXDUMPS, ids=IDS)
def test_messages_encode_to_their_bytes(message: Message, dump: str) -> None:
    assert message.to_bytes() == bytes.fromhex(dump)


@pytest.mark.parametrize(("message", "dump"), HEXDUMPS, ids=IDS)
def test_bytes_decode_to_their_messages(message: Message, dump: str) -> None:
    assert Message.from_bytes(bytes.fromhex(dump)) == message


@pytest.mark.parametrize(("message", "dump"), HEXDUMPS, ids=IDS)
def test_the_text_form_reads_back(message: Message, dump: str) -> None:
    assert Message.from_str(str(message)) == message


def test_the_text_form_and_the_fields() -> None:
    message = Message.make("control_change", channel=2, control=64, value=127)
    assert str(message) == "control_change channel=2 control=64 value=127"
    assert message.fields == {"control": 64, "value": 127}
    assert (message.type, message.channel, message.control, message.value) == (
        "control_change",
        2,
        64,
        127,
    )
    assert repr(message) == "Message(type='control_change', channel=2, values=(64, 127))"
    with pytest.raises(AttributeError, match="'control_change' has no field 'note'"):
        _ = message.note


def test_one_table_covers_every_channel_voice_status() -> None:
    assert sorted(spec.status for spec in SPECS) == list(range(0x80, 0xF0, 0x10))
    # Program change and channel pressure take one data byte, the others two (MIDI 1.0).
    assert {spec.name: spec.length for spec in SPECS} == {
        "note_off": 2,
        "note_on": 2,
        "polytouch": 2,
        "control_change": 2,
        "program_change": 1,
        "aftertouch": 1,
        "pitchwheel": 2,
    }
    assert DATA_LENGTH[0x9F] == 2 and DATA_LENGTH[0xC3] == 1
    assert DATA_LENGTH[0x7F] == DATA_LENGTH[0xF0] == DATA_LENGTH[0xFF] == 0


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (
            lambda: Message.make("note_on", channel=1, note=60, velocity=200),
            "note_on: velocity 200 must be in 0..127",
        ),
        (
            lambda: Message.make("note_on", channel=0, note=60, velocity=1),
            "note_on: channel 0 must be in 1..16",
        ),
        (
            lambda: Message.make("note_off", channel=17, note=60, velocity=1),
            "note_off: channel 17 must be in 1..16",
        ),
        (
            lambda: Message.make("program_change", channel=1, program=0),
            "program_change: program 0 must be in 1..128",
        ),
        (
            lambda: Message.make("pitchwheel", channel=1, pitch=8192),
            "pitchwheel: pitch 8192 must be in -8192..8191",
        ),
        (
            lambda: Message.make("polytouch", channel=1, note=-1, value=0),
            "polytouch: note -1 must be in 0..127",
        ),
        (
            lambda: Message.make("control_change", channel=1, control=7, value=1.5),
            "control_change: value must be an int in 0..127, not float (1.5)",
        ),
        (
            lambda: Message.make("note_on", channel=True, note=1, velocity=1),
            "note_on: channel must be an int in 1..16, not bool (True)",
        ),
        (
            lambda: Message.make("control_change", channel=1, control=7),
            "control_change takes control, value (and the channel); got control",
        ),
        (
            lambda: Message.make("aftertouch", channel=1, value=1, note=3),
            "aftertouch takes value (and the channel); got note, value",
        ),
        (
            lambda: Message.make("noteon", channel=1),
            "unknown message kind 'noteon'; known: note_off, note_on, polytouch, ",
        ),
        (
            lambda: Message("note_on", 1, (60,)),
            "note_on takes 2 values (note, velocity), got (60,)",
        ),
        (
            lambda: Message("aftertouch", 1, [3]),  # type: ignore[arg-type]
            "aftertouch takes 1 values (value), got [3]",
        ),
    ],
)
def test_constructors_check_every_value(make: Any, message: str) -> None:
    with pytest.raises(MidiMessageError) as error:
        make()
    assert str(error.value).startswith(message)
    assert isinstance(error.value, ValueError)


@pytest.mark.parametrize(
    ("dump", "message"),
    [
        ("", "no bytes: not a channel message"),
        ("3c 40", "3c 40: not a channel message (the first byte must be a status byte"),
        ("f0 01 f7", "f0 01 f7: not a channel message"),
        ("90 3c", "90 3c: note_on takes 2 data bytes in 0x00..0x7f after its status byte"),
        ("c0 01 02", "c0 01 02: program_change takes 1 data bytes"),
        ("b0 07 80", "b0 07 80: control_change takes 2 data bytes in 0x00..0x7f"),
    ],
)
def test_from_bytes_says_what_is_wrong(dump: str, message: str) -> None:
    with pytest.raises(MidiMessageError) as error:
        Message.from_bytes(bytes.fromhex(dump))
    assert str(error.value).startswith(message)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "no message in ''; write one as in 'note_on channel=1 note=60 velocity=100'"),
        ("note_on note=60 velocity=1", "no channel=1..16"),
        ("note_on channel=1 note=C4 velocity=1", "'note=C4' is not name=integer"),
        ("note_on channel=1 note=60", "note_on takes note, velocity (and the channel); got note"),
        ("note_on channel=1 note=60 velocity=128", "note_on: velocity 128 must be in 0..127"),
    ],
)
def test_from_str_says_what_is_wrong(text: str, message: str) -> None:
    with pytest.raises(MidiMessageError, match=re.escape(message)):
        Message.from_str(text)


def test_messages_are_frozen_hashable_values() -> None:
    message = Message.make("note_on", channel=3, note=60, velocity=90)
    twin = Message.from_bytes(bytes.fromhex("92 3c 5a"))
    assert message == twin and hash(message) == hash(twin)
    assert message != Message.make("note_on", channel=3, note=60, velocity=91)
    for clone in (copy.copy(message), copy.deepcopy(message), pickle.loads(pickle.dumps(message))):
        assert clone == message and clone.velocity == 90
    assert not hasattr(message, "__dict__")
    with pytest.raises(dataclasses.FrozenInstanceError):
        message.channel = 4  # type: ignore[misc]


def test_the_hot_path_helper_writes_raw_bytes() -> None:
    assert channel_bytes(0x90, 16, 60, 100) == bytes.fromhex("9f 3c 64")


@st.composite
def messages(draw: st.DrawFn) -> Message:
    """Any valid channel message."""
    spec = draw(st.sampled_from(SPECS))
    values = {f.name: draw(st.integers(f.low, f.high)) for f in spec.fields}
    return Message.make(spec.name, channel=draw(st.integers(1, 16)), **values)


def mido_fields(message: Any) -> dict[str, int]:
    """A mido message's fields counted our way (channel and program from 1)."""
    fields = {k: v for k, v in message.dict().items() if k not in ("type", "time", "channel")}
    if "program" in fields:
        fields["program"] += 1
    return fields


@given(messages())
def test_mido_decodes_our_bytes_to_the_same_message(message: Message) -> None:
    mido: Any = require_module("mido")
    theirs = mido.Message.from_bytes(message.to_bytes())
    assert (theirs.type, theirs.channel + 1) == (message.type, message.channel)
    assert mido_fields(theirs) == message.fields


@given(messages())
def test_we_decode_mido_bytes_to_the_same_message(message: Message) -> None:
    mido: Any = require_module("mido")
    fields = message.fields
    if "program" in fields:
        fields["program"] -= 1
    theirs = mido.Message(message.type, channel=message.channel - 1, **fields)
    assert Message.from_bytes(bytes(theirs.bytes())) == message


def test_every_kind_has_a_name_mido_knows() -> None:
    mido: Any = require_module("mido")
    for name, spec in BY_NAME.items():
        assert mido.Message(name).bytes()[0] == spec.status
