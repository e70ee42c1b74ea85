"""Linker rules of the third round (issue 3), each tested both ways on the packaged gazetteer: the rule
fires where it should and leaves the ordinary case alone. Sentences are written for these tests."""
from __future__ import annotations

import pytest

from _linking import ids, link, pairs
from shiju.model import Comment, Document


# -- one-character abbreviations ------------------------------------------------------------------

@pytest.mark.parametrize("body, bad", [
    ("以色列同意在加沙地带停火。", {"CAN", "SAU"}),          # 加沙 is a place
    ("越南渔船在西沙群岛附近作业。", {"ESP", "SAU"}),          # 西沙
    ("普京同意俄乌双方停止袭击能源设施。", {"ITA"}),           # 同意 is a word, not 同 + 意
    ("胡塞武装袭击了荷台达港附近的船只。", {"NLD", "TWN"}),    # a transliterated place name
    ("以美日为首的西方国家表示反对。", {"ISR"}),               # 以 is a preposition here
    ("这是一种美德，值得推广。", {"USA", "DEU"}),               # 美德 = virtue
])
def test_abbreviations_inside_words_do_not_fire(body, bad):
    assert not bad & set(ids(link(body)))


@pytest.mark.parametrize("body, want", [
    ("中美关系近来有所缓和。", ["CHN", "USA"]),
    ("普京同意俄乌双方停止袭击能源设施。", ["RUS", "UKR"]),
    ("美德两国外长举行会谈。", ["USA", "DEU"]),              # a compound head overrides 美德 = virtue
    ("以巴冲突再度升级。", ["ISR", "PSE"]),
    ("美日韩三国举行联合演习。", ["USA", "JPN", "KOR"]),
])
def test_compounds_of_state_abbreviations_still_fire(body, want):
    got = [i for i in ids(link(body)) if i in want]
    assert got == want


# -- names: partial aliases and namesakes --------------------------------------------------------

def test_alias_glued_to_a_transliteration_character_is_not_that_person():
    d = link("沙特王储穆罕默德·本·萨勒曼在机场迎接客人。")
    assert "per:macky-sall" not in ids(d)
    assert ("沙特王储穆罕默德·本·萨勒曼", "per:mohammed-bin-salman") in pairs(d)


def test_alias_before_an_ordinary_word_still_fires():
    d = link("塞内加尔总统萨勒在达喀尔发表讲话。", published="2020-05-01")
    assert "per:macky-sall" in ids(d)


def test_person_after_another_country_title_is_a_namesake():
    d = link("洪都拉斯外交部长雷纳在北京签署建交公报。", published="2023-03-27")
    assert "per:angela-rayner" not in ids(d)
    a = d.actor_by_id("local:雷纳")
    assert a is not None and a.country == "HND"


def test_person_after_own_country_title_is_the_person():
    d = link("英国副首相雷纳表示将推动住房改革。", published="2024-09-01")
    assert "per:angela-rayner" in ids(d)


# -- generic nouns right after a state --------------------------------------------------------------

def test_generic_ministry_after_a_state_without_entry_is_that_state():
    d = link("爱沙尼亚外交部宣布，将俄罗斯驻爱沙尼亚大使降级。")
    assert pairs(d)[0] == ("爱沙尼亚外交部", "EST")
    assert "org:rus-ministry-of-foreign-affairs" not in ids(d)


def test_generic_ministry_without_a_state_before_it_uses_context():
    d = link("俄罗斯驻爱沙尼亚大使被召见。外交部表示将作出回应。")
    assert "org:rus-ministry-of-foreign-affairs" in ids(d)


# -- titles and names that are things, seats, offices -----------------------------------------------

@pytest.mark.parametrize("body, bad", [
    ("美国向乌克兰交付了艾布拉姆斯坦克。", "per:robert-abrams"),
    ("他在里根总统图书馆发表演讲，批评中国。", "per:joe-biden"),
    ("七国集团外长会议在意大利举行，外长们讨论了乌克兰问题。", "per:antonio-tajani"),
])
def test_name_or_title_before_a_thing_head_is_not_a_person(body, bad):
    assert bad not in ids(link(body))


def test_name_or_title_before_an_ordinary_word_is_a_person():
    d = link("美国总统今天会见了来访的意大利外长。前陆军上将艾布拉姆斯表示支持。", published="2024-05-01")
    got = ids(d)
    assert "per:joe-biden" in got and "per:antonio-tajani" in got and "per:robert-abrams" in got


def test_title_before_a_seat_suffix_is_the_state():
    d = link("法国总统府发表声明，表示关切。")
    assert pairs(d)[0] == ("法国总统府", "FRA")


def test_title_without_seat_suffix_is_the_holder():
    d = link("法国总统发表声明，表示关切。")
    assert ids(d)[0] == "per:emmanuel-macron"


def test_title_after_a_verb_of_taking_office_is_the_office_not_the_holder():
    d = link("赖清德就任台湾地区领导人后，大陆方面表示反对。")
    assert "per:tsai-ing-wen" not in ids(d)
    assert ("台湾地区", "TWN") in pairs(d)


def test_title_as_subject_is_the_holder():
    d = link("台湾地区领导人赖清德发表讲话。")
    assert ids(d)[0] == "per:lai-ching-te"


def test_ideology_word_is_not_an_organisation():
    d = link("外交部表示，中方坚决反对台独。")
    assert "org:taiwan-independence" not in ids(d)


def test_group_named_after_an_ideology_is_an_organisation():
    d = link("外交部表示，中方坚决打击台独势力。")
    assert "org:taiwan-independence" in ids(d)


def test_compound_before_a_composed_body_names_each_states_body():
    d = link("中美国防部工作会晤在北京举行。", published="2023-11-16")
    got = set(ids(d))
    assert {"org:chn-ministry-of-national-defense", "org:usa-department-of-defense"} <= got


def test_composed_body_alone_is_one_states():
    d = link("美国防部发表声明。", published="2023-11-16")
    assert ids(d) == ["org:usa-department-of-defense"]


def test_building_reading_of_an_ngo_name():
    assert "org:freedom-house" not in ids(link("两人在韩方一侧的“自由之家”进行了会谈。"))
    assert "org:freedom-house" in ids(link("总部位于华盛顿的自由之家发布年度报告，批评中国。"))


# -- unknown persons after a title ----------------------------------------------------------------------

def test_unknown_name_after_title_with_an_actor_earlier_in_the_clause():
    d = link("战略与国际研究中心海事透明倡议主任波林对记者说，北京在测试底线。")
    a = d.actor_by_id("local:波林")
    assert a is not None and a.country == "USA"


def test_korean_surname_after_a_ministry_title():
    d = link("韩国统一部发言人具炳杉回应说，北方应停止挑衅。")
    a = d.actor_by_id("local:具炳杉")
    assert a is not None and a.country == "KOR"
    assert "office:kor-unification-ministry-spokesperson" not in ids(d)


def test_conjunction_after_a_title_is_not_a_surname():
    d = link("台灣13日舉行總統和立法委員選舉。", published="2024-01-13")
    assert not [i for i in ids(d) if i.startswith("local:")]
    assert ids(d) == ["TWN"]


def test_repeat_of_unknown_name_wins_over_an_alias_inside_it():
    d = link("据中国海警局新闻发言人刘德军介绍，菲方船只闯入。刘德军表示，一切后果由菲方承担。")
    assert "org:deu-bundeswehr" not in ids(d)
    assert texts_of(d, "local:刘德军")[-1] == "刘德军"


def test_alias_inside_a_name_with_no_antecedent_stays():
    d = link("德军表示将向立陶宛增派部队。")
    assert "org:deu-bundeswehr" in ids(d)


def test_particle_after_a_transliterated_name():
    d = link("拜登比川普更懂外交。")
    assert ids(d) == ["per:joe-biden", "per:donald-trump"]


def texts_of(doc: Document, actor_id: str) -> list[str]:
    a = doc.actor_by_id(actor_id)
    return [m.text for m in a.mentions] if a else []


# -- nationality nouns in comments, new entries --------------------------------------------------------

def test_nationality_noun_in_a_comment_is_the_state():
    d = link("南海局势再度紧张。", comments=[Comment(id="c1", author="路人", text="菲律宾人真勇敢，比支那人强多了。")])
    got = pairs(d, "comment:c1")
    assert ("菲律宾人", "PHL") in got and ("支那人", "CHN") in got


def test_nationality_noun_counting_people_or_in_the_body_is_not_linked():
    d = link("更多乌克兰人失去生命。", comments=[Comment(id="c1", author="路人", text="又有三名乌克兰人遇难。")])
    assert "UKR" not in ids(d) and "UKR" not in ids(d, "comment:c1")


def test_eu_demonym_and_new_organisations():
    d = link("欧方表示将继续支持乌克兰。民阵组织了游行。以色列总工会宣布罢工。")
    got = ids(d)
    assert got[0] == "org:eu" and "org:hkg-civil-human-rights-front" in got and "org:isr-histadrut" in got


def test_ideology_word_in_a_comment_is_what_the_reader_takes_a_side_on():
    d = link("外交部表示，中方坚决反对台独。", comments=[Comment(id="c1", author="路人", text="我不支持台独")])
    assert "org:taiwan-independence" not in ids(d)
    assert "org:taiwan-independence" in ids(d, "comment:c1")
