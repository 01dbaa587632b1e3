"""The lowest layer of the tabular readers: a CSV text's rows with their lines, and a
workbook's formula cells. The long layout (csv.py, xlsx.py) and the wide sheets
(:mod:`indikator.data.wide`) both read through these, so a CSV row's line or an Excel formula
without a stored result is found in one place.
"""
from __future__ import annotations

import csv
import io
from typing import Iterable, Iterator


class CsvRowError(Exception):
    """A row the csv module cannot read: ``line`` where it starts, ``field`` the field a quote
    was opened in (1-based), ``unclosed`` when the quote is never closed, ``reason`` the
    module's own words otherwise."""

    def __init__(self, line: int, field: int, unclosed: bool, reason: str, reader_line: int) -> None:
        super().__init__(reason)
        self.line, self.field, self.unclosed, self.reason = line, field, unclosed, reason
        self.reader_line = reader_line      # where the csv module stopped


def csv_rows(text: str, delimiter: str, keep_empty: bool = False) -> Iterator[tuple[int, list[str]]]:
    """The non-empty rows of a CSV text (every row with ``keep_empty``: a grid keeps its rows in
    place) as ``(line it starts on, fields)``; a malformed row raises :class:`CsvRowError`.
    Strict: a quote left open is an error, never the rest of the file swallowed into one value."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    prev_end = 0
    try:
        for row in reader:
            start, prev_end = prev_end + 1, reader.line_num
            if keep_empty or any(c.strip() for c in row):
                yield start, row
    except csv.Error as exc:
        start = prev_end + 1
        rest = text.splitlines(keepends=True)[start - 1:]
        opened = next(csv.reader(io.StringIO("".join(rest), newline=""), delimiter=delimiter), [])
        raise CsvRowError(start, max(len(opened), 1), str(exc).startswith("unexpected end of data"), str(exc),
                          reader.line_num or start) from None


def formula_cells(path: str, wanted: dict[str | None, Iterable[tuple[int, int]]],
                  ) -> list[tuple[str | None, int, int, str]]:
    """The cells of ``wanted`` (sheet title, ``None`` for the first sheet → (row, 0-based
    column)) that hold a formula, as ``(sheet, row, column, formula)``.

    A workbook is read for the values Excel stored (``data_only``); a formula that was never
    calculated and saved by Excel (a file written by a script) has no stored value and reads
    as empty, so a reader reads the workbook a second time, for its formulas, only when some
    data cell was empty.
    """
    import openpyxl

    found: list[tuple[str | None, int, int, str]] = []
    wb = openpyxl.load_workbook(path, read_only=True, data_only=False)
    try:
        for title, cells in wanted.items():
            by_row: dict[int, list[int]] = {}
            for r, c in cells:
                by_row.setdefault(r, []).append(c)
            if not by_row:
                continue
            ws = wb.worksheets[0] if title is None else wb[title]
            for r, row in enumerate(ws.iter_rows(values_only=True, max_row=max(by_row)), start=1):
                for c in sorted(by_row.get(r, ())):
                    if c < len(row) and isinstance(row[c], str) and row[c].startswith("="):
                        found.append((title, r, c, row[c]))
    finally:
        wb.close()
    return found
