"""PRODUCT.md §6: every achievement rule, cap, zero target, predicates, roll-up and budget.

Each case is a small definition set written to a temporary folder plus a CSV of
data, evaluated through the Python API; the expected figures are computed by
hand in the parameter lists.
"""
from __future__ import annotations

import math

import numpy as np
import pytest

from test_engine_support import HEADER, csv_rows, element, evaluate, indicator, indicator_result, one_indicator

PERIOD = "2024"


def run_one(tmp_path, body: str, actual: float | None, period: str = PERIOD, **kw):
    """Evaluate the single indicator ``i`` whose actual comes from the data under its id."""
    ev = evaluate(tmp_path, one_indicator(body, **kw), csv_rows([(PERIOD, "i", actual)]), period)
    return indicator(ev, "i"), ev


# ------------------------------------------------------------------ achievement rules

RULES = [
    # id, indicator keys, actual, expected achievement
    ("positive-below", "target: 80", 60, 75.0),
    ("positive-at", "target: 80", 80, 100.0),
    ("positive-above", "target: 80", 100, 125.0),
    ("positive-indonesian", "polaritas: positif\ntarget: 50", 40, 80.0),
    # negative default: (2 × target − actual) / target × 100, floored at 0
    ("negative-better", "polarity: negative\ntarget: 10", 8, 120.0),
    ("negative-worse", "polarity: negative\ntarget: 10", 12, 80.0),
    ("negative-at-2t", "polarity: negative\ntarget: 10", 20, 0.0),
    ("negative-floored", "polarity: negative\ntarget: 10", 25, 0.0),
    ("negative-zero-actual", "polarity: negatif\ntarget: 10", 0, 200.0),
    # negative inverse: target / actual × 100
    ("inverse-better", "polarity: negative\nachievement: inverse\ntarget: 10", 8, 125.0),
    ("inverse-worse", "polarity: negative\nachievement: inverse\ntarget: 10", 20, 50.0),
    ("inverse-far-worse", "polarity: negative\ncapaian: inverse\ntarget: 10", 40, 25.0),
    # range {min, max}: 100 inside; below actual/min; above (2max − actual)/max, floored at 0
    ("range-below", "polarity: range\ntarget: {min: 40, max: 60}", 30, 75.0),
    ("range-at-min", "polarity: range\ntarget: {min: 40, max: 60}", 40, 100.0),
    ("range-inside", "polarity: range\ntarget: {min: 40, max: 60}", 50, 100.0),
    ("range-at-max", "polarity: range\ntarget: {min: 40, max: 60}", 60, 100.0),
    ("range-above", "polarity: range\ntarget: {min: 40, max: 60}", 66, 90.0),
    ("range-above-floored", "polarity: rentang\ntarget: {min: 40, max: 60}", 130, 0.0),
    ("range-far-below", "polarity: range\ntarget: {min: 40, max: 60}", 0, 0.0),
    # a custom achievement formula over actual and target
    ("formula-half", "target: 80\nachievement: actual / target * 50", 80, 50.0),
    ("formula-difference", "target: 80\nachievement: 100 - abs(actual - target)", 70, 90.0),
    ("formula-indonesian", "target: 80\ncapaian: jika(actual >= target, 100, actual / target × 100)", 60, 75.0),
    ("formula-met", "target: 80\ncapaian: jika(actual >= target, 100, actual / target × 100)", 90, 100.0),
]


@pytest.mark.parametrize("body, actual, expected", [c[1:] for c in RULES], ids=[c[0] for c in RULES])
def test_achievement_rules(tmp_path, body, actual, expected):
    rec, _ = run_one(tmp_path, body, actual)
    assert rec["actual"] == pytest.approx(actual)
    assert rec["achievement"] == pytest.approx(expected, abs=1e-9)
    assert rec["status"] == "ok" and rec["messages"] == []


@pytest.mark.parametrize("body, actual, method", [
    ("target: 80", 60, "positive"),
    ("polarity: negative\ntarget: 10", 8, "negative"),
    ("polarity: negative\nachievement: inverse\ntarget: 10", 8, "inverse"),
    ("polarity: range\ntarget: {min: 40, max: 60}", 50, "range"),
    ("target: 80\nachievement: actual / target * 100", 60, "formula"),
])
def test_method_is_recorded(tmp_path, body, actual, method):
    _, ev = run_one(tmp_path, body, actual)
    assert indicator_result(ev, "i").method == method


# ------------------------------------------------------------------ grades (built-in sakip)
# D < C < CC < B < BB < A < AA: ranks 1..7. Grade data cannot be given as text in a
# data file (values are numbers), so the actual grade comes from a formula whose
# string literals are the grades of the indicator's grade scale.

GRADES = [
    # actual grade, target grade, achievement
    ("AA", "BB", 100.0),
    ("A", "BB", 100.0),
    ("BB", "BB", 100.0),
    ("B", "BB", 80.0),       # 4 / 5
    ("CC", "BB", 60.0),      # 3 / 5
    ("D", "BB", 20.0),       # 1 / 5
    ("BB", "A", 5 / 6 * 100),
    ("C", "AA", 2 / 7 * 100),
]


@pytest.mark.parametrize("actual, target, expected", GRADES)
def test_grades_on_sakip(tmp_path, actual, target, expected):
    body = f"grade_scale: sakip\ntarget: {target}\nformula: '\"{actual}\"'"
    ev = evaluate(tmp_path, one_indicator(body), None, PERIOD)
    rec = indicator(ev, "i")
    assert rec["actual"] == actual
    assert rec["target"] == target
    assert rec["achievement"] == pytest.approx(expected)
    assert rec["status"] == "ok"
    assert indicator_result(ev, "i").method == "grade"


@pytest.mark.parametrize("score, expected_grade, expected", [(90, "A", 100.0), (40, "CC", 60.0)])
def test_grade_from_a_condition_on_data(tmp_path, score, expected_grade, expected):
    body = ("skala_nilai: sakip\ntarget: BB\n"
            "formula: 'if(skor >= 80, \"A\", \"CC\")'")
    top = "variables:\n  - {id: skor, label: Skor, period_aggregation: last}"
    ev = evaluate(tmp_path, one_indicator(body, top=top), csv_rows([(PERIOD, "skor", score)]), PERIOD)
    rec = indicator(ev, "i")
    assert (rec["actual"], rec["achievement"]) == (expected_grade, pytest.approx(expected))


def test_grades_on_a_custom_ordinal_scale(tmp_path):
    body = "grade_scale: mutu\ntarget: baik\nformula: '\"cukup\"'"
    top = "scales:\n  mutu: [kurang, cukup, baik, istimewa]"
    ev = evaluate(tmp_path, one_indicator(body, top=top), None, PERIOD)
    rec = indicator(ev, "i")
    assert rec["actual"] == "cukup" and rec["achievement"] == pytest.approx(2 / 3 * 100)


# ------------------------------------------------------------------ cap (applies last)

CAPS = [
    ("positive", "target: 50\ncap: 120", 80, 120.0),            # 160 → 120
    ("positive-under-cap", "target: 50\ncap: 120", 55, 110.0),  # 110 < 120 stays
    ("negative", "polarity: negative\ntarget: 10\ncap: 150", 2, 150.0),   # 180 → 150
    ("inverse", "polarity: negative\nachievement: inverse\ntarget: 10\nbatas_capaian: 110", 5, 110.0),
    ("formula", "target: 80\nachievement: actual / target * 200\ncap: 120", 80, 120.0),  # 200 → 120
    ("formula-clamped-after", "target: 80\nachievement: min(actual / target * 100, 130)\ncap: 115", 120, 115.0),
]


@pytest.mark.parametrize("body, actual, expected", [c[1:] for c in CAPS], ids=[c[0] for c in CAPS])
def test_cap_applies_last(tmp_path, body, actual, expected):
    rec, _ = run_one(tmp_path, body, actual)
    assert rec["achievement"] == pytest.approx(expected)
    assert rec["status"] == "ok"


def test_cap_does_not_touch_the_actual(tmp_path):
    rec, _ = run_one(tmp_path, "target: 50\ncap: 120", 80)
    assert rec["actual"] == 80.0 and rec["achievement"] == 120.0


# ------------------------------------------------------------------ undefined achievements

ZERO = [
    ("positive-target-0", "target: 0", 5, "target is 0"),
    ("positive-target-0-actual-0", "target: 0", 0, "target is 0"),
    ("negative-target-0", "polarity: negative\ntarget: 0", 5, "target is 0"),
    ("inverse-actual-0", "polarity: negative\nachievement: inverse\ntarget: 10", 0, "actual is 0"),
    ("formula-division", "target: 0\nachievement: actual / target * 100", 5, "division by zero"),
    ("annual-target-0", "target: {2024: 0}", 5, "target is 0"),
]


@pytest.mark.parametrize("body, actual, needle", [c[1:] for c in ZERO], ids=[c[0] for c in ZERO])
def test_zero_target_is_an_error_with_a_message(tmp_path, body, actual, needle):
    rec, ev = run_one(tmp_path, body, actual)
    assert rec["achievement"] is None
    assert rec["status"] == "error"
    assert rec["predicate"] is None
    assert any(needle in m for m in rec["messages"]), rec["messages"]
    # the actual itself is fine and shown
    assert rec["actual"] == pytest.approx(actual)
    assert not np.isinf(indicator_result(ev, "i").achievement.value).any()


def test_missing_actual_gives_missing_achievement(tmp_path):
    rec, _ = run_one(tmp_path, "target: 80", None)
    assert rec["actual"] is None and rec["achievement"] is None
    assert rec["status"] == "missing" and rec["predicate"] is None
    assert any("no data" in m and "'i'" in m for m in rec["messages"]), rec["messages"]


def test_no_target_for_the_period_is_missing(tmp_path):
    rec, _ = run_one(tmp_path, "target: {2023: 80}", 60)
    assert rec["actual"] == 60.0 and rec["achievement"] is None and rec["status"] == "missing"
    assert any("no target" in m for m in rec["messages"]), rec["messages"]


# ------------------------------------------------------------------ predicates

PERMENDAGRI86 = [
    (150, "Sangat Tinggi"),
    (91, "Sangat Tinggi"),
    (90.995, "Sangat Tinggi"),     # shown as 91,00
    (90.994999, "Tinggi"),         # shown as 90,99
    (90.99, "Tinggi"),
    (76, "Tinggi"),
    (75.995, "Tinggi"),
    (75.99, "Sedang"),
    (66, "Sedang"),
    (65.994, "Rendah"),
    (51, "Rendah"),
    (50.995, "Rendah"),
    (50.99, "Sangat Rendah"),
    (0, "Sangat Rendah"),
]

BERHASIL = [
    (120, "Sangat Berhasil"),
    (85, "Sangat Berhasil"),
    (84.995, "Sangat Berhasil"),
    (84.99, "Berhasil"),
    (70, "Berhasil"),
    (69.99, "Cukup Berhasil"),
    (55, "Cukup Berhasil"),
    (54.994999, "Tidak Berhasil"),
    (0, "Tidak Berhasil"),
]


@pytest.mark.parametrize("ach, label", PERMENDAGRI86)
def test_permendagri86_bands(tmp_path, ach, label):
    # target 100: the achievement is the actual itself
    rec, _ = run_one(tmp_path, "target: 100", ach)
    assert rec["predicate"] == label
    assert rec["achievement"] == pytest.approx(ach)


@pytest.mark.parametrize("ach, label", BERHASIL)
def test_berhasil_bands(tmp_path, ach, label):
    rec, _ = run_one(tmp_path, "target: 100\npredicate_scale: berhasil", ach)
    assert rec["predicate"] == label


def test_predicate_uses_the_rounded_figure_but_json_keeps_the_raw_one(tmp_path):
    # 72.8 / 80 × 100 is 90.99999999999999 in binary floating point; a planner sees 91,00
    rec, _ = run_one(tmp_path, "target: 80", 72.8)
    assert rec["achievement"] == 72.8 / 80 * 100
    assert rec["achievement"] != 91.0
    assert rec["predicate"] == "Sangat Tinggi"


def test_negative_achievement_from_a_formula_is_sangat_rendah(tmp_path):
    rec, _ = run_one(tmp_path, "target: 100\nachievement: actual - 200", 150)
    assert rec["achievement"] == -50.0 and rec["predicate"] == "Sangat Rendah"


CUSTOM_SCALE = """\
scales:
  warna:
    - {min: 90, label: Baik, color: "#00aa00"}
    - {min: 60, label: Cukup, color: "#ffcc00"}
    - {min: 0, label: Kurang, color: "#cc0000"}
"""


@pytest.mark.parametrize("ach, label, color", [
    (95, "Baik", "#00aa00"), (90, "Baik", "#00aa00"), (89.995, "Baik", "#00aa00"),
    (89.99, "Cukup", "#ffcc00"), (60, "Cukup", "#ffcc00"), (59.99, "Kurang", "#cc0000"), (0, "Kurang", "#cc0000"),
])
def test_custom_scale_with_colours(tmp_path, ach, label, color):
    rec, ev = run_one(tmp_path, "target: 100\npredicate_scale: warna", ach, top=CUSTOM_SCALE)
    assert rec["predicate"] == label
    r = indicator_result(ev, "i")
    assert r.scale.name == "warna"
    assert r.scale.bands[int(r.predicate[0])].color == color


def test_file_level_scale_applies_to_elements_and_indicators(tmp_path):
    defs = HEADER + "predicate_scale: berhasil\n" + """\
elements:
  - id: s
    level: agency_objective
    statement: S
    indicators:
      - {id: i, name: I, target: 100}
      - {id: j, name: J, target: 100, skala_predikat: permendagri86}
"""
    ev = evaluate(tmp_path, defs, csv_rows([(PERIOD, "i", 80), (PERIOD, "j", 80)]), PERIOD)
    assert indicator(ev, "i")["predicate"] == "Berhasil"
    assert indicator(ev, "j")["predicate"] == "Tinggi"          # the indicator overrides
    assert element(ev, "s")["predicate"] == "Berhasil"


def test_element_level_scale_overrides_the_file(tmp_path):
    defs = HEADER + "predicate_scale: berhasil\n" + """\
elements:
  - id: s
    level: agency_objective
    statement: S
    predicate_scale: permendagri86
    indicators:
      - {id: i, name: I, target: 100}
  - id: t
    level: agency_objective
    statement: T
    indicators:
      - {id: j, name: J, target: 100}
"""
    ev = evaluate(tmp_path, defs, csv_rows([(PERIOD, "i", 80), (PERIOD, "j", 80)]), PERIOD)
    assert element(ev, "s")["predicate"] == "Tinggi"
    assert element(ev, "t")["predicate"] == "Berhasil"


def test_default_scale_is_permendagri86(tmp_path):
    _, ev = run_one(tmp_path, "target: 100", 80)
    assert indicator_result(ev, "i").scale.name == "permendagri86"


# ------------------------------------------------------------------ element roll-up

def two_indicators(w1: str = "", w2: str = "", extra1: str = "", extra2: str = "") -> str:
    return HEADER + f"""\
elements:
  - id: s
    level: agency_objective
    statement: S
    indicators:
      - {{id: i1, name: I1, target: 100{w1}{extra1}}}
      - {{id: i2, name: I2, target: 100{w2}{extra2}}}
"""


@pytest.mark.parametrize("defs, a1, a2, expected", [
    (two_indicators(), 80, 100, 90.0),
    (two_indicators(", weight: 3"), 80, 100, 85.0),               # (3·80 + 100) / 4
    (two_indicators(", bobot: 3", ", bobot: 1"), 80, 100, 85.0),
    (two_indicators(", bobot: 0.25", ", bobot: 0.75"), 40, 80, 70.0),
    (two_indicators(extra1=", cap: 120"), 160, 60, 90.0),         # mean after cap: (120 + 60) / 2
    (two_indicators(", bobot: 2", extra2=", cap: 110"), 100, 200, 310 / 3),   # (2·100 + 110) / 3
], ids=["mean", "weight", "bobot", "fractional", "after-cap", "weight-and-cap"])
def test_element_weighted_mean(tmp_path, defs, a1, a2, expected):
    ev = evaluate(tmp_path, defs, csv_rows([(PERIOD, "i1", a1), (PERIOD, "i2", a2)]), PERIOD)
    rec = element(ev, "s")
    assert rec["achievement"] == pytest.approx(expected)
    assert rec["status"] == "ok" and rec["level"] == "agency_objective"


@pytest.mark.parametrize("a1, a2, extra2, expected, why", [
    (80, None, "", 80.0, "missing"),
    (80, 5, ", target: 0", 80.0, "undefined"),
])
def test_element_leaves_out_and_reports(tmp_path, a1, a2, extra2, expected, why):
    defs = two_indicators().replace("{id: i2, name: I2, target: 100}", "{id: i2, name: I2" +
                                    (extra2 or ", target: 100") + "}")
    ev = evaluate(tmp_path, defs, csv_rows([(PERIOD, "i1", a1), (PERIOD, "i2", a2)]), PERIOD)
    rec = element(ev, "s")
    assert rec["achievement"] == pytest.approx(expected)
    assert any("i2" in m and "left out" in m and why in m for m in rec["messages"]), rec["messages"]
    assert not any("i1" in m for m in rec["messages"])


def test_element_whose_weights_add_up_to_zero_is_an_error(tmp_path):
    defs = two_indicators(", bobot: 0", ", bobot: 0")
    ev = evaluate(tmp_path, defs, csv_rows([(PERIOD, "i1", 50), (PERIOD, "i2", 70)]), PERIOD)
    rec = element(ev, "s")
    assert rec["achievement"] is None and rec["status"] == "error"
    assert any("weights" in m and "0" in m for m in rec["messages"]), rec["messages"]


def test_a_zero_weight_leaves_an_indicator_out(tmp_path):
    ev = evaluate(tmp_path, two_indicators(", bobot: 0"), csv_rows([(PERIOD, "i1", 50), (PERIOD, "i2", 70)]),
                  PERIOD)
    assert element(ev, "s")["achievement"] == pytest.approx(70.0)


def test_element_with_every_indicator_missing_is_missing(tmp_path):
    ev = evaluate(tmp_path, two_indicators(), csv_rows([(PERIOD, "i1", None)]), PERIOD)
    rec = element(ev, "s")
    assert rec["achievement"] is None and rec["status"] == "missing" and rec["predicate"] is None
    assert any("i1" in m for m in rec["messages"]) and any("i2" in m for m in rec["messages"])


CHILDREN = HEADER + """\
elements:
  - id: tujuan
    level: agency_goal
    statement: Tujuan
    {key}: {value}
  - id: s1
    level: agency_objective
    statement: S1
    supports: [tujuan]
    indicators:
      - {{id: i1, name: I1, target: 100}}
  - id: s2
    level: agency_objective
    statement: S2
    supports: [tujuan]
    indicators:
      - {{id: i2, name: I2, target: 100, weight: 5}}
      - {{id: i3, name: I3, target: 100}}
"""


@pytest.mark.parametrize("key, value", [("achievement", "children"), ("capaian", "anak")])
def test_achievement_children(tmp_path, key, value):
    defs = CHILDREN.format(key=key, value=value)
    data = csv_rows([(PERIOD, "i1", 90), (PERIOD, "i2", 60), (PERIOD, "i3", 120)])
    ev = evaluate(tmp_path, defs, data, PERIOD)
    # s2 = (5·60 + 120) / 6 = 70; tujuan = mean(90, 70) = 80 (unweighted mean of elements)
    assert element(ev, "s2")["achievement"] == pytest.approx(70.0)
    rec = element(ev, "tujuan")
    assert rec["achievement"] == pytest.approx(80.0)
    assert rec["predicate"] == "Tinggi" and rec["status"] == "ok"


def test_achievement_children_leaves_out_a_missing_child(tmp_path):
    defs = CHILDREN.format(key="achievement", value="children")
    ev = evaluate(tmp_path, defs, csv_rows([(PERIOD, "i1", 90)]), PERIOD)
    rec = element(ev, "tujuan")
    assert rec["achievement"] == pytest.approx(90.0)
    assert any("s2" in m for m in rec["messages"]), rec["messages"]


def test_element_without_indicators_is_missing_with_a_message(tmp_path):
    defs = CHILDREN.replace("    {key}: {value}\n", "").format()
    ev = evaluate(tmp_path, defs, csv_rows([(PERIOD, "i1", 90), (PERIOD, "i2", 60), (PERIOD, "i3", 60)]), PERIOD)
    rec = element(ev, "tujuan")
    assert rec["achievement"] is None and rec["status"] == "missing" and rec["predicate"] is None
    assert rec["messages"] and any("tujuan" in m for m in rec["messages"])


AGENCY = """\
version: 1
perangkat_daerah: Dinas A
elemen:
  - id: a.s1
    tingkat: sasaran_pd
    uraian: S1
    indikator:
      - {id: a1, nama: A1, target: 100}
  - id: a.s2
    tingkat: sasaran_strategis
    uraian: S2
    indikator:
      - {id: a2, nama: A2, target: 100}
  - id: a.p1
    tingkat: program
    uraian: P1
    mendukung: [a.s1]
    indikator:
      - {id: a3, nama: A3, target: 100}
"""
AGENCY_B = """\
version: 1
agency: Dinas B
elements:
  - id: b.s1
    level: agency_objective
    statement: S1
    indicators:
      - {id: b1, name: B1, target: 100}
"""


def test_agency_overall_is_the_mean_of_its_agency_objectives(tmp_path):
    data = csv_rows([(PERIOD, "a1", 82), (PERIOD, "a2", 100), (PERIOD, "a3", 10), (PERIOD, "b1", 50)])
    ev = evaluate(tmp_path, {"a.yaml": AGENCY, "b.yaml": AGENCY_B}, data, PERIOD)
    by = {a.agency: a for a in ev.agencies}
    assert set(by) == {"Dinas A", "Dinas B"}
    rec = next(by["Dinas A"].records())
    assert rec["achievement"] == pytest.approx(91.0)      # (82 + 100) / 2; the program (10) is not counted
    assert rec["predicate"] == "Sangat Tinggi"
    assert set(rec["objectives"]) == {"a.s1", "a.s2"} and rec["entity"] is None
    assert next(by["Dinas B"].records())["achievement"] == pytest.approx(50.0)


# ------------------------------------------------------------------ budget

BUDGET = HEADER + """\
elements:
  - id: s
    level: agency_objective
    statement: S
    indicators:
      - {id: i, name: I, target: 100}
  - id: p1
    level: program
    statement: P1
    supports: [s]
    budget: {ceiling: 1000, spent: 800}
    indicators:
      - {id: j, name: J, target: 100}
  - id: p2
    level: program
    statement: P2
    supports: [s]
    anggaran: {2024: {pagu: 500, realisasi: 100}, 2023: {pagu: 1, realisasi: 1}}
    indicators:
      - {id: k, name: K, target: 100}
"""
BUDGET_DATA = csv_rows([(PERIOD, "i", 87.5), (PERIOD, "j", 90), (PERIOD, "k", 45)])


@pytest.mark.parametrize("efficiency, el, ceiling, spent, absorption, expected", [
    ("difference", "p1", 1000, 800, 80.0, 90 - 80.0),
    ("difference", "p2", 500, 100, 20.0, 45 - 20.0),
    ("difference", "s", 1500, 900, 60.0, 87.5 - 60.0),      # the sum of its supporting elements'
    ("ratio", "p1", 1000, 800, 80.0, 90 / 80 * 100),
    ("ratio", "s", 1500, 900, 60.0, 87.5 / 60 * 100),
])
def test_budget_absorption_and_efficiency(tmp_path, efficiency, el, ceiling, spent, absorption, expected):
    ev = evaluate(tmp_path, BUDGET, BUDGET_DATA, PERIOD, efficiency=efficiency)
    b = element(ev, el)["budget"]
    assert b["ceiling"] == ceiling and b["spent"] == spent
    assert b["absorption"] == pytest.approx(absorption)
    assert b["efficiency"] == pytest.approx(expected)


def test_element_without_budget_anywhere_has_none(tmp_path):
    ev = evaluate(tmp_path, one_indicator("target: 100"), csv_rows([(PERIOD, "i", 50)]), PERIOD)
    assert element(ev, "s")["budget"] is None


def test_budget_efficiency_is_null_when_the_achievement_is_missing(tmp_path):
    ev = evaluate(tmp_path, BUDGET, csv_rows([(PERIOD, "j", 90)]), PERIOD)
    b = element(ev, "p2")["budget"]
    assert b["absorption"] == pytest.approx(20.0) and b["efficiency"] is None


@pytest.mark.parametrize("period, ceiling", [
    ("2024-S1", 100), ("2024-01..2024-06", 100),      # the same span, written differently
    ("2024-Q1..2024-Q3", 400), ("2024-01..2024-12", 400), ("2025", None),
])
def test_budget_by_period(tmp_path, period, ceiling):
    defs = one_indicator("target: 100", element_extra="budget: {2024-S1: {ceiling: 100, spent: 50}, "
                                                       "2024: {ceiling: 400, spent: 100}}")
    ev = evaluate(tmp_path, defs, csv_rows([(period.split("..")[0], "i", 50)]), period)
    b = element(ev, "s")["budget"]
    assert (b["ceiling"] if b else None) == ceiling


def test_achievement_overflow_is_undefined_and_cap_still_applies(tmp_path):
    rec, _ = run_one(tmp_path, "target: 1.0e-308", 1e10)
    assert rec["achievement"] is None and rec["status"] == "error"
    assert any("overflow" in m for m in rec["messages"]), rec["messages"]
    rec, _ = run_one(tmp_path, "target: 1.0e-308\ncap: 120", 1e10)
    assert rec["achievement"] == 120.0 and rec["status"] == "ok"


def test_budget_for_another_year_is_not_used(tmp_path):
    ev = evaluate(tmp_path, BUDGET, BUDGET_DATA, "2023")
    assert element(ev, "p2")["budget"]["ceiling"] == 1
    assert math.isclose(element(ev, "p2")["budget"]["absorption"], 100.0)


@pytest.mark.parametrize("actual, target, expected", [("B", "BB", 80.0), ("AA", "BB", 100.0), ("D", "A", 100 / 6)])
def test_grade_text_in_a_data_file(tmp_path, actual, target, expected):
    """A grade-valued indicator without a formula reads its grade from the data (§6, §7)."""
    ev = evaluate(tmp_path, one_indicator(f"grade_scale: sakip\ntarget: {target}"),
                  csv_rows([(PERIOD, "i", actual)]), PERIOD)
    rec = indicator(ev, "i")
    assert rec["actual"] == actual and rec["achievement"] == pytest.approx(expected)
    assert rec["status"] == "ok"


def test_grade_text_not_on_the_scale_is_an_error(tmp_path):
    ev = evaluate(tmp_path, one_indicator("grade_scale: sakip\ntarget: BB"), csv_rows([(PERIOD, "i", "Baik")]),
                  PERIOD)
    rec = indicator(ev, "i")
    assert rec["actual"] is None and rec["status"] == "error"
    assert any("Baik" in d.message for d in ev.diagnostics if d.is_error)
