"""Play a score (or a MIDI file) to a port: the MIDI exporter's message stream, in seconds
from the tempo map, started at a bar and at a speed.

>>> import scoreframe as sf
>>> s = sf.Score(); s.meter("3/4")
>>> _ = s.part("Flute", program=74).voice("Fl").note("A4", "3/2")
>>> start_seconds(s, 2)          # bar 2 starts after one 3/4 bar at quarter = 120
1.5
>>> where = score_position(s)
>>> where(1.75)                   # bar 2, beat 1.5
(2, 1.5, 1.75)
"""

from __future__ import annotations

import os
from contextlib import ExitStack
from fractions import Fraction

from ..midi.reader import MidiFile
from ..midi.timed import TimedMessage
from ..score import Score
from ..tempo import TempoMap
from ..units.base import Patch, as_patch
from ..units.running import run_messages
from .midiports import Backend, MidiPort, PortsSpec, Virtual, labelled, open_output, open_spec
from .outputs import PortGroup
from .player import Player
from .router import check_routes
from .scheduler import PlayStats
from .stream import LiveValueError, Position, PositionFn

Source = Score | str | os.PathLike[str] | MidiFile


def start_seconds(score: Score, start_bar: int | None) -> float:
    """The second at which bar ``start_bar`` starts (``None``: 0)."""
    if start_bar is None:
        return 0.0
    bars = list(score.meters.bars(score.end))
    for bar in bars:
        if bar.number == start_bar:
            return TempoMap(score).seconds(bar.start)
    numbers = f"{bars[0].number} to {bars[-1].number}"
    raise LiveValueError(f"bar {start_bar} is not in the score; it has bars {numbers}")


def score_position(score: Score) -> PositionFn:
    """Seconds -> (bar, beat, seconds) through the tempo map and the meter map."""
    tempo_map = TempoMap(score)

    def position(seconds: float) -> tuple[int, float, float]:
        whole = Fraction(tempo_map.whole_notes(seconds)).limit_denominator(1 << 20)
        bar, beat = score.meters.locate(max(whole, Fraction(0)))
        return bar, float(beat), seconds

    return position


def score_messages(score: Score, patch: Patch | None = None) -> list[TimedMessage]:
    """The MIDI exporter's timed message stream for ``score`` (what a .mid file holds),
    through ``patch`` when given (each message then names its port)."""
    from ..midi import messages

    if patch is None:
        return list(messages(score))
    return list(messages(score, patch=as_patch(patch)))


def player(
    source: Source,
    port: MidiPort | PortGroup,
    *,
    start_bar: int | None = None,
    speed: float = 1.0,
    patch: Patch | None = None,
) -> Player:
    """A :class:`Player` (not started) for a score or a ``.mid`` file, from ``start_bar``,
    through ``patch`` when given."""
    if isinstance(source, Score):
        stream = score_messages(source, patch)
        start, position = start_seconds(source, start_bar), score_position(source)
    else:
        from .midifile import file_messages, file_start, midi_file

        midi = midi_file(source)  # read once
        stream = file_messages(midi)
        if patch is not None:
            stream = list(run_messages(patch, stream))
        start, position = file_start(midi, start_bar), None
    return Player(port, stream, speed=speed, start=start, position=position)


def play(
    source: Source,
    port: PortsSpec | None = None,
    *,
    start_bar: int | None = None,
    speed: float = 1.0,
    virtual: bool = False,
    backend: Backend | None = None,
    patch: Patch | None = None,
) -> PlayStats | None:
    """Play ``source`` (a Score or a MIDI file's path) to ``port``; block until done.

    ``port`` is an index, an exact name or a unique substring (see :func:`ports`);
    ``virtual=True`` creates a port of that name instead. With ``patch``, the stream goes
    through it, and ``port`` may name several ports (a list, or a mapping {name the patch's
    ``Output`` units use: port}): each message goes to the port its ``Output`` names, the
    others to the first. Ctrl-C stops cleanly: every sounding note is ended, then All Notes
    Off and Sustain Off go to each channel used.
    """
    if patch is None and (port is None or isinstance(port, str | int)):
        with (
            open_output(port, virtual=virtual, backend=backend) as output,
            player(source, output, start_bar=start_bar, speed=speed) as running,
        ):
            return _wait(running)
    unit = None if patch is None else as_patch(patch)
    if virtual:
        specs = labelled(Virtual("scoreframe" if port is None else str(port)))
    else:
        specs = labelled(0 if port is None else port)
    if unit is not None:
        check_routes(unit, list(specs))
    with ExitStack() as stack:
        group = PortGroup(
            {
                label: stack.enter_context(open_spec(s, backend=backend))
                for label, s in specs.items()
            }
        )
        running = stack.enter_context(
            player(source, group, start_bar=start_bar, speed=speed, patch=unit)
        )
        return _wait(running)


def _wait(running: Player) -> PlayStats | None:
    try:
        while True:
            stats = running.wait(timeout=0.1)
            if stats is not None or not running.playing:
                return stats
    except KeyboardInterrupt:
        return running.stop(timeout=5.0)


def format_position(position: Position, total: float) -> str:
    """The progress line: ``bar 3:2.5   0:05.2 / 1:02.0``.

    >>> format_position(Position(3, 2.5, 5.25), 62.0)
    'bar 3:2.5   0:05.2 / 1:02.0'
    """
    return f"bar {position.bar}:{position.beat:g}   {_clock(position.seconds)} / {_clock(total)}"


def _clock(seconds: float) -> str:
    minutes, rest = divmod(max(seconds, 0.0), 60)
    return f"{int(minutes)}:{rest:04.1f}"
