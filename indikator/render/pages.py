"""The chart for print: A4 landscape pages that stay readable (``render --page a4``, PRODUCT.md §9).

One chart of a whole region is metres wide; shrunk onto paper its text is unreadable. So the
chart is cut where a planner reads it:

* the region levels (visi, misi, tujuan, sasaran daerah) on their own page;
* one page per agency objective (sasaran strategis) with its programs, activities and sub
  activities, and the path above it (tujuan PD, sasaran daerah, …) as one context box on top;
* the positions (jabatan) of each agency on pages of their own, as the chain of superiors,
  each box saying which elements it supports (instead of edges across the whole tree).

Each candidate page is laid out by Graphviz once to measure it (``-Tplain``); a page that would
have to be shrunk so far that its smallest text (10 pt) falls under 7 pt is split further
between the children of its top element, the following parts titled "lanjutan". Every page has
a title (agency, period), a legend of the predicate colours and "Halaman k dari n".
"""
from __future__ import annotations

import html
import re
from dataclasses import dataclass, field

import graphviz

from ..output.numbers import number
from ..messages import render as msg
from ..messages.language import words
from ..model import POSITION_LEVEL, DefinitionSet, Element
from .cascade import RenderOptions, fill_colour, is_agency_level, box_label, node_id, wrap_text

#: A4 landscape in inches, less the margins: what the drawing may take.
PAGE_W, PAGE_H = 11.69, 8.27
DRAW_W, DRAW_H = 11.0, 7.6
SMALLEST_PT = 10.0       # the smallest text a page box uses (ids, holders, the figures' header)
MIN_PT = 7.0             # never printed smaller (§9)
MIN_SCALE = MIN_PT / SMALLEST_PT


@dataclass
class Page:
    kind: str                          # region | objective | positions
    agency: str | None
    nodes: list[str]                   # elements drawn as boxes, in file order
    context: list[str] = field(default_factory=list)   # the path above, shown as one box
    continued: bool = False
    scale: float = 1.0                 # how much Graphviz shrinks it onto the page (measured)


def _children(dset: DefinitionSet) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for el in dset.elements.values():
        for p in el.supports:
            if p in dset.elements:
                out.setdefault(p, []).append(el.id)
    return out


def _path_above(dset: DefinitionSet, el_id: str) -> list[str]:
    """The chain of first parents up to the top, top first."""
    out: list[str] = []
    seen = {el_id}
    cur = dset.elements[el_id]
    while cur.supports and cur.supports[0] in dset.elements and cur.supports[0] not in seen:
        seen.add(cur.supports[0])
        cur = dset.elements[cur.supports[0]]
        out.append(cur.id)
    return out[::-1]


def _subtree(dset: DefinitionSet, children: dict[str, list[str]], root: str) -> list[str]:
    """The root and everything below it except positions, depth first."""
    out: list[str] = []
    stack = [root]
    seen: set[str] = set()
    while stack:
        e = stack.pop()
        if e in seen:
            continue
        seen.add(e)
        out.append(e)
        stack.extend(reversed([c for c in children.get(e, []) if dset.elements[c].level != POSITION_LEVEL]))
    return out


def plan(dset: DefinitionSet, opts: RenderOptions, measure, estimate=None) -> list[Page]:
    """The pages in reading order; ``measure(page)`` gives the scale Graphviz would need.

    ``estimate(page)``, when given, sizes the position pages instead: a region has thousands of
    positions, and laying out every candidate page with Graphviz would cost minutes.

    The region page, each objective's subtree and each agency's positions are fitted on their
    own, so they are fitted side by side (one thread each, as many as cores: the time is the
    ``dot`` processes that measure a candidate page); the pages keep the reading order.
    """
    import os
    from concurrent.futures import ThreadPoolExecutor

    children = _children(dset)
    tasks: list[tuple[Page, object, bool]] = []
    region = [e for e, el in dset.elements.items() if not is_agency_level(el.level)]
    if region:
        tasks.append((Page("region", None, region), measure, False))
    agencies: dict[str, list[Element]] = {}
    for el in dset.elements.values():
        if is_agency_level(el.level):
            agencies.setdefault(el.agency or "", []).append(el)
    for agency, els in agencies.items():
        for el in els:
            if el.level == "agency_objective":
                tasks.append((Page("objective", agency, _subtree(dset, children, el.id), _path_above(dset, el.id)),
                              measure, False))
        positions = [e.id for e in els if e.level == POSITION_LEVEL]
        if positions:
            tasks.append((Page("positions", agency, positions), estimate or measure, True))
    with ThreadPoolExecutor(max_workers=os.cpu_count() or 1) as pool:
        fitted = list(pool.map(lambda t: _fit(t[0], dset, children, t[1], positions=t[2]), tasks))
    return [page for pages in fitted for page in pages]


def _fit(page: Page, dset: DefinitionSet, children, measure, positions: bool = False) -> list[Page]:
    """The page, or the page split between its top element's children when it does not fit."""
    page.scale = measure(page)
    if page.scale >= MIN_SCALE or len(page.nodes) <= 1:
        return [page]
    chosen = set(page.nodes)
    kids = {c: [x for x in children.get(c, []) if x in chosen] for c in page.nodes}
    has_parent = {x for c in page.nodes for x in kids[c] if x != c}
    tops = [n for n in page.nodes if n not in has_parent]
    spine: list[str] = []
    if len(tops) > 1:
        branches = tops                    # several trees (region, positions): split between them
    else:
        # keep the chain of single children on every part; split where the tree first forks
        node = tops[0]
        spine.append(node)
        while len(kids.get(node, [])) == 1:
            node = kids[node][0]
            spine.append(node)
        branches = kids.get(node, [])
    if not branches:
        return [page]

    def below(b: str) -> list[str]:
        out, stack, seen = [], [b], set()
        while stack:
            e = stack.pop()
            if e in seen or e not in chosen:
                continue
            seen.add(e)
            out.append(e)
            stack.extend(kids.get(e, []))
        return out

    # pack the branches greedily: a branch joins the current part while the part still fits
    groups: list[list[str]] = []
    cur: list[str] = []
    for b in branches:
        nodes = [n for n in below(b) if n not in spine]
        trial = cur + [n for n in nodes if n not in cur]
        if cur and measure(Page(page.kind, page.agency, [n for n in page.nodes if n in set(trial) or n in spine],
                                page.context)) < MIN_SCALE:
            groups.append(cur)
            cur = nodes
        else:
            cur = trial
    if cur:
        groups.append(cur)
    out: list[Page] = []
    for k, g in enumerate(groups):
        if positions and k > 0:
            # the superiors are drawn once; the following parts name them in the context box
            nodes = [n for n in page.nodes if n in set(g)]
            context = page.context + [n for n in spine if n not in page.context]
        else:
            nodes = [n for n in page.nodes if n in set(g) or n in spine]
            context = page.context
        sub = Page(page.kind, page.agency, nodes, context, continued=page.continued or k > 0)
        if len(groups) == 1 and len(nodes) == len(page.nodes):
            return [page]          # cannot split further: keep it, shrunk (reported)
        out += _fit(sub, dset, children, measure, positions)
    return out


# --------------------------------------------------------------------------- drawing one page
def legend_html(scales: list, lang: str) -> str:
    cells = []
    for scale in scales:
        for b in scale.bands:
            color = html.escape(b.color or "#cccccc")
            cells.append(f'<TD BGCOLOR="{color}55" BORDER="1" COLOR="{color}"><FONT POINT-SIZE="10">'
                         f'{html.escape(b.label)}</FONT></TD>')
    return "".join(cells)


def page_graph(dset: DefinitionSet, page: Page, ev_el: dict, ev_ind: dict, opts: RenderOptions,
               heading: str, number: tuple[int, int] | None, scales: list) -> graphviz.Digraph:
    """One page as a Graphviz graph: title row, boxes, and the context box on top."""
    lang = opts.lang
    with_data = bool(ev_el)
    g = graphviz.Digraph("halaman", engine="dot")
    g.attr(rankdir="TB", newrank="true", nodesep="0.25", ranksep="0.45", fontname="Helvetica",
           size=f"{DRAW_W},{DRAW_H}", labelloc="t", labeljust="l", margin="0.1")
    g.attr("node", shape="plain", fontname="Helvetica", fontsize="11")
    g.attr("edge", color="#555555", arrowhead="none")
    page_no = msg("doc-page", {"page": number[0], "pages": number[1]}, lang) if number else ""
    # two lines, so the title never makes the page wider than the boxes: the title and the page
    # number; then the period (and "lanjutan") with the predicate legend
    name, _, when = heading.partition(" — ")
    if page.continued:
        when = (when + " " if when else "") + f"({msg('doc-continued', {}, lang)})"
    legend = legend_html(scales, lang) if with_data else ""
    if legend:    # a table of its own, so the chips keep their width whatever the title's
        legend = f'<TD ALIGN="LEFT"><TABLE BORDER="0" CELLSPACING="2" CELLPADDING="1"><TR>{legend}</TR></TABLE></TD>'
    span = 2 if legend else 1
    g.attr(label=('<<TABLE BORDER="0" CELLSPACING="2" CELLPADDING="1">'
                  f'<TR><TD ALIGN="LEFT" COLSPAN="{span}"><FONT POINT-SIZE="13"><B>{html.escape(name)}</B></FONT></TD>'
                  f'<TD ALIGN="RIGHT"><FONT POINT-SIZE="10">{html.escape(page_no) or " "}</FONT></TD></TR>'
                  + (f'<TR><TD ALIGN="LEFT"><FONT POINT-SIZE="11">{html.escape(when) or " "}</FONT></TD>{legend}<TD> </TD></TR>'
                     if when or legend else "") +
                  '</TABLE>>'))
    chosen = set(page.nodes)
    levels = words("levels", lang)
    if page.context:
        rows = "".join(
            f'<TR><TD ALIGN="LEFT" BALIGN="LEFT"><FONT POINT-SIZE="10"><B>{html.escape(levels.get(dset.elements[c].level, ""))}'
            f'</B>: {html.escape(dset.elements[c].statement or c)}</FONT></TD></TR>' for c in page.context)
        g.node("context", label=f'<<TABLE BORDER="0" CELLBORDER="0" CELLPADDING="1">{rows}</TABLE>>',
               shape="box", style="rounded,dashed", color="#888888", margin="0.08")
    for e in page.nodes:
        el = dset.elements[e]
        extra = ""
        if page.kind == "positions":
            others = [dset.elements[p].statement or p for p in el.supports
                      if p in dset.elements and dset.elements[p].level != POSITION_LEVEL]
            if others:
                extra = wrap_text(msg("doc-supports", {"what": "; ".join(others)}, lang), 70)
        fill, border = fill_colour(ev_el.get(e), el) if with_data else ("#ffffff", "#555555")
        g.node(node_id(e), label=box_label(el, dset, ev_el, ev_ind, lang, with_data, opts.ids, extra),
               shape="box", style="filled,rounded", fillcolor=fill, color=border, margin="0.05")
    tops = []
    for e in page.nodes:
        parents = [p for p in dset.elements[e].supports if p in chosen]
        if not parents:
            tops.append(e)
        for p in parents:
            if page.kind == "positions" and dset.elements[p].level != POSITION_LEVEL:
                continue
            g.edge(node_id(p), node_id(e))
    if page.context:
        for t in tops:
            g.edge("context", node_id(t), style="dashed")
    return g


_TAG = re.compile(r"<[^>]*>")


def _box_size(label: str) -> tuple[float, float]:
    """Width and height (inches) of a box from its HTML-like label: lines × line height, longest line."""
    trs, brs = label.count("<TR>"), label.count("<BR")
    width = 0.0
    for row in label.split("<TR>"):
        cells = [html.unescape(_TAG.sub("", c)) for c in re.split(r"<BR[^>]*>|</TD>", row)]
        width = max(width, max((len(c) for c in cells[:1]), default=0) * 0.08
                    + (2.3 if row.count("<TD") >= 4 else 0.0))
    return width + 0.3, trs * 0.22 + max(0, brs - trs) * 0.16 + 0.2


def estimated_scale(g: graphviz.Digraph) -> float:
    """An estimate of :func:`natural_scale` without Graphviz: a top-down tree of the boxes' sizes."""
    size: dict[str, tuple[float, float]] = {}
    kids: dict[str, list[str]] = {}
    has_parent: set[str] = set()
    for line in g.body:
        m = re.match(r'\s*"?([^"\s]+)"? \[label=<(.*)> ', line, re.S)
        if m:
            size[m.group(1)] = _box_size(m.group(2))
            continue
        m = re.match(r'\s*"?([^"\s]+)"? -> "?([^"\s]+)"?', line)
        if m:
            kids.setdefault(m.group(1), []).append(m.group(2))
            has_parent.add(m.group(2))

    def extent(n: str, seen: frozenset) -> tuple[float, float]:
        w, h = size.get(n, (1.0, 0.5))
        cs = [c for c in kids.get(n, []) if c not in seen]
        if not cs:
            return w, h
        ext = [extent(c, seen | {c}) for c in cs]
        return max(w, sum(e[0] for e in ext) + 0.25 * (len(ext) - 1)), h + 0.45 + max(e[1] for e in ext)

    tops = [n for n in size if n not in has_parent] or list(size)
    ext = [extent(t, frozenset({t})) for t in tops]
    w = sum(e[0] for e in ext) + 0.25 * (len(ext) - 1)
    h = max((e[1] for e in ext), default=0.0) + 0.6       # the title row
    return min(1.0, DRAW_W / w if w else 1.0, DRAW_H / h if h else 1.0)


def natural_scale(g: graphviz.Digraph, cache: bool = False) -> float:
    """How much Graphviz shrinks the page to fit A4 (1.0: not at all), from its ``-Tplain`` layout
    (through :func:`.write.graph_bytes`: kept in the layout cache like the pages themselves, and
    a missing or failing ``dot`` is the same message)."""
    from .write import graph_bytes

    unsized = g.copy()
    unsized.graph_attr.pop("size", None)
    first = graph_bytes(unsized, "plain", cache).decode("utf-8", "replace").split("\n", 1)[0].split()
    w, h = float(first[2]), float(first[3])
    return min(1.0, DRAW_W / w if w else 1.0, DRAW_H / h if h else 1.0)


# --------------------------------------------------------------------------- writing the pages
def _heading(dset: DefinitionSet, page: Page, lang: str, period_text: str | None) -> str:
    if page.kind == "region":
        text = msg("doc-chart-region", {}, lang)
    elif page.kind == "positions":
        text = msg("doc-chart-positions", {"agency": page.agency or "-"}, lang)
    else:
        text = msg("doc-chart-title", {"agency": page.agency or "-"}, lang)
    return text + (f" — {period_text}" if period_text else "")


def _a4_pdf(parts: list[bytes]) -> bytes:
    """Graphviz's one-page PDFs as one file of A4 landscape pages, each drawing top-centred.

    Graphviz has already scaled each drawing to fit (``size``), so only the page box grows to
    A4 around it: no content stream is rewritten (merging pages that way took minutes for a
    region's thousand pages).
    """
    import io

    from pypdf import PdfReader, PdfWriter
    from pypdf.generic import RectangleObject

    W, H, M = PAGE_W * 72, PAGE_H * 72, 18.0
    writer = PdfWriter()
    for data in parts:
        page = PdfReader(io.BytesIO(data)).pages[0]
        box = page.mediabox
        x0, y0, w, h = float(box.left), float(box.bottom), float(box.width), float(box.height)
        left = x0 - (W - w) / 2
        top = y0 + h + min(M, max(0.0, H - h))
        a4 = RectangleObject([left, top - H, left + W, top])
        page.mediabox = a4
        page.cropbox = a4
        writer.add_page(page)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


#: More pages than this that stay too small are said in one warning, not one line each (a whole
#: region's PDF has ~2,500 pages, ~2,000 of them position pages shrunk a little).
TOO_SMALL_LISTED = 5
#: How many runs of page numbers that one warning lists before "…".
TOO_SMALL_RUNS = 12


def _too_small(dset: DefinitionSet, pages: list[Page], lang: str) -> list[str]:
    """The warnings for the pages whose text stays below the smallest readable size."""
    small = [(k, p) for k, p in enumerate(pages, 1) if p.scale < MIN_SCALE]
    if len(small) <= TOO_SMALL_LISTED:
        return [msg("doc-too-small", {"page": k, "title": _heading(dset, p, lang, None),
                                      "points": number(SMALLEST_PT * p.scale, lang, 1)}, lang) for k, p in small]
    runs: list[list[int]] = []
    for k, _ in small:
        if runs and runs[-1][1] == k - 1:
            runs[-1][1] = k
        else:
            runs.append([k, k])
    shown = ", ".join(f"{a}" if a == b else f"{a}–{b}" for a, b in runs[:TOO_SMALL_RUNS])
    scales = [p.scale for _, p in small]
    low, high = (number(SMALLEST_PT * x, lang, 1) for x in (min(scales), max(scales)))
    points = low if low == high else f"{low}–{high}"
    return [msg("doc-too-small-many", {
        "count": len(small), "pages": shown + (", …" if len(runs) > TOO_SMALL_RUNS else ""), "points": points}, lang)]


def render_pages(dset: DefinitionSet, evaluation, opts: RenderOptions, out_path: str,
                 period_text: str | None, cache: bool = False) -> tuple[list[str], list[str]]:
    """Write the chart as A4 pages: one ``.pdf``, or ``name-01.svg``, ``name-02.svg``, ….

    Returns the paths written and the warnings (pages that stay smaller than 7 pt text).
    """
    import os

    from ..output.files import check_output, write_atomically, write_files_atomically
    from .write import graph_bytes, output_format

    ev_el: dict = {}
    ev_ind: dict = {}
    scales: dict = {}
    if evaluation is not None:
        for r in evaluation.elements:
            ev_el.setdefault(r.element.id, r)
            if r.scale.kind == "predicate":
                scales.setdefault(r.scale.name, r.scale)
        for r in evaluation.indicators:
            ev_ind.setdefault(r.indicator.id, r)
    lang = opts.lang
    legend = list(scales.values())

    def measure(page: Page) -> float:
        heading = _heading(dset, page, lang, period_text)
        return natural_scale(page_graph(dset, page, ev_el, ev_ind, opts, heading, (99, 99), legend), cache)

    def estimate(page: Page) -> float:
        return estimated_scale(page_graph(dset, page, ev_el, ev_ind, opts, "", (99, 99), legend))

    from concurrent.futures import ThreadPoolExecutor

    pages = plan(dset, opts, measure, estimate)
    if len(pages) <= 60:     # the position pages were estimated: measured when it is cheap
        positions = [p for p in pages if p.kind == "positions"]
        with ThreadPoolExecutor(max_workers=os.cpu_count() or 1) as pool:
            for p, scale in zip(positions, pool.map(measure, positions)):
                p.scale = scale
    fmt = output_format(out_path)
    warnings = _too_small(dset, pages, lang)
    graphs = [page_graph(dset, p, ev_el, ev_ind, opts, _heading(dset, p, lang, period_text), (k, len(pages)), legend)
              for k, p in enumerate(pages, 1)]

    def run(g) -> bytes:
        if fmt == "png":
            g.graph_attr["dpi"] = "150"
        return graph_bytes(g, fmt, cache)

    with ThreadPoolExecutor(max_workers=os.cpu_count() or 1) as pool:   # one dot process per page
        blobs = list(pool.map(run, graphs))
    if fmt == "pdf":
        write_atomically(out_path, _a4_pdf(blobs))
        return [out_path], warnings
    base, ext = os.path.splitext(out_path)
    width = max(2, len(str(len(graphs))))
    written = [f"{base}-{k:0{width}d}{ext}" for k in range(1, len(blobs) + 1)]
    for target in written:
        check_output(target)            # a folder named like page 3: said before any page is written
    write_files_atomically(list(zip(written, blobs)))    # all pages, or none
    stale = []
    k = len(blobs) + 1
    while os.path.exists(f"{base}-{k:0{width}d}{ext}"):   # a longer chart drawn here before
        stale.append(f"{base}-{k:0{width}d}{ext}")
        k += 1
    if stale:
        files = stale[0] if len(stale) == 1 else f"{stale[0]} … {stale[-1]}"
        warnings.append(msg("doc-stale-pages", {"files": files, "count": len(stale)}, lang))
    return written, warnings
