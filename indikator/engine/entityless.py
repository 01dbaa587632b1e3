"""Every entity-less variable of a period in one array pass over the store's grouping.

:func:`batch.entityless_value` resolves one entity-less variable with plain floats: a few
microseconds of arithmetic, but it first reads the variable's points out of the store
group by group (``Grouping.rows`` per group) and tests each point's period in Python; for a
region's 5,060 variables of twelve monthly points that was most of the columnar pass's data
time. Here the points of all variables are read at once -- the first row of every group,
its value and its period -- and §7's derivation runs over all variables together: the
exact key, then the points inside the period in the order the one-variable path takes
them (by span for ``sum``/``mean``/``min``/``max``, by end for ``last``), accumulated one
position at a time so each variable's float comes from the same additions in the same
order.

Only what :func:`batch.entityless_value` answers without the store is answered here, and
less: a variable with text values, a conflict or a zero among its exact points, a ``sum``
over parts that may overlap, no or an unknown aggregation, or any row naming an entity in
the whole table is left out (the caller asks the one-variable path, which asks the store).
tests/test_entityless_fast.py compares both paths.
"""
from __future__ import annotations

from typing import Any

import numpy as np

_AGGS = ("sum", "last", "mean", "min", "max")


def entityless_values(store: Any, period, wanted: dict[str, str | None]) -> dict[str, float]:
    """``{variable: value in period}`` for the variables of ``wanted`` (variable →
    aggregation) this pass answers exactly; the others are left out."""
    table = store.table
    if not wanted or bool((table.entity_codes >= 0).any()):
        return {}
    grouping = store.grouping                      # the store's (variable, period) groups
    n_groups = len(grouping)
    if not n_groups:
        return {}
    if grouping.dense is not None:
        first = np.asarray(grouping.dense[:, 0], np.int64)
    else:
        starts = np.asarray(grouping.starts, np.int64)
        nonempty = starts[1:] > starts[:-1]
        first = np.full(n_groups, -1, np.int64)
        first[nonempty] = grouping.order[starts[:-1][nonempty]]
    var_codes = np.full(len(table.variables), -1, np.int64)     # table variable -> wanted index
    names = []
    aggs = []
    for name, agg in wanted.items():
        v = store.variable_code(name)
        if v is not None and agg in _AGGS:
            var_codes[v] = len(names)
            names.append(name)
            aggs.append(agg)
    gv = var_codes[np.asarray(grouping.group_variable, np.int64)]
    keep = (gv >= 0) & (first >= 0)
    gv, gp, rows = gv[keep], np.asarray(grouping.group_period, np.int64)[keep], first[keep]
    n = len(names)
    slow = np.zeros(n, bool)
    if table.label_codes is not None:
        slow[gv[np.asarray(table.label_codes)[rows] >= 0]] = True
    values = np.asarray(table.values, np.float64)[rows]
    periods = table.periods
    same = np.fromiter((p.same_span(period) for p in periods), bool, len(periods))[gp]
    inside = np.fromiter((period.contains(p) for p in periods), bool, len(periods))[gp] & ~same
    start = np.fromiter((p.start_month for p in periods), np.int64, len(periods))[gp]
    end = np.fromiter((p.end_month for p in periods), np.int64, len(periods))[gp]
    keys = [p.key for p in periods]
    rank = np.empty(len(keys), np.int64)
    rank[sorted(range(len(keys)), key=keys.__getitem__)] = np.arange(len(keys))
    krank = rank[gp]
    # the exact key: one value (its first non-empty point); a different one is a conflict the
    # store reports, a zero might be -0.0 against 0.0: both left to the one-variable path
    ex = same & ~np.isnan(values)
    has_exact = np.zeros(n, bool)
    has_exact[gv[ex]] = True
    lo = np.full(n, np.inf)
    hi = np.full(n, -np.inf)
    np.minimum.at(lo, gv[ex], values[ex])
    np.maximum.at(hi, gv[ex], values[ex])
    slow |= has_exact & ((lo != hi) | (lo == 0))
    result = np.where(has_exact, lo, np.nan)
    agg_arr = np.array(aggs, dtype=object)
    sel = inside & ~has_exact[gv]
    for agg in _AGGS:
        mine = sel & (agg_arr[gv] == agg)
        if not mine.any():
            continue
        v, s, e, k, x = gv[mine], start[mine], end[mine], krank[mine], values[mine]
        order = np.lexsort((k, s, e, v) if agg == "last" else (k, e, s, v))
        v, s, e, x = v[order], s[order], e[order], x[order]
        seg = np.ones(len(v), bool)
        seg[1:] = v[1:] != v[:-1]
        if agg == "sum":
            off = v * 10_000_000
            prev_max = np.maximum.accumulate(e + off)
            overlap = np.zeros(len(v), bool)
            overlap[1:] = ~seg[1:] & (s[1:] + off[1:] <= prev_max[:-1])
            slow[v[overlap]] = True
        head = np.flatnonzero(seg)
        pos = np.arange(len(v)) - np.repeat(head, np.diff(np.append(head, len(v))))
        who = v[head]
        m = np.full((len(head), int(pos.max()) + 1), np.nan)
        m[np.repeat(np.arange(len(head)), np.diff(np.append(head, len(v)))), pos] = x
        acc = np.zeros(len(head)) if agg in ("sum", "mean") else np.full(len(head), np.nan)
        count = np.zeros(len(head), np.int64)
        for r in range(m.shape[1]):
            col = m[:, r]
            ok = ~np.isnan(col)
            count += ok
            if agg in ("sum", "mean"):
                with np.errstate(over="ignore"):    # a sum beyond float range is inf, as the store's
                    acc = np.where(ok, acc + col, acc)
            elif agg == "min":
                acc = np.where(ok & (np.isnan(acc) | (col < acc)), col, acc)
            elif agg == "max":
                acc = np.where(ok & (np.isnan(acc) | (col > acc)), col, acc)
            else:
                acc = np.where(ok, col, acc)
        with np.errstate(all="ignore"):
            out = np.where(count == 0, np.nan, acc / count if agg == "mean" else acc)
        result[who] = out
    return {names[i]: float(result[i]) for i in range(n) if not slow[i]}
