"""Linker rules and data of the fourth round (issue 3), each tested both ways on the packaged gazetteer.
Sentences are written for these tests."""
from __future__ import annotations

import pytest

from shiju.actors import process
from shiju.context import AnalysisContext
from shiju.model import Comment, Document
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


# -- names spelt with abbreviation characters -------------------------------------------------------

@pytest.mark.parametrize("body, want, bad", [
    ("中国和巴西签署了合作协议。", ("巴西", "BRA"), {"PAK", "ESP"}),
    ("没有人能阻止巴西与中国发展关系。", ("巴西", "BRA"), {"PAK", "ESP"}),
    ("两国外长在巴黎举行会谈。", ("巴黎", "FRA"), {"PAK", "LBN"}),
])
def test_state_or_capital_spelt_with_abbreviations_is_the_name(body, want, bad):
    d = link(body)
    assert want in pairs(d) and not bad & set(ids(d))


def test_organisation_spelt_with_abbreviations_is_still_the_compound():
    d = link("美日印澳四国外长在东京会晤。")
    assert ids(d)[:4] == ["USA", "JPN", "IND", "AUS"]
