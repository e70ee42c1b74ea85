"""Run the pipeline over a stream of documents: in-process, or on N local worker processes.

Documents stream through in bounded memory: the reader yields one at a time, workers receive small
chunks (``imap`` keeps only a window of pending work), results come back in input order.
"""
from __future__ import annotations

import os
from dataclasses import dataclass
from typing import Iterable, Iterator

from shiju.context import AnalysisContext
from shiju.model import Document


@dataclass
class StageFailure:
    """A document whose analysis raised: reported, the batch goes on."""

    source: str
    reason: str


_WORKER_PIPELINE = None


def _init_worker(stages: list[str], default_date: str | None) -> None:
    global _WORKER_PIPELINE  # one pipeline per worker process, built once
    from shiju.pipeline import Pipeline

    _WORKER_PIPELINE = Pipeline(stages, AnalysisContext(default_date=default_date))


def _init_pool_worker(stages: list[str], default_date: str | None, parent: int) -> None:
    _die_with_parent(parent)
    _init_worker(stages, default_date)


def _die_with_parent(parent: int) -> None:
    """Linux: a pool worker gets SIGKILL when its parent dies (kill -9, OOM killer), instead of computing
    on and then failing with a BrokenPipeError traceback when it hands back its result."""
    import sys

    if not sys.platform.startswith("linux"):
        return
    try:
        import ctypes
        import signal

        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(1, int(signal.SIGKILL), 0, 0, 0)  # 1 = PR_SET_PDEATHSIG
        if os.getppid() != parent:  # the parent died before prctl took effect
            os._exit(1)
    except (OSError, AttributeError):
        pass


def _analyse(doc: Document) -> Document | StageFailure:
    try:
        out = _WORKER_PIPELINE(doc)
    except Exception as exc:  # a stage bug on one document must not stop the batch
        return StageFailure(doc.source, f"{type(exc).__name__}: {exc}")
    out._views = {}  # views are cheap to rebuild and costly to pickle
    return out


def default_workers() -> int:
    return max(1, len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1))


def analyse_stream(docs: Iterable[Document], stages: list[str], default_date: str | None = None,
                   workers: int = 1) -> Iterator[Document | StageFailure]:
    """Analysed documents (or failures) in input order."""
    if workers <= 1:
        _init_worker(stages, default_date)
        for d in docs:
            yield _analyse(d)
        return
    import multiprocessing as mp

    ctx = mp.get_context("fork" if hasattr(os, "fork") else "spawn")
    with ctx.Pool(workers, initializer=_init_pool_worker,
                  initargs=(stages, default_date, os.getpid())) as pool:
        yield from pool.imap(_analyse, docs, chunksize=4)
