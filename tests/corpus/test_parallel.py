"""Extraction in worker processes and on a Dask cluster (kg.corpus.parallel)."""

from __future__ import annotations

import gzip
import json
import os
import subprocess
import sys

import pytest
from helpers import ROOT

from kg.corpus.parallel import IN_FLIGHT_PER_WORKER, map_ordered
from kg.errors import UsageError
from kg.pipeline import Failure
from kg.types import Document

SHORT = [
    ("a.txt", "2019年7月23日\n省委书记刘家义率领山东省党政代表团来到北京市。北京市委书记蔡奇陪同。"),
    ("b.txt", "2019年7月24日\n山東省委書記劉家義在濟南會見北京市黨政代表團。"),
    ("c.txt", "2020年1月2日\n北京市委书记蔡奇到山东省考察。"),
]


def _die_on_two(x: int) -> int:
    """A task that kills its worker process on 2 (a crash, an OOM kill)."""
    if x == 2:
        os._exit(3)
    return x * 10


def test_results_come_back_in_input_order_with_failures_in_place():
    failure = Failure("bad.txt", "not text")
    items = ["刘家义", failure, "蔡奇", "龚正", "陈吉宁", "李伟"]
    out = list(map_ordered(len, items, workers=2, in_flight=2))
    assert out == [3, failure, 2, 2, 3, 2]
    assert out[1] is failure


def test_a_worker_that_dies_costs_only_its_own_item():
    out = list(map_ordered(_die_on_two, [0, 1, 2, 3, 4], workers=2))
    assert out[:2] == [0, 10] and out[3:] == [30, 40]
    assert isinstance(out[2], Failure) and "died" in out[2].problem


def test_the_input_stream_is_read_lazily():
    pulled = []

    def stream():
        for i in range(1000):
            pulled.append(i)
            yield i

    results = map_ordered(abs, stream(), workers=2)
    assert next(results) == 0
    # Only the in-flight window was read ahead, not the whole stream.
    assert len(pulled) <= 2 * IN_FLIGHT_PER_WORKER + 1
    results.close()


def test_parallel_run_equals_serial_run(tmp_path):
    from kg.corpus.parallel import run
    from kg.graph import graph_to_dict
    from kg.text.ingest import read_inputs

    for name, text in SHORT:
        (tmp_path / name).write_text(text, encoding="utf-8")
    (tmp_path / "empty.txt").write_text("", encoding="utf-8")
    one = run(read_inputs([str(tmp_path)]), workers=1)
    two = run(read_inputs([str(tmp_path)]), workers=2)
    assert graph_to_dict(one) == graph_to_dict(two)
    assert [d.id for d in two.documents] == ["a.txt", "b.txt", "c.txt"]
    assert [f["source"] for f in two.failures] == [str(tmp_path / "empty.txt")]
    # The unreadable file's neighbours are all there, resolved across documents.
    liu = [e for e in two.entities if e.type == "Person" and e.name == "刘家义"]
    assert len(liu) == 1 and {m.doc for m in liu[0].mentions} == {"a.txt", "b.txt"}


_JIEBA_RACE = """
import sys
from kg.corpus.parallel import map_ordered
from kg.text.segment import tokenize
# KG_PURE_PYTHON=1 (the fallback without rjieba): every worker loads jieba's own dictionary
texts = ["山东省党政代表团来到北京市学习", "蔡奇陪同调研并在座谈会上讲话，美方出售F-16战机"] * 4
got = list(map_ordered(tokenize, texts, workers=3, in_flight=6))
assert got == [tokenize(t) for t in texts], got
print("ok")
"""


def test_workers_share_kgs_own_jieba_cache_without_racing(tmp_path):
    cache, tmp = tmp_path / "cache", tmp_path / "tmp"
    cache.mkdir()
    tmp.mkdir()
    env = {**os.environ, "KG_CACHE_DIR": str(cache), "TMPDIR": str(tmp), "KG_PURE_PYTHON": "1"}
    # Three processes start together on an empty cache: each builds the
    # dictionary and renames its cache into place.
    done = subprocess.run([sys.executable, "-c", _JIEBA_RACE], env=env, capture_output=True, text=True,
                          timeout=300, cwd=ROOT, check=False)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "ok"
    assert (cache / "jieba.kg.cache").stat().st_size > 1_000_000
    assert not list(tmp.glob("jieba*.cache"))  # nothing in the shared temporary folder
    assert not [p for p in cache.iterdir() if p.name != "jieba.kg.cache"]  # no leftovers


# -------------------------------------------------------------------------- dask


@pytest.fixture(scope="module")
def dask_cluster():
    distributed = pytest.importorskip("distributed")
    import logging

    logging.getLogger("distributed").setLevel(logging.ERROR)
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1",
                                  scheduler_port=0, dashboard_address=None) as cluster:
        yield cluster.scheduler_address


@pytest.fixture
def corpus(tmp_path):
    folder = tmp_path / "corpus"
    folder.mkdir()
    for name, text in SHORT:
        (folder / name).write_text(text, encoding="utf-8")
    (folder / "broken.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")
    return folder


def test_dask_build_equals_local_build(dask_cluster, corpus, tmp_path, capsys):
    from kg.cli import main

    local, remote = tmp_path / "local", tmp_path / "dask"
    assert main(["build", str(corpus), "-o", str(local), "--no-progress"]) == 1
    assert main(["build", str(corpus), "-o", str(remote), "--no-progress", "--scheduler", dask_cluster]) == 1
    a = json.loads((local / "graph.json").read_text(encoding="utf-8"))
    b = json.loads((remote / "graph.json").read_text(encoding="utf-8"))
    assert a == b
    assert len(a["documents"]) == 3 and [f["source"] for f in a["failures"]] == [str(corpus / "broken.txt")]
    assert "broken.txt" in capsys.readouterr().err


def test_dask_store_build_equals_local_store_build(dask_cluster, corpus, tmp_path):
    from kg.cli import main

    local, remote = tmp_path / "s1", tmp_path / "s2"
    assert main(["build", str(corpus), "--store", str(local), "-j", "1", "--no-progress"]) == 1
    assert main(["build", str(corpus), "--store", str(remote), "--scheduler", dask_cluster,
                 "--no-progress"]) == 1
    a = json.loads(gzip.decompress((local / "graph.json.gz").read_bytes()))
    b = json.loads(gzip.decompress((remote / "graph.json.gz").read_bytes()))
    assert a == b and len(a["documents"]) == 3
    # The analyses the cluster returned were written here, one per document.
    assert len(list((remote / "analyses").rglob("*.pickle.gz"))) == 3


def test_an_unreachable_scheduler_is_a_usage_error(monkeypatch):
    pytest.importorskip("distributed")
    import socket

    from kg.corpus import parallel

    monkeypatch.setattr(parallel, "CONNECT_TIMEOUT", "2s")
    with socket.socket() as s:  # a port nobody listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    with pytest.raises(UsageError, match=f"127.0.0.1:{port}"):
        parallel.run_dask([Document("a", "刘家义")], f"tcp://127.0.0.1:{port}")

