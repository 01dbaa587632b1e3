"""PRODUCT.md §5 evaluated: every function, operators, missing values, division by zero,
``children`` lists and indicators that read other indicators.

Each formula is the formula of an indicator ``i`` (target 100, so its achievement
equals its actual) over data variables ``x``, ``y``, ``z``, ``w``, ``v`` given for
2024 (``None`` writes an empty cell: a missing value).
"""
from __future__ import annotations

import math

import numpy as np
import pytest

from test_engine_support import HEADER, csv_rows, evaluate, indicator, indicator_result, one_indicator

VARS = ("x", "y", "z", "w", "v")
TOP = "variables:\n" + "".join(f"  - {{id: {v}, label: Var {v.upper()}, period_aggregation: last}}\n"
                               for v in VARS)


def formula_case(tmp_path, formula: str, data: dict[str, float | None], period: str = "2024",
                 rows: list[tuple] | None = None, extra: str = ""):
    body = "target: 100\nformula: " + _yaml_str(formula) + ("\n" + extra if extra else "")
    rows = rows if rows is not None else [("2024", k, v) for k, v in data.items()]
    ev = evaluate(tmp_path, one_indicator(body, top=TOP), csv_rows(rows), period)
    return indicator(ev, "i"), ev


def _yaml_str(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


# ------------------------------------------------------------------ value of every function

FUNCTIONS = [
    # formula, data, expected actual
    ("sum(x, y, z)", {"x": 1, "y": 2, "z": 3}, 6.0),
    ("jumlah(x, y, z)", {"x": 1, "y": 2, "z": 3}, 6.0),
    ("sum(x)", {"x": 4}, 4.0),
    ("avg(x, y, z)", {"x": 1, "y": 2, "z": 6}, 3.0),
    ("mean(x, y)", {"x": 1, "y": 2}, 1.5),
    ("rata2(x, y, z, w)", {"x": 1, "y": 2, "z": 3, "w": 4}, 2.5),
    ("min(x, y, z)", {"x": 4, "y": -2, "z": 9}, -2.0),
    ("max(x, y, z)", {"x": 4, "y": -2, "z": 9}, 9.0),
    ("count(x, y, z)", {"x": 4, "y": 0, "z": 9}, 3.0),
    ("banyak(x, y)", {"x": 4, "y": 0}, 2.0),
    ("median(x, y, z)", {"x": 5, "y": 1, "z": 3}, 3.0),
    ("median(x, y, z, w)", {"x": 4, "y": 1, "z": 3, "w": 2}, 2.5),
    ("wavg(x, y)", {"x": 7, "y": 3}, 7.0),
    ("round(x)", {"x": 2.5}, 3.0),
    ("round(x)", {"x": -2.5}, -3.0),
    ("round(x)", {"x": 2.4999}, 2.0),
    ("round(x, 2)", {"x": 1.005}, 1.01),
    ("round(x, 2)", {"x": -1.005}, -1.01),
    ("round(x, 1)", {"x": 0.25}, 0.3),
    ("round(x, 2)", {"x": 2.675}, 2.68),
    ("round(x, 0)", {"x": 0.5}, 1.0),
    ("round(x / y * 100, 2)", {"x": 72.8, "y": 80}, 91.0),
    ("round(x)", {"x": 7042932613}, 7042932613.0),          # a pagu in rupiah keeps every digit
    ("round(x, 2)", {"x": 123456.7846}, 123456.78),
    ("round(x)", {"x": 12345678.46}, 12345678.0),
    ("round(x, 2)", {"x": 7042932613.125}, 7042932613.13),
    ("abs(x)", {"x": -3.5}, 3.5),
    ("abs(x)", {"x": 3.5}, 3.5),
    ("floor(x)", {"x": 2.7}, 2.0),
    ("floor(x)", {"x": -2.5}, -3.0),
    ("floor(x / y * 100)", {"x": 0.7, "y": 0.1}, 700.0),  # 699.9999… in floats is 700 for a planner
    ("floor(x)", {"x": 123456789.9}, 123456789.0),
    ("ceil(x)", {"x": 2.1}, 3.0),
    ("ceil(x)", {"x": -2.1}, -2.0),
    ("ceil(x / y * 100)", {"x": 0.7, "y": 0.1}, 700.0),   # 0.7/0.1·100 = 699.9999… in floats
    ("sqrt(x)", {"x": 16}, 4.0),
    ("sqrt(x)", {"x": 0}, 0.0),
    ("clamp(x, 0, 100)", {"x": 150}, 100.0),
    ("clamp(x, 0, 100)", {"x": -5}, 0.0),
    ("clamp(x, 0, 100)", {"x": 50}, 50.0),
    ("if(x > 1, 10, 20)", {"x": 2}, 10.0),
    ("if(x > 1, 10, 20)", {"x": 1}, 20.0),
    ("jika(x >= 1 dan y < 0, 10, 20)", {"x": 1, "y": -1}, 10.0),
    ("if(x, y, z)", {"x": 0, "y": 1, "z": 2}, 2.0),
    ("coalesce(x, y)", {"x": None, "y": 7}, 7.0),
    ("coalesce(x, y, 5)", {"x": None, "y": None}, 5.0),
    ("coalesce(x, y)", {"x": 3, "y": 7}, 3.0),
    ("coalesce(x, 0) + y", {"x": None, "y": 7}, 7.0),
    ("isnull(x)", {"x": None}, 1.0),
    ("isnull(x)", {"x": 0}, 0.0),
    ("if(isnull(x), 0, x)", {"x": None}, 0.0),
    ("pct(x, y)", {"x": 1, "y": 4}, 25.0),
    ("pct(x, y)", {"x": 18080, "y": 78000}, 18080 / 78000 * 100),
    # operators and literals
    ("x / y * 100%", {"x": 92.85, "y": 92.16}, 92.85 / 92.16 * 100),
    ("x / y × 100%", {"x": 3, "y": 4}, 75.0),
    ("x ÷ y", {"x": 3, "y": 4}, 0.75),
    ("98%", {}, 98.0),
    ("x + y * z", {"x": 1, "y": 2, "z": 3}, 7.0),
    ("(x + y) * z", {"x": 1, "y": 2, "z": 3}, 9.0),
    ("x - y - z", {"x": 10, "y": 2, "z": 3}, 5.0),
    ("x ^ y ^ z", {"x": 2, "y": 3, "z": 2}, 512.0),      # right-associative
    ("-x ^ 2", {"x": 3}, -9.0),
    ("x ^ -1", {"x": 4}, 0.25),
    ("1e3 + 12.5", {}, 1012.5),
    ("x > y", {"x": 2, "y": 1}, 1.0),
    ("x == y", {"x": 2, "y": 1}, 0.0),
    ("x != y", {"x": 2, "y": 1}, 1.0),
    ("x <= y or y >= 2", {"x": 2, "y": 1}, 0.0),
    ("x <= y atau x >= 2", {"x": 2, "y": 1}, 1.0),
    ("not (x > y)", {"x": 2, "y": 1}, 0.0),
    ("tidak x", {"x": 0}, 1.0),
    ("true and false", {}, 0.0),
    ("if(true, x, y)", {"x": 2, "y": 1}, 2.0),
    ("{Var X} + {var   y}", {"x": 2, "y": 1}, 3.0),
]


@pytest.mark.parametrize("formula, data, expected", FUNCTIONS)
def test_function_values(tmp_path, formula, data, expected):
    rec, _ = formula_case(tmp_path, formula, data)
    assert rec["actual"] == pytest.approx(expected, rel=1e-12, abs=1e-12), rec
    assert rec["status"] == "ok", rec["messages"]
    assert rec["achievement"] == pytest.approx(expected)        # target 100


# ------------------------------------------------------------------ missing values

MISSING = [
    # formula, data, expected actual (None = missing), message fragments
    ("x + y", {"x": 1, "y": None}, None, ["no data for 'Var Y (y)'"]),
    ("x * y", {"x": 1}, None, ["no data for 'Var Y (y)'"]),              # no row at all
    ("-y", {"y": None}, None, ["no data"]),
    ("x / y", {"x": None, "y": 2}, None, ["no data"]),
    ("round(y, 2)", {"y": None}, None, ["no data"]),
    ("abs(y) + 1", {"y": None}, None, ["no data"]),
    ("if(y > 0, 1, 2)", {"y": None}, None, ["no data"]),
    ("sum(x, y, z)", {"x": 1, "y": None, "z": 3}, 4.0, ["sum() in 'sum(x, y, z)' skipped 1 missing value"]),
    ("sum(x, y, z)", {"x": 1}, 1.0, ["skipped 2 missing values"]),
    ("avg(x, y, z)", {"x": 1, "y": None, "z": 3}, 2.0, ["avg()", "skipped 1 missing value"]),
    ("min(x, y)", {"x": 5, "y": None}, 5.0, ["skipped 1 missing value"]),
    ("max(x, y)", {"x": 5, "y": None}, 5.0, ["skipped 1 missing value"]),
    ("median(x, y, z)", {"x": 1, "y": None, "z": 3}, 2.0, ["skipped 1 missing value"]),
    ("count(x, y, z)", {"x": 1, "y": None, "z": 3}, 2.0, []),
    ("sum(x, y)", {"x": None, "y": None}, None, ["skipped 2 missing values"]),
    ("avg(x, y)", {"x": None, "y": None}, None, ["skipped 2 missing values"]),
    ("coalesce(x, y)", {"x": None, "y": None}, None, ["no data"]),
    ("isnull(x) + isnull(y)", {"x": None, "y": 3}, 1.0, []),
    ("x + 1", {}, None, ["no data for 'Var X (x)' in 2024"]),
]


@pytest.mark.parametrize("formula, data, expected, needles", MISSING)
def test_missing_values(tmp_path, formula, data, expected, needles):
    rec, ev = formula_case(tmp_path, formula, data)
    if expected is None:
        assert rec["actual"] is None and rec["achievement"] is None
        assert rec["status"] == "missing"
    else:
        assert rec["actual"] == pytest.approx(expected)
        assert rec["status"] == "ok"
    for needle in needles:
        assert any(needle in m for m in rec["messages"]), (needle, rec["messages"])
    assert not np.isinf(indicator_result(ev, "i").actual.value).any()


def test_aggregate_message_says_how_many_were_skipped(tmp_path):
    rec, _ = formula_case(tmp_path, "sum(x, y, z, w, v)", {"x": 1, "y": None, "z": None, "w": 2})
    assert rec["actual"] == 3.0
    assert "sum() in 'sum(x, y, z, w, v)' skipped 3 missing values" in rec["messages"]


# ------------------------------------------------------------------ undefined results

UNDEFINED = [
    # formula, data, message fragment
    ("x / y", {"x": 1, "y": 0}, "division by zero"),
    ("x / y", {"x": 0, "y": 0}, "division by zero"),
    ("x / y * 100%", {"x": 5, "y": 0}, "division by zero"),
    ("x ÷ (y - z)", {"x": 5, "y": 2, "z": 2}, "division by zero"),
    ("pct(x, y)", {"x": 1, "y": 0}, "division by zero"),
    ("round(x / y, 2) + 1", {"x": 1, "y": 0}, "division by zero"),
    ("sum(x, x / y)", {"x": 1, "y": 0}, "division by zero"),
    ("if(x > 0, x / y, 0)", {"x": 1, "y": 0}, "division by zero"),
    ("sqrt(x)", {"x": -4}, "square root of a negative number"),
    ("x ^ 0.5", {"x": -4}, "undefined"),
    ("y ^ -1", {"y": 0}, "undefined"),
    ("'BB'", {}, "not a grade"),                              # no grade scale here
    # never infinity: an overflow is undefined too
    ("x * 1e308", {"x": 10}, "overflow"),
    ("x + 1e308 + 1e308", {"x": 1}, "overflow"),
    ("x / y", {"x": 1e308, "y": 1e-10}, "overflow"),
    ("pct(x, y)", {"x": 1e308, "y": 1e-10}, "overflow"),
    ("sum(x, y)", {"x": 1e308, "y": 1e308}, "overflow"),
    ("10 ^ x", {"x": 400}, "undefined"),
    # undefined is not missing: functions that look at missingness propagate it
    ("isnull(x / y)", {"x": 1, "y": 0}, "division by zero"),
    ("count(x, x / y)", {"x": 1, "y": 0}, "division by zero"),
]


@pytest.mark.parametrize("formula, data, needle", UNDEFINED)
def test_undefined_results(tmp_path, formula, data, needle):
    rec, ev = formula_case(tmp_path, formula, data)
    assert rec["actual"] is None and rec["achievement"] is None
    assert rec["status"] == "error" and rec["predicate"] is None
    assert any(needle in m for m in rec["messages"]), rec["messages"]
    assert any("formula of i" in m for m in rec["messages"]), rec["messages"]
    r = indicator_result(ev, "i")
    assert not np.isinf(r.actual.value).any() and not np.isinf(r.achievement.value).any()


@pytest.mark.parametrize("formula, shown", [
    ("x / y", "'x / y'"),
    ("x  /(y)*100%", "x / y"),
    ("pct(x, y)", "pct(x, y)"),
])
def test_division_by_zero_names_the_formula(tmp_path, formula, shown):
    rec, _ = formula_case(tmp_path, formula, {"x": 1, "y": 0})
    msg = next(m for m in rec["messages"] if "division by zero" in m)
    assert "pembagian dengan nol" in msg
    assert shown in msg and "formula of i" in msg


def test_division_by_zero_in_an_achievement_formula(tmp_path):
    rec, _ = formula_case(tmp_path, "x", {"x": 5}, extra="achievement: actual / (target - 100) * 100")
    assert rec["actual"] == 5.0 and rec["achievement"] is None and rec["status"] == "error"
    assert any("division by zero" in m and "achievement of i" in m for m in rec["messages"]), rec["messages"]


def test_coalesce_does_not_hide_an_undefined_value(tmp_path):
    rec, _ = formula_case(tmp_path, "coalesce(x / y, 0)", {"x": 1, "y": 0})
    assert rec["status"] == "error" and rec["actual"] is None


GUARDS = [
    # formula, data, expected actual: only the branch taken (the argument used) counts
    ("if(y == 0, 0, x / y)", {"x": 1, "y": 0}, 0.0),
    ("if(y != 0, x / y, 0)", {"x": 1, "y": 0}, 0.0),
    ("if(y != 0, x / y, 0)", {"x": 1, "y": 4}, 0.25),
    ("jika(x > 0, 5, sqrt(z))", {"x": 1, "z": -1}, 5.0),
    ("if(x > 0, 5, y)", {"x": 1}, 5.0),
    ("coalesce(x, y / z)", {"x": 1, "y": 1, "z": 0}, 1.0),
    ("coalesce(x, sum(y, z))", {"x": 1, "y": None, "z": None}, 1.0),
    ("y != 0 and x / y > 1", {"x": 1, "y": 0}, 0.0),
    ("x / y > 1 and y != 0", {"x": 1, "y": 0}, 0.0),
    ("y == 0 or x / y > 1", {"x": 1, "y": 0}, 1.0),
    ("x > 0 or y > 0", {"x": 1}, 1.0),
    ("x > 0 and y > 0", {"x": -1}, 0.0),
]


@pytest.mark.parametrize("formula, data, expected", GUARDS)
def test_only_the_branch_taken_counts(tmp_path, formula, data, expected):
    rec, _ = formula_case(tmp_path, formula, data)
    assert rec["actual"] == pytest.approx(expected)
    assert rec["status"] == "ok"
    assert rec["messages"] == [], rec["messages"]     # nothing about the branch not taken


@pytest.mark.parametrize("formula, data, status, needle", [
    ("if(y == 0, x / y, 0)", {"x": 1, "y": 0}, "error", "division by zero"),   # the branch taken
    ("if(x / y > 1, 1, 0)", {"x": 1, "y": 0}, "error", "division by zero"),    # in the condition
    ("if(z > 0, 1, 0)", {"x": 1}, "missing", "no data for 'Var Z (z)'"),
    ("coalesce(x, y / z)", {"x": None, "y": 1, "z": 0}, "error", "division by zero"),
    ("y != 0 and x / y > 1", {"x": 1, "y": 2}, "ok", None),
    ("y == 1 and x / z > 1", {"x": 1, "y": 1, "z": 0}, "error", "division by zero"),
])
def test_the_branch_taken_still_reports(tmp_path, formula, data, status, needle):
    rec, _ = formula_case(tmp_path, formula, data)
    assert rec["status"] == status
    if needle:
        assert any(needle in m for m in rec["messages"]), rec["messages"]


def test_missing_beats_nothing_and_undefined_wins_over_missing(tmp_path):
    rec, _ = formula_case(tmp_path, "x / y + z", {"x": 1, "y": 0, "z": None})
    assert rec["status"] == "error"


# ------------------------------------------------------------------ prev and lag

SERIES = [
    ("2023-Q1", "x", 1), ("2023-Q2", "x", 2), ("2023-Q3", "x", 3), ("2023-Q4", "x", 4),
    ("2024-Q1", "x", 10), ("2024-Q2", "x", 20), ("2024-Q3", "x", 30), ("2024-Q4", "x", 40),
    ("2022", "x", 500),
    ("2023-Q1", "y", 1), ("2023-Q2", "y", 2), ("2023-Q3", "y", 3), ("2023-Q4", "y", 4),
    ("2024-Q1", "y", 10), ("2024-Q2", "y", 20), ("2024-Q3", "y", 30), ("2024-Q4", "y", 40),
]
SERIES_TOP = ("variables:\n  - {id: x, label: X, period_aggregation: last}\n"
              "  - {id: y, label: Y, period_aggregation: sum}\n")


@pytest.mark.parametrize("formula, period, expected", [
    ("prev(x)", "2024-Q2", 10.0),
    ("prev(x)", "2024-Q1", 4.0),
    ("x - prev(x)", "2024-Q3", 10.0),
    ("prev(y)", "2024", 10.0),                      # 2023: 1 + 2 + 3 + 4
    ("prev(x)", "2024", 4.0),                       # 2023, last
    ("prev(prev(x))", "2024", 500.0),               # 2022
    ("lag(x, 1)", "2024-Q3", 20.0),                 # 2024-Q2
    ("lag(x, 4)", "2024-Q3", 3.0),                  # 2023-Q3
    ("lag(y, 1)", "2024-Q1..2024-Q3", 6.0),         # 2023-Q1..2023-Q3: a range shifts by whole years
    ("lag(x, 1)", "2024-Q1..2024-Q3", 3.0),
    ("y / lag(y, 1) * 100", "2024-Q1..2024-Q3", 1000.0),
    ("lag(y, 2)", "2024", float("nan")),          # 2022 has no y
    ("prev(y)", "2024-Q2..2024-Q3", 14.0),          # the same length just before: 2023-Q4..2024-Q1
])
def test_prev_and_lag(tmp_path, formula, period, expected):
    body = "target: 100\nformula: " + _yaml_str(formula)
    ev = evaluate(tmp_path, one_indicator(body, top=SERIES_TOP), csv_rows(SERIES), period)
    rec = indicator(ev, "i")
    if math.isnan(expected):
        assert rec["actual"] is None and rec["status"] == "missing"
        assert any("2022" in m for m in rec["messages"]), rec["messages"]
    else:
        assert rec["actual"] == pytest.approx(expected), rec["messages"]
        assert rec["status"] == "ok"


def test_prev_of_an_indicator(tmp_path):
    defs = HEADER + SERIES_TOP + """\
elements:
  - id: s
    level: agency_objective
    statement: S
    indicators:
      - {id: growth, name: Growth, target: 100, formula: "base - prev(base)"}
      - {id: base, name: Base, target: 100, formula: "x * 2"}
"""
    ev = evaluate(tmp_path, defs, csv_rows(SERIES), "2024-Q2")
    assert indicator(ev, "growth")["actual"] == 20.0      # 2·20 − 2·10


# ------------------------------------------------------------------ children

CHILDREN = HEADER + """\
elements:
  - id: top
    level: agency_objective
    statement: Top
    indicators:
      - {{id: t, name: T, target: 100, formula: "{formula}"}}
  - id: c1
    level: program
    statement: C1
    supports: [top]
    indicators:
      - {{id: c1a, name: C1A, target: 10}}
      - {{id: c1b, name: C1B, target: 40}}
  - id: c2
    level: program
    statement: C2
    supports: [top]
    indicators:
      - {{id: c2a, name: C2A, target: 50}}
  - id: other
    level: program
    statement: Not a child
    indicators:
      - {{id: o, name: O, target: 1}}
"""
CHILD_DATA = csv_rows([("2024", "c1a", 5), ("2024", "c1b", 40), ("2024", "c2a", 60), ("2024", "o", 1000)])


@pytest.mark.parametrize("formula, expected", [
    ("sum(children.actual)", 105.0),
    ("avg(children.actual)", 35.0),
    ("count(children.actual)", 3.0),
    ("max(children.actual)", 60.0),
    ("min(children.achievement)", 50.0),                # c1a: 5 / 10
    ("avg(children.achievement)", (50 + 100 + 120) / 3),
    ("median(children.achievement)", 100.0),
    ("sum(children.target)", 100.0),
    ("sum(children.actual) / sum(children.target) * 100", 105.0),
    ("wavg(children.achievement, children.target)", (50 * 10 + 100 * 40 + 120 * 50) / 100),
    ("jumlah(children.actual, 1000)", 1105.0),
])
def test_children_lists(tmp_path, formula, expected):
    ev = evaluate(tmp_path, CHILDREN.format(formula=formula), CHILD_DATA, "2024")
    rec = indicator(ev, "t")
    assert rec["actual"] == pytest.approx(expected) and rec["status"] == "ok", rec["messages"]


def test_children_aggregate_skips_a_missing_child(tmp_path):
    data = csv_rows([("2024", "c1a", 5), ("2024", "c2a", 60)])
    ev = evaluate(tmp_path, CHILDREN.format(formula="sum(children.actual)"), data, "2024")
    rec = indicator(ev, "t")
    assert rec["actual"] == 65.0
    assert any("skipped 1 missing value" in m for m in rec["messages"]), rec["messages"]


def test_wavg_with_zero_weights_is_division_by_zero(tmp_path):
    defs = CHILDREN.format(formula="wavg(children.actual, children.target)").replace(
        "target: 10}", "target: 0}").replace("target: 40}", "target: 0}").replace("target: 50}", "target: 0}")
    ev = evaluate(tmp_path, defs, CHILD_DATA, "2024")
    rec = indicator(ev, "t")
    assert rec["actual"] is None and rec["status"] == "error"
    assert any("division by zero" in m for m in rec["messages"]), rec["messages"]


# ------------------------------------------------------------------ indicators reading indicators

CHAIN = HEADER + TOP + """\
elements:
  - id: s
    level: agency_objective
    statement: S
    indicators:
      # listed before the indicators they read: evaluation follows dependencies, not file order
      - {id: d, name: D, target: 100, formula: "c.achievement + b.target"}
      - {id: c, name: C, target: 50, formula: "b * 2"}
      - {id: b, name: Indikator B, target: 40, formula: "a.actual + {Indikator A}"}
      - {id: a, name: Indikator A, target: 10, formula: "x"}
"""


def test_indicators_read_other_indicators_in_dependency_order(tmp_path):
    ev = evaluate(tmp_path, CHAIN, csv_rows([("2024", "x", 5)]), "2024")
    assert indicator(ev, "a")["actual"] == 5.0
    assert indicator(ev, "b")["actual"] == 10.0         # a + a
    assert indicator(ev, "b")["achievement"] == 25.0    # 10 / 40
    assert indicator(ev, "c")["actual"] == 20.0
    assert indicator(ev, "c")["achievement"] == 40.0    # 20 / 50
    assert indicator(ev, "d")["actual"] == 80.0         # 40 + 40
    assert [r["id"] for r in (next(r.records()) for r in ev.indicators)] == ["d", "c", "b", "a"]


def test_missing_and_undefined_propagate_through_indicators(tmp_path):
    ev = evaluate(tmp_path, CHAIN.replace('formula: "x"', 'formula: "x / y"'),
                  csv_rows([("2024", "x", 5), ("2024", "y", 0)]), "2024")
    for ind_id in "abcd":
        assert indicator(ev, ind_id)["status"] == "error", ind_id
    ev = evaluate(tmp_path, CHAIN, csv_rows([("2024", "x", None)]), "2024")
    for ind_id in "abcd":
        rec = indicator(ev, ind_id)
        assert rec["status"] == "missing" and rec["actual"] is None, ind_id


def test_indicator_without_formula_reads_its_own_id(tmp_path):
    ev = evaluate(tmp_path, one_indicator("target: 100"), csv_rows([("2024", "i", 42)]), "2024")
    assert indicator(ev, "i")["actual"] == 42.0
