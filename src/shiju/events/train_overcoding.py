"""Train the over-coding filter (shiju/events/overcoding.py) on annotated gold and write its weights.

    python -m shiju.events.train_overcoding [gold files/globs...] [--exclude REGEX] [--enable auto|yes|no] \
        [--out src/shiju/data/events/overcoding.yaml]

Examples: the coder runs on each gold document as it ships (typer and argument chooser as their data files
say, the filter itself off); every final countable body event is an example, labelled right when
``shiju eval`` matches it to a gold event (type + actor set + recipient set). A binary logistic regression
with L2 regularisation is fitted by full-batch accelerated gradient descent from zero weights (the same
data gives the same weights). The regularisation and the threshold are selected by cross-validation on
event F1, scored exactly as ``shiju eval`` scores events, against the coder without the filter: grouped by
**source set** (``--cv source``, the default since session 10: our dev gold, fresh5, fresh6, … each held
out in turn, the figure that says whether the filter carries to another annotator) or by document
(``--cv document``, 5 folds); the documents matching ``--exclude`` (the held-out halves) are scored once at
the end.
Needs numpy (training only; inference is pure Python).
"""
from __future__ import annotations

import argparse
import copy
import datetime
import re
import sys
from pathlib import Path
from typing import Any, Iterable

from shiju.events import overcoding as oc
from shiju.training_data import write_weights_file
from shiju.training_data import add_counts as _add, prf

DEFAULT_TRAIN = ("tests/gold/events_*.yaml", "tests/gold/fresh*_*.yaml")
DEFAULT_EXCLUDE = r"-b-|^g-f4-"  # the B halves of events_dev8/9/10 and events_fresh4 are the test
C_GRID = (0.1, 0.3, 1.0)
THRESHOLDS = (0.1, 0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.45, 0.5)
FOLDS = 5
ITERS = 800

Example = tuple[list[tuple[str, ...]], list[int]]  # per document: features and labels of its screened events


class Coded:
    """One gold document coded as it ships (filter off): its final events and their features/labels."""

    def __init__(self, gold: dict[str, Any], doc: Any, events: list[Any], headline_end: int, cues: tuple[str, ...],
                 source: str = "dev"):
        self.gold, self.doc, self.events, self.source = gold, doc, events, source
        feats = oc.document_features(doc, events, headline_end, cues)
        self.screened = [k for k, ev in enumerate(events) if oc.screened(ev)]
        self.features = [feats[k] for k in self.screened]
        saved = doc.events
        doc.events = events
        matched = _matched(gold, doc)  # labels: the events shiju eval matches to a gold event
        doc.events = saved
        self.labels = [int(k in matched) for k in self.screened]


def _matched(gold: dict[str, Any], doc: Any) -> set[int]:
    """Indices (into doc.events) of the events score_events matches, by the same greedy order."""
    from shiju.evaluation import _countable, _part_of, _set_match

    golds = [e for e in gold.get("events") or [] if _part_of(e) == "body" and _countable(e)]
    preds = [k for k, e in enumerate(doc.events) if e.part == "body" and not e.negated and not e.hypothetical]
    used: set[int] = set()
    for ge in golds:
        for k in preds:
            pe = doc.events[k]
            if (k not in used and ge.get("type") == pe.type
                    and _set_match(list(ge.get("actor") or []), pe.actor, doc)
                    and _set_match(list(ge.get("recipient") or []), pe.recipient, doc)):
                used.add(k)
                break
    return used


def code_gold(paths: list[Path], exclude: str | None, keep: str | None = None) -> list[Coded]:
    """Code every gold document with the shipped chooser applied (its data file decides), the filter off."""
    from shiju.data import data_path
    from shiju.events import chooser as ch
    from shiju.events import train_chooser as tc
    from shiju.events.coder import dedup

    cfg = ch.load_config(data_path("events", "chooser_features.yaml"))
    chooser = ch.load_model(data_path("events", "chooser_weights.yaml"), cfg)
    cues = oc.load_cues(data_path("events", "overcoding_features.yaml"))
    out = []
    for cd in tc.code_gold(paths, exclude, cfg, keep=keep):
        acts = {a.id: a for a in cd.doc.actors}
        evs = [copy.copy(ev) for ev in cd.events]
        if chooser.enabled:
            for k, ev in enumerate(evs):
                ev.actor, ev.recipient = ch.choose(chooser, cd.cands[k], ev, acts)
        out.append(Coded(cd.gold, cd.doc, dedup(evs, acts, cd.headline_end), cd.headline_end, cues, cd.source))
    return out


def fit(docs: list[Coded], c: float, min_count: int = 2, iters: int = ITERS) -> tuple[dict[str, float], float]:
    """L2-regularised binary logistic regression (the bias unregularised); deterministic."""
    import numpy as np

    rows = [(fs, y) for cd in docs for fs, y in zip(cd.features, cd.labels)]
    counts: dict[str, int] = {}
    for fs, _ in rows:
        for f in fs:
            counts[f] = counts.get(f, 0) + 1
    vocab = sorted(f for f, n in counts.items() if n >= min_count)
    col = {f: i for i, f in enumerate(vocab)}
    d, n = len(vocab) + 1, len(rows)  # the last column is the bias
    if n == 0:
        return {}, 0.0
    ri, ci = [], []
    for r, (fs, _) in enumerate(rows):
        js = sorted({col[f] for f in fs if f in col}) + [d - 1]
        ri += [r] * len(js)
        ci += js
    ri_a, ci_a = np.array(ri, dtype=np.int64), np.array(ci, dtype=np.int64)
    y = np.array([float(lab) for _, lab in rows])
    lam = 1.0 / (c * n)
    reg = np.full(d, lam)
    reg[-1] = 0.0
    nnz = np.bincount(ri_a, minlength=n).astype(float)
    # a per-feature step from the Gershgorin bound of the Hessian (0.25 * X^T X)
    step = 1.0 / (0.25 * np.bincount(ci_a, weights=nnz[ri_a], minlength=d) / n + lam)

    def grad(z: "np.ndarray") -> "np.ndarray":
        s = np.bincount(ri_a, weights=z[ci_a], minlength=n)
        p = 1.0 / (1.0 + np.exp(-np.clip(s, -50, 50)))
        return np.bincount(ci_a, weights=(p - y)[ri_a], minlength=d) / n + reg * z

    w = np.zeros(d)
    z = w.copy()
    t = 1.0
    for _ in range(iters):
        w_new = z - step * grad(z)
        t_new = (1.0 + (1.0 + 4.0 * t * t) ** 0.5) / 2.0
        z = w_new + ((t - 1.0) / t_new) * (w_new - w)
        w, t = w_new, t_new
    weights = {f: round(float(w[j]), 4) for f, j in col.items() if abs(w[j]) >= 1e-4}
    return weights, round(float(w[-1]), 4)


def score(docs: list[Coded], model: oc.OvercodingModel | None) -> tuple[int, int, int]:
    """(tp, fp, fn) of events as ``shiju eval`` counts them, with the filter (None: without it)."""
    from shiju.evaluation import Report, score_events

    rep = Report()
    for cd in docs:
        evs = cd.events
        if model is not None:
            drop = {k for k, fs in zip(cd.screened, cd.features) if oc.probability(model, fs) < model.threshold}
            evs = [ev for k, ev in enumerate(cd.events) if k not in drop]
        saved = cd.doc.events
        cd.doc.events = evs
        score_events(cd.gold, cd.doc, rep)
        cd.doc.events = saved
    s = rep.scores["events"]
    return s.tp, s.fp, s.fn


def make_model(weights: dict[str, float], bias: float, threshold: float, cues: tuple[str, ...],
               enabled: bool = True) -> oc.OvercodingModel:
    return oc.OvercodingModel(weights=weights, bias=bias, threshold=threshold, enabled=enabled, cues=cues)


def splits_of(docs: list[Coded], folds: int, by_source: bool) -> list[tuple[list[Coded], list[Coded]]]:
    """(train, test) pairs: each source set held out in turn (``by_source``), else document folds."""
    if by_source:
        sources = sorted({cd.source for cd in docs})
        return [([cd for cd in docs if cd.source != s], [cd for cd in docs if cd.source == s]) for s in sources]
    return [([cd for i, cd in enumerate(docs) if i % folds != k], [cd for i, cd in enumerate(docs) if i % folds == k])
            for k in range(folds)]


def cross_validate(docs: list[Coded], cues: tuple[str, ...], folds: int = FOLDS,
                   c_grid: Iterable[float] = C_GRID, by_source: bool = False) -> dict[str, tuple[int, int, int]]:
    """Event (tp, fp, fn) summed over the held-out parts (source sets or document folds), without the
    filter and for every setting."""
    table: dict[str, tuple[int, int, int]] = {}
    for train, test in splits_of(docs, folds, by_source):
        table["rules"] = _add(table.get("rules", (0, 0, 0)), score(test, None))
        for c in c_grid:
            w, b = fit(train, c)
            for thr in THRESHOLDS:
                key = f"C={c} thr={thr}"
                table[key] = _add(table.get(key, (0, 0, 0)), score(test, make_model(w, b, thr, cues)))
    return table


HEADER = """\
# Weights of the learned over-coding filter (src/shiju/events/overcoding.py): each final countable body
# event the coder produces is scored by a binary logistic regression over general features (type, mode,
# trigger word, numbers and kinds of actors and recipients, same party/country on both sides, the rules'
# confidence, flags, quoted assertion, title/body, merged tellings, events of the type / the sentence,
# characters next to the trigger with actor mentions masked as Ⓐ, sentence length, trigger position,
# question mark, cue words of overcoding_features.yaml before the trigger, date = publication date). No
# feature names an actor. The event is dropped when its probability of being right is below
# `threshold`; the coder uses the filter only when `enabled` is true (false: the events unchanged).
# Where it came from: written by `python -m shiju.events.train_overcoding` (the command is in _meta) from
# our own non-blind event gold (never blind*, never the held-out documents named by _meta.held_out_ids),
# labels = whether `shiju eval` matches the event to a gold event. Reproduce it by running that command:
# the same gold and code give the same weights. _meta records the training data, the cross-validated
# table (event P/R/F1), the held-out figures and the decision.
"""


def write_model(path: Path, weights: dict[str, float], bias: float, threshold: float, enabled: bool,
                meta: dict[str, Any]) -> None:
    settings = [f"enabled: {'true' if enabled else 'false'}", f"threshold: {threshold}", f"bias: {bias}"]
    write_weights_file(path, HEADER, settings, meta, weights)


def main(argv: list[str] | None = None) -> int:
    from shiju.data import data_path
    from shiju.training_data import gold_paths

    ap = argparse.ArgumentParser(prog="python -m shiju.events.train_overcoding", description=__doc__.split("\n")[0])
    ap.add_argument("gold", nargs="*", default=list(DEFAULT_TRAIN), help="non-blind gold files (globs allowed)")
    ap.add_argument("--exclude", default=DEFAULT_EXCLUDE, help="regex of held-out document ids")
    ap.add_argument("--out", default=None, help="where to write the weights (default: print the table only)")
    ap.add_argument("--c", type=float, default=None, help="fix the regularisation instead of selecting it")
    ap.add_argument("--folds", type=int, default=FOLDS)
    ap.add_argument("--cv", choices=("source", "document"), default="source",
                    help="cross-validation grouped by source set (leave one annotator set out) or by document")
    ap.add_argument("--enable", choices=("auto", "yes", "no"), default="auto",
                    help="auto: enabled only if the filter beats the coder without it in CV and on the held-out docs")
    ap.add_argument("--note", default=None, help="a note on the decision, written in _meta")
    ap.add_argument("--date", default=None, help="training date written in _meta (default today)")
    args = ap.parse_args(argv)
    cues = oc.load_cues(data_path("events", "overcoding_features.yaml"))
    paths = gold_paths(args.gold)
    print(f"coding {len(paths)} gold files ...", file=sys.stderr)
    docs = code_gold(paths, args.exclude)
    held = code_gold(paths, None, keep=args.exclude) if args.exclude else []
    n_ex = sum(len(cd.labels) for cd in docs)
    n_pos = sum(sum(cd.labels) for cd in docs)
    print(f"{len(docs)} training docs, {n_ex} events ({n_pos} right); {len(held)} held-out docs", file=sys.stderr)
    table = cross_validate(docs, cues, args.folds, (args.c,) if args.c is not None else C_GRID,
                           by_source=args.cv == "source")
    rules = prf(table["rules"])
    best_key = max((k for k in table if k != "rules"), key=lambda k: (round(prf(table[k])[2], 4), k))
    print(f"{'setting':24s}  P      R      F1", file=sys.stderr)
    for k in ["rules"] + sorted(k for k in table if k != "rules"):
        p, r, f = prf(table[k])
        print(f"{k:24s}  {p:.3f}  {r:.3f}  {f:.3f}{'  *' if k == best_key else ''}", file=sys.stderr)
    m = re.match(r"C=(\S+) thr=(\S+)", best_key)
    assert m is not None
    c, thr = float(m.group(1)), float(m.group(2))
    weights, bias = fit(docs, c)
    model = make_model(weights, bias, thr, cues)
    held_rules = prf(score(held, None)) if held else None
    held_f = prf(score(held, model)) if held else None
    cv_best = prf(table[best_key])
    if held_rules and held_f:
        print(f"held-out ({len(held)} docs): without P/R/F1 {held_rules[0]:.3f}/{held_rules[1]:.3f}/{held_rules[2]:.3f}"
              f"  filter {held_f[0]:.3f}/{held_f[1]:.3f}/{held_f[2]:.3f}", file=sys.stderr)
    if args.enable == "auto":
        enabled = cv_best[2] > rules[2] and (not held_f or not held_rules or held_f[2] > held_rules[2])
    else:
        enabled = args.enable == "yes"
    if args.out:
        meta = {
            "trained": args.date or datetime.date.today().isoformat(),
            "command": "python -m shiju.events.train_overcoding " + " ".join(str(p) for p in paths)
                       + f" --exclude '{args.exclude}' --cv {args.cv} --enable {args.enable} --out {args.out}",
            "training_files": [str(p) for p in paths],
            "held_out_ids": args.exclude,
            "training": {"documents": len(docs), "events": n_ex, "right": n_pos},
            "selected": {"C": c, "threshold": thr, "iters": ITERS, "min_count": 2},
            "cv": args.cv if args.cv == "source" else f"document, {args.folds} folds",
            "cv_event_prf": {k: [round(x, 3) for x in prf(v)] for k, v in sorted(table.items())},
            "held_out_prf": ({"documents": len(held), "without": [round(x, 3) for x in held_rules],
                              "filter": [round(x, 3) for x in held_f]} if held_rules and held_f else None),
            "decision": (f"{'enabled' if enabled else 'disabled'}: event F1 in CV {cv_best[2]:.3f} vs "
                         f"{rules[2]:.3f} without" + (f"; held-out {held_f[2]:.3f} vs {held_rules[2]:.3f}"
                                                       if held_f and held_rules else "")
                         + ("" if args.enable == "auto" else f" (set by --enable {args.enable})")),
        }
        if args.note:
            meta["note"] = args.note
        write_model(Path(args.out), weights, bias, thr, enabled, meta)
        print(f"wrote {args.out} (enabled: {enabled})", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
