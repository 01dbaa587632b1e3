"""The installed package works on its own: the grammar ships inside it (non-editable install)."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent

PROBE = """
import json, importlib.resources, indikator
from indikator.formula import parse_formula
expr, diags = parse_formula("{a} / b * 100%")
grammar = importlib.resources.files("indikator.grammar").joinpath("formula.lark")
print(json.dumps({"file": indikator.__file__, "ok": expr is not None and not diags,
                  "grammar": grammar.is_file()}))
"""


def test_installed_package_finds_its_grammar(tmp_path):
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    proc = subprocess.run([sys.executable, "-c", PROBE], cwd=tmp_path, env=env, capture_output=True, text=True)
    if proc.returncode != 0 and "No module named 'indikator'" in proc.stderr:
        pytest.skip("indikator is not installed in this interpreter (tests run from the checkout)")
    assert proc.returncode == 0, proc.stderr
    info = json.loads(proc.stdout)
    if Path(info["file"]).resolve().is_relative_to(REPO / "indikator"):
        pytest.skip("indikator is installed in editable mode; nothing separate to check")
    assert info["ok"] and info["grammar"], info
