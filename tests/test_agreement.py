"""Every output reads one contour engine: random scores with velocity, controller and named
contours at all three levels (score, part, voice), and at every onset the model
(``voice.value_at``), the MIDI file (read by mido), the ``.sco`` and the MusicXML dynamics
agree."""

from __future__ import annotations

import io
import math
import warnings
from collections.abc import Iterator
from fractions import Fraction
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree

import scoreframe as sf
from scoreframe.contour import Resolved
from scoreframe.errors import ScoreframeWarning
from scoreframe.musicxml.directions import ramps
from scoreframe.musicxml.dynamics import DEFAULT
from scoreframe.velocity import velocity_function
from tests.support import require_module

F = Fraction
NAMES = ("velocity", "control:11", "brightness")
times = st.sampled_from([F(0), F(1, 2), F(1), F(3, 2), F(2), F(5, 2), F(3)])


@st.composite
def contour_calls(draw: st.DrawFn, name: str) -> list[tuple[Any, ...]]:
    """A few holds and ramps (and now and then an LFO) for contour ``name``."""
    low, high = (1, 127) if name == "velocity" else (0, 127)
    calls: list[tuple[Any, ...]] = [("hold", draw(st.integers(low, high)), draw(times))]
    for _ in range(draw(st.integers(0, 2))):
        kind = draw(st.sampled_from(["hold", "ramp", "ramp", "lfo"]))
        at = draw(times)
        if kind == "hold":
            calls.append(("hold", draw(st.integers(low, high)), at))
        elif kind == "ramp":
            curve = draw(st.sampled_from(["linear", "exponential", "discrete"]))
            calls.append(
                (
                    "ramp",
                    draw(st.integers(max(low, 1), high)),
                    at,
                    draw(st.sampled_from([F(1, 2), F(1), F(3, 2)])),
                    curve,
                )
            )
        else:
            calls.append(
                (
                    "lfo",
                    draw(st.sampled_from(["sine", "triangle", "square", "saw"])),
                    at,
                    draw(st.sampled_from([F(1, 4), F(1, 2)])),
                    draw(st.integers(low, 60)),
                    draw(st.integers(61, high)),
                )
            )
    return calls


def _apply(contour: sf.Contour, calls: list[tuple[Any, ...]]) -> None:
    for call in calls:
        try:
            if call[0] == "hold":
                contour.hold(call[1], at=call[2])
            elif call[0] == "ramp":
                origin = contour.value_at(call[2])
                if call[4] == "exponential" and origin is not None and origin <= 0:
                    continue
                contour.ramp(call[1], at=call[2], over=call[3], curve=call[4])
            else:
                contour.lfo(call[1], at=call[2], over=1, period=call[3], low=call[4], high=call[5])
        except sf.ContourError:
            continue  # a segment inside a ramp: the composer would move it


@st.composite
def scores(draw: st.DrawFn) -> sf.Score:
    score = sf.Score()
    score.tempo.hold(draw(st.sampled_from([60, 90, 120])))
    owners: list[Any] = [score]
    for p in range(draw(st.integers(1, 2))):
        part = score.part(f"P{p}", staves=2, program=1)
        owners.append(part)
        for v in range(draw(st.integers(1, 2))):
            voice = part.voice(f"V{v}", staff=v + 1, channel=2 * p + v + 1)
            owners.append(voice)
            base = 60 - 12 * v  # voices keep to their own octave: notes are told apart by key
            for _ in range(draw(st.integers(4, 12))):
                period = draw(st.sampled_from([F(1, 4), F(1, 8), F(1, 2)]))
                if draw(st.integers(0, 5)) == 0:
                    voice.rest(period)
                    continue
                velocity = draw(st.none() | st.integers(1, 127))
                voice.note(base + draw(st.integers(0, 11)), period, velocity=velocity)
    for owner in owners:
        for name in NAMES:
            if draw(st.integers(0, 2)) == 0:
                _apply(owner.contour(name), draw(contour_calls(name)))
    for name in NAMES:  # every voice has a value for every field from the start
        if not score.contours.get(name) or score.contours[name].start != 0:
            score.contour(name).hold(64, at=0)
    return score


def _notes(score: sf.Score) -> Iterator[tuple[sf.Part, sf.Voice, sf.Note]]:
    for part in score.parts:
        for voice in part.voices:
            for note in voice.notes:
                if note.pitch is not None:
                    yield part, voice, note


def _midi(score: sf.Score) -> dict[tuple[int, int, int], tuple[int, int | None]]:
    """(channel 1-16, tick, key) -> (velocity, CC 11 in force) of each note-on, by mido."""
    mido: Any = require_module("mido")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ScoreframeWarning)
        data = sf.midi.to_bytes(score, ppq=960)
    out = {}
    for track in mido.MidiFile(file=io.BytesIO(data)).tracks:
        tick, cc11 = 0, {}
        for message in track:
            tick += message.time
            if message.type == "control_change" and message.control == 11:
                cc11[message.channel + 1] = message.value
            elif message.type == "note_on" and message.velocity:
                channel = message.channel + 1
                out[channel, tick, message.note] = (message.velocity, cc11.get(channel))
    return out


def _sco(score: sf.Score) -> dict[tuple[str, str, int], list[float]]:
    """(p1, p2, key) -> velocity, control:11, brightness of each i statement."""
    fields = {p.name: ["key", *NAMES] for p in score.parts}
    out = {}
    for line in sf.csound.to_text(score, fields=fields).splitlines():
        if line.startswith("i "):
            words = line.split()
            out[words[1], words[2], round(float(words[4]))] = [float(w) for w in words[5:]]
    return out


def _dynamics(score: sf.Score) -> dict[str, list[tuple[Fraction, int, str]]]:
    """Part id -> (time, staff, mark) of every <dynamics>, read back from our MusicXML."""
    tree = sf.musicxml.to_tree(score, date="2026-01-01")
    bars = list(score.meters.bars(score.end))
    out: dict[str, list[tuple[Fraction, int, str]]] = {}
    for part in tree.iter("part"):
        marks = out.setdefault(part.get("id", ""), [])
        divisions = 1
        for bar, measure in zip(bars, part.iter("measure"), strict=False):
            position = 0
            for element in measure:
                divisions = int(element.findtext("divisions") or divisions)
                if element.tag == "note" and element.find("chord") is None:
                    position += int(element.findtext("duration") or 0)
                elif element.tag == "backup":
                    position -= int(element.findtext("duration") or 0)
                elif element.tag == "forward":
                    position += int(element.findtext("duration") or 0)
                elif element.tag == "direction" and element.find(".//dynamics") is not None:
                    offset = int(element.findtext("offset") or 0)
                    when = bar.start + Fraction(position + offset, 4 * divisions)
                    mark = etree.QName(element.find(".//dynamics")[0]).localname  # type: ignore[index]
                    marks.append((when, int(element.findtext("staff") or 1), mark))
    return out


def _lead_view(part: sf.Part, staff: int) -> Resolved | None:
    """The velocity contour the staff's dynamics show first: its first voice's that has one."""
    voices = [v for v in part.voices if v.notes and v.staff == staff]
    for voice in sorted(voices, key=lambda v: v.number):
        view = voice.resolved("velocity")
        if view:
            return view
    return None


def _near_half(value: float) -> bool:
    return abs(value - math.floor(value) - 0.5) < 1e-9


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(scores())
def test_the_model_midi_sco_and_musicxml_agree_at_every_onset(score: sf.Score) -> None:
    midi, sco, dynamics = _midi(score), _sco(score), _dynamics(score)
    seconds = sf.TempoMap(score).seconds
    rule = {v.name + p.name: velocity_function(v) for p in score.parts for v in p.voices}
    for index, (part, voice, note) in enumerate(_notes(score)):
        del index
        onset, key = note.onset, note.pitch.key_number  # type: ignore[union-attr]
        model = {name: float(voice.value_at(name, onset)) for name in NAMES}  # type: ignore[arg-type]
        velocity = note.velocity or rule[voice.name + part.name](onset)
        if note.velocity is None and not _near_half(model["velocity"]):
            assert velocity == min(max(math.floor(model["velocity"] + 0.5), 1), 127)
        # MIDI: the note-on's velocity, and the controller in force when it starts
        tick = onset * 4 * 960
        midi_velocity, cc11 = midi[voice.channel, int(tick), key]  # type: ignore[index]
        assert midi_velocity == velocity, (voice.name, onset)
        window = voice.resolved("control:11").window_at(onset)
        assert window is not None and cc11 is not None
        if not window.segment.moving:
            assert cc11 == round(model["control:11"]), (voice.name, onset)
        else:
            assert abs(cc11 - model["control:11"]) <= 1.0 + 1e-9, (voice.name, onset)
        # Csound: every field is the model's value at the onset
        p1 = str(score.parts.index(part) + 1)
        p2 = f"{seconds(onset):.6f}".rstrip("0").rstrip(".")
        fields = sco[p1, p2, key]
        assert fields[0] == velocity
        assert fields[1] == round(model["control:11"], 6)
        assert fields[2] == round(model["brightness"], 6)
        # MusicXML: the mark in force on the voice's staff is the velocity contour's mark
        # (a note's own velocity makes none), where the voice leads its staff's dynamics
        marks = dynamics[f"P{score.parts.index(part) + 1}"]
        shown = [m for t, s, m in marks if s == voice.staff and t <= onset]
        lead = _lead_view(part, voice.staff)
        view = voice.resolved("velocity")
        if lead is None:
            assert not shown, (voice.name, onset)
        elif (
            view == lead
            and onset >= lead.start  # type: ignore[operator]
            and not any(start < onset < end for start, end in ramps(lead))  # under a wedge
        ):
            contour = rule[voice.name + part.name](onset)
            assert shown and shown[-1] == DEFAULT.mark_text(contour), (voice.name, onset)
