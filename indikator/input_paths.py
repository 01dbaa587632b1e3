"""Why an input path cannot be read as a file, as a message code (PRODUCT.md §8, v2).

Definition and data files are opened by path; a path that is a dangling link, a
link loop, a FIFO, a device, a socket or a folder must become an error naming it
and why, never a silent skip, never "does not exist" when it does, and never an
``open`` that blocks forever on a FIFO. The answer comes from ``lstat``/``stat``
alone: nothing is opened here. This module must not print or raise.
"""
from __future__ import annotations

import errno
import os
import stat

from .messages import Problem
from .messages.os_errors import os_reason


def why_unreadable(path: str, folder_ok: bool = False) -> Problem | None:
    """``None`` when ``path`` is a regular file (through links) that may be opened for
    reading; else the problem (codes ``path-*`` of the catalog, parameter ``path``)."""
    try:
        st = os.stat(path)
    except OSError as exc:
        return _stat_failed(path, exc)
    mode = st.st_mode
    if stat.S_ISREG(mode):
        if not os.access(path, os.R_OK):
            return Problem("path-no-permission", {"path": path})
        return None
    if stat.S_ISDIR(mode):
        return None if folder_ok else Problem("path-directory", {"path": path})
    if stat.S_ISFIFO(mode):
        return Problem("path-fifo", {"path": path})
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return Problem("path-device", {"path": path})
    if stat.S_ISSOCK(mode):
        return Problem("path-socket", {"path": path})
    return Problem("path-special", {"path": path})  # pragma: no cover - door, whiteout


def _stat_failed(path: str, exc: OSError) -> Problem:
    if exc.errno == errno.ELOOP:
        return Problem("path-link-loop", {"path": path})
    if exc.errno == errno.ENOENT and os.path.islink(path):
        try:
            target = os.readlink(path)
        except OSError:  # pragma: no cover - removed meanwhile
            target = "?"
        return Problem("path-dangling-link", {"path": path, "target": target})
    if exc.errno == errno.ENOENT:
        return Problem("path-missing", {"path": path})
    if exc.errno in (errno.EACCES, errno.EPERM):
        return Problem("path-no-permission", {"path": path})
    if exc.errno == errno.ENOTDIR:
        return Problem("path-not-dir-parent", {"path": path})
    if exc.errno == errno.ENAMETOOLONG:
        return Problem("path-name-too-long", {"path": path})
    return Problem("path-os-error", {"path": path, "reason": os_reason(exc)})
