"""The operating system's reason for a failed read or write, said in the run's language.

One place for every ``OSError`` that becomes a message (an output that cannot be written, an
input that cannot be read, a port already taken): ``exc.strerror`` is the C library's English.
"""
from __future__ import annotations

import errno as errnos
import os

from . import CATALOG, Problem


def os_reason(failure: OSError | int) -> Problem:
    """Why ``failure`` (an ``OSError`` or an ``errno`` number) happened: the catalog's words for a
    common errno (``os-ENOSPC``), else the system's own words quoted (``file-system-said``)."""
    number = failure if isinstance(failure, int) else failure.errno
    name = errnos.errorcode.get(number) if number is not None else None
    if name and f"os-{name}" in CATALOG:
        return Problem(f"os-{name}")
    if isinstance(failure, int):
        return Problem("file-system-said", {"words": os.strerror(failure)})
    return Problem("file-system-said", {"words": failure.strerror or str(failure)})
