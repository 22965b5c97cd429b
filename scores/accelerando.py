"""Accelerando and crescendo study: the tempo grows exponentially from 60 to 132 quarter BPM
over eight bars while the strings' velocity rises, the lead's expression (CC 11) swells, and
its pitch bends up into each new chord and back."""

from fractions import Fraction as F

import scoreframe as sf

CHORDS = [
    ("G2", "D3", "G3", "Bb3"),
    ("Eb2", "Bb2", "Eb3", "G3"),
    ("C2", "G2", "C3", "Eb3"),
    ("D2", "A2", "D3", "F#3"),
]
LEAD = ["D5", "Eb5", "C5", "D5", "G5", "Bb5", "A5", "F#5", "G5", "Eb5", "C5", "D5", "G4", "G4"]
BARS = 14


def build() -> sf.Score:
    score = sf.Score(title="Accelerando", composer="scoreframe examples")
    score.meter("4/4")
    score.key("G minor")
    score.tempo.hold(60).ramp(132, at=2, over=8, curve="exponential").hold(80, at=12)
    strings = score.part("Strings", program=49).voice("Ostinato")
    lead = score.part("Lead", program=57).voice("Trumpet")
    strings.velocity.hold(40).ramp(110, at=2, over=8, curve="linear").hold(70, at=12)
    lead.control(11).hold(60).ramp(127, at=2, over=8)
    lead.pitch_bend.hold(0)
    for bar in range(BARS):
        root, fifth, octave, third = CHORDS[bar % 4]
        figure = [root, fifth, octave, third, octave, fifth, third, octave]
        for name in figure:
            strings.note(name, "1/8", duration="1/16")
        lead.note(LEAD[bar], 1, articulations=["fermata"] if bar == BARS - 1 else ())
        if 2 <= bar < 10:  # a bend up and back inside each bar of the accelerando
            lead.pitch_bend.ramp(1, at=bar, over=F(1, 4)).ramp(0, at=bar + F(1, 2), over=F(1, 4))
    return score
