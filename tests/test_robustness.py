"""Random scores through every exporter: each either writes a file its reader accepts or raises
a ScoreframeError (a clear message), never another exception."""

from __future__ import annotations

import io
import warnings
from typing import Any

from hypothesis import HealthCheck, given, settings

import scoreframe as sf
from scoreframe.errors import ScoreframeError, ScoreframeWarning
from tests.document.test_document import scores
from tests.support import require_module


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(scores())
def test_every_exporter_writes_a_readable_file_or_says_why(score: sf.Score) -> None:
    mido: Any = require_module("mido")
    outcomes = {}
    for name, export in (
        ("midi", sf.midi.to_bytes),
        ("musicxml", sf.musicxml.to_bytes),
        ("csound", sf.csound.to_text),
    ):
        try:
            with warnings.catch_warnings():  # random voices overlap: MIDI says so, as it should
                warnings.simplefilter("ignore", ScoreframeWarning)
                outcomes[name] = export(score)
        except ScoreframeError as error:
            assert str(error)  # a message, not an empty error
            outcomes[name] = None
    if outcomes["midi"] is not None:
        ours = sf.midi.read(outcomes["midi"])
        theirs = mido.MidiFile(file=io.BytesIO(outcomes["midi"]))
        assert len(ours.tracks) == len(theirs.tracks)
    if outcomes["musicxml"] is not None:
        sf.musicxml.validate(outcomes["musicxml"])
    if outcomes["csound"] is not None:
        assert outcomes["csound"].endswith("e\n")
