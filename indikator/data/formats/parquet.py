"""Data in Parquet files (PRODUCT.md §7): columns read one at a time, no Python loop per row.
"""
from __future__ import annotations

from typing import Any
import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
from ..numbers import parse_numbers
from ..table import DataTable, encode_strings
from ..filereport import FileReport, MAX_SCAN
from ..tabular import DATA, Layout, build_table, map_header, split_labels


class ParquetColumns:
    """The mapped columns of a Parquet file, each read when asked for (a file may hold ~10^8
    rows: its columns are never all in memory at once). Parquet has no lines: a row's
    "line" is its 1-based row number."""

    def __init__(self, path: str, pf: Any, fields: dict[str, int]) -> None:
        self.path = path
        self.pf = pf
        self.fields = fields
        self.names = pf.schema_arrow.names

    def __len__(self) -> int:
        return int(self.pf.metadata.num_rows)

    @property
    def colnum(self) -> dict[str, int]:
        return {f: i + 1 for f, i in self.fields.items()}

    def name(self, role: str) -> str:
        return self.names[self.fields[role]]

    def type(self, role: str) -> pa.DataType:
        return self.pf.schema_arrow.field(self.name(role)).type

    def column(self, role: str, dictionary: bool = False) -> pa.ChunkedArray:
        """One column; ``dictionary``: dictionary-encoded by Arrow as it is read (few distinct texts)."""
        import pyarrow.parquet as pq

        name = self.name(role)
        return pq.read_table(self.path, columns=[name], read_dictionary=[name] if dictionary else None).column(0)

    def line_of(self, rows: np.ndarray) -> np.ndarray:
        return np.asarray(rows, np.int64) + 1


def read_parquet_columns(path: str, rep: FileReport, layout: Layout) -> ParquetColumns | None:
    """The columns of a Parquet file that ``layout`` maps (the roster's reader)."""
    import pyarrow.parquet as pq

    pf = pq.ParquetFile(path)
    fields = map_header(pf.schema_arrow.names, rep, 1, layout)
    return None if fields is None else ParquetColumns(path, pf, fields)


def read_parquet(path: str, locale: str, rep: FileReport) -> DataTable | None:
    """All mapped columns in one threaded read, text columns dictionary-encoded by Arrow as
    they are decoded; then each column is turned into codes or numbers and let go, a batch at
    a time, so the Arrow columns and their numpy forms are never all held together.

    One read rather than one per column: Arrow decodes the columns and row groups of one
    read on its threads (a reader writing by hand would do the same), and the file is
    opened and its pages walked once."""
    import pyarrow.parquet as pq

    cols = read_parquet_columns(path, rep, DATA)
    if cols is None:
        return None
    n = len(cols)
    text = [f for f in ("period", "variable", "entity") if f in cols.fields]
    names = [cols.name(f) for f in text]
    value_name = cols.name("value")
    table = pq.read_table(path, columns=names + [value_name], read_dictionary=names)
    columns = {f: table.column(i) for i, f in enumerate(text)}
    value_col = table.column(len(text))
    del table
    encoded: dict[str, Any] = {}
    pool = pa.default_memory_pool()
    for f in text:
        encoded[f] = encode_strings(columns.pop(f))
        # give the column's memory back at once (Arrow's pool would keep it from numpy)
        pool.release_unused()
    seg_starts = np.zeros(1 if n else 0, np.int64)
    seg_lines = np.ones(1 if n else 0, np.int64)
    colnum = cols.colnum
    vt = value_col.type
    if pa.types.is_integer(vt) or pa.types.is_floating(vt) or pa.types.is_decimal(vt):
        # numbers already: cast chunk by chunk into one array, each chunk let go once copied
        values = np.empty(n, np.float64)
        chunks = value_col.chunks
        del value_col
        chunks.reverse()
        offset = 0
        while chunks:
            chunk = chunks.pop()
            m = len(chunk)
            values[offset:offset + m] = (chunk if chunk.type == pa.float64() else
                                         pc.cast(chunk, pa.float64())).to_numpy(zero_copy_only=False)
            offset += m
            if len(chunks) % 64 == 0:
                pool.release_unused()
        labels: tuple[np.ndarray | None, list[str]] = (None, [])
    else:
        values, errs = parse_numbers(value_col, locale, max_errors=MAX_SCAN)
        labels = split_labels(rep, n, errs, lambda i: value_col[i].as_py(),
                              lambda i: (i + 1, colnum["value"]))
        del value_col
    pool.release_unused()
    return build_table(rep, n, encoded, colnum, seg_starts, seg_lines, locale, values=values, labels=labels)
