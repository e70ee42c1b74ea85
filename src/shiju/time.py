"""Time stage (to be filled): entry point `process(doc, ctx) -> doc`."""
from __future__ import annotations

from shiju.context import AnalysisContext
from shiju.model import Document


def process(doc: Document, ctx: AnalysisContext) -> Document:
    return doc
