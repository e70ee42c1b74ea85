"""Expand input paths (files, directories, globs, `-`) and read each file with the reader its
extension and content call for. Everything streams: directories are walked lazily, one file is in
memory at a time, JSON Lines files are read line by line.

Format names (``--format``): pincong-md, markdown, text, pincong-json, html, jsonl.
"""
from __future__ import annotations

import glob
import json
import os
import re
import stat
import sys
from typing import Callable, Iterator

from shiju.model import Document
from shiju.readers import ReadError, ReadOptions

# Files a directory walk reads; anything else in a directory (images, TSV manifests…) is skipped.
# Named explicitly, any file is tried.
DOC_EXTENSIONS = {".md", ".markdown", ".mdown", ".txt", ".text", ".json", ".jsonl", ".ndjson", ".html",
                  ".htm", ".xhtml", ".shtml", ".parquet"}
FORMATS = ("pincong-md", "markdown", "text", "pincong-json", "html", "jsonl", "parquet")
MAX_BYTES = 64 * 1024 * 1024  # a single document file larger than this is refused (JSONL streams)

_GLOB_CHARS = re.compile(r"[*?\[]")


def iter_documents(paths: list[str], options: ReadOptions) -> Iterator[Document | ReadError]:
    if options.format and options.format not in FORMATS:
        yield ReadError("--format", f"unknown format {options.format!r} (one of {', '.join(FORMATS)})")
        return
    consumed: set[str] = set()  # pincong JSON files already merged into another document
    for p in paths:
        if p == "-":
            yield from _read_stdin(options)
            continue
        for path, err in _expand(p):
            if err is not None:
                yield err
                continue
            yield from read_path(path, options, consumed)


def _expand(p: str) -> Iterator[tuple[str, ReadError | None]]:
    if os.path.isdir(p):
        yield from ((f, None) for f in walk(p))
    elif os.path.exists(p) or os.path.islink(p):
        yield p, None
    elif _GLOB_CHARS.search(p):
        found = False
        seen: set[str] = set()  # `**` follows symlinks: the same file may match under many names
        for m in sorted(glob.iglob(p, recursive=True)):
            real = os.path.realpath(m)
            if real in seen:
                continue
            seen.add(real)
            found = True
            if os.path.isdir(m):
                yield from ((f, None) for f in walk(m))
            else:
                yield m, None
        if not found:
            yield p, ReadError(p, "no file matches this pattern")
    else:
        yield p, ReadError(p, "no such file or directory")


def walk(root: str) -> Iterator[str]:
    """Document files under `root`, depth first in name order; follows symlinks but never enters a
    directory twice (symlink loops are safe); skips hidden entries."""
    seen: set[tuple[int, int]] = set()
    stack = [root]
    while stack:
        d = stack.pop()
        try:
            st = os.stat(d)
        except OSError:
            continue
        key = (st.st_dev, st.st_ino)
        if key in seen:
            continue
        seen.add(key)
        try:
            with os.scandir(d) as it:
                entries = sorted(it, key=lambda e: e.name)
        except OSError:
            continue
        subdirs = []
        for e in entries:
            if e.name.startswith("."):
                continue
            try:
                if e.is_dir(follow_symlinks=True):
                    subdirs.append(e.path)
                    continue
                if not e.is_file(follow_symlinks=True):
                    continue
            except OSError:
                continue
            if os.path.splitext(e.name)[1].lower() in DOC_EXTENSIONS:
                yield e.path
        stack.extend(reversed(subdirs))


def read_path(path: str, options: ReadOptions, consumed: set[str] | None = None) -> Iterator[Document | ReadError]:
    """Read one file; yields its document(s), or ReadErrors naming the file and the reason."""
    consumed = consumed if consumed is not None else set()
    real = os.path.realpath(path)
    if real in consumed:
        return
    try:
        st = os.stat(path)
    except OSError as exc:
        yield ReadError(path, exc.strerror or str(exc))
        return
    if stat.S_ISDIR(st.st_mode):
        yield ReadError(path, "is a directory")
        return
    fmt = options.format or _format_from_name(path)
    try:
        if fmt == "jsonl":
            with open(path, "rb") as f:
                yield from _safe_iter(lambda: _jsonl(f, path, options), path)
            return
        if fmt == "parquet":
            from shiju.readers import parquet

            yield from _safe_iter(lambda: parquet.iter_rows(path, options), path)
            return
        if st.st_size > MAX_BYTES:
            yield ReadError(path, f"file too large ({st.st_size} bytes; limit {MAX_BYTES})")
            return
        with open(path, "rb") as f:
            data = f.read()
    except OSError as exc:
        yield ReadError(path, exc.strerror or str(exc))
        return
    yield from _safe_iter(lambda: _read_bytes(data, path, fmt, options, consumed), path)


def _jsonl(f, path: str, options: ReadOptions) -> Iterator[Document | ReadError]:
    from shiju.readers import jsonl

    yield from jsonl.iter_lines(f, path, options)


def _safe_iter(make: Callable[[], Iterator[Document | ReadError]], path: str) -> Iterator[Document | ReadError]:
    """Turn any unexpected exception of a reader into a ReadError so the batch goes on."""
    it = make()
    while True:
        try:
            item = next(it)
        except StopIteration:
            return
        except ReadError as err:
            yield err
            return
        except RecursionError:
            yield ReadError(path, "input nested too deeply to parse")
            return
        except Exception as exc:  # a reader bug must not stop the batch; the reason names it
            yield ReadError(path, f"reader failed: {type(exc).__name__}: {exc}")
            return
        yield item


def _format_from_name(path: str) -> str | None:
    ext = os.path.splitext(path)[1].lower()
    if ext in (".jsonl", ".ndjson"):
        return "jsonl"
    if ext == ".parquet":
        return "parquet"
    if ext in (".html", ".htm", ".xhtml", ".shtml"):
        return "html"
    return None  # decided from the content


def sniff_format(text: str, path: str) -> str:
    """The reader for a decoded text whose extension did not decide."""
    from shiju.readers import pincong_md

    ext = os.path.splitext(path)[1].lower()
    head = text.lstrip()[:4096]
    if pincong_md.is_pincong(text):
        return "pincong-md"
    if head.startswith("{") or (head.startswith("[") and ext == ".json"):
        if ext == ".json":
            return "json"
        first = head.split("\n", 1)[0]
        try:
            if isinstance(json.loads(first), dict):
                return "jsonl"
        except ValueError:
            pass
    low = head[:512].lower()
    if low.startswith(("<!doctype html", "<html", "<?xml")) or ("<body" in low and "<head" in low):
        return "html"
    if text.startswith("---\n") or ext in (".md", ".markdown", ".mdown"):
        return "markdown"
    if re.match(r"\s*\[[^\]\n]+\]\([^)\s]+\)[ \t]*\n[-=]{3,}", text) or re.search(r"^日期[:：]", text[:2000], re.M):
        return "markdown"
    return "text"


def _read_bytes(data: bytes, path: str, fmt: str | None, options: ReadOptions,
                consumed: set[str]) -> Iterator[Document | ReadError]:
    from shiju.readers._common import decode_bytes

    text = decode_bytes(data, path)
    fmt = fmt or sniff_format(text, path)
    yield from read_text(text, path, fmt, options, consumed=consumed, path=path)


def read_text(text: str, source: str, fmt: str, options: ReadOptions, *, consumed: set[str] | None = None,
              path: str | None = None) -> Iterator[Document | ReadError]:
    """Read already decoded text with the named reader (`json` = a JSON document: a 品葱 backup
    record, one record, or a list of records)."""
    from shiju.readers import frontmatter_md, html, jsonl, pincong_json, pincong_md, plaintext

    if fmt == "jsonl":
        import io

        yield from jsonl.iter_lines(io.BytesIO(text.encode("utf-8")), source, options)
        return
    if fmt in ("json", "pincong-json"):
        try:
            obj = json.loads(text)
        except json.JSONDecodeError as exc:
            raise ReadError(source, f"invalid JSON: {exc.msg} at line {exc.lineno} column {exc.colno}")
        if pincong_json.sniff(obj) or fmt == "pincong-json":
            doc = pincong_json.read_obj(obj, source, options, path=path, consumed=consumed)
            if doc is not None:
                yield doc
            return
        records = obj if isinstance(obj, list) else [obj]
        for i, rec in enumerate(records, 1):
            where = source if len(records) == 1 else f"{source}:{i}"
            try:
                yield jsonl.read_record(rec, where, options)
            except ReadError as err:
                yield err
        return
    reader = {
        "pincong-md": pincong_md.read,
        "markdown": frontmatter_md.read,
        "text": plaintext.read,
        "html": html.read,
    }.get(fmt)
    if reader is None:
        raise ReadError(source, f"unknown format {fmt!r}")
    yield reader(text, source, options)


def _read_stdin(options: ReadOptions) -> Iterator[Document | ReadError]:
    stream = sys.stdin.buffer
    first = stream.read(65536)
    fmt = options.format
    if fmt is None:
        probe = first.lstrip(b"\xef\xbb\xbf \t\r\n")
        line = probe.split(b"\n", 1)[0]
        if probe.startswith(b"{") and b"\n" in probe:
            try:
                if isinstance(json.loads(line), dict):
                    fmt = "jsonl"
            except ValueError:
                pass
    if fmt == "jsonl":
        from shiju.readers import jsonl

        yield from _safe_iter(lambda: jsonl.iter_lines(stream, "<stdin>", options, first=first), "<stdin>")
        return
    data = first + stream.read(MAX_BYTES)
    yield from _safe_iter(lambda: _read_bytes(data, "<stdin>", fmt, options, set()), "<stdin>")
