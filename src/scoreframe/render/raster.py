"""verovio's SVG pages as PNG images and one PDF, through cairosvg (cairo), with music-font
text as outlines (:mod:`.glyphs`).

verovio's SVG is in pixels of its scale: at scale ``s`` percent a page 2100 units wide (A4,
tenths of a millimetre) is ``21 s`` pixels wide, so an inch is ``2.54 s`` pixels; a PNG at
``resolution`` pixels per inch scales it by ``resolution / (2.54 s)``. A PDF keeps the page
size (cairo's points), one page per SVG page; its creation date is ``SOURCE_DATE_EPOCH``
(else today at midnight, UTC), so the same score gives the same file all day.

>>> round(png_scale(resolution=100, verovio_scale=40), 4)
0.9843
"""

from __future__ import annotations

import datetime
import io
import os
from collections.abc import Sequence
from typing import Any

from lxml import etree

from . import engines
from .glyphs import outlined


def png_scale(resolution: int, verovio_scale: float) -> float:
    """The factor from verovio's SVG pixels to PNG pixels at ``resolution`` per inch."""
    return resolution / (2.54 * verovio_scale)


def _tree(svg: str) -> Any:
    cairosvg = engines.module("cairosvg")
    root = outlined(etree.fromstring(svg.encode("utf-8")))
    return cairosvg.parser.Tree(bytestring=etree.tostring(root))


def png_bytes(svg: str, scale: float) -> bytes:
    """One SVG page as a PNG on white, ``scale`` times its pixel size."""
    cairosvg = engines.module("cairosvg")
    out = io.BytesIO()
    surface = cairosvg.surface.PNGSurface(
        _tree(svg), out, 96, scale=scale, background_color="white"
    )
    surface.finish()
    return out.getvalue()


def creation_date() -> str:
    """The PDF's date: ``SOURCE_DATE_EPOCH`` if set, else today (UTC), ISO 8601."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.isdigit():
        moment = datetime.datetime.fromtimestamp(int(epoch), datetime.UTC)
    else:
        today = datetime.datetime.now(datetime.UTC).date()
        moment = datetime.datetime(today.year, today.month, today.day, tzinfo=datetime.UTC)
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


def pdf_bytes(svgs: Sequence[str]) -> bytes:
    """The SVG pages as one PDF, a page each."""
    cairosvg = engines.module("cairosvg")
    cairocffi = engines.module("cairocffi")
    out = io.BytesIO()
    shared: list[Any] = []

    class Pages(cairosvg.surface.PDFSurface):  # type: ignore[misc, name-defined]
        """cairosvg's PDF surface drawing every page on one cairo surface."""

        def _create_surface(self, width: float, height: float) -> tuple[Any, float, float]:
            if not shared:
                surface = cairocffi.PDFSurface(out, width, height)
                surface.set_metadata(cairocffi.PDF_METADATA_CREATE_DATE, creation_date())
                shared.append(surface)
            else:
                shared[0].set_size(width, height)
            return shared[0], width, height

    for svg in svgs:
        page = Pages(_tree(svg), None, 96)
        page.context.show_page()
    if shared:
        shared[0].finish()
    return out.getvalue()
