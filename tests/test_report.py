"""``indikator report``: the LKjIP tables as Markdown (golden), XLSX (re-read) and HTML (escaping).

The Luwu Timur example is the golden case: its Markdown report for
``2024-Q1..2024-Q3`` is kept in ``tests/golden/report/`` (``UPDATE_GOLDEN=1``
rewrites it; review ``git diff tests/golden`` before committing). A small
definition set written here covers escaping, missing and undefined values and
the individual (IKI) table.
"""
from __future__ import annotations

import os
import re
import textwrap
from pathlib import Path

import pytest

try:
    from helpers import assert_golden, run_cli
except ImportError:  # pragma: no cover - helpers.py not there: the same two helpers, inline
    from click.testing import CliRunner

    _GOLDEN = Path(__file__).parent / "golden"

    def run_cli(*args, cwd=None):
        from indikator.cli import main

        old = os.getcwd()
        if cwd is not None:
            os.chdir(cwd)
        try:
            return CliRunner().invoke(main, list(args), catch_exceptions=True)
        finally:
            os.chdir(old)

    def assert_golden(name, actual):
        path = _GOLDEN / name
        if os.environ.get("UPDATE_GOLDEN") == "1":
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(actual, encoding="utf-8")
            return
        assert path.exists(), f"golden file {path} is missing; run with UPDATE_GOLDEN=1 to create it"
        assert actual == path.read_text(encoding="utf-8"), f"output differs from golden file {path}"

REPO = Path(__file__).resolve().parent.parent
LUWU = REPO / "definitions" / "luwu-timur"
# The data files of the example that the report reads (the SAKIP grade sample feeds an agency goal only).
LUWU_DATA = ["kinerja_2024.csv", "dkb_2024_s1.csv", "layanan_2024.csv", "contoh_iki.csv"]
PERIOD = "2024-Q1..2024-Q3"
NIP = "196501011990031001"

SMALL = {
    "def.yaml": """\
        versi: 1
        perangkat_daerah: "Dinas <b>Uji</b> & Co"
        variabel:
          - {id: x, label: Jumlah x, agregasi_periode: last}
          - {id: y, label: Jumlah y, agregasi_periode: last}
          - {id: z, label: Jumlah z, agregasi_periode: last}
          - {id: w, label: Jumlah w, agregasi_periode: last}
        elemen:
          - id: t1
            tingkat: tujuan_pd
            uraian: Tujuan
          - id: s1
            tingkat: sasaran_strategis
            uraian: "Sasaran <script>alert(1)</script> & | pipa *tebal*"
            mendukung: [t1]
            indikator:
              - id: a
                nama: "Indikator A & B | C"
                satuan: "%"
                target: {2023: 80, 2024: 90, 2026: 100}
                rumus: x / y × 100%
              - id: b
                nama: Indikator tanpa data
                satuan: dokumen
                target: {2024: 10}
                rumus: z
              - id: c
                nama: Indikator target nol
                satuan: "%"
                target: {2024: 0}
                rumus: x
          - id: p1
            tingkat: program
            uraian: Program satu
            mendukung: [s1]
            anggaran: {2024: {pagu: 1009683335, realisasi: 614849481}}
          - id: jab.kepala
            tingkat: jabatan
            uraian: Kepala Dinas
            mendukung: [s1]
            pemegang: [{id: "196501011990031001", nama: "Budi & Ani"}]
            indikator:
              - id: iki1
                nama: IKI satu
                satuan: "%"
                target: 100
                rumus: w
        """,
    "data/d.csv": """\
        period,variable,value,entity
        2024,x,45,
        2024,y,50,
        2023,x,30,
        2023,y,50,
        2024,w,95,196501011990031001
        """,
}


@pytest.fixture()
def small(tmp_path: Path) -> Path:
    root = tmp_path / "small"
    for rel, text in SMALL.items():
        p = root / rel
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text(textwrap.dedent(text), encoding="utf-8")
    return root


def _luwu_args(out: Path, *extra: str) -> list[str]:
    args = ["report", str(LUWU)]
    for f in LUWU_DATA:
        args += ["--data", str(LUWU / "data" / f)]
    return args + ["--period", PERIOD, "-o", str(out), *extra]


def _report(small: Path, out: Path, *extra: str):
    return run_cli("report", str(small), "--data", str(small / "data"), "--period", "2024", "-o", str(out), *extra)


def _row(md: str, first_cells: str) -> str:
    """The Markdown table row whose text starts with ``first_cells``."""
    for line in md.splitlines():
        if line.startswith(first_cells):
            return line
    raise AssertionError(f"no row starting with {first_cells!r}")


# ------------------------------------------------------------------------------------- golden Markdown
def test_luwu_timur_markdown_golden(tmp_path):
    out = tmp_path / "luwu-timur.md"
    res = run_cli(*_luwu_args(out))
    assert res.exit_code == 0, res.output
    assert_golden("report/luwu-timur_2024-Q1..2024-Q3.md", out.read_text(encoding="utf-8"))


def test_luwu_timur_markdown_golden_english(tmp_path):
    out = tmp_path / "luwu-timur-en.md"
    res = run_cli(*_luwu_args(out, "--lang", "en"))
    assert res.exit_code == 0, res.output
    assert_golden("report/luwu-timur_2024-Q1..2024-Q3_en.md", out.read_text(encoding="utf-8"))


def test_luwu_timur_figures_a_planner_checks(tmp_path):
    """The TW III report's own figures, computed (not copied): see the seed document."""
    out = tmp_path / "r.md"
    assert run_cli(*_luwu_args(out)).exit_code == 0
    md = out.read_text(encoding="utf-8")
    assert "Periode: Triwulan I s.d. III 2024 (2024-Q1..2024-Q3)" in md
    # 70,30 / 98 × 100 = 71,73 (the document's 71,42 is one of its known slips)
    assert "| 2 | Persentase ketepatan waktu penyelesaian layanan dokumen kependudukan sesuai SOP | % | 98 | 70,30 " \
           "| 71,73 | Sedang |" in md
    # agency total budget: the five programs, nothing counted twice; rupiah amounts are exact
    assert "| 7.042.932.613 | 4.444.425.716,33 | 63,10 |" in md
    # Sasaran 1: capaian 87,46, serapan 60,90, efisiensi 26,56 (the document: 87,47 / 60,90 / 26,57)
    assert "| 1.009.683.335 | 614.849.481 | 60,90 | 87,46 | 26,56 |" in md
    # the Renstra end target of the IKM is 81 (2026); 79,143 / 81 × 100 = 97,71
    assert re.search(r"\| Indeks Kepuasan Masyarakat \| indeks \| 80,70 \| - \| - \| 81,33 \| 79,14 \| 97,31 "
                     r"\| 81 \| 97,71 \|", md)


# ------------------------------------------------------------------------------------- XLSX
def test_xlsx_numbers_are_numbers_with_formats_and_frozen_headers(tmp_path):
    openpyxl = pytest.importorskip("openpyxl")
    out = tmp_path / "luwu-timur.xlsx"
    res = run_cli(*_luwu_args(out))
    assert res.exit_code == 0, res.output
    wb = openpyxl.load_workbook(out)
    assert wb.sheetnames == ["Ringkasan", "S1 Pengukuran", "S1 Perbandingan", "S1 Anggaran",
                             "S2 Pengukuran", "S2 Perbandingan", "S2 Anggaran",
                             "S3 Pengukuran", "S3 Perbandingan", "S3 Anggaran", "IKI"]

    pk = wb["S1 Pengukuran"]
    assert pk.freeze_panes == "A5"                       # title, subtitle, blank, one header row
    header = [c.value for c in pk[4]]
    assert header == ["No", "Indikator Kinerja", "Satuan", "Target", "Realisasi", "Capaian %", "Predikat",
                      "Keterangan"]
    ikm = [c for c in pk[5]]
    assert ikm[1].value == "Indeks Kepuasan Masyarakat"
    assert ikm[3].value == pytest.approx(81.33) and ikm[3].data_type == "n"
    assert ikm[4].value == pytest.approx(79.143) and ikm[4].data_type == "n"
    assert ikm[5].value == pytest.approx(97.31095536702324) and ikm[5].data_type == "n"
    assert ikm[5].number_format == "#,##0.00"
    assert ikm[6].value == "Sangat Tinggi" and ikm[6].fill.fgColor.rgb.endswith("1A9850")
    opd = [c for c in pk[7]]
    assert opd[3].value == 15 and opd[3].data_type == "n" and opd[3].number_format == "#,##0"

    summary = wb["Ringkasan"]
    total = [c for c in summary[8]]
    assert total[1].value == "Capaian kinerja perangkat daerah"
    assert total[5].value == 7042932613 and total[5].data_type == "n"
    assert total[6].value == pytest.approx(4444425716.33) and total[6].number_format == "#,##0.00"

    cmp_ = wb["S1 Perbandingan"]
    assert cmp_.freeze_panes == "A6"                     # two header rows (period groups)
    assert [c.value for c in cmp_[4]][3] == "Triwulan I s.d. III 2023"
    row = [c for c in cmp_[6]]
    assert row[4].value is None                          # no 2023 data: an empty cell, never 0 …
    first = row[11].value.split(",")[0]                 # … with a footnote marker in Keterangan …
    texts = [c.value for r in cmp_.iter_rows() for c in r if isinstance(c.value, str)]
    assert any(t.startswith(first + " Data realisasi Triwulan I s.d. III 2023 belum tersedia") for t in texts)

    # nowhere a number written as text (NIPs are identifiers, kept as text on purpose)
    number_text = re.compile(r"^-?[\d.,]+$")
    for ws in wb.worksheets:
        nip_cols = {c.column for c in ws[4] if c.value == "NIP"}
        for r in ws.iter_rows(min_row=5):
            for c in r:
                if c.data_type == "s" and c.column not in nip_cols:
                    assert not number_text.match(str(c.value)), (ws.title, c.coordinate, c.value)
    iki = wb["IKI"]
    assert iki.freeze_panes == "A5"
    nips = [r[1].value for r in iki.iter_rows(min_row=5) if r[1].value]
    assert "196805122000031003" in nips and all(isinstance(n, str) for n in nips)


def test_xlsx_one_sheet_per_table_and_missing_cells_empty(small, tmp_path):
    openpyxl = pytest.importorskip("openpyxl")
    out = tmp_path / "small.xlsx"
    res = _report(small, out)
    assert res.exit_code == 0, res.output
    wb = openpyxl.load_workbook(out)
    assert wb.sheetnames == ["Ringkasan", "S1 Pengukuran", "S1 Perbandingan", "S1 Anggaran", "IKI"]
    pk = wb["S1 Pengukuran"]
    rows = {r[1].value: r for r in pk.iter_rows(min_row=5) if r[1].value}
    no_data = rows["Indikator tanpa data"]
    assert no_data[3].value == 10 and no_data[3].data_type == "n"
    assert no_data[4].value is None and no_data[5].value is None
    assert no_data[6].value == "data tidak ada"
    assert no_data[7].value == "¹"                       # the reason is footnote 1 under the table
    texts = [c.value for r in pk.iter_rows() for c in r if isinstance(c.value, str)]
    assert "¹ Data realisasi Tahun 2024 belum tersedia: Jumlah z." in texts
    zero = rows["Indikator target nol"]
    assert zero[4].value == 45 and zero[5].value is None
    assert zero[6].value == "tidak terdefinisi" and zero[7].value == "²"


# ------------------------------------------------------------------------------------- HTML
def test_html_escapes_text_and_colours_predicates(small, tmp_path):
    out = tmp_path / "small.html"
    res = _report(small, out)
    assert res.exit_code == 0, res.output
    html = out.read_text(encoding="utf-8")
    assert "<script>" not in html and "<b>Uji</b>" not in html
    assert "Sasaran &lt;script&gt;alert(1)&lt;/script&gt; &amp; | pipa *tebal*" in html
    assert "Dinas &lt;b&gt;Uji&lt;/b&gt; &amp; Co" in html
    assert "Indikator A &amp; B | C" in html and "Budi &amp; Ani" in html
    assert "@page" in html and "A4 landscape" in html            # printable
    assert "<link" not in html and "src=" not in html              # self-contained
    assert re.search(r'style="background:#1a9850;color:#[0-9a-f]{6}">Sangat Tinggi<', html)
    assert "100,00" in html and "1.009.683.335" in html            # Indonesian numbers by default
    assert 'lang="id"' in html


def test_html_custom_colours_never_reach_css_unchecked(small, tmp_path):
    defs = (small / "def.yaml").read_text(encoding="utf-8")
    defs = defs.replace("versi: 1\n", "versi: 1\nskala_predikat: aneh\nskala:\n  aneh:\n"
                        "    - {min: 50, label: Baik, color: \"red;background:url(x)\"}\n"
                        "    - {min: 0, label: Kurang, color: \"#abc\"}\n", 1)
    (small / "def.yaml").write_text(defs, encoding="utf-8")
    out = tmp_path / "small.html"
    res = _report(small, out)
    assert res.exit_code == 0, res.output
    html = out.read_text(encoding="utf-8")
    assert "url(x)" not in html
    assert ">Baik<" in html


# ------------------------------------------------------------------------------------- Markdown
def test_markdown_escapes_pipes_and_markup(small, tmp_path):
    out = tmp_path / "small.md"
    assert _report(small, out).exit_code == 0
    md = out.read_text(encoding="utf-8")
    assert r"Sasaran \<script\>alert(1)\</script\> \& \| pipa \*tebal\*" in md
    row = _row(md, "| 1 | Indikator A")
    assert row.count(" | ") == 7                                   # the escaped | does not add a column
    assert row.startswith(r"| 1 | Indikator A \& B \| C | % | 90 | 90 | 100,00 | Sangat Tinggi |")


def _footnote(md: str, marker: str) -> str:
    """The footnote line numbered ``marker`` (``¹``) after the last row found; '' when there is none."""
    for line in md.splitlines():
        if line.startswith(f"_{marker} "):
            return line.strip("_")[len(marker) + 1:]
    raise AssertionError(f"no footnote {marker!r}")


def _table_after(md: str, heading: str) -> str:
    """The Markdown from ``heading`` up to the next heading of any level."""
    start = md.index(heading)
    end = md.find("\n#", start + len(heading))
    return md[start:end if end >= 0 else None]


def test_missing_and_undefined_values_show_their_reason_never_zero(small, tmp_path):
    """The engine's reasons are numbered footnotes in plain words (§9); Keterangan keeps only the marker."""
    out = tmp_path / "small.md"
    assert _report(small, out).exit_code == 0
    md = out.read_text(encoding="utf-8")
    pk = _table_after(md, "#### Pengukuran Kinerja Sasaran Strategis 1")
    row = _row(pk, "| 2 | Indikator tanpa data")
    assert row == "| 2 | Indikator tanpa data | dokumen | 10 | - | - | _data tidak ada_ | ¹ |"
    assert _footnote(pk, "¹") == "Data realisasi Tahun 2024 belum tersedia: Jumlah z."
    row = _row(pk, "| 3 | Indikator target nol")
    assert row == "| 3 | Indikator target nol | % | 0 | 45 | - | _tidak terdefinisi_ | ² |"
    assert _footnote(pk, "²") == "Target bernilai 0, sehingga capaian tidak dapat dihitung."
    # the objective's mean leaves them out, and says so
    row = _row(pk, "|  | **Capaian sasaran strategis**")
    notes = [_footnote(pk, m) for m in row.rsplit("|", 2)[1].strip().split(",")]
    assert "Indikator “Indikator tanpa data” tidak ikut dirata-rata karena capaiannya belum tersedia." in notes
    assert "Indikator “Indikator target nol” tidak ikut dirata-rata karena capaiannya tidak dapat dihitung." in notes
    # comparison: the year before, with its own reasons, its period in words
    cmp_ = _table_after(md, "#### Perbandingan dengan")
    row = _row(cmp_, "| 2 | Indikator tanpa data | dokumen | -")
    notes = [_footnote(cmp_, m) for m in row.rsplit("|", 2)[1].strip().split(",")]
    assert "Data realisasi Tahun 2023 belum tersedia: Jumlah z." in notes
    assert "Target Tahun 2023 belum ditetapkan." in notes
    # English footnotes
    out_en = tmp_path / "small-en.md"
    assert _report(small, out_en, "--lang", "en").exit_code == 0
    pk_en = _table_after(out_en.read_text(encoding="utf-8"), "#### Performance measurement")
    assert _row(pk_en, "| 2 | Indikator tanpa data").endswith("| _missing_ | ¹ |")
    assert _footnote(pk_en, "¹") == "Actual data for 2024 is not yet available: Jumlah z."


@pytest.mark.parametrize("lang", ["id", "en"])
def test_keterangan_is_the_planners_note_column(small, tmp_path, lang):
    """A note/keterangan column in a data file shows in the Keterangan column of its indicator's rows."""
    (small / "data" / "notes.csv").write_text(
        "periode,variabel,nilai,keterangan\n2024,b,,Data menunggu rekap kecamatan\n"
        "2023,b,,catatan tahun lalu\n", encoding="utf-8")
    out = tmp_path / "small.md"
    assert _report(small, out, "--lang", lang).exit_code == 0
    md = out.read_text(encoding="utf-8")
    row = _row(md, "| 2 | Indikator tanpa data | dokumen | 10")
    assert row.endswith("| Data menunggu rekap kecamatan ¹ |")
    assert "catatan tahun lalu" not in md      # a note of another period stays out of this report


def test_individual_table_per_holder_and_entity_selection(small, tmp_path):
    out = tmp_path / "small.md"
    assert _report(small, out).exit_code == 0
    md = out.read_text(encoding="utf-8")
    assert f"| 1 | {NIP} | Budi \\& Ani | IKI satu | % | 100 | 95 | 95,00 | Sangat Tinggi |" in md
    # one holder: only that person's individual table
    out1 = tmp_path / "one.md"
    assert _report(small, out1, "--entity", NIP).exit_code == 0
    one = out1.read_text(encoding="utf-8")
    assert "Sasaran Strategis" not in one and f"| 1 | {NIP} |" in one and f"Entitas: {NIP}" in one


def test_comparison_with_previous_year_and_renstra_end(small, tmp_path):
    out = tmp_path / "small.md"
    assert _report(small, out).exit_code == 0
    md = out.read_text(encoding="utf-8")
    # 2023: 30/50 = 60 against 80 → 75; 2024: 90 against 90 → 100; end target 2026: 100 → 90
    assert _row(md, "| 1 | Indikator A \\& B \\| C | % | 80").startswith(
        "| 1 | Indikator A \\& B \\| C | % | 80 | 60 | 75,00 | 90 | 90 | 100,00 | 100 | 90,00 |")


# ------------------------------------------------------------------------------------- the command
def test_unknown_extension_is_a_usage_error(small, tmp_path):
    out = tmp_path / "report.odt"           # .pdf and .docx are report formats since issue 15
    res = _report(small, out)
    assert res.exit_code == 2
    assert ".html, .md, .xlsx, .docx atau .pdf" in res.output      # in Indonesian, the report's default (§12)
    assert not out.exists()


@pytest.mark.parametrize("ext", ["md", "html", "xlsx"])
def test_failed_run_leaves_existing_output_untouched(small, tmp_path, ext):
    out = tmp_path / f"report.{ext}"
    out.write_bytes(b"the report of last week")
    (small / "data" / "bad.csv").write_text("period,variable,value\n2024,x,92,85\n", encoding="utf-8")
    res = _report(small, out)
    assert res.exit_code == 1
    assert out.read_bytes() == b"the report of last week"
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".indikator-")] == []


def test_bad_definitions_exit_1_and_write_nothing(small, tmp_path):
    (small / "def.yaml").write_text("versi: 1\nelemen:\n  - id: s1\n    tingkat: nope\n", encoding="utf-8")
    out = tmp_path / "r.md"
    res = _report(small, out)
    assert res.exit_code == 1
    assert not out.exists()


# ------------------------------------------------------------------------------------- units
def test_period_labels_and_the_year_before():
    from indikator.data import parse_period
    from indikator.report.model import period_label, year_before

    cases = {"2024": ("Tahun 2024", "2023"), "2024-S1": ("Semester I 2024", "2023-S1"),
             "2024-Q3": ("Triwulan III 2024", "2023-Q3"), "2024-09": ("September 2024", "2023-09"),
             "2024-Q1..2024-Q3": ("Triwulan I s.d. III 2024", "2023-Q1..2023-Q3"),
             "2024-01..2024-06": ("Januari 2024 s.d. Juni 2024", "2023-01..2023-06")}
    for key, (label, before) in cases.items():
        p = parse_period(key)
        assert period_label(p, "id") == label
        assert year_before(p).key == before
    assert period_label(parse_period("2024-Q1..2024-Q3"), "en") == "Q1–Q3 2024"
    assert year_before(parse_period("1000")) is None


def test_display_rounds_for_show_only_and_keeps_rupiah_exact():
    from indikator.report.model import Range, display

    assert display(100.74875405325126, "pct", "id") == "100,75"
    assert display(72.8 / 80 * 100, "pct", "id") == "91,00"
    assert display(1009683335.0, "money", "id") == "1.009.683.335"
    assert display(3574107185.33, "money", "id") == "3.574.107.185,33"
    assert display(79.143, "num", "id") == "79,14"
    assert display(15.0, "num", "id") == "15"
    assert display(1234.5, "num", "en") == "1,234.50"
    assert display(None, "num", "id") == "-"   # one missing mark (docs/decisions.md)
    assert display(Range(80.0, 90.5), "num", "id") == "80–90,50"
    assert display("BB", "num", "id") == "BB"


def test_reasons_are_grouped_translated_and_never_dropped():
    """Grouped by the problems' codes (never by reading the English sentence back)."""
    from indikator.messages import Problem
    from indikator.report.model import reasons

    msgs = [Problem("eng-no-data", {"what": "a", "period": "2023"}),
            Problem("eng-no-data", {"what": "b", "period": "2023"}),
            Problem("eng-skipped-many", {"fn": "sum", "text": "sum(a, b)", "k": 2}),
            Problem("ach-no-target", {"period": "2023"}), "something new"]
    assert reasons(msgs, "id", "2023") == ["2023: tidak ada data: a, b; tidak ada target; something new"]
    assert reasons(msgs, "en") == ["no data 2023: a, b", "no target for 2023", "something new"]
    zero = Problem("eng-division-by-zero", {"text": "a / b", "where": Problem("where-formula", {"indicator": "i"})})
    assert reasons([zero], "id") == ["pembagian dengan nol pada 'a / b' (rumus i)"]
    assert reasons([zero], "en") == ["division by zero (pembagian dengan nol) in 'a / b' (formula of i)"]
