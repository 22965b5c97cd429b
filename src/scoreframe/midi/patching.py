"""A patch on export: the exporter's tracks through a running patch (:mod:`scoreframe.units`).

Each track's channel events enter the patch with the track's name as their port (the part's
name, or a voice's named track) and the second of their tick as their time; meta events and
sysex escapes stay where they are. In a file **a port is a track**: an event that leaves the
patch on a track's name goes to that track, one on another name to a new track of that name
(after the score's tracks, in the order they first appear), one on the default port ``""``
(``Output(None, ...)``) to the first part's track. Format 0 merges them all into its one
track. ``Output`` units' programs and controllers go at tick 0 of their port's track, after
its name. System common and real-time messages have no place in a file and are dropped.

Events keep their tick; at one tick the exporter's order (:class:`~.policies.Order`) is kept
by the order of the event each came from.

>>> import scoreframe as sf
>>> from scoreframe.units import Transpose, Output
>>> s = sf.Score(); _ = s.part("Flute").voice("Fl").note("C4", "1/4")
>>> tracks = sf.midi.read(sf.midi.to_bytes(s, patch=Transpose(12) >> Output("Lead", 2))).tracks
>>> [t.name for t in tracks]
[None, 'Flute', 'Lead']
>>> [str(e.message) for e in tracks[2].events[1:-1]]
['note_on channel=2 note=72 velocity=80', 'note_off channel=2 note=72 velocity=0']
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

from ..errors import ExportError
from ..units.base import Unit
from ..units.event import Event, Kind
from ..units.running import Running
from . import meta
from .packing import LOW_MASK, TICK_SHIFT, order_of
from .policies import Order
from .vlq import decode

#: An event of a patched track: its sort key (tick, order, sequence) and its bytes.
Placed = tuple[tuple[int, int, int], bytes]
_META, _SYSEX, _ESCAPE = 0xFF, 0xF0, 0xF7
_FIRST = int(Order.META)


class PatchedTracks:
    """The patched tracks of one export, by name, in order: track events (``file``), or the
    bytes a port sends (for :func:`~.export.messages`: system messages kept)."""

    def __init__(
        self,
        patch: Unit,
        names: Sequence[str],
        seconds: Callable[[int], float],
        *,
        file: bool = True,
    ) -> None:
        self.running = Running(patch)
        self.written = _file_bytes if file else _wire_bytes
        self.names = list(names)
        self.tracks: dict[str, list[Placed]] = {name: [] for name in names}
        self.seconds = seconds
        self._count = 0

    def _next(self) -> int:
        self._count += 1
        return self._count

    def place(self, port: str) -> list[Placed]:
        """The track of ``port``: its own, the first part's for ``""``, else a new one."""
        name = port or (self.names[0] if self.names else "")
        track = self.tracks.get(name)
        if track is None:
            track = self.tracks[name] = [((0, _FIRST, -1), meta.track_name(name))]
            self.names.append(name)
        return track

    def add(self, name: str, keys: Sequence[int], payloads: Mapping[int, bytes]) -> None:
        """One track's sorted packed events through the patch."""
        own = self.tracks[name]
        cached_tick, cached_seconds = -1, 0.0
        for key in keys:
            data, tick, order = payloads[key & LOW_MASK], key >> TICK_SHIFT, order_of(key)
            if data[0] in (_META, _ESCAPE):
                own.append(((tick, order, self._next()), data))
                continue
            if tick != cached_tick:
                cached_tick, cached_seconds = tick, self.seconds(tick)
            for out in self.running.process(_event(data, name, cached_seconds)):
                written = self.written(out)
                if written is not None:
                    self.place(out.port).append(((tick, order, self._next()), written))

    def kept(self, keys: Sequence[int], payloads: Mapping[int, bytes]) -> list[Placed]:
        """Sorted packed events placed as they are, after those placed so far (the conductor)."""
        return [
            ((key >> TICK_SHIFT, order_of(key), self._next()), payloads[key & LOW_MASK])
            for key in keys
        ]

    def finish(self) -> list[list[Placed]]:
        """Every track in order, with the patch's start events after its name (unsorted)."""
        for event in self.running.setup():
            written = self.written(event)
            if written is not None:
                self.place(event.port).append(((0, _FIRST, self._next()), written))
        return [self.tracks[name] for name in self.names]


def sort(events: list[Placed]) -> list[tuple[int, bytes]]:
    """(tick, bytes) in tick order, then the exporter's order, then the order they came."""
    events.sort(key=lambda placed: placed[0])
    return [(key[0], data) for key, data in events]


def _event(data: bytes, port: str, seconds: float) -> Event:
    """The unit event of a track event (a sysex's length dropped: F0 ... F7)."""
    if data[0] == _SYSEX:
        size, start = decode(data, 1)
        body = data[start : start + size]
        return Event(port, 1, Kind.SYSEX, sysex=bytes([_SYSEX]) + body, time=seconds)
    event = Event.from_bytes(data, port, seconds)
    if event is None:  # the exporter writes only messages it knows
        raise ExportError(f"a patch cannot read the track event {data.hex(' ')}")
    return event


def _file_bytes(event: Event) -> bytes | None:
    """A track event's bytes; ``None`` for what a file cannot hold (system messages)."""
    if event.kind is Kind.SYSEX:
        return meta.SysEx(_SYSEX, event.sysex[1:]).to_bytes()
    if event.kind & Kind.SYSTEM:
        return None
    return event.to_bytes()


def _wire_bytes(event: Event) -> bytes:
    """The bytes a port sends (a sysex as it is, F0 to F7)."""
    return event.to_bytes()
