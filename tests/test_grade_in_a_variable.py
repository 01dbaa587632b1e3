"""A grade held in a data variable (PRODUCT.md §7 v2): ``rumus: nilai_sakip`` with data ``BB``
evaluates by the grade's rank on the indicator's ``grade_scale``, exactly like a grade given
under the indicator's own id (the issue: it failed with "value 'BB' is text")."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from helpers import run_cli, write_tree

DEFS = """\
version: 1
variables:
  - {id: nilai_sakip, label: Nilai SAKIP, period_aggregation: last}
elements:
  - id: s1
    level: objective
    indicators:
      - {id: via_variable, name: Nilai SAKIP (variabel), unit: nilai, formula: nilai_sakip,
         target: {2024: A}, grade_scale: sakip}
      - {id: via_own_id, name: Nilai SAKIP (id sendiri), unit: nilai, target: {2024: A}, grade_scale: sakip}
      - {id: via_label, name: Nilai SAKIP (label), unit: nilai, formula: "{Nilai SAKIP}",
         target: {2024: A}, grade_scale: sakip}
"""


def _data(fmt: str, grade: str) -> tuple[str, str]:
    if fmt == "csv":
        return "data.csv", f"period,variable,value\n2024,nilai_sakip,{grade}\n2024,via_own_id,{grade}\n"
    return "data.yaml", f"2024:\n  nilai_sakip: {grade}\n  via_own_id: {grade}\n"


@pytest.mark.parametrize("fmt", ["csv", "yaml"])
@pytest.mark.parametrize("grade, achievement", [
    ("BB", 5 / 6 * 100), ("A", 100.0), ("AA", 100.0), ("D", 1 / 6 * 100), ("CC", 3 / 6 * 100)])
def test_grade_in_a_variable_is_read_by_rank(tmp_path: Path, fmt, grade, achievement):
    name, text = _data(fmt, grade)
    write_tree(tmp_path, {"d/a.yaml": DEFS, name: text})
    r = run_cli("eval", "d", "--data", name, "--period", "2024", "--format", "json", cwd=tmp_path)
    assert r.exit_code == 0, r.output
    recs = {i["id"]: i for i in json.loads(r.stdout)["indicators"]}
    for ind in ("via_variable", "via_own_id", "via_label"):
        rec = recs[ind]
        assert rec["status"] == "ok", rec
        assert rec["actual"] == grade and rec["achievement"] == pytest.approx(achievement)
    assert recs["via_variable"] == {**recs["via_own_id"], "id": "via_variable", "name": "Nilai SAKIP (variabel)"}


def test_a_grade_outside_the_scale_is_still_an_error(tmp_path: Path):
    write_tree(tmp_path, {"d/a.yaml": DEFS, "data.csv": "period,variable,value\n2024,nilai_sakip,ZZ\n"})
    r = run_cli("eval", "d", "--data", "data.csv", "--period", "2024", "--format", "json", cwd=tmp_path)
    assert r.exit_code == 1
    assert "data.csv:2:1" in r.output and "'ZZ' is text" in r.output and "not a grade" in r.output


def test_explain_reads_the_variable_on_the_grade_scale(tmp_path: Path):
    name, text = _data("csv", "BB")
    write_tree(tmp_path, {"d/a.yaml": DEFS, name: text})
    via_var = run_cli("explain", "d", "via_variable", "--data", name, "--period", "2024", cwd=tmp_path)
    own = run_cli("explain", "d", "via_own_id", "--data", name, "--period", "2024", cwd=tmp_path)
    assert via_var.exit_code == own.exit_code == 0, via_var.output
    assert "is text" not in via_var.output
    assert "nilai_sakip = 5" in via_var.output and "via_own_id = 5" in own.output   # BB is rank 5 on sakip
    assert "actual (realisasi) = BB" in via_var.output
