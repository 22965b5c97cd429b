"""The same calls, right: ``mypy --strict`` must accept this file (tests/test_typing.py)."""

import scoreframe as sf
from scoreframe.csound import to_text, write
from scoreframe.midi import TempoPolicy, to_bytes
from scoreframe.musicxml import to_tree

score = sf.Score()
part = score.part("P", program=1, staves=2, clefs=["treble", sf.Clef.BASS])
part.channel = 3
to_bytes(score, ppq=960, format=0, tempo_policy=TempoPolicy.AMES)
to_bytes(score, ppq="exact")
to_tree(score, tempo_marks=False, ramp_beats=False)
to_text(score, ramps=True, default_velocity=90)
write(score, "x.csd", orchestra="instr 1\nendin", options=["-d"])
score.write("x.mid", ppq=480)
score.write("x.musicxml", date="2026-01-01")
sf.document.write(score, "x.score.xml")
part.control(74).lfo("sine", period="1/2", low=20, high=100, over=8)
score.write("x.wav", engine="csound", sample_rate=48000, gain=0.5, release=1.0)
score.write("x.flac", engine=sf.render.Engine.FLUIDSYNTH, soundfont="/usr/share/sounds/sf2/x.sf2")
score.write("x.svg", page=1, verovio={"breaks": "none"})
score.write("x.png", engine="musescore", resolution=150)
sf.plot.pianoroll(score, contours=["velocity", "control:11"], time="seconds")
sf.plot.pianoroll(score, "roll.png", tempo=False)
