"""The columnar pass (engine/columnar.py) gives exactly what evaluating one indicator at a
time gives: every indicator, element and agency record (values, statuses, predicates,
messages) and the engine's diagnostics, in the same order -- on every example in
definitions/ and on generated sets full of what makes a column leave the pass (missing data,
zero targets, divisions by zero, fractional counts, ranges, caps, aggregates of many values).
The one-indicator path (``engine.columnar = False``) is the reference."""
from __future__ import annotations

import math
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from indikator.data import DataStore, read_data
from indikator.data.periods import parse_period
from indikator.engine import Engine
from indikator.engine import columnar
from indikator.load import load_definitions

from helpers import REPO_ROOT
from test_engine_support import HEADER, csv_rows, write

EXAMPLES = sorted(p for p in (REPO_ROOT / "definitions").iterdir() if p.is_dir())


def _records(ev) -> list:
    return ([r for x in ev.indicators for r in x.records("en")] + [r for x in ev.elements for r in x.records("en")]
            + [r for x in ev.agencies for r in x.records("en")] + [str(d) for d in ev.diagnostics])


def _both(dset, store, period: str, entity=None) -> tuple[list, list]:
    """The records (and the engine's diagnostics) with and without the pass."""
    out = []
    for flag in (True, False):
        eng = Engine(dset, store)
        eng.columnar = flag
        out.append(_records(eng.evaluate(parse_period(period), entity)))
    return out[0], out[1]


def _example_runs():
    for folder in EXAMPLES:
        data = sorted((folder / "data").glob("*.csv"))
        for period in ("2022", "2023", "2023-S1", "2024", "2024-Q1..2024-Q2", "2024-S1"):
            for entity in (None, "all"):
                yield pytest.param(folder, data, period, entity, id=f"{folder.name}:{period}:{entity}")


@pytest.mark.parametrize("folder,data,period,entity", list(_example_runs()))
def test_every_example_equals_the_one_indicator_path(folder, data, period, entity):
    dset, diags = load_definitions(str(folder))
    assert dset is not None, diags
    table, _ = read_data([str(p) for p in data])
    store = DataStore(table, extra_entities=[h.id for h, _ in dset.holders()])
    fast, reference = _both(dset, store, period, entity)
    assert fast == reference


def test_without_data_the_pass_equals_the_one_indicator_path():
    """No data file at all: every indicator is missing, so every column leaves the pass."""
    dset, _ = load_definitions(str(REPO_ROOT / "definitions" / "luwu-timur"))
    fast, reference = _both(dset, None, "2024")
    assert fast == reference


def test_the_pass_takes_the_examples_indicators():
    """Not a pass that silently leaves everything to the reference: on Luwu Timur's 2024 data
    most indicators come from it."""
    folder = REPO_ROOT / "definitions" / "luwu-timur"
    dset, _ = load_definitions(str(folder))
    table, _ = read_data([str(p) for p in sorted((folder / "data").glob("*.csv"))])
    store = DataStore(table, extra_entities=[h.id for h, _ in dset.holders()])
    seen = []
    real = columnar._State.evaluate

    def spy(self, key, units):
        real(self, key, units)
        seen.extend(u.ok for u in units)
    try:
        columnar._State.evaluate = spy
        Engine(dset, store).evaluate(parse_period("2024"), None)
    finally:
        columnar._State.evaluate = real
    assert sum(seen) >= len(dset.indicators) // 2


# ----------------------------------------------------------------------------- generated sets

VARS = ["v0", "v1", "v2", "v3", "v4"]
AGGS = ["sum", "last", "mean", None]
SHAPES = [
    "{a} / max({b}, {k}) * {k2}",
    "coalesce({a} - {b}, 0) / max({b}, 1) * 100",
    "{a}",
    "{a} / {b} * 100%",
    "sum({a}, {b}, {a})",
    "avg({a}, {b}, {a}, {b}, {a}, {b}, {a}, {b}, {a}, {b}, {a})",
    "min({a}, {b}) + median({a}, {b}, {k})",
    "if({a} > {k}, {a} / {b}, 0)",
    "round({a} / 3, 2) + floor({b} / 7)",
    "prev({a}) + {b}",
    "{a} ^ {k} - {b}",
    "sqrt({a} - {b})",
    "pct({a}, {b})",
    "{a} > {b} and {b} > 0",
    "wavg({a}, {b})",
    "{ind}.achievement",
    "min({ind}.actual / {ind}.target * 100%, 120)",
    "if({ind}.target > 0, {ind} / {ind}.target * 100%, 0)",
    "avg(children.achievement)",
    None,                              # the indicator's own data
]
NUMBERS = [0, 1, 2.5, 3, 10, 80, 100, 1e300]
VALUES = st.one_of(st.none(), st.sampled_from([0, -0.0, 1, 2, 3, 7.5, 50, 99.99, 100, 120, -4, 1e308]),
                   st.integers(0, 200).map(lambda i: i / 4))


@st.composite
def sets(draw):
    n = draw(st.integers(3, 14))
    lines = [HEADER.rstrip("\n"), "variables:"]
    for v in VARS:
        agg = draw(st.sampled_from(AGGS))
        lines.append(f"  - {{id: {v}, label: V {v}" + (f", period_aggregation: {agg}}}" if agg else "}"))
    lines += ["elements:",
              "  - {id: g, level: agency_goal, statement: G, achievement: children}",
              "  - id: o", "    level: agency_objective", "    statement: O", "    supports: [g]",
              "    indicators:"]
    inds: list[str] = []
    own: list[str] = []
    for i in range(n):
        if i == n // 2:
            lines += ["  - id: p", "    level: program", "    statement: P", "    supports: [o]",
                      "    indicators:"]
        shape = draw(st.sampled_from(SHAPES))
        if shape and "{ind}" in shape and not inds:
            shape = "{a}"
        if shape and "children" in shape and i >= n // 2:
            shape = "{a} + {b}"
        iid = f"i{i}"
        parts = [f"id: {iid}", f"name: I{i}"]
        t = draw(st.sampled_from(["n", "n", "n", "range", "other-year"]))
        if t == "n":
            parts.append(f"target: {draw(st.sampled_from(NUMBERS))}")
        elif t == "range":
            lo = draw(st.sampled_from([0, 1, 5]))
            parts.append(f"target: {{min: {lo}, max: {lo + draw(st.sampled_from([0, 3, 10]))}}}")
            parts.append("polarity: range")
        else:
            parts.append("target: {2019: 5}")
        if t != "range":
            pol = draw(st.sampled_from(["", "negative", "inverse", "negative-inverse"]))
            if "negative" in pol:
                parts.append("polarity: negative")
            if "inverse" in pol:
                parts.append("achievement: inverse")
        if draw(st.booleans()):
            parts.append(f"cap: {draw(st.sampled_from([100, 120, 150]))}")
        parts.append(f"unit: \"{draw(st.sampled_from(['%', 'orang', 'dokumen', 'indeks']))}\"")
        if shape is None:
            own.append(iid)
        else:
            formula = shape.format(a=draw(st.sampled_from(VARS)), b=draw(st.sampled_from(VARS)),
                                   k=draw(st.sampled_from([0, 1, 2, 10])), k2=draw(st.sampled_from([1, 10, 100])),
                                   ind=draw(st.sampled_from(inds)) if inds else "")
            parts.append(f"formula: \"{formula}\"")
        inds.append(iid)
        lines.append("      - {" + ", ".join(parts) + "}")
    holders = draw(st.integers(0, 2))
    if holders:      # a position: one holder goes through the pass, two through the engine
        lines += ["  - id: jab", "    level: position", "    statement: J", "    supports: [o]", "    holders:"]
        lines += [f"      - {{id: \"19700101199001100{h}\", name: H{h}}}" for h in range(holders)]
        lines.append("    indicators:")
        for k in range(draw(st.integers(1, 3))):
            shape = draw(st.sampled_from(["{ind}.achievement", "min({ind}.actual / {ind}.target * 100%, 120)",
                                          "{ind}", "{a} / max({b}, 1) * 100"]))
            formula = shape.format(ind=draw(st.sampled_from(inds)), a=draw(st.sampled_from(VARS)),
                                   b=draw(st.sampled_from(VARS)))
            lines.append(f"      - {{id: iki{k}, name: K{k}, unit: \"%\", target: {draw(st.sampled_from(NUMBERS))}, "
                         f"formula: \"{formula}\"}}")
    rows = []
    for v in VARS + own:
        for key in draw(st.lists(st.sampled_from(["2024", "2024-01", "2024-02", "2024-03", "2024-Q1", "2023-03",
                                                  "2023", "2024-S1"]), max_size=4, unique=True)):
            rows.append((key, v, draw(VALUES)))
    return "\n".join(lines) + "\n", csv_rows(rows), draw(st.sampled_from(["2024-Q1", "2024-03", "2024"]))


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(sets())
def test_generated_sets_equal_the_one_indicator_path(case):
    defs, data, period = case
    with tempfile.TemporaryDirectory() as d:
        root = write(Path(d), {"defs/set.yaml": defs, "data.csv": data})
        dset, diags = load_definitions(str(root / "defs"), cache=False)
        if dset is None or any(x.is_error for x in diags):
            return          # a formula the checker refuses: nothing to evaluate
        table, _ = read_data([str(root / "data.csv")])
        store = DataStore(table) if table is not None else None
        fast, reference = _both(dset, store, period)
        assert fast == reference
        fast, reference = _prev_records(dset, store, period)     # the year before: mostly no target
        assert fast == reference


def test_a_sum_of_many_values_has_the_one_column_bits(tmp_path):
    """numpy sums a (k, 1) column pairwise and a (k, n) matrix row by row: the pass reduces
    each column alone, so a sum of eleven values is the same float as one indicator's."""
    values = [0.1, 0.7, 1e16, -1e16, 0.3, 0.2, 0.9, 0.4, 0.6, 0.5, 0.8]
    args = ", ".join(f"x{k}" for k in range(len(values)))
    defs = HEADER + "variables:\n" + "".join(f"  - {{id: x{k}, label: X{k}}}\n" for k in range(len(values)))
    defs += "elements:\n  - id: o\n    level: agency_objective\n    statement: O\n    indicators:\n"
    for i in range(3):
        defs += f"      - {{id: s{i}, name: S{i}, target: 1, formula: \"sum({args}) + {i}\"}}\n"
    root = write(tmp_path, {"defs/set.yaml": defs,
                            "data.csv": csv_rows([("2024", f"x{k}", v) for k, v in enumerate(values)])})
    dset, _ = load_definitions(str(root / "defs"), cache=False)
    table, _ = read_data([str(root / "data.csv")])
    fast, reference = _both(dset, DataStore(table), "2024")
    assert fast == reference
    assert not math.isnan(fast[0]["actual"])


# ------------------------------------------------- no target, no data: the year before

def _prev_records(dset, store, period: str, entity=None) -> tuple[list, list]:
    """A report's year before, with and without the pass: every objective indicator asked
    for after ``Engine.prepare`` (what report/build.py does), as records, with the diagnostics."""
    from indikator.report.words import year_before

    out = []
    p = parse_period(period)
    prev = year_before(p)
    for flag in (True, False):
        eng = Engine(dset, store)
        eng.columnar = flag
        ev = eng.evaluate(p, entity)
        axis = next(r.axis for r in ev.elements if r.element.level != "position")
        wanted = [(i, axis) for el in dset.elements.values() if el.level == "agency_objective"
                  for i in el.indicators if i in dset.indicators]
        eng.prepare(prev, wanted)
        recs = [r for i, a in wanted for r in eng.indicator_result(i, prev, a).records("en")]
        out.append(recs + [str(d) for d in eng.diagnostics])
    return out[0], out[1]


@pytest.mark.parametrize("folder,data,period,entity", [
    p for p in _example_runs() if p.values[3] is None] + [
    pytest.param(p.values[0], p.values[1], p.values[2], "7371", id=p.id.replace(":None", ":7371"))
    for p in _example_runs() if p.values[3] is None and p.values[2] in ("2023", "2024")])
def test_the_year_before_equals_the_one_indicator_path(folder, data, period, entity):
    """Every example's year before (2021 has neither targets nor data, 2022 some): the
    objective indicators a report's comparison tables show, messages and all; also for one
    entity that is not in the data (``--entity 7371``: an axis of one named column)."""
    dset, _ = load_definitions(str(folder))
    table, _ = read_data([str(p) for p in data])
    store = DataStore(table, extra_entities=[h.id for h, _ in dset.holders()])
    fast, reference = _prev_records(dset, store, period, entity)
    assert fast == reference


@pytest.mark.parametrize("folder", EXAMPLES, ids=lambda f: f.name)
@pytest.mark.parametrize("fmt,entity", [("md", None), ("html", None), ("md", "7371"), ("md", "all")])
def test_the_report_is_the_same_with_and_without_the_pass(folder, fmt, entity):
    """The whole report (its period and the year before), byte for byte."""
    import datetime

    from indikator.report import build_report, render_report

    dset, _ = load_definitions(str(folder))
    table, _ = read_data([str(p) for p in sorted((folder / "data").glob("*.csv"))])
    store = DataStore(table, extra_entities=[h.id for h, _ in dset.holders()])
    out = []
    for flag in (True, False):
        eng = Engine(dset, store)
        eng.columnar = flag
        rep, diags = build_report(eng, "2024", entity, "id", datetime.date(2025, 1, 31))
        out.append((render_report(rep, fmt), [str(d) for d in diags]))
    assert out[0] == out[1]


NO_TARGET_NO_DATA = HEADER + """
variables:
  - {id: a, label: Kasus A}
  - {id: b}
elements:
  - id: o
    level: agency_objective
    statement: O
    indicators:
      - {id: top, name: Top, unit: "%", target: {2024: 90}, formula: "avg(children.achievement)"}
      - {id: share, name: Share, unit: "%", target: {2024: 80}, formula: "sum(a, b) / max(b, 1) * 100%"}
      - {id: reads, name: Reads, unit: "%", target: {2024: 80}, formula: "own.target + own.actual"}
  - id: p
    level: program
    statement: P
    supports: [o]
    indicators:
      - {id: own, name: Own, unit: orang, target: {2024: 10}}
      - {id: ratio, name: Ratio, unit: "%", target: {2024: 50}, formula: "a / b * 100%"}
      - {id: half, name: Half, unit: orang, target: 5, formula: "a / 2"}
"""


@pytest.mark.parametrize("rows,period,taken", [
    ([], "2024", {"top", "own", "share"}),                     # no data at all in the year
    # a division by zero (undefined: left to the one-indicator path, with what reads it)
    ([("2024", "a", 3), ("2024", "b", 0)], "2024", {"own", "half"}),
    ([("2024", "a", 3)], "2023", {"top", "own", "ratio"}),   # the year before: no target, no data
    ([("2023", "a", 3), ("2023", "b", 4), ("2023", "own", 7)], "2023", {"top", "own", "half"}),   # no target
    ([("2024", "a", 3), ("2024", "own", 7)], "2024", {"top", "half", "reads"}),   # a fractional count
])
def test_no_target_and_no_data_go_through_the_pass(tmp_path, rows, period, taken):
    """Columns without a target or without data are answered by the pass (missing, with the
    one-indicator path's messages: which variable, which indicator, the formula's text) --
    not left to the one-indicator path -- and give exactly its records."""
    root = write(tmp_path, {"defs/set.yaml": NO_TARGET_NO_DATA, "data.csv": csv_rows(rows)})
    dset, diags = load_definitions(str(root / "defs"), cache=False)
    assert dset is not None, diags
    table, _ = read_data([str(root / "data.csv")])
    store = DataStore(table) if table is not None else None
    fast, reference = _both(dset, store, period)
    assert fast == reference
    said = [m for r in reference[:6] for m in r["messages"]]
    assert said                                         # the case is one with messages
    seen = []
    real = columnar._State.evaluate

    def spy(self, key, units):
        real(self, key, units)
        seen.extend((u.ind.id, u.ok, len(u.problems)) for u in units)
    try:
        columnar._State.evaluate = spy
        Engine(dset, store).evaluate(parse_period(period), None)
    finally:
        columnar._State.evaluate = real
    with_messages = [i for i, ok, k in seen if ok and k]
    assert with_messages                                 # taken by the pass, messages and all
    assert taken <= {i for i, ok, _ in seen if ok}


# --------------------------------------------------------------- compiling on first use

def _compile_outcome(expr, refs):
    from indikator.engine.compile import CompileError, compile_formula

    try:
        compile_formula(expr, refs)
    except CompileError as exc:
        return exc.problem
    return None


def _example_formulas():
    for folder in EXAMPLES:
        dset, _ = load_definitions(str(folder))
        for ind in dset.indicators.values():
            for f in (ind.formula, ind.achievement_formula):
                if f is not None:
                    yield pytest.param(f, dset.refs.get(ind.id, {}), id=f"{folder.name}:{ind.id}")


@pytest.mark.parametrize("expr,refs", list(_example_formulas()))
def test_compile_problem_agrees_with_the_compiler_on_the_examples(expr, refs):
    from indikator.engine.compile import compile_problem

    assert compile_problem(expr, refs) == _compile_outcome(expr, refs)


@pytest.mark.parametrize("text,known", [
    ("a + b", {"a", "b"}),
    ("a + nope", {"a"}),
    ("nope1 / nope2", set()),
    ("lag(a, b) + zz", {"a", "b"}),
    ("lag(a, 2) + prev(b)", {"a", "b"}),
    ("FROB(a) + missing", {"a"}),
    ("sum(a, FROB(b)) + c", {"a", "b", "c"}),
    ("FROB(nope)", set()),
    ("sum(a, ODD) + b", {"a", "b"}),
    ("if(a > 0, b, -c%) and not a", {"a", "b", "c"}),
    ("lag(a, -2)", {"a"}),
])
def test_compile_problem_stops_where_the_compiler_raises(text, known):
    from indikator.engine.compile import compile_problem
    from indikator.formula import ast as A
    from indikator.formula import parse_formula
    from indikator.model import Ref

    expr, diags = parse_formula(text.replace("FROB", "sum").replace("ODD", "1"))
    assert expr is not None, diags

    def doctor(n):     # what the parser refuses: an unknown function, a node of no known kind
        if isinstance(n, A.Call):
            name = "frobnicate" if "FROB" in text and n.args and isinstance(n.args[0], A.Name) and \
                n.args[0].text in ("a", "b", "nope") and len(n.args) == 1 else n.name
            return A.Call(name, tuple(doctor(a) for a in n.args))
        if isinstance(n, A.Binary):
            return A.Binary(n.op, doctor(n.left), doctor(n.right))
        if isinstance(n, A.Number) and "ODD" in text:
            return object()
        return n
    expr = doctor(expr)
    refs = {(n.text, n.braced, n.field): Ref("variable", n.text) for n in A.names(expr) if n.text in known}
    assert compile_problem(expr, refs) == _compile_outcome(expr, refs)


def test_a_refused_formula_is_reported_when_the_engine_is_made(tmp_path):
    """The engine compiles on first use, but a formula the compiler refuses is a diagnostic of
    the engine as soon as it exists, before any evaluation."""
    from indikator.engine.compile import compile_problem

    folder = REPO_ROOT / "definitions" / "luwu-timur"
    dset, _ = load_definitions(str(folder), cache=False)
    ind = next(i for i in dset.indicators.values() if i.formula is not None)
    dset.refs[ind.id] = {}            # as if a name had lost its meaning
    eng = Engine(dset, None)
    assert eng.refused(ind.id)
    assert [d.code for d in eng.diagnostics] == ["compile"]
    assert compile_problem(ind.formula, {}) is not None
    assert eng.compiled(ind.id).formula is None
