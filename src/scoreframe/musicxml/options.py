"""The MusicXML exporter's options: one frozen dataclass (names, defaults, checks) and the
``TypedDict`` its functions take (see :mod:`scoreframe.options`).

>>> MusicXmlOptions(tempo_marks=False).ramp_beats
True
>>> MusicXmlOptions(ramp_beats="no")
Traceback (most recent call last):
...
scoreframe.errors.ExportError: MusicXML option ramp_beats 'no' must be True or False
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import TypedDict

from ..errors import ExportError
from ..options import options_of
from .bars import NotationOptions
from .drums import GM_DRUMS, DrumMap
from .dynamics import DEFAULT, DynamicsTable

_FLAGS = (
    "tempo_marks",
    "ramp_beats",
    "tempo_parts",
    "velocity_accents",
    "infer_staccato",
    "cents_in_alter",
    "show_cents",
    "concert_pitch",
)


@dataclass(frozen=True, slots=True)
class MusicXmlOptions:
    """Options of :func:`scoreframe.musicxml.to_tree` (and ``to_bytes``, ``write``).

    ``date`` fixes the encoding date (else ``SOURCE_DATE_EPOCH``, else today); ``dynamics``
    maps velocities to marks; ``tempo_marks=False`` keeps only the ``<sound tempo>`` of the
    metronome marks; ``ramp_beats=False`` leaves out the ``<sound tempo>`` on every beat of an
    accel./rit.; ``tempo_parts=True`` writes the tempo directions in every part (by default
    only the first, once per system, as engravers write them); ``velocity_accents=True`` puts
    an accent on a note whose own velocity stands out above the velocity contour;
    ``infer_staccato=False`` stops the staccato dot on notes that sound at most half their
    period; ``cents_in_alter=True`` writes cents as a decimal ``<alter>`` (MusicXML 4.0; MuseScore
    3 rejects it) instead of a text above the note; ``show_cents=False`` hides that text;
    ``drums`` maps General MIDI keys to unpitched drums for percussion parts; ``notation``
    sets the splitting, dots and tuplets; ``concert_pitch=True`` writes transposing parts as
    they sound (no ``<transpose>``).
    """

    date: date | str | None = None
    dynamics: DynamicsTable = DEFAULT
    tempo_marks: bool = True
    ramp_beats: bool = True
    tempo_parts: bool = False
    velocity_accents: bool = False
    infer_staccato: bool = True
    cents_in_alter: bool = False
    show_cents: bool = True
    drums: DrumMap = GM_DRUMS
    notation: NotationOptions | None = None
    concert_pitch: bool = False

    def __post_init__(self) -> None:
        if self.date is not None and not isinstance(self.date, date | str):
            raise ExportError(f"MusicXML option date {self.date!r} must be a date or 'YYYY-MM-DD'")
        if not isinstance(self.dynamics, DynamicsTable):
            raise ExportError(f"MusicXML option dynamics {self.dynamics!r} must be a DynamicsTable")
        if not isinstance(self.drums, DrumMap):
            raise ExportError(f"MusicXML option drums {self.drums!r} must be a DrumMap")
        for name in _FLAGS:
            if not isinstance(getattr(self, name), bool):
                raise ExportError(
                    f"MusicXML option {name} {getattr(self, name)!r} must be True or False"
                )
        if self.notation is not None and not isinstance(self.notation, NotationOptions):
            raise ExportError(
                f"MusicXML option notation {self.notation!r} must be a NotationOptions"
            )


class MusicXmlWriteOptions(TypedDict, total=False):
    """The keyword options of the MusicXML exporter (the fields of :class:`MusicXmlOptions`)."""

    date: date | str | None
    dynamics: DynamicsTable
    tempo_marks: bool
    ramp_beats: bool
    tempo_parts: bool
    velocity_accents: bool
    infer_staccato: bool
    cents_in_alter: bool
    show_cents: bool
    drums: DrumMap
    notation: NotationOptions | None
    concert_pitch: bool


def musicxml_options(options: Mapping[str, object]) -> MusicXmlOptions:
    """The options given to a MusicXML exporter function, checked."""
    return options_of(MusicXmlOptions, options, "MusicXML")
