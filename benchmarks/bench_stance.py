"""The reactions stage with and without the stance decider, on the documents of ../shared/corpus that have
comments (pipeline run up to relations first, untimed).

Both variants run alternately in the same process, several rounds; CPU seconds are the median over rounds,
so the ratio (decider ÷ rules alone) is what to compare across machines, not the seconds. A third row
times only the decider's part (features and decisions over the rules' traces).

Run: `python -m benchmarks stance [--quick]`.
"""
from __future__ import annotations

import statistics
import time

from benchmarks.corpus import SHARED_CORPUS, load_docs


def run(quick: bool = False) -> dict:
    from shiju.context import AnalysisContext
    from shiju.reactions import process, reply_tree, rules_only, stance_traces
    from shiju.stance_decider import decide, load_decider

    ctx, ctx_rules = AnalysisContext(), AnalysisContext()
    rules_only(ctx_rules)
    pre = ("normalize", "actors", "time", "quotes", "events", "relations")
    docs = [d for d in load_docs(SHARED_CORPUS, limit=60 if quick else None, stages=pre, ctx=ctx) if d.comments]
    model = load_decider()
    comments = sum(len(d.comments) for d in docs)
    for d in docs:  # warm both contexts (lexicons, gazetteer aliases, the model)
        process(d, ctx_rules)
        process(d, ctx)
    traces = [(d, stance_traces(d, ctx), reply_tree(d.comments)) for d in docs]
    secs: dict[str, list[float]] = {"rules alone": [], "rules + decider": [], "decider part": []}
    for r in range(3 if quick else 7):
        order = [("rules alone", ctx_rules), ("rules + decider", ctx)]
        for name, c in order if r % 2 == 0 else order[::-1]:
            t = time.process_time()
            for d in docs:
                process(d, c)
            secs[name].append(time.process_time() - t)
        t = time.process_time()
        for d, tr, tree in traces:
            decide(d, tr, tree, model)
        secs["decider part"].append(time.process_time() - t)
    base = statistics.median(secs["rules alone"])
    rows = []
    for name, v in secs.items():
        med = statistics.median(v)
        rows.append({"variant": name, "cpu_s": round(med, 3), "comments/s": round(comments / med) if med else 0,
                     "ratio_vs_rules": round(med / base, 2) if base else 0})
    return {"title": f"reactions stage on {len(docs)} corpus documents ({comments} comments)", "rows": rows,
            "notes": ["median CPU seconds over alternating rounds in one process; ratio against the rules alone "
                      "measured in the same run"]}
