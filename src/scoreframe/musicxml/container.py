"""Compressed MusicXML (``.mxl``): a zip with ``mimetype`` first, then the container and score.

The archive is deterministic: fixed entry order, a fixed timestamp (``date``, 1980-01-01 unless
given), fixed permissions and compression level, so one score gives byte-identical files.
``mimetype`` is stored uncompressed as the first entry, as the MusicXML container spec asks.

>>> data = mxl_bytes(b"<score-partwise/>", name="night.musicxml")
>>> data[30:38], data == mxl_bytes(b"<score-partwise/>", name="night.musicxml")
(b'mimetype', True)
>>> read_mxl(data)
('night.musicxml', b'<score-partwise/>')
"""

from __future__ import annotations

import io
import os
import zipfile
from collections.abc import Mapping
from datetime import datetime
from pathlib import Path

from lxml import etree

from ..errors import ExportError
from ..formats import atomic_write

MIMETYPE = "application/vnd.recordare.musicxml"
ROOT_MEDIA_TYPE = "application/vnd.recordare.musicxml+xml"
CONTAINER_PATH = "META-INF/container.xml"
DEFAULT_DATE = datetime(1980, 1, 1)
"""The earliest time a zip entry can carry; the default so output does not depend on the clock."""

_PERMISSIONS = 0o644 << 16
_UNIX = 3


def container_xml(root_name: str) -> bytes:
    """``META-INF/container.xml`` naming the root file.

    >>> print(container_xml("score.musicxml").decode())
    <?xml version='1.0' encoding='UTF-8'?>
    <container>
      <rootfiles>
        <rootfile full-path="score.musicxml" media-type="application/vnd.recordare.musicxml+xml"/>
      </rootfiles>
    </container>
    <BLANKLINE>
    """
    container = etree.Element("container")
    rootfiles = etree.SubElement(container, "rootfiles")
    etree.SubElement(rootfiles, "rootfile", {"full-path": root_name, "media-type": ROOT_MEDIA_TYPE})
    return etree.tostring(container, xml_declaration=True, encoding="UTF-8", pretty_print=True)


def _entry(name: str, date: datetime, stored: bool) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(name, date_time=date.timetuple()[:6])
    info.compress_type = zipfile.ZIP_STORED if stored else zipfile.ZIP_DEFLATED
    info.create_system = _UNIX
    info.external_attr = _PERMISSIONS
    return info


def _check_name(name: str) -> None:
    if (
        not name
        or name == "mimetype"
        or name.startswith(("/", "META-INF/"))
        or ".." in name.split("/")
        or "\\" in name
    ):
        raise ExportError(
            f"{name!r} cannot name a file inside an .mxl archive; give a relative path such "
            "as 'score.musicxml' (not 'mimetype' or under META-INF/)"
        )


def mxl_bytes(
    root: bytes,
    *,
    name: str = "score.musicxml",
    date: datetime = DEFAULT_DATE,
    extra: Mapping[str, bytes] | None = None,
) -> bytes:
    """The ``.mxl`` archive holding the MusicXML document ``root`` as ``name``.

    ``extra`` adds more files (images, say), written in sorted order after the root file.
    """
    if date.year < 1980:
        raise ExportError(f"zip timestamps start in 1980; {date:%Y-%m-%d} is too early")
    extras = dict(extra or {})
    for path in [name, *extras]:
        _check_name(path)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr(_entry("mimetype", date, stored=True), MIMETYPE.encode("ascii"))
        archive.writestr(_entry(CONTAINER_PATH, date, False), container_xml(name), None, 6)
        archive.writestr(_entry(name, date, False), root, None, 6)
        for path in sorted(extras):
            archive.writestr(_entry(path, date, False), extras[path], None, 6)
    return buffer.getvalue()


def read_mxl(data: bytes, source: str = ".mxl data") -> tuple[str, bytes]:
    """``(root file name, root file bytes)`` of an ``.mxl`` archive, checking its mimetype,
    each member inflated within the size limit (see :mod:`.unzip`; ``source`` names the
    archive in messages)."""
    from .unzip import unpack

    return unpack(data, source)


def write_mxl(
    path: str | os.PathLike[str],
    root: bytes,
    *,
    name: str | None = None,
    date: datetime = DEFAULT_DATE,
) -> Path:
    """Write an ``.mxl`` file atomically; the root file is named after ``path`` by default
    (``night.mxl`` holds ``night.musicxml``)."""
    target = Path(path)
    return atomic_write(target, mxl_bytes(root, name=name or target.stem + ".musicxml", date=date))
