"""`shiju eval`: precision / recall / F1 per component on gold documents."""
from __future__ import annotations

import json
import sys
from argparse import Namespace


def run(args: Namespace) -> int:
    from shiju.evaluation import GoldError, evaluate, load_gold

    try:
        gold = load_gold(args.gold)
    except GoldError as exc:
        print(f"shiju eval: {exc}", file=sys.stderr)
        return 2
    rep = evaluate(gold)
    if args.json:
        print(json.dumps(rep.as_dict(), ensure_ascii=False, indent=2))
    else:
        print_report(rep)
    if args.errors:
        for line in rep.errors:
            print(line)
    return 0


def print_report(rep) -> None:
    from rich.console import Console
    from rich.table import Table

    console = Console()
    t = Table(title=f"shiju eval: {rep.documents} gold documents")
    for c in ("component", "P", "R", "F1", "tp", "fp", "fn"):
        t.add_column(c, justify="right" if c != "component" else "left")
    for name, s in sorted(rep.scores.items()):
        t.add_row(name, f"{s.precision:.3f}", f"{s.recall:.3f}", f"{s.f1:.3f}", str(s.tp), str(s.fp), str(s.fn))
    console.print(t)
    if rep.accuracies:
        a = Table(title="accuracy")
        for c in ("measure", "accuracy", "right", "total"):
            a.add_column(c)
        for name, acc in sorted(rep.accuracies.items()):
            a.add_row(name, f"{acc.value:.3f}", str(acc.right), str(acc.total))
        console.print(a)
    if rep.per_type:
        e = Table(title="events per PLOVER type")
        for c in ("type", "P", "R", "F1", "tp", "fp", "fn"):
            e.add_column(c)
        for name, s in sorted(rep.per_type.items()):
            e.add_row(name, f"{s.precision:.3f}", f"{s.recall:.3f}", f"{s.f1:.3f}", str(s.tp), str(s.fp), str(s.fn))
        console.print(e)
        console.print(f"negated/hypothetical gold events counted as real: {rep.counted_flagged}")
