"""Piano rolls: the bars read back from the figure's artists are the score's sounding notes
(onset, release, key, part, velocity as the shade), the panels are the tempo map and the
resolved contours, and the files are made headless."""

from __future__ import annotations

import os
import runpy
import subprocess
import sys
from fractions import Fraction
from functools import cache
from pathlib import Path

import pytest

import scoreframe as sf
from scoreframe.errors import ExportError, MissingDependencyError
from scoreframe.events import sounding_notes
from scoreframe.velocity import note_velocity
from tests.support import require_module

SCORES = Path(__file__).resolve().parent.parent / "scores"
NAMES = sorted(p.stem for p in SCORES.glob("*.py") if not p.name.startswith("_"))


@cache
def build(name: str) -> sf.Score:
    score: sf.Score = runpy.run_path(str(SCORES / f"{name}.py"))["build"]()
    return score


def bars_of(figure: object) -> dict[str, list[tuple[float, float, float, float]]]:
    """Per part (the collection's label): (x0, x1, key, alpha) of each bar, sorted."""
    roll = figure.axes[0]  # type: ignore[attr-defined]
    out = {}
    for collection in roll.collections:
        rows = []
        for path, colour in zip(collection.get_paths(), collection.get_facecolors(), strict=True):
            xs, ys = path.vertices[:, 0], path.vertices[:, 1]
            rows.append((xs.min(), xs.max(), (ys.min() + ys.max()) / 2, round(colour[3], 6)))
        out[collection.get_label()] = sorted(rows)
    return out


def expected_bars(score: sf.Score, seconds: bool) -> dict[str, list[tuple[float, ...]]]:
    tempo = sf.TempoMap(score)
    x = tempo.seconds if seconds else float
    out = {}
    for part in score.parts:
        rows = []
        for voice in part.voices:
            velocity = note_velocity(voice)
            for note in sounding_notes(voice):
                assert note.pitch is not None
                shade = round(0.2 + 0.8 * velocity(note) / 127, 6)
                rows.append((x(note.onset), x(note.release), note.pitch.midi, shade))
        out[part.name] = sorted(rows)
    return out


@pytest.mark.parametrize("seconds", [False, True], ids=["bars", "seconds"])
@pytest.mark.parametrize("name", NAMES)
def test_the_bars_are_the_sounding_notes_of_each_example(name: str, seconds: bool) -> None:
    require_module("matplotlib")
    score = build(name)
    figure = sf.plot.pianoroll(score, time="seconds" if seconds else "bars")
    got, want = bars_of(figure), expected_bars(score, seconds)
    assert list(got) == list(want)
    for part in want:
        assert len(got[part]) == len(want[part])
        for bar, note in zip(got[part], want[part], strict=True):
            assert bar == pytest.approx(note)


def test_the_panels_are_the_tempo_map_and_the_resolved_contours() -> None:
    require_module("matplotlib")
    score = build("accelerando")
    figure = sf.plot.pianoroll(score, contours=["velocity", "control:11", "pitch_bend"])
    labels = [axes.get_ylabel() for axes in figure.axes]
    assert labels == ["key", "tempo", "velocity", "control:11", "pitch_bend"]
    tempo = sf.TempoMap(score)
    (line,) = curves(figure.axes[1])
    for x, y in zip(*line.get_data(), strict=True):
        assert y == pytest.approx(tempo.tempo_at(Fraction(x).limit_denominator(1 << 20)), rel=1e-6)
    trumpet = score.parts[1].voices[0]
    sample = trumpet.resolved("control:11").sampler()
    (line,) = curves(figure.axes[3])
    assert line.get_gid() == "control:11 Lead/Trumpet"
    for x, y in zip(*line.get_data(), strict=True):
        assert y == pytest.approx(sample(x))


def curves(axes: object) -> list[object]:
    return [line for line in axes.get_lines() if line.get_gid() != "bar line"]  # type: ignore[attr-defined]


def test_an_unknown_contour_names_itself() -> None:
    require_module("matplotlib")
    with pytest.raises(ExportError, match="no voice follows a contour 'control:7'"):
        sf.plot.pianoroll(build("canon"), contours=["control:7"])
    with pytest.raises(ExportError, match=r"roll\.pdf: a piano roll is saved as \.png or \.svg"):
        sf.plot.pianoroll(build("canon"), "roll.pdf")
    with pytest.raises(ExportError, match="unknown piano roll option 'contour'; valid: contours"):
        sf.plot.pianoroll(build("canon"), contour=["velocity"])  # type: ignore[call-arg]


@pytest.mark.parametrize("suffix", [".png", ".svg"])
def test_files_are_made_headless_and_the_same_each_time(suffix: str, tmp_path: Path) -> None:
    require_module("matplotlib")
    score = build("nocturne")
    made = {
        sf.plot.pianoroll(score, tmp_path / f"{n}{suffix}", contours=["velocity"])
        and (tmp_path / f"{n}{suffix}").read_bytes()
        for n in range(4)
    }
    assert len(made) == 1 and made.pop()[:4] in (b"\x89PNG", b"<?xm")


def test_no_window_system_is_touched(tmp_path: Path) -> None:
    """pyplot (matplotlib's global, window-making state) is never imported."""
    require_module("matplotlib")
    code = (
        "import sys, scoreframe as sf\n"
        "s = sf.Score(); s.part('P').voice('V').note('C4', 1)\n"
        f"sf.plot.pianoroll(s, {str(tmp_path / 'roll.png')!r})\n"
        "print('matplotlib.pyplot' in sys.modules)\n"
    )
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "MPLBACKEND")}
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env)
    assert result.stdout.strip() == "False", result.stderr
    assert (tmp_path / "roll.png").read_bytes()[:4] == b"\x89PNG"


def test_a_missing_matplotlib_is_a_clear_error_and_nothing_is_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "matplotlib.figure", None)
    with pytest.raises(MissingDependencyError, match=r"matplotlib.*scoreframe\[render\]"):
        sf.plot.pianoroll(build("canon"), tmp_path / "roll.png")
    assert list(tmp_path.iterdir()) == []
