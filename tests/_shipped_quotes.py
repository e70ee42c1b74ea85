"""The quotes stage as it ships (lexicon and learned detector from the package), run on a made-up body after
normalize/actors/time: what the session rule tests check."""
from __future__ import annotations

from shiju import quote_detector, quotes
from shiju.evaluation import gold_document
from shiju.pipeline import Pipeline

PREP = Pipeline(("normalize", "actors", "time"))
LEX = quotes.load_lexicon()
DETECTOR = quote_detector.load_detector()


def body_quotes(body: str) -> list[tuple[str | None, str, bool]]:
    """(speaker, text, direct) of each quote in `body`, checking each quote's offsets."""
    doc = PREP(gold_document({"id": "t", "body": body}))
    by_part = quotes._mentions_by_part(doc)
    out = []
    for q in quotes.analyse_part(doc, "body", LEX, lambda a, b: None, by_part, DETECTOR):
        assert doc.view(q.part).original[q.start:q.end] == q.text
        out.append((q.speaker, q.text, q.direct))
    return out
