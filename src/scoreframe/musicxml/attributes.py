"""Measure attributes: divisions, key, time, staves and clefs, at the start and at changes.

>>> from fractions import Fraction
>>> from scoreframe import Score
>>> s = Score(); s.meter("6/8"); s.key("D major")
>>> v = s.part("Cello").voice("Vc"); _ = v.note("D2", "3/8")
>>> key, meter = s.keys.key_at(Fraction(0)), s.meters.meter_at(Fraction(0))
>>> el = attributes(12, key, meter, 1, clefs(s.parts[0]))
>>> print(etree.tostring(el, pretty_print=True).decode().strip())
<attributes>
  <divisions>12</divisions>
  <key>
    <fifths>2</fifths>
    <mode>major</mode>
  </key>
  <time>
    <beats>6</beats>
    <beat-type>8</beat-type>
  </time>
  <clef>
    <sign>F</sign>
    <line>4</line>
  </clef>
</attributes>
"""

from __future__ import annotations

import statistics
from collections.abc import Callable

from lxml import etree

from ..clef import Clef
from ..meter import Key, Meter
from ..pitch import Pitch
from ..score import Part


def clefs(part: Part, written: Callable[[Pitch], Pitch] | None = None) -> tuple[Clef, ...]:
    """The part's clefs: given, else chosen from each staff's median pitch (its written
    pitch, for a transposing part: ``written``)."""
    if part.clefs is not None:
        return part.clefs
    if part.percussion:
        return (Clef.PERCUSSION,) * part.staves
    chosen = []
    for staff in range(1, part.staves + 1):
        keys = [
            (n.pitch if written is None else written(n.pitch)).key_number
            for v, own in ((v, v.staff) for v in part.voices)
            for n in v.notes
            if n.pitch is not None and (n.staff or own) == staff
        ]
        if keys:
            chosen.append(Clef.TREBLE if statistics.median(keys) >= 57 else Clef.BASS)
        else:
            chosen.append(Clef.BASS if staff > 1 else Clef.TREBLE)
    return tuple(chosen)


def attributes(
    divisions: int | None,
    key: Key | None,
    meter: Meter | None,
    staves: int,
    clef_names: tuple[Clef, ...] | None,
) -> etree._Element:
    """An ``<attributes>`` element with what is given (None: left out)."""
    element = etree.Element("attributes")
    if divisions is not None:
        etree.SubElement(element, "divisions").text = str(divisions)
    if key is not None:
        key_el = etree.SubElement(element, "key")
        etree.SubElement(key_el, "fifths").text = str(key.fifths)
        etree.SubElement(key_el, "mode").text = key.mode.value
    if meter is not None:
        element.append(time_element(meter))
    if staves > 1 and divisions is not None:
        etree.SubElement(element, "staves").text = str(staves)
    for number, clef in enumerate(clef_names or (), 1):
        node = etree.SubElement(element, "clef")
        if staves > 1:
            node.set("number", str(number))
        etree.SubElement(node, "sign").text = clef.sign
        if clef.line:
            etree.SubElement(node, "line").text = str(clef.line)
        if clef.octave:
            etree.SubElement(node, "clef-octave-change").text = str(clef.octave)
    return element


def time_element(meter: Meter) -> etree._Element:
    """``<time>``: beats may be additive (``3+2+2``); C and C| as symbols."""
    element = etree.Element("time")
    if meter.symbol in ("C", "c"):
        element.set("symbol", "common")
    elif meter.symbol in ("C|", "c|"):
        element.set("symbol", "cut")
    beats = str(meter).split("/")[0]
    etree.SubElement(element, "beats").text = beats
    etree.SubElement(element, "beat-type").text = str(meter.denominator)
    return element
