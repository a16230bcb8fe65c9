"""Which of kg's modules run compiled: the one rule, applied as kg's modules are imported.

``pip install`` compiles the extraction pipeline's pure-Python modules with Cython (setup.py), each
beside its source (``people.py`` → ``people.cpython-311-x86_64-linux-gnu.so``), where Python's
import prefers it.  Two cases take the source instead:

* ``KG_PURE_PYTHON=1`` in the environment turns every compiled module off (the pure-Python
  fallback, which gives the same output: ``benchmarks/identity.py`` compares the two);
* a compiled module older than its source — the source edited, or checked out anew, since the
  build — would run stale code: its source runs until the next build.
"""

from __future__ import annotations

import importlib.machinery
import importlib.util
import os
import sys

__all__ = ["install", "source_spec"]

_SUFFIX = importlib.machinery.EXTENSION_SUFFIXES[0]  # (the platform's own: .cpython-311-x86_64-linux-gnu.so)


def source_spec(name: str, path, pure: bool = False):
    """The spec that imports module ``name`` (found in the folders ``path``) from its source, where
    ``pure`` or where the compiled module beside the source is older than it; else None (the usual
    finders import it, compiled or not).

    >>> source_spec("kg.no_such_module", []) is None
    True
    """
    leaf = name.rpartition(".")[2]
    for folder in path:
        package = os.path.join(folder, leaf)
        source, compiled, search = os.path.join(folder, leaf + ".py"), os.path.join(folder, leaf + _SUFFIX), None
        if os.path.isfile(os.path.join(package, "__init__.py")):
            source, compiled = os.path.join(package, "__init__.py"), os.path.join(package, "__init__" + _SUFFIX)
            search = [package]
        elif not os.path.isfile(source):
            continue
        try:
            built = os.stat(compiled).st_mtime_ns
        except OSError:
            return None  # nothing compiled: the usual finders import the source
        if pure or built < os.stat(source).st_mtime_ns:
            return importlib.util.spec_from_file_location(name, source, submodule_search_locations=search)
        return None
    return None


class _SourceFinder:
    """Finds kg's modules whose source must run (see :func:`source_spec`); leaves the rest alone."""

    def __init__(self, pure: bool):
        self.pure = pure

    def find_spec(self, name: str, path=None, target=None):
        if not name.startswith("kg.") or not path:
            return None
        return source_spec(name, path, self.pure)


def install() -> None:
    """Put the finder first on ``sys.meta_path`` (once per process), reading ``KG_PURE_PYTHON`` now."""
    if not any(isinstance(f, _SourceFinder) for f in sys.meta_path):
        sys.meta_path.insert(0, _SourceFinder(bool(os.environ.get("KG_PURE_PYTHON"))))
