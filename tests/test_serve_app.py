"""`indikator serve` through Flask's test client: routes, figures, safety, live reload, robustness."""
from __future__ import annotations

import io
import os
import shutil
import zipfile
from pathlib import Path

import pytest

from helpers import REPO_ROOT, run_cli, write_tree

pytest.importorskip("flask")

from indikator.serve import Workspace, create_app  # noqa: E402

LUWU = REPO_ROOT / "definitions" / "luwu-timur"
YTD = "2024-Q1..2024-Q3"

XSS = {
    "pokin.yaml": """\
        versi: 1
        perangkat_daerah: "Dinas <img src=x onerror=alert(2)>"
        variabel:
          - {id: dok, label: "Jumlah <b>dokumen</b>", agregasi_periode: sum}
        elemen:
          - {id: misi-1, tingkat: misi, uraian: "Misi <script>alert(1)</script> & tertib"}
          - id: s1
            tingkat: sasaran_pd
            uraian: "</svg><script>window.__xss = 1</script>"
            mendukung: [misi-1]
            indikator:
              - {id: i1, nama: "Nama <script>x()</script>", satuan: "%", target: 80, rumus: "dok / 50 × 100%"}
        """,
    "data/d.csv": """\
        period,variable,value
        2024-01,dok,20
        2024-02,dok,16
        """,
}


@pytest.fixture()
def luwu(tmp_path: Path) -> Path:
    """A copy of the Luwu Timur example, free to edit."""
    dst = tmp_path / "luwu-timur"
    shutil.copytree(LUWU, dst)
    return dst


def make_client(root: Path, data: list[Path] | None = None, period: str | None = None):
    ws = Workspace(str(root), [str(d) for d in (data if data is not None else [root / "data"])])
    app = create_app(ws, period)
    return app.test_client()


@pytest.fixture()
def client(luwu):
    return make_client(luwu)


def text(resp) -> str:
    return resp.get_data(as_text=True)


# --------------------------------------------------------------------------- pages
def test_tree_page_has_the_chart_and_indonesian_labels(client):
    r = client.get(f"/?period={YTD}")
    assert r.status_code == 200
    body = text(r)
    assert '<svg width="100%" height="100%" class="cascade"' in body
    assert "e_dukcapil.s2" in body and "Capaian 100,75% Sangat Tinggi" in body
    assert "Pohon Kinerja" in body and "Periode" in body and 'lang="id"' in body
    assert 'id="tree-model"' in body
    # coloured by predicate: the permendagri86 green at 0x55 alpha
    assert 'fill="#1a9850" fill-opacity="0.333333"' in body


def test_english_with_the_switch(client):
    body = text(client.get(f"/?period={YTD}&lang=en"))
    assert "Performance tree" in body and 'lang="en"' in body
    assert "Achievement 100.75% Sangat Tinggi" in body
    # links keep the language
    assert "lang=en" in body


def test_period_choices_from_the_data(client):
    body = text(client.get("/"))
    for key in ("2024", "2024-S1", "2024-Q1", "2024-Q3", "2024-Q1..2024-Q2", YTD, "2023"):
        assert f'<option value="{key}"' in body
    assert "s.d. Triwulan III" in body


def test_default_period_is_the_one_most_data_is_for(client):
    body = text(client.get("/"))
    assert f'<option value="{YTD}" selected>' in body


def test_default_period_from_the_command_line(luwu):
    c = make_client(luwu, period="2024-Q3")
    assert '<option value="2024-Q3" selected>' in text(c.get("/"))


def test_unknown_period_is_a_notice_not_a_crash(client):
    r = client.get("/?period=2024-Q9")
    assert r.status_code == 200
    assert "Periode tidak dikenal" in text(r)


def test_element_panel_dukcapil_s2(client):
    r = client.get(f"/element/dukcapil.s2?period={YTD}&partial=1")
    assert r.status_code == 200
    body = text(r)
    assert "<html" not in body                           # a fragment for the panel
    assert "Meningkatnya Cakupan Kepemilikan Dokumen Adminduk" in body
    assert "100,75" in body and "92,16" in body and "92,85" in body and "Sangat Tinggi" in body
    assert "1.346.988.535" in body and "803.755.491" in body      # pagu, realisasi anggaran
    assert "Serapan %" in body and "59,67" in body
    assert "/explain/cakupan_adminduk" in body
    full = text(client.get(f"/element/dukcapil.s2?period={YTD}"))
    assert "<html" in full and "100,75" in full


def test_selected_element_is_rendered_into_the_tree_page(client):
    body = text(client.get(f"/?period={YTD}&sel=dukcapil.s2"))
    assert 'class="element lvl-agency_objective" data-id="dukcapil.s2"' in body


def test_unknown_element_is_404(client):
    assert client.get("/element/nope").status_code == 404
    assert client.get("/explain/nope").status_code == 404


def test_explain_view(client):
    r = client.get(f"/explain/cakupan_kk?period={YTD}")
    assert r.status_code == 200
    body = text(r)
    assert "{Jumlah kepala keluarga tercatat memiliki kartu keluarga}" in body
    assert "99,73" in body and "99,85" in body and "99,88" in body
    assert "variabel data kk_memiliki" in body
    assert "/source/data/dkb_2024_s1.csv?period=2024-Q1..2024-Q3&amp;line=2#L2" in body   # the data row, linked
    assert "permendagri86" in body


def test_explain_for_a_holder(client):
    body = text(client.get(f"/explain/iki_kadis_akta_capil?period={YTD}&entity=196805122000031003"))
    assert "196805122000031003" in body and "90,00" in body


def test_positions_view(client):
    r = client.get(f"/positions?period={YTD}")
    assert r.status_code == 200
    body = text(r)
    assert "jab.kadis" in body and "Contoh Pegawai 1" in body and "196805122000031003" in body
    assert "101,54" in body                                         # IKI KTP-el of the Kepala Dinas
    assert "entity=196805122000031003" in body


def test_check_view_lists_diagnostics_with_file_line_col(luwu):
    # the example passes check --strict; a count unit on a fractional target gives a warning (§7.1)
    f = luwu / "disdukcapil.yaml"
    good = f.read_text(encoding="utf-8")
    slip = good.replace("        satuan: nilai\n        target: {2021: 80.15",
                        "        satuan: dokumen\n        target: {2021: 80.15")
    assert slip != good
    f.write_text(slip, encoding="utf-8")
    body = text(make_client(luwu).get("/check"))
    assert "disdukcapil.yaml:47:24" in body
    assert "count-fraction" in body
    assert "/source/disdukcapil.yaml?line=47#L47" in body or "/source/disdukcapil.yaml?line=47&amp;" in body


def test_source_view_shows_a_definition_file_with_line_numbers(client):
    r = client.get("/source/disdukcapil.yaml?line=99")
    assert r.status_code == 200
    body = text(r)
    assert 'id="L99" class="hl"' in body and "dukcapil.s2" in body


def test_source_view_shows_a_data_file(client):
    r = client.get("/source/data/kinerja_2024.csv")
    assert r.status_code == 200


def test_data_outside_the_definition_folder_gets_its_own_name(tmp_path, luwu):
    data = tmp_path / "elsewhere"
    shutil.move(str(luwu / "data"), data)
    c = make_client(luwu, [data])
    assert c.get("/source/data-1/kinerja_2024.csv").status_code == 200
    assert "100,75" in text(c.get(f"/element/dukcapil.s2?period={YTD}&partial=1"))


@pytest.mark.parametrize("lang", ["id", "en"])
def test_every_page_renders_with_no_missing_words(client, lang, luwu):
    """StrictUndefined: a label missing from one language would fail here instead of showing blank."""
    from jinja2 import StrictUndefined

    client.application.jinja_env.undefined = StrictUndefined
    p = f"period={YTD}&lang={lang}"
    for url in (f"/?{p}", f"/?{p}&sel=dukcapil.s2", f"/?{p}&sel=jab.kadis", f"/element/dukcapil.s2?{p}&partial=1",
                f"/element/jab.kadis?{p}", f"/explain/cakupan_adminduk?{p}", f"/summary?{p}&partial=1",
                f"/explain/iki_kadis_ktp_el?{p}&entity=196805122000031003", f"/positions?{p}", f"/check?{p}",
                f"/source/disdukcapil.yaml?{p}&line=3", f"/?{p}&depth=1", f"/?{p}&root=dukcapil.s2"):
        assert client.get(url).status_code == 200, url
    assert client.get(f"/nope?{p}").status_code == 404
    (luwu / "extra.yaml").write_text("versi: 1\nelemen: [\n", encoding="utf-8")
    assert "extra.yaml" in text(client.get(f"/?{p}"))


# --------------------------------------------------------------------------- safety
TRAVERSALS = [
    "/source/../../etc/passwd",
    "/source/..%2F..%2Fetc%2Fpasswd",
    "/source/%2e%2e/%2e%2e/%2e%2e/etc/passwd",
    "/source/%2E%2E%2F%2E%2E%2Fetc%2Fpasswd",
    "/source//etc/passwd",
    "/source/%2Fetc%2Fpasswd",
    "/source/etc/passwd",
    "/source/data/../../../../etc/passwd",
    "/source/data/..%2F..%2Fpyproject.toml",
    "/source/README.md",                     # inside the folder, but not a definition or data file
    "/source/disdukcapil.yaml/../../README.md",
    "/static/../app.py",
    "/static/%2e%2e/app.py",
    "/static/..%2Froutes.py",
    "/static//etc/passwd",
    "/static/%2Fetc%2Fpasswd",
]


@pytest.mark.parametrize("url", TRAVERSALS)
def test_path_traversal_is_refused(client, url):
    r = client.get(url)
    if r.status_code == 308:            # Werkzeug merges a doubled slash: a redirect inside the app, then 404
        assert r.headers["Location"].startswith(("http://localhost/source/", "http://localhost/static/"))
        r = client.get(url, follow_redirects=True)
    assert r.status_code in (404, 400), (url, r.status_code)
    body = r.get_data()
    assert b"root:" not in body and b"def create_app" not in body and b"[project]" not in body


def test_raw_dotdot_request_on_the_real_server(luwu):
    """The test client may tidy a path; a raw request line reaches the router exactly as sent."""
    import socket
    import threading

    from indikator.serve import make_server

    app = create_app(Workspace(str(luwu), [str(luwu / "data")]))
    server = make_server(app, "127.0.0.1", 0)
    t = threading.Thread(target=server.serve_forever, daemon=True)
    t.start()
    try:
        for path in ("/source/../../../../etc/passwd", "/source/%2e%2e/%2e%2e/%2e%2e/etc/passwd",
                     "/static/../workspace.py", "/source//etc/passwd"):
            with socket.create_connection(("127.0.0.1", server.server_port), timeout=10) as s:
                s.sendall(f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n".encode())
                data = b""
                while chunk := s.recv(65536):
                    data += chunk
            status = data.split(b"\r\n", 1)[0]
            assert b" 404 " in status or b" 400 " in status or b" 308 " in status, (path, status)
            assert b"root:" not in data and b"class Workspace" not in data
    finally:
        server.shutdown()
        server.server_close()


def test_symlink_out_of_the_folder_is_not_served(tmp_path, luwu):
    secret = tmp_path / "secret.csv"
    secret.write_text("period,variable,value\n2024,x,1\n", encoding="utf-8")
    os.symlink(secret, luwu / "data" / "link.csv")
    c = make_client(luwu)
    assert c.get("/source/data/link.csv").status_code == 404


def test_only_get_routes(client):
    app = client.application
    for rule in app.url_map.iter_rules():
        assert rule.methods <= {"GET", "HEAD", "OPTIONS"}, rule
    for method in ("post", "put", "delete", "patch"):
        for url in ("/", "/element/dukcapil.s2", "/download/report.html", "/source/disdukcapil.yaml"):
            assert getattr(client, method)(url).status_code == 405, (method, url)


def test_nothing_is_written(client, luwu):
    before = sorted((str(p), p.stat().st_mtime_ns) for p in luwu.rglob("*"))
    for url in ("/", f"/download/report.html?period={YTD}", f"/download/report.xlsx?period={YTD}",
                f"/download/chart.svg?period={YTD}", f"/download/chart.pdf?period={YTD}", "/positions", "/check"):
        assert client.get(url).status_code == 200, url
    after = sorted((str(p), p.stat().st_mtime_ns) for p in luwu.rglob("*"))
    assert before == after


def test_script_in_statements_is_shown_as_text(tmp_path):
    root = write_tree(tmp_path / "xss", XSS)
    c = make_client(root, period="2024-Q1")
    for url in ("/", "/element/s1", "/element/s1?partial=1", "/explain/i1", "/check", "/positions",
                "/source/pokin.yaml", "/download/chart.svg", "/download/report.html"):
        r = c.get(url)
        assert r.status_code == 200, url
        body = text(r)
        assert "<script>alert" not in body and "<script>window" not in body and "<script>x()" not in body, url
        assert "<img src=x" not in body and "<b>dokumen" not in body, url
    tree = text(c.get("/"))
    assert "&lt;/svg&gt;&lt;script&gt;window.__xss = 1&lt;/script&gt;" in tree
    assert "\\u003cscript\\u003e" in tree                 # the search index, escaped inside <script type=json>
    panel = text(c.get("/element/s1?partial=1"))
    assert "&lt;/svg&gt;&lt;script&gt;window.__xss = 1&lt;/script&gt;" in panel


def test_security_headers(client):
    r = client.get("/")
    assert "script-src 'self'" in r.headers["Content-Security-Policy"]
    assert r.headers["X-Content-Type-Options"] == "nosniff"
    assert r.headers["X-Frame-Options"] == "DENY"


def test_other_host_names_are_refused_on_loopback(client):
    assert client.get("/", headers={"Host": "evil.example"}).status_code == 400
    assert client.get("/", headers={"Host": "127.0.0.1:8000"}).status_code == 200
    assert client.get("/", headers={"Host": "localhost:8000"}).status_code == 200


def test_any_host_name_when_bound_to_all_interfaces(luwu):
    app = create_app(Workspace(str(luwu), [str(luwu / "data")]), host="0.0.0.0")
    assert app.test_client().get("/", headers={"Host": "pc-perencana.local"}).status_code == 200


def test_static_assets_come_from_the_package(client):
    r = client.get("/static/svg-pan-zoom.min.js")
    assert r.status_code == 200 and b"svg-pan-zoom v3.6.2" in r.get_data()
    assert client.get("/static/app.js").status_code == 200
    body = text(client.get("/"))
    assert "http://" not in body.split("<svg", 1)[0].replace('xmlns="http://www.w3.org', "")
    assert "https://" not in body


# --------------------------------------------------------------------------- downloads
def test_downloads(client):
    r = client.get(f"/download/report.html?period={YTD}")
    assert r.status_code == 200 and r.mimetype == "text/html"
    assert 'attachment; filename="laporan-kinerja-luwu-timur-2024-Q1__2024-Q3.html"' == r.headers["Content-Disposition"]
    assert "100,75" in text(r)
    r = client.get(f"/download/report.xlsx?period={YTD}")
    assert r.status_code == 200
    assert zipfile.is_zipfile(io.BytesIO(r.get_data()))
    r = client.get(f"/download/chart.svg?period={YTD}")
    assert r.status_code == 200 and r.get_data().lstrip().startswith(b"<?xml")
    assert 'filename="pohon-kinerja-luwu-timur-2024-Q1__2024-Q3.svg"' in r.headers["Content-Disposition"]
    r = client.get(f"/download/chart.pdf?period={YTD}&root=dukcapil.s2")
    assert r.status_code == 200 and r.get_data().startswith(b"%PDF")
    assert client.get("/download/report.exe").status_code == 404
    assert client.get("/download/secrets.html").status_code == 404


def test_report_in_english(client):
    r = client.get(f"/download/report.html?period={YTD}&lang=en")
    assert "100.75" in text(r)


# --------------------------------------------------------------------------- views of the tree
def test_branch_and_depth(client):
    body = text(client.get(f"/?period={YTD}&root=dukcapil.s2&depth=1"))
    assert "e_dukcapil.s2" in body and "e_prog.capil" in body
    assert "<title>e_visi</title>" not in body and "<title>e_keg.pelayanan_capil</title>" not in body
    body = text(client.get(f"/?period={YTD}&depth=1"))
    assert "<title>e_visi</title>" in body and "<title>e_dukcapil.s2</title>" not in body
    body = text(client.get(f"/?period={YTD}&agency=*region"))
    assert "<title>e_visi</title>" in body and "<title>e_dukcapil.s2</title>" not in body


def test_unknown_root_shows_the_whole_tree(client):
    assert "<title>e_visi</title>" in text(client.get("/?root=nope"))


def test_large_tree_starts_with_its_top_levels(tmp_path):
    from indikator.serve.tree import LARGE_TREE

    lines = ["versi: 1", "elemen:", "  - {id: v, tingkat: visi, uraian: Visi}"]
    lines += [f"  - {{id: m{i}, tingkat: misi, uraian: Misi {i}, mendukung: [v]}}" for i in range(5)]
    lines += [f"  - {{id: t{i}, tingkat: tujuan, uraian: Tujuan {i}, mendukung: [m{i % 5}], capaian: anak}}"
              for i in range(LARGE_TREE)]
    root = write_tree(tmp_path / "big", {"a.yaml": "\n".join(lines) + "\n"}, dedent=False)
    c = make_client(root, data=[])
    body = text(c.get("/"))
    assert "<title>e_m4</title>" in body and "<title>e_t0</title>" not in body
    assert f"6 elemen" in body                    # the notice: how many of how many are drawn
    assert "<title>e_t0</title>" in text(c.get("/?depth=all"))
    # search still finds what is not drawn
    assert '"id": "t7"' in body or '"id":"t7"' in body


# --------------------------------------------------------------------------- live files
def test_edit_break_and_fix_a_yaml_file(client, luwu):
    f = luwu / "disdukcapil.yaml"
    good = f.read_text(encoding="utf-8")
    assert "e_dukcapil.s2" in text(client.get(f"/?period={YTD}"))
    broken = good.replace("tingkat: sasaran_strategis\n    uraian: Meningkatnya Cakupan",
                          "tingkat: sasaran_strategiss\n    uraian: Meningkatnya Cakupan")
    assert broken != good
    f.write_text(broken, encoding="utf-8")
    body = text(client.get(f"/?period={YTD}"))
    assert "Definisi atau data tidak lolos pemeriksaan" in body
    assert "disdukcapil.yaml:100:14" in body and "sasaran_strategiss" in body
    assert "e_dukcapil.s2" not in body                         # no stale tree
    for url in ("/element/dukcapil.s2", "/positions", "/explain/cakupan_kk"):
        assert "disdukcapil.yaml:100:14" in text(client.get(url))
    assert client.get("/download/chart.svg").status_code == 409
    f.write_text(good, encoding="utf-8")
    body = text(client.get(f"/?period={YTD}"))
    assert "e_dukcapil.s2" in body and "tidak lolos" not in body


def test_yaml_syntax_error_and_a_new_file(client, luwu):
    (luwu / "extra.yaml").write_text("versi: 1\nelemen:\n  - {id: x, tingkat: misi\n", encoding="utf-8")
    body = text(client.get("/"))
    assert "extra.yaml:" in body and "tidak lolos" in body
    (luwu / "extra.yaml").unlink()
    assert "tidak lolos" not in text(client.get("/"))


def test_data_edit_changes_the_figures(client, luwu):
    assert "100,75" in text(client.get(f"/element/dukcapil.s2?period={YTD}&partial=1"))
    csvs = list((luwu / "data").glob("*.csv"))
    for f in csvs:
        t = f.read_text(encoding="utf-8")
        if "kk_memiliki" in t:
            f.write_text(t.replace("99946", "89946"), encoding="utf-8")
            os.utime(f, ns=(f.stat().st_atime_ns, f.stat().st_mtime_ns + 2_000_000_000))
    assert "100,75" not in text(client.get(f"/element/dukcapil.s2?period={YTD}&partial=1"))


def test_bad_data_shows_its_error(client, luwu):
    f = luwu / "data" / "kinerja_2024.csv"
    lines = f.read_text(encoding="utf-8").splitlines()
    lines.append(lines[-1].rsplit(",", 1)[0] + ",92,85")
    f.write_text("\n".join(lines) + "\n", encoding="utf-8")
    body = text(client.get("/"))
    assert "tidak lolos" in body and "kinerja_2024.csv:" in body


def test_the_page_survives_a_crash_in_a_view(client, monkeypatch, caplog):
    from indikator.serve import routes

    def boom(*a, **k):
        raise RuntimeError("kaboom")

    monkeypatch.setattr(routes, "tree_svg", boom)
    r = client.get("/")
    assert r.status_code == 500 and "Terjadi kesalahan" in text(r)
    assert any("kaboom" in rec.getMessage() or (rec.exc_info and "kaboom" in str(rec.exc_info[1]))
               for rec in caplog.records)
    monkeypatch.undo()
    assert client.get("/").status_code == 200


def test_missing_folder_is_an_error_page(tmp_path):
    c = make_client(tmp_path / "nothing", data=[])
    r = c.get("/")
    assert r.status_code == 200 and "tidak lolos" in text(r)


def test_no_data_shows_the_tree_without_figures(luwu):
    c = make_client(luwu, data=[])
    r = c.get("/")
    assert r.status_code == 200 and "e_dukcapil.s2" in text(r)
    panel = text(c.get("/element/dukcapil.s2?partial=1&period=2024"))
    assert "92,16" in panel and "100,75" not in panel          # targets, no realisasi


# --------------------------------------------------------------------------- command line
def test_serve_help_and_defaults():
    r = run_cli("serve", "--help")
    assert r.exit_code == 0
    assert "127.0.0.1" in r.output and "--port" in r.output and "--data" in r.output


def test_serve_refuses_a_missing_path(tmp_path):
    r = run_cli("serve", str(tmp_path / "nope"))
    assert r.exit_code == 2 and "no such file or folder" in r.output


def test_serve_refuses_a_bad_period(luwu):
    r = run_cli("serve", str(luwu), "--period", "2024-Q5")
    assert r.exit_code == 2


# --------------------------------------------------------------------------- packaging
def test_every_template_and_static_file_is_package_data():
    import fnmatch
    import tomllib

    conf = tomllib.loads((REPO_ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]
    assert "indikator.serve" in conf["packages"]
    globs = conf["package-data"]["indikator.serve"]
    base = REPO_ROOT / "indikator" / "serve"
    files = [p.relative_to(base).as_posix() for sub in ("templates", "static") for p in (base / sub).iterdir()
             if p.is_file()]
    assert files
    for f in files:
        assert any(fnmatch.fnmatch(f, g) for g in globs), f"{f} would be left out of the installed package"


def test_installed_package_has_the_pages(tmp_path):
    import json
    import subprocess
    import sys

    probe = ("import json, importlib.resources, indikator\n"
             "s = importlib.resources.files('indikator.serve')\n"
             "print(json.dumps({'file': indikator.__file__, 'tree': s.joinpath('templates/tree.html').is_file(),"
             " 'js': s.joinpath('static/svg-pan-zoom.min.js').is_file()}))\n")
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    proc = subprocess.run([sys.executable, "-c", probe], cwd=tmp_path, env=env, capture_output=True, text=True)
    if proc.returncode != 0 and "No module named 'indikator'" in proc.stderr:
        pytest.skip("indikator is not installed in this interpreter (tests run from the checkout)")
    assert proc.returncode == 0, proc.stderr
    info = json.loads(proc.stdout)
    if Path(info["file"]).resolve().is_relative_to(REPO_ROOT / "indikator"):   # (a .venv inside the checkout is fine)
        pytest.skip("indikator is installed in editable mode; nothing separate to check")
    assert info["tree"] and info["js"], info


@pytest.mark.parametrize("lang, words", [("id", "galat internal saat memuat"), ("en", "internal error while loading")])
def test_an_internal_error_while_loading_is_a_page_in_the_language(luwu, monkeypatch, lang, words):
    """A bug in loading never takes the server down: the page names it, in the page's language."""
    import indikator.load as load_pkg

    def broken(*args, **kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr(load_pkg, "load_definitions", broken)
    r = make_client(luwu).get(f"/?lang={lang}")
    assert r.status_code == 200 and words in text(r) and "boom" in text(r), text(r)[:500]
