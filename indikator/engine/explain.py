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
from ..messages import CATALOG, Message, Problem
from ..model import POSITION_LEVEL, Indicator
from .evaluate import DEFAULT_INDICATOR_AGGREGATION, Engine
from .results import STATUS_NAMES, IndicatorResult


@dataclass(frozen=True)
class Origin:
    """Where a value came from: a message (its ``value`` parameter, a number, formatted by
    whoever shows it) and, for a data point, the file and row."""

    what: Message
    value: Any = None
    file: str | None = None
    line: int | None = None


@dataclass
class Step:
    """One name of the formula with its value and origin."""

    name: str
    period: str
    means: Problem
    value: Any
    origin: list[Origin] = field(default_factory=list)
    indicator: str | None = None          # the indicator the name reads, if any


@dataclass
class Derivation:
    indicator: Indicator
    entity: str | None
    period: Period
    formula: str | None
    formula_at: str | None
    steps: list[Step]
    result: IndicatorResult
    note: Message | None = None     # e.g. a position's figure without --entity is its holders' mean

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
        steps.append(_data_step(engine, ind.id, ind.id, Problem("x-own-data"), period, agg, entity, grades))
    at = str(ind.formula_span) if ind.formula_span else None
    note = None
    if entity is None:
        from .positions import holder_axis_for
        hax = holder_axis_for(engine, ind.element, axis) if ind.element in engine.dset.elements else None
        if hax is not None:
            note = Problem("x-position-note", {
                "element": ind.element, "n": len(hax),
                "examples": ", ".join(str(x) for x in hax.labels[:3]) + (", …" if len(hax) > 3 else "")})
    return Derivation(ind, entity, period, ind.formula_text, at, steps, result, note)


def _walk_names(engine: Engine, ind: Indicator, node: A.Expr, period: Period, entity: str | None, axis,
                steps: list[Step], seen: set) -> None:
    if isinstance(node, A.Call) and node.name in ("prev", "lag"):
        steps_back = int(A.constant_value(node.args[1]) or 0) if node.name == "lag" and len(node.args) > 1 else 1
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
            steps.append(_data_step(engine, shown, ref.id, Problem("x-data-variable", {"id": ref.id}), period,
                                    var.period_aggregation, entity, grades))
        elif ref.kind == "indicator":
            r = engine.indicator_result(ref.id, period, axis)
            value = _field_value(r, ref.field)
            steps.append(Step(shown, period.key, Problem("x-field-of", {"field": Problem("w-" + ref.field),
                                                                          "id": ref.id}), value,
                              [Origin(Problem("x-status", {"status": STATUS_NAMES[int(r.status[0])]}))]
                              + [Origin(m) for m in _messages(r)], indicator=ref.id))
        elif ref.kind == "children":
            parts = []
            for child in engine.children_of(ref.id):
                if engine.dset.elements[child].level == POSITION_LEVEL:
                    continue  # as in the engine: individual indicators are not the agency's children
                for cid in engine.dset.elements[child].indicators:
                    if cid in engine.dset.indicators:
                        r = engine.indicator_result(cid, period, axis)
                        parts.append(Origin(Problem("x-value-of", {"id": cid}), _field_value(r, ref.field)))
            steps.append(Step(shown, period.key, Problem("x-children-field", {"field": Problem("w-" + ref.field)}),
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


def _messages(r: IndicatorResult) -> list[Message]:
    return [m for mask, m in r.problems if mask[0]]


def _data_step(engine: Engine, shown: str, var_id: str, means: Problem, period: Period, agg: str | None,
               entity: str | None, grades: tuple[str, ...] = ()) -> Step:
    if engine.store is None:
        return Step(shown, period.key, means, None, [Origin(Problem("x-no-data-files"))])
    ex = engine.store.explain(var_id, period, agg, entity, grades=grades or None)
    value = None if np.isnan(ex.value) else float(ex.value)
    origin = []
    if ex.rule == "exact":
        origin.append(Origin(Problem("x-exact")))
    elif ex.rule == "missing":
        origin.append(Origin(Problem("x-no-data")))
    else:
        # the rule in words of the language (jumlah, nilai terakhir); the key as written stays
        rule: Message = Problem(f"aggregation-{ex.rule}") if f"aggregation-{ex.rule}" in CATALOG else ex.rule
        if agg:
            origin.append(Origin(Problem("x-aggregated-as", {"rule": rule, "aggregation": agg})))
        else:
            origin.append(Origin(Problem("x-aggregated", {"rule": rule})))
    for p in ex.used:
        origin.append(Origin(Problem("x-used", {"period": p.period}), p.value, p.file, p.line))
    for p in ex.skipped:
        origin.append(Origin(Problem("x-skipped", {"period": p.period}), None, p.file, p.line))
    for d in ex.diagnostics:
        origin.append(Origin(Problem("x-error", {"message": d.problem or d.message})))
    return Step(shown, period.key, means, value, origin)
