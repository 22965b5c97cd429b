"""Units and patches: ``a >> b`` chains, a list (or :class:`Fork`) sends each event through
every branch and merges what comes out, ``Filter(...) % patch`` applies a patch to the events a
filter matches and passes the others, ``~filter`` inverts a filter (as in mididings).

A unit is a value (a frozen dataclass); its one rule is :meth:`Unit.events`: the events that
come out for one event in. A fork drops an event that an earlier branch already gave for the
same input (mididings' ``remove_duplicates``), so ``[Pass(), Pass()]`` does not double events.

>>> from scoreframe.units import Filter, Transpose, Channel, NOTE, CTRL
>>> patch = (Filter(NOTE) % Transpose(12)) >> [Channel(1), Channel(2)]
>>> [(e.channel, e.data1) for e in patch.events(Event("in", 5, Kind.NOTEON, 60, 90))]
[(1, 72), (2, 72)]
>>> [e.kind.name for e in (~Filter(CTRL)).events(Event("in", 1, Kind.CTRL, 7, 90))]
[]
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import ClassVar, TypeAlias, Union

from ..errors import UnitTypeError
from .event import Event, Kind, members

#: What a patch is wherever one is taken: a unit, or a list of patches (a fork).
Patch: TypeAlias = Union["Unit", list["Patch"]]


class Unit:
    """The base of every unit: the operators, and the rule :meth:`events`."""

    __slots__ = ()

    def events(self, event: Event) -> list[Event]:
        """The events that leave this unit when ``event`` enters it."""
        raise NotImplementedError

    def children(self) -> tuple[Unit, ...]:
        """The units inside this one (a chain's, a fork's, a split's branches)."""
        return ()

    def __rshift__(self, other: Patch) -> Unit:
        if _is_template(other):
            return NotImplemented
        return Chain.of(self, as_patch(other))

    def __rrshift__(self, other: Patch) -> Unit:
        return Chain.of(as_patch(other), self)


def _is_template(value: object) -> bool:
    from .engine import OutputTemplate

    return isinstance(value, OutputTemplate)


def as_patch(value: object, where: str = "patch") -> Unit:
    """A unit from a patch: a unit as it is, a list as a :class:`Fork` of its items.

    >>> as_patch([Pass(), Discard()])
    Fork(units=(Pass(), Discard()), remove_duplicates=True)
    >>> as_patch(12)
    Traceback (most recent call last):
    ...
    scoreframe.errors.UnitTypeError: patch: 12 (int) is not a unit or a list of units
    """
    if isinstance(value, Unit):
        return value
    if isinstance(value, list):
        return Fork(tuple(as_patch(item, where) for item in value))
    hint = " (call an OutputTemplate to make a unit)" if _is_template(value) else ""
    raise UnitTypeError(
        f"{where}: {value!r} ({type(value).__name__}) is not a unit or a list of units{hint}"
    )


def walk(unit: Unit) -> Iterator[Unit]:
    """Every unit of a patch, depth first, the patch itself first."""
    yield unit
    for child in unit.children():
        yield from walk(child)


@dataclass(frozen=True, slots=True)
class Chain(Unit):
    """Units in series: each event goes through each unit in turn (``a >> b``)."""

    units: tuple[Unit, ...]

    @classmethod
    def of(cls, first: Unit, second: Unit) -> Chain:
        """``first >> second``, flattening chains (no chain inside a chain)."""
        head = first.units if isinstance(first, Chain) else (first,)
        tail = second.units if isinstance(second, Chain) else (second,)
        return cls((*head, *tail))

    def events(self, event: Event) -> list[Event]:
        current = [event]
        for unit in self.units:
            if len(current) == 1:
                current = unit.events(current[0])
            else:
                current = [out for each in current for out in unit.events(each)]
            if not current:
                break
        return current

    def children(self) -> tuple[Unit, ...]:
        return self.units


@dataclass(frozen=True, slots=True)
class Fork(Unit):
    """Units in parallel: each event goes through every branch; the results are merged, an
    event an earlier branch gave for the same input dropped (unless ``remove_duplicates`` is
    False)."""

    units: tuple[Unit, ...]
    remove_duplicates: bool = True

    def __post_init__(self) -> None:
        object.__setattr__(self, "units", tuple(as_patch(u, "Fork") for u in self.units))

    def events(self, event: Event) -> list[Event]:
        out: list[Event] = []
        for unit in self.units:
            given = unit.events(event)
            if self.remove_duplicates and out:
                earlier = out[:]
                given = [e for e in given if e not in earlier]
            out.extend(given)
        return out

    def children(self) -> tuple[Unit, ...]:
        return self.units


@dataclass(frozen=True, slots=True)
class Pass(Unit):
    """Does nothing: the event goes on."""

    def events(self, event: Event) -> list[Event]:
        return [event]


@dataclass(frozen=True, slots=True)
class Discard(Unit):
    """Discards the event."""

    def events(self, event: Event) -> list[Event]:
        return []


class FilterUnit(Unit):
    """A filter: events of its :attr:`KINDS` pass when :meth:`matches` says so; events of
    other kinds pass if :attr:`PASS_OTHER` (mididings' rule per filter)."""

    __slots__ = ()
    KINDS: ClassVar[Kind] = Kind.ANY
    PASS_OTHER: ClassVar[bool] = False
    #: :attr:`KINDS` as a set of single kinds (membership is faster than a Flag's ``&``).
    KIND_SET: ClassVar[frozenset[Kind]] = members(Kind.ANY)

    def __init_subclass__(cls, **kwargs: object) -> None:
        super().__init_subclass__(**kwargs)
        cls.KIND_SET = members(cls.KINDS)

    def matches(self, event: Event) -> bool:
        """Whether an event of the filter's kinds passes."""
        raise NotImplementedError

    def accepts(self, event: Event) -> bool:
        """Whether ``event`` passes the filter."""
        if event.kind in self.KIND_SET:
            return self.matches(event)
        return self.PASS_OTHER

    def events(self, event: Event) -> list[Event]:
        return [event] if self.accepts(event) else []

    def __invert__(self) -> Inverted:
        """The filter inverted on its own kinds (events of other kinds as before)."""
        return Inverted(self)

    def negate(self) -> Inverted:
        """The filter negated: exactly the events it stops pass."""
        return Inverted(self, negated=True)

    def __mod__(self, patch: Patch | tuple[Patch, Patch]) -> Fork:
        """``filter % patch``: the patch for the matching events, the others unchanged;
        ``filter % (patch, else_patch)``: the others through ``else_patch``."""
        if isinstance(patch, tuple):
            if len(patch) != 2:
                raise UnitTypeError(f"{self!r} % (patch, else_patch): give two patches")
            then, other = as_patch(patch[0]), as_patch(patch[1])
            return Fork((Chain.of(self, then), Chain.of(self.negate(), other)))
        return Fork((Chain.of(self, as_patch(patch)), self.negate()))


@dataclass(frozen=True, slots=True)
class Inverted(FilterUnit):
    """``~filter`` (inverted on the filter's kinds, other kinds as the filter treats them) or
    ``filter.negate()`` (``negated``: exactly the events the filter stops)."""

    filter: FilterUnit
    negated: bool = False

    def matches(self, event: Event) -> bool:
        inner = self.filter
        if self.negated:
            return not inner.accepts(event)
        if event.kind in inner.KIND_SET:
            return not inner.matches(event)
        return inner.PASS_OTHER

    def children(self) -> tuple[Unit, ...]:
        return (self.filter,)


@dataclass(frozen=True, slots=True, init=False)
class Filter(FilterUnit):
    """Filters by kind: ``Filter(NOTE, CTRL)`` passes notes and control changes.

    >>> from scoreframe.units import NOTE, CTRL
    >>> Filter(NOTE, CTRL).kinds == NOTE | CTRL
    True
    """

    kinds: Kind
    _members: frozenset[Kind] = field(repr=False, compare=False)

    def __init__(self, *kinds: Kind) -> None:
        if not kinds or not all(isinstance(k, Kind) for k in kinds):
            raise UnitTypeError(f"Filter: give one or more kinds (NOTE, CTRL...), not {kinds!r}")
        combined = Kind(0)
        for kind in kinds:
            combined |= kind
        object.__setattr__(self, "kinds", combined)
        object.__setattr__(self, "_members", members(combined))

    def matches(self, event: Event) -> bool:
        return event.kind in self._members
