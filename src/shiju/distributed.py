"""The same pipeline on Ray (`shiju analyze --engine ray [--address ADDR]`).

The driver turns the inputs into work units — a whole file, a byte slice of a JSON Lines file cut at
line boundaries, or a Parquet row group — and Ray Data maps them through the very stages the local engine
runs (one Pipeline per Ray actor, built once). Records are written as sharded Parquet (one string column
`record` holding the JSON record, plus `id`, `source`, `unit`, `seq`, `error`), then the driver streams
the shards into the store and, with --json, to JSON Lines. Each document's record is byte-for-byte the
record the local engine writes for the same input (tests/test_distributed.py checks this).

On an existing cluster: `ray start --head` on one machine, `ray start --address HEAD:6379` on the others,
shiju installed in the same environment everywhere, then `shiju analyze --engine ray --address HEAD:6379
/shared/corpus --shards /shared/out`. Inputs and the shard folder must be visible to every node.
"""
from __future__ import annotations

import json
import os
import sys
import time
from argparse import Namespace
from dataclasses import asdict, dataclass
from typing import Any, Iterator

JSONL_SLICE_BYTES = 4 * 1024 * 1024  # a JSON Lines file is cut into slices of about this size


@dataclass
class WorkUnit:
    index: int
    path: str
    kind: str = "file"  # file / jsonl-slice / parquet-group
    start: int = 0  # byte offset (jsonl) or row group index (parquet)
    end: int = 0
    first_line: int = 0  # lines (jsonl) or rows (parquet) before this unit


def plan_units(paths: list[str], options, slice_bytes: int = JSONL_SLICE_BYTES) -> Iterator[WorkUnit | Any]:
    """Work units for the inputs, in input order; unreadable inputs come back as ReadErrors."""
    from shiju.readers import ReadError
    from shiju.readers.detect import _expand, _format_from_name

    n = 0
    planned: set[str] = set()
    for p in paths:
        if p == "-":
            yield ReadError("-", "standard input cannot be split across a cluster; write it to a file")
            continue
        for path, err in _expand(p):
            if err is not None:
                yield err
                continue
            fmt = options.format or _format_from_name(path)
            if fmt == "jsonl":
                for start, end, first in _jsonl_slices(path, slice_bytes):
                    yield WorkUnit(n, path, "jsonl-slice", start, end, first)
                    n += 1
            elif fmt == "parquet":
                from shiju.readers.parquet import row_groups

                try:
                    groups = row_groups(path)
                except Exception as exc:
                    yield ReadError(path, f"not a readable Parquet file: {exc}")
                    continue
                for g, first in groups:
                    yield WorkUnit(n, path, "parquet-group", g, g + 1, first)
                    n += 1
            else:
                key = _merge_key(path)
                if key in planned:
                    continue  # the local reader merges this file into a document already planned
                planned.add(key)
                yield WorkUnit(n, path)
                n += 1


def _merge_key(path: str) -> str:
    """Files the local readers merge into one document share a key: a 品葱 backup answers file
    (question_answer/<id>.json) is read together with its question (question/<id>.json)."""
    real = os.path.realpath(path)
    folder, name = os.path.split(real)
    if os.path.basename(folder) == "question_answer":
        sibling = os.path.join(os.path.dirname(folder), "question", name)
        if os.path.isfile(sibling):
            return sibling
    return real


def _jsonl_slices(path: str, slice_bytes: int) -> Iterator[tuple[int, int, int]]:
    """(start byte, end byte, lines before start) cut at newlines; one pass over the file."""
    start, lines = 0, 0
    with open(path, "rb") as f:
        while True:
            chunk = f.read(slice_bytes)
            if not chunk:
                break
            rest = f.readline()  # finish the line the slice cut
            block = chunk + rest
            end = start + len(block)
            yield start, end, lines
            lines += block.count(b"\n")
            start = end


def read_unit(unit: WorkUnit, options) -> Iterator[Any]:
    """Documents or ReadErrors of one work unit, exactly as the local readers produce them."""
    from shiju.readers.detect import _safe_iter, read_path

    if unit.kind == "jsonl-slice":
        import io

        from shiju.readers.jsonl import iter_lines

        with open(unit.path, "rb") as f:
            f.seek(unit.start)
            data = f.read(unit.end - unit.start)
        yield from _safe_iter(lambda: iter_lines(io.BytesIO(data), unit.path, options, start_line=unit.first_line),
                              unit.path)
    elif unit.kind == "parquet-group":
        from shiju.readers.parquet import iter_rows

        yield from _safe_iter(lambda: iter_rows(unit.path, options, [(unit.start, unit.first_line)]), unit.path)
    else:
        yield from read_path(unit.path, options)


class AnalyseUnits:
    """Ray Data callable class: one Pipeline per actor, applied to batches of work units."""

    def __init__(self, stages: list[str], options: dict[str, Any]):
        from shiju.context import AnalysisContext
        from shiju.pipeline import Pipeline
        from shiju.readers import ReadOptions

        self.options = ReadOptions(**options)
        self.pipeline = Pipeline(stages, AnalysisContext(default_date=self.options.default_date))

    def __call__(self, batch: dict[str, Any]) -> dict[str, list]:
        from shiju.readers import ReadError

        out: dict[str, list] = {"unit": [], "seq": [], "id": [], "source": [], "record": [], "error": []}
        for unit_json in batch["unit"]:
            unit = WorkUnit(**json.loads(unit_json))
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


def analyse_on_ray(paths: list[str], options, stages: list[str], shard_dir: str, address: str | None = None,
                   workers: int | None = None) -> tuple[list[Any], str]:
    """Run the pipeline over `paths` on Ray, writing Parquet shards to `shard_dir`.
    Returns (ReadErrors found while planning, shard_dir)."""
    import ray

    units, errors = [], []
    for u in plan_units(paths, options):
        (units if isinstance(u, WorkUnit) else errors).append(u)
    if not ray.is_initialized():
        init: dict[str, Any] = {"ignore_reinit_error": True, "include_dashboard": False, "log_to_driver": False}
        if address:
            init["address"] = address
        elif workers:
            init["num_cpus"] = workers
        ray.init(**init)
    os.makedirs(shard_dir, exist_ok=True)
    if not units:
        return errors, shard_dir
    ctx = ray.data.DataContext.get_current()
    ctx.enable_progress_bars = False
    concurrency = workers or max(1, int(ray.cluster_resources().get("CPU", 1)))
    ds = ray.data.from_items([{"unit": json.dumps(asdict(u))} for u in units],
                             override_num_blocks=min(len(units), concurrency * 4))
    ds = ds.map_batches(AnalyseUnits, fn_constructor_args=(stages, asdict(options)), batch_size=1,
                        concurrency=concurrency, num_cpus=1)
    ds.write_parquet(shard_dir)
    return errors, shard_dir


def iter_shard_rows(shard_dir: str) -> Iterator[dict[str, Any]]:
    """Rows of all shards, in input order (unit, seq), read one shard at a time."""
    import pyarrow.parquet as pq

    files = sorted(os.path.join(shard_dir, f) for f in os.listdir(shard_dir) if f.endswith(".parquet"))
    # Shards each hold a sorted run of units; order them by their first unit and merge lazily.
    import heapq

    def rows(f: str) -> Iterator[tuple[int, int, dict[str, Any]]]:
        t = pq.read_table(f).sort_by([("unit", "ascending"), ("seq", "ascending")])
        for r in t.to_pylist():
            yield r["unit"], r["seq"], r

    for _, _, r in heapq.merge(*(rows(f) for f in files), key=lambda x: (x[0], x[1])):
        yield r


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
    errors, shard_dir = analyse_on_ray(args.paths, options, stages, shard_dir, args.address, args.workers)
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
