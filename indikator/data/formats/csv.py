"""Data in CSV files (PRODUCT.md §7): long layout here, wide sheets in :mod:`..wide`.
"""
from __future__ import annotations

import csv
import re

import numpy as np
from ...messages import Problem
from ..table import DataTable
from ..filereport import FileReport
from ..tabular import DATA, Layout, long_table, map_header
from .columns import Columns
from .rows import CsvRowError, csv_rows


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
    """The columns of a CSV file that ``layout`` maps (the roster's reader). A plain file (no
    quotes, no blank rows) is read by Arrow, its cells Arrow text: a national roster has millions
    of rows. Anything else, and any file Arrow refuses (a row with too many fields, text that is
    not UTF-8), is read row by row, where each problem gets its line."""
    with open(path, "rb") as f:
        raw = f.read()
    data = memoryview(raw)[3:] if raw.startswith(b"\xef\xbb\xbf") else memoryview(raw)
    head_at, body_at = _first_line(raw, len(raw) - len(data))
    if head_at < 0:
        raw.decode("utf-8-sig")          # not UTF-8 text is said as such, before "empty"
        rep.add(layout.header_code, Problem("csv-empty", {"example": layout.example_header()}))
        return None
    head = raw[head_at:body_at].decode("utf-8").rstrip("\r\n")
    delimiter = ";" if head.count(";") > head.count(",") else ","
    header = next(csv.reader([head], delimiter=delimiter))
    header_line = raw.count(b"\n", 0, head_at) + 1
    fields = map_header(header, rep, header_line, layout)
    if fields is None:
        return None
    if '"' not in head and _plain(raw, body_at):
        cols = _arrow_columns(memoryview(raw)[body_at:], delimiter, len(header), fields, header_line)
        if cols is not None:
            return cols
    return csv_columns(raw.decode("utf-8-sig"), delimiter, rep, layout, fields)


def _first_line(raw: bytes, start: int) -> tuple[int, int]:
    """Where the first non-empty line starts and where the bytes after it start (-1, -1 for a
    file without one); found without splitting the whole file."""
    while start < len(raw):
        end = raw.find(b"\n", start)
        end = len(raw) if end < 0 else end
        if raw[start:end].decode("utf-8", "replace").strip():
            return start, min(end + 1, len(raw))
        start = end + 1
    return -1, -1


_BLANK_ROW = re.compile(rb"\n(?:[\s,;]|\xc2\xa0)*\n")


def _plain(raw: bytes, at: int) -> bool:
    """From ``at`` on: no quote, no blank or empty-fields row, no lone carriage return, so
    that every line is one row."""
    if raw.find(b'"', at) >= 0:
        return False
    if raw.find(b"\r", at) >= 0 and raw.count(b"\r", at) != raw.count(b"\r\n", at):
        return False
    if _BLANK_ROW.search(raw, max(at - 1, 0)) is not None:
        return False
    tail = raw[raw.rfind(b"\n") + 1:].decode("utf-8", "replace")
    return not tail or bool(tail.strip(" \t\r\f\v\u00a0,;"))


def _arrow_columns(body: memoryview, delimiter: str, width: int, fields: dict[str, int], header_line: int,
                   ) -> Columns | None:
    """The mapped columns of a plain CSV body read by Arrow; None when Arrow refuses a row (a
    row with too many or too few fields: the row-by-row reader says which)."""
    import pyarrow as pa
    import pyarrow.csv as pcsv

    names = [f"c{i}" for i in range(width)]
    try:
        table = pcsv.read_csv(
            pa.py_buffer(body),
            read_options=pcsv.ReadOptions(column_names=names, block_size=1 << 24),
            parse_options=pcsv.ParseOptions(delimiter=delimiter, quote_char=False),
            convert_options=pcsv.ConvertOptions(column_types={n: pa.string() for n in names},
                                                include_columns=[names[i] for i in fields.values()],
                                                strings_can_be_null=False))
    except pa.ArrowInvalid:
        return None
    cells = {f: table.column(names[i]).combine_chunks() for f, i in fields.items()}
    return Columns(fields, cells, header_line + 1 + np.arange(table.num_rows, dtype=np.int64))


def csv_columns(text: str, delimiter: str, rep: FileReport, layout: Layout,
                fields: dict[str, int] | None = None) -> Columns | None:
    """The mapped columns of a CSV text, each row at the line it starts on; rows with too many
    or too few fields are reported and left out, a quote never closed stops the file.
    ``fields``: the header was mapped already (its problems reported)."""
    header: list[str] | None = None
    mapped_before = fields is not None
    cells: dict[str, list[str]] = {}
    lines: list[int] = []
    fields = fields or {}
    code = layout.row_code
    try:
        for start, row in csv_rows(text, delimiter):
            if header is None:
                header = row
                mapped = fields if mapped_before else map_header(row, rep, start, layout)
                if mapped is None:
                    return None
                fields = mapped
                cells = {f: [] for f in fields}
                continue
            if len(row) > len(header) and any(c.strip() for c in row[len(header):]):
                hint = Problem("csv-decimal-comma-hint") if delimiter == "," and layout.kind == "data" else ""
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
    except CsvRowError as exc:
        if exc.unclosed:
            rep.add(code, Problem("csv-quote-open", {"field": exc.field}), exc.line, exc.field)
        else:
            rep.add(code, Problem("csv-malformed", {"reason": exc.reason}), exc.reader_line, exc.field)
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
