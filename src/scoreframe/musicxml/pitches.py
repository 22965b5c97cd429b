"""Pitch elements and accidentals: shown against the key and earlier notes in the bar.

>>> from scoreframe.pitch import Pitch
>>> state = AccidentalState(fifths=-1)          # F major: B flat in the key
>>> [state.accidental(Pitch.parse(n), staff=1) for n in ("Bb4", "B4", "B4", "Bb4", "Cq#5")]
[None, 'natural', None, 'flat', 'quarter-sharp']
>>> etree.tostring(pitch_element(Pitch.parse("C4+25c"))).decode()
'<pitch><step>C</step><octave>4</octave></pitch>'
>>> etree.tostring(pitch_element(Pitch.parse("C4+25c"), cents=True)).decode()
'<pitch><step>C</step><alter>0.25</alter><octave>4</octave></pitch>'
>>> cents_text(Pitch.parse("Eb4+14c")), cents_text(Pitch.parse("E4-6.5c"))
('+14¢', '-6.5¢')
"""

from __future__ import annotations

from fractions import Fraction
from functools import lru_cache

from lxml import etree

from ..errors import ExportError
from ..pitch import Pitch, key_scale

# alter in semitones -> the accidental's MusicXML name (a table)
ACCIDENTAL_NAMES: dict[Fraction, str] = {
    Fraction(0): "natural",
    Fraction(1): "sharp",
    Fraction(-1): "flat",
    Fraction(2): "double-sharp",
    Fraction(-2): "flat-flat",
    Fraction(1, 2): "quarter-sharp",
    Fraction(-1, 2): "quarter-flat",
    Fraction(3, 2): "three-quarters-sharp",
    Fraction(-3, 2): "three-quarters-flat",
}


def decimal(value: Fraction) -> str:
    """An exact decimal for an alter (MusicXML's ``semitones`` type), no exponent."""
    if value.denominator == 1:
        return str(value.numerator)
    text = f"{float(value):.6f}".rstrip("0").rstrip(".")
    return text


def pitch_element(pitch: Pitch, cents: bool = False) -> etree._Element:
    """``<pitch>`` with step, alter (quarter tones as decimals; cents too with ``cents``, else
    they are left to a text above the note, :func:`cents_text`) and octave (MusicXML's 0..9)."""
    if not 0 <= pitch.octave <= 9:
        raise ExportError(
            f"pitch {pitch}: MusicXML writes octaves 0..9 only (octave {pitch.octave}); "
            "move the note into C0..B9"
        )
    step, alter, octave = _pitch_texts(pitch, cents)
    element = etree.Element("pitch")
    etree.SubElement(element, "step").text = step
    if alter:
        etree.SubElement(element, "alter").text = alter
    etree.SubElement(element, "octave").text = octave
    return element


@lru_cache(maxsize=1024)
def _pitch_texts(pitch: Pitch, cents: bool) -> tuple[str, str, str]:
    alter = pitch.alter + pitch.cents / 100 if cents else pitch.alter
    return pitch.step, decimal(alter) if alter else "", str(pitch.octave)


def cents_text(pitch: Pitch) -> str:
    """The cents a pitch lies off its spelled note, as a text above it: ``+14¢``."""
    return f"{float(pitch.cents):+g}\u00a2"


class AccidentalState:
    """What each staff line (step and octave) reads as so far in the bar, per staff."""

    def __init__(self, fifths: int) -> None:
        self.key = {step: Fraction(alter) for step, alter in key_scale(fifths)}
        self.bar: dict[tuple[int, str, int], Fraction] = {}

    def new_bar(self, fifths: int | None = None) -> None:
        """Forget the bar's accidentals (and change key when ``fifths`` is given)."""
        if fifths is not None:
            self.key = {step: Fraction(alter) for step, alter in key_scale(fifths)}
        self.bar.clear()

    def accidental(self, pitch: Pitch, staff: int, tied_over: bool = False) -> str | None:
        """The accidental to print on ``pitch`` (None: none needed), remembering it."""
        place = (staff, pitch.step, pitch.octave)
        alter = pitch.alter
        reads = self.bar.get(place)
        if reads is None:
            reads = self.key[pitch.step]
        self.bar[place] = alter
        if tied_over or _same(reads, alter):
            return None
        return _sign(pitch)


@lru_cache(maxsize=1024)
def _sign(pitch: Pitch) -> str:
    """The accidental sign of ``pitch``'s alter (cached per pitch: a Fraction hashes slowly)."""
    name = ACCIDENTAL_NAMES.get(pitch.alter)
    if name is None:
        raise ExportError(f"pitch {pitch}: alter {pitch.alter} has no accidental sign")
    return name


def _same(a: Fraction, b: Fraction) -> bool:
    """``a == b``, for Fractions read from their slots: every note asks (see time.py)."""
    if a is b:
        return True
    if type(a) is Fraction and type(b) is Fraction:
        same: bool = a._numerator == b._numerator and a._denominator == b._denominator  # type: ignore[attr-defined]
        return same
    return a == b
