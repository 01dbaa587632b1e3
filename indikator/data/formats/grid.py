"""A table as a person sees it in Excel: a grid of cells, every row kept in its place.

``audit`` and ``import`` read tables copied from reports — a title and blank lines above the
header, a header repeated on the next page — where the data readers read a data file whose
header is its first line. Both read through here, and here through the same lowest layer as the
data readers (:mod:`.rows`): CSV rows with the line they start on (strict: a quote left open is
an error, never the rest of the file swallowed into one cell) and the workbook's formula cells,
so that a formula Excel never calculated (a workbook written by a script) is an error naming its
cell in all three commands, never a silently empty cell (PRODUCT.md §8).
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from .csv import read_text
from .rows import csv_rows, formula_cells

#: How many lines are looked at to find the CSV delimiter (the title lines above the header have none).
DELIMITER_LINES = 40


@dataclass
class Grid:
    """One sheet (a CSV file is one, without a title). ``values[i][j]`` is the cell at row ``i + 1``,
    column ``j + 1`` (CSV: text; XLSX: the value Excel stored); ``lines[i]`` is where row ``i + 1``
    starts in the file (a CSV cell may hold a line break; in a workbook it is the row number);
    ``formats`` are the cells' Excel number formats (``None`` for CSV)."""

    title: str | None
    values: list[list[Any]]
    lines: list[int]
    formats: list[list[str]] | None = None


class FormulaWithoutValue(Exception):
    """A workbook cell holding a formula with no stored result: ``sheet``, ``row`` (1-based),
    ``column`` (0-based) and ``formula``, the first such cell (reading order)."""

    def __init__(self, sheet: str | None, row: int, column: int, formula: str) -> None:
        super().__init__(formula)
        self.sheet, self.row, self.column, self.formula = sheet, row, column, formula

    @property
    def cell(self) -> str:
        from openpyxl.utils import get_column_letter

        return f"{get_column_letter(self.column + 1)}{self.row}"


def table_delimiter(text: str) -> str:
    """``;``, tab or ``,``: the one found most often in the first lines (a copied table's
    title lines have none of them; Indonesian Excel writes ``;``, which wins a tie)."""
    head = "\n".join(text.splitlines()[:DELIMITER_LINES])
    return max(";\t,", key=head.count)


def read_csv_grid(path: str) -> Grid:
    """The CSV file at ``path`` as one grid (raises :class:`.rows.CsvRowError` for a malformed row)."""
    text = read_text(path)
    values: list[list[Any]] = []
    lines: list[int] = []
    for line, row in csv_rows(text, table_delimiter(text), keep_empty=True):
        values.append(row)
        lines.append(line)
    return Grid(None, values, lines)


def read_xlsx_grids(path: str, first_only: bool = False) -> list[Grid]:
    """Every sheet of the workbook at ``path`` (only the first with ``first_only``), values as Excel
    stored them and their number formats. Raises :class:`FormulaWithoutValue` for the first
    formula cell without a stored result."""
    import openpyxl

    wb = openpyxl.load_workbook(path, read_only=True, data_only=True)
    grids: list[Grid] = []
    empty: dict[str | None, list[tuple[int, int]]] = {}
    try:
        for ws in wb.worksheets[:1] if first_only else wb.worksheets:
            values, formats, lines = [], [], []
            for r, row in enumerate(ws.iter_rows(), start=1):
                values.append([getattr(c, "value", None) for c in row])
                formats.append([getattr(c, "number_format", None) or "General" for c in row])
                lines.append(r)
                empty.setdefault(ws.title, []).extend((r, j) for j, c in enumerate(row)
                                                      if getattr(c, "value", None) is None)
            grids.append(Grid(ws.title, values, lines, formats))
    finally:
        wb.close()
    found = formula_cells(path, empty) if any(empty.values()) else []
    if found:
        order = {g.title: k for k, g in enumerate(grids)}
        sheet, row, column, formula = min(found, key=lambda f: (order.get(f[0], 0), f[1], f[2]))
        raise FormulaWithoutValue(sheet, row, column, formula)
    return grids
