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
from typing import IO, Any

import numpy as np

from ..data.chunks import (ChunkError, no_duplicates, plan_chunks, read_groups, roster_subset)
from ..data.readers import find_duplicates
from ..data.store import DataStore
from ..data.table import concat
from ..diagnostics import Diagnostic, has_errors
from ..engine.batch import roster_of, warm_templates
from ..engine.chunked import evaluate_above, evaluate_holders
from ..engine.labels import labels_from_arrow
from ..engine.results import Evaluation
from ..engine.values import Vec
from .columnar import write_element_rows, write_indicator_rows
from .evaluation import CSV_HEADER
from .files import atomic_writer, temporary_file

__all__ = ["ChunkError", "evaluate_chunked", "run"]


def _json_records(out: IO[bytes], records) -> None:
    """Records each preceded by ``,`` and a newline (the reader of the file drops the very first comma)."""
    buf = io.StringIO()
    for rec in records:
        buf.write(",\n  " + json.dumps(rec, ensure_ascii=False, allow_nan=False))
        if buf.tell() > 1 << 22:
            out.write(buf.getvalue().encode("utf-8"))
            buf = io.StringIO()
    out.write(buf.getvalue().encode("utf-8"))


def _write_parts(ev: Evaluation, fmt: str, ind: IO[bytes], el: IO[bytes], lang: str | None = None) -> None:
    if fmt == "csv":
        cache: dict = {}                                  # each axis's entity texts made once
        write_indicator_rows(ev.indicators, ind, lang=lang, cache=cache)
        write_element_rows(ev.elements, el, lang=lang, cache=cache)
    else:
        _json_records(ind, (rec for r in ev.indicators for rec in r.records(lang)))
        _json_records(el, (rec for r in ev.elements for rec in r.records(lang)))


class _Output:
    """Puts the parts together: indicator rows as chunks finish, element rows at the end."""

    def __init__(self, fmt: str, out: IO[bytes], period_key: str) -> None:
        self.fmt, self.out = fmt, out
        self.first = True
        if fmt == "csv":
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


def _chunk_job(k: int) -> dict:
    """Read, evaluate and write one chunk (in a worker process when --jobs > 1)."""
    st = _STATE
    engine, roster, shared, chunk = st["engine"], st["roster"], st["shared"], st["chunks"][k]
    out: dict = {"k": k, "diags": [], "ind": None, "el": None}
    table, d = read_groups(st["paths"], chunk.groups, st["columns"], st["locale"])
    out["diags"].extend(d)
    if table is None:
        return out
    table = concat([table, shared]) if len(shared) else table
    if not no_duplicates(table):
        dup = find_duplicates(table)
        if dup:
            out["diags"].extend(dup)
            return out
    store = DataStore(table)
    rows = st["rows_of"](k)
    sub = roster_subset(roster, rows)
    ev = evaluate_holders(engine, store, sub, st["period"])
    if isinstance(ev, Diagnostic):
        out["diags"].append(ev)
        return out
    if has_errors(ev.diagnostics):
        out["diags"].extend(x for x in ev.diagnostics if x.is_error)
        return out
    out["ind"] = os.path.join(st["tmp"], f"ind-{k}")
    out["el"] = os.path.join(st["tmp"], f"el-{k}")
    with open(out["ind"], "wb", buffering=1 << 20) as ind, open(out["el"], "wb", buffering=1 << 20) as el:
        _write_parts(ev, st["fmt"], ind, el, st["lang"])
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
                     chunk_rows: int, task: Any = None, jobs: int = 1, lang: str | None = None) -> list[Diagnostic]:
    """Evaluate every holder chunk by chunk (``jobs`` chunks at a time, in forked worker
    processes) and write ``fmt`` (csv or json) to ``out``; the diagnostics (errors mean:
    nothing usable was written, the caller discards ``out``)."""
    roster = roster_of(engine)
    chunks, shared_groups, columns = plan_chunks(paths, chunk_rows)
    diags: list[Diagnostic] = []
    shared, d = read_groups(paths, shared_groups, columns, locale, only_nil=True)
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
    warm_templates(engine)          # once here, not once per chunk in each forked worker
    tmp = tempfile.mkdtemp(prefix=".indikator-chunks-")
    pool = None
    try:
        _STATE.update(engine=engine, roster=roster, shared=shared, chunks=chunks, paths=paths, columns=columns,
                      locale=locale, period=period, fmt=fmt, tmp=tmp, pindex=pindex, lang=lang,
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
        means = {}
        for p, j in pindex.items():
            lo, hi = int(roster.starts[j]), int(roster.starts[j + 1])
            if hi > lo:
                means[p] = Vec(ach_all[lo:hi], und_all[lo:hi])
        ev = evaluate_above(engine, DataStore(shared), roster, means, period)
        if has_errors(ev.diagnostics):
            return diags + [x for x in ev.diagnostics if x.is_error]
        last_ind, last_el = os.path.join(tmp, "ind-last"), os.path.join(tmp, "el-last")
        with open(last_ind, "wb") as ind, open(last_el, "wb") as el:
            _write_parts(ev, fmt, ind, el, lang)
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


def run(engine: Any, paths: list[str], locale: str, period: Any, fmt: str, out_path: str | None,
        chunk_rows: int, task: Any = None, jobs: int = 1, stdout: IO[bytes] | None = None,
        lang: str | None = None) -> list[Diagnostic]:
    """:func:`evaluate_chunked` to ``out_path`` (atomically: nothing replaces the old file when a
    later chunk has an error) or, through a temporary file, to ``stdout`` (the CLI's binary
    standard output: only the CLI touches the streams)."""
    if out_path is not None:
        writer = atomic_writer(out_path)
        with writer as fh:
            diags = evaluate_chunked(engine, paths, locale, period, fmt, fh, chunk_rows, task, jobs, lang)
            if has_errors(diags):
                writer.cancel()
        return diags
    with temporary_file(None) as (fd, tmp):
        with os.fdopen(fd, "wb", buffering=1 << 20) as fh:
            diags = evaluate_chunked(engine, paths, locale, period, fmt, fh, chunk_rows, task, jobs, lang)
        if has_errors(diags):
            return diags
        assert stdout is not None, "run() needs out_path or stdout"
        with open(tmp, "rb") as fh:
            shutil.copyfileobj(fh, stdout, 1 << 22)
        stdout.flush()
        return diags
