"""`check` reports every problem of every file, without the follow-ons of a file that failed to
load (the issue: one indentation slip gave 22 errors, 21 of them "no such element" elsewhere)."""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from helpers import REPO_ROOT, run_cli

LUTIM = REPO_ROOT / "definitions" / "luwu-timur"


@pytest.fixture()
def broken(tmp_path: Path) -> Path:
    dst = tmp_path / "lt"
    shutil.copytree(LUTIM, dst)
    f = dst / "disdukcapil.yaml"
    lines = f.read_text(encoding="utf-8").splitlines(keepends=True)
    k = next(i for i, ln in enumerate(lines) if ln.startswith("    satuan: OPD"))
    lines[k] = "   " + lines[k].lstrip()        # one space short: invalid YAML
    f.write_text("".join(lines), encoding="utf-8")
    return dst


def test_one_slip_gives_one_error_and_a_note(broken, tmp_path):
    r = run_cli("check", "lt", "--format", "json", cwd=tmp_path)
    assert r.exit_code == 1
    items = json.loads(r.stdout)
    assert [(i["file"], i["code"]) for i in items] == [("lt/disdukcapil.yaml", "yaml-syntax")]
    [note] = items[0]["notes"]
    assert "1 file(s) could not be loaded (lt/disdukcapil.yaml)" in note and "skipped" in note
    text = run_cli("check", "lt", cwd=tmp_path).stdout
    assert "note: 1 file(s) could not be loaded" in text and "no such element" not in text


def test_other_files_own_errors_are_still_reported(broken, tmp_path):
    f = broken / "program.yaml"
    f.write_text(f.read_text(encoding="utf-8").replace("tingkat: program", "tingkat: progam", 1),
                 encoding="utf-8")
    g = broken / "jabatan.yaml"
    text = g.read_text(encoding="utf-8")
    k = text.index("rumus: ")
    g.write_text(text[:k] + 'rumus: "1 +* 2"\n        #' + text[k + len("rumus: "):], encoding="utf-8")
    items = json.loads(run_cli("check", "lt", "--format", "json", cwd=tmp_path).stdout)
    codes = sorted({(i["file"], i["code"]) for i in items})
    assert ("lt/disdukcapil.yaml", "yaml-syntax") in codes
    assert any(f == "lt/jabatan.yaml" and c.startswith("formula") for f, c in codes), codes
    assert any(f == "lt/program.yaml" for f, c in codes), codes
    assert not any("no such element" in i["message"] or i["message"].startswith("unknown name")
                   for i in items)


def test_without_a_broken_file_references_are_checked(tmp_path):
    dst = tmp_path / "lt"
    shutil.copytree(LUTIM, dst)
    f = dst / "program.yaml"
    f.write_text(f.read_text(encoding="utf-8").replace("dukcapil.s3", "dukcapil.s9", 1), encoding="utf-8")
    items = json.loads(run_cli("check", "lt", "--format", "json", cwd=tmp_path).stdout)
    assert any("'dukcapil.s9': no such element" in i["message"] for i in items)


def test_follow_ons_are_known_by_code_not_by_wording(broken, tmp_path, monkeypatch):
    """A reworded 'unknown name' message (its English template) must not let the follow-ons of a
    failed file through: they are recognised by the message's code (issue 11: no matching of
    message text)."""
    from indikator.messages import CATALOG

    f = broken / "program.yaml"   # a formula naming an indicator of the broken file
    text = f.read_text(encoding="utf-8")
    k = text.index("rumus: ")
    f.write_text(text[:k] + "rumus: ikm * 1\n        #" + text[k + len("rumus: "):], encoding="utf-8")
    monkeypatch.setitem(CATALOG, "chk-unknown-name",
                        {"en": "no indicator or data variable is called '{text}'",
                         "id": CATALOG["chk-unknown-name"]["id"]})
    items = json.loads(run_cli("check", "lt", "--format", "json", "--no-cache", cwd=tmp_path).stdout)
    assert not [i for i in items if i["code"] == "unknown-name"], items
