"""Nocturne in E minor for piano, on a grand staff: a melody and an inner voice in the right
hand, a waltz-like left hand whose top note crosses to the upper staff in bar 8, the bass held
by the pedal, a swell in the middle and a ritardando at the end."""

from fractions import Fraction as F

import scoreframe as sf

# One chord a bar: (bass, fifth, third) for the left hand, and the inner voice's two notes.
CHORDS = {
    "Em": ("E2", "B2", "G3", "G4", "E4"),
    "Am": ("A2", "E3", "A3", "E4", "C4"),
    "B7": ("B1", "F#2", "A3", "F#4", "D#4"),
    "C": ("C2", "G2", "E3", "E4", "G4"),
    "G": ("G2", "D3", "B3", "G4", "D4"),
    "D": ("D2", "A2", "F#3", "F#4", "D4"),
}
PROGRESSION = [
    "Em",
    "Am",
    "B7",
    "Em",
    "C",
    "Am",
    "B7",
    "Em",
    "G",
    "D",
    "Em",
    "B7",
    "Em",
    "Am",
    "B7",
    "Em",
]
MELODY = [
    [("B4", "1/2"), ("C5", "1/4")],
    [("E5", "3/4")],
    [("D#5", "1/4"), ("C5", "1/4"), ("B4", "1/4")],
    [("B4", "3/4")],
    [("G5", "1/2"), ("E5", "1/4")],
    [("C5", "1/4"), ("E5", "1/4"), ("A5", "1/4")],
    [("F#5", "1/2"), ("D#5", "1/4")],
    [("E5", "3/4")],
    [("D5", "1/4"), ("B4", "1/4"), ("D5", "1/4")],
    [("F#5", "1/2"), ("A5", "1/4")],
    [("G5", "1/4"), ("F#5", "1/4"), ("E5", "1/4")],
    [("D#5", "3/4")],
    [("E5", "1/8"), ("F#5", "1/8"), ("G5", "1/2")],
    [("A5", "1/4"), ("G5", "1/4"), ("F#5", "1/4")],
    [("E5", "1/4"), ("D#5", "1/2")],
    [("E5", "3/4")],
]
BAR = F(3, 4)


def build() -> sf.Score:
    score = sf.Score(title="Nocturne in E minor", composer="scoreframe examples")
    score.meter("3/4")
    score.key("E minor")
    score.tempo.hold(66).ramp(48, at=14 * BAR, over=2 * BAR)
    piano = score.part("Piano", program=1, staves=2)
    melody = piano.voice("Melody", staff=1)
    inner = piano.voice("Inner", staff=1)
    left = piano.voice("Left hand", staff=2)
    melody.velocity.hold(58).ramp(92, at=8 * BAR, over=4 * BAR).ramp(48, over=4 * BAR)
    inner.velocity.hold(44)
    left.velocity.hold(46)
    for bar, (chord, tune) in enumerate(zip(PROGRESSION, MELODY, strict=True)):
        last = bar == len(PROGRESSION) - 1
        for name, period in tune:
            melody.note(name, period, articulations=["fermata"] if last else ())
        bass, fifth, third, upper, lower = CHORDS[chord]
        detached = "1/8" if bar in (8, 9) else None  # staccato in the second phrase
        inner.note(upper, "1/2", duration=detached)
        inner.note(lower, "1/4", duration=detached)
        left.note(bass, "1/4", duration=BAR)  # held by the pedal through the bar
        left.note(fifth, "1/4")
        if bar == 7:
            left.note("B4", "1/4", staff=1)  # the left hand crosses to the upper staff
        else:
            left.note(third, "1/4")
    return score
