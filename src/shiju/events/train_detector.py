"""Train the learned event detector (shiju/events/detector.py) on annotated gold and write its weights.

    python -m shiju.events.train_detector [gold files/globs...] [--exclude REGEX] [--enable auto|yes|no] \
        [--out src/shiju/data/events/detector.yaml] [--score GLOBS...] [--cache DIR]

Examples: every gold document is coded once as it ships, detector off (rules, chooser, over-coding
filter); each body sentence after the title line with a linked actor is one example per PLOVER type the
rules did not code there. It is positive for type T when a countable body gold event of type T that no
coded event matches (type + actor set + recipient set, as ``shiju eval``) has its evidence (`text`) in the
sentence. A one-vs-rest logistic regression per type (L2-regularised mean log-likelihood, bias
unregularised) is fitted by full-batch accelerated gradient descent from zero weights with a fixed number
of steps: the same data gives the same weights.

Selection: the regularisation C and the probability threshold are chosen on event F1 (scored as ``shiju
eval`` scores events, the proposals built by the coder's own ``detected_events``) in cross-validation
grouped by **source set** (our dev gold events_*, fresh5, fresh6, fresh7…: train on the others, test on
one) — the figure that says whether it carries to another annotator — with a document-grouped 5-fold CV
reported beside it. The held-out documents (``--exclude``) are scored once at the end; ``--score`` scores
further files (e.g. a fresh set before anyone reads it) with the final weights. Needs numpy (training
only; inference is pure Python).
"""
from __future__ import annotations

import argparse
import datetime
import pickle
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable

from shiju.events import detector as dt
from shiju.events.lexicon import PLOVER_TYPES
from shiju.training_data import (FeatureRows, accelerated_descent, add_counts, coding_cache, gold_for, gold_paths,
                                 load_coding_cache, prf, prf_text, rounded_weights, source_set,
                                 write_weights_file)

DEFAULT_TRAIN = ("tests/gold/events_*.yaml", "tests/gold/fresh*_*.yaml")  # fresh forum threads have body events too
DEFAULT_EXCLUDE = r"-b-|^g-f4-"  # the B halves of events_dev8/9/10 and events_fresh4 are the test
C_GRID = (0.3, 1.0)
THRESHOLDS = (0.3, 0.4, 0.5)
FOLDS = 5
ITERS = 300
MIN_COUNT = 3
STAGES = ("normalize", "actors", "time", "quotes", "events")
N = len(PLOVER_TYPES)


@dataclass
class Coded:
    """One gold document coded as it ships (detector off): its events, sentences and their labels."""

    gold: dict[str, Any]
    doc: Any
    events: list[Any]
    headline_end: int
    source: str
    sents: list[dt.Sentence] = field(default_factory=list)
    labels: list[frozenset[str]] = field(default_factory=list)  # per sentence: types of missed gold events


def _lexicon() -> Any:
    from shiju.context import AnalysisContext
    from shiju.events.lexicon import get_lexicon

    global _LEX
    if _LEX is None:
        _LEX = get_lexicon(AnalysisContext())
    return _LEX


_LEX: Any = None


def _unmatched_gold(gold: dict[str, Any], doc: Any, events: list[Any]) -> list[dict[str, Any]]:
    """Countable body gold events no coded event matches (the same greedy order as score_events)."""
    from shiju.evaluation import _countable, _part_of, _set_match

    golds = [e for e in gold.get("events") or [] if _part_of(e) == "body" and _countable(e)]
    preds = [e for e in events if e.part == "body" and not e.negated and not e.hypothetical]
    used: set[int] = set()
    out = []
    for ge in golds:
        hit = next((k for k, pe in enumerate(preds) if k not in used and ge.get("type") == pe.type
                    and _set_match(list(ge.get("actor") or []), pe.actor, doc)
                    and _set_match(list(ge.get("recipient") or []), pe.recipient, doc)), None)
        if hit is None:
            out.append(ge)
        else:
            used.add(hit)
    return out


def label(cd: Coded) -> None:
    from shiju.evaluation import _Locator

    loc = _Locator(cd.doc)
    spans = []
    for ge in cd.gold.get("events") or []:  # located in gold order, as the scorer's locator expects
        sp = loc.find("body", str(ge.get("text") or ""), ge.get("n")) if ge.get("text") else None
        spans.append((ge, sp))
    missed = {id(ge) for ge in _unmatched_gold(cd.gold, cd.doc, cd.events)}
    cd.labels = []
    for s in cd.sents:
        cd.labels.append(frozenset(str(ge.get("type")) for ge, sp in spans if id(ge) in missed and sp
                                   and s.clause_start <= sp[0] < s.clause_end and ge.get("type") not in s.rule_types))


def code_gold(paths: list[Path], exclude: str | None, keep: str | None = None) -> list[Coded]:
    """Code every gold document with events (ids matching ``exclude`` skipped; with ``keep`` only ids
    matching it) as it ships with the detector off, and capture its sentences and labels."""
    from shiju.evaluation import gold_document
    from shiju.events import coder
    from shiju.pipeline import Pipeline

    pipe = Pipeline(STAGES)
    captured: list[tuple[list[Any], int]] = []

    def capture(doc: Any, ctx: Any, model: Any, events: list[Any], headline_end: int = 0) -> list[Any]:
        captured.append((list(events), headline_end))
        return []

    probe = dt.DetectorModel(weights={}, bias=(0.0,) * N, threshold=0.5, enabled=True)
    real_get, real_det = dt.get_model, coder.detected_events
    dt.get_model = lambda ctx: probe  # type: ignore[assignment]
    coder.detected_events = capture  # type: ignore[assignment]
    out = []
    try:
        for g in gold_for(paths, "events", exclude, keep):
            captured.clear()
            doc = pipe(gold_document(g))
            evs, he = captured[-1] if captured else (list(doc.events), 0)
            cd = Coded(gold=g, doc=doc, events=evs, headline_end=he, source=source_set(g["_file"]))
            cd.sents = list(dt.sentences_of(doc, evs, he, _lexicon()))
            label(cd)
            out.append(cd)
    finally:
        dt.get_model, coder.detected_events = real_get, real_det  # type: ignore[assignment]
    return out


def _id(cd: Coded) -> str:
    return str(cd.gold.get("id"))


def coded_file(path: Path, cache: str | None) -> list[Coded]:
    """Every document of one gold file coded (see code_gold); with ``cache``, kept in
    ``cache/<file name>.<size>.pkl`` so that a retrain with one more file codes only that file. The
    features are recomputed from the coded documents (cheap), so feature changes need no recoding."""
    if cache is None:
        return code_gold([path], None)
    f = coding_cache(cache, path)
    if f.exists():
        docs = load_coding_cache(f, Coded)
        for cd in docs:
            cd.sents = list(dt.sentences_of(cd.doc, cd.events, cd.headline_end, _lexicon()))
            label(cd)
        return docs
    docs = code_gold([path], None)
    f.write_bytes(pickle.dumps(docs))
    return docs


# ------------------------------------------------------------------------------------------ fitting
def fit(docs: list[Coded], c: float, min_count: int = MIN_COUNT, iters: int = ITERS
        ) -> tuple[dict[str, tuple[float, ...]], tuple[float, ...]]:
    """One-vs-rest L2 logistic regressions (one column per type; a (sentence, type) cell the rules
    already coded is no example); deterministic."""
    import numpy as np

    rows = [(s.features, lab, s.rule_types) for cd in docs for s, lab in zip(cd.sents, cd.labels)]
    counts: dict[str, int] = {}
    for fs, _, _ in rows:
        for f in fs:
            counts[f] = counts.get(f, 0) + 1
    vocab = sorted(f for f, n in counts.items() if n >= min_count)
    col = {f: i for i, f in enumerate(vocab)}
    d, n = len(vocab), len(rows)
    if n == 0 or d == 0:
        return {}, (0.0,) * N
    X = FeatureRows([fs for fs, _, _ in rows], col)
    Y = np.zeros((n, N))
    M = np.ones((n, N))  # which cells are examples
    for r, (_, lab, rt) in enumerate(rows):
        for k, t in enumerate(PLOVER_TYPES):
            if t in rt:
                M[r, k] = 0.0
            elif t in lab:
                Y[r, k] = 1.0
    cnt = M.sum(axis=0)
    cnt[cnt == 0] = 1.0
    lam = 1.0 / (c * n)
    nnz = np.bincount(X.ri, minlength=n).astype(float) + 1.0  # (+ the bias)
    # per-feature step from the Gershgorin bound of the Hessian (0.25 X^T X / n)
    colsum = np.bincount(X.ci, weights=nnz[X.ri], minlength=d)
    step_w = (1.0 / (0.25 * colsum / n + lam))[:, None]
    step_b = 1.0 / (0.25 * nnz.mean())

    def grad(W: Any, b: Any) -> tuple[Any, Any]:
        P = 1.0 / (1.0 + np.exp(-np.clip(X.scores(W, b), -50, 50)))
        G = (P - Y) * M / cnt  # the mean over each type's examples
        return X.backward(G, W, lam), G.sum(axis=0)

    W, b = accelerated_descent(grad, (d, N), step_w, step_b, iters)
    return rounded_weights(col, W, b)


def model_of(weights: dict[str, tuple[float, ...]], bias: tuple[float, ...], thr: float,
             enabled: bool = True) -> dt.DetectorModel:
    return dt.DetectorModel(weights=weights, bias=bias, threshold=thr, enabled=enabled)


# ------------------------------------------------------------------------------------------ scoring
def score(docs: list[Coded], model: dt.DetectorModel | None, ctx: Any = None) -> tuple[int, int, int, int, int]:
    """(tp, fp, fn, dates right, matched) of events as ``shiju eval`` counts them, with the detector's
    proposals (None: the rules as shipped)."""
    from shiju.context import AnalysisContext
    from shiju.evaluation import Report, score_events
    from shiju.events.coder import dedup, detected_events

    ctx = ctx or AnalysisContext()
    rep = Report()
    for cd in docs:
        evs = cd.events
        if model is not None:
            found = detected_events(cd.doc, ctx, model, cd.events, cd.headline_end)
            if found:
                evs = dedup(evs + found, {a.id: a for a in cd.doc.actors}, cd.headline_end)
        saved = cd.doc.events
        cd.doc.events = evs
        score_events(cd.gold, cd.doc, rep)
        cd.doc.events = saved
    s = rep.scores["events"]
    a = rep.accuracies["event_dates"]
    return s.tp, s.fp, s.fn, a.right, a.total


def cross_validate(docs: list[Coded], splits: list[tuple[str, list[Coded], list[Coded]]],
                   c_grid: Iterable[float], thresholds: Iterable[float] = THRESHOLDS
                   ) -> dict[str, dict[str, tuple[int, ...]]]:
    """Per split name: event counts of the rules and of every setting, summed over the split's folds."""
    from shiju.context import AnalysisContext

    ctx = AnalysisContext()
    table: dict[str, dict[str, tuple[int, ...]]] = {}
    for name, train, test in splits:
        kind, _, what = name.partition(":")
        row = table.setdefault(what if kind == "set" else "doc", {})
        row["rules"] = add_counts(row.get("rules", ()), score(test, None, ctx))
        for c in c_grid:
            w, b = fit(train, c)
            for thr in thresholds:
                key = f"C={c} thr={thr}"
                row[key] = add_counts(row.get(key, ()), score(test, model_of(w, b, thr), ctx))
        print(f"  fold {name}: done", file=sys.stderr)
    return table


def splits_of(docs: list[Coded], folds: int) -> list[tuple[str, list[Coded], list[Coded]]]:
    """Leave-one-source-set-out folds, then document folds."""
    out = []
    for src in sorted({cd.source for cd in docs}):
        out.append((f"set:{src}", [cd for cd in docs if cd.source != src], [cd for cd in docs if cd.source == src]))
    for k in range(folds):
        out.append((f"doc:{k}", [cd for i, cd in enumerate(docs) if i % folds != k],
                    [cd for i, cd in enumerate(docs) if i % folds == k]))
    return out


HEADER = """\
# Weights of the learned event detector (src/shiju/events/detector.py): each clause of the body sentences
# (after the title line) that hold a linked actor is scored for each PLOVER type by a one-vs-rest logistic
# regression over general features (the clause's rjieba words and word bigrams with actor mentions masked
# to their type: Ⓢ state, Ⓟ person, Ⓞ organisation, Ⓖ group, Ⓛ location, Ⓕ office; the words next to
# masked actors; the first word after the first actor; the clause's place; the types of lexicon triggers in
# the clause; the types the rules coded in the clause and the sentence; number and kinds of actors; length;
# quote; question). No feature names an actor. A type the rules did not code in the sentence whose
# probability is at least `threshold` becomes an event at the clause's cue word (arguments as the rules
# give a directed verb there, then the argument chooser). Each weight line holds 16 numbers in the order
# AGREE CONSULT SUPPORT CONCEDE COOPERATE AID RETREAT REQUEST ACCUSE REJECT THREATEN PROTEST SANCTION
# MOBILIZE COERCE ASSAULT. The coder uses the detector only when `enabled` is true (false: the events
# unchanged).
# Where it came from: written by `python -m shiju.events.train_detector` (the command is in _meta) from our
# own non-blind event gold and the independent fresh sets (never blind*, never the held-out documents named
# by _meta.held_out_ids). Reproduce it by running that command: the same gold and code give the same
# weights. _meta records the training data, the cross-validated tables (by source set and by document;
# event P/R/F1), the held-out figures and the decision.
"""


def write_model(path: Path, weights: dict[str, tuple[float, ...]], bias: tuple[float, ...], thr: float,
                enabled: bool, meta: dict[str, Any]) -> None:
    def vec(v: tuple[float, ...]) -> str:
        return '"' + " ".join(f"{x:g}" for x in v) + '"'

    settings = [f"enabled: {'true' if enabled else 'false'}", f"threshold: {thr}", f"bias: {vec(bias)}"]
    write_weights_file(path, HEADER, settings, meta, weights, vec)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m shiju.events.train_detector", description=__doc__.split("\n")[0])
    ap.add_argument("gold", nargs="*", default=list(DEFAULT_TRAIN), help="non-blind gold files (globs allowed)")
    ap.add_argument("--exclude", default=DEFAULT_EXCLUDE, help="regex of held-out document ids")
    ap.add_argument("--out", default=None, help="where to write the weights (default: print the tables only)")
    ap.add_argument("--c", type=float, default=None, help="fix the regularisation instead of selecting it")
    ap.add_argument("--threshold", type=float, default=None, help="fix the threshold instead of selecting it")
    ap.add_argument("--folds", type=int, default=FOLDS)
    ap.add_argument("--enable", choices=("auto", "yes", "no"), default="auto",
                    help="auto: enabled only if the detector beats the rules in both CVs and on the held-out docs")
    ap.add_argument("--score", nargs="*", default=[], help="further gold files to score with the final weights")
    ap.add_argument("--cache", default=None,
                    help="directory of coded documents, one pickle per gold file (reused while the file is unchanged; "
                         "delete it after code changes)")
    ap.add_argument("--note", default=None, help="a note on the decision, written in _meta")
    ap.add_argument("--date", default=None, help="training date written in _meta (default today)")
    args = ap.parse_args(argv)
    paths = gold_paths(args.gold)
    extra = gold_paths(args.score, purpose="scoring a learned component") if args.score else []
    coded = {str(p): coded_file(p, args.cache) for p in [*paths, *extra]}
    docs = [cd for p in paths for cd in coded[str(p)] if not (args.exclude and re.search(args.exclude, _id(cd)))]
    held = [cd for p in paths for cd in coded[str(p)] if args.exclude and re.search(args.exclude, _id(cd))]
    scored = [cd for p in extra for cd in coded[str(p)]]
    n_pos = sum(len(lab) for cd in docs for lab in cd.labels)
    n_sent = sum(len(cd.sents) for cd in docs)
    print(f"{len(docs)} training docs ({', '.join(f'{s} {sum(cd.source == s for cd in docs)}' for s in sorted({cd.source for cd in docs}))}), "
          f"{n_sent} sentences, {n_pos} missed gold events located; {len(held)} held-out docs", file=sys.stderr)
    c_grid = (args.c,) if args.c is not None else C_GRID
    thrs = (args.threshold,) if args.threshold is not None else THRESHOLDS
    table = cross_validate(docs, splits_of(docs, args.folds), c_grid, thrs)
    sets = [k for k in table if k != "doc"]
    grouped: dict[str, tuple[int, ...]] = {}
    for s in sets:
        for k, v in table[s].items():
            grouped[k] = add_counts(grouped.get(k, ()), v)
    best_key = max((k for k in grouped if k != "rules"), key=lambda k: (round(prf(grouped[k])[2], 4), k))
    print(f"{'setting':20s}  " + "  ".join(f"{s:>17s}" for s in sets) + f"  {'by set (sum)':>17s}  {'by doc':>17s}",
          file=sys.stderr)
    for k in ["rules"] + sorted(k for k in grouped if k != "rules"):
        print(f"{k:20s}  " + "  ".join(prf_text(table[s][k]) for s in sets) + f"  {prf_text(grouped[k])}  "
              f"{prf_text(table['doc'][k])}{'  *' if k == best_key else ''}", file=sys.stderr)
    m = re.match(r"C=(\S+) thr=(\S+)", best_key)
    assert m is not None
    c, thr = float(m.group(1)), float(m.group(2))
    weights, bias = fit(docs, c)
    model = model_of(weights, bias, thr)
    held_r = score(held, None) if held else None
    held_d = score(held, model) if held else None
    if held_r and held_d:
        print(f"held-out ({len(held)} docs): rules {prf_text(held_r)} dates {held_r[3]}/{held_r[4]}  "
              f"detector {prf_text(held_d)} dates {held_d[3]}/{held_d[4]}", file=sys.stderr)
    extra_r = score(scored, None) if scored else None
    extra_d = score(scored, model) if scored else None
    if extra_r and extra_d:
        print(f"--score ({len(scored)} docs): rules {prf_text(extra_r)} dates {extra_r[3]}/{extra_r[4]}  "
              f"detector {prf_text(extra_d)} dates {extra_d[3]}/{extra_d[4]}", file=sys.stderr)
    cv_best, cv_rules = prf(grouped[best_key]), prf(grouped["rules"])
    doc_best, doc_rules = prf(table["doc"][best_key]), prf(table["doc"]["rules"])
    if args.enable == "auto":
        enabled = (cv_best[2] > cv_rules[2] and doc_best[2] > doc_rules[2]
                   and (not held_d or not held_r or prf(held_d)[2] > prf(held_r)[2]))
    else:
        enabled = args.enable == "yes"
    if args.out:
        meta = {
            "trained": args.date or datetime.date.today().isoformat(),
            "command": "python -m shiju.events.train_detector " + " ".join(args.gold)
                       + f" --exclude '{args.exclude}' --enable {args.enable} --out {args.out}",
            "training_files": [str(p) for p in paths],
            "held_out_ids": args.exclude,
            "training": {"documents": len(docs), "sentences": n_sent, "positives": n_pos,
                         "by_source": {s: sum(cd.source == s for cd in docs) for s in sorted({cd.source for cd in docs})}},
            "selected": {"C": c, "threshold": thr, "iters": ITERS, "min_count": MIN_COUNT},
            "cv_by_source_set_prf": {s: {k: [round(x, 3) for x in prf(v)] for k, v in sorted(table[s].items())
                                         if k in ("rules", best_key)} for s in sets},
            "cv_by_source_set_sum_prf": {k: [round(x, 3) for x in prf(v)] for k, v in sorted(grouped.items())},
            "cv_by_document_prf": {k: [round(x, 3) for x in prf(v)] for k, v in sorted(table["doc"].items())},
            "held_out_prf": ({"documents": len(held), "rules": [round(x, 3) for x in prf(held_r)],
                              "detector": [round(x, 3) for x in prf(held_d)]} if held_r and held_d else None),
            "decision": (f"{'enabled' if enabled else 'disabled'}: event F1 by source set {cv_best[2]:.3f} vs "
                         f"{cv_rules[2]:.3f} rules, by document {doc_best[2]:.3f} vs {doc_rules[2]:.3f}"
                         + (f"; held-out {prf(held_d)[2]:.3f} vs {prf(held_r)[2]:.3f}" if held_d and held_r else "")
                         + ("" if args.enable == "auto" else f" (set by --enable {args.enable})")),
        }
        if args.note:
            meta["note"] = args.note
        write_model(Path(args.out), weights, bias, thr, enabled, meta)
        print(f"wrote {args.out} (enabled: {enabled})", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
