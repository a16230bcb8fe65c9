"""kg.cli: help, usage errors, exit codes and one-line messages.

Most tests call :func:`kg.cli.main` in this process; a few run the real
``kg`` command, where what matters is the process (exit status, stderr).
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from kg.cli import COMMANDS, build_parser, main

ROOT = Path(__file__).resolve().parents[2]
KG = [sys.executable, "-m", "kg.cli"]
build_parser()  # fills COMMANDS
COMMAND_NAMES = sorted(COMMANDS)


def run_kg(*args: str, **kwargs) -> subprocess.CompletedProcess:
    env = {**os.environ, "KG_DEBUG": ""}
    return subprocess.run([*KG, *args], capture_output=True, text=True, env=env, cwd=ROOT,
                          timeout=300, **kwargs)


def test_commands_are_registered():
    assert {"build", "extract", "eval", "query", "view", "export", "push"} <= set(COMMANDS)


@pytest.mark.parametrize("command", COMMAND_NAMES)
def test_every_command_has_help(command, capsys):
    assert main([command, "--help"]) == 0
    out = capsys.readouterr().out
    assert out.startswith(f"usage: kg {command}") and len(out.splitlines()) > 3


def test_top_level_help_lists_every_command(capsys):
    assert main(["--help"]) == 0
    out = capsys.readouterr().out
    assert all(name in out for name in COMMAND_NAMES)


def test_help_and_version_as_a_process():
    proc = run_kg("--help")
    assert proc.returncode == 0 and "build" in proc.stdout and proc.stderr == ""
    proc = run_kg("--version")
    assert proc.returncode == 0 and proc.stdout.startswith("kg ")


BAD_USAGE = [
    [],                                     # no command
    ["frobnicate"],                         # unknown command
    ["build"],                              # no input
    ["extract"],
    ["extract", "--format", "docx", "examples/a034.txt"],
    ["extract", "--no-such-option", "examples/a034.txt"],
    ["build", "-j", "many", "examples/a034.txt"],
    ["query"],                              # missing arguments
    ["export", "graph.json"],               # --to and -o are required
    ["export", "graph.json", "--to", "excel", "-o", "x"],
    ["eval", "/nonexistent/gold"],
]


@pytest.mark.parametrize("argv", BAD_USAGE, ids=[" ".join(a) or "(none)" for a in BAD_USAGE])
def test_bad_usage_exits_2(argv, capsys):
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert err.strip() and "Traceback" not in err


def test_bad_usage_as_a_process():
    proc = run_kg("extract", "--format", "docx", "x.txt")
    assert proc.returncode == 2 and "invalid choice" in proc.stderr and "Traceback" not in proc.stderr
    proc = run_kg("build")
    assert proc.returncode == 2
    assert proc.stderr == "kg: no input given (name files, folders, or - for standard input)\n"


def test_readme_documents_every_command():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    missing = [name for name in COMMAND_NAMES if f"`kg {name}" not in readme]
    assert not missing, f"README.md does not document: {', '.join(missing)}"


# ----------------------------------------------------------------- failures, messages

def test_one_failed_input_is_one_line(tmp_path, capsys):
    (tmp_path / "a.txt").write_bytes(b"")
    assert main(["extract", str(tmp_path / "a.txt")]) == 2
    assert capsys.readouterr().err == f"kg: {tmp_path}/a.txt: empty file\n"


def test_several_failed_inputs(tmp_path, capsys):
    (tmp_path / "a.txt").write_bytes(b"")
    (tmp_path / "b.txt").write_bytes(b"\x89PNG\r\n")
    assert main(["extract", str(tmp_path)]) == 2
    assert capsys.readouterr().err.splitlines() == [
        f"kg: skipped {tmp_path}/a.txt: empty file",
        f"kg: skipped {tmp_path}/b.txt: not text: looks like a PNG image",
        f"kg: no readable article in {tmp_path}: kg reads files ending in .htm, .html, .jsonl, .ndjson, "
        ".shtml, .text, .txt, .xhtml (also gzip-compressed: .jsonl.gz) (2 failed)"]


def test_a_folder_with_no_article_is_named_with_the_suffixes_read(tmp_path, capsys):
    (tmp_path / "scan.png").write_bytes(b"\x89PNG\r\n")
    assert main(["build", str(tmp_path), "-o", str(tmp_path / "out")]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"kg: no readable article in {tmp_path}: kg reads files ending in .htm, .html")
    assert err.count("\n") == 1


@pytest.mark.parametrize("name,shown", [
    ("a\nb.txt", "a\\nb.txt"),
    ("\x1b[31mred.txt", "\\x1b[31mred.txt"),                  # no terminal escapes
    ("\u202etxt.exe", "\\u202etxt.exe"),                      # no right-to-left override
    ("a\u2028b.txt", "a\\u2028b.txt"),
    ("山东\u3000省.txt", "山东\u3000省.txt"),                  # ordinary wide space kept
])
def test_messages_stay_on_one_line(tmp_path, capsys, name, shown):
    (tmp_path / name).write_bytes(b"")
    assert main(["extract", str(tmp_path / name)]) == 2
    err = capsys.readouterr().err
    assert err == f"kg: {tmp_path}/{shown}: empty file\n"


def test_internal_error_is_one_line_and_exit_3(monkeypatch, capsys):
    import kg.corpus.parallel

    def broken(*args, **kwargs):
        raise ZeroDivisionError("a bug")

    monkeypatch.setattr(kg.corpus.parallel, "run", broken)
    monkeypatch.delenv("KG_DEBUG", raising=False)
    assert main(["extract", "examples/a034.txt"]) == 3
    assert capsys.readouterr().err == (
        "kg: internal error: ZeroDivisionError: a bug (set KG_DEBUG=1 for the traceback)\n")
    monkeypatch.setenv("KG_DEBUG", "1")
    with pytest.raises(ZeroDivisionError):
        main(["extract", "examples/a034.txt"])


def test_output_error_exits_2(tmp_path, capsys, monkeypatch):
    import kg.cli.build
    from kg.graph import KnowledgeGraph
    from kg.types import Document

    monkeypatch.setattr(kg.cli.build, "read_graph_of_inputs",
                        lambda args: KnowledgeGraph([Document("a", "北京")], [], [], []))
    (tmp_path / "out").write_text("a file where the folder should be", encoding="utf-8")
    assert main(["build", "examples/a034.txt", "-o", str(tmp_path / "out" / "sub")]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"kg: {tmp_path}/out/sub/graph.json: cannot write (") and err.count("\n") == 1


@pytest.mark.parametrize("verb", [["build"], ["build", "--store", "STORE"]])
def test_output_that_is_a_file_says_the_output_is_a_folder(tmp_path, capsys, verb):
    (tmp_path / "out").write_text("a file where the folder should be", encoding="utf-8")
    verb = [str(tmp_path / "store") if v == "STORE" else v for v in verb]
    assert main([*verb, "examples/a034.txt", "-o", str(tmp_path / "out")]) == 2
    assert capsys.readouterr().err == (f"kg: {tmp_path}/out: is a file; -o names the output folder "
                                       "(graph.json, graph.ttl and graph.html are written into it)\n")


def test_build_writes_all_outputs_or_none(tmp_path, monkeypatch, capsys):
    """When one output fails, the previous set of outputs stays as it was."""
    import kg.cli.build
    import kg.serialize.html
    from kg.graph import KnowledgeGraph
    from kg.types import Document

    out = tmp_path / "out"
    out.mkdir()
    for name in ("graph.json", "graph.ttl", "graph.html"):
        (out / name).write_text("previous", encoding="utf-8")
    monkeypatch.setattr(kg.cli.build, "read_graph_of_inputs",
                        lambda args: KnowledgeGraph([Document("a", "北京")], [], [], []))

    def failing(*args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(kg.serialize.html, "write_html", failing)
    code = main(["build", "examples/a034.txt", "-o", str(out)])
    assert code != 0
    assert {p.name: p.read_text(encoding="utf-8") for p in out.iterdir()} == {
        "graph.json": "previous", "graph.ttl": "previous", "graph.html": "previous"}
    capsys.readouterr()


def test_broken_pipe_is_quiet():
    """``kg extract ... | head`` where the reader has gone: no traceback, no
    "Exception ignored" message, exit 0."""
    proc = subprocess.Popen([*KG, "extract", "examples/a034.txt"], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, cwd=ROOT, env={**os.environ, "KG_DEBUG": ""})
    proc.stdout.close()  # the reader goes away before kg writes
    _, err = proc.communicate(timeout=300)
    err = err.decode()
    assert proc.returncode == 0, err
    assert "Traceback" not in err and "Exception ignored" not in err, err
