"""A patch running: events in, sanitized events out, and note-offs that follow their note-ons.

:class:`Running` keeps, for each note sounding at its input (port, channel, key), the notes its
note-on became at the output. When that note's note-off comes, the patch's own note-offs for
those notes go out and any it did not give are added, at the note-off's velocity; a note-off
the patch gives for a note this input did not start is dropped. So a unit that sent a note-on
to another key, channel or port sends its note-off there too, and no patch leaves a note
hanging (or cuts another note short). Every event out is sanitized
(:func:`~scoreframe.units.engine.sanitize`).

>>> from scoreframe.units import Call, Transpose
>>> from scoreframe.units.event import Event, Kind
>>> import itertools
>>> shifts = itertools.count(0, 5)          # each event goes up 5 semitones more than the last
>>> up = Call(lambda e: Transpose(next(shifts)).events(e))
>>> run = Running(up)
>>> [e.data1 for e in run.process(Event("kb", 1, Kind.NOTEON, 60, 90))]
[60]
>>> [e.data1 for e in run.process(Event("kb", 1, Kind.NOTEOFF, 60, 0))]   # not 65: 60
[60]
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator

from ..midi.timed import TimedMessage
from .base import Patch, Unit, as_patch
from .engine import sanitize, setup_events
from .event import Event, Kind

Place = tuple[str, int, int]


def _place(event: Event) -> Place:
    return (event.port, event.channel, event.data1)


class Running:
    """One running instance of a patch (its note map is its own)."""

    def __init__(self, patch: Patch) -> None:
        self.patch: Unit = as_patch(patch)
        self._held: defaultdict[Place, list[Place]] = defaultdict(list)

    def setup(self, time: float = 0.0) -> list[Event]:
        """The patch's start events (``Output`` programs and controllers), sanitized."""
        out = []
        for event in setup_events(self.patch):
            clean = sanitize(event)
            if clean is not None:
                out.append(
                    Event(
                        clean.port,
                        clean.channel,
                        clean.kind,
                        clean.data1,
                        clean.data2,
                        clean.sysex,
                        time,
                    )
                )
        return out

    def process(self, event: Event) -> list[Event]:
        """The events that leave the patch for ``event``, sanitized; note-offs as they follow."""
        out = [clean for e in self.patch.events(event) if (clean := sanitize(e)) is not None]
        if event.kind is Kind.NOTEON:
            self._held[_place(event)].extend(_place(e) for e in out if e.kind is Kind.NOTEON)
        elif event.kind is Kind.NOTEOFF:
            out = self._follow(event, out)
        return out

    def _follow(self, off: Event, out: list[Event]) -> list[Event]:
        """``out`` with the note-offs of the notes ``off``'s note-on started, and no others."""
        expected = self._held.pop(_place(off), [])
        kept: list[Event] = []
        for event in out:
            if event.kind is not Kind.NOTEOFF:
                kept.append(event)
            elif (place := _place(event)) in expected:
                expected.remove(place)
                kept.append(event)
        velocity = min(max(off.data2, 0), 127)
        for port, channel, key in expected:
            kept.append(Event(port, channel, Kind.NOTEOFF, key, velocity, b"", off.time))
        return kept

    def sounding(self) -> list[Place]:
        """The output notes still sounding from input notes, as (port, channel, key)."""
        return sorted(place for places in self._held.values() for place in places)


def run_messages(patch: Patch, messages: Iterable[TimedMessage]) -> Iterator[TimedMessage]:
    """A stream of timed messages through a patch: its start events at 0 s, then each
    message's events at its time (ports kept; bytes that are no message dropped).

    >>> from scoreframe.units import Transpose
    >>> stream = [TimedMessage(0.5, bytes([0x90, 60, 90])), TimedMessage(1.0, bytes([0x80, 60, 0]))]
    >>> [(m.seconds, m.data.hex(" ")) for m in run_messages(Transpose(-12), stream)]
    [(0.5, '90 30 5a'), (1.0, '80 30 00')]
    """
    running = Running(patch)
    yield from (e.to_message() for e in running.setup(0.0))
    for message in messages:
        event = Event.from_message(message)
        if event is not None:
            yield from (e.to_message() for e in running.process(event))
