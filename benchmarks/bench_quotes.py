"""The quotes stage as shipped, with the speaker chooser switched on and with the decider of reported clauses
switched on, on ../shared/corpus (pipeline run up to time first, untimed).

Both variants run alternately in the same process, several rounds; CPU seconds are the median over rounds,
so the ratio (variant ÷ as shipped) is what to compare across machines, not the seconds. A row runs the rules
alone (every learned part off) as the baseline of the learned parts' cost.

Run: `python -m benchmarks quotes [--quick]`.
"""
from __future__ import annotations

import dataclasses
import statistics
import time

from benchmarks.corpus import SHARED_CORPUS, load_docs


def run(quick: bool = False) -> dict:
    from shiju import quote_chooser as qc
    from shiju import quote_detector as qd
    from shiju import quotes
    from shiju.context import AnalysisContext

    ctx = AnalysisContext()
    docs = load_docs(SHARED_CORPUS, limit=80 if quick else 300, stages=("normalize", "actors", "time"), ctx=ctx)
    lex = quotes.load_lexicon()
    det, ch, ind = qd.load_detector(), qc.load_chooser(), qd.load_indirect()
    on = lambda m: m if m.enabled else None  # noqa: E731
    variants = {  # (detector, chooser, decider of reported clauses)
        "rules alone": (None, None, None),
        "as shipped": (on(det), on(ch), on(ind)),
        "chooser on": (on(det), dataclasses.replace(ch, enabled=True), on(ind)),
        "indirect decider on": (on(det), on(ch), dataclasses.replace(ind, enabled=True)),
    }
    date_fn = lambda part, pos: None  # noqa: E731  the same for every variant

    def stage(d, detector, chooser, indirect):
        by_part = quotes._mentions_by_part(d)
        return sum(len(quotes.analyse_part(d, part, lex, date_fn, by_part, detector, chooser, indirect))
                   for part, _ in d.parts())

    counts = {name: sum(stage(d, *v) for d in docs) for name, v in variants.items()}  # also warms up
    secs: dict[str, list[float]] = {name: [] for name in variants}
    names = list(variants)
    for r in range(3 if quick else 5):
        for name in names if r % 2 == 0 else names[::-1]:
            t = time.process_time()
            for d in docs:
                stage(d, *variants[name])
            secs[name].append(time.process_time() - t)
    med = {k: statistics.median(v) for k, v in secs.items()}
    base = med["as shipped"] or 1e-9
    rows = [{"variant": k, "cpu_s": round(v, 3), "ratio_to_shipped": round(v / base, 3), "quotes": counts[k]}
            for k, v in med.items()]
    return {"title": f"quotes stage CPU on {len(docs)} ../shared/corpus documents", "rows": rows,
            "notes": ["ratio_to_shipped: median CPU seconds over rounds, relative to the shipped settings"]}


if __name__ == "__main__":
    import json

    print(json.dumps(run(), ensure_ascii=False, indent=1))
