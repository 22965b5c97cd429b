"""The options of audio and notation rendering: a frozen dataclass each (names, defaults,
checks) and the ``TypedDict`` its functions take (see :mod:`scoreframe.options`).

>>> AudioOptions().engine, AudioOptions(engine="csound").engine
(<Engine.FLUIDSYNTH: 'fluidsynth'>, <Engine.CSOUND: 'csound'>)
>>> AudioOptions(engine="verovio")
Traceback (most recent call last):
...
scoreframe.errors.ExportError: audio engine 'verovio' is not one of: fluidsynth, csound
>>> NotationOptions(page=0)
Traceback (most recent call last):
...
scoreframe.errors.ExportError: page 0 must be a page number from 1 (or None: every page)
"""

from __future__ import annotations

import math
import os
from collections.abc import Mapping
from dataclasses import dataclass
from enum import Enum
from typing import TypedDict

from ..errors import ExportError
from ..options import as_choice, options_of


class Engine(Enum):
    """The outside programs scoreframe renders through."""

    FLUIDSYNTH = "fluidsynth"
    CSOUND = "csound"
    VEROVIO = "verovio"
    MUSESCORE = "musescore"


#: Which engines make which kind of output (the first is the default).
AUDIO_ENGINES = (Engine.FLUIDSYNTH, Engine.CSOUND)
NOTATION_ENGINES = (Engine.VEROVIO, Engine.MUSESCORE)


def _engine(value: object, allowed: tuple[Engine, ...], what: str) -> Engine:
    names = ", ".join(e.value for e in allowed)
    try:
        engine = as_choice(Engine, value, f"{what} engine")
    except ExportError:
        raise ExportError(f"{what} engine {value!r} is not one of: {names}") from None
    if engine not in allowed:
        raise ExportError(f"{what} engine {value!r} is not one of: {names}")
    return engine  # type: ignore[no-any-return]


def _positive(value: object, what: str, whole: bool = False) -> None:
    kind = "an int" if whole else "a number"
    if (
        isinstance(value, bool)
        or not isinstance(value, int if whole else int | float)
        or not (math.isfinite(value) and value > 0)
    ):
        raise ExportError(f"{what} {value!r} must be {kind} above 0")


@dataclass(frozen=True, slots=True)
class AudioOptions:
    """Options of an audio file (``.wav``, ``.flac``).

    ``engine``: FluidSynth (the score's MIDI file through a SoundFont) or Csound (its ``.csd``
    with the default orchestra); ``soundfont``: a ``.sf2``/``.sf3`` file for FluidSynth (None:
    the General MIDI font the system has, :mod:`.soundfonts`); ``sample_rate`` in Hz; ``gain``:
    a factor on the engine's level (1: as it renders); ``release``: seconds the file goes on
    after the score's end (None: FluidSynth 1 s, Csound its orchestra's release); ``progress``:
    a progress bar on stderr (None: when stderr is a terminal).
    """

    engine: Engine | str = Engine.FLUIDSYNTH
    soundfont: str | os.PathLike[str] | None = None
    sample_rate: int = 44100
    gain: float = 1.0
    release: float | None = None
    progress: bool | None = None

    def __post_init__(self) -> None:
        object.__setattr__(self, "engine", _engine(self.engine, AUDIO_ENGINES, "audio"))
        if self.soundfont is not None and not isinstance(self.soundfont, str | os.PathLike):
            raise ExportError(f"soundfont {self.soundfont!r} must be the path of a .sf2 file")
        _positive(self.sample_rate, "sample_rate", whole=True)
        _positive(self.gain, "gain")
        if self.release is not None and not (
            isinstance(self.release, int | float)
            and not isinstance(self.release, bool)
            and math.isfinite(self.release)
            and self.release >= 0
        ):
            raise ExportError(f"release {self.release!r} must be seconds (0 or more) or None")
        if self.progress is not None and not isinstance(self.progress, bool):
            raise ExportError(f"progress {self.progress!r} must be True, False or None")


@dataclass(frozen=True, slots=True)
class NotationOptions:
    """Options of a notation image (``.svg``, ``.png``, ``.pdf``).

    ``engine``: verovio (the PyPI package) or MuseScore 3 (``mscore3``); ``page``: only that
    page (from 1), written to the file named (None: every page: ``x.svg``, ``x-2.svg``...,
    one PDF of them all); ``resolution``: pixels per inch of a PNG; ``verovio``: more verovio
    toolkit options (``{"breaks": "none"}``...), verovio only.
    """

    engine: Engine | str = Engine.VEROVIO
    page: int | None = None
    resolution: int = 100
    verovio: Mapping[str, object] | None = None

    def __post_init__(self) -> None:
        object.__setattr__(self, "engine", _engine(self.engine, NOTATION_ENGINES, "notation"))
        page = self.page
        if page is not None and (isinstance(page, bool) or not isinstance(page, int) or page < 1):
            raise ExportError(f"page {page!r} must be a page number from 1 (or None: every page)")
        _positive(self.resolution, "resolution", whole=True)
        if self.verovio is not None and not isinstance(self.verovio, Mapping):
            raise ExportError(f"verovio {self.verovio!r} must map verovio option names to values")


class EngineOption(TypedDict, total=False):
    """The option every renderer takes (the first field of each options class)."""

    engine: Engine | str


class AudioWriteOptions(EngineOption, total=False):
    """The keyword options of an audio file (the fields of :class:`AudioOptions`)."""

    soundfont: str | os.PathLike[str] | None
    sample_rate: int
    gain: float
    release: float | None
    progress: bool | None


class NotationWriteOptions(EngineOption, total=False):
    """The keyword options of a notation image (the fields of :class:`NotationOptions`)."""

    page: int | None
    resolution: int
    verovio: Mapping[str, object] | None


def audio_options(options: Mapping[str, object]) -> AudioOptions:
    return options_of(AudioOptions, options, "audio")


def notation_options(options: Mapping[str, object]) -> NotationOptions:
    return options_of(NotationOptions, options, "notation image")
