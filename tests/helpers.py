"""Small helpers shared by the tests: definition folders on disk, the CLI, golden files.

Golden files hold exact expected output. ``assert_golden`` compares against
them and, when ``UPDATE_GOLDEN=1`` is set, rewrites them instead (then review
the diff with ``git diff tests/golden`` before committing).
"""
from __future__ import annotations

import os
import textwrap
from pathlib import Path

from click.testing import CliRunner, Result

GOLDEN_DIR = Path(__file__).parent / "golden"
REPO_ROOT = Path(__file__).resolve().parent.parent


def write_tree(root: Path, files: dict[str, str | bytes], dedent: bool = True) -> Path:
    """Write ``{relative path: text}`` under ``root`` (text dedented); return ``root``."""
    root.mkdir(parents=True, exist_ok=True)
    for rel, content in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(textwrap.dedent(content) if dedent else content, encoding="utf-8")
    return root


#: commands whose output was Indonesian before --lang came to every command
INDONESIAN_FIRST = ("report", "render")


def run_cli(*args: str, cwd: Path | None = None) -> Result:
    """Run ``indikator ARGS`` in-process (click's CliRunner), optionally from folder ``cwd``.

    Running from the folder that holds the definitions keeps the file names in
    the output short and the same on every machine.
    """
    from indikator.cli import main

    old = os.getcwd()
    if cwd is not None:
        os.chdir(cwd)
    try:
        # the suite was written when report and render spoke Indonesian by default and the other
        # commands English (conftest.py sets INDIKATOR_LANG=en): those two get --lang id unless
        # the test chose a language
        args = list(args)
        if args and args[0] in INDONESIAN_FIRST and "--lang" not in args:
            args += ["--lang", "id"]
        return CliRunner().invoke(main, args, catch_exceptions=True)
    finally:
        os.chdir(old)


def assert_golden(name: str, actual: str) -> None:
    """Compare ``actual`` with ``tests/golden/<name>``; rewrite it when UPDATE_GOLDEN=1."""
    path = GOLDEN_DIR / name
    if os.environ.get("UPDATE_GOLDEN") == "1":
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(actual, encoding="utf-8")
        return
    assert path.exists(), f"golden file {path} is missing; run with UPDATE_GOLDEN=1 to create it"
    expected = path.read_text(encoding="utf-8")
    assert actual == expected, (f"output differs from golden file {path} "
                                f"(UPDATE_GOLDEN=1 rewrites it)\n--- expected\n{expected}\n--- actual\n{actual}")
