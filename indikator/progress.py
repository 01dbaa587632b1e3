"""A progress bar on long work (evaluating thousands of positions, reading big files).

Drawn with ``rich.progress`` on stderr, and only when stderr is a terminal:
piped, redirected, under a test runner or click's ``CliRunner`` nothing is
written at all. The bar is transient (it disappears when the work is done), so
what a command prints is the same with and without a terminal.
"""
from __future__ import annotations

import sys
from contextlib import contextmanager
from typing import Iterator


class Task:
    """What the work reports to: ``advance`` and ``update``; does nothing when silent."""

    def advance(self, n: float = 1) -> None:  # pragma: no cover - trivial
        pass

    def update(self, *, total: float | None = None, description: str | None = None) -> None:  # pragma: no cover
        pass


class _RichTask(Task):
    def __init__(self, progress, task_id) -> None:
        self._p = progress
        self._id = task_id

    def advance(self, n: float = 1) -> None:
        self._p.advance(self._id, n)

    def update(self, *, total: float | None = None, description: str | None = None) -> None:
        kw = {}
        if total is not None:
            kw["total"] = total
        if description is not None:
            kw["description"] = description
        self._p.update(self._id, **kw)


def enabled() -> bool:
    """True when stderr is a terminal (the only case in which a bar is drawn)."""
    try:
        return bool(sys.stderr.isatty())
    except (AttributeError, ValueError):
        return False


@contextmanager
def progress(description: str, total: float | None = None, show: bool | None = None) -> Iterator[Task]:
    """A bar for one piece of work; ``total`` None draws a spinner (work of unknown size)."""
    if not (enabled() if show is None else show):
        yield Task()
        return
    from rich.console import Console
    from rich.progress import (BarColumn, MofNCompleteColumn, Progress, SpinnerColumn, TextColumn,
                               TimeElapsedColumn, TimeRemainingColumn)

    columns = [SpinnerColumn(), TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
               TimeElapsedColumn(), TimeRemainingColumn()]
    with Progress(*columns, console=Console(file=sys.stderr), transient=True) as p:
        yield _RichTask(p, p.add_task(description, total=total))
