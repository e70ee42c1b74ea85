"""Readers: throughput (files/s, MB/s) on ../shared/corpus, per input family and overall.

Baseline, measured in the same run on the same files: reading the bytes and decoding them as UTF-8
(what any reader must at least do). The ratio column says how many times slower a full read
(detection, markup to text, comments, metadata, ids, language) is than that baseline.

Run: `python -m benchmarks readers` or `python benchmarks/bench_readers.py`.
"""
from __future__ import annotations

import os
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
CORPUS = (REPO / ".." / "shared" / "corpus").resolve()


def _files(root: Path) -> list[Path]:
    from shiju.readers.detect import walk

    return [Path(p) for p in walk(str(root))]


def _baseline(files: list[Path]) -> float:
    t = time.perf_counter()
    for p in files:
        with open(p, "rb") as f:
            f.read().decode("utf-8", errors="replace")
    return time.perf_counter() - t


def _read(root: Path) -> tuple[float, int, int]:
    from shiju.readers import ReadError, ReadOptions, iter_documents

    t = time.perf_counter()
    docs = errors = 0
    for item in iter_documents([str(root)], ReadOptions()):
        if isinstance(item, ReadError):
            errors += 1
        else:
            docs += 1
    return time.perf_counter() - t, docs, errors


def run(quick: bool = False) -> dict:
    if not CORPUS.is_dir():
        return {"title": "readers", "rows": [], "notes": [f"skipped: {CORPUS} is absent"]}
    # warm imports (trafilatura, lxml, opencc) so that they are not charged to the first family
    from shiju.readers import ReadOptions, iter_documents

    list(iter_documents([str(REPO / "examples")], ReadOptions()))
    families = [("pincong-md", CORPUS / "pincong-md"), ("pincong-json", CORPUS / "pincong"),
                ("news (front matter + 日期)", CORPUS / "news"), ("all", CORPUS)]
    rows = []
    repeats = 1 if quick else 3
    for name, root in families:
        files = _files(root)
        size = sum(os.path.getsize(p) for p in files)
        base = min(_baseline(files) for _ in range(repeats))
        best = None
        for _ in range(repeats):
            elapsed, docs, errors = _read(root)
            best = elapsed if best is None else min(best, elapsed)
        rows.append({
            "input": name,
            "files": len(files),
            "MB": round(size / 1e6, 2),
            "docs": docs,
            "errors": errors,
            "files/s": round(len(files) / best, 1),
            "MB/s": round(size / 1e6 / best, 2),
            "baseline MB/s": round(size / 1e6 / base, 1),
            "x baseline time": round(best / base, 1),
        })
    return {
        "title": "readers: throughput on ../shared/corpus (best of %d runs, 1 process)" % repeats,
        "rows": rows,
        "notes": ["baseline = read bytes + UTF-8 decode of the same files in the same run",
                  "errors = deleted-post placeholders of the JSON backup (reported, not crashes)"],
    }


if __name__ == "__main__":  # `python benchmarks/bench_readers.py [--quick]` = `python -m benchmarks readers`
    sys.path.insert(0, str(REPO))
    from benchmarks.__main__ import main

    sys.exit(main(["readers", *sys.argv[1:]]))
