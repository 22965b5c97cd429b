"""Csound / MUSIC-N note lists (``.sco``) and ready-to-render ``.csd`` files.

One ``i`` statement per untied note and per tie chain; p2 and p3 are the seconds the tempo map
gives (the same seconds the MIDI file and the live player use); p4 on are named fields
(:mod:`.fields`). Explicit values only, unless ``ramps=True``.

>>> import scoreframe as sf
>>> s = sf.Score(); _ = s.part("P").voice("V").note("A4", "1/4", velocity=127)
>>> to_text(s).splitlines()[-2:]
['i 1 0 0.5 1 440', 'e']
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from ..formats import atomic_write
from ..score import Score
from .csd import unified
from .fields import DEFAULT_FIELDS, FIELDS, resolve
from .numbers import number
from .orchestra import RELEASE, default_orchestra
from .sco import note_list

__all__ = [
    "DEFAULT_FIELDS",
    "FIELDS",
    "RELEASE",
    "default_orchestra",
    "note_list",
    "number",
    "resolve",
    "to_text",
    "unified",
    "write",
]


def to_text(score: Score, form: str = "sco", **options: Any) -> str:
    """``form="sco"``: the note list; ``form="csd"``: a whole ``.csd`` (options as for
    :func:`~.csd.unified`: ``orchestra``, ``options``, ``path``). Note-list options:
    ``fields={part: [...]}``, ``ftables=[...]``, ``ramps=True``."""
    if form == "csd":
        return unified(score, **options)
    if form != "sco":
        from ..errors import CsoundError

        raise CsoundError(f"form {form!r}: write 'sco' or 'csd'")
    return note_list(score, **options)


def write(score: Score, path: str | os.PathLike[str], **options: Any) -> Path:
    """Write ``.sco`` or ``.csd`` (by the suffix), atomically."""
    target = Path(path)
    if target.suffix.lower() == ".csd":
        text = unified(score, target, **options)
    else:
        text = note_list(score, **options)
    return atomic_write(target, text)
