"""Events, session 10 argument rules (src/shiju/events/arguments.py), each both ways: an offer made to a
partner named with 与/同 after the AGREE word, a reaction to a thing answering the act just told, and
martial law / states of emergency as domestic measures. Sentences are made up for these tests; actors
come from a hand-made oracle (as in tests/test_events_arguments.py), so the rules are tested without the
linker, and the learned components are off (tests/conftest.py)."""
from __future__ import annotations

from _stub_actors import countable_events
from shiju.context import AnalysisContext

ACTORS: dict[str, list[tuple[str, str, str | None]]] = {
    "越方": [("VNM", "state", "VNM")], "中方": [("CHN", "state", "CHN")], "美方": [("USA", "state", "USA")],
    "俄方": [("RUS", "state", "RUS")], "埃及": [("EGY", "state", "EGY")], "卡塔尔": [("QAT", "state", "QAT")],
    "哈马斯": [("org:hamas", "organization", None)], "美国": [("USA", "state", "USA")],
    "埃塞俄比亚政府": [("ETH", "state", "ETH")], "提格雷武装": [("org:tplf", "organization", None)],
    "日本外务省": [("org:jpn-mofa", "organization", "JPN")], "泰国": [("THA", "state", "THA")],
    "柬埔寨": [("KHM", "state", "KHM")], "乌克兰总统泽连斯基": [("per:volodymyr-zelensky", "person", "UKR")],
    "俄罗斯": [("RUS", "state", "RUS")], "法国政府": [("FRA", "state", "FRA")],
    "新喀里多尼亚": [("NCL", "state", "NCL")], "巴西": [("BRA", "state", "BRA")],
    "阿根廷": [("ARG", "state", "ARG")], "法院": [("org:court", "organization", None)],
    "南非": [("ZAF", "state", "ZAF")], "国际法院": [("org:icj", "organization", None)],
    "以色列": [("ISR", "state", "ISR")], "阿联酋": [("ARE", "state", "ARE")],
    "巴勒斯坦方面": [("PSE", "state", "PSE")],
    "澳大利亚总理阿尔巴尼斯": [("per:anthony-albanese", "person", "AUS")],
    "巴新总理马拉佩": [("per:james-marape", "person", "PNG")],
    "美国国防部长赫格塞思": [("per:pete-hegseth", "person", "USA")],
    "印度国防部长辛格": [("per:rajnath-singh", "person", "IND")],
    "克宫发言人佩斯科夫": [("per:dmitry-peskov", "person", "RUS")],
    "罗马尼亚": [("ROU", "state", "ROU")], "越南总理": [("per:vnm-pm", "person", "VNM")],
}


def code(body: str) -> list:
    return countable_events(body, ACTORS, "2024-06-20")


def pairs(events: list, type_: str) -> list[tuple[list[str], list[str]]]:
    return [(e.actor, e.recipient) for e in events if e.type == type_]


def test_offer_to_a_partner_named_after_the_word() -> None:
    assert (["VNM"], ["CHN"]) in pairs(code("越方愿同中方一道，推进两国务实合作。"), "AGREE")
    assert (["USA"], ["RUS"]) in pairs(code("美方表示愿意随时与俄方开展对话。"), "AGREE")


def test_partner_of_another_verb_or_a_marked_recipient_is_not_the_offer_s() -> None:
    # 与美国 belongs to 对抗, not to the promise
    assert all(r != ["USA"] for _, r in pairs(code("俄方承诺会支持对方与美国对抗。"), "AGREE"))
    # the act's own 向 X names the recipient; the partner acts with the announcer
    assert all(r != ["EGY"] for _, r in pairs(code("卡塔尔表示将与埃及一道向哈马斯转交该计划。"), "AGREE"))


def test_welcoming_an_agreement_answers_its_parties() -> None:
    evs = code("埃塞俄比亚政府与提格雷武装2日签署和平协议。美国对协议表示欢迎。")
    assert (["USA"], ["ETH", "org:tplf"]) in pairs(evs, "SUPPORT")


def test_welcoming_a_ruling_answers_its_author_and_an_agreement_only_a_joint_act() -> None:
    evs = code("国际法院26日要求以色列采取措施防止种族灭绝。南非对裁决表示欢迎。")
    assert (["ZAF"], ["org:icj"]) in pairs(evs, "SUPPORT")
    # a thing that is an agreement is answered by the latest joint act, not by a demand
    evs = code("国际法院26日要求以色列采取措施防止种族灭绝。南非对停火协议表示欢迎。")
    assert all(r != ["org:icj"] for _, r in pairs(evs, "SUPPORT"))


def test_martial_law_is_domestic_even_beside_another_state() -> None:
    evs = code("乌克兰总统泽连斯基宣布全国实施戒严，并宣布与俄罗斯断交。")
    assert (["per:volodymyr-zelensky"], ["UKR"]) in pairs(evs, "COERCE")


def test_emergency_declared_in_a_place_told_before_is_not_decided_domestic() -> None:
    evs = code("新喀里多尼亚爆发骚乱，法国政府15日宣布当地进入紧急状态。")
    assert all(r != ["FRA"] for _, r in pairs(evs, "COERCE"))


def test_a_charge_against_an_act_told_before_is_aimed_at_its_parties() -> None:
    evs = code("以色列与阿联酋13日签署关系正常化协议。巴勒斯坦方面强烈谴责这一协议。")
    assert (["PSE"], ["ISR", "ARE"]) in pairs(evs, "ACCUSE")


def test_a_visitor_after_yu_is_a_partner_of_a_joint_act() -> None:
    evs = code("澳大利亚总理阿尔巴尼斯与到访的巴新总理马拉佩6日签署防务条约。")
    assert any(set(a) == {"per:anthony-albanese", "per:james-marape"} for a, _ in
               pairs(evs, "SUPPORT") + pairs(evs, "AGREE"))


def test_a_joint_act_continuing_a_meeting_clause_is_the_meeting_s_parties_but_a_promise_is_not() -> None:
    evs = code("美国国防部长赫格塞思与印度国防部长辛格31日举行会谈，并签署防务合作框架。")
    assert any(set(a) == {"per:pete-hegseth", "per:rajnath-singh"} for a, _ in pairs(evs, "SUPPORT"))
    evs = code("美国国防部长赫格塞思与印度国防部长辛格31日举行会谈后，同意暂缓征收关税。")
    assert all(len(a) == 1 for a, _ in pairs(evs, "CONCEDE") + pairs(evs, "AGREE"))


def test_popular_is_no_reaction() -> None:
    evs = code("以色列与阿联酋13日签署关系正常化协议。这款软件在俄罗斯更受欢迎。")
    assert all(e.recipient == [] for e in evs if e.trigger == "欢迎")


def _charge(body: str, cue: str, type_: str, mentions: list[tuple[str, str]]) -> tuple[list[str], list[str]] | None:
    """arguments.speaker_charge on one sentence, with mentions (surface, id) found in order."""
    from shiju.events.arguments import SentenceInfo, build_nps, clauses, speaker_charge
    from shiju.events.lexicon import get_lexicon

    lex = get_lexicon(AnalysisContext())
    ms, pos = [], 0
    for surface, aid in mentions:
        k = body.index(surface, pos)
        ms.append((k, k + len(surface), aid))
        pos = k + len(surface)
    nps = build_nps(body, 0, len(body), ms, {}, lex)
    si = SentenceInfo(text=body, start=0, end=len(body), nps=nps, clauses=clauses(body, 0, len(body)))
    ts = body.index(cue)
    args = speaker_charge(si, ts, ts + len(cue), lex, {}, type_)
    return (args.actor, args.recipient) if args is not None else None


def test_a_verdict_inside_someone_s_words_is_the_speaker_s_charge_against_its_subject() -> None:
    assert _charge("伊朗外长22日表示，美国的行为“骇人听闻”。", "行为", "ACCUSE",
                   [("伊朗外长", "IRN"), ("美国", "USA")]) == (["IRN"], ["USA"])
    assert _charge("中国总理在会见日本首相时表示，日方应恪守承诺。", "应", "REQUEST",
                   [("中国总理", "CHN"), ("日本首相", "JPN"), ("日方", "JPN")]) == (["CHN"], ["JPN"])


def test_no_speaker_charge_for_a_source_a_wish_or_naming() -> None:
    # a wish of the content's own subject, not a demand made of it
    assert _charge("欧盟委员会主席表示，欧盟希望英国尽快启动程序。", "希望", "REQUEST",
                   [("欧盟委员会主席", "org:ec"), ("欧盟", "org:eu"), ("英国", "GBR")]) is None
    # 称为 names; the cue lies in a later clause that is not the words' content
    assert _charge("捷克总统仍将其称为顾问，甚至在中国当局调查他之后。", "调查", "ACCUSE",
                   [("捷克总统", "CZE"), ("中国", "CHN")]) is None


def test_a_denial_concerns_the_party_after_the_speaker_s_own_state() -> None:
    evs = code("克宫发言人佩斯科夫否认俄方干预罗马尼亚选举。")
    assert (["per:dmitry-peskov"], ["ROU"]) in pairs(evs, "REJECT")


def test_an_appeal_to_the_people_at_home_is_domestic() -> None:
    assert (["per:vnm-pm"], ["VNM"]) in pairs(code("越南总理随后呼吁民众不要采取过激行为。"), "REQUEST")
    # an appeal to another state's people names that state, as before
    assert all(r != ["VNM"] for _, r in pairs(code("越南总理呼吁罗马尼亚民众保持冷静。"), "REQUEST"))
