"""Writing an audit: the terminal table, the §11 JSON, and the table back as XLSX with its findings marked.

The XLSX copy is the table the inspector sent, cell for cell (a workbook is re-opened and
marked in place; a CSV is written into a new sheet), with every finding's cell filled —
red for a slip, yellow for a figure only rounded differently — and carrying a comment
that holds the message, so the finding travels with the table it is about.
"""
from __future__ import annotations

import io
import json

from ..messages import render
from ..messages.language import language
from . import AuditResult

FILLS = {"slip": "FFC7CE", "rounding": "FFEB9C"}


def to_json(result: AuditResult) -> str:
    return json.dumps(result.to_json(), ensure_ascii=False, indent=2) + "\n"


def to_table(result: AuditResult, lang: str) -> str:
    """The findings as a rich table (plain text when not a terminal), then the one-line summary."""
    from rich import box
    from rich.console import Console
    from rich.table import Table

    t = Table(title=render("audit-title", {"path": result.path}, lang), box=box.SIMPLE_HEAD, show_lines=False)
    for code in ("where", "indicator", "kind", "reported", "expected", "message"):
        t.add_column(render(f"audit-head-{code}", {}, lang), overflow="fold")
    multi = len(result.sheets) > 1
    for f in result.findings:
        from openpyxl.utils import get_column_letter

        where = f"{get_column_letter(f.col + 1)}{f.row}"
        if multi and f.sheet:
            where = f"{f.sheet}!{where}"
        t.add_row(where, f.indicator, render(f"audit-kind-{f.kind}", {}, lang), _show(f.reported, lang),
                  _show(f.expected, lang), f.message(lang))
    buf = io.StringIO()
    console = Console(file=buf, width=160, force_terminal=False, color_system=None)
    if result.findings:
        console.print(t)
    slips = sum(f.kind == "slip" for f in result.findings)
    console.print(render("audit-summary", {"path": result.path, "rows": result.rows, "slips": slips,
                                           "roundings": len(result.findings) - slips}, lang))
    return buf.getvalue()


def _show(x, lang: str) -> str:
    if isinstance(x, float):
        from babel.numbers import format_decimal

        return format_decimal(x, locale=language(lang).locale, decimal_quantization=False)
    return str(x)


def to_xlsx(result: AuditResult, lang: str) -> bytes:
    """The audited table with each finding's cell filled and commented (bytes of an .xlsx)."""
    import openpyxl
    from openpyxl.comments import Comment
    from openpyxl.styles import PatternFill

    if result.path.lower().endswith((".xlsx", ".xlsm")):
        wb = openpyxl.load_workbook(result.path)
        sheets = {ws.title: ws for ws in wb.worksheets}
    else:
        wb = openpyxl.Workbook()
        ws = wb.active
        ws.title = "audit"
        sheet = result.sheets[0][0]
        for r, row in enumerate(sheet.rows, start=1):
            for c, cell in enumerate(row, start=1):
                if cell.text:
                    ws.cell(row=r, column=c, value=cell.text)
        for c in range(1, ws.max_column + 1):
            from openpyxl.utils import get_column_letter

            longest = max((len(str(ws.cell(row=r, column=c).value or "")) for r in range(1, ws.max_row + 1)), default=8)
            ws.column_dimensions[get_column_letter(c)].width = min(max(longest + 2, 8), 50)
        sheets = {None: ws}
    by_cell: dict[tuple, list] = {}
    for f in result.findings:
        by_cell.setdefault((f.sheet, f.row, f.col), []).append(f)
    for (sheet_name, row, col), found in by_cell.items():
        ws = sheets.get(sheet_name) if sheet_name in sheets else next(iter(sheets.values()))
        cell = ws.cell(row=row, column=col + 1)
        kind = "slip" if any(f.kind == "slip" for f in found) else "rounding"
        cell.fill = PatternFill(fill_type="solid", start_color=FILLS[kind], end_color=FILLS[kind])
        text = "\n".join(f"[{render(f'audit-kind-{f.kind}', {}, lang)}] {f.message(lang)}" for f in found)
        cell.comment = Comment(text, "indikator audit", width=360, height=160)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()
