"""Session 13, event arguments (the demo's wrong recipients, made general): each rule both ways, on sentences
written for these tests. Actors come from a surface table (tests/_stub_actors.py), so the rules are tested
without the linker; the learned components are off here (tests/conftest.py)."""
from __future__ import annotations

from _stub_actors import countable_events

ACTORS = {
    "意大利": [("ITA", "state", "ITA")], "印度总理莫迪": [("per:narendra-modi", "person", "IND", "GOV")],
    "日本": [("JPN", "state", "JPN")], "法国政府": [("FRA", "state", "FRA")],
    "乌克兰总统泽连斯基": [("per:volodymyr-zelensky", "person", "UKR", "GOV")],
    "东盟": [("org:asean", "organization", None, "IGO")],
    "澳大利亚总理阿尔巴尼斯": [("per:anthony-albanese", "person", "AUS", "GOV")],
    "菲律宾": [("PHL", "state", "PHL")], "澳方": [("AUS", "state", "AUS")],
    "中方": [("CHN", "state", "CHN")], "美国": [("USA", "state", "USA")],
    "俄罗斯总统普京": [("per:vladimir-putin", "person", "RUS", "GOV")],
}


def _events(body: str) -> list:
    return countable_events(body, ACTORS, "2024-06-14")


def test_a_visit_to_a_city_the_text_placed_in_a_state_has_that_state_as_host():
    evs = _events("峰会13日在意大利普利亚开幕。印度总理莫迪14日抵达普利亚，出席峰会的外联会议。")
    visit = [e for e in evs if e.type == "CONSULT" and e.mode == "visit"]
    assert [(e.actor, e.recipient) for e in visit] == [(["per:narendra-modi"], ["ITA"])]


def test_a_city_the_text_never_placed_gives_no_host():
    evs = _events("峰会13日开幕。印度总理莫迪14日抵达普利亚，出席峰会的外联会议。")
    assert not [e for e in evs if e.type == "CONSULT" and e.mode == "visit"]


def test_the_owner_of_the_aircraft_taken_is_no_visitor():
    evs = _events("峰会在日本广岛举行。乌克兰总统泽连斯基20日乘法国政府专机抵达广岛。")
    visit = [e for e in evs if e.type == "CONSULT" and e.mode == "visit"]
    assert [(e.actor, e.recipient) for e in visit] == [(["per:volodymyr-zelensky"], ["JPN"])]


def test_parties_left_unnamed_are_no_recipient():
    body = "澳方和菲律宾发表声明，批评中方的行为。东盟当天表示，坚决反对有关国家拉帮结派。"
    acc = [e for e in _events(body) if e.type == "ACCUSE" and e.actor == ["org:asean"]]
    assert acc and all(e.recipient == [] for e in acc)
    # a party named after the trigger is the recipient as before
    body2 = "澳方和菲律宾发表声明，批评中方的行为。东盟当天表示，坚决反对美国拉帮结派。"
    acc2 = [e for e in _events(body2) if e.type == "ACCUSE" and e.actor == ["org:asean"]]
    assert [e.recipient for e in acc2] == [["USA"]]


def test_a_charge_with_no_object_still_answers_the_party_just_told():
    # no object: the verbal conflict is aimed at the last party acting (the rule the exception leaves)
    body = "美国宣布向菲律宾增派部队。中方随后表示强烈不满。"
    acc = [e for e in _events(body) if e.type == "ACCUSE"]
    assert [(e.actor, e.recipient) for e in acc] == [(["CHN"], ["USA"])]


def test_separate_meetings_with_several_partners_are_one_bilateral_event_each():
    # session-13 ruling: X 分别同 A、B 举行会谈 is one event per partner; each has two parties, so the
    # "multilateral" the three states of the whole list suggested does not carry to them
    evs = _events("印度总理莫迪分别同俄罗斯总统普京和乌克兰总统泽连斯基举行会谈。")
    consult = [e for e in evs if e.type == "CONSULT"]
    assert sorted(tuple(e.actor) for e in consult) == [("per:narendra-modi", "per:vladimir-putin"),
                                                       ("per:narendra-modi", "per:volodymyr-zelensky")]
    assert all(e.mode != "multilateral" for e in consult)
