"""The roster reads through the data readers' column readers (issue 11: one reader per format).

A plain roster CSV (no quotes, no blank rows) is read by Arrow; any other CSV row by row.
Both must give the same roster and the same problems at the same lines; XLSX and Parquet give
the same roster as CSV; and the roster's header is mapped by the same function as the data's.
"""
from __future__ import annotations

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from helpers import REPO_ROOT
from indikator.data.formats import csv as csv_format
from indikator.data.readers import COLUMN_READERS
from indikator.data.roster import LAYOUT, read_roster
from indikator.formats import ROSTER
from indikator.load import load_definitions
from indikator.model import POSITION_LEVEL

LUTIM = REPO_ROOT / "definitions" / "luwu-timur"


@pytest.fixture(scope="module")
def dset():
    d, _ = load_definitions(str(LUTIM))
    return d


@pytest.fixture(scope="module")
def positions(dset):
    return [e.id for e in dset.elements.values() if e.level == POSITION_LEVEL]


def rows_of(positions, n=40):
    return [(positions[i % len(positions)], str(199001012020011000 + i), f"Pegawai {i}") for i in range(n)]


def write_csv(path, rows, *, quoted=False, blank=False, crlf=False, bom=False, sep=","):
    nl = "\r\n" if crlf else "\n"
    q = (lambda x: f'"{x}"') if quoted else (lambda x: x)
    lines = [sep.join(("jabatan", "nip", "nama"))]
    for k, r in enumerate(rows):
        lines.append(sep.join(q(x) for x in r))
        if blank and k == 2:
            lines.append("")
    text = nl.join(lines) + nl
    path.write_bytes((b"\xef\xbb\xbf" if bom else b"") + text.encode("utf-8"))
    return path


def snapshot(roster, positions):
    return {p: (roster.holder_ids(p), roster.holder_names(p)) for p in positions}


@pytest.mark.parametrize("variant", [{}, {"quoted": True}, {"blank": True}, {"crlf": True}, {"bom": True},
                                     {"sep": ";"}, {"crlf": True, "bom": True, "sep": ";"}])
def test_every_csv_spelling_gives_the_same_roster(tmp_path, dset, positions, variant):
    rows = rows_of(positions)
    plain, _ = read_roster(str(write_csv(tmp_path / "plain.csv", rows)), dset)
    other, diags = read_roster(str(write_csv(tmp_path / "other.csv", rows, **variant)), dset)
    assert plain is not None and other is not None and not diags
    assert snapshot(other, positions) == snapshot(plain, positions)


def test_plain_csv_is_read_by_arrow_and_the_others_row_by_row(tmp_path, dset, positions, monkeypatch):
    calls = []
    real = csv_format.csv_columns
    monkeypatch.setattr(csv_format, "csv_columns", lambda *a, **k: calls.append(1) or real(*a, **k))
    rows = rows_of(positions)
    read_roster(str(write_csv(tmp_path / "plain.csv", rows)), dset)
    assert not calls
    read_roster(str(write_csv(tmp_path / "quoted.csv", rows, quoted=True)), dset)
    assert calls


def problems(diags):
    return sorted((d.code, d.span.line, d.span.col, d.message) for d in diags)


@pytest.mark.parametrize("variant", [{}, {"quoted": True}, {"crlf": True}])
def test_problems_at_the_same_lines_whichever_reader(tmp_path, dset, positions, variant):
    rows = rows_of(positions, 6) + [("jab.tidak_ada", "1", "x"), (positions[0], "199001012020011000", "again"),
                                      ("", "2", "y"), (positions[1], "", "z")]
    _, plain = read_roster(str(write_csv(tmp_path / "plain.csv", rows)), dset)
    _, other = read_roster(str(write_csv(tmp_path / "other.csv", rows, **variant)), dset)
    assert problems(other) == problems(plain)
    assert {(c, ln) for c, ln, _, _ in problems(plain)} == {
        ("roster-position", 8), ("roster-duplicate", 9), ("roster-position", 10), ("roster-id", 11)}


def test_a_row_arrow_refuses_is_told_at_its_line(tmp_path, dset, positions):
    path = tmp_path / "r.csv"
    path.write_text(f"jabatan,nip,nama\n{positions[0]},1,A\n{positions[0]},2,B,extra\n{positions[0]},3\n",
                    encoding="utf-8")
    roster, diags = read_roster(str(path), dset)
    assert roster is None
    assert [(d.code, d.span.line, d.span.col) for d in diags] == [("roster-row", 3, 4), ("roster-row", 4, 3)]


@pytest.mark.parametrize("fmt", sorted(set(ROSTER.values())))
def test_every_roster_format_gives_the_same_roster(tmp_path, dset, positions, fmt):
    rows = rows_of(positions, 12)
    expected, _ = read_roster(str(write_csv(tmp_path / "r.csv", rows)), dset)
    path = tmp_path / f"r.{fmt}"
    if fmt == "xlsx":
        import openpyxl

        wb = openpyxl.Workbook()
        wb.active.append(["Jabatan", "NIP", "Nama"])
        for r in rows:
            wb.active.append(list(r))
        wb.save(path)
    elif fmt == "parquet":
        pq.write_table(pa.table({"position": [r[0] for r in rows], "id": [r[1] for r in rows],
                                 "name": [r[2] for r in rows]}), path)
    else:
        write_csv(path, rows)
    got, diags = read_roster(str(path), dset)
    assert got is not None and not diags
    assert snapshot(got, positions) == snapshot(expected, positions)


def test_the_roster_reads_every_roster_format_through_the_data_readers():
    assert set(ROSTER.values()) <= set(COLUMN_READERS)
    assert LAYOUT.kind == "roster" and LAYOUT.required == ("position", "id")
