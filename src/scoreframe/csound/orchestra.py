"""The default orchestra: one audible instrument per part, an enveloped tone shaped by p3.

Each instrument finds its amplitude and frequency among the part's fields, by name (tables
:data:`AMPLITUDES` and :data:`FREQUENCIES`): ``amp`` as it is, ``amp_db`` through
``ampdbfs``, ``velocity`` over 127, else 0.5; ``freq`` as it is, ``key`` through
``cpsmidinn``, ``pch`` through ``cpspch``, ``oct`` through ``cpsoct``, else A4; a
``pitch_bend`` field bends it. So any field list renders. Parts sit side by side in the stereo
field. Notes ring on :data:`RELEASE` seconds after p3 (a ``linsegr`` release), so the rendered
file lasts the score plus that. The gain keeps the mix below full scale: a quarter per note, less
when more than three notes sound at once.

>>> import scoreframe as sf
>>> s = sf.Score(); _ = s.part("Flute", instrument="flute"); _ = s.part("Oboe", pfields=["key"])
>>> print(default_orchestra(s).split("endop")[1])  # doctest: +NORMALIZE_WHITESPACE
giSfGain = 0.25  ; at most 0 notes at once
giSfRelease = 0.1
A4 = 440
instr flute  ; part 'Flute'
  aleft, aright sfTone p4, p5, 0.25
  outs aleft, aright
endin
instr 2  ; part 'Oboe'
  aleft, aright sfTone 0.5, cpsmidinn(p4), 0.75
  outs aleft, aright
endin
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from importlib import resources
from pathlib import Path
from typing import Any

from ..errors import CsoundError
from ..score import Score
from .fields import FieldKind
from .instruments import PartPlan
from .numbers import number
from .sco import NoteList, render

#: Seconds a note of the default orchestra rings on after p3 (its ``linsegr`` release).
RELEASE = 0.1
#: The gain of one note at full amplitude, and the most the whole mix may reach.
GAIN, HEADROOM = 0.25, 0.9

# Field name -> the orchestra expression of the amplitude (relative to 0dbfs) it carries.
AMPLITUDES: dict[str, str] = {"amp": "{p}", "amp_db": "ampdbfs({p})", "velocity": "{p} / 127"}
# Field name -> the orchestra expression of the frequency in Hz it carries.
FREQUENCIES: dict[str, str] = {
    "freq": "{p}",
    "key": "cpsmidinn({p})",
    "pch": "cpspch({p})",
    "oct": "cpsoct({p})",
}
DEFAULT_AMPLITUDE, DEFAULT_FREQUENCY = "0.5", "cpsmidinn(69)"

_INSTRUMENT = """
instr {name}  ; {comment}
  aleft, aright sfTone {amp}, {freq}, {pan}
  outs aleft, aright
endin
"""


def _expressions(part_plan: PartPlan) -> tuple[str, str]:
    """The amplitude and frequency expressions of a part's instrument (see the module doc)."""
    amp, freq, bend = DEFAULT_AMPLITUDE, DEFAULT_FREQUENCY, ""
    for number_, field in reversed(list(enumerate(part_plan.fields, 4))):
        p = f"p{number_}"
        if field.kind is FieldKind.NOTE and field.key in AMPLITUDES:
            amp = AMPLITUDES[field.key].format(p=p)
        elif field.kind is FieldKind.NOTE and field.key in FREQUENCIES:
            freq = FREQUENCIES[field.key].format(p=p)
        elif field.kind is FieldKind.CONTOUR and field.key == "pitch_bend":
            bend = f" * semitone({p})"
    return amp, freq + bend


def instruments_text(plans: Sequence[PartPlan]) -> str:
    """One instrument per distinct p1; parts sharing one must agree on its fields."""
    chosen: dict[str, tuple[PartPlan, tuple[str, str]]] = {}
    for part_plan in plans:
        expressions = _expressions(part_plan)
        first = chosen.setdefault(part_plan.p1, (part_plan, expressions))
        if first[1] != expressions:
            raise CsoundError(
                f"parts {first[0].part.name!r} and {part_plan.part.name!r} share instrument "
                f"{part_plan.p1} but carry amplitude and frequency in different fields; give "
                "them the same fields or their own instruments, or pass an orchestra"
            )
    text = ""
    for index, (part_plan, (amp, freq)) in enumerate(chosen.values()):
        names = ", ".join(repr(p.part.name) for p in plans if p.p1 == part_plan.p1)
        text += _INSTRUMENT.format(
            name=part_plan.p1.strip('"'),
            comment=" ".join(f"part {names}".split()),
            amp=amp,
            freq=freq,
            pan=number((index + 0.5) / len(chosen)),
        )
    return text


def gain(polyphony: int) -> float:
    """The gain per note when ``polyphony`` notes sound at once at most.

    >>> gain(1), gain(3), gain(9)
    (0.25, 0.25, 0.1)
    """
    return min(GAIN, HEADROOM / max(polyphony, 1))


def orchestra_for(notes: NoteList, a4: float) -> str:
    """The default orchestra for a rendered note list."""
    text = resources.files("scoreframe.csound").joinpath("default.orc").read_text("utf-8")
    settings = [
        f"giSfGain = {number(gain(notes.polyphony))}  ; at most {notes.polyphony} notes at once",
        f"giSfRelease = {number(RELEASE)}",
        f"A4 = {number(a4)}",
    ]
    return text.rstrip() + "\n\n" + "\n".join(settings) + "\n" + instruments_text(notes.plans)


def default_orchestra(score: Score, **options: Any) -> str:
    """The default orchestra text for ``score`` (options as for :func:`.sco.note_list`)."""
    return orchestra_for(render(score, measure=True, **options), score.a4)


def read_orchestra(orchestra: str | os.PathLike[str]) -> str:
    """Orchestra text: ``orchestra`` itself when it holds a line break, else the file it
    names."""
    if isinstance(orchestra, str) and "\n" in orchestra:
        return orchestra
    path = Path(orchestra)
    try:
        return path.read_text("utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise CsoundError(
            f"orchestra {str(path)!r} cannot be read ({error}); give the "
            "orchestra's text (with line breaks) or an existing .orc file"
        ) from None
