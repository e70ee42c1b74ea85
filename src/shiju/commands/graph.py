"""`shiju graph`: export the store's actor network (relations and countable events) as GraphML or JSON."""
from __future__ import annotations

import sys
from argparse import Namespace


def run(args: Namespace) -> int:
    from shiju.graph import build_graph, write_graphml, write_json
    from shiju.store import DEFAULT_STORE, Store, StoreError

    fmt = args.format or ("json" if str(args.out).endswith(".json") else "graphml")
    try:
        store = Store(args.store or DEFAULT_STORE, read_only=True)
    except StoreError as exc:
        print(f"shiju graph: {exc}", file=sys.stderr)
        return 1
    with store:
        g = build_graph(store, include_events=not args.no_events, include_comments=args.comments)
    try:
        (write_json if fmt == "json" else write_graphml)(g, args.out)
    except OSError as exc:
        print(f"shiju graph: {args.out}: cannot write: {exc.strerror or exc}", file=sys.stderr)
        return 1
    print(f"wrote {len(g.nodes)} actors and {len(g.edges)} edges to {args.out} ({fmt})", file=sys.stderr)
    return 0
