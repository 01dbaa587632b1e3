"""The long data as columns: one row per (entity, period, variable) data point.

A :class:`DataTable` is built once by the readers and then only read. Every
text column is dictionary-encoded: ``*_codes`` are ``int32`` indices into the
small ``entities``/``periods``/``variables`` lists, so that 96 million rows
cost four arrays and no Python object per row. Provenance (file and line of
each row) is kept as *segments* -- runs of rows on consecutive lines -- so
``provenance(i)`` is a binary search and a table read from one CSV or Parquet
file carries one segment, not one number per row.

This module must not read files, parse periods or numbers, or report errors:
readers do that and hand over finished codes.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Sequence

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from .periods import Period

NO_ENTITY = -1


@dataclass
class Grouping:
    """Rows grouped by (variable, period): ``order[starts[g]:starts[g+1]]`` are the
    row indices of group ``g`` in file order; ``group_variable[g]``/``group_period[g]``
    are its codes. ``order`` is int32 when the table fits, to stay small.

    Dense tables (most (variable, period, entity) cells filled, no duplicated
    point, no text values) are grouped without sorting: ``dense[g, e + 1]`` is
    the row of entity code ``e`` in group ``g`` and ``dense[g, 0]`` the row
    without an entity, -1 where there is none; ``order`` is then ``None`` and
    :meth:`rows` lists a group's rows by entity (which is the same set: a
    point appears once). ``dense_values`` (given with the values when grouping)
    is the same matrix holding each cell's value, NaN where there is no row:
    filled in the one scatter that fills ``dense``, in file order, so reading a
    group's values is a contiguous slice instead of a gather of rows scattered
    over the file (data written month by month put an entity's variables side
    by side, and a group's values a whole stride apart).
    """

    order: np.ndarray | None
    starts: np.ndarray
    group_variable: np.ndarray
    group_period: np.ndarray
    dense: np.ndarray | None = None
    dense_values: np.ndarray | None = None

    def full(self, g: int) -> bool:
        """Whether dense group ``g`` has a row for every cell (every entity and the entity-less
        column): its row count fills the row of the matrix."""
        return self.dense is not None and int(self.starts[g + 1] - self.starts[g]) == self.dense.shape[1]

    def __len__(self) -> int:
        return len(self.group_variable)

    def rows(self, g: int) -> np.ndarray:
        if self.dense is not None:
            r = self.dense[g]
            return r[r >= 0]
        return self.order[self.starts[g]:self.starts[g + 1]]


@dataclass
class DataTable:
    """Columns of the long data plus the dictionaries and the provenance segments.

    ``entity_codes == -1`` marks a row without an entity (it applies to every
    entity, PRODUCT.md §7). ``values`` is NaN where the value is missing.
    Segment ``k`` says: rows ``seg_starts[k]`` .. (next start - 1) come from
    ``files[seg_files[k]]``, the first on line ``seg_lines[k]``, the others on
    the lines that follow.
    """

    entity_codes: np.ndarray
    entities: list[str]
    period_codes: np.ndarray
    periods: list[Period]
    variable_codes: np.ndarray
    variables: list[str]
    values: np.ndarray
    files: list[str] = field(default_factory=list)
    seg_starts: np.ndarray = field(default_factory=lambda: np.zeros(0, np.int64))
    seg_files: np.ndarray = field(default_factory=lambda: np.zeros(0, np.int32))
    seg_lines: np.ndarray = field(default_factory=lambda: np.zeros(0, np.int64))
    #: Text values (grades such as ``BB``): ``labels[label_codes[i]]`` for row i,
    #: -1 for numeric rows; ``None`` when the data holds no text values at all.
    label_codes: np.ndarray | None = None
    labels: list[str] = field(default_factory=list)
    #: The planner's notes (a ``note``/``keterangan`` column, PRODUCT.md §9): (entity or None,
    #: period, variable or indicator id, text) for the rows whose note cell is not empty.
    notes: list = field(default_factory=list)
    _grouping: Grouping | None = field(default=None, repr=False, compare=False)

    def __len__(self) -> int:
        return len(self.values)

    @staticmethod
    def empty() -> "DataTable":
        z32 = np.zeros(0, np.int32)
        return DataTable(z32, [], z32.copy(), [], z32.copy(), [], np.zeros(0, np.float64))

    def provenance(self, i: int) -> tuple[str, int]:
        """(file, line) of row ``i``; for Parquet the "line" is the 1-based row number."""
        k = int(np.searchsorted(self.seg_starts, i, side="right")) - 1
        if k < 0:
            return ("<data>", 0)
        return self.files[int(self.seg_files[k])], int(self.seg_lines[k] + (i - self.seg_starts[k]))

    def label_of(self, i: int) -> str | None:
        """The text value (grade) of row ``i``, if it has one."""
        if self.label_codes is None or self.label_codes[i] < 0:
            return None
        return self.labels[int(self.label_codes[i])]

    def entity_of(self, i: int) -> str | None:
        c = int(self.entity_codes[i])
        return None if c < 0 else self.entities[c]

    def grouping(self) -> Grouping:
        """Rows grouped by (variable, period), computed once and cached.

        The group code ``variable * n_periods + period`` is small; when it fits
        16 bits NumPy's stable sort is a radix sort, so grouping 96 million rows
        is a couple of linear passes.
        """
        if self._grouping is None:
            self._grouping = _group(self.variable_codes, self.period_codes,
                                    len(self.variables), len(self.periods),
                                    self.entity_codes if self.label_codes is None else None,
                                    len(self.entities), self.values)
        return self._grouping


def _group(var: np.ndarray, per: np.ndarray, nv: int, np_: int,
           ent: np.ndarray | None = None, n_entities: int = 0,
           values: np.ndarray | None = None) -> Grouping:
    """Group the rows by (variable, period); with ``ent`` (the entity codes), try
    the dense layout first (see :class:`Grouping`; with ``values``, its matrix of
    values too)."""
    n = len(var)
    idx_type = np.int32 if n < 2**31 - 1 else np.int64
    if n == 0:
        z = np.zeros(0, np.int32)
        return Grouping(np.zeros(0, idx_type), np.zeros(1, np.int64), z, z.copy())
    total = nv * max(np_, 1)
    if total <= 1 << 16:
        # the usual case: the group code fits 16 bits; built and counted a chunk
        # at a time, without full-length int64 temporaries
        ngroups_full = total
        keys = np.empty(n, np.uint16)
        counts = np.zeros(total, np.int64)
        for lo in range(0, n, _SORT_CHUNK):
            k = keys[lo:lo + _SORT_CHUNK]
            np.multiply(var[lo:lo + _SORT_CHUNK], max(np_, 1), out=k, casting="unsafe")
            np.add(k, per[lo:lo + _SORT_CHUNK], out=k, casting="unsafe")
            counts += np.bincount(k, minlength=total)
        nonempty = np.flatnonzero(counts)
        width = n_entities + 1
        if (ent is not None and len(nonempty) * width <= 2 * n
                and max(n, len(nonempty) * width) < 2**31 - 1):
            got = _dense_rows(keys, ent, nonempty, total, width, values)
            if got is not None:
                dense, dense_values = got
                starts = np.zeros(len(nonempty) + 1, np.int64)
                np.cumsum(counts[nonempty], out=starts[1:])
                step = max(np_, 1)
                return Grouping(None, starts, (nonempty // step).astype(np.int32),
                                (nonempty % step).astype(np.int32), dense, dense_values)
    else:
        combined = var.astype(np.int64) * np_ + per
        if total <= max(4 * n, 1 << 20):
            keys = combined
            ngroups_full = total
        else:
            uniq, keys = np.unique(combined, return_inverse=True)
            ngroups_full = len(uniq)
        del combined
        keys = keys.astype(np.int32) if ngroups_full < 2**31 else keys
        counts = np.bincount(keys, minlength=ngroups_full)
    order = _stable_order(keys, counts, idx_type)
    nonempty = np.flatnonzero(counts)
    starts = np.zeros(len(nonempty) + 1, np.int64)
    np.cumsum(counts[nonempty], out=starts[1:])
    first_rows = order[starts[:-1]]
    return Grouping(order, starts, var[first_rows].astype(np.int32), per[first_rows].astype(np.int32))


_SORT_CHUNK = 1 << 19


def _dense_rows(keys: np.ndarray, ent: np.ndarray, nonempty: np.ndarray, total: int,
                width: int, values: np.ndarray | None = None,
                ) -> tuple[np.ndarray, np.ndarray | None] | None:
    """The (group, entity) -> row matrix of a dense table, one scatter a chunk at a
    time, and with ``values`` the matrix of their values (NaN: no row); ``None`` when
    two rows share a cell (a duplicated point: the sorted grouping then lets the
    duplicate check name both lines). Every row lands in a cell, so the rows are all
    in distinct cells exactly when ``n`` cells are filled."""
    n = len(keys)
    slot = np.full(total, -1, np.int64)
    slot[nonempty] = np.arange(len(nonempty)) * width + 1   # + 1: column 0 is "no entity"
    dense = np.full(len(nonempty) * width, -1, np.int32)
    cube = np.full(len(dense), np.nan) if values is not None else None
    rows = np.arange(min(n, _SORT_CHUNK), dtype=np.int32)
    for lo in range(0, n, _SORT_CHUNK):
        flat = slot[keys[lo:lo + _SORT_CHUNK]]
        flat += ent[lo:lo + _SORT_CHUNK]
        m = len(flat)
        dense[flat] = rows[:m]
        if cube is not None:
            cube[flat] = values[lo:lo + m]
        rows += m
    empty = sum(int(np.count_nonzero(dense[lo:lo + _SORT_CHUNK] < 0))
                for lo in range(0, len(dense), _SORT_CHUNK))
    if len(dense) - empty != n:
        return None
    shape = (len(nonempty), width)
    return dense.reshape(shape), (cube.reshape(shape) if cube is not None else None)


def _stable_order(keys: np.ndarray, counts: np.ndarray, idx_type) -> np.ndarray:
    """Row indices ordered by key, file order kept within a key (a stable argsort).

    Done a chunk of rows at a time: each chunk is argsorted on its own (small,
    cache-friendly, NumPy's radix sort for 16-bit keys) and its runs are copied
    to where their keys' blocks continue in the result. Same result as
    ``np.argsort(keys, kind="stable")``, without its full-length int64 output.
    """
    n = len(keys)
    k_all = len(counts)
    order = np.empty(n, idx_type)
    fill = np.zeros(k_all, np.int64)           # next free slot of each key's block
    np.cumsum(counts[:-1], out=fill[1:])
    for lo in range(0, n, _SORT_CHUNK):
        k = keys[lo:lo + _SORT_CHUNK]
        o = np.argsort(k, kind="stable").astype(idx_type, copy=False)
        o += lo
        c = np.bincount(k, minlength=k_all)
        present = np.flatnonzero(c)
        if len(present) <= len(k) // 128:
            pos = 0
            for g in present.tolist():         # few runs: plain slice copies
                m = int(c[g])
                f = int(fill[g])
                order[f:f + m] = o[pos:pos + m]
                pos += m
        else:                                  # many short runs: one scatter
            run_start = np.zeros(k_all, np.int64)
            np.cumsum(c[:-1], out=run_start[1:])
            ks = k[o - lo]
            order[(fill - run_start)[ks] + np.arange(len(k))] = o
        fill += c
    return order


def segments_from_lines(lines: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Compress per-row line numbers into (segment starts, segment first lines)."""
    lines = np.asarray(lines, dtype=np.int64)
    if len(lines) == 0:
        return np.zeros(0, np.int64), np.zeros(0, np.int64)
    brk = np.flatnonzero(np.diff(lines) != 1) + 1
    starts = np.concatenate([[0], brk]).astype(np.int64)
    return starts, lines[starts]


def encode_strings(values: Sequence[str | None] | pa.Array | pa.ChunkedArray,
                   ) -> tuple[np.ndarray, list[str]]:
    """Dictionary-encode text: (int32 codes, distinct texts). Null/empty → -1.

    Surrounding whitespace is trimmed. Done in Arrow so that a column of
    millions of NIPs is mapped to a dense index once, without a Python loop.
    """
    if not isinstance(values, (pa.Array, pa.ChunkedArray)):
        values = pa.array(values, type=pa.string())
    if pa.types.is_dictionary(values.type):
        return _encode_dictionary(values)
    if len(values) > _TRIM_AFTER_ENCODING and not pa.types.is_null(values.type):
        # Hash the raw values first and trim only the distinct ones: for a
        # column of NIPs that is 800,000 trims instead of 96 million (and for
        # int64 NIPs, 800,000 numbers turned into text). Same codes and order.
        return _encode_dictionary(pc.dictionary_encode(values))
    return _encode_plain(values)


#: Columns longer than this are dictionary-encoded before trimming.
_TRIM_AFTER_ENCODING = 4096


def _encode_plain(values: pa.Array | pa.ChunkedArray) -> tuple[np.ndarray, list[str]]:
    """Trim, make empty text null, dictionary-encode (the texts in order of first appearance)."""
    if not (pa.types.is_string(values.type) or pa.types.is_large_string(values.type)):
        values = pc.cast(values, pa.string())
    trimmed = pc.utf8_trim(values, characters=" \t\r\n\u00a0")
    trimmed = pc.if_else(pc.equal(trimmed, ""), pa.scalar(None, trimmed.type), trimmed)
    enc = pc.dictionary_encode(trimmed)
    if isinstance(enc, pa.ChunkedArray):
        if enc.num_chunks == 0:
            return np.zeros(0, np.int32), []
        dictionary = enc.chunk(0).dictionary
        idx = np.concatenate([c.indices.fill_null(-1).to_numpy(zero_copy_only=False)
                              for c in enc.chunks]) if enc.num_chunks else np.zeros(0)
    else:
        dictionary = enc.dictionary
        idx = enc.indices.fill_null(-1).to_numpy(zero_copy_only=False)
    return idx.astype(np.int32, copy=False), dictionary.to_pylist()


def _dictionary_key(d: pa.Array) -> tuple:
    return tuple(0 if b is None else b.address for b in d.buffers()) + (d.offset, len(d))


def _encode_dictionary(values: pa.Array | pa.ChunkedArray) -> tuple[np.ndarray, list[str]]:
    """Dictionary input (Parquet read with ``read_dictionary``): encode only the
    dictionaries, then map the indices -- the texts are never materialized per row.

    The batches Arrow reads from one Parquet row group share one dictionary
    object, so each *distinct* dictionary is hashed once (``unify_dictionaries``
    would hash it again for every batch: 744 times 100,000 NIPs instead of 96
    times for 96 million rows). Texts keep the order of first appearance.
    """
    chunks = values.chunks if isinstance(values, pa.ChunkedArray) else [values]
    if not chunks:
        return np.zeros(0, np.int32), []
    slots: dict[tuple, int] = {}
    dicts: list[pa.Array] = []
    which: list[int] = []
    for c in chunks:
        key = _dictionary_key(c.dictionary)
        j = slots.get(key)
        if j is None:
            j = slots[key] = len(dicts)
            dicts.append(c.dictionary)
        which.append(j)
    if len(dicts) == 1:
        dcodes, texts = _encode_plain(dicts[0])
    else:
        # all distinct dictionaries one after the other, hashed together once
        enc = pc.dictionary_encode(pa.chunked_array(dicts))
        if len({_dictionary_key(c.dictionary) for c in enc.chunks}) > 1:
            enc = pc.dictionary_encode(pa.concat_arrays(dicts))
        dcodes, texts = _encode_dictionary(enc)
    remaps: list[np.ndarray] = []
    start = 0
    for d in dicts:
        # index -1 (a null row) stays -1
        remaps.append(np.append(dcodes[start:start + len(d)], np.int32(-1)).astype(np.int32, copy=False))
        start += len(d)
    # a dictionary whose texts are a run of the final order -- the same order (the periods and
    # variables of most files: every row group lists them alike) or the next new texts (the
    # NIPs of a file sorted by NIP: each row group brings its own) -- needs no remapping,
    # only its indices shifted
    shift = [int(r[0]) if len(r) > 1 and np.array_equal(r[:-1], r[0] + np.arange(len(r) - 1)) else None
             for r in remaps]
    out = np.empty(sum(len(c) for c in chunks), np.int32)
    offset = 0
    for c, j in zip(chunks, which):  # one chunk at a time: no second full-length copy
        ind = c.indices
        idx = (ind.fill_null(-1) if ind.null_count else ind).to_numpy(zero_copy_only=False)
        if shift[j] is not None and not ind.null_count:
            np.add(idx, shift[j], out=out[offset:offset + len(c)], casting="unsafe")
        else:
            # mode "wrap": indices are in [-1, len) and -1 takes the trailing -1;
            # unlike the default mode it does not buffer the output
            np.take(remaps[j], idx, out=out[offset:offset + len(c)], mode="wrap")
        offset += len(c)
    return out, texts


def merge_codes(parts: list[tuple[np.ndarray, list]]) -> tuple[list[np.ndarray], list]:
    """Re-code several (codes, dictionary) pairs onto one shared dictionary.

    Dictionary entries are compared by equality (strings, or :class:`Period`
    which compares by canonical key). -1 stays -1.
    """
    merged: list = []
    index: dict = {}
    out: list[np.ndarray] = []
    for codes, dictionary in parts:
        remap = np.empty(len(dictionary) + 1, np.int32)
        remap[-1] = NO_ENTITY
        for j, item in enumerate(dictionary):
            k = index.get(item)
            if k is None:
                k = index[item] = len(merged)
                merged.append(item)
            remap[j] = k
        codes = np.asarray(codes)
        out.append(remap[codes] if len(codes) else codes.astype(np.int32))
    return out, merged


def concat(tables: list[DataTable]) -> DataTable:
    """One table holding the rows of all ``tables`` in order, dictionaries re-coded."""
    tables = [t for t in tables if t is not None]
    if not tables:
        return DataTable.empty()
    if len(tables) == 1:
        return tables[0]
    ent, entities = merge_codes([(t.entity_codes, t.entities) for t in tables])
    per, periods = merge_codes([(t.period_codes, t.periods) for t in tables])
    var, variables = merge_codes([(t.variable_codes, t.variables) for t in tables])
    label_codes, labels = None, []
    if any(t.label_codes is not None for t in tables):
        parts = [(t.label_codes if t.label_codes is not None else np.full(len(t), -1, np.int32),
                  t.labels) for t in tables]
        lab, labels = merge_codes(parts)
        label_codes = np.concatenate(lab).astype(np.int32)
    files: list[str] = []
    seg_starts, seg_files, seg_lines = [], [], []
    offset = 0
    for t in tables:
        seg_starts.append(t.seg_starts + offset)
        seg_files.append(t.seg_files + len(files))
        seg_lines.append(t.seg_lines)
        files.extend(t.files)
        offset += len(t)
    return DataTable(
        np.concatenate(ent).astype(np.int32), entities,
        np.concatenate(per).astype(np.int32), periods,
        np.concatenate(var).astype(np.int32), variables,
        np.concatenate([t.values for t in tables]).astype(np.float64),
        files,
        np.concatenate(seg_starts).astype(np.int64),
        np.concatenate(seg_files).astype(np.int32),
        np.concatenate(seg_lines).astype(np.int64),
        label_codes, labels,
        [n for t in tables for n in t.notes],
    )
