"""Train the event argument chooser (shiju/events/chooser.py) on annotated gold and write its weights.

    python -m shiju.events.train_chooser [gold files...] [--exclude REGEX] [--test FILES...] \
        [--out src/shiju/data/events/chooser_weights.yaml]

Examples: the coder runs on each gold document with the chooser off; every coded event (before the
coder merges retellings) whose type and trigger text match a gold event of the same sentence is an
example, and each of its candidates is labelled actor / recipient / neither by membership in that gold
event's actor and recipient sets (ids compared as ``shiju eval`` compares them). Two L2-regularised
conditional-logit choices (actor among the candidates; recipient among the candidates and "none") are
fitted by full-batch accelerated gradient descent from zero weights, so the same data gives the same
weights. The regularisation, the decision thresholds, the roles the chooser decides and joint decoding
(the recipient chosen given the actor, with a "the actor itself" option) are selected by
cross-validation **grouped by source set** (leave one of our dev gold / fresh5 / fresh6 / fresh7 … out:
the figure that says whether it carries to another annotator), with a document-grouped 5-fold CV beside
it, on event F1 (type + actor set + recipient set, scored as ``shiju eval`` scores events, after the
over-coding filter and with the learned detector's events, whose arguments the chooser also decides),
against the rules' own arguments. ``--cache DIR`` keeps each gold file's coded documents, so a retrain
with one more file codes only that file. Needs numpy (training only; inference is pure Python).
"""
from __future__ import annotations

import argparse
import copy
import datetime
import pickle
import re
import sys
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Iterable

from shiju.events import chooser as ch
from shiju.training_data import (coding_cache, gold_for, gold_paths, load_coding_cache, source_set,
                                 write_weights_file)
from shiju.training_data import add_counts as _add, prf
from shiju.model import Document, Event

DEFAULT_TRAIN = ("tests/gold/events_*.yaml", "tests/gold/fresh*_*.yaml")  # fresh*: independent annotators
DEFAULT_EXCLUDE = r"-b-|^g-f4-"  # the B halves of events_dev8/9/10 and events_fresh4 are the test
C_GRID = (0.1, 0.3, 1.0)
THRESHOLDS = (0.5, 0.7)
APPLY = (("recipient",), ("actor", "recipient"))
JOINT = (False, True)
FOLDS = 5
STAGES = ("normalize", "actors", "time", "quotes", "events")


@dataclass
class CodedDoc:
    """One gold document run through the coder with the chooser off, before the merge of retellings."""

    gold: dict[str, Any]
    doc: Document
    events: list[Event]
    headline_end: int
    source: str = "dev"  # who wrote the gold file: our dev gold or an independent fresh set
    det_events: list[Event] = field(default_factory=list)  # the learned detector's events, rule arguments
    cands: list[list[ch.Candidate]] = field(default_factory=list)  # per event
    labels: list[list[tuple[int, int]] | None] = field(default_factory=list)  # per event (None: no gold twin)
    det_cands: list[list[ch.Candidate]] = field(default_factory=list)
    det_labels: list[list[tuple[int, int]] | None] = field(default_factory=list)


def featurize(cd: CodedDoc, cfg: ch.FeatureConfig) -> None:
    """Candidates and labels of every rule and detector event of a coded document (cheap: redone after
    a cache load, so feature changes need no recoding)."""
    ix = ch.index_document(cd.doc)
    cd.cands = [ch.candidates(cd.doc, ev, cfg, cd.headline_end, ix) for ev in cd.events]
    cd.labels = [_labels(cd.gold, cd.doc, ev, c) for ev, c in zip(cd.events, cd.cands)]
    cd.det_cands = [ch.candidates(cd.doc, ev, cfg, cd.headline_end, ix, origin="detector") for ev in cd.det_events]
    cd.det_labels = [_labels(cd.gold, cd.doc, ev, c) for ev, c in zip(cd.det_events, cd.det_cands)]


def code_gold(paths: list[Path], exclude: str | None, cfg: ch.FeatureConfig,
              keep: str | None = None) -> list[CodedDoc]:
    """Run the coder on every gold document (ids matching ``exclude`` skipped; with ``keep``, only ids
    matching it) with the chooser off and capture its events before the merge and the learned
    detector's events (with the rules' arguments), with candidates and labels."""
    from shiju.evaluation import gold_document
    from shiju.events import coder
    from shiju.pipeline import Pipeline

    pipe = Pipeline(STAGES)
    captured: list[tuple[list[Event], int]] = []
    detected: list[list[Event]] = []

    def capture(doc: Document, ctx: Any, events: list[Event], headline_end: int = 0, model: Any = None):
        captured.append((copy.deepcopy(events), headline_end))
        return events

    real, real_get, real_det = ch.choose_arguments, ch.get_model, coder.detected_events

    def off(ctx: Any) -> ch.ChooserModel:  # the detector's events keep the rules' arguments
        return replace(real_get(ctx), enabled=False)

    def det(*a: Any, **k: Any) -> list[Event]:
        evs = real_det(*a, **k)
        detected.append(copy.deepcopy(evs))
        return evs

    ch.choose_arguments = capture  # the coder looks the hooks up at call time
    ch.get_model = off  # type: ignore[assignment]
    coder.detected_events = det  # type: ignore[assignment]
    try:
        out = []
        for g in gold_for(paths, "events", exclude, keep):
            captured.clear()
            detected.clear()
            doc = pipe(gold_document(g))
            evs, he = captured[-1] if captured else ([], 0)
            cd = CodedDoc(gold=g, doc=doc, events=evs, headline_end=he, source=source_set(g["_file"]),
                          det_events=detected[-1] if detected else [])
            featurize(cd, cfg)
            out.append(cd)
    finally:
        ch.choose_arguments, ch.get_model, coder.detected_events = real, real_get, real_det  # type: ignore[assignment]
    return out


def coded_file(path: Path, cache: str | None, cfg: ch.FeatureConfig) -> list[CodedDoc]:
    """Every document with events of one gold file coded (see code_gold); with ``cache``, kept in
    ``cache/<file name>.<size>.pkl`` (features recomputed on load)."""
    if cache is None:
        return code_gold([path], None, cfg)
    f = coding_cache(cache, path)
    if f.exists():
        docs = load_coding_cache(f, CodedDoc)
        for cd in docs:
            featurize(cd, cfg)
        return docs
    docs = code_gold([path], None, cfg)
    for cd in docs:  # candidates are recomputed on load
        cd.cands, cd.det_cands = [], []
    f.write_bytes(pickle.dumps(docs))
    for cd in docs:
        featurize(cd, cfg)
    return docs


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


def _events_of(cd: CodedDoc):
    """(event, candidates, labels) of the rule events and then the detector's events of a document."""
    yield from zip(cd.events, cd.cands, cd.labels)
    yield from zip(cd.det_events, cd.det_cands, cd.det_labels)


def groups_of(docs: list[CodedDoc], joint: bool = False) -> tuple[list[Group], list[Group]]:
    """Training groups, one per coded event (rules' and detector's) with a gold twin: the actor choice
    among its candidates and the recipient choice among its candidates and "none" (events whose right
    answer is not among the options are left out). Joint: the recipient's options also hold "the actor
    itself" (right when gold names the same parties on both sides), and the actor's right candidates
    are no recipient option (joint decoding never offers them)."""
    ga: list[Group] = []
    gr: list[Group] = []
    for cd in docs:
        for ev, cands, labs in _events_of(cd):
            if labs is None or not cands:
                continue
            feats = [c.features for c in cands]
            pos_a = [la for la, _ in labs]
            if any(pos_a):
                ga.append((feats, pos_a))
            pos_r = [lr for _, lr in labs]
            ge = _gold_twin(cd.gold, ev) or {}
            none_right = not ge.get("recipient")
            if not joint:
                if any(pos_r) or none_right:
                    gr.append((feats + [ch.none_features(ev, cands)], pos_r + [int(none_right)]))
                continue
            is_self = bool(ge.get("recipient")) and sorted(map(str, ge.get("actor") or [])) == sorted(
                map(str, ge.get("recipient") or []))
            keep = [k for k in range(len(cands)) if not pos_a[k]]
            f2 = [feats[k] for k in keep] + [ch.none_features(ev, cands), ch.self_features(ev, cands)]
            p2 = [0 if is_self else pos_r[k] for k in keep] + [int(none_right), int(is_self)]
            if any(p2):
                gr.append((f2, p2))
    return ga, gr


def fit(docs: list[CodedDoc], c: float, min_count: int = 2, iters: int = 1500,
        joint: bool = False) -> tuple[dict[str, tuple[float, float]], tuple[float, float]]:
    """Two conditional-logit (softmax over each event's options) models with L2 regularisation, fitted
    by the mean log-probability of the right options (so that all the parties of a compound actor score
    alike, not just one); deterministic (accelerated gradient descent from
    zero, diagonal preconditioner from the Gershgorin bound of the Hessian, a safe step per feature)."""
    import numpy as np

    ga, gr = groups_of(docs, joint)
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
def _apply(model: ch.ChooserModel | None, ev: Event, cands: list[ch.Candidate], acts: dict[str, Any]) -> Event:
    ev = copy.copy(ev)
    if model is not None:
        ev.actor, ev.recipient = ch.choose(model, cands, ev, acts)
    return ev


def score(docs: list[CodedDoc], model: ch.ChooserModel | None, ctx: Any = None) -> tuple[int, int, int]:
    """(tp, fp, fn) of events as ``shiju eval`` counts them, with the chooser's arguments (None: the
    rules'), as the coder ships them: merged, through the over-coding filter, plus the detector's events
    (whose sentences are those of the capture run: the chooser changes arguments, not types)."""
    from shiju.context import AnalysisContext
    from shiju.evaluation import Report, score_events
    from shiju.events import overcoding
    from shiju.events.coder import dedup

    ctx = ctx or AnalysisContext()
    rep = Report()
    for cd in docs:
        acts = {a.id: a for a in cd.doc.actors}
        evs = [_apply(model, ev, c, acts) for ev, c in zip(cd.events, cd.cands)]
        evs = overcoding.filter_events(cd.doc, ctx, dedup(evs, acts, cd.headline_end), cd.headline_end)
        det = [_apply(model, ev, c, acts) for ev, c in zip(cd.det_events, cd.det_cands)]
        doc = cd.doc
        saved = doc.events
        doc.events = dedup(evs + det, acts, cd.headline_end) if det else evs
        score_events(cd.gold, doc, rep)
        doc.events = saved
    s = rep.scores["events"]
    return s.tp, s.fp, s.fn


def _model(weights: dict, bias: tuple, thr: float, apply: tuple[str, ...], cfg: ch.FeatureConfig,
           enabled: bool = True, joint: bool = False) -> ch.ChooserModel:
    return ch.ChooserModel(weights=weights, bias=bias, threshold=(thr, thr), apply=apply, enabled=enabled,
                           config=cfg, joint=joint)


def splits_of(docs: list[CodedDoc], folds: int) -> list[tuple[str, list[CodedDoc], list[CodedDoc]]]:
    """Leave-one-source-set-out folds (when there are several sets), then document folds."""
    out = []
    sources = sorted({cd.source for cd in docs})
    if len(sources) > 1:
        for src in sources:
            out.append((f"set:{src}", [cd for cd in docs if cd.source != src], [cd for cd in docs if cd.source == src]))
    for k in range(folds):
        out.append((f"doc:{k}", [cd for i, cd in enumerate(docs) if i % folds != k],
                    [cd for i, cd in enumerate(docs) if i % folds == k]))
    return out


def _key(c: float, thr: float, ap: tuple[str, ...], joint: bool) -> str:
    return f"C={c} thr={thr} apply={'+'.join(ap)} joint={'yes' if joint else 'no'}"


def cross_validate(docs: list[CodedDoc], cfg: ch.FeatureConfig, folds: int = FOLDS,
                   c_grid: Iterable[float] = C_GRID, joint_grid: Iterable[bool] = JOINT
                   ) -> dict[str, dict[str, tuple[int, int, int]]]:
    """Per held-out source set (and "doc" for the document folds summed): event (tp, fp, fn) of the
    rules and of every setting."""
    from shiju.context import AnalysisContext

    ctx = AnalysisContext()
    table: dict[str, dict[str, tuple[int, int, int]]] = {}
    for name, train, test in splits_of(docs, folds):
        kind, _, what = name.partition(":")
        row = table.setdefault(what if kind == "set" else "doc", {})
        row["rules"] = _add(row.get("rules", (0, 0, 0)), score(test, None, ctx))
        for c in c_grid:
            for joint in joint_grid:
                w, b = fit(train, c, joint=joint)
                for thr in THRESHOLDS:
                    for ap in APPLY:
                        key = _key(c, thr, ap, joint)
                        row[key] = _add(row.get(key, (0, 0, 0)), score(test, _model(w, b, thr, ap, cfg, joint=joint), ctx))
        print(f"  fold {name}: done", file=sys.stderr)
    return table


def grouped(table: dict[str, dict[str, tuple[int, int, int]]]) -> dict[str, tuple[int, int, int]]:
    """The source-set folds summed (the document folds when there is one set only)."""
    sets = [s for s in table if s != "doc"] or ["doc"]
    out: dict[str, tuple[int, int, int]] = {}
    for s in sets:
        for k, v in table[s].items():
            out[k] = _add(out.get(k, (0, 0, 0)), v)
    return out


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
# rules' choice); `joint: true` chooses the recipient given the actor, never among the actor's own
# candidates, with a third option SELF (the actor itself: domestic acts); the coder uses the chooser only
# when `enabled` is true. Events the learned detector proposes carry `det` features of their own.
# Where it came from: written by `python -m shiju.events.train_chooser` (the command is in _meta) from
# our own non-blind event gold (never blind*, never the held-out B halves / events_fresh4 named in
# _meta). Reproduce it by running that command; the same gold and code give the same weights.
# _meta also records the cross-validated figures and the held-out figures the shipping decision used.
"""


def write_model(path: Path, weights: dict, bias: tuple, thr: float, apply: tuple[str, ...], enabled: bool,
                meta: dict[str, Any], joint: bool = False) -> None:
    settings = [f"enabled: {'true' if enabled else 'false'}", f"apply: [{', '.join(apply)}]",
                f"joint: {'true' if joint else 'false'}",
                f"bias: [{bias[0]}, {bias[1]}]", f"threshold: [{thr}, {thr}]"]
    write_weights_file(path, HEADER, settings, meta, weights, lambda ar: f"[{ar[0]}, {ar[1]}]")


def _fmt(t: tuple[int, int, int]) -> str:
    p, r, f = prf(t)
    return f"{p:.3f}/{r:.3f}/{f:.3f}"


def main(argv: list[str] | None = None) -> int:
    from shiju.data import data_path

    ap = argparse.ArgumentParser(prog="python -m shiju.events.train_chooser", description=__doc__.split("\n")[0])
    ap.add_argument("gold", nargs="*", default=list(DEFAULT_TRAIN), help="non-blind gold files (globs allowed)")
    ap.add_argument("--exclude", default=DEFAULT_EXCLUDE, help="regex of held-out document ids")
    ap.add_argument("--out", default=None, help="where to write the weights (default: print the table only)")
    ap.add_argument("--c", type=float, default=None, help="fix the regularisation instead of selecting it")
    ap.add_argument("--joint", choices=("auto", "yes", "no"), default="auto",
                    help="joint decoding (recipient given the actor, with a SELF option): selected, or fixed")
    ap.add_argument("--folds", type=int, default=FOLDS, help="document folds beside the source-set folds (0: none)")
    ap.add_argument("--thr", type=float, default=None, help="fix the threshold instead of selecting it")
    ap.add_argument("--apply", default=None, help="fix the roles (recipient or actor+recipient)")
    ap.add_argument("--cache", default=None, help="directory keeping each gold file's coded documents")
    ap.add_argument("--test", nargs="*", default=[], help="further gold files scored with the final weights "
                                                           "(e.g. a fresh set nobody has read), never trained on")
    ap.add_argument("--enable", choices=("auto", "yes", "no"), default="auto",
                    help="auto: enabled only if the chooser beats the rules in grouped CV and on the held-out docs")
    ap.add_argument("--date", default=None, help="training date written in _meta (default today)")
    args = ap.parse_args(argv)
    cfg = ch.load_config(data_path("events", "chooser_features.yaml"))
    paths = gold_paths(args.gold)
    test_paths = gold_paths(args.test, purpose="testing") if args.test else []
    paths = [p for p in paths if p not in set(test_paths)]
    print(f"coding {len(paths)} gold files ...", file=sys.stderr)
    coded = [cd for p in paths for cd in coded_file(p, args.cache, cfg)]
    ex = re.compile(args.exclude) if args.exclude else None
    docs = [cd for cd in coded if not (ex and ex.search(str(cd.gold.get("id"))))]
    held = [cd for cd in coded if ex and ex.search(str(cd.gold.get("id")))]
    tests = [cd for p in test_paths for cd in coded_file(p, args.cache, cfg)]
    n_ev = sum(len(cd.events) + len(cd.det_events) for cd in docs)
    n_lab = sum(1 for cd in docs for lab in [*cd.labels, *cd.det_labels] if lab is not None)
    rows = sum(len(c) for cd in docs for c in [*cd.cands, *cd.det_cands])
    by_src = {s: sum(cd.source == s for cd in docs) for s in sorted({cd.source for cd in docs})}
    print(f"{len(docs)} training docs {by_src}, {n_ev} coded events (rules + detector), {n_lab} with a gold twin, "
          f"{rows} candidates; {len(held)} held-out docs; {len(tests)} test docs", file=sys.stderr)
    c_grid = (args.c,) if args.c is not None else C_GRID
    global THRESHOLDS, APPLY
    if args.thr is not None:
        THRESHOLDS = (args.thr,)
    if args.apply:
        APPLY = (tuple(args.apply.split("+")),)
    joint_grid = JOINT if args.joint == "auto" else (args.joint == "yes",)
    table = cross_validate(docs, cfg, args.folds, c_grid, joint_grid)
    gsum = grouped(table)
    rules = prf(gsum["rules"])
    best_key = max((k for k in gsum if k != "rules"), key=lambda k: (round(prf(gsum[k])[2], 4), k))
    cols = [s for s in table if s != "doc"] + (["doc"] if "doc" in table else [])
    print(f"{'setting':52s}  " + "  ".join(f"{c:17s}" for c in cols) + "  sets summed", file=sys.stderr)
    for k in ["rules"] + sorted(k for k in gsum if k != "rules"):
        print(f"{k:52s}  " + "  ".join(_fmt(table[c][k]) for c in cols) + f"  {_fmt(gsum[k])}"
              + ("  *" if k == best_key else ""), file=sys.stderr)
    m = re.match(r"C=(\S+) thr=(\S+) apply=(\S+) joint=(\S+)", best_key)
    assert m is not None
    c, thr, apply = float(m.group(1)), float(m.group(2)), tuple(m.group(3).split("+"))
    joint = m.group(4) == "yes"
    weights, bias = fit(docs, c, joint=joint)
    model = _model(weights, bias, thr, apply, cfg, joint=joint)
    held_rules = prf(score(held, None)) if held else None
    held_ch = prf(score(held, model)) if held else None
    test_rules = prf(score(tests, None)) if tests else None
    test_ch = prf(score(tests, model)) if tests else None
    cv_best = prf(gsum[best_key])
    # the weights file shipped before this run (read before --out overwrites it), for comparison
    shipped = ch.load_model(data_path("events", "chooser_weights.yaml"), cfg)
    shipped = replace(shipped, enabled=True)
    if held_rules is not None and held_ch is not None:
        print(f"held-out ({len(held)} docs): rules {_fmt(score(held, None))}  shipped {_fmt(score(held, shipped))}"
              f"  chooser {_fmt(score(held, model))}", file=sys.stderr)
    if tests:
        print(f"test ({len(tests)} docs): rules {_fmt(score(tests, None))}  shipped {_fmt(score(tests, shipped))}"
              f"  chooser {_fmt(score(tests, model))}", file=sys.stderr)
    if args.enable == "auto":
        enabled = cv_best[2] > rules[2] and (held_ch is None or held_rules is None or held_ch[2] > held_rules[2])
    else:
        enabled = args.enable == "yes"
    if args.out:
        meta = {
            "trained": args.date or datetime.date.today().isoformat(),
            "command": "python -m shiju.events.train_chooser " + " ".join(str(p) for p in paths)
                       + f" --exclude '{args.exclude}'" + (f" --c {args.c}" if args.c is not None else "")
                       + (f" --thr {args.thr}" if args.thr is not None else "")
                       + (f" --apply {args.apply}" if args.apply else "")
                       + f" --joint {args.joint} --enable {args.enable} --out {args.out}",
            "training_files": [str(p) for p in paths],
            "held_out_ids": args.exclude,
            "training": {"documents": len(docs), "by_source": by_src, "coded_events": n_ev,
                         "events_with_gold_twin": n_lab, "candidates": rows},
            "features": "side/dist/rank/cdist, pre/post/between markers, clause_initial, sentence_first, listed, "
                        "in_quote, speaker, speaker_only, prev_sentence, prev_first, rule_actor, rule_recipient, "
                        "rule_none, rule_only, agent_of_rule_*, type, sector, local, main_actor, T, M, part, ncand, "
                        "nagent, mentions_between, repeated, trig_in_quote, det (detector events), NONE (the "
                        "no-recipient option), SELF (the actor itself, joint only); conjunctions with T",
            "selected": {"C": c, "threshold": thr, "apply": list(apply), "joint": joint},
            "cv_folds": args.folds,
            "cv_by_source_set_event_f1": {"rules": [round(x, 3) for x in rules],
                                          "chooser": [round(x, 3) for x in cv_best]},
            "cv_by_source_set_prf": {s: {k: [round(x, 3) for x in prf(table[s][k])] for k in ("rules", best_key)}
                                     for s in cols},
            "cv_sets_summed_prf": {k: [round(x, 3) for x in prf(v)] for k, v in sorted(gsum.items())},
            "held_out_prf": ({"documents": len(held), "rules": [round(x, 3) for x in held_rules],
                              "chooser": [round(x, 3) for x in held_ch]} if held_rules and held_ch else None),
            "test_prf": ({"files": [str(p) for p in test_paths], "rules": [round(x, 3) for x in test_rules],
                          "chooser": [round(x, 3) for x in test_ch]} if test_rules and test_ch else None),
            "decision": (f"{'enabled' if enabled else 'disabled'}: event F1 by source set {cv_best[2]:.3f} vs rules "
                         f"{rules[2]:.3f}" + (f"; held-out {held_ch[2]:.3f} vs rules {held_rules[2]:.3f}"
                                               if held_ch and held_rules else "")
                         + ("" if args.enable == "auto" else f" (set by --enable {args.enable})")),
        }
        write_model(Path(args.out), weights, bias, thr, apply, enabled, meta, joint)
        print(f"wrote {args.out} (enabled: {enabled})", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
