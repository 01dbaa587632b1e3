"""PRODUCT.md §7/§8 entities: entity-less rows apply to all, entity rows override,
``--entity all`` records carry their entity, without ``--entity`` the entity is null;
position holders evaluate their own indicators.
"""
from __future__ import annotations

import pytest

from test_engine_support import HEADER, build, csv_rows, element, evaluate, indicator

DEFS = HEADER + """\
variables:
  - {id: x, label: X, period_aggregation: sum}
  - {id: y, label: Y, period_aggregation: last}
elements:
  - id: s
    level: agency_objective
    statement: S
    indicators:
      - {id: r, name: Rasio, target: 50, formula: "x / y * 100%"}
      - {id: t, name: Total, target: 10, formula: "x"}
"""
ROWS = [
    (None, "2024-Q1", "x", 10), (None, "2024-Q2", "x", 20), (None, "2024-Q1", "y", 100),
    ("7301", "2024-Q1", "x", 40),                      # overrides Q1 only; Q2 comes from the default
    ("7302", "2024-Q2", "y", 200),                     # y only; the latest point is its own
    ("7303", "2024-Q1", "x", None),                    # an empty value overrides too: unknown
    ("7304", "2024-S1", "y", 0),                       # exact key
]
DATA = csv_rows(ROWS, entity=True)
PERIOD = "2024-S1"

EXPECTED = {
    # entity: (x, y)
    None: (30.0, 100.0),
    "7301": (60.0, 100.0),
    "7302": (30.0, 200.0),
    "7303": (20.0, 100.0),
    "7304": (30.0, 0.0),
}


@pytest.mark.parametrize("entity", ["7301", "7302", "7303"])
def test_one_entity(tmp_path, entity):
    ev = evaluate(tmp_path, DEFS, DATA, PERIOD, entity=entity)
    x, y = EXPECTED[entity]
    assert indicator(ev, "t", entity)["actual"] == x
    assert indicator(ev, "r", entity)["actual"] == pytest.approx(x / y * 100)
    assert all(rec["entity"] == entity for r in ev.indicators for rec in r.records())
    assert element(ev, "s", entity)["entity"] == entity


def test_without_entity_the_entityless_data_and_entity_null(tmp_path):
    ev = evaluate(tmp_path, DEFS, DATA, PERIOD)
    assert indicator(ev, "t")["actual"] == 30.0
    recs = [rec for r in ev.indicators for rec in r.records()] + [rec for r in ev.elements for rec in r.records()]
    assert recs and all(rec["entity"] is None for rec in recs)


def test_entity_all_carries_every_entity(tmp_path):
    ev = evaluate(tmp_path, DEFS, DATA, PERIOD, entity="all")
    for r in ev.indicators:
        assert [rec["entity"] for rec in r.records()] == ["7301", "7302", "7303", "7304"]
    for entity, (x, y) in EXPECTED.items():
        if entity is None:
            continue
        t = indicator(ev, "t", entity)
        assert t["actual"] == x and t["achievement"] == pytest.approx(x / 10 * 100)
        rec = indicator(ev, "r", entity)
        if y == 0:
            assert rec["status"] == "error" and rec["actual"] is None
            assert any("division by zero" in m for m in rec["messages"])
        else:
            assert rec["actual"] == pytest.approx(x / y * 100) and rec["status"] == "ok"
    # one entity's error does not leak into the others' messages
    assert indicator(ev, "r", "7301")["messages"] == []


def test_an_unknown_entity_gets_the_entityless_data(tmp_path):
    ev = evaluate(tmp_path, DEFS, DATA, PERIOD, entity="9999")
    assert indicator(ev, "t", "9999")["actual"] == 30.0


def test_entity_all_without_entities_in_the_data(tmp_path):
    data = csv_rows([(p, v, val) for e, p, v, val in ROWS if e is None])
    ev = evaluate(tmp_path, DEFS, data, PERIOD, entity="all")
    assert indicator(ev, "t")["actual"] == 30.0


POSITIONS = HEADER + """\
variables:
  - {id: laporan, label: Laporan selesai, period_aggregation: sum}
elements:
  - id: s
    level: agency_objective
    statement: S
    indicators:
      - {id: a, name: A, target: 100}
  - id: kasi
    level: jabatan
    statement: Kepala Seksi
    supports: [s]
    pemegang:
      - {id: "198501012010011001", nama: Budi}
      - {id: "199002022015022002", nama: Sari}
    indicators:
      - {id: k, name: Laporan, target: 12, formula: "laporan"}
"""
POS_DATA = csv_rows([
    (None, "2024", "a", 80),
    ("198501012010011001", "2024", "laporan", 12),
    ("199002022015022002", "2024-S1", "laporan", 3),
    ("199002022015022002", "2024-S2", "laporan", 6),
], entity=True)


def test_entity_all_evaluates_each_position_for_each_holder(tmp_path):
    ev = evaluate(tmp_path, POSITIONS, POS_DATA, "2024", entity="all")
    assert indicator(ev, "k", "198501012010011001")["achievement"] == pytest.approx(100.0)
    assert indicator(ev, "k", "199002022015022002")["achievement"] == pytest.approx(75.0)
    assert indicator(ev, "a", None)["achievement"] == pytest.approx(80.0)


def test_one_holder(tmp_path):
    ev = evaluate(tmp_path, POSITIONS, POS_DATA, "2024", entity="199002022015022002")
    ids = [r.indicator.id for r in ev.indicators]
    assert ids == ["k"]
    assert indicator(ev, "k", "199002022015022002")["actual"] == 9.0


def test_long_string_entity_ids_survive_as_text(tmp_path):
    ev = evaluate(tmp_path, POSITIONS, POS_DATA, "2024", entity="all")
    entities = {rec["entity"] for r in ev.indicators for rec in r.records()}
    assert "198501012010011001" in entities and all(isinstance(e, (str, type(None))) for e in entities)


def test_evaluations_of_one_engine_do_not_mix(tmp_path):
    engine = build(tmp_path, DEFS, DATA)
    all_ = engine.evaluate(PERIOD, "all")
    one = engine.evaluate(PERIOD, "7302")
    none = engine.evaluate(PERIOD)
    assert indicator(one, "t", "7302")["actual"] == 30.0
    assert indicator(all_, "t", "7301")["actual"] == 60.0
    assert indicator(none, "t")["actual"] == 30.0
