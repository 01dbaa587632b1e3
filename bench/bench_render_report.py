"""How long `render` and `report` take for a generated region (35 agencies, about 3,000–4,000 elements: the generator needs 110 per agency).

    python bench/bench_render_report.py [--elements 3000] [--indicators 9000] [--agencies 35]

Generates the definitions with bench/gen_definitions.py and one year of
monthly data for every declared variable (plus own-id data for indicators
without a formula), then times, each as a whole CLI process (what a planner
waits for): `check`, `eval --format json`, `render` to DOT, SVG and PDF, and
`report` to HTML, Markdown and XLSX. `check` is the reference: every other
command pays it first, so the ratio says what each output adds. Peak memory
is the child's maximum resident set size.
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


def timed(args: list[str]) -> tuple[float, float]:
    """Wall time and this child's own peak RSS (os.wait4 gives the rusage of one child)."""
    t0 = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-m", "indikator", *args], stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE)
    err = proc.stderr.read().decode("utf-8", "replace")
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - t0
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0:
        raise SystemExit(f"{' '.join(args)} failed:\n{err[-2000:]}")
    return wall, usage.ru_maxrss / 1024


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--elements", type=int, default=4200)
    ap.add_argument("--indicators", type=int, default=12600)
    ap.add_argument("--agencies", type=int, default=35)
    ap.add_argument("--out", default=str(HERE / "out" / "render_report"))
    opts = ap.parse_args()
    out = Path(opts.out)
    defs, data = generate(out, opts.elements, opts.indicators, opts.agencies)
    res = out / "results"
    res.mkdir(parents=True, exist_ok=True)
    d = ["--data", str(data), "--period", PERIOD]
    runs = [
        ("check", ["check", str(defs)]),
        ("eval json", ["eval", str(defs), *d, "--format", "json", "-o", str(res / "eval.json")]),
        ("render dot", ["render", str(defs), *d, "-o", str(res / "chart.dot")]),
        ("render svg", ["render", str(defs), *d, "-o", str(res / "chart.svg")]),
        ("render svg --split agency", ["render", str(defs), *d, "--split", "agency", "-o", str(res / "page.svg")]),
        ("render pdf", ["render", str(defs), *d, "-o", str(res / "chart.pdf")]),
        ("report html", ["report", str(defs), *d, "-o", str(res / "report.html")]),
        ("report md", ["report", str(defs), *d, "-o", str(res / "report.md")]),
        ("report xlsx", ["report", str(defs), *d, "-o", str(res / "report.xlsx")]),
    ]
    print(f"{opts.elements} elements, {opts.indicators} indicators, {opts.agencies} agencies; period {PERIOD}")
    print(f"{'command':30} {'wall s':>8} {'× check':>8} {'peak MB':>8}")
    ref = None
    for name, args in runs:
        wall, peak = timed(args)
        ref = ref or wall
        print(f"{name:30} {wall:8.2f} {wall / ref:8.2f} {peak:8.0f}")


if __name__ == "__main__":
    main()
