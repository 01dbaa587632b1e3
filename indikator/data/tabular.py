"""Raw columns to a DataTable: the header mapping and the builder every tabular reader shares
(CSV, XLSX, Parquet and the chunked Parquet reader).
"""
from __future__ import annotations

from typing import Any, Callable, Sequence
import numpy as np
from ..diagnostics import did_you_mean
from .numbers import is_label, parse_numbers
from .periods import Period, PeriodError, parse_period
from .table import DataTable, encode_strings
from .filereport import FileReport, MAX_PER_CODE, MAX_SCAN


#: Header name (lower case) → field. English and Indonesian, §7.
HEADER_ALIASES = {
    "period": "period", "periode": "period",
    "variable": "variable", "variabel": "variable",
    "value": "value", "nilai": "value",
    "entity": "entity", "entitas": "entity",
    "note": "note", "keterangan": "note", "catatan": "note",
}


REQUIRED = ("period", "variable", "value")


def map_header(names: Sequence[Any], rep: FileReport, line: int = 1,
                ) -> dict[str, int] | None:
    """Field → 0-based column index, or None (with diagnostics) when unusable."""
    found: dict[str, int] = {}
    unknown: dict[str, int] = {}
    for i, raw in enumerate(names):
        name = "" if raw is None else str(raw).strip().lower()
        field = HEADER_ALIASES.get(name)
        if field is None:
            if name:
                unknown.setdefault(name, i)
            continue
        if field in found:
            rep.add("data-header", f"column '{name}' repeats the {field} column "
                    f"(column {found[field] + 1})", line, i + 1)
            continue
        found[field] = i
    missing = [f for f in REQUIRED if f not in found]
    misspelt: set[str] = set()
    for f in missing:
        aliases = [k for k, v in HEADER_ALIASES.items() if v == f]
        near = [(u, did_you_mean(u, aliases)) for u in unknown]
        near = [(u, s) for u, s in near if s]
        if near:
            u, sugg = near[0]
            misspelt.add(u)
            rep.add("data-header", f"required column '{f}' (or '{aliases[1]}') is missing; "
                    f"is column '{u}' a misspelling?", line, unknown[u] + 1, suggestions=sugg)
        else:
            rep.add("data-header", f"required column '{f}' (or '{aliases[1]}') is missing "
                    f"from the header", line, 1)
    for u, i in unknown.items():
        if u not in misspelt:
            rep.add("data-header", f"column '{u}' is not a data column and is ignored "
                    f"(expected {', '.join(REQUIRED)}, optional entity and note)", line, i + 1,
                    severity="warning", suggestions=did_you_mean(u, HEADER_ALIASES))
    return None if missing else found


def _encoded(column: Any) -> tuple[np.ndarray, list[str]]:
    """``(codes, texts)`` of a text column, unless the reader already encoded it."""
    if isinstance(column, tuple):
        return column
    return encode_strings(column)


def split_labels(rep: FileReport, n: int, errs: list[tuple[int, str]],
                  text_at: Callable[[int], Any], where: Callable[[int], tuple[int, int]],
                  ) -> tuple[np.ndarray | None, list[str]]:
    """Sort the values that did not parse as numbers into grades and errors."""
    codes: np.ndarray | None = None
    labels: list[str] = []
    index: dict[str, int] = {}
    for i, msg in errs:
        raw = text_at(i)
        text = "" if raw is None else str(raw).strip()
        ok = (text in rep.grades) if rep.grades is not None else is_label(text)
        if not ok:
            if rep.grades is not None and is_label(text):
                msg = (f"'{text}' is neither a number nor a grade "
                       f"({', '.join(sorted(rep.grades)) or 'no grade scale'})")
            rep.add("data-number", msg, *where(i))
            continue
        if codes is None:
            codes = np.full(n, -1, np.int32)
        k = index.setdefault(text, len(labels))
        if k == len(labels):
            labels.append(text)
        codes[i] = k
    if len(errs) >= MAX_SCAN:
        last = errs[-1][0]
        rep.add("data-number", f"more than {MAX_SCAN} values are not numbers; the rest of "
                f"the column after this row was not examined", *where(last))
    return codes, labels


def _any_negative(codes: np.ndarray) -> bool:
    """``(codes < 0).any()`` without a full-length temporary."""
    return bool(len(codes)) and int(np.min(codes)) < 0


def build_table(rep: FileReport, n: int, columns: dict[str, Any], colnum: dict[str, int],
           seg_starts: np.ndarray, seg_lines: np.ndarray, locale: str,
           values: np.ndarray | None = None,
           labels: tuple[np.ndarray | None, list[str]] = (None, [])) -> DataTable | None:
    """Encode the text columns of a long-layout table and parse its values.

    ``columns`` holds ``period``, ``variable``, optional ``entity`` and (unless
    ``values`` is given already parsed) ``value``, as Python lists or Arrow
    arrays. Each distinct period text is parsed once.
    """
    def line_of(i: int) -> int:
        k = int(np.searchsorted(seg_starts, i, side="right")) - 1
        return int(seg_lines[k] + (i - seg_starts[k]))

    def report_rows(code: str, rows: np.ndarray, message: Callable[[int], str], col: int) -> None:
        for i in rows[:MAX_PER_CODE]:
            rep.add(code, message(int(i)), line_of(int(i)), col)
        if len(rows) > MAX_PER_CODE:
            rep.more(code, len(rows) - MAX_PER_CODE)

    # periods
    raw_codes, texts = _encoded(columns["period"])
    canon = np.full(len(texts) + 1, -1, np.int32)
    periods: list[Period] = []
    index: dict[Period, int] = {}
    bad: dict[int, str] = {}
    for j, text in enumerate(texts):
        try:
            p = parse_period(text)
        except PeriodError as exc:
            bad[j] = str(exc)
            continue
        canon[j] = index.setdefault(p, len(periods))
        if canon[j] == len(periods):
            periods.append(p)
    if _any_negative(raw_codes):
        report_rows("data-period", np.flatnonzero(raw_codes < 0),
                    lambda i: "the period is empty", colnum["period"])
    if bad:
        rows = np.flatnonzero(np.isin(raw_codes, np.fromiter(bad, np.int32)))
        report_rows("data-period", rows, lambda i: bad[int(raw_codes[i])], colnum["period"])
    if np.array_equal(canon[:-1], np.arange(len(texts))):
        period_codes = raw_codes          # every text canonical and distinct: codes as they are
    else:
        period_codes = canon[raw_codes]

    var_codes, variables = _encoded(columns["variable"])
    if _any_negative(var_codes):
        report_rows("data-variable", np.flatnonzero(var_codes < 0),
                    lambda i: "the variable name is empty", colnum["variable"])

    if "entity" in columns:
        ent_codes, entities = _encoded(columns["entity"])
    else:
        ent_codes, entities = np.full(n, -1, np.int32), []

    if values is None:
        values, errs = parse_numbers(columns["value"], locale, max_errors=MAX_SCAN)
        column = columns["value"]
        labels = split_labels(rep, n, errs, lambda i: column[i],
                               lambda i: (line_of(i), colnum["value"]))
    return DataTable(ent_codes, entities, period_codes.astype(np.int32, copy=False), periods,
                     var_codes, variables, np.asarray(values, np.float64),
                     [rep.file], seg_starts.astype(np.int64),
                     np.zeros(len(seg_starts), np.int32), seg_lines.astype(np.int64),
                     labels[0], labels[1])


def with_notes(table: DataTable | None, notes: list[tuple]) -> DataTable | None:
    """Attach the planner's notes, their periods read as everywhere else (bad ones are reported already)."""
    if table is None or not notes:
        return table
    out = []
    for entity, period, variable, text in notes:
        try:
            p = parse_period(str(period).strip())
        except PeriodError:
            continue
        ent = str(entity).strip() if entity is not None and str(entity).strip() else None
        out.append((ent, p, str(variable).strip(), " ".join(str(text).split())))
    table.notes = out
    return table
