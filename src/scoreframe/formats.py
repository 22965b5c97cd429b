"""Which exporter writes which file suffix (a table), and the atomic file write they share.

>>> sorted(SUFFIXES)[:4]
['.csd', '.mid', '.midi', '.musicxml']
>>> format_for("night.score.xml")
'score.xml'
"""

from __future__ import annotations

import importlib
import os
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .errors import UnknownFormatError

if TYPE_CHECKING:
    from .score import Score

# suffix -> (module, function): the function takes (score, path, **options)
SUFFIXES: dict[str, tuple[str, str]] = {
    ".mid": ("scoreframe.midi", "write"),
    ".midi": ("scoreframe.midi", "write"),
    ".musicxml": ("scoreframe.musicxml", "write"),
    ".xml": ("scoreframe.musicxml", "write"),
    ".mxl": ("scoreframe.musicxml", "write"),
    ".sco": ("scoreframe.csound", "write"),
    ".csd": ("scoreframe.csound", "write"),
    ".score.xml": ("scoreframe.document", "write"),
}


def format_for(path: str | Path) -> str:
    """The suffix key of ``path`` in :data:`SUFFIXES` (``.score.xml`` before ``.xml``)."""
    name = Path(path).name.lower()
    for suffix in sorted(SUFFIXES, key=len, reverse=True):
        if name.endswith(suffix):
            return suffix.lstrip(".")
    known = ", ".join(sorted(SUFFIXES))
    suffix = Path(path).suffix or "files without a suffix"
    raise UnknownFormatError(f"{path}: no exporter writes {suffix}; known suffixes: {known}")


def exporter(path: str | Path) -> Callable[..., Any]:
    """The write function for ``path``'s suffix."""
    module, function = SUFFIXES["." + format_for(path)]
    return getattr(importlib.import_module(module), function)  # type: ignore[no-any-return]


def write(score: Score, path: str | Path, **options: Any) -> Path:
    """Write ``score`` with the exporter its suffix picks; returns the path."""
    exporter(path)(score, path, **options)
    return Path(path)


def atomic_write(path: str | Path, data: bytes | str, encoding: str = "utf-8") -> Path:
    """Write ``data`` to a temporary file beside ``path``, then rename it over ``path``.

    A failure never leaves a half-written file at ``path``.
    """
    target = Path(path)
    payload = data.encode(encoding) if isinstance(data, str) else data
    fd, temp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent or ".")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(payload)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(temp, _file_mode(target))
        os.replace(temp, target)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise
    return target


def _file_mode(target: Path) -> int:
    """The mode the file would get from ``open()``: the old file's, else 0o666 less the umask
    (a temporary file starts private)."""
    try:
        return target.stat().st_mode & 0o7777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask
