"""kg's compiled modules (everything else is in pyproject.toml):

* two kernels written for Cython, the CRF decoder's (kg/extract/models/_crf_kernel.pyx) and the
  gazetteer's key trie (kg/lexicon/_key_trie.pyx);
* the pure-Python modules of the extraction pipeline (:data:`COMPILED`), compiled unchanged by
  Cython: the same code, run without the interpreter's dispatch — a tenth faster (16 % fewer
  instructions a record; benchmarks/ROUNDS.md, stop 55).

All are optional: where they cannot be built (no C compiler, or no Cython in a build without
isolation), kg installs without them and runs the same code as Python, giving the same output: the
taggers decode with pycrfsuite (kg/extract/models/linear_crf.py), the gazetteer scans with
pyahocorasick (kg/lexicon/gazetteer.py) and every module runs from its .py file.  A compiled module
older than its .py file (the source edited since the build) is passed over for the source, and
``KG_PURE_PYTHON=1`` passes over them all (kg/__init__.py).  ``python setup.py build_ext --inplace``
(or ``pip install -e .`` again) rebuilds them.
"""

import os
from glob import glob

from setuptools import Extension, setup

# The pure-Python modules compiled: the extraction pipeline, from the text to the document's graph,
# and what a corpus store does with every statement of its graph (reading the analyses back, writing
# the RDF and graph.json: a loop per mention, not the disk's time).  (Not the value classes,
# kg/types.py and kg/extract/spans.py, nor input and the CLI.)
COMPILED = sorted(
    {*glob("kg/extract/**/*.py", recursive=True), "kg/pipeline.py", *glob("kg/resolve/*.py"),
     "kg/text/normalize.py", "kg/text/segment.py", "kg/text/dates.py",
     "kg/lexicon/gazetteer.py", "kg/lexicon/jieba_dict.py", "kg/lexicon/clusters.py", "kg/lexicon/pinyin.py",
     "kg/serialize/rdf.py", "kg/serialize/json.py", "kg/corpus/pickles.py", "kg/corpus/sparql_load.py"}
    - {"kg/extract/spans.py"})

# -O1: most of -O2's speed on Cython's C (16 % fewer instructions a record against 17 %) for about half
# the compile time, a build compiling some 50 modules; -g0: no debugging information (15 MB, not 63)
_FLAGS = ["-O1", "-g0"]


def _extensions() -> list:
    try:
        from Cython.Build import cythonize
    except ImportError:  # pip's isolated build installs Cython (pyproject.toml); a build without it goes on
        return []
    kernels = [Extension("kg.extract.models._crf_kernel", ["kg/extract/models/_crf_kernel.pyx"],
                         extra_compile_args=["-O2"]),
               Extension("kg.lexicon._key_trie", ["kg/lexicon/_key_trie.pyx"], extra_compile_args=["-O2"])]
    out = cythonize(kernels, compiler_directives={"language_level": 3}, quiet=True)
    for path in COMPILED:
        name = path[:-3].replace("/", ".")
        try:
            out += cythonize([Extension(name, [path], extra_compile_args=_FLAGS)], quiet=True, compiler_directives={
                "language_level": 3,
                "binding": True,  # functions keep their Python attributes (doctests, signatures, __wrapped__)
                "annotation_typing": False,  # annotations are documentation, never C types
                "autotestdict": False,  # (doctests are found in the docstrings, as for the source)
            })
        except Exception:  # noqa: BLE001 — a module Cython cannot compile runs from its source
            continue
    for extension in out:
        extension.optional = True  # (cythonize does not carry it over): no compiler, no module, no failure
    return out


setup(ext_modules=_extensions(), options={"build_ext": {"parallel": os.cpu_count() or 1}})
