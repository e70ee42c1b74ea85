"""Events stage: native Chinese PLOVER event coding. Entry point ``process(doc, ctx) -> doc``.

Fills ``doc.events`` from the actor mentions (Actors stage), time expressions (Time stage) and quotes
(Quotes stage) already in the document. Triggers, argument markers, cue words and scores are data:
``src/shiju/data/events/{triggers,types,cues}.yaml``. See ``coder.py`` for the pipeline of rules.
"""
from __future__ import annotations

from shiju.context import AnalysisContext
from shiju.model import Document, Event


def process(doc: Document, ctx: AnalysisContext) -> Document:
    from shiju.events.coder import code_document

    doc.events = code_document(doc, ctx)
    return doc


def is_countable(event: Event) -> bool:
    """Whether an event enters counts and exports by default: asserted as happening (not negated, not
    hypothetical) and told in the article body (forum comments are kept but not counted)."""
    return not event.negated and not event.hypothetical and event.part == "body"


__all__ = ["process", "is_countable"]
