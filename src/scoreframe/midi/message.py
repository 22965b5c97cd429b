"""Channel voice messages: one table of specs drives checking, encoding, decoding and the text
form, so a new kind of message is one row (as in mido).

Values are counted as musicians count them: channels 1 to 16 and programs 1 to 128; 0 to 15 and
0 to 127 exist only in the bytes. The pitch wheel is signed, -8192 to 8191, 0 the centre. Kind
and field names are mido's (``polytouch``, ``aftertouch``, ``pitchwheel``, ``pitch``...).

>>> m = Message.make("note_on", channel=2, note=60, velocity=100)
>>> m.to_bytes().hex(" "), str(m), m.velocity
('91 3c 64', 'note_on channel=2 note=60 velocity=100', 100)
>>> Message.from_bytes(bytes.fromhex("e0 00 40")).pitch
0
>>> Message.make("note_on", channel=1, note=60, velocity=200)
Traceback (most recent call last):
...
scoreframe.errors.MidiMessageError: note_on: velocity 200 must be in 0..127
"""

from __future__ import annotations

from dataclasses import dataclass

from ..bulk import slot_setters
from ..errors import MidiMessageError
from ..settings import RANGES


@dataclass(frozen=True, slots=True)
class FieldSpec:
    """A value of a message: its name, its range as people count, and its width in data bytes.

    The bytes hold ``value - low`` in ``width`` seven-bit bytes, least significant first: a
    channel 1..16 is written 0..15, a program 1..128 is written 0..127, and the pitch wheel
    -8192..8191 is written as the 14-bit 0..16383.
    """

    name: str
    low: int
    high: int
    width: int = 1

    def check(self, kind: str, value: object) -> int:
        """``value`` if it is an int in range; else a :class:`MidiMessageError` that says so."""
        if isinstance(value, bool) or not isinstance(value, int):
            raise MidiMessageError(
                f"{kind}: {self.name} must be an int in {self.low}..{self.high}, "
                f"not {type(value).__name__} ({value!r})"
            )
        if not self.low <= value <= self.high:
            raise MidiMessageError(
                f"{kind}: {self.name} {value} must be in {self.low}..{self.high}"
            )
        return value

    def encode(self, value: int) -> tuple[int, ...]:
        raw = value - self.low
        return tuple((raw >> (7 * i)) & 0x7F for i in range(self.width))

    def decode(self, data: bytes | tuple[int, ...]) -> int:
        if self.width == 1:
            return data[0] + self.low
        return sum(byte << (7 * i) for i, byte in enumerate(data)) + self.low


# Channels and programs as musicians count them: the model's ranges (scoreframe.settings).
CHANNEL = FieldSpec("channel", RANGES["channel"].low, RANGES["channel"].high)
NOTE = FieldSpec("note", 0, 127)
VELOCITY = FieldSpec("velocity", 0, 127)
VALUE = FieldSpec("value", 0, 127)
CONTROL = FieldSpec("control", 0, 127)
PROGRAM = FieldSpec("program", RANGES["program"].low, RANGES["program"].high)
PITCH = FieldSpec("pitch", -8192, 8191, width=2)


@dataclass(frozen=True, slots=True)
class MessageSpec:
    """A kind of channel voice message: its name, status nibble and data fields in byte order."""

    name: str
    status: int
    fields: tuple[FieldSpec, ...]

    @property
    def field_names(self) -> tuple[str, ...]:
        return tuple(f.name for f in self.fields)

    @property
    def length(self) -> int:
        """Data bytes after the status byte."""
        return sum(f.width for f in self.fields)

    def decode(self, body: bytes) -> tuple[int, ...]:
        """The field values of the data bytes ``body`` (``length`` seven-bit bytes)."""
        if len(self.fields) == 1:
            return (self.fields[0].decode(body),)
        values: list[int] = []
        start = 0
        for field in self.fields:
            values.append(field.decode(body[start : start + field.width]))
            start += field.width
        return tuple(values)


# The message specs (a table): every channel voice message of MIDI 1.0.
SPECS: tuple[MessageSpec, ...] = (
    MessageSpec("note_off", 0x80, (NOTE, VELOCITY)),
    MessageSpec("note_on", 0x90, (NOTE, VELOCITY)),
    MessageSpec("polytouch", 0xA0, (NOTE, VALUE)),
    MessageSpec("control_change", 0xB0, (CONTROL, VALUE)),
    MessageSpec("program_change", 0xC0, (PROGRAM,)),
    MessageSpec("aftertouch", 0xD0, (VALUE,)),
    MessageSpec("pitchwheel", 0xE0, (PITCH,)),
)
BY_NAME: dict[str, MessageSpec] = {spec.name: spec for spec in SPECS}
BY_STATUS: dict[int, MessageSpec] = {spec.status: spec for spec in SPECS}

# System common and real-time messages (status 0xF1..0xFF, no channel; mido's names). Sysex
# (0xF0) has no fixed length: it is its bytes, F0 to F7. The status is the whole byte.
SONG_POSITION = FieldSpec("pos", 0, 16383, width=2)
SYSTEM_SPECS: tuple[MessageSpec, ...] = (
    MessageSpec("quarter_frame", 0xF1, (VALUE,)),
    MessageSpec("songpos", 0xF2, (SONG_POSITION,)),
    MessageSpec("song_select", 0xF3, (VALUE,)),
    MessageSpec("tune_request", 0xF6, ()),
    MessageSpec("clock", 0xF8, ()),
    MessageSpec("start", 0xFA, ()),
    MessageSpec("continue", 0xFB, ()),
    MessageSpec("stop", 0xFC, ()),
    MessageSpec("active_sensing", 0xFE, ()),
    MessageSpec("reset", 0xFF, ()),
)
SYSTEM_BY_NAME: dict[str, MessageSpec] = {spec.name: spec for spec in SYSTEM_SPECS}
SYSTEM_BY_STATUS: dict[int, MessageSpec] = {spec.status: spec for spec in SYSTEM_SPECS}

#: Data bytes after each status byte 0x00..0xFF; 0 where the byte is no channel status.
DATA_LENGTH: tuple[int, ...] = tuple(
    BY_STATUS[status & 0xF0].length if 0x80 <= status < 0xF0 else 0 for status in range(256)
)


def _spec(kind: str) -> MessageSpec:
    spec = BY_NAME.get(kind)
    if spec is None:
        raise MidiMessageError(f"unknown message kind {kind!r}; known: {', '.join(BY_NAME)}")
    return spec


@dataclass(frozen=True, slots=True)
class Message:
    """A channel voice message: its kind, channel (1..16) and field values in spec order.

    Every constructor checks its values; fields read as attributes (``m.note``, ``m.pitch``).

    >>> Message("control_change", 1, (7, 90)).fields
    {'control': 7, 'value': 90}
    >>> Message("program_change", 17, (1,))
    Traceback (most recent call last):
    ...
    scoreframe.errors.MidiMessageError: program_change: channel 17 must be in 1..16
    """

    type: str
    channel: int
    values: tuple[int, ...]

    def __post_init__(self) -> None:
        spec = _spec(self.type)
        CHANNEL.check(self.type, self.channel)
        if not isinstance(self.values, tuple) or len(self.values) != len(spec.fields):
            raise MidiMessageError(
                f"{self.type} takes {len(spec.fields)} values ({', '.join(spec.field_names)}), "
                f"got {self.values!r}"
            )
        for field, value in zip(spec.fields, self.values, strict=True):
            field.check(self.type, value)

    @classmethod
    def make(cls, kind: str, *, channel: int, **fields: int) -> Message:
        """A checked message from named fields.

        >>> str(Message.make("pitchwheel", channel=16, pitch=-8192))
        'pitchwheel channel=16 pitch=-8192'
        """
        spec = _spec(kind)
        if set(fields) != set(spec.field_names):
            raise MidiMessageError(
                f"{kind} takes {', '.join(spec.field_names)} (and the channel); "
                f"got {', '.join(sorted(fields)) or 'nothing'}"
            )
        return cls(kind, channel, tuple(fields[name] for name in spec.field_names))

    @classmethod
    def from_bytes(cls, data: bytes) -> Message:
        """Decode one complete channel message, status byte first (no running status).

        >>> Message.from_bytes(bytes.fromhex("c9 00"))
        Message(type='program_change', channel=10, values=(1,))
        """
        if not data or not 0x80 <= data[0] < 0xF0:
            raise MidiMessageError(
                f"{bytes(data).hex(' ') or 'no bytes'}: not a channel message "
                "(the first byte must be a status byte 0x80..0xef)"
            )
        spec = BY_STATUS[data[0] & 0xF0]
        body = data[1:]
        if len(body) != spec.length or max(body, default=0) > 0x7F:
            raise MidiMessageError(
                f"{bytes(data).hex(' ')}: {spec.name} takes {spec.length} data "
                "bytes in 0x00..0x7f after its status byte"
            )
        # Seven-bit data bytes decode to values in range: made without __post_init__'s
        # checks (a file's read makes one a distinct message, thousands in a file).
        message: Message = _new(cls)
        _set_type(message, spec.name)
        _set_channel(message, (data[0] & 0x0F) + 1)
        _set_values(message, spec.decode(body))
        return message

    @classmethod
    def from_str(cls, text: str) -> Message:
        """Parse the text form that ``str()`` gives.

        >>> Message.from_str("control_change channel=3 control=64 value=127").to_bytes().hex(" ")
        'b2 40 7f'
        """
        words = text.split()
        if not words:
            raise MidiMessageError(
                f"no message in {text!r}; write one as in 'note_on channel=1 note=60 velocity=100'"
            )
        kind, *pairs = words
        fields: dict[str, int] = {}
        for pair in pairs:
            name, sep, value = pair.partition("=")
            try:
                fields[name] = int(value)
            except ValueError:
                raise MidiMessageError(
                    f"{text!r}: {pair!r} is not name=integer (as in 'note=60')"
                ) from None
            if not sep or not name:
                raise MidiMessageError(f"{text!r}: {pair!r} is not name=integer")
        if "channel" not in fields:
            raise MidiMessageError(f"{text!r}: no channel=1..16")
        channel = fields.pop("channel")
        return cls.make(kind, channel=channel, **fields)

    def __getattr__(self, name: str) -> int:
        if not name.startswith("__"):
            spec = BY_NAME.get(object.__getattribute__(self, "type"))
            if spec is not None and name in spec.field_names:
                return self.values[spec.field_names.index(name)]
        raise AttributeError(f"{type(self).__name__} {self.type!r} has no field {name!r}")

    @property
    def spec(self) -> MessageSpec:
        return BY_NAME[self.type]

    @property
    def fields(self) -> dict[str, int]:
        """The data fields by name (the channel apart)."""
        return dict(zip(self.spec.field_names, self.values, strict=True))

    def to_bytes(self) -> bytes:
        """The status byte and the data bytes."""
        spec = self.spec
        data = [spec.status | (self.channel - 1)]
        for field, value in zip(spec.fields, self.values, strict=True):
            data.extend(field.encode(value))
        return bytes(data)

    def __str__(self) -> str:
        pairs = "".join(f" {k}={v}" for k, v in self.fields.items())
        return f"{self.type} channel={self.channel}{pairs}"


def channel_bytes(status: int, channel: int, *data: int) -> bytes:
    """Raw bytes for an exporter's hot path: no checks (channel 1..16, data already in range).

    >>> channel_bytes(0xB0, 10, 7, 100).hex(" ")
    'b9 07 64'
    """
    return bytes((status | (channel - 1), *data))


_new = object.__new__
_set_type, _set_channel, _set_values = slot_setters(Message, "type", "channel", "values")
