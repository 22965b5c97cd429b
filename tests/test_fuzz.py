"""The search for the next hostile input, made a habit (issue 17): hypothesis draws random
programs of calls on the public API and schema-valid ``.score.xml`` documents with extreme
values (see tests/fuzz_child.py). Each input gives files their readers read back, or a
ScoreframeError that says where; each property runs in a child process under a memory limit
and a time limit, and each example under an alarm, so a hang or a runaway allocation is a
failure with its input, not a stuck suite.

The default run is short and the same each time; ``SCOREFRAME_FUZZ=N`` runs N random examples
of each property.
"""

from __future__ import annotations

import os

import pytest

from tests.bounded import run_bounded

EXAMPLES = int(os.environ.get("SCOREFRAME_FUZZ", "400"))
MEMORY = 2 << 30


@pytest.mark.parametrize("name", ["api", "document"])
def test_every_input_is_a_file_or_a_located_error(name: str) -> None:
    outcome = run_bounded(
        f"from tests.fuzz_child import main; main({name!r})",
        seconds=60 + EXAMPLES * 2,
        memory=MEMORY,
        env={"SCOREFRAME_FUZZ": str(EXAMPLES)} if "SCOREFRAME_FUZZ" in os.environ else {},
    )
    assert not outcome.timed_out, f"the {name} fuzz ran out of time:\n{outcome.stderr[-3000:]}"
    assert outcome.status == 0, outcome.stderr[-6000:]
    assert f"{name}: {EXAMPLES} examples held" in outcome.stdout
