"""The recorder: what arrives at MIDI input ports (through an optional patch) as a Score.

Bar 1 starts when recording starts (after ``count_in`` bars of click, if a click port is
given); times are seconds from there on ``time.perf_counter``, made whole notes through the
take's tempo map and rounded to :data:`~scoreframe.live.take.GRID` (see :mod:`.take`). A note
still held when recording stops ends there. Notes that start before bar 1 (in the count-in)
are dropped, except those less than :data:`EARLY` seconds early, which start at bar 1.

``quantize=`` hands the take to the MIDI import's quantizer (``sf.midi.to_score(...,
quantize=...)``), when this scoreframe has one; without it, asking is an error before
anything is recorded.

>>> recorder = Recorder(inputs={}, tempo=120, meter="3/4")
>>> recorder.feed("keys", bytes([0x90, 67, 100]), recorder.started + 0.5)
>>> recorder.feed("keys", bytes([0x80, 67, 0]), recorder.started + 1.0)
>>> [(str(n.pitch), n.onset, n.duration) for n in recorder.score().parts[0].voices[0].notes]
[('G4', Fraction(1, 4), Fraction(1, 4))]
"""

from __future__ import annotations

import importlib
import os
import tempfile
import threading
import time
from collections.abc import Callable
from contextlib import ExitStack
from fractions import Fraction
from functools import partial
from pathlib import Path
from types import TracebackType
from typing import Any, Self

from ..meter import Meter
from ..midi.timed import TimedMessage
from ..score import Score
from ..tempo import TempoMap
from ..units.base import Pass, Patch
from ..units.event import Event, Kind
from ..units.running import Running
from .inputs import open_input
from .midiports import Backend, PortSpec, PortsSpec, labelled, open_spec
from .player import Player
from .stream import LiveValueError
from .take import Take

#: How early a note may start before bar 1 and still be kept (at bar 1), in seconds.
EARLY = 0.05
#: The click: channel 10 (General MIDI percussion), a high wood block on each bar's first beat,
#: a low one on the other beats, each sounding 50 ms.
CLICK_CHANNEL, CLICK_FIRST, CLICK_OTHER, CLICK_LENGTH = 10, 76, 77, 0.05
CLICK_VELOCITIES = (110, 80)
#: How many bars the click lasts when the recording has no set length.
CLICK_BARS = 1000


def _quantizer() -> Callable[..., Score] | None:
    midi = importlib.import_module("scoreframe.midi")
    found = getattr(midi, "to_score", None)
    return found if callable(found) else None


def check_quantize(quantize: object) -> None:
    """Raise :class:`LiveValueError` if ``quantize`` is asked for and there is no quantizer."""
    if quantize is not None and _quantizer() is None:
        raise LiveValueError(
            f"quantize={quantize!r} needs the MIDI import's quantizer (sf.midi.to_score), "
            "which this scoreframe does not have yet; record without quantize= and quantize "
            "the take's .mid later"
        )


class Recorder:
    """Records from input ports (see the module doc); a context manager that stops it.

    ``inputs``: a port, a list or a mapping as :func:`~scoreframe.live.route` takes them (an
    empty mapping records only what :meth:`feed` is given). ``click``: an output port for the
    click, for ``count_in`` bars and then ``bars`` bars (or on until stopped).
    """

    def __init__(
        self,
        inputs: PortsSpec,
        *,
        tempo: float = 96,
        meter: str | Meter = "4/4",
        patch: Patch | None = None,
        click: PortSpec | None = None,
        count_in: int = 0,
        bars: int | None = None,
        quantize: object = None,
        backend: Backend | None = None,
    ) -> None:
        check_quantize(quantize)
        self.bars = bars
        self.quantize = quantize
        self.tempo, self.meter = tempo, meter
        self.template = Take().score(tempo=tempo, meter=meter)  # checks tempo and meter
        self.running = Running(Pass() if patch is None else patch)
        self.take = Take()
        self._held: dict[tuple[int, int], tuple[float, int]] = {}
        self._lock = threading.Lock()
        self._stack = ExitStack()
        self._inputs = inputs
        self._click, self._count_in, self._backend = click, count_in, backend
        self._stopped_at: float | None = None
        self.started = time.perf_counter() + self.bar_seconds(count_in)

    def bar_seconds(self, bars: int | float) -> float:
        """The length of ``bars`` bars in seconds."""
        bar = self.template.meters.meter_at(Fraction(0)).bar_length
        return TempoMap(self.template).seconds(bar * Fraction(bars))

    def start(self) -> Self:
        """Open the ports (and start the click); bar 1 is ``count_in`` bars from now."""
        try:
            if self._click is not None:
                port = self._stack.enter_context(open_spec(self._click, backend=self._backend))
                stream = self.click_stream(self._count_in + (self.bars or CLICK_BARS))
                self._stack.enter_context(Player(port, stream))
            self.started = time.perf_counter() + self.bar_seconds(self._count_in)
            for label, spec in labelled(self._inputs).items() if self._inputs else ():
                port_in = self._stack.enter_context(open_input(spec, backend=self._backend))
                port_in.listen(partial(self.feed, label))
        except BaseException:
            self._stack.close()
            raise
        return self

    def click_stream(self, bars: int) -> list[TimedMessage]:
        """A click on each beat of ``bars`` bars (the count-in first), at 0 s."""
        meter = self.template.meters.meter_at(Fraction(0))
        tempo_map = TempoMap(self.template)
        out: list[TimedMessage] = []
        time_ = Fraction(0)
        for _bar in range(bars):
            for index, beat in enumerate(meter.beats):
                key = CLICK_FIRST if index == 0 else CLICK_OTHER
                velocity = CLICK_VELOCITIES[0 if index == 0 else 1]
                at = tempo_map.seconds(time_)
                status = CLICK_CHANNEL - 1
                out.append(TimedMessage(at, bytes([0x90 | status, key, velocity])))
                out.append(TimedMessage(at + CLICK_LENGTH, bytes([0x80 | status, key, 0])))
                time_ += beat
        return out

    def feed(self, port: str, data: bytes, at: float) -> None:
        """One message from input ``port`` that arrived at ``at`` (``perf_counter`` seconds)."""
        seconds = at - self.started
        event = Event.from_bytes(data, port, max(seconds, 0.0))
        if event is None:
            return
        with self._lock:
            if self._stopped_at is not None:
                return
            for out in self.running.process(event):
                self._keep(out, seconds)

    def _keep(self, event: Event, seconds: float) -> None:
        take, place = self.take, (event.channel, event.data1)
        if event.kind is Kind.NOTEON:
            if seconds < -EARLY:
                return
            self._end(place, seconds)
            self._held[place] = (max(seconds, 0.0), event.data2)
        elif event.kind is Kind.NOTEOFF:
            self._end(place, seconds)
        elif event.kind is Kind.CTRL and seconds >= 0:
            take.control(seconds, event.channel, event.data1, event.data2)
        elif event.kind is Kind.PROGRAM:
            take.program(event.channel, event.data2)

    def _end(self, place: tuple[int, int], seconds: float) -> None:
        start = self._held.pop(place, None)
        if start is not None:
            self.take.note(place[0], place[1], start[1], start[0], max(seconds, start[0]))

    def stop(self, at: float | None = None) -> Score:
        """Stop recording, close the ports; the take as a Score. Notes still held end now
        (or ``at`` seconds from bar 1)."""
        with self._lock:
            if self._stopped_at is None:
                now = time.perf_counter() - self.started
                self._stopped_at = now if at is None else at
                for place in list(self._held):
                    self._end(place, self._stopped_at)
        self._stack.close()
        return self.score()

    def score(self) -> Score:
        """The take so far as a Score (quantized when asked)."""
        raw = self.take.score(tempo=self.tempo, meter=self.meter)
        return raw if self.quantize is None else _quantized(raw, self.quantize)

    def __enter__(self) -> Self:
        return self.start()

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self.stop()


def _quantized(score: Score, quantize: Any) -> Score:
    """The take through the MIDI import's quantizer (a file it reads)."""
    to_score = _quantizer()
    if to_score is None:  # checked when the recorder was made
        raise LiveValueError("quantize= needs sf.midi.to_score")
    from ..midi.export import write

    with tempfile.TemporaryDirectory(prefix="scoreframe-take-") as folder:
        path = Path(folder) / "take.mid"
        write(score, os.fspath(path))
        return to_score(path, quantize=quantize)


def record(
    inputs: PortsSpec,
    *,
    tempo: float = 96,
    meter: str | Meter = "4/4",
    bars: int | None = None,
    patch: Patch | None = None,
    click: PortSpec | None = None,
    count_in: int = 0,
    quantize: object = None,
    backend: Backend | None = None,
) -> Score:
    """Record ``inputs`` for ``bars`` bars (``None``: until Ctrl-C); the take as a Score.

    ``take = sf.live.record(inputs="Keyboard", tempo=96, meter="4/4", bars=8)``.
    """
    recorder = Recorder(
        inputs,
        tempo=tempo,
        meter=meter,
        patch=patch,
        click=click,
        count_in=count_in,
        bars=bars,
        quantize=quantize,
        backend=backend,
    ).start()
    until = None if bars is None else recorder.started + recorder.bar_seconds(bars)
    try:
        while until is None or time.perf_counter() < until:
            left = 0.05 if until is None else until - time.perf_counter()
            time.sleep(min(0.05, max(left, 0.0)))
    except KeyboardInterrupt:
        pass
    finally:
        score = recorder.stop()
    return score
