"""Before/after CPU time of a speed change: two source trees, fresh processes, alternating, in one run.

On a shared machine absolute timings drift by ±30% within minutes, so a change is measured against its
baseline in the same run: the stages of `git archive REF` (the baseline) and of this tree are timed in
turn, ROUNDS times each, each in a fresh process over ../shared/corpus (CPU seconds: reading, every
stage, serialising, and bare rjieba segmentation of the same text). The table gives the best round of
each and the ratio baseline / this tree (> 1: faster now).

    python benchmarks/compare_trees.py main            # baseline main, 3 rounds
    python benchmarks/compare_trees.py HEAD~2 --rounds 5
    python benchmarks/compare_trees.py main --without abc123,def456   # main less those commits vs this tree

Not a benchmark of the runner (which picks up bench_*.py only).
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
CORPUS = (REPO / ".." / "shared" / "corpus").resolve()

# Run in the child with PYTHONPATH pointing at one tree's src/: stage CPU seconds as JSON on stdout.
_CHILD = r"""
import json, sys, time
from shiju.context import AnalysisContext
from shiju.pipeline import Pipeline
from shiju.readers import ReadError, ReadOptions, iter_documents
import rjieba

corpus = sys.argv[1]
out = {}
t = time.process_time()
docs = [d for d in iter_documents([corpus], ReadOptions()) if not isinstance(d, ReadError)]
out["reading"] = time.process_time() - t
texts = [x for d in docs for _, x in d.parts()]
out["chars"] = sum(map(len, texts))
t = time.process_time()
for x in texts:
    rjieba.cut(x)
out["rjieba"] = time.process_time() - t
ctx = AnalysisContext()
p = Pipeline(ctx=ctx)
from shiju.model import Comment, Document
# resources loaded before timing (once per worker in real runs); the comment loads the stance models,
# which a news document does not
p(Document(id="warm", source="warm", format="text", body="美国国务卿布林肯18日在北京表示，“双方同意继续沟通”。",
           published="2023-06-19", comments=[Comment(id="c1", author="warm", text="美国又在搞事，支持中国。")]))
try:  # what `shiju analyze` does once its resources are loaded (trees since session 10)
    from shiju.engine import settle_loaded_heap
except ImportError:
    pass
else:
    settle_loaded_heap()
for name, stage in zip(p.names, p._stages):
    t = time.process_time()
    docs = [stage(d, ctx) for d in docs]
    out[name] = time.process_time() - t
t = time.process_time()
for d in docs:
    json.dumps(d.to_dict(), ensure_ascii=False)
out["serialise"] = time.process_time() - t
print(json.dumps(out))
"""


def run_tree(src: Path, corpus: Path) -> dict[str, float]:
    env = dict(os.environ, PYTHONPATH=str(src))
    res = subprocess.run([sys.executable, "-c", _CHILD, str(corpus)], env=env, check=True, capture_output=True,
                         text=True)
    return json.loads(res.stdout.strip().splitlines()[-1])


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="benchmarks/compare_trees.py")
    ap.add_argument("ref", help="the baseline commit (e.g. main)")
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--corpus", type=Path, default=CORPUS)
    ap.add_argument("--json", type=Path, help="also write every round's figures here")
    ap.add_argument("--without", default="", help="commits (comma-separated) whose src/ changes are taken "
                    "out of the baseline: a speed change measured on today's code, others' changes in both")
    args = ap.parse_args(argv)
    if not args.corpus.is_dir():
        print(f"{args.corpus}: no such folder (the corpus to time on)", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory() as tmp:
        archive = subprocess.run(["git", "-C", str(REPO), "archive", args.ref, "src"], check=True,
                                 capture_output=True).stdout
        subprocess.run(["tar", "-x", "-C", tmp], input=archive, check=True)
        for c in reversed([c for c in args.without.split(",") if c]):
            diff = subprocess.run(["git", "-C", str(REPO), "diff", f"{c}^", c, "--", "src"], check=True,
                                  capture_output=True).stdout
            subprocess.run(["patch", "-R", "-p1", "-s", "-d", tmp], input=diff, check=True)
        trees = {"baseline": Path(tmp) / "src", "this tree": REPO / "src"}
        runs: dict[str, list[dict[str, float]]] = {k: [] for k in trees}
        for r in range(args.rounds):
            for name in (list(trees) if r % 2 == 0 else list(trees)[::-1]):  # alternate who goes first
                runs[name].append(run_tree(trees[name], args.corpus))
                print(f"round {r + 1} {name}: " + ", ".join(f"{k} {v:.2f}" for k, v in runs[name][-1].items()
                                                            if k != "chars"), file=sys.stderr)
    label = args.ref + (f" less {args.without}" if args.without else "")
    keys = [k for k in runs["baseline"][0] if k not in ("chars", "rjieba")]
    chars = runs["baseline"][0]["chars"]
    print(f"CPU s on {args.corpus} ({chars:,} chars), best of {args.rounds} fresh processes each, "
          f"baseline {label} vs this tree, alternating")
    print(f"| step | {label} | this tree | ratio |")
    print("|---|---|---|---|")
    for k in keys + ["stages", "end to end"]:
        def val(run: dict[str, float]) -> float:
            if k == "stages":
                return sum(run[x] for x in keys if x not in ("reading", "serialise"))
            if k == "end to end":
                return sum(run[x] for x in keys)
            return run[k]
        a, b = min(map(val, runs["baseline"])), min(map(val, runs["this tree"]))
        print(f"| {k} | {a:.2f} | {b:.2f} | {a / b:.2f}x |" if b else f"| {k} | {a:.2f} | {b:.2f} | |")
    for name, rs in runs.items():
        best_e2e = min(sum(r[x] for x in keys) for r in rs)
        rj = min(r["rjieba"] for r in rs)
        print(f"{name}: end to end {chars / best_e2e:,.0f} chars/s = {100 * rj / best_e2e:.2f}% of bare rjieba "
              f"({chars / rj:,.0f} chars/s, best of its rounds)")
    if args.json:
        args.json.write_text(json.dumps({"ref": args.ref, "runs": runs}, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
