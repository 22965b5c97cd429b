"""Hostile files (issue 17): a FIFO or a device named as a score, a file past the size limit,
and ``.mxl`` archives that are zip bombs, corrupt, encrypted or compressed with an unknown
method. Each is one ScoreframeError naming the file (and the archive member), from every
reader and validator, within a time and memory bound."""

from __future__ import annotations

import io
import os
import struct
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest

import scoreframe as sf
from scoreframe import formats, reading
from scoreframe.document import to_bytes as document_bytes
from scoreframe.errors import ExportError, FileReadError, ScoreframeError
from scoreframe.limits import Limits
from scoreframe.musicxml import unzip
from scoreframe.musicxml.container import mxl_bytes
from scoreframe.musicxml.export import to_bytes as musicxml_bytes
from tests.bounded import run_bounded, run_cli_bounded

SUFFIXES = (".mid", ".score.xml", ".musicxml", ".mxl", ".py")


def _score() -> sf.Score:
    score = sf.Score(title="Hostile")
    score.part("P").voice("V").note("C4", "1/4")
    return score


def _good_file(folder: Path, suffix: str) -> Path:
    path = folder / f"good{suffix}"
    score = _score()
    if suffix == ".py":
        path.write_text("import scoreframe as sf\nscore = sf.Score()\n")
    elif suffix == ".score.xml":
        path.write_bytes(document_bytes(score))
    else:
        score.write(path)
    return path


# -- FIFOs, devices, sizes ----------------------------------------------------------------


@pytest.mark.parametrize("suffix", SUFFIXES)
def test_a_fifo_is_refused_by_what_it_is(tmp_path: Path, suffix: str) -> None:
    fifo = tmp_path / f"pipe{suffix}"
    os.mkfifo(fifo)
    for verb in ("validate", "info"):
        outcome = run_cli_bounded(verb, str(fifo), seconds=30)
        assert not outcome.timed_out, f"{verb} waited on the FIFO"
        assert outcome.status == 2
        assert f"{fifo}: is a FIFO (a named pipe), not a regular file" in outcome.stderr


@pytest.mark.parametrize("suffix", [".mid", ".score.xml", ".musicxml", ".mxl"])
def test_a_device_is_never_read(tmp_path: Path, suffix: str) -> None:
    zero = tmp_path / f"zero{suffix}"
    zero.symlink_to("/dev/zero")
    outcome = run_cli_bounded("validate", str(zero), seconds=30, memory=1 << 30)
    assert not outcome.timed_out
    assert outcome.status == 2, outcome.stderr
    assert "is a character device, not a regular file" in outcome.stderr
    with pytest.raises(ScoreframeError, match="character device"):
        sf.load(zero)


def test_the_midi_readers_refuse_a_fifo(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.mid"
    os.mkfifo(fifo)
    code = """
        import sys, scoreframe as sf
        from scoreframe.errors import FileReadError
        from scoreframe.live.midifile import file_messages
        for read in (sf.midi.read, sf.midi.to_score, sf.load, file_messages):
            try:
                read(sys.argv[1])
            except FileReadError as error:
                print(error)
        """
    outcome = run_bounded(code, seconds=30, args=(str(fifo),))
    assert not outcome.timed_out and outcome.status == 0, outcome.stderr
    assert outcome.stdout.count(f"{fifo}: is a FIFO (a named pipe), not a regular file") == 4


def test_a_folder_or_a_missing_file(tmp_path: Path) -> None:
    (tmp_path / "dir.mid").mkdir()
    with pytest.raises(ScoreframeError, match=r"dir\.mid: is a folder, not a regular file"):
        sf.load(tmp_path / "dir.mid")
    with pytest.raises(ScoreframeError, match=r"none\.score\.xml: no such file"):
        sf.load(tmp_path / "none.score.xml")
    with pytest.raises(OSError):  # also an OSError, as it means
        sf.midi.read(tmp_path / "none.mid")


@pytest.mark.parametrize("suffix", SUFFIXES)
def test_the_file_size_limit_holds_for_every_reader(
    tmp_path: Path, suffix: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = _good_file(tmp_path, suffix)
    sf.load(path)  # inside the limit
    if suffix != ".py":
        formats.validate(path)
    monkeypatch.setattr(reading, "LIMITS", Limits(file_bytes=path.stat().st_size - 1))
    message = f"{path.name}: is larger than scoreframe's limit of {path.stat().st_size - 1} bytes"
    with pytest.raises(ScoreframeError, match=message):
        sf.load(path)
    if suffix != ".py":
        with pytest.raises(ScoreframeError, match=message):
            formats.validate(path)


def test_a_limit_of_ones_own(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "a.mid"
    path.write_bytes(b"x" * 100)
    monkeypatch.setattr(reading, "LIMITS", Limits(file_bytes=50))
    with pytest.raises(FileReadError, match="larger than"):
        reading.read_file(path)
    assert reading.read_file(path, limit=100) == b"x" * 100


# -- .mxl archives ------------------------------------------------------------------------


def _mxl() -> bytes:
    return mxl_bytes(musicxml_bytes(_score()), name="score.musicxml")


def _offsets(data: bytes, name: bytes) -> tuple[int, int]:
    """The offsets of ``name``'s local header and central directory entry."""
    local = _find(data, b"PK\x03\x04", 30, 26, name)
    central = _find(data, b"PK\x01\x02", 46, 28, name)
    return local, central


def _find(data: bytes, signature: bytes, fixed: int, length_at: int, name: bytes) -> int:
    at = data.index(signature)
    while True:
        (size,) = struct.unpack_from("<H", data, at + length_at)
        if data[at + fixed : at + fixed + size] == name:
            return at
        at = data.index(signature, at + 1)


def _patched(data: bytes, name: bytes, *, flags: int = 0, method: int | None = None) -> bytes:
    """The archive with ``name``'s flag bits or-ed with ``flags`` and its method replaced."""
    out = bytearray(data)
    local, central = _offsets(data, name)
    for at, flag_at, method_at in ((local, 6, 8), (central, 8, 10)):
        (old,) = struct.unpack_from("<H", out, at + flag_at)
        struct.pack_into("<H", out, at + flag_at, old | flags)
        if method is not None:
            struct.pack_into("<H", out, at + method_at, method)
    return bytes(out)


def _corrupt(data: bytes) -> bytes:
    local, _ = _offsets(data, b"score.musicxml")
    name_size, extra = struct.unpack_from("<HH", data, local + 26)
    start = local + 30 + name_size + extra
    out = bytearray(data)
    for i in range(start + 2, start + 40):
        out[i] ^= 0x5A
    return bytes(out)


def _bomb(size: int, claimed: int | None = None) -> bytes:
    """An .mxl whose score member inflates to ``size`` zero bytes (its header may lie)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr(zipfile.ZipInfo("mimetype"), unzip.MIMETYPE)
        container = mxl_bytes(b"<x/>", name="score.musicxml")
        with zipfile.ZipFile(io.BytesIO(container)) as inner:
            archive.writestr("META-INF/container.xml", inner.read("META-INF/container.xml"))
        info = zipfile.ZipInfo("score.musicxml")
        info.compress_type = zipfile.ZIP_DEFLATED
        with archive.open(info, "w", force_zip64=True) as member:
            block = b"\0" * (1 << 20)
            for _ in range(size >> 20):
                member.write(block)
    data = buffer.getvalue()
    if claimed is not None:
        central = _offsets(data, b"score.musicxml")[1]
        out = bytearray(data)
        struct.pack_into("<I", out, central + 24, claimed)
        data = bytes(out)
    return data


CASES: dict[str, tuple[Callable[[bytes], bytes], str]] = {
    "encrypted": (
        lambda d: _patched(d, b"score.musicxml", flags=0x1),
        "member 'score.musicxml': is encrypted",
    ),
    "unknown method": (
        lambda d: _patched(d, b"score.musicxml", method=99),
        "member 'score.musicxml': compression method 99 is not stored or deflate",
    ),
    "bzip2": (
        lambda d: _patched(d, b"score.musicxml", method=zipfile.ZIP_BZIP2),
        "member 'score.musicxml': compression method 12",
    ),
    "corrupt": (_corrupt, "member 'score.musicxml': is corrupt"),
    "truncated": (lambda d: d[: len(d) // 2], "not a readable .mxl archive"),
    "encrypted container": (
        lambda d: _patched(d, b"META-INF/container.xml", flags=0x1),
        "member 'META-INF/container.xml': is encrypted",
    ),
}


@pytest.mark.parametrize("case", CASES)
def test_a_broken_mxl_is_one_error_naming_the_member(tmp_path: Path, case: str) -> None:
    change, message = CASES[case]
    path = tmp_path / "broken.mxl"
    path.write_bytes(change(_mxl()))
    expected = f"{path}: .*{message}" if "member" not in message else f"{path}, {message}"
    for read in (formats.validate, sf.load, sf.musicxml.validate):
        with pytest.raises(ExportError, match=expected):
            read(path)
    outcome = run_cli_bounded("validate", str(path), seconds=30)
    assert outcome.status == 2
    assert outcome.stderr.count("\n") == 1 and "Traceback" not in outcome.stderr


def test_a_zip_bomb_stops_at_the_limit(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(unzip, "LIMITS", Limits(unzipped_bytes=4 << 20))
    for claimed in (None, 1000):  # the header may tell the truth or lie
        path = tmp_path / "bomb.mxl"
        path.write_bytes(_bomb(16 << 20, claimed))
        assert path.stat().st_size < 100_000
        for read in (formats.validate, sf.load):
            with pytest.raises(ScoreframeError, match=f"{path}, member 'score.musicxml': "):
                read(path)
        if claimed is None:
            with pytest.raises(ExportError, match="more than scoreframe's limit of 4194304"):
                sf.load(path)


def test_a_zip_bomb_at_the_real_limit_stays_within_memory(tmp_path: Path) -> None:
    path = tmp_path / "bomb.mxl"
    path.write_bytes(_bomb(600 << 20))  # 600 MiB of zeros in under 1 MB
    outcome = run_cli_bounded("validate", str(path), seconds=120, memory=(1 << 30) + (400 << 20))
    assert not outcome.timed_out
    assert outcome.status == 2, outcome.stderr
    assert "unpacks to more than scoreframe's limit of 536870912 bytes" in outcome.stderr


def test_a_good_mxl_still_reads(tmp_path: Path) -> None:
    path = tmp_path / "good.mxl"
    path.write_bytes(_mxl())
    formats.validate(path)
    assert [str(n.pitch) for n in sf.load(path).voices[0].notes][:1] == ["C4"]
