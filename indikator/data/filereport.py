"""One data file's diagnostics, at most MAX_PER_CODE listed per code (every reader of data
files reports through a FileReport).
"""
from __future__ import annotations

from typing import Collection, Sequence
from ..diagnostics import Diagnostic, Span, error, warning
from ..messages import Message, Problem


MAX_PER_CODE = 20


#: Bad values examined one by one before a column is given up as unusable.
MAX_SCAN = 10_000


class FileReport:
    """Collects one file's diagnostics, listing at most MAX_PER_CODE per code."""

    def __init__(self, file: str, grades: Collection[str] | None = None) -> None:
        self.file = file
        self.grades = grades
        self.diags: list[Diagnostic] = []
        self.counts: dict[str, int] = {}

    def add(self, code: str, message: "Message", line: int = 1, col: int = 1,
            severity: str = "error", suggestions: Sequence[str] = (),
            notes: Sequence[Message] = ()) -> None:
        n = self.counts.get(code, 0)
        self.counts[code] = n + 1
        if n < MAX_PER_CODE:
            make = error if severity == "error" else warning
            self.diags.append(make(code, message, Span(self.file, line, col), suggestions, notes))

    def more(self, code: str, extra: int) -> None:
        """Count ``extra`` further problems of ``code`` that were not examined one by one."""
        self.counts[code] = self.counts.get(code, 0) + extra

    def finish(self) -> list[Diagnostic]:
        for code, n in self.counts.items():
            if n > MAX_PER_CODE:
                self.diags.append(error(code, Problem("file-more-problems", {"n": n - MAX_PER_CODE, "code": code}),
                                        Span(self.file, 1, 1)))
        return self.diags


def unreadable_reason(exc: Exception) -> Message:
    """Why a file could not be read: not UTF-8 text (with the fix), else the system's words
    (quoted as the system's in Indonesian)."""
    if isinstance(exc, UnicodeDecodeError):
        return Problem("file-not-utf8")
    if isinstance(exc, OSError):
        from ..messages.os_errors import os_reason

        return os_reason(exc)
    return Problem("file-system-said", {"words": str(exc)})


def library_said(exc: Exception) -> Problem:
    """A file reader's exception (a damaged XLSX, a Parquet file Arrow refuses) as a reason:
    its class and words, quoted as the library's in Indonesian."""
    return Problem("file-library-said", {"kind": type(exc).__name__, "words": str(exc)})
