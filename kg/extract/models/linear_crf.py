"""CRFsuite models decoded without CRFsuite's string interface: the same model, the same labels.

CRFsuite tags a sentence from a list of attribute strings per character.  Building those
strings and converting them into CRFsuite's items cost more than half of kg's time (some 24
attributes a character, each built in Python, then encoded and looked up in the model's
dictionary), while the decoding proper costs almost nothing.  :class:`LinearCRF` reads a model's
weights once,
finds the attributes of raw feature values (:class:`kg.extract.models.columns.Columns`) in a table,
and sums their weights and runs Viterbi and forward-backward in a kernel compiled from Cython
(``_crf_kernel.pyx``, built when kg is installed), many stretches of text per call.

Without the kernel, or with ``KG_PURE_PYTHON=1`` in the environment, :func:`compiled` says no and the
taggers read their rows through pycrfsuite as before.  Both give the same labels and, to rounding,
the same marginal probabilities (tests/extract/models/test_linear_crf.py compares them on real
sentences; ``benchmarks/identity.py`` compares whole outputs).
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Sequence
from functools import lru_cache
from itertools import chain
from pathlib import Path

import numpy as np

from kg.extract.models.columns import CHAR_TEMPLATES, Columns

__all__ = ["LinearCRF", "Decoded", "compiled", "kernel_available", "use_compiled", "linear_crf", "forget_models", "decode_each"]

_forced: list[bool | None] = [None]


def use_compiled(flag: bool | None) -> None:
    """Decode with the compiled decoder (True), with pycrfsuite (False), or as :func:`compiled`
    finds (None); for tests and benchmarks."""
    _forced[0] = flag


@lru_cache(maxsize=1)
def kernel_available() -> bool:
    """Whether the compiled kernel (``_crf_kernel``, built when kg is installed) is there and not
    turned off (``KG_PURE_PYTHON=1``)."""
    if os.environ.get("KG_PURE_PYTHON"):
        return False
    try:
        from kg.extract.models import _crf_kernel  # noqa: F401
    except ImportError:
        return False
    return True


def compiled() -> bool:
    """Whether the taggers decode with :class:`LinearCRF` (the kernel is there and not turned off).

    >>> isinstance(compiled(), bool)
    True
    """
    return kernel_available() if _forced[0] is None else _forced[0]


class Decoded:
    """A stretch's best labels and each label's marginal probability at each character
    (answering like a pycrfsuite ``Tagger`` after ``tag``): computed when first asked for, as
    most stretches are never asked."""

    __slots__ = ("labels", "_scores", "_transitions", "_rows", "_marginals", "_index")

    def __init__(self, labels: list[str], scores, transitions, index: dict[str, int]):
        self.labels = labels
        self._scores = scores
        self._transitions = transitions
        self._marginals = None
        self._rows: dict[int, list[float]] = {}
        self._index = index

    def marginal(self, label: str, i: int) -> float:
        """The probability that character ``i`` has ``label``."""
        if self._marginals is None:
            self._marginals = _kernel().marginals(self._scores, self._transitions)
        # a few characters are asked about, each for several labels: their rows as Python floats
        row = self._rows.get(i)
        if row is None:
            row = self._rows[i] = self._marginals[i].tolist()
        return row[self._index[label]]


class LinearCRF:
    """A first-order linear-chain CRF's weights: state weights by attribute and transitions by
    label pair, read from a CRFsuite model.

    Attributes the model never saw weigh nothing, as in CRFsuite: they point at a row of zeros.
    The attributes are found by a 64-bit key of their column and raw value (a character
    template's characters, packed; other values' Python hash), in an open-addressing table
    built once per process (Python's string hashes differ between processes).  Two keys alike
    by chance are some 1e-15 likely a look-up.
    """

    __slots__ = ("labels", "index", "weights", "transitions", "attributes", "unknown", "keys", "_table", "_plans")

    def __init__(self, labels: Sequence[str], attributes: Sequence[str],
                 state: dict[tuple[str, str], float], transitions: dict[tuple[str, str], float]):
        self.labels = list(labels)
        self.index = {label: k for k, label in enumerate(self.labels)}
        self.attributes = {attr: k for k, attr in enumerate(attributes)}
        self.unknown = len(self.attributes)
        weights = np.zeros((self.unknown + 1, len(self.labels)))
        for (attr, label), w in state.items():
            weights[self.attributes[attr], self.index[label]] = w
        trans = np.zeros((len(self.labels), len(self.labels)))
        for (a, b), w in transitions.items():
            trans[self.index[a], self.index[b]] = w
        self.weights, self.transitions = weights, trans
        self.keys = _attribute_keys(self.attributes)
        self._table = self._plans = None

    def __getstate__(self):
        return (self.labels, self.index, self.weights, self.transitions, self.attributes, self.unknown, self.keys)

    def __setstate__(self, state) -> None:
        self.labels, self.index, self.weights, self.transitions, self.attributes, self.unknown, self.keys = state
        self._table = self._plans = None

    @classmethod
    def from_model(cls, path: str | Path) -> LinearCRF:
        """The weights of the CRFsuite model at ``path``."""
        import pycrfsuite

        tagger = pycrfsuite.Tagger()
        tagger.open(str(path))
        info = tagger.info()
        labels = sorted(info.labels, key=lambda label: int(info.labels[label]))
        return cls(labels, sorted(info.attributes, key=lambda a: int(info.attributes[a])),
                   info.state_features, info.transitions)

    def _lookup(self):
        """The look-up table (built on first use in a process) and the column groups."""
        if self._table is None:
            packed, packed_group, packed_ids, hashed, hashed_group, hashed_ids, groups = self.keys
            raw = np.concatenate([packed, np.fromiter(map(hash, hashed), np.int64, len(hashed))])
            group = np.concatenate([packed_group, hashed_group])
            ids = np.concatenate([packed_ids, hashed_ids])
            bits = max(4, (2 * len(ids)).bit_length())
            keys, slots = _kernel().build(raw, group, ids, bits)
            self._table = (keys, slots, bits, groups)
            self._plans = {}
        return self._table

    def _plan(self, columns: Columns):
        """The groups and window positions of ``columns``' templates, and the groups of its columns."""
        table = self._lookup()
        key = (columns.templates, columns.prefixes, columns.word_prefixes)
        plan = self._plans.get(key)
        if plan is None:
            groups = table[3]
            at = np.full((len(columns.templates), 3), -1, np.int64)
            for k, t in enumerate(columns.templates):
                at[k, :len(CHAR_TEMPLATES[t])] = CHAR_TEMPLATES[t]
            plan = self._plans[key] = (
                np.array([groups.get(t, -1) for t in columns.templates], np.int64), at,
                np.array([groups.get(p, -1) for p in columns.prefixes + columns.word_prefixes], np.int64))
        return plan

    def decode(self, columns: Columns) -> Decoded:
        """The best labels of a stretch of text and their marginals.

        >>> from kg.extract.models.crf import MODEL_PATH, base_columns
        >>> linear_crf(MODEL_PATH).decode(base_columns("陈平原说，北大的传统很重要。")).labels[:4]
        ['B-PER', 'I-PER', 'I-PER', 'O']
        """
        return self.decode_many([columns])[0]

    def decode_many(self, stretches: Sequence[Columns]) -> list[Decoded]:
        """:meth:`decode` of each of ``stretches`` (the same columns), in one call of the kernel."""
        if not stretches:
            return []
        keys, slots, bits, _ = self._lookup()
        template_groups, at, column_groups = self._plan(stretches[0])
        starts = np.zeros(len(stretches) + 1, np.int64)
        np.cumsum([len(c) for c in stretches], out=starts[1:])
        n = int(starts[-1])
        codes = np.frombuffer("".join(c.chars for c in stretches).encode("utf-32-le"), dtype=np.uint32).astype(np.int64)
        hashes = np.empty((len(column_groups), n), np.int64)
        direct = len(stretches[0].prefixes)
        for k in range(direct):
            hashes[k] = np.fromiter(map(hash, chain.from_iterable(c.values[k] for c in stretches)), np.int64, n)
        if direct < len(column_groups):  # word columns: a hash per word, spread over its characters
            shifts = np.cumsum([0] + [len(c.word_values[0]) for c in stretches[:-1]])
            word_of = np.fromiter(chain.from_iterable(c.word_of for c in stretches), np.int64, n)
            word_of += np.repeat(shifts, np.diff(starts))
            for k in range(len(column_groups) - direct):
                words = [v for c in stretches for v in c.word_values[k]]
                hashes[direct + k] = np.fromiter(map(hash, words), np.int64, len(words))[word_of]
        number = self.attributes.get
        known = [(i + start, k) for c, start in zip(stretches, starts.tolist())
                 for i, a in c.extras if (k := number(a)) is not None]
        where = np.array([i for i, _ in known], dtype=np.int64)
        which = np.array([k for _, k in known], dtype=np.int32)
        path, scores = _kernel().decode(self.weights, self.transitions, keys, slots, bits, self.unknown,
                                        codes, template_groups, at, hashes, column_groups, where, which, starts)
        names = [self.labels[k] for k in path.tolist()]
        bounds = starts.tolist()
        return [Decoded(names[a:b], scores[a:b], self.transitions, self.index) for a, b in zip(bounds, bounds[1:])]


def _attribute_keys(attributes: dict[str, int]):
    """The attributes with a value, by column group: a character template's packed (its
    characters' code points, 21 bits each), the others' values to be hashed in each process;
    with their groups and numbers, and the groups by column prefix."""
    groups: dict[str, int] = {}
    by_size: dict[int, tuple[list[str], list[int], list[int]]] = {}
    hashed: tuple[list[str], list[int], list[int]] = ([], [], [])
    for attr, k in attributes.items():
        prefix, eq, value = attr.partition("=")
        if not eq:
            continue
        prefix += "="
        template = CHAR_TEMPLATES.get(prefix)
        if template is not None and len(value) != len(template):
            continue  # (no character window reads it)
        into = hashed if template is None else by_size.setdefault(len(value), ([], [], []))
        into[0].append(value)
        into[1].append(groups.setdefault(prefix, len(groups)))
        into[2].append(k)
    packed, packed_group, packed_ids = [np.zeros(0, np.int64)], [np.zeros(0, np.int64)], [np.zeros(0, np.int32)]
    for size, (values, group, ids) in by_size.items():
        codes = np.frombuffer("".join(values).encode("utf-32-le"), np.uint32).astype(np.int64).reshape(-1, size)
        packed.append(sum(codes[:, j] << (21 * j) for j in range(size)))
        packed_group.append(np.array(group, np.int64))
        packed_ids.append(np.array(ids, np.int32))
    return (np.concatenate(packed), np.concatenate(packed_group), np.concatenate(packed_ids),
            hashed[0], np.array(hashed[1], np.int64), np.array(hashed[2], np.int32), groups)


def linear_crf(path: str | Path) -> LinearCRF:
    """The :class:`LinearCRF` of the model at ``path``, read once per process (and, for the
    models kg ships, kept in kg's cache: reading a model's dump takes half a second)."""
    return _linear_crf(str(path))


def forget_models() -> None:
    """Read the model files again when next asked (a training run rewrites them)."""
    _tagger.cache_clear()
    _linear_crf.cache_clear()


@lru_cache(maxsize=4)
def _tagger(path: str):
    """pycrfsuite's tagger of the model at ``path``, opened once per process."""
    import pycrfsuite

    tagger = pycrfsuite.Tagger()
    tagger.open(path)
    return tagger


def decode_each(model: Path, stretches: Sequence[Columns]) -> Iterator[tuple[list[str], object]]:
    """The labels the CRFsuite model at ``model`` gives the characters of each of ``stretches``,
    and what answers for their marginal probabilities (``.marginal(label, i)``, to be asked
    before the next is drawn): the compiled decoder (:mod:`kg.extract.models.linear_crf`, all
    stretches at once) where it runs, else pycrfsuite reading their rows one by one.

    >>> from kg.extract.models.crf import MODEL_PATH, base_columns
    >>> [(labels[:3], probabilities.marginal("B-PER", 0) > 0.5)
    ...  for labels, probabilities in decode_each(MODEL_PATH, [base_columns("陈平原说")])]
    [(['B-PER', 'I-PER', 'I-PER'], True)]
    """
    if compiled():
        for decoded in linear_crf(model).decode_many(stretches):
            yield decoded.labels, decoded
        return
    tagger = _tagger(str(model))
    for columns in stretches:
        yield tagger.tag(columns.rows()), tagger




@lru_cache(maxsize=4)
def _linear_crf(path: str) -> LinearCRF:
    from kg.lexicon import DATA_DIR, cached

    if Path(path).resolve().parent == DATA_DIR.resolve():  # the cache key covers the shipped data files
        return cached("linear-crf-" + Path(path).stem, lambda: LinearCRF.from_model(path))
    return LinearCRF.from_model(path)


def _kernel():
    from kg.extract.models import _crf_kernel

    return _crf_kernel
