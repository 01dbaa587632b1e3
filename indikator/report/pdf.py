"""The report as PDF: the HTML report printed on A4 landscape with page numbers.

The same HTML (and its ``@page`` rules: A4 landscape, "Halaman n dari m" in the bottom margin,
table headers repeated on every page) that a browser would print is laid out, so the PDF and
the HTML cannot drift apart. Two printers, chosen by size:

- **WeasyPrint** (a Python library; needs Pango at run time, Debian ``libpango-1.0-0
  libpangoft2-1.0-0``, which ``.ci/run`` installs) prints an agency's report in a second or two.
- **Chromium headless** (``--print-to-pdf``), when installed, prints large HTML: on the generated
  35-agency region (17 MB of HTML, 35,000 IKI rows) WeasyPrint had not finished after 9½ minutes
  at 8.2 GB, while Chromium printed the same HTML to 2,149 pages in 164 s at 1.5 GB.

``INDIKATOR_PDF_ENGINE`` (``weasyprint`` or ``chromium``) forces one; ``INDIKATOR_CHROMIUM``
names the browser. This module does not print or exit: failures are :class:`PdfError`.
"""
from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from ..messages import Problem, render as say
from .model import Report

#: HTML larger than this goes to Chromium when one is installed (an agency's report is ~0.3 MB).
LARGE_HTML_BYTES = 3_000_000
CHROMIUM_TIMEOUT_S = 3600
CHROMIUM_ARGS = ("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-extensions",
                 "--no-pdf-header-footer")


class PdfError(Exception):
    """No printer could make the PDF (WeasyPrint or its libraries missing, Chromium failing):
    a catalog message, said in the run's language by :meth:`text`."""

    def __init__(self, problem: Problem) -> None:
        super().__init__(say(problem.code, problem.params, "en"))
        self.problem = problem

    def text(self, lang: str) -> str:
        return say(self.problem.code, self.problem.params, lang)


def render(report: Report) -> bytes:
    from .html import render as render_html

    html = render_html(report, for_print=True)
    engine = os.environ.get("INDIKATOR_PDF_ENGINE", "").strip().lower()
    browser = find_chromium()
    if engine == "chromium" or (engine != "weasyprint" and browser and len(html.encode()) > LARGE_HTML_BYTES):
        if browser is None:
            raise PdfError(Problem("pdf-no-chromium", {}))
        return print_with_chromium(html, browser)
    return print_with_weasyprint(html)


def find_chromium() -> str | None:
    """Debian's Chromium (or the one ``INDIKATOR_CHROMIUM`` names), else None."""
    given = os.environ.get("INDIKATOR_CHROMIUM")
    if given:
        return given if os.path.exists(given) else None
    for name in ("chromium", "chromium-browser", "google-chrome"):
        found = shutil.which(name)
        if found:
            return found
    return None


def print_with_weasyprint(html: str) -> bytes:
    try:
        from weasyprint import HTML
    except (ImportError, OSError) as exc:    # OSError: Pango's shared libraries are missing
        raise PdfError(Problem("pdf-no-weasyprint", {"words": str(exc)})) from exc
    return HTML(string=html).write_pdf()


def print_with_chromium(html: str, browser: str) -> bytes:
    """Print ``html`` with a headless Chromium in a private temporary folder (its profile too)."""
    with tempfile.TemporaryDirectory(prefix="indikator-pdf-") as tmp:
        page, pdf = Path(tmp) / "report.html", Path(tmp) / "report.pdf"
        page.write_text(html, encoding="utf-8")
        cmd = [browser, *CHROMIUM_ARGS, f"--user-data-dir={Path(tmp) / 'profile'}",
               f"--print-to-pdf={pdf}", page.as_uri()]
        try:
            done = subprocess.run(cmd, stdin=subprocess.DEVNULL, capture_output=True,
                                  timeout=CHROMIUM_TIMEOUT_S, check=False)
        except (OSError, subprocess.TimeoutExpired) as exc:
            raise PdfError(Problem("pdf-chromium-failed", {"words": str(exc)})) from exc
        if done.returncode != 0 or not pdf.exists() or pdf.stat().st_size == 0:
            tail = done.stderr.decode("utf-8", "replace").strip().splitlines()[-1:] or [""]
            raise PdfError(Problem("pdf-chromium-exit", {"code": done.returncode, "words": tail[0]}))
        return pdf.read_bytes()
