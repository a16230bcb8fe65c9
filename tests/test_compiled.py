"""Which modules run compiled (kg/_compiled.py): the compiled one where it is current, the source
where it is stale or ``KG_PURE_PYTHON=1`` says so; and both give the same graph."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest
from helpers import ROOT

from kg._compiled import _SUFFIX, source_spec


def _write(path, text: str, mtime: int) -> None:
    path.write_text(text, encoding="utf-8")
    os.utime(path, ns=(mtime, mtime))


@pytest.mark.parametrize("source_time, compiled_time, pure, takes_source", [
    (1_000, 2_000, False, False),  # built after the source was last written: the compiled module runs
    (2_000, 1_000, False, True),   # the source edited since the build: the compiled module is stale
    (1_000, 2_000, True, True),    # KG_PURE_PYTHON=1: the source, however current the build
])
def test_a_module_runs_from_its_source_where_its_compiled_form_is_stale_or_turned_off(
        tmp_path, source_time, compiled_time, pure, takes_source):
    _write(tmp_path / "people.py", "X = 1\n", source_time)
    _write(tmp_path / ("people" + _SUFFIX), "", compiled_time)
    spec = source_spec("kg.people", [str(tmp_path)], pure)
    assert (spec is not None and spec.origin == str(tmp_path / "people.py")) == takes_source


def test_a_package_s_stale_compiled_init_gives_way_to_its_source(tmp_path):
    package = tmp_path / "entities"
    package.mkdir()
    _write(package / "__init__.py", "X = 1\n", 2_000)
    _write(package / ("__init__" + _SUFFIX), "", 1_000)
    spec = source_spec("kg.entities", [str(tmp_path)])
    assert spec.origin == str(package / "__init__.py")
    assert spec.submodule_search_locations == [str(package)]


def test_a_module_never_compiled_is_left_to_the_usual_finders(tmp_path):
    _write(tmp_path / "people.py", "X = 1\n", 1_000)
    assert source_spec("kg.people", [str(tmp_path)], pure=True) is None


def _run(code: str, **env: str) -> str:
    environ = {k: v for k, v in os.environ.items() if k != "KG_PURE_PYTHON"}
    proc = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env={**environ, **env},
                          capture_output=True, text=True, check=True)
    return proc.stdout


def test_kg_pure_python_runs_every_module_from_its_source():
    files = json.loads(_run("import json, sys, kg.pipeline\n"
                            "print(json.dumps([m.__file__ for n, m in sys.modules.items() if n.startswith('kg.')]))",
                            KG_PURE_PYTHON="1"))
    assert files and all(f.endswith(".py") for f in files)


def test_compiled_and_pure_python_extract_the_same_graph():
    """Where the modules were compiled (``pip install``), the compiled pipeline and the source give
    the same graph of the seed article, byte for byte."""
    if not (ROOT / "kg" / "pipeline.py").with_suffix(_SUFFIX).exists():
        pytest.skip("kg's modules were not compiled in this checkout")
    code = ("import sys\nfrom kg.cli import main\n"
            "sys.exit(main(['extract', 'examples/d000-shandong-delegation-beijing.txt', '--format', 'json']))")
    compiled, pure = _run(code), _run(code, KG_PURE_PYTHON="1")
    assert json.loads(compiled)["relations"] and compiled == pure
