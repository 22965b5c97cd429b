"""Beams by beat (simple meters), by dotted beat (compound), with levels and hooks.

Each piece's marks read as ``"1b 2e"``: level then b(egin), c(ontinue), e(nd), f(orward hook),
k (backward hook); ``-`` for an unbeamed piece.
"""

from __future__ import annotations

from collections.abc import Sequence
from fractions import Fraction as F

from scoreframe.musicxml.beams import Beam, beam_measure, beam_units
from scoreframe.musicxml.splitting import BarMeter, Span, split_measure
from scoreframe.musicxml.tuplets import find_tuplets

SHORT = {
    Beam.BEGIN: "b",
    Beam.CONTINUE: "c",
    Beam.END: "e",
    Beam.FORWARD_HOOK: "f",
    Beam.BACKWARD_HOOK: "k",
}


def beams(meter: BarMeter, lengths: Sequence[F | str], rests: Sequence[int] = ()) -> list[str]:
    events, at = [], F(0)
    for i, length in enumerate(lengths):
        events.append(Span(at, F(length), rest=i in rests))
        at += F(length)
    found = find_tuplets(meter, events)
    pieces = split_measure(meter, events, found)
    return [
        " ".join(f"{m.level}{SHORT[m.value]}" for m in marks) or "-"
        for marks in beam_measure(meter, pieces, found)
    ]


M44 = BarMeter.from_signature(4, 4)
M68 = BarMeter.from_signature(6, 8)


def test_44_eighths_beam_by_quarter_beat() -> None:
    assert beams(M44, ["1/8"] * 8) == ["1b", "1e"] * 4


def test_68_eighths_beam_by_dotted_quarter() -> None:
    assert beams(M68, ["1/8"] * 6) == ["1b", "1c", "1e"] * 2


def test_78_beams_follow_two_two_three() -> None:
    assert beams(BarMeter.from_signature(7, 8), ["1/8"] * 7) == [
        "1b",
        "1e",
        "1b",
        "1e",
        "1b",
        "1c",
        "1e",
    ]


def test_sixteenths_get_a_second_level() -> None:
    assert beams(M44, ["1/16"] * 4 + ["1/4", "1/2"]) == [
        "1b 2b",
        "1c 2c",
        "1c 2c",
        "1e 2e",
        "-",
        "-",
    ]
    assert beams(M44, ["1/8", "1/16", "1/16", "1/4", "1/2"]) == ["1b", "1c 2b", "1e 2e", "-", "-"]


def test_thirty_seconds_get_a_third_level() -> None:
    assert beams(M44, ["1/16", "1/32", "1/32", "1/8", "1/4", "1/2"]) == [
        "1b 2b",
        "1c 2c 3b",
        "1c 2e 3e",
        "1e",
        "-",
        "-",
    ]


def test_hooks_point_to_their_partner() -> None:
    assert beams(M44, ["3/16", "1/16", "1/4", "1/2"]) == ["1b", "1e 2k", "-", "-"]
    assert beams(M44, ["1/16", "3/16", "1/4", "1/2"]) == ["1b 2f", "1e", "-", "-"]
    assert beams(M44, ["3/32", "1/32", "1/8", "1/4", "1/2"]) == [
        "1b 2b",
        "1c 2e 3k",
        "1e",
        "-",
        "-",
    ]


def test_rests_and_quarters_break_beams() -> None:
    assert beams(M44, ["1/8", "1/8", "1/8", "1/8", "1/2"], rests=[1]) == ["-", "-", "1b", "1e", "-"]
    assert beams(M44, ["1/4"] * 4) == ["-"] * 4


def test_triplets_beam_as_a_group() -> None:
    assert beams(M44, [F(1, 12)] * 3 + ["1/4", "1/2"]) == ["1b", "1c", "1e", "-", "-"]


def test_a_tuplet_across_beats_merges_their_beam_units() -> None:
    found = find_tuplets(
        M44,
        [
            Span(F(0), F(1, 12)),
            Span(F(1, 12), F(1, 3)),
            Span(F(5, 12), F(1, 12)),
            Span(F(1, 2), F(1, 2)),
        ],
    )
    assert [(str(a), str(b)) for a, b in beam_units(M44, found)] == [
        ("0", "1/2"),
        ("1/2", "3/4"),
        ("3/4", "1"),
    ]


def test_beam_units_of_long_groups_are_divided() -> None:
    meter = BarMeter.from_signature(5, 4, (3, 2))
    assert [str(b) for _, b in beam_units(meter)] == ["1/4", "1/2", "3/4", "1", "5/4"]
    assert [str(b) for _, b in beam_units(BarMeter.from_signature(2, 2))] == ["1/2", "1"]


def test_pickup_units_start_at_the_measure_start() -> None:
    assert beam_units(M44, origin=F(3, 4)) == ((F(0), F(1, 4)),)
