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
from collections.abc import Sequence
from typing import TextIO

from ..score import Score
from .midiports import Backend, Direction, PortSpec, Virtual, connect, open_output
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
    """``scoreframe ports``: list the output ports, then the input ports, and the backend."""
    midi_out, backend = connect()
    try:
        show_ports(list(midi_out.get_ports()), backend.name, out)
    finally:
        midi_out.delete()
    midi_in, backend = connect(backend, direction=Direction.INPUT)
    try:
        names = list(midi_in.get_ports())
    finally:
        midi_in.delete()
    print(f"MIDI input ports ({backend.name}):" if names else "no MIDI input ports", file=out)
    for index, name in enumerate(names):
        print(f"  {index}  {name}", file=out)
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
    if not isinstance(source, Score):
        from .midifile import midi_file

        source = midi_file(source)  # read once, for the stream, the start and the length
    wanted = virtual if virtual is not None else port
    with open_output(wanted, virtual=virtual is not None) as output:
        print(f"playing to {output.name!r} ({output.backend.name})", file=out, flush=True)
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


def port_specs(names: Sequence[str], virtual: Sequence[str] = ()) -> dict[str, PortSpec]:
    """``--in``/``--out`` values: ``NAME`` (a port, a unique part of its name or an index,
    known to the patch by that text) or ``LABEL=NAME`` (known to the patch as LABEL); and
    virtual ports to create.

    >>> port_specs(["synth=FLUID", "2"], ["keys"])
    {'synth': 'FLUID', '2': 2, 'keys': Virtual(name='keys')}
    """
    out: dict[str, PortSpec] = {}
    for item in names:
        label, equals, name = item.partition("=")
        target = name if equals else label
        out[label] = int(target) if target.isdigit() else target
    for name in virtual:
        out[name] = Virtual(name)
    return out


def cli_route(
    patch_file: str,
    *,
    inputs: dict[str, PortSpec],
    outputs: dict[str, PortSpec],
    backend: Backend | None = None,
    out: TextIO = sys.stdout,
) -> int:
    """``scoreframe route``: route until Ctrl-C; every note that went out gets its note-off."""
    from ..units.loading import load_patch
    from .router import routing

    patch = load_patch(patch_file)
    with routing(patch, inputs, outputs, backend=backend) as running:
        ins = ", ".join(repr(p.name) for p in running.inputs.values())
        outs = ", ".join(repr(n) for n in running.router.outputs.names)
        print(f"routing {ins} -> {outs} through {patch_file}; Ctrl-C stops", file=out, flush=True)
        running.wait()
        stats = running.stop()
    print(
        f"routed {stats.received} events, sent {stats.sent} messages, released {stats.released}"
        f" notes{f', {stats.errors} events the patch failed on' if stats.errors else ''}",
        file=out,
    )
    return 0


def cli_record(
    target: str,
    *,
    inputs: dict[str, PortSpec],
    tempo: float,
    meter: str,
    bars: int | None,
    click: PortSpec | None,
    count_in: int,
    patch_file: str | None,
    quantize: object,
    backend: Backend | None = None,
    out: TextIO = sys.stdout,
) -> int:
    """``scoreframe record``: record into a score file (``.mid``, ``.score.xml``...)."""
    from .. import formats
    from ..units.loading import load_patch
    from .recorder import record

    formats.writer_for(target)  # an unknown suffix fails before anything is recorded
    patch = None if patch_file is None else load_patch(patch_file)
    length = f"{bars} bars" if bars else "until Ctrl-C"
    print(f"recording at {tempo:g} BPM in {meter}, {length}", file=out, flush=True)
    score = record(
        inputs,
        tempo=tempo,
        meter=meter,
        bars=bars,
        patch=patch,
        click=click,
        count_in=count_in,
        quantize=quantize,
        backend=backend,
    )
    score.write(target)
    notes = sum(1 for v in score.voices for n in v.notes if n.pitch is not None)
    print(f"wrote {target}: {notes} notes", file=out)
    return 0
