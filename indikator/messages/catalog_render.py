"""Messages of the chart writer (render/write.py), the report's PDF printers (report/pdf.py) and
the web page's loader (serve/workspace.py)."""

MESSAGES = {
    "render-no-dot": {
        "en": "Graphviz's 'dot' program is not installed (apt-get install graphviz)",
        "id": "program 'dot' dari Graphviz belum terpasang (apt-get install graphviz)",
    },
    "render-dot-failed": {
        "en": "Graphviz failed: {words}",
        "id": "Graphviz gagal; kata Graphviz: “{words}”",
    },
    "render-unknown-format": {
        "en": "unknown output format for {path}; use .svg, .png, .pdf or .dot",
        "id": "format keluaran {path} tidak dikenal; gunakan .svg, .png, .pdf atau .dot",
    },
    "pdf-no-chromium": {
        "en": "INDIKATOR_PDF_ENGINE=chromium, but no Chromium was found (apt-get install chromium, or set "
              "INDIKATOR_CHROMIUM)",
        "id": "INDIKATOR_PDF_ENGINE=chromium, tetapi Chromium tidak ditemukan (apt-get install chromium, atau "
              "isi INDIKATOR_CHROMIUM)",
    },
    "pdf-no-weasyprint": {
        "en": "PDF output needs WeasyPrint and Pango ({words}); apt-get install libpango-1.0-0 libpangoft2-1.0-0",
        "id": "keluaran PDF memerlukan WeasyPrint dan Pango (kata sistem: “{words}”); "
              "apt-get install libpango-1.0-0 libpangoft2-1.0-0",
    },
    "pdf-chromium-failed": {
        "en": "Chromium could not print the report: {words}",
        "id": "Chromium tidak dapat mencetak laporan; kata sistem: “{words}”",
    },
    "pdf-chromium-exit": {
        "en": "Chromium could not print the report (exit {code}): {words}",
        "id": "Chromium tidak dapat mencetak laporan (kode keluar {code}); kata Chromium: “{words}”",
    },
    "serve-internal-load": {
        "en": "internal error while loading: {what}. This is a bug in indikator; please report it",
        "id": "galat internal saat memuat: {what}. Ini kesalahan pada indikator; mohon laporkan",
    },
}
