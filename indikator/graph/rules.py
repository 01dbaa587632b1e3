"""Set-wide rules: levels, references, element cycles, scales, coverage.

Each rule is a small function that reads the merged set and returns diagnostics;
it changes nothing, so the rules do not depend on their order and a crashing rule
(an ``internal`` diagnostic, never a traceback: :func:`run_rules`) leaves the set as
it was. Adding a check is adding a function to :data:`RULES`. The names in formulas
and the indicators' evaluation order are not rules but a pass that makes a new
value (:mod:`indikator.graph.resolve`).
"""
from __future__ import annotations

import traceback
from typing import TYPE_CHECKING, Callable

from ..diagnostics import Diagnostic, Span, did_you_mean, error, warning
from ..messages import Problem
from ..model import POSITION_LEVEL, DefinitionSet, LEVEL_ALIASES
from .order import add_edge, adjacency, as_digraph, topological_order

if TYPE_CHECKING:
    import networkx as nx


def check_levels(dset: DefinitionSet) -> list[Diagnostic]:
    out = []
    for el in dset.elements.values():
        if el.level not in dset.levels:
            options = list(dset.levels) + ([a for a in LEVEL_ALIASES] if "position" in dset.levels else [])
            out.append(error("unknown-level", Problem("chk-unknown-level", {"id": el.id, "level": el.level,
                                                                            "levels": ", ".join(dset.levels)}),
                             el.level_span or el.span, did_you_mean(el.level, options)))
    return out


def check_supports(dset: DefinitionSet) -> list[Diagnostic]:
    """``supports`` names existing elements of a higher level (positions may support anything)."""
    out = []
    broken = dset.broken_ids
    for el in dset.elements.values():
        for k, parent_id in enumerate(el.supports):
            span = el.supports_spans[k] if k < len(el.supports_spans) else el.span
            parent = dset.elements.get(parent_id)
            if parent is None:
                if parent_id in broken:
                    continue
                code = "chk-supports-indicator" if parent_id in dset.indicators else "chk-supports-unknown"
                out.append(error("unknown-reference", Problem(code, {"id": el.id, "parent": parent_id}), span,
                                 did_you_mean(parent_id, dset.elements)))
                continue
            if parent_id == el.id:
                out.append(error("cycle", Problem("chk-supports-itself", {"id": el.id}), span))
                continue
            if el.level not in dset.levels or parent.level not in dset.levels:
                continue
            if el.level == POSITION_LEVEL:
                continue
            if parent.level == POSITION_LEVEL or dset.level_rank(parent.level) >= dset.level_rank(el.level):
                out.append(error("level-order", Problem("chk-level-order", {
                    "id": el.id, "level": el.level, "parent": parent_id, "parent_level": parent.level}), span))
    return out


def check_owners(dset: DefinitionSet) -> list[Diagnostic]:
    out = []
    broken = dset.broken_ids
    positions = [e.id for e in dset.elements.values() if e.level == POSITION_LEVEL]
    for item in [*dset.elements.values(), *dset.indicators.values()]:
        owner = item.owner
        if owner is None or owner in broken:
            continue
        target = dset.elements.get(owner)
        if target is None:
            out.append(error("unknown-reference", Problem("chk-owner-unknown", {"owner": owner, "id": item.id}),
                             item.span, did_you_mean(owner, positions)))
        elif target.level != POSITION_LEVEL:
            code = "chk-owner-not-position-an" if target.level[0] in "aeiou" else "chk-owner-not-position-a"
            out.append(error("owner-not-position", Problem(code, {"owner": owner, "id": item.id,
                                                                  "level": target.level}), item.span))
    return out


def element_graph(dset: DefinitionSet) -> "nx.DiGraph":
    """Edges parent → child (the direction of the cascade)."""
    return as_digraph(element_adjacency(dset))


def element_adjacency(dset: DefinitionSet) -> dict:
    """The edges of :func:`element_graph` as an insertion-ordered adjacency dict."""
    g = adjacency(dset.elements)
    for el in dset.elements.values():
        for p in el.supports:
            if p in dset.elements and p != el.id:
                add_edge(g, p, el.id)
    return g


def find_cycles(g: "nx.DiGraph") -> list[list[str]]:
    """One cycle per strongly connected component that has one, as a node path."""
    import networkx as nx

    out = []
    for comp in nx.strongly_connected_components(g):
        if len(comp) < 2:
            continue
        # A plain copy in the graph's (file) order: a subgraph *view* iterates the component's
        # set, whose order changes with PYTHONHASHSEED, and the message must not.
        nodes = [n for n in g if n in comp]
        sub = nx.DiGraph()
        sub.add_nodes_from(nodes)
        sub.add_edges_from((u, v) for u, v in g.edges(nodes) if v in comp)
        cyc = nx.find_cycle(sub, source=nodes[0])
        out.append([u for u, _ in cyc] + [cyc[0][0]])
    return out


def check_element_cycles(dset: DefinitionSet) -> list[Diagnostic]:
    adj = element_adjacency(dset)
    if topological_order(adj) is not None:     # no cycle (self-supports are not edges here)
        return []
    out = []
    for path in find_cycles(as_digraph(adj)):
        # report at the element that closes the cycle (child supporting its ancestor)
        child = path[1]
        out.append(error("cycle", Problem("chk-element-cycle", {"path": " → ".join(reversed(path))}),
                         dset.elements[child].span))
    return out


def check_scales(dset: DefinitionSet) -> list[Diagnostic]:
    out = []
    predicate = [n for n, s in dset.scales.items() if s.kind == "predicate"]
    ordinal = [n for n, s in dset.scales.items() if s.kind == "ordinal"]
    # A file-level predicate_scale is inherited by every element and indicator of the file:
    # one typo there must give one error, not one per element. Report each name once.
    users: dict[str, list] = {}
    for item in [*dset.elements.values(), *dset.indicators.values()]:
        name = item.predicate_scale
        if name and name not in predicate:
            users.setdefault(name, []).append(item)
    for name, items in users.items():
        more = Problem("chk-and-more", {"n": len(items) - 1}) if len(items) > 1 else ""
        out.append(error("unknown-scale", Problem("chk-unknown-predicate-scale", {
            "id": items[0].id, "more": more, "scale": name}), items[0].span, did_you_mean(name, predicate)))
    for ind in dset.indicators.values():
        if ind.grade_scale and ind.grade_scale not in ordinal:
            out.append(error("unknown-scale", Problem("chk-unknown-grade-scale", {"id": ind.id, "scale": ind.grade_scale}),
                             ind.span, did_you_mean(ind.grade_scale, ordinal)))
            continue
        if ind.target is None:
            continue
        values = ([ind.target.single] if ind.target.single else []) + [v for _, v in ind.target.by_period]
        for v in values:
            if v.grade is not None and not ind.grade_scale:
                out.append(error("bad-target", Problem("chk-grade-without-scale", {"id": ind.id, "grade": v.grade}),
                                 ind.target.span or ind.span))
                break
            if v.grade is not None and ind.grade_scale in ordinal:
                grades = dset.scales[ind.grade_scale].grades
                if v.grade not in grades:
                    out.append(error("bad-target", Problem("chk-not-a-grade", {
                        "grade": v.grade, "scale": ind.grade_scale, "grades": ", ".join(grades)}), ind.target.span or ind.span,
                                     did_you_mean(v.grade, grades)))
            if v.is_range and ind.polarity != "range":
                out.append(error("bad-target", Problem("chk-range-polarity", {"id": ind.id, "polarity": ind.polarity}),
                                 ind.target.span or ind.span))
                break
    return out


def check_structure_warnings(dset: DefinitionSet) -> list[Diagnostic]:
    out = []
    for el in dset.elements.values():
        if el.level == POSITION_LEVEL:
            if not el.holders:
                out.append(warning("position-no-holder", Problem("chk-position-no-holder", {"id": el.id}), el.span))
            if not el.indicators:
                out.append(warning("position-no-indicator", Problem("chk-position-no-indicator", {"id": el.id}),
                                   el.span))
        elif (not el.indicators and el.achievement != "children" and el.level not in ("vision", "mission")
              and el.budget is None):
            # a program that carries only its budget (pagu, realisasi) is how many reports give it
            out.append(warning("no-indicators", Problem("chk-no-indicators", {"id": el.id}), el.span))
    return out


AGENCY_WORK_LEVELS = ("program", "activity", "sub_activity")


def check_coverage(dset: DefinitionSet) -> list[Diagnostic]:
    """Every piece of the agency's work has a person behind it (the evaluator's finding in
    the Dumai LKjIP §1.7: every employee needs a plan down to the lowest level).

    Warnings (``check --strict`` makes them errors): a leaf program/activity/sub-activity
    with no owner position (neither ``owner``, nor a position supporting it, nor owners on
    all its indicators) of an agency that has positions; a holder (NIP) in two positions.
    """
    out = []
    supported_by_position: set[str] = set()
    has_child: set[str] = set()
    for el in dset.elements.values():
        for p in el.supports:
            if el.level == POSITION_LEVEL:
                supported_by_position.add(p)
            else:
                has_child.add(p)
    # Ownership is asked only of an agency that cascades to positions at all: a Renstra set
    # without any jabatan is correct as it is, and 30 "no owner" lines would bury the rest.
    cascading = {el.agency for el in dset.elements.values() if el.level == POSITION_LEVEL}
    for el in dset.elements.values():
        if el.level not in AGENCY_WORK_LEVELS or el.id in has_child or el.agency not in cascading:
            continue
        inds = [dset.indicators[i] for i in el.indicators if i in dset.indicators]
        owned = (el.owner is not None or el.id in supported_by_position
                 or (inds and all(i.owner for i in inds)))
        if not owned:
            out.append(warning("no-owner", Problem("chk-no-owner", {"level": el.level, "id": el.id}), el.span))
    first_position: dict[str, tuple[str, Span]] = {}
    for el in dset.elements.values():
        for h in el.holders:
            if h.id in first_position and first_position[h.id][0] != el.id:
                other, span = first_position[h.id]
                out.append(warning("holder-twice", Problem("chk-holder-twice", {
                    "holder": h.id, "other": other, "at": str(span), "id": el.id}), h.span))
            else:
                first_position.setdefault(h.id, (el.id, h.span))
    # No warning for an indicator without formula and source: data supplied under the
    # indicator's own id is the normal pattern (§7), and check cannot see the data.
    return out


RULES: list[Callable[[DefinitionSet], list[Diagnostic]]] = [
    check_levels,
    check_supports,
    check_owners,
    check_element_cycles,
    check_scales,
    check_structure_warnings,
    check_coverage,
]

from .bounds import RULES as _BOUNDS  # noqa: E402 - what eval would otherwise trip on (issue 10)

RULES += _BOUNDS

def run_rules(dset: DefinitionSet) -> list[Diagnostic]:
    """Every rule's diagnostics; a rule that crashes is reported, the others still run."""
    diags: list[Diagnostic] = []
    for rule in RULES:
        try:
            diags.extend(rule(dset))
        except Exception:  # pragma: no cover - a bug in a rule must not hide the others
            diags.append(error("internal", Problem("chk-internal", {
                "check": rule.__name__, "error": traceback.format_exc(limit=3).splitlines()[-1]})))
    return diags
