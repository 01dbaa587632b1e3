"""A variable that only some entities report is resolved over those entities alone
(DataStore._sparse_columns); every value, skip count, key and message equals the resolution
over the whole entity axis, for dense and sorted groupings alike."""
from __future__ import annotations

import tempfile
from pathlib import Path

import numpy as np
from hypothesis import HealthCheck, given, settings, strategies as st

from indikator.data.periods import parse_period
from indikator.data.readers import read_data
from indikator.data.store import DataStore

ENTITIES = [f"E{i:02d}" for i in range(12)]
KEYS = ["2024-Q1", "2024-Q2", "2024-Q3", "2024-Q4", "2024-S1", "2024", "2024-01", "2024-02"]
PERIODS = ["2024", "2024-S1", "2024-Q1..2024-Q3", "2024-Q1", "2024-01..2024-03"]
AGGS = [None, "sum", "last", "mean", "min", "max"]

row = st.tuples(st.sampled_from(ENTITIES[:4] + [""]), st.sampled_from(KEYS), st.sampled_from(["a", "b", "c"]),
                st.one_of(st.none(), st.integers(-20, 100)))
# most entities report variable "d" everywhere, so the grouping is often dense
dense_part = st.booleans()


def _store(rows, dense: bool) -> DataStore:
    lines = ["entity,period,variable,value"]
    seen = set()
    for e, k, v, x in rows:
        if (e, k, v) in seen:
            continue
        seen.add((e, k, v))
        lines.append(f"{e},{k},{v},{'' if x is None else x}")
    if dense:
        lines += [f"{e},{k},d,{i}" for i, e in enumerate(ENTITIES) for k in KEYS[:4]]
    with tempfile.TemporaryDirectory() as d:
        p = Path(d) / "d.csv"
        p.write_text("\n".join(lines) + "\n")
        table, diags = read_data([str(p)])
    assert table is not None, diags
    return DataStore(table, extra_entities=["H1", "H2"])


def _series(store, var, period, agg, sparse: bool):
    if not sparse:
        store._sparse_cache.clear()
        store._sparse_columns = lambda v: None          # the whole-axis path
    s = store.series(var, parse_period(period), agg)
    return s


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(rows=st.lists(row, min_size=1, max_size=30), dense=dense_part, period=st.sampled_from(PERIODS),
       agg=st.sampled_from(AGGS))
def test_sparse_resolution_equals_the_whole_axis(rows, dense, period, agg):
    store = _store(rows, dense)
    for var in ("a", "b", "c", "d"):
        got = _series(store, var, period, agg, True)
        want = _series(_store(rows, dense), var, period, agg, False)
        assert np.array_equal(got.values, want.values, equal_nan=True)
        assert (np.isnan(got.default) and np.isnan(want.default)) or got.default == want.default
        assert np.array_equal(got.skipped, want.skipped) and got.skipped_default == want.skipped_default
        assert got.used_periods == want.used_periods
        assert got.diagnostics == want.diagnostics


def test_the_sparse_path_is_taken_for_a_variable_few_entities_report():
    rows = [("E00", "2024-Q1", "a", 5), ("E01", "2024-Q2", "a", 7)]
    store = _store(rows, dense=True)
    cols = store._sparse_columns(store._var_index["a"])
    assert cols is not None and [store.entity_ids()[c] for c in cols] == ["E00", "E01"]
    assert store._sparse_columns(store._var_index["d"]) is None     # every entity reports d
