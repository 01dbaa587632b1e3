"""Loading and checking definitions needs neither numpy nor pyarrow: a cold `check` does not pay
for importing them (indikator.data names its parts on first use, PEP 562). Nor networkx, while
the set has no cycle (indikator.graph.order sorts it)."""
from __future__ import annotations

import subprocess
import sys

import pytest

from helpers import REPO_ROOT

PROGRAM = """
import sys
from indikator.load import load_definitions
dset, diags = load_definitions(sys.argv[1], cache=False)
assert dset is not None and len(dset.indicators) > 0
print(sorted(m for m in ("numpy", "pyarrow", "networkx") if m in sys.modules))
"""


@pytest.mark.parametrize("example", ["luwu-timur", "kupang", "dumai"])
def test_loading_definitions_imports_no_array_or_graph_library(example, tmp_path):
    folder = REPO_ROOT / "definitions" / example
    out = subprocess.run([sys.executable, "-c", PROGRAM, str(folder)], capture_output=True, text=True,
                         cwd=tmp_path, check=True)
    assert out.stdout.strip() == "[]"


def test_the_data_package_still_names_its_parts():
    import indikator.data as data

    for name in data.__all__:
        assert getattr(data, name) is not None
    with pytest.raises(AttributeError):
        data.no_such_name  # noqa: B018
