"""MIDI units after mididings: filters, splits, modifiers, generators, and patches built from
them with ``>>`` (in series), lists or ``Fork`` (in parallel), ``%`` (apply to what a filter
matches) and ``~`` (invert a filter). A patch runs on export (``sf.midi.write(score, path,
patch=...)``), in playback (``sf.live.play(score, patch=...)``), in a live router
(``sf.live.route``) and in the recorder (``sf.live.record``). See docs/units.md.

>>> from scoreframe.units import Filter, KeySplit, Transpose, Velocity, Channel, NOTE
>>> patch = (Filter(NOTE) % Transpose(12)) >> KeySplit("C5", Channel(1), Channel(2))
>>> on = Event("keys", 1, NOTEON, 62, 64)
>>> [(e.channel, e.note) for e in patch.events(on)]
[(2, 74)]
"""

from .base import Chain, Discard, Filter, FilterUnit, Fork, Inverted, Pass, Patch, Unit, as_patch
from .calls import Call, Print
from .engine import Output, OutputTemplate, Sanitize, sanitize
from .event import Event, EventAttribute, Kind
from .filters import (
    ChannelFilter,
    CtrlFilter,
    CtrlValueFilter,
    KeyFilter,
    ManufacturerFilter,
    PortFilter,
    ProgramFilter,
    SysExFilter,
    VelocityFilter,
)
from .generators import (
    Aftertouch,
    Ctrl,
    Generator,
    NoteOff,
    NoteOn,
    Pitchbend,
    PolyAftertouch,
    Program,
    SysEx,
)
from .loading import load_patch
from .modifiers import (
    Channel,
    CtrlCurve,
    CtrlMap,
    CtrlRange,
    Key,
    PitchbendRange,
    Port,
    Transpose,
    Velocity,
    VelocityLimit,
    VelocitySlope,
)
from .running import Running, run_messages
from .splits import (
    ChannelSplit,
    CtrlSplit,
    CtrlValueSplit,
    KeySplit,
    PortSplit,
    ProgramSplit,
    Split,
    SysExSplit,
    VelocitySplit,
)

# The kinds of events, as mididings names them.
NOTEON = Kind.NOTEON
NOTEOFF = Kind.NOTEOFF
NOTE = Kind.NOTE
CTRL = Kind.CTRL
PITCHBEND = Kind.PITCHBEND
AFTERTOUCH = Kind.AFTERTOUCH
POLY_AFTERTOUCH = Kind.POLY_AFTERTOUCH
PROGRAM = Kind.PROGRAM
SYSEX = Kind.SYSEX
SYSCM_QFRAME = Kind.SYSCM_QFRAME
SYSCM_SONGPOS = Kind.SYSCM_SONGPOS
SYSCM_SONGSEL = Kind.SYSCM_SONGSEL
SYSCM_TUNEREQ = Kind.SYSCM_TUNEREQ
SYSCM = Kind.SYSCM
SYSRT_CLOCK = Kind.SYSRT_CLOCK
SYSRT_START = Kind.SYSRT_START
SYSRT_CONTINUE = Kind.SYSRT_CONTINUE
SYSRT_STOP = Kind.SYSRT_STOP
SYSRT_SENSING = Kind.SYSRT_SENSING
SYSRT_RESET = Kind.SYSRT_RESET
SYSRT = Kind.SYSRT
SYSTEM = Kind.SYSTEM
ANY = Kind.ANY

# Placeholders for generators' values: take the value from the incoming event.
EVENT_PORT = EventAttribute.PORT
EVENT_CHANNEL = EventAttribute.CHANNEL
EVENT_DATA1 = EventAttribute.DATA1
EVENT_DATA2 = EventAttribute.DATA2
EVENT_NOTE = EventAttribute.NOTE
EVENT_VELOCITY = EventAttribute.VELOCITY
EVENT_CTRL = EventAttribute.CTRL
EVENT_VALUE = EventAttribute.VALUE
EVENT_PROGRAM = EventAttribute.PROGRAM

__all__ = [
    "AFTERTOUCH",
    "ANY",
    "CTRL",
    "EVENT_CHANNEL",
    "EVENT_CTRL",
    "EVENT_DATA1",
    "EVENT_DATA2",
    "EVENT_NOTE",
    "EVENT_PORT",
    "EVENT_PROGRAM",
    "EVENT_VALUE",
    "EVENT_VELOCITY",
    "NOTE",
    "NOTEOFF",
    "NOTEON",
    "PITCHBEND",
    "POLY_AFTERTOUCH",
    "PROGRAM",
    "SYSCM",
    "SYSCM_QFRAME",
    "SYSCM_SONGPOS",
    "SYSCM_SONGSEL",
    "SYSCM_TUNEREQ",
    "SYSEX",
    "SYSRT",
    "SYSRT_CLOCK",
    "SYSRT_CONTINUE",
    "SYSRT_RESET",
    "SYSRT_SENSING",
    "SYSRT_START",
    "SYSRT_STOP",
    "SYSTEM",
    "Aftertouch",
    "Call",
    "Chain",
    "Channel",
    "ChannelFilter",
    "ChannelSplit",
    "Ctrl",
    "CtrlCurve",
    "CtrlFilter",
    "CtrlMap",
    "CtrlRange",
    "CtrlSplit",
    "CtrlValueFilter",
    "CtrlValueSplit",
    "Discard",
    "Event",
    "EventAttribute",
    "Filter",
    "FilterUnit",
    "Fork",
    "Generator",
    "Inverted",
    "Key",
    "KeyFilter",
    "KeySplit",
    "Kind",
    "ManufacturerFilter",
    "NoteOff",
    "NoteOn",
    "Output",
    "OutputTemplate",
    "Pass",
    "Patch",
    "Pitchbend",
    "PitchbendRange",
    "PolyAftertouch",
    "Port",
    "PortFilter",
    "PortSplit",
    "Print",
    "Program",
    "ProgramFilter",
    "ProgramSplit",
    "Running",
    "Sanitize",
    "Split",
    "SysEx",
    "SysExFilter",
    "SysExSplit",
    "Transpose",
    "Unit",
    "Velocity",
    "VelocityFilter",
    "VelocityLimit",
    "VelocitySlope",
    "VelocitySplit",
    "as_patch",
    "load_patch",
    "run_messages",
    "sanitize",
]
