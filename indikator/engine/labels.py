"""Entity labels of a large axis as one numpy text array, not one Python string per entity.

An :class:`~indikator.engine.results.Axis` over the holders of many positions
carries their NIPs. A tuple of 4.3 million ``str`` objects costs about 300 MB
of Python objects; :class:`Labels` keeps them in one fixed-width numpy array
(``'<U18'`` for NIPs) built from Arrow without touching a Python string per
entity, and behaves like the tuple it replaces wherever one is read:
``len``, indexing and iteration give ``str``, slicing gives a view, ``in`` and
``index`` work, and it compares equal to a tuple of the same texts.
"""
from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Iterator

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

_ITER_CHUNK = 4096


class Labels(Sequence):
    """A read-only sequence of entity ids backed by a numpy ``'<U…'`` array."""

    __slots__ = ("array", "arrow", "_clean")

    def __init__(self, array: np.ndarray, arrow: pa.Array | None = None, clean: bool | None = None) -> None:
        self.array = array
        self.arrow = arrow          # the same texts as Arrow strings, when built from Arrow (zero-copy slices)
        self._clean = clean         # no text needs CSV quoting (None: not checked yet)

    def __len__(self) -> int:
        return int(self.array.shape[0])

    def __getitem__(self, i: Any) -> Any:
        if isinstance(i, slice):
            arrow = None
            if self.arrow is not None and i.step in (None, 1):
                lo, hi, _ = i.indices(len(self))
                arrow = self.arrow.slice(lo, max(hi - lo, 0))
            return Labels(self.array[i], arrow, True if self._clean else None)
        return str(self.array[i])

    @property
    def clean(self) -> bool:
        """True when no label holds a comma, a quote or a line break (CSV writes them as they are)."""
        if self._clean is None:
            self._clean = not bool(pc.any(pc.match_substring_regex(self.to_arrow(), '[,"\r\n]')).as_py())
        return self._clean

    @property
    def known_clean(self) -> bool:
        """:attr:`clean` when already known to be True, else False -- without checking (a
        writer with thousands of small slices checks their block at once instead)."""
        return self._clean is True

    def __iter__(self) -> Iterator[str]:
        a = self.array
        for lo in range(0, len(a), _ITER_CHUNK):
            yield from a[lo:lo + _ITER_CHUNK].tolist()

    def __contains__(self, x: object) -> bool:
        return isinstance(x, str) and bool(np.any(self.array == x))

    def index(self, x: Any, start: int = 0, stop: int | None = None) -> int:
        if isinstance(x, str):
            hit = np.flatnonzero(self.array[start:stop] == x)
            if len(hit):
                return int(hit[0]) + start
        raise ValueError(f"{x!r} is not in the labels")

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Labels):
            return bool(np.array_equal(self.array, other.array))
        if isinstance(other, (tuple, list)):
            return len(other) == len(self) and all(a == b for a, b in zip(self, other))
        return NotImplemented

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        head = ", ".join(repr(x) for x in self.array[:3].tolist())
        return f"Labels([{head}{', …' if len(self) > 3 else ''}], n={len(self)})"

    def to_arrow(self) -> pa.Array:
        if self.arrow is None:
            self.arrow = pa.array(self.array, type=pa.string())
        return self.arrow


def labels_from_arrow(values: pa.Array | pa.ChunkedArray) -> Labels:
    """Labels from an Arrow text column without a Python object per value.

    ASCII texts (NIPs, region codes) are padded with NULs to one width and
    viewed as numpy ``'S'`` bytes, then widened to ``'U'`` in C; a column with
    non-ASCII text falls back to a list (rare: entity ids are codes).
    """
    if isinstance(values, pa.ChunkedArray):
        values = values.combine_chunks() if values.num_chunks != 1 else values.chunk(0)
    if not pa.types.is_string(values.type):
        values = pc.cast(values, pa.string())
    n = len(values)
    if n == 0:
        return Labels(np.zeros(0, dtype="<U1"))
    if values.null_count:
        values = values.fill_null("")
    original = values
    lengths = pc.binary_length(values)
    width = max(int(pc.max(lengths).as_py() or 0), 1)
    if not pc.all(pc.string_is_ascii(values)).as_py():
        return Labels(np.array(values.to_pylist(), dtype=f"<U{width}"), values)
    if int(pc.min(lengths).as_py()) != width:
        values = pc.utf8_rpad(values, width=width, padding="\x00")
    offsets = np.frombuffer(values.buffers()[1], dtype=np.int32, count=n + 1, offset=4 * values.offset)
    data = values.buffers()[2]
    raw = np.frombuffer(data, dtype=f"S{width}", count=n, offset=int(offsets[0]))
    return Labels(raw.astype(f"<U{width}"), original)


def labels_of(seq: Sequence[str]) -> Labels:
    """Labels from a Python sequence of ids (small axes, tests)."""
    if isinstance(seq, Labels):
        return seq
    width = max((len(s) for s in seq), default=1) or 1
    return Labels(np.array(list(seq), dtype=f"<U{width}"))
