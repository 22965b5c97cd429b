"""The one registry of formats (a table): each format's suffixes, writer, reader and
validator, read by ``score.write``, ``sf.load``, the command line's ``export``, ``--all``,
``validate`` and ``info``. Adding a format is adding one entry. Also the atomic file write
every writer shares.

Writers, readers and validators are named ``"module:function"`` and imported on first use, so
that reading this table costs nothing at ``import scoreframe``.

>>> [f.name for f in FORMATS]
['midi', 'musicxml', 'csound', 'document', 'audio', 'notation', 'python']
>>> format_for("night.score.xml").name, suffix_of("NIGHT.MID")
('document', '.mid')
>>> sorted(writable_suffixes())[:4]
['.csd', '.flac', '.mid', '.midi']
"""

from __future__ import annotations

import importlib
import os
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Unpack

from .errors import UnknownFormatError

if TYPE_CHECKING:
    from .csound.options import CsoundWriteOptions
    from .midi.policies import MidiWriteOptions
    from .musicxml.options import MusicXmlWriteOptions
    from .render.options import AudioWriteOptions, NotationWriteOptions
    from .score import Score

    class WriteOptions(
        MidiWriteOptions,
        MusicXmlWriteOptions,
        CsoundWriteOptions,
        AudioWriteOptions,
        NotationWriteOptions,
        total=False,
    ):
        """Every exporter's keyword options, for ``score.write`` (the suffix decides which
        apply; the writer refuses the others with the list of its own)."""


@dataclass(frozen=True, slots=True)
class Format:
    """One format: its name and label, the suffixes it owns, what ``export --all`` writes,
    and its writer, reader, validator and options class (``"module:name"``, or None)."""

    name: str
    label: str
    suffixes: tuple[str, ...]
    everything: tuple[str, ...] = ()
    writer: str | None = None
    reader: str | None = None
    validator: str | None = None
    options: str | None = None

    def function(self, role: str) -> Callable[..., Any]:
        """The writer, reader or validator (imported now); an UnknownFormatError if none."""
        target = getattr(self, role)
        if target is None:
            kind = {"writer": "writes", "reader": "reads", "validator": "checks"}[role]
            raise UnknownFormatError(f"scoreframe {kind} no {self.label} files yet")
        module, _, name = target.partition(":")
        found: Callable[..., Any] = getattr(importlib.import_module(module), name)
        return found


#: The registry: one entry per format package.
FORMATS: tuple[Format, ...] = (
    Format(
        "midi",
        "MIDI",
        (".mid", ".midi"),
        everything=(".mid",),
        writer="scoreframe.midi.export:write",
        validator="scoreframe.midi.reader:read",
        options="scoreframe.midi.policies:MidiOptions",
    ),
    Format(
        "musicxml",
        "MusicXML",
        (".musicxml", ".xml", ".mxl"),
        everything=(".musicxml", ".mxl"),
        writer="scoreframe.musicxml.export:write",
        validator="scoreframe.musicxml.schema:validate",
        options="scoreframe.musicxml.options:MusicXmlOptions",
    ),
    Format(
        "csound",
        "Csound",
        (".sco", ".csd"),
        everything=(".sco", ".csd"),
        writer="scoreframe.csound:write",
        options="scoreframe.csound.options:CsdOptions",
    ),
    Format(
        "document",
        "scoreframe .score.xml",
        (".score.xml",),
        everything=(".score.xml",),
        writer="scoreframe.document.writer:write",
        reader="scoreframe.document.reader:load",
        validator="scoreframe.document.reader:check",
        options="scoreframe.document.writer:DocumentOptions",
    ),
    Format(
        "audio",
        "audio",
        (".wav", ".flac"),
        writer="scoreframe.render.audio:write",
        options="scoreframe.render.options:AudioOptions",
    ),
    Format(
        "notation",
        "notation image",
        (".svg", ".png", ".pdf"),
        writer="scoreframe.render.notation:write",
        options="scoreframe.render.options:NotationOptions",
    ),
    Format(
        "python",
        "Python score",
        (".py",),
        reader="scoreframe.pyscore:load",
        validator="scoreframe.pyscore:check",
    ),
)


def suffix_of(path: str | os.PathLike[str]) -> str:
    """The registered suffix ``path`` ends with (the longest: ``.score.xml`` before ``.xml``)."""
    name = Path(path).name.lower()
    for suffix in sorted((s for f in FORMATS for s in f.suffixes), key=len, reverse=True):
        if name.endswith(suffix):
            return suffix
    known = ", ".join(sorted(s for f in FORMATS for s in f.suffixes))
    suffix = Path(path).suffix or "files without a suffix"
    raise UnknownFormatError(f"{path}: no format is known for {suffix}; known suffixes: {known}")


def format_for(path: str | os.PathLike[str]) -> Format:
    """The format whose suffix ``path`` ends with."""
    suffix = suffix_of(path)
    return next(f for f in FORMATS if suffix in f.suffixes)


def writable_suffixes() -> list[str]:
    return [s for f in FORMATS if f.writer for s in f.suffixes]


def readable_suffixes() -> list[str]:
    return [s for f in FORMATS if f.reader for s in f.suffixes]


def writer_for(path: str | os.PathLike[str]) -> Callable[..., Any]:
    """The write function for ``path``'s suffix (checked before anything is written)."""
    try:
        found = format_for(path)
    except UnknownFormatError:
        found = None
    if found is None or found.writer is None:
        known = ", ".join(sorted(writable_suffixes()))
        suffix = Path(path).suffix or "files without a suffix"
        raise UnknownFormatError(f"{path}: no exporter writes {suffix}; known suffixes: {known}")
    return found.function("writer")


def write(score: Score, path: str | Path, **options: Unpack[WriteOptions]) -> Path:
    """Write ``score`` with the writer its suffix picks; returns the path."""
    writer_for(path)(score, path, **options)
    return Path(path)


def load(path: str | os.PathLike[str]) -> Score:
    """Read a score with the reader ``path``'s suffix picks."""
    try:
        found = format_for(path)
    except UnknownFormatError:
        found = None
    if found is None or found.reader is None:
        known = ", ".join(sorted(readable_suffixes()))
        suffix = Path(path).suffix or "files without a suffix"
        raise UnknownFormatError(f"{path}: no reader reads {suffix}; known suffixes: {known}")
    score: Score = found.function("reader")(path)
    return score


def validate(path: str | os.PathLike[str]) -> None:
    """Check a file with its format's validator (raises a ScoreframeError naming the place)."""
    format_for(path).function("validator")(path)


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
