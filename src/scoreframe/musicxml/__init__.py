"""Part-wise MusicXML 4.0 export (``.musicxml`` and zipped ``.mxl``) and its validation.

>>> import scoreframe as sf
>>> s = sf.Score(); _ = s.part("Oboe").voice("Ob").note("A4", "1")
>>> b"<score-partwise" in to_bytes(s, date="2026-01-01")
True
"""

from .bars import NotationOptions
from .drums import GM_DRUMS, Drum, DrumMap
from .dynamics import DEFAULT as DEFAULT_DYNAMICS
from .dynamics import Dynamic, DynamicsTable
from .export import DOCTYPE, to_bytes, to_tree, write
from .options import MusicXmlOptions, MusicXmlWriteOptions
from .schema import check, validate
from .splitting import Syncopation
from .tuplets import Sextuplets, TupletRatio

__all__ = [
    "DEFAULT_DYNAMICS",
    "DOCTYPE",
    "GM_DRUMS",
    "Drum",
    "DrumMap",
    "Dynamic",
    "DynamicsTable",
    "MusicXmlOptions",
    "MusicXmlWriteOptions",
    "NotationOptions",
    "Sextuplets",
    "Syncopation",
    "TupletRatio",
    "check",
    "to_bytes",
    "to_tree",
    "validate",
    "write",
]
