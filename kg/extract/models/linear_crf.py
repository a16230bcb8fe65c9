"""CRFsuite models decoded without CRFsuite's string interface: the same model, the same labels.

CRFsuite tags a sentence from a list of attribute strings per character.  Building those
strings and converting them into CRFsuite's items cost more than half of kg's time (some 24
attributes a character, each built in Python, then encoded and looked up in the model's
dictionary), while the decoding proper costs almost nothing.  :class:`LinearCRF` reads a model's
weights once and finds the attributes of raw feature values
(:class:`kg.extract.models.columns.Columns`) in a table; a kernel compiled from Cython
(``_crf_kernel.pyx``, built when kg is installed) hashes the values, finds the rare attributes' numbers,
sums their weights and runs Viterbi, many stretches of text per call, and forward-backward where
probabilities are asked for.  Everything done per character is done there: in Python, making
an int of each value's hash cost more than the decoding.

Without the kernel, or with ``KG_PURE_PYTHON=1`` in the environment, :func:`compiled` says no and the
taggers read their rows through pycrfsuite as before.  Both give the same labels and, to rounding,
the same marginal probabilities (tests/extract/models/test_linear_crf.py compares them on real
sentences; ``benchmarks/identity.py`` compares whole outputs).
"""

from __future__ import annotations

from array import array
from collections.abc import Iterator, Sequence
from functools import lru_cache
from itertools import accumulate, chain
from pathlib import Path

from kg.extract.models.columns import CHAR_TEMPLATES, Columns
from kg.lexicon import compiled_module

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
    return compiled_module("kg.extract.models._crf_kernel") is not None


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

    __slots__ = ("labels", "_model", "_scores", "_start", "_marginals")

    def __init__(self, labels: list[str], model: LinearCRF, scores, start: int):
        self.labels = labels
        self._model = model
        self._scores = scores  # the state scores of a batch, this stretch's rows from ``start``
        self._start = start
        self._marginals: list[float] | None = None

    def marginal(self, label: str, i: int) -> float:
        """The probability that character ``i`` has ``label``."""
        model = self._model
        if self._marginals is None:
            self._marginals = _kernel().marginals(self._scores, self._start, self._start + len(self.labels),
                                                  len(model.labels), model.transitions).tolist()
        return self._marginals[i * len(model.labels) + model.index[label]]


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
        size = len(self.labels)
        # flat, row after row: an attribute's row of weights by label, and one of zeros
        weights = array("d", bytes(8 * (self.unknown + 1) * size))
        for (attr, label), w in state.items():
            weights[self.attributes[attr] * size + self.index[label]] = w
        trans = array("d", bytes(8 * size * size))
        for (a, b), w in transitions.items():
            trans[self.index[a] * size + self.index[b]] = w
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
            raw = array("q", packed)
            raw.extend(map(hash, hashed))
            bits = max(4, (2 * len(raw)).bit_length())  # at most half the slots taken
            keys, slots = _kernel().build(raw, packed_group + hashed_group, packed_ids + hashed_ids, bits)
            self._table = (keys, slots, bits, groups)
            self._plans = {}
        return self._table

    def _plan(self, columns: Columns):
        """The groups and window positions of ``columns``' templates, and the groups of its
        columns and word columns."""
        groups = self._lookup()[3]
        key = (columns.templates, columns.prefixes, columns.word_prefixes)
        plan = self._plans.get(key)
        if plan is None:
            at = array("q")
            for t in columns.templates:
                at.extend((*CHAR_TEMPLATES[t], -1, -1)[:3])
            plan = self._plans[key] = (
                array("q", [groups.get(t, -1) for t in columns.templates]), at,
                array("q", [groups.get(p, -1) for p in columns.prefixes]),
                array("q", [groups.get(p, -1) for p in columns.word_prefixes]))
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
        template_groups, at, column_groups, word_groups = self._plan(stretches[0])
        kernel = _kernel()
        starts = array("q", accumulate(map(len, stretches), initial=0))
        codes = array("I", "".join(c.chars for c in stretches).encode("utf-32-le"))
        hashes = array("q")
        for k, prefix in enumerate(stretches[0].prefixes):
            for c in stretches:  # both taggers read the base columns: hashed once
                known = c.derived.get(prefix)
                if known is None:
                    known = c.derived[prefix] = kernel.hashes([c.values[k]])
                hashes.extend(known)
        word_hashes, word_of, word_starts = array("q"), array("q"), array("q")
        if word_groups:  # word columns: a hash per word, read by its characters
            word_starts.extend(accumulate((len(c.word_values[0]) for c in stretches), initial=0))
            word_hashes = kernel.hashes([c.word_values[k] for k in range(len(word_groups)) for c in stretches])
            word_of.extend(chain.from_iterable(c.word_of for c in stretches))
        # (an attribute the model never saw is -1: the kernel passes it over)
        where, which = kernel.extras([c.extras for c in stretches], starts, self.attributes)
        path, scores = kernel.decode(self.weights, self.transitions, len(self.labels), keys, slots, bits,
                                     self.unknown, codes, template_groups, at, hashes, column_groups,
                                     word_hashes, word_groups, word_of, word_starts, where, which, starts)
        names = [self.labels[k] for k in path]
        return [Decoded(names[a:b], self, scores, a) for a, b in zip(starts, starts[1:])]


def _attribute_keys(attributes: dict[str, int]):
    """The attributes with a value, by column group: a character template's packed (its
    characters' code points, 21 bits each), the others' values to be hashed in each process;
    with their groups and numbers, and the groups by column prefix."""
    groups: dict[str, int] = {}
    packed, packed_group, packed_ids = array("q"), array("q"), array("i")
    hashed, hashed_group, hashed_ids = [], array("q"), array("i")
    for attr, k in attributes.items():
        prefix, eq, value = attr.partition("=")
        if not eq:
            continue
        prefix += "="
        template = CHAR_TEMPLATES.get(prefix)
        if template is not None and len(value) != len(template):
            continue  # (no character window reads it)
        if template is None:
            hashed.append(value)
            hashed_group.append(groups.setdefault(prefix, len(groups)))
            hashed_ids.append(k)
        else:
            packed.append(sum(ord(c) << (21 * j) for j, c in enumerate(value)))
            packed_group.append(groups.setdefault(prefix, len(groups)))
            packed_ids.append(k)
    return packed, packed_group, packed_ids, hashed, hashed_group, hashed_ids, groups


def linear_crf(path: str | Path) -> LinearCRF:
    """The :class:`LinearCRF` of the model at ``path``, read once per process (and, for the
    models kg ships, kept in kg's cache: reading a model's dump takes half a second)."""
    return _linear_crf(str(path))


@lru_cache(maxsize=4)
def _linear_crf(path: str) -> LinearCRF:
    from kg.lexicon import DATA_DIR, cached

    if Path(path).resolve().parent == DATA_DIR.resolve():  # the cache key covers the shipped data files
        return cached("linear-crf-" + Path(path).stem, lambda: LinearCRF.from_model(path))
    return LinearCRF.from_model(path)


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
    before the next is drawn): :class:`LinearCRF` with the compiled kernel (all stretches at once)
    where it runs, else pycrfsuite reading their rows one by one.

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


def _kernel():
    """The compiled kernel (imported when first used: :func:`kernel_available` says whether it is there)."""
    from kg.extract.models import _crf_kernel

    return _crf_kernel
