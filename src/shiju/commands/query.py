"""Store commands: search, actors, actor, events, quotes, dyad, stats, export."""
from __future__ import annotations

import json
import sys
from argparse import Namespace
from typing import Any, Sequence


def run(args: Namespace) -> int:
    from shiju.store import DEFAULT_STORE, Store, StoreError
    from shiju.store import export as exp
    from shiju.store import queries as q

    try:
        store = Store(args.store or DEFAULT_STORE, read_only=True)
    except StoreError as exc:
        print(f"shiju {args.command}: {exc}", file=sys.stderr)
        return 1
    with store:
        c = args.command
        if c == "search":
            rows = q.search(store, args.text, limit=args.limit)
            return _show(args, rows, ("title", "source", "published", "snippet"))
        if c == "actors":
            return _show(args, q.actors(store, country=args.country, top=args.top),
                         ("id", "name_zh", "name", "country", "sector", "documents", "mentions"))
        if c == "actor":
            prof = q.actor_profile(store, args.name)
            if prof is None:
                print(f"shiju actor: no actor matches {args.name!r}", file=sys.stderr)
                return 1
            if args.json:
                print(json.dumps(prof, ensure_ascii=False, indent=2))
                return 0
            a = prof["actor"]
            print(f"{a.get('id')}  {a.get('name_zh') or ''}  {a.get('name') or ''}  {a.get('country') or ''} "
                  f"{a.get('sector') or ''}")
            for key in ("events_as_actor", "events_as_recipient"):
                print(f"\n{key.replace('_', ' ')}: {len(prof[key])}")
                _table(prof[key][:20], ("date", "type", "actor", "recipient", "sentence"))
            print(f"\nquotes: {len(prof['quotes'])}")
            _table(prof["quotes"][:20], ("date", "speaker_text", "text"))
            print(f"\nrelations: {len(prof['relations'])}")
            _table(prof["relations"][:20], ("type", "a", "b", "sentence"))
            return 0
        if c == "events":
            rows = q.events(store, actor=args.actor, recipient=args.recipient, type=args.type, since=args.since,
                            until=args.until, include_negated=args.include_negated, limit=args.limit)
            return _show(args, rows, ("date", "type", "mode", "actor", "recipient", "quad", "intensity", "sentence"))
        if c == "quotes":
            rows = q.quotes(store, speaker=args.speaker, about=args.about, limit=args.limit)
            return _show(args, rows, ("date", "speaker", "speaker_text", "text", "title"))
        if c == "dyad":
            try:
                rows = q.dyad(store, args.a, args.b, by=args.by)
            except ValueError as exc:
                print(f"shiju dyad: {exc}", file=sys.stderr)
                return 2
            return _show(args, rows, ("period", "actor", "recipient", "verbal_coop", "material_coop",
                                      "verbal_conflict", "material_conflict", "mean_intensity"))
        if c == "stats":
            st = q.stats(store)
            if args.json:
                print(json.dumps(st, ensure_ascii=False))
            else:
                _table([{"measure": k, "value": v} for k, v in st.items()], ("measure", "value"))
            return 0
        if c == "export":
            n = exp.export(store, args.format, args.out, include_all=args.all)
            print(f"wrote {n} records to {args.out}", file=sys.stderr)
            return 0
    return 2


def _show(args: Namespace, rows: list[dict[str, Any]], cols: Sequence[str]) -> int:
    if args.json:
        for r in rows:
            print(json.dumps(r, ensure_ascii=False))
    else:
        _table(rows, cols)
    return 0


def _table(rows: list[dict[str, Any]], cols: Sequence[str]) -> None:
    from rich.console import Console
    from rich.table import Table

    t = Table(show_lines=False)
    for c in cols:
        t.add_column(c, overflow="fold", max_width=60 if c in ("sentence", "text", "snippet") else 30)
    for r in rows:
        t.add_row(*[_cell(r.get(c)) for c in cols])
    Console().print(t)
    if not rows:
        print("(nothing found)")


def _cell(v: Any) -> str:
    if v is None:
        return ""
    if isinstance(v, list):
        return "+".join(map(str, v))
    return str(v)
