"""Train the quote speaker chooser (shiju/quote_chooser.py) on annotated quote gold and write its weights.

    python -m shiju.train_quote_chooser [gold files...] [--exclude REGEX] [--out FILE] [--enable auto|yes|no]

Examples: the quotes stage runs on each gold document (actors and times from the pipeline, as in
``shiju eval``), the chooser's hook capturing the candidates of every quote it emits; a quote that overlaps
a gold quote is an example, its right options being the candidates whose id the gold speaker accepts
(``shiju eval``'s matcher) or "none" when the gold speaker is null. Quotes whose right answer is not among
the candidates count for "none" (naming nobody is the best answer then). A conditional-logit (softmax) model with L2 regularisation is fitted by
full-batch accelerated gradient descent from zero weights (deterministic). The regularisation and
``apply`` (fill / all) are selected by document-grouped 5-fold cross-validation on quote F1 as ``shiju
eval`` scores quotes, against the rules alone. Held-out documents (``--exclude``) are scored once at the
end. The quote detector's current weights (data/quotes/detector.yaml) are used throughout, so the chooser
is trained on the quotes the stage emits. Needs numpy (training only; inference is pure Python).
"""
from __future__ import annotations

import argparse
import datetime
import re
import sys
from pathlib import Path
from typing import Any, Iterable

from shiju import quote_chooser as qc
from shiju.train_quote_detector import (CV_MODES, DEFAULT_EXCLUDE, DEFAULT_TRAIN, FOLDS, GoldDoc, cv_splits,
                                        prepare, prf, run_quotes)
from shiju.training_data import gold_paths, write_weights_file
from shiju.training_data import add_counts as _add

C_GRID = (0.1, 0.3, 1.0, 3.0)
APPLY = qc.APPLY
UNLINKED = qc.UNLINKED

Group = tuple[list[tuple[str, ...]], list[int]]


def capture_groups(docs: list[GoldDoc], detector: Any) -> dict[int, list[Group]]:
    """Per document (index), the training groups: each emitted quote's candidates and which are right."""
    from shiju.evaluation import _ids, _Locator, _overlap, _part_of, id_acceptable

    out: dict[int, list[Group]] = {}
    real = qc.choose
    for i, gd in enumerate(docs):
        cap: list = []

        def hook(model, cands, rule, linked, where=None, words=False):
            cap.append((list(cands), where))
            return rule
        qc.choose = hook  # the stage looks the function up at call time
        try:
            run_quotes(gd, detector, None, _CAPTURE)
        finally:
            qc.choose = real
        loc = _Locator(gd.doc)
        gold = []
        for item in gd.gold.get("quotes") or []:
            part = _part_of(item)
            text = str(item["text"])
            sp = loc.find(part, text, item.get("n")) or loc.find(part, text[:12])
            if sp is not None:
                gold.append((part, sp, _ids(item.get("speaker"))))
        groups: list[Group] = []
        for cands, (part, a, b) in cap:
            g = next((x for x in gold if x[0] == part and _overlap(x[1], (a, b))), None)
            if g is None:
                continue
            ids = g[2]
            pos = [int(c.id is None and not ids) if c.id is None else int(bool(ids) and id_acceptable(ids, c.id, gd.doc))
                   for c in cands]
            if not any(pos):
                # The right speaker is not among the candidates (an actor the Actors stage did not link):
                # the best the chooser can do is to name nobody, as the rules' unlinked words do.
                pos = [int(c.id is None) for c in cands]
            groups.append(([c.features for c in cands], pos))
        out[i] = groups
    return out


_CAPTURE = qc.ChooserModel(enabled=True, apply="all", weights={})


def fit(groups: list[Group], c: float, min_count: int = 2, iters: int = 600) -> dict[str, float]:
    """Conditional logit over each group's options, mean log-probability of the right ones, L2; from zero
    weights by accelerated gradient descent (deterministic)."""
    import numpy as np

    counts: dict[str, int] = {}
    for feats, _ in groups:
        for fs in feats:
            for f in set(fs):
                counts[f] = counts.get(f, 0) + 1
    vocab = sorted(f for f, k in counts.items() if k >= min_count)
    col = {f: i for i, f in enumerate(vocab)}
    d = len(vocab)
    ri, ci, gid, y = [], [], [], []
    row = 0
    for g, (feats, pos) in enumerate(groups):
        for fs, p in zip(feats, pos):
            js = sorted({col[f] for f in fs if f in col})
            ri += [row] * len(js)
            ci += js
            gid.append(g)
            y.append(p)
            row += 1
    n, ng = row, len(groups)
    if ng == 0 or d == 0:
        return {}
    ri_a, ci_a = np.array(ri, dtype=np.int64), np.array(ci, dtype=np.int64)
    gid_a, y_a = np.array(gid, dtype=np.int64), np.array(y, dtype=float)
    nnz = np.bincount(ri_a, minlength=n).astype(float)
    npos = np.bincount(gid_a, weights=y_a, minlength=ng)
    lam = 1.0 / (c * ng)
    step = 1.0 / (0.5 * np.bincount(ci_a, weights=nnz[ri_a], minlength=d) / ng + lam)

    def grad_of(z):
        s = np.bincount(ri_a, weights=z[ci_a], minlength=n)
        mx = np.full(ng, -np.inf)
        np.maximum.at(mx, gid_a, s)
        e = np.exp(s - mx[gid_a])
        p = e / np.bincount(gid_a, weights=e, minlength=ng)[gid_a]
        q = y_a / npos[gid_a]
        return np.bincount(ci_a, weights=(p - q)[ri_a], minlength=d) / ng + lam * z

    w = np.zeros(d)
    z = w.copy()
    t = 1.0
    for _ in range(iters):
        w_new = z - step * grad_of(z)
        t_new = (1.0 + (1.0 + 4.0 * t * t) ** 0.5) / 2.0
        z = w_new + ((t - 1.0) / t_new) * (w_new - w)
        w, t = w_new, t_new
    return {f: round(float(w[j]), 4) for f, j in col.items() if abs(w[j]) >= 5e-5}


def score(docs: list[GoldDoc], detector: Any, chooser: qc.ChooserModel | None) -> tuple[int, int, int]:
    from shiju.evaluation import Report, score_quotes

    rep = Report()
    for gd in docs:
        score_quotes(gd.gold, run_quotes(gd, detector, None, chooser), rep)
    s = rep.scores["quotes"]
    return s.tp, s.fp, s.fn


def cross_validate(docs: list[GoldDoc], groups: dict[int, list[Group]], detector: Any, folds: int = FOLDS,
                   c_grid: Iterable[float] = C_GRID, mode: str = "sets",
                   by_fold: dict[str, dict[str, tuple[int, int, int]]] | None = None
                   ) -> dict[str, tuple[int, int, int]]:
    """Quote (tp, fp, fn) summed over the folds of ``mode`` (shiju.train_quote_detector.cv_splits: one source
    set left out at a time, or document k-fold), for the rules and every setting; ``by_fold`` (if given)
    receives each fold's own table."""
    index = {id(gd): i for i, gd in enumerate(docs)}
    table: dict[str, tuple[int, int, int]] = {}
    for name, train_docs, test in cv_splits(docs, folds, mode):
        train = [g for gd in train_docs for g in groups[index[id(gd)]]]
        own = {"rules": score(test, detector, None)}
        for c in c_grid:
            w = fit(train, c)
            for ap in APPLY:
                for un in UNLINKED:
                    own[key_of(c, ap, un)] = score(test, detector, qc.ChooserModel(True, ap, w, un))
        for key, v in own.items():
            table[key] = _add(table.get(key, (0, 0, 0)), v)
        if by_fold is not None:
            by_fold[name] = own
    return table


def key_of(c: float, apply: str, unlinked: str) -> str:
    return f"C={c} apply={apply} unlinked={unlinked}"


def select_key(key: str, counts: tuple[int, int, int]) -> tuple:
    """Cross-validated F1 to three decimals, ties to the higher precision, then to the guarded setting
    (unlinked=inside: no nearby actor given to unnamed words) and the narrower apply (fill)."""
    p, _, f = prf(counts)
    return round(f, 3), round(p, 3), "unlinked=inside" in key, "apply=fill" in key, key


HEADER = """\
# Weights of the learned quote speaker chooser (src/shiju/quote_chooser.py): for every quote the quotes
# stage emits, the candidate speakers in reach (actors mentioned in its sentence and the two before,
# outside quoted words; recent speakers; the rules' choice) and a "none" option (an unnamed source) are
# scored by a conditional-logit (softmax) model over general features — inside the rules' speaker words,
# side of and distance to the cue and the quote (characters, clauses, sentences), head of its clause,
# after a preposition-like word (cues.yaml not_subject_after), before 的, actor type, mention count, first
# actor of the paragraph, recent speaker, the rules' choice and the kind of speaker the rules found. No
# feature names an actor or a word. `apply: fill`: only quotes whose rules' speaker is not linked to an
# actor; `all`: every quote. `unlinked: inside`: when the rules found speaker words they could not link,
# only an actor inside those words or nobody may be chosen; `any`: no such limit. `enabled: false`: the
# rules alone.
# Where it came from: written by `python -m shiju.train_quote_chooser` (the command is in _meta) from our
# own non-blind quote gold (never blind*, never the held-out halves named in _meta.held_out_ids).
# Reproduce it by running that command; the same gold and code give the same weights. _meta records the
# training data, the date, the cross-validated figures and the held-out figures the decision used.
"""


def write_model(path: Path, weights: dict[str, float], apply: str, enabled: bool, meta: dict[str, Any],
                unlinked: str = "any") -> None:
    settings = [f"enabled: {'true' if enabled else 'false'}", f"apply: {apply}", f"unlinked: {unlinked}"]
    write_weights_file(path, HEADER, settings, meta, weights)


def main(argv: list[str] | None = None) -> int:
    from shiju import quote_detector as qd

    ap = argparse.ArgumentParser(prog="python -m shiju.train_quote_chooser", description=__doc__.split("\n")[0])
    ap.add_argument("gold", nargs="*", default=list(DEFAULT_TRAIN), help="non-blind gold files (globs allowed)")
    ap.add_argument("--exclude", default=DEFAULT_EXCLUDE, help="regex of held-out document ids")
    ap.add_argument("--out", default=None, help="where to write the weights (default: print the table only)")
    ap.add_argument("--c", type=float, default=None, help="fix the regularisation instead of selecting it")
    ap.add_argument("--folds", type=int, default=FOLDS, help="folds of --cv docs")
    ap.add_argument("--cv", choices=CV_MODES, default="sets",
                    help="sets: leave one source set out (dev, fresh5, fresh6, ...); docs: document k-fold")
    ap.add_argument("--enable", choices=("auto", "yes", "no"), default="auto",
                    help="auto: enabled only if the chooser beats the rules in CV and on the held-out docs")
    ap.add_argument("--date", default=None, help="training date written in _meta (default today)")
    ap.add_argument("--score", nargs="*", default=[], metavar="GOLD",
                    help="also score rules vs the trained chooser on these files (not trained on; never blind)")
    args = ap.parse_args(argv)
    detector = qd.load_detector()
    paths = gold_paths(args.gold)
    extra = [p for p in gold_paths(args.score, purpose="scoring a trainer") if p not in paths]
    print(f"preparing {len(paths)} gold files ...", file=sys.stderr)
    docs = prepare(paths, args.exclude)
    held = prepare(paths, None, keep=args.exclude) if args.exclude else []
    groups = capture_groups(docs, detector)
    all_groups = [g for i in range(len(docs)) for g in groups[i]]
    n_c = sum(len(f) for f, _ in all_groups)
    print(f"{len(docs)} training docs, {len(all_groups)} quotes with the right speaker among {n_c} candidates;"
          f" {len(held)} held-out docs", file=sys.stderr)
    c_grid = (args.c,) if args.c is not None else C_GRID
    by_fold: dict[str, dict[str, tuple[int, int, int]]] = {}
    table = cross_validate(docs, groups, detector, args.folds, c_grid, args.cv, by_fold)
    rules = prf(table["rules"])
    best_key = max((k for k in table if k != "rules"), key=lambda k: select_key(k, table[k]))
    print(f"{'setting':40s}  P      R      F1", file=sys.stderr)
    for k in ["rules"] + sorted(k for k in table if k != "rules"):
        p, r, f = prf(table[k])
        print(f"{k:40s}  {p:.3f}  {r:.3f}  {f:.3f}{'  *' if k == best_key else ''}", file=sys.stderr)
    folds_table = {name: {"rules": [round(x, 3) for x in prf(t["rules"])],
                          "chooser": [round(x, 3) for x in prf(t[best_key])]} for name, t in sorted(by_fold.items())}
    for name, row in folds_table.items():
        print(f"  {name:10s} rules {row['rules']}  selected {row['chooser']}", file=sys.stderr)
    m = re.match(r"C=(\S+) apply=(\S+) unlinked=(\S+)", best_key)
    assert m is not None
    c, apply, unlinked = float(m.group(1)), m.group(2), m.group(3)
    weights = fit(all_groups, c)
    model = qc.ChooserModel(enabled=True, apply=apply, weights=weights, unlinked=unlinked)
    held_rules = prf(score(held, detector, None)) if held else None
    held_ch = prf(score(held, detector, model)) if held else None
    cv_best = prf(table[best_key])
    if held_rules and held_ch:
        print(f"held-out ({len(held)} docs): rules P/R/F1 {held_rules[0]:.3f}/{held_rules[1]:.3f}/{held_rules[2]:.3f}"
              f"  chooser {held_ch[0]:.3f}/{held_ch[1]:.3f}/{held_ch[2]:.3f}", file=sys.stderr)
    extra_prf = None
    if extra:
        xdocs = prepare(extra, None)
        extra_prf = {"files": [str(p) for p in extra], "documents": len(xdocs),
                     "rules": [round(x, 3) for x in prf(score(xdocs, detector, None))],
                     "chooser": [round(x, 3) for x in prf(score(xdocs, detector, model))]}
        print(f"scored, not trained on ({len(xdocs)} docs): rules {extra_prf['rules']}"
              f"  chooser {extra_prf['chooser']}", file=sys.stderr)
    if args.enable == "auto":  # it must win in the grouped CV and on the held-out halves
        enabled = cv_best[2] > rules[2] and (not held_ch or not held_rules or held_ch[2] > held_rules[2])
    else:
        enabled = args.enable == "yes"
    if args.out:
        meta = {
            "trained": args.date or datetime.date.today().isoformat(),
            "command": "python -m shiju.train_quote_chooser " + " ".join(str(p) for p in paths)
                       + f" --exclude '{args.exclude}' --out {args.out}"
                       + (f" --c {args.c}" if args.c is not None else "")
                       + f" --cv {args.cv}" + (f" --folds {args.folds}" if args.cv == "docs" else "")
                       + ("" if args.enable == "auto" else f" --enable {args.enable}"),
            "training_files": [str(p) for p in paths],
            "held_out_ids": args.exclude,
            "detector_enabled_during_training": detector.enabled,
            "training": {"documents": len(docs), "quotes": len(all_groups), "candidates": n_c},
            "selected": {"C": c, "apply": apply, "unlinked": unlinked},
            "cv": args.cv,
            "cv_folds": len(by_fold),
            "cv_by_fold_prf": folds_table,
            "cv_quotes_prf": {"rules": [round(x, 3) for x in rules], "chooser": [round(x, 3) for x in cv_best]},
            "cv_table_prf": {k: [round(x, 3) for x in prf(v)] for k, v in sorted(table.items())},
            "held_out_prf": ({"documents": len(held), "rules": [round(x, 3) for x in held_rules],
                              "chooser": [round(x, 3) for x in held_ch]} if held_rules and held_ch else None),
            "decision": (f"{'enabled' if enabled else 'disabled'}: quote F1 in CV {cv_best[2]:.3f} vs rules "
                         f"{rules[2]:.3f}" + (f"; held-out {held_ch[2]:.3f} vs rules {held_rules[2]:.3f}"
                                               if held_ch and held_rules else "")
                         + ("" if args.enable == "auto" else f" (set by --enable {args.enable})")),
        }
        if extra_prf:
            meta["scored_not_trained_prf"] = extra_prf
        write_model(Path(args.out), weights, apply, enabled, meta, unlinked)
        print(f"wrote {args.out} (enabled: {enabled})", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
