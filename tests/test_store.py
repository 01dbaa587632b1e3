"""The §7 rules: exact key, aggregation inside P, missing values, entity override, overlaps."""
from __future__ import annotations

import math
from pathlib import Path

import numpy as np
import pytest

from indikator.data.periods import parse_period
from indikator.data.readers import read_data
from indikator.data.store import DataStore


def store_from(tmp_path: Path, body: str, header: str = "entity,period,variable,value",
               extra: tuple[str, ...] = ()) -> DataStore:
    p = tmp_path / "d.csv"
    p.write_text(header + "\n" + body)
    table, diags = read_data([str(p)])
    assert table is not None, diags
    return DataStore(table, extra_entities=extra)


def value(store: DataStore, var: str, period: str, agg: str | None, entity: str | None = None):
    s = store.series(var, parse_period(period), agg)
    v = s.default if entity is None else s.values[store.entity_index(entity)]
    return (None if math.isnan(v) else v), s


QUARTERS_AND_S1 = """\
,2024-S1,docs,10
,2024-Q3,docs,5
,2024-Q4,docs,7
,2024-Q1,cov,50
,2024-Q2,cov,60
,2024-Q3,cov,70
"""


@pytest.mark.parametrize("period, agg, expected", [
    ("2024-Q1..2024-Q3", "sum", 15.0),     # S1 counts for Q1..Q3 (§7 example)
    ("2024-Q1", "sum", None),              # ... but not for Q1
    ("2024", "sum", 22.0),
    ("2024-S2", "sum", 12.0),
    ("2024-Q3", "sum", 5.0),               # exact key
    ("2023", "sum", None),
])
def test_spec_s1_example(tmp_path, period, agg, expected):
    store = store_from(tmp_path, QUARTERS_AND_S1)
    got, s = value(store, "docs", period, agg)
    assert got == expected and s.ok


@pytest.mark.parametrize("agg, expected", [
    ("last", 70.0), ("mean", 60.0), ("min", 50.0), ("max", 70.0), ("sum", 180.0),
])
def test_aggregations(tmp_path, agg, expected):
    store = store_from(tmp_path, QUARTERS_AND_S1)
    got, s = value(store, "cov", "2024", agg)
    assert got == pytest.approx(expected) and s.ok
    assert s.used_periods == (("2024-Q3",) if agg == "last" else ("2024-Q1", "2024-Q2", "2024-Q3"))


def test_exact_key_wins(tmp_path):
    store = store_from(tmp_path, ",2024,docs,100\n,2024-Q1,docs,1\n,2024-Q2,docs,2\n")
    got, s = value(store, "docs", "2024", "sum")
    assert got == 100.0 and s.used_periods == ("2024",)


def test_exact_span_with_other_spelling_wins(tmp_path):
    store = store_from(tmp_path, ",2024-01..2024-12,docs,100\n,2024-Q1,docs,1\n")
    assert value(store, "docs", "2024", "sum")[0] == 100.0


def test_empty_exact_falls_through_and_is_counted(tmp_path):
    store = store_from(tmp_path, ",2024-Q1,cov,\n,2024-01,cov,10\n,2024-02,cov,\n")
    got, s = value(store, "cov", "2024-Q1", "last")
    assert got == 10.0 and s.skipped_default == 2


def test_missing_is_not_zero(tmp_path):
    store = store_from(tmp_path, ",2024-Q1,docs,\n,2024-Q2,docs,\n")
    got, s = value(store, "docs", "2024", "sum")
    assert got is None and s.skipped_default == 2 and s.ok


def test_months_and_quarter_of_sum_variable_is_an_error(tmp_path):
    store = store_from(tmp_path, ",2024-01,docs,1\n,2024-02,docs,2\n,2024-Q1,docs,3\n")
    got, s = value(store, "docs", "2024", "sum")
    assert got is None and not s.ok
    d = s.diagnostics[0]
    assert {x.code for x in s.diagnostics} == {"data-overlap"}
    assert "2024-01" in d.message and "2024-Q1" in d.message
    assert d.span.line == 4


def test_overlap_names_the_entity(tmp_path):
    store = store_from(tmp_path, "e1,2024-01,docs,1\ne1,2024-Q1,docs,3\ne2,2024-01,docs,4\n")
    s = store.series("docs", parse_period("2024"), "sum")
    [d] = s.diagnostics
    assert "entity e1" in d.message
    assert math.isnan(s.values[store.entity_index("e1")])
    assert s.values[store.entity_index("e2")] == 4.0


def test_overlap_is_fine_for_last(tmp_path):
    store = store_from(tmp_path, ",2024-03,cov,1\n,2024-Q1,cov,3\n,2024-01,cov,7\n")
    got, s = value(store, "cov", "2024", "last")
    assert got == 1.0 and s.ok  # equal ends: the shorter span wins


@pytest.mark.parametrize("body, expected", [
    (",2024-Q1,cov,1\n,2024-Q2,cov,2\n,2024-05,cov,3\n", 2.0),   # latest end wins
    (",2024-Q2,cov,2\n,2024-06,cov,\n", 2.0),                    # ... that has a value
    (",2024-S1,cov,9\n,2024-Q2,cov,2\n,2024-06,cov,6\n", 6.0),   # equal ends: shortest
])
def test_last_picks_latest_end(tmp_path, body, expected):
    store = store_from(tmp_path, body)
    assert value(store, "cov", "2024", "last")[0] == expected


@pytest.mark.parametrize("agg", [None])
def test_aggregation_needed_but_not_declared(tmp_path, agg):
    store = store_from(tmp_path, ",2024-Q1,docs,1\n,2024-Q2,docs,2\n")
    got, s = value(store, "docs", "2024", agg)
    assert got is None
    [d] = s.diagnostics
    assert d.code == "data-aggregation" and "period_aggregation" in d.message
    # not needed when the exact key is there
    assert value(store, "docs", "2024-Q1", None)[1].ok


def test_unknown_aggregation(tmp_path):
    store = store_from(tmp_path, ",2024-Q1,docs,1\n")
    s = store.series("docs", parse_period("2024"), "summ")
    assert s.diagnostics[0].code == "data-aggregation" and "sum" in s.diagnostics[0].suggestions


def test_entity_override(tmp_path):
    store = store_from(tmp_path, ",2024,skp,80\ne1,2024,skp,90\ne2,2024,skp,\ne3,2023,skp,1\n",
                       extra=("e9",))
    s = store.series("skp", parse_period("2024"), "last")
    by = dict(zip(store.entity_ids(), s.values.tolist()))
    assert s.default == 80.0
    assert by["e1"] == 90.0
    assert math.isnan(by["e2"])          # the entity's own empty row overrides
    assert by["e3"] == 80.0 and by["e9"] == 80.0


def test_entity_override_per_period_key(tmp_path):
    store = store_from(tmp_path, ",2024-Q1,docs,1\n,2024-Q2,docs,2\ne1,2024-Q2,docs,20\n")
    s = store.series("docs", parse_period("2024-S1"), "sum")
    assert s.default == 3.0 and s.values[store.entity_index("e1")] == 21.0


def test_unknown_variable_is_missing(tmp_path):
    store = store_from(tmp_path, ",2024,a,1\n")
    s = store.series("b", parse_period("2024"), "sum")
    assert not s.known and math.isnan(s.default) and s.ok


def test_periods_for_and_entity_ids(tmp_path):
    store = store_from(tmp_path, "e2,2024-Q2,a,1\ne1,2024-Q1,a,1\n,2024,b,1\n")
    assert [str(p) for p in store.periods_for("a")] == ["2024-Q1", "2024-Q2"]
    assert store.periods_for("zzz") == []
    assert store.entity_ids() == ["e2", "e1"]


def test_explain(tmp_path):
    store = store_from(tmp_path, ",2024-Q1,docs,1\n,2024-Q2,docs,\ne1,2024-Q3,docs,5\n")
    ex = store.explain("docs", parse_period("2024"), "sum", entity="e1")
    assert ex.value == 6.0 and ex.rule == "sum"
    assert [(p.period, p.value, p.line) for p in ex.used] == [("2024-Q1", 1.0, 2), ("2024-Q3", 5.0, 4)]
    assert [p.period for p in ex.skipped] == ["2024-Q2"]
    ex = store.explain("docs", parse_period("2024-Q1"), "sum")
    assert ex.rule == "exact" and ex.value == 1.0
    ex = store.explain("cov", parse_period("2024"), "last")
    assert ex.rule == "missing" and math.isnan(ex.value)


def test_explain_agrees_with_series(tmp_path):
    rng = np.random.default_rng(7)
    keys = ["2024-01", "2024-02", "2024-Q2", "2024-S2", "2024-Q4", "2024"]
    lines = []
    for e in ["", "a", "b", "c"]:
        for k in keys:
            if rng.random() < 0.6:
                v = "" if rng.random() < 0.2 else str(int(rng.integers(0, 100)))
                lines.append(f"{e},{k},x,{v}\n")
    store = store_from(tmp_path, "".join(lines))
    for period in ["2024", "2024-S1", "2024-Q1..2024-Q3", "2024-H1" if False else "2024-Q2"]:
        for agg in ["last", "mean", "min", "max"]:
            s = store.series("x", parse_period(period), agg)
            for ent in [None, "a", "b", "c"]:
                ex = store.explain("x", parse_period(period), agg, entity=ent)
                want = s.default if ent is None else s.values[store.entity_index(ent)]
                assert (math.isnan(want) and math.isnan(ex.value)) or want == ex.value


def test_large_series_is_vectorized(tmp_path):
    """100k entities × 12 months: building and one query stay well under a second."""
    import pyarrow as pa
    import pyarrow.parquet as pq
    n_ent, months = 100_000, 12
    ent = np.repeat(np.arange(n_ent), months).astype(str)
    per = np.tile([f"2024-{m:02d}" for m in range(1, months + 1)], n_ent)
    vals = np.ones(n_ent * months)
    path = tmp_path / "big.parquet"
    pq.write_table(pa.table({"entity": ent, "period": per, "variable": ["x"] * len(ent),
                             "value": vals}), str(path))
    table, diags = read_data([str(path)])
    assert table is not None, diags
    store = DataStore(table)
    s = store.series("x", parse_period("2024-Q1..2024-Q3"), "sum")
    assert s.ok and len(s.values) == n_ent and (s.values == 9.0).all()


SAKIP = ["D", "C", "CC", "B", "BB", "A", "AA"]


def test_grades_become_ranks(tmp_path):
    store = store_from(tmp_path, ",2024-S1,g,B\n,2024-S2,g,BB\ne1,2024,g,A\n")
    s = store.series("g", parse_period("2024"), "last", grades=SAKIP)
    assert s.ok and s.default == 5.0 and s.values[store.entity_index("e1")] == 6.0
    ex = store.explain("g", parse_period("2024"), "last", grades=SAKIP)
    assert ex.value == 5.0 and [p.period for p in ex.used] == ["2024-S2"]


def test_grades_without_scale_are_an_error(tmp_path):
    store = store_from(tmp_path, ",2024,g,BB\n")
    s = store.series("g", parse_period("2024"), "last")
    assert math.isnan(s.default)
    [d] = s.diagnostics
    assert d.code == "data-grade" and "BB" in d.message and d.span.line == 2
