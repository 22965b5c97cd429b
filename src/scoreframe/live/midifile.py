"""Audition an existing MIDI file: its channel messages at their seconds, bars from its
time signatures (4/4 when it has none).

>>> import scoreframe as sf
>>> s = sf.Score(); s.meter("3/4"); _ = s.part("P").voice("V").note("C4", "3/2")
>>> data = sf.midi.to_bytes(s)
>>> [(m.seconds, m.data.hex(" ")) for m in file_messages(data)]
[(0.0, '90 3c 50'), (3.0, '80 3c 00')]
>>> file_start(data, 2), file_length(data)
(1.5, 3.0)
"""

from __future__ import annotations

import math
import os
from fractions import Fraction

from ..midi.meta import MetaMessage
from ..midi.reader import MidiFile, read
from ..midi.timed import TimedMessage
from ..midi.timing import file_seconds, tick_seconds
from .stream import LiveValueError

MidiSource = str | os.PathLike[str] | bytes | MidiFile


def midi_file(source: MidiSource) -> MidiFile:
    """The file, read (once: pass the result on rather than the path)."""
    return source if isinstance(source, MidiFile) else read(source)


def file_messages(source: MidiSource) -> list[TimedMessage]:
    """The file's channel messages as a timed stream."""
    return [TimedMessage(seconds, data) for seconds, data in file_seconds(midi_file(source))]


def file_length(source: MidiSource) -> float:
    """The second of the file's last channel message."""
    stream = file_seconds(midi_file(source))
    return stream[-1][0] if stream else 0.0


def _bar_ticks(midi: MidiFile, bar: int) -> int:
    """The tick where bar ``bar`` (from 1) starts: time signatures take effect at the first
    bar line at or after them (4/4 before the first). Counted signature by signature, not bar
    by bar, so bar 10**9 costs what bar 2 does."""
    ppq = midi.ppq or 480
    first = midi.tracks[0].events if midi.tracks else []
    signatures = sorted(  # by tick only: at one tick the file's order (the last one wins)
        (
            (e.tick, e.message.fields)
            for e in first
            if isinstance(e.message, MetaMessage)
            and e.message.type_byte == 0x58
            and e.message.fields
        ),
        key=lambda signature: signature[0],
    )
    length = Fraction(4 * ppq)  # 4/4 until a signature says otherwise
    tick, number, index = Fraction(0), 1, 0
    while True:
        while index < len(signatures) and signatures[index][0] <= tick:
            fields = signatures[index][1]
            length = Fraction(4 * ppq * fields["numerator"], fields["denominator"])
            index += 1
        if index == len(signatures):
            return int(tick + (bar - number) * length)
        bars = math.ceil((signatures[index][0] - tick) / length)  # bar lines before the next
        if number + bars >= bar:
            return int(tick + (bar - number) * length)
        tick, number = tick + bars * length, number + bars


def file_start(source: MidiSource, start_bar: int | None) -> float:
    """The second where bar ``start_bar`` starts (``None``: 0)."""
    if start_bar is None:
        return 0.0
    if start_bar < 1:
        raise LiveValueError(f"bar {start_bar}: bars of a MIDI file count from 1")
    midi = midi_file(source)
    return tick_seconds(midi)(_bar_ticks(midi, start_bar))
