"""Generators: replace the incoming event by a new one (mididings' conversions).

``NoteOn(note, velocity)`` or ``NoteOn(port, channel, note, velocity)``; ``NoteOff(note,
velocity=0)``; ``Ctrl(ctrl, value)``; ``Program(program)``; ``Pitchbend(value)``;
``Aftertouch(value)``; ``PolyAftertouch(note, value)``; each also with the port and channel
first. Without them the incoming event's are kept. Any value may be an ``EVENT_*``
placeholder, taking that value from the incoming event: ``Filter(AFTERTOUCH) % Ctrl(1,
EVENT_VALUE)`` turns aftertouch into modulation. ``SysEx(sysex)`` (or ``SysEx(port, sysex)``)
makes a sysex event; ``Generator(kind, port, channel, data1, data2)`` any event, the system
ones too.

>>> from scoreframe.units.event import Event, EventAttribute, Kind
>>> at = Event("kb", 3, Kind.AFTERTOUCH, 0, 90, time=1.5)
>>> Ctrl(1, EventAttribute.VALUE).events(at)
[Event(port='kb', channel=3, kind=<Kind.CTRL: 4>, data1=1, data2=90, sysex=b'', time=1.5)]
>>> NoteOn("synth", 2, "C4", 100).events(at)[0].to_bytes().hex(" ")
'91 3c 64'
"""

from __future__ import annotations

from dataclasses import dataclass

from ..errors import UnitValueError
from . import values
from .base import Unit
from .event import Event, EventAttribute, Kind
from .values import Param, SysExLike

PortParam = str | EventAttribute
PORT, CHANNEL = EventAttribute.PORT, EventAttribute.CHANNEL


@dataclass(frozen=True, slots=True, init=False)
class Generator(Unit):
    """``Generator(kind, port=EVENT_PORT, channel=EVENT_CHANNEL, data1=0, data2=0)``: an event
    of ``kind`` with these values (placeholders taken from the incoming event)."""

    kind: Kind
    port: PortParam
    channel: Param
    data1: Param
    data2: Param
    sysex: bytes

    def __init__(
        self,
        kind: Kind,
        port: PortParam = PORT,
        channel: Param = CHANNEL,
        data1: Param = 0,
        data2: Param = 0,
    ) -> None:
        _set(self, "Generator", kind, (port, channel, data1, data2), ("any", "any"))

    def events(self, event: Event) -> list[Event]:
        port = event.port if isinstance(self.port, EventAttribute) else self.port
        return [
            Event(
                port,
                _value(event, self.channel),
                self.kind,
                _value(event, self.data1),
                _value(event, self.data2),
                self.sysex,
                event.time,
            )
        ]


def _value(event: Event, param: Param) -> int:
    """The value itself, or the incoming event's value a placeholder names."""
    if isinstance(param, EventAttribute):
        value: int = getattr(event, param.value)
        return value
    return param


def _set(
    unit: Generator,
    name: str,
    kind: Kind,
    given: tuple[object, object, object, object],
    checks: tuple[str, str],
    sysex: bytes = b"",
) -> None:
    """Check and store a generator's kind and values (``checks`` name data1's and data2's)."""
    if not isinstance(kind, Kind) or kind not in _SINGLE:
        raise UnitValueError(f"{name}: kind {kind!r} must be one kind of event (NOTEON, CTRL...)")
    port, channel, data1, data2 = given
    if isinstance(port, EventAttribute) and port is not EventAttribute.PORT:
        raise UnitValueError(f"{name}: the port is a name or EVENT_PORT, not {port.name}")
    if not isinstance(port, EventAttribute):
        values.port(name, port)
    checked = (
        port,
        values.param(name, channel, "channel"),
        values.param(name, data1, checks[0]),
        values.param(name, data2, checks[1]),
    )
    for field, value in zip(
        ("kind", "port", "channel", "data1", "data2", "sysex"), (kind, *checked, sysex), strict=True
    ):
        object.__setattr__(unit, field, value)


_SINGLE = frozenset(k for k in Kind if k.value and not k.value & (k.value - 1))


def _positional(
    name: str, args: tuple[object, ...], short: int, default_tail: tuple[object, ...] = ()
) -> tuple[object, ...]:
    """``(port, channel, *values)`` from ``short`` values alone or with port and channel first;
    a missing last value takes ``default_tail``."""
    for size in (short, short + 2):
        for tail in range(len(default_tail) + 1):
            if len(args) == size - tail:
                full = (*args, *default_tail[len(default_tail) - tail :])
                return full if size == short + 2 else (PORT, CHANNEL, *full)
    raise UnitValueError(
        f"{name}: give {short} values, or port and channel then {short}; got {len(args)}"
    )


@dataclass(frozen=True, slots=True, init=False)
class NoteOn(Generator):
    """``NoteOn(note, velocity)`` or ``NoteOn(port, channel, note, velocity)``."""

    def __init__(self, *args: Param | str) -> None:
        port, channel, note, velocity = _positional("NoteOn", args, 2)
        _set(self, "NoteOn", Kind.NOTEON, (port, channel, note, velocity), ("note", "velocity"))


@dataclass(frozen=True, slots=True, init=False)
class NoteOff(Generator):
    """``NoteOff(note, velocity=0)`` or ``NoteOff(port, channel, note, velocity=0)``."""

    def __init__(self, *args: Param | str) -> None:
        port, channel, note, velocity = _positional("NoteOff", args, 2, (0,))
        _set(self, "NoteOff", Kind.NOTEOFF, (port, channel, note, velocity), ("note", "velocity"))


@dataclass(frozen=True, slots=True, init=False)
class Ctrl(Generator):
    """``Ctrl(ctrl, value)`` or ``Ctrl(port, channel, ctrl, value)``."""

    def __init__(self, *args: Param | str) -> None:
        port, channel, ctrl, value = _positional("Ctrl", args, 2)
        _set(self, "Ctrl", Kind.CTRL, (port, channel, ctrl, value), ("ctrl", "value"))


@dataclass(frozen=True, slots=True, init=False)
class PolyAftertouch(Generator):
    """``PolyAftertouch(note, value)`` or ``PolyAftertouch(port, channel, note, value)``."""

    def __init__(self, *args: Param | str) -> None:
        port, channel, note, value = _positional("PolyAftertouch", args, 2)
        _set(
            self,
            "PolyAftertouch",
            Kind.POLY_AFTERTOUCH,
            (port, channel, note, value),
            ("note", "value"),
        )


@dataclass(frozen=True, slots=True, init=False)
class Program(Generator):
    """``Program(program)`` (1..128) or ``Program(port, channel, program)``."""

    def __init__(self, *args: Param | str) -> None:
        port, channel, program = _positional("Program", args, 1)
        _set(self, "Program", Kind.PROGRAM, (port, channel, 0, program), ("any", "program"))


@dataclass(frozen=True, slots=True, init=False)
class Pitchbend(Generator):
    """``Pitchbend(value)`` (-8192..8191) or ``Pitchbend(port, channel, value)``."""

    def __init__(self, *args: Param | str) -> None:
        port, channel, value = _positional("Pitchbend", args, 1)
        _set(self, "Pitchbend", Kind.PITCHBEND, (port, channel, 0, value), ("any", "bend"))


@dataclass(frozen=True, slots=True, init=False)
class Aftertouch(Generator):
    """``Aftertouch(value)`` or ``Aftertouch(port, channel, value)``."""

    def __init__(self, *args: Param | str) -> None:
        port, channel, value = _positional("Aftertouch", args, 1)
        _set(self, "Aftertouch", Kind.AFTERTOUCH, (port, channel, 0, value), ("any", "value"))


@dataclass(frozen=True, slots=True, init=False)
class SysEx(Generator):
    """``SysEx(sysex)`` or ``SysEx(port, sysex)``: a sysex event (bytes, ints or hex text,
    F0 to F7)."""

    def __init__(self, *args: SysExLike | PortParam) -> None:
        if len(args) not in (1, 2):
            raise UnitValueError(f"SysEx: give (sysex) or (port, sysex), not {len(args)} values")
        port = args[0] if len(args) == 2 else PORT
        data = values.sysex("SysEx", args[-1])
        _set(self, "SysEx", Kind.SYSEX, (port, CHANNEL, 0, 0), ("any", "any"), data)
