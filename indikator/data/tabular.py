"""Raw columns to a DataTable: the header mapping and the builder every tabular reader shares
(CSV, XLSX, Parquet and the chunked Parquet reader).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Callable, Sequence
import numpy as np
from ..diagnostics import did_you_mean
from ..messages import Message, Problem
from .numbers import is_label, parse_numbers
from .periods import Period, PeriodError, parse_period
from .table import DataTable, encode_strings, segments_from_lines
from .filereport import FileReport, MAX_PER_CODE, MAX_SCAN

if TYPE_CHECKING:
    from .formats.columns import Columns


#: Header name (lower case) → field. English and Indonesian, §7.
HEADER_ALIASES = {
    "period": "period", "periode": "period",
    "variable": "variable", "variabel": "variable",
    "value": "value", "nilai": "value",
    "entity": "entity", "entitas": "entity",
    "note": "note", "keterangan": "note", "catatan": "note",
}


REQUIRED = ("period", "variable", "value")


@dataclass(frozen=True)
class Layout:
    """What a tabular file's columns mean to one reader: the data's long layout or the roster.

    The format readers (data/formats/) read a file's columns through it without knowing
    what they mean: the header is mapped with ``aliases``, problems are reported under
    ``<kind>-header`` / ``<kind>-row`` (and ``codes`` for a role's cells), ``text`` names
    the roles whose cells must be text (ids, periods); ``<kind>-example`` in the catalog is
    the header a planner would write.
    """

    kind: str                                  # "data" or "roster": the codes' prefix
    aliases: dict[str, str]                    # header (lower case) → role
    required: tuple[str, ...]
    text: tuple[str, ...]                      # roles read as text (an XLSX date there is an error)
    codes: dict[str, str] = field(default_factory=dict)   # role → code of its cell problems

    @property
    def header_code(self) -> str:
        return f"{self.kind}-header"

    @property
    def row_code(self) -> str:
        return f"{self.kind}-row"

    def cell_code(self, role: str) -> str:
        return self.codes.get(role, self.row_code)

    def example_header(self, cells: bool = False) -> Problem:
        """The header a planner would write, in the reader's language (``cells``: as a sheet's row)."""
        return Problem(f"{self.kind}-example-row" if cells else f"{self.kind}-example")


#: the long layout of data files (PRODUCT.md §7)
DATA = Layout("data", HEADER_ALIASES, REQUIRED, ("period", "variable", "entity"),
              {"period": "data-period", "variable": "data-variable"})


def map_header(names: Sequence[Any], rep: FileReport, line: int = 1, layout: Layout = DATA,
               ) -> dict[str, int] | None:
    """Field → 0-based column index, or None (with diagnostics) when unusable."""
    found: dict[str, int] = {}
    unknown: dict[str, int] = {}
    aliases = layout.aliases
    code = layout.header_code
    for i, raw in enumerate(names):
        name = "" if raw is None else str(raw).strip().lower().lstrip("\ufeff")
        role = aliases.get(name)
        if role is None:
            if name:
                unknown.setdefault(name, i)
            continue
        if role in found:
            rep.add(code, Problem("header-repeated", {"column": name, "role": Problem(f"role-{role}"),
                                                      "at": found[role] + 1}), line, i + 1)
            continue
        found[role] = i
    missing = [f for f in layout.required if f not in found]
    misspelt: set[str] = set()
    for f in missing:
        names_of = [k for k, v in aliases.items() if v == f]
        near = [(u, did_you_mean(u, names_of)) for u in unknown]
        near = [(u, s) for u, s in near if s]
        if near:
            u, sugg = near[0]
            misspelt.add(u)
            rep.add(code, Problem("header-misspelt", {"role": f, "alias": names_of[1], "column": u}), line,
                    unknown[u] + 1, suggestions=sugg)
        else:
            rep.add(code, Problem(f"{layout.kind}-header-missing", {"role": f, "alias": names_of[1]}), line, 1)
    for u, i in unknown.items():
        if u not in misspelt:
            rep.add(code, Problem(f"{layout.kind}-header-ignored", {"column": u}), line, i + 1,
                    severity="warning", suggestions=did_you_mean(u, aliases))
    return None if missing else found


def _encoded(column: Any) -> tuple[np.ndarray, list[str]]:
    """``(codes, texts)`` of a text column, unless the reader already encoded it."""
    if isinstance(column, tuple):
        return column
    return encode_strings(column)


def split_labels(rep: FileReport, n: int, errs: "list[tuple[int, Message]]",
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
                msg = Problem("data-not-number-nor-grade", {
                    "text": text, "grades": ", ".join(sorted(rep.grades)) or Problem("data-no-grade-scale")})
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
        rep.add("data-number", Problem("data-too-many-not-numbers", {"n": MAX_SCAN}), *where(last))
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

    def report_rows(code: str, rows: np.ndarray, message: Callable[[int], Message], col: int) -> None:
        for i in rows[:MAX_PER_CODE]:
            rep.add(code, message(int(i)), line_of(int(i)), col)
        if len(rows) > MAX_PER_CODE:
            rep.more(code, len(rows) - MAX_PER_CODE)

    # periods
    raw_codes, texts = _encoded(columns["period"])
    canon = np.full(len(texts) + 1, -1, np.int32)
    periods: list[Period] = []
    index: dict[Period, int] = {}
    bad: dict[int, Message] = {}
    for j, text in enumerate(texts):
        try:
            p = parse_period(text)
        except PeriodError as exc:
            bad[j] = exc.problem or str(exc)
            continue
        canon[j] = index.setdefault(p, len(periods))
        if canon[j] == len(periods):
            periods.append(p)
    if _any_negative(raw_codes):
        report_rows("data-period", np.flatnonzero(raw_codes < 0),
                    lambda i: Problem("data-period-empty"), colnum["period"])
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
                    lambda i: Problem("data-variable-empty"), colnum["variable"])

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


def long_table(cols: "Columns", locale: str, rep: FileReport) -> DataTable | None:
    """The data table of a long-layout file's columns (CSV and XLSX), with the planner's notes."""
    cells = cols.cells
    columns = {f: cells[f] for f in ("period", "variable", "value", "entity") if f in cells}
    seg_starts, seg_lines = segments_from_lines(cols.lines)
    notes: list[tuple] = []
    if "note" in cells:
        entity = cells.get("entity")
        for i, text in enumerate(cells["note"]):
            if text is not None and str(text).strip():
                notes.append((entity[i] if entity is not None else None, cells["period"][i],
                              cells["variable"][i], text))
    return with_notes(build_table(rep, len(cols), columns, cols.colnum, seg_starts, seg_lines, locale), notes)


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
