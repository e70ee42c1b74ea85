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
