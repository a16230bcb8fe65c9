"""kg's one compiled module, the CRF decoder's kernel (everything else is in pyproject.toml).

The extension is optional: where it cannot be built (no C compiler), kg installs without it and
the taggers decode with pycrfsuite (kg/extract/models/linear_crf.py), giving the same output.
"""

from Cython.Build import cythonize
from setuptools import Extension, setup

setup(ext_modules=cythonize(
    [Extension("kg.extract.models._crf_kernel", ["kg/extract/models/_crf_kernel.pyx"], optional=True,
               extra_compile_args=["-O2"])],
    compiler_directives={"language_level": 3}))
