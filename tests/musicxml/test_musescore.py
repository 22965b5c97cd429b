"""MuseScore 3 imports our files without a complaint, engraves them and plays the same notes.

MuseScore exits 0 even when it rejects a file, so the test reads its stderr. Its built-in
schema is MusicXML 3.1: a complaint here usually means an element 3.1 did not have.
"""

from __future__ import annotations

from pathlib import Path

import pytest

import scoreframe as sf
from tests.musicxml.oracles import midi_onsets, run_musescore, score_onsets
from tests.musicxml.test_export import SCORES


@pytest.mark.parametrize("name", sorted(SCORES))
def test_musescore_imports_engraves_and_plays_the_same_notes(name: str, tmp_path: Path) -> None:
    score = SCORES[name]()
    source = score.write(tmp_path / f"{name}.musicxml", date="2026-01-01")
    assert run_musescore(source, tmp_path / f"{name}.pdf") == []
    assert (tmp_path / f"{name}.pdf").read_bytes().startswith(b"%PDF")
    assert run_musescore(source, tmp_path / f"{name}.mid") == []
    assert midi_onsets(tmp_path / f"{name}.mid") == score_onsets(score)


def test_musescore_reads_the_mxl_container(tmp_path: Path) -> None:
    score = SCORES["pickup_and_meters"]()
    source = score.write(tmp_path / "meters.mxl", date="2026-01-01")
    assert run_musescore(source, tmp_path / "meters.mid") == []
    assert midi_onsets(tmp_path / "meters.mid") == score_onsets(score)


def test_musescore_3_reports_microtonal_alters_it_cannot_hold(tmp_path: Path) -> None:
    """A known limit of MuseScore 3, kept visible: decimal alters (``cents_in_alter=True``)
    are valid MusicXML 4.0 (the XSD test proves it) but MuseScore 3 logs them as invalid and
    plays the nearest semitone. By default the cents are a text above the note: no complaint."""
    s = sf.Score()
    s.part("Violin").voice("V").note("E4+25c", "1")
    source = s.write(tmp_path / "cents.musicxml", date="2026-01-01", cents_in_alter=True)
    complaints = run_musescore(source, tmp_path / "cents.mid")
    assert complaints and all("alter" in c or "microtonal" in c for c in complaints)
    source = s.write(tmp_path / "text.musicxml", date="2026-01-01")
    assert run_musescore(source, tmp_path / "text.mid") == []


@pytest.mark.parametrize(
    "source",
    ["midi/testPrimitive/test09.mid", "omr/k525short.mid", "corpus/bach/bwv66.6.mxl"],
)
def test_musescore_opens_converted_files_without_complaint(source: str, tmp_path: Path) -> None:
    """A MIDI file and a corpus score converted by the command line (our readers, our
    MusicXML) import and engrave in MuseScore 3 with nothing on stderr. (Played back to MIDI,
    MuseScore notes "MIDI collisions" where a MIDI file struck a key again while it sounded:
    those notes are in two voices, as the MIDI file has them.)"""
    import warnings

    import music21

    from scoreframe.cli import main

    path = Path(music21.__file__).parent / source
    target = tmp_path / f"{path.stem}.musicxml"
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        assert main(["export", str(path), "-o", str(target), "-O", "date=2026-01-01"]) == 0
    assert run_musescore(target, tmp_path / f"{path.stem}.pdf") == []
    assert (tmp_path / f"{path.stem}.pdf").read_bytes().startswith(b"%PDF")
