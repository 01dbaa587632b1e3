"""Data files → one :class:`~indikator.data.table.DataTable` (PRODUCT.md §7).

Formats, chosen by extension: CSV (``.csv``), YAML (``.yaml``/``.yml``), JSON
(``.json``), XLSX (``.xlsx``/``.xlsm``) and Parquet (``.parquet``/``.pq``). The
tabular formats share the long layout ``period,variable,value[,entity]``
(Indonesian headers ``periode,variabel,nilai,entitas``); YAML/JSON nest it as
``{period: {variable: value}}`` or ``{entity: {period: {variable: value}}}``.

Positions: for CSV the line in the file (header = line 1) and the 1-based
column of the field; for XLSX the sheet row and column; for YAML/JSON the line
and column of the node; Parquet has no lines, so "line" is the 1-based row
number and the column is the column's position in the schema.

Every problem becomes a :class:`~indikator.diagnostics.Diagnostic` (codes
``data-unreadable``, ``data-header``, ``data-row``, ``data-period``,
``data-variable``, ``data-number``, ``data-duplicate``); at most
:data:`MAX_PER_CODE` of one kind are listed per file, then a count. This module
must not print, raise to the caller, or loop in Python over the rows of a
Parquet file (it is meant for ~10^8 rows).
"""
from __future__ import annotations

import csv
import io
import json
import math
import os
from typing import Any, Callable, Collection, Sequence

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import re

import yaml
from yaml.constructor import ConstructorError, SafeConstructor

from ..diagnostics import Diagnostic, Span, did_you_mean, error, has_errors, warning
from ..input_paths import why_unreadable
from ..messages import Problem
from .numbers import LOCALES, NumberError, ambiguous_message, is_label, parse_number, parse_numbers
from .periods import Period, PeriodError, parse_period
from .table import DataTable, concat, encode_strings, segments_from_lines

MAX_PER_CODE = 20
#: Digits of a YAML/JSON number beyond which it is refused (a float holds ~17; int() stops at 4,300).
MAX_DIGITS = 400
#: Bad values examined one by one before a column is given up as unusable.
MAX_SCAN = 10_000

#: Header name (lower case) → field. English and Indonesian, §7.
HEADER_ALIASES = {
    "period": "period", "periode": "period",
    "variable": "variable", "variabel": "variable",
    "value": "value", "nilai": "value",
    "entity": "entity", "entitas": "entity",
    "note": "note", "keterangan": "note", "catatan": "note",
}
REQUIRED = ("period", "variable", "value")

EXTENSIONS = {
    ".csv": "csv", ".yaml": "yaml", ".yml": "yaml", ".json": "json",
    ".xlsx": "xlsx", ".xlsm": "xlsx", ".parquet": "parquet", ".pq": "parquet",
}


class FileReport:
    """Collects one file's diagnostics, listing at most MAX_PER_CODE per code."""

    def __init__(self, file: str, grades: Collection[str] | None = None) -> None:
        self.file = file
        self.grades = grades
        self.diags: list[Diagnostic] = []
        self.counts: dict[str, int] = {}

    def add(self, code: str, message: str, line: int = 1, col: int = 1,
            severity: str = "error", suggestions: Sequence[str] = (),
            notes: Sequence[str] = ()) -> None:
        n = self.counts.get(code, 0)
        self.counts[code] = n + 1
        if n < MAX_PER_CODE:
            make = error if severity == "error" else warning
            self.diags.append(make(code, message, Span(self.file, line, col), suggestions, notes))

    def more(self, code: str, extra: int) -> None:
        """Count ``extra`` further problems of ``code`` that were not examined one by one."""
        self.counts[code] = self.counts.get(code, 0) + extra

    def finish(self) -> list[Diagnostic]:
        for code, n in self.counts.items():
            if n > MAX_PER_CODE:
                self.diags.append(error(code, f"{n - MAX_PER_CODE} more problems of this kind "
                                              f"({code}) in this file are not listed",
                                        Span(self.file, 1, 1)))
        return self.diags


# -- entry point ---------------------------------------------------------------

def read_data(paths: Sequence[str], locale: str = "C", grades: Collection[str] | None = None,
              ) -> tuple[DataTable | None, list[Diagnostic]]:
    """Read every data file into one table; ``None`` when any error was found.

    All files are read even after an error, so one run lists every problem.
    Duplicated (entity, period, variable) points, within a file or across
    files, are errors naming both lines.

    Text values that are grades (``BB``) are kept in the table's ``labels``:
    with ``grades`` given, exactly those texts are accepted; without it, any
    letters-only text (see :func:`~indikator.data.numbers.is_label`) -- the
    store then checks it against the indicator's scale.
    """
    diags: list[Diagnostic] = []
    if locale not in LOCALES:
        return None, [error("data-locale", f"unknown number locale '{locale}'; use C or id",
                            suggestions=did_you_mean(locale, LOCALES))]
    tables: list[DataTable] = []
    for path in paths:
        table, d = read_file(path, locale, grades)
        diags.extend(d)
        if table is not None:
            tables.append(table)
    if has_errors(diags):
        return None, diags
    table = concat(tables)
    diags.extend(find_duplicates(table))
    if has_errors(diags):
        return None, diags
    return table, diags


def read_file(path: str, locale: str = "C", grades: Collection[str] | None = None,
              ) -> tuple[DataTable | None, list[Diagnostic]]:
    """Read one data file, dispatching on its extension."""
    problem = why_unreadable(path)
    if problem is not None:   # before open: a FIFO would block, a folder would say "does not exist"
        if problem.code == "path-directory":
            problem = Problem("data-folder-empty", {"path": path, "extensions": ", ".join(sorted(EXTENSIONS))})
        return None, [error("data-unreadable", "data file " + problem.render("en"), Span(path, 1, 1))]
    ext = os.path.splitext(path)[1].lower()
    kind = EXTENSIONS.get(ext)
    if kind is None:
        return None, [error("data-unreadable",
                            f"cannot read data file '{path}': unknown extension '{ext}' "
                            f"(use .csv, .yaml, .yml, .json, .xlsx or .parquet)",
                            Span(path, 1, 1))]
    rep = FileReport(path, grades)
    try:
        reader: Callable[[str, str, FileReport], DataTable | None] = {
            "csv": _read_csv, "yaml": _read_yaml, "json": _read_yaml,
            "xlsx": _read_xlsx, "parquet": _read_parquet}[kind]
        table = reader(path, locale, rep)
    except (OSError, UnicodeDecodeError) as exc:
        rep.add("data-unreadable", f"cannot read '{path}': {_reason(exc)}")
        table = None
    except Exception as exc:  # a damaged file must become a diagnostic, not a traceback
        rep.add("data-unreadable", f"cannot read '{path}': {type(exc).__name__}: {exc}")
        table = None
    diags = rep.finish()
    return (None if has_errors(diags) else table), diags


def _reason(exc: Exception) -> str:
    if isinstance(exc, UnicodeDecodeError):
        return "the file is not UTF-8 text (save it as 'CSV UTF-8')"
    return exc.strerror or str(exc) if isinstance(exc, OSError) else str(exc)


# -- shared tabular builder ------------------------------------------------------

def _map_header(names: Sequence[Any], rep: FileReport, line: int = 1,
                ) -> dict[str, int] | None:
    """Field → 0-based column index, or None (with diagnostics) when unusable."""
    found: dict[str, int] = {}
    unknown: dict[str, int] = {}
    for i, raw in enumerate(names):
        name = "" if raw is None else str(raw).strip().lower()
        field = HEADER_ALIASES.get(name)
        if field is None:
            if name:
                unknown.setdefault(name, i)
            continue
        if field in found:
            rep.add("data-header", f"column '{name}' repeats the {field} column "
                    f"(column {found[field] + 1})", line, i + 1)
            continue
        found[field] = i
    missing = [f for f in REQUIRED if f not in found]
    misspelt: set[str] = set()
    for f in missing:
        aliases = [k for k, v in HEADER_ALIASES.items() if v == f]
        near = [(u, did_you_mean(u, aliases)) for u in unknown]
        near = [(u, s) for u, s in near if s]
        if near:
            u, sugg = near[0]
            misspelt.add(u)
            rep.add("data-header", f"required column '{f}' (or '{aliases[1]}') is missing; "
                    f"is column '{u}' a misspelling?", line, unknown[u] + 1, suggestions=sugg)
        else:
            rep.add("data-header", f"required column '{f}' (or '{aliases[1]}') is missing "
                    f"from the header", line, 1)
    for u, i in unknown.items():
        if u not in misspelt:
            rep.add("data-header", f"column '{u}' is not a data column and is ignored "
                    f"(expected {', '.join(REQUIRED)}, optional entity and note)", line, i + 1,
                    severity="warning", suggestions=did_you_mean(u, HEADER_ALIASES))
    return None if missing else found


def _encoded(column: Any) -> tuple[np.ndarray, list[str]]:
    """``(codes, texts)`` of a text column, unless the reader already encoded it."""
    if isinstance(column, tuple):
        return column
    return encode_strings(column)


def _split_labels(rep: FileReport, n: int, errs: list[tuple[int, str]],
                  text_at: Callable[[int], Any], where: Callable[[int], tuple[int, int]],
                  ) -> tuple[np.ndarray | None, list[str]]:
    """Sort the values that did not parse as numbers into grades and errors."""
    codes: np.ndarray | None = None
    labels: list[str] = []
    index: dict[str, int] = {}
    for i, msg in errs:
        raw = text_at(i)
        text = "" if raw is None else str(raw).strip()
        ok = (text in rep.grades) if rep.grades is not None else is_label(text)
        if not ok:
            if rep.grades is not None and is_label(text):
                msg = (f"'{text}' is neither a number nor a grade "
                       f"({', '.join(sorted(rep.grades)) or 'no grade scale'})")
            rep.add("data-number", msg, *where(i))
            continue
        if codes is None:
            codes = np.full(n, -1, np.int32)
        k = index.setdefault(text, len(labels))
        if k == len(labels):
            labels.append(text)
        codes[i] = k
    if len(errs) >= MAX_SCAN:
        last = errs[-1][0]
        rep.add("data-number", f"more than {MAX_SCAN} values are not numbers; the rest of "
                f"the column after this row was not examined", *where(last))
    return codes, labels


def _any_negative(codes: np.ndarray) -> bool:
    """``(codes < 0).any()`` without a full-length temporary."""
    return bool(len(codes)) and int(np.min(codes)) < 0


def _build(rep: FileReport, n: int, columns: dict[str, Any], colnum: dict[str, int],
           seg_starts: np.ndarray, seg_lines: np.ndarray, locale: str,
           values: np.ndarray | None = None,
           labels: tuple[np.ndarray | None, list[str]] = (None, [])) -> DataTable | None:
    """Encode the text columns of a long-layout table and parse its values.

    ``columns`` holds ``period``, ``variable``, optional ``entity`` and (unless
    ``values`` is given already parsed) ``value``, as Python lists or Arrow
    arrays. Each distinct period text is parsed once.
    """
    def line_of(i: int) -> int:
        k = int(np.searchsorted(seg_starts, i, side="right")) - 1
        return int(seg_lines[k] + (i - seg_starts[k]))

    def report_rows(code: str, rows: np.ndarray, message: Callable[[int], str], col: int) -> None:
        for i in rows[:MAX_PER_CODE]:
            rep.add(code, message(int(i)), line_of(int(i)), col)
        if len(rows) > MAX_PER_CODE:
            rep.more(code, len(rows) - MAX_PER_CODE)

    # periods
    raw_codes, texts = _encoded(columns["period"])
    canon = np.full(len(texts) + 1, -1, np.int32)
    periods: list[Period] = []
    index: dict[Period, int] = {}
    bad: dict[int, str] = {}
    for j, text in enumerate(texts):
        try:
            p = parse_period(text)
        except PeriodError as exc:
            bad[j] = str(exc)
            continue
        canon[j] = index.setdefault(p, len(periods))
        if canon[j] == len(periods):
            periods.append(p)
    if _any_negative(raw_codes):
        report_rows("data-period", np.flatnonzero(raw_codes < 0),
                    lambda i: "the period is empty", colnum["period"])
    if bad:
        rows = np.flatnonzero(np.isin(raw_codes, np.fromiter(bad, np.int32)))
        report_rows("data-period", rows, lambda i: bad[int(raw_codes[i])], colnum["period"])
    if np.array_equal(canon[:-1], np.arange(len(texts))):
        period_codes = raw_codes          # every text canonical and distinct: codes as they are
    else:
        period_codes = canon[raw_codes]

    var_codes, variables = _encoded(columns["variable"])
    if _any_negative(var_codes):
        report_rows("data-variable", np.flatnonzero(var_codes < 0),
                    lambda i: "the variable name is empty", colnum["variable"])

    if "entity" in columns:
        ent_codes, entities = _encoded(columns["entity"])
    else:
        ent_codes, entities = np.full(n, -1, np.int32), []

    if values is None:
        values, errs = parse_numbers(columns["value"], locale, max_errors=MAX_SCAN)
        column = columns["value"]
        labels = _split_labels(rep, n, errs, lambda i: column[i],
                               lambda i: (line_of(i), colnum["value"]))
    return DataTable(ent_codes, entities, period_codes.astype(np.int32, copy=False), periods,
                     var_codes, variables, np.asarray(values, np.float64),
                     [rep.file], seg_starts.astype(np.int64),
                     np.zeros(len(seg_starts), np.int32), seg_lines.astype(np.int64),
                     labels[0], labels[1])


# -- CSV -----------------------------------------------------------------------

def _read_csv(path: str, locale: str, rep: FileReport) -> DataTable | None:
    with open(path, encoding="utf-8-sig", newline="") as f:
        text = f.read()
    first = next((ln for ln in text.splitlines() if ln.strip()), "")
    if not first:
        rep.add("data-header", "the CSV file is empty: expected a header such as period,variable,value")
        return None
    delimiter = ";" if first.count(";") > first.count(",") else ","
    from .wide import read_wide_csv, wide_csv_rows
    wide_rows = wide_csv_rows(text, delimiter)   # periods as column headers (§10)?
    if wide_rows is not None:
        return read_wide_csv(wide_rows, locale, rep)
    # strict: a quote left open is an error, never the rest of the file swallowed into one value
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    header: list[str] | None = None
    header_line = 1
    prev_end = 0
    ent: list[str] = []
    per: list[str] = []
    var: list[str] = []
    val: list[str] = []
    lines: list[int] = []
    notes: list[tuple] = []
    fields: dict[str, int] = {}
    try:
        for row in reader:
            start = prev_end + 1
            prev_end = reader.line_num
            if not any(c.strip() for c in row):
                continue
            if header is None:
                header, header_line = row, start
                mapped = _map_header(row, rep, start)
                if mapped is None:
                    return None
                fields = mapped
                continue
            if len(row) > len(header) and any(c.strip() for c in row[len(header):]):
                hint = ""
                if delimiter == ",":
                    hint = (" — an unquoted decimal comma such as 92,85? quote the value "
                            "(\"92,85\") or use ';' as the delimiter")
                rep.add("data-row", f"this row has {len(row)} fields but the header has "
                        f"{len(header)}{hint}", start, len(header) + 1)
                continue
            if len(row) < len(header):
                rep.add("data-row", f"this row has {len(row)} field{'s' * (len(row) != 1)} but the header "
                        f"has {len(header)}: a separator is missing (an empty value is written as an "
                        f"empty field, e.g. 2024,x,)", start, len(row) + 1)
                continue
            get = lambda f: row[fields[f]] if fields[f] < len(row) else ""  # noqa: E731
            per.append(get("period"))
            var.append(get("variable"))
            val.append(get("value"))
            if "entity" in fields:
                ent.append(get("entity"))
            if "note" in fields and get("note").strip():
                notes.append((get("entity") if "entity" in fields else None, get("period"), get("variable"),
                              get("note")))
            lines.append(start)
    except csv.Error as exc:
        start = prev_end + 1
        rest = text.splitlines(keepends=True)[start - 1:]
        opened = next(csv.reader(io.StringIO("".join(rest), newline=""), delimiter=delimiter), [])
        if str(exc).startswith("unexpected end of data"):
            rep.add("data-row", f"a quote (\") opened in field {len(opened) or 1} of this row is never "
                    f"closed: the rest of the file would be read as one value; close the quote",
                    start, max(len(opened), 1))
        else:
            rep.add("data-row", f"malformed CSV: {exc}", reader.line_num or start,
                    max(len(opened), 1))
        return None
    if header is None:
        return None
    seg_starts, seg_lines = segments_from_lines(np.asarray(lines, np.int64))
    cols: dict[str, Any] = {"period": per, "variable": var, "value": val}
    if "entity" in fields:
        cols["entity"] = ent
    colnum = {f: i + 1 for f, i in fields.items()}
    return _with_notes(_build(rep, len(lines), cols, colnum, seg_starts, seg_lines, locale), notes)


def _with_notes(table: DataTable | None, notes: list[tuple]) -> DataTable | None:
    """Attach the planner's notes, their periods read as everywhere else (bad ones are reported already)."""
    if table is None or not notes:
        return table
    out = []
    for entity, period, variable, text in notes:
        try:
            p = parse_period(str(period).strip())
        except PeriodError:
            continue
        ent = str(entity).strip() if entity is not None and str(entity).strip() else None
        out.append((ent, p, str(variable).strip(), " ".join(str(text).split())))
    table.notes = out
    return table


# -- XLSX ----------------------------------------------------------------------

def _cell_text(value: Any, what: str) -> tuple[str | None, str | None]:
    """Text of a period/variable/entity cell, or (None, why not)."""
    import datetime as _dt
    if value is None:
        return None, None
    if isinstance(value, bool):
        return None, f"{what} cell holds TRUE/FALSE"
    if isinstance(value, (_dt.date, _dt.datetime, _dt.time)):
        return None, (f"{what} cell holds a date ({value}); Excel turned the text into a date — "
                      f"format the column as text and write e.g. 2024-01")
    if isinstance(value, int):
        return str(value), None
    if isinstance(value, float):
        if value.is_integer() and abs(value) < 2**53:
            return str(int(value)), None
        if value.is_integer():
            return None, (f"{what} cell holds the number {value:.0f}, too long to be exact "
                          f"(Excel keeps 15 digits); format the column as text")
        return None, f"{what} cell holds the number {value}, expected text"
    return str(value), None


def _read_xlsx(path: str, locale: str, rep: FileReport) -> DataTable | None:
    import openpyxl

    wb = openpyxl.load_workbook(path, read_only=True, data_only=True)
    try:
        from .wide import read_wide_workbook, workbook_is_wide
        if workbook_is_wide(wb):   # periods as column headers, or an entry form (§10)
            return read_wide_workbook(wb, locale, rep)
        ws = wb.worksheets[0]
        fields: dict[str, int] | None = None
        cols: dict[str, list] = {"period": [], "variable": [], "value": [], "entity": []}
        lines: list[int] = []
        notes: list[tuple] = []
        empty: set[tuple[int, int]] = set()   # data cells read as empty: a formula never calculated?
        for r, row in enumerate(ws.iter_rows(values_only=True), start=1):
            if not any(c is not None and str(c).strip() for c in row):
                if fields is not None:   # a row of formulas without results reads as blank, too
                    empty.update((r, c) for c in fields.values() if c >= len(row) or row[c] is None)
                continue
            if fields is None:
                fields = _map_header(row, rep, r)
                if fields is None:
                    return None
                continue
            empty.update((r, c) for c in fields.values() if c >= len(row) or row[c] is None)
            ok = True
            texts: dict[str, str | None] = {}
            for f in ("period", "variable", "entity"):
                if f not in fields:
                    continue
                cell = row[fields[f]] if fields[f] < len(row) else None
                texts[f], why = _cell_text(cell, f)
                if why:
                    rep.add("data-period" if f == "period" else "data-variable"
                            if f == "variable" else "data-row", why, r, fields[f] + 1)
                    ok = False
            if not ok:
                continue
            for f, t in texts.items():
                cols[f].append(t)
            v = row[fields["value"]] if fields["value"] < len(row) else None
            if isinstance(v, str) and not v.strip():
                v = None
            cols["value"].append(v)
            if "note" in fields and fields["note"] < len(row) and row[fields["note"]] is not None \
                    and str(row[fields["note"]]).strip():
                notes.append((texts.get("entity"), texts.get("period"), texts.get("variable"), row[fields["note"]]))
            lines.append(r)
    finally:
        wb.close()
    if fields is None:
        rep.add("data-header", "the first sheet is empty: expected a header row such as "
                               "period, variable, value")
        return None
    if _formulas_without_values(path, fields, rep, empty):
        return None
    if "entity" not in fields:
        del cols["entity"]
    raw_values = cols.pop("value")
    values, errs = parse_numbers(raw_values, locale, max_errors=MAX_SCAN)
    labels = _split_labels(rep, len(lines), errs, lambda i: raw_values[i],
                           lambda i: (lines[i], fields["value"] + 1))
    seg_starts, seg_lines = segments_from_lines(np.asarray(lines, np.int64))
    colnum = {f: i + 1 for f, i in fields.items()}
    return _with_notes(_build(rep, len(lines), cols, colnum, seg_starts, seg_lines, locale, values=values,
                              labels=labels), notes)


def _formulas_without_values(path: str, fields: dict[str, int], rep: FileReport,
                             empty: set[tuple[int, int]] | None = None) -> bool:
    """Report formula cells of the data columns that have no stored result.

    The workbook is read for the values Excel stored (``data_only``); a formula that was
    never calculated and saved by Excel (a file written by a script, or by a program that
    does not calculate) has no stored value and reads as empty -- a missing value would be
    silently wrong. Only when some data cell is empty is the sheet read a second time, for
    its formulas. ``empty`` holds the (row, 0-based column) of the empty data cells when the
    caller noted them while reading; otherwise they are found here.
    """
    import openpyxl

    wanted = sorted(fields.values())
    if empty is None:
        empty = set()
        wb = openpyxl.load_workbook(path, read_only=True, data_only=True)
        try:
            for r, row in enumerate(wb.worksheets[0].iter_rows(values_only=True), start=1):
                for c in wanted:
                    if c >= len(row) or row[c] is None:
                        empty.add((r, c))
        finally:
            wb.close()
    if not empty:
        return False
    found = False
    wb = openpyxl.load_workbook(path, read_only=True, data_only=False)
    try:
        for r, row in enumerate(wb.worksheets[0].iter_rows(values_only=True), start=1):
            for c in wanted:
                if (r, c) in empty and c < len(row) and isinstance(row[c], str) and row[c].startswith("="):
                    rep.add("data-formula", Problem("xlsx-formula-no-value", {"formula": row[c]}).render("en"),
                            r, c + 1)
                    found = True
    finally:
        wb.close()
    return found


# -- Parquet -------------------------------------------------------------------

def _read_parquet(path: str, locale: str, rep: FileReport) -> DataTable | None:
    """Column by column, dictionary-encoded by Arrow: no Python loop per row."""
    import pyarrow.parquet as pq

    pf = pq.ParquetFile(path)
    names = pf.schema_arrow.names
    fields = _map_header(names, rep, 1)
    if fields is None:
        return None
    n = pf.metadata.num_rows
    cols: dict[str, Any] = {}
    for f in ("period", "variable", "entity"):
        if f in fields:
            name = names[fields[f]]
            # Read as dictionary and encode at once, one column at a time, so
            # the texts of ~10^8 rows are never all materialized together.
            column = pq.read_table(path, columns=[name], read_dictionary=[name]).column(0)
            cols[f] = encode_strings(column)
            del column
    value_name = names[fields["value"]]
    seg_starts = np.zeros(1 if n else 0, np.int64)
    seg_lines = np.ones(1 if n else 0, np.int64)
    colnum = {f: i + 1 for f, i in fields.items()}
    vt = pf.schema_arrow.field(value_name).type
    if pa.types.is_integer(vt) or pa.types.is_floating(vt) or pa.types.is_decimal(vt):
        # Numbers already: cast batch by batch into one array, so the column is
        # never held twice (as Arrow buffers and as numpy) at full length.
        values = np.empty(n, np.float64)
        offset = 0
        for batch in pf.iter_batches(batch_size=1 << 20, columns=[value_name]):
            chunk = batch.column(0)
            values[offset:offset + len(chunk)] = (
                pc.cast(chunk, pa.float64()).to_numpy(zero_copy_only=False))
            offset += len(chunk)
        labels: tuple[np.ndarray | None, list[str]] = (None, [])
    else:
        value_col = pq.read_table(path, columns=[value_name]).column(0)
        values, errs = parse_numbers(value_col, locale, max_errors=MAX_SCAN)
        labels = _split_labels(rep, n, errs, lambda i: value_col[i].as_py(),
                               lambda i: (i + 1, colnum["value"]))
        del value_col
    return _build(rep, n, cols, colnum, seg_starts, seg_lines, locale, values=values,
                  labels=labels)


# -- YAML / JSON -----------------------------------------------------------------

_AMBIGUOUS_DOT = re.compile(r"[+-]?[1-9][0-9]{0,2}\.[0-9]{3}")   # 4.624 (PRODUCT.md §7.1)
_NULL = "tag:yaml.org,2002:null"
_INT = "tag:yaml.org,2002:int"
_FLOAT = "tag:yaml.org,2002:float"
_STR = "tag:yaml.org,2002:str"
_BOOL = "tag:yaml.org,2002:bool"


def _compose(path: str, text: str, rep: FileReport) -> tuple[yaml.Node | None, bool]:
    """The node tree with positions; (None, False) after reporting a syntax error.

    JSON is read through the YAML composer too (for positions); the rare JSON
    that YAML 1.1 rejects is read with ``json`` and positions fall back to line 1.
    """
    is_json = path.lower().endswith(".json")
    from ..load.yaml_source import _nesting_error

    too_deep = _nesting_error(path, text)   # deep nesting would overflow the stack (or C's)
    if too_deep is not None:
        span = too_deep.span
        rep.add("data-unreadable", too_deep.message.replace("YAML", "JSON" if is_json else "YAML"),
                span.line if span else 1, span.col if span else 1)
        return None, False
    if is_json:  # JSON is checked as JSON (YAML would accept e.g. a trailing comma)
        try:
            # an integer too long for Python's int() is left to the value check, with its position
            obj = json.loads(text, parse_int=lambda t: int(t) if len(t) <= MAX_DIGITS else math.inf)
        except json.JSONDecodeError as jexc:
            rep.add("data-unreadable", f"invalid JSON: {jexc.msg}", jexc.lineno, jexc.colno)
            return None, False
        except RecursionError:
            rep.add("data-unreadable", "JSON nested too deeply; refused")
            return None, False
    try:
        return yaml.compose(text, Loader=yaml.SafeLoader), True
    except yaml.MarkedYAMLError as exc:
        if is_json:
            return yaml.compose(json.dumps(obj), Loader=yaml.SafeLoader), False
        mark = exc.problem_mark or exc.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        rep.add("data-unreadable", f"invalid YAML: {exc.problem or exc}", line, col)
        return None, False
    except yaml.YAMLError as exc:
        rep.add("data-unreadable", f"invalid YAML: {exc}")
        return None, False


def _read_yaml(path: str, locale: str, rep: FileReport) -> DataTable | None:
    with open(path, encoding="utf-8-sig") as f:
        text = f.read()
    root, positioned = _compose(path, text, rep)
    if root is None:
        return None if rep.counts else _build_points(rep, [], locale)
    is_json = path.lower().endswith(".json")

    def pos(node: yaml.Node) -> tuple[int, int]:
        if not positioned:
            return 1, 1
        return node.start_mark.line + 1, node.start_mark.column + 1

    if not isinstance(root, yaml.MappingNode):
        rep.add("data-unreadable", "expected a mapping {period: {variable: value}} or "
                                   "{entity: {period: {variable: value}}}", *pos(root))
        return None
    points: list[tuple[str | None, Period, str, float, int]] = []
    constructor = SafeConstructor()

    def period_block(entity: str | None, key: yaml.Node, block: yaml.Node) -> None:
        try:
            period = parse_period(str(key.value))
        except PeriodError as exc:
            rep.add("data-period", str(exc), *pos(key))
            return
        if not isinstance(block, yaml.MappingNode):
            rep.add("data-row", f"under period {period} expected a mapping "
                                f"{{variable: value}}", *pos(block))
            return
        for vk, vv in block.value:
            name = str(vk.value).strip() if isinstance(vk, yaml.ScalarNode) else ""
            line, col = pos(vk)
            if not name:
                rep.add("data-variable", "the variable name is empty or not text", line, col)
                continue
            value = _scalar_value(vv, locale, is_json, constructor, rep, pos(vv))
            if value is not _BAD:
                points.append((entity, period, name, value, line))

    for key, block in root.value:
        if not isinstance(key, yaml.ScalarNode) or key.tag == _NULL:
            rep.add("data-row", "a top-level key must be a period or an entity id", *pos(key))
            continue
        nested = (isinstance(block, yaml.MappingNode) and block.value
                  and all(isinstance(v, yaml.MappingNode) for _, v in block.value))
        if nested:  # {entity: {period: {variable: value}}}
            entity = str(key.value).strip()
            for pk, pv in block.value:
                period_block(entity, pk, pv)
        else:  # {period: {variable: value}}
            period_block(None, key, block)
    return _build_points(rep, points, locale)


class _Bad:
    pass


class _Label(str):
    """A grade read from YAML/JSON."""


_BAD: Any = _Bad()


def _scalar_value(node: yaml.Node, locale: str, is_json: bool, constructor: SafeConstructor,
                  rep: FileReport, where: tuple[int, int]) -> float | Any:
    """The float of a YAML value node (NaN for null/empty), or _BAD after reporting."""
    if not isinstance(node, yaml.ScalarNode):
        rep.add("data-number", "expected a number here, found a list or mapping", *where)
        return _BAD
    if node.tag == _NULL:
        return float("nan")
    if node.tag in (_INT, _FLOAT):
        text = node.value.strip()
        digits = sum(ch.isdigit() for ch in text)
        if digits > MAX_DIGITS:
            rep.add("data-number", f"a number of {digits} digits ({text[:12]}…) is too large to be a "
                    f"value", *where)
            return _BAD
        if (locale == "C" and not is_json and node.tag == _FLOAT and node.style is None
                and _AMBIGUOUS_DOT.fullmatch(text)):
            rep.add("data-number", ambiguous_message(text, text), *where)
            return _BAD
        if (locale == "id" and not is_json and node.tag == _FLOAT and node.style is None
                and _is_grouped_id(text)):
            rep.add("data-number", f"'{text}' depends on the locale: YAML reads it as "
                    f"{float(text):g}, Indonesian formatting as {text.replace('.', '')}; "
                    f"write {text.replace('.', '')} or quote it (\"{text}\")", *where)
            return _BAD
        try:
            return float(constructor.construct_object(node))
        except (ConstructorError, ValueError, TypeError):
            rep.add("data-number", f"'{text}' is not a number", *where)
            return _BAD
    if node.tag == _BOOL:
        rep.add("data-number", f"'{node.value}' is a yes/no value, not a number", *where)
        return _BAD
    try:
        value = parse_number(str(node.value), locale)
    except NumberError as exc:
        codes, labels = _split_labels(rep, 1, [(0, str(exc))], lambda i: node.value,
                                      lambda i: where)
        return _Label(labels[0]) if labels else _BAD
    return float("nan") if value is None else value


def _is_grouped_id(text: str) -> bool:
    import re
    return re.fullmatch(r"[+-]?[0-9]{1,3}(\.[0-9]{3})+", text) is not None


def _build_points(rep: FileReport, points: list[tuple[str | None, Period, str, float, int]],
                  locale: str) -> DataTable:
    """A table from already parsed points (small files: YAML/JSON)."""
    n = len(points)
    ent_codes, entities = encode_strings([p[0] for p in points])
    period_index: dict[Period, int] = {}
    periods: list[Period] = []
    pcodes = np.empty(n, np.int32)
    for i, p in enumerate(points):
        k = period_index.get(p[1])
        if k is None:
            k = period_index[p[1]] = len(periods)
            periods.append(p[1])
        pcodes[i] = k
    var_codes, variables = encode_strings([p[2] for p in points])
    values = np.array([math.nan if isinstance(p[3], _Label) else p[3] for p in points], np.float64)
    label_codes, labels = None, []
    if any(isinstance(p[3], _Label) for p in points):
        label_codes, labels = encode_strings([str(p[3]) if isinstance(p[3], _Label) else None
                                              for p in points])
    lines = np.array([p[4] for p in points], np.int64)
    seg_starts, seg_lines = segments_from_lines(lines)
    return DataTable(ent_codes, entities, pcodes, periods, var_codes, variables, values,
                     [rep.file], seg_starts, np.zeros(len(seg_starts), np.int32), seg_lines,
                     label_codes, labels)


# -- duplicates ------------------------------------------------------------------

def find_duplicates(table: DataTable, limit: int = MAX_PER_CODE) -> list[Diagnostic]:
    """Errors for (entity, period, variable) points given more than once, naming both lines.

    Works group by group over the (variable, period) grouping of the table: a
    group's entity codes are checked with a sort when the group is small and a
    bincount when it is large, so the cost stays linear in the rows.
    """
    diags: list[Diagnostic] = []
    total = 0
    g = table.grouping()
    if g.dense is not None:
        return diags          # the dense grouping holds one row per cell: nothing is duplicated
    ne = len(table.entities)
    seen: np.ndarray | None = None
    for gi in range(len(g)):
        rows = g.rows(gi)
        if len(rows) < 2:
            continue
        codes = table.entity_codes[rows]
        if len(codes) * 16 < ne + 1:
            s = np.sort(codes)
            dup = np.unique(s[1:][s[1:] == s[:-1]])
        else:
            # the usual answer is "none": as many distinct codes as rows, checked
            # with one reused mask before counting (and listing) anything
            if seen is None:
                seen = np.zeros(ne + 1, bool)
            seen[codes + 1] = True
            distinct = int(np.count_nonzero(seen))
            seen[:] = False
            if distinct == len(codes):
                continue
            dup = np.flatnonzero(np.bincount(codes + 1, minlength=ne + 1) > 1) - 1
        if not len(dup):
            continue
        total += len(dup)
        for d in dup:
            if len(diags) >= limit:
                break
            first, second = rows[codes == d][:2]
            f1, l1 = table.provenance(int(first))
            f2, l2 = table.provenance(int(second))
            period = table.periods[int(g.group_period[gi])]
            var = table.variables[int(g.group_variable[gi])]
            ent = "no entity" if d < 0 else f"entity {table.entities[int(d)]}"
            where1 = f"line {l1}" if f1 == f2 else f"{f1}:{l1}"
            diags.append(error(
                "data-duplicate",
                f"data point ({ent}, period {period}, variable {var}) is given twice: "
                f"here and at {where1}",
                Span(f2, l2, 1), notes=(f"first given at {f1}:{l1}",)))
    if total > limit:
        diags.append(error("data-duplicate", f"{total - limit} more duplicated data points "
                                             f"are not listed"))
    return diags
