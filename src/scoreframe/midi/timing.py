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
from collections.abc import Callable

from ..errors import MidiFileError
from .message import Message
from .meta import MetaMessage
from .reader import MidiFile, read

__all__ = [
    "DEFAULT_TEMPO",
    "file_seconds",
    "read",
    "tempo_changes",
    "tempo_tracks",
    "tick_seconds",
]

#: Microseconds per quarter before a file's first Set-Tempo (120 quarter BPM, the SMF rule).
DEFAULT_TEMPO = 500_000


def tempo_tracks(format: int, count: int) -> range:
    """The tracks whose Set-Tempo events count: the first in Type 1 (the conductor), every
    track in Type 0 (it has one) and Type 2 (each is its own sequence)."""
    return range(min(1, count) if format == 1 else count)


def tempo_changes(midi: MidiFile) -> list[tuple[int, int]]:
    """(tick, microseconds per quarter) of the file's tempo events, from tick 0."""
    changes = [(0, DEFAULT_TEMPO)]
    for track in (midi.tracks[i] for i in tempo_tracks(midi.format, len(midi.tracks))):
        for event in track.events:
            message = event.message
            if isinstance(message, MetaMessage) and message.type_byte == 0x51:
                changes.append((event.tick, int(message.fields.get("tempo", DEFAULT_TEMPO))))
    changes.sort(key=lambda c: c[0])
    return changes


def tick_seconds(midi: MidiFile) -> Callable[[int], float]:
    """Tick -> seconds through the file's tempo map (the one rule every reader of a file
    uses): Set-Tempo events on metrical time, frames and subframes on SMPTE time."""
    if midi.ppq is None:
        fps, per_frame = midi.smpte or (25, 40)
        return lambda tick: tick / (fps * per_frame)
    changes = tempo_changes(midi)
    ticks = [c[0] for c in changes]
    starts = [0.0]
    for (t0, us), (t1, _) in itertools.pairwise(changes):
        starts.append(starts[-1] + (t1 - t0) * us / (midi.ppq * 1e6))
    ppq = midi.ppq

    def seconds(tick: int) -> float:
        i = bisect.bisect_right(ticks, tick) - 1
        return starts[i] + (tick - changes[i][0]) * changes[i][1] / (ppq * 1e6)

    return seconds


def file_seconds(midi: MidiFile) -> list[tuple[float, bytes]]:
    """Every channel message of the file as (seconds, bytes), in time order."""
    if midi.format == 2 and midi.ppq is not None:
        raise MidiFileError("a Type 2 file holds separate sequences; play one track of it")
    return _merged(midi, tick_seconds(midi))


def _merged(midi: MidiFile, seconds: Callable[[int], float]) -> list[tuple[float, bytes]]:
    out: list[tuple[int, int, int, bytes]] = []
    for index, track in enumerate(midi.tracks):
        for event in track.events:
            if isinstance(event.message, Message):
                out.append((event.tick, index, len(out), event.message.to_bytes()))
    out.sort()
    return [(float(seconds(tick)), data) for tick, _, _, data in out]
