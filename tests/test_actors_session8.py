"""Linker rules of session 8 (issue 3), each tested both ways on the packaged gazetteer: the rule fires where
it should and leaves the ordinary case alone. Sentences are written for these tests."""
from __future__ import annotations

import pytest

from _linking import ids, link, pairs


# -- a state name ending in another state's name wins over that state's composed aliases ---------------

@pytest.mark.parametrize("body, text, state, wrong", [
    ("白俄罗斯国防部表示，演习按计划进行。", "白俄罗斯国防部", "BLR", "org:rus-ministry-of-defence"),
    ("白俄罗斯军方表示，部分无人机被击落。", "白俄罗斯", "BLR", "RUS"),  # the state's name alone, as before
])
def test_longer_state_name_beats_the_state_inside_it(body, text, state, wrong):
    got = pairs(link(body))
    assert (text, state) in got
    assert wrong not in [i for _, i in got]


def test_the_shorter_state_alone_is_still_linked():
    assert ("俄罗斯国防部", "org:rus-ministry-of-defence") in pairs(link("俄罗斯国防部表示，演习按计划进行。"))


def test_person_alias_inside_a_name_after_a_title_is_part_of_the_name():
    got = pairs(link("白俄罗斯国防部长赫列宁在开幕式上致辞说，合作不针对第三方。", "2020-08-12"))
    assert "per:vladimir-lenin" not in [i for _, i in got]
    assert ("白俄罗斯国防部长赫列宁", "local:赫列宁") in got
    assert ("列宁", "per:vladimir-lenin") in pairs(link("列宁在十月革命后领导了苏维埃政府。", "2020-08-12"))


# -- a part of a known person's dotted name after a title of that person's own country ----------------

@pytest.mark.parametrize("body, date, text, person", [
    ("玻利维亚总统莫拉莱斯10日宣布辞职。", "2019-11-11", "玻利维亚总统莫拉莱斯", "per:evo-morales"),
    ("阿曼外交大臣巴德尔随后在社交媒体上表示欢迎。", "2025-05-07", "阿曼外交大臣巴德尔", "per:badr-albusaidi"),
    # the reading glued a particle to the name (马斯|称) or stopped short of it (马哈|茂德)
    ("德国外长马斯称此举为国家劫持。", "2021-05-25", "德国外长马斯", "per:heiko-maas"),
    ("索马里总统马哈茂德在议会发表讲话。", "2024-01-03", "索马里总统马哈茂德", "per:hassan-sheikh-mohamud"),
])
def test_name_part_after_own_country_title_is_the_known_person(body, date, text, person):
    assert (text, person) in pairs(link(body, date))


def test_name_part_after_another_country_title_is_a_namesake():
    got = ids(link("智利总统莫拉莱斯10日宣布辞职。", "2019-11-11"))
    assert "per:evo-morales" not in got


def test_later_short_form_follows_the_known_person():
    got = pairs(link("玻利维亚总统莫拉莱斯10日宣布辞职。墨西哥已批准向莫拉莱斯提供政治庇护。", "2019-11-11"))
    assert ("莫拉莱斯", "per:evo-morales") in got


# -- a title followed by a first or a gap names the office: the state at its start is the mention ------

@pytest.mark.parametrize("body, state", [
    ("这是韩国总统首次在访美之前先访问日本。", "KOR"),
    ("这是韩国总统12年来首次以双边形式访问东京。", "KOR"),
    ("这是中国国家主席时隔14年再次访问该国。", "CHN"),
    ("他是首位踏上朝鲜土地的在任美国总统。", "USA"),
    ("这份协议撑不过下一任美国总统。", "USA"),
])
def test_title_naming_the_office_is_its_state(body, state):
    got = ids(link(body, "2025-08-25"))
    assert state in got
    assert not any(i.startswith("per:") for i in got)


def test_title_with_a_holder_named_stays_the_person():
    assert "per:lee-jae-myung" in ids(link("韩国总统李在明首次访问日本。", "2025-08-25"))
    assert "per:lee-jae-myung" in ids(link("韩国总统25日在白宫与美国总统会谈。", "2025-08-25"))


# -- datelines naming several cities, digests without a date, reporters' bylines ----------------------

@pytest.mark.parametrize("body", [
    "（新德里/伊斯兰堡综合电）印度政府宣布暂停签证。",
    "（华盛顿综合电）美国总统拜登说，谈判仍在继续。",
    "（联合早报吉隆坡讯）东帝汶昨天正式加入东盟。",
    "〔記者鍾麗華／台北報導〕台美今天簽署協定。",
])
def test_dateline_cities_are_no_mentions(body):
    got = pairs(link(body, "2024-05-01"))
    assert not any(t in ("新德里", "伊斯兰堡", "华盛顿", "吉隆坡", "台北") for t, _ in got)


def test_city_acting_for_its_government_stays_a_mention():
    assert ("华盛顿", "USA") in pairs(link("北京表示反对，华盛顿综合考虑后决定推迟。"))


# -- compounds of initials: heads of session 8 and the initial of the name the text writes --------------

@pytest.mark.parametrize("body, expected", [
    ("中国与白俄罗斯举行联合演习，旨在推动中白两军关系。", ["CHN", "BLR"]),
    ("中国和津巴布韦。「中津全面戰略合作夥伴關係」不變。", ["CHN", "ZWE"]),
])
def test_compound_of_named_states_before_new_heads(body, expected):
    got = pairs(link(body))
    for aid in expected:
        assert sum(1 for _, i in got if i == aid) == 2  # the full name and the compound's initial


def test_initial_without_its_state_named_is_no_compound():
    assert "ZWE" not in ids(link("中国和南非。「中津全面戰略合作夥伴關係」不變。"))


# -- persons named after a role, not a post --------------------------------------------------------------

@pytest.mark.parametrize("body, text", [
    ("交换在美国服刑的俄罗斯联邦安全局特工克拉西科夫。", "俄罗斯联邦安全局特工克拉西科夫"),
    ("古巴释放了被关押五年的美国承包商格罗斯。", "美国承包商格罗斯"),
])
def test_role_nouns_before_a_name_make_a_person(body, text):
    assert any(t == text and i.startswith("local:") for t, i in pairs(link(body, "2024-08-02")))


def test_role_noun_alone_names_nobody():
    assert ids(link("嫌犯当场被捕，警方正在调查。")) == []


# -- output exclusions: anaphors and 两岸 are read by the later stages, not output as mentions -----------

def _full(body: str, published: str = "2024-05-01"):
    from shiju.evaluation import gold_document
    from shiju.pipeline import Pipeline

    return Pipeline()(gold_document({"id": "t", "body": body, "published": published, "_file": "t"}))


def test_organisation_anaphor_is_not_output_but_its_actor_stays():
    doc = _full("西非国家经济共同体10日宣布制裁。该组织表示，制裁将持续到恢复宪政。")
    texts = [m.text for a in doc.actors for m in a.mentions]
    assert "该组织" not in texts
    assert "org:ecowas" in [a.id for a in doc.actors]


def test_cross_strait_compound_is_not_output():
    doc = _full("国台办表示，两岸同属一个中国。")
    assert "两岸" not in [m.text for a in doc.actors for m in a.mentions]


def test_person_anaphor_stays_a_mention():
    doc = _full("韩国外长赵兑烈12日抵达华盛顿。这位外长表示，韩美同盟坚如磐石。", "2024-05-01")
    assert any(m.text == "这位外长" for a in doc.actors for m in a.mentions)


# -- capitals as venues stay mentions of their state (docs/annotation.md, session 8) ---------------------

def test_capital_as_venue_is_a_mention_of_its_state():
    assert ("北京", "CHN") in pairs(link("第九次中日韩领导人会议27日在北京举行。"))


# -- an unnamed spokesperson after a state name still speaks for the organisation -----------------------

def test_state_before_unnamed_spokesperson_keeps_the_organisation():
    assert ("美国白宫发言人", "USA") in pairs(link("美国白宫发言人表示，美方欢迎这一努力。", "2023-03-10"))
    got = pairs(link("美国白宫发言人让-皮埃尔表示，美方欢迎这一努力。", "2023-03-10"))
    assert ("美国白宫发言人让-皮埃尔", "per:karine-jean-pierre") in got


def test_compound_uses_the_initial_of_the_name_the_text_writes():
    # 帛琉 (Taiwan's name for Palau; the standard name 帕劳 starts with 帕)
    got = pairs(link("台灣和帛琉簽署協定。賴總統表示，台帛是「堅定的友邦」。", "2024-05-10"))
    assert ("帛", "PLW") in got and ("台", "TWN") in got
    assert "PLW" not in ids(link("台灣和日本簽署協定。賴總統表示，台帛是「堅定的友邦」。", "2024-05-10"))
