"""The model cache (PRODUCT.md §13): a checked definition set reused while its files are unchanged.

Loading a region's definitions (72 files, 12,600 formulas) costs seconds of YAML composing,
schema checks and formula parsing; the result depends only on the bytes of the files, the
names they are shown under, and the program that read them. So the checked
:class:`~indikator.model.DefinitionSet` (formula trees included) and its diagnostics are kept
in one file per definition folder in the user's cache folder, and a command whose files
hash to the same key loads that file instead of parsing anything.

The key (:func:`cache_key`) covers everything the load's result depends on:

* each file's content (BLAKE2b of its bytes), its name as shown in messages (relative to
  the current folder, so it includes the current folder) and its absolute path — a changed,
  added, removed or renamed file gives another key;
* the program: its version and a fingerprint of its own modules (name, size and
  modification time of every ``indikator/**/*.py`` and grammar file), so an edited
  checkout never reads a model pickled by other code;
* not the message language: diagnostics hold catalog codes and parameters and are said in
  a language only when shown (PRODUCT.md §12), so one entry serves ``--lang id`` and ``en``.

An entry is ``MAGIC | key (32 bytes) | payload length (8) | payload digest (32) | payload``.
It is used only when the magic, the key, the length and the payload's digest all match;
anything else (stale, truncated, corrupt, written by another version or format) is ignored
and the set is loaded afresh — and the entry rewritten. Entries are written to a temporary
file in the same folder and moved into place with :func:`os.replace`, so two processes
filling the cache at once each leave a whole entry and a reader never sees half of one.

**Trust.** The payload is a pickle, and unpickling runs code chosen by whoever wrote the
file. Entries are therefore read only from the user's own cache folder: the folder is
created private (mode 0700), and an entry is used only if it is a regular file owned by the
current user and not writable by group or others (POSIX). Anyone who can write there can
already run code as the user (for instance through their shell start-up files), so this
adds no new way in. The digest guards against accidents (a truncated or damaged file),
not against an attacker. ``--no-cache`` and ``INDIKATOR_CACHE_DIR`` let a user opt out or
move the folder. Nothing here prints or raises: a cache that cannot be read or written is
simply not used.
"""
from __future__ import annotations

import array
import collections
import dataclasses
import hashlib
import io
import os
import pickle
import stat
import struct
import sys
import tempfile
import types
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO, Callable

MAGIC = b"IKDCACHE\x02"          # the entry format; bump when the layout above changes
_HEAD = len(MAGIC) + 32 + 8 + 32
_DIGEST = 32


def cache_dir() -> Path:
    """``INDIKATOR_CACHE_DIR``, else the platform's per-user cache folder + ``indikator``."""
    override = os.environ.get("INDIKATOR_CACHE_DIR")
    if override:
        return Path(override)
    if sys.platform == "win32":  # pragma: no cover - exercised on Windows only
        base = os.environ.get("LOCALAPPDATA") or str(Path.home() / "AppData" / "Local")
    elif sys.platform == "darwin":  # pragma: no cover - exercised on macOS only
        base = str(Path.home() / "Library" / "Caches")
    else:
        base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "indikator"


_PROGRAM: str | None = None


def program_fingerprint() -> str:
    """The version plus the names, sizes and times of the package's own source files."""
    global _PROGRAM
    if _PROGRAM is None:
        from .. import __version__

        pkg = Path(__file__).resolve().parent.parent
        h = hashlib.blake2b(digest_size=16)
        h.update(__version__.encode())
        for dirpath, dirnames, filenames in os.walk(pkg):
            dirnames[:] = sorted(d for d in dirnames if d != "__pycache__")
            for f in sorted(filenames):
                if f.endswith((".py", ".lark")):
                    st = os.stat(os.path.join(dirpath, f))
                    h.update(f"{os.path.relpath(os.path.join(dirpath, f), pkg)}:{st.st_size}:"
                             f"{st.st_mtime_ns}\n".encode())
        _PROGRAM = f"{__version__}+{h.hexdigest()}"
    return _PROGRAM


@dataclass(frozen=True)
class SourceFile:
    """One definition file as read: its path, the name shown in messages, and its bytes."""

    path: str
    name: str
    data: bytes


def cache_key(root: str, files: list[SourceFile]) -> bytes:
    """32 bytes that change whenever anything the load's result depends on changes."""
    h = hashlib.blake2b(digest_size=32)
    for part in (MAGIC.decode("latin-1"), program_fingerprint(), root, os.path.abspath(root),
                 str(len(files))):
        h.update(part.encode("utf-8", "surrogateescape") + b"\0")
    for f in files:
        h.update(f.name.encode("utf-8", "surrogateescape") + b"\0")
        h.update(os.path.abspath(f.path).encode("utf-8", "surrogateescape") + b"\0")
        h.update(hashlib.blake2b(f.data, digest_size=32).digest())
    return h.digest()


def entry_path(root: str) -> Path:
    """One entry per (definition folder, current folder): a new key overwrites the old entry."""
    where = f"{os.path.abspath(root)}\0{root}\0{os.getcwd()}".encode("utf-8", "surrogateescape")
    return cache_dir() / f"defs-{hashlib.blake2b(where, digest_size=16).hexdigest()}.cache"


def trusted_file(fd: int) -> bool:
    """A regular file of ours that nobody else may write (always true where there are no owners)."""
    st = os.fstat(fd)
    if not stat.S_ISREG(st.st_mode):
        return False
    if hasattr(os, "getuid"):
        return st.st_uid == os.getuid() and not st.st_mode & (stat.S_IWGRP | stat.S_IWOTH)
    return True  # pragma: no cover - Windows: the folder's ACL is the user's


def load_entry(root: str, key: bytes) -> Any | None:
    """The cached value for ``key``, or None when there is no whole, matching, trusted entry."""
    try:
        with open(entry_path(root), "rb") as fh:
            if not trusted_file(fh.fileno()):
                return None
            blob = fh.read()
    except OSError:
        return None
    if len(blob) < _HEAD or not blob.startswith(MAGIC):
        return None
    at = len(MAGIC)
    if blob[at:at + 32] != key:
        return None
    (length,) = struct.unpack("<Q", blob[at + 32:at + 40])
    digest = blob[at + 40:_HEAD]
    payload = memoryview(blob)[_HEAD:]
    if len(payload) != length or hashlib.blake2b(payload, digest_size=_DIGEST).digest() != digest:
        return None
    try:
        os.utime(entry_path(root))      # "last used": what pruning keeps
    except OSError:
        pass
    try:
        return loads(payload)
    except Exception:  # a damaged payload that still hashes right cannot happen by accident
        return None


_INIT_FIELDS: dict[type, tuple[str, ...] | None] = {}


def _init_fields(cls: type) -> tuple[str, ...] | None:
    """The fields of a frozen slotted dataclass whose ``__init__`` takes them all and only sets
    them (no ``__post_init__``), each a slot of the class itself, else None."""
    if cls not in _INIT_FIELDS:
        names = None
        params = getattr(cls, "__dataclass_params__", None)
        if params is not None and params.frozen and "__slots__" in cls.__dict__:
            fs = dataclasses.fields(cls)
            if (all(f.init for f in fs) and not hasattr(cls, "__post_init__")
                    and all(isinstance(cls.__dict__.get(f.name), types.MemberDescriptorType) for f in fs)):
                names = tuple(f.name for f in fs)
        _INIT_FIELDS[cls] = names
    return _INIT_FIELDS[cls]


class _Pickler(pickle.Pickler):
    """Pickles the value with every frozen slotted dataclass (spans, formula nodes, model records:
    300,000 objects in a region) replaced by its number (a persistent id) and collects those
    objects; :func:`dumps` stores their fields apart, column by column."""

    def __init__(self, file: io.BytesIO, objects: list, numbers: dict[int, int]):
        super().__init__(file, protocol=pickle.HIGHEST_PROTOCOL)
        self.objects, self.numbers = objects, numbers

    def persistent_id(self, obj: Any) -> int | None:
        if _init_fields(type(obj)) is None:
            return None
        n = self.numbers.get(id(obj))
        if n is None:
            n = self.numbers[id(obj)] = len(self.objects)
            self.objects.append(obj)
        return n


def _pickled(value: Any, objects: list, numbers: dict[int, int]) -> bytes:
    buf = io.BytesIO()
    _Pickler(buf, objects, numbers).dump(value)
    return buf.getvalue()


def dumps(value: Any) -> bytes:
    """``value`` as bytes for :func:`loads`.

    Building a frozen slotted dataclass through its ``__init__`` costs a Python call per object
    and one ``object.__setattr__`` per field (the standard ``__setstate__`` of such classes is
    slower still: it calls ``dataclasses.fields`` for every object) -- most of a warm region load.
    So such objects are kept as columns: their classes (one code per object), then, class by
    class, each field's values in object order; :func:`loads` makes the objects empty and fills
    each column with the slot's own setter, the very store ``__init__`` ends in, without a Python
    frame per object. The objects, their fields and their sharing are those of ``value``: only
    the way they are written changes."""
    objects: list = []
    numbers: dict[int, int] = {}
    main = _pickled(value, objects, numbers)
    rounds = []
    done = 0
    while done < len(objects):        # fields may hold further such objects: collected in turn
        groups: dict[type, tuple[list[int], list[list]]] = {}
        start, done = done, len(objects)
        for n in range(start, done):
            obj = objects[n]
            cls = type(obj)
            g = groups.get(cls)
            if g is None:
                g = groups[cls] = ([], [[] for _ in _init_fields(cls)])
            g[0].append(n)
            for column, name in zip(g[1], _init_fields(cls)):
                column.append(getattr(obj, name))
        rounds.append(_pickled([(cls, idx, cols) for cls, (idx, cols) in groups.items()], objects, numbers))
    kinds: dict[type, int] = {}
    codes = array.array("H", (kinds.setdefault(type(o), len(kinds)) for o in objects))
    return pickle.dumps((list(kinds), codes.tobytes(), rounds, main), protocol=pickle.HIGHEST_PROTOCOL)


def loads(payload: bytes | memoryview) -> Any:
    """The value :func:`dumps` wrote."""
    kinds, codes, rounds, main = pickle.loads(payload)
    code_array = array.array("H")
    code_array.frombytes(codes)
    new = object.__new__
    objects = list(map(new, map(kinds.__getitem__, code_array)))

    def load(blob: bytes) -> Any:
        unpickler = pickle.Unpickler(io.BytesIO(blob))
        unpickler.persistent_load = objects.__getitem__
        return unpickler.load()

    for blob in rounds:
        for cls, idx, cols in load(blob):
            if _init_fields(cls) is None:     # another program's class of that name: not ours to fill
                raise pickle.UnpicklingError(f"{cls!r} is not a frozen slotted dataclass")
            targets = list(map(objects.__getitem__, idx))
            for name, column in zip(_init_fields(cls), cols, strict=True):
                collections.deque(map(cls.__dict__[name].__set__, targets, column), maxlen=0)
    return load(main)


def store_entry(root: str, key: bytes, value: Any) -> bool:
    """Write ``value`` under ``key`` atomically; False (and no file left behind) on any failure."""
    try:
        payload = dumps(value)
    except (pickle.PicklingError, TypeError, AttributeError, RecursionError):
        return False
    head = MAGIC + key + struct.pack("<Q", len(payload)) + hashlib.blake2b(payload, digest_size=_DIGEST).digest()

    def write(fh: BinaryIO) -> None:
        fh.write(head)
        fh.write(payload)

    if not write_file(entry_path(root), ".defs-", write):
        return False
    prune(cache_dir(), keep=entry_path(root))
    return True


def write_file(path: Path, prefix: str, write: Callable[[BinaryIO], None]) -> bool:
    """``write(fh)`` into a temporary file (``prefix``…``.tmp``) in ``path``'s private folder, then
    moved into place: a reader never sees half an entry. The cache's one way to write — model
    entries, laid-out charts (render/layout_cache.py), the grammar's tables (grammar_cache.py).
    False when the folder cannot be written; the temporary file never stays behind, whatever
    ``write`` raises (an exception other than OSError is the caller's)."""
    tmp = None
    try:
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=prefix, suffix=".tmp", dir=path.parent)
        with open(fd, "wb") as fh:      # the builtin: os.fdopen may be another's test double
            write(fh)
        os.replace(tmp, path)
        tmp = None
        return True
    except OSError:
        return False
    finally:
        if tmp is not None:
            try:
                os.unlink(tmp)
            except OSError:
                pass


#: an entry not used for this long is removed (its folder was probably moved or deleted)
UNUSED_DAYS = 30
#: the cache folder's budget: beyond it the least recently used entries go first
BUDGET_BYTES = 1 << 30
#: a temporary file this old belongs to a process that died mid-write
STALE_TMP_SECONDS = 3600


def prune(folder: Path, keep: Path, now: float | None = None) -> int:
    """Remove entries unused for :data:`UNUSED_DAYS`, dead temporary files, and the least recently
    used entries beyond :data:`BUDGET_BYTES`; never ``keep``. Returns how many files went.

    Entries are keyed by folder, so one of a deleted or renamed definition folder is never read
    again: without pruning the cache only grows (≈ 12 MB per region). Charts laid out by
    Graphviz (``chart-*``, render/layout_cache.py) are pruned by the same rules. A file another process
    removes first, or cannot be removed, is skipped: pruning never fails a command.
    """
    import time

    now = time.time() if now is None else now
    entries: list[tuple[float, int, Path]] = []
    removed = 0
    try:
        names = list(folder.iterdir())
    except OSError:
        return 0
    for path in names:
        try:
            st = path.lstat()
        except OSError:
            continue
        if not stat.S_ISREG(st.st_mode) or path == keep:
            continue
        name = path.name
        temporary = name.startswith((".defs-", ".chart-", ".grammar-")) and name.endswith(".tmp")
        entry = (name.startswith("defs-") and name.endswith(".cache")) or name.startswith("chart-")
        old_tmp = temporary and now - st.st_mtime > STALE_TMP_SECONDS
        unused = entry and now - st.st_mtime > UNUSED_DAYS * 86400
        if old_tmp or unused:
            removed += _unlink(path)
        elif entry:
            entries.append((st.st_mtime, st.st_size, path))
    try:
        total = keep.stat().st_size
    except OSError:
        total = 0
    for mtime, size, path in sorted(entries, reverse=True):       # most recently used first
        total += size
        if total > BUDGET_BYTES:
            removed += _unlink(path)
    return removed


def _unlink(path: Path) -> int:
    try:
        path.unlink()
        return 1
    except OSError:
        return 0
