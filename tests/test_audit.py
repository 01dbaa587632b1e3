"""`indikator audit` (PRODUCT.md §11) on the seeds' published tables, transcribed in tests/fixtures/audit.

Every slip the seeds README lists must be found as a slip with the right figure; figures that are only
rounded differently must be `rounding`, never `slip`; a clean table gives no finding.
"""
from __future__ import annotations

import csv
import json
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner
from hypothesis import given, settings, strategies as st

from indikator.audit import audit_sheets, audit_table
from indikator.audit.reader import Cell, Sheet, read_number
from indikator.cli import main

FIX = Path(__file__).parent / "fixtures" / "audit"


def found(path: Path, scale: str | None = None) -> set[tuple]:
    result = audit_table(str(path), scale=scale, lang="en")
    return {(f.sheet, f.row, f.column, f.kind, f.expected) for f in result.findings}


@pytest.mark.parametrize("name, scale, expected", [
    # Luwu Timur 3.1 A: 70,30 / 98 × 100 = 71,73, reported 71,42
    ("luwu_capaian_kinerja.csv", None, {(None, 5, "capaian", "slip", 71.73)}),
    # Luwu Timur, Sasaran 1 with budget: the mean of 97,31, 71,42 and 86,66 is 85,13, reported 76,24;
    # 71,42 from 70 (no decimals) and 86,66 from 13 / 15 are only rounded differently
    ("luwu_sasaran1_anggaran.csv", None, {(None, 4, "capaian", "rounding", 71.43),
                                          (None, 5, "capaian", "rounding", 86.67),
                                          (None, 6, "capaian", "slip", 85.13)}),
    # Luwu Timur Tabel 3.1: the same 71,42 slip, and a mean of 82,19 where the rows give 87,34
    ("luwu_tabel_3_1.csv", None, {(None, 3, "capaian", "slip", 71.73), (None, 5, "capaian", "slip", 87.34)}),
    # Luwu Timur Tabel 3.3: 79,143 / 81 = 97,7074 shown truncated as 97,70
    ("luwu_tabel_3_3.csv", None, {(None, 2, "capaian", "rounding", 97.71)}),
    # Luwu Timur, efficiency table of Sasaran 1: 97,70 is the Renstra table's capaian (79,14 / 81,33 = 97,31),
    # 71,42 again; the mean 87,47 is right for the cells as shown
    ("luwu_efisiensi_sasaran1.csv", None, {(None, 2, "capaian", "slip", 97.31), (None, 3, "capaian", "slip", 71.73)}),
    # Luwu Timur Tabel 3.8: clean
    ("luwu_tabel_3_8.csv", None, set()),
    # Dumai Tabel 4: 51,85 / 69 = 75,14 reported 75,07, rated Cukup Berhasil (75,07 is Berhasil)
    ("dumai_tabel_4.csv", "berhasil", {(None, 3, "capaian", "slip", 75.14), (None, 3, "predikat", "slip", "Berhasil"),
                                       (None, 4, "capaian", "rounding", 105.74)}),
    ("dumai_tabel_3_3.csv", "berhasil", {(None, 4, "capaian", "slip", 75.14),
                                         (None, 5, "capaian", "rounding", 105.74)}),
    # Dumai Tabel 3.4: 2022: 40,7 / 56 = 72,68 reported 74
    ("dumai_tabel_3_4.csv", "berhasil", {(None, 4, "capaian", "slip", 72.68), (None, 4, "capaian", "slip", 75.14),
                                         (None, 5, "capaian", "rounding", 105.74)}),
    # Kupang: 139,38 from 97,56 / 70 and 142,85 from 100 / 70 are rounding, the budget sums add up
    ("kupang_pengukuran_kinerja.csv", None, {(None, 6, "capaian", "rounding", 139.37),
                                             (None, 11, "capaian", "rounding", 142.86)}),
])
def test_seed_tables(name: str, scale: str | None, expected: set) -> None:
    assert found(FIX / name, scale) == expected


def test_the_2022_slip_is_in_its_own_year_group() -> None:
    result = audit_table(str(FIX / "dumai_tabel_3_4.csv"), scale="berhasil", lang="en")
    cols = {f.expected: f.col for f in result.findings}
    assert cols[72.68] == 7 and cols[75.14] == 8        # Capaian 2022 is column H, 2023 column I


def _workbook(tmp_path: Path, sheets: dict[str, str]) -> Path:
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for title, name in sheets.items():
        ws = wb.create_sheet(title)
        with open(FIX / name, encoding="utf-8") as f:
            for row in csv.reader(f, delimiter=";"):
                ws.append([c if c else None for c in row])
    path = tmp_path / "dumai.xlsx"
    wb.save(path)
    return path


def test_one_indicator_given_two_predicates_across_tables(tmp_path: Path) -> None:
    path = _workbook(tmp_path, {"Tabel 4": "dumai_tabel_4.csv", "Tabel 3.3": "dumai_tabel_3_3.csv"})
    result = audit_table(str(path), scale="berhasil", lang="en")
    two = [f for f in result.findings if f.problem.code == "audit-two-predicates"]
    assert [(f.sheet, f.row, f.reported, f.expected) for f in two] == [("Tabel 3.3", 4, "Berhasil", "Cukup Berhasil")]
    assert "“Cukup Berhasil” in Tabel 4!I3" in two[0].message("en")


def test_predicates_are_checked_against_the_default_scale_with_a_hint() -> None:
    result = audit_table(str(FIX / "dumai_tabel_3_3.csv"), lang="en")
    preds = [f for f in result.findings if f.column == "predikat"]
    assert preds and all(f.kind == "slip" for f in preds)
    assert all("--scale berhasil" in f.message("en") for f in preds)


def _perturbed(tmp_path: Path, name: str, old: str, new: str) -> Path:
    text = (FIX / name).read_text(encoding="utf-8")
    assert old in text
    out = tmp_path / name
    out.write_text(text.replace(old, new), encoding="utf-8")
    return out


@pytest.mark.parametrize("old, new, column, expected", [
    ("JUMLAH;;;;;;;;;6.125.953.259", "JUMLAH;;;;;;;;;6.125.953.359", "pagu", 6125953259.0),
    ("5.319.845.970;94%", "5.319.845.970;96%", "serapan", 94.43),
    ("6.125.953.259;5.795.966.670;95%", "6.125.953.259;5.795.966.670;97%", "serapan", 94.61),
])
def test_kupang_budget_slips_are_found(tmp_path: Path, old: str, new: str, column: str, expected: float) -> None:
    result = audit_table(str(_perturbed(tmp_path, "kupang_pengukuran_kinerja.csv", old, new)), lang="en")
    assert [(f.column, f.kind, f.expected) for f in result.findings if f.column == column] == \
        [(column, "slip", expected)]


def test_luwu_serapan_mean_is_checked(tmp_path: Path) -> None:
    path = _perturbed(tmp_path, "luwu_sasaran1_anggaran.csv", ";;;72,37%", ";;;75,37%")
    result = audit_table(str(path), lang="en")
    assert [(f.column, f.kind, f.expected) for f in result.findings if f.column == "serapan"] == \
        [("serapan", "slip", 72.37)]


def test_a_cell_in_the_wrong_locale_is_a_note_with_its_place(tmp_path: Path) -> None:
    path = _perturbed(tmp_path, "luwu_capaian_kinerja.csv", "70,30%", "70.30%")
    result = audit_table(str(path), lang="en")
    assert [f for f in result.findings if f.row == 5] == []
    notes = [n.render("en") for n in result.notes]
    assert any(n.startswith("D5: '70.30%'") and "70,3" in n for n in notes), notes


@pytest.mark.parametrize("polarity, target, actual, capaian, kind", [
    ("negatif", "10", "12", "80", None),            # (2 × 10 − 12) / 10 × 100
    ("negatif", "10", "12", "120", "slip"),
    ("negative", "10", "25", "0", None),            # floored at 0
    ("rentang", "70 - 80", "75", "100", None),
    ("range", "70 s.d 80", "84", "95", None),      # (2 × 80 − 84) / 80 × 100
    ("range", "70–80", "63", "90", None),          # 63 / 70 × 100
    ("range", "70–80", "63", "100", "slip"),
    ("positif", "10", "12", "120", None),
])
def test_polarity_from_the_table(tmp_path: Path, polarity: str, target: str, actual: str, capaian: str,
                                 kind: str | None) -> None:
    path = tmp_path / "t.csv"
    path.write_text(f"Indikator;Polaritas;Target;Realisasi;Capaian\nx;{polarity};{target};{actual};{capaian}\n",
                    encoding="utf-8")
    findings = audit_table(str(path), lang="en").findings
    assert [f.kind for f in findings] == ([kind] if kind else [])
    if kind and polarity.startswith("r"):
        assert "63 / 70 × 100" in findings[0].message("en")
    assert audit_table(str(path)).notes == []          # a range target is not an unreadable number


def test_headers_in_english_any_order(tmp_path: Path) -> None:
    path = tmp_path / "t.csv"
    path.write_text("Achievement,Actual,Target,Indicator\n71.42,70.30,98,x\n", encoding="utf-8")
    result = audit_table(str(path), locale="C")
    assert [(f.column, f.kind, f.expected) for f in result.findings] == [("capaian", "slip", 71.73)]


# -- hypothesis: correctly rounded is never a finding; moved beyond the precision is always a slip ----------

def _row_sheet(target: Decimal, actual: Decimal, capaian: Decimal) -> Sheet:
    texts = [["Indikator", "Target", "Realisasi", "Capaian"], ["x", str(target), str(actual), str(capaian)]]
    rows = [[Cell(t, *read_number(t, "C")) if i else Cell(t) for t in r] for i, r in enumerate(texts)]
    return Sheet(None, rows)


def _dec(units: int, places: int) -> Decimal:
    return Decimal(units).scaleb(-places)


positive = st.tuples(st.integers(1, 10**6), st.integers(0, 3)).map(lambda t: _dec(*t))
actuals = st.tuples(st.integers(0, 10**6), st.integers(0, 3)).map(lambda t: _dec(*t))


@settings(max_examples=300, deadline=None)
@given(target=positive, actual=actuals, places=st.integers(0, 3), negative=st.booleans())
def test_correctly_rounded_capaian_is_never_a_finding(target: Decimal, actual: Decimal, places: int,
                                                      negative: bool) -> None:
    exact = max((2 * target - actual) / target * 100, Decimal(0)) if negative else actual / target * 100
    capaian = exact.quantize(Decimal(1).scaleb(-places), rounding="ROUND_HALF_UP")
    sheet = _row_sheet(target, actual, capaian)
    if negative:
        for r, text in enumerate(("Polaritas", "negatif")):
            sheet.rows[r].append(Cell(text))
    result = audit_sheets("t.csv", [sheet], locale="C")
    assert result.findings == []


@settings(max_examples=300, deadline=None)
@given(target=positive, actual=actuals, places=st.integers(0, 3), extra=st.integers(1, 10**4),
       up=st.booleans())
def test_capaian_moved_beyond_the_precision_is_a_slip(target: Decimal, actual: Decimal, places: int,
                                                       extra: int, up: bool) -> None:
    exact = actual / target * 100
    unit = Decimal(1).scaleb(-places)
    # the realisasi's half unit spreads the capaian by this much; the reported figure's own rounding and
    # truncation add up to one and a half units more: two more are beyond what the precision allows
    spread = Decimal(1).scaleb(-(-actual.as_tuple().exponent)) / 2 / target * 100
    shift = (spread // unit + 2 + extra) * unit
    capaian = (exact + (shift if up else -shift)).quantize(unit, rounding="ROUND_HALF_UP")
    if capaian < 0:
        capaian = (exact + shift).quantize(unit, rounding="ROUND_HALF_UP")
    result = audit_sheets("t.csv", [_row_sheet(target, actual, capaian)], locale="C")
    assert [f.kind for f in result.findings] == ["slip"]


# -- the command line ------------------------------------------------------------------------------------

def run(*args: str):
    return CliRunner().invoke(main, ["audit", *args], catch_exceptions=False)


def test_cli_json_and_exit_0_with_slips() -> None:
    r = run(str(FIX / "luwu_tabel_3_1.csv"), "--format", "json", "--lang", "en")
    assert r.exit_code == 0
    data = json.loads(r.stdout)
    assert data["rows"] == 4
    assert set(data["findings"][0]) == {"row", "column", "indicator", "kind", "severity", "reported", "expected",
                                        "message"}
    assert [(f["row"], f["kind"], f["severity"], f["expected"]) for f in data["findings"]] == \
        [(3, "slip", "error", 71.73), (5, "slip", "error", 87.34)]


def test_cli_table_in_indonesian() -> None:
    r = run(str(FIX / "kupang_pengukuran_kinerja.csv"), "--lang", "id")
    assert r.exit_code == 0
    assert "pembulatan" in r.stdout and "139,38" in r.stdout and "0 salah hitung, 2 beda pembulatan" in r.stdout


@pytest.mark.parametrize("args, code", [
    (["missing.csv"], 1),
    ([str(FIX / "README.md")], 1),
    ([str(FIX / "luwu_tabel_3_1.csv"), "--format", "xlsx"], 2),
    ([str(FIX / "luwu_tabel_3_1.csv"), "--scale", "nope"], 2),
    ([str(FIX / "luwu_tabel_3_1.csv"), "--data", "x.csv"], 2),
    ([str(FIX / "luwu_tabel_3_1.csv"), "--format", "pdf"], 2),
])
def test_cli_exit_codes(args: list[str], code: int) -> None:
    assert run(*args).exit_code == code


def test_cli_unreadable_table_says_which_column_is_missing(tmp_path: Path) -> None:
    path = tmp_path / "t.csv"
    path.write_text("Indikator;Target;Capaian\nx;10;100\n", encoding="utf-8")
    r = run(str(path), "--lang", "en")
    assert r.exit_code == 1
    assert "realisasi" in r.stderr


def test_cli_refuses_to_overwrite_its_input(tmp_path: Path) -> None:
    path = tmp_path / "t.csv"
    path.write_text((FIX / "luwu_tabel_3_1.csv").read_text(encoding="utf-8"), encoding="utf-8")
    assert run(str(path), "-o", str(path)).exit_code == 2
    assert path.read_text(encoding="utf-8") == (FIX / "luwu_tabel_3_1.csv").read_text(encoding="utf-8")


def test_cli_xlsx_marks_the_finding_cells(tmp_path: Path) -> None:
    out = tmp_path / "out.xlsx"
    r = run(str(FIX / "luwu_sasaran1_anggaran.csv"), "--format", "xlsx", "-o", str(out), "--lang", "en")
    assert r.exit_code == 0
    ws = openpyxl.load_workbook(out).active
    assert ws["B3"].value == "Indeks Kepuasan Masyarakat"
    for ref, kind in (("E4", "rounding"), ("E5", "rounding"), ("E6", "slip")):
        assert ws[ref].fill.fgColor.rgb.endswith({"slip": "FFC7CE", "rounding": "FFEB9C"}[kind]), ref
        assert ws[ref].comment is not None and kind in ws[ref].comment.text
    assert "85.13" in ws["E6"].comment.text
    assert ws["E3"].comment is None and ws["E3"].fill.fill_type is None


def test_cli_xlsx_from_a_workbook_keeps_its_sheets(tmp_path: Path) -> None:
    path = _workbook(tmp_path, {"Tabel 4": "dumai_tabel_4.csv", "Tabel 3.3": "dumai_tabel_3_3.csv"})
    out = tmp_path / "out.xlsx"
    assert run(str(path), "--scale", "berhasil", "--format", "xlsx", "-o", str(out)).exit_code == 0
    wb = openpyxl.load_workbook(out)
    assert wb.sheetnames == ["Tabel 4", "Tabel 3.3"]
    assert wb["Tabel 4"]["I3"].comment is not None          # Cukup Berhasil, in its own column
    assert wb["Tabel 3.3"]["I4"].comment is not None        # Berhasil here, Cukup Berhasil in Tabel 4


DEFS = Path(__file__).parent.parent / "definitions" / "luwu-timur"


def test_cli_with_defs_and_data_names_the_indicator_and_the_engine_figure() -> None:
    data = [str(DEFS / "data" / n) for n in ("layanan_2024.csv", "dkb_2024_s1.csv", "kinerja_2024.csv")]
    args = [str(FIX / "luwu_capaian_kinerja.csv"), "--defs", str(DEFS), "--period", "2024-Q1..2024-Q3",
            "--format", "json", "--lang", "en"]
    for d in data:
        args += ["--data", d]
    r = run(*args)
    assert r.exit_code == 0
    (finding,) = json.loads(r.stdout)["findings"]
    assert finding["indicator"] == "ketepatan_waktu"
    assert "engine computes" in finding["message"] and "71.73" in finding["message"]


def test_defs_suggest_a_close_name(tmp_path: Path) -> None:
    path = tmp_path / "t.csv"
    path.write_text("Indikator;Target;Realisasi;Capaian\nIndeks Kepuasan Masyarakt;81,33;79,143;97,31\n",
                    encoding="utf-8")
    r = run(str(path), "--defs", str(DEFS), "--lang", "en")
    assert r.exit_code == 0
    assert "did you mean ikm" in r.stderr


def test_polarity_and_scale_come_from_the_definitions(tmp_path: Path) -> None:
    defs = tmp_path / "defs"
    defs.mkdir()
    (defs / "d.yaml").write_text(
        "versi: 1\nperangkat_daerah: Contoh\nskala:\n  ketat: [{min: 95, label: Bagus}, {min: 0, label: Kurang}]\n"
        "elemen:\n  - id: s1\n    tingkat: sasaran_strategis\n    uraian: Contoh\n    skala_predikat: ketat\n"
        "    indikator:\n      - {id: angka_kematian, nama: Angka Kematian Ibu, satuan: '%', polaritas: negatif,"
        " target: {2024: 10}}\n", encoding="utf-8")
    table = tmp_path / "t.csv"
    # negative: (2 × 10 − 12) / 10 × 100 = 80 — right by the definitions, a slip as positive (120)
    table.write_text("Indikator;Target;Realisasi;Capaian;Predikat\nangka kematian  IBU;10;12;80;Kurang\n",
                     encoding="utf-8")
    assert [f.kind for f in audit_table(str(table)).findings] == ["slip", "slip"]    # 120 as positive; Kurang is not permendagri86
    r = run(str(table), "--defs", str(defs), "--format", "json")
    assert r.exit_code == 0, r.output
    assert json.loads(r.stdout)["findings"] == []


def test_an_excel_table_is_read_as_excel_shows_it(tmp_path: Path) -> None:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["Indikator", "Target", "Realisasi", "Capaian"])
    ws.append(["a", 0.98, 0.703, 0.7142])           # percent formats: 98 %, 70,30 %, 71,42 %
    ws.append(["b", 81.33, 79.143, 97.3104])        # shown as 97,31
    ws.append(["c", 15, 13, "86,66 %"])             # a figure typed as text, read with --locale id
    for ref, fmt in (("B2", "0%"), ("C2", "0.00%"), ("D2", "0.00%"), ("D3", "0.00")):
        ws[ref].number_format = fmt
    path = tmp_path / "t.xlsx"
    wb.save(path)
    result = audit_table(str(path))
    assert [(f.row, f.kind, f.reported, f.expected) for f in result.findings] == [
        (2, "slip", 71.42, 71.73), (4, "rounding", 86.66, 86.67)]


shown_capaian = st.tuples(st.integers(0, 20000), st.integers(0, 3)).map(lambda t: _dec(*t))


def _mean_sheet(parts: list[Decimal], mean: Decimal) -> Sheet:
    texts = [["Indikator", "Target", "Realisasi", "Capaian"]]
    texts += [[f"i{k}", "", "", str(p)] for k, p in enumerate(parts)] + [["Rata-rata", "", "", str(mean)]]
    return Sheet(None, [[Cell(t, *read_number(t, "C")) if i else Cell(t) for t in r] for i, r in enumerate(texts)])


@settings(max_examples=200, deadline=None)
@given(parts=st.lists(shown_capaian, min_size=1, max_size=8), places=st.integers(0, 3),
       extra=st.integers(1, 1000), up=st.booleans())
def test_means_correct_are_clean_and_moved_are_slips(parts: list[Decimal], places: int, extra: int,
                                                     up: bool) -> None:
    unit = Decimal(1).scaleb(-places)
    exact = sum(parts) / len(parts)
    right = exact.quantize(unit, rounding="ROUND_HALF_UP")
    assert audit_sheets("t.csv", [_mean_sheet(parts, right)], locale="C").findings == []
    spread = max(Decimal(1).scaleb(p.as_tuple().exponent) / 2 for p in parts)
    shift = (spread // unit + 2 + extra) * unit
    moved = (exact + shift if up or exact - shift < 0 else exact - shift).quantize(unit, rounding="ROUND_HALF_UP")
    found = audit_sheets("t.csv", [_mean_sheet(parts, moved)], locale="C").findings
    assert [(f.column, f.kind) for f in found] == [("capaian", "slip")]


@pytest.mark.parametrize("label", ["JUMLAH", "J U M L A H", "Total", "jumlah anggaran"])
def test_summary_row_spellings(tmp_path: Path, label: str) -> None:
    path = tmp_path / "t.csv"
    path.write_text(f"No;Indikator;Target;Realisasi;Capaian;Pagu;Realisasi Anggaran\n1;a;10;5;50;100;40\n"
                    f"2;b;10;5;50;200;60\n{label};;;;;300;110\n", encoding="utf-8")
    result = audit_table(str(path), lang="en")
    assert [(f.row, f.column, f.kind, f.expected) for f in result.findings] == [(4, "realisasi_anggaran", "slip", 100.0)]


def test_an_indicator_named_like_a_summary_is_still_an_indicator(tmp_path: Path) -> None:
    path = tmp_path / "t.csv"
    path.write_text("Indikator;Target;Realisasi;Capaian\nPersentase Rata-Rata Capaian kinerja;100;25;30\n",
                    encoding="utf-8")
    assert [(f.column, f.kind, f.expected) for f in audit_table(str(path)).findings] == [("capaian", "slip", 25.0)]


def test_an_unclosed_quote_is_unreadable(tmp_path: Path) -> None:
    path = tmp_path / "t.csv"
    path.write_text('Indikator;Target;Realisasi;Capaian\n"a;10;5;50\n', encoding="utf-8")
    r = run(str(path), "--lang", "en")
    assert r.exit_code == 1 and f"{path}:2:1: cannot be read as a table: a quote (\") opened in field 1" in r.stderr, r.stderr


def test_a_formula_without_its_value_is_unreadable(tmp_path: Path) -> None:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["Indikator", "Target", "Realisasi", "Capaian"])
    ws.append(["a", 10, 5, "=C2/B2*100"])          # openpyxl stores no computed value
    path = tmp_path / "t.xlsx"
    wb.save(path)
    r = run(str(path), "--lang", "en")
    assert r.exit_code == 1
    assert "D2" in r.stderr and "formula" in r.stderr


def test_a_unit_that_differs_from_the_definitions_is_a_note(tmp_path: Path) -> None:
    path = tmp_path / "t.csv"
    path.write_text("Indikator;Satuan;Target;Realisasi;Capaian\nikm;persen;81,33;79,143;97,31\n"
                    "ketepatan_waktu;persen;98;70,30;71,73\n", encoding="utf-8")
    r = run(str(path), "--defs", str(DEFS), "--lang", "en", "--format", "json")
    assert r.exit_code == 0 and json.loads(r.stdout)["findings"] == []
    assert "'ikm': the table's unit 'persen' differs from ikm's 'indeks'" in r.stderr
    assert "ketepatan_waktu" not in r.stderr


@pytest.mark.parametrize("text", [
    "No;Indikator;Target;Realisasi;Capaian %\n1;a;98 %;70,30%;71,42 %\n",
    "No\tIndikator\tTarget\tRealisasi\tCapaian %\n1\ta\t98 %\t70,30%\t71,42 %\n",
    'No,Indikator,Target,Realisasi,Capaian %\n1,a,98,"70,30","71,42"\n',
])
def test_delimiters(tmp_path: Path, text: str) -> None:
    path = tmp_path / "t.csv"
    path.write_text(text, encoding="utf-8")
    assert [(f.row, f.kind, f.expected) for f in audit_table(str(path)).findings] == [(2, "slip", 71.73)]


def test_consecutive_summary_rows_cover_the_same_rows(tmp_path: Path) -> None:
    path = tmp_path / "t.csv"
    path.write_text("Indikator;Target;Realisasi;Capaian;Pagu;Realisasi Anggaran;Serapan\n"
                    "a;10;5;50;Rp 100.000;Rp 40.000,-;40%\n"
                    "b;10;7;70;Rp 300.000;Rp 60.000,-;20%\n"
                    "Jumlah;;;;Rp 400.000;Rp 100.000,-;25%\n"
                    "Rata-rata;;;60;Rp 200.000;Rp 50.000,-;32%\n"
                    "c;10;9;90;;;\n"
                    "Rata-rata;;;80;;;\n", encoding="utf-8")
    result = audit_table(str(path), lang="en")
    # the mean row covers a and b (not the Jumlah row); its serapan 32 is not the mean of 40 and 20 (30);
    # the last mean covers c alone
    assert [(f.row, f.column, f.kind, f.expected) for f in result.findings] == [
        (5, "serapan", "slip", 30.0), (7, "capaian", "slip", 90.0)]
