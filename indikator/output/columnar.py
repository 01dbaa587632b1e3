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
from ..messages import say
from .evaluation import CSV_HEADER, csv_number

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


_SPECIAL_BYTES = tuple(c.encode() for c in _SPECIAL)


def _may_need_quote(arr: pa.Array) -> bool:
    """False when no byte of the texts is one that makes the csv module quote: a few numpy
    comparisons over the string data instead of a regular expression per value (NIPs never
    need quoting, and a national chunk has millions)."""
    if not isinstance(arr, pa.Array) or arr.type != pa.string() or len(arr) == 0:
        return True
    offs = np.frombuffer(arr.buffers()[1], dtype=np.int32, count=len(arr) + 1, offset=4 * arr.offset)
    buf = arr.buffers()[2]
    if buf is None:
        return False
    data = np.frombuffer(buf, dtype=np.uint8)[int(offs[0]):int(offs[-1])]
    return any(bool((data == b[0]).any()) for b in _SPECIAL_BYTES)


def _quote_array(arr: pa.Array) -> pa.Array:
    """:func:`quote` over a string array: only the values that need it are touched."""
    if not _may_need_quote(arr):
        return arr
    need = pc.match_substring_regex(arr, _SPECIAL_RE)
    if not pc.any(need).as_py():
        return arr
    quoted = pc.binary_join_element_wise('"', pc.replace_substring(arr, '"', '""'), '"', "")
    return pc.if_else(need, quoted, arr)


#: Values looked at to guess how often a column repeats itself (see :func:`format_floats`).
_SAMPLE = 4096


def format_floats(x: np.ndarray) -> pa.Array:
    """``repr(float(v))`` of every value, ``""`` for NaN, as an Arrow string array.

    Each distinct value is formatted once when values repeat a lot (ratios of small counts,
    capped achievements), then taken for every row; a column whose values are mostly
    distinct (the ratios of 800,000 entities' own counts) is formatted directly, as hashing
    it would cost more than it saves. Which way is guessed from an evenly spaced sample of
    the values; both give the same texts."""
    x = np.asarray(x, dtype=np.float64)
    nan = np.isnan(x)
    has_nan = bool(nan.any())
    if len(x) > 4 * _SAMPLE:
        sample = x[::len(x) // _SAMPLE]
        if len(np.unique(sample)) > 0.6 * len(sample):
            text = _format_distinct(np.where(nan, 0.0, x) if has_nan else x)
            return pc.if_else(pa.array(nan), "", text) if has_nan else text
    enc = pc.dictionary_encode(pa.array(x, mask=nan) if has_nan else pa.array(x))
    text = _format_distinct(enc.dictionary.to_numpy(zero_copy_only=False))
    return pc.fill_null(pc.take(text, enc.indices), "")


def _rows_with_byte(arr: pa.Array, byte: int) -> np.ndarray:
    """Which strings of ``arr`` (a plain string array) hold ``byte``: a numpy scan of the
    string data, the hits mapped to their strings through the offsets (no regular
    expression per value)."""
    offs = np.frombuffer(arr.buffers()[1], dtype=np.int32, count=len(arr) + 1, offset=4 * arr.offset)
    buf = arr.buffers()[2]
    out = np.zeros(len(arr), bool)
    if buf is None or not len(arr):
        return out
    data = np.frombuffer(buf, dtype=np.uint8)[int(offs[0]):int(offs[-1])]
    hits = np.flatnonzero(data == byte)
    if len(hits):
        out[np.searchsorted(offs, hits + int(offs[0]), side="right") - 1] = True
    return out


def _format_distinct(x: np.ndarray) -> pa.Array:
    """``repr`` of each (finite or infinite, never NaN) value: Arrow's shortest round trip, with
    ``.0`` added to the integral values Arrow writes bare (``100``), and ``repr`` itself where
    Python writes an exponent or Arrow does (``1e-05``, ``1e+16``; Arrow also writes ``1e+15``).
    The checks are numpy over the values, not regular expressions over the texts, and the
    texts are rebuilt only where they change."""
    s = pc.cast(pa.array(x), pa.string())
    with np.errstate(invalid="ignore"):
        ax = np.abs(x)
        odd = (ax >= 1e16) | ((ax < 1e-4) & (x != 0)) | np.isinf(x)
        bare = np.trunc(x) == x
    odd |= _rows_with_byte(s, ord("e"))
    bare &= ~odd
    if bare.any():
        mask = pa.array(bare)
        s = pc.replace_with_mask(s, mask, pc.binary_join_element_wise(pc.filter(s, mask), ".0", ""))
    if odd.any():
        where = np.flatnonzero(odd)
        s = pc.replace_with_mask(s, pa.array(odd), pa.array([repr(float(v)) for v in x[where]], pa.string()))
    return s


def _entities(results: Sequence, cache: dict | None = None) -> pa.Array:
    """The entity column of a block, quoted: Arrow slices of the roster's NIPs where the axis
    has them (no copy per row), numpy label arrays otherwise.

    Each distinct axis is converted once per ``cache`` (one per writing): the five indicators
    of an element share one axis of 800,000 entities, which would otherwise be built five
    times. Whether a text needs quoting is asked once for the whole block, not per axis: a
    national chunk has 12,000 small axes (one per position and indicator)."""
    cache = {} if cache is None else cache
    parts: list[pa.Array] = []
    check = False
    for r in results:
        lab = r.axis.labels
        hit = cache.get(id(lab))
        if hit is None or hit[0] is not lab:
            if isinstance(lab, Labels):
                arr, known = lab.to_arrow(), lab.known_clean
            else:
                arr, known = pa.array(["" if x is None else x for x in lab], pa.string()), False
            hit = cache[id(lab)] = (lab, arr, known)    # the labels kept: their id stays theirs
        parts.append(hit[1])
        check = check or not hit[2]
    if not parts:
        return pa.array([], pa.string())
    arr = pa.concat_arrays(parts) if len(parts) > 1 else parts[0]
    return _quote_array(arr) if check else arr


def _messages(results: Sequence, n_rows: int, offsets: np.ndarray, table: dict[str, int],
              lang: str | None = None) -> np.ndarray:
    """Index into ``table`` (distinct quoted message cells; 0 is "") of every row's messages,
    joined with `` | `` as the record writer does (each message once, in problem order)."""
    idx = np.zeros(n_rows, np.int32)

    def cell_index(msgs: list) -> int:
        out: list = []
        for msg in msgs:
            if msg not in out:
                out.append(msg)
        c = quote(" | ".join(say(m, lang) for m in out))
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
            out: list = []
            for b, (_, msg) in zip(bits, probs):
                if b and msg not in out:
                    out.append(msg)
            cell = quote(" | ".join(say(m, lang) for m in out))
            k = table.get(cell)
            if k is None:
                k = table[cell] = len(table)
            cell_of[u] = k
        idx[a + rows] = cell_of[inv.ravel()]
    return idx


def _write_lines(out: IO[bytes], columns: list) -> None:
    """Join the columns with commas (the last one ends in a newline) and write the bytes."""
    lines = pc.binary_join_element_wise(*columns, ",")
    for c in (lines.chunks if isinstance(lines, pa.ChunkedArray) else [lines]):
        if not len(c):
            continue
        offs = np.frombuffer(c.buffers()[1], dtype=np.int32, count=len(c) + 1, offset=4 * c.offset)
        out.write(memoryview(c.buffers()[2])[int(offs[0]):int(offs[-1])])


class _Consts:
    """Distinct per-result texts of a block (already joined and quoted), taken for every row."""

    def __init__(self) -> None:
        self.index: dict = {}

    def code(self, key) -> int:
        return self.index.setdefault(key, len(self.index))

    def column(self, codes: np.ndarray, ridx: np.ndarray, render) -> pa.Array:
        table = pa.array([render(k) for k in self.index], pa.string())
        return pc.take(table, codes[ridx])


def _block_index(rs: Sequence) -> tuple[np.ndarray, np.ndarray, int]:
    lens = np.fromiter((len(r.axis) for r in rs), np.int64, len(rs))
    offsets = np.zeros(len(rs) + 1, np.int64)
    np.cumsum(lens, out=offsets[1:])
    return offsets, np.repeat(np.arange(len(rs), dtype=np.int32), lens), int(offsets[-1])


def _indicator_block(out: IO[bytes], rs: list[IndicatorResult], lang: str | None = None,
                     cache: dict | None = None) -> None:
    offsets, ridx, n = _block_index(rs)
    head, tail = _Consts(), _Consts()
    h = np.fromiter((head.code((r.indicator.id, r.indicator.element)) for r in rs), np.int32, len(rs))
    t = np.fromiter((tail.code((r.indicator.name or "", r.indicator.unit or "", csv_number(r.target_display())))
                     for r in rs), np.int32, len(rs))
    kind_id_element = head.column(h, ridx, lambda k: f"indicator,{quote(k[0])},{quote(k[1])}")
    name_unit_target = tail.column(t, ridx, lambda k: ",".join(quote(x) for x in k))
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
    _write_lines(out, [kind_id_element, _entities(rs, cache), name_unit_target, actual, ach,
                       _predicate_status_messages(rs, ridx, offsets, n, status, lang)])


def _status_of(value: np.ndarray, undefined: np.ndarray) -> np.ndarray:
    """results._status over a block: missing where NaN, error where undefined."""
    st = np.isnan(value).astype(np.int8)
    st[undefined] = 2
    return st


def _predicate_status_messages(rs: Sequence, ridx: np.ndarray, offsets: np.ndarray, n: int,
                               status: np.ndarray, lang: str | None = None) -> pa.Array:
    """The last three fields and the newline: predicate label, status, messages."""
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
    mtable = {"": 0}
    midx = _messages(rs, n, offsets, mtable, lang)
    msgs = list(mtable)
    # one code per (predicate, status, messages) combination: usually a handful
    combo = (pidx * 3 + status) * len(msgs) + midx
    uniq, inv = np.unique(combo, return_inverse=True)
    texts = []
    for c in uniq.tolist():
        m = c % len(msgs)
        ps = c // len(msgs)
        texts.append(f"{band_labels[ps // 3]},{STATUS_NAMES[ps % 3]},{msgs[m]}\n")
    return pc.take(pa.array(texts, pa.string()), inv.ravel().astype(np.int32))


def _element_block(out: IO[bytes], rs: list[ElementResult], lang: str | None = None,
                   cache: dict | None = None) -> None:
    offsets, ridx, n = _block_index(rs)
    head = _Consts()
    h = np.fromiter((head.code(r.element.id) for r in rs), np.int32, len(rs))
    kind_id = head.column(h, ridx, lambda k: f"element,{quote(k)},")
    empties = pc.take(pa.array([",,,"], pa.string()), np.zeros(n, np.int32))
    ach_v = np.concatenate([r.achievement.value for r in rs])
    status = _status_of(ach_v, np.concatenate([r.achievement.undefined for r in rs]))
    _write_lines(out, [kind_id, _entities(rs, cache), empties, format_floats(ach_v),
                       _predicate_status_messages(rs, ridx, offsets, n, status, lang)])


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


def write_csv(ev: Evaluation, out: IO[bytes], block_rows: int = BLOCK_ROWS, header: bool = True,
              lang: str | None = None) -> None:
    """The §8 CSV of ``ev`` to the binary stream ``out``: header, indicators, then elements
    (messages in ``lang``, else the evaluation's)."""
    lang = lang or ev.lang
    if header:
        out.write((",".join(CSV_HEADER) + "\n").encode("utf-8"))
    cache: dict = {}
    write_indicator_rows(ev.indicators, out, block_rows, lang, cache)
    write_element_rows(ev.elements, out, block_rows, lang, cache)


def write_indicator_rows(results: Sequence[IndicatorResult], out: IO[bytes], block_rows: int = BLOCK_ROWS,
                         lang: str | None = None, cache: dict | None = None) -> None:
    """The indicator rows; ``cache`` keeps each axis's entity texts for the next call."""
    cache = {} if cache is None else cache
    for block in _blocks([r for r in results if len(r.axis)], block_rows):
        _indicator_block(out, block, lang, cache)


def write_element_rows(results: Sequence[ElementResult], out: IO[bytes], block_rows: int = BLOCK_ROWS,
                       lang: str | None = None, cache: dict | None = None) -> None:
    """The element rows; ``cache`` as for :func:`write_indicator_rows`."""
    cache = {} if cache is None else cache
    for block in _blocks([r for r in results if len(r.axis)], block_rows):
        _element_block(out, block, lang, cache)
