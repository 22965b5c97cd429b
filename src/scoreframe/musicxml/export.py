"""The MusicXML exporter: a score as a part-wise MusicXML 4.0 tree, file or ``.mxl``.

One pass per part: gather its directions, choose the part's integer grid from every time it
holds (:mod:`.grid`), plan the notation of every voice in every bar (:mod:`.plan`), choose the
divisions from everything it writes, then serialize the measures once (:mod:`.measures`).
Nothing is patched after it is written, so :func:`to_bytes` and :func:`write` print each
measure as soon as it is made and let it go (:mod:`.stream`); :func:`to_tree` keeps the tree.

>>> import scoreframe as sf
>>> s = sf.Score(title="Tiny"); s.meter("3/4")
>>> v = s.part("Flute", program=74).voice("Fl")
>>> _ = v.note("E5", "1/4"); _ = v.note("F#5", "1/8"); _ = v.note("G5", "3/8")
>>> tree = to_tree(s, date="2026-01-01")
>>> [n.findtext("type") for n in tree.iter("note")]
['quarter', 'eighth', 'eighth', 'quarter']
>>> tree.getroot().findtext("part-list/score-part/part-name")
'Flute'
"""

from __future__ import annotations

import io
import os
from collections.abc import Callable, Iterable, Iterator, Sequence
from datetime import datetime
from math import gcd, lcm
from pathlib import Path
from typing import Unpack

from lxml import etree

from ..errors import ExportError
from ..formats import atomic_write
from ..meter import Bar
from ..score import Part, Score
from .attributes import clefs
from .bars import NotationOptions
from .container import mxl_bytes
from .directions import Direction, cents_directions, dynamics_directions, tempo_directions
from .divisions import MAX_DIVISIONS, check_divisions
from .header import add_header, encoding_date, part_id
from .looks import Looks
from .measures import Measures, PartSetting, with_marks, write_measures
from .notes import NoteElements
from .options import MusicXmlOptions, MusicXmlWriteOptions, musicxml_options
from .plan import PartPlan, part_grid, plan_part, written_voices
from .stream import MeasureSink, TreeMeasures
from .transposing import Transposer
from .words import with_notation

DOCTYPE = (
    '<!DOCTYPE score-partwise PUBLIC "-//Recordare//DTD MusicXML 4.0 Partwise//EN" '
    '"http://www.musicxml.org/dtds/partwise.dtd">'
)


def to_tree(score: Score, **options: Unpack[MusicXmlWriteOptions]) -> etree._ElementTree:
    """The score as a ``<score-partwise version="4.0">`` tree (options:
    :class:`~.options.MusicXmlOptions`)."""
    chosen = musicxml_options(options)
    root = _root(score, chosen)
    for pid, fill in _parts(score, chosen):
        fill(TreeMeasures(etree.SubElement(root, "part", id=pid)))
    return etree.ElementTree(root)


def to_bytes(score: Score, **options: Unpack[MusicXmlWriteOptions]) -> bytes:
    """The ``.musicxml`` document (UTF-8, with the MusicXML 4.0 DOCTYPE), printed measure by
    measure (the same bytes as printing :func:`to_tree`'s tree, without holding it)."""
    buffer = io.BytesIO()
    _stream(score, musicxml_options(options), buffer.write)
    return buffer.getvalue()


def write(
    score: Score, path: str | os.PathLike[str], **options: Unpack[MusicXmlWriteOptions]
) -> Path:
    """Write ``.musicxml`` (or ``.xml``), or the zipped ``.mxl`` when the suffix says so.

    The file is written to a temporary file beside ``path`` and renamed: never half written.
    A ``.musicxml`` file is streamed into it measure by measure.
    """
    target = Path(path)
    chosen = musicxml_options(options)
    if target.suffix.lower() != ".mxl":
        return atomic_write(target, lambda handle: _stream(score, chosen, handle.write))
    when = encoding_date(chosen.date)
    stamp = datetime(max(when.year, 1980), when.month, when.day)
    data = mxl_bytes(to_bytes(score, **options), name=target.stem + ".musicxml", date=stamp)
    return atomic_write(target, data)


_Fill = Callable[[Measures], None]
"""Writes a part's measures into where they go."""


def _root(score: Score, chosen: MusicXmlOptions) -> etree._Element:
    """``<score-partwise>`` with its header, once the score is checked."""
    score.validate()
    if not score.parts:
        raise ExportError("the score has no parts; add one with score.part(name)")
    root = etree.Element("score-partwise", version="4.0")
    add_header(root, score, encoding_date(chosen.date), chosen.drums)
    return root


def _parts(score: Score, chosen: MusicXmlOptions) -> Iterator[tuple[str, _Fill]]:
    """Each part's id and the writer of its measures, planned one part at a time."""
    notation = chosen.notation or NotationOptions()
    bars = list(score.meters.bars(score.end))
    tempo = tempo_directions(score, chosen.tempo_marks, chosen.ramp_beats)
    elements = NoteElements()
    for index, part in enumerate(score.parts):
        shown = tempo if index == 0 or chosen.tempo_parts else ()
        directions = _part_directions(part, chosen, shown)
        directions = with_notation(score, part, index == 0, directions)
        own = bars if part.meters is None else list(part.meters.bars(score.end))
        plan = plan_part(part, own, notation, part_grid(part, own, directions))
        transposer = Transposer.of(part, chosen.concert_pitch)
        chosen_clefs = clefs(part, None if transposer is None else transposer.pitch)
        looks = Looks(
            part_id(index),
            chosen.drums if part.percussion else None,
            chosen.infer_staccato,
            chosen.velocity_accents,
            chosen.cents_in_alter,
        )
        divisions = _divisions(plan, directions, own)
        setting = PartSetting(plan, divisions, chosen_clefs, tuple(directions), looks=looks)
        setting = with_marks(setting, score, transposer)
        yield part_id(index), _filler(score, own, setting, elements)
        del plan, setting  # one part's plan at a time


def _filler(
    score: Score, bars: Sequence[Bar], setting: PartSetting, elements: NoteElements
) -> _Fill:
    def fill(target: Measures) -> None:
        write_measures(target, score, bars, setting, elements)

    return fill


_CLOSE = b"</score-partwise>\n"


def _stream(score: Score, chosen: MusicXmlOptions, out: Callable[[bytes], object]) -> None:
    """Print the document into ``out``: the header, then each part's measures in batches."""
    head = etree.tostring(
        _root(score, chosen),
        xml_declaration=True,
        encoding="UTF-8",
        pretty_print=True,
        doctype=DOCTYPE,
    )
    out(head[: -len(_CLOSE)])
    for pid, fill in _parts(score, chosen):
        opening = f'  <part id="{pid}">\n'.encode()
        sink = MeasureSink(out, opening)
        fill(sink)
        sink.flush()
        out(b"  </part>\n" if sink.count else opening.replace(b">", b"/>"))
    out(_CLOSE)


def _part_directions(
    part: Part, chosen: MusicXmlOptions, tempo: Sequence[Direction]
) -> list[Direction]:
    """Tempo directions, the part's dynamics and its cents texts, each on a staff that has a
    voice."""
    voices = written_voices(part)
    table = chosen.dynamics
    dynamics = dynamics_directions(part, voices, table.mark_text, table.sound_for_text)
    shown = chosen.show_cents and not part.percussion
    cents = cents_directions(voices) if shown else []
    return [*tempo, *dynamics, *cents]


def _divisions(plan: PartPlan, directions: Iterable[Direction], bars: Sequence[Bar]) -> int:
    """The smallest count per quarter that makes every length and offset a whole number."""
    grid, lines = plan.grid, plan.lines
    notations = {vb.notation for voice_bars in plan.bars for vb in voice_bars}
    common = gcd(
        *lines.starts,
        *lines.ends,
        *(n.common for n in notations),
        *(grid.ticks(d.time) for d in directions),
    )
    divisions = grid.divisions(common)
    longest = max(lines.ends[i] - lines.starts[i] for i in range(len(lines.starts)))
    try:
        check_divisions(divisions, grid.time(longest), f"part {plan.part.name!r}")
    except ExportError:
        check_divisions(divisions, grid.time(longest), _finest_bar(plan, bars))
        raise
    return divisions


def _finest_bar(plan: PartPlan, bars: Sequence[Bar]) -> str:
    """Where a part's divisions grow past what readers hold: the first bar that takes them
    beyond :data:`MAX_DIVISIONS` (with those before it)."""
    grid, lines = plan.grid, plan.lines
    running = 1
    for index, voice_bars in enumerate(plan.bars):
        common = gcd(lines.starts[index], *(vb.notation.common for vb in voice_bars))
        running = lcm(running, grid.divisions(common))
        if running > MAX_DIVISIONS:
            return f"part {plan.part.name!r}, bar {bars[index].number}"
    return f"part {plan.part.name!r}"
