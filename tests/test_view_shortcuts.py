"""Shortcuts the chart and the web page take for speed give what the long way gives: one
entity's status (``IndicatorResult.status_at``) is that entity's entry of the status column,
and the inlined SVG is refused exactly when one of its tags is active."""
from __future__ import annotations

import re

from hypothesis import given, settings, strategies as st

from helpers import REPO_ROOT
from indikator.data import DataStore, read_data
from indikator.data.periods import parse_period
from indikator.engine import Engine
from indikator.load import load_definitions
from indikator.serve import tree

EXAMPLES = sorted(p for p in (REPO_ROOT / "definitions").iterdir() if p.is_dir())


def test_one_entitys_status_is_its_entry_of_the_column():
    seen = set()
    for folder in EXAMPLES:
        dset, _ = load_definitions(str(folder))
        table, _ = read_data([str(p) for p in sorted((folder / "data").glob("*.csv"))])
        store = DataStore(table, extra_entities=[h.id for h, _ in dset.holders()])
        for period in ("2023", "2024", "2024-Q1..2024-Q2"):
            for entity in (None, "all"):
                for r in Engine(dset, store).evaluate(parse_period(period), entity).indicators:
                    column = r.status
                    for i in range(len(r.axis)):
                        assert r.status_at(i) == int(column[i]), (folder.name, period, entity, r.indicator.id, i)
                        seen.add(int(column[i]))
    assert {0, 1} <= seen     # the examples have figures and missing values


def _refused_tag_by_tag(svg: str) -> bool:
    """The rule as it was written first: any tag of the cleaned text is active."""
    svg = tree._PROLOG.sub("", svg, count=1)
    svg = tree._COMMENT.sub("", svg)
    svg = tree._SIZE.sub('<svg width="100%" height="100%" class="cascade"', svg, count=1)
    return any(tree._ACTIVE.search(t.group()) for t in re.finditer(r"<[^>]*>", svg))


_PIECES = ["<svg width=\"1pt\" height=\"2pt\">", "</svg>", "<g id=\"a\">", "</g>", "<text x=\"1\">", "</text>",
           "<title>", "</title>", "<!-- c -->", "<!--", "-->", "<", ">", "/", " ", "a", "b", "Kota", "<a",
           "<script", " onload=", " onclick =", "one=", "javascript:", "JavaScript:", "<image ", "<use", "<b ",
           "&lt;script&gt;", "<foreignObject", "< a", "</ script>", "\n", "x=\"", "\""]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=14))
def test_the_svg_is_refused_exactly_when_a_tag_is_active(parts):
    svg = "<?xml?>" + "".join(parts)
    try:
        tree.clean_svg(svg)
        refused = False
    except tree.UnsafeSVG:
        refused = True
    assert refused == _refused_tag_by_tag(svg)
