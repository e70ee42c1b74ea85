"""Events: who acts — the subject rules of src/shiju/events/arguments.py (topic chains, zero subjects,
bylines, meeting participants, acts retold in reported speech), each tested both ways (the rule fires /
it does not). Actors come from a fixed surface table (tests/_stub_actors.py) so the coder is tested on
its own. Sentences are written for these tests in ordinary news style.
"""
from __future__ import annotations

from _stub_actors import countable_events

TABLE = {
    "普京": [("per:vladimir-putin", "person", "RUS", "GOV")],
    "阿利耶夫": [("per:ilham-aliyev", "person", "AZE", "GOV")],
    "平壤": [("PRK", "state", "PRK")],
    "波兰边防部队": [("org:pol-border-guard", "organization", "POL", "COP")],
    "中央社": [("org:cna-taiwan", "organization", "TWN", "MED")],
    "欧盟": [("org:eu", "organization", None, "IGO")],
    "七国集团": [("org:g7", "organization", None, "IGO")],
    "俄罗斯": [("RUS", "state", "RUS")],
    "美国": [("USA", "state", "USA")],
    "美国海军": [("org:usa-navy", "organization", "USA", "MIL")],
    "林郑月娥": [("per:carrie-lam", "person", "HKG", "GOV")],
    "民阵": [("org:hkg-civil-human-rights-front", "organization", "HKG", "NGO")],
    "苏丹武装部队": [("org:sdn-armed-forces", "organization", "SDN", "MIL")],
    "快速支援部队": [("org:rapid-support-forces", "organization", "SDN", "REB")],
}


def code(body: str) -> list:
    return countable_events(body, TABLE, "2024-12-30")


def of(evs: list, type_: str) -> list:
    return [e for e in evs if e.type == type_]


# ------------------------------------------------------------------- zero subjects in a topic chain
def test_clause_opening_with_a_preposition_continues_the_subject():
    # 就“悲剧事件”致歉: the object of 就 is no subject; the clause continues 普京's
    ev = of(code("普京28日在与阿利耶夫通电话时，就“悲剧事件”致歉。"), "CONCEDE")
    assert ev and ev[0].actor == ["per:vladimir-putin"]
    ev = of(code("波兰边防部队驱散人群，并向边境增派约1.2万名士兵。"), "MOBILIZE")
    assert ev and ev[0].actor == ["org:pol-border-guard"]


def test_clause_opening_with_an_unlinked_noun_keeps_its_own_subject():
    # 西方国家 is a subject the linker does not know: 普京 is not borrowed for it
    assert not of(code("普京发表讲话，西方国家随即对此表示不满。"), "ACCUSE")
    # 与会 (attending) is not the preposition 与: 与会学者 is a subject of its own
    assert not of(code("普京发表讲话，与会学者批评俄罗斯。"), "ACCUSE")


def test_pronoun_and_verb_heads_continue_the_previous_sentence():
    ev = of(code("普京28日抵达平壤。他同时下令在边境增派军队。"), "MOBILIZE")
    assert ev and ev[0].actor == ["per:vladimir-putin"]


# ------------------------------------------------------------------- non-actors and group subjects
def test_news_agency_in_a_byline_is_not_the_actor():
    evs = of(code("（中央社记者布鲁塞尔24日专电）欧盟外长24日开会，通过对俄罗斯的新一轮制裁措施。"), "SANCTION")
    assert evs and evs[0].actor == ["org:eu"] and evs[0].recipient == ["RUS"]


def test_meeting_participants_act_as_its_organisation():
    ev = of(code("七国集团峰会19日在广岛开幕。与会领导人宣布对俄罗斯实施新一轮制裁。"), "SANCTION")
    assert ev and ev[0].actor == ["org:g7"] and ev[0].recipient == ["RUS"]
    # without an organisation named, 与会者 are no actor (annotation: seminars are not events)
    assert not of(code("研讨会19日在广岛开幕。与会领导人宣布对俄罗斯实施新一轮制裁。"), "SANCTION")


def test_act_retold_at_the_head_of_reported_speech_is_the_earlier_event():
    evs = of(code("林郑月娥4日宣布正式撤回修例。民阵表示，撤回修例太少、太迟。"), "CONCEDE")
    assert [e.actor for e in evs] == [["per:carrie-lam"]]
    # a speaker announcing the same kind of act of its own (将 before it) keeps it
    evs = of(code("林郑月娥4日宣布正式撤回修例。民阵表示，将撤回诉讼。"), "CONCEDE")
    assert ["org:hkg-civil-human-rights-front"] in [e.actor for e in evs]


def test_instrument_nouns_are_not_acts():
    # 驱逐舰 (destroyer), 巡逻机, 发射设施: the trigger begins a noun
    evs = code("美国海军驱逐舰和巡逻机27日通过台湾海峡。")
    assert not [e for e in evs if e.trigger in ("驱逐", "巡逻")]
    assert of(code("美国海军27日驱逐俄罗斯渔船。"), "COERCE")  # the verb is still an act


def test_both_sides_are_the_parties_of_the_last_mutual_act():
    # 双方 after a two-sided act (not only after a meeting): its parties
    evs = of(code("苏丹武装部队与快速支援部队15日在喀土穆激烈交火，双方互相指责对方首先发动攻击。"), "ACCUSE")
    assert evs and set(evs[0].actor) == {"org:sdn-armed-forces", "org:rapid-support-forces"}
    # after a one-way act there are no "two sides" to carry
    evs = of(code("苏丹武装部队15日炮击快速支援部队。双方互相指责。"), "ACCUSE")
    assert not any(set(e.actor) == {"org:sdn-armed-forces", "org:rapid-support-forces"} for e in evs)
