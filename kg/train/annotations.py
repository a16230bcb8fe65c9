"""The annotated articles of ``data/annotations/``: choosing them, checking the annotators,
measuring agreement, and laying them out as gold folders that ``kg eval`` scores.

    python -m kg.train.annotations select [--round N]             # prints selection.tsv (selection-roundN.tsv)
    python -m kg.train.annotations check                           # the annotator check on the dev set
    python -m kg.train.annotations agreement                       # double-annotated articles
    python -m kg.train.annotations gold-folder --split test OUT    # OUT/<id>.txt + OUT/<id>.gold.json
    python -m kg.train.annotations validate                        # every file well-formed

Corpus texts are read from ``../shared/corpus`` (never copied into the repository); an article is
its title, a line break and its text, as the annotators saw it and as the dev articles are laid out.
"""

from __future__ import annotations

import argparse
import gzip
import json
import random
import re
import tempfile
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any, NamedTuple

from kg.corpus.evaluate import format_scores, prf, score
from kg.errors import InputError
from kg.types import ENTITY_TYPES, RELATION_TYPES

__all__ = ["ANNOTATIONS", "CORPUS_FILES", "Article", "articles", "split", "records", "fingerprints", "shares_passage", "as_prediction", "gold_folder", "with_aliases", "validate",
           "check", "agreement", "Round", "ROUNDS", "selection_path", "chosen_before", "select", "main"]

ROOT = Path(__file__).resolve().parents[2]
#: Where the annotations live (a checkout's data folder; not part of the installed package).
ANNOTATIONS = ROOT / "data" / "annotations"
SHARED = ROOT.parent / "shared"
CORPUS_FILES = ("xwlb-2022", "xwlb-2023", "xwlb-2024", "xwlb-2025", "hkcnews-politics")
_GOLD_TYPES = frozenset(ENTITY_TYPES) - {"Event"}


class Article(dict):
    """One annotated article: ``id``, ``source`` (xwlb, hkcnews, web), ``split``, ``text`` and
    ``gold`` (the annotation)."""


def split(annotations: Path = ANNOTATIONS) -> dict[str, tuple[str, str]]:
    """``id -> (source, split)`` from ``split.tsv``."""
    rows = (line.split("\t") for line in (annotations / "split.tsv").read_text(encoding="utf-8").splitlines()[1:])
    return {r[0]: (r[1], r[2]) for r in rows if len(r) >= 3}


def _corpus_texts(ids: set[str], shared: Path) -> dict[str, str]:
    texts = {}
    for name in CORPUS_FILES:
        path = shared / "corpus" / f"{name}.jsonl.gz"
        with gzip.open(path, "rt", encoding="utf-8") as fh:
            for line in fh:
                record = json.loads(line)
                if record["id"] in ids:
                    texts[record["id"]] = record["title"] + "\n" + record["text"] + "\n"
    return texts


def articles(which: str = "all", annotations: Path = ANNOTATIONS, shared: Path = SHARED) -> list[Article]:
    """The annotated articles of a split (``train``, ``test`` or ``all``), with their texts."""
    parts = split(annotations)
    chosen = {i: s for i, s in parts.items() if which == "all" or s[1] == which}
    texts = _corpus_texts({i for i, (src, _) in chosen.items() if src != "web"}, shared)
    out = []
    for doc_id, (source, part) in sorted(chosen.items()):
        if source == "web":
            text = (annotations / "web" / f"{doc_id}.txt").read_text(encoding="utf-8")
            gold_path = annotations / "web" / f"{doc_id}.gold.json"
        else:
            text = texts[doc_id]
            gold_path = annotations / "corpus" / f"{doc_id}.gold.json"
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        out.append(Article(id=doc_id, source=source, split=part, text=text, gold=gold))
    return out


def gold_folder(items: Iterable[Article], out: Path, aliases: bool = True) -> Path:
    """Write ``out/<id>.txt`` and ``out/<id>.gold.json`` (``doc`` = the file name) for ``kg eval``.

    With ``aliases``, a relation's subject and object list every name of the entity they name, as
    the dev gold writes them (``"subject": ["北京市人民政府", "北京市"]``; the guidelines: "where two
    spellings are both right, the gold lists the second as an alias", and any name of a list
    counts): the annotations name each relation once and keep the other spellings with the entity.
    Without, a relation counts only under the one name the annotator wrote in it."""
    out.mkdir(parents=True, exist_ok=True)
    for a in items:
        name = a["id"] + ".txt"
        (out / name).write_text(a["text"], encoding="utf-8")
        gold = dict(a["gold"], doc=name)
        if aliases:
            gold["relations"] = [with_aliases(r, gold.get("entities", [])) for r in gold.get("relations", [])]
        (out / f"{a['id']}.gold.json").write_text(json.dumps(gold, ensure_ascii=False, indent=1), encoding="utf-8")
    return out


def with_aliases(relation: dict[str, Any], entities: list[dict[str, Any]]) -> dict[str, Any]:
    """``relation`` with its subject and object listing all the names of the entities they name.

    >>> ents = [{"type": "Place", "name": "安徽", "aliases": ["安徽省"]}, {"type": "Person", "name": "习近平"}]
    >>> with_aliases({"type": "visits", "subject": "习近平", "object": "安徽"}, ents)["object"]
    ['安徽', '安徽省']
    """
    names: dict[str, list[str]] = {}
    for e in entities:
        forms = [e["name"], *e.get("aliases", [])]
        for form in forms:
            names.setdefault(form, forms)
    out = dict(relation)
    for role in ("subject", "object"):
        value = relation.get(role)
        if value is None:
            continue
        given = value if isinstance(value, list) else [value]
        forms = list(dict.fromkeys(f for v in given for f in names.get(v, [v])))
        out[role] = forms if len(forms) > 1 else forms[0]
    return out


def validate(paths: Iterable[Path]) -> list[str]:
    """Problems of annotation files: types outside the guidelines, relation names that are no
    entity's name or alias.

    >>> validate([])
    []
    """
    problems = []
    for path in paths:
        g = json.loads(path.read_text(encoding="utf-8"))
        names = set()
        for e in g.get("entities", []):
            if e.get("type") not in _GOLD_TYPES:
                problems.append(f"{path.name}: entity type {e.get('type')!r}")
            names.add(e.get("name"))
            names.update(e.get("aliases", []))
        for r in g.get("relations", []):
            if r.get("type") not in RELATION_TYPES:
                problems.append(f"{path.name}: relation type {r.get('type')!r}")
            for role in ("subject", "object"):
                value = r.get(role)
                values = value if isinstance(value, list) else [value]
                if value is not None and not any(v in names for v in values):
                    problems.append(f"{path.name}: {r['type']} {role} {value!r} is no entity")
    return problems


def as_prediction(golds: Iterable[dict[str, Any]], doc_name=lambda d: d) -> dict[str, Any]:
    """Annotations read as a prediction (kg's JSON shape), every item included, optional or not:
    how an annotator's file is scored against another's."""
    docs, entities, relations = [], [], []
    for g in golds:
        doc = doc_name(g["doc"])
        docs.append({"id": doc, "path": doc})
        by_name: dict[str, str] = {}
        for i, e in enumerate(g["entities"]):
            eid = f"{doc}#e{i}"
            entities.append({"id": eid, "type": e["type"], "name": e["name"], "mentions": [{"doc": doc}]})
            for n in [e["name"], *e.get("aliases", [])]:
                by_name.setdefault(n, eid)

        def entity_of(value, doc=doc, by_name=by_name) -> str:
            for n in value if isinstance(value, list) else [value]:
                if n in by_name:
                    return by_name[n]
            eid = f"{doc}#x{len(entities)}"
            entities.append({"id": eid, "type": "?", "name": (value if isinstance(value, str) else value[0]),
                             "mentions": []})
            return eid

        for j, r in enumerate(g["relations"]):
            relations.append({"id": f"{doc}#r{j}", "type": r["type"], "subject": entity_of(r["subject"]),
                              "object": entity_of(r["object"]) if r.get("object") is not None else None,
                              "evidence": [{"doc": doc}]})
    return {"documents": docs, "entities": entities, "relations": relations}


def _f1(totals: dict[str, list[int]], key: str) -> float:
    return prf(*totals.get(key, [0, 0, 0]))[2]


def check(annotations: Path = ANNOTATIONS, shared: Path = SHARED) -> dict[str, list[int]]:
    """The annotator check: the blind annotations of the dev articles scored against the dev gold."""
    golds = [json.loads(p.read_text(encoding="utf-8")) for p in sorted((annotations / "check").glob("*.gold.json"))]
    return score(shared / "eval" / "dev", as_prediction(golds))


def agreement(annotations: Path = ANNOTATIONS, shared: Path = SHARED) -> dict[str, dict[str, list[int]]]:
    """Agreement on the double-annotated articles: the second annotation scored against the
    first, and the first against the second."""
    seconds = {p.name: json.loads(p.read_text(encoding="utf-8"))
               for p in sorted((annotations / "double").glob("*.gold.json"))}
    firsts = {}
    for name in seconds:
        path = annotations / ("web" if name.startswith("w") else "corpus") / name
        firsts[name] = json.loads(path.read_text(encoding="utf-8"))
    out = {}
    for label, gold, pred in (("second against first", firsts, seconds), ("first against second", seconds, firsts)):
        with tempfile.TemporaryDirectory() as tmp:
            for name, g in gold.items():
                Path(tmp, name).write_text(json.dumps(g, ensure_ascii=False), encoding="utf-8")
            out[label] = score(Path(tmp), as_prediction(pred.values()))
    return out


# ----------------------------------------------------------------------------------- selection

# 新闻联播 titles say what an item reports: a category by the cue words of its title, and how many
# items of each to draw.
_XWLB_CATEGORIES = (
    ("meeting", re.compile(r"会见|会谈|会晤|通电话|见面"), 62),
    ("inspection", re.compile(r"考察|调研|看望|慰问|视察"), 45),
    ("delegation", re.compile(r"代表团|率团|访问|出访|访华|国事访问|抵达"), 35),
    ("signing", re.compile(r"签署|签约|签订|协议|联合声明"), 25),
    ("gathering", re.compile(r"出席|开幕|论坛|大会|峰会|博览会|会议|座谈会|典礼"), 35),
)
_BODY_CUES = re.compile(r"会见|会谈|会晤|考察|调研|率领|率|陪同|签署|签订|出席|访问|代表团|参观")
_HK_CUES = re.compile(r"會見|會晤|接見|率團|率領|訪問|訪京|出席|簽署|簽訂|陪同|考察")


def records(shared: Path, name: str) -> Iterator[dict]:
    """The records of one corpus file (``xwlb-2024``, …) of ``shared/corpus``, as dicts."""
    with gzip.open(shared / "corpus" / f"{name}.jsonl.gz", "rt", encoding="utf-8") as fh:
        for line in fh:
            yield json.loads(line)


def fingerprints(folder: Path) -> set[str]:
    """Passages of 30 characters (every 50th, blanks dropped) of the ``*.txt`` articles in ``folder``:
    what :func:`shares_passage` looks for."""
    prints = set()
    for p in folder.glob("*.txt"):
        body = re.sub(r"\s", "", p.read_text(encoding="utf-8", errors="replace"))
        prints.update(body[i:i + 30] for i in range(0, max(1, len(body) - 30), 50))
    return prints


def shares_passage(text: str, prints: set[str]) -> bool:
    """Whether ``text`` holds one of the passages ``prints`` (:func:`fingerprints`): the same article,
    or a copy of one.

    >>> article = "山东省党政代表团来到北京市学习考察，北京市领导在人民大会堂会见了代表团一行。"
    >>> prints = {article[:30]}
    >>> shares_passage("据报道， " + article, prints), shares_passage(article[10:], prints)
    (True, False)
    """
    body = re.sub(r"\s", "", text)
    return any(body[i:i + 30] in prints for i in range(len(body) - 30))


class Round(NamedTuple):
    """How one round draws: its seed, how many 新闻联播 items of each category of
    :data:`_XWLB_CATEGORIES` and with no relation cue, and how many Hong Kong articles with relation
    cues and with few."""

    seed: int
    quotas: dict[str, int]
    quiet: int
    hk: int
    hk_few: int


_BASE_QUOTAS = {category: quota for category, _, quota in _XWLB_CATEGORIES}

#: The rounds of selection: each draws with its own seed and quotas, leaving out what earlier
#: rounds chose.  Rounds 2, 5, 6 and 7 add training articles only; they lean to the relations the
#: models read worst (visits in inspections and delegations, signings) and to Hong Kong.
ROUNDS = {
    1: Round(20261202, _BASE_QUOTAS, 8, 64, 4),
    2: Round(20261203, {c: round(q * 0.85) for c, q in _BASE_QUOTAS.items()}, 8, 100, 4),
    5: Round(20261205, {"meeting": 12, "inspection": 26, "delegation": 22, "signing": 18, "gathering": 10}, 2, 20, 0),
    6: Round(20261206, {"meeting": 0, "inspection": 16, "delegation": 14, "signing": 10, "gathering": 0}, 0, 40, 0),
    7: Round(20261207, {"meeting": 18, "inspection": 24, "delegation": 22, "signing": 14, "gathering": 14}, 2, 56, 2),
}


def selection_path(round_: int, annotations: Path = ANNOTATIONS) -> Path:
    """The file that lists what round ``round_`` chose (``selection.tsv`` for the first)."""
    return annotations / ("selection.tsv" if round_ == 1 else f"selection-round{round_}.tsv")


def chosen_before(round_: int, annotations: Path = ANNOTATIONS) -> set[str]:
    """The ids every round before ``round_`` chose: what ``round_`` leaves out."""
    ids: set[str] = set()
    for earlier in sorted(r for r in ROUNDS if r < round_):
        path = selection_path(earlier, annotations)
        if path.exists():
            ids |= {line.split("\t")[0] for line in path.read_text(encoding="utf-8").splitlines()[1:]}
    return ids


def select(shared: Path = SHARED, round_: int = 1, exclude: set[str] = frozenset()) -> list[tuple[str, str, str, int]]:
    """The corpus articles to annotate, chosen from keywords alone (never from kg's output):
    ``(id, source, category, characters)``.  Dev-set articles and ``exclude`` are left out."""
    plan = ROUNDS[round_]
    rng = random.Random(plan.seed)
    dev = fingerprints(shared / "eval" / "dev")
    chosen: list[tuple[str, str, str, int]] = []
    xwlb = [r for y in (2022, 2023, 2024, 2025) for r in records(shared, f"xwlb-{y}")]
    xwlb = [r for r in xwlb if 200 <= len(r["text"]) <= 2600 and r["id"] not in exclude and not shares_passage(r["text"], dev)]
    taken: set[str] = set()
    for category, pattern, _ in _XWLB_CATEGORIES:
        quota = plan.quotas[category]
        pool = sorted((r for r in xwlb if pattern.search(r["title"]) and r["id"] not in taken), key=lambda r: r["id"])
        # half the quota from the densest third by cue words per character, half at random
        dense = sorted(pool, key=lambda r: -len(_BODY_CUES.findall(r["text"])) / (len(r["text"]) ** 0.5))
        pick = rng.sample(dense[: len(dense) // 3], quota // 2)
        pick += rng.sample([r for r in pool if r not in pick], quota - len(pick))
        for r in pick:
            taken.add(r["id"])
            chosen.append((r["id"], "xwlb", category, len(r["text"])))
    quiet = [r for r in xwlb if r["id"] not in taken and not _BODY_CUES.search(r["text"]) and len(r["text"]) < 900]
    chosen += [(r["id"], "xwlb", "none", len(r["text"])) for r in rng.sample(sorted(quiet, key=lambda r: r["id"]), plan.quiet)]
    hk = sorted((r for r in records(shared, "hkcnews-politics")
                 if 400 <= len(r["text"]) <= 2200 and r["id"] not in exclude and not shares_passage(r["text"], dev)),
                key=lambda r: r["id"])
    with_cues = [r for r in hk if len(_HK_CUES.findall(r["text"])) >= 2]
    chosen += [(r["id"], "hkcnews", "relations", len(r["text"])) for r in rng.sample(with_cues, plan.hk)]
    few = [r for r in hk if len(_HK_CUES.findall(r["text"])) <= 1 and r not in with_cues]
    chosen += [(r["id"], "hkcnews", "few", len(r["text"])) for r in rng.sample(few, plan.hk_few)]
    return chosen


# ---------------------------------------------------------------------------------------- CLI

def _print_scores(title: str, totals: dict[str, list[int]]) -> None:
    print(f"## {title}")
    print(format_scores(totals))
    print(f"entity F1 {_f1(totals, 'entities'):.3f}, relation F1 {_f1(totals, 'relations'):.3f}\n")


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m kg.train.annotations", description=__doc__.splitlines()[0])
    ap.add_argument("--shared", type=Path, default=SHARED, help="the shared folder (corpus, eval)")
    sub = ap.add_subparsers(dest="command", required=True)
    sel = sub.add_parser("select", help="choose the corpus articles to annotate (prints selection.tsv)")
    sel.add_argument("--round", type=int, default=1, choices=sorted(ROUNDS),
                     help="the round of selection; a round leaves out what the rounds before it chose")
    sub.add_parser("check", help="score the blind annotations of the dev articles against the dev gold")
    sub.add_parser("agreement", help="score the double annotations against each other")
    sub.add_parser("validate", help="check every annotation file")
    gf = sub.add_parser("gold-folder", help="write a split as a folder kg eval scores")
    gf.add_argument("out", type=Path)
    gf.add_argument("--split", choices=["train", "test", "all"], default="test")
    gf.add_argument("--as-annotated", action="store_true",
                    help="relations under the one name the annotator wrote, not every name of the entity")
    args = ap.parse_args(argv)
    # A command-line tool: reporting on stdout is its job.
    if args.command == "select":
        print("id\tsource\tcategory\tchars")
        for row in select(args.shared, args.round, chosen_before(args.round)):
            print("\t".join(map(str, row)))
    elif args.command == "check":
        _print_scores("the annotator check: dev articles annotated blind, against the dev gold", check(shared=args.shared))
    elif args.command == "agreement":
        for label, totals in agreement(shared=args.shared).items():
            _print_scores(f"agreement on the double-annotated articles: {label}", totals)
    elif args.command == "validate":
        files = sorted(ANNOTATIONS.rglob("*.gold.json"))
        problems = validate(files)
        print("\n".join(problems) or f"{len(files)} files, no problem")
        return 1 if problems else 0
    elif args.command == "gold-folder":
        items = articles(args.split, shared=args.shared)
        gold_folder(items, args.out, aliases=not args.as_annotated)
        print(f"{len(items)} articles in {args.out}")
    return 0


if __name__ == "__main__":
    try:
        raise SystemExit(main())
    except InputError as exc:
        raise SystemExit(f"kg: {exc}") from None
