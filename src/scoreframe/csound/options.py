"""The Csound exporter's options: frozen dataclasses (names, defaults, checks) for a ``.sco``
note list and for a whole ``.csd``, and the ``TypedDict`` s its functions take (see
:mod:`scoreframe.options`).

>>> ScoOptions(ramps=True).default_velocity
80
>>> ScoOptions(default_velocity=0)
Traceback (most recent call last):
...
scoreframe.errors.CsoundError: default_velocity 0 must be an int in 1..127
"""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, fields
from typing import TypedDict

from ..errors import CsoundError
from ..options import options_of
from ..settings import RANGES
from ..velocity import DEFAULT_VELOCITY
from .fields import FieldSpec
from .instruments import Instrument


@dataclass(frozen=True, slots=True)
class ScoOptions:
    """Options of a note list (:func:`scoreframe.csound.note_list`).

    ``fields``: ``{part name: [field, ...]}`` (else each part's ``pfields``); ``instruments``:
    ``{part name: number or name}``; ``ftables``: f statements for the score (a list) or per
    part (``{part name: [...]}``); ``ramps``: linear contour segments as Csound ``<`` ramps;
    ``default_velocity``: for notes with no velocity and no velocity contour (1..127).
    """

    fields: Mapping[str, Sequence[FieldSpec]] | None = None
    instruments: Mapping[str, Instrument] | None = None
    ftables: Sequence[str] | Mapping[str, Sequence[str]] = ()
    ramps: bool = False
    default_velocity: int = DEFAULT_VELOCITY

    def __post_init__(self) -> None:
        for name in ("fields", "instruments"):
            value = getattr(self, name)
            if value is not None and not isinstance(value, Mapping):
                raise CsoundError(f"{name} {value!r} must map part names to their {name}")
        if not isinstance(self.ramps, bool):
            raise CsoundError(f"ramps {self.ramps!r} must be True or False")
        if self.default_velocity not in RANGES["velocity"]:
            raise CsoundError(
                f"default_velocity {self.default_velocity!r} must be an int in 1..127"
            )

    def sco(self) -> ScoOptions:
        """Only the note list's options."""
        names = [f.name for f in fields(ScoOptions)]
        return ScoOptions(**{name: getattr(self, name) for name in names})


@dataclass(frozen=True, slots=True)
class CsdOptions(ScoOptions):
    """Options of a ``.csd``: the note list's, and ``orchestra`` (text or an ``.orc`` file;
    None: the default orchestra), ``options`` (the ``<CsOptions>`` flags, text or a list;
    None: render ``wav``), ``wav`` (the WAV file Csound writes)."""

    orchestra: str | os.PathLike[str] | None = None
    options: str | Sequence[str] | None = None
    wav: str = "score.wav"

    def __post_init__(self) -> None:
        ScoOptions.__post_init__(self)
        if not isinstance(self.wav, str):
            raise CsoundError(f"wav {self.wav!r} must be a file name")


class ScoWriteOptions(TypedDict, total=False):
    """The keyword options of a note list (the fields of :class:`ScoOptions`)."""

    fields: Mapping[str, Sequence[FieldSpec]] | None
    instruments: Mapping[str, Instrument] | None
    ftables: Sequence[str] | Mapping[str, Sequence[str]]
    ramps: bool
    default_velocity: int


class CsoundWriteOptions(ScoWriteOptions, total=False):
    """The keyword options of a ``.csd`` (the fields of :class:`CsdOptions`)."""

    orchestra: str | os.PathLike[str] | None
    options: str | Sequence[str] | None
    wav: str


def sco_options(options: Mapping[str, object]) -> ScoOptions:
    return options_of(ScoOptions, options, "Csound .sco")


def csd_options(options: Mapping[str, object]) -> CsdOptions:
    return options_of(CsdOptions, options, "Csound .csd")
