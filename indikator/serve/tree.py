"""The cascading chart on the page: the same Graphviz graph as ``indikator render``, as inline SVG.

:func:`tree_svg` asks :func:`indikator.render.build_graph` for the graph of
the current view (a branch with ``root``, a ``depth``, one ``agency``) and
the chosen period, pipes it through ``dot -Tsvg`` and makes it fit to be
inlined: the XML prolog and comments go, the size becomes 100 % so that
svg-pan-zoom can fit it, and a last check refuses anything that could run
(render escapes every label; this is a second lock on the same door).

:func:`tree_model` is what the page's script needs besides the picture: for
every element its statement, level, indicator names (for the search box) and
parents (to collapse and expand branches in the browser).
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from ..render import RenderOptions, build_graph
from ..render.cascade import select_elements
from ..render.write import graph_bytes
from .i18n import level_name

LARGE_TREE = 600          # more elements than this: the first view shows the top levels only

_PROLOG = re.compile(r"^.*?(?=<svg\b)", re.S)
_COMMENT = re.compile(r"<!--.*?-->", re.S)
_SIZE = re.compile(r'<svg width="[^"]*" height="[^"]*"')
_TAG = re.compile(r"<[^>]*>")
_ACTIVE = re.compile(r"^<\s*/?\s*(script|foreignObject|iframe|object|embed|a|use|image)\b|\son[a-z]+\s*=|javascript:", re.I)
_MAYBE_ACTIVE = re.compile(r"<\s*/?\s*(script|foreignObject|iframe|object|embed|a|use|image)\b|\son[a-z]+\s*=|javascript:",
                           re.I)


class UnsafeSVG(Exception):
    """Graphviz produced markup that could run in the browser; never inlined."""


@dataclass(frozen=True)
class View:
    """Which part of the tree is drawn."""

    root: str | None = None
    depth: int | None = None
    agency: str | None = None       # None all; "" the region levels only; else one agency
    auto_depth: bool = False        # depth chosen because the tree is large

    def options(self, lang: str) -> RenderOptions:
        return RenderOptions(self.root, self.depth, lang, agency=self.agency)


def clean_svg(svg: str) -> str:
    svg = _PROLOG.sub("", svg, count=1)
    svg = _COMMENT.sub("", svg)
    svg = _SIZE.sub('<svg width="100%" height="100%" class="cascade"', svg, count=1)
    # each tag is looked at only when the text has something a tag would be refused for anywhere
    # (_ACTIVE's parts without the tag around them): most charts have none, and walking the
    # 100,000 tags of a region's view one by one took longer than laying it out again
    if _MAYBE_ACTIVE.search(svg) and any(_ACTIVE.search(tag.group()) for tag in _TAG.finditer(svg)):
        raise UnsafeSVG("the chart contains active content and is not shown")
    return svg


def tree_svg(snap, period, view: View, lang: str) -> str:
    """The inline SVG of ``view`` for ``period`` (None: without figures), cached per snapshot."""
    key = ("svg", period.key if period is not None else None, view.root, view.depth, view.agency, lang)

    def make() -> str:
        evaluation = snap.evaluate(period, None) if period is not None else None
        graph = build_graph(snap.dset, evaluation, view.options(lang))
        return clean_svg(graph_bytes(graph, "svg", snap.layout_cache).decode("utf-8"))

    with snap.lock:
        return snap.charts.get(key, make)


def chart_bytes(snap, period, view: View, lang: str, fmt: str) -> bytes:
    """The chart of the view as a download (``svg`` or ``pdf``), made in memory."""
    with snap.lock:
        evaluation = snap.evaluate(period, None) if period is not None else None
        return graph_bytes(build_graph(snap.dset, evaluation, view.options(lang)), fmt, snap.layout_cache)


def depths_from_top(dset) -> dict[str, int]:
    """Each element's distance from the top of the cascade (an element without parents is 0)."""
    children: dict[str, list[str]] = {}
    for el in dset.elements.values():
        for p in el.supports:
            if p in dset.elements:
                children.setdefault(p, []).append(el.id)
    dist = {e.id: 0 for e in dset.elements.values() if not any(p in dset.elements for p in e.supports)}
    frontier = list(dist)
    while frontier:
        nxt = []
        for e in frontier:
            for c in children.get(e, ()):
                if c not in dist:
                    dist[c] = dist[e] + 1
                    nxt.append(c)
        frontier = nxt
    return dist


def auto_view(snap) -> View:
    """The first view of a large tree: as many top levels as fit in :data:`LARGE_TREE` boxes."""
    if len(snap.dset.elements) <= LARGE_TREE:
        return View()

    def make() -> View:
        dist = depths_from_top(snap.dset)
        best = 0
        for d in range(0, max(dist.values(), default=0) + 1):
            if sum(1 for v in dist.values() if v <= d) <= LARGE_TREE:
                best = d
        return View(depth=best, auto_depth=True)

    with snap.lock:
        return snap.charts.get(("auto-view",), make)


def tree_model(snap, view: View, lang: str) -> dict:
    """Elements for the page's script: search text, parents, and whether each is drawn."""

    def make() -> dict:
        dset = snap.dset
        drawn = set(select_elements(dset, view.options(lang)))
        elements = []
        for el in dset.elements.values():
            names = [dset.indicators[i].name for i in el.indicators if i in dset.indicators]
            elements.append({
                "id": el.id, "s": el.statement or "", "l": level_name(el.level, lang),
                "n": names, "p": [p for p in el.supports if p in drawn] if el.id in drawn else [],
                "v": el.id in drawn,
            })
        return {"elements": elements}

    with snap.lock:
        return snap.charts.get(("model", view.root, view.depth, view.agency, lang), make)


def agencies(dset) -> list[str]:
    from ..render.cascade import is_agency_level

    return sorted({e.agency for e in dset.elements.values() if e.agency and is_agency_level(e.level)})
