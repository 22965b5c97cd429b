"""``.csd`` files: options that render a WAV, an orchestra, the note list, in one file.

``<CsOptions>`` holds ``-d -m4 -W -o NAME.wav`` (no displays, warnings only, a WAV file): the
name is the ``.csd`` file's with ``.wav``, and Csound writes it in the folder it runs in, so run
``csound piece.csd`` beside the file. ``<CsInstruments>`` holds the default orchestra (see
:mod:`.orchestra`) unless ``orchestra=`` gives text or an ``.orc`` file; ``options=`` replaces
the flags.

>>> import scoreframe as sf
>>> s = sf.Score(); _ = s.part("P").voice("V").note("C4", "1/4")
>>> text = csd_text(s, wav="etude.wav")
>>> text.splitlines()[:3]
['<CsoundSynthesizer>', '<CsOptions>', '-d -m4 -W -o etude.wav']
>>> csd_text(s, options=["-odac", "-d"]).splitlines()[2]
'-odac -d'
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Unpack

from ..errors import CsoundError
from ..score import Score
from .options import CsoundWriteOptions, csd_options
from .orchestra import orchestra_for, read_orchestra
from .sco import render_with

#: The flags of ``<CsOptions>`` before the output file.
FLAGS = "-d -m4 -W"


def _flags(options: str | Sequence[str] | None, wav: str) -> str:
    if options is None:
        if any(c in wav for c in '"\n<>'):
            raise CsoundError(f"WAV file name {wav!r} cannot hold quotes, '<', '>' or line breaks")
        return f"{FLAGS} -o " + (f'"{wav}"' if any(c.isspace() for c in wav) else wav)
    text = options if isinstance(options, str) else " ".join(options)
    if "<" in text:
        raise CsoundError(f"options {text!r} cannot hold '<': it would end <CsOptions>")
    return text.strip()


def _checked(text: str, section: str) -> str:
    if f"</{section}>" in text:
        raise CsoundError(
            f"the {section} text holds '</{section}>', which would end the section early; remove it"
        )
    return text.strip("\n")


def csd_text(score: Score, **options: Unpack[CsoundWriteOptions]) -> str:
    """The ``.csd`` text (options: :class:`~.options.CsdOptions`): ``wav`` names the file
    Csound writes (unless ``options`` replaces the flags); ``orchestra`` is text or a file
    (default: :mod:`.orchestra`); the others as for :func:`.sco.note_list`."""
    chosen = csd_options(options)
    flags = _flags(chosen.options, chosen.wav)
    notes = render_with(score, chosen.sco(), measure=chosen.orchestra is None)
    instruments = (
        orchestra_for(notes, score.a4)
        if chosen.orchestra is None
        else read_orchestra(chosen.orchestra)
    )
    return (
        "<CsoundSynthesizer>\n<CsOptions>\n" + flags + "\n</CsOptions>\n"
        "<CsInstruments>\n" + _checked(instruments, "CsInstruments") + "\n</CsInstruments>\n"
        "<CsScore>\n" + _checked(notes.text, "CsScore") + "\n</CsScore>\n</CsoundSynthesizer>\n"
    )
