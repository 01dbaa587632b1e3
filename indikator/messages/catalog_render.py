"""Messages of the chart writer (render/write.py)."""

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
}
