"""Quotes: the second round of rules (dev set quotes_dev2.yaml), each tested both ways.

Datelines, 据X介绍, nested attribution, statements speaking for their issuer, descriptions resolved through
recent speakers, relative-clause modifiers of unnamed sources, paragraph-opening quotes after a colon,
说了吗：, headlines, clause-final partial quotes, short terms as objects of non-bare cues, 不顾…警告.
"""
from __future__ import annotations

import pytest

from test_quotes import SPEAKERLESS_CTX, check_offsets, mk, only

CAST = {
    "新华社": ("org:xinhua", "organization"), "中央社": ("org:cna-taiwan", "organization"),
    "普京": ("per:vladimir-putin", "person"), "佩斯科夫": ("per:dmitry-peskov", "person"),
    "塔斯社": ("org:tass", "organization"), "鲁登科": ("local:鲁登科", "person"),
    "路透社": ("org:reuters", "organization"), "莱维特": ("per:karoline-leavitt", "person"),
    "特朗普": ("per:donald-trump", "person"), "毛宁": ("per:mao-ning", "person"),
    "拜登": ("per:joe-biden", "person"), "岸田文雄": ("per:fumio-kishida", "person"), "白宫": ("USA", "state"),
    "七国集团": ("org:g7", "organization"), "意大利": ("ITA", "state"), "中国": ("CHN", "state"),
    "美国国务院": ("org:usa-department-of-state", "organization"), "美国之音": ("org:voa", "organization"),
    "东盟": ("org:asean", "organization"), "欧盟": ("org:eu", "organization"), "华盛顿": ("USA", "state"),
    "林剑": ("per:lin-jian", "person"), "国台办": ("org:chn-taiwan-affairs-office", "organization"),
    "古特雷斯": ("per:antonio-guterres", "person"), "马克龙": ("per:emmanuel-macron", "person"),
    "刘德军": ("local:刘德军", "person"), "菲律宾": ("PHL", "state"), "中方": ("CHN", "state"),
    "北约": ("org:nato", "organization"), "泽连斯基": ("per:volodymyr-zelensky", "person"),
    "安倍": ("per:shinzo-abe", "person"), "日本": ("JPN", "state"),
}


def q(body: str, **kw):
    return mk(body, cast=CAST, **kw)


# -- datelines ------------------------------------------------------------------------------------

@pytest.mark.parametrize("body", [
    "新华社莫斯科5月16日电 普京16日对媒体表示，俄中关系处于历史最好水平。",
    "新华社莫斯科5月16日电（记者 张三）普京16日对媒体表示，俄中关系处于历史最好水平。",
    "（中央社记者莫斯科16日电）普京今天对媒体表示，俄中关系处于历史最好水平。",
    "华盛顿 — 普京星期四对媒体表示，俄中关系处于历史最好水平。",
])
def test_dateline_is_not_the_subject(body):
    doc = q(body)
    assert only(doc, "俄中关系").speaker == "per:vladimir-putin"
    check_offsets(doc)


def test_agency_without_dateline_still_speaks():
    doc = q("新华社发表评论说，俄中关系处于历史最好水平。")
    assert only(doc, "俄中关系").speaker == "org:xinhua"


# -- attribution frames and nested attribution ----------------------------------------------------

def test_ju_jieshao_frame():
    doc = q("据外交部发言人毛宁介绍，本次记者会持续约90分钟。")
    hit = only(doc, "本次记者会")
    assert (hit.speaker, hit.direct) == ("per:mao-ning", False)
    # Without 介绍 (a bare 据了解) there is no speaker and no quote.
    assert q("据了解，本次记者会持续约90分钟。").quotes == []


@pytest.mark.parametrize("body,who", [
    ("塔斯社援引鲁登科的话说，双方还讨论了朝鲜半岛局势。", "local:鲁登科"),
    ("莱维特转述特朗普的话说，总统对通话“非常满意”。", "per:donald-trump"),
    ("路透社援引两名知情人士的话说，美俄双方同意在沙特举行会谈。", None),
    ("路透社说，美俄双方同意在沙特举行会谈。", "org:reuters"),
    ("莱维特说，总统对通话“非常满意”。", "per:karoline-leavitt"),
])
def test_nested_attribution_gives_the_source(body, who):
    doc = q(body, ctx=SPEAKERLESS_CTX)
    assert doc.quotes and all(x.speaker == who for x in doc.quotes)


# -- statements speak for their issuer -----------------------------------------------------------

def test_joint_statement_speaks_for_its_parties():
    doc = q("拜登在白宫同岸田文雄举行会谈，两国随后发表联合声明。联合声明指出，美日将加强防务合作。")
    assert only(doc, "加强防务合作").speaker == "USA"


def test_communique_of_a_meeting():
    doc = q("七国集团外长会议在意大利闭幕，会议发表联合公报。公报指出，七国集团对中国表示严重关切。")
    assert only(doc, "表示严重关切").speaker == "org:g7"


def test_statement_not_introduced_is_unresolved():
    doc = q("拜登在白宫同岸田文雄举行会谈。声明指出，美日将加强防务合作。", ctx=SPEAKERLESS_CTX)
    assert only(doc, "加强防务合作").speaker is None


# -- descriptions and unnamed sources ------------------------------------------------------------

def test_description_resolves_to_the_recent_speaker_with_that_noun():
    doc = q("美国国务院一名发言人星期一对美国之音表示，美国严重关切中国的行动。"
            "“这是一系列挑衅中最新的一次，”这位发言人在电子邮件中说。")
    assert only(doc, "最新的一次").speaker == "org:usa-department-of-state"


def test_description_without_such_speaker_stays_unresolved():
    doc = q("美国之音报道了此事。“这是一系列挑衅中最新的一次，”这位发言人在电子邮件中说。")
    assert only(doc, "最新的一次").speaker is None


@pytest.mark.parametrize("body,who", [
    ("另一位熟悉东盟内部讨论的外交消息人士说，东盟国家的反应相当克制。", None),
    ("一名欧盟官员说，新方案将重点打击第三国企业。", "org:eu"),
])
def test_actor_in_a_relative_clause_is_not_the_speaker(body, who):
    doc = q(body, ctx=SPEAKERLESS_CTX)
    assert len(doc.quotes) == 1 and doc.quotes[0].speaker == who


# -- layouts ------------------------------------------------------------------------------------

def test_quote_opening_the_paragraph_after_a_colon():
    doc = q("古特雷斯在安理会发言。他说：\n“加沙的人道主义体系正面临全面崩溃的严重风险。\n“我再次呼吁立即实现人道主义停火。”")
    assert only(doc, "全面崩溃").speaker == "per:antonio-guterres"
    assert only(doc, "再次呼吁").speaker == "per:antonio-guterres"
    check_offsets(doc)


def test_paragraph_quote_without_colon_is_not_joined():
    doc = q("古特雷斯在安理会发言\n“加沙的人道主义体系正面临全面崩溃的严重风险。”")
    assert not any("全面崩溃" in x.text and x.speaker for x in doc.quotes)


def test_aspect_marker_before_colon():
    doc = q("马克龙上周不是说了吗：欧洲必须为自己的安全负责。")
    assert only(doc, "欧洲必须").speaker == "per:emmanuel-macron"
    assert q("马克龙说了很多次欧洲必须为自己的安全负责。").quotes == []


@pytest.mark.parametrize("body,text,direct", [
    ("林剑：中方坚决反对美方对台军售\n外交部发言人林剑19日主持例行记者会。", "中方坚决反对美方对台军售", False),
    ("国台办：“台独”是死路一条\n国台办发言人20日主持例行记者会。", "“台独”是死路一条", False),
    ("林剑：“中方将采取坚决有力措施”\n外交部发言人林剑19日主持例行记者会。", "中方将采取坚决有力措施", True),
])
def test_headline_speaker_colon(body, text, direct):
    doc = q(body)
    hit = only(doc, text)
    assert hit.text == text and hit.direct is direct and hit.speaker is not None
    check_offsets(doc)


@pytest.mark.parametrize("body", [
    "林剑就是这样做的：他先提出问题，再给出答案。",  # a sentence with a colon, not a headline
    "会议议程：中方坚决反对美方对台军售",  # no speaker before the colon
])
def test_not_a_headline(body):
    assert q(body).quotes == []


# -- short marked phrases -----------------------------------------------------------------------

@pytest.mark.parametrize("body,text,who", [
    ("北约通过宣言，首次称中国是俄罗斯对乌战争的“决定性推动者”。", "决定性推动者", "org:nato"),
    ("拜登在声明中谴责这是一场“有预谋的战争”。", "有预谋的战争", "per:joe-biden"),
    ("特朗普对记者说，泽连斯基“本来可以达成协议”，这场战争“根本不该开始”。", "根本不该开始", "per:donald-trump"),
])
def test_clause_final_partial_quotes(body, text, who):
    hit = only(q(body), text)
    assert (hit.text, hit.speaker, hit.direct) == (text, who, True)


@pytest.mark.parametrize("body", [
    "安倍此前多次主张建立「亚洲版北约」。",  # object of a verb: a term
    "普京声称正在根除当地的 “恐怖主义”。",  # a short noun after 的: a label
    "泽连斯基说，当地媒体被指控“传播虚假信息”或“扰乱公共秩序”。",  # coordinated terms
    "有人批评「亲中卖台」，社会被切割成两半。",  # non-bare cue right before a short term
])
def test_short_terms_in_reported_speech_are_not_quotes(body):
    doc = q(body)
    assert not any(x.direct for x in doc.quotes), [(x.text, x.speaker) for x in doc.quotes]


def test_buggu_warning_is_not_speech():
    doc = q("据刘德军介绍，菲律宾船只不顾中方多次警告，故意冲撞中国海警船。")
    assert [x.speaker for x in doc.quotes] == ["local:刘德军"]
    doc = q("中方再次警告，菲律宾应立即停止侵权挑衅。")
    assert only(doc, "立即停止").speaker == "CHN"


def test_person_heading_a_relative_clause_speaks():
    cast = dict(CAST, 英国=("GBR", "state"), 罗冠聪=("per:nathan-law", "person"))
    doc = mk("旅居英国的香港民主派人士罗冠聪对本台表示，这部法律将令言论自由荡然无存。", cast=cast)
    assert only(doc, "荡然无存").speaker == "per:nathan-law"
