"""Notation images (``.svg``, ``.png``, ``.pdf``): our own MusicXML engraved by verovio (the
PyPI package, ``pip install 'scoreframe[render]'``) or by MuseScore 3 (``engine="musescore"``).

Pages: ``x.svg`` (or ``.png``) is page 1, ``x-2.svg``, ``x-3.svg``... the pages after it; a
PDF holds every page. ``page=N`` writes only page N, to the file named. verovio's pages are
as tall as their music (``adjustPageHeight``), its element ids seeded (the same score gives
the same SVG), and what it logs is read: an ``[Error]`` line is a RenderError, a
``[Warning]`` a RenderWarning.

>>> page_path("night.svg", 1), page_path("night.svg", 3)
(PosixPath('night.svg'), PosixPath('night-3.svg'))
>>> import scoreframe as sf
>>> write(sf.Score(), "x.gif")
Traceback (most recent call last):
...
scoreframe.errors.ExportError: x.gif: notation images are .svg, .png or .pdf, not .gif
"""

from __future__ import annotations

import os
import re
import warnings
from collections.abc import Mapping
from pathlib import Path
from typing import Unpack

from ..errors import ExportError, RenderError, RenderWarning
from ..formats import atomic_write
from ..score import Score
from . import engines, musescore, raster
from .options import Engine, NotationOptions, NotationWriteOptions, notation_options

SUFFIXES = (".svg", ".png", ".pdf")
#: verovio's options for our pages (``verovio=`` adds to and overrides them).
VEROVIO: dict[str, object] = {
    "xmlIdSeed": 1,
    "scale": 40,
    "adjustPageHeight": True,
    "footer": "none",
}


def page_path(path: str | os.PathLike[str], number: int) -> Path:
    """Where page ``number`` of an image series goes: ``path`` itself for page 1."""
    target = Path(path)
    return target if number == 1 else target.with_name(f"{target.stem}-{number}{target.suffix}")


def verovio_pages(
    score: Score, settings: Mapping[str, object] | None = None, page: int | None = None
) -> list[str]:
    """The score's pages as SVG text, engraved by verovio (``page``: only that one)."""
    from ..musicxml import to_bytes

    verovio = engines.module("verovio")
    data = to_bytes(score).decode("utf-8")
    with engines.captured_stderr() as log:
        verovio.enableLog(verovio.LOG_WARNING)
        toolkit = verovio.toolkit()
        accepted = toolkit.setOptions({**VEROVIO, **(settings or {})})
        loaded = accepted and toolkit.loadData(data)
        count = toolkit.getPageCount() if loaded else 0
        if page is not None and page > count:
            raise ExportError(f"page {page}: the score has {count} pages in verovio's layout")
        numbers = range(1, count + 1) if page is None else [page]
        svgs = [toolkit.renderToSVG(n) for n in numbers]
    _check_log(log, accepted, loaded)
    return svgs


def _check_log(log: list[str], accepted: bool, loaded: bool) -> None:
    errors = [line for line in log if re.search(r"\[error\]", line, re.I)]
    if errors or not accepted or not loaded:
        what = "took no options" if not accepted else "failed"
        quoted = "; ".join(errors[:5]) or "it gave no reason"
        raise RenderError(f"verovio {what}: {quoted}")
    cautions = [line for line in log if line.strip()]
    if cautions:
        quoted = "; ".join(cautions[:5])
        warnings.warn(f"verovio warned: {quoted}", RenderWarning, stacklevel=4)


def _verovio_files(score: Score, suffix: str, chosen: NotationOptions) -> list[bytes]:
    settings = {**VEROVIO, **(chosen.verovio or {})}
    svgs = verovio_pages(score, chosen.verovio, chosen.page)
    if suffix == ".svg":
        return [svg.encode("utf-8") for svg in svgs]
    if suffix == ".pdf":
        return [raster.pdf_bytes(svgs)]
    scale = raster.png_scale(chosen.resolution, float(str(settings["scale"])))
    return [raster.png_bytes(svg, scale) for svg in svgs]


def _musescore_files(score: Score, suffix: str, chosen: NotationOptions) -> list[bytes]:
    if chosen.page is not None and suffix == ".pdf":
        raise ExportError("MuseScore writes a PDF of every page; leave out page= (or use verovio)")
    files = musescore.pages(score, suffix, chosen.resolution)
    if chosen.page is None:
        return files
    if chosen.page > len(files):
        raise ExportError(f"page {chosen.page}: the score has {len(files)} pages in MuseScore")
    return [files[chosen.page - 1]]


def write(
    score: Score, path: str | os.PathLike[str], **options: Unpack[NotationWriteOptions]
) -> Path:
    """Engrave ``score`` to ``path`` and, for SVG and PNG, its further pages beside it (see
    the module doc); options: :class:`~.options.NotationOptions`. Returns ``path``."""
    target = Path(path)
    suffix = target.suffix.lower()
    if suffix not in SUFFIXES:
        raise ExportError(
            f"{target}: notation images are .svg, .png or .pdf, not {suffix or 'none'}"
        )
    chosen = notation_options(options)
    if chosen.engine is Engine.MUSESCORE:
        if chosen.verovio:
            raise ExportError("verovio options apply to engine='verovio' only")
        files = _musescore_files(score, suffix, chosen)
    else:
        files = _verovio_files(score, suffix, chosen)
    for number, data in enumerate(files, 1):
        atomic_write(target if number == 1 else page_path(target, number), data)
    return target
