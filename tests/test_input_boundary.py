"""No traceback, nothing silently skipped or wrong, on the input side (PRODUCT.md §8 v2, issue 10).

Unreadable definition and data paths are errors naming the path and why; CSV is read
strictly; an XLSX formula without a stored value is an error; ``check`` refuses what ``eval``
would trip on; command-line values that look right but are not get a message.
"""
from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from helpers import run_cli
from test_engine_support import write
from test_eval_cli import DATA, DEFS, PERIOD

IS_ROOT = hasattr(os, "geteuid") and os.geteuid() == 0


@pytest.fixture
def case(tmp_path: Path) -> Path:
    write(tmp_path / "defs", {"dukcapil.yaml": DEFS})
    (tmp_path / "data.csv").write_text(DATA, encoding="utf-8")
    return tmp_path


def assert_error(result, code: int, *needles: str) -> None:
    text = result.output
    assert result.exit_code == code, text
    assert "Traceback" not in text
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    for needle in needles:
        assert needle in text, (needle, text)


# ---------------------------------------------------------------- paths that cannot be read

def _dangling(path: Path) -> str:
    os.symlink("nowhere" + path.suffix, path)
    return "nowhere"


def _loop(path: Path) -> str:
    os.symlink(path.name, path)
    return "loop"


def _fifo(path: Path) -> str:
    os.mkfifo(path)
    return "FIFO"


def _device(path: Path) -> str:
    os.symlink(os.devnull, path)
    return "device"


KINDS = [_dangling, _loop, _fifo, _device]


@pytest.mark.parametrize("kind", KINDS, ids=lambda f: f.__name__.strip("_"))
def test_an_unreadable_definition_file_is_an_error_naming_it(case, kind):
    why = kind(case / "defs" / "extra.yaml")
    r = run_cli("check", "defs", cwd=case)
    assert_error(r, 1, "defs/extra.yaml:1:1: error:", why)
    assert "does not exist" not in r.output or kind is _dangling
    r = run_cli("eval", "defs", "--data", "data.csv", "--period", PERIOD, cwd=case)
    assert_error(r, 1, "defs/extra.yaml", why, "nothing evaluated")


@pytest.mark.parametrize("kind", KINDS, ids=lambda f: f.__name__.strip("_"))
def test_an_unreadable_definition_root_is_an_error_naming_it(case, kind):
    why = kind(case / "root.yaml")
    r = run_cli("check", "root.yaml", cwd=case)
    assert_error(r, 1, "root.yaml", why)


def _folder(path: Path) -> str:
    path.mkdir()
    return "folder without data files"


@pytest.mark.parametrize("kind", [*KINDS, _folder], ids=lambda f: f.__name__.strip("_"))
@pytest.mark.parametrize("option", ["--data", "--holders"])
def test_an_unreadable_data_or_roster_path_is_exit_1_naming_it(case, kind, option):
    why = kind(case / "bad.csv")
    if option == "--holders" and kind is _folder:
        why = "folder"
    args = ["eval", "defs", "--period", PERIOD, option, "bad.csv"]
    if option == "--holders":
        args += ["--data", "data.csv"]
    r = run_cli(*args, cwd=case)
    assert_error(r, 1, "bad.csv", why)
    assert "does not exist" not in r.output or kind is _dangling


def test_a_fifo_given_to_chunked_evaluation_is_an_error_not_a_hang(case):
    os.mkfifo(case / "big.parquet")
    r = run_cli("eval", "defs", "--data", "big.parquet", "--period", PERIOD, "--entity", "all",
                "--format", "csv", "--chunk-rows", "10", cwd=case)
    assert_error(r, 1, "big.parquet", "FIFO")


@pytest.mark.skipif(IS_ROOT, reason="root reads files without read permission")
def test_a_data_file_without_read_permission_is_exit_1(case):
    (case / "data.csv").chmod(0)
    r = run_cli("eval", "defs", "--data", "data.csv", "--period", PERIOD, cwd=case)
    assert_error(r, 1, "data.csv", "permission")


# ------------------------------------------------------------------------- strict CSV

@pytest.mark.parametrize("text,where,needle", [
    ("periode,variabel,nilai\n2024-Q1,dokumen,\"5\n2024-Q2,dokumen,6\n", "bad.csv:2:3", "never closed"),
    ("periode,variabel,nilai\n2024-Q1,dokumen\n", "bad.csv:2:3", "2 fields but the header has 3"),
    ("periode;variabel;nilai\n2024-Q1;dokumen;5\n2024-Q2\n", "bad.csv:3:2", "1 field but the header has 3"),
    ("periode,variabel,nilai\n2024-Q1,dokumen,\"5\"x\n", "bad.csv:2:3", "malformed CSV"),
], ids=["unclosed-quote", "short-row", "short-row-semicolon", "text-after-quote"])
def test_csv_is_read_strictly(case, text, where, needle):
    (case / "bad.csv").write_text(text, encoding="utf-8")
    r = run_cli("eval", "defs", "--data", "bad.csv", "--period", PERIOD, cwd=case)
    assert_error(r, 1, where, needle)


def test_quoted_fields_and_empty_values_are_still_fine(case):
    (case / "ok.csv").write_text('periode,variabel,nilai\n2024-Q1,"dokumen",\n"2024-Q2",dokumen,"7"\n',
                                 encoding="utf-8")
    r = run_cli("eval", "defs", "--data", "ok.csv", "--period", PERIOD, "--format", "json", cwd=case)
    assert r.exit_code == 0, r.output
    rec = {x["id"]: x for x in json.loads(r.stdout)["indicators"]}["dokumen_terbit"]
    assert rec["actual"] == 7


# ------------------------------------------------------------------------------- XLSX

def _xlsx(path: Path, rows: list[list]) -> None:
    import openpyxl

    wb = openpyxl.Workbook()
    for row in rows:
        wb.active.append(row)
    wb.save(path)


@pytest.mark.parametrize("column", [2, 1], ids=["value", "variable"])
def test_an_xlsx_formula_without_a_stored_value_is_an_error(case, column):
    rows = [["periode", "variabel", "nilai"], ["2024-Q1", "dokumen", 5], ["2024-Q2", "dokumen", 6]]
    rows[2][column] = "=C2+1"
    _xlsx(case / "data.xlsx", rows)
    r = run_cli("eval", "defs", "--data", "data.xlsx", "--period", PERIOD, cwd=case)
    assert_error(r, 1, f"data.xlsx:3:{column + 1}", "=C2+1", "Excel")


def test_an_xlsx_row_made_only_of_formulas_without_values_is_not_skipped_as_blank(case):
    _xlsx(case / "data.xlsx", [["periode", "variabel", "nilai"], ["2024-Q1", "dokumen", 5],
                               ['=A2&""', '=B2&""', "=C2+1"]])
    r = run_cli("eval", "defs", "--data", "data.xlsx", "--period", PERIOD, cwd=case)
    assert_error(r, 1, "data.xlsx:3:1", "data.xlsx:3:3", "Excel")


def test_an_xlsx_with_empty_cells_and_no_formula_still_reads(case):
    _xlsx(case / "data.xlsx", [["periode", "variabel", "nilai"], ["2024-Q1", "dokumen", None],
                               ["2024-Q2", "dokumen", 6]])
    r = run_cli("eval", "defs", "--data", "data.xlsx", "--period", PERIOD, "--format", "json", cwd=case)
    assert r.exit_code == 0, r.output


# ------------------------------------------------------------------- JSON/YAML data

@pytest.mark.parametrize("name,text,where,needle", [
    ("huge.json", '{"2024-Q1": {"dokumen": 1' + "0" * 5000 + "}}", "huge.json:1:25", "5001 digits"),
    ("huge.yaml", "2024-Q1:\n  dokumen: 1" + "0" * 5000 + "\n", "huge.yaml:2:12", "5001 digits"),
    ("deep.json", '{"2024-Q1": {"dokumen": ' + "[" * 100000 + "]" * 100000 + "}}", "deep.json:1:", "nested"),
    ("deep.yaml", "2024-Q1: {dokumen: " + "[" * 5000 + "]" * 5000 + "}\n", "deep.yaml:1:", "nested"),
], ids=["huge-int-json", "huge-int-yaml", "deep-json", "deep-yaml"])
def test_hostile_json_and_yaml_data_get_our_message_at_a_position(case, name, text, where, needle):
    (case / name).write_text(text, encoding="utf-8")
    r = run_cli("eval", "defs", "--data", name, "--period", PERIOD, cwd=case)
    assert_error(r, 1, where, needle)
    assert "Error:" not in r.output.replace("error:", "")       # no Python exception's own words
    assert f"{name}:1:1:" not in r.output


# ------------------------------------------------------------ check: what eval trips on

BOUNDS_DEFS = """\
version: 1
variables:
  - {{id: a, label: A, period_aggregation: sum}}
scales:
{scales}
elements:
  - id: s
    level: agency_objective
    statement: S
    indicators:
      - {{id: i, name: I, target: {target}, formula: "{formula}"{extra}}}
"""


def _bounds(tmp_path: Path, formula: str = "a", extra: str = "", target: str = "100",
            scales: str = "  ok: [{min: 0, label: X}]") -> Path:
    write(tmp_path / "b", {"set.yaml": BOUNDS_DEFS.format(formula=formula, extra=extra, target=target,
                                                          scales=scales)})
    (tmp_path / "d.csv").write_text("periode,variabel,nilai\n2024-01,a,5\n2024-02,a,6\n", encoding="utf-8")
    return tmp_path


BAD = [
    ({"formula": "lag(a, 100000)"}, "lag() is 100000"),
    ({"formula": "lag(a, 1.5)"}, "lag() is 1.5"),
    ({"formula": "lag(a, a)"}, "whole number written out"),
    ({"formula": "round(a, 1e9)"}, "round() is 1e+09"),
    ({"formula": "round(a, -16)"}, "round() is -16"),
    ({"formula": "a", "extra": ", weight: -1"}, "weight of 'i' is -1"),
    ({"formula": "a", "extra": ", weight: .nan"}, "weight of 'i' is .nan"),
    ({"formula": "a", "extra": ", weight: .inf"}, "weight of 'i' is .inf"),
    ({"formula": "a", "extra": ", cap: -5"}, "cap of 'i' is -5"),
    ({"formula": "a", "extra": ", cap: .nan"}, "cap of 'i' is .nan"),
    ({"formula": "a", "extra": ", budget: {ceiling: .nan}"}, "budget ceiling of 'i' (period -) is .nan"),
    ({"formula": "a", "extra": ", budget: {2024: {ceiling: .inf, spent: 5}}"}, "budget ceiling of 'i' (period 2024) is .inf"),
    ({"formula": "a", "extra": ", budget: {ceiling: 10, spent: -1}"}, "budget spent of 'i' (period -) is -1"),
    ({"scales": "  ok: [{min: 0, label: X}]\n  empty: []"}, "scale 'empty' has no bands"),
    ({"scales": "  ok: [{min: .nan, label: X}]"}, "band 'X' of scale 'ok' starts at .nan"),
    ({"scales": "  ok: [{min: .inf, label: X}]"}, "starts at .inf"),
    ({"target": "1e400"}, "the target 1e400 is too large"),
    ({"target": "{2024: .inf}"}, "the target inf is too large"),
    ({"formula": "-children.achievement"}, "children gives a list"),
    ({"formula": "avg(children.achievement) + children.actual"}, "children gives a list"),
]


@pytest.mark.parametrize("fields,needle", BAD, ids=[n for _, n in BAD])
def test_check_refuses_what_eval_would_trip_on(tmp_path, fields, needle):
    case = _bounds(tmp_path, **fields)
    r = run_cli("check", "b", cwd=case)
    assert_error(r, 1, "b/set.yaml:", needle)
    r = run_cli("eval", "b", "--data", "d.csv", "--period", "2024-Q1", cwd=case)
    assert_error(r, 1, needle, "nothing evaluated")


GOOD = ["lag(a, 2)", "lag(a, -2)", "lag(a, 1000)", "round(a, 15)", "round(a, -3)", "round(a, a)",
        "avg(children.achievement)", "prev(a) + 1"]


@pytest.mark.parametrize("formula", GOOD)
def test_check_accepts_the_same_functions_within_bounds_and_eval_runs(tmp_path, formula):
    case = _bounds(tmp_path, formula=formula)
    assert run_cli("check", "b", cwd=case).exit_code == 0
    r = run_cli("eval", "b", "--data", "d.csv", "--period", "2024-Q1", "--format", "json", cwd=case)
    assert r.exit_code == 0, r.output


@pytest.mark.parametrize("period", ["1000-01", "1000", "9999-12"])
def test_prev_and_lag_outside_the_calendar_are_missing_not_a_crash(tmp_path, period):
    case = _bounds(tmp_path, formula="prev(a) + lag(a, -3)")
    r = run_cli("eval", "b", "--data", "d.csv", "--period", period, "--format", "json", cwd=case)
    assert r.exit_code == 0, r.output
    rec = json.loads(r.stdout)["indicators"][0]
    assert rec["status"] == "missing" and any("outside the calendar" in m for m in rec["messages"])


def test_round_with_digits_from_data_does_not_overflow(tmp_path):
    case = _bounds(tmp_path, formula="round(a, a * 1e9)")
    r = run_cli("eval", "b", "--data", "d.csv", "--period", "2024-01", "--format", "json", cwd=case)
    assert r.exit_code == 0, r.output
    assert json.loads(r.stdout)["indicators"][0]["actual"] == 5


def test_a_numeric_text_target_is_a_number_not_a_grade(tmp_path):
    case = _bounds(tmp_path, target="'1e2'")
    r = run_cli("eval", "b", "--data", "d.csv", "--period", "2024-01", "--format", "json", cwd=case)
    assert r.exit_code == 0, r.output
    assert json.loads(r.stdout)["indicators"][0]["target"] == 100


# --------------------------------------------------------------- command-line values

@pytest.mark.parametrize("period", ["٢٠٢٤", "２０２４-Q1", "2024-Q١", "२०२४"])
@pytest.mark.parametrize("command", ["eval", "report", "render"])
def test_a_period_with_digits_other_than_0_9_is_refused(case, period, command):
    args = [command, "defs", "--data", "data.csv", "--period", period]
    args += {"eval": [], "report": ["-o", "r.md"], "render": ["-o", "c.dot"]}[command]
    r = run_cli(*args, cwd=case)
    assert_error(r, 2, "--period", "0-9")
    assert not (case / "r.md").exists() and not (case / "c.dot").exists()


@pytest.mark.parametrize("entity,warned", [("199999999999999999", True), ("7301", True), ("all", False)])
def test_an_entity_that_appears_nowhere_gets_a_warning(case, entity, warned):
    r = run_cli("eval", "defs", "--data", "data.csv", "--period", PERIOD, "--entity", entity, cwd=case)
    assert r.exit_code == 0, r.output
    assert ("appears nowhere" in r.stderr and entity in r.stderr) == warned


def test_an_entity_in_the_data_gets_no_warning(case):
    (case / "ent.csv").write_text("entitas,periode,variabel,nilai\n7301,2024-Q1,dokumen,5\n", encoding="utf-8")
    r = run_cli("eval", "defs", "--data", "ent.csv", "--period", PERIOD, "--entity", "7301", cwd=case)
    assert r.exit_code == 0 and "appears nowhere" not in r.stderr, r.output


POSITION_DEFS = """\
version: 1
elements:
  - {id: s, level: agency_objective, statement: S, indicators: [{id: s1, name: S1, target: 10}]}
  - {id: p, level: position, statement: P, supports: [s], indicators: [{id: p1, name: P1, target: 10}]}
"""


def test_a_roster_xlsx_formula_without_a_stored_value_is_an_error(tmp_path):
    write(tmp_path / "defs", {"set.yaml": POSITION_DEFS})
    _xlsx(tmp_path / "holders.xlsx", [["jabatan", "nip", "nama"], ["p", "199001012020011001", "Ani"],
                                      ["p", "=B2&\"2\"", "Budi"]])
    r = run_cli("check", "defs", "--holders", "holders.xlsx", cwd=tmp_path)
    assert_error(r, 1, "holders.xlsx:3:2", "Excel")


@pytest.mark.parametrize("kind", [_fifo, _loop, _folder], ids=lambda f: f.__name__.strip("_"))
def test_an_unreadable_audit_table_is_an_error_naming_it_not_a_hang(tmp_path, kind, monkeypatch):
    monkeypatch.setenv("INDIKATOR_LANG", "en")
    why = kind(tmp_path / "table.csv").split()[0]
    r = run_cli("audit", "table.csv", cwd=tmp_path)
    assert_error(r, 1, "table.csv", why)
