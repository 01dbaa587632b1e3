"""How deep a YAML text nests, measured before composing it (definitions and data files alike).

libyaml's composer recurses in C: deep enough nesting kills the process, so every YAML
reader asks :func:`nesting_error` first.
"""
from __future__ import annotations

from typing import Any

import yaml

from .diagnostics import Diagnostic, Span, error
from .messages import Problem

try:  # libyaml is ~10× faster; the pure-Python loader is the same grammar
    Loader = yaml.CSafeLoader  # type: ignore[attr-defined]
except AttributeError:  # pragma: no cover - wheels ship libyaml
    Loader = yaml.SafeLoader

#: Levels of nesting a YAML file may have.
MAX_DEPTH = 64


def line_col_from_mark(mark: Any) -> tuple[int, int]:
    return mark.line + 1, mark.column + 1


#: Above this bound on the nesting depth, nesting is measured exactly before composing.
SAFE_NESTING_BOUND = 1000
_STARTS = (yaml.SequenceStartEvent, yaml.MappingStartEvent)
_ENDS = (yaml.SequenceEndEvent, yaml.MappingEndEvent)


def nesting_error(file: str, text: str) -> Diagnostic | None:
    """Refuse nesting deeper than :data:`MAX_DEPTH` *before* composing.

    libyaml's composer recurses in C: some 30,000 nested ``[`` (or ``- - - …``)
    overflow the C stack and kill the process — no exception to catch. So a
    cheap upper bound on the depth is computed first: every flow level needs a
    ``[`` or ``{``, and block levels need a deeper column at least every
    second level, so depth ≤ brackets + 2 × longest line + 2. Only when that
    bound is large (big files full of ``[…]``, or hostile ones) is the depth
    measured exactly over the parser's events, which is iterative.
    """
    bound = text.count("[") + text.count("{") + 2 * max(map(len, text.splitlines()), default=0) + 2
    if bound <= SAFE_NESTING_BOUND:
        return None
    loader = Loader(text)
    try:
        depth = 0
        get_event = loader.get_event
        while True:
            event = get_event()
            if event is None:
                return None
            if isinstance(event, _STARTS):
                depth += 1
                if depth > MAX_DEPTH:
                    line, col = line_col_from_mark(event.start_mark)
                    if event.flow_style:   # the bracket itself, as the scanner-error path says
                        line, col = _flow_bracket_past_depth(text, event.end_mark.index) or (line, col)
                    return error("yaml-too-large", Problem("yaml-too-deep", {"depth": MAX_DEPTH}), Span(file, line, col))
            elif isinstance(event, _ENDS):
                depth -= 1
    except yaml.YAMLError as exc:
        # Newer PyYAML (6.0.4+) refuses deep flow nesting in its scanner, ahead of the
        # events counted above, with its own words. Whatever the library says, deep
        # nesting gets our message at the first bracket past MAX_DEPTH; other syntax
        # errors are left to the composer's handler.
        mark = getattr(exc, "problem_mark", None)
        upto = mark.index if mark is not None else len(text)
        where = _flow_bracket_past_depth(text, upto)
        if where is None:
            return None
        return error("yaml-too-large", Problem("yaml-too-deep", {"depth": MAX_DEPTH}), Span(file, *where))
    finally:
        loader.dispose()


def _flow_bracket_past_depth(text: str, upto: int) -> tuple[int, int] | None:
    """(line, col) of the first ``[``/``{`` opened beyond :data:`MAX_DEPTH` before ``upto``.

    A plain bracket count, used only after the YAML scanner has already refused the
    text, to tell nesting from other syntax errors.
    """
    depth = 0
    line, col = 1, 0
    for ch in text[:upto + 1]:
        col += 1
        if ch == "\n":
            line, col = line + 1, 0
        elif ch in "[{":
            depth += 1
            if depth > MAX_DEPTH:
                return line, col
        elif ch in "]}":
            depth -= 1
    return None
