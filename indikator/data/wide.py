"""Wide data layouts: periods as column headers, read as the long layout (PRODUCT.md §10).

A planner's sheet rarely has one row per (period, variable, value). It has one row per
variable (or per indicator, or per NIP and indicator in an IKI sheet) and one column per
period: ``TW I``, ``Triwulan II``, ``2024-Q3``, ``Januari``, ``Realisasi TW IV`` … (§7.2).
This module recognises such a header, takes the year of a header without one from a
``tahun``/``year`` column or from the sheet title, and turns every filled cell under a
period header into one data point, so the rest of the pipeline sees the long layout.
The data-entry form written by ``indikator template`` is such a sheet.

Row keys are ids (column ``id``/``variabel``/``variable``/``kode``): the data store is keyed
by variable and indicator id. Entities come from ``nip``/``entitas``/``entity``.
Descriptive columns (label, satuan, sumber data, target, …) are ignored; an empty cell is no
data point (so a form with months filled and quarters left empty never reads as missing).

Errors are positioned at file:sheet:cell for XLSX and file:line:col for CSV. This module
must not print or raise to the caller; it is called by the CSV and XLSX readers of
:mod:`indikator.data.readers` when the header is not the long layout.
"""
from __future__ import annotations

import datetime as _dt
import math
import re
from dataclasses import dataclass
from typing import Any, Iterable, Sequence

import numpy as np

from ..diagnostics import Span, error, warning
from ..messages import Message, Problem
from .numbers import NumberError, is_label, parse_number
from .periods import Period, PeriodError, parse_period
from .filereport import MAX_PER_CODE
from .formats.rows import CsvRowError, csv_rows, formula_cells
from .table import DataTable, encode_strings

#: Header (normalised: lower case, spaces and dashes as ``_``) → role of a non-period column.
KEY_HEADERS = {"id": "key", "variabel": "key", "variable": "key", "kode": "key", "id_variabel": "key",
               "nip": "entity", "entitas": "entity", "entity": "entity",
               "tahun": "year", "year": "year"}
#: Columns a planner's sheet or the form carries for people, not for the reader: ignored quietly.
DESCRIPTIVE = {"no", "nomor", "label", "uraian", "nama", "name", "indikator", "indicator", "satuan", "unit",
               "sumber", "sumber_data", "source", "agregasi", "agregasi_periode", "period_aggregation",
               "aggregation", "keterangan", "note", "catatan", "target", "jabatan", "position", "jenis",
               "kind", "nama_pegawai", "pegawai", "rumus", "formula", "isi_per", "diisi_per"}
#: Columns that name a row by its label: the rows still need ids (the store is keyed by id).
NAME_HEADERS = {"indikator", "indicator", "nama_indikator", "indikator_kinerja", "uraian", "label", "nama"}
#: Words before a period in a header that still mean "the actual value of that period".
ACTUAL_PREFIXES = ("realisasi", "nilai", "data", "actual", "value")

_YEAR_RE = re.compile(r"(?<!\d)(\d{4})(?!\d)")


class NoYear(PeriodError):
    """A header that is a period without a year, and no year to complete it."""


def header_period(text: Any, year: int | None = None) -> Period | None:
    """The period a column header stands for, ``None`` when it is not a period header.

    The spellings are those of the one period parser (§7.2, :func:`~indikator.data.periods.
    parse_period`): ``2024-Q3``, ``TW I``, ``Triwulan II``, ``Semester I``, ``Januari``,
    ``s.d. TW III``, ``TW I-III``, ``Tahun 2024`` …, with or without a year; a header may
    also carry ``Realisasi`` in front. A header without a year takes ``year``; without one
    it raises :class:`NoYear`.
    """
    if text is None or isinstance(text, (bool, float, _dt.date, _dt.time)):
        return None
    raw = " ".join(str(text).split())
    low = raw.lower()
    for prefix in ACTUAL_PREFIXES:
        if low.startswith(prefix + " "):
            low = low[len(prefix) + 1:]
            break
    try:
        return parse_period(low)
    except PeriodError:
        pass
    try:
        parse_period(low, default_year=2000)     # a period that names no year?
    except PeriodError:
        return None
    if year is None:
        raise NoYear(raw)
    return parse_period(low, default_year=year)


def _norm(cell: Any) -> str:
    return "_".join(str(cell).strip().lower().replace("-", " ").split()) if cell is not None else ""


def looks_wide(cells: Sequence[Any]) -> bool:
    """True when a header row is a wide one: a key column and at least one period header,
    and no long-layout ``period`` column."""
    names = {_norm(c) for c in cells}
    if names & {"period", "periode"}:
        return False
    if not any(KEY_HEADERS.get(n) == "key" or n in NAME_HEADERS for n in names):
        return False
    return any(_is_period_header(c) for c in cells)


def _is_period_header(cell: Any) -> bool:
    try:
        return header_period(cell, 2000) is not None
    except PeriodError:
        return False


# -- positions -------------------------------------------------------------------

def column_letter(col: int) -> str:
    """Spreadsheet column name of a 1-based column number (1 → A, 27 → AA)."""
    out = ""
    while col > 0:
        col, r = divmod(col - 1, 26)
        out = chr(65 + r) + out
    return out


@dataclass(frozen=True, slots=True)
class CellSpan(Span):
    """A cell of a workbook: shown as ``file:sheet:C7`` (line = row, col = column)."""

    sheet: str = ""

    def __str__(self) -> str:
        return f"{self.file}:{self.sheet}:{column_letter(self.col)}{self.line}"


class Sheet:
    """Where the rows being read come from, and the file's collected diagnostics."""

    def __init__(self, rep: Any, title: str | None, source: str) -> None:
        self.rep = rep          # readers.FileReport: the per-file collector (counts per code)
        self.title = title      # sheet name (XLSX) or None (CSV)
        self.source = source    # provenance name of the rows: "file" or "file:sheet"
        self.empty: list[tuple[int, int]] = []   # (row, 0-based col) of empty period cells (XLSX)

    def span(self, row: int, col: int) -> Span:
        if self.title is None:
            return Span(self.rep.file, row, col)
        return CellSpan(self.rep.file, row, col, sheet=self.title)

    def add(self, severity: str, code: str, params: dict, row: int, col: int) -> None:
        """One diagnostic, counted like FileReport.add (at most MAX_PER_CODE listed per code)."""
        rep = self.rep
        n = rep.counts.get(code, 0)
        rep.counts[code] = n + 1
        if n < MAX_PER_CODE:
            make = error if severity == "error" else warning
            rep.diags.append(make(code, Problem(code, params), self.span(row, col)))


# -- reading rows ------------------------------------------------------------------

Point = tuple  # (entity or None, Period, variable, float value or grade text, row)


def read_rows(rows: Iterable[tuple[int, Sequence[Any]]], sheet: Sheet, locale: str) -> list[Point] | None:
    """Data points of one wide sheet, given its non-empty rows as (row number, cells).

    The header is the first row that :func:`looks_wide`; rows above it (a title) are
    skipped. Returns ``None`` when the sheet has no wide header.
    """
    it = iter(rows)
    header: Sequence[Any] | None = None
    header_row = 0
    for r, cells in it:
        if looks_wide(cells):
            header, header_row = cells, r
            break
    if header is None:
        return None
    roles: dict[str, int] = {}
    periods: dict[int, Any] = {}        # column index → Period, or the header text (needs a year)
    title_year = _title_year(sheet.title)
    for i, cell in enumerate(header):
        name = _norm(cell)
        if not name:
            continue
        role = KEY_HEADERS.get(name)
        if role is not None:
            if role in roles:
                sheet.add("error", "wide-header-repeated", {"column": str(cell).strip()}, header_row, i + 1)
            roles.setdefault(role, i)
            continue
        try:
            p = header_period(cell, title_year)
        except NoYear:
            periods[i] = str(cell).strip()
            continue
        if p is not None:
            periods[i] = p
        elif name not in DESCRIPTIVE:
            sheet.add("warning", "wide-column-ignored", {"column": str(cell).strip()}, header_row, i + 1)
    if "key" not in roles:      # "Indikator | Target | Realisasi TW I …": names, no ids
        name_col = next(i for i, c in enumerate(header) if _norm(c) in NAME_HEADERS)
        sheet.add("error", "wide-rows-by-name", {"column": str(header[name_col]).strip()}, header_row,
                  name_col + 1)
        return []
    if "year" not in roles:
        for i, p in periods.items():
            if not isinstance(p, Period):
                sheet.add("error", "wide-header-no-year", {"header": p}, header_row, i + 1)
        if any(not isinstance(p, Period) for p in periods.values()):
            return []
    seen: dict[tuple, int] = {}
    points: list[Point] = []
    key_col, ent_col, year_col = roles["key"], roles.get("entity"), roles.get("year")
    for r, cells in it:
        def cell(i: int | None) -> Any:
            return cells[i] if i is not None and i < len(cells) else None
        if sheet.title is None and len(cells) < len(header):   # CSV: a separator is missing (§8)
            sheet.add("error", "wide-row-short", {"fields": len(cells), "header": len(header)}, r, len(cells) + 1)
            continue
        key = _text(cell(key_col))
        if key is None:
            if any(_filled(cell(i)) for i in periods):
                sheet.add("error", "wide-row-no-key", {}, r, key_col + 1)
            continue
        entity = None
        if ent_col is not None:
            entity, why = _entity_text(cell(ent_col))
            if why:
                sheet.add("error", "wide-bad-entity", {"why": why}, r, ent_col + 1)
                continue
        row_year = None
        if year_col is not None:
            row_year = _year_of(cell(year_col)) or title_year
            if row_year is None and any(not isinstance(p, Period) for p in periods.values()):
                sheet.add("error", "wide-row-no-year", {}, r, year_col + 1)
                continue
        for i, p in periods.items():
            value = cell(i)
            if not _filled(value):
                if sheet.title is not None and value is None:
                    sheet.empty.append((r, i))      # a formula Excel never calculated reads as empty
                continue
            period = p if isinstance(p, Period) else header_period(p, row_year)
            parsed = _value(value, locale, sheet.rep.grades)
            if isinstance(parsed, _Bad):
                sheet.add("error", "wide-bad-number", {"why": parsed.why}, r, i + 1)
                continue
            where = (entity, period.key, key)
            if where in seen:
                sheet.add("error", "wide-duplicate", {"variable": key, "period": period.key,
                                                      "first": seen[where]}, r, i + 1)
                continue
            seen[where] = r
            points.append((entity, period, key, parsed, r))
    return points


def _title_year(title: str | None) -> int | None:
    if not title:
        return None
    found = _YEAR_RE.findall(title)
    return int(found[0]) if len(found) == 1 else None


def _year_of(cell: Any) -> int | None:
    if isinstance(cell, bool) or cell is None:
        return None
    if isinstance(cell, (int, float)) and float(cell).is_integer() and 1000 <= cell <= 9999:
        return int(cell)
    found = _YEAR_RE.findall(str(cell))
    return int(found[0]) if len(found) == 1 else None


def _filled(value: Any) -> bool:
    return value is not None and not (isinstance(value, str) and not value.strip())


def _text(value: Any) -> str | None:
    if not _filled(value):
        return None
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def _entity_text(value: Any) -> tuple[str | None, str | None]:
    """A NIP cell as text; a number too long to be exact is refused (Excel keeps 15 digits)."""
    if not _filled(value):
        return None, None
    if isinstance(value, bool):
        return None, "TRUE/FALSE"
    if isinstance(value, float):
        if value.is_integer() and abs(value) < 2**53:
            return str(int(value)), None
        return None, f"{value:.0f}"
    if isinstance(value, int) and abs(value) >= 2**53:
        return None, str(value)
    return str(value).strip(), None


class _Bad:
    def __init__(self, why: Message) -> None:
        self.why = why


class Grade(str):
    """A text value (a grade such as ``BB``) read from a cell."""


def _value(value: Any, locale: str, grades: Any) -> float | Grade | _Bad:
    if isinstance(value, bool):
        return _Bad(Problem("data-not-a-number", {"text": "TRUE" if value else "FALSE"}))
    if isinstance(value, (int, float)):
        v = float(value)
        return v if math.isfinite(v) else _Bad(Problem("data-value-too-large"))
    if isinstance(value, (_dt.date, _dt.time)):
        return _Bad(Problem("wide-value-date", {"value": str(value)}))
    text = str(value).strip()
    try:
        number = parse_number(text, locale)
    except NumberError as exc:
        ok = (text in grades) if grades is not None else is_label(text)
        return Grade(text) if ok else _Bad(exc.problem)
    return math.nan if number is None else number


# -- the table ------------------------------------------------------------------------

def build_table(parts: Sequence[tuple[str, list[Point]]]) -> DataTable:
    """One DataTable from the points of several sheets, each with its provenance name."""
    points = [p for _, pts in parts for p in pts]
    n = len(points)
    ent_codes, entities = encode_strings([p[0] for p in points])
    var_codes, variables = encode_strings([p[2] for p in points])
    period_index: dict[Period, int] = {}
    pcodes = np.empty(n, np.int32)
    for i, p in enumerate(points):
        pcodes[i] = period_index.setdefault(p[1], len(period_index))
    values = np.array([math.nan if isinstance(p[3], Grade) else p[3] for p in points], np.float64)
    label_codes, labels = None, []
    if any(isinstance(p[3], Grade) for p in points):
        label_codes, labels = encode_strings([str(p[3]) if isinstance(p[3], Grade) else None for p in points])
    files, seg_starts, seg_files, seg_lines = [], [], [], []
    start = 0
    for f, (name, pts) in enumerate(parts):
        files.append(name)
        for k, p in enumerate(pts):   # one segment per point: several points share a row
            seg_starts.append(start + k)
            seg_files.append(f)
            seg_lines.append(p[4])
        start += len(pts)
    return DataTable(ent_codes, entities, pcodes, list(period_index), var_codes, variables, values,
                     files, np.asarray(seg_starts, np.int64), np.asarray(seg_files, np.int32),
                     np.asarray(seg_lines, np.int64), label_codes, labels)


# -- entry points used by readers.py ------------------------------------------------------

def read_wide_csv(rows: Iterable[tuple[int, Sequence[str]]], locale: str, rep: Any) -> DataTable | None:
    """A wide CSV (rows as (line, fields), empty lines left out)."""
    sheet = Sheet(rep, None, rep.file)
    line = getattr(rows, "error", None)
    if line is not None:
        sheet.add("error", "wide-unclosed-quote", {}, line, 1)
        return None
    points = read_rows(rows, sheet, locale)
    if points is None:
        return None
    return build_table([(rep.file, points)])


def read_wide_workbook(wb: Any, locale: str, rep: Any) -> DataTable | None:
    """Every sheet of a workbook with a wide header (the form's instruction sheet has none)."""
    parts: list[tuple[str, list[Point]]] = []
    sheets: list[Sheet] = []
    for ws in wb.worksheets:
        sheet = Sheet(rep, ws.title, f"{rep.file}:{ws.title}")
        rows = ((r, row) for r, row in enumerate(ws.iter_rows(values_only=True), start=1)
                if any(_filled(c) for c in row))
        points = read_rows(rows, sheet, locale)
        if points is not None:
            parts.append((sheet.source, points))
            sheets.append(sheet)
    if not parts:
        rep.add("data-header", Problem("wide-no-sheet"))
        return None
    if any(s.empty for s in sheets) and _formulas_without_values(rep.file, sheets):
        return None
    return build_table(parts)


def _formulas_without_values(path: str, sheets: list[Sheet]) -> bool:
    """Report empty-looking period cells that hold a formula with no stored result (§8): the
    workbook was written by a program that does not calculate (rows.formula_cells)."""
    by_title = {sheet.title: sheet for sheet in sheets}
    found = formula_cells(path, {sheet.title: sheet.empty for sheet in sheets})
    for title, r, c, formula in found:
        by_title[title].add("error", "xlsx-formula-no-value", {"formula": formula}, r, c + 1)
    return bool(found)


def workbook_is_wide(wb: Any) -> bool:
    """True when no sheet has a long-layout header first and some sheet has a wide header
    within its first rows (a title may stand above it)."""
    first = wb.worksheets[0] if wb.worksheets else None
    if first is not None:
        for row in first.iter_rows(values_only=True, max_row=1):
            if {_norm(c) for c in row} & {"period", "periode"}:
                return False
    for ws in wb.worksheets:
        for row in ws.iter_rows(values_only=True, max_row=30):
            if looks_wide(row):
                return True
    return False


def wide_csv_rows(text: str, delimiter: str) -> list[tuple[int, list[str]]] | None:
    """The non-empty rows of a CSV as (line, fields) when one of its first rows is a wide
    header, else ``None`` (the long-layout reader takes the file as it is).

    A malformed CSV is left to the long-layout reader, which reports it at its line.
    """
    rows: list[tuple[int, list[str]]] = []
    wide = False
    try:
        for start, row in csv_rows(text, delimiter):
            if not rows and {_norm(c) for c in row} & {"period", "periode"}:
                return None
            rows.append((start, row))
            if len(rows) <= 30 and not wide:
                wide = looks_wide(row)
            if not wide and len(rows) > 30:
                return None
    except CsvRowError as exc:
        if not wide:
            return None
        broken = _Rows(rows)          # the long reader never sees this file: report it here
        broken.error = exc.line
        return broken
    return rows if wide else None


class _Rows(list):
    """Rows of a wide CSV that stopped at a malformed line (``error``: its line)."""

    error: int | None = None
