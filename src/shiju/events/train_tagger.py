"""Train the learned word-level trigger tagger (shiju/events/tagger.py) on annotated gold; write its weights.

    python -m shiju.events.train_tagger [gold files/globs...] [--exclude REGEX] [--enable auto|yes|no] \
        [--out src/shiju/data/events/tagger.yaml] [--score GLOBS...] [--cache DIR]

Examples: every gold document with events is read by the stages before events (normalize, actors, time,
quotes); each word of each body sentence (rjieba; actor mentions masked) is one example, labelled with the
PLOVER type of the gold event whose trigger (`text`, located as ``shiju eval`` locates it) it is part of,
or "no trigger". A multinomial logistic regression (16 types against "no trigger", whose weights are 0;
L2-regularised mean log-likelihood, bias unregularised) is fitted by full-batch accelerated gradient
descent from zero weights with a fixed number of steps: the same data gives the same weights.

Selection: C, the add threshold and the retype threshold are chosen on event F1 (the events stage run
with the tagger, scored as ``shiju eval`` scores events) by leaving one annotator set out (the team's
events_* gold, fresh5, fresh6, …: train on the others, code the held-out set). The held-out documents
(``--exclude``) are scored once at the end; ``--score`` scores further files (a fresh set before anyone
reads it) with the final weights. Needs numpy (training only; inference is pure Python).
"""
from __future__ import annotations

import argparse
import copy
import datetime
import pickle
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable

from shiju.events import tagger as tg
from shiju.events.lexicon import PLOVER_TYPES
from shiju.training_data import (FeatureRows, accelerated_descent, add_counts, coding_cache, gold_for, gold_paths,
                                 load_coding_cache, prf, prf_text, rounded_weights, source_set,
                                 write_weights_file)

DEFAULT_TRAIN = ("tests/gold/events_*.yaml", "tests/gold/fresh*_*.yaml")
DEFAULT_EXCLUDE = r"-b-|^g-f4-"  # the B halves of events_dev8/9/10 and events_fresh4 are the test
C_GRID = (0.3,)
ADD_THRESHOLDS = (0.2, 0.3, 0.4, 0.5)
RETYPE_THRESHOLDS = (1.0, 0.5)
ITERS = 300
MIN_COUNT = 2
NEG_KEEP = 4
PRE_STAGES = ("normalize", "actors", "time", "quotes")
N = len(PLOVER_TYPES)
TYPE_INDEX = {t: k for k, t in enumerate(PLOVER_TYPES)}


@dataclass
class Coded:
    """One gold document read by the stages before events, with its word examples."""

    gold: dict[str, Any]
    doc: Any
    source: str
    examples: list[tuple[list[str], int]] = field(default_factory=list)  # (features, label: type index or -1)


def _lexicon() -> Any:
    from shiju.context import AnalysisContext
    from shiju.events.lexicon import get_lexicon

    return get_lexicon(AnalysisContext())


def title_end(original: str, sents: list[tuple[int, int]]) -> int:
    """End of a title line (a first sentence without final punctuation followed by a line break), as the
    coder finds it; 0 without one."""
    if sents and not re.search(r"[。！？!?；;]\s*$", original[:sents[0][1]]) and len(sents) > 1 \
            and "\n" in original[sents[0][1]:sents[1][0] + 1]:
        return sents[0][1]
    return 0


def label_skip(data_dir: str | None = None) -> frozenset[str]:
    """Grammatical words never labelled as a trigger word inside a gold phrase (tagger_features.yaml)."""
    from shiju.data import load_yaml

    return frozenset(str(w) for w in load_yaml("events", "tagger_features.yaml", data_dir=data_dir).get("label_skip") or [])


def examples_of(gold: dict[str, Any], doc: Any, lex: Any, markers: tuple[str, ...],
                skip: frozenset[str] = frozenset()) -> list[tuple[list[str], int]]:
    """The word examples of one document (see the module doc). Inside a gold phrase the words under a
    lexicon trigger carry the label when there is one, else the words not in ``skip``."""
    from shiju.evaluation import _Locator
    from shiju.text.sentences import sentences

    loc = _Locator(doc)
    spans: list[tuple[int, int, str]] = []
    for ge in gold.get("events") or []:  # located in gold order, as the scorer's locator expects
        if ge.get("text") and ge.get("part", "body") == "body":
            sp = loc.find("body", str(ge["text"]), ge.get("n"))
            if sp is not None:
                spans.append((sp[0], sp[1], str(ge.get("type"))))
    text = doc.view("body").simplified
    original = doc.part_text("body")
    actors = {a.id: a for a in doc.actors}
    ms = sorted((m.start, m.end, a.id) for a in doc.actors for m in a.mentions if m.part == "body")
    quotes = [(q.start, q.end) for q in doc.quotes if q.part == "body"]
    sents = sentences(original)
    he = title_end(original, sents)
    out = []
    for ss, se in sents:
        found = [(ss + a, ss + b, t) for a, b, t in lex.find(text[ss:se])]
        toks, feats, lex_types = tg.sentence_features(text, ss, se, ms, actors, found, quotes, ss < he, markers, lex)
        # gold phrase -> the lexicon's types inside it: the words under a trigger of the gold type carry the
        # label (要求…解除 REQUEST: 要求, not the complement 解除), else those under any trigger (a retyping),
        # else the phrase's words but grammatical ones
        heads = {sp: {t.type for a, b, t in found if a < sp[1] and sp[0] < b} for sp in spans if ss <= sp[0] < se}
        for t, fs, lt in zip(toks, feats, lex_types):
            if fs is None:
                continue
            lab = -1
            for sp, inside in heads.items():
                if sp[0] < t.end and t.start < sp[1]:
                    if (lt == sp[2] if sp[2] in inside else (bool(lt) if inside else t.word not in skip)):
                        lab = TYPE_INDEX.get(sp[2], -1)
                    break
            out.append((fs, lab))
    return out


def code_gold(paths: list[Path]) -> list[Coded]:
    from shiju.evaluation import gold_document
    from shiju.pipeline import Pipeline

    pipe = Pipeline(PRE_STAGES)
    return [Coded(gold=g, doc=pipe(gold_document(g)), source=source_set(g["_file"]))
            for g in gold_for(paths, "events")]


def coded_file(path: Path, cache: str | None) -> list[Coded]:
    """Every document of one gold file read by the stages before events; with ``cache``, kept in
    ``cache/<file name>.<size>.pkl``. The examples are recomputed (cheap), so feature changes need no
    recoding."""
    if cache is None:
        docs = code_gold([path])
    else:
        f = coding_cache(cache, path)
        if f.exists():
            docs = load_coding_cache(f, Coded)
        else:
            docs = code_gold([path])
            f.write_bytes(pickle.dumps(docs))
    lex, markers, skip = _lexicon(), tg.marker_words(), label_skip()
    for cd in docs:
        cd.examples = examples_of(cd.gold, cd.doc, lex, markers, skip)
    return docs


# ------------------------------------------------------------------------------------------ fitting
def fit(docs: list[Coded], c: float, min_count: int = MIN_COUNT, iters: int = ITERS
        ) -> tuple[dict[str, tuple[float, ...]], tuple[float, ...]]:
    """Multinomial L2 logistic regression, "no trigger" the reference class (its weights 0); deterministic."""
    import numpy as np

    # every trigger word, and every NEG_KEEP-th other word weighted NEG_KEEP times (the same expected
    # log-likelihood at a fraction of the rows: most words of a sentence are plainly no trigger)
    rows = [ex for cd in docs for k, ex in enumerate(cd.examples) if ex[1] >= 0 or k % NEG_KEEP == 0]
    counts: dict[str, int] = {}
    for fs, _ in rows:
        for f in set(fs):
            counts[f] = counts.get(f, 0) + 1
    vocab = sorted(f for f, k in counts.items() if k >= min_count)
    col = {f: i for i, f in enumerate(vocab)}
    d, n = len(vocab), len(rows)
    if n == 0 or d == 0:
        return {}, (0.0,) * N
    X = FeatureRows([fs for fs, _ in rows], col)
    Y = np.zeros((n, N))
    rw = np.full((n, 1), float(NEG_KEEP))
    for r, (_, lab) in enumerate(rows):
        if lab >= 0:
            Y[r, lab] = 1.0
            rw[r, 0] = 1.0
    n_eff = float(rw.sum())
    lam = 1.0 / (c * n_eff)
    nnz = np.bincount(X.ri, minlength=n).astype(float) + 1.0
    colsum = np.bincount(X.ci, weights=(nnz * rw[:, 0])[X.ri], minlength=d)
    step_w = (1.0 / (0.5 * colsum / n_eff + lam))[:, None]
    step_b = 1.0 / (0.5 * float((nnz * rw[:, 0]).sum()) / n_eff)

    def grad(W: Any, b: Any) -> tuple[Any, Any]:
        Z = X.scores(W, b)
        top = np.maximum(Z.max(axis=1, keepdims=True), 0.0)
        E = np.exp(Z - top)
        P = E / (np.exp(-top) + E.sum(axis=1, keepdims=True))
        G = (P - Y) * rw / n_eff
        return X.backward(G, W, lam), G.sum(axis=0)

    W, b = accelerated_descent(grad, (d, N), step_w, step_b, iters)
    return rounded_weights(col, W, b)


def model_of(weights: dict[str, tuple[float, ...]], bias: tuple[float, ...], add: float, retype: float,
             enabled: bool = True) -> tg.TaggerModel:
    return tg.TaggerModel(weights=weights, bias=bias, add_threshold=add, retype_threshold=retype, enabled=enabled,
                          markers=tg.marker_words())


# ------------------------------------------------------------------------------------------ scoring
def code_events(docs: list[Coded], model: tg.TaggerModel | None) -> list[Any]:
    """The documents with their events coded as the coder ships them, the tagger ``model`` (None: off)."""
    from shiju import events as stage
    from shiju.context import AnalysisContext

    ctx = AnalysisContext()
    ctx.provide("events.tagger", model if model is not None else model_of({}, (0.0,) * N, 1.0, 1.0, False))
    return [stage.process(copy.deepcopy(cd.doc), ctx) for cd in docs]


def score(docs: list[Coded], model: tg.TaggerModel | None, per_type: bool = False) -> Any:
    """(tp, fp, fn, dates right, matched) of events as ``shiju eval`` counts them (with ``per_type``, also
    {type: (tp, fp, fn)})."""
    from shiju.evaluation import Report, score_events

    rep = Report()
    for cd, doc in zip(docs, code_events(docs, model)):
        score_events(cd.gold, doc, rep)
    s, a = rep.scores["events"], rep.accuracies["event_dates"]
    counts = (s.tp, s.fp, s.fn, a.right, a.total)
    if per_type:
        return counts, {k: (v.tp, v.fp, v.fn) for k, v in sorted(rep.per_type.items())}
    return counts


def settings(c_grid: Iterable[float], adds: Iterable[float], retypes: Iterable[float]) -> list[tuple[float, float, float]]:
    return [(c, a, r) for c in c_grid for a in adds for r in retypes]


def key_of(c: float, a: float, r: float) -> str:
    return f"C={c} add={a} retype={r}"


def leave_one_set_out(docs: list[Coded], grid: list[tuple[float, float, float]],
                      per_type: dict[str, dict[str, dict[str, tuple[int, int, int]]]] | None = None
                      ) -> dict[str, dict[str, tuple[int, ...]]]:
    """Per held-out annotator set: event counts of the coder without the tagger and with each setting
    (``per_type``, when given, receives {set: {setting: {type: (tp, fp, fn)}}})."""
    table: dict[str, dict[str, tuple[int, ...]]] = {}
    for src in sorted({cd.source for cd in docs}):
        train = [cd for cd in docs if cd.source != src]
        test = [cd for cd in docs if cd.source == src]
        row = table.setdefault(src, {})
        types = per_type.setdefault(src, {}) if per_type is not None else {}
        row["off"], types["off"] = score(test, None, per_type=True)
        fitted: dict[float, Any] = {}
        for c, a, r in grid:
            if c not in fitted:
                fitted[c] = fit(train, c)
            w, b = fitted[c]
            row[key_of(c, a, r)], types[key_of(c, a, r)] = score(test, model_of(w, b, a, r), per_type=True)
        print(f"  held out {src}: off {prf_text(row['off'])}  best "
              f"{max((prf_text(v) for k, v in row.items() if k != 'off'), key=lambda s: s[-5:])}", file=sys.stderr)
    return table


HEADER = """\
# Weights of the learned word-level trigger tagger (src/shiju/events/tagger.py): every word of a body
# sentence (rjieba; actor mentions masked to their type: Ⓢ state, Ⓟ person, Ⓞ organisation, Ⓖ group,
# Ⓛ location, Ⓕ office) is scored for each PLOVER type against "no trigger" by a multinomial logistic
# regression over general features: the word (w=), its characters (c=, first c0=, last cl=, h2=/t2= its first
# and last two), its neighbours (p1= p2= n1= n2=, pw=/wn= pairs), the lexicon's reading of the word and of its
# neighbours (lex=, lexw=, lex_prev=, lex_next=), marker words before it in its clause (mk=, from
# typer_features.yaml), the clause's actors before (ab=) and after (aa=) it, an actor right before/after
# (p1act/n1act), first or later clause, quote, title, length. No feature names an actor. Each weight line
# holds 16 numbers in the order AGREE CONSULT SUPPORT CONCEDE COOPERATE AID RETREAT REQUEST ACCUSE REJECT
# THREATEN PROTEST SANCTION MOBILIZE COERCE ASSAULT ("no trigger" has weight 0). A word with no lexicon
# trigger whose best type reaches `add_threshold` becomes a trigger; a lexicon trigger the tagger types
# otherwise at `retype_threshold` takes its type (1.0: never); a word whose own features leave it more than
# `gate_margin` (logit) below the add threshold is not scored in context (speed; no change on gold). The coder
# uses the tagger only when `enabled` is true (false: events unchanged, and the weights are not read).
# Where it came from: written by `python -m shiju.events.train_tagger` (the command is in _meta) from our own
# non-blind event gold and the independent fresh sets (never blind*, never the held-out documents named by
# _meta.held_out_ids). Reproduce it by running that command: the same gold and code give the same weights.
# _meta records the training data, the leave-one-annotator-set-out table (event P/R/F1), the held-out
# figures and the decision.
"""


def write_model(path: Path, weights: dict[str, tuple[float, ...]], bias: tuple[float, ...], add: float,
                retype: float, enabled: bool, meta: dict[str, Any]) -> None:
    def vec(v: tuple[float, ...]) -> str:
        return '"' + " ".join(f"{x:g}" for x in v) + '"'

    lines = [f"enabled: {'true' if enabled else 'false'}", f"add_threshold: {add}", f"retype_threshold: {retype}",
             f"gate_margin: {tg.TaggerModel.gate_margin}", f"bias: {vec(bias)}"]
    write_weights_file(path, HEADER, lines, meta, weights, vec)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m shiju.events.train_tagger", description=__doc__.split("\n")[0])
    ap.add_argument("gold", nargs="*", default=list(DEFAULT_TRAIN), help="non-blind gold files (globs allowed)")
    ap.add_argument("--exclude", default=DEFAULT_EXCLUDE, help="regex of held-out document ids")
    ap.add_argument("--out", default=None, help="where to write the weights (default: print the tables only)")
    ap.add_argument("--c", type=float, nargs="*", default=None, help="regularisation values to try")
    ap.add_argument("--add", type=float, nargs="*", default=None, help="add thresholds to try")
    ap.add_argument("--retype", type=float, nargs="*", default=None, help="retype thresholds to try")
    ap.add_argument("--enable", choices=("auto", "yes", "no"), default="auto",
                    help="auto: enabled only if the tagger beats the coder without it by source set and on the held-out docs")
    ap.add_argument("--score", nargs="*", default=[], help="further gold files to score with the final weights")
    ap.add_argument("--cache", default=None, help="directory of documents read by the stages before events, "
                                                   "one pickle per gold file (delete it after changes to those stages)")
    ap.add_argument("--note", default=None, help="a note on the decision, written in _meta")
    ap.add_argument("--date", default=None, help="training date written in _meta (default today)")
    args = ap.parse_args(argv)
    paths = gold_paths(args.gold)
    extra = gold_paths(args.score, purpose="scoring a learned component") if args.score else []
    coded = {str(p): coded_file(p, args.cache) for p in [*paths, *extra]}
    ids = lambda cd: str(cd.gold.get("id"))  # noqa: E731
    docs = [cd for p in paths for cd in coded[str(p)] if not (args.exclude and re.search(args.exclude, ids(cd)))]
    held = [cd for p in paths for cd in coded[str(p)] if args.exclude and re.search(args.exclude, ids(cd))]
    scored = [cd for p in extra for cd in coded[str(p)]]
    n_words = sum(len(cd.examples) for cd in docs)
    n_pos = sum(1 for cd in docs for _, lab in cd.examples if lab >= 0)
    by_source = {s: sum(cd.source == s for cd in docs) for s in sorted({cd.source for cd in docs})}
    print(f"{len(docs)} training docs {by_source}, {n_words} words, {n_pos} trigger words; {len(held)} held-out docs",
          file=sys.stderr)
    grid = settings(args.c or C_GRID, args.add or ADD_THRESHOLDS, args.retype or RETYPE_THRESHOLDS)
    per_type: dict[str, dict[str, dict[str, tuple[int, int, int]]]] = {}
    table = leave_one_set_out(docs, grid, per_type)
    summed: dict[str, tuple[int, ...]] = {}
    for row in table.values():
        for k, v in row.items():
            summed[k] = add_counts(summed.get(k, ()), v)
    best = max((k for k in summed if k != "off"), key=lambda k: (round(prf(summed[k])[2], 4), k))
    sets = sorted(table)
    print(f"{'setting':32s}  " + "  ".join(f"{s:>17s}" for s in sets) + f"  {'summed':>17s}", file=sys.stderr)
    for k in ["off"] + sorted(k for k in summed if k != "off"):
        print(f"{k:32s}  " + "  ".join(prf_text(table[s][k]) for s in sets) + f"  {prf_text(summed[k])}"
              + ("  *" if k == best else ""), file=sys.stderr)
    type_sum: dict[str, dict[str, tuple[int, ...]]] = {"off": {}, best: {}}
    for rows in per_type.values():
        for k in type_sum:
            for ty, v in rows[k].items():
                type_sum[k][ty] = add_counts(type_sum[k].get(ty, ()), v)
    print("per type, summed over the held-out sets (off -> tagger):", file=sys.stderr)
    for ty in sorted(set(type_sum["off"]) | set(type_sum[best])):
        print(f"  {ty:10s} {prf_text(type_sum['off'].get(ty, (0, 0, 0)))} -> {prf_text(type_sum[best].get(ty, (0, 0, 0)))}",
              file=sys.stderr)
    m = re.match(r"C=(\S+) add=(\S+) retype=(\S+)", best)
    assert m is not None
    c, add, retype = float(m.group(1)), float(m.group(2)), float(m.group(3))
    weights, bias = fit(docs, c)
    model = model_of(weights, bias, add, retype)
    held_off = score(held, None) if held else None
    held_on = score(held, model) if held else None
    if held_off and held_on:
        print(f"held-out ({len(held)} docs): off {prf_text(held_off)}  tagger {prf_text(held_on)}", file=sys.stderr)
    if scored:
        print(f"--score ({len(scored)} docs): off {prf_text(score(scored, None))}  tagger {prf_text(score(scored, model))}",
              file=sys.stderr)
    f_best, f_off = prf(summed[best])[2], prf(summed["off"])[2]
    if args.enable == "auto":
        enabled = f_best > f_off and (not held_on or not held_off or prf(held_on)[2] > prf(held_off)[2])
    else:
        enabled = args.enable == "yes"
    if args.out:
        meta = {
            "trained": args.date or datetime.date.today().isoformat(),
            "command": "python -m shiju.events.train_tagger " + " ".join(args.gold)
                       + f" --exclude '{args.exclude}' --enable {args.enable} --out {args.out}",
            "training_files": [str(p) for p in paths],
            "held_out_ids": args.exclude,
            "training": {"documents": len(docs), "words": n_words, "trigger_words": n_pos, "by_source": by_source},
            "selected": {"C": c, "add_threshold": add, "retype_threshold": retype, "iters": ITERS,
                         "min_count": MIN_COUNT},
            "loso_prf": {s: {k: [round(x, 3) for x in prf(v)] for k, v in sorted(table[s].items())
                             if k in ("off", best)} for s in sets},
            "loso_sum_prf": {k: [round(x, 3) for x in prf(v)] for k, v in sorted(summed.items())},
            "loso_per_type_prf": {ty: {"off": [round(x, 3) for x in prf(type_sum["off"].get(ty, (0, 0, 0)))],
                                       "tagger": [round(x, 3) for x in prf(type_sum[best].get(ty, (0, 0, 0)))]}
                                  for ty in PLOVER_TYPES},
            "held_out_prf": ({"documents": len(held), "off": [round(x, 3) for x in prf(held_off)],
                              "tagger": [round(x, 3) for x in prf(held_on)]} if held_off and held_on else None),
            "decision": (f"{'enabled' if enabled else 'disabled'}: event F1 leaving one annotator set out "
                         f"{f_best:.3f} vs {f_off:.3f} without the tagger"
                         + (f"; held-out {prf(held_on)[2]:.3f} vs {prf(held_off)[2]:.3f}" if held_on and held_off else "")
                         + ("" if args.enable == "auto" else f" (set by --enable {args.enable})")),
        }
        if args.note:
            meta["note"] = args.note
        write_model(Path(args.out), weights, bias, add, retype, enabled, meta)
        print(f"wrote {args.out} (enabled: {enabled})", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
