"""Sort quote errors on annotated gold into classes, with counts: what to fix next.

    python -m shiju.quote_errors GOLD... [--keep REGEX] [--exclude REGEX] [--examples N] [--json]

Each gold quote is matched as ``shiju eval`` matches it (text overlap + acceptable speaker). A miss is
sorted by what the system produced:

- no span (no predicted quote overlaps the gold text): ``title`` (the text is not in the scored part —
  a headline kept only in ``title:``), ``comment`` (in a forum comment), ``indirect`` (unmarked reported
  speech, ``direct: false``), ``partial`` (a short or clause-internal marked quote), ``multi_sentence``
  (a marked quote running over several sentences), ``direct_other``; ``merged`` when the only
  overlapping prediction was already matched to another gold quote;
- span found, speaker wrong: ``not_linked`` (no actor of an acceptable id anywhere in the document),
  ``words_unlinked`` (the rules' speaker words hold a mention of a right actor but were left unlinked:
  伊朗常驻联合国代表团, 巴勒斯坦总统阿巴斯的发言人), ``description`` (该发言人, 这位外长 before the quote in its
  sentence), ``pronoun_elided`` (a pronoun or no named speaker before the quote in its sentence),
  ``speaker_after`` (the speaker is named after the quote), ``org_vs_person`` (a person where an
  organisation/state was meant or the reverse), ``two_candidates`` (a right actor is also named before the
  quote in its sentence: the rules took the other one), ``previous_sentence`` (no actor before the quote in
  its sentence, no pronoun; a right actor named in the two sentences before), ``speaker_other``.

A false positive (a predicted quote matching no gold quote) is ``boundary`` (it overlaps a gold quote
another prediction took, or a gold quote found with another span), ``reply_excerpt`` (inside a comment's
excerpt of another comment), ``name_in_marks`` (a short marked text after a naming word: 所谓, 称为, 名为…
from cues.yaml ``name_markers``), ``scare`` (a short marked text, ≤ 10 characters), ``indirect_fp``,
``direct_fp``.

Blind files are refused (shiju.training_data.gold_paths): their errors are never read.
"""
from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Any, Iterable

MISS_NO_SPAN = ("title", "comment", "indirect", "partial", "multi_sentence", "direct_other", "merged")
MISS_SPEAKER = ("not_linked", "words_unlinked", "description", "pronoun_elided", "speaker_after", "org_vs_person",
                "two_candidates", "previous_sentence", "speaker_other")
FALSE_POS = ("boundary", "reply_excerpt", "name_in_marks", "scare", "indirect_fp", "direct_fp")
STAGES = ("normalize", "actors", "time", "quotes")

_OPEN = "“「『\"‘"
_CLOSE = "”」』\"’"
_SENT_END = "。！？!?"
_PRONOUNS = ("他们", "她们", "他", "她", "其", "二人", "两人", "双方", "对方")
_SHORT_PARTIAL = 12  # a marked quote this short is a partial quote / verdict, whatever precedes it


@dataclass
class Sorted:
    """Counts per class and a few examples per class (document id, text, gold vs predicted speaker)."""
    counts: Counter = field(default_factory=Counter)
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
        for k, v in other.examples.items():
            self.examples[k].extend(v)
        self.gold += other.gold
        self.found += other.found
        self.predicted += other.predicted


def _sentence_start(text: str, pos: int) -> int:
    i = pos
    while i > 0 and text[i - 1] not in _SENT_END + "\n":
        i -= 1
    return i


def _marked(text: str, a: int, b: int) -> bool:
    """Is text[a:b] enclosed in quote marks (allowing the gold text to start/end just inside them)?"""
    before = text[max(0, a - 1):a]
    inner_open = text[a:a + 1] in _OPEN
    after = text[b:b + 1]
    inner_close = text[b - 1:b] in _CLOSE if b > a else False
    return (before in _OPEN or inner_open) and (after in _CLOSE or inner_close or after in "。，")


def no_span_class(item: dict[str, Any], part: str, text: str, span: tuple[int, int] | None) -> str:
    """The class of a gold quote no prediction overlaps."""
    if span is None:
        return "title"
    if part.startswith("comment:"):
        return "comment"
    if not item.get("direct", True):
        return "indirect"
    a, b = span
    inner = text[a:b].strip(_OPEN + _CLOSE)
    if any(ch in _SENT_END for ch in inner.rstrip(_SENT_END + "…")):
        return "multi_sentence"
    before = text[max(0, a - 2):a].lstrip(_OPEN)
    clause_start = not before or before[-1:] in "：:，,。\n" or (text[a - 1:a] in _OPEN and text[a - 2:a - 1] in "：:，,。\n")
    if len(inner) <= _SHORT_PARTIAL or not clause_start:
        return "partial"
    return "direct_other"


def speaker_class(doc: Any, item: dict[str, Any], part: str, span: tuple[int, int], pred: Any,
                  gold_ids: list[str], lex_determiners: Iterable[str]) -> str:
    """The class of a gold quote found with a wrong or no speaker."""
    from shiju.evaluation import id_acceptable

    ok = [a for a in doc.actors if id_acceptable(gold_ids, a.id, doc)]
    if not ok:
        return "not_linked"
    text = doc.part_text(part)
    a, b = span
    s0 = _sentence_start(text, a)
    lead = text[s0:a]
    ment = [m for act in ok for m in act.mentions if m.part == part]
    if (pred is not None and pred.speaker is None and pred.speaker_start is not None
            and any(pred.speaker_start <= m.start and m.end <= pred.speaker_end for m in ment)):
        return "words_unlinked"
    if any(d in lead for d in lex_determiners):
        return "description"
    if any(b <= m.start < b + 40 and not any(ch in _SENT_END for ch in text[b:m.start].rstrip(_CLOSE))
           for m in ment) and not any(s0 <= m.start < a for m in ment):
        return "speaker_after"
    p1 = _sentence_start(text, max(0, s0 - 1))
    p0 = _sentence_start(text, max(0, p1 - 1))
    if any(p in lead for p in _PRONOUNS):
        return "pronoun_elided"
    if not any(s0 <= m.start < a for act in doc.actors for m in act.mentions if m.part == part):
        return "previous_sentence" if any(p0 <= m.start < s0 for m in ment) else "pronoun_elided"
    if pred is not None and pred.speaker is not None:
        gold_person = any(str(g).startswith(("per:", "local:")) for g in gold_ids)
        pred_person = str(pred.speaker).startswith(("per:", "local:"))
        if gold_person != pred_person:
            return "org_vs_person"
        if any(s0 <= m.start < a for m in ment):
            return "two_candidates"
    return "speaker_other"


def fp_class(doc: Any, q: Any, gold_spans: list[tuple[str, tuple[int, int]]], excerpt: list[bool] | None,
             name_markers: Iterable[str]) -> str:
    """The class of a predicted quote that matches no gold quote."""
    if any(p == q.part and s[0] < q.end and q.start < s[1] for p, s in gold_spans):
        return "boundary"
    if excerpt is not None and q.start < len(excerpt) and excerpt[q.start]:
        return "reply_excerpt"
    if not q.direct:
        return "indirect_fp"
    text = doc.part_text(q.part)
    inner = q.text.strip(_OPEN + _CLOSE)
    before = text[max(0, q.start - 6):q.start].rstrip(_OPEN)
    if len(inner) <= 10 and any(before.endswith(w) for w in name_markers):
        return "name_in_marks"
    if len(inner) <= 10:
        return "scare"
    return "direct_fp"


def sort_document(g: dict[str, Any], doc: Any, keep: int = 3, lex: Any = None) -> Sorted:
    """Sort the quote errors of one gold document against the pipeline's output ``doc``."""
    from shiju.evaluation import _ids, _Locator, _overlap, _part_of, id_acceptable

    out = Sorted()
    loc = _Locator(doc)
    used: set[int] = set()
    determiners = tuple(lex.determiners) if lex is not None else ("这位", "该", "这名")
    markers = tuple(lex.name_markers) if lex is not None else ("所谓", "称为", "名为")
    gold_spans: list[tuple[str, tuple[int, int]]] = []
    for item in g.get("quotes") or []:
        out.gold += 1
        part = _part_of(item)
        gtext = str(item["text"])
        span = loc.find(part, gtext, item.get("n")) or loc.find(part, gtext[:12])
        gold_ids = _ids(item.get("speaker"))
        span_hit = hit = None
        taken = False
        if span is not None:
            gold_spans.append((part, span))
            for k, q in enumerate(doc.quotes):
                if q.part != part or not _overlap((q.start, q.end), span):
                    continue
                if k in used:
                    taken = True
                    continue
                if span_hit is None:
                    span_hit = k
                if id_acceptable(gold_ids, q.speaker, doc) or (not gold_ids and q.speaker is None):
                    hit = k
                    break
        if hit is not None:
            used.add(hit)
            out.found += 1
            continue
        try:
            text = doc.part_text(part)
        except KeyError:
            text = ""
        if span_hit is None:
            cls = "merged" if taken else no_span_class(item, part, text, span)
            out.add(cls, f"{doc.id} [{part}] {gtext[:40]} -> {gold_ids}", keep)
        else:
            used.add(span_hit)
            pred = doc.quotes[span_hit]
            assert span is not None
            cls = speaker_class(doc, item, part, span, pred, gold_ids, determiners)
            out.add(cls, f"{doc.id} [{part}] {gtext[:40]} -> {gold_ids} got {pred.speaker} "
                         f"({pred.speaker_text})", keep)
    excerpts: dict[str, list[bool]] = {}
    for k, q in enumerate(doc.quotes):
        out.predicted += 1
        if k in used:
            continue
        if q.part not in excerpts and q.part.startswith("comment:"):
            from shiju.quotes import _excerpt_mask  # the stage's own notion of a reply excerpt
            excerpts[q.part] = _excerpt_mask(doc.view(q.part).simplified, q.part, doc)
        cls = fp_class(doc, q, gold_spans, excerpts.get(q.part), markers)
        out.add(cls, f"{doc.id} [{q.part}] {q.text[:40]} speaker {q.speaker} ({q.speaker_text})", keep)
    return out


def sort_gold(gold_docs: list[dict[str, Any]], keep: int = 3, pipeline: Any = None) -> Sorted:
    """Run the pipeline up to quotes on gold documents carrying ``quotes`` and sort their errors."""
    from shiju import quotes as quotes_stage
    from shiju.evaluation import gold_document
    from shiju.pipeline import Pipeline

    pipe = pipeline or Pipeline(STAGES)
    lex = quotes_stage.load_lexicon()
    total = Sorted()
    for g in gold_docs:
        if "quotes" not in g:
            continue
        total.merge(sort_document(g, pipe(gold_document(g)), keep, lex))
    return total


def table(s: Sorted) -> str:
    """A plain-text table of counts per class (the three groups of the module docstring)."""
    lines = [f"gold quotes {s.gold}, found {s.found} (R {s.found / s.gold if s.gold else 0:.3f}), "
             f"predicted {s.predicted}"]
    for title, classes in (("missed, no span", MISS_NO_SPAN), ("missed, speaker wrong", MISS_SPEAKER),
                           ("false positives", FALSE_POS)):
        n = sum(s.counts[c] for c in classes)
        lines.append(f"{title}: {n}")
        for c in classes:
            if s.counts[c]:
                lines.append(f"  {c:16s} {s.counts[c]:4d}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    from shiju.evaluation import load_gold
    from shiju.training_data import gold_paths

    ap = argparse.ArgumentParser(prog="python -m shiju.quote_errors", description=__doc__.split("\n")[0])
    ap.add_argument("gold", nargs="+", help="non-blind gold files (globs allowed)")
    ap.add_argument("--keep", default=None, help="only documents whose id matches this regex")
    ap.add_argument("--exclude", default=None, help="skip documents whose id matches this regex")
    ap.add_argument("--examples", type=int, default=0, help="print up to N examples per class")
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args(argv)
    docs = [g for g in load_gold(gold_paths(args.gold, purpose="error analysis"))
            if (not args.keep or re.search(args.keep, str(g.get("id"))))
            and not (args.exclude and re.search(args.exclude, str(g.get("id"))))]
    s = sort_gold(docs, keep=args.examples)
    if args.json:
        print(json.dumps({"gold": s.gold, "found": s.found, "predicted": s.predicted,
                          "counts": dict(s.counts)}, ensure_ascii=False, sort_keys=True))
    else:
        print(table(s))
        for c in MISS_NO_SPAN + MISS_SPEAKER + FALSE_POS:
            for ex in s.examples.get(c, []):
                print(f"{c:16s} {ex}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
