"""``indikator report``: the LKjIP measurement tables as HTML, Markdown or XLSX.

:func:`build_report` turns an evaluation into plain tables once
(:mod:`.model`); :func:`render_report` lays them out in the format the output
file's extension names. Nothing here prints, exits or writes: the CLI writes
the bytes atomically.
"""
from __future__ import annotations

import os

from .model import Report, build_report

FORMATS = {".html": "html", ".htm": "html", ".md": "md", ".markdown": "md", ".xlsx": "xlsx",
           ".docx": "docx", ".pdf": "pdf"}


def report_format(path: str) -> str | None:
    """``html``, ``md``, ``xlsx``, ``docx`` or ``pdf`` from the file name's extension; None for anything else."""
    return FORMATS.get(os.path.splitext(path)[1].lower())


def render_report(report: Report, fmt: str) -> bytes:
    """The whole file's bytes in ``fmt`` (``html``, ``md`` or ``xlsx``)."""
    if fmt == "md":
        from .markdown import render

        return render(report).encode("utf-8")
    if fmt == "html":
        from .html import render

        return render(report).encode("utf-8")
    if fmt == "xlsx":
        from .xlsx import render

        return render(report)
    if fmt == "docx":
        from .docx import render

        return render(report)
    if fmt == "pdf":
        from .pdf import render

        return render(report)
    raise ValueError(f"unknown report format '{fmt}'")


__all__ = ["FORMATS", "Report", "build_report", "render_report", "report_format"]
