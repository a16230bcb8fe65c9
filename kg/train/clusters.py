"""Word clusters learnt from unannotated news, a feature of the mention tagger.

A tagger trained on a few hundred articles has seen few of the words that name places, bodies and
people; a word it never saw still falls in the cluster of words used the same way (the counties of
one region, the ministries, the verbs of meeting).  Clusters of distributional vectors are the
classic way to carry what unannotated text knows into a linear tagger (Turian, Ratinov and Bengio,
2010): here positive pointwise mutual information of each word with the words two before and two
after it, reduced by a truncated SVD and grouped by k-means, all scikit-learn.

    python -m kg.train.clusters [--shared ../shared] [--out kg/lexicon/data/word_clusters.tsv]

The text is every record of ``shared/corpus`` except the articles of the test split and any that
shares a passage with a dev article, read as kg reads text (:func:`kg.text.normalize.normalize`,
then jieba's words).  The output lists words and cluster numbers only; no text is shipped.
Deterministic: the SVD and k-means are seeded.
"""

from __future__ import annotations

import argparse
import re
import time
from collections import Counter
from collections.abc import Iterator, Sequence
from pathlib import Path

from kg.lexicon.clusters import CLUSTERS_PATH
from kg.text.normalize import normalize
from kg.text.segment import segment
from kg.train.annotations import CORPUS_FILES, SHARED, fingerprints, records, shares_passage, split

__all__ = ["SIZES", "learnable", "sentences", "cluster", "write", "main"]

#: The clusterings written, coarse to fine: k-means with this many clusters each.
SIZES = (64, 512)
#: Words seen fewer times than this are not clustered (too few contexts to place them).
MIN_COUNT = 5
#: Context words: the commonest ones, by position (two before, two after).
CONTEXT_WORDS = 10_000
DIMENSIONS = 100
_HAN = re.compile(r"[\u4e00-\u9fff]")
_BOUNDARY = "^"


def learnable(record: dict, held: set[str], dev: set[str]) -> bool:
    """Whether clusters may be learnt from a corpus ``record``: not an article of the test split
    (``held``, their ids) and sharing no passage of 30 characters with a dev article (``dev``, the
    dev articles' :func:`~kg.train.annotations.fingerprints`, as choosing articles to annotate reads them).

    >>> learnable({"id": "a", "text": "国务院总理李强会见来华访问的客人。"}, {"b"}, set())
    True
    >>> learnable({"id": "b", "text": "国务院总理李强会见来华访问的客人。"}, {"b"}, set())
    False
    """
    return record["id"] not in held and not shares_passage(record["text"], dev)


def sentences(shared: Path = SHARED) -> Iterator[list[str]]:
    """The words of every sentence of the corpus records kg may learn from (:func:`learnable`),
    read as kg reads them."""
    held = {doc for doc, (_, part) in split().items() if part == "test"}
    dev = fingerprints(shared / "eval" / "dev")
    for name in CORPUS_FILES:
        for record in records(shared, name):
            if learnable(record, held, dev):
                seg = segment(record["id"], normalize(record["title"] + "\n" + record["text"]))
                text = seg.text
                for s in seg.sentences:
                    yield [text[a:b] for a, b in s.tokens]


def cluster(corpus: Sequence[list[str]], sizes: Sequence[int] = SIZES, seed: int = 5) -> dict[str, tuple[int, ...]]:
    """``word -> (cluster at each size)`` for the words with a Han character seen ``MIN_COUNT``
    times or more in ``corpus`` (sentences as lists of words).

    >>> corpus = [[p, "会见", "来访", "的", g] for p in ("李强", "王毅", "韩正") for g in ("总统", "总理")] * 5
    >>> clusters = cluster(corpus, sizes=(2,))
    >>> clusters["李强"] == clusters["王毅"] != clusters["总统"]
    True
    """
    import numpy as np
    from scipy import sparse
    from sklearn.cluster import MiniBatchKMeans
    from sklearn.decomposition import TruncatedSVD
    from sklearn.preprocessing import normalize as unit

    counts = Counter(w for s in corpus for w in s)
    vocab = sorted((w for w, n in counts.items() if n >= MIN_COUNT and _HAN.search(w)),
                   key=lambda w: (-counts[w], w))
    row_of = {w: i for i, w in enumerate(vocab)}
    contexts = [_BOUNDARY, *sorted(counts, key=lambda w: (-counts[w], w))[:CONTEXT_WORDS]]
    column_of = {w: i for i, w in enumerate(contexts)}
    # one flat sequence, two boundary words between sentences, so that no window crosses one
    flat = [_BOUNDARY, _BOUNDARY]
    for s in corpus:
        flat += s
        flat += (_BOUNDARY, _BOUNDARY)
    row_ids = np.array([row_of.get(w, -1) for w in flat], dtype=np.int64)
    context_ids = np.array([column_of.get(w, -1) for w in flat], dtype=np.int64)
    del flat
    rows, cols = [], []
    r = row_ids[2:-2]  # every word but the two boundary words at each end of the sequence
    for slot, offset in enumerate((-2, -1, 1, 2)):
        c = context_ids[2 + offset:len(context_ids) - 2 + offset]
        ok = (r >= 0) & (c >= 0)
        rows.append(r[ok])
        cols.append(slot * len(contexts) + c[ok])
    rows_a, cols_a = np.concatenate(rows), np.concatenate(cols)
    matrix = sparse.csr_matrix((np.ones(len(rows_a), dtype=np.float64), (rows_a, cols_a)),
                               shape=(len(vocab), 4 * len(contexts)))
    del rows, cols, rows_a, cols_a
    row_sums = np.asarray(matrix.sum(axis=1)).ravel()
    col_sums = np.asarray(matrix.sum(axis=0)).ravel() ** 0.75  # context smoothing (Levy et al., 2015)
    coo = matrix.tocoo()
    pmi = np.log(coo.data * col_sums.sum() / (row_sums[coo.row] * col_sums[coo.col]))
    keep = pmi > 0
    ppmi = sparse.csr_matrix((pmi[keep], (coo.row[keep], coo.col[keep])), shape=matrix.shape)
    del matrix, coo
    dimensions = min(DIMENSIONS, min(ppmi.shape) - 1)  # (a small corpus has fewer)
    vectors = unit(TruncatedSVD(dimensions, random_state=seed).fit_transform(ppmi))
    labels = [MiniBatchKMeans(k, random_state=seed, n_init=3, batch_size=4096).fit_predict(vectors)
              for k in sizes]
    return {w: tuple(int(lab[i]) for lab in labels) for i, w in enumerate(vocab)}


def write(clusters: dict[str, tuple[int, ...]], out: Path) -> Path:
    """Write ``word<TAB>cluster…`` lines, most frequent word first, atomically."""
    tmp = out.with_suffix(".tmp")
    lines = [f"# word clusters at sizes {', '.join(map(str, SIZES))}: python -m kg.train.clusters (see SOURCES.md)"]
    lines += ["\t".join([w, *map(str, c)]) for w, c in clusters.items()]
    tmp.write_text("\n".join(lines) + "\n", encoding="utf-8")
    tmp.replace(out)
    return out


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m kg.train.clusters", description=__doc__.splitlines()[0])
    ap.add_argument("--shared", type=Path, default=SHARED)
    ap.add_argument("--out", type=Path, default=CLUSTERS_PATH)
    args = ap.parse_args(argv)
    t = time.perf_counter()
    corpus = list(sentences(args.shared))
    clusters = cluster(corpus)
    write(clusters, args.out)
    # A training script: reporting on stdout is its job.
    print(f"{len(clusters)} words from {len(corpus)} sentences in {time.perf_counter() - t:.0f} s: {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
