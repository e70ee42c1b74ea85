"""Events: the argument, type and dating rules that follow the gold's annotation conventions
(docs/annotation.md, "Coding events in Chinese"), each tested both ways (the rule fires / it does not).

Actors come from a hand-made oracle (as in tests/test_events.py) so the coder is tested on its own; a
few tests that need the gazetteer (IGO officials) run the real Actors stage. Sentences are written for
these tests in ordinary news style.
"""
from __future__ import annotations


import pytest

from _stub_actors import stub_actors
from shiju.context import AnalysisContext
from shiju.events import is_countable, process
from shiju.model import Document, TimeExpr

# surface → (id, type, country, sector)
ACTORS: dict[str, tuple[str, str, str | None, str | None]] = {
    "美国财政部": ("org:usa-department-of-the-treasury", "organization", "USA", "GOV"),
    "中国外交部副部长孙卫东": ("per:sun-weidong", "person", "CHN", "GOV"),
    "日本驻华大使垂秀夫": ("per:hideo-tarumi", "person", "JPN", "GOV"),
    "美国总统特朗普": ("per:donald-trump", "person", "USA", "GOV"),
    "特朗普": ("per:donald-trump", "person", "USA", "GOV"),
    "普京": ("per:vladimir-putin", "person", "RUS", "GOV"),
    "内塔尼亚胡": ("per:benjamin-netanyahu", "person", "ISR", "GOV"),
    "香港警方": ("org:hkg-police", "organization", "HKG", "COP"),
    "美军": ("org:usa-armed-forces", "organization", "USA", "MIL"),
    "解放军": ("org:chn-pla", "organization", "CHN", "MIL"),
    "真主党": ("org:hezbollah", "organization", "LBN", "REB"),
    "哈马斯": ("org:hamas", "organization", "PSE", "REB"),
    "东盟": ("org:asean", "organization", None, "IGO"),
    "美国": ("USA", "state", "USA", None), "美方": ("USA", "state", "USA", None),
    "华盛顿": ("USA", "state", "USA", None),
    "中国": ("CHN", "state", "CHN", None), "中方": ("CHN", "state", "CHN", None),
    "日本": ("JPN", "state", "JPN", None), "日方": ("JPN", "state", "JPN", None),
    "韩国": ("KOR", "state", "KOR", None), "首尔": ("KOR", "state", "KOR", None),
    "韩方": ("KOR", "state", "KOR", None),
    "朝鲜": ("PRK", "state", "PRK", None), "北韩": ("PRK", "state", "PRK", None),
    "俄罗斯": ("RUS", "state", "RUS", None), "俄方": ("RUS", "state", "RUS", None),
    "乌克兰": ("UKR", "state", "UKR", None), "乌方": ("UKR", "state", "UKR", None), "以色列": ("ISR", "state", "ISR", None),
    "伊朗": ("IRN", "state", "IRN", None), "台湾": ("TWN", "state", "TWN", None),
    "越南": ("VNM", "state", "VNM", None), "叙利亚": ("SYR", "state", "SYR", None),
    "大马士革": ("SYR", "state", "SYR", None), "波兰": ("POL", "state", "POL", None),
    "保加利亚": ("BGR", "state", "BGR", None), "爱沙尼亚": ("EST", "state", "EST", None),
    "香港": ("HKG", "state", "HKG", None), "意大利": ("ITA", "state", "ITA", None),
    "黎巴嫩": ("LBN", "state", "LBN", None), "菲律宾": ("PHL", "state", "PHL", None),
    "法国": ("FRA", "state", "FRA", None), "委内瑞拉": ("VEN", "state", "VEN", None),
    "阿根廷": ("ARG", "state", "ARG", None), "智利": ("CHL", "state", "CHL", None),
    "埃及": ("EGY", "state", "EGY", None), "俄羅斯": ("RUS", "state", "RUS", None),
    "烏克蘭": ("UKR", "state", "UKR", None),
    "以军": ("org:isr-defense-forces", "organization", "ISR", "MIL"),
    "中国海警": ("org:chn-coast-guard", "organization", "CHN", "COP"),
    "美国国务卿布林肯": ("per:antony-blinken", "person", "USA", "GOV"),
    # linker errors the coder must survive: one-character abbreviations inside ordinary words
    "意": ("ITA", "state", "ITA", None), "加": ("CAN", "state", "CAN", None), "沙": ("SAU", "state", "SAU", None),
}
COMPOUND = {"俄乌": ["RUS", "UKR"], "韩日": ["KOR", "JPN"]}
# the surface table the stub linker reads: compounds give one state each, a listed surface wins
TABLE = {**{s: [(i, "state", i, None) for i in states] for s, states in COMPOUND.items()},
         **{s: [row] for s, row in ACTORS.items()}}


def make_doc(body: str, published: str = "2024-06-20", times: list[tuple[str, str]] = ()) -> Document:
    doc = stub_actors(Document(id="t", source="test", format="test", body=body, published=published), TABLE)
    for text, value in times:
        k = body.find(text)
        gran = "range" if "/" in value else {10: "day", 7: "month"}.get(len(value), "year")
        doc.times.append(TimeExpr(text=text, start=k, end=k + len(text), value=value, granularity=gran))
    return doc


def code(body: str, **kw) -> list:
    doc = make_doc(body, **kw)
    process(doc, AnalysisContext())
    return [e for e in doc.events if is_countable(e)]


def of(evs: list, type_: str) -> list:
    return [e for e in evs if e.type == type_]


# ------------------------------------------------------------------------------ one event per act
def test_official_and_state_are_one_act_in_dedup():
    evs = code("中国外交部副部长孙卫东召见日本驻华大使垂秀夫，提出严正交涉。中方对日方表示强烈不满。")
    assert len(of(evs, "ACCUSE")) == 1  # summons, démarche and statement: CHN → JPN once


def test_different_recipients_stay_two_events():
    evs = code("中方对日方表示强烈不满。中方对美方表示强烈不满。")
    assert len(of(evs, "ACCUSE")) == 2


def test_title_line_retells_the_body_and_takes_its_date():
    body = "普京再访朝鲜\n普京19日抵达朝鲜，开始国事访问。"
    evs = code(body, published="2024-06-20", times=[("19日", "2024-06-19")])
    consult = of(evs, "CONSULT")
    assert len(consult) == 1 and consult[0].date == "2024-06-19"


def test_title_line_event_without_body_telling_is_kept():
    evs = code("普京再访朝鲜\n朝鲜19日发射导弹。", times=[("19日", "2024-06-19")])
    assert of(evs, "CONSULT") and of(evs, "MOBILIZE")


# ------------------------------------------------------------------------------ arguments
def test_recipient_phrase_before_the_verb_holds_every_mention():
    ev = of(code("美国财政部宣布，对8名协助朝鲜采购武器的个人实施制裁。"), "SANCTION")[0]
    assert ev.actor == ["org:usa-department-of-the-treasury"] and ev.recipient == ["PRK"]


def test_a_name_starting_with_a_preposition_character_is_still_the_subject():
    ev = of(code("朝鲜向日本道歉。"), "CONCEDE")[0]
    assert ev.actor == ["PRK"] and ev.recipient == ["JPN"]


def test_zero_subject_is_the_speaker_not_the_reported_subject():
    ev = of(code("特朗普发表讲话，称伊朗的核设施已被摧毁，并警告伊朗不要报复。"), "THREATEN")[0]
    assert ev.actor == ["per:donald-trump"] and ev.recipient == ["IRN"]


def test_zero_subject_is_not_the_object_of_the_previous_clause():
    ev = of(code("真主党发表声明，指责以色列对此负全部责任，并誓言报复。"), "THREATEN")[0]
    assert ev.actor == ["org:hezbollah"]


def test_agentless_passive_is_not_coded_but_a_passive_with_agent_is():
    assert not of(code("乌克兰的大坝6日被炸毁。"), "ASSAULT")
    ev = of(code("台湾渔船遭中国海警扣押。".replace("中国海警", "中国")), "COERCE")[0]
    assert ev.actor == ["CHN"] and ev.recipient == ["TWN"]


def test_future_joint_act_is_agree_from_the_announcer_to_partners():
    ev = of(code("美国将继续与韩日密切协调。"), "AGREE")[0]
    assert ev.actor == ["USA"] and set(ev.recipient) == {"KOR", "JPN"}
    both = of(code("俄乌双方将举行会谈。"), "AGREE")[0]
    assert set(both.actor) == {"RUS", "UKR"} and both.recipient == []


def test_mentions_inside_trigger_words_and_place_names_are_ignored():
    ev = of(code("普京同意俄乌双方停止袭击对方的能源设施。"), "CONCEDE")[0]
    assert "ITA" not in ev.recipient and "ITA" not in ev.actor
    att = of(code("以色列对加沙发动空袭。"), "ASSAULT")[0]
    assert not {"CAN", "SAU"} & set(att.recipient)
    # a whole name is kept
    assert of(code("俄罗斯批评意大利。"), "ACCUSE")[0].recipient == ["ITA"]


def test_disposal_object_is_the_recipient():
    ev = of(code("爱沙尼亚宣布将俄罗斯驻爱沙尼亚大使降级为临时代办。"), "SANCTION")[0]
    assert ev.actor == ["EST"] and ev.recipient == ["RUS"]


def test_two_states_just_named_are_the_recipients_of_两国():
    ev = of(code("由于波兰和保加利亚拒绝用卢布付款，俄罗斯宣布暂停向两国供气。"), "SANCTION")[0]
    assert ev.actor == ["RUS"] and set(ev.recipient) == {"POL", "BGR"}


def test_threat_recipient_from_its_condition():
    ev = of(code("内塔尼亚胡警告说，如果真主党违反协议，以色列将强力回击。"), "THREATEN")[0]
    assert ev.recipient == ["org:hezbollah"]
    plain = of(code("内塔尼亚胡警告黎巴嫩。"), "THREATEN")[0]
    assert plain.recipient == ["LBN"]


def test_mobilisation_around_another_country_is_aimed_at_it():
    ev = of(code("解放军在台湾周边举行军事演习。"), "MOBILIZE")[0]
    assert ev.recipient == ["TWN"]
    assert of(code("解放军在南海举行军事演习。"), "MOBILIZE")[0].recipient == []


def test_civilians_protesting_at_a_foreign_embassy_and_at_home():
    ev = of(code("在首尔，数千名韩国民众聚集在日本大使馆附近，集会抗议排海。"), "PROTEST")[0]
    assert ev.actor == ["KOR"] and ev.recipient == ["JPN"]
    home = of(code("数千名民众在首尔集会抗议。"), "PROTEST")[0]
    assert home.actor == ["KOR"] and home.recipient == ["KOR"]


def test_force_against_civilians_is_domestic():
    ev = of(code("香港警方向示威者开枪。"), "ASSAULT")[0]
    assert ev.actor == ["org:hkg-police"] and ev.recipient == ["HKG"]
    assert of(code("以色列向哈马斯开枪。"), "ASSAULT")[0].recipient == ["org:hamas"]


def test_a_states_name_before_a_group_noun_is_not_the_actor():
    assert not code("叙利亚反对派武装攻入大马士革。")
    assert of(code("叙利亚攻入黎巴嫩。"), "ASSAULT")


def test_reciprocal_act_with_a_non_actor_partner_is_not_coded():
    assert not of(code("日本政府与岛主正式签署购岛合同。"), "SUPPORT")
    assert of(code("日本与韩国正式签署协议。"), "SUPPORT")


def test_charge_in_reported_speech():
    ev = of(code("伊朗表示，美国的行动严重违反国际法。"), "ACCUSE")[0]
    assert ev.actor == ["IRN"] and ev.recipient == ["USA"] and ev.mode == "allege"
    assert not of(code("违反国际法的行为应受谴责。"), "ACCUSE")


# ------------------------------------------------------------------------------ types
@pytest.mark.parametrize("body,type_", [
    ("俄方与乌方达成协议。", "AGREE"),          # 达成协议 → AGREE (annotation)
    ("俄方与乌方签署协议。", "SUPPORT"),        # signing → SUPPORT
    ("乌克兰感谢美国。", "SUPPORT"),
    ("俄方与乌方签署停火协议。", "CONCEDE"),    # a declared ceasefire
    ("以色列与哈马斯的停火协议24日生效。", "RETREAT"),  # a ceasefire taking effect
    ("中方不会撤船。", "REJECT"),               # refusing to yield is a positive REJECT
    ("中方宣布取消中美两军通话。", "SANCTION"),  # cancelled talks against a country
])
def test_type_conventions(body, type_):
    evs = code(body)
    assert of(evs, type_), [(e.type, e.actor, e.recipient) for e in evs]


def test_refusal_is_not_a_negated_retreat_but_not_withdrawing_is():
    assert not [e for e in code("中方不会撤船。") if e.type == "RETREAT"]
    doc = make_doc("俄军当天并未撤出该镇。".replace("俄军", "俄罗斯"))
    process(doc, AnalysisContext())
    assert [e for e in doc.events if e.type == "RETREAT" and e.negated]


def test_trigger_senses():
    assert not of(code("美军出动轰炸机。"), "ASSAULT")  # 轰炸机 is a bomber
    assert of(code("美军轰炸了伊朗的核设施。"), "ASSAULT")
    assert not of(code("中国与泰国联合打击电信诈骗。"), "ASSAULT")  # law enforcement
    assert of(code("以色列打击哈马斯目标。"), "ASSAULT")
    assert not of(code("叙利亚反对派占领城市。"), "ACCUSE")  # 反对派 is the opposition


def test_acts_inside_an_undated_charge_are_not_coded_but_dated_ones_are():
    assert not of(code("乌克兰指责俄罗斯炸毁大坝。"), "ASSAULT")
    evs = code("越南指责中国5月4日用水炮攻击越南船只。", times=[("5月4日", "2024-05-04")])
    assert of(evs, "ASSAULT") and of(evs, "ACCUSE")


def test_mobilisation_that_carries_out_an_attack_is_not_coded_apart():
    evs = code("美军出动战斗机，对伊朗发动空袭。")
    assert of(evs, "ASSAULT") and not of(evs, "MOBILIZE")
    assert of(code("美军出动战斗机。"), "MOBILIZE")


def test_launch_retold_without_target_is_the_attack():
    evs = code("伊朗向以色列发射导弹。以色列说，伊朗共发射了300枚导弹。")
    assert of(evs, "ASSAULT") and not of(evs, "MOBILIZE")
    assert of(code("朝鲜发射导弹。"), "MOBILIZE")


def test_one_sided_meeting_is_not_a_consultation():
    assert not of(code("特朗普召开紧急安保会议。"), "CONSULT")
    assert of(code("特朗普与普京举行会谈。"), "CONSULT")
    assert of(code("东盟召开峰会。"), "CONSULT")  # an IGO's own summit


def test_circumstance_and_topic_nouns_are_not_events():
    assert not of(code("应菲律宾请求，中方派遣警察。"), "REQUEST")
    assert of(code("菲律宾请求中方援助。"), "REQUEST")
    assert not of(code("以色列与哈马斯就停火达成协议。"), "RETREAT")


def test_noun_object_after_的_is_not_an_event():
    assert not of(code("美国谴责俄罗斯的入侵。"), "ASSAULT")
    assert of(code("俄罗斯入侵乌克兰。"), "ASSAULT")


def test_background_inside_不顾_is_not_told():
    evs = code("鉴于美国不顾中方强烈反对，中方宣布制裁美国。")
    assert of(evs, "SANCTION") and not of(evs, "ACCUSE")


def test_reference_sentence_codes_only_dated_acts():
    dated = code("爱沙尼亚驱逐俄罗斯大使。这是对俄罗斯11日驱逐爱沙尼亚大使的回应。",
                 times=[("11日", "2024-06-11")])
    assert [e for e in of(dated, "SANCTION") if e.actor == ["RUS"]]
    undated = code("爱沙尼亚驱逐俄罗斯大使。这是对俄罗斯驱逐爱沙尼亚大使的回应。")
    assert not [e for e in undated if e.actor == ["RUS"]]


# ------------------------------------------------------------------------------ dates
def test_scheduled_date_told_earlier_does_not_date_later_acts():
    body = "以色列与哈马斯15日达成协议，协议将于19日生效。美国对协议表示欢迎。"
    evs = code(body, published="2025-01-16", times=[("15日", "2025-01-15"), ("19日", "2025-01-19")])
    ev = of(evs, "SUPPORT")[0]
    assert ev.date == "2025-01-15"


def test_day_range_starts_on_its_first_day_and_vague_month_part_is_the_month():
    evs = code("沙特和伊朗6日至10日在北京举行对话。", published="2023-03-11",
               times=[("6日至10日", "2023-03-06/2023-03-10")])
    assert of(evs, "CONSULT")[0].date == "2023-03-06"
    evs = code("美国本月初暂停向以色列交付武器。", published="2024-05-09",
               times=[("本月初", "2024-05-01/2024-05-10")])
    assert of(evs, "SANCTION")[0].date == "2024-05"


def test_promise_is_dated_by_its_announcement():
    body = "美国4日表示，将于下月访问越南。"
    evs = code(body, published="2024-10-05", times=[("4日", "2024-10-04"), ("下月", "2024-11")])
    ev = of(evs, "AGREE")[0]
    assert ev.date == "2024-10-04" and not ev.future


def test_time_after_the_trigger_in_another_clause_does_not_date_it():
    evs = code("台湾批评中国，意图干预台湾1月的大选。", published="2023-12-22", times=[("1月", "2024-01")])
    assert of(evs, "ACCUSE")[0].date == "2023-12-22"


# ------------------------------------------------------------------------------ real Actors stage
def test_igo_official_is_coded_as_the_organisation():
    from shiju.pipeline import Pipeline

    pipe = Pipeline(["normalize", "actors", "time", "quotes", "events"], AnalysisContext())
    doc = pipe(Document(id="t", source="test", format="test", published="2022-02-25",
                        body="北约秘书长斯托尔滕贝格24日谴责俄罗斯的军事行动。"))
    ev = [e for e in doc.events if e.type == "ACCUSE"][0]
    assert ev.actor == ["org:nato"] and ev.recipient == ["RUS"]
    doc = pipe(Document(id="t2", source="test", format="test", published="2022-02-25",
                        body="美国国务卿布林肯24日谴责俄罗斯的军事行动。"))
    ev = [e for e in doc.events if e.type == "ACCUSE"][0]
    assert ev.actor == ["per:antony-blinken"]  # a state's official stays the person (scored as USA)


# ------------------------------------------------------------------------------ round 3 (dev3)
def test_postponed_visit_is_a_rejected_meeting_but_suspended_talks_a_sanction():
    ev = of(code("美国国务卿布林肯宣布推迟原定的访华行程。"), "REJECT")
    assert ev and ev[0].mode == "meet" and ev[0].recipient == ["CHN"]
    evs = code("美方宣布暂停与中方的气候变化会谈。")
    assert of(evs, "SANCTION") and not of(evs, "REJECT")


def test_entry_ban_on_another_states_people_is_a_sanction_on_ones_own_a_coercion():
    evs = code("俄罗斯宣布禁止500名美国公民入境。")
    assert [(e.actor, e.recipient) for e in of(evs, "SANCTION")] == [(["RUS"], ["USA"])]
    assert not of(evs, "COERCE")
    evs = code("香港警方禁止民众游行。")
    assert of(evs, "COERCE") and not of(evs, "SANCTION")


def test_act_answered_in_a_response_frame_is_background():
    evs = code("俄罗斯宣布禁止500名美国公民入境，作为对美方实施制裁的回应。")
    assert [e.actor for e in of(evs, "SANCTION")] == [["RUS"]]  # the US sanctions are not a new event
    evs = code("美方宣布对俄罗斯实施制裁。")
    assert [e.actor for e in of(evs, "SANCTION")] == [["USA"]]


def test_verb_in_a_relative_clause_is_not_an_event():
    evs = code("被哈马斯扣押的13名以色列人质当天获释。")
    assert not of(evs, "COERCE")
    assert of(code("哈马斯扣押了13名以色列人质。"), "COERCE")


def test_generic_police_subject_takes_the_state_of_the_story():
    ev = of(code("香港政府发言人表示，警方拘捕了53名民主派人士。"), "COERCE")
    assert ev and ev[0].actor == ["HKG"] and ev[0].recipient == ["HKG"]
    # an unlinked subject that is not a state agent blocks borrowing
    assert not code("香港政府发言人表示，黑客组织攻击了政府网站。")


def test_arrest_without_named_target_is_domestic_only_for_people():
    ev = of(code("香港警方拘捕了53名民主派人士。"), "COERCE")[0]
    assert ev.recipient == ["HKG"]
    ev = of(code("伊朗扣押了一艘集装箱船。"), "COERCE")[0]
    assert ev.recipient == []


def test_protest_demand_is_part_of_the_protest():
    evs = code("法国工会举行全国罢工，反对政府的退休改革。")
    assert of(evs, "PROTEST") and not of(evs, "ACCUSE")
    assert of(evs, "PROTEST")[0].recipient == ["FRA"]  # against their own government
    assert of(code("法国反对美国的关税政策。"), "ACCUSE")


def test_recalled_diplomats_point_to_where_they_serve_expelled_ones_to_whose_they_are():
    ev = of(code("委内瑞拉宣布召回驻阿根廷、智利的全部外交人员。"), "SANCTION")[0]
    assert ev.mode == "withdraw" and sorted(ev.recipient) == ["ARG", "CHL"]
    ev = of(code("委内瑞拉驱逐阿根廷驻委内瑞拉的外交人员。"), "SANCTION")[0]
    assert ev.mode == "expel" and ev.recipient == ["ARG"]


def test_appeal_to_both_sides_names_the_parties_of_the_last_act():
    body = "以军空袭真主党目标。真主党随后向以色列发射火箭弹。埃及呼吁双方保持克制。"
    ev = of(code(body), "REQUEST")[0]
    assert sorted(ev.recipient) == ["ISR", "org:hezbollah"] or sorted(ev.recipient) == [
        "org:hezbollah", "org:isr-defense-forces"]
    assert of(code("埃及呼吁各方保持克制。"), "REQUEST")[0].recipient == []


def test_place_before_an_organisation_in_a_recipient_phrase_is_a_modifier():
    ev = of(code("以军对黎巴嫩南部的真主党目标发动空袭。"), "ASSAULT")[0]
    assert ev.recipient == ["org:hezbollah"]
    ev = of(code("以军对黎巴嫩和真主党发动空袭。"), "ASSAULT")[0]
    assert sorted(ev.recipient) == ["LBN", "org:hezbollah"]


def test_coercion_by_the_means_of_an_attack_is_the_attack():
    evs = code("中国海警使用水炮拦截菲律宾补给船。")
    assert of(evs, "ASSAULT") and not of(evs, "COERCE")
    evs = code("中国海警使用水炮驱赶菲律宾船只，随后又拦截了一艘菲律宾补给船。")
    assert of(evs, "ASSAULT") and of(evs, "COERCE")


def test_places_listed_after_zai_are_venues_and_mark_the_target():
    ev = of(code("解放军在台湾海峡、台湾北部展开军事演习。"), "MOBILIZE")[0]
    assert ev.actor == ["org:chn-pla"] and ev.recipient == ["TWN"]


def test_a_move_answering_a_hostile_act_targets_its_author():
    ev = of(code("解放军在台湾周边展开军事演习。台湾随即派遣海空兵力应对。"), "MOBILIZE")
    assert [e.recipient for e in ev if e.actor == ["TWN"]] == [["org:chn-pla"]]
    ev = of(code("普京访问朝鲜。朝鲜随后派遣部队。"), "MOBILIZE")[0]
    assert ev.recipient == []  # a visit is not a hostile act to answer


def test_traditional_and_synonym_triggers():
    ev = of(code("俄羅斯與烏克蘭3日進行換俘。", times=[("3日", "2024-01-03")]), "RETREAT")[0]
    assert sorted(ev.actor) == ["RUS", "UKR"] and ev.mode == "release"
    assert of(code("日本痛批朝鲜。"), "ACCUSE") and of(code("朝鲜叫嚣对韩国动武。"), "THREATEN")


def test_regex_first_character_gate_never_drops_a_match():
    from shiju.events.lexicon import build_lexicon

    lex = build_lexicon()
    texts = ["美方将采取必要措施。", "委内瑞拉召回驻阿根廷、智利、秘鲁等七个拉美国家的全部外交人员。",
             "朝方的行为绝对不能容忍。", "中方不排除使用武力。", "双方已就停火达成一致。", "完全不可接受"]
    for t in texts:
        fast = {(s, e, tr.key) for s, e, tr in lex.find(t) if tr.regex is not None}
        slow = set()
        for tr in lex._regex:
            slow |= {(m.start(), m.end(), tr.key) for m in tr.regex.finditer(t)}
        assert fast <= slow and {x for x in slow if any(x[0] == f[0] for f in fast)} >= fast
        # every regex match the gate let through is found, and none the gate skipped was a match
        skipped = [tr for tr, first in lex._regex_first if first is not None and set(t).isdisjoint(first)]
        assert not any(tr.regex.search(t) for tr in skipped)


# ------------------------------------------------------------------------------ counterpart recipient
def test_untargeted_concession_answers_the_state_just_dealt_with():
    evs = code("日方宣布解除对韩国的出口管制。韩方表示将撤回向世界贸易组织提起的诉讼。")
    kor = [e for e in of(evs, "CONCEDE") if e.actor == ["KOR"]]
    assert kor and kor[0].recipient == ["JPN"]


def test_untargeted_concession_without_a_counterpart_keeps_no_recipient():
    evs = code("韩方表示将撤回向世界贸易组织提起的诉讼。")
    assert [e.recipient for e in of(evs, "CONCEDE")] == [[]]
    # the story has not brought the actor in yet: no counterpart to answer
    evs = code("中方对日方表示强烈不满。韩方表示将撤回向世界贸易组织提起的诉讼。")
    assert [e.recipient for e in of(evs, "CONCEDE")] == [[]]


# ------------------------------------------------------------------------------ charges by a label
def test_calling_someone_a_dictator_is_an_accusation():
    evs = of(code("美国总统特朗普在记者会上称普京是“独裁者”。"), "ACCUSE")
    assert [(e.actor, e.recipient) for e in evs] == [(["per:donald-trump"], ["per:vladimir-putin"])]
    evs = of(code("美方称，俄方的核言论“危险且不负责任”。"), "ACCUSE")
    assert [(e.actor, e.recipient) for e in evs] == [(["USA"], ["RUS"])]


def test_a_label_without_speaker_or_target_or_as_designation_is_not():
    assert not of(code("美国将真主党列为恐怖组织。"), "ACCUSE")  # a designation, not a charge
    assert not of(code("这部电影讲的是一名独裁者的故事。"), "ACCUSE")  # no speaker, no target
    assert not of(code("美方称，这个方案“并不危险”。"), "ACCUSE")  # no named target


# ------------------------------------------------------------------------------ where the story happens
def test_a_destination_is_not_where_the_story_happens():
    body = "俄罗斯多地爆发反战抗议。一名反对派人士当天{}以色列。警方逮捕了数百名示威者。"
    ev = of(code(body.format("飞往")), "COERCE")
    assert [(e.actor, e.recipient) for e in ev] == [(["RUS"], ["RUS"])]
    # a place where something is done (not travelled to) is still the story's latest place
    ev = of(code(body.format("在").replace("以色列。", "以色列发表讲话。")), "COERCE")
    assert [(e.actor, e.recipient) for e in ev] == [(["ISR"], ["ISR"])]


# ------------------------------------------------------------------------------ regret for one's own act
def test_regret_for_ones_own_mishap_is_a_concession_to_the_state_affected():
    evs = code("中方对飞艇因不可抗力误入美国领空表示遗憾。")
    assert [(e.type, e.actor, e.recipient) for e in evs] == [("CONCEDE", ["CHN"], ["USA"])]


def test_regret_at_anothers_act_stays_an_accusation():
    evs = code("中方对美国军机擅自闯入中国领空表示遗憾。")
    assert [(e.type, e.actor, e.recipient) for e in evs] == [("ACCUSE", ["CHN"], ["USA"])]


# ------------------------------------------------------------------------------ contents of a concern
def test_an_act_inside_a_statement_of_concern_is_not_told():
    assert not of(code("美国对朝鲜向俄罗斯提供武器深感担忧。"), "AID")


def test_an_act_told_before_the_concern_is_coded():
    evs = of(code("朝鲜向俄罗斯提供武器，美国深感担忧。"), "AID")
    assert [(e.actor, e.recipient) for e in evs] == [(["PRK"], ["RUS"])]
    # a 对 earlier in the sentence, closed by a comma, does not open the concern
    evs = of(code("韩国对朝鲜表示不满，朝鲜向俄罗斯提供武器，美国对此深感担忧。"), "AID")
    assert [(e.actor, e.recipient) for e in evs] == [(["PRK"], ["RUS"])]


# ------------------------------------------------------------------------------ blame
def test_blame_laid_on_a_named_party_is_an_allegation():
    evs = of(code("伊朗称，以色列应对袭击承担全部责任。"), "ACCUSE")
    assert [(e.actor, e.recipient, e.mode) for e in evs] == [(["IRN"], ["ISR"], "allege")]


def test_duty_without_a_named_other_party_is_not_blame():
    assert not of(code("美国表示，各国应对气候变化承担责任。"), "ACCUSE")
    assert not of(code("以色列表示，政府应为民众安全负责。"), "ACCUSE")


def test_who_will_pay_is_the_target_of_the_speakers_threat():
    # subject_pays (triggers.yaml): the clause subject suffers; the speaker threatens
    for body, actor, target in [("伊朗表示，以色列将为此付出沉重代价。", "IRN", "ISR"),
                                ("内塔尼亚胡誓言，伊朗将为此付出代价。", "per:benjamin-netanyahu", "IRN")]:
        th = [(e.actor, e.recipient) for e in of(code(body), "THREATEN")]
        assert ([actor], [target]) in th, body
        assert not any(target in a for a, _ in th), body  # never the one who pays as threatener


def test_making_someone_pay_keeps_the_subject_as_threatener():
    # 让X付出代价 and a sentence without a speaker keep the ordinary directed reading
    for body in ["美国表示，将让伊朗付出代价。", "美国将让伊朗付出代价。"]:
        th = of(code(body), "THREATEN")
        assert [(e.actor, e.recipient) for e in th] == [(["USA"], ["IRN"])], body


def test_suspension_answering_a_party_is_aimed_at_it():
    # 暂停 takes its type from the complement (SANCTION); 以回应X names the target
    ev = of(code("韩国政府4日宣布全面暂停该协议，以回应朝鲜连日施放垃圾气球。"), "SANCTION")
    assert [(e.actor, e.recipient) for e in ev] == [(["KOR"], ["PRK"])]


def test_suspension_without_an_answered_foreign_party_has_no_recipient():
    for body in ["韩国政府4日宣布全面暂停该协议。", "韩国政府4日宣布全面暂停该协议，以回应韩国国内舆论。"]:
        ev = of(code(body), "SANCTION")
        assert all(e.recipient == [] for e in ev), body


# ------------------------------------------------------------------------------ modality: denied receipt
@pytest.mark.parametrize("denied, received", [
    ("俄罗斯外交部14日表示，俄方并未收到叙利亚要求俄军撤出基地的任何正式要求。",
     "俄罗斯外交部14日表示，俄方收到了叙利亚要求俄军撤出基地的正式要求。"),
    ("美国国务院20日说，美方尚未收到菲律宾有关改变两国同盟关系的任何正式请求。",
     "美国国务院20日说，菲律宾向美方提出了改变两国同盟关系的正式请求。"),
])
def test_a_denied_receipt_negates_the_request_it_governs(denied, received):
    doc = make_doc(denied)
    process(doc, AnalysisContext())
    requests = of(doc.events, "REQUEST")
    assert requests and all(e.negated for e in requests)  # kept, flagged, not counted
    assert of(code(received), "REQUEST")  # received (or made): counted


def test_a_denied_receipt_does_not_reach_another_clause():
    evs = code("日本外务省表示，尚未收到中国的通知，中国当天要求日本撤回决定。")
    assert of(evs, "REQUEST")
