"""The suffix table and the atomic write every exporter shares."""

from __future__ import annotations

import os
import stat
from pathlib import Path
from typing import BinaryIO

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


@pytest.mark.parametrize("unnamed", [True, False])
def test_a_writing_function_runs_once_and_its_error_leaves_the_old_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, unnamed: bool
) -> None:
    monkeypatch.setattr(formats, "_UNNAMED", [unnamed and formats._UNNAMED[0]])
    target = tmp_path / "out.musicxml"
    target.write_bytes(b"old")
    calls: list[int] = []

    def stream(handle: BinaryIO) -> None:
        calls.append(1)
        handle.write(b"<new")
        handle.write(b"/>")

    formats.atomic_write(target, stream)
    assert target.read_bytes() == b"<new/>" and calls == [1]

    def broken(handle: BinaryIO) -> None:
        handle.write(b"<half")
        raise sf.ScoreframeError("the third part cannot be written")

    with pytest.raises(sf.ScoreframeError, match="third part"):
        formats.atomic_write(target, broken)
    assert target.read_bytes() == b"<new/>" and os.listdir(tmp_path) == ["out.musicxml"]


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
    ("name", "suffix", "format"),
    [
        ("a.mid", ".mid", "midi"),
        ("a.MIDI", ".midi", "midi"),
        ("a.score.xml", ".score.xml", "document"),
        ("a.xml", ".xml", "musicxml"),
        ("a.mxl", ".mxl", "musicxml"),
        ("a.csd", ".csd", "csound"),
        ("a.py", ".py", "python"),
    ],
)
def test_the_suffix_picks_the_format(name: str, suffix: str, format: str) -> None:
    assert formats.suffix_of(name) == suffix
    assert formats.format_for(name).name == format


def test_each_format_is_one_entry_whose_functions_exist() -> None:
    suffixes = [s for f in formats.FORMATS for s in f.suffixes]
    assert len(suffixes) == len(set(suffixes))  # a suffix belongs to one format
    for entry in formats.FORMATS:
        for role in ("writer", "reader", "validator"):
            if getattr(entry, role) is not None:
                assert callable(entry.function(role))
        assert set(entry.everything) <= set(entry.suffixes)


def test_sf_load_and_the_cli_read_what_the_registry_reads(tmp_path: Path) -> None:
    score = sf.Score(title="Reg")
    score.part("P").voice("V").note("C4", 1)
    path = score.write(tmp_path / "x.score.xml")
    assert sf.load(path).title == "Reg"
    known = r"known suffixes: \.abc, .*\.krn, .*\.mid, \.midi, .*\.mxl, .*\.py, .*\.score\.xml"
    with pytest.raises(UnknownFormatError, match=rf"no reader reads \.sco; {known}"):
        sf.load(score.write(tmp_path / "x.sco"))
    assert sf.load(score.write(tmp_path / "x.mid")).parts[0].name == "P"  # MIDI reads back


def test_an_unknown_suffix_lists_the_known_ones(tmp_path: Path) -> None:
    score = sf.Score()
    score.part("P").voice("V").note("C4", 1)
    with pytest.raises(UnknownFormatError, match=r"writes \.ogg; known suffixes: \.csd"):
        score.write(tmp_path / "x.ogg")
    assert list(tmp_path.iterdir()) == []


def test_a_symbolic_link_is_written_through(tmp_path: Path) -> None:
    real = tmp_path / "real.sco"
    real.write_text("old")
    link = tmp_path / "link.sco"
    link.symlink_to(real)
    formats.atomic_write(link, "new")
    assert link.is_symlink() and real.read_text() == "new"
    assert sorted(os.listdir(tmp_path)) == ["link.sco", "real.sco"]


def test_a_killed_writes_temporary_file_is_cleaned_by_the_next_write(tmp_path: Path) -> None:
    target = tmp_path / "piece.mid"
    stale = tmp_path / ".piece.mid.4242.0123456789ab.tmp"
    fresh = tmp_path / ".piece.mid.4243.0123456789ac.tmp"  # a write going on right now
    mine = tmp_path / ".other.mid.4242.0123456789ab.tmp"
    for path in (stale, fresh, mine):
        path.write_bytes(b"half")
    old = os.stat(stale).st_mtime - formats.STALE_AFTER - 1
    os.utime(stale, (old, old))
    os.utime(mine, (old, old))
    formats.atomic_write(target, b"MThd")
    assert sorted(os.listdir(tmp_path)) == sorted([target.name, fresh.name, mine.name])


def test_a_write_that_cannot_happen_names_the_file_asked_for(tmp_path: Path) -> None:
    target = tmp_path / "missing" / "x.mid"
    with pytest.raises(sf.ScoreframeError, match=r"missing/x\.mid: cannot be written: No such"):
        formats.atomic_write(target, b"data")
    with pytest.raises(OSError):  # also an OSError, as it means
        formats.atomic_write(target, b"data")


def test_a_new_file_takes_the_umask_without_reading_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def refuse(mask: int) -> int:
        raise AssertionError("os.umask changes process state other threads see")

    umask = os.umask(0o027)
    try:
        monkeypatch.setattr(os, "umask", refuse)
        fresh = formats.atomic_write(tmp_path / "new.csd", "x")
    finally:
        monkeypatch.undo()
        os.umask(umask)
    assert stat.S_IMODE(fresh.stat().st_mode) == 0o640
