"""Normalisation stage: set the document language and warm the Simplified views of every part."""
from __future__ import annotations

from shiju.context import AnalysisContext
from shiju.model import Document
from shiju.text.view import language_of


def process(doc: Document, ctx: AnalysisContext) -> Document:
    if not doc.language:
        doc.language = language_of(doc.body + "".join(c.text for c in doc.comments[:50]))
    for part, _ in doc.parts():
        doc.view(part)
    return doc
