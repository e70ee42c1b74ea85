"""Linker rules of session 10 (issue 3), each tested both ways on the packaged gazetteer: the rule fires where
it should and leaves the ordinary case alone. Sentences are written for these tests."""
from __future__ import annotations

import pytest

from _linking import link, pairs


# -- a plainly foreign name after a post or role, whatever follows it ---------------------------------------

@pytest.mark.parametrize("body, text, local", [
    ("政府军与第一副总统帕洛米尔领导的部队在城内交火。", "第一副总统帕洛米尔", "local:帕洛米尔"),
    ("他在第二轮投票中击败经济部长塔里萨。", "部长塔里萨", "local:塔里萨"),
    ("被控洗钱的委内瑞拉商人萨迪摩当天乘专机返回。", "委内瑞拉商人萨迪摩", "local:萨迪摩"),
    ("22岁的女子卡莉娜在拘押期间死亡。", "女子卡莉娜", "local:卡莉娜"),
])
def test_foreign_name_after_a_title_without_a_speech_verb(body, text, local):
    assert (text, local) in pairs(link(body, "2024-05-01"))


@pytest.mark.parametrize("body", [
    "他代表拉丁美洲国家发言。",           # 拉丁 starts a longer word
    "如果网上有相关专业人士科普相关知识就好了。",  # 科普 is a word, not a name
    "部长表示将继续推进改革。",             # no name after the title
])
def test_no_person_from_words_after_a_title(body):
    assert not [i for _, i in pairs(link(body, "2024-05-01")) if i.startswith("local:")]


# -- dotted transliterated names with no title before them -----------------------------------------------

def test_dotted_name_is_a_person_and_its_last_part_refers_back():
    got = pairs(link("34岁的工党人佩尔·拉森德尔4日赢得选举。拉森德尔随后发表讲话。", "2024-05-01"))
    assert ("佩尔·拉森德尔", "local:佩尔拉森德尔") in got
    assert ("拉森德尔", "local:佩尔拉森德尔") in got


@pytest.mark.parametrize("body", [
    "菲律宾海警说，“达图·佩东”号公务船被水炮击中。",  # a ship: a thing head after the closing quote
    "例如塞缪尔·霍普金斯早就提出反对。",            # 缪 is no transliteration character: the start is unknown
    "在美国帕特里克·何的丑闻爆发后。",              # the last part is no transliteration
])
def test_dotted_names_left_alone(body):
    assert not [i for _, i in pairs(link(body, "2024-05-01")) if i.startswith("local:")]


def test_short_form_after_another_dot_is_not_the_earlier_person():
    got = pairs(link("参与其中的穆萨·萨德尔是黎巴嫩人。另一位是穆罕默德·巴基尔·萨德尔。", "2024-05-01"))
    assert ("穆萨·萨德尔", "local:穆萨萨德尔") in got
    assert [t for t, i in got if i == "local:穆萨萨德尔"] == ["穆萨·萨德尔"]


def test_short_form_before_an_ideology_is_no_person():
    got = pairs(link("参议员约瑟夫·雷蒙德·麦卡锡发表演说。麦卡锡主义由此得名。", "2024-05-01"))
    assert [t for t, i in got if i.startswith("local:")] == ["参议员约瑟夫·雷蒙德·麦卡锡"]
