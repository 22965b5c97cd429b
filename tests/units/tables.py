"""Events written short for the unit tables: ``on(60, 100)``, ``cc(7, 90, ch=2)``...

Each table row is (unit, events in, events out); :func:`check` runs one.
"""

from __future__ import annotations

from scoreframe.units import Kind, Unit
from scoreframe.units.event import Event

PORT = "in"


def ev(kind: Kind, data1: int = 0, data2: int = 0, *, ch: int = 1, port: str = PORT) -> Event:
    return Event(port, ch, kind, data1, data2)


def on(note: int, velocity: int = 100, **where: object) -> Event:
    return ev(Kind.NOTEON, note, velocity, **where)  # type: ignore[arg-type]


def off(note: int, velocity: int = 0, **where: object) -> Event:
    return ev(Kind.NOTEOFF, note, velocity, **where)  # type: ignore[arg-type]


def cc(ctrl: int, value: int, **where: object) -> Event:
    return ev(Kind.CTRL, ctrl, value, **where)  # type: ignore[arg-type]


def pc(program: int, **where: object) -> Event:
    return ev(Kind.PROGRAM, 0, program, **where)  # type: ignore[arg-type]


def bend(value: int, **where: object) -> Event:
    return ev(Kind.PITCHBEND, 0, value, **where)  # type: ignore[arg-type]


def at(value: int, **where: object) -> Event:
    return ev(Kind.AFTERTOUCH, 0, value, **where)  # type: ignore[arg-type]


def poly(note: int, value: int, **where: object) -> Event:
    return ev(Kind.POLY_AFTERTOUCH, note, value, **where)  # type: ignore[arg-type]


def sysex(data: str, *, port: str = PORT) -> Event:
    return Event(port, 1, Kind.SYSEX, sysex=bytes.fromhex(data))


def clock(*, port: str = PORT) -> Event:
    return Event(port, 1, Kind.SYSRT_CLOCK)


Row = tuple[Unit, list[Event], list[Event]]


def run(unit: Unit, events: list[Event]) -> list[Event]:
    """Every event of ``events`` through ``unit``, the outputs in order."""
    return [out for event in events for out in unit.events(event)]
