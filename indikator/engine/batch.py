"""Individual indicators (IKI) of every position at the scale of a region or a country.

Three things the engine asks of this module:

* **which entities** (:func:`plan`): the plan of ``Engine.evaluate`` -- which
  element is evaluated on which axis -- with the holders of each position taken
  from the :class:`~indikator.data.roster.Roster` (the YAML ``holders`` merged
  with a ``--holders`` file). A position's axis is a view into one array of all
  holders' NIPs and one array of their data-store columns, built once,
  vectorized: no Python object per holder.
* **batching** (:func:`prefill`): positions are mostly instances of a few IKI
  templates (every Kepala Seksi has "Persentase dokumen selesai tepat waktu"
  over the same variables, with data keyed by NIP). Evaluating each position
  separately costs about a millisecond of Python per (position, indicator);
  instead, positions whose evaluation is identical except for the entities are
  evaluated *once*, on the concatenated holders of all of them, and each
  position gets its results as slices (numpy views) of the batch. Two levels:

  - positions with the same *signature* -- the same indicator templates in the
    same order with the same weights, the same predicate scale, no budget and
    no ``achievement: children`` -- share both the indicator evaluations and
    the element's weighted mean;
  - the indicators of the remaining positions are batched by template alone.

  A *template* is everything the evaluation of an indicator reads except its
  id: the formula AST (structural equality, spans ignored), the resolved names
  (variables only: an IKI that reads another indicator or ``children`` is not
  batched), the achievement method or formula, target, polarity, cap,
  predicate and grade scales. Messages that name the indicator (``formula of
  X``) are written with a placeholder and completed per position, so every
  record is exactly what the per-position evaluation gives (tests/test_iki.py
  checks this on generated sets).
* **roll-up** (:func:`position_rollup`): a position's achievement per holder
  counts towards the element it supports only when that element has
  ``achievement: children``; the position then contributes the mean over its
  holders (holders without a value left out).
"""
from __future__ import annotations

import math

import warnings
from typing import TYPE_CHECKING, Any

import numpy as np

from ..data.roster import Roster, from_definitions
from ..messages import Problem
from ..model import POSITION_LEVEL, Indicator
from .achievement import predicate_index, weighted_mean
from .labels import Labels, labels_from_arrow
from .results import Axis, ElementResult, IndicatorResult
from .values import Vec

if TYPE_CHECKING:  # pragma: no cover
    from .evaluate import Engine

#: Placeholder for the indicator id in the problems' parameters of a batch (completed per position).
PLACEHOLDER = "\x00iki\x00"
#: Fewer positions than this in a plan are evaluated one by one (nothing to gain).
MIN_BATCH = 2


# ---------------------------------------------------------------------- roster and axes

def roster_of(engine: "Engine") -> Roster:
    """The engine's roster: the one it was given, else the YAML holders (built once)."""
    r = getattr(engine, "roster", None)
    if r is None:
        r = from_definitions(engine.dset)
        engine.roster = r
    return r


def roster_arrays(engine: "Engine") -> tuple[Labels, np.ndarray]:
    """All holders' NIPs as one :class:`Labels` array and their store columns, once per engine
    and store."""
    roster = roster_of(engine)
    cache = engine.holder_arrays
    if cache is not None and cache[0] is roster and cache[1] is engine.store:
        return cache[2], cache[3]
    labels = labels_from_arrow(roster.ids)
    cols = roster.store_columns(engine.store)
    if engine.store is None:
        cols = np.zeros(len(roster), np.int64)
    engine.holder_arrays = (roster, engine.store, labels, cols)
    return labels, cols


def holders_axis(engine: "Engine", position: str) -> Axis | None:
    """The axis of a position's holders (views into the roster arrays); None without holders."""
    roster = roster_of(engine)
    lo, hi = roster.block(position)
    if hi <= lo:
        return None
    labels, cols = roster_arrays(engine)
    return Axis(f"holders:{position}", labels[lo:hi], cols[lo:hi])


def plan(engine: "Engine", entity: str | None) -> list[tuple[str, Axis]]:
    """Which element is evaluated on which axis, in the order of the files (see evaluate.py)."""
    dset = engine.dset
    roster = roster_of(engine)
    has_holders = len(roster) > 0
    out: list[tuple[str, Axis]] = []
    if entity is None or entity == "all" or not roster.is_holder(entity):
        if entity == "all":
            store = engine.store
            ids = store.entity_ids() if store is not None else []
            if has_holders and ids:
                n = len(ids)
                _, hcols = roster_arrays(engine)
                keep = np.ones(n + 1, bool)
                keep[hcols] = False
                cols = np.flatnonzero(keep[:n])
                data_entities = np.asarray(ids, dtype=object)[cols].tolist() if len(cols) else []
            else:
                cols, data_entities = None, ids
            main = (engine.store_axis("all", data_entities, cols) if data_entities
                    else engine.axis("null", [None]))
        else:
            main = engine.axis(entity or "null", [entity])
        for el in dset.elements.values():
            if el.level != POSITION_LEVEL:
                out.append((el.id, main))
            elif entity == "all":
                ax = holders_axis(engine, el.id)
                if ax is not None:
                    out.append((el.id, ax))
            elif entity is None or roster.count(el.id) == 0:
                out.append((el.id, main))
    else:
        held = set(roster.positions_of(entity))
        for el in dset.elements.values():
            if el.level == POSITION_LEVEL and el.id in held:
                out.append((el.id, engine.axis(entity, [entity])))
    return out


# -------------------------------------------------------------------------- templates

def template_key(engine: "Engine", ind: Indicator, canon: dict | None = None) -> Any:
    """What the evaluation of ``ind`` depends on besides its id and the entities; None when it
    reads anything but data variables (or cannot be compared).

    ``canon`` (a dict kept by the caller) makes equal formulas one object, so a formula
    tree is hashed once per distinct text rather than once per indicator."""
    if ind.formula is None:
        return None            # the actual is the data under the indicator's own id
    refs = engine.dset.refs.get(ind.id, {})
    if any(r.kind not in ("variable", "self") for r in refs.values()):
        return None            # (asked first: formulas are compiled on first use)
    compiled = engine.compiled(ind.id)
    if compiled is None or compiled.formula is None:
        return None
    if ind.achievement_formula is not None and compiled.achievement is None:
        return None
    f = ind.formula
    if canon is not None:
        f = canon.get(ind.formula_text)
        if f is None:
            f = canon[ind.formula_text] = canon.setdefault(("ast", ind.formula), ind.formula)
    key = (id(f) if canon is not None else f, ind.achievement_method, ind.achievement_formula, frozenset(refs.items()),
           ind.target, ind.polarity, ind.cap, ind.predicate_scale, ind.grade_scale)
    try:
        hash(key)
    except TypeError:
        return None
    return key


def _signature(engine: "Engine", el, keys: dict[str, Any]) -> Any:
    """Positions with equal signatures share their indicators' and their element's evaluation."""
    if el.achievement is not None or el.budget is not None:
        return None
    inds = [i for i in el.indicators if i in engine.dset.indicators]
    if not inds:
        return None
    parts = []
    for i in inds:
        k = keys.get(i)
        if k is None:
            return None
        parts.append((k, engine.dset.indicators[i].weight))
    return (tuple(parts), el.predicate_scale)


# ---------------------------------------------------------------------------- batching

def _concat_axes(axes: list[Axis], key: str) -> tuple[Axis, np.ndarray]:
    """One axis over the entities of ``axes`` in order, and each one's start offset."""
    lengths = np.fromiter((len(a) for a in axes), np.int64, len(axes))
    offsets = np.zeros(len(axes) + 1, np.int64)
    np.cumsum(lengths, out=offsets[1:])
    cols = np.concatenate([a.cols for a in axes]) if axes else np.zeros(0, np.int64)
    if all(isinstance(a.labels, Labels) for a in axes):
        labels: Any = Labels(np.concatenate([a.labels.array for a in axes]))
    else:
        labels = tuple(x for a in axes for x in a.labels)
    return Axis(key, labels, cols), offsets


def _slice_problems(problems: list, a: int, b: int, subst: tuple[tuple[str, str], ...]) -> list:
    """The problems of entities ``a:b``, each placeholder parameter set to the id it stands for
    (the parameters of a problem, never the text of a message)."""
    out = []
    for mask, problem in problems:
        m = mask[a:b]
        if m.any():
            if isinstance(problem, Problem):
                for s, r in subst:
                    problem = problem.with_value(s, r)
            out.append((m, problem))
    return out


def _slot(k: int) -> str:
    return f"\x00slot{k}\x00"


def _indicator_slice(res: IndicatorResult, ind: Indicator, axis: Axis, a: int, b: int) -> IndicatorResult:
    return IndicatorResult(ind, axis, res.period, res.target, res.target_key,
                           Vec(res.actual.value[a:b], res.actual.undefined[a:b]),
                           Vec(res.achievement.value[a:b], res.achievement.undefined[a:b]),
                           res.method, res.scale, res.predicate[a:b],
                           _slice_problems(res.problems, a, b, ((PLACEHOLDER, ind.id),)), res.grades)


def _templates(engine: "Engine", el_ids: list[str]) -> tuple[dict[str, Any], dict[str, Any]]:
    """The template key of every indicator of the positions ``el_ids`` and each position's
    signature, kept by the engine (``Engine.template_memo``): they depend on the definitions
    alone, so a run evaluating chunk after chunk computes them once."""
    dset = engine.dset
    memo = engine.template_memo
    keys: dict[str, Any] = memo["keys"]
    canon: dict = memo["canon"]
    signatures: dict[str, Any] = memo["signatures"]
    for el_id in el_ids:
        if el_id in signatures:
            continue
        for i in dset.elements[el_id].indicators:
            if i in dset.indicators and i not in keys:
                keys[i] = template_key(engine, dset.indicators[i], canon)
        signatures[el_id] = _signature(engine, dset.elements[el_id], keys)
    return keys, signatures


def warm_templates(engine: "Engine") -> None:
    """Compute every position's template keys and signature (and so compile their formulas)
    now: chunked evaluation forks a fresh worker per chunk, which then finds them made
    instead of making them again."""
    _templates(engine, [el.id for el in engine.dset.elements.values() if el.level == POSITION_LEVEL])


def prefill(engine: "Engine", plan_: list[tuple[str, Axis]], period, task=None) -> None:
    """Evaluate the positions of ``plan_`` in batches and put every (position, indicator) and
    position element result into the engine's memo, where ``Engine.evaluate`` finds them."""
    dset = engine.dset
    entries = []
    for el_id, axis in plan_:
        if dset.elements[el_id].level == POSITION_LEVEL:
            # without --entity a position's figure is its holders' mean (positions.py):
            # evaluate the holders, in the batch
            hax = holders_axis(engine, el_id) if axis.labels == (None,) else None
            entries.append((el_id, hax if hax is not None and len(hax) else axis))
    if len(entries) < MIN_BATCH:
        return
    keys, signatures = _templates(engine, [el_id for el_id, _ in entries])
    by_sig: dict[Any, list[tuple[str, Axis]]] = {}
    rest: list[tuple[str, Axis]] = []
    for el_id, axis in entries:
        if engine.has_result("element", (el_id, period.key, axis.key)):
            continue
        sig = signatures[el_id]
        if sig is None:
            rest.append((el_id, axis))
        else:
            by_sig.setdefault(sig, []).append((el_id, axis))
    for sig, members in list(by_sig.items()):
        if len(members) < MIN_BATCH:
            rest.extend(members)
            del by_sig[sig]
    if task is not None:
        task.update(total=len(by_sig) + 1)
    for g, (sig, members) in enumerate(by_sig.items()):
        _run_signature_group(engine, g, members, period)
        if task is not None:
            task.advance()
    _run_template_groups(engine, rest, keys, period)
    if task is not None:
        task.advance()


def _run_signature_group(engine: "Engine", g: int, members: list[tuple[str, Axis]], period) -> None:
    dset = engine.dset
    gaxis, offsets = _concat_axes([a for _, a in members], f"\x00batch:{g}")
    first = dset.elements[members[0][0]]
    slots = [i for i in first.indicators if i in dset.indicators]
    results: list[IndicatorResult] = []
    parts = []
    for k, ind_id in enumerate(slots):
        ind = dset.indicators[ind_id]
        res = engine.evaluate_indicator(ind, period, gaxis, PLACEHOLDER)
        results.append(res)
        parts.append((_slot(k), res.achievement, ind.weight))
    problems: list = []
    ach = weighted_mean(parts, problems, "indicator")
    scale = engine.scale(first.predicate_scale)
    pred = predicate_index(scale, ach.value)
    pkey = period.key
    for j, (el_id, axis) in enumerate(members):
        a, b = int(offsets[j]), int(offsets[j + 1])
        el = dset.elements[el_id]
        ids = [i for i in el.indicators if i in dset.indicators]
        for ind_id, res in zip(ids, results):
            engine.remember("indicator", (ind_id, pkey, axis.key),
                            _indicator_slice(res, dset.indicators[ind_id], axis, a, b))
        subst = tuple((_slot(k), i) for k, i in enumerate(ids))
        engine.remember("element", (el_id, pkey, axis.key), ElementResult(
            el, axis, period, Vec(ach.value[a:b], ach.undefined[a:b]), scale, pred[a:b], None,
            engine.efficiency, _slice_problems(problems, a, b, subst)))


def _run_template_groups(engine: "Engine", entries: list[tuple[str, Axis]], keys: dict[str, Any],
                         period) -> None:
    """The indicators of positions that share no signature, batched by template alone."""
    dset = engine.dset
    by_key: dict[Any, list[tuple[str, Axis]]] = {}
    for el_id, axis in entries:
        for ind_id in dset.elements[el_id].indicators:
            k = keys.get(ind_id)
            if k is not None and not engine.has_result("indicator", (ind_id, period.key, axis.key)):
                by_key.setdefault(k, []).append((ind_id, axis))
    for g, members in enumerate(by_key.values()):
        if len(members) < MIN_BATCH:
            continue
        gaxis, offsets = _concat_axes([a for _, a in members], f"\x00tbatch:{g}")
        rep = dset.indicators[members[0][0]]
        res = engine.evaluate_indicator(rep, period, gaxis, PLACEHOLDER)
        for j, (ind_id, axis) in enumerate(members):
            engine.remember("indicator", (ind_id, period.key, axis.key), _indicator_slice(
                res, dset.indicators[ind_id], axis, int(offsets[j]), int(offsets[j + 1])))


# ------------------------------------------------------------------------------ roll-up

def position_rollup(engine: "Engine", position: str, period, n: int, axis: Axis) -> Vec:
    """What a position contributes to a supporting element with ``achievement: children``:
    the mean over its holders of the position's achievement (holders without a value left
    out; missing when none has one, undefined when every holder's is undefined), the same
    for every entity of the element's axis. A position without holders contributes its own
    achievement on the element's axis."""
    every = engine.rollup_means     # chunked evaluation: every holder's, gathered chunk by chunk
    if every and position in every:
        r = every[position]
    else:
        hax = holders_axis(engine, position)
        if hax is None:
            return engine.element_result(position, period, axis).achievement
        r = engine.element_result(position, period, hax).achievement
    ok = ~np.isnan(r.value)
    if ok.any():
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", RuntimeWarning)
            mean = float(np.mean(r.value[ok]))
        return Vec(np.full(n, mean), np.zeros(n, bool))
    undefined = bool(len(r.undefined)) and bool(r.undefined.all())
    return Vec(np.full(n, np.nan), np.full(n, undefined))


# ----------------------------------------------------------------------- entity-less data

def entityless_series(store: Any, var_id: str, period, aggregation: str | None,
                      grades: tuple[str, ...]) -> tuple[np.ndarray, list] | None:
    """For a variable that has rows without an entity only (an agency's IKU, a program's
    indicator), its value in ``period`` as a one-column series -- every entity gets it -- and
    its diagnostics; None for a variable that has entity rows.

    ``DataStore.series`` answers for every entity of the store; for 7,000 agency indicators
    over 70,000 holders (ten regions) that is 7,000 arrays of 70,000 copies of one number, in
    time and in memory. The store's own one-entity derivation (``explain`` without an entity)
    gives the same value and diagnostics.
    """
    if store.has_entity_rows(var_id):
        return None
    value = entityless_value(store, var_id, period, aggregation)
    if value is not None:
        return np.full(1, value), []
    ex = store.explain(var_id, period, aggregation, entity=None, grades=grades or None)
    return np.full(1, ex.value), list(ex.diagnostics)


_SLOW = object()


def _entityless_points(store: Any, var_id: str) -> Any:
    """The (period, value) points of an entity-less variable in the store's order, read once;
    ``_SLOW`` when one of them is text (grades and their messages need the store's path)."""
    cache = store.derived.setdefault("entityless_points", {})
    pts = cache.get(var_id)
    if pts is None:
        v = store.variable_code(var_id)
        table = store.table
        pts = []
        for p, g in store.groups_of(v) if v is not None else []:
            row = int(store.grouping.rows(g)[0])
            if table.label_codes is not None and int(table.label_codes[row]) >= 0:
                pts = _SLOW
                break
            pts.append((p, float(table.values[row])))
        cache[var_id] = pts
    return pts


def entityless_value(store: Any, var_id: str, period, aggregation: str | None) -> float | None:
    """§7 for one entity-less variable with plain floats: the value ``DataStore.explain`` gives
    (the same operations in the same order, so the same float), or None whenever that path
    would report anything (conflicting exact keys, overlapping parts, no or an unknown
    aggregation, text values) -- then the store's own derivation runs, messages and all.

    A region's 5,000 agency variables cost 0.26 ms each through the store's array machinery
    (written for millions of entities) and a few microseconds here.
    """
    pts = _entityless_points(store, var_id)
    if pts is _SLOW:
        return None
    result = math.nan
    inside = []
    for p, value in pts:
        if p.same_span(period):
            if value != value:
                continue
            if result == result:
                if value != result:
                    return None           # data-conflict
                continue
            result = value
        elif period.contains(p):
            inside.append((p, value))
    if result == result or not inside:
        return result
    if aggregation not in ("sum", "last", "mean", "min", "max"):
        return None                       # no or an unknown aggregation: the store says why
    if aggregation == "last":
        inside.sort(key=lambda pv: (pv[0].end_month, pv[0].start_month))
    else:
        inside.sort(key=lambda pv: (pv[0].start_month, pv[0].end_month))
        if aggregation == "sum":
            end = -1
            for p, _ in inside:
                if p.start_month <= end:
                    return None           # parts that may overlap: the store checks them
                end = max(end, p.end_month)
    acc = 0.0 if aggregation in ("sum", "mean") else math.nan
    count = 0
    for _, value in inside:
        if value != value:
            continue
        count += 1
        if aggregation in ("sum", "mean"):
            acc += value
        elif aggregation == "min":
            acc = value if acc != acc or value < acc else acc
        elif aggregation == "max":
            acc = value if acc != acc or value > acc else acc
        else:
            acc = value
    if not count:
        return math.nan
    return acc / count if aggregation == "mean" else acc
