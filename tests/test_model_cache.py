"""The model cache (PRODUCT.md §13): a warm load gives the same model as a fresh one, and any
change to what the model depends on — a file's content, the set of files or their names, the
program — or a damaged entry means a fresh load, never a stale or wrong model."""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from helpers import REPO_ROOT, run_cli
from indikator.load import cache as model_cache
from indikator.load import loader
from indikator.load import load_definitions

LUWU = REPO_ROOT / "definitions" / "luwu-timur"


@pytest.fixture
def defs(tmp_path, monkeypatch):
    """A private copy of an example set (YAML files only) and a private cache folder."""
    root = tmp_path / "defs"
    root.mkdir()
    for f in LUWU.glob("*.yaml"):
        shutil.copy(f, root / f.name)
    monkeypatch.setenv("INDIKATOR_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.chdir(tmp_path)
    return Path("defs")


@pytest.fixture
def fresh_loads(monkeypatch):
    """Counts the loads that parsed the YAML (cache misses)."""
    calls = []
    real = loader._load_files

    def counting(*args, **kwargs):
        calls.append(args[0])
        return real(*args, **kwargs)

    monkeypatch.setattr(loader, "_load_files", counting)
    return calls


def snapshot(result) -> tuple:
    """Everything a command reads from a load, in a comparable form."""
    dset, diags = result
    return (dset.files, dset.levels, dset.elements, dset.indicators, dset.variables, dset.scales, dset.refs,
            dset.evaluation_order, dset.sources.texts, [d for d in diags])


def assert_fresh_and_right(root: Path, fresh_loads: list) -> None:
    before = len(fresh_loads)
    warm = load_definitions(str(root), cache=True)
    assert len(fresh_loads) == before + 1, "the changed set was served from a stale cache entry"
    assert snapshot(warm) == snapshot(load_definitions(str(root), cache=False))


def test_second_load_comes_from_the_cache_and_equals_a_fresh_one(defs, fresh_loads):
    first = load_definitions(str(defs), cache=True)
    assert len(fresh_loads) == 1 and model_cache.entry_path(str(defs)).is_file()
    second = load_definitions(str(defs), cache=True)
    assert len(fresh_loads) == 1
    assert snapshot(second) == snapshot(first)
    assert second[0].indicators is not first[0].indicators


def _change(defs: Path) -> None:
    p = defs / "disdukcapil.yaml"
    p.write_text(p.read_text(encoding="utf-8").replace("2024", "2023", 1), encoding="utf-8")


def _add(defs: Path) -> None:
    (defs / "zz-extra.yaml").write_text("elements:\n  - id: extra-goal\n    level: goal\n"
                                        "    statement: Tambahan\n", encoding="utf-8")


def _remove(defs: Path) -> None:
    (defs / "rpjmd.yaml").unlink()


def _rename(defs: Path) -> None:
    (defs / "jabatan.yaml").rename(defs / "jabatan-2.yaml")


def _same_bytes_same_time(defs: Path) -> None:
    """Rewriting a file with other content of the same size keeps no stale model either."""
    p = defs / "program.yaml"
    text = p.read_bytes()
    st = p.stat()
    i = text.index(b"2024")
    p.write_bytes(text[:i] + b"2025" + text[i + 4:])
    os.utime(p, ns=(st.st_atime_ns, st.st_mtime_ns))


@pytest.mark.parametrize("change", [_change, _add, _remove, _rename, _same_bytes_same_time],
                         ids=["changed", "added", "removed", "renamed", "same-size-same-mtime"])
def test_a_changed_set_of_files_is_loaded_afresh(defs, fresh_loads, change):
    load_definitions(str(defs), cache=True)
    change(defs)
    assert_fresh_and_right(defs, fresh_loads)
    # and the new entry serves the next load
    before = len(fresh_loads)
    load_definitions(str(defs), cache=True)
    assert len(fresh_loads) == before


def test_another_program_version_is_loaded_afresh(defs, fresh_loads, monkeypatch):
    load_definitions(str(defs), cache=True)
    monkeypatch.setattr(model_cache, "_PROGRAM", "99.0.0+other")
    assert_fresh_and_right(defs, fresh_loads)


def test_another_message_language_reuses_the_entry_and_speaks_it(defs, fresh_loads, monkeypatch):
    """Diagnostics are codes said when shown (§12): the cached model serves every language."""
    monkeypatch.setenv("INDIKATOR_LANG", "id")
    cold = load_definitions(str(defs), cache=True)
    monkeypatch.setenv("INDIKATOR_LANG", "en")
    before = len(fresh_loads)
    warm = load_definitions(str(defs), cache=True)
    assert len(fresh_loads) == before, "a language change made a fresh load"
    assert snapshot(warm) == snapshot(cold)


def _truncate(p: Path) -> None:
    p.write_bytes(p.read_bytes()[: p.stat().st_size // 2])


def _flip_payload_byte(p: Path) -> None:
    b = bytearray(p.read_bytes())
    b[len(b) - 100] ^= 0xFF
    p.write_bytes(bytes(b))


def _garbage(p: Path) -> None:
    p.write_bytes(b"not a cache entry at all")


def _empty(p: Path) -> None:
    p.write_bytes(b"")


def _foreign_format(p: Path) -> None:
    """An entry of another (older or newer) entry format: same layout, other magic."""
    b = p.read_bytes()
    p.write_bytes(b"IKDCACHE\x00" + b[len(model_cache.MAGIC):])


def _foreign_key(p: Path) -> None:
    """A whole, valid entry written for other files (another key) in this set's place."""
    b = bytearray(p.read_bytes())
    b[len(model_cache.MAGIC)] ^= 0x01
    p.write_bytes(bytes(b))


def _group_writable(p: Path) -> None:
    p.chmod(0o666)


@pytest.mark.parametrize("damage", [_truncate, _flip_payload_byte, _garbage, _empty, _foreign_format,
                                    _foreign_key, _group_writable])
def test_a_damaged_or_foreign_entry_is_never_used(defs, fresh_loads, damage):
    load_definitions(str(defs), cache=True)
    damage(model_cache.entry_path(str(defs)))
    assert_fresh_and_right(defs, fresh_loads)


def test_an_unwritable_cache_folder_only_costs_the_cache(defs, fresh_loads, tmp_path, monkeypatch):
    blocker = tmp_path / "a-file"
    blocker.write_text("x")
    monkeypatch.setenv("INDIKATOR_CACHE_DIR", str(blocker / "cache"))
    assert snapshot(load_definitions(str(defs), cache=True)) == snapshot(load_definitions(str(defs)))
    load_definitions(str(defs), cache=True)
    assert len(fresh_loads) == 3   # two cached attempts, both fresh, and the plain load


def test_the_cache_folder_follows_INDIKATOR_CACHE_DIR(tmp_path, monkeypatch):
    monkeypatch.setenv("INDIKATOR_CACHE_DIR", str(tmp_path / "elsewhere"))
    assert model_cache.cache_dir() == tmp_path / "elsewhere"
    monkeypatch.delenv("INDIKATOR_CACHE_DIR")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    if sys.platform.startswith("linux"):
        assert model_cache.cache_dir() == tmp_path / "xdg" / "indikator"


def test_the_test_session_never_uses_the_users_cache():
    home_cache = Path.home() / ".cache" / "indikator"
    assert Path(os.environ["INDIKATOR_CACHE_DIR"]).resolve() != home_cache.resolve()
    assert "indikator-test-cache-" in os.environ["INDIKATOR_CACHE_DIR"]


def test_no_cache_neither_reads_nor_writes(defs, fresh_loads):
    for _ in range(2):
        assert run_cli("check", str(defs), "--no-cache").exit_code == 0
    assert len(fresh_loads) == 2
    assert not model_cache.entry_path(str(defs)).exists()
    assert run_cli("check", str(defs)).exit_code == 0
    assert model_cache.entry_path(str(defs)).exists()


def test_a_warm_check_reports_what_a_fresh_one_does(defs):
    """Warnings (with their source lines) come from the cached diagnostics and re-read texts."""
    (defs / "zz-extra.yaml").write_text("elements:\n  - id: extra-goal\n    level: goal\n"
                                        "    statement: Tambahan\n", encoding="utf-8")
    fresh = run_cli("check", str(defs), "--no-cache")
    cold = run_cli("check", str(defs))
    warm = run_cli("check", str(defs))
    assert "warning" in fresh.output
    assert fresh.output == cold.output == warm.output and fresh.exit_code == warm.exit_code


_CHILD = """
import json, sys
from indikator.load import load_definitions
dset, diags = load_definitions(sys.argv[1], cache=True)
print(json.dumps({"indicators": sorted(dset.indicators), "elements": sorted(dset.elements),
                  "diags": [d.to_json() for d in diags], "files": dset.files}))
"""


def test_processes_filling_the_cache_at_once_each_get_a_whole_model(defs, tmp_path):
    expected = load_definitions(str(defs), cache=False)
    want = {"indicators": sorted(expected[0].indicators), "elements": sorted(expected[0].elements),
            "diags": [d.to_json() for d in expected[1]], "files": expected[0].files}
    env = dict(os.environ, PYTHONPATH=str(REPO_ROOT))
    for _ in range(2):   # both cold (racing writers), then both warm (readers of the survivor)
        procs = [subprocess.Popen([sys.executable, "-c", _CHILD, str(defs)], stdout=subprocess.PIPE,
                                  stderr=subprocess.PIPE, env=env) for _ in range(4)]
        for p in procs:
            out, err = p.communicate(timeout=120)
            assert p.returncode == 0, err.decode()
            assert json.loads(out) == want
    leftovers = [p.name for p in model_cache.cache_dir().iterdir() if p.name.endswith(".tmp")]
    assert leftovers == []
    assert snapshot(load_definitions(str(defs), cache=True)) == snapshot(expected)


def _age(path: Path, days: float) -> None:
    import time

    t = time.time() - days * 86400
    os.utime(path, (t, t))


def test_entries_of_gone_folders_are_pruned_and_the_used_ones_kept(defs, fresh_loads, tmp_path, monkeypatch):
    """The cache only grew: an entry of a deleted folder was never read nor removed."""
    cache = tmp_path / "cache"
    load_definitions(str(defs), cache=True)
    mine = model_cache.entry_path(str(defs))
    old = cache / ("defs-" + "0" * 32 + ".cache")
    recent = cache / ("defs-" + "1" * 32 + ".cache")
    dead_tmp = cache / ".defs-dead.tmp"
    live_tmp = cache / ".defs-live.tmp"
    for p in (old, recent, dead_tmp, live_tmp):
        p.write_bytes(b"x" * 10)
    _age(old, model_cache.UNUSED_DAYS + 1)
    _age(recent, 2)
    _age(dead_tmp, 1)
    _age(mine, model_cache.UNUSED_DAYS + 5)        # old, but the load below uses it: it is kept
    load_definitions(str(defs), cache=True)       # a hit refreshes "last used"
    assert len(fresh_loads) == 1
    import time
    assert time.time() - mine.stat().st_mtime < 3600
    (defs / "rpjmd.yaml").write_text((defs / "rpjmd.yaml").read_text() + "\n", encoding="utf-8")
    load_definitions(str(defs), cache=True)       # a miss writes the entry and prunes
    assert len(fresh_loads) == 2
    assert {p.name for p in cache.iterdir()} == {mine.name, recent.name, live_tmp.name}


def test_beyond_the_budget_the_least_recently_used_go_first(tmp_path, monkeypatch):
    monkeypatch.setattr(model_cache, "BUDGET_BYTES", 250)
    keep = tmp_path / "defs-keep.cache"
    keep.write_bytes(b"k" * 100)
    ages = {"defs-a.cache": 1, "defs-b.cache": 2, "defs-c.cache": 3}
    for name, days in ages.items():
        (tmp_path / name).write_bytes(b"x" * 100)
        _age(tmp_path / name, days)
    (tmp_path / "notes.txt").write_bytes(b"y" * 1000)          # not ours: never touched
    assert model_cache.prune(tmp_path, keep=keep) == 2
    assert {p.name for p in tmp_path.iterdir()} == {"defs-keep.cache", "defs-a.cache", "notes.txt"}


def same_graph(a, b, path: str = "", seen: dict | None = None) -> None:
    """``b`` is ``a`` rebuilt: the same types and values field by field (also the fields that
    dataclass equality skips, such as spans), and an object shared in ``a`` is shared in ``b``."""
    import dataclasses

    seen = {} if seen is None else seen
    assert type(a) is type(b), f"{path}: {type(a).__name__} became {type(b).__name__}"
    if a is None or isinstance(a, (bool, int, float, str, bytes)):
        assert a == b or (a != a and b != b), path
        return
    if id(a) in seen:
        assert seen[id(a)] is b, f"{path}: an object shared in the model is no longer one object"
        return
    seen[id(a)] = b
    if isinstance(a, (list, tuple)):
        assert len(a) == len(b), path
        for i, (x, y) in enumerate(zip(a, b)):
            same_graph(x, y, f"{path}[{i}]", seen)
    elif isinstance(a, dict):
        assert list(a) == list(b), path
        for k in a:
            same_graph(a[k], b[k], f"{path}[{k!r}]", seen)
    elif dataclasses.is_dataclass(a):
        for f in dataclasses.fields(a):
            same_graph(getattr(a, f.name), getattr(b, f.name), f"{path}.{f.name}", seen)
    else:
        assert a == b, path


@pytest.mark.parametrize("example", sorted(p.name for p in (REPO_ROOT / "definitions").iterdir() if p.is_dir()))
def test_the_entry_rebuilds_every_object_field_and_sharing_of_the_model(example):
    """The entry keeps frozen dataclasses as columns filled slot by slot (load/cache.py ``dumps``):
    every example's model comes back whole, down to spans and shared objects."""
    value = load_definitions(str(REPO_ROOT / "definitions" / example), cache=False)
    assert any(model_cache._init_fields(type(x)) for x in value[0].elements.values())
    same_graph(value, model_cache.loads(model_cache.dumps(value)))


@pytest.mark.parametrize("failure", [OSError(28, "No space left on device"), ValueError("a writer's own error")])
def test_the_caches_one_writer_leaves_no_temporary_file(tmp_path, failure):
    """Model entries, charts and the grammar's tables are all written by load.cache.write_file:
    whatever the writing raises, no half entry and no temporary file stay in the folder."""
    from indikator.load.cache import write_file

    target = tmp_path / "cache" / "chart-x.svg"

    def broken(fh):
        fh.write(b"half")
        raise failure

    if isinstance(failure, OSError):
        assert write_file(target, ".chart-", broken) is False
    else:
        with pytest.raises(ValueError):
            write_file(target, ".chart-", broken)
    assert list((tmp_path / "cache").iterdir()) == []
    assert write_file(target, ".chart-", lambda fh: fh.write(b"whole")) is True
    assert target.read_bytes() == b"whole" and [p.name for p in (tmp_path / "cache").iterdir()] == ["chart-x.svg"]
