"""Serenade for clarinet in B-flat, horn in F and cello: a chamber piece whose wind parts
transpose. The model holds concert pitch (what MIDI and Csound sound); the MusicXML writes
the clarinet a major second and the horn a fifth above, with their own key signatures. The
parts show slurs and phrase marks, ornaments, technique texts (con sord., pizz., arco),
rehearsal marks and dynamics written as marks, an sfz among them."""

from fractions import Fraction as F

import scoreframe as sf

# Concert pitches, (pitch, length in eighths[, articulation]) per bar of 4/4, D major.
CLARINET: list[list[tuple[str, int] | tuple[str, int, str]]] = [
    [("A4", 3), ("B4", 1), ("C#5", 2), ("D5", 2)],
    [("E5", 4, "trill"), ("D5", 2), ("C#5", 2)],
    [("B4", 3), ("C#5", 1), ("D5", 2), ("B4", 2)],
    [("A4", 8)],
    [("F#5", 3), ("E5", 1), ("D5", 2), ("C#5", 2)],
    [("B4", 4), ("G5", 2), ("F#5", 2)],
    [("E5", 2), ("D5", 2), ("C#5", 2), ("E5", 2)],
    [("D5", 8)],
]
HORN: list[list[tuple[str, int] | tuple[str, int, str]]] = [
    [("D4", 8)],
    [("C#4", 8)],
    [("B3", 4), ("D4", 4)],
    [("E4", 8)],
    [("D4", 4), ("F#4", 4)],
    [("G4", 4), ("D4", 4)],
    [("A3", 4), ("A3", 4)],
    [("D4", 8)],
]
CELLO = ["D3", "A2", "B2", "A2", "D3", "G2", "A2", "D2"]


def build() -> sf.Score:
    score = sf.Score(title="Serenade", composer="scoreframe examples", subtitle="for three")
    score.meter("4/4")
    score.key("D major")
    score.tempo.hold(72)
    _winds(score)
    _cello(score)
    score.rehearsal("A", at=0)
    score.rehearsal("B", at=4)
    return score


def _line(
    voice: sf.Voice, bars: list[list[tuple[str, int] | tuple[str, int, str]]]
) -> list[sf.Note]:
    return [
        voice.note(item[0], F(item[1], 8), articulations=item[2:]) for bar in bars for item in bar
    ]


def _winds(score: sf.Score) -> None:
    clarinet = score.part("Clarinet in Bb", program=72, transpose="Bb")
    notes = _line(clarinet.voice("Cl"), CLARINET)
    voice = clarinet.voices[0]
    voice.slur(notes[0], notes[3])
    voice.slur(notes[4], notes[7])
    voice.slur(notes[0], notes[12])  # a phrase mark over the first slurs
    voice.slur(notes[13], notes[-1])
    clarinet.text("espressivo", at=0)
    clarinet.dynamic("p", at=0)
    clarinet.dynamic("mf", at=4)
    horn = score.part("Horn in F", program=61, transpose="F")
    made = _line(horn.voice("Hn"), HORN)
    horn.voices[0].slur(made[0], made[1])
    horn.text("con sord.", at=0)
    horn.text("senza sord.", at=4)
    horn.dynamic("pp", at=0)
    horn.dynamic("sfz", at=4)
    horn.dynamic("mp", at=F(9, 2))


def _cello(score: sf.Score) -> None:
    cello = score.part("Cello", program=43)
    voice = cello.voice("Vc")
    for bar, root in enumerate(CELLO):
        if bar < 4:
            for _ in range(4):
                voice.note(root, F(1, 4), duration=F(1, 16))
        else:
            voice.note(root, 1, articulations=["down-bow"] if bar == 4 else ())
    cello.text("pizz.", at=0)
    cello.text("arco", at=4)
    cello.dynamic("p", at=0)
    cello.dynamic("mf", at=4)
