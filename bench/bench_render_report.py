"""How long `render` and `report` take for a generated region (35 agencies, about 3,000–4,000 elements: the generator needs 110 per agency).

    python bench/bench_render_report.py [--elements 3000] [--indicators 9000] [--agencies 35]

Generates the definitions with bench/gen_definitions.py and one year of
monthly data for every declared variable (plus own-id data for indicators
without a formula), then times, each as a whole CLI process (what a planner
waits for): `check`, `eval --format json`, `render` to DOT, SVG and PDF, and
`report` to HTML, Markdown and XLSX. The reference (floor) is a process that
merely loads the same YAML texts with PyYAML's CSafeLoader, measured in the
same run (best of --repeat, before and after, so drift from other load on the
machine shows). `check (cold)` runs with --no-cache; every other command is
warm: the model cache (PRODUCT.md §13, in bench/out/.../cache) is filled by
one check first. Peak memory is the child's maximum resident set size. The package under test
is compiled to bytecode first, as an installed program is (bench/bytecode.py; ``--no-bytecode``
times it compiling its modules from source in every command, as a checkout is run where
``PYTHONDONTWRITEBYTECODE=1``).
Wall and CPU (user + system) are each the best of N; a `!` marks a wall ratio above
its aim (issue 16). On a shared machine the CPU ratio is the steadier figure.
"""
from __future__ import annotations

import argparse
import csv
import random
import os
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
PERIOD = "2025-Q1..2025-Q3"


def generate(out: Path, elements: int, indicators: int, agencies: int) -> tuple[Path, Path]:
    defs = out / "definitions"
    if not defs.exists():
        subprocess.run([sys.executable, str(HERE / "gen_definitions.py"), str(defs), "--elements", str(elements),
                        "--indicators", str(indicators), "--agencies", str(agencies)], check=True)
    data = out / "data" / "data.csv"
    if not data.exists():
        sys.path.insert(0, str(HERE.parent))
        from indikator.load import load_definitions

        dset, _ = load_definitions(str(defs))
        rng = random.Random(7)
        data.parent.mkdir(parents=True, exist_ok=True)
        with data.open("w", newline="", encoding="utf-8") as fh:
            w = csv.writer(fh)
            w.writerow(["period", "variable", "value"])
            for v in dset.variables.values():
                for m in range(1, 13):
                    w.writerow([f"2025-{m:02d}", v.id, rng.randint(50, 150)])
            for ind in dset.indicators.values():
                if ind.formula is None and not ind.grade_scale:
                    w.writerow([PERIOD, ind.id, round(rng.uniform(40, 110), 2)])
    return defs, data


def timed(args: list[str], code: str | None = None) -> tuple[float, float, float]:
    """Wall time, CPU time (user + system) and this child's own peak RSS (os.wait4 gives the
    rusage of one child). CPU time is what other load on a shared machine disturbs least."""
    t0 = time.perf_counter()
    cmd = [sys.executable, "-c", code, *args] if code else [sys.executable, "-m", "indikator", *args]
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    err = proc.stderr.read().decode("utf-8", "replace")
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - t0
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0:
        raise SystemExit(f"{' '.join(args)} failed:\n{err[-2000:]}")
    return wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024


FLOOR = """
import pathlib, sys, yaml
for p in sorted(pathlib.Path(sys.argv[1]).rglob("*.yaml")):
    yaml.load(p.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)
"""


def floor(defs: Path) -> tuple[float, float, float]:
    """The YAML floor: a process that merely loads the same texts with PyYAML's CSafeLoader."""
    return timed([str(defs)], code=FLOOR)


def serve_first_view(defs: Path, data: Path) -> tuple[float, float, float]:
    """`serve` in its own process, the model cache warm: seconds of the first GET / (the
    server loads the set from the cache, evaluates and draws it: on that request, or in its
    warm-up right after it starts listening), seconds from the process start to the end of
    that response, and the CPU seconds (user + system, Graphviz included) the process spent
    up to then (it is idle afterwards; the steadier figure on a shared machine)."""
    import re
    import urllib.request

    t0 = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-m", "indikator", "serve", str(defs), "--data", str(data),
                             "--period", "2025-Q1..2025-Q3", "--port", "0"], stdout=subprocess.PIPE,
                            stderr=subprocess.DEVNULL, text=True)
    try:
        m = re.search(r"http://127\.0\.0\.1:(\d+)/", proc.stdout.readline())
        if not m:
            raise SystemExit("serve did not start")
        t1 = time.perf_counter()
        with urllib.request.urlopen(f"http://127.0.0.1:{m.group(1)}/", timeout=600) as r:
            r.read()
        t2 = time.perf_counter()
    finally:
        proc.terminate()
    _, _, usage = os.wait4(proc.pid, 0)
    proc.returncode = 0
    return t2 - t1, t2 - t0, usage.ru_utime + usage.ru_stime


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--elements", type=int, default=4200)
    ap.add_argument("--indicators", type=int, default=12600)
    ap.add_argument("--agencies", type=int, default=35)
    ap.add_argument("--out", default=str(HERE / "out" / "render_report"))
    ap.add_argument("--repeat", type=int, default=3, help="best of N runs per command (and for the floor)")
    ap.add_argument("--only", default=None, help="comma-separated command names to run (default: all)")
    ap.add_argument("--no-bytecode", action="store_true",
                    help="time the package compiling its modules from source in every command (bench/bytecode.py)")
    opts = ap.parse_args()
    out = Path(opts.out)
    defs, data = generate(out, opts.elements, opts.indicators, opts.agencies)
    res = out / "results"
    res.mkdir(parents=True, exist_ok=True)
    os.environ["INDIKATOR_CACHE_DIR"] = str(out / "cache")   # never the user's own cache
    d = ["--data", str(data), "--period", PERIOD]
    runs = [
        ("check (cold)", ["check", str(defs), "--no-cache"], 2.5),
        ("check (warm)", ["check", str(defs)], None),
        ("eval json", ["eval", str(defs), *d, "--format", "json", "-o", str(res / "eval.json")], 1.5),
        ("render dot", ["render", str(defs), *d, "-o", str(res / "chart.dot")], 1.5),
        ("render svg", ["render", str(defs), *d, "-o", str(res / "chart.svg")], None),
        ("render svg --split agency", ["render", str(defs), *d, "--split", "agency", "-o", str(res / "page.svg")],
         None),
        ("render pdf", ["render", str(defs), *d, "-o", str(res / "chart.pdf")], None),
        ("report html", ["report", str(defs), *d, "-o", str(res / "report.html")], 2.0),
        ("report md", ["report", str(defs), *d, "-o", str(res / "report.md")], None),
        ("report xlsx", ["report", str(defs), *d, "-o", str(res / "report.xlsx")], 3.0),
    ]
    if opts.only:
        keep = {n.strip() for n in opts.only.split(",")}
        runs = [r for r in runs if r[0] in keep]
    from bytecode import prepare

    print(prepare(not opts.no_bytecode))
    timed(["check", str(defs)])       # fill the cache: every command but the cold check is warm
    print(f"{opts.elements} elements, {opts.indicators} indicators, {opts.agencies} agencies; period {PERIOD}; "
          f"best of {opts.repeat}")
    print(f"{'command':30} {'wall s':>7} {'× floor':>7} {'CPU s':>7} {'× floor':>7} {'aim':>5} {'peak MB':>8}")
    ref = min((floor(defs) for _ in range(opts.repeat)), key=lambda r: r[0])
    ref_cpu = min(floor(defs)[1] for _ in range(opts.repeat))
    print(f"{'YAML floor (CSafeLoader)':30} {ref[0]:7.2f} {1.0:7.2f} {ref_cpu:7.2f} {1.0:7.2f} {'':>5} {ref[2]:8.0f}")
    for name, args, aim in runs:
        results = [timed(args) for _ in range(opts.repeat)]
        wall = min(r[0] for r in results)
        cpu = min(r[1] for r in results)
        peak = max(r[2] for r in results)
        mark = "" if aim is None else (f"{aim:.1f}" + ("" if wall / ref[0] <= aim else "!"))
        print(f"{name:30} {wall:7.2f} {wall / ref[0]:7.2f} {cpu:7.2f} {cpu / ref_cpu:7.2f} {mark:>5} {peak:8.0f}",
              flush=True)
    if not opts.only or "serve" in opts.only:
        views = [serve_first_view(defs, data) for _ in range(opts.repeat)]
        best = min(views)
        cpu = min(v[2] for v in views)
        print(f"{'serve: first view (warm cache)':30} {best[0]:7.2f}  (request only; {best[1]:.2f} s from the "
              f"process start; {cpu:.2f} s CPU, Graphviz included; aim 2 s)", flush=True)
    again = min((floor(defs) for _ in range(opts.repeat)), key=lambda r: r[0])
    print(f"{'YAML floor again (drift)':30} {again[0]:7.2f} {again[0] / ref[0]:7.2f} {again[1]:7.2f} "
          f"{again[1] / ref_cpu:7.2f}")


if __name__ == "__main__":
    main()
