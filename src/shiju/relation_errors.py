"""Sort relation errors on annotated gold into classes, with counts: what to fix next.

    python -m shiju.relation_errors GOLD... [--keep REGEX] [--exclude REGEX] [--examples N] [--json] [--comments]

Each gold relation is matched as ``shiju eval`` matches it (same type, same pair; ordered for dependence
and membership; an ISO3 gold id accepts any actor of that country; the same part). Body relations are
sorted by default (the headline figure); ``--comments`` sorts those asserted in forum comments
(``comment_relations``) instead. Gold relations carry no span, so a
miss is sorted by what the system produced and by the sentences that name both parties:

- the system had the relation in another shape: ``flagged`` (same type and pair, but negated or
  hypothetical), ``wrong_type`` (same pair, another type; the counts also go by ``pred→gold``),
  ``wrong_direction`` (an ordered type with the pair reversed), ``wrong_partner`` (same type, one of
  the two parties right, the other not);
- the system had nothing for the pair: ``not_linked`` (a party has no acceptable actor mention in the
  document), ``not_same_sentence`` (no sentence names both: a carried subject, 两国/双方, a pronoun),
  ``no_phrase`` (a sentence names both but holds none of the lexicon's relation words, the `triggers`:
  the phrases to add; their sentences are listed with ``--examples``), ``no_pattern`` (a relation word
  is there but no template matched the sentence), ``pattern_other_pair`` (a template matched in the
  sentence but related other actors: argument work).

A false positive (a predicted relation matching no gold relation) is ``fp_type`` (the pair is in the
gold with another type), ``fp_direction``, ``fp_flag_missed`` (gold has it as negated or hypothetical),
``fp_pair`` (one party of a gold relation of that type, the other wrong), ``fp_other`` (nothing in the
gold near it: over-reading, or a relation the annotator did not write).

Blind files are refused (shiju.training_data.gold_paths): their errors are never read.
"""
from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Any

MISS_SHAPE = ("flagged", "wrong_type", "wrong_direction", "wrong_partner")
MISS_NOTHING = ("not_linked", "not_same_sentence", "no_phrase", "no_pattern", "pattern_other_pair")
FALSE_POS = ("fp_type", "fp_direction", "fp_flag_missed", "fp_pair", "fp_other")
STAGES = ("normalize", "actors", "time", "quotes", "relations")


@dataclass
class Sorted:
    """Counts per class and a few examples per class."""
    counts: Counter = field(default_factory=Counter)
    type_confusions: Counter = field(default_factory=Counter)  # "pred→gold" for wrong_type misses
    examples: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    gold: int = 0
    found: int = 0
    predicted: int = 0

    def add(self, cls: str, example: str, keep: int) -> None:
        self.counts[cls] += 1
        if len(self.examples[cls]) < keep:
            self.examples[cls].append(example)

    def merge(self, other: "Sorted") -> None:
        self.counts.update(other.counts)
        self.type_confusions.update(other.type_confusions)
        for k, v in other.examples.items():
            self.examples[k].extend(v)
        self.gold += other.gold
        self.found += other.found
        self.predicted += other.predicted


def _flagged(r: dict[str, Any]) -> bool:
    return bool(r.get("negated") or r.get("hypothetical"))


def _ok(doc: Any, gold: Any, pred: str) -> bool:
    from shiju.evaluation import _ids, id_acceptable_lenient

    return id_acceptable_lenient(_ids(gold), pred, doc)


def _pair_fits(doc: Any, gr: dict[str, Any], a: str, b: str, ordered: bool) -> bool:
    if _ok(doc, gr.get("a"), a) and _ok(doc, gr.get("b"), b):
        return True
    return not ordered and _ok(doc, gr.get("a"), b) and _ok(doc, gr.get("b"), a)


def _spans(doc: Any, gold_id: Any) -> list[tuple[str, int, int]]:
    """(part, start, end) of every predicted mention whose actor is acceptable for the gold id."""
    out = []
    for a in doc.actors:
        if _ok(doc, gold_id, a.id):
            out.extend((m.part, m.start, m.end) for m in a.mentions)
    return out


def _sentences(doc: Any) -> list[tuple[str, int, int]]:
    from shiju.text.sentences import sentences

    out = []
    for part, text in doc.parts():
        out.extend((part, s, e) for s, e in sentences(text))
    return out


def miss_class(doc: Any, gr: dict[str, Any], preds: list[Any], flagged: list[Any], lex: Any,
               sents: list[tuple[str, int, int]]) -> tuple[str, str]:
    """The class of one missed gold relation and a line of evidence (the sentence when there is one)."""
    from shiju.evaluation import ORDERED_RELATIONS

    gtype = gr.get("type")
    ordered = gtype in ORDERED_RELATIONS
    if any(p.type == gtype and _pair_fits(doc, gr, p.a, p.b, ordered) for p in flagged):
        return "flagged", ""
    other = [p for p in preds if p.type != gtype and _pair_fits(doc, gr, p.a, p.b, False)]
    if other:
        return "wrong_type", other[0].type
    if ordered and any(p.type == gtype and _pair_fits(doc, gr, p.b, p.a, True) for p in preds):
        return "wrong_direction", ""
    for p in preds:
        if p.type == gtype and any(_ok(doc, gr.get(s), x) for s in ("a", "b") for x in (p.a, p.b)):
            return "wrong_partner", f"pred {p.a}-{p.b}: {p.sentence[:60]}"
    sa, sb = _spans(doc, gr.get("a")), _spans(doc, gr.get("b"))
    if not sa or not sb:
        return "not_linked", f"missing {'a' if not sa else 'b'}"
    both = [(part, s, e) for part, s, e in sents
            if any(p == part and s <= x < e for p, x, _ in sa) and any(p == part and s <= x < e for p, x, _ in sb)]
    if not both:
        return "not_same_sentence", ""
    texts = [(part, s, e, doc.view(part).simplified[doc.view(part).to_simplified(s):doc.view(part).to_simplified(e)])
             for part, s, e in both]
    sent = texts[0][3]
    if lex.triggers is not None and not any(lex.triggers.search(t) for *_, t in texts):
        return "no_phrase", sent
    if any(p.part == part and p.start == s for p in preds for part, s, _, _ in texts):
        return "pattern_other_pair", sent
    return "no_pattern", sent


def fp_class(doc: Any, pr: Any, gold: list[dict[str, Any]]) -> str:
    from shiju.evaluation import ORDERED_RELATIONS

    ordered = pr.type in ORDERED_RELATIONS
    if any(_flagged(g) and g.get("type") == pr.type and _pair_fits(doc, g, pr.a, pr.b, ordered) for g in gold):
        return "fp_flag_missed"
    if any(not _flagged(g) and g.get("type") != pr.type and _pair_fits(doc, g, pr.a, pr.b, False) for g in gold):
        return "fp_type"
    if ordered and any(g.get("type") == pr.type and _pair_fits(doc, g, pr.b, pr.a, True) for g in gold):
        return "fp_direction"
    if any(g.get("type") == pr.type and any(_ok(doc, g.get(s), x) for s in ("a", "b") for x in (pr.a, pr.b))
           for g in gold):
        return "fp_pair"
    return "fp_other"


def sort_document(g: dict[str, Any], doc: Any, keep: int = 3, lex: Any = None, comments: bool = False) -> Sorted:
    """Sort the relation errors of one gold document against the pipeline's output ``doc``, matching
    with shiju.evaluation.relation_matches as score_relations does (first acceptable unused prediction in
    the same part): the body's relations, or with ``comments`` those asserted in forum comments."""
    from shiju import relations as stage
    from shiju.evaluation import gold_part, relation_matches

    lex = lex or stage.load_lexicon()
    out = Sorted()

    def wanted(part: str) -> bool:
        return (part != "body") == comments

    gold = [r for r in g.get("relations") or [] if wanted(gold_part(r))]
    mine = [r for r in doc.relations if wanted(r.part)] if doc.comments or not comments else []
    preds = [r for r in mine if not r.negated and not r.hypothetical]
    flagged = [r for r in mine if r.negated or r.hypothetical]
    out.predicted = len(preds)
    used: set[int] = set()
    sents = _sentences(doc)
    for gr in gold:
        if _flagged(gr):
            continue
        out.gold += 1
        hit = next((k for k, p in enumerate(preds) if k not in used and relation_matches(gr, p, doc)), None)
        if hit is not None:
            used.add(hit)
            out.found += 1
            continue
        cls, ev = miss_class(doc, gr, preds, flagged, lex, sents)
        if cls == "wrong_type":
            out.type_confusions[f"{ev}→{gr.get('type')}"] += 1
        out.add(cls, f"{doc.id} {gr.get('a')}-{gr.get('type')}-{gr.get('b')} {ev}", keep)
    for k, p in enumerate(preds):
        if k in used:
            continue
        out.add(fp_class(doc, p, gold), f"{doc.id} {p.a}-{p.type}-{p.b}: {p.sentence[:70]}", keep)
    return out


def sort_gold(gold_docs: list[dict[str, Any]], keep: int = 3, pipeline: Any = None, comments: bool = False) -> Sorted:
    """Run the pipeline up to relations on gold documents carrying ``relations`` and sort their errors."""
    from shiju.evaluation import gold_document
    from shiju.pipeline import Pipeline
    from shiju import relations as stage

    pipe = pipeline or Pipeline(STAGES)
    lex = stage.load_lexicon()
    total = Sorted()
    for g in gold_docs:
        if "relations" not in g:
            continue
        total.merge(sort_document(g, pipe(gold_document(g)), keep, lex, comments))
    return total


def table(s: Sorted) -> str:
    """A plain-text table of counts per class (the three groups of the module docstring)."""
    fp = sum(s.counts[c] for c in FALSE_POS)
    lines = [f"gold relations {s.gold}, found {s.found} (R {s.found / s.gold if s.gold else 0:.3f}), "
             f"predicted {s.predicted} (P {s.found / s.predicted if s.predicted else 0:.3f}, fp {fp})"]
    for title, classes in (("missed, predicted in another shape", MISS_SHAPE),
                           ("missed, nothing for the pair", MISS_NOTHING), ("false positives", FALSE_POS)):
        lines.append(f"{title}: {sum(s.counts[c] for c in classes)}")
        for c in classes:
            if s.counts[c]:
                lines.append(f"  {c:20s} {s.counts[c]:4d}")
        if title.startswith("missed, predicted") and s.type_confusions:
            lines.append("  (wrong_type pred→gold: " + ", ".join(
                f"{k} {v}" for k, v in s.type_confusions.most_common()) + ")")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    from shiju.evaluation import load_gold
    from shiju.training_data import gold_paths

    ap = argparse.ArgumentParser(prog="python -m shiju.relation_errors", description=__doc__.split("\n")[0])
    ap.add_argument("gold", nargs="+", help="non-blind gold files (globs allowed)")
    ap.add_argument("--keep", default=None, help="only documents whose id matches this regex")
    ap.add_argument("--exclude", default=None, help="skip documents whose id matches this regex")
    ap.add_argument("--examples", type=int, default=0, help="print up to N examples per class")
    ap.add_argument("--json", action="store_true")
    ap.add_argument("--comments", action="store_true", help="relations asserted in forum comments, not the body's")
    args = ap.parse_args(argv)
    docs = [g for g in load_gold(gold_paths(args.gold, purpose="error analysis"))
            if (not args.keep or re.search(args.keep, str(g.get("id"))))
            and not (args.exclude and re.search(args.exclude, str(g.get("id"))))]
    s = sort_gold(docs, keep=args.examples, comments=args.comments)
    if args.json:
        print(json.dumps({"gold": s.gold, "found": s.found, "predicted": s.predicted,
                          "counts": dict(s.counts), "type_confusions": dict(s.type_confusions)},
                         ensure_ascii=False, sort_keys=True))
    else:
        print(table(s))
        for c in MISS_SHAPE + MISS_NOTHING + FALSE_POS:
            for ex in s.examples.get(c, []):
                print(f"{c:20s} {ex}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
