"""Hear it and see it: audio and notation images through outside engines.

* :mod:`.audio`: ``.wav`` and ``.flac`` through FluidSynth (our MIDI bytes and a SoundFont,
  :mod:`.soundfonts`) or Csound (our ``.csd``);
* :mod:`.notation`: ``.svg``, ``.png`` and ``.pdf`` through verovio (our MusicXML) or
  MuseScore 3;
* :mod:`.notebook`: how a score shows itself in Jupyter.

Each format is an entry of :data:`scoreframe.formats.FORMATS`, so ``score.write("x.wav")`` and
``scoreframe render`` pick the writer by the suffix. Options: :mod:`.options`; the programs and
how a missing one is reported: :mod:`.engines`.

>>> from scoreframe.formats import format_for
>>> format_for("x.flac").name, format_for("x.pdf").name
('audio', 'notation')
"""

from .options import (
    AudioOptions,
    AudioWriteOptions,
    Engine,
    NotationOptions,
    NotationWriteOptions,
)

__all__ = ["AudioOptions", "AudioWriteOptions", "Engine", "NotationOptions", "NotationWriteOptions"]
