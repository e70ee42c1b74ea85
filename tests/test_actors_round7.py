"""Linker rules of session 5 (issue 3), each tested both ways on the packaged gazetteer: the rule fires where
it should and leaves the ordinary case alone. Sentences are written for these tests."""
from __future__ import annotations

import pytest

from _linking import link, pairs


# -- unknown foreign names written with a hyphen or with rarer transliteration characters -------------

@pytest.mark.parametrize("body, name", [
    ("海地总理菲斯-艾梅说，局势仍然严峻。", "菲斯-艾梅"),
    ("某国外长阿卜杜勒-萨拉姆·卡比尔表示，将继续对话。", "阿卜杜勒-萨拉姆·卡比尔"),
    ("叙利亚民主力量领导人马兹卢姆·阿卜迪此前签署协议。", "马兹卢姆·阿卜迪"),
])
def test_hyphenated_or_rare_transliterated_name_is_read_whole(body, name):
    texts = [t for t, _ in pairs(link(body, published="2025-06-01"))]
    assert any(t.endswith(name) for t in texts), texts


def test_hyphen_between_two_state_names_is_no_person():
    got = pairs(link("第二届中国-中亚峰会在阿斯塔纳举行。", published="2025-06-17"))
    assert all(not aid.startswith("local:") for _, aid in got), got
