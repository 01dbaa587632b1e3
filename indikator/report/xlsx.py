"""The report as an XLSX workbook (XlsxWriter): one sheet per table.

Cells hold numbers with number formats (``#,##0.00``), never numbers as
text, so a planner can sum and chart them; what the sheet shows is rounded
by the format only. A missing or undefined value is an empty cell and the
row's *Keterangan* cell says why. Header rows are frozen and repeated on
every printed page; sheets print on A4 landscape, fitted to the page width.

Written with XlsxWriter rather than openpyxl (which still reads workbooks:
data files, forms, audits): a region's report is 490 sheets and 72,000
cells, and openpyxl builds a cell object, a style array and a temporary file
per sheet before writing (3.7 s of CPU against 0.6 s here). Each distinct
look is one XlsxWriter format, made once per workbook.
"""
from __future__ import annotations

import io
import math

from .html import rgb_hex, text_color
from .model import NUMERIC_FORMATS, TEXT, Mark, Range, Report, Row, Table, decimals, display

_HEADER_FILL = "2F5376"
_TOTAL_FILL = "E3EAF2"
_GROUP_FILL = "D5E0EC"
_BORDER_COLOR = "C5CFD9"


def number_format(fmt: str, value: float) -> str:
    if fmt == "int":
        return "0"
    if fmt == "pct":
        return "#,##0.00"
    return "#,##0" if decimals(value) == 0 else "#,##0.00"


class _Styles:
    """One XlsxWriter format per distinct look, made once per workbook.

    The key is the look's own parameters (font, fill, alignment, border, number format), so
    equal looks share one format and the workbook lists a few dozen of them."""

    def __init__(self, wb) -> None:
        self.wb = wb
        self.formats: dict[tuple, object] = {}
        # _write_row's numbers: (column format, which decides the alignment; indent, total,
        # negative, number format) → format
        self.cells: dict[tuple, object] = {}

    def get(self, font: tuple = (), fill: str | None = None, align: tuple = (), border: bool = True,
            number_format: str | None = None):
        key = (font, fill, align, border, number_format)
        fmt = self.formats.get(key)
        if fmt is None:
            fmt = self.formats[key] = self.wb.add_format(_properties(*key))
        return fmt


def _properties(font: tuple, fill: str | None, align: tuple, border: bool, number_format: str | None) -> dict:
    """XlsxWriter format properties of a look (the names are openpyxl's, as the rest of this module)."""
    props: dict = {}
    for name, value in font:
        if name == "bold" and value:
            props["bold"] = True
        elif name == "italic" and value:
            props["italic"] = True
        elif name == "size":
            props["font_size"] = value
        elif name == "color" and value:
            props["font_color"] = "#" + value
    if fill:
        props["pattern"] = 1
        props["bg_color"] = "#" + fill
    for name, value in align:
        if name == "horizontal":
            props["align"] = value
        elif name == "vertical":
            props["valign"] = "vcenter" if value == "center" else value
        elif name == "wrap_text" and value:
            props["text_wrap"] = True
        elif name == "indent" and value:
            props["indent"] = value
    if border:
        props["border"] = 1
        props["border_color"] = "#" + _BORDER_COLOR
    if number_format:
        props["num_format"] = number_format
    return props


def _subtitle(report: Report, t: Table) -> str:
    word = TEXT[report.lang]["period_word"]
    return f"{word}: {report.period_label} ({report.period})"


def _sheet(wb, styles: _Styles, report: Report, t: Table, context: str) -> None:
    ws = wb.add_worksheet(t.sheet)
    lang = report.lang
    ncol = len(t.columns)
    ws.write_string(0, 0, t.title, styles.get(font=(("bold", True), ("size", 12), ("color", "1F3B5A")), border=False))
    ws.write_string(1, 0, f"{context} · {_subtitle(report, t)}" if context else _subtitle(report, t),
                    styles.get(font=(("italic", True), ("color", "55616D")), border=False))

    # header: one row, or two when columns are grouped (group labels merged across their columns)
    r0 = 3                                      # row 4 as a planner counts
    head = styles.get(font=(("bold", True), ("color", "FFFFFF")), fill=_HEADER_FILL, align=_CENTER)
    labels: dict[tuple[int, int], str] = {}
    merges: list[tuple[int, int, int, int]] = []
    if t.has_groups:
        k = 0
        while k < ncol:
            c = t.columns[k]
            if not c.group:
                labels[(r0, k)] = c.label
                merges.append((r0, k, r0 + 1, k))
                k += 1
                continue
            j = k
            while j < ncol and t.columns[j].group == c.group:
                labels[(r0 + 1, j)] = t.columns[j].label
                j += 1
            labels[(r0, k)] = c.group
            if j - k > 1:
                merges.append((r0, k, r0, j - 1))
            k = j
        header_rows = 2
    else:
        for k, c in enumerate(t.columns):
            labels[(r0, k)] = c.label
        header_rows = 1
    merged = set()
    for r1, c1, r2, c2 in merges:
        ws.merge_range(r1, c1, r2, c2, labels.get((r1, c1), ""), head)
        merged |= {(rr, cc) for rr in range(r1, r2 + 1) for cc in range(c1, c2 + 1)}
    for rr in range(r0, r0 + header_rows):
        ws.set_row(rr, 30 if header_rows == 1 else 18)
        for k in range(ncol):
            if (rr, k) not in merged:
                _text(ws, rr, k, labels.get((rr, k)), head)
    first = r0 + header_rows

    r = first
    aligns = [_alignment(t, col) for col in t.columns]
    for row in t.rows:
        _write_row(ws, styles, t, row, r, lang, aligns)
        r += 1

    if t.notes:
        r += 1
        note = styles.get(font=(("italic", True), ("size", 9), ("color", "55616D")), border=False)
        for text in t.notes:
            ws.write_string(r, 0, text, note)
            r += 1

    for k, c in enumerate(t.columns):
        ws.set_column(k, k, max(c.width, 6))
    ws.freeze_panes(first, 0)
    ws.repeat_rows(r0, first - 1)
    ws.set_landscape()
    ws.set_paper(9)                             # A4
    ws.fit_to_pages(1, 0)
    ws.center_horizontally()
    ws.set_margins(left=0.4, right=0.4, top=0.5, bottom=0.5)


def _text(ws, r: int, c: int, value, fmt) -> None:
    if value is None or value == "":
        ws.write_blank(r, c, None, fmt)
    else:
        ws.write_string(r, c, str(value), fmt)


_CENTER = (("horizontal", "center"), ("vertical", "center"), ("wrap_text", True))


def _alignment(t: Table, col) -> tuple:
    """A column's alignment (without the label's indent, which depends on the row)."""
    numeric = col.fmt in NUMERIC_FORMATS
    horizontal = "right" if numeric and col.fmt != "int" else ("center" if col.fmt in ("int", "mark") else "left")
    return (("vertical", "top"), ("wrap_text", col.fmt in ("text", "notes")), ("horizontal", horizontal))


def _write_row(ws, styles: _Styles, t: Table, row: Row, r: int, lang: str, aligns: list[tuple]) -> None:
    ncol = len(t.columns)
    if row.kind == "group":
        for k in range(ncol):
            fmt = styles.get(font=(("bold", True), ("color", "1F3B5A")) if k == 0 else (), fill=_GROUP_FILL,
                             align=(("vertical", "top"), ("wrap_text", False)) if k == 0 else ())
            _text(ws, r, k, row.label if k == 0 else None, fmt)
        return
    total = row.kind == "total"
    row_fill = _TOTAL_FILL if total else None
    cells = row.cells
    looks = styles.cells
    for k, col in enumerate(t.columns):
        v = cells.get(col.key)
        tv = type(v)
        if tv is float or tv is int:
            # the commonest cell, its look found by a flat key (the look's own nested key is
            # built and hashed afresh for every cell otherwise)
            indent = row.indent if col.key == t.label_col else 0
            if col.fmt in NUMERIC_FORMATS:
                nf = number_format(col.fmt, v)
                key = (col.fmt, indent, total, v < 0, nf)
                fmt = looks.get(key)
                if fmt is None:
                    fmt = looks[key] = _number_look(styles, col, aligns[k], indent, total, v, nf)
                if math.isfinite(v):
                    ws.write_number(r, k, v, fmt)
                else:
                    _text(ws, r, k, str(v), fmt)
                continue
        numeric = col.fmt in NUMERIC_FORMATS
        align = aligns[k]
        if col.key == t.label_col and row.indent:
            align = align + (("indent", row.indent),)
        bold = total and col.fmt != "notes"
        if v is None or v == "":
            ws.write_blank(r, k, None, styles.get(font=(("bold", True),) if bold else (), fill=row_fill, align=align))
            continue
        if isinstance(v, Mark):
            fill = rgb_hex(v.color)
            if fill:
                fmt = styles.get(font=(("bold", True), ("color", text_color("#" + fill).lstrip("#").upper())),
                                 fill=fill, align=align)
            else:
                fmt = styles.get(font=(("bold", bold), ("italic", v.status != "ok"),
                                       ("color", "8A5A00" if v.status != "ok" else None)), fill=row_fill, align=align)
            _text(ws, r, k, v.text, fmt)
            continue
        number = None
        if isinstance(v, Range):
            value = display(v, "num", lang)
        elif isinstance(v, bool):
            value = str(v)
        elif isinstance(v, (int, float)) and numeric:
            number = value = v
        else:
            value = str(v)
        fmt = styles.get(font=(("bold", bold), ("size", 9 if col.fmt == "notes" else 11),
                               ("color", "B0281D" if numeric and isinstance(v, (int, float)) and v < 0 else None)),
                         fill=row_fill, align=align,
                         number_format=number_format(col.fmt, number) if number is not None else None)
        if number is not None and math.isfinite(number):
            ws.write_number(r, k, number, fmt)
        else:
            _text(ws, r, k, value, fmt)


def _number_look(styles: _Styles, col, align: tuple, indent: int, total: bool, v: float, nf: str):
    """The format :func:`_write_row` gives a number ``v`` in ``col`` (the general path's)."""
    if indent:
        align = align + (("indent", indent),)
    bold = total and col.fmt != "notes"
    return styles.get(font=(("bold", bold), ("size", 9 if col.fmt == "notes" else 11),
                            ("color", "B0281D" if v < 0 else None)),
                      fill=_TOTAL_FILL if total else None, align=align, number_format=nf)


def render(report: Report) -> bytes:
    import xlsxwriter

    buf = io.BytesIO()
    wb = xlsxwriter.Workbook(buf, {"in_memory": True, "strings_to_numbers": False, "strings_to_formulas": False,
                                   "strings_to_urls": False})
    styles = _Styles(wb)
    for a in report.agencies:
        context = a.name + (f" — {a.entity}" if a.entity else "")
        _sheet(wb, styles, report, a.summary, context)
        for o in a.objectives:
            objective = TEXT[report.lang]["objective"]
            for t in o.tables:
                _sheet(wb, styles, report, t, f"{context} · {objective} {o.number}: {o.statement}")
    for s in report.individuals:
        _sheet(wb, styles, report, s.table, s.agency)
    if not wb.worksheets():
        ws = wb.add_worksheet(TEXT[report.lang]["sheet_report"])
        ws.write_string(0, 0, report.title)
        ws.write_string(1, 0, f"{report.period_label} ({report.period})")
    wb.set_properties({"title": f"{report.title} — {report.period}", "author": "indikator"})
    wb.close()
    return buf.getvalue()
