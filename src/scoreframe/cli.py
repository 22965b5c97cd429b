"""The ``scoreframe`` command: export, info, validate, play, ports.

A SCORE is a ``.py`` file defining ``score`` or ``build()``, or a ``.score.xml`` document. Any
error prints one line, ``scoreframe: error: ...``, and exits with status 2; no traceback.

>>> main(["export", "nowhere.py", "-o", "x.mid"])
2
"""

from __future__ import annotations

import argparse
import importlib.util
import sys
import traceback
from collections.abc import Sequence
from pathlib import Path
from typing import Any, TextIO

from .errors import ScoreframeError
from .formats import SUFFIXES, format_for
from .score import Score

#: What ``export --all DIR`` writes (one file per format).
ALL_FORMATS = (".mid", ".musicxml", ".mxl", ".sco", ".csd", ".score.xml")
EXIT_ERROR = 2


class CliError(ScoreframeError, ValueError):
    """A command-line input the tool cannot use."""


def load_score(path: str | Path) -> Score:
    """The score a ``.py`` file (``score`` or ``build()``) or a ``.score.xml`` document holds."""
    source = Path(path)
    if not source.is_file():
        raise CliError(f"{source}: no such file")
    if source.name.lower().endswith(".score.xml"):
        from .document import load

        return load(source)
    if source.suffix != ".py":
        raise CliError(
            f"{source}: a score is a .py file (defining score or build()) or a .score.xml document"
        )
    return _from_python(source)


def _from_python(source: Path) -> Score:
    spec = importlib.util.spec_from_file_location(f"scoreframe_score_{source.stem}", source)
    if spec is None or spec.loader is None:
        raise CliError(f"{source}: cannot be imported as a Python module")
    module = importlib.util.module_from_spec(spec)
    try:
        spec.loader.exec_module(module)
        score = (
            module.build()
            if callable(getattr(module, "build", None))
            else getattr(module, "score", None)
        )
    except ScoreframeError:
        raise
    except Exception as error:  # the composer's own code failed: say where, in one line
        raise CliError(
            f"{source}{_user_line(source, error)}: {type(error).__name__}: {error}"
        ) from None
    if not isinstance(score, Score):
        raise CliError(f"{source}: defines neither `score` (a Score) nor `build()` returning one")
    return score


def _user_line(source: Path, error: BaseException) -> str:
    frames = [
        f
        for f in traceback.extract_tb(error.__traceback__)
        if Path(f.filename).resolve() == source.resolve()
    ]
    return f" line {frames[-1].lineno}" if frames else ""


def cmd_export(args: argparse.Namespace, out: TextIO) -> int:
    score = load_score(args.score)
    targets = [Path(t) for t in args.output or []]
    if args.all:
        folder = Path(args.all)
        folder.mkdir(parents=True, exist_ok=True)
        stem = Path(args.score).name.removesuffix(".py").removesuffix(".score.xml")
        targets += [folder / f"{stem}{suffix}" for suffix in ALL_FORMATS]
    if not targets:
        raise CliError("export needs -o OUT (one or more) or --all DIR")
    for target in targets:
        format_for(target)  # an unknown suffix fails before anything is written
    for target in targets:
        score.write(target)
        print(f"wrote {target}", file=out)
    return 0


def cmd_info(args: argparse.Namespace, out: TextIO) -> int:
    from .tempo import TempoMap

    score = load_score(args.score)
    tempo_map = TempoMap(score)
    bars = list(score.meters.bars(score.end))
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
    print(f"length:   {len(bars)} bars, {tempo_map.seconds(score.sounding_end):.3f} s", file=out)
    print(f"tempo:    {min(tempi):g} to {max(tempi):g} BPM", file=out)
    return 0


def cmd_validate(args: argparse.Namespace, out: TextIO) -> int:
    path = Path(args.file)
    name = path.name.lower()
    if name.endswith((".musicxml", ".mxl")) or (
        name.endswith(".xml") and not name.endswith(".score.xml")
    ):
        from .musicxml import validate

        validate(path)
    elif name.endswith((".mid", ".midi")):
        from .midi import read

        read(path)
    else:
        load_score(path).validate()
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


def parser() -> argparse.ArgumentParser:
    """The argument parser (one sub-command per verb)."""
    known = " ".join(sorted(SUFFIXES))
    top = argparse.ArgumentParser(prog="scoreframe", description="Exact-time scores, exported.")
    verbs = top.add_subparsers(dest="verb", required=True)
    export = verbs.add_parser(
        "export", help=f"write a score to files; the suffix picks the format ({known})"
    )
    export.add_argument("score")
    export.add_argument("-o", "--output", action="append", metavar="OUT")
    export.add_argument("--all", metavar="DIR", help="write every format into DIR")
    export.set_defaults(run=cmd_export)
    info = verbs.add_parser("info", help="parts, voices, notes, length in bars and seconds")
    info.add_argument("score")
    info.set_defaults(run=cmd_info)
    validate = verbs.add_parser("validate", help="check a score, .score.xml, MusicXML or MIDI file")
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
    ports = verbs.add_parser("ports", help="list the MIDI output ports")
    ports.set_defaults(run=cmd_ports)
    return top


def main(argv: Sequence[str] | None = None, out: TextIO | None = None) -> int:
    """Run the command line; returns the exit status."""
    args = parser().parse_args(argv)
    stream = out if out is not None else sys.stdout
    try:
        status: int = args.run(args, stream)
    except (ScoreframeError, OSError) as error:
        print(f"scoreframe: error: {error}", file=sys.stderr)
        return EXIT_ERROR
    return status


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
