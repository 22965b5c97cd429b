"""Write Standard MIDI Files: MThd and MTrk chunks from (absolute tick, event bytes) lists.

Each event is complete bytes: a channel message with its status byte, a meta event
(``FF type len data``, see :mod:`.meta`) or a sysex (``F0``/``F7 len data``). Running status
(leaving out a status byte equal to the previous one) is optional and off by default.

>>> track = [(0, bytes.fromhex("90 3c 64")), (480, bytes.fromhex("80 3c 00"))]
>>> encode_track(track).hex(" ")
'4d 54 72 6b 00 00 00 0d 00 90 3c 64 83 60 80 3c 00 00 ff 2f 00'
>>> encode_file([track], ppq=480, format=0)[:14].hex(" ")
'4d 54 68 64 00 00 00 06 00 00 00 01 01 e0'
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from ..errors import MidiFileError
from .vlq import SMALL
from .vlq import encode as vlq

END_OF_TRACK = b"\xff\x2f\x00"


def encode_track(events: Iterable[tuple[int, bytes]], *, running_status: bool = False) -> bytes:
    """One MTrk chunk; appends end-of-track unless the last event is one."""
    body = bytearray()
    append = body.extend
    small = SMALL
    last_tick = 0
    status = 0
    data = b""
    for index, (tick, data) in enumerate(events):
        delta = tick - last_tick
        if delta < 0:
            raise MidiFileError(
                f"track event {index} at tick {tick} comes before the previous one at {last_tick}"
            )
        append(small[delta] if delta < 16384 else vlq(delta))
        if running_status and data[0] == status and status < 0xF0:
            append(data[1:])
        else:
            append(data)
            status = data[0] if data[0] < 0xF0 else 0
        last_tick = tick
    if data != END_OF_TRACK:
        append(b"\x00" + END_OF_TRACK)
    return b"MTrk" + len(body).to_bytes(4, "big") + bytes(body)


def header(format: int, tracks: int, ppq: int) -> bytes:
    """The MThd chunk."""
    if format not in (0, 1, 2):
        raise MidiFileError(f"SMF format {format} must be 0, 1 or 2")
    if not 1 <= ppq <= 0x7FFF:
        raise MidiFileError(f"ticks per quarter {ppq} must lie in 1..32767")
    if format == 0 and tracks != 1:
        raise MidiFileError(f"a format 0 file holds exactly one track, not {tracks}")
    if not 1 <= tracks <= 0xFFFF:
        raise MidiFileError(f"a file holds 1..65535 tracks, not {tracks}")
    return b"MThd\x00\x00\x00\x06" + bytes((0, format)) + tracks.to_bytes(2, "big") + \
        ppq.to_bytes(2, "big")


def encode_file(
    tracks: Sequence[Iterable[tuple[int, bytes]]], *, ppq: int, format: int = 1,
    running_status: bool = False,
) -> bytes:
    """A whole file: the header, then each track's chunk."""
    head = header(format, len(tracks), ppq)
    return head + b"".join(encode_track(t, running_status=running_status) for t in tracks)
