"""A study in tuplets and meter changes: a pickup, triplets and quintuplets in 4/4, the 2+2+3
of 7/8, five beats of 5/4, and home to 4/4; a cello keeps the bar lines."""

from fractions import Fraction as F

import scoreframe as sf

T, Q, S = F(1, 12), F(1, 20), F(1, 6)  # triplet eighth, quintuplet sixteenth, triplet quarter
E, QU, H = F(1, 8), F(1, 4), F(1, 2)

MARIMBA = [
    # pickup
    [("E5", E), ("D5", E)],
    # 4/4
    [("C5", T), ("D5", T), ("E5", T), ("G5", QU), ("A5", T), ("G5", T), ("E5", T), ("D5", QU)],
    [("C5", Q), ("D5", Q), ("E5", Q), ("G5", Q), ("A5", Q), ("G5", QU), ("E5", H)],
    [("D5", S), ("E5", S), ("G5", S), ("A5", H)],
    [("G5", E), ("E5", E), ("D5", E), ("C5", E), ("A4", T), ("C5", T), ("D5", T), ("E5", QU)],
    # 7/8: 2+2+3
    [("A4", E), ("C5", E), ("D5", E), ("E5", E), ("G5", F(3, 8))],
    [("E5", T), ("D5", T), ("C5", T), ("A4", QU), ("C5", E), ("D5", E), ("E5", E)],
    [("G5", QU), ("A5", QU), ("G5", E), ("E5", E), ("D5", E)],
    [("C5", QU), ("D5", QU), ("E5", F(3, 8))],
    # 5/4
    [
        ("G5", Q),
        ("A5", Q),
        ("G5", Q),
        ("E5", Q),
        ("D5", Q),
        ("C5", QU),
        ("D5", S),
        ("E5", S),
        ("G5", S),
        ("A5", QU),
    ],
    [("G5", T), ("E5", T), ("D5", T), ("C5", QU), ("A4", QU), ("C5", H)],
    # 4/4
    [("D5", T), ("E5", T), ("G5", T), ("A5", T), ("G5", T), ("E5", T), ("D5", H)],
    [("C5", 1)],
]
CELLO = [
    [(None, QU)],
    [("C3", H), ("G2", H)],
    [("A2", H), ("E3", H)],
    [("F2", H), ("G2", H)],
    [("C3", 1)],
    [("A2", QU), ("E3", QU), ("A2", F(3, 8))],
    [("F2", QU), ("C3", QU), ("F2", F(3, 8))],
    [("G2", QU), ("D3", QU), ("G2", F(3, 8))],
    [("C3", F(7, 8))],
    [("A2", H), ("E3", F(3, 4))],
    [("F2", H), ("G2", F(3, 4))],
    [("G2", 1)],
    [("C2", 1)],
]


def build() -> sf.Score:
    score = sf.Score(title="Tuplet Study", composer="scoreframe examples")
    score.meter("4/4")
    score.pickup(QU)
    score.meter("7/8", at=QU + 4)
    score.meter("5/4", at=QU + 4 + F(7, 2))
    score.meter("4/4", at=QU + 4 + F(7, 2) + F(5, 2))
    score.tempo.hold(88)
    marimba = score.part("Marimba", program=13).voice("Mar")
    cello = score.part("Cello", program=43).voice("Vc")
    marimba.velocity.hold(84)
    cello.velocity.hold(62)
    for voice, bars in ((marimba, MARIMBA), (cello, CELLO)):
        for bar in bars:
            for name, period in bar:
                voice.note(name, period)
    return score
