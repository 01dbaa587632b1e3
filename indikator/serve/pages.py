"""What each view shows, as plain dictionaries for the templates.

The figures come from the engine's results exactly as ``eval``, ``explain``
and the reports read them (``IndicatorResult``/``ElementResult``, the
derivation of :mod:`indikator.engine.explain`), formatted for display with
:func:`indikator.output.evaluation.fmt_number`. No arithmetic happens here
beyond choosing which result to show; no HTML is built here either — the
templates escape every string.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np

from ..diagnostics import Diagnostic, sort_key
from ..engine.results import STATUS_NAMES, ElementResult, IndicatorResult, messages_at
from ..messages import say
from ..model import POSITION_LEVEL
from ..output.evaluation import fmt_number
from ..output.numbers import amount, percent
from ..output.explain import origin_text
from .i18n import level_name


def _band(scale, p: int):
    return scale.bands[p] if p >= 0 else None


def _num(x) -> float | None:
    return None if x is None or np.isnan(x) else float(x)


def _messages(problems, i: int, lang: str) -> list[str]:
    """Entity ``i``'s problems, each once, said in ``lang``."""
    return [say(m, lang) for m in messages_at(problems, i)]


def fmt_value(x, lang: str) -> str:
    """A data value as planners write it (counts of people, documents without decimals): the
    one formatter's :func:`~indikator.output.numbers.amount`, as eval's table and the report."""
    return amount(x, lang)


def indicator_row(r: IndicatorResult, i: int, lang: str) -> dict:
    """One indicator for one entity: the figures of the measurement table."""
    ind = r.indicator
    p = int(r.predicate[i])
    band = _band(r.scale, p)
    status = STATUS_NAMES[int(r.status[i])]
    return {
        "id": ind.id, "name": ind.name, "unit": ind.unit or "", "entity": r.axis.labels[i],
        "target": fmt_value(r.target_display(), lang), "actual": fmt_value(r.actual_display(i), lang),
        "achievement": fmt_number(_num(r.achievement.value[i]), lang),
        "predicate": band.label if band else "", "color": (band.color if band else None) or "",
        "status": status, "messages": _messages(r.problems, i, lang),
    }


def element_figures(r: ElementResult | None, i: int, lang: str) -> dict | None:
    """An element's achievement, predicate and budget for one entity of its axis."""
    if r is None:
        return None
    p = int(r.predicate[i])
    band = _band(r.scale, p)
    out: dict[str, Any] = {
        "achievement": fmt_number(_num(r.achievement.value[i]), lang),
        "achievement_pct": percent(_num(r.achievement.value[i]), lang),   # the headline: 97,47%
        "predicate": band.label if band else "", "color": (band.color if band else None) or "",
        "status": STATUS_NAMES[0 if not np.isnan(r.achievement.value[i]) else 1],
        "messages": _messages(r.problems, i, lang), "budget": None,
    }
    if r.budget is not None:
        b = r.budget
        out["budget"] = {
            "ceiling": fmt_value(b.ceiling, lang), "spent": fmt_value(b.spent, lang),
            "absorption": fmt_number(b.absorption, lang), "efficiency": fmt_number(r.efficiency(i), lang),
            "key": b.key, "own": b.own,
        }
    return out


def _by_id(evaluation):
    inds: dict[str, list[IndicatorResult]] = {}
    els: dict[str, list[ElementResult]] = {}
    for r in evaluation.indicators:
        inds.setdefault(r.indicator.id, []).append(r)
    for r in evaluation.elements:
        els.setdefault(r.element.id, []).append(r)
    return inds, els


def evaluation_index(snap, period, entity):
    """(indicator id → results, element id → results) of an evaluation, built once per snapshot."""
    with snap.lock:
        return snap.evaluations.get(("index", period.key, entity),
                                    lambda: _by_id(snap.evaluate(period, entity)))


def element_ref(dset, el_id: str, lang: str) -> dict:
    el = dset.elements.get(el_id)
    if el is None:
        return {"id": el_id, "statement": "", "level": ""}
    return {"id": el.id, "statement": el.statement or "", "level": level_name(el.level, lang)}


def element_view(snap, el_id: str, period, lang: str) -> dict:
    """The element panel: the element, its links in the cascade, its indicators' figures and budget."""
    dset = snap.dset
    el = dset.elements[el_id]
    children = [e.id for e in dset.elements.values() if el_id in e.supports]
    view: dict[str, Any] = {
        "id": el.id, "level": level_name(el.level, lang), "level_key": el.level, "statement": el.statement or "",
        "agency": el.agency or "", "span": el.span,
        "parents": [element_ref(dset, p, lang) for p in el.supports],
        "children": [element_ref(dset, c, lang) for c in children if dset.elements[c].level != POSITION_LEVEL],
        "positions": [element_ref(dset, c, lang) for c in children if dset.elements[c].level == POSITION_LEVEL],
        "owner": element_ref(dset, el.owner, lang) if el.owner else None,
        "holders": [{"id": h.id, "name": h.name or ""} for h in el.holders],
        "achievement_children": el.achievement == "children",
        "has_figures": bool(el.indicators or el.achievement == "children"),
        "rows": [], "figures": None, "holder_tables": [], "period": period.key if period else None,
    }
    if period is None or snap.engine is None:
        view["rows"] = [{"id": i, "name": dset.indicators[i].name, "unit": dset.indicators[i].unit or ""}
                        for i in el.indicators if i in dset.indicators]
        return view
    inds, els = evaluation_index(snap, period, None)
    if el.level == POSITION_LEVEL and el.holders:
        # a position's IKI are each holder's own; the position's figure is its holders' mean,
        # the same as eval, render and report show (engine/positions.py)
        view["holder_tables"] = position_holders(snap, el_id, period, lang)
        er = els.get(el_id, [None])[0]
        view["figures"] = element_figures(er, 0, lang) if er is not None and len(er.axis) else None
        return view
    for ind_id in el.indicators:
        for r in inds.get(ind_id, [])[:1]:
            view["rows"].append(indicator_row(r, 0, lang))
    er = els.get(el_id, [None])[0]
    view["figures"] = element_figures(er, 0, lang) if er is not None and len(er.axis) else None
    return view


def position_holders(snap, el_id: str, period, lang: str) -> list[dict]:
    """Each holder of a position with their IKI (``Engine.evaluate(period, "all")``)."""
    inds, els = evaluation_index(snap, period, "all")
    el = snap.dset.elements[el_id]
    er = els.get(el_id, [None])[0]
    out = []
    for holder in el.holders:
        i = er.axis.labels.index(holder.id) if er is not None and holder.id in er.axis.labels else None
        rows = []
        for ind_id in el.indicators:
            for r in inds.get(ind_id, []):
                if holder.id in r.axis.labels:
                    rows.append(indicator_row(r, r.axis.labels.index(holder.id), lang))
                    break
        out.append({"id": holder.id, "name": holder.name or "",
                    "figures": element_figures(er, i, lang) if i is not None else None, "rows": rows})
    return out


def positions_view(snap, period, lang: str) -> list[dict]:
    """Every position element, grouped by agency in file order, with holders and their IKI."""
    dset = snap.dset
    groups: dict[str, list[dict]] = {}
    for el in dset.elements.values():
        if el.level != POSITION_LEVEL:
            continue
        item = {
            "id": el.id, "statement": el.statement or "", "span": el.span,
            "supports": [element_ref(dset, p, lang) for p in el.supports],
            "holders": position_holders(snap, el.id, period, lang) if (period is not None and el.holders
                                                                         and snap.engine is not None) else
            [{"id": h.id, "name": h.name or "", "figures": None, "rows": []} for h in el.holders],
            "indicators": [{"id": i, "name": dset.indicators[i].name} for i in el.indicators
                           if i in dset.indicators],
            "figures": None,
        }
        if period is not None and el.holders and snap.engine is not None:
            # one person, one number: the position's figure is its holders' mean (engine/positions.py)
            er = evaluation_index(snap, period, None)[1].get(el.id, [None])[0]
            item["figures"] = element_figures(er, 0, lang) if er is not None and len(er.axis) else None
        groups.setdefault(el.agency or "", []).append(item)
    return [{"agency": a, "positions": ps} for a, ps in groups.items()]


# --------------------------------------------------------------------------- explain
def _origin(snap, o, lang: str) -> dict:
    """An origin line, with the data file and row it names made into a link target."""
    link = None
    web = snap.web_name(o.file) if o.file is not None else None
    if web is not None:
        link = {"file": web, "line": o.line, "shown": f"{o.file}:{o.line}"}
    return {"text": origin_text(o, lang, lambda x: fmt_value(x, lang), with_place=link is None), "link": link}


def explain_view(snap, ind_id: str, period, entity: str | None, lang: str) -> dict:
    from ..engine.explain import explain
    from ..engine.values import round_half_away
    from ..output.explain import method_text, polarity_word

    with snap.lock:
        d = explain(snap.engine, ind_id, period, entity)
    r = d.result
    ind = d.indicator
    p = int(r.predicate[0])
    band = _band(r.scale, p)
    ach = _num(r.achievement.value[0])
    predicate = None
    if band is not None:
        shown = float(round_half_away(np.array([r.achievement.value[0]]), 2)[0])
        predicate = {"label": band.label, "color": band.color or "",
                     "min": None if band.min == float("-inf") else fmt_value(band.min, lang),
                     "rounded": fmt_number(shown, lang), "scale": r.scale.name}
    steps = []
    for s in d.steps:
        steps.append({"name": s.name, "period": s.period if s.period != d.period.key else "",
                      "indicator": s.indicator if s.indicator in snap.dset.indicators else None,
                      "means": say(s.means, lang), "value": fmt_value(s.value, lang),
                      "origin": [_origin(snap, o, lang) for o in s.origin]})
    method = method_text(r.method, lang)
    return {
        "id": ind.id, "name": ind.name, "unit": ind.unit or "", "element": element_ref(snap.dset, ind.element, lang),
        "entity": entity, "period": d.period.key, "formula": d.formula, "formula_span": ind.formula_span,
        "span": ind.span, "polarity": polarity_word(ind.polarity, lang), "steps": steps,
        "actual": fmt_value(r.actual_display(0), lang),
        "target": fmt_value(r.target_display(), lang) if r.target is not None else None,
        "target_key": r.target_key,
        "method": method, "cap": fmt_number(ind.cap, lang) if ind.cap is not None else None,
        "achievement": fmt_number(ach, lang), "predicate": predicate,
        "status": STATUS_NAMES[int(r.status[0])], "messages": [say(m, lang) for mask, m in r.problems if mask[0]],
        "holders": [{"id": h.id, "name": h.name or ""} for h in snap.dset.elements[ind.element].holders],
    }


# --------------------------------------------------------------------------- diagnostics
@dataclass
class ShownDiagnostic:
    severity: str
    code: str
    message: str
    where: str | None
    file: str | None            # web name, when the file may be shown
    line: int | None
    col: int | None
    excerpt: str | None
    caret: str | None
    suggestions: tuple[str, ...] = ()
    notes: tuple[str, ...] = field(default_factory=tuple)


def shown_diagnostics(snap, diags: list[Diagnostic], lang: str | None = None) -> list[ShownDiagnostic]:
    """Diagnostics in file:line:col order, errors first within a place, each with its source line."""
    sources = snap.dset.sources if snap.dset is not None else None
    out = []
    seen = set()
    for d in sorted(diags, key=sort_key):
        k = (d.severity, d.code, d.message, str(d.span) if d.span else None)
        if k in seen:
            continue
        seen.add(k)
        excerpt = caret = None
        if d.span is not None:
            src = sources.line(d.span.file, d.span.line) if sources is not None else None
            if src is None:
                src = _file_line(snap, d.span.file, d.span.line)
            if src is not None:
                excerpt = src.expandtabs(4)
                width = 1
                if d.span.end_line == d.span.line and d.span.end_col and d.span.end_col > d.span.col:
                    width = d.span.end_col - d.span.col
                caret = " " * len(src[: max(d.span.col - 1, 0)].expandtabs(4)) + "^" * width
        out.append(ShownDiagnostic(d.severity, d.code, d.text(lang), str(d.span) if d.span else None,
                                   snap.web_name(d.span.file) if d.span else None,
                                   d.span.line if d.span else None, d.span.col if d.span else None,
                                   excerpt, caret, d.suggestions, d.note_texts(lang)))
    return out


def _file_line(snap, file: str, line: int) -> str | None:
    """One line of an allowed text file (a data CSV), for a data diagnostic's excerpt."""
    web = snap.web_name(file)
    if web is None or not web.lower().endswith((".csv", ".yaml", ".yml", ".json", ".txt")):
        return None
    try:
        with open(snap.files[web], encoding="utf-8-sig", errors="replace") as fh:
            for n, text in enumerate(fh, 1):
                if n == line:
                    return text.rstrip("\r\n")
    except OSError:
        return None
    return None


# --------------------------------------------------------------------------- summary
def summary_view(snap, period, lang: str, limit: int = 12) -> dict:
    """The panel before any box is clicked: each agency's overall achievement, how many
    indicators fall in each predicate, and the indicators furthest below target."""
    out: dict[str, Any] = {"period": period.key if period else None, "agencies": [], "bands": [],
                           "lowest": [], "missing": 0, "errors": 0, "total": 0}
    if period is None or snap.engine is None:
        return out
    ev = snap.evaluate(period, None)
    for a in ev.agencies:
        p = int(a.predicate[0])
        band = _band(a.scale, p)
        out["agencies"].append({"agency": a.agency, "achievement": percent(_num(a.achievement.value[0]), lang),
                                "predicate": band.label if band else "", "color": (band.color if band else "") or "",
                                "objectives": list(a.objectives)})
    counts: dict[tuple, dict] = {}
    scored = []
    for r in ev.indicators:
        if snap.dset.elements[r.indicator.element].level == POSITION_LEVEL or not len(r.axis):
            continue
        out["total"] += 1
        status = STATUS_NAMES[int(r.status[0])]
        if status == "missing":
            out["missing"] += 1
        elif status == "error":
            out["errors"] += 1
        p = int(r.predicate[0])
        band = _band(r.scale, p)
        if band is None:
            continue
        key = (r.scale.name, p)
        counts.setdefault(key, {"label": band.label, "color": band.color or "#cccccc", "n": 0, "order": key})
        counts[key]["n"] += 1
        ach = _num(r.achievement.value[0])
        if ach is not None and ach < 100:
            scored.append((ach, r))
    out["bands"] = sorted(counts.values(), key=lambda b: b["order"])
    biggest = max((b["n"] for b in out["bands"]), default=1)
    for b in out["bands"]:
        b["width"] = round(100 * b["n"] / biggest)
    scored.sort(key=lambda x: x[0])
    for ach, r in scored[:limit]:
        row = indicator_row(r, 0, lang)
        row["element"] = r.indicator.element
        out["lowest"].append(row)
    return out
