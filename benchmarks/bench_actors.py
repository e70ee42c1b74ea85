"""Actors: linking speed (chars/s) on ../shared/corpus, against bare rjieba segmentation.

Documents are read and their Simplified views built (the normalize stage) before timing, so the figure
is the actors stage alone: candidate matching, boundary checks, resolution, unknown persons and
coreference over the body and every comment. Baseline, measured in the same run on the same texts:
`rjieba.cut(text)` with its default dictionary (a plain segmentation pass, what a segment-then-look-up
linker would pay before doing anything). ratio = actors chars/s ÷ rjieba chars/s (> 1: faster).
The target is >= 2M chars/s per core for the actors stage.

Run: `python -m benchmarks actors` or `python benchmarks/bench_actors.py`.
"""
from __future__ import annotations

import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def _docs(quick: bool):
    from benchmarks.corpus import SHARED_CORPUS, load_docs

    # views are the normalize stage's cost, not the linker's: built before timing
    return load_docs(SHARED_CORPUS, 60 if quick else None, ("normalize",))


def run(quick: bool = False) -> dict:
    from benchmarks.corpus import SHARED_CORPUS

    if not SHARED_CORPUS.is_dir():
        return {"title": "actors", "rows": [], "notes": [f"skipped: {SHARED_CORPUS} is absent"]}
    import rjieba

    from shiju import actors
    from shiju.context import AnalysisContext

    docs = _docs(quick)
    texts = [t for d in docs for _, t in d.parts()]
    chars = sum(len(t) for t in texts)
    ctx = AnalysisContext()
    t = time.perf_counter()
    gaz = actors.get_gazetteer(ctx)
    gaz.segmenter  # noqa: B018 - build the segmenter outside the timed loop too
    load_s = time.perf_counter() - t
    rjieba.cut("预热")
    repeats = 1 if quick else 3
    best_base = best_link = float("inf")
    mentions = 0
    for _ in range(repeats):
        t = time.perf_counter()
        for s in texts:
            rjieba.cut(s)
        best_base = min(best_base, time.perf_counter() - t)
        for d in docs:
            d.actors = []
        t = time.perf_counter()
        for d in docs:
            actors.process(d, ctx)
        best_link = min(best_link, time.perf_counter() - t)
        mentions = sum(len(a.mentions) for d in docs for a in d.actors)
    base_cps, link_cps = chars / best_base, chars / best_link
    rows = [
        {"what": "rjieba.cut (baseline)", "docs": len(docs), "chars": chars, "seconds": round(best_base, 3),
         "chars/s": round(base_cps), "ratio": 1.0},
        {"what": "actors stage", "docs": len(docs), "chars": chars, "seconds": round(best_link, 3),
         "chars/s": round(link_cps), "ratio": round(link_cps / base_cps, 3)},
    ]
    notes = [f"gazetteer load + compile: {load_s:.2f} s (once per context); {len(gaz.entries)} entries, "
             f"{len(gaz.patterns)} CJK patterns; {mentions} mentions linked",
             f"target >= 2,000,000 chars/s per core: {'met' if link_cps >= 2e6 else 'NOT met'} "
             f"({link_cps / 1e6:.2f}M chars/s)"]
    return {"title": "actors", "rows": rows, "notes": notes}


if __name__ == "__main__":  # `python benchmarks/bench_actors.py [--quick]` = `python -m benchmarks actors`
    sys.path.insert(0, str(REPO))
    from benchmarks.__main__ import main

    sys.exit(main(["actors", *sys.argv[1:]]))
