"""The engine: every indicator and element of a set, for one period, over many entities.

Formulas are compiled once when the :class:`Engine` is made; an evaluation
runs each compiled formula once per entity *axis* (all entities of the run,
or the holders of one position) — never once per entity. Results are
memoised per (indicator, period, axis), so ``prev``/``lag`` and indicators
that read other indicators cost one evaluation each.

Which entities (PRODUCT.md §7, §8; decisions in docs/engine.md):

* no ``--entity``: the entity-less data, records carry ``entity: null``;
* ``--entity E``: if E holds positions, those positions' indicators for E;
  otherwise every non-position element for E (E's rows override the
  entity-less ones);
* ``--entity all``: non-position elements for every data entity that holds no
  position (the entity-less data if there is none), and each position for
  each of its holders.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Sequence

import numpy as np

from ..data.periods import Period, parse_period
from ..data.store import DataStore
from ..diagnostics import Diagnostic, error
from ..messages import Problem
from ..model import (BUILTIN_SCALES, DEFAULT_PREDICATE_SCALE, POSITION_LEVEL, DefinitionSet, Element,
                     Indicator, Scale)
from .achievement import achievement, predicate_index, span_of, target_for, weighted_mean
from .compile import CompileError, EvalContext, compile_formula, compile_problem
from .results import (AgencyResult, Axis, BudgetResult, ElementResult, Evaluation, IndicatorResult)
from .values import Vec
from .batch import entityless_series, plan as plan_entities, position_rollup, prefill
from .columnar import run as columnar_pass, run_indicators as columnar_indicators
from .columnar_elements import run as columnar_rollups
from ..progress import progress
from .positions import element_mean, fractional_count, holder_axis_for, indicator_mean

DEFAULT_INDICATOR_AGGREGATION = "last"
_NO_FIELD = {"actual": "eng-no-actual", "target": "eng-no-target-of", "achievement": "eng-no-achievement"}
_MAX_PERIOD_DEPTH = 32


@dataclass
class CompiledIndicator:
    """An indicator's formula and achievement formula, compiled once (None: none, or refused)."""

    formula: Any
    achievement: Any


class Engine:
    """Evaluates a checked :class:`DefinitionSet` against a :class:`DataStore`."""

    def __init__(self, dset: DefinitionSet, store: DataStore | None, efficiency: str = "difference",
                 roster: Any = None) -> None:
        self.dset = dset
        self.store = store
        self.efficiency = efficiency
        self.roster = roster        # indikator.data.roster.Roster; None: the YAML holders (batch.py)
        self.progress = False       # draw a progress bar on stderr (a terminal only; the CLI sets it)
        # evaluate the entity-less indicators in one columnar pass (columnar.py); False: one by
        # one, the reference that tests compare the pass with
        self.columnar = True
        self.diagnostics: list[Diagnostic] = []
        self._compiled: dict[str, CompiledIndicator] = {}
        # a closure depends only on the formula and what its names stand for: the 35,000 IKI
        # of a region are a few dozen distinct (text, names) pairs, compiled once each
        self._shared: dict[tuple, Any] = {}
        # formulas are compiled when first evaluated (the columnar pass needs few of a region's
        # closures), but a formula the compiler refuses is reported now, in the set's order
        self._refused: set[str] = set()
        # columnar.py's shapes of indicators and their closures: they depend on the definitions
        # alone, so every pass (a report's period and its year before) plans the tree once
        self.columnar_cache: dict[tuple, Any] = {}
        for ind in dset.indicators.values():
            refs = dset.refs.get(ind.id, {})
            problem = compile_problem(ind.formula, refs) if ind.formula is not None else None
            if problem is None and ind.achievement_formula is not None:
                problem = compile_problem(ind.achievement_formula, refs)
            if problem is not None:
                self._refuse(ind, problem)
        self._children: dict[str, list[str]] = {}
        for el in dset.elements.values():
            for p in el.supports:
                self._children.setdefault(p, []).append(el.id)
        self._memo: dict[tuple, IndicatorResult] = {}
        self._element_memo: dict[tuple, ElementResult] = {}
        self._means: dict[tuple, IndicatorResult] = {}     # positions.indicator_mean, from columnar.py
        self._series: dict[tuple, np.ndarray] = {}
        self._seen_diags: set[tuple] = set()
        self._depth = 0
        # batch.py's cache of the roster's holders as arrays: (roster, store, labels, columns)
        self.holder_arrays: tuple | None = None
        # position → every holder's achievement, gathered chunk by chunk (chunked evaluation):
        # batch.position_rollup takes a position's mean from here when it is set
        self.rollup_means: dict[str, Vec] | None = None
        # batch.py's template keys and position signatures: they depend on the definitions
        # alone, so they are kept across reset() (a national run evaluates a dozen chunks of
        # the same 10,000 IKI definitions)
        self.template_memo: dict[str, dict] = {"keys": {}, "canon": {}, "signatures": {}}

    def children_of(self, element_id: str) -> list[str]:
        """The ids of the elements that support ``element_id`` (positions included), in file order."""
        return list(self._children.get(element_id, []))

    # ------------------------------------------------------------ what batch.py uses
    def compiled(self, ind_id: str) -> CompiledIndicator | None:
        """The indicator's compiled formulas, compiled on first use (None for an unknown id)."""
        hit = self._compiled.get(ind_id)
        if hit is None and ind_id in self.dset.indicators:
            hit = self._compile(self.dset.indicators[ind_id])
        return hit

    def refused(self, ind_id: str) -> bool:
        """Whether the compiler refused the indicator's formulas (reported when the engine was made)."""
        return ind_id in self._refused

    def _refuse(self, ind: Indicator, problem: Problem) -> CompiledIndicator:
        self.diagnostics.append(error("compile", Problem("eng-compile", {"indicator": ind.id, "reason": problem}),
                                      ind.formula_span or ind.span))
        self._refused.add(ind.id)
        out = self._compiled[ind.id] = CompiledIndicator(None, None)
        return out

    def _compile(self, ind: Indicator) -> CompiledIndicator:
        refs = self.dset.refs.get(ind.id, {})
        try:
            key = (ind.formula_text, ind.achievement_formula, tuple(refs.items()))
            hit = self._shared.get(key) if ind.formula_text is not None else None
            if hit is None:
                f = compile_formula(ind.formula, refs) if ind.formula is not None else None
                a = (compile_formula(ind.achievement_formula, refs) if ind.achievement_formula is not None
                     else None)
                if ind.formula_text is not None:
                    self._shared[key] = (f, a)
            else:
                f, a = hit
        except CompileError as exc:   # compile_problem said it would not: say it now rather than fail
            return self._refuse(ind, exc.problem)
        out = self._compiled[ind.id] = CompiledIndicator(f, a)
        return out

    def evaluate_indicator(self, ind: Indicator, period: Period, axis: Axis,
                           name: str | None = None) -> IndicatorResult:
        """One indicator on ``axis``, not memoised (batch.py evaluates many positions' copies of
        one template at once; ``name`` stands for the id in its messages)."""
        return self._evaluate_indicator(ind, period, axis, name)

    def _memo_of(self, kind: str) -> dict:
        return self._memo if kind == "indicator" else self._element_memo if kind == "element" else self._means

    def has_result(self, kind: str, key: tuple) -> bool:
        """Whether an ``indicator``, ``element`` or ``mean`` (a position's indicator over its
        holders) result for ``(id, period key, axis key)`` is kept."""
        return key in self._memo_of(kind)

    def remember(self, kind: str, key: tuple, result: Any) -> None:
        """Keep a result computed elsewhere (batch.py, columnar.py) where :meth:`indicator_result`,
        :meth:`element_result` and :meth:`evaluate` find it."""
        self._memo_of(kind)[key] = result

    def reset(self, store: DataStore | None, roster: Any) -> None:
        """Evaluate against other data and holders from now on (chunked evaluation): the
        compiled formulas stay, every result and series computed so far goes."""
        self.store = store
        self.roster = roster
        self._memo.clear()
        self._element_memo.clear()
        self._means.clear()
        self._series.clear()
        self.holder_arrays = None

    def prepare(self, period: Period, wanted: list[tuple[str, Axis]]) -> None:
        """Evaluate the indicators ``wanted`` (id, axis) for ``period`` ahead, in one columnar
        pass where the axis has one entity (columnar.py), so that :meth:`indicator_result`
        finds them: a report asks for the year before indicator by indicator, and only for
        what it shows. Nothing else changes: what the pass leaves is evaluated on demand as
        before, in the order it is asked for."""
        if self.columnar:
            columnar_indicators(self, wanted, period)

    # ------------------------------------------------------------------ axes
    def _n_store(self) -> int:
        return len(self.store.entity_ids()) if self.store is not None else 0

    def axis(self, key: str, labels: Sequence[str | None]) -> Axis:
        n = self._n_store()
        cols = np.empty(len(labels), dtype=np.int64)
        for i, label in enumerate(labels):
            idx = self.store.entity_index(label) if (self.store is not None and label is not None) else None
            cols[i] = n if idx is None else idx
        return Axis(key, tuple(labels), cols)

    def axis_from_store(self, key: str, entity_ids: list[str], cols: np.ndarray) -> Axis:
        return Axis(key, tuple(entity_ids), cols)

    # ------------------------------------------------------------------ data
    def _full_series(self, var_id: str, period: Period, aggregation: str | None,
                     grades: tuple[str, ...] = ()) -> tuple[np.ndarray, list]:
        key = (var_id, period.key, aggregation, grades)
        hit = self._series.get(key)
        if hit is not None:
            return hit
        full, diags = self._resolve(var_id, period, aggregation, grades)
        for d in diags:
            k = (d.code, d.message)
            if k not in self._seen_diags:
                self._seen_diags.add(k)
                self.diagnostics.append(d)
        self._series[key] = (full, diags)
        return full, diags

    def _resolve(self, var_id: str, period: Period, aggregation: str | None,
                 grades: tuple[str, ...]) -> tuple[np.ndarray, list]:
        if self.store is None:
            return np.full(1, np.nan), []
        one = entityless_series(self.store, var_id, period, aggregation, grades)   # batch.py
        if one is not None:
            return one
        s = self.store.series(var_id, period, aggregation, grades=grades or None)
        return np.append(s.values, s.default), s.diagnostics

    def quiet_series(self, var_id: str, period: Period, aggregation: str | None,
                     grades: tuple[str, ...] = ()) -> tuple[np.ndarray, list]:
        """The variable's values (the store's last column: the entity-less one) and the store's
        diagnostics, recording nothing (columnar.py): a series with diagnostics is left for the
        one-indicator path to resolve again, so they are recorded in the order they arise."""
        key = (var_id, period.key, aggregation, grades)
        hit = self._series.get(key)
        if hit is not None:
            return hit
        full, diags = self._resolve(var_id, period, aggregation, grades)
        if not diags:
            self._series[key] = (full, diags)
        return full, diags

    def data_values(self, var_id: str, period: Period, aggregation: str | None, axis: Axis,
                    ctx: EvalContext, label: str, grades: tuple[str, ...] = ()) -> Vec:
        full, diags = self._full_series(var_id, period, aggregation, grades)
        cols = axis.cols if len(full) > 1 else np.zeros(len(axis), dtype=np.int64)
        values = full[cols]
        missing = np.isnan(values)
        und = np.zeros(len(axis), dtype=bool)
        errors = [d for d in diags if d.is_error]
        if errors and missing.any():
            und = missing.copy()
            first = errors[0].problem if errors[0].problem is not None else errors[0].message
            ctx.problem(und, Problem("eng-data-error", {"what": label, "period": period.key, "error": first,
                                                        "variable": var_id}))
        else:
            # ``variable`` is not in the sentence: a document names the variable by its label alone
            ctx.problem(missing, Problem("eng-no-data", {"what": label, "period": period.key, "variable": var_id}))
        return Vec(values, und)

    # --------------------------------------------------- the ValueSource protocol
    def variable(self, var_id: str, period: Period, ctx: EvalContext) -> Vec:
        var = self.dset.variables[var_id]
        label = f"{var.label} ({var_id})" if var.label else var_id
        # a grade held in a data variable (formula: nilai_sakip, data BB) is read by its rank on
        # the indicator's grade scale, exactly like a grade under the indicator's own id (§7 v2)
        return self.data_values(var_id, period, var.period_aggregation, ctx.entities, ctx, label, ctx.grades)

    def indicator(self, ind_id: str, fld: str, period: Period, ctx: EvalContext) -> Vec:
        res = self.indicator_result(ind_id, period, ctx.entities)
        return self._field(res, fld, ctx)

    def children(self, element_id: str, fld: str, period: Period, ctx: EvalContext) -> list[Vec]:
        out = []
        for child in self._children.get(element_id, []):
            el = self.dset.elements[child]
            if el.level == POSITION_LEVEL:
                continue  # individual indicators live on the holders' axis, not the agency's
            for ind_id in el.indicators:
                if ind_id in self.dset.indicators:
                    out.append(self.indicator(ind_id, fld, period, ctx))
        return out

    def _field(self, res: IndicatorResult, fld: str, ctx: EvalContext) -> Vec:
        if fld == "actual":
            v = res.actual
        elif fld == "achievement":
            v = res.achievement
        else:
            t = res.target
            n = len(res.axis)
            if t is None or t.is_range:
                v = Vec.full(n, np.nan)
            elif t.grade is not None:
                v = Vec.full(n, float(res.grades.index(t.grade) + 1) if t.grade in res.grades else np.nan)
            else:
                v = Vec.full(n, float(t.number))
        bad = np.isnan(v.value)
        if bad.any():
            ctx.problem(bad, Problem(_NO_FIELD[fld], {"indicator": res.indicator.id, "period": res.period.key}))
        return Vec(v.value.copy(), v.undefined.copy())

    # ------------------------------------------------------------- indicators
    def scale(self, name: str) -> Scale:
        """The named predicate scale (the default one when the name is empty)."""
        return self.dset.scales.get(name or DEFAULT_PREDICATE_SCALE, BUILTIN_SCALES[DEFAULT_PREDICATE_SCALE])

    def indicator_result(self, ind_id: str, period: Period, axis: Axis) -> IndicatorResult:
        key = (ind_id, period.key, axis.key)
        hit = self._memo.get(key)
        if hit is not None:
            return hit
        if self._depth > _MAX_PERIOD_DEPTH:
            raise CompileError(Problem("cmp-too-far-back"))
        self._depth += 1
        try:
            res = self._evaluate_indicator(self.dset.indicators[ind_id], period, axis)
        finally:
            self._depth -= 1
        self._memo[key] = res
        return res

    def _evaluate_indicator(self, ind: Indicator, period: Period, axis: Axis, name: str | None = None,
                            ) -> IndicatorResult:
        """``name`` stands for the id in messages (batch.py evaluates many positions' copies of
        one IKI template at once and writes each one's id in afterwards)."""
        grades = self.dset.scales[ind.grade_scale].grades if ind.grade_scale in self.dset.scales else ()
        name = ind.id if name is None else name
        ctx = EvalContext(len(axis), period, self, Problem("where-formula", {"indicator": name}), grades,
                          entities=axis)
        compiled = self.compiled(ind.id)
        if ind.formula is not None and compiled.formula is None:
            actual = Vec.full(len(axis), np.nan)
            actual.undefined[:] = True
            ctx.problem(actual.undefined, Problem("eng-not-compiled", {"indicator": name}))
        elif compiled.formula is not None:
            value = compiled.formula(ctx)
            if isinstance(value, list):
                actual = Vec.full(len(axis), np.nan)
                actual.undefined[:] = True
                ctx.problem(actual.undefined, Problem("eng-gives-list", {"indicator": name}))
            else:
                actual = value
        else:
            var = self.dset.variables.get(ind.id)
            agg = var.period_aggregation if var and var.period_aggregation else DEFAULT_INDICATOR_AGGREGATION
            actual = self.data_values(ind.id, period, agg, axis, ctx, ind.id, grades)
        if ind.unit and not grades:
            fractional_count(ind, actual, ctx, name)
        target, target_key = target_for(ind.target, period)
        ach_ctx = EvalContext(len(axis), period, self, Problem("where-achievement", {"indicator": name}), grades,
                              problems=ctx.problems, entities=axis)
        ach, method = achievement(ind, actual, target, ach_ctx, compiled.achievement, grades)
        scale = self.scale(ind.predicate_scale)
        return IndicatorResult(ind, axis, period, target, target_key, actual, ach, method, scale,
                               predicate_index(scale, ach.value), ctx.problems, grades)

    def achievement_against(self, res: IndicatorResult, i: int, target: Any) -> tuple[float | None, list]:
        """The achievement of entity ``i``'s actual in ``res`` against another target (the
        report's end-of-Renstra target), with the problems met on the way (none when the
        actual itself is missing: that is explained once already)."""
        actual = Vec(res.actual.value[i:i + 1].copy(), res.actual.undefined[i:i + 1].copy())
        ctx = EvalContext(1, res.period, self, Problem("where-achievement", {"indicator": res.indicator.id}),
                          res.grades, entities=None)
        compiled = self.compiled(res.indicator.id)
        formula = compiled.achievement if compiled is not None else None
        try:
            ach, _ = achievement(res.indicator, actual, target, ctx, formula, res.grades)
        except Exception as exc:  # noqa: BLE001 - an achievement formula the engine refuses
            return None, [str(exc)]
        msgs = [m for mask, m in ctx.problems if mask[0]]
        if np.isnan(actual.value[0]):
            msgs = []
        value = float(ach.value[0])
        return (None if np.isnan(value) else value), msgs

    # --------------------------------------------------------------- elements
    def element_result(self, el_id: str, period: Period, axis: Axis) -> ElementResult:
        key = (el_id, period.key, axis.key)
        hit = self._element_memo.get(key)
        if hit is not None:
            return hit
        el = self.dset.elements[el_id]
        hax = holder_axis_for(self, el_id, axis)
        if hax is not None:    # one person, one number: the holders' mean (positions.py)
            res = element_mean(self, el_id, period, axis, hax)
            self._element_memo[key] = res
            return res
        n = len(axis)
        problems: list[tuple[np.ndarray, Problem]] = []
        parts: list[tuple[str, Vec, float]] = []
        if el.indicators:
            for ind_id in el.indicators:
                if ind_id not in self.dset.indicators:
                    continue
                r = self.indicator_result(ind_id, period, axis)
                parts.append((ind_id, r.achievement, r.indicator.weight))
            what = "indicator"
        elif el.achievement == "children":
            for child in self._children.get(el_id, []):
                if self.dset.elements[child].level == POSITION_LEVEL:
                    # the mean over the position's holders (batch.position_rollup)
                    parts.append((child, position_rollup(self, child, period, n, axis), 1.0))
                    continue
                r = self.element_result(child, period, axis)
                parts.append((child, r.achievement, 1.0))
            what = "supporting element"
        else:
            what = ""
        if not parts:
            ach = Vec.full(n, np.nan)
            code = ("eng-element-no-indicators" if not what else
                    "eng-element-no-indicator-parts" if what == "indicator" else "eng-element-no-child-parts")
            problems.append((np.ones(n, dtype=bool), Problem(code, {"element": el_id})))
        else:
            ach = weighted_mean(parts, problems, what)
        scale = self.scale(el.predicate_scale)
        res = ElementResult(el, axis, period, ach, scale, predicate_index(scale, ach.value),
                            self.budget(el_id, period), self.efficiency, problems)
        self._element_memo[key] = res
        return res

    def budget(self, el_id: str, period: Period) -> BudgetResult | None:
        """The element's own budget for the period, else the sum over the elements below it
        that carry one.

        Each budget-carrying element is counted once even when it is reachable along
        several paths (a crosscutting program supporting two objectives), so a goal's
        budget never counts the same program twice.
        """
        el = self.dset.elements[el_id]
        if el.budget is not None:
            b, key = _budget_for(el.budget, period)
            return BudgetResult(b.ceiling, b.spent, key, True) if b else None
        sources: list[str] = []
        seen = {el_id}
        stack = list(self._children.get(el_id, []))
        while stack:
            child = stack.pop()
            if child in seen or self.dset.elements[child].level == POSITION_LEVEL:
                continue
            seen.add(child)
            if self.dset.elements[child].budget is not None:
                sources.append(child)
            else:
                stack.extend(self._children.get(child, []))
        ceiling = spent = None
        any_budget = False
        for src in sources:
            b, _ = _budget_for(self.dset.elements[src].budget, period)
            if b is None:
                continue
            any_budget = True
            ceiling = (ceiling or 0.0) + (b.ceiling or 0.0)
            if b.spent is not None:
                spent = (spent or 0.0) + b.spent
        return BudgetResult(ceiling, spent, None, False) if any_budget else None

    # ------------------------------------------------------------- the whole set
    def evaluate(self, period: Period | str, entity: str | None = None, *,
                 plan: list[tuple[str, Axis]] | None = None,
                 rollup_means: dict[str, Vec] | None = None) -> Evaluation:
        """Every element of ``plan`` (default: :meth:`_plan` for ``entity``) and its indicators.

        ``rollup_means`` (chunked evaluation) gives positions' achievements per holder gathered
        beforehand; it applies to this call only."""
        if isinstance(period, str):
            period = parse_period(period)
        if plan is None:
            plan = self._plan(entity)
        saved, self.rollup_means = self.rollup_means, rollup_means
        try:
            return self._evaluate_plan(period, plan)
        finally:
            self.rollup_means = saved

    def _evaluate_plan(self, period: Period, plan: list[tuple[str, Axis]]) -> Evaluation:
        with progress("evaluating positions", show=None if self.progress else False) as task:
            prefill(self, plan, period, task)   # positions evaluated in batches (batch.py)
        if self.columnar:
            columnar_pass(self, plan, period)   # the entity-less indicators as columns (columnar.py)
            columnar_rollups(self, plan, period)   # and their elements' roll-ups (columnar_elements.py)
        indicators: list[IndicatorResult] = []
        elements: list[ElementResult] = []
        for el_id, axis in plan:
            el = self.dset.elements[el_id]
            hax = holder_axis_for(self, el_id, axis)
            for ind_id in el.indicators:
                if ind_id in self.dset.indicators:
                    indicators.append(self.indicator_result(ind_id, period, axis) if hax is None
                                      else self._means.get((ind_id, period.key, axis.key))
                                      or indicator_mean(self, ind_id, period, axis, hax))
            elements.append(self.element_result(el_id, period, axis))
        agencies = self._agencies(elements, period)
        return Evaluation(period, indicators, elements, agencies, list(self.diagnostics))

    def _plan(self, entity: str | None) -> list[tuple[str, Axis]]:
        """Which element is evaluated on which axis, in the order of the files; positions'
        holders come from the roster (batch.plan)."""
        return plan_entities(self, entity)

    def _plan_yaml(self, entity: str | None) -> list[tuple[str, Axis]]:
        """The plan from the YAML holders alone, one position at a time (the reference that
        tests compare batch.plan with)."""
        holders_of = {e.id: [h.id for h in e.holders] for e in self.dset.elements.values()
                      if e.level == POSITION_LEVEL}
        all_holders = {h for hs in holders_of.values() for h in hs}
        plan: list[tuple[str, Axis]] = []
        if entity is None or entity == "all" or entity not in all_holders:
            if entity == "all":
                ids = self.store.entity_ids() if self.store else []
                if all_holders:
                    cols = [i for i, e in enumerate(ids) if e not in all_holders]
                    data_entities = [ids[i] for i in cols]
                else:
                    cols, data_entities = None, ids
                main = (self.store_axis("all", data_entities, cols) if data_entities
                        else self.axis("null", [None]))
            else:
                main = self.axis(entity or "null", [entity])
            for el in self.dset.elements.values():
                if el.level != POSITION_LEVEL:
                    plan.append((el.id, main))
                elif entity == "all":
                    if holders_of[el.id]:
                        plan.append((el.id, self.axis(f"holders:{el.id}", holders_of[el.id])))
                elif not holders_of[el.id] or entity is None:
                    plan.append((el.id, main))
        else:
            for el in self.dset.elements.values():
                if el.level == POSITION_LEVEL and entity in holders_of[el.id]:
                    plan.append((el.id, self.axis(entity, [entity])))
        return plan

    def store_axis(self, key: str, entity_ids: list[str], cols: Sequence[int] | None = None) -> Axis:
        """An axis over store entities; ``cols`` are their store columns (``None``:
        ``entity_ids`` are all the store's entities, in its order)."""
        if cols is None:
            idx = np.arange(len(entity_ids), dtype=np.int64)
        else:
            idx = np.asarray(cols, dtype=np.int64)
        return Axis(key, tuple(entity_ids), idx)

    def _agencies(self, elements: list[ElementResult], period: Period) -> list[AgencyResult]:
        by: dict[tuple[str, str], list[ElementResult]] = {}
        for r in elements:
            if r.element.level == "agency_objective" and r.element.agency:
                by.setdefault((r.element.agency, r.axis.key), []).append(r)
        out = []
        for (agency, _), rs in by.items():
            m = np.vstack([r.achievement.value for r in rs])
            with np.errstate(all="ignore"):
                import warnings
                with warnings.catch_warnings():
                    warnings.simplefilter("ignore", RuntimeWarning)
                    mean = np.nanmean(m, axis=0)
            scale = self.scale(rs[0].element.predicate_scale)
            out.append(AgencyResult(agency, rs[0].axis, Vec.of(mean), scale, predicate_index(scale, mean),
                                    tuple(r.element.id for r in rs)))
        return out


def _budget_for(budget, period: Period):
    if budget.single is not None:
        return budget.single, None
    # by span, like targets: 2024-S1 is exact for 2024-01..2024-06; the first key of a span
    # counts (each key's span parsed once: a region asks for 4,200 elements' budgets)
    want = (period.start_month, period.end_month)
    year = period.year_end()
    annual = (year * 12, year * 12 + 11)
    fallback = None
    for k, v in budget.by_period:
        span = span_of(k)
        if span == want:
            return v, k
        if fallback is None and span == annual:
            fallback = (v, k)
    return fallback if fallback is not None else (None, None)
