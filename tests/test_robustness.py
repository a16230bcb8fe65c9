"""Hostile input, nothing lost, nothing injected (issue 9).

* The bad-input matrix: every case through ``kg extract`` and ``kg build``,
  with its exit code and a one-line message naming the file (and line) and
  the problem.  Cases that fail early run as real processes (cheap: no
  extraction starts); cases that succeed run through :func:`kg.cli.main` in
  this process, and once more all together as real processes.
* Nothing lost: a build killed (SIGKILL) at several moments leaves the
  previous outputs intact; re-running gives byte-identical graph.json.
* One bad document never stops or corrupts the others.
* Fuzzing: random Unicode through the pipeline; offsets always valid.

The 50 MB article is in ``benchmarks/robustness.py`` (minutes, not seconds);
a 2 MB one here checks offsets beyond the first chunk.
"""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kg.cli import main
from tests.conftest import png

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"
D000 = EXAMPLES / "d000-shandong-delegation-beijing.txt"
D000_TEXT = D000.read_text(encoding="utf-8")
DEV = ROOT.parent / "shared" / "eval" / "dev"
KG = [sys.executable, "-m", "kg.cli"]
TONED = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ"


def encodable(text: str, encoding: str) -> str:
    """``text`` as far as ``encoding`` can carry it (GBK has no NBSP, Big5 no
    toned pinyin letters)."""
    text = text.replace("\xa0", " ")
    if encoding in ("big5", "cp950"):
        text = re.sub(rf"\([a-z{TONED}]{{1,7}}\)", "", text)
    out = []
    for c in text:
        try:
            c.encode(encoding)
            out.append(c)
        except UnicodeEncodeError:
            pass
    return "".join(out)




def run_kg(*args: str, timeout: float = 600, **kwargs) -> subprocess.CompletedProcess:
    env = {**os.environ, "KG_DEBUG": "", **kwargs.pop("env", {})}
    return subprocess.run([*KG, *args], capture_output=True, text=True, env=env, cwd=ROOT,
                          timeout=timeout, **kwargs)


def no_traceback(err: str) -> None:
    assert "Traceback" not in err and "internal error" not in err, err


# ------------------------------------------------------------------ the failing cases

#: Inputs that cannot be read: (file name, bytes, the problem the message names).
FAILING = [
    ("empty.txt", b"", "empty file"),
    ("blank.txt", " \n\t\r\n\u3000\u3000 \n".encode(), "only whitespace"),
    ("image.txt", png(), "not text: looks like a PNG image"),
    ("program.txt", Path(os.path.realpath(sys.executable)).read_bytes()[:65536],
     "not text: looks like an executable"),
    ("truncated.txt", D000_TEXT[:D000_TEXT.index("北京市", 1000) + 1].encode()[:-1],  # 北 cut in two
     "truncated UTF-8: the file ends inside a character"),
    ("garbled.txt", D000_TEXT[:200].encode() + b"\xff\xfe\xfd" + D000_TEXT[200:400].encode(),
     f"not valid UTF-8 (bad byte at {len(D000_TEXT[:200].encode())})"),
    ("random.bin.txt", bytes(range(256)) * 64, "not text: binary content"),
    ("page.html", b"<html><head><script>var a='\xe5\x88\x98';</script></head><body></body></html>",
     "no article text in the HTML page"),
    ("only-bad.jsonl", b'{"id": 1, "text": 5}\n', '"text" must be a string, not a number'),
]


@pytest.fixture(scope="module")
def failing_dir(tmp_path_factory):
    folder = tmp_path_factory.mktemp("failing")
    for name, data, _ in FAILING:
        (folder / name).write_bytes(data)
    return folder


@pytest.fixture(scope="module")
def failing_runs(failing_dir, tmp_path_factory):
    """Each failing case through both commands, as real processes (run two at
    a time: none of them starts extraction, so each takes well under a second)."""
    out_root = tmp_path_factory.mktemp("failing-out")

    def one(job):
        name, command = job
        args = [command, str(failing_dir / name)]
        out = out_root / f"{name}-{command}"
        if command == "build":
            out.mkdir()
            (out / "graph.json").write_text("previous", encoding="utf-8")
            args += ["-o", str(out)]
        return job, run_kg(*args, timeout=300), out

    jobs = [(name, command) for name, _, _ in FAILING for command in ("extract", "build")]
    with ThreadPoolExecutor(2) as pool:
        return {job: (proc, out) for job, proc, out in pool.map(one, jobs)}


@pytest.mark.parametrize("command", ["extract", "build"])
@pytest.mark.parametrize("name,problem", [(n, p) for n, _, p in FAILING], ids=[n for n, _, _ in FAILING])
def test_unreadable_input_exit_2_one_line(failing_runs, failing_dir, name, problem, command):
    proc, out = failing_runs[(name, command)]
    where = f"{failing_dir}/{name}" + (":1" if name.endswith(".jsonl") else "")
    assert proc.returncode == 2, proc.stderr
    assert proc.stderr.startswith(f"kg: {where}: {problem}"), proc.stderr
    assert proc.stderr.count("\n") == 1, proc.stderr
    assert proc.stdout == ""
    if command == "build":  # nothing was written over the previous output
        assert [p.name for p in out.iterdir()] == ["graph.json"]
        assert (out / "graph.json").read_text(encoding="utf-8") == "previous"


def test_unreadable_file_permission_denied(tmp_path):
    """chmod 000, through both commands.  As root, kg runs without the
    capabilities that let root ignore permissions (see test_ingest)."""
    from helpers import without_root_powers

    secret = tmp_path / "secret.txt"
    secret.write_text("北京", encoding="utf-8")
    secret.chmod(0)
    try:
        for command in ("extract", "build"):
            extra = ["-o", str(tmp_path / "out")] if command == "build" else []
            proc = subprocess.run(without_root_powers([*KG, command, str(secret), *extra]),
                                  capture_output=True, text=True, cwd=ROOT, timeout=300)
            assert proc.returncode == 2
            assert proc.stderr == f"kg: {secret}: permission denied\n"
    finally:
        secret.chmod(0o644)


def test_no_such_input():
    proc = run_kg("extract", "/nonexistent/a.txt")
    assert (proc.returncode, proc.stderr) == (2, "kg: /nonexistent/a.txt: no such file or folder\n")


@pytest.mark.parametrize("command", ["extract", "build"])
def test_empty_standard_input(command, tmp_path):
    extra = ["-o", str(tmp_path / "out")] if command == "build" else []
    proc = run_kg(command, "-", *extra, input="")
    assert (proc.returncode, proc.stderr, proc.stdout) == (2, "kg: <stdin>: empty file\n", "")
    assert not (tmp_path / "out").exists()


# --------------------------------------------------------------- the succeeding cases

PAGE = """<!DOCTYPE html><html><head><meta charset="utf-8"><title>山东省党政代表团到北京市学习</title>
<style>.x:after { content: "样式里的张三丰" }</style>
<script>var who = "省委书记王小明率领代表团"; document.write("<p>市长李四光</p>");</script>
</head><body><nav><a href="/">首页</a> <a href="/news">新闻</a></nav>
<!-- 省长钱六陪同 --><iframe src="ad.html">省委书记孙七率领代表团</iframe>
<article><h1>山东省党政代表团到北京市学习</h1><p>2019年07月23日 17:43 来源:大众日报</p>
<p>7月21日至22日，省委书记刘家义，省委副书记、省长龚正率领山东省党政代表团来到北京市&#x5B66;&#x4E60;考察。</p>
<p>北京市委书记蔡奇陪同调研并在工作交流座谈会上讲话，市委副书记、市长陈吉宁参加。
<p>双方签署了<b>战略合作<i>框架</b>协议</i>。<div><span>未闭合
<noscript>省委书记周八</noscript><script>alert("省长吴九")</script></body>"""
SCRIPT_NAMES = ("王小明", "李四光", "张三丰", "钱六", "孙七", "周八", "吴九")


@pytest.fixture(scope="module")
def good_dir(tmp_path_factory):
    """Inputs that must succeed: the example article in many encodings (each
    in its own folder under the same name, so that document ids match),
    text without Chinese, and an HTML page."""
    folder = tmp_path_factory.mktemp("good")
    variants = {
        "utf-16": ("utf-16", D000_TEXT),
        "gb18030": ("gb18030", D000_TEXT),
        "gbk": ("gbk", encodable(D000_TEXT, "gbk")),
        "big5": ("cp950", encodable(D000_TEXT, "big5")),
    }
    for label, (encoding, text) in variants.items():
        for sub, data in ((label, text.encode(encoding)), (f"{label}-as-utf8", text.encode("utf-8"))):
            (folder / sub).mkdir()
            (folder / sub / "d000.txt").write_bytes(data)
    (folder / "english.txt").write_text(
        "The delegation visited Beijing.\nNothing here is written in Chinese at all.\n" * 30,
        encoding="utf-8")
    (folder / "russian.txt").write_text("Москва — столица России. Делегация посетила город.\n" * 20,
                                        encoding="utf-8")
    (folder / "page.html").write_text(PAGE, encoding="utf-8")
    return folder


def run_main(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def graph_of(command: str, inputs: list[str], tmp_path: Path, capsys, expect: int = 0) -> dict:
    """Run ``kg COMMAND INPUTS`` in this process; its graph.json as a dict."""
    if command == "extract":
        target = tmp_path / "extract.json"
        code, _, err = run_main(capsys, "extract", *inputs, "-o", str(target))
    else:
        target = tmp_path / "build" / "graph.json"
        code, _, err = run_main(capsys, "build", *inputs, "-o", str(tmp_path / "build"))
        assert {p.name for p in target.parent.iterdir()} >= {"graph.json", "graph.ttl", "graph.html"}
    assert code == expect, err
    no_traceback(err)
    return json.loads(target.read_text(encoding="utf-8"))


def comparable(graph: dict) -> dict:
    """A graph without what legitimately differs between two encodings of one
    text: the file's path and the encoding it was read in."""
    graph = json.loads(json.dumps(graph))
    for d in graph["documents"]:
        d.pop("path", None)
        d.pop("encoding", None)
    return graph


@pytest.mark.parametrize("command", ["extract", "build"])
@pytest.mark.parametrize("label", ["utf-16", "gb18030", "gbk", "big5"])
def test_encodings_give_the_same_graph_as_utf8(good_dir, tmp_path, capsys, label, command):
    encoded = graph_of(command, [str(good_dir / label)], tmp_path / "a", capsys)
    reference = graph_of(command, [str(good_dir / f"{label}-as-utf8")], tmp_path / "b", capsys)
    assert encoded["documents"][0].get("encoding", "").replace("_", "-").startswith(
        {"big5": "cp950", "utf-16": "utf-16"}.get(label, "gb18030"))
    assert comparable(encoded) == comparable(reference)
    names = {(e["type"], e["name"]) for e in encoded["entities"]}
    assert ("Person", "刘家义") in names and len(encoded["relations"]) > 3


@pytest.mark.parametrize("command", ["extract", "build"])
@pytest.mark.parametrize("name", ["english.txt", "russian.txt"])
def test_no_chinese_at_all(good_dir, tmp_path, capsys, name, command):
    graph = graph_of(command, [str(good_dir / name)], tmp_path, capsys)
    assert [d["id"] for d in graph["documents"]] == [name]
    assert len(graph["entities"]) <= 2 and graph["failures"] == []


@pytest.mark.parametrize("command", ["extract", "build"])
def test_html_article_text_not_scripts(good_dir, tmp_path, capsys, command):
    graph = graph_of(command, [str(good_dir / "page.html")], tmp_path, capsys)
    words = [e["name"] for e in graph["entities"]]
    words += [m["text"] for e in graph["entities"] for m in e["mentions"]]
    words += [ev["text"] for r in graph["relations"] for ev in r["evidence"]]
    assert not [w for w in words if any(n in w for n in SCRIPT_NAMES)], words
    assert "刘家义" in words and graph["documents"][0]["title"] == "山东省党政代表团到北京市学习"


# ------------------------------------------------------------------------ JSONL

def jsonl_corpus(n_good: int) -> tuple[str, dict[int, str], list[str]]:
    """A JSONL text of ``n_good`` tiny good records with bad lines mixed in:
    (text, {line: problem}, good ids).  Some ids are hostile."""
    hostile_ids = ["../../evil", "/etc/passwd", "a\nb", '"}]}', "<script>alert(1)</script>",
                   "'); MATCH (n) DETACH DELETE n; //", "\u202egnp.exe", "=cmd|' /C calc'!A0"]
    lines, bad, good = [], {}, []
    for i in range(n_good):
        doc_id = hostile_ids[i] if i < len(hostile_ids) else f"r{i}"
        lines.append(json.dumps({"id": doc_id, "text": f"北京市第{i}条。", "url": f"http://x/{i}"},
                                ensure_ascii=False))
        good.append(doc_id)
        if i % 97 == 5:
            lines.append('{"id": "broken", "text": "北京')
            bad[len(lines)] = "not valid JSON"
        if i % 101 == 7:
            lines.append(json.dumps({"id": f"m{i}"}))
            bad[len(lines)] = 'no "text" field'
        if i % 103 == 9:
            lines.append(json.dumps({"id": f"n{i}", "text": ["北京"]}))
            bad[len(lines)] = '"text" must be a string'
        if i % 107 == 11:
            lines.append(json.dumps({"id": good[i // 2], "text": "重复"}, ensure_ascii=False))
            bad[len(lines)] = "duplicate id"
    return "\n".join(lines) + "\n", bad, good


def test_jsonl_good_records_kept_bad_lines_reported_once(tmp_path, capsys):
    text, bad, good = jsonl_corpus(1500)
    corpus = tmp_path / "in" / "corpus.jsonl"
    corpus.parent.mkdir()
    corpus.write_text(text, encoding="utf-8")
    before = sorted(p for p in tmp_path.rglob("*"))
    code, _, err = run_main(capsys, "build", str(corpus), "-o", str(tmp_path / "out"))
    assert code == 1
    no_traceback(err)
    # every bad line once on stderr, by file and line, and nothing else
    lines = err.splitlines()
    assert len(lines) == len(bad) == len(set(lines))
    for line, (number, problem) in zip(lines, sorted(bad.items())):
        assert line.startswith(f"kg: skipped {corpus}:{number}: {problem}"), line
    graph = json.loads((tmp_path / "out" / "graph.json").read_text(encoding="utf-8"))
    assert [d["id"] for d in graph["documents"]] == good          # every good record, in order
    assert [(f["source"], f["line"]) for f in graph["failures"]] == [(str(corpus), n) for n in sorted(bad)]
    # ids chose no paths: the only new files are the three outputs
    after = sorted(p for p in tmp_path.rglob("*"))
    assert sorted(set(after) - set(before)) == sorted(
        [tmp_path / "out", *(tmp_path / "out" / n for n in ("graph.html", "graph.json", "graph.ttl"))])


# -------------------------------------------------------------------- folder trees

@pytest.mark.parametrize("command", ["extract", "build"])
def test_folder_tree_with_bad_files(tmp_path, capsys, command):
    tree = tmp_path / "tree"
    (tree / "a" / "b").mkdir(parents=True)
    (tree / "a" / "good.txt").write_text("省委书记刘家义率领山东省党政代表团来到北京市。", encoding="utf-8")
    (tree / "a" / "b" / "good2.txt").write_bytes("北京市委书记蔡奇陪同调研。".encode("gb18030"))
    (tree / "a" / "b" / "loop").symlink_to("../..")
    (tree / "a" / "image.png").write_bytes(png())              # not a text suffix: skipped
    (tree / "a" / "fake.txt").write_bytes(png())               # a .txt that is not: a failure
    (tree / "a" / "empty.html").write_bytes(b"")
    (tree / "a" / "dangling.txt").symlink_to("nowhere.txt")
    os.mkfifo(tree / "a" / "pipe.txt")                         # never opened
    graph = graph_of(command, [str(tree)], tmp_path, capsys, expect=1)
    assert [d["id"] for d in graph["documents"]] == ["a/good.txt", "a/b/good2.txt"]  # files, then folders
    assert sorted((f["source"], f["problem"]) for f in graph["failures"]) == sorted([
        (f"{tree}/a/b/loop", "symbolic link loop, skipped"),
        (f"{tree}/a/dangling.txt", "broken symbolic link"),
        (f"{tree}/a/empty.html", "empty file"),
        (f"{tree}/a/fake.txt", "not text: looks like a PNG image")])


# ---------------------------------------------------- one bad document never spoils

def test_a_crashing_document_does_not_change_the_others(tmp_path, capsys, monkeypatch):
    """A document whose extraction crashes is reported; the graph of the
    others is exactly what it would be without it."""
    import kg.pipeline

    inputs = [str(EXAMPLES / "a034.txt"), str(D000), str(EXAMPLES / "a049.txt")]
    clean = graph_of("extract", [inputs[0], inputs[2]], tmp_path / "clean", capsys)
    real = kg.pipeline._run_steps

    def crash_on_d000(document, steps):
        if document.id == D000.name:
            raise MemoryError("simulated")
        return real(document, steps)

    monkeypatch.setattr(kg.pipeline, "_run_steps", crash_on_d000)
    target = tmp_path / "with-crash.json"
    code, _, err = run_main(capsys, "extract", *inputs, "-o", str(target))
    graph = json.loads(target.read_text(encoding="utf-8"))
    assert code == 1
    assert err == f"kg: skipped {D000.name}: internal error while extracting (MemoryError: simulated)\n"
    assert graph["failures"] == [{"source": D000.name, "line": None,
                                  "problem": "internal error while extracting (MemoryError: simulated)"}]
    graph["failures"] = []
    assert graph == clean


def test_a_document_that_takes_far_too_long_is_skipped(tmp_path, capsys, monkeypatch):
    """A text on which some rule would run for minutes becomes a failure of its own; the
    documents after it are extracted as usual."""
    import time

    import kg.pipeline

    inputs = [str(EXAMPLES / "a034.txt"), str(D000), str(EXAMPLES / "a049.txt")]
    clean = graph_of("extract", [inputs[0], inputs[2]], tmp_path / "clean", capsys)
    real = kg.pipeline._run_steps

    def hang_on_d000(document, steps):
        if document.id == D000.name:
            time.sleep(60)  # interrupted by the limit
        return real(document, steps)

    monkeypatch.setattr(kg.pipeline, "_run_steps", hang_on_d000)
    monkeypatch.setattr(kg.pipeline, "TIME_LIMIT", 0.5)
    monkeypatch.setattr(kg.pipeline, "TIME_LIMIT_PER_CHAR", 0.0)
    target = tmp_path / "with-hang.json"
    code, _, err = run_main(capsys, "extract", *inputs, "-o", str(target))
    graph = json.loads(target.read_text(encoding="utf-8"))
    assert code == 1
    assert err.startswith(f"kg: skipped {D000.name}: extraction took over 0.5 s; the document was skipped")
    graph["failures"] = []
    assert graph == clean


# ------------------------------------------------------------- long articles, offsets

def test_two_megabyte_article_offsets_beyond_the_first_chunk(tmp_path, capsys):
    """A 2 MB article is cut into pieces (kg.pipeline.CHUNK_CHARS); every
    mention and evidence, wherever it falls, slices the original text."""
    from kg.pipeline import CHUNK_CHARS

    filler = "\u3000" * 20_000 + "\n\n"          # cheap to analyse, no entities
    parts, size = [], 0
    while size < 2_000_000:
        parts.append(D000_TEXT if len(parts) % 2 == 0 else filler)
        size += len(parts[-1].encode("utf-8"))
    text = "".join(parts)
    starts = [m.start() for m in re.finditer(re.escape(D000_TEXT[:20]), text)]
    path = tmp_path / "long.txt"
    path.write_text(text, encoding="utf-8")
    graph = graph_of("extract", [str(path)], tmp_path, capsys)
    read_back = path.read_text(encoding="utf-8")
    mentions = [m for e in graph["entities"] for m in e["mentions"]]
    for m in mentions:
        assert read_back[m["start"]:m["end"]] == m["text"], m
    for r in graph["relations"]:
        for ev in r["evidence"]:
            assert read_back[ev["start"]:ev["end"]] == ev["text"]
    # mentions in every copy of the article, including those far past the first piece
    copies_with_mentions = {max(s for s in starts if s <= m["start"]) for m in mentions}
    assert copies_with_mentions == set(starts) and len(text) > 5 * CHUNK_CHARS
    assert max(m["start"] for m in mentions) > starts[-1] > 5 * CHUNK_CHARS


def test_a_long_articles_mentions_share_their_names():
    """The pieces of a long article name the same things again and again; their mentions
    share one string per name and one key per entity, so memory grows with what is new."""
    from kg.pipeline import CHUNK_CHARS, analyze
    from kg.types import Document

    text = (D000_TEXT + "\u3000" * CHUNK_CHARS + "\n\n") * 3
    an = analyze(Document("long.txt", text))
    first: dict = {}
    copies = 0
    for key, m, forms in an.mentions:
        seen = first.setdefault(m.name, (key, m, forms))
        if seen[1] is not m:
            copies += 1
            assert m.name is seen[1].name and key is seen[0] and forms is seen[2]
            assert text[m.start:m.end] == m.text
    assert copies > 2 * len(first) - 1 and max(m.start for _, m, _ in an.mentions) > 2 * CHUNK_CHARS


# ------------------------------------------- all together, as real processes; kills

@pytest.fixture(scope="module")
def corpus_dir(tmp_path_factory, failing_dir, good_dir):
    """Examples, dev articles, the succeeding and the failing cases together."""
    folder = tmp_path_factory.mktemp("corpus")
    for sub, src in (("examples", EXAMPLES), ("good", good_dir), ("failing", failing_dir)):
        os.symlink(src, folder / sub)
    if DEV.is_dir():
        os.symlink(DEV, folder / "dev")
    text, _, _ = jsonl_corpus(300)
    (folder / "corpus.jsonl").write_text(text, encoding="utf-8")
    return folder


def expected_failures(corpus: Path) -> set[str]:
    _, bad, _ = jsonl_corpus(300)
    names = {f"{corpus}/failing/{name}" for name, _, _ in FAILING}
    names |= {f"{corpus}/failing/only-bad.jsonl:1"}
    names.discard(f"{corpus}/failing/only-bad.jsonl")
    return names | {f"{corpus}/corpus.jsonl:{n}" for n in bad}


def check_everything_run(proc: subprocess.CompletedProcess, corpus: Path, graph: dict) -> None:
    """A run over the whole matrix: exit 1, each bad input (file, or JSONL
    line) named once on stderr, every good document in the graph."""
    assert proc.returncode == 1, proc.stderr
    no_traceback(proc.stderr)
    named = [re.match(r"kg: skipped (.*?): ", line).group(1) for line in proc.stderr.splitlines()]
    assert sorted(named) == sorted(expected_failures(corpus))
    ids = [d["id"] for d in graph["documents"]]
    assert len(ids) == len(set(ids))
    assert {"good/english.txt", "good/page.html", "good/gbk/d000.txt", "good/big5/d000.txt",
            "examples/d000-shandong-delegation-beijing.txt", "../../evil"} <= set(ids)
    assert len(ids) >= len(jsonl_corpus(300)[2]) + 10
    assert sorted(f"{f['source']}" + (f":{f['line']}" if f["line"] else "") for f in graph["failures"]) \
        == sorted(named)


def _snapshot(out: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(out.iterdir()) if not p.name.endswith(".tmp")}


def _assert_readable(out: Path) -> None:
    import rdflib

    data = json.loads((out / "graph.json").read_text(encoding="utf-8"))
    assert data["documents"] and data["entities"]
    rdflib.Graph().parse(out / "graph.ttl", format="turtle")
    assert (out / "graph.html").read_text(encoding="utf-8").rstrip().endswith("</html>")


def _build_and_kill(corpus: Path, out: Path, when: str, seed: int) -> bool:
    """Start ``kg build``, kill it with SIGKILL at the moment named; whether
    the moment was reached before the build finished by itself."""
    proc = subprocess.Popen([*KG, "build", str(corpus), "-o", str(out), "--progress"], cwd=ROOT,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                            env={**os.environ, "PYTHONHASHSEED": str(seed)})
    progress = []
    reader = threading.Thread(target=lambda: progress.extend(iter(lambda: proc.stderr.read(64), b"")),
                              daemon=True)
    reader.start()
    reached = False
    deadline = time.monotonic() + 600
    while proc.poll() is None and time.monotonic() < deadline:
        if when == "starting":
            time.sleep(0.3)
            reached = True
        elif when == "extracting":
            reached = re.search(rb"\b[1-9]\d*doc\b", b"".join(progress)) is not None
        elif when == "writing":
            reached = any(p.name.endswith(".tmp") for p in out.iterdir())
        if reached:
            proc.send_signal(signal.SIGKILL)
            break
        time.sleep(0.002)
    proc.wait(timeout=60)
    reader.join(timeout=10)
    return reached


def test_killed_builds_leave_previous_outputs_and_reruns_are_identical(corpus_dir, tmp_path):
    """Build once; then start the same build again and SIGKILL it while it
    starts, while it extracts and while it writes: each time the previous
    graph.json, graph.ttl and graph.html are there, whole and readable.  A
    last full run (another hash seed) writes byte-identical files and
    clears the temporary files the killed runs left."""
    out = tmp_path / "out"
    first = run_kg("build", str(corpus_dir), "-o", str(out), env={"PYTHONHASHSEED": "1"})
    check_everything_run(first, corpus_dir, json.loads((out / "graph.json").read_text(encoding="utf-8")))
    previous = _snapshot(out)
    assert set(previous) == {"graph.json", "graph.ttl", "graph.html"}
    _assert_readable(out)
    reached = {}
    for seed, when in enumerate(("starting", "extracting", "writing"), 2):
        reached[when] = _build_and_kill(corpus_dir, out, when, seed)
        assert _snapshot(out) == previous, when
        _assert_readable(out)
    assert all(reached.values()), reached
    again = run_kg("build", str(corpus_dir), "-o", str(out), env={"PYTHONHASHSEED": "7"})
    assert again.returncode == 1 and again.stderr == first.stderr
    assert _snapshot(out) == previous                      # byte-identical
    assert [p.name for p in out.iterdir() if p.name.endswith(".tmp")] == []


def test_extract_everything_as_a_process_same_bytes_as_in_process(corpus_dir, capsys):
    """``kg extract`` over the whole matrix as a real process (another hash
    seed) prints byte for byte what it prints in this process."""
    code, here, err = run_main(capsys, "extract", str(corpus_dir))
    proc = run_kg("extract", str(corpus_dir), env={"PYTHONHASHSEED": "12345"})
    check_everything_run(proc, corpus_dir, json.loads(proc.stdout))
    assert code == 1 and err == proc.stderr
    assert proc.stdout == here


# ----------------------------------------------------------------- nothing injected

HOSTILE = ["<script>alert(1)</script>", "<img src=x onerror=alert(1)>", 'a"b\'c', "back\\slash",
           "new\nline", '"}]}', "'); MATCH (n) DETACH DELETE n; //", "> <http://evil> .",
           "=cmd|' /C calc'!A0", "\u202eevil\u200f", "\x00\x1b[31m", "\U0001F600"]


def test_hostile_values_round_trip_through_graph_json(tmp_path):
    """Names, ids, titles and metadata survive graph.json as inert data."""
    from kg.corpus.open import read_graph
    from kg.graph import KnowledgeGraph, graph_to_dict
    from kg.serialize.json import write_json
    from kg.types import Document, Entity, Evidence, Mention, Relation

    docs = [Document(f"doc{i}{h}", f"text {h}", path=h, title=h, source=h, meta={"url": h})
            for i, h in enumerate(HOSTILE)]
    ents = [Entity(f"per-{i:012x}", "Person", h, {"zh-Hans": h, "zh-Hant": h, "pinyin": h}, (h,),
                   (Mention(docs[i].id, 5, 5 + len(h), h, "Person", h),)) for i, h in enumerate(HOSTILE)]
    rels = [Relation(f"rel-{i:012x}", "meets", ents[i].id, ents[-1 - i].id, 0.5,
                     (Evidence(docs[i].id, 0, 5, h, h),)) for i, h in enumerate(HOSTILE)]
    kg = KnowledgeGraph(docs, ents, rels, [{"source": h, "line": None, "problem": h} for h in HOSTILE])
    write_json(kg, tmp_path / "graph.json")
    raw = (tmp_path / "graph.json").read_text(encoding="utf-8")
    data = json.loads(raw)
    assert data == json.loads(json.dumps(graph_to_dict(kg)))
    assert [e["name"] for e in data["entities"]] == HOSTILE
    back = read_graph(tmp_path / "graph.json")
    assert [e.name for e in back.entities] == HOSTILE and [d.id for d in back.documents] == [
        d.id for d in docs]
    assert "\x00" not in raw and "\x1b" not in raw  # control characters are escaped


# ----------------------------------------------------------------------- fuzzing

NOISE = ["省委书记", "刘家义", "率领", "山东省党政代表团", "来到", "北京市", "。", "，", "、", "蔡奇", "陪同",
         "会见", "签署", "《", "》", "协议", "學(xué)", "習(xí)", "亞信科技(中國)有限公司", "\u200f", "\u202e",
         "ＡＢＣ", "\u3000", "巿", "\n", "\n\n", "\x00", "7月21日至22日", "721日至22日", "当天", "的", "和",
         "代表团", "市长", "主席", "习近平", "访问", "出席", "会议", "讲话", "<script>", "'); MATCH (n)",
         '"}]}', "\\", "=cmd", "·", "（", "）", "(", ")", "“", "”", "王", "李", "先生", "表示", "举行",
         "会谈", "中共中央", "总书记", "国家主席", "ā", "שלום", "\U0001F600", "\ufeff", "\r\n"]
noisy_article = st.lists(st.one_of(
    st.sampled_from(NOISE), st.text(max_size=3),
    st.text(alphabet=st.characters(min_codepoint=0x4E00, max_codepoint=0x9FFF), max_size=4),
), max_size=40).map("".join)


@settings(max_examples=150, deadline=None, suppress_health_check=list(HealthCheck))
@given(noisy_article, st.sampled_from([None, "2019-07-23", "2020-01-01"]))
def test_fuzz_analyze_offsets_always_valid(text, date):
    from kg.pipeline import analyze
    from kg.types import Document

    analysis = analyze(Document("fuzz", text, date=date))
    for _, m, _ in analysis.mentions:
        assert 0 <= m.start <= m.end <= len(text) and text[m.start:m.end] == m.text, m
    for r in analysis.relations:
        ev = r.evidence
        assert 0 <= ev.start <= ev.end <= len(text) and text[ev.start:ev.end] == ev.text, ev
    for event in analysis.events:
        for m in event.mentions:
            assert text[m.start:m.end] == m.text, m


def test_example_articles_offsets_slice_the_original(example_graph):
    texts = {d.id: d.text for d in example_graph.documents}
    mentions = [m for e in example_graph.entities for m in e.mentions]
    assert len(mentions) > 100
    for m in mentions:
        assert texts[m.doc][m.start:m.end] == m.text, m
    for r in example_graph.relations:
        for ev in r.evidence:
            assert texts[ev.doc][ev.start:ev.end] == ev.text, ev
