"""Graphviz's output kept per DOT text: a chart whose text has not changed is not laid out again.

Laying out a region's chart is most of a warm ``render -o .svg`` and a large part of ``serve``'s
first view (0.4 s for its top six levels, a minute for the whole region as PDF), and the
layout depends only on the DOT text, the format and the ``dot`` program. So the bytes
``dot`` wrote are kept in the model cache's folder (PRODUCT.md §13, :mod:`indikator.load.cache`)
under a BLAKE2b key of exactly those three, with the same rules as the model cache: a
private folder, an entry used only when it is ours and nobody else may write it, written to a
temporary file and moved into place, pruned with the model entries (unused for 30 days, or
beyond the folder's budget). ``--no-cache`` (``cache=False``) neither reads nor writes it.
Nothing here raises: a cache that cannot be used means ``dot`` runs, as without it.
"""
from __future__ import annotations

import hashlib
import os
import shutil
import time
from pathlib import Path
from typing import Callable

from ..load.cache import cache_dir, prune, trusted_file, write_file

MAGIC = b"indikator-chart-1\0"
#: A process prunes the folder when it first stores a chart, then at most this often: a region's
#: A4 PDF stores ~7,700 layouts (pages and measured candidates), and pruning after each store
#: listed the whole folder every time (minutes, quadratic in the entries).
PRUNE_EVERY_SECONDS = 60.0
_LAST_PRUNE: dict[Path, float] = {}


def _dot_identity() -> bytes:
    """Which ``dot`` lays the chart out: its path, size and time (another Graphviz, another key)."""
    path = shutil.which("dot")
    if path is None:
        return b"-"
    try:
        st = os.stat(path)
    except OSError:
        return b"-"
    return f"{os.path.realpath(path)}:{st.st_size}:{st.st_mtime_ns}".encode("utf-8", "surrogateescape")


def entry_for(source: str, fmt: str) -> Path:
    h = hashlib.blake2b(MAGIC, digest_size=20)
    for part in (fmt.encode(), _dot_identity(), source.encode("utf-8", "surrogateescape")):
        h.update(part + b"\0")
    return cache_dir() / f"chart-{h.hexdigest()}.{fmt}"


def laid_out(source: str, fmt: str, run: Callable[[], bytes], cache: bool) -> bytes:
    """``run()`` (``dot`` on ``source`` to ``fmt``), or its bytes from an earlier run."""
    if not cache:
        return run()
    path = entry_for(source, fmt)
    try:
        with open(path, "rb") as fh:
            if trusted_file(fh.fileno()):
                data = fh.read()
                if data:
                    os.utime(path)
                    return data
    except OSError:
        pass
    data = run()
    _store(path, data)
    return data


def _store(path: Path, data: bytes) -> None:
    if write_file(path, ".chart-", lambda fh: fh.write(data)):
        _prune_now_and_then(path.parent, path)


def _prune_now_and_then(folder: Path, keep: Path) -> None:
    """:func:`indikator.load.cache.prune` on the first store of this process, then once a minute
    (``serve`` lives for days and stores charts all along; threads may race here harmlessly: a
    prune tolerates files another pruner removed)."""
    now = time.monotonic()
    last = _LAST_PRUNE.get(folder)
    if last is not None and now - last < PRUNE_EVERY_SECONDS:
        return
    _LAST_PRUNE[folder] = now
    prune(folder, keep=keep)
