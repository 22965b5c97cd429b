"""Validation against the MusicXML 4.0 XSD, offline; and an end-to-end check that the notation
primitives give a file the official schema and music21 (programs we did not write) accept."""

from __future__ import annotations

from collections.abc import Sequence
from fractions import Fraction as F
from pathlib import Path

import pytest
from lxml import etree

from scoreframe.errors import ExportError
from scoreframe.musicxml import schema as v
from scoreframe.musicxml.beams import beam_measure
from scoreframe.musicxml.container import mxl_bytes
from scoreframe.musicxml.divisions import divisions_for, to_divisions
from scoreframe.musicxml.splitting import BarMeter, Piece, Span, split_measure
from scoreframe.musicxml.tuplets import find_tuplets
from tests.support import require_module

OFFICIAL = Path("/work/shared/musicxml-4.0/musicxml.xsd")


def score(measures: Sequence[etree._Element]) -> etree._ElementTree:
    root = etree.Element("score-partwise", version="4.0")
    part_list = etree.SubElement(root, "part-list")
    score_part = etree.SubElement(part_list, "score-part", id="P1")
    etree.SubElement(score_part, "part-name").text = "Flute"
    part = etree.SubElement(root, "part", id="P1")
    part.extend(measures)
    return etree.ElementTree(root)


def sub(parent: etree._Element, tag: str, text: object = None, **attrib: str) -> etree._Element:
    element = etree.SubElement(parent, tag, attrib)
    if text is not None:
        element.text = str(text)
    return element


def note_xml(
    measure: etree._Element, piece: Piece, beams: Sequence[object], divisions: int
) -> None:
    note = sub(measure, "note")
    if piece.rest:
        sub(note, "rest", **({"measure": "yes"} if piece.measure_rest else {}))
    else:
        pitch = sub(note, "pitch")
        sub(pitch, "step", "A")
        sub(pitch, "octave", 4)
    sub(note, "duration", to_divisions(piece.length, divisions))
    ties = ["stop"] * piece.tie_stop + ["start"] * piece.tie_start
    for kind in ties:
        sub(note, "tie", type=kind)
    sub(note, "voice", 1)
    if piece.value is not None:
        sub(note, "type", piece.value.type.value)
        for _ in range(piece.value.dots):
            sub(note, "dot")
    if piece.time_modification is not None:
        tm = sub(note, "time-modification")
        sub(tm, "actual-notes", piece.time_modification.actual)
        sub(tm, "normal-notes", piece.time_modification.normal)
        sub(tm, "normal-type", piece.time_modification.normal_type.value)
    for mark in beams:
        sub(note, "beam", mark.value.value, number=str(mark.level))  # type: ignore[attr-defined]
    if ties or piece.tuplet_starts or piece.tuplet_stops:
        notations = sub(note, "notations")
        for kind in ties:
            sub(notations, "tied", type=kind)
        for kind, marks in (("start", piece.tuplet_starts), ("stop", piece.tuplet_stops)):
            for m in marks:
                t = sub(notations, "tuplet", type=kind, bracket="yes", number=str(m.number))
                if kind == "start":
                    for tag, count in (("tuplet-actual", m.actual), ("tuplet-normal", m.normal)):
                        part = sub(t, tag)
                        sub(part, "tuplet-number", count)
                        sub(part, "tuplet-type", m.normal_type.value)


BARS: list[tuple[int, int, list[F], set[int]]] = [
    (4, 4, [F(1, 12)] * 3 + [F(1, 4), F(3, 8), F(1, 8)], set()),
    (2, 4, [F(1, 20), F(1, 20), F(1, 30), F(1, 30), F(1, 30), F(1, 20), F(1, 16), F(3, 16)], {6}),
    (6, 8, [F(1, 2), F(1, 16), F(3, 16)], set()),
    (7, 8, [F(7, 8)], {0}),
    (3, 4, [F(1, 3), F(7, 24), F(1, 8)], set()),
]


def build() -> tuple[etree._ElementTree, list[F]]:
    pieces_per_bar = []
    for num, den, lengths, rests in BARS:
        meter = BarMeter.from_signature(num, den)
        spans, at = [], F(0)
        for i, length in enumerate(lengths):
            spans.append(Span(at, length, rest=i in rests))
            at += length
        found = find_tuplets(meter, spans)
        pieces = split_measure(meter, spans, found)
        pieces_per_bar.append((num, den, pieces, beam_measure(meter, pieces, found)))
    divisions = divisions_for(p.length for _, _, ps, _ in pieces_per_bar for p in ps)
    measures = []
    for number, (num, den, pieces, beams) in enumerate(pieces_per_bar, start=1):
        measure = etree.Element("measure", number=str(number))
        attributes = sub(measure, "attributes")
        if number == 1:
            sub(attributes, "divisions", divisions)
        time = sub(attributes, "time")
        sub(time, "beats", num)
        sub(time, "beat-type", den)
        for piece, marks in zip(pieces, beams, strict=True):
            note_xml(measure, piece, marks, divisions)
        measures.append(measure)
    return score(measures), [F(num, den) for num, den, _, _ in BARS]


def test_the_notation_primitives_make_valid_musicxml() -> None:
    tree, _ = build()
    assert v.check(tree) == ()
    v.validate(tree)


def test_music21_reads_the_same_rhythm_back() -> None:
    music21 = require_module("music21")
    tree, bars = build()
    parsed = music21.converter.parse(etree.tostring(tree), format="musicxml")  # type: ignore[attr-defined]
    measures = list(parsed.parts[0].getElementsByClass("Measure"))
    assert [F(m.duration.quarterLength) / 4 for m in measures] == bars
    first = measures[0].notes[0]
    assert first.duration.tuplets[0].numberNotesActual == 3
    assert F(first.duration.quarterLength) == F(1, 3)


def test_official_schema_set_agrees() -> None:
    if not OFFICIAL.is_file():
        pytest.skip("the official schema set is not on this machine")
    tree, _ = build()
    assert v.check(tree, schema=OFFICIAL) == ()


def test_issues_carry_line_numbers(tmp_path: Path) -> None:
    path = tmp_path / "bad.musicxml"
    path.write_bytes(
        b"<?xml version='1.0'?>\n"
        b'<!DOCTYPE score-partwise PUBLIC "-//Recordare//DTD MusicXML 4.0 Partwise//EN" '
        b'"http://www.musicxml.org/dtds/partwise.dtd">\n'
        b"<score-partwise version='4.0'>\n"
        b"  <part-list><score-part id='P1'><part-name>P</part-name></score-part></part-list>\n"
        b"  <part id='P1'><measure number='1'>\n"
        b"    <note><rest/><duration>1</duration><type>quaver</type></note>\n"
        b"  </measure></part>\n"
        b"</score-partwise>\n"
    )
    (issue,) = v.check(path)
    assert issue.line == 6 and "quaver" in issue.message
    with pytest.raises(ExportError, match=r"1 issue\):\n  line 6: .*quaver"):
        v.validate(str(path))


def test_mxl_files_are_read_through_the_container(tmp_path: Path) -> None:
    tree, _ = build()
    path = tmp_path / "s.mxl"
    path.write_bytes(mxl_bytes(etree.tostring(tree, xml_declaration=True, encoding="UTF-8")))
    assert v.check(path) == ()


def test_xml_namespace_attributes_are_checked_by_the_stand_in_schema() -> None:
    tree, _ = build()
    measure = tree.getroot().find("part/measure")
    assert measure is not None
    direction = etree.Element("direction")
    words = sub(sub(direction, "direction-type"), "words", "dolce")
    words.set("{http://www.w3.org/XML/1998/namespace}lang", "it")
    measure.insert(1, direction)
    assert v.check(tree) == ()
    words.set("{http://www.w3.org/XML/1998/namespace}space", "bogus")
    assert "bogus" in v.check(tree)[0].message


def test_syntax_errors_and_missing_schema() -> None:
    (issue,) = v.check(b"<score-partwise>\n<part-list>\n</score-partwise>")
    assert issue.line == 3 and "not well-formed" in issue.message
    with pytest.raises(ExportError, match="cannot load the MusicXML schema"):
        v.check(b"<a/>", schema="/nonexistent/musicxml.xsd")


def test_the_schema_is_cached() -> None:
    assert v.load_schema() is v.load_schema()
    assert v.find_schema().is_file()
