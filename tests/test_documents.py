"""Documents for the LKjIP (PRODUCT.md §9): DOCX and PDF reports, A4 chart pages, signatory.

Every check re-opens what was written, as a planner's Word or PDF reader would: python-docx
for the .docx, pypdf for page sizes and text.
"""
from __future__ import annotations

import io
import os
import re
import shutil
from pathlib import Path

import pytest

from helpers import REPO_ROOT, run_cli, write_tree

LUWU = REPO_ROOT / "definitions" / "luwu-timur"
PERIOD = "2024-Q1..2024-Q3"
A4_LANDSCAPE_PT = (841.89, 595.28)
# a canonical period key (2024, 2024-Q3, 2024-S1, 2024-09, ranges with "..") standing where words should
CANONICAL = re.compile(r"\b\d{4}-(?:Q[1-4]|S[12]|\d{2})\b|\d{4}\.\.\d{4}")
needs_dot = pytest.mark.skipif(shutil.which("dot") is None, reason="Graphviz's dot is not installed")


def _weasyprint_ok() -> bool:
    try:
        import weasyprint  # noqa: F401
    except (ImportError, OSError):
        return False
    return True


needs_weasyprint = pytest.mark.skipif(not _weasyprint_ok(), reason="WeasyPrint/Pango not available")


def _report(out: Path, *extra: str):
    args = ["report", str(LUWU)]
    for f in ["kinerja_2024.csv", "dkb_2024_s1.csv", "layanan_2024.csv", "contoh_iki.csv"]:
        args += ["--data", str(LUWU / "data" / f)]
    return run_cli(*args, "--period", PERIOD, "-o", str(out), *extra)


def _internal_ids() -> set[str]:
    from indikator.load import load_definitions

    dset, _ = load_definitions(str(LUWU))
    ids = set(dset.elements) | set(dset.indicators) | set(dset.variables)
    # ids a word could equal by chance ("program") are not evidence of a leak
    return {i for i in ids if any(ch in i for ch in "._-") or any(ch.isdigit() for ch in i)}


@pytest.fixture(scope="module")
def docx_path(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("docx") / "lkjip.docx"
    res = _report(out, "--date", "2023-12-31")
    assert res.exit_code == 0, res.output
    return out


def _cell_texts(doc) -> list[str]:
    return [c.text for t in doc.tables for r in t.rows for c in r.cells]


def test_docx_is_a4_landscape_with_real_tables_and_repeated_headers(docx_path):
    from docx import Document
    from docx.enum.section import WD_ORIENT
    from docx.oxml.ns import qn

    doc = Document(str(docx_path))
    for s in doc.sections:
        assert s.orientation == WD_ORIENT.LANDSCAPE
        assert round(s.page_width.cm, 1) == 29.7 and round(s.page_height.cm, 1) == 21.0
    # the same tables as the HTML report, built from the same model
    from indikator.engine import Engine
    from indikator.load import load_definitions
    from indikator.data.readers import read_data
    from indikator.data.store import DataStore
    from indikator.report import build_report

    assert len(doc.tables) >= 10
    for t in doc.tables:
        first = t.rows[0]._tr
        assert first.trPr is not None and first.trPr.find(qn("w:tblHeader")) is not None
    titles = [p.text for p in doc.paragraphs]
    assert "Pengukuran Kinerja Sasaran Strategis 1" in titles
    # numbers right-aligned, in the Indonesian format
    pk = next(t for t in doc.tables if t.rows[0].cells[1].text == "Indikator Kinerja")
    row = next(r for r in pk.rows if r.cells[1].text == "Indeks Kepuasan Masyarakat")
    assert [row.cells[k].text for k in (3, 4, 5)] == ["81,33", "79,14", "97,31"]
    assert row.cells[5].paragraphs[0].alignment == 2      # WD_ALIGN_PARAGRAPH.RIGHT
    del Engine, load_definitions, read_data, DataStore, build_report


def test_docx_title_and_signature_block(docx_path):
    from docx import Document

    text = "\n".join(p.text for p in Document(str(docx_path)).paragraphs)
    assert "LAPORAN PENGUKURAN KINERJA" in text and "Disdukcapil Luwu Timur" in text
    assert "Periode: Triwulan I s.d. III 2024" in text
    assert "Permendagri Nomor 86 Tahun 2017" in text
    lines = text.splitlines()
    k = lines.index("Malili, 31 Desember 2023")
    assert lines[k + 1] == "Kepala Dinas Kependudukan dan Pencatatan Sipil"
    assert "Contoh Kepala Dinas, S.STP., M.Si" in lines[k + 2:] and "NIP. 197001012000031001" in lines[k + 2:]


def test_docx_cells_show_no_period_key_or_internal_id(docx_path):
    from docx import Document

    ids = _internal_ids()
    for text in _cell_texts(Document(str(docx_path))):
        assert not CANONICAL.search(text), text
        assert not (set(re.findall(r"[A-Za-z0-9_.-]+", text)) & ids), text


@pytest.mark.parametrize("lang, date_text", [("id", "Malili, 17 Agustus 2024"), ("en", "Malili, 17 August 2024")])
def test_signature_date_in_the_reports_language(tmp_path, lang, date_text):
    from docx import Document

    out = tmp_path / "r.docx"
    assert _report(out, "--date", "2024-08-17", "--lang", lang).exit_code == 0
    assert date_text in [p.text for p in Document(str(out)).paragraphs]


@needs_weasyprint
def test_pdf_report_pages_are_a4_landscape_numbered_without_period_keys(tmp_path):
    out = tmp_path / "lkjip.pdf"
    res = _report(out, "--date", "2023-12-31")
    assert res.exit_code == 0, res.output
    _assert_a4_numbered_with_signature(out)


def test_unknown_report_format_is_a_usage_error(tmp_path):
    res = _report(tmp_path / "x.odt")
    assert res.exit_code == 2 and ".docx" in res.output


# ----------------------------------------------------------------------------- the chart on A4
@needs_dot
@pytest.mark.parametrize("ids", [False, True])
def test_render_pdf_is_a4_pages_with_title_legend_and_number(tmp_path, ids):
    from pypdf import PdfReader

    out = tmp_path / "pohon.pdf"
    args = ["render", str(LUWU), "--data", str(LUWU / "data" / "kinerja_2024.csv"),
            "--data", str(LUWU / "data" / "layanan_2024.csv"), "--data", str(LUWU / "data" / "dkb_2024_s1.csv"),
            "--period", PERIOD, "-o", str(out)] + (["--ids"] if ids else [])
    res = run_cli(*args)
    assert res.exit_code == 0, res.output
    reader = PdfReader(str(out))
    n = len(reader.pages)
    assert n > 5
    texts = [p.extract_text() for p in reader.pages]
    for k, (page, text) in enumerate(zip(reader.pages, texts), 1):
        assert (float(page.mediabox.width), float(page.mediabox.height)) == pytest.approx(A4_LANDSCAPE_PT, abs=1)
        assert f"Halaman {k} dari {n}" in text
        assert "Triwulan I s.d. III 2024" in text and "Sangat Tinggi" in text     # title and legend
        assert not CANONICAL.search(text)
    whole = "\n".join(texts)
    assert "Pohon Kinerja Disdukcapil Luwu Timur" in whole and "lanjutan" in whole
    assert ("dukcapil.s1" in whole) == ids
    assert "3,00" not in whole      # counts without decimals


@needs_dot
def test_render_pages_as_numbered_svg_files(tmp_path):
    out = tmp_path / "pohon.svg"
    res = run_cli("render", str(LUWU), "--page", "a4", "-o", str(out))
    assert res.exit_code == 0, res.output
    pages = sorted(tmp_path.glob("pohon-*.svg"))
    assert pages and pages[0].name == "pohon-01.svg" and not out.exists()
    assert len(pages) == res.output.count("menulis ")     # render speaks Indonesian by default (§12)
    assert "Halaman 1 dari" in pages[0].read_text(encoding="utf-8")


@needs_dot
@pytest.mark.parametrize("split", [["--page", "a4"], ["--split", "agency"]], ids=["a4-pages", "agency-files"])
def test_a_chart_of_several_files_is_written_whole_or_not_at_all(tmp_path, split):
    """A page that cannot be written (here: a folder has its name) stops the run before any page
    is replaced: never new pages beside old ones. Then a shorter chart over a longer one's pages
    says which older page files are left."""
    out = tmp_path / "pohon.svg"
    assert run_cli("render", str(LUWU), *split, "-o", str(out)).exit_code == 0
    pages = sorted(tmp_path.glob("pohon-*.svg"))
    old = {p: p.read_bytes() for p in pages}
    blocked = pages[-1]
    blocked.unlink()
    blocked.mkdir()
    res = run_cli("render", str(LUWU), *split, "--data", str(LUWU / "data"), "--period", PERIOD, "--lang", "en",
                  "-o", str(out))
    assert res.exit_code == 1 and f"cannot write {blocked}" in res.output, res.output
    assert all(p.read_bytes() == b for p, b in old.items() if p != blocked)     # coloured pages not written
    assert not list(tmp_path.glob(".indikator-*"))
    blocked.rmdir()
    if split[0] == "--page":
        extra = [tmp_path / f"pohon-{len(pages) + k}.svg" for k in (1, 2)]
        for e in extra:
            e.write_bytes(b"<svg/>")
        res = run_cli("render", str(LUWU), *split, "--lang", "id", "-o", str(out))
        assert res.exit_code == 0
        assert f"2 berkas halaman dari gambar sebelumnya masih ada di folder ini ({extra[0]} … {extra[1]})" in res.output


@needs_dot
def test_agency_objective_pages_fit_without_shrinking_below_7pt():
    """Pages of sasaran strategis subtrees are split until their smallest text prints at 7 pt or more."""
    from indikator.load import load_definitions
    from indikator.render import RenderOptions
    from indikator.render.pages import MIN_SCALE, natural_scale, page_graph, plan

    dset, _ = load_definitions(str(LUWU))
    opts = RenderOptions()

    def measure(page):
        return natural_scale(page_graph(dset, page, {}, {}, opts, "x", (1, 1), []))

    pages = plan(dset, opts, measure)
    objective = [p for p in pages if p.kind == "objective"]
    assert objective and all(p.scale >= MIN_SCALE for p in objective)
    assert any(p.kind == "region" for p in pages) and any(p.kind == "positions" for p in pages)
    # every non-position element is on some page, as a box or in the context box (tujuan PD)
    drawn = {e for p in pages for e in p.nodes + p.context}
    assert {e for e, el in dset.elements.items() if el.level != "position"} <= drawn


# ----------------------------------------------------------------------------- signatory in the loader
@pytest.mark.parametrize("keys", [
    ("signatory", "name", "position", "place"), ("penandatangan", "nama", "jabatan", "tempat")])
def test_signatory_is_read_in_both_languages(tmp_path, keys):
    from indikator.load import load_definitions

    top, name, position, place = keys
    write_tree(tmp_path, {"a.yaml": f"""\
        version: 1
        agency: Dinas Uji
        {top}: {{{name}: Budi, nip: "1990", {position}: Kepala Dinas, {place}: Malili}}
        """})
    dset, diags = load_definitions(str(tmp_path))
    assert [d for d in diags if d.is_error] == []
    sig = dset.signatories["Dinas Uji"]
    assert (sig.name, sig.nip, sig.position, sig.place) == ("Budi", "1990", "Kepala Dinas", "Malili")


def test_signatory_without_agency_is_an_error(tmp_path):
    from indikator.load import load_definitions

    write_tree(tmp_path, {"a.yaml": "version: 1\nsignatory: {name: Budi}\n"})
    _, diags = load_definitions(str(tmp_path))
    assert [d.code for d in diags if d.is_error] == ["signatory-without-agency"]


def test_custom_scale_title_names_the_scale_in_documents(tmp_path):
    from indikator.load import load_definitions
    from indikator.model import scale_title

    write_tree(tmp_path, {"a.yaml": """\
        version: 1
        skala:
          perbup:
            judul: Peraturan Bupati Nomor 12 Tahun 2022
            kelas: [{min: 90, label: Baik}, {min: 0, label: Kurang}]
        """})
    dset, diags = load_definitions(str(tmp_path))
    assert [d for d in diags if d.is_error] == []
    assert scale_title(dset.scales["perbup"]) == "Peraturan Bupati Nomor 12 Tahun 2022"
    assert scale_title(dset.scales["permendagri86"]) == "Permendagri Nomor 86 Tahun 2017"
    assert [b.label for b in dset.scales["perbup"].bands] == ["Baik", "Kurang"]


# ----------------------------------------------------------------------------- footnotes in plain words
def _p(code: str, **params):
    from indikator.messages import Problem

    return Problem(code, params)


# the engine's problems are codes with parameters (issue 11): the footnotes group them by code
@pytest.mark.parametrize("lang, messages, expected", [
    ("id", [_p("eng-no-data", what="Nilai IKM (skor_ikm)", period="2023-Q1..2023-Q3", variable="skor_ikm"),
            _p("eng-no-data", what="Jumlah cetak (cetak)", period="2023-Q1..2023-Q3", variable="cetak"),
            _p("eng-skipped-one", fn="sum", text="cetak + 1", k=1)],
     ["Data realisasi Triwulan I s.d. III 2023 belum tersedia: Nilai IKM, Jumlah cetak."]),
    ("en", [_p("eng-no-data", what="Nilai IKM (skor_ikm)", period="2024-S1", variable="skor_ikm")],
     ["Actual data for Semester 1 2024 is not yet available: Nilai IKM."]),
    ("id", [_p("ach-no-target", period="2025")], ["Target Tahun 2025 belum ditetapkan."]),
    ("id", [_p("ach-target-zero-positive")], ["Target bernilai 0, sehingga capaian tidak dapat dihitung."]),
    ("id", [_p("eng-left-out", what=_p("w-indicator"), id="ind.a", why=_p("w-missing")),
            _p("eng-left-out", what=_p("w-indicator"), id="ind.b", why=_p("w-missing"))],
     ["Indikator “Nama A”, “Nama B” tidak ikut dirata-rata karena capaiannya belum tersedia."]),
    ("id", [_p("eng-no-actual", indicator="ind.a", period="2024-09")], ["Realisasi September 2024 belum tersedia: Nama A."]),
    ("id", ["something the engine says in a new way"], ["something the engine says in a new way"]),
])
def test_engine_reasons_become_plain_sentences(lang, messages, expected):
    from indikator.report.footnotes import plain_reasons

    names = {"ind.a": "Nama A", "ind.b": "Nama B"}
    labels = {"skor_ikm": "Nilai IKM", "cetak": "Jumlah cetak"}
    out = plain_reasons(messages, lang, names, labels)
    assert out == expected
    for text in out:
        assert not CANONICAL.search(text) and "skor_ikm" not in text and "ind.a" not in text


def test_footnotes_keep_one_number_per_sentence():
    from indikator.report.footnotes import Footnoter, marker

    fn = Footnoter()
    assert fn.refs(["b", "a"]) == [1, 2] and fn.refs(["a", "c"]) == [2, 3]
    assert marker([2, 13]) == "²,¹³" and fn.lines()[0] == "¹ b"


def test_pdf_report_without_weasyprint_is_a_message_not_a_traceback(tmp_path, monkeypatch):
    """Without WeasyPrint (or Pango's libraries) `report -o x.pdf` says what to install, exit 1."""
    import sys

    monkeypatch.setitem(sys.modules, "weasyprint", None)      # import fails as when it is missing
    out = tmp_path / "x.pdf"
    res = _report(out)
    assert res.exit_code == 1 and "libpango" in res.output and not out.exists()
    assert "Traceback" not in res.output


def _chromium() -> str | None:
    from indikator.report.pdf import find_chromium

    return find_chromium()


@pytest.mark.skipif(_chromium() is None and os.environ.get("INDIKATOR_E2E_REQUIRED") != "1",
                    reason="no Chromium installed")
def test_pdf_report_through_chromium_is_the_same_a4_document(tmp_path, monkeypatch):
    """Large reports print through Chromium (WeasyPrint does not finish a region's report):
    forced here on the example, the pages are A4 landscape, numbered, with the signature."""
    monkeypatch.setenv("INDIKATOR_PDF_ENGINE", "chromium")
    out = tmp_path / "lkjip.pdf"
    res = _report(out, "--date", "2023-12-31")
    assert res.exit_code == 0, res.output
    _assert_a4_numbered_with_signature(out)


@pytest.mark.parametrize("lang, words", [("en", "no Chromium was found"),
                                         ("id", "tetapi Chromium tidak ditemukan")])
def test_forced_chromium_without_a_browser_is_a_message(tmp_path, monkeypatch, lang, words):
    monkeypatch.setenv("INDIKATOR_PDF_ENGINE", "chromium")
    monkeypatch.setenv("INDIKATOR_CHROMIUM", str(tmp_path / "no-such-browser"))
    out = tmp_path / "x.pdf"
    res = _report(out, "--lang", lang)
    assert res.exit_code == 1 and words in res.output and not out.exists(), res.output
    assert "Traceback" not in res.output


def _assert_a4_numbered_with_signature(out: Path) -> None:
    """Every page A4 landscape and numbered "Halaman k dari n", no canonical period key, the signature."""
    from pypdf import PdfReader

    reader = PdfReader(str(out))
    assert len(reader.pages) > 3
    for k, page in enumerate(reader.pages, 1):
        assert (float(page.mediabox.width), float(page.mediabox.height)) == pytest.approx(A4_LANDSCAPE_PT, abs=1)
        text = page.extract_text()
        assert f"Halaman {k} dari {len(reader.pages)}" in text
        assert not CANONICAL.search(text), text
    whole = "\n".join(p.extract_text() for p in reader.pages)
    assert "Malili, 31 Desember 2023" in whole and "NIP. 197001012000031001" in whole


@pytest.mark.parametrize("small, expect", [
    ([3], ["halaman 3 (Pohon Kinerja Dinas X) tetap terlalu besar untuk A4: teks diperkecil sampai 6,5 pt"]),
    ([2, 3, 4, 5, 6, 9, 11, 12], ["8 halaman tetap terlalu besar untuk A4: teksnya diperkecil sampai 6,5 pt "
                                 "(halaman 2–6, 9, 11–12)"]),
])
def test_pages_that_stay_too_small_are_said_in_one_line_when_many(small, expect):
    """A whole region's PDF has ~2,000 such pages: one line with the runs of page numbers, not
    2,000 lines."""
    from indikator.render.pages import Page, _too_small

    pages = [Page("objective", "Dinas X", [], scale=0.65 if k in small else 1.0) for k in range(1, 15)]
    assert _too_small(None, pages, "id") == expect


def test_many_runs_of_too_small_pages_end_with_an_ellipsis():
    from indikator.render.pages import TOO_SMALL_RUNS, Page, _too_small

    pages = [Page("objective", "Dinas X", [], scale=0.6 if k % 2 else 1.0) for k in range(1, 2 * TOO_SMALL_RUNS + 6)]
    (line,) = _too_small(None, pages, "en")
    assert line.startswith(f"{TOO_SMALL_RUNS + 3} pages are still too large for A4") and line.endswith(", …)")
