"""The p-fields from p4 on: a table of named fields, each a function of the sounding note.

Built-in names (a table, :data:`FIELDS`): ``amp`` (velocity / 127, linear, relative to 0dbfs),
``amp_db`` (the same in dB, 0 at velocity 127), ``freq`` (Hz, the score's A4), ``key`` (the
MIDI key as a float, so microtones survive), ``pch`` and ``oct`` (Csound's pitch notations),
``velocity``. Contours: ``control:N``, ``pitch_bend``, ``velocity_contour`` or any contour a
composer named (``brightness``), each its value at the onset (voice, then part, then score). A
note's own named values: ``value:NAME`` (or just ``NAME`` when no contour has that name). A
callable ``(note, voice) -> number`` is a field too.

>>> import scoreframe as sf
>>> s = sf.Score(); v = s.part("P").voice("V"); n = v.note("A4", "1/4", velocity=127)
>>> [resolve(name, s)(n, v) for name in ("amp", "freq", "key", "pch", "oct", "amp_db")]
[1.0, 440.0, 69.0, 8.09, 8.75, 0.0]
>>> resolve("loudness", s)
Traceback (most recent call last):
...
scoreframe.errors.CsoundError: unknown p-field 'loudness'; valid: amp, amp_db, freq, key, ...
"""

from __future__ import annotations

import math
from collections.abc import Callable
from fractions import Fraction
from functools import lru_cache
from typing import Any

from ..errors import CsoundError
from ..note import Note, TieChain
from ..score import Score, Voice
from ..velocity import velocity_function

Sounding = Note | TieChain
Field = Callable[[Sounding, Voice], float | int | str]
FieldSpec = str | Callable[..., Any]

DEFAULT_FIELDS: tuple[str, ...] = ("amp", "freq")


def velocity_of(note: Sounding, voice: Voice) -> int:
    """The note's velocity: its own, else the velocity contour at its onset, else 80."""
    if note.velocity is not None:
        return note.velocity
    return _velocity_at(voice, voice.part.score._version)(note.onset)


@lru_cache(maxsize=256)
def _velocity_at(voice: Voice, version: int) -> Callable[[Fraction], int]:
    """The voice's velocity function, built once per voice and state of the score."""
    return velocity_function(voice)


def _key(note: Sounding, voice: Voice) -> float:
    return float(note.pitch.semitones) if note.pitch is not None else 0.0


def _pch(note: Sounding, voice: Voice) -> float:
    key = _key(note, voice)
    octave, semitone = divmod(key, 12)
    return round(octave + 3 + semitone / 100, 6)


def _oct(note: Sounding, voice: Voice) -> float:
    return round(_key(note, voice) / 12 + 3, 9)


def _freq(note: Sounding, voice: Voice) -> float:
    a4 = voice.part.score.a4
    return note.pitch.frequency(a4) if note.pitch is not None else 0.0


def _amp(note: Sounding, voice: Voice) -> float:
    return velocity_of(note, voice) / 127


def _amp_db(note: Sounding, voice: Voice) -> float:
    return 20 * math.log10(velocity_of(note, voice) / 127)


# The built-in fields (a table).
FIELDS: dict[str, Field] = {
    "amp": _amp,
    "amp_db": _amp_db,
    "freq": _freq,
    "key": _key,
    "pch": _pch,
    "oct": _oct,
    "velocity": velocity_of,
}


def _contour(name: str) -> Field:
    def field(note: Sounding, voice: Voice) -> float:
        value = voice.value_at(name, note.onset)
        return 0.0 if value is None else float(value)
    return field


def _own(name: str) -> Field:
    def field(note: Sounding, voice: Voice) -> float | int | str:
        value = note.value(name)
        if value is None:
            where = voice.part.score.where(note.onset, voice.part, voice)
            raise CsoundError(f"{where}: the note has no value {name!r} for its p-field; give "
                              f"it values={{{name!r}: ...}} or change the part's fields")
        return value if isinstance(value, int | float | str) else float(value)
    return field


def _contour_names(score: Score) -> set[str]:
    owners = [score, *score.parts, *score.voices]
    return {name for owner in owners for name in owner.contours}


def _value_names(score: Score) -> set[str]:
    return {name for v in score.voices for n in v.notes for name, _ in n.values}


def resolve(spec: FieldSpec, score: Score) -> Field:
    """The field function for ``spec`` (a name or a callable)."""
    if callable(spec):
        return spec
    if spec in FIELDS:
        return FIELDS[spec]
    if spec.startswith("value:"):
        return _own(spec.partition(":")[2])
    if spec.startswith("control:") or spec in ("pitch_bend", "velocity_contour"):
        return _contour("velocity" if spec == "velocity_contour" else spec)
    if spec in _contour_names(score):
        return _contour(spec)
    if spec in _value_names(score):
        return _own(spec)
    valid = ", ".join([*FIELDS, "control:N", "pitch_bend", "velocity_contour",
                       "value:NAME", *sorted(_contour_names(score) - {"tempo"})])
    raise CsoundError(f"unknown p-field {spec!r}; valid: {valid}")
