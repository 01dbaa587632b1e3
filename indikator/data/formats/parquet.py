"""Data in Parquet files (PRODUCT.md §7).
"""
from __future__ import annotations

from typing import Any
import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
from ..numbers import parse_numbers
from ..table import DataTable, encode_strings
from ..filereport import FileReport, MAX_SCAN
from ..tabular import build_table, map_header, split_labels


def read_parquet(path: str, locale: str, rep: FileReport) -> DataTable | None:
    """Column by column, dictionary-encoded by Arrow: no Python loop per row."""
    import pyarrow.parquet as pq

    pf = pq.ParquetFile(path)
    names = pf.schema_arrow.names
    fields = map_header(names, rep, 1)
    if fields is None:
        return None
    n = pf.metadata.num_rows
    cols: dict[str, Any] = {}
    for f in ("period", "variable", "entity"):
        if f in fields:
            name = names[fields[f]]
            # Read as dictionary and encode at once, one column at a time, so
            # the texts of ~10^8 rows are never all materialized together.
            column = pq.read_table(path, columns=[name], read_dictionary=[name]).column(0)
            cols[f] = encode_strings(column)
            del column
    value_name = names[fields["value"]]
    seg_starts = np.zeros(1 if n else 0, np.int64)
    seg_lines = np.ones(1 if n else 0, np.int64)
    colnum = {f: i + 1 for f, i in fields.items()}
    vt = pf.schema_arrow.field(value_name).type
    if pa.types.is_integer(vt) or pa.types.is_floating(vt) or pa.types.is_decimal(vt):
        # Numbers already: cast batch by batch into one array, so the column is
        # never held twice (as Arrow buffers and as numpy) at full length.
        values = np.empty(n, np.float64)
        offset = 0
        for batch in pf.iter_batches(batch_size=1 << 20, columns=[value_name]):
            chunk = batch.column(0)
            values[offset:offset + len(chunk)] = (
                pc.cast(chunk, pa.float64()).to_numpy(zero_copy_only=False))
            offset += len(chunk)
        labels: tuple[np.ndarray | None, list[str]] = (None, [])
    else:
        value_col = pq.read_table(path, columns=[value_name]).column(0)
        values, errs = parse_numbers(value_col, locale, max_errors=MAX_SCAN)
        labels = split_labels(rep, n, errs, lambda i: value_col[i].as_py(),
                               lambda i: (i + 1, colnum["value"]))
        del value_col
    return build_table(rep, n, cols, colnum, seg_starts, seg_lines, locale, values=values,
                  labels=labels)
