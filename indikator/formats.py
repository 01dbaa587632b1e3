"""Which file formats each part reads or writes, by extension: one registry for the readers,
the writers, the messages and the help texts alike (ARCHITECTURE.md habit 13).

Only names live here (no library is imported), so the command line can say in its help
which formats it takes without loading the readers. Each part maps a format name to its
own reader or writer: :mod:`indikator.data.readers` (``READERS``), :mod:`indikator.data.roster`,
:mod:`indikator.report` (``render_report``) and :mod:`indikator.render.write`.
"""
from __future__ import annotations

from typing import Mapping

#: data files (PRODUCT.md §7): extension → format
DATA: dict[str, str] = {
    ".csv": "csv", ".yaml": "yaml", ".yml": "yaml", ".json": "json",
    ".xlsx": "xlsx", ".xlsm": "xlsx", ".parquet": "parquet", ".pq": "parquet",
}
#: the roster of position holders: the tabular data formats
ROSTER: dict[str, str] = {k: v for k, v in DATA.items() if v in ("csv", "xlsx", "parquet")}
#: ``indikator report``
REPORT: dict[str, str] = {".html": "html", ".htm": "html", ".md": "md", ".markdown": "md", ".xlsx": "xlsx",
                          ".docx": "docx", ".pdf": "pdf"}
#: ``indikator render``
CHART: dict[str, str] = {".svg": "svg", ".png": "png", ".pdf": "pdf", ".dot": "dot", ".gv": "dot"}

#: how a format is called in help texts
NAMES = {"csv": "CSV", "yaml": "YAML", "json": "JSON", "xlsx": "XLSX", "parquet": "Parquet", "html": "HTML",
         "md": "Markdown", "docx": "DOCX", "dot": "DOT", "svg": "SVG", "png": "PNG", "pdf": "PDF"}


def names(table: Mapping[str, str]) -> list[str]:
    """The formats of ``table`` as people call them, each once, in the table's order."""
    return [NAMES.get(f, f) for f in dict.fromkeys(table.values())]


def extensions(table: Mapping[str, str], every: bool = False) -> list[str]:
    """The extensions of ``table``: the first of each format (``every``: all of them)."""
    if every:
        return list(table)
    seen: dict[str, str] = {}
    for ext, fmt in table.items():
        seen.setdefault(fmt, ext)
    return list(seen.values())


def listed(items: list[str], last: str = "or") -> str:
    """``a, b or c`` (English, for click's help texts)."""
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + f" {last} " + items[-1]
