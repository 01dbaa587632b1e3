"""The formula parser's LALR tables, kept between runs (a cache of the *program*, not of data).

Building the Lark parser of ``grammar/formula.lark`` computes its LALR tables: about 0.07 s,
a few percent of a cold ``check``, paid by every process that parses a formula. The tables
depend only on the grammar text, the parser options and the Lark version, so they are saved
once with Lark's own ``Lark.save`` and read back with ``Lark.load`` — like Python's ``.pyc``
files, a compiled form of the program's own source, never of the planner's definitions.
Hence it is used with ``--no-cache`` too: that flag bypasses the cached *definitions* (the
model cache, PRODUCT.md §13) and charts; a cold check still reads and checks every file
(docs/decisions.md, "The formula grammar's tables are cached").

Same folder and trust rule as the model cache (:mod:`indikator.load.cache`): the file is a
pickle, read only if it is a regular file owned by the user and not writable by others;
written to a temporary file and moved into place; named by a BLAKE2b key of the grammar
text, the options and the Lark version, so another grammar or Lark never reads it. A
missing, foreign, damaged or unreadable file means the parser is built as before (and the
file written again); nothing here raises or prints.
"""
from __future__ import annotations

import hashlib
from pathlib import Path

from ..formula import parser as formula_parser
from .cache import cache_dir, trusted_file, write_file

MAGIC = b"indikator-grammar-1\0"


def entry_for(grammar: str) -> Path:
    import lark

    h = hashlib.blake2b(MAGIC, digest_size=20)
    for part in (lark.__version__, repr(sorted(formula_parser.PARSER_OPTIONS.items())), grammar):
        h.update(part.encode("utf-8", "surrogateescape") + b"\0")
    return cache_dir() / f"grammar-{h.hexdigest()}.lark"


def prepare_formula_parser() -> None:
    """Install the formula parser, its tables read from the cache when they are there."""
    if formula_parser.parser_ready():
        return
    try:
        path = entry_for(formula_parser.grammar_text())
    except OSError:
        return                      # no grammar file: parse_formula says so when it builds
    parser = _read(path)
    if parser is None:
        parser = formula_parser.build_parser()
        _write(path, parser)
    formula_parser.install_parser(parser)


def _read(path: Path):  # noqa: ANN202 - a Lark parser or None
    from lark import Lark

    try:
        with open(path, "rb") as fh:
            if not trusted_file(fh.fileno()):
                return None
            parser = Lark.load(fh)
    except Exception:  # noqa: BLE001 - missing, unreadable, damaged, another format: build it
        return None
    opts = parser.options
    if any(getattr(opts, k, None) != v for k, v in formula_parser.PARSER_OPTIONS.items()):
        return None
    return parser


def _write(path: Path, parser) -> None:  # noqa: ANN001
    try:
        write_file(path, ".grammar-", parser.save)
    except Exception:  # noqa: BLE001 - a cache that cannot be written is not used
        pass
