"""`shiju analyze`: read, analyse, summarise / write JSON Lines, store."""
from __future__ import annotations

import re
import sys
from argparse import Namespace
from typing import Iterator

_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
STORE_BATCH = 32  # documents per store transaction: atomic per batch, fast enough for bulk loads


def read_options(args: Namespace):
    """The reader options `shiju analyze` was given (shared by the local and the Ray engine)."""
    from shiju.readers import ReadOptions

    return ReadOptions(default_date=args.date, text_field=args.text_field, title_field=args.title_field,
                       date_field=args.date_field, url_field=args.url_field, format=args.format)


def open_store(args: Namespace):
    """The store `shiju analyze` writes to, or None with --no-store; ValueError names the problem."""
    if args.no_store:
        return None
    from shiju.store import DEFAULT_STORE, Store, StoreError

    try:
        return Store(args.store or DEFAULT_STORE)
    except StoreError as exc:
        raise ValueError(str(exc)) from exc


def run(args: Namespace) -> int:
    from shiju.engine import StageFailure, analyse_paths, analyse_records, default_workers
    from shiju.pipeline import DEFAULT_STAGES, load_stage
    from shiju.readers import ReadError, iter_documents
    from shiju.readers.detect import FORMATS
    from shiju.summary import Summary

    if args.date and not _DATE.match(args.date):
        print(f"shiju analyze: --date must be YYYY-MM-DD, got {args.date!r}", file=sys.stderr)
        return 2
    stages = args.stages.split(",") if args.stages else list(DEFAULT_STAGES)
    try:
        for s in stages:
            load_stage(s)
    except ValueError as exc:
        print(f"shiju analyze: {exc}", file=sys.stderr)
        return 2
    if args.output and not args.json:
        print("shiju analyze: -o needs --json", file=sys.stderr)
        return 2
    if args.engine == "ray":
        from shiju.distributed import run_ray

        return run_ray(args, stages)
    options = read_options(args)
    try:
        store = open_store(args)
    except ValueError as exc:
        print(f"shiju analyze: {exc}", file=sys.stderr)
        return 1
    out = None
    out_name = args.output or "<stdout>"
    if args.json:
        try:
            out = open(args.output, "w", encoding="utf-8") if args.output else sys.stdout
        except OSError as exc:
            print(f"shiju analyze: cannot write {args.output}: {exc.strerror}", file=sys.stderr)
            if store is not None:
                store.close()
            return 1
    failed = 0
    read_errors: list[ReadError] = []

    def readable() -> Iterator:
        for item in iter_documents(args.paths, options):
            if isinstance(item, ReadError):
                read_errors.append(item)
                print(f"shiju: cannot read {item.path}: {item.reason}", file=sys.stderr)
                continue
            yield item

    workers = args.workers if args.workers is not None else default_workers()
    summary = Summary()
    batch = []
    progress = _progress(args)
    # The summary is printed only without --json; the Document travels back from a worker only for it
    # or the store (records are serialised in the workers).
    keep_docs = store is not None or out is None
    if workers > 1 and "-" not in args.paths and (not options.format or options.format in FORMATS):
        # The workers read their own input (work units); the main process only writes.
        results = analyse_paths(list(args.paths), options, stages, workers, keep_docs, out is not None,
                                settle_heap=True)
    else:
        results = analyse_records(readable(), stages, args.date, workers, keep_docs, out is not None,
                                  settle_heap=True)
    try:
        for result in results:
            if isinstance(result, ReadError):
                read_errors.append(result)
                print(f"shiju: cannot read {result.path}: {result.reason}", file=sys.stderr)
                continue
            if isinstance(result, StageFailure):
                failed += 1
                print(f"shiju: cannot analyse {result.source}: {result.reason}", file=sys.stderr)
                continue
            if out is None:
                summary.add(result.doc)
            if progress:
                progress.advance(result.chars)
            if out is not None:
                _write(out, result.record + "\n")
            if store is not None:
                batch.append(result.doc)
                if len(batch) >= STORE_BATCH:
                    store.ingest_many(batch)
                    batch = []
        if store is not None and batch:
            store.ingest_many(batch)
        if out is not None:
            _write(out, None)  # a full disk shows here at the latest, while we can still say so
    except _OutputError as err:
        # The JSON output failed (disk full, closed pipe); what was stored stays stored.
        exc = err.__cause__
        if isinstance(exc, BrokenPipeError) and out is sys.stdout:
            _silence_stdout()
            return 1
        reason = getattr(exc, "strerror", None) or exc
        print(f"shiju analyze: cannot write {out_name}: {reason}", file=sys.stderr)
        return 1
    except Exception as exc:
        from shiju.store import StoreError

        if isinstance(exc, StoreError):
            print(f"shiju analyze: {exc}", file=sys.stderr)
            return 1
        raise
    finally:
        if progress:
            progress.stop()
        if out is not None and out is not sys.stdout:
            try:
                out.close()
            except OSError:
                pass  # already reported above
        if store is not None:
            store.close()
    failed += len(read_errors)
    if out is None and not args.quiet:
        summary.print()
    if failed:
        print(f"shiju: {failed} file(s) could not be read or analysed", file=sys.stderr)
    return 1 if failed else 0


class _OutputError(Exception):
    """Writing the JSON Lines output failed; the OSError is the cause."""


def _write(out, line: str | None) -> None:
    """Write a line (or flush, for None), turning an OSError into _OutputError so it is told apart
    from errors of the readers or the store."""
    try:
        if line is None:
            out.flush()
        else:
            out.write(line)
    except OSError as exc:
        raise _OutputError() from exc


def _silence_stdout() -> None:
    """After a closed pipe (`shiju analyze --json … | head`), point stdout at /dev/null so that the
    interpreter's final flush does not print a second error."""
    import os

    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass


class _Progress:
    """docs done / total, docs/s and chars/s, elapsed and ETA. The total is counted in a background thread
    (files under directories, lines of JSON Lines files, rows of Parquet files), so analysis starts at
    once and the ETA appears when the count is in; with no countable total (stdin) there is no ETA."""

    def __init__(self, paths: list[str], fmt: str | None = None):
        import threading

        from rich.progress import (BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn,
                                   TimeRemainingColumn)

        self.p = Progress(TextColumn("analysing"), BarColumn(), MofNCompleteColumn(), TextColumn("docs"),
                          TextColumn("{task.fields[rate]:.1f} docs/s, {task.fields[cps]:,.0f} chars/s"),
                          TimeElapsedColumn(), TextColumn("ETA"), TimeRemainingColumn(),
                          transient=True, redirect_stdout=False)
        self.task = self.p.add_task("docs", total=None, rate=0.0, cps=0.0)
        self.chars = 0
        self.p.start()
        threading.Thread(target=self._count, args=(paths, fmt), daemon=True).start()

    def _count(self, paths: list[str], fmt: str | None) -> None:
        try:
            total = estimate_documents(paths, fmt)
        except Exception:  # the count only feeds the ETA; never let it disturb the run
            return
        if total is not None:
            self.p.update(self.task, total=total)

    def advance(self, chars: int) -> None:
        t = self.p.tasks[0]
        self.chars += chars
        elapsed = max(t.elapsed or 1e-9, 1e-9)
        self.p.update(self.task, advance=1, rate=(t.completed + 1) / elapsed, cps=self.chars / elapsed)

    def stop(self) -> None:
        self.p.stop()


def estimate_documents(paths: list[str], fmt: str | None = None) -> int | None:
    """About how many documents `paths` hold, cheaply: one per file, one per line of a JSON Lines file
    (newlines counted in 1 MB blocks, ~0.1 s per 100 MB), the row count of a Parquet file's footer.
    None when a total cannot be known (standard input)."""
    import os

    from shiju.readers.detect import _expand, _format_from_name

    total = 0
    for p in paths:
        if p == "-":
            return None
        for path, err in _expand(p):
            if err is not None:
                continue
            kind = fmt or _format_from_name(path)
            if kind == "jsonl":
                with open(path, "rb") as f:
                    n, last = 0, b"\n"
                    while block := f.read(1 << 20):
                        n += block.count(b"\n")
                        last = block[-1:]
                total += n + (last != b"\n")
            elif kind == "parquet":
                import pyarrow.parquet as pq

                total += pq.ParquetFile(path).metadata.num_rows
            elif os.path.isfile(path):
                total += 1
    return total


def _progress(args: Namespace):
    if args.quiet or not sys.stderr.isatty():
        return None
    return _Progress(list(args.paths), args.format)
