"""The score header: work title, composer, encoding, and the part list with MIDI instruments.

>>> from scoreframe import Score
>>> s = Score(title="Canon", composer="Anon.")
>>> _ = s.part("Violin", program=41)
>>> root = etree.Element("score-partwise", version="4.0")
>>> add_header(root, s, date(2026, 1, 2))
>>> etree.tostring(root.find("part-list")).decode()[:89]
'<part-list><score-part id="P1"><part-name>Violin</part-name><score-instrument id="P1-I1">'
"""

from __future__ import annotations

import os
from datetime import UTC, date, datetime

from lxml import etree

from .. import __version__
from ..errors import ExportError
from ..score import Part, Score
from .credits import add_credits, add_identification
from .drums import GM_DRUMS, DrumMap
from .notes import drum_id

#: The drum a percussion part with no notes lists (the bass drum).
DRUM_KEY = 35

SOFTWARE = f"scoreframe {__version__}"


def encoding_date(given: date | str | None = None) -> date:
    """The date to write: the one given, else ``SOURCE_DATE_EPOCH``, else today (UTC)."""
    if isinstance(given, date):
        return given
    if isinstance(given, str):
        try:
            return date.fromisoformat(given)
        except ValueError:
            raise ExportError(f"encoding date {given!r} is not an ISO date (YYYY-MM-DD)") from None
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch:
        try:
            return datetime.fromtimestamp(int(epoch), UTC).date()
        except ValueError:
            raise ExportError(f"SOURCE_DATE_EPOCH={epoch!r} is not a whole number") from None
    return datetime.now(UTC).date()


def part_id(index: int) -> str:
    """The id of the part at ``index`` (0-based): ``P1``, ``P2``..."""
    return f"P{index + 1}"


def midi_channels(score: Score) -> list[int]:
    """Each part's MIDI channel (1..16): the one the MIDI exporter gives it (its own, else the
    next free one skipping 10; an MPE zone's manager channel)."""
    from ..midi.channels import assign

    return [chans.channel for chans in assign(score, notation=True)]


def add_header(root: etree._Element, score: Score, when: date, drums: DrumMap = GM_DRUMS) -> None:
    """Append work, identification and part-list to ``<score-partwise>``."""
    if score.title:
        work = etree.SubElement(root, "work")
        etree.SubElement(work, "work-title").text = score.title
    ident = etree.SubElement(root, "identification")
    if score.composer:
        etree.SubElement(ident, "creator", type="composer").text = score.composer
    add_identification(ident, score)
    encoding = etree.SubElement(ident, "encoding")
    etree.SubElement(encoding, "software").text = SOFTWARE
    etree.SubElement(encoding, "encoding-date").text = when.isoformat()
    add_credits(root, score)
    part_list = etree.SubElement(root, "part-list")
    for index, (part, channel) in enumerate(zip(score.parts, midi_channels(score), strict=True)):
        part_list.append(_score_part(part, part_id(index), channel, drums))


def _score_part(part: Part, pid: str, channel: int, drums: DrumMap) -> etree._Element:
    element = etree.Element("score-part", id=pid)
    etree.SubElement(element, "part-name").text = part.name
    if part.abbreviation:
        etree.SubElement(element, "part-abbreviation").text = part.abbreviation
    if part.percussion:
        _drum_kit(element, part, pid, channel, drums)
        return element
    instrument = etree.SubElement(element, "score-instrument", id=f"{pid}-I1")
    etree.SubElement(instrument, "instrument-name").text = part.name
    midi = etree.SubElement(element, "midi-instrument", id=f"{pid}-I1")
    etree.SubElement(midi, "midi-channel").text = str(channel)
    if part.bank is not None:
        etree.SubElement(midi, "midi-bank").text = str(part.bank + 1)
    if part.percussion:
        etree.SubElement(midi, "midi-unpitched").text = "1"
    else:
        etree.SubElement(midi, "midi-program").text = str(part.program or 1)
    return element


def _drum_kit(element: etree._Element, part: Part, pid: str, channel: int, drums: DrumMap) -> None:
    """A ``<score-instrument>`` and a ``<midi-instrument>`` (its ``midi-unpitched``, 1-based)
    for each drum the part plays."""
    keys = sorted(
        {n.pitch.key_number for v in part.voices for n in v.notes if n.pitch is not None}
    ) or [DRUM_KEY]
    for key in keys:
        instrument = etree.SubElement(element, "score-instrument", id=drum_id(pid, key))
        etree.SubElement(instrument, "instrument-name").text = drums.drum(key).name
    for key in keys:
        midi = etree.SubElement(element, "midi-instrument", id=drum_id(pid, key))
        etree.SubElement(midi, "midi-channel").text = str(channel)
        if part.bank is not None:
            etree.SubElement(midi, "midi-bank").text = str(part.bank + 1)
        etree.SubElement(midi, "midi-unpitched").text = str(key + 1)
