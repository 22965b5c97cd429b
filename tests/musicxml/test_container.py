"""The .mxl container: layout, determinism, reading back, atomic writes."""

from __future__ import annotations

import io
import zipfile
from datetime import datetime
from pathlib import Path

import pytest

from scoreframe.errors import ExportError
from scoreframe.musicxml.container import (
    MIMETYPE,
    mxl_bytes,
    read_mxl,
    write_mxl,
)

SCORE = b"<?xml version='1.0' encoding='UTF-8'?>\n<score-partwise version='4.0'/>\n"


def test_layout_mimetype_first_and_stored() -> None:
    data = mxl_bytes(SCORE)
    # A local file header: signature, then at byte 30 the first entry's name and, right after
    # it (no extra field), its uncompressed content.
    assert data[:4] == b"PK\x03\x04"
    assert data[30:38] == b"mimetype"
    assert data[38 : 38 + len(MIMETYPE)] == MIMETYPE.encode()
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        infos = archive.infolist()
        assert [i.filename for i in infos] == [
            "mimetype",
            "META-INF/container.xml",
            "score.musicxml",
        ]
        assert infos[0].compress_type == zipfile.ZIP_STORED
        assert infos[2].compress_type == zipfile.ZIP_DEFLATED
        assert all(i.date_time == (1980, 1, 1, 0, 0, 0) for i in infos)
        assert b'full-path="score.musicxml"' in archive.read("META-INF/container.xml")


def test_bytes_are_deterministic_and_follow_the_date() -> None:
    assert mxl_bytes(SCORE) == mxl_bytes(SCORE)
    dated = mxl_bytes(SCORE, date=datetime(2024, 5, 17, 12, 30, 10))
    with zipfile.ZipFile(io.BytesIO(dated)) as archive:
        assert archive.infolist()[0].date_time == (2024, 5, 17, 12, 30, 10)
    with pytest.raises(ExportError, match="1980"):
        mxl_bytes(SCORE, date=datetime(1970, 1, 1))


def test_read_back_and_extra_files() -> None:
    data = mxl_bytes(SCORE, name="night.musicxml", extra={"b.png": b"2", "a.png": b"1"})
    assert read_mxl(data) == ("night.musicxml", SCORE)
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        assert archive.namelist()[3:] == ["a.png", "b.png"]


@pytest.mark.parametrize("name", ["mimetype", "META-INF/x.xml", "/abs.xml", "../up.xml", ""])
def test_bad_names(name: str) -> None:
    with pytest.raises(ExportError, match="cannot name a file"):
        mxl_bytes(SCORE, name=name)


def test_read_refuses_other_zips() -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("score.xml", SCORE)
    with pytest.raises(ExportError, match="first entry"):
        read_mxl(buffer.getvalue())
    with pytest.raises(ExportError, match="not a readable"):
        read_mxl(b"not a zip")


def test_write_mxl_names_the_root_after_the_file(tmp_path: Path) -> None:
    path = write_mxl(tmp_path / "night.mxl", SCORE)
    assert read_mxl(path.read_bytes()) == ("night.musicxml", SCORE)
