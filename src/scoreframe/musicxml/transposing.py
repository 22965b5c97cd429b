"""Transposing parts in MusicXML: the notes (concert pitch in the model) written at their
written pitch, the key signatures transposed, and ``<transpose>`` in the first attributes so
readers sound the concert pitch again (MusicXML option ``concert_pitch=True`` writes the part
as it sounds, with no ``<transpose>``).

>>> import scoreframe as sf
>>> s = sf.Score(); s.key("F major")
>>> part = s.part("Horn in F", transpose="F")
>>> t = Transposer.of(part, False)
>>> str(t.pitch(sf.Pitch.parse("C4"))), t.key(s.keys.key_at(0)).fifths
('G4', 0)
>>> print(etree.tostring(t.element()).decode())
<transpose><diatonic>-4</diatonic><chromatic>-7</chromatic></transpose>
"""

from __future__ import annotations

from dataclasses import dataclass, field

from lxml import etree

from ..meter import Key
from ..notation import TRANSPOSITIONS, written_fifths, written_pitch
from ..note import Note
from ..pitch import Pitch
from ..score import Part

_SubElement = etree.SubElement


@dataclass
class Transposer:
    """Written pitches and keys of one transposing part (each pitch worked out once)."""

    name: str
    _pitches: dict[Pitch, Pitch] = field(default_factory=dict)

    @classmethod
    def of(cls, part: Part, concert_pitch: bool) -> Transposer | None:
        """The part's transposer, or None (concert pitch)."""
        if part.transpose is None or concert_pitch:
            return None
        return cls(part.transpose)

    def pitch(self, pitch: Pitch) -> Pitch:
        found = self._pitches.get(pitch)
        if found is None:
            found = self._pitches[pitch] = written_pitch(pitch, self.name)
        return found

    def note(self, note: Note) -> Note:
        pitch = note.pitch
        return note if pitch is None else note._replace(pitch=self.pitch(pitch))

    def key(self, key: Key) -> Key:
        return Key(written_fifths(key.fifths, self.name), key.mode)

    def element(self) -> etree._Element:
        """``<transpose>``: diatonic and chromatic within an octave, and the octaves apart."""
        interval = TRANSPOSITIONS[self.name]
        octaves = int(interval.diatonic / 7)
        element = etree.Element("transpose")
        _SubElement(element, "diatonic").text = str(interval.diatonic - 7 * octaves)
        _SubElement(element, "chromatic").text = str(interval.chromatic - 12 * octaves)
        if octaves:
            _SubElement(element, "octave-change").text = str(octaves)
        return element
