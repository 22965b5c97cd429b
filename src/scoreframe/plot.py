"""Piano rolls (matplotlib, ``pip install 'scoreframe[render]'``): each sounding note (a tie
chain is one) a bar from its onset to its release at its key, coloured by part, its velocity
(:mod:`scoreframe.velocity`) as the shade; below, the tempo and any contours asked for
(``"velocity"``, ``"control:11"``, ``"pitch_bend"``, a Csound field's name), each voice's as
it follows it (``voice.resolved(name)``), on one time axis in bars or in seconds (the tempo
map's). Made headless (matplotlib's ``Figure``, no window), returned as a figure, saved as
PNG or SVG when ``path`` is given.

>>> import scoreframe as sf
>>> s = sf.Score(); _ = s.part("Flute").voice("Fl").note("A4", "1/4", velocity=100)
>>> _ = s.parts[0].velocity.hold(90)
>>> import pytest; _ = pytest.importorskip("matplotlib")
>>> figure = pianoroll(s, contours=["velocity"])
>>> [axes.get_ylabel() for axes in figure.axes]
['key', 'tempo', 'velocity']
>>> PianoRollOptions(time="beats")
Traceback (most recent call last):
...
scoreframe.errors.ExportError: time 'beats' is not one of: bars, seconds
"""

from __future__ import annotations

import io
import math
import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from enum import Enum
from fractions import Fraction
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypedDict, Unpack

from .errors import ExportError
from .options import as_choice, options_of

if TYPE_CHECKING:
    from .score import Score, Voice

#: Image formats a piano roll is saved as.
SUFFIXES = (".png", ".svg")
#: Points sampled across the score for each curve (plus every segment's start).
SAMPLES = 600
#: Margins in inches (left, right, top, bottom) around the panels.
MARGINS = (0.9, 0.2, 0.45, 0.55)
#: Part colours, in order (matplotlib's "tab10").
COLOURS = (
    "#1f77b4",
    "#ff7f0e",
    "#2ca02c",
    "#d62728",
    "#9467bd",
    "#8c564b",
    "#e377c2",
    "#7f7f7f",
    "#bcbd22",
    "#17becf",
)


class TimeAxis(Enum):
    """The time axis: bar lines (in whole notes) or seconds (through the tempo map)."""

    BARS = "bars"
    SECONDS = "seconds"


@dataclass(frozen=True, slots=True)
class PianoRollOptions:
    """Options of :func:`pianoroll`: ``contours`` (names drawn in panels below), ``time``
    (``"bars"`` or ``"seconds"``), ``tempo`` (a tempo panel), ``width`` (inches),
    ``dpi`` (of a PNG)."""

    contours: Sequence[str] = ()
    time: TimeAxis | str = TimeAxis.BARS
    tempo: bool = True
    width: float = 10.0
    dpi: int = 100

    def __post_init__(self) -> None:
        if isinstance(self.contours, str) or not all(isinstance(c, str) for c in self.contours):
            raise ExportError(f"contours {self.contours!r} must be a list of contour names")
        object.__setattr__(self, "time", as_choice(TimeAxis, self.time, "time"))
        if not isinstance(self.tempo, bool):
            raise ExportError(f"tempo {self.tempo!r} must be True or False")
        for name in ("width", "dpi"):
            value = getattr(self, name)
            if isinstance(value, bool) or not isinstance(value, int | float) or not value > 0:
                raise ExportError(f"{name} {value!r} must be a number above 0")


class PianoRollKeywords(TypedDict, total=False):
    """The keyword options of :func:`pianoroll` (the fields of :class:`PianoRollOptions`)."""

    contours: Sequence[str]
    time: TimeAxis | str
    tempo: bool
    width: float
    dpi: int


def pianoroll(
    score: Score, path: str | os.PathLike[str] | None = None, **options: Unpack[PianoRollKeywords]
) -> Any:
    """The piano roll of ``score`` as a matplotlib ``Figure`` (see the module doc), also
    saved to ``path`` (``.png``, ``.svg``) when given."""
    from .render.engines import module

    chosen = options_of(PianoRollOptions, options, "piano roll")
    target = None if path is None else _checked_path(path)
    figure_module = module("matplotlib.figure")
    axis = _Axis(score, TimeAxis(chosen.time))
    panels = 1 + int(chosen.tempo) + len(chosen.contours)
    heights = [4.0] + [1.2] * (panels - 1)
    width, height = chosen.width, sum(heights) * 0.9 + MARGINS[2] + MARGINS[3]
    figure = figure_module.Figure(figsize=(width, height))
    left, right, top, bottom = MARGINS  # fixed: the same figure lays out the same every time
    figure.subplots_adjust(
        left=left / width, right=1 - right / width, top=1 - top / height, bottom=bottom / height
    )
    axes = figure.subplots(panels, 1, sharex=True, squeeze=False, height_ratios=heights)[:, 0]
    _notes(axes[0], score, axis)
    rest = list(axes[1:])
    if chosen.tempo:
        _tempo(rest.pop(0), score, axis)
    for panel, name in zip(rest, chosen.contours, strict=True):
        _contour(panel, score, axis, name)
    axis.label(axes[-1])
    if score.title:
        figure.suptitle(score.title)
    if target is not None:
        save(figure, target, dpi=chosen.dpi)
    return figure


def _checked_path(path: str | os.PathLike[str]) -> Path:
    target = Path(path)
    if target.suffix.lower() not in SUFFIXES:
        raise ExportError(f"{target}: a piano roll is saved as .png or .svg")
    return target


class _Axis:
    """Score time (whole notes) -> the x axis, and its bar-line ticks."""

    def __init__(self, score: Score, kind: TimeAxis) -> None:
        from .tempo import TempoMap

        self.kind, self.score = kind, score
        self.map = TempoMap(score)
        self.end = max(score.end, score.sounding_end)

    def x(self, time: float) -> float:
        return self.map.seconds_float(time) if self.kind is TimeAxis.SECONDS else time

    def grid(self, start: float = 0.0) -> list[float]:
        """Times (whole notes) to sample a curve at."""
        end = float(self.end) or 1.0
        step = (end - start) / SAMPLES
        return [start + i * step for i in range(SAMPLES + 1)]

    def label(self, axes: Any) -> None:
        bars = list(self.score.meters.bars(self.end or Fraction(1)))
        for panel in axes.figure.axes:
            for bar in bars:
                x = self.x(float(bar.start))
                panel.axvline(x, color="#dddddd", linewidth=0.6, zorder=0, gid="bar line")
        if self.kind is TimeAxis.SECONDS:
            axes.set_xlabel("seconds")
            return
        shown = bars[:: max(1, math.ceil(len(bars) / 24))]
        axes.set_xticks([float(b.start) for b in shown], [str(b.number) for b in shown])
        axes.set_xlabel("bar")


def _notes(axes: Any, score: Score, axis: _Axis) -> None:
    """One PolyCollection per part (labelled with its name): a bar per sounding note."""
    from matplotlib.collections import PolyCollection
    from matplotlib.colors import to_rgba

    from .events import sounding_notes
    from .velocity import note_velocity

    keys: list[float] = []
    for index, part in enumerate(score.parts):
        colour = COLOURS[index % len(COLOURS)]
        boxes, shades = [], []
        for voice in part.voices:
            velocity = note_velocity(voice)
            for note in sounding_notes(voice):
                if note.pitch is None:  # sounding notes have pitches; this tells mypy
                    continue
                key = note.pitch.midi
                x0, x1 = axis.x(float(note.onset)), axis.x(float(note.release))
                boxes.append([(x0, key - 0.4), (x1, key - 0.4), (x1, key + 0.4), (x0, key + 0.4)])
                shades.append(to_rgba(colour, 0.2 + 0.8 * velocity(note) / 127))
                keys.append(key)
        bars = PolyCollection(boxes, facecolors=shades, edgecolors=colour, linewidths=0.4)
        bars.set_label(part.name)
        axes.add_collection(bars)
    low, high = (min(keys) - 2, max(keys) + 2) if keys else (58.0, 74.0)
    octaves = [k for k in range(0, 133, 12) if low <= k <= high]
    axes.set_yticks(octaves, [f"C{k // 12 - 1}" for k in octaves])
    axes.set_ylim(low, high)
    axes.set_xlim(axis.x(0.0), axis.x(float(axis.end)) or 1.0)
    axes.set_ylabel("key")
    if score.parts:
        axes.legend(loc="upper right", fontsize="small")


def _tempo(axes: Any, score: Score, axis: _Axis) -> None:
    times = axis.grid()
    values = [_tempo_at(axis, t) for t in times]
    axes.plot([axis.x(t) for t in times], values, color="black", gid="tempo")
    axes.set_ylabel("tempo")


def _tempo_at(axis: _Axis, time: float) -> float:
    return axis.map.tempo_at(Fraction(time).limit_denominator(1 << 20))


def _contour(axes: Any, score: Score, axis: _Axis, name: str) -> None:
    """Each distinct view of contour ``name`` the voices follow, a line labelled with them."""
    views: dict[Any, list[Voice]] = {}
    for voice in score.voices:
        view = voice.resolved(name)
        if view:
            views.setdefault(view, []).append(voice)
    if not views:
        raise ExportError(f"no voice follows a contour {name!r}; give the name of one it has")
    for view, voices in views.items():
        sample: Callable[[float], float] = view.sampler()
        start = float(view.start)
        times = sorted({*axis.grid(start), *(float(w.start) for w in view.windows)})
        label = ", ".join(f"{v.part.name}/{v.name}" for v in voices)
        xs, ys = [axis.x(t) for t in times], [sample(t) for t in times]
        axes.step(xs, ys, where="post", label=label, gid=f"{name} {label}")
    axes.set_ylabel(name)
    if len(views) > 1:
        axes.legend(loc="upper right", fontsize="x-small")


def save(figure: Any, path: str | os.PathLike[str], dpi: int = 100) -> Path:
    """Save a figure atomically as PNG or SVG, the same bytes for the same figure."""
    from matplotlib import rc_context

    from .formats import atomic_write

    target = _checked_path(path)
    kind = target.suffix.lower().lstrip(".")
    metadata = {"png": {"Software": None}, "svg": {"Date": None}}
    out = io.BytesIO()
    with rc_context({"svg.hashsalt": "scoreframe", "svg.fonttype": "path"}):
        figure.savefig(out, format=kind, dpi=dpi, metadata=metadata[kind])
    return atomic_write(target, out.getvalue())
