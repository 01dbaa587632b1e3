"""YAML text → plain Python data plus the position of every key and value.

Why not ``yaml.safe_load``: the checker must say ``file:line:col`` for any
value it rejects, including a character inside a formula string, so we keep
the composed node tree's marks. We only ever use the *safe* composer (no
Python tags), we refuse files above :data:`MAX_FILE_BYTES`, and we count the
nodes produced while expanding aliases so that a "billion laughs" document is
refused in milliseconds instead of eating memory. Duplicate keys in one
mapping, which PyYAML silently overwrites, are reported.

This module knows nothing about the definition format.
"""
from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import yaml

from ..messages import Problem
from ..diagnostics import Diagnostic, Locator, MappedLocator, Span, error

from ..yaml_depth import MAX_DEPTH, Loader as _Loader, line_col_from_mark as _line_col_from_mark
from ..yaml_depth import nesting_error as _nesting_error   # a module global: bench/bench_check.py times it

_ScalarNode, _SequenceNode, _MappingNode = yaml.ScalarNode, yaml.SequenceNode, yaml.MappingNode

MAX_FILE_BYTES = 64 * 1024 * 1024
MAX_NODES_PER_FILE = 4_000_000

Path_ = tuple  # a key path inside one file: ("elements", 3, "indicators", 0, "formula")


@dataclass(slots=True)
class ScalarPos:
    """Where a scalar sits in the file, enough to map offsets inside its value."""

    start: int          # character index of the node's first character (quote or | included)
    end: int            # character index just after the node
    line: int           # 1-based
    col: int            # 1-based
    style: str | None   # None or "" (plain), "'", '"', "|", ">"


def _key_pos(node: yaml.Node) -> tuple:
    mark = node.start_mark
    return (mark.line + 1, mark.column + 1)


def _value_pos(node: yaml.Node) -> tuple:
    start, end = node.start_mark, node.end_mark
    return (start.line + 1, start.column + 1, end.line + 1, end.column + 1)


def _scalar_pos(node: yaml.Node) -> tuple:
    start, end = node.start_mark, node.end_mark
    return (start.index, end.index, start.line + 1, start.column + 1, node.style)


class NodePositions(Mapping):
    """Key path → a position tuple, read from the composed node kept for that path when asked.

    Reading the marks of every node while converting (and making a tuple of them) cost more
    than composing; only the few places a record or a message asks for are needed.
    """

    __slots__ = ("_nodes", "_pos")

    def __init__(self, nodes: dict, pos) -> None:  # noqa: ANN001 - one of the *_pos functions
        self._nodes = nodes
        self._pos = pos

    def __getitem__(self, path: Path_) -> tuple:
        return self._pos(self._nodes[path])

    def get(self, path: Path_, default: Any = None) -> Any:
        node = self._nodes.get(path)
        return default if node is None else self._pos(node)

    def __contains__(self, path: object) -> bool:
        return path in self._nodes

    def __iter__(self):  # noqa: ANN204
        return iter(self._nodes)

    def __len__(self) -> int:
        return len(self._nodes)


@dataclass
class PositionedDoc:
    """One YAML file: its data, its text and the positions of everything in it."""

    file: str
    text: str
    data: Any
    # The composed node of every key and value, by key path. Positions are read from a node
    # only when asked — (line, col) for keys, (line, col, end_line, end_col) for values,
    # (start, end, line, col, style) for string scalars, through :attr:`key_spans`,
    # :attr:`value_spans` and :attr:`scalars` — and turned into Span / ScalarPos objects
    # only then: a large set has millions of nodes and only the few that a record or a
    # message points at need a position.
    key_nodes: dict[Path_, Any] = field(default_factory=dict, repr=False)
    value_nodes: dict[Path_, Any] = field(default_factory=dict, repr=False)
    str_nodes: dict[Path_, Any] = field(default_factory=dict, repr=False)   # scalars read as text
    _line_starts: list[int] | None = field(default=None, repr=False)
    # folded key path → (the path as written, the node there): see aliases.original_path
    written_paths: dict[Path_, tuple] = field(default_factory=dict, repr=False)

    @property
    def key_spans(self) -> NodePositions:
        return NodePositions(self.key_nodes, _key_pos)

    @property
    def value_spans(self) -> NodePositions:
        return NodePositions(self.value_nodes, _value_pos)

    @property
    def scalars(self) -> NodePositions:
        return NodePositions(self.str_nodes, _scalar_pos)

    def span(self, path: Path_) -> Span:
        """The best place to point at for ``path``: the key if it has one, else the value.

        Falls back to the nearest ancestor that has a position, so a message
        about a missing key points at the mapping that lacks it.
        """
        p = tuple(path)
        keys, values = self.key_nodes, self.value_nodes
        while True:
            node = keys.get(p)
            if node is not None:
                return Span(self.file, *_key_pos(node))
            node = values.get(p)
            if node is not None:
                return Span(self.file, *_value_pos(node))
            if not p:
                return Span(self.file, 1, 1)
            p = p[:-1]

    def value_span(self, path: Path_) -> Span:
        p = tuple(path)
        node = self.value_nodes.get(p)
        if node is not None:
            return Span(self.file, *_value_pos(node))
        return self.span(p)

    def source_text(self, path: Path_) -> str | None:
        """The value at ``path`` exactly as written in the file (one line), or None.

        A definition's number is judged by how it was written (PRODUCT.md §7.1): YAML
        reads ``78.000`` as 78.0, the planner meant 78000. Taken from the text on demand,
        so nothing is stored per scalar.
        """
        node = self.value_nodes.get(tuple(path))
        pos = None if node is None else _value_pos(node)
        if pos is None or pos[2] != pos[0]:
            return None
        if self._line_starts is None:
            starts = [0]
            for m in re.finditer("\n", self.text):
                starts.append(m.end())
            self._line_starts = starts
        if pos[0] - 1 >= len(self._line_starts):
            return None
        base = self._line_starts[pos[0] - 1]
        return self.text[base + pos[1] - 1:base + pos[3] - 1]

    def locator(self, path: Path_, value: str) -> Locator:
        """A locator for a string scalar, so a formula error points into the file.

        Plain and quoted one-line scalars are a fixed shift; block (``|``,
        ``>``), folded and escaped scalars are aligned character by character
        with their raw source text.
        """
        node = self.str_nodes.get(tuple(path))
        if node is None:
            span = self.span(path)
            return Locator(value, self.file, span.line, span.col)
        pos = ScalarPos(*_scalar_pos(node))
        raw = self.text[pos.start:pos.end]
        if pos.style in (None, "", "'", '"') and "\n" not in raw and "\\" not in raw and "''" not in raw:
            shift = 1 if pos.style in ("'", '"') else 0
            return Locator(value, self.file, pos.line, pos.col + shift)
        return _aligned_locator(self.file, self.text, pos, value)


def _aligned_locator(file: str, text: str, pos: ScalarPos, value: str) -> MappedLocator:
    """Align each non-blank character of ``value`` with the same character in the raw text.

    Folding, indentation and escapes only add or change *blank* characters or
    backslashes, so a greedy forward match of each visible character finds
    its place. Blank characters take the place just after the previous one.
    """
    # line/col of every raw index, computed incrementally
    points: list[tuple[int, int]] = []
    i = pos.start
    line, col = pos.line, pos.col
    raw_end = pos.end
    last = (line, col)
    for ch in value:
        if ch.isspace():
            points.append((last[0], last[1] + 1) if points else (line, col))
            continue
        saved = (i, line, col)
        while i < raw_end and text[i] != ch:
            if text[i] == "\n":
                line, col = line + 1, 1
            else:
                col += 1
            i += 1
        if i >= raw_end:
            # not in the raw text as itself: an escape such as \u00d7 for ×. Point at the
            # next backslash and step over its escape, instead of losing our place for good.
            i, line, col = saved
            j = i
            while j < raw_end and text[j] in " \t\r\n":
                j += 1
            if j < raw_end and text[j] == "\\":
                width = 2 + {"x": 2, "u": 4, "U": 8}.get(text[j + 1] if j + 1 < raw_end else "", 0)
                if "\n" in text[i:j]:
                    line += text[i:j].count("\n")
                    col = j - text.rfind("\n", i, j)
                else:
                    col += j - i
                points.append((line, col))
                last = (line, col)
                i, col = j + width, col + width
            else:
                points.append(last)
            continue
        points.append((line, col))
        last = (line, col)
        i += 1
        col += 1
    end = (last[0], last[1] + 1)
    return MappedLocator(value, file, points, end)


class _TooBig(Exception):
    pass


class _PositionLoader(_Loader):
    """The safe loader (libyaml's when installed), with PyYAML's tag resolver answered faster.

    The composer asks the resolver, a Python method, for the tag of every node: about half a
    million calls on a large set, a tenth of composing it. Most scalars are words (ids, names,
    statements) whose first character starts no implicit type, or quoted text: both are plain
    strings by PyYAML's own rule (``BaseResolver.resolve`` finds no resolver for the first
    character), so they are answered at once; any other scalar is resolved by PyYAML and its
    answer remembered (a few thousand numbers and keys). No reading of YAML is changed:
    tests/test_yaml_resolver.py compares the tags with PyYAML's on generated scalars.
    """

    _by_first = _Loader.yaml_implicit_resolvers
    _simple = None not in _Loader.yaml_implicit_resolvers and not _Loader.yaml_path_resolvers
    _seen: dict = {}

    def resolve(self, kind, value, implicit):  # noqa: ANN001, ANN201 - PyYAML's signature
        if kind is _ScalarNode and self._simple:
            if not implicit[0] or (value and value[0] not in self._by_first):
                return self.DEFAULT_SCALAR_TAG
            key = (value, implicit)
            tag = self._seen.get(key)
            if tag is None:
                tag = super().resolve(kind, value, implicit)
                if len(self._seen) < 65536:
                    self._seen[key] = tag
            return tag
        return super().resolve(kind, value, implicit)


def load_yaml(file: str, text: str) -> tuple[PositionedDoc | None, list[Diagnostic]]:
    """Parse one YAML file safely into a :class:`PositionedDoc`.

    Returns ``(None, diagnostics)`` when the file is not valid YAML or is
    refused for its size or expansion.
    """
    if len(text) > MAX_FILE_BYTES:
        return None, [error("yaml-too-large", Problem("yaml-too-large-file", {"mib": MAX_FILE_BYTES // (1024 * 1024)}),
                            Span(file, 1, 1))]
    try:
        too_deep = _nesting_error(file, text)
        if too_deep is not None:
            return None, [too_deep]
        node = yaml.compose(text, Loader=_PositionLoader)
    except RecursionError:  # the pure-Python composer (no libyaml) on deep nesting
        return None, [error("yaml-too-large", Problem("yaml-too-deep", {"depth": MAX_DEPTH}), Span(file, 1, 1))]
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, col = _line_col_from_mark(mark) if mark else (1, 1)
        msg = " ".join(x for x in (exc.context, exc.problem) if x) or "invalid YAML"
        return None, [error("yaml-syntax", Problem("yaml-invalid", {"reason": msg}), Span(file, line, col))]
    except yaml.YAMLError as exc:  # e.g. a multi-document stream
        return None, [error("yaml-syntax", Problem("yaml-invalid", {"reason": str(exc)}), Span(file, 1, 1))]
    doc = PositionedDoc(file=file, text=text, data=None)
    if node is None:
        return doc, []
    # without an anchor (&name) there is no alias, and the node count is bounded by the text
    expanded = _expanded_size(node) if "&" in text else 0
    if expanded > MAX_NODES_PER_FILE:
        return None, [error("yaml-too-large",
                            Problem("yaml-too-many-nodes", {"nodes": f"{expanded:,}", "limit": f"{MAX_NODES_PER_FILE:,}"}),
                            Span(file, 1, 1))]
    diags: list[Diagnostic] = []
    budget = [MAX_NODES_PER_FILE]
    try:
        doc.data = _convert(node, (), doc, diags, budget, 0)
    except _TooBig as exc:
        return None, [error("yaml-too-large", str(exc), Span(file, 1, 1))]
    return doc, diags


def _expanded_size(root: yaml.Node) -> int:
    """Number of nodes the tree would have once aliases are expanded.

    Aliases share node objects, so sizes are memoised per node: linear in
    the size of the *text*, however far the aliases would expand. Iterative,
    so deep nesting cannot overflow the stack.
    """
    size: dict[int, int] = {}
    stack: list[tuple[yaml.Node, bool]] = [(root, False)]
    while stack:
        node, done = stack.pop()
        if id(node) in size:
            continue
        if isinstance(node, yaml.ScalarNode):
            size[id(node)] = 1
            continue
        children = (node.value if isinstance(node, yaml.SequenceNode)
                    else [n for kv in node.value for n in kv])
        if done:
            size[id(node)] = min(1 + sum(size.get(id(c), 0) for c in children), 1 << 62)
            continue
        stack.append((node, True))
        stack.extend((c, False) for c in children if id(c) not in size)
    return size[id(root)]


_STR_TAG = "tag:yaml.org,2002:str"
_MERGE_TAG = "tag:yaml.org,2002:merge"


def _convert(node: yaml.Node, path: tuple, doc: PositionedDoc, diags: list[Diagnostic],
             budget: list[int], depth: int) -> Any:
    """The node's value as plain data, every position recorded on the way (one pass).

    Runs once per node of every file (millions on a large set), hence the local names and
    the ``type(...) is`` tests: the composer makes exactly these node classes.
    """
    budget[0] -= 1
    if budget[0] < 0:
        raise _TooBig(f"YAML expands to more than {MAX_NODES_PER_FILE:,} nodes "
                      "(aliases expanding too far?); refused")
    if depth > MAX_DEPTH:
        raise _TooBig(f"YAML nested deeper than {MAX_DEPTH} levels; refused")
    doc.value_nodes[path] = node
    kind = type(node)
    if kind is _ScalarNode or (kind is not _SequenceNode and kind is not _MappingNode
                               and isinstance(node, _ScalarNode)):
        value = node.value if node.tag == _STR_TAG else _construct_scalar(node)
        if isinstance(value, str):
            doc.str_nodes[path] = node
        return value
    depth += 1
    if kind is _SequenceNode or (kind is not _MappingNode and isinstance(node, _SequenceNode)):
        return [_convert(child, path + (i,), doc, diags, budget, depth)
                for i, child in enumerate(node.value)]
    if kind is _MappingNode or isinstance(node, _MappingNode):
        out: dict = {}
        key_nodes = doc.key_nodes
        for knode, vnode in node.value:
            if type(knode) is _ScalarNode or isinstance(knode, _ScalarNode):
                key = knode.value if knode.tag == _STR_TAG else _construct_scalar(knode)
            else:
                key = None
            if key is None or isinstance(key, (list, dict)):
                diags.append(error("yaml-key", Problem("yaml-key-plain"), Span(doc.file, *_key_pos(knode))))
                continue
            if knode.tag == _MERGE_TAG:
                diags.append(error("yaml-merge", Problem("yaml-merge-key"),
                                   Span(doc.file, *_key_pos(knode))))
                continue
            sub = path + (key,)
            if key in out:
                first = key_nodes.get(sub)
                diags.append(error("duplicate-key",
                                   Problem("yaml-duplicate-key-at", {"key": key, "line": _key_pos(first)[0]})
                                   if first is not None
                                   else Problem("yaml-duplicate-key", {"key": key}), Span(doc.file, *_key_pos(knode))))
                continue
            key_nodes[sub] = knode
            out[key] = _convert(vnode, sub, doc, diags, budget, depth)
        return out
    return None  # pragma: no cover


_constructor = yaml.SafeLoader.__new__(yaml.SafeLoader)
yaml.constructor.SafeConstructor.__init__(_constructor)


_PLAIN_INT = re.compile(r"[-+]?(?:0|[1-9][0-9]*)")
_PLAIN_FLOAT = re.compile(r"[-+]?[0-9]+\.[0-9]*(?:[eE][-+]?[0-9]+)?")
_BOOLS = {"yes": True, "no": False, "true": True, "false": False, "on": True, "off": False}


def _construct_scalar(node: yaml.ScalarNode) -> Any:
    """Resolve a scalar with the safe constructor (ints, floats, bools, null, str, dates→str).

    The common spellings (``12``, ``98.21``, ``true``, ``null``) are read
    directly; PyYAML's constructor, several Python calls per scalar, is kept
    for the rest (``0x1F``, ``1_000``, ``.inf``, sexagesimal, …).
    """
    tag = node.tag
    if tag == "tag:yaml.org,2002:str":
        return node.value
    value = node.value
    if tag == "tag:yaml.org,2002:int" and _PLAIN_INT.fullmatch(value):
        return int(value)
    if tag == "tag:yaml.org,2002:float" and _PLAIN_FLOAT.fullmatch(value):
        return float(value)
    if tag == "tag:yaml.org,2002:null":
        return None
    if tag == "tag:yaml.org,2002:bool" and value.lower() in _BOOLS:
        return _BOOLS[value.lower()]
    if tag in ("tag:yaml.org,2002:timestamp", "tag:yaml.org,2002:binary"):
        return node.value  # keep as text: periods like 2024-09 must not become dates
    try:
        return _constructor.construct_object(node, deep=True)
    except yaml.YAMLError:
        return node.value
