"""Word clusters learnt from unannotated news (``data/word_clusters.tsv``).

Each line is a word and its cluster at each of a few sizes, coarse to fine; words used alike
share clusters (:mod:`kg.train.clusters` says how they are learnt, ``SOURCES.md`` from what).
The mention tagger reads them so that a word it never saw in training is read like those it did.
"""

from __future__ import annotations

from functools import lru_cache

from kg.lexicon import DATA_DIR, cached

__all__ = ["CLUSTERS_PATH", "word_clusters"]

CLUSTERS_PATH = DATA_DIR / "word_clusters.tsv"


def _read_clusters() -> dict[str, tuple[str, ...]]:
    out: dict[str, tuple[str, ...]] = {}
    shared: dict[tuple[str, ...], tuple[str, ...]] = {}  # one tuple per combination of clusters
    for line in CLUSTERS_PATH.read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            word, *numbers = line.split("\t")
            key = tuple(numbers)
            out[word] = shared.setdefault(key, key)
    return out


@lru_cache(maxsize=1)
def word_clusters() -> dict[str, tuple[str, ...]]:
    """``word -> (cluster number at each size, as text)``; empty before the clusters are learnt.

    Kept as a pickle in kg's cache folder (:func:`kg.lexicon.cached`): it loads in a third of the
    time the text takes to parse, which every one-article run pays.

    >>> clusters = word_clusters()
    >>> len(clusters["山东省"]) == len(clusters["会见"]) == 2
    True
    """
    if not CLUSTERS_PATH.exists():
        return {}
    return cached("word_clusters", _read_clusters)
