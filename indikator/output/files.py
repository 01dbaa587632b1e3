"""Atomic file output: a failed run never leaves a half-written file.

Everything is written to a temporary file in the target's folder and moved
into place with :func:`os.replace`, which is atomic on POSIX and Windows.
"""
from __future__ import annotations

import os
import tempfile


def write_atomically(path: str, data: bytes) -> None:
    folder = os.path.dirname(os.path.abspath(path))
    fd, tmp = tempfile.mkstemp(prefix=".indikator-", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise
