"""The settings of parts and voices: their ranges and their defaults, in one place.

The ranges (a table, :data:`RANGES`) are the ones musicians count in: channels 1 to 16,
programs 1 to 128. A part's settings are one frozen :class:`PartSettings` value: the model
builds it, checks it when it is made or changed, and the native format writes what differs from
its defaults and reads the rest from them.

>>> PartSettings(program=41, staves=2).clefs is None
True
>>> PartSettings(channel=17)
Traceback (most recent call last):
...
scoreframe.errors.ScoreValueError: channel 17 must be an int in 1..16
>>> RANGES["velocity"]
Range(low=1, high=127)
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, fields
from fractions import Fraction
from typing import TypedDict

from .clef import Clef, as_clef
from .errors import ScoreValueError


@dataclass(frozen=True, slots=True)
class Range:
    """The whole numbers ``low..high``."""

    low: int
    high: int

    def check(self, what: str, value: object) -> int:
        """``value`` if it is an int in range, else a :class:`ScoreValueError` saying so."""
        if (
            isinstance(value, bool)
            or not isinstance(value, int)
            or not (self.low <= value <= self.high)
        ):
            raise ScoreValueError(f"{what} {value!r} must be an int in {self.low}..{self.high}")
        return value

    def __contains__(self, value: object) -> bool:
        return (
            isinstance(value, int)
            and not isinstance(value, bool)
            and (self.low <= value <= self.high)
        )


#: Every whole-number setting of the model and its range (a table).
RANGES: dict[str, Range] = {
    "program": Range(1, 128),
    "channel": Range(1, 16),
    "bank": Range(0, 16383),
    "staves": Range(1, 4),
    "bend_range": Range(1, 24),
    "velocity": Range(1, 127),
    "key": Range(0, 127),
    "voice_number": Range(1, 99),
}

#: How each setting is named in messages (when not its own name).
LABELS = {"bend_range": "bend range", "voice_number": "voice number"}


# Characters a text of the model cannot hold: XML 1.0 cannot store them (control characters
# other than tab, newline and return, U+FFFE, U+FFFF) and no file can encode a lone surrogate.
_NOT_TEXT = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


def check_text(value: object, what: str) -> str:
    """A name or a title: text that every format can store, else an error saying which
    character to remove."""
    if not isinstance(value, str):
        raise ScoreValueError(f"{what} {value!r} must be text")
    found = _NOT_TEXT.search(value)
    if found:
        raise ScoreValueError(
            f"{what} {value!r} holds the character {found.group()!r} (U+{ord(found.group()):04X}),"
            " which files cannot store; remove it"
        )
    return value


def check(name: str, value: object, where: str = "") -> int:
    """A whole-number setting checked against :data:`RANGES` (``where`` starts the message)."""
    label = LABELS.get(name, name)
    return RANGES[name].check(f"{where} {label}" if where else label, value)


@dataclass(frozen=True, slots=True)
class PartSettings:
    """What an instrument is set to: MIDI program (1..128), channel (1..16) and bank, staves
    (1..4) and their clefs, percussion, the Csound instrument and p-fields, the pitch-bend range
    in semitones (1..24), the abbreviation, the transposition (a name of
    :data:`~scoreframe.notation.TRANSPOSITIONS`: the notes are concert pitch, the MusicXML shows
    the written pitch). Checked when made; changed by making a new one."""

    program: int | None = None
    channel: int | None = None
    bank: int | None = None
    staves: int = 1
    clefs: tuple[Clef, ...] | None = None
    percussion: bool = False
    instrument: int | str | None = None
    pfields: tuple[str, ...] | None = None
    bend_range: int = 2
    abbreviation: str | None = None
    transpose: str | None = None

    def __post_init__(self) -> None:
        for name in ("program", "channel", "bank"):
            value = getattr(self, name)
            if value is not None:
                check(name, value)
        check("staves", self.staves)
        check("bend_range", self.bend_range)
        if self.clefs is not None:
            clefs = tuple(as_clef(c) for c in _items(self.clefs, "clefs"))  # type: ignore[arg-type]
            object.__setattr__(self, "clefs", clefs)
            if len(clefs) != self.staves:
                raise ScoreValueError(f"give one clef per staff ({self.staves}), not {len(clefs)}")
        if not isinstance(self.percussion, bool):
            raise ScoreValueError(f"percussion {self.percussion!r} must be True or False")
        instrument = self.instrument
        if instrument is not None and (
            isinstance(instrument, bool)
            or not isinstance(instrument, int | str)
            or (isinstance(instrument, int) and instrument < 1)
        ):
            raise ScoreValueError(
                f"instrument {instrument!r} must be a Csound instrument number from 1 or a name"
            )
        if self.pfields is not None:
            object.__setattr__(self, "pfields", tuple(_items(self.pfields, "pfields")))
        if self.abbreviation is not None and not isinstance(self.abbreviation, str):
            raise ScoreValueError(f"abbreviation {self.abbreviation!r} must be text")
        if self.transpose is not None:
            from .notation import transposition  # here: notation needs pitches, pitches ranges

            transposition(self.transpose)  # a name of the table, else an error listing them

    @classmethod
    def names(cls) -> tuple[str, ...]:
        return tuple(f.name for f in fields(cls))


class PartOptions(TypedDict, total=False):
    """The keyword options of :meth:`Score.part` (the fields of :class:`PartSettings`)."""

    program: int | None
    channel: int | None
    bank: int | None
    staves: int
    clefs: Iterable[Clef | str] | None
    percussion: bool
    instrument: int | str | None
    pfields: Iterable[str] | None
    bend_range: int
    abbreviation: str | None
    transpose: str | None


#: A part's settings when none is given.
DEFAULT_PART = PartSettings()
#: A voice's staff when none is given.
DEFAULT_STAFF = 1
#: The score's tuning of A4 (Hz) and the note value its tempo counts.
DEFAULT_A4 = 440.0
DEFAULT_TEMPO_BEAT = Fraction(1, 4)


def _items(value: object, what: str) -> tuple[object, ...]:
    if isinstance(value, str) or not isinstance(value, Iterable):
        raise ScoreValueError(f"{what} {value!r} must be a list")
    return tuple(value)
