"""Shared pytest setup: the checkout and tests/ importable without installing the package."""
import sys
from pathlib import Path

_TESTS = Path(__file__).resolve().parent
for _p in (str(_TESTS.parent), str(_TESTS)):
    if _p not in sys.path:
        sys.path.insert(0, _p)

# The model cache (PRODUCT.md §13) must never be shared with the user's own cache folder, nor
# between test sessions: every session (and every command it starts, which inherits the
# environment) gets a fresh folder of its own, removed at the end.
import atexit  # noqa: E402
import os  # noqa: E402
import shutil  # noqa: E402
import tempfile  # noqa: E402

_CACHE = tempfile.mkdtemp(prefix="indikator-test-cache-")
os.environ["INDIKATOR_CACHE_DIR"] = _CACHE
atexit.register(shutil.rmtree, _CACHE, True)
