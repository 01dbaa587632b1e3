"""The cascading chart (pohon kinerja) as a Graphviz graph.

One rank per level, top to bottom; each box shows the element's level, id,
statement (wrapped, never cut) and its indicators; with an evaluation, each
indicator's target, actual and achievement and the element's achievement,
the box coloured by its predicate with the scale's colours. An element that
supports several parents (crosscutting) gets an edge to every parent, drawn
dashed and coloured so it stands out. Elements of each agency sit in one
cluster (``newrank`` keeps levels aligned across clusters).

All text goes into Graphviz HTML-like labels through :func:`html.escape`, so
a statement containing ``<script>`` or ``&`` is drawn as text. This module
builds the graph only; writing files is :mod:`indikator.render.write`.
"""
from __future__ import annotations

import html
import math
import textwrap
from dataclasses import dataclass
from functools import lru_cache

import graphviz
import networkx as nx
import numpy as np

from ..engine.results import Evaluation, ElementResult, IndicatorResult
from ..messages.language import words
from ..model import POSITION_LEVEL, DefinitionSet, Element
from ..output.numbers import MISSING, figure, percent
from .dotlines import DotLines

WRAP_STATEMENT = 38
WRAP_INDICATOR = 44
CROSSCUT_COLOR = "#7b3294"
MISSING_FILL = "#eeeeee"


@dataclass
class RenderOptions:
    root: str | None = None
    depth: int | None = None
    lang: str = "id"
    agency: str | None = None     # draw only this agency's elements (and the region levels above)
    ids: bool = False             # show element ids (--ids); planners read statements, not ids (§9)


def select_elements(dset: DefinitionSet, opts: RenderOptions) -> list[str]:
    """The element ids to draw, in file order: everything, or a branch below ``root``."""
    g = nx.DiGraph()
    g.add_nodes_from(dset.elements)
    for el in dset.elements.values():
        for p in el.supports:
            if p in dset.elements:
                g.add_edge(p, el.id)
    if opts.root:
        lengths = nx.single_source_shortest_path_length(g, opts.root, cutoff=opts.depth)
        keep = set(lengths)
    else:
        keep = set(dset.elements)
        if opts.depth is not None:
            tops = [n for n in g.nodes if g.in_degree(n) == 0]
            keep = set()
            for t in tops:
                keep |= set(nx.single_source_shortest_path_length(g, t, cutoff=opts.depth))
    if opts.agency is not None:
        keep = _page(dset, keep, opts.agency)
    return [e for e in dset.elements if e in keep]


def _page(dset: DefinitionSet, keep: set[str], agency: str) -> set[str]:
    """One page: the region levels (agency ""), or one agency's elements with the
    region elements they support directly, drawn for context."""
    if agency == "":
        return {e for e in keep if not is_agency_level(dset.elements[e].level)}
    mine = {e for e in keep if is_agency_level(dset.elements[e].level) and dset.elements[e].agency == agency}
    context = {p for e in mine for p in dset.elements[e].supports
               if p in dset.elements and p not in mine and not is_agency_level(dset.elements[p].level)}
    return mine | context


def is_agency_level(level: str) -> bool:
    return level in ("agency_goal", "agency_objective", "program", "activity", "sub_activity", "position")


def wrap_text(text: str, width: int) -> str:
    """Wrapped, escaped lines joined with <BR/>; long words are broken, never cut off."""
    flat = " ".join(text.split())
    if 0 < len(flat) <= width:          # one line: what textwrap returns for it, without its work
        lines = [flat]
    else:
        lines = _wrapper(width).wrap(flat) or [""]
    return '<BR ALIGN="LEFT"/>'.join(html.escape(line) for line in lines) + '<BR ALIGN="LEFT"/>'


@lru_cache(maxsize=16)
def _wrapper(width: int) -> textwrap.TextWrapper:
    """One TextWrapper per width (``textwrap.wrap`` makes a new one for every call)."""
    return textwrap.TextWrapper(width=width, break_long_words=True, break_on_hyphens=False)


def fill_colour(result: ElementResult | None, el: Element) -> tuple[str, str]:
    """(fill colour, border colour) from the element's predicate."""
    if result is None or not (el.indicators or el.achievement == "children"):
        return "#ffffff", "#555555"
    p = int(result.predicate[0]) if len(result.predicate) else -1
    if p < 0:
        return MISSING_FILL, "#999999"
    color = result.scale.bands[p].color or "#cccccc"
    return color + "55", color


def _figure(value, fmt: str, lang: str) -> str:
    """A figure as the report shows it: counts without decimals ("15", not "15,00"), percentages with two."""
    if not isinstance(value, (int, float)) or isinstance(value, bool) or value != value:
        return html.escape(figure(value, fmt, lang))
    key = (value, math.copysign(1.0, value), fmt, lang)      # -0.0 and 0.0 are one dict key otherwise
    hit = _FIGURES.get(key)
    if hit is None:
        hit = html.escape(figure(value, fmt, lang))
        if len(_FIGURES) < 500_000:
            _FIGURES[key] = hit
    return hit


#: Each distinct figure of a chart, as escaped label text, once per process: a region's chart
#: shows 42,000 figures; the targets and actuals repeat.
_FIGURES: dict[tuple, str] = {}


def _indicator_rows(ev_ind: dict[str, IndicatorResult], el: Element, dset: DefinitionSet, lang: str) -> str:
    rows = []
    for ind_id in el.indicators:
        ind = dset.indicators.get(ind_id)
        if ind is None:
            continue
        name = wrap_text(ind.name + (f" ({ind.unit})" if ind.unit else ""), WRAP_INDICATOR)
        r = ev_ind.get(ind_id)
        figures = ""
        if r is not None and len(r.axis):
            t = _figure(r.target_display(), "num", lang)
            a = _figure(r.actual_display(0), "num", lang)
            c = _figure(None if np.isnan(r.achievement.value[0]) else float(r.achievement.value[0]), "pct", lang)
            p = int(r.predicate[0])
            color = r.scale.bands[p].color if p >= 0 and r.scale.bands[p].color else "#ffffff"
            figures = (f'<TD ALIGN="RIGHT">{t}</TD><TD ALIGN="RIGHT">{a}</TD>'
                       f'<TD ALIGN="RIGHT" BGCOLOR="{color}">{c}</TD>')
        rows.append(f'<TR><TD ALIGN="LEFT" BALIGN="LEFT">{name}</TD>{figures}</TR>')
    return "".join(rows)


def box_label(el: Element, dset: DefinitionSet, ev_el: dict[str, ElementResult],
           ev_ind: dict[str, IndicatorResult], lang: str, with_data: bool, ids: bool = False,
           extra: str = "") -> str:
    W = words("chart", lang)
    level = words("levels", lang).get(el.level, el.level)
    r = ev_el.get(el.id)
    span = 4 if with_data else 1
    head = f'<B>{html.escape(level)}</B>' + (f'  <FONT POINT-SIZE="10">{html.escape(el.id)}</FONT>' if ids else "")
    if r is not None and len(r.axis) and (el.indicators or el.achievement == "children"):
        ach = r.achievement.value[0]
        p = int(r.predicate[0])
        word = W["achievement"]
        if not np.isnan(ach):
            head += f"  —  {word} {html.escape(percent(float(ach), lang))} {html.escape(r.scale.bands[p].label)}"
        else:
            head += f"  —  {word} {MISSING}"
    if el.level == POSITION_LEVEL and el.holders:
        who = ", ".join(h.name or h.id for h in el.holders[:3]) + (" …" if len(el.holders) > 3 else "")
        head += f'<BR/><FONT POINT-SIZE="10">{html.escape(who)}</FONT>'
    if extra:
        head += f'<BR/><FONT POINT-SIZE="10">{extra}</FONT>'
    statement = wrap_text(el.statement or el.id, WRAP_STATEMENT if not with_data else WRAP_STATEMENT + 20)
    rows = [f'<TR><TD COLSPAN="{span}" ALIGN="LEFT" BALIGN="LEFT">{head}</TD></TR>',
            f'<TR><TD COLSPAN="{span}" ALIGN="LEFT" BALIGN="LEFT">{statement}</TD></TR>']
    inds = _indicator_rows(ev_ind, el, dset, lang)
    if inds:
        if with_data:
            h = (W["indicator"], W["target"], W["actual"], W["achievement_pct"])
            rows.append("<TR>" + "".join(f'<TD><FONT POINT-SIZE="10"><I>{x}</I></FONT></TD>' for x in h) + "</TR>")
        rows.append(inds)
    return ('<<TABLE BORDER="0" CELLBORDER="1" CELLSPACING="0" CELLPADDING="4">' + "".join(rows) + "</TABLE>>")


def build_graph(dset: DefinitionSet, evaluation: Evaluation | None = None,
                opts: RenderOptions | None = None) -> graphviz.Digraph:
    opts = opts or RenderOptions()
    chosen = select_elements(dset, opts)
    chosen_set = set(chosen)
    ev_el: dict[str, ElementResult] = {}
    ev_ind: dict[str, IndicatorResult] = {}
    if evaluation is not None:
        for r in evaluation.elements:
            ev_el.setdefault(r.element.id, r)
        for r in evaluation.indicators:
            ev_ind.setdefault(r.indicator.id, r)
    with_data = evaluation is not None
    g = graphviz.Digraph("pohon_kinerja", engine="dot")
    g.attr(rankdir="TB", newrank="true", nodesep="0.3", ranksep="0.6", fontname="Helvetica",
           compound="true", splines="spline")
    g.attr("node", shape="plain", fontname="Helvetica", fontsize="11")
    g.attr("edge", color="#555555", arrowhead="none")
    by_agency: dict[str | None, list[Element]] = {}
    for el_id in chosen:
        el = dset.elements[el_id]
        agency = el.agency if is_agency_level(el.level) else None
        by_agency.setdefault(agency, []).append(el)

    lines = DotLines()     # the package's own lines, each id and attribute set quoted once

    def node(target: graphviz.Digraph, el: Element) -> None:
        fill, border = fill_colour(ev_el.get(el.id), el) if with_data else ("#ffffff", "#555555")
        lines.node(target, node_id(el.id), label=box_label(el, dset, ev_el, ev_ind, opts.lang, with_data, opts.ids),
                   shape="box", style="filled,rounded", fillcolor=fill, color=border, margin="0.05")

    for k, (agency, els) in enumerate(by_agency.items()):
        if agency is None:
            for el in els:
                node(g, el)
            continue
        with g.subgraph(name=f"cluster_{k}") as c:
            c.attr(label=html.escape(agency), labeljust="l", style="rounded,dashed", color="#888888",
                   fontname="Helvetica-Bold", fontsize="14")
            for el in els:
                node(c, el)
    # one rank per level
    for level in dset.levels:
        ids = [e for e in chosen if dset.elements[e].level == level]
        if len(ids) > 1:
            with g.subgraph() as s:
                s.attr(rank="same")
                for e in ids:
                    lines.node(s, node_id(e))
    for el_id in chosen:
        el = dset.elements[el_id]
        parents = [p for p in el.supports if p in chosen_set]
        crosscut = len(el.supports) > 1
        for p in parents:
            if crosscut:
                lines.edge(g, node_id(p), node_id(el_id), color=CROSSCUT_COLOR, style="dashed", penwidth="1.6")
            elif dset.elements[p].level == POSITION_LEVEL and el.level == POSITION_LEVEL:
                lines.edge(g, node_id(p), node_id(el_id), color="#1f78b4")
            else:
                lines.edge(g, node_id(p), node_id(el_id))
    return g


def node_id(element_id: str) -> str:
    """Graphviz node ids are quoted by the library; keep them readable and unique."""
    return "e_" + element_id
