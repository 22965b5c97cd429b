"""Write Standard MIDI Files: the MThd chunk and MTrk chunks from (absolute tick, event bytes).

Each event is complete bytes: a channel message with its status byte, a meta event
(``FF type length data``, as :mod:`.meta` builds them) or a sysex (``F0``/``F7 length data``).
Every event's status byte and length are checked (a channel message's data bytes are trusted),
so a wrong event is an error naming its index rather than a corrupt file. Running status
(leaving out a status byte equal to the one before) is optional and off by default; metas and
sysex always cancel it. Written for speed: one pass, no object per event, delta times from a
table of precomputed quantities.

>>> track = [(0, bytes.fromhex("90 3c 64")), (480, bytes.fromhex("80 3c 00"))]
>>> encode_track(track).hex(" ")
'4d 54 72 6b 00 00 00 0d 00 90 3c 64 83 60 80 3c 00 00 ff 2f 00'
>>> encode_file([track], ppq=480, format=0)[:14].hex(" ")
'4d 54 68 64 00 00 00 06 00 00 00 01 01 e0'
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

from ..errors import MidiFileError, MidiMessageError
from .message import BY_STATUS, DATA_LENGTH
from .meta import BY_TYPE, END_OF_TRACK
from .vlq import MAX, SMALL, SMALL_LIMIT, decode
from .vlq import encode as vlq

Event = tuple[int, bytes]

#: The length of each channel event by its first byte (0: check it the slow way).
_CHANNEL_SIZE: tuple[int, ...] = tuple(n + 1 if n else 0 for n in DATA_LENGTH)
_EOT_START = END_OF_TRACK[:2]


def encode_track(events: Iterable[Event], *, running_status: bool = False) -> bytes:
    """One MTrk chunk from events sorted by tick; appends end-of-track unless the last event
    is one. A tick that goes backwards, or a malformed event, is a :class:`MidiFileError`
    naming the event's index."""
    body = bytearray()
    last = (_write_running if running_status else _write)(body, events)
    if bytes(last[:2]) != _EOT_START:
        body += b"\x00" + END_OF_TRACK
    return b"MTrk" + len(body).to_bytes(4, "big") + body


def _write(body: bytearray, events: Iterable[Event]) -> bytes:
    extend = body.extend
    small, size = SMALL, _CHANNEL_SIZE
    tick, last_tick, data, end_at, index = 0, 0, b"", -1, -1
    try:
        for index, (tick, data) in enumerate(events):
            delta = tick - last_tick
            extend(small[delta] if 0 <= delta < SMALL_LIMIT else _delta(index, tick, last_tick))
            if size[data[0]] != len(data) and _check(index, data):
                end_at = index
            extend(data)
            last_tick = tick
    except (TypeError, ValueError, IndexError) as error:
        raise _malformed(index, tick, data, error) from None
    _check_end(end_at, index)
    return data


def _write_running(body: bytearray, events: Iterable[Event]) -> bytes:
    extend = body.extend
    small, size = SMALL, _CHANNEL_SIZE
    tick, last_tick, data, end_at, index, status = 0, 0, b"", -1, -1, 0
    try:
        for index, (tick, data) in enumerate(events):
            delta = tick - last_tick
            extend(small[delta] if 0 <= delta < SMALL_LIMIT else _delta(index, tick, last_tick))
            first = data[0]
            if size[first] != len(data) and _check(index, data):
                end_at = index
            if first == status:
                extend(data[1:])
            else:
                extend(data)
                status = first if first < 0xF0 else 0
            last_tick = tick
    except (TypeError, ValueError, IndexError) as error:
        raise _malformed(index, tick, data, error) from None
    _check_end(end_at, index)
    return data


def encode_packed_track(
    keys: Sequence[int],
    payloads: Mapping[int, bytes],
    shift: int,
    mask: int,
    *,
    running_status: bool = False,
) -> bytes:
    """One MTrk chunk from packed events sorted by tick: each key holds its tick above
    ``shift`` and, under ``mask``, the key of its bytes in ``payloads`` (the exporter's form,
    :mod:`.packing`). The payloads must be events :func:`check_event` accepts, none an end of
    track (this loop checks nothing: it writes every event of a large export).

    >>> keys = [(0 << 8) | 1, (480 << 8) | 2]
    >>> payloads = {1: bytes.fromhex("90 3c 64"), 2: bytes.fromhex("80 3c 00")}
    >>> encode_packed_track(keys, payloads, 8, 0xFF) == encode_track(
    ...     [(0, payloads[1]), (480, payloads[2])])
    True
    """
    if running_status:
        return encode_track(
            ((key >> shift, payloads[key & mask]) for key in keys), running_status=True
        )
    # ``key - base`` (``base``: the previous tick above ``shift``) is the delta above ``shift``
    # and the payload's key under it: each distinct pair's bytes are made once (a piece
    # repeats a few rhythms and notes), so most events are a subtraction and a look-up.
    parts: list[bytes] = []
    known: dict[int, bytes] = {}
    add, small = parts.append, SMALL
    get, high, base = known.get, -1 << shift, 0
    for key in keys:
        pair = key - base
        data = get(pair)
        if data is None:
            delta = pair >> shift
            if 0 <= delta < SMALL_LIMIT:
                data = small[delta] + payloads[pair & mask]
            else:
                data = _delta(len(parts), key >> shift, base >> shift) + payloads[pair & mask]
            if len(known) >= _KNOWN_LIMIT:  # all distinct: keep the memory bounded
                known.clear()
            known[pair] = data
        add(data)
        base = key & high
    parts.append(b"\x00" + END_OF_TRACK)
    body = b"".join(parts)
    return b"MTrk" + len(body).to_bytes(4, "big") + body


#: The most (delta, payload) pairs :func:`encode_packed_track` keeps the bytes of.
_KNOWN_LIMIT = 1 << 16


def check_event(data: bytes) -> bool:
    """Check one event's bytes (status, length, a meta's or sysex's length field) as
    :func:`encode_track` does; True for an end of track."""
    first = data[0] if data else 0
    return _CHANNEL_SIZE[first] != len(data) and _check(0, data, "the event")


def _malformed(index: int, tick: object, data: object, error: Exception) -> MidiFileError:
    """Say what is wrong with the event being written when a builtin error came."""
    where = f"track event {max(index, 0)}"
    if isinstance(error, MidiFileError):
        return error
    if isinstance(error, ValueError):  # unpacking
        return MidiFileError(f"{where}: an event is a pair (tick, event bytes); {error}")
    if isinstance(tick, bool) or not isinstance(tick, int):
        return MidiFileError(f"{where}: tick {tick!r} must be an int")
    if not isinstance(data, bytes | bytearray | memoryview):
        return MidiFileError(f"{where}: the event must be bytes, not {type(data).__name__}")
    if not data:
        return MidiFileError(f"{where} has no bytes")
    return MidiFileError(
        f"{where}: an event is (tick: int >= 0, event bytes starting with a "
        f"status byte), not that ({error})"
    )


def _check_end(end_at: int, last_index: int) -> None:
    if 0 <= end_at < last_index:
        raise MidiFileError(f"track event {end_at} is an end of track, but events follow it")


def _delta(index: int, tick: int, last_tick: int) -> bytes:
    """The quantity of a large delta; a tick before the last one, or too far, is an error."""
    if isinstance(tick, bool) or not isinstance(tick, int):
        raise MidiFileError(f"track event {index}: tick {tick!r} must be an int")
    if tick < last_tick:
        if tick < 0:
            raise MidiFileError(f"track event {index}: tick {tick} must be >= 0")
        raise MidiFileError(
            f"track event {index}: tick {tick} comes before the previous "
            f"event's tick {last_tick}; sort the events by tick"
        )
    try:
        return vlq(tick - last_tick)
    except MidiMessageError:
        raise MidiFileError(
            f"track event {index}: {tick - last_tick} ticks after the event "
            f"before it; a delta time is at most {MAX:#x}"
        ) from None


def _check(index: int, data: bytes, where: str = "") -> bool:
    """Check an event that is not a well-sized channel message; True for an end of track."""
    where = where or f"track event {index}"
    if not data:
        raise MidiFileError(f"{where} has no bytes")
    first = data[0]
    if first < 0x80:
        raise MidiFileError(
            f"{where} starts with data byte {first:#04x}, not a status byte "
            "(give every event its status; running_status=True leaves repeats out)"
        )
    if first < 0xF0:
        spec = BY_STATUS[first & 0xF0]
        raise MidiFileError(
            f"{where}: {spec.name} is {spec.length + 1} bytes with its status, "
            f"not {len(data)} ({bytes(data).hex(' ')})"
        )
    if first not in (0xF0, 0xF7, 0xFF):
        raise MidiFileError(
            f"{where}: status {first:#04x} (system common or realtime) does not belong in a file"
        )
    start = 2 if first == 0xFF else 1
    try:
        size, start = decode(data, start)
    except MidiFileError:
        size = -1
    if size < 0 or start + size != len(data) or (first == 0xFF and data[1] > 0x7F):
        kind = "meta event (FF type length data)" if first == 0xFF else "sysex (F0 length data)"
        raise MidiFileError(f"{where} is not a well-formed {kind}: {bytes(data[:16]).hex(' ')}")
    if first == 0xFF and (spec_ := BY_TYPE.get(data[1])) and spec_.length not in (None, size):
        raise MidiFileError(f"{where}: {spec_.name} takes {spec_.length} data bytes, not {size}")
    return first == 0xFF and data[1] == 0x2F


def header(format: int, tracks: int, ppq: int) -> bytes:
    """The MThd chunk: format 0, 1 or 2, the number of tracks, ticks per quarter note.

    >>> header(1, 2, 96).hex(" ")
    '4d 54 68 64 00 00 00 06 00 01 00 02 00 60'
    """
    if format not in (0, 1, 2) or isinstance(format, bool):
        raise MidiFileError(f"SMF format {format!r} must be 0, 1 or 2")
    if isinstance(ppq, bool) or not isinstance(ppq, int) or not 1 <= ppq <= 0x7FFF:
        raise MidiFileError(f"ticks per quarter {ppq!r} must be an int in 1..32767")
    if format == 0 and tracks != 1:
        raise MidiFileError(f"a format 0 file holds exactly one track, not {tracks}")
    if not 0 <= tracks <= 0xFFFF:
        raise MidiFileError(f"a file holds at most 65535 tracks, not {tracks}")
    return (
        b"MThd\x00\x00\x00\x06"
        + bytes((0, format))
        + tracks.to_bytes(2, "big")
        + ppq.to_bytes(2, "big")
    )


def encode_file(
    tracks: Sequence[Iterable[Event]],
    *,
    ppq: int,
    format: int = 1,
    running_status: bool = False,
) -> bytes:
    """A whole file: the header, then each track's chunk (format 0 takes exactly one track)."""
    parts = [header(format, len(tracks), ppq)]
    for number, track in enumerate(tracks):
        try:
            parts.append(encode_track(track, running_status=running_status))
        except MidiFileError as error:
            raise MidiFileError(f"track {number}: {error}") from None
    return b"".join(parts)
