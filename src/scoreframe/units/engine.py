"""The units of the engine: ``Sanitize`` (the rule every output applies too), ``Output`` and
``OutputTemplate``.

The sanitize rule (mididings'): an event with a channel outside 1..16, or a note, controller
or program number out of range, is dropped; velocities and values are clamped into range;
a note-on whose velocity is below 1 is dropped; a sysex must run from F0 to F7. An output
also drops an event whose port names no output (see where patches run).

``Output(port, channel, program=None, volume=None, pan=None, expression=None, ctrls=None)``
routes every event to ``port`` and ``channel`` and, where a patch starts (the start of a file
or a playback, when a router starts), sends the program change (``program=(bank, program)``
sends the bank select first) and the controllers given. ``port=None`` is the default port
(the first output; in a file, the first part's track); ``channel=None`` keeps each event's.

>>> from scoreframe.units.event import Event, Kind
>>> sanitize(Event("p", 1, Kind.NOTEON, 60, 200)).data2, sanitize(Event("p", 1, Kind.NOTEON, 60, 0))
(127, None)
>>> out = Output("synth", 2, program=(1, 42), volume=100)
>>> [e.to_bytes().hex(" ") for e in out.setup()]
['b1 00 00', 'b1 20 01', 'c1 29', 'b1 07 64']
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from ..errors import UnitTypeError, UnitValueError
from ..midi.message import CHANNEL
from . import values
from .base import Chain, Patch, Unit, as_patch, walk
from .event import BOUNDS, Event, Kind, members

#: Fields whose value out of range drops the event; the others are clamped.
DROPPED_FIELDS = frozenset({"note", "control", "program"})
_SYSEX_END = 0xF7
_SYSTEM = members(Kind.SYSTEM)
#: The controllers of Output's keywords.
VOLUME, PAN, EXPRESSION, BANK_MSB, BANK_LSB = 7, 10, 11, 0, 32


def sanitize(event: Event) -> Event | None:
    """``event`` made a valid MIDI message, or ``None`` when it cannot be (see the module doc)."""
    kind = event.kind
    if kind is Kind.SYSEX:
        data = event.sysex
        ok = len(data) >= 2 and data[0] == 0xF0 and data[-1] == _SYSEX_END
        return event if ok and max(data[1:-1], default=0) <= 0x7F else None
    if kind not in _SYSTEM and not CHANNEL.low <= event.channel <= CHANNEL.high:
        return None
    values = [event.data1, event.data2]
    changed = False
    for slot, low, high, name in BOUNDS[kind]:
        value = values[slot]
        if low <= value <= high:
            continue
        if name in DROPPED_FIELDS:
            return None
        values[slot] = low if value < low else high
        changed = True
    if kind is Kind.NOTEON and values[1] < 1:
        return None
    return event.with_data(values[0], values[1]) if changed else event


@dataclass(frozen=True, slots=True)
class Sanitize(Unit):
    """Makes the event a valid MIDI message or drops it (see :func:`sanitize`)."""

    def events(self, event: Event) -> list[Event]:
        clean = sanitize(event)
        return [] if clean is None else [clean]


@dataclass(frozen=True, slots=True, init=False)
class Output(Unit):
    """Routes events to a port and channel; sends a program and controllers at the start."""

    port: str | None
    channel: int | None
    program: int | None
    bank: int | None
    controllers: tuple[tuple[int, int], ...]
    _port: str = field(repr=False, compare=False)

    def __init__(
        self,
        port: str | None = None,
        channel: int | None = None,
        program: int | tuple[int, int] | None = None,
        volume: int | None = None,
        pan: int | None = None,
        expression: int | None = None,
        ctrls: Mapping[int, int] | None = None,
    ) -> None:
        unit = "Output"
        bank = None
        if isinstance(program, tuple):
            if len(program) != 2:
                raise UnitValueError(f"{unit}: program=(bank, program), not {program!r}")
            bank, program = values.integer(unit, "bank", program[0]), program[1]
            if not 0 <= bank <= 0x3FFF:
                raise UnitValueError(f"{unit}: bank {bank} must be an int in 0..16383")
        named = [(VOLUME, volume), (PAN, pan), (EXPRESSION, expression), *(ctrls or {}).items()]
        controllers = tuple(
            (values.ctrl(unit, number), values.ctrl_value(unit, value))
            for number, value in named
            if value is not None
        )
        for name, value in (
            ("port", None if port is None else values.port(unit, port)),
            ("channel", None if channel is None else values.channel(unit, channel)),
            ("program", None if program is None else values.program(unit, program)),
            ("bank", bank),
            ("controllers", controllers),
            ("_port", port or ""),
        ):
            object.__setattr__(self, name, value)
        if self.channel is None and (program is not None or controllers):
            raise UnitValueError(
                f"{unit}: a program or controllers need a channel: Output(port, 1, ...)"
            )

    def events(self, event: Event) -> list[Event]:
        if self.channel is None or event.kind in _SYSTEM:
            return [event.with_port(self._port)]
        return [
            Event(
                self._port,
                self.channel,
                event.kind,
                event.data1,
                event.data2,
                event.sysex,
                event.time,
            )
        ]

    def setup(self) -> tuple[Event, ...]:
        """What this output sends where a patch starts: bank, program, then controllers."""
        port, channel = self._port, self.channel or 1
        out: list[Event] = []
        if self.bank is not None:
            out.append(Event(port, channel, Kind.CTRL, BANK_MSB, self.bank >> 7))
            out.append(Event(port, channel, Kind.CTRL, BANK_LSB, self.bank & 0x7F))
        if self.program is not None:
            out.append(Event(port, channel, Kind.PROGRAM, 0, self.program))
        out.extend(
            Event(port, channel, Kind.CTRL, number, value) for number, value in self.controllers
        )
        return tuple(out)


_OUTPUT_NAMES = ("port", "channel", "program", "volume", "pan", "expression", "ctrls")


@dataclass(frozen=True, slots=True, init=False)
class OutputTemplate:
    """``Output`` with some arguments given now and the rest when called; ``>>`` puts units
    before or after it (``functools.partial(Output, ...)`` that chains).

    >>> from scoreframe.units import Transpose
    >>> synth = Transpose(12) >> OutputTemplate("synth", 1, 42)
    >>> patch = synth(100)
    >>> patch.units[0], [e.to_bytes().hex(" ") for e in patch.units[1].setup()]
    (Transpose(offset=12), ['c0 29', 'b0 07 64'])
    """

    args: tuple[Any, ...]
    kwargs: tuple[tuple[str, Any], ...]
    before: tuple[Unit, ...] = ()
    after: tuple[Unit, ...] = ()

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        unknown = sorted(set(kwargs) - set(_OUTPUT_NAMES))
        if len(args) > len(_OUTPUT_NAMES) or unknown:
            raise UnitTypeError(
                f"OutputTemplate: takes Output's arguments ({', '.join(_OUTPUT_NAMES)}); "
                f"got {len(args)} by position{', and ' + unknown[0] if unknown else ''}"
            )
        object.__setattr__(self, "args", args)
        object.__setattr__(self, "kwargs", tuple(kwargs.items()))
        object.__setattr__(self, "before", ())
        object.__setattr__(self, "after", ())

    def __call__(self, *args: Any, **kwargs: Any) -> Unit:
        output = Output(*self.args, *args, **{**dict(self.kwargs), **kwargs})
        units = (*self.before, output, *self.after)
        return units[0] if len(units) == 1 else Chain(units)

    def _with(self, before: tuple[Unit, ...], after: tuple[Unit, ...]) -> OutputTemplate:
        made = OutputTemplate(*self.args, **dict(self.kwargs))
        object.__setattr__(made, "before", before)
        object.__setattr__(made, "after", after)
        return made

    def __rshift__(self, other: Patch) -> OutputTemplate:
        return self._with(self.before, (*self.after, as_patch(other, "OutputTemplate")))

    def __rrshift__(self, other: Patch) -> OutputTemplate:
        return self._with((as_patch(other, "OutputTemplate"), *self.before), self.after)


def setup_events(patch: Unit) -> list[Event]:
    """What a patch sends where it starts: each ``Output``'s setup, in patch order, once."""
    out: list[Event] = []
    for unit in walk(patch):
        if isinstance(unit, Output):
            out.extend(e for e in unit.setup() if e not in out)
    return out


def port_names(patch: Unit) -> set[str]:
    """The port names the patch's units route to (``Port``, ``Output``, generators)."""
    from .generators import Generator
    from .modifiers import Port

    names: set[str] = set()
    for unit in walk(patch):
        if isinstance(unit, Port | Output | Generator) and isinstance(unit.port, str) and unit.port:
            names.add(unit.port)
    return names
