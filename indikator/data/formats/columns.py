"""A tabular file's data rows as raw columns: what every format reader gives, before any meaning.

The CSV, XLSX and Parquet readers (this folder) find the header, map it with the caller's
:class:`~indikator.data.tabular.Layout` (the data's long layout or the roster), and hand
back the cells of the mapped columns with the line of each row. What the columns mean is
the caller's: :mod:`indikator.data.tabular` builds a data table from them,
:mod:`indikator.data.roster` the holders of each position.
"""
from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from ...messages import Problem


@dataclass
class Columns:
    """The mapped columns of one file: ``cells[role]`` holds a cell value per data row (text
    for CSV, the stored value for XLSX, where ``Layout.text`` roles are text already);
    ``lines[r]`` is the line (CSV) or sheet row (XLSX) of data row ``r``."""

    fields: dict[str, int]                 # role → 0-based column of the file
    cells: dict[str, list[Any]]
    lines: np.ndarray
    extra: dict[str, Any] = field(default_factory=dict)

    def __len__(self) -> int:
        return len(self.lines)

    def column(self, role: str, dictionary: bool = False) -> Any:
        """One role's cells (``dictionary`` is for Parquet, read column by column: ignored here)."""
        return self.cells[role]

    def line_of(self, rows: np.ndarray) -> np.ndarray:
        """The line (or sheet row) of each of the 0-based data ``rows``."""
        return self.lines[np.asarray(rows, np.int64)]

    @property
    def colnum(self) -> dict[str, int]:
        """Role → 1-based column, as messages show it."""
        return {f: i + 1 for f, i in self.fields.items()}


def cell_text(value: Any, role: str) -> tuple[str | None, Problem | None]:
    """A spreadsheet cell that must be text (a period, an id): its text, or ``(None, why not)``.

    Excel turns ``2024-01`` into a date and keeps 15 digits of a number, so a NIP typed as a
    number may have lost its last digits: both are refused with the fix, never guessed.
    """
    if value is None:
        return None, None
    what = Problem(f"role-{role}")     # "period", "periode": said in the reader's language
    if isinstance(value, bool):
        return None, Problem("cell-true-false", {"role": what})
    if isinstance(value, (_dt.date, _dt.datetime, _dt.time)):
        return None, Problem("cell-date" if role == "period" else "cell-date-text", {"role": what, "value": str(value)})
    if isinstance(value, int):
        return str(value), None
    if isinstance(value, float):
        if value.is_integer() and abs(value) < 2**53:
            return str(int(value)), None
        if value.is_integer():
            return None, Problem("cell-number-too-long", {"role": what, "value": f"{value:.0f}"})
        return None, Problem("cell-number-not-text", {"role": what, "value": str(value)})
    return str(value), None
