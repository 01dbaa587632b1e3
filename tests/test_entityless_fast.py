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
