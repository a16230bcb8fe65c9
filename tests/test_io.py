"""kg.io: atomic writes (single files and groups) and safe output names."""

from __future__ import annotations

import gzip
import os
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kg.errors import OutputError
from kg.io import atomic_group, atomic_open, atomic_write_bytes, atomic_write_text, is_gzip, open_input, safe_child


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


def test_atomic_write_replaces(tmp_path):
    target = tmp_path / "sub" / "graph.json"
    atomic_write_text(target, "一")
    atomic_write_text(target, "二")
    assert target.read_text(encoding="utf-8") == "二"
    atomic_write_bytes(target, b"\x00\x01")
    assert target.read_bytes() == b"\x00\x01"
    assert leftovers(target.parent) == []


def test_atomic_write_newlines_are_not_translated(tmp_path):
    atomic_write_text(tmp_path / "a.txt", "a\nb\r\n")
    assert (tmp_path / "a.txt").read_bytes() == b"a\nb\r\n"


def test_failed_write_keeps_the_previous_file(tmp_path):
    target = tmp_path / "graph.json"
    target.write_text("previous", encoding="utf-8")
    with pytest.raises(RuntimeError):
        with atomic_open(target) as fh:
            fh.write("half of the new")
            raise RuntimeError("killed")
    assert target.read_text(encoding="utf-8") == "previous"
    assert leftovers(tmp_path) == []


def test_unencodable_text_keeps_the_previous_file(tmp_path):
    target = tmp_path / "graph.json"
    target.write_text("previous", encoding="utf-8")
    with pytest.raises(UnicodeEncodeError):
        atomic_write_text(target, "lone surrogate \ud800")
    assert target.read_text(encoding="utf-8") == "previous" and leftovers(tmp_path) == []


def test_permissions_follow_the_umask(tmp_path):
    old = os.umask(0o022)
    try:
        atomic_write_text(tmp_path / "a.txt", "x")
    finally:
        os.umask(old)
    assert (tmp_path / "a.txt").stat().st_mode & 0o777 == 0o644


@pytest.mark.parametrize("make_bad", ["file_as_folder", "folder_as_file"])
def test_unwritable_target_is_an_output_error(tmp_path, make_bad):
    if make_bad == "file_as_folder":
        (tmp_path / "out").write_text("a file", encoding="utf-8")
        target = tmp_path / "out" / "graph.json"
    else:
        (tmp_path / "graph.json").mkdir()
        target = tmp_path / "graph.json"
    with pytest.raises(OutputError, match=r"graph.json: cannot write \("):
        atomic_write_text(target, "x")
    assert leftovers(target.parent if target.parent.is_dir() else tmp_path) == []


@pytest.mark.parametrize("mode,data", [("w", "省委书记刘家义\n率领代表团"), ("wb", "刘家义".encode())])
def test_compressed_writes_read_back_and_give_the_same_bytes_every_time(tmp_path, mode, data):
    path = tmp_path / "graph.json.gz"
    written = []
    for _ in range(2):
        with atomic_open(path, mode, encoding=None if "b" in mode else "utf-8", compress=True) as fh:
            fh.write(data)
        written.append(path.read_bytes())
    assert written[0] == written[1] and is_gzip(path)  # no time stamp in the header
    expected = data if isinstance(data, bytes) else data.encode("utf-8")
    assert gzip.decompress(written[0]) == open_input(path).read() == expected


def test_a_failed_compressed_write_keeps_the_previous_file(tmp_path):
    path = tmp_path / "graph.ttl.gz"
    atomic_write_bytes(path, b"old")
    with pytest.raises(RuntimeError):
        with atomic_open(path, "w", compress=True) as fh:
            fh.write("new")
            raise RuntimeError("killed")
    assert path.read_bytes() == b"old" and not is_gzip(path)
    assert open_input(path).read() == b"old"  # a plain file reads as it is
    assert list(tmp_path.iterdir()) == [path]


def test_group_commits_together(tmp_path):
    names = ("graph.json", "graph.ttl", "graph.html")
    for name in names:
        (tmp_path / name).write_text("old", encoding="utf-8")
    with atomic_group():
        for name in names:
            atomic_write_text(tmp_path / name, "new")
            # nothing is replaced until the whole group is written
            assert {(tmp_path / n).read_text(encoding="utf-8") for n in names} == {"old"}
    assert {(tmp_path / n).read_text(encoding="utf-8") for n in names} == {"new"}
    assert leftovers(tmp_path) == []


def test_group_failure_keeps_every_previous_file(tmp_path):
    names = ("graph.json", "graph.ttl", "graph.html")
    for name in names:
        (tmp_path / name).write_text("old", encoding="utf-8")
    with pytest.raises(ValueError):
        with atomic_group():
            atomic_write_text(tmp_path / "graph.json", "new")
            atomic_write_text(tmp_path / "graph.ttl", "new")
            raise ValueError("the HTML writer failed")
    assert {(tmp_path / n).read_text(encoding="utf-8") for n in names} == {"old"}
    assert leftovers(tmp_path) == []


def test_nested_groups_commit_once(tmp_path):
    with atomic_group():
        with atomic_group():
            atomic_write_text(tmp_path / "a", "a")
        assert not (tmp_path / "a").exists()
    assert (tmp_path / "a").read_text(encoding="utf-8") == "a"


def test_leftovers_of_killed_runs_are_removed(tmp_path):
    """A temporary file whose writer is dead is removed by the next write of
    the same file; one of a live writer is left alone."""
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                          capture_output=True, text=True, check=True).stdout.strip()
    stale = tmp_path / f".graph.json.{dead}.abc123.tmp"
    live = tmp_path / f".graph.json.{os.getppid()}.def456.tmp"
    other = tmp_path / f".graph.ttl.{dead}.abc123.tmp"
    for p in (stale, live, other):
        p.write_text("half", encoding="utf-8")
    atomic_write_text(tmp_path / "graph.json", "{}")
    assert leftovers(tmp_path) == sorted([live.name, other.name])


# ------------------------------------------------------------------------ safe_child

SAFE_CASES = [
    ("d000.txt", "d000.txt"),
    ("山东省党政代表团.json", "山东省党政代表团.json"),
    ("../../etc/passwd", None),
    ("..", None),
    (".", None),
    ("", None),
    ("/etc/passwd", None),
    ("a/b", None),
    ("a\\b", None),
    ("C:\\Windows\\win.ini", None),
    (".bashrc", None),
    ("a\nb", None),
    ("\u202egnp.exe", None),
    ("a" * 300, None),
    ("山" * 300, None),
    ("<script>alert(1)</script>", None),
    ("x'; DROP TABLE t;--", "x'; DROP TABLE t;--"),
]


@pytest.mark.parametrize("name,expected", SAFE_CASES, ids=[repr(n[:20]) for n, _ in SAFE_CASES])
def test_safe_child(tmp_path, name, expected):
    child = safe_child(tmp_path, name)
    assert child.parent == tmp_path
    assert child.name not in ("", ".", "..") and not child.name.startswith(".")
    assert len(child.name.encode("utf-8")) <= 255
    if expected is not None:
        assert child.name == expected
    else:
        assert child.name != name
    child.write_text("x", encoding="utf-8")  # a name the file system takes
    assert child.resolve().parent == tmp_path.resolve()


def test_safe_child_keeps_distinct_names_distinct(tmp_path):
    names = ["a/b", "a_b", "a\\b", "a:b", "../a_b", ".a_b", "a" * 300, "a" * 301]
    assert len({safe_child(tmp_path, n) for n in names}) == len(names)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.text(max_size=300) | st.sampled_from(["..", ".", "../..", "/", "~", "$HOME", "a/../../b"]))
def test_safe_child_never_escapes(tmp_path, name):
    out = tmp_path / "out"
    child = safe_child(out, name)
    assert child.parent == out and child.name not in ("", ".", "..")
    assert "/" not in child.name and "\x00" not in child.name
    assert len(child.name.encode("utf-8")) <= 255
    atomic_write_text(child, "x")  # writable, and inside the folder
    assert child.resolve().parent == out.resolve()
    child.unlink()
