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
    card, check = getattr(args, "card", None), getattr(args, "check", None)
    if card or check:
        return _card(args, gold, card, check)
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
    qa = rep.as_dict()["quote_attribution"]
    if qa["matched"]:
        console.print(f"quote speakers on span-matched gold quotes: right {qa['right']}, wrong {qa['wrong']}, "
                      f"unattributed {qa['unattributed']} of {qa['matched']} (wrong-attribution rate "
                      f"{qa['wrong_rate']:.3f})")
    if rep.event_misses:
        m = Table(title="missed gold events, by the nearest system output")
        for c in ("kind", "events"):
            m.add_column(c)
        for kind, n in sorted(rep.event_misses.items(), key=lambda kv: -kv[1]):
            m.add_row(kind, str(n))
        console.print(m)


def _card(args: Namespace, gold: list, card: str | None, check: str | None) -> int:
    """--check CARD: fail if a fresh figure is more than two points below the card's; --card CARD:
    write the fresh figures into the card (after the check, when both are given)."""
    from shiju import modelcard
    from shiju.evaluation import evaluate
    from shiju.pipeline import Pipeline

    pipeline = Pipeline()
    blind = [g for g in gold if modelcard.is_blind(g.get("_file", ""))]
    rest = [g for g in gold if not modelcard.is_blind(g.get("_file", ""))]
    blind_rep = evaluate(blind, pipeline) if blind else None
    all_rep = evaluate(rest, pipeline) if rest else None
    if all_rep is None:
        all_rep = blind_rep
    elif blind_rep is not None:
        _merge(all_rep, blind_rep)
    all_d, blind_d = all_rep.as_dict(), blind_rep.as_dict() if blind_rep else None
    status = 0
    if check:
        try:
            old = modelcard.read_card(check)
        except modelcard.CardError as exc:
            print(f"shiju eval: {exc}", file=sys.stderr)
            return 2
        fresh = modelcard.measured(all_d, blind_d, list(args.gold))
        problems = modelcard.compare(old, fresh)
        n = len(old.get("all", {})) + len(old.get("blind", {}))
        if problems:
            print(f"shiju eval: {len(problems)} figure(s) of {check} fell by more than "
                  f"{modelcard.TOLERANCE:.2f}; fix the regression or regenerate the card with "
                  f"`shiju eval {' '.join(args.gold)} --card {check}`:", file=sys.stderr)
            for line in problems:
                print(f"  {line}", file=sys.stderr)
            status = 1
        else:
            print(f"{check}: {n} figures hold (none more than {modelcard.TOLERANCE:.2f} below the card)")
    if card:
        try:
            modelcard.write_card(card, modelcard.render(all_d, blind_d, list(args.gold)))
        except modelcard.CardError as exc:
            print(f"shiju eval: {exc}", file=sys.stderr)
            return 2
        print(f"{card}: figures updated ({all_d['documents']} gold documents)")
    if args.json:
        print(json.dumps({"all": all_d, "blind": blind_d}, ensure_ascii=False, indent=2))
    return status


def _merge(into, other) -> None:
    """Add the counts of one evaluation Report to another (scores are recomputed from counts)."""
    into.documents += other.documents
    for name, s in other.scores.items():
        into.scores[name].add(s)
    for name, s in other.per_type.items():
        into.per_type[name].add(s)
    for name, a in other.accuracies.items():
        into.accuracies[name].right += a.right
        into.accuracies[name].total += a.total
    into.errors.extend(other.errors)
    into.counted_flagged += other.counted_flagged
    for kind, n in other.event_misses.items():
        into.event_misses[kind] += n
    for kind, n in other.quote_attribution.items():
        into.quote_attribution[kind] += n
