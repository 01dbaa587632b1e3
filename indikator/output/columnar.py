"""``eval --format csv`` for millions of rows: whole columns at a time, never a dict per record.

The same bytes as :func:`indikator.output.evaluation.write_csv` (tests/test_iki.py
compares them), produced a block of results at a time with numpy and Arrow
compute: the per-result constants (id, element, name, unit, target) are taken
once per result and repeated; numbers are formatted by Arrow's shortest
round-trip conversion, fixed up to Python's ``repr`` (``100.0``, and ``repr``
itself for the rare values Python writes in exponent form, ``1e-05``,
``1e+16``); a row's messages are looked up per distinct combination of the
result's problems; quoting follows the ``csv`` module's minimal quoting; and
each block's lines are joined by Arrow and written as one buffer.
"""
from __future__ import annotations

import csv
import io
import re
from typing import IO, Iterable, Sequence

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from ..engine.labels import Labels
from ..engine.results import STATUS_NAMES, ElementResult, Evaluation, IndicatorResult
from .evaluation import CSV_HEADER, _csv_num

#: Rows formatted together; bounds the memory of the strings of one block.
BLOCK_ROWS = 1 << 18


def _special_chars() -> str:
    """The characters that make Python's csv writer (QUOTE_MINIMAL, lineterminator \\n) quote a
    field, probed once: versions differ on ``\\r``."""
    out = []
    for ch in (",", '"', "\n", "\r"):
        buf = io.StringIO()
        csv.writer(buf, lineterminator="\n").writerow(["x", "a" + ch + "b"])
        if buf.getvalue().startswith('x,"'):
            out.append(ch)
    return "".join(out)


_SPECIAL = _special_chars()
_SPECIAL_RE = "[" + "".join("\\" + c if c in '"\\' else c for c in _SPECIAL).replace("\n", "\\n").replace(
    "\r", "\\r") + "]"


_NEEDS_QUOTE = re.compile(_SPECIAL_RE)


def quote(text: str) -> str:
    """One field as the csv module writes it."""
    if _NEEDS_QUOTE.search(text):
        return '"' + text.replace('"', '""') + '"'
    return text


def _quote_array(arr: pa.Array) -> pa.Array:
    """:func:`quote` over a string array: only the values that need it are touched."""
    need = pc.match_substring_regex(arr, _SPECIAL_RE)
    if not pc.any(need).as_py():
        return arr
    quoted = pc.binary_join_element_wise('"', pc.replace_substring(arr, '"', '""'), '"', "")
    return pc.if_else(need, quoted, arr)


def format_floats(x: np.ndarray) -> pa.Array:
    """``repr(float(v))`` of every value, ``""`` for NaN, as an Arrow string array."""
    x = np.asarray(x, dtype=np.float64)
    nan = np.isnan(x)
    s = pc.cast(pa.array(x, mask=nan), pa.string())
    bare = pc.invert(pc.match_substring_regex(s, "[.eEn]"))
    s = pc.if_else(bare, pc.binary_join_element_wise(s, ".0", ""), s)
    with np.errstate(invalid="ignore"):
        ax = np.abs(x)
        odd = (ax >= 1e16) | ((ax < 1e-4) & (x != 0)) | np.isinf(x)
    odd |= pc.fill_null(pc.match_substring(s, "e"), False).to_numpy(zero_copy_only=False)
    if odd.any():
        where = np.flatnonzero(odd)
        s = pc.replace_with_mask(s, pa.array(odd), pa.array([repr(float(v)) for v in x[where]], pa.string()))
    return pc.fill_null(s, "")


def _entities(results: Sequence) -> pa.Array:
    """The entity column of a block: numpy label arrays joined once (no Python str per row)."""
    arrays = []
    pending: list = []
    for r in results:
        lab = r.axis.labels
        if isinstance(lab, Labels):
            arrays.append(lab.array)
        else:
            arrays.append(np.array(["" if x is None else x for x in lab], dtype=str))
    if not arrays:
        return pa.array([], pa.string())
    del pending
    joined = np.concatenate(arrays) if len(arrays) > 1 else arrays[0]
    if joined.dtype.kind != "U":
        joined = joined.astype(str)
    return _quote_array(pa.array(joined, pa.string()))


def _messages(results: Sequence, n_rows: int, offsets: np.ndarray, table: dict[str, int]) -> np.ndarray:
    """Index into ``table`` (distinct quoted message cells; 0 is "") of every row's messages,
    joined with `` | `` as the record writer does (each message once, in problem order)."""
    idx = np.zeros(n_rows, np.int32)

    def cell_index(msgs: list[str]) -> int:
        out: list[str] = []
        for msg in msgs:
            if msg not in out:
                out.append(msg)
        c = quote(" | ".join(out))
        k = table.get(c)
        if k is None:
            k = table[c] = len(table)
        return k

    for j, r in enumerate(results):
        if not r.problems:
            continue
        a = int(offsets[j])
        if int(offsets[j + 1]) - a == 1:          # one entity: its messages directly
            idx[a] = cell_index([msg for m, msg in r.problems if m[0]])
            continue
        probs = [(m, msg) for m, msg in r.problems if m.any()]
        if not probs:
            continue
        if all(m.all() for m, _ in probs):          # the same messages for every entity
            idx[a:int(offsets[j + 1])] = cell_index([msg for _, msg in probs])
            continue
        masks = np.vstack([m for m, _ in probs])
        hit = masks.any(axis=0)
        rows = np.flatnonzero(hit)
        packed = np.ascontiguousarray(np.packbits(masks[:, rows], axis=0).T)
        keys = packed.view(np.dtype((np.void, packed.shape[1]))).ravel()
        uniq, inv = np.unique(keys, return_inverse=True)
        cell_of = np.empty(len(uniq), np.int32)
        for u in range(len(uniq)):
            bits = np.unpackbits(np.frombuffer(uniq[u].tobytes(), np.uint8))[:len(probs)]
            out: list[str] = []
            for b, (_, msg) in zip(bits, probs):
                if b and msg not in out:
                    out.append(msg)
            cell = quote(" | ".join(out))
            k = table.get(cell)
            if k is None:
                k = table[cell] = len(table)
            cell_of[u] = k
        idx[a + rows] = cell_of[inv.ravel()]
    return idx


def _write_lines(out: IO[bytes], columns: list) -> None:
    lines = pc.binary_join_element_wise(*columns, ",")
    lines = pc.binary_join_element_wise(lines, "\n", "")
    if isinstance(lines, pa.ChunkedArray):
        chunks = lines.chunks
    else:
        chunks = [lines]
    for c in chunks:
        if not len(c):
            continue
        offs = np.frombuffer(c.buffers()[1], dtype=np.int32, count=len(c) + 1, offset=4 * c.offset)
        out.write(memoryview(c.buffers()[2])[int(offs[0]):int(offs[-1])])


def _indicator_block(out: IO[bytes], rs: list[IndicatorResult]) -> None:
    lens = np.fromiter((len(r.axis) for r in rs), np.int64, len(rs))
    offsets = np.zeros(len(rs) + 1, np.int64)
    np.cumsum(lens, out=offsets[1:])
    n = int(offsets[-1])
    ridx = np.repeat(np.arange(len(rs), dtype=np.int32), lens)
    consts: dict[str, int] = {}

    def const(texts) -> np.ndarray:
        """Each result's text, as an index into the block's distinct texts (quoted once each)."""
        return np.fromiter((consts.setdefault(t, len(consts)) for t in texts), np.int32, len(rs))

    kind = const(["indicator"] * len(rs))
    ids = const(r.indicator.id for r in rs)
    elements = const(r.indicator.element for r in rs)
    names = const(r.indicator.name or "" for r in rs)
    units = const(r.indicator.unit or "" for r in rs)
    targets = const(_csv_num(r.target_display()) for r in rs)
    table = pa.array([quote(t) for t in consts], pa.string())

    def expand(codes: np.ndarray) -> pa.Array:
        return pc.take(table, codes[ridx])

    actual_v = np.concatenate([r.actual.value for r in rs])
    ach_v = np.concatenate([r.achievement.value for r in rs])
    actual = format_floats(actual_v)
    if any(r.grades for r in rs):
        grade_names: list[str] = []
        gidx = np.full(n, -1, np.int64)
        for j, r in enumerate(rs):
            if not r.grades:
                continue
            a, b = int(offsets[j]), int(offsets[j + 1])
            with np.errstate(invalid="ignore"):
                k = np.round(actual_v[a:b])
            ok = ~np.isnan(k) & (k >= 1) & (k <= len(r.grades))
            base = len(grade_names)
            grade_names.extend(quote(g) for g in r.grades)
            gidx[a:b] = np.where(ok, base + np.where(ok, k, 1).astype(np.int64) - 1, -1)
        mask = gidx >= 0
        if mask.any():
            g = pc.take(pa.array(grade_names, pa.string()), pa.array(np.where(mask, gidx, 0)))
            actual = pc.if_else(pa.array(mask), g, actual)
    ach = format_floats(ach_v)
    und_a = np.concatenate([r.actual.undefined for r in rs])
    und_c = np.concatenate([r.achievement.undefined for r in rs])
    status = np.maximum(_status_of(actual_v, und_a), _status_of(ach_v, und_c))
    preds = _predicates(rs, ridx)
    mtable = {"": 0}
    midx = _messages(rs, n, offsets, mtable)
    msgs = pc.take(pa.array(list(mtable), pa.string()), midx)
    _write_lines(out, [expand(kind), expand(ids), expand(elements), _entities(rs), expand(names), expand(units),
                       expand(targets), actual, ach, preds, _STATUS.take(status), msgs])


_STATUS = pa.array(list(STATUS_NAMES), pa.string())


def _status_of(value: np.ndarray, undefined: np.ndarray) -> np.ndarray:
    """results._status over a block: missing where NaN, error where undefined."""
    st = np.isnan(value).astype(np.int8)
    st[undefined] = 2
    return st


def _predicates(rs: Sequence, ridx: np.ndarray) -> pa.Array:
    """Each row's band label: the block's scales' labels in one table, offset per result."""
    band_labels: list[str] = [""]
    scale_base: dict[int, int] = {}
    base = np.empty(len(rs), np.int64)
    for j, r in enumerate(rs):
        b = scale_base.get(id(r.scale))
        if b is None:
            b = scale_base[id(r.scale)] = len(band_labels)
            band_labels.extend(quote(x.label) for x in r.scale.bands)
        base[j] = b
    p = np.concatenate([r.predicate for r in rs]).astype(np.int64)
    pidx = np.where(p >= 0, p + base[ridx], 0)
    return pc.take(pa.array(band_labels, pa.string()), pidx)


def _element_block(out: IO[bytes], rs: list[ElementResult]) -> None:
    lens = np.fromiter((len(r.axis) for r in rs), np.int64, len(rs))
    offsets = np.zeros(len(rs) + 1, np.int64)
    np.cumsum(lens, out=offsets[1:])
    n = int(offsets[-1])
    ridx = np.repeat(np.arange(len(rs), dtype=np.int32), lens)
    consts: dict[str, int] = {"element": 0, "": 1}
    ids = np.fromiter((consts.setdefault(r.element.id, len(consts)) for r in rs), np.int32, len(rs))
    table = pa.array([quote(t) for t in consts], pa.string())
    kind = pc.take(table, np.zeros(n, np.int32))
    empty = pc.take(table, np.ones(n, np.int32))
    ach_v = np.concatenate([r.achievement.value for r in rs])
    ach = format_floats(ach_v)
    status = _status_of(ach_v, np.concatenate([r.achievement.undefined for r in rs]))
    preds = _predicates(rs, ridx)
    mtable = {"": 0}
    midx = _messages(rs, n, offsets, mtable)
    msgs = pc.take(pa.array(list(mtable), pa.string()), midx)
    _write_lines(out, [kind, pc.take(table, ids[ridx]), empty, _entities(rs), empty, empty, empty, empty, ach,
                       preds, _STATUS.take(status), msgs])


def _blocks(results: Sequence, limit: int) -> Iterable[list]:
    block: list = []
    rows = 0
    for r in results:
        m = len(r.axis)
        if block and rows + m > limit:
            yield block
            block, rows = [], 0
        block.append(r)
        rows += m
    if block:
        yield block


def write_csv(ev: Evaluation, out: IO[bytes], block_rows: int = BLOCK_ROWS, header: bool = True) -> None:
    """The §8 CSV of ``ev`` to the binary stream ``out``: header, indicators, then elements."""
    if header:
        out.write((",".join(CSV_HEADER) + "\n").encode("utf-8"))
    write_indicator_rows(ev.indicators, out, block_rows)
    write_element_rows(ev.elements, out, block_rows)


def write_indicator_rows(results: Sequence[IndicatorResult], out: IO[bytes], block_rows: int = BLOCK_ROWS) -> None:
    for block in _blocks([r for r in results if len(r.axis)], block_rows):
        _indicator_block(out, block)


def write_element_rows(results: Sequence[ElementResult], out: IO[bytes], block_rows: int = BLOCK_ROWS) -> None:
    for block in _blocks([r for r in results if len(r.axis)], block_rows):
        _element_block(out, block)
