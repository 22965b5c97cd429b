"""The event units process: a MIDI message with a port name and a time, and its kinds.

An :class:`Event` is what flows through a patch: its port (a name; ``""`` is the default
port), its channel (1 to 16, as musicians count; system events carry 1 and ignore it), its
:class:`Kind`, two data fields and a time in seconds. The data fields follow mididings:
``data1`` is the note or controller number, ``data2`` the velocity or value; kinds with one
value keep it in ``data2`` (a program 1..128, an aftertouch, a pitch bend -8192..8191), system
messages their data in ``data1``. Inside a patch the values may leave their ranges (a velocity
of 140, a note of -3); :func:`scoreframe.units.engine.sanitize` and every output put them back
or drop the event.

Bytes are read and written through the MIDI message specs (:mod:`scoreframe.midi.message`);
the table :data:`LAYOUTS` only says which spec each kind is and which data field holds each of
the spec's values. A note-on with velocity 0 is read as the note-off it means.

>>> e = Event.from_bytes(bytes.fromhex("91 3c 64"), port="keys", time=0.5)
>>> e
Event(port='keys', channel=2, kind=<Kind.NOTEON: 1>, data1=60, data2=100, sysex=b'', time=0.5)
>>> e.note, e.velocity, e.to_bytes().hex(" ")
(60, 100, '91 3c 64')
>>> Event.from_bytes(bytes.fromhex("90 3c 00")).kind
<Kind.NOTEOFF: 2>
>>> Event.from_bytes(bytes.fromhex("c0 29")).program
42
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from enum import Enum, Flag

from ..errors import UnitAttributeError
from ..midi.message import BY_NAME, SYSTEM_BY_NAME, MessageSpec
from ..midi.timed import TimedMessage


class Kind(Flag):
    """The kinds of events (mididings' event types); combine them with ``|`` in a filter."""

    NOTEON = 1 << 0
    NOTEOFF = 1 << 1
    CTRL = 1 << 2
    PITCHBEND = 1 << 3
    AFTERTOUCH = 1 << 4
    POLY_AFTERTOUCH = 1 << 5
    PROGRAM = 1 << 6
    SYSEX = 1 << 7
    SYSCM_QFRAME = 1 << 8
    SYSCM_SONGPOS = 1 << 9
    SYSCM_SONGSEL = 1 << 10
    SYSCM_TUNEREQ = 1 << 11
    SYSRT_CLOCK = 1 << 12
    SYSRT_START = 1 << 13
    SYSRT_CONTINUE = 1 << 14
    SYSRT_STOP = 1 << 15
    SYSRT_SENSING = 1 << 16
    SYSRT_RESET = 1 << 17
    NOTE = NOTEON | NOTEOFF
    SYSCM = SYSCM_QFRAME | SYSCM_SONGPOS | SYSCM_SONGSEL | SYSCM_TUNEREQ
    SYSRT = SYSRT_CLOCK | SYSRT_START | SYSRT_CONTINUE | SYSRT_STOP | SYSRT_SENSING | SYSRT_RESET
    SYSTEM = SYSEX | SYSCM | SYSRT
    ANY = (1 << 18) - 1


@dataclass(frozen=True, slots=True)
class Layout:
    """How a kind is written: its message spec and the data field of each of its values."""

    spec: MessageSpec
    slots: tuple[str, ...]


# The kinds as MIDI messages (a table over the message specs: no second table of specs).
LAYOUTS: dict[Kind, Layout] = {
    Kind.NOTEON: Layout(BY_NAME["note_on"], ("data1", "data2")),
    Kind.NOTEOFF: Layout(BY_NAME["note_off"], ("data1", "data2")),
    Kind.POLY_AFTERTOUCH: Layout(BY_NAME["polytouch"], ("data1", "data2")),
    Kind.CTRL: Layout(BY_NAME["control_change"], ("data1", "data2")),
    Kind.PROGRAM: Layout(BY_NAME["program_change"], ("data2",)),
    Kind.AFTERTOUCH: Layout(BY_NAME["aftertouch"], ("data2",)),
    Kind.PITCHBEND: Layout(BY_NAME["pitchwheel"], ("data2",)),
    Kind.SYSCM_QFRAME: Layout(SYSTEM_BY_NAME["quarter_frame"], ("data1",)),
    Kind.SYSCM_SONGPOS: Layout(SYSTEM_BY_NAME["songpos"], ("data1",)),
    Kind.SYSCM_SONGSEL: Layout(SYSTEM_BY_NAME["song_select"], ("data1",)),
    Kind.SYSCM_TUNEREQ: Layout(SYSTEM_BY_NAME["tune_request"], ()),
    Kind.SYSRT_CLOCK: Layout(SYSTEM_BY_NAME["clock"], ()),
    Kind.SYSRT_START: Layout(SYSTEM_BY_NAME["start"], ()),
    Kind.SYSRT_CONTINUE: Layout(SYSTEM_BY_NAME["continue"], ()),
    Kind.SYSRT_STOP: Layout(SYSTEM_BY_NAME["stop"], ()),
    Kind.SYSRT_SENSING: Layout(SYSTEM_BY_NAME["active_sensing"], ()),
    Kind.SYSRT_RESET: Layout(SYSTEM_BY_NAME["reset"], ()),
}
_SYSEX_STATUS = 0xF0
_SLOT_INDEX = {"data1": 0, "data2": 1}
#: A field as the codec reads it: its data slot (0, 1), first byte, width and lowest value.
Field = tuple[int, int, int, int]


def _fields(layout: Layout) -> tuple[Field, ...]:
    out, start = [], 1
    for spec, slot in zip(layout.spec.fields, layout.slots, strict=True):
        out.append((_SLOT_INDEX[slot], start, spec.width, spec.low))
        start += spec.width
    return tuple(out)


# The codec: the layouts above, read once into plain tuples (the hot path of a live router;
# tests/units/test_event.py checks it against the message specs' own encode and decode).
_DECODE: dict[int, tuple[Kind, int, tuple[Field, ...]]] = {
    layout.spec.status: (kind, layout.spec.length + 1, _fields(layout))
    for kind, layout in LAYOUTS.items()
}
_ENCODE: dict[Kind, tuple[int, bool, tuple[Field, ...]]] = {
    kind: (layout.spec.status, layout.spec.status < _SYSEX_STATUS, _fields(layout))
    for kind, layout in LAYOUTS.items()
}
#: Each kind's values as sanitize checks them: (slot, lowest, highest, field name).
BOUNDS: dict[Kind, tuple[tuple[int, int, int, str], ...]] = {
    kind: tuple(
        (_SLOT_INDEX[slot], spec.low, spec.high, spec.name)
        for spec, slot in zip(layout.spec.fields, layout.slots, strict=True)
    )
    for kind, layout in LAYOUTS.items()
}


def members(kinds: Kind) -> frozenset[Kind]:
    """The single kinds in ``kinds`` (a set tests membership faster than a Flag's ``&``).

    >>> sorted(k.name for k in members(Kind.NOTE))
    ['NOTEOFF', 'NOTEON']
    """
    return frozenset(k for k in LAYOUTS.keys() | {Kind.SYSEX} if k & kinds)


class EventAttribute(Enum):
    """Placeholders for a generator's values: take the value from the incoming event.

    ``NOTE``, ``CTRL`` are ``DATA1``; ``VELOCITY``, ``VALUE``, ``PROGRAM`` are ``DATA2``.
    """

    PORT = "port"
    CHANNEL = "channel"
    DATA1 = "data1"
    DATA2 = "data2"
    NOTE = "data1"
    CTRL = "data1"
    VELOCITY = "data2"
    VALUE = "data2"
    PROGRAM = "data2"


# Which kinds have which named field (mididings' event attributes).
_FIELDS: Mapping[str, tuple[str, Kind]] = {
    "note": ("data1", Kind.NOTE | Kind.POLY_AFTERTOUCH),
    "velocity": ("data2", Kind.NOTE),
    "ctrl": ("data1", Kind.CTRL),
    "value": ("data2", Kind.CTRL | Kind.AFTERTOUCH | Kind.POLY_AFTERTOUCH | Kind.PITCHBEND),
    "program": ("data2", Kind.PROGRAM),
}


def _field(event: Event, name: str) -> int:
    slot, kinds = _FIELDS[name]
    if not event.kind & kinds:
        raise UnitAttributeError(f"a {event.kind.name} event has no {name}")
    value: int = getattr(event, slot)
    return value


@dataclass(frozen=True, slots=True)
class Event:
    """One event in a patch (see the module doc). ``sysex`` holds a sysex's bytes, F0 to F7."""

    port: str
    channel: int
    kind: Kind
    data1: int = 0
    data2: int = 0
    sysex: bytes = b""
    time: float = 0.0

    @property
    def note(self) -> int:
        """The key of a note or poly-aftertouch event."""
        return _field(self, "note")

    @property
    def velocity(self) -> int:
        return _field(self, "velocity")

    @property
    def ctrl(self) -> int:
        """The controller number of a control change."""
        return _field(self, "ctrl")

    @property
    def value(self) -> int:
        """The value of a control change, aftertouch, poly aftertouch or pitch bend."""
        return _field(self, "value")

    @property
    def program(self) -> int:
        """The program, 1..128."""
        return _field(self, "program")

    @classmethod
    def from_bytes(cls, data: bytes, port: str = "", time: float = 0.0) -> Event | None:
        """The event of one complete message; ``None`` for bytes that are no known message.

        >>> Event.from_bytes(bytes.fromhex("f0 43 10 f7")).sysex.hex(" ")
        'f0 43 10 f7'
        >>> Event.from_bytes(bytes.fromhex("f8")).kind
        <Kind.SYSRT_CLOCK: 4096>
        """
        if not data:
            return None
        status = data[0]
        if status == _SYSEX_STATUS:
            return cls(port, 1, Kind.SYSEX, sysex=bytes(data), time=time)
        found = _DECODE.get(status if status >= _SYSEX_STATUS else status & 0xF0)
        if found is None or len(data) != found[1] or max(data[1:], default=0) > 0x7F:
            return None
        kind, _, fields = found
        values = [0, 0]
        for slot, start, width, low in fields:
            raw = data[start] if width == 1 else data[start] | data[start + 1] << 7
            values[slot] = raw + low
        if kind is Kind.NOTEON and values[1] == 0:
            kind = Kind.NOTEOFF
        channel = (status & 0x0F) + 1 if status < _SYSEX_STATUS else 1
        return cls(port, channel, kind, values[0], values[1], b"", time)

    def to_bytes(self) -> bytes:
        """The message's bytes; the values must be in range (see ``sanitize``)."""
        if self.kind is Kind.SYSEX:
            return self.sysex
        status, channeled, fields = _ENCODE[self.kind]
        out = [status | (self.channel - 1) if channeled else status]
        values = (self.data1, self.data2)
        for slot, _, width, low in fields:
            raw = values[slot] - low
            out.append(raw & 0x7F)
            if width == 2:
                out.append(raw >> 7 & 0x7F)
        return bytes(out)

    def with_port(self, port: str) -> Event:
        """This event on another port (the units' fast copy: no ``dataclasses.replace``)."""
        return Event(port, self.channel, self.kind, self.data1, self.data2, self.sysex, self.time)

    def with_channel(self, channel: int) -> Event:
        return Event(self.port, channel, self.kind, self.data1, self.data2, self.sysex, self.time)

    def with_data(self, data1: int, data2: int) -> Event:
        return Event(self.port, self.channel, self.kind, data1, data2, self.sysex, self.time)

    @classmethod
    def from_message(cls, message: TimedMessage) -> Event | None:
        """The event of a timed message (its port and seconds kept)."""
        return cls.from_bytes(message.data, message.port, message.seconds)

    def to_message(self) -> TimedMessage:
        """A timed message of this event (in range: see ``sanitize``)."""
        return TimedMessage(self.time, self.to_bytes(), self.port)

    def __str__(self) -> str:
        """The text :class:`~scoreframe.units.calls.Print` shows.

        >>> str(Event("keys", 1, Kind.CTRL, 64, 127))
        'keys  ch 1  CTRL  ctrl=64 value=127'
        """
        if self.kind is Kind.SYSEX:
            body = f"sysex={self.sysex.hex(' ')}"
        else:
            layout = LAYOUTS[self.kind]
            names = [f.name for f in layout.spec.fields]
            body = " ".join(
                f"{_SHOWN.get(n, n)}={getattr(self, s)}"
                for n, s in zip(names, layout.slots, strict=True)
            )
        channel = "" if self.kind & Kind.SYSTEM else f"  ch {self.channel}"
        return f"{self.port or '-'}{channel}  {self.kind.name}  {body}".rstrip()


# Field names as mididings shows them, where the message specs use mido's.
_SHOWN = {"control": "ctrl", "pitch": "value", "pos": "position"}
