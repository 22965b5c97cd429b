"""Modifiers: change a field of the events they act on and pass every event on.

``Port`` acts on every event; ``Channel`` on channel events; ``Transpose`` and ``Key`` on note
events and poly aftertouch; ``Velocity``, ``VelocitySlope`` and ``VelocityLimit`` on note-ons
(with a velocity above 0); ``CtrlMap``, ``CtrlRange`` and ``CtrlCurve`` on one controller;
``PitchbendRange`` on pitch bend. Values may leave their ranges inside a patch; the output
(or ``Sanitize``) clamps or drops them. The formulas are in :mod:`.transform`.

>>> from scoreframe.units.event import Event, Kind
>>> on = Event("kb", 1, Kind.NOTEON, 60, 42)
>>> [Velocity(m).events(on)[0].data2 for m in (23, -50)], Velocity(gamma=2.0).events(on)[0].data2
([65, -8], 73)
>>> VelocitySlope((23, 42), (-13, 13)).events(Event("kb", 1, Kind.NOTEON, 42, 42))[0].data2
55
>>> PitchbendRange(-12, 2, range=12).events(Event("kb", 1, Kind.PITCHBEND, 0, 8191))[0].data2
1365
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from ..errors import UnitValueError
from ..midi.message import PITCH
from . import values
from .base import Unit
from .event import Event, Kind, members
from .transform import Step, Transform, apply, map_float, map_range, steps
from .values import NoteLike

_NOTES = members(Kind.NOTE | Kind.POLY_AFTERTOUCH)
_CHANNELED = members(Kind.ANY & ~Kind.SYSTEM)


@dataclass(frozen=True, slots=True)
class Port(Unit):
    """Changes the port (a name)."""

    port: str

    def __post_init__(self) -> None:
        values.port("Port", self.port)

    def events(self, event: Event) -> list[Event]:
        return [event.with_port(self.port)]


@dataclass(frozen=True, slots=True)
class Channel(Unit):
    """Changes the channel (1..16) of channel events."""

    channel: int

    def __post_init__(self) -> None:
        values.channel("Channel", self.channel)

    def events(self, event: Event) -> list[Event]:
        if event.kind in _CHANNELED:
            return [event.with_channel(self.channel)]
        return [event]


@dataclass(frozen=True, slots=True, init=False)
class Transpose(Unit):
    """Transposes note events (and poly aftertouch) by ``offset`` semitones, or ``octaves=``."""

    offset: int

    def __init__(self, offset: int = 0, *, octaves: int | None = None) -> None:
        shift = values.integer("Transpose", "offset", offset)
        if octaves is not None:
            if offset:
                raise UnitValueError("Transpose: give semitones or octaves=, not both")
            shift = 12 * values.integer("Transpose", "octaves", octaves)
        object.__setattr__(self, "offset", shift)

    def events(self, event: Event) -> list[Event]:
        if event.kind in _NOTES:
            return [event.with_data(event.data1 + self.offset, event.data2)]
        return [event]


@dataclass(frozen=True, slots=True, init=False)
class Key(Unit):
    """Changes note events (and poly aftertouch) to one key (a number or a name)."""

    note: int

    def __init__(self, note: NoteLike) -> None:
        object.__setattr__(self, "note", values.note_number("Key", note))

    def events(self, event: Event) -> list[Event]:
        if event.kind in _NOTES:
            return [event.with_data(self.note, event.data2)]
        return [event]


def _velocity_steps(
    unit: str, args: tuple[float, ...], named: dict[str, float | None]
) -> tuple[Step, ...]:
    """``(offset)`` or ``(multiply, offset)`` given by position, else the keywords."""
    if len(args) > 2 or (args and any(v is not None for v in named.values())):
        raise UnitValueError(f"{unit}: give offset, (multiply, offset), or keywords, not {args!r}")
    if len(args) == 1:
        named = {**named, "offset": args[0]}
    elif len(args) == 2:
        named = {**named, "multiply": args[0], "offset": args[1]}
    return steps(unit, named)


def _transformed(value: int, chain: tuple[Step, ...]) -> int:
    """Each step in turn, as mididings chains them: a step acts on a value above 0 only."""
    for mode, param in chain:
        if value > 0:
            value = apply(value, param, mode)
    return value


@dataclass(frozen=True, slots=True, init=False)
class Velocity(Unit):
    """Changes note-on velocities: ``Velocity(offset)``, ``Velocity(multiply=...)``,
    ``fixed=``, ``gamma=`` (a power: above 1 louder), ``curve=`` (exponential: above 0
    louder), or ``Velocity(multiply, offset)``."""

    steps: tuple[Step, ...]

    def __init__(
        self,
        *args: float,
        offset: int | None = None,
        multiply: float | None = None,
        fixed: int | None = None,
        gamma: float | None = None,
        curve: float | None = None,
    ) -> None:
        given = {
            "offset": offset,
            "multiply": multiply,
            "fixed": fixed,
            "gamma": gamma,
            "curve": curve,
        }
        found = _velocity_steps("Velocity", args, given)
        if fixed is not None:
            values.velocity("Velocity", fixed)
        object.__setattr__(self, "steps", found)

    def events(self, event: Event) -> list[Event]:
        if event.kind is Kind.NOTEON and event.data2 > 0:
            return [event.with_data(event.data1, _transformed(event.data2, self.steps))]
        return [event]


@dataclass(frozen=True, slots=True, init=False)
class VelocitySlope(Unit):
    """A ``Velocity`` whose parameter moves linearly between keys: ``notes`` ascending (two
    or more), and one parameter per note for ``offset`` (by position), ``multiply=``,
    ``fixed=``, ``gamma=`` or ``curve=`` (or ``multiply, offset`` by position). Below the
    first note the first parameter holds, above the last the last."""

    notes: tuple[int, ...]
    params: tuple[tuple[Transform, tuple[float, ...]], ...]

    def __init__(
        self, notes: Sequence[NoteLike], *args: Sequence[float], **named: Sequence[float] | None
    ) -> None:
        unit = "VelocitySlope"
        keys = tuple(values.note_number(unit, n) for n in notes)
        if len(keys) < 2 or list(keys) != sorted(keys):
            raise UnitValueError(
                f"{unit}: give two or more notes in ascending order, not {notes!r}"
            )
        unknown = set(named) - {"offset", "multiply", "fixed", "gamma", "curve"}
        if unknown:
            raise UnitValueError(f"{unit}: unknown keyword {sorted(unknown)[0]!r}")
        lists = {"multiply": None, "offset": None, **named}
        if len(args) == 1:
            lists["offset"] = args[0]
        elif len(args) == 2:
            lists["multiply"], lists["offset"] = args
        elif args:
            raise UnitValueError(f"{unit}: give (notes, offset) or (notes, multiply, offset)")
        chosen = {name: seq for name, seq in lists.items() if seq is not None}
        for name, seq in chosen.items():
            if len(seq) != len(keys):
                raise UnitValueError(f"{unit}: {name} needs one value per note ({len(keys)})")
        firsts = steps(unit, {name: seq[0] for name, seq in chosen.items()})
        for name, seq in chosen.items():  # check every parameter as the first was checked
            for value in seq:
                steps(unit, {name: value})
        params = tuple((mode, tuple(float(v) for v in chosen[mode.value])) for mode, _ in firsts)
        object.__setattr__(self, "notes", keys)
        object.__setattr__(self, "params", params)

    def events(self, event: Event) -> list[Event]:
        if event.kind is not Kind.NOTEON or event.data2 <= 0:
            return [event]
        notes, key = self.notes, event.data1
        n = 0
        while n < len(notes) - 2 and notes[n + 1] < key:
            n += 1
        chain = tuple(
            (mode, map_float(key, notes[n], notes[n + 1], params[n], params[n + 1]))
            for mode, params in self.params
        )
        return [event.with_data(event.data1, _transformed(event.data2, chain))]


@dataclass(frozen=True, slots=True, init=False)
class VelocityLimit(Unit):
    """Confines note-on velocities (above 0) to ``min..max``: ``VelocityLimit(min, max)``,
    ``VelocityLimit(min)``, ``VelocityLimit(max=...)``."""

    min: int
    max: int

    def __init__(self, min: int | None = None, max: int | None = None) -> None:
        if min is None and max is None:
            raise UnitValueError("VelocityLimit: give min, max or both")
        low = 1 if min is None else values.velocity("VelocityLimit", min, limit=True)
        high = 127 if max is None else values.velocity("VelocityLimit", max, limit=True)
        if low > high:
            raise UnitValueError(f"VelocityLimit: min {low} is above max {high}")
        object.__setattr__(self, "min", low)
        object.__setattr__(self, "max", high)

    def events(self, event: Event) -> list[Event]:
        if event.kind is Kind.NOTEON and event.data2 > 0:
            velocity = event.data2
            if velocity < self.min or velocity > self.max:
                return [event.with_data(event.data1, self.min if velocity < self.min else self.max)]
        return [event]


@dataclass(frozen=True, slots=True)
class CtrlMap(Unit):
    """Maps one controller to another (changes the CC number)."""

    ctrl_in: int
    ctrl_out: int

    def __post_init__(self) -> None:
        values.ctrl("CtrlMap", self.ctrl_in)
        values.ctrl("CtrlMap", self.ctrl_out)

    def events(self, event: Event) -> list[Event]:
        if event.kind is Kind.CTRL and event.data1 == self.ctrl_in:
            return [event.with_data(self.ctrl_out, event.data2)]
        return [event]


@dataclass(frozen=True, slots=True, init=False)
class CtrlRange(Unit):
    """Maps a controller's values from ``in_min..in_max`` (default 0..127) onto ``min..max``
    linearly; at or below ``in_min`` gives ``min``, at or above ``in_max`` gives ``max``."""

    ctrl: int
    min: int
    max: int
    in_min: int
    in_max: int

    def __init__(self, ctrl: int, min: int, max: int, in_min: int = 0, in_max: int = 127) -> None:
        unit = "CtrlRange"
        numbers = [
            values.integer(unit, n, v)
            for n, v in (("min", min), ("max", max), ("in_min", in_min), ("in_max", in_max))
        ]
        low, high, lower, upper = numbers
        if lower == upper:
            raise UnitValueError(f"{unit}: in_min and in_max are both {lower}; give a range")
        if lower > upper:  # mididings swaps both ranges so that in_min < in_max
            lower, upper, low, high = upper, lower, high, low
        for name, value in (
            ("ctrl", values.ctrl(unit, ctrl)),
            ("min", low),
            ("max", high),
            ("in_min", lower),
            ("in_max", upper),
        ):
            object.__setattr__(self, name, value)

    def events(self, event: Event) -> list[Event]:
        if event.kind is Kind.CTRL and event.data1 == self.ctrl:
            value = map_range(event.data2, self.in_min, self.in_max, self.min, self.max)
            return [event.with_data(event.data1, value)]
        return [event]


@dataclass(frozen=True, slots=True, init=False)
class CtrlCurve(Unit):
    """Changes a controller's values as ``Velocity`` changes velocities:
    ``CtrlCurve(ctrl, gamma)``, ``curve=``, ``offset=``, ``multiply=``, or
    ``CtrlCurve(ctrl, multiply, offset)``."""

    ctrl: int
    steps: tuple[Step, ...]

    def __init__(
        self,
        ctrl: int,
        *args: float,
        gamma: float | None = None,
        curve: float | None = None,
        offset: int | None = None,
        multiply: float | None = None,
    ) -> None:
        named = {"gamma": gamma, "curve": curve, "offset": offset, "multiply": multiply}
        if len(args) == 1:
            if any(v is not None for v in named.values()):
                raise UnitValueError("CtrlCurve: give gamma by position or keywords, not both")
            found = steps("CtrlCurve", {"gamma": args[0]})
        else:
            found = _velocity_steps("CtrlCurve", args, named)
        object.__setattr__(self, "ctrl", values.ctrl("CtrlCurve", ctrl))
        object.__setattr__(self, "steps", found)

    def events(self, event: Event) -> list[Event]:
        if event.kind is Kind.CTRL and event.data1 == self.ctrl:
            value = event.data2
            for mode, param in self.steps:
                value = apply(value, param, mode)
            return [event.with_data(event.data1, value)]
        return [event]


@dataclass(frozen=True, slots=True, init=False)
class PitchbendRange(Unit):
    """Maps pitch bend onto ``min..max`` (from ``in_min..in_max``, default the whole wheel):
    down and up separately, the centre kept. ``PitchbendRange(down, up, range=N)`` gives the
    range in semitones of a synth bending ``N`` semitones each way."""

    min: int
    max: int
    in_min: int
    in_max: int

    def __init__(
        self,
        min: int,
        max: int,
        in_min: int = PITCH.low,
        in_max: int = PITCH.high,
        *,
        range: int | None = None,
    ) -> None:
        unit = "PitchbendRange"
        low, high = values.integer(unit, "min", min), values.integer(unit, "max", max)
        if range is not None:
            semitones = values.integer(unit, "range", range)
            if semitones <= 0:
                raise UnitValueError(
                    f"{unit}: range {semitones} must be a number of semitones above 0"
                )
            low, high = int(low / semitones * -PITCH.low), int(high / semitones * PITCH.high)
        lower, upper = values.bend(unit, in_min), values.bend(unit, in_max)
        if not lower < 0 < upper:
            raise UnitValueError(f"{unit}: in_min {lower} must be below 0 and in_max {upper} above")
        for name, value in (("min", low), ("max", high), ("in_min", lower), ("in_max", upper)):
            object.__setattr__(self, name, value)

    def events(self, event: Event) -> list[Event]:
        if event.kind is not Kind.PITCHBEND:
            return [event]
        value = event.data2
        if value >= 0:
            return [event.with_data(event.data1, map_range(value, 0, self.in_max, 0, self.max))]
        return [event.with_data(event.data1, map_range(value, self.in_min, 0, self.min, 0))]
