"""Linker: candidate matching and the whole actors stage (chars/s) on ../shared/corpus, beside rjieba.

Three measures over the same texts (every part's Simplified view, built before timing), interleaved and
repeated, best CPU time of each kept (the machine is shared; CPU time is steadier than wall time):
- `rjieba.cut(text)` with its default dictionary: the baseline, a plain segmentation pass;
- candidate matching alone: `PartLinker.candidates()` on every part, i.e. the Aho-Corasick pass over the
  Simplified view, Latin acronyms, compounds of abbreviations, and the boundary checks (which segment
  only the clauses holding a candidate);
- the whole actors stage (`shiju.actors.process`): matching, resolution, unknown persons, coreference,
  discourse rules, building the actors.
ratio = chars/s ÷ rjieba chars/s in the same run. Issue 3 asks >= 2M chars/s per core for linking.
`python -m benchmarks actors` reports the stage alone; this one shows how much of it is matching.

Run: `python -m benchmarks linker` or `python benchmarks/bench_linker.py`.
"""
from __future__ import annotations

import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def run(quick: bool = False) -> dict:
    from benchmarks.corpus import SHARED_CORPUS, load_docs

    if not SHARED_CORPUS.is_dir():
        return {"title": "linker", "rows": [], "notes": [f"skipped: {SHARED_CORPUS} is absent"]}
    import rjieba

    from shiju import actors
    from shiju.actors.linker import PartLinker
    from shiju.context import AnalysisContext

    ctx = AnalysisContext()
    docs = load_docs(SHARED_CORPUS, 60 if quick else None, ("normalize",), ctx)
    parts = [(d.view(p).simplified, p != "body") for d in docs for p, _ in d.parts()]
    chars = sum(len(t) for t, _ in parts)
    t = time.process_time()
    gaz = actors.get_gazetteer(ctx)
    gaz.segmenter  # noqa: B018 - built outside the timed loops
    load_s = time.process_time() - t
    rjieba.cut("预热")
    best = {"rjieba": float("inf"), "candidates": float("inf"), "stage": float("inf")}
    found = 0
    for _ in range(1 if quick else 3):
        t = time.process_time()
        for text, _ in parts:
            rjieba.cut(text)
        best["rjieba"] = min(best["rjieba"], time.process_time() - t)
        t = time.process_time()
        found = 0
        for text, comment in parts:
            found += len(PartLinker(gaz, text, comment=comment).candidates())
        best["candidates"] = min(best["candidates"], time.process_time() - t)
        for d in docs:
            d.actors = []
        t = time.process_time()
        for d in docs:
            actors.process(d, ctx)
        best["stage"] = min(best["stage"], time.process_time() - t)
    base = chars / best["rjieba"]
    rows = []
    for what, key in (("rjieba.cut (baseline)", "rjieba"), ("candidate matching", "candidates"),
                      ("actors stage", "stage")):
        cps = chars / best[key]
        rows.append({"what": what, "docs": len(docs), "chars": chars, "cpu s": round(best[key], 3),
                     "chars/s": round(cps), "ratio": round(cps / base, 3)})
    mentions = sum(len(a.mentions) for d in docs for a in d.actors)
    stage_cps = chars / best["stage"]
    notes = [f"{len(parts)} parts; {found} candidates, {mentions} mentions linked; gazetteer load + "
             f"segmenter {load_s:.2f} CPU s (once per process, not timed above)",
             f"candidate matching is {best['candidates'] / best['stage']:.0%} of the stage's CPU time",
             f"target >= 2,000,000 chars/s per core: {'met' if stage_cps >= 2e6 else 'NOT met'} "
             f"({stage_cps / 1e6:.2f}M chars/s)"]
    return {"title": "linker", "rows": rows, "notes": notes}


if __name__ == "__main__":  # `python benchmarks/bench_linker.py [--quick]` = `python -m benchmarks linker`
    sys.path.insert(0, str(REPO))
    from benchmarks.__main__ import main

    sys.exit(main(["linker", *sys.argv[1:]]))
