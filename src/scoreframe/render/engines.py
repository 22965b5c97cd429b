"""The outside programs and packages rendering needs, found before anything is written, and
run with their output captured and read (their exit codes lie: FluidSynth, Csound and
MuseScore exit 0 after many failures).

The tables say where each comes from, so that a missing one is a
:class:`~scoreframe.errors.MissingDependencyError` naming its Debian or PyPI package:

>>> PROGRAMS["fluidsynth"].package, MODULES["verovio"]
('fluidsynth', "pip install 'scoreframe[render]'")
>>> program("no-such-engine-here")
Traceback (most recent call last):
...
scoreframe.errors.MissingDependencyError: no-such-engine-here is not installed: ...
"""

from __future__ import annotations

import contextlib
import importlib
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType
from typing import TextIO

from ..errors import MissingDependencyError, RenderError

#: Seconds an engine may run before it is stopped (a long score renders in minutes).
TIMEOUT = 3600.0
#: Seconds between looks at a running engine (for the progress bar).
POLL = 0.25
ANSI = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")


@dataclass(frozen=True, slots=True)
class Program:
    """An outside program: the names it goes by on PATH and the Debian package holding it."""

    names: tuple[str, ...]
    package: str


#: The programs, by engine name.
PROGRAMS: dict[str, Program] = {
    "fluidsynth": Program(("fluidsynth",), "fluidsynth"),
    "csound": Program(("csound",), "csound"),
    "musescore": Program(("mscore3", "musescore3", "mscore"), "musescore3"),
}

#: Python modules rendering imports, and how to install each.
MODULES: dict[str, str] = {
    "verovio": "pip install 'scoreframe[render]'",
    "matplotlib": "pip install 'scoreframe[render]'",
    "cairosvg": "pip install 'scoreframe[render]' (and the Debian package libcairo2)",
}


def program(name: str) -> str:
    """The path of engine ``name``'s program, or a MissingDependencyError naming its package."""
    known = PROGRAMS.get(name, Program((name,), name))
    for candidate in known.names:
        found = shutil.which(candidate)
        if found:
            return found
    raise MissingDependencyError(
        f"{name} is not installed: no {' or '.join(known.names)} on PATH; install the Debian "
        f"package {known.package} (apt-get install {known.package})"
    )


def module(name: str) -> ModuleType:
    """Import an optional module, or a MissingDependencyError saying how to install it."""
    try:
        return importlib.import_module(name)
    except ImportError:
        top = name.partition(".")[0]
        how = MODULES.get(top, f"pip install {top}")
        raise MissingDependencyError(
            f"rendering needs the Python package {top}, which is not installed: {how}"
        ) from None


@dataclass(frozen=True, slots=True)
class Run:
    """What a finished program printed (colour codes removed) and its exit status."""

    args: tuple[str, ...]
    status: int
    output: str

    def lines(self, pattern: str) -> list[str]:
        """The lines of the output matching ``pattern`` (case-insensitive)."""
        return [line for line in self.output.splitlines() if re.search(pattern, line, re.I)]

    def fail(self, what: str, lines: Sequence[str]) -> RenderError:
        quoted = "; ".join(line.strip() for line in lines[:5]) or f"exit status {self.status}"
        return RenderError(f"{what}: {Path(self.args[0]).name} failed: {quoted}")


def run(
    args: Sequence[str],
    *,
    cwd: Path | None = None,
    env: dict[str, str] | None = None,
    progress: Callable[[], None] | None = None,
) -> Run:
    """Run a program with stdout and stderr captured (into one text); ``progress`` is called
    every :data:`POLL` seconds while it runs."""
    with tempfile.TemporaryFile() as log:
        try:
            child = subprocess.Popen(
                list(args), cwd=cwd, env=env, stdout=log, stderr=log, stdin=subprocess.DEVNULL
            )
        except OSError as error:
            raise RenderError(f"{args[0]} could not start: {error}") from None
        started = time.monotonic()
        while child.poll() is None:
            if time.monotonic() - started > TIMEOUT:
                child.kill()
                child.wait()
                raise RenderError(f"{Path(args[0]).name} ran over {TIMEOUT:g} s and was stopped")
            if progress is not None:
                progress()
            with contextlib.suppress(subprocess.TimeoutExpired):
                child.wait(POLL)
        log.seek(0)
        text = ANSI.sub("", log.read().decode("utf-8", "replace"))
    return Run(tuple(args), child.returncode, text)


@contextlib.contextmanager
def captured_stderr() -> Iterator[list[str]]:
    """Capture what C code in this process writes to file descriptor 2 (verovio logs there);
    the list holds the lines once the block ends."""
    lines: list[str] = []
    sys.stderr.flush()
    saved = os.dup(2)
    with tempfile.TemporaryFile() as log:
        os.dup2(log.fileno(), 2)
        try:
            yield lines
        finally:
            os.dup2(saved, 2)
            os.close(saved)
            log.seek(0)
            lines += log.read().decode("utf-8", "replace").splitlines()


class ProgressBar:
    """A one-line progress bar on a terminal: ``[#####.....]  42%  12.3 of 29.0 s``."""

    WIDTH = 30

    def __init__(self, total: float, label: str, stream: TextIO | None = None) -> None:
        self.total, self.label = max(total, 1e-9), label
        self.stream = stream if stream is not None else sys.stderr
        self.shown = False

    def show(self, done: float) -> None:
        share = min(max(done / self.total, 0.0), 1.0)
        filled = round(share * self.WIDTH)
        bar = "#" * filled + "." * (self.WIDTH - filled)
        self.stream.write(
            f"\r{self.label} [{bar}] {share:4.0%}  {min(done, self.total):.1f} of "
            f"{self.total:.1f} s"
        )
        self.stream.flush()
        self.shown = True

    def close(self) -> None:
        if self.shown:
            self.stream.write("\n")
            self.stream.flush()


def wants_progress(choice: bool | None) -> bool:
    """A progress bar is shown when asked, or (None) when stderr is a terminal."""
    if choice is not None:
        return choice
    return bool(getattr(sys.stderr, "isatty", lambda: False)())
