"""Evening song: a strophic song in F major, two verses under one melody, with a waltzing
piano. It shows the notation a song needs: lyrics by verse with hyphens and melismas under
slurs, a grace note, chord symbols, expression texts, rehearsal marks, dynamics as marks, the
sustain pedal (a change in every bar) and a title page."""

from fractions import Fraction as F

import scoreframe as sf

# The melody, bar by bar (3/4): (pitch, length in quarters, verse 1, verse 2); "" is a note of
# a melisma (no syllable).
MELODY = [
    [("C5", 1, "Soft-", "Bright-"), ("A4", 1, "ly", "ly"), ("F4", 1, "the", "the")],
    [("G4", 1, "eve-", "morn-"), ("A4", 1, "ning", "ing"), ("Bb4", 1, "falls", "comes")],
    [("C5", 2, "on", "o'er"), ("A4", 1, "the", "the")],
    [("G4", 1, "hill,_", "sea,_"), ("A4", 1, "", ""), ("G4", 1, "", "")],
    [("A4", 1, "qui-", "sing-"), ("Bb4", 1, "et", "ing"), ("C5", 1, "the", "the")],
    [("D5", 1, "wa-", "wa-"), ("C5", 1, "ter,", "ter,"), ("Bb4", 1, "the", "the")],
    [("A4", 1, "wil-", "wind"), ("G4", 1, "lows", "and"), ("A4", 1, "are", "the")],
    [("F4", 3, "still.", "tree.")],
]
# One chord a bar: the symbol, the left hand's bass and the right hand's chord.
CHORDS = {
    "F": ("F2", ["A3", "C4", "F4"]),
    "C7": ("C3", ["Bb3", "C4", "E4"]),
    "C": ("C3", ["G3", "C4", "E4"]),
    "Bb": ("Bb2", ["Bb3", "D4", "F4"]),
}
INTRO, VERSE, OUTRO = ["F", "C7"], ["F", "C7", "F", "C", "F", "Bb", "C7", "F"], ["Bb", "F"]


def build() -> sf.Score:
    score = sf.Score(
        title="Evening Song",
        composer="scoreframe examples",
        subtitle="two verses for voice and piano",
        lyricist="scoreframe examples",
        copyright="CC0: no rights reserved",
    )
    score.meter("3/4")
    score.key("F major")
    score.tempo.hold(84)
    _melody(score)
    _piano(score)
    score.rehearsal("A", at=_bar(len(INTRO)))
    score.rehearsal("B", at=_bar(len(INTRO) + len(VERSE)))
    return score


def _bar(number: int) -> F:
    """Where bar ``number`` (from 0) starts."""
    return F(3 * number, 4)


def _melody(score: sf.Score) -> None:
    part = score.part("Voice", program=53)
    voice = part.voice("Soprano")
    voice.rest(_bar(len(INTRO)))
    made = []
    for bar, notes in enumerate(MELODY):
        for index, (pitch, quarters, first, second) in enumerate(notes):
            if bar == 5 and index == 0:
                voice.grace(["Eb5"], slash=True)  # a sigh into "wa-ter"
            made.append(voice.note(pitch, F(quarters, 4), lyric=[first, second]))
    voice.slur(made[8], made[10])  # the melisma on "hill" and "sea"
    voice.slur(made[0], made[4])  # phrase marks
    voice.slur(made[11], made[-1])
    voice.rest(_bar(len(OUTRO)))
    part.dynamic("mp", at=_bar(len(INTRO)))
    part.dynamic("mf", at=_bar(len(INTRO) + 4))
    part.dynamic("p", at=_bar(len(INTRO) + 7))


def _piano(score: sf.Score) -> None:
    piano = score.part("Piano", program=1, staves=2)
    right, left = piano.voice("RH", staff=1), piano.voice("LH", staff=2)
    quarter = F(1, 4)
    for bar, symbol in enumerate([*INTRO, *VERSE, *OUTRO]):
        bass, chord = CHORDS[symbol]
        start = _bar(bar)
        left.note(bass, 3 * quarter, articulations=["tenuto"] if bar == 0 else ())
        right.rest(quarter)
        right.chord(chord, quarter, duration=quarter / 2)
        right.chord(chord, quarter, duration=quarter / 2)
        piano.harmony(symbol, at=start)
        piano.pedal(at=start, release=start + 3 * quarter)
    piano.text("dolce", at=0)
    piano.text("con pedale", at=0, placement="below", staff=2)
    piano.text("rit.", at=_bar(len(INTRO) + len(VERSE) + 1))
    piano.dynamic("p", at=0)
    piano.dynamic("pp", at=_bar(len(INTRO) + len(VERSE)))
