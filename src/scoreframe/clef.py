"""Clefs: a choice (an Enum), each with the sign, the staff line it sits on and its octave
change (a table), read from names such as ``"treble"``, ``"bass"`` or ``"treble-8"``.

>>> as_clef("treble-8"), Clef.BASS.sign, Clef.TREBLE_8VB.octave
(<Clef.TREBLE_8VB: 'treble8vb'>, 'F', -1)
>>> as_clef("soprano")
Traceback (most recent call last):
...
scoreframe.errors.ScoreValueError: clef 'soprano' is not one of: treble, treble8vb, ...
"""

from __future__ import annotations

from enum import Enum

from .errors import ScoreValueError


class Clef(Enum):
    """A clef; the value is its name in scoreframe's own format."""

    TREBLE = "treble"
    TREBLE_8VB = "treble8vb"
    TREBLE_8VA = "treble8va"
    BASS = "bass"
    BASS_8VB = "bass8vb"
    ALTO = "alto"
    TENOR = "tenor"
    PERCUSSION = "percussion"

    @property
    def sign(self) -> str:
        return CLEF_SHAPES[self][0]

    @property
    def line(self) -> int:
        """The staff line the clef sits on (0: none, the percussion clef)."""
        return CLEF_SHAPES[self][1]

    @property
    def octave(self) -> int:
        """Octaves the written notes sound away from the plain clef (-1: an octave lower)."""
        return CLEF_SHAPES[self][2]


# clef -> (sign, line, octave change) (a table)
CLEF_SHAPES: dict[Clef, tuple[str, int, int]] = {
    Clef.TREBLE: ("G", 2, 0),
    Clef.TREBLE_8VB: ("G", 2, -1),
    Clef.TREBLE_8VA: ("G", 2, 1),
    Clef.BASS: ("F", 4, 0),
    Clef.BASS_8VB: ("F", 4, -1),
    Clef.ALTO: ("C", 3, 0),
    Clef.TENOR: ("C", 4, 0),
    Clef.PERCUSSION: ("percussion", 0, 0),
}

# Other names composers write for the same clefs (a table).
CLEF_ALIASES: dict[str, Clef] = {
    "g": Clef.TREBLE,
    "f": Clef.BASS,
    "treble-8": Clef.TREBLE_8VB,
    "treble_8": Clef.TREBLE_8VB,
    "treble+8": Clef.TREBLE_8VA,
    "bass-8": Clef.BASS_8VB,
    "bass_8": Clef.BASS_8VB,
}


def as_clef(value: Clef | str) -> Clef:
    """A clef from itself, its name (``"treble8vb"``), its member name or an alias."""
    if isinstance(value, Clef):
        return value
    text = str(value).strip().lower()
    for clef in Clef:
        if text in (clef.value, clef.name.lower()):
            return clef
    if text in CLEF_ALIASES:
        return CLEF_ALIASES[text]
    names = ", ".join(c.value for c in Clef)
    raise ScoreValueError(f"clef {value!r} is not one of: {names}")
