"""``.csd`` files: options that write a WAV next to the file, an orchestra, the note list.

>>> import scoreframe as sf
>>> s = sf.Score(); _ = s.part("P").voice("V").note("C4", "1/4")
>>> text = unified(s, "etude.csd")
>>> [line for line in text.splitlines() if line.startswith("-o")]
['-o etude.wav -W -d']
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from ..score import Score
from .orchestra import default_orchestra
from .sco import note_list


def _orchestra(score: Score, orchestra: str | os.PathLike[str] | None) -> str:
    if orchestra is None:
        return default_orchestra(score)
    text = str(orchestra)
    if "\n" not in text and Path(text).suffix in (".orc", ".inc") and Path(text).is_file():
        return Path(text).read_text("utf-8")
    return text


def unified(
    score: Score,
    path: str | os.PathLike[str] = "score.csd",
    *,
    orchestra: str | os.PathLike[str] | None = None,
    options: str | None = None,
    **sco_options: Any,
) -> str:
    """The ``.csd`` text. ``orchestra``: text or an ``.orc`` file (default: one instrument per
    part); ``options``: the ``<CsOptions>`` line (default: a WAV beside ``path``)."""
    wav = Path(path).with_suffix(".wav").name
    flags = options if options is not None else f"-o {wav} -W -d"
    return (
        "<CsoundSynthesizer>\n<CsOptions>\n" + flags + "\n</CsOptions>\n"
        "<CsInstruments>\n" + _orchestra(score, orchestra).rstrip() + "\n</CsInstruments>\n"
        "<CsScore>\n" + note_list(score, **sco_options) + "</CsScore>\n</CsoundSynthesizer>\n"
    )
