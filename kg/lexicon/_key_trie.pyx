# cython: language_level=3, boundscheck=False, wraparound=False, cdivision=True, initializedcheck=False
"""The compiled half of :meth:`kg.lexicon.gazetteer.Gazetteer.scan`: every key a text holds.

The gazetteer keeps its keys in pyahocorasick's automaton, which finds them all in one pass but
looks for each character among a node's children one by one; the root has some 2,500 (every
first character of a key), and most characters of a text are looked for there: 0.4 µs a
character, 3% of kg's time.  :class:`KeyTrie` holds the same keys as a trie whose edges are an
open-addressing table and walks it from every character of the text (most walks end at the first
or second character): a tenth of the time, and the same keys found.  Built when kg is
installed (``setup.py``); without it the gazetteer scans with its automaton.
"""

from cpython cimport array
from libc.stdint cimport int32_t, uint64_t

import array

cdef uint64_t _MIX = 0x9E3779B97F4A7C15ULL


cdef class KeyTrie:
    """Keys (strings) and their numbers; :meth:`find` gives what ``Automaton.iter`` gives.

    >>> trie = KeyTrie([("北京", 0), ("北京市", 1), ("京", 2)])
    >>> sorted(trie.find("在北京市", 0, 4))
    [(2, 0), (2, 2), (3, 1)]
    """

    # edge (node, character) -> child node: the table's keys (``node << 21 | character``, plus one:
    # 0 marks an empty slot) and the children; and each node's key number (-1 where no key ends)
    cdef array.array _edges, _children, _numbers
    cdef uint64_t* edges
    cdef int32_t* children
    cdef int32_t* numbers
    cdef int bits
    cdef int32_t nodes

    def __init__(self, items):
        """The trie of ``items``, ``(key, number)`` pairs (numbers from 0)."""
        items = list(items)
        cdef Py_ssize_t characters = sum(len(key) for key, _ in items)
        self.bits = max(4, (2 * characters).bit_length())  # at most half the slots taken
        self._edges = array.clone(array.array("Q"), 1 << self.bits, zero=True)
        self._children = array.clone(array.array("i"), 1 << self.bits, zero=True)
        self._numbers = array.array("i", [-1]) * (characters + 1)
        self.edges = <uint64_t*>self._edges.data.as_voidptr
        self.children = <int32_t*>self._children.data.as_voidptr
        self.numbers = <int32_t*>self._numbers.data.as_voidptr
        self.nodes = 1  # the root, node 0
        cdef int32_t node
        cdef Py_UCS4 ch
        for key, number in items:
            node = 0
            for ch in <str>key:
                node = self._child(node, ch, True)
            self.numbers[node] = number

    cdef inline int32_t _child(self, int32_t node, Py_UCS4 ch, bint add) noexcept:
        """The child of ``node`` by ``ch``: -1 if there is none, unless ``add``, which makes it."""
        cdef uint64_t edge = ((<uint64_t>node << 21) | <uint64_t>ch) + 1
        cdef Py_ssize_t mask = (1 << self.bits) - 1
        cdef Py_ssize_t h = <Py_ssize_t>((edge * _MIX) >> (64 - self.bits))
        while self.edges[h] != 0:
            if self.edges[h] == edge:
                return self.children[h]
            h = (h + 1) & mask
        if not add:
            return -1
        self.edges[h] = edge
        self.children[h] = self.nodes
        self.nodes += 1
        return self.children[h]

    def find(self, str text, Py_ssize_t start, Py_ssize_t end):
        """Every key inside ``text[start:end]`` as ``(index of its last character, its number)``,
        by where it starts, then by length."""
        cdef list out = []
        cdef Py_ssize_t i, j
        cdef int32_t node
        end = min(end, len(text))
        for i in range(max(start, 0), end):
            node = 0
            for j in range(i, end):
                node = self._child(node, text[j], False)
                if node < 0:
                    break
                if self.numbers[node] >= 0:
                    out.append((j, self.numbers[node]))
        return out
