"""The HTML report's rows (report/html.py ``body_rows``) are, cell for cell, what the
one-cell writer ``td`` writes: ``body_rows`` works out what repeats once (per column, per
distinct number, per class) and shares it across the tables of a report, so a cache keyed
wrongly (``-0.0`` and ``0.0``, ``1`` and ``1.0``, a number in two formats, another language)
would show here."""
from __future__ import annotations

import datetime
import math

import pytest
from hypothesis import given, settings, strategies as st

from indikator.data import DataStore, read_data
from indikator.engine import Engine
from indikator.load import load_definitions
from indikator.report import build_report
from indikator.report.html import body_rows, td
from indikator.report.tables import Column, Mark, Range, Row, Table

from helpers import REPO_ROOT

EXAMPLES = sorted(p for p in (REPO_ROOT / "definitions").iterdir() if p.is_dir())


def _reference(t: Table, lang: str) -> str:
    """The rows as ``td`` writes them, one cell at a time (the writer before body_rows)."""
    out = []
    ncols = len(t.columns)
    from markupsafe import escape

    for row in t.rows:
        if row.kind == "group":
            out.append(f'<tr class="group"><td colspan="{ncols}">{escape(row.label)}</td></tr>\n')
        else:
            out.append(f'<tr class="{escape(row.kind)}">' + "".join(td(row, c, t, lang) for c in t.columns)
                       + "</tr>\n")
    return "".join(out)


@pytest.mark.parametrize("folder", EXAMPLES, ids=lambda f: f.name)
@pytest.mark.parametrize("lang", ["id", "en"])
def test_every_table_of_the_examples_reports(folder, lang):
    dset, _ = load_definitions(str(folder))
    table, _ = read_data([str(p) for p in sorted((folder / "data").glob("*.csv"))])
    store = DataStore(table, extra_entities=[h.id for h, _ in dset.holders()])
    for entity in (None, "all"):
        rep, _ = build_report(Engine(dset, store), "2024", entity, lang, datetime.date(2025, 1, 31))
        figures: dict = {}
        quoted: dict = {}
        tables = rep.tables()
        assert tables
        for t in tables:           # the caches shared by every table, as render() shares them
            assert str(body_rows(t, lang, figures, quoted)) == _reference(t, lang)


COLUMNS = [Column("no", "No", "int"), Column("name", "Name", "text", repeat=False),
           Column("v", "V", "num"), Column("p", "P", "pct"), Column("m", "M", "money"),
           Column("k", "K", "mark"), Column("notes", "Notes", "notes")]
NUMBERS = st.one_of(st.sampled_from([0, 0.0, -0.0, 1, 1.0, -1, -0.004, 0.005, -0.005, 2.5, 1e300, math.nan,
                                     math.inf, -math.inf, 12345678.46, 7042932613]),
                    st.floats(-1e6, 1e6), st.integers(-10**6, 10**6))
VALUES = st.one_of(NUMBERS, st.none(), st.just(""), st.sampled_from(["BB", "<b>&\"'", "a"]),
                   st.builds(Range, st.sampled_from([0.0, 1.5, -2.0]), st.sampled_from([3.0, 90.5])),
                   st.builds(Mark, st.sampled_from(["Baik", "<x>"]), st.sampled_from([None, "#0a0", "red", "x;y"]),
                             st.sampled_from(["ok", "missing", "error"])))


@st.composite
def tables(draw):
    rows = []
    for _ in range(draw(st.integers(1, 8))):
        kind = draw(st.sampled_from(["data", "data", "total", "group"]))
        if kind == "group":
            rows.append(Row({}, kind="group", label=draw(st.sampled_from(["G & <g>", "g"]))))
            continue
        cells = {c.key: draw(VALUES) for c in COLUMNS if draw(st.booleans())}
        if "notes" in cells:
            cells["notes"] = draw(st.sampled_from(["", "catatan <1>", None]))
        rows.append(Row(cells, kind=kind, indent=draw(st.integers(0, 6)), cont=draw(st.booleans())))
    return Table("t", "T", "T", COLUMNS, rows, [], draw(st.sampled_from(["name", "no"])))


@settings(max_examples=200, deadline=None)
@given(st.lists(tables(), min_size=1, max_size=3), st.sampled_from(["id", "en"]))
def test_generated_tables_sharing_the_caches(ts, lang):
    figures: dict = {}
    quoted: dict = {}
    for t in ts:
        assert str(body_rows(t, lang, figures, quoted)) == _reference(t, lang)
