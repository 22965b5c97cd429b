"""scoreframe: exact-time scores in Python, exported to Csound, MIDI, MusicXML and live MIDI.

>>> import scoreframe as sf
>>> score = sf.Score(title="Night Study")
>>> score.tempo.hold(60)  # doctest: +ELLIPSIS
Contour('tempo', ...)
>>> _ = score.part("Piano", program=1).voice("RH").note("E4", "1/4")
>>> sf.TempoMap(score).seconds(sf.Fraction(1, 4))
1.0
"""

import importlib
import os
from fractions import Fraction
from types import ModuleType
from typing import TYPE_CHECKING

from .clef import Clef
from .contour import Contour, Curve, Resolved, Segment
from .errors import (
    ContourError,
    CsoundError,
    DocumentError,
    ExportError,
    LiveError,
    MeterError,
    MidiFileError,
    MidiMessageError,
    MissingDependencyError,
    PitchError,
    PortNotFoundError,
    RenderError,
    RenderWarning,
    ScoreFileError,
    ScoreframeError,
    ScoreframeWarning,
    ScoreStructureError,
    ScoreValueError,
    TimeValueError,
    UnknownFormatError,
)
from .events import ContourChange, Event, EventKind
from .meter import Bar, Key, Meter, Mode
from .note import Articulation, Note, TieChain
from .pitch import Pitch
from .score import Part, Score, Voice
from .settings import PartSettings
from .tempo import TempoMap
from .time import as_length, as_time

if TYPE_CHECKING:  # imported on first use (see __getattr__); type checkers see them now
    from . import csound as csound
    from . import document as document
    from . import live as live
    from . import midi as midi
    from . import music21 as music21
    from . import musicxml as musicxml
    from . import plot as plot
    from . import render as render

__version__ = "0.1.0"

__all__ = [
    "Articulation",
    "Bar",
    "Clef",
    "Contour",
    "ContourChange",
    "ContourError",
    "CsoundError",
    "Curve",
    "DocumentError",
    "Event",
    "EventKind",
    "ExportError",
    "Fraction",
    "Key",
    "LiveError",
    "Meter",
    "MeterError",
    "MidiFileError",
    "MidiMessageError",
    "MissingDependencyError",
    "Mode",
    "Note",
    "Part",
    "PartSettings",
    "Pitch",
    "PitchError",
    "PortNotFoundError",
    "RenderError",
    "RenderWarning",
    "Resolved",
    "Score",
    "ScoreFileError",
    "ScoreStructureError",
    "ScoreValueError",
    "ScoreframeError",
    "ScoreframeWarning",
    "Segment",
    "TempoMap",
    "TieChain",
    "TimeValueError",
    "UnknownFormatError",
    "Voice",
    "as_length",
    "as_time",
    "load",
]


_SUBMODULES = frozenset(
    {"csound", "document", "live", "midi", "music21", "musicxml", "plot", "render"}
)


def load(path: str | os.PathLike[str]) -> Score:
    """Read a score; the suffix picks the reader (:mod:`scoreframe.formats`): a native
    ``.score.xml`` document (validated against schemas/score.xsd), a ``.py`` score (its code
    runs)..."""
    from .formats import load as _load

    return _load(path)


def __getattr__(name: str) -> ModuleType:
    """Import the exporters on first use (``sf.midi``, ``sf.musicxml``...), keeping
    ``import scoreframe`` fast."""
    if name in _SUBMODULES:
        return importlib.import_module(f"{__name__}.{name}")
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
