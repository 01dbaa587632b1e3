"""Individual indicators (IKI) for every employee (issue 6): positions, holders, batching, roster, roll-up.

The Luwu Timur example's 21 positions carry made-up holders (NIPs) and made-up data
(definitions/luwu-timur/jabatan.yaml and data/contoh_iki.csv, both marked "contoh:
rekaan"). The batching tests compare the batched evaluation (engine/batch.py) with
the one-position-at-a-time evaluation on the examples and on generated sets.
"""
from __future__ import annotations

import csv
import io
import json
import random
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from helpers import REPO_ROOT, run_cli
from indikator.data import DataStore, read_data
from indikator.data.roster import read_roster, roster_coverage
from indikator.diagnostics import has_errors
from indikator.engine import Engine, batch
from indikator.engine.labels import Labels, labels_from_arrow
from indikator.load import load_definitions
from indikator.output import columnar
from indikator.output.evaluation import write_csv

LUTIM = REPO_ROOT / "definitions" / "luwu-timur"
LUTIM_DATA = LUTIM / "data"
PERIOD = "2024-Q1..2024-Q3"
KASUBAG_UMPEG = "198002202006042001"     # made-up NIP of jab.kasubag_umpeg (Contoh Pegawai 3)


def _records(ev) -> list[dict]:
    return [rec for r in ev.indicators for rec in r.records()] + [rec for r in ev.elements for rec in r.records()]


def _engine(defs: Path, data_files: list[Path], roster=None) -> Engine:
    dset, diags = load_definitions(str(defs))
    assert dset is not None and not has_errors(diags), [d.message for d in diags if d.is_error]
    table, ddiags = read_data([str(p) for p in data_files])
    assert table is not None, [d.message for d in ddiags]
    return Engine(dset, DataStore(table, extra_entities=[h.id for h, _ in dset.holders()]), roster=roster)


def _unbatched(engine: Engine, period: str, entity: str | None, monkeypatch) -> list[dict]:
    """The reference: the plan from the YAML holders, every position evaluated on its own."""
    with monkeypatch.context() as m:
        m.setattr(batch, "MIN_BATCH", 10**12)
        m.setattr(engine, "_plan", engine._plan_yaml)
        return _records(engine.evaluate(period, entity))


def _lutim_files() -> list[Path]:
    return sorted(p for p in LUTIM_DATA.iterdir() if p.suffix == ".csv")


# ---------------------------------------------------------------------- Luwu Timur, per holder

def test_entity_all_evaluates_every_position_for_its_holders():
    result = run_cli("eval", str(LUTIM), "--data", str(LUTIM_DATA), "--period", PERIOD, "--entity", "all",
                     "--format", "json")
    assert result.exit_code == 0, result.output
    out = json.loads(result.output)
    iki = [r for r in out["indicators"] if r["element"].startswith("jab.")]
    holders = {h.id for h, _ in load_definitions(str(LUTIM))[0].holders()}
    assert iki and {r["entity"] for r in iki} == holders       # every record carries the holder's NIP
    rec = next(r for r in iki if r["id"] == "iki_pelayanan_kepegawaian")
    assert rec["entity"] == KASUBAG_UMPEG
    assert rec["actual"] == pytest.approx(45 / 48 * 100)        # contoh_iki.csv: 45 of 48, made up
    el = next(r for r in out["elements"] if r["id"] == "jab.kasubag_umpeg")
    assert el["entity"] == KASUBAG_UMPEG and el["status"] == "ok"
    agency = [r for r in out["elements"] if not r["id"].startswith("jab.")]
    assert agency and all(r["entity"] is None for r in agency)  # the agency's elements: the entity-less data


def test_entity_nip_evaluates_that_persons_positions_only():
    result = run_cli("eval", str(LUTIM), "--data", str(LUTIM_DATA), "--period", PERIOD, "--entity", KASUBAG_UMPEG,
                     "--format", "json")
    assert result.exit_code == 0, result.output
    out = json.loads(result.output)
    assert {r["id"] for r in out["indicators"]} == {"iki_pelayanan_kepegawaian", "iki_disiplin_aparatur"}
    assert {r["entity"] for r in out["indicators"] + out["elements"]} == {KASUBAG_UMPEG}
    disiplin = next(r for r in out["indicators"] if r["id"] == "iki_disiplin_aparatur")
    assert disiplin["actual"] == pytest.approx(52 / 56 * 100)


def test_explain_for_one_holder():
    result = run_cli("explain", str(LUTIM), "iki_pelayanan_kepegawaian", "--data", str(LUTIM_DATA),
                     "--period", PERIOD, "--entity", KASUBAG_UMPEG)
    assert result.exit_code == 0, result.output
    assert "contoh_iki.csv" in result.output and "45" in result.output and "48" in result.output


# ---------------------------------------------------------------------------- batching

@pytest.mark.parametrize("entity", [None, "all", KASUBAG_UMPEG, "9999"])
@pytest.mark.parametrize("period", [PERIOD, "2024-Q3", "2024"])
def test_batched_equals_one_position_at_a_time_on_luwu_timur(entity, period, monkeypatch):
    engine = _engine(LUTIM, _lutim_files())
    batched = _records(engine.evaluate(period, entity))
    reference = _unbatched(_engine(LUTIM, _lutim_files()), period, entity, monkeypatch)
    assert batched == reference


TEMPLATES = [
    # (formula, extra YAML of the indicator)
    ("a / b * 100%", ""),
    ("pct(a, b)", ", cap: 110"),
    ("a", ", polarity: negative"),
    ("sum(a, b)", ", achievement: inverse"),
    ("if(b == 0, 0, a / b)", ""),
    ("coalesce(a, 0) + c", ""),
    ("prev(a)", ""),
    ("round(a / b * 100%, 1)", ", polarity: range, target: {min: 40, max: 60}"),
    ("sqrt(c - b)", ""),
    ("avg(a, b, c)", ", achievement: \"actual / target * 100\""),
    ("a / b * 100%", ", target: 0"),
    ("{Nilai A} / {Nilai B} * 100%", ""),
]


def _gen_set(rnd: random.Random, n_pos: int, tmpl: list[int], weights: bool) -> tuple[str, str]:
    """A definition set of positions drawn from TEMPLATES, and CSV data for their holders."""
    nips = [f"1990010120200110{i:02d}" for i in range(12)]
    lines = ["version: 1", "agency: Dinas Uji", "variables:",
             "  - {id: a, label: Nilai A, period_aggregation: sum}",
             "  - {id: b, label: Nilai B, period_aggregation: sum}",
             "  - {id: c, label: Nilai C, period_aggregation: last}",
             "elements:",
             "  - {id: s, level: agency_objective, statement: S, indicators: [{id: s1, name: S1, target: 10}]}",
             "  - {id: k, level: activity, statement: K, supports: [s], achievement: children}"]
    for p in range(n_pos):
        holders = rnd.sample(nips, rnd.randint(0, 3))
        inds = []
        for j in range(rnd.randint(1, 3)):
            t = tmpl[(p + j * 3) % len(tmpl)] if rnd.random() < 0.8 else rnd.randrange(len(TEMPLATES))
            f, extra = TEMPLATES[t]
            if "target:" not in extra:
                extra = f", target: {rnd.choice([50, 80, 100])}" + extra
            w = f", weight: {rnd.choice([1, 2])}" if weights else ""
            inds.append(f"{{id: p{p}i{j}, name: IKI {t}, formula: {json.dumps(f)}{extra}{w}}}")
        hs = ", ".join(f"{{id: \"{h}\"}}" for h in holders)
        lines.append(f"  - {{id: p{p}, level: position, statement: P{p}, supports: [{rnd.choice(['s', 'k'])}], "
                     f"holders: [{hs}], indicators: [{', '.join(inds)}]}}")
    rows = ["entity,period,variable,value"]
    for v in ("a", "b", "c"):
        for m in (1, 4, 7):
            if rnd.random() < 0.5:
                rows.append(f",2024-{m:02d},{v},{rnd.randint(0, 9)}")
    for nip in nips:
        for v in ("a", "b", "c"):
            for m in range(1, 10):
                r = rnd.random()
                if r < 0.3:
                    continue
                value = "" if r < 0.35 else str(rnd.choice([0, 1, 2, 5, 7.5, 10, 30]))
                rows.append(f"{nip},2024-{m:02d},{v},{value}")
    rows.append(f",2024-Q1,s1,8")
    return "\n".join(lines) + "\n", "\n".join(rows) + "\n"


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(seed=st.integers(0, 10**6), n_pos=st.integers(2, 9),
       tmpl=st.lists(st.integers(0, len(TEMPLATES) - 1), min_size=1, max_size=4), weights=st.booleans(),
       period=st.sampled_from(["2024-Q2", "2024-Q1..2024-Q3", "2024-05"]),
       entity=st.sampled_from(["all", None, "199001012020011003"]))
def test_batched_equals_one_position_at_a_time_on_generated_sets(tmp_path_factory, monkeypatch, seed, n_pos, tmpl,
                                                                  weights, period, entity):
    defs_text, data_text = _gen_set(random.Random(seed), n_pos, tmpl, weights)
    root = tmp_path_factory.mktemp("gen")
    (root / "defs").mkdir()
    (root / "defs" / "set.yaml").write_text(defs_text, encoding="utf-8")
    (root / "data.csv").write_text(data_text, encoding="utf-8")
    ev = _engine(root / "defs", [root / "data.csv"]).evaluate(period, entity)
    reference = _unbatched(_engine(root / "defs", [root / "data.csv"]), period, entity, monkeypatch)
    assert _records(ev) == reference
    text, binary = io.StringIO(), io.BytesIO()
    write_csv(ev, text)
    columnar.write_csv(ev, binary, block_rows=1 + seed % 13)
    assert binary.getvalue() == text.getvalue().encode("utf-8")


def test_batching_shares_one_evaluation_and_hands_out_views(tmp_path):
    positions = "\n".join(
        f"  - {{id: kasi{p}, level: position, statement: Kasi {p}, holders: [{{id: \"{100 + p}\"}}, "
        f"{{id: \"{200 + p}\"}}], indicators: [{{id: kasi{p}.dok, name: Dokumen tepat waktu, target: 100, "
        f"formula: \"a / b * 100%\"}}, {{id: kasi{p}.lap, name: Laporan, target: 12, formula: \"a\"}}]}}"
        for p in range(8))
    (tmp_path / "d").mkdir()
    (tmp_path / "d" / "s.yaml").write_text(
        "version: 1\nagency: Dinas Uji\nvariables:\n  - {id: a, label: A, period_aggregation: sum}\n"
        "  - {id: b, label: B, period_aggregation: sum}\nelements:\n" + positions + "\n", encoding="utf-8")
    rows = [f"{e},2024-0{m},{v},{(e * m) % 7}" for e in list(range(100, 108)) + list(range(200, 208))
            for m in (1, 2) for v in "ab"]
    (tmp_path / "x.csv").write_text("entity,period,variable,value\n" + "\n".join(rows) + "\n", encoding="utf-8")
    engine = _engine(tmp_path / "d", [tmp_path / "x.csv"])
    calls = []
    real = engine._evaluate_indicator
    engine._evaluate_indicator = lambda *a, **k: calls.append(a[0].id) or real(*a, **k)
    ev = engine.evaluate("2024-Q1", "all")
    assert len(ev.indicators) == 16 and len(calls) == 2           # one evaluation per IKI template
    assert all(len(r.axis) == 2 for r in ev.indicators)
    assert all(r.actual.value.base is not None for r in ev.indicators)   # numpy views into the batch
    assert all(isinstance(r.axis.labels, Labels) for r in ev.indicators)


# ------------------------------------------------------------------------------- columnar CSV

EXAMPLE_RUNS = [
    ("luwu-timur", PERIOD), ("luwu-timur", "2024-Q3"), ("dumai", "2023"), ("dumai", "2022"), ("kupang", "2023"),
]


@pytest.mark.parametrize("entity", [None, "all"])
@pytest.mark.parametrize("example, period", EXAMPLE_RUNS)
def test_columnar_csv_has_the_same_bytes_as_the_record_writer(example, period, entity):
    folder = REPO_ROOT / "definitions" / example
    files = sorted(p for p in (folder / "data").iterdir() if p.suffix in (".csv", ".yaml", ".json", ".xlsx"))
    ev = _engine(folder, files).evaluate(period, entity)
    text = io.StringIO()
    write_csv(ev, text)
    binary = io.BytesIO()
    columnar.write_csv(ev, binary, block_rows=7)      # several blocks
    assert binary.getvalue() == text.getvalue().encode("utf-8")


def test_columnar_csv_on_a_generated_set_with_messages_and_quoting(tmp_path):
    defs, data = _gen_set(random.Random(11), 9, [0, 4, 8, 10], True)
    defs = defs.replace("name: IKI 0", 'name: "IKI, \\"nol\\""')
    (tmp_path / "d").mkdir()
    (tmp_path / "d" / "s.yaml").write_text(defs, encoding="utf-8")
    (tmp_path / "x.csv").write_text(data, encoding="utf-8")
    for entity in (None, "all"):
        ev = _engine(tmp_path / "d", [tmp_path / "x.csv"]).evaluate("2024-Q1..2024-Q3", entity)
        text = io.StringIO()
        write_csv(ev, text)
        binary = io.BytesIO()
        columnar.write_csv(ev, binary)
        assert binary.getvalue() == text.getvalue().encode("utf-8")
        assert '"IKI, ""nol"""' in text.getvalue()


@pytest.mark.parametrize("value", [100.0, 0.1, 1e-05, 1e16, 1e15, -0.0, 2.5e-4, 123456.789, 1 / 3, 1e300, 5e-324,
                                   9999999999999998.0, 0.0001, 0.00009999])
def test_numbers_are_written_as_python_repr(value):
    assert columnar.format_floats(np.array([value, np.nan])).to_pylist() == [repr(value), ""]


# ------------------------------------------------------------------------------------ labels

def test_labels_behave_like_the_tuple_they_replace():
    lab = labels_from_arrow(pa.array(["198501012010011001", "7301", "199002022015022002"]))
    assert lab == ("198501012010011001", "7301", "199002022015022002")
    assert list(lab) == ["198501012010011001", "7301", "199002022015022002"]
    assert all(type(x) is str for x in lab) and type(lab[1]) is str
    assert "7301" in lab and None not in lab and lab.index("199002022015022002") == 2
    assert isinstance(lab[1:], Labels) and lab[1:] == ("7301", "199002022015022002")
    assert lab.array.dtype == np.dtype("<U18")
    assert labels_from_arrow(pa.array(["Pegawai é", "x"])) == ("Pegawai é", "x")


# ------------------------------------------------------------------------------------ roster

ROSTER_CSV = """\
jabatan,nip,nama
jab.kadis,199901012020011001,Pegawai Baru Satu
jab.kasubag_umpeg,199901012020011002,Pegawai Baru Dua
jab.kadis,196805122000031003,Contoh Pegawai 1
"""


def _lutim_dset():
    dset, _ = load_definitions(str(LUTIM))
    return dset


def test_roster_csv_merges_with_the_yaml_holders(tmp_path):
    path = tmp_path / "pemegang.csv"
    path.write_text(ROSTER_CSV, encoding="utf-8")
    roster, diags = read_roster(str(path), _lutim_dset())
    assert roster is not None and not diags
    # the YAML holder first, the roster's then; the pair given in both is one holder
    assert roster.holder_ids("jab.kadis") == ["196805122000031003", "199901012020011001"]
    assert roster.holder_ids("jab.kasubag_umpeg") == ["198002202006042001", "199901012020011002"]
    assert roster.holder_names("jab.kadis")["199901012020011001"] == "Pegawai Baru Satu"
    assert roster.positions_of("199901012020011002") == ["jab.kasubag_umpeg"]
    assert isinstance(roster.ids, pa.Array)          # columns, not an object per holder


@pytest.mark.parametrize("suffix", ["csv", "xlsx", "parquet"])
def test_roster_formats(tmp_path, suffix):
    rows = [("jab.kadis", "199901012020011001", "A"), ("jab.kasi_tik", "199901012020011005", None)]
    path = tmp_path / f"roster.{suffix}"
    if suffix == "csv":
        path.write_text("position;id;name\n" + "\n".join(";".join(x or "" for x in r) for r in rows) + "\n",
                        encoding="utf-8")
    elif suffix == "xlsx":
        import openpyxl

        wb = openpyxl.Workbook()
        ws = wb.active
        ws.append(["Jabatan", "NIP", "Nama"])
        ws.append(["jab.kadis", "199901012020011001", "A"])
        ws.append(["jab.kasi_tik", 199901012020011005 // 10**6, None])    # a number: exact below 2^53
        wb.save(path)
        rows[1] = ("jab.kasi_tik", str(199901012020011005 // 10**6), None)
    else:
        pq.write_table(pa.table({"position": [r[0] for r in rows], "nip": [int(r[1]) for r in rows],
                                 "nama": [r[2] for r in rows]}), path)
    roster, diags = read_roster(str(path), _lutim_dset())
    assert roster is not None and not has_errors(diags), [str(d.message) for d in diags]
    assert rows[0][1] in roster.holder_ids("jab.kadis")
    assert rows[1][1] in roster.holder_ids("jab.kasi_tik")


BAD_ROSTER = """\
position,id,name
jab.kadis,199901012020011001,A

jab.kasi_tk,199901012020011003,typo
jab.kadis,199901012020011001,again
keg.umum,199901012020011004,an activity
jab.kadis,,empty
"""


def test_roster_errors_name_file_row_and_column(tmp_path):
    path = tmp_path / "roster.csv"
    path.write_text(BAD_ROSTER, encoding="utf-8")
    roster, diags = read_roster(str(path), _lutim_dset())
    assert roster is None
    got = {(d.code, d.span.line, d.span.col) for d in diags}
    assert ("roster-position", 4, 1) in got            # the blank line 3 is counted
    assert ("roster-duplicate", 5, 2) in got
    assert ("roster-position", 6, 1) in got
    assert ("roster-id", 7, 2) in got
    typo = next(d for d in diags if d.span.line == 4)
    assert "jab.kasi_tik" in typo.suggestions
    dup = next(d for d in diags if d.code == "roster-duplicate")
    assert "line 2" in dup.message
    activity = next(d for d in diags if d.span.line == 6)
    assert "an activity element, not a position" in activity.message


@pytest.mark.parametrize("header, col", [("jabatn,nip,nama", 1), ("nama,nip", 1)])
def test_roster_missing_column(tmp_path, header, col):
    path = tmp_path / "roster.csv"
    path.write_text(header + "\njab.kadis,1,A\n", encoding="utf-8")
    roster, diags = read_roster(str(path), _lutim_dset())
    assert roster is None
    d = next(d for d in diags if d.is_error)
    assert d.code == "roster-header" and d.span.line == 1 and d.span.col == col
    if header.startswith("jabatn"):
        assert "jabatan" in d.suggestions


def test_cli_roster_errors_exit_1(tmp_path):
    path = tmp_path / "roster.csv"
    path.write_text(BAD_ROSTER, encoding="utf-8")
    result = run_cli("eval", str(LUTIM), "--data", str(LUTIM_DATA), "--period", PERIOD, "--entity", "all",
                     "--holders", str(path))
    assert result.exit_code == 1
    assert f"{path}:4:1: error: unknown position 'jab.kasi_tk'" in result.output
    result = run_cli("check", str(LUTIM), "--holders", str(path))
    assert result.exit_code == 1 and f"{path}:5:2: error" in result.output


def test_eval_with_a_roster_evaluates_its_holders(tmp_path):
    path = tmp_path / "pemegang.csv"
    path.write_text(ROSTER_CSV, encoding="utf-8")
    data = tmp_path / "baru.csv"
    data.write_text("entitas,periode,variabel,nilai\n199901012020011002,2024-Q1..2024-Q3,iki_pns_dilayani,10\n"
                    "199901012020011002,2024-Q1..2024-Q3,iki_pns_mengajukan,20\n", encoding="utf-8")
    result = run_cli("eval", str(LUTIM), "--data", str(LUTIM_DATA), "--data", str(data), "--period", PERIOD,
                     "--entity", "all", "--format", "json", "--holders", str(path))
    assert result.exit_code == 0, result.output
    out = json.loads(result.output)
    rec = next(r for r in out["indicators"] if r["id"] == "iki_pelayanan_kepegawaian"
               and r["entity"] == "199901012020011002")
    assert rec["actual"] == pytest.approx(50.0)
    kadis = [r["entity"] for r in out["elements"] if r["id"] == "jab.kadis"]
    assert kadis == ["196805122000031003", "199901012020011001"]
    one = run_cli("eval", str(LUTIM), "--data", str(LUTIM_DATA), "--data", str(data), "--period", PERIOD,
                  "--entity", "199901012020011002", "--format", "json", "--holders", str(path))
    assert {r["element"] for r in json.loads(one.output)["indicators"]} == {"jab.kasubag_umpeg"}


def test_check_coverage_uses_the_roster(tmp_path):
    (tmp_path / "d").mkdir()
    (tmp_path / "d" / "s.yaml").write_text("""\
version: 1
agency: Dinas Uji
elements:
  - {id: s, level: agency_objective, statement: S, indicators: [{id: i, name: I, target: 1, source: x}]}
  - {id: jab.a, level: position, statement: A, supports: [s], holders: [{id: "111"}],
     indicators: [{id: ia, name: IA, target: 1, source: x}]}
  - {id: jab.b, level: position, statement: B, supports: [s], indicators: [{id: ib, name: IB, target: 1, source: x}]}
  - {id: jab.c, level: position, statement: C, supports: [s], indicators: [{id: ic, name: IC, target: 1, source: x}]}
""", encoding="utf-8")
    before = json.loads(run_cli("check", str(tmp_path / "d"), "--format", "json").output)
    assert sorted(d["message"] for d in before if d["code"] == "position-no-holder") == [
        "position 'jab.b' has no holders (pemegang)", "position 'jab.c' has no holders (pemegang)"]
    roster = tmp_path / "r.csv"
    roster.write_text("position,id\njab.b,222\njab.b,111\n", encoding="utf-8")
    after = json.loads(run_cli("check", str(tmp_path / "d"), "--format", "json", "--holders", str(roster)).output)
    assert [d["message"] for d in after if d["code"] == "position-no-holder"] == [
        "position 'jab.c' has no holders (pemegang)"]
    twice = [d for d in after if d["code"] == "holder-twice"]
    assert len(twice) == 1 and twice[0]["file"] == str(roster) and twice[0]["line"] == 3
    assert "holder 111 holds both 'jab.a'" in twice[0]["message"]
    strict = run_cli("check", str(tmp_path / "d"), "--strict", "--holders", str(roster))
    assert strict.exit_code == 1


def test_roster_coverage_matches_the_yaml_rule_without_a_file():
    dset, diags = load_definitions(str(LUTIM))
    from indikator.data.roster import from_definitions

    again = roster_coverage(dset, from_definitions(dset), diags)
    key = lambda d: (d.code, d.message, str(d.span))
    assert sorted(map(key, again)) == sorted(map(key, diags))


# ------------------------------------------------------------------------------------- roll-up

ROLLUP = """\
version: 1
agency: Dinas Uji
variables:
  - {id: x, label: X, period_aggregation: sum}
elements:
  - {id: s, level: agency_objective, statement: S, achievement: children}
  - {id: k1, level: activity, statement: K1, supports: [s], indicators: [{id: i1, name: I1, target: 100, formula: "x"}]}
  - {id: k2, level: activity, statement: K2, supports: [s], achievement: children}
  - id: kasi
    level: position
    statement: Kepala Seksi
    supports: [k2]
    holders: [{id: "111"}, {id: "222"}, {id: "333"}]
    indicators: [{id: p1, name: P1, target: 10, formula: "x"}]
  - id: staf
    level: position
    statement: Staf
    supports: [kasi, k1]
    holders: [{id: "444"}]
    indicators: [{id: p2, name: P2, target: 10, formula: "x"}]
"""
ROLLUP_DATA = "entity,period,variable,value\n,2024,x,50\n111,2024,x,5\n222,2024,x,10\n333,2024,x,\n444,2024,x,20\n"


@pytest.mark.parametrize("entity", [None, "all"])
def test_position_rolls_up_only_where_children_are_asked_for(tmp_path, entity):
    (tmp_path / "d").mkdir()
    (tmp_path / "d" / "s.yaml").write_text(ROLLUP, encoding="utf-8")
    (tmp_path / "x.csv").write_text(ROLLUP_DATA, encoding="utf-8")
    ev = _engine(tmp_path / "d", [tmp_path / "x.csv"]).evaluate("2024", entity)
    el = {(r.element.id, rec["entity"]): rec for r in ev.elements for rec in r.records()}
    if entity == "all":       # kasi per holder: 50 %, 100 %, missing (333 has an empty value)
        assert [el[("kasi", h)]["achievement"] for h in ("111", "222", "333")] == [50.0, 100.0, None]
    # k2 (achievement: children) = the mean over kasi's holders with a value: (50 + 100) / 2
    assert el[("k2", None)]["achievement"] == pytest.approx(75.0)
    # k1 has indicators: staf, who supports it, does not count
    assert el[("k1", None)]["achievement"] == pytest.approx(50.0)
    # s = mean(k1, k2)
    assert el[("s", None)]["achievement"] == pytest.approx((50.0 + 75.0) / 2)


def test_rollup_of_a_position_whose_holders_have_no_value(tmp_path):
    (tmp_path / "d").mkdir()
    (tmp_path / "d" / "s.yaml").write_text(ROLLUP, encoding="utf-8")
    (tmp_path / "x.csv").write_text("entity,period,variable,value\n111,2024,x,\n222,2024,x,\n333,2024,x,\n",
                                    encoding="utf-8")
    ev = _engine(tmp_path / "d", [tmp_path / "x.csv"]).evaluate("2024", "all")
    k2 = next(rec for r in ev.elements if r.element.id == "k2" for rec in r.records())
    assert k2["achievement"] is None and k2["status"] == "missing"
    assert any("kasi left out of the mean" in m for m in k2["messages"])


# ------------------------------------------------------------------------------------ progress

def test_no_progress_output_when_stderr_is_not_a_terminal(tmp_path):
    from click.testing import CliRunner

    from indikator.cli import main

    result = CliRunner().invoke(main, ["eval", str(LUTIM), "--data", str(LUTIM_DATA), "--period", PERIOD,
                                       "--entity", "all", "--format", "csv", "-o", str(tmp_path / "out.csv")])
    assert result.exit_code == 0, result.output
    assert result.output == "" and result.stderr == ""      # output holds stdout and stderr as a user sees them
    assert (tmp_path / "out.csv").read_text(encoding="utf-8").startswith("kind,id,element,entity")


def test_progress_bar_draws_on_a_terminal(monkeypatch, capsys):
    import indikator.progress as prog

    monkeypatch.setattr(prog, "enabled", lambda: True)
    with prog.progress("evaluating positions", total=3) as task:
        for _ in range(3):
            task.advance()
    with prog.progress("silent", total=1, show=False) as task:
        task.advance()
    assert "silent" not in capsys.readouterr().err


# --------------------------------------------------------------------------------- eval output

def test_eval_csv_and_json_to_a_file_equal_stdout(tmp_path):
    args = ["eval", str(LUTIM), "--data", str(LUTIM_DATA), "--period", PERIOD, "--entity", "all"]
    for fmt in ("csv", "json"):
        out = run_cli(*args, "--format", fmt)
        run_cli(*args, "--format", fmt, "-o", str(tmp_path / f"x.{fmt}"))
        assert (tmp_path / f"x.{fmt}").read_text(encoding="utf-8") == out.output
    rows = list(csv.reader(io.StringIO(out.output if fmt == "csv" else run_cli(*args, "--format", "csv").output)))
    assert rows[0] == ["kind", "id", "element", "entity", "name", "unit", "target", "actual", "achievement",
                       "predicate", "status", "messages"]


# ------------------------------------------------------------------------------ chunked eval

def _chunk_set(tmp_path: Path, rnd: random.Random) -> tuple[Path, Path, Path]:
    """Positions from TEMPLATES with holders in a roster; data in Parquet sorted by NIP, in
    small row groups; entity-less rows too; an achievement: children roll-up."""
    defs_text, _ = _gen_set(rnd, 8, [0, 1, 4], False)
    lines = []
    for ln in defs_text.splitlines():           # holders go to the roster file instead
        if "level: position" in ln:
            ln = ln[:ln.index(", holders: [")] + ln[ln.index("], indicators:") + 1:]
        lines.append(ln)
    (tmp_path / "d").mkdir()
    (tmp_path / "d" / "s.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    nips = [f"19900101202001{i:04d}" for i in range(40)]
    rows = [(f"p{rnd.randrange(8)}", nip, f"Pegawai {i}") for i, nip in enumerate(nips)]
    other = f"p{(int(rows[5][0][1:]) + 1) % 8}"
    rows.append((other, nips[5], "Pegawai 5"))          # one person in two positions
    pq.write_table(pa.table({"jabatan": [r[0] for r in rows], "nip": [r[1] for r in rows],
                             "nama": [r[2] for r in rows]}), tmp_path / "roster.parquet")
    ent, per, var, val = [], [], [], []
    for nip in nips:
        for v in ("a", "b", "c"):
            for m in range(1, 10):
                if rnd.random() < 0.25:
                    continue
                ent.append(nip)
                per.append(f"2024-{m:02d}")
                var.append(v)
                val.append(float(rnd.choice([0, 1, 2, 5, 10])) if rnd.random() > 0.05 else None)
    for m in (1, 2):
        ent.append(None)
        per.append(f"2024-{m:02d}")
        var.append("a")
        val.append(3.0)
    t = pa.table({"entitas": pa.array(ent, pa.string()), "periode": per, "variabel": var,
                  "nilai": pa.array(val, pa.float64())})
    t = t.sort_by([("entitas", "ascending")])
    (tmp_path / "data").mkdir()
    pq.write_table(t, tmp_path / "data" / "iki.parquet", row_group_size=97)
    return tmp_path / "d", tmp_path / "data", tmp_path / "roster.parquet"


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_chunked_eval_gives_the_same_rows(tmp_path, seed):
    defs, data, roster = _chunk_set(tmp_path, random.Random(seed))
    args = ["eval", str(defs), "--data", str(data), "--period", "2024-Q1..2024-Q3", "--entity", "all",
            "--holders", str(roster)]
    whole = run_cli(*args, "--format", "csv")
    chunked = run_cli(*args, "--format", "csv", "--chunk-rows", "150")
    assert whole.exit_code == 0 and chunked.exit_code == 0, chunked.output
    w, c = whole.output.splitlines(), chunked.output.splitlines()
    assert w[0] == c[0] and sorted(w[1:]) == sorted(c[1:])
    parallel = run_cli(*args, "--format", "csv", "--chunk-rows", "150", "--jobs", "2")
    assert parallel.exit_code == 0 and parallel.output == chunked.output     # the same order too
    first_element = next(i for i, ln in enumerate(c) if ln.startswith("element,"))
    assert all(ln.startswith("element,") for ln in c[first_element:])     # indicators first, then elements
    jw = json.loads(run_cli(*args, "--format", "json").output)
    jc = json.loads(run_cli(*args, "--format", "json", "--chunk-rows", "150", "-o", str(tmp_path / "o.json")).output
                    or (tmp_path / "o.json").read_text(encoding="utf-8"))
    key = lambda r: json.dumps(r, sort_keys=True)
    for part in ("indicators", "elements", "agencies"):
        assert sorted(map(key, jw[part])) == sorted(map(key, jc[part]))
    k = next(r for r in jc["elements"] if r["id"] == "k")                 # the roll-up over all chunks
    assert k == next(r for r in jw["elements"] if r["id"] == "k")


def test_chunked_eval_refuses_what_it_cannot_chunk(tmp_path):
    defs, data, roster = _chunk_set(tmp_path, random.Random(4))
    base = ["eval", str(defs), "--period", "2024-Q1", "--entity", "all", "--holders", str(roster),
            "--format", "csv", "--chunk-rows", "100"]
    csv_data = tmp_path / "x.csv"
    csv_data.write_text("entity,period,variable,value\n", encoding="utf-8")
    r = run_cli(*base, "--data", str(csv_data))
    assert r.exit_code == 1 and "reads Parquet files only" in r.output
    stranger = tmp_path / "data" / "stranger.parquet"
    pq.write_table(pa.table({"entity": ["77"], "period": ["2024-01"], "variable": ["a"], "value": [1.0]}), stranger)
    r = run_cli(*base, "--data", str(tmp_path / "data"), "-o", str(tmp_path / "out.csv"))
    assert r.exit_code == 1 and "entity 77 in the data holds no position" in r.output
    assert not (tmp_path / "out.csv").exists()
    r = run_cli("eval", str(defs), "--data", str(data), "--period", "2024-Q1", "--chunk-rows", "100")
    assert r.exit_code == 2


def test_report_lists_the_roster_holders(tmp_path):
    path = tmp_path / "pemegang.csv"
    path.write_text(ROSTER_CSV, encoding="utf-8")
    out = tmp_path / "lkjip.md"
    result = run_cli("report", str(LUTIM), "--data", str(LUTIM_DATA), "--period", PERIOD, "--holders", str(path),
                     "-o", str(out))
    assert result.exit_code == 0, result.output
    text = out.read_text(encoding="utf-8")
    assert "199901012020011001" in text and "Pegawai Baru Satu" in text
