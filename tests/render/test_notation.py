"""Notation images through verovio and MuseScore 3: verovio's SVG of each example holds as many
notes as the score and verovio logs nothing; pages are numbered files (one PDF); PNG and PDF
are made by cairo with the metronome's note outlined; a missing engine is a clear error and
nothing is written."""

from __future__ import annotations

import re
import runpy
import struct
import sys
import warnings
from functools import cache
from pathlib import Path

import pytest

import scoreframe as sf
from scoreframe.errors import MissingDependencyError, RenderError, RenderWarning
from scoreframe.render import glyphs, notation
from tests.support import require_module, require_program

SCORES = Path(__file__).resolve().parents[2] / "scores"
NAMES = sorted(p.stem for p in SCORES.glob("*.py") if not p.name.startswith("_"))
NOTE = re.compile(r'<g id="[^"]+" class="note\b')


@cache
def build(name: str) -> sf.Score:
    score: sf.Score = runpy.run_path(str(SCORES / f"{name}.py"))["build"]()
    return score


def notes_of(score: sf.Score) -> int:
    """The notes an engraver draws: every pitched note and every grace note."""
    notes = sum(1 for v in score.voices for n in v.notes if n.pitch is not None)
    graces = sum(
        len(g.pitches) for v in score.voices if v._notation for g in v._notation.graces.values()
    )
    return notes + graces


def long_score(bars: int = 150) -> sf.Score:
    score = sf.Score(title="Long")
    voice = score.part("Flute", program=74).voice("Fl")
    for i in range(bars * 8):
        voice.note(["C5", "E5", "G5", "B5"][i % 4], "1/8")
    return score


def png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", data[16:24])  # the IHDR chunk
    return width, height


@pytest.mark.parametrize("name", NAMES)
def test_verovio_engraves_every_note_of_each_example_and_logs_nothing(name: str) -> None:
    require_module("verovio")
    score = build(name)
    with warnings.catch_warnings():
        warnings.simplefilter("error", RenderWarning)  # a verovio warning fails the test
        pages = notation.verovio_pages(score)
    written = sum(n.find("rest") is None for n in sf.musicxml.to_tree(score).iter("note"))
    assert sum(len(NOTE.findall(page)) for page in pages) == written  # tied pieces each count
    assert written >= notes_of(score)


def test_pages_are_numbered_files_and_one_pdf(tmp_path: Path) -> None:
    require_module("verovio")
    require_module("cairosvg")
    score = long_score()
    pages = notation.verovio_pages(score)
    assert len(pages) >= 2
    first = score.write(tmp_path / "long.svg")
    names = sorted(p.name for p in tmp_path.iterdir())
    assert names == sorted(["long.svg"] + [f"long-{n}.svg" for n in range(2, len(pages) + 1)])
    written = [notation.page_path(first, n).read_text() for n in range(1, len(pages) + 1)]
    assert sum(len(NOTE.findall(page)) for page in written) == notes_of(score)
    pdf = score.write(tmp_path / "long.pdf").read_bytes()
    assert pdf[:5] == b"%PDF-" and len(re.findall(rb"/Type /Page\b", pdf)) == len(pages)
    score.write(tmp_path / "long.png", resolution=50)
    assert png_size(notation.page_path(tmp_path / "long.png", 2).read_bytes())[0] == 413
    only = score.write(tmp_path / "two.svg", page=2)
    assert only.read_text() == pages[1] and not (tmp_path / "two-2.svg").exists()
    with pytest.raises(sf.ExportError, match=f"the score has {len(pages)} pages"):
        score.write(tmp_path / "x.svg", page=99)


def test_a_png_is_as_wide_as_its_resolution_says(tmp_path: Path) -> None:
    require_module("verovio")
    require_module("cairosvg")
    path = build("canon").write(tmp_path / "canon.png", resolution=100)
    assert png_size(path.read_bytes())[0] == 827  # an A4 page, 8.27 inches wide


def test_the_same_score_gives_the_same_files(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    require_module("verovio")
    require_module("cairosvg")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    for suffix in (".svg", ".png", ".pdf"):
        a = build("nocturne").write(tmp_path / f"a{suffix}").read_bytes()
        b = build("nocturne").write(tmp_path / f"b{suffix}").read_bytes()
        assert a == b, suffix


def test_the_metronome_note_is_outlined_for_cairo() -> None:
    require_module("verovio")
    from lxml import etree

    page = notation.verovio_pages(build("nocturne"))[0]
    tree = etree.fromstring(page.encode())
    font = f"{{{glyphs.SVG[1:-1]}}}tspan"
    music = [s for s in tree.iter(font) if s.get("font-family") == "Leipzig" and s.text]
    assert len(music) == 1  # the metronome mark's note (once per system; none after the end)
    outlined = glyphs.outlined(tree)
    assert [s for s in outlined.iter(font) if s.get("font-family") == "Leipzig" and s.text] == []
    added = len(list(outlined.iter(f"{glyphs.SVG}path"))) - len(
        list(tree.iter(f"{glyphs.SVG}path"))
    )
    assert added == 1


def test_verovio_errors_are_read() -> None:
    require_module("verovio")
    with pytest.raises(RenderError, match=r"verovio failed: \[Error\] Unsupported option"):
        notation.verovio_pages(build("canon"), {"noSuchOption": 1})


@pytest.mark.parametrize("suffix", [".png", ".svg", ".pdf"])
def test_musescore_engraves_the_pages(suffix: str, tmp_path: Path) -> None:
    require_program("mscore3")
    score = long_score(60)
    path = score.write(tmp_path / f"long{suffix}", engine="musescore", resolution=60)
    data = path.read_bytes()
    assert data[:4] in (b"\x89PNG", b"<?xm", b"<svg", b"%PDF")
    if suffix != ".pdf":
        assert notation.page_path(path, 2).exists()


@pytest.mark.parametrize(("module", "suffix"), [("verovio", ".svg"), ("cairosvg", ".png")])
def test_a_missing_package_is_a_clear_error_and_nothing_is_written(
    module: str, suffix: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, module, None)  # importing it now fails
    with pytest.raises(MissingDependencyError, match=r"pip install 'scoreframe\[render\]'"):
        build("canon").write(tmp_path / f"x{suffix}")
    assert list(tmp_path.iterdir()) == []


def test_a_missing_musescore_is_a_clear_error_and_nothing_is_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))
    with pytest.raises(MissingDependencyError, match="Debian package musescore3"):
        build("canon").write(tmp_path / "x.png", engine="musescore")
    assert list(tmp_path.iterdir()) == []
