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

import os
from typing import Any, Callable, Collection, Sequence

import numpy as np


from .. import formats
from ..diagnostics import Diagnostic, Span, did_you_mean, error, has_errors
from ..input_paths import why_unreadable
from ..messages import Problem, one_of
from .numbers import LOCALES
from .table import DataTable, concat
from .filereport import FileReport, MAX_PER_CODE
from .filereport import library_said, unreadable_reason
from .formats.csv import read_csv, read_csv_columns
from .formats.parquet import read_parquet, read_parquet_columns
from .formats.xlsx import read_xlsx, read_xlsx_columns
from .tabular import Layout


EXTENSIONS = formats.DATA            # extension → format (indikator/formats.py; READERS below)


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
        return None, [error("data-locale", Problem("data-locale-unknown", {"locale": locale}),
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
        return None, [error("data-unreadable", Problem("data-file-problem", {"problem": problem}), Span(path, 1, 1))]
    ext = os.path.splitext(path)[1].lower()
    kind = EXTENSIONS.get(ext)
    if kind is None:
        return None, [error("data-unreadable", Problem("data-unknown-extension", {
            "path": path, "ext": ext, "extensions": one_of(formats.extensions(EXTENSIONS))}), Span(path, 1, 1))]
    rep = FileReport(path, grades)
    try:
        table = READERS[kind](path, locale, rep)
    except (OSError, UnicodeDecodeError) as exc:
        rep.add("data-unreadable", Problem("data-cannot-read", {"path": path, "reason": unreadable_reason(exc)}))
        table = None
    except Exception as exc:  # a damaged file must become a diagnostic, not a traceback
        rep.add("data-unreadable", Problem("data-cannot-read", {"path": path, "reason": library_said(exc)}))
        table = None
    diags = rep.finish()
    return (None if has_errors(diags) else table), diags


def read_yaml(path: str, locale: str, rep: FileReport) -> DataTable | None:
    """:func:`.formats.yaml.read_yaml`, imported when a YAML or JSON data file is read (it
    brings PyYAML): a command reading CSV data need not load it."""
    from .formats.yaml import read_yaml as read

    return read(path, locale, rep)


#: format (indikator/formats.py) → the reader of its data files
READERS: dict[str, Callable[[str, str, FileReport], DataTable | None]] = {
    "csv": read_csv, "yaml": read_yaml, "json": read_yaml, "xlsx": read_xlsx, "parquet": read_parquet}
#: tabular format → the reader of its raw columns, ``(path, report, layout) → columns`` (the roster
#: reads through these; the data readers above build on the same)
COLUMN_READERS: dict[str, Callable[[str, FileReport, Layout], Any]] = {
    "csv": read_csv_columns, "xlsx": read_xlsx_columns, "parquet": read_parquet_columns}


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
            ent = Problem("dup-no-entity") if d < 0 else Problem("dup-entity", {"entity": table.entities[int(d)]})
            where1 = Problem("dup-line", {"line": l1}) if f1 == f2 else f"{f1}:{l1}"
            diags.append(error(
                "data-duplicate",
                Problem("data-duplicate", {"entity": ent, "period": str(period), "variable": var,
                                           "first": where1}),
                Span(f2, l2, 1), notes=(Problem("first-given-at", {"at": f"{f1}:{l1}"}),)))
    if total > limit:
        diags.append(error("data-duplicate", Problem("data-duplicate-more", {"n": total - limit})))
    return diags
