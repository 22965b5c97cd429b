"""Csound: MUSIC-N note lists (``.sco``) and ready-to-render ``.csd`` files.

One ``i`` statement per untied note and per tie chain; p1 is the part's instrument, p2 and p3
are seconds from the tempo map (the seconds the MIDI file and the live player use), p4 on are
the part's named fields (:mod:`.fields`; default p4 amplitude, p5 frequency). Values are
explicit unless ``ramps=True`` (:mod:`.ramps`). A ``.csd`` adds options that render a WAV and
a default orchestra (:mod:`.orchestra`, :mod:`.csd`).

Options of :func:`to_text` and :func:`write` (and so of ``score.write("x.sco")``):

* ``fields``: ``{part name: [field, ...]}``; else the part's ``pfields``;
* ``instruments``: ``{part name: number or name}``; else the part's ``instrument``, else its
  position counting from 1;
* ``ftables``: f statements for the score (a list) or per part (``{part name: [...]}``);
* ``ramps``: ``True`` writes linear contour segments as Csound ``<`` ramps;
* ``default_velocity``: for notes with no velocity and no velocity contour (80);
* ``.csd`` only: ``orchestra`` (text or an ``.orc`` file), ``options`` (the ``<CsOptions>``
  flags, text or a list) and, for :func:`to_text`, ``wav`` (``write`` names the WAV after the
  file).

>>> import scoreframe as sf
>>> s = sf.Score(); _ = s.part("P").voice("V").note("A4", "1/4", velocity=127)
>>> to_text(s).splitlines()[-2:]
['i 1 0 0.5 1 440', 'e']
>>> to_text(s, "csd").splitlines()[:3]
['<CsoundSynthesizer>', '<CsOptions>', '-d -m4 -W -o score.wav']
"""

from __future__ import annotations

import os
from enum import Enum
from pathlib import Path
from typing import Unpack

from ..errors import CsoundError
from ..formats import atomic_write
from ..score import Score
from .csd import csd_text
from .fields import DEFAULT_FIELDS, FIELDS, Field, FieldContext, FieldKind, resolve
from .numbers import number
from .options import CsdOptions, CsoundWriteOptions, ScoOptions, ScoWriteOptions
from .orchestra import RELEASE, default_orchestra
from .sco import NoteList, note_list, render

__all__ = [
    "DEFAULT_FIELDS",
    "FIELDS",
    "RELEASE",
    "CsdOptions",
    "CsoundWriteOptions",
    "Field",
    "FieldContext",
    "FieldKind",
    "Form",
    "NoteList",
    "ScoOptions",
    "ScoWriteOptions",
    "csd_text",
    "default_orchestra",
    "note_list",
    "number",
    "render",
    "resolve",
    "to_text",
    "write",
]


class Form(Enum):
    """What :func:`to_text` writes: a note list or a whole ``.csd``."""

    SCO = "sco"
    CSD = "csd"


def _form(form: Form | str) -> Form:
    try:
        return form if isinstance(form, Form) else Form(str(form).lower().lstrip("."))
    except ValueError:
        raise CsoundError(
            f"form {form!r}: give 'sco' (a note list) or 'csd' (a whole .csd file)"
        ) from None


def to_text(
    score: Score, form: Form | str = Form.SCO, **options: Unpack[CsoundWriteOptions]
) -> str:
    """The ``.sco`` note list (``form="sco"``) or the ``.csd`` file (``form="csd"``) as text;
    options as in the module doc."""
    if _form(form) is Form.CSD:
        return csd_text(score, **options)
    return note_list(score, **options)  # type: ignore[misc]  # a .csd option is refused there


def write(
    score: Score, path: str | os.PathLike[str], **options: Unpack[CsoundWriteOptions]
) -> Path:
    """Write ``path`` atomically: a ``.csd`` (rendering ``NAME.wav`` unless ``wav`` says
    otherwise) or a ``.sco`` note list, by its suffix; returns the path."""
    target = Path(path)
    suffix = target.suffix.lower()
    if suffix == ".csd":
        options.setdefault("wav", target.with_suffix(".wav").name)
        text = csd_text(score, **options)
    elif suffix == ".sco":
        text = note_list(score, **options)  # type: ignore[misc]  # a .csd option is refused
    else:
        raise CsoundError(
            f"{target}: the Csound exporter writes .sco or .csd files, not "
            f"{suffix or 'files without a suffix'}"
        )
    return atomic_write(target, text)
