"""Score the pipeline on annotated gold documents (format: docs/annotation.md).

Every component is scored only on documents whose gold carries its key, so a document annotated for
times alone does not count as "no actors". Matching rules are documented in docs/annotation.md.
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterable, Sequence

from shiju.model import Comment, Document, content_id

COMPONENTS = ("actors", "times", "quotes", "events", "relations", "stance")
ORDERED_RELATIONS = frozenset({"dependence", "membership"})  # relation types whose pair has a direction


class GoldError(ValueError):
    """A gold file that cannot be used; the message names the file and the reason."""


@dataclass
class Score:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def add(self, other: "Score") -> None:
        self.tp += other.tp
        self.fp += other.fp
        self.fn += other.fn

    def as_dict(self) -> dict[str, Any]:
        return {"tp": self.tp, "fp": self.fp, "fn": self.fn, "precision": round(self.precision, 4),
                "recall": round(self.recall, 4), "f1": round(self.f1, 4)}


@dataclass
class Accuracy:
    right: int = 0
    total: int = 0

    @property
    def value(self) -> float:
        return self.right / self.total if self.total else 0.0

    def as_dict(self) -> dict[str, Any]:
        return {"right": self.right, "total": self.total, "accuracy": round(self.value, 4)}


@dataclass
class Report:
    documents: int = 0
    scores: dict[str, Score] = field(default_factory=lambda: defaultdict(Score))
    accuracies: dict[str, Accuracy] = field(default_factory=lambda: defaultdict(Accuracy))
    per_type: dict[str, Score] = field(default_factory=lambda: defaultdict(Score))
    errors: list[str] = field(default_factory=list)
    counted_flagged: int = 0  # predicted countable events whose gold twin is negated/hypothetical
    # Why gold events were missed, by kind (see _miss_kind): tells trigger work from argument work.
    event_misses: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    # Quotes whose span matched a gold quote, by what the system said of the speaker: "right", "wrong"
    # (a speaker the gold does not accept) or "unattributed" (no speaker where the gold names one). P/R
    # count a wrong speaker no worse than a missing quote; a reader does not (session 8), so it is shown.
    quote_attribution: dict[str, int] = field(default_factory=lambda: defaultdict(int))

    def as_dict(self) -> dict[str, Any]:
        return {
            "documents": self.documents,
            "components": {k: v.as_dict() for k, v in sorted(self.scores.items())},
            "accuracy": {k: v.as_dict() for k, v in sorted(self.accuracies.items())},
            "event_types": {k: v.as_dict() for k, v in sorted(self.per_type.items())},
            "flagged_events_counted": self.counted_flagged,
            "event_misses": dict(sorted(self.event_misses.items())),
            "quote_attribution": attribution_summary(self.quote_attribution),
        }


def attribution_summary(counts: dict[str, int]) -> dict[str, Any]:
    """Counts of span-matched quotes by speaker outcome and the wrong-attribution rate (wrong / matched)."""
    right, wrong, none = (int(counts.get(k, 0)) for k in ("right", "wrong", "unattributed"))
    matched = right + wrong + none
    return {"matched": matched, "right": right, "wrong": wrong, "unattributed": none,
            "wrong_rate": round(wrong / matched, 4) if matched else 0.0}


# -- loading --------------------------------------------------------------------------------------

def iter_gold_files(paths: Iterable[str | Path]) -> list[Path]:
    files: list[Path] = []
    for p in map(Path, paths):
        if p.is_dir():
            files.extend(sorted(x for x in p.rglob("*.yaml") if x.is_file()))
        elif p.is_file():
            files.append(p)
        else:
            raise GoldError(f"{p}: no such file or directory")
    return files


def load_gold(paths: Iterable[str | Path]) -> list[dict[str, Any]]:
    import yaml

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    docs: list[dict[str, Any]] = []
    for f in iter_gold_files(paths):
        try:
            data = yaml.load(f.read_text(encoding="utf-8"), Loader=loader)
        except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
            raise GoldError(f"{f}: cannot parse gold file: {exc}") from exc
        items = data.get("documents") if isinstance(data, dict) else data
        if not isinstance(items, list):
            raise GoldError(f"{f}: expected a 'documents:' list")
        for i, d in enumerate(items):
            if not isinstance(d, dict) or not isinstance(d.get("body"), str):
                raise GoldError(f"{f}: document #{i + 1} has no 'body' text")
            d = dict(d)
            d["_file"] = str(f)
            docs.append(d)
    return docs


def gold_document(g: dict[str, Any]) -> Document:
    """The input Document for a gold entry (annotations are not copied in)."""
    body = g["body"].rstrip("\n")
    comments = [
        Comment(id=str(c.get("id", i + 1)), author=c.get("author"), text=str(c.get("text", "")),
                reply_to=c.get("reply_to"), parent=c.get("parent"),
                date=_iso(c.get("date")))
        for i, c in enumerate(g.get("comments") or [])
    ]
    return Document(
        id=str(g.get("id") or content_id(body)), source=g.get("_file", "gold"), format="gold", body=body,
        title=g.get("title"), published=_iso(g.get("published")), comments=comments,
    )


def _iso(v: Any) -> str | None:
    return None if v is None else str(v)


# -- matching helpers -------------------------------------------------------------------------------

def _ids(v: Any) -> list[str]:
    if v is None:
        return []
    if isinstance(v, list):
        return [str(x) for x in v]
    return [str(v)]


def _norm_local(s: str) -> str:
    return s.replace("·", "").replace("∙", "").replace("•", "").replace("・", "").replace(" ", "")


def id_acceptable(gold_ids: Sequence[str], pred_id: str | None, doc: Document) -> bool:
    """Does a predicted actor id satisfy a gold id (or list of acceptable ids)?"""
    if pred_id is None:
        return False
    for g in gold_ids:
        if g == pred_id:
            return True
        if g.startswith("local:") and pred_id.startswith("local:"):
            if _norm_local(g[6:]) in _norm_local(pred_id[6:]) or _norm_local(pred_id[6:]) in _norm_local(g[6:]):
                return True
        elif g.startswith("local:") and _known_by_name(g[6:], pred_id, doc):
            return True
    return False


def _known_by_name(local_name: str, pred_id: str, doc: Document) -> bool:
    """A gold `local:<name>` marks a person or organisation the gazetteer lacked when the gold was
    written. Once the gazetteer gains them, the linked actor is the same referent exactly when one of its
    own names is that name (not a part of it: 基廷 accepts an actor whose alias is 基廷, not one whose
    only name is 保罗·基廷)."""
    actor = doc.actor_by_id(pred_id)
    if actor is None or actor.id.startswith("local:"):
        return False
    want = _norm_local(local_name)
    return any(_norm_local(n) == want for n in [actor.name_zh or "", *actor.aliases] if n)


def id_acceptable_lenient(gold_ids: Sequence[str], pred_id: str, doc: Document) -> bool:
    """As id_acceptable, plus an ISO3 gold code accepts any actor of that country (events, relations)."""
    if id_acceptable(gold_ids, pred_id, doc):
        return True
    actor = doc.actor_by_id(pred_id)
    country = actor.country if actor else (pred_id if len(pred_id) == 3 and pred_id.isupper() else None)
    return any(len(g) == 3 and g.isupper() and g == country for g in gold_ids)


def _set_match(gold: list[Any], pred: list[str], doc: Document) -> bool:
    """Every gold entry is satisfied by some predicted id, and every predicted id satisfies some entry."""
    gold_lists = [_ids(g) for g in gold]
    if not gold_lists and not pred:
        return True
    return all(any(id_acceptable_lenient(gl, p, doc) for p in pred) for gl in gold_lists) and all(
        any(id_acceptable_lenient(gl, p, doc) for gl in gold_lists) for p in pred
    )


class _Locator:
    """Finds gold span texts in a part. Gold lists spans in order of appearance, so each text is looked
    for from the previous span on, skipping occurrences inside spans already located (布林肯 after
    美国国务卿布林肯 is the next 布林肯, not the one inside the title)."""

    def __init__(self, doc: Document):
        self.doc = doc
        self.spans: dict[str, list[tuple[int, int]]] = defaultdict(list)
        self.cursor: dict[str, int] = defaultdict(int)

    def find(self, part: str, text: str, n: int | None = None) -> tuple[int, int] | None:
        try:
            hay = self.doc.part_text(part)
        except KeyError:
            return None
        starts = []
        i = hay.find(text) if text else -1
        while i >= 0:
            starts.append(i)
            i = hay.find(text, i + 1)
        if not starts:
            return None
        if n is not None:
            if not 1 <= n <= len(starts):
                return None
            chosen = starts[n - 1]
        else:
            taken = self.spans[part]

            def free(s: int) -> bool:
                return not any(s < b and a < s + len(text) for a, b in taken)

            chosen = next((s for s in starts if s >= self.cursor[part] and free(s)), None)
            if chosen is None:
                chosen = next((s for s in starts if free(s)), starts[0])
        self.spans[part].append((chosen, chosen + len(text)))
        self.cursor[part] = chosen
        return chosen, chosen + len(text)


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def _part_of(item: dict[str, Any]) -> str:
    part = str(item.get("part") or "body")
    if item.get("comment") is not None and part == "body":
        part = f"comment:{item['comment']}"
    return part


def gold_part(item: dict[str, Any]) -> str:
    """The part a gold item belongs to: its `part`, `comment:<id>` for a `comment:` key, else `body`."""
    return _part_of(item)


# -- scoring per component --------------------------------------------------------------------------

def _first_match(loc: _Locator, item: dict[str, Any], preds: list[tuple[str, tuple[int, int], Any]],
                 used: set[int], accept=lambda obj: True) -> int | None:
    """Index of the first unused prediction (part, span, payload) overlapping the gold item's text
    occurrence whose payload `accept`s, or None."""
    part = _part_of(item)
    span = loc.find(part, str(item["text"]), item.get("n"))
    if span is None:
        return None
    return next((k for k, (p, s, obj) in enumerate(preds)
                 if k not in used and p == part and _overlap(s, span) and accept(obj)), None)


def match_actors(g: dict, doc: Document) -> tuple[list[tuple[str, tuple[int, int], str]], set[int],
                                                   list[tuple[dict, tuple[int, int] | None, int | None]]]:
    """The actor matching `shiju eval` scores: the predicted mentions (part, span, id) in doc order, the
    indices of those matching a gold mention, and every gold mention with its located span (None when its
    text is not in the part) and the index of the prediction matching it (None: missed). Public for
    training and error-sorting tools."""
    loc = _Locator(doc)
    preds = [(m.part, (m.start, m.end), a.id) for a in doc.actors for m in a.mentions]
    used: set[int] = set()
    located: list[tuple[dict, tuple[int, int] | None, int | None]] = []
    for item in g.get("actors") or []:
        gold_ids = _ids(item.get("id"))
        part = _part_of(item)
        span = loc.find(part, str(item["text"]), item.get("n"))
        hit = None if span is None else next(
            (k for k, (p, s, aid) in enumerate(preds)
             if k not in used and p == part and _overlap(s, span) and id_acceptable(gold_ids, aid, doc)), None)
        if hit is not None:
            used.add(hit)
        located.append((item, span, hit))
    return preds, used, located


def score_actors(g: dict, doc: Document, rep: Report) -> None:
    preds, used, located = match_actors(g, doc)
    sc = rep.scores["actors"]
    sc.tp += len(used)
    for item, _, hit in located:
        if hit is None:
            sc.fn += 1
            rep.errors.append(f"{doc.id} actors FN {item['text']} -> {_ids(item.get('id'))}")
    for k, (p, s, aid) in enumerate(preds):
        if k not in used:
            sc.fp += 1
            rep.errors.append(f"{doc.id} actors FP {doc.part_text(p)[s[0]:s[1]]} -> {aid}")


def score_times(g: dict, doc: Document, rep: Report) -> None:
    loc = _Locator(doc)
    used: set[int] = set()
    sc, acc = rep.scores["times"], rep.accuracies["time_values"]
    preds = [(t.part, (t.start, t.end), t) for t in doc.times]
    for item in g.get("times") or []:
        hit = _first_match(loc, item, preds, used)
        acc.total += 1
        if hit is None:
            sc.fn += 1
            rep.errors.append(f"{doc.id} times FN {item['text']}")
            continue
        used.add(hit)
        sc.tp += 1
        want = _iso(item.get("value"))
        if doc.times[hit].value == want:
            acc.right += 1
        else:
            rep.errors.append(f"{doc.id} times VALUE {item['text']}: {doc.times[hit].value} != {want}")
    for k, t in enumerate(doc.times):
        if k not in used:
            sc.fp += 1
            rep.errors.append(f"{doc.id} times FP {t.text} -> {t.value}")


def score_quotes(g: dict, doc: Document, rep: Report) -> None:
    loc = _Locator(doc)
    used: set[int] = set()
    sc, det, direct = rep.scores["quotes"], rep.scores["quote_spans"], rep.accuracies["quote_direct"]
    # Of the span-matched quotes given a speaker, the share whose speaker is acceptable (1 − this is the
    # wrong-attribution share): an accuracy, so that the model card guards it like the others.
    speaker_acc = rep.accuracies["quote_speaker"]
    for item in g.get("quotes") or []:
        part = _part_of(item)
        text = str(item["text"])
        span = loc.find(part, text, item.get("n")) or loc.find(part, text[:12])
        gold_ids = _ids(item.get("speaker"))
        span_hit = hit = None
        if span is not None:
            for k, q in enumerate(doc.quotes):
                if k in used or q.part != part or not _overlap((q.start, q.end), span):
                    continue
                if span_hit is None:
                    span_hit = k
                if id_acceptable(gold_ids, q.speaker, doc) or (not gold_ids and q.speaker is None):
                    hit = k
                    break
        if span_hit is not None:
            det.tp += 1
        else:
            det.fn += 1
        if hit is None:
            sc.fn += 1
            who = doc.quotes[span_hit].speaker if span_hit is not None else "no quote"
            rep.errors.append(f"{doc.id} quotes FN {text[:20]} speaker {gold_ids} (got {who})")
            if span_hit is not None:
                used.add(span_hit)
                # A speaker the gold does not accept is a wrong attribution; none at all is only missing.
                outcome = "unattributed" if doc.quotes[span_hit].speaker is None else "wrong"
                rep.quote_attribution[outcome] += 1
                speaker_acc.total += int(outcome == "wrong")
        else:
            used.add(hit)
            sc.tp += 1
            rep.quote_attribution["right"] += 1
            if doc.quotes[hit].speaker is not None:
                speaker_acc.total += 1
                speaker_acc.right += 1
            direct.total += 1
            direct.right += int(doc.quotes[hit].direct == bool(item.get("direct", True)))
    for k, q in enumerate(doc.quotes):
        if k not in used:
            sc.fp += 1
            det.fp += 1
            rep.errors.append(f"{doc.id} quotes FP {q.text[:20]} speaker {q.speaker}")


def _countable(flags: dict[str, Any]) -> bool:
    return not flags.get("negated") and not flags.get("hypothetical")


@dataclass
class EventMatching:
    """How the countable body events of one gold document meet the system's: each gold event in order takes
    the first unused predicted event with the same type, actor set and recipient set (greedy, as scored)."""

    gold: list[dict]  # countable gold events of the body, in order
    hits: list[int | None]  # per gold event: the index of its predicted event in `preds`, or None (missed)
    preds: list[Any]  # countable predicted body events
    flagged: list[dict]  # negated / hypothetical gold events of the body
    same: Callable[[dict, Any], bool]

    def unmatched(self) -> list[Any]:
        used = {k for k in self.hits if k is not None}
        return [pe for k, pe in enumerate(self.preds) if k not in used]


def match_events(g: dict, doc: Document) -> EventMatching:
    gold = [e for e in g.get("events") or [] if _part_of(e) == "body"]
    preds = [e for e in doc.events if e.part == "body" and not e.negated and not e.hypothetical]

    def same(ge: dict, pe) -> bool:
        return (ge.get("type") == pe.type and _set_match(list(ge.get("actor") or []), pe.actor, doc)
                and _set_match(list(ge.get("recipient") or []), pe.recipient, doc))

    used: set[int] = set()
    hits: list[int | None] = []
    for ge in (gold_count := [e for e in gold if _countable(e)]):
        hit = next((k for k, pe in enumerate(preds) if k not in used and same(ge, pe)), None)
        if hit is not None:
            used.add(hit)
        hits.append(hit)
    return EventMatching(gold_count, hits, preds, [e for e in gold if not _countable(e)], same)


def event_date_right(ge: dict, pe) -> bool | None:
    """Whether a matched event's date is the gold date (a gold month or year accepts any day in it); None
    when the gold event has no date."""
    want, got = _iso(ge.get("date")), pe.date
    if want is None:
        return None
    return got is not None and (got == want or got.startswith(want + "-"))


def score_events(g: dict, doc: Document, rep: Report) -> None:
    sc, dates = rep.scores["events"], rep.accuracies["event_dates"]
    m = match_events(g, doc)
    all_preds = [e for e in doc.events if e.part == "body"]
    for ge, hit in zip(m.gold, m.hits):
        t = rep.per_type[str(ge.get("type"))]
        if hit is None:
            sc.fn += 1
            t.fn += 1
            rep.event_misses[_miss_kind(ge, all_preds, doc)] += 1
            rep.errors.append(f"{doc.id} events FN {ge.get('type')} {ge.get('actor')}->{ge.get('recipient')} "
                              f"{ge.get('text', '')}")
            continue
        sc.tp += 1
        t.tp += 1
        right = event_date_right(ge, m.preds[hit])
        if right is not None:
            dates.total += 1
            if right:
                dates.right += 1
            else:
                rep.errors.append(f"{doc.id} events DATE {ge.get('type')} {m.preds[hit].date} != {_iso(ge.get('date'))}")
    for pe in m.unmatched():
        if any(m.same(ge, pe) for ge in m.flagged):
            rep.counted_flagged += 1
        sc.fp += 1
        rep.per_type[pe.type].fp += 1
        rep.errors.append(f"{doc.id} events FP {pe.type} {pe.actor}->{pe.recipient} {pe.trigger or ''} "
                          f"| {pe.sentence[:40]}")


def _miss_kind(ge: dict, preds: list, doc: Document) -> str:
    """The nearest thing the system did produce for a missed gold event, as a kind of error."""
    def actor_ok(pe) -> bool:
        return _set_match(list(ge.get("actor") or []), pe.actor, doc)

    def recipient_ok(pe) -> bool:
        return _set_match(list(ge.get("recipient") or []), pe.recipient, doc)

    countable = [pe for pe in preds if not pe.negated and not pe.hypothetical]
    same_type = [pe for pe in countable if pe.type == ge.get("type")]
    if any(actor_ok(pe) for pe in same_type):
        return "right type and actor, wrong recipient"
    if any(recipient_ok(pe) for pe in same_type):
        return "right type and recipient, wrong actor"
    if same_type:
        return "right type, wrong actor and recipient"
    if any(actor_ok(pe) and recipient_ok(pe) for pe in countable):
        return "right actor and recipient, other type"
    if any(pe.type == ge.get("type") for pe in preds):
        return "coded only as negated or hypothetical"
    return "no event of this type"


def score_relations(g: dict, doc: Document, rep: Report) -> None:
    """Body relations are the headline component `relations`. Relations asserted inside forum comments
    (gold `part: comment:<id>`; docs/annotation.md, "Relations asserted inside forum comments") are scored
    apart as `comment_relations`, each matched only by a relation the system found in the same comment, as
    comment events are kept out of the event figures. The comment component is scored on documents with
    comments only, so news gold does not dilute it."""
    gold = [gr for gr in g.get("relations") or [] if _countable(gr)]
    preds = [r for r in doc.relations if not r.negated and not r.hypothetical]
    _score_relation_part(doc, [gr for gr in gold if _part_of(gr) == "body"],
                         [pr for pr in preds if pr.part == "body"], rep, "relations")
    if doc.comments:
        _score_relation_part(doc, [gr for gr in gold if _part_of(gr) != "body"],
                             [pr for pr in preds if pr.part != "body"], rep, "comment_relations")


def relation_matches(gr: dict, pr, doc: Document) -> bool:
    """A predicted relation satisfies a gold one: same type, same pair (ordered for dependence and
    membership), ids compared leniently (an ISO3 gold code accepts any actor of that country), same part."""
    if gr.get("type") != pr.type or _part_of(gr) != pr.part:
        return False
    ga, gb = _ids(gr.get("a")), _ids(gr.get("b"))
    fwd = id_acceptable_lenient(ga, pr.a, doc) and id_acceptable_lenient(gb, pr.b, doc)
    if fwd or pr.type in ORDERED_RELATIONS:
        return fwd
    return id_acceptable_lenient(ga, pr.b, doc) and id_acceptable_lenient(gb, pr.a, doc)


def _score_relation_part(doc: Document, gold: list[dict], preds: list, rep: Report, component: str) -> None:
    sc = rep.scores[component]
    used: set[int] = set()
    for gr in gold:
        hit = next((k for k, pr in enumerate(preds) if k not in used and relation_matches(gr, pr, doc)), None)
        where = "" if component == "relations" else f" {_part_of(gr)}"
        if hit is None:
            sc.fn += 1
            rep.errors.append(f"{doc.id} {component} FN {gr.get('a')}-{gr.get('type')}-{gr.get('b')}{where}")
        else:
            used.add(hit)
            sc.tp += 1
    for k, pr in enumerate(preds):
        if k not in used:
            sc.fp += 1
            where = "" if component == "relations" else f" {pr.part}"
            rep.errors.append(f"{doc.id} {component} FP {pr.a}-{pr.type}-{pr.b}{where}")


def score_stance(g: dict, doc: Document, rep: Report) -> None:
    acc = rep.accuracies["stance"]
    by_comment = {c.id: c for c in doc.comments}
    for item in g.get("stance") or []:
        acc.total += 1
        c = by_comment.get(str(item.get("comment")))
        gold_ids = _ids(item.get("actor"))
        got = None
        if c is not None:
            # An exact id first: a comment may judge Israel and the IDF differently, and the IDF (country
            # ISR) must not answer for a gold pair about ISR just because it comes first.
            got = next((s.stance for s in c.stance if id_acceptable(gold_ids, s.actor, doc)), None)
            if got is None:
                got = next((s.stance for s in c.stance if id_acceptable_lenient(gold_ids, s.actor, doc)), None)
        if (got or "neutral") == item.get("stance"):
            acc.right += 1
        else:
            rep.errors.append(f"{doc.id} stance {item.get('comment')} {gold_ids}: {got} != {item.get('stance')}")


_SCORERS = {"actors": score_actors, "times": score_times, "quotes": score_quotes, "events": score_events,
            "relations": score_relations, "stance": score_stance}


def evaluate(gold_docs: list[dict[str, Any]], pipeline=None) -> Report:
    """Run the pipeline on each gold document and score every annotated component."""
    if pipeline is None:
        from shiju.pipeline import Pipeline

        pipeline = Pipeline()
    rep = Report()
    for g in gold_docs:
        doc = pipeline(gold_document(g))
        rep.documents += 1
        for key, scorer in _SCORERS.items():
            if key in g:
                scorer(g, doc, rep)
    return rep
