"""Small scores holding each item of the notation vocabulary (shared by the notation tests)."""

from __future__ import annotations

import scoreframe as sf


def song() -> sf.Score:
    """A voice with two verses, slurs (one nested, one across a bar line and a tie), grace
    notes, fingerings (a chord, a left hand, a transposing part), texts, a rehearsal mark,
    dynamics as marks, chord symbols, a clef change and a piano with the pedal; a clarinet in
    B-flat and a horn in F."""
    score = sf.Score(
        title="Song",
        composer="A. Composer",
        subtitle="for voice and piano",
        lyricist="W. Poet",
        copyright="(c) 2026 A. Composer",
    )
    score.meter("3/4")
    score.key("F major")
    score.tempo.hold(84)
    voice = score.part("Voice", program=53).voice("S")
    first = voice.note("C5", "1/4", lyric=["Ky-", "Glo-"])
    voice.grace(["D5"], slash=True)
    second = voice.note("C5", "1/4", lyric=["ri-", "ri-"])
    third = voice.note("A4", "1/4", lyric=["e", "a_"], tie=True)
    voice.note("A4", "1/4")
    voice.grace(["G4", "C5"])
    fifth = voice.note("Bb4", "1/2", lyric=["Lord", "high"])
    voice.slur(first, second)
    voice.slur(third, fifth)
    voice.slur(first, fifth)  # a phrase over both
    piano = score.part("Piano", program=1, staves=2)
    rh, lh = piano.voice("RH", staff=1), piano.voice("LH", staff=2)
    rh.chord(["F4", "A4", "C5"], "3/4", articulations=["arpeggiate"], fingering=[1, 2, 4])
    rh.chord(["F4", "Bb4", "D5"], "3/4")
    lh.note("F2", "3/4", fingering=5)
    lh.note("Bb2", "3/4", articulations=["tenuto"])
    piano.pedal(at="3/4", release="3/2")  # given after the one it follows: a change all the same
    piano.pedal(at=0, release="3/4")
    piano.text("dolce", at=0)
    piano.text("legato", at=0, placement="below", staff=2)
    piano.dynamic("p", at=0)
    piano.dynamic("sfz", at="3/4")
    piano.harmony("F", at=0)
    piano.harmony("Bb/D", at="3/4")
    piano.clef("treble", at="3/4", staff=2)
    score.rehearsal("A", at="3/4")
    clarinet = score.part("Clarinet in Bb", program=72, transpose="Bb").voice("Cl")
    clarinet.note("Bb3", "3/4", articulations=["trill-sharp"])
    clarinet.note("Eb4", "3/4", articulations=["mordent", "up-bow"], fingering="T")
    horn = score.part("Horn in F", program=61, transpose="F").voice("Hn")
    horn.note("F3", "3/4", articulations=["staccatissimo"])
    horn.note("C4", "3/4", articulations=["turn", "breath-mark"])
    return score
