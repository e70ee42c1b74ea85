"""Events, session-3 trigger/type/date round: each rule tested both ways (it fires / it does not).

These run the real pipeline (actors, time, quotes, events) because the rules read the Time stage's
values (dates inside reference frames) and the gazetteer's states. Sentences are written for these tests
in ordinary news style (docs/annotation.md, "Coding events in Chinese"; PLOVER manual sections cited in
src/shiju/data/events/*.yaml).
"""
from __future__ import annotations

import pytest

from shiju.evaluation import gold_document
from shiju.events import is_countable
from shiju.pipeline import Pipeline


@pytest.fixture(scope="module")
def pipe() -> Pipeline:
    return Pipeline()


def events(pipe: Pipeline, body: str, published: str = "2025-05-08", type_: str | None = None) -> list:
    doc = pipe(gold_document({"id": "t", "body": body, "published": published}))
    return [e for e in doc.events if is_countable(e) and (type_ is None or e.type == type_)]


# --------------------------------------------------------------------------- THREATEN: announced responses
@pytest.mark.parametrize("body", [
    "巴基斯坦总理谢里夫7日表示，巴方有权作出回应。",
    "伊朗外交部7日表示，伊朗有权进行自卫。",
    "英国外交大臣7日表示，英国政府将作出“深思熟虑但强有力”的回应。",
])
def test_announced_response_is_a_threat(pipe, body):
    assert events(pipe, body, type_="THREATEN")


def test_a_reply_already_given_is_not_a_threat(pipe):
    assert not events(pipe, "中国外交部发言人7日表示，中方已经对此作出回应。", type_="THREATEN")


def test_threat_opening_with_its_own_future_cue_is_the_conditional_threat(pipe):
    evs = events(pipe, "马杜罗3日表示，如果美国胆敢发动攻击，委内瑞拉将“武装回击”。", published="2025-09-04")
    assert [e for e in evs if e.type == "THREATEN" and e.recipient == ["USA"]]


# --------------------------------------------------------------------------- dates inside reference frames
def test_date_inside_a_response_frame_does_not_date_the_next_sentence(pipe):
    body = ("印度军方7日对巴基斯坦发动导弹袭击，称此举是对4月22日恐怖袭击的回应。"
            "巴基斯坦总理谢里夫当天谴责印度的行动。")
    acc = events(pipe, body, type_="ACCUSE")
    assert acc and acc[0].date == "2025-05-07"


def test_act_told_inside_the_frame_keeps_the_frame_date(pipe):
    body = "爱沙尼亚23日宣布将俄罗斯驻爱沙尼亚大使降级，这是对俄罗斯11日驱逐爱沙尼亚驻俄大使的回应。"
    sanc = {e.date for e in events(pipe, body, published="2023-01-24", type_="SANCTION")}
    assert "2023-01-11" in sanc and "2023-01-23" in sanc


def test_scheduled_date_before_de_does_not_date_the_act(pipe):
    body = "特朗普3日表示，美国同意将原定4日生效的对墨西哥商品关税暂缓实施一个月。"
    evs = events(pipe, body, published="2025-02-04")
    assert evs and all(e.date == "2025-02-03" for e in evs)


def test_reason_frame_does_not_date_the_strike(pipe):
    body = "此次冲突始于7日，印度以4月恐袭为由，对巴基斯坦发动导弹打击。"
    strikes = events(pipe, body, published="2025-05-11", type_="ASSAULT")
    assert strikes and strikes[0].date == "2025-05-07"


# --------------------------------------------------------------------------- ceasefires taking effect
def test_ceasefire_taking_effect_is_retreat(pipe):
    evs = events(pipe, "印度和巴基斯坦10日宣布停火，停火从当天下午5时起生效。", published="2025-05-11")
    assert any(e.type == "RETREAT" and e.mode == "ceasefire" for e in evs)


def test_time_clause_on_a_ceasefire_is_not_an_event(pipe):
    evs = events(pipe, "26日，即停火生效前数小时，以军对贝鲁特南郊进行了空袭。", published="2024-11-28")
    assert not [e for e in evs if e.type == "RETREAT"]
    assert [e for e in evs if e.type == "ASSAULT"]


# --------------------------------------------------------------------------- habitual background
@pytest.mark.parametrize("body,type_", [
    ("毛宁表示，美方一再向台湾地区出售武器，严重违反一个中国原则。", "AID"),
    ("自7月政变以来，尼日尔军政府多次要求法国撤军。", "REQUEST"),
])
def test_iterated_act_without_a_date_is_background(pipe, body, type_):
    evs = events(pipe, body, published="2024-12-27")
    assert not [e for e in evs if e.type == type_]
    assert not [e for e in evs if e.type == "RETREAT"]  # nor the act inside the habitual demand


def test_iterated_act_with_its_own_date_is_coded(pipe):
    evs = events(pipe, "越南外交部7日指责中国海警船5月4日起多次冲撞越南渔船。", published="2014-05-08")
    assert [e for e in evs if e.type == "ASSAULT"]


# --------------------------------------------------------------------------- nouns and means
def test_counted_sanction_package_is_a_noun_without_a_light_verb(pipe):
    evs = events(pipe, "从美国的出口管制，到欧盟对俄罗斯的第16轮制裁方案，全球贸易体系正在重塑。",
                 published="2025-02-20", type_="SANCTION")
    assert not evs


def test_counted_sanction_package_with_a_light_verb_is_an_event(pipe):
    assert events(pipe, "欧盟外长24日通过对俄罗斯的第14轮制裁。", published="2024-06-25", type_="SANCTION")


def test_talks_as_the_means_of_a_settlement_are_not_held(pipe):
    assert not events(pipe, "商务部13日表示，中美双方应通过平等对话协商解决分歧。", published="2025-05-13",
                      type_="CONSULT")


def test_talks_held_are_an_event(pipe):
    assert events(pipe, "中美双方12日在日内瓦举行了对话。", published="2025-05-13", type_="CONSULT")


# --------------------------------------------------------------------------- lexicon entries
@pytest.mark.parametrize("body,published,type_", [
    ("中国人民银行与阿根廷央行2日续签了双边本币互换协议。", "2023-06-03", "COOPERATE"),
    ("格鲁吉亚首都第比利斯30日爆发大规模抗议。", "2024-12-01", "PROTEST"),
    ("中方27日决定冻结美国军工企业在中国境内的财产。", "2024-12-27", "SANCTION"),
    ("中国21日决定对原产于台湾地区的部分产品中止适用协议税率。", "2023-12-22", "SANCTION"),
    ("尼日尔军政府24日宣布禁止法国飞机飞越尼日尔领空。", "2023-09-26", "SANCTION"),
    ("韩国军方4日在军事分界线一带举行了军事训练。", "2024-06-04", "MOBILIZE"),
])
def test_new_trigger_entries(pipe, body, published, type_):
    assert events(pipe, body, published=published, type_=type_)


@pytest.mark.parametrize("body,published,type_", [
    ("日本18日宣布向菲律宾提供5艘大型巡逻船。", "2024-06-18", "MOBILIZE"),  # 巡逻船 is a vessel
    ("俄罗斯18日向乌克兰发射了巡航导弹。", "2024-06-18", "MOBILIZE"),  # 巡航导弹 is a missile
    ("抗议者18日在议会外与警察对峙。", "2024-06-18", "PROTEST"),  # 抗议者 are people, not an act
])
def test_compound_nouns_are_not_the_trigger(pipe, body, published, type_):
    assert not events(pipe, body, published=published, type_=type_)


# --------------------------------------------------------------------------- round 2
@pytest.mark.parametrize("body,published,type_", [
    ("美国国务卿布林肯当天对俄方的决定表示失望。", "2023-02-22", "ACCUSE"),
    ("西班牙、爱尔兰和挪威28日正式承认巴勒斯坦国。", "2024-05-29", "SUPPORT"),
    ("瑙鲁政府15日宣布承认中华人民共和国政府为代表全中国的唯一合法政府。", "2024-01-16", "SUPPORT"),
    ("香港高等法院15日裁定黎智英串谋勾结外国势力罪成立。", "2025-12-16", "SANCTION"),
    ("乌克兰总统泽连斯基24日宣布全国进入战时状态。", "2022-02-25", "COERCE"),
    ("以军称，真主党24日向以色列北部发射两枚迫击炮弹。", "2024-12-25", "ASSAULT"),
])
def test_round2_entries(pipe, body, published, type_):
    assert events(pipe, body, published=published, type_=type_)


@pytest.mark.parametrize("body,published,type_", [
    ("他承认自己在处理此事时犯了错误。", "2024-01-16", "SUPPORT"),  # an admission, not recognition
    ("以色列总理内塔尼亚胡当天宣布以色列处于战争状态。", "2023-10-08", "COERCE"),  # not martial law
])
def test_round2_entries_do_not_overreach(pipe, body, published, type_):
    assert not events(pipe, body, published=published, type_=type_)


def test_otherwise_clause_is_the_speakers_threat(pipe):
    body = "美国国务卿卢比奥2日要求巴拿马减少中国在运河的影响力，否则美国将制裁巴拿马。"
    evs = events(pipe, body, published="2025-02-08")
    assert [e for e in evs if e.type == "THREATEN" and e.recipient == ["PAN"]]
    assert not [e for e in evs if e.type == "SANCTION"]


def test_sanction_without_otherwise_is_coded_as_such(pipe):
    evs = events(pipe, "美国财政部2日宣布制裁巴拿马。", published="2025-02-08")
    assert [e for e in evs if e.type == "SANCTION"] and not [e for e in evs if e.type == "THREATEN"]


# --------------------------------------------------------------------------- dates inside quotation marks
def test_date_inside_a_quote_does_not_date_the_next_sentence(pipe):
    # annotation.md, Dates (session-11 ruling): a date in marks dates only the acts inside that quote
    body = ("菲律宾外交部长10日说：“中国海警船3日在仁爱礁附近冲撞了我们的补给船。”"
            "菲律宾外交部随后召见中国大使，提出抗议。")
    acc = events(pipe, body, published="2024-06-11", type_="ACCUSE")
    assert acc and all(e.date == "2024-06-10" for e in acc)


def test_date_in_reported_speech_without_marks_does_not_date_the_next_sentence(pipe):
    # session-12 ruling (annotation.md, Dates): a date inside reported speech without marks dates only that
    # content, like a date in marks (until session 11 this test pinned the opposite: 2024-06-03)
    body = ("菲律宾外交部长10日说，中国海警船3日在仁爱礁附近冲撞了菲方补给船。"
            "菲律宾外交部随后召见中国大使，提出抗议。")
    acc = events(pipe, body, published="2024-06-11", type_="ACCUSE")
    assert acc and acc[0].date == "2024-06-10"


def test_date_in_narration_still_dates_the_next_sentence(pipe):
    body = ("中国海警船3日在仁爱礁附近冲撞了菲方补给船。"
            "菲律宾外交部随后召见中国大使，提出抗议。")
    acc = events(pipe, body, published="2024-06-11", type_="ACCUSE")
    assert acc and acc[0].date == "2024-06-03"
