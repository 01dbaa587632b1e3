"""The report as PDF: the HTML report printed by WeasyPrint on A4 landscape with page numbers.

WeasyPrint lays out the same HTML (and its ``@page`` rules: A4 landscape, "Halaman n dari m"
in the bottom margin, table headers repeated on every page) that a browser would print, so
the PDF and the HTML cannot drift apart. It needs Pango at run time (Debian:
``libpango-1.0-0 libpangoft2-1.0-0``; ``.ci/run`` installs them).
"""
from __future__ import annotations

from .model import Report


class PdfError(Exception):
    """WeasyPrint or the system libraries it needs are not available."""


def render(report: Report) -> bytes:
    from .html import render as render_html

    try:
        from weasyprint import HTML
    except (ImportError, OSError) as exc:    # OSError: Pango's shared libraries are missing
        raise PdfError(f"PDF output needs WeasyPrint and Pango ({exc}); "
                       "apt-get install libpango-1.0-0 libpangoft2-1.0-0") from exc
    return HTML(string=render_html(report, for_print=True)).write_pdf()
