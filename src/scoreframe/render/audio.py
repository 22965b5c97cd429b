"""Audio files (``.wav``, ``.flac``): the score through FluidSynth (our own MIDI bytes and a
SoundFont) or Csound (our own ``.csd`` with its default orchestra), each run as a program
with its output read (:mod:`.engines`).

The engine renders into a temporary folder beside the target; the sound is then fitted to
the score (:func:`.pcm.fit`): it lasts the score's seconds (to the end of its last bar or its
last sound, by the tempo map) plus the release, whatever tail the engine left, and is
written at once (a WAV with the standard library, a FLAC through libsndfile). Nothing is
written when an engine, the SoundFont or libsndfile is missing.

>>> import scoreframe as sf
>>> s = sf.Score(); _ = s.tempo.hold(120); _ = s.part("P").voice("V").note("C4", 1)
>>> score_seconds(s), RELEASE[Engine.FLUIDSYNTH], RELEASE[Engine.CSOUND]
(2.0, 1.0, 0.1)
>>> write(s, "x.ogg")
Traceback (most recent call last):
...
scoreframe.errors.ExportError: x.ogg: audio is written as .wav or .flac, not .ogg
"""

from __future__ import annotations

import os
import tempfile
import warnings
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Unpack

from ..csound import RELEASE as CSOUND_RELEASE
from ..errors import ExportError, RenderWarning
from ..formats import atomic_write
from ..score import Score
from ..tempo import TempoMap
from . import engines, pcm
from .options import AudioOptions, AudioWriteOptions, Engine, audio_options
from .soundfonts import soundfont

SUFFIXES = (".wav", ".flac")
#: Seconds after the score's end each engine's file goes on by default: FluidSynth's
#: instruments ring on by their own release; Csound's default orchestra has its own.
RELEASE: dict[Engine, float] = {Engine.FLUIDSYNTH: 1.0, Engine.CSOUND: CSOUND_RELEASE}
#: FluidSynth's own gain (``synth.gain``), which ``gain`` multiplies.
FLUIDSYNTH_GAIN = 0.2


@dataclass(frozen=True, slots=True)
class Job:
    """One render: the score, the options, the engine's program and the work folder."""

    score: Score
    options: AudioOptions
    program: str
    work: Path

    @property
    def output(self) -> Path:
        return self.work / "rendered.wav"


def score_seconds(score: Score) -> float:
    """Seconds from the start to the end of the last bar or the last sound, whichever is
    later (the tempo map's)."""
    return TempoMap(score).seconds(max(score.end, score.sounding_end))


def write(score: Score, path: str | os.PathLike[str], **options: Unpack[AudioWriteOptions]) -> Path:
    """Render ``score`` to ``path`` (``.wav`` or ``.flac``); options: :class:`AudioOptions`."""
    target = Path(path)
    suffix = target.suffix.lower()
    if suffix not in SUFFIXES:
        raise ExportError(f"{target}: audio is written as .wav or .flac, not {suffix or 'none'}")
    chosen = audio_options(options)
    engine = Engine(chosen.engine)
    program = engines.program(engine.value)
    font = soundfont(chosen.soundfont) if engine is Engine.FLUIDSYNTH else None
    if suffix == ".flac":
        from .flac import library

        library()  # missing libsndfile fails before anything is rendered
    release = RELEASE[engine] if chosen.release is None else chosen.release
    seconds = score_seconds(score) + release
    folder = target.parent if str(target.parent) else Path(".")
    with tempfile.TemporaryDirectory(prefix=f".{target.name}.", dir=folder) as work:
        job = Job(score, chosen, program, Path(work).resolve())
        rendered = _render(job, font, seconds)
    fitted = pcm.fit(rendered, seconds, chosen.gain)
    if suffix == ".flac":
        from .flac import flac_bytes

        return atomic_write(target, flac_bytes(fitted))
    return atomic_write(target, pcm.wav_bytes(fitted))


def _render(job: Job, font: Path | None, seconds: float) -> pcm.Audio:
    """Run the engine with a progress bar (when wanted); its checked output, read."""
    args, check = (
        _fluidsynth(job, font) if Engine(job.options.engine) is Engine.FLUIDSYNTH else _csound(job)
    )
    rate, wanted = job.options.sample_rate, engines.wants_progress(job.options.progress)
    bar = engines.ProgressBar(seconds, Path(job.program).name)

    def progress() -> None:
        done = job.output.stat().st_size - 44 if job.output.exists() else 0
        bar.show(max(done, 0) / (4 * rate))  # 16-bit stereo frames after the WAV header

    try:
        ran = engines.run(args, cwd=job.work, progress=progress if wanted else None)
        if wanted:
            bar.show(seconds)
    finally:
        bar.close()
    check(ran)
    if not job.output.exists() or job.output.stat().st_size <= 44:
        raise ran.fail("no sound was rendered", ran.lines(r"\S"))
    return pcm.read(job.output)


Check = Callable[[engines.Run], None]


def _fluidsynth(job: Job, font: Path | None) -> tuple[list[str], Check]:
    """FluidSynth renders the score's MIDI file through the SoundFont, fast, to 16-bit WAV."""
    from ..midi import to_bytes

    source = job.work / "score.mid"
    source.write_bytes(to_bytes(job.score))
    args = [job.program, "-n", "-i", "-q", "-F", str(job.output), "-T", "wav", "-O", "s16"]
    args += ["-r", str(job.options.sample_rate), "-g", f"{FLUIDSYNTH_GAIN:g}"]
    args += [str(font), str(source)]
    return args, _check_fluidsynth


def _check_fluidsynth(ran: engines.Run) -> None:
    errors = ran.lines(r"error|fail|invalid|not a soundfont|not a midi|couldn't")
    if errors:
        raise ran.fail("FluidSynth could not render", errors)
    _warn(ran, ran.lines(r"warning"), "FluidSynth")


def _csound(job: Job) -> tuple[list[str], Check]:
    """Csound renders the score's ``.csd`` (its default orchestra) to 16-bit WAV."""
    from ..csound import to_text

    source = job.work / "score.csd"
    source.write_text(to_text(job.score, "csd"), encoding="utf-8")
    args = [job.program, "-d", "-m4", "-W", "-s", "-r", str(job.options.sample_rate)]
    args += ["-o", str(job.output), str(source)]
    return args, _check_csound


def _check_csound(ran: engines.Run) -> None:
    errors = [
        line for line in ran.lines(r"\berror|undefined|not found|cannot") if "0 errors" not in line
    ]
    if errors or "0 errors in performance" not in ran.output:
        raise ran.fail("Csound could not render", errors or ran.lines(r"error|warning"))
    clipped = [
        line for line in ran.lines(r"samples out of range") if line.split()[-2:] != ["0", "0"]
    ]
    _warn(ran, clipped + ran.lines(r"^\s*WARNING"), "Csound")


def _warn(ran: engines.Run, lines: list[str], who: str) -> None:
    if lines:
        quoted = "; ".join(line.strip() for line in lines[:5])
        warnings.warn(f"{who} warned: {quoted}", RenderWarning, stacklevel=5)


def play_html(score: Score, **options: Unpack[AudioWriteOptions]) -> str:
    """An HTML ``<audio>`` element holding the rendered WAV (for notebooks)."""
    import base64

    with tempfile.TemporaryDirectory(prefix="scoreframe-audio-") as folder:
        path = write(score, Path(folder) / "score.wav", **options)
        data = base64.b64encode(path.read_bytes()).decode("ascii")
    return f'<audio controls src="data:audio/wav;base64,{data}"></audio>'


__all__ = ["RELEASE", "SUFFIXES", "play_html", "score_seconds", "write"]
