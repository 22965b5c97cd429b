"""The one registry of formats (a table): each format's suffixes, writer, reader and
validator, read by ``score.write``, ``sf.load``, the command line's ``export``, ``--all``,
``validate`` and ``info``. Adding a format is adding one entry. Also the atomic file write
every writer shares.

Writers, readers and validators are named ``"module:function"`` and imported on first use, so
that reading this table costs nothing at ``import scoreframe``.

>>> [f.name for f in FORMATS]
['midi', 'musicxml', 'csound', 'document', 'audio', 'notation', 'music21', 'python']
>>> format_for("night.score.xml").name, suffix_of("NIGHT.MID")
('document', '.mid')
>>> sorted(writable_suffixes())[:4]
['.csd', '.flac', '.mid', '.midi']
"""

from __future__ import annotations

import contextlib
import errno
import importlib
import os
import re
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO, Unpack

from .errors import FileWriteError, UnknownFormatError

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
        reader="scoreframe.midi.importer:load",
        validator="scoreframe.midi.reader:read",
        options="scoreframe.midi.policies:MidiOptions",
    ),
    Format(
        "musicxml",
        "MusicXML",
        (".musicxml", ".xml", ".mxl"),
        everything=(".musicxml", ".mxl"),
        writer="scoreframe.musicxml.export:write",
        reader="scoreframe.music21:load",
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
        "music21",
        "music21 (Humdrum, ABC, MEI, RomanText...)",
        (".krn", ".abc", ".mei", ".rntxt", ".rntext", ".capx", ".musedata", ".cttxt", ".nwctxt"),
        reader="scoreframe.music21:load",
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


def load(path: str | os.PathLike[str], **options: Any) -> Score:
    """Read a score with the reader ``path``'s suffix picks (``options`` go to the reader:
    ``quantize=`` for MIDI)."""
    try:
        found = format_for(path)
    except UnknownFormatError:
        found = None
    if found is None or found.reader is None:
        known = ", ".join(sorted(readable_suffixes()))
        suffix = Path(path).suffix or "files without a suffix"
        raise UnknownFormatError(f"{path}: no reader reads {suffix}; known suffixes: {known}")
    score: Score = found.function("reader")(path, **options)
    return score


def validate(path: str | os.PathLike[str]) -> None:
    """Check a file with its format's validator (raises a ScoreframeError naming the place)."""
    format_for(path).function("validator")(path)


Payload = bytes | Callable[[BinaryIO], None]
"""What :func:`atomic_write` writes: the bytes, or a function that writes them into the file
(a streaming writer that never holds the whole document)."""


def atomic_write(path: str | Path, data: bytes | str | Payload, encoding: str = "utf-8") -> Path:
    """Write ``data`` (bytes, text, or a function writing into the binary file) to ``path``
    so that a failure, or the process killed at any moment, never leaves a half-written file
    there: the data goes to a temporary file in the same folder (an unnamed one where the
    system has ``O_TMPFILE``), is flushed to disk, and is then renamed over ``path``. A
    symbolic link is written through (the file it points to is replaced, the link kept); a
    new file gets the mode ``open()`` would give it (the kernel applies the umask), an old one
    keeps its own. Stale temporary files of an earlier killed
    write are removed. Errors name ``path``; an error raised by a writing function leaves no
    file behind either.
    """
    target = Path(path)
    payload = data.encode(encoding) if isinstance(data, str) else data
    real = Path(os.path.realpath(target))
    try:
        _clean_stale(real)
        _replace_with(real, payload)
    except OSError as error:
        reason = error.strerror or str(error)
        raise FileWriteError(error.errno, f"{target}: cannot be written: {reason}") from None
    return target


#: Temporary files of a killed write older than this (seconds) are removed by the next one.
STALE_AFTER = 600.0


def _temporary_name(real: Path) -> Path:
    return real.with_name(f".{real.name}.{os.getpid()}.{uuid.uuid4().hex[:12]}.tmp")


def _replace_with(real: Path, payload: Payload) -> None:
    old_mode = _mode_of(real)
    if _UNNAMED[0] and not isinstance(payload, bytes):
        _probe_unnamed(real.parent)  # a writing function must not run twice
    if _UNNAMED[0]:
        try:
            _write_unnamed(real, payload, old_mode)
            return
        except OSError as error:
            if error.errno not in _NO_UNNAMED:
                raise
            _UNNAMED[0] = False  # this system cannot name an unnamed file: name them first
    _write_named(real, payload, old_mode)


# Whether unnamed temporary files (O_TMPFILE, then a link from /proc) work here; errors that
# say they do not.
_UNNAMED = [bool(getattr(os, "O_TMPFILE", 0)) and os.path.isdir("/proc/self/fd")]
_NO_UNNAMED = frozenset(
    {errno.EOPNOTSUPP, errno.EISDIR, errno.EINVAL, errno.EXDEV, errno.ENOENT, errno.EPERM}
)


def _probe_unnamed(folder: Path) -> None:
    """Find out with an empty file whether an unnamed file can be linked into ``folder``."""
    try:
        fd = os.open(folder, os.O_TMPFILE | os.O_WRONLY, 0o666)
        try:
            temp = _temporary_name(folder / "probe")
            os.link(f"/proc/self/fd/{fd}", temp)
            temp.unlink()
        finally:
            os.close(fd)
    except OSError as error:
        if error.errno not in _NO_UNNAMED:
            raise
        _UNNAMED[0] = False


def _write_unnamed(real: Path, payload: Payload, old_mode: int | None) -> None:
    """Write an unnamed file in ``real``'s folder, then link and rename it over ``real``: a
    write killed before the link leaves nothing behind."""
    fd = os.open(real.parent, os.O_TMPFILE | os.O_WRONLY, 0o666)
    temp: Path | None = None
    try:
        with os.fdopen(fd, "wb") as handle:
            _fill(handle, payload, old_mode)
            temp = _temporary_name(real)
            os.link(f"/proc/self/fd/{handle.fileno()}", temp)
        os.replace(temp, real)
        temp = None
        _sync_folder(real.parent)
    finally:
        if temp is not None:
            temp.unlink(missing_ok=True)


def _write_named(real: Path, payload: Payload, old_mode: int | None) -> None:
    temp = _temporary_name(real)
    fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)  # the kernel applies umask
    done = False
    try:
        with os.fdopen(fd, "wb") as handle:
            _fill(handle, payload, old_mode)
        os.replace(temp, real)
        done = True
        _sync_folder(real.parent)
    finally:
        if not done:
            temp.unlink(missing_ok=True)


def _fill(handle: BinaryIO, payload: Payload, old_mode: int | None) -> None:
    if isinstance(payload, bytes):
        handle.write(payload)
    else:
        payload(handle)
    handle.flush()
    os.fsync(handle.fileno())
    if old_mode is not None:
        os.fchmod(handle.fileno(), old_mode)


def _mode_of(real: Path) -> int | None:
    try:
        return real.stat().st_mode & 0o7777
    except FileNotFoundError:
        return None


def _clean_stale(real: Path) -> None:
    """Remove temporary files of ours for ``real`` left by a write that was killed."""
    now = time.time()
    try:
        entries = list(os.scandir(real.parent))
    except OSError:
        return  # the write itself will say what is wrong with the folder
    prefix = f".{real.name}."
    for entry in entries:
        name = entry.name
        if name.startswith(prefix) and name.endswith(".tmp") and _STALE.match(name[len(prefix) :]):
            with contextlib.suppress(OSError):
                if now - entry.stat(follow_symlinks=False).st_mtime > STALE_AFTER:
                    os.unlink(entry.path)


_STALE = re.compile(r"(\d+\.[0-9a-f]{12}|[A-Za-z0-9_]{8})\.tmp\Z")


def _sync_folder(folder: Path) -> None:
    """Flush the rename to disk (where the system allows opening a folder)."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
