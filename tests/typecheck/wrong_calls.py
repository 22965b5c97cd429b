"""Deliberately wrong calls: ``mypy --strict`` must reject each line marked as an error.

Not run; tests/test_typing.py checks mypy's verdict, line by line.
"""

import scoreframe as sf
from scoreframe.csound import to_text, write
from scoreframe.midi import to_bytes
from scoreframe.musicxml import to_tree

score = sf.Score()
score.part("P", programme=1)  # error: a misspelled part option
score.part("P", staves="2")  # error: a wrong type
to_bytes(score, ppqq=960)  # error: a misspelled MIDI option
to_bytes(score, format="1")  # error: a wrong type
to_tree(score, tempo_mark=False)  # error: a misspelled MusicXML option
to_text(score, ramp=True)  # error: a misspelled Csound option
write(score, "x.csd", orchestra=3)  # error: a wrong type
score.write("x.mid", ppq_=480)  # error: a misspelled option through score.write
sf.document.write(score, "x.score.xml", pretty=True)  # error: the document takes none
sf.midi.write(score, "x.mid", tempo="fast")  # error: through the lazy sf.midi
score.tempo.lfo("sine", period="1/2", low=0, high=1, over=2, shape="x")  # error: twice
sf.midi.write(score, "x.mid", patch=5)  # error: a patch is units
score.write("x.wav", sample_rat=48000)  # error: a misspelled audio option
score.write("x.wav", gain="loud")  # error: a wrong type
score.write("x.png", resolution=1.5)  # error: a wrong type for a notation option
sf.plot.pianoroll(score, contour=["velocity"])  # error: a misspelled piano roll option
sf.plot.pianoroll(score, tempo="yes")  # error: a wrong type
