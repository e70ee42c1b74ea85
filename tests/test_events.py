"""Events stage: types, argument patterns, auxiliary modes, over-coding guards, dedup and offsets.

Actors are constructed by hand (an oracle Actors stage) so that the coder is tested on its own; the
sentences are written for these tests in ordinary news style.
"""
from __future__ import annotations

from pathlib import Path

import pytest

from _stub_actors import stub_actors
from shiju.context import AnalysisContext
from shiju.events import is_countable, process
from shiju.events.lexicon import PLOVER_TYPES, LexiconError, build_lexicon
from shiju.model import Actor, Comment, Document, Mention, Quote, TimeExpr

# surface → (id, type, country, sector); longer surfaces are matched first, nested ones are skipped
ACTORS: dict[str, tuple[str, str, str | None, str | None]] = {
    "美国国务卿布林肯": ("per:antony-blinken", "person", "USA", "GOV"),
    "布林肯": ("per:antony-blinken", "person", "USA", "GOV"),
    "奥斯汀": ("per:lloyd-austin", "person", "USA", "GOV"),
    "韩国外长郑义溶": ("per:chung-eui-yong", "person", "KOR", "GOV"),
    "郑义溶": ("per:chung-eui-yong", "person", "KOR", "GOV"),
    "徐旭": ("per:suh-wook", "person", "KOR", "GOV"),
    "美国之音": ("org:voa", "organization", "USA", "MED"),
    "美国": ("USA", "state", "USA", None),
    "华盛顿": ("USA", "state", "USA", None),
    "韩国": ("KOR", "state", "KOR", None),
    "首尔": ("KOR", "state", "KOR", None),
    "日本": ("JPN", "state", "JPN", None),
    "东京": ("JPN", "state", "JPN", None),
    "中国": ("CHN", "state", "CHN", None),
    "中方": ("CHN", "state", "CHN", None),
    "北京": ("CHN", "state", "CHN", None),
    "朝鲜": ("PRK", "state", "PRK", None),
    "俄罗斯": ("RUS", "state", "RUS", None),
    "乌克兰": ("UKR", "state", "UKR", None),
    "以色列": ("ISR", "state", "ISR", None),
    "伊朗": ("IRN", "state", "IRN", None),
    "台湾": ("TWN", "state", "TWN", None),
    "欧盟": ("org:eu", "organization", None, "IGO"),
    "哈马斯": ("org:hamas", "organization", "PSE", "REB"),
    "香港警方": ("org:hkg-police", "organization", "HKG", "COP"),
    "张教授": ("local:张教授", "person", None, "EDU"),
    "李研究员": ("local:李研究员", "person", None, "EDU"),
}
COMPOUND = {"美日韩": ["USA", "JPN", "KOR"], "美韩": ["USA", "KOR"], "中俄": ["CHN", "RUS"]}
# the surface table the stub linker reads: compounds give one state each, a listed surface wins
TABLE = {**{s: [(i, "state", i, None) for i in states] for s, states in COMPOUND.items()},
         **{s: [row] for s, row in ACTORS.items()}}


def make_doc(body: str, published: str = "2021-03-18", comments: list[Comment] | None = None,
             times: list[tuple[str, str]] = ()) -> Document:
    doc = Document(id="t", source="test", format="test", body=body, published=published,
                   comments=comments or [])
    stub_actors(doc, TABLE)
    for text, value in times:
        k = body.find(text)
        doc.times.append(TimeExpr(text=text, start=k, end=k + len(text), value=value, granularity="day"))
    return doc


def code(body: str, **kw) -> list:
    doc = make_doc(body, **kw)
    process(doc, AnalysisContext())
    return doc.events


def one(body: str, type_: str, **kw):
    evs = [e for e in code(body, **kw) if e.type == type_]
    assert evs, f"no {type_} in {body}: {[(e.type, e.actor, e.recipient) for e in code(body, **kw)]}"
    return evs[0]


# ------------------------------------------------------------------------------------------ types
TYPE_CASES = [
    ("AGREE", "中国同意与美国恢复气候谈判。", ["CHN"], None),
    ("CONSULT", "美国国务卿布林肯在首尔会见韩国外长郑义溶。", ["per:antony-blinken"], ["per:chung-eui-yong"]),
    ("SUPPORT", "欧盟赞扬乌克兰的改革努力。", ["org:eu"], ["UKR"]),
    ("CONCEDE", "日本就殖民统治向韩国道歉。", ["JPN"], ["KOR"]),
    ("COOPERATE", "美国和韩国举行联合军演。", ["USA", "KOR"], []),
    ("AID", "美国向乌克兰提供军事援助。", ["USA"], ["UKR"]),
    ("RETREAT", "哈马斯释放了以色列人质。", ["org:hamas"], ["ISR"]),
    ("REQUEST", "中国呼吁朝鲜保持克制。", ["CHN"], ["PRK"]),
    ("ACCUSE", "布林肯批评中国和朝鲜。", ["per:antony-blinken"], ["CHN", "PRK"]),
    ("REJECT", "朝鲜驳斥美国的指控。", ["PRK"], ["USA"]),
    ("THREATEN", "伊朗警告以色列。", ["IRN"], ["ISR"]),
    ("PROTEST", "数千名民众在首尔上街抗议。", ["KOR"], None),
    ("SANCTION", "美国宣布对俄罗斯实施新一轮制裁。", ["USA"], ["RUS"]),
    ("MOBILIZE", "朝鲜当天试射了两枚弹道导弹。", ["PRK"], []),
    ("COERCE", "香港警方逮捕了多名示威者。", ["org:hkg-police"], None),
    ("ASSAULT", "以色列空袭了哈马斯的据点。", ["ISR"], ["org:hamas"]),
]


def test_every_plover_type_has_a_case():
    assert {t for t, *_ in TYPE_CASES} == set(PLOVER_TYPES)


@pytest.mark.parametrize("type_,body,actor,recipient", TYPE_CASES, ids=[c[0] for c in TYPE_CASES])
def test_each_type(type_, body, actor, recipient):
    ev = one(body, type_)
    assert ev.actor == actor
    if recipient is not None:
        assert ev.recipient == recipient
    lex = build_lexicon()
    assert ev.quad == lex.types[type_].quad
    assert ev.intensity == lex.intensity(type_, ev.mode)
    assert ev.cameo and len(ev.cameo) == 2


def test_scores_follow_the_manual_table():
    lex = build_lexicon()
    assert lex.intensity("CONSULT", "visit") == 4.0
    assert lex.intensity("ASSAULT", "aerial") == -9.5
    assert lex.intensity("AID", None) == 10.0
    assert [lex.types[t].quad for t in ("AGREE", "AID", "ACCUSE", "ASSAULT")] == [1, 2, 3, 4]
    assert lex.cameo("ASSAULT", "aerial") == "19" and lex.cameo("ASSAULT", "unconventional") == "20"


# ------------------------------------------------------------------------------------------ arguments
def test_visit_visitor_is_actor_host_recipient():
    ev = one("布林肯18日抵达东京，对日本进行访问。", "CONSULT")
    assert ev.mode == "visit" and ev.actor == ["per:antony-blinken"] and ev.recipient == ["JPN"]


def test_meeting_in_neither_country_lists_all_parties_as_actors():
    ev = one("美国国务卿布林肯与中方代表在阿拉斯加举行会谈。", "CONSULT")
    assert set(ev.actor) == {"per:antony-blinken", "CHN"} and ev.recipient == []


def test_meeting_in_one_sides_capital_is_a_visit_by_the_other():
    ev = one("布林肯、奥斯汀与郑义溶、徐旭在首尔举行会谈。", "CONSULT")
    assert set(ev.actor) == {"per:antony-blinken", "per:lloyd-austin"}
    assert set(ev.recipient) == {"per:chung-eui-yong", "per:suh-wook"}
    assert ev.mode == "visit"


def test_venue_is_not_an_actor():
    ev = one("美日韩外长在北京举行会谈。", "CONSULT")
    assert set(ev.actor) == {"USA", "JPN", "KOR"}  # 北京 is where, not who
    assert ev.recipient == [] and ev.mode == "multilateral"


def test_compound_meeting_in_one_members_capital_is_a_visit_to_it():
    # annotation: a meeting placed in one party's own capital is a visit, visitors → host
    ev = one("美日韩外长在华盛顿举行会谈。", "CONSULT")
    assert set(ev.actor) == {"JPN", "KOR"} and ev.recipient == ["USA"] and ev.mode == "visit"


def test_coordinated_abbreviations_give_three_ids():
    ev = one("美日韩谴责朝鲜发射导弹。", "ACCUSE")
    assert ev.actor == ["USA", "JPN", "KOR"] and ev.recipient == ["PRK"]


def test_recipient_marked_by_preposition():
    ev = one("中国对美国的做法表示强烈不满。", "ACCUSE")
    assert ev.actor == ["CHN"] and ev.recipient == ["USA"]


def test_recipient_marker_with_quantifier():
    ev = one("美国宣布对8名朝鲜官员实施制裁。", "SANCTION")
    assert ev.actor == ["USA"] and ev.recipient == ["PRK"]


@pytest.mark.parametrize("body", ["俄罗斯被美国制裁。", "俄罗斯遭到美国的制裁。"])
def test_passives(body):
    ev = one(body, "SANCTION")
    assert ev.actor == ["USA"] and ev.recipient == ["RUS"]


def test_serial_verbs_share_the_subject():
    evs = code("布林肯18日抵达首尔，19日会见郑义溶。", published="2021-03-20",
               times=[("18日", "2021-03-18"), ("19日", "2021-03-19")])
    consult = [e for e in evs if e.type == "CONSULT"]
    assert consult and all(e.actor == ["per:antony-blinken"] for e in consult)
    assert any(e.recipient == ["per:chung-eui-yong"] and e.date == "2021-03-19" for e in consult)


def test_arrival_and_same_day_talks_are_one_visit():
    # annotation: a visit's arrival and the talks held the same day are one event; the host's official
    # counts as the host state when events are compared
    evs = code("布林肯18日抵达首尔，随后会见郑义溶。")
    consult = [e for e in evs if e.type == "CONSULT"]
    assert len(consult) == 1 and consult[0].actor == ["per:antony-blinken"] and consult[0].recipient == ["KOR"]


def test_title_and_name_are_one_actor():
    ev = one("美国国务卿布林肯批评朝鲜。", "ACCUSE")
    assert ev.actor == ["per:antony-blinken"]


def test_title_before_person_resolves_to_person():
    doc = make_doc("韩国外交部长官郑义溶谴责朝鲜。")
    process(doc, AnalysisContext())
    ev = [e for e in doc.events if e.type == "ACCUSE"][0]
    assert ev.actor == ["per:chung-eui-yong"]  # 韩国 + title + 郑义溶 read as one phrase headed by the person


def test_reciprocal_signing():
    ev = one("中国与俄罗斯签署了能源合作协议。", "SUPPORT")
    assert set(ev.actor) == {"CHN", "RUS"} and ev.recipient == []


def test_breaking_ties_partner_is_recipient():
    ev = one("乌克兰宣布与俄罗斯断绝外交关系。", "SANCTION")
    assert ev.actor == ["UKR"] and ev.recipient == ["RUS"]


def test_no_actor_no_event():
    assert [e for e in code("有人在街头发动袭击。") if e.type == "ASSAULT"] == []


# ------------------------------------------------------------------------------------------ complements
def test_request_takes_its_mode_from_the_embedded_act():
    evs = code("美国要求俄罗斯从乌克兰撤军。")
    assert [(e.type, e.mode, e.actor, e.recipient) for e in evs] == [("REQUEST", "yield", ["USA"], ["RUS"])]


def test_threat_content_is_the_mode():
    ev = one("美国威胁对伊朗实施制裁。", "THREATEN")
    assert ev.mode == "restrict" and ev.recipient == ["IRN"]
    assert not [e for e in code("美国威胁对伊朗实施制裁。") if e.type == "SANCTION"]


def test_refusal_is_reject_and_the_refused_act_is_negated():
    evs = code("布林肯拒绝会见郑义溶。")
    rej = [e for e in evs if e.type == "REJECT"]
    assert rej and rej[0].mode == "meet"
    assert all(e.negated for e in evs if e.type == "CONSULT")


def test_invitation_is_agree():
    ev = one("中国邀请韩国外长郑义溶访问北京。", "AGREE")
    assert ev.actor == ["CHN"] and ev.recipient == ["per:chung-eui-yong"]
    assert not [e for e in code("中国邀请韩国外长郑义溶访问北京。") if e.type == "CONSULT"]


# ------------------------------------------------------------------------------------------ modes
@pytest.mark.parametrize("body", ["朝鲜并未举行军演。", "朝鲜没有举行军演。", "朝鲜不会举行军演。"])
def test_negated(body):
    ev = one(body, "MOBILIZE")
    assert ev.negated and not is_countable(ev)


def test_not_negated_when_negator_is_part_of_a_word():
    ev = one("中国对美国不断加强军事部署表示不满。", "ACCUSE")
    assert not ev.negated


@pytest.mark.parametrize("body", ["如果俄罗斯入侵乌克兰，美国将制裁俄罗斯。", "一旦俄罗斯入侵乌克兰，欧盟将制裁俄罗斯。"])
def test_conditional_antecedent_is_hypothetical_and_consequent_a_threat(body):
    # annotation: 如果朝鲜进行第七次核试验，韩国将暂停一切对话 → THREATEN KOR→PRK; the test hypothetical
    evs = code(body)
    ante = [e for e in evs if e.type == "ASSAULT"]
    assert ante and all(e.hypothetical and not is_countable(e) for e in ante)
    threat = [e for e in evs if e.type == "THREATEN"]
    assert len(threat) == 1 and is_countable(threat[0]) and threat[0].recipient == ["RUS"]
    assert threat[0].mode == "restrict"  # what is threatened: sanctions
    assert not [e for e in evs if e.type == "SANCTION" and is_countable(e)]


def test_conditional_without_a_stated_consequence_stays_hypothetical():
    evs = code("如果俄罗斯入侵乌克兰，美国制裁俄罗斯的可能性很大。")
    assert all(not is_countable(e) for e in evs)


def test_modal_is_hypothetical():
    assert one("美国可能制裁俄罗斯。", "SANCTION").hypothetical
    assert not one("美国制裁俄罗斯。", "SANCTION").hypothetical


def test_future_meeting_is_agree():
    ev = one("布林肯将于下月访问北京。", "AGREE")
    # annotation: future cooperative acts are AGREE, never flagged future (the agreement is made now)
    assert not ev.future and ev.actor == ["per:antony-blinken"] and ev.recipient == ["CHN"]
    assert one("布林肯访问北京。", "CONSULT").future is False


def test_announced_withdrawal_is_concede():
    ev = one("俄罗斯宣布将从乌克兰撤军。", "CONCEDE")
    assert ev.future and ev.actor == ["RUS"]
    assert one("俄罗斯从乌克兰撤军。", "RETREAT").mode == "withdraw"


def test_disposal_jiang_is_not_future():
    ev = one("美国将中国企业列入实体清单。", "SANCTION")
    assert not ev.future


def test_historical_by_date():
    ev = one("2002年9月17日，朝鲜向日本道歉。", "CONCEDE", published="2021-03-18",
             times=[("2002年9月17日", "2002-09-17")])
    assert ev.historical and ev.date == "2002-09-17" and ev.date_text == "2002年9月17日"
    assert not one("17日，朝鲜向日本道歉。", "CONCEDE", times=[("17日", "2021-03-17")]).historical


def test_date_defaults_to_publication():
    assert one("美国制裁俄罗斯。", "SANCTION", published="2022-02-26").date == "2022-02-26"


# ------------------------------------------------------------------------------------------ guards
def test_media_source_is_not_an_actor():
    ev = one("据美国之音报道，朝鲜试射了导弹。", "MOBILIZE")
    assert ev.actor == ["PRK"]
    ev = one("美国之音批评朝鲜。", "ACCUSE")  # the same outlet acting is an actor
    assert ev.actor == ["org:voa"]


def test_sanction_as_topic_is_not_an_event():
    assert not [e for e in code("中国和俄罗斯讨论了制裁问题。") if e.type == "SANCTION"]
    assert [e for e in code("美国对俄罗斯实施制裁。") if e.type == "SANCTION"]


def test_exercise_as_reference_is_not_an_event():
    assert not [e for e in code("朝鲜谴责此次军演。") if e.type in ("MOBILIZE", "COOPERATE")]
    assert [e for e in code("韩国当天举行军演。") if e.type == "MOBILIZE"]


def test_seminar_among_scholars_is_not_a_consultation():
    assert not [e for e in code("张教授与李研究员在北京举行研讨会。") if e.type == "CONSULT"]
    assert [e for e in code("布林肯与郑义溶在北京举行会谈。") if e.type == "CONSULT"]


def test_event_in_a_quote_is_asserted_by_the_speaker():
    body = "布林肯表示，“中国持续违背其承诺。我们谴责朝鲜的挑衅。”"
    doc = make_doc(body)
    q0 = body.index("“") + 1
    doc.quotes = [Quote(id="q1", speaker="per:antony-blinken", speaker_text="布林肯", text=body[q0:-1],
                        direct=True, cue="表示", start=q0, end=len(body) - 1)]
    process(doc, AnalysisContext())
    ev = [e for e in doc.events if e.type == "ACCUSE" and e.trigger == "谴责"][0]
    assert ev.asserted_by == "per:antony-blinken"
    charge = [e for e in doc.events if e.type == "ACCUSE" and e.mode == "allege"]  # 违背其承诺: a charge
    assert charge and charge[0].actor == ["per:antony-blinken"] and charge[0].recipient == ["CHN"]
    assert ev.actor == ["per:antony-blinken"] and ev.recipient == ["PRK"]  # 我们 is the speaker
    doc2 = make_doc("布林肯谴责朝鲜的挑衅。")
    process(doc2, AnalysisContext())
    assert doc2.events[0].asserted_by is None


def test_comment_events_are_kept_but_not_countable():
    doc = make_doc("布林肯在首尔会见郑义溶。",
                   comments=[Comment(id="c1", author="网友", text="美国又在制裁中国了。")])
    process(doc, AnalysisContext())
    c = [e for e in doc.events if e.part == "comment:c1"]
    assert c and c[0].type == "SANCTION" and not is_countable(c[0])
    assert all(is_countable(e) for e in doc.events if e.part == "body")


# ------------------------------------------------------------------------------------------ dedup, offsets
def test_same_event_told_twice_is_one_event_with_evidence():
    body = "美国制裁俄罗斯\n美国财政部当天宣布，美国对俄罗斯实施制裁。美国对俄罗斯实施制裁的消息引发关注。"
    evs = [e for e in code(body) if e.type == "SANCTION"]
    assert len(evs) == 1 and len(evs[0].evidence) >= 1
    for x in evs[0].evidence:
        assert body[x.start:x.end] == x.sentence


def test_different_events_are_not_merged():
    evs = [e for e in code("美国制裁俄罗斯。欧盟制裁伊朗。") if e.type == "SANCTION"]
    assert len(evs) == 2


def test_offsets_and_traditional_text():
    body = "美國國務卿布林肯在首爾會見韓國外長鄭義溶，並譴責朝鮮。"
    doc = Document(id="h", source="t", format="t", body=body, published="2021-03-18")
    # actors on the Traditional text: map each Simplified surface through the view
    simp = doc.view("body").simplified
    by_id: dict[str, Actor] = {}
    for surface in ("美国国务卿布林肯", "首尔", "韩国外长郑义溶", "朝鲜"):
        k = simp.find(surface)
        aid, typ, country, sector = ACTORS[surface]
        a = by_id.setdefault(aid, Actor(id=aid, type=typ, country=country, sector=sector))
        a.mentions.append(Mention(k, k + len(surface), body[k:k + len(surface)]))
    doc.actors = list(by_id.values())
    process(doc, AnalysisContext())
    types = {e.type for e in doc.events}
    assert {"CONSULT", "ACCUSE"} <= types
    for e in doc.events:
        assert doc.part_text(e.part)[e.start:e.end] == e.sentence
        assert body[e.trigger_start:e.trigger_end] == e.trigger
    assert any(e.trigger == "會見" for e in doc.events)


def test_contexts():
    ev = one("朝鲜进行了核试验。", "MOBILIZE")
    assert "cbrn" in ev.context and "military" in ev.context
    assert "cyber" in one("俄罗斯对乌克兰发动网络攻击。", "COERCE").context
    assert "human_rights" in one("欧盟批评中国的人权状况。", "ACCUSE").context
    assert "economic" in one("美国对中国加征关税。", "SANCTION").context
    assert "territory" in one("中国批评日本对钓鱼岛的主权主张。", "ACCUSE").context
    assert "diplomatic" in one("布林肯在首尔会见郑义溶。", "CONSULT").context


# ------------------------------------------------------------------------------------------ data files
def test_lexicon_has_the_required_triggers():
    lex = build_lexicon()
    keys = {t.key for t in lex.triggers}
    for w in ("会晤", "会见", "会谈", "通电话", "致电", "访问", "拜会", "拜访", "出访", "签署", "草签", "同意", "邀请",
              "批评", "谴责", "点名", "指责", "抗议", "拒绝", "否认", "要求", "呼吁", "敦促", "警告", "威胁", "制裁",
              "驱逐", "召回大使", "军演", "联合军演", "部署", "发射", "试射", "炮击", "空袭", "逮捕", "拘留", "援助",
              "撤军", "停止广播", "暂停", "释放", "支持", "赞扬", "承诺", "合作", "提供", "断交", "封锁", "入侵", "袭击"):
        assert w in keys, w
    assert any("举行" in k and "会议" in k for k in keys) and any(k.startswith("达成") or "达成" in k for k in keys)


def test_bad_data_names_the_file(tmp_path: Path):
    src = Path(__file__).resolve().parents[1] / "src" / "shiju" / "data" / "events"
    dst = tmp_path / "events"
    dst.mkdir()
    for f in ("types.yaml", "cues.yaml"):
        (dst / f).write_text((src / f).read_text(encoding="utf-8"), encoding="utf-8")
    (dst / "triggers.yaml").write_text("triggers:\n- {zh: 会见, type: MEET, frame: meet}\n", encoding="utf-8")
    with pytest.raises(LexiconError, match=r"triggers\.yaml.*MEET"):
        build_lexicon(str(tmp_path))
    (dst / "triggers.yaml").write_text("triggers:\n- {zh: 会见, type: CONSULT, frame: nowhere}\n", encoding="utf-8")
    with pytest.raises(LexiconError, match="frame"):
        build_lexicon(str(tmp_path))
