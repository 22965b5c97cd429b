"""A private JACK server on the dummy driver, for the live tests and the routing benchmark.

It gets a unique ``-n`` name (so it never meets a user's server or another run), is waited for
with ``jack_wait``, and on the way out is stopped by its PID, the ``/dev/shm/jack*`` files it
made removed. Only one runs at a time: the tests' fixtures are module-scoped, one module after
another.

The shared files (the registry, the per-user segments) must outlive a server while the process
that talked to it lives: libjack keeps the registry it first attached, and a second server in
the same process then fails with "Cannot open shm segment". So a caller that runs several
servers in one process passes ``keep_shared=True`` and calls :func:`clean_shared` at its end.
"""

from __future__ import annotations

import os
import secrets
import shutil
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

SHM = Path("/dev/shm")
#: The variables a client needs to find the server (and never to start a default one).
VARIABLES = ("JACK_NO_AUDIO_RESERVATION", "JACK_NO_START_SERVER", "JACK_DEFAULT_SERVER")


class JackFailed(RuntimeError):
    """jackd did not start; the message holds its output."""


def _shm_entries() -> set[Path]:
    return set(SHM.glob("jack*")) if SHM.is_dir() else set()


def _remove(entry: Path) -> None:
    if entry.is_dir() and not entry.is_symlink():
        shutil.rmtree(entry, ignore_errors=True)
    else:
        entry.unlink(missing_ok=True)


def _clean_shm(name: str, before: set[Path], *, keep_shared: bool = False) -> None:
    """Remove the ``/dev/shm/jack*`` entries our server made. Shared ones (the registry, the
    per-user segments) go only when no other JACK server's socket is left, and not at all
    with ``keep_shared``."""
    others_running = keep_shared or any(
        p.is_socket() for p in SHM.glob("jack_*") if name not in p.name
    )
    for entry in _shm_entries() - before:
        if name in entry.name or not others_running:
            _remove(entry)


def clean_shared(before: set[Path]) -> None:
    """Remove the shared ``/dev/shm/jack*`` entries made since ``before`` (when no server runs)."""
    _clean_shm("", before)


def shm_entries() -> set[Path]:
    """The ``/dev/shm/jack*`` entries now (a snapshot for :func:`clean_shared`)."""
    return _shm_entries()


def stop(process: subprocess.Popen[bytes]) -> None:
    if process.poll() is None:
        process.terminate()  # SIGTERM to the PID: jackd shuts down and unlinks its files
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=15)


def _wait_ready(
    process: subprocess.Popen[bytes], jack_wait: str, env: dict[str, str], log: Path
) -> None:
    try:
        ready = subprocess.run(
            [jack_wait, "-w", "-t", "20"], env=env, capture_output=True, timeout=40, check=False
        )
        ok = ready.returncode == 0 and process.poll() is None
    except subprocess.TimeoutExpired:
        ok = False
    if not ok:
        stop(process)
        raise JackFailed(f"jackd did not start; its output:\n{log.read_text(errors='replace')}")


@contextmanager
def running_jack(
    jackd: str, jack_wait: str, folder: Path, *, period: int = 256, keep_shared: bool = False
) -> Iterator[dict[str, str]]:
    """Run a server (48 kHz, ``period`` frames a cycle) while the block runs; yields the
    environment variables a client needs (set them, or pass them to a subprocess)."""
    name = f"scoreframe-test-{os.getpid()}-{secrets.token_hex(3)}"
    env = {
        **os.environ,
        "JACK_NO_AUDIO_RESERVATION": "1",  # no D-Bus device reservation
        "JACK_NO_START_SERVER": "1",  # clients must never start a default server
        "JACK_DEFAULT_SERVER": name,
    }
    log = folder / "jackd.log"
    before = _shm_entries()
    # -p 64 (before -d) caps ports, keeping the shared memory well under Docker's 64 MB /dev/shm.
    command = [
        jackd,
        "-n",
        name,
        "-p",
        "64",
        "-S",
        "-r",
        "-d",
        "dummy",
        "-r",
        "48000",
        "-p",
        str(period),
    ]
    with log.open("wb") as out:
        process = subprocess.Popen(
            command, stdin=subprocess.DEVNULL, stdout=out, stderr=subprocess.STDOUT, env=env
        )
    try:
        _wait_ready(process, jack_wait, env, log)
        yield {key: env[key] for key in VARIABLES}
    finally:
        stop(process)
        _clean_shm(name, before, keep_shared=keep_shared)
