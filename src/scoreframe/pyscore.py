"""Scores written in Python: a ``.py`` file that defines ``score`` (a Score) or ``build()``
returning one. Reading such a file runs its code, as ``python`` would: only read files you
trust (the command line's ``export``, ``info``, ``validate`` and ``play`` all do this).

>>> load("nowhere.py")
Traceback (most recent call last):
...
scoreframe.errors.ScoreFileError: nowhere.py: no such file
"""

from __future__ import annotations

import importlib.util
import os
import traceback
from pathlib import Path

from .errors import FileReadError, ScoreFileError, ScoreframeError
from .reading import check_regular
from .score import Score


def load(path: str | os.PathLike[str]) -> Score:
    """Run the file and return the score it defines (``build()`` first, else ``score``)."""
    score = defined(path, "score")
    if not isinstance(score, Score):
        raise ScoreFileError(
            f"{path}: defines neither `score` (a Score) nor `build()` returning one"
        )
    return score


def defined(path: str | os.PathLike[str], name: str) -> object:
    """Run a Python file; what its ``build()`` returns, else its variable ``name`` (None if it
    has neither). An error in the file is a :class:`ScoreFileError` naming its line."""
    try:
        source = check_regular(path)
    except FileReadError as error:
        raise ScoreFileError(str(error)) from None
    spec = importlib.util.spec_from_file_location(f"scoreframe_{name}_{source.stem}", source)
    if spec is None or spec.loader is None:
        raise ScoreFileError(f"{source}: cannot be imported as a Python module")
    module = importlib.util.module_from_spec(spec)
    try:
        spec.loader.exec_module(module)
        build = getattr(module, "build", None)
        return build() if callable(build) else getattr(module, name, None)
    except ScoreframeError:
        raise
    except SystemExit as error:  # a score is read, not run as a program: it cannot end ours
        raise ScoreFileError(
            f"{source}{_user_line(source, error)}: the score called sys.exit({error.code!r}); "
            "a score file defines `score` or `build()` and exits nothing"
        ) from None
    except Exception as error:  # the composer's own code failed: say where, in one line
        raise ScoreFileError(
            f"{source}{_user_line(source, error)}: {type(error).__name__}: {error}"
        ) from None


def check(path: str | os.PathLike[str]) -> None:
    """Load the score and check the rules of the model."""
    load(path).validate()


def _user_line(source: Path, error: BaseException) -> str:
    frames = [
        f
        for f in traceback.extract_tb(error.__traceback__)
        if Path(f.filename).resolve() == source.resolve()
    ]
    return f" line {frames[-1].lineno}" if frames else ""
