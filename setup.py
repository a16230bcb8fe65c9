"""kg's two compiled modules, the CRF decoder's kernel and the gazetteer's key trie (everything
else is in pyproject.toml).

The extensions are optional: where they cannot be built (no C compiler, or no Cython in a build
without isolation), kg installs without them, the taggers decode with pycrfsuite
(kg/extract/models/linear_crf.py) and the gazetteer scans with pyahocorasick
(kg/lexicon/gazetteer.py), giving the same output.
"""

from setuptools import Extension, setup

try:
    from Cython.Build import cythonize
except ImportError:  # pip's isolated build installs Cython (pyproject.toml); a build without it goes on
    extensions = []
else:
    extensions = cythonize(
        [Extension("kg.extract.models._crf_kernel", ["kg/extract/models/_crf_kernel.pyx"],
                   extra_compile_args=["-O2"]),
         Extension("kg.lexicon._key_trie", ["kg/lexicon/_key_trie.pyx"], extra_compile_args=["-O2"])],
        compiler_directives={"language_level": 3})
    for extension in extensions:
        extension.optional = True  # (cythonize does not carry it over): no compiler, no module, no failure

setup(ext_modules=extensions)
