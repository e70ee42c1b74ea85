"""The same pipeline on Ray (`shiju analyze --engine ray [--address ADDR]`).

The driver turns the inputs into work units — a whole file, a byte slice of a JSON Lines file cut at
line boundaries, or a Parquet row group — groups them into tasks, and one Ray actor per worker runs the
very stages the local engine runs (one Pipeline per actor, built once) over the tasks it is handed. Only
paths and offsets travel to the workers: each reads its own input and writes its records as a Parquet
shard (one string column `record` holding the JSON record, plus `id`, `source`, `unit`, `seq`, `error`),
then the driver streams the shards into the store and, with --json, to JSON Lines. Each document's
record is byte-for-byte the record the local engine writes for the same input (tests/test_distributed.py
checks this).

On an existing cluster: `ray start --head` on one machine, `ray start --address HEAD:6379` on the others,
shiju installed in the same environment everywhere, then `shiju analyze --engine ray --address HEAD:6379
/shared/corpus --shards /shared/out`. Inputs and the shard folder must be visible to every node.
"""
from __future__ import annotations

import json
import os
import re
import sys
import time
from argparse import Namespace
from collections import deque
from dataclasses import asdict, dataclass
from typing import Any, Iterator

from shiju.engine import settle_loaded_heap
from shiju.readers.units import (  # noqa: F401 - the units moved to the readers (the local engine uses them too)
    JSONL_SLICE_BYTES, MIN_SLICE_BYTES, WorkUnit, _jsonl_slices, _merge_key, plan_units, read_unit)

TASK_FILES_MAX = 64  # whole files per Ray task at most (see group_units)
TASKS_PER_WORKER = 16  # about this many tasks per worker when the input allows: the last ones balance them
TASKS_IN_FLIGHT = 2  # tasks queued on each actor: the next is there when one finishes


class AnalyseUnits:
    """Analyses work units with one Pipeline (built once per Ray worker process) into shard rows."""

    def __init__(self, stages: list[str], options: dict[str, Any]):
        from shiju.context import AnalysisContext
        from shiju.pipeline import Pipeline
        from shiju.readers import ReadOptions

        self.options = ReadOptions(**options)
        self.pipeline = Pipeline(stages, AnalysisContext(default_date=self.options.default_date))

    def rows(self, units: list[WorkUnit]) -> dict[str, list]:
        """Columns of SHARD_COLUMNS: one row per document or error, in input order."""
        from shiju.readers import ReadError

        out: dict[str, list] = {name: [] for name in SHARD_COLUMNS}
        for unit in units:
            for seq, item in enumerate(read_unit(unit, self.options)):
                out["unit"].append(unit.index)
                out["seq"].append(seq)
                if isinstance(item, ReadError):
                    out["id"].append(None)
                    out["source"].append(item.path)
                    out["record"].append(None)
                    out["error"].append(f"read\t{item.reason}")
                    continue
                try:
                    doc = self.pipeline(item)
                except Exception as exc:  # one document's failure must not fail the task
                    out["id"].append(None)
                    out["source"].append(item.source)
                    out["record"].append(None)
                    out["error"].append(f"analyse\t{type(exc).__name__}: {exc}")
                    continue
                out["id"].append(doc.id)
                out["source"].append(doc.source)
                out["record"].append(json.dumps(doc.to_dict(), ensure_ascii=False))
                out["error"].append(None)
        return out


SHARD_COLUMNS = ("unit", "seq", "id", "source", "record", "error")
_SHARD_NAME = re.compile(r"^part-(\d+)\.parquet$")


def shard_path(shard_dir: str, first_unit: int) -> str:
    return os.path.join(shard_dir, f"part-{first_unit:09d}.parquet")


class ShardWriter:
    """The Ray actor's body: analyses a task (a run of consecutive units) and writes it as one Parquet
    shard named by its first unit. A retried task rewrites the same shard (written aside, then renamed),
    so a worker that dies mid-task leaves no partial shard behind."""

    def __init__(self, stages: list[str], options: dict[str, Any]):
        self.analyse = AnalyseUnits(stages, options)
        self._settled = False  # settle_loaded_heap done (after the resources are loaded)

    def ready(self, warm: Any = None) -> int:
        if warm is not None:
            self.analyse.pipeline(warm)
        self._settled = warm is not None
        if self._settled:
            settle_loaded_heap()
        return os.getpid()

    def run(self, units: list[WorkUnit], shard_dir: str) -> int:
        import pyarrow as pa
        import pyarrow.parquet as pq

        cols = self.analyse.rows(units)
        if not self._settled:  # the first task loaded the resources (no warm-up document was given)
            self._settled = True
            settle_loaded_heap()
        schema = pa.schema([("unit", pa.int64()), ("seq", pa.int64())]
                           + [(name, pa.string()) for name in SHARD_COLUMNS[2:]])
        path = shard_path(shard_dir, units[0].index)
        tmp = f"{path}.{os.getpid()}.tmp"
        pq.write_table(pa.table(cols, schema=schema), tmp)
        os.replace(tmp, path)
        return len(cols["unit"])


def group_units(units: list[WorkUnit], workers: int, max_files: int = TASK_FILES_MAX) -> list[list[WorkUnit]]:
    """Ray tasks: runs of consecutive units. A JSON Lines slice or a Parquet row group (megabytes) is a task
    of its own; whole files are grouped, about TASKS_PER_WORKER tasks per worker so that the last tasks
    balance the workers, at most `max_files` per task so that a task's records stay small in memory."""
    per_task = max(1, min(max_files, len(units) // (max(1, workers) * TASKS_PER_WORKER)))
    tasks: list[list[WorkUnit]] = []
    run: list[WorkUnit] = []
    for u in units:
        if u.kind != "file":
            if run:
                tasks.append(run)
                run = []
            tasks.append([u])
            continue
        run.append(u)
        if len(run) >= per_task:
            tasks.append(run)
            run = []
    if run:
        tasks.append(run)
    return tasks


def start_workers(stages: list[str], options, address: str | None = None, workers: int | None = None,
                  warm: Any = None) -> list[Any]:
    """Connect to Ray (or start a local instance) and start one ShardWriter actor per worker; returns when
    every actor has built its pipeline. With `warm` (a Document) each actor analyses it first, so that its
    resources are loaded before any timing starts (the benchmark's use)."""
    import ray

    if not ray.is_initialized():
        # A local instance: no dashboard, no usage-stats reporting, worker logs not streamed to the driver.
        os.environ.setdefault("RAY_USAGE_STATS_ENABLED", "0")
        init: dict[str, Any] = {"ignore_reinit_error": True, "include_dashboard": False, "log_to_driver": False}
        if address:
            init["address"] = address
        elif workers:
            init["num_cpus"] = workers
        ray.init(**init)
    n = workers or max(1, int(ray.cluster_resources().get("CPU", 1)))
    actor_cls = ray.remote(num_cpus=1, max_restarts=2, max_task_retries=2)(ShardWriter)
    actors = [actor_cls.remote(stages, asdict(options)) for _ in range(n)]
    ray.get([a.ready.remote(warm) for a in actors])
    return actors


def analyse_on_ray(paths: list[str], options, stages: list[str], shard_dir: str, address: str | None = None,
                   workers: int | None = None, actors: list[Any] | None = None) -> tuple[list[Any], str]:
    """Run the pipeline over `paths` on Ray, writing Parquet shards to `shard_dir` (which must hold none).
    Returns (ReadErrors found while planning, shard_dir). `actors` from start_workers are used (and left
    running) when given; otherwise they are started here and stopped at the end.

    Each actor is handed tasks as it finishes them (two in flight, so it never waits for the driver).
    Plain actors, not Ray Data: on 2 CPUs Ray Data's streaming executor, its stats and autoscaling actors
    and its separate write tasks cost about a third of the CPU time of the analysis itself, and each
    analysing worker burnt more CPU beside another (docs/performance.md, "Ray")."""
    units, errors = [], []
    for u in plan_units(paths, options):
        (units if isinstance(u, WorkUnit) else errors).append(u)
    os.makedirs(shard_dir, exist_ok=True)
    if any(_SHARD_NAME.match(f) for f in os.listdir(shard_dir)):
        raise ValueError(f"shard folder {shard_dir} already holds shards of another run; give an empty folder")
    if not units:
        return errors, shard_dir
    import ray

    own = actors is None
    if own:
        actors = start_workers(stages, options, address, workers)
    n = len(actors)
    sliced = sum(u.end - u.start for u in units if u.kind == "jsonl-slice")
    if sliced and len(units) < n * TASKS_PER_WORKER:
        # A small input: cut its JSON Lines files finer, so that the last tasks can balance the workers.
        size = max(MIN_SLICE_BYTES, sliced // (n * TASKS_PER_WORKER))
        units = [u for u in plan_units(paths, options, size) if isinstance(u, WorkUnit)]
    todo = deque(group_units(units, n))
    shard_dir = os.path.abspath(shard_dir)  # the workers' working directory is not ours
    try:
        pending: dict[Any, tuple[Any, list[WorkUnit]]] = {}
        load = {a: 0 for a in actors}

        def feed(a) -> None:
            # Two tasks queued per actor so it never waits for the driver, but one at the end, so that
            # no actor holds a queued task while another has nothing left.
            want = TASKS_IN_FLIGHT if len(todo) > n else 1
            while load[a] < want and todo:
                t = todo.popleft()
                pending[a.run.remote(t, shard_dir)] = (a, t)
                load[a] += 1

        for a in actors:
            feed(a)
        while pending:
            done, _ = ray.wait(list(pending), num_returns=1)
            for ref in done:
                a, task = pending.pop(ref)
                load[a] -= 1
                try:
                    ray.get(ref)
                except ray.exceptions.RayError as exc:  # failed beyond its retries: the run fails
                    files = sorted({u.path for u in task})
                    more = f" and {len(files) - 1} more files" if len(files) > 1 else ""
                    raise RuntimeError(f"Ray task on {files[0]}{more} failed: {exc}") from exc
                feed(a)
    finally:
        if own:
            for a in actors:
                ray.kill(a)  # free the CPUs now, not when the driver exits
    return errors, shard_dir


def iter_shard_rows(shard_dir: str) -> Iterator[dict[str, Any]]:
    """Rows of all shards, in input order (unit, seq), read one shard at a time: each shard holds a run
    of consecutive units in order and is named by its first unit."""
    import pyarrow.parquet as pq

    shards = sorted((int(m.group(1)), f) for f in os.listdir(shard_dir) if (m := _SHARD_NAME.match(f)))
    for _, f in shards:
        yield from pq.read_table(os.path.join(shard_dir, f)).to_pylist()


def run_ray(args: Namespace, stages: list[str]) -> int:
    """`shiju analyze --engine ray`: analyse on Ray, then load the shards into the store / JSON Lines."""
    from shiju.commands.analyze import open_store, read_options
    from shiju.model import Document

    try:
        import ray  # noqa: F401
    except ImportError:
        print("shiju analyze: --engine ray needs Ray: pip install 'shiju[ray]'", file=sys.stderr)
        return 2
    options = read_options(args)
    shard_dir = getattr(args, "shards", None) or os.path.join(".shiju", "shards", time.strftime("%Y%m%d-%H%M%S"))
    try:
        errors, shard_dir = analyse_on_ray(args.paths, options, stages, shard_dir, args.address, args.workers)
    except (ValueError, OSError, RuntimeError) as exc:
        print(f"shiju analyze: {exc}", file=sys.stderr)
        return 1
    failed = 0
    for e in errors:
        failed += 1
        print(f"shiju: cannot read {e.path}: {e.reason}", file=sys.stderr)
    try:
        store = open_store(args)
    except ValueError as exc:
        print(f"shiju analyze: {exc}", file=sys.stderr)
        return 1
    out = None
    if args.json:
        out = open(args.output, "w", encoding="utf-8") if args.output else sys.stdout
    batch: list[Document] = []
    n = 0
    try:
        for row in iter_shard_rows(shard_dir):
            if row["error"]:
                failed += 1
                stage, reason = row["error"].split("\t", 1)
                verb = "read" if stage == "read" else "analyse"
                print(f"shiju: cannot {verb} {row['source']}: {reason}", file=sys.stderr)
                continue
            n += 1
            if out is not None:
                out.write(row["record"] + "\n")
            if store is not None:
                batch.append(Document.from_dict(json.loads(row["record"])))
                if len(batch) >= 32:
                    store.ingest_many(batch)
                    batch = []
        if store is not None and batch:
            store.ingest_many(batch)
    finally:
        if out is not None and out is not sys.stdout:
            out.close()
        if store is not None:
            store.close()
    if not args.quiet:
        print(f"shiju: {n} documents analysed on Ray; shards in {shard_dir}", file=sys.stderr)
    return 1 if failed else 0
