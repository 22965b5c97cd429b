"""Meta events and system exclusive events of SMF 1.0, driven by one table of meta specs.

The builders (:func:`set_tempo`, :func:`track_name`...) check their values and return complete
event bytes, ``FF type length data``, for the track writer; the reader returns
:class:`MetaMessage` (unknown types kept byte for byte) and :class:`SysEx`. Names are mido's.

Text: written as Latin-1 (the SMF convention) when every character has a Latin-1 byte, else as
UTF-8 (what most programs read today), so no text is refused. Read back: bytes that are valid
UTF-8 are taken as UTF-8, anything else as Latin-1 (which never fails). Latin-1 text that is
also valid UTF-8 (such as ``"Ã©"``) is the one case that reads back differently.

>>> set_tempo(500_000).hex(" ")
'ff 51 03 07 a1 20'
>>> time_signature(6, 8, 36).hex(" ")
'ff 58 04 06 03 24 08'
>>> MetaMessage(0x59, bytes([0xFD, 1])).fields
{'fifths': -3, 'minor': True}
>>> str(MetaMessage.make("track_name", text="Flöte"))
"track_name text='Flöte'"
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from ..errors import MidiMessageError
from .vlq import encode as vlq

Fields = dict[str, Any]


def _ranged(kind: str, label: str, value: object, low: int, high: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise MidiMessageError(
            f"{kind}: {label} must be an int in {low}..{high}, "
            f"not {type(value).__name__} ({value!r})"
        )
    if not low <= value <= high:
        raise MidiMessageError(f"{kind}: {label} {value} must be in {low}..{high}")
    return value


def _bytes(kind: str, data: object) -> bytes:
    if not isinstance(data, bytes | bytearray | memoryview):
        raise MidiMessageError(f"{kind}: data must be bytes, not {type(data).__name__}")
    return bytes(data)


# -- decoders and encoders of the data of each meta type ----------------------------------------


def _decode_text(data: bytes) -> Fields:
    try:
        return {"text": data.decode("utf-8")}
    except UnicodeDecodeError:
        return {"text": data.decode("latin-1")}


def _encode_text(kind: str) -> Callable[..., bytes]:
    def encode(*, text: str) -> bytes:
        if not isinstance(text, str):
            raise MidiMessageError(f"{kind}: text must be a str, not {type(text).__name__}")
        try:
            return text.encode("latin-1")
        except UnicodeEncodeError:
            return text.encode("utf-8")

    return encode


def _sequence_number(*, number: int) -> bytes:
    return _ranged("sequence_number", "number", number, 0, 0xFFFF).to_bytes(2, "big")


def _channel_prefix(*, channel: int) -> bytes:
    return bytes((_ranged("channel_prefix", "channel", channel, 1, 16) - 1,))


def _midi_port(*, port: int) -> bytes:
    return bytes((_ranged("midi_port", "port", port, 0, 127),))


def _end_of_track() -> bytes:
    return b""


def _set_tempo(*, tempo: int) -> bytes:
    return _ranged("set_tempo", "microseconds per quarter", tempo, 1, 0xFFFFFF).to_bytes(3, "big")


#: SMPTE frame rates and their code in the top bits of the hours byte; 29 is 29.97 drop-frame
#: (as in the MThd division).
SMPTE_RATES: dict[int, int] = {24: 0, 25: 1, 29: 2, 30: 3}


def _smpte_offset(
    *, rate: int, hours: int, minutes: int, seconds: int, frames: int, subframes: int
) -> bytes:
    kind = "smpte_offset"
    if isinstance(rate, bool) or not isinstance(rate, int) or rate not in SMPTE_RATES:
        raise MidiMessageError(
            f"{kind}: rate {rate!r} must be 24, 25, 29 (29.97 drop-frame) or 30 frames per second"
        )
    last_frame = 29 if rate == 29 else rate - 1
    return bytes(
        (
            _ranged(kind, "hours", hours, 0, 23) | SMPTE_RATES[rate] << 5,
            _ranged(kind, "minutes", minutes, 0, 59),
            _ranged(kind, "seconds", seconds, 0, 59),
            _ranged(kind, f"frames (at {rate} fps)", frames, 0, last_frame),
            _ranged(kind, "subframes", subframes, 0, 99),
        )
    )


def _decode_smpte_offset(data: bytes) -> Fields:
    rates = {code: rate for rate, code in SMPTE_RATES.items()}
    return {
        "rate": rates[data[0] >> 5 & 3],
        "hours": data[0] & 0x1F,
        "minutes": data[1],
        "seconds": data[2],
        "frames": data[3],
        "subframes": data[4],
    }


def _time_signature(
    *, numerator: int, denominator: int, clocks_per_click: int, notated_32nds_per_quarter: int
) -> bytes:
    kind = "time_signature"
    _ranged(kind, "numerator", numerator, 1, 255)
    if isinstance(denominator, bool) or not isinstance(denominator, int):
        raise MidiMessageError(f"{kind}: denominator must be an int, not {denominator!r}")
    if denominator < 1 or denominator & (denominator - 1) or denominator.bit_length() > 256:
        raise MidiMessageError(
            f"{kind}: denominator {denominator} is not a power of 2 "
            "(give the real value: 4 for a quarter, 8 for an eighth)"
        )
    return bytes(
        (
            numerator,
            denominator.bit_length() - 1,
            _ranged(kind, "clocks per click", clocks_per_click, 1, 255),
            _ranged(kind, "notated 32nds per quarter", notated_32nds_per_quarter, 1, 255),
        )
    )


def _decode_time_signature(data: bytes) -> Fields:
    return {
        "numerator": data[0],
        "denominator": 1 << data[1],
        "clocks_per_click": data[2],
        "notated_32nds_per_quarter": data[3],
    }


def _key_signature(*, fifths: int, minor: bool) -> bytes:
    _ranged("key_signature", "fifths", fifths, -7, 7)
    if not isinstance(minor, bool):
        raise MidiMessageError(f"key_signature: minor must be True or False, not {minor!r}")
    return bytes((fifths & 0xFF, int(minor)))


def _decode_key_signature(data: bytes) -> Fields | None:
    fifths = data[0] - 256 if data[0] > 127 else data[0]
    if not -7 <= fifths <= 7 or data[1] > 1:
        return None
    return {"fifths": fifths, "minor": data[1] == 1}


def _data(kind: str) -> Callable[..., bytes]:
    def encode(*, data: bytes) -> bytes:
        return _bytes(kind, data)

    return encode


def _decode_data(data: bytes) -> Fields:
    return {"data": data}


# -- the table -----------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class MetaSpec:
    """A meta event type: its byte, name, fixed data length (``None``: any), and how its data
    decodes to fields (``None``: malformed) and encodes from them (checked)."""

    type_byte: int
    name: str
    length: int | None
    decode: Callable[[bytes], Fields | None]
    encode: Callable[..., bytes]


def _text_spec(type_byte: int, name: str) -> MetaSpec:
    return MetaSpec(type_byte, name, None, _decode_text, _encode_text(name))


# Every meta event of SMF 1.0 (a table): a new type is one row.
META_SPECS: tuple[MetaSpec, ...] = (
    MetaSpec(
        0x00, "sequence_number", 2, lambda d: {"number": int.from_bytes(d, "big")}, _sequence_number
    ),
    _text_spec(0x01, "text"),
    _text_spec(0x02, "copyright"),
    _text_spec(0x03, "track_name"),
    _text_spec(0x04, "instrument_name"),
    _text_spec(0x05, "lyrics"),
    _text_spec(0x06, "marker"),
    _text_spec(0x07, "cue_marker"),
    _text_spec(0x08, "program_name"),
    _text_spec(0x09, "device_name"),
    MetaSpec(
        0x20,
        "channel_prefix",
        1,
        lambda d: {"channel": d[0] + 1} if d[0] < 16 else None,
        _channel_prefix,
    ),
    MetaSpec(0x21, "midi_port", 1, lambda d: {"port": d[0]}, _midi_port),
    MetaSpec(0x2F, "end_of_track", 0, lambda d: {}, _end_of_track),
    MetaSpec(0x51, "set_tempo", 3, lambda d: {"tempo": int.from_bytes(d, "big")}, _set_tempo),
    MetaSpec(0x54, "smpte_offset", 5, _decode_smpte_offset, _smpte_offset),
    MetaSpec(0x58, "time_signature", 4, _decode_time_signature, _time_signature),
    MetaSpec(0x59, "key_signature", 2, _decode_key_signature, _key_signature),
    MetaSpec(0x7F, "sequencer_specific", None, _decode_data, _data("sequencer_specific")),
)
BY_TYPE: dict[int, MetaSpec] = {spec.type_byte: spec for spec in META_SPECS}
BY_NAME: dict[str, MetaSpec] = {spec.name: spec for spec in META_SPECS}
#: The text kinds by name (``text``, ``copyright``, ``track_name``... ``device_name``).
TEXT_KINDS: dict[str, int] = {s.name: s.type_byte for s in META_SPECS if s.decode is _decode_text}
END_OF_TRACK = b"\xff\x2f\x00"


@dataclass(frozen=True, slots=True)
class MetaMessage:
    """A meta event: its type byte and data, as read (unknown types keep their bytes).

    ``fields`` decodes the data by the table: ``{}`` for a known type whose data is malformed
    (a set-tempo of two bytes, say), ``{"data": ...}`` for an unknown type.

    >>> m = MetaMessage(0x51, bytes.fromhex("07 a1 20"))
    >>> m.type, m.fields, m.to_bytes().hex(" ")
    ('set_tempo', {'tempo': 500000}, 'ff 51 03 07 a1 20')
    >>> MetaMessage(0x60, b"odd").type
    'unknown_meta_60'
    """

    type_byte: int
    data: bytes

    def __post_init__(self) -> None:
        _ranged("meta event", "type byte", self.type_byte, 0, 0xFF)
        if not isinstance(self.data, bytes):
            object.__setattr__(self, "data", _bytes(f"meta event {self.type_byte:#04x}", self.data))

    @classmethod
    def make(cls, kind: str, **fields: Any) -> MetaMessage:
        """A checked meta event from its name and fields (as ``fields`` gives them back).

        >>> MetaMessage.make("key_signature", fifths=2, minor=False).data.hex(" ")
        '02 00'
        """
        spec = BY_NAME.get(kind)
        if spec is None:
            raise MidiMessageError(f"unknown meta event {kind!r}; known: {', '.join(BY_NAME)}")
        try:
            return cls(spec.type_byte, spec.encode(**fields))
        except TypeError:
            raise MidiMessageError(
                f"{kind} takes {_field_names(spec)}; got {', '.join(sorted(fields)) or 'nothing'}"
            ) from None

    @property
    def spec(self) -> MetaSpec | None:
        return BY_TYPE.get(self.type_byte)

    @property
    def type(self) -> str:
        spec = BY_TYPE.get(self.type_byte)
        return spec.name if spec else f"unknown_meta_{self.type_byte:02x}"

    @property
    def fields(self) -> Fields:
        spec = BY_TYPE.get(self.type_byte)
        if spec is None:
            return {"data": self.data}
        if spec.length is not None and len(self.data) != spec.length:
            return {}
        return spec.decode(self.data) or {}

    def to_bytes(self) -> bytes:
        """``FF type length data``, byte for byte as held (no checks)."""
        return bytes((0xFF, self.type_byte)) + vlq(len(self.data)) + self.data

    def __str__(self) -> str:
        fields = self.fields
        if not fields and self.data:
            return f"{self.type} (malformed) data={self.data.hex(' ')}"
        shown = (
            f"{k}={v.hex(' ') if isinstance(v, bytes) else repr(v)}" for k, v in fields.items()
        )
        return " ".join((self.type, *shown))


def _field_names(spec: MetaSpec) -> str:
    code = spec.encode.__code__
    names = code.co_varnames[code.co_argcount : code.co_argcount + code.co_kwonlyargcount]
    return ", ".join(names) or "no fields"


@dataclass(frozen=True, slots=True)
class SysEx:
    """A system exclusive event: status ``0xF0`` (a message; its data normally ends with
    ``F7``) or ``0xF7`` (an escape: any bytes, or the next packet of a divided message), and
    the data after the length, byte for byte.

    >>> SysEx(0xF0, bytes.fromhex("7e 7f 09 01 f7")).to_bytes().hex(" ")
    'f0 05 7e 7f 09 01 f7'
    """

    status: int
    data: bytes

    def __post_init__(self) -> None:
        if self.status not in (0xF0, 0xF7):
            raise MidiMessageError(f"sysex: status {self.status!r} must be 0xf0 or 0xf7")
        if not isinstance(self.data, bytes):
            object.__setattr__(self, "data", _bytes("sysex", self.data))

    @property
    def type(self) -> str:
        return "sysex" if self.status == 0xF0 else "sysex_escape"

    def to_bytes(self) -> bytes:
        """``F0``/``F7``, the length, the data."""
        return bytes((self.status,)) + vlq(len(self.data)) + self.data

    def __str__(self) -> str:
        return f"{self.type} data={self.data.hex(' ')}"


# -- builders: complete event bytes for the track writer -------------------------------------


def meta_event(type: int, data: bytes) -> bytes:
    """``FF type length data``; a known type's fixed data length is checked.

    >>> meta_event(0x60, b"odd").hex(" ")
    'ff 60 03 6f 64 64'
    """
    _ranged("meta event", "type", type, 0, 0x7F)
    data = _bytes("meta event", data)
    spec = BY_TYPE.get(type)
    if spec is not None and spec.length is not None and len(data) != spec.length:
        raise MidiMessageError(f"{spec.name}: {len(data)} data bytes; it takes {spec.length}")
    return b"\xff" + bytes((type,)) + vlq(len(data)) + data


def _event(kind: str, **fields: Any) -> bytes:
    spec = BY_NAME[kind]
    data = spec.encode(**fields)
    return b"\xff" + bytes((spec.type_byte,)) + vlq(len(data)) + data


def text(kind: str, text: str) -> bytes:
    """A text event of ``kind``: one of :data:`TEXT_KINDS` (``"lyrics"``, ``"copyright"``...).

    >>> text("lyrics", "la").hex(" ")
    'ff 05 02 6c 61'
    """
    if kind not in TEXT_KINDS:
        raise MidiMessageError(f"text kind {kind!r} must be one of {', '.join(TEXT_KINDS)}")
    return _event(kind, text=text)


def track_name(text: str) -> bytes:
    return _event("track_name", text=text)


def instrument_name(text: str) -> bytes:
    return _event("instrument_name", text=text)


def marker(text: str) -> bytes:
    return _event("marker", text=text)


def set_tempo(microseconds_per_quarter: int) -> bytes:
    """Microseconds per quarter note, 1..0xFFFFFF (500000 is 120 BPM)."""
    return _event("set_tempo", tempo=microseconds_per_quarter)


def time_signature(
    numerator: int,
    denominator: int,
    clocks_per_click: int = 24,
    notated_32nds_per_quarter: int = 8,
) -> bytes:
    """The denominator is the real one (8 for 6/8); the file holds its power of two."""
    return _event(
        "time_signature",
        numerator=numerator,
        denominator=denominator,
        clocks_per_click=clocks_per_click,
        notated_32nds_per_quarter=notated_32nds_per_quarter,
    )


def key_signature(fifths: int, minor: bool) -> bytes:
    """Sharps (positive) or flats (negative), -7..7, and the mode."""
    return _event("key_signature", fifths=fifths, minor=minor)


def smpte_offset(
    hours: int, minutes: int, seconds: int, frames: int, subframes: int = 0, *, rate: int = 24
) -> bytes:
    """Where the track starts in SMPTE time; ``rate`` 24, 25, 29 (29.97 drop) or 30 fps is
    written in the top bits of the hours byte, as MIDI time code does."""
    return _event(
        "smpte_offset",
        rate=rate,
        hours=hours,
        minutes=minutes,
        seconds=seconds,
        frames=frames,
        subframes=subframes,
    )


def sequence_number(number: int) -> bytes:
    return _event("sequence_number", number=number)


def channel_prefix(channel: int) -> bytes:
    """Channel 1..16 (written 0..15)."""
    return _event("channel_prefix", channel=channel)


def port(port: int) -> bytes:
    """The MIDI port (cable) 0..127 the track's events go to."""
    return _event("midi_port", port=port)


midi_port = port  # mido's name for it


def sequencer_specific(data: bytes) -> bytes:
    return _event("sequencer_specific", data=data)


def end_of_track() -> bytes:
    return END_OF_TRACK


def sysex(data: bytes, *, escape: bool = False) -> bytes:
    """A system exclusive event. ``data`` follows ``F0``: seven-bit bytes, ending with the
    ``F7`` terminator (added when missing). With ``escape=True``, an ``F7`` event of any bytes
    (a divided message's next packet, or realtime bytes to send as they are).

    >>> sysex(bytes.fromhex("7e 7f 09 01")).hex(" ")
    'f0 05 7e 7f 09 01 f7'
    """
    data = _bytes("sysex", data)
    if not escape:
        if not data.endswith(b"\xf7"):
            data += b"\xf7"
        bad = next((i for i, byte in enumerate(data[:-1]) if byte > 0x7F), None)
        if bad is not None:
            raise MidiMessageError(
                f"sysex: data byte {data[bad]:#04x} at index {bad} must be in "
                "0x00..0x7f (only the final F7 may be higher)"
            )
    return SysEx(0xF7 if escape else 0xF0, data).to_bytes()
