"""Data in CSV files (PRODUCT.md §7): long layout here, wide sheets in :mod:`..wide`.
"""
from __future__ import annotations

import csv
import io
from typing import Any
import numpy as np
from ..table import DataTable, segments_from_lines
from ..filereport import FileReport
from ..tabular import with_notes, build_table, map_header


def read_csv(path: str, locale: str, rep: FileReport) -> DataTable | None:
    with open(path, encoding="utf-8-sig", newline="") as f:
        text = f.read()
    first = next((ln for ln in text.splitlines() if ln.strip()), "")
    if not first:
        rep.add("data-header", "the CSV file is empty: expected a header such as period,variable,value")
        return None
    delimiter = ";" if first.count(";") > first.count(",") else ","
    from ..wide import read_wide_csv, wide_csv_rows
    wide_rows = wide_csv_rows(text, delimiter)   # periods as column headers (§10)?
    if wide_rows is not None:
        return read_wide_csv(wide_rows, locale, rep)
    # strict: a quote left open is an error, never the rest of the file swallowed into one value
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    header: list[str] | None = None
    header_line = 1
    prev_end = 0
    ent: list[str] = []
    per: list[str] = []
    var: list[str] = []
    val: list[str] = []
    lines: list[int] = []
    notes: list[tuple] = []
    fields: dict[str, int] = {}
    try:
        for row in reader:
            start = prev_end + 1
            prev_end = reader.line_num
            if not any(c.strip() for c in row):
                continue
            if header is None:
                header, header_line = row, start
                mapped = map_header(row, rep, start)
                if mapped is None:
                    return None
                fields = mapped
                continue
            if len(row) > len(header) and any(c.strip() for c in row[len(header):]):
                hint = ""
                if delimiter == ",":
                    hint = (" — an unquoted decimal comma such as 92,85? quote the value "
                            "(\"92,85\") or use ';' as the delimiter")
                rep.add("data-row", f"this row has {len(row)} fields but the header has "
                        f"{len(header)}{hint}", start, len(header) + 1)
                continue
            if len(row) < len(header):
                rep.add("data-row", f"this row has {len(row)} field{'s' * (len(row) != 1)} but the header "
                        f"has {len(header)}: a separator is missing (an empty value is written as an "
                        f"empty field, e.g. 2024,x,)", start, len(row) + 1)
                continue
            get = lambda f: row[fields[f]] if fields[f] < len(row) else ""  # noqa: E731
            per.append(get("period"))
            var.append(get("variable"))
            val.append(get("value"))
            if "entity" in fields:
                ent.append(get("entity"))
            if "note" in fields and get("note").strip():
                notes.append((get("entity") if "entity" in fields else None, get("period"), get("variable"),
                              get("note")))
            lines.append(start)
    except csv.Error as exc:
        start = prev_end + 1
        rest = text.splitlines(keepends=True)[start - 1:]
        opened = next(csv.reader(io.StringIO("".join(rest), newline=""), delimiter=delimiter), [])
        if str(exc).startswith("unexpected end of data"):
            rep.add("data-row", f"a quote (\") opened in field {len(opened) or 1} of this row is never "
                    f"closed: the rest of the file would be read as one value; close the quote",
                    start, max(len(opened), 1))
        else:
            rep.add("data-row", f"malformed CSV: {exc}", reader.line_num or start,
                    max(len(opened), 1))
        return None
    if header is None:
        return None
    seg_starts, seg_lines = segments_from_lines(np.asarray(lines, np.int64))
    cols: dict[str, Any] = {"period": per, "variable": var, "value": val}
    if "entity" in fields:
        cols["entity"] = ent
    colnum = {f: i + 1 for f, i in fields.items()}
    return with_notes(build_table(rep, len(lines), cols, colnum, seg_starts, seg_lines, locale), notes)
