"""kg's one compiled module, the CRF decoder's kernel (everything else is in pyproject.toml).

The extension is optional: where it cannot be built (no C compiler, or no Cython in a build without
isolation), kg installs without it and the taggers decode with pycrfsuite
(kg/extract/models/linear_crf.py), giving the same output.
"""

from setuptools import Extension, setup

try:
    from Cython.Build import cythonize
except ImportError:  # pip's isolated build installs Cython (pyproject.toml); a build without it goes on
    extensions = []
else:
    extensions = cythonize(
        [Extension("kg.extract.models._crf_kernel", ["kg/extract/models/_crf_kernel.pyx"],
                   extra_compile_args=["-O2"])],
        compiler_directives={"language_level": 3})
    for extension in extensions:
        extension.optional = True  # (cythonize does not carry it over): no compiler, no kernel, no failure

setup(ext_modules=extensions)
