"""The native score format, ``*.score.xml``: our own schema (``schemas/score.xsd``), a reader
that validates before it builds, and a writer that keeps everything exactly.

>>> import scoreframe as sf
>>> s = sf.Score(title="Echo"); s.meter("6/8")
>>> v = s.part("Horn", program=61).voice("Hn"); _ = v.note("Bb3", "3/8", velocity=70)
>>> _ = v.velocity.hold(60).ramp(90, at="3/8", over="3/8")
>>> back = loads(to_bytes(s))
>>> to_bytes(back) == to_bytes(s)
True
"""

from .reader import load, loads, schema
from .writer import to_bytes, to_tree, write

__all__ = ["load", "loads", "schema", "to_bytes", "to_tree", "write"]
