"""How one indicator's numbers came about, for one entity: ``indikator explain``.

Uses the same engine and compiled formulas as ``eval`` on an axis of one
entity, then walks the formula's names to show each value and where it came
from: for a data variable the file and row of each point and the aggregation
applied; for another indicator its own actual, target or achievement. Then
the target and the key it came from, the achievement method, the cap, and the
predicate with the scale that gave it.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np

from ..data.periods import Period
from ..formula import ast as A
from ..formula.printer import to_text
from ..model import POSITION_LEVEL, Indicator
from .evaluate import DEFAULT_INDICATOR_AGGREGATION, Engine
from .results import STATUS_NAMES, IndicatorResult
from .values import round_half_away


@dataclass
class Step:
    """One name of the formula with its value and origin."""

    name: str
    period: str
    means: str
    value: Any
    origin: list[str] = field(default_factory=list)


@dataclass
class Derivation:
    indicator: Indicator
    entity: str | None
    period: Period
    formula: str | None
    formula_at: str | None
    steps: list[Step]
    result: IndicatorResult
    note: str | None = None     # e.g. a position's figure without --entity is its holders' mean

    def value(self, arr: np.ndarray) -> float | None:
        x = arr[0]
        return None if np.isnan(x) else float(x)


def explain(engine: Engine, ind_id: str, period: Period, entity: str | None) -> Derivation:
    ind = engine.dset.indicators[ind_id]
    axis = engine.axis(entity or "null", [entity])
    result = engine.indicator_result(ind_id, period, axis)
    steps: list[Step] = []
    if ind.formula is not None:
        _walk_names(engine, ind, ind.formula, period, entity, axis, steps, set())
    else:
        var = engine.dset.variables.get(ind.id)
        agg = var.period_aggregation if var and var.period_aggregation else DEFAULT_INDICATOR_AGGREGATION
        grades = engine.dset.scales[ind.grade_scale].grades if ind.grade_scale in engine.dset.scales else ()
        steps.append(_data_step(engine, ind.id, ind.id, "data under the indicator's own id", period, agg, entity,
                                grades))
    at = str(ind.formula_span) if ind.formula_span else None
    note = None
    if entity is None:
        from .positions import holder_axis_for
        hax = holder_axis_for(engine, ind.element, axis) if ind.element in engine.dset.elements else None
        if hax is not None:
            note = (f"{ind.element} is a position with {len(hax)} holder(s): eval, the chart, the report and "
                    f"the web page show the mean over its holders; explain one with --entity NIP "
                    f"({', '.join(str(x) for x in hax.labels[:3])}{', …' if len(hax) > 3 else ''})")
    return Derivation(ind, entity, period, ind.formula_text, at, steps, result, note)


def _walk_names(engine: Engine, ind: Indicator, node: A.Expr, period: Period, entity: str | None, axis,
                steps: list[Step], seen: set) -> None:
    if isinstance(node, A.Call) and node.name in ("prev", "lag"):
        from .compile import _constant

        steps_back = int(_constant(node.args[1]) or 0) if node.name == "lag" and len(node.args) > 1 else 1
        try:
            shifted = period.prev() if node.name == "prev" else period.lag(steps_back)
        except ValueError:   # PeriodError: outside the calendar, nothing to show there
            return
        _walk_names(engine, ind, node.args[0], shifted, entity, axis, steps, seen)
        return
    if isinstance(node, A.Name):
        key = (node.text, node.braced, node.field, period.key)
        if key in seen:
            return
        seen.add(key)
        ref = engine.dset.refs.get(ind.id, {}).get((node.text, node.braced, node.field))
        shown = to_text(node)
        if ref is None:
            return
        if ref.kind == "variable":
            var = engine.dset.variables[ref.id]
            # a grade in a data variable is read on the indicator's grade scale, as the engine does
            grades = engine.dset.scales[ind.grade_scale].grades if ind.grade_scale in engine.dset.scales else ()
            steps.append(_data_step(engine, shown, ref.id, f"data variable {ref.id}", period,
                                    var.period_aggregation, entity, grades))
        elif ref.kind == "indicator":
            r = engine.indicator_result(ref.id, period, axis)
            value = _field_value(r, ref.field)
            steps.append(Step(shown, period.key, f"{ref.field} of indicator {ref.id}", value,
                              [f"status {STATUS_NAMES[int(r.status[0])]}"] + _messages(r)))
        elif ref.kind == "children":
            parts = []
            for child in engine._children.get(ref.id, []):
                if engine.dset.elements[child].level == POSITION_LEVEL:
                    continue  # as in the engine: individual indicators are not the agency's children
                for cid in engine.dset.elements[child].indicators:
                    if cid in engine.dset.indicators:
                        r = engine.indicator_result(cid, period, axis)
                        parts.append(f"{cid} = {_fmt(_field_value(r, ref.field))}")
            steps.append(Step(shown, period.key, f"{ref.field} of the indicators of the supporting elements",
                              None, parts))
        return
    for child in A.children(node):
        _walk_names(engine, ind, child, period, entity, axis, steps, seen)


def _field_value(r: IndicatorResult, fld: str) -> Any:
    if fld == "actual":
        return r.actual_display(0)
    if fld == "achievement":
        x = r.achievement.value[0]
        return None if np.isnan(x) else float(x)
    return r.target_display()


def _messages(r: IndicatorResult) -> list[str]:
    return [m for mask, m in r.problems if mask[0]]


def _data_step(engine: Engine, shown: str, var_id: str, means: str, period: Period, agg: str | None,
               entity: str | None, grades: tuple[str, ...] = ()) -> Step:
    if engine.store is None:
        return Step(shown, period.key, means, None, ["no data files given"])
    ex = engine.store.explain(var_id, period, agg, entity, grades=grades or None)
    value = None if np.isnan(ex.value) else float(ex.value)
    origin = []
    rule = {"exact": "the value given exactly for the period",
            "missing": "no data"}.get(ex.rule, f"{ex.rule} over the points inside the period")
    origin.append(rule + (f" (period_aggregation {agg})" if agg and ex.rule not in ("exact", "missing") else ""))
    for p in ex.used:
        origin.append(f"used {p.period} = {_fmt(p.value)}  ({p.file}:{p.line})")
    for p in ex.skipped:
        origin.append(f"skipped {p.period}: empty  ({p.file}:{p.line})")
    for d in ex.diagnostics:
        origin.append(f"error: {d.message}")
    return Step(shown, period.key, means, value, origin)


def _fmt(x: Any) -> str:
    if x is None:
        return "-"
    if isinstance(x, float):
        return f"{x:.6g}" if abs(x) < 1e6 else f"{x:.0f}"
    return str(x)


METHOD_TEXT = {
    "positive": "positive: actual / target × 100",
    "negative": "negative: (2 × target − actual) / target × 100, floored at 0",
    "inverse": "inverse: target / actual × 100",
    "range": "range: 100 inside [min, max]; below: actual / min × 100; above: (2 × max − actual) / max × 100",
    "grade": "grade: 100 when the actual grade reaches the target, else rank(actual) / rank(target) × 100",
    "formula": "the indicator's own achievement formula",
}


def render_text(d: Derivation) -> str:
    r = d.result
    ind = d.indicator
    lines = [f"{ind.id} — {ind.name}", f"  element: {ind.element}",
             f"  period: {d.period.key}", f"  entity: {d.entity if d.entity is not None else '(none: the data without an entity)'}"]
    if d.note:
        lines.append(f"  note: {d.note}")
    if d.formula:
        lines.append(f"  formula ({d.formula_at}): {d.formula}")
    else:
        lines.append("  formula: none — the actual is the data under the indicator's id")
    for s in d.steps:
        when = f" in {s.period}" if s.period != d.period.key else ""
        lines.append(f"    {s.name}{when} = {_fmt(s.value)}   ← {s.means}")
        for o in s.origin:
            lines.append(f"        {o}")
    actual = r.actual_display(0)
    lines.append(f"  actual (realisasi) = {_fmt(actual)}")
    if r.target is None:
        lines.append(f"  target: none for {d.period.key}")
    else:
        lines.append(f"  target = {r.target.describe()}   (from key {r.target_key})")
    lines.append(f"  achievement method: {METHOD_TEXT.get(r.method, r.method)}"
                 + (f" (polarity {ind.polarity})" if r.method in ("positive", "negative") else ""))
    ach = r.achievement.value[0]
    if ind.cap is not None:
        lines.append(f"  cap (batas capaian): {ind.cap:g} — applied last")
    else:
        lines.append("  cap: none")
    lines.append(f"  achievement (capaian) = {_fmt(None if np.isnan(ach) else float(ach))}")
    p = int(r.predicate[0])
    if p >= 0:
        band = r.scale.bands[p]
        shown = float(round_half_away(np.array([ach]), 2)[0])
        bound = "" if band.min == float("-inf") else f" (≥ {band.min:g})"
        lines.append(f"  predicate (predikat): {band.label}{bound} — scale {r.scale.name}, "
                     f"from the achievement rounded to {shown:.2f}")
    else:
        lines.append(f"  predicate: none (scale {r.scale.name})")
    lines.append(f"  status: {STATUS_NAMES[int(r.status[0])]}")
    for m in _messages(r):
        lines.append(f"    {m}")
    return "\n".join(lines) + "\n"
