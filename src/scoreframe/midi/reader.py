"""Read Standard MIDI Files (formats 0, 1 and 2), raising only :class:`MidiFileError`, which
names the byte offset, on truncated or corrupt input.

Every read is bounded by the data: a chunk or event length that lies is checked against the
bytes that are there before anything is sliced, every loop advances at least one byte, and a
quantity takes at most four bytes. Unknown chunks are skipped; bytes after a track's end of
track are ignored, and a track without one ends with its chunk. Running status is understood,
and kept across meta and sysex events (which a writer should not rely on: SMF 1.0 says they
cancel it, and ours always writes the status byte after them). The bytes are read by
:func:`.scan.scan`, one pass into plain ints; this module makes the messages and events.

>>> data = bytes.fromhex("4d546864 00000006 0000 0001 0060"
...                      "4d54726b 0000000b 00 903c40 60 3c00 00ff2f00")
>>> midi = read(data)
>>> midi.format, midi.ppq
(0, 96)
>>> for event in midi.tracks[0].events:
...     print(event.tick, event.message)
0 note_on channel=1 note=60 velocity=64
96 note_on channel=1 note=60 velocity=0
96 end_of_track
>>> read(data[:30])
Traceback (most recent call last):
...
scoreframe.errors.MidiFileError: byte 0x12: chunk length 11 runs past the end of the data (8 ...
"""

from __future__ import annotations

import os
from dataclasses import dataclass

from ..bulk import paused_gc, slot_setters
from ..reading import read_file
from .message import Message
from .meta import MetaMessage, SysEx
from .scan import NO_DATA2, SMPTE_FPS, RawTrack, scan, unpack

AnyMessage = Message | MetaMessage | SysEx

__all__ = ["SMPTE_FPS", "AnyMessage", "MidiFile", "Track", "TrackEvent", "read", "track_event"]


@dataclass(frozen=True, slots=True)
class TrackEvent:
    """One event of a track: its absolute tick, the delta from the event before, the message."""

    tick: int
    delta: int
    message: AnyMessage


@dataclass(frozen=True, slots=True)
class Track:
    """The events of one MTrk chunk, in file order (their ticks never go down)."""

    events: tuple[TrackEvent, ...]

    @property
    def name(self) -> str | None:
        """The text of the track's first track-name event, if it has one."""
        for event in self.events:
            message = event.message
            if isinstance(message, MetaMessage) and message.type_byte == 0x03:
                return str(message.fields["text"])
        return None


@dataclass(frozen=True, slots=True)
class MidiFile:
    """A parsed file. ``ppq`` is ticks per quarter note, or ``None`` for SMPTE timing, when
    ``smpte`` is (frames per second, ticks per frame); 29 frames means 29.97 drop-frame."""

    format: int
    ppq: int | None
    tracks: tuple[Track, ...]
    smpte: tuple[int, int] | None = None


def read(source: str | os.PathLike[str] | bytes) -> MidiFile:
    """Parse a file, from a path or from its bytes (a :class:`~scoreframe.errors.FileReadError`,
    an ``OSError``, if the path is not a regular file or is past the size limit)."""
    if isinstance(source, bytes | bytearray | memoryview):
        data = bytes(source)
    else:
        data = read_file(source)
    return _parse(data)


def _parse(data: bytes) -> MidiFile:
    raw = scan(data)
    cache: dict[int, Message] = {}
    with paused_gc():
        tracks = tuple(Track(_events(track, cache)) for track in raw.tracks)
    return MidiFile(raw.format, raw.ppq, tracks, raw.smpte)


def _events(track: RawTrack, cache: dict[int, Message]) -> tuple[TrackEvent, ...]:
    """The track's events: each channel message made once per distinct message (equal
    messages are shared), each event by :func:`track_event`."""
    events: list[TrackEvent] = []
    append, get = events.append, cache.get
    new, cls, set_tick, set_delta, set_message = (
        _new,
        TrackEvent,
        _set_tick,
        _set_delta,
        _set_message,
    )
    last = 0
    for tick, item in zip(track.ticks, track.items, strict=True):
        if type(item) is int:
            message: AnyMessage | None = get(item)
            if message is None:
                message = cache[item] = _message(item)
        else:
            message = item  # type: ignore[assignment]
        event = new(cls)  # track_event(tick, tick - last, message), inline
        set_tick(event, tick)
        set_delta(event, tick - last)
        set_message(event, message)
        append(event)
        last = tick
    return tuple(events)


def _message(item: int) -> Message:
    status, one, two = unpack(item)
    return Message.from_bytes(bytes((status, one) if two == NO_DATA2 else (status, one, two)))


_new = object.__new__
_set_tick, _set_delta, _set_message = slot_setters(TrackEvent, "tick", "delta", "message")


def track_event(tick: int, delta: int, message: AnyMessage) -> TrackEvent:
    """``TrackEvent(tick, delta, message)``, made through its slots (a read makes one per
    event, and a frozen dataclass's own ``__init__`` costs twice as much; the fields are
    the reader's own, already checked).

    >>> track_event(96, 0, MetaMessage(0x2F, b"")) == TrackEvent(96, 0, MetaMessage(0x2F, b""))
    True
    """
    event: TrackEvent = _new(TrackEvent)
    _set_tick(event, tick)
    _set_delta(event, delta)
    _set_message(event, message)
    return event
