"""Oracle analysis of the event coder's misses and false positives on annotated (non-blind) gold.

    python -m shiju.events.diagnose tests/gold/fresh5_news_*.yaml [--exclude REGEX] [--keep REGEX] [--json F]

For every gold event the coder misses (matched as ``shiju eval`` matches events: type + actor set +
recipient set within the document), it asks what a learned component could reach:

- **trigger**: does the event lexicon find a trigger of the gold type overlapping the gold evidence
  (``text``), or only one of another type, or none at all;
- **arguments** (for misses where the coder did code the gold type, i.e. an argument error): are the gold
  actor ids and recipient ids among the *candidates* the argument chooser sees — the linked actor mentions
  of the evidence sentence and the previous one, and the speaker of a quote holding the evidence?
  Each argument miss gets one class:
  ``reachable``  every gold id is a candidate: a chooser could pick them (sub-kinds: ``swap``, the coder
                 has the parties the other way round; ``self``, gold names one party on both sides, as for
                 domestic acts; ``other``);
  ``convention`` the parties are right but placed under another convention (a compound actor split
                 over several events, reciprocal parties listed as actor and recipient), or an id of
                 another granularity (an organisation's or official's country instead of the body itself);
  ``linker:out_of_reach`` a gold id is linked in the document but not in reach of the evidence;
  ``linker:not_linked``   a gold id the linker did not give anywhere in the document (missed or another id).

**Where a detection miss was lost** (``lost``, table ``lost``): a miss is a *detection miss* when the coder
coded no countable event of the gold type in the evidence's sentence (the other misses are argument
errors). For those, the coder is run a second time with its learned over-coding filter and detector off and
its trigger candidates recorded (the typer's recording, which changes no output), and the miss gets the
first class that applies, in pipeline order:
  ``no_trigger:none``        no lexicon trigger of any type in the evidence's sentence;
  ``no_trigger:other_type``  triggers of other types only (the gold wording is not in the lexicon);
  ``sentence_skipped``       a trigger of the gold type, but its sentence was read as a reference or an
                             opinion (这是…, 分析人士认为…) and no candidate was built;
  ``guard:<why>``            a candidate of the gold type rejected by a guard (unlicensed: topic, noun
                             without light verb, relative clause…; background, iterated, habit, response,
                             concern, motive);
  ``complement_dropped``     dropped for want of a complement (needs_complement triggers);
  ``absorbed``               taken as part of another event (an object, a charge's content, a means);
  ``no_actor``               built, but no actor in reach;
  ``retyped:<type>``         the rules gave the candidate another type (refusal, complement, arguments);
  ``modality:<flag>``        coded with the gold type but flagged negated / hypothetical against gold;
  ``not_coded``              the gold type kept by the rules, but no event made (one-sided meeting,
                             seminar);
  ``overcoding_filter``      the rules coded it (countable, gold type, in the sentence), the learned
                             over-coding filter dropped it (``overcoding_filter:right`` when its arguments
                             matched the gold);
  ``merged``                 an event of the gold type with the gold's arguments is in the sentence but
                             was matched to another gold event (two tellings the dedup merged);
  ``unlocated``              the evidence text was not found.

False positives are split into: a duplicate of an event already matched (the same event told twice),
the gold type with other arguments (the twin of an argument miss), another type where gold has an event
in the same sentence, coded where gold has a negated/hypothetical event, and over-coding (no gold event
in the sentence).

Blind files are refused (``shiju.training_data.gold_paths``): this is a development tool.
"""
from __future__ import annotations

import argparse
import bisect
import json
import re
import sys
from collections import Counter
from dataclasses import asdict, dataclass, field
from typing import Any, Iterable

STAGES = ("normalize", "actors", "time", "quotes", "events")


@dataclass
class Miss:
    doc: str
    type: str
    actor: list[Any]
    recipient: list[Any]
    text: str
    kind: str  # shiju.evaluation._miss_kind
    trigger: str  # gold_type / other_type / none / unlocated
    argument: str = ""  # for argument misses: reachable / convention:... / linker:...
    roles: dict[str, str] = field(default_factory=dict)  # role -> ok / reachable / out_of_reach / not_linked / granularity
    coded_here: str = ""  # what the coder coded in the evidence's sentence: gold_type / other_type / nothing
    sides: str = ""  # for argument misses coded in the sentence: which side is wrong (actor / recipient / both / swap)
    sub: dict[str, str] = field(default_factory=dict)  # wrong side -> sub-class (see _side_subclass)
    detection: bool = False  # no countable event of the gold type in the evidence's sentence
    lost: str = ""  # for detection misses: where the coder lost it (see the module docstring)


@dataclass
class FalsePositive:
    doc: str
    type: str
    actor: list[str]
    recipient: list[str]
    trigger: str
    kind: str  # duplicate / arguments / other_type / flagged / overcoding


@dataclass
class Diagnosis:
    documents: int = 0
    gold: int = 0
    tp: int = 0
    fp: int = 0
    misses: list[Miss] = field(default_factory=list)
    false_positives: list[FalsePositive] = field(default_factory=list)

    def add(self, other: "Diagnosis") -> None:
        self.documents += other.documents
        self.gold += other.gold
        self.tp += other.tp
        self.fp += other.fp
        self.misses += other.misses
        self.false_positives += other.false_positives

    def tables(self) -> dict[str, Any]:
        """Counts per class, the figures a report quotes."""
        arg = [m for m in self.misses if m.argument]
        return {
            "documents": self.documents, "gold": self.gold, "tp": self.tp, "fp": self.fp,
            "fn": len(self.misses),
            "miss_kind": dict(Counter(m.kind for m in self.misses).most_common()),
            "trigger_of_misses": dict(Counter(f"{m.kind.split(',')[0]} | {m.trigger}" for m in self.misses
                                              ).most_common()),
            "coded_here": dict(Counter(f"{m.kind.split(',')[0]} | {m.coded_here}" for m in self.misses
                                       ).most_common()),
            "argument_class_coded_here": dict(Counter(m.argument for m in arg if m.coded_here == "gold_type"
                                                      ).most_common()),
            "argument_class": dict(Counter(m.argument.split(":")[0] for m in arg).most_common()),
            "argument_detail": dict(Counter(m.argument for m in arg).most_common()),
            "argument_sides": dict(Counter(m.sides for m in arg if m.sides).most_common()),
            "argument_subclass": dict(Counter(f"{r}:{v}" for m in arg for r, v in m.sub.items()).most_common()),
            "role_status": dict(Counter(f"{r}={s}" for m in arg for r, s in m.roles.items()).most_common()),
            "detection_misses": sum(1 for m in self.misses if m.detection),
            "lost": dict(Counter(m.lost for m in self.misses if m.detection).most_common()),
            "lost_by_type": {t: dict(Counter(m.lost.split(":")[0] for m in self.misses
                                             if m.detection and m.type == t).most_common())
                             for t in sorted({m.type for m in self.misses if m.detection})},
            "false_positive_kind": dict(Counter(f.kind for f in self.false_positives).most_common()),
            "false_positive_type": dict(Counter(f"{f.kind}:{f.type}" for f in self.false_positives
                                                ).most_common(20)),
        }


@dataclass
class Trace:
    """What the rule coder did in one document before its learned filters: its events with the over-coding
    filter and the detector off (``rules_events``), and every trigger candidate it considered with the
    rules' verdict (``candidates``: typer.Candidate, offsets in the part's text)."""

    rules_events: list[Any]
    candidates: list[Any]


def trace_document(doc: Any, ctx: Any = None) -> Trace:
    """Run the events stage once more on a copy of ``doc`` (coded through the quotes stage) with the
    over-coding filter and the detector switched off, recording the trigger candidates."""
    import copy

    from shiju.context import AnalysisContext
    from shiju.events import process, typer
    from shiju.events.detector import DetectorModel
    from shiju.events.overcoding import OvercodingModel

    rules_ctx = AnalysisContext(default_date=getattr(ctx, "default_date", None),
                                data_dir=getattr(ctx, "data_dir", None))
    rules_ctx.provide("events.overcoding", OvercodingModel(weights={}, bias=0.0, threshold=0.0,
                                                           enabled=False, cues=()))
    rules_ctx.provide("events.detector", DetectorModel(weights={}, bias=(), threshold=1.0, enabled=False))
    d = copy.deepcopy(doc)
    d.events = []
    with typer.recording() as rec:
        d = process(d, rules_ctx)
    return Trace(rules_events=list(d.events), candidates=[c for doc_cands in rec for c in doc_cands])


def _in_sentence(ev: Any, lo: int, hi: int) -> bool:
    """Whether an event (or one of its merged tellings) is told in the body sentence [lo, hi)."""
    if ev.part != "body":
        return False
    if lo <= ev.start < hi:
        return True
    return any(getattr(x, "part", "body") == "body" and lo <= x.start < hi for x in ev.evidence or [])


def _trigger_types(t: Any) -> set[str]:
    """The types a lexicon trigger may yield: its own and the alternatives it names."""
    return {t.type} | {x for x in (t.single_type, t.civil_type, t.targeted_type, t.foreign_type, t.own_act_type)
                       if x}


def lost_stage(ge: dict[str, Any], span: tuple[int, int], sent: tuple[int, int], doc: Any, trace: Trace,
               lexicon: Any, same: Any) -> str:
    """Where the coder lost a detection miss (module docstring, "Where a detection miss was lost"):
    ``span`` the gold evidence and ``sent`` its sentence in the body's Simplified view; ``doc`` the coded
    document (final events); ``same(ge, event)``: the scorer's type + actor set + recipient set test."""
    gtype = str(ge.get("type"))
    lo, hi = sent
    text = doc.view("body").simplified
    final_here = [e for e in doc.events if e.type == gtype and _in_sentence(e, lo, hi)]
    if any(not e.negated and not e.hypothetical and same(ge, e) for e in final_here):
        return "merged"
    flagged = [e for e in final_here if e.negated or e.hypothetical]
    rules_here = [e for e in trace.rules_events if e.type == gtype and _in_sentence(e, lo, hi)]
    countable = [e for e in rules_here if not e.negated and not e.hypothetical]
    if countable:
        return "overcoding_filter" + (":right" if any(same(ge, e) for e in countable) else "")
    if flagged or rules_here:
        e = (flagged or rules_here)[0]
        return "modality:" + ("negated" if e.negated else "hypothetical")
    found = [(lo + a, lo + b, t) for a, b, t in lexicon.find(text[lo:hi])]
    of_type = [(a, b, t) for a, b, t in found if gtype in _trigger_types(t)]
    if not of_type:
        return "no_trigger:other_type" if found else "no_trigger:none"
    # the gold type's trigger overlapping the evidence first, then the nearest one in the sentence
    of_type.sort(key=lambda x: (not (x[0] < span[1] and x[1] > span[0]), abs(x[0] - span[0])))
    cands = {(c.start, c.end): c for c in trace.candidates if c.part == "body" and lo <= c.start < hi}
    verdicts = [cands[(a, b)].verdict for a, b, _ in of_type if (a, b) in cands]
    if not verdicts:
        return "sentence_skipped"
    v = verdicts[0]
    if v.startswith("gate:"):
        return "guard:" + v[5:]
    if v == "drop":
        return "complement_dropped"
    if v == "absorbed":
        return "absorbed"
    if v == "noargs":
        return "no_actor"
    if v != gtype:
        return "retyped:" + v
    return "not_coded"


# ------------------------------------------------------------------------------------------ helpers
def _country(aid: str, doc: Any) -> str | None:
    """The country an id belongs to: itself for ISO3, the linked actor's, or an office id's prefix."""
    if len(aid) == 3 and aid.isupper():
        return aid
    a = doc.actor_by_id(aid)
    if a is not None and a.country:
        return a.country
    m = re.match(r"office:([a-z]{3})-", aid)
    return m.group(1).upper() if m else None


def _role_status(gold_entries: list[Any], cand_ids: list[str], doc_ids: list[str], pred_ids: list[str],
                 doc: Any) -> str:
    """How reachable one role's gold set is: ok (the coder's set already matches), reachable (every gold
    entry is satisfied by a candidate), granularity (an unreached entry shares its country with a
    candidate), out_of_reach (linked elsewhere in the document), not_linked."""
    from shiju.evaluation import _ids, _set_match, id_acceptable_lenient

    if _set_match(list(gold_entries), pred_ids, doc):
        return "ok"
    worst = "reachable"
    order = ["reachable", "granularity", "out_of_reach", "not_linked"]
    for entry in gold_entries:
        gl = _ids(entry)
        if any(id_acceptable_lenient(gl, c, doc) for c in cand_ids):
            continue
        countries = {_country(g, doc) for g in gl} - {None}
        if any(_country(c, doc) in countries for c in cand_ids):
            st = "granularity"
        elif any(id_acceptable_lenient(gl, c, doc) for c in doc_ids):
            st = "out_of_reach"
        else:
            st = "not_linked"
        if order.index(st) > order.index(worst):
            worst = st
    return worst


def _parties_cover(ge: dict[str, Any], events: list[Any], doc: Any) -> str | None:
    """The convention sub-class when the coder's events of the gold type name exactly the gold's parties
    but under another convention: 'reciprocal' (one side lists every party as actor with no recipient,
    the other directs the act), 'split' (the parties spread over several events). None otherwise."""
    from shiju.evaluation import _ids, id_acceptable_lenient

    entries = [_ids(x) for x in [*(ge.get("actor") or []), *(ge.get("recipient") or [])]]
    if not entries:
        return None

    def covers(ids: list[str]) -> bool:
        return bool(ids) and all(any(id_acceptable_lenient(gl, p, doc) for p in ids) for gl in entries) and all(
            any(id_acceptable_lenient(gl, p, doc) for gl in entries) for p in ids)

    same = [e for e in events if e.type == ge.get("type")]
    g_recip = bool(ge.get("recipient"))
    for e in same:
        if not covers([*e.actor, *e.recipient]):
            continue
        if (len(ge.get("actor") or []) > 1 and not g_recip and e.recipient) or (
                len(e.actor) > 1 and not e.recipient and g_recip):
            return "reciprocal"
    union = [x for e in same for x in [*e.actor, *e.recipient]
             if any(id_acceptable_lenient(gl, x, doc) for gl in entries)]
    if len(same) > 1 and union and covers(list(dict.fromkeys(union))) and not any(
            covers([*e.actor, *e.recipient]) for e in same):
        return "split"
    return None


def _reachable_kind(ge: dict[str, Any], events: list[Any], doc: Any) -> str:
    """What a chooser would have to learn for a reachable miss: 'swap' (the coder has the two parties the
    other way round), 'self' (gold names the same party on both sides: domestic acts), else 'other'."""
    from shiju.evaluation import _set_match

    ga, gr = list(ge.get("actor") or []), list(ge.get("recipient") or [])
    if ga and gr and sorted(map(str, ga)) == sorted(map(str, gr)):
        return "self"
    if any(e.type == ge.get("type") and e.actor and e.recipient and _set_match(ga, e.recipient, doc)
           and _set_match(gr, e.actor, doc) for e in events):
        return "swap"
    return "other"


_CLAUSE_PUNCT = "，,；;：:。！？!?"


def _side_subclass(gold_entries: list[Any], pred_ids: list[str], doc: Any, sent_ids: set[str],
                   trig_clause_ids: set[str]) -> str:
    """Why one role's predicted set misses the gold set: ``spurious`` (gold empty), ``empty`` (nothing
    predicted), ``missing_member`` / ``extra_member`` (a compound set short of or beyond the gold's),
    ``person_vs_state`` (the unmatched ids share a country: 王毅 vs CHN), ``not_in_sentence`` (the gold
    party is not named in the sentence: an elided or pronoun subject), ``wrong_clause`` (the coder's
    party is named outside the trigger's clause, the gold's inside it), else ``wrong_party``."""
    from shiju.evaluation import _ids, id_acceptable_lenient

    gl = [_ids(x) for x in gold_entries]
    if not gl:
        return "spurious"
    if not pred_ids:
        return "empty"
    covered = [any(id_acceptable_lenient(g, p, doc) for p in pred_ids) for g in gl]
    used = [any(id_acceptable_lenient(g, p, doc) for g in gl) for p in pred_ids]
    if all(covered) and not all(used):
        return "extra_member"
    if all(used) and not all(covered):
        return "missing_member"
    miss_g = [g for g, c in zip(gl, covered) if not c]
    wrong_p = [p for p, u in zip(pred_ids, used) if not u]
    gc = {_country(x, doc) for g in miss_g for x in g} - {None}
    if any(_country(p, doc) in gc for p in wrong_p):
        return "person_vs_state"
    if not any(id_acceptable_lenient(g, p, doc) for g in miss_g for p in sent_ids):
        return "not_in_sentence"
    if (any(id_acceptable_lenient(g, p, doc) for g in miss_g for p in trig_clause_ids)
            and not any(p in trig_clause_ids for p in wrong_p)):
        return "wrong_clause"
    return "wrong_party"


def _subclass(ge: dict[str, Any], here: list[Any], doc: Any, text: str, ms: list[tuple[int, int, str]],
              sent: tuple[int, int]) -> tuple[str, dict[str, str]]:
    """Which side of the nearest coded event of the gold type in the sentence is wrong, and why."""
    from shiju.evaluation import _set_match

    ga, gr = list(ge.get("actor") or []), list(ge.get("recipient") or [])
    ss, se = sent
    sent_ids = {m[2] for m in ms if ss <= m[0] and m[1] <= se}
    best = None
    for pe in here:
        wrong = int(not _set_match(ga, pe.actor, doc)) + int(not _set_match(gr, pe.recipient, doc))
        if best is None or wrong < best[0]:
            best = (wrong, pe)
    if best is None:
        return "", {}
    pe = best[1]
    if pe.actor and pe.recipient and ga and gr and _set_match(ga, pe.recipient, doc) and _set_match(gr, pe.actor, doc):
        return "swap", {}
    ts = pe.trigger_start if pe.trigger_start is not None else pe.start
    lo = max([ss] + [i + 1 for i in range(ss, ts) if text[i] in _CLAUSE_PUNCT])
    hi = next((i for i in range(ts, se) if text[i] in _CLAUSE_PUNCT), se)
    clause_ids = {m[2] for m in ms if lo <= m[0] and m[1] <= hi}
    sub = {}
    for role, g in (("actor", ga), ("recipient", gr)):
        if not _set_match(g, list(getattr(pe, role)), doc):
            sub[role] = _side_subclass(g, list(getattr(pe, role)), doc, sent_ids, clause_ids)
    return ("both" if len(sub) == 2 else next(iter(sub), "")), sub


# ------------------------------------------------------------------------------------------ analysis
def diagnose_document(g: dict[str, Any], doc: Any, lexicon: Any, trace: Trace | None = None) -> Diagnosis:
    """The misses and false positives of one coded gold document (body events, as ``shiju eval``).
    ``trace``: the rules' events and candidates (``trace_document``); without it detection misses are
    marked but not given a ``lost`` class."""
    from shiju.evaluation import _Locator, _countable, _miss_kind, _part_of, _set_match
    from shiju.events.chooser import index_document

    out = Diagnosis(documents=1)
    gold = [e for e in g.get("events") or [] if _part_of(e) == "body"]
    preds = [e for e in doc.events if e.part == "body"]
    gold_count = [e for e in gold if _countable(e)]
    gold_flagged = [e for e in gold if not _countable(e)]
    pred_count = [e for e in preds if not e.negated and not e.hypothetical]
    out.gold = len(gold_count)
    ix = index_document(doc)
    loc = _Locator(doc)
    spans = {id(ge): loc.find("body", str(ge.get("text") or ""), ge.get("n")) if ge.get("text") else None
             for ge in gold}
    text = doc.view("body").simplified
    sents = ix.sentences.get("body", [])
    starts = [s for s, _ in sents]
    ms = ix.mentions.get("body", [])
    doc_ids = [a.id for a in doc.actors]

    def sentence_of(pos: int) -> int:
        return max(0, bisect.bisect_right(starts, pos) - 1)

    def same(ge: dict, pe: Any) -> bool:
        return (ge.get("type") == pe.type and _set_match(list(ge.get("actor") or []), pe.actor, doc)
                and _set_match(list(ge.get("recipient") or []), pe.recipient, doc))

    used: dict[int, dict] = {}
    for ge in gold_count:
        hit = next((k for k, pe in enumerate(pred_count) if k not in used and same(ge, pe)), None)
        if hit is not None:
            used[hit] = ge
            out.tp += 1
            continue
        kind = _miss_kind(ge, preds, doc)
        span = spans.get(id(ge))
        miss = Miss(doc=str(g.get("id")), type=str(ge.get("type")), actor=list(ge.get("actor") or []),
                    recipient=list(ge.get("recipient") or []), text=str(ge.get("text") or ""), kind=kind,
                    trigger="unlocated")
        if span is not None:
            found = [t for s, e, t in lexicon.find(text[span[0]:span[1]])]
            # a trigger (or pattern) of the evidence's sentence reaching into the evidence counts too
            lo, hi = sents[sentence_of(span[0])] if sents else (0, len(text))
            found += [t for s, e, t in lexicon.find(text[lo:hi]) if lo + s < span[1] and lo + e > span[0]]
            types = {t.type for t in found} | {x for t in found for x in (t.single_type, t.civil_type,
                                                                             t.targeted_type, t.foreign_type,
                                                                             t.own_act_type) if x}
            miss.trigger = "gold_type" if ge.get("type") in types else ("other_type" if found else "none")
        if span is not None:
            k0 = sentence_of(span[0])
            here = [pe for pe in pred_count if sentence_of(pe.start) == k0]
            miss.coded_here = ("gold_type" if any(pe.type == ge.get("type") for pe in here)
                               else "other_type" if here else "nothing")
            if sents:
                lo, hi = sents[k0]
                miss.detection = not any(pe.type == ge.get("type") and _in_sentence(pe, lo, hi)
                                         for pe in pred_count)
                if miss.detection and trace is not None:
                    miss.lost = lost_stage(ge, span, (lo, hi), doc, trace, lexicon, same)
            if miss.coded_here == "gold_type" and kind.startswith("right type") and sents:
                miss.sides, miss.sub = _subclass(ge, [pe for pe in here if pe.type == ge.get("type")], doc,
                                                 text, ms, sents[k0])
        if kind.startswith("right type") and span is not None:
            k = sentence_of(span[0])
            ss, se = sents[k] if sents else (0, len(text))
            cand = [m[2] for m in ms if ss <= m[0] and m[1] <= se]
            if k >= 1:
                ps, pe_ = sents[k - 1]
                cand += [m[2] for m in ms if ps <= m[0] and m[1] <= pe_]
            cand += [q.speaker for q in doc.quotes if q.part == "body" and q.speaker
                     and q.start <= span[0] < q.end]
            cand = list(dict.fromkeys(cand))
            same_type = [pe for pe in pred_count if pe.type == ge.get("type")]
            conv = _parties_cover(ge, same_type, doc)
            best: dict[str, str] | None = None
            for pe in same_type or [None]:
                st = {r: _role_status(list(ge.get(r) or []), cand, doc_ids, list(getattr(pe, r, []) or []), doc)
                      for r in ("actor", "recipient")}
                rank = sum(["ok", "reachable", "granularity", "out_of_reach", "not_linked"].index(v)
                           for v in st.values())
                if best is None or rank < best["_rank"]:  # type: ignore[operator]
                    best = {**st, "_rank": rank}  # type: ignore[dict-item]
            assert best is not None
            best.pop("_rank")
            miss.roles = best
            vals = set(best.values())
            if conv:
                miss.argument = f"convention:{conv}"
            elif "not_linked" in vals:
                miss.argument = "linker:not_linked"
            elif "out_of_reach" in vals:
                miss.argument = "linker:out_of_reach"
            elif "granularity" in vals:
                miss.argument = "convention:granularity"
            else:
                miss.argument = "reachable:" + _reachable_kind(ge, same_type, doc)
        out.misses.append(miss)

    gold_sents = {sentence_of(spans[id(ge)][0]) for ge in gold_count if spans.get(id(ge))}
    for k, pe in enumerate(pred_count):
        if k in used:
            continue
        out.fp += 1
        if any(same(ge, pe) for ge in gold_flagged):
            kind = "flagged"
        elif any(same(ge, pe) for ge in used.values()):
            kind = "duplicate"
        elif any(ge.get("type") == pe.type for ge in gold_count if not any(u is ge for u in used.values())):
            kind = "arguments"
        elif sentence_of(pe.start) in gold_sents:
            kind = "other_type"
        else:
            kind = "overcoding"
        out.false_positives.append(FalsePositive(doc=str(g.get("id")), type=pe.type, actor=list(pe.actor),
                                                 recipient=list(pe.recipient), trigger=pe.trigger or "",
                                                 kind=kind))
    return out


def diagnose(paths: Iterable[str], exclude: str | None = None, keep: str | None = None,
             lost: bool = True) -> Diagnosis:
    """Run the coder (normalize → events) over the gold files' documents and diagnose each; ``lost``:
    also trace where each detection miss was lost (codes the events stage a second time)."""
    from shiju.evaluation import gold_document
    from shiju.events.lexicon import build_lexicon
    from shiju.pipeline import Pipeline
    from shiju.training_data import gold_for, gold_paths

    files = gold_paths(list(paths), purpose="diagnosis")
    before = Pipeline(STAGES[:-1])
    events = Pipeline(STAGES[-1:], ctx=before.ctx)
    lexicon = build_lexicon()
    total = Diagnosis()
    for g in gold_for(files, "events", exclude, keep):
        pre = before(gold_document(g))
        trace = trace_document(pre, before.ctx) if lost else None
        total.add(diagnose_document(g, events(pre), lexicon, trace))
    return total


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m shiju.events.diagnose", description=__doc__.split("\n")[0])
    ap.add_argument("gold", nargs="+", help="gold files or globs (blind files are refused)")
    ap.add_argument("--exclude", help="skip documents whose id matches this regex (e.g. held-out halves '-b-')")
    ap.add_argument("--keep", help="only documents whose id matches this regex")
    ap.add_argument("--json", help="also write every miss and false positive to this file")
    ap.add_argument("--list", action="store_true", help="print every miss and false positive")
    a = ap.parse_args(argv)
    d = diagnose(a.gold, a.exclude, a.keep)
    print(json.dumps(d.tables(), ensure_ascii=False, indent=1))
    if a.list:
        for m in d.misses:
            print("FN", m.doc, m.type, m.actor, "->", m.recipient, m.text, "|", m.kind, "|", m.trigger, "|",
                  m.coded_here, "|", m.argument, m.roles, m.sides, m.sub, "|", m.lost)
        for f in d.false_positives:
            print("FP", f.doc, f.type, f.actor, "->", f.recipient, f.trigger, "|", f.kind)
    if a.json:
        with open(a.json, "w", encoding="utf-8") as fh:
            json.dump({"tables": d.tables(), "misses": [asdict(m) for m in d.misses],
                       "false_positives": [asdict(f) for f in d.false_positives]}, fh, ensure_ascii=False,
                      indent=1)
    return 0


if __name__ == "__main__":
    sys.exit(main())
