"""Linker rules of session 10 (issue 3), each tested both ways on the packaged gazetteer: the rule fires where
it should and leaves the ordinary case alone. Sentences are written for these tests."""
from __future__ import annotations

import pytest

from _linking import ids, link, pairs


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


# -- mentions inside the title of a law, treaty or declaration are left out of the output -------------------

def _output(body: str) -> list[tuple[str, str]]:
    from shiju.model import Document
    from shiju.pipeline import Pipeline

    doc = Pipeline(["normalize", "actors", "actor_filter"])(
        Document(id="t", source="test", format="text", body=body, published="2024-05-01"))
    return sorted((m.text, a.id) for a in doc.actors for m in a.mentions)


def test_states_inside_a_treaty_title_are_no_mentions():
    got = _output("两国外长宣布终止《挪芬渔业合作协定》，挪威表示遗憾。")
    assert ("挪威", "NOR") in got
    assert not [t for t, _ in got if t in ("挪", "芬")]
    got = _output("美国参议院通过《香港人权法案》后，香港特区政府表示反对。")
    assert [t for t, i in got if i == "HKG"] == []  # 香港特区政府 is the government, 香港 inside the title is not
    assert any(i == "org:usa-senate" for _, i in got)


def test_a_whole_title_that_is_an_outlet_stays():
    assert ("华尔街日报", "org:wsj") in _output("《华尔街日报》援引美国官员的话报道说，会谈取得进展。")


# -- compounds of initials ending a word, in stories naming each state ------------------------------------

def test_compound_of_named_states_ending_a_token():
    got = pairs(link("越南外长访问华盛顿，越美发表联合声明。美国国务院表示欢迎。"))
    assert ("越", "VNM") in got and ("美", "USA") in got


def test_compound_reading_needs_the_run_not_to_be_a_word():
    got = pairs(link("塞内加尔和法国关系紧张，塞方称制裁是非法的。"))
    assert ("法", "FRA") not in got


# -- ambiguous demonyms and nested state names --------------------------------------------------------------

@pytest.mark.parametrize("body, state", [
    ("乌兹别克斯坦总统在塔什干表示，乌方愿同各方合作。", "UZB"),
    ("乌克兰总统在基辅表示，乌方不会让步。", "UKR"),
    ("乌方表示将继续谈判。", "UKR"),  # no context: the first reading
    ("埃塞俄比亚总理表示，埃方希望获得出海口。", "ETH"),
    ("埃方表示拉法口岸将重新开放。", "EGY"),
])
def test_ambiguous_demonym_by_the_state_the_story_names(body, state):
    assert [i for t, i in pairs(link(body)) if t in ("乌方", "埃方")] == [state]


def test_nested_state_name_before_an_armed_force_noun():
    assert ("南苏丹", "SSD") in pairs(link("南苏丹政府军与反对派武装交火。"))
    assert ("苏丹政府军", "SDN") in pairs(link("苏丹政府军与快速支援部队交火。"))


# -- short names of bodies added to the gazetteer, and the boundary rule for them ---------------------------

def test_bare_houthi_name_and_its_boundary():
    assert ("胡塞", "org:houthis") in pairs(link("胡塞表示将继续袭击红海商船。"))
    assert not ids(link("胡塞尔的现象学影响深远。"))  # Husserl, not the Houthis


def test_colombian_eln_is_not_the_pla():
    got = pairs(link("民族解放军与哥伦比亚政府签署停火协议。"))
    assert ("民族解放军", "org:eln") in got and "org:chn-pla" not in [i for _, i in got]
    assert ("解放军", "org:chn-pla") in pairs(link("解放军今天在台岛周边举行演习。"))


# -- gendered titles name the last holder titled so; 总统府 only in a Taiwanese context; Catalonia ------------

def test_queen_after_the_queen_died_is_still_the_queen():
    assert ("女王", "per:elizabeth-ii") in pairs(link("英国女王一路走好，女王见证了一个时代。", "2022-09-09"))
    assert ("国王", "per:charles-iii") in pairs(link("英国国王发表圣诞讲话，国王感谢民众。", "2023-12-25"))


def test_presidential_office_only_for_taiwan():
    assert ("總統府", "org:twn-office-of-the-president") in pairs(link("賴清德今天在總統府接見美國議員。", "2024-06-01"))
    assert "org:twn-office-of-the-president" not in ids(link("斯里兰卡示威者占领了位于科伦坡的总统府。", "2022-07-10"))


def test_catalonia_is_no_compound_of_canada_and_thailand():
    got = ids(link("加泰罗尼亚地方政府宣布独立，西班牙政府表示反对。加泰地方政府随后回应。", "2017-10-10"))
    assert "CAN" not in got and "THA" not in got
    assert "CAN" in ids(link("中加两国外长举行会谈。", "2017-10-10"))


# -- a foreign name listed right after a titled person ---------------------------------------------------

def test_name_listed_after_a_titled_person_is_a_person():
    got = pairs(link("当局软禁了前首席部长萨利姆、卡迪尔等多名地方政治领袖。", "2019-08-06"))
    assert ("卡迪尔", "local:卡迪尔") in got
    got = pairs(link("当局软禁了前首席部长萨利姆、多名议员和记者。", "2019-08-06"))
    assert [i for _, i in got if i.startswith("local:")] == ["local:萨利姆"]


# -- segmentation glue at a known name: adverbs that are transliteration characters, 向 + name, X方|向 ------

@pytest.mark.parametrize("body, text, actor", [
    ("不管普京多强硬，乌克兰都不会让步。", "普京", "per:vladimir-putin"),
    ("这次大选连苏纳克的议席都差点丢了。", "苏纳克", "per:rishi-sunak"),
    ("伊朗多地爆发抗议。", "伊朗", "IRN"),
    ("秘书长随后向普京转交了信件。", "普京", "per:vladimir-putin"),
    ("中方向汤加提供了紧急援助。", "中方", "CHN"),
])
def test_known_name_glued_by_the_segmenter(body, text, actor):
    assert (text, actor) in pairs(link(body, "2024-05-01"))


def test_a_transliteration_running_on_is_still_another_name():
    # 萨勒|曼: the glued character is no adverb, so 萨勒 alone is not linked inside the longer name
    assert ids(link("沙特王储萨勒曼表示欢迎。", "2024-05-01")) != ["per:macky-sall"]
    assert "CHN" not in ids(link("部队朝这个方向前进。", "2024-05-01"))


# -- initial + 方 of a state the story names in full; 尼方 read by the story ----------------------------------

@pytest.mark.parametrize("body, text, state", [
    ("立陶宛议会通过决议。中方敦促立方立即纠正错误决定。", "立方", "LTU"),
    ("秘鲁外长表示，秘方感谢中方的援助。", "秘方", "PER"),
    ("美国对尼日尔与伊朗的合作表示担忧，并警告尼方不要出售铀。", "尼方", "NER"),
    ("尼泊尔总理表示，尼方愿同中方合作。", "尼方", "NPL"),
])
def test_side_of_a_state_the_story_names(body, text, state):
    assert (text, state) in pairs(link(body, "2024-05-01"))


@pytest.mark.parametrize("body", [
    "中方表示，这是一个祖传的秘方。",                 # no Peru in the story: a secret recipe
    "西班牙首相表示，西方不应盲目扩军。",              # the West, not Spain
    "南非总统表示，全球南方国家应当团结。",            # the Global South, not South Africa
])
def test_everyday_words_of_initial_and_side(body):
    got = pairs(link(body, "2024-05-01"))
    assert not [t for t, _ in got if t in ("秘方", "西方", "南方")]
