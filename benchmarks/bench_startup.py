"""Start-up of the CLI and speed of the time stage.

1. Wall time of `shiju --help` (and of importing `shiju.time`), beside `python -c pass` measured in the
   same run as the baseline; the CLI must start in under 1 s. Median of several runs.
2. Time tagging on ../shared/corpus: characters per second of `shiju.time.process` on documents whose
   Simplified views are already built (the normalize stage's work is not charged to it). Baseline in the
   same run: one pass of the single regular expression `\\d{1,2}日` over the same texts — what the most
   naive tagger must at least do. The ratio says how many times slower the full stage is.

Run: `python -m benchmarks startup` or `python benchmarks/bench_startup.py`.
"""
from __future__ import annotations

import re
import statistics
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
CORPUS = (REPO / ".." / "shared" / "corpus").resolve()


def _wall(cmd: list[str], repeats: int) -> float:
    times = []
    for _ in range(repeats):
        t = time.perf_counter()
        subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
        times.append(time.perf_counter() - t)
    return statistics.median(times)


def _startup(repeats: int) -> list[dict]:
    py = sys.executable
    base = _wall([py, "-c", "pass"], repeats)
    rows = []
    for name, cmd in (("python -c pass (baseline)", [py, "-c", "pass"]),
                      ("shiju --help", [py, "-m", "shiju.cli", "--help"]),
                      ("import shiju.time", [py, "-c", "import shiju.time"])):
        t = base if "baseline" in name else _wall(cmd, repeats)
        rows.append({"measure": name, "seconds": f"{t:.3f}", "vs baseline": f"{t / base:.1f}x",
                     "limit": "< 1 s" if name == "shiju --help" else "",
                     "ok": ("yes" if t < 1.0 else "NO") if name == "shiju --help" else ""})
    return rows


def _documents(quick: bool):
    from shiju.readers import ReadError, ReadOptions, iter_documents

    docs = [d for d in iter_documents([str(CORPUS)], ReadOptions(default_date="2021-03-18"))
            if not isinstance(d, ReadError)]
    return docs[:60] if quick else docs


def _tagging(quick: bool) -> tuple[list[dict], list[str]]:
    from shiju.context import AnalysisContext
    from shiju.time import process

    docs = _documents(quick)
    for d in docs:  # build the Simplified views (the normalize stage) outside the timing
        for part, _ in d.parts():
            d.view(part)
    texts = [d.view(p).simplified for d in docs for p, _ in d.parts()]
    chars = sum(map(len, texts))
    ctx = AnalysisContext()
    process(docs[0], ctx)  # load the lexicon once, outside the timing
    naive = re.compile(r"\d{1,2}日")
    repeats = 1 if quick else 3
    base_t, stage_t = [], []
    found = 0
    for _ in range(repeats):
        t = time.perf_counter()
        for x in texts:
            for _m in naive.finditer(x):
                pass
        base_t.append(time.perf_counter() - t)
        t = time.perf_counter()
        found = 0
        for d in docs:
            found += len(process(d, ctx).times)
        stage_t.append(time.perf_counter() - t)
    b, s = min(base_t), min(stage_t)
    rows = [
        {"measure": "naive regex \\d{1,2}日 (baseline)", "seconds": f"{b:.3f}", "chars/s": f"{chars / b:,.0f}",
         "vs baseline": "1.0x"},
        {"measure": "shiju.time.process", "seconds": f"{s:.3f}", "chars/s": f"{chars / s:,.0f}",
         "vs baseline": f"{s / b:.1f}x"},
    ]
    notes = [f"{len(docs)} documents ({len(texts)} parts, {chars:,} characters) from {CORPUS}; "
             f"{found} time expressions; best of {repeats} runs"]
    return rows, notes


def run(quick: bool = False) -> dict:
    rows = _startup(3 if quick else 7)
    notes = ["start-up: median wall time of fresh interpreter processes"]
    if CORPUS.is_dir():
        trows, tnotes = _tagging(quick)
        rows += trows
        notes += tnotes
    else:
        notes.append(f"time tagging skipped: {CORPUS} is absent")
    return {"title": "start-up and time tagging", "rows": rows, "notes": notes}


if __name__ == "__main__":  # `python benchmarks/bench_startup.py [--quick]` = `python -m benchmarks startup`
    sys.path.insert(0, str(REPO))
    from benchmarks.__main__ import main

    sys.exit(main(["startup", *sys.argv[1:]]))
