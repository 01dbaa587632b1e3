"""Coverage warnings of `check` (issue: every employee needs a plan down to the lowest level)."""
from __future__ import annotations

import json
import textwrap

import pytest
from click.testing import CliRunner

from indikator.cli import main

CRAFTED = """\
version: 1
agency: Dinas Contoh
elements:
  - {id: s1, level: agency_objective, statement: Sasaran, indicators: [{id: i1, name: I1, formula: "1", target: 1}]}
  - id: p1
    level: program
    supports: [s1]
    indicators: [{id: ip1, name: IP1, target: 1}]
  - id: k1
    level: activity
    supports: [p1]
    indicators: [{id: ik1, name: IK1, formula: "2", target: 2}]
  - id: k2
    level: activity
    supports: [p1]
    owner: jab.b
    indicators: [{id: ik2, name: IK2, formula: "2", target: 2, source: Laporan bulanan}]
  - id: jab.a
    level: position
    supports: [s1]
    holders: [{id: "199001012020011001", name: A}]
    indicators: [{id: iki_a, name: IKI A, formula: "1", target: 1}]
  - id: jab.b
    level: position
    supports: [jab.a]
    holders: [{id: "199001012020011001", name: A}]
  - id: jab.c
    level: position
    supports: [jab.a]
    indicators: [{id: iki_c, name: IKI C, formula: "1", target: 1}]
"""


@pytest.fixture()
def crafted(tmp_path):
    (tmp_path / "set.yaml").write_text(CRAFTED, encoding="utf-8")
    return tmp_path


def _codes(result) -> list[tuple[str, int, str]]:
    return [(d["code"], d["line"], d["severity"]) for d in json.loads(result.output)]


def test_coverage_warnings_on_a_crafted_set(crafted, monkeypatch):
    monkeypatch.chdir(crafted)
    result = CliRunner().invoke(main, ["check", ".", "--format", "json"])
    assert result.exit_code == 0, result.output
    found = _codes(result)
    # k1 is a leaf activity nobody owns; k2 has an owner; p1 is not a leaf
    assert ("no-owner", 9, "warning") in found
    assert not any(c == "no-owner" and line in (5, 13) for c, line, _ in found)
    # ip1 has neither formula nor source: normal (its data comes under its id), no warning
    assert not any(c == "no-source" for c, _, _ in found)
    # the same NIP holds jab.a and jab.b (reported at jab.b's holder)
    assert ("holder-twice", 26, "warning") in found
    # jab.b has no indicator, jab.c no holder
    assert ("position-no-indicator", 23, "warning") in found
    assert ("position-no-holder", 27, "warning") in found
    assert len(found) == 4


def test_a_set_without_positions_is_not_asked_for_owners(tmp_path, monkeypatch):
    """Owners are a question for agencies that cascade to positions (jabatan) at all."""
    (tmp_path / "renstra.yaml").write_text(CRAFTED.split("  - id: jab.a")[0].replace("    owner: jab.b\n", ""),
                                                encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["check", ".", "--strict"])
    assert result.exit_code == 0, result.output


def test_strict_turns_coverage_warnings_into_errors(crafted, monkeypatch):
    monkeypatch.chdir(crafted)
    result = CliRunner().invoke(main, ["check", ".", "--strict"])
    assert result.exit_code == 1
    assert "set.yaml:9:5: error: activity 'k1' has no owner position" in result.output
    assert "holds both 'jab.a'" in result.output


def test_a_covered_set_has_no_coverage_warning(tmp_path, monkeypatch):
    (tmp_path / "ok.yaml").write_text(textwrap.dedent("""\
        version: 1
        elements:
          - {id: k1, level: activity, statement: K, indicators: [{id: ik1, name: IK1, formula: "2", target: 2}]}
          - id: jab.a
            level: position
            supports: [k1]
            holders: [{id: "199001012020011001", name: A}]
            indicators: [{id: iki_a, name: IKI A, formula: "1", target: 1}]
        """), encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["check", ".", "--strict"])
    assert result.exit_code == 0, result.output
