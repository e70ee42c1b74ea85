"""Output snapshot for speed work: every record of the full pipeline as JSON, to compare before/after.

A speed change must not change any output. This writes one JSON line per document for ../shared/corpus,
../shared/examples, examples/ and the bodies of the non-blind gold files (blind files are never read),
with a hash per line, and compares two snapshots record by record.

    python benchmarks/snapshot.py write /tmp/before.jsonl
    python benchmarks/snapshot.py write /tmp/after.jsonl
    python benchmarks/snapshot.py compare /tmp/before.jsonl /tmp/after.jsonl

To snapshot another commit without checking it out: `git archive REF | tar -x -C DIR`, then run
`PYTHONPATH=DIR/src python DIR/benchmarks/snapshot.py write OUT` (the inputs are read relative to this
repository, so pass --repo to read the same inputs from both trees).

Not a benchmark (the runner only picks up bench_*.py).
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Iterator

REPO = Path(__file__).resolve().parents[1]


def inputs(repo: Path) -> Iterator[tuple[str, object]]:
    """(label, Document) for every input document, in a fixed order; read errors are labelled too."""
    from shiju.evaluation import gold_document, load_gold
    from shiju.modelcard import is_blind
    from shiju.readers import ReadError, ReadOptions, iter_documents

    shared = (repo / ".." / "shared").resolve()
    for folder in (shared / "corpus", shared / "examples", repo / "examples"):
        if not folder.is_dir():
            continue
        for d in iter_documents([str(folder)], ReadOptions()):
            if isinstance(d, ReadError):
                yield f"{folder.name}:error", d
            else:
                yield f"{folder.name}:{d.source}", d
    gold = [f for f in sorted((repo / "tests" / "gold").glob("*.yaml")) if not is_blind(str(f))]
    for g in load_gold(gold):
        yield f"gold:{Path(g['_file']).name}", gold_document(g)


def write(out: Path, repo: Path) -> int:
    from shiju.pipeline import Pipeline

    p = Pipeline()
    n = 0
    with open(out, "w", encoding="utf-8") as f:
        for label, d in inputs(repo):
            if hasattr(d, "to_dict"):
                rec = json.dumps(p(d).to_dict(), ensure_ascii=False, sort_keys=True)
            else:  # a ReadError: its message is output too
                rec = json.dumps({"error": str(d)}, ensure_ascii=False)
            f.write(json.dumps({"label": label, "record": rec}, ensure_ascii=False) + "\n")
            n += 1
    return n


def compare(a: Path, b: Path, show: int = 5) -> int:
    """Number of records that differ (or are missing on one side); prints the first few."""
    la = a.read_text(encoding="utf-8").splitlines()
    lb = b.read_text(encoding="utf-8").splitlines()
    bad = 0
    for i in range(max(len(la), len(lb))):
        if i >= len(la) or i >= len(lb) or la[i] != lb[i]:
            bad += 1
            if bad <= show:
                ra = json.loads(la[i]) if i < len(la) else {"label": "-", "record": ""}
                rb = json.loads(lb[i]) if i < len(lb) else {"label": "-", "record": ""}
                k = next((j for j, (x, y) in enumerate(zip(ra["record"], rb["record"])) if x != y),
                         min(len(ra["record"]), len(rb["record"])))
                print(f"record {i} ({ra['label']} / {rb['label']}) differs at char {k}:\n"
                      f"  a: …{ra['record'][max(0, k - 80):k + 80]}\n  b: …{rb['record'][max(0, k - 80):k + 80]}")
    print(f"{len(la)} / {len(lb)} records, {bad} differ")
    return bad


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="benchmarks/snapshot.py")
    sub = ap.add_subparsers(dest="cmd", required=True)
    w = sub.add_parser("write", help="write every record of the pipeline to FILE")
    w.add_argument("out", type=Path)
    w.add_argument("--repo", type=Path, default=REPO, help="read examples/ and tests/gold from this tree")
    c = sub.add_parser("compare", help="compare two snapshots; exit 1 if any record differs")
    c.add_argument("a", type=Path)
    c.add_argument("b", type=Path)
    args = ap.parse_args(argv)
    if args.cmd == "write":
        print(f"{write(args.out, args.repo.resolve())} records written to {args.out}")
        return 0
    return 1 if compare(args.a, args.b) else 0


if __name__ == "__main__":
    sys.exit(main())
