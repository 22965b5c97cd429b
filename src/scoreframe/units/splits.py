"""Splits: each event goes to the patch (or patches) its value selects. A split is a fork of
filtered patches, as in mididings; a ``None`` key takes the events no other key takes.

The events a split does not classify (the reference's rules, :class:`Others`):
``KeySplit`` and ``VelocitySplit`` send them to every patch; ``CtrlSplit``,
``CtrlValueSplit``, ``ProgramSplit`` and ``SysExSplit`` leave them unchanged and send them to
no patch; so does ``ChannelSplit`` with system events (they have no channel). ``PortSplit``
classifies every event (each has a port): an event of a port no key names is dropped, unless
a ``None`` key takes it.

>>> from scoreframe.units import Channel, Discard
>>> from scoreframe.units.event import Event, Kind
>>> split = KeySplit("C4", Channel(1), Channel(2))
>>> [e.channel for e in split.events(Event("kb", 5, Kind.NOTEON, 59, 90))]
[1]
>>> [e.channel for e in split.events(Event("kb", 5, Kind.CTRL, 64, 127))]   # to both
[1, 2]
>>> [e.kind.name for e in CtrlSplit({7: Discard()}).events(Event("kb", 1, Kind.PROGRAM, 0, 5))]
['PROGRAM']
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from enum import Enum

from ..errors import UnitError, UnitValueError
from .base import Chain, Filter, FilterUnit, Fork, Patch, Unit, as_patch
from .event import Event, Kind
from .filters import (
    ChannelFilter,
    CtrlFilter,
    CtrlValueFilter,
    KeyFilter,
    PortFilter,
    ProgramFilter,
    SysExFilter,
    VelocityFilter,
)


class Others(Enum):
    """What a split does with an event it does not classify."""

    ALL = "sent to every patch"
    PASS = "left unchanged, sent to no patch"


@dataclass(frozen=True, slots=True, init=False)
class Split(Unit):
    """The base of the splits: the keys and patches given, and the fork they make."""

    mapping: tuple[tuple[object, Unit], ...]
    fork: Fork = field(repr=False, compare=False)

    def events(self, event: Event) -> list[Event]:
        return self.fork.events(event)

    def children(self) -> tuple[Unit, ...]:
        return (self.fork,)


def _filter(
    name: str, make: Callable[[object], FilterUnit], key: object, what: str = "key"
) -> FilterUnit:
    try:
        return make(key)
    except UnitError as error:
        raise type(error)(f"{name} {what} {key!r}: {error}") from None


def _setup(
    split: Split,
    mapping: Mapping[object, Patch],
    make: Callable[[object], FilterUnit],
    passed: Kind | None,
) -> None:
    """Build the fork of ``split``: a branch per key, the ``None`` key for the rest, and (for
    :attr:`Others.PASS`) a branch passing the kinds ``passed`` that the split does not classify."""
    name = type(split).__name__
    if not isinstance(mapping, Mapping) or not mapping:
        raise UnitValueError(f"{name}: give a dict {{key: patch, ...}} with at least one key")
    keyed = [(key, as_patch(patch, name)) for key, patch in mapping.items() if key is not None]
    filters = [_filter(name, make, key) for key, _ in keyed]
    branches: list[Unit] = [
        Chain.of(f, patch) for f, (_, patch) in zip(filters, keyed, strict=True)
    ]
    items: list[tuple[object, Unit]] = list(keyed)
    if None in mapping:
        rest = as_patch(mapping[None], name)
        branches.append(Chain((*(~f for f in filters), rest)) if filters else rest)
        items.append((None, rest))
    _finish(split, items, branches, passed)


def _finish(
    split: Split, items: list[tuple[object, Unit]], branches: list[Unit], passed: Kind | None
) -> None:
    if passed is not None:
        branches.append(Filter(Kind.ANY & ~passed))
    object.__setattr__(split, "mapping", tuple(items))
    object.__setattr__(split, "fork", Fork(tuple(branches)))


def _threshold(
    split: Split, below: FilterUnit, lower: Patch, upper: Patch, passed: Kind | None
) -> None:
    """``threshold, patch_lower, patch_upper``: below the threshold one way, from it the other."""
    name = type(split).__name__
    low, high = as_patch(lower, name), as_patch(upper, name)
    _finish(
        split,
        [("lower", low), ("upper", high)],
        [Chain.of(below, low), Chain.of(~below, high)],
        passed,
    )


def _many(
    make: Callable[..., FilterUnit], *, unpack: bool = True
) -> Callable[[object], FilterUnit]:
    """The filter of a key: one value, or (``unpack``) a tuple of several."""
    return lambda key: make(*key) if unpack and isinstance(key, tuple) else make(key)


def _keyword(make: Callable[..., FilterUnit], name: str) -> Callable[[object], FilterUnit]:
    """The filter of a key given as the keyword ``name``."""
    return lambda key: make(**{name: key})


@dataclass(frozen=True, slots=True, init=False)
class PortSplit(Split):
    """``PortSplit({port: patch, (port, ...): patch, None: patch})``: splits by port."""

    def __init__(self, mapping: Mapping[object, Patch]) -> None:
        _setup(self, mapping, _many(PortFilter), None)


@dataclass(frozen=True, slots=True, init=False)
class ChannelSplit(Split):
    """``ChannelSplit({channel: patch, (channel, ...): patch})``: splits by channel."""

    def __init__(self, mapping: Mapping[object, Patch]) -> None:
        _setup(self, mapping, _many(ChannelFilter), Kind.ANY & ~Kind.SYSTEM)


@dataclass(frozen=True, slots=True, init=False)
class KeySplit(Split):
    """``KeySplit(note, patch_lower, patch_upper)`` (the note itself goes up) or
    ``KeySplit({(lower, upper): patch, "C3:C5": patch, note: patch})``: splits note events by
    key; other events go to every patch."""

    def __init__(
        self, split: object, lower: Patch | None = None, upper: Patch | None = None
    ) -> None:
        if isinstance(split, Mapping):
            _setup(self, split, _many(KeyFilter, unpack=False), None)
            return
        below = _filter("KeySplit", _keyword(KeyFilter, "upper"), split, "threshold")
        _threshold(self, below, _given(self, lower), _given(self, upper), None)


@dataclass(frozen=True, slots=True, init=False)
class VelocitySplit(Split):
    """``VelocitySplit(threshold, patch_lower, patch_upper)`` or
    ``VelocitySplit({(lower, upper): patch, value: patch})``: splits note-ons by velocity;
    other events go to every patch."""

    def __init__(
        self, split: object, lower: Patch | None = None, upper: Patch | None = None
    ) -> None:
        if isinstance(split, Mapping):
            _setup(self, split, _many(VelocityFilter), None)
            return
        below = _filter("VelocitySplit", _keyword(VelocityFilter, "upper"), split, "threshold")
        _threshold(self, below, _given(self, lower), _given(self, upper), None)


@dataclass(frozen=True, slots=True, init=False)
class CtrlSplit(Split):
    """``CtrlSplit({ctrl: patch, (ctrl, ...): patch})``: splits control changes by
    controller; other events are left unchanged and sent to no patch."""

    def __init__(self, mapping: Mapping[object, Patch]) -> None:
        _setup(self, mapping, _many(CtrlFilter), Kind.CTRL)


@dataclass(frozen=True, slots=True, init=False)
class CtrlValueSplit(Split):
    """``CtrlValueSplit(threshold, patch_lower, patch_upper)`` or
    ``CtrlValueSplit({value: patch, (lower, upper): patch})``: splits control changes by
    value; other events are left unchanged and sent to no patch."""

    def __init__(
        self, split: object, lower: Patch | None = None, upper: Patch | None = None
    ) -> None:
        if isinstance(split, Mapping):
            _setup(self, split, _many(CtrlValueFilter), Kind.CTRL)
            return
        below = _filter("CtrlValueSplit", _keyword(CtrlValueFilter, "upper"), split, "threshold")
        _threshold(self, below, _given(self, lower), _given(self, upper), Kind.CTRL)


@dataclass(frozen=True, slots=True, init=False)
class ProgramSplit(Split):
    """``ProgramSplit({program: patch, (program, ...): patch})``: splits program changes;
    other events are left unchanged and sent to no patch."""

    def __init__(self, mapping: Mapping[object, Patch]) -> None:
        _setup(self, mapping, _many(ProgramFilter), Kind.PROGRAM)


@dataclass(frozen=True, slots=True, init=False)
class SysExSplit(Split):
    """``SysExSplit({sysex: patch})`` or ``SysExSplit(manufacturers={id: patch})``: splits
    sysex events by data (a prefix when it does not end with F7) or manufacturer; other
    events are left unchanged and sent to no patch."""

    def __init__(
        self,
        mapping: Mapping[object, Patch] | None = None,
        *,
        manufacturers: Mapping[object, Patch] | None = None,
    ) -> None:
        if (mapping is None) == (manufacturers is None):
            raise UnitValueError("SysExSplit: give a mapping {sysex: patch} or manufacturers=, one")
        if manufacturers is not None:
            _setup(self, manufacturers, _keyword(SysExFilter, "manufacturer"), Kind.SYSEX)
        else:
            _setup(self, mapping or {}, _many(SysExFilter, unpack=False), Kind.SYSEX)


def _given(split: Split, patch: Patch | None) -> Patch:
    if patch is None:
        name = type(split).__name__
        raise UnitValueError(f"{name}: give (threshold, patch_lower, patch_upper) or a dict")
    return patch
