"""Long documents: is the cost of a document linear in its length?

Same text, two shapes, CPU time per stage (normalize → reactions), measured in the same run:

1. one 20,000-character paragraph (no line break) vs the same sentences as 10 documents of ~2,000
   characters;
2. one 10,000-character run-on sentence (every 。！？ of the sentences turned into ，) vs the same text as
   10 run-on sentences of ~1,000 characters (10 documents).

ratio = seconds on the long document ÷ seconds on the 10 short ones. A stage linear in the length of a
document (or sentence) stays near 1; a quadratic one grows with the length (about 10 here). The text is
sentences of our own examples and gold bodies (benchmarks/bench_pipeline.own_sentences), never ../shared.

Run: `python -m benchmarks longdoc [--quick]` or `python benchmarks/bench_longdoc.py`.
"""
from __future__ import annotations

import random
import re
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
_STOP = re.compile(r"[。！？]")


def _text(sentences: list[str], chars: int, seed: int) -> str:
    rng = random.Random(seed)
    out: list[str] = []
    n = 0
    while n < chars:
        s = rng.choice(sentences)
        out.append(s)
        n += len(s)
    return "".join(out)[:chars]


def _split(text: str, pieces: int) -> list[str]:
    k = len(text) // pieces
    return [text[i * k:(i + 1) * k] for i in range(pieces)]


def _stage_seconds(texts: list[str]) -> dict[str, float]:
    """CPU seconds per stage over documents made of ``texts``."""
    from shiju.model import Document
    from shiju.pipeline import DEFAULT_STAGES, load_stage

    ctx = _stage_seconds.ctx  # type: ignore[attr-defined]
    stages = [(n, load_stage(n)) for n in DEFAULT_STAGES]
    secs = {n: 0.0 for n, _ in stages}
    for k, t in enumerate(texts):
        d = Document(id=f"long-{k}", source="bench", format="text", body=t, published="2024-01-15")
        for n, f in stages:
            c = time.process_time()
            d = f(d, ctx)
            secs[n] += time.process_time() - c
    return secs


def run(quick: bool = False) -> dict:
    from benchmarks.bench_pipeline import own_sentences
    from shiju.context import AnalysisContext
    from shiju.pipeline import Pipeline

    sents = own_sentences()
    ctx = AnalysisContext()
    _stage_seconds.ctx = ctx  # type: ignore[attr-defined]
    Pipeline(ctx=ctx)  # load resources outside the timed runs
    _stage_seconds([sents[0] + sents[1]])
    scale = 4 if quick else 1
    para = _text(sents, 20_000 // scale, seed=11)
    runon = _STOP.sub("，", _text(sents, 10_000 // scale, seed=12))
    cases = [(f"paragraph {len(para):,} vs 10×{len(para) // 10:,} chars", para),
             (f"run-on sentence {len(runon):,} vs 10×{len(runon) // 10:,}", runon)]
    rows: list[dict] = []
    notes: list[str] = []
    for label, text in cases:
        short = _stage_seconds(_split(text, 10))
        long_ = _stage_seconds([text])
        for name in list(short) + ["all stages"]:
            s = sum(short.values()) if name == "all stages" else short[name]
            lo = sum(long_.values()) if name == "all stages" else long_[name]
            rows.append({"case": label, "stage": name, "10 short s": round(s, 3),
                         "1 long s": round(lo, 3), "long/short": round(lo / max(s, 1e-4), 2)})
    notes.append("ratio near 1: linear in document length; about 10: quadratic")
    return {"title": "long documents", "rows": rows, "notes": notes}


if __name__ == "__main__":  # `python benchmarks/bench_longdoc.py [--quick]` = `python -m benchmarks longdoc`
    sys.path.insert(0, str(REPO))
    from benchmarks.__main__ import main

    sys.exit(main(["longdoc", *sys.argv[1:]]))
