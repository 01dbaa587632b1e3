"""Data in Excel workbooks (PRODUCT.md §7): the first sheet, values as Excel stored them.
"""
from __future__ import annotations

from typing import Any
import numpy as np
from ...messages import Problem
from ..numbers import parse_numbers
from ..table import DataTable, segments_from_lines
from ..filereport import FileReport, MAX_SCAN
from ..tabular import with_notes, build_table, map_header, split_labels


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


def read_xlsx(path: str, locale: str, rep: FileReport) -> DataTable | None:
    import openpyxl

    wb = openpyxl.load_workbook(path, read_only=True, data_only=True)
    try:
        from ..wide import read_wide_workbook, workbook_is_wide
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
                fields = map_header(row, rep, r)
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
    if formulas_without_values(path, fields, rep, empty):
        return None
    if "entity" not in fields:
        del cols["entity"]
    raw_values = cols.pop("value")
    values, errs = parse_numbers(raw_values, locale, max_errors=MAX_SCAN)
    labels = split_labels(rep, len(lines), errs, lambda i: raw_values[i],
                           lambda i: (lines[i], fields["value"] + 1))
    seg_starts, seg_lines = segments_from_lines(np.asarray(lines, np.int64))
    colnum = {f: i + 1 for f, i in fields.items()}
    return with_notes(build_table(rep, len(lines), cols, colnum, seg_starts, seg_lines, locale, values=values,
                              labels=labels), notes)


def formulas_without_values(path: str, fields: dict[str, int], rep: FileReport,
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
                    rep.add("data-formula", Problem("xlsx-formula-no-value", {"formula": row[c]}),
                            r, c + 1)
                    found = True
    finally:
        wb.close()
    return found
