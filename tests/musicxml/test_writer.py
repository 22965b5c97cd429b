"""The pieces the measure writer works from: ticks, bar notations and the note element cache."""

from __future__ import annotations

from fractions import Fraction as F

import pytest
from lxml import etree

import scoreframe as sf
from scoreframe.errors import ExportError
from scoreframe.musicxml.bars import BarNotation
from scoreframe.musicxml.beams import Beam, BeamMark
from scoreframe.musicxml.grid import Grid
from scoreframe.musicxml.layout import BarLines, chords, voice_runs
from scoreframe.musicxml.notes import NoteElements, PieceContext, note_element, piece_shape
from scoreframe.musicxml.splitting import BarMeter, Piece, Span, split_measure
from scoreframe.musicxml.values import NoteType, NoteValue


def test_chords_are_in_ticks_and_must_share_a_period() -> None:
    s = sf.Score()
    v = s.part("P").voice("V")
    v.chord(["C4", "E4"], "1/4")
    v.note("G4", "1/8", at="1/2")
    grid = Grid(8)
    assert [(len(c), on, period) for c, on, period in chords(v, grid)] == [(2, 0, 2), (1, 4, 1)]
    v.note("B4", "1/4", at="1/2")
    with pytest.raises(ExportError, match=r"voice 'V', bar 1, beat 3 .*periods 1/8 and 1/4"):
        chords(v, grid)


def test_a_note_over_the_bar_line_is_cut_and_tied_in_ticks() -> None:
    s = sf.Score()
    s.meter("3/4")
    v = s.part("P").voice("V")
    v.note("C4", "1/2", at="1/2")
    grid = Grid(4)
    runs = voice_runs(chords(v, grid), BarLines.of(list(s.meters.bars(s.end)), grid))
    assert [[(x.start, x.length, x.tie_start, x.tie_stop) for x in run] for run in runs] == [
        [(0, 2, (), ()), (2, 1, (True,), (False,))],
        [(0, 1, (False,), (True,)), (1, 2, (), ())],
    ]


def test_a_bar_notation_keeps_the_pieces_in_ticks() -> None:
    meter = BarMeter.from_signature(4, 4)  # a half tied to an eighth, then rests
    pieces = split_measure(meter, [Span(F(0), F(5, 8)), Span(F(5, 8), F(3, 8), rest=True)])
    notation = BarNotation.of(pieces, tuple(() for _ in pieces))
    per_whole = pieces[0].resolution
    assert [F(t, per_whole) for t in notation.offsets] == [F(0), F(1, 2), F(5, 8), F(3, 4)]
    assert [F(t, per_whole) for t in notation.ends] == [F(1, 2), F(5, 8), F(3, 4), F(1)]
    assert notation.first == (True, False, True, False)
    assert notation.last == (False, True, False, True)
    assert F(notation.common, per_whole) == F(1, 8)
    assert notation.shapes[0] != notation.shapes[1]  # a half tied on, an eighth tied from


def test_equal_pieces_have_one_shape() -> None:
    quarter = NoteValue(NoteType.QUARTER)
    begin = (BeamMark(1, Beam.BEGIN),)
    a = Piece(0, 0, 1, 4, quarter)
    b = Piece(3, 5, 1, 4, quarter)  # another event and place, the same looks
    assert piece_shape(a, (), True, True) == piece_shape(b, (), True, True)
    assert piece_shape(a, (), True, True) != piece_shape(a, begin, True, True)
    assert piece_shape(a, (), True, True) != piece_shape(a, (), False, True)


def test_note_elements_are_built_once_and_copied() -> None:
    s = sf.Score()
    note = s.part("P").voice("V").note("C#4", "1/8")
    piece = Piece(0, 0, 1, 8, NoteValue(NoteType.EIGHTH))
    ctx = PieceContext(1, 1, None, "up", (BeamMark(1, Beam.BEGIN),))
    shape = piece_shape(piece, ctx.beams, True, True)
    elements = NoteElements()
    first = elements.note(shape, note, piece, ctx, 0, (False, True), "sharp", None)
    again = elements.note(shape, note, piece, ctx, 0, (False, True), "sharp", None)
    fresh = note_element(
        note, piece, ctx, member=0, tie=(False, True), accidental="sharp", staff=None
    )
    assert again is not first
    assert etree.tostring(again) == etree.tostring(first) == etree.tostring(fresh)
    other = elements.note(shape, note, piece, ctx, 0, (False, True), None, None)
    assert other.find("accidental") is None
