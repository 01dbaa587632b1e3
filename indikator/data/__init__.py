"""Data: periods, number locales, readers and the store answering (variable, period) queries.

See PRODUCT.md §7. Nothing here prints or exits; errors are Diagnostics.
"""
from .numbers import NumberError, parse_number, parse_numbers
from .periods import Period, PeriodError, parse_period
from .readers import read_data
from .store import AGGREGATIONS, DataStore, Explanation, Series
from .table import DataTable, concat

__all__ = [
    "AGGREGATIONS", "DataStore", "DataTable", "Explanation", "NumberError", "Period",
    "PeriodError", "Series", "concat", "parse_number", "parse_numbers", "parse_period",
    "read_data",
]
