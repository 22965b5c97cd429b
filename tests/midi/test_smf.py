"""The SMF byte layer: hexdumps of what we write, mido as an independent reader, a fuzzed reader."""

from __future__ import annotations

import contextlib
import io
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from scoreframe.errors import MidiFileError, MidiMessageError
from scoreframe.midi import meta, read
from scoreframe.midi.message import Message
from scoreframe.midi.smf import encode_file, encode_track
from scoreframe.midi.vlq import decode, encode
from tests.support import require_module


def hexdump(text: str) -> bytes:
    """Bytes from a commented hexdump: everything after '#' on a line is a comment."""
    return bytes.fromhex(" ".join(line.split("#")[0] for line in text.splitlines()))


@pytest.mark.parametrize(
    ("value", "dump"),
    [
        (0, "00"),
        (0x7F, "7f"),
        (0x80, "81 00"),
        (0x2000, "c0 00"),
        (0x3FFF, "ff 7f"),
        (0x4000, "81 80 00"),
        (0x1FFFFF, "ff ff 7f"),
        (0x200000, "81 80 80 00"),
        (0x0FFFFFFF, "ff ff ff 7f"),
    ],
)
def test_variable_length_quantities_as_in_the_smf_spec(value: int, dump: str) -> None:
    assert encode(value) == bytes.fromhex(dump)
    assert decode(bytes.fromhex(dump), 0) == (value, len(bytes.fromhex(dump)))


def test_vlq_limits() -> None:
    with pytest.raises(MidiMessageError, match=r"0\.\.0xfffffff"):
        encode(0x10000000)
    with pytest.raises(MidiFileError, match="longer than four bytes"):
        decode(bytes.fromhex("ff ff ff ff 7f"), 0)


def test_a_small_format_1_file_byte_by_byte() -> None:
    conductor = [
        (0, meta.track_name("Etude")),
        (0, meta.time_signature(3, 4)),
        (0, meta.set_tempo(500_000)),
    ]
    notes = [
        (0, bytes.fromhex("c0 00")),
        (0, bytes.fromhex("90 3c 64")),
        (480, bytes.fromhex("80 3c 00")),
    ]
    assert encode_file([conductor, notes], ppq=480) == hexdump("""
        4d 54 68 64 00 00 00 06   # MThd, length 6
        00 01 00 02 01 e0         # format 1, two tracks, 480 ticks per quarter
        4d 54 72 6b 00 00 00 1c   # MTrk, 28 bytes
        00 ff 03 05 45 74 75 64 65  # delta 0: track name "Etude"
        00 ff 58 04 03 02 18 08   # time signature 3/4 (2 = log2 4), 24 clocks, 8 32nds
        00 ff 51 03 07 a1 20      # set tempo 500000 us per quarter
        00 ff 2f 00               # end of track
        4d 54 72 6b 00 00 00 10   # MTrk, 16 bytes
        00 c0 00                  # program change, channel 1, program 1
        00 90 3c 64               # note on C4 velocity 100
        83 60 80 3c 00            # delta 480: note off
        00 ff 2f 00               # end of track
    """)


def test_running_status_leaves_out_repeated_status_bytes() -> None:
    events = [
        (0, bytes.fromhex("90 3c 64")),
        (0, bytes.fromhex("90 40 64")),
        (10, bytes.fromhex("90 3c 00")),
        (10, meta.marker("x")),
        (10, bytes.fromhex("90 40 00")),
    ]
    assert encode_track(events, running_status=True) == hexdump("""
        4d 54 72 6b 00 00 00 17
        00 90 3c 64     # note on, status written
        00 40 64        # running status: no status byte
        0a 3c 00        # running status again
        00 ff 06 01 78  # a meta event cancels running status
        00 90 40 00     # so the status byte comes back
        00 ff 2f 00
    """)
    track = read(encode_file([events], ppq=96, format=0, running_status=True)).tracks[0]
    assert [str(e.message) for e in track.events][:3] == [
        "note_on channel=1 note=60 velocity=100",
        "note_on channel=1 note=64 velocity=100",
        "note_on channel=1 note=60 velocity=0",
    ]


def test_every_message_kind_and_meta_kind_round_trips() -> None:
    channel = [
        Message.make("note_off", channel=16, note=1, velocity=2),
        Message.make("note_on", channel=1, note=127, velocity=127),
        Message.make("polytouch", channel=3, note=60, value=9),
        Message.make("control_change", channel=4, control=7, value=100),
        Message.make("program_change", channel=5, program=128),
        Message.make("aftertouch", channel=6, value=50),
        Message.make("pitchwheel", channel=7, pitch=-8192),
        Message.make("pitchwheel", channel=7, pitch=8191),
    ]
    metas = [
        meta.sequence_number(7),
        meta.text("text", "t"),
        meta.text("copyright", "c"),
        meta.track_name("n"),
        meta.instrument_name("i"),
        meta.text("lyrics", "l"),
        meta.marker("m"),
        meta.text("cue_marker", "q"),
        meta.channel_prefix(16),
        meta.midi_port(3),
        meta.set_tempo(1),
        meta.smpte_offset(1, 2, 3, 4, 5),
        meta.time_signature(7, 8, 12),
        meta.key_signature(-3, True),
        meta.sequencer_specific(b"\x00\x01"),
        meta.meta_event(0x60, b"odd"),
        meta.sysex(b"\x7e\x7f\x09\x01\xf7"),
        meta.sysex(b"\xf3\x01", escape=True),
    ]
    track = [(i, m.to_bytes()) for i, m in enumerate(channel)] + [
        (100 + i, data) for i, data in enumerate(metas)
    ]
    parsed = read(encode_file([track], ppq=96, format=0)).tracks[0].events
    assert [e.message for e in parsed[: len(channel)]] == channel
    assert [e.message.to_bytes() for e in parsed[len(channel) : -1]] == metas
    assert parsed[len(channel) + 13].message.fields == {"fifths": -3, "minor": True}
    assert parsed[len(channel) + 15].message.type == "unknown_meta_60"


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda: Message.make("note_on", channel=0, note=60, velocity=1), "channel 0 must be"),
        (lambda: Message.make("note_on", channel=1, note=128, velocity=1), "note 128 must be"),
        (lambda: Message.make("pitchwheel", channel=1, pitch=8192), "pitch 8192 must be"),
        (lambda: Message.make("control_change", channel=1, control=7), "takes control, value"),
        (lambda: meta.time_signature(3, 6), "denominator 6 is not a power of 2"),
        (lambda: meta.set_tempo(0), "microseconds per quarter 0"),
        (lambda: meta.key_signature(8, False), "fifths 8"),
    ],
)
def test_messages_check_their_values(make: Any, message: str) -> None:
    with pytest.raises(MidiMessageError, match=message):
        make()


def test_mido_reads_what_we_write_message_by_message() -> None:
    mido: Any = require_module("mido")
    channel = [
        Message.make("note_on", channel=2, note=61, velocity=99),
        Message.make("control_change", channel=2, control=11, value=5),
        Message.make("pitchwheel", channel=2, pitch=-100),
        Message.make("program_change", channel=2, program=41),
        Message.make("note_off", channel=2, note=61, velocity=0),
    ]
    track = [(0, meta.key_signature(2, False))] + [
        (i * 7, m.to_bytes()) for i, m in enumerate(channel)
    ]
    data = encode_file([track], ppq=240, format=0, running_status=True)
    theirs = [m for m in mido.MidiFile(file=io.BytesIO(data)).tracks[0] if not m.is_meta]
    assert [(m.type, m.channel + 1) for m in theirs] == [(m.type, m.channel) for m in channel]
    assert theirs[2].pitch == -100 and theirs[3].program == 40
    assert read(data).tracks[0].events[-1].message.type == "end_of_track"


def test_we_read_what_mido_writes() -> None:
    mido: Any = require_module("mido")
    midi = mido.MidiFile(type=1, ticks_per_beat=384)
    track = mido.MidiTrack()
    track.append(mido.MetaMessage("set_tempo", tempo=600_000, time=0))
    track.append(mido.Message("note_on", channel=9, note=36, velocity=90, time=0))
    track.append(mido.Message("note_on", channel=9, note=36, velocity=0, time=384))
    track.append(mido.Message("sysex", data=[1, 2, 3], time=5))
    midi.tracks.append(track)
    buffer = io.BytesIO()
    midi.save(file=buffer)
    parsed = read(buffer.getvalue())
    events = parsed.tracks[0].events
    assert parsed.ppq == 384
    assert events[0].message.fields == {"tempo": 600_000}
    assert str(events[1].message) == "note_on channel=10 note=36 velocity=90"
    assert (events[2].tick, events[3].message.data) == (384, b"\x01\x02\x03\xf7")


def test_corrupt_input_names_the_byte() -> None:
    good = encode_file([[(0, bytes.fromhex("90 3c 64"))]], ppq=96, format=0)
    with pytest.raises(MidiFileError, match="not a MIDI file"):
        read(b"RIFF" + good[4:])
    with pytest.raises(MidiFileError, match=r"byte 0x12: chunk length 1000"):
        read(good[:18] + (1000).to_bytes(4, "big") + good[22:])
    with pytest.raises(MidiFileError, match=r"byte 0x17: data byte 0x3c with no running status"):
        read(good[:22] + bytes.fromhex("00 3c 64 64 00 ff 2f 00"))


SMALL_FILE = encode_file(
    [
        [(0, meta.set_tempo(400_000)), (0, meta.time_signature(6, 8, 36))],
        [
            (0, bytes.fromhex("c0 05")),
            (0, bytes.fromhex("90 3c 64")),
            (96, bytes.fromhex("80 3c 00")),
            (96, meta.sysex(b"\x01\xf7")),
            (200, bytes.fromhex("e0 00 40")),
        ],
    ],
    ppq=96,
    running_status=True,
)


@settings(max_examples=300)
@given(st.data())
def test_the_reader_raises_only_midi_file_errors_on_damaged_files(data: st.DataObject) -> None:
    blob = bytearray(SMALL_FILE)
    action = data.draw(st.sampled_from(["truncate", "flip", "lie", "random"]))
    if action == "truncate":
        blob = blob[: data.draw(st.integers(0, len(blob) - 1))]
    elif action == "flip":
        for _ in range(data.draw(st.integers(1, 8))):
            blob[data.draw(st.integers(0, len(blob) - 1))] ^= 1 << data.draw(st.integers(0, 7))
    elif action == "lie":
        at = data.draw(st.sampled_from([4, 18, 18 + 4 + int.from_bytes(blob[18:22], "big") + 4]))
        blob[at : at + 4] = data.draw(st.integers(0, 2**32 - 1)).to_bytes(4, "big")
    else:
        blob = bytearray(b"MThd\x00\x00\x00\x06" + data.draw(st.binary(max_size=200)))
    with contextlib.suppress(MidiFileError):
        read(bytes(blob))


def test_text_is_latin_1_when_it_can_be_and_utf_8_beyond() -> None:
    assert meta.track_name("Flöte") == b"\xff\x03\x05Fl\xf6te"
    assert meta.track_name("笛") == b"\xff\x03\x03" + "笛".encode()
    track = [(0, meta.track_name("Flöte")), (0, meta.marker("笛 ♯"))]
    events = read(encode_file([track], ppq=96, format=0)).tracks[0].events
    assert [e.message.fields["text"] for e in events[:2]] == ["Flöte", "笛 ♯"]
