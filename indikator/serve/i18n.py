"""The words of the web page, in Indonesian (the default) and English.

Column names of the measurement tables come from
:data:`indikator.output.evaluation.LABELS`, so the page, the terminal table
and the reports call a figure by the same name; this module adds the words
only the page needs.
"""
from __future__ import annotations

from ..output.evaluation import LABELS
from ..model import LEVEL_LABELS

UI = {
    "id": {
        "app": "indikator", "tree": "Pohon Kinerja", "positions": "Jabatan & IKI", "check": "Pemeriksaan",
        "period": "Periode", "search": "Cari id atau kata uraian…", "language": "Bahasa",
        "downloads": "Unduh", "report_html": "Laporan (HTML)", "report_xlsx": "Laporan (XLSX)",
        "chart_svg": "Bagan (SVG)", "chart_pdf": "Bagan (PDF)", "show": "Tampilkan",
        "whole_tree": "Seluruh pohon", "branch_of": "Cabang", "depth": "Kedalaman", "all_levels": "semua tingkat",
        "levels_below": "tingkat di bawah", "agency_filter": "Perangkat daerah", "all_agencies": "semua",
        "region_only": "tingkat daerah saja",
        "show_branch": "Tampilkan cabang ini saja", "open_source": "Buka berkas",
        "supports": "Mendukung", "supported_by": "Didukung oleh", "owner": "Penanggung jawab",
        "holders": "Pemegang", "nip": "NIP", "name": "Nama", "budget": "Anggaran",
        "explain": "Uraikan", "derivation": "Uraian perhitungan", "formula": "Rumus",
        "no_formula": "tanpa rumus — realisasi diambil dari data dengan id indikator",
        "value": "Nilai", "meaning": "Arti", "origin": "Asal", "target_key": "dari kunci",
        "no_target": "tidak ada target untuk", "method": "Metode capaian", "cap": "Batas capaian",
        "none": "tidak ada", "scale": "skala", "rounded": "dari capaian dibulatkan",
        "element_achievement": "Capaian elemen", "messages": "Keterangan",
        "no_indicators": "Elemen ini tidak punya indikator.",
        "children_mean": "Capaian = rata-rata capaian elemen pendukung (capaian: anak).",
        "problems": "masalah", "position_note": "Angka per pemegang jabatan, dari data NIP masing-masing; capaian jabatan adalah rata-rata para pemegangnya (sama di pohon, laporan dan eval).", "summary": "Ringkasan", "indicators_by_predicate": "Indikator per predikat", "below_target": "Capaian terendah (di bawah 100 %)", "did_you_mean": "maksudnya:", "note": "catatan", "sev_error": "galat", "sev_warning": "peringatan", "errors": "galat", "warnings": "peringatan", "no_problems": "Tidak ada masalah.",
        "broken_title": "Definisi atau data tidak lolos pemeriksaan",
        "broken_help": "Pohon kinerja tidak ditampilkan sampai kesalahan di bawah ini diperbaiki. "
                       "Simpan berkasnya lalu muat ulang halaman ini.",
        "error_title": "Terjadi kesalahan", "error_help": "Kesalahan ini sudah dicatat di log server. "
                       "Server tetap berjalan; kembali ke halaman utama.",
        "not_found": "Tidak ditemukan", "not_found_help": "Halaman atau berkas ini tidak ada atau tidak boleh ditampilkan.",
        "back": "Kembali", "home": "Halaman utama", "legend": "Predikat", "no_data": "tanpa data",
        "no_figures": "tanpa indikator", "no_figures_help": "visi, misi dan elemen tanpa indikator tidak diwarnai",
        "click_hint": "Klik sebuah kotak untuk melihat indikatornya. Seret untuk menggeser, gulir untuk memperbesar.",
        "collapse": "ciutkan cabang", "expand": "bentangkan cabang", "expand_all": "Bentangkan semua",
        "elements": "elemen", "indicators_n": "indikator", "files": "berkas", "loaded": "dimuat",
        "no_positions": "Tidak ada elemen tingkat jabatan.", "no_holders": "belum ada pemegang",
        "position_achievement": "Capaian jabatan", "holders_mean": "Capaian jabatan: rata-rata pemegang", "entity": "Entitas", "no_entity": "(tanpa entitas)",
        "level": "Tingkat", "agency": "Perangkat daerah", "line": "baris", "results": "hasil",
        "no_results": "tidak ada yang cocok", "not_in_view": "di luar tampilan — buka cabangnya",
        "eval_errors": "Kesalahan data saat menghitung", "bad_period": "Periode tidak dikenal",
        "pagu": "Pagu", "no_budget": "tanpa anggaran", "report_missing": "Modul laporan belum tersedia",
        "status": "Status", "close": "Tutup", "large_tree": "Pohon ini besar ({n} elemen): ditampilkan {shown}. "
                       "Pilih perangkat daerah, kedalaman, atau cari sebuah elemen untuk membuka cabangnya.",
    },
    "en": {
        "app": "indikator", "tree": "Performance tree", "positions": "Positions & IKI", "check": "Check",
        "period": "Period", "search": "Search id or words…", "language": "Language",
        "downloads": "Download", "report_html": "Report (HTML)", "report_xlsx": "Report (XLSX)",
        "chart_svg": "Chart (SVG)", "chart_pdf": "Chart (PDF)", "show": "Show",
        "whole_tree": "Whole tree", "branch_of": "Branch", "depth": "Depth", "all_levels": "all levels",
        "levels_below": "levels below", "agency_filter": "Agency", "all_agencies": "all",
        "region_only": "region levels only",
        "show_branch": "Show only this branch", "open_source": "Open file",
        "supports": "Supports", "supported_by": "Supported by", "owner": "Owner",
        "holders": "Holders", "nip": "NIP", "name": "Name", "budget": "Budget",
        "explain": "Explain", "derivation": "Derivation", "formula": "Formula",
        "no_formula": "no formula — the actual is the data under the indicator's id",
        "value": "Value", "meaning": "Means", "origin": "From", "target_key": "from key",
        "no_target": "no target for", "method": "Achievement method", "cap": "Cap",
        "none": "none", "scale": "scale", "rounded": "from the achievement rounded to",
        "element_achievement": "Element achievement", "messages": "Notes",
        "no_indicators": "This element has no indicators.",
        "children_mean": "Achievement = mean of the supporting elements' achievements (achievement: children).",
        "problems": "problems", "position_note": "Figures per holder, from the data of each NIP; the position's achievement is its holders' mean (the same in the tree, the report and eval).", "summary": "Summary", "indicators_by_predicate": "Indicators by predicate", "below_target": "Lowest achievements (below 100 %)", "did_you_mean": "did you mean:", "note": "note", "sev_error": "error", "sev_warning": "warning", "errors": "errors", "warnings": "warnings", "no_problems": "No problems.",
        "broken_title": "The definitions or the data do not check",
        "broken_help": "The performance tree is not shown until the errors below are fixed. "
                       "Save the file and reload this page.",
        "error_title": "Something went wrong", "error_help": "The error has been written to the server's log. "
                       "The server is still running; go back to the main page.",
        "not_found": "Not found", "not_found_help": "This page or file does not exist or may not be shown.",
        "back": "Back", "home": "Main page", "legend": "Predicate", "no_data": "no data",
        "no_figures": "no indicators", "no_figures_help": "vision, missions and elements without indicators are not coloured",
        "click_hint": "Click a box to see its indicators. Drag to pan, scroll to zoom.",
        "collapse": "collapse branch", "expand": "expand branch", "expand_all": "Expand all",
        "elements": "elements", "indicators_n": "indicators", "files": "files", "loaded": "loaded",
        "no_positions": "There are no position elements.", "no_holders": "no holders yet",
        "position_achievement": "Position achievement", "holders_mean": "Position achievement: holders' mean", "entity": "Entity", "no_entity": "(no entity)",
        "level": "Level", "agency": "Agency", "line": "line", "results": "results",
        "no_results": "nothing matches", "not_in_view": "outside this view — open its branch",
        "eval_errors": "Data errors while evaluating", "bad_period": "Unknown period",
        "pagu": "Budget", "no_budget": "no budget", "report_missing": "The report module is not available",
        "status": "Status", "close": "Close", "large_tree": "This tree is large ({n} elements): showing {shown}. "
                       "Choose an agency, a depth, or search an element to open its branch.",
    },
}


def texts(lang: str) -> dict[str, str]:
    """UI words and the measurement-table labels of ``lang`` in one dictionary."""
    lang = lang if lang in UI else "id"
    return {**LABELS[lang], **UI[lang]}


def level_name(level: str, lang: str) -> str:
    return LEVEL_LABELS.get(lang, LEVEL_LABELS["id"]).get(level, level.replace("_", " "))
