"""MuseScore 3 as a notation engine: our MusicXML engraved by ``mscore3`` run headless
(``QT_QPA_PLATFORM=offscreen``). MuseScore writes ``out-1.png``, ``out-2.png``... (and SVG
likewise) and one ``out.pdf``; it exits 0 even when it complains, so its stderr is read:
a line that is not its usual chatter is a warning, and no output file is an error.

>>> chatter("QStandardPaths: XDG_RUNTIME_DIR not set"), chatter("Bad alter value")
(True, False)
"""

from __future__ import annotations

import os
import re
import tempfile
import warnings
from pathlib import Path

from ..errors import RenderWarning
from ..score import Score
from . import engines

#: Line openings MuseScore 3 prints on every run (not complaints).
CHATTER = ("QStandardPaths:", "convert <", "\tto <", "... success!", "qt.qpa.")


def chatter(line: str) -> bool:
    """True for a line MuseScore prints on every run."""
    return not line.strip() or line.startswith(CHATTER)


def pages(score: Score, suffix: str, resolution: int) -> list[bytes]:
    """The score engraved by MuseScore 3 as ``suffix`` (``.svg``, ``.png``: a file a page;
    ``.pdf``: one file)."""
    from ..musicxml import write

    program = engines.program("musescore")
    with tempfile.TemporaryDirectory(prefix="scoreframe-mscore-") as folder:
        work = Path(folder)
        source = write(score, work / "score.musicxml")
        target = work / f"out{suffix}"
        args = [program, "-o", str(target), "-r", str(resolution), str(source)]
        ran = engines.run(args, cwd=work, env=dict(os.environ, QT_QPA_PLATFORM="offscreen"))
        found = _outputs(work, suffix)
        complaints = [line for line in ran.output.splitlines() if not chatter(line)]
        if not found:
            raise ran.fail("MuseScore 3 wrote no image", complaints)
        if complaints:
            quoted = "; ".join(line.strip() for line in complaints[:5])
            warnings.warn(f"MuseScore 3 warned: {quoted}", RenderWarning, stacklevel=4)
        return [path.read_bytes() for path in found]


def _outputs(work: Path, suffix: str) -> list[Path]:
    """MuseScore's files in page order (``out.pdf``; ``out-1.png``, ``out-2.png``...)."""
    single = work / f"out{suffix}"
    if single.is_file():
        return [single]
    numbered = []
    for path in work.glob(f"out-*{suffix}"):
        number = re.fullmatch(rf"out-(\d+){re.escape(suffix)}", path.name)
        if number:
            numbered.append((int(number.group(1)), path))
    return [path for _, path in sorted(numbered)]


__all__ = ["CHATTER", "chatter", "pages"]
