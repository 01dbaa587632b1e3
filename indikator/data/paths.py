"""Which data files a ``--data`` argument stands for (the CLI and the web page alike)."""
from __future__ import annotations

import os
from typing import Sequence

from .readers import EXTENSIONS


def expand_data_paths(paths: Sequence[str]) -> list[str]:
    """A folder given to --data stands for every data file in it (sorted, not recursive)."""
    out: list[str] = []
    for p in paths:
        try:
            names = os.listdir(p) if os.path.isdir(p) else None
        except OSError:
            names = None   # an unreadable folder: the reader names it and why
        found = sorted(os.path.join(p, f) for f in names or ()
                       if os.path.splitext(f)[1].lower() in EXTENSIONS and not f.startswith("."))
        if found:
            out += found
        else:   # a file, or a folder without data files: the reader says which and why
            out.append(p)
    return out
