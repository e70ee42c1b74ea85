"""Shared helpers of the benchmarks: read a folder of documents once and run stages over them first.

Not a benchmark itself (the runner only picks up bench_*.py).
"""
from __future__ import annotations

from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SHARED_CORPUS = (REPO / ".." / "shared" / "corpus").resolve()


def load_docs(path: Path, limit: int | None = None, stages: tuple[str, ...] = ("normalize",), ctx=None) -> list:
    """The readable documents under `path` (the first `limit` of them, when given), each already run
    through `stages` so that a benchmark times only the stage it is about. Pass the benchmark's own
    AnalysisContext as `ctx` so that the resources those stages loaded are not loaded again while timed."""
    from shiju.context import AnalysisContext
    from shiju.pipeline import Pipeline
    from shiju.readers import ReadError, ReadOptions, iter_documents

    docs = [d for d in iter_documents([str(path)], ReadOptions()) if not isinstance(d, ReadError)]
    if limit is not None:
        docs = docs[:limit]
    pre = Pipeline(list(stages), ctx or AnalysisContext())
    return [pre(d) for d in docs]
