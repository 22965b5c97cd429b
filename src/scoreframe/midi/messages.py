"""Channel voice messages: one table of specs drives checking, encoding, decoding and text.

Channels count 1 to 16 and programs 1 to 128, as musicians count them; 0 to 15 and 0 to 127
exist only in the bytes. Pitch wheel values are signed (-8192 to 8191, 0 is the centre).

>>> m = Message.make("note_on", channel=2, note=60, velocity=100)
>>> m.to_bytes().hex(" "), str(m)
('91 3c 64', 'note_on channel=2 note=60 velocity=100')
>>> Message.from_bytes(bytes.fromhex("e0 00 40")).pitch
0
>>> Message.make("program_change", channel=1, program=129)
Traceback (most recent call last):
...
scoreframe.errors.MidiMessageError: program_change: program 129 must be an int in 1..128
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..errors import MidiMessageError


@dataclass(frozen=True, slots=True)
class Spec:
    """One kind of channel message: its status nibble and its data fields in order."""

    name: str
    status: int
    fields: tuple[str, ...]


# The message specs (a table): a new kind of message is one row.
SPECS: tuple[Spec, ...] = (
    Spec("note_off", 0x80, ("note", "velocity")),
    Spec("note_on", 0x90, ("note", "velocity")),
    Spec("polytouch", 0xA0, ("note", "value")),
    Spec("control_change", 0xB0, ("control", "value")),
    Spec("program_change", 0xC0, ("program",)),
    Spec("aftertouch", 0xD0, ("value",)),
    Spec("pitchwheel", 0xE0, ("pitch",)),
)
BY_NAME: dict[str, Spec] = {spec.name: spec for spec in SPECS}
BY_STATUS: dict[int, Spec] = {spec.status: spec for spec in SPECS}

# Field ranges as people count (a table).
RANGES: dict[str, tuple[int, int]] = {
    "channel": (1, 16),
    "note": (0, 127),
    "velocity": (0, 127),
    "value": (0, 127),
    "control": (0, 127),
    "program": (1, 128),
    "pitch": (-8192, 8191),
}

#: Data bytes after the status byte, per status nibble.
DATA_LENGTH: dict[int, int] = {spec.status: 1 if len(spec.fields) == 1 and spec.name !=
                               "pitchwheel" else 2 for spec in SPECS}


def check(kind: str, field: str, value: object) -> int:
    """``value`` if it is an int within the field's range, else a :class:`MidiMessageError`."""
    low, high = RANGES[field]
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        raise MidiMessageError(f"{kind}: {field} {value!r} must be an int in {low}..{high}")
    return value


@dataclass(frozen=True, slots=True)
class Message:
    """A channel voice message: its kind, channel (1..16) and field values in spec order."""

    type: str
    channel: int
    values: tuple[int, ...]

    @classmethod
    def make(cls, kind: str, *, channel: int, **fields: int) -> Message:
        """A checked message: ``Message.make("control_change", channel=1, control=7, value=90)``."""
        spec = BY_NAME.get(kind)
        if spec is None:
            raise MidiMessageError(f"unknown message {kind!r}; known: {', '.join(BY_NAME)}")
        extra = set(fields) - set(spec.fields)
        missing = [f for f in spec.fields if f not in fields]
        if extra or missing:
            raise MidiMessageError(f"{kind} takes {', '.join(spec.fields)}; got {sorted(fields)}")
        check(kind, "channel", channel)
        values = tuple(check(kind, f, fields[f]) for f in spec.fields)
        return cls(kind, channel, values)

    def __getattr__(self, name: str) -> Any:
        spec = BY_NAME[object.__getattribute__(self, "type")]
        if name in spec.fields:
            return self.values[spec.fields.index(name)]
        raise AttributeError(f"{self.type} has no field {name!r}")

    @property
    def fields(self) -> dict[str, int]:
        return dict(zip(BY_NAME[self.type].fields, self.values, strict=True))

    def to_bytes(self) -> bytes:
        """The status byte and data bytes."""
        spec = BY_NAME[self.type]
        status = spec.status | (self.channel - 1)
        if spec.name == "pitchwheel":
            raw = self.values[0] + 8192
            return bytes((status, raw & 0x7F, raw >> 7))
        if spec.name == "program_change":
            return bytes((status, self.values[0] - 1))
        return bytes((status, *self.values))

    @classmethod
    def from_bytes(cls, data: bytes) -> Message:
        """Decode one complete channel message (status byte first)."""
        if not data or data[0] < 0x80 or data[0] >= 0xF0:
            raise MidiMessageError(f"{data.hex(' ') or 'nothing'} is not a channel message")
        spec = BY_STATUS[data[0] & 0xF0]
        body = data[1:]
        if len(body) != DATA_LENGTH[spec.status] or any(b > 0x7F for b in body):
            raise MidiMessageError(f"{spec.name}: bad data bytes {body.hex(' ') or 'none'}")
        channel = (data[0] & 0x0F) + 1
        if spec.name == "pitchwheel":
            return cls(spec.name, channel, ((body[0] | body[1] << 7) - 8192,))
        if spec.name == "program_change":
            return cls(spec.name, channel, (body[0] + 1,))
        return cls(spec.name, channel, tuple(body))

    def __str__(self) -> str:
        pairs = " ".join(f"{k}={v}" for k, v in self.fields.items())
        return f"{self.type} channel={self.channel} {pairs}"


def channel_bytes(status: int, channel: int, *data: int) -> bytes:
    """Raw bytes for the exporter's hot paths (channel 1..16; data already in range).

    >>> channel_bytes(0xB0, 10, 7, 100).hex(" ")
    'b9 07 64'
    """
    return bytes((status | (channel - 1), *data))
