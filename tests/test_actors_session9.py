"""Linker rules and data of session 9 (issue 3), each tested both ways on the packaged gazetteer: the rule
fires where it should and leaves the ordinary case alone. Sentences are written for these tests."""
from __future__ import annotations

import pytest

from _linking import ids, link, pairs


# -- a post's mission (大使|馆) is its state, as the seat of a post is --------------------------------

@pytest.mark.parametrize("body, text, state", [
    ("中國駐英國大使館也表示，所謂指控毫無根據。", "中國駐英國大使館", "CHN"),
    ("数千名市民在日本驻韩大使馆附近集会。", "日本驻韩大使馆", "JPN"),
])
def test_embassy_is_its_state(body, text, state):
    got = pairs(link(body, "2024-03-26"))
    assert (text, state) in got
    assert not [i for _, i in got if i.startswith(("per:", "office:"))]


def test_ambassador_without_mission_is_still_the_post_or_holder():
    got = ids(link("日本驻韩大使表示，将继续与韩方沟通。", "2024-03-26"))
    assert "JPN" not in got and got


# -- the post as a job, whoever holds it: the state at its start --------------------------------------

@pytest.mark.parametrize("body, text, state", [
    ("别天真，韩国总统谁上台都得听美国的。", "韩国", "KOR"),
    ("还好台湾有选举，中华民国总统最多两任。", "中华民国", "TWN"),
    ("五年之后再看吧，法国总统最近几个都没做满。", "法国", "FRA"),
    ("棒子总统果然没一个好下场。", "棒子", "KOR"),
])
def test_generic_post_is_its_state(body, text, state):
    got = pairs(link(body, "2025-06-10"))
    assert (text, state) in got
    assert not [i for _, i in got if i.startswith("per:")]


def test_post_with_its_holder_still_resolves_to_the_holder():
    assert "per:yoon-suk-yeol" in ids(link("韩国总统今天表示，将推进改革。", "2023-05-10"))


# -- an adverb after a bare title is no surname ----------------------------------------------------

@pytest.mark.parametrize("body", ["也太业余了，连总统都没抓到就敢动手。", "沙特王储、埃及总统都来了，给足了面子。",
                                  "兩黨議員都出席了。"])
def test_adverb_after_title_starts_no_name(body):
    assert not [i for i in ids(link(body, "2024-05-01")) if i.startswith("local:")]


def test_surname_that_is_also_an_adverb_still_names_a_person():
    assert "per:donald-tsang" in ids(link("香港特首曾蔭權表示，會積極考慮。", "2009-05-01"))


# -- X方 of states sharing the first character, read by the states the part names -------------------

@pytest.mark.parametrize("body, state, wrong", [
    ("巴拿马政府宣布退出“一带一路”。中方对巴方的决定深表遗憾。", "PAN", "PAK"),
    ("阿塞拜疆总统阿利耶夫当天向议会表示，阿方的行动是对挑衅的回应。", "AZE", "AFG"),
])
def test_ambiguous_demonym_by_the_state_the_text_names(body, state, wrong):
    got = ids(link(body, "2025-02-07"))
    assert state in got and wrong not in got


def test_ambiguous_demonym_keeps_the_usual_reading():
    assert "PAK" in ids(link("巴基斯坦外长表示，巴方愿同中方加强合作。", "2025-02-07"))


# -- organisations the gazetteer lacks, by their head noun (shiju.actors.orgs) -----------------------

@pytest.mark.parametrize("body, text", [
    ("据伊朗国家电视台报道，抗议已蔓延至多个城市。", "伊朗国家电视台"),
    ("哈尔滨市公安局15日发布悬赏通告。", "哈尔滨市公安局"),
    ("中国国务院关税税则委员会随即宣布加征关税。", "中国国务院关税税则委员会"),
    ("抗议活动组织者“苏丹职业者协会”表示将继续抗议。", "苏丹职业者协会"),
])
def test_unknown_organisation_by_head_noun(body, text):
    doc = link(body)
    got = pairs(doc)
    assert (text, "local:" + text) in got
    actor = next(a for a in doc.actors if a.id == "local:" + text)
    assert actor.type == "organization"
    # the state or organisation inside the name is no mention of its own
    assert [t for t, _ in got].count(text) == 1 and len([t for t, _ in got if t in text]) == 1


@pytest.mark.parametrize("body, absent", [
    ("两国同意成立联合委员会。", "委员会"),          # no state, place or quotation mark before the name
    ("他被俄罗斯法院以走私罪判刑。", "俄罗斯法院"),   # a state + the head alone stays the state
    ("中国政府决定提供援助。", "中国政府"),          # a state's own government is the state
    ("缅军一名区域司令部指挥官投降。", "缅军一名区域司令部"),  # counted, not a name
])
def test_no_organisation_without_a_name(body, absent):
    assert not [i for i in ids(link(body)) if i == "local:" + absent or i.startswith("local:") and absent in i]


def test_short_form_in_brackets_and_repeats_are_the_same_organisation():
    body = "香港市民支援愛國民主運動聯合會（支聯會）昨日召開特別會員大會。國安處指支聯會為外國代理人。"
    got = pairs(link(body))
    aid = next(i for t, i in got if t.endswith("聯合會"))
    assert [t for t, i in got if i == aid].count("支聯會") == 2


# -- titles of session 9, and a title that starts a longer word ---------------------------------------

@pytest.mark.parametrize("body, text, local", [
    ("希腊财长瓦鲁法基斯6日宣布辞职。", "希腊财长瓦鲁法基斯", "local:瓦鲁法基斯"),
    ("朝鲜国防省副相金康日发表谈话。", "朝鲜国防省副相金康日", "local:金康日"),
    ("胡塞武装政治局成员布赫提7日说，停火协议仍然有效。", "胡塞武装政治局成员布赫提", "local:布赫提"),
    ("美国驻秘鲁大使肯纳7日在讲话中表示关切。", "美国驻秘鲁大使肯纳", "local:肯纳"),
])
def test_unknown_person_after_session9_titles(body, text, local):
    assert (text, local) in pairs(link(body))


@pytest.mark.parametrize("body", ["欧盟成员国表示将协调立场。", "东盟轮值主席国文莱在会后发表声明。"])
def test_title_starting_a_longer_word_is_no_title(body):
    assert not [i for i in ids(link(body)) if i.startswith("local:")]


def test_known_person_after_a_post_of_his_organisation():
    got = pairs(link("国际奥委会主席巴赫当天与运动员通话。", "2021-11-21"))
    assert ("国际奥委会主席巴赫", "per:thomas-bach") in got
    assert "per:thomas-bach" not in ids(link("德国作曲家巴赫的作品。", "2021-11-21"))


# -- a lone 会 after a person's name is the modal verb, after a title the meeting ------------------------

def test_hui_after_a_name_is_a_verb():
    assert "per:vladimir-putin" in ids(link("找俄罗斯借钱？普京会给才怪。", "2024-05-01"))
    assert not [i for i in ids(link("东盟外长会在雅加达举行。", "2024-05-01")) if i.startswith(("per:", "office:"))]


# -- fresh9 classes (read after the decision figures): initial + 国, names after titles -----------------

@pytest.mark.parametrize("body, text, state", [
    ("台灣宣布與宏都拉斯斷交。吳釗燮說，宏國政府向台灣索取高額援助。", "宏國", "HND"),
    ("索羅門群島宣布與台灣斷交，外交部宣布終止與索國外交關係。", "索國", "SLB"),
])
def test_initial_and_guo_of_a_state_named_in_full(body, text, state):
    assert (text, state) in pairs(link(body, "2023-03-26"))


@pytest.mark.parametrize("body", ["外交部宣布終止與索國外交關係。",         # the state is not named in full
                                  "双方将在泰国湾举行联合训练。",             # a place holding a state name
                                  "菲方应恪守一个中国原则。"])                # a fixed phrase without actors
def test_no_initial_state_without_the_state_named_or_where_its_name_is_no_mention(body):
    assert not [i for i in ids(link(body, "2023-03-26")) if i in ("SLB", "THA", "CHN")]


@pytest.mark.parametrize("body", ["对于无法兑现当选保守党党首时的承诺深表遗憾。", "中华人民共和国政府是代表全中国的唯一合法政府。",
                                  "由欧盟轮值主席国领导人来接待。"])
def test_particles_states_and_verbs_are_no_given_names(body):
    assert not [i for i in ids(link(body, "2022-10-20")) if i.startswith("local:")]


def test_repeated_name_ending_in_an_alias_is_still_a_name():
    assert ("中国海警局新闻发言人刘德军", "local:刘德军") in pairs(link("中国海警局新闻发言人刘德军8月31日表示，菲方应立即停止侵权。",
                                                                 "2024-08-31"))


def test_title_holder_bears_the_name_after_the_title():
    assert ("欧洲理事会主席米歇尔", "per:charles-michel") in pairs(link("欧洲理事会主席米歇尔表示，欧盟将继续支持。", "2022-03-01"))
    assert "per:michelle-obama" in ids(link("美国前第一夫人米歇尔表示支持。", "2022-03-01"))


def test_state_after_a_posting_word_is_not_the_titles_country():
    got = ids(link("俄军驻乌克兰联合部队司令苏罗维金表示，局势紧张。", "2022-10-20"))
    assert "per:sergey-surovikin" in got and "local:苏罗维金" not in got
