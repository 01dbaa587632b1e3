"""Hints for characters a planner types by habit in a formula (``=``, ``≤``, ``×``, curly quotes …).
"""
from __future__ import annotations

from indikator.messages import Message, Problem


def _use(what: Message) -> Problem:
    return Problem("fx-hint-use", {"what": what})


_TIMES = Problem("fx-or", {"a": "'*'", "b": "'×'"})


CHAR_HINTS = {
    "=": Problem("fx-hint-compare"),
    "!": Problem("fx-hint-not"),
    "&": _use("'and'"),
    "|": _use("'or'"),
    "≤": _use("'<='"),
    "≥": _use("'>='"),
    "≠": _use("'!='"),
    "–": _use("'-'"),
    "—": _use("'-'"),
    "−": _use("'-'"),
    "·": _use(_TIMES),
    "⋅": _use(_TIMES),
    "∙": _use(_TIMES),
    ":": Problem("fx-hint-divide"),
    "“": Problem("fx-hint-double-quotes"),
    "”": Problem("fx-hint-double-quotes"),
    "‘": Problem("fx-hint-single-quotes"),
    "’": Problem("fx-hint-single-quotes"),
    "[": Problem("fx-hint-brackets-list"),
    "]": Problem("fx-hint-brackets"),
}


def show_char(ch: str) -> str:
    if ch.isprintable() and not ch.isspace():
        return f"'{ch}'"
    return f"U+{ord(ch):04X}"
