"""Train the quote detector (shiju/quote_detector.py) on annotated quote gold and write its weights.

    python -m shiju.train_quote_detector [gold files...] [--exclude REGEX] [--out FILE] [--enable auto|yes|no]

Examples: the quotes stage runs on each gold document (actors and times from the pipeline, as in
``shiju eval``) with the detector's hook capturing, for every marked text it meets with a cue, the
features and the rules' verdict; an example is positive when a gold quote with ``direct: true`` overlaps
the marked words. An L2-regularised logistic regression is fitted by full-batch accelerated gradient
descent from zero weights (deterministic: the same gold and code give the same weights). The
regularisation, the thresholds and ``apply`` (add only / add and drop) are selected by cross-validation
on quote F1 as ``shiju eval`` scores quotes (span overlap + speaker), against the rules alone: ``--cv sets``
(the default) leaves one source set out at a time — our own dev sets, and each independent annotators'
set (fresh5, fresh6, …) — since a model that wins on documents of the annotators it was trained on can
lose on another annotator's; ``--cv docs`` is document-grouped k-fold. Held-out documents (``--exclude``) are scored once at the end, rules vs detector.
Needs numpy (training only; inference is pure Python).
"""
from __future__ import annotations

import argparse
import datetime
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable

from shiju import quote_detector as qd
from shiju.training_data import fit_logistic as fit, gold_for, gold_paths, source_set as file_source_set, write_weights_file
from shiju.training_data import add_counts as _add, prf

DEFAULT_TRAIN = ("tests/gold/quotes_*.yaml", "tests/gold/fresh5_*.yaml", "tests/gold/fresh6_*.yaml")
DEFAULT_EXCLUDE = r"^gq-dev5-b-|^gq-dev6-b-"  # the held-out halves
C_GRID = (0.1, 0.3, 1.0, 3.0)
ADD_THRESHOLDS = (0.5, 0.65, 0.8, 0.9)
DROP_THRESHOLDS = (0.1, 0.2)
FOLDS = 5
CV_MODES = ("sets", "docs")
DEFAULT_BRANCHES_TRAIN = ("adj", "gov", "nocue")
STAGES = ("normalize", "actors", "time")


@dataclass
class GoldDoc:
    gold: dict[str, Any]
    doc: Any  # shiju.model.Document after normalize/actors/time
    examples: list[tuple[tuple[str, ...], bool, int]] = field(default_factory=list)  # (features, rule_ok, label)


def prepare(paths: list[Path], exclude: str | None, keep: str | None = None) -> list[GoldDoc]:
    """Gold documents with quotes, run through the stages before quotes once."""
    from shiju.evaluation import gold_document
    from shiju.pipeline import Pipeline

    pipe = Pipeline(STAGES)
    out = []
    for g in gold_for(paths, "quotes", exclude, keep):
        out.append(GoldDoc(g, pipe(gold_document(g))))
    return out


def source_set(gd: GoldDoc) -> str:
    """The annotators' set a gold document comes from: ``freshN`` for the files independent annotators
    wrote (tests/gold/freshN_*.yaml), ``dev`` for the team's own sets."""
    return file_source_set(str(gd.gold.get("_file", "")))


def cv_splits(docs: list[GoldDoc], folds: int = FOLDS, mode: str = "sets") -> list[tuple[str, list[GoldDoc],
                                                                                        list[GoldDoc]]]:
    """(name, train, test) per fold: one source set left out at a time (``sets``), or document k-fold."""
    names = sorted({source_set(gd) for gd in docs})
    if mode == "sets" and len(names) > 1:  # one set alone cannot be left out: document folds instead
        return [(n, [gd for gd in docs if source_set(gd) != n], [gd for gd in docs if source_set(gd) == n])
                for n in names]
    return [(f"fold{k}", [gd for i, gd in enumerate(docs) if i % folds != k],
             [gd for i, gd in enumerate(docs) if i % folds == k]) for k in range(folds)]


def _capture_model(branches: tuple[str, ...]) -> qd.DetectorModel:
    return qd.DetectorModel(enabled=True, apply=("add",), bias=0.0, threshold_add=0.5, threshold_drop=0.5,
                            weights={}, branches=branches)


def run_quotes(gd: GoldDoc, model: qd.DetectorModel | None, capture: list | None = None,
               chooser: Any = None, branches: tuple[str, ...] = qd.DEFAULT_BRANCHES) -> Any:
    """The quotes stage on a prepared document with ``model`` (None: the rules) and a speaker ``chooser``;
    with ``capture``, the detector's decisions are recorded as (features, rule_ok, part, start, end) and
    the rules decide."""
    from shiju import quotes
    from shiju.context import AnalysisContext

    doc = gd.doc
    ctx = AnalysisContext()
    lex = ctx.resource("quotes.lexicon", lambda: quotes.load_lexicon(ctx.data_dir))
    date_fn = lambda part, pos: None  # noqa: E731  dates do not matter for the scores
    by_part = quotes._mentions_by_part(doc)
    real = qd.decide
    if capture is not None:
        def hook(m, feats, rule_ok, where=None):
            capture.append((feats, rule_ok) + tuple(where or ("", 0, 0)))
            return rule_ok
        qd.decide = hook  # the stage looks the function up at call time
        model = _capture_model(branches)
    try:
        notes = len(doc.notes)
        doc.quotes = [q for part, _ in doc.parts()
                      for q in quotes.analyse_part(doc, part, lex, date_fn, by_part, model, chooser)]
        del doc.notes[notes:]
    finally:
        qd.decide = real
    return doc


def label_examples(docs: list[GoldDoc], branches: tuple[str, ...] = qd.DEFAULT_BRANCHES,
                   drop_features: tuple[str, ...] = ()) -> None:
    from shiju.evaluation import _Locator, _overlap, _part_of

    for gd in docs:
        cap: list = []
        run_quotes(gd, None, cap, branches=branches)
        if drop_features:  # features left out of this variant (prefixes), as if never computed
            cap = [(tuple(f for f in feats if not f.startswith(drop_features)),) + tuple(rest)
                   for feats, *rest in cap]
        loc = _Locator(gd.doc)
        spans = []
        for item in gd.gold.get("quotes") or []:
            part = _part_of(item)
            text = str(item["text"])
            sp = loc.find(part, text, item.get("n")) or loc.find(part, text[:12])
            if sp is not None and item.get("direct", True):
                spans.append((part, sp))
        gd.examples = [(feats, ok, int(any(pp == part and _overlap(sp, (a, b)) for pp, sp in spans)))
                       for feats, ok, part, a, b in cap]


def score(docs: list[GoldDoc], model: qd.DetectorModel | None) -> tuple[int, int, int]:
    """(tp, fp, fn) of quotes (span + speaker) as ``shiju eval`` counts them."""
    from shiju.evaluation import Report, score_quotes

    rep = Report()
    for gd in docs:
        score_quotes(gd.gold, run_quotes(gd, model), rep)
    s = rep.scores["quotes"]
    return s.tp, s.fp, s.fn


def settings(drops: tuple[float, ...] = DROP_THRESHOLDS) -> list[tuple[tuple[str, ...], float, float]]:
    out = [(("add",), ta, 0.5) for ta in ADD_THRESHOLDS]
    out += [(("add", "drop"), ta, td) for ta in ADD_THRESHOLDS for td in drops]
    return out


def model_of(weights: dict[str, float], bias: float, apply: tuple[str, ...], ta: float, td: float,
             enabled: bool = True, branches: tuple[str, ...] = qd.DEFAULT_BRANCHES) -> qd.DetectorModel:
    return qd.DetectorModel(enabled=enabled, apply=apply, bias=bias, threshold_add=ta, threshold_drop=td,
                            weights=weights, branches=branches)


SCARE_STEPS = (0.05, 0.1, 0.15, 0.2, 0.25, 0.3)  # raises of threshold_add tried by scare_safe, in order


def _short_marked(doc: Any, model: qd.DetectorModel | None) -> set[tuple[str, int, int]]:
    """Direct quotes of at most 8 characters with no clause inside (where names, titles and terms in marks
    fall) that the stage emits on ``doc`` with ``model``."""
    return {(q.part, q.start, q.end) for q in run_quotes(GoldDoc({}, doc), model).quotes
            if q.direct and len(q.text) <= 8 and not any(ch in q.text for ch in "，。；！？,;!?")}


def short_adds(check: list[Any], model: qd.DetectorModel | None) -> int:
    """How many short marked quotes ``model`` adds to the rules' on unannotated check documents."""
    if model is None:
        return 0
    return sum(len(_short_marked(d, model) - _short_marked(d, None)) for d in check)


def scare_safe(docs: list[GoldDoc], model: qd.DetectorModel, check: list[Any] | None = None,
               current: qd.DetectorModel | None = None) -> tuple[qd.DetectorModel, float]:
    """The bar "no scare quote taken for a quote", applied as a stated rule rather than by hand: the
    lowest threshold_add, from the cross-validated one up in steps of SCARE_STEPS, at which the trained
    model (1) adds no quote to what the rules take on the gold documents annotated ``quotes: []``
    (commentary written full of scare quotes and names in marks) and (2) with unannotated ``check``
    documents (``--check-text``: op-eds and essays, where names and terms in marks abound), adds no more
    short marked quotes there than the ``current`` shipped detector does. The model unchanged when both
    hold at its own threshold."""
    import dataclasses

    gold_check = [gd for gd in docs if gd.gold.get("quotes") == []]
    rules_fp = score(gold_check, None)[1] if gold_check else 0  # what the rules take there is not the model's
    limit = short_adds(check, current) if check and current is not None else None
    base = model.threshold_add
    for step in (0.0,) + SCARE_STEPS:
        ta = round(min(base + step, 0.99), 2)
        m = dataclasses.replace(model, threshold_add=ta)
        if gold_check and score(gold_check, m)[1] > rules_fp:
            continue
        if limit is not None and short_adds(check, m) > limit:
            continue
        return m, ta
    return m, ta


def select_key(key: str, counts: tuple[int, int, int]) -> tuple:
    """The order settings are selected in: cross-validated F1 to three decimals, ties to the higher
    precision (a scare quote taken costs a user more than a quote missed), then the simpler setting."""
    p, _, f = prf(counts)
    return round(f, 3), round(p, 3), -len(key), key


def key_of(c: float, apply: tuple[str, ...], ta: float, td: float) -> str:
    return f"C={c} apply={'+'.join(apply)} add={ta}" + (f" drop={td}" if "drop" in apply else "")


def cross_validate(docs: list[GoldDoc], folds: int = FOLDS, c_grid: Iterable[float] = C_GRID,
                   branches: tuple[str, ...] = qd.DEFAULT_BRANCHES, mode: str = "sets",
                   by_fold: dict[str, dict[str, tuple[int, int, int]]] | None = None
                   ) -> dict[str, tuple[int, int, int]]:
    """Quote (tp, fp, fn) summed over the folds of ``mode`` (see cv_splits), for the rules and every
    setting; ``by_fold`` (if given) receives each fold's own table."""
    table: dict[str, tuple[int, int, int]] = {}
    for name, train, test in cv_splits(docs, folds, mode):
        own = {"rules": score(test, None)}
        for c in c_grid:
            w, b = fit(train, c)
            for apply, ta, td in settings():
                own[key_of(c, apply, ta, td)] = score(test, model_of(w, b, apply, ta, td, branches=branches))
        for key, v in own.items():
            table[key] = _add(table.get(key, (0, 0, 0)), v)
        if by_fold is not None:
            by_fold[name] = own
    return table


def fold_summary(by_fold: dict[str, dict[str, tuple[int, int, int]]], key: str) -> dict[str, Any]:
    """Per fold: rules and ``key`` as rounded P/R/F1 (the grouped-CV table of _meta)."""
    return {name: {"rules": [round(x, 3) for x in prf(t["rules"])], "model": [round(x, 3) for x in prf(t[key])]}
            for name, t in sorted(by_fold.items())}


HEADER = """\
# Weights of the learned quote detector (src/shiju/quote_detector.py): for marked text (“…”, 「…」) that
# the quotes stage meets next to or under a cue verb, a logistic regression over general features —
# length, punctuation inside, word classes right before the marks (from quotes/cues.yaml: name_markers,
# scare_before, predicate_before; 的; a determiner or classifier), what follows the marks, distance in
# characters and clauses to the cue, the cue's kind, the kind of speaker the rules found, body/comment,
# repeated marked words, and the rules' own verdict (rule:ok / rule:no) — gives the probability that the
# words are the speaker's (a quote) rather than the author's term. No feature names the marked words.
# `apply`: `add` lets it take marked words the rules rejected (probability >= threshold_add); `drop`
# lets it reject words they took (probability < threshold_drop). `enabled: false`: the rules alone.
# `branches`: which marked words it sees — adj (right after a cue), gov (inside a cue's reported speech),
# nocue (no cue verb in reach, a linked actor before them in the sentence, the words closing their clause
# or before 的: 宣布以色列“处于战争状态”, 表达“严重关切”; features nc:* of what lies between actor and marks,
# nc:v:* being the two characters right before the marks).
# Where it came from: written by `python -m shiju.train_quote_detector` (the command is in _meta) from
# our own non-blind quote gold (never blind*, never the held-out halves named in _meta.held_out_ids).
# Reproduce it by running that command; the same gold and code give the same weights. _meta records the
# training data, the date, the cross-validated figures and the held-out figures the decision used.
"""


def write_model(path: Path, weights: dict[str, float], bias: float, apply: tuple[str, ...], ta: float,
                td: float, enabled: bool, meta: dict[str, Any],
                branches: tuple[str, ...] = qd.DEFAULT_BRANCHES) -> None:
    settings = [f"enabled: {'true' if enabled else 'false'}", f"apply: [{', '.join(apply)}]",
                f"branches: [{', '.join(branches)}]", f"bias: {bias}", f"threshold_add: {ta}",
                f"threshold_drop: {td}"]
    write_weights_file(path, HEADER, settings, meta, weights)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m shiju.train_quote_detector", description=__doc__.split("\n")[0])
    ap.add_argument("gold", nargs="*", default=list(DEFAULT_TRAIN), help="non-blind gold files (globs allowed)")
    ap.add_argument("--exclude", default=DEFAULT_EXCLUDE, help="regex of held-out document ids")
    ap.add_argument("--out", default=None, help="where to write the weights (default: print the table only)")
    ap.add_argument("--c", type=float, default=None, help="fix the regularisation instead of selecting it")
    ap.add_argument("--folds", type=int, default=FOLDS, help="folds of --cv docs")
    ap.add_argument("--cv", choices=CV_MODES, default="sets",
                    help="sets: leave one source set out (dev, fresh5, fresh6, ...); docs: document k-fold")
    ap.add_argument("--enable", choices=("auto", "yes", "no"), default="auto",
                    help="auto: enabled only if the detector beats the rules in CV and on the held-out docs")
    ap.add_argument("--date", default=None, help="training date written in _meta (default today)")
    ap.add_argument("--branches", default=",".join(DEFAULT_BRANCHES_TRAIN),
                    help="candidates the detector sees, among adj,gov,nocue (see shiju.quote_detector)")
    ap.add_argument("--drop-features", default="", help="comma-separated feature prefixes to leave out")
    ap.add_argument("--score", nargs="*", default=[], metavar="GOLD",
                    help="also score rules vs the trained model on these files (not trained on; never blind)")
    ap.add_argument("--check-text", default=None, metavar="DIR",
                    help="unannotated documents (e.g. ../shared/corpus/news) on which the threshold may add no "
                         "more short marked quotes than the detector now shipped (see scare_safe)")
    ap.add_argument("--check-limit", type=int, default=200, help="documents read from --check-text")
    args = ap.parse_args(argv)
    paths = gold_paths(args.gold)
    extra = [p for p in gold_paths(args.score, purpose="scoring a trainer") if p not in paths]
    print(f"preparing {len(paths)} gold files ...", file=sys.stderr)
    docs = prepare(paths, args.exclude)
    held = prepare(paths, None, keep=args.exclude) if args.exclude else []
    branches = tuple(b for b in args.branches.split(",") if b)
    if not branches or not set(branches) <= set(qd.BRANCHES):
        ap.error(f"--branches must be among {','.join(qd.BRANCHES)}")
    drop = tuple(x for x in args.drop_features.split(",") if x)
    label_examples(docs, branches, drop)
    n_ex = sum(len(gd.examples) for gd in docs)
    n_pos = sum(lab for gd in docs for _, _, lab in gd.examples)
    n_q = sum(len(gd.gold.get("quotes") or []) for gd in docs)
    print(f"{len(docs)} training docs ({n_q} gold quotes), {n_ex} examples ({n_pos} positive);"
          f" {len(held)} held-out docs", file=sys.stderr)
    c_grid = (args.c,) if args.c is not None else C_GRID
    by_fold: dict[str, dict[str, tuple[int, int, int]]] = {}
    table = cross_validate(docs, args.folds, c_grid, branches, args.cv, by_fold)
    rules = prf(table["rules"])
    best_key = max((k for k in table if k != "rules"), key=lambda k: select_key(k, table[k]))
    print(f"{'setting':40s}  P      R      F1", file=sys.stderr)
    for k in ["rules"] + sorted(k for k in table if k != "rules"):
        p, r, f = prf(table[k])
        print(f"{k:40s}  {p:.3f}  {r:.3f}  {f:.3f}{'  *' if k == best_key else ''}", file=sys.stderr)
    folds_table = fold_summary(by_fold, best_key)
    for name, row in folds_table.items():
        print(f"  {name:10s} rules {row['rules']}  selected {row['model']}", file=sys.stderr)
    m = re.match(r"C=(\S+) apply=(\S+) add=(\S+)(?: drop=(\S+))?", best_key)
    assert m is not None
    c, apply, ta = float(m.group(1)), tuple(m.group(2).split("+")), float(m.group(3))
    td = float(m.group(4)) if m.group(4) else 0.5
    weights, bias = fit(docs, c)
    model = model_of(weights, bias, apply, ta, td, branches=branches)
    cv_ta = ta
    check, current = [], None
    if args.check_text:
        sys.path.insert(0, str(Path(__file__).resolve().parents[2]))  # benchmarks/ reads the documents
        from benchmarks.corpus import load_docs

        check = load_docs(Path(args.check_text), args.check_limit, STAGES)
        cur_path = Path(args.out) if args.out and Path(args.out).exists() else None
        current = qd.load_detector(cur_path)
        current = current if current.enabled else None
    model, ta = scare_safe(docs, model, check, current)
    check_figures = ({"documents": len(check), "current": short_adds(check, current),
                      "selected": short_adds(check, model)} if check else None)
    if ta != cv_ta:
        print(f"threshold_add {cv_ta} -> {ta} (scare_safe)", file=sys.stderr)
    if check_figures:
        print(f"short marked quotes added on {len(check)} check documents: current {check_figures['current']}, "
              f"selected {check_figures['selected']}", file=sys.stderr)
    held_rules = prf(score(held, None)) if held else None
    held_det = prf(score(held, model)) if held else None
    cv_best = prf(table[best_key])
    if held_rules and held_det:
        print(f"held-out ({len(held)} docs): rules P/R/F1 {held_rules[0]:.3f}/{held_rules[1]:.3f}/{held_rules[2]:.3f}"
              f"  detector {held_det[0]:.3f}/{held_det[1]:.3f}/{held_det[2]:.3f}", file=sys.stderr)
    extra_prf = None
    if extra:
        xdocs = prepare(extra, None)
        extra_prf = {"files": [str(p) for p in extra], "documents": len(xdocs),
                     "rules": [round(x, 3) for x in prf(score(xdocs, None))],
                     "detector": [round(x, 3) for x in prf(score(xdocs, model))]}
        print(f"scored, not trained on ({len(xdocs)} docs): rules {extra_prf['rules']}"
              f"  detector {extra_prf['detector']}", file=sys.stderr)
    if args.enable == "auto":
        enabled = cv_best[2] > rules[2] and (not held_det or not held_rules or held_det[2] > held_rules[2])
    else:
        enabled = args.enable == "yes"
    if args.out:
        meta = {
            "trained": args.date or datetime.date.today().isoformat(),
            "command": "python -m shiju.train_quote_detector " + " ".join(str(p) for p in paths)
                       + f" --exclude '{args.exclude}' --out {args.out}"
                       + (f" --c {args.c}" if args.c is not None else "")
                       + f" --cv {args.cv}" + (f" --folds {args.folds}" if args.cv == "docs" else "")
                       + f" --branches {','.join(branches)}"
                       + (f" --drop-features {','.join(drop)}" if drop else "")
                       + (f" --check-text {args.check_text} --check-limit {args.check_limit}"
                          if args.check_text else "")
                       + ("" if args.enable == "auto" else f" --enable {args.enable}"),
            "training_files": [str(p) for p in paths],
            "held_out_ids": args.exclude,
            "training": {"documents": len(docs), "gold_quotes": n_q, "examples": n_ex, "positive": n_pos},
            "selected": {"C": c, "apply": list(apply), "threshold_add": ta, "threshold_drop": td},
            "threshold_rule": (f"threshold_add {ta}: the CV choice {cv_ta}"
                               + (f" raised to the lowest value (steps of {SCARE_STEPS[0]})" if ta != cv_ta else "")
                               + " at which the detector adds no quote on gold documents annotated `quotes: []`"
                               + (f" and adds no more short marked quotes (<= 8 characters, no clause) than the"
                                  f" detector shipped before on {check_figures['documents']} documents of"
                                  f" {args.check_text} ({check_figures['current']} -> {check_figures['selected']})"
                                  if check_figures else "")),
            "cv": args.cv,
            "cv_folds": len(by_fold),
            "cv_quotes_prf": {"rules": [round(x, 3) for x in rules], "detector": [round(x, 3) for x in cv_best]},
            "cv_by_fold_prf": folds_table,
            "cv_table_prf": {k: [round(x, 3) for x in prf(v)] for k, v in sorted(table.items())},
            "held_out_prf": ({"documents": len(held), "rules": [round(x, 3) for x in held_rules],
                              "detector": [round(x, 3) for x in held_det]} if held_rules and held_det else None),
            "decision": (f"{'enabled' if enabled else 'disabled'}: quote F1 in CV {cv_best[2]:.3f} vs rules "
                         f"{rules[2]:.3f}" + (f"; held-out {held_det[2]:.3f} vs rules {held_rules[2]:.3f}"
                                               if held_det and held_rules else "")
                         + ("" if args.enable == "auto" else f" (set by --enable {args.enable})")),
        }
        if extra_prf:
            meta["scored_not_trained_prf"] = extra_prf
        write_model(Path(args.out), weights, bias, apply, ta, td, enabled, meta, branches)
        print(f"wrote {args.out} (enabled: {enabled})", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
