"""PRODUCT.md §7 in evaluation: target resolution, which data points count for a
period, aggregation by ``period_aggregation``, overlaps of a ``sum`` variable.
"""
from __future__ import annotations

import pytest

from test_engine_support import build, csv_rows, evaluate, indicator, indicator_result, one_indicator

TOP = ("variables:\n"
       "  - {id: docs, label: Dokumen dicetak, period_aggregation: sum}\n"
       "  - {id: cov, label: Cakupan, period_aggregation: last}\n"
       "  - {id: avg_v, label: Rerata, period_aggregation: mean}\n"
       "  - {id: lo, label: Terendah, period_aggregation: min}\n"
       "  - {id: hi, label: Tertinggi, period_aggregation: max}\n"
       "  - {id: bare, label: Tanpa agregasi}\n")


def run(tmp_path, formula: str, rows, period: str, target: str = "100"):
    body = f"target: {target}\nformula: '{formula}'"
    ev = evaluate(tmp_path, one_indicator(body, top=TOP), csv_rows(rows), period)
    return indicator(ev, "i"), ev


# ------------------------------------------------------------------ targets

TARGETS = "{2024-Q3: 50, 2024: 80, '2024-Q1..2024-Q3': 70, 2025-S1: 30, 2025: 90}"


@pytest.mark.parametrize("period, target, key", [
    ("2024-Q3", 50.0, "2024-Q3"),                   # exact key
    ("2024-Q1..2024-Q3", 70.0, "2024-Q1..2024-Q3"),  # exact range key
    ("2024", 80.0, "2024"),
    ("2024-Q2", 80.0, "2024"),                      # else the annual target of the year P ends in
    ("2024-09", 80.0, "2024"),
    ("2024-Q2..2024-Q3", 80.0, "2024"),
    ("2024-Q4..2025-Q1", 90.0, "2025"),             # the year P ends in, not the one it starts in
    ("2025-S1", 30.0, "2025-S1"),
    ("2025-01..2025-06", 30.0, "2025-S1"),          # the same span written differently
    ("2025-Q2", 90.0, "2025"),
])
def test_target_resolution(tmp_path, period, target, key):
    rec, ev = run(tmp_path, "cov", [(period, "cov", 40)], period, target=TARGETS)
    assert rec["target"] == target
    r = indicator_result(ev, "i")
    assert r.target_key == key
    assert rec["achievement"] == pytest.approx(40 / target * 100)


@pytest.mark.parametrize("period", ["2023", "2026-Q1", "2023-Q4"])
def test_no_target_for_the_period(tmp_path, period):
    rec, _ = run(tmp_path, "cov", [(period, "cov", 40)], period, target="{2024: 80, 2025: 90}")
    assert rec["target"] is None and rec["achievement"] is None and rec["status"] == "missing"
    assert any("no target" in m for m in rec["messages"])


def test_one_target_for_every_period(tmp_path):
    for period in ("2024", "2024-Q1", "2030-05"):
        rec, _ = run(tmp_path, "cov", [(period, "cov", 40)], period, target="80")
        assert rec["target"] == 80.0 and rec["achievement"] == 50.0


# ------------------------------------------------------------------ which points count

S1_DATA = [("2024-S1", "docs", 10), ("2024-Q3", "docs", 5), ("2024-Q4", "docs", 7),
           ("2024-Q1", "cov", 50), ("2024-Q2", "cov", 60), ("2024-Q3", "cov", 70)]


@pytest.mark.parametrize("formula, period, expected", [
    ("docs", "2024-Q1..2024-Q3", 15.0),       # 2024-S1 counts for Q1..Q3 …
    ("docs", "2024-Q1", None),                # … but not for Q1
    ("docs", "2024-Q2", None),
    ("docs", "2024-S1", 10.0),                # exact key
    ("docs", "2024", 22.0),
    ("docs", "2024-S2", 12.0),
    ("cov", "2024-Q1..2024-Q3", 70.0),        # last: the latest point with a value
    ("cov", "2024-S1", 60.0),
    ("cov", "2024-Q1", 50.0),
    ("cov", "2024-Q4", None),
])
def test_points_inside_the_period(tmp_path, formula, period, expected):
    rec, _ = run(tmp_path, formula, S1_DATA, period)
    if expected is None:
        assert rec["actual"] is None and rec["status"] == "missing"
        assert any("no data" in m and period in m for m in rec["messages"]), rec["messages"]
    else:
        assert rec["actual"] == pytest.approx(expected) and rec["status"] == "ok"


MONTHS = [(f"2024-{m:02d}", v, m) for m in range(1, 13) for v in ("docs", "cov", "avg_v", "lo", "hi")]


@pytest.mark.parametrize("formula, period, expected", [
    ("docs", "2024-Q1..2024-Q3", 45.0),     # sum over months 1..9
    ("cov", "2024-Q1..2024-Q3", 9.0),       # last
    ("avg_v", "2024-Q1..2024-Q3", 5.0),     # mean
    ("lo", "2024-Q1..2024-Q3", 1.0),
    ("hi", "2024-Q1..2024-Q3", 9.0),
    ("docs", "2024-Q1", 6.0),
    ("cov", "2024-Q1", 3.0),
    ("docs", "2024", 78.0),
    ("cov", "2024", 12.0),
    ("docs", "2024-05", 5.0),
    ("docs", "2024-02..2024-04", 9.0),
])
def test_sum_over_months_vs_last(tmp_path, formula, period, expected):
    rec, _ = run(tmp_path, formula, MONTHS, period)
    assert rec["actual"] == pytest.approx(expected) and rec["status"] == "ok", rec["messages"]


def test_last_takes_the_latest_point_with_a_value(tmp_path):
    rows = [("2024-01", "cov", 10), ("2024-02", "cov", 20), ("2024-03", "cov", None)]
    rec, _ = run(tmp_path, "cov", rows, "2024-Q1")
    assert rec["actual"] == 20.0


def test_empty_value_is_missing_not_zero(tmp_path):
    rec, _ = run(tmp_path, "docs", [("2024", "docs", None)], "2024")
    assert rec["actual"] is None and rec["status"] == "missing"
    rec, _ = run(tmp_path, "docs", [("2024-Q1", "docs", 4), ("2024-Q2", "docs", None)], "2024-S1")
    assert rec["actual"] == 4.0


def test_exact_key_wins_over_the_points_inside(tmp_path):
    rows = [("2024", "docs", 100)] + [(f"2024-Q{q}", "docs", q) for q in range(1, 5)]
    rec, ev = run(tmp_path, "docs", rows, "2024")
    assert rec["actual"] == 100.0 and rec["status"] == "ok"
    assert not ev.diagnostics


@pytest.mark.parametrize("period", ["2024-Q1..2024-Q3", "2024-S1", "2024"])
def test_overlapping_points_of_a_sum_variable_are_an_error(tmp_path, period):
    rows = [("2024-01", "docs", 1), ("2024-02", "docs", 2), ("2024-03", "docs", 3), ("2024-Q1", "docs", 6)]
    rec, ev = run(tmp_path, "docs", rows, period)
    assert rec["actual"] is None and rec["status"] == "error", rec
    errors = [d for d in ev.diagnostics if d.is_error]
    assert errors, "an overlap must be reported as an error diagnostic"
    msg = errors[0].message
    assert "2024-Q1" in msg and ("2024-01" in msg or "2024-02" in msg or "2024-03" in msg), msg
    assert any("2024-Q1" in m for m in rec["messages"]), rec["messages"]


def test_overlap_does_not_matter_where_the_exact_key_wins(tmp_path):
    rows = [("2024-01", "docs", 1), ("2024-02", "docs", 2), ("2024-03", "docs", 3), ("2024-Q1", "docs", 6)]
    rec, ev = run(tmp_path, "docs", rows, "2024-Q1")
    assert rec["actual"] == 6.0 and rec["status"] == "ok"


def test_overlap_of_a_last_variable_is_fine(tmp_path):
    rows = [("2024-01", "cov", 1), ("2024-Q1", "cov", 6), ("2024-02", "cov", 2)]
    rec, ev = run(tmp_path, "cov", rows, "2024-S1")
    assert rec["status"] == "ok" and rec["actual"] == 6.0     # 2024-Q1 ends latest (in March)
    assert not [d for d in ev.diagnostics if d.is_error]


def test_aggregation_needed_but_not_declared_is_an_error(tmp_path):
    rows = [("2024-01", "bare", 1), ("2024-02", "bare", 2)]
    rec, ev = run(tmp_path, "bare", rows, "2024-Q1")
    assert rec["actual"] is None and rec["status"] == "error"
    assert any("period_aggregation" in d.message for d in ev.diagnostics if d.is_error)


def test_no_aggregation_needed_at_the_exact_key(tmp_path):
    rec, ev = run(tmp_path, "bare", [("2024-Q1", "bare", 7)], "2024-Q1")
    assert rec["actual"] == 7.0 and rec["status"] == "ok" and not ev.diagnostics


def test_indicator_data_without_a_variable_defaults_to_last(tmp_path):
    rows = [("2024-Q1", "i", 50), ("2024-Q2", "i", 60), ("2024-Q3", "i", 70)]
    ev = evaluate(tmp_path, one_indicator("target: 100"), csv_rows(rows), "2024-Q1..2024-Q3")
    assert indicator(ev, "i")["actual"] == 70.0


def test_the_same_engine_answers_several_periods(tmp_path):
    engine = build(tmp_path, one_indicator("target: {2024: 100}\nformula: docs", top=TOP), csv_rows(MONTHS))
    got = {p: indicator(engine.evaluate(p), "i")["actual"] for p in ("2024-Q1", "2024-Q1..2024-Q3", "2024")}
    assert got == {"2024-Q1": 6.0, "2024-Q1..2024-Q3": 45.0, "2024": 78.0}
