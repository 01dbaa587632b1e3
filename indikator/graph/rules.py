"""Set-wide rules: ids, levels, references, cycles, names in formulas.

Each rule is a small function that reads the set and returns diagnostics; they
run in the order of :data:`RULES` (after :func:`assemble` has merged the
records), so adding a check is adding a function. A rule that crashes becomes
an ``internal`` diagnostic, never a traceback.
"""
from __future__ import annotations

import traceback
from typing import Callable

import networkx as nx

from ..diagnostics import Diagnostic, SourceTexts, Span, did_you_mean, error, warning
from ..formula.ast import Name, walk
from ..model import POSITION_LEVEL, DefinitionSet, Element, Indicator, LEVEL_ALIASES, Ref
from .names import NameIndex, resolve_name


def assemble(root: str, files: list[str], raw, sources: SourceTexts) -> tuple[DefinitionSet, list[Diagnostic]]:
    """Merge the records of all files into one set, then run every rule."""
    from ..load.loader import all_scales, merged_levels

    diags: list[Diagnostic] = []
    levels = merged_levels(raw, diags)
    scales = all_scales(raw, diags)
    elements: dict[str, Element] = {}
    indicators: dict[str, Indicator] = {}
    first_seen: dict[str, Span] = {}
    for item in [*raw.elements, *raw.indicators]:
        if item.id in first_seen:
            diags.append(error("duplicate-id", f"id '{item.id}' is used twice; first at {first_seen[item.id]}",
                               item.span))
            continue
        first_seen[item.id] = item.span
        (elements if isinstance(item, Element) else indicators)[item.id] = item
    variables = {}
    for v in raw.variables:
        if v.id in variables:
            diags.append(error("duplicate-id", f"variable '{v.id}' is declared twice; first at {variables[v.id].span}",
                               v.span))
            continue
        variables[v.id] = v
    dset = DefinitionSet(root=root, files=files, levels=levels, elements=elements, indicators=indicators,
                         variables=variables, scales=scales, sources=sources)
    dset._broken_ids = set(raw.broken_ids)  # type: ignore[attr-defined]
    for sig in getattr(raw, "signatories", ()):
        if sig.agency in dset.signatories:
            diags.append(error("duplicate-signatory", f"agency '{sig.agency}' has a signatory already "
                                                      f"(at {dset.signatories[sig.agency].span}); give it once",
                               sig.span))
            continue
        dset.signatories[sig.agency] = sig
    for rule in RULES:
        try:
            diags.extend(rule(dset))
        except Exception:  # pragma: no cover - a bug in a rule must not hide the others
            diags.append(error("internal", f"internal error in check '{rule.__name__}': "
                                           + traceback.format_exc(limit=3).splitlines()[-1]))
    return dset, diags


def check_levels(dset: DefinitionSet) -> list[Diagnostic]:
    out = []
    for el in dset.elements.values():
        if el.level not in dset.levels:
            options = list(dset.levels) + ([a for a in LEVEL_ALIASES] if "position" in dset.levels else [])
            out.append(error("unknown-level", f"element '{el.id}' has unknown level '{el.level}'; "
                                              f"levels are: {', '.join(dset.levels)}",
                             el.level_span or el.span, did_you_mean(el.level, options)))
    return out


def check_supports(dset: DefinitionSet) -> list[Diagnostic]:
    """``supports`` names existing elements of a higher level (positions may support anything)."""
    out = []
    broken = getattr(dset, "_broken_ids", set())
    for el in dset.elements.values():
        for k, parent_id in enumerate(el.supports):
            span = el.supports_spans[k] if k < len(el.supports_spans) else el.span
            parent = dset.elements.get(parent_id)
            if parent is None:
                if parent_id in broken:
                    continue
                what = "an indicator, not an element" if parent_id in dset.indicators else "no such element"
                out.append(error("unknown-reference", f"'{el.id}' supports '{parent_id}': {what}", span,
                                 did_you_mean(parent_id, dset.elements)))
                continue
            if parent_id == el.id:
                out.append(error("cycle", f"'{el.id}' supports itself", span))
                continue
            if el.level not in dset.levels or parent.level not in dset.levels:
                continue
            if el.level == POSITION_LEVEL:
                continue
            if parent.level == POSITION_LEVEL or dset.level_rank(parent.level) >= dset.level_rank(el.level):
                out.append(error("level-order",
                                 f"'{el.id}' ({el.level}) cannot support '{parent_id}' ({parent.level}): "
                                 f"an element supports only elements of a higher level", span))
    return out


def check_owners(dset: DefinitionSet) -> list[Diagnostic]:
    out = []
    broken = getattr(dset, "_broken_ids", set())
    positions = [e.id for e in dset.elements.values() if e.level == POSITION_LEVEL]
    for item in [*dset.elements.values(), *dset.indicators.values()]:
        owner = item.owner
        if owner is None or owner in broken:
            continue
        target = dset.elements.get(owner)
        if target is None:
            out.append(error("unknown-reference", f"owner '{owner}' of '{item.id}' is no such element",
                             item.span, did_you_mean(owner, positions)))
        elif target.level != POSITION_LEVEL:
            out.append(error("owner-not-position",
                             f"owner '{owner}' of '{item.id}' is {'an' if target.level[0] in 'aeiou' else 'a'} "
                             f"{target.level}, not a position (jabatan)",
                             item.span))
    return out


def element_graph(dset: DefinitionSet) -> nx.DiGraph:
    """Edges parent → child (the direction of the cascade)."""
    g = nx.DiGraph()
    g.add_nodes_from(dset.elements)
    for el in dset.elements.values():
        for p in el.supports:
            if p in dset.elements and p != el.id:
                g.add_edge(p, el.id)
    return g


def _cycles(g: nx.DiGraph) -> list[list[str]]:
    """One cycle per strongly connected component that has one, as a node path."""
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
    out = []
    for path in _cycles(element_graph(dset)):
        # report at the element that closes the cycle (child supporting its ancestor)
        child = path[1]
        out.append(error("cycle", "elements support each other in a cycle: "
                                  + " → ".join(reversed(path)), dset.elements[child].span))
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
        more = f" (and {len(items) - 1} more)" if len(items) > 1 else ""
        out.append(error("unknown-scale", f"'{items[0].id}'{more} uses predicate scale '{name}', which is not "
                                          f"defined", items[0].span, did_you_mean(name, predicate)))
    for ind in dset.indicators.values():
        if ind.grade_scale and ind.grade_scale not in ordinal:
            out.append(error("unknown-scale", f"'{ind.id}' uses grade scale '{ind.grade_scale}', which is not an "
                                              f"ordinal scale", ind.span, did_you_mean(ind.grade_scale, ordinal)))
            continue
        if ind.target is None:
            continue
        values = ([ind.target.single] if ind.target.single else []) + [v for _, v in ind.target.by_period]
        for v in values:
            if v.grade is not None and not ind.grade_scale:
                out.append(error("bad-target", f"'{ind.id}' has the grade target '{v.grade}' but no grade_scale "
                                               f"(skala_nilai), e.g. grade_scale: sakip", ind.target.span or ind.span))
                break
            if v.grade is not None and ind.grade_scale in ordinal:
                grades = dset.scales[ind.grade_scale].grades
                if v.grade not in grades:
                    out.append(error("bad-target", f"'{v.grade}' is not a grade of scale '{ind.grade_scale}' "
                                                   f"({', '.join(grades)})", ind.target.span or ind.span,
                                     did_you_mean(v.grade, grades)))
            if v.is_range and ind.polarity != "range":
                out.append(error("bad-target", f"'{ind.id}' has a {{min, max}} target but polarity "
                                               f"'{ind.polarity}'; use polarity: range",
                                 ind.target.span or ind.span))
                break
    return out


def check_names(dset: DefinitionSet) -> list[Diagnostic]:
    """Resolve every name of every formula; unknown or ambiguous names are errors."""
    out: list[Diagnostic] = []
    index = NameIndex.build(dset)
    broken = getattr(dset, "_broken_ids", set())
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
        dset.refs[ind.id] = refs
    return out


def check_indicator_cycles(dset: DefinitionSet) -> list[Diagnostic]:
    """Indicators reading each other in a cycle; also fixes the evaluation order."""
    g = indicator_graph(dset)
    out = []
    for path in _cycles(g):
        first = dset.indicators[path[0]]
        out.append(error("cycle", "indicator formulas depend on each other in a cycle: "
                                  + " → ".join(path), first.formula_span or first.span))
    for node in list(g.nodes):
        if g.has_edge(node, node):
            ind = dset.indicators[node]
            out.append(error("cycle", f"the formula of '{node}' refers to itself", ind.formula_span or ind.span))
    if not out:
        dset.evaluation_order = list(reversed(list(nx.topological_sort(g))))
    return out


def indicator_graph(dset: DefinitionSet) -> nx.DiGraph:
    """Edges reader → read (an indicator's formula uses another indicator)."""
    g = nx.DiGraph()
    g.add_nodes_from(dset.indicators)
    children_of: dict[str, list[str]] = {}
    for el in dset.elements.values():
        for p in el.supports:
            children_of.setdefault(p, []).append(el.id)
    for ind_id, refs in dset.refs.items():
        for ref in refs.values():
            if ref.kind == "indicator" and ref.id in dset.indicators:
                g.add_edge(ind_id, ref.id)
            elif ref.kind == "children":
                el = dset.indicators[ind_id].element
                for child in children_of.get(el, []):
                    for cid in dset.elements[child].indicators:
                        if cid in dset.indicators:
                            g.add_edge(ind_id, cid)
    return g


def check_structure_warnings(dset: DefinitionSet) -> list[Diagnostic]:
    out = []
    for el in dset.elements.values():
        if el.level == POSITION_LEVEL:
            if not el.holders:
                out.append(warning("position-no-holder", f"position '{el.id}' has no holders (pemegang)", el.span))
            if not el.indicators:
                out.append(warning("position-no-indicator", f"position '{el.id}' has no indicators (IKI)", el.span))
        elif (not el.indicators and el.achievement != "children" and el.level not in ("vision", "mission")
              and el.budget is None):
            # a program that carries only its budget (pagu, realisasi) is how many reports give it
            out.append(warning("no-indicators", f"element '{el.id}' has neither indicators nor "
                                                f"'achievement: children'; its achievement will be missing",
                               el.span))
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
            out.append(warning("no-owner", f"{el.level} '{el.id}' has no owner position: set 'owner' "
                                           f"(penanggung_jawab) or let a position (jabatan) support it",
                               el.span))
    first_position: dict[str, tuple[str, Span]] = {}
    for el in dset.elements.values():
        for h in el.holders:
            if h.id in first_position and first_position[h.id][0] != el.id:
                other, span = first_position[h.id]
                out.append(warning("holder-twice", f"holder {h.id} holds both '{other}' (at {span}) and "
                                                   f"'{el.id}'", h.span))
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
    check_names,
    check_indicator_cycles,
    check_structure_warnings,
    check_coverage,
]

from .bounds import RULES as _BOUNDS  # noqa: E402 - what eval would otherwise trip on (issue 10)

RULES += _BOUNDS
