"""The `shiju` command. Imports are lazy so that `shiju --help` starts in well under a second."""
from __future__ import annotations

import argparse
import sys


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="shiju", description="Political events, quotes and actors from Chinese text.")
    sub = p.add_subparsers(dest="command", metavar="COMMAND")

    a = sub.add_parser("analyze", help="read documents, analyse them, print a summary or JSON Lines")
    a.add_argument("paths", nargs="+", metavar="PATH", help="files, directories, globs, or - for stdin")
    a.add_argument("--date", help="publication date (YYYY-MM-DD) for documents that carry none")
    a.add_argument("--json", action="store_true", help="write JSON Lines records")
    a.add_argument("-o", "--output", help="write JSON Lines to this file instead of stdout")
    a.add_argument("--store", help="store path (default ./.shiju/shiju.db)")
    a.add_argument("--no-store", action="store_true", help="do not write to the store")
    a.add_argument("--format", help="force an input format instead of detecting it")
    a.add_argument("--text-field", default="text")
    a.add_argument("--title-field", default="title")
    a.add_argument("--date-field", default="date")
    a.add_argument("--url-field", default="url")
    a.add_argument("--stages", help="comma-separated stage names (default: all)")
    a.add_argument("--workers", type=int, default=None, help="local worker processes (default: all cores)")
    a.add_argument("--engine", choices=["local", "ray"], default="local")
    a.add_argument("--address", help="Ray cluster address (with --engine ray)")
    a.add_argument("--shards", help="folder for the Parquet shards of --engine ray (default .shiju/shards/<time>)")
    a.add_argument("--quiet", action="store_true")

    e = sub.add_parser("eval", help="score the pipeline on annotated gold documents")
    e.add_argument("gold", nargs="+", help="gold YAML files or directories")
    e.add_argument("--json", action="store_true", help="print the scores as JSON")
    e.add_argument("--errors", action="store_true", help="list false positives and negatives")
    e.add_argument("--card", metavar="CARD", help="write the figures into this model card (docs/model-card.md)")
    e.add_argument("--check", metavar="CARD", help="exit 1 if a figure is more than 0.02 below this card's")
    g = sub.add_parser("agree", help="inter-annotator agreement of two annotations of the same documents")
    g.add_argument("--first", nargs="+", required=True, metavar="GOLD", help="annotator A's gold files or folders")
    g.add_argument("--second", nargs="+", required=True, metavar="GOLD", help="annotator B's gold files or folders")
    g.add_argument("--json", action="store_true", help="print both directions as JSON")

    def store_arg(sp: argparse.ArgumentParser) -> argparse.ArgumentParser:
        sp.add_argument("--store", help="store path (default ./.shiju/shiju.db)")
        sp.add_argument("--json", action="store_true", help="print JSON instead of a table")
        return sp

    s = store_arg(sub.add_parser("search", help="full-text search (Simplified and Traditional match)"))
    s.add_argument("text")
    s.add_argument("--limit", type=int, default=20)
    s = store_arg(sub.add_parser("actors", help="actors in the store, most documents first"))
    s.add_argument("--country", help="ISO3 code")
    s.add_argument("--top", type=int, default=20)
    s = store_arg(sub.add_parser("actor", help="an actor's profile: events, quotes, relations"))
    s.add_argument("name", help="actor id, ISO3 code, English or Chinese name")
    s = store_arg(sub.add_parser("events", help="events (countable ones unless --include-negated)"))
    s.add_argument("--actor")
    s.add_argument("--recipient")
    s.add_argument("--type")
    s.add_argument("--since")
    s.add_argument("--until")
    s.add_argument("--include-negated", action="store_true", help="also negated and hypothetical events")
    s.add_argument("--limit", type=int, default=100)
    s = store_arg(sub.add_parser("quotes", help="quotes by speaker or topic"))
    s.add_argument("--speaker")
    s.add_argument("--about")
    s.add_argument("--limit", type=int, default=100)
    s = store_arg(sub.add_parser("dyad", help="cooperation–conflict counts of a dyad over time"))
    s.add_argument("a")
    s.add_argument("b")
    s.add_argument("--by", choices=["day", "week", "month", "year"], default="month")
    store_arg(sub.add_parser("stats", help="counts of what the store holds"))
    s = store_arg(sub.add_parser("export", help="export events/records: plover, gdelt, csv, jsonl, parquet"))
    s.add_argument("out")
    s.add_argument("--format", required=True, choices=["plover", "gdelt", "csv", "jsonl", "parquet"])
    s.add_argument("--all", action="store_true", help="include negated, hypothetical and comment events")
    w = sub.add_parser("serve", help="the Workbench: browse the store in a web browser")
    w.add_argument("--store", help="store path (default ./.shiju/shiju.db)")
    w.add_argument("--host", default="127.0.0.1", help="address to bind (beyond loopback needs a token)")
    w.add_argument("--port", type=int, default=8000)
    w.add_argument("--token", help="access token required on every request (or set SHIJU_TOKEN)")
    s = sub.add_parser("graph", help="actor network of the store (relations, event counts) as GraphML or JSON")
    s.add_argument("out", metavar="OUT")
    s.add_argument("--store", help="store path (default ./.shiju/shiju.db)")
    s.add_argument("--format", choices=["graphml", "json"], help="default: from OUT's suffix, else graphml")
    s.add_argument("--no-events", action="store_true", help="relations only")
    s.add_argument("--comments", action="store_true", help="also relations asserted in comments")
    return p


_STORE_COMMANDS = {"search", "actors", "actor", "events", "quotes", "dyad", "stats", "export"}


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is None:
        parser.print_help()
        return 2
    if args.command == "analyze":
        from shiju.commands.analyze import run

        return run(args)
    if args.command == "eval":
        from shiju.commands.evaluate import run

        return run(args)
    if args.command == "agree":
        from shiju.commands.agree import run

        return run(args)
    if args.command == "serve":
        from shiju.commands.serve import run

        return run(args)
    if args.command == "graph":
        from shiju.commands.graph import run

        return run(args)
    if args.command in _STORE_COMMANDS:
        from shiju.commands.query import run

        return run(args)
    parser.error(f"unknown command {args.command}")
    return 2


if __name__ == "__main__":
    sys.exit(main())
