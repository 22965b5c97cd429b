"""The ``scoreframe`` command: export, render, plot, info, validate, play, ports, route, record.

A SCORE is a ``.py`` file defining ``score`` or ``build()``, or a ``.score.xml`` document. Any
error prints one line, ``scoreframe: error: ...``, and exits with status 2; no traceback.

>>> main(["export", "nowhere.py", "-o", "x.mid"])
2
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence
from dataclasses import fields
from pathlib import Path
from typing import Any, TextIO

from . import formats
from .errors import ExportError, ScoreframeError, UnknownFormatError
from .score import Score

EXIT_ERROR = 2
#: The status after Ctrl-C, as shells give it (128 + SIGINT).
EXIT_INTERRUPTED = 130


class CliError(ScoreframeError, ValueError):
    """A command-line input the tool cannot use."""


def load_score(path: str | Path, quantize: str | None = None) -> Score:
    """The score a file holds, read by its format's reader (a ``.py`` file runs); a MIDI
    file's notes snapped by ``quantize`` (``"1/16"``, or divisions per quarter ``"4,3"``)."""
    source = Path(path)
    if not source.exists():
        raise CliError(f"{source}: no such file")
    options: dict[str, object] = {}
    if quantize:
        if formats.format_for(source).name != "midi":
            raise CliError(f"{source}: --quantize applies to MIDI files")
        options["quantize"] = _grid(quantize)
    try:
        return formats.load(source, **options)
    except UnknownFormatError:
        known = ", ".join(sorted(formats.readable_suffixes()))
        raise CliError(f"{source}: a score is a file scoreframe reads ({known})") from None


def _grid(text: str) -> str | list[int]:
    """``--quantize``: a note value (``1/16``) as it is, or divisions per quarter (``4,3``)."""
    grid = text.strip()
    if "/" in grid:
        return grid
    try:
        return [int(d) for d in grid.split(",")]
    except ValueError:
        raise CliError(
            f"--quantize {text!r}: give a note value (1/16) or divisions (4,3)"
        ) from None


def parse_options(items: Sequence[str]) -> dict[str, object]:
    """``NAME=VALUE`` pairs: VALUE read as a bool (``true``/``false``), an int, a float, or
    else text (an Enum option takes its value's text, ``tempo_policy=ames``)."""
    options: dict[str, object] = {}
    for item in items:
        name, equals, text = item.partition("=")
        if not equals or not name:
            raise CliError(f"--option {item!r}: write NAME=VALUE, such as ppq=960")
        options[name.strip()] = _value(text.strip())
    return options


def _value(text: str) -> object:
    if text.lower() in ("true", "false"):
        return text.lower() == "true"
    for kind in (int, float):
        try:
            return kind(text)
        except ValueError:
            pass
    return text


def _known_options(target: Path) -> tuple[str, ...]:
    found = formats.format_for(target)
    if found.options is None:
        return ()
    module, _, name = found.options.partition(":")
    return tuple(f.name for f in fields(getattr(importlib.import_module(module), name)))


def _check_options(target: Path, options: dict[str, object]) -> None:
    """Build ``target``'s options (their checks run; an ExportError names a wrong value)."""
    from .options import options_of

    found = formats.format_for(target)
    if found.options is not None:
        module, _, name = found.options.partition(":")
        options_of(getattr(importlib.import_module(module), name), options, found.label)


def _options_for(targets: list[Path], options: dict[str, object]) -> list[dict[str, object]]:
    """Each target's share of the options: those its format knows. An option no target's
    format knows is an error listing the valid ones."""
    known = [_known_options(t) for t in targets]
    for name in options:
        if not any(name in names for names in known):
            valid = ", ".join(sorted({n for names in known for n in names})) or "none"
            raise ExportError(
                f"unknown option {name!r} for {', '.join(map(str, targets))}; valid: {valid}"
            )
    return [{k: v for k, v in options.items() if k in names} for names in known]


def cmd_export(args: argparse.Namespace, out: TextIO) -> int:
    score = load_score(args.score, args.quantize)
    targets = [Path(t) for t in args.output or []]
    if args.all:
        folder = Path(args.all)
        folder.mkdir(parents=True, exist_ok=True)
        stem = Path(args.score).name
        stem = stem[: len(stem) - len(formats.suffix_of(stem))] if _known(stem) else stem
        targets += [folder / f"{stem}{suffix}" for f in formats.FORMATS for suffix in f.everything]
    if not targets:
        raise CliError("export needs -o OUT (one or more) or --all DIR")
    for target in targets:
        formats.writer_for(target)  # an unknown suffix fails before anything is written
    shares = _options_for(targets, parse_options(args.option or []))
    if args.patch:
        _add_patch(args.patch, targets, shares)
    failed = []
    for target, options in zip(targets, shares, strict=True):
        try:
            score.write(target, **options)  # type: ignore[arg-type]
        except ScoreframeError as error:
            if len(targets) == 1:
                raise
            print(f"scoreframe: error: {target}: {one_line(str(error))}", file=sys.stderr)
            failed.append(target)
            continue
        print(f"wrote {target}", file=out)
    if failed:
        print(
            f"scoreframe: error: {len(failed)} of {len(targets)} files failed: "
            f"{', '.join(str(t) for t in failed)}",
            file=sys.stderr,
        )
        return EXIT_ERROR
    return 0


def _add_patch(patch_file: str, targets: list[Path], shares: list[dict[str, object]]) -> None:
    """Give the patch a file defines to the MIDI targets; an error if none is MIDI."""
    from .units.loading import load_patch

    midi = [i for i, t in enumerate(targets) if "patch" in _known_options(t)]
    if not midi:
        raise CliError(f"--patch applies to MIDI files (.mid), not {', '.join(map(str, targets))}")
    patch = load_patch(patch_file)
    for index in midi:
        shares[index]["patch"] = patch


def _known(name: str) -> bool:
    try:
        formats.suffix_of(name)
    except UnknownFormatError:
        return False
    return True


#: The formats ``render`` writes (through outside engines).
RENDERED = ("audio", "notation")


def cmd_render(args: argparse.Namespace, out: TextIO) -> int:
    """Audio or notation images: the suffix picks the writer, ``--engine`` the program."""
    targets = [Path(t) for t in args.output]
    for target in targets:
        if formats.format_for(target).name not in RENDERED:
            known = " ".join(s for f in formats.FORMATS if f.name in RENDERED for s in f.suffixes)
            raise CliError(f"{target}: render writes {known}; use export for other formats")
    options = parse_options(args.option or [])
    for name in ("engine", "soundfont"):
        if getattr(args, name) is not None:
            options[name] = getattr(args, name)
    shares = _options_for(targets, options)
    for target, share in zip(targets, shares, strict=True):
        _check_options(target, share)  # a wrong engine fails before anything is written
    score = load_score(args.score)
    for target, share in zip(targets, shares, strict=True):
        score.write(target, **share)  # type: ignore[arg-type]
        print(f"wrote {target}", file=out)
    return 0


def cmd_plot(args: argparse.Namespace, out: TextIO) -> int:
    """A piano roll (PNG, SVG or PDF) with the tempo and the contours asked for."""
    from .plot import pianoroll

    score = load_score(args.score)
    for target in args.output:
        pianoroll(
            score,
            target,
            contours=args.contour or [],
            time="seconds" if args.seconds else "bars",
            tempo=not args.no_tempo,
        )
        print(f"wrote {target}", file=out)
    return 0


def cmd_info(args: argparse.Namespace, out: TextIO) -> int:
    from .tempo import TempoMap

    score = load_score(args.score)
    tempo_map = TempoMap(score)
    bars = bar_count(score)
    notes = sum(1 for v in score.voices for n in v.notes if n.pitch is not None)
    print(f"title:    {score.title or '(untitled)'}", file=out)
    if score.composer:
        print(f"composer: {score.composer}", file=out)
    for part in score.parts:
        print(f"part {part.name!r}: {len(part.voices)} voices", file=out)
        for voice in part.voices:
            count = sum(1 for n in voice.notes if n.pitch is not None)
            print(f"  voice {voice.name!r} (staff {voice.staff}): {count} notes", file=out)
    tempi = [s.origin for s in tempo_map.spans] + [s.goal for s in tempo_map.spans]
    print(f"notes:    {notes}", file=out)
    print(f"length:   {bars} bars, {tempo_map.seconds(score.sounding_end):.3f} s", file=out)
    print(f"tempo:    {min(tempi):g} to {max(tempi):g} BPM", file=out)
    return 0


def bar_count(score: Score) -> int:
    """How many bars the score spans (a pickup counts), found without walking them."""
    end = score.end
    bar, beat = score.meters.locate(end)
    last = bar - 1 if beat == 1 and end > 0 else bar  # ending on a bar line: the bar before
    if score.meters.pickup:
        return max(last, 0) + 1  # the pickup is bar 0
    return max(last, 1)


def cmd_validate(args: argparse.Namespace, out: TextIO) -> int:
    path = Path(args.file)
    if not path.exists():
        raise CliError(f"{path}: no such file")
    formats.validate(path)
    print(f"{path}: valid", file=out)
    return 0


def cmd_play(args: argparse.Namespace, out: TextIO) -> int:
    from .live import cli_play

    source: Any = args.score
    if not str(source).lower().endswith((".mid", ".midi")):
        source = load_score(source)
    port: str | int | None = args.port
    if isinstance(port, str) and port.isdigit():
        port = int(port)
    return cli_play(
        source, port=port, virtual=args.virtual, start_bar=args.start_bar, speed=args.speed, out=out
    )


def cmd_ports(args: argparse.Namespace, out: TextIO) -> int:
    from .live import cli_ports

    return cli_ports(out)


def _backend(name: str | None) -> Any:
    if name is None:
        return None
    from .live import Backend

    return Backend[name.upper()]


def cmd_route(args: argparse.Namespace, out: TextIO) -> int:
    from .live import cli_route
    from .live.cli import port_specs

    inputs = port_specs(args.inputs or [], args.virtual_inputs or [])
    outputs = port_specs(args.outputs or [], args.virtual_outputs or [])
    if not inputs or not outputs:
        raise CliError(
            "route needs --in NAME (or --in-virtual NAME) and --out NAME (or --out-virtual NAME)"
        )
    return cli_route(
        args.patch, inputs=inputs, outputs=outputs, backend=_backend(args.backend), out=out
    )


def cmd_record(args: argparse.Namespace, out: TextIO) -> int:
    from .live import cli_record
    from .live.cli import port_specs

    inputs = port_specs(args.inputs or [], args.virtual_inputs or [])
    if not inputs:
        raise CliError("record needs --in NAME (or --in-virtual NAME)")
    click = None if args.click is None else next(iter(port_specs([args.click]).values()))
    return cli_record(
        args.output,
        inputs=inputs,
        tempo=args.tempo,
        meter=args.meter,
        bars=args.bars,
        click=click,
        count_in=args.count_in,
        patch_file=args.patch,
        quantize=None if args.quantize is None else _grid(args.quantize),
        backend=_backend(args.backend),
        out=out,
    )


def _port_options(verb: argparse.ArgumentParser, *, outputs: bool) -> None:
    verb.add_argument(
        "--in",
        dest="inputs",
        action="append",
        metavar="NAME",
        help="an input port (index, name or unique part; LABEL=NAME names it for the patch)",
    )
    verb.add_argument(
        "--in-virtual",
        dest="virtual_inputs",
        action="append",
        metavar="NAME",
        help="create a virtual input port NAME",
    )
    if outputs:
        verb.add_argument(
            "--out",
            dest="outputs",
            action="append",
            metavar="NAME",
            help="an output port (LABEL=NAME: the name the patch's Output uses)",
        )
        verb.add_argument(
            "--out-virtual",
            dest="virtual_outputs",
            action="append",
            metavar="NAME",
            help="create a virtual output port NAME",
        )
    verb.add_argument(
        "--backend", choices=[b.lower() for b in ("ALSA", "JACK", "CORE_MIDI", "WINDOWS_MM")]
    )


def _live_verbs(verbs: Any) -> None:
    """``route`` and ``record``."""
    route = verbs.add_parser("route", help="route MIDI input ports through a patch until Ctrl-C")
    route.add_argument("patch", metavar="PATCH.py", help="a .py file defining `patch`")
    _port_options(route, outputs=True)
    route.set_defaults(run=cmd_route)
    record = verbs.add_parser("record", help="record MIDI input into a score file")
    record.add_argument("output", metavar="OUT", help="the score file (.mid, .score.xml...)")
    _port_options(record, outputs=False)
    record.add_argument("--tempo", type=float, default=96.0, help="quarter-note BPM (96)")
    record.add_argument("--meter", default="4/4")
    record.add_argument("--bars", type=int, help="stop after BARS bars (else at Ctrl-C)")
    record.add_argument("--click", metavar="NAME", help="an output port for a click")
    record.add_argument("--count-in", type=int, default=0, metavar="BARS")
    record.add_argument("--patch", metavar="PATCH.py", help="record through a patch")
    record.add_argument("--quantize", help="quantize with the MIDI import (1/16, or 4,3,5)")
    record.set_defaults(run=cmd_record)


def parser() -> argparse.ArgumentParser:
    """The argument parser (one sub-command per verb)."""
    known = " ".join(sorted(formats.writable_suffixes()))
    top = argparse.ArgumentParser(prog="scoreframe", description="Exact-time scores, exported.")
    verbs = top.add_subparsers(dest="verb", required=True)
    export = verbs.add_parser(
        "export", help=f"write a score to files; the suffix picks the format ({known})"
    )
    export.add_argument("score")
    export.add_argument("-o", "--output", action="append", metavar="OUT")
    export.add_argument("--all", metavar="DIR", help="write every format into DIR")
    export.add_argument(
        "-O",
        "--option",
        action="append",
        metavar="NAME=VALUE",
        help="an exporter option (ppq=960, format=0, ramps=true...); each file takes those "
        "its format knows",
    )
    export.add_argument(
        "--patch", metavar="FILE.py", help="MIDI files: a .py file defining `patch` (units)"
    )
    export.add_argument(
        "--quantize",
        metavar="GRID",
        help="snap a MIDI file's notes: a note value (1/16) or divisions per quarter (4,3)",
    )
    export.set_defaults(run=cmd_export)
    _render_parser(verbs)
    _plot_parser(verbs)
    info = verbs.add_parser("info", help="parts, voices, notes, length in bars and seconds")
    info.add_argument("score")
    info.set_defaults(run=cmd_info)
    validate = verbs.add_parser(
        "validate", help="check a file by its format: a score, .score.xml, MusicXML or MIDI"
    )
    validate.add_argument("file")
    validate.set_defaults(run=cmd_validate)
    play = verbs.add_parser("play", help="play a score or a .mid file to a MIDI port")
    play.add_argument("score")
    where = play.add_mutually_exclusive_group()
    where.add_argument("--port", help="port index, exact name or unique part of its name")
    where.add_argument("--virtual", metavar="NAME", help="create a virtual port NAME")
    play.add_argument("--from", dest="start_bar", type=int, metavar="BAR")
    play.add_argument("--speed", type=float, default=1.0)
    play.set_defaults(run=cmd_play)
    ports = verbs.add_parser("ports", help="list the MIDI output and input ports")
    ports.set_defaults(run=cmd_ports)
    _live_verbs(verbs)
    return top


def _render_parser(verbs: Any) -> None:
    from .render.options import Engine

    render = verbs.add_parser(
        "render",
        help="audio (.wav .flac) through FluidSynth or Csound, notation (.svg .png .pdf) "
        "through verovio or MuseScore 3",
    )
    render.add_argument("score")
    render.add_argument("-o", "--output", action="append", metavar="OUT", required=True)
    render.add_argument("--engine", choices=[e.value for e in Engine])
    render.add_argument("--soundfont", metavar="PATH", help="a .sf2 file (FluidSynth)")
    render.add_argument(
        "-O",
        "--option",
        action="append",
        metavar="NAME=VALUE",
        help="a render option (sample_rate=48000, gain=0.8, release=2, page=1, resolution=150)",
    )
    render.set_defaults(run=cmd_render)


def _plot_parser(verbs: Any) -> None:
    plot = verbs.add_parser("plot", help="a piano roll of the score (.png .svg)")
    plot.add_argument("score")
    plot.add_argument("-o", "--output", action="append", metavar="OUT", required=True)
    plot.add_argument(
        "--contour",
        action="append",
        metavar="NAME",
        help="a contour panel: velocity, control:11, pitch_bend, a Csound field",
    )
    plot.add_argument("--seconds", action="store_true", help="time in seconds, not bars")
    plot.add_argument("--no-tempo", action="store_true", help="leave out the tempo panel")
    plot.set_defaults(run=cmd_plot)


def main(argv: Sequence[str] | None = None, out: TextIO | None = None) -> int:
    """Run the command line; returns the exit status."""
    args = parser().parse_args(argv)
    stream = out if out is not None else sys.stdout
    try:
        status: int = args.run(args, stream)
    except (ScoreframeError, OSError) as error:
        print(f"scoreframe: error: {one_line(str(error))}", file=sys.stderr)
        return EXIT_ERROR
    except KeyboardInterrupt:
        print("scoreframe: stopped (Ctrl-C)", file=sys.stderr)
        return EXIT_INTERRUPTED
    return status


def one_line(message: str) -> str:
    """A message on one line (a composer's error text may hold line breaks)."""
    return " ".join(message.split())


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
