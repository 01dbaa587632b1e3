"""Shared pytest setup: the checkout and tests/ importable without installing the package."""
import sys
from pathlib import Path

_TESTS = Path(__file__).resolve().parent
for _p in (str(_TESTS.parent), str(_TESTS)):
    if _p not in sys.path:
        sys.path.insert(0, _p)

# PRODUCT.md §12: every command speaks Indonesian unless --lang or INDIKATOR_LANG says otherwise.
# The suite was written when eval, check and explain spoke English: it reads English output
# unless a test asks for --lang id (report and render, Indonesian then too: helpers.run_cli).
import os  # noqa: E402

os.environ["INDIKATOR_LANG"] = "en"
