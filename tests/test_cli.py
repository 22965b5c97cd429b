"""The command line, run in-process and once as the installed console script."""

from __future__ import annotations

import contextlib
import io
import os
import subprocess
import sys
from fractions import Fraction
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

import scoreframe as sf
from scoreframe.cli import main

SCORE_PY = """
import scoreframe as sf

def build():
    s = sf.Score(title="Little Tune", composer="Tests")
    s.meter("3/4")
    s.tempo.hold(90)
    v = s.part("Flute", program=74).voice("Fl")
    for name in ("E5", "D5", "C5"):
        v.note(name, "1/4")
    v.note("D5", "3/4")
    return s
"""


@pytest.fixture
def score_py(tmp_path: Path) -> Path:
    path = tmp_path / "tune.py"
    path.write_text(SCORE_PY)
    return path


def run(*argv: str) -> tuple[int, str]:
    out = io.StringIO()
    return main(list(argv), out), out.getvalue()


def test_export_picks_the_exporter_by_suffix(score_py: Path, tmp_path: Path) -> None:
    mid, xml, doc = tmp_path / "t.mid", tmp_path / "t.musicxml", tmp_path / "t.score.xml"
    status, text = run("export", str(score_py), "-o", str(mid), "-o", str(xml), "-o", str(doc))
    assert status == 0 and text.count("wrote") == 3
    assert mid.read_bytes().startswith(b"MThd")
    assert b"<score-partwise" in xml.read_bytes()
    assert len(sf.load(str(doc)).parts[0].voices[0].notes) == 4


def test_export_all_writes_every_format(score_py: Path, tmp_path: Path) -> None:
    status, _ = run("export", str(score_py), "--all", str(tmp_path / "out"))
    assert status == 0
    names = sorted(p.name for p in (tmp_path / "out").iterdir())
    assert names == sorted(
        f"tune{s}" for s in (".mid", ".musicxml", ".mxl", ".sco", ".csd", ".score.xml")
    )


def test_an_unknown_suffix_lists_the_known_ones(
    score_py: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    status, _ = run("export", str(score_py), "-o", str(tmp_path / "t.ogg"))
    err = capsys.readouterr().err
    assert status == 2
    assert err.startswith("scoreframe: error: ") and ".musicxml" in err and ".csd" in err
    assert len(err.strip().splitlines()) == 1
    assert list(tmp_path.glob("t.*")) == []


def test_info_reports_parts_voices_notes_and_length(score_py: Path) -> None:
    status, text = run("info", str(score_py))
    assert status == 0
    assert "Little Tune" in text and "part 'Flute'" in text and "4 notes" in text
    assert "2 bars, 4.000 s" in text  # 6 quarters at 90 BPM


def test_validate_native_musicxml_and_midi(score_py: Path, tmp_path: Path) -> None:
    for suffix in (".score.xml", ".musicxml", ".mid"):
        target = tmp_path / f"t{suffix}"
        run("export", str(score_py), "-o", str(target))
        status, text = run("validate", str(target))
        assert (status, text.strip()) == (0, f"{target}: valid")


def test_validate_names_the_line_of_a_bad_document(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "bad.score.xml"
    bad.write_text('<score version="1">\n<keys/></score>')
    assert run("validate", str(bad))[0] == 2
    assert f"{bad} line 2: Element 'keys'" in capsys.readouterr().err


def test_a_failing_build_is_one_line_naming_the_file_and_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    broken = tmp_path / "broken.py"
    broken.write_text("import scoreframe as sf\n\ndef build():\n    return 1 / 0\n")
    assert run("info", str(broken))[0] == 2
    err = capsys.readouterr().err
    assert err == f"scoreframe: error: {broken} line 4: ZeroDivisionError: division by zero\n"


def test_a_model_error_in_a_score_is_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    broken = tmp_path / "float.py"
    broken.write_text(
        "import scoreframe as sf\nscore = sf.Score()\nscore.part('P').voice('V').note('C4', 0.25)\n"
    )
    assert run("info", str(broken))[0] == 2
    err = capsys.readouterr().err
    assert "is a float; write Fraction(1, 4)" in err and "Traceback" not in err


def test_a_module_without_a_score_says_what_it_needs(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    empty = tmp_path / "empty.py"
    empty.write_text("x = 1\n")
    assert run("info", str(empty))[0] == 2
    assert "defines neither `score` (a Score) nor `build()`" in capsys.readouterr().err


def test_the_console_script_runs(score_py: Path, tmp_path: Path) -> None:
    script = Path(sys.executable).with_name("scoreframe")
    command = [str(script)] if script.exists() else [sys.executable, "-m", "scoreframe"]
    result = subprocess.run(
        [*command, "info", str(score_py)],
        capture_output=True,
        text=True,
        timeout=120,
        env=dict(os.environ),
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "Little Tune" in result.stdout
    result = subprocess.run(
        [*command, "export", str(tmp_path / "nope.py"), "-o", "x.mid"],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 2 and result.stderr.startswith("scoreframe: error:")


@pytest.mark.parametrize("code", ["0", "3", "'done'"])
def test_a_score_that_calls_sys_exit_is_an_error_and_writes_nothing(
    tmp_path: Path, code: str, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "quits.py"
    source.write_text(
        f"import sys\nimport scoreframe as sf\nscore = sf.Score()\nsys.exit({code})\n"
    )
    status, _ = run("export", str(source), "-o", str(tmp_path / "x.mid"))
    err = capsys.readouterr().err
    assert status == 2 and not (tmp_path / "x.mid").exists()
    assert f"quits.py line 4: the score called sys.exit({code})" in err
    assert len(err.strip().splitlines()) == 1


def test_an_error_message_with_line_breaks_is_printed_on_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "breaks.py"
    source.write_text("def build():\n    raise ValueError('first\\nsecond')\n")
    assert run("info", str(source))[0] == 2
    err = capsys.readouterr().err
    assert err.strip().splitlines() == [
        f"scoreframe: error: {source} line 2: ValueError: first second"
    ]


def test_export_all_goes_on_past_a_failing_format_and_says_which(
    score_py: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import scoreframe.csound as csound

    def broken(*args: object, **kwargs: object) -> None:
        raise sf.CsoundError("no orchestra today")

    monkeypatch.setattr(csound, "write", broken)
    status, text = run("export", str(score_py), "--all", str(tmp_path / "out"))
    err = capsys.readouterr().err
    assert status == 2
    assert text.count("wrote") == 4  # mid, musicxml, mxl, score.xml
    assert "tune.sco: no orchestra today" in err and "2 of 6 files failed" in err


@given(
    st.sampled_from(["4/4", "3/4", "6/8", "5/8"]),
    st.booleans(),
    st.sampled_from([None, 2, 3, Fraction(3, 2), Fraction(17, 8)]),
    st.integers(0, 40),
)
def test_info_counts_the_bars_without_walking_them(
    meter: str, pickup: bool, change: Fraction | None, eighths: int
) -> None:
    from scoreframe.cli import bar_count

    score = sf.Score()
    score.meter(meter)
    if pickup:
        score.pickup(Fraction(1, 8))
    if change is not None:
        with contextlib.suppress(sf.MeterError):
            score.meter("3/4", at=change)
    if eighths:
        score.part("P").voice("V").note("C4", Fraction(eighths, 8))
    assert bar_count(score) == len(list(score.meters.bars(score.end)))


def test_render_writes_audio_and_notation_by_the_suffix(score_py: Path, tmp_path: Path) -> None:
    from tests.support import require_module, require_program

    require_program("csound")
    require_module("verovio")
    wav, svg = tmp_path / "t.wav", tmp_path / "t.svg"
    args = ("render", str(score_py), "-o", str(wav), "-o", str(svg), "--engine", "csound")
    status, text = run(*args[:-2], "-O", "engine=csound", "-O", "release=0")
    assert status == 2  # verovio's image takes no Csound engine: nothing is written
    assert not wav.exists() and not svg.exists()
    status, text = run("render", str(score_py), "-o", str(wav), "--engine", "csound")
    assert status == 0 and text == f"wrote {wav}\n"
    import wave

    with wave.open(str(wav)) as audio:
        seconds = audio.getnframes() / audio.getframerate()
    assert seconds == pytest.approx(6 * 60 / 90 + 0.1, abs=0.05)
    assert run("render", str(score_py), "-o", str(svg))[0] == 0 and "<svg" in svg.read_text()


def test_render_refuses_what_export_writes_and_names_the_soundfont(
    score_py: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run("render", str(score_py), "-o", str(tmp_path / "t.mid"))[0] == 2
    assert "render writes .wav .flac .svg .png .pdf; use export" in capsys.readouterr().err
    font = tmp_path / "none.sf2"
    assert (
        run("render", str(score_py), "-o", str(tmp_path / "t.wav"), "--soundfont", str(font))[0]
        == 2
    )
    assert f"SoundFont {font} does not exist" in capsys.readouterr().err
    assert list(tmp_path.iterdir()) == [score_py]


def test_plot_writes_a_piano_roll(score_py: Path, tmp_path: Path) -> None:
    from tests.support import require_module

    require_module("matplotlib")
    roll = tmp_path / "roll.png"
    status, text = run("plot", str(score_py), "-o", str(roll), "--seconds", "--no-tempo")
    assert status == 0 and text == f"wrote {roll}\n" and roll.read_bytes()[:4] == b"\x89PNG"


def test_a_midi_file_converts_to_musicxml_and_to_every_format(tmp_path: Path) -> None:
    source = sf.Score(title="Converted")
    source.meter("3/4")
    _ = source.tempo.hold(72)
    voice = source.part("Clarinet", program=72).voice()
    for name, period in (("G4", "1/4"), ("A4", "1/8"), ("B4", "1/8"), ("C5", "1/2")):
        voice.note(name, period)
    midi = tmp_path / "in.mid"
    source.write(midi)
    out = io.StringIO()
    assert main(["export", str(midi), "-o", str(tmp_path / "out.musicxml")], out) == 0
    sf.musicxml.validate(tmp_path / "out.musicxml")  # MusicXML 4.0, offline
    back = sf.load(tmp_path / "out.musicxml")  # through music21
    played = [n for n in back.voices[0].notes if n.pitch]  # the C5 is tied over the bar line
    assert [(str(n.pitch), n.tie) for n in played] == [
        ("G4", False),
        ("A4", False),
        ("B4", False),
        ("C5", True),
        ("C5", False),
    ]
    assert main(["export", str(midi), "--all", str(tmp_path / "all")], out) == 0
    assert sorted(p.name for p in (tmp_path / "all").iterdir()) == [
        "in.csd",
        "in.mid",
        "in.musicxml",
        "in.mxl",
        "in.sco",
        "in.score.xml",
    ]
    info = io.StringIO()
    assert main(["info", str(midi)], info) == 0
    text = info.getvalue()
    assert "title:    Converted" in text and "part 'Clarinet': 1 voices" in text
    assert "notes:    4" in text and "tempo:    72 to 72 BPM" in text


def test_export_quantizes_a_performed_midi_file(tmp_path: Path) -> None:
    from scoreframe.midi.smf import encode_file

    events = [(5, (0x90, 60, 80)), (95, (0x80, 60, 0)), (97, (0x90, 62, 80)), (126, (0x80, 62, 0))]
    played = encode_file([[(t, bytes(e)) for t, e in events]], ppq=96, format=0)
    midi = tmp_path / "take.mid"
    midi.write_bytes(played)
    out = tmp_path / "take.score.xml"
    with pytest.warns(sf.ScoreframeWarning, match="moved 4 of 4"):
        assert main(["export", str(midi), "-o", str(out), "--quantize", "4,3"]) == 0
    notes = [n for v in sf.load(out).voices for n in v.notes]
    assert [(str(n.onset), str(n.duration)) for n in notes] == [("0", "1/4"), ("1/4", "1/12")]
    assert main(["export", str(midi), "-o", str(out), "--quantize", "x"]) == 2
    assert main(["export", str(out), "-o", str(midi), "--quantize", "1/16"]) == 2
