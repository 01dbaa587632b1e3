"""The dense grouping (a (variable, period) x entity matrix of rows, used when a
table fills most of its cells) answers exactly as the sorted grouping does."""
from __future__ import annotations

import numpy as np
import pytest

from indikator.data.periods import parse_period
from indikator.data.readers import find_duplicates
from indikator.data.store import DataStore
from indikator.data.table import DataTable, _group

PERIOD_KEYS = ["2024-01", "2024-02", "2024-03", "2024-Q1", "2024-04", "2024-Q2", "2024-S1", "2024"]
ASKED = ["2024-Q1", "2024-S1", "2024", "2024-Q1..2024-Q3", "2024-02", "2024-Q2"]


def _table(rng: np.random.Generator, n_ent: int, fill: float, nil_rate: float, nan_rate: float,
           n_var: int = 3) -> DataTable:
    periods = [parse_period(k) for k in rng.choice(PERIOD_KEYS, size=rng.integers(1, 5), replace=False)]
    ent, per, var = [], [], []
    for v in range(n_var):
        for p in range(len(periods)):
            if rng.random() < nil_rate:
                ent.append(-1)
                per.append(p)
                var.append(v)
            for e in range(n_ent):
                if rng.random() < fill:
                    ent.append(e)
                    per.append(p)
                    var.append(v)
    order = rng.permutation(len(ent))
    values = rng.integers(0, 50, len(ent)).astype(np.float64)
    values[rng.random(len(ent)) < nan_rate] = np.nan
    return DataTable(np.array(ent, np.int32)[order], [f"E{i:02d}" for i in range(n_ent)],
                     np.array(per, np.int32)[order], periods,
                     np.array(var, np.int32)[order], [f"v{i}" for i in range(n_var)],
                     values[order], ["t.csv"], np.zeros(1, np.int64), np.zeros(1, np.int32),
                     np.ones(1, np.int64))


def _sorted_twin(t: DataTable) -> DataTable:
    twin = DataTable(t.entity_codes, t.entities, t.period_codes, t.periods, t.variable_codes,
                     t.variables, t.values, t.files, t.seg_starts, t.seg_files, t.seg_lines)
    twin._grouping = _group(t.variable_codes, t.period_codes, len(t.variables), len(t.periods))
    return twin


@pytest.mark.parametrize("seed", range(60))
def test_dense_and_sorted_groupings_agree(seed):
    rng = np.random.default_rng(seed)
    t = _table(rng, n_ent=int(rng.integers(1, 12)), fill=float(rng.choice([1.0, 0.9, 0.7])),
               nil_rate=float(rng.choice([0.0, 0.5])), nan_rate=float(rng.choice([0.0, 0.2])))
    twin = _sorted_twin(t)
    g, gs = t.grouping(), twin.grouping()
    assert gs.dense is None
    assert np.array_equal(g.group_variable, gs.group_variable)
    assert np.array_equal(g.group_period, gs.group_period)
    assert np.array_equal(g.starts, gs.starts)
    for k in range(len(g)):
        assert sorted(g.rows(k).tolist()) == sorted(gs.rows(k).tolist())
        if g.dense is not None:       # the matrix of values: each cell's row's value, NaN without a row
            r = g.dense[k]
            want = np.where(r >= 0, t.values[np.maximum(r, 0)], np.nan)
            assert np.array_equal(g.dense_values[k], want, equal_nan=True)
            assert g.full(k) == bool((r >= 0).all())
    assert find_duplicates(t) == find_duplicates(twin) == []
    extra = ["HOLDER"] if seed % 2 else []
    a, b = DataStore(t, extra), DataStore(twin, extra)
    for v in t.variables:
        for key in ASKED:
            p = parse_period(key)
            for agg in ("sum", "last", "mean", "min", "max", None):
                sa, sb = a.series(v, p, agg), b.series(v, p, agg)
                assert np.array_equal(sa.values, sb.values, equal_nan=True)
                assert np.array_equal(sa.skipped, sb.skipped)
                assert (sa.default == sb.default) or (np.isnan(sa.default) and np.isnan(sb.default))
                assert sa.skipped_default == sb.skipped_default
                assert sa.used_periods == sb.used_periods
                assert [str(d) for d in sa.diagnostics] == [str(d) for d in sb.diagnostics]
            for e in [None, t.entities[0], *extra]:
                xa, xb = a.explain(v, p, "sum", e), b.explain(v, p, "sum", e)
                assert (xa.rule, [pt.period for pt in xa.used]) == (xb.rule, [pt.period for pt in xb.used])
                assert xa.value == xb.value or (np.isnan(xa.value) and np.isnan(xb.value))


def test_a_dense_table_is_grouped_densely_and_a_duplicate_falls_back():
    rng = np.random.default_rng(7)
    t = _table(rng, n_ent=6, fill=1.0, nil_rate=0.0, nan_rate=0.0)
    assert t.grouping().dense is not None
    dup = DataTable(np.append(t.entity_codes, t.entity_codes[0]), t.entities,
                    np.append(t.period_codes, t.period_codes[0]), t.periods,
                    np.append(t.variable_codes, t.variable_codes[0]), t.variables,
                    np.append(t.values, 1.0), t.files, t.seg_starts, t.seg_files, t.seg_lines)
    assert dup.grouping().dense is None
    diags = find_duplicates(dup)
    assert len(diags) == 1 and "given twice" in diags[0].message
