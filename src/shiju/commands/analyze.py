"""`shiju analyze`: read, analyse, summarise / write JSON Lines, store."""
from __future__ import annotations

import json
import re
import sys
from argparse import Namespace

_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def run(args: Namespace) -> int:
    from shiju.context import AnalysisContext
    from shiju.pipeline import DEFAULT_STAGES, Pipeline
    from shiju.readers import ReadError, ReadOptions, iter_documents

    if args.date and not _DATE.match(args.date):
        print(f"shiju analyze: --date must be YYYY-MM-DD, got {args.date!r}", file=sys.stderr)
        return 2
    stages = args.stages.split(",") if args.stages else list(DEFAULT_STAGES)
    try:
        pipeline = Pipeline(stages, AnalysisContext(default_date=args.date))
    except ValueError as exc:
        print(f"shiju analyze: {exc}", file=sys.stderr)
        return 2
    options = ReadOptions(
        default_date=args.date,
        text_field=args.text_field,
        title_field=args.title_field,
        date_field=args.date_field,
        url_field=args.url_field,
        format=args.format,
    )
    out = None
    if args.json:
        out = open(args.output, "w", encoding="utf-8") if args.output else sys.stdout
    failed = 0
    docs = []
    for item in iter_documents(args.paths, options):
        if isinstance(item, ReadError):
            failed += 1
            print(f"shiju: cannot read {item.path}: {item.reason}", file=sys.stderr)
            continue
        try:
            doc = pipeline(item)
        except Exception as exc:  # a stage bug must not stop the batch
            failed += 1
            print(f"shiju: cannot analyse {item.source}: {type(exc).__name__}: {exc}", file=sys.stderr)
            continue
        if out is not None:
            out.write(json.dumps(doc.to_dict(), ensure_ascii=False) + "\n")
        else:
            docs.append(doc)
    if out is not None and out is not sys.stdout:
        out.close()
    if out is None:
        from shiju.summary import print_summary

        print_summary(docs)
    return 1 if failed else 0
