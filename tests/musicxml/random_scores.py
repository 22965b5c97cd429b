"""Random scores for MusicXML byte checks: meters, pickups, keys, transposing and percussion
parts, two staves, chords, ties, tuplets, accidentals, microtones, marks, lyrics, slurs, grace
notes, texts and dynamics, with random exporter options.

:func:`random_case` takes a :class:`random.Random` so the same seeds give the same scores (a
corpus written before and after a change) and hypothesis can drive it (``st.randoms()``).
"""

from __future__ import annotations

import random
from fractions import Fraction as F
from typing import Any

import scoreframe as sf

METERS = ("4/4", "3/4", "6/8", "2/2", "5/8", "3/8", "7/8", "12/8", "2/4")
KEYS = ("C major", "G major", "F major", "D major", "Bb major", "A minor", "Eb major", "E major")
LENGTHS = [
    *(F(1, 4), F(1, 8), F(1, 8), F(1, 16), F(1, 2), F(3, 8), F(3, 16), F(1, 12), F(1, 6)),
    *(F(1, 24), F(1, 1), F(1, 5), F(1, 10), F(3, 4), F(1, 32)),
]
SPELLED = ("C4", "F#4", "Bb3", "Eb5", "G#4", "Cb4", "E#4", "Dbb4", "F##4", "A4", "B4", "D5")
MICRO = ("C4+25c", "Cq#4", "Eqb4", "G4-14c", "F#4+30c")
MARKS = ("staccato", "accent", "tenuto", "fermata", "strong-accent", "trill-mark", "mordent")
WORDS = ("la", "Ky-", "ri-", "e_", "son", "")
DYNAMICS = ("p", "f", "mf", "sfz", "pp")


def random_case(rng: random.Random) -> tuple[sf.Score, dict[str, Any]]:
    """A random score and random MusicXML options for it."""
    score = sf.Score(title=f"Random {rng.randrange(1000)}", composer="tests")
    first = rng.choice(METERS)
    score.meter(first)
    pickup = F(0)
    if rng.random() < 0.2:
        pickup = rng.choice([F(1, 4), F(1, 8)])
        score.pickup(pickup)
    if rng.random() < 0.3:  # a change at the start of the third full bar
        score.meter(rng.choice(METERS), at=pickup + 2 * F(first))
    if rng.random() < 0.6:
        score.key(rng.choice(KEYS))
    score.tempo.hold(rng.choice([60, 96, 120]))
    if rng.random() < 0.3:
        score.tempo.ramp(150, at=1, over=2)
    for p in range(rng.randint(1, 3)):
        _part(score, p, rng)
    options = {
        "date": "2026-01-01",
        "velocity_accents": rng.random() < 0.3,
        "infer_staccato": rng.random() < 0.7,
        "cents_in_alter": rng.random() < 0.3,
        "show_cents": rng.random() < 0.7,
        "concert_pitch": rng.random() < 0.2,
        "tempo_marks": rng.random() < 0.8,
    }
    return score, options


def _part(score: sf.Score, p: int, rng: random.Random) -> None:
    kind = rng.choice(["plain", "plain", "piano", "transposing", "drums"])
    if kind == "piano":
        part = score.part(f"Piano {p}", program=1, staves=2)
    elif kind == "transposing":
        part = score.part(f"Clarinet in Bb {p}", program=72, transpose="Bb")
    elif kind == "drums":
        part = score.part(f"Drums {p}", percussion=True)
    else:
        part = score.part(f"Part {p}", program=rng.randint(1, 128))
    for v in range(rng.randint(1, 3)):
        staff = 2 if kind == "piano" and v % 2 else 1
        voice = part.voice(f"V{v}", staff=staff)
        _fill(voice, kind, rng)
    if rng.random() < 0.3:
        part.text("dolce", at=F(rng.randrange(8), 4))
    if rng.random() < 0.3:
        part.dynamic(rng.choice(DYNAMICS), at=F(rng.randrange(8), 4))


def _fill(voice: sf.Voice, kind: str, rng: random.Random) -> None:
    notes: list[sf.Note] = []
    base = 36 if kind == "drums" else rng.choice([48, 60, 67])
    tied: list[object] = []  # the pitches the last event ties into the next
    for _ in range(rng.randint(0, 40)):
        period = rng.choice(LENGTHS)
        roll = rng.random()
        if roll < 0.12 and not tied:
            voice.rest(period)
            continue
        tie = rng.random() < 0.2
        if len(tied) > 1 or (not tied and roll < 0.25 and kind != "drums"):
            if roll < 0.14 and not tied:
                voice.grace([rng.choice(SPELLED)], slash=rng.random() < 0.5)
            keys = tied or rng.sample(range(base, base + 14), rng.randint(2, 4))
            notes.append(voice.chord(keys, period, tie=tie)[0])
            tied = list(keys) if tie else []
            continue
        pitch = tied[0] if tied else _pitch(base, kind, rng)
        notes.append(voice.note(pitch, period, tie=tie, **_extras(rng)))
        tied = [pitch] if tie else []
    if tied:
        voice.chord(tied, F(1, 8))
    if len(notes) > 2 and rng.random() < 0.4:
        voice.slur(notes[0], notes[rng.randrange(1, len(notes))])


def _pitch(base: int, kind: str, rng: random.Random) -> object:
    if kind == "drums":
        return rng.choice([36, 38, 42, 46, 49, 51])
    roll = rng.random()
    if roll < 0.25:
        return rng.choice(SPELLED)
    if roll < 0.32:
        return rng.choice(MICRO)
    return base + rng.randrange(14)


def _extras(rng: random.Random) -> dict[str, Any]:
    out: dict[str, Any] = {}
    if rng.random() < 0.2:
        out["articulations"] = rng.sample(MARKS, rng.randint(1, 2))
    if rng.random() < 0.4:
        out["velocity"] = rng.randint(20, 127)
    if rng.random() < 0.15:
        out["lyric"] = rng.choice(WORDS) or "a"
    if rng.random() < 0.05:
        out["duration"] = F(1, 64)
    return out


def musicxml_or_error(score: sf.Score, options: dict[str, Any]) -> bytes:
    """The streamed document, or the error's class and message (also output to compare)."""
    try:
        return sf.musicxml.to_bytes(score, **options)
    except sf.ScoreframeError as error:
        return f"{type(error).__name__}: {error}".encode()
