"""``--lang id`` speaks Indonesian (PRODUCT.md §12): check, eval, explain, report and serve.

"An English sentence" is defined by words: the English words our messages are made of
(function words such as *the*, *is*, *has*, *of*, *for*, *with*, and the message words
*missing*, *undefined*, *error*, *warning*, *cannot*, *must*, *supports*, *unknown*…).
None of them may occur as a word in the Indonesian output. What the planner wrote (ids,
names, labels), file names and the formula language's own names (``avg()``, ``.actual``)
are not sentences and are taken out before looking. Each test also checks that the same
run in English does contain such words, so the check can fail.
"""
from __future__ import annotations

import html
import re
import shutil
from pathlib import Path

import pytest

from helpers import REPO_ROOT, run_cli, write_tree

LUWU = REPO_ROOT / "definitions" / "luwu-timur"
PERIOD = "2024-Q1..2024-Q3"

ENGLISH = {
    "the", "is", "are", "has", "have", "of", "for", "with", "from", "which", "this", "that", "its", "it",
    "be", "been", "in", "on", "at", "to", "by", "and", "or", "but", "nor", "neither", "either", "not",
    "cannot", "must", "should", "only", "each", "every", "none", "both", "more", "than",
    "missing", "undefined", "error", "errors", "warning", "warnings", "unknown", "supports", "support",
    "element", "elements", "indicator", "indicators", "files", "file", "wrote", "skipped", "used",
    "left", "mean", "weights", "division", "zero", "value", "values", "actual", "achievement", "formula",
    "period", "entity", "holder", "holders", "position", "nothing", "evaluated", "given", "exactly",
    "over", "points", "inside", "rounded", "scale", "applied", "last", "method", "polarity", "cap",
    "summary", "budget", "spent", "ceiling", "efficiency", "absorption", "objective", "agency", "notes",
    "level", "name", "unit", "source", "sources", "total", "overall", "report", "tree", "previous",
}
WORD = re.compile(r"[A-Za-z]+")


def english_words(text: str, own: set[str]) -> set[str]:
    """The English message words in ``text``, after taking out what the planner wrote (``own``),
    quoted names ('…' and “…”), paths and the formula language's names."""
    text = re.sub(r"<(script|style)[^>]*>.*?</\1>", " ", text, flags=re.S)   # a web page: its text only
    text = html.unescape(re.sub(r"<[^>]+>", " ", text))
    for s in sorted(own, key=len, reverse=True):
        text = text.replace(s, " ")
    text = re.sub(r"'[^'\n]*'|“[^”\n]*”|\{[^}\n]*\}", " ", text)      # quoted ids, labels
    text = re.sub(r"(maksud Anda|did you mean): [^?\n]*\?", " ", text)  # suggested names
    text = re.sub(r"\S+\.(?:yaml|yml|csv|md|html|xlsx|json)\S*", " ", text)
    text = re.sub(r"\w+\(\)|\.\b(?:actual|target|achievement)\b", " ", text)
    text = re.sub(r"\w*_\w*|\w+(?:-\w+)+", " ", text)     # keys, ids, codes: grade_scale, agency_objective, no-source
    text = re.sub(r"--[\w-]+", " ", text)                                  # command-line options: --entity
    return {w for w in WORD.findall(text) if w.lower() in ENGLISH}


def planner_words(root: Path) -> set[str]:
    """Every scalar the planner wrote in the definitions and data (names, statements, labels…)."""
    import csv

    import yaml

    out: set[str] = set()

    def walk(x):
        if isinstance(x, dict):
            for k, v in x.items():
                walk(v)
        elif isinstance(x, list):
            for v in x:
                walk(v)
        elif isinstance(x, str) and len(x) > 1:
            out.add(x)

    for f in sorted(root.rglob("*.yaml")):
        text = f.read_text(encoding="utf-8")
        walk(yaml.safe_load(text))
        out.update(line.strip() for line in text.splitlines() if len(line.strip()) > 1)   # check's excerpts
    for f in sorted(root.rglob("*.csv")):
        with open(f, encoding="utf-8-sig") as fh:
            for row in csv.reader(fh):
                out.update(c for c in row if len(c) > 1)
    out.update(("Perangkat Daerah", "Sangat Tinggi", "Tinggi", "Sedang", "Rendah", "Sangat Rendah"))
    out.update(("position", "vision", "mission"))        # level ids: the YAML's vocabulary (levels: …)
    return out


@pytest.fixture(scope="module")
def luwu(tmp_path_factory) -> Path:
    dst = tmp_path_factory.mktemp("lang") / "luwu-timur"
    shutil.copytree(LUWU, dst)
    return dst


def both(args: list[str], cwd: Path | None = None) -> tuple[str, str]:
    out = {}
    for lang in ("id", "en"):
        r = run_cli(*args, "--lang", lang, cwd=cwd)
        assert r.exit_code in (0, 1), r.output
        out[lang] = r.output
    return out["id"], out["en"]


def assert_indonesian(id_text: str, en_text: str, own: set[str]) -> None:
    assert english_words(en_text, own), "the English run shows no English words: the check could not fail"
    found = english_words(id_text, own)
    where = [line for line in id_text.splitlines() if any(re.search(rf"\b{w}\b", line) for w in found)]
    assert not found, (sorted(found), "\n".join(where[:20]))


BROKEN = {
    "a.yaml": """\
        version: 1
        agency: Dinas Uji
        variables:
          - {id: x, label: Jumlah X}
        elements:
          - id: s1
            level: agency_objective
            statement: Sasaran satu
            supports: [tidak_ada]
            owner: kepala
            indicators:
              - {id: i1, name: Indikator satu, target: 100, formula: "x + y_salah"}
              - {id: i2, name: Indikator dua, target: 100, formula: "i3 * 2"}
              - {id: i3, name: Indikator tiga, target: 100, formula: "i2 / 2"}
              - {id: i4, name: Indikator empat, target: BB}
              - {id: i5, name: Indikator lima, target: 1, formula: "x +"}
              - {id: i6, name: Indikator enam, target: 1, formula: "rerata(x) AND x"}
          - id: p1
            level: program
            statement: Program satu
            supports: [s1]
          - id: kepala
            level: position
            statement: Kepala
        """,
}


def test_check_in_indonesian(tmp_path):
    root = write_tree(tmp_path / "defs", BROKEN)
    id_text, en_text = both(["check", str(root)])
    assert "galat" in id_text and "peringatan" in id_text
    assert_indonesian(id_text, en_text, planner_words(root) | {str(root)})


def test_check_json_keeps_codes_and_speaks_indonesian(tmp_path):
    import json

    root = write_tree(tmp_path / "defs", BROKEN)
    r = run_cli("check", str(root), "--format", "json", "--lang", "id")
    recs = json.loads(r.output)
    assert {"unknown-name", "cycle", "unknown-reference"} <= {d["code"] for d in recs}
    own = planner_words(root)
    assert not english_words(" ".join(d["message"] for d in recs), own)


def test_eval_in_indonesian(luwu):
    args = ["eval", str(luwu), "--data", str(luwu / "data"), "--period", PERIOD]
    id_text, en_text = both(args)
    assert "Capaian" in id_text
    assert_indonesian(id_text, en_text, planner_words(luwu))


def test_eval_json_messages_in_indonesian(luwu):
    import json

    r = run_cli("eval", str(luwu), "--data", str(luwu / "data"), "--period", PERIOD, "--format", "json",
                "--lang", "id")
    doc = json.loads(r.output)
    messages = [m for rec in doc["indicators"] + doc["elements"] for m in rec["messages"]]
    assert messages, "the example has no messages: nothing checked"
    assert not english_words("\n".join(messages), planner_words(luwu))


@pytest.mark.parametrize("indicator", ["cakupan_adminduk", "ikm", "nilai_sakip_daerah", "iki_kadis_ktp_el"])
def test_explain_in_indonesian(luwu, indicator):
    args = ["explain", str(luwu), indicator, "--data", str(luwu / "data"), "--period", PERIOD]
    id_text, en_text = both(args)
    assert "capaian" in id_text
    assert_indonesian(id_text, en_text, planner_words(luwu))


def document_text(path: Path) -> str:
    """The words of a written report or chart: text files as they are, Word's paragraphs, tables,
    headers and footers (with the page-number field's words), every XLSX cell and sheet name."""
    if path.suffix == ".docx":
        import docx

        doc = docx.Document(str(path))
        parts = [p.text for p in doc.paragraphs]
        parts += [c.text for t in doc.tables for row in t.rows for c in row.cells]
        parts += [p.text for s in doc.sections for p in s.footer.paragraphs + s.header.paragraphs]
        return "\n".join(parts)
    if path.suffix == ".xlsx":
        import openpyxl

        wb = openpyxl.load_workbook(str(path))
        return "\n".join([ws.title for ws in wb] + [str(c.value) for ws in wb for row in ws.iter_rows()
                                                     for c in row if isinstance(c.value, str)])
    return path.read_text(encoding="utf-8")


@pytest.mark.parametrize("ext", [".md", ".html", ".docx", ".xlsx"])
def test_report_in_indonesian(luwu, tmp_path, ext):
    texts = {}
    for lang in ("id", "en"):
        out = tmp_path / f"lkjip-{lang}{ext}"
        r = run_cli("report", str(luwu), "--data", str(luwu / "data"), "--period", PERIOD, "-o", str(out),
                    "--lang", lang)
        assert r.exit_code == 0, r.output
        texts[lang] = document_text(out) + r.output
    assert_indonesian(texts["id"], texts["en"], planner_words(luwu) | {str(tmp_path)})


def test_chart_in_indonesian(luwu, tmp_path):
    """render's boxes (levels, the achievement word, the indicator table's header) in --lang."""
    texts = {}
    for lang in ("id", "en"):
        out = tmp_path / f"chart-{lang}.dot"
        r = run_cli("render", str(luwu), "--data", str(luwu / "data"), "--period", PERIOD, "-o", str(out),
                    "--lang", lang)
        assert r.exit_code == 0, r.output
        texts[lang] = re.sub(r"""<[^>]*>|\b\w+="[^"]*"|\w+=\w+""", " ", document_text(out)) + r.output
    assert "Capaian" in texts["id"] and "Realisasi" in texts["id"]
    assert_indonesian(texts["id"], texts["en"], planner_words(luwu) | {str(tmp_path)})


def test_serve_pages_in_indonesian(luwu):
    pytest.importorskip("flask")
    from indikator.load import load_definitions
    from indikator.serve import Workspace, create_app

    dset, _ = load_definitions(str(luwu))
    ind = next(iter(dset.indicators))
    el = next(iter(dset.elements))
    pages = ["/", "/summary", "/positions", "/check", f"/element/{el}", f"/explain/{ind}"]
    own = planner_words(luwu)
    texts = {}
    for lang in ("id", "en"):
        app = create_app(Workspace(str(luwu), [str(luwu / "data")]), PERIOD, lang=lang)
        client = app.test_client()
        body = []
        for page in pages:
            r = client.get(page + f"?period={PERIOD}")
            assert r.status_code == 200, page
            body.append(r.get_data(as_text=True))
        texts[lang] = "\n".join(body)
    assert_indonesian(texts["id"], texts["en"], own)


def test_serve_switches_to_indonesian_when_english_is_its_default(luwu):
    """serve --lang en: the page's ID link leads to Indonesian and its links stay Indonesian (the
    ID link used to drop ?lang=, which meant serve's own default: English again)."""
    pytest.importorskip("flask")
    from indikator.serve import Workspace, create_app

    app = create_app(Workspace(str(luwu), [str(luwu / "data")]), PERIOD, lang="en")
    client = app.test_client()
    page = client.get("/").get_data(as_text=True)
    id_link = html.unescape(re.search(r'<a href="([^"]+)"[^>]*hreflang="id"', page).group(1))
    assert "lang=id" in id_link
    page_id = client.get(id_link).get_data(as_text=True)
    assert "Pohon Kinerja" in page_id
    en_link = html.unescape(re.search(r'<a href="([^"]+)"[^>]*hreflang="en"', page_id).group(1))
    assert "lang=" not in en_link            # English is this server's default: no parameter
    links = [html.unescape(h) for h in re.findall(r'href="(/[^"#]*)"', page_id)]
    links = [h for h in links if not h.startswith("/static") and h != en_link]
    assert links and all("lang=id" in h for h in links), links


# ---------------------------------------------------------------------------- usage errors and the boundary
USAGE_CASES = [   # (before --lang, after it): click's own usage errors, each of its kinds
    (["check"], ["--nope", "x"]),                                  # no such option (with a close match)
    (["check"], []),                                               # missing argument
    (["eval"], ["x", "--period", "2024", "--format", "xx"]),       # not one of the choices
    (["evl"], []),                                                 # no such command
    (["template"], ["x", "--period", "99"]),                       # out of range
    (["template"], ["x", "--period", "dua"]),                      # not an integer
    (["check"], ["a", "b"]),                                       # an extra argument
    (["check"], ["--strict=3", "x"]),                              # a flag given a value
    (["eval"], ["x", "--period"]),                                 # an option without its value
    (["report"], ["x", "--period", "2024", "--date", "2024-13-01", "-o", "r.md"]),   # not a date
    (["audit"], ["t.csv", "--format", "xlsx"]),                    # our own usage error (audit)
]
CLICK_ENGLISH = re.compile(r"\b(Usage|Try|Error|No such|Missing|Invalid|Got unexpected|requires|"
                           r"does not|is not)\b")


@pytest.mark.parametrize("head, tail", USAGE_CASES)
def test_usage_errors_speak_the_runs_language(head, tail):
    """click's frame and messages in Indonesian under --lang id — although the environment
    (conftest: INDIKATOR_LANG=en) says English: the boundary follows --lang — and in English
    under --lang en."""
    said = {}
    for lang in ("id", "en"):
        r = run_cli(*head, "--lang", lang, *tail)
        assert r.exit_code == 2, r.output
        said[lang] = r.output
    assert CLICK_ENGLISH.search(said["en"]), said["en"]
    assert not CLICK_ENGLISH.search(said["id"]), said["id"]
    assert "Galat:" in said["id"] and "Error:" in said["en"]
    assert_indonesian(said["id"], said["en"], set(head))      # the command's own name is no sentence


def test_usage_errors_keep_their_facts():
    r = run_cli("check", "--lang", "id", "--no-cach", "x")
    assert "Opsi '--no-cach' tidak dikenal. Maksud Anda '--no-cache'?" in r.output
    assert r.output.startswith("Penggunaan: ") and "check [OPSI] JALUR" in r.output
    r = run_cli("eval", "--lang=id", "x", "--period", "2024", "--format", "xx")     # --lang=id spelled so too
    assert "Nilai tidak sah untuk '--format': 'xx' bukan salah satu dari 'table', 'json', 'csv'." in r.output
    r = run_cli("evl", "--lang", "id")
    assert "Perintah 'evl' tidak dikenal. Maksud Anda 'eval'?" in r.output


@pytest.mark.parametrize("lang, said", [("id", "versi"), ("en", "version")])
def test_version_in_the_runs_language(lang, said):
    from importlib.metadata import version

    r = run_cli("--lang", lang, "--version")
    assert r.exit_code == 0 and r.output.strip().endswith(f"{said} {version('indikator')}"), r.output


@pytest.mark.parametrize("before, after, expect", [
    (["--lang", "en"], [], "error: no such file or folder"),
    (["--lang", "id"], [], "galat: berkas atau folder tidak ada"),
    (["--lang", "id"], ["--lang", "en"], "error: no such file or folder"),   # the command's own, as given last
])
def test_lang_before_the_command_is_the_commands_default(before, after, expect, tmp_path):
    r = run_cli(*before, "check", str(tmp_path / "nothing"), *after)
    assert r.exit_code == 1 and expect in r.output, r.output


def test_the_boundary_follows_lang_not_the_environment(monkeypatch, tmp_path):
    """An output that cannot be written is the boundary's message: in --lang's language whatever
    INDIKATOR_LANG says."""
    out = str(tmp_path / "no-such-folder" / "x.json")
    args = ["eval", str(LUWU), "--data", str(LUWU / "data"), "--period", PERIOD, "--format", "json", "-o", out]
    for env, lang, expect, other in (("en", "id", "galat: tidak dapat menulis", "error:"),
                                     ("id", "en", "error: cannot write", "galat:")):
        monkeypatch.setenv("INDIKATOR_LANG", env)
        r = run_cli(*args, "--lang", lang)
        assert r.exit_code == 1
        assert expect in r.output and other not in r.output, r.output


# ---------------------------------------------------------------------------- --help
def _commands():
    from indikator.cli import main

    return main, sorted(main.commands)


@pytest.mark.parametrize("command", [None] + _commands()[1])
def test_help_in_indonesian(command, monkeypatch):
    """``--help`` under --lang id (the group: under INDIKATOR_LANG=id, it has no --lang):
    click's frame and our help texts in Indonesian; under en, click's own."""
    said = {}
    for lang in ("id", "en"):
        monkeypatch.setenv("INDIKATOR_LANG", lang)
        args = [command, "--help", "--lang", lang] if command else ["--help"]
        r = run_cli(*args)
        assert r.exit_code == 0, r.output
        said[lang] = r.output
    frame = re.compile(r"\b(Usage|Options|Commands|Show this message|default)\b")
    assert frame.search(said["en"]) and not frame.search(said["id"]), said["id"]
    assert "Penggunaan:" in said["id"]
    placeholders = re.compile(r"\b(OPTIONS|COMMAND|ARGS|PATH|TEXT|INTEGER|RANGE|YEAR|DIRECTORY|INDICATOR|SHEET|TABLE|OUT"
                              r"|OUT_DIR|FORM)\b")
    assert not placeholders.search(said["id"]), placeholders.findall(said["id"])
    assert placeholders.search(said["en"])
    own = set(_commands()[1]) | {"python -m indikator", "main", "INDIKATOR", "INDICATOR", "position,id,name"}   # metavars, column names
    values = re.compile(r"\[[\w|.-]+\]|(?:bawaan|default): \w+")       # an option's choices and default values
    assert_indonesian(values.sub(" ", said["id"]), values.sub(" ", said["en"]), own)


def test_every_help_text_is_in_the_catalog():
    """Each help text given to click has its catalog code, whose English is that very text (so
    the Indonesian one is a translation of what English users read)."""
    import click

    from indikator.cli.usage import command_help, option_help

    main, names = _commands()
    missing = []
    for name in [None] + names:
        cmd = main if name is None else main.commands[name]
        ctx = click.Context(cmd, info_name=name or "main")
        if command_help(cmd.name, cmd.help or "", "en") != (cmd.help or "") or \
                command_help(cmd.name, cmd.help or "", "id") == cmd.help:
            missing.append(f"{name}: its help")
        for p in cmd.get_params(ctx):
            text = getattr(p, "help", None)
            if not text or p is cmd.get_help_option(ctx) or p.name == "version":
                continue
            if option_help(cmd.name, p, text, "en") != text or option_help(cmd.name, p, text, "id") == text \
                    and not text.startswith(("OUT:", "FORM.")):
                missing.append(f"{name} {p.name}")
    assert not missing, missing


# -- a planner's bad data files, each format, and the roster (issue 11: the data readers) -------

#: what the bad files below hold that the planner wrote (cells, headers): not sentences
BAD_CELLS = {"entitaz", "abc", "nilai", "periode", "variabel", "entitas", "jabatan", "nip", "nama", "extra",
             "Pegawai", "TW I", "TW II", "Target", "Realisasi", "tahun"}


def _bad_csv(d: Path) -> list[Path]:
    path = d / "data.csv"
    path.write_text("periode,variabel,nilai,entitaz\n"
                    "2024-13,ipm,1,\n"                # a period that is none
                    "2024-Q1,,92,\n"                  # no variable
                    "2024-Q1,ipm,92,85,\n"            # an unquoted decimal comma: a field too many
                    "2024-Q1,ipm\n"                   # a field too few
                    "2024-Q1,ipm,1,2,3\n", encoding="utf-8")
    path2 = d / "quote.csv"
    path2.write_text("periode,variabel,nilai\n2024-Q3,ipm,\"1\n", encoding="utf-8")   # a quote never closed
    path3 = d / "kosong.csv"
    path3.write_text("\n", encoding="utf-8")
    path4 = d / "latin.csv"
    path4.write_bytes("periode,variabel,nilai\n2024-Q1,ipm,1\n2024-Q1,k\xe9,2\n".encode("latin-1"))
    return [path, path2, path3, path4]


def _bad_csv_values(d: Path) -> list[Path]:
    path = d / "values.csv"
    path.write_text("periode,variabel,nilai,catatan\n2024-Q1,ipm,abc,\n2024-Q1,ipm,4.624,\n2024-Q2,ipm,nan,\n"
                    "2024-Q2,ipm,\"1,5,\"\n,ipm,1,\n2024-Q3,ipm,1e999,\n", encoding="utf-8")
    return [path]


def _duplicates(d: Path) -> list[Path]:
    a, b = d / "a.csv", d / "b.csv"
    a.write_text("periode,variabel,nilai\n2024-Q1,ipm,1\n2024-Q1,ipm,2\n", encoding="utf-8")
    b.write_text("periode,variabel,nilai,entitas\n2024-Q1,ipm,3,\n2024-Q2,ipm,3,x\n2024-Q2,ipm,3,x\n",
                 encoding="utf-8")
    return [a, b]


def _unknown_extension(d: Path) -> list[Path]:
    path = d / "c.txt"
    path.write_text("periode,variabel,nilai\n", encoding="utf-8")
    return [path]


def _bad_xlsx(d: Path) -> list[Path]:
    import datetime

    import openpyxl

    path = d / "data.xlsx"
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["periode", "variabel", "nilai", "entitas", "extra"])
    ws.append([datetime.datetime(2024, 1, 1), "ipm", 1, None])     # Excel made the period a date
    ws.append(["2024-Q1", True, 1, None])                          # TRUE/FALSE as a variable
    ws.append(["2024-Q1", "ipm", 1, 1.99e17 + 0.5])                # a NIP too long for Excel
    ws.append(["2024-Q1", "ipm", "abc 1", None])
    wb.save(path)
    path2 = d / "rumus.xlsx"
    wb = openpyxl.Workbook()
    wb.active.append(["periode", "variabel", "nilai"])
    wb.active.append(["2024-Q2", "ipm", "=A1*2"])                  # a formula never calculated
    wb.save(path2)
    path3 = d / "kosong.xlsx"
    openpyxl.Workbook().save(path3)
    return [path, path2, path3]


def _bad_wide(d: Path) -> list[Path]:
    import openpyxl

    path = d / "wide.xlsx"
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Capaian"
    ws.append(["id", "Target", "TW I", "TW II", "Kolom Lain"])
    ws.append(["ipm", 1, 2, 3])
    wb.save(path)
    path2 = d / "wide2.xlsx"
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Capaian 2024"
    ws.append(["id", "nip", "TW I", "TW II"])
    ws.append([None, None, 2, 3])                 # values without an id
    ws.append(["ipm", True, 2, 3])                 # TRUE as a NIP
    ws.append(["ipm", None, "abc", True])          # a grade; TRUE as a value
    ws.append(["ipm", None, 1, None])
    ws.append(["ipm", None, 1, None])              # the same point twice
    wb.save(path2)
    path3 = d / "wide.csv"
    path3.write_text("id;TW I 2024;TW II 2024;Kolom Lain\nipm;1\nipm;1;2;3\n", encoding="utf-8")
    path4 = d / "wide-quote.csv"
    path4.write_text("id,TW I 2024,TW II 2024\nipm,1,2\nipm,\"2\n", encoding="utf-8")
    return [path, path2, path3, path4]


def _bad_parquet(d: Path) -> list[Path]:
    import pyarrow as pa
    import pyarrow.parquet as pq

    path = d / "data.parquet"
    pq.write_table(pa.table({"periode": ["2024-Q1", "2024-13", None], "variabel": ["ipm", "ipm", "ipm"],
                             "nilai": ["abc", "4.624", "1"]}), path)
    path2 = d / "kolom.parquet"
    pq.write_table(pa.table({"periode": ["2024-Q1"], "variable": ["ipm"], "nilaii": [1.0]}), path2)
    return [path, path2]


def _bad_yaml(d: Path) -> list[Path]:
    path = d / "data.yaml"
    path.write_text("2024-Q1:\n  ipm: yes\n  ahh: [1, 2]\n  uhh: 1.234.567\n"
                    "2024-13:\n  ipm: 1\n2024-Q2: 5\n~: 1\n", encoding="utf-8")
    path2 = d / "data.json"
    path2.write_text('{"2024-Q1": {"ipm": 1,}}', encoding="utf-8")
    path3 = d / "list.yaml"
    path3.write_text("- 1\n- 2\n", encoding="utf-8")
    path4 = d / "broken.yaml"
    path4.write_text("2024-Q1: [\n", encoding="utf-8")
    return [path, path2, path3, path4]


BAD_DATA = {"csv": _bad_csv, "csv-values": _bad_csv_values, "duplicates": _duplicates,
            "extension": _unknown_extension, "xlsx": _bad_xlsx,
            "wide": _bad_wide, "parquet": _bad_parquet, "yaml": _bad_yaml}
POSITION = re.compile(r"^(\S+?):(?:([^:\n]+):)?([A-Z]*\d+)(?::(\d+))?: (galat|peringatan|error|warning)", re.M)


@pytest.mark.parametrize("case", sorted(BAD_DATA))
def test_bad_data_in_indonesian(luwu, tmp_path, case):
    paths = BAD_DATA[case](tmp_path)
    args = ["eval", str(luwu), "--period", PERIOD]
    for p in paths:
        args += ["--data", str(p)]
    id_text, en_text = both(args)
    assert "galat" in id_text and "error" in en_text
    # file:row:col (or file:sheet:cell) before every message, the same places in both languages
    places = [m.group(0).rsplit(" ", 1)[0] for m in POSITION.finditer(id_text)]
    assert places and places == [m.group(0).rsplit(" ", 1)[0] for m in POSITION.finditer(en_text)]
    if case == "wide":
        assert re.search(r"wide2\.xlsx:Capaian 2024:[A-Z]+\d+: galat", id_text), id_text
    assert_indonesian(id_text, en_text, planner_words(luwu) | BAD_CELLS | {str(tmp_path)})


def test_bad_roster_in_indonesian(luwu, tmp_path):
    import datetime

    import openpyxl

    from indikator.load import load_definitions
    from indikator.model import POSITION_LEVEL

    dset, _ = load_definitions(str(luwu))
    position = next(e.id for e in dset.elements.values() if e.level == POSITION_LEVEL)
    other = next(e.id for e in dset.elements.values() if e.level != POSITION_LEVEL)
    csv_path = tmp_path / "pemegang.csv"
    csv_path.write_text("jabatan,nip,nama,extra\n"
                        "jab.tidak_ada,1,Pegawai\n"      # a column too few
                        "jab.tidak_ada,1,Pegawai,\n"     # an unknown position
                        ",2,Pegawai,\n"                  # no position
                        f"{position},3,Pegawai,\n{position},3,Pegawai,\n{position},,Pegawai,\n"
                        f"{other},4,Pegawai,\n", encoding="utf-8")
    xlsx_path = tmp_path / "pemegang.xlsx"
    wb = openpyxl.Workbook()
    wb.active.append(["jabatn", "nip", "nama"])
    wb.save(xlsx_path)
    xlsx2 = tmp_path / "pemegang2.xlsx"
    wb = openpyxl.Workbook()
    wb.active.append(["jabatan", "nip", "nama"])
    wb.active.append(["jab.x", datetime.date(2024, 1, 1), "Pegawai"])
    wb.active.append(["jab.x", 1.99e17 + 0.5, "Pegawai"])
    wb.save(xlsx2)
    for path in (csv_path, xlsx_path, xlsx2, tmp_path / "pemegang.txt"):
        id_text, en_text = both(["check", str(luwu), "--holders", str(path)])
        assert f"{path}:" in id_text and "galat" in id_text, id_text
        ours = [m.group(0).rsplit(" ", 1)[0] for m in POSITION.finditer(id_text) if str(path) in m.group(0)]
        assert ours == [m.group(0).rsplit(" ", 1)[0] for m in POSITION.finditer(en_text) if str(path) in m.group(0)]
        assert_indonesian(id_text, en_text, planner_words(luwu) | BAD_CELLS | {str(tmp_path)})
