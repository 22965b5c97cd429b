"""Canon at the octave over a ground harmony: the violin leads, the viola follows four bars
later an octave lower, both on the chord tones of one four-bar cycle (D A Bm F#m G D G A), so
every entry agrees with what is already sounding."""

from fractions import Fraction as F

import scoreframe as sf

# One chord per half bar; each phrase is four bars, one cycle of the ground.
PHRASES = [
    [
        ("F#5", "1/2"),
        ("E5", "1/2"),
        ("D5", "1/2"),
        ("C#5", "1/2"),
        ("B4", "1/2"),
        ("A4", "1/2"),
        ("B4", "1/2"),
        ("C#5", "1/2"),
    ],
    [
        ("A4", "1/4"),
        ("D5", "1/4"),
        ("C#5", "1/4"),
        ("E5", "1/4"),
        ("D5", "1/4"),
        ("B4", "1/4"),
        ("C#5", "1/4"),
        ("A4", "1/4"),
        ("B4", "1/4"),
        ("D5", "1/4"),
        ("A4", "1/4"),
        ("F#4", "1/4"),
        ("G4", "1/4"),
        ("B4", "1/4"),
        ("A4", "1/4"),
        ("C#5", "1/4"),
    ],
    [
        ("D5", "1/8"),
        ("E5", "1/8"),
        ("F#5", "1/8"),
        ("D5", "1/8"),
        ("C#5", "1/8"),
        ("D5", "1/8"),
        ("E5", "1/8"),
        ("C#5", "1/8"),
        ("D5", "1/8"),
        ("C#5", "1/8"),
        ("B4", "1/8"),
        ("D5", "1/8"),
        ("C#5", "1/8"),
        ("B4", "1/8"),
        ("A4", "1/8"),
        ("C#5", "1/8"),
        ("B4", "1/8"),
        ("C#5", "1/8"),
        ("D5", "1/8"),
        ("B4", "1/8"),
        ("A4", "1/8"),
        ("B4", "1/8"),
        ("A4", "1/8"),
        ("F#4", "1/8"),
        ("G4", "1/8"),
        ("A4", "1/8"),
        ("B4", "1/8"),
        ("G4", "1/8"),
        ("A4", "1/8"),
        ("B4", "1/8"),
        ("C#5", "1/8"),
        ("E5", "1/8"),
    ],
    [
        ("D5", "1/2"),
        ("C#5", "1/2"),
        ("B4", "1/2"),
        ("A4", "1/2"),
        ("G4", "1/2"),
        ("F#4", "1/2"),
        ("G4", "1/2"),
        ("A4", "1/2"),
    ],
]
DELAY = F(4)  # the follower enters after one cycle (four bars)


def _play(voice: sf.Voice, transpose: int, phrases: list[list[tuple[str, str]]]) -> None:
    for phrase in phrases:
        for name, period in phrase:
            pitch = sf.Pitch.parse(name).transpose(transpose) if transpose else name
            voice.note(pitch, period)
    voice.note(sf.Pitch.parse("D5").transpose(transpose), 1, articulations=["fermata"])


def build() -> sf.Score:
    score = sf.Score(title="Canon on a Ground", composer="scoreframe examples")
    score.meter("4/4")
    score.key("D major")
    score.tempo.hold(72).ramp(60, at=20, over=1)
    leader = score.part("Violin", program=41).voice("Vln")
    follower = score.part("Viola", program=42).voice("Vla")
    leader.velocity.hold(72)
    follower.velocity.hold(64)
    # The leader ends over the follower's last phrase with the ground's first line again.
    _play(leader, 0, [*PHRASES, PHRASES[0]])
    follower.rest(DELAY)
    _play(follower, -12, PHRASES)
    return score
