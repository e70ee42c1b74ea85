"""Train the event argument chooser (shiju/events/chooser.py) on annotated gold and write its weights.

    python -m shiju.events.train_chooser [gold files...] [--exclude REGEX] [--test FILES...] \
        [--out src/shiju/data/events/chooser_weights.yaml]

Examples: the coder runs on each gold document with the chooser off; every coded event (before the
coder merges retellings) whose type and trigger text match a gold event of the same sentence is an
example, and each of its candidates is labelled actor / recipient / neither by membership in that gold
event's actor and recipient sets (ids compared as ``shiju eval`` compares them). Two L2-regularised
conditional-logit choices (actor among the candidates; recipient among the candidates and "none") are
fitted by full-batch accelerated gradient descent from zero weights, so the same data gives the same
weights. The regularisation, the decision thresholds and the
roles the chooser decides are selected by document-grouped 5-fold cross-validation on event F1 (type +
actor set + recipient set, scored as ``shiju eval`` scores events), against the rules' own arguments.
Needs numpy (training only; inference is pure Python).
"""
from __future__ import annotations

import argparse
import copy
import datetime
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable

from shiju.events import chooser as ch
from shiju.training_data import gold_paths, write_weights_file
from shiju.model import Document, Event

DEFAULT_TRAIN = ("tests/gold/events_*.yaml", "tests/gold/fresh*_*.yaml")  # fresh*: independent annotators
DEFAULT_EXCLUDE = r"-b-|^g-f4-"  # the B halves of events_dev8/9/10 and events_fresh4 are the test
C_GRID = (0.03, 0.1, 0.3, 1.0)
THRESHOLDS = (0.3, 0.5, 0.7)
APPLY = (("actor",), ("recipient",), ("actor", "recipient"))
FOLDS = 5
STAGES = ("normalize", "actors", "time", "quotes", "events")


@dataclass
class CodedDoc:
    """One gold document run through the coder with the chooser off, before the merge of retellings."""

    gold: dict[str, Any]
    doc: Document
    events: list[Event]
    headline_end: int
    cands: list[list[ch.Candidate]] = field(default_factory=list)  # per event
    labels: list[list[tuple[int, int]] | None] = field(default_factory=list)  # per event (None: no gold twin)


def code_gold(paths: list[Path], exclude: str | None, cfg: ch.FeatureConfig,
              keep: str | None = None) -> list[CodedDoc]:
    """Run the coder on every gold document (ids matching ``exclude`` skipped; with ``keep``, only ids
    matching it) and capture its events before the merge, with candidates and labels."""
    from shiju.evaluation import gold_document, load_gold
    from shiju.pipeline import Pipeline

    docs = [g for g in load_gold(paths) if "events" in g
            and not (exclude and re.search(exclude, str(g.get("id"))))
            and (keep is None or re.search(keep, str(g.get("id"))))]
    pipe = Pipeline(STAGES)
    captured: list[tuple[list[Event], int]] = []

    def capture(doc: Document, ctx: Any, events: list[Event], headline_end: int = 0, model: Any = None):
        captured.append((copy.deepcopy(events), headline_end))
        return events

    real = ch.choose_arguments
    ch.choose_arguments = capture  # the coder looks the hook up at call time
    try:
        out = []
        for g in docs:
            captured.clear()
            doc = pipe(gold_document(g))
            evs, he = captured[-1] if captured else ([], 0)
            cd = CodedDoc(gold=g, doc=doc, events=evs, headline_end=he)
            ix = ch.index_document(doc)
            for ev in evs:
                cands = ch.candidates(doc, ev, cfg, he, ix)
                cd.cands.append(cands)
                cd.labels.append(_labels(g, doc, ev, cands))
            out.append(cd)
    finally:
        ch.choose_arguments = real
    return out


def _gold_twin(g: dict[str, Any], ev: Event) -> dict[str, Any] | None:
    """The gold event a coded event tells: same type and part, trigger text in the event's sentence
    (the nearest occurrence to the trigger when several gold events qualify)."""
    best, best_d = None, None
    for ge in g.get("events") or []:
        if ge.get("type") != ev.type or (ge.get("part") or "body") != ev.part:
            continue
        t = str(ge.get("text") or "")
        if not t:
            continue
        k = ev.sentence.find(t)
        if k < 0:
            continue
        trig = (ev.trigger_start or ev.start) - ev.start
        d = min(abs(j - trig) for j in _all(ev.sentence, t))
        if best_d is None or d < best_d:
            best, best_d = ge, d
    return best


def _all(s: str, t: str) -> list[int]:
    out, k = [], s.find(t)
    while k >= 0:
        out.append(k)
        k = s.find(t, k + 1)
    return out


def _labels(g: dict[str, Any], doc: Document, ev: Event, cands: list[ch.Candidate]) -> list[tuple[int, int]] | None:
    from shiju.evaluation import _ids, id_acceptable_lenient

    ge = _gold_twin(g, ev)
    if ge is None:
        return None
    ga = [_ids(x) for x in ge.get("actor") or []]
    gr = [_ids(x) for x in ge.get("recipient") or []]
    return [(int(any(id_acceptable_lenient(x, c.id, doc) for x in ga)),
             int(any(id_acceptable_lenient(x, c.id, doc) for x in gr))) for c in cands]


# ------------------------------------------------------------------------------------------ fitting
Group = tuple[list[tuple[str, ...]], list[int]]  # the options' features, which of them are right


def groups_of(docs: list[CodedDoc]) -> tuple[list[Group], list[Group]]:
    """Training groups, one per coded event with a gold twin: the actor choice among its candidates and
    the recipient choice among its candidates and "none" (events whose right answer is not among the
    options are left out)."""
    ga: list[Group] = []
    gr: list[Group] = []
    for cd in docs:
        for ev, cands, labs in zip(cd.events, cd.cands, cd.labels):
            if labs is None or not cands:
                continue
            feats = [c.features for c in cands]
            pos_a = [la for la, _ in labs]
            if any(pos_a):
                ga.append((feats, pos_a))
            pos_r = [lr for _, lr in labs]
            ge = _gold_twin(cd.gold, ev)
            none_right = not (ge or {}).get("recipient")
            if any(pos_r) or none_right:
                gr.append((feats + [ch.none_features(ev, cands)], pos_r + [int(none_right)]))
    return ga, gr


def fit(docs: list[CodedDoc], c: float, min_count: int = 2,
        iters: int = 1500) -> tuple[dict[str, tuple[float, float]], tuple[float, float]]:
    """Two conditional-logit (softmax over each event's options) models with L2 regularisation, fitted
    by the mean log-probability of the right options (so that all the parties of a compound actor score
    alike, not just one); deterministic (accelerated gradient descent from
    zero, diagonal preconditioner from the Gershgorin bound of the Hessian, a safe step per feature)."""
    import numpy as np

    ga, gr = groups_of(docs)
    counts: dict[str, int] = {}
    for groups in (ga, gr):
        for feats, _ in groups:
            for fs in feats:
                for f in set(fs):
                    counts[f] = counts.get(f, 0) + 1
    vocab = sorted(f for f, n in counts.items() if n >= min_count)
    col = {f: i for i, f in enumerate(vocab)}
    d = len(vocab)
    weights = np.zeros((d, 2))
    for r, groups in enumerate((ga, gr)):
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
        if ng == 0:
            continue
        ri_a, ci_a = np.array(ri, dtype=np.int64), np.array(ci, dtype=np.int64)
        gid_a, y_a = np.array(gid, dtype=np.int64), np.array(y, dtype=float)
        nnz = np.bincount(ri_a, minlength=n).astype(float)
        npos = np.bincount(gid_a, weights=y_a, minlength=ng)
        lam = 1.0 / (c * ng)
        precond = 0.5 * np.bincount(ci_a, weights=nnz[ri_a], minlength=d) / ng + lam
        step = 1.0 / precond

        def grad_of(z: "np.ndarray") -> "np.ndarray":
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
        weights[:, r] = w
    out = {f: (round(float(weights[j, 0]), 4), round(float(weights[j, 1]), 4)) for f, j in col.items()
           if abs(weights[j, 0]) >= 5e-5 or abs(weights[j, 1]) >= 5e-5}
    return out, (0.0, 0.0)  # softmax choices need no bias; "none" has features of its own


# ------------------------------------------------------------------------------------------ scoring
def score(docs: list[CodedDoc], model: ch.ChooserModel | None) -> tuple[int, int, int]:
    """(tp, fp, fn) of events as ``shiju eval`` counts them, with the chooser's arguments (None: the
    rules')."""
    from shiju.evaluation import Report, score_events
    from shiju.events.coder import dedup

    rep = Report()
    for cd in docs:
        evs = copy.deepcopy(cd.events)
        if model is not None:
            evs = [copy.copy(ev) for ev in evs]
            acts = {a.id: a for a in cd.doc.actors}
            for k, ev in enumerate(evs):
                a, r = ch.choose(model, cd.cands[k], ev, acts)
                ev.actor, ev.recipient = a, r
        doc = cd.doc
        saved = doc.events
        doc.events = dedup(evs, {a.id: a for a in doc.actors}, cd.headline_end)
        score_events(cd.gold, doc, rep)
        doc.events = saved
    s = rep.scores["events"]
    return s.tp, s.fp, s.fn


def prf(t: tuple[int, int, int]) -> tuple[float, float, float]:
    tp, fp, fn = t
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def _model(weights: dict, bias: tuple, thr: float, apply: tuple[str, ...], cfg: ch.FeatureConfig,
           enabled: bool = True) -> ch.ChooserModel:
    return ch.ChooserModel(weights=weights, bias=bias, threshold=(thr, thr), apply=apply, enabled=enabled,
                           config=cfg)


def _add(a: tuple[int, int, int], b: tuple[int, int, int]) -> tuple[int, int, int]:
    return a[0] + b[0], a[1] + b[1], a[2] + b[2]


def cross_validate(docs: list[CodedDoc], cfg: ch.FeatureConfig, folds: int = FOLDS,
                   c_grid: Iterable[float] = C_GRID) -> dict[str, tuple[int, int, int]]:
    """Event (tp, fp, fn) summed over document-grouped folds, for the rules and every setting."""
    table: dict[str, tuple[int, int, int]] = {}
    for k in range(folds):
        test = [cd for i, cd in enumerate(docs) if i % folds == k]
        train = [cd for i, cd in enumerate(docs) if i % folds != k]
        table["rules"] = _add(table.get("rules", (0, 0, 0)), score(test, None))
        for c in c_grid:
            w, b = fit(train, c)
            for thr in THRESHOLDS:
                for ap in APPLY:
                    key = f"C={c} thr={thr} apply={'+'.join(ap)}"
                    table[key] = _add(table.get(key, (0, 0, 0)), score(test, _model(w, b, thr, ap, cfg)))
    return table


# ------------------------------------------------------------------------------------------ writing
HEADER = """\
# Weights of the learned event argument chooser (src/shiju/events/chooser.py): for each coded event,
# every candidate actor in reach is scored for the roles actor and recipient by two conditional-logit
# (softmax) choices over general features (side of and distance to the trigger, clause distance, the
# function word before/after the mention from chooser_features.yaml, clause/sentence head, list, quote,
# speaker, actor type and sector, event type and mode, the rules' own choice, part). No feature names an
# actor. A weight is [actor, recipient]; the recipient choice also has a "none" option (NONE features,
# plus bias[1]). The best candidate fills a role, with any other whose probability is at least
# `threshold` times the best one's; `apply` lists the roles the chooser decides (the others keep the
# rules' choice); the coder uses the chooser only when `enabled` is true.
# Where it came from: written by `python -m shiju.events.train_chooser` (the command is in _meta) from
# our own non-blind event gold (never blind*, never the held-out B halves / events_fresh4 named in
# _meta). Reproduce it by running that command; the same gold and code give the same weights.
# _meta also records the cross-validated figures and the held-out figures the shipping decision used.
"""


def write_model(path: Path, weights: dict, bias: tuple, thr: float, apply: tuple[str, ...], enabled: bool,
                meta: dict[str, Any]) -> None:
    settings = [f"enabled: {'true' if enabled else 'false'}", f"apply: [{', '.join(apply)}]",
                f"bias: [{bias[0]}, {bias[1]}]", f"threshold: [{thr}, {thr}]"]
    write_weights_file(path, HEADER, settings, meta, weights, lambda ar: f"[{ar[0]}, {ar[1]}]")


def main(argv: list[str] | None = None) -> int:
    from shiju.data import data_path

    ap = argparse.ArgumentParser(prog="python -m shiju.events.train_chooser", description=__doc__.split("\n")[0])
    ap.add_argument("gold", nargs="*", default=list(DEFAULT_TRAIN), help="non-blind gold files (globs allowed)")
    ap.add_argument("--exclude", default=DEFAULT_EXCLUDE, help="regex of held-out document ids")
    ap.add_argument("--out", default=None, help="where to write the weights (default: print the table only)")
    ap.add_argument("--c", type=float, default=None, help="fix the regularisation instead of selecting it")
    ap.add_argument("--folds", type=int, default=FOLDS)
    ap.add_argument("--enable", choices=("auto", "yes", "no"), default="auto",
                    help="auto: enabled only if the chooser beats the rules in CV and on the held-out docs")
    ap.add_argument("--date", default=None, help="training date written in _meta (default today)")
    args = ap.parse_args(argv)
    cfg = ch.load_config(data_path("events", "chooser_features.yaml"))
    paths = gold_paths(args.gold)
    print(f"coding {len(paths)} gold files ...", file=sys.stderr)
    docs = code_gold(paths, args.exclude, cfg)
    held = code_gold(paths, None, cfg, keep=args.exclude) if args.exclude else []
    n_ev = sum(len(cd.events) for cd in docs)
    n_lab = sum(1 for cd in docs for lab in cd.labels if lab is not None)
    rows = [c for cd in docs for cs in cd.cands for c in cs]
    print(f"{len(docs)} training docs, {n_ev} coded events, {n_lab} with a gold twin, {len(rows)} candidates;"
          f" {len(held)} held-out docs", file=sys.stderr)
    c_grid = (args.c,) if args.c is not None else C_GRID
    table = cross_validate(docs, cfg, args.folds, c_grid)
    rules = prf(table["rules"])
    best_key = max((k for k in table if k != "rules"), key=lambda k: (round(prf(table[k])[2], 4), k))
    print(f"{'setting':45s}  P      R      F1", file=sys.stderr)
    for k in ["rules"] + sorted(k for k in table if k != "rules"):
        p, r, f = prf(table[k])
        print(f"{k:45s}  {p:.3f}  {r:.3f}  {f:.3f}{'  *' if k == best_key else ''}", file=sys.stderr)
    m = re.match(r"C=(\S+) thr=(\S+) apply=(\S+)", best_key)
    assert m is not None
    c, thr, apply = float(m.group(1)), float(m.group(2)), tuple(m.group(3).split("+"))
    weights, bias = fit(docs, c)
    model = _model(weights, bias, thr, apply, cfg)
    held_rules = prf(score(held, None)) if held else None
    held_ch = prf(score(held, model)) if held else None
    cv_best = prf(table[best_key])
    if held_rules is not None and held_ch is not None:
        print(f"held-out ({len(held)} docs): rules P/R/F1 {held_rules[0]:.3f}/{held_rules[1]:.3f}/{held_rules[2]:.3f}"
              f"  chooser {held_ch[0]:.3f}/{held_ch[1]:.3f}/{held_ch[2]:.3f}", file=sys.stderr)
    if args.enable == "auto":
        enabled = cv_best[2] > rules[2] and (held_ch is None or held_rules is None or held_ch[2] > held_rules[2])
    else:
        enabled = args.enable == "yes"
    if args.out:
        meta = {
            "trained": args.date or datetime.date.today().isoformat(),
            "command": "python -m shiju.events.train_chooser " + " ".join(str(p) for p in paths)
                       + f" --exclude '{args.exclude}'" + (f" --c {args.c}" if args.c is not None else "")
                       + f" --enable {args.enable} --out {args.out}",
            "training_files": [str(p) for p in paths],
            "held_out_ids": args.exclude,
            "training": {"documents": len(docs), "coded_events": n_ev, "events_with_gold_twin": n_lab,
                         "candidates": len(rows)},
            "features": "side/dist/rank/cdist, pre/post/between markers, clause_initial, sentence_first, listed, "
                        "in_quote, speaker, speaker_only, prev_sentence, prev_first, rule_actor, rule_recipient, "
                        "rule_none, rule_only, agent_of_rule_*, type, sector, local, T, M, part, ncand, "
                        "mentions_between, repeated, trig_in_quote, NONE (the no-recipient option); conjunctions with T",
            "selected": {"C": c, "threshold": thr, "apply": list(apply)},
            "cv_folds": args.folds,
            "cv_event_f1": {"rules": [round(x, 3) for x in rules],
                            "chooser": [round(x, 3) for x in cv_best]},
            "cv_table_prf": {k: [round(x, 3) for x in prf(v)] for k, v in sorted(table.items())},
            "held_out_prf": ({"documents": len(held), "rules": [round(x, 3) for x in held_rules],
                              "chooser": [round(x, 3) for x in held_ch]} if held_rules and held_ch else None),
            "decision": (f"{'enabled' if enabled else 'disabled'}: event F1 in CV {cv_best[2]:.3f} vs rules "
                         f"{rules[2]:.3f}" + (f"; held-out {held_ch[2]:.3f} vs rules {held_rules[2]:.3f}"
                                               if held_ch and held_rules else "")
                         + ("" if args.enable == "auto" else f" (set by --enable {args.enable})")),
        }
        write_model(Path(args.out), weights, bias, thr, apply, enabled, meta)
        print(f"wrote {args.out} (enabled: {enabled})", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
