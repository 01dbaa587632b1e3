"""``DataStore.series`` from a variable's own rows (the parts path: parts only, nothing to
report; over the sorted grouping's rows or the dense grouping's matrix) answers exactly as the
full §7 derivation over the whole entity axis: values, skipped counts, used keys and (no)
diagnostics, for every aggregation and period asked."""
from __future__ import annotations

import numpy as np
import pytest

from indikator.data.periods import parse_period
from indikator.data.store import DataStore
from indikator.data.table import DataTable, _group

KEYS = ["2024-01", "2024-02", "2024-03", "2024-04", "2024-05", "2024-Q1", "2024-Q2", "2024-S1",
        "2024-01..2024-02", "2024"]
ASKED = ["2024-Q1", "2024-S1", "2024", "2024-Q1..2024-Q3", "2024-02", "2024-Q2", "2023"]
AGGS = ("sum", "last", "mean", "min", "max", None, "summ")


def _table(rng: np.random.Generator, dense: str = "") -> DataTable:
    n_ent = int(rng.integers(1, 40))
    periods = [parse_period(k) for k in rng.choice(KEYS, size=rng.integers(1, 6), replace=False)]
    fill = float(rng.choice([1.0, 0.9, 0.7] if dense else [1.0, 0.5, 0.15]))
    nil_rate = float(rng.choice([0.0, 0.0, 0.3]))
    ent, per, var = [], [], []
    for v in range(3):
        for p in range(len(periods)):
            if rng.random() < nil_rate:
                ent.append(-1), per.append(p), var.append(v)
            for e in range(n_ent):
                if rng.random() < fill:
                    ent.append(e), per.append(p), var.append(v)
    order = rng.permutation(len(ent))
    values = rng.integers(-5, 50, len(ent)).astype(np.float64) / rng.choice([1.0, 3.0, 7.0])
    values[rng.random(len(ent)) < float(rng.choice([0.0, 0.2, 0.6]))] = np.nan
    t = DataTable(np.array(ent, np.int32)[order], [f"E{i:02d}" for i in range(n_ent)],
                  np.array(per, np.int32)[order], periods,
                  np.array(var, np.int32)[order], ["v0", "v1", "v2"],
                  values[order], ["t.csv"], np.zeros(1, np.int64), np.zeros(1, np.int32),
                  np.ones(1, np.int64))
    # "dense": the dense grouping with its matrix of values (as DataTable.grouping makes it);
    # "dense-rows": the rows alone (the store gathers the values)
    t._grouping = _group(t.variable_codes, t.period_codes, len(t.variables), len(t.periods),
                         t.entity_codes if dense else None, n_ent, t.values if dense == "dense" else None)
    return t


def _compare(seed: int, dense: str = "") -> int:
    """Compare both paths on one random table; how many answers took the parts path."""
    rng = np.random.default_rng(seed)
    t = _table(rng, dense)
    if dense and t.grouping().dense is None:
        return 0
    extra = ["HOLDER", "E00"] if seed % 2 else []
    fast, full = DataStore(t, extra), DataStore(t, extra)
    full._series_parts = lambda *a: None              # the whole-axis derivation only
    taken = 0
    for v in ["v0", "v1", "v2", "nope"]:
        for key in ASKED:
            p = parse_period(key)
            for agg in AGGS:
                if fast._var_index.get(v) is not None and \
                        fast._series_parts(fast._var_index[v], v, p, agg) is not None:
                    taken += 1
                a, b = fast.series(v, p, agg), full.series(v, p, agg)
                assert np.array_equal(a.values, b.values, equal_nan=True), (v, key, agg)
                assert np.array_equal(a.skipped, b.skipped), (v, key, agg)
                assert a.default == b.default or (np.isnan(a.default) and np.isnan(b.default))
                assert a.skipped_default == b.skipped_default
                assert a.used_periods == b.used_periods, (v, key, agg)
                assert a.known == b.known
                assert [str(d) for d in a.diagnostics] == [str(d) for d in b.diagnostics]
    return taken


@pytest.mark.parametrize("dense", ["", "dense", "dense-rows"], ids=["sorted", "dense", "dense-rows"])
@pytest.mark.parametrize("seed", range(80))
def test_parts_series_equals_the_full_derivation(seed, dense):
    _compare(seed, dense)


@pytest.mark.parametrize("dense", ["", "dense", "dense-rows"], ids=["sorted", "dense", "dense-rows"])
def test_the_comparison_exercises_the_parts_path(dense):
    assert sum(_compare(seed, dense) for seed in range(10)) > 20


def test_sparse_path_is_taken_for_months_summed_into_a_year():
    t = DataTable(np.array([0, 1, 0, 2], np.int32), ["A", "B", "C"],
                  np.array([0, 0, 1, 1], np.int32), [parse_period("2024-01"), parse_period("2024-02")],
                  np.zeros(4, np.int32), ["x"], np.array([1.0, 2.0, 3.0, np.nan]))
    t._grouping = _group(t.variable_codes, t.period_codes, 1, 2)
    s = DataStore(t, ["D"])
    assert s._series_parts(0, "x", parse_period("2024"), "sum") is not None
    got = s.series("x", parse_period("2024"), "sum")
    assert got.values.tolist()[:2] == [4.0, 2.0] and np.isnan(got.values[2:]).all()
    assert got.skipped.tolist() == [0, 0, 1, 0]
    assert got.used_periods == ("2024-01", "2024-02")
