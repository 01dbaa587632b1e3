"""What a name in a formula stands for (PRODUCT.md §5 "Names").

A bare name is an indicator id or a variable id, optionally followed by a
field (``.target``, ``.actual``, ``.achievement``); ids may themselves hold
dots, so the whole text is tried as an id before a field is split off. A
braced ``{label}`` matches a variable's label or an indicator's name, case-
and whitespace-insensitively (and, for ids that a bare name cannot spell,
such as ``misi-6``, an id). ``children`` stands for the indicators of the
supporting elements. A name that matches both an indicator and a variable,
or nothing, is an error with suggestions.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..diagnostics import Diagnostic, did_you_mean, error
from ..formula.ast import Name
from ..messages import Problem
from ..model import DefinitionSet, Indicator, Ref

FIELDS = ("target", "actual", "achievement")
CHILDREN_WORDS = ("children", "anak")
_SPACES = re.compile(r"\s+")


def normalize_label(text: str) -> str:
    """Case- and whitespace-insensitive form of a label."""
    return _SPACES.sub(" ", text).strip().casefold()


@dataclass
class NameIndex:
    indicator_ids: set[str]
    variable_ids: set[str]
    by_label: dict[str, list[tuple[str, str]]] = field(default_factory=dict)   # norm label → [(kind, id)]
    labels: list[str] = field(default_factory=list)                           # for suggestions
    _seen: set[tuple[str, str, str]] = field(default_factory=set)             # (label, kind, id) added

    @classmethod
    def build(cls, dset: DefinitionSet) -> "NameIndex":
        idx = cls(set(dset.indicators) | set(dset.broken_ids), set(dset.variables))
        for v in dset.variables.values():
            if v.label:
                idx._add(v.label, "variable", v.id)
        for ind in dset.indicators.values():
            idx._add(ind.name, "indicator", ind.id)
        return idx

    def _add(self, label: str, kind: str, ident: str) -> None:
        key = normalize_label(label)
        entries = self.by_label.setdefault(key, [])
        # a set beside the list: thousands of positions share one IKI name, and a
        # list membership test per indicator would be quadratic
        if (key, kind, ident) not in self._seen:
            self._seen.add((key, kind, ident))
            entries.append((kind, ident))
        self.labels.append(label)


def resolve_name(node: Name, ind: Indicator, index: NameIndex, allow_self: bool,
                 broken: set[str]) -> tuple[Ref | None, Diagnostic | None]:
    """Resolve one name in ``ind``'s formula; return the ref or the diagnostic."""
    if node.braced:
        return _resolve_label(node, index, broken)
    text = node.text
    parts = text.split(".")
    if allow_self and text in ("actual", "target"):
        return Ref("self", ind.id, text), None
    if parts[0] in CHILDREN_WORDS:
        fld = parts[1] if len(parts) > 1 else "actual"
        if len(parts) > 2 or fld not in FIELDS:
            return None, error("unknown-name", Problem("chk-children-field", {"text": text}), node.span,
                               did_you_mean(fld, FIELDS))
        return Ref("children", ind.element, fld), None
    fld = "actual"
    base = text
    if text not in index.indicator_ids and text not in index.variable_ids and len(parts) > 1 \
            and parts[-1] in FIELDS:
        base, fld = ".".join(parts[:-1]), parts[-1]
    is_ind = base in index.indicator_ids
    is_var = base in index.variable_ids
    if is_ind and is_var:
        return None, error("ambiguous-name", Problem("chk-ambiguous-id", {"name": base}), node.span)
    if is_ind:
        if base in broken:
            return None, None
        return Ref("indicator", base, fld), None
    if is_var:
        if fld != "actual":
            return None, error("unknown-name", Problem("chk-variable-field", {"text": text, "field": fld}), node.span)
        return Ref("variable", base, "actual"), None
    candidates = sorted(index.indicator_ids | index.variable_ids)
    return None, error("unknown-name", Problem("chk-unknown-name", {"text": text}), node.span,
                       did_you_mean(base, candidates))


def _resolve_label(node: Name, index: NameIndex, broken: set[str]) -> tuple[Ref | None, Diagnostic | None]:
    key = normalize_label(node.text)
    fld = node.field or "actual"
    hits = list(index.by_label.get(key, []))
    if not hits:
        raw = node.text.strip()
        if raw in index.indicator_ids:
            hits.append(("indicator", raw))
        if raw in index.variable_ids:
            hits.append(("variable", raw))
    if not hits:
        return None, error("unknown-name", Problem("chk-unknown-label", {"text": node.text}), node.span,
                           did_you_mean(node.text, index.labels, cutoff=0.5))
    if len(hits) > 1:
        what = ", ".join(f"{k} '{i}'" for k, i in hits)
        return None, error("ambiguous-name", Problem("chk-ambiguous-label", {"text": node.text, "what": what}),
                           node.span)
    kind, ident = hits[0]
    if kind == "variable":
        if fld != "actual":
            return None, error("unknown-name", Problem("chk-label-variable-field", {"text": node.text, "field": fld}),
                               node.span)
        return Ref("variable", ident, "actual"), None
    if ident in broken:
        return None, None
    return Ref("indicator", ident, fld), None
