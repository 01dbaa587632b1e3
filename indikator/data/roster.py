"""Who holds which position: the YAML ``holders`` and a roster file, kept as columns.

A regency has about 7,000 civil servants, the country 4.3 million; listing them
in YAML does not scale, so ``--holders FILE`` reads a roster (CSV, XLSX or
Parquet) with the columns ``position,id,name`` (Indonesian ``jabatan,nip,nama``;
``name`` is optional). The roster and the YAML ``holders`` merge: a position's
holders are its YAML holders, then its roster rows in file order; a (position,
NIP) pair given in both is one holder (the YAML entry is kept).

A :class:`Roster` is columnar -- never a Python object per holder: the rows are
grouped by position (definition order) and ``ids``/``names`` are Arrow text
arrays, with ``starts`` giving each position's block of rows. Mapping the NIPs
to the data store's dense entity index is one vectorized ``index_in``.

The file is read by the data readers' own column readers (``COLUMN_READERS`` in
:mod:`indikator.data.readers`, one per format in ``data/formats/``) with the roster's
:data:`LAYOUT`; this module keeps only what the columns mean. Problems in the roster file
are :class:`~indikator.diagnostics.Diagnostic` values with file, row and column
(``roster-header``, ``roster-row``, ``roster-position``, ``roster-duplicate``,
``roster-id``, ``roster-unreadable``), their messages codes of
``messages/catalog_data_readers.py``. The coverage warnings
of ``check`` about holders (``position-no-holder``, ``holder-twice``) are
recomputed over the merged roster by :func:`roster_coverage`.
"""
from __future__ import annotations

import os
from dataclasses import dataclass, field
from typing import Any, Sequence

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from .. import formats
from ..diagnostics import Diagnostic, Span, did_you_mean, has_errors
from ..input_paths import why_unreadable
from ..messages import Problem, one_of
from ..model import POSITION_LEVEL, DefinitionSet
from .filereport import MAX_PER_CODE, FileReport, library_said, unreadable_reason
from .readers import COLUMN_READERS
from .tabular import Layout

#: holder-twice warnings listed one by one before a count
MAX_TWICE = 100                      # (data/coverage.py lists that many two-position holders)

HEADER_ALIASES = {
    "position": "position", "jabatan": "position",
    "id": "id", "nip": "id",
    "name": "name", "nama": "name",
}
REQUIRED = ("position", "id")
EXTENSIONS = formats.ROSTER          # extension → format (indikator/formats.py)


@dataclass
class Roster:
    """Holders of every position, grouped by position in definition order.

    Rows ``starts[k]:starts[k+1]`` hold ``positions[k]``. ``file_index[r]`` is -1
    for a YAML holder (``line[r]`` is then its index in ``dset.holders()``),
    else the index of its file in ``files`` (``line[r]`` its 0-based data row;
    ``line_fns[f]`` turns data rows into the lines or rows shown in messages).
    """

    positions: tuple[str, ...]
    starts: np.ndarray
    ids: pa.Array
    names: pa.Array
    file_index: np.ndarray
    line: np.ndarray
    files: list[str] = field(default_factory=list)
    id_column: int = 2
    line_fns: list = field(default_factory=list, repr=False)
    id_codes: np.ndarray | None = field(default=None, repr=False)   # same code = same NIP (None: not known)
    _pos_index: dict[str, int] | None = field(default=None, repr=False)
    _cols: dict[int, np.ndarray] = field(default_factory=dict, repr=False)

    def __len__(self) -> int:
        return len(self.ids)

    def position_index(self, position: str) -> int | None:
        if self._pos_index is None:
            self._pos_index = {p: k for k, p in enumerate(self.positions)}
        return self._pos_index.get(position)

    def block(self, position: str) -> tuple[int, int]:
        """Rows [lo, hi) of the holders of ``position`` (empty when it has none)."""
        k = self.position_index(position)
        if k is None:
            return 0, 0
        return int(self.starts[k]), int(self.starts[k + 1])

    def count(self, position: str) -> int:
        lo, hi = self.block(position)
        return hi - lo

    def holder_ids(self, position: str) -> list[str]:
        """The NIPs of one position's holders (a short list: one position)."""
        lo, hi = self.block(position)
        return self.ids.slice(lo, hi - lo).to_pylist()

    def holder_names(self, position: str) -> dict[str, str]:
        lo, hi = self.block(position)
        ids = self.ids.slice(lo, hi - lo).to_pylist()
        names = self.names.slice(lo, hi - lo).to_pylist()
        return {i: (n or "") for i, n in zip(ids, names)}

    def positions_of(self, entity: str) -> list[str]:
        """The positions ``entity`` holds, in definition order."""
        if not len(self.ids) or entity is None:
            return []
        rows = np.flatnonzero(pc.equal(self.ids, entity).to_numpy(zero_copy_only=False))
        if not len(rows):
            return []
        ks = np.searchsorted(self.starts, rows, side="right") - 1
        return [self.positions[int(k)] for k in np.unique(ks)]

    def is_holder(self, entity: str | None) -> bool:
        return entity is not None and bool(len(self.ids)) and bool(pc.any(pc.equal(self.ids, entity)).as_py())

    def store_columns(self, store: Any) -> np.ndarray:
        """The data store column of every row's NIP; ``n`` (the entity-less column) for a
        NIP without data. One ``index_in`` over the store's entities, cached per store."""
        key = id(store)
        hit = self._cols.get(key)
        if hit is not None:
            return hit
        if store is None:
            cols = np.zeros(len(self.ids), np.int64)
        else:
            entities = store.entity_ids()
            n = len(entities)
            idx = pc.index_in(self.ids, value_set=pa.array(entities, type=pa.string()))
            cols = idx.fill_null(n).to_numpy(zero_copy_only=False).astype(np.int64, copy=False)
        self._cols = {key: cols}
        return cols

    def spans(self, rows: Sequence[int], dset: DefinitionSet) -> list[Span | None]:
        """Where each of ``rows`` was given: the YAML holder, or the file's line and id column
        (lines are looked up once for all ``rows``)."""
        rows = np.asarray(rows, np.int64)
        out: list[Span | None] = [None] * len(rows)
        yaml_holders = None
        for f in set(self.file_index[rows].tolist()):
            at = np.flatnonzero(self.file_index[rows] == f)
            if f < 0:
                yaml_holders = yaml_holders or dset.holders()
                for i in at:
                    out[i] = yaml_holders[int(self.line[rows[i]])][0].span
            else:
                lines = self.line_fns[f](self.line[rows[at]])
                for i, ln in zip(at, lines):
                    out[i] = Span(self.files[f], int(ln), self.id_column)
        return out


# -- building ------------------------------------------------------------------

def _position_ids(dset: DefinitionSet) -> tuple[str, ...]:
    return tuple(e.id for e in dset.elements.values() if e.level == POSITION_LEVEL)


def from_definitions(dset: DefinitionSet) -> Roster:
    """The roster of the YAML ``holders`` alone."""
    return merge(dset, None)


def merge(dset: DefinitionSet, file_part: "_FileRows | None") -> Roster:
    """YAML holders, then roster-file rows, grouped by position in definition order;
    a (position, NIP) pair given in the YAML and in the file is kept once (the YAML one)."""
    positions = _position_ids(dset)
    index = {p: k for k, p in enumerate(positions)}
    yaml_pairs = [(index[e.id], h.id, h.name) for h, e in dset.holders() if e.id in index]
    y_pos = np.array([p for p, _, _ in yaml_pairs], np.int32)
    y_ids = pa.array([i for _, i, _ in yaml_pairs], pa.string())
    y_names = pa.array([n for _, _, n in yaml_pairs], pa.string())
    y_file = np.full(len(yaml_pairs), -1, np.int32)
    # index of each YAML holder in dset.holders() (what span_of reads back)
    y_line = np.array([j for j, (h, e) in enumerate(dset.holders()) if e.id in index], np.int64)
    files: list[str] = []
    line_fns: list = []
    if file_part is not None and len(file_part.ids):
        files = [file_part.file]
        line_fns = [file_part.line_of]
        f_pos = file_part.pos
        f_ids, f_names = file_part.ids, file_part.names
        if len(yaml_pairs):
            # drop file rows that repeat a YAML (position, NIP) pair
            ykeys = pa.array([f"{p}\x1f{i}" for p, i, _ in yaml_pairs], pa.string())
            fkeys = pc.binary_join_element_wise(pc.cast(pa.array(f_pos), pa.string()), f_ids, "\x1f")
            keep = pc.invert(pc.is_in(fkeys, value_set=ykeys)).to_numpy(zero_copy_only=False)
            if not keep.all():
                sel = np.flatnonzero(keep)
                f_pos, f_ids, f_names = f_pos[sel], f_ids.take(sel), f_names.take(sel)
                f_line = file_part.line[sel]
            else:
                f_line = file_part.line
        else:
            f_line = file_part.line
        pos = np.concatenate([y_pos, f_pos]).astype(np.int32)
        ids = pa.concat_arrays([y_ids, f_ids.cast(pa.string())])
        names = pa.concat_arrays([y_names, f_names.cast(pa.string())])
        file_index = np.concatenate([y_file, np.zeros(len(f_pos), np.int32)])
        line = np.concatenate([y_line, f_line.astype(np.int64)])
    else:
        pos, ids, names, file_index, line = y_pos, y_ids, y_names, y_file, y_line
    codes = None
    if file_part is not None and file_part.id_codes is not None and not len(yaml_pairs):
        codes = file_part.id_codes
    order = np.argsort(pos, kind="stable")
    if len(order) and not np.all(order[1:] > order[:-1]):
        ids, names = ids.take(order), names.take(order)
        pos, file_index, line = pos[order], file_index[order], line[order]
        codes = codes[order] if codes is not None else None
    counts = np.bincount(pos, minlength=len(positions)) if len(pos) else np.zeros(len(positions), np.int64)
    starts = np.zeros(len(positions) + 1, np.int64)
    np.cumsum(counts, out=starts[1:])
    col = file_part.id_column if file_part is not None else 2
    return Roster(positions, starts, ids, names, file_index, line, files, col, line_fns, codes)


# -- reading a roster file -------------------------------------------------------

@dataclass
class _FileRows:
    file: str
    pos: np.ndarray          # position index (definition order) per row
    ids: pa.Array
    names: pa.Array
    line: np.ndarray         # 0-based data row
    id_column: int
    line_of: Any             # data rows -> line (CSV), sheet row (XLSX) or 1-based row (Parquet)
    id_codes: np.ndarray | None = None   # a code per distinct NIP (hashed once, reused by coverage)


#: the roster's columns (``--holders``): ``position,id,name`` or ``jabatan,nip,nama``
LAYOUT = Layout("roster", HEADER_ALIASES, REQUIRED, ("position", "id", "name"), {"id": "roster-id"})


def read_roster(path: str, dset: DefinitionSet) -> tuple[Roster | None, list[Diagnostic]]:
    """The roster file at ``path`` merged with the YAML holders of ``dset``;
    ``None`` with the errors when the file is unusable."""
    rep = FileReport(path)
    ext = os.path.splitext(path)[1].lower()
    kind = EXTENSIONS.get(ext)
    if kind is None:
        rep.add("roster-unreadable", Problem("roster-unknown-extension", {
            "path": path, "ext": ext, "extensions": one_of(formats.extensions(EXTENSIONS))}))
        return None, rep.finish()
    problem = why_unreadable(path)
    if problem is not None:   # before open: a FIFO would block, a folder is not "missing"
        rep.add("roster-unreadable", Problem("roster-file-problem", {"problem": problem}))
        return None, rep.finish()
    try:
        cols = COLUMN_READERS[kind](path, rep, LAYOUT)
        part = _check_rows(path, _columns(cols), dset, rep) if cols is not None else None
    except (OSError, UnicodeDecodeError) as exc:
        rep.add("roster-unreadable", Problem("roster-cannot-read", {"path": path, "reason": unreadable_reason(exc)}))
        part = None
    except Exception as exc:  # a damaged file becomes a diagnostic, not a traceback
        rep.add("roster-unreadable", Problem("roster-cannot-read", {"path": path,
                                                                    "reason": library_said(exc)}))
        part = None
    diags = rep.finish()
    if part is None or has_errors(diags):
        return None, diags
    return merge(dset, part), diags


@dataclass
class _Columns:
    position: pa.Array
    id: pa.Array
    name: pa.Array | None
    colnum: dict[str, int]
    line_of: Any            # row index array -> line numbers array


def _columns(cols: Any) -> _Columns:
    """The roster's columns as trimmed Arrow text (an empty cell is null), whatever the format
    gave: Python lists (CSV, XLSX) or Arrow columns read one by one (Parquet)."""
    def col(f: str) -> pa.Array | None:
        if f not in cols.fields:
            return None
        c = cols.column(f, dictionary=f == "position")     # Arrow (Parquet, a plain CSV) or a list
        if isinstance(c, pa.ChunkedArray):
            c = c.combine_chunks()
        elif not isinstance(c, pa.Array):
            c = pa.array(c, pa.string())
        if pa.types.is_dictionary(c.type) and f == "position":
            # a few distinct texts: trimmed once each, the rows keep their indices
            d = c.dictionary.cast(pa.string())
            d = pc.utf8_trim(d, characters=" \t\r\n\u00a0")
            d = pc.if_else(pc.equal(d, ""), pa.scalar(None, pa.string()), d)
            return pa.DictionaryArray.from_arrays(c.indices, d)
        if pa.types.is_dictionary(c.type):
            c = c.cast(c.type.value_type)
        if not pa.types.is_string(c.type):
            c = pc.cast(c, pa.string())
        trimmed = pc.utf8_trim(c, characters=" \t\r\n\u00a0")
        return pc.if_else(pc.equal(trimmed, ""), pa.scalar(None, pa.string()), trimmed)
    return _Columns(col("position"), col("id"), col("name"), cols.colnum, cols.line_of)


def _id_codes(ids: pa.Array) -> tuple[np.ndarray, int]:
    """A code per row, equal for equal NIPs (-1 for an empty cell), and the number of codes.
    NIPs are digits: read as integers and ranked (faster than hashing millions of strings)."""
    valid = ids.drop_null() if ids.null_count else ids
    if (len(valid) and pc.all(pc.utf8_is_digit(valid)).as_py() and int(pc.max(pc.binary_length(valid)).as_py()) <= 18
            and not pc.any(pc.starts_with(valid, "0")).as_py()):
        nums = pc.cast(ids.fill_null("0") if ids.null_count else ids, pa.int64()).to_numpy(zero_copy_only=False)
        uniq, codes = np.unique(nums, return_inverse=True)
        codes = codes.astype(np.int64).ravel()
        if ids.null_count:
            codes[ids.is_null().to_numpy(zero_copy_only=False)] = -1
        return codes, len(uniq)
    enc = pc.dictionary_encode(ids)
    return enc.indices.fill_null(-1).to_numpy(zero_copy_only=False).astype(np.int64), len(enc.dictionary)


def _check_rows(path: str, c: _Columns, dset: DefinitionSet, rep: FileReport) -> _FileRows | None:
    n = len(c.id)
    positions = _position_ids(dset)
    index = {p: k for k, p in enumerate(positions)}

    def report_rows(code: str, rows: np.ndarray, message, col: int) -> None:
        shown = rows[:MAX_PER_CODE]
        lines = c.line_of(shown)
        for r, ln in zip(shown, lines):
            rep.add(code, message(int(r)), int(ln), col)
        if len(rows) > MAX_PER_CODE:
            rep.more(code, len(rows) - MAX_PER_CODE)

    # positions: each distinct text looked up once
    enc = c.position if pa.types.is_dictionary(c.position.type) else pc.dictionary_encode(c.position)
    texts = enc.dictionary.to_pylist()
    codes = enc.indices.fill_null(-1).to_numpy(zero_copy_only=False).astype(np.int64)
    if enc.dictionary.null_count:         # an empty text in the dictionary is an empty cell
        empty = np.flatnonzero(enc.dictionary.is_null().to_numpy(zero_copy_only=False))
        codes[np.isin(codes, empty)] = -1
    remap = np.full(len(texts) + 1, -1, np.int32)
    bad_text: dict[int, tuple[Problem, tuple[str, ...]]] = {}
    for j, t in enumerate(texts):
        k = index.get(t)
        if k is not None:
            remap[j] = k
            continue
        el = dset.elements.get(t)
        if el is not None:
            an = el.level[:1] in "aeiou"
            bad_text[j] = (Problem("roster-not-position-an" if an else "roster-not-position-a",
                                   {"position": t, "level": el.level}), ())
        else:
            sugg = did_you_mean(t, positions)
            bad_text[j] = (Problem("roster-unknown-position", {"position": t}), sugg)
    pos = remap[codes]
    empty_pos = np.flatnonzero(codes < 0)
    if len(empty_pos):
        report_rows("roster-position", empty_pos, lambda r: Problem("roster-position-empty"), c.colnum["position"])
    if bad_text:
        bad_rows = np.flatnonzero(np.isin(codes, np.fromiter(bad_text, np.int64)))
        shown = bad_rows[:MAX_PER_CODE]
        for r, ln in zip(shown, c.line_of(shown)):
            msg, sugg = bad_text[int(codes[r])]
            rep.add("roster-position", msg, int(ln), c.colnum["position"], suggestions=sugg)
        if len(bad_rows) > MAX_PER_CODE:
            rep.more("roster-position", len(bad_rows) - MAX_PER_CODE)
    id_null = c.id.is_null().to_numpy(zero_copy_only=False)
    if id_null.any():
        report_rows("roster-id", np.flatnonzero(id_null), lambda r: Problem("roster-id-empty"), c.colnum["id"])
    # duplicates (position, id): one hash of the ids, then an int64 key per row
    ok = (pos >= 0) & ~id_null
    id_codes, n_ids = _id_codes(c.id)
    key = pos.astype(np.int64) * (n_ids + 1) + id_codes
    rows_ok = np.flatnonzero(ok)
    order = rows_ok[np.argsort(key[rows_ok], kind="stable")]
    ks = key[order]
    dup_at = np.flatnonzero(ks[1:] == ks[:-1]) + 1
    if len(dup_at):
        # the first row of each run of equal keys, for "first given at"
        newrun = np.ones(len(ks), bool)
        newrun[1:] = ks[1:] != ks[:-1]
        run_first = order[np.maximum.accumulate(np.where(newrun, np.arange(len(ks)), 0))]
        dups = order[dup_at]
        firsts = run_first[dup_at]
        sort = np.argsort(dups, kind="stable")
        dups, firsts = dups[sort], firsts[sort]
        shown = slice(0, MAX_PER_CODE)
        first_lines = c.line_of(firsts[shown])
        for r, ln, fl in zip(dups[shown], c.line_of(dups[shown]), first_lines):
            p = positions[int(pos[r])]
            nip = c.id[int(r)].as_py()
            rep.add("roster-duplicate", Problem("roster-duplicate", {"holder": nip, "position": p, "line": int(fl)}),
                    int(ln), c.colnum["id"], notes=(Problem("first-given-at", {"at": f"{path}:{int(fl)}"}),))
        if len(dups) > MAX_PER_CODE:
            rep.more("roster-duplicate", len(dups) - MAX_PER_CODE)
    if has_errors(rep.diags):
        return None
    names = c.name if c.name is not None else pa.nulls(n, pa.string())
    return _FileRows(path, pos.astype(np.int32), c.id, names, np.arange(n, dtype=np.int64), c.colnum["id"],
                     c.line_of, id_codes)


# -- coverage ---------------------------------------------------------------------

def roster_coverage(dset: DefinitionSet, roster: Roster, diags: list[Diagnostic]) -> list[Diagnostic]:
    """The holder coverage warnings recomputed over the merged roster (data/coverage.py)."""
    from .coverage import holder_coverage

    return holder_coverage(dset, roster, diags)
