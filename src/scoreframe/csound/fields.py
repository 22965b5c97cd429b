"""The p-fields from p4 on: named fields, each a value of the sounding note at its onset.

A part's fields are an ordered list; each entry is one of:

* a built-in name from the table :data:`FIELDS`: ``amp`` (velocity / 127, linear, relative to
  0dbfs), ``amp_db`` (the same in dB: 0 at velocity 127), ``freq`` (Hz, with the score's A4),
  ``key`` (the MIDI key as a float, so microtones survive), ``pch`` and ``oct`` (Csound's octave
  point pitch-class and octave point decimal), ``velocity`` (1..127);
* a contour, its value at the onset looked up voice, then part, then score: ``control:N``,
  ``pitch_bend`` (semitones), any name a composer gave a contour (``brightness``), or
  ``contour:NAME`` to say so explicitly;
* a note's own named value (``values={"bow": 2}``): ``value:NAME``, or the bare name when no
  contour has it;
* a function ``(note, context) -> number or text``: ``note`` is a :class:`~scoreframe.note.Note`
  or a whole :class:`~scoreframe.note.TieChain`, ``context`` a :class:`FieldContext`.

The velocity is the note's own, else the velocity contour at its onset (voice, part, score),
else ``default_velocity`` (80, mezzo forte, as for MIDI).

>>> import scoreframe as sf
>>> s = sf.Score(); v = s.part("P").voice("V"); n = v.note("A4", "1/4", velocity=127)
>>> getters = Getters(s).of([resolve(name, s) for name in sorted(FIELDS)], v)
>>> [get(n, 0.0, 127, 0.0, 0.5) for get in getters]   # amp amp_db freq key oct pch velocity
['1', '0', '440', '69', '8.75', '8.09', '127']
>>> resolve("loudness", s)
Traceback (most recent call last):
...
scoreframe.errors.CsoundError: unknown p-field 'loudness'; valid: amp, amp_db, freq, key, ...
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from enum import Enum
from fractions import Fraction
from types import MappingProxyType
from typing import TypeAlias, cast

from ..contour import default_value
from ..errors import CsoundError
from ..note import Sounding
from ..pitch import Pitch
from ..score import Part, Score, Voice
from .numbers import number

FieldValue: TypeAlias = int | float | Fraction | str


@dataclass(frozen=True, slots=True)
class FieldContext:
    """What a field function sees besides the note: where it is and when it sounds."""

    score: Score
    part: Part
    voice: Voice
    start: float
    """p2: the onset in seconds."""
    length: float
    """p3: the sounding length in seconds."""
    velocity: int
    """The note's velocity (its own, the contour's, or the default)."""


FieldFunction: TypeAlias = Callable[[Sounding, FieldContext], FieldValue]
FieldSpec: TypeAlias = "str | FieldFunction"
Getter: TypeAlias = Callable[[Sounding, float, int, float, float], str]
"""(note, onset in whole notes as a float, velocity, p2, p3) -> the field's text."""


class Reads(Enum):
    """What a built-in field reads from the note (and so what its texts are cached by)."""

    PITCH = "pitch"
    VELOCITY = "velocity"


@dataclass(frozen=True, slots=True)
class NoteField:
    """A built-in field: a description and a function of (pitch, velocity, A4)."""

    description: str
    reads: Reads
    compute: Callable[[Pitch, int, float], float | int]


def _pch(pitch: Pitch, velocity: int, a4: float) -> float:
    octave, semitones = divmod(pitch.semitones, 12)
    return float(octave + 3 + semitones / 100)


# The built-in fields (a table: one row per name).
FIELDS: Mapping[str, NoteField] = MappingProxyType(
    {
        "amp": NoteField(
            "amplitude, linear: velocity / 127 (0dbfs = 1)",
            Reads.VELOCITY,
            lambda pitch, velocity, a4: velocity / 127,
        ),
        "amp_db": NoteField(
            "amplitude in dB below 0dbfs: 20 log10(velocity / 127)",
            Reads.VELOCITY,
            lambda pitch, velocity, a4: 20 * math.log10(velocity / 127),
        ),
        "freq": NoteField(
            "frequency in Hz (the score's A4)",
            Reads.PITCH,
            lambda pitch, velocity, a4: pitch.frequency(a4),
        ),
        "key": NoteField(
            "MIDI key, a float (60.5: a quarter tone above middle C)",
            Reads.PITCH,
            lambda pitch, velocity, a4: pitch.midi,
        ),
        "pch": NoteField("octave point pitch-class (8.00: middle C)", Reads.PITCH, _pch),
        "oct": NoteField(
            "octave point decimal (8.75: A4)",
            Reads.PITCH,
            lambda pitch, velocity, a4: float(pitch.semitones / 12 + 3),
        ),
        "velocity": NoteField(
            "MIDI velocity, 1..127", Reads.VELOCITY, lambda pitch, velocity, a4: velocity
        ),
    }
)

#: The fields of a part that names none: p4 amplitude, p5 frequency.
DEFAULT_FIELDS: tuple[str, ...] = ("amp", "freq")


class FieldKind(Enum):
    """Where a field's value comes from."""

    NOTE = "note"
    CONTOUR = "contour"
    VALUE = "value"
    FUNCTION = "function"


@dataclass(frozen=True, slots=True)
class Field:
    """A resolved field: its label (for the header), kind, key (table name, contour or value
    name) and, for a function field, the function."""

    label: str
    kind: FieldKind
    key: str
    function: FieldFunction | None = None


def contour_names(score: Score) -> set[str]:
    """The names of every contour of the score, its parts and voices."""
    owners = [score, *score.parts, *score.voices]
    return {name for owner in owners for name in owner.contours}


def value_names(score: Score) -> set[str]:
    """The names of the notes' own values."""
    return {name for v in score.voices for n in v.notes if n.values for name, _ in n.values}


def resolve(spec: FieldSpec, score: Score) -> Field:
    """The field ``spec`` names (see the module doc), or a CsoundError listing the valid names."""
    if callable(spec):
        return Field(getattr(spec, "__name__", "function"), FieldKind.FUNCTION, "", spec)
    if not isinstance(spec, str):
        raise CsoundError(
            f"p-field {spec!r}: give a name such as 'amp' or a function (note, context) -> number"
        )
    if spec in FIELDS:
        return Field(spec, FieldKind.NOTE, spec)
    prefix, colon, rest = spec.partition(":")
    if colon and rest:
        if prefix == "value":
            return Field(spec, FieldKind.VALUE, rest)
        if prefix == "contour":
            return Field(spec, FieldKind.CONTOUR, rest)
        if prefix == "control" and rest.isdigit() and int(rest) <= 127:
            return Field(spec, FieldKind.CONTOUR, f"control:{int(rest)}")
    elif spec == "pitch_bend" or spec in contour_names(score):
        return Field(spec, FieldKind.CONTOUR, spec)
    elif spec in value_names(score):
        return Field(spec, FieldKind.VALUE, spec)
    raise CsoundError(f"unknown p-field {spec!r}; valid: {', '.join(valid_names(score))}")


def valid_names(score: Score) -> list[str]:
    """Every field name ``resolve`` accepts for ``score`` (patterns written with N and NAME)."""
    fixed = [*FIELDS, "control:N", "pitch_bend", "contour:NAME", "value:NAME"]
    named = sorted((contour_names(score) | value_names(score)) - set(fixed))
    return fixed + [n for n in named if not n.startswith("control:")]


def field_text(value: object, where: str) -> str:
    """A field value as Csound reads it: a number, or text in double quotes."""
    if isinstance(value, str):
        if '"' in value or "\n" in value or "\r" in value:
            raise CsoundError(
                f"{where}: p-field text {value!r} cannot hold quotes or line "
                "breaks; change the value"
            )
        return f'"{value}"'
    if isinstance(value, bool) or not isinstance(value, int | float | Fraction):
        raise CsoundError(f"{where}: p-field value {value!r} is not a number or text")
    try:
        return number(value if isinstance(value, int) else float(value))
    except CsoundError as error:
        raise CsoundError(f"{where}: {error}") from None


def _where(voice: Voice, note: Sounding) -> str:
    return voice.part.score.where(note.onset, voice.part, voice)


class Getters:
    """Builds each voice's field getters for one export; built-in fields share text caches."""

    def __init__(self, score: Score) -> None:
        self.score = score
        self._caches: dict[str, dict[int, str]] = {}

    def of(self, fields: tuple[Field, ...] | list[Field], voice: Voice) -> tuple[Getter, ...]:
        """The getters of ``fields`` for the notes of ``voice``."""
        return tuple(self._getter(field, voice) for field in fields)

    def _getter(self, field: Field, voice: Voice) -> Getter:
        if field.kind is FieldKind.NOTE:
            return self._note_getter(field.key)
        if field.kind is FieldKind.CONTOUR:
            return _contour_getter(field.key, voice)
        if field.kind is FieldKind.VALUE:
            return _value_getter(field.key, voice)
        return _function_getter(cast(FieldFunction, field.function), field.label, voice)

    def _note_getter(self, name: str) -> Getter:
        row, a4 = FIELDS[name], self.score.a4
        compute, cache = row.compute, self._caches.setdefault(name, {})
        by_velocity = row.reads is Reads.VELOCITY

        def get(note: Sounding, t: float, velocity: int, p2: float, p3: float) -> str:
            pitch = cast(Pitch, note.pitch)  # sounding notes have pitches
            # Cached by velocity, or by the pitch object: pitches are shared values that stay
            # alive for the whole export.
            key = velocity if by_velocity else id(pitch)
            text = cache.get(key)
            if text is None:
                text = cache[key] = number(compute(pitch, velocity, a4))
            return text

        return get


def _contour_getter(name: str, voice: Voice) -> Getter:
    view = voice.resolved(name)
    start = float(view.start) if view.start is not None else math.inf
    sample = view.sampler() if view else None
    fallback = default_value(name)

    def get(note: Sounding, t: float, velocity: int, p2: float, p3: float) -> str:
        if sample is not None and start <= t:
            return number(sample(t))
        if fallback is None:
            raise CsoundError(
                f"{_where(voice, note)}: the contour {name!r} has no value here "
                f"for its p-field; hold a value from the start "
                f"(.contour({name!r}).hold(value, at=0))"
            )
        return number(float(fallback))

    return get


def _value_getter(name: str, voice: Voice) -> Getter:
    def get(note: Sounding, t: float, velocity: int, p2: float, p3: float) -> str:
        value = note.value(name)
        if value is None:
            raise CsoundError(
                f"{_where(voice, note)}: the note has no value {name!r} for its "
                f"p-field; give it values={{{name!r}: ...}} or change the "
                "part's fields"
            )
        return field_text(value, _where(voice, note))

    return get


def _function_getter(function: FieldFunction, label: str, voice: Voice) -> Getter:
    score, part = voice.part.score, voice.part

    def get(note: Sounding, t: float, velocity: int, p2: float, p3: float) -> str:
        value = function(note, FieldContext(score, part, voice, p2, p3, velocity))
        return field_text(value, f"{_where(voice, note)}, p-field function {label!r}")

    return get
