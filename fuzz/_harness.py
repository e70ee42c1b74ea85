"""Shared harness of the reader fuzz targets (fuzz/fuzz_<reader>.py).

A target gives a function from input bytes to the items a reader yields. The harness checks the reader
contract on them — only Documents or ReadErrors naming the file, no "reader failed" (a reader exception
caught by the safety net), every part addressable and valid Unicode — and raises on a violation, which
atheris reports as a crash with the input saved.

Run one target: ``python fuzz/fuzz_html.py -max_total_time=20 <corpus dir>`` (libFuzzer flags), or all of
them with ``python fuzz/run.py --seconds 20``. Without atheris (no wheel for the platform), ``--fallback``
runs the same contract on random mutations of the seeds for the time given.
"""
from __future__ import annotations

import json
import os
import random
import sys
import tempfile
import time
from pathlib import Path
from typing import Callable, Iterable

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "src"))
sys.path.insert(0, str(HERE.parent / "tests"))  # _hostile: the seed files

SOURCE = "<fuzz>"


class ContractViolation(AssertionError):
    """The reader broke its contract on this input."""


def check(items: Iterable, source: str = SOURCE) -> int:
    from shiju.model import Document
    from shiju.readers import ReadError

    n = 0
    for item in items:
        n += 1
        if isinstance(item, ReadError):
            if not item.path.startswith(source) or not item.reason.strip():
                raise ContractViolation(f"ReadError without the file or a reason: {item!r}")
            if item.reason.startswith("reader failed"):
                raise ContractViolation(f"a reader raised: {item.reason}")
            continue
        if not isinstance(item, Document):
            raise ContractViolation(f"reader yielded {type(item).__name__}")
        ids = [c.id for c in item.comments]
        if len(set(ids)) != len(ids):
            raise ContractViolation(f"duplicate comment ids {ids}")
        for part, text in item.parts():
            if item.part_text(part) != text:
                raise ContractViolation(f"part {part} not addressable")
            view = item.view(part)
            if len(view.simplified) != len(text):
                raise ContractViolation(f"view of {part} changes its length")
        json.dumps(item.to_dict(), ensure_ascii=False).encode("utf-8")
    return n


def instrumented(modules: list[str]) -> None:
    """Import the reader modules under atheris's coverage instrumentation (plain import without it)."""
    import importlib

    try:
        if "--fallback" in sys.argv or "--write-seeds" in sys.argv:
            raise ImportError
        import atheris
    except ImportError:
        for m in modules:
            importlib.import_module(m)
        return
    with atheris.instrument_imports(include=["shiju"]):
        for m in modules:
            importlib.import_module(m)


def read_file_bytes(data: bytes, ext: str, fmt: str | None) -> list:
    """Write the input to a temporary file and read it as `shiju analyze` would (detect.read_path)."""
    from shiju.readers import ReadOptions
    from shiju.readers.detect import read_path

    fd, path = tempfile.mkstemp(suffix=ext, dir=_tmpdir())
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
        items = list(read_path(path, ReadOptions(format=fmt)))
    finally:
        os.unlink(path)
    return [_rename(x, path) for x in items]


def _rename(item, path: str):
    from shiju.readers import ReadError

    if isinstance(item, ReadError) and item.path.startswith(path):
        return ReadError(SOURCE + item.path[len(path):], item.reason)
    return item


_TMP: list[str] = []


def _tmpdir() -> str:
    if not _TMP:
        _TMP.append(tempfile.mkdtemp(prefix="shiju-fuzz-"))
    return _TMP[0]


def seeds(fmt: str) -> list[bytes]:
    """Seed inputs: the reader's own miniature first, then every hostile file of tests/_hostile.py, each
    behind a control byte (see the targets)."""
    from _hostile import SEEDS, hostile_files

    out = [SEEDS[fmt][1]] if fmt in SEEDS else []
    out += [v for _, (_, v) in sorted(SEEDS.items()) if v not in out]
    out += [data for _, data in hostile_files() if len(data) < 100_000]
    # a target's first input byte chooses between the forced and the detected format: seed both
    return [bytes([k]) + x for x in out for k in (0, 1)]


def main(fmt: str, reader: Callable[[bytes], list], extra_seeds: Callable[[], list[bytes]] | None = None) -> None:
    """Entry point of a target: atheris with libFuzzer arguments, or `--fallback SECONDS`."""
    if "--fallback" in sys.argv:
        seconds = float(sys.argv[sys.argv.index("--fallback") + 1])
        fallback(fmt, reader, seconds, extra_seeds)
        return
    if "--write-seeds" in sys.argv:  # used by run.py to fill a corpus folder
        folder = Path(sys.argv[sys.argv.index("--write-seeds") + 1])
        folder.mkdir(parents=True, exist_ok=True)
        for i, s in enumerate(seeds(fmt) + (extra_seeds() if extra_seeds else [])):
            (folder / f"seed{i:03d}").write_bytes(s)
        return
    import atheris

    def one(data: bytes) -> None:
        check(reader(data))

    atheris.Setup(sys.argv, one)
    atheris.Fuzz()


def mutate(data: bytes, rng: random.Random, pool: list[bytes]) -> bytes:
    """A few byte-level edits: insert, delete, overwrite, splice another seed, repeat a chunk."""
    b = bytearray(data)
    for _ in range(rng.randint(1, 6)):
        op = rng.randrange(6)
        i = rng.randint(0, len(b))
        if op == 0:
            b[i:i] = bytes(rng.randrange(256) for _ in range(rng.randint(1, 8)))
        elif op == 1 and b:
            del b[i:i + rng.randint(1, 16)]
        elif op == 2 and b:
            b[i:i + 1] = bytes([rng.randrange(256)])
        elif op == 3:
            other = rng.choice(pool)
            j = rng.randint(0, len(other))
            b[i:] = other[j:j + rng.randint(0, 400)]
        elif op == 4 and b:
            chunk = b[i:i + rng.randint(1, 20)]
            b[i:i] = chunk * rng.randint(2, 200)
        else:
            b[i:i] = rng.choice([b"\x00", b"\n---\n", b"```", "“".encode(), b"<div>", b"> ", b"{", b'"', b"\\u"])
    return bytes(b)


def fallback(fmt: str, reader: Callable[[bytes], list], seconds: float,
             extra_seeds: Callable[[], list[bytes]] | None = None) -> None:
    """Random mutation of the seeds for `seconds`, same contract; prints libFuzzer-like totals."""
    pool = seeds(fmt) + (extra_seeds() if extra_seeds else [])
    rng = random.Random(int(os.environ.get("SHIJU_FUZZ_SEED", "0")) or None)
    t0, runs = time.monotonic(), 0
    while time.monotonic() - t0 < seconds:
        data = mutate(rng.choice(pool), rng, pool)
        try:
            check(reader(data))
        except Exception:
            crash = Path(f"crash-{fmt}-{runs}")
            crash.write_bytes(data)
            print(f"==CRASH== input saved to {crash}", file=sys.stderr)
            raise
        runs += 1
    print(f"Done {runs} runs in {int(time.monotonic() - t0)} second(s)", file=sys.stderr)
