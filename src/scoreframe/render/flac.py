"""FLAC files through libsndfile (the library FluidSynth and Csound write sound files with),
called with ``ctypes``: the fitted samples (:mod:`.pcm`) are encoded once, losslessly.

>>> from array import array
>>> from scoreframe.render.pcm import Audio
>>> flac_bytes(Audio(array("h", [0, 0] * 100), channels=2, rate=44100))[:4]
b'fLaC'
"""

from __future__ import annotations

import ctypes
import ctypes.util
import os
import tempfile
from functools import cache
from pathlib import Path

from ..errors import MissingDependencyError, RenderError
from .pcm import Audio

PACKAGE = "libsndfile1"
_WRITE = 0x20  # SFM_WRITE
_FLAC_16 = 0x170000 | 0x0002  # SF_FORMAT_FLAC | SF_FORMAT_PCM_16


class _Info(ctypes.Structure):
    """libsndfile's SF_INFO."""

    _fields_ = [
        ("frames", ctypes.c_int64),
        ("samplerate", ctypes.c_int),
        ("channels", ctypes.c_int),
        ("format", ctypes.c_int),
        ("sections", ctypes.c_int),
        ("seekable", ctypes.c_int),
    ]


@cache
def library() -> ctypes.CDLL:
    """libsndfile, its functions typed; a MissingDependencyError naming the Debian package."""
    name = ctypes.util.find_library("sndfile")
    if name is None:
        raise MissingDependencyError(
            f"writing FLAC needs libsndfile; install the Debian package {PACKAGE}"
        )
    lib = ctypes.CDLL(name)
    lib.sf_open.restype = ctypes.c_void_p
    lib.sf_open.argtypes = [ctypes.c_char_p, ctypes.c_int, ctypes.POINTER(_Info)]
    lib.sf_writef_short.restype = ctypes.c_int64
    lib.sf_writef_short.argtypes = [ctypes.c_void_p, ctypes.c_void_p, ctypes.c_int64]
    lib.sf_close.argtypes = [ctypes.c_void_p]
    lib.sf_strerror.restype = ctypes.c_char_p
    lib.sf_strerror.argtypes = [ctypes.c_void_p]
    return lib


def flac_bytes(audio: Audio) -> bytes:
    """The audio as a 16-bit FLAC file."""
    lib = library()
    samples = audio.samples  # native shorts, as libsndfile takes them
    with tempfile.TemporaryDirectory(prefix="scoreframe-flac-") as folder:
        path = Path(folder) / "audio.flac"
        info = _Info(0, audio.rate, audio.channels, _FLAC_16, 0, 0)
        handle = lib.sf_open(os.fsencode(path), _WRITE, ctypes.byref(info))
        if not handle:
            raise RenderError(f"libsndfile cannot write FLAC: {lib.sf_strerror(None).decode()}")
        try:
            buffer = (ctypes.c_short * len(samples)).from_buffer(samples)
            written = lib.sf_writef_short(handle, buffer, audio.frames)
        finally:
            lib.sf_close(handle)
        if written != audio.frames:
            raise RenderError(f"libsndfile wrote {written} of {audio.frames} FLAC frames")
        return path.read_bytes()
