"""Read Standard MIDI Files (formats 0, 1 and 2), raising only :class:`MidiFileError`, which
names the byte offset, on truncated or corrupt input.

Every read is bounded by the data: a chunk or event length that lies is checked against the
bytes that are there before anything is sliced, every loop advances at least one byte, and a
quantity takes at most four bytes. Unknown chunks are skipped; bytes after a track's end of
track are ignored, and a track without one ends with its chunk. Running status is understood,
and kept across meta and sysex events (which a writer should not rely on: SMF 1.0 says they
cancel it, and ours always writes the status byte after them).

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
from pathlib import Path

from ..errors import MidiFileError
from .message import BY_STATUS, DATA_LENGTH, Message
from .meta import MetaMessage, SysEx
from .vlq import decode

AnyMessage = Message | MetaMessage | SysEx

#: SMPTE frame rates a division may name (29 is 29.97 drop-frame).
SMPTE_FPS = (24, 25, 29, 30)


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
    """Parse a file, from a path or from its bytes (``OSError`` if the path cannot be read)."""
    if isinstance(source, bytes | bytearray | memoryview):
        data = bytes(source)
    else:
        data = Path(source).read_bytes()
    return _parse(data)


def _parse(data: bytes) -> MidiFile:
    format, count, ppq, smpte, offset = _header(data)
    cache: dict[int, Message] = {}
    tracks: list[Track] = []
    while len(tracks) < count:
        if offset >= len(data):
            raise MidiFileError(
                f"byte {offset:#x}: the data ends after {len(tracks)} tracks; "
                f"the header promises {count}"
            )
        size = _u32(data, offset + 4, "a chunk header")
        start, end = offset + 8, offset + 8 + size
        if end > len(data):
            raise MidiFileError(
                f"byte {offset + 4:#x}: chunk length {size} runs past the end "
                f"of the data ({len(data) - start} bytes left)"
            )
        if data[offset : offset + 4] == b"MTrk":
            tracks.append(Track(_track(data, start, end, cache)))
        offset = end
    return MidiFile(format, ppq, tuple(tracks), smpte)


def _u32(data: bytes, offset: int, inside: str) -> int:
    if offset + 4 > len(data):
        raise MidiFileError(f"byte {offset:#x}: the data ends inside {inside}")
    return int.from_bytes(data[offset : offset + 4], "big")


def _header(data: bytes) -> tuple[int, int, int | None, tuple[int, int] | None, int]:
    """Format, track count, ppq, SMPTE timing and the offset after the MThd chunk."""
    if data[:4] != b"MThd":
        start = data[:4].hex(" ") or "nothing"
        raise MidiFileError(f"byte 0x0: not a MIDI file (it starts {start}, not MThd)")
    length = _u32(data, 4, "the MThd chunk")
    if length < 6:
        raise MidiFileError(f"byte 0x4: MThd length {length} must be at least 6")
    if 8 + length > len(data):
        raise MidiFileError(f"byte 0x4: MThd length {length} runs past the end of the data")
    format, count, division = (int.from_bytes(data[i : i + 2], "big") for i in (8, 10, 12))
    if format > 2:
        raise MidiFileError(f"byte 0x8: format {format} must be 0, 1 or 2")
    if division & 0x8000:
        fps, per_frame = 256 - (division >> 8), division & 0xFF
        if fps not in SMPTE_FPS or per_frame == 0:
            raise MidiFileError(
                f"byte 0xc: SMPTE division of {fps} fps (24, 25, 29 or 30) and "
                f"{per_frame} ticks per frame (1 or more)"
            )
        return format, count, None, (fps, per_frame), 8 + length
    if division == 0:
        raise MidiFileError("byte 0xc: 0 ticks per quarter note")
    return format, count, division, None, 8 + length


def _track(data: bytes, pos: int, end: int, cache: dict[int, Message]) -> tuple[TrackEvent, ...]:
    """The events of the MTrk chunk whose data is ``data[pos:end]``."""
    events: list[TrackEvent] = []
    append = events.append
    tick = status = 0
    while pos < end:
        delta = data[pos]
        if delta < 0x80:
            pos += 1
        else:
            delta, pos = decode(data, pos, end)
        tick += delta
        if pos >= end:
            raise MidiFileError(f"byte {pos:#x}: the track ends after a delta time")
        first = data[pos]
        message: AnyMessage
        if first < 0xF0:
            if first & 0x80:
                status, pos = first, pos + 1
            elif not status:
                raise MidiFileError(
                    f"byte {pos:#x}: data byte {first:#04x} with no running "
                    "status (a status byte must come first)"
                )
            message, pos = _channel(data, pos, end, status, cache)
        else:
            message, pos = _system(data, pos, end)
        append(TrackEvent(tick, delta, message))
        if first == 0xFF and isinstance(message, MetaMessage) and message.type_byte == 0x2F:
            break
    return tuple(events)


def _channel(
    data: bytes, pos: int, end: int, status: int, cache: dict[int, Message]
) -> tuple[Message, int]:
    """The channel message whose data bytes start at ``pos``; equal messages are shared."""
    stop = pos + DATA_LENGTH[status]
    if stop > end:
        name = BY_STATUS[status & 0xF0].name
        raise MidiFileError(f"byte {pos:#x}: the track ends inside a {name} message")
    key = status << 16 | data[pos] << 8 | (data[pos + 1] if stop - pos == 2 else 0xFF)
    message = cache.get(key)
    if message is None:  # new: check its data bytes once
        for index in range(pos, stop):
            if data[index] & 0x80:
                name = BY_STATUS[status & 0xF0].name
                raise MidiFileError(
                    f"byte {index:#x}: status byte {data[index]:#04x} inside a "
                    f"{name} message (a data byte is 0x00..0x7f)"
                )
        message = cache[key] = Message.from_bytes(bytes((status,)) + data[pos:stop])
    return message, stop


def _system(data: bytes, pos: int, end: int) -> tuple[MetaMessage | SysEx, int]:
    """The meta or sysex event at ``pos``."""
    first = data[pos]
    if first == 0xFF:
        if pos + 2 > end:
            raise MidiFileError(f"byte {pos:#x}: the track ends inside a meta event")
        kind = "meta event"
        size, start = decode(data, pos + 2, end)
    elif first in (0xF0, 0xF7):
        kind = "sysex event"
        size, start = decode(data, pos + 1, end)
    else:
        raise MidiFileError(
            f"byte {pos:#x}: status {first:#04x} (system common or realtime) "
            "does not belong in a file"
        )
    if start + size > end:
        raise MidiFileError(
            f"byte {pos:#x}: {kind} length {size} runs past the end of the "
            f"track ({end - start} bytes left)"
        )
    if first == 0xFF:
        return MetaMessage(data[pos + 1], data[start : start + size]), start + size
    return SysEx(first, data[start : start + size]), start + size
