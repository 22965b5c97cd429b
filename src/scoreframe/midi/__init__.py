"""Standard MIDI Files, our own code: the byte layer (read and write) and the exporter.

>>> import scoreframe as sf
>>> s = sf.Score(); _ = s.part("Piano", program=1).voice("RH").note("C4", "1/2")
>>> midi = read(to_bytes(s, ppq="exact"))
>>> midi.format, midi.ppq, [t.name for t in midi.tracks]
(1, 1, [None, 'Piano'])
"""

from .export import messages, to_bytes, write
from .messages import Message
from .meta import MetaMessage, SysEx
from .policies import MidiOptions, Order, OverlapPolicy, TempoPolicy
from .reader import MidiFile, Track, TrackEvent, read
from .smf import encode_file, encode_track
from .timing import file_seconds

__all__ = [
    "Message",
    "MetaMessage",
    "MidiFile",
    "MidiOptions",
    "Order",
    "OverlapPolicy",
    "SysEx",
    "TempoPolicy",
    "Track",
    "TrackEvent",
    "encode_file",
    "encode_track",
    "file_seconds",
    "messages",
    "read",
    "to_bytes",
    "write",
]
