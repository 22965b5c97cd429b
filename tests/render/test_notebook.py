"""A score in a notebook: the first page of notation through verovio, a summary table when
verovio is missing, and ``score.show()`` for notation, sound and the piano roll."""

from __future__ import annotations

import re
import sys

import pytest

import scoreframe as sf
from scoreframe.render import notebook
from tests.support import require_module, require_program


def small() -> sf.Score:
    score = sf.Score(title="Sketch")
    voice = score.part("Flute", program=74).voice("Fl")
    for name in ("C5", "D5", "E5", "F5"):
        voice.note(name, "1/4")
    return score


def test_the_first_page_of_notation_shows_in_a_notebook() -> None:
    require_module("verovio")
    score = small()
    page = score._repr_html_()
    assert page.startswith("<svg") and len(re.findall(r'class="note\b', page)) == 4
    assert score._repr_svg_() == page
    score.part("Oboe").voice("Ob").note("A4", 1)  # a change: the page is engraved anew
    assert len(re.findall(r'class="note\b', score._repr_html_())) == 5


def test_a_summary_table_when_verovio_is_missing(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "verovio", None)
    score = small()
    assert score._repr_svg_() is None
    html = score._repr_html_()
    assert "<caption>Sketch</caption>" in html and "<td>Flute</td><td>Fl</td><td>4</td>" in html
    assert "1 bar, 2.000 s" in html


def test_show_gives_notation_audio_or_the_piano_roll() -> None:
    require_module("verovio")
    require_module("matplotlib")
    require_program("csound")
    score = small()
    notation = score.show()
    assert isinstance(notation, notebook.Shown) and notation._repr_html_().startswith("<svg")
    sound = score.show("audio", engine="csound")
    assert sound is not None and sound.html.startswith(
        '<audio controls src="data:audio/wav;base64,'
    )
    score.parts[0].velocity.hold(60)
    roll = score.show(kind="pianoroll", contours=["velocity"])
    assert roll is not None and roll.html.startswith('<img src="data:image/png;base64,')
