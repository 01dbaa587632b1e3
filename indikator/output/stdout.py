"""Standard output that can fail: closed at start (``>&-``), full (``> /dev/full``), or a
reader gone away (``| head``). Helpers for the boundary in ``cli.py``; nothing here prints.

When a program starts with file descriptor 1 closed, Python sets ``sys.stdout`` to None
and click drops every line silently: :func:`closed_stdout` gives a stand-in whose writes
fail with EBADF, so the boundary can say so. After a failure has been reported,
:func:`silence` points the stream at the null device, so the interpreter's own final
flush does not print "Exception ignored" after our message.
"""
from __future__ import annotations

import errno
import io
import os
import traceback


class _ClosedRaw(io.RawIOBase):
    silenced = False

    def writable(self) -> bool:
        return True

    def write(self, b) -> int:  # noqa: ANN001 - RawIOBase signature
        if self.silenced:
            return len(b)
        raise OSError(errno.EBADF, os.strerror(errno.EBADF))


def closed_stdout() -> io.TextIOWrapper:
    """A text stream standing in for a closed stdout: every flush fails with EBADF."""
    return io.TextIOWrapper(io.BufferedWriter(_ClosedRaw()), encoding="utf-8")


def silence(stream) -> None:  # noqa: ANN001
    """Nothing more reaches ``stream``: let later flushes succeed without writing anything."""
    raw = getattr(getattr(stream, "buffer", None), "raw", None)
    if isinstance(raw, _ClosedRaw):
        raw.silenced = True
        return
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        try:
            os.dup2(devnull, stream.fileno())
        finally:
            os.close(devnull)
    except (OSError, ValueError, AttributeError):   # no file descriptor (io.UnsupportedOperation)
        pass


def describe(exc: BaseException) -> str:
    """``ValueError: text (at indikator/engine/x.py:12)`` on one line: enough to find the bug."""
    text = " ".join(str(exc).split())[:300]
    where = ""
    frames = traceback.extract_tb(exc.__traceback__)
    if frames:
        last = frames[-1]
        name = last.filename
        mark = name.rfind("indikator")
        where = f" (at {name[mark:] if mark >= 0 else name}:{last.lineno})"
    return type(exc).__name__ + (f": {text}" if text else "") + where
