"""Units that call Python: ``Print`` shows events, ``Call`` runs a function on each event.

``Call(function)`` calls ``function(event)`` and goes on with what it returns: an
:class:`~scoreframe.units.event.Event`, several (a list or any iterable), or ``None`` (the
event goes no further). Other MIDI processing waits for the function, so keep it quick in a
live router. ``Print(name=None, string=None)`` prints each event (or ``string``, or
``string(event)`` when it is a function) to standard output and passes the event on.

>>> from scoreframe.units.event import Event, Kind
>>> on = Event("kb", 1, Kind.NOTEON, 60, 100)
>>> out = Print("in").events(on)
in: kb  ch 1  NOTEON  note=60 velocity=100
>>> twice = Call(lambda e: [e, Event(e.port, 2, e.kind, e.data1, e.data2)])
>>> [e.channel for e in twice.events(on)]
[1, 2]
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from ..errors import UnitCallError, UnitTypeError
from .base import Unit
from .event import Event

CallResult = Event | Iterable[Event] | None


@dataclass(frozen=True, slots=True)
class Print(Unit):
    """Prints the event (after ``name:``), or ``string`` (text, or a function of the event);
    the event goes on."""

    name: str | None = None
    string: str | Callable[[Event], str] | None = None

    def __post_init__(self) -> None:
        if self.name is not None and not isinstance(self.name, str):
            raise UnitTypeError(f"Print: name {self.name!r} must be text")
        if self.string is not None and not (isinstance(self.string, str) or callable(self.string)):
            raise UnitTypeError(f"Print: string {self.string!r} must be text or a function")

    def events(self, event: Event) -> list[Event]:
        if self.string is None:
            text = f"{self.name}: {event}" if self.name else str(event)
        elif isinstance(self.string, str):
            text = self.string
        else:
            text = str(self.string(event))
        print(text, file=sys.stdout)
        return [event]


@dataclass(frozen=True, slots=True)
class Call(Unit):
    """Calls ``function(event)``; its events (one, several or none) go on."""

    function: Callable[[Event], CallResult]

    def __post_init__(self) -> None:
        if not callable(self.function):
            raise UnitTypeError(f"Call: {self.function!r} is not a function")

    def events(self, event: Event) -> list[Event]:
        try:
            result = self.function(event)
        except Exception as error:
            raise UnitCallError(
                f"Call({_name(self.function)}) failed on {event}: {type(error).__name__}: {error}"
            ) from error
        if result is None:
            return []
        if isinstance(result, Event):
            return [result]
        if isinstance(result, Iterable) and not isinstance(result, str | bytes):
            events = list(result)
            if all(isinstance(e, Event) for e in events):
                return events
        raise UnitCallError(
            f"Call({_name(self.function)}) returned {result!r}; return an Event, a list of "
            "Events or None"
        )


def _name(function: Callable[..., object]) -> str:
    return getattr(function, "__qualname__", None) or repr(function)
