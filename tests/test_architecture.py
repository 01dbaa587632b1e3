"""The house rules that a reader of the code relies on, checked on the source (ARCHITECTURE.md 12):

* no import cycle among the package's modules — counting imports inside functions too, which
  is where a cycle hides (only ``if TYPE_CHECKING:`` imports are left out: they never run);
* no private name (``_x``) imported from another module;
* no module imports from a later stage of the pipeline (load → formula → graph → data →
  engine → output/render/report → serve → cli; the shared values below everything).

Reads the files with :mod:`ast`; imports nothing of the package, so a cycle cannot hide by
having been imported already.
"""
from __future__ import annotations

import ast
from pathlib import Path

import networkx as nx
import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "indikator"

#: Each top-level part of the package and its stage: a module may import from its own stage
#: or an earlier one (a smaller number), never from a later one.
STAGES = {
    "indikator": 0, "diagnostics": 0, "messages": 0, "model": 0, "progress": 0, "formats": 0,
    "input_paths": 0, "yaml_depth": 0,
    "formula": 1,
    "data": 1,
    "graph": 2,
    "load": 3,
    "engine": 4,
    "output": 5,
    "render": 6, "report": 6, "audit": 6, "entry": 6,
    "serve": 7,
    "cli": 8, "__main__": 9,
}


def _modules() -> dict[str, tuple[Path, bool]]:
    out = {}
    for f in sorted(PACKAGE.rglob("*.py")):
        parts = list(f.relative_to(PACKAGE.parent).with_suffix("").parts)
        is_pkg = parts[-1] == "__init__"
        if is_pkg:
            parts = parts[:-1]
        out[".".join(parts)] = (f, is_pkg)
    return out


MODULES = _modules()


def _type_checking_lines(tree: ast.AST) -> set[int]:
    """Line numbers of the statements under ``if TYPE_CHECKING:``."""
    lines: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and (
                (isinstance(node.test, ast.Name) and node.test.id == "TYPE_CHECKING")
                or (isinstance(node.test, ast.Attribute) and node.test.attr == "TYPE_CHECKING")):
            for stmt in node.body:
                lines.update(range(stmt.lineno, (stmt.end_lineno or stmt.lineno) + 1))
    return lines


def imports_of(name: str) -> list[tuple[str, str | None, int]]:
    """``(module imported, name imported from it or None, line)`` for every import of the
    package's own modules in ``name``, at any depth (functions too)."""
    path, is_pkg = MODULES[name]
    tree = ast.parse(path.read_text(encoding="utf-8"))
    skip = _type_checking_lines(tree)
    base = name.split(".") if is_pkg else name.split(".")[:-1]
    out = []
    for node in ast.walk(tree):
        if getattr(node, "lineno", None) in skip:
            continue
        if isinstance(node, ast.ImportFrom):
            if node.level:
                parent = base[:len(base) - (node.level - 1)]
                mod = ".".join(parent + ([node.module] if node.module else []))
            else:
                mod = node.module or ""
            if mod.split(".")[0] != "indikator":
                continue
            for alias in node.names:
                sub = f"{mod}.{alias.name}"
                if sub in MODULES:            # ``from . import x``: the module x
                    out.append((sub, None, node.lineno))
                else:
                    out.append((mod, alias.name, node.lineno))
        elif isinstance(node, ast.Import):
            out += [(a.name, None, node.lineno) for a in node.names if a.name.split(".")[0] == "indikator"]
    return out


def import_graph() -> nx.DiGraph:
    g = nx.DiGraph()
    g.add_nodes_from(MODULES)
    for name in MODULES:
        for mod, _, _ in imports_of(name):
            # importing a.b.c runs the packages a and a.b first: only the module itself counts
            # here (package __init__ files are modules of their own and checked as such)
            if mod in MODULES and mod != name:
                g.add_edge(name, mod)
    return g


def stage_of(module: str) -> str:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else parts[0]


def test_the_package_has_modules():
    assert len(MODULES) > 40 and "indikator.engine.evaluate" in MODULES


def test_no_import_cycles():
    g = import_graph()
    cycles = [sorted(c) for c in nx.strongly_connected_components(g) if len(c) > 1]
    assert not cycles, "import cycles (a module that needs the other should take a value from it " \
                       "or the shared part should move to an earlier module): " + repr(cycles)


@pytest.mark.parametrize("name", sorted(MODULES))
def test_no_private_name_crosses_a_module(name: str):
    bad = [f"{name}:{line} imports {what} from {mod}" for mod, what, line in imports_of(name)
           if what is not None and what.startswith("_") and not what.startswith("__") and mod != name]
    assert not bad, bad


@pytest.mark.parametrize("name", sorted(MODULES))
def test_no_import_from_a_later_stage(name: str):
    own = stage_of(name)
    assert own in STAGES, f"{own} has no stage: add it to STAGES in {__file__}"
    bad = [f"{name}:{line} ({own}) imports {mod} ({stage_of(mod)})" for mod, _, line in imports_of(name)
           if mod in MODULES and STAGES.get(stage_of(mod), 99) > STAGES[own]]
    assert not bad, bad


def test_the_checker_finds_what_it_looks_for(tmp_path, monkeypatch):
    """The rules above on a made-up package: a cycle through a function-level import, a
    private name, a later stage."""
    pkg = tmp_path / "indikator"
    (pkg / "engine").mkdir(parents=True)
    (pkg / "__init__.py").write_text("")
    (pkg / "engine" / "__init__.py").write_text("")
    (pkg / "engine" / "a.py").write_text("from .b import thing\n")
    (pkg / "engine" / "b.py").write_text("def f():\n    from .a import _hidden\n    from ..cli import x\n")
    (pkg / "cli.py").write_text("")
    monkeypatch.setitem(globals(), "PACKAGE", pkg)
    monkeypatch.setitem(globals(), "MODULES", _modules())
    g = import_graph()
    assert {"indikator.engine.a", "indikator.engine.b"} in [c for c in nx.strongly_connected_components(g)]
    found = imports_of("indikator.engine.b")
    assert ("indikator.engine.a", "_hidden", 2) in found and ("indikator.cli", "x", 3) in found


#: private attributes read on another object on purpose: python-docx has no public way to repeat a
#: header row, keep rows together or set a cell's borders, so report/docx.py edits the XML elements
#: behind its objects (``cell._tc``, ``row._tr``, ``paragraph._p``, ``run._r``)
FOREIGN_PRIVATE_OK = {("indikator.report.docx", a) for a in ("_tc", "_tr", "_p", "_r", "_element")}


def private_reads(source: str) -> list[tuple[str, int]]:
    """``x._name`` where ``x`` is neither ``self`` nor ``cls`` nor an instance the same code made
    with ``cls(...)``: another object's private attribute, which an import check does not see."""
    tree = ast.parse(source)
    own = {t.id for node in ast.walk(tree) if isinstance(node, ast.Assign)
           and isinstance(node.value, ast.Call) and isinstance(node.value.func, ast.Name)
           and node.value.func.id == "cls" for t in node.targets if isinstance(t, ast.Name)}
    return [(node.attr, node.lineno) for node in ast.walk(tree)
            if isinstance(node, ast.Attribute) and node.attr.startswith("_") and not node.attr.startswith("__")
            and not (isinstance(node.value, ast.Name) and node.value.id in {"self", "cls", *own})]


@pytest.mark.parametrize("name", sorted(MODULES))
def test_no_private_attribute_of_another_object_is_read(name: str):
    path, _ = MODULES[name]
    bad = [f"{name}:{line} reads .{attr}" for attr, line in private_reads(path.read_text(encoding="utf-8"))
           if (name, attr) not in FOREIGN_PRIVATE_OK]
    assert not bad, bad


def test_the_private_attribute_check_finds_what_it_looks_for():
    found = private_reads("def f(store):\n    return store._grouping\n"
                          "class A:\n    def g(self):\n        return self._x\n"
                          "    @classmethod\n    def b(cls):\n        i = cls()\n        i._add()\n")
    assert found == [("_grouping", 2)]
