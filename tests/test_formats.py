"""The suffix table and the atomic write every exporter shares."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

import scoreframe as sf
from scoreframe import formats
from scoreframe.errors import UnknownFormatError


def test_atomic_write_replaces_and_leaves_no_temp(tmp_path: Path) -> None:
    target = tmp_path / "out.musicxml"
    target.write_bytes(b"old")
    assert formats.atomic_write(target, b"new") == target
    assert target.read_bytes() == b"new"
    assert os.listdir(tmp_path) == ["out.musicxml"]


def test_a_failed_write_keeps_the_old_file_and_leaves_no_temp(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "out.mid"
    target.write_bytes(b"old")

    def refuse(*args: object) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", refuse)
    with pytest.raises(OSError, match="disk full"):
        formats.atomic_write(target, b"new")
    assert target.read_bytes() == b"old" and os.listdir(tmp_path) == ["out.mid"]


def test_a_new_file_gets_the_usual_mode_and_an_old_one_keeps_its_own(tmp_path: Path) -> None:
    umask = os.umask(0o022)
    try:
        fresh = formats.atomic_write(tmp_path / "new.sco", "e\n")
        assert stat.S_IMODE(fresh.stat().st_mode) == 0o644
        kept = tmp_path / "kept.sco"
        kept.write_text("x")
        kept.chmod(0o600)
        formats.atomic_write(kept, "e\n")
        assert stat.S_IMODE(kept.stat().st_mode) == 0o600
    finally:
        os.umask(umask)


@pytest.mark.parametrize(
    ("name", "key"),
    [
        ("a.mid", "mid"),
        ("a.MIDI", "midi"),
        ("a.score.xml", "score.xml"),
        ("a.xml", "xml"),
        ("a.mxl", "mxl"),
        ("a.csd", "csd"),
    ],
)
def test_the_suffix_picks_the_format(name: str, key: str) -> None:
    assert formats.format_for(name) == key


def test_an_unknown_suffix_lists_the_known_ones(tmp_path: Path) -> None:
    score = sf.Score()
    score.part("P").voice("V").note("C4", 1)
    with pytest.raises(UnknownFormatError, match=r"writes \.wav; known suffixes: \.csd"):
        score.write(tmp_path / "x.wav")
    assert list(tmp_path.iterdir()) == []
