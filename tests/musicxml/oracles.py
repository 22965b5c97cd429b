"""Readers we did not write, wrapped for the MusicXML tests: music21's parser and MuseScore 3.

Notes are compared as ``(offset in quarters, MIDI key, tied length in quarters)``: the
notated length of a tie chain, since that is what a score reader sees.
"""

from __future__ import annotations

import os
import subprocess
from collections import defaultdict
from fractions import Fraction
from pathlib import Path
from typing import Any

import scoreframe as sf
from scoreframe.events import grace_notes
from scoreframe.note import TieChain
from tests.support import require_module, require_program

NoteKey = tuple[Fraction, float, Fraction]

# Lines MuseScore 3 prints on every run; anything else on stderr is a complaint.
_MUSESCORE_CHATTER = (
    "QStandardPaths:",
    "convert <",
    "\tto <",
    "... success!",
)


def _graces(score: sf.Score) -> set[tuple[object, Fraction, object]]:
    """(voice, onset, pitch) of every grace note as it sounds (notation a reader shows
    without a duration, so the note lists leave them out)."""
    return {(v, n.onset, n.pitch) for v in score.voices for n in grace_notes(v)}


def score_notes(score: sf.Score, cents: bool = True) -> dict[str, list[NoteKey]]:
    """Per part name, every sounding chain's (offset, key, notated length), sorted (grace
    notes left out); a drum's
    key is where the General MIDI drum map draws it (a percussion part's notes are unpitched);
    ``cents=False``: the pitch as spelled, without its cents."""
    from scoreframe.musicxml.drums import GM_DRUMS
    from scoreframe.pitch import Pitch

    out: dict[str, list[NoteKey]] = defaultdict(list)
    graces = _graces(score)
    for event in score.events(sounding=True):
        item = event.item
        if event.part is None or not isinstance(item, (sf.Note, TieChain)):
            continue
        pitch = item.pitch
        if pitch is None or (event.voice, item.onset, pitch) in graces:
            continue
        if event.part.percussion:
            drum = GM_DRUMS.drum(pitch.key_number)
            pitch = Pitch(drum.step, Fraction(0), drum.octave)
        elif not cents:
            pitch = Pitch(pitch.step, pitch.alter, pitch.octave)
        out[event.part.name].append((item.onset * 4, float(pitch.midi), item.period * 4))
    return {name: sorted(notes) for name, notes in out.items()}


def music21_notes(source: Path | Any) -> dict[str, list[NoteKey]]:
    """Per part name (staves of one part merged), music21's notes after stripping ties, at
    sounding pitch, grace notes and chord symbols left out."""
    music21 = require_module("music21")
    parsed = music21.converter.parse(str(source)) if isinstance(source, Path) else source
    stripped = parsed.stripTies(inPlace=False).toSoundingPitch()
    out: dict[str, list[NoteKey]] = defaultdict(list)
    for part in stripped.parts:
        for element in part.flatten().notes:
            if element.duration.isGrace or "ChordSymbol" in element.classes:
                continue
            offset = Fraction(element.getOffsetInHierarchy(part)).limit_denominator(10_000)
            length = Fraction(element.quarterLength).limit_denominator(10_000)
            if isinstance(element, music21.note.Unpitched):  # where it is drawn
                shown = element.displayPitch()
                out[part.partName].append((offset, float(shown.ps), length))
            for pitch in element.pitches:
                out[part.partName].append((offset, float(pitch.ps), length))
    return {name: sorted(notes) for name, notes in out.items()}


def music21_voice_fill(path: Path, bar_lengths: dict[int, Fraction]) -> list[str]:
    """Every measure and voice whose content does not fill its bar exactly (empty: all do)."""
    music21 = require_module("music21")
    problems = []
    for part in music21.converter.parse(str(path)).parts:
        for measure in part.getElementsByClass("Measure"):
            want = bar_lengths[measure.number] * 4
            layers = list(measure.voices) or [measure]
            for layer in layers:
                got = Fraction(layer.highestTime).limit_denominator(10_000)
                if got != want:
                    problems.append(f"{part.partName} m{measure.number} {layer}: {got} != {want}")
    return problems


def run_musescore(source: Path, target: Path) -> list[str]:
    """Convert ``source`` with MuseScore 3 (headless); returns its complaints on stderr."""
    program = require_program("mscore3")
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    result = subprocess.run(
        [program, "-o", str(target), str(source)],
        capture_output=True,
        text=True,
        timeout=300,
        env=env,
        check=False,
    )
    complaints = [
        line
        for line in result.stderr.splitlines()
        if line.strip() and not line.startswith(_MUSESCORE_CHATTER)
    ]
    if not target.exists():
        complaints.append(f"MuseScore wrote no {target.name} (exit {result.returncode})")
    return complaints


def beyond_musescore_3(complaints: list[str]) -> list[str]:
    """The complaints left once MuseScore 3's known limit is set aside: it logs a quarter
    tone's decimal ``<alter>`` (valid MusicXML) as invalid, and still draws its quarter-tone
    accidental and plays the nearest semitone."""
    quarter = ("'0.5'", "'-0.5'", "'1.5'", "'-1.5'")
    return [c for c in complaints if not ("invalid alter" in c and c.endswith(quarter))]


def midi_onsets(path: Path) -> list[tuple[Fraction, int]]:
    """(onset in whole notes, key) of every note-on in a MIDI file, read with mido."""
    mido = require_module("mido")
    midi = mido.MidiFile(str(path))
    out = []
    for track in midi.tracks:
        tick = 0
        for message in track:
            tick += message.time
            if message.type == "note_on" and message.velocity > 0:
                out.append((Fraction(tick, 4 * midi.ticks_per_beat), message.note))
    return sorted(out)


def ornamented(score: sf.Score) -> list[tuple[Fraction, Fraction]]:
    """The spans a player renders by its own rules: around each grace group (MuseScore plays
    them on the beat, we before it) and each trilled or tremolo note."""
    spans = []
    for voice in score.voices:
        marks = voice._notation
        for at in marks.graces if marks is not None else ():
            spans.append((at - Fraction(1, 4), at + Fraction(1, 4)))
        for note in voice.notes:
            if note.articulations & {sf.Articulation.TRILL, sf.Articulation.TREMOLO}:
                spans.append((note.onset, note.end))
    return spans


def outside(
    onsets: list[tuple[Fraction, int]], spans: list[tuple[Fraction, Fraction]]
) -> list[tuple[Fraction, int]]:
    """The onsets that fall in none of ``spans``."""
    return [(t, key) for t, key in onsets if not any(a <= t < b for a, b in spans)]


def score_onsets(score: sf.Score) -> list[tuple[Fraction, int]]:
    """(onset, key) of every sounding chain of the score."""
    out = []
    for event in score.events(sounding=True):
        item = event.item
        if isinstance(item, (sf.Note, TieChain)) and item.pitch is not None:
            out.append((item.onset, item.pitch.key_number))
    return sorted(out)


def xml_voice_runs(path: Path) -> list[str]:
    """Walk the file as a reader does (cursor, ``<chord/>``, ``<backup>``): every voice of
    every measure must run contiguously from the measure start to its end. Returns problems."""
    from lxml import etree

    problems = []
    for part in etree.parse(str(path)).getroot().iter("part"):
        divisions = 0
        for measure in part.iter("measure"):
            divisions = int(measure.findtext("attributes/divisions") or divisions)
            cursor, length = 0, 0
            runs: dict[str, list[tuple[int, int]]] = defaultdict(list)
            for child in measure:
                if child.tag == "backup":
                    cursor -= int(child.findtext("duration") or 0)
                elif child.tag == "note" and child.find("chord") is None:
                    duration = int(child.findtext("duration") or 0)
                    runs[child.findtext("voice") or "1"].append((cursor, duration))
                    cursor += duration
                    length = max(length, cursor)
            for voice, run in runs.items():
                at = 0
                for start, duration in run:
                    if start != at:
                        problems.append(
                            f"{part.get('id')} m{measure.get('number')} "
                            f"voice {voice}: gap or overlap at {start}"
                        )
                    at = start + duration
                if at != length:
                    problems.append(
                        f"{part.get('id')} m{measure.get('number')} voice {voice}: "
                        f"ends at {at}, the measure at {length}"
                    )
    return problems


def musescore_page(source: Path, work: Path) -> tuple[dict[str, int], list[str]]:
    """What MuseScore 3 shows of ``source``: it converts our file to its own MusicXML
    (``mscore3 in.musicxml -o out.musicxml``) and we count, in its file, the marks it will
    print; returns the counts and what it complains of reading and playing our file."""
    from lxml import etree

    target = work / f"{source.stem}.musescore.musicxml"
    run_musescore(source, target)  # its MusicXML writer logs what it cannot write: not ours
    complaints = run_musescore(source, work / f"{source.stem}.musescore.mid")
    return page_counts(etree.parse(str(target)).getroot()), complaints


def page_counts(root: Any) -> dict[str, int]:
    """Visible tempo texts (a metronome mark, or words with a ``<sound tempo>`` that are not
    blank), fermatas, accents, dynamics, wedges, unpitched notes and visible rests."""
    tempo = 0
    for direction in root.iter("direction"):
        if direction.find("sound[@tempo]") is None or direction.get("print-object") == "no":
            continue
        words = "".join(w.text or "" for w in direction.iter("words")).strip()
        tempo += direction.find(".//metronome") is not None or bool(words)
    wedges = [w for w in root.iter("wedge") if w.get("type") in ("crescendo", "diminuendo")]
    rests = [
        n for n in root.iter("note") if n.find("rest") is not None and n.get("print-object") != "no"
    ]
    return {
        "tempo": tempo,
        "fermata": len(list(root.iter("fermata"))),
        "accent": len(list(root.iter("accent"))),
        "dynamics": sum(len(d) for d in root.iter("dynamics")),
        "wedge": len(wedges),
        "unpitched": len(list(root.iter("unpitched"))),
        "rest": len(rests),
    }
