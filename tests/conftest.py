"""Shared fixtures: the example articles and graphs built from them."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"
D000 = EXAMPLES / "d000-shandong-delegation-beijing.txt"
SHARED = ROOT.parent / "shared"
DEV = SHARED / "eval" / "dev"


@pytest.fixture(scope="session")
def example_graph():
    """The graph of every article in examples/ (built once per test session)."""
    from kg.ingest import read_inputs
    from kg.pipeline import run

    return run(read_inputs([str(EXAMPLES)]))


@pytest.fixture(scope="session")
def d000_graph():
    """The graph of the article the project was created from."""
    from kg.ingest import read_inputs
    from kg.pipeline import run

    return run(read_inputs([str(D000)]))
