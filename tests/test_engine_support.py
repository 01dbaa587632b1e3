"""Helpers for the engine tests: a definition folder and data written to a temporary
folder, loaded, and evaluated through the Python API.

The engine test modules import from here (``tests/`` is on ``sys.path``, see
conftest.py). The few tests at the bottom check the helpers themselves.
"""
from __future__ import annotations

import math
import textwrap
import re
from pathlib import Path
from typing import Any, Iterable

from indikator.data import DataStore, read_data
from indikator.diagnostics import has_errors
from indikator.engine import Engine, Evaluation
from indikator.load import load_definitions

HEADER = "version: 1\nagency: Dinas Uji\n"


def write(root: Path, files: dict[str, str]) -> Path:
    """Write ``{relative path: text}`` (dedented) under ``root``; return ``root``."""
    root.mkdir(parents=True, exist_ok=True)
    for rel, text in files.items():
        p = root / rel
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
    return root


def machine_text(c) -> str:
    """A value as machine-format text that no reader can take for Indonesian thousands
    (PRODUCT.md §7.1: ``1.625`` is ambiguous in the C locale; ``1.6250`` is not)."""
    text = str(c)
    if isinstance(c, float) and re.fullmatch(r"-?[1-9][0-9]{0,2}\.[0-9]{3}", text):
        text += "0"
    return text


def csv_rows(rows: Iterable[tuple], entity: bool = False) -> str:
    """CSV text from ``(period, variable, value)`` or ``(entity, period, variable, value)`` rows.

    ``None`` is written as an empty cell (a missing value).
    """
    head = "entity,period,variable,value" if entity else "period,variable,value"
    lines = [head]
    for r in rows:
        lines.append(",".join("" if c is None else machine_text(c) for c in r))
    return "\n".join(lines) + "\n"


def build(tmp_path: Path, definitions: str | dict[str, str], data: str | None = None,
          efficiency: str = "difference", data_name: str = "data.csv") -> Engine:
    """Load the definitions (one text = ``defs/main.yaml``) and the data; return an Engine.

    Fails the test when the definitions or the data have errors.
    """
    files = {"main.yaml": definitions} if isinstance(definitions, str) else definitions
    defs = write(tmp_path / "defs", files)
    dset, diags = load_definitions(str(defs))
    assert dset is not None and not has_errors(diags), [d.message for d in diags]
    store = None
    if data is not None:
        path = tmp_path / data_name
        path.write_text(data, encoding="utf-8")
        table, ddiags = read_data([str(path)])
        assert table is not None and not has_errors(ddiags), [d.message for d in ddiags]
        store = DataStore(table, extra_entities=[h.id for h, _ in dset.holders()])
    return Engine(dset, store, efficiency)


def evaluate(tmp_path: Path, definitions: str | dict[str, str], data: str | None, period: str,
             entity: str | None = None, efficiency: str = "difference") -> Evaluation:
    return build(tmp_path, definitions, data, efficiency).evaluate(period, entity)


def indicator(ev: Evaluation, ind_id: str, entity: str | None = None) -> dict[str, Any]:
    """The §8 record of indicator ``ind_id`` (for ``entity``)."""
    for r in ev.indicators:
        if r.indicator.id == ind_id:
            for rec in r.records():
                if rec["entity"] == entity:
                    return rec
    raise AssertionError(f"no record for indicator {ind_id} / {entity}")


def element(ev: Evaluation, el_id: str, entity: str | None = None) -> dict[str, Any]:
    for r in ev.elements:
        if r.element.id == el_id:
            for rec in r.records():
                if rec["entity"] == entity:
                    return rec
    raise AssertionError(f"no record for element {el_id} / {entity}")


def indicator_result(ev: Evaluation, ind_id: str):
    for r in ev.indicators:
        if r.indicator.id == ind_id:
            return r
    raise AssertionError(f"no result for indicator {ind_id}")


def same(a: float | None, b: float | None, rel: float = 1e-12) -> bool:
    """Equal numbers (relative tolerance), or both missing (None/NaN)."""
    a_nan = a is None or (isinstance(a, float) and math.isnan(a))
    b_nan = b is None or (isinstance(b, float) and math.isnan(b))
    if a_nan or b_nan:
        return a_nan and b_nan
    if isinstance(a, str) or isinstance(b, str):
        return a == b
    return math.isclose(a, b, rel_tol=rel, abs_tol=1e-12)


def one_indicator(body: str, element_extra: str = "", top: str = "") -> str:
    """A definition set with one agency objective ``s`` holding one indicator ``i``.

    ``body`` holds the indicator's keys after ``id``/``name`` (indented by the caller
    relative to nothing: it is re-indented here).
    """
    ind = textwrap.indent(textwrap.dedent(body).strip("\n"), " " * 8)
    extra = textwrap.indent(textwrap.dedent(element_extra).strip("\n"), " " * 4) if element_extra else ""
    return (HEADER + textwrap.dedent(top).strip("\n") + "\n" if top else HEADER) + (
        "elements:\n"
        "  - id: s\n"
        "    level: agency_objective\n"
        "    statement: Sasaran uji\n"
        + (extra + "\n" if extra else "")
        + "    indicators:\n"
        "      - id: i\n"
        "        name: Indikator uji\n"
        + ind + "\n")


# ----------------------------------------------------------------- the helpers themselves

def test_one_indicator_loads_and_evaluates(tmp_path):
    ev = evaluate(tmp_path, one_indicator("target: 80\nunit: '%'"), csv_rows([("2024", "i", 60)]), "2024")
    rec = indicator(ev, "i")
    assert rec["actual"] == 60.0 and rec["achievement"] == 75.0 and rec["status"] == "ok"


def test_same_is_nan_aware():
    assert same(None, float("nan")) and same(1.0, 1.0 + 1e-15) and not same(1.0, None)
