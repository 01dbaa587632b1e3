"""Every example in definitions/ checks clean and evaluates to the figures in tests/expected/.

The expected figures were computed by hand from the source documents (the
arithmetic is in the comments of tests/expected/*.yaml). Where a document
made an arithmetic slip, the expected file holds the correct figure, so these
tests prove the engine exposes the slips instead of copying them.
"""
from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from helpers import REPO_ROOT, run_cli

DEFINITIONS = sorted(p for p in (REPO_ROOT / "definitions").iterdir() if p.is_dir())
EXPECTED = sorted((REPO_ROOT / "tests" / "expected").glob("*.yaml"))


def _runs():
    for path in EXPECTED:
        spec = yaml.safe_load(path.read_text(encoding="utf-8"))
        for run in spec["runs"]:
            yield pytest.param(spec, run, id=f"{spec['example']}:{run['name']}")


@pytest.mark.parametrize("folder", DEFINITIONS, ids=lambda p: p.name)
def test_every_example_passes_check(folder: Path):
    result = run_cli("check", str(folder))
    assert result.exit_code == 0, result.output


@pytest.mark.parametrize("folder", DEFINITIONS, ids=lambda p: p.name)
def test_every_example_passes_check_strict_without_a_warning(folder: Path):
    """The examples are correct, normal definitions: no warning fires on them (issue 12)."""
    result = run_cli("check", str(folder), "--strict")
    assert result.exit_code == 0, result.output
    assert result.output.rstrip().endswith("0 errors, 0 warnings"), result.output


@pytest.mark.parametrize("folder", DEFINITIONS, ids=lambda p: p.name)
def test_every_example_has_expected_figures(folder: Path):
    assert (REPO_ROOT / "tests" / "expected" / f"{folder.name}.yaml").exists()


@pytest.mark.parametrize("folder", DEFINITIONS, ids=lambda p: p.name)
def test_every_example_evaluates_with_all_its_data(folder: Path):
    data = folder / "data"
    periods = sorted({run["period"] for p in EXPECTED for run in yaml.safe_load(p.read_text())["runs"]
                      if yaml.safe_load(p.read_text())["definitions"].endswith(folder.name)})
    assert periods
    for period in periods:
        result = run_cli("eval", str(folder), "--data", str(data), "--period", period, "--format", "json")
        assert result.exit_code == 0, result.output
        out = json.loads(result.stdout)
        assert out["indicators"] and out["elements"]


def _close(actual, expected, tol):
    if expected is None:
        return actual is None
    if isinstance(expected, (int, float)) and not isinstance(expected, bool):
        return actual is not None and abs(actual - expected) <= tol
    return actual == expected


@pytest.mark.parametrize("spec, run", list(_runs()))
def test_expected_figures(spec: dict, run: dict):
    args = ["eval", str(REPO_ROOT / spec["definitions"]), "--period", run["period"], "--format", "json"]
    for d in run["data"]:
        args += ["--data", str(REPO_ROOT / d)]
    if run.get("entity") is not None:
        args += ["--entity", str(run["entity"])]
    result = run_cli(*args)
    assert result.exit_code == 0, result.output
    out = json.loads(result.stdout)
    tol = spec.get("tolerance", 1e-4)
    problems = []
    indicators = {(r["id"], r["entity"]): r for r in out["indicators"]}
    for exp in run.get("indicators", []):
        rec = indicators.get((exp["id"], exp.get("entity", run.get("entity"))))
        if rec is None:
            problems.append(f"indicator {exp['id']}: not in the output")
            continue
        for key in ("element", "target", "actual", "achievement", "predicate", "status"):
            if key in exp and not _close(rec[key], exp[key], tol):
                problems.append(f"indicator {exp['id']}.{key}: expected {exp[key]!r}, got {rec[key]!r}")
    elements = {(r["id"], r["entity"]): r for r in out["elements"]}
    for exp in run.get("elements", []):
        rec = elements.get((exp["id"], exp.get("entity", run.get("entity"))))
        if rec is None:
            problems.append(f"element {exp['id']}: not in the output")
            continue
        for key in ("achievement", "predicate", "status"):
            if key in exp and not _close(rec[key], exp[key], tol):
                problems.append(f"element {exp['id']}.{key}: expected {exp[key]!r}, got {rec[key]!r}")
        for key, value in (exp.get("budget") or {}).items():
            got = (rec["budget"] or {}).get(key)
            if not _close(got, value, tol):
                problems.append(f"element {exp['id']}.budget.{key}: expected {value!r}, got {got!r}")
    if run.get("agency"):
        exp = run["agency"]
        rec = next((a for a in out["agencies"] if a["agency"] == exp["name"]), None)
        if rec is None:
            problems.append(f"agency {exp['name']}: not in the output")
        else:
            for key in ("achievement", "predicate"):
                if key in exp and not _close(rec[key], exp[key], tol):
                    problems.append(f"agency.{key}: expected {exp[key]!r}, got {rec[key]!r}")
    assert not problems, "\n".join(problems)


SLIPS = [
    # (example, indicator, period, the document's wrong figure, the right one)
    ("luwu-timur", "ketepatan_waktu", "2024-Q1..2024-Q3", 71.42, 71.73),
    ("dumai", "opd_terintegrasi", "2023", 75.07, 75.15),
    ("dumai", "opd_terintegrasi", "2022", 74.00, 72.75),
]


@pytest.mark.parametrize("example, indicator, period, wrong, right", SLIPS)
def test_the_seeds_slips_come_out_corrected(example, indicator, period, wrong, right):
    folder = REPO_ROOT / "definitions" / example
    result = run_cli("eval", str(folder), "--data", str(folder / "data"), "--period", period, "--format", "json")
    rec = next(r for r in json.loads(result.stdout)["indicators"] if r["id"] == indicator)
    shown = round(rec["achievement"] + 1e-9, 2)
    assert shown == right and shown != wrong
