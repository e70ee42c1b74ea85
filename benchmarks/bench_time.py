"""Time stage: tagging and resolution speed (chars/s) on ../shared/corpus, against one bare regex pass.

Documents are read and their Simplified views built (the normalize stage) before timing, so the figure
is the time stage alone: atom scan, joining, negative filters, resolution and notes over the body and
every comment. Baseline, measured in the same run on the same texts: one `re.finditer` of the characters
every date contains (年月日号天周) over each part — the least any regex tagger pays.
ratio = time-stage chars/s ÷ baseline chars/s. Best of `REPEATS` passes (the machine is shared).

Run: `python -m benchmarks time` or `python benchmarks/bench_time.py`.
"""
from __future__ import annotations

import re
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
CORPUS = (REPO / ".." / "shared" / "corpus").resolve()
REPEATS = 5


def _docs(quick: bool):
    from shiju.readers import ReadError, ReadOptions, iter_documents
    from shiju.text import normalize

    docs = [d for d in iter_documents([str(CORPUS)], ReadOptions()) if not isinstance(d, ReadError)]
    if quick:
        docs = docs[:60]
    for d in docs:
        normalize.process(d, None)
    return docs


def run(quick: bool = False) -> dict:
    if not CORPUS.is_dir():
        return {"title": "time", "rows": [], "notes": [f"skipped: {CORPUS} is absent"]}
    from shiju import time as time_stage
    from shiju.context import AnalysisContext

    docs = _docs(quick)
    texts = [d.view(p).simplified for d in docs for p, _ in d.parts()]
    chars = sum(len(t) for t in texts)
    ctx = AnalysisContext()
    time_stage.process(docs[0], ctx)  # load and compile the lexicon outside the timed loop
    base_re = re.compile("[年月日号天周]")
    best_stage = best_base = float("inf")
    n_times = 0
    for _ in range(1 if quick else REPEATS):
        t = time.perf_counter()
        for tx in texts:
            for _m in base_re.finditer(tx):
                pass
        best_base = min(best_base, time.perf_counter() - t)
        t = time.perf_counter()
        n_times = 0
        for d in docs:
            time_stage.process(d, ctx)
            n_times += len(d.times)
        best_stage = min(best_stage, time.perf_counter() - t)
    stage_cps, base_cps = chars / best_stage, chars / best_base
    rows = [{"what": "time stage", "docs": len(docs), "chars": chars, "times found": n_times,
             "seconds": round(best_stage, 3), "chars/s": round(stage_cps)},
            {"what": "baseline: one regex pass", "docs": len(docs), "chars": chars, "times found": "",
             "seconds": round(best_base, 3), "chars/s": round(base_cps)}]
    return {"title": "time", "rows": rows,
            "notes": [f"ratio time stage / baseline = {stage_cps / base_cps:.3f} (best of {REPEATS})"]}


if __name__ == "__main__":  # `python benchmarks/bench_time.py [--quick]` = `python -m benchmarks time`
    sys.path.insert(0, str(REPO))
    from benchmarks.__main__ import main

    sys.exit(main(["time", *sys.argv[1:]]))
