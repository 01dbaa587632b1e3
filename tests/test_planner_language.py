"""What a planner meets running the bundled examples and bad inputs in both languages (issue 11's
review): library words quoted, numbers alike on every output, Indonesian names first."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from helpers import REPO_ROOT, run_cli

LUWU = REPO_ROOT / "definitions" / "luwu-timur"


@pytest.mark.parametrize("lang", ["id", "en"])
@pytest.mark.parametrize("name,content", [
    ("damaged.xlsx", b"this is not a workbook"),   # openpyxl: BadZipFile
    ("missing.xlsx", None),
    ("latin1.csv", "Indikator;Target\nKepuasan;80\xb0\n".encode("latin-1")),
])
def test_import_of_an_unreadable_table_says_why_without_an_internal_error(tmp_path: Path, lang: str, name: str,
                                                                           content: bytes | None) -> None:
    sheet = tmp_path / name
    if content is not None:
        sheet.write_bytes(content)
    r = run_cli("import", str(sheet), "-o", str(tmp_path / "out"), "--lang", lang)
    assert r.exit_code == 1, r.output
    internal = {"id": "galat internal", "en": "internal error"}[lang]
    assert internal not in r.output
    assert str(sheet) in r.output
    if lang == "id":    # the system's or library's English is quoted, never said as ours
        assert "tidak dapat membaca" in r.output or "tidak ada" in r.output, r.output
        unquoted = re.sub(r"“[^”]*”", "", r.output)
        assert not re.search(r"\b(File is not|Errno|codec|No such)\b", unquoted), r.output


@pytest.mark.parametrize("command", ["eval", "check"])
@pytest.mark.parametrize("name,content", [("damaged.xlsx", b"not a workbook"), ("damaged.parquet", b"xx")])
def test_a_damaged_file_quotes_the_reader_library_in_indonesian(tmp_path: Path, command: str, name: str,
                                                                 content: bytes) -> None:
    """The library's English (openpyxl's, Arrow's) is quoted as its words, as the YAML/JSON
    readers' are; English keeps the old sentence ``cannot read 'F': Kind: words``."""
    bad = tmp_path / name
    bad.write_bytes(content)
    option = ["--data", str(bad), "--period", "2024"] if command == "eval" else ["--holders", str(bad)]
    said = {lang: run_cli(command, str(LUWU), *option, "--lang", lang).output for lang in ("id", "en")}
    kind = "BadZipFile" if name.endswith(".xlsx") else "ArrowInvalid"
    assert re.search(rf"cannot read (roster )?'{re.escape(str(bad))}': {kind}: \S", said["en"]), said["en"]
    line = next(x for x in said["id"].splitlines() if str(bad) in x)
    assert re.search(rf"tidak dapat membaca .*'{re.escape(str(bad))}': kata pembaca berkas: “{kind}: [^”]+”$", line), line


SCALED = {
    "set.yaml": """version: 1
scales:
  ketat:
    - {min: 85.5, label: Baik, color: "#1a9850"}
    - {min: 60.25, label: Cukup, color: "#fee08b"}
    - {min: 0, label: Kurang, color: "#d73027"}
variables:
  - {id: nilai_ikm, label: Nilai IKM, unit: indeks}
elements:
  - id: s1
    level: agency_objective
    agency: Dinas Contoh
    statement: Meningkatnya layanan
    predicate_scale: ketat
    indicators:
      - {id: ikm, name: IKM, unit: indeks, formula: nilai_ikm, target: {2024: 80}}
""",
    "data/d.csv": "period,variable,value\n2024,nilai_ikm,70.5\n",
}


def test_serve_shows_a_scale_threshold_and_its_load_time_in_the_language(tmp_path: Path) -> None:
    """A band's lower bound 85.5 is ``85,50`` on every page, as in the report's legend (the
    explain page rounded it to ``86``, the tree's legend wrote ``85.5``); the check page's load
    time takes the language's decimal sign."""
    pytest.importorskip("flask")
    from helpers import write_tree
    from indikator.serve import Workspace, create_app

    write_tree(tmp_path, SCALED)
    for lang, shown, wrong in (("id", "85,50", "85.5"), ("en", "85.50", "85,5")):
        client = create_app(Workspace(str(tmp_path), [str(tmp_path / "data")]), "2024", lang=lang).test_client()
        explain = client.get("/explain/ikm").get_data(as_text=True)   # 70.5 / 80: 88,13, Baik (≥ 85.5)
        tree = client.get("/").get_data(as_text=True)                 # the scale's legend
        for page in (explain, tree):
            assert f"≥ {shown}" in page, page
            assert not re.search(rf"≥ (86|{re.escape(wrong)})(?![\d])", page)
        check = client.get("/check").get_data(as_text=True)
        seconds = re.search(r"(\d+[.,]\d+) s\b", check)
        assert seconds, check
        assert seconds.group(1)[-3] == {"id": ",", "en": "."}[lang]


def test_serve_shows_targets_actuals_and_budgets_as_eval_and_the_report_do() -> None:
    """Luwu Timur's 'ketepatan waktu' target is 98 and its PKS actual 14 in eval's table, the
    report and the chart; the element page said 98,00 and 14,00, and a budget realisation of
    3.574.107.185,33 lost its cents (the report keeps them)."""
    pytest.importorskip("flask")
    from indikator.serve import Workspace, create_app

    client = create_app(Workspace(str(LUWU), [str(LUWU / "data")]), "2024-Q1..2024-Q3", lang="id").test_client()
    s1 = client.get("/element/dukcapil.s1?period=2024-Q1..2024-Q3").get_data(as_text=True)
    cells = re.findall(r"<td[^>]*>\s*([\d.,]+)\s*</td>", s1)
    assert "98" in cells and "14" in cells and "15" in cells, cells
    assert not {"98,00", "14,00", "15,00"} & set(cells), cells
    s3 = client.get("/element/dukcapil.s3?period=2024-Q1..2024-Q3").get_data(as_text=True)
    assert "3.574.107.185,33" in s3
    explain = client.get("/explain/ketepatan_waktu?period=2024-Q1..2024-Q3").get_data(as_text=True)
    assert re.search(r">\s*98\s*<", explain) and not re.search(r">\s*98,00\s*<", explain)


@pytest.mark.parametrize("extra,english", [
    (["one"], "Got unexpected extra argument (one)"),            # click's singular, as before session 3
    (["one", "two"], "Got unexpected extra arguments (one two)"),
])
def test_extra_arguments_keep_clicks_english_number(extra: list[str], english: str) -> None:
    r = run_cli("check", str(LUWU), *extra, "--lang", "en")
    assert r.exit_code == 2
    assert f"Error: {english}\n" in r.output, r.output
    r = run_cli("check", str(LUWU), *extra, "--lang", "id")
    assert r.exit_code == 2 and f"Galat: Ada argumen yang tidak dikenal ({' '.join(extra)})" in r.output, r.output


@pytest.mark.parametrize("command,content,english,indonesian", [
    ("check", "jabatan;nama\njab.kadis;A\n", "required column 'id' (or 'nip')", "kolom wajib 'nip' (atau 'id')"),
    ("eval", "periode,variabel\n2024,x\n", "required column 'value' (or 'nilai')", "kolom wajib 'nilai' (atau 'value')"),
    ("eval", "periode,variabel,nlai\n2024,x,1\n", "required column 'value' (or 'nilai') is missing; is column 'nlai'",
     "kolom wajib 'nilai' (atau 'value') tidak ada; apakah kolom 'nlai'"),
])
def test_a_missing_column_is_named_first_in_the_planners_language(tmp_path: Path, command: str, content: str,
                                                                   english: str, indonesian: str) -> None:
    f = tmp_path / "t.csv"
    f.write_text(content, encoding="utf-8")
    option = ["--holders", str(f)] if command == "check" else ["--data", str(f), "--period", "2024"]
    assert english in run_cli(command, str(LUWU), *option, "--lang", "en").output
    assert indonesian in run_cli(command, str(LUWU), *option, "--lang", "id").output


def test_explain_values_go_through_babel_once_per_distinct_value(monkeypatch: pytest.MonkeyPatch) -> None:
    """The house rule: every shown number through Babel at least once per distinct value
    (explain's six significant digits were Python's ``%g`` with the decimal sign swapped)."""
    from indikator.output import numbers

    calls = []
    real = numbers.format_decimal
    monkeypatch.setattr(numbers, "_PRECISE", {})
    monkeypatch.setattr(numbers, "format_decimal", lambda *a, **k: calls.append(a) or real(*a, **k))
    for _ in range(3):
        assert [numbers.precise(x, "id") for x in (99.72570373287346, 1e-7, 7042932613.4)] == \
               ["99,7257", "0,0000001", "7042932613"]
    assert len(calls) == 3


@pytest.mark.parametrize("lang,said", [("en", "the data files hold no figures"),
                                       ("id", "berkas data tidak berisi angka satu pun")])
def test_data_files_without_a_figure_say_so_instead_of_an_empty_span(tmp_path: Path, lang: str, said: str) -> None:
    """A header-only CSV (or a blank entry form) warned 'data cover -..-'."""
    f = tmp_path / "kosong.csv"
    f.write_text("period,variable,value\n", encoding="utf-8")
    r = run_cli("eval", str(LUWU), "--data", str(f), "--period", "2024", "--lang", lang)
    assert r.exit_code == 0, r.output
    assert said in r.output and "-..-" not in r.output, r.output


def test_explain_names_the_polarity_in_the_language() -> None:
    """'metode capaian: positif: … (polaritas positive)' mixed the YAML keyword into Indonesian;
    the definitions accept positif/negatif/rentang (PRODUCT.md §2)."""
    args = ("explain", str(LUWU), "ikm", "--period", "2024-Q1..2024-Q3", "--data", str(LUWU / "data"))
    assert "(polaritas positif)" in run_cli(*args, "--lang", "id").output
    assert "(polarity positive)" in run_cli(*args, "--lang", "en").output
    pytest.importorskip("flask")
    from indikator.serve import Workspace, create_app

    client = create_app(Workspace(str(LUWU), [str(LUWU / "data")]), "2024-Q1..2024-Q3", lang="id").test_client()
    page = client.get("/explain/ikm?period=2024-Q1..2024-Q3").get_data(as_text=True)
    assert re.search(r"\(\s*positif\s*\)", page) and not re.search(r"\(\s*positive\s*\)", page)


@pytest.mark.parametrize("indicator,rule_id,rule_en", [("ketepatan_waktu", "jumlah", "sum"),
                                                       ("cakupan_kk", "nilai terakhir", "last")])
def test_explain_says_the_period_aggregation_in_words(indicator: str, rule_id: str, rule_en: str) -> None:
    """'sum atas data di dalam periode' began an Indonesian line with the keyword; the key as
    written (agregasi_periode sum) stays in parentheses."""
    args = ("explain", str(LUWU), indicator, "--period", "2024-Q1..2024-Q3", "--data", str(LUWU / "data"))
    said_id = run_cli(*args, "--lang", "id").output
    assert f"{rule_id} atas data di dalam periode (agregasi_periode {rule_en})" in said_id, said_id
    assert f"{rule_en} over the points inside the period (period_aggregation {rule_en})" in \
        run_cli(*args, "--lang", "en").output


NUMBER_SLIPS = {
    "a.yaml": """version: 1
variabel:
  - {id: dok, label: Dokumen dicetak, satuan: dokumen}
elemen:
  - id: s1
    tingkat: sasaran_strategis
    perangkat_daerah: Dinas Contoh
    uraian: Meningkatnya layanan
    anggaran: {2024: {pagu: sejuta, realisasi: 5}}
    indikator:
      - {id: i1, nama: Dokumen, satuan: dokumen, rumus: dok, target: {2024: 1.5}}
      - {id: i2, nama: Dokumen 2, satuan: dokumen, rumus: dok, target: {2024: abc}}
      - {id: i3, nama: Dokumen 3, satuan: "%", rumus: dok, target: {2024: "81,33"}}
      - {id: i4, nama: Dokumen 4, satuan: "%", rumus: dok, target: {2024: 81,33}}
""",
}


def test_check_says_the_definitions_number_slips_in_indonesian(tmp_path: Path) -> None:
    """The planners' commonest slips in a definition (81,33 in machine format, a split 81,33, a
    fractional count, a word for a number) were rendered in English when read (load/numbers.py)
    and stayed English under --lang id; 'the budget' was 'budget' in Indonesian too."""
    from helpers import write_tree
    from test_lang_id import english_words

    write_tree(tmp_path, NUMBER_SLIPS)
    said = {lang: run_cli("check", str(tmp_path), "--lang", lang).output for lang in ("id", "en")}
    assert said["id"].count("galat:") == 4 and "peringatan:" in said["id"], said["id"]
    own = {"Dokumen", "dokumen", "Dinas Contoh", "Meningkatnya layanan", str(tmp_path)}
    excerpts = {line.strip() for line in NUMBER_SLIPS["a.yaml"].splitlines()}
    assert not english_words(said["id"], own | excerpts), said["id"]
    assert english_words(said["en"], own | excerpts)
    assert "anggaran 'sejuta' bukan angka" in said["id"] and "the budget 'sejuta' is not a number" in said["en"]


def test_check_lists_the_allowed_values_and_quotes_yaml_in_indonesian(tmp_path: Path) -> None:
    """'… 'rata2' or 'maks'' (pydantic's English 'or') and PyYAML's words unquoted in an
    Indonesian line; English as pydantic and the loader said it."""
    from helpers import write_tree

    write_tree(tmp_path, {"a.yaml": "version: 1\nvariabel:\n  - {id: dok, label: D, agregasi_periode: jumlahkan}\n",
                          "b.yaml": "version: 1\nelemen: [\n"})
    said = {lang: run_cli("check", str(tmp_path), "--lang", lang).output for lang in ("id", "en")}
    assert re.search(r"harus salah satu dari 'sum', .*'rata2' atau 'maks'; tertulis 'jumlahkan'", said["id"]), said["id"]
    assert re.search(r"must be one of 'sum', .*'rata2' or 'maks'; got 'jumlahkan'", said["en"]), said["en"]
    assert re.search(r"YAML tidak sah \(kata pembaca YAML: “[^”]+”\)", said["id"]), said["id"]
    assert re.search(r"invalid YAML: \w", said["en"])


def test_a_scale_band_without_min_is_named_as_a_band(tmp_path: Path) -> None:
    """It was 'the file's top level is missing the required key 'min'' at the band's line."""
    from helpers import write_tree

    write_tree(tmp_path, {"a.yaml": "version: 1\nscales:\n  ketat:\n    - {min: 85.5, label: Baik}\n"
                                    "    - {label: Kurang}\n"})
    said = {lang: run_cli("check", str(tmp_path), "--lang", lang, "--no-cache").output for lang in ("en", "id")}
    assert "a.yaml:5:7: error: scale band is missing the required key 'min'" in said["en"], said["en"]
    assert "top level" not in said["en"] and "tingkat teratas" not in said["id"]


@pytest.mark.parametrize("text,reading", [("1.234.567,5", "1234567.5"), ("81,33", "81.33"), ("7.042.932.613", "7042932613")])
def test_the_locale_hint_names_the_whole_indonesian_reading(tmp_path: Path, text: str, reading: str) -> None:
    """'with --locale id it reads as 1.23457e+06' lost the planner's digits (Python's %g)."""
    f = tmp_path / "d.csv"
    f.write_text(f'period,variable,value\n2024,skor_ikm,"{text}"\n', encoding="utf-8")
    out = run_cli("eval", str(LUWU), "--period", "2024", "--data", str(f), "--lang", "en").output
    assert f"with --locale id it reads as {reading};" in out, out
    assert "e+" not in out
