"""Patches written in Python: a ``.py`` file that defines ``patch`` (or ``build()`` returning
one), as the command line's ``export --patch``, ``route`` and ``record --patch`` read them.
Reading such a file runs its code: only read files you trust.

>>> load_patch("nowhere.py")
Traceback (most recent call last):
...
scoreframe.errors.ScoreFileError: nowhere.py: no such file
"""

from __future__ import annotations

import os

from ..errors import ScoreFileError, UnitError
from ..pyscore import defined
from .base import Unit, as_patch


def load_patch(path: str | os.PathLike[str]) -> Unit:
    """Run the file and return the patch it defines (``build()`` first, else ``patch``)."""
    found = defined(path, "patch")
    if found is None:
        raise ScoreFileError(f"{path}: defines neither `patch` nor `build()` returning one")
    try:
        return as_patch(found, f"{path}: patch")
    except UnitError as error:
        raise ScoreFileError(str(error)) from None
