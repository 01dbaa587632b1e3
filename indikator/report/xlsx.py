"""The report as an XLSX workbook (openpyxl): one sheet per table.

Cells hold numbers with number formats (``#,##0.00``), never numbers as
text, so a planner can sum and chart them; what the sheet shows is rounded
by the format only. A missing or undefined value is an empty cell and the
row's *Keterangan* cell says why. Header rows are frozen and repeated on
every printed page; sheets print on A4 landscape, fitted to the page width.
"""
from __future__ import annotations

import io

from .html import safe_color, text_color
from .model import NUMERIC_FORMATS, Mark, Range, Report, Row, Table, decimals, display

_HEADER_FILL = "2F5376"
_TOTAL_FILL = "E3EAF2"
_GROUP_FILL = "D5E0EC"
_BORDER_COLOR = "C5CFD9"


def _hex(color: str | None) -> str | None:
    """``#rgb``/``#rrggbb``/``#rrggbbaa`` as the ``RRGGBB`` openpyxl wants; None for names."""
    c = safe_color(color)
    if not c or not c.startswith("#"):
        return None
    h = c[1:]
    if len(h) == 3:
        h = "".join(ch * 2 for ch in h)
    return h[:6].upper()


def number_format(fmt: str, value: float) -> str:
    if fmt == "int":
        return "0"
    if fmt == "pct":
        return "#,##0.00"
    return "#,##0" if decimals(value) == 0 else "#,##0.00"


def _subtitle(report: Report, t: Table) -> str:
    word = "Periode" if report.lang == "id" else "Period"
    return f"{word}: {report.period_label} ({report.period})"


def _sheet(wb, report: Report, t: Table, context: str) -> None:
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
    from openpyxl.utils import get_column_letter

    ws = wb.create_sheet(t.sheet)
    lang = report.lang
    ncol = len(t.columns)
    thin = Side(style="thin", color=_BORDER_COLOR)
    border = Border(left=thin, right=thin, top=thin, bottom=thin)
    head_font = Font(bold=True, color="FFFFFF")
    head_fill = PatternFill("solid", fgColor=_HEADER_FILL)
    center = Alignment(horizontal="center", vertical="center", wrap_text=True)

    ws.cell(row=1, column=1, value=t.title).font = Font(bold=True, size=12, color="1F3B5A")
    ws.cell(row=2, column=1, value=f"{context} · {_subtitle(report, t)}" if context else _subtitle(report, t))
    ws.cell(row=2, column=1).font = Font(italic=True, color="55616D")

    # header: one row, or two when columns are grouped (group labels merged across their columns)
    r0 = 4
    if t.has_groups:
        k = 0
        while k < ncol:
            c = t.columns[k]
            if not c.group:
                ws.cell(row=r0, column=k + 1, value=c.label)
                ws.merge_cells(start_row=r0, start_column=k + 1, end_row=r0 + 1, end_column=k + 1)
                k += 1
                continue
            j = k
            while j < ncol and t.columns[j].group == c.group:
                ws.cell(row=r0 + 1, column=j + 1, value=t.columns[j].label)
                j += 1
            ws.cell(row=r0, column=k + 1, value=c.group)
            if j - k > 1:
                ws.merge_cells(start_row=r0, start_column=k + 1, end_row=r0, end_column=j)
            k = j
        header_rows = 2
    else:
        for k, c in enumerate(t.columns):
            ws.cell(row=r0, column=k + 1, value=c.label)
        header_rows = 1
    for rr in range(r0, r0 + header_rows):
        ws.row_dimensions[rr].height = 30 if header_rows == 1 else 18
        for k in range(ncol):
            cell = ws.cell(row=rr, column=k + 1)
            cell.font, cell.fill, cell.alignment, cell.border = head_font, head_fill, center, border
    first = r0 + header_rows

    r = first
    for row in t.rows:
        _write_row(ws, t, row, r, lang, border)
        r += 1

    if t.notes:
        r += 1
        for note in t.notes:
            c = ws.cell(row=r, column=1, value=note)
            c.font = Font(italic=True, size=9, color="55616D")
            r += 1

    for k, c in enumerate(t.columns):
        ws.column_dimensions[get_column_letter(k + 1)].width = max(c.width, 6)
    ws.freeze_panes = ws.cell(row=first, column=1).coordinate
    ws.print_title_rows = f"{r0}:{first - 1}"
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_options.horizontalCentered = True
    ws.page_margins.left = ws.page_margins.right = 0.4
    ws.page_margins.top = ws.page_margins.bottom = 0.5


def _write_row(ws, t: Table, row: Row, r: int, lang: str, border) -> None:
    from openpyxl.styles import Alignment, Font, PatternFill

    ncol = len(t.columns)
    if row.kind == "group":
        c = ws.cell(row=r, column=1, value=row.label)
        c.font = Font(bold=True, color="1F3B5A")
        c.alignment = Alignment(vertical="top", wrap_text=False)
        for k in range(ncol):
            cell = ws.cell(row=r, column=k + 1)
            cell.fill = PatternFill("solid", fgColor=_GROUP_FILL)
            cell.border = border
        return
    total = row.kind == "total"
    for k, col in enumerate(t.columns):
        v = row.cells.get(col.key)
        cell = ws.cell(row=r, column=k + 1)
        cell.border = border
        numeric = col.fmt in NUMERIC_FORMATS
        align = Alignment(vertical="top", wrap_text=col.fmt in ("text", "notes"),
                          horizontal="right" if numeric and col.fmt != "int" else (
                              "center" if col.fmt in ("int", "mark") else "left"),
                          indent=row.indent if col.key == t.label_col and row.indent else 0)
        cell.alignment = align
        bold = total and col.fmt != "notes"
        if total:
            cell.fill = PatternFill("solid", fgColor=_TOTAL_FILL)
        if v is None or v == "":
            if bold:
                cell.font = Font(bold=True)
            continue
        if isinstance(v, Mark):
            cell.value = v.text
            fill = _hex(v.color)
            if fill:
                cell.fill = PatternFill("solid", fgColor=fill)
                cell.font = Font(bold=True, color=text_color("#" + fill).lstrip("#").upper())
            else:
                cell.font = Font(bold=bold, italic=v.status != "ok", color="8A5A00" if v.status != "ok" else None)
            continue
        if isinstance(v, Range):
            cell.value = display(v, "num", lang)
        elif isinstance(v, bool):
            cell.value = str(v)
        elif isinstance(v, (int, float)) and numeric:
            cell.value = v
            cell.number_format = number_format(col.fmt, v)
        else:
            cell.value = str(v)
        cell.font = Font(bold=bold, size=9 if col.fmt == "notes" else 11,
                         color="B0281D" if numeric and isinstance(v, (int, float)) and v < 0 else None)


def render(report: Report) -> bytes:
    from openpyxl import Workbook

    wb = Workbook()
    wb.remove(wb.active)
    for a in report.agencies:
        context = a.name + (f" — {a.entity}" if a.entity else "")
        _sheet(wb, report, a.summary, context)
        for o in a.objectives:
            objective = ("Sasaran Strategis" if report.lang == "id" else "Strategic objective")
            for t in o.tables:
                _sheet(wb, report, t, f"{context} · {objective} {o.number}: {o.statement}")
    for s in report.individuals:
        _sheet(wb, report, s.table, s.agency)
    if not wb.sheetnames:
        ws = wb.create_sheet("Laporan" if report.lang == "id" else "Report")
        ws.cell(row=1, column=1, value=report.title)
        ws.cell(row=2, column=1, value=f"{report.period_label} ({report.period})")
    wb.properties.title = f"{report.title} — {report.period}"
    wb.properties.creator = "indikator"
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()
