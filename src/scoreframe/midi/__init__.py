"""Standard MIDI Files, our own code: the byte layer (read and write) and the exporter.

The names below load their modules on first use, so that a module that needs one piece (the
MusicXML writer asks :mod:`.channels` for its channels) does not load the whole exporter.

>>> import scoreframe as sf
>>> s = sf.Score(); _ = s.part("Piano", program=1).voice("RH").note("C4", "1/2")
>>> midi = sf.midi.read(sf.midi.to_bytes(s, ppq="exact"))
>>> midi.format, midi.ppq, [t.name for t in midi.tracks]
(1, 1, [None, 'Piano'])
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .export import messages, to_bytes, write
    from .importer import to_score
    from .message import Message
    from .meta import MetaMessage, SysEx
    from .policies import MidiOptions, MidiWriteOptions, Order, OverlapPolicy, TempoPolicy
    from .reader import MidiFile, Track, TrackEvent, read
    from .smf import encode_file, encode_track
    from .timed import TimedMessage
    from .timing import file_seconds

# Where each public name lives (a table).
_MODULES = {
    "messages": "export",
    "to_bytes": "export",
    "write": "export",
    "to_score": "importer",
    "Message": "message",
    "MetaMessage": "meta",
    "SysEx": "meta",
    "MidiOptions": "policies",
    "Order": "policies",
    "OverlapPolicy": "policies",
    "TempoPolicy": "policies",
    "MidiFile": "reader",
    "Track": "reader",
    "TrackEvent": "reader",
    "read": "reader",
    "encode_file": "smf",
    "encode_track": "smf",
    "TimedMessage": "timed",
    "MidiWriteOptions": "policies",
    "file_seconds": "timing",
}

__all__ = [
    "Message",
    "MetaMessage",
    "MidiFile",
    "MidiOptions",
    "MidiWriteOptions",
    "Order",
    "OverlapPolicy",
    "SysEx",
    "TempoPolicy",
    "TimedMessage",
    "Track",
    "TrackEvent",
    "encode_file",
    "encode_track",
    "file_seconds",
    "messages",
    "read",
    "to_bytes",
    "to_score",
    "write",
]


def __getattr__(name: str) -> Any:
    module = _MODULES.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f"{__name__}.{module}"), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *_MODULES})
