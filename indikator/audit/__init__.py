"""``indikator audit``: recompute a table copied from a report and list its slips (PRODUCT.md §11).

Pipeline: :mod:`.reader` reads the file into cells that keep their shown precision,
:mod:`.headers` finds the columns, :mod:`.checks` recomputes every figure with the exact
arithmetic of :mod:`.exact`, and :mod:`.output` writes the findings. This package never
prints or exits: the command line does.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Sequence

from ..messages import Problem
from ..model import BUILTIN_SCALES, Scale
from .checks import Context, Finding, audit_sheet, describe_plain
from .headers import REQUIRED, find_layout, normalise
from .reader import Sheet, TableError, read_table

__all__ = ["AuditResult", "TableError", "audit_sheets", "audit_table"]


@dataclass
class AuditResult:
    path: str
    sheets: list[tuple[Sheet, Any]]          # (sheet, layout) of every audited sheet
    findings: list[Finding]
    notes: list[Problem]
    rows: int
    lang: str = "id"

    def to_json(self) -> dict:
        return {"findings": [f.to_json(self.lang) for f in self.findings], "rows": self.rows}


def audit_table(path: str, *, locale: str = "id", scale: str | None = None, lang: str = "id",
                dset: Any = None, describe: Any = None, extra_notes: Sequence[Problem] = ()) -> AuditResult:
    """Audit every table in ``path`` (each sheet of a workbook); :class:`TableError` when none is readable.

    ``dset`` (a checked definition set) adds its custom scales; ``describe`` maps a row to
    what the definitions say about it (see :class:`~indikator.audit.match.DefsMatcher`).
    """
    return audit_sheets(path, read_table(path, locale), locale=locale, scale=scale, lang=lang, dset=dset,
                        describe=describe, extra_notes=extra_notes)


def audit_sheets(path: str, sheets: list[Sheet], *, locale: str = "id", scale: str | None = None,
                 lang: str = "id", dset: Any = None, describe: Any = None,
                 extra_notes: Sequence[Problem] = ()) -> AuditResult:
    """Audit sheets already read (see :func:`audit_table`)."""
    scales: dict[str, Scale] = dict(BUILTIN_SCALES)
    if dset is not None:
        scales.update({k: v for k, v in dset.scales.items() if v.kind == "predicate"})
    if scale is not None and scale not in scales:
        raise ValueError(scale)
    labels = {normalise(b.label): b.label for s in scales.values() for b in s.bands}
    ctx = Context(lang, scale, scales, locale, describe or describe_plain)
    audited: list[tuple[Sheet, Any]] = []
    problems: list[Problem] = []
    for sheet in sheets:
        texts = sheet.texts()
        if not any(any(t.strip() for t in r) for r in texts):
            continue
        layout = find_layout(texts, labels)
        where = sheet.name or path
        if layout is None:
            problems.append(Problem("audit-no-header", {"where": where, "columns": ", ".join(REQUIRED)}))
            continue
        if layout.missing:
            found = "; ".join(c.header for c in layout.columns if c.header)
            problems.append(Problem("audit-missing-column", {"where": where, "missing": ", ".join(layout.missing),
                                                             "found": found}))
            continue
        for g in layout.groups:
            lacking = [r for r in ("target", "realisasi", "capaian") if r not in g.columns]
            if lacking and g.columns:
                ctx.notes.append(Problem("audit-group-skipped", {"where": where, "year": g.year or "-",
                                                                 "missing": ", ".join(lacking)}))
        audit_sheet(sheet, layout, ctx)
        audited.append((sheet, layout))
    if not audited:
        raise TableError(problems[0] if problems else Problem("audit-no-header", {
            "where": path, "columns": ", ".join(REQUIRED)}))
    notes = list(extra_notes) + problems + ctx.notes
    return AuditResult(path, audited, ctx.findings, notes, ctx.rows, lang)
