"""Engine benchmark: the indikator engine from Parquet vs hand-written numpy, DuckDB and row by row.

One run, up to six methods, each in a fresh subprocess of this script (``--child``)
so that its peak memory (VmHWM from /proc/self/status, the process's peak
resident set) is its own:

``engine``
    The code the CLI runs for ``indikator eval DEFS --data long.parquet
    --period 2024-Q1..2024-Q3 --entity all``: ``read_data`` → ``DataStore``
    (with the definition set's position holders) → ``Engine(dset, store)`` →
    ``evaluate(period, "all")``, then one touch of the element's achievement
    array. The records for output are produced lazily by the writers and are
    not timed. Loading the YAML definitions is timed separately and left out of
    the total (the other methods have the formula written into their code).
``numpy``
    A hand-written plain-numpy reference doing the same arithmetic: pyarrow
    reads the columns (text columns dictionary-encoded by Arrow), the entities
    get a dense index once, the rows of the nine months are scattered into one
    (variable × month × entity) array, then sum / last, ratio, achievement with
    cap, predicate on the achievement rounded to two decimals, per-entity mean.
``numpy-csv``
    The numpy reference doing the CLI's whole job: the same computation, then the same
    4.8 million CSV rows (twelve columns, indicators then the element) written with
    Arrow's C++ CSV writer. The fair reference for the ``cli`` method (which writes them);
    ``numpy`` alone is the reference for ``engine`` (which does not).
``duckdb``
    One hand-written SQL query over the Parquet file (group by entity with
    FILTERed sum / arg_max, then the arithmetic), fetched as numpy arrays.
``rowwise``
    A row-by-row walk of the same formula ASTs: a tiny recursive interpreter
    over :mod:`indikator.formula.ast` nodes with Python floats, one entity at
    a time, with the data points put into per-entity dicts by a Python loop
    over the rows. Run on a *sample* of ``--sample`` entities; its loop time is
    extrapolated to all entities (× N / sample) and the full-file Parquet read
    (measured) is added. Its peak memory is that of the sample run.

Every method's numbers are compared with the numpy reference: actual and
achievement of the five indicators and the element's achievement within
1e-9, predicates and statuses identical. A mismatch fails the run.

    python bench/gen_engine_data.py --entities 800000 --out /tmp/ik
    python bench/bench_engine.py --data /tmp/ik            # 18-digit NIP strings
    python bench/bench_engine.py --data /tmp/ik --methods numpy,engine,cli,numpy-csv   # no duckdb
    python bench/bench_engine.py --data /tmp/ik --int-ids  # int64 ids (generate with --int-ids)
"""
from __future__ import annotations

import argparse
import json
import math
import os
import resource
import subprocess
import sys
import tempfile
import time

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.dirname(HERE))

PERIOD = "2024-Q1..2024-Q3"
N_IND = 5
IND_IDS = [f"coverage_{k}" for k in range(1, N_IND + 1)]
METHODS = ("engine", "numpy", "duckdb", "rowwise", "cli", "numpy-csv")
OK, MISSING, ERROR = 0, 1, 2


# ----------------------------------------------------------------------------- helpers

def _status_kb(field: str) -> int:
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith(field + ":"):
                return int(line.split()[1])
    return 0


def _cpu() -> float:
    r = resource.getrusage(resource.RUSAGE_SELF)
    return r.ru_utime + r.ru_stime


def _bench_params(defs_dir: str):
    """Targets, caps and band bounds, read from the generated definitions (not hard-coded twice)."""
    from indikator.load import load_definitions
    from indikator.model import BUILTIN_SCALES, DEFAULT_PREDICATE_SCALE

    dset, diags = load_definitions(defs_dir)
    assert dset is not None and not any(d.is_error for d in diags), [str(d) for d in diags]
    targets, caps = [], []
    for ind_id in IND_IDS:
        ind = dset.indicators[ind_id]
        (key, t), = ind.target.by_period
        targets.append(float(t.number))
        caps.append(float(ind.cap))
    bands = [float(b.min) for b in BUILTIN_SCALES[DEFAULT_PREDICATE_SCALE].bands]
    return targets, caps, bands


def _round2(x: np.ndarray) -> np.ndarray:
    """The figure the tables show: two decimals, half away from zero, after snapping
    float noise to 9 significant digits (PRODUCT.md §6; 72.8/80*100 shows as 91.00)."""
    scale = 100.0
    with np.errstate(invalid="ignore", over="ignore", divide="ignore"):
        y = np.abs(x) * scale
        mag = np.where(y > 0, np.floor(np.log10(np.where(y > 0, y, 1.0))), 0.0)
        # snap to 9 significant digits (never coarser than a thousandth) by an exact power of
        # ten: multiplying by an inexact 1e-5 turned 68.125's 6812.5 into 6812.4999… (68.12)
        k = np.clip(8 - np.where(np.isfinite(mag), mag, 0.0), 3, 22).astype(np.int64)
        p = np.array([float(10 ** i) for i in range(23)])[k]
        y = np.where(y < 2.0 ** 52, np.round(y * p) / p, y)
        return np.sign(x) * np.floor(y + 0.5) / scale


def _band(x: np.ndarray, bands: list[float]) -> np.ndarray:
    shown = _round2(x)
    out = np.full(x.shape, -1, np.int16)
    for i in range(len(bands) - 1, -1, -1):
        out[shown >= bands[i]] = i
    return out


# ----------------------------------------------------------------------------- methods
# Each returns (timings: dict[str, float], results: dict[str, np.ndarray]); the
# timings' "total" is the compared figure. Results: labels (n,), actual/ach (5, n),
# pred/status (5, n), el_ach (n,), el_pred (n,).

def run_engine(parquet: str, defs: str, args) -> tuple[dict, dict]:
    from indikator.data import DataStore, read_data
    from indikator.data.periods import parse_period
    from indikator.engine import Engine
    from indikator.load import load_definitions

    tm: dict[str, float] = {}
    t0 = time.perf_counter()
    dset, diags = load_definitions(defs)
    assert dset is not None and not any(d.is_error for d in diags)
    tm["load definitions (not in total)"] = time.perf_counter() - t0

    t0, c0 = time.perf_counter(), _cpu()
    table, diags = read_data([parquet], "C")
    assert table is not None, [str(d) for d in diags[:5]]
    t1 = time.perf_counter()
    store = DataStore(table, extra_entities=[h.id for h, _ in dset.holders()])
    t2 = time.perf_counter()
    engine = Engine(dset, store)
    ev = engine.evaluate(parse_period(PERIOD), "all")
    float(np.nansum(ev.elements[0].achievement.value))     # touch the final array
    t3, c3 = time.perf_counter(), _cpu()
    tm["cpu"] = c3 - c0
    tm["read_data"] = t1 - t0
    tm["DataStore"] = t2 - t1
    tm["Engine + evaluate"] = t3 - t2
    tm["total"] = t3 - t0
    assert not any(d.is_error for d in ev.diagnostics), [str(d) for d in ev.diagnostics[:5]]

    by_id = {r.indicator.id: r for r in ev.indicators}
    rs = [by_id[i] for i in IND_IDS]
    el = ev.elements[0]
    res = {
        "labels": np.array(rs[0].axis.labels, dtype=str),
        "actual": np.vstack([r.actual.value for r in rs]),
        "ach": np.vstack([r.achievement.value for r in rs]),
        "pred": np.vstack([r.predicate for r in rs]).astype(np.int16),
        "status": np.vstack([r.status for r in rs]).astype(np.int8),
        "el_ach": el.achievement.value,
        "el_pred": el.predicate.astype(np.int16),
    }
    return tm, res


def run_numpy(parquet: str, defs: str, args, keep: dict | None = None) -> tuple[dict, dict]:
    """``keep`` (numpy-csv): receives the entity texts and the clock readings at the start."""
    import pyarrow as pa
    import pyarrow.compute as pc
    import pyarrow.parquet as pq

    targets, caps, bands = _bench_params(defs)
    tm: dict[str, float] = {}
    t0, c0 = time.perf_counter(), _cpu()
    names = pq.ParquetFile(parquet).schema_arrow
    text_cols = [c for c in ("entity", "period", "variable") if pa.types.is_string(names.field(c).type)]
    t = pq.read_table(parquet, read_dictionary=text_cols)
    t1 = time.perf_counter()
    assert pa.types.is_dictionary(t.column("period").type) and pa.types.is_dictionary(t.column("variable").type)

    var_names = [f"{kind}_{k}" for k in range(1, N_IND + 1) for kind in ("done", "base")]
    nv, nm = len(var_names), 9
    dump = nv * nm                                               # the plane for rows outside P

    def dict_key(d: pa.Array) -> tuple:
        return tuple(b.address if b is not None else 0 for b in d.buffers()) + (d.offset, len(d))

    # The dense entity index, once. Text ids (read as dictionaries): the batches read
    # from one row group share one dictionary object, so only the distinct
    # dictionaries are hashed together. Integer ids: one hash pass over the column.
    ent_col = t.column("entity")
    ent = np.empty(t.num_rows, np.int32)
    off = 0
    if pa.types.is_dictionary(ent_col.type):
        distinct: dict[tuple, int] = {}
        dicts = []
        for c in ent_col.chunks:
            k = dict_key(c.dictionary)
            if k not in distinct:
                distinct[k] = len(dicts)
                dicts.append(c.dictionary)
        merged = pc.dictionary_encode(pa.chunked_array(dicts))
        ent_dict = merged.chunk(merged.num_chunks - 1).dictionary
        maps = [c.indices.to_numpy() for c in merged.chunks]
        for c in ent_col.chunks:
            np.take(maps[distinct[dict_key(c.dictionary)]], c.indices.to_numpy(), out=ent[off:off + len(c)])
            off += len(c)
        del merged, dicts, maps
    else:
        enc = pc.dictionary_encode(ent_col)          # every chunk carries the final dictionary
        ent_dict = enc.chunk(enc.num_chunks - 1).dictionary
        for c in enc.chunks:
            ent[off:off + len(c)] = c.indices.to_numpy()
            off += len(c)
        del enc
    n = len(ent_dict)
    del ent_col
    t2 = time.perf_counter()

    # small lookup tables per (batch) dictionary of period and variable texts
    def var_slots(d: pa.Array) -> np.ndarray:
        return np.array([var_names.index(v) if v in var_names else nv for v in d.to_pylist()], np.int64)

    def month_slots(d: pa.Array) -> np.ndarray:
        return np.array([int(p[5:7]) - 1 if p.startswith("2024-") and int(p[5:7]) <= nm else nm
                         for p in d.to_pylist()], np.int64)
    plane = np.full((nv + 1, nm + 1), dump, np.int64)
    plane[:nv, :nm] = np.arange(nv * nm).reshape(nv, nm)
    lut_cache: dict[tuple, np.ndarray] = {}

    def lut(d: pa.Array, fn) -> np.ndarray:
        k = dict_key(d)
        hit = lut_cache.get(k)
        if hit is None:
            hit = lut_cache[k] = fn(d)
        return hit

    cube = np.full((dump + 1) * n, np.nan)
    off = 0
    for batch in t.to_batches():                                 # the scatter, batch by batch
        p_arr, v_arr = batch.column("period"), batch.column("variable")
        e = ent[off:off + len(batch)]
        off += len(batch)
        vs = lut(v_arr.dictionary, var_slots)[v_arr.indices.to_numpy()]
        ms = lut(p_arr.dictionary, month_slots)[p_arr.indices.to_numpy()]
        cube[plane[vs, ms] * n + e] = batch.column("value").to_numpy(zero_copy_only=False)
    del t
    cube = cube[: dump * n].reshape(nv, nm, n)
    t3 = time.perf_counter()

    actual = np.empty((N_IND, n))
    ach = np.empty((N_IND, n))
    pred = np.empty((N_IND, n), np.int16)
    status = np.empty((N_IND, n), np.int8)
    with np.errstate(all="ignore"):
        for k in range(N_IND):
            done, base = cube[2 * k], cube[2 * k + 1]
            s = np.nansum(done, axis=0)                          # sum over the months
            s[np.isnan(done).all(axis=0)] = np.nan
            last = base[8].copy()                                # latest month with a value
            for m in range(7, -1, -1):
                gap = np.isnan(last)
                last[gap] = base[m][gap]
            zero = (last == 0) & ~np.isnan(s)
            a = s / np.where(zero, 1.0, last) * 100.0            # done / base * 100%
            a[zero] = np.nan
            c = a / targets[k] * 100.0                           # positive achievement
            c = np.minimum(c, caps[k])                           # cap (NaN stays NaN)
            actual[k], ach[k] = a, c
            pred[k] = _band(c, bands)
            st = np.where(np.isnan(c), MISSING, OK).astype(np.int8)
            st[zero] = ERROR
            status[k] = st
        present = ~np.isnan(ach)
        el_ach = np.where(present, ach, 0.0).sum(axis=0) / present.sum(axis=0)
        el_pred = _band(el_ach, bands)
    float(np.nansum(el_ach))
    t4 = time.perf_counter()
    tm["cpu"] = _cpu() - c0
    tm["pyarrow read"] = t1 - t0
    tm["dense codes"] = t2 - t1
    tm["scatter"] = t3 - t2
    tm["arithmetic"] = t4 - t3
    tm["total"] = t4 - t0
    if keep is not None:
        keep.update(ent_dict=ent_dict, t0=t0, c0=c0, bands=bands, targets=targets)
    labels = np.array(ent_dict.to_pylist()).astype(str)
    return tm, {"labels": labels, "actual": actual, "ach": ach, "pred": pred, "status": status,
                "el_ach": el_ach, "el_pred": el_pred}


def run_numpy_csv(parquet: str, defs: str, args) -> tuple[dict, dict]:
    """The numpy reference doing the CLI's whole job: the same computation, then the same CSV
    rows (the indicators' rows entity by entity, then the element's; the same twelve columns)
    written by Arrow's C++ CSV writer (``pyarrow.csv``), as a hand-written exporter would.
    Arrow's texts differ from the CLI's in form only (it quotes every text field, writes
    ``100`` for ``100.0``, ``1e-05`` as ``0.00001``); the job is the same. The messages column
    holds one fixed sentence per status (the CLI builds its sentences from the catalog)."""
    import pyarrow as pa
    import pyarrow.csv as pv
    from indikator.model import BUILTIN_SCALES, DEFAULT_PREDICATE_SCALE

    keep: dict = {}
    tm, res = run_numpy(parquet, defs, args, keep)
    t4 = time.perf_counter()
    dset_names = [(f"coverage_{k}", f"Coverage {k}") for k in range(1, N_IND + 1)]
    band_labels = pa.array([b.label for b in BUILTIN_SCALES[DEFAULT_PREDICATE_SCALE].bands])
    status_names = pa.array(["ok", "missing", "error"])
    messages = pa.array(["", "no data for the period", "division by zero"])
    ents = keep["ent_dict"]
    n = len(ents)
    out = os.path.join(tempfile.mkdtemp(prefix="bench-numpy-csv-"), "eval.csv")
    schema = pa.schema([(c, pa.string()) for c in ("kind", "id", "element", "entity", "name", "unit")]
                       + [("target", pa.float64()), ("actual", pa.float64()), ("achievement", pa.float64())]
                       + [(c, pa.string()) for c in ("predicate", "status", "messages")])

    def const(text: str) -> pa.Array:
        return pa.array([text]).take(np.zeros(n, np.int32))

    def block(kind, ident, element, name, unit, target, actual, ach, pred, status) -> pa.Table:
        def num(x):
            return pa.array(x, mask=np.isnan(x)) if x is not None else pa.nulls(n, pa.float64())
        pred_txt = band_labels.take(pa.array(np.where(pred >= 0, pred, 0), mask=pred < 0))
        return pa.table([const(kind), const(ident), const(element), ents, const(name), const(unit),
                         pa.array(np.full(n, target)) if target is not None else pa.nulls(n, pa.float64()),
                         num(actual), num(ach), pred_txt, status_names.take(status), messages.take(status)],
                        schema=schema)
    with pv.CSVWriter(out, schema) as w:
        for k, (ident, name) in enumerate(dset_names):
            w.write_table(block("indicator", ident, "bench.s1", name, "%", keep["targets"][k],
                                res["actual"][k], res["ach"][k], res["pred"][k], res["status"][k]))
        el_status = np.where(np.isnan(res["el_ach"]), MISSING, OK).astype(np.int8)
        w.write_table(block("element", "bench.s1", "", "", "", None, None, res["el_ach"], res["el_pred"],
                            el_status))
    t5 = time.perf_counter()
    tm["cpu"] = _cpu() - keep["c0"]
    tm["write csv"] = t5 - t4
    tm["total"] = t5 - keep["t0"]
    tm["csv bytes"] = os.path.getsize(out)
    os.unlink(out)
    return tm, res


def _sql_round2(x: str) -> str:
    """The same shown-figure rounding as :func:`_round2`, in SQL."""
    y = f"abs({x}) * 100.0"
    p = f"pow(10.0, 8 - floor(log10({y})))"          # an exact power of ten (see _round2)
    snapped = f"(CASE WHEN {y} > 0 THEN round_even({y} * {p}, 0) / {p} ELSE 0.0 END)"
    return f"(sign({x}) * floor({snapped} + 0.5) / 100.0)"


def _sql_num(b: float) -> str:
    return f"'{b}'::DOUBLE" if math.isinf(b) else repr(b)


def _sql_band(x: str, bands: list[float]) -> str:
    shown = _sql_round2(x)
    whens = " ".join(f"WHEN {shown} >= {_sql_num(b)} THEN {i}" for i, b in enumerate(bands))
    return f"(CASE WHEN {x} IS NULL THEN -1 {whens} ELSE -1 END)"


def run_duckdb(parquet: str, defs: str, args) -> tuple[dict, dict]:
    import duckdb

    targets, caps, bands = _bench_params(defs)
    aggs, inds, outs = [], [], []
    for k in range(1, N_IND + 1):
        aggs.append(f"sum(value) FILTER (WHERE variable = 'done_{k}') AS d{k}")
        aggs.append(f"arg_max(value, period) FILTER (WHERE variable = 'base_{k}' AND value IS NOT NULL) AS b{k}")
        inds.append(f"CASE WHEN b{k} = 0 THEN NULL ELSE d{k} / b{k} * 100.0 END AS a{k}")
        inds.append(f"(b{k} = 0 AND d{k} IS NOT NULL) AS z{k}")
    for k in range(1, N_IND + 1):
        c = f"(a{k} / {targets[k - 1]!r} * 100.0)"
        outs.append(f"a{k}")
        outs.append(f"CASE WHEN {c} > {caps[k - 1]!r} THEN {caps[k - 1]!r} ELSE {c} END AS c{k}")
        outs.append(f"z{k}")
    cs = [f"c{k}" for k in range(1, N_IND + 1)]
    num = " + ".join(f"coalesce({c}, 0.0)" for c in cs)
    cnt = " + ".join(f"({c} IS NOT NULL)::INT" for c in cs)
    query = f"""
        WITH agg AS (
            SELECT entity, {', '.join(aggs)}
            FROM read_parquet('{parquet}')
            WHERE period BETWEEN '2024-01' AND '2024-09'
            GROUP BY entity),
        ind AS (SELECT entity, {', '.join(inds)} FROM agg),
        ach AS (SELECT entity, {', '.join(outs)} FROM ind)
        SELECT entity, {', '.join(f'a{k}, c{k}, z{k}, {_sql_band(f"c{k}", bands)} AS p{k}' for k in range(1, N_IND + 1))},
               ({num}) / nullif({cnt}, 0) AS el
        FROM ach"""
    query = f"SELECT *, {_sql_band('el', bands)} AS el_p FROM ({query})"
    tm: dict[str, float] = {}
    t0, c0 = time.perf_counter(), _cpu()
    con = duckdb.connect()
    got = con.execute(query).fetchnumpy()
    t1 = time.perf_counter()
    tm["cpu"] = _cpu() - c0
    tm["query + fetchnumpy"] = t1 - t0
    tm["total"] = t1 - t0

    def f(name):
        x = got[name]
        return np.ma.filled(x.astype(np.float64), np.nan) if np.ma.isMaskedArray(x) else np.asarray(x, np.float64)

    actual = np.vstack([f(f"a{k}") for k in range(1, N_IND + 1)])
    ach = np.vstack([f(f"c{k}") for k in range(1, N_IND + 1)])
    zero = np.vstack([np.ma.filled(got[f"z{k}"], False).astype(bool) for k in range(1, N_IND + 1)])
    status = np.where(np.isnan(ach), MISSING, OK).astype(np.int8)
    status[zero] = ERROR
    return tm, {"labels": np.asarray(got["entity"]).astype(str), "actual": actual, "ach": ach,
                "pred": np.vstack([np.asarray(got[f"p{k}"]) for k in range(1, N_IND + 1)]).astype(np.int16),
                "status": status, "el_ach": f("el"), "el_pred": np.asarray(got["el_p"]).astype(np.int16)}


class _Undefined:
    """An undefined value (division by zero): status error."""


UNDEF = _Undefined()


def run_rowwise(parquet: str, defs: str, args) -> tuple[dict, dict]:
    import pyarrow.compute as pc
    import pyarrow.parquet as pq

    from indikator.data.periods import parse_period
    from indikator.engine.achievement import target_for
    from indikator.formula import ast as A
    from indikator.load import load_definitions
    from indikator.model import BUILTIN_SCALES, DEFAULT_PREDICATE_SCALE

    dset, _ = load_definitions(defs)
    period = parse_period(PERIOD)
    tm: dict[str, float] = {}
    t0, c0 = time.perf_counter(), _cpu()
    table = pq.read_table(parquet)
    t1, c1 = time.perf_counter(), _cpu()
    entities = pc.unique(table.column("entity"))
    n_all = len(entities)
    step = max(1, n_all // args.sample)
    sample = entities.take(np.arange(0, n_all, step)[: args.sample])
    rows = table.filter(pc.is_in(table.column("entity"), value_set=sample))
    del table
    t2, c2 = time.perf_counter(), _cpu()

    # ---- the row-by-row part (timed, then extrapolated) ----
    points: dict = {}
    for e, p, v, x in zip(rows.column("entity").to_pylist(), rows.column("period").to_pylist(),
                          rows.column("variable").to_pylist(), rows.column("value").to_pylist()):
        points.setdefault(str(e), {})[(v, p)] = x
    del rows
    t3 = time.perf_counter()

    spans: dict[str, object] = {}

    def span_of(key: str):
        p = spans.get(key)
        if p is None:
            p = spans[key] = parse_period(key)
        return p

    def variable(pts: dict, var_id: str):
        agg = dset.variables[var_id].period_aggregation
        exact, inside = None, []
        for (v, key), x in pts.items():
            if v != var_id:
                continue
            p = span_of(key)
            if p.same_span(period):
                if x is not None:
                    exact = x
            elif period.contains(p) and x is not None:
                inside.append((p.end_month, p.start_month, x))
        if exact is not None:
            return exact
        if not inside:
            return None
        if agg == "sum":
            total = 0.0
            for _, _, x in sorted(inside, key=lambda t: (t[1], t[0])):
                total += x
            return total
        if agg == "last":
            return max(inside, key=lambda t: (t[0], t[1]))[2]
        raise NotImplementedError(agg)

    def walk(node, pts: dict, refs: dict):
        if isinstance(node, A.Number):
            return float(node.value)
        if isinstance(node, A.Percent):
            return walk(node.operand, pts, refs)
        if isinstance(node, A.Name):
            ref = refs[(node.text, node.braced, node.field)]
            assert ref.kind == "variable"
            return variable(pts, ref.id)
        if isinstance(node, A.Unary):
            x = walk(node.operand, pts, refs)
            if x is None or x is UNDEF:
                return x
            return -x if node.op == "-" else x
        if isinstance(node, A.Binary):
            a, b = walk(node.left, pts, refs), walk(node.right, pts, refs)
            if a is UNDEF or b is UNDEF:
                return UNDEF
            if node.op == "/" and b == 0 and a is not None:
                return UNDEF
            if a is None or b is None:
                return None
            if node.op == "+":
                return a + b
            if node.op == "-":
                return a - b
            if node.op == "*":
                return a * b
            if node.op == "/":
                return a / b
            raise NotImplementedError(node.op)
        raise NotImplementedError(type(node).__name__)

    bands = BUILTIN_SCALES[DEFAULT_PREDICATE_SCALE].bands

    def shown(x: float) -> float:
        y = abs(x) * 100.0
        if y > 0:
            snap = 10.0 ** (math.floor(math.log10(y)) - 8)
            y = round(y / snap) * snap
        return math.copysign(1.0, x) * math.floor(y + 0.5) / 100.0 if x != 0 else 0.0

    def band(x):
        if x is None or x is UNDEF:
            return -1
        s = shown(x)
        for i, b in enumerate(bands):
            if s >= b.min:
                return i
        return -1

    inds = [dset.indicators[i] for i in IND_IDS]
    targets = [float(target_for(ind.target, period)[0].number) for ind in inds]
    labels, out = [], []
    for e, pts in points.items():
        row = []
        achs = []
        for ind, t in zip(inds, targets):
            a = walk(ind.formula, pts, dset.refs[ind.id])
            if a is None or a is UNDEF:
                c = a
            else:
                c = a / t * 100.0
                if ind.cap is not None and c > ind.cap:
                    c = float(ind.cap)
            st = ERROR if a is UNDEF else (MISSING if c is None else OK)
            row.append((a, c, band(c), st))
            if isinstance(c, float):
                achs.append(c)
        if achs:
            num = 0.0
            for c in achs:
                num += c * 1.0
            el = num / float(len(achs))
        else:
            el = None
        labels.append(e)
        out.append((row, el, band(el)))
    t4, c4 = time.perf_counter(), _cpu()

    k = len(points)
    scale = n_all / k
    tm["pyarrow read (full file)"] = t1 - t0
    tm[f"pick sample of {k:,} entities (not in total)"] = t2 - t1
    tm["rows -> dicts (sample)"] = t3 - t2
    tm["AST walk (sample)"] = t4 - t3
    tm["total"] = (t1 - t0) + (t4 - t2) * scale
    tm["cpu"] = (c1 - c0) + (c4 - c2) * scale
    tm["sample"] = k
    tm["entities"] = n_all

    def num(x):
        return np.nan if x is None or x is UNDEF else x
    return tm, {
        "labels": np.array(labels, dtype=str),
        "actual": np.array([[num(r[0][j][0]) for r in out] for j in range(N_IND)], np.float64),
        "ach": np.array([[num(r[0][j][1]) for r in out] for j in range(N_IND)], np.float64),
        "pred": np.array([[r[0][j][2] for r in out] for j in range(N_IND)], np.int16),
        "status": np.array([[r[0][j][3] for r in out] for j in range(N_IND)], np.int8),
        "el_ach": np.array([num(r[1]) for r in out], np.float64),
        "el_pred": np.array([r[2] for r in out], np.int16),
    }


def run_cli(parquet: str, defs: str, args) -> tuple[dict, dict]:
    """End to end: ``indikator eval DEFS --data long.parquet --period P --entity all --format csv
    -o FILE`` (the definitions from the model cache, warmed by one run before the timed one:
    the other methods have the formulas in their code), then the CSV read back for the
    comparison (not timed)."""
    import tempfile

    import pyarrow.csv as pv
    from indikator.cli import main as cli_main
    from indikator.model import BUILTIN_SCALES, DEFAULT_PREDICATE_SCALE

    out = os.path.join(tempfile.mkdtemp(prefix="bench-cli-"), "eval.csv")
    argv = ["eval", defs, "--data", parquet, "--period", PERIOD, "--entity", "all", "--format", "csv", "-o", out]
    from indikator.load import load_definitions
    load_definitions(defs, cache=True)                   # fill the model cache (not timed)
    tm: dict[str, float] = {}
    t0, c0 = time.perf_counter(), _cpu()
    try:
        cli_main(argv, standalone_mode=False)
    except SystemExit as exc:                          # pragma: no cover - a failure is reported
        assert not exc.code, f"eval exited with {exc.code}"
    tm["total"] = time.perf_counter() - t0
    tm["cpu"] = _cpu() - c0
    t = pv.read_csv(out, convert_options=pv.ConvertOptions(column_types={"entity": "string"}))
    os.unlink(out)
    kind, ident = t.column("kind").to_numpy(zero_copy_only=False), t.column("id").to_numpy(zero_copy_only=False)
    ent = t.column("entity").to_numpy(zero_copy_only=False)
    actual = t.column("actual").to_numpy(zero_copy_only=False).astype(float)
    ach = t.column("achievement").to_numpy(zero_copy_only=False).astype(float)
    band_of = {b.label: i for i, b in enumerate(BUILTIN_SCALES[DEFAULT_PREDICATE_SCALE].bands)}
    pred = np.array([band_of.get(x, -1) if isinstance(x, str) else -1
                     for x in t.column("predicate").to_pylist()], np.int16)
    st_of = {"ok": OK, "missing": MISSING, "error": ERROR}
    status = np.array([st_of[x] for x in t.column("status").to_pylist()], np.int8)
    first = (kind == "indicator") & (ident == IND_IDS[0])
    labels = ent[first].astype(str)
    rows = [np.flatnonzero((kind == "indicator") & (ident == i)) for i in IND_IDS]
    el = np.flatnonzero(kind == "element")
    res = {"labels": labels, "actual": np.vstack([actual[r] for r in rows]), "ach": np.vstack([ach[r] for r in rows]),
           "pred": np.vstack([pred[r] for r in rows]), "status": np.vstack([status[r] for r in rows]),
           "el_ach": ach[el], "el_pred": pred[el]}
    for r in rows + [el]:
        assert np.array_equal(ent[r].astype(str), labels), "rows are not in the same entity order"
    return tm, res


RUNNERS = {"engine": run_engine, "numpy": run_numpy, "duckdb": run_duckdb, "rowwise": run_rowwise,
           "cli": run_cli, "numpy-csv": run_numpy_csv}


# ----------------------------------------------------------------------------- child / parent

def child(args) -> None:
    parquet, defs = _inputs(args)
    import pyarrow  # noqa: F401  (imports common to all methods, before the baseline)
    if args.child == "duckdb":
        import duckdb  # noqa: F401
    if args.child in ("engine", "rowwise", "cli"):
        import indikator.engine  # noqa: F401
        import indikator.load  # noqa: F401
    baseline = _status_kb("VmRSS")
    tm, res = RUNNERS[args.child](parquet, defs, args)
    peak = _status_kb("VmHWM")
    np.savez(args.result, **res)
    print(json.dumps({"method": args.child, "timings": tm, "peak_kb": peak, "baseline_kb": baseline,
                      "ru_maxrss_kb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss}))


def _inputs(args) -> tuple[str, str]:
    parquet = os.path.join(args.data, "long_int.parquet" if args.int_ids else "long.parquet")
    return parquet, os.path.join(args.data, "defs")


def _compare(ref: dict, got: dict, name: str) -> tuple[bool, str]:
    """Align ``got`` to ``ref`` by entity label; numbers within 1e-9, codes identical."""
    order = np.argsort(ref["labels"])
    pos = np.searchsorted(ref["labels"][order], got["labels"])
    pos = np.minimum(pos, len(order) - 1)
    idx = order[pos]
    if not np.array_equal(ref["labels"][idx], got["labels"]):
        return False, f"{name}: entity labels differ from the numpy reference"
    if name != "rowwise" and len(got["labels"]) != len(ref["labels"]):
        return False, f"{name}: {len(got['labels'])} entities, the reference has {len(ref['labels'])}"
    worst = 0.0
    for key in ("actual", "ach", "el_ach"):
        a, b = ref[key][..., idx], got[key]
        if not np.array_equal(np.isnan(a), np.isnan(b)):
            bad = int((np.isnan(a) != np.isnan(b)).sum())
            return False, f"{name}: {key}: missing values differ in {bad} places"
        both = ~np.isnan(a)
        d = float(np.max(np.abs(a[both] - b[both]))) if both.any() else 0.0
        worst = max(worst, d)
        if d > 1e-9:
            return False, f"{name}: {key}: max abs diff {d:.3g} > 1e-9"
    for key in ("pred", "status", "el_pred"):
        a, b = ref[key][..., idx], got[key]
        if not np.array_equal(a, b):
            return False, f"{name}: {key} differ in {int((a != b).sum())} places"
    return True, f"{name}: identical to the numpy reference on {len(idx):,} entities (max abs diff {worst:.1e})"


def parent(args) -> None:
    parquet, defs = _inputs(args)
    os.environ.setdefault("INDIKATOR_CACHE_DIR", os.path.join(args.data, "cache"))   # never the user's
    if not os.path.exists(parquet):
        from gen_engine_data import generate
        print(f"generating {parquet} for {args.entities:,} entities …", flush=True)
        generate(args.entities, args.data, args.int_ids)
    with open(parquet, "rb") as f:       # warm the page cache once, for every method alike
        while f.read(1 << 24):
            pass
    import pyarrow.parquet as pq
    rows = pq.ParquetFile(parquet).metadata.num_rows
    methods = [m for m in args.methods.split(",") if m]
    print(f"{rows:,} long rows, entity ids: {'int64' if args.int_ids else '18-digit NIP strings'}, "
          f"period {PERIOD}, {os.cpu_count()} CPUs", flush=True)
    tmp = tempfile.mkdtemp(prefix="ikbench-")
    runs: dict[str, list[dict]] = {m: [] for m in methods}
    results: dict[str, str] = {}
    for rep in range(args.repeat):
        for m in methods:
            if m == "rowwise" and rep > 0:
                continue
            out = os.path.join(tmp, f"{m}.npz")
            cmd = [sys.executable, os.path.abspath(__file__), "--child", m, "--data", args.data,
                   "--result", out, "--sample", str(args.sample)] + (["--int-ids"] if args.int_ids else [])
            p = subprocess.run(cmd, capture_output=True, text=True)
            if p.returncode != 0:
                sys.stderr.write(p.stderr)
                raise SystemExit(f"method {m} failed")
            info = json.loads(p.stdout.strip().splitlines()[-1])
            runs[m].append(info)
            results[m] = out
            stages = ", ".join(f"{k} {v:.2f}s" for k, v in info["timings"].items()
                               if k not in ("total", "cpu", "sample", "entities", "csv bytes"))
            print(f"  {m:8s} run {rep + 1}: {info['timings']['total']:7.2f} s (cpu {info['timings']['cpu']:.2f} s), peak "
                  f"{info['peak_kb'] / 1e6:.2f} GB  ({stages})", flush=True)

    ok = True
    if "numpy" in results:
        ref = dict(np.load(results["numpy"]))
        for m in methods:
            if m == "numpy":
                continue
            good, msg = _compare(ref, dict(np.load(results[m])), m)
            ok &= good
            print(("  OK   " if good else "  FAIL ") + msg)

    def best(m):       # best of the runs for wall and CPU time (the machine is shared), largest peak
        return (min(r["timings"]["total"] for r in runs[m]), min(r["timings"]["cpu"] for r in runs[m]),
                max(r["peak_kb"] for r in runs[m]) / 1e6, runs[m][0])
    print()
    print("| method | entity ids | wall (s) | CPU (s) | peak RSS (GB) | wall vs numpy | CPU vs numpy | peak vs numpy |")
    print("|---|---|---:|---:|---:|---:|---:|---:|")
    ref = best("numpy") if "numpy" in runs else None
    kind = "int64" if args.int_ids else "NIP str"
    for m in methods:
        t, c, mem, info = best(m)
        label = m
        if m == "rowwise":
            label = f"rowwise (sample {int(info['timings']['sample']):,}, extrapolated)"
        ratios = (f"{t / ref[0]:.2f}× | {c / ref[1]:.2f}× | {mem / ref[2]:.2f}×" if ref else "- | - | -")
        print(f"| {label} | {kind} | {t:.2f} | {c:.2f} | {mem:.2f} | {ratios} |")
    if "engine" in runs and ref:
        te, ce, me, _ = best("engine")
        print()
        print(f"aim: engine within 1.2× numpy time: wall {te / ref[0]:.2f}×, CPU {ce / ref[1]:.2f}× "
              f"({'met' if te <= 1.2 * ref[0] else 'NOT met'} on wall time); "
              f"engine peak ≤ numpy peak: {me:.2f} vs {ref[2]:.2f} GB "
              f"({'met' if me <= ref[2] else 'NOT met'})", end="")
        if "rowwise" in runs:
            tr = best("rowwise")[0]
            print(f"; ≥30× faster than row by row: {tr / te:.0f}× ({'met' if tr >= 30 * te else 'NOT met'})")
        else:
            print()
    if "cli" in runs:
        tc, cc, _, _ = best("cli")
        for refm, what in (("numpy", "computing only"), ("numpy-csv", "computing and writing the same CSV rows")):
            if refm in runs:
                tr, cr, _, _ = best(refm)
                print(f"aim: eval --format csv within 1.2× the {refm} reference ({what}): "
                      f"wall {tc / tr:.2f}×, CPU {cc / cr:.2f}× ({'met' if cc <= 1.2 * cr else 'NOT met'} on CPU time)")
    if not ok:
        raise SystemExit("numbers differ between methods")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", default="/tmp/indikator-bench", help="folder written by gen_engine_data.py (generated when missing)")
    ap.add_argument("--entities", type=int, default=800_000, help="entities, when the data must be generated")
    ap.add_argument("--int-ids", action="store_true", help="use long_int.parquet (int64 entity ids)")
    ap.add_argument("--methods", default=",".join(METHODS))
    ap.add_argument("--repeat", type=int, default=3, help="runs per method, best time reported (rowwise runs once)")
    ap.add_argument("--sample", type=int, default=20_000, help="entities walked row by row")
    ap.add_argument("--child", choices=METHODS, help=argparse.SUPPRESS)
    ap.add_argument("--result", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        child(args)
    else:
        sys.path.insert(0, HERE)
        parent(args)


if __name__ == "__main__":
    main()
