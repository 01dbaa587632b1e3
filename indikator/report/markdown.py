"""The report as Markdown: headings and pipe tables, for pasting into a wiki or a document.

Every text that comes from the definitions (statements, indicator names,
agency names, reasons) is escaped, so a ``|`` never breaks a table and a
``<script>``, ``*`` or ``[`` shows as written instead of becoming markup.
"""
from __future__ import annotations

import re

from ..output.numbers import percent
from .model import NUMERIC_FORMATS, TEXT, Mark, Report, Table, display, scale_text

_SPECIAL = re.compile(r"([\\`*_{}\[\]<>|~&#!$])")
_INDENT = "\u2003"      # an em space: survives HTML whitespace collapsing


def escape(text: str) -> str:
    """Escape Markdown (and inline HTML) in a table cell or heading; newlines become spaces."""
    text = " ".join(str(text).split())
    return _SPECIAL.sub(r"\\\1", text)


def _header(col) -> str:
    return f"{col.label} ({col.group})" if col.group else col.label


def table(t: Table, lang: str) -> list[str]:
    cols = t.columns
    lines = ["| " + " | ".join(escape(_header(c)) for c in cols) + " |",
             "|" + "|".join("---:" if c.fmt in NUMERIC_FORMATS else "---" for c in cols) + "|"]
    keys = [c.key for c in cols]
    label_col = t.label_col if t.label_col in keys else next((c.key for c in cols if c.fmt == "text"), keys[0])
    for row in t.rows:
        if row.kind == "group":
            cells = ["" for _ in cols]
            cells[keys.index(label_col)] = f"**{escape(row.label)}**"
            lines.append("| " + " | ".join(cells) + " |")
            continue
        cells = []
        for c in cols:
            v = row.cells.get(c.key)
            if row.cont and not c.repeat:
                text = ""
            elif c.fmt == "notes" or (c.key not in row.cells):
                text = escape(v or "")
            elif v == "" and c.fmt != "text":
                text = ""
            else:
                text = escape(display(v, c.fmt, lang))
                if isinstance(v, Mark) and v.status != "ok":
                    text = f"_{text}_"
            if c.key == label_col and row.indent:
                text = _INDENT * row.indent + text
            if row.kind == "total" and c.key == label_col and text:
                text = f"**{text}**"
            cells.append(text)
        lines.append("| " + " | ".join(cells) + " |")
    return lines


def render(report: Report) -> str:
    T = TEXT[report.lang]
    lang = report.lang
    out = [f"# {escape(report.title)}", ""]
    out.append(f"- {T['period_word']}: {escape(report.period_label)} "
               f"({escape(report.period)})")
    if report.previous:
        out.append(f"- {T['compared_with']}: {escape(report.previous_label)} "
                   f"({escape(report.previous)})")
    if report.entity:
        out.append(f"- {T['entity_word']}: {escape(report.entity)}")
    for legend in report.legends:
        bands = "; ".join(f"{escape(label)} {escape(bounds)}" for label, bounds, _ in scale_text(legend, lang))
        out.append(f"- {T['scale_word']} {escape(legend.title or legend.name)}: {bands}")
    out.append("")
    for a in report.agencies:
        who = f" — {escape(a.entity)}" if a.entity else ""
        out += [f"## {a.number}. {escape(a.name)}{who}", ""]
        out += [f"**{escape(T['agency_total'])}: {escape(percent(a.achievement, lang))} "
                f"({escape(a.mark.text)})**", ""]
        out += _table_block(a.summary, lang, "###")
        if not a.objectives:
            out += [escape(T["no_objectives"]), ""]
        for o in a.objectives:
            out += [f"### {escape(T['objective'])} {o.number}: {escape(o.statement)}", ""]
            out += [f"{escape(T['objective_total'])}: {escape(percent(o.achievement, lang))} "
                    f"({escape(o.mark.text)})", ""]
            for t in o.tables:
                out += _table_block(t, lang, "####")
    for s in report.individuals:
        out += _table_block(s.table, lang, "##")
    return "\n".join(out).rstrip("\n") + "\n"


def _table_block(t: Table, lang: str, level: str) -> list[str]:
    out = [f"{level} {escape(t.title)}", ""]
    out += table(t, lang)
    out.append("")
    for note in t.notes:
        out += [f"_{escape(note)}_", ""]
    return out
