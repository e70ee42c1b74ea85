"""Train the relation classifier (shiju/relation_classifier.py) on annotated relation gold and write its
weights.

    python -m shiju.train_relation_classifier [gold files...] [--exclude REGEX] [--out FILE]
        [--enable auto|yes|no] [--c C]

Examples: the relations stage runs on each gold document (actors, times and quotes from the pipeline, as in
``shiju eval``) capturing every (type, pair) candidate of every sentence holding a cue word, with its
features and the rules' verdict; a candidate is positive when the document's gold has that relation
(countable; pair matched as ``shiju eval`` matches it, ordered for dependence and membership). An
L2-regularised logistic regression is fitted by full-batch accelerated gradient descent from zero weights
(deterministic). The regularisation, ``apply`` (add only / add and drop) and thresholds are selected by
cross-validation **grouped by source set** (leave one set out: our own dev gold, fresh5, fresh6, fresh7 —
different annotators), on relation F1 as ``shiju eval`` scores relations, against the rules alone on the
same folds. Held-out documents (``--exclude``) are scored once at the end. ``--enable auto`` switches the
classifier on only when it beats the rules in grouped CV (F1 by at least 0.005, and F1 on the independent
sets' folds), with precision >= 0.75 on every independent set's fold, and does not lose on the held-out
documents.
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

from shiju import relation_classifier as rc
from shiju.training_data import fit_logistic as fit, gold_for, gold_paths, source_set, write_weights_file
from shiju.training_data import add_counts as _add, prf

# every independent annotator set (freshN_*), present and future: a retrain with new gold is one command
DEFAULT_TRAIN = ("tests/gold/relations_*.yaml", "tests/gold/events_0*.yaml", "tests/gold/fresh[0-9]*_*.yaml")
DEFAULT_EXCLUDE = r"^g-rel5-b-"  # relations_dev5 half B: held out
C_GRID = (0.1, 0.3, 1.0, 3.0)
ADD_THRESHOLDS = (0.5, 0.6, 0.7, 0.8, 0.9)
DROP_THRESHOLDS = (0.05, 0.1, 0.2)
STAGES = ("normalize", "actors", "time", "quotes")
MIN_INDEPENDENT_P = 0.75
MIN_GAIN = 0.005  # a tie with the rules is no reason to switch a learned component on


@dataclass
class GoldDoc:
    gold: dict[str, Any]
    doc: Any  # shiju.model.Document after normalize/actors/time/quotes
    group: str  # source set: dev, fresh5, fresh6, fresh7
    examples: list[tuple[tuple[str, ...], bool, int]] = field(default_factory=list)


def group_of(path: str) -> str:
    """The source set of a gold file: freshN (an independent annotator's set) or dev (ours), as
    `shiju.training_data.source_set` says (which reads freshN_ at the start of the name only)."""
    return source_set(path, own="dev")


def prepare(paths: list[Path], exclude: str | None, keep: str | None = None) -> list[GoldDoc]:
    """Gold documents with a `relations` list, run through the stages before relations once."""
    from shiju.evaluation import gold_document
    from shiju.pipeline import Pipeline

    pipe = Pipeline(STAGES)
    out = []
    for g in gold_for(paths, "relations", exclude, keep):
        out.append(GoldDoc(g, pipe(gold_document(g)), group_of(g["_file"])))
    return out


def _lex() -> Any:
    from shiju import relations

    return relations.load_lexicon()


def run(gd: GoldDoc, model: rc.RelationModel | None) -> Any:
    """The relations stage on a prepared document with `model` (None: the rules); a copy of the doc."""
    from shiju import relations

    doc = copy.copy(gd.doc)
    doc.relations = relations.analyse(doc, _lex(), None, model)
    return doc


def label_examples(docs: list[GoldDoc]) -> None:
    from shiju import relations
    from shiju.evaluation import _ids, id_acceptable_lenient

    lex = _lex()
    for gd in docs:
        cap: list = []
        by_part = relations._mentions_by_part(gd.doc)
        for part, _ in gd.doc.parts():
            relations.relations_in_part(gd.doc, part, lex, None, by_part, None, cap)
        gold = [r for r in gd.gold.get("relations") or [] if not r.get("negated") and not r.get("hypothetical")]

        def positive(t: str, a: str, b: str) -> bool:
            for r in gold:
                if r.get("type") != t:
                    continue
                ga, gb = _ids(r.get("a")), _ids(r.get("b"))
                if id_acceptable_lenient(ga, a, gd.doc) and id_acceptable_lenient(gb, b, gd.doc):
                    return True
                if t not in relations.ORDERED_TYPES and id_acceptable_lenient(ga, b, gd.doc) \
                        and id_acceptable_lenient(gb, a, gd.doc):
                    return True
            return False

        gd.examples = [(feats, ok, int(positive(t, a, b))) for feats, ok, t, a, b, _, _ in cap]


def score(docs: list[GoldDoc], model: rc.RelationModel | None) -> tuple[int, int, int]:
    """(tp, fp, fn) of relations as ``shiju eval`` counts them."""
    from shiju.evaluation import Report, score_relations

    rep = Report()
    for gd in docs:
        score_relations(gd.gold, run(gd, model), rep)
    s = rep.scores["relations"]
    return s.tp, s.fp, s.fn


def settings() -> list[tuple[tuple[str, ...], float, float]]:
    out = [(("add",), ta, 0.5) for ta in ADD_THRESHOLDS]
    out += [(("add", "drop"), ta, td) for ta in ADD_THRESHOLDS for td in DROP_THRESHOLDS]
    return out


def model_of(weights: dict[str, float], bias: float, apply: tuple[str, ...], ta: float, td: float,
             enabled: bool = True) -> rc.RelationModel:
    return rc.RelationModel(enabled=enabled, apply=apply, bias=bias, threshold_add=ta, threshold_drop=td,
                            weights=weights)


def key_of(c: float, apply: tuple[str, ...], ta: float, td: float) -> str:
    return f"C={c} apply={'+'.join(apply)} add={ta}" + (f" drop={td}" if "drop" in apply else "")


def cross_validate(docs: list[GoldDoc], c_grid: Iterable[float] = C_GRID
                   ) -> dict[str, dict[str, tuple[int, int, int]]]:
    """Leave-one-source-set-out: {setting or "rules": {held-out set: (tp, fp, fn)}}."""
    groups = sorted({gd.group for gd in docs})
    table: dict[str, dict[str, tuple[int, int, int]]] = {}
    for g in groups:
        test = [gd for gd in docs if gd.group == g]
        train = [gd for gd in docs if gd.group != g]
        table.setdefault("rules", {})[g] = score(test, None)
        for c in c_grid:
            w, b = fit(train, c)
            for apply, ta, td in settings():
                table.setdefault(key_of(c, apply, ta, td), {})[g] = score(test, model_of(w, b, apply, ta, td))
    return table


def total(row: dict[str, tuple[int, int, int]]) -> tuple[int, int, int]:
    out = (0, 0, 0)
    for v in row.values():
        out = _add(out, v)
    return out


def acceptable(row: dict[str, tuple[int, int, int]]) -> bool:
    """Precision on every independent set's fold at least MIN_INDEPENDENT_P."""
    return all(prf(v)[0] >= MIN_INDEPENDENT_P for g, v in row.items() if g != "dev" and v[0] + v[1])


HEADER = """\
# Weights of the learned relation classifier (src/shiju/relation_classifier.py): for every (type, pair)
# candidate of a sentence that names two parties and holds a cue word of that type (classifier_cues in
# relations/patterns.yaml), a logistic regression over general features — the rules' verdict (rule:T:ok),
# where the cue lies relative to the two mentions and how far, which cue word (w:*), what lies between
# the mentions (nothing, a conjunction, 是, 的, another party, a clause break), how many parties, their
# kinds (state, igo, armed, person, org), negation/condition/question words, forum comment or not — gives
# the probability that the sentence asserts that relation. `apply`: `add` lets it add candidates the rules
# did not produce (probability >= threshold_add; never a dependence); `drop` lets it remove rule relations
# (probability < threshold_drop). `enabled: false`: the rules alone.
# Where it came from: written by `python -m shiju.train_relation_classifier` (the command is in _meta) from
# our non-blind relation gold and the independent sets (never blind*, never the held-out documents named in
# _meta.held_out_ids). The same gold and code give the same weights. _meta records the training data, the
# date, the figures of cross-validation grouped by source set, and the held-out figures the decision used.
"""


def write_model(path: Path, weights: dict[str, float], bias: float, apply: tuple[str, ...], ta: float,
                td: float, enabled: bool, meta: dict[str, Any]) -> None:
    settings_lines = [f"enabled: {'true' if enabled else 'false'}", f"apply: [{', '.join(apply)}]",
                      f"bias: {bias}", f"threshold_add: {ta}", f"threshold_drop: {td}"]
    write_weights_file(path, HEADER, settings_lines, meta, weights)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m shiju.train_relation_classifier",
                                 description=__doc__.split("\n")[0])
    ap.add_argument("gold", nargs="*", default=list(DEFAULT_TRAIN), help="non-blind gold files (globs allowed)")
    ap.add_argument("--exclude", default=DEFAULT_EXCLUDE, help="regex of held-out document ids")
    ap.add_argument("--out", default=None, help="where to write the weights (default: print the table only)")
    ap.add_argument("--c", type=float, default=None, help="fix the regularisation instead of selecting it")
    ap.add_argument("--enable", choices=("auto", "yes", "no"), default="auto",
                    help="auto: enabled only if it beats the rules in grouped CV and on the held-out docs")
    ap.add_argument("--date", default=None, help="training date written in _meta (default today)")
    args = ap.parse_args(argv)
    paths = gold_paths(args.gold)
    print(f"preparing {len(paths)} gold files ...", file=sys.stderr)
    docs = prepare(paths, args.exclude)
    held = prepare(paths, None, keep=args.exclude) if args.exclude else []
    label_examples(docs)
    n_ex = sum(len(gd.examples) for gd in docs)
    n_pos = sum(lab for gd in docs for _, _, lab in gd.examples)
    n_rel = sum(len(gd.gold.get("relations") or []) for gd in docs)
    groups = sorted({gd.group for gd in docs})
    print(f"{len(docs)} training docs in sets {groups} ({n_rel} gold relations), {n_ex} candidates "
          f"({n_pos} positive); {len(held)} held-out docs", file=sys.stderr)
    c_grid = (args.c,) if args.c is not None else C_GRID
    table = cross_validate(docs, c_grid)
    rules = prf(total(table["rules"]))
    ok_keys = [k for k in table if k != "rules" and acceptable(table[k])] or [k for k in table if k != "rules"]
    best_key = max(ok_keys, key=lambda k: (round(prf(total(table[k]))[2], 4), -len(k), k))
    print(f"{'setting':36s}  P      R      F1     per held-out set P/R", file=sys.stderr)
    for k in ["rules"] + sorted(k for k in table if k != "rules"):
        p, r, f = prf(total(table[k]))
        per = "  ".join(f"{g} {prf(v)[0]:.2f}/{prf(v)[1]:.2f}" for g, v in sorted(table[k].items()))
        print(f"{k:36s}  {p:.3f}  {r:.3f}  {f:.3f}  {per}{'  *' if k == best_key else ''}", file=sys.stderr)
    m = re.match(r"C=(\S+) apply=(\S+) add=(\S+)(?: drop=(\S+))?", best_key)
    assert m is not None
    c, apply, ta = float(m.group(1)), tuple(m.group(2).split("+")), float(m.group(3))
    td = float(m.group(4)) if m.group(4) else 0.5
    weights, bias = fit(docs, c)
    model = model_of(weights, bias, apply, ta, td)
    held_rules = prf(score(held, None)) if held else None
    held_cls = prf(score(held, model)) if held else None
    cv_best = prf(total(table[best_key]))
    if held_rules and held_cls:
        print(f"held-out ({len(held)} docs): rules P/R/F1 {held_rules[0]:.3f}/{held_rules[1]:.3f}/{held_rules[2]:.3f}"
              f"  classifier {held_cls[0]:.3f}/{held_cls[1]:.3f}/{held_cls[2]:.3f}", file=sys.stderr)
    if args.enable == "auto":
        indep = lambda row: prf(total({g: v for g, v in row.items() if g != "dev"}))  # noqa: E731
        enabled = (cv_best[2] >= rules[2] + MIN_GAIN and acceptable(table[best_key])
                   and indep(table[best_key])[2] > indep(table["rules"])[2]
                   and (not held_cls or not held_rules or held_cls[2] >= held_rules[2]))
    else:
        enabled = args.enable == "yes"
    if args.out:
        meta = {
            "trained": args.date or datetime.date.today().isoformat(),
            "command": "python -m shiju.train_relation_classifier " + " ".join(str(p) for p in paths)
                       + f" --exclude '{args.exclude}' --out {args.out}"
                       + (f" --c {args.c}" if args.c is not None else "")
                       + ("" if args.enable == "auto" else f" --enable {args.enable}"),
            "training_files": [str(p) for p in paths],
            "held_out_ids": args.exclude,
            "training": {"documents": len(docs), "sets": groups, "gold_relations": n_rel, "candidates": n_ex,
                         "positive": n_pos},
            "selected": {"C": c, "apply": list(apply), "threshold_add": ta, "threshold_drop": td},
            "cv": "leave one source set out",
            "cv_relations_prf": {"rules": [round(x, 3) for x in rules],
                                 "classifier": [round(x, 3) for x in cv_best]},
            "cv_per_set_prf": {g: {"rules": [round(x, 3) for x in prf(table["rules"][g])],
                                   "classifier": [round(x, 3) for x in prf(table[best_key][g])]}
                               for g in groups},
            "held_out_prf": ({"documents": len(held), "rules": [round(x, 3) for x in held_rules],
                              "classifier": [round(x, 3) for x in held_cls]} if held_rules and held_cls else None),
            "decision": (f"{'enabled' if enabled else 'disabled'}: relation F1 in grouped CV {cv_best[2]:.3f} vs "
                         f"rules {rules[2]:.3f}" + (f"; held-out {held_cls[2]:.3f} vs rules {held_rules[2]:.3f}"
                                                    if held_cls and held_rules else "")
                         + ("" if args.enable == "auto" else f" (set by --enable {args.enable})")),
        }
        write_model(Path(args.out), weights, bias, apply, ta, td, enabled, meta)
        print(f"wrote {args.out} (enabled: {enabled})", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
