"""No traceback, nothing lost, on the output side (PRODUCT.md §8 v2, issue 10).

Every class of output failure is driven through the command line and checked for the same
promises: the exit code, a message naming the path and the reason, no Python traceback, the
old output byte for byte as it was, and no temporary file left behind. Signals are sent to a
real process that is in the middle of writing (it announces that on stderr; nothing is timed).
"""
from __future__ import annotations

import errno
import os
import signal
import stat
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from helpers import REPO_ROOT, run_cli
from test_engine_support import write
from test_eval_cli import DATA, DEFS, PERIOD

OLD = b"old output, must survive\n"
IS_ROOT = hasattr(os, "geteuid") and os.geteuid() == 0


@pytest.fixture
def case(tmp_path: Path) -> Path:
    write(tmp_path / "defs", {"dukcapil.yaml": DEFS})
    (tmp_path / "data.csv").write_text(DATA, encoding="utf-8")
    (tmp_path / "out").mkdir()
    return tmp_path


def temp_files(*folders: Path) -> list[Path]:
    return [p for f in folders if f.is_dir() for p in f.iterdir() if p.name.startswith(".indikator-")]


def assert_clean_failure(result, code: int, *needles: str) -> None:
    text = result.output
    assert result.exit_code == code, text
    assert "Traceback" not in text, text
    for needle in needles:
        assert needle in text, (needle, text)
    # the failure is a message, not an exception that click's runner caught
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)


COMMANDS = {
    "eval-json": lambda out: ["eval", "defs", "--data", "data.csv", "--period", PERIOD, "--format", "json",
                              "-o", out],
    "eval-table": lambda out: ["eval", "defs", "--data", "data.csv", "--period", PERIOD, "-o", out],
    # report and render speak Indonesian by default (§12): these tests read the English messages
    "report": lambda out: ["report", "defs", "--data", "data.csv", "--period", PERIOD, "-o", out, "--lang", "en"],
    "render": lambda out: ["render", "defs", "-o", out, "--lang", "en"],
}
EXT = {"eval-json": ".json", "eval-table": ".txt", "report": ".md", "render": ".dot"}


# -------------------------------------------------------------- places that cannot be written

def _missing_folder(case: Path, ext: str) -> tuple[str, str]:
    return f"nope/sub/x{ext}", "nope/sub"


def _a_directory(case: Path, ext: str) -> tuple[str, str]:
    (case / f"dir{ext}").mkdir()
    return f"dir{ext}", "Is a directory"


def _name_too_long(case: Path, ext: str) -> tuple[str, str]:
    return "out/" + "x" * 300 + ext, "too long"


def _parent_is_a_file(case: Path, ext: str) -> tuple[str, str]:
    return f"data.csv/x{ext}", "data.csv"


@pytest.mark.parametrize("command", sorted(COMMANDS))
@pytest.mark.parametrize("place", [_missing_folder, _a_directory, _name_too_long, _parent_is_a_file],
                         ids=lambda f: f.__name__.strip("_"))
def test_an_output_that_cannot_be_written_is_exit_1_with_path_and_reason(case, command, place):
    out, reason = place(case, EXT[command])
    before = sorted(p.name for p in case.rglob("*"))
    r = run_cli(*COMMANDS[command](out), cwd=case)
    assert_clean_failure(r, 1, "cannot write", out[:40], reason)
    assert len(r.output.strip().splitlines()) == 1
    assert sorted(p.name for p in case.rglob("*")) == before       # nothing written, no temp file


@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_an_empty_output_name_is_refused(case, command):
    r = run_cli(*COMMANDS[command](""), cwd=case)
    if command.startswith("eval"):
        assert_clean_failure(r, 1, "cannot write '': the output file name is empty")
    else:   # report and render want an extension first: a usage error
        assert_clean_failure(r, 2, "must end in")


@pytest.mark.skipif(IS_ROOT, reason="root writes into read-only folders")
@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_a_read_only_folder_is_exit_1_and_the_old_file_stays(case, command):
    out = case / "out" / f"x{EXT[command]}"
    out.write_bytes(OLD)
    (case / "out").chmod(0o555)
    try:
        r = run_cli(*COMMANDS[command](f"out/x{EXT[command]}"), cwd=case)
    finally:
        (case / "out").chmod(0o755)
    assert_clean_failure(r, 1, "cannot write", "out/x", "Permission denied")
    assert out.read_bytes() == OLD and not temp_files(case / "out")


# ------------------------------------------------------------------ outputs over inputs

@pytest.mark.parametrize("command", ["eval-json", "eval-table"])   # report/render refuse .yaml/.csv anyway
@pytest.mark.parametrize("target", ["defs/dukcapil.yaml", "data.csv", "link-to-data", "hardlink-to-defs",
                                    "./defs/../data.csv"])
def test_an_output_that_is_one_of_the_inputs_is_refused_with_exit_2(case, command, target):
    os.symlink("data.csv", case / "link-to-data")
    os.link(case / "defs" / "dukcapil.yaml", case / "hardlink-to-defs")
    before = {p: p.read_bytes() for p in (case / "data.csv", case / "defs" / "dukcapil.yaml")}
    r = run_cli(*COMMANDS[command](target), cwd=case)
    assert_clean_failure(r, 2, target, "input")
    assert {p: p.read_bytes() for p in before} == before
    assert not temp_files(case, case / "defs")


def test_holders_file_is_an_input_too(case):
    (case / "holders.csv").write_text("jabatan,nip,nama\n", encoding="utf-8")
    r = run_cli("eval", "defs", "--data", "data.csv", "--period", PERIOD, "--holders", "holders.csv",
                "-o", "holders.csv", cwd=case)
    assert_clean_failure(r, 2, "holders.csv")
    assert (case / "holders.csv").read_text(encoding="utf-8") == "jabatan,nip,nama\n"


def test_the_output_folder_is_checked_before_any_work(case, monkeypatch):
    """A missing folder fails before the definitions are even read (not after the evaluation)."""
    import indikator.load as load

    def must_not_load(*args, **kwargs):
        raise AssertionError("the definitions were loaded although the output cannot be written")

    monkeypatch.setattr(load, "load_definitions", must_not_load)
    for command in COMMANDS:
        r = run_cli(*COMMANDS[command](f"missing/x{EXT[command]}"), cwd=case)
        assert_clean_failure(r, 1, "missing")


# ----------------------------------------------------- failures while writing: old file intact

@pytest.mark.parametrize("command", sorted(COMMANDS))
@pytest.mark.parametrize("where", ["fsync", "replace", "write"])
def test_a_full_disk_while_writing_keeps_the_old_file_and_leaves_no_temp_file(case, monkeypatch, command, where):
    import indikator.output.files as files

    out = case / "out" / f"x{EXT[command]}"
    out.write_bytes(OLD)

    def full(*args, **kwargs):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    if where == "write":
        real_fdopen = os.fdopen

        class Full:
            def __init__(self, fh):
                self._fh = fh

            def write(self, data):
                full()

            def __getattr__(self, name):
                return getattr(self._fh, name)

        monkeypatch.setattr(files.os, "fdopen", lambda *a, **k: Full(real_fdopen(*a, **k)))
    else:
        monkeypatch.setattr(files.os, where, full)
    r = run_cli(*COMMANDS[command](f"out/x{EXT[command]}"), cwd=case)
    assert_clean_failure(r, 1, "cannot write out/x", "No space left on device")
    assert out.read_bytes() == OLD
    assert not temp_files(case / "out")


def test_a_successful_write_replaces_the_file_and_keeps_its_mode(case):
    out = case / "out" / "x.json"
    out.write_bytes(OLD)
    out.chmod(0o640)
    r = run_cli(*COMMANDS["eval-json"]("out/x.json"), cwd=case)
    assert r.exit_code == 0, r.output
    assert out.read_bytes() != OLD and out.read_bytes().startswith(b"{")
    assert stat.S_IMODE(out.stat().st_mode) == 0o640
    assert not temp_files(case / "out")


# ------------------------------------------------------------ devices, FIFOs and links

@pytest.fixture
def devices(tmp_path: Path) -> tuple[Path, Path]:
    """A null and a full character device to write to. As root these are private device nodes
    (the same devices as /dev/null and /dev/full): were write-through ever broken, the rename
    would replace a node in the test's folder, never the system's /dev/null. Without root the
    system's own are used; an ordinary user cannot replace them."""
    if not IS_ROOT:
        if not os.path.exists("/dev/full"):
            pytest.skip("no /dev/full")
        return Path(os.devnull), Path("/dev/full")
    folder = tmp_path / "dev"
    folder.mkdir()
    try:
        os.mknod(folder / "null", stat.S_IFCHR | 0o666, os.makedev(1, 3))
        os.mknod(folder / "full", stat.S_IFCHR | 0o666, os.makedev(1, 7))
    except (OSError, AttributeError):
        pytest.skip("cannot create device nodes here")
    return folder / "null", folder / "full"


@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_a_link_to_a_null_device_is_written_through_and_the_device_stays(case, devices, command):
    null = devices[0]
    os.symlink(null, case / "out" / f"null{EXT[command]}")
    r = run_cli(*COMMANDS[command](f"out/null{EXT[command]}"), cwd=case)
    assert r.exit_code == 0, r.output
    assert stat.S_ISCHR(os.stat(null).st_mode)
    assert (case / "out" / f"null{EXT[command]}").is_symlink()
    assert not temp_files(case / "out", null.parent)


def test_a_null_device_itself_is_written_through(case, devices):
    null = devices[0]
    r = run_cli(*COMMANDS["eval-json"](str(null)), cwd=case)
    assert r.exit_code == 0, r.output
    assert stat.S_ISCHR(os.stat(null).st_mode)
    assert not temp_files(null.parent)


@pytest.mark.parametrize("command", ["eval-json", "eval-table"])   # report and render need .md, .dot …
def test_a_full_device_is_exit_1_with_the_reason(case, devices, command):
    full = devices[1]
    r = run_cli(*COMMANDS[command](str(full)), cwd=case)
    assert_clean_failure(r, 1, f"cannot write {full}", "No space left on device")
    assert stat.S_ISCHR(os.stat(full).st_mode)
    assert not temp_files(full.parent)


def test_a_fifo_is_written_through_not_replaced(case):
    fifo = case / "out" / "pipe.json"
    os.mkfifo(fifo)
    received: list[bytes] = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_bytes()))
    reader.start()
    r = run_cli(*COMMANDS["eval-json"]("out/pipe.json"), cwd=case)
    reader.join()
    assert r.exit_code == 0, r.output
    assert stat.S_ISFIFO(fifo.lstat().st_mode)
    assert received and received[0].startswith(b"{")


def test_a_link_to_a_regular_file_keeps_the_link_and_replaces_its_target(case):
    (case / "out" / "real.json").write_bytes(OLD)
    os.symlink("real.json", case / "out" / "link.json")
    r = run_cli(*COMMANDS["eval-json"]("out/link.json"), cwd=case)
    assert r.exit_code == 0, r.output
    assert (case / "out" / "link.json").is_symlink()
    assert (case / "out" / "real.json").read_bytes().startswith(b"{")


# ------------------------------------------------------------------ stdout closed or full

def _cli(*args: str) -> list[str]:
    return [sys.executable, "-m", "indikator", *args]


def _env(**extra: str) -> dict[str, str]:
    env = dict(os.environ, PYTHONPATH=str(REPO_ROOT), INDIKATOR_LANG="en")
    env.update(extra)
    return env


STDOUT_COMMANDS = {
    "check": ["check", "defs"],
    "eval-table": ["eval", "defs", "--data", "data.csv", "--period", PERIOD],
    "eval-json": ["eval", "defs", "--data", "data.csv", "--period", PERIOD, "--format", "json"],
    "eval-csv": ["eval", "defs", "--data", "data.csv", "--period", PERIOD, "--format", "csv"],
}


@pytest.mark.parametrize("command", sorted(STDOUT_COMMANDS))
def test_a_full_stdout_is_exit_1_with_a_message(case, devices, command):
    with open(devices[1], "r+b") as full:    # r+: never creates a regular file by that name
        p = subprocess.run(_cli(*STDOUT_COMMANDS[command]), cwd=case, stdout=full, stderr=subprocess.PIPE,
                           env=_env())
    err = p.stderr.decode()
    assert p.returncode == 1, err
    assert "cannot write standard output: No space left on device" in err
    assert "Traceback" not in err and "Exception ignored" not in err
    assert len(err.strip().splitlines()) == 1


def test_the_systems_reason_is_said_in_indonesian(case, devices):
    """strerror is the C library's English: a planner reads "disk penuh", and an errno the
    catalog does not know is quoted as the system's words."""
    with open(devices[1], "r+b") as full:
        p = subprocess.run(_cli(*STDOUT_COMMANDS["check"]), cwd=case, stdout=full, stderr=subprocess.PIPE,
                           env=_env(INDIKATOR_LANG="id"))
    assert p.stderr.decode().strip() == "galat: tidak dapat menulis keluaran standar: disk penuh"
    from indikator.messages.os_errors import os_reason

    assert os_reason(OSError(errno.EINVAL, "Invalid argument")).render("id") == "kata sistem: “Invalid argument”"
    assert os_reason(errno.EACCES).render("en") == os.strerror(errno.EACCES)


@pytest.mark.parametrize("command", sorted(STDOUT_COMMANDS))
def test_a_closed_stdout_is_exit_1_with_a_message(case, command):
    p = subprocess.run(_cli(*STDOUT_COMMANDS[command]), cwd=case, stdout=subprocess.DEVNULL,
                       stderr=subprocess.PIPE, env=_env(), preexec_fn=lambda: os.close(1))
    err = p.stderr.decode()
    assert p.returncode == 1, err
    assert "cannot write standard output" in err
    assert "Traceback" not in err and "Exception ignored" not in err


def test_a_reader_that_goes_away_ends_quietly(case):
    p = subprocess.Popen(_cli(*STDOUT_COMMANDS["eval-csv"]), cwd=case, stdout=subprocess.PIPE,
                         stderr=subprocess.PIPE, env=_env())
    p.stdout.close()            # the reader is gone before the first byte: EPIPE
    err = p.stderr.read().decode()
    p.wait()
    assert p.returncode in (0, 1), err
    assert "Traceback" not in err and "Exception ignored" not in err


# ---------------------------------------------------------------- signals during a write

PAUSING_WRITER = """
import signal, sys, time
signal.signal(signal.SIGINT, signal.default_int_handler)   # even if started with SIGINT ignored
import indikator.output.columnar as columnar
def slow(evaluation, out):
    out.write(b"partial,")
    out.flush()
    print("WRITING", file=sys.stderr, flush=True)
    for _ in range(2400):   # waits for the signal; ends (and the test fails) rather than hang
        time.sleep(0.05)
columnar.write_csv = slow
from indikator.cli import main
main()
"""


@pytest.mark.parametrize("signum,code,needle", [
    (signal.SIGTERM, 128 + signal.SIGTERM, "interrupted by SIGTERM"),
    (signal.SIGHUP, 128 + signal.SIGHUP, "interrupted by SIGHUP"),
    (signal.SIGINT, 128 + signal.SIGINT, "interrupted by SIGINT"),
], ids=["SIGTERM", "SIGHUP", "SIGINT"])
def test_a_signal_during_eval_o_removes_the_temp_file_and_keeps_the_old_output(case, signum, code, needle):
    out = case / "out" / "x.csv"
    out.write_bytes(OLD)
    args = ["eval", "defs", "--data", "data.csv", "--period", PERIOD, "--format", "csv", "-o", "out/x.csv"]
    p = subprocess.Popen([sys.executable, "-c", PAUSING_WRITER, *args], cwd=case, stdout=subprocess.PIPE,
                         stderr=subprocess.PIPE, env=_env())
    first = p.stderr.readline().decode()
    assert first.strip() == "WRITING", first + p.stderr.read().decode()
    assert temp_files(case / "out"), "the temporary file should exist while writing"
    p.send_signal(signum)
    rest = p.stderr.read().decode()
    p.wait()
    assert p.returncode == code, rest
    assert needle in rest and "Traceback" not in rest
    assert out.read_bytes() == OLD
    assert not temp_files(case / "out")


# --------------------------------------------------------------------- internal errors

def _boom(*args, **kwargs):
    raise ValueError("boom\nsecond line")


@pytest.mark.parametrize("debug", ["", "--debug", "env"])
def test_an_unexpected_error_is_one_line_naming_it_internal(case, monkeypatch, debug):
    from indikator.engine import Engine

    monkeypatch.setattr(Engine, "evaluate", _boom)
    monkeypatch.setenv("INDIKATOR_LANG", "en")
    if debug == "env":
        monkeypatch.setenv("INDIKATOR_DEBUG", "1")
    else:
        monkeypatch.delenv("INDIKATOR_DEBUG", raising=False)
    args = ["eval", "defs", "--data", "data.csv", "--period", PERIOD, "-o", "out/x.json"]
    if debug == "--debug":
        args.append("--debug")
    (case / "out" / "x.json").write_bytes(OLD)
    r = run_cli(*args, cwd=case)
    assert r.exit_code == 1
    assert isinstance(r.exception, SystemExit)
    lines = [ln for ln in r.stderr.splitlines() if ln.startswith("error:")]
    assert len(lines) == 1 and "internal error: ValueError: boom second line" in lines[0], r.stderr
    assert "report" in lines[0] and "--debug" in lines[0]
    assert ("Traceback" in r.stderr) == bool(debug)
    assert (case / "out" / "x.json").read_bytes() == OLD


def test_debug_is_accepted_before_the_command_too(case):
    r = run_cli("--debug", "check", "defs", cwd=case)
    assert r.exit_code == 0, r.output


def test_internal_error_in_indonesian(case, monkeypatch):
    from indikator.engine import Engine

    monkeypatch.setattr(Engine, "evaluate", _boom)
    monkeypatch.setenv("INDIKATOR_LANG", "id")
    r = run_cli("eval", "defs", "--data", "data.csv", "--period", PERIOD, cwd=case)
    assert r.exit_code == 1 and "galat internal: ValueError: boom" in r.stderr


# ------------------------------------------------------------------------- render pages

SPLIT_DEFS = """\
version: 1
elements:
  - {id: misi, level: mission, statement: Misi}
  - {id: a1, level: agency_objective, statement: A1, supports: [misi], agency: Dinas Uji}
  - {id: a2, level: agency_objective, statement: A2, supports: [misi], agency: Dinas/Uji}
  - {id: a3, level: agency_objective, statement: A3, supports: [misi], agency: region}
  - {id: a4, level: agency_objective, statement: A4, supports: [misi], agency: DINAS UJI}
"""


def test_render_split_agency_gives_every_page_its_own_file(tmp_path):
    write(tmp_path / "defs", {"set.yaml": SPLIT_DEFS})
    r = run_cli("render", "defs", "--split", "agency", "-o", "chart.dot", "--lang", "en", cwd=tmp_path)
    assert r.exit_code == 0, r.output
    written = [ln.removeprefix("wrote ") for ln in r.stdout.splitlines() if ln.startswith("wrote ")]
    assert len(written) == 5 and len({w.casefold() for w in written}) == 5
    pages = {w: (tmp_path / w).read_text(encoding="utf-8") for w in written}
    for element in ("A1", "A2", "A3", "A4"):   # each agency's page really holds its element
        assert sum(element in text for text in pages.values()) == 1, element


def test_render_with_invalid_data_refuses_and_keeps_the_old_chart(case):
    (case / "bad.csv").write_text("periode,variabel,nilai\n2024-Q1,dokumen,5\n2024-01,dokumen,6\n",
                                  encoding="utf-8")
    (case / "out" / "chart.dot").write_bytes(OLD)
    for command in (["render", "defs", "-o", "out/chart.dot", "--lang", "en"],
                    ["eval", "defs", "-o", "out/chart.dot"],
                    ["report", "defs", "-o", "out/chart.md", "--lang", "en"]):
        r = run_cli(*command[:2], "--data", "bad.csv", "--period", "2024-S1", *command[2:], cwd=case)
        assert_clean_failure(r, 1, "nothing")
    assert (case / "out" / "chart.dot").read_bytes() == OLD
    assert not (case / "out" / "chart.md").exists()


@pytest.mark.parametrize("failing", [1, 2, 3])
def test_several_files_are_written_all_or_none(tmp_path, monkeypatch, failing):
    """write_files_atomically: a full disk at the n-th file leaves every old file as it was and
    no temporary file; nothing is replaced before every file is written."""
    from indikator.output import files

    targets = [tmp_path / f"p-{k}.svg" for k in (1, 2, 3)]
    for t in targets:
        t.write_bytes(b"old")
    calls = []
    real_fsync = os.fsync

    def fsync(fd):
        calls.append(fd)
        if len(calls) == failing:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        return real_fsync(fd)

    monkeypatch.setattr(files.os, "fsync", fsync)
    with pytest.raises(files.OutputError) as caught:
        files.write_files_atomically([(str(t), b"new") for t in targets])
    assert caught.value.path == str(targets[failing - 1])
    assert caught.value.params["reason"].render("id") == "disk penuh"
    assert [t.read_bytes() for t in targets] == [b"old"] * 3
    assert sorted(p.name for p in tmp_path.iterdir()) == ["p-1.svg", "p-2.svg", "p-3.svg"]
    monkeypatch.setattr(files.os, "fsync", real_fsync)
    files.write_files_atomically([(str(t), b"new") for t in targets])
    assert [t.read_bytes() for t in targets] == [b"new"] * 3
