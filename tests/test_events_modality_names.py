"""Modality cues inside names are part of the name, not cues (别 in 别尔哥罗德 is no negation)."""
from __future__ import annotations

import pytest

from shiju.model import Document
from shiju.pipeline import Pipeline

STAGES = ("normalize", "actors", "time", "quotes", "events")


@pytest.fixture(scope="module")
def pipe() -> Pipeline:
    return Pipeline(STAGES)


@pytest.mark.parametrize("body", ["乌克兰军队25日对俄罗斯别尔哥罗德州发动无人机袭击。", "乌军25日对别尔哥罗德发动袭击。"])
def test_a_cue_inside_a_place_name_does_not_negate(pipe, body):
    doc = pipe(Document(id="t-bie", source="test", format="text", body=body, published="2024-05-25"))
    hits = [e for e in doc.events if e.type == "ASSAULT"]
    assert hits and not any(e.negated for e in hits)


def test_a_real_cue_still_negates(pipe):
    doc = pipe(Document(id="t-bie2", source="test", format="text", body="乌军25日并未对别尔哥罗德发动袭击。",
                        published="2024-05-25"))
    hits = [e for e in doc.events if e.type == "ASSAULT"]
    assert hits and all(e.negated for e in hits)
