"""Data in CSV files (PRODUCT.md §7): long layout here, wide sheets in :mod:`..wide`.
"""
from __future__ import annotations

import csv
import io
import numpy as np
from ...messages import Problem
from ..table import DataTable
from ..filereport import FileReport
from ..tabular import DATA, Layout, long_table, map_header
from .columns import Columns


def read_text(path: str) -> str:
    with open(path, encoding="utf-8-sig", newline="") as f:
        return f.read()


def delimiter_of(text: str) -> str | None:
    """``;`` when the first non-empty line has more of them than commas, else ``,``; ``None``
    for a file without a line."""
    first = next((ln for ln in text.splitlines() if ln.strip()), "")
    if not first:
        return None
    return ";" if first.count(";") > first.count(",") else ","


def read_csv_columns(path: str, rep: FileReport, layout: Layout) -> Columns | None:
    """The columns of a CSV file that ``layout`` maps (the roster's reader)."""
    text = read_text(path)
    delimiter = delimiter_of(text)
    if delimiter is None:
        rep.add(layout.header_code, Problem("csv-empty", {"example": layout.example_header()}))
        return None
    return csv_columns(text, delimiter, rep, layout)


def csv_columns(text: str, delimiter: str, rep: FileReport, layout: Layout) -> Columns | None:
    """The mapped columns of a CSV text, each row at the line it starts on; rows with too many
    or too few fields are reported and left out, a quote never closed stops the file."""
    # strict: a quote left open is an error, never the rest of the file swallowed into one value
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    header: list[str] | None = None
    prev_end = 0
    cells: dict[str, list[str]] = {}
    lines: list[int] = []
    fields: dict[str, int] = {}
    code = layout.row_code
    try:
        for row in reader:
            start = prev_end + 1
            prev_end = reader.line_num
            if not any(c.strip() for c in row):
                continue
            if header is None:
                header = row
                mapped = map_header(row, rep, start, layout)
                if mapped is None:
                    return None
                fields = mapped
                cells = {f: [] for f in fields}
                continue
            if len(row) > len(header) and any(c.strip() for c in row[len(header):]):
                hint = Problem("csv-decimal-comma-hint") if delimiter == "," else ""
                rep.add(code, Problem("csv-row-long", {"fields": len(row), "header": len(header), "hint": hint}),
                        start, len(header) + 1)
                continue
            if len(row) < len(header):
                rep.add(code, Problem("csv-row-short-one" if len(row) == 1 else "csv-row-short",
                                      {"fields": len(row), "header": len(header)}), start, len(row) + 1)
                continue
            for f, i in fields.items():
                cells[f].append(row[i])
            lines.append(start)
    except csv.Error as exc:
        start = prev_end + 1
        rest = text.splitlines(keepends=True)[start - 1:]
        opened = next(csv.reader(io.StringIO("".join(rest), newline=""), delimiter=delimiter), [])
        if str(exc).startswith("unexpected end of data"):
            rep.add(code, Problem("csv-quote-open", {"field": len(opened) or 1}), start, max(len(opened), 1))
        else:
            rep.add(code, Problem("csv-malformed", {"reason": str(exc)}), reader.line_num or start,
                    max(len(opened), 1))
        return None
    if header is None:
        return None
    return Columns(fields, cells, np.asarray(lines, np.int64))


def read_csv(path: str, locale: str, rep: FileReport) -> DataTable | None:
    """A data CSV: the long layout, or a wide sheet with periods as column headers (§10)."""
    text = read_text(path)
    delimiter = delimiter_of(text)
    if delimiter is None:
        rep.add("data-header", Problem("csv-empty", {"example": DATA.example_header()}))
        return None
    from ..wide import read_wide_csv, wide_csv_rows
    wide_rows = wide_csv_rows(text, delimiter)   # periods as column headers (§10)?
    if wide_rows is not None:
        return read_wide_csv(wide_rows, locale, rep)
    cols = csv_columns(text, delimiter, rep, DATA)
    return None if cols is None else long_table(cols, locale, rep)
