"""Reading a compressed MusicXML (``.mxl``) archive safely: each member is inflated as a stream
with a running count, so a zip bomb stops at :attr:`Limits.unzipped_bytes` whatever its
headers claim; an encrypted member, a compression method other than stored or deflate, a
corrupt stream or a bad CRC is one ExportError naming the archive and the member.

>>> from .container import mxl_bytes
>>> unpack(mxl_bytes(b"<score-partwise/>", name="a.musicxml"), "a.mxl")
('a.musicxml', b'<score-partwise/>')
>>> unpack(b"PK...", "b.mxl")
Traceback (most recent call last):
...
scoreframe.errors.ExportError: b.mxl: not a readable .mxl archive: File is not a zip file
"""

from __future__ import annotations

import io
import zipfile
import zlib

from lxml import etree

from ..errors import ExportError
from ..limits import LIMITS
from .container import CONTAINER_PATH, MIMETYPE

#: The compression methods an ``.mxl`` member may use (the zip numbers): stored and deflate,
#: the two the MusicXML container and every notation program use. Others are refused: their
#: decompressors cannot be held to a bounded output per read.
METHODS = {zipfile.ZIP_STORED: "stored", zipfile.ZIP_DEFLATED: "deflate"}

_CHUNK = 1 << 16
_ENCRYPTED = 0x1


class _Budget:
    """The bytes still allowed out of one archive (all members together)."""

    def __init__(self, limit: int) -> None:
        self.left = limit
        self.limit = limit


def unpack(data: bytes, source: str = ".mxl data") -> tuple[str, bytes]:
    """``(root file name, root file bytes)`` of an ``.mxl`` archive, checking what it is;
    ``source`` names the archive in messages."""
    budget = _Budget(LIMITS.unzipped_bytes)
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            _check_kind(archive, source, budget)
            path = _root_path(_member(archive, CONTAINER_PATH, source, budget), source)
            return path, _member(archive, path, source, budget)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, EOFError) as error:
        if isinstance(error, ExportError):
            raise
        raise ExportError(f"{source}: not a readable .mxl archive: {error}") from None


def _check_kind(archive: zipfile.ZipFile, source: str, budget: _Budget) -> None:
    """An ``.mxl`` has ``META-INF/container.xml``; its ``mimetype`` entry, if it has one (many
    files in the wild do not), must name MusicXML."""
    names = archive.namelist()
    if "mimetype" in names:
        found = _member(archive, "mimetype", source, budget).strip()
        if found != MIMETYPE.encode("ascii"):
            raise ExportError(f"{source}: not an .mxl archive: its mimetype is not {MIMETYPE!r}")
    elif CONTAINER_PATH not in names:
        raise ExportError(
            f"{source}: not an .mxl archive: it has neither the first entry 'mimetype' "
            f"nor {CONTAINER_PATH}"
        )


def _root_path(container: bytes, source: str) -> str:
    try:
        parsed = etree.fromstring(
            container, etree.XMLParser(resolve_entities=False, no_network=True)
        )
    except etree.XMLSyntaxError as error:
        raise ExportError(f"{source}: {CONTAINER_PATH} is not well-formed XML: {error}") from None
    found = parsed.find("rootfiles/rootfile")
    path = None if found is None else found.get("full-path")
    if path is None:
        raise ExportError(f"{source}: {CONTAINER_PATH} names no rootfile")
    return path


def _member(archive: zipfile.ZipFile, name: str, source: str, budget: _Budget) -> bytes:
    """One member's bytes, read as a stream within the budget."""
    where = f"{source}, member {name!r}"
    try:
        info = archive.getinfo(name)
    except KeyError:
        raise ExportError(f"{where}: no such member in the archive") from None
    if info.flag_bits & _ENCRYPTED:
        raise ExportError(f"{where}: is encrypted; scoreframe reads unencrypted .mxl only")
    if info.compress_type not in METHODS:
        raise ExportError(
            f"{where}: compression method {info.compress_type} is not stored or deflate, the "
            "methods an .mxl archive uses; recompress it with deflate"
        )
    try:
        return _stream(archive, info, where, budget)
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError) as error:
        raise ExportError(f"{where}: is corrupt: {error}") from None


def _stream(archive: zipfile.ZipFile, info: zipfile.ZipInfo, where: str, budget: _Budget) -> bytes:
    chunks: list[bytes] = []
    with archive.open(info) as handle:
        while chunk := handle.read(_CHUNK):
            budget.left -= len(chunk)
            if budget.left < 0:
                raise ExportError(
                    f"{where}: unpacks to more than scoreframe's limit of {budget.limit} bytes "
                    "(docs/limits.md); a zip bomb, or a score far larger than any piece"
                )
            chunks.append(chunk)
    return b"".join(chunks)
