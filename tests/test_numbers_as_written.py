"""Numbers as planners write them (PRODUCT.md §7.1): every rule, in definitions and formulas.

Each case is one indicator line in a definition file; the expectation is either the value
the engine reads (seen through ``eval --format json``'s target) or the error at the exact
``file:line:col`` with the words of its message.
"""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from helpers import run_cli, write_tree


def _defs(target: str, header: str = "", unit: str = '"%"', extra: str = "") -> str:
    return (f"version: 1\n{header}elements:\n  - id: s1\n    level: objective\n    indicators:\n"
            f"      - id: i1\n        name: I1\n        unit: {unit}\n        formula: 50\n"
            f"        target: {target}\n{extra}")


def _check(tmp_path: Path, text: str):
    write_tree(tmp_path / "d", {"a.yaml": text}, dedent=False)
    return run_cli("check", "d", "--format", "json", cwd=tmp_path)


def _errors(result) -> list[dict]:
    return [d for d in json.loads(result.output) if d["severity"] == "error"]


def _target(tmp_path: Path, text: str) -> float:
    write_tree(tmp_path / "d", {"a.yaml": text}, dedent=False)
    r = run_cli("eval", "d", "--period", "2024", "--format", "json", cwd=tmp_path)
    assert r.exit_code == 0, r.output
    return json.loads(r.stdout)["indicators"][0]["target"]


# -- accepted readings --------------------------------------------------------------------

@pytest.mark.parametrize("fmt, written, value", [
    # number_format: id — values read as Indonesian text, unquoted as in the document
    ("id", "78.000", 78000), ("id", "1.234.567", 1234567), ("id", "81,33", 81.33), ("id", "70,5", 70.5),
    ("id", "98%", 98), ("id", "Rp 7.042.932.613,-", 7042932613), ("id", "24.975", 24975),
    ("id", "100", 100),
    # the alias format_angka is the same key
    ("format_angka-id", "78.000", 78000),
    # number_format: C — '.' is the decimal point
    ("C", "78.000", 78.0), ("C", "24.975", 24.975), ("C", "81.33", 81.33), ("C", "98%", 98),
    # undeclared: unambiguous values are accepted
    (None, "78000", 78000), (None, "78_000", 78000), (None, "81.33", 81.33), (None, "0.125", 0.125),
    (None, "98%", 98), (None, "1234.500", 1234.5), (None, "78.0", 78.0), (None, ".5", 0.5), (None, "5.", 5),
    (None, "1e3", 1000), (None, "+2.5", 2.5), (None, "'0.75'", 0.75),
])
def test_value_read(tmp_path, fmt, written, value):
    header = {"id": "number_format: id\n", "C": "number_format: C\n",
              "format_angka-id": "format_angka: id\n", None: ""}[fmt]
    assert _target(tmp_path, _defs(f"{{2024: {written}}}" if "," not in written else written, header)) \
        == pytest.approx(value)


# -- ambiguous without a declaration: both readings, both fixes ----------------------------

@pytest.mark.parametrize("written, col, words", [
    ("78.000", 17, ["'78.000' is ambiguous", "78000", "78.0", "number_format: id", "number_format: C"]),
    ("24.975", 17, ["24975", "24.975", "write 24975", "24.9750"]),
    ("1.500", 17, ["1500", "1.5", "number_format: id", "number_format: C"]),
    ("1.234.567", 17, ["1234567", "not a number in machine format", "number_format: id"]),
    ("81,33", 17, ["'81,33' is ambiguous", "81.33", "number_format: id"]),
    ("1,500", 17, ["1.5", "1500", "number_format: id"]),
    ('"70,5"', 17, ["'70,5' is ambiguous", "70.5", "number_format: id"]),
    ("Rp 7.042.932.613,-", 17, ["7042932613", "number_format: id"]),
])
def test_ambiguous_in_definitions(tmp_path, written, col, words):
    r = _check(tmp_path, _defs(written))
    assert r.exit_code == 1
    [e] = _errors(r)
    assert (e["file"], e["line"], e["col"]) == ("d/a.yaml", 10, col)
    for w in words:
        assert w in e["message"], (w, e["message"])


@pytest.mark.parametrize("where, body, line, col", [
    ("budget", "        budget: {ceiling: 1.500, spent: 1000}\n", 11, 27),
    ("weight", "        weight: 1.500\n", 11, 17),
    ("cap", "        cap: 120.000\n", 11, 14),
    ("range", "", 10, 23),
])
def test_ambiguous_in_budgets_weights_caps_ranges(tmp_path, where, body, line, col):
    target = "{min: 1.500, max: 2000}" if where == "range" else "90"
    text = _defs(target, extra=body)
    if where == "range":
        text = text.replace("formula: 50", "formula: 50\n        polarity: range")
        line += 1
    r = _check(tmp_path, text)
    [e] = _errors(r)
    assert (e["line"], e["col"]) == (line, col), e
    assert "is ambiguous" in e["message"] and "number_format: id" in e["message"]


@pytest.mark.parametrize("fmt, written, words", [
    ("C", "81,33", ["number_format: C", "',' inside a", "write 81.33"]),
    ("C", "1.234.567", ["number_format: C", "write 1234567"]),
    ("id", "81.33", ["not an Indonesian numeral", "write 81,33", "number_format: C"]),
])
def test_malformed_in_the_declared_format(tmp_path, fmt, written, words):
    r = _check(tmp_path, _defs(written, f"number_format: {fmt}\n"))
    [e] = _errors(r)
    assert (e["line"], e["col"]) == (11, 17)
    for w in words:
        assert w in e["message"], (w, e["message"])


def test_flow_mapping_comma_split_is_reported_once(tmp_path):
    r = _check(tmp_path, _defs("{2024: 81,33, 2025: 82}"))
    errors = _errors(r)
    assert len(errors) == 1, errors
    e = errors[0]
    assert (e["line"], e["col"]) == (10, 24)
    assert "81,33 was split at its comma" in e["message"] and "quotes" in e["message"]
    assert "period" not in e["message"]                     # not about '33' as a period


def test_flow_mapping_split_inside_an_indicator_record(tmp_path):
    text = ("version: 1\nelements:\n  - id: s1\n    level: objective\n    indicators:\n"
            "      - {id: i1, name: I1, unit: '%', formula: 1, target: 81,33}\n")
    [e] = _errors(_check(tmp_path, text))
    assert (e["line"], e["col"]) == (6, 59) and "81,33 was split at its comma" in e["message"]


@pytest.mark.parametrize("written", ["seratus", "'81,10 (Nilai)'", "sembilan puluh"])
def test_text_target_gets_a_number_message_not_a_grade_message(tmp_path, written):
    [e] = _errors(_check(tmp_path, _defs(written)))
    assert (e["line"], e["col"]) == (10, 17)
    assert "number" in e["message"] and "grade" not in e["message"], e["message"]


def test_a_grade_target_is_still_a_grade(tmp_path):
    text = _defs("BB", unit="nilai").replace("formula: 50", "formula: '\"A\"'\n        grade_scale: sakip")
    assert _check(tmp_path, text).exit_code == 0


def test_every_number_error_of_a_file_is_reported(tmp_path):
    """The issue: after the first such error the next ones ("70,5", 70%) were not reported."""
    written = ["81,33", '"70,5"', "70%", "24.975", "{2024: 81,33, 2025: 82}", "1.234.567", "seratus"]
    # targets in block style, one indicator per block, so each error has its own line
    blocks = ["version: 1", "elements:", "  - id: s1", "    level: objective", "    indicators:"]
    for k, w in enumerate(written):
        blocks += [f"      - id: i{k}", f"        name: I{k}", "        unit: '%'", "        formula: 1",
                   f"        target: {w}"]
    r = _check(tmp_path, "\n".join(blocks) + "\n")
    errors = _errors(r)
    lines_with_errors = sorted(e["line"] for e in errors)
    expected = [10 + 5 * k for k, w in enumerate(written) if w != "70%"]
    assert lines_with_errors == expected, errors


# -- formulas --------------------------------------------------------------------------------

@pytest.mark.parametrize("formula, col, thousands, decimal", [
    ("tepat / 78.000 * 100", 27, "78000", "78.0"),
    ("1.234 + tepat", 19, "1234", "1.2340"),
    ("round(tepat, 2) / 24.975", 37, "24975", "24.9750"),
])
def test_ambiguous_literal_in_a_formula(tmp_path, formula, col, thousands, decimal):
    text = ("version: 1\nvariables:\n  - {id: tepat}\nelements:\n  - id: s1\n    level: objective\n"
            f"    indicators:\n      - id: i1\n        name: I1\n        formula: \"{formula}\"\n")
    [e] = _errors(_check(tmp_path, text))
    assert (e["line"], e["col"]) == (10, col), e
    assert "in a formula is ambiguous" in e["message"]
    assert f"write {thousands}" in e["message"] and f"or {decimal}" in e["message"]


@pytest.mark.parametrize("formula", ["tepat / 78000 * 100", "tepat * 0.125", "tepat / 78.0", "tepat * 1.5",
                                     "tepat * 1234.567", "tepat * 1e3"])
def test_unambiguous_formula_literals(tmp_path, formula):
    text = ("version: 1\nvariables:\n  - {id: tepat}\nelements:\n  - id: s1\n    level: objective\n"
            f"    indicators:\n      - id: i1\n        name: I1\n        formula: \"{formula}\"\n")
    assert _check(tmp_path, text).exit_code == 0


# -- a count with a fraction -------------------------------------------------------------------

@pytest.mark.parametrize("unit, warned", [
    ("dokumen", True), ("orang", True), ('"%"', False), ("persen", False), ("indeks", False),
    ("nilai", False), ("skor", False), ("rasio", False), ("Persen", False)])
def test_count_unit_with_a_fractional_target_is_warned(tmp_path, unit, warned):
    r = _check(tmp_path, _defs("{2024: 12.5}", unit=unit))
    found = [d for d in json.loads(r.output) if d["code"] == "count-fraction"]
    assert bool(found) == warned
    if warned:
        assert (found[0]["line"], found[0]["col"], found[0]["severity"]) == (10, 24, "warning")


def test_count_unit_with_a_fractional_actual_gets_a_message(tmp_path):
    write_tree(tmp_path / "d", {"a.yaml": _defs("10", unit="dokumen").replace("formula: 50", "formula: 4.5")},
               dedent=False)
    r = run_cli("eval", "d", "--period", "2024", "--format", "json", cwd=tmp_path)
    rec = json.loads(r.stdout)["indicators"][0]
    assert any("has a fraction" in m for m in rec["messages"]), rec


# -- fuzzing: any number written as a document writes it reads back -------------------------

from decimal import Decimal  # noqa: E402

from babel.numbers import format_decimal  # noqa: E402
from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from indikator.load.numbers import NumberReader  # noqa: E402
from indikator.load.yaml_source import load_yaml  # noqa: E402


def _read(text: str, fmt):
    doc, _ = load_yaml("a.yaml", text)
    diags: list = []
    value = NumberReader(doc, fmt).read(doc.data["v"], ("v",), diags)
    return value, diags


@settings(max_examples=300, deadline=None)
@given(st.decimals(min_value=0, max_value=10**12, places=2, allow_nan=False, allow_infinity=False))
def test_indonesian_numerals_read_back(value: Decimal):
    written = format_decimal(value, format="#,##0.##", locale="id")
    for text in (f"v: {written}\n", f'v: "{written}"\n'):
        got, diags = _read(text, "id")
        assert not diags and got == pytest.approx(float(value), rel=1e-15, abs=1e-9), (written, got)


@settings(max_examples=300, deadline=None)
@given(st.one_of(*(st.decimals(min_value=-10**7, max_value=10**7, places=k, allow_nan=False,
                               allow_infinity=False) for k in (1, 2, 3, 4))))
def test_machine_format_reads_back_or_is_refused_as_ambiguous(value: Decimal):
    written = str(value)
    got, diags = _read(f"v: {written}\n", None)
    ambiguous = bool(re.fullmatch(r"-?[1-9][0-9]{0,2}\.[0-9]{3}", written))
    if ambiguous:
        assert got is None and "is ambiguous" in diags[0].message
        assert written.lstrip("-").replace(".", "") in diags[0].message       # the thousands reading
    else:
        assert not diags and got == pytest.approx(float(value))
    got, diags = _read(f"v: {written}\n", "C")           # declared C: never ambiguous
    assert not diags and got == pytest.approx(float(value))


@pytest.mark.parametrize("header, written, expected", [
    ("number_format: id\n", "90,5", "Baik"), ("", "90.5", "Baik"), ("number_format: id\n", "90,7", "Cukup")])
def test_scale_band_bounds_are_numbers_as_written(tmp_path, header, written, expected):
    """A band's ``min`` written ``90,5`` is read, never a silently dropped band."""
    text = (f"version: 1\n{header}predicate_scale: uji\nscales:\n  uji:\n"
            f"    - {{min: \"{written}\", label: Baik}}\n    - {{min: 0, label: Cukup}}\n"
            "elements:\n  - id: s1\n    level: objective\n    indicators:\n"
            "      - {id: i1, name: I1, unit: '%', formula: 90.6, target: 100}\n")
    write_tree(tmp_path / "d", {"a.yaml": text}, dedent=False)
    r = run_cli("eval", "d", "--period", "2024", "--format", "json", cwd=tmp_path)
    assert r.exit_code == 0, r.output
    assert json.loads(r.stdout)["indicators"][0]["predicate"] == expected


def test_an_ambiguous_band_bound_is_one_error(tmp_path):
    text = ("version: 1\nscales:\n  uji:\n    - {min: 76.000, label: Baik}\n    - {min: 0, label: Cukup}\n"
            "elements: []\n")
    [e] = _errors(_check(tmp_path, text))
    assert (e["line"], e["col"]) == (4, 13) and "'76.000' is ambiguous" in e["message"]
