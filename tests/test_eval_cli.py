"""``indikator eval`` and ``indikator explain`` through click's CliRunner (PRODUCT.md §8):
the exact JSON and CSV shapes, the table in English and Indonesian (golden file),
explain's derivation, and the exit codes.

The CLI runs from the temporary folder holding the definitions, so the file
names in the output are short and the same on every machine.
"""
from __future__ import annotations

import csv
import io
import json

import pytest

from helpers import assert_golden, run_cli
from test_engine_support import csv_rows, write

DEFS = """\
versi: 1
perangkat_daerah: Disdukcapil Uji
variabel:
  - {id: ktp_el, label: Jumlah penduduk memiliki KTP-el, satuan: jiwa, agregasi_periode: last}
  - {id: wajib_ktp, label: Jumlah penduduk wajib KTP, satuan: jiwa, agregasi_periode: last}
  - {id: dokumen, label: Dokumen diterbitkan, satuan: dokumen, agregasi_periode: sum}
elemen:
  - id: misi-6
    tingkat: misi
    uraian: Menciptakan pemerintahan dan pelayanan publik yang lebih baik
  - id: dukcapil.s1
    tingkat: sasaran_pd
    uraian: Meningkatnya kualitas Pelayanan Administrasi Kependudukan
    mendukung: [misi-6]
    indikator:
      - id: cakupan_adminduk
        nama: Persentase Cakupan Administrasi Kependudukan
        satuan: "%"
        target: {2024: 92.16}
  - id: dukcapil.s2
    tingkat: sasaran_pd
    uraian: Meningkatnya Cakupan Kepemilikan Dokumen Adminduk
    mendukung: [misi-6]
    anggaran: {2024: {pagu: 7042932613, realisasi: 5000000000}}
    indikator:
      - id: cakupan_ktp
        nama: Persentase Cakupan penerbitan KTP-el
        satuan: "%"
        target: {2024: 98.21}
        batas_capaian: 120
        rumus: "{Jumlah penduduk memiliki KTP-el} / {Jumlah penduduk wajib KTP} × 100%"
      - id: dokumen_terbit
        nama: Jumlah dokumen diterbitkan
        satuan: dokumen
        target: {2024: 78000}
        rumus: "dokumen"
  - id: dukcapil.p1
    tingkat: program
    uraian: Program tanpa data
    mendukung: [dukcapil.s1]
    indikator:
      - {id: tanpa_data, nama: Indikator tanpa data, satuan: "%", target: 100}
"""
DATA = """\
periode,variabel,nilai
2024-Q3,cakupan_adminduk,92.85
2024-Q3,ktp_el,90500
2024-Q3,wajib_ktp,92150
2024-Q1,dokumen,18080
2024-Q2,dokumen,14884
2024-Q3,dokumen,21870
"""
PERIOD = "2024-Q1..2024-Q3"

IND_KEYS = ["id", "element", "entity", "name", "unit", "target", "actual", "achievement", "predicate",
            "status", "messages"]
EL_KEYS = ["id", "level", "entity", "achievement", "predicate", "budget", "status", "messages"]
CSV_HEADER = "kind,id,element,entity,name,unit,target,actual,achievement,predicate,status,messages"


@pytest.fixture
def case(tmp_path):
    write(tmp_path / "defs", {"dukcapil.yaml": DEFS})
    (tmp_path / "data.csv").write_text(DATA, encoding="utf-8")
    return tmp_path


def eval_cli(case, *extra, data="data.csv", period=PERIOD):
    args = ["eval", "defs", "--period", period, *extra]
    if data is not None:
        args[2:2] = ["--data", data]
    return run_cli(*args, cwd=case)


def stdout(result) -> str:
    return getattr(result, "stdout", result.output)


# ------------------------------------------------------------------ JSON

def test_json_shape(case):
    r = eval_cli(case, "--format", "json")
    assert r.exit_code == 0, r.output
    doc = json.loads(stdout(r))
    assert {"period", "indicators", "elements"} <= set(doc) <= {"period", "indicators", "elements", "agencies"}
    assert doc["period"] == PERIOD
    assert [rec["id"] for rec in doc["indicators"]] == ["cakupan_adminduk", "cakupan_ktp", "dokumen_terbit",
                                                         "tanpa_data"]
    for rec in doc["indicators"]:
        assert list(rec) == IND_KEYS
        assert rec["entity"] is None
        assert rec["status"] in ("ok", "missing", "error")
        assert isinstance(rec["messages"], list) and all(isinstance(m, str) for m in rec["messages"])
    for rec in doc["elements"]:
        assert list(rec) == EL_KEYS
        assert rec["entity"] is None and isinstance(rec["messages"], list)
    assert [rec["id"] for rec in doc["elements"]] == ["misi-6", "dukcapil.s1", "dukcapil.s2", "dukcapil.p1"]


def test_json_numbers_are_unrounded(case):
    doc = json.loads(stdout(eval_cli(case, "--format", "json")))
    ind = {rec["id"]: rec for rec in doc["indicators"]}
    a = ind["cakupan_adminduk"]
    assert a == {"id": "cakupan_adminduk", "element": "dukcapil.s1", "entity": None,
                 "name": "Persentase Cakupan Administrasi Kependudukan", "unit": "%", "target": 92.16,
                 "actual": 92.85, "achievement": 92.85 / 92.16 * 100, "predicate": "Sangat Tinggi",
                 "status": "ok", "messages": []}
    k = ind["cakupan_ktp"]
    assert k["actual"] == 90500 / 92150 * 100
    assert k["achievement"] == (90500 / 92150 * 100) / 98.21 * 100
    d = ind["dokumen_terbit"]
    assert d["actual"] == 18080 + 14884 + 21870 and d["unit"] == "dokumen"
    assert d["achievement"] == 54834 / 78000 * 100 and d["predicate"] == "Sedang"


def test_json_missing_and_elements(case):
    doc = json.loads(stdout(eval_cli(case, "--format", "json")))
    ind = {rec["id"]: rec for rec in doc["indicators"]}
    el = {rec["id"]: rec for rec in doc["elements"]}
    t = ind["tanpa_data"]
    assert t["actual"] is None and t["achievement"] is None and t["predicate"] is None
    assert t["status"] == "missing" and t["messages"]
    s2 = el["dukcapil.s2"]
    ach = ((90500 / 92150 * 100) / 98.21 * 100 + 54834 / 78000 * 100) / 2
    assert s2["achievement"] == pytest.approx(ach, rel=1e-15)
    assert s2["level"] == "agency_objective" and s2["status"] == "ok"
    assert s2["budget"] == {"ceiling": 7042932613, "spent": 5000000000,
                            "absorption": pytest.approx(5000000000 / 7042932613 * 100),
                            "efficiency": pytest.approx(ach - 5000000000 / 7042932613 * 100)}
    assert list(s2["budget"]) == ["ceiling", "spent", "absorption", "efficiency"]
    assert el["misi-6"]["status"] == "missing" and el["misi-6"]["achievement"] is None
    assert el["misi-6"]["messages"]
    assert el["dukcapil.s1"]["budget"] is None
    # the program without data is missing; its parent s1 is unaffected (it has its own indicator)
    assert el["dukcapil.p1"]["status"] == "missing"


def test_json_efficiency_ratio(case):
    doc = json.loads(stdout(eval_cli(case, "--format", "json", "--efficiency", "ratio")))
    s2 = next(rec for rec in doc["elements"] if rec["id"] == "dukcapil.s2")
    absorption = 5000000000 / 7042932613 * 100
    assert s2["budget"]["efficiency"] == pytest.approx(s2["achievement"] / absorption * 100)


def test_json_is_valid_with_division_by_zero(case):
    (case / "data.csv").write_text(DATA.replace("2024-Q3,wajib_ktp,92150", "2024-Q3,wajib_ktp,0"))
    r = eval_cli(case, "--format", "json")
    assert r.exit_code == 0, r.output
    text = stdout(r)
    assert "Infinity" not in text and "NaN" not in text
    k = next(rec for rec in json.loads(text)["indicators"] if rec["id"] == "cakupan_ktp")
    assert k["actual"] is None and k["status"] == "error"
    assert any("division by zero" in m and "cakupan_ktp" in m for m in k["messages"])


# ------------------------------------------------------------------ CSV

def test_csv_header_order_and_numbers(case):
    r = eval_cli(case, "--format", "csv")
    assert r.exit_code == 0, r.output
    text = stdout(r)
    assert text.splitlines()[0] == CSV_HEADER
    rows = list(csv.DictReader(io.StringIO(text)))
    kinds = [row["kind"] for row in rows]
    assert kinds == ["indicator"] * 4 + ["element"] * 4          # indicators first, then elements
    first = rows[0]
    assert first["id"] == "cakupan_adminduk" and first["element"] == "dukcapil.s1"
    assert first["entity"] == "" and first["unit"] == "%"
    assert float(first["target"]) == 92.16 and float(first["actual"]) == 92.85
    assert float(first["achievement"]) == 92.85 / 92.16 * 100      # unrounded, machine format
    assert "," not in first["achievement"]
    missing = rows[3]
    assert missing["actual"] == "" and missing["achievement"] == "" and missing["status"] == "missing"
    misi = next(row for row in rows if row["id"] == "misi-6")
    assert misi["achievement"] == "" and misi["status"] == "missing" and misi["messages"]


def test_csv_messages_joined(case):
    (case / "data.csv").write_text(DATA.replace("2024-Q3,wajib_ktp,92150", "2024-Q3,wajib_ktp,"))
    rows = list(csv.DictReader(io.StringIO(stdout(eval_cli(case, "--format", "csv")))))
    s2 = next(row for row in rows if row["kind"] == "element" and row["id"] == "dukcapil.s2")
    assert s2["status"] == "ok"
    doc = json.loads(stdout(eval_cli(case, "--format", "json")))
    for rec in doc["indicators"] + doc["elements"]:
        row = next(x for x in rows if x["id"] == rec["id"])
        assert row["messages"] == " | ".join(rec["messages"])


# ------------------------------------------------------------------ table

def test_table_golden_en(case):
    r = eval_cli(case)
    assert r.exit_code == 0, r.output
    assert_golden("eval/dukcapil_table_en.txt", stdout(r))


def test_table_golden_id(case):
    r = eval_cli(case, "--lang", "id")
    assert r.exit_code == 0, r.output
    assert_golden("eval/dukcapil_table_id.txt", stdout(r))


def test_table_indonesian_numbers_and_labels(case):
    out = stdout(eval_cli(case, "--lang", "id"))
    assert "100,75" in out              # 92,85 / 92,16 × 100
    assert "92,16" in out and "92,85" in out
    assert "54.834" in out              # thousands with a dot
    assert "7.042.932.613" in out       # the pagu, every digit
    for label in ("Indikator", "Realisasi", "Capaian %", "Predikat", "Elemen", "Pagu", "Serapan %",
                  "Efisiensi", "Sangat Tinggi", "data tidak ada", "capaian keseluruhan"):
        assert label in out, label
    assert "100.75" not in out


@pytest.mark.parametrize("lang, line", [("id", "capaian keseluruhan — data tidak ada"),
                                         ("en", "overall achievement — missing")])
def test_table_agency_line_without_data_says_so(case, lang, line):
    """A period without data: the agency's line says there is no data, not "- — -"."""
    out = stdout(eval_cli(case, "--lang", lang, period="2019"))
    last = out.rstrip().splitlines()[-1]
    assert last.endswith(line) and " - — -" not in out, last


def test_table_english_rounds_for_display(case):
    out = stdout(eval_cli(case))
    assert "100.75" in out and "Achievement %" in out and "Predicate" in out
    assert str(92.85 / 92.16 * 100) not in out


# ------------------------------------------------------------------ --entity

ENTITY_DATA = csv_rows([
    (None, "2024-Q3", "cakupan_adminduk", 90),
    ("7324", "2024-Q3", "cakupan_adminduk", 95),
    ("7325", "2024-Q3", "cakupan_adminduk", 80),
], entity=True)


def test_entity_all_records_carry_their_entity(case):
    (case / "ent.csv").write_text(ENTITY_DATA)
    doc = json.loads(stdout(eval_cli(case, "--format", "json", "--entity", "all", data="ent.csv")))
    recs = [rec for rec in doc["indicators"] if rec["id"] == "cakupan_adminduk"]
    assert [(rec["entity"], rec["actual"]) for rec in recs] == [("7324", 95.0), ("7325", 80.0)]
    assert all(rec["entity"] in ("7324", "7325") for rec in doc["elements"])
    rows = list(csv.DictReader(io.StringIO(stdout(eval_cli(case, "--format", "csv", "--entity", "all",
                                                           data="ent.csv")))))
    assert {row["entity"] for row in rows} == {"7324", "7325"}


def test_without_entity_records_are_null(case):
    (case / "ent.csv").write_text(ENTITY_DATA)
    doc = json.loads(stdout(eval_cli(case, "--format", "json", data="ent.csv")))
    rec = next(rec for rec in doc["indicators"] if rec["id"] == "cakupan_adminduk")
    assert rec["entity"] is None and rec["actual"] == 90.0
    assert all(r["entity"] is None for r in doc["indicators"] + doc["elements"])


def test_one_entity(case):
    (case / "ent.csv").write_text(ENTITY_DATA)
    doc = json.loads(stdout(eval_cli(case, "--format", "json", "--entity", "7325", data="ent.csv")))
    rec = next(rec for rec in doc["indicators"] if rec["id"] == "cakupan_adminduk")
    assert rec["entity"] == "7325" and rec["actual"] == 80.0


# ------------------------------------------------------------------ --locale and -o

def test_locale_id_reads_indonesian_numbers(case):
    (case / "id.csv").write_text("periode;variabel;nilai\n2024-Q3;cakupan_adminduk;92,85\n"
                                 "2024-Q1;dokumen;18.080\n")
    r = eval_cli(case, "--format", "json", "--locale", "id", data="id.csv")
    assert r.exit_code == 0, r.output
    ind = {rec["id"]: rec for rec in json.loads(stdout(r))["indicators"]}
    assert ind["cakupan_adminduk"]["actual"] == 92.85
    assert ind["dokumen_terbit"]["actual"] == 18080.0


def test_output_file(case):
    r = eval_cli(case, "--format", "json", "-o", "out.json")
    assert r.exit_code == 0, r.output
    assert json.loads((case / "out.json").read_text())["period"] == PERIOD


# ------------------------------------------------------------------ exit codes

@pytest.mark.parametrize("period", ["2024-Q5", "2024-13", "Q3 2024 Q4", "2024-Q3..2024-Q1", ""])
def test_bad_period_is_a_usage_error(case, period):
    r = eval_cli(case, period=period)
    assert r.exit_code == 2, r.output
    assert "--period" in r.output


def test_missing_data_exits_0(case):
    (case / "empty.csv").write_text("period,variable,value\n")
    r = eval_cli(case, "--format", "json", data="empty.csv")
    assert r.exit_code == 0, r.output
    doc = json.loads(stdout(r))
    assert all(rec["status"] == "missing" for rec in doc["indicators"])


def test_no_data_file_at_all_exits_0(case):
    r = eval_cli(case, "--format", "json", data=None)
    assert r.exit_code == 0, r.output
    assert all(rec["status"] == "missing" for rec in json.loads(stdout(r))["indicators"])


def test_zero_target_exits_0(case):
    write(case / "defs", {"dukcapil.yaml": DEFS.replace("target: {2024: 92.16}", "target: {2024: 0}")})
    r = eval_cli(case, "--format", "json")
    assert r.exit_code == 0, r.output
    rec = json.loads(stdout(r))["indicators"][0]
    assert rec["status"] == "error" and rec["achievement"] is None and rec["messages"]


@pytest.mark.parametrize("name, text, needle", [
    ("missing.csv", None, "missing.csv"),
    ("bad.csv", "period,variable,value\n2024-Q3,cakupan_adminduk,92,85\n", "bad.csv"),
    ("locale.csv", "period;variable;value\n2024-Q3;cakupan_adminduk;92,85\n", "locale.csv:2"),
    ("header.csv", "when,what,how much\n2024,x,1\n", "header.csv"),
    ("bad.json", "{not json", "bad.json"),
])
def test_unreadable_data_exits_1(case, name, text, needle):
    if text is not None:
        (case / name).write_text(text)
    r = eval_cli(case, "--format", "json", data=name)
    assert r.exit_code == 1, r.output
    assert needle in r.output
    assert not (case / "out.json").exists()


def test_unreadable_data_writes_nothing(case):
    (case / "bad.csv").write_text("period;variable;value\n2024-Q3;cakupan_adminduk;92,85\n")
    r = eval_cli(case, "--format", "json", "-o", "out.json", data="bad.csv")
    assert r.exit_code == 1 and not (case / "out.json").exists()


@pytest.mark.parametrize("broken", [
    DEFS.replace("rumus: \"dokumen\"", "rumus: \"dokumen +\""),                   # syntax error
    DEFS.replace("rumus: \"dokumen\"", "rumus: \"dokumn\""),                      # unknown name
    DEFS.replace("tingkat: program", "tingkat: programm"),                        # unknown level
    DEFS.replace("mendukung: [dukcapil.s1]", "mendukung: [tidak.ada]"),           # unknown parent
    DEFS + "  - id: misi-6\n    tingkat: misi\n    uraian: duplikat\n",          # duplicate id
    "versi: 1\nelemen: [\n",                                                      # YAML syntax
])
def test_invalid_definitions_exit_1(case, broken):
    write(case / "defs", {"dukcapil.yaml": broken})
    r = eval_cli(case, "--format", "json")
    assert r.exit_code == 1, r.output
    assert "dukcapil.yaml" in r.output
    assert "indicators" not in stdout(r)


def test_overlapping_sum_data_exits_1_naming_both_periods(case):
    (case / "over.csv").write_text(DATA + "2024-01,dokumen,6000\n2024-02,dokumen,6000\n2024-03,dokumen,6080\n")
    r = eval_cli(case, "--format", "json", data="over.csv")
    assert r.exit_code == 1, r.output
    assert "2024-Q1" in r.output and "2024-01" in r.output
    assert "overlap" in r.output
    assert '"indicators"' not in stdout(r)


def test_invalid_data_writes_nothing_and_keeps_the_old_output(case):
    (case / "over.csv").write_text(DATA + "2024-01,dokumen,6000\n2024-02,dokumen,6000\n2024-03,dokumen,6080\n")
    (case / "out.json").write_text("old")
    r = eval_cli(case, "--format", "json", "-o", str(case / "out.json"), data="over.csv")
    assert r.exit_code == 1
    assert "nothing written" in r.output
    assert (case / "out.json").read_text() == "old"


# ------------------------------------------------------------------ explain

def explain_cli(case, indicator, *extra, data="data.csv", period=PERIOD):
    return run_cli("explain", "defs", indicator, "--data", data, "--period", period, *extra, cwd=case)


def test_explain_formula_values_and_origins(case):
    r = explain_cli(case, "cakupan_ktp")
    assert r.exit_code == 0, r.output
    out = stdout(r)
    assert "{Jumlah penduduk memiliki KTP-el} / {Jumlah penduduk wajib KTP} × 100%" in out
    assert "defs/dukcapil.yaml:" in out                     # where the formula is
    assert "90500" in out and "92150" in out               # each name's value
    assert "data.csv:3" in out and "data.csv:4" in out     # file:line of the data rows
    assert "period_aggregation last" in out
    assert "from key 2024" in out                          # the target key
    assert "positive" in out                               # the method
    assert "cap" in out and "120" in out
    assert "Sangat Tinggi" in out and "permendagri86" in out
    assert "status: ok" in out


def test_explain_sum_lists_every_point(case):
    out = stdout(explain_cli(case, "dokumen_terbit"))
    for line, value in ((5, "18080"), (6, "14884"), (7, "21870")):
        assert f"data.csv:{line}" in out and value in out
    assert "period_aggregation sum" in out
    assert "Sedang" in out


def test_explain_indicator_from_its_own_data(case):
    out = stdout(explain_cli(case, "cakupan_adminduk", period="2024-Q3"))
    assert "data.csv:2" in out and "92.85" in out
    assert "from key 2024" in out


def test_explain_shows_division_by_zero(case):
    (case / "zero.csv").write_text(DATA.replace("2024-Q3,wajib_ktp,92150", "2024-Q3,wajib_ktp,0"))
    r = explain_cli(case, "cakupan_ktp", data="zero.csv")
    assert r.exit_code == 0, r.output
    assert "division by zero" in stdout(r) and "status: error" in stdout(r)


def test_explain_unknown_indicator_is_a_usage_error(case):
    r = explain_cli(case, "cakupan_kpt")
    assert r.exit_code == 2
    assert "cakupan_ktp" in r.output                       # did you mean


def test_explain_bad_period_is_a_usage_error(case):
    assert explain_cli(case, "cakupan_ktp", period="2024-Q9").exit_code == 2


def test_explain_entity(case):
    (case / "ent.csv").write_text(ENTITY_DATA)
    r = explain_cli(case, "cakupan_adminduk", "--entity", "7325", data="ent.csv", period="2024-Q3")
    assert r.exit_code == 0, r.output
    assert "7325" in stdout(r) and "ent.csv:4" in stdout(r)
    assert "achievement (capaian) = 86.8056" in stdout(r)      # 80 / 92,16 × 100


TREE = """\
version: 1
agency: Dinas A
variables:
  - {id: x, label: X, period_aggregation: sum}
elements:
  - id: top
    level: agency_objective
    statement: Top
    indicators:
      - {id: t, name: T, target: 100, formula: "sum(children.actual) + prev(x) + c1.target"}
  - id: p
    level: program
    statement: P
    supports: [top]
    indicators:
      - {id: c1, name: C1, target: 10, formula: "x"}
  - id: kasi
    level: position
    statement: Kasi
    supports: [top]
    holders: [{id: "198501012010011001", name: Budi}]
    indicators:
      - {id: k, name: K, target: 5, formula: "x * 2"}
"""
TREE_DATA = csv_rows([(None, "2024-Q1", "x", 1), (None, "2024-Q2", "x", 2),
                      ("198501012010011001", "2024-Q2", "x", 9)], entity=True)


def test_explain_children_prev_and_references(tmp_path):
    write(tmp_path / "defs", {"a.yaml": TREE})
    (tmp_path / "d.csv").write_text(TREE_DATA)
    r = explain_cli(tmp_path, "t", data="d.csv", period="2024-Q2")
    assert r.exit_code == 0, r.output
    out = stdout(r)
    assert "c1 = 2" in out
    assert "k = " not in out                       # a position is not among the agency's children
    assert "x in 2024-Q1 = 1" in out and "d.csv:2" in out
    assert "c1.target = 10" in out
    assert "actual (realisasi) = 13" in out        # 2 + 1 + 10
    doc = json.loads(stdout(run_cli("eval", "defs", "--data", "d.csv", "--period", "2024-Q2", "--format", "json",
                                    cwd=tmp_path)))
    assert next(rec for rec in doc["indicators"] if rec["id"] == "t")["actual"] == 13.0


def test_explain_a_holder(tmp_path):
    write(tmp_path / "defs", {"a.yaml": TREE})
    (tmp_path / "d.csv").write_text(TREE_DATA)
    r = explain_cli(tmp_path, "k", "--entity", "198501012010011001", data="d.csv", period="2024-Q2")
    assert r.exit_code == 0, r.output
    assert "entity: 198501012010011001" in stdout(r) and "actual (realisasi) = 18" in stdout(r)
    assert "d.csv:4" in stdout(r)


def test_entity_all_with_holders_in_json_and_table(tmp_path):
    write(tmp_path / "defs", {"a.yaml": TREE})
    (tmp_path / "d.csv").write_text(TREE_DATA)
    r = run_cli("eval", "defs", "--data", "d.csv", "--period", "2024-Q2", "--format", "json", "--entity", "all",
                cwd=tmp_path)
    assert r.exit_code == 0, r.output
    k = [rec for rec in json.loads(stdout(r))["indicators"] if rec["id"] == "k"]
    assert [(rec["entity"], rec["actual"]) for rec in k] == [("198501012010011001", 18.0)]
    table = stdout(run_cli("eval", "defs", "--data", "d.csv", "--period", "2024-Q2", "--entity", "all",
                           cwd=tmp_path))
    assert "Entity" in table and "198501012010011001" in table


def test_output_file_has_ordinary_permissions(case):
    import os
    import stat
    r = eval_cli(case, "--format", "csv", "-o", "out.csv")
    assert r.exit_code == 0, r.output
    umask = os.umask(0)
    os.umask(umask)
    assert stat.S_IMODE(os.stat(case / "out.csv").st_mode) == 0o666 & ~umask
    assert not [p for p in os.listdir(case) if p.startswith(".indikator-")]     # no temporary left
