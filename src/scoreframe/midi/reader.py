"""Read Standard MIDI Files (types 0, 1 and 2), raising only :class:`MidiFileError`.

Every read is bounded by the data: a chunk length that lies is caught before anything of that
size is allocated, loops advance at least one byte, and running status is understood.

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
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from ..errors import MidiFileError
from .messages import BY_STATUS, DATA_LENGTH, Message
from .meta import MetaMessage, SysEx
from .vlq import decode

AnyMessage = Message | MetaMessage | SysEx


@dataclass(frozen=True, slots=True)
class TrackEvent:
    """One event of a track: absolute tick, delta from the previous event, the message."""

    tick: int
    delta: int
    message: AnyMessage


@dataclass(frozen=True, slots=True)
class Track:
    events: tuple[TrackEvent, ...]

    @property
    def name(self) -> str | None:
        for event in self.events:
            message = event.message
            if isinstance(message, MetaMessage) and message.type_byte == 0x03:
                return str(message.fields["text"])
        return None


@dataclass(frozen=True, slots=True)
class MidiFile:
    """A parsed file. ``ppq`` is ticks per quarter, or None for SMPTE timing (``smpte``:
    frames per second and ticks per frame)."""

    format: int
    ppq: int | None
    tracks: tuple[Track, ...]
    smpte: tuple[int, int] | None = None


def read(source: str | os.PathLike[str] | bytes) -> MidiFile:
    """Parse a file (a path or its bytes)."""
    if isinstance(source, bytes | bytearray):
        data = bytes(source)
    else:
        try:
            data = Path(source).read_bytes()
        except OSError as error:
            raise MidiFileError(f"{source}: {error.strerror}") from None
    return _parse(data)


def _parse(data: bytes) -> MidiFile:
    if data[:4] != b"MThd":
        raise MidiFileError("byte 0x0: not a MIDI file (no MThd chunk)")
    length = _length(data, 4)
    if length < 6 or 8 + length > len(data):
        raise MidiFileError(f"byte 0x4: MThd length {length} is too short or runs past the end")
    format = int.from_bytes(data[8:10], "big")
    count = int.from_bytes(data[10:12], "big")
    division = int.from_bytes(data[12:14], "big")
    if format > 2:
        raise MidiFileError(f"byte 0x8: SMF format {format} is not 0, 1 or 2")
    ppq, smpte = (division, None) if division < 0x8000 else (None, _smpte(division))
    if ppq == 0:
        raise MidiFileError("byte 0xc: 0 ticks per quarter")
    tracks: list[Track] = []
    offset = 8 + length
    while offset < len(data) and len(tracks) < count:
        kind, size = data[offset : offset + 4], _length(data, offset + 4)
        start, end = offset + 8, offset + 8 + size
        if end > len(data):
            raise MidiFileError(
                f"byte {offset + 4:#x}: chunk length {size} runs past the end of the data"
            )
        if kind == b"MTrk":
            tracks.append(Track(_track(data, start, end)))
        offset = end
    if len(tracks) < count:
        raise MidiFileError(f"byte {offset:#x}: the header promises {count} tracks, found "
                            f"{len(tracks)}")
    return MidiFile(format, ppq, tuple(tracks), smpte)


def _smpte(division: int) -> tuple[int, int]:
    fps = 256 - (division >> 8)
    if fps not in (24, 25, 29, 30):
        raise MidiFileError(f"byte 0xc: SMPTE rate {fps} is not 24, 25, 29 or 30")
    return fps, division & 0xFF


def _length(data: bytes, offset: int) -> int:
    if offset + 4 > len(data):
        raise MidiFileError(f"byte {offset:#x}: the data ends inside a chunk header")
    return int.from_bytes(data[offset : offset + 4], "big")


def _track(data: bytes, offset: int, end: int) -> tuple[TrackEvent, ...]:
    chunk = data[:end]
    events: list[TrackEvent] = []
    tick = 0
    status = 0
    while offset < end:
        delta, offset = decode(chunk, offset)
        tick += delta
        message, offset, status = _event(chunk, offset, status)
        events.append(TrackEvent(tick, delta, message))
        if isinstance(message, MetaMessage) and message.type_byte == 0x2F:
            break
    return tuple(events)


def _event(chunk: bytes, offset: int, status: int) -> tuple[AnyMessage, int, int]:
    if offset >= len(chunk):
        raise MidiFileError(f"byte {offset:#x}: the track ends after a delta time")
    first = chunk[offset]
    if first == 0xFF:
        if offset + 2 > len(chunk):
            raise MidiFileError(f"byte {offset:#x}: the track ends inside a meta event")
        kind = chunk[offset + 1]
        size, start = decode(chunk, offset + 2)
        if start + size > len(chunk):
            raise MidiFileError(f"byte {offset:#x}: meta event length {size} runs past the track")
        return MetaMessage(kind, chunk[start : start + size]), start + size, 0
    if first in (0xF0, 0xF7):
        size, start = decode(chunk, offset + 1)
        if start + size > len(chunk):
            raise MidiFileError(f"byte {offset:#x}: sysex length {size} runs past the track")
        return SysEx(first, chunk[start : start + size]), start + size, 0
    if first >= 0xF0:
        raise MidiFileError(f"byte {offset:#x}: status {first:#04x} does not belong in a file")
    if first >= 0x80:
        status, offset = first, offset + 1
    elif status == 0:
        raise MidiFileError(f"byte {offset:#x}: data byte {first:#04x} with no running status")
    size = DATA_LENGTH[status & 0xF0]
    body = chunk[offset : offset + size]
    if len(body) < size:
        raise MidiFileError(f"byte {offset:#x}: the track ends inside a "
                            f"{BY_STATUS[status & 0xF0].name} message")
    if any(b > 0x7F for b in body):
        raise MidiFileError(f"byte {offset:#x}: a data byte above 0x7f in "
                            f"{BY_STATUS[status & 0xF0].name}")
    return Message.from_bytes(bytes((status,)) + body), offset + size, status
