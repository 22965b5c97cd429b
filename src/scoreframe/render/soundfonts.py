"""The SoundFont FluidSynth plays through: the one given, else the first General MIDI font
found in the usual places (a table, searched in order).

>>> from pathlib import Path
>>> soundfont("/no/such/font.sf2")
Traceback (most recent call last):
...
scoreframe.errors.MissingDependencyError: SoundFont /no/such/font.sf2 does not exist; give ...
"""

from __future__ import annotations

import os
from pathlib import Path

from ..errors import MissingDependencyError

#: Where Linux distributions and users keep a General MIDI SoundFont, searched in order
#: (``~`` is the user's home).
PLACES: tuple[str, ...] = (
    "/usr/share/sounds/sf2/FluidR3_GM.sf2",
    "/usr/share/sounds/sf2/default-GM.sf2",
    "/usr/share/soundfonts/default.sf2",
    "/usr/share/soundfonts/FluidR3_GM.sf2",
    "/usr/share/sounds/sf3/default-GM.sf3",
    "/usr/share/sounds/sf3/MuseScore_General.sf3",
    "/usr/share/sounds/sf2/TimGM6mb.sf2",
    "/usr/local/share/soundfonts/default.sf2",
    "~/.local/share/soundfonts/default.sf2",
)
#: The Debian package with a General MIDI SoundFont.
PACKAGE = "fluid-soundfont-gm"


def soundfont(given: str | os.PathLike[str] | None = None) -> Path:
    """The SoundFont to use: ``given`` (which must exist), else the first of :data:`PLACES`
    that exists; a MissingDependencyError when there is none."""
    if given is not None:
        path = Path(given).expanduser()
        if not path.is_file():
            raise MissingDependencyError(
                f"SoundFont {given} does not exist; give an existing .sf2 or .sf3 file"
            )
        return path
    for place in PLACES:
        path = Path(place).expanduser()
        if path.is_file():
            return path
    raise MissingDependencyError(
        f"no General MIDI SoundFont found (looked in {', '.join(PLACES)}); install the Debian "
        f"package {PACKAGE} or give one with soundfont=PATH (--soundfont PATH)"
    )
