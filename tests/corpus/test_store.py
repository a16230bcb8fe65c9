"""The persistent corpus store (kg.corpus.store) and ``kg build --store``."""

from __future__ import annotations

import gzip
import json
import pickle
from pathlib import Path

import pytest

from kg.cli import main
from kg.corpus.store import MANIFEST, Store
from kg.errors import OutputError, QueryError, UsageError

ARTICLES = {
    "a.txt": "山东省党政代表团到北京市学习\n2019年7月23日\n省委书记刘家义率领山东省党政代表团来到北京市。"
             "北京市委书记蔡奇陪同调研。",
    "b.txt": "刘家义会见客人\n2019年7月24日\n山東省委書記劉家義在濟南會見北京市黨政代表團。",
    "c.txt": "蔡奇到山东考察\n2020年1月2日\n北京市委书记蔡奇到山东省考察。",
}


@pytest.fixture
def corpus(tmp_path) -> Path:
    folder = tmp_path / "corpus"
    folder.mkdir()
    for name, text in ARTICLES.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def build(*argv: str) -> int:
    return main(["build", *argv, "--no-progress"])


def graph(store: Path) -> dict:
    """The merged graph a store keeps in its folder (graph.json, compressed)."""
    return json.loads(gzip.decompress((store / "graph.json.gz").read_bytes()).decode("utf-8"))


def sparql_count(store: Path, query: str) -> int:
    import pyoxigraph

    ox = pyoxigraph.Store.read_only(str(Store(store).sparql_path))
    (row,) = list(ox.query(query))
    return int(row[0].value)


COUNT_ALL = "SELECT (COUNT(*) AS ?n) WHERE { { ?s ?p ?o } UNION { GRAPH ?g { ?s ?p ?o } } }"
COUNT_GRAPHS = "SELECT (COUNT(DISTINCT ?g) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"


# ------------------------------------------------------------------ idempotence


def test_rebuilding_a_store_duplicates_nothing(corpus, tmp_path, capsys):
    store = tmp_path / "store"
    assert build(str(corpus), "--store", str(store), "-j", "2") == 0
    first = (store / "graph.json.gz").read_bytes()
    quads = sparql_count(store, COUNT_ALL)
    assert "added 3" in capsys.readouterr().out

    assert build(str(corpus), "--store", str(store), "-j", "2") == 0
    assert "added 0, updated 0, unchanged 3" in capsys.readouterr().out
    assert (store / "graph.json.gz").read_bytes() == first
    assert sparql_count(store, COUNT_ALL) == quads
    # Forcing a rewrite from the stored analyses gives the same graph too.
    Store(store).write_outputs(force=True)
    assert (store / "graph.json.gz").read_bytes() == first
    assert sparql_count(store, COUNT_ALL) == quads

    g = graph(store)
    assert len(g["documents"]) == 3
    ids = [e["id"] for e in g["entities"]]
    assert len(ids) == len(set(ids))
    mentions = [(m["doc"], m["start"], m["end"], e["type"]) for e in g["entities"] for m in e["mentions"]]
    assert len(mentions) == len(set(mentions))
    assert len(list((store / "analyses").rglob("*.pickle.gz"))) == 3
    # one graph: every statement once, in the default graph
    assert sparql_count(store, COUNT_GRAPHS) == 0
    assert not (store / "graph.json").exists() and (store / "graph.ttl.gz").exists()


def test_a_second_run_adds_only_new_documents_and_merges_across_them(corpus, tmp_path):
    store = Store(tmp_path / "store", create=True)
    from kg.text.ingest import read_inputs

    report = store.add(read_inputs([str(corpus / "a.txt")]))
    assert report.added == 1
    report = store.add(read_inputs([str(corpus)]))
    assert (report.added, report.unchanged) == (2, 1)
    kg = store.to_graph()
    liu = [e for e in kg.entities if e.type == "Person" and e.name == "刘家义"]
    assert len(liu) == 1  # one node, simplified (a.txt) and traditional (b.txt) mentions
    assert {m.doc for m in liu[0].mentions} == {"a.txt", "b.txt"}
    assert all(d.text == "" for d in kg.documents)  # lean: no texts held
    assert sorted(d.meta["chars"] for d in kg.documents) == sorted(len(t) for t in ARTICLES.values())


@pytest.mark.parametrize("name", ["news.jsonl", "news.jsonl.gz", "news.ndjson"])
def test_every_record_of_a_jsonl_file_is_a_document_of_its_own(tmp_path, name):
    import gzip

    from kg.text.ingest import read_inputs

    lines = "".join(json.dumps({"id": f"r{i}", "text": text}, ensure_ascii=False) + "\n"
                    for i, text in enumerate(ARTICLES.values()))
    path = tmp_path / name
    path.write_bytes(gzip.compress(lines.encode()) if name.endswith(".gz") else lines.encode())
    store = Store(tmp_path / "store", create=True)
    report = store.add(read_inputs([str(path)]))
    assert (report.added, report.updated) == (3, 0)
    assert sorted(d["id"] for d in store.documents()) == ["r0", "r1", "r2"]
    report = store.add(read_inputs([str(path)]))
    assert (report.added, report.updated, report.unchanged) == (0, 0, 3)


@pytest.mark.parametrize("change, expect", [
    # The same file with new text replaces its old analysis.
    (lambda c: (c / "a.txt").write_text(ARTICLES["a.txt"] + "蔡奇讲话。", encoding="utf-8"),
     {"updated": 1, "unchanged": 2, "documents": 3}),
    # The same text under another name is a duplicate, not a new document.
    (lambda c: (c / "copy.txt").write_text(ARTICLES["c.txt"], encoding="utf-8"),
     {"duplicates": 1, "unchanged": 3, "documents": 3}),
    # Another file with a taken name, in a sub-folder: both are kept.
    (lambda c: ((c / "sub").mkdir(), (c / "sub" / "a.txt").write_text("李强来到上海市。", encoding="utf-8")),
     {"added": 1, "unchanged": 3, "documents": 4}),
])
def test_changed_and_repeated_documents(corpus, tmp_path, change, expect):
    from kg.text.ingest import read_inputs

    store = Store(tmp_path / "store", create=True)
    store.add(read_inputs([str(corpus)]))
    change(corpus)
    report = store.add(read_inputs([str(corpus)]))
    for key in ("added", "updated", "unchanged", "duplicates"):
        assert getattr(report, key) == expect.get(key, 0), key
    assert len(store.documents()) == expect["documents"]
    ids = [d["id"] for d in store.documents()]
    assert len(ids) == len(set(ids))
    # Exactly one analysis file per stored document: replaced ones are removed.
    assert len(list((store.path / "analyses").rglob("*.pickle.gz"))) == expect["documents"]
    # Nothing changes on the next run.
    again = store.add(read_inputs([str(corpus)]))
    assert (again.added, again.updated) == (0, 0)


def test_a_same_named_file_elsewhere_keeps_its_own_id_when_it_changes(corpus, tmp_path):
    from kg.text.ingest import read_inputs

    other = tmp_path / "other"
    other.mkdir()
    (other / "a.txt").write_text("李强来到上海市。", encoding="utf-8")
    store = Store(tmp_path / "store", create=True)
    store.add(read_inputs([str(corpus), str(other)]))
    (other / "a.txt").write_text("李强来到上海市考察。", encoding="utf-8")
    report = store.add(read_inputs([str(other)]))
    assert (report.added, report.updated) == (0, 1)
    assert sorted(d["id"] for d in store.documents())[:1] == ["a.txt"]
    assert len(store.documents()) == 4


def test_a_corpus_named_another_way_after_an_upgrade_is_the_same_corpus(corpus, tmp_path, monkeypatch):
    import kg.corpus.parallel as parallel
    from kg.text.ingest import read_inputs

    monkeypatch.chdir(tmp_path)
    store = Store(tmp_path / "store", create=True)
    store.add(read_inputs(["corpus"]))  # relative
    first = store.to_graph()
    monkeypatch.setattr(parallel, "extractor_fingerprint", lambda: "a newer kg")
    report = store.add(read_inputs([str(corpus.resolve())]))  # absolute, under a newer extractor
    assert (report.added, report.updated) == (0, 3)
    assert len(store.documents()) == 3
    again = store.to_graph()
    ids = [e.id for e in again.entities]
    assert len(ids) == len(set(ids)) and sorted(ids) == sorted(e.id for e in first.entities)


def test_entries_that_share_a_text_are_merged_once(corpus, tmp_path):
    from kg.text.ingest import read_inputs

    store = Store(tmp_path / "store", create=True)
    store.add(read_inputs([str(corpus)]))
    one = store.to_graph()
    # what an older kg could leave: a second entry naming a stored text
    entry = dict(store.documents()[0], id="old-copy")
    store._docs[entry["id"]] = entry
    two = store.to_graph()
    assert [e.id for e in two.entities] == [e.id for e in one.entities]


# --------------------------------------------------------------------- failures


def test_one_unreadable_file_is_reported_and_the_rest_is_built(corpus, tmp_path, capsys):
    (corpus / "scan.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)))
    store = tmp_path / "store"
    assert build(str(corpus), "--store", str(store), "-j", "1") == 1
    err = capsys.readouterr().err
    assert "scan.txt" in err and "PNG" in err
    g = graph(store)
    assert sorted(d["id"] for d in g["documents"]) == ["a.txt", "b.txt", "c.txt"]
    assert [Path(f["source"]).name for f in g["failures"]] == ["scan.txt"]
    # Fixed, the file is added and its failure forgotten.
    (corpus / "scan.txt").write_text("蔡奇来到天津市。", encoding="utf-8")
    assert build(str(corpus), "--store", str(store), "-j", "1") == 0
    g = graph(store)
    assert len(g["documents"]) == 4 and g["failures"] == []


def test_a_store_of_only_failures_is_a_usage_error(tmp_path):
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"")
    assert build(str(bad), "--store", str(tmp_path / "store")) == 2


# ------------------------------------------------------------------ reading back


def test_read_graph_and_query_work_on_the_store_directly(corpus, tmp_path):
    from kg.corpus.open import read_graph

    store, out = tmp_path / "store", tmp_path / "site"
    assert build(str(corpus), "--store", str(store), "-o", str(out), "-j", "1") == 0
    assert (out / "graph.json").exists() and (out / "graph.ttl").exists() and (out / "graph.html").exists()
    assert not (store / "graph.json").exists()
    assert Store.is_store(store) and not Store.is_store(out)
    from_store = read_graph(store)  # recomputed from the stored analyses
    from_json = read_graph(out / "graph.json")
    assert [e.id for e in from_store.entities] == [e.id for e in from_json.entities]
    persons = sparql_count(store, "PREFIX kg: <https://w3id.org/kg-news/ontology#> "
                                  "SELECT (COUNT(DISTINCT ?p) AS ?n) WHERE { ?p a kg:Person }")
    assert persons == len([e for e in from_json.entities if e.type == "Person"])


KG_PREFIX = "PREFIX kg: <https://w3id.org/kg-news/ontology#> "
COUNT_MENTION_NODES = KG_PREFIX + "SELECT (COUNT(*) AS ?n) WHERE { ?m a kg:Mention }"
COUNT_LINKS = KG_PREFIX + "SELECT (COUNT(*) AS ?n) WHERE { ?e kg:mentionedIn ?d }"
COUNT_SPANS = KG_PREFIX + "SELECT (COUNT(*) AS ?n) WHERE { ?e kg:mentionSpans ?spans }"


def test_the_store_links_names_to_documents_and_keeps_spans_in_graph_json_unless_asked(corpus, tmp_path):
    from kg.corpus.open import read_graph
    from kg.serialize.rdf_read import read_rdf_graph

    store = tmp_path / "store"
    assert build(str(corpus), "--store", str(store), "-j", "1") == 0
    links = sparql_count(store, COUNT_ALL)
    pairs = {(e["id"], m["doc"]) for e in graph(store)["entities"] for m in e["mentions"]}
    assert (sparql_count(store, COUNT_LINKS), sparql_count(store, COUNT_SPANS)) == (len(pairs), 0)
    assert sparql_count(store, COUNT_MENTION_NODES) == 0
    mentions = {(e.id, m.doc, m.start, m.end) for e in read_graph(store).entities for m in e.mentions}
    assert len(mentions) > len(pairs)  # graph.json.gz keeps every span

    assert build(str(corpus), "--store", str(store), "--mentions", "compact") == 0  # rewritten, not re-extracted
    assert sparql_count(store, COUNT_SPANS) == len(pairs)
    assert sparql_count(store, COUNT_ALL) - links == len(pairs)  # one literal per entity and document
    # graph.ttl.gz says the same, and reads back with every mention
    assert {(e.id, m.doc, m.start, m.end) for e in read_rdf_graph(store / "graph.ttl.gz").entities
            for m in e.mentions} == mentions

    assert build(str(corpus), "--store", str(store), "--mentions", "nodes") == 0
    assert sparql_count(store, COUNT_MENTION_NODES) == len(mentions)
    # a node of 7 statements per mention (link, type, document, text, offsets, rule) instead of
    # 1 statement per entity and document
    assert sparql_count(store, COUNT_ALL) - links == 7 * len(mentions) - len(pairs)


@pytest.mark.parametrize("kind, made_by", [("labels", "_labels"), ("canonical", "_canonical")])
def test_what_a_merge_makes_of_names_is_kept_for_the_next_merge(corpus, tmp_path, monkeypatch, kind, made_by):
    """Labels (pypinyin) and canonical forms (OpenCC) are made once per name, then read back."""
    import kg.resolve.merging

    store = tmp_path / "store"
    assert build(str(corpus), "--store", str(store), "-j", "1") == 0
    (kept,) = store.glob(f"{kind}-*.pickle.gz")
    first = graph(store)
    calls = []
    real = getattr(kg.resolve.merging, made_by)
    monkeypatch.setattr(kg.resolve.merging, made_by, lambda name: calls.append(name) or real(name))
    Store(store).write_outputs(force=True)
    assert calls == []  # every name came from what was kept
    assert graph(store) == first
    kept.write_bytes(b"not a pickle")  # a damaged file is ignored and written again
    Store(store).write_outputs(force=True)
    assert calls and graph(store) == first


def test_a_stored_analysis_cannot_run_code(corpus, tmp_path):
    from kg.text.ingest import read_inputs

    store = Store(tmp_path / "store", create=True)
    store.add(read_inputs([str(corpus / "a.txt")]))
    marker = tmp_path / "pwned"

    class Evil:
        def __reduce__(self):
            return (Path.touch, (marker,))

    import gzip

    (victim,) = list((store.path / "analyses").rglob("*.pickle.gz"))
    victim.write_bytes(gzip.compress(pickle.dumps(Evil())))
    kg = store.to_graph()
    assert not marker.exists()
    assert kg.documents == [] and "unreadable" in kg.failures[0]["problem"]


# ------------------------------------------------------------------------ misuse


def test_a_store_is_written_by_one_build_at_a_time(tmp_path):
    store = Store(tmp_path / "store", create=True)
    with store._lock(), pytest.raises(OutputError, match="another kg build"):
        Store(store.path).add([])


@pytest.mark.parametrize("setup, error", [
    (lambda p: (p.mkdir(), (p / "notes.txt").write_text("mine")), UsageError),
    (lambda p: (p.mkdir(), (p / MANIFEST).write_text("{not json")), QueryError),
    (lambda p: (p.mkdir(), (p / MANIFEST).write_text('{"format": "other-tool", "documents": []}')), QueryError),
])
def test_folders_that_are_not_stores_are_refused(tmp_path, setup, error):
    target = tmp_path / "x"
    setup(target)
    with pytest.raises(error):
        Store(target, create=True)
    assert not Store.is_store(target)


# ----------------------------------------------------------------------- outputs

HOSTILE = ["<img src=x onerror=alert(1)>", "'); MATCH (n) DETACH DELETE n; //", "> <http://evil> .",
           "=cmd|' /C calc'!A0", "a\\b\"c\nd", "\u202e刘家义", "劉家義"]


def hostile_graph(n: int):
    from kg.graph import KnowledgeGraph
    from kg.types import Document, Entity, Evidence, Mention, Relation

    docs = [Document(f"d{i}.txt", "", title=HOSTILE[i % len(HOSTILE)], meta={"chars": i}) for i in range(3)]
    entities = [Entity(f"per-{i:04d}", "Person", HOSTILE[i % len(HOSTILE)],
                       mentions=(Mention("d0.txt", i, i + 2, HOSTILE[i % len(HOSTILE)], "Person", "x"),),
                       attributes={"first_stated": "2019-07-23"} if i % 2 else {}) for i in range(n)]
    relations = [Relation(f"rel-{i:04d}", "meets", f"per-{i:04d}", f"per-{i + 1:04d}", 0.5,
                          (Evidence("d1.txt", 0, 5, HOSTILE[i % len(HOSTILE)], "会见"),)) for i in range(n - 1)]
    return KnowledgeGraph(docs, entities, relations, [{"source": HOSTILE[0], "line": 3, "problem": "bad"}])


def test_a_large_graph_is_drawn_as_an_overview(monkeypatch):
    from kg.corpus import store as store_mod

    monkeypatch.setattr(store_mod, "OVERVIEW_ENTITIES", 10)
    kg = hostile_graph(40)
    view, title = store_mod._overview(kg, "corpus")
    assert len(view.entities) == 10 and "overview" in title and "of 40" in title
    kept = {e.id for e in view.entities}
    assert all(r.subject in kept and r.object in kept for r in view.relations)
    small, same = store_mod._overview(hostile_graph(5), "corpus")
    assert same == "corpus" and len(small.entities) == 5


def test_sparql_loading_in_small_pieces_loads_everything(corpus, tmp_path, monkeypatch):
    from kg.corpus import sparql_load
    from kg.serialize.rdf import write_rdf
    from kg.text.ingest import read_inputs

    store = Store(tmp_path / "store", create=True)
    store.add(read_inputs([str(corpus)]))
    store.write_outputs()
    whole = sparql_count(store.path, COUNT_ALL)
    # Pieces are cut at line ends, which is safe only because kg's RDF has no blank nodes.
    import io

    buf = io.BytesIO()
    write_rdf(store.to_graph(), buf, "nquads")
    assert b" _:" not in buf.getvalue() and not buf.getvalue().startswith(b"_:")
    monkeypatch.setattr(sparql_load, "LOAD_CHUNK_BYTES", 2048)
    store.write_outputs(force=True)
    assert sparql_count(store.path, COUNT_ALL) == whole
    assert len(list(store.path.glob("oxigraph-*"))) == 1  # the old one is removed


# ------------------------------------------------------------------ the SPARQL store updated


def statements_of(store: Path) -> list[str]:
    import io

    import pyoxigraph

    buf = io.BytesIO()
    pyoxigraph.Store.read_only(str(Store(store).sparql_path)).dump(buf, pyoxigraph.RdfFormat.N_QUADS)
    return sorted(buf.getvalue().decode("utf-8").splitlines())


def updates_noted(store: Path) -> int:
    (kept,) = store.glob("subjects-*.pickle.gz")
    return pickle.loads(gzip.decompress(kept.read_bytes()))["updates"]


@pytest.fixture
def small_batches(monkeypatch):
    # A three-article corpus changes most of its subjects at each step: let it update anyway,
    # in pieces of one subject and a few bytes, to reach every branch.
    from kg.corpus import sparql_load

    monkeypatch.setattr(sparql_load, "MAX_CHANGED_SHARE", 1.0)
    monkeypatch.setattr(sparql_load, "DELETE_BATCH", 1)
    monkeypatch.setattr(sparql_load, "LOAD_CHUNK_BYTES", 64)


@pytest.mark.parametrize("change", ["add", "replace"])
def test_an_updated_sparql_store_holds_what_a_fresh_one_holds(corpus, tmp_path, small_batches, change):
    store, fresh = tmp_path / "store", tmp_path / "fresh"
    first = [str(corpus / "a.txt"), str(corpus / "b.txt")] if change == "add" else [str(corpus)]
    assert build(*first, "--store", str(store)) == 0
    assert updates_noted(store) == 0
    if change == "replace":  # the same file, another text: what c.txt said goes
        (corpus / "c.txt").write_text("王毅会见客人\n2020年1月3日\n外交部长王毅在北京会见法国外长。", encoding="utf-8")
    assert build(str(corpus), "--store", str(store)) == 0
    assert updates_noted(store) == 1
    assert len(list(store.glob("oxigraph-*"))) == 1 and len(list(store.glob("subjects-*"))) == 1
    assert build(str(corpus), "--store", str(fresh)) == 0
    assert statements_of(store) == statements_of(fresh)


def test_a_store_loads_afresh_after_many_updates_or_without_its_digests(corpus, tmp_path, small_batches, monkeypatch):
    from kg.corpus import store as store_mod

    monkeypatch.setattr(store_mod, "MAX_UPDATES", 1)
    store = tmp_path / "store"
    assert build(str(corpus / "a.txt"), "--store", str(store)) == 0
    assert build(str(corpus / "a.txt"), str(corpus / "b.txt"), "--store", str(store)) == 0
    assert updates_noted(store) == 1
    assert build(str(corpus), "--store", str(store)) == 0
    assert updates_noted(store) == 0  # the second update in a row: loaded whole
    (corpus / "c.txt").write_text("王毅会见客人\n2020年1月3日\n外交部长王毅在北京会见法国外长。", encoding="utf-8")
    next(store.glob("subjects-*.pickle.gz")).unlink()
    assert build(str(corpus), "--store", str(store)) == 0
    assert updates_noted(store) == 0  # nothing known of what the SPARQL store held: loaded whole
    fresh = tmp_path / "fresh"
    assert build(str(corpus), "--store", str(fresh)) == 0
    assert statements_of(store) == statements_of(fresh)
