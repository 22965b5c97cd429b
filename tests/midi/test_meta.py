"""Meta and sysex events: every SMF 1.0 meta type as a commented hexdump, decoded fields,
checked builders, text encodings, and mido's meta decoder as a second opinion."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from scoreframe.errors import MidiMessageError
from scoreframe.midi import meta
from scoreframe.midi.message import Message
from scoreframe.midi.meta import META_SPECS, TEXT_KINDS, MetaMessage, SysEx
from tests.support import require_module

# Builder, its bytes (FF, type, length, data), and the fields the data decodes to.
EVENTS: list[tuple[bytes, str, dict[str, Any]]] = [
    (
        meta.sequence_number(258),
        "ff 00 02 01 02",  # sequence number 0x0102
        {"number": 258},
    ),
    (
        meta.text("text", "hi"),
        "ff 01 02 68 69",  # text "hi"
        {"text": "hi"},
    ),
    (
        meta.text("copyright", "(c)"),
        "ff 02 03 28 63 29",  # copyright "(c)"
        {"text": "(c)"},
    ),
    (
        meta.track_name("Oboe"),
        "ff 03 04 4f 62 6f 65",  # track name "Oboe"
        {"text": "Oboe"},
    ),
    (
        meta.instrument_name("Ob"),
        "ff 04 02 4f 62",  # instrument name "Ob"
        {"text": "Ob"},
    ),
    (
        meta.text("lyrics", "la"),
        "ff 05 02 6c 61",  # lyric "la"
        {"text": "la"},
    ),
    (
        meta.marker("A"),
        "ff 06 01 41",  # marker "A"
        {"text": "A"},
    ),
    (
        meta.text("cue_marker", "go"),
        "ff 07 02 67 6f",  # cue point "go"
        {"text": "go"},
    ),
    (
        meta.text("program_name", "P"),
        "ff 08 01 50",  # program name "P"
        {"text": "P"},
    ),
    (
        meta.text("device_name", "D"),
        "ff 09 01 44",  # device name "D"
        {"text": "D"},
    ),
    (
        meta.channel_prefix(16),
        "ff 20 01 0f",  # channel prefix: channel 16 is byte 15
        {"channel": 16},
    ),
    (
        meta.port(3),
        "ff 21 01 03",  # MIDI port 3
        {"port": 3},
    ),
    (
        meta.end_of_track(),
        "ff 2f 00",  # end of track: no data
        {},
    ),
    (
        meta.set_tempo(500_000),
        "ff 51 03 07 a1 20",  # 500000 us per quarter (120 BPM)
        {"tempo": 500_000},
    ),
    (
        meta.smpte_offset(1, 2, 3, 4, 5),
        "ff 54 05 01 02 03 04 05",  # 01:02:03, frame 4.05 at 24
        {"rate": 24, "hours": 1, "minutes": 2, "seconds": 3, "frames": 4, "subframes": 5},
    ),
    (
        meta.smpte_offset(23, 59, 59, 29, 99, rate=30),
        "ff 54 05 77 3b 3b 1d 63",  # hours byte: rate code 3 (30 fps) << 5 | 23
        {"rate": 30, "hours": 23, "minutes": 59, "seconds": 59, "frames": 29, "subframes": 99},
    ),
    (
        meta.time_signature(6, 8, 36),
        "ff 58 04 06 03 24 08",  # 6/8 (8 = 2**3), 36 clocks, 8
        {"numerator": 6, "denominator": 8, "clocks_per_click": 36, "notated_32nds_per_quarter": 8},
    ),
    (
        meta.time_signature(3, 2, 48, 16),
        "ff 58 04 03 01 30 10",  # 3/2, 48 clocks, 16 32nds
        {"numerator": 3, "denominator": 2, "clocks_per_click": 48, "notated_32nds_per_quarter": 16},
    ),
    (
        meta.key_signature(-3, True),
        "ff 59 02 fd 01",  # 3 flats (-3 as a signed byte), minor
        {"fifths": -3, "minor": True},
    ),
    (
        meta.key_signature(7, False),
        "ff 59 02 07 00",  # 7 sharps, major
        {"fifths": 7, "minor": False},
    ),
    (
        meta.sequencer_specific(b"\x00\x00\x41"),
        "ff 7f 03 00 00 41",  # a manufacturer's bytes
        {"data": b"\x00\x00\x41"},
    ),
    (
        meta.meta_event(0x60, b"odd"),
        "ff 60 03 6f 64 64",  # a type SMF 1.0 does not define
        {"data": b"odd"},
    ),
]
IDS = [data.hex(" ") for data, _, _ in EVENTS]


@pytest.mark.parametrize(("data", "dump", "fields"), EVENTS, ids=IDS)
def test_builders_write_complete_events(data: bytes, dump: str, fields: dict[str, Any]) -> None:
    assert data == bytes.fromhex(dump)


@pytest.mark.parametrize(("data", "dump", "fields"), EVENTS, ids=IDS)
def test_meta_messages_decode_their_fields(data: bytes, dump: str, fields: dict[str, Any]) -> None:
    message = MetaMessage(data[1], data[3:])
    assert message.fields == fields
    assert message.to_bytes() == data


@pytest.mark.parametrize(("data", "dump", "fields"), EVENTS[:-1], ids=IDS[:-1])
def test_make_takes_the_fields_back(data: bytes, dump: str, fields: dict[str, Any]) -> None:
    message = MetaMessage(data[1], data[3:])
    assert MetaMessage.make(message.type, **fields) == message


def test_the_table_holds_every_smf_1_meta_type() -> None:
    assert sorted(spec.type_byte for spec in META_SPECS) == [
        0x00,
        0x01,
        0x02,
        0x03,
        0x04,
        0x05,
        0x06,
        0x07,
        0x08,
        0x09,
        0x20,
        0x21,
        0x2F,
        0x51,
        0x54,
        0x58,
        0x59,
        0x7F,
    ]
    assert list(TEXT_KINDS) == [
        "text",
        "copyright",
        "track_name",
        "instrument_name",
        "lyrics",
        "marker",
        "cue_marker",
        "program_name",
        "device_name",
    ]


def test_text_is_latin_1_when_it_can_be_and_utf_8_beyond() -> None:
    assert meta.track_name("Flöte") == bytes.fromhex(
        "ff 03 05"  # track name, 5 bytes
        "46 6c f6 74 65"  # F l ö(latin-1 0xf6) t e
    )
    assert meta.marker("笛") == bytes.fromhex(
        "ff 06 03"  # marker, 3 bytes
        "e7 ac 9b"  # 笛 in UTF-8
    )
    assert MetaMessage(0x03, b"Fl\xf6te").fields == {"text": "Flöte"}  # not UTF-8: Latin-1
    assert MetaMessage(0x06, "笛 ♯".encode()).fields == {"text": "笛 ♯"}


def test_unknown_and_malformed_metas_are_kept_byte_for_byte() -> None:
    unknown = MetaMessage(0x60, b"\x01\x02")
    assert (unknown.type, unknown.spec, str(unknown)) == (
        "unknown_meta_60",
        None,
        "unknown_meta_60 data=01 02",
    )
    short_tempo = MetaMessage(0x51, b"\x07\xa1")
    assert short_tempo.fields == {}
    assert str(short_tempo) == "set_tempo (malformed) data=07 a1"
    assert short_tempo.to_bytes() == bytes.fromhex("ff 51 02 07 a1")
    assert MetaMessage(0x59, b"\x08\x00").fields == {}  # 8 sharps: no such key
    assert MetaMessage(0x20, b"\x10").fields == {}  # channel byte 16: no such channel


def test_the_text_form() -> None:
    assert str(MetaMessage(0x51, bytes.fromhex("07 a1 20"))) == "set_tempo tempo=500000"
    assert str(MetaMessage(0x2F, b"")) == "end_of_track"
    assert str(MetaMessage(0x7F, b"\x41")) == "sequencer_specific data=41"
    assert str(MetaMessage(0x59, b"\x02\x00")) == "key_signature fifths=2 minor=False"


def test_sysex_events() -> None:
    assert meta.sysex(bytes.fromhex("7e 7f 09 01 f7")) == bytes.fromhex(
        "f0"  # system exclusive
        "05"  # five bytes follow
        "7e 7f 09 01"  # universal non-realtime, all devices, General MIDI on
        "f7"  # end of exclusive
    )
    assert meta.sysex(bytes.fromhex("7e 7f 09 01")) == meta.sysex(bytes.fromhex("7e 7f 09 01 f7"))
    assert meta.sysex(bytes.fromhex("f3 01"), escape=True) == bytes.fromhex(
        "f7"  # an escape: the bytes are sent as they are
        "02 f3 01"  # two bytes: song select 1
    )
    event = SysEx(0xF7, b"\xf3\x01")
    assert (event.type, str(event)) == ("sysex_escape", "sysex_escape data=f3 01")
    assert SysEx(0xF0, bytearray(b"\x01\xf7")).data == b"\x01\xf7"


@pytest.mark.parametrize(
    ("build", "message"),
    [
        (lambda: meta.set_tempo(0), "set_tempo: microseconds per quarter 0 must be in 1..16777215"),
        (lambda: meta.set_tempo(0x1000000), "set_tempo: microseconds per quarter 16777216 must be"),
        (
            lambda: meta.time_signature(3, 6),
            "time_signature: denominator 6 is not a power of 2 "
            "(give the real value: 4 for a quarter",
        ),
        (lambda: meta.time_signature(0, 4), "time_signature: numerator 0 must be in 1..255"),
        (
            lambda: meta.time_signature(3, 4.0),
            "time_signature: denominator must be an int, not 4.0",
        ),
        (lambda: meta.key_signature(8, False), "key_signature: fifths 8 must be in -7..7"),
        (lambda: meta.key_signature(0, 1), "key_signature: minor must be True or False, not 1"),
        (lambda: meta.smpte_offset(24, 0, 0, 0), "smpte_offset: hours 24 must be in 0..23"),
        (
            lambda: meta.smpte_offset(0, 0, 0, 25, rate=25),
            "smpte_offset: frames (at 25 fps) 25 must be in 0..24",
        ),
        (
            lambda: meta.smpte_offset(0, 0, 0, 0, rate=60),
            "smpte_offset: rate 60 must be 24, 25, 29 (29.97 drop-frame) or 30 frames per second",
        ),
        (lambda: meta.channel_prefix(0), "channel_prefix: channel 0 must be in 1..16"),
        (lambda: meta.port(128), "midi_port: port 128 must be in 0..127"),
        (
            lambda: meta.sequence_number(0x10000),
            "sequence_number: number 65536 must be in 0..65535",
        ),
        (lambda: meta.text("title", "x"), "text kind 'title' must be one of text, copyright, "),
        (lambda: meta.track_name(b"x"), "track_name: text must be a str, not bytes"),
        (lambda: meta.sequencer_specific("x"), "sequencer_specific: data must be bytes, not str"),
        (lambda: meta.meta_event(0x80, b""), "meta event: type 128 must be in 0..127"),
        (lambda: meta.meta_event(0x51, b"\x01"), "set_tempo: 1 data bytes; it takes 3"),
        (
            lambda: meta.sysex(b"\x01\x80\x02"),
            "sysex: data byte 0x80 at index 1 must be in 0x00..0x7f (only the final F7",
        ),
        (lambda: MetaMessage.make("tempo", tempo=1), "unknown meta event 'tempo'; known: "),
        (lambda: MetaMessage.make("set_tempo", bpm=1), "set_tempo takes tempo; got bpm"),
        (lambda: MetaMessage.make("end_of_track", x=1), "end_of_track takes no fields; got x"),
        (lambda: MetaMessage(256, b""), "meta event: type byte 256 must be in 0..255"),
        (lambda: SysEx(0xF1, b""), "sysex: status 241 must be 0xf0 or 0xf7"),
    ],
)
def test_builders_check_their_values(build: Callable[[], object], message: str) -> None:
    with pytest.raises(MidiMessageError, match="^" + re.escape(message)):
        build()


# What mido's meta decoder says of each of our meta events, in its names and counting.
MAJOR = ["Cb", "Gb", "Db", "Ab", "Eb", "Bb", "F", "C", "G", "D", "A", "E", "B", "F#", "C#"]
MINOR = ["Ab", "Eb", "Bb", "F", "C", "G", "D", "A", "E", "B", "F#", "C#", "G#", "D#", "A#"]
MIDO_NAMES = {
    "notated_32nds_per_quarter": "notated_32nd_notes_per_beat",
    "subframes": "sub_frames",
    "rate": "frame_rate",
}


def mido_meta_dict(message: MetaMessage) -> dict[str, Any]:
    """The ``dict()`` mido gives for our meta event (less its time)."""
    fields = message.fields
    if message.type.startswith("unknown_meta") or message.type == "program_name":
        return {"type": "unknown_meta", "type_byte": message.type_byte, "data": tuple(message.data)}
    if message.type == "key_signature":
        names = MINOR if fields["minor"] else MAJOR
        fields = {"key": names[fields["fifths"] + 7] + ("m" if fields["minor"] else "")}
    if message.type in ("track_name", "instrument_name", "device_name"):
        fields = {"name": fields["text"]}
    if message.type == "channel_prefix":
        fields = {"channel": fields["channel"] - 1}
    if message.type == "smpte_offset" and fields["rate"] == 29:
        fields = {**fields, "rate": 29.97}
    if message.type == "sequencer_specific":
        fields = {"data": tuple(fields["data"])}
    return {"type": message.type, **{MIDO_NAMES.get(k, k): v for k, v in fields.items()}}


def as_mido(message: Message | MetaMessage | SysEx) -> dict[str, Any]:
    """Any of our messages as :func:`mido_dict` should show it when mido reads it."""
    if isinstance(message, MetaMessage):
        return mido_meta_dict(message)
    if isinstance(message, SysEx):  # mido drops the F0 and the final F7
        return {"type": "sysex", "data": tuple(message.data.removesuffix(b"\xf7"))}
    fields = message.fields
    if "program" in fields:
        fields["program"] -= 1
    return {"type": message.type, "channel": message.channel - 1, **fields}


def mido_dict(message: Any) -> dict[str, Any]:
    """A mido message as a plain dict, less its time (sequences of bytes as tuples)."""
    theirs = message.dict()
    del theirs["time"]
    if "data" in theirs:
        theirs["data"] = tuple(theirs["data"])
    return dict(theirs)


def mido_decode(message: MetaMessage) -> dict[str, Any]:
    require_module("mido")
    from mido.midifiles.meta import build_meta_message

    return mido_dict(build_meta_message(message.type_byte, list(message.data), 0))


@pytest.mark.parametrize(("data", "dump", "fields"), EVENTS, ids=IDS)
def test_mido_decodes_our_metas_alike(data: bytes, dump: str, fields: dict[str, Any]) -> None:
    message = MetaMessage(data[1], data[3:])
    assert mido_decode(message) == mido_meta_dict(message)


@given(
    st.integers(-7, 7),
    st.booleans(),
    st.sampled_from([24, 25, 29, 30]),
    st.integers(1, 255),
    st.integers(0, 7),
)
def test_mido_agrees_on_keys_rates_and_meters(
    fifths: int, minor: bool, rate: int, numerator: int, power: int
) -> None:
    for data in (
        meta.key_signature(fifths, minor),
        meta.smpte_offset(5, 6, 7, 8, rate=rate),
        meta.time_signature(numerator, 1 << power),
    ):
        message = MetaMessage(data[1], data[3:])
        assert mido_decode(message) == mido_meta_dict(message)
