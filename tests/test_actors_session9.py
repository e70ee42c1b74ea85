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
