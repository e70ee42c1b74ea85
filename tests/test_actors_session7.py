"""Linker rules of session 7 (issue 3), each tested both ways on the packaged gazetteer: the rule fires where
it should and leaves the ordinary case alone. Sentences are written for these tests."""
from __future__ import annotations

import pytest

from _linking import link, pairs


# -- armed forces: a state's name + a generic noun is the state (PLOVER: country + sector MIL) ----------

@pytest.mark.parametrize("body, text, state", [
    ("根据协议，乌克兰军队将撤出该地区。", "乌克兰军队", "UKR"),
    ("俄罗斯军方当天表示，无人机已被击落。", "俄罗斯军方", "RUS"),
    ("苏丹政府军在达尔富尔地区发动攻势。", "苏丹政府军", "SDN"),
    ("马里军方31日宣布暂停合作。", "马里", "MLI"),  # no entry for Mali's forces: the state as before
])
def test_state_name_with_armed_forces_noun_is_the_state(body, text, state):
    assert (text, state) in pairs(link(body))


@pytest.mark.parametrize("body, text, org", [
    ("美军22日凌晨出动轰炸机。", "美军", "org:usa-armed-forces"),
    ("以色列国防军称，已拦截多枚导弹。", "以色列国防军", "org:isr-defense-forces"),
])
def test_named_forces_and_abbreviations_stay_the_organisation(body, text, org):
    assert (text, org) in pairs(link(body))


# -- a spokesperson named without a name speaks for the organisation --------------------------------

@pytest.mark.parametrize("body, text, aid", [
    ("美国国务院发言人表示，美方正在认真评估。", "美国国务院发言人", "org:usa-department-of-state"),
    ("印度外交部发言人没有透露具体细节。", "印度外交部发言人", "org:ind-ministry-of-external-affairs"),
    ("白宫发言人说，美国不支持这一做法。", "白宫发言人", "USA"),  # the seat written for its state
])
def test_unnamed_spokesperson_is_the_organisation(body, text, aid):
    assert (text, aid) in pairs(link(body))


def test_named_spokesperson_is_still_the_person():
    got = pairs(link("美国国务院发言人米勒说，美方不会改变立场。", published="2024-05-01"))
    assert ("美国国务院发言人米勒", "per:matthew-miller") in got


def test_other_unnamed_titles_still_name_their_holder():
    got = pairs(link("美国国务卿表示，美方将继续推动谈判。", published="2024-05-01"))
    assert ("美国国务卿", "per:antony-blinken") in got


# -- a surname shared by several office holders: country in context and role at the date -------------

def test_shared_surname_resolves_by_date_and_role():
    got = pairs(link("加拿大举行联邦大选，卡尼领导的自由党赢得最多席位。", published="2025-04-29"))
    assert ("卡尼", "per:mark-carney") in got
    got = pairs(link("白宫发言人卡尼表示，总统将出席会议。", published="2013-05-01"))
    assert ("白宫发言人卡尼", "per:jay-carney") in got


# -- compounds of initials of actors the document names in full ----------------------------------------

@pytest.mark.parametrize("body, expected", [
    ("加拿大与丹麦签署协议。加丹两国向世界表明立场。", [("加", "CAN"), ("丹", "DNK")]),
    ("阿塞拜疆和亚美尼亚签署宣言，阿亚双方承诺结束冲突。", [("阿", "AZE"), ("亚", "ARM")]),
    ("马尔代夫总统访问印度。马印两国在新德里举行会谈。", [("马", "MDV"), ("印", "IND")]),
    ("越南国家主席访华。习近平指出，中越是山水相连的邻邦。", [("中", "CHN"), ("越", "VNM")]),
])
def test_initials_of_named_states_form_a_compound(body, expected):
    got = pairs(link(body))
    for pair in expected:
        assert pair in got


@pytest.mark.parametrize("body, absent", [
    ("加拿大外长会见记者。加丹两国向世界表明立场。", "丹"),  # Denmark is not named: 丹 stays a character
    ("立陶宛和中国的关系紧张，瑞士表示保持中立。", "立"),  # 中立 is "neutral" without a pair head
    ("加拿大和沙特呼吁加沙停火。", "沙"),  # 加沙 is Gaza
    ("埃及和德国支持格陵兰。格陵兰总理埃格德也表示反对。", "埃"),  # a transliterated name, not three states
])
def test_initials_need_the_state_named_and_a_confirming_word(body, absent):
    assert absent not in [t for t, _ in pairs(link(body))]


# -- words read by the writer's script -----------------------------------------------------------------

def test_other_side_and_grandpa_are_the_prc_in_traditional_text():
    assert ("對岸", "CHN") in pairs(link("名字叫台灣不叫台北，對岸氣到跳腳。"))
    assert ("阿爺", "CHN") in pairs(link("阿爺一定好想民主黨贏。"))


def test_other_side_is_not_linked_in_simplified_text_or_as_a_river_bank():
    assert "对岸" not in [t for t, _ in pairs(link("赖清德这次讲话确实有点冒进，给了对岸借口。"))]
    assert "對岸" not in [t for t, _ in pairs(link("我們家就住在河對岸，每天過橋上班。"))]


def test_added_slang_and_bodies_are_linked():
    assert ("侵侵", "per:donald-trump") in pairs(link("侵侵今次應該輸眾議院。"))
    assert ("穆兄会", "org:muslim-brotherhood") in pairs(link("卡舒吉生前跟穆兄会走得很近。"))


# -- a Taiwanese news body: bare ministries are Taiwan's -------------------------------------------------

def test_bare_ministry_in_taiwanese_copy_is_taiwans():
    got = pairs(link("解放軍在臺灣周邊軍演，陸委會表示譴責。國防部表示，截至上午6時，共機24架次。"))
    assert ("國防部", "org:twn-ministry-of-national-defense") in got


def test_named_state_and_simplified_text_keep_their_reading():
    got = pairs(link("解放軍在臺灣周邊軍演，陸委會表示譴責。中國國防部表示，解放軍將繼續。"))
    assert ("中國國防部", "org:chn-ministry-of-national-defense") in got
    # Simplified copy with the same words is not read as written in Taiwan
    from shiju.actors import _script, _writer_home, get_gazetteer
    from _linking import CTX
    doc = link("解放军在台湾周边军演，陆委会表示谴责。国防部表示，共机24架次。")
    assert _writer_home(get_gazetteer(CTX), doc.view("body").simplified, _script(doc.view("body"))) is None
