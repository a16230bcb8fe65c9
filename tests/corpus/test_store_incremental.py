"""A store that grows: files it holds unchanged are not read again, the merge's first pass
reads kept survey views, and adding documents gives what building from all of them at once
gives (kg.corpus.store)."""

from __future__ import annotations

import gzip
import json
import os
from pathlib import Path

import pytest

import kg.text.ingest
from kg.cli import main
from kg.corpus.pickles import KEPT_PARTS, add_kept, read_kept, write_kept
from kg.corpus.store import MANIFEST, Store
from kg.text.ingest import KnownFile, read_inputs

RECORDS = [
    {"id": "n1", "date": "2019-07-23", "text": "省委书记刘家义率领山东省党政代表团来到北京市。北京市委书记蔡奇陪同调研。"},
    {"id": "n2", "date": "2019-07-24", "text": "山東省委書記劉家義在濟南會見北京市黨政代表團。"},
    {"id": "n3", "date": "2020-01-02", "text": "北京市委书记蔡奇到山东省考察。"},
]
MONTH = [
    {"id": "m1", "date": "2020-02-01", "text": "青岛市委书记王清宪会见刘家义。"},
    {"id": "m2", "date": "2020-02-03", "text": "国务院总理李克强会见俄罗斯总统普京。"},
]
HOUR_AGO = 3600


def write_jsonl(path: Path, records: list[dict], age: int = HOUR_AGO) -> Path:
    """A JSONL file last modified ``age`` seconds ago (a file written just now is read again)."""
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    past = path.stat().st_mtime - age
    os.utime(path, (past, past))
    return path


def build(*argv: str) -> int:
    return main(["build", *argv, "--no-progress"])


def outputs(store: Path) -> dict[str, bytes]:
    """What a store writes, decompressed."""
    return {"json": gzip.decompress((store / "graph.json.gz").read_bytes()),
            "ttl": gzip.decompress((store / "graph.ttl.gz").read_bytes()),
            "html": (store / "graph.html").read_bytes()}


def quads(store: Path) -> list[str]:
    import pyoxigraph

    ox = pyoxigraph.Store.read_only(str(Store(store).sparql_path))
    return sorted(str(q) for q in ox)


@pytest.fixture
def reads(monkeypatch) -> list[str]:
    """The files read_inputs reads, by name."""
    seen: list[str] = []
    real = kg.text.ingest.read_file

    def spy(path, doc_id=None):
        seen.append(Path(path).name)
        return real(path, doc_id)

    monkeypatch.setattr(kg.text.ingest, "read_file", spy)
    return seen


def test_adding_a_month_gives_what_building_from_everything_at_once_gives(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    write_jsonl(corpus / "news.jsonl", RECORDS)
    month = write_jsonl(tmp_path / "month.jsonl", MONTH)
    grown, whole = tmp_path / "grown", tmp_path / "whole"
    assert build(str(corpus), "--store", str(grown), "-j", "1") == 0
    assert build(str(corpus), str(month), "--store", str(grown), "-j", "1") == 0
    assert build(str(corpus), str(month), "--store", str(whole), "-j", "1") == 0
    assert outputs(grown) == outputs(whole)
    assert quads(grown) == quads(whole)
    assert Store(grown).summary() == Store(whole).summary()


def test_a_file_held_unchanged_is_not_read_again(tmp_path, reads, capsys):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    write_jsonl(corpus / "news.jsonl", RECORDS)
    store = tmp_path / "store"
    assert build(str(corpus), "--store", str(store), "-j", "1") == 0
    first = outputs(store)
    assert reads == ["news.jsonl"]
    capsys.readouterr()

    reads.clear()
    assert build(str(corpus), "--store", str(store), "-j", "1") == 0
    assert reads == []
    assert "added 0, updated 0, unchanged 3, duplicates 0" in capsys.readouterr().out
    assert outputs(store) == first

    # A new record changes the file's size: it is read again, and only the record is new.
    write_jsonl(corpus / "news.jsonl", [*RECORDS, MONTH[0]])
    assert build(str(corpus), "--store", str(store), "-j", "1") == 0
    assert reads == ["news.jsonl"]
    assert "added 1, updated 0, unchanged 3" in capsys.readouterr().out


def test_a_file_touched_or_just_written_is_read_again(tmp_path, reads):
    path = write_jsonl(tmp_path / "news.jsonl", RECORDS)
    store = Store(tmp_path / "store", create=True)
    store.add(read_inputs([str(path)], known=store.known_file))
    store.add(read_inputs([str(path)], known=store.known_file))
    assert reads == ["news.jsonl"]

    os.utime(path)  # same bytes, a new time: read (and found unchanged)
    reads.clear()
    report = store.add(read_inputs([str(path)], known=store.known_file))
    assert reads == ["news.jsonl"] and report.unchanged == 3
    # Modified a moment ago, it may still change within the clock's step: not noted.
    reads.clear()
    store.add(read_inputs([str(path)], known=store.known_file))
    assert reads == ["news.jsonl"]

    # Outside add() nothing is known.
    assert store.known_file(str(path)) is None


def test_a_file_with_a_bad_line_is_read_and_reported_every_time(tmp_path, reads, capsys):
    path = write_jsonl(tmp_path / "news.jsonl", RECORDS)
    with open(path, "a", encoding="utf-8") as fh:
        fh.write("{not json\n")
    past = path.stat().st_mtime - HOUR_AGO
    os.utime(path, (past, past))
    store = tmp_path / "store"
    for _ in range(2):
        reads.clear()
        assert build(str(path), "--store", str(store), "-j", "1") == 1  # some failed
        assert reads == ["news.jsonl"]
        assert "not valid JSON" in capsys.readouterr().err
    assert len(Store(store).failures()) == 1


def test_ids_of_a_skipped_file_still_make_later_ids_unique(tmp_path, reads):
    """A record whose id an earlier, unread file holds gets the id reading it would give."""
    first = write_jsonl(tmp_path / "a.jsonl", RECORDS[:2])
    second = write_jsonl(tmp_path / "b.jsonl", [{**RECORDS[2], "id": "n1"}])
    grown = Store(tmp_path / "grown", create=True)
    grown.add(read_inputs([str(first)], known=grown.known_file))
    report = grown.add(read_inputs([str(first), str(second)], known=grown.known_file))
    assert reads == ["a.jsonl", "b.jsonl"] and (report.added, report.unchanged) == (1, 2)
    whole = Store(tmp_path / "whole", create=True)
    whole.add(read_inputs([str(first), str(second)]))
    assert sorted(d["id"] for d in grown.documents()) == sorted(d["id"] for d in whole.documents())
    assert "n1#2" in {d["id"] for d in grown.documents()}


def test_a_known_file_stands_for_its_documents_with_unique_ids(tmp_path):
    path = write_jsonl(tmp_path / "news.jsonl", RECORDS)
    items = list(read_inputs([str(path), str(path)], known=lambda p: ("n1", "n2")))
    assert items == [KnownFile(str(path), ("n1", "n2"), ("n1", "n2")),
                     KnownFile(str(path), ("n1", "n2"), ("n1#2", "n2#2"))]


def test_the_first_pass_reads_kept_views_and_merges_the_same(tmp_path, monkeypatch):
    import kg.corpus.store

    path = write_jsonl(tmp_path / "news.jsonl", RECORDS + MONTH)
    store = tmp_path / "store"
    assert build(str(path), "--store", str(store), "-j", "1") == 0
    (views,) = store.glob("survey-*.pickle.gz")
    first = outputs(store)
    loads = []
    real = kg.corpus.store.load_analysis
    monkeypatch.setattr(kg.corpus.store, "load_analysis", lambda p, share=True: loads.append(p) or real(p, share))
    Store(store).write_outputs(force=True)
    assert len(loads) == len(RECORDS + MONTH)  # once each: the first pass read the views
    assert outputs(store) == first

    # Without the views (or with a damaged file) the analyses are read twice, the same merged.
    views.write_bytes(b"not a pickle")
    loads.clear()
    Store(store).write_outputs(force=True)
    assert len(loads) == 2 * len(RECORDS + MONTH) and outputs(store) == first


def test_an_unreadable_analysis_with_a_kept_view_is_left_out_as_without_views(tmp_path):
    path = write_jsonl(tmp_path / "news.jsonl", RECORDS + MONTH)
    store = tmp_path / "store"
    assert build(str(path), "--store", str(store), "-j", "1") == 0
    manifest = json.loads((store / MANIFEST).read_text(encoding="utf-8"))
    damaged = next(d for d in manifest["documents"] if d["id"] == "n1")
    (analysis,) = store.glob(f"analyses/*/{damaged['sha256']}.pickle.gz")
    analysis.write_bytes(b"damaged")
    (kept,) = store.glob("survey-*.pickle.gz")
    with_views = Store(store).to_graph(views=read_kept(kept))
    without = Store(store).to_graph()
    assert with_views == without
    assert [f["source"] for f in with_views.failures] == ["n1"]


def test_a_second_run_keeps_its_new_views_and_names_beside_the_first_runs(tmp_path, monkeypatch):
    import kg.corpus.store

    first, month = write_jsonl(tmp_path / "a.jsonl", RECORDS), write_jsonl(tmp_path / "b.jsonl", MONTH)
    store = tmp_path / "store"
    assert build(str(first), "--store", str(store), "-j", "1") == 0
    (views,) = store.glob("survey-*[0-9a-f].pickle.gz")
    (labels,) = store.glob("labels-*[0-9a-f].pickle.gz")
    written = views.read_bytes(), labels.read_bytes()
    assert build(str(first), str(month), "--store", str(store), "-j", "1") == 0
    # The first run's files are as they were; the month's views and names are a part beside each.
    assert (views.read_bytes(), labels.read_bytes()) == written
    assert len(list(store.glob("survey-*.1.pickle.gz"))) == len(list(store.glob("labels-*.1.pickle.gz"))) == 1
    assert len(read_kept(views)) == len(RECORDS + MONTH) and "王清宪" in read_kept(labels)
    loads = []
    real = kg.corpus.store.load_analysis
    monkeypatch.setattr(kg.corpus.store, "load_analysis", lambda p, share=True: loads.append(p) or real(p, share))
    Store(store).write_outputs(force=True)
    assert len(loads) == len(RECORDS + MONTH)  # once each: the first pass read every view


def test_kept_parts_are_written_whole_again_after_so_many_and_a_bad_part_is_left_out(tmp_path):
    path = tmp_path / "canonical-k.pickle.gz"
    write_kept(path, {"a": 1})
    kept = {"a": 1}
    for n in range(KEPT_PARTS + 1):
        kept[f"k{n}"] = n
        add_kept(path, kept, [f"k{n}"])
    assert read_kept(path) == kept and list(tmp_path.glob("canonical-k.*.pickle.gz")) == []
    kept["x"], kept["y"] = "x", "y"
    add_kept(path, kept, ["x"])
    add_kept(path, kept, ["y"])
    (tmp_path / "canonical-k.1.pickle.gz").write_bytes(b"damaged")
    assert read_kept(path) == {k: v for k, v in kept.items() if k != "x"}
    write_kept(path, kept)  # whole: the parts go
    assert read_kept(path) == kept and list(tmp_path.glob("canonical-k.*.pickle.gz")) == []
