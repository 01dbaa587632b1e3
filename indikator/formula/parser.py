"""Formula text → AST, with diagnostics positioned in the YAML file.

``parse_formula`` is the only entry point. It never raises for bad input and
never evaluates anything: a formula is data (PRODUCT.md §5). The pipeline is

1. cheap guards that need no parser: length, then bracket depth;
2. Lark LALR parse (the grammar lives in ``grammar/formula.lark``), with Lark's
   exceptions turned into ``formula-syntax`` diagnostics that say, in words,
   what was found and what was expected;
3. parse-tree depth, measured iteratively;
4. an iterative conversion to the frozen dataclasses of ``ast.py`` that
   normalises operators and function names and checks function names and
   argument counts against ``functions.py``.

Positions: Lark reports character offsets into the formula string; a
:class:`~indikator.diagnostics.Locator` built by the YAML loader maps them to
line and column in the file, so every diagnostic and every AST node points at
the right spot even inside quoted or block scalars.

Nothing here recurses over the input, so hostile nesting (``((((…``, ``- - - …``,
``1^1^1^…``) produces a ``formula-too-deep`` diagnostic, never a RecursionError.
"""
from __future__ import annotations

import math
import re
from importlib import resources
from pathlib import Path

from lark import Lark, Token, Tree
from lark.exceptions import LarkError, UnexpectedCharacters, UnexpectedInput, UnexpectedToken

from indikator.messages import Message, Problem
from indikator.diagnostics import Diagnostic, Locator, Span, did_you_mean, error
from indikator.formula import functions
from indikator.formula.ast import (
    Binary,
    Boolean,
    Call,
    Expr,
    Name,
    Number,
    Percent,
    String,
    Unary,
)
from .hints import CHAR_HINTS, show_char

#: Longest formula accepted, in characters (PRODUCT.md §5: bounded length).
MAX_LENGTH = 4000
#: Deepest nesting accepted: pairs of brackets, or levels of the expression tree.
MAX_DEPTH = 64

_GRAMMAR_FILE = "formula.lark"

#: Operator spellings → the normalised ``op`` of Unary/Binary nodes.
_OP_NORMAL = {"×": "*", "÷": "/", "dan": "and", "atau": "or", "tidak": "not"}

_KEYWORDS = ("and", "dan", "or", "atau", "not", "tidak", "true", "false")


# --------------------------------------------------------------------------
# grammar and parser (built once)


def grammar_text(file_name: str = _GRAMMAR_FILE) -> str:
    """A grammar of ``grammar/``, from the installed package if there, else from the checkout.

    pyproject ships the top-level ``grammar/`` folder as ``indikator.grammar``;
    in a plain checkout that package does not exist and the file sits at the
    repository root. Every Lark grammar of the program (the formula language, the
    import's prose) is read through here.
    """
    try:
        return resources.files("indikator.grammar").joinpath(file_name).read_text("utf-8")
    except (ModuleNotFoundError, FileNotFoundError, NotADirectoryError, TypeError, OSError):
        pass
    here = Path(__file__).resolve()
    for candidate in (here.parents[2] / "grammar" / file_name,
                      here.parents[1] / "grammar" / file_name):
        if candidate.is_file():
            return candidate.read_text("utf-8")
    raise FileNotFoundError(f"grammar {file_name} not found")


#: How the formula parser is built: the grammar file with these options. The basic (not
#: contextual) lexer is deliberate: it always lexes a reserved word as a keyword, so
#: ``1 + and`` is an error instead of a name ``and``. Positions are not propagated by Lark
#: (that doubles the parse time); every token carries its offsets and the builder derives
#: each node's span from the tokens and nodes below it.
PARSER_OPTIONS = {"parser": "lalr", "lexer": "basic", "propagate_positions": False, "maybe_placeholders": False}

_PARSERS: list[Lark] = []


def build_parser() -> Lark:
    """A new Lark parser of the formula grammar (computing its LALR tables: ~0.07 s)."""
    return Lark(grammar_text(), **PARSER_OPTIONS)


def install_parser(parser: Lark) -> None:
    """Use ``parser`` (the same grammar and options, e.g. read back by the loader's grammar
    cache, :mod:`indikator.load.grammar_cache`) from now on in this process."""
    _PARSERS[:] = [parser]


def parser_ready() -> bool:
    return bool(_PARSERS)


def _parser() -> Lark:
    """The Lark parser, built on first use (unless installed) and kept for the process."""
    if not _PARSERS:
        _PARSERS.append(build_parser())
    return _PARSERS[0]


# --------------------------------------------------------------------------
# entry point


def parse_formula(text: str, locator: Locator | None = None) -> tuple[Expr | None, list[Diagnostic]]:
    """Parse ``text``; return ``(ast, diagnostics)``.

    The AST is returned exactly when there is no error diagnostic, so callers
    may test either. ``locator`` maps offsets of ``text`` into its file; without
    one, positions are line 1 column 1 of a file named ``<formula>``.
    """
    loc = locator if locator is not None else Locator(text)

    if len(text) > MAX_LENGTH:
        return None, [error(
            "formula-too-long",
            Problem("fx-too-long", {"n": len(text), "max": MAX_LENGTH}),
            loc.span(MAX_LENGTH),
            notes=(Problem("fx-split-note"),),
        )]
    if not text.strip():
        return None, [error("formula-syntax", Problem("fx-empty"),
                            loc.span(0))]

    deep_at = _bracket_overflow(text)
    if deep_at is not None:
        return None, [_too_deep(loc.span(deep_at, deep_at + 1))]

    tree = _TREES.get(text)
    if tree is not None:           # the same formula text again (IKI templates): parsed once
        return _Builder(loc).build(tree)
    tokens = _lex(text)
    shape = tuple(t.type for t in tokens) if tokens is not None else None
    template = _SHAPES.get(shape) if shape is not None else None
    if template is not None:       # another formula of a shape already parsed: no LALR run
        return _Builder(loc).build_shape(template, tokens)
    try:
        tree = _parser().parse(text)
    except UnexpectedCharacters as e:
        return None, [_character_error(text, e, loc)]
    except UnexpectedToken as e:
        return None, [_token_error(text, e, loc)]
    except UnexpectedInput as e:  # UnexpectedEOF and future kinds
        pos = getattr(e, "pos_in_stream", None)
        offset = pos if isinstance(pos, int) and pos >= 0 else len(text.rstrip())
        return None, [error("formula-syntax", Problem("fx-unexpected-end"), loc.span(offset))]
    except RecursionError:  # defence in depth: the guards above should make this unreachable
        return None, [_too_deep(loc.span(0))]
    except LarkError as e:
        return None, [error("formula-syntax", Problem("fx-cannot-parse", {"reason": str(e)}), loc.span(0))]

    deep_node = _tree_overflow(tree)
    if deep_node is not None:
        start, end = _token_range(deep_node)
        return None, [_too_deep(loc.span(start, end))]

    if len(_TREES) < _MAX_TREES:
        _TREES[text] = tree
    if shape is not None and len(_SHAPES) < _MAX_TREES:
        template = _template(tree, tokens)
        if template is not None:
            _SHAPES[shape] = template
    return _Builder(loc).build(tree)


# --------------------------------------------------------------------------
# one LALR parse per token shape
#
# The parser is LALR over a basic lexer: its tree depends only on the sequence of token types
# (which terminal each token is), never on their text. A region's 12,565 formulas have 10
# distinct sequences (``min(a.actual / a.target × 100%, 120)`` with other names), so each
# sequence is parsed once and later formulas of that shape get the same tree with their own
# tokens. Lexing uses the parser's own lexer (Lark's public ``Lark.lex`` builds a new lexer on
# every call, which costs more than the parse); should that internal interface change, every
# formula simply takes the full parse.

_SHAPES: dict[tuple, tuple] = {}


def _lex(text: str) -> list[Token] | None:
    """The tokens the parser would read, or None (bad input, or Lark's internals moved)."""
    try:
        from lark.lexer import LexerState
        from lark.utils import TextSlice

        lexer = _parser().parser.lexer
        return list(lexer.lex(LexerState(TextSlice(text, 0, len(text))), None))
    except Exception:  # noqa: BLE001 - any failure only means: parse this formula in full
        return None


def _template(tree: Tree, tokens: list[Token]) -> tuple | None:
    """``tree`` with each token replaced by its index in ``tokens`` (iteratively)."""
    index = {(t.start_pos, t.type): i for i, t in enumerate(tokens)}
    built: dict[int, tuple] = {}
    stack: list[tuple[Tree, bool]] = [(tree, False)]
    while stack:
        node, done = stack.pop()
        if not done:
            stack.append((node, True))
            stack.extend((c, False) for c in node.children if isinstance(c, Tree))
            continue
        kids = []
        for c in node.children:
            if isinstance(c, Tree):
                kids.append(built.pop(id(c)))
            else:
                i = index.get((c.start_pos, c.type))
                if i is None:
                    return None
                kids.append(i)
        built[id(node)] = (node.data, tuple(kids))
    return built[id(tree)]


#: Parse trees of formula texts already parsed (the AST, with its spans, is built anew for
#: each place a text occurs): a region's 35,000 IKI are a few dozen distinct formulas.
_TREES: dict[str, Tree] = {}
_MAX_TREES = 200_000


def _too_deep(span: Span) -> Diagnostic:
    return error(
        "formula-too-deep",
        Problem("fx-too-deep", {"max": MAX_DEPTH}),
        span,
        notes=(Problem("fx-too-deep-note"),),
    )


# --------------------------------------------------------------------------
# depth guards


def _bracket_overflow(text: str) -> int | None:
    """Offset of the first '(' that opens more than MAX_DEPTH levels, if any.

    A linear scan that skips strings and braced labels, run before Lark so
    thousands of nested brackets are refused without building anything.
    """
    if text.count("(") <= MAX_DEPTH:   # every formula a planner writes: no need to scan
        return None
    depth = 0
    i, n = 0, len(text)
    while i < n:
        c = text[i]
        if c in "\"'":
            i += 1
            while i < n and text[i] != c:
                i += 2 if text[i] == "\\" else 1
        elif c == "{":
            close = text.find("}", i + 1)
            if close < 0:
                return None  # unclosed label: the lexer reports it
            i = close
        elif c == "(":
            depth += 1
            if depth > MAX_DEPTH:
                return i
        elif c == ")":
            depth = max(0, depth - 1)
        i += 1
    return None


def _tree_overflow(tree: Tree) -> Tree | None:
    """The first parse-tree node deeper than MAX_DEPTH, if any (iterative walk).

    Each tree node becomes one AST node, so this bounds the AST's depth too and
    later stages may recurse over it safely.
    """
    stack: list[tuple[Tree, int]] = [(tree, 1)]
    while stack:
        node, d = stack.pop()
        if d > MAX_DEPTH:
            return node
        stack.extend((c, d + 1) for c in node.children if isinstance(c, Tree))
    return None


def _token_range(tree: Tree) -> tuple[int, int]:
    """Offsets from the first to the last token under ``tree`` (iterative walk)."""
    start, end = None, 0
    stack: list = [tree]
    while stack:
        node = stack.pop()
        if isinstance(node, Token):
            start = node.start_pos if start is None else min(start, node.start_pos)
            end = max(end, node.end_pos)
        else:
            stack.extend(node.children)
    return (start or 0), end


# --------------------------------------------------------------------------
# parse tree → AST


_ESCAPE = re.compile(r"\\(.)", re.S)
_AMBIGUOUS_DOT = re.compile(r"[1-9][0-9]{0,2}\.[0-9]{3}")   # 78.000, 1.234 (PRODUCT.md §7.1)


class _Builder:
    """Converts a checked Lark tree to AST nodes, collecting semantic diagnostics."""

    def __init__(self, loc: Locator) -> None:
        self.loc = loc
        self.diagnostics: list[Diagnostic] = []
        # a plain locator over one line (nearly every formula) maps an offset by a fixed shift:
        # its spans are made here, exactly as Locator.span makes them, without two calls a node
        self._flat = type(loc) is Locator and "\n" not in loc.text

    def build(self, tree: Tree) -> tuple[Expr | None, list[Diagnostic]]:
        # Post-order without recursion: children's results are pushed on `out`
        # left to right, so a parent pops exactly its own. Each entry keeps the
        # offsets it covers, from which the parent's span follows. (A region has
        # 60,000 nodes to build: the loop avoids work it can, such as listing a
        # node's subtrees twice.)
        out: list[tuple[Expr, int, int]] = []
        stack: list[tuple[Tree, list | None]] = [(tree, None)]
        pop, push = stack.pop, stack.append
        while stack:
            node, subtrees = pop()
            if subtrees is None:
                subtrees = [c for c in node.children if type(c) is Tree or isinstance(c, Tree)]
                push((node, subtrees))
                stack.extend((c, None) for c in reversed(subtrees))
                continue
            n = len(subtrees)
            if n:
                kids = out[-n:]
                del out[-n:]
            else:
                kids = []
            out.append(self._node(node, kids))
        if self.diagnostics:
            return None, self.diagnostics
        return out[0][0], []

    def build_shape(self, template: tuple, tokens: list[Token]) -> tuple[Expr | None, list[Diagnostic]]:
        """:meth:`build` for the tree a shape's template stands for, with ``tokens`` in the token
        places, without making that tree: the same post-order walk over the template (a node is
        ``(rule, children)``, a child a sub-template or the index of a token)."""
        out: list[tuple[Expr, int, int]] = []
        stack: list[tuple[tuple, bool]] = [(template, False)]
        pop, push = stack.pop, stack.append
        while stack:
            node, expanded = pop()
            kids = node[1]
            if not expanded:
                push((node, True))
                stack.extend((c, False) for c in reversed(kids) if type(c) is tuple)
                continue
            n = 0
            toks = []
            for c in kids:
                if type(c) is tuple:
                    n += 1
                else:
                    toks.append(tokens[c])
            if n:
                built = out[-n:]
                del out[-n:]
            else:
                built = []
            out.append(self._make(node[0], toks, built))
        if self.diagnostics:
            return None, self.diagnostics
        return out[0][0], []

    def _span(self, start: int, end: int) -> Span:
        return self.loc.span(start, end)

    def _node(self, node: Tree, built: list[tuple[Expr, int, int]]) -> tuple[Expr, int, int]:
        return self._make(node.data, [c for c in node.children if type(c) is Token or isinstance(c, Token)], built)

    def _make(self, kind: str, tokens: list[Token], built: list[tuple[Expr, int, int]]) -> tuple[Expr, int, int]:
        """One AST node of rule ``kind`` from its own tokens and its built children, with the
        offsets it covers."""
        start, end = 1 << 62, -1
        for t in tokens:
            if t.start_pos < start:
                start = t.start_pos
            if t.end_pos > end:
                end = t.end_pos
        for b in built:
            if b[1] < start:
                start = b[1]
            if b[2] > end:
                end = b[2]
        if kind == "call":
            # the closing bracket is an anonymous token, filtered from the tree
            close = self.loc.text.find(")", end)
            end = close + 1 if close >= 0 else end
        loc = self.loc
        if self._flat:
            n, line, col = len(loc.text), loc.line, loc.col
            s0 = 0 if start < 0 else (n if start > n else start)
            if end <= start:
                span = Span(loc.file, line, col + s0)
            else:
                span = Span(loc.file, line, col + s0, line, col + (n if end > n else end))
        else:
            span = loc.span(start, end)
        kids = [b[0] for b in built]
        return self._expr(kind, tokens, kids, span), start, end

    def _expr(self, kind: str, tokens: list[Token], kids: list[Expr], span: Span) -> Expr:
        if kind == "number":
            return self._number(tokens[0], span)
        if kind == "string":
            raw = str(tokens[0])
            return String(_ESCAPE.sub(r"\1", raw[1:-1]), span=span)
        if kind == "true":
            return Boolean(True, span=span)
        if kind == "false":
            return Boolean(False, span=span)
        if kind == "name":
            return Name(str(tokens[0]), span=span)
        if kind == "label":
            return self._label(tokens[0], span)
        if kind == "percent":
            return Percent(kids[0], span=span)
        if kind == "unary":
            op = str(tokens[0])
            return Unary(_OP_NORMAL.get(op, op), kids[0], span=span)
        if kind == "binary":
            op = str(tokens[0])
            return Binary(_OP_NORMAL.get(op, op), kids[0], kids[1], span=span)
        if kind == "call":
            return self._call(tokens[0], tuple(kids), span)
        raise AssertionError(f"grammar rule {kind!r} has no AST node")  # a grammar/builder mismatch

    def _number(self, tok: Token, span: Span) -> Number:
        value = float(tok)
        if not math.isfinite(value):
            self.diagnostics.append(error(
                "formula-syntax", Problem("fx-number-too-large", {"number": str(tok)}), span))
            value = 0.0
        if _AMBIGUOUS_DOT.fullmatch(str(tok)):
            # §7.1: formulas are machine format, but 78.000 is how a report writes 78000
            from ..data.numbers import decimal_fix

            self.diagnostics.append(error("formula-number", Problem("formula-number-ambiguous", {
                "text": str(tok), "thousands": str(tok).replace(".", ""), "decimal": decimal_fix(str(tok))}),
                span))
        return Number(value, str(tok), span=span)

    def _label(self, tok: Token, span: Span) -> Name:
        raw = str(tok)
        close = raw.rindex("}")
        inner = raw[1:close].strip()
        field = raw[close + 2:] or None
        if not inner:
            self.diagnostics.append(error(
                "formula-syntax",
                Problem("fx-empty-label"),
                span))
        return Name(inner, braced=True, field=field, span=span)

    def _call(self, name_tok: Token, args: tuple[Expr, ...], span: Span) -> Call:
        written = str(name_tok)
        spec = functions.lookup(written)
        if spec is None:
            suggestions = did_you_mean(written, functions.all_spellings())
            self.diagnostics.append(error(
                "unknown-function",
                Problem("fx-unknown-function", {"name": written}),
                self._span(name_tok.start_pos, name_tok.end_pos),
                suggestions=suggestions,
            ))
            return Call(written, args, span=span)
        if not spec.accepts(len(args)):
            self.diagnostics.append(error(
                "function-arity",
                Problem("fx-arity", {"name": written, "arity": spec.arity(), "n": len(args)}),
                span,
                notes=(Problem("fx-usage", {"signature": spec.signature}),),
            ))
        return Call(spec.name, args, span=span)


# --------------------------------------------------------------------------
# syntax errors in words

_OPERAND_TERMINALS = frozenset(
    {"NUMBER", "STRING", "NAME", "LABEL", "LPAR", "TRUE", "FALSE", "NOT", "TIDAK"})
_OPERATOR_TERMINALS = frozenset(
    {"OR", "ATAU", "AND", "DAN", "LT", "LE", "GT", "GE", "EQ", "NE", "PLUS", "MINUS",
     "STAR", "SLASH", "TIMES", "DIVIDE", "POW", "PERCENT"})
_COMPARISONS = frozenset({"LT", "LE", "GT", "GE", "EQ", "NE"})
# Operators that can only follow a value, never start one: their presence in
# the expected set means the parser has just read a complete value.
_INFIX_ONLY = _OPERATOR_TERMINALS - {"PLUS", "MINUS"}


def _expected_words(expected: set[str]) -> Message:
    """The expected-terminal set of a parser state, said the way a planner would."""
    words: list[Message] = []
    if expected & {"NUMBER", "NAME", "LABEL", "STRING"}:
        words.extend([Problem("fx-exp-operand"), "'('"])
    elif expected & _INFIX_ONLY:
        words.append(Problem("fx-exp-operator"))
    if "COMMA" in expected:
        words.append("','")
    if "RPAR" in expected:
        words.append("')'")
    if "$END" in expected:
        words.append(Problem("fx-exp-end"))
    if not words:
        return Problem("fx-exp-else")
    out = words[-1]
    if len(words) > 1:
        head = words[0]
        for w in words[1:-1]:
            head = Problem("fx-list", {"a": head, "b": w})
        out = Problem("fx-or", {"a": head, "b": words[-1]})
    return out


def _describe_token(tok: Token) -> Problem:
    code = {"$END": "fx-tok-end", "NUMBER": "fx-tok-number", "NAME": "fx-tok-name", "STRING": "fx-tok-string",
            "LABEL": "fx-tok-label"}.get(tok.type, "fx-tok")
    return Problem(code, {"tok": str(tok)} if code != "fx-tok-end" else {})


def _accepts_before(text: str, bad: Token) -> set[str]:
    """Terminals the parser would accept just before ``bad``; empty if unknown.

    Lark's LALR tables merge look-aheads, so by the time a token is rejected
    the parser may already have reduced on it (after ``x`` it reduced all the
    way to a whole formula on seeing ``)``) and the state it reports expects
    less than the planner could have written. Replaying the tokens before the
    bad one and asking that state gives the honest list. Errors only.
    """
    try:
        ip = _parser().parse_interactive(text)
        if bad.type != "$END":
            for tok in ip.iter_parse():
                if tok.start_pos >= bad.start_pos:
                    break
        else:
            for _ in ip.iter_parse():
                pass
        return set(ip.accepts())
    except (LarkError, RecursionError):
        return set()


def _token_error(text: str, e: UnexpectedToken, loc: Locator) -> Diagnostic:
    tok = e.token
    expected = _accepts_before(text, tok) or set(e.expected)
    at_end = tok.type == "$END"
    if at_end:
        start = len(text.rstrip())
        span = loc.span(start)
    else:
        start = tok.start_pos
        span = loc.span(start, tok.end_pos)
    message = Problem("fx-unexpected", {"what": _describe_token(tok), "expected": _expected_words(expected)})

    notes: list[Message] = []
    suggestions: tuple[str, ...] = ()
    after_value = bool(expected & _INFIX_ONLY)
    if tok.type in _COMPARISONS and after_value:
        notes.append(Problem("fx-note-chain"))
    elif tok.type == "NAME" and str(tok).lower() in _KEYWORDS:
        suggestions = (str(tok).lower(),)
        notes.append(Problem("fx-note-lowercase"))
    elif (tok.type == "COMMA" and after_value and 0 < start < len(text) - 1
          and text[start - 1].isdigit() and text[start + 1].isdigit()):
        notes.append(Problem("fx-note-decimal"))
    elif tok.type in _OPERAND_TERMINALS - {"NOT", "TIDAK"} and after_value:
        notes.append(Problem("fx-note-two-values-comma" if "COMMA" in expected else "fx-note-two-values"))
    elif at_end and "RPAR" in expected:
        notes.append(Problem("fx-note-unclosed"))
    elif tok.type == "RPAR" and "RPAR" not in expected and after_value:
        notes.append(Problem("fx-note-unmatched"))
    return error("formula-syntax", message, span, suggestions=suggestions, notes=notes)


def _character_error(text: str, e: UnexpectedCharacters, loc: Locator) -> Diagnostic:
    pos = e.pos_in_stream
    ch = text[pos] if 0 <= pos < len(text) else ""
    span = loc.span(pos, pos + 1)
    message: Problem
    if ch in "\"'":
        message = Problem("fx-unterminated", {"quote": ch})
    elif ch == "{":
        message = Problem("fx-unclosed-label")
    elif ch == "}":
        message = Problem("fx-stray-brace")
    elif ch == "." and pos > 0 and text[pos - 1] == "}":
        message = Problem("fx-label-dot")
    elif ch == "." and pos > 0 and text[pos - 1].isdigit():
        message = Problem("fx-decimal-dot")
    else:
        message = Problem("fx-unexpected-char", {"char": show_char(ch)})
        hint = CHAR_HINTS.get(ch)
        if hint:
            message = Problem("fx-with-hint", {"message": message, "hint": hint})
    return error("formula-syntax", message, span)
