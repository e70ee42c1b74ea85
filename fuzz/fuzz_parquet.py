"""atheris fuzz target: the Parquet reader (shiju.readers.parquet) on damaged and made-up .parquet files.
pyarrow is native code: a crash here may be a segfault, which libFuzzer reports too."""
from __future__ import annotations

import io
import json

import _harness

_harness.instrumented(["shiju.readers.detect", "shiju.readers.parquet", "shiju.readers.jsonl"])


def valid_files() -> list[bytes]:
    import pyarrow as pa
    import pyarrow.parquet as pq
    from _hostile import SEEDS

    rows = [json.loads(line) for line in SEEDS["jsonl"][1].decode().splitlines()]
    out = []
    for group in (1, 2):
        buf = io.BytesIO()
        pq.write_table(pa.table({k: [r.get(k) for r in rows] for k in ("text", "title", "date", "url")}), buf,
                       row_group_size=group)
        out.append(b"\x00" + buf.getvalue())
    return out


def read(data: bytes) -> list:
    return _harness.read_file_bytes(data[1:], ".parquet", None)


if __name__ == "__main__":
    _harness.main("parquet", read, valid_files)
