"""Hostile input, fuzzed: random formulas and mutated definition sets go through ``check``
(loading and every rule) and then ``eval`` (engine and output), in-process. Whatever ``check``
accepts must evaluate; no exception may escape, ever (PRODUCT.md §8 v2, issue 10).

Sized for CI (well under a minute together). For a long run, scale the example counts::

    INDIKATOR_FUZZ_FORMULAS=20000 INDIKATOR_FUZZ_SETS=5000 pytest -q -s tests/test_fuzz_boundary.py

The counts of examples actually run (and how many passed ``check``) are printed at the end
of each test with ``-s``.
"""
from __future__ import annotations

import copy
import math
import os
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from indikator.data import DataStore, read_data
from indikator.diagnostics import has_errors
from indikator.engine import Engine
from indikator.formula import Binary, Call, Name, Number, Percent, String, Unary, to_text
from indikator.formula.functions import FUNCTIONS
from indikator.load import load_definitions
from indikator.output.evaluation import render

N_FORMULAS = int(os.environ.get("INDIKATOR_FUZZ_FORMULAS", "150"))
N_SETS = int(os.environ.get("INDIKATOR_FUZZ_SETS", "100"))
NIPS = ["199001012020011001", "199001012020011002", "199001012020011003"]
PERIODS = ["2024-Q3", "2024-Q1..2024-Q3", "2024", "2024-02", "1000-01", "9999-Q4"]

BASE = {
    "version": 1,
    "agency": "Dinas Uji",
    "scales": {
        "lima": [{"min": 90, "label": "A"}, {"min": 50, "label": "B"}, {"min": 0, "label": "C"}],
        "huruf": ["C", "B", "A"],
    },
    "variables": [
        {"id": "a", "label": "Nilai A", "period_aggregation": "sum"},
        {"id": "b", "label": "Nilai B", "period_aggregation": "last"},
        {"id": "c", "label": "Nilai C", "period_aggregation": "sum"},
    ],
    "elements": [
        {"id": "s", "level": "agency_objective", "statement": "Sasaran",
         "budget": {2024: {"ceiling": 1000, "spent": 500}},
         "indicators": [
             {"id": "s1", "name": "S1", "unit": "%", "target": {2024: 90}, "cap": 120, "formula": "a / b * 100%"},
             {"id": "s2", "name": "S2", "target": "B", "grade_scale": "huruf"},
         ]},
        {"id": "k", "level": "activity", "statement": "Kegiatan", "supports": ["s"], "achievement": "children",
         "predicate_scale": "lima",
         "indicators": [
             {"id": "k1", "name": "K1", "target": {"min": 10, "max": 20}, "polarity": "range", "formula": "c"},
             {"id": "k2", "name": "K2", "target": 5, "polarity": "negative", "weight": 2, "formula": "prev(a)"},
         ]},
        {"id": "p", "level": "position", "statement": "Jabatan", "supports": ["k"],
         "holders": [{"id": nip} for nip in NIPS[:2]],
         "indicators": [
             {"id": "p1", "name": "P1", "target": 80, "formula": "pct(a, b)"},
             {"id": "p2", "name": "P2", "target": 100, "achievement": "actual / target * 100", "formula": "a"},
         ]},
    ],
}
DATA = "\n".join(
    ["entity,period,variable,value"]
    + [f",2024-{m:02d},{v},{x}" for m in (1, 2, 4, 7) for v, x in (("a", m * 3), ("b", 10 - m), ("c", m))]
    + [f"{nip},2024-{m:02d},{v},{(i + 1) * m}" for i, nip in enumerate(NIPS) for m in (1, 5, 8)
       for v in ("a", "b")]
    + [",2024-Q3,s2,BB", ",2024-Q1,s1,7"]) + "\n"


@pytest.fixture(scope="module")
def workdir(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("fuzz")
    (root / "data.csv").write_text(DATA, encoding="utf-8")
    (root / "defs").mkdir()
    return root


@pytest.fixture(scope="module", autouse=True)
def report_counts():
    """How many examples ran and how many passed ``check`` (printed with -s), for the closing note."""
    yield
    print(f"\nfuzz examples: {Counter.runs}")


@pytest.fixture(scope="module")
def table(workdir):
    table, diags = read_data([str(workdir / "data.csv")])
    assert table is not None, diags
    return table


class Counter:
    runs = {"formulas": 0, "formulas_checked_ok": 0, "sets": 0, "sets_checked_ok": 0}


def check_then_eval(workdir: Path, table, doc: dict | str, period: str, entity: str | None) -> bool:
    """``check`` then, when it passes, ``eval`` with table and JSON output; True when it evaluated."""
    text = doc if isinstance(doc, str) else yaml.safe_dump(doc, allow_unicode=True, sort_keys=False)
    (workdir / "defs" / "set.yaml").write_text(text, encoding="utf-8")
    dset, diags = load_definitions(str(workdir / "defs"))
    if dset is None or has_errors(diags):
        return False
    store = DataStore(table, extra_entities=[h.id for h, _ in dset.holders()])
    evaluation = Engine(dset, store).evaluate(_period(period), entity)
    for fmt in ("json", "table"):
        assert isinstance(render(evaluation, fmt, "id"), str)
    return True


def _period(text: str):
    from indikator.data import parse_period

    return parse_period(text)


# ------------------------------------------------------------------------------- formulas

NAMES = ["a", "b", "c", "s1", "k1", "k2", "p1", "a.target", "s1.actual", "children.achievement", "x_unknown"]
numbers = st.sampled_from([0.0, 1.0, 2.0, 1.5, 100.0, 1e300, 1e9, 100000.0, 15.0, 16.0, 1000.0]).map(Number)
leaves = numbers | st.sampled_from(NAMES).map(Name) | st.sampled_from(["BB", ""]).map(String)


def _calls(children):
    def build(name, data):
        spec = FUNCTIONS[name]
        hi = spec.max_args if spec.max_args is not None else spec.min_args + 2
        return Call(name, tuple(data.draw(st.lists(children, min_size=spec.min_args, max_size=hi))))
    return st.builds(build, st.sampled_from(sorted(FUNCTIONS)), st.data())


def _extend(children):
    return (st.builds(Binary, st.sampled_from(["+", "-", "*", "/", "^", "<", ">=", "==", "and", "or"]),
                      children, children)
            | st.builds(Unary, st.sampled_from(["-", "not"]), children)
            | st.builds(Percent, children)
            | _calls(children))


formulas = st.recursive(leaves, _extend, max_leaves=12).map(to_text) | st.text(max_size=40)


@settings(max_examples=N_FORMULAS, deadline=None, database=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture,
                                 HealthCheck.data_too_large])
@given(formula=formulas, where=st.sampled_from(["s1", "k1", "p1", "p2-achievement"]),
       period=st.sampled_from(PERIODS), entity=st.sampled_from([None, "all", NIPS[0], "0000"]))
def test_random_formulas_pass_check_then_eval_without_escaping(workdir, table, formula, where, period, entity):
    doc = copy.deepcopy(BASE)
    inds = {i["id"]: i for e in doc["elements"] for i in e["indicators"]}
    if where == "p2-achievement":
        inds["p2"]["achievement"] = formula
    else:
        inds[where]["formula"] = formula
    Counter.runs["formulas"] += 1
    Counter.runs["formulas_checked_ok"] += check_then_eval(workdir, table, doc, period, entity)


# ------------------------------------------------------------------------ mutated sets

HOSTILE = [None, -1, 0, -0.0, 1e308, math.inf, -math.inf, math.nan, "1e400", "", "x" * 300, [], {}, True,
           "lag(a, 100000)", "lag(a, 1.5)", "round(a, 1e9)", "a / 0", "prev(prev(prev(a)))", "2024-Q5",
           {"min": 5, "max": 1}, {"min": math.nan, "max": 1}, {2024: math.inf}, {"0000": 1}, "children",
           [{"min": math.nan, "label": "X"}], [{"id": "dup"}, {"id": "dup"}], "s", "p", "k", "BB", 10**30]


def _paths(node, prefix=()):
    """Every (container, key) of the document, containers before their contents."""
    out = []
    items = node.items() if isinstance(node, dict) else enumerate(node) if isinstance(node, list) else ()
    for key, value in items:
        out.append((node, key))
        out += _paths(value, prefix + (key,))
    return out


#: Values a planner could well write: with these, many mutated sets pass ``check`` and reach ``eval``.
PLAUSIBLE = [0, 1, 50, 100, 120, 0.5, 2, "a", "a / b * 100%", "avg(children.achievement)", "sum(a, c)",
             "lag(a, 4)", "round(a / b, 1)", "if(b == 0, 0, a / b)", {2024: 0}, {"2024-Q3": 50},
             {"min": 0, "max": 0}, "negative", "range", "inverse", "children", "sum", "last", "lima", "huruf",
             "A", "B", "activity", "position", [{"id": "199001012020011003"}], {2024: {"ceiling": 0, "spent": 5}}]

mutation = st.tuples(st.integers(0, 10**6),
                     st.sampled_from(["replace", "replace", "replace", "delete", "duplicate", "retype"]),
                     st.sampled_from(PLAUSIBLE) | st.sampled_from(HOSTILE), st.booleans())


def _same_kind(old, value, index: int):  # noqa: ANN001, ANN202
    """A value of the kind ``old`` is (text for text, number for number): past the schema."""
    number = (int, float)
    kind = [v for v in PLAUSIBLE + HOSTILE
            if (isinstance(v, str) and isinstance(old, str))
            or (isinstance(v, number) and not isinstance(v, bool) and isinstance(old, number))]
    return kind[index % len(kind)] if kind else value


@settings(max_examples=N_SETS, deadline=None, database=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(mutations=st.lists(mutation, min_size=1, max_size=3), period=st.sampled_from(PERIODS),
       entity=st.sampled_from([None, "all", NIPS[1]]))
def test_mutated_definition_sets_pass_check_then_eval_without_escaping(workdir, table, mutations, period, entity):
    doc = copy.deepcopy(BASE)
    for index, op, value, same_kind in mutations:
        paths = _paths(doc)
        if op == "replace":   # a value in place of a value: more sets get past the schema to eval
            paths = [(c, k) for c, k in paths if not isinstance(c[k], (dict, list))] or paths
        container, key = paths[index % len(paths)]
        if op == "replace":
            container[key] = copy.deepcopy(_same_kind(container[key], value, index) if same_kind else value)
        elif op == "delete":
            del container[key]
        elif op == "duplicate" and isinstance(container, list):
            container.append(copy.deepcopy(container[key]))
        else:   # a scalar where a mapping was, or the other way round
            old = container[key]
            container[key] = [old] if not isinstance(old, list) else (old[0] if old else None)
    Counter.runs["sets"] += 1
    Counter.runs["sets_checked_ok"] += check_then_eval(workdir, table, doc, period, entity)
