"""Data files → DataTable, and every malformed input → a positioned Diagnostic."""
from __future__ import annotations

import json
import math
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from indikator.data.readers import read_data
from indikator.data.table import DataTable, concat


def write(tmp_path: Path, name: str, text: str, encoding: str = "utf-8") -> str:
    p = tmp_path / name
    p.write_text(text, encoding=encoding)
    return str(p)


def rows(table: DataTable) -> list[tuple]:
    """(entity, period, variable, value) per row, NaN as None, for comparisons."""
    out = []
    for i in range(len(table)):
        v = float(table.values[i])
        out.append((table.entity_of(i), str(table.periods[table.period_codes[i]]),
                    table.variables[table.variable_codes[i]], None if math.isnan(v) else v))
    return out


def errors(diags, code=None):
    return [d for d in diags if d.is_error and (code is None or d.code == code)]


# -- CSV ----------------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "period,variable,value\n2024,ktp_el,1200\n2024-Q1,ktp_el,300.5\n",
    "periode;variabel;nilai\n2024;ktp_el;1200\n2024-Q1;ktp_el;300.5\n",
    "\ufeffPeriode,Variabel,Nilai\n2024,ktp_el,1200\n2024-Q1,ktp_el,300.5\n",
    "value,period,variable\n1200,2024,ktp_el\n300.5,2024-Q1,ktp_el\n",
    "period,variable,value\r\n2024,ktp_el,1200\r\n\r\n2024-Q1,ktp_el,300.5\r\n",
])
def test_csv_layouts(tmp_path, text):
    table, diags = read_data([write(tmp_path, "d.csv", text)])
    assert errors(diags) == []
    assert rows(table) == [(None, "2024", "ktp_el", 1200.0), (None, "2024-Q1", "ktp_el", 300.5)]


def test_csv_semicolon_with_indonesian_numbers(tmp_path):
    path = write(tmp_path, "d.csv",
                 "periode;variabel;nilai;entitas\n"
                 "2024;anggaran;Rp 7.042.932.613,-;\n"
                 "2024;capaian;92,85;198503302010011001\n"
                 "2024;capaian;;198601012010012002\n")
    table, diags = read_data([path], locale="id")
    assert errors(diags) == []
    assert rows(table) == [
        (None, "2024", "anggaran", 7042932613.0),
        ("198503302010011001", "2024", "capaian", 92.85),
        ("198601012010012002", "2024", "capaian", None),
    ]
    assert table.entities == ["198503302010011001", "198601012010012002"]
    assert table.entity_codes.dtype == np.int32


def test_csv_locale_dependent_number_names_file_row_col(tmp_path):
    path = write(tmp_path, "d.csv", "periode;variabel;nilai\n2024;a;1\n2024;b;92,85\n")
    table, diags = read_data([path])
    assert table is None
    [d] = errors(diags)
    assert d.code == "data-number"
    assert (d.span.file, d.span.line, d.span.col) == (path, 3, 3)
    assert "92,85" in d.message and "--locale id" in d.message


def test_csv_unquoted_decimal_comma_is_a_row_error(tmp_path):
    path = write(tmp_path, "d.csv", "period,variable,value\n2024,a,92,85\n")
    table, diags = read_data([path])
    [d] = errors(diags)
    assert d.code == "data-row" and d.span.line == 2 and "decimal comma" in d.message


def test_csv_bad_period(tmp_path):
    path = write(tmp_path, "d.csv", "entity,period,variable,value\nx,2024,a,1\ny,2024-Q5,a,2\n")
    table, diags = read_data([path])
    [d] = errors(diags)
    assert d.code == "data-period"
    assert (d.span.line, d.span.col) == (3, 2)
    assert "2024-Q5" in d.message


def test_csv_missing_column_suggests(tmp_path):
    path = write(tmp_path, "d.csv", "period,variable,nilia\n2024,a,1\n")
    table, diags = read_data([path])
    assert table is None
    [d] = diags
    assert d.code == "data-header" and d.span.col == 3
    assert "value" in d.message and "nilia" in d.message and d.suggestions == ("nilai",)


def test_csv_extra_column_is_a_warning(tmp_path):
    path = write(tmp_path, "d.csv", "period,variable,value,sumber\n2024,a,1,BPS\n")
    table, diags = read_data([path])
    assert table is not None and errors(diags) == []
    assert [d.code for d in diags] == ["data-header"]


@pytest.mark.parametrize("header", ["period,variable,value,keterangan", "periode;variabel;nilai;catatan",
                                    "entity,period,variable,value,note"])
def test_csv_note_column_keeps_the_planners_notes(tmp_path, header):
    """A note/keterangan column is data for the report's Keterangan column (§9), not an ignored column."""
    sep = ";" if ";" in header else ","
    ent = ["E1" + sep] if header.startswith("entity") else [""]
    rows = [f"{ent[0]}2024-Q3{sep}a{sep}1{sep}Sumber: laporan  bidang", f"{ent[0]}2024-Q2{sep}b{sep}2{sep}"]
    path = write(tmp_path, "d.csv", header + "\n" + "\n".join(rows) + "\n")
    table, diags = read_data([path])
    assert table is not None and diags == []
    [(entity, period, variable, text)] = table.notes
    assert (period.key, variable, text) == ("2024-Q3", "a", "Sumber: laporan bidang")
    assert entity == ("E1" if header.startswith("entity") else None)


def test_csv_multiline_record_keeps_line_numbers(tmp_path):
    path = write(tmp_path, "d.csv",
                 'period,variable,value\n2024,"a\nb",1\n2024,c,9x\n')
    table, diags = read_data([path])
    [d] = errors(diags)
    assert d.span.line == 4


def test_csv_empty_fields(tmp_path):
    path = write(tmp_path, "d.csv", "period,variable,value\n,a,1\n2024,,2\n")
    table, diags = read_data([path])
    assert {(d.code, d.span.line, d.span.col) for d in errors(diags)} == {
        ("data-period", 2, 1), ("data-variable", 3, 2)}


def test_csv_not_utf8(tmp_path):
    p = tmp_path / "d.csv"
    p.write_bytes("period,variable,value\n2024,jumlah_penduduk_ü,1\n".encode("latin-1"))
    table, diags = read_data([str(p)])
    assert table is None and errors(diags, "data-unreadable")


def test_duplicate_names_both_lines(tmp_path):
    path = write(tmp_path, "d.csv", "period,variable,value\n2024,a,1\n2024-Q1,a,2\n2024,a,3\n")
    table, diags = read_data([path])
    assert table is None
    [d] = errors(diags)
    assert d.code == "data-duplicate"
    assert d.span.line == 4 and "line 2" in d.message


def test_duplicate_across_files_and_spellings(tmp_path):
    a = write(tmp_path, "a.csv", "period,variable,value,entity\n2024-Q1,a,1,x\n")
    b = write(tmp_path, "b.csv", "period,variable,value,entity\n2024-q1,a,2,x\n2024-Q1,a,2,y\n")
    table, diags = read_data([a, b])
    [d] = errors(diags)
    assert d.code == "data-duplicate" and d.span.file == b and a in d.message


def test_entity_override_is_not_a_duplicate(tmp_path):
    path = write(tmp_path, "d.csv", "period,variable,value,entity\n2024,a,1,\n2024,a,2,x\n")
    table, diags = read_data([path])
    assert errors(diags) == [] and len(table) == 2


@pytest.mark.parametrize("name, code", [("d.txt", "data-unreadable"), ("nope.csv", "data-unreadable")])
def test_unknown_extension_and_missing_file(tmp_path, name, code):
    path = str(tmp_path / name)
    if name.endswith(".txt"):
        write(tmp_path, name, "x")
    table, diags = read_data([path])
    assert table is None and [d.code for d in diags] == [code]


def test_unknown_locale(tmp_path):
    table, diags = read_data([], locale="en")
    assert table is None and diags[0].code == "data-locale"


def test_many_errors_are_capped(tmp_path):
    body = "".join(f"2024-{m:02d},v{i},1x\n" for i in range(5) for m in range(1, 13))
    path = write(tmp_path, "d.csv", "period,variable,value\n" + body)
    table, diags = read_data([path])
    errs = errors(diags, "data-number")
    assert len(errs) == 21 and "40 more" in errs[-1].message


# -- YAML / JSON ---------------------------------------------------------------

def test_yaml_flat(tmp_path):
    path = write(tmp_path, "d.yaml", "2024:\n  ktp_el: 1200\n  wajib_ktp: ~\n2024-Q1:\n  ktp_el: '300'\n")
    table, diags = read_data([path])
    assert errors(diags) == []
    assert rows(table) == [(None, "2024", "ktp_el", 1200.0), (None, "2024", "wajib_ktp", None),
                           (None, "2024-Q1", "ktp_el", 300.0)]
    assert table.provenance(2) == (path, 5)


def test_yaml_with_entity_level(tmp_path):
    path = write(tmp_path, "d.yml",
                 "2024:\n  target_opd: 10\n"
                 "198503302010011001:\n  2024:\n    skp: 92.5\n  2024-S1:\n    skp: '88,5'\n"
                 "kab-luwu-timur:\n  2024-Q1..2024-Q3:\n    skp: 70\n")
    table, diags = read_data([path], locale="id")
    assert errors(diags) == []
    assert rows(table) == [
        (None, "2024", "target_opd", 10.0),
        ("198503302010011001", "2024", "skp", 92.5),
        ("198503302010011001", "2024-S1", "skp", 88.5),
        ("kab-luwu-timur", "2024-Q1..2024-Q3", "skp", 70.0),
    ]


@pytest.mark.parametrize("text, code, line, col", [
    ("2024:\n  a: 92,85\n", "data-number", 2, 6),
    ("2024:\n  a: true\n", "data-number", 2, 6),
    ("2024-Q5:\n  a: 1\n", "data-period", 1, 1),
    ("2024:\n  a: [1, 2]\n", "data-number", 2, 6),
    ("2024:\n  a: 1\n b: 2\n", "data-unreadable", 3, 2),
    ("- 1\n- 2\n", "data-unreadable", 1, 1),
    ("2024:\n  a: 1\n2024:\n  a: 2\n", "data-duplicate", 4, 1),
])
def test_yaml_errors(tmp_path, text, code, line, col):
    path = write(tmp_path, "d.yaml", text)
    table, diags = read_data([path])
    assert table is None
    d = errors(diags)[0]
    assert (d.code, d.span.file, d.span.line, d.span.col) == (code, path, line, col)


def test_yaml_grouped_float_is_ambiguous_in_id_locale(tmp_path):
    path = write(tmp_path, "d.yaml", "2024:\n  a: 1.234\n  b: '1.234'\n")
    table, diags = read_data([path], locale="id")
    [d] = errors(diags)
    assert d.code == "data-number" and d.span.line == 2
    table, diags = read_data([path], locale="C")  # §7.1: 1.234 is ambiguous in the C locale too
    assert [(d.span.line, d.span.col) for d in errors(diags)] == [(2, 6), (3, 6)]
    assert all("1234" in d.message and "--locale id" in d.message for d in errors(diags))
    path = write(tmp_path, "e.yaml", "2024:\n  a: 1.2345\n  b: '0.125'\n")
    table, diags = read_data([path], locale="C")  # not three digits, or a zero integer part: unambiguous
    assert errors(diags) == [] and table.values.tolist() == [1.2345, 0.125]


def test_yaml_empty_file(tmp_path):
    table, diags = read_data([write(tmp_path, "d.yaml", "")])
    assert diags == [] and len(table) == 0


def test_json(tmp_path):
    data = {"2024": {"a": 1.5, "b": None}, "x1": {"2024-Q1": {"a": 2}}}
    path = write(tmp_path, "d.json", json.dumps(data, indent=2))
    table, diags = read_data([path])
    assert errors(diags) == []
    assert rows(table) == [(None, "2024", "a", 1.5), (None, "2024", "b", None),
                           ("x1", "2024-Q1", "a", 2.0)]


def test_json_syntax_error(tmp_path):
    path = write(tmp_path, "d.json", '{"2024": {"a": 1,}}')
    table, diags = read_data([path])
    assert table is None and errors(diags, "data-unreadable")


# -- XLSX ----------------------------------------------------------------------

def test_xlsx_roundtrip(tmp_path):
    openpyxl = pytest.importorskip("openpyxl")
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["Periode", "Variabel", "Nilai", "Entitas"])
    ws.append(["2024", "ktp_el", 1200, None])
    ws.append([2024, "skp", "92,85", "198503302010011001"])
    ws.append([None, None, None, None])
    ws.append(["2024-Q1", "skp", None, "198601012010012002"])
    path = str(tmp_path / "d.xlsx")
    wb.save(path)
    table, diags = read_data([path], locale="id")
    assert errors(diags) == []
    assert rows(table) == [(None, "2024", "ktp_el", 1200.0),
                           ("198503302010011001", "2024", "skp", 92.85),
                           ("198601012010012002", "2024-Q1", "skp", None)]
    assert table.provenance(2) == (path, 5)


def test_xlsx_errors_name_cells(tmp_path):
    openpyxl = pytest.importorskip("openpyxl")
    import datetime
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["period", "variable", "value", "entity"])
    ws.append(["2024", "a", "92,85", None])
    ws.append([datetime.datetime(2024, 1, 1), "a", 1, None])
    ws.append(["2024", "a", 1, 1.98503302010011e17])
    path = str(tmp_path / "d.xlsx")
    wb.save(path)
    table, diags = read_data([path])
    got = {(d.code, d.span.line, d.span.col) for d in errors(diags)}
    assert got == {("data-number", 2, 3), ("data-period", 3, 1), ("data-row", 4, 4)}


# -- Parquet -------------------------------------------------------------------

@pytest.mark.parametrize("values", [
    pa.array([1.0, None, 3.5, 4.0]),
    pa.array(["1", "", "3.5", "4"]),
    pa.array([1, None, 3, 4], pa.int64()),
])
def test_parquet_roundtrip(tmp_path, values):
    t = pa.table({
        "period": ["2024-01", "2024-02", "2024-01", "2024-02"],
        "variable": ["a", "a", "a", "b"],
        "entity": ["198503302010011001", "198503302010011001", None, "x"],
        "value": values,
    })
    path = str(tmp_path / "d.parquet")
    pq.write_table(t, path, row_group_size=2)
    table, diags = read_data([path])
    assert errors(diags) == []
    got = rows(table)
    assert [r[:3] for r in got] == [("198503302010011001", "2024-01", "a"),
                                    ("198503302010011001", "2024-02", "a"),
                                    (None, "2024-01", "a"), ("x", "2024-02", "b")]
    assert got[1][3] is None and got[2][3] in (3.0, 3.5)
    assert table.provenance(3) == (path, 4)


def test_parquet_errors(tmp_path):
    t = pa.table({"periode": ["2024", "2024-13"], "variabel": ["a", "a"],
                  "nilai": ["92,85", "1"]})
    path = str(tmp_path / "d.parquet")
    pq.write_table(t, path)
    table, diags = read_data([path])
    got = {(d.code, d.span.line, d.span.col) for d in errors(diags)}
    assert got == {("data-number", 1, 3), ("data-period", 2, 1)}


def test_parquet_missing_column(tmp_path):
    path = str(tmp_path / "d.parquet")
    pq.write_table(pa.table({"period": ["2024"], "value": [1.0]}), path)
    table, diags = read_data([path])
    assert table is None and errors(diags, "data-header")


def test_parquet_vectorized_many_rows(tmp_path):
    """Enough rows to show the path has no per-row Python loop (runs in well under a second)."""
    n = 1_000_000
    rng = np.random.default_rng(1)
    ent = pa.array(rng.integers(0, 50_000, n).astype(str)).dictionary_encode()
    months = np.arange(n) % 12 + 1
    t = pa.table({"entity": ent, "variable": pa.array(np.where(np.arange(n) % 2, "a", "b")),
                  "period": pa.array([f"2024-{m:02d}" for m in range(1, 13)])
                  .take(pa.array(months - 1)),
                  "value": pa.array(np.arange(n, dtype=np.float64))})
    path = str(tmp_path / "big.parquet")
    pq.write_table(t, path)
    from indikator.data.readers import read_file
    table, diags = read_file(path)
    assert errors(diags) == []
    assert len(table) == n and len(table.periods) == 12 and len(table.entities) <= 50_000
    assert table.values[123] == 123.0


def test_concat_recodes_dictionaries(tmp_path):
    a = write(tmp_path, "a.csv", "period,variable,value,entity\n2024,x,1,e1\n2024,y,2,e2\n")
    b = write(tmp_path, "b.csv", "period,variable,value,entity\n2024,y,3,e1\n2023,x,4,\n")
    ta, _ = read_data([a])
    tb, _ = read_data([b])
    t = concat([ta, tb])
    assert rows(t) == rows(ta) + rows(tb)
    assert t.provenance(0) == (a, 2) and t.provenance(3) == (b, 3)
    assert sorted(t.variables) == ["x", "y"] and sorted(t.entities) == ["e1", "e2"]


# -- grades (text values) ------------------------------------------------------

def test_grades_are_kept_as_labels(tmp_path):
    path = write(tmp_path, "d.csv", "period,variable,value\n2023,nilai_sakip,BB\n2024,nilai_sakip,A\n"
                                    "2024,skor,72.5\n")
    table, diags = read_data([path])
    assert errors(diags) == []
    assert [table.label_of(i) for i in range(3)] == ["BB", "A", None]
    assert math.isnan(table.values[0]) and table.values[2] == 72.5


@pytest.mark.parametrize("text, ok", [
    ("BB", True), ("Sangat Baik", True), ("A+", True),
    ("92,85", False), ("81,10 (Nilai)", False), ("nan", False), ("B2", False),
])
def test_what_counts_as_a_grade(tmp_path, text, ok):
    path = write(tmp_path, "d.csv", f'period,variable,value\n2024,g,"{text}"\n')
    table, diags = read_data([path])
    assert (table is not None) is ok


def test_grades_restricted_by_scale(tmp_path):
    path = write(tmp_path, "d.csv", "period,variable,value\n2023,g,BB\n2024,g,XX\n")
    table, diags = read_data([path], grades=["D", "C", "CC", "B", "BB", "A", "AA"])
    [d] = errors(diags)
    assert d.code == "data-number" and d.span.line == 3 and "grade" in d.message


def test_grades_in_yaml_xlsx_parquet(tmp_path):
    y = write(tmp_path, "d.yaml", "2024:\n  g: BB\n  h: 1\n")
    pq.write_table(pa.table({"period": ["2024"], "variable": ["p"], "value": ["AA"]}),
                   str(tmp_path / "d.parquet"))
    openpyxl = pytest.importorskip("openpyxl")
    wb = openpyxl.Workbook()
    wb.active.append(["period", "variable", "value"])
    wb.active.append(["2024", "x", "CC"])
    wb.save(str(tmp_path / "d.xlsx"))
    table, diags = read_data([y, str(tmp_path / "d.parquet"), str(tmp_path / "d.xlsx")])
    assert errors(diags) == []
    assert [table.label_of(i) for i in range(len(table))] == ["BB", None, "AA", "CC"]
