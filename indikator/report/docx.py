"""The report as a Word document (python-docx), for the LKjIP and PK that planners assemble in Word.

Same content as the HTML report, laid out from the same :class:`~.model.Report` (this
module never computes): a title block (report name, agency, period), the predicate legend
with the scale named in full, per agency the summary and per strategic objective its tables,
the individual tables, and the signature block (PRODUCT.md §9). Tables are real Word tables
whose header rows repeat on every page (``w:tblHeader``); numbers are right-aligned in the
``--lang`` format (the same text as HTML via :func:`~.model.display`); every section is A4
landscape, with the page number in the footer.
"""
from __future__ import annotations

import io

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor
from docx.text.run import Run

from .html import header_rows, rgb_hex, text_color
from ..output.numbers import percent
from .model import NUMERIC_FORMATS, TEXT, Mark, Report, Table, display, scale_text

A4_LONG, A4_SHORT = Cm(29.7), Cm(21.0)
MARGIN = Cm(1.5)
BODY_PT, TABLE_PT, NOTE_PT = 10, 8, 7.5
HEADER_FILL = "2F5376"
TOTAL_FILL = "E3EAF2"
GROUP_FILL = "D5E0EC"


def _shade(cell, hex_fill: str) -> None:
    tc_pr = cell._tc.get_or_add_tcPr()
    shd = OxmlElement("w:shd")
    shd.set(qn("w:val"), "clear")
    shd.set(qn("w:color"), "auto")
    shd.set(qn("w:fill"), hex_fill)
    tc_pr.append(shd)


def _repeat_header(row) -> None:
    """Mark a table row as a header row that Word repeats at the top of every page."""
    tr_pr = row._tr.get_or_add_trPr()
    el = OxmlElement("w:tblHeader")
    el.set(qn("w:val"), "true")
    tr_pr.append(el)


def _cant_split(row) -> None:
    tr_pr = row._tr.get_or_add_trPr()
    tr_pr.append(OxmlElement("w:cantSplit"))


def _styles(doc) -> dict:
    """Paragraph styles for table cells: size and spacing set once, not on every run (a region's
    report has 35,000 IKI rows, and per-run properties made python-docx take minutes)."""
    from docx.enum.style import WD_STYLE_TYPE

    out = {}
    for key, size in (("cell", TABLE_PT), ("note", NOTE_PT)):
        style = doc.styles.add_style(f"indikator {key}", WD_STYLE_TYPE.PARAGRAPH)
        style.base_style = doc.styles["Normal"]
        style.font.size = Pt(size)
        style.paragraph_format.space_after = Pt(0)
        style.paragraph_format.space_before = Pt(0)
        out[key] = style
    return out


def _write(cell, text: str, style, *, bold: bool = False, align=None,
           color: str | None = None, italic: bool = False) -> None:
    p = cell.paragraphs[0]
    p._p.style = style.style_id          # the id directly: python-docx's lookup by style scans them all
    if align is not None:
        p.alignment = align
    r = p._p.add_r()
    r.add_t(text)
    if bold or italic or color:
        run = Run(r, p)
        if bold:
            run.bold = True
        if italic:
            run.italic = True
        if color:
            run.font.color.rgb = RGBColor.from_string(color.lstrip("#").upper())



def _page_number_footer(section, lang: str) -> None:
    p = section.footer.paragraphs[0]
    p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    run = p.add_run(TEXT[lang]["page"] + " ")
    run.font.size = Pt(NOTE_PT)
    fld = OxmlElement("w:fldSimple")
    fld.set(qn("w:instr"), "PAGE")
    r = OxmlElement("w:r")
    t = OxmlElement("w:t")
    t.text = "1"
    r.append(t)
    fld.append(r)
    p._p.append(fld)


def _table(doc, t: Table, lang: str, styles: dict) -> None:
    heading = doc.add_paragraph()
    heading.paragraph_format.keep_with_next = True
    run = heading.add_run(t.title)
    run.bold = True
    run.font.size = Pt(BODY_PT)
    hrows = header_rows(t)
    ncols = len(t.columns)
    table = doc.add_table(rows=len(hrows), cols=ncols)
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    longest = [max((len(w) for w in c.label.split()), default=2) + 2 for c in t.columns]   # bold header words
    # header: a group label spans its columns; a plain column spans both header rows
    for r, hr in enumerate(hrows):
        _repeat_header(table.rows[r])
        k = 0
        for h in hr:
            while r == 1 and k < ncols and not t.columns[k].group:
                k += 1      # the top row's vertical merge covers this column
            cell = table.cell(r, k)
            if h["colspan"] > 1:
                cell = cell.merge(table.cell(r, k + h["colspan"] - 1))
            if h["rowspan"] > 1:
                cell = cell.merge(table.cell(r + 1, k))
            _write(cell, h["label"], styles["cell"], bold=True, align=WD_ALIGN_PARAGRAPH.CENTER, color="#FFFFFF")
            _shade(cell, HEADER_FILL)
            k += h["colspan"]
    for row in t.rows:
        cells = table.add_row().cells
        _cant_split(table.rows[-1])
        if row.kind == "group":
            merged = cells[0].merge(cells[-1])
            _write(merged, row.label, styles["cell"], bold=True)
            _shade(merged, GROUP_FILL)
            continue
        for k, col in enumerate(t.columns):
            cell = cells[k]
            v = row.cells.get(col.key)
            if row.cont and not col.repeat:
                text = ""
            elif col.fmt == "notes":
                text = v or ""
            elif v == "" or (v is None and col.key not in row.cells):
                text = ""
            else:
                text = display(v, col.fmt, lang)
            if col.key == t.label_col and row.indent:
                text = "    " * min(row.indent, 4) + text
            longest[k] = max(longest[k], min(len(text) + 1, col.width))
            align = None
            if col.fmt in NUMERIC_FORMATS:
                align = WD_ALIGN_PARAGRAPH.CENTER if col.fmt == "int" else WD_ALIGN_PARAGRAPH.RIGHT
            if col.fmt == "mark" or v is None and col.key in row.cells:
                align = WD_ALIGN_PARAGRAPH.CENTER
            fill = rgb_hex(v.color) if isinstance(v, Mark) else None
            _write(cell, text, styles["note" if col.fmt == "notes" else "cell"],
                   bold=row.kind == "total" and col.fmt != "notes", align=align,
                   color=text_color(v.color) if fill else None,
                   italic=isinstance(v, Mark) and v.status != "ok")
            if fill:
                _shade(cell, fill)
            elif row.kind == "total":
                _shade(cell, TOTAL_FILL)
    # each column as wide as its longest text (up to its model width): an 18-digit NIP and
    # "Sangat Tinggi" stay on one line, a Keterangan of footnote markers stays narrow
    usable = A4_LONG - 2 * MARGIN
    raw = [max(Cm(1.1), Cm(0.2) * n) for n in longest]
    widths = [int(w * usable / sum(raw)) for w in raw]
    table.autofit = False
    for k, col in enumerate(table.columns):
        col.width = widths[k]           # w:gridCol: what LibreOffice lays out by
    for r in table.rows[:len(hrows)]:
        for k, cell in enumerate(r.cells):
            cell.width = widths[k]      # w:tcW of the header rows: what Word's fixed layout takes
    for note in t.notes:
        p = doc.add_paragraph()
        p.paragraph_format.space_after = Pt(0)
        run = p.add_run(note)
        run.font.size = Pt(NOTE_PT)
        run.italic = True
    doc.add_paragraph().paragraph_format.space_after = Pt(2)


def _signature(doc, report: Report) -> None:
    sig = report.signature
    if sig is None:
        return
    lines = [(sig.place_date, False), (sig.position, False), ("", False), ("", False), ("", False),
             (sig.name, True), (sig.nip, False)]
    first = True
    for text, bold in lines:
        p = doc.add_paragraph()
        p.paragraph_format.left_indent = Cm(17)
        p.paragraph_format.space_after = Pt(0)
        p.paragraph_format.keep_with_next = True
        if first:
            p.paragraph_format.space_before = Pt(18)
            first = False
        run = p.add_run(text)
        run.font.size = Pt(BODY_PT)
        run.bold = bold
        run.underline = bold


def render(report: Report) -> bytes:
    """The whole .docx file's bytes."""
    lang = report.lang
    T = TEXT[lang]
    doc = Document()
    style = doc.styles["Normal"]
    style.font.name = "Arial"
    style.font.size = Pt(BODY_PT)
    section = doc.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = A4_LONG, A4_SHORT
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, MARGIN)
    _page_number_footer(section, lang)
    styles = _styles(doc)

    title = doc.add_paragraph()
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = title.add_run(report.title.upper())
    run.bold = True
    run.font.size = Pt(14)
    for line in (report.agency, f"{T['period_word']}: {report.period_label}"):
        if line:
            p = doc.add_paragraph()
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER
            p.paragraph_format.space_after = Pt(0)
            r = p.add_run(line)
            r.bold = True
            r.font.size = Pt(12)
    if report.previous_label:
        p = doc.add_paragraph()
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        p.add_run(f"{T['compared_with']}: {report.previous_label}").font.size = Pt(9)
    for legend in report.legends:
        p = doc.add_paragraph()
        r = p.add_run(f"{T['scale_word']} {legend.title or legend.name}: ")
        r.font.size = Pt(NOTE_PT + 0.5)
        for label, bounds, color in scale_text(legend, lang):
            r = p.add_run(f" {label} {bounds} ")
            r.font.size = Pt(NOTE_PT + 0.5)
            fill = rgb_hex(color)
            if fill:
                shd = OxmlElement("w:shd")
                shd.set(qn("w:val"), "clear")
                shd.set(qn("w:fill"), fill)
                r._r.get_or_add_rPr().append(shd)
                r.font.color.rgb = RGBColor.from_string(text_color(color).lstrip("#").upper())
            p.add_run("  ").font.size = Pt(NOTE_PT)

    for a in report.agencies:
        h = doc.add_heading(f"{a.number}. {a.name}" + (f" — {a.entity}" if a.entity else ""), level=1)
        h.paragraph_format.keep_with_next = True
        p = doc.add_paragraph(f"{T['agency_total']}: {percent(a.achievement, lang)} ({a.mark.text})")
        _table(doc, a.summary, lang, styles)
        if not a.objectives:
            doc.add_paragraph(T["no_objectives"]).runs[0].italic = True
        for o in a.objectives:
            h = doc.add_heading(f"{T['objective']} {o.number}: {o.statement}", level=2)
            h.paragraph_format.keep_with_next = True
            p = doc.add_paragraph(f"{T['objective_total']}: {percent(o.achievement, lang)} ({o.mark.text})")
            p.paragraph_format.keep_with_next = True
            for t in o.tables:
                _table(doc, t, lang, styles)
    for s in report.individuals:
        doc.add_heading(s.table.title, level=1).paragraph_format.keep_with_next = True
        _table(doc, s.table, lang, styles)
    _signature(doc, report)
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()
