"""The program under test with its bytecode, as an installed program has it.

``pip install`` compiles a package's modules to bytecode when it installs them, and PyYAML in
the YAML floor is timed that way. A checkout imported in an environment with
``PYTHONDONTWRITEBYTECODE=1`` (this project's sandboxes set it) has no ``__pycache__``: every
command then compiles the ~80 modules it imports from source first (0.1-0.2 s CPU of a warm
region command, none of it the program's work). The benches therefore compile the package
under test once before timing (:func:`prepare`, what ``python -m compileall`` does), unless
``--no-bytecode`` asks to time it as the environment leaves it (its ``__pycache__`` folders are
removed first, so earlier runs cannot leave bytecode behind either).
"""
from __future__ import annotations

import compileall
import shutil
import subprocess
import sys
from pathlib import Path


def package_dir() -> Path:
    """The ``indikator`` package that ``python -m indikator`` run from here imports."""
    out = subprocess.run([sys.executable, "-c", "import indikator, os; print(os.path.dirname(indikator.__file__))"],
                         check=True, capture_output=True, text=True)
    return Path(out.stdout.strip())


def prepare(bytecode: bool) -> str:
    """Compile (or, with ``bytecode`` False, drop) the package's bytecode; a line saying which."""
    pkg = package_dir()
    if bytecode:
        compileall.compile_dir(str(pkg), quiet=1)
        return f"bytecode: {pkg} compiled before timing, as pip install does (--no-bytecode: from source)"
    for cache in pkg.rglob("__pycache__"):
        shutil.rmtree(cache, ignore_errors=True)
    return f"bytecode: none for {pkg} (every command compiles the modules it imports)"
