"""Train the learned decider of reported clauses (indirect quotes) and write its weights.

    python -m shiju.train_quote_indirect [gold files...] [--exclude REGEX] [--out FILE] [--enable auto|yes|no]

The quotes stage (shiju.quotes._indirect_quote) meets a clause after a cue verb (X表示，…; 呼吁有关各方…;
表示，A“B”，C) and decides by rules whether it is reported speech; with a decider, a logistic regression
over general features of the clause (shiju.quotes._indirect_features: the cue word and its kind, why the
rules would reject it, length and clauses, the speaker's kind, body/comment) re-decides. Examples: every
clause the stage meets with the decider's hook capturing (the shipped marked-quote detector on, as in
production); an example is positive when a gold quote with ``direct: false`` overlaps it. Fitting,
selection (regularisation, thresholds, add only / add and drop) by cross-validation on quote F1 as
``shiju eval`` scores it (``--cv sets``, the default: leave one source set out — our dev sets, fresh5,
fresh6, …, since our own dev marks more reported clauses than independent annotators do; ``--cv docs``:
document k-fold), and the held-out check are those of shiju.train_quote_detector. Deterministic;
needs numpy (training only; inference is pure Python).
"""
from __future__ import annotations

import argparse
import datetime
import re
import sys
from pathlib import Path
from typing import Any, Iterable

from shiju import quote_detector as qd
from shiju.train_quote_detector import (C_GRID, CV_MODES, DEFAULT_EXCLUDE, DEFAULT_TRAIN, FOLDS, GoldDoc, _add,
                                        cv_splits, fit, fold_summary, key_of, model_of, prepare, prf,
                                        select_key, settings)
from shiju.training_data import gold_paths, write_weights_file

# Drop thresholds tried: higher than the detector's, since independent annotators leave about a third of
# the clauses the rules take unmarked (unnamed sources, dated reports of what happened, commenters' paraphrase).
DROP_THRESHOLDS = (0.2, 0.35, 0.5)

_CAPTURE = qd.DetectorModel(enabled=True, apply=("add",), bias=0.0, threshold_add=0.5, threshold_drop=0.5,
                            weights={})


def run_quotes(gd: GoldDoc, indirect: qd.DetectorModel | None, detector: qd.DetectorModel | None,
               capture: list | None = None) -> Any:
    """The quotes stage on a prepared document with the shipped ``detector`` and the decider ``indirect``
    (None: the rules); with ``capture``, the decider's calls are recorded as (features, rule_ok, part,
    start, end) and the rules decide."""
    from shiju import quotes
    from shiju.context import AnalysisContext

    doc = gd.doc
    ctx = AnalysisContext()
    lex = ctx.resource("quotes.lexicon", lambda: quotes.load_lexicon(ctx.data_dir))
    by_part = quotes._mentions_by_part(doc)
    real = qd.decide
    if capture is not None:
        def hook(m, feats, rule_ok, where=None):
            if m is _CAPTURE:
                capture.append((feats, rule_ok) + tuple(where or ("", 0, 0)))
                return rule_ok
            return real(m, feats, rule_ok, where)
        qd.decide = hook  # the stage looks the function up at call time
        indirect = _CAPTURE
    try:
        notes = len(doc.notes)
        doc.quotes = [q for part, _ in doc.parts()
                      for q in quotes.analyse_part(doc, part, lex, lambda a, b: None, by_part, detector, None,
                                                   indirect)]
        del doc.notes[notes:]
    finally:
        qd.decide = real
    return doc


def label_examples(docs: list[GoldDoc], detector: qd.DetectorModel | None) -> None:
    from shiju.evaluation import _Locator, _overlap, _part_of

    for gd in docs:
        cap: list = []
        run_quotes(gd, None, detector, cap)
        loc = _Locator(gd.doc)
        spans = []
        for item in gd.gold.get("quotes") or []:
            part = _part_of(item)
            text = str(item["text"])
            sp = loc.find(part, text, item.get("n")) or loc.find(part, text[:12])
            if sp is not None and not item.get("direct", True):
                spans.append((part, sp))
        gd.examples = [(feats, ok, int(any(pp == part and _overlap(sp, (a, b)) for pp, sp in spans)))
                       for feats, ok, part, a, b in cap]


def score(docs: list[GoldDoc], model: qd.DetectorModel | None,
          detector: qd.DetectorModel | None) -> tuple[int, int, int]:
    from shiju.evaluation import Report, score_quotes

    rep = Report()
    for gd in docs:
        score_quotes(gd.gold, run_quotes(gd, model, detector), rep)
    s = rep.scores["quotes"]
    return s.tp, s.fp, s.fn


def cross_validate(docs: list[GoldDoc], detector: qd.DetectorModel | None, folds: int = FOLDS,
                   c_grid: Iterable[float] = C_GRID, mode: str = "sets",
                   by_fold: dict[str, dict[str, tuple[int, int, int]]] | None = None
                   ) -> dict[str, tuple[int, int, int]]:
    table: dict[str, tuple[int, int, int]] = {}
    for name, train, test in cv_splits(docs, folds, mode):
        own = {"rules": score(test, None, detector)}
        for c in c_grid:
            w, b = fit(train, c)
            for apply, ta, td in settings(DROP_THRESHOLDS):
                own[key_of(c, apply, ta, td)] = score(test, model_of(w, b, apply, ta, td), detector)
        for key, v in own.items():
            table[key] = _add(table.get(key, (0, 0, 0)), v)
        if by_fold is not None:
            by_fold[name] = own
    return table


HEADER = """\
# Weights of the learned decider of reported clauses (indirect quotes; shiju/quotes.py _indirect_quote,
# model and format of src/shiju/quote_detector.py): for a clause after a cue verb (X表示，…; 呼吁有关各方…;
# the clause after a partial quote, 表示，A“B”，C → C) a logistic regression over general features — the cue
# word and its kind (bare, needing ，/：, a verb of blame or appeal), why the rules would reject the clause
# (ind:why:*: no comma after a cue that needs one, an attitude object such as 表示欢迎, a short clause after
# 说/称, a clause after a partial quote), its length and clauses, whether it opens with an actor, digits,
# the speaker's kind and id kind, body/comment — gives the probability that the clause is reported speech.
# No feature names the words of the clause. `apply`: `add` lets it take clauses the rules reject (with a
# linked speaker only), `drop` lets it reject clauses they take. `enabled: false`: the rules alone.
# Where it came from: written by `python -m shiju.train_quote_indirect` (the command is in _meta) from our
# own non-blind quote gold (never blind*, never the held-out halves named in _meta.held_out_ids).
# Reproduce it by running that command; the same gold and code give the same weights. _meta records the
# training data, the date, the cross-validated figures and the held-out figures the decision used.
"""


def write_model(path: Path, weights: dict[str, float], bias: float, apply: tuple[str, ...], ta: float,
                td: float, enabled: bool, meta: dict[str, Any]) -> None:
    settings = [f"enabled: {'true' if enabled else 'false'}", f"apply: [{', '.join(apply)}]", f"bias: {bias}",
                f"threshold_add: {ta}", f"threshold_drop: {td}"]
    write_weights_file(path, HEADER, settings, meta, weights)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m shiju.train_quote_indirect", description=__doc__.split("\n")[0])
    ap.add_argument("gold", nargs="*", default=list(DEFAULT_TRAIN), help="non-blind gold files (globs allowed)")
    ap.add_argument("--exclude", default=DEFAULT_EXCLUDE, help="regex of held-out document ids")
    ap.add_argument("--out", default=None, help="where to write the weights (default: print the table only)")
    ap.add_argument("--c", type=float, default=None, help="fix the regularisation instead of selecting it")
    ap.add_argument("--folds", type=int, default=FOLDS, help="folds of --cv docs")
    ap.add_argument("--cv", choices=CV_MODES, default="sets",
                    help="sets: leave one source set out (dev, fresh5, fresh6, ...); docs: document k-fold")
    ap.add_argument("--score", nargs="*", default=[], metavar="GOLD",
                    help="also score rules vs the trained decider on these files (not trained on; never blind)")
    ap.add_argument("--detector", default=None, help="marked-quote detector weights (default: the shipped file)")
    ap.add_argument("--enable", choices=("auto", "yes", "no"), default="auto",
                    help="auto: enabled only if the decider beats the rules in CV and on the held-out docs")
    ap.add_argument("--date", default=None, help="training date written in _meta (default today)")
    args = ap.parse_args(argv)
    paths = gold_paths(args.gold)
    extra = [p for p in gold_paths(args.score, purpose="scoring a trainer") if p not in paths]
    detector = qd.load_detector(args.detector)
    detector = detector if detector.enabled else None
    print(f"preparing {len(paths)} gold files ...", file=sys.stderr)
    docs = prepare(paths, args.exclude)
    held = prepare(paths, None, keep=args.exclude) if args.exclude else []
    label_examples(docs, detector)
    n_ex = sum(len(gd.examples) for gd in docs)
    n_pos = sum(lab for gd in docs for _, _, lab in gd.examples)
    n_q = sum(len(gd.gold.get("quotes") or []) for gd in docs)
    print(f"{len(docs)} training docs ({n_q} gold quotes), {n_ex} examples ({n_pos} positive);"
          f" {len(held)} held-out docs", file=sys.stderr)
    c_grid = (args.c,) if args.c is not None else C_GRID
    by_fold: dict[str, dict[str, tuple[int, int, int]]] = {}
    table = cross_validate(docs, detector, args.folds, c_grid, args.cv, by_fold)
    rules = prf(table["rules"])
    best_key = max((k for k in table if k != "rules"), key=lambda k: select_key(k, table[k]))
    print(f"{'setting':40s}  P      R      F1", file=sys.stderr)
    for k in ["rules"] + sorted(k for k in table if k != "rules"):
        p, r, f = prf(table[k])
        print(f"{k:40s}  {p:.3f}  {r:.3f}  {f:.3f}{'  *' if k == best_key else ''}", file=sys.stderr)
    folds_table = fold_summary(by_fold, best_key)
    for name, row in folds_table.items():
        print(f"  {name:10s} rules {row['rules']}  selected {row['model']}", file=sys.stderr)
    for k in sorted(k for k in table if k != "rules"):  # every setting per fold: where a drop wins or loses
        print(f"  {k:40s} " + "  ".join(f"{n} {prf(t[k])[2]:.3f}" for n, t in sorted(by_fold.items())),
              file=sys.stderr)
    m = re.match(r"C=(\S+) apply=(\S+) add=(\S+)(?: drop=(\S+))?", best_key)
    assert m is not None
    c, apply, ta = float(m.group(1)), tuple(m.group(2).split("+")), float(m.group(3))
    td = float(m.group(4)) if m.group(4) else 0.5
    weights, bias = fit(docs, c)
    model = model_of(weights, bias, apply, ta, td)
    held_rules = prf(score(held, None, detector)) if held else None
    held_dec = prf(score(held, model, detector)) if held else None
    cv_best = prf(table[best_key])
    if held_rules and held_dec:
        print(f"held-out ({len(held)} docs): rules P/R/F1 {held_rules[0]:.3f}/{held_rules[1]:.3f}/{held_rules[2]:.3f}"
              f"  decider {held_dec[0]:.3f}/{held_dec[1]:.3f}/{held_dec[2]:.3f}", file=sys.stderr)
    extra_prf = None
    if extra:
        xdocs = prepare(extra, None)
        extra_prf = {"files": [str(p) for p in extra], "documents": len(xdocs),
                     "rules": [round(x, 3) for x in prf(score(xdocs, None, detector))],
                     "decider": [round(x, 3) for x in prf(score(xdocs, model, detector))]}
        print(f"scored, not trained on ({len(xdocs)} docs): rules {extra_prf['rules']}"
              f"  decider {extra_prf['decider']}", file=sys.stderr)
    if args.enable == "auto":
        enabled = cv_best[2] > rules[2] and (not held_dec or not held_rules or held_dec[2] > held_rules[2])
    else:
        enabled = args.enable == "yes"
    if args.out:
        meta = {
            "trained": args.date or datetime.date.today().isoformat(),
            "command": "python -m shiju.train_quote_indirect " + " ".join(str(p) for p in paths)
                       + f" --exclude '{args.exclude}' --out {args.out}"
                       + (f" --c {args.c}" if args.c is not None else "")
                       + f" --cv {args.cv}" + (f" --folds {args.folds}" if args.cv == "docs" else "")
                       + (f" --detector {args.detector}" if args.detector else "")
                       + ("" if args.enable == "auto" else f" --enable {args.enable}"),
            "training_files": [str(p) for p in paths],
            "held_out_ids": args.exclude,
            "training": {"documents": len(docs), "gold_quotes": n_q, "examples": n_ex, "positive": n_pos},
            "selected": {"C": c, "apply": list(apply), "threshold_add": ta, "threshold_drop": td},
            "cv": args.cv,
            "cv_folds": len(by_fold),
            "cv_quotes_prf": {"rules": [round(x, 3) for x in rules], "decider": [round(x, 3) for x in cv_best]},
            "cv_by_fold_prf": folds_table,
            "cv_table_prf": {k: [round(x, 3) for x in prf(v)] for k, v in sorted(table.items())},
            "held_out_prf": ({"documents": len(held), "rules": [round(x, 3) for x in held_rules],
                              "decider": [round(x, 3) for x in held_dec]} if held_rules and held_dec else None),
            "decision": (f"{'enabled' if enabled else 'disabled'}: quote F1 in CV {cv_best[2]:.3f} vs rules "
                         f"{rules[2]:.3f}" + (f"; held-out {held_dec[2]:.3f} vs rules {held_rules[2]:.3f}"
                                               if held_dec and held_rules else "")
                         + ("" if args.enable == "auto" else f" (set by --enable {args.enable})")),
        }
        if extra_prf:
            meta["scored_not_trained_prf"] = extra_prf
        write_model(Path(args.out), weights, bias, apply, ta, td, enabled, meta)
        print(f"wrote {args.out} (enabled: {enabled})", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
