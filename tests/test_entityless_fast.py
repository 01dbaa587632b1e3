"""The engine's plain-float path for entity-less variables (engine/batch.py) gives exactly what
the data store's own §7 derivation gives -- value and messages -- for any mix of exact keys,
parts, empty values, overlaps and aggregations; where the store would report something, the
engine takes the store's path."""
from __future__ import annotations

import math
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings, strategies as st

from indikator.data.periods import parse_period
from indikator.data.readers import read_data
from indikator.data.store import DataStore
from indikator.engine.batch import entityless_series, entityless_value
from indikator.engine.entityless import entityless_values
from test_engine_support import machine_text

KEYS = ["2024", "2024-S1", "2024-S2", "2024-Q1", "2024-Q2", "2024-Q3", "2024-Q4", "2024-01", "2024-02",
        "2024-03", "2024-06", "2024-07", "2024-12", "2025-Q1"]
PERIODS = ["2024", "2024-S1", "2024-Q1..2024-Q3", "2024-Q2", "2024-01..2024-02", "2024-03", "2025"]
AGGS = [None, "sum", "last", "mean", "min", "max", "median"]

points = st.dictionaries(st.sampled_from(KEYS), st.one_of(st.none(), st.integers(-50, 200).map(lambda i: i / 4),
                                                          st.floats(-1e6, 1e6, allow_nan=False)),
                         min_size=1, max_size=8)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(pts=points, period=st.sampled_from(PERIODS), agg=st.sampled_from(AGGS))
def test_plain_float_path_equals_the_store(pts, period, agg):
    with tempfile.TemporaryDirectory() as d:
        p = Path(d) / "d.csv"
        body = "".join(f",{k},v,{'' if val is None else machine_text(val)}\n" for k, val in pts.items())
        p.write_text("entity,period,variable,value\n" + body)
        table, diags = read_data([str(p)])
        assert table is not None, diags
        store = DataStore(table)
        per = parse_period(period)
        ex = store.explain("v", per, agg, entity=None)
        fast = entityless_value(store, "v", per, agg)
        if fast is not None:
            assert not ex.diagnostics
            assert (math.isnan(fast) and math.isnan(ex.value)) or fast == ex.value
        got, gdiags = entityless_series(store, "v", per, agg, ())
        assert (math.isnan(got[0]) and math.isnan(ex.value)) or got[0] == ex.value
        assert gdiags == list(ex.diagnostics)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(vars_=st.lists(st.tuples(points, st.sampled_from(AGGS)), min_size=1, max_size=5),
       period=st.sampled_from(PERIODS))
def test_the_array_pass_equals_the_plain_float_path(vars_, period):
    """engine/entityless.py answers many variables at once with the one-variable path's floats
    (or leaves a variable to it)."""
    with tempfile.TemporaryDirectory() as d:
        p = Path(d) / "d.csv"
        body = "".join(f",{k},v{i},{'' if val is None else machine_text(val)}\n"
                       for i, (pts, _) in enumerate(vars_) for k, val in pts.items())
        p.write_text("entity,period,variable,value\n" + body)
        table, diags = read_data([str(p)])
        assert table is not None, diags
        store = DataStore(table)
        per = parse_period(period)
        got = entityless_values(store, per, {f"v{i}": agg for i, (_, agg) in enumerate(vars_)})
        for i, (_, agg) in enumerate(vars_):
            if f"v{i}" in got:
                one = entityless_value(store, f"v{i}", per, agg)
                assert one is not None
                x = got[f"v{i}"]
                assert (math.isnan(x) and math.isnan(one)) or (x == one and math.copysign(1, x) == math.copysign(1, one))


def test_the_array_pass_answers_monthly_sums():
    with tempfile.TemporaryDirectory() as d:
        p = Path(d) / "d.csv"
        p.write_text("period,variable,value\n" + "".join(f"2024-{m:02d},{v},{m * 1.1}\n" for v in ("a", "b")
                                                        for m in range(1, 13)))
        table, _ = read_data([str(p)])
        store = DataStore(table)
        per = parse_period("2024-Q1..2024-Q3")
        got = entityless_values(store, per, {"a": "sum", "b": "last"})
        assert got == {"a": entityless_value(store, "a", per, "sum"), "b": entityless_value(store, "b", per, "last")}
        assert got["b"] == 9 * 1.1
