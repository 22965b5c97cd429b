"""Filters: an event passes or is dropped. Each filter acts on some kinds and treats the
others by mididings' rule: ``KeyFilter`` and ``VelocityFilter`` let other events through;
``CtrlFilter``, ``CtrlValueFilter``, ``ProgramFilter`` and the sysex filters drop them;
``ChannelFilter`` drops system events (they have no channel).

Ranges exclude their upper end (``KeyFilter("C4", "C5")`` is C4 up to B4); values given as
arguments may be several, or lists of several.

>>> from scoreframe.units.event import Event, Kind
>>> on = Event("keys", 1, Kind.NOTEON, 64, 100)
>>> KeyFilter("C4", "C5").accepts(on), KeyFilter(notes=[60, 62]).accepts(on)
(True, False)
>>> CtrlFilter(7).accepts(on), VelocityFilter(lower=101).accepts(on)
(False, False)
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import ClassVar

from ..errors import UnitValueError
from ..midi.message import NOTE
from . import values
from .base import FilterUnit
from .event import Event, Kind
from .values import NoteLike, RangeLike, SysExLike

_NO_TOP = NOTE.high + 1


def flatten(items: Iterable[object]) -> list[object]:
    """Arguments given one by one or as lists: ``PortFilter("a", ["b", "c"])``."""
    out: list[object] = []
    for item in items:
        if isinstance(item, list | tuple | set | frozenset):
            out.extend(item)
        else:
            out.append(item)
    return out


def _some(unit: str, items: tuple[object, ...]) -> list[object]:
    found = flatten(items)
    if not found:
        raise UnitValueError(f"{unit}: give at least one value")
    return found


@dataclass(frozen=True, slots=True, init=False)
class PortFilter(FilterUnit):
    """Filters by port name(s)."""

    ports: frozenset[str]

    def __init__(self, *ports: str | Iterable[str]) -> None:
        names = frozenset(values.port("PortFilter", p) for p in _some("PortFilter", ports))
        object.__setattr__(self, "ports", names)

    def matches(self, event: Event) -> bool:
        return event.port in self.ports


@dataclass(frozen=True, slots=True, init=False)
class ChannelFilter(FilterUnit):
    """Filters by channel(s), 1..16; system events are dropped."""

    KINDS: ClassVar[Kind] = Kind.ANY & ~Kind.SYSTEM
    channels: frozenset[int]

    def __init__(self, *channels: int | Iterable[int]) -> None:
        found = _some("ChannelFilter", channels)
        object.__setattr__(
            self, "channels", frozenset(values.channel("ChannelFilter", c) for c in found)
        )

    def matches(self, event: Event) -> bool:
        return event.channel in self.channels


@dataclass(frozen=True, slots=True, init=False)
class KeyFilter(FilterUnit):
    """Filters note events (and poly aftertouch) by key: ``KeyFilter(lower, upper)`` (upper
    excluded), ``KeyFilter("C3:C5")``, ``KeyFilter("C4")`` (one key), ``KeyFilter(lower=60)``,
    ``KeyFilter(upper=60)``, ``KeyFilter(notes=[60, "E4"])``. Other events pass."""

    KINDS: ClassVar[Kind] = Kind.NOTE | Kind.POLY_AFTERTOUCH
    PASS_OTHER: ClassVar[bool] = True
    lower: int
    upper: int
    notes: frozenset[int]

    def __init__(
        self,
        *args: RangeLike,
        lower: NoteLike | None = None,
        upper: NoteLike | None = None,
        notes: Iterable[NoteLike] | None = None,
    ) -> None:
        unit = "KeyFilter"
        keys: frozenset[int] = frozenset()
        given = sum(x is not None for x in (lower, upper)) + (notes is not None)
        if len(args) > 2 or (args and given) or (notes is not None and given > 1):
            raise UnitValueError(
                f"{unit}: give a range (lower, upper), one note or 'C3:C5', lower= and/or "
                "upper=, or notes=[...]"
            )
        if notes is not None:
            keys = frozenset(values.note_number(unit, n) for n in notes)
            low, high = 0, 0
        elif len(args) == 1:
            low, high = values.note_range(unit, args[0])
        else:
            lower, upper = args if args else (lower, upper)  # type: ignore[assignment]
            low = 0 if lower is None else values.note_number(unit, lower, limit=True)
            high = _NO_TOP if upper is None else values.note_number(unit, upper, limit=True)
        if not keys and not low < high:
            raise UnitValueError(f"{unit}: the range {low}..{high} holds no key (upper excluded)")
        object.__setattr__(self, "lower", low)
        object.__setattr__(self, "upper", high)
        object.__setattr__(self, "notes", keys)

    def matches(self, event: Event) -> bool:
        if self.notes:
            return event.data1 in self.notes
        return self.lower <= event.data1 < self.upper


def _value_bounds(
    unit: str, check: str, args: tuple[int, ...], lower: int | None, upper: int | None
) -> tuple[int, int]:
    """The forms ``(value)``, ``(lower, upper)``, ``(lower=, upper=)``; upper excluded."""
    one = values.velocity if check == "velocity" else values.ctrl_value
    if len(args) > 2 or (args and (lower is not None or upper is not None)):
        raise UnitValueError(f"{unit}: give one value, (lower, upper), or lower= and/or upper=")
    if len(args) == 1:
        single = one(unit, args[0])
        return single, single + 1
    if len(args) == 2:
        lower, upper = args
    if lower is None and upper is None:
        raise UnitValueError(f"{unit}: give a value, or lower= and/or upper=")
    low = 0 if lower is None else one(unit, lower, limit=True)
    high = _NO_TOP if upper is None else one(unit, upper, limit=True)
    return low, high


@dataclass(frozen=True, slots=True, init=False)
class VelocityFilter(FilterUnit):
    """Filters note-ons by velocity: ``VelocityFilter(lower, upper)`` (upper excluded),
    ``VelocityFilter(100)`` (that velocity), ``lower=``, ``upper=``. Other events pass."""

    KINDS: ClassVar[Kind] = Kind.NOTEON
    PASS_OTHER: ClassVar[bool] = True
    lower: int
    upper: int

    def __init__(self, *args: int, lower: int | None = None, upper: int | None = None) -> None:
        low, high = _value_bounds("VelocityFilter", "velocity", args, lower, upper)
        object.__setattr__(self, "lower", low)
        object.__setattr__(self, "upper", high)

    def matches(self, event: Event) -> bool:
        return self.lower <= event.data2 < self.upper


@dataclass(frozen=True, slots=True, init=False)
class CtrlFilter(FilterUnit):
    """Filters control changes by controller number(s); other events are dropped."""

    KINDS: ClassVar[Kind] = Kind.CTRL
    ctrls: frozenset[int]

    def __init__(self, *ctrls: int | Iterable[int]) -> None:
        found = _some("CtrlFilter", ctrls)
        object.__setattr__(self, "ctrls", frozenset(values.ctrl("CtrlFilter", c) for c in found))

    def matches(self, event: Event) -> bool:
        return event.data1 in self.ctrls


@dataclass(frozen=True, slots=True, init=False)
class CtrlValueFilter(FilterUnit):
    """Filters control changes by value: ``(lower, upper)`` (upper excluded), one value,
    ``lower=``, ``upper=``; other events are dropped."""

    KINDS: ClassVar[Kind] = Kind.CTRL
    lower: int
    upper: int

    def __init__(self, *args: int, lower: int | None = None, upper: int | None = None) -> None:
        low, high = _value_bounds("CtrlValueFilter", "value", args, lower, upper)
        object.__setattr__(self, "lower", low)
        object.__setattr__(self, "upper", high)

    def matches(self, event: Event) -> bool:
        return self.lower <= event.data2 < self.upper


@dataclass(frozen=True, slots=True, init=False)
class ProgramFilter(FilterUnit):
    """Filters program changes by program(s), 1..128; other events are dropped."""

    KINDS: ClassVar[Kind] = Kind.PROGRAM
    programs: frozenset[int]

    def __init__(self, *programs: int | Iterable[int]) -> None:
        found = _some("ProgramFilter", programs)
        checked = frozenset(values.program("ProgramFilter", p) for p in found)
        object.__setattr__(self, "programs", checked)

    def matches(self, event: Event) -> bool:
        return event.data2 in self.programs


@dataclass(frozen=True, slots=True, init=False)
class SysExFilter(FilterUnit):
    """Filters sysex events by their data (bytes, ints or hex text such as ``"F0 41 10"``):
    data that does not end with F7 matches every sysex that starts with it.
    ``SysExFilter(manufacturer=0x43)`` matches a manufacturer id. Other events are dropped."""

    KINDS: ClassVar[Kind] = Kind.SYSEX
    data: bytes
    partial: bool

    def __init__(
        self, sysex: SysExLike | None = None, *, manufacturer: SysExLike | int | None = None
    ) -> None:
        unit = "SysExFilter"
        if (sysex is None) == (manufacturer is None):
            raise UnitValueError(f"{unit}: give the sysex data or manufacturer=, one of them")
        if manufacturer is not None:
            data, partial = (
                bytes([values.SYSEX_START]) + values.manufacturer(unit, manufacturer),
                True,
            )
        else:
            data = values.sysex(unit, sysex, partial=True)
            partial = data[-1] != values.SYSEX_END
        object.__setattr__(self, "data", data)
        object.__setattr__(self, "partial", partial)

    def matches(self, event: Event) -> bool:
        if self.partial:
            return event.sysex.startswith(self.data)
        return event.sysex == self.data


def ManufacturerFilter(manufacturer: SysExLike | int) -> SysExFilter:
    """Filters sysex events by manufacturer id (one byte, or three starting with 00):
    ``SysExFilter(manufacturer=...)``.

    >>> ManufacturerFilter(0x43).data.hex(" ")
    'f0 43'
    """
    return SysExFilter(manufacturer=manufacturer)
