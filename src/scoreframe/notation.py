"""The notation a part on a music stand shows besides its notes: lyrics, slurs, grace notes,
texts, rehearsal marks, clef changes, chord symbols, dynamic marks and transpositions.

These are rare next to notes, so they are not fields of :class:`~scoreframe.note.Note` (a
million notes stay plain tuples): a voice keeps its lyrics, slurs and grace groups in a
:class:`VoiceNotation` keyed by onset, a part its texts, clef changes, chord symbols and dynamic
marks in a :class:`PartNotation`, and the score its rehearsal marks. Each value is frozen.

>>> Lyric(1, "Ky-").syllable, Lyric(1, "Ky-").hyphen, Lyric(2, "Lord_").extend
('Ky', True, True)
>>> Harmony.parse(Fraction(0), "F#m7/C#").root, Harmony.parse(Fraction(0), "Cm7").kind
('F#', 'minor-seventh')
>>> TRANSPOSITIONS["Bb"], written_fifths(-3, "Bb")
(Interval(diatonic=-1, chromatic=-2), -1)
>>> str(written_pitch(Pitch.parse("Bb3"), "Bb"))
'C4'
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from enum import Enum
from fractions import Fraction

from .clef import Clef
from .errors import ScoreValueError
from .pitch import STEPS, Pitch

#: How long each grace note sounds when nothing else is said (whole notes).
GRACE_LENGTH = Fraction(1, 32)


class Placement(Enum):
    """Where a text goes: above or below the staff."""

    ABOVE = "above"
    BELOW = "below"


def as_placement(value: Placement | str) -> Placement:
    try:
        return value if isinstance(value, Placement) else Placement(str(value).lower())
    except ValueError:
        raise ScoreValueError(f"placement {value!r} must be 'above' or 'below'") from None


@dataclass(frozen=True, slots=True)
class Lyric:
    """One syllable of one verse (1 up). A trailing ``-`` joins it to the next syllable (a
    hyphen), a trailing ``_`` draws an extender (a melisma) to the next syllable's note."""

    verse: int
    text: str

    @property
    def syllable(self) -> str:
        return self.text.rstrip("-_") or self.text

    @property
    def hyphen(self) -> bool:
        return self.text.endswith("-") and len(self.text) > 1

    @property
    def extend(self) -> bool:
        return self.text.endswith("_") and len(self.text) > 1


def syllabics(lyrics: list[Lyric]) -> list[str]:
    """The MusicXML syllabic of each syllable of one verse in order: ``single``, ``begin``,
    ``middle``, ``end`` (from the hyphens).

    >>> syllabics([Lyric(1, "Ky-"), Lyric(1, "ri-"), Lyric(1, "e"), Lyric(1, "Lord")])
    ['begin', 'middle', 'end', 'single']
    """
    out: list[str] = []
    joined = False
    for lyric in lyrics:
        after = lyric.hyphen
        out.append(("middle" if after else "end") if joined else ("begin" if after else "single"))
        joined = after
    return out


@dataclass(frozen=True, slots=True)
class Slur:
    """A slur (or a phrase mark) from the note at ``start`` to the note at ``stop``."""

    start: Fraction
    stop: Fraction


@dataclass(frozen=True, slots=True)
class Grace:
    """Grace notes before the note at ``at``: slashed (an acciaccatura) or not (appoggiatura);
    each sounds ``length`` whole notes, taken from the time before the beat."""

    at: Fraction
    pitches: tuple[Pitch, ...]
    slash: bool = False
    length: Fraction = GRACE_LENGTH


@dataclass(frozen=True, slots=True)
class Text:
    """An expression or technique text (``"dolce"``, ``"pizz."``) at a time on a staff."""

    time: Fraction
    text: str
    placement: Placement = Placement.ABOVE
    staff: int = 1


@dataclass(frozen=True, slots=True)
class Rehearsal:
    """A rehearsal mark (``"A"``, ``"12"``), drawn boxed over the system."""

    time: Fraction
    label: str


@dataclass(frozen=True, slots=True)
class Pedal:
    """The sustain pedal down at ``time`` and up at ``release``."""

    time: Fraction
    release: Fraction


#: A pedal pressed where another is released goes down this much later (a legato pedal:
#: up on the beat, down just after), so that MIDI sends the release and the press.
PEDAL_CHANGE = Fraction(1, 64)


@dataclass(frozen=True, slots=True)
class ClefChange:
    """A clef taking over a staff at a time."""

    time: Fraction
    clef: Clef
    staff: int = 1


# Chord-symbol suffixes and their MusicXML kinds (a table; the longest suffix is tried first).
HARMONY_KINDS: dict[str, str] = {
    "": "major",
    "maj": "major",
    "m": "minor",
    "min": "minor",
    "7": "dominant",
    "maj7": "major-seventh",
    "m7": "minor-seventh",
    "mmaj7": "major-minor",
    "dim": "diminished",
    "dim7": "diminished-seventh",
    "aug": "augmented",
    "+": "augmented",
    "m7b5": "half-diminished",
    "6": "major-sixth",
    "m6": "minor-sixth",
    "9": "dominant-ninth",
    "maj9": "major-ninth",
    "m9": "minor-ninth",
    "11": "dominant-11th",
    "13": "dominant-13th",
    "sus2": "suspended-second",
    "sus4": "suspended-fourth",
    "sus": "suspended-fourth",
    "5": "power",
}
_HARMONY = re.compile(r"^([A-G])(#|b)?(.*?)(?:/([A-G])(#|b)?)?$")


@dataclass(frozen=True, slots=True)
class Harmony:
    """A chord symbol (``"Cm7"``, ``"F#7/A#"``) at a time: its text, root, kind and bass."""

    time: Fraction
    symbol: str
    root: str = "C"
    kind: str = "major"
    bass: str | None = None

    @classmethod
    def parse(cls, time: Fraction, symbol: str) -> Harmony:
        found = _HARMONY.match(symbol.strip())
        if found is None or found.group(3) not in HARMONY_KINDS:
            known = ", ".join(repr(k) for k in HARMONY_KINDS if k)
            raise ScoreValueError(
                f"chord symbol {symbol!r}: write a root (C, F#, Bb), a kind ({known}) and "
                "optionally /bass"
            )
        root = found.group(1) + (found.group(2) or "")
        bass = None if found.group(4) is None else found.group(4) + (found.group(5) or "")
        return cls(time, symbol.strip(), root, HARMONY_KINDS[found.group(3)], bass)


@dataclass(frozen=True, slots=True)
class DynamicMark:
    """A dynamic written as a mark (``"pp"``, ``"sfz"``) at a time on a staff."""

    time: Fraction
    mark: str
    staff: int = 1


# mark -> (velocity from the mark, velocity a sixteenth later or None: the level holds).
# The levels are the default velocities of the MusicXML dynamics table, so a level mark reads
# back as itself; an accent (sfz, fp...) returns to the level before it a sixteenth later.
DYNAMIC_MARKS: dict[str, tuple[int, int | None]] = {
    "ppp": (16, None),
    "pp": (32, None),
    "p": (48, None),
    "mp": (64, None),
    "mf": (80, None),
    "f": (96, None),
    "ff": (112, None),
    "fff": (127, None),
    "sf": (112, 0),
    "sfz": (112, 0),
    "sffz": (127, 0),
    "fz": (112, 0),
    "rfz": (104, 0),
    "fp": (96, 48),
    "sfp": (112, 48),
}
#: How long an accent mark's velocity lasts before the level comes back (whole notes).
ACCENT_LENGTH = Fraction(1, 16)
#: The level an accent returns to when no velocity was set before it (the MIDI default, mf).
DEFAULT_LEVEL = 80


@dataclass(frozen=True, slots=True)
class Interval:
    """From written to sounding pitch: steps of the staff and semitones (MusicXML's
    ``<transpose>`` diatonic and chromatic)."""

    diatonic: int
    chromatic: int

    @property
    def fifths(self) -> int:
        """The interval on the line of fifths (a major second is +2)."""
        return 7 * self.chromatic - 12 * self.diatonic


# Transposing instruments: the name a part gives -> written-to-sounding interval (a table).
TRANSPOSITIONS: dict[str, Interval] = {
    "Bb": Interval(-1, -2),  # clarinet, trumpet, soprano sax: a major second below
    "A": Interval(-2, -3),  # clarinet in A: a minor third below
    "F": Interval(-4, -7),  # horn, cor anglais: a fifth below
    "Eb": Interval(-5, -9),  # alto sax: a major sixth below
    "Eb-high": Interval(2, 3),  # E-flat clarinet: a minor third above
    "D": Interval(1, 2),  # trumpet in D: a major second above
    "G": Interval(-3, -5),  # alto flute: a fourth below
    "Bb-bass": Interval(-8, -14),  # tenor sax, bass clarinet: a ninth below
    "8va": Interval(7, 12),  # piccolo, celesta, glockenspiel: an octave above
    "8vb": Interval(-7, -12),  # guitar, double bass, contrabassoon: an octave below
}


def transposition(name: str | None) -> Interval | None:
    """The interval of a transposition name (None: a part at concert pitch)."""
    if name is None:
        return None
    found = TRANSPOSITIONS.get(name)
    if found is None:
        raise ScoreValueError(
            f"transpose {name!r} is not one of: {', '.join(TRANSPOSITIONS)} (or None)"
        )
    return found


def written_pitch(pitch: Pitch, name: str) -> Pitch:
    """The written pitch of a sounding (concert) pitch for the transposition ``name``."""
    interval = TRANSPOSITIONS[name]
    index = STEPS.index(pitch.step) + 7 * pitch.octave - interval.diatonic
    step, octave = STEPS[index % 7], index // 7
    plain = Pitch(step, Fraction(0), octave)
    alter = pitch.semitones - interval.chromatic - plain.semitones
    return Pitch(step, alter, octave, pitch.cents)


def written_fifths(fifths: int, name: str) -> int:
    """The written key signature of a concert key (sharps > 0) for ``name``, kept within
    seven sharps or flats (enharmonically)."""
    out = fifths - TRANSPOSITIONS[name].fifths
    while out > 7:
        out -= 12
    while out < -7:
        out += 12
    return out


def grace_sounds(grace: Grace) -> list[tuple[Fraction, Fraction, Pitch]]:
    """How a grace group sounds: (onset, length, pitch) of each note, one after another,
    ending where the main note starts (before the beat), each ``grace.length`` long; a
    group with less time before it than that shares the time there is; at time 0 it has none
    and is notation only.

    >>> g = Grace(Fraction(1), (Pitch.parse("D5"), Pitch.parse("E5")))
    >>> [(str(on), str(length), str(p)) for on, length, p in grace_sounds(g)]
    [('15/16', '1/32', 'D5'), ('31/32', '1/32', 'E5')]
    """
    count = len(grace.pitches)
    length = min(grace.length, grace.at / count)
    if not length:
        return []
    start = grace.at - count * length
    return [(start + i * length, length, pitch) for i, pitch in enumerate(grace.pitches)]


@dataclass(slots=True)
class VoiceNotation:
    """A voice's lyrics (onset -> syllables, one per verse), slurs, grace groups and
    fingerings ((onset, sounding pitch) -> the finger, as text: ``"3"``, ``"1-2"``)."""

    lyrics: dict[Fraction, tuple[Lyric, ...]] = field(default_factory=dict)
    slurs: list[Slur] = field(default_factory=list)
    graces: dict[Fraction, Grace] = field(default_factory=dict)
    fingerings: dict[tuple[Fraction, Pitch], str] = field(default_factory=dict)

    def __bool__(self) -> bool:
        return bool(self.lyrics or self.slurs or self.graces or self.fingerings)

    def verse(self, number: int) -> list[tuple[Fraction, Lyric]]:
        """The syllables of one verse, in time order."""
        out = []
        for onset in sorted(self.lyrics):
            for lyric in self.lyrics[onset]:
                if lyric.verse == number:
                    out.append((onset, lyric))
        return out

    def verses(self) -> list[int]:
        return sorted({lyric.verse for held in self.lyrics.values() for lyric in held})


@dataclass(slots=True)
class PartNotation:
    """A part's texts, clef changes, chord symbols, dynamic marks and pedals, in time order."""

    texts: list[Text] = field(default_factory=list)
    clefs: list[ClefChange] = field(default_factory=list)
    harmonies: list[Harmony] = field(default_factory=list)
    dynamics: list[DynamicMark] = field(default_factory=list)
    pedals: list[Pedal] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.texts or self.clefs or self.harmonies or self.dynamics or self.pedals)


def fingering_of(value: object, where: str) -> str:
    """``fingering=`` of a note: a finger number (1..5, or 0 for a thumb on strings) or a short
    text (``"1-2"``, ``"p"``), kept as text.

    >>> fingering_of(3, "here"), fingering_of("1-2", "here")
    ('3', '1-2')
    """
    if isinstance(value, bool) or not isinstance(value, int | str):
        raise ScoreValueError(f"{where}: fingering {value!r} must be a finger number or text")
    text = str(value).strip()
    if not text or len(text) > 16 or not text.isprintable():
        raise ScoreValueError(
            f"{where}: fingering {value!r} must be a finger number or a short text (1..16 "
            "printable characters)"
        )
    return text


def lyrics_of(value: str | list[str] | tuple[str, ...], where: str) -> tuple[Lyric, ...]:
    """``lyric=`` of a note: one syllable (verse 1) or one per verse (None or "" skips one)."""
    texts = [value] if isinstance(value, str) else list(value)
    out = []
    for verse, text in enumerate(texts, start=1):
        if text is None or text == "":
            continue
        if not isinstance(text, str):
            raise ScoreValueError(f"{where}: lyric {text!r} must be text")
        out.append(Lyric(verse, text))
    return tuple(out)
