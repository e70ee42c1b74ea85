"""Compose analysis stages by name. Each stage is a module exposing ``process(doc, ctx) -> doc``."""
from __future__ import annotations

import importlib
from typing import Callable, Iterable, Iterator

from shiju.context import AnalysisContext
from shiju.model import Document

Stage = Callable[[Document, AnalysisContext], Document]

# Order matters: each stage reads what the earlier ones added.
STAGES: dict[str, str] = {
    "normalize": "shiju.text.normalize",
    "actors": "shiju.actors",
    "time": "shiju.time",
    "quotes": "shiju.quotes",
    "events": "shiju.events",
    "relations": "shiju.relations",
    "reactions": "shiju.reactions",
    # Last: the learned filter drops actor mentions from the output after every stage has read them.
    "actor_filter": "shiju.actors.mention_filter",
}
DEFAULT_STAGES: tuple[str, ...] = tuple(STAGES)


def load_stage(name: str) -> Stage:
    if name not in STAGES:
        raise ValueError(f"unknown stage {name!r}; known: {', '.join(STAGES)}")
    return importlib.import_module(STAGES[name]).process


class Pipeline:
    """A callable from Document to Document running the named stages in order."""

    def __init__(self, stages: Iterable[str] = DEFAULT_STAGES, ctx: AnalysisContext | None = None):
        self.names = list(stages)
        self.ctx = ctx or AnalysisContext()
        self._stages = [load_stage(n) for n in self.names]

    def __call__(self, doc: Document) -> Document:
        for stage in self._stages:
            doc = stage(doc, self.ctx)
        return doc

    def map(self, docs: Iterable[Document]) -> Iterator[Document]:
        for d in docs:
            yield self(d)
