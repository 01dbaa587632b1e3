"""``eval --entity all --chunk-rows N``: every holder of a national platform in bounded memory.

4.3 million holders × 5 IKI × 12 months is about 400 million data rows: as one
:class:`~indikator.data.table.DataTable` (20 bytes a row, plus its grouping)
it does not fit in 8 GiB. With ``--chunk-rows N`` the Parquet data is read a
few row groups at a time -- the row groups of a file sorted (or clustered) by
entity each cover a NIP range, read from their statistics -- and each chunk
of about N rows is evaluated for the holders whose NIPs fall in its range,
written out, and dropped before the next is read:

1. the row groups of every file are ordered by their entity range; groups
   whose ranges overlap are kept together (an entity's rows never straddle
   two chunks), then packed into chunks of about N rows;
2. rows without an entity apply to everyone (PRODUCT.md §7): they are read once
   and added to every chunk;
3. each chunk gets its own data store, the roster rows of its NIP range, and
   the same engine (formulas compiled once); its positions are evaluated in
   batches as usual and their rows written at once;
4. the elements that are not positions are evaluated last, on the data without
   an entity, with ``achievement: children`` taking each position's mean over
   *all* its holders, accumulated chunk by chunk.

What differs from the run without chunks: the rows come chunk by chunk (within
a chunk, in the usual order; all indicator rows before all element rows, as
always); every data entity must hold a position (an entity without one would
need the elements of the whole tree per chunk: evaluate such data without
``--chunk-rows``); data errors are found per chunk (a duplicated point is
reported when both rows fall in one chunk -- they always do when the file is
sorted by entity). Output goes to a temporary file first, so an error in the
last chunk still writes nothing.
"""
from __future__ import annotations

import io
import json
import os
import shutil
import tempfile
from dataclasses import dataclass
from typing import IO, Any

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from ..data.readers import (MAX_SCAN, _build, _map_header, FileReport, _split_labels,
                            find_duplicates)
from ..data.roster import Roster
from ..data.store import DataStore
from ..data.table import DataTable, concat, encode_strings, segments_from_lines
from ..diagnostics import Diagnostic, Span, error, has_errors
from ..model import POSITION_LEVEL
from .batch import plan as plan_entities
from .labels import labels_from_arrow
from .results import Evaluation
from .values import Vec


class ChunkError(Exception):
    """The data cannot be read in chunks (reported, nothing written)."""

    def __init__(self, diagnostics: list[Diagnostic]) -> None:
        super().__init__("; ".join(d.message for d in diagnostics))
        self.diagnostics = diagnostics


@dataclass
class _Group:
    file: int
    index: int
    rows: int
    first_row: int          # 1-based row number of the group's first row in its file
    lo: str | None
    hi: str | None


@dataclass
class _Chunk:
    groups: list[_Group]
    hi: str                 # the largest entity id of the chunk
    rows: int


def plan_chunks(paths: list[str], chunk_rows: int) -> tuple[list[_Chunk], list[_Group], dict]:
    """Chunks of row groups by entity range, the row groups holding entity-less rows, and each
    file's column names (period, variable, value, entity)."""
    import pyarrow.parquet as pq

    groups: list[_Group] = []
    shared: list[_Group] = []
    columns: dict[int, dict[str, str]] = {}
    problems: list[Diagnostic] = []
    for f, path in enumerate(paths):
        if not path.lower().endswith((".parquet", ".pq")):
            problems.append(error("data-chunk", f"--chunk-rows reads Parquet files only; '{path}' is not one "
                                                f"(convert it, or evaluate without --chunk-rows)", Span(path, 1, 1)))
            continue
        from ..input_paths import why_unreadable

        problem = why_unreadable(path)
        if problem is not None:
            problems.append(error("data-unreadable", "data file " + problem.render("en"), Span(path, 1, 1)))
            continue
        try:
            pf = pq.ParquetFile(path)
        except (OSError, pa.ArrowException) as exc:
            problems.append(error("data-unreadable", f"cannot read '{path}': {exc}", Span(path, 1, 1)))
            continue
        rep = FileReport(path)
        fields = _map_header(pf.schema_arrow.names, rep, 1)
        if fields is None or "entity" not in fields:
            problems.extend(rep.finish() or [error("data-chunk", f"'{path}' has no entity column: nothing to "
                                                                 f"chunk by", Span(path, 1, 1))])
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
                problems.append(error("data-chunk", f"row group {g} of '{path}' has no entity statistics: "
                                                    f"its NIP range is unknown", Span(path, first, ecol + 1)))
                first += n
                continue
            nulls = st.null_count if st.has_null_count else n
            if nulls:
                shared.append(_Group(f, g, n, first, None, None))
            if nulls < n:
                lo, hi = st.min, st.max
                lo = lo.decode() if isinstance(lo, bytes) else str(lo)
                hi = hi.decode() if isinstance(hi, bytes) else str(hi)
                groups.append(_Group(f, g, n, first, lo, hi))
            first += n
    if problems:
        raise ChunkError(problems)
    groups.sort(key=lambda gr: (gr.lo, gr.hi))
    # overlapping ranges stay together: an entity's rows are never split between chunks
    atoms: list[list[_Group]] = []
    hi = None
    for gr in groups:
        if atoms and hi is not None and gr.lo <= hi:
            atoms[-1].append(gr)
            hi = max(hi, gr.hi)
        else:
            atoms.append([gr])
            hi = gr.hi
    chunks: list[_Chunk] = []
    for atom in atoms:
        rows = sum(g.rows for g in atom)
        top = max(g.hi for g in atom)
        if chunks and chunks[-1].rows + rows <= chunk_rows:
            chunks[-1].groups.extend(atom)
            chunks[-1].rows += rows
            chunks[-1].hi = max(chunks[-1].hi, top)
        else:
            chunks.append(_Chunk(list(atom), top, rows))
    return chunks, shared, columns


def _read_groups(paths: list[str], groups: list[_Group], columns: dict, locale: str,
                 only_nil: bool = False) -> tuple[DataTable | None, list[Diagnostic]]:
    """A DataTable of the rows of ``groups`` (with their file row numbers for messages)."""
    import pyarrow.parquet as pq

    tables: list[DataTable] = []
    diags: list[Diagnostic] = []
    by_file: dict[int, list[_Group]] = {}
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
    """What readers._read_parquet does for a whole file, for rows already in memory."""
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
        labels = _split_labels(rep, n, errs, lambda i: value[i].as_py(), lambda i: (i + 1, colnum["value"]))
    return _build(rep, n, encoded, colnum, seg_starts, seg_lines, locale, values=np.asarray(values, np.float64),
                  labels=labels)


# ------------------------------------------------------------------------------ running

def _subset(roster: Roster, rows: np.ndarray) -> Roster:
    """The roster rows ``rows`` (ascending), still grouped by position."""
    pos = np.searchsorted(roster.starts, rows, side="right") - 1
    counts = np.bincount(pos, minlength=len(roster.positions)) if len(rows) else np.zeros(len(roster.positions),
                                                                                            np.int64)
    starts = np.zeros(len(roster.positions) + 1, np.int64)
    np.cumsum(counts, out=starts[1:])
    idx = pa.array(rows)
    return Roster(roster.positions, starts, roster.ids.take(idx), roster.names.take(idx),
                  roster.file_index[rows], roster.line[rows], roster.files, roster.id_column, roster.line_fns)


def _json_records(out: IO[bytes], records) -> None:
    """Records each preceded by ``,`` and a newline (the reader of the file drops the very first comma)."""
    buf = io.StringIO()
    for rec in records:
        buf.write(",\n  " + json.dumps(rec, ensure_ascii=False, allow_nan=False))
        if buf.tell() > 1 << 22:
            out.write(buf.getvalue().encode("utf-8"))
            buf = io.StringIO()
    out.write(buf.getvalue().encode("utf-8"))


def _write_parts(ev: Evaluation, fmt: str, ind: IO[bytes], el: IO[bytes]) -> None:
    if fmt == "csv":
        from ..output.columnar import write_element_rows, write_indicator_rows

        write_indicator_rows(ev.indicators, ind)
        write_element_rows(ev.elements, el)
    else:
        _json_records(ind, (rec for r in ev.indicators for rec in r.records()))
        _json_records(el, (rec for r in ev.elements for rec in r.records()))


class _Output:
    """Puts the parts together: indicator rows as chunks finish, element rows at the end."""

    def __init__(self, fmt: str, out: IO[bytes], period_key: str) -> None:
        self.fmt, self.out = fmt, out
        self.first = True
        if fmt == "csv":
            from ..output.evaluation import CSV_HEADER

            out.write((",".join(CSV_HEADER) + "\n").encode("utf-8"))
        else:
            out.write(('{"period": ' + json.dumps(period_key) + ',\n "indicators": [').encode("utf-8"))

    def copy(self, path: str) -> None:
        size = os.path.getsize(path)
        start = 0
        if self.fmt == "json" and self.first:
            if not size:
                return
            self.out.write(b"\n")               # ",\n  {...": the first record drops its comma
            start = 2
            self.first = False
        with open(path, "rb") as fh:
            _copy_range(fh, self.out, start, size - start)

    def section(self, name: str) -> None:
        """JSON: close the list being written and open the next one."""
        if self.fmt == "json":
            self.out.write((("\n " if not self.first else "") + f'],\n "{name}": [').encode("utf-8"))
            self.first = True

    def end(self) -> None:
        if self.fmt == "json":
            self.out.write((("\n " if not self.first else "") + "]}\n").encode("utf-8"))


def _copy_range(src: IO[bytes], dst: IO[bytes], start: int, count: int) -> None:
    """``count`` bytes of ``src`` from ``start`` to ``dst``: in the kernel where it can
    (``os.copy_file_range``), through a buffer otherwise."""
    if hasattr(os, "copy_file_range"):
        try:
            dst.flush()
            fd_in, fd_out = src.fileno(), dst.fileno()
            pos = start
            while count > 0:
                done = os.copy_file_range(fd_in, fd_out, min(count, 1 << 30), pos)
                if done <= 0:
                    break
                pos += done
                count -= done
            if count <= 0:
                return
            start = pos
        except (OSError, AttributeError, ValueError):
            pass
    src.seek(start)
    while count > 0:
        block = src.read(min(count, 1 << 22))
        if not block:
            break
        dst.write(block)
        count -= len(block)


# the state a chunk job reads (set before the worker processes are forked)
_STATE: dict = {}


def _no_duplicates(table: DataTable) -> bool:
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


def _chunk_job(k: int) -> dict:
    """Read, evaluate and write one chunk (in a worker process when --jobs > 1)."""
    st = _STATE
    engine, roster, shared, chunk = st["engine"], st["roster"], st["shared"], st["chunks"][k]
    dset = engine.dset
    out: dict = {"k": k, "diags": [], "ind": None, "el": None}
    table, d = _read_groups(st["paths"], chunk.groups, st["columns"], st["locale"])
    out["diags"].extend(d)
    if table is None:
        return out
    table = concat([table, shared]) if len(shared) else table
    if not _no_duplicates(table):
        dup = find_duplicates(table)
        if dup:
            out["diags"].extend(dup)
            return out
    store = DataStore(table)
    rows = st["rows_of"](k)
    sub = _subset(roster, rows)
    _reset(engine, store, sub)
    stray = _non_holders(engine)
    if stray is not None:
        out["diags"].append(error("data-chunk", f"entity {stray} in the data holds no position: --chunk-rows "
                                                f"evaluates position holders only (evaluate this data without "
                                                f"--chunk-rows)"))
        return out
    positions = [(el_id, ax) for el_id, ax in plan_entities(engine, "all")
                 if dset.elements[el_id].level == POSITION_LEVEL]
    engine._plan = lambda entity, _p=positions: _p
    ev = engine.evaluate(st["period"], "all")
    del engine._plan
    if has_errors(ev.diagnostics):
        out["diags"].extend(x for x in ev.diagnostics if x.is_error)
        return out
    out["ind"] = os.path.join(st["tmp"], f"ind-{k}")
    out["el"] = os.path.join(st["tmp"], f"el-{k}")
    with open(out["ind"], "wb", buffering=1 << 20) as ind, open(out["el"], "wb", buffering=1 << 20) as el:
        _write_parts(ev, st["fmt"], ind, el)
    at, ach, und = [], [], []
    pindex = st["pindex"]
    for r in ev.elements:
        j = pindex[r.element.id]
        at.append(rows[sub.starts[j]:sub.starts[j + 1]])      # the same holders, in roster order
        ach.append(r.achievement.value)
        und.append(r.achievement.undefined)
    out["at"] = np.concatenate(at) if at else np.zeros(0, np.int64)
    out["ach"] = np.concatenate(ach) if ach else np.zeros(0)
    out["und"] = np.concatenate(und) if und else np.zeros(0, bool)
    return out


def evaluate_chunked(engine: Any, paths: list[str], locale: str, period: Any, fmt: str, out: IO[bytes],
                     chunk_rows: int, task: Any = None, jobs: int = 1) -> list[Diagnostic]:
    """Evaluate every holder chunk by chunk (``jobs`` chunks at a time, in forked worker
    processes) and write ``fmt`` (csv or json) to ``out``; the diagnostics (errors mean:
    nothing usable was written, the caller discards ``out``)."""
    from .batch import roster_of

    dset = engine.dset
    roster = roster_of(engine)
    chunks, shared_groups, columns = plan_chunks(paths, chunk_rows)
    diags: list[Diagnostic] = []
    shared, d = _read_groups(paths, shared_groups, columns, locale, only_nil=True)
    diags.extend(d)
    if shared is None:
        return diags
    dup = find_duplicates(shared)
    if dup:
        return diags + dup
    # each holder to the chunk whose NIP range holds it (between two ranges: the next one)
    ids = labels_from_arrow(roster.ids).array
    tops = np.array([c.hi for c in chunks]) if chunks else np.zeros(0, dtype=str)
    which = np.minimum(np.searchsorted(tops, ids, side="left"), max(len(chunks) - 1, 0)) if len(chunks) else \
        np.zeros(len(ids), np.int64)
    del ids
    order = np.argsort(which, kind="stable")
    bounds = np.searchsorted(which[order], np.arange(len(chunks) + 1))
    pindex = {p: k for k, p in enumerate(roster.positions)}
    output = _Output(fmt, out, period.key)
    # every holder's position achievement, by roster row, for the roll-ups at the end
    ach_all = np.full(len(roster), np.nan)
    und_all = np.zeros(len(roster), bool)
    if task is not None:
        task.update(total=len(chunks) + 1)
    tmp = tempfile.mkdtemp(prefix=".indikator-chunks-")
    pool = None
    try:
        _STATE.update(engine=engine, roster=roster, shared=shared, chunks=chunks, paths=paths, columns=columns,
                      locale=locale, period=period, fmt=fmt, tmp=tmp, pindex=pindex,
                      rows_of=lambda k: np.sort(order[bounds[k]:bounds[k + 1]]))
        if jobs > 1 and len(chunks) > 1:
            import multiprocessing as mp

            pool = mp.get_context("fork").Pool(min(jobs, len(chunks)), maxtasksperchild=1)
            results = pool.imap(_chunk_job, range(len(chunks)))
        else:
            results = (_chunk_job(k) for k in range(len(chunks)))
        el_parts: list[str] = []
        for res in results:
            diags.extend(res["diags"])
            if has_errors(res["diags"]):
                return diags
            output.copy(res["ind"])
            os.unlink(res["ind"])
            el_parts.append(res["el"])
            ach_all[res["at"]] = res["ach"]
            und_all[res["at"]] = res["und"]
            if task is not None:
                task.advance()
        if pool is not None:
            pool.close()
            pool.join()
            pool = None
        # the elements that are not positions, on the data without an entity; a position
        # counts with its mean over all its holders (batch.position_rollup reads these)
        _reset(engine, DataStore(shared), roster)
        means = {}
        for p, j in pindex.items():
            lo, hi = int(roster.starts[j]), int(roster.starts[j + 1])
            if hi > lo:
                means[p] = Vec(ach_all[lo:hi], und_all[lo:hi])
        engine._rollup_means = means
        main = engine.axis("null", [None])
        rest = [(el.id, main) for el in dset.elements.values() if el.level != POSITION_LEVEL]
        engine._plan = lambda entity: rest
        ev = engine.evaluate(period, "all")
        del engine._plan
        engine._rollup_means = None
        if has_errors(ev.diagnostics):
            return diags + [x for x in ev.diagnostics if x.is_error]
        last_ind, last_el = os.path.join(tmp, "ind-last"), os.path.join(tmp, "el-last")
        with open(last_ind, "wb") as ind, open(last_el, "wb") as el:
            _write_parts(ev, fmt, ind, el)
        output.copy(last_ind)
        output.section("elements")
        for path in el_parts + [last_el]:
            output.copy(path)
        if fmt == "json":
            output.section("agencies")
            agencies = os.path.join(tmp, "agencies")
            with open(agencies, "wb") as fh:
                _json_records(fh, (rec for a in ev.agencies for rec in a.records()))
            output.copy(agencies)
        output.end()
        if task is not None:
            task.advance()
        return diags
    finally:
        if pool is not None:
            pool.terminate()
        _STATE.clear()
        shutil.rmtree(tmp, ignore_errors=True)


def _reset(engine: Any, store: DataStore, roster: Roster) -> None:
    engine.store = store
    engine.roster = roster
    engine._memo.clear()
    engine._element_memo.clear()
    engine._series.clear()
    engine._iki_arrays = None


def _non_holders(engine: Any) -> str | None:
    """An entity of the chunk's data that is not one of the chunk's holders, if any."""
    from .batch import _roster_arrays

    ids = engine.store.entity_ids()
    if not ids:
        return None
    _, cols = _roster_arrays(engine)
    seen = np.zeros(len(ids) + 1, bool)
    seen[cols] = True
    missing = np.flatnonzero(~seen[:len(ids)])
    return ids[int(missing[0])] if len(missing) else None


def run(engine: Any, paths: list[str], locale: str, period: Any, fmt: str, out_path: str | None,
        chunk_rows: int, task: Any = None, jobs: int = 1) -> list[Diagnostic]:
    """:func:`evaluate_chunked` to ``out_path`` (atomically: nothing replaces the old file when a
    later chunk has an error) or, through a temporary file, to stdout."""
    from ..output.files import atomic_writer, temporary_file

    if out_path is not None:
        writer = atomic_writer(out_path)
        with writer as fh:
            diags = evaluate_chunked(engine, paths, locale, period, fmt, fh, chunk_rows, task, jobs)
            if has_errors(diags):
                writer.cancel()
        return diags
    with temporary_file(None) as (fd, tmp):
        with os.fdopen(fd, "wb", buffering=1 << 20) as fh:
            diags = evaluate_chunked(engine, paths, locale, period, fmt, fh, chunk_rows, task, jobs)
        if has_errors(diags):
            return diags
        import sys

        stdout = sys.stdout.buffer      # click.get_binary_stream is deprecated (Click 9)
        with open(tmp, "rb") as fh:
            shutil.copyfileobj(fh, stdout, 1 << 22)
        stdout.flush()
        return diags
