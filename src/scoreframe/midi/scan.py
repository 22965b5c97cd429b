"""The byte layer of reading a Standard MIDI File: one pass over each chunk into plain ints.

:func:`scan` checks everything :func:`~.reader.read` promises (every length bounded by its
chunk, every loop advancing, a quantity at most four bytes, data bytes below 0x80, running
status understood) and raises only :class:`MidiFileError` naming the byte offset. It builds no
object per channel message: each track is two lists, the absolute ``ticks`` and the ``items``,
where a channel message is one int ``status << 16 | data1 << 8 | data2`` (``data2`` is 0xFF
for the one-byte messages, program change and channel pressure) and a meta or sysex event is
a :class:`MetaMessage` or :class:`SysEx`. :func:`~.reader.read` makes its messages from these;
the importer (:mod:`.collect`) reads the ints as they are, and has :func:`scan` pair its
notes as it reads them (``notes=True``: see :class:`Played`), so that no item is made for a
note at all.

>>> raw = scan(bytes.fromhex("4d546864 00000006 0000 0001 0060"
...                          "4d54726b 0000000b 00 903c40 60 3c00 00ff2f00"))
>>> raw.format, raw.ppq, raw.tracks[0].ticks
(0, 96, [0, 96, 96])
>>> [hex(i) for i in raw.tracks[0].items[:2]], unpack(raw.tracks[0].items[1])
(['0x903c40', '0x903c00'], (144, 60, 0))
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..errors import MidiFileError
from .message import BY_STATUS, DATA_LENGTH
from .meta import MetaMessage, SysEx
from .vlq import decode

#: SMPTE frame rates a division may name (29 is 29.97 drop-frame).
SMPTE_FPS = (24, 25, 29, 30)
#: ``data2`` of a packed one-byte channel message.
NO_DATA2 = 0xFF
_END_OF_TRACK = 0x2F

Item = int | MetaMessage | SysEx


@dataclass(slots=True)
class Played:
    """A track's notes, paired as they are read (the importer's rule): a note-on with velocity
    0 is a note-off, and a note-off ends the earliest note still sounding on its key (first
    in, first out), so notes that overlap on one key are all kept. In note-on order: the start
    and end ticks (the end is the start until the note-off comes) and the packed note-on;
    ``opened`` holds, per ``status << 8 | key``, the oldest note still sounding, ``more`` the
    later ones, oldest first (where notes overlap on a key), and ``stray`` counts the
    note-offs that found none."""

    starts: list[int] = field(default_factory=list)
    ends: list[int] = field(default_factory=list)
    codes: list[int] = field(default_factory=list)
    opened: dict[int, int] = field(default_factory=dict)
    more: dict[int, list[int]] = field(default_factory=dict)
    stray: int = 0

    def sounding(self) -> list[int]:
        """The notes still sounding."""
        return [*self.opened.values(), *(i for later in self.more.values() for i in later)]


@dataclass(frozen=True, slots=True)
class RawTrack:
    """One MTrk chunk as read: absolute ticks and items (packed ints, metas, sysex), in step;
    ``offset`` is the byte where the chunk starts, ``last`` the tick of its last event. Scanned
    with ``notes=True``, its note-ons and -offs are in ``played``, not in the items."""

    ticks: list[int]
    items: list[Item]
    offset: int
    last: int = 0
    played: Played | None = None


@dataclass(frozen=True, slots=True)
class RawFile:
    """The header's format, ppq (None on SMPTE time, then ``smpte`` is (fps, ticks per frame))
    and the tracks."""

    format: int
    ppq: int | None
    tracks: tuple[RawTrack, ...]
    smpte: tuple[int, int] | None = None


def unpack(item: int) -> tuple[int, int, int]:
    """(status, data1, data2) of a packed channel message (data2 0xFF: none)."""
    return item >> 16, (item >> 8) & 0x7F, item & 0xFF


def scan(data: bytes, *, notes: bool = False) -> RawFile:
    """Every MTrk chunk of ``data`` (unknown chunks skipped), checked as the module doc says;
    with ``notes``, each track's notes paired into its :class:`Played`."""
    format, count, ppq, smpte, offset = _header(data)
    tracks: list[RawTrack] = []
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
            played = Played() if notes else None
            ticks, items, last = _track(data, start, end, played)
            tracks.append(RawTrack(ticks, items, offset, last, played))
        offset = end
    return RawFile(format, ppq, tuple(tracks), smpte)


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


def _track(
    data: bytes, pos: int, end: int, played: Played | None
) -> tuple[list[int], list[Item], int]:
    """The ticks and items of the MTrk chunk whose data is ``data[pos:end]``, and its last
    tick; the notes paired into ``played`` if given (the hot loop of every read: plain ints,
    the common one-byte delta and two-byte message inline)."""
    ticks: list[int] = []
    items: list[Item] = []
    add_tick, add_item = ticks.append, items.append
    paired_below = 0xA0 if played is not None else 0  # the statuses paired: notes (0x8n, 0x9n)
    notes = played or Played()
    starts, ends, codes, opened, more = (
        notes.starts,
        notes.ends,
        notes.codes,
        notes.opened,
        notes.more,
    )
    add_start, add_end, add_code, pop = starts.append, ends.append, codes.append, opened.pop
    lengths = DATA_LENGTH
    tick = status = count = stray = 0
    while pos < end:
        delta = data[pos]
        if delta < 0x80:
            pos += 1
        elif pos + 1 < end and data[pos + 1] < 0x80:  # two bytes: most deltas of a dense track
            delta = (delta & 0x7F) << 7 | data[pos + 1]
            pos += 2
        else:
            delta, pos = decode(data, pos, end)
        tick += delta
        if pos >= end:
            raise MidiFileError(f"byte {pos:#x}: the track ends after a delta time")
        first = data[pos]
        if first < 0xF0:
            if first & 0x80:
                status, pos = first, pos + 1
            elif not status:
                raise MidiFileError(
                    f"byte {pos:#x}: data byte {first:#04x} with no running "
                    "status (a status byte must come first)"
                )
            if lengths[status] == 2:
                if pos + 2 > end:
                    _cut(pos, status)
                one, two = data[pos], data[pos + 1]
                if (one | two) & 0x80:
                    _not_data(data, pos, pos + 2, status)
                pos += 2
                if status < paired_below:  # a note-on or -off, paired (see Played)
                    key = status << 8 | one
                    if status >= 0x90 and two:
                        if key in opened:  # a note on a key that sounds: it waits its turn
                            more.setdefault(key, []).append(count)
                        else:
                            opened[key] = count
                        add_start(tick)
                        add_end(tick)
                        add_code(key << 8 | two)
                        count += 1
                        continue
                    key |= 0x1000  # the note-on status of this off
                    oldest = pop(key, -1)
                    if oldest < 0:
                        stray += 1
                        continue
                    ends[oldest] = tick
                    if more and key in more:
                        _next(opened, more, key)
                    continue
                add_item(status << 16 | one << 8 | two)
            else:
                if pos >= end:
                    _cut(pos, status)
                one = data[pos]
                if one & 0x80:
                    _not_data(data, pos, pos + 1, status)
                add_item(status << 16 | one << 8 | NO_DATA2)
                pos += 1
            add_tick(tick)
            continue
        message, pos = _system(data, pos, end)
        add_item(message)
        add_tick(tick)
        if first == 0xFF and message.type_byte == _END_OF_TRACK:  # type: ignore[union-attr]
            break
    notes.stray = stray
    return ticks, items, tick


def _next(opened: dict[int, int], more: dict[int, list[int]], key: int) -> None:
    """The next note waiting on ``key`` is now the oldest sounding."""
    later = more[key]
    opened[key] = later.pop(0)
    if not later:
        del more[key]


def _cut(pos: int, status: int) -> None:
    name = BY_STATUS[status & 0xF0].name
    raise MidiFileError(f"byte {pos:#x}: the track ends inside a {name} message")


def _not_data(data: bytes, start: int, stop: int, status: int) -> None:
    index = next(i for i in range(start, stop) if data[i] & 0x80)
    name = BY_STATUS[status & 0xF0].name
    raise MidiFileError(
        f"byte {index:#x}: status byte {data[index]:#04x} inside a "
        f"{name} message (a data byte is 0x00..0x7f)"
    )


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
