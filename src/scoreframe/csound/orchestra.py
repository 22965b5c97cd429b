"""The default orchestra: one audible instrument per part, reading p4 amplitude and p5
frequency, its envelope shaped by p3 plus a 100 ms release.

>>> import scoreframe as sf
>>> s = sf.Score(); _ = s.part("Flute", instrument="flute"); _ = s.part("Oboe")
>>> [line for line in default_orchestra(s).splitlines() if line.startswith("instr")]
['instr flute', 'instr 2']
"""

from __future__ import annotations

from importlib import resources

from ..score import Score
from .sco import instrument_text

#: Seconds the default orchestra's notes ring on after p3 (its linsegr release).
RELEASE = 0.1

_INSTRUMENT = """
instr {name}
  ; part {part!r}
  asig sfTone p4, p5
  outs asig, asig
endin
"""


def default_orchestra(score: Score) -> str:
    """The orchestra text: the shared header and tone, then one instrument per part."""
    text = resources.files("scoreframe.csound").joinpath("default.orc").read_text("utf-8")
    seen: set[str] = set()
    for index, part in enumerate(score.parts):
        name = instrument_text(part, index).strip('"')
        if name not in seen:
            seen.add(name)
            text += _INSTRUMENT.format(name=name, part=part.name)
    return text
