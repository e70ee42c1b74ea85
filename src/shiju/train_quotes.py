"""Retrain the learned parts of the quotes stage in order, with one command:

    python -m shiju.train_quotes [--date YYYY-MM-DD] [--dry-run]

1. the marked-quote detector (shiju.train_quote_detector) on all non-blind quote gold — our dev sets and
   every independent annotators' set present (tests/gold/freshN_*.yaml) — with the settings recorded in the
   shipped ``data/quotes/detector.yaml`` (``--c``, ``--branches``) and its threshold chosen by the stated
   rule of ``scare_safe``; selection by leave-one-source-set-out CV;
2. the decider of reported clauses (shiju.train_quote_indirect) on the same gold, with the detector just
   written (it sees the quotes the detector takes), its regularisation fixed at the shipped value, shipped
   ``--enable no`` (see INDIRECT_ARGS);
3. the speaker chooser (shiju.train_quote_chooser) on the same gold, on the quotes the new detector emits,
   its regularisation fixed at the value selected in session 8, shipped ``--enable no`` (see CHOOSER_ARGS).

The detector decides ``enabled`` itself (``--enable auto``: it must beat the rules in grouped CV and on
the held-out halves); the decider and the chooser are written off, with their figures, until a decision set
says otherwise. Blind files are refused by both (shiju.training_data.gold_paths).
"""
from __future__ import annotations

import argparse
import sys

TRAIN = ("tests/gold/quotes_*.yaml", "tests/gold/fresh[0-9]*_*.yaml")
# --check-text: the threshold may add no more short marked quotes on 200 op-eds and essays than the detector
# shipped before (shiju.train_quote_detector.scare_safe); skipped with a note when ../shared is absent.
DETECTOR_ARGS = ("--c", "0.1", "--branches", "adj,gov,nocue")
CHECK_TEXT = ("--check-text", "../shared/corpus/news", "--check-limit", "200")
# The decider of reported clauses wins LOSO CV narrowly with drops (0.850 -> 0.852 F1: precision up, recall
# down) but on fresh9, scored before it was read, it lost recall for no F1 (0.890/0.721 -> 0.910/0.707): the
# recall bar comes first, so it ships off (session 9).
INDIRECT_ARGS = ("--c", "1.0", "--enable", "no")
# The chooser wins on gold (LOSO CV, held-out halves, fresh8 before it was read) but on ../shared/corpus most
# speakers it changes read wrong (他 -> a state, 到场的李小姐 -> a leader): the gold scorer does not count a
# wrong speaker as worse than none. Kept off until it no longer names odd speakers (session 8).
CHOOSER_ARGS = ("--c", "1.0", "--enable", "no")
CHOOSER_OUT = "src/shiju/data/quotes/chooser.yaml"
DETECTOR_OUT = "src/shiju/data/quotes/detector.yaml"  # run from the repository root, as the gold globs are
INDIRECT_OUT = "src/shiju/data/quotes/indirect.yaml"


def commands(date: str | None = None) -> list[tuple[str, list[str]]]:
    """(module, argv) of each training step, in order."""
    det, ind = DETECTOR_OUT, INDIRECT_OUT
    extra = ["--date", date] if date else []
    from pathlib import Path

    check = list(CHECK_TEXT) if Path(CHECK_TEXT[1]).is_dir() else []
    if not check:
        print(f"note: {CHECK_TEXT[1]} absent: the detector threshold is bounded by the gold check only", file=sys.stderr)
    return [("shiju.train_quote_detector", [*TRAIN, *DETECTOR_ARGS, *check, "--out", det, *extra]),
            ("shiju.train_quote_indirect", [*TRAIN, *INDIRECT_ARGS, "--detector", det, "--out", ind, *extra]),
            ("shiju.train_quote_chooser", [*TRAIN, *CHOOSER_ARGS, "--out", CHOOSER_OUT, *extra])]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m shiju.train_quotes", description=__doc__.split("\n")[0])
    ap.add_argument("--date", default=None, help="training date written in _meta (default today)")
    ap.add_argument("--dry-run", action="store_true", help="print the commands only")
    args = ap.parse_args(argv)
    import importlib

    for module, argv_ in commands(args.date):
        print(f"python -m {module} {' '.join(argv_)}", file=sys.stderr)
        if not args.dry_run:
            rc = importlib.import_module(module).main(argv_)
            if rc:
                return rc
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
