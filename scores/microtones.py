"""Microtonal accelerando study: a flute line in quarter tones and cent inflections over a
drum groove in 2+3/8, the tempo rising exponentially from 60 to 120 quarter notes a minute
over six bars while the line swells. Quarter tones are spelled as accidentals (a float MIDI
number such as 65.5 is F quarter-sharp, as "Fq#4" is); cents show as a small text above
the note."""

from fractions import Fraction as F

import scoreframe as sf

LINE = [
    "E5",
    "Fq#5",
    "G5",
    "Aqb5",
    "A5",
    "Bb5+14c",
    "B5",
    73.5,
    "D6",
    "C#6-20c",
    "C6",
    "Bqb5",
    "A5",
    "Gq#5",
    "G5",
    "F5+31c",
    "E5",
    "Eqb5",
    "D5",
    62.5,
]
BARS = 8
BAR = F(5, 8)
GROOVE = [(36, "1/8"), (42, "1/8"), (38, "1/8"), (42, "1/8"), (42, "1/8")]  # kick, hats, snare


def build() -> sf.Score:
    score = sf.Score(title="Microtones", composer="scoreframe examples")
    score.meter("2+3/8")
    score.tempo.hold(60).ramp(120, at=BAR, over=6 * BAR, curve="exponential")
    flute = score.part("Flute", program=74).voice("Fl")
    drums = score.part("Drums", percussion=True).voice("Kit")
    flute.velocity.hold(50).ramp(100, at=BAR, over=6 * BAR, curve="linear")
    drums.velocity.hold(70)
    for bar in range(BARS - 1):
        first, second, third = (LINE[(3 * bar + k) % len(LINE)] for k in range(3))
        flute.note(first, "1/4", articulations=["accent"] if bar % 2 == 0 else ())
        flute.note(second, "1/8", duration="1/16")
        flute.note(third, "1/4")
        for key, length in GROOVE:
            drums.note(key, length)
    flute.note("E5", BAR, articulations=["fermata"])
    drums.note(36, "1/4")
    drums.rest(F(3, 8))
    return score
