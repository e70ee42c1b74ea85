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


# -- state + 前 (former) + titled person: one mention -------------------------------------------------

@pytest.mark.parametrize("body, text, pid", [
    ("俄罗斯前总统梅德韦杰夫称，西方将付出代价。", "俄罗斯前总统梅德韦杰夫", "per:dmitry-medvedev"),
    ("美國前總統川普昨天表示不會讓步。", "美國前總統川普", "per:donald-trump"),
])
def test_state_former_title_person_is_one_mention(body, text, pid):
    got = pairs(link(body, published="2025-06-01"))
    assert (text, pid) in got, got


def test_state_before_former_title_of_another_state_stays_apart():
    got = pairs(link("他在白俄罗斯前总统梅德韦杰夫的陪同下参观。", published="2025-06-01"))
    assert ("白俄罗斯", "BLR") in got, got


# -- Hong Kong's courts are generic nouns: only a Hong Kong context gives them their ids ---------------

def test_high_court_in_a_hong_kong_story_is_hong_kongs():
    got = pairs(link("香港特區政府表示尊重判決。高等法院今日裁定罪名成立。", published="2025-12-15"))
    assert ("高等法院", "org:hkg-high-court") in got, got


def test_high_court_elsewhere_is_not_hong_kongs():
    got = pairs(link("肯尼亚总统鲁托表示尊重判决。高等法院今日裁定选举有效。", published="2025-06-01"))
    assert all(aid != "org:hkg-high-court" for _, aid in got), got


# -- a state's head and foreign minister are named by the bare title in that state's context -----------

def test_state_and_bare_foreign_minister_title_is_the_holder():
    got = pairs(link("埃及外长称，埃方反对任何驱逐。", published="2025-06-01"))
    assert ("埃及外长", "per:badr-abdelatty") in got, got


def test_heads_and_foreign_ministers_offices_carry_generic_titles():
    import re

    from shiju.data import load_yaml

    offices = [o for o in load_yaml("actors", "offices.yaml")
               if o.get("country") and re.search(r"-(president|prime-minister|foreign-minister)$", o["id"])]
    with_generic = [o for o in offices if o.get("generic")]
    assert len(offices) > 150
    assert len(with_generic) >= 0.95 * len(offices), sorted(o["id"] for o in offices if not o.get("generic"))


# -- a leader's name + 政府 after a verb word ------------------------------------------------------------

@pytest.mark.parametrize("body, published, name, pid", [
    ("黃國昌則呼籲賴政府停止內耗。", "2025-07-27", "賴", "per:lai-ching-te"),
    ("在野党批评高市政府的对华政策。", "2025-11-14", "高市", "per:sanae-takaichi"),
])
def test_leader_government_after_a_verb_is_the_leader(body, published, name, pid):
    assert (name, pid) in pairs(link(body, published=published))


def test_surname_inside_a_word_before_government_is_no_leader():
    assert pairs(link("人民信賴政府的施政。", published="2025-07-27")) == []


# -- China–EU and the two Koreas written as compounds ----------------------------------------------------

@pytest.mark.parametrize("body, text, want", [
    ("他同时指出，中欧双方技术团队将继续谈判。", "中欧", {"CHN", "org:eu"}),
    ("兩韓領導人手牽手走過軍事分界線。", "兩韓", {"KOR", "PRK"}),
])
def test_compound_of_two_actors(body, text, want):
    got = pairs(link(body, published="2025-06-01"))
    assert {aid for t, aid in got if t == text} == want, got


def test_central_europe_is_no_compound():
    assert pairs(link("中欧国家的经济表现良好。", published="2025-06-01")) == []


# -- a bare 军方 is a generic noun, like 政府 (docs/annotation.md); a state's military is still its own -----

def test_bare_military_is_no_mention_but_a_states_military_is():
    got = pairs(link("伊朗军方称，防空系统成功拦截了大部分来袭目标。", published="2025-06-01"))
    assert any(t.startswith("伊朗") and aid == "IRN" for t, aid in got), got
    got = pairs(link("缅甸局势紧张。军方宣布延长紧急状态。", published="2025-06-01"))
    assert all(t != "军方" for t, _ in got), got
