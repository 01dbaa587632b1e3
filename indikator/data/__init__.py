"""Data: periods, number locales, readers and the store answering (variable, period) queries.

See PRODUCT.md §7. Nothing here prints or exits; errors are Diagnostics.

The names below are imported on first use (PEP 562): loading definitions needs only
:mod:`.periods`, and importing the readers and the store (numpy, pyarrow) with it cost a cold
``check`` 0.45 s before it had read a file.
"""
from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING

_WHERE = {
    "NumberError": "numbers", "parse_number": "numbers", "parse_numbers": "numbers",
    "Period": "periods", "PeriodError": "periods", "parse_period": "periods",
    "read_data": "readers",
    "AGGREGATIONS": "store", "DataStore": "store", "Explanation": "store", "Series": "store",
    "DataTable": "table", "concat": "table",
}

__all__ = [
    "AGGREGATIONS", "DataStore", "DataTable", "Explanation", "NumberError", "Period",
    "PeriodError", "Series", "concat", "parse_number", "parse_numbers", "parse_period",
    "read_data",
]


def __getattr__(name: str):
    where = _WHERE.get(name)
    if where is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(import_module(f".{where}", __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))


if TYPE_CHECKING:  # pragma: no cover - for type checkers and editors only
    from .numbers import NumberError, parse_number, parse_numbers
    from .periods import Period, PeriodError, parse_period
    from .readers import read_data
    from .store import AGGREGATIONS, DataStore, Explanation, Series
    from .table import DataTable, concat
