# cython: language_level=3, boundscheck=False, wraparound=False, cdivision=True, initializedcheck=False
"""The compiled half of :mod:`kg.extract.models.linear_crf`: a look-up table of attributes and the
decoding of a first-order CRF (Viterbi labels; forward-backward marginals where asked).

Matrices are flat, row after row, in the standard library's ``array.array`` (no numpy: importing
it would cost a one-article run a tenth of a second).  Built when kg is installed (``setup.py``);
without it :mod:`kg.extract.models.linear_crf` reports itself unavailable and the taggers decode
with pycrfsuite.
"""

from cpython cimport array
from libc.math cimport INFINITY, exp
from libc.stdint cimport int32_t, int64_t, uint32_t, uint64_t
from libc.stdlib cimport free, malloc

import array

cdef uint64_t _M1 = 0x9E3779B97F4A7C15ULL
cdef uint64_t _M2 = 0xC2B2AE3D27D4EB4FULL
cdef array.array _DOUBLES = array.array("d")
cdef array.array _LONGS = array.array("q")
cdef array.array _INTS = array.array("i")


cdef inline uint64_t _slot_key(int64_t raw, int64_t group) noexcept nogil:
    """The 64-bit key of a raw value in a column group (never 0, the empty slot's)."""
    cdef uint64_t x = (<uint64_t>raw) * _M1 + (<uint64_t>(group + 1)) * _M2
    x ^= x >> 31
    return x | 1


def build(const int64_t[:] raw, const int64_t[:] group, const int32_t[:] ids, int bits):
    """An open-addressing table (``2**bits`` slots, linear probing) of ``ids`` by key: the keys
    (``array('Q')``) and the slots (``array('i')``, -1 where empty)."""
    cdef Py_ssize_t size = 1 << bits, m
    cdef array.array keys_array = array.clone(array.array("Q"), size, zero=True)
    cdef array.array slots_array = array.array("i", [-1]) * size
    cdef uint64_t[:] keys = keys_array
    cdef int32_t[:] slots = slots_array
    cdef int shift = 64 - bits
    cdef uint64_t x
    cdef int64_t h
    for m in range(raw.shape[0]):
        x = _slot_key(raw[m], group[m])
        h = <int64_t>(x >> shift)
        while keys[h] != 0 and keys[h] != x:
            h = (h + 1) & (size - 1)
        keys[h] = x
        slots[h] = ids[m]
    return keys_array, slots_array


cdef inline int64_t _find(const uint64_t* keys, const int32_t* slots, int bits, int64_t raw,
                          int64_t group, int64_t unknown) noexcept nogil:
    if group < 0:
        return unknown
    cdef uint64_t x = _slot_key(raw, group)
    cdef int64_t mask = (<int64_t>1 << bits) - 1
    cdef int64_t h = <int64_t>(x >> (64 - bits))
    while keys[h] != 0:
        if keys[h] == x:
            return slots[h]
        h = (h + 1) & mask
    return unknown


cdef inline void _add_row(double* E, Py_ssize_t t, const double* W, int64_t r, Py_ssize_t L) noexcept nogil:
    cdef Py_ssize_t j
    for j in range(L):
        E[t * L + j] += W[r * L + j]


def hashes(sequences):
    """Python's ``hash`` of every value of each of ``sequences`` (a list of lists of strings),
    laid end to end: what ``array('q', map(hash, chain(*sequences)))`` gives, without making an
    int object of each hash."""
    cdef Py_ssize_t n = 0, i = 0
    for values in sequences:
        n += len(values)
    cdef array.array out_array = array.clone(_LONGS, n, zero=False)
    cdef int64_t* out = <int64_t*>out_array.data.as_voidptr
    for values in sequences:
        for value in values:
            out[i] = hash(value)
            i += 1
    return out_array


def extras(stretches, const int64_t[::1] starts, dict numbers):
    """Where and which the rare attributes of stretches laid end to end are: ``stretches`` gives
    each stretch's ``(character, attribute)`` pairs, ``starts`` each stretch's first character.
    The characters counted from the first stretch's (``array('q')``) and the attributes' numbers in
    ``numbers`` (``array('i')``, -1 for one it lacks)."""
    cdef Py_ssize_t n = 0, i = 0, s = 0
    for pairs in stretches:
        n += len(pairs)
    cdef array.array where_array = array.clone(_LONGS, n, zero=False)
    cdef array.array which_array = array.clone(_INTS, n, zero=False)
    cdef int64_t* where = <int64_t*>where_array.data.as_voidptr
    cdef int32_t* which = <int32_t*>which_array.data.as_voidptr
    for pairs in stretches:
        for position, attribute in pairs:
            where[i] = starts[s] + <int64_t>position
            number = numbers.get(attribute)
            which[i] = -1 if number is None else <int32_t>number
            i += 1
        s += 1
    return where_array, which_array


def decode(const double[::1] W, const double[::1] T, int L, const uint64_t[::1] keys,
           const int32_t[::1] slots, int bits, int64_t unknown, const uint32_t[::1] codes,
           const int64_t[::1] template_groups, const int64_t[::1] at, const int64_t[::1] hashes,
           const int64_t[::1] column_groups, const int64_t[::1] word_hashes, const int64_t[::1] word_groups,
           const int64_t[::1] word_of, const int64_t[::1] word_starts, const int64_t[::1] where,
           const int32_t[::1] which, const int64_t[::1] starts):
    """Viterbi labels and state scores of stretches of text laid end to end (stretch ``s`` is
    characters ``starts[s]:starts[s + 1]``, its padded window ``codes[starts[s] + 4 * s:
    starts[s + 1] + 4 * s + 4]``), whose state score at a character sums the rows of ``W`` (``L``
    labels a row) of its attributes, found in the table (``keys``, ``slots``):

    - those the templates read in its window (``at``: three window positions a template, -1 for
      none);
    - those of the columns, by their values' hashes (``hashes``: a column's hashes after another's);
    - those of the word columns (``word_hashes``: a column's hashes of every word, word after word;
      ``word_of``: a character's word in its stretch, whose words start at ``word_starts[s]``),
      each word's looked up once for all its characters;
    - and ``which`` (at characters ``where``; -1 for none).

    Each character's rows are added in that order, whatever the loops' order (floating-point
    sums depend on it).  The labels as an ``array('q')`` and the state scores as a flat
    ``array('d')``; the marginals are asked of :func:`marginals`, stretch by stretch, where wanted."""
    cdef Py_ssize_t n = starts[starts.shape[0] - 1], K = column_groups.shape[0]
    cdef Py_ssize_t KW = word_groups.shape[0], words = word_hashes.shape[0] // KW if KW else 0
    cdef array.array E_array = array.clone(_DOUBLES, n * L, zero=True)
    cdef array.array path_array = array.clone(_LONGS, n, zero=True)
    cdef array.array found_array = array.clone(_LONGS, KW * words, zero=False)
    cdef double[:] E_view = E_array
    cdef int64_t[:] path = path_array
    cdef double* E = &E_view[0] if n * L else NULL
    cdef int64_t* found = <int64_t*>found_array.data.as_voidptr
    # plain pointers for the inner loops (and for _find, which a memoryview would be copied into)
    cdef const uint64_t* key_table = &keys[0]
    cdef const int32_t* slot_table = &slots[0]
    cdef const double* weights = &W[0]
    cdef Py_ssize_t s, k, t, m, pad, w
    cdef int64_t raw, r, group, a0, a1, a2
    with nogil:
        for s in range(starts.shape[0] - 1):
            pad = 4 * s
            for k in range(template_groups.shape[0]):
                group, a0, a1, a2 = template_groups[k], at[3 * k], at[3 * k + 1], at[3 * k + 2]
                for t in range(starts[s], starts[s + 1]):
                    raw = codes[t + pad + a0]
                    if a1 >= 0:
                        raw = raw | (<int64_t>codes[t + pad + a1] << 21)
                    if a2 >= 0:
                        raw = raw | (<int64_t>codes[t + pad + a2] << 42)
                    r = _find(key_table, slot_table, bits, raw, group, unknown)
                    if r != unknown:
                        _add_row(E, t, weights, r, L)
        for k in range(K):
            group = column_groups[k]
            for t in range(n):
                r = _find(key_table, slot_table, bits, hashes[k * n + t], group, unknown)
                if r != unknown:
                    _add_row(E, t, weights, r, L)
        for k in range(KW):
            group = word_groups[k]
            for w in range(words):
                found[k * words + w] = _find(key_table, slot_table, bits, word_hashes[k * words + w], group,
                                             unknown)
        for s in range(starts.shape[0] - 1):
            for k in range(KW):
                for t in range(starts[s], starts[s + 1]):
                    r = found[k * words + word_starts[s] + word_of[t]]
                    if r != unknown:
                        _add_row(E, t, weights, r, L)
        for m in range(where.shape[0]):
            if which[m] >= 0:
                _add_row(E, where[m], weights, which[m], L)
        for s in range(starts.shape[0] - 1):
            if starts[s + 1] > starts[s]:
                _viterbi(E_view, starts[s], starts[s + 1], L, T, path)
    return path_array, E_array


def marginals(const double[:] E, Py_ssize_t a, Py_ssize_t b, int L, const double[:] T):
    """The marginal probability of each label (``L`` of them) at each character of the stretch
    ``a:b`` of state scores ``E`` (forward-backward, each step scaled to sum to one): a flat
    ``array('d')``, a row a character."""
    cdef array.array out_array = array.clone(_DOUBLES, (b - a) * L, zero=False)
    cdef double[:] out = out_array
    if b > a:
        with nogil:
            _forward_backward(E, a, b, L, T, out)
    return out_array


cdef void _viterbi(const double[:] E, Py_ssize_t a, Py_ssize_t b, Py_ssize_t L, const double[:] T,
                   int64_t[:] path) noexcept nogil:
    """Viterbi labels (CRFsuite's: the first best label wins a tie) of characters ``a:b`` into
    ``path``, from their state scores in ``E``."""
    cdef Py_ssize_t n = b - a, t, i, j
    cdef double best, s
    cdef int64_t arg
    cdef double* score = <double*>malloc(n * L * sizeof(double))
    cdef int64_t* back = <int64_t*>malloc(n * L * sizeof(int64_t))
    for j in range(L):
        score[j] = E[a * L + j]
    for t in range(1, n):
        for j in range(L):
            best = -INFINITY
            arg = 0
            for i in range(L):
                s = score[(t - 1) * L + i] + T[i * L + j]
                if best < s:
                    best = s
                    arg = i
            back[t * L + j] = arg
            score[t * L + j] = best + E[(a + t) * L + j]
    best = -INFINITY
    path[b - 1] = 0
    for i in range(L):
        if best < score[(n - 1) * L + i]:
            best = score[(n - 1) * L + i]
            path[b - 1] = i
    for t in range(n - 1, 0, -1):
        path[a + t - 1] = back[t * L + path[a + t]]
    free(score)
    free(back)


cdef void _forward_backward(const double[:] E, Py_ssize_t a, Py_ssize_t b, Py_ssize_t L, const double[:] T,
                            double[:] marginals) noexcept nogil:
    """The marginals of characters ``a:b`` from their state scores in ``E``, in probabilities,
    each step scaled to sum to one."""
    cdef Py_ssize_t n = b - a, t, i, j
    cdef double s, total, top
    cdef double* G = <double*>malloc(n * L * sizeof(double))
    cdef double* X = <double*>malloc(L * L * sizeof(double))
    cdef double* alpha = <double*>malloc(n * L * sizeof(double))
    cdef double* beta = <double*>malloc(n * L * sizeof(double))
    for t in range(n):
        top = E[(a + t) * L]
        for j in range(1, L):
            if E[(a + t) * L + j] > top:
                top = E[(a + t) * L + j]
        for j in range(L):
            G[t * L + j] = exp(E[(a + t) * L + j] - top)
    for i in range(L):
        for j in range(L):
            X[i * L + j] = exp(T[i * L + j])
    total = 0.0
    for j in range(L):
        alpha[j] = G[j]
        total += G[j]
    for j in range(L):
        alpha[j] /= total
    for t in range(1, n):
        total = 0.0
        for j in range(L):
            s = 0.0
            for i in range(L):
                s += alpha[(t - 1) * L + i] * X[i * L + j]
            alpha[t * L + j] = s * G[t * L + j]
            total += alpha[t * L + j]
        for j in range(L):
            alpha[t * L + j] /= total
    for j in range(L):
        beta[(n - 1) * L + j] = 1.0
    for t in range(n - 2, -1, -1):
        total = 0.0
        for i in range(L):
            s = 0.0
            for j in range(L):
                s += X[i * L + j] * G[(t + 1) * L + j] * beta[(t + 1) * L + j]
            beta[t * L + i] = s
            total += s
        for i in range(L):
            beta[t * L + i] /= total
    for t in range(n):
        total = 0.0
        for j in range(L):
            marginals[t * L + j] = alpha[t * L + j] * beta[t * L + j]
            total += marginals[t * L + j]
        for j in range(L):
            marginals[t * L + j] /= total
    free(G)
    free(X)
    free(alpha)
    free(beta)
