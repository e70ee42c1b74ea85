"""Parquet corpora: one document per row, fields mapped like JSON Lines (--text-field …), read one row
group at a time so memory stays bounded. A row's source is `file:row` (1-based)."""
from __future__ import annotations

from typing import Iterator, Sequence

from shiju.model import Document
from shiju.readers import ReadError, ReadOptions


def row_groups(path: str) -> list[tuple[int, int]]:
    """(row group index, first row number) for each row group of a Parquet file."""
    import pyarrow.parquet as pq

    meta = pq.ParquetFile(path).metadata
    out, first = [], 0
    for i in range(meta.num_row_groups):
        out.append((i, first))
        first += meta.row_group(i).num_rows
    return out


def iter_rows(path: str, options: ReadOptions,
              groups: Sequence[tuple[int, int]] | None = None) -> Iterator[Document | ReadError]:
    from shiju.readers.jsonl import read_record

    try:
        import pyarrow.parquet as pq

        pf = pq.ParquetFile(path)
        groups = groups if groups is not None else row_groups(path)
    except Exception as exc:  # pyarrow raises many types for a damaged file
        yield ReadError(path, f"not a readable Parquet file: {exc}")
        return
    for index, first in groups:
        try:
            rows = pf.read_row_group(index).to_pylist()
        except Exception as exc:  # a damaged row group: say which, and go on with the next one
            yield ReadError(path, f"damaged Parquet row group {index + 1} (rows from {first + 1}): {exc}")
            continue
        for k, row in enumerate(rows):
            where = f"{path}:{first + k + 1}"
            try:
                yield read_record(row, where, options)
            except ReadError as err:
                yield err
