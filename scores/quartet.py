"""String quartet: a chorale in D minor that swells and fades and slows in a ritardando that
ends with the piece, on a chord held under a fermata. The second violin divides for two bars
(a second voice on its staff, silent elsewhere), the cello's accented notes tie over the bar
line, and one tempo mark stands over the system."""

from fractions import Fraction as F

import scoreframe as sf

# One chord a bar, bass to top: cello, viola, violin II, violin I.
CHORDS = [
    ("D3", "A3", "F4", "D5"),
    ("Bb2", "F3", "D4", "F5"),
    ("G2", "G3", "Bb4", "E5"),
    ("A2", "E3", "C#4", "E5"),
    ("D3", "F3", "D4", "A5"),
    ("C3", "G3", "E4", "G5"),
    ("F2", "A3", "F4", "C6"),
    ("Bb2", "F3", "D4", "Bb5"),
    ("G2", "Bb3", "E4", "G5"),
    ("A2", "E3", "C#4", "A5"),
    ("A2", "E3", "G4", "C#5"),
    ("D3", "A3", "F4", "D5"),
]
BAR = F(3, 4)
DIVISI = (4, 5)  # the bars where the second violin divides


def build() -> sf.Score:
    score = sf.Score(title="Quartet", composer="scoreframe examples")
    score.meter("3/4")
    score.key("D minor")
    last = len(CHORDS) - 1
    score.tempo.hold(76).ramp(50, at=(last - 2) * BAR, over=3 * BAR)
    parts = [
        score.part(name, program=program)
        for name, program in (("Violin I", 41), ("Violin II", 41), ("Viola", 42), ("Cello", 43))
    ]
    for part in parts:
        part.velocity.hold(48).ramp(96, at=2 * BAR, over=4 * BAR).ramp(40, over=5 * BAR)
    first, second, viola, cello = (part.voice(part.name) for part in parts)
    divisi = parts[1].voice("Violin II div.", staff=1)
    for bar, (bass, middle, inner, top) in enumerate(CHORDS):
        held = ["fermata"] if bar == last else []
        if bar == last:
            first.note(top, BAR, articulations=held)
        else:
            first.note(top, "1/2")
            first.note(CHORDS[bar + 1][3], "1/4")
        second.note(inner, BAR, articulations=held)
        if bar in DIVISI:
            divisi.note(sf.Pitch.from_midi(sf.Pitch.parse(inner).key_number - 3), BAR, at=bar * BAR)
        viola.note(middle, BAR, articulations=held)
        if (
            bar % 4 == 3 and bar < last
        ):  # the next bass arrives early, accented, tied over the bar line
            cello.note(bass, "1/2")
            cello.note(CHORDS[bar + 1][0], "1/2", articulations=["accent"])
        elif bar % 4 == 0 and bar:
            cello.note(bass, "1/2")
        else:
            cello.note(bass, BAR, articulations=held)
    divisi.cursor = score.end
    return score
