"""The views of ``indikator serve``. Every one is a GET and reads the current snapshot.

``/``                    the cascading tree (period, branch, depth, agency; ``sel`` opens an element)
``/element/<id>``        one element: indicators with target, realisasi, capaian, predikat; budget
``/explain/<id>``        how one indicator's figures came about (``entity`` for a holder's IKI)
``/positions``           every position, its holders and their IKI
``/check``               the check diagnostics with file:line:col
``/source/<name>``       a definition or data file, with line numbers (only the workspace's files)
``/download/<what>.<fmt>``  the report (html, xlsx) or the chart (svg, pdf) of the current period

``partial=1`` on ``/element`` and ``/explain`` answers the panel's HTML only,
for the page's script; without it each is a page of its own.
"""
from __future__ import annotations

import os

from flask import Flask, abort, g, render_template, request

from .context import (MAX_SOURCE_LINES, TEXT_FILES, page_context, attachment, broken_page, chosen_period, safe_markup,
                  snapshot)
from ..output.numbers import amount as fmt_value, number
from .tree import LARGE_TREE, UnsafeSVG, View, agencies, auto_view, tree_model, tree_svg

REGION = "*region"


def register(app: Flask) -> None:
    app.add_url_rule("/", "index", index)
    app.add_url_rule("/element/<path:el_id>", "element", element)
    app.add_url_rule("/explain/<path:ind_id>", "explain_view", explain_view)
    app.add_url_rule("/positions", "positions", positions)
    app.add_url_rule("/check", "check", check)
    app.add_url_rule("/summary", "summary", summary)
    app.add_url_rule("/source/<path:name>", "source", source)
    app.add_url_rule("/download/<what>.<fmt>", "download", download)


def _partial() -> bool:
    return request.args.get("partial") == "1"


def _view(snap) -> View:
    """The part of the tree asked for; the first view of a large tree shows its top levels."""
    root = request.args.get("root") or None
    if root is not None and root not in snap.dset.elements:
        root = None
    depth_text = request.args.get("depth")
    agency_text = request.args.get("agency")
    agency = None
    if agency_text == REGION:
        agency = ""
    elif agency_text:
        agency = agency_text
    if depth_text == "all":
        return View(root, None, agency)
    if depth_text and depth_text.isdigit():
        return View(root, min(int(depth_text), 50), agency)
    if root is None and agency is None:
        return auto_view(snap)
    return View(root, None, agency)


def index():
    snap = snapshot()
    if not snap.ok:
        return broken_page()
    period, _ = chosen_period(snap)
    view = _view(snap)
    lang = page_context()["lang"]
    svg_error = None
    try:
        svg = safe_markup(tree_svg(snap, period, view, lang))
    except UnsafeSVG as exc:
        svg, svg_error = None, str(exc)
    model = tree_model(snap, view, lang)
    sel = request.args.get("sel")
    panel = None
    if sel and sel in snap.dset.elements:
        from .pages import element_view

        panel = element_view(snap, sel, period, lang)
    from .pages import summary_view

    summary = summary_view(snap, period, lang) if panel is None else None
    scales = {snap.dset.elements[e["id"]].predicate_scale for e in model["elements"] if e["v"]}
    legend = []
    for name in sorted(scales):
        sc = snap.dset.scales.get(name)
        if sc is not None and sc.kind == "predicate":
            legend.append({"name": name, "bands": [
                {"label": b.label, "color": b.color or "#cccccc",
                 "min": None if b.min == float("-inf") else fmt_value(b.min, g.lang)} for b in sc.bands]})
    shown = sum(1 for e in model["elements"] if e["v"])
    eval_errors = []
    if period is not None:
        from .pages import shown_diagnostics

        ev = snap.evaluate(period, None)
        eval_errors = shown_diagnostics(snap, [d for d in ev.diagnostics if d.is_error], g.lang)
    return render_template(
        "tree.html", **page_context(), svg=svg, svg_error=svg_error, model=model, view=view, panel=panel,
        summary=summary, agencies=agencies(snap.dset), region=REGION, legend=legend, shown=shown,
        total=len(snap.dset.elements), large=len(snap.dset.elements) > LARGE_TREE,
        max_depth=max(_depths(snap), default=0), eval_errors=eval_errors,
        depth_text=request.args.get("depth") or ("" if view.depth is None else str(view.depth)),
        agency_text=request.args.get("agency") or "", root=view.root, sel=sel)


def _depths(snap):
    from .tree import depths_from_top

    with snap.lock:
        return snap.charts.get(("depths",), lambda: sorted(set(depths_from_top(snap.dset).values())))


def element(el_id: str):
    snap = snapshot()
    if not snap.ok:
        return broken_page()
    if el_id not in snap.dset.elements:
        abort(404)
    from .pages import element_view

    period, _ = chosen_period(snap)
    base = page_context()
    view = element_view(snap, el_id, period, base["lang"])
    if _partial():
        return render_template("_element.html", **base, e=view)
    return render_template("element.html", **base, e=view)


def explain_view(ind_id: str):
    snap = snapshot()
    if not snap.ok:
        return broken_page()
    if ind_id not in snap.dset.indicators:
        abort(404)
    period, _ = chosen_period(snap)
    if period is None:
        abort(404)
    entity = request.args.get("entity") or None
    from .pages import explain_view as build

    base = page_context()
    d = build(snap, ind_id, period, entity, base["lang"])
    if _partial():
        return render_template("_explain.html", **base, d=d)
    return render_template("explain.html", **base, d=d)


def summary():
    snap = snapshot()
    if not snap.ok:
        return broken_page()
    from .pages import summary_view

    period, _ = chosen_period(snap)
    base = page_context()
    return render_template("_summary.html", **base, s=summary_view(snap, period, base["lang"]))


def positions():
    snap = snapshot()
    if not snap.ok:
        return broken_page()
    from .pages import positions_view

    period, _ = chosen_period(snap)
    base = page_context()
    return render_template("positions.html", **base, groups=positions_view(snap, period, base["lang"]))


def check():
    snap = snapshot()
    from .pages import shown_diagnostics

    diags = list(snap.diagnostics)
    period, _ = chosen_period(snap)
    if snap.ok and period is not None:
        diags += [d for d in snap.evaluate(period, None).diagnostics]
    return render_template("check.html", **page_context(), diagnostics=shown_diagnostics(snap, diags, g.lang),
                           load_seconds=number(snap.load_seconds, g.lang, 2))


def source(name: str):
    """A definition or data file of the workspace, by its exact web name; anything else is 404."""
    snap = snapshot()
    real = snap.files.get(name)
    if real is None or not name.lower().endswith(TEXT_FILES):
        abort(404)
    try:
        with open(real, encoding="utf-8-sig", errors="replace") as fh:
            lines = fh.read().splitlines()
    except OSError:
        abort(404)
    try:
        line = int(request.args.get("line", "0"))
    except ValueError:
        line = 0
    first = 1
    if len(lines) > MAX_SOURCE_LINES:
        first = max(1, line - MAX_SOURCE_LINES // 2) if line else 1
    shown = lines[first - 1: first - 1 + MAX_SOURCE_LINES]
    return render_template("source.html", **page_context(), name=name, lines=shown, first=first, line=line,
                           total=len(lines))


REPORT_TYPES = {"html": "text/html; charset=utf-8",
                "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}
CHART_TYPES = {"svg": "image/svg+xml", "pdf": "application/pdf"}


def download(what: str, fmt: str):
    snap = snapshot()
    if what not in ("report", "chart") or fmt not in (REPORT_TYPES if what == "report" else CHART_TYPES):
        abort(404)
    if not snap.ok:
        page, _ = broken_page()
        return page, 409
    period, _ = chosen_period(snap)
    lang = page_context()["lang"]
    stem = "".join(ch if ch.isalnum() or ch in "-_" else "_" for ch in (period.key if period else "tanpa-periode"))
    label = os.path.basename(os.path.normpath(snap.root)) or "indikator"
    label = "".join(ch if ch.isalnum() or ch in "-_" else "_" for ch in label)
    if what == "chart":
        from .tree import chart_bytes

        data = chart_bytes(snap, period, _view(snap), lang, fmt)
        return attachment(data, f"pohon-kinerja-{label}-{stem}.{fmt}", CHART_TYPES[fmt])
    if period is None:
        abort(404)
    try:
        from ..report import build_report, render_report
    except ImportError:  # the report module is optional in a partial install
        return render_template("error.html", **page_context(), error=page_context()["t"]["report_missing"]), 501
    with snap.lock:
        rep, _diags = build_report(snap.engine, period, None, lang)
    return attachment(render_report(rep, fmt), f"laporan-kinerja-{label}-{stem}.{fmt}", REPORT_TYPES[fmt])
