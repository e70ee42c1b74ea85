"""Compare two settings of the event coder on annotated (non-blind) gold, event by gold event.

    python -m shiju.events.compare GOLD... [--b-chooser FILE] [--b-data DIR] [--a-data DIR] [--json F]

A and B are the packaged data (A) and the same data with one file replaced (``--b-chooser``: another
chooser weights file) or another whole data folder (``--b-data``). Beside event P/R/F1, per type and the
flagged gold events counted as real, it splits **event-date accuracy** by match: date accuracy is measured
only on matched events, so a setting that matches more events changes the denominator. The split — gold
events matched by both settings (A's and B's dates on the same events), matched only by A, only by B —
tells a composition effect (new matches with harder dates) from a setting that dates events differently.

Blind files are refused (``shiju.training_data.gold_paths``): this is a development tool.
"""
from __future__ import annotations

import argparse
import json
import shutil
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

STAGES = ("normalize", "actors", "time", "quotes", "events")


@dataclass
class Outcome:
    """What one setting did with the countable body gold events of the documents."""

    matched: dict[tuple[str, int], bool | None] = field(default_factory=dict)  # (doc, gold index) -> date right (None: no gold date)
    missed: set[tuple[str, int]] = field(default_factory=set)
    types: dict[tuple[str, int], str] = field(default_factory=dict)
    fp: dict[str, int] = field(default_factory=dict)  # per type
    flagged_counted: int = 0

    def prf(self, type_: str | None = None) -> tuple[float, float, float, int, int, int]:
        keys = [k for k in self.types if type_ is None or self.types[k] == type_]
        tp = sum(1 for k in keys if k in self.matched)
        fn = len(keys) - tp
        fp = sum(self.fp.values()) if type_ is None else self.fp.get(type_, 0)
        p = tp / (tp + fp) if tp + fp else 0.0
        r = tp / (tp + fn) if tp + fn else 0.0
        return p, r, (2 * p * r / (p + r) if p + r else 0.0), tp, fp, fn


def score(gold_docs: list[dict[str, Any]], data_dir: str | None) -> Outcome:
    """Run the pipeline (through events) with ``data_dir`` and match events as ``shiju eval`` does."""
    from shiju.context import AnalysisContext
    from shiju.evaluation import event_date_right, gold_document, match_events
    from shiju.pipeline import Pipeline

    pipe = Pipeline(STAGES, ctx=AnalysisContext(data_dir=data_dir))
    out = Outcome()
    for g in gold_docs:
        m = match_events(g, pipe(gold_document(g)))
        gid = str(g.get("id"))
        for i, (ge, hit) in enumerate(zip(m.gold, m.hits)):
            key = (gid, i)
            out.types[key] = str(ge.get("type"))
            if hit is None:
                out.missed.add(key)
            else:
                out.matched[key] = event_date_right(ge, m.preds[hit])
        for pe in m.unmatched():
            out.fp[pe.type] = out.fp.get(pe.type, 0) + 1
            out.flagged_counted += any(m.same(ge, pe) for ge in m.flagged)
    return out


def _acc(xs: list[bool | None]) -> str:
    ys = [x for x in xs if x is not None]
    return f"{sum(ys)}/{len(ys)} = {sum(ys) / len(ys):.3f}" if ys else "-"


def date_split(a: Outcome, b: Outcome) -> dict[str, tuple[list[bool | None], list[bool | None]]]:
    """Date verdicts of A and B on the gold events both match, and of each on those only it matches."""
    both = [k for k in a.matched if k in b.matched]
    return {"both": ([a.matched[k] for k in both], [b.matched[k] for k in both]),
            "only_a": ([a.matched[k] for k in a.matched if k not in b.matched], []),
            "only_b": ([], [b.matched[k] for k in b.matched if k not in a.matched])}


def report(a: Outcome, b: Outcome) -> dict[str, Any]:
    def fmt(t: tuple[float, float, float, int, int, int]) -> str:
        return f"{t[0]:.3f}/{t[1]:.3f}/{t[2]:.3f} ({t[3]}/{t[4]}/{t[5]})"

    ds = date_split(a, b)
    types = sorted(set(a.types.values()) | set(a.fp) | set(b.fp))
    return {
        "events A": fmt(a.prf()), "events B": fmt(b.prf()),
        "dates A (all matched)": _acc(list(a.matched.values())), "dates B (all matched)": _acc(list(b.matched.values())),
        "dates on events both match: A": _acc(ds["both"][0]), "dates on events both match: B": _acc(ds["both"][1]),
        "dates on events only A matches": _acc(ds["only_a"][0]), "dates on events only B matches": _acc(ds["only_b"][1]),
        "flagged counted A / B": f"{a.flagged_counted} / {b.flagged_counted}",
        "per type (P/R/F1 (tp/fp/fn)) A -> B": {t: f"{fmt(a.prf(t))} -> {fmt(b.prf(t))}" for t in types},
    }


def main(argv: list[str] | None = None) -> int:
    from shiju.data import DATA_DIR
    from shiju.training_data import gold_for, gold_paths

    ap = argparse.ArgumentParser(prog="python -m shiju.events.compare", description=__doc__.split("\n")[0])
    ap.add_argument("gold", nargs="+", help="non-blind gold files (globs allowed)")
    ap.add_argument("--a-data", default=None, help="data folder of setting A (default: the packaged data)")
    ap.add_argument("--b-data", default=None, help="data folder of setting B")
    ap.add_argument("--b-chooser", default=None, help="setting B: the packaged data with this chooser weights file")
    ap.add_argument("--exclude", default=None, help="regex of document ids left out")
    ap.add_argument("--keep", default=None, help="regex: only these document ids")
    ap.add_argument("--json", default=None, help="also write the report here")
    args = ap.parse_args(argv)
    if bool(args.b_data) == bool(args.b_chooser):
        ap.error("give one of --b-data or --b-chooser")
    docs = gold_for(gold_paths(args.gold, purpose="development"), "events", args.exclude, args.keep)
    with tempfile.TemporaryDirectory() as tmp:
        b_dir = args.b_data
        if args.b_chooser:
            src = Path(args.b_chooser)
            if not src.is_file():
                raise SystemExit(f"{src}: no such chooser weights file")
            b_dir = str(Path(tmp) / "data")
            shutil.copytree(args.a_data or DATA_DIR, b_dir, ignore=shutil.ignore_patterns("__pycache__", "*.py"))
            shutil.copy(src, Path(b_dir) / "events" / "chooser_weights.yaml")
        a, b = score(docs, args.a_data), score(docs, b_dir)
    rep = {"documents": len(docs), **report(a, b)}
    json.dump(rep, sys.stdout, ensure_ascii=False, indent=1)
    print()
    if args.json:
        Path(args.json).write_text(json.dumps(rep, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
