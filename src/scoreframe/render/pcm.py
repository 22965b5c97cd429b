"""16-bit PCM audio as the engines render it, read and written with the standard library
(``wave``, ``array``), and fitted to the score: cut or padded to its seconds plus the release,
scaled by the gain, the last :data:`FADE` seconds faded out so that a cut never clicks.

>>> audio = Audio(array("h", [1000, -1000] * 4410), channels=2, rate=44100)
>>> audio.seconds
0.1
>>> fitted = fit(audio, 0.2, gain=2.0)
>>> fitted.seconds, fitted.samples[0], fitted.samples[-1]
(0.2, 2000, 0)
>>> read(wav_bytes(fitted)) == fitted
True
"""

from __future__ import annotations

import io
import math
import sys
import warnings
import wave
from array import array
from dataclasses import dataclass
from pathlib import Path

from ..errors import RenderError, RenderWarning

#: Seconds at the very end faded to silence.
FADE = 0.05
LOW, HIGH = -32768, 32767


@dataclass(frozen=True, slots=True)
class Audio:
    """Interleaved 16-bit samples, their channel count and sample rate."""

    samples: array[int]
    channels: int
    rate: int

    @property
    def frames(self) -> int:
        return len(self.samples) // self.channels

    @property
    def seconds(self) -> float:
        return self.frames / self.rate


def read(source: str | Path | bytes) -> Audio:
    """A 16-bit PCM WAV file (a path or its bytes)."""
    handle = io.BytesIO(source) if isinstance(source, bytes) else open(source, "rb")  # noqa: SIM115
    try:
        with handle, wave.open(handle) as audio:
            width, channels, rate = audio.getsampwidth(), audio.getnchannels(), audio.getframerate()
            data = audio.readframes(audio.getnframes())
    except (wave.Error, EOFError) as error:
        raise RenderError(f"the engine's WAV file cannot be read: {error}") from None
    if width != 2:
        raise RenderError(f"the engine wrote {8 * width}-bit samples; 16-bit expected")
    samples = array("h", data)
    if sys.byteorder == "big":
        samples.byteswap()
    return Audio(samples, channels, rate)


def fit(audio: Audio, seconds: float, gain: float = 1.0) -> Audio:
    """``audio`` cut or padded with silence to ``seconds``, times ``gain`` (clipped samples
    counted in a warning), its last :data:`FADE` seconds faded out."""
    want = round(seconds * audio.rate) * audio.channels
    samples = audio.samples[:want]
    if want > len(samples):
        samples.frombytes(bytes(2 * (want - len(samples))))
    if gain != 1.0:
        samples, clipped = _scaled(samples, gain)
        if clipped:
            warnings.warn(
                f"gain {gain:g}: {clipped} samples were clipped to full scale; lower the gain",
                RenderWarning,
                stacklevel=3,
            )
    fade = min(round(FADE * audio.rate), len(samples) // audio.channels)
    start = len(samples) - fade * audio.channels
    for i in range(start, len(samples)):
        remaining = (len(samples) - i - 1) // audio.channels
        samples[i] = int(samples[i] * remaining / fade)
    return Audio(samples, audio.channels, audio.rate)


def _scaled(samples: array[int], gain: float) -> tuple[array[int], int]:
    scaled = [math.floor(s * gain + 0.5) for s in samples]
    clipped = sum(1 for s in scaled if not LOW <= s <= HIGH)
    if clipped:
        scaled = [min(max(s, LOW), HIGH) for s in scaled]
    return array("h", scaled), clipped


def wav_bytes(audio: Audio) -> bytes:
    """The audio as a 16-bit PCM WAV file."""
    samples = audio.samples
    if sys.byteorder == "big":
        samples = array("h", samples)
        samples.byteswap()
    out = io.BytesIO()
    with wave.open(out, "wb") as handle:
        handle.setnchannels(audio.channels)
        handle.setsampwidth(2)
        handle.setframerate(audio.rate)
        handle.writeframes(samples.tobytes())
    return out.getvalue()


def rms(audio: Audio, start: float, end: float) -> float:
    """The root mean square level (0..1 of full scale) between two times in seconds."""
    first = max(round(start * audio.rate), 0) * audio.channels
    last = min(round(end * audio.rate) * audio.channels, len(audio.samples))
    if last <= first:
        return 0.0
    window = audio.samples[first:last]
    return math.sqrt(sum(s * s for s in window) / len(window)) / 32768
