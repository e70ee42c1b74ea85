"""Events, session 11: statements coded by their content (docs/annotation.md, "Statements are coded by their
content") and zero subjects after manner adverbs, 地-phrases and time frames; each rule both ways.

Actors come from a hand-made oracle (surface → id), as in tests/test_events_arguments.py; the sentences are
our own, in ordinary news style.
"""
from __future__ import annotations

from _stub_actors import countable_events, stub_actors
from shiju.context import AnalysisContext
from shiju.events import is_countable, process
from shiju.model import Document

ACTORS: dict[str, list[tuple[str, str, str | None]]] = {
    "中国": [("CHN", "state", "CHN")], "越南": [("VNM", "state", "VNM")], "美国": [("USA", "state", "USA")],
    "韩国": [("KOR", "state", "KOR")], "日本": [("JPN", "state", "JPN")], "北约": [("org:nato", "organization", None)],
    "欧盟委员会": [("org:european-commission", "organization", None)], "巴西": [("BRA", "state", "BRA")],
    "智利": [("CHL", "state", "CHL")], "联合国大会": [("org:un-general-assembly", "organization", None)],
    "以色列": [("ISR", "state", "ISR")], "特朗普": [("per:donald-trump", "person", "USA")],
    "七国集团": [("org:g7", "organization", None)], "中方": [("CHN", "state", "CHN")],
    "以军": [("org:idf", "organization", "ISR")],
}


def code(body: str, published: str = "2024-06-20") -> list:
    return countable_events(body, ACTORS, published)


def typed(body: str) -> list[tuple[str, list[str], list[str]]]:
    return [(e.type, e.actor, e.recipient) for e in code(body)]


# ------------------------------------------------------------------------------ statements by content
def test_a_joint_statement_with_its_content_is_the_contents_event_only():
    assert typed("中国和越南18日发表联合声明，同意恢复两国直航。") == [("AGREE", ["CHN", "VNM"], [])]
    # the content after 说: no statement event, whether or not the content is coded
    assert not [t for t in typed("中国和越南18日发表联合声明说，两国关系正处于历史最好时期。") if t[0] == "SUPPORT"]


def test_a_joint_statement_without_content_is_support():
    assert typed("中国和越南18日发表联合声明。") == [("SUPPORT", ["CHN", "VNM"], [])]


def test_signing_a_statement_is_support_beside_its_content():
    assert sorted(typed("中国和越南18日签署联合声明，同意恢复两国直航。")) == [
        ("AGREE", ["CHN", "VNM"], []), ("SUPPORT", ["CHN", "VNM"], [])]


def test_content_told_in_the_next_sentence_opened_by_the_statement():
    out = typed("韩国和日本18日发布联合新闻稿。新闻稿说，韩国和日本同意恢复首脑互访。")
    assert ("AGREE", ["KOR", "JPN"], []) in out and not [t for t in out if t[0] == "SUPPORT"]
    # a next sentence that does not open with the statement is no content of it
    out = typed("韩国和日本18日发布联合新闻稿。韩国和日本同意恢复首脑互访。")
    assert ("SUPPORT", ["KOR", "JPN"], []) in out


def test_a_statement_referred_to_is_no_event():
    assert not [t for t in typed("中国谴责美国和日本18日发表的联合声明。") if t[0] == "SUPPORT"]


# ------------------------------------------------------------------------------ zero subjects
def test_manner_adverbs_do_not_hide_the_speakers_zero_subject():
    assert typed("北约18日发表声明，全力支持美国的决定。") == [("SUPPORT", ["org:nato"], ["USA"])]
    # an unlinked subject of its own still blocks the borrowing
    assert typed("北约18日发表声明，部分成员支持美国的决定。") == []


def test_a_de_phrase_heads_the_verb_phrase_not_a_subject():
    assert typed("特朗普18日离开白宫前，罕有地公开批评以色列。") == [("ACCUSE", ["per:donald-trump"], ["ISR"])]
    # 当地 is a place noun heading its own (unlinked) subject
    assert typed("特朗普18日离开白宫前，当地媒体批评以色列。") != [("ACCUSE", ["per:donald-trump"], ["ISR"])]


def test_a_time_frame_heads_the_verb_phrase_and_goods_of_origin_name_the_target():
    assert typed("欧盟委员会18日宣布，自7月1日起对原产于中国的电动汽车加征关税。") == [
        ("SANCTION", ["org:european-commission"], ["CHN"])]


# ------------------------------------------------------------------------------ arrests without an agent
STATES = {"格鲁吉亚": [("GEO", "state", "GEO")], "格鲁吉亚内务部": [("org:geo-ministry-of-internal-affairs", "organization", "GEO")],
          "张三": [("local:张三", "person", "GEO")], "俄罗斯": [("RUS", "state", "RUS")],
          "俄罗斯安全部门": [("org:rus-fsb", "organization", "RUS")], "李四": [("local:李四", "person", "USA")]}
ACTORS.update(STATES)


def test_an_arrest_told_from_the_arrested_side_is_the_states():
    # counted people: the state's own (domestic, both sides the state)
    assert typed("格鲁吉亚内务部30日称，已有107人被拘留。") == [("COERCE", ["GEO"], ["GEO"])]
    # a named person: the state arrests that person
    assert typed("格鲁吉亚反对派领导人张三30日在家中被拘留。") == [("COERCE", ["GEO"], ["local:张三"])]


def test_a_sentence_after_an_arrest_by_a_named_agent_is_that_agents_state():
    out = typed("李四去年3月被俄罗斯安全部门逮捕，今年7月被判处16年徒刑。")
    assert ("SANCTION", ["RUS"], ["local:李四"]) in out


def test_an_agentless_passive_of_other_acts_and_relative_clauses_stay_uncoded():
    assert typed("格鲁吉亚一座大坝30日被炸毁。") == []
    # hostages are held too: 扣押 is no state act
    assert typed("格鲁吉亚内务部30日称，仍有20人被扣押。") == []


# ------------------------------------------------------------------------------ the content of a disapproval
def test_an_act_between_dui_and_a_disapproval_is_its_content():
    # 对X“抹黑和攻击Y”表示不满: the attack is what is disapproved of, not an attack the text tells
    out = typed("中方对七国集团“抹黑和攻击中国”表示强烈不满。")
    assert ("ACCUSE", ["CHN"], ["org:g7"]) in out and not [t for t in out if t[0] == "ASSAULT"]


def test_a_dated_act_inside_the_disapproval_is_still_coded():
    # annotation.md: a specific dated act alleged inside an accusation is coded too
    from shiju import time as time_stage

    doc = stub_actors(Document(id="t", source="test", format="test", body="中方对以军18日空袭难民营表示强烈谴责。",
                               published="2024-06-20"), ACTORS)
    ctx = AnalysisContext()
    process(time_stage.process(doc, ctx), ctx)
    assert [e for e in doc.events if is_countable(e) and e.type == "ASSAULT"]

