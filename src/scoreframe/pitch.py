"""Spelled pitches: letter step, alter in semitones (exact), octave, optional cents.

>>> p = Pitch.parse("C#4")
>>> p.step, p.alter, p.octave, p.key_number
('C', Fraction(1, 1), 4, 61)
>>> Pitch.parse("Eqb4").alter            # a quarter flat
Fraction(-1, 2)
>>> Pitch.parse("A4").frequency()
440.0
>>> round(Pitch.parse("C4+25c").midi, 2), Pitch.parse("C4+25c").bend
(60.25, Fraction(1, 4))
>>> str(Pitch.from_midi(70, fifths=-3)), str(Pitch.from_midi(70, fifths=2))
('Bb4', 'A#4')
>>> str(Pitch.from_midi(65.5)), str(Pitch.from_midi(65.5)) == str(Pitch.parse("Fq#4"))
('Fq#4', True)
>>> str(Pitch.from_midi(60.25))
'C4+25c'
>>> Pitch.parse("C10")
Traceback (most recent call last):
...
scoreframe.errors.PitchError: pitch C10 is MIDI key 132, outside the MIDI keys 0..127 (C-1..G9)
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from fractions import Fraction
from typing import TypeAlias

from .errors import PitchError
from .settings import RANGES

STEPS = "CDEFGAB"
STEP_SEMITONES = {"C": 0, "D": 2, "E": 4, "F": 5, "G": 7, "A": 9, "B": 11}

# accidental text -> alter in semitones (a table, longest first when matching)
ACCIDENTALS: dict[str, Fraction] = {
    "": Fraction(0),
    "#": Fraction(1),
    "x": Fraction(2),
    "##": Fraction(2),
    "b": Fraction(-1),
    "bb": Fraction(-2),
    "n": Fraction(0),
    "q#": Fraction(1, 2),
    "qb": Fraction(-1, 2),
    "#q#": Fraction(3, 2),
    "bqb": Fraction(-3, 2),
}
_ALTER_TEXT = {v: k for k, v in reversed(ACCIDENTALS.items()) if k != "n"}

_NAME = re.compile(
    r"^\s*(?P<step>[A-Ga-g])(?P<acc>#q#|bqb|q#|qb|##|bb|#|x|b|n)?(?P<octave>-?\d+)"
    r"(?:(?P<cents>[+-]\d+(?:\.\d+)?)c)?\s*$"
)

# Spelling of the twelve pitch classes when a number must become a name.
_SHARP_NAMES = ("C", "C#", "D", "D#", "E", "F", "F#", "G", "G#", "A", "A#", "B")
_FLAT_NAMES = ("C", "Db", "D", "Eb", "E", "F", "Gb", "G", "Ab", "A", "Bb", "B")
_ORDER_OF_SHARPS = "FCGDAEB"

PitchLike: TypeAlias = "Pitch | str | int | float"


@dataclass(frozen=True, slots=True)
class Pitch:
    """A spelled pitch. ``alter`` is in semitones (``Fraction(1, 2)`` is a quarter sharp)."""

    step: str
    alter: Fraction
    octave: int
    cents: Fraction = Fraction(0)
    # Derived once (pitches are immutable and exporters ask for these per note).
    _semitones: Fraction = field(init=False, repr=False, compare=False)
    _key: int = field(init=False, repr=False, compare=False)
    microtonal: bool = field(init=False, repr=False, compare=False)
    """True when the pitch lies between the keys (quarter tones, cents): it needs a bend."""
    _hash: int = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        if self.step not in STEP_SEMITONES:
            raise PitchError(f"pitch step {self.step!r} must be one of {', '.join(STEPS)}")
        if abs(self.alter) > 2:
            raise PitchError(f"pitch alter {self.alter} must lie within -2..2 semitones")
        if abs(self.cents) >= 100:
            raise PitchError(f"pitch cents {self.cents} must lie within -100..100 (exclusive)")
        base = 12 * (self.octave + 1) + STEP_SEMITONES[self.step]
        alter = Fraction(self.alter)
        if not self.cents and alter.denominator == 1:
            semitones = Fraction(base + alter.numerator)
        else:
            semitones = base + alter + Fraction(self.cents) / 100
        object.__setattr__(self, "_semitones", semitones)
        key = math.ceil(semitones - Fraction(1, 2))
        keys = RANGES["key"]
        if not keys.low <= key <= keys.high:
            raise PitchError(
                f"pitch {self} is MIDI key {key}, outside the MIDI keys "
                f"{keys.low}..{keys.high} (C-1..G9)"
            )
        object.__setattr__(self, "_key", key)
        object.__setattr__(self, "microtonal", semitones.denominator != 1)
        object.__setattr__(self, "_hash", hash((self.step, self.alter, self.octave, self.cents)))

    def __hash__(self) -> int:
        # Pitches key caches in every exporter; hashing their Fractions each time is slow.
        return self._hash

    # -- construction -------------------------------------------------------------------------
    @classmethod
    def parse(cls, text: str) -> Pitch:
        """Read ``"C#4"``, ``"Eb5"``, ``"Bbb3"``, ``"Fx4"``, ``"Cq#4"``, ``"C4+25c"``."""
        match = _NAME.match(text)
        if match is None:
            raise PitchError(
                f"pitch {text!r} is not a name such as 'C4', 'F#3', 'Bb5', 'Cq#4' or 'C4+25c'"
            )
        cents = Fraction(match["cents"]) if match["cents"] else Fraction(0)
        return cls(
            match["step"].upper(), ACCIDENTALS[match["acc"] or ""], int(match["octave"]), cents
        )

    @classmethod
    def from_midi(cls, number: float, fifths: int = 0) -> Pitch:
        """Spell a MIDI number; sharps in sharp keys (and C), flats in flat keys.

        Pitch classes of the key's scale are spelled as the key spells them (E# in C# major).
        A float number keeps its fraction as cents from the nearest key.
        """
        if isinstance(number, bool) or not isinstance(number, int | float):
            raise PitchError(f"MIDI pitch {number!r} must be an int or a float")
        if not 0 <= number <= 127:
            raise PitchError(f"MIDI pitch {number} is out of range 0..127")
        if isinstance(number, int):
            return _spelled(number, Fraction(0), fifths)
        exact = Fraction(number).limit_denominator(100_000)
        lower = math.floor(exact)
        if exact - lower == Fraction(1, 2):  # a quarter tone: spelled as "Fq#4" is
            return _spelled(lower, Fraction(1, 2), fifths)
        key = math.ceil(number - 0.5)
        return _spelled(key, Fraction(round((number - key) * 100 * 1000), 1000), fifths)

    # -- derived values -----------------------------------------------------------------------
    @property
    def semitones(self) -> Fraction:
        """Exact MIDI pitch as a Fraction (C4 = 60; quarter tones and cents included)."""
        return self._semitones

    @property
    def midi(self) -> float:
        """The MIDI pitch as a float (60.5 is a quarter tone above middle C)."""
        return float(self._semitones)

    @property
    def key_number(self) -> int:
        """The MIDI key the pitch sounds from: the nearest key, a half rounding down."""
        return self._key

    @property
    def bend(self) -> Fraction:
        """Semitones to bend ``key_number`` by to sound this pitch (in -1/2..1/2)."""
        return self._semitones - self._key

    def frequency(self, a4: float = 440.0) -> float:
        """Frequency in Hz, equal temperament, ``a4`` the tuning of A4."""
        return float(a4 * 2.0 ** ((float(self.semitones) - 69.0) / 12.0))

    def transpose(self, semitones: int) -> Pitch:
        """The same spelling moved by whole semitones, respelled by sharps."""
        return Pitch.from_midi(self.key_number + semitones)

    def __str__(self) -> str:
        text = f"{self.step}{_ALTER_TEXT.get(self.alter, '')}{self.octave}"
        if self.alter not in _ALTER_TEXT:
            text = f"{self.step}{self.octave}{float(self.alter * 100):+g}c"
        if self.cents:
            text += f"{float(self.cents):+g}c"
        return text


def _spelled(key: int, above: Fraction, fifths: int) -> Pitch:
    """The one spelling of MIDI ``key`` plus ``above``: a quarter tone (1/2) is the key's
    spelling with a quarter tone more (F + 1/2: ``Fq#``); any other fraction is cents."""
    step, alter = spell_pitch_class(key % 12, fifths)
    octave = (key - alter) // 12 - 1
    if above == Fraction(1, 2):
        return Pitch(step, alter + above, octave)
    return Pitch(step, Fraction(alter), octave, above)


def spell_pitch_class(pc: int, fifths: int = 0) -> tuple[str, int]:
    """The (step, alter) for pitch class ``pc`` in the key with ``fifths`` sharps (<0: flats).

    >>> spell_pitch_class(5, 6), spell_pitch_class(11, -6), spell_pitch_class(3, -1)
    (('E', 1), ('C', -1), ('E', -1))
    """
    for step, alter in key_scale(fifths):
        if (STEP_SEMITONES[step] + alter) % 12 == pc:
            return step, alter
    name = (_FLAT_NAMES if fifths < 0 else _SHARP_NAMES)[pc]
    return name[0], {"": 0, "#": 1, "b": -1}[name[1:]]


def key_scale(fifths: int) -> list[tuple[str, int]]:
    """The seven (step, alter) of the major scale with ``fifths`` sharps or flats."""
    alters = dict.fromkeys(STEPS, 0)
    if fifths > 0:
        for step in _ORDER_OF_SHARPS[:fifths]:
            alters[step] += 1
    else:
        for step in reversed(_ORDER_OF_SHARPS[len(_ORDER_OF_SHARPS) + fifths :]):
            alters[step] -= 1
    return list(alters.items())


def as_pitch(value: PitchLike, fifths: int = 0) -> Pitch:
    """Read a pitch from a name, a MIDI number or a float MIDI number."""
    if isinstance(value, Pitch):
        return value
    if isinstance(value, str):
        return Pitch.parse(value)
    if isinstance(value, int | float) and not isinstance(value, bool):
        return Pitch.from_midi(value, fifths)
    raise PitchError(f"pitch {value!r} must be a name such as 'C4', a MIDI number or a Pitch")
