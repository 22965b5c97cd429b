"""Note values: a MusicXML ``<type>`` plus dots, and the small records a notated note carries.

A length is a :class:`~fractions.Fraction` of a whole note. A length is *notatable* when one
note head shows it: a plain value (a power of two of a whole note, from the maxima down to the
1024th) with up to ``max_dots`` dots.

>>> notatable(Fraction(3, 8))
NoteValue(type=<NoteType.QUARTER: 'quarter'>, dots=1)
>>> notatable(Fraction(5, 8)) is None
True
>>> [str(v) for v in split_notatable(Fraction(5, 8))]
['half', 'eighth']
>>> note_value(Fraction(7, 16))
('quarter', 2)
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum
from fractions import Fraction
from functools import lru_cache

from ..errors import ExportError

MAX_DOTS = 3
"""The most dots :func:`notatable` allows unless told otherwise."""

SMALLEST = Fraction(1, 1024)
"""The shortest value MusicXML names (``1024th``); no dot may reach below it."""


def is_dyadic(value: Fraction) -> bool:
    """True when the denominator is a power of two (so no tuplet is needed to write it).

    >>> is_dyadic(Fraction(3, 16)), is_dyadic(Fraction(1, 12))
    (True, False)
    """
    d = value.denominator
    return d & (d - 1) == 0


def is_plain(value: Fraction) -> bool:
    """True for a power of two of a whole note (1/4, 1/2, 1, 2...), the length of an undotted type.

    >>> is_plain(Fraction(1, 8)), is_plain(Fraction(3, 8))
    (True, False)
    """
    n, d = value.numerator, value.denominator
    return value > 0 and n & (n - 1) == 0 and d & (d - 1) == 0


class NoteType(Enum):
    """The MusicXML ``note-type-value`` names, longest first; ``.length`` is in whole notes."""

    MAXIMA = "maxima"
    LONG = "long"
    BREVE = "breve"
    WHOLE = "whole"
    HALF = "half"
    QUARTER = "quarter"
    EIGHTH = "eighth"
    N16TH = "16th"
    N32ND = "32nd"
    N64TH = "64th"
    N128TH = "128th"
    N256TH = "256th"
    N512TH = "512th"
    N1024TH = "1024th"

    @property
    def length(self) -> Fraction:
        """The undotted length in whole notes.

        >>> NoteType.EIGHTH.length
        Fraction(1, 8)
        """
        return _TYPE_LENGTH[self]

    @property
    def beams(self) -> int:
        """How many beams (or flags) the value has: 1 for an eighth, 2 for a 16th, 0 for longer.

        >>> NoteType.N32ND.beams, NoteType.QUARTER.beams
        (3, 0)
        """
        return _TYPE_BEAMS[self]

    @classmethod
    def of(cls, length: Fraction) -> NoteType:
        """The type whose undotted length is exactly ``length``.

        >>> NoteType.of(Fraction(1, 16))
        <NoteType.N16TH: '16th'>
        """
        found = _LENGTH_TYPE.get(length)
        if found is None:
            raise ExportError(
                f"length {length} is not a plain note value (a power of two of a whole note "
                f"from {SMALLEST} to 8)"
            )
        return found


_TYPE_LENGTH: dict[NoteType, Fraction] = {t: Fraction(8) / 2**i for i, t in enumerate(NoteType)}
_LENGTH_TYPE: dict[Fraction, NoteType] = {v: k for k, v in _TYPE_LENGTH.items()}
_TYPE_BEAMS: dict[NoteType, int] = {
    t: max(0, v.denominator.bit_length() - 3) for t, v in _TYPE_LENGTH.items()
}


@dataclass(frozen=True, slots=True)
class NoteValue:
    """A written value: a type and its dots (what ``<type>`` and ``<dot/>`` show)."""

    type: NoteType
    dots: int = 0
    length: Fraction = field(init=False, repr=False, compare=False)
    """The written length in whole notes: ``NoteValue(NoteType.HALF, 2).length == 7/8``."""
    beams: int = field(init=False, repr=False, compare=False)
    """The type's beams (``type.beams``), kept: beaming asks for it note by note."""

    def __post_init__(self) -> None:
        if self.dots < 0 or self.type.length / 2**self.dots < SMALLEST:
            raise ExportError(f"{self.type.value} cannot carry {self.dots} dots")
        length = self.type.length * (2 - Fraction(1, 2**self.dots))
        object.__setattr__(self, "length", length)
        object.__setattr__(self, "beams", self.type.beams)

    def __str__(self) -> str:
        return " ".join(["dotted"] * min(self.dots, 1) + [self.type.value]) + (
            f" ({self.dots} dots)" if self.dots > 1 else ""
        )


@lru_cache(maxsize=4096)
def notatable(length: Fraction, max_dots: int = MAX_DOTS) -> NoteValue | None:
    """The single value that shows ``length``, or ``None`` if it takes ties or a tuplet.

    >>> notatable(Fraction(1, 4))
    NoteValue(type=<NoteType.QUARTER: 'quarter'>, dots=0)
    >>> notatable(Fraction(15, 16)).dots
    3
    >>> notatable(Fraction(15, 16), max_dots=2) is None
    True
    """
    if length <= 0 or not is_dyadic(length):
        return None
    for dots in range(max_dots + 1):
        base = length * 2**dots / (2 ** (dots + 1) - 1)
        found = _LENGTH_TYPE.get(base)
        if found is not None and base / 2**dots >= SMALLEST:
            return NoteValue(found, dots)
    return None


def note_value(length: Fraction, max_dots: int = MAX_DOTS) -> tuple[str, int] | None:
    """``(type name, dots)`` for a notatable length, else ``None``: :func:`notatable` as text.

    >>> note_value(Fraction(3, 4))
    ('half', 1)
    """
    found = notatable(Fraction(length), max_dots)
    return None if found is None else (found.type.value, found.dots)


@lru_cache(maxsize=8)
def _candidates(max_dots: int) -> tuple[NoteValue, ...]:
    """Every value with at most ``max_dots`` dots, longest first."""
    values = [
        NoteValue(t, d)
        for t in NoteType
        for d in range(max_dots + 1)
        if t.length / 2**d >= SMALLEST
    ]
    return tuple(sorted(values, key=lambda v: v.length, reverse=True))


@lru_cache(maxsize=4096)
def split_notatable(length: Fraction, max_dots: int = MAX_DOTS) -> tuple[NoteValue, ...]:
    """Notatable values adding up to ``length``, longest first (to be joined by ties).

    The greedy choice puts the longest value first, the way a note starting on a strong position
    is written (half tied to eighth, not eighth tied to half). One value when ``length`` is
    notatable. Raises :class:`~scoreframe.errors.ExportError` when ``length`` needs a tuplet or
    is finer than a 1024th.

    >>> [str(v) for v in split_notatable(Fraction(9, 8))]
    ['whole', 'eighth']
    >>> split_notatable(Fraction(1, 6))
    Traceback (most recent call last):
    ...
    scoreframe.errors.ExportError: length 1/6 needs a tuplet: its denominator is not a power of two
    """
    if length <= 0:
        raise ExportError(f"length {length} must be greater than zero")
    if not is_dyadic(length):
        raise ExportError(f"length {length} needs a tuplet: its denominator is not a power of two")
    if (length / SMALLEST).denominator != 1:
        raise ExportError(f"length {length} is finer than a 1024th note; it cannot be written")
    single = notatable(length, max_dots)
    if single is not None:
        return (single,)
    out: list[NoteValue] = []
    left = length
    for value in _candidates(max_dots):
        while value.length <= left:
            out.append(value)
            left -= value.length
        if left == 0:
            break
    return tuple(out)


@dataclass(frozen=True, slots=True)
class TimeModification:
    """``<time-modification>``: ``actual`` notes of ``normal_type`` in the time of ``normal``.

    For nested tuplets the counts are the products over the enclosing groups (a triplet inside
    a 5:4 is 15:8), as MusicXML asks; ``normal_type`` is the innermost group's.

    >>> TimeModification(3, 2, NoteType.EIGHTH).factor
    Fraction(2, 3)
    """

    actual: int
    normal: int
    normal_type: NoteType

    @property
    def factor(self) -> Fraction:
        """Sounding length over written length."""
        return Fraction(self.normal, self.actual)


@dataclass(frozen=True, slots=True)
class TupletMark:
    """One bracketed ``<tuplet>`` start or stop: its ``number`` (nesting level, 1 outermost) and
    the group's own ratio, shown by ``<tuplet-actual>`` and ``<tuplet-normal>``."""

    number: int
    actual: int
    normal: int
    normal_type: NoteType
