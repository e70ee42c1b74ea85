"""Actor rulings and linker rules of session 11 (issue 3), each tested both ways on the packaged gazetteer.
Sentences are written for these tests."""
from __future__ import annotations

import pytest

from shiju.model import Document
from shiju.pipeline import Pipeline

_PIPE = Pipeline(["normalize", "actors", "actor_filter"])


def _output(body: str, comments=()) -> list[tuple[str, str, str]]:
    """(part, mention text, actor id) of the actors output, the filter and the output exclusions applied."""
    doc = _PIPE(Document(id="t", source="test", format="text", body=body, published="2024-05-01",
                         comments=list(comments)))
    return sorted((m.part, m.text, a.id) for a in doc.actors for m in a.mentions)


# -- a bare 警方 / 警察 / 当局 is no mention; the police or authorities of a named place are --------------------

@pytest.mark.parametrize("body", [
    "香港警方周五在旺角拘捕三名男子，警方表示会严正执法。",
    "港警在铜锣湾清场，警察与示威者推撞，當局稱將調查。",
    "美国警方逮捕了嫌犯，当局称将公布更多细节。",
    "示威持续到深夜，警方施放催泪弹，当局宣布宵禁。",
])
def test_bare_police_and_authorities_are_no_mentions(body):
    got = _output(body)
    assert not [t for _, t, _ in got if t in ("警方", "警察", "当局", "當局")]


@pytest.mark.parametrize("body, text, actor", [
    ("香港警方周五在旺角拘捕三名男子。", "香港警方", "org:hkg-police"),
    ("港警在铜锣湾清场。", "港警", "org:hkg-police"),
    ("美国警方逮捕了嫌犯。", "美国", "USA"),
    ("台湾当局拒绝回应。", "台湾当局", "TWN"),
])
def test_police_and_authorities_of_a_named_place_stay(body, text, actor):
    assert ("body", text, actor) in _output(body)


def test_bare_police_in_a_comment_is_no_mention():
    from shiju.model import Comment

    got = _output("香港警方昨晚在金钟清场。", [Comment(id="c1", author="路人", text="支持警方依法执法！")])
    assert [(p, t) for p, t, _ in got if p == "comment:c1"] == []
    assert ("body", "香港警方", "org:hkg-police") in got


# -- Hong Kong and Taiwanese politicians, parties and bodies named without a title (persons/hk_tw_politics.yaml) --

from _linking import link, pairs  # noqa: E402


@pytest.mark.parametrize("body, text, actor", [
    ("郭家麒同梁繼昌一直都好溫和，估唔到都俾人DQ。", "郭家麒", "per:kwok-ka-ki"),
    ("郭家麒同梁繼昌一直都好溫和，估唔到都俾人DQ。", "梁继昌", "per:kenneth-leung"),
    ("張慶忠當年30秒就通過審查，難怪學生要抗議。", "张庆忠", "per:chang-ching-chung"),
    ("學聯當天發表聲明，要求特首下台。", "学联", "org:hkg-federation-of-students"),
    ("这次农委会反应很快，马上拿出预备金。", "农委会", "org:twn-council-of-agriculture"),
    ("監警會話會跟進事件。", "监警会", "org:hkg-ipcc"),
])
def test_hong_kong_and_taiwan_names_without_a_title(body, text, actor):
    from shiju.actors.gazetteer import fold

    assert (text, actor) in [(fold(t), i) for t, i in pairs(link(body))]


@pytest.mark.parametrize("body, word", [
    ("特首今早在行政会议前见记者时表示，会继续跟进。", "行政会议"),  # the weekly meeting, not the council acting
    ("范云涛教授返回上海后失踪。", "范云"),                        # no two-character name inside a longer one
    ("诺贝尔化学奖得主李远哲发表声明。", "李远"),
])
def test_meetings_and_names_inside_longer_names_are_not_linked(body, word):
    got = pairs(link(body))
    assert not [i for t, i in got if t == word or i in ("org:hkg-executive-council",)]


# -- "organisation + title + name" starts at the organisation, not at a word glued to it ------------------------

@pytest.mark.parametrize("body, text, actor", [
    ("警方通缉钟翰林及前职工盟总干事蒙兆达。", "前职工盟总干事蒙兆达", "per:mung-siu-tat"),
    ("他会见了黄之锋及前香港众志秘书长罗冠聪。", "前香港众志秘书长罗冠聪", "per:nathan-law"),
    ("他还将拜访卫生福利部部长陈时中。", "卫生福利部部长陈时中", "per:chen-shih-chung"),
])
def test_person_mention_after_a_conjunction_or_a_verb(body, text, actor):
    assert (text, actor) in pairs(link(body))


def test_verb_inside_an_unknown_organisation_name_still_belongs_to_it():
    got = pairs(link("首尔市立大学国际关系学教授黄智焕表示，韩美同盟稳固。"))
    assert ("首尔市立大学国际关系学教授黄智焕", "local:黄智焕") in got


# -- a known name of three or more characters is that person whatever the segmenter glued after it -------------

@pytest.mark.parametrize("body, text, actor", [
    ("希拉里普选票比川普多，还是输了。", "希拉里", "per:hillary-clinton"),
    ("泽连斯基连门都没进就回去了。", "泽连斯基", "per:volodymyr-zelensky"),
    ("他们都支持托卡耶夫维稳。", "托卡耶夫", "per:kassym-jomart-tokayev"),
    ("反对派人士纳瓦尔尼因被禁止参选而呼吁抵制。", "纳瓦尔尼", "per:alexei-navalny"),
])
def test_long_known_name_glued_on_the_right(body, text, actor):
    assert (text, actor) in pairs(link(body))


def test_short_name_glued_to_a_transliteration_character_is_still_another_name():
    # 萨勒|曼: a two-character alias (Macky Sall) with a transliteration character after it is a longer name
    assert "per:macky-sall" not in [i for _, i in pairs(link("沙特王储萨勒曼表示欢迎。"))]


# -- 国民警卫队 is a generic noun: the US Guard only in a US story --------------------------------------------

def test_national_guard_of_another_state_is_that_state():
    got = pairs(link("首都多地爆发抗议，委内瑞拉国民警卫队发射催泪瓦斯驱散人群。"))
    assert ("委内瑞拉国民警卫队", "VEN") in got
    assert "org:usa-national-guard" not in [i for _, i in got]


def test_national_guard_in_a_us_story_is_the_us_guard():
    assert ("国民警卫队", "org:usa-national-guard") in pairs(link("特朗普下令向洛杉矶派遣国民警卫队。"))
