"""Session 9: where unmarked reported speech ends — in forum comments the commenter's verdict after the
reported clause, anywhere a question put to the reader — each tested both ways."""
from __future__ import annotations

import pytest

from shiju.evaluation import gold_document
from shiju.pipeline import Pipeline

_PIPE = Pipeline(("normalize", "actors", "time", "quotes"))


def _quotes(body: str, comment: str | None = None) -> list[tuple[str, str | None, str]]:
    g = {"id": "t", "body": body}
    if comment is not None:
        g["comments"] = [{"id": "c1", "text": comment}]
    doc = _PIPE(gold_document(g))
    for q in doc.quotes:  # every span must point at its text
        assert doc.view(q.part).original[q.start:q.end] == q.text
    return [(q.part, q.speaker, q.text) for q in doc.quotes]


_BODY = "美俄两国领导人在阿拉斯加会面。"


@pytest.mark.parametrize("comment, text", [
    # the commenter's verdict after the reported clause is not part of the quote
    ("中国外交部说乐见美俄接触，这话说得很稳", "乐见美俄接触"),
    ("普京说背后捅刀，说得太对了，土耳其一直在跟伊斯兰国做石油生意", "背后捅刀"),
    # a clause that cannot stand alone carries the speech on …
    ("川普说如果对贸易谈判有利，他会介入孟晚舟案，这不就是人质外交", "如果对贸易谈判有利，他会介入孟晚舟案"),
    ("普京说核弹头达到一千枚以上时，就得重新谈判，吓唬谁呢", "核弹头达到一千枚以上时，就得重新谈判"),
    # … and so does a clause continuing its argument; a comma inside a number cuts nothing
    ("特朗普说任期内所做的事是该被豁免的，所以卸任了也不能被追责，笑死", "任期内所做的事是该被豁免的，所以卸任了也不能被追责"),
    ("普京说俄罗斯动员了486,000人，吓人", "俄罗斯动员了486,000人"),
])
def test_comment_reported_speech_ends_before_the_commenters_words(comment, text):
    got = [t for part, _, t in _quotes(_BODY, comment) if part == "comment:c1"]
    assert got == [text]


def test_news_body_keeps_every_clause_of_the_reported_speech():
    # in a news body the reported clause runs to the end of the sentence, as the gold marks it
    body = "王毅表示，中美关系十分重要，双方应当加强沟通。"
    assert [t for _, _, t in _quotes(body)] == ["中美关系十分重要，双方应当加强沟通"]


def test_a_question_to_the_reader_ends_the_quote_in_any_part():
    body = "芬兰昨天正式成为北约成员国。\n俄罗斯说要在西北方向采取反制措施，大家觉得会在芬兰边境大规模增兵吗？"
    assert [(sp, t) for _, sp, t in _quotes(body)] == [("RUS", "要在西北方向采取反制措施")]
    # not a question: 大家 inside the reported speech stays in it
    body = "俄罗斯外交部表示，北约东扩威胁地区安全，大家都应保持克制。"
    assert [t for _, _, t in _quotes(body)] == ["北约东扩威胁地区安全，大家都应保持克制"]
    # a cue that reports a question keeps it
    body = "俄罗斯外交部发言人扎哈罗娃反问，北约一再东扩，大家难道看不见吗？"
    assert [t for _, _, t in _quotes(body)] == ["北约一再东扩，大家难道看不见吗"]


@pytest.mark.parametrize("comment", [
    "奥朗德明显在帮希腊说话，法国自己也是一屁股债",  # 说话: to talk, no content
    "王岐山自己家那些事都说不清，选择性反腐罢了",
    "川普这时候跟普京称兄道弟，时机太讽刺了",
])
def test_verbs_of_talking_without_content_report_nothing(comment):
    assert [q for q in _quotes(_BODY, comment) if q[0] == "comment:c1"] == []


def test_a_verb_of_saying_with_content_still_reports():
    got = [(sp, t) for part, sp, t in _quotes(_BODY, "奥朗德说希腊应当留在欧元区，我看悬") if part == "comment:c1"]
    assert got == [("per:francois-hollande", "希腊应当留在欧元区")]


def test_a_states_media_or_netizens_do_not_speak_for_it():
    body = "印度空军26日空袭了巴基斯坦境内目标。印度媒体说，空袭炸死了三百多名武装分子。"
    # unnamed media: no speaker rather than India (the shipped indirect_needs_speaker then drops the clause)
    assert [sp for _, sp, _ in _quotes(body)] in ([None], [])
    body = "印度空军26日空袭了巴基斯坦境内目标。印度外交部说，空袭炸死了大量武装分子。"
    assert [sp for _, sp, _ in _quotes(body)] in (["org:ind-ministry-of-external-affairs"], ["IND"])
    # in a comment a quote needs a linked speaker: the netizens' words are no quote of a state
    assert [q for q in _quotes(_BODY, "對岸網友已經在慶祝了，說川普認了，有夠誇張") if q[0] == "comment:c1"] == []


@pytest.mark.parametrize("comment, speaker, text", [
    ("林鄭話虛心聆聽，聽咗五個月都聽唔到", "per:carrie-lam", "虛心聆聽"),
    ("蓬佩奧話唔再區別對待香港，即係連香港人都一齊制裁", "per:mike-pompeo", "唔再區別對待香港"),
    ("港澳辦又話充分體現香港社會支持，邊個社會？", "org:chn-hong-kong-macao-affairs-office", "充分體現香港社會支持"),
])
def test_cantonese_hua_after_an_actor_reports_speech(comment, speaker, text):
    got = [(sp, t) for part, sp, t in _quotes(_BODY, comment) if part == "comment:c1"]
    assert got == [(speaker, text)]


@pytest.mark.parametrize("comment", [
    "佢講咗好多廢話，冇人信",  # 話 as a noun
    "成日打電話俾議員都冇用，佢哋唔會聽",
])
def test_hua_elsewhere_is_a_noun(comment):
    assert [q for q in _quotes(_BODY, comment) if q[0] == "comment:c1"] == []


def test_a_talk_that_says_keeps_its_cue():
    # 谈话说: 话 is no cue here, and 说 still reports the talk's words for its issuer
    body = ("朝鲜外务省发言人当天发表谈话，谴责美日韩近期举行的联合空中演习。\n"
            "谈话说，美国及其追随势力的军事挑衅正在把半岛局势推向危险的边缘。")
    got = [t for _, _, t in _quotes(body)]
    assert "美国及其追随势力的军事挑衅正在把半岛局势推向危险的边缘" in got
