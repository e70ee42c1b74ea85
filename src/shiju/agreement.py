"""Inter-annotator agreement: score one hand annotation of a set of documents against another.

The accuracy bars of the issues (event F1 0.80, quote recall 0.90, stance 0.75 …) only make sense if two
careful people reading the same guideline agree at least that well. This module turns annotator B's gold
entries into a Document (as if B were the system) and scores it with the same matchers as `shiju eval`,
in both directions: A as reference and B as reference. Precision one way is recall the other way, so
the F1 of a component is the same in both directions up to how lists of acceptable ids are read; both
are reported so that asymmetries show.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from shiju.evaluation import (
    GoldError,
    Report,
    _ids,
    _Locator,
    _part_of,
    evaluate,
    gold_document,
)
from shiju.model import Actor, Comment, Document, Event, Mention, Quote, Relation, Stance, TimeExpr


@dataclass
class Agreement:
    """The two directions of one comparison, and the documents both annotators covered."""

    a_as_reference: Report
    b_as_reference: Report
    documents: int
    only_in_a: list[str]
    only_in_b: list[str]


def _is_country(s: str) -> bool:
    return len(s) == 3 and s.isupper()


class _ActorBook:
    """The actors of one annotated document: one Actor per id, with the country and names an annotator's
    id list and the gazetteer give, so that the lenient matchers can read them as they read the system's."""

    def __init__(self, gazetteer):
        self.gazetteer = gazetteer
        self.actors: dict[str, Actor] = {}

    def add(self, raw: Any) -> str | None:
        ids = _ids(raw)
        if not ids:
            return None
        main = ids[0]
        actor = self.actors.get(main)
        if actor is None:
            entry = self.gazetteer.entry(main) if self.gazetteer is not None else None
            country = next((i for i in ids if _is_country(i)), None)
            if entry is not None:
                actor = Actor(id=main, name=entry.name, name_zh=entry.name_zh, aliases=list(entry.aliases),
                              type=entry.type, country=country or entry.country, sector=entry.sector)
            else:
                local = next((i[6:] for i in ids if i.startswith("local:")), None)
                actor = Actor(id=main, name_zh=local, country=country or (main if _is_country(main) else None))
            self.actors[main] = actor
        return main


def annotation_as_document(g: dict[str, Any], gazetteer=None) -> Document:
    """Annotator's gold entry → a Document carrying that annotation as its analysis."""
    doc = gold_document(g)
    book = _ActorBook(gazetteer)
    loc = _Locator(doc)
    for item in g.get("actors") or []:
        span = loc.find(_part_of(item), str(item["text"]), item.get("n"))
        aid = book.add(item.get("id"))
        if span is None or aid is None:
            continue
        book.actors[aid].mentions.append(Mention(start=span[0], end=span[1], text=str(item["text"]),
                                                 part=_part_of(item)))
    for item in g.get("times") or []:
        span = loc.find(_part_of(item), str(item["text"]), item.get("n"))
        if span is not None:
            value = item.get("value")
            doc.times.append(TimeExpr(text=str(item["text"]), start=span[0], end=span[1], part=_part_of(item),
                                      value=None if value is None else str(value)))
    for k, item in enumerate(g.get("quotes") or []):
        text = str(item["text"])
        span = loc.find(_part_of(item), text, item.get("n"))
        if span is not None:
            doc.quotes.append(Quote(id=f"q{k}", speaker=book.add(item.get("speaker")), speaker_text=None,
                                    text=text, direct=bool(item.get("direct", True)), cue=None,
                                    start=span[0], end=span[1], part=_part_of(item)))
    for k, item in enumerate(g.get("events") or []):
        date = item.get("date")
        doc.events.append(Event(
            id=f"e{k}", type=str(item.get("type")), mode=item.get("mode"), context=list(item.get("context") or []),
            actor=[a for a in (book.add(x) for x in item.get("actor") or []) if a],
            recipient=[a for a in (book.add(x) for x in item.get("recipient") or []) if a],
            date=None if date is None else str(date), date_text=None, negated=bool(item.get("negated")),
            future=bool(item.get("future")), hypothetical=bool(item.get("hypothetical")),
            historical=bool(item.get("historical")),
            sentence=str(item.get("text", "")), start=0, end=0, part=_part_of(item)))
    for k, item in enumerate(g.get("relations") or []):
        a, b = book.add(item.get("a")), book.add(item.get("b"))
        if a and b:
            doc.relations.append(Relation(id=f"r{k}", a=a, b=b, type=str(item.get("type")), date=None,
                                          sentence="", start=0, end=0, negated=bool(item.get("negated")),
                                          hypothetical=bool(item.get("hypothetical"))))
    by_comment: dict[str, Comment] = {c.id: c for c in doc.comments}
    for item in g.get("stance") or []:
        comment = by_comment.get(str(item.get("comment")))
        actor = book.add(item.get("actor"))
        if comment is not None and actor:
            comment.stance.append(Stance(actor=actor, stance=str(item.get("stance")), start=0, end=0))
    doc.actors = list(book.actors.values())
    return doc


def compare(a_docs: list[dict[str, Any]], b_docs: list[dict[str, Any]], gazetteer=None) -> Agreement:
    """Agreement of annotation B with annotation A on the documents both annotated (matched by id).

    Raises GoldError when a shared document's text differs between the two, since offsets and `n:`
    indices would then point at different places."""
    a_by_id = {str(d.get("id")): d for d in a_docs}
    b_by_id = {str(d.get("id")): d for d in b_docs}
    shared = [i for i in a_by_id if i in b_by_id]
    for i in shared:
        if a_by_id[i]["body"].rstrip("\n") != b_by_id[i]["body"].rstrip("\n"):
            raise GoldError(f"{b_by_id[i].get('_file')}: document {i}: body differs from {a_by_id[i].get('_file')}")
    if gazetteer is None:
        from shiju.actors.gazetteer import load_gazetteer

        gazetteer = load_gazetteer()
    by_a = {i: annotation_as_document(a_by_id[i], gazetteer) for i in shared}
    by_b = {i: annotation_as_document(b_by_id[i], gazetteer) for i in shared}

    def as_pipeline(table: dict[str, Document]):
        return lambda doc: table[doc.id]

    return Agreement(
        a_as_reference=evaluate([a_by_id[i] for i in shared], pipeline=as_pipeline(by_b)),
        b_as_reference=evaluate([b_by_id[i] for i in shared], pipeline=as_pipeline(by_a)),
        documents=len(shared),
        only_in_a=[i for i in a_by_id if i not in b_by_id],
        only_in_b=[i for i in b_by_id if i not in a_by_id],
    )
