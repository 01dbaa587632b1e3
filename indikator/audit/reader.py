"""Reading a reported table (CSV or XLSX) into cells whose numbers keep their shown precision.

The audit judges a figure by how many decimals it was *shown* with, so a number is read
as a :class:`~indikator.audit.exact.Shown` — exact value and decimals — never as a bare
float. Text cells go through the project's number reader (:mod:`indikator.data.numbers`,
Babel, ``--locale``), after taking off what a copied table wraps around a figure and the
reader does not accept: a unit after it (``15 OPD``, ``81,00 (Nilai)``) and a dangling
rupiah dash (``39.143.040-``). An XLSX number cell is read as Excel shows it: its number
format gives the decimals, a percent format multiplies by 100.

A cell that holds digits but is not a number in the locale (``70.30`` in Indonesian,
where ``.`` only groups thousands) is not a guess: it becomes a note with its position,
and the checks that need it are skipped. A cell without a digit (``-``, ``SESUAI
KEBUTUHAN``) is text.

This module must not print: an unreadable file raises :class:`TableError` with a
:class:`~indikator.messages.Problem`.
"""
from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

from ..data.numbers import NumberError, parse_number
from ..messages import Problem
from .exact import Shown, shown

_UNIT_TAIL = re.compile(r"^(.*?[0-9%])\s*(?:\(\s*[^\d()]+\s*\)|[A-Za-z][A-Za-z/.\- ]*)$")
_DASH_TAIL = re.compile(r"(?<=[0-9])\s*-\s*$")
_SPACE_DASH = re.compile(r"\s+,-\s*$")
_RP = re.compile(r"^[Rr][Pp]\.?\s*")
_PCT = re.compile(r"\s*%$")


class TableError(Exception):
    """The file could not be read as a table; ``problem`` says why."""

    def __init__(self, problem: Problem) -> None:
        super().__init__(problem.code)
        self.problem = problem


@dataclass
class Cell:
    """One cell: its text as shown, and its number when it holds one."""

    text: str
    number: Shown | None = None
    problem: Problem | None = None      # digits that are not a number in the locale

    @property
    def empty(self) -> bool:
        return not self.text.strip()


@dataclass
class Sheet:
    """The rows of one table: ``rows[i][j]`` is the cell at file row ``i + 1``, column ``j + 1``."""

    name: str | None
    rows: list[list[Cell]] = field(default_factory=list)

    def texts(self) -> list[list[str]]:
        return [[c.text for c in r] for r in self.rows]


def read_number(text: str, locale: str) -> tuple[Shown | None, Problem | None]:
    """The number a text cell shows, with its decimals; (None, None) for text without a digit."""
    raw = text.strip()
    if not any(ch.isdigit() for ch in raw):
        return None, None
    core = _SPACE_DASH.sub(",-", raw)
    core = _DASH_TAIL.sub("", core)
    m = _UNIT_TAIL.match(core)
    if m:
        core = m.group(1)
    try:
        value = parse_number(core, locale, allow_ambiguous=True)   # issue 12: §7.1's rule is for data files
    except NumberError as exc:
        return None, Problem("audit-cell-unreadable", {"text": raw, "reason": exc.problem})
    if value is None:
        return None, None
    digits = _PCT.sub("", _RP.sub("", core.strip())).strip()
    if digits.endswith(",-"):
        digits = digits[:-2]
    if locale == "id":
        digits = digits.replace(".", "").replace(",", ".")
    try:
        return shown(Decimal(digits), text=raw), None
    except InvalidOperation:  # pragma: no cover - parse_number accepted it, so it is a plain decimal
        return shown(Decimal(repr(value)), text=raw), None


def _format_decimals(number_format: str) -> int | None:
    """Decimals an Excel number format shows (``0.00%`` → 2); None for General."""
    fmt = (number_format or "General").split(";")[0]
    if fmt == "General" or "0" not in fmt:
        return None
    m = re.search(r"0\.(0+)", fmt)
    return len(m.group(1)) if m else 0


def xlsx_cell(value: Any, number_format: str) -> Cell:
    """A cell of an XLSX sheet as Excel shows it."""
    if value is None:
        return Cell("")
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return Cell(str(value).strip())
    exact = Decimal(repr(value)) if isinstance(value, float) else Decimal(value)
    if "%" in (number_format or ""):
        exact *= 100
    decimals = _format_decimals(number_format)
    if decimals is not None:
        exact = exact.quantize(Decimal(1).scaleb(-decimals), rounding="ROUND_HALF_UP")
    else:
        exact = exact.normalize() if exact == exact.to_integral_value() else exact
        if exact == exact.to_integral_value():
            exact = exact.quantize(Decimal(1))
    text = f"{exact}" + ("%" if "%" in (number_format or "") else "")
    return Cell(text, shown(exact, text=text))


def read_table(path: str, locale: str) -> list[Sheet]:
    """Every sheet of ``path`` (one for CSV); :class:`TableError` when it cannot be read. The
    cells come through the grid reader the import shares (data/formats/grid.py)."""
    from ..data.formats.grid import FormulaWithoutValue, read_csv_grid, read_xlsx_grids
    from ..data.formats.rows import CsvRowError

    if not os.path.exists(path):
        raise TableError(Problem("audit-file-missing", {"path": path}))
    if os.path.isdir(path):
        raise TableError(Problem("audit-file-unreadable", {"path": path, "reason": "is a directory"}))
    ext = os.path.splitext(path)[1].lower()
    try:
        if ext in (".xlsx", ".xlsm"):
            sheets = [Sheet(g.title, [[xlsx_cell(v, f) for v, f in zip(values, formats)]
                                      for values, formats in zip(g.values, g.formats or [])])
                      for g in read_xlsx_grids(path)]
            for sheet in sheets:
                parse_text_cells(sheet, locale)
            return sheets
        if ext in (".csv", ".tsv", ".txt"):
            grid = read_csv_grid(path)
            return [Sheet(None, [[Cell(t.strip(), *read_number(t, locale)) for t in row] for row in grid.values])]
    except FormulaWithoutValue as exc:   # §8: a formula without a stored value is an error, never an empty cell
        raise TableError(Problem("audit-formula-without-value", {
            "where": f"{path}:{exc.sheet}!{exc.cell}", "formula": exc.formula})) from None
    except CsvRowError as exc:
        reason = Problem("csv-quote-open", {"field": exc.field}) if exc.unclosed else \
            Problem("csv-malformed", {"reason": exc.reason})
        raise TableError(Problem("audit-file-unreadable", {"path": f"{path}:{exc.line}:{exc.field}", "reason": reason})) from None
    except TableError:
        raise
    except (OSError, UnicodeDecodeError, ValueError, KeyError) as exc:
        raise TableError(Problem("audit-file-unreadable", {"path": path, "reason": str(exc) or type(exc).__name__}))
    except Exception as exc:  # openpyxl raises zipfile/lxml errors for a file that is not a workbook
        raise TableError(Problem("audit-file-unreadable", {"path": path, "reason": type(exc).__name__}))
    raise TableError(Problem("audit-file-kind", {"path": path}))


def parse_text_cells(sheet: Sheet, locale: str) -> None:
    """Read the numbers of an XLSX sheet's text cells (figures typed as text, ``"71,42 %"``)."""
    for row in sheet.rows:
        for cell in row:
            if cell.number is None and cell.problem is None and cell.text:
                cell.number, cell.problem = read_number(cell.text, locale)
