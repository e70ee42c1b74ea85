"""`shiju agree`: how well two annotators agree on the same documents, per component."""
from __future__ import annotations

import json
import sys
from argparse import Namespace


def run(args: Namespace) -> int:
    from shiju.agreement import compare
    from shiju.evaluation import GoldError, load_gold

    try:
        result = compare(load_gold(args.first), load_gold(args.second))
    except GoldError as exc:
        print(f"shiju agree: {exc}", file=sys.stderr)
        return 2
    if result.documents == 0:
        print("shiju agree: the two annotations share no document id", file=sys.stderr)
        return 2
    if args.json:
        print(json.dumps({"documents": result.documents, "only_in_first": result.only_in_a,
                          "only_in_second": result.only_in_b,
                          "first_as_reference": result.a_as_reference.as_dict(),
                          "second_as_reference": result.b_as_reference.as_dict()}, ensure_ascii=False, indent=2))
        return 0
    _print(result)
    return 0


def _print(result) -> None:
    from rich.console import Console
    from rich.table import Table

    console = Console()
    a, b = result.a_as_reference, result.b_as_reference
    t = Table(title=f"agreement on {result.documents} documents (P, R, F1 with the first annotator as reference; F1 rev: the second as reference)")
    for c in ("component", "P", "R", "F1", "F1 rev", "both", "first only", "second only"):
        t.add_column(c, justify="left" if c == "component" else "right")
    for name, s in sorted(a.scores.items()):
        other = b.scores.get(name)
        t.add_row(name, f"{s.precision:.3f}", f"{s.recall:.3f}", f"{s.f1:.3f}",
                  f"{other.f1:.3f}" if other else "-", str(s.tp), str(s.fn), str(s.fp))
    console.print(t)
    acc = Table(title="accuracy on matched items")
    for c in ("measure", "first as reference", "second as reference", "items"):
        acc.add_column(c)
    for name, x in sorted(a.accuracies.items()):
        y = b.accuracies.get(name)
        acc.add_row(name, f"{x.value:.3f}", f"{y.value:.3f}" if y else "-", str(x.total))
    console.print(acc)
    if result.only_in_a or result.only_in_b:
        console.print(f"documents only in the first: {len(result.only_in_a)}; only in the second: {len(result.only_in_b)}")
