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
        os.chmod(tmp, mode_for(path))   # mkstemp makes 0600; a report is an ordinary file
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise


def mode_for(path: str) -> int:
    """The mode of the file being replaced, else what a plain ``open`` would give (0666 & ~umask)."""
    try:
        return os.stat(path).st_mode & 0o7777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


class atomic_writer:
    """``with atomic_writer(path) as fh:`` -- a binary file written in place of ``path`` only when
    the block ends without an exception (streamed output too big to hold as one bytes object)."""

    def __init__(self, path: str) -> None:
        self.path = path
        self._tmp: str | None = None
        self._fh = None

    def __enter__(self):
        folder = os.path.dirname(os.path.abspath(self.path))
        fd, self._tmp = tempfile.mkstemp(prefix=".indikator-", suffix=".tmp", dir=folder)
        self._fh = os.fdopen(fd, "wb", buffering=1 << 20)
        return self._fh

    def __exit__(self, exc_type, exc, tb) -> None:
        try:
            if exc_type is None:
                self._fh.flush()
                os.fsync(self._fh.fileno())
            self._fh.close()
            if exc_type is None:
                os.chmod(self._tmp, mode_for(self.path))
                os.replace(self._tmp, self.path)
                self._tmp = None
        finally:
            if self._tmp is not None:
                try:
                    os.unlink(self._tmp)
                except OSError:
                    pass
