"""Work units: an input cut into pieces that a worker reads by itself (shared by the local and Ray engines).

A unit is a whole file, a byte slice of a JSON Lines file cut at line boundaries, or a Parquet row group.
Only the unit (path and offsets) travels to a worker, which reads it with :func:`read_unit`; the
documents and ReadErrors of the units, in unit order, are exactly those :func:`shiju.readers.iter_documents`
yields for the same paths (tests/test_distributed.py, tests/test_engine_units.py).
"""
from __future__ import annotations

import os
from dataclasses import dataclass
from itertools import islice
from typing import Any, Iterator

JSONL_SLICE_BYTES = 4 * 1024 * 1024  # a JSON Lines file is cut into slices of about this size
MIN_SLICE_BYTES = 16 * 1024  # the finest a small JSON Lines input is cut for balance


@dataclass
class WorkUnit:
    index: int
    path: str
    kind: str = "file"  # file / jsonl-slice / parquet-group
    start: int = 0  # byte offset (jsonl) or row group index (parquet)
    end: int = 0
    first_line: int = 0  # lines (jsonl) or rows (parquet) before this unit
    skip: int = 0  # items (documents or errors) of this unit already read elsewhere (the local engine's first)


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
                try:
                    slices = list(_jsonl_slices(path, slice_bytes))  # a few tuples per 4 MB
                except OSError as exc:  # unreadable or vanished: reported like the local reader does, not raised
                    yield ReadError(path, exc.strerror or str(exc))
                    continue
                for start, end, first in slices:
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
    """Documents or ReadErrors of one work unit, exactly as the local readers produce them (less the
    first `unit.skip` of them)."""
    items = _read_unit(unit, options)
    return islice(items, unit.skip, None) if unit.skip else items


def _read_unit(unit: WorkUnit, options) -> Iterator[Any]:
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




def balanced_units(paths: list[str], options, workers: int, per_worker: int = 16,
                   slice_bytes: int = JSONL_SLICE_BYTES) -> Iterator[WorkUnit | Any]:
    """plan_units, cut finer when the input is small: when the whole input makes fewer than `per_worker`
    units per worker and holds JSON Lines slices, it is planned again with slices small enough (down to
    MIN_SLICE_BYTES) for about that many, so that the last units can balance the workers. Only the first
    workers × per_worker units are looked at before deciding; a large input streams as planned."""
    want = max(1, workers) * per_worker
    plan = plan_units(paths, options, slice_bytes)
    head = list(islice(plan, want))
    units = [u for u in head if isinstance(u, WorkUnit)]
    sliced = sum(u.end - u.start for u in units if u.kind == "jsonl-slice")
    if len(head) < want and sliced:
        yield from plan_units(paths, options, max(MIN_SLICE_BYTES, sliced // want))
        return
    yield from head
    yield from plan
