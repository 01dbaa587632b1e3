"""Individual indicators (IKI) at the scale of a region, ten regions and a country: time and peak memory.

    python bench/bench_iki.py                      # region and 10-region set (generated when absent)
    python bench/bench_iki.py --national           # also the national set (4.3 million holders)
    python bench/bench_iki.py --sets region        # just one

Each command runs as its own process; wall time and that child's peak resident
memory come from ``os.wait4`` (``ru_maxrss``). Per set:

* ``check`` (with ``--holders`` where the holders are in a roster file);
* ``eval --entity all --format csv`` and ``--format json`` from the Parquet data,
  to a file (national: ``--chunk-rows``, CSV only);
* a hand-written **reference** in its own process: plain pyarrow/numpy reading
  the same Parquet and computing, from ``manifest.json`` (the generator's
  description of every template and position, not the YAML), every holder's
  IKI actual, achievement and predicate, every position's achievement per
  holder, and the roll-up of the ``achievement: children`` activities. After
  the runs, the CSV and the JSON of ``eval`` are compared with it number by
  number (exact float equality; NaN = empty) and the run fails on any difference.

Figures go to stdout and to ``bench/out/iki/results.json``; bench/README_iki.md
holds the figures measured on the reference machine.
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from pathlib import Path

import numpy as np

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
OUT = HERE / "out" / "iki"
PERIOD = "2024"

SETS = {
    "region": {"args": [], "roster": False},
    "region10": {"args": ["--regions", "10"], "roster": False},
    "national": {"args": ["--national"], "roster": True},
}


# ----------------------------------------------------------------------------- running

def _tree_rss(pid: int) -> int:
    """Resident bytes of ``pid`` and all its descendants (worker processes of --jobs)."""
    total = 0
    stack = [pid]
    page = os.sysconf("SC_PAGE_SIZE")
    while stack:
        p = stack.pop()
        try:
            with open(f"/proc/{p}/statm") as fh:
                total += int(fh.read().split()[1]) * page
            with open(f"/proc/{p}/task/{p}/children") as fh:
                stack.extend(int(c) for c in fh.read().split())
        except (OSError, ValueError):
            continue
    return total


def timed(cmd: list[str], env: dict | None = None) -> dict:
    """Run ``cmd``; wall time, CPU time (with its children), the child's own peak RSS
    (os.wait4), and the peak RSS of its whole process tree sampled every 50 ms."""
    import threading

    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, cwd=ROOT,
                            env={**os.environ, "PYTHONPATH": str(ROOT), **(env or {})})
    peak = [0]
    done = threading.Event()

    def sample() -> None:
        while not done.is_set():
            peak[0] = max(peak[0], _tree_rss(proc.pid))
            done.wait(0.05)
    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    err = proc.stderr.read().decode("utf-8", "replace")
    _, status, usage = os.wait4(proc.pid, 0)
    done.set()
    sampler.join()
    wall = time.perf_counter() - t0
    code = os.waitstatus_to_exitcode(status)
    if code not in (0,):
        raise SystemExit(f"{' '.join(cmd)} exited {code}:\n{err[-3000:]}")
    return {"wall_s": round(wall, 2), "cpu_s": round(usage.ru_utime + usage.ru_stime, 2),
            "peak_mib": round(usage.ru_maxrss / 1024, 1), "tree_peak_mib": round(peak[0] / 2**20, 1)}


def ensure(name: str) -> Path:
    folder = OUT / name
    if not (folder / "manifest.json").exists():
        subprocess.run([sys.executable, str(HERE / "gen_region.py"), str(folder), *SETS[name]["args"]],
                       check=True, cwd=ROOT)
    return folder


def indikator(*args: str) -> list[str]:
    return [sys.executable, "-m", "indikator", *args]


# --------------------------------------------------------------------------- reference

def _round2(x: np.ndarray) -> np.ndarray:
    """Half away from zero at two decimals after snapping binary noise (the rule of PRODUCT.md §6
    as docs/decisions.md states it), written out again here."""
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


BANDS = [(91, "Sangat Tinggi"), (76, "Tinggi"), (66, "Sedang"), (51, "Rendah"), (-np.inf, "Sangat Rendah")]


def predicate(ach: np.ndarray) -> np.ndarray:
    shown = _round2(ach)
    out = np.full(ach.shape, -1, np.int8)
    for i in range(len(BANDS) - 1, -1, -1):
        out[shown >= BANDS[i][0]] = i
    return out


def reference(folder: Path, result: Path) -> None:
    """Every holder's IKI from the Parquet, with pyarrow and numpy only."""
    import pyarrow as pa
    import pyarrow.compute as pc
    import pyarrow.parquet as pq

    man = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    templates, variables = man["templates"], man["variables"]
    var_ids = list(variables)
    var_index = {v: i for i, v in enumerate(var_ids)}
    # holders in manifest order: (position k, holder)
    pos_holders = [(k, h) for k, p in enumerate(man["positions"]) for h in p.get("holders", [])]
    if man.get("national"):
        roster = pq.read_table(folder / "holders.parquet", columns=["position", "id"])
        pos_index = {p["id"]: k for k, p in enumerate(man["positions"])}
        pos_col = roster.column("position").combine_chunks()
        if pa.types.is_dictionary(pos_col.type):
            pos_col = pos_col.cast(pa.string())
        pk = pc.index_in(pos_col, value_set=pa.array(list(pos_index))).to_numpy().astype(np.int64)
        holder_pos = pk
        holder_ids = roster.column("id").combine_chunks()
    else:
        holder_pos = np.array([k for k, _ in pos_holders], np.int64)
        holder_ids = pa.array([h for _, h in pos_holders], pa.string())
    n_h = len(holder_ids)
    # unique NIPs (a NIP may hold two positions): data are per NIP
    nip_enc = pc.dictionary_encode(holder_ids)
    nip_of_holder = nip_enc.indices.to_numpy().astype(np.int64)
    nip_values = nip_enc.dictionary
    nv = len(var_ids)
    months = 12
    # (nip, var) x month matrix of values, NaN where absent
    vals = np.full((len(nip_values) * nv, months), np.nan)
    nil: dict[str, np.ndarray] = {}
    files = sorted((folder / "data").glob("*.parquet"))
    for f in files:
        pf = pq.ParquetFile(f)
        for rg in range(pf.metadata.num_row_groups):
            t = pf.read_row_group(rg, columns=["entity", "period", "variable", "value"])
            per = t.column("period").combine_chunks()
            per = per.cast(pa.string()) if pa.types.is_dictionary(per.type) else per
            month = pc.cast(pc.utf8_slice_codeunits(per, 5, 7), pa.int64()).to_numpy() - 1
            var = t.column("variable").combine_chunks()
            var = var.cast(pa.string()) if pa.types.is_dictionary(var.type) else var
            value = t.column("value").to_numpy()
            ent = t.column("entity").combine_chunks()
            is_nil = ent.is_null().to_numpy(zero_copy_only=False)
            if is_nil.any():
                sel = np.flatnonzero(is_nil)
                for v, m, x in zip(var.take(sel).to_pylist(), month[sel], value[sel]):
                    nil.setdefault(v, np.full(months, np.nan))[m] = x
            vi_arr = pc.index_in(var, value_set=pa.array(var_ids))
            ni_arr = pc.index_in(ent, value_set=nip_values)
            ok = pc.and_(pc.is_valid(vi_arr), pc.is_valid(ni_arr)).to_numpy(zero_copy_only=False)
            vi = vi_arr.fill_null(0).to_numpy(zero_copy_only=False)[ok].astype(np.int64)
            ni = ni_arr.fill_null(0).to_numpy(zero_copy_only=False)[ok].astype(np.int64)
            vals[ni * nv + vi, month[ok]] = value[ok]
    # period aggregation per variable, month by month as the store adds them
    agg_sum = np.zeros(vals.shape[0])
    count = np.zeros(vals.shape[0], np.int64)
    last = np.full(vals.shape[0], np.nan)
    for m in range(months):
        col = vals[:, m]
        has = ~np.isnan(col)
        agg_sum[has] += col[has]
        count[has] += 1
        last[has] = col[has]
    kinds = np.array([variables[v]["agg"] for v in var_ids])
    per_var = np.where(count > 0, 0.0, np.nan)
    aggv = np.tile(kinds, len(nip_values))
    with np.errstate(invalid="ignore", divide="ignore"):
        per_var = np.where(aggv == "sum", agg_sum, per_var)
        per_var = np.where(aggv == "mean", agg_sum / np.where(count > 0, count, 1), per_var)
        per_var = np.where(aggv == "last", last, per_var)
    per_var[count == 0] = np.nan
    agg = per_var.reshape(len(nip_values), nv)

    def var_of(h_nips: np.ndarray, v: str | None) -> np.ndarray:
        return agg[h_nips, var_index[v]] if v else None

    out_ids: list[np.ndarray] = []
    res: dict[str, list] = {"ind": [], "holder": [], "actual": [], "ach": [], "pred": []}
    pos_ach: dict[int, tuple[np.ndarray, np.ndarray]] = {}
    order = np.argsort(holder_pos, kind="stable")
    starts = np.searchsorted(holder_pos[order], np.arange(len(man["positions"]) + 1))
    for k, p in enumerate(man["positions"]):
        rows = order[starts[k]:starts[k + 1]]
        if not len(rows):
            continue
        nips = nip_of_holder[rows]
        num = np.zeros(len(rows))
        den = np.zeros(len(rows))
        for ind in p["iki"]:
            if ind.get("kind") == "iku_ref":
                x = nil.get(ind["iku"], np.full(months, np.nan))
                last_x = x[~np.isnan(x)][-1] if (~np.isnan(x)).any() else np.nan
                actual = np.full(len(rows), last_x / ind["iku_target"] * 100.0)
                t = {"polarity": "positive", "cap": None}
            else:
                t = templates[ind["template"]]
                a = var_of(nips, t["a"])
                b = var_of(nips, t["b"])
                kind = t["kind"]
                with np.errstate(invalid="ignore", divide="ignore"):
                    if kind in ("ratio", "ratio_last", "pct", "round"):
                        actual = np.where(b == 0, np.nan, a / np.where(b == 0, 1.0, b) * 100.0)
                        if kind == "round":
                            actual = _round2(actual)
                    else:
                        actual = a.copy()
            target = ind["target"]
            with np.errstate(invalid="ignore", divide="ignore"):
                if t["polarity"] == "negative":
                    ach = np.where(np.isnan(actual), np.nan, np.maximum((2 * target - actual) / target * 100.0, 0.0))
                else:
                    ach = actual / target * 100.0
            if t.get("cap") is not None:
                ach = np.where(np.isnan(ach), np.nan, np.minimum(ach, t["cap"]))
            ok = ~np.isnan(ach)
            num[ok] += ach[ok] * 1.0
            den[ok] += 1.0
            res["ind"].append(np.full(len(rows), len(out_ids), np.int64))
            out_ids.append(ind["id"])
            res["holder"].append(rows)
            res["actual"].append(actual)
            res["ach"].append(ach)
            res["pred"].append(predicate(ach))
        with np.errstate(invalid="ignore", divide="ignore"):
            el = np.where(den > 0, num / np.where(den == 0, 1, den), np.nan)
        pos_ach[k] = (rows, el)
    # positions' achievement per holder and the roll-up of achievement: children activities
    el_holder = np.concatenate([r for r, _ in pos_ach.values()]) if pos_ach else np.zeros(0, np.int64)
    el_value = np.concatenate([v for _, v in pos_ach.values()]) if pos_ach else np.zeros(0)
    el_pos = np.concatenate([np.full(len(r), k) for k, (r, _) in pos_ach.items()]) if pos_ach else np.zeros(0)
    pindex = {p["id"]: k for k, p in enumerate(man["positions"])}
    roll_ids, roll_vals = [], []
    for kid, plist in man.get("rollups", {}).items():
        num = den = 0.0
        for pid in plist:
            k = pindex[pid]
            if k not in pos_ach:
                continue          # a vacant position: its entity-less IKI have no data (missing)
            v = pos_ach[k][1]
            v = v[~np.isnan(v)]
            if len(v):
                num += float(np.mean(v))
                den += 1.0
        roll_ids.append(kid)
        roll_vals.append(num / den if den else np.nan)
    np.savez(result, ind_ids=np.array(out_ids), ind=np.concatenate(res["ind"]), holder=np.concatenate(res["holder"]),
             actual=np.concatenate(res["actual"]), ach=np.concatenate(res["ach"]), pred=np.concatenate(res["pred"]),
             el_holder=el_holder, el_value=el_value, el_pos=el_pos,
             pos_ids=np.array([p["id"] for p in man["positions"]]),
             holder_ids=np.asarray(holder_ids.to_numpy(zero_copy_only=False), dtype=str),
             roll_ids=np.array(roll_ids), roll_vals=np.array(roll_vals, np.float64))


# -------------------------------------------------------------------------- comparing

def _num(x) -> float:
    return np.nan if x in ("", None) else float(x)


def compare(ref_path: Path, csv_path: Path | None, json_path: Path | None) -> dict:
    """Every reference figure against eval's CSV and JSON; raises on the first difference."""
    import pyarrow as pa
    import pyarrow.csv as pcsv

    ref = np.load(ref_path)
    ind_ids = ref["ind_ids"][ref["ind"]]
    holders = ref["holder_ids"][ref["holder"]]
    want = {}
    for i, h, a, c, p in zip(ind_ids.tolist(), holders.tolist(), ref["actual"].tolist(), ref["ach"].tolist(),
                             ref["pred"].tolist()):
        want[(i, h)] = (a, c, BANDS[p][1] if p >= 0 else "")
    want_el = {}
    pos_ids = ref["pos_ids"]
    for h, v, k in zip(ref["holder_ids"][ref["el_holder"]].tolist(), ref["el_value"].tolist(), ref["el_pos"].tolist()):
        want_el[(str(pos_ids[int(k)]), h)] = v
    want_roll = dict(zip(ref["roll_ids"].tolist(), ref["roll_vals"].tolist()))
    checked = {}

    def same(x: float, y: float) -> bool:
        return (np.isnan(x) and np.isnan(y)) or x == y

    def check_rows(kind, ids, entities, actual, ach, pred, label):
        n = 0
        for row in zip(kind, ids, entities, actual, ach, pred):
            k, i, e, a, c, p = row
            if k == "indicator":
                w = want.get((i, e))
                if w is None:
                    continue
                if not (same(_num(a), w[0]) and same(_num(c), w[1]) and (p or "") == w[2]):
                    raise SystemExit(f"{label}: {i} {e}: eval ({a}, {c}, {p}) != reference {w}")
                n += 1
            elif (i, e) in want_el:
                if not same(_num(c), want_el[(i, e)]):
                    raise SystemExit(f"{label}: element {i} {e}: eval {c} != reference {want_el[(i, e)]}")
                n += 1
            elif i in want_roll and e in ("", None):
                if not same(_num(c), want_roll[i]):
                    raise SystemExit(f"{label}: roll-up {i}: eval {c} != reference {want_roll[i]}")
                n += 1
        return n

    if csv_path is not None:
        t = pcsv.read_csv(csv_path, convert_options=pcsv.ConvertOptions(
            column_types={c: pa.string() for c in ("kind", "id", "entity", "actual", "achievement", "predicate")},
            include_columns=["kind", "id", "entity", "actual", "achievement", "predicate"],
            strings_can_be_null=False))
        cols = [t.column(c).to_pylist() for c in ("kind", "id", "entity", "actual", "achievement", "predicate")]
        checked["csv"] = check_rows(*cols, label="csv")
    if json_path is not None:
        doc = json.loads(json_path.read_text(encoding="utf-8"))
        recs = doc["indicators"]
        kind = ["indicator"] * len(recs) + ["element"] * len(doc["elements"])
        ids = [r["id"] for r in recs] + [r["id"] for r in doc["elements"]]
        ents = [r["entity"] for r in recs] + [r["entity"] for r in doc["elements"]]
        act = [r["actual"] for r in recs] + [None] * len(doc["elements"])
        ach = [r["achievement"] for r in recs] + [r["achievement"] for r in doc["elements"]]
        pred = [r["predicate"] for r in recs] + [None] * len(doc["elements"])
        checked["json"] = check_rows(kind, ids, ents, act, ach, pred, label="json")
    expected = len(want) + len(want_el) + len(want_roll)
    for fmt, n in checked.items():
        if n != expected:
            raise SystemExit(f"{fmt}: compared {n} figures, the reference has {expected}")
    return {"figures_compared": expected, **{f"{k}_equal": True for k in checked}}


# ------------------------------------------------------------------------------ main

def bench_set(name: str, chunk_rows: int | None, repeat: int, jobs: int = 1) -> dict:
    folder = ensure(name)
    defs = str(folder / "definitions")
    data = str(folder / "data")
    holders = ["--holders", str(folder / "holders.parquet")] if SETS[name]["roster"] else []
    man = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    out: dict = {"set": name, "positions": len(man["positions"])}
    csv_out = folder / "eval.csv"
    json_out = folder / "eval.json"
    ref_out = folder / "reference.npz"

    def best(cmd):
        runs = [timed(cmd) for _ in range(repeat)]
        return min(runs, key=lambda r: r["wall_s"])

    out["check"] = best(indikator("check", defs, *holders))
    ev = ["eval", defs, "--data", data, "--period", PERIOD, "--entity", "all", *holders]
    chunk = ["--chunk-rows", str(chunk_rows), "--jobs", str(jobs)] if chunk_rows else []
    out["eval_csv"] = best(indikator(*ev, *chunk, "--format", "csv", "-o", str(csv_out)))
    if name != "national":
        out["eval_json"] = best(indikator(*ev, "--format", "json", "-o", str(json_out)))
        out["reference"] = best([sys.executable, str(Path(__file__)), "--child-reference", str(folder),
                                 str(ref_out)])
        out["compare"] = compare(ref_out, csv_out, json_out)
    out["csv_rows"] = sum(1 for _ in open(csv_out, "rb")) - 1
    out["csv_mib"] = round(csv_out.stat().st_size / 2**20, 1)
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sets", nargs="*", default=None, choices=list(SETS))
    ap.add_argument("--national", action="store_true", help="also the national set")
    ap.add_argument("--chunk-rows", type=int, default=20_000_000, help="national: data rows per chunk (smaller chunks cost less CPU per row and memory; see README_iki.md)")
    ap.add_argument("--repeat", type=int, default=1, help="runs per command (the fastest is kept)")
    ap.add_argument("--jobs", type=int, default=2, help="national: chunks evaluated at once (processes)")
    ap.add_argument("--child-reference", nargs=2, metavar=("FOLDER", "RESULT"), help=argparse.SUPPRESS)
    a = ap.parse_args()
    if a.child_reference:
        reference(Path(a.child_reference[0]), Path(a.child_reference[1]))
        return
    sets = a.sets or (["region", "region10"] + (["national"] if a.national else []))
    results = {}
    for name in sets:
        r = bench_set(name, a.chunk_rows if name == "national" else None, a.repeat, a.jobs)
        results[name] = r
        print(json.dumps(r, indent=1), flush=True)
    if "region" in results and "region10" in results:
        ratios = {}
        for k in ("check", "eval_csv", "eval_json", "reference"):
            if k in results["region"] and k in results["region10"]:
                ratios[k] = {m: round(results["region10"][k][m] / results["region"][k][m], 2)
                             for m in ("wall_s", "peak_mib")}
        results["ratio_10_to_1"] = ratios
        print("10-region / 1-region:", json.dumps(ratios))
    OUT.mkdir(parents=True, exist_ok=True)
    prev = json.loads((OUT / "results.json").read_text()) if (OUT / "results.json").exists() else {}
    prev.update(results)
    (OUT / "results.json").write_text(json.dumps(prev, indent=1), encoding="utf-8")


if __name__ == "__main__":
    main()
