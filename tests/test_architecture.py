"""The shape of the package: layers, module sizes, who may print, and what the pipeline runs.

The layers contract lives in ``pyproject.toml`` (``[tool.importlinter]``) and is checked by
import-linter, which reads every import statement, those inside functions included.
"""

from __future__ import annotations

import ast
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from helpers import ROOT

PACKAGE = ROOT / "kg"
MODULES = sorted(p for p in PACKAGE.rglob("*.py") if "__pycache__" not in p.parts)
# Only the command line (and the training scripts, which are command lines) talk to the terminal.
TALKERS = ("cli", "train", "__main__.py")


def _lint_imports() -> str:
    exe = Path(sys.executable).with_name("lint-imports")
    return str(exe) if exe.exists() else shutil.which("lint-imports") or "lint-imports"


def test_the_layers_contract_is_kept():
    proc = subprocess.run([_lint_imports(), "--no-cache"], cwd=ROOT, capture_output=True, text=True)
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-2000:]
    assert "0 broken" in proc.stdout


def test_the_layers_contract_fails_on_an_upward_import(tmp_path):
    """The contract can fail: a copy of the package where the graph imports the CLI inside a
    function breaks it."""
    copy = tmp_path / "kg"
    shutil.copytree(PACKAGE, copy, ignore=shutil.ignore_patterns("__pycache__", "data", "assets", "ontology", "*.so", "*.c"))
    with open(copy / "graph.py", "a", encoding="utf-8") as fh:
        fh.write("\n\ndef _upward():\n    from kg.cli import main\n\n    return main\n")
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    proc = subprocess.run([_lint_imports(), "--no-cache"], cwd=tmp_path, capture_output=True, text=True,
                          env={"PYTHONPATH": str(tmp_path), "PATH": "/usr/bin:/bin"})
    assert proc.returncode != 0
    assert "kg.graph -> kg.cli" in proc.stdout


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(PACKAGE)))
def test_no_module_is_over_800_lines(path):
    assert len(path.read_text(encoding="utf-8").splitlines()) <= 800


def _calls(tree: ast.AST, names: set[str]) -> list[int]:
    lines = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            f = node.func
            name = f.id if isinstance(f, ast.Name) else f"{getattr(f.value, 'id', '')}.{f.attr}" \
                if isinstance(f, ast.Attribute) else ""
            if name in names:
                lines.append(node.lineno)
    return lines


@pytest.mark.parametrize("path", [p for p in MODULES if not any(t in p.relative_to(PACKAGE).parts
                                                                 or p.name == t for t in TALKERS)],
                         ids=lambda p: str(p.relative_to(PACKAGE)))
def test_library_code_never_prints_or_exits(path):
    tree = ast.parse(path.read_text(encoding="utf-8"))
    assert _calls(tree, {"print", "sys.exit", "exit", "quit", "os._exit"}) == []


def test_the_declared_steps_are_what_runs(monkeypatch):
    """Replacing a step in STEPS changes what analyze() does: the list is not documentation."""
    from kg import pipeline
    from kg.types import Document

    seen = []
    steps = tuple(pipeline.Step(s.name, (lambda f: lambda *a: seen.append(f.__name__) or f(*a))(s.run),
                                s.requires, s.provides) for s in pipeline.STEPS)
    pipeline.analyze(Document("a", "刘家义来到北京。"), steps)
    assert seen == [s.run.__name__ for s in pipeline.STEPS]


def test_a_step_out_of_order_is_refused_before_any_document_is_touched():
    from kg import pipeline
    from kg.errors import KGError
    from kg.types import Document

    swapped = (pipeline.STEPS[0], pipeline.STEPS[2], pipeline.STEPS[1], *pipeline.STEPS[3:])
    with pytest.raises(KGError, match="step 'entities' needs segmented"):
        pipeline.analyze(Document("a", "刘家义来到北京。"), swapped)


def test_every_part_the_cache_fingerprint_hashes_exists():
    """A part named wrong (a module that became a package) would silently hash nothing."""
    from kg.corpus.parallel import ANALYSIS_PARTS

    assert [part for part in ANALYSIS_PARTS if not (PACKAGE / part).exists()] == []


@pytest.mark.parametrize("layer", ["extract/entities", "resolve", "text", "lexicon"])
def test_the_cache_fingerprint_covers_every_file_of_the_analysis_layers(layer):
    """A module added under an analysis layer changes the fingerprint (no hand-kept list)."""
    from kg.corpus import parallel

    before = parallel.extractor_fingerprint()
    new = PACKAGE / layer / "_fingerprint_probe.py"
    new.write_text("# probe\n", encoding="utf-8")
    try:
        parallel.extractor_fingerprint.cache_clear()
        assert parallel.extractor_fingerprint() != before
    finally:
        new.unlink()
        parallel.extractor_fingerprint.cache_clear()
    assert parallel.extractor_fingerprint() == before
