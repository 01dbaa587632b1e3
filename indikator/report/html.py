"""The report as one self-contained HTML file (inline CSS), printable on A4 landscape.

Jinja2 renders ``templates/report.html.j2`` with autoescaping on, so every
text from the definitions (a statement with ``<script>`` or ``&``) shows as
written. Colours come from the predicate scales, which users may define: only
``#rgb``/``#rrggbb``/``#rrggbbaa`` and plain colour names reach the style
attribute; anything else is dropped.
"""
from __future__ import annotations

import re
from functools import lru_cache

from markupsafe import Markup, escape

from ..output.numbers import percent
from .model import NUMERIC_FORMATS, TEXT, Column, Mark, Report, Row, Table, display, scale_text

_COLOR = re.compile(r"^(#[0-9a-fA-F]{3}|#[0-9a-fA-F]{6}|#[0-9a-fA-F]{8}|[a-zA-Z]{3,20})$")


def safe_color(color: str | None) -> str | None:
    return color if color and _COLOR.match(color) else None


def rgb_hex(color: str | None) -> str | None:
    """``#rgb``/``#rrggbb``/``#rrggbbaa`` as ``RRGGBB`` (what Word and openpyxl take); None for
    colour names and anything unsafe."""
    c = safe_color(color)
    if not c or not c.startswith("#"):
        return None
    h = c[1:]
    if len(h) == 3:
        h = "".join(ch * 2 for ch in h)
    return h[:6].upper()


def text_color(background: str | None) -> str:
    """Black or white, whichever reads better on ``background`` (WCAG relative luminance)."""
    h = rgb_hex(background)
    if h is None:
        return "#000000"
    r, g, b = (int(h[k:k + 2], 16) / 255 for k in (0, 2, 4))

    def lin(c: float) -> float:
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    lum = 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b)
    return "#000000" if lum > 0.179 else "#ffffff"


def mark_style(mark: Mark | None) -> str:
    if mark is None or not isinstance(mark, Mark):
        return ""
    bg = safe_color(mark.color)
    return f"background:{bg};color:{text_color(bg)}" if bg else ""


def header_rows(t: Table) -> list[list[dict]]:
    """One or two header rows; a group label spans its adjacent columns."""
    if not t.has_groups:
        return [[{"label": c.label, "colspan": 1, "rowspan": 1} for c in t.columns]]
    top: list[dict] = []
    bottom: list[dict] = []
    k = 0
    cols = t.columns
    while k < len(cols):
        c = cols[k]
        if not c.group:
            top.append({"label": c.label, "colspan": 1, "rowspan": 2})
            k += 1
            continue
        j = k
        while j < len(cols) and cols[j].group == c.group:
            bottom.append({"label": cols[j].label, "colspan": 1, "rowspan": 1})
            j += 1
        top.append({"label": c.group, "colspan": j - k, "rowspan": 1})
        k = j
    return [top, bottom]


def widths(t: Table) -> list[str]:
    """Width hints for ``<col>``: the long-text columns get a share, numbers take what they need.

    The table lays out automatically (numbers never overflow their cells);
    the statement column gets room first, the notes column only when some
    row has notes.
    """
    has_notes = any(r.cells.get(c.key) for r in t.rows for c in t.columns if c.fmt == "notes")
    out = []
    for c in t.columns:
        if c.fmt == "notes":
            out.append("22%" if has_notes else "")
        elif c.key == t.label_col:
            out.append("24%" if has_notes and len(t.columns) > 9 else "30%")
        else:
            out.append("")
    return out


def td(row: Row, col: Column, t: Table, lang: str) -> str:
    """One ``<td>``: its text, CSS classes, style and tooltip, each escaped as autoescaping
    does (:func:`markupsafe.escape`)."""
    if row.cont and not col.repeat:
        return f'<td class="{escape(f"c-{col.fmt} cont")}"></td>'
    v = row.cells.get(col.key)
    cls = f"c-{col.fmt}"
    style = title = ""
    if col.fmt == "notes":
        text = v or ""
    elif v == "" or (v is None and col.key not in row.cells):
        text = ""
    else:
        text = display(v, col.fmt, lang)
        if v is None:
            cls += " missing"
            note = row.cells.get("notes")
            title = str(note) if note else TEXT[lang]["missing"]
        elif isinstance(v, Mark):
            style = mark_style(v)
            if v.status != "ok":
                cls += f" status-{v.status}"
        if col.fmt in NUMERIC_FORMATS and isinstance(v, (int, float)) and v < 0:
            cls += " negative"
    indent = row.indent if col.key == t.label_col else 0
    return (f'<td class="{escape(cls)}' + (f" indent-{min(indent, 4)}" if indent else "") + '"'
            + (f' style="{escape(style)}"' if style else "") + (f' title="{escape(title)}"' if title else "")
            + f'>{escape(text)}</td>')


def body_rows(t: Table, lang: str) -> Markup:
    """The ``<tbody>`` rows of a table, one line each.

    Built here rather than in a Jinja loop: a region's report has 60,000 cells, and a macro
    call and a dozen attribute lookups per cell cost more than all the rest of the report."""
    out: list[str] = []
    ncols = len(t.columns)
    for row in t.rows:
        if row.kind == "group":
            out.append(f'<tr class="group"><td colspan="{ncols}">{escape(row.label)}</td></tr>\n')
        else:
            out.append(f'<tr class="{escape(row.kind)}">' + "".join(td(row, col, t, lang) for col in t.columns)
                       + "</tr>\n")
    return Markup("".join(out))


@lru_cache(maxsize=1)
def _environment():
    from jinja2 import Environment, PackageLoader, StrictUndefined

    env = Environment(loader=PackageLoader("indikator.report", "templates"), autoescape=True,
                      undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True)
    return env


def render(report: Report, for_print: bool = False) -> str:
    """The HTML report; ``for_print`` adds the page numbers of the PDF (WeasyPrint's @page margin boxes)."""
    env = _environment()
    template = env.get_template("report.html.j2")
    lang = report.lang
    return template.render(
        r=report, T=TEXT[lang], lang=lang,
        legends=[(lg.title or lg.name, [(label, bounds, safe_color(color), text_color(color))
                            for label, bounds, color in scale_text(lg, lang)]) for lg in report.legends],
        display=lambda v, fmt="pct": display(v, fmt, lang),
        percent=lambda v: percent(v, lang),
        body_rows=lambda t: body_rows(t, lang),
        header_rows=header_rows, widths=widths, mark_style=mark_style,
        numeric=NUMERIC_FORMATS, for_print=for_print,
        page_words=(TEXT[lang]["page"], TEXT[lang]["page_of"]),
    )
