"""Reading Parquet data a few row groups at a time (``eval --chunk-rows``; the plan is told in
:mod:`indikator.output.chunked`).

The row groups of every file are ordered by their entity range (read from their statistics);
groups whose ranges overlap are kept together, so an entity's rows never straddle two
chunks, and packed into chunks of about N rows. Rows without an entity are read once.
"""
from __future__ import annotations

import os
from dataclasses import dataclass
from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from .. import formats
from ..input_paths import why_unreadable
from ..messages import Problem
from ..diagnostics import Diagnostic, Span, error, has_errors
from .filereport import MAX_SCAN, FileReport
from .tabular import build_table, map_header, split_labels
from .roster import Roster
from .table import DataTable, concat, encode_strings, segments_from_lines


class ChunkError(Exception):
    """The data cannot be read in chunks (reported, nothing written)."""

    def __init__(self, diagnostics: list[Diagnostic]) -> None:
        super().__init__("; ".join(d.message for d in diagnostics))
        self.diagnostics = diagnostics


@dataclass
class Group:
    file: int
    index: int
    rows: int
    first_row: int          # 1-based row number of the group's first row in its file
    lo: str | None
    hi: str | None


@dataclass
class Chunk:
    groups: list[Group]
    hi: str                 # the largest entity id of the chunk
    rows: int


def plan_chunks(paths: list[str], chunk_rows: int) -> tuple[list[Chunk], list[Group], dict]:
    """Chunks of row groups by entity range, the row groups holding entity-less rows, and each
    file's column names (period, variable, value, entity)."""
    import pyarrow.parquet as pq

    groups: list[Group] = []
    shared: list[Group] = []
    columns: dict[int, dict[str, str]] = {}
    problems: list[Diagnostic] = []
    for f, path in enumerate(paths):
        if formats.DATA.get(os.path.splitext(path)[1].lower()) != "parquet":
            problems.append(error("data-chunk", Problem("chunk-parquet-only", {"path": path}), Span(path, 1, 1)))
            continue
        problem = why_unreadable(path)
        if problem is not None:
            problems.append(error("data-unreadable", Problem("data-file-problem", {"problem": problem}), Span(path, 1, 1)))
            continue
        try:
            pf = pq.ParquetFile(path)
        except (OSError, pa.ArrowException) as exc:
            problems.append(error("data-unreadable", Problem("data-cannot-read", {"path": path, "reason": Problem(
                "file-reader-words", {"words": str(exc)})}),
                                  Span(path, 1, 1)))
            continue
        rep = FileReport(path)
        fields = map_header(pf.schema_arrow.names, rep, 1)
        if fields is None or "entity" not in fields:
            problems.extend(rep.finish() or [error("data-chunk", Problem("chunk-no-entity-column", {"path": path}),
                                                   Span(path, 1, 1))])
            continue
        names = pf.schema_arrow.names
        columns[f] = {k: names[i] for k, i in fields.items()}
        ecol = fields["entity"]
        first = 1
        for g in range(pf.metadata.num_row_groups):
            rg = pf.metadata.row_group(g)
            st = rg.column(ecol).statistics
            n = rg.num_rows
            if n == 0:
                continue
            if st is None or not st.has_min_max and st.null_count != n:
                problems.append(error("data-chunk", Problem("chunk-no-statistics", {"group": g, "path": path}),
                                      Span(path, first, ecol + 1)))
                first += n
                continue
            nulls = st.null_count if st.has_null_count else n
            if nulls:
                shared.append(Group(f, g, n, first, None, None))
            if nulls < n:
                lo, hi = st.min, st.max
                lo = lo.decode() if isinstance(lo, bytes) else str(lo)
                hi = hi.decode() if isinstance(hi, bytes) else str(hi)
                groups.append(Group(f, g, n, first, lo, hi))
            first += n
    if problems:
        raise ChunkError(problems)
    groups.sort(key=lambda gr: (gr.lo, gr.hi))
    # overlapping ranges stay together: an entity's rows are never split between chunks
    atoms: list[list[Group]] = []
    hi = None
    for gr in groups:
        if atoms and hi is not None and gr.lo <= hi:
            atoms[-1].append(gr)
            hi = max(hi, gr.hi)
        else:
            atoms.append([gr])
            hi = gr.hi
    chunks: list[Chunk] = []
    for atom in atoms:
        rows = sum(g.rows for g in atom)
        top = max(g.hi for g in atom)
        if chunks and chunks[-1].rows + rows <= chunk_rows:
            chunks[-1].groups.extend(atom)
            chunks[-1].rows += rows
            chunks[-1].hi = max(chunks[-1].hi, top)
        else:
            chunks.append(Chunk(list(atom), top, rows))
    return chunks, shared, columns


def read_groups(paths: list[str], groups: list[Group], columns: dict, locale: str,
                 only_nil: bool = False) -> tuple[DataTable | None, list[Diagnostic]]:
    """A DataTable of the rows of ``groups`` (with their file row numbers for messages)."""
    import pyarrow.parquet as pq

    tables: list[DataTable] = []
    diags: list[Diagnostic] = []
    by_file: dict[int, list[Group]] = {}
    for g in groups:
        by_file.setdefault(g.file, []).append(g)
    for f, gs in by_file.items():
        path = paths[f]
        cols = columns[f]
        gs = sorted(gs, key=lambda g: g.index)
        text_cols = [cols[k] for k in ("period", "variable", "entity") if k in cols]
        pf = pq.ParquetFile(path, read_dictionary=text_cols)
        t = pf.read_row_groups([g.index for g in gs], columns=list(cols.values()), use_threads=True)
        lens = np.array([g.rows for g in gs], np.int64)
        firsts = np.array([g.first_row for g in gs], np.int64)
        nil = t.column(cols["entity"]).is_null()
        nil = nil.to_numpy(zero_copy_only=False) if isinstance(nil, pa.Array) else \
            np.concatenate([c.to_numpy(zero_copy_only=False) for c in nil.chunks] or [np.zeros(0, bool)])
        if only_nil or nil.any():
            # rows without an entity are read once for all chunks; a row group may hold both kinds
            keep = np.flatnonzero(nil if only_nil else ~nil)
            starts = np.concatenate([[0], np.cumsum(lens)[:-1]])
            lines = (np.repeat(firsts - starts, lens) + np.arange(int(lens.sum())))[keep]
            t = t.take(pa.array(keep))
            seg_starts, seg_lines = segments_from_lines(lines)
        else:
            seg_starts = np.concatenate([[0], np.cumsum(lens)[:-1]]).astype(np.int64)
            seg_lines = firsts
        rep = FileReport(path)
        table = _table_from_arrow(rep, t, cols, seg_starts, seg_lines, locale)
        diags.extend(rep.finish())
        if table is not None:
            tables.append(table)
    if has_errors(diags):
        return None, diags
    return (concat(tables) if tables else DataTable.empty()), diags


def _table_from_arrow(rep: FileReport, t: pa.Table, cols: dict[str, str], seg_starts: np.ndarray,
                      seg_lines: np.ndarray, locale: str) -> DataTable | None:
    """What readers.read_parquet does for a whole file, for rows already in memory."""
    from ..data.numbers import parse_numbers

    n = t.num_rows
    names = list(cols.values())
    colnum = {k: names.index(v) + 1 for k, v in cols.items()}
    encoded: dict[str, Any] = {}
    for k in ("period", "variable", "entity"):
        if k in cols:
            encoded[k] = encode_strings(t.column(cols[k]))
    value = t.column(cols["value"])
    if pa.types.is_integer(value.type) or pa.types.is_floating(value.type) or pa.types.is_decimal(value.type):
        values = pc.cast(value, pa.float64()).to_numpy()
        labels: tuple = (None, [])
    else:
        values, errs = parse_numbers(value, locale, max_errors=MAX_SCAN)
        labels = split_labels(rep, n, errs, lambda i: value[i].as_py(), lambda i: (i + 1, colnum["value"]))
    return build_table(rep, n, encoded, colnum, seg_starts, seg_lines, locale, values=np.asarray(values, np.float64),
                  labels=labels)


def roster_subset(roster: Roster, rows: np.ndarray) -> Roster:
    """The roster rows ``rows`` (ascending), still grouped by position."""
    pos = np.searchsorted(roster.starts, rows, side="right") - 1
    counts = np.bincount(pos, minlength=len(roster.positions)) if len(rows) else np.zeros(len(roster.positions),
                                                                                            np.int64)
    starts = np.zeros(len(roster.positions) + 1, np.int64)
    np.cumsum(counts, out=starts[1:])
    idx = pa.array(rows)
    return Roster(roster.positions, starts, roster.ids.take(idx), roster.names.take(idx),
                  roster.file_index[rows], roster.line[rows], roster.files, roster.id_column, roster.line_fns)


def no_duplicates(table: DataTable) -> bool:
    """True when no (entity, variable, period) point is given twice: one bitmap of the cells,
    a few passes over the rows; False also when the bitmap would be too big (then the full
    check, which names the rows, decides)."""
    n = len(table)
    g = max(len(table.variables), 1) * max(len(table.periods), 1)
    cells = (len(table.entities) + 1) * g
    if n == 0:
        return True
    if cells > max(16 * n, 1 << 26):
        return False
    seen = np.zeros(cells, bool)
    step = 1 << 22
    for lo in range(0, n, step):
        key = table.entity_codes[lo:lo + step].astype(np.int64) + 1
        key *= g
        key += table.variable_codes[lo:lo + step].astype(np.int64) * max(len(table.periods), 1)
        key += table.period_codes[lo:lo + step]
        seen[key] = True
    return int(np.count_nonzero(seen)) == n
