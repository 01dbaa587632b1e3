"""Graphviz's output reused per DOT text (render/layout_cache.py): the same bytes, ``dot`` not run
again, another text or format or --no-cache runs it, a damaged or foreign entry is never used."""
from __future__ import annotations

import os
from pathlib import Path

import pytest

from helpers import REPO_ROOT, run_cli
from indikator.render import layout_cache

LUWU = REPO_ROOT / "definitions" / "luwu-timur"
SOURCE = 'digraph { a -> b }'


@pytest.fixture
def cache(tmp_path, monkeypatch):
    monkeypatch.setenv("INDIKATOR_CACHE_DIR", str(tmp_path / "cache"))
    return tmp_path / "cache"


def counting_run(calls: list, data: bytes = b"<svg>1</svg>"):
    def run() -> bytes:
        calls.append(1)
        return data
    return run


def test_the_same_text_is_laid_out_once(cache):
    calls: list = []
    first = layout_cache.laid_out(SOURCE, "svg", counting_run(calls), cache=True)
    again = layout_cache.laid_out(SOURCE, "svg", counting_run(calls), cache=True)
    assert first == again == b"<svg>1</svg>" and len(calls) == 1
    layout_cache.laid_out(SOURCE + " ", "svg", counting_run(calls), cache=True)      # another text
    layout_cache.laid_out(SOURCE, "pdf", counting_run(calls), cache=True)            # another format
    assert len(calls) == 3


def test_without_cache_dot_always_runs_and_nothing_is_written(cache):
    calls: list = []
    for _ in range(2):
        layout_cache.laid_out(SOURCE, "svg", counting_run(calls), cache=False)
    assert len(calls) == 2 and not cache.exists()


@pytest.mark.parametrize("damage", ["empty", "group-writable"])
def test_a_damaged_or_foreign_entry_is_not_used(cache, damage):
    if damage == "group-writable" and not hasattr(os, "getuid"):
        pytest.skip("no owners here")
    calls: list = []
    layout_cache.laid_out(SOURCE, "svg", counting_run(calls), cache=True)
    entry = layout_cache.entry_for(SOURCE, "svg")
    if damage == "empty":
        entry.write_bytes(b"")
    else:
        entry.write_bytes(b"<svg>planted</svg>")
        entry.chmod(0o664)
    assert layout_cache.laid_out(SOURCE, "svg", counting_run(calls), cache=True) == b"<svg>1</svg>"
    assert len(calls) == 2


def test_render_writes_the_same_chart_warm_and_with_no_cache(tmp_path, cache):
    outs = []
    for k, extra in enumerate([[], [], ["--no-cache"]]):
        out = tmp_path / f"chart{k}.svg"
        r = run_cli("render", str(LUWU), "--data", str(LUWU / "data"), "--period", "2024-Q1..2024-Q3",
                    "-o", str(out), *extra, cwd=tmp_path)
        assert r.exit_code == 0, r.output
        outs.append(out.read_bytes())
    assert outs[0] == outs[1] == outs[2]
    assert len(list(cache.glob("chart-*.svg"))) == 1


def test_a_missing_dot_is_said_in_the_runs_language(tmp_path, cache, monkeypatch):
    import graphviz

    def no_dot(*args, **kwargs):
        raise graphviz.ExecutableNotFound(["dot"])

    monkeypatch.setattr(graphviz.Digraph, "pipe", no_dot)
    for lang, words in [("id", "program 'dot' dari Graphviz belum terpasang"),
                        ("en", "Graphviz's 'dot' program is not installed")]:
        # .pdf: the A4 pages are measured with dot first (that once ended as an internal error)
        for out in ("c.svg", "c.pdf"):
            r = run_cli("render", str(LUWU), "-o", str(tmp_path / out), "--no-cache", "--lang", lang, cwd=tmp_path)
            assert r.exit_code == 1 and words in r.output and "internal" not in r.output, r.output


def test_a4_pages_are_measured_once_then_from_the_cache(tmp_path, cache, monkeypatch):
    """A second ``render -o x.pdf`` runs no ``dot`` at all: the measurements of candidate pages
    (``-Tplain``) are kept like the pages themselves, and the PDF is the same."""
    import graphviz

    calls = []
    pipe = graphviz.Digraph.pipe

    def counted(self, *args, **kwargs):
        calls.append(kwargs.get("format"))
        return pipe(self, *args, **kwargs)

    monkeypatch.setattr(graphviz.Digraph, "pipe", counted)
    outs = []
    for k in range(2):
        r = run_cli("render", str(LUWU), "--data", str(LUWU / "data"), "--period", "2024-Q1..2024-Q3",
                    "-o", str(tmp_path / f"c{k}.pdf"), cwd=tmp_path)
        assert r.exit_code == 0, r.output
        outs.append((tmp_path / f"c{k}.pdf").read_bytes())
        if k == 0:
            assert "plain" in calls and "pdf" in calls
            calls.clear()
    assert calls == [] and outs[0] == outs[1]


def test_storing_many_charts_prunes_the_folder_now_and_then_not_each_time(cache, monkeypatch):
    """A region's A4 PDF stores thousands of layouts; pruning after each one listed the whole
    folder every time (quadratic: minutes). Now: on a process's first store, then once a minute."""
    pruned = []
    monkeypatch.setattr(layout_cache, "prune", lambda folder, keep: pruned.append(keep))
    monkeypatch.setattr(layout_cache, "_LAST_PRUNE", {})
    clock = [1000.0]
    monkeypatch.setattr(layout_cache.time, "monotonic", lambda: clock[0])
    for k in range(50):
        layout_cache.laid_out(f"digraph {{ n{k} }}", "plain", lambda: b"graph 1 1 1\n", True)
    assert len(pruned) == 1
    clock[0] += layout_cache.PRUNE_EVERY_SECONDS + 1
    layout_cache.laid_out("digraph { late }", "plain", lambda: b"graph 1 1 1\n", True)
    assert len(pruned) == 2
    assert len(list(cache.glob("chart-*.plain"))) == 51      # every layout was still kept
