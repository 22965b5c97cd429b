"""The deterministic generated score every benchmark uses: N notes over 4 voices in 2 parts,
a tempo map with a step and an exponential accelerando, a CC 11 contour and velocity ramps.

    from bench.generate import generated_score, note_table
"""

from __future__ import annotations

import random
from fractions import Fraction

import scoreframe as sf

# Rhythmic cells that fill a quarter (so voices stay easy to notate): eighths, sixteenths,
# a dotted pair, a triplet, a quarter.
CELLS = [
    (Fraction(1, 8), Fraction(1, 8)),
    (Fraction(1, 16),) * 4,
    (Fraction(3, 16), Fraction(1, 16)),
    (Fraction(1, 12),) * 3,
    (Fraction(1, 4),),
]
SCALE = [0, 2, 3, 5, 7, 8, 10]


def generated_score(n_notes: int, seed: int = 1) -> sf.Score:
    """A score of about ``n_notes`` notes (each voice gets a quarter of them)."""
    rng = random.Random(seed)
    score = sf.Score(title=f"Generated {n_notes}", composer="bench")
    score.meter("4/4")
    per_voice = max(n_notes // 4, 1)
    length = Fraction(per_voice, 10) + 1  # about ten notes per whole note
    score.tempo.hold(96).ramp(144, at=length / 4, over=length / 4, curve="exponential")
    score.tempo.hold(110, at=length * 3 // 4)
    for p, (name, program, base) in enumerate((("Strings", 49, 60), ("Winds", 72, 48))):
        part = score.part(name, program=program)
        part.control(11).hold(70).ramp(127, at=0, over=length / 2).ramp(80, over=length / 2)
        for k in range(2):
            voice = part.voice(f"{name} {k + 1}")
            voice.velocity.hold(60 + 10 * k).ramp(100, at=length / 8, over=length / 2)
            _fill(voice, per_voice, base - 12 * k, rng)
        del p
    end = max(v.cursor for v in score.voices)
    bar_end = -(-end // 1)
    for voice in score.voices:
        if voice.cursor < bar_end:
            voice.rest(bar_end - voice.cursor)
    return score


def _fill(voice: sf.Voice, count: int, base: int, rng: random.Random) -> None:
    made = 0
    degree = 7
    while made < count:
        for period in rng.choice(CELLS):
            degree = min(max(degree + rng.choice((-2, -1, -1, 1, 1, 2)), 0), 20)
            key = base + 12 * (degree // 7) + SCALE[degree % 7]
            voice.note(key, period, velocity=rng.randrange(50, 110) if rng.random() < 0.3 else None)
            made += 1
            if made == count:
                break


def note_table(score: sf.Score) -> list[tuple[int, int, int, int, float, float]]:
    """(track, channel 0-15, key, velocity, onset in quarters, length in quarters) of every
    note: what a user of mido or MIDIUtil would hold to write the same music."""
    out = []
    for track, part in enumerate(score.parts):
        for voice in part.voices:
            for note in voice.notes:
                if note.pitch is None:
                    continue
                velocity = note.velocity or int(voice.value_at("velocity", note.onset) or 80)
                out.append(
                    (
                        track,
                        track,
                        note.pitch.key_number,
                        velocity,
                        float(note.onset * 4),
                        float(note.duration * 4),
                    )
                )
    return out


Voice = tuple[list[int], list[Fraction], list[int | None]]


def material(n_notes: int, seed: int = 1) -> list[Voice]:
    """The music of :func:`generated_score` without the score: 4 voices of (keys, periods,
    velocities or None), what a composer's generator would hand to a library."""
    rng = random.Random(seed)
    per_voice = max(n_notes // 4, 1)
    out: list[Voice] = []
    for base in (60, 48, 48, 36):
        keys: list[int] = []
        periods: list[Fraction] = []
        velocities: list[int | None] = []
        degree = 7
        while len(keys) < per_voice:
            for period in rng.choice(CELLS):
                degree = min(max(degree + rng.choice((-2, -1, -1, 1, 1, 2)), 0), 20)
                keys.append(base + 12 * (degree // 7) + SCALE[degree % 7])
                periods.append(period)
                velocities.append(rng.randrange(50, 110) if rng.random() < 0.3 else None)
                if len(keys) == per_voice:
                    break
        out.append((keys, periods, velocities))
    return out


def note_rows(voices: list[Voice], ppq: int = 480) -> list[tuple[int, int, int, int, int, int]]:
    """(track, channel 0-15, key, velocity, on tick, off tick) of every note of ``voices``
    (two voices a track): the note table a user of mido, MIDIUtil or symusic would hold."""
    rows = []
    for index, (keys, periods, velocities) in enumerate(voices):
        track = index // 2
        onset = Fraction(0)
        for key, period, velocity in zip(keys, periods, velocities, strict=True):
            on, off = onset * 4 * ppq, (onset + period) * 4 * ppq
            rows.append(
                (track, track, key, velocity or 80, round(on), max(round(off), round(on) + 1))
            )
            onset += period
    return rows


def build_with_api(voices: list[Voice], bulk: bool) -> sf.Score:
    """The material's score built through the public API, as a composer's code would: a
    ``voice.note()`` call per note, or the bulk ``voice.notes()`` (the benchmarks time this)."""
    score = sf.Score(title="path")
    score.meter("4/4")
    score.tempo.hold(96)
    for track in range(2):
        part = score.part(f"P{track}", program=1)
        for keys, periods, velocities in voices[2 * track : 2 * track + 2]:
            voice = part.voice()
            if bulk:
                voice.notes(keys, periods, velocities=velocities)
            else:
                note = voice.note
                for key, period, velocity in zip(keys, periods, velocities, strict=True):
                    note(key, period, velocity=velocity)
    return score
