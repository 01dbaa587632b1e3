"""`serve` answers its first view once in the background (serve.app.warm_up) and a workspace
reload frees the old model: the page a planner then opens comes from that work, unchanged."""
from __future__ import annotations

import gc
import os
import shutil
from pathlib import Path

import pytest

from helpers import REPO_ROOT

pytest.importorskip("flask")

from indikator.serve import Workspace, create_app, warm_up  # noqa: E402

LUWU = REPO_ROOT / "definitions" / "luwu-timur"
YTD = "2024-Q1..2024-Q3"


@pytest.fixture()
def luwu(tmp_path: Path) -> Path:
    dst = tmp_path / "luwu-timur"
    shutil.copytree(LUWU, dst)
    return dst


@pytest.mark.parametrize("lang", ["id", "en"])
def test_first_view_is_made_once_before_it_is_asked_for(luwu, lang, monkeypatch):
    ws = Workspace(str(luwu), [str(luwu / "data")])
    app = create_app(ws, YTD, lang=lang)
    cold = create_app(Workspace(str(luwu), [str(luwu / "data")]), YTD, lang=lang).test_client().get("/")
    from indikator.engine import Engine

    calls = []
    real = Engine.evaluate
    monkeypatch.setattr(Engine, "evaluate", lambda self, *a, **k: calls.append(a) or real(self, *a, **k))
    warm_up(app).join(timeout=300)
    assert len(calls) == 1                          # the warm-up evaluated the default period …
    page = app.test_client().get("/")
    assert page.status_code == 200 and len(calls) == 1    # … and the page took it from the snapshot
    assert page.get_data() == cold.get_data()       # the same page as without the warm-up


def test_a_reload_unfreezes_and_loads_the_changed_files(luwu):
    gc.unfreeze()
    ws = Workspace(str(luwu), [str(luwu / "data")])
    first = ws.current()
    assert gc.get_freeze_count() > 0                 # the loaded model is kept out of the collector's walks
    f = sorted(luwu.glob("*.yaml"))[0]
    f.write_text(f.read_text(encoding="utf-8").replace("Luwu", "Luwu ", 1), encoding="utf-8")
    st = f.stat()
    os.utime(f, ns=(st.st_atime_ns, st.st_mtime_ns + 2_000_000_000))
    second = ws.current()
    assert second is not first and second.ok
    assert gc.isenabled()


@pytest.mark.parametrize("lang, loaded, stopped", [
    ("id", "dimuat ", "indikator serve berhenti (SIGTERM)"),
    ("en", "loaded ", "indikator serve stopped (SIGTERM)"),
])
def test_serve_says_its_own_lines_in_its_language_and_stops_cleanly_on_sigterm(tmp_path, lang, loaded, stopped):
    """SIGTERM is how a service manager stops a server: exit 0 with one line, not "error:
    interrupted"; the server's own log line ("loaded … in 0,38 s") is in --lang too."""
    import os
    import signal
    import subprocess
    import sys
    import time

    from helpers import REPO_ROOT

    luwu = REPO_ROOT / "definitions" / "luwu-timur"
    env = dict(os.environ, PYTHONPATH=str(REPO_ROOT), INDIKATOR_CACHE_DIR=str(tmp_path / "cache"))
    p = subprocess.Popen([sys.executable, "-m", "indikator", "serve", str(luwu), "--port", "0", "--lang", lang],
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env, text=True)
    try:
        assert p.stdout.readline().startswith("indikator serve: http://127.0.0.1:")
        deadline = time.monotonic() + 120
        err = ""
        while loaded not in err and time.monotonic() < deadline:   # the first view is prepared at once
            err += p.stderr.readline()
        assert loaded in err, err
        p.send_signal(signal.SIGTERM)
        rest = p.stderr.read()
        assert p.wait(timeout=60) == 0, rest
    finally:
        if p.poll() is None:
            p.kill()
    assert stopped in rest and "Traceback" not in rest and "error" not in rest.lower(), rest
