"""Writing an :class:`~indikator.engine.results.Evaluation` as JSON, CSV or a terminal table.

JSON and CSV carry unrounded numbers in machine format (PRODUCT.md §8); the
table rounds for display only (two decimals, half away from zero) and, with
``--lang id``, uses Indonesian labels and numbers (``100,75``) through Babel.
Records are streamed from the columnar results, so a run over 800,000
entities never holds 800,000 dicts at once.
"""
from __future__ import annotations

import csv
import io
import json
from typing import IO, Iterator

from ..engine.results import Evaluation, messages_at
from ..messages.language import ByLanguage, words
from .numbers import amount, number
from .reasons import reasons

CSV_HEADER = ["kind", "id", "element", "entity", "name", "unit", "target", "actual", "achievement",
              "predicate", "status", "messages"]

#: The table's words by language (indikator/messages/lang_<code>.py, table "table").
LABELS = ByLanguage("table")


def fmt_number(x, lang: str = "en", digits: int = 2) -> str:
    """A figure with ``digits`` decimals: :func:`indikator.output.numbers.number`, the one formatter."""
    return number(x, lang, digits)


def fmt_value(x, lang: str = "en") -> str:
    """A target or actual as a planner writes it (78.000, 98, 92,85): :func:`indikator.output.numbers.amount`."""
    return amount(x, lang)


def indicator_records(ev: Evaluation, lang: str | None = None) -> Iterator[dict]:
    for r in ev.indicators:
        yield from r.records(lang)


def element_records(ev: Evaluation, lang: str | None = None) -> Iterator[dict]:
    for r in ev.elements:
        yield from r.records(lang)


def write_json(ev: Evaluation, out: IO[str], lang: str | None = None) -> None:
    """One JSON object, streamed record by record (unrounded numbers; messages in ``lang``, else
    the evaluation's)."""
    lang = lang or ev.lang
    out.write('{"period": ' + json.dumps(ev.period.key) + ',\n "indicators": [')
    _write_list(out, indicator_records(ev, lang))
    out.write('],\n "elements": [')
    _write_list(out, element_records(ev, lang))
    out.write('],\n "agencies": [')
    _write_list(out, (rec for a in ev.agencies for rec in a.records()))
    out.write(']}\n')


def _write_list(out: IO[str], records: Iterator[dict]) -> None:
    first = True
    for rec in records:
        out.write(("\n  " if first else ",\n  ") + json.dumps(rec, ensure_ascii=False, allow_nan=False))
        first = False
    if not first:
        out.write("\n ")


def csv_number(x) -> str:
    if x is None:
        return ""
    if isinstance(x, dict):
        return f"{x['min']!r}..{x['max']!r}"
    if isinstance(x, float):
        return repr(x)
    return str(x)


def write_csv(ev: Evaluation, out: IO[str], lang: str | None = None) -> None:
    lang = lang or ev.lang
    w = csv.writer(out, lineterminator="\n")
    w.writerow(CSV_HEADER)
    for rec in indicator_records(ev, lang):
        w.writerow(["indicator", rec["id"], rec["element"], rec["entity"] or "", rec["name"], rec["unit"] or "",
                    csv_number(rec["target"]), csv_number(rec["actual"]), csv_number(rec["achievement"]),
                    rec["predicate"] or "", rec["status"], " | ".join(rec["messages"])])
    for rec in element_records(ev, lang):
        w.writerow(["element", rec["id"], "", rec["entity"] or "", "", "", "", "",
                    csv_number(rec["achievement"]), rec["predicate"] or "", rec["status"],
                    " | ".join(rec["messages"])])


def write_table(ev: Evaluation, out: IO[str], lang: str = "en", width: int | None = None) -> None:
    """Measurement tables for a person: one table of indicators, one of elements."""
    from rich import box
    from rich.console import Console
    from rich.table import Table

    L = LABELS[lang]
    console = Console(file=out, width=width or 160, force_terminal=False, color_system=None,
                      highlight=False, soft_wrap=False)
    t = Table(title=f"{L['indicators']} — {L['period']} {ev.period.key}", box=box.SIMPLE_HEAD,
              show_lines=False)
    for col, justify in (("element", "left"), ("entity", "left"), ("indicator", "left"), ("unit", "left"),
                         ("target", "right"), ("actual", "right"), ("achievement", "right"),
                         ("predicate", "left"), ("notes", "left")):
        t.add_column(L[col], justify=justify, overflow="fold")
    show_entity = any(r["entity"] is not None for r in indicator_records(ev))

    def notes(problems: list) -> str:
        """Short reasons for a table cell (grouped by code, in ``lang``); JSON and CSV keep the
        engine's full messages."""
        return "; ".join(reasons(problems, lang, period=ev.period.key, label="")) if problems else ""

    rows = []
    for r in ev.indicators:
        for i, rec in enumerate(r.records(lang)):
            rec["problems"] = messages_at(r.problems, i)
            rows.append(rec)
    for rec in rows:
        t.add_row(rec["element"], rec["entity"] or "", rec["name"], rec["unit"] or "",
                  fmt_value(rec["target"], lang), fmt_value(rec["actual"], lang),
                  fmt_number(rec["achievement"], lang), rec["predicate"] or L[rec["status"]],
                  notes(rec["problems"]))
    if not show_entity:
        t.columns.pop(1)
        for c in t.columns:
            pass
    console.print(t)
    e = Table(title=f"{L['elements']} — {L['period']} {ev.period.key}", box=box.SIMPLE_HEAD)
    for col, justify in (("element", "left"), ("level", "left"), ("entity", "left"), ("achievement", "right"),
                         ("predicate", "left"), ("ceiling", "right"), ("spent", "right"),
                         ("absorption", "right"), ("efficiency", "right"), ("notes", "left")):
        e.add_column(L[col], justify=justify, overflow="fold")
    el_rows = []
    for r in ev.elements:
        for i, rec in enumerate(r.records(lang)):
            rec["problems"] = messages_at(r.problems, i)
            el_rows.append(rec)
    for rec in el_rows:
        b = rec["budget"] or {}
        e.add_row(rec["id"], words("levels", lang).get(rec["level"], rec["level"]), rec["entity"] or "", fmt_number(rec["achievement"], lang),
                  rec["predicate"] or L[rec["status"]],
                  fmt_number(b.get("ceiling"), lang, 0) if b else "", fmt_number(b.get("spent"), lang, 0) if b else "",
                  fmt_number(b.get("absorption"), lang) if b else "",
                  fmt_number(b.get("efficiency"), lang) if b else "", notes(rec["problems"]))
    if not show_entity:
        e.columns.pop(2)
    console.print(e)
    for a in ev.agencies:
        for rec in a.records():
            who = f" [{rec['entity']}]" if rec["entity"] else ""
            shown = (f"{fmt_number(rec['achievement'], lang)} — {rec['predicate'] or '-'}"
                     if rec["achievement"] is not None else f"— {L['missing']}")   # not "- — -"
            console.print(f"{rec['agency']}{who}: {L['overall']} {shown}")


def render(ev: Evaluation, fmt: str, lang: str = "en") -> str:
    buf = io.StringIO()
    {"json": write_json, "csv": write_csv, "table": write_table}[fmt](ev, buf, lang)
    return buf.getvalue()
