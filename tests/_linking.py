"""Run the linker on a sentence written for a test and read back its mentions in text order."""
from __future__ import annotations

from shiju.actors import process
from shiju.context import AnalysisContext
from shiju.model import Document
from shiju.text.normalize import process as normalize

CTX = AnalysisContext()


def link(body: str, published: str | None = "2024-05-01", comments=()) -> Document:
    d = Document(id="t", source="test", format="text", body=body, published=published, comments=list(comments))
    return process(normalize(d, CTX), CTX)


def pairs(doc: Document, part: str = "body") -> list[tuple[str, str]]:
    """(mention text, actor id) in text order."""
    out = sorted((m.start, m.text, a.id) for a in doc.actors for m in a.mentions if m.part == part)
    return [(t, i) for _, t, i in out]


def ids(doc: Document, part: str = "body") -> list[str]:
    return [i for _, i in pairs(doc, part)]
