"""Shared pytest setup: the checkout and tests/ importable without installing the package."""
import sys
from pathlib import Path

_TESTS = Path(__file__).resolve().parent
for _p in (str(_TESTS.parent), str(_TESTS)):
    if _p not in sys.path:
        sys.path.insert(0, _p)

# PRODUCT.md §12: every command speaks Indonesian unless --lang or INDIKATOR_LANG says otherwise.
# The suite was written when eval, check and explain spoke English and report and render
# Indonesian: each module reads the language its commands spoke then, unless a test asks
# for one with --lang.
import os  # noqa: E402

import pytest  # noqa: E402

os.environ["INDIKATOR_LANG"] = "en"
INDONESIAN_FIRST = {"test_report", "test_render"}


@pytest.fixture(autouse=True)
def _default_language(request, monkeypatch):
    module = request.module.__name__.rsplit(".", 1)[-1]
    monkeypatch.setenv("INDIKATOR_LANG", "id" if module in INDONESIAN_FIRST else "en")
