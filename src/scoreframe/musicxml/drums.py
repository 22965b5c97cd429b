"""Percussion: General MIDI drum keys as unpitched notes (a table a composer can change).

A percussion part's notes are MIDI keys; MusicXML writes each as ``<unpitched>`` at the staff
position its drum is drawn on, with the drum's notehead and an ``<instrument>`` naming the
drum, so readers play the right drum and draw it where drummers expect it.

>>> GM_DRUMS.drum(36)
Drum(name='Bass Drum 1', step='F', octave=4, notehead='normal')
>>> GM_DRUMS.drum(42).notehead
'x'
>>> mine = GM_DRUMS.with_drum(36, Drum("Kick", "E", 4))
>>> mine.drum(36).name, GM_DRUMS.drum(36).name
('Kick', 'Bass Drum 1')
>>> GM_DRUMS.drum(20)
Drum(name='Drum 20', step='C', octave=5, notehead='normal')
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from ..errors import ExportError

#: MusicXML notehead values a drum may use.
NOTEHEADS = ("normal", "x", "circle-x", "diamond", "triangle", "slash", "cross")


@dataclass(frozen=True, slots=True)
class Drum:
    """A drum: its name, where it is drawn (display step and octave) and its notehead."""

    name: str
    step: str
    octave: int
    notehead: str = "normal"

    def __post_init__(self) -> None:
        if self.step not in "CDEFGAB" or len(self.step) != 1:
            raise ExportError(f"drum {self.name!r}: display step {self.step!r} must be C..B")
        if not 0 <= self.octave <= 9:
            raise ExportError(f"drum {self.name!r}: display octave {self.octave} must be 0..9")
        if self.notehead not in NOTEHEADS:
            raise ExportError(
                f"drum {self.name!r}: notehead {self.notehead!r} must be one of "
                + ", ".join(NOTEHEADS)
            )


def _d(name: str, place: str, notehead: str = "normal") -> Drum:
    return Drum(name, place[0], int(place[1:]), notehead)


# The General MIDI percussion keys (35..81): name and where a drum staff draws them.
_GM: dict[int, Drum] = {
    35: _d("Acoustic Bass Drum", "E4"),
    36: _d("Bass Drum 1", "F4"),
    37: _d("Side Stick", "C5", "x"),
    38: _d("Acoustic Snare", "C5"),
    39: _d("Hand Clap", "B4", "x"),
    40: _d("Electric Snare", "C5"),
    41: _d("Low Floor Tom", "G4"),
    42: _d("Closed Hi-Hat", "G5", "x"),
    43: _d("High Floor Tom", "A4"),
    44: _d("Pedal Hi-Hat", "D4", "x"),
    45: _d("Low Tom", "B4"),
    46: _d("Open Hi-Hat", "G5", "circle-x"),
    47: _d("Low-Mid Tom", "D5"),
    48: _d("Hi-Mid Tom", "E5"),
    49: _d("Crash Cymbal 1", "A5", "x"),
    50: _d("High Tom", "F5"),
    51: _d("Ride Cymbal 1", "F5", "x"),
    52: _d("Chinese Cymbal", "B5", "x"),
    53: _d("Ride Bell", "F5", "diamond"),
    54: _d("Tambourine", "E5", "x"),
    55: _d("Splash Cymbal", "B5", "x"),
    56: _d("Cowbell", "E5", "triangle"),
    57: _d("Crash Cymbal 2", "B5", "x"),
    58: _d("Vibraslap", "D5", "x"),
    59: _d("Ride Cymbal 2", "E5", "x"),
    60: _d("Hi Bongo", "E5"),
    61: _d("Low Bongo", "D5"),
    62: _d("Mute Hi Conga", "C5", "x"),
    63: _d("Open Hi Conga", "C5"),
    64: _d("Low Conga", "A4"),
    65: _d("High Timbale", "E5"),
    66: _d("Low Timbale", "D5"),
    67: _d("High Agogo", "F5", "triangle"),
    68: _d("Low Agogo", "E5", "triangle"),
    69: _d("Cabasa", "G5", "x"),
    70: _d("Maracas", "F5", "x"),
    71: _d("Short Whistle", "A5"),
    72: _d("Long Whistle", "G5"),
    73: _d("Short Guiro", "F5", "x"),
    74: _d("Long Guiro", "E5", "x"),
    75: _d("Claves", "D5", "x"),
    76: _d("Hi Wood Block", "C5", "triangle"),
    77: _d("Low Wood Block", "B4", "triangle"),
    78: _d("Mute Cuica", "A4", "x"),
    79: _d("Open Cuica", "G4"),
    80: _d("Mute Triangle", "A5", "triangle"),
    81: _d("Open Triangle", "A5", "triangle"),
}


@dataclass(frozen=True, slots=True)
class DrumMap:
    """MIDI key -> :class:`Drum`. A key the map lacks is drawn on the middle line (C5)."""

    drums: tuple[tuple[int, Drum], ...] = ()
    _by_key: Mapping[int, Drum] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        for key, drum in self.drums:
            if not isinstance(key, int) or not 0 <= key <= 127 or not isinstance(drum, Drum):
                raise ExportError(f"drum map entry {key!r}: {drum!r} must be a key 0..127: Drum")
        object.__setattr__(self, "_by_key", dict(self.drums))

    def drum(self, key: int) -> Drum:
        """The drum for MIDI ``key``."""
        found = self._by_key.get(key)
        return found if found is not None else Drum(f"Drum {key}", "C", 5)

    def with_drum(self, key: int, drum: Drum) -> DrumMap:
        """A copy with ``key`` drawn as ``drum`` (the map is immutable)."""
        return DrumMap(tuple(sorted({**self._by_key, key: drum}.items())))


GM_DRUMS = DrumMap(tuple(sorted(_GM.items())))
"""The General MIDI drum map (keys 35..81)."""
