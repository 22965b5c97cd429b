"""How a score shows itself in Jupyter: the first page of its notation (verovio), or a
summary table when verovio is missing or cannot engrave it; ``score.show(kind)`` for the
notation, the sound (an HTML ``<audio>`` element) or the piano roll.

>>> import scoreframe as sf
>>> s = sf.Score(title="Étude"); _ = s.part("Flute").voice("Fl").note("A4", "1/4")
>>> print(summary(s))  # doctest: +NORMALIZE_WHITESPACE
<table><caption>Étude</caption><tr><th>part</th><th>voice</th><th>notes</th></tr>
<tr><td>Flute</td><td>Fl</td><td>1</td></tr>
<tr><td colspan="3">1 bar, 0.500 s</td></tr></table>
>>> show(s, kind="movie")
Traceback (most recent call last):
...
scoreframe.errors.ExportError: kind 'movie' is not one of: notation, audio, pianoroll
"""

from __future__ import annotations

import base64
import html
import weakref
from dataclasses import dataclass
from enum import Enum
from typing import Any

from ..errors import ScoreframeError
from ..options import as_choice
from ..score import Score
from ..tempo import TempoMap

#: Scores with more notes show their summary (engraving them would hold the notebook up).
MAX_NOTES = 20_000
# score -> (its version, the first page's SVG or None): Jupyter asks for HTML and SVG at once.
_FIRST_PAGES: weakref.WeakKeyDictionary[Score, tuple[int, str | None]] = weakref.WeakKeyDictionary()


class Kind(Enum):
    """What :func:`show` shows."""

    NOTATION = "notation"
    AUDIO = "audio"
    PIANOROLL = "pianoroll"


@dataclass(frozen=True, slots=True)
class Shown:
    """Something to display: its HTML (Jupyter calls ``_repr_html_``)."""

    html: str

    def _repr_html_(self) -> str:
        return self.html


def summary(score: Score) -> str:
    """A table of the score: parts, voices and their notes, its bars and seconds."""
    rows = [
        f"<tr><td>{html.escape(part.name)}</td><td>{html.escape(voice.name)}</td>"
        f"<td>{sum(1 for n in voice.notes if n.pitch is not None)}</td></tr>"
        for part in score.parts
        for voice in part.voices
    ]
    bars = len(list(score.meters.bars(score.end)))
    seconds = TempoMap(score).seconds(max(score.end, score.sounding_end))
    length = f"{bars} bar{'s' if bars != 1 else ''}, {seconds:.3f} s"
    caption = f"<caption>{html.escape(score.title)}</caption>" if score.title else ""
    return (
        f"<table>{caption}<tr><th>part</th><th>voice</th><th>notes</th></tr>\n"
        + "".join(row + "\n" for row in rows)
        + f'<tr><td colspan="3">{length}</td></tr></table>'
    )


def first_page(score: Score) -> str | None:
    """The first page of notation as SVG text, or None when verovio cannot make it."""
    version = score._version()
    cached = _FIRST_PAGES.get(score)
    if cached is None or cached[0] != version:
        from .notation import verovio_pages

        try:
            notes = sum(len(v.notes) for v in score.voices)
            small = bool(score.parts) and notes <= MAX_NOTES
            page: str | None = verovio_pages(score, page=1)[0] if small else None
        except ScoreframeError:
            page = None
        cached = _FIRST_PAGES[score] = (version, page)
    return cached[1]


def html_of(score: Score) -> str:
    """The score in a notebook: its first page, else the summary table."""
    page = first_page(score)
    return page if page is not None else summary(score)


def show(score: Score, kind: Kind | str = Kind.NOTATION, **options: Any) -> Shown | None:
    """Show ``kind`` of the score: in IPython it is displayed (and None returned); elsewhere
    the :class:`Shown` is returned. ``options`` go to the writer (audio: ``engine=``...;
    piano roll: ``contours=``...)."""
    chosen: Kind = as_choice(Kind, kind, "kind")
    if chosen is Kind.AUDIO:
        from .audio import play_html

        shown = Shown(play_html(score, **options))
    elif chosen is Kind.PIANOROLL:
        shown = Shown(_roll_html(score, **options))
    else:
        from .notation import verovio_pages

        shown = Shown("\n".join(verovio_pages(score, options.get("verovio"), options.get("page"))))
    return _display(shown)


def _roll_html(score: Score, **options: Any) -> str:
    import io

    from ..plot import pianoroll

    out = io.BytesIO()
    pianoroll(score, **options).savefig(out, format="png")
    data = base64.b64encode(out.getvalue()).decode("ascii")
    return f'<img src="data:image/png;base64,{data}" alt="piano roll">'


def _display(shown: Shown) -> Shown | None:
    """Display in a running IPython (returning None, so it is not shown twice), else return."""
    try:
        from IPython import get_ipython  # type: ignore[import-not-found, unused-ignore]
        from IPython.display import display  # type: ignore[import-not-found, unused-ignore]
    except ImportError:
        return shown
    if get_ipython() is None:
        return shown
    display(shown)
    return None
