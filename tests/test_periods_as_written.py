"""Periods as planners write them (PRODUCT.md §7.2), and data numbers in the C locale (§7.1).

Every row of the §7.2 table is tried everywhere a period is read: the parser itself,
``--period``, the period column of CSV, XLSX and YAML data, and the keys of target and
budget maps; outputs always show the canonical key.
"""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from helpers import REPO_ROOT, run_cli, write_tree
from indikator.data import read_data
from indikator.data.periods import PeriodError, parse_period

#: the §7.2 table: every spelling and the canonical key it means
TABLE = [
    ("TW3 2024", "2024-Q3"), ("TW III 2024", "2024-Q3"), ("Triwulan III 2024", "2024-Q3"),
    ("2024-TW3", "2024-Q3"), ("Q3 2024", "2024-Q3"),
    ("s.d. TW III 2024", "2024-Q1..2024-Q3"), ("sd TW3 2024", "2024-Q1..2024-Q3"),
    ("s/d Triwulan III 2024", "2024-Q1..2024-Q3"), ("TW I-III 2024", "2024-Q1..2024-Q3"),
    ("TW I s.d. III 2024", "2024-Q1..2024-Q3"),
    ("Semester I 2024", "2024-S1"), ("S1 2024", "2024-S1"), ("Smt 1 2024", "2024-S1"),
    ("Januari 2024", "2024-01"), ("Jan 2024", "2024-01"), ("January 2024", "2024-01"),
    ("Agustus 2024", "2024-08"), ("August 2024", "2024-08"), ("Desember 2024", "2024-12"),
    ("s.d. Maret 2024", "2024-01..2024-03"),
    ("Tahun 2024", "2024"), ("TA 2024", "2024"),
]
#: case-insensitive, with free spaces
VARIANTS = [(t.upper(), k) for t, k in TABLE] + [(t.lower(), k) for t, k in TABLE] + [
    ("  tw  iii   2024 ", "2024-Q3"), ("Triwulan  III  2024", "2024-Q3"), ("s.d.TW III 2024", "2024-Q1..2024-Q3"),
]


@pytest.mark.parametrize("text, key", TABLE + VARIANTS)
def test_parser(text, key):
    assert parse_period(text).key == key
    assert parse_period(text) == parse_period(key)


@pytest.mark.parametrize("text, year, key", [
    ("TW I", 2024, "2024-Q1"), ("Triwulan II", 2024, "2024-Q2"), ("Januari", 2025, "2025-01"),
    ("Semester II", 2024, "2024-S2"), ("s.d. TW III", 2024, "2024-Q1..2024-Q3"), ("TW IV 2023", 2024, "2023-Q4"),
])
def test_wide_sheet_headers_without_a_year(text, year, key):
    """The function a wide sheet's reader calls for headers such as `TW I` under a 2024 title."""
    assert parse_period(text, default_year=year).key == key
    if str(year) not in text and "2023" not in text:
        with pytest.raises(PeriodError):
            parse_period(text)


@pytest.mark.parametrize("text, suggestion", [
    ("TW 3/2024", "2024-Q3"), ("Triwulam III 2024", "2024-Q3"), ("2024/01", "2024-01"), ("Semster I 2024", "2024-S1"),
])
def test_refused_with_a_suggestion(text, suggestion):
    with pytest.raises(PeriodError) as exc:
        parse_period(text)
    msg = str(exc.value)
    assert f"did you mean {suggestion}?" in msg
    assert "TW III 2024" in msg and "Semester I 2024" in msg and "triwulan" in msg


# -- --period ----------------------------------------------------------------------------

DEFS = """\
version: 1
variables:
  - {id: cetak, period_aggregation: sum}
elements:
  - id: s1
    level: objective
    indicators:
      - id: i1
        name: Cetak
        unit: dokumen
        formula: cetak
        target: {2024: 100, 2024-Q3: 30, 2024-Q1..2024-Q3: 75, 2024-S1: 50, 2024-01: 10, 2024-01..2024-03: 25}
"""
DATA = "period,variable,value\n" + "".join(f"2024-{m:02d},cetak,{m}\n" for m in range(1, 10))


@pytest.fixture()
def case(tmp_path: Path) -> Path:
    write_tree(tmp_path, {"d/a.yaml": DEFS, "data.csv": DATA})
    return tmp_path


@pytest.mark.parametrize("text, key", TABLE)
def test_period_option(case, text, key):
    r = run_cli("eval", "d", "--data", "data.csv", "--period", text, "--format", "json", cwd=case)
    assert r.exit_code == 0, r.output
    out = json.loads(r.stdout)
    assert out["period"] == key
    canon = json.loads(run_cli("eval", "d", "--data", "data.csv", "--period", key, "--format", "json",
                               cwd=case).stdout)
    assert out == canon


@pytest.mark.parametrize("text, words", [
    ("TW 3/2024", ["did you mean 2024-Q3?", "TW III 2024"]),
    ("Triwulan V 2024", ["is not a period", "Triwulan III 2024", "Q and TW mean triwulan"]),
    ("kemarin", ["is not a period", "s.d. Maret 2024"]),
])
def test_refused_period_is_a_usage_error(case, text, words):
    r = run_cli("eval", "d", "--data", "data.csv", "--period", text, cwd=case)
    assert r.exit_code == 2
    assert "Traceback" not in r.output and "--period" in r.output
    flat = " ".join(r.output.split())
    for w in words:
        assert w in flat, (w, r.output)


def test_refused_period_in_indonesian(case):
    r = run_cli("eval", "d", "--data", "data.csv", "--period", "TW 3/2024", "--lang", "id", cwd=case)
    assert r.exit_code == 2 and "maksud Anda 2024-Q3?" in " ".join(r.output.split())


@pytest.mark.parametrize("cmd", ["eval", "report"])
def test_no_data_for_the_period_is_one_warning_line(case, cmd):
    extra = ["-o", "r.md"] if cmd == "report" else []
    r = run_cli(cmd, "d", "--data", "data.csv", "--period", "2025", "--lang", "en", *extra, cwd=case)
    assert r.exit_code == 0, r.output
    lines = [ln for ln in r.stderr.splitlines() if "no data for" in ln]
    assert lines == ["warning: no data for 2025 in any data file; data cover 2024-01..2024-09"]


def test_no_data_files_is_said_too(case):
    r = run_cli("eval", "d", "--period", "2024", "--lang", "en", cwd=case)
    assert r.exit_code == 0 and "no data for 2024: no data file was given" in r.stderr


def test_data_in_the_period_gives_no_warning(case):
    r = run_cli("eval", "d", "--data", "data.csv", "--period", "TW III 2024", cwd=case)
    assert r.exit_code == 0 and "no data" not in r.stderr


# -- data files: period spellings in the period column --------------------------------------

def _xlsx(path: Path, rows: list[list]) -> None:
    openpyxl = pytest.importorskip("openpyxl")
    wb = openpyxl.Workbook()
    ws = wb.active
    for row in rows:
        ws.append(row)
    wb.save(path)


@pytest.mark.parametrize("fmt", ["csv", "xlsx", "yaml"])
@pytest.mark.parametrize("text, key", TABLE)
def test_period_column_spellings(tmp_path, fmt, text, key):
    path = tmp_path / f"d.{fmt}"
    if fmt == "csv":
        path.write_text(f'period,variable,value\n"{text}",a,5\n', encoding="utf-8")
    elif fmt == "xlsx":
        _xlsx(path, [["periode", "variabel", "nilai"], [text, "a", 5]])
    else:
        path.write_text(f'"{text}":\n  a: 5\n', encoding="utf-8")
    table, diags = read_data([str(path)])
    assert not [d for d in diags if d.is_error], diags
    assert [p.key for p in table.periods] == [key]


def test_refused_period_in_a_data_file_names_row_and_column(tmp_path):
    path = tmp_path / "d.csv"
    path.write_text("variable,period,value\na,2024-Q3,1\na,TW 3/2024,2\n", encoding="utf-8")
    _, diags = read_data([str(path)])
    [d] = [d for d in diags if d.is_error]
    assert (d.span.line, d.span.col) == (3, 2) and "did you mean 2024-Q3?" in d.message


# -- target and budget keys ------------------------------------------------------------------

@pytest.mark.parametrize("text, key", TABLE)
def test_target_and_budget_keys(tmp_path, text, key):
    defs = ("version: 1\nelements:\n  - id: s1\n    level: objective\n"
            f"    budget:\n      \"{text}\": {{ceiling: 200, spent: 50}}\n"
            "    indicators:\n      - id: i1\n        name: I1\n        unit: '%'\n        formula: 40\n"
            f"        target:\n          \"{text}\": 80\n")
    write_tree(tmp_path / "d", {"a.yaml": defs}, dedent=False)
    r = run_cli("eval", "d", "--period", key, "--format", "json", cwd=tmp_path)
    assert r.exit_code == 0, r.output
    out = json.loads(r.stdout)
    assert out["indicators"][0]["target"] == 80 and out["indicators"][0]["achievement"] == 50
    assert out["elements"][0]["budget"]["absorption"] == 25


def test_a_refused_target_key_is_reported_with_a_suggestion(tmp_path):
    defs = ("version: 1\nelements:\n  - id: s1\n    level: objective\n    indicators:\n"
            "      - id: i1\n        name: I1\n        formula: 40\n        target:\n          TW 3/2024: 80\n")
    write_tree(tmp_path / "d", {"a.yaml": defs}, dedent=False)
    r = run_cli("check", "d", "--format", "json", cwd=tmp_path)
    [e] = json.loads(r.output)
    assert (e["line"], e["col"]) == (10, 11) and "did you mean 2024-Q3?" in e["message"]


# -- data numbers in the C locale (§7.1, last rules) ----------------------------------------

@pytest.mark.parametrize("fmt", ["csv", "xlsx", "yaml"])
@pytest.mark.parametrize("written, ambiguous", [
    ("4.624", True), ("1.500", True), ("24.975", True), ("-1.500", True), ("92,85", True),
    ("4.6240", False), ("0.125", False), ("1234.500", False), ("4624", False), ("81.33", False),
])
def test_data_numbers_in_the_c_locale(tmp_path, fmt, written, ambiguous):
    path = tmp_path / f"d.{fmt}"
    if fmt == "csv":
        path.write_text(f'period,variable,value\n2024,a,1\n2024,b,"{written}"\n', encoding="utf-8")
        where = (3, 3)
    elif fmt == "xlsx":
        _xlsx(path, [["period", "variable", "value"], ["2024", "a", 1], ["2024", "b", written]])
        where = (3, 3)
    else:
        path.write_text(f"2024:\n  a: 1\n  b: {written}\n", encoding="utf-8")
        where = (3, 6)
    table, diags = read_data([str(path)], locale="C")
    errors = [d for d in diags if d.is_error]
    if not ambiguous:
        assert not errors and table.values[1] == pytest.approx(float(written)), errors
        return
    [d] = errors
    assert (d.span.file, d.span.line, d.span.col) == ((str(path),) + where)
    assert "depends on the locale" in d.message and "--locale id" in d.message
    # --locale id reads the same cell as Indonesian: thousands (or a decimal comma)
    table, diags = read_data([str(path)], locale="id")
    if fmt != "yaml" or "," in written:
        assert not [d for d in diags if d.is_error]
        expected = float(written.replace(".", "").replace(",", "."))
        assert table.values[1] == pytest.approx(expected)


# -- fuzzing -----------------------------------------------------------------------------------

from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

ROMAN = ["I", "II", "III", "IV"]
MONTHS_ID = ["Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September",
             "Oktober", "November", "Desember"]


@settings(max_examples=300, deadline=None)
@given(year=st.integers(1000, 9999), q=st.integers(1, 4), m=st.integers(1, 12), s=st.integers(1, 2),
       style=st.integers(0, 4), case=st.sampled_from([str.lower, str.upper, str.title]))
def test_spellings_agree_with_canonical_keys(year, q, m, s, style, case):
    quarter = [f"TW{q} {year}", f"TW {ROMAN[q - 1]} {year}", f"Triwulan {ROMAN[q - 1]} {year}", f"{year}-TW{q}",
               f"Q{q} {year}"][style]
    assert parse_period(case(quarter)).key == f"{year}-Q{q}"
    ytd = [f"s.d. TW {ROMAN[q - 1]} {year}", f"sd TW{q} {year}", f"s/d Triwulan {ROMAN[q - 1]} {year}",
           f"TW I-{ROMAN[q - 1]} {year}", f"TW I s.d. {ROMAN[q - 1]} {year}"][style]
    assert parse_period(case(ytd)).key == (f"{year}-Q1" if q == 1 else f"{year}-Q1..{year}-Q{q}")
    semester = [f"Semester {ROMAN[s - 1]} {year}", f"S{s} {year}", f"Smt {s} {year}"][style % 3]
    assert parse_period(case(semester)).key == f"{year}-S{s}"
    month = [MONTHS_ID[m - 1], MONTHS_ID[m - 1][:3]][style % 2]
    assert parse_period(case(f"{month} {year}")).key == f"{year}-{m:02d}"
    upto = parse_period(case(f"s.d. {MONTHS_ID[m - 1]} {year}"))
    assert (upto.start_month, upto.end_month) == (year * 12, year * 12 + m - 1)
    assert upto.key == (f"{year}-01" if m == 1 else f"{year}-01..{year}-{m:02d}")


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=40))
def test_any_text_is_a_period_or_a_period_error(text):
    try:
        p = parse_period(text)
    except PeriodError as exc:
        assert "period" in str(exc)
    else:
        assert parse_period(p.key) == p


@pytest.mark.parametrize("lang, words", [
    ("en", "no data for 2024-03 alone: the data give a longer period (2024-Q1) that contains it"),
    ("id", "tidak ada data untuk 2024-03 saja: data berisi periode yang lebih panjang (2024-Q1)"),
])
def test_a_month_inside_quarterly_data_names_the_quarter(tmp_path, lang, words):
    """Luwu Timur's data are quarterly: "Maret 2024" lies inside 2024-Q1, whose figure is never split.
    The warning said "no data for 2024-03; data cover 2020-01..2024-12", which reads as a contradiction."""
    luwu = REPO_ROOT / "definitions" / "luwu-timur"
    r = run_cli("eval", str(luwu), "--data", str(luwu / "data"), "--period", "Maret 2024", "--lang", lang,
                cwd=tmp_path)
    assert r.exit_code == 0, r.output
    flat = " ".join(r.stderr.split())
    assert words in flat and "--period 2024-Q1" in flat, r.stderr
