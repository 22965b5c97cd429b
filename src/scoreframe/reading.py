"""Reading a file every reader shares: regular files only, at most :attr:`Limits.file_bytes`
bytes, with one error naming the file and what it is (a FIFO or a device reads forever, or
waits forever for a writer, so it is refused before it is opened).

>>> import tempfile, pathlib
>>> folder = pathlib.Path(tempfile.mkdtemp())
>>> (folder / "a.mid").write_bytes(b"MThd")
4
>>> read_file(folder / "a.mid")
b'MThd'
>>> read_file(folder / "b.mid")
Traceback (most recent call last):
...
scoreframe.errors.FileReadError: .../b.mid: no such file
>>> read_file("/dev/zero")
Traceback (most recent call last):
...
scoreframe.errors.FileReadError: /dev/zero: is a character device, not a regular file; ...
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path
from typing import BinaryIO

from .errors import FileReadError
from .limits import LIMITS

_CHUNK = 1 << 20

#: What a path that is not a regular file is, for the message (a table of stat tests).
_KINDS = (
    (stat.S_ISDIR, "a folder"),
    (stat.S_ISFIFO, "a FIFO (a named pipe)"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISSOCK, "a socket"),
)


def check_regular(path: str | os.PathLike[str], limit: int | None = None) -> Path:
    """``path`` if it names a regular file (a link to one is fine) of at most
    ``limit`` bytes (default :attr:`Limits.file_bytes`), else a FileReadError saying what it
    is: missing, a folder, a FIFO, a device, too large..."""
    source = Path(path)
    most = LIMITS.file_bytes if limit is None else limit
    try:
        info = source.stat()
    except OSError as error:
        raise _error(source, error) from None
    _check_mode(source, info.st_mode)
    if info.st_size > most:
        raise _too_big(source, most)
    return source


def read_file(path: str | os.PathLike[str], limit: int | None = None) -> bytes:
    """The bytes of the regular file at ``path``, at most ``limit`` bytes (default
    :attr:`Limits.file_bytes`): a larger file is refused before it is read whole."""
    most = LIMITS.file_bytes if limit is None else limit
    source = check_regular(path, most)
    try:
        fd = os.open(source, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | os.O_CLOEXEC)
    except OSError as error:
        raise _error(source, error) from None
    with os.fdopen(fd, "rb") as handle:
        info = os.fstat(handle.fileno())
        _check_mode(source, info.st_mode)  # the file opened is the one checked
        if info.st_size > most:
            raise _too_big(source, most)
        data = _bounded(handle, info.st_size, most)
    if data is None:
        raise _too_big(source, most)
    return data


def _bounded(handle: BinaryIO, size: int, most: int) -> bytes | None:
    """At most ``most`` bytes of ``handle`` (None past them): the ``size`` it said it has in
    one read, then chunks, so a file growing meanwhile is still cut at the limit."""
    chunks = [handle.read(size + 1)]
    total = len(chunks[0])
    while total <= most and len(chunks[-1]) > 0 and total > size:
        chunks.append(handle.read(min(_CHUNK, most + 1 - total)))
        total += len(chunks[-1])
    return None if total > most else b"".join(chunks)


def _check_mode(source: Path, mode: int) -> None:
    if stat.S_ISREG(mode):
        return
    kind = next((name for test, name in _KINDS if test(mode)), "not a file")
    raise FileReadError(
        errno.EINVAL, f"{source}: is {kind}, not a regular file; give the path of a score file"
    )


def _too_big(source: Path, most: int) -> FileReadError:
    return FileReadError(
        errno.EFBIG,
        f"{source}: is larger than scoreframe's limit of {most} bytes a file (docs/limits.md)",
    )


def _error(source: Path, error: OSError) -> FileReadError:
    if error.errno == errno.ENOENT:
        return FileReadError(error.errno, f"{source}: no such file")
    reason = error.strerror or str(error)
    return FileReadError(error.errno, f"{source}: cannot be read: {reason}")
