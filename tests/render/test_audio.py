"""Audio through FluidSynth and Csound, checked by numbers read with the standard library:
each file lasts the score's seconds plus the release (within 50 ms), sounds where notes sound
and is quiet in rests; a missing engine, SoundFont or library is a clear error and nothing is
written."""

from __future__ import annotations

import ctypes
import os
import runpy
import warnings
import wave
from functools import cache
from pathlib import Path

import pytest

import scoreframe as sf
from scoreframe.errors import MissingDependencyError, RenderError, RenderWarning
from scoreframe.events import sounding_notes
from scoreframe.render import audio, pcm, soundfonts
from tests.support import require_file, require_program

SCORES = Path(__file__).resolve().parents[2] / "scores"
NAMES = sorted(p.stem for p in SCORES.glob("*.py") if not p.name.startswith("_"))
ENGINES = {"fluidsynth": "fluidsynth", "csound": "csound"}
GM_FONT = "/usr/share/sounds/sf2/FluidR3_GM.sf2"
#: Levels (RMS, 0..1 of full scale): above SOUND where a note sounds, below QUIET in a rest.
SOUND, QUIET = 0.001, 0.0002
#: Seconds after a note ends that its release and reverb may still ring (FluidSynth's piano).
RING = 1.5


@cache
def build(name: str) -> sf.Score:
    score: sf.Score = runpy.run_path(str(SCORES / f"{name}.py"))["build"]()
    return score


def need(engine: str) -> None:
    require_program(ENGINES[engine])
    if engine == "fluidsynth":
        require_file(GM_FONT, "fluid-soundfont-gm")


def rendered(score: sf.Score, engine: str, path: Path, **options: object) -> pcm.Audio:
    with warnings.catch_warnings():
        warnings.simplefilter("error", RenderWarning)  # the engine must not complain
        audio.write(score, path, engine=engine, **options)  # type: ignore[arg-type]
    return pcm.read(path)


def spans(score: sf.Score) -> list[tuple[float, float]]:
    """(start, end) seconds of every sounding note (tie chains merged)."""
    tempo = sf.TempoMap(score)
    return [
        (tempo.seconds(n.onset), tempo.seconds(n.release))
        for voice in score.voices
        for n in sounding_notes(voice)
    ]


@pytest.mark.parametrize("engine", sorted(ENGINES))
@pytest.mark.parametrize("name", NAMES)
def test_each_example_lasts_its_seconds_plus_the_release_and_sounds_in_each_note(
    name: str, engine: str, tmp_path: Path
) -> None:
    need(engine)
    score = build(name)
    sound = rendered(score, engine, tmp_path / f"{name}.wav")
    release = audio.RELEASE[sf.render.Engine(engine)]
    expected = sf.TempoMap(score).seconds(max(score.end, score.sounding_end)) + release
    assert abs(sound.seconds - expected) < 0.05
    assert (sound.channels, sound.rate) == (2, 44100)
    quiet = [(a, b) for a, b in spans(score) if pcm.rms(sound, a, b) <= SOUND]
    assert quiet == []


def rests_score() -> sf.Score:
    """Two notes with a four-second rest between them, and a rest at the end."""
    score = sf.Score(title="Rests")
    score.tempo.hold(60)
    voice = score.part("Piano", program=1).voice("RH")
    voice.note("C4", "1/4")
    voice.rest(1)
    voice.note("E4", "1/4")
    voice.rest("3/4")
    return score


@pytest.mark.parametrize("engine", sorted(ENGINES))
def test_rests_are_quiet_once_the_notes_have_rung_out(engine: str, tmp_path: Path) -> None:
    need(engine)
    sound = rendered(rests_score(), engine, tmp_path / "rests.wav", release=0.5)
    assert abs(sound.seconds - (1 + 4 + 1 + 3 + 0.5)) < 0.05
    assert pcm.rms(sound, 0, 1) > SOUND and pcm.rms(sound, 5, 6) > SOUND
    assert pcm.rms(sound, 1 + RING, 5) < QUIET  # the rest between the notes
    assert pcm.rms(sound, 6 + RING, 9.5) < QUIET  # the rest at the end


def test_csound_gain_scales_the_level(tmp_path: Path) -> None:
    need("csound")
    score = rests_score()
    full = rendered(score, "csound", tmp_path / "full.wav")
    half = rendered(score, "csound", tmp_path / "half.wav", gain=0.5)
    assert pcm.rms(half, 0, 1) == pytest.approx(pcm.rms(full, 0, 1) / 2, rel=0.01)


@pytest.mark.parametrize("engine", sorted(ENGINES))
def test_the_same_score_gives_the_same_bytes(engine: str, tmp_path: Path) -> None:
    need(engine)
    first = audio.write(rests_score(), tmp_path / "a.wav", engine=engine).read_bytes()
    second = audio.write(rests_score(), tmp_path / "b.wav", engine=engine).read_bytes()
    assert first == second


def test_sample_rate_and_flac(tmp_path: Path) -> None:
    need("fluidsynth")
    score = rests_score()
    wav = audio.write(score, tmp_path / "x.wav", sample_rate=48000)
    flac = audio.write(score, tmp_path / "x.flac", sample_rate=48000)
    with wave.open(str(wav)) as handle:
        frames, rate = handle.getnframes(), handle.getframerate()
    assert rate == 48000 and flac.read_bytes()[:4] == b"fLaC"
    assert flac_info(flac) == (frames, 48000, 2)  # libsndfile reads what it wrote back
    assert sorted(p.name for p in tmp_path.iterdir()) == ["x.flac", "x.wav"]  # no leftovers


def flac_info(path: Path) -> tuple[int, int, int]:
    from scoreframe.render.flac import _Info, library

    lib = library()
    info = _Info()
    handle = lib.sf_open(os.fsencode(path), 0x10, ctypes.byref(info))  # SFM_READ
    assert handle
    lib.sf_close(handle)
    return info.frames, info.samplerate, info.channels


def test_score_write_picks_the_audio_writer_by_the_suffix(tmp_path: Path) -> None:
    need("csound")
    path = rests_score().write(tmp_path / "r.wav", engine="csound", release=0)
    assert pcm.read(path).seconds == pytest.approx(9.0, abs=0.05)


def test_a_progress_bar_when_asked(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    need("csound")
    audio.write(rests_score(), tmp_path / "r.wav", engine="csound", progress=True)
    assert "csound [" in capsys.readouterr().err
    audio.write(rests_score(), tmp_path / "r.wav", engine="csound", progress=False)
    assert capsys.readouterr().err == ""


@pytest.mark.parametrize(
    ("engine", "package"), [("fluidsynth", "fluidsynth"), ("csound", "csound")]
)
def test_a_missing_engine_is_a_clear_error_and_nothing_is_written(
    engine: str, package: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))
    out = tmp_path / "out"
    out.mkdir()
    with pytest.raises(MissingDependencyError, match=f"install the Debian package {package}"):
        rests_score().write(out / "x.wav", engine=engine)
    assert list(out.iterdir()) == []


def test_a_missing_soundfont_is_a_clear_error_and_nothing_is_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    require_program("fluidsynth")
    monkeypatch.setattr(soundfonts, "PLACES", (str(tmp_path / "none.sf2"),))
    with pytest.raises(MissingDependencyError, match="fluid-soundfont-gm"):
        rests_score().write(tmp_path / "x.wav")
    with pytest.raises(MissingDependencyError, match="does not exist"):
        rests_score().write(tmp_path / "x.wav", soundfont=tmp_path / "gone.sf2")
    assert list(tmp_path.iterdir()) == []


def test_what_fluidsynth_says_is_read_although_it_exits_0(tmp_path: Path) -> None:
    require_program("fluidsynth")
    bogus = tmp_path / "bogus.sf2"
    bogus.write_text("not a SoundFont")
    out = tmp_path / "out"
    out.mkdir()
    with pytest.raises(RenderError, match=r"FluidSynth could not render: .*not a SoundFont"):
        rests_score().write(out / "x.wav", soundfont=bogus)
    assert list(out.iterdir()) == []


def test_wrong_options_name_the_valid_ones() -> None:
    with pytest.raises(sf.ExportError, match="unknown audio option 'rate'; valid: engine, "):
        rests_score().write("x.wav", rate=48000)  # type: ignore[call-arg]
    with pytest.raises(sf.ExportError, match="audio engine 'musescore' is not one of"):
        rests_score().write("x.wav", engine="musescore")
    with pytest.raises(sf.ExportError, match="gain -1 must be a number above 0"):
        rests_score().write("x.wav", gain=-1)


def test_fit_cuts_pads_and_fades() -> None:
    from array import array

    tone = pcm.Audio(array("h", [10000] * 2000), channels=1, rate=1000)
    cut = pcm.fit(tone, 1.0)
    assert cut.frames == 1000 and cut.samples[0] == 10000 and cut.samples[-1] == 0
    padded = pcm.fit(tone, 3.0)
    assert padded.frames == 3000 and set(padded.samples[2000:]) == {0}
    with pytest.warns(RenderWarning, match="2000 samples were clipped"):
        loud = pcm.fit(tone, 2.0, gain=4.0)
    assert max(loud.samples) == 32767
    assert pcm.rms(tone, 0, 2) == pytest.approx(10000 / 32768)


def test_a_missing_libsndfile_stops_a_flac_before_anything_is_rendered(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import ctypes.util

    from scoreframe.render import flac

    need("csound")
    monkeypatch.setattr(ctypes.util, "find_library", lambda name: None)
    flac.library.cache_clear()
    try:
        with pytest.raises(MissingDependencyError, match="Debian package libsndfile1"):
            rests_score().write(tmp_path / "x.flac", engine="csound")
    finally:
        flac.library.cache_clear()
    assert list(tmp_path.iterdir()) == []
