"""One person, one number (PRODUCT.md §7, v2).

A holder's figure is the same in ``eval --entity NIP``, ``eval --entity all``, the report and
the web page; a position's entity-less figure — what ``eval`` without ``--entity``, the chart,
the report's position row and the web page's position panel show — is its holders' mean.
The two holders here have different data, and no entity-less data for the IKI at all, so a
figure computed from entity-less data could not pass for either.
"""
from __future__ import annotations

import json
import re
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import pytest

from helpers import REPO_ROOT, run_cli, write_tree

A, B = "198001012005011001", "198502022010012002"
DEFS = f"""\
version: 1
agency: Dinas Uji
variables: [{{id: a}}, {{id: x}}, {{id: y}}]
elements:
  - id: s1
    level: agency_objective
    statement: Sasaran uji
    indicators: [{{id: iku, name: IKU, unit: "%", formula: a, target: 100}}]
  - id: jab.kabid
    level: position
    statement: Kepala Bidang Uji
    supports: [s1]
    holders: [{{id: "{A}", name: Pegawai A}}, {{id: "{B}", name: Pegawai B}}]
    indicators:
      - {{id: iki_1, name: IKI satu, unit: "%", formula: x, target: 80}}
      - {{id: iki_2, name: IKI dua, unit: "%", formula: y, target: 50}}
"""
DATA = f"""\
entity,period,variable,value
,2024,a,90
{A},2024,x,73
{A},2024,y,45
{B},2024,x,88
{B},2024,y,31
"""
# A: (73/80 + 45/50)/2 × 100 = (91.25 + 90)/2 = 90.625; B: (110 + 62)/2 = 86; mean 88.3125
HOLDER = {A: 90.625, B: 86.0}
MEAN = 88.3125


def shown(x: float) -> str:
    """Two decimals, half away from zero, decimal comma: how the id views show a capaian."""
    return str(Decimal(repr(x)).quantize(Decimal("0.01"), ROUND_HALF_UP)).replace(".", ",")


@pytest.fixture()
def case(tmp_path: Path) -> Path:
    return write_tree(tmp_path, {"d/a.yaml": DEFS, "data.csv": DATA})


def _eval(case: Path, *args: str) -> dict:
    r = run_cli("eval", "d", "--data", "data.csv", "--period", "2024", "--format", "json", *args, cwd=case)
    assert r.exit_code == 0, r.output
    return json.loads(r.stdout)


def _position(out: dict, entity) -> dict:
    [rec] = [e for e in out["elements"] if e["id"] == "jab.kabid" and e["entity"] == entity]
    return rec


@pytest.mark.parametrize("nip", [A, B])
def test_holder_same_in_eval_entity_and_all(case, nip):
    alone = _position(_eval(case, "--entity", nip), nip)["achievement"]
    together = _position(_eval(case, "--entity", "all"), nip)["achievement"]
    assert alone == together == pytest.approx(HOLDER[nip], abs=1e-12)


def test_position_without_entity_is_the_holders_mean(case):
    out = _eval(case)
    rec = _position(out, None)
    everyone = _eval(case, "--entity", "all")
    mean = sum(_position(everyone, n)["achievement"] for n in (A, B)) / 2
    assert rec["achievement"] == pytest.approx(mean, abs=1e-12) == pytest.approx(MEAN)
    assert rec["status"] == "ok"
    assert any("mean over the 2 holder(s)" in m for m in rec["messages"]), rec
    # the position's indicators without --entity: the holders' means too
    ind = {i["id"]: i for i in out["indicators"] if i["entity"] is None}
    assert ind["iki_1"]["achievement"] == pytest.approx((91.25 + 110) / 2)
    assert ind["iki_2"]["achievement"] == pytest.approx((90 + 62) / 2)


def test_chart_shows_the_mean(case):
    r = run_cli("render", "d", "--data", "data.csv", "--period", "2024", "-o", "chart.dot", cwd=case)
    assert r.exit_code == 0, r.output
    dot = (case / "chart.dot").read_text(encoding="utf-8")
    box = next(line for line in dot.splitlines() if line.strip().startswith('"e_jab.kabid" [label='))
    assert f"Capaian {shown(MEAN)}%" in box


def test_report_shows_each_holder_and_the_mean(case):
    r = run_cli("report", "d", "--data", "data.csv", "--period", "2024", "--lang", "id", "-o", "r.md", cwd=case)
    assert r.exit_code == 0, r.output
    md = (case / "r.md").read_text(encoding="utf-8").splitlines()
    start = next(i for i, ln in enumerate(md) if "Kepala Bidang Uji" in ln)
    section = md[start + 1:start + 8]
    totals = [ln for ln in section if "**Capaian jabatan**" in ln]
    assert [re.findall(r"\| (\d+,\d\d) \|", ln)[0] for ln in totals] == [shown(HOLDER[A]), shown(HOLDER[B])]
    mean_row = next(ln for ln in section if "rata-rata 2 pemegang" in ln)
    assert f"| {shown(MEAN)} |" in mean_row


def test_web_page_shows_each_holder_and_the_mean(case):
    from indikator.serve import Workspace, create_app

    app = create_app(Workspace(str(case / "d"), [str(case / "data.csv")]), "2024")
    body = app.test_client().get("/element/jab.kabid?period=2024").get_data(as_text=True)
    flat = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", body))
    assert f"{shown(MEAN)}%" in flat                          # the position's panel
    for nip in (A, B):
        i = flat.index(nip)
        assert f"{shown(HOLDER[nip])}%" in flat[i:i + 200]    # each holder's heading
    positions = app.test_client().get("/positions?period=2024").get_data(as_text=True)
    flat = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", positions))
    assert shown(HOLDER[A]) in flat and shown(HOLDER[B]) in flat
    assert f"rata-rata pemegang (2) {shown(MEAN)}%" in flat


def test_luwu_timur_kepala_dinas_is_one_number():
    """The issue's case: 101,54 % in the chart and 97,16 % in the report for one Kepala Dinas."""
    root = REPO_ROOT / "definitions" / "luwu-timur"
    nip = "196805122000031003"
    args = ("--data", str(root / "data"), "--period", "2024-Q1..2024-Q3", "--format", "json")
    alone = json.loads(run_cli("eval", str(root), *args, "--entity", nip).stdout)
    plain = json.loads(run_cli("eval", str(root), *args).stdout)
    a = [e for e in alone["elements"] if e["id"] == "jab.kadis"][0]["achievement"]
    b = [e for e in plain["elements"] if e["id"] == "jab.kadis"][0]["achievement"]
    assert a == pytest.approx(b, abs=1e-12) and shown(a) == "97,16"


def test_explain_without_entity_says_the_position_figure_is_a_mean(case):
    r = run_cli("explain", "d", "iki_1", "--data", "data.csv", "--period", "2024", cwd=case)
    assert r.exit_code == 0, r.output
    assert "note: jab.kabid is a position with 2 holder(s)" in r.output and A in r.output
    r = run_cli("explain", "d", "iki_1", "--data", "data.csv", "--period", "2024", "--entity", A, cwd=case)
    assert "note:" not in r.output and "achievement (capaian) = 91.25" in r.output
