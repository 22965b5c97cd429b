"""Running code in a child Python under time and memory limits (``resource``): a hang or a
runaway allocation in the code under test ends the child, not the test run.

``run_bounded(code)`` returns the child's result: its exit status, its stdout and stderr, and
whether it ran out of time. The child is ended by its process id only.
"""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from dataclasses import dataclass

#: The default bounds: seconds of wall time and bytes of address space for one child.
SECONDS = 60.0
MEMORY = 1 << 30


@dataclass(frozen=True)
class Outcome:
    status: int | None
    stdout: str
    stderr: str
    timed_out: bool


def _limits(memory: int, seconds: float) -> None:  # runs in the child, before exec
    import resource

    resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
    cpu = int(seconds) + 1
    resource.setrlimit(resource.RLIMIT_CPU, (cpu, cpu))


def run_bounded(
    code: str,
    *,
    seconds: float = SECONDS,
    memory: int = MEMORY,
    args: tuple[str, ...] = (),
    env: dict[str, str] | None = None,
) -> Outcome:
    """Run ``code`` (dedented) in a child Python limited to ``memory`` bytes and ``seconds``."""
    command = [sys.executable, "-c", textwrap.dedent(code), *args]
    child = subprocess.Popen(
        command,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, **(env or {})},
        preexec_fn=lambda: _limits(memory, seconds),
    )
    try:
        out, err = child.communicate(timeout=seconds)
    except subprocess.TimeoutExpired:
        child.kill()
        out, err = child.communicate()
        return Outcome(None, out, err, True)
    return Outcome(child.returncode, out, err, False)


def run_cli_bounded(*argv: str, seconds: float = SECONDS, memory: int = MEMORY) -> Outcome:
    """The command line (``python -m scoreframe ARGV``) under the same bounds."""
    code = "import sys; from scoreframe.cli import main; sys.exit(main(sys.argv[1:]))"
    return run_bounded(code, seconds=seconds, memory=memory, args=argv)
