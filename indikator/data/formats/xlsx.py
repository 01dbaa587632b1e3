"""Data in Excel workbooks (PRODUCT.md §7): the first sheet, values as Excel stored them.
"""
from __future__ import annotations

from typing import Any
import numpy as np
from ...messages import Problem
from ..table import DataTable
from ..filereport import FileReport
from ..tabular import DATA, Layout, long_table, map_header
from .columns import Columns, cell_text
from .rows import formula_cells


def read_xlsx_columns(path: str, rep: FileReport, layout: Layout) -> Columns | None:
    """The columns of the first sheet that ``layout`` maps (the roster's reader)."""
    import openpyxl

    wb = openpyxl.load_workbook(path, read_only=True, data_only=True)
    try:
        return xlsx_columns(wb, path, rep, layout)
    finally:
        wb.close()


def xlsx_columns(wb: Any, path: str, rep: FileReport, layout: Layout) -> Columns | None:
    """The mapped columns of a workbook's first sheet, values as Excel stored them; the cells
    of ``layout.text`` roles as text (a row with a date or TRUE there is reported and left out).
    A data cell that reads empty because its formula was never calculated is an error."""
    ws = wb.worksheets[0]
    fields: dict[str, int] | None = None
    cells: dict[str, list] = {}
    lines: list[int] = []
    empty: set[tuple[int, int]] = set()   # data cells read as empty: a formula never calculated?
    for r, row in enumerate(ws.iter_rows(values_only=True), start=1):
        if not any(c is not None and str(c).strip() for c in row):
            if fields is not None:   # a row of formulas without results reads as blank, too
                empty.update((r, c) for c in fields.values() if c >= len(row) or row[c] is None)
            continue
        if fields is None:
            fields = map_header(row, rep, r, layout)
            if fields is None:
                return None
            cells = {f: [] for f in fields}
            continue
        empty.update((r, c) for c in fields.values() if c >= len(row) or row[c] is None)
        values: dict[str, Any] = {}
        ok = True
        for f, i in fields.items():
            cell = row[i] if i < len(row) else None
            if f in layout.text:
                cell, why = cell_text(cell, f)
                if why is not None:
                    rep.add(layout.cell_code(f), why, r, i + 1)
                    ok = False
            elif isinstance(cell, str) and not cell.strip():
                cell = None
            values[f] = cell
        if not ok:
            continue
        for f, v in values.items():
            cells[f].append(v)
        lines.append(r)
    if fields is None:
        rep.add(layout.header_code, Problem("xlsx-empty", {"example": layout.example_header(cells=True)}))
        return None
    if formulas_without_values(path, rep, empty):
        return None
    return Columns(fields, cells, np.asarray(lines, np.int64))


def read_xlsx(path: str, locale: str, rep: FileReport) -> DataTable | None:
    """A data workbook: the long layout on its first sheet, or wide sheets / the entry form (§10)."""
    import openpyxl

    wb = openpyxl.load_workbook(path, read_only=True, data_only=True)
    try:
        from ..wide import read_wide_workbook, workbook_is_wide
        if workbook_is_wide(wb):   # periods as column headers, or an entry form (§10)
            return read_wide_workbook(wb, locale, rep)
        cols = xlsx_columns(wb, path, rep, DATA)
    finally:
        wb.close()
    return None if cols is None else long_table(cols, locale, rep)


def formulas_without_values(path: str, rep: FileReport, empty: set[tuple[int, int]]) -> bool:
    """Report the data cells of the first sheet that read empty (``empty``: row, 0-based column)
    because they hold a formula with no stored result (rows.formula_cells); True when any does."""
    if not empty:
        return False
    found = formula_cells(path, {None: empty})
    for _, r, c, formula in found:
        rep.add("data-formula", Problem("xlsx-formula-no-value", {"formula": formula}), r, c + 1)
    return bool(found)
