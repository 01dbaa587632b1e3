"""`indikator serve` end to end, in real headless Chromium driven by Playwright.

The server runs in a thread on a free port over a copy of the Luwu Timur
example, so the tests can edit its files. The browser is Debian's chromium
(``/usr/bin/chromium``, or ``INDIKATOR_CHROMIUM``); Playwright's own browser
download is never used. Without a browser or Playwright these tests skip
with the reason — except when ``INDIKATOR_E2E_REQUIRED=1`` (set by
``.ci/run``), where a missing browser is a failure.

With ``INDIKATOR_SCREENSHOTS=DIR`` the screenshot test writes the pictures of
docs/img/serve-*.png into DIR.
"""
from __future__ import annotations

import os
import shutil
import socket
import threading
from pathlib import Path

import pytest

from helpers import REPO_ROOT

LUWU = REPO_ROOT / "definitions" / "luwu-timur"
YTD = "2024-Q1..2024-Q3"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"]


def _browser_path() -> str | None:
    given = os.environ.get("INDIKATOR_CHROMIUM")
    if given:
        return given if os.path.exists(given) else None
    for name in ("/usr/bin/chromium", "/usr/bin/chromium-browser"):
        if os.path.exists(name):
            return name
    return shutil.which("chromium") or shutil.which("chromium-browser")


def _skip_or_fail(reason: str):
    if os.environ.get("INDIKATOR_E2E_REQUIRED") == "1":
        pytest.fail(f"end-to-end tests are required here (INDIKATOR_E2E_REQUIRED=1) but {reason}")
    pytest.skip(reason)


@pytest.fixture(scope="module")
def browser():
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _skip_or_fail("Playwright is not installed (pip install '.[test]')")
    exe = _browser_path()
    if exe is None:
        _skip_or_fail("no Chromium found (apt-get install chromium, or set INDIKATOR_CHROMIUM)")
    # Playwright starts the browser headless with a fresh, empty profile of its own each time.
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=exe, headless=True, args=CHROMIUM_ARGS)
        yield b
        b.close()


class Served:
    def __init__(self, root: Path, server, thread) -> None:
        self.root = root
        self.server = server
        self.thread = thread
        self.url = f"http://127.0.0.1:{server.server_port}"


@pytest.fixture()
def served(tmp_path, monkeypatch):
    from indikator.serve import Workspace, create_app, make_server

    root = tmp_path / "luwu-timur"
    shutil.copytree(LUWU, root)
    monkeypatch.chdir(tmp_path)          # file names as a planner sees them: luwu-timur/disdukcapil.yaml
    app = create_app(Workspace("luwu-timur", ["luwu-timur/data"]), "2024-Q3")
    server = make_server(app, "127.0.0.1", 0)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield Served(root, server, thread)
    server.shutdown()
    server.server_close()


@pytest.fixture()
def page(browser):
    ctx = browser.new_context(viewport={"width": 1440, "height": 900})
    pg = ctx.new_page()
    errors: list[str] = []
    pg.on("pageerror", lambda e: errors.append(str(e)))
    pg.errors = errors
    yield pg
    ctx.close()
    assert not errors, f"JavaScript errors on the page: {errors}"


def _select_in_tree(pg, element_id: str) -> None:
    """Find a box with the search box (it pans the chart to it), then click the box itself."""
    pg.fill("#search", element_id)
    pg.wait_for_selector(f"#search-results li[data-id='{element_id}']")
    pg.keyboard.press("Enter")
    pg.wait_for_selector(f"#panel article.element[data-id='{element_id}']")
    pg.locator(f"#tree g.node[data-id='{element_id}']").click()
    pg.wait_for_selector(f"#tree g.node.selected[data-id='{element_id}']")


def test_period_switch_click_element_and_explain(served, page):
    page.goto(served.url + "/")
    assert page.locator("#period").input_value() == "2024-Q3"
    assert page.locator("#tree svg g.node").count() == 52
    # switch the period: the page reloads with it
    with page.expect_navigation():
        page.select_option("#period", YTD)
    assert page.locator("#period").input_value() == YTD
    assert f"period={YTD}" in page.url
    _select_in_tree(page, "dukcapil.s2")
    panel = page.locator("#panel")
    assert "Meningkatnya Cakupan Kepemilikan Dokumen Adminduk" in panel.inner_text()
    row = panel.locator("table.figures tbody tr").first
    assert row.locator("td.ach").inner_text() == "100,75"
    assert "Sangat Tinggi" in row.inner_text()
    assert "1.346.988.535" in panel.inner_text()
    assert "sel=dukcapil.s2" in page.url
    # the explain view of the indicator opens in the panel
    panel.locator("a.explain-link").first.click()
    page.wait_for_selector("#panel article.explain[data-id='cakupan_adminduk']")
    text = panel.inner_text()
    assert "Rumus" in text and "cakupan_kk" in text and "100,75" in text and "permendagri86" in text
    # and deeper: an indicator it reads
    panel.locator("table.steps a", has_text="cakupan_kk").click()
    page.wait_for_selector("#panel article.explain[data-id='cakupan_kk']")
    assert "variabel data kk_memiliki" in panel.inner_text()


def test_pan_zoom_collapse_and_search(served, page):
    page.goto(served.url + f"/?period={YTD}")
    page.wait_for_selector("#tree svg .svg-pan-zoom_viewport")
    vp = page.locator("#tree svg .svg-pan-zoom_viewport")
    before = vp.get_attribute("transform")
    page.mouse.move(500, 500)
    page.mouse.wheel(0, -400)
    page.wait_for_timeout(300)
    assert vp.get_attribute("transform") != before           # zoomed
    # collapse the vision: everything below it disappears, expand brings it back
    toggle = page.locator("#tree g.toggle[data-id='visi']")
    toggle.dispatch_event("click")
    assert page.locator("#tree g.node[data-id='misi-6']").is_hidden()
    assert page.locator("#tree g.node[data-id='visi']").is_visible()
    page.locator("#expand-all").click()
    assert page.locator("#tree g.node[data-id='misi-6']").is_visible()
    # search by words of a statement
    page.fill("#search", "kepemilikan dokumen")
    page.wait_for_selector("#search-results li[data-id='dukcapil.s2']")
    assert page.locator("#tree g.node.hit[data-id='dukcapil.s2']").count() == 1


def test_positions_view_and_language_switch(served, page):
    page.goto(served.url + f"/?period={YTD}")
    page.click("nav.tabs a[href*='/positions']")
    page.wait_for_selector("#pos-jab\\.kadis")
    kadis = page.locator("#pos-jab\\.kadis")
    assert "Contoh Pegawai 1" in kadis.inner_text() and "101,54" in kadis.inner_text()
    page.click(".lang a[hreflang='en']")
    page.wait_for_selector("text=Positions & IKI")
    assert "Achievement %" in page.locator("#pos-jab\\.kadis").inner_text()
    assert "101.54" in page.locator("#pos-jab\\.kadis").inner_text()


def test_break_a_yaml_file_then_fix_it(served, page):
    f = served.root / "disdukcapil.yaml"
    good = f.read_text(encoding="utf-8")
    page.goto(served.url + f"/?period={YTD}")
    assert page.locator("#tree svg").count() == 1
    f.write_text(good.replace("tingkat: sasaran_strategis\n    uraian: Meningkatnya Cakupan",
                              "tingkat: sasaran_strategiss\n    uraian: Meningkatnya Cakupan"), encoding="utf-8")
    page.reload()
    broken = page.locator("section.broken")
    assert broken.is_visible()
    assert "disdukcapil.yaml:100:14" in broken.inner_text()
    assert "sasaran_strategiss" in broken.inner_text()
    assert page.locator("#tree svg").count() == 0
    # the error links to the line in the file
    broken.locator("a.where").first.click()
    page.wait_for_selector("tr#L100.hl")
    f.write_text(good, encoding="utf-8")
    page.goto(served.url + f"/?period={YTD}")
    assert page.locator("#tree svg g.node").count() == 52


def test_path_traversal_is_refused_in_the_browser(served, page):
    for path in ("/source/%2e%2e/%2e%2e/%2e%2e/etc/passwd", "/source/..%2F..%2F..%2Fetc%2Fpasswd",
                 "/static/%2e%2e/app.py"):
        resp = page.goto(served.url + path)
        assert resp.status == 404, path
        assert "root:" not in page.content()
        assert page.locator("h1").inner_text().startswith("404")
    api = page.request.get(served.url + "/source/../../../../etc/passwd")
    assert api.status == 404 and "root:" not in api.text()


def test_script_in_a_statement_is_shown_as_text(served, page):
    f = served.root / "disdukcapil.yaml"
    text = f.read_text(encoding="utf-8")
    f.write_text(text.replace("uraian: Meningkatnya Cakupan Kepemilikan Dokumen Adminduk",
                              'uraian: "Cakupan <script>window.__xss = 1</script> <b>tebal</b>"'),
                 encoding="utf-8")
    page.goto(served.url + f"/?period={YTD}&sel=dukcapil.s2")
    page.wait_for_selector("#panel article.element[data-id='dukcapil.s2']")
    assert page.evaluate("window.__xss") is None
    heading = page.locator("#panel h2").inner_text()
    assert heading == "Cakupan <script>window.__xss = 1</script> <b>tebal</b>"
    assert page.locator("#panel h2 b").count() == 0
    node_text = page.locator("#tree g.node[data-id='dukcapil.s2']").text_content()
    assert "<script>window.__xss" in node_text and "<b>tebal</b>" in node_text
    # the search results show it as text too
    page.fill("#search", "tebal")
    page.wait_for_selector("#search-results li[data-id='dukcapil.s2']")
    assert "<script>" in page.locator("#search-results li[data-id='dukcapil.s2'] .rs").inner_text()
    # clicking in the tree loads the panel through fetch: still text
    _select_in_tree(page, "dukcapil.s2")
    assert page.evaluate("window.__xss") is None


def test_downloads_from_the_menu(served, page):
    page.goto(served.url + f"/?period={YTD}")
    page.click("details.downloads summary")
    with page.expect_download() as dl:
        page.click("details.downloads a[href*='report.xlsx']")
    assert dl.value.suggested_filename == "laporan-kinerja-luwu-timur-2024-Q1__2024-Q3.xlsx"
    page.click("details.downloads summary")
    with page.expect_download() as dl:
        page.click("details.downloads a[href*='chart.pdf']")
    path = dl.value.path()
    assert Path(path).read_bytes().startswith(b"%PDF")


SHOTS = os.environ.get("INDIKATOR_SCREENSHOTS")
SHOTS_DIR = Path(SHOTS).resolve() if SHOTS else None       # before the fixture changes the folder


@pytest.mark.skipif(not SHOTS, reason="set INDIKATOR_SCREENSHOTS=docs/img to write the screenshots of docs/serve.md")
def test_screenshots(served, page):
    out = SHOTS_DIR
    out.mkdir(parents=True, exist_ok=True)
    page.goto(served.url + f"/?period={YTD}")
    page.wait_for_timeout(400)
    page.screenshot(path=str(out / "serve-tree.png"))
    _select_in_tree(page, "dukcapil.s1")
    page.wait_for_timeout(400)
    page.screenshot(path=str(out / "serve-element.png"))
    page.locator("#panel a.explain-link").nth(1).click()
    page.wait_for_selector("#panel article.explain")
    page.goto(served.url + f"/explain/cakupan_kk?period={YTD}")
    page.screenshot(path=str(out / "serve-explain.png"))
    page.goto(served.url + f"/positions?period={YTD}")
    page.screenshot(path=str(out / "serve-positions.png"))
    f = served.root / "disdukcapil.yaml"
    good = f.read_text(encoding="utf-8")
    f.write_text(good.replace("rumus: opd_pks", "rumus: opd_pk"), encoding="utf-8")
    page.goto(served.url + f"/?period={YTD}")
    page.screenshot(path=str(out / "serve-error.png"))
    f.write_text(good, encoding="utf-8")


def test_server_listens_on_loopback_only(tmp_path):
    """make_server binds the address it is given (the CLI default is 127.0.0.1), nothing wider."""
    from indikator.serve import Workspace, create_app, make_server

    app = create_app(Workspace(str(LUWU), [str(LUWU / "data")]))
    server = make_server(app, "127.0.0.1", 0)
    try:
        assert server.server_address[0] == "127.0.0.1"
        with socket.create_connection(("127.0.0.1", server.server_port), timeout=5):
            pass
    finally:
        server.server_close()
