"""How long the documents of issue 15 take for the generated 35-agency region, in one run.

    python bench/bench_documents.py [--out bench/out/documents] [--skip-report-pdf]

Generates the region with bench/gen_region.py (35 agencies, 7,000 positions, 35,000 IKI, monthly
Parquet data keyed by NIP) when missing, then times as whole CLI processes, one after the other:
`report -o x.html` (the reference), `report -o x.docx`, `report -o x.pdf`, and `render -o x.pdf`
(`--page a4`, the default for .pdf). Prints wall time, the ratio to the HTML report, the child's
peak memory, and the number of pages of each PDF (pypdf).
"""
from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
PERIOD = "2024"


def timed(args: list[str]) -> tuple[float, float, str]:
    t0 = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-m", "indikator", *args], stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE)
    err = proc.stderr.read().decode("utf-8", "replace")
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - t0
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"{' '.join(args)} failed:\n{err[-2000:]}")
    return wall, usage.ru_maxrss / 1024, err


def pages(path: Path) -> int | str:
    if path.suffix != ".pdf":
        return ""
    from pypdf import PdfReader

    return len(PdfReader(str(path)).pages)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--out", default=str(HERE / "out" / "documents"))
    ap.add_argument("--skip-report-pdf", action="store_true")
    opts = ap.parse_args()
    out = Path(opts.out)
    if not (out / "definitions").exists():
        subprocess.run([sys.executable, str(HERE / "gen_region.py"), str(out)], check=True)
    res = out / "results"
    res.mkdir(parents=True, exist_ok=True)
    d = ["--data", str(out / "data"), "--period", PERIOD]
    defs = str(out / "definitions")
    runs = [("report html", ["report", defs, *d, "-o", str(res / "x.html")]),
            ("report docx", ["report", defs, *d, "-o", str(res / "x.docx")])]
    if not opts.skip_report_pdf:
        runs.append(("report pdf", ["report", defs, *d, "-o", str(res / "x.pdf")]))
    runs.append(("render pdf (--page a4)", ["render", defs, *d, "-o", str(res / "chart.pdf")]))
    print(f"generated region in {out}; period {PERIOD}")
    print(f"{'command':24} {'wall s':>8} {'× html':>7} {'peak MB':>8} {'pages':>6} {'warnings':>8}")
    ref = None
    for name, args in runs:
        wall, peak, err = timed(args)
        ref = ref or wall
        print(f"{name:24} {wall:8.1f} {wall / ref:7.1f} {peak:8.0f} {pages(Path(args[-1])):>6} "
              f"{err.count('warning: halaman'):>8}", flush=True)


if __name__ == "__main__":
    main()
