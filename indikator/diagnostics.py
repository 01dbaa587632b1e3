"""Diagnostics: the one way every stage reports a problem.

Errors are values. Each stage of the pipeline (load, formula, graph, data,
engine) returns its result together with a list of :class:`Diagnostic`; only
``cli.py`` decides what to print and which exit code to use. A diagnostic
carries its :class:`Span` (file, line, column, 1-based) and its suggestions as
fields, so that the text output, the JSON output and the web page all show the
same facts without parsing strings.

This module must not print, exit or raise to the user.
"""
from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from typing import Iterable, Literal, Sequence

from .messages import Message, Problem, render, say

Severity = Literal["error", "warning"]


@dataclass(frozen=True, slots=True)
class Span:
    """A place in a source file. Lines and columns start at 1, as editors count."""

    file: str
    line: int
    col: int
    end_line: int | None = None
    end_col: int | None = None

    def __str__(self) -> str:
        return f"{self.file}:{self.line}:{self.col}"


@dataclass(frozen=True, slots=True)
class Diagnostic:
    """One problem found in the input, with where it is and what might fix it."""

    severity: Severity
    code: str
    message: str                      # in English: stable for logs, tests and sorting
    span: Span | None = None
    suggestions: tuple[str, ...] = ()
    notes: tuple[str, ...] = ()
    # the catalog code and parameters the message was rendered from (None: a text, e.g. a
    # library's own words); :meth:`text` says it in another language
    problem: Problem | None = field(default=None, compare=False)
    note_problems: tuple[Message, ...] = field(default=(), compare=False)   # ``notes`` as messages

    @property
    def is_error(self) -> bool:
        return self.severity == "error"

    def text(self, lang: str | None = None) -> str:
        """The message in ``lang`` (default: :func:`~indikator.messages.default_lang`)."""
        return self.problem.render(lang) if self.problem is not None else self.message

    def note_texts(self, lang: str | None = None) -> tuple[str, ...]:
        """The notes in ``lang``."""
        if not self.note_problems:
            return self.notes
        return tuple(say(n, lang) for n in self.note_problems)

    def with_severity(self, severity: Severity) -> "Diagnostic":
        return Diagnostic(severity, self.code, self.message, self.span, self.suggestions, self.notes, self.problem,
                          self.note_problems)

    def to_json(self, lang: str | None = "en") -> dict:
        """The JSON shape of ``indikator check --format json`` (PRODUCT.md §8), the message in ``lang``."""
        return {
            "file": self.span.file if self.span else None,
            "line": self.span.line if self.span else None,
            "col": self.span.col if self.span else None,
            "severity": self.severity,
            "code": self.code,
            "message": self.text(lang),
            "suggestions": list(self.suggestions),
            "notes": list(self.notes),
        }


def _make(severity: Severity, code: str, message: Message, span: Span | None, suggestions: Sequence[str],
          notes: Sequence[Message]) -> Diagnostic:
    english = tuple(say(n, "en") for n in notes)
    coded = tuple(notes) if any(isinstance(n, Problem) for n in notes) else ()
    if isinstance(message, Problem):
        return Diagnostic(severity, code, message.render("en"), span, tuple(suggestions), english, message, coded)
    return Diagnostic(severity, code, message, span, tuple(suggestions), english, None, coded)


def error(code: str, message: Message, span: Span | None = None,
          suggestions: Sequence[str] = (), notes: Sequence[Message] = ()) -> Diagnostic:
    """An error; ``message`` is best a :class:`~indikator.messages.Problem` (said in every language)."""
    return _make("error", code, message, span, suggestions, notes)


def warning(code: str, message: Message, span: Span | None = None,
            suggestions: Sequence[str] = (), notes: Sequence[Message] = ()) -> Diagnostic:
    return _make("warning", code, message, span, suggestions, notes)


def did_you_mean(name: str, candidates: Iterable[str], n: int = 3,
                 cutoff: float = 0.6) -> tuple[str, ...]:
    """Near-miss names, best first. Compared case-insensitively, returned as spelled."""
    by_lower: dict[str, str] = {}
    for c in candidates:
        by_lower.setdefault(c.lower(), c)
    hits = difflib.get_close_matches(name.lower(), list(by_lower), n=n, cutoff=cutoff)
    return tuple(by_lower[h] for h in hits)


def has_errors(diagnostics: Iterable[Diagnostic]) -> bool:
    return any(d.is_error for d in diagnostics)


def sort_key(d: Diagnostic) -> tuple:
    """Order for output: by file, line, column, then errors before warnings."""
    if d.span is None:
        return ("", 0, 0, d.severity != "error", d.code, d.message)
    return (d.span.file, d.span.line, d.span.col, d.severity != "error", d.code, d.message)


@dataclass
class SourceTexts:
    """The text of every file read, so a diagnostic can show the line with a caret."""

    texts: dict[str, str] = field(default_factory=dict)
    # each file's lines, split once on first use: `check` of a region prints 2,500 warnings
    # with their source lines, and splitting the file again for each took seconds
    _lines: dict[str, list[str]] = field(default_factory=dict, repr=False, compare=False)

    def add(self, file: str, text: str) -> None:
        self.texts[file] = text
        self._lines.pop(file, None)

    def line(self, file: str, line: int) -> str | None:
        lines = self._lines.get(file)
        if lines is None:
            text = self.texts.get(file)
            if text is None:
                return None
            lines = self._lines[file] = text.splitlines()
        if 1 <= line <= len(lines):
            return lines[line - 1]
        return None


def format_text(d: Diagnostic, sources: SourceTexts | None = None, lang: str | None = "en") -> str:
    """``file:line:col: error: message`` followed by the source line and a caret, in ``lang``.

    Tabs in the excerpt are kept so the caret lines up in a terminal.
    """
    where = f"{d.span}: " if d.span else ""
    out = [f"{where}{render('severity-' + d.severity, {}, lang)}: {d.text(lang)}"]
    if d.span and sources is not None:
        src = sources.line(d.span.file, d.span.line)
        if src is not None:
            pad = "".join(ch if ch == "\t" else " " for ch in src[: max(d.span.col - 1, 0)])
            width = 1
            if d.span.end_line == d.span.line and d.span.end_col and d.span.end_col > d.span.col:
                width = d.span.end_col - d.span.col
            out.append(f"    {src}")
            out.append(f"    {pad}{'^' * width}")
    for note in d.note_texts(lang):
        out.append("    " + render("diag-note", {"note": note}, lang))
    if d.suggestions:
        out.append("    " + render("did-you-mean", {"names": ", ".join(d.suggestions)}, lang))
    return "\n".join(out)


class Locator:
    """Maps a character offset inside a piece of text to a :class:`Span` in its file.

    A formula read from YAML is a Python string; its characters sit somewhere
    in the file, possibly in a quoted or a block scalar (``|``, ``>``) with
    indentation and folding in between. The loader builds a locator that
    knows, for each character of the string, its line and column in the file;
    the formula parser asks it where a token is. The base class serves a
    string that *is* the whole text (line 1 col 1 at offset 0).
    """

    def __init__(self, text: str, file: str = "<formula>", line: int = 1, col: int = 1) -> None:
        self.text = text
        self.file = file
        self.line = line
        self.col = col

    def position(self, offset: int) -> tuple[int, int]:
        """(line, col) in the file of the character at ``offset`` of the text."""
        text = self.text
        offset = max(0, min(offset, len(text)))
        if "\n" not in text:         # one line (nearly every formula): a fixed shift
            return self.line, self.col + offset
        before = text[:offset]
        nl = before.count("\n")
        if nl == 0:
            return self.line, self.col + offset
        return self.line + nl, offset - before.rfind("\n")

    def span(self, start: int, end: int | None = None) -> Span:
        line, col = self.position(start)
        if end is None or end <= start:
            return Span(self.file, line, col)
        eline, ecol = self.position(end)
        return Span(self.file, line, col, eline, ecol)


class MappedLocator(Locator):
    """A locator with an explicit table: ``points[i]`` is the (line, col) of character i.

    Built by the YAML loader by aligning the scalar's value with its raw source.
    Offsets past the end map to just after the last character.
    """

    def __init__(self, text: str, file: str, points: list[tuple[int, int]],
                 end: tuple[int, int]) -> None:
        super().__init__(text, file)
        self.points = points
        self.end = end

    def position(self, offset: int) -> tuple[int, int]:
        if 0 <= offset < len(self.points):
            return self.points[offset]
        return self.end
