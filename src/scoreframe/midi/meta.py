"""Meta events and system exclusive messages of SMF 1.0 (a table of meta specs).

Builders return complete event bytes (``FF type length data``) for the track writer; the reader
returns :class:`MetaMessage` (unknown types kept byte for byte) and :class:`SysEx`. Text is
written as Latin-1 (the SMF convention) when it can be, else as UTF-8; the reader takes bytes
that are valid UTF-8 as UTF-8, else Latin-1.

>>> set_tempo(500_000).hex(" ")
'ff 51 03 07 a1 20'
>>> time_signature(6, 8, 36).hex(" ")
'ff 58 04 06 03 24 08'
>>> MetaMessage(0x59, bytes([0xFD, 1])).fields
{'fifths': -3, 'minor': True}
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from ..errors import MidiMessageError
from .vlq import encode as vlq


def _text(data: bytes) -> dict[str, Any]:
    """Text as written: UTF-8 when the bytes are UTF-8 (as ours are outside Latin-1), else
    Latin-1 (the SMF convention, which never fails)."""
    try:
        return {"text": data.decode("utf-8")}
    except UnicodeDecodeError:
        return {"text": data.decode("latin-1")}


def _int(name: str) -> Callable[[bytes], dict[str, Any]]:
    return lambda data: {name: int.from_bytes(data, "big")}


def _time_signature(data: bytes) -> dict[str, Any]:
    return {"numerator": data[0], "denominator": 1 << data[1], "clocks_per_click": data[2],
            "notated_32nds_per_quarter": data[3]} if len(data) == 4 else {}


def _key_signature(data: bytes) -> dict[str, Any]:
    if len(data) != 2:
        return {}
    return {"fifths": data[0] - 256 if data[0] > 127 else data[0], "minor": data[1] == 1}


def _smpte(data: bytes) -> dict[str, Any]:
    names = ("hours", "minutes", "seconds", "frames", "subframes")
    return dict(zip(names, data, strict=False)) if len(data) == 5 else {}


def _nothing(data: bytes) -> dict[str, Any]:
    return {}


def _raw(data: bytes) -> dict[str, Any]:
    return {"data": data}


@dataclass(frozen=True, slots=True)
class MetaSpec:
    """A meta event type: its name, fixed data length (None: any) and decoder."""

    name: str
    length: int | None
    decode: Callable[[bytes], dict[str, Any]]


# Every meta event of SMF 1.0 (a table).
META: dict[int, MetaSpec] = {
    0x00: MetaSpec("sequence_number", 2, _int("number")),
    0x01: MetaSpec("text", None, _text),
    0x02: MetaSpec("copyright", None, _text),
    0x03: MetaSpec("track_name", None, _text),
    0x04: MetaSpec("instrument_name", None, _text),
    0x05: MetaSpec("lyrics", None, _text),
    0x06: MetaSpec("marker", None, _text),
    0x07: MetaSpec("cue_marker", None, _text),
    0x08: MetaSpec("program_name", None, _text),
    0x09: MetaSpec("device_name", None, _text),
    0x20: MetaSpec("channel_prefix", 1, _int("channel")),
    0x21: MetaSpec("midi_port", 1, _int("port")),
    0x2F: MetaSpec("end_of_track", 0, _nothing),
    0x51: MetaSpec("set_tempo", 3, _int("tempo")),
    0x54: MetaSpec("smpte_offset", 5, _smpte),
    0x58: MetaSpec("time_signature", 4, _time_signature),
    0x59: MetaSpec("key_signature", 2, _key_signature),
    0x7F: MetaSpec("sequencer_specific", None, _raw),
}
TEXT_TYPES = {spec.name: kind for kind, spec in META.items() if spec.decode is _text}


@dataclass(frozen=True, slots=True)
class MetaMessage:
    """A meta event as read: its type byte and data (unknown types keep their bytes)."""

    type_byte: int
    data: bytes

    @property
    def type(self) -> str:
        spec = META.get(self.type_byte)
        return spec.name if spec else f"unknown_meta_{self.type_byte:02x}"

    @property
    def fields(self) -> dict[str, Any]:
        spec = META.get(self.type_byte)
        return spec.decode(self.data) if spec else {"data": self.data}

    def to_bytes(self) -> bytes:
        return meta_event(self.type_byte, self.data)

    def __str__(self) -> str:
        return f"{self.type} " + " ".join(f"{k}={v!r}" for k, v in self.fields.items())


@dataclass(frozen=True, slots=True)
class SysEx:
    """A system exclusive event: ``F0`` (a message) or ``F7`` (an escape), and its data."""

    status: int
    data: bytes

    @property
    def type(self) -> str:
        return "sysex" if self.status == 0xF0 else "sysex_escape"

    def to_bytes(self) -> bytes:
        return bytes((self.status,)) + vlq(len(self.data)) + self.data


def meta_event(kind: int, data: bytes) -> bytes:
    """``FF kind length data``; a known type's fixed length is checked."""
    spec = META.get(kind)
    if not 0 <= kind <= 0x7F:
        raise MidiMessageError(f"meta type {kind:#x} must lie in 0x00..0x7f")
    if spec is not None and spec.length is not None and len(data) != spec.length:
        raise MidiMessageError(f"{spec.name}: {len(data)} data bytes, it takes {spec.length}")
    return bytes((0xFF, kind)) + vlq(len(data)) + data


def text(kind: str, value: str) -> bytes:
    """A text meta event of ``kind`` (text, copyright, track_name, marker...)."""
    if kind not in TEXT_TYPES:
        raise MidiMessageError(f"text kind {kind!r} is not one of {', '.join(TEXT_TYPES)}")
    try:
        data = value.encode("latin-1")
    except UnicodeEncodeError:
        data = value.encode("utf-8")  # beyond Latin-1: UTF-8, as most programs read it
    return meta_event(TEXT_TYPES[kind], data)


def track_name(value: str) -> bytes:
    return text("track_name", value)


def instrument_name(value: str) -> bytes:
    return text("instrument_name", value)


def marker(value: str) -> bytes:
    return text("marker", value)


def _ranged(what: str, value: int, low: int, high: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        raise MidiMessageError(f"{what} {value!r} must be an int in {low}..{high}")
    return value


def set_tempo(microseconds_per_quarter: int) -> bytes:
    value = _ranged("set_tempo: microseconds per quarter", microseconds_per_quarter, 1, 0xFFFFFF)
    return meta_event(0x51, value.to_bytes(3, "big"))


def time_signature(
    numerator: int, denominator: int, clocks_per_click: int = 24,
    notated_32nds_per_quarter: int = 8,
) -> bytes:
    """The denominator is the real one (8 for 6/8); the file holds its power of two."""
    _ranged("time_signature: numerator", numerator, 1, 255)
    if denominator < 1 or denominator & (denominator - 1):
        raise MidiMessageError(f"time_signature: denominator {denominator} is not a power of 2")
    _ranged("time_signature: clocks per click", clocks_per_click, 1, 255)
    _ranged("time_signature: 32nds per quarter", notated_32nds_per_quarter, 1, 255)
    data = bytes((numerator, denominator.bit_length() - 1, clocks_per_click,
                  notated_32nds_per_quarter))
    return meta_event(0x58, data)


def key_signature(fifths: int, minor: bool) -> bytes:
    _ranged("key_signature: fifths", fifths, -7, 7)
    return meta_event(0x59, bytes((fifths & 0xFF, 1 if minor else 0)))


def smpte_offset(hours: int, minutes: int, seconds: int, frames: int, subframes: int) -> bytes:
    values = (_ranged("smpte_offset: hours", hours, 0, 23),
              _ranged("smpte_offset: minutes", minutes, 0, 59),
              _ranged("smpte_offset: seconds", seconds, 0, 59),
              _ranged("smpte_offset: frames", frames, 0, 29),
              _ranged("smpte_offset: subframes", subframes, 0, 99))
    return meta_event(0x54, bytes(values))


def sequence_number(number: int) -> bytes:
    return meta_event(0x00, _ranged("sequence_number", number, 0, 0xFFFF).to_bytes(2, "big"))


def channel_prefix(channel: int) -> bytes:
    """Channel 1..16 (written 0..15)."""
    return meta_event(0x20, bytes((_ranged("channel_prefix: channel", channel, 1, 16) - 1,)))


def midi_port(port: int) -> bytes:
    return meta_event(0x21, bytes((_ranged("midi_port", port, 0, 127),)))


def sequencer_specific(data: bytes) -> bytes:
    return meta_event(0x7F, data)


def end_of_track() -> bytes:
    return b"\xff\x2f\x00"


def sysex(data: bytes, escape: bool = False) -> bytes:
    """An ``F0`` system exclusive message (``data`` ends with ``F7``) or an ``F7`` escape."""
    if not escape and not data.endswith(b"\xf7"):
        raise MidiMessageError("sysex data must end with F7 (or write an escape)")
    return SysEx(0xF7 if escape else 0xF0, data).to_bytes()
