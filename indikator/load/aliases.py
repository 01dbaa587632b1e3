"""Fold Indonesian keys into English ones, record by record.

PRODUCT.md §2: Indonesian keys are exact aliases, a file may mix them, and
the same key given under both names is an error. Only *records* (a file, an
element, an indicator, …) take aliases; *maps* (a target by period, scales by
name) keep their keys as written. The folding keeps a way back from a folded
key path to the path as written, so every later message points at the key
the planner actually typed.
"""
from __future__ import annotations

from typing import Any

from ..messages import Problem
from ..diagnostics import Diagnostic, error
from .schema import ALIASES
from .yaml_source import PositionedDoc

# english key → the aliases that may stand for it, over all record kinds
_REVERSE: dict[str, set[str]] = {}
for _table in ALIASES.values():
    for _alias, _english in _table.items():
        _REVERSE.setdefault(_english, set()).add(_alias)


def fold_record(data: dict, kind: str, path: tuple, doc: PositionedDoc,
                diags: list[Diagnostic]) -> dict:
    """One record with its keys in English; a key given twice (both names) is reported."""
    table = ALIASES[kind]
    out: dict[str, Any] = {}
    written_as: dict[str, str] = {}
    for key, value in data.items():
        english = table.get(key, key) if isinstance(key, str) else key
        if english in out:
            other = written_as[english]
            diags.append(error(
                "duplicate-alias",
                Problem("ld-duplicate-alias", {"key": key, "other": other, "english": english}),
                doc.span(original_path(doc, path) + (key,))))
            continue
        written_as[english] = key
        out[english] = value
    return out


def fold_budget(value: Any, path: tuple, doc: PositionedDoc, diags: list[Diagnostic]) -> Any:
    """A budget is a record, or a map period → record."""
    if not isinstance(value, dict):
        return value
    keys = {ALIASES["budget"].get(k, k) for k in value}
    if keys & {"ceiling", "spent"}:
        return fold_record(value, "budget", path, doc, diags)
    return {k: fold_record(v, "budget", path + (k,), doc, diags) if isinstance(v, dict) else v
            for k, v in value.items()}


def original_path(doc: PositionedDoc, folded: tuple) -> tuple:
    """The key path as written in the file for a path of folded (English) keys."""
    return _walk(doc, tuple(folded))[0]


_MISSING = object()


def _walk(doc: PositionedDoc, folded: tuple) -> tuple[tuple, Any]:
    """(the path as written, the node there or None) for ``folded``, remembered per file.

    Every record asks for the paths of several of its keys (its id, formula, target, …):
    each is one step from the record's own path, which is found once instead of walking
    from the top of the file again (the file's data is not changed after it is read)."""
    memo = doc.written_paths
    hit = memo.get(folded, _MISSING)
    if hit is not _MISSING:
        return hit
    if not folded:
        out: tuple[tuple, Any] = ((), doc.data)
    else:
        parent, node = _walk(doc, folded[:-1])
        step = folded[-1]
        if isinstance(node, dict):
            if step not in node:
                for alias in _REVERSE.get(step, ()):
                    if alias in node:
                        step = alias
                        break
            out = (parent + (step,), node.get(step))
        elif isinstance(node, list) and isinstance(step, int) and 0 <= step < len(node):
            out = (parent + (step,), node[step])
        else:
            out = (parent + (step,), None)
    memo[folded] = out
    return out
