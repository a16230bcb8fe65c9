"""pytest's setup for the whole checkout (tests/conftest.py sets up the test folder).

The doctests are collected from kg's source files, but where kg's modules were compiled
(setup.py) Python imports the compiled module, whose ``__file__`` is not the .py file pytest
collected: that is expected, and the doctests then run against the compiled code users run."""

import os

os.environ.setdefault("PY_IGNORE_IMPORTMISMATCH", "1")
