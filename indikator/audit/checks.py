"""The §11 checks over one table: capaian, means and sums, absorption, predicates.

Every check computes a figure exactly twice: from the cells *as shown*, and as the
interval the figure can take when each inexact input moves within its shown precision
(targets, pagu and realisasi anggaran are exact). :func:`indikator.audit.exact.judge`
turns the two into ``slip``, ``rounding`` or nothing. A finding is data — a code and
its parameters — rendered in the user's language at the edge.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any, Callable

from ..messages import Problem
from ..model import BUILTIN_SCALES, DEFAULT_PREDICATE_SCALE, Scale
from .capaian import (TargetSpec, capaian_function, polarity_of, range_target, single_target)
from .exact import Interval, Shown, image, judge, mean_interval, round_half_away, sum_interval
from .headers import Group, Layout, normalise
from .numfmt import fig
from .reader import Cell, Sheet, read_number

SUMMARY_WORDS = {"rata rata": "mean", "rata2": "mean", "rerata": "mean", "average": "mean", "mean": "mean",
                 "jumlah": "sum", "total": "sum"}
SEVERITY = {"slip": "error", "rounding": "note"}


@dataclass
class Finding:
    """One cell that does not add up (§11 JSON fields, plus where to draw it)."""

    sheet: str | None
    row: int                  # 1-based file row
    col: int                  # 0-based column index in the sheet
    column: str               # §11 name in its Indonesian form
    indicator: str
    kind: str                 # slip | rounding
    reported: Any
    expected: Any
    problem: Problem
    extra: list[Problem] = field(default_factory=list)

    @property
    def severity(self) -> str:
        return SEVERITY[self.kind]

    def message(self, lang: str) -> str:
        text = self.problem.render(lang)
        for p in self.extra:
            text += " " + p.render(lang)
        return text

    def to_json(self, lang: str) -> dict:
        return {"row": self.row, "column": self.column, "indicator": self.indicator, "kind": self.kind,
                "severity": self.severity, "reported": self.reported, "expected": self.expected,
                "message": self.message(lang)}


@dataclass
class RowInfo:
    """What the definitions say about a row's indicator (empty without ``--defs``)."""

    key: str                              # indicator id when matched, else the normalised name
    label: str                            # what findings call the indicator
    polarity: str | None = None
    scale: str | None = None
    engine: Problem | None = None         # what the engine computes from the data, when asked


@dataclass
class Context:
    lang: str
    scale: str | None                     # --scale
    scales: dict[str, Scale]
    locale: str
    describe: Callable[[str, dict[str, str]], RowInfo]     # (indicator text, {shared role: text}) → RowInfo
    findings: list[Finding] = field(default_factory=list)
    notes: list[Problem] = field(default_factory=list)
    # (indicator key, year) → (cell, predicate as written)
    predicates: dict[tuple[str, int | None], tuple[str, str]] = field(default_factory=dict)
    rows: int = 0


def _num(cell: Cell | None) -> Shown | None:
    return cell.number if cell is not None else None


def _cell(row: list[Cell], index: int | None) -> Cell | None:
    if index is None or index >= len(row):
        return None
    return row[index]


def summary_kind(row: list[Cell], layout: Layout) -> str | None:
    """``mean`` or ``sum`` for a rata-rata / jumlah row: a summary word, and no target or realisasi.

    The word may stand in the ``no`` or ``indikator`` cell or in any other text cell (a merged
    "Rata-rata capaian :" spans the first columns); an indicator *named* "Persentase Rata-Rata
    Capaian …" has its own target and realisasi, so it stays an indicator.
    """
    label_cols = {layout.shared.get("no"), layout.shared.get("indikator")}
    measure = _measure_columns(layout)
    texts = [normalise(c.text) for j, c in enumerate(row)
             if c.text and (j in label_cols or (c.number is None and j not in measure))]
    texts += [t.replace(" ", "") for t in texts if all(len(w) == 1 for w in t.split())]   # "J U M L A H"
    kind = next((k for t in texts for word, k in SUMMARY_WORDS.items() if f" {word} " in f" {t} "), None)
    if kind is None:
        return None
    for g in layout.groups:
        for role in ("target", "realisasi"):
            if _num(_cell(row, g.columns.get(role))) is not None:
                return None
    return kind


def _measure_columns(layout: Layout) -> set[int]:
    cols = {i for g in layout.groups for i in g.columns.values()}
    cols |= {layout.shared[r] for r in ("pagu", "realisasi_anggaran", "serapan") if r in layout.shared}
    return cols


def audit_sheet(sheet: Sheet, layout: Layout, ctx: Context) -> None:
    """Run every check over the rows below the header of one sheet."""
    block: list[list[Cell]] = []
    summary_block: list[list[Cell]] = []
    last_was_summary = False
    measure_cols = _measure_columns(layout)
    target_cols = {g.columns["target"] for g in layout.groups if "target" in g.columns}
    for i in range(layout.first_data_row, len(sheet.rows)):
        row = sheet.rows[i]
        if all(c.empty for c in row):
            continue
        ctx.rows += 1
        file_row = i + 1
        for j in sorted(measure_cols):
            c = _cell(row, j)
            if c is not None and c.problem is not None and not (
                    j in target_cols and range_target(c.text, lambda t: read_number(t, ctx.locale)[0])):
                ctx.notes.append(Problem("audit-cell-unreadable", {
                    "where": _where(sheet, file_row, j), **c.problem.params}))
        kind = summary_kind(row, layout)
        label_cell = _cell(row, layout.shared.get("indikator"))
        name = label_cell.text if label_cell is not None and label_cell.text else _row_label(row, layout)
        if kind is not None:
            if not last_was_summary:
                summary_block = block
                block = []
            _check_summary(sheet, file_row, row, kind, summary_block, layout, ctx, name)
            last_was_summary = True
            continue
        last_was_summary = False
        if not any(_num(_cell(row, j)) is not None for j in measure_cols):
            continue        # a section row ("Sasaran Strategis 1")
        block.append(row)
        shared = {role: c.text for role, j in layout.shared.items() if (c := _cell(row, j)) is not None and c.text}
        info = ctx.describe(name, shared)
        for g in layout.groups:
            _check_capaian(sheet, file_row, row, g, layout, info, ctx)
            _check_predicate(sheet, file_row, row, g, layout, info, ctx)
        _check_absorption(sheet, file_row, row, layout, info, ctx)


def _row_label(row: list[Cell], layout: Layout) -> str:
    for role in ("program", "kode", "no"):
        c = _cell(row, layout.shared.get(role))
        if c is not None and c.text:
            return c.text
    return ""


def _where(sheet: Sheet, row: int, col: int) -> str:
    from openpyxl.utils import get_column_letter

    ref = f"{get_column_letter(col + 1)}{row}"
    return f"{sheet.name}!{ref}" if sheet.name else ref


def _target(row: list[Cell], g: Group, ctx: Context) -> TargetSpec | None:
    c = _cell(row, g.columns.get("target"))
    if c is None:
        return None
    if c.number is not None:
        return single_target(c.number)
    if c.problem is not None or c.text:
        return range_target(c.text, lambda t: read_number(t, ctx.locale)[0])
    return None


def _polarity(row: list[Cell], layout: Layout, info: RowInfo, target: TargetSpec) -> str:
    c = _cell(row, layout.shared.get("polaritas"))
    written = polarity_of(c.text) if c is not None and c.text else None
    if info.polarity:
        return info.polarity
    if written:
        return written
    return "range" if target.is_range else "positive"


def _check_capaian(sheet: Sheet, file_row: int, row: list[Cell], g: Group, layout: Layout, info: RowInfo,
                   ctx: Context) -> None:
    cap_col = g.columns.get("capaian")
    cap, real = _num(_cell(row, cap_col)), _num(_cell(row, g.columns.get("realisasi")))
    target = _target(row, g, ctx)
    if cap is None or real is None or target is None:
        return
    polarity = _polarity(row, layout, info, target)
    fn = capaian_function(polarity, target)
    if fn is None:
        return
    f, peak, formula = fn
    from_shown = f(real.value)
    reachable = image(f, real.interval(), peak)
    kind = judge(cap, from_shown, reachable)
    if kind is None:
        return
    decimals = max(cap.decimals, 2)
    if formula == "range":
        formula_text = _range_formula(real, target, ctx)
    else:
        formula_text = formula.format(a=ctx_fig(real, ctx), t=ctx_fig(target.number, ctx))
    expected = round_half_away(from_shown, decimals)
    _add(ctx, sheet, file_row, cap_col, "capaian", info, kind, cap, expected,
         Problem(f"audit-capaian-{kind}", {"reported": ctx_fig(cap, ctx), "formula": formula_text,
                                           "expected": fig(expected, decimals, ctx.lang)}))


def _range_formula(real: Shown, target: TargetSpec, ctx: Context) -> str:
    """The piece of the range rule the shown realisasi falls in, with its figures."""
    a = ctx_fig(real, ctx)
    lo = ctx_fig(target.low or target.number, ctx)
    hi = ctx_fig(target.high or target.number, ctx)
    low = (target.low or target.number).value
    high = (target.high or target.number).value
    if real.value < low:
        return f"{a} / {lo} × 100"
    if real.value > high:
        return f"(2 × {hi} − {a}) / {hi} × 100"
    return f"100 ({lo} ≤ {a} ≤ {hi})"


def ctx_fig(s: Shown, ctx: Context) -> str:
    return fig(s.value, s.decimals, ctx.lang)


def _add(ctx: Context, sheet: Sheet, file_row: int, col: int, column: str, info: RowInfo, kind: str,
         reported: Shown, expected: Fraction, problem: Problem) -> None:
    finding = Finding(sheet.name, file_row, col, column, info.label, kind, float(reported.value),
                      float(expected), problem)
    if info.engine is not None:
        finding.extra.append(info.engine)
    ctx.findings.append(finding)


def _check_absorption(sheet: Sheet, file_row: int, row: list[Cell], layout: Layout, info: RowInfo,
                      ctx: Context) -> None:
    col = layout.shared.get("serapan")
    reported = _num(_cell(row, col))
    pagu = _num(_cell(row, layout.shared.get("pagu")))
    spent = _num(_cell(row, layout.shared.get("realisasi_anggaran")))
    if reported is None or pagu is None or spent is None or pagu.value == 0:
        return
    value = spent.value / pagu.value * 100
    kind = judge(reported, value, Interval(value, value))
    if kind is None:
        return
    decimals = max(reported.decimals, 2)
    expected = round_half_away(value, decimals)
    _add(ctx, sheet, file_row, col, "serapan", info, kind, reported, expected,
         Problem(f"audit-absorption-{kind}", {"reported": ctx_fig(reported, ctx), "spent": ctx_fig(spent, ctx),
                                              "ceiling": ctx_fig(pagu, ctx),
                                              "expected": fig(expected, decimals, ctx.lang)}))


def _check_summary(sheet: Sheet, file_row: int, row: list[Cell], kind: str, block: list[list[Cell]],
                   layout: Layout, ctx: Context, name: str) -> None:
    info = RowInfo(normalise(name), name)
    checks: list[tuple[str, int, bool]] = []        # (column name, index, exact inputs)
    for g in layout.groups:
        if "capaian" in g.columns:
            checks.append(("capaian", g.columns["capaian"], False))
    for role in ("pagu", "realisasi_anggaran"):
        if role in layout.shared:
            checks.append((role, layout.shared[role], True))
    if "serapan" in layout.shared:
        if kind == "mean":
            checks.append(("serapan", layout.shared["serapan"], False))
        else:
            _check_absorption(sheet, file_row, row, layout, info, ctx)
    for column, col, exact in checks:
        reported = _num(_cell(row, col))
        parts = [c.number for r in block if (c := _cell(r, col)) is not None and c.number is not None]
        if reported is None or not parts:
            continue
        intervals = [p.interval(exact) for p in parts]
        total = sum((p.value for p in parts), Fraction(0))
        if kind == "mean":
            value, reachable = total / len(parts), mean_interval(intervals)
        else:
            value, reachable = total, sum_interval(intervals)
        verdict = judge(reported, value, reachable)
        if verdict is None:
            continue
        decimals = max(reported.decimals, 2) if not exact else reported.decimals
        expected = round_half_away(value, decimals)
        figures = ", ".join(ctx_fig(p, ctx) for p in parts)
        _add(ctx, sheet, file_row, col, column, info, verdict, reported, expected,
             Problem(f"audit-{kind}-{verdict}", {"reported": ctx_fig(reported, ctx), "n": len(parts),
                                                  "figures": figures, "expected": fig(expected, decimals, ctx.lang)}))
    for g in layout.groups:
        _check_predicate(sheet, file_row, row, g, layout, info, ctx, summary=True)


def scale_label(scale: Scale, capaian: Fraction) -> str | None:
    """The scale's label for a capaian, compared at two decimals (§6)."""
    shown2 = round_half_away(capaian, 2)
    for band in scale.bands:
        if band.min == float("-inf") or shown2 >= Fraction(band.min):
            return band.label
    return None


def _predicate_cell(row: list[Cell], g: Group) -> tuple[int, str] | None:
    col = g.columns.get("predikat")
    c = _cell(row, col)
    if c is not None and c.text:
        return col, c.text
    for j, label in g.label_columns.items():
        c = _cell(row, j)
        if c is not None and c.text:
            written = c.text if any(ch.isalpha() for ch in c.text) and len(c.text) > 2 else label
            return j, written
    return None


def _check_predicate(sheet: Sheet, file_row: int, row: list[Cell], g: Group, layout: Layout, info: RowInfo,
                     ctx: Context, summary: bool = False) -> None:
    found = _predicate_cell(row, g)
    cap = _num(_cell(row, g.columns.get("capaian")))
    if found is None:
        return
    col, written = found
    name = ctx.scale or info.scale or DEFAULT_PREDICATE_SCALE
    scale = ctx.scales.get(name) or BUILTIN_SCALES[DEFAULT_PREDICATE_SCALE]
    if cap is not None and scale.kind == "predicate":
        label = scale_label(scale, cap.value)
        if label is not None and normalise(label) != normalise(written):
            finding = Finding(sheet.name, file_row, col, "predikat", info.label, "slip", written, label,
                              Problem("audit-predicate-slip", {"reported": written, "expected": label,
                                                               "capaian": ctx_fig(cap, ctx), "scale": name}))
            other = _scale_with_label(ctx.scales, written, exclude=name)
            if other:
                finding.extra.append(Problem("audit-scale-hint", {"scale": other}))
            if info.engine is not None:
                finding.extra.append(info.engine)
            ctx.findings.append(finding)
    if summary:
        return
    key = (info.key, g.year)
    first = ctx.predicates.get(key)
    if first is None:
        ctx.predicates[key] = (_where(sheet, file_row, col), written)
    elif normalise(first[1]) != normalise(written):
        ctx.findings.append(Finding(
            sheet.name, file_row, col, "predikat", info.label, "slip", written, first[1],
            Problem("audit-two-predicates", {"reported": written, "expected": first[1], "where": first[0]})))


def _scale_with_label(scales: dict[str, Scale], label: str, exclude: str) -> str | None:
    for name, scale in scales.items():
        if name != exclude and any(normalise(b.label) == normalise(label) for b in scale.bands):
            return name
    return None


def describe_plain(text: str, shared: dict[str, str]) -> RowInfo:
    """Without definitions a row's indicator is its name, compared case- and space-insensitively."""
    return RowInfo(normalise(text), text)


__all__ = ["Finding", "RowInfo", "Context", "audit_sheet", "describe_plain", "scale_label"]
