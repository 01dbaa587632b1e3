"""The examples written with Indonesian numerals under ``format_angka: id`` evaluate to the
same figures as written in machine format (PRODUCT.md §7.1).

Every number of every definition file (targets, budgets, weights, caps, period-map
values) is rewritten as an Indonesian document writes it — ``98,21``, ``328.349.528``,
``24.975`` — by Babel, unquoted in block style (the loader reads the scalar's own text);
in a one-line ``{…}`` mapping a decimal comma must be quoted, as YAML ends a value at a
comma. Then every evaluation of tests/expected/ runs on both copies and must give the same
JSON, figure for figure.
"""
from __future__ import annotations

import json
import shutil
from decimal import Decimal
from pathlib import Path

import pytest
import yaml
from babel.numbers import format_decimal

from helpers import REPO_ROOT, run_cli
from indikator.load.yaml_source import load_yaml

NUMBER_KEYS = {"target", "anggaran", "budget", "bobot", "weight", "batas_capaian", "cap"}
EXPECTED = sorted((REPO_ROOT / "tests" / "expected").glob("*.yaml"))


def indonesian(value: float | int) -> str:
    """The number as an Indonesian report writes it (Babel, locale id, no rounding)."""
    return format_decimal(Decimal(repr(value)), format="#,##0.##########", locale="id")


def to_format_angka_id(text: str) -> tuple[str, int]:
    """The file with every definition number in Indonesian numerals; and how many changed."""
    doc, diags = load_yaml("f.yaml", text)
    assert doc is not None and not diags
    starts = [0]
    for line in text.splitlines(keepends=True):
        starts.append(starts[-1] + len(line))

    def offset(line: int, col: int) -> int:
        return starts[line - 1] + col - 1

    def value_at(path):
        node = doc.data
        for step in path:
            node = node[step]
        return node

    edits = []
    for path, (line, col, end_line, end_col) in doc.value_spans.items():
        if "scales" in path or not any(isinstance(p, str) and p in NUMBER_KEYS for p in path):
            continue
        value = value_at(path)
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            continue
        written = indonesian(value)
        parent = doc.value_spans[path[:-1]]
        in_flow = text[offset(parent[0], parent[1])] == "{"
        if "," in written and in_flow:
            written = f'"{written}"'
        edits.append((offset(line, col), offset(end_line, end_col), written))
    out = text
    for a, b, written in sorted(edits, reverse=True):
        out = out[:a] + written + out[b:]
    return "format_angka: id\n" + out, sum(1 for a, b, w in edits if text[a:b] != w)


def _runs():
    for path in EXPECTED:
        spec = yaml.safe_load(path.read_text(encoding="utf-8"))
        for run in spec["runs"]:
            yield pytest.param(spec, run, id=f"{spec['example']}:{run['name']}")


@pytest.fixture(scope="module")
def converted(tmp_path_factory) -> dict[str, tuple[Path, int]]:
    out = {}
    for folder in sorted((REPO_ROOT / "definitions").iterdir()):
        if not folder.is_dir():
            continue
        dst = tmp_path_factory.mktemp("id") / folder.name
        shutil.copytree(folder, dst, ignore=shutil.ignore_patterns("data"))
        changed = 0
        for f in sorted(dst.glob("*.yaml")):
            text, n = to_format_angka_id(f.read_text(encoding="utf-8"))
            f.write_text(text, encoding="utf-8")
            changed += n
        out[folder.name] = (dst, changed)
    return out


def test_the_conversion_writes_indonesian_numerals(converted):
    for name, (dst, changed) in converted.items():
        assert changed > 5, name                      # numbers were really rewritten
        text = "".join(f.read_text(encoding="utf-8") for f in dst.glob("*.yaml"))
        assert "format_angka: id" in text
    lutim = converted["luwu-timur"][0]
    assert '2024: "81,33"' in (lutim / "disdukcapil.yaml").read_text(encoding="utf-8")   # decimal comma
    assert "24.975" in (lutim / "jabatan.yaml").read_text(encoding="utf-8")             # thousands dot


@pytest.mark.parametrize("folder", ["dumai", "kupang", "luwu-timur"])
def test_converted_examples_pass_check_strict(converted, folder):
    r = run_cli("check", str(converted[folder][0]), "--strict")
    assert r.exit_code == 0, r.output


@pytest.mark.parametrize("spec, run", list(_runs()))
def test_same_figures_as_today(converted, spec: dict, run: dict):
    original = REPO_ROOT / spec["definitions"]
    copy = converted[original.name][0]
    outputs = []
    for root in (original, copy):
        args = ["eval", str(root), "--period", run["period"], "--format", "json"]
        for d in run["data"]:
            args += ["--data", str(REPO_ROOT / d)]
        if run.get("entity") is not None:
            args += ["--entity", str(run["entity"])]
        r = run_cli(*args)
        assert r.exit_code == 0, r.output
        outputs.append(json.loads(r.stdout))
    assert outputs[0] == outputs[1]
