"""What the names in formulas stand for, and the order indicators are evaluated in.

A pass, not a rule: it takes the merged set and returns a *new* set with
``refs`` and ``evaluation_order`` filled in, and its diagnostics (unknown or
ambiguous names, indicators reading each other in a cycle). The set it was
given is not changed, so a crash half way leaves nothing half-filled, and the
checks in :mod:`indikator.graph.rules` do not depend on running before or
after it.
"""
from __future__ import annotations

import dataclasses
import traceback
from typing import TYPE_CHECKING

from ..diagnostics import Diagnostic, error
from ..formula.ast import Name, walk
from ..messages import Problem
from ..model import DefinitionSet, Ref
from .names import NameIndex, resolve_name
from .order import add_edge, adjacency, as_digraph, topological_order
from .rules import find_cycles

if TYPE_CHECKING:
    import networkx as nx

Refs = dict[str, dict[tuple, Ref]]


def resolve(dset: DefinitionSet) -> tuple[DefinitionSet, list[Diagnostic]]:
    """``dset`` with its formulas' names resolved and its evaluation order, and the diagnostics."""
    try:
        refs, diags = resolve_names(dset)
        order, cycle_diags = evaluation_order(dset, refs)
    except Exception:  # pragma: no cover - a bug here must not hide the other checks
        return dset, [error("internal", Problem("chk-internal-names", {
            "error": traceback.format_exc(limit=3).splitlines()[-1]}))]
    return dataclasses.replace(dset, refs=refs, evaluation_order=order), diags + cycle_diags


def resolve_names(dset: DefinitionSet) -> tuple[Refs, list[Diagnostic]]:
    """Every name of every formula; unknown or ambiguous names are errors."""
    out: list[Diagnostic] = []
    index = NameIndex.build(dset)
    broken = set(dset.broken_ids)
    all_refs: Refs = {}
    for ind in dset.indicators.values():
        refs: dict[tuple, Ref] = {}
        for formula, allow_self in ((ind.formula, False), (ind.achievement_formula, True)):
            if formula is None:
                continue
            for node in walk(formula):
                if not isinstance(node, Name):
                    continue
                key = (node.text, node.braced, node.field)
                ref, diag = resolve_name(node, ind, index, allow_self, broken)
                if diag is not None:
                    out.append(diag)
                elif ref is not None:
                    refs[key] = ref
        all_refs[ind.id] = refs
    return all_refs, out


def evaluation_order(dset: DefinitionSet, refs: Refs) -> tuple[list[str], list[Diagnostic]]:
    """Indicator ids, each after those it reads; empty with diagnostics when they read each
    other in a cycle."""
    adj = indicator_adjacency(dset, refs)
    order = topological_order(adj)
    if order is not None:          # no cycle: networkx (and its import) is not needed
        return list(reversed(order)), []
    g = as_digraph(adj)
    out = []
    for path in find_cycles(g):
        first = dset.indicators[path[0]]
        out.append(error("cycle", Problem("chk-indicator-cycle", {"path": " → ".join(path)}),
                         first.formula_span or first.span))
    for node in list(g.nodes):
        if g.has_edge(node, node):
            ind = dset.indicators[node]
            out.append(error("cycle", Problem("chk-refers-to-itself", {"id": node}), ind.formula_span or ind.span))
    return [], out       # without an order: a graph with no order has a cycle or a self-loop


def indicator_graph(dset: DefinitionSet, refs: Refs | None = None) -> "nx.DiGraph":
    """Edges reader → read (an indicator's formula uses another indicator)."""
    return as_digraph(indicator_adjacency(dset, refs))


def indicator_adjacency(dset: DefinitionSet, refs: Refs | None = None) -> dict:
    """The edges of :func:`indicator_graph` as an insertion-ordered adjacency dict."""
    refs = dset.refs if refs is None else refs
    g = adjacency(dset.indicators)
    children_of: dict[str, list[str]] = {}
    for el in dset.elements.values():
        for p in el.supports:
            children_of.setdefault(p, []).append(el.id)
    for ind_id, ind_refs in refs.items():
        for ref in ind_refs.values():
            if ref.kind == "indicator" and ref.id in dset.indicators:
                add_edge(g, ind_id, ref.id)
            elif ref.kind == "children":
                el = dset.indicators[ind_id].element
                for child in children_of.get(el, []):
                    for cid in dset.elements[child].indicators:
                        if cid in dset.indicators:
                            add_edge(g, ind_id, cid)
    return g
