"""The events the pipeline codes in a made-up body: what the session-rule event tests check (with conftest's
`events_pipeline` fixture)."""
from __future__ import annotations

from shiju.model import Document
from shiju.pipeline import Pipeline


def body_events(pipeline: Pipeline, body: str, published: str) -> list:
    """The events coded in `body` (comments excluded)."""
    doc = pipeline(Document(id="t", source="test", format="text", body=body, published=published))
    return [e for e in doc.events if e.part == "body"]
