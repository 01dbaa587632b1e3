"""Session 3's review of issue 11 (one house): what a planner met running the bundled examples
and bad inputs in both languages — each a test that failed before its fix."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from helpers import REPO_ROOT, run_cli

LUWU = REPO_ROOT / "definitions" / "luwu-timur"


@pytest.mark.parametrize("lang", ["id", "en"])
@pytest.mark.parametrize("name,content", [
    ("damaged.xlsx", b"this is not a workbook"),   # openpyxl: BadZipFile
    ("missing.xlsx", None),
    ("latin1.csv", "Indikator;Target\nKepuasan;80\xb0\n".encode("latin-1")),
])
def test_import_of_an_unreadable_table_says_why_without_an_internal_error(tmp_path: Path, lang: str, name: str,
                                                                           content: bytes | None) -> None:
    sheet = tmp_path / name
    if content is not None:
        sheet.write_bytes(content)
    r = run_cli("import", str(sheet), "-o", str(tmp_path / "out"), "--lang", lang)
    assert r.exit_code == 1, r.output
    internal = {"id": "galat internal", "en": "internal error"}[lang]
    assert internal not in r.output
    assert str(sheet) in r.output
    if lang == "id":    # the system's or library's English is quoted, never said as ours
        assert "tidak dapat membaca" in r.output or "tidak ada" in r.output, r.output
        unquoted = re.sub(r"“[^”]*”", "", r.output)
        assert not re.search(r"\b(File is not|Errno|codec|No such)\b", unquoted), r.output


@pytest.mark.parametrize("command", ["eval", "check"])
@pytest.mark.parametrize("name,content", [("damaged.xlsx", b"not a workbook"), ("damaged.parquet", b"xx")])
def test_a_damaged_file_quotes_the_reader_library_in_indonesian(tmp_path: Path, command: str, name: str,
                                                                 content: bytes) -> None:
    """The library's English (openpyxl's, Arrow's) is quoted as its words, as the YAML/JSON
    readers' are; English keeps the old sentence ``cannot read 'F': Kind: words``."""
    bad = tmp_path / name
    bad.write_bytes(content)
    option = ["--data", str(bad), "--period", "2024"] if command == "eval" else ["--holders", str(bad)]
    said = {lang: run_cli(command, str(LUWU), *option, "--lang", lang).output for lang in ("id", "en")}
    kind = "BadZipFile" if name.endswith(".xlsx") else "ArrowInvalid"
    assert re.search(rf"cannot read (roster )?'{re.escape(str(bad))}': {kind}: \S", said["en"]), said["en"]
    line = next(x for x in said["id"].splitlines() if str(bad) in x)
    assert re.search(rf"tidak dapat membaca .*'{re.escape(str(bad))}': kata pembaca berkas: “{kind}: [^”]+”$", line), line
