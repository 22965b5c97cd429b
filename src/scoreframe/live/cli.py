"""``scoreframe play`` and ``scoreframe ports``: playback with a progress line, and the ports.

>>> import io
>>> out = io.StringIO()
>>> show_ports(["FluidSynth:Synth input port (1234:0)", "Midi Through:0"], "ALSA", out)
>>> print(out.getvalue(), end="")
MIDI output ports (ALSA):
  0  FluidSynth:Synth input port (1234:0)
  1  Midi Through:0
"""

from __future__ import annotations

import sys
from typing import TextIO

from ..score import Score
from .midiports import connect, open_output
from .playback import Source, _wait, format_position, player


def show_ports(names: list[str], backend: str, out: TextIO) -> None:
    """Print the numbered port list."""
    if not names:
        print(f"no MIDI output ports ({backend}); use --virtual NAME to create one", file=out)
        return
    print(f"MIDI output ports ({backend}):", file=out)
    for index, name in enumerate(names):
        print(f"  {index}  {name}", file=out)


def cli_ports(out: TextIO = sys.stdout) -> int:
    """``scoreframe ports``: list the output ports and the backend in use."""
    midi_out, backend = connect()
    try:
        show_ports(list(midi_out.get_ports()), backend.name, out)
    finally:
        midi_out.delete()
    return 0


def cli_play(
    source: Source,
    *,
    port: str | int | None = None,
    virtual: str | None = None,
    start_bar: int | None = None,
    speed: float = 1.0,
    out: TextIO = sys.stdout,
) -> int:
    """``scoreframe play``: play a score or a ``.mid`` file; a progress line on a terminal.

    ``virtual`` names a virtual port to create instead of opening ``port``. Ctrl-C stops
    cleanly (no hanging notes) and returns 130.
    """
    wanted = virtual if virtual is not None else port
    with open_output(wanted, virtual=virtual is not None) as output:
        print(f"playing to {output.name!r} ({output.backend.name})", file=out)
        running = player(source, output, start_bar=start_bar, speed=speed).start()
        total = _total(source)
        interrupted = False
        try:
            while running.wait(timeout=0.2) is None and running.playing:
                if out.isatty():
                    print("\r" + format_position(running.position, total), end="", file=out)
                    out.flush()
        except KeyboardInterrupt:
            interrupted = True
        stats = running.stop(timeout=5.0) if interrupted else _wait(running)
    if out.isatty():
        print(file=out)
    if stats is not None:
        print(f"sent {stats.sent} messages, {stats.late} late", file=out)
    return 130 if interrupted else 0


def _total(source: Source) -> float:
    """The length of the score or file in seconds, for the progress line."""
    from ..tempo import TempoMap

    if isinstance(source, Score):
        return TempoMap(source).seconds(source.sounding_end)
    from .midifile import file_length

    return file_length(source)
