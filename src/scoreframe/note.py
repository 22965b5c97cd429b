"""Notes and tie chains: immutable values with exact onsets, periods and durations.

A note's *period* is its notated length (the time to the next onset in its voice); its
*duration* is how long it sounds. A rest is a note with no pitch.

>>> from fractions import Fraction
>>> from scoreframe.pitch import Pitch
>>> n = Note(Fraction(0), Fraction(1, 4), Fraction(1, 8), Pitch.parse("C4"))
>>> n.end, n.release, n.is_rest
(Fraction(1, 4), Fraction(1, 8), False)
>>> chain = TieChain((n.replace(duration=n.period, tie=True), n.replace(onset=Fraction(1, 4))))
>>> chain.onset, chain.duration, chain.period
(Fraction(0, 1), Fraction(3, 8), Fraction(1, 2))
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum
from fractions import Fraction
from typing import Any, NamedTuple, TypeAlias

from .errors import ScoreValueError
from .pitch import Pitch

ExtraValue: TypeAlias = int | float | Fraction | str


class Articulation(Enum):
    """Articulations, ornaments and technical marks a note can carry (MusicXML names).

    All are notation only: MIDI, Csound and live play the note as written (a trill, a
    tremolo or an arpeggio is not rendered; see docs/notation.md).
    """

    STACCATO = "staccato"
    STACCATISSIMO = "staccatissimo"
    ACCENT = "accent"
    TENUTO = "tenuto"
    MARCATO = "strong-accent"
    FERMATA = "fermata"
    SPICCATO = "spiccato"
    STRESS = "stress"
    BREATH_MARK = "breath-mark"
    CAESURA = "caesura"
    TRILL = "trill-mark"
    TRILL_SHARP = "trill-sharp"  # a trill whose upper note is sharpened
    TRILL_FLAT = "trill-flat"
    TRILL_NATURAL = "trill-natural"
    MORDENT = "mordent"
    TURN = "turn"
    TREMOLO = "tremolo"
    ARPEGGIATE = "arpeggiate"
    HARMONIC = "harmonic"
    UP_BOW = "up-bow"
    DOWN_BOW = "down-bow"


def as_articulation(value: Articulation | str) -> Articulation:
    if isinstance(value, Articulation):
        return value
    key = str(value).strip().upper().replace("-", "_")
    if key in Articulation.__members__:
        return Articulation[key]
    for member in Articulation:
        if member.value == value:
            return member
    names = ", ".join(a.name.lower() for a in Articulation)
    raise ScoreValueError(f"articulation {value!r} is not one of: {names}")


class Note(NamedTuple):
    """One note or rest of a voice (see the module doc). Immutable.

    A named tuple rather than a dataclass: a score of a million notes makes a million of these,
    and a tuple is made several times faster than a slotted dataclass is filled in (see
    docs/architecture.md). It compares and hashes by its fields, as a value should.
    """

    onset: Fraction
    period: Fraction
    duration: Fraction
    pitch: Pitch | None
    tie: bool = False
    velocity: int | None = None
    articulations: frozenset[Articulation] = frozenset()
    staff: int | None = None
    values: tuple[tuple[str, ExtraValue], ...] = ()

    @property
    def is_rest(self) -> bool:
        return self.pitch is None

    @property
    def end(self) -> Fraction:
        """Where the notated note ends: ``onset + period``."""
        return self.onset + self.period

    @property
    def release(self) -> Fraction:
        """Where the sound ends: ``onset + duration``."""
        return self.onset + self.duration

    def value(self, name: str) -> ExtraValue | None:
        """A named extra value (a Csound p-field, say), or None."""
        for key, val in self.values:
            if key == name:
                return val
        return None

    def replace(self, **changes: Any) -> Note:
        """A copy with some fields changed."""
        return self._replace(**changes)


_tuple_new = tuple.__new__


def make_note(
    onset: Fraction,
    period: Fraction,
    duration: Fraction,
    pitch: Pitch | None,
    tie: bool,
    velocity: int | None,
    articulations: frozenset[Articulation],
    staff: int | None,
    values: tuple[tuple[str, ExtraValue], ...],
) -> Note:
    """``Note(...)`` with every field given, made without the named tuple's Python-level
    ``__new__`` (the note builders' hot path); the result equals the plain ``Note``.

    >>> one = Fraction(1, 4)
    >>> fast = make_note(one, one, one, None, False, None, frozenset(), None, ())
    >>> fast == Note(one, one, one, None), type(fast) is Note
    (True, True)
    """
    note: Note = _tuple_new(
        Note, (onset, period, duration, pitch, tie, velocity, articulations, staff, values)
    )
    return note


@dataclass(frozen=True, slots=True)
class TieChain:
    """Notes tied into one sounding note: onset of the first, sound to the last one's release."""

    notes: tuple[Note, ...]

    @property
    def first(self) -> Note:
        return self.notes[0]

    @property
    def onset(self) -> Fraction:
        return self.notes[0].onset

    @property
    def period(self) -> Fraction:
        return self.notes[-1].end - self.notes[0].onset

    @property
    def duration(self) -> Fraction:
        return self.notes[-1].release - self.notes[0].onset

    @property
    def release(self) -> Fraction:
        return self.notes[-1].release

    @property
    def end(self) -> Fraction:
        return self.notes[-1].end

    @property
    def pitch(self) -> Pitch | None:
        return self.notes[0].pitch

    @property
    def velocity(self) -> int | None:
        return self.notes[0].velocity

    @property
    def articulations(self) -> frozenset[Articulation]:
        return self.notes[0].articulations

    @property
    def staff(self) -> int | None:
        return self.notes[0].staff

    @property
    def values(self) -> tuple[tuple[str, ExtraValue], ...]:
        return self.notes[0].values

    @property
    def tie(self) -> bool:
        return False

    @property
    def is_rest(self) -> bool:
        return False

    def value(self, name: str) -> ExtraValue | None:
        return self.notes[0].value(name)


Sounding: TypeAlias = Note | TieChain
"""What a sounding exporter receives: an untied note or a whole tie chain."""
