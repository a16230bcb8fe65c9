"""Shared fixtures: the example articles and graphs built from them."""

from __future__ import annotations

import struct
import sys
import zlib
from pathlib import Path

import pytest

# Tests in sub-folders share helpers.py: put this folder on the import path.
sys.path.insert(0, str(Path(__file__).resolve().parent))

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"
D000 = EXAMPLES / "d000-shandong-delegation-beijing.txt"
SHARED = ROOT.parent / "shared"
DEV = SHARED / "eval" / "dev"


@pytest.fixture(scope="module")
def rules_only():
    """Switch the trained models off for a module: its tests pin what the rules find (the votes the
    models read); the models themselves are measured on the annotated test split."""
    from kg.extract.entities.tagged import use_model as use_mention_model
    from kg.extract.relations.learned import use_model as use_relation_model

    use_mention_model("/nonexistent")
    use_relation_model("/nonexistent")
    yield
    use_mention_model(None)
    use_relation_model(None)


@pytest.fixture(scope="session")
def example_graph():
    """The graph of every article in examples/ (built once per test session)."""
    from kg.pipeline import run
    from kg.text.ingest import read_inputs

    return run(read_inputs([str(EXAMPLES)]))


@pytest.fixture(scope="session")
def d000_graph():
    """The graph of the article the project was created from."""
    from kg.pipeline import run
    from kg.text.ingest import read_inputs

    return run(read_inputs([str(D000)]))


def png() -> bytes:
    """A real 1x1 PNG image (for tests that feed kg a binary file)."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(b"\x00\xff\x00\x00")) + chunk(b"IEND", b""))


CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]


@pytest.fixture(scope="module")
def chromium(tmp_path_factory):
    """One headless Debian Chromium for the module (fresh profile)."""
    import os
    import shutil

    sync_api = pytest.importorskip("playwright.sync_api")
    exe = os.environ.get("KG_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
    if not Path(exe).exists():
        pytest.skip("no chromium (tests/run.sh installs Debian's)")
    with sync_api.sync_playwright() as pw:
        ctx = pw.chromium.launch_persistent_context(
            str(tmp_path_factory.mktemp("chromium-profile")), executable_path=exe, headless=True,
            args=CHROMIUM_ARGS, viewport={"width": 1400, "height": 900})
        yield ctx
        ctx.close()
