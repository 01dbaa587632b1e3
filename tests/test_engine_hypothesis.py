"""hypothesis: evaluating many entities at once (``--entity all``) gives, for every
entity, exactly what evaluating that entity alone gives (§5 vectorized evaluation).

Random data for a handful of entities — values, empty cells, missing rows, zeros
(division by zero), entity-less defaults that entity rows override — over a small
definition set whose formulas use division, aggregates, ``coalesce``, ``if``,
``prev``, indicators reading indicators and ``children``.
"""
from __future__ import annotations

import atexit
import math
import shutil
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from indikator.data import DataStore, read_data
from indikator.diagnostics import has_errors
from indikator.engine import Engine
from indikator.load import load_definitions

from test_engine_support import HEADER, csv_rows, same, write

DEFS = HEADER + """\
variables:
  - {id: a, label: A, period_aggregation: sum}
  - {id: b, label: B, period_aggregation: last}
  - {id: c, label: C, period_aggregation: mean}
elements:
  - id: q
    level: agency_goal
    statement: Q
    achievement: children
  - id: s
    level: agency_objective
    statement: S
    supports: [q]
    indicators:
      - {id: ratio, name: Ratio, target: 80, cap: 120, formula: "a / b * 100%"}
      - {id: agg, name: Agg, target: 10, formula: "sum(a, b, c) + avg(a, c) - max(b, c)"}
      - {id: fallback, name: Fallback, target: 5, polarity: negative, cap: 150,
         formula: "coalesce(c, b, 0) + if(a > b, 1, 0)"}
      - {id: cond, name: Cond, target: {min: 2, max: 8}, polarity: range,
         formula: "jika(isnull(c), pct(a, b + c), round(c / 3, 2))"}
      - {id: growth, name: Growth, target: 100, achievement: inverse, polarity: negative,
         formula: "b - prev(b) + ratio.achievement / 10"}
      - {id: mix, name: Mix, target: 50, bobot: 2, formula: "median(a, b, c) * count(a, b, c) / sqrt(abs(c))"}
      - {id: guard, name: Guard, target: 1, formula: "if(b == 0, -1, a / b) + if(c != 0 and a / c > 1, 1, 0)"}
  - id: p
    level: program
    statement: P
    supports: [s]
    indicators:
      - {id: child, name: Child, target: 4, formula: "c"}
  - id: top
    level: agency_objective
    statement: Top
    indicators:
      - {id: kids, name: Kids, target: 20, formula: "sum(children.actual) / count(children.actual)"}
  - id: p2
    level: program
    statement: P2
    supports: [top]
    budget: {ceiling: 100, spent: 40}
    indicators:
      - {id: k1, name: K1, target: 3, formula: "a"}
      - {id: k2, name: K2, target: 3, formula: "b / c"}
"""

PERIODS = ("2023-Q4", "2024-Q1", "2024-Q2")
PERIOD = "2024-Q1..2024-Q2"
VARIABLES = ("a", "b", "c")

_defs_dir = Path(tempfile.mkdtemp(prefix="indikator-hyp-"))
atexit.register(shutil.rmtree, _defs_dir, True)
write(_defs_dir, {"main.yaml": DEFS})
DSET, _DIAGS = load_definitions(str(_defs_dir))
assert DSET is not None and not has_errors(_DIAGS), [d.message for d in _DIAGS]

cell = st.one_of(
    st.none(),                                        # empty cell: missing
    st.just(0),                                       # division by zero
    st.integers(min_value=-5, max_value=50),
    st.floats(min_value=-100, max_value=1000, allow_nan=False, allow_infinity=False).map(lambda x: round(x, 3)),
)


@st.composite
def datasets(draw):
    n = draw(st.integers(min_value=1, max_value=6))
    entities = [f"E{i:02d}" for i in range(n)]
    rows = []
    for entity in [None] + entities:
        for period in PERIODS:
            for var in VARIABLES:
                # a row may be absent (no data), present with a value, or present and empty
                if draw(st.booleans()):
                    rows.append((entity, period, var, draw(cell)))
    # at least one row per entity so that every entity is in the data
    for e in entities:
        rows.append((e, "2020", "a", 1))
    return entities, rows


def _engine(rows) -> Engine:
    with tempfile.TemporaryDirectory() as d:
        path = Path(d) / "data.csv"
        path.write_text(csv_rows(rows, entity=True))
        table, diags = read_data([str(path)])
    assert table is not None and not has_errors(diags), [x.message for x in diags]
    return Engine(DSET, DataStore(table))


def _by_entity(records):
    return {rec["entity"]: rec for rec in records}


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(datasets())
def test_all_entities_at_once_equal_each_entity_alone(data):
    entities, rows = data
    together = _engine(rows).evaluate(PERIOD, "all")
    alone_engine = _engine(rows)
    seen = 0
    for entity in entities:
        alone = alone_engine.evaluate(PERIOD, entity)
        assert [r.indicator.id for r in alone.indicators] == [r.indicator.id for r in together.indicators]
        for rt, ra in zip(together.indicators, alone.indicators):
            t = _by_entity(rt.records())[entity]
            a = _by_entity(ra.records())[entity]
            for key in ("actual", "achievement"):
                assert same(t[key], a[key]), (rt.indicator.id, entity, key, t, a)
            for key in ("status", "predicate", "target", "messages"):
                assert t[key] == a[key], (rt.indicator.id, entity, key, t, a)
            assert not (isinstance(t["actual"], float) and math.isinf(t["actual"]))
            seen += 1
        for rt, ra in zip(together.elements, alone.elements):
            t = _by_entity(rt.records())[entity]
            a = _by_entity(ra.records())[entity]
            assert same(t["achievement"], a["achievement"]), (rt.element.id, entity, t, a)
            assert t["budget"] == a["budget"] or same(t["budget"]["efficiency"], a["budget"]["efficiency"])
            for key in ("status", "predicate", "messages"):
                assert t[key] == a[key], (rt.element.id, entity, key, t, a)
    assert seen == len(entities) * len(together.indicators)
    by_agency_t = {x.agency: _by_entity(x.records()) for x in together.agencies}
    alone_ag = {}
    for entity in entities:
        for x in alone_engine.evaluate(PERIOD, entity).agencies:
            alone_ag.setdefault(x.agency, {}).update(_by_entity(x.records()))
    for agency, recs in by_agency_t.items():
        for entity in entities:
            assert same(recs[entity]["achievement"], alone_ag[agency][entity]["achievement"])


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(datasets())
def test_entityless_evaluation_equals_an_entity_without_rows(data):
    """An entity with no rows of its own sees exactly the entity-less data."""
    entities, rows = data
    engine = _engine(rows + [("NEW", "2019", "a", 1)])
    none = engine.evaluate(PERIOD)
    new = engine.evaluate(PERIOD, "NEW")
    for rn, rx in zip(none.indicators, new.indicators):
        a, b = next(rn.records()), next(rx.records())
        assert b["entity"] == "NEW" and a["entity"] is None
        for key in ("actual", "achievement"):
            assert same(a[key], b[key]), (rn.indicator.id, key, a, b)
        assert a["status"] == b["status"] and a["messages"] == b["messages"]
