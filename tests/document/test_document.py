"""The native format: Score -> XML -> Score is exact; bad documents fail with file and line."""

from __future__ import annotations

from fractions import Fraction
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import scoreframe as sf
from scoreframe.document import load, loads, to_bytes
from scoreframe.errors import DocumentError

F = Fraction


def snapshot(score: sf.Score) -> Any:
    """Everything the model holds, as plain values, for exact comparison."""

    def contours(owner: Any) -> Any:
        return sorted(
            (name, c.default_curve, c.stored_segments) for name, c in owner.contours.items()
        )

    return (
        score.title,
        score.composer,
        score.a4,
        score.tempo_beat,
        score.meters.changes,
        score.meters.pickup,
        score.keys.changes,
        contours(score),
        [
            (
                p.name,
                p.program,
                p.channel,
                p.bank,
                p.staves,
                p.clefs,
                p.percussion,
                p.instrument,
                p.pfields,
                p.bend_range,
                p.abbreviation,
                contours(p),
                [
                    (v.name, v.number, v.staff, v.channel, v.track, contours(v), v.notes)
                    for v in p.voices
                ],
            )
            for p in score.parts
        ],
    )


times = st.fractions(min_value=0, max_value=8, max_denominator=24)
lengths = st.sampled_from([F(1, 4), F(1, 8), F(1, 12), F(3, 8), F(1, 20), F(1, 2), F(1)])
pitches = st.builds(
    sf.Pitch,
    st.sampled_from("CDEFGAB"),
    st.sampled_from([F(0), F(1), F(-1), F(1, 2), F(-3, 2), F(2)]),
    st.integers(0, 8),
    st.sampled_from([F(0), F(25), F(-33, 2)]),
)
xml_text = st.text(
    st.characters(blacklist_categories=("Cc", "Cs"), blacklist_characters="\ufffe\uffff"),
    max_size=12,
)
values = st.one_of(
    st.integers(-5, 200),
    st.floats(-1e6, 1e6, allow_nan=False),
    st.fractions(-(10**6), 10**6, max_denominator=9),
    xml_text,
)


@st.composite
def scores(draw: st.DrawFn) -> sf.Score:
    score = sf.Score(
        draw(xml_text),
        draw(xml_text),
        a4=draw(st.sampled_from([440.0, 415.3, 442.0])),
        tempo_beat=draw(st.sampled_from([F(1, 4), F(3, 8), F(1, 2)])),
    )
    score.meter(draw(st.sampled_from(["4/4", "3/4", "6/8", "7/8", "3+2+2/8", "C"])))
    if draw(st.booleans()):
        score.pickup(F(1, 8))
    if draw(st.booleans()):
        score.key(draw(st.sampled_from(["Eb major", "f# minor", "D dorian"])))
    score.tempo.hold(draw(st.integers(40, 200)))
    if draw(st.booleans()):
        score.tempo.ramp(draw(st.integers(40, 200)), at=2, over=F(3, 2))
    for p in range(draw(st.integers(1, 3))):
        part = score.part(
            f"P{p}",
            program=draw(st.none() | st.integers(1, 128)),
            staves=draw(st.integers(1, 2)),
            bend_range=draw(st.integers(1, 24)),
            instrument=draw(st.none() | st.integers(1, 9) | st.just("pad")),
            pfields=draw(st.none() | st.just(["amp", "freq", "control:11"])),
        )
        if draw(st.booleans()):
            part.velocity.hold(draw(st.integers(1, 127))).ramp(
                draw(st.integers(1, 127)), at=1, over=draw(lengths)
            )
        for v in range(draw(st.integers(1, 2))):
            voice = part.voice(
                f"V{v}", staff=min(v + 1, part.staves), channel=draw(st.none() | st.integers(1, 16))
            )
            if draw(st.booleans()):
                voice.control(11).hold(
                    draw(values.filter(lambda x: isinstance(x, int | float | Fraction)))
                ).ramp(3.5, at=2)
            for _ in range(draw(st.integers(0, 6))):
                period = draw(lengths)
                if draw(st.integers(0, 4)) == 0:
                    voice.rest(period)
                    continue
                chord = draw(st.lists(pitches, min_size=1, max_size=3))
                voice.chord(
                    chord,
                    period,
                    duration=draw(st.none() | st.just(period / 2)),
                    velocity=draw(st.none() | st.integers(1, 127)),
                    articulations=draw(st.sets(st.sampled_from(["staccato", "accent", "fermata"]))),
                    values=draw(st.dictionaries(st.sampled_from(["a", "b"]), values, max_size=2))
                    or None,
                )
    return score


@settings(max_examples=60, deadline=None)
@given(scores())
def test_score_to_xml_to_score_is_exact(score: sf.Score) -> None:
    data = to_bytes(score)
    back = loads(data)
    assert snapshot(back) == snapshot(score)
    assert to_bytes(back) == data


def test_load_and_write_through_the_public_api(tmp_path: Path) -> None:
    score = sf.Score(title="Round")
    score.part("Viola", program=42).voice("Va").note("C3+25c", "1/4", values={"bright": 0.5})
    path = score.write(tmp_path / "round.score.xml")
    assert snapshot(sf.load(str(path))) == snapshot(score)


def document(body: str) -> str:
    return (
        f'<score version="1">\n<meters><meter at="0" numerator="4" denominator="4"/></meters>\n'
        f"<keys/><contours/>\n{body}\n</score>\n"
    )


@pytest.mark.parametrize(
    ("body", "message"),
    [
        (
            '<part name="P"><voice name="V" number="1" staff="1">\n'
            '<note at="0" period="-1/4" step="C" octave="4"/></voice></part>',
            r"line 5: Element 'note', attribute 'period': \[facet 'pattern'\]",
        ),
        (
            '<part name="P"><voice name="V" number="1" staff="1">\n'
            '<note at="0" period="1/4" step="H" octave="4"/></voice></part>',
            r"line 5: Element 'note', attribute 'step'",
        ),
        (
            '<part name="P"><voice name="V" number="1" staff="1">\n'
            '<note at="0" period="0" step="C" octave="4"/></voice></part>',
            r"line 5: part 'P', voice 'V', bar 1, beat 1 \(time 0\): period 0 must be greater",
        ),
        (
            '<part name="P" staves="2"><voice name="V" number="1" staff="3"/></part>',
            r"line 4: part 'P', voice 'V': staff 3 must be an int in 1..2",
        ),
        ('<part name="P"/>\n<part name="P"/>', r"line 5: a part named 'P' exists already"),
        ("<bogus/>", r"line 4: Element 'bogus': This element is not expected"),
    ],
)
def test_invalid_documents_name_the_file_and_line(tmp_path: Path, body: str, message: str) -> None:
    path = tmp_path / "bad.score.xml"
    path.write_text(document(body))
    with pytest.raises(DocumentError, match=f"^{path}: ?{message}|^{path} {message}"):
        load(path)


def test_not_xml_at_all_names_the_line() -> None:
    with pytest.raises(DocumentError, match=r"^in.xml line 2: "):
        loads('<score version="1">\n<meters>', "in.xml")


def test_a_missing_file_is_a_document_error(tmp_path: Path) -> None:
    with pytest.raises(DocumentError, match=r"none\.score\.xml: no such file"):
        load(tmp_path / "none.score.xml")


def test_a_meter_change_off_a_bar_line_names_its_line() -> None:
    text = (
        '<score version="1"><meters>\n<meter at="0" numerator="4" denominator="4"/>\n'
        '<meter at="1/8" numerator="3" denominator="4"/></meters><keys/><contours/></score>'
    )
    with pytest.raises(DocumentError, match=r"line 3: meter 3/4 at time 1/8 falls inside bar 1"):
        loads(text)


def test_text_xml_cannot_hold_is_refused_before_anything_is_written(tmp_path: Path) -> None:
    with pytest.raises(sf.ScoreValueError, match=r"title 'bell\\x07' holds the character"):
        sf.Score(title="bell\x07")  # the model refuses it at once
    with pytest.raises(sf.ScoreValueError, match=r"U\+D800"):
        sf.Score().part("lone \ud800")
    score = sf.Score()
    score.part("P").voice("V").note("C4", 1, values={"mode": "soft\x07"})
    with pytest.raises(DocumentError, match=r"named value 'mode' 'soft\\x07' holds the char"):
        score.write(tmp_path / "x.score.xml")
    assert list(tmp_path.iterdir()) == []


def test_irregular_bars_and_additive_meters_round_trip_exactly(tmp_path: Path) -> None:
    s = sf.Score()
    s.meter("2+3/8")
    s.irregular_bar(3, "3/8")
    v = s.part("P").voice("V")
    for _ in range(12):
        v.note("C4", "1/8")
    back = sf.load(s.write(tmp_path / "irregular.score.xml"))
    assert back.meters.irregular == {3: Fraction(3, 8)}
    assert str(back.meters.meter_at(Fraction(0))) == "2+3/8"
    assert list(back.meters.bars(back.end)) == list(s.meters.bars(s.end))
