"""Page load time of ``indikator serve`` on a generated region of about 3,000 elements,
against the time of ``indikator render`` on the same set.

    python bench/bench_serve.py [--elements 3000] [--indicators 9000] [--agencies 10] [--repeat 2] [--no-browser]

1. The definitions come from ``gen_definitions.py`` (visi → misi → tujuan →
   sasaran, then per agency tujuan PD, sasaran strategis, programs, kegiatan,
   sub kegiatan and positions with IKI), written once to
   ``bench/out/serve-<N>/definitions``; a data file with a 2025 value for every
   variable is written beside it (``data/realisasi_2025.csv``: quarters for
   ``sum`` variables, the year-end figure for ``last`` ones), so that every box
   has figures and a colour.
2. ``indikator render`` of the whole tree with that data for 2025, as a
   command (process start → SVG written), ``--repeat`` times; the fastest run
   counts.
3. ``indikator serve`` in its own process (``--port 0``), and the page loaded
   in headless Chromium (Playwright driving /usr/bin/chromium), timed from
   ``page.goto`` until the chart is on the screen with pan and zoom ready:
   * the first view of the large tree (the top levels, chosen automatically),
     cold (the server loads, checks and evaluates the set on this request)
     and warm (cached: what every later visit costs);
   * the whole tree (``?depth=all``): cold (first render of the full chart)
     and warm;
   * the whole tree after a definition file was saved (mtime changed): the
     reload, check, evaluation and render again;
   * one element panel (``/element/<id>?partial=1``), as the page's script
     fetches it on a click.
   The same URLs are first timed with a plain HTTP client on a server of its
   own: that is the server's share (loading, evaluating, Graphviz, transfer);
   the difference to the browser's figure is the browser parsing and drawing
   the SVG. ``--no-browser`` keeps only the HTTP client.

The machine may be shared with other work: wall times vary run to run;
compare the figures of one run with each other.
"""
from __future__ import annotations

import argparse
import csv
import json
import os
import random
import re
import shutil
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT))

CHROMIUM = os.environ.get("INDIKATOR_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run", "--disable-quic"]
PERIOD = "2025"


def generate(out: Path, elements: int, indicators: int, agencies: int) -> tuple[Path, Path]:
    defs, data = out / "definitions", out / "data"
    if not (defs.exists() and any(defs.rglob("*.yaml"))):
        if defs.exists():
            shutil.rmtree(defs)
        subprocess.run([sys.executable, str(HERE / "gen_definitions.py"), str(defs), "--elements", str(elements),
                        "--indicators", str(indicators), "--agencies", str(agencies)], check=True)
    if not (data / "realisasi_2025.csv").exists():
        from indikator.load import load_definitions

        dset, diags = load_definitions(str(defs))
        assert dset is not None and not any(d.is_error for d in diags), "generated set does not check"
        data.mkdir(parents=True, exist_ok=True)
        rng = random.Random(2025)
        with open(data / "realisasi_2025.csv", "w", newline="", encoding="utf-8") as fh:
            w = csv.writer(fh)
            w.writerow(["period", "variable", "value"])
            for v in dset.variables.values():
                if v.period_aggregation == "sum":
                    for q in range(1, 5):
                        w.writerow([f"2025-Q{q}", v.id, rng.randrange(20, 400)])
                else:
                    w.writerow(["2025", v.id, round(rng.uniform(40, 110), 2)])
    return defs, data


def time_render(defs: Path, data: Path, out: Path, repeat: int) -> list[float]:
    times = []
    for _ in range(repeat):
        target = out / "render.svg"
        t = time.perf_counter()
        subprocess.run([sys.executable, "-m", "indikator", "render", str(defs), "--data", str(data),
                        "--period", PERIOD, "-o", str(target)], check=True, cwd=ROOT, stdout=subprocess.DEVNULL)
        times.append(time.perf_counter() - t)
    return times


class Server:
    def __init__(self, defs: Path, data: Path) -> None:
        self.proc = subprocess.Popen([sys.executable, "-m", "indikator", "serve", str(defs), "--data", str(data),
                                      "--period", PERIOD, "--port", "0"], cwd=ROOT, stdout=subprocess.PIPE,
                                     stderr=subprocess.DEVNULL, text=True)
        line = self.proc.stdout.readline()
        m = re.search(r"http://127\.0\.0\.1:(\d+)/", line)
        if not m:
            self.stop()
            raise RuntimeError(f"serve did not start: {line!r}")
        self.url = f"http://127.0.0.1:{m.group(1)}"

    def stop(self) -> None:
        self.proc.terminate()
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()


def fetch(url: str) -> tuple[float, int]:
    t = time.perf_counter()
    with urllib.request.urlopen(url, timeout=600) as r:
        body = r.read()
    return time.perf_counter() - t, len(body)


def touch_a_file(defs: Path) -> None:
    f = sorted(defs.rglob("*.yaml"))[0]
    st = f.stat()
    os.utime(f, ns=(st.st_atime_ns, st.st_mtime_ns + 1_000_000_000))


def measure(client: str, defs: Path, data: Path, urls) -> list[dict]:
    """Time each URL in order, on a server of its own (so the first request is cold)."""
    server = Server(defs, data)
    timings = []
    try:
        if client == "http":
            for label, path, touch in urls:
                if touch:
                    touch_a_file(defs)
                dt, size = fetch(server.url + path)
                timings.append({"view": label, "seconds": dt, "boxes": None, "bytes": size})
            return timings
        from playwright.sync_api import sync_playwright

        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
            page = browser.new_page(viewport={"width": 1440, "height": 900})
            page.set_default_timeout(900_000)
            for label, path, touch in urls:
                if touch:
                    touch_a_file(defs)
                t = time.perf_counter()
                if "partial=1" in path:
                    resp = page.request.get(server.url + path)
                    boxes = None
                else:
                    resp = page.goto(server.url + path, wait_until="load")
                    page.wait_for_selector("#tree svg .svg-pan-zoom_viewport", state="attached")
                    page.evaluate("() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))")
                    dt = time.perf_counter() - t
                    boxes = page.locator("#tree svg g.node").count()
                if boxes is None:
                    dt = time.perf_counter() - t
                size = int(resp.headers.get("content-length") or 0)  # the body may be gone after drawing
                timings.append({"view": label, "seconds": dt, "boxes": boxes, "bytes": size})
            browser.close()
        return timings
    finally:
        server.stop()


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--elements", type=int, default=3000)
    ap.add_argument("--indicators", type=int, default=9000)
    ap.add_argument("--agencies", type=int, default=10)
    ap.add_argument("--repeat", type=int, default=2)
    ap.add_argument("--no-browser", action="store_true")
    ap.add_argument("--no-bytecode", action="store_true",
                    help="time the package compiling its modules from source in every process (bench/bytecode.py)")
    args = ap.parse_args()

    out = HERE / "out" / f"serve-{args.elements}"
    defs, data = generate(out, args.elements, args.indicators, args.agencies)
    from indikator.load import load_definitions

    dset, _ = load_definitions(str(defs))
    n_el, n_ind = len(dset.elements), len(dset.indicators)
    some = next(e.id for e in dset.elements.values() if e.level == "agency_objective")
    print(f"set: {n_el:,} elements, {n_ind:,} indicators, {len(dset.files)} files; data {PERIOD}")

    from bytecode import prepare

    os.chdir(ROOT)                 # the servers and renders run here: the package they import
    print(prepare(not args.no_bytecode))
    render = time_render(defs, data, out, args.repeat)
    svg_mb = (out / "render.svg").stat().st_size / 1e6
    print(f"indikator render (whole tree, with figures): {min(render):.1f} s "
          f"(runs: {', '.join(f'{t:.1f}' for t in render)}), SVG {svg_mb:.1f} MB")

    use_browser = not args.no_browser and os.path.exists(CHROMIUM)
    results: dict = {"elements": n_el, "indicators": n_ind, "render_s": render, "render_svg_mb": svg_mb}
    q = f"period={PERIOD}"
    urls = [("first view, cold (load + check + evaluate + render)", f"/?{q}", False),
            ("first view, warm", f"/?{q}", False),
            ("whole tree, cold (render the full chart)", f"/?{q}&depth=all", False),
            ("whole tree, warm", f"/?{q}&depth=all", False),
            ("a file saved, whole tree (reload + check + evaluate + render)", f"/?{q}&depth=all", True),
            ("element panel (a click)", f"/element/{some}?{q}&partial=1", False)]
    clients = ["http"] + (["chromium"] if use_browser else [])
    for client in clients:
        results[client] = timings = measure(client, defs, data, urls)
        where = "headless Chromium (until the chart is drawn, pan & zoom ready)" if client == "chromium" \
            else "an HTTP client (server time and transfer only)"
        print(f"indikator serve, page load in {where}:")
        for r in timings:
            boxes = f", {r['boxes']:,} boxes" if r["boxes"] is not None else ""
            print(f"  {r['view']:<64} {r['seconds']:7.2f} s  ({r['bytes'] / 1e6:.1f} MB{boxes})")
        whole_cold = timings[0]["seconds"] + timings[2]["seconds"]
        print(f"  whole tree from a just-started server (first view + whole tree): {whole_cold:.1f} s "
              f"vs indikator render {min(render):.1f} s")
    (out / "bench_serve.json").write_text(json.dumps(results, indent=2), encoding="utf-8")
    print(f"wrote {out / 'bench_serve.json'}")


if __name__ == "__main__":
    main()
