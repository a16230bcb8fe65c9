"""CRFsuite models decoded without CRFsuite's string interface: the same model, the same labels.

CRFsuite tags a sentence from a list of attribute strings per character.  Building those
strings and converting them into CRFsuite's items cost more than half of kg's time (some 24
attributes a character, each built in Python, then encoded and looked up in the model's
dictionary), while the decoding proper costs almost nothing.  :class:`LinearCRF` reads a model's
weights once, looks up raw feature values (:class:`kg.extract.models.crf.Columns`) column by
column in Python dicts, and runs Viterbi and forward-backward in a function numba compiles.

Without numba, or with ``KG_PURE_PYTHON=1`` in the environment, :func:`compiled` says no and the
taggers read their rows through pycrfsuite as before.  Both give the same labels and, to rounding,
the same marginal probabilities (tests/extract/models/test_linear_crf.py compares them on real
sentences; ``benchmarks/identity.py`` compares whole outputs).
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from functools import lru_cache
from itertools import chain
from pathlib import Path

import numpy as np

from kg.extract.models.crf import CHAR_TEMPLATES, Columns

__all__ = ["LinearCRF", "Decoded", "compiled", "use_compiled", "linear_crf", "forget_models"]

_forced: list[bool | None] = [None]


def use_compiled(flag: bool | None) -> None:
    """Decode with the compiled decoder (True), with pycrfsuite (False), or as :func:`compiled`
    finds (None); for tests and benchmarks."""
    _forced[0] = flag


@lru_cache(maxsize=1)
def _numba_available() -> bool:
    if os.environ.get("KG_PURE_PYTHON"):
        return False
    try:
        import numba  # noqa: F401
    except ImportError:
        return False
    return True


def compiled() -> bool:
    """Whether the taggers decode with :class:`LinearCRF` (numba is there and not turned off).

    >>> isinstance(compiled(), bool)
    True
    """
    return _numba_available() if _forced[0] is None else _forced[0]


class Decoded:
    """A stretch's best labels and each label's marginal probability at each character
    (answering like a pycrfsuite ``Tagger`` after ``tag``)."""

    __slots__ = ("labels", "_marginals", "_rows", "_index")

    def __init__(self, labels: list[str], marginals, index: dict[str, int]):
        self.labels = labels
        self._marginals = marginals
        self._rows = None
        self._index = index

    def marginal(self, label: str, i: int) -> float:
        """The probability that character ``i`` has ``label``."""
        if self._rows is None:  # Python floats: asked for a few at a time, each asked for fast
            self._rows = self._marginals.tolist()
        return self._rows[i][self._index[label]]


class LinearCRF:
    """A first-order linear-chain CRF's weights: state weights by attribute and transitions by
    label pair, read from a CRFsuite model.

    Attributes the model never saw weigh nothing, as in CRFsuite: they point at a row of zeros.
    The attributes are found by a 64-bit key of their column and raw value (a character
    template's characters, packed; other values' Python hash), in an open-addressing table
    built once per process (Python's string hashes differ between processes).  Two keys alike
    by chance are some 1e-15 likely a look-up.
    """

    __slots__ = ("labels", "index", "weights", "transitions", "attributes", "unknown", "_table", "_plans")

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
        self._table = self._plans = None

    def __getstate__(self):
        return (self.labels, self.index, self.weights, self.transitions, self.attributes, self.unknown)

    def __setstate__(self, state) -> None:
        self.labels, self.index, self.weights, self.transitions, self.attributes, self.unknown = state
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
        """The look-up table (built on first use in a process) and the column numbers."""
        if self._table is None:
            groups: dict[str, int] = {}
            raw, group, ids = [], [], []
            for attr, k in self.attributes.items():
                prefix, eq, value = attr.partition("=")
                if not eq:
                    continue
                prefix += "="
                template = CHAR_TEMPLATES.get(prefix)
                if template is not None and len(value) != len(template):
                    continue  # (never read)
                raw.append(_pack(value) if template is not None else hash(value))
                group.append(groups.setdefault(prefix, len(groups)))
                ids.append(k)
            bits = max(4, (2 * len(ids)).bit_length())
            keys, slots = _kernels()[1](np.array(raw, np.int64), np.array(group, np.int64),
                                        np.array(ids, np.int32), bits)
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
            word_of = np.fromiter(chain.from_iterable(map(shift.__add__, c.word_of) for c, shift in
                                                      zip(stretches, shifts.tolist())), np.int64, n)
            for k in range(len(column_groups) - direct):
                words = [v for c in stretches for v in c.word_values[k]]
                hashes[direct + k] = np.fromiter(map(hash, words), np.int64, len(words))[word_of]
        attributes = self.attributes
        known = [(i + start, attributes[a]) for c, start in zip(stretches, starts.tolist())
                 for i, a in c.extras if a in attributes]
        where = np.array([i for i, _ in known], dtype=np.int64)
        which = np.array([k for _, k in known], dtype=np.int32)
        path, marginals = _kernels()[0](self.weights, self.transitions, keys, slots, bits, self.unknown,
                                        codes, template_groups, at, hashes, column_groups, where, which, starts)
        names = [self.labels[k] for k in path.tolist()]
        bounds = starts.tolist()
        return [Decoded(names[a:b], marginals[a:b], self.index) for a, b in zip(bounds, bounds[1:])]


def _pack(chars: str) -> int:
    """The key of a character template's value: its characters' code points, 21 bits each."""
    key = 0
    for k, c in enumerate(chars):
        key |= ord(c) << (21 * k)
    return key


def linear_crf(path: str | Path) -> LinearCRF:
    """The :class:`LinearCRF` of the model at ``path``, read once per process (and, for the
    models kg ships, kept in kg's cache: reading a model's dump takes half a second)."""
    return _linear_crf(str(Path(path).resolve()))


def forget_models() -> None:
    """Read the model files again when next asked (a training run rewrites them)."""
    _linear_crf.cache_clear()


@lru_cache(maxsize=4)
def _linear_crf(path: str) -> LinearCRF:
    from kg.lexicon import DATA_DIR, cached

    if Path(path).parent == DATA_DIR.resolve():  # the cache key covers the shipped data files
        return cached("linear-crf-" + Path(path).stem, lambda: LinearCRF.from_model(path))
    return LinearCRF.from_model(path)


_M1 = 0x9E3779B97F4A7C15
_M2 = 0xC2B2AE3D27D4EB4F


def _slot_key(raw, group):  # pragma: no cover - run compiled by numba
    """The 64-bit key of a raw value in a column group (never 0, the empty slot's)."""
    x = np.uint64(raw) * np.uint64(_M1) + (np.uint64(group) + np.uint64(1)) * np.uint64(_M2)
    x ^= x >> np.uint64(31)
    return x | np.uint64(1)


def _build(raw, group, ids, bits):  # pragma: no cover - run compiled by numba
    """An open-addressing table (``2**bits`` slots, linear probing) of ``ids`` by key."""
    size = 1 << bits
    keys = np.zeros(size, np.uint64)
    slots = np.full(size, -1, np.int32)
    shift = np.uint64(64 - bits)
    for m in range(raw.shape[0]):
        x = _slot_key(raw[m], group[m])
        h = np.int64(x >> shift)
        while keys[h] != 0 and keys[h] != x:
            h = (h + 1) & (size - 1)
        keys[h] = x
        slots[h] = ids[m]
    return keys, slots


def _find(keys, slots, bits, raw, group, unknown):  # pragma: no cover - run compiled by numba
    if group < 0:
        return unknown
    x = _slot_key(raw, group)
    size = keys.shape[0]
    h = np.int64(x >> np.uint64(64 - bits))
    while keys[h] != 0:
        if keys[h] == x:
            return slots[h]
        h = (h + 1) & (size - 1)
    return unknown


def _decode(W, T, keys, slots, bits, unknown, codes, template_groups, at, hashes, column_groups,
            where, which, starts):  # pragma: no cover - run compiled by numba
    """Viterbi labels and forward-backward marginals of stretches of text laid end to end
    (stretch ``s`` is characters ``starts[s]:starts[s + 1]``, its padded window
    ``codes[starts[s] + 4 * s:starts[s + 1] + 4 * s + 4]``), whose state score at a character sums
    the rows of ``W`` of its attributes: those the templates read in its window (``at``: the
    window's positions they read), those of the columns (``hashes``: the values' hashes) and
    ``which`` (at characters ``where``)."""
    K, n = hashes.shape
    L = W.shape[1]
    E = np.zeros((n, L))
    for s in range(starts.shape[0] - 1):
        pad = 4 * s
        for k in range(template_groups.shape[0]):
            for t in range(starts[s], starts[s + 1]):
                raw = codes[t + pad + at[k, 0]]
                if at[k, 1] >= 0:
                    raw |= codes[t + pad + at[k, 1]] << 21
                if at[k, 2] >= 0:
                    raw |= codes[t + pad + at[k, 2]] << 42
                r = _find(keys, slots, bits, raw, template_groups[k], unknown)
                for j in range(L):
                    E[t, j] += W[r, j]
    for k in range(K):
        for t in range(n):
            r = _find(keys, slots, bits, hashes[k, t], column_groups[k], unknown)
            for j in range(L):
                E[t, j] += W[r, j]
    for m in range(where.shape[0]):
        t, r = where[m], which[m]
        for j in range(L):
            E[t, j] += W[r, j]
    path = np.zeros(n, np.int64)
    marginals = np.empty((n, L))
    for s in range(starts.shape[0] - 1):
        a, b = starts[s], starts[s + 1]
        if b > a:
            _label(E[a:b], T, path[a:b], marginals[a:b])
    return path, marginals


def _label(E, T, path, marginals):  # pragma: no cover - run compiled by numba
    """Viterbi labels (CRFsuite's: the first best label wins a tie) into ``path`` and
    forward-backward marginals into ``marginals``, of one stretch with state scores ``E``."""
    n, L = E.shape
    score = np.empty((n, L))
    back = np.zeros((n, L), np.int64)
    for j in range(L):
        score[0, j] = E[0, j]
    for t in range(1, n):
        for j in range(L):
            best, arg = -np.inf, 0
            for i in range(L):
                s = score[t - 1, i] + T[i, j]
                if best < s:
                    best, arg = s, i
            back[t, j] = arg
            score[t, j] = best + E[t, j]
    best = -np.inf
    for i in range(L):
        if best < score[n - 1, i]:
            best, path[n - 1] = score[n - 1, i], i
    for t in range(n - 1, 0, -1):
        path[t - 1] = back[t, path[t]]
    # forward-backward in probabilities, each step scaled to sum to one
    G = np.empty((n, L))
    for t in range(n):
        top = E[t, 0]
        for j in range(1, L):
            top = max(top, E[t, j])
        for j in range(L):
            G[t, j] = np.exp(E[t, j] - top)
    X = np.exp(T)
    alpha = np.empty((n, L))
    beta = np.empty((n, L))
    total = 0.0
    for j in range(L):
        alpha[0, j] = G[0, j]
        total += G[0, j]
    for j in range(L):
        alpha[0, j] /= total
    for t in range(1, n):
        total = 0.0
        for j in range(L):
            s = 0.0
            for i in range(L):
                s += alpha[t - 1, i] * X[i, j]
            alpha[t, j] = s * G[t, j]
            total += alpha[t, j]
        for j in range(L):
            alpha[t, j] /= total
    for j in range(L):
        beta[n - 1, j] = 1.0
    for t in range(n - 2, -1, -1):
        total = 0.0
        for i in range(L):
            s = 0.0
            for j in range(L):
                s += X[i, j] * G[t + 1, j] * beta[t + 1, j]
            beta[t, i] = s
            total += s
        for i in range(L):
            beta[t, i] /= total
    for t in range(n):
        total = 0.0
        for j in range(L):
            marginals[t, j] = alpha[t, j] * beta[t, j]
            total += marginals[t, j]
        for j in range(L):
            marginals[t, j] /= total


@lru_cache(maxsize=1)
def _kernels():
    """:func:`_decode` and :func:`_build` compiled by numba (once; numba keeps the machine code in
    its cache)."""
    import numba

    global _slot_key, _find, _label  # the kernels call the compiled helpers
    jit = numba.njit(cache=True, nogil=True)
    _slot_key = jit(_slot_key)
    _find = jit(_find)
    _label = jit(_label)
    return jit(_decode), jit(_build)
