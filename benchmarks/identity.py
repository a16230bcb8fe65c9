"""Is extraction's output byte-identical to a recorded run? (issue 14: behaviour unchanged by a refactor)

usage: python benchmarks/identity.py [--record] [--shared ../shared] [--records 2000]

Extracts three inputs with the `kg extract --format json` command, exactly as a user runs it, from the
project root with relative paths:
- `examples/`;
- the dev articles, `../shared/eval/dev/`;
- the first N records (2,000 by default) of `../shared/corpus/xwlb-2024.jsonl.gz`, written once to
  `benchmarks/data/` (git-ignored: the corpus text is never committed).

`--record` writes the SHA-256 of each output to `benchmarks/identity.json` (committed) and keeps the
outputs in `benchmarks/data/identity/`. Without it, the script compares the new outputs with the
recorded digests and, where one differs and the recorded output is still on disk, lists what changed
(entities and relations added or removed, by type and name). Exit code 0 when all are identical.
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import shutil
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DIGESTS = ROOT / "benchmarks" / "identity.json"
DATA = ROOT / "benchmarks" / "data"


def _inputs(shared: Path, records: int) -> dict[str, str]:
    jsonl = DATA / f"xwlb-2024-first{records}.jsonl"
    if not jsonl.exists():
        DATA.mkdir(parents=True, exist_ok=True)
        with gzip.open(shared / "corpus" / "xwlb-2024.jsonl.gz", "rt", encoding="utf-8") as src:
            lines = [line for _, line in zip(range(records), src)]
        jsonl.write_text("".join(lines), encoding="utf-8")
    rel = lambda p: str(Path(p).resolve().relative_to(ROOT.resolve().parent).as_posix())  # noqa: E731
    return {"examples": "examples", "dev": "../" + rel(shared / "eval" / "dev"),
            f"xwlb-2024-first{records}": str(jsonl.relative_to(ROOT))}


def _kg() -> str:
    exe = Path(sys.executable).parent / "kg"
    return str(exe) if exe.exists() else shutil.which("kg") or "kg"


def _extract(source: str, out: Path) -> None:
    out.parent.mkdir(parents=True, exist_ok=True)
    subprocess.run([_kg(), "extract", source, "--format", "json", "-o", str(out)], cwd=ROOT, check=True)


def _keys(path: Path) -> tuple[Counter, Counter]:
    g = json.loads(path.read_text(encoding="utf-8"))
    names = {e["id"]: e["name"] for e in g["entities"]}
    ents = Counter((e["type"], e["name"]) for e in g["entities"])
    rels = Counter((r["type"], names.get(r["subject"]), names.get(r.get("object"))) for r in g["relations"])
    return ents, rels


def _diff(old: Path, new: Path) -> list[str]:
    (oe, orl), (ne, nr) = _keys(old), _keys(new)
    lines = []
    for what, a, b in (("entity", oe, ne), ("relation", orl, nr)):
        for key in sorted((a - b).elements(), key=str):
            lines.append(f"  - {what} {key}")
        for key in sorted((b - a).elements(), key=str):
            lines.append(f"  + {what} {key}")
    if not lines:
        lines.append("  (same entities and relations; ids, mentions, evidence or order differ)")
    return lines


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--record", action="store_true", help="record the digests instead of checking them")
    ap.add_argument("--shared", default=str(ROOT.parent / "shared"))
    ap.add_argument("--records", type=int, default=2000)
    args = ap.parse_args(argv)

    recorded = json.loads(DIGESTS.read_text(encoding="utf-8")) if DIGESTS.exists() else {}
    digests, failed = {}, 0
    for name, source in _inputs(Path(args.shared), args.records).items():
        out = DATA / "identity" / ("recorded" if args.record else "now") / f"{name}.json"
        t = time.perf_counter()
        _extract(source, out)
        digest = hashlib.sha256(out.read_bytes()).hexdigest()
        digests[name] = digest
        took = time.perf_counter() - t
        if args.record:
            print(f"{name:24s} {digest[:16]}  recorded ({took:.1f} s)")
            continue
        want = recorded.get(name)
        same = digest == want
        failed += not same
        print(f"{name:24s} {digest[:16]}  {'identical' if same else 'DIFFERENT from ' + str(want)[:16]} ({took:.1f} s)")
        old = DATA / "identity" / "recorded" / f"{name}.json"
        if not same and old.exists():
            print("\n".join(_diff(old, out)))
    if args.record:
        DIGESTS.write_text(json.dumps(digests, indent=1) + "\n", encoding="utf-8")
        return 0
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
