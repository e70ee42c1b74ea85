"""Events: coding speed (chars/s) on ../shared/corpus/news, against the actors stage on the same texts.

Documents are read and run through normalize → actors → time → quotes before timing, so the figure is
the events stage alone (triggers, guards, arguments, complements, modes, dates, dedup). Baseline,
measured in the same run on the same documents: the actors stage. ratio = events chars/s ÷ actors
chars/s (> 1: the events stage is faster than linking).

Run: `python -m benchmarks events` or `python benchmarks/bench_events.py`.
"""
from __future__ import annotations

import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def run(quick: bool = False) -> dict:
    from benchmarks.corpus import SHARED_CORPUS, load_docs

    news = SHARED_CORPUS / "news"
    if not news.is_dir():
        return {"title": "events", "rows": [], "notes": [f"skipped: {news} is absent"]}
    from shiju import actors, events
    from shiju.context import AnalysisContext
    from shiju.text import normalize

    ctx = AnalysisContext()
    docs = load_docs(news, 40 if quick else None, ("normalize", "actors", "time", "quotes"), ctx)
    chars = sum(len(t) for d in docs for _, t in d.parts())
    events.process(docs[0], ctx)  # build the lexicon outside the timed loop
    repeats = 1 if quick else 3
    best_ev = best_act = float("inf")
    n_events = 0
    for _ in range(repeats):
        t = time.perf_counter()
        for d in docs:
            events.process(d, ctx)
        best_ev = min(best_ev, time.perf_counter() - t)
        n_events = sum(len(d.events) for d in docs)
        saved = [d.actors for d in docs]
        for d in docs:
            normalize.process(d, ctx)
            d.actors = []
        t = time.perf_counter()
        for d in docs:
            actors.process(d, ctx)
        best_act = min(best_act, time.perf_counter() - t)
        for d, a in zip(docs, saved):
            d.actors = a
    ev_cps, act_cps = chars / best_ev, chars / best_act
    rows = [
        {"what": "actors stage (baseline)", "docs": len(docs), "chars": chars, "seconds": round(best_act, 3),
         "chars/s": round(act_cps), "ratio": 1.0},
        {"what": "events stage", "docs": len(docs), "chars": chars, "seconds": round(best_ev, 3),
         "chars/s": round(ev_cps), "ratio": round(ev_cps / act_cps, 3)},
    ]
    notes = [f"{n_events} events coded ({ev_cps / 1e6:.2f}M chars/s)"]
    return {"title": "events", "rows": rows, "notes": notes}


if __name__ == "__main__":  # `python benchmarks/bench_events.py [--quick]` = `python -m benchmarks events`
    sys.path.insert(0, str(REPO))
    from benchmarks.__main__ import main

    sys.exit(main(["events", *sys.argv[1:]]))
