"""Music-font text as outlines, for rasterizers that read no web fonts.

verovio writes the note of a metronome mark (and other SMuFL symbols inside text) as a
character in its music font, which the SVG carries as an embedded web font. Browsers show
it; cairo (which makes our PNG and PDF files) does not, and draws a box. :func:`outlined`
returns a copy of the SVG tree in which each such character that opens its ``<text>`` is the
glyph's own outline (from verovio's font tables), and the text after it moves on by the
glyph's advance. A symbol after other text keeps its character (its place would need the
text font's metrics).

>>> from lxml import etree
>>> svg = etree.fromstring(
...     '<svg xmlns="http://www.w3.org/2000/svg"><text x="10" y="20">'
...     '<tspan font-family="Leipzig" font-size="1000px">\\ue1d5</tspan>'
...     '<tspan> = 66</tspan></text></svg>'
... )
>>> quarter = Font("Leipzig", 1000.0, {"\\ue1d5": "M0 0h10v10z"}, {"\\ue1d5": 302.0})
>>> out = outlined(svg, fonts=lambda family: quarter)
>>> [e.tag.split("}")[1] for e in out], out[1][1].get("dx")
(['path', 'text'], '302')
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from lxml import etree

SVG = "{http://www.w3.org/2000/svg}"


@dataclass(frozen=True, slots=True)
class Font:
    """A music font's outlines: path data and advance per character, units per em."""

    name: str
    units: float
    paths: dict[str, str]
    advances: dict[str, float]


def _font_of(name: str, folder: Path) -> Font | None:
    """A font from verovio's data folder (``NAME.xml`` advances, ``NAME/XXXX.xml`` paths)."""
    if not (folder / f"{name}.xml").is_file():
        return None
    boxes = etree.parse(str(folder / f"{name}.xml")).getroot()
    advances = {chr(int(g.get("c", "0"), 16)): float(g.get("h-a-x", "0")) for g in boxes.iter("g")}
    paths: dict[str, str] = {}
    for char in advances:
        glyph = folder / name / f"{ord(char):04X}.xml"
        if glyph.is_file():
            path = etree.parse(str(glyph)).getroot().find("path")
            if path is not None:
                paths[char] = path.get("d", "")
    return Font(name, float(boxes.get("units-per-em", "1000")), paths, advances)


@cache
def verovio_font(family: str) -> Font | None:
    """verovio's own tables of the font ``family`` (None when verovio or the font is missing)."""
    try:
        import verovio
    except ImportError:
        return None
    return _font_of(family, Path(verovio.__file__).parent / "data")


def outlined(
    svg: etree._Element, fonts: Callable[[str], Font | None] = verovio_font
) -> etree._Element:
    """A copy of ``svg`` whose leading music-font characters are outlines (see the module doc)."""
    tree = copy.deepcopy(svg)
    for text in list(tree.iter(f"{SVG}text")):
        _outline_text(text, fonts)
    return tree


def _outline_text(text: etree._Element, fonts: Callable[[str], Font | None]) -> None:
    x, y = float(text.get("x", "0")), float(text.get("y", "0"))
    offset = 0.0
    for span in text.iter(f"{SVG}tspan"):
        content = (span.text or "").strip()
        if not content:
            continue
        font = fonts(span.get("font-family", ""))
        if font is None or not all(c in font.paths for c in content):
            if offset:
                span.set("dx", f"{offset:g}")
            return
        size = float(span.get("font-size", "0px").removesuffix("px")) / font.units
        for char in content:
            outline = etree.Element(f"{SVG}path", d=font.paths[char])
            outline.set("transform", f"translate({x + offset:g},{y:g}) scale({size:g},{-size:g})")
            text.addprevious(outline)
            offset += font.advances[char] * size
        span.text = None
