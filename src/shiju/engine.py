"""Run the pipeline over a stream of documents: in-process, or on N local worker processes.

Documents stream through in bounded memory: the reader yields one at a time, workers receive small
chunks (``imap`` keeps only a window of pending work), results come back in input order.
``analyse_records`` serialises each record to JSON in the worker that analysed it and sends the Document
back only when the caller needs it (store, summary): unpickling whole analysed documents and serialising
them was most of the main process's work, and on 2 cores the main process competes with the workers.
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


@dataclass
class Analysed:
    """One analysed document as the caller asked for it: its JSON record (one line, no newline) and/or
    the Document itself, and its length in characters (for progress)."""

    source: str
    chars: int
    record: str | None = None
    doc: Document | None = None


_WORKER_PIPELINE = None
_WORKER_OUTPUT = (True, False)  # (send the Document back, send its JSON record)


_WORKER_KEY: tuple | None = None  # (stages, default_date) the pipeline above was built for
_WORKER_READ_OPTIONS = None  # the ReadOptions workers read their units with (analyse_paths)


def _init_worker(stages: list[str], default_date: str | None, output: tuple[bool, bool] = (True, False)) -> None:
    global _WORKER_PIPELINE, _WORKER_OUTPUT, _WORKER_KEY  # one pipeline per worker process, built once
    from shiju.pipeline import Pipeline

    key = (tuple(stages), default_date)
    if _WORKER_PIPELINE is None or _WORKER_KEY != key:
        # A forked worker inherits the parent's pipeline with its resources already loaded (see
        # analyse_records): no second gazetteer load per worker, and the pages stay shared.
        _WORKER_PIPELINE = Pipeline(stages, AnalysisContext(default_date=default_date))
        _WORKER_KEY = key
    _WORKER_OUTPUT = output


def _init_pool_worker(stages: list[str], default_date: str | None, parent: int,
                      output: tuple[bool, bool] = (True, False), read_options=None) -> None:
    global _WORKER_READ_OPTIONS
    _die_with_parent(parent)
    _init_worker(stages, default_date, output)
    _WORKER_READ_OPTIONS = read_options


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


def _analyse_out(doc: Document) -> Analysed | StageFailure:
    """_analyse, then the record serialised here (in the worker) and the Document kept only if asked."""
    import json

    out = _analyse(doc)
    if isinstance(out, StageFailure):
        return out
    keep_doc, record = _WORKER_OUTPUT
    return Analysed(out.source, sum(len(t) for _, t in out.parts()),
                    json.dumps(out.to_dict(), ensure_ascii=False) if record else None, out if keep_doc else None)


# The youngest generation's collection threshold for a batch (CPython's default is 700 allocations).
BATCH_GC_THRESHOLD = 10_000


def settle_loaded_heap() -> None:
    """Once a batch process has loaded its resources (after its first document): the cyclic garbage
    collector runs its youngest generation every BATCH_GC_THRESHOLD container allocations instead of 700.
    Analysis makes many short-lived containers (freed at once by reference counting anyway), and every
    collection also walks the survivors; over ../shared/corpus the collector took 0.44 CPU s of a 13 s
    run (3%, 670 collections) with the default and 0.10 s (30 collections) with this, peak RSS unchanged
    (docs/performance.md, session 10). Freezing the loaded resources (gc.freeze) saved nothing more.
    Output is unaffected: nothing in shiju depends on when reference cycles are freed."""
    import gc

    first, second, third = gc.get_threshold()
    if 0 < first < BATCH_GC_THRESHOLD:  # (0: collection switched off by whoever runs us: left so)
        gc.set_threshold(BATCH_GC_THRESHOLD, second, third)


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


def analyse_records(docs: Iterable[Document], stages: list[str], default_date: str | None = None, workers: int = 1,
                    keep_docs: bool = True, records: bool = True,
                    settle_heap: bool = False) -> Iterator[Analysed | StageFailure]:
    """Analysed documents (or failures) in input order, each with its JSON record when `records` and
    the Document when `keep_docs` (the store and the summary need it; a JSON-only run does not).
    `settle_heap`: a process that runs this batch (the CLI) tunes its garbage collector once the first
    document has loaded the resources (settle_loaded_heap); a library caller's process is left as it is."""
    output = (keep_docs, records)
    _init_worker(stages, default_date, output)
    docs = iter(docs)
    fork = hasattr(os, "fork")
    if workers <= 1 or fork:
        # The first document is analysed here: it loads the resources the stages use (gazetteer,
        # segmenter, lexicons: ~2 CPU s), which forked workers then share instead of each loading its own
        # copy, and the heap settled after it is inherited by them.
        for d in docs:
            yield _analyse_out(d)
            if settle_heap:
                settle_loaded_heap()
            break
    if workers <= 1:
        for d in docs:
            yield _analyse_out(d)
        return
    import multiprocessing as mp

    ctx = mp.get_context("fork" if fork else "spawn")
    with ctx.Pool(workers, initializer=_init_pool_worker,
                  initargs=(stages, default_date, os.getpid(), output)) as pool:
        yield from pool.imap(_analyse_out, docs, chunksize=4)


@dataclass
class UnitReadError:
    """A ReadError crossing from a worker (ReadError's own constructor does not survive pickling)."""

    path: str
    reason: str


def _analyse_unit(unit) -> list:
    """Read one work unit in this worker and analyse its documents: results in input order. A planning
    error (an input that could not be planned) comes back as it is, in its place."""
    from shiju.readers import ReadError
    from shiju.readers.units import read_unit

    if isinstance(unit, UnitReadError):
        return [unit]
    out: list = []
    for item in read_unit(unit, _WORKER_READ_OPTIONS):
        out.append(UnitReadError(item.path, item.reason) if isinstance(item, ReadError) else _analyse_out(item))
    return out


def analyse_paths(paths: list[str], options, stages: list[str], workers: int, keep_docs: bool = True,
                  records: bool = True, settle_heap: bool = False) -> Iterator:
    """Like analyse_records over iter_documents(paths, options), but the workers read the input: only work
    units (paths, byte offsets; shiju.readers.units) go to them, so the main process does not read, parse
    and pickle every document (session 4: most of the main process's 3 CPU s after start-up, on the 2 CPUs
    the workers need). Yields, in input order, Analysed, StageFailure or ReadError. Paths are files,
    directories or globs (not stdin: see analyse_records).

    The main process reads and analyses the first document itself before forking, so the resources the
    stages load (gazetteer, segmenter, lexicons) are loaded once and shared by the forked workers; the
    rest of that document's unit goes to a worker, which skips what was read here. `settle_heap`: as for
    analyse_records."""
    import multiprocessing as mp
    from itertools import chain

    from shiju.readers import ReadError
    from shiju.readers.units import balanced_units, read_unit

    output = (keep_docs, records)
    _init_worker(stages, options.default_date, output)
    units = balanced_units(paths, options, workers)
    first = None
    for u in units:
        if isinstance(u, ReadError):
            yield u
            continue
        items = read_unit(u, options)
        n, warmed = 0, False
        for item in items:
            n += 1
            if isinstance(item, ReadError):
                yield item
                continue
            yield _analyse_out(item)
            if settle_heap:
                settle_loaded_heap()  # the resources are loaded; inherited by the forked workers
            warmed = True
            break
        if warmed:
            if next(items, None) is not None:  # the unit holds more: a worker reads it, less these n items
                u.skip = n
                first = u
            break
    units = iter(units) if first is None else chain([first], units)
    nxt = next(units, None)
    if nxt is None:
        return  # all read here: no pool to start
    fork = hasattr(os, "fork")
    ctx = mp.get_context("fork" if fork else "spawn")
    tasks = (UnitReadError(u.path, u.reason) if isinstance(u, ReadError) else u for u in chain([nxt], units))
    with ctx.Pool(workers, initializer=_init_pool_worker,
                  initargs=(stages, options.default_date, os.getpid(), output, options)) as pool:
        for results in pool.imap(_analyse_unit, tasks, chunksize=1):
            for r in results:
                yield ReadError(r.path, r.reason) if isinstance(r, UnitReadError) else r
