"""The same calls, right: ``mypy --strict`` must accept this file (tests/test_typing.py)."""

import scoreframe as sf
from scoreframe.csound import to_text, write
from scoreframe.midi import TempoPolicy, to_bytes
from scoreframe.musicxml import to_tree
from scoreframe.units import NOTE, CtrlMap, Filter, KeySplit, Output, Sanitize, Transpose, Velocity

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

# issue 13: units and patches where they run (the calls type-check; none runs here)

patch = (Filter(NOTE) % Transpose(12)) >> Velocity(gamma=0.8) >> Output("synth", 1, program=42)
split = KeySplit("C5", [Transpose(-12), CtrlMap(1, 11)], Sanitize())
sf.midi.write(score, "x.mid", patch=patch)
to_bytes(score, patch=[patch, split])
score.write("x.mid", patch=patch)
sf.live.play(score, port="synth", patch=patch)
sf.live.route(patch, inputs="Keyboard", outputs="synth")
take: sf.Score = sf.live.record(inputs="Keyboard", tempo=96, meter="4/4", bars=8)
score.write("x.wav", engine="csound", sample_rate=48000, gain=0.5, release=1.0)
score.write("x.flac", engine=sf.render.Engine.FLUIDSYNTH, soundfont="/usr/share/sounds/sf2/x.sf2")
score.write("x.svg", page=1, verovio={"breaks": "none"})
score.write("x.png", engine="musescore", resolution=150)
sf.plot.pianoroll(score, contours=["velocity", "control:11"], time="seconds")
sf.plot.pianoroll(score, "roll.png", tempo=False)
