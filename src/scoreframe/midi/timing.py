"""Seconds for the events of a MIDI file: ticks through its Set-Tempo events (the tempo map of
track 0 in Type 1, of the one track in Type 0; default 120 quarter BPM).

>>> from scoreframe.midi.smf import encode_file
>>> from scoreframe.midi import meta
>>> data = encode_file([[(0, meta.set_tempo(1_000_000)), (96, bytes((0x90, 60, 64)))]], ppq=96,
...                    format=0)
>>> file_seconds(read(data))
[(1.0, b'\\x90<@')]
"""

from __future__ import annotations

import bisect
import itertools

from ..errors import MidiFileError
from .message import Message
from .meta import MetaMessage
from .reader import MidiFile, read

__all__ = ["file_seconds", "read", "tempo_changes"]


def tempo_changes(midi: MidiFile) -> list[tuple[int, int]]:
    """(tick, microseconds per quarter) of the file's tempo events, from tick 0."""
    changes = [(0, 500_000)]
    for track in midi.tracks[: 1 if midi.format == 1 else None]:
        for event in track.events:
            message = event.message
            if isinstance(message, MetaMessage) and message.type_byte == 0x51:
                changes.append((event.tick, int(message.fields.get("tempo", 500_000))))
    changes.sort(key=lambda c: c[0])
    return changes


def file_seconds(midi: MidiFile) -> list[tuple[float, bytes]]:
    """Every channel message of the file as (seconds, bytes), in time order."""
    if midi.ppq is None:
        fps, per_frame = midi.smpte or (25, 40)
        return _merged(midi, lambda tick: tick / (fps * per_frame))
    if midi.format == 2:
        raise MidiFileError("a Type 2 file holds separate sequences; play one track of it")
    changes = tempo_changes(midi)
    ticks = [c[0] for c in changes]
    starts = [0.0]
    for (t0, us), (t1, _) in itertools.pairwise(changes):
        starts.append(starts[-1] + (t1 - t0) * us / (midi.ppq * 1e6))
    ppq = midi.ppq

    def seconds(tick: int) -> float:
        i = bisect.bisect_right(ticks, tick) - 1
        return starts[i] + (tick - changes[i][0]) * changes[i][1] / (ppq * 1e6)

    return _merged(midi, seconds)


def _merged(midi: MidiFile, seconds: object) -> list[tuple[float, bytes]]:
    out: list[tuple[float, int, int, bytes]] = []
    for index, track in enumerate(midi.tracks):
        for event in track.events:
            if isinstance(event.message, Message):
                out.append((event.tick, index, len(out), event.message.to_bytes()))
    out.sort()
    convert = seconds if callable(seconds) else (lambda tick: float(tick))
    return [(float(convert(tick)), data) for tick, _, _, data in out]
