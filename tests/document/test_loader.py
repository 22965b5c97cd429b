"""The streaming loader: a document read section by section must be checked exactly as the
whole document would be (schema errors at their lines, whichever section they are in), and
read exactly as before."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from lxml import etree

import scoreframe as sf
from scoreframe.document import batch, loader, loads, schema, to_bytes
from scoreframe.errors import DocumentError

from .test_document import scores


def _score(notes: int = 30) -> sf.Score:
    score = sf.Score(title="Batches")
    score.meter("3/4")
    part = score.part("P", program=5)
    _ = part.velocity.hold(70)
    voice = part.voice("V")
    _ = voice.control(1).hold(3)
    voice.notes([60 + i % 12 for i in range(notes)], "1/8")
    score.part("Empty")
    return score


@pytest.fixture(autouse=True)
def small_batches(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(loader, "BATCH", 7)  # many batches even in a small document


def test_a_document_read_in_batches_is_the_document() -> None:
    score = _score()
    back = loads(to_bytes(score))
    assert to_bytes(back) == to_bytes(score)


def _lines(score: sf.Score) -> list[str]:
    return to_bytes(score).decode().splitlines()


def _broken(change: str, where: str) -> tuple[bytes, int]:
    """The document with ``where`` (the first line holding it) changed to ``change``; and
    that line's number."""
    lines = _lines(_score())
    index = next(i for i, line in enumerate(lines) if where in line)
    lines[index] = lines[index].replace(where, change)
    return "\n".join(lines).encode(), index + 1


@pytest.mark.parametrize(
    ("where", "change"),
    [
        ('numerator="3"', 'numerator="x"'),  # the head
        ('program="5"', 'program="500"'),  # a part's head
        ('number="1"', 'number="one"'),  # a voice's head
        ('at="3/2" period="1/8"', 'at="3/2" period="-1/8"'),  # a note in a later batch
        ('at="0" period="1/8"', 'at="0" period="1/8" loud="yes"'),  # the first note
    ],
)
def test_a_schema_error_in_any_section_names_its_line(where: str, change: str) -> None:
    data, line = _broken(change, where)
    with pytest.raises(DocumentError, match=f"^x.score.xml line {line}: "):
        loads(data, "x.score.xml")
    assert not schema().validate(etree.fromstring(data))  # the whole document is invalid too


def test_what_only_the_whole_document_shows_is_caught_too() -> None:
    lines = _lines(_score())
    start = next(i for i, line in enumerate(lines) if "<contours>" in line and i > 5)
    # the voice's contours moved after its notes: each section alone is valid
    voice = next(i for i, line in enumerate(lines) if "<voice " in line)
    block_end = next(i for i in range(voice, len(lines)) if "</contours>" in lines[i])
    block = lines[voice + 1 : block_end + 1]
    del lines[voice + 1 : block_end + 1]
    close = next(i for i in range(voice, len(lines)) if "</voice>" in lines[i])
    lines[close:close] = block
    assert start
    with pytest.raises(DocumentError, match=r"line \d+: Element 'contours': This element is not"):
        loads("\n".join(lines).encode(), "x.score.xml")


def test_a_model_error_in_a_later_batch_names_its_note() -> None:
    data, line = _broken('at="2" period="1/8" staff="9"', 'at="2" period="1/8"')
    with pytest.raises(DocumentError, match=f"^x.score.xml line {line}: .*staff 9 must be"):
        loads(data, "x.score.xml")


@pytest.mark.parametrize(
    ("where", "change", "message"),
    [
        ('at="2" period="1/8"', 'at="2" period="0"', "period 0 must be greater than zero"),
        ('at="2" period="1/8"', 'at="2" period="1/8" duration="0"', "duration 0 must be"),
        ('at="2" period="1/8"', 'at="2" period="1/8" articulations="pizz"', "'pizz' is not"),
        ('at="2" period="1/8"', 'at="1000000" period="1/8"', "beyond scoreframe's limit"),
        ('at="2" period="1/8"', 'at="2" period="1/7777777"', "denominator beyond"),
    ],
)
def test_each_rule_of_note_holds_for_a_loaded_note(where: str, change: str, message: str) -> None:
    data, line = _broken(change, where)
    with pytest.raises(DocumentError, match=f"^x.score.xml line {line}: .*{message}"):
        loads(data, "x.score.xml")


def test_notes_out_of_order_load_as_note_would_add_them() -> None:
    built = sf.Score()
    voice = built.part("P").voice("V")
    for at, period in (("1/2", "1/4"), ("0", "1/8"), ("1/8", "1/3"), ("3", "1/16")):
        voice.note("C4", period, at=at, articulations=["staccato"], staff=1)
    back = loads(to_bytes(built)).voices[0]
    assert back.notes == voice.notes and back.cursor == voice.cursor == sf.Fraction(49, 16)
    back.note("D4", "1/5")  # the cursor's grid widens as it would have
    voice.note("D4", "1/5")
    assert back.notes == voice.notes and back.cursor == voice.cursor


@settings(max_examples=40, deadline=None)
@given(scores())
def test_the_fast_way_reads_what_the_plain_way_reads(score: sf.Score) -> None:
    data = to_bytes(score)
    fast = loads(data)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(batch, "scan", lambda *_: None)  # every batch the plain way
        plain = loads(data)
    assert to_bytes(fast) == to_bytes(plain) == data
    for mine, theirs in zip(fast.voices, plain.voices, strict=True):
        assert mine.notes == theirs.notes and mine.cursor == theirs.cursor


@settings(max_examples=40, deadline=None)
@given(scores())
def test_add_many_agrees_with_add(score: sf.Score) -> None:
    for voice in score.voices:
        one, many = sf.Score().part("P").voice("V"), sf.Score().part("P").voice("V")
        for note in voice.notes:
            one._add(note)
        many._add_many(list(voice.notes))
        assert one.notes == many.notes and one.cursor == many.cursor


def test_a_refused_batch_adds_nothing() -> None:
    voice = sf.Score().part("P").voice("V")
    voice.notes([60], "1/4")
    late = sf.Score().part("Q").voice("W").note("C4", "1/4", at=999999)
    with pytest.raises(sf.TimeValueError):
        voice._add_many(
            [voice.notes[0]._replace(onset=sf.Fraction(1, 4)), late._replace(period=sf.Fraction(5))]
        )
    assert len(voice.notes) == 1 and voice.cursor == sf.Fraction(1, 4)


def test_overlapping_notes_read_in_a_batch_are_still_validated() -> None:
    built = sf.Score()
    voice = built.part("P").voice("V")
    voice.note("C4", 2)  # whole bars: no note brings a new denominator to the loader's grid
    voice.notes([60 + i % 12 for i in range(40)], 1, at=1)
    with pytest.raises(sf.ScoreStructureError, match="starts before C4 at time 0 ends"):
        built.validate()
    back = loads(to_bytes(built), "x.score.xml")
    with pytest.raises(sf.ScoreStructureError, match="starts before C4 at time 0 ends"):
        back.validate()
