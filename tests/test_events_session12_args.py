"""Events, session 12 (arguments): a charge whose object is an act told before is aimed at the act's author,
not at a party named inside the act's description; a promised act read at its modal (将/愿 + 向/对/为 X + V)
takes the party of the prepositional phrase after the modal; 为双方 / 在双方之间 there are the parties of the
last meeting. Each rule both ways, on sentences of our own; actors from a surface table (_stub_actors).
"""
from __future__ import annotations

from _stub_actors import countable_events, stub_actors
from shiju.context import AnalysisContext
from shiju.events import is_countable, process
from shiju.events.arguments import SentenceInfo, build_nps, clauses, find_arguments
from shiju.events.lexicon import Trigger, get_lexicon
from shiju.model import Document

ACTORS: dict[str, list[tuple[str, str, str | None]]] = {
    "美国": [("USA", "state", "USA")], "英国": [("GBR", "state", "GBR")], "也门": [("YEM", "state", "YEM")],
    "伊朗": [("IRN", "state", "IRN")], "胡塞武装": [("org:houthis", "organization", "YEM")],
    "日本": [("JPN", "state", "JPN")], "菲律宾": [("PHL", "state", "PHL")], "俄罗斯": [("RUS", "state", "RUS")],
    "乌克兰": [("UKR", "state", "UKR")], "土耳其": [("TUR", "state", "TUR")], "韩国": [("KOR", "state", "KOR")],
    "朝鲜": [("PRK", "state", "PRK")], "中方": [("CHN", "state", "CHN")], "英国外长": [("GBR", "state", "GBR")],
    "韩国外长": [("KOR", "state", "KOR")], "中国": [("CHN", "state", "CHN")],
}


def code(body: str, published: str = "2024-06-20") -> list:
    return countable_events(body, ACTORS, published)


def typed(body: str) -> list[tuple[str, list[str], list[str]]]:
    return [(e.type, e.actor, e.recipient) for e in code(body)]


# ------------------------------------------------------------------ a charge against an act told before
def test_a_charge_against_an_attack_told_before_is_aimed_at_the_attacker_not_the_victim_named_after_it():
    out = typed("美国和英国12日对胡塞武装目标实施空袭。伊朗12日谴责空袭“严重侵犯也门的主权”。")
    assert ("ACCUSE", ["IRN"], ["USA", "GBR"]) in out
    assert not [t for t in out if t[0] == "ACCUSE" and "YEM" in t[2]]


def test_a_charge_naming_its_target_right_after_the_verb_keeps_it():
    out = typed("美国和英国12日对胡塞武装目标实施空袭。伊朗12日谴责也门境内的恐怖行为。")
    assert ("ACCUSE", ["IRN"], ["YEM"]) in out
    # 这是“X的…行为”: the party right after 这是 is whose act it is
    out = typed("胡塞武装19日在红海扣押一艘货船。日本谴责这是“伊朗的恐怖主义行为”。")
    assert ("ACCUSE", ["JPN"], ["IRN"]) in out


# ------------------------------------------------------------------ a promised act read at its modal
def _args_at(body: str, word: str, type_: str = "AGREE", last_parties: list[str] | None = None):
    doc = stub_actors(Document(id="t", source="test", format="test", body=body, published="2024-06-20"), ACTORS)
    ctx = AnalysisContext()
    lex = get_lexicon(ctx)
    actors = {a.id: a for a in doc.actors}
    ms = sorted((m.start, m.end, a.id) for a in doc.actors for m in a.mentions)
    nps = build_nps(body, 0, len(body), ms, actors, lex)
    si = SentenceInfo(text=body, start=0, end=len(body), nps=nps, clauses=clauses(body, 0, len(body)),
                      last_parties=list(last_parties or []))
    ts = body.index(word)
    trig = Trigger(key="detector", type=type_, frame="directed")
    si.trigger_spans = [(ts, ts + len(word), trig)]
    return find_arguments(si, ts, ts + len(word), trig, lex, actors)


def test_a_promise_read_at_its_modal_takes_the_party_of_the_phrase_after_the_modal():
    args = _args_at("日本将向菲律宾提供五艘巡逻船。", "将")
    assert args is not None and args.actor == ["JPN"] and args.recipient == ["PHL"]
    args = _args_at("土耳其愿继续为双方提供谈判场所。", "愿", last_parties=["RUS", "UKR"])
    assert args is not None and args.actor == ["TUR"] and args.recipient == ["RUS", "UKR"]


def test_both_sides_after_the_modal_without_a_meeting_told_give_no_recipient():
    args = _args_at("土耳其愿继续为双方提供谈判场所。", "愿")  # 双方 with no meeting told: unknown
    assert args is not None and args.recipient == []


# ------------------------------------------------------------------ officials the gazetteer does not know
OFFICIALS = dict(ACTORS, **{
    "孟加拉国": [("BGD", "state", "BGD")], "印度": [("IND", "state", "IND")],
    "陆军参谋长瓦卡尔": [("local:瓦卡尔", "person", None)], "协会主席卡里姆": [("local:卡里姆", "person", None)],
    "前总理卡里姆": [("local:卡里姆", "person", None)],
})


def code_officials(body: str) -> list[tuple[str, list[str], list[str]]]:
    doc = stub_actors(Document(id="t", source="test", format="test", body=body, published="2024-08-05"), OFFICIALS)
    process(doc, AnalysisContext())
    return [(e.type, e.actor, e.recipient) for e in doc.events if is_countable(e)]


STORY = "孟加拉国爆发大规模抗议。孟加拉国政府宣布宵禁。孟加拉国总理5日乘军机前往印度。"


def test_an_unknown_official_with_a_state_post_acts_for_the_state_of_the_story():
    out = code_officials(STORY + "陆军参谋长瓦卡尔当天呼吁民众保持冷静。")
    assert ("REQUEST", ["BGD"], ["BGD"]) in out
    assert not [t for t in out if "local:瓦卡尔" in t[1]]


def test_a_club_chairman_or_a_former_official_stays_a_person():
    out = code_officials(STORY + "协会主席卡里姆当天谴责印度。")
    assert ("ACCUSE", ["local:卡里姆"], ["IND"]) in out
    out = code_officials(STORY + "前总理卡里姆当天谴责印度。")
    assert ("ACCUSE", ["local:卡里姆"], ["IND"]) in out


# ------------------------------------------------------------------ 对此: the act meant, told in the same sentence
def test_duici_answers_the_party_an_earlier_clause_of_the_sentence_names():
    # the told act's subject, not the party it was aimed at, nor the speaker who told it
    out = typed("日本18日宣布撤回驻韩大使。乌克兰表示，美国对俄罗斯实施新一轮制裁，中方对此坚决反对。")
    assert ("ACCUSE", ["CHN"], ["USA"]) in out


def test_duici_answers_the_party_the_next_act_of_the_sentence_addresses():
    out = typed("日本18日宣布撤回驻韩大使。韩国对此表示强烈抗议，要求菲律宾立即作出解释。")
    assert ("ACCUSE", ["KOR"], ["PHL"]) in out


def test_duici_without_a_party_in_the_sentence_answers_the_act_told_before():
    out = typed("日本18日宣布撤回驻韩大使。韩国对此表示强烈抗议。")
    assert ("ACCUSE", ["KOR"], ["JPN"]) in out


# ------------------------------------------------------------------ zero subjects: a verb-initial clause has none
def test_a_party_after_the_verb_of_a_subjectless_clause_is_not_carried_to_the_next_one():
    out = typed("英国外长18日发表声明，批评该法律，将进一步损害韩国的自由，并呼吁日本尊重其国际义务。")
    assert ("REQUEST", ["GBR"], ["JPN"]) in out
    assert not [t for t in out if t[0] == "REQUEST" and t[1] == ["KOR"]]


def test_a_clause_opening_with_its_subject_or_its_modifiers_still_lends_it():
    out = typed("首批日本军人18日撤离菲律宾，并呼吁美国尊重其国际义务。")
    assert ("REQUEST", ["JPN"], ["USA"]) in out


# ------------------------------------------------------------------ an outlet credited at the start is no actor
def test_an_outlet_credited_at_the_start_of_the_copy_is_no_actor():
    table = dict(ACTORS, **{"德国之声": [("org:dw", "organization", "DEU", "MED")]})
    for body in ("（德国之声中文网）伊朗18日宣布暂停与美国的合作。", "德国之声中文网 伊朗18日宣布暂停与美国的合作。"):
        doc = stub_actors(Document(id="t", source="test", format="test", body=body, published="2024-06-20"), table)
        process(doc, AnalysisContext())
        evs = [e for e in doc.events if is_countable(e)]
        assert evs and all("org:dw" not in e.actor + e.recipient for e in evs)
        assert any(e.actor == ["IRN"] for e in evs)


def test_an_outlet_that_reports_inside_a_sentence_is_left_to_the_reporting_rules():
    table = dict(ACTORS, **{"德国之声": [("org:dw", "organization", "DEU", "MED")]})
    body = "伊朗18日批评德国之声歪曲事实。"
    doc = stub_actors(Document(id="t", source="test", format="test", body=body, published="2024-06-20"), table)
    process(doc, AnalysisContext())
    assert [(e.actor, e.recipient) for e in doc.events if is_countable(e) and e.type == "ACCUSE"] == [(["IRN"], ["org:dw"])]


# ------------------------------------------------------------------ X的言论/决定: the owner of words is no subject
def test_a_charge_at_another_partys_words_is_the_speakers():
    out = typed("韩国外长18日表示，日本的说法“完全不可接受”。")
    assert ("ACCUSE", ["KOR"], ["JPN"]) in out and not [t for t in out if t[0] == "ACCUSE" and t[1] == ["JPN"]]


def test_a_subjectless_demand_after_another_partys_words_is_the_speakers():
    out = typed("中方18日表示，日本的言论严重干涉中国内政，要求日本立即撤回。")
    assert ("REQUEST", ["CHN"], ["JPN"]) in out


def test_a_party_owning_no_words_still_charges():
    out = typed("韩国外长18日表示，日本的盟友美国“完全不可接受”这一做法。")
    assert not [t for t in out if t[0] == "ACCUSE" and t[1] == ["KOR"] and t[2] == ["JPN"]]

