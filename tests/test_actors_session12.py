"""Actor rulings of session 12 (issue 3, docs/annotation.md "Decided in session 12"), each tested both ways on
the packaged gazetteer. Sentences are written for these tests."""
from __future__ import annotations

import pytest

from shiju.model import Comment, Document
from shiju.pipeline import Pipeline

_PIPE = Pipeline(["normalize", "actors", "actor_filter"])
_LINKER = Pipeline(["normalize", "actors"])


def _output(body: str, comments=(), pipe: Pipeline = _PIPE) -> list[tuple[str, str, str]]:
    """(part, mention text, actor id) of the actors output, the filter and the output exclusions applied."""
    doc = pipe(Document(id="t", source="test", format="text", body=body, published="2024-05-01",
                        comments=list(comments)))
    return sorted((m.part, m.text, a.id) for a in doc.actors for m in a.mentions)


# -- bare 海警 / 海巡 / 军方 and 对岸 are no mentions; the coast guard or forces of a named state are ------------

@pytest.mark.parametrize("body, word", [
    ("菲律宾渔船在黄岩岛附近作业时，海警船进行了拦截。", "海警"),
    ("两艘海巡船当天驶离码头，菲律宾外交部表示关切。", "海巡"),
    ("缅甸大选结果公布后，军方拒绝承认，并宣布紧急状态。", "军方"),
    ("賴清德說，對岸近日在台海周邊增加軍事活動。", "對岸"),
])
def test_bare_coast_guard_forces_and_other_side_are_no_mentions(body, word):
    assert not [t for _, t, _ in _output(body) if t == word]


def test_the_linker_still_reads_the_other_side_for_later_stages():
    # the exclusion is applied last: the events and stance stages read 對岸 as the PRC in Traditional text
    got = _output("賴清德說，對岸近日在台海周邊增加軍事活動。", pipe=_LINKER)
    assert ("body", "對岸", "CHN") in got


@pytest.mark.parametrize("body, text, actor", [
    ("以色列军方周三表示，已对加沙北部发动空袭。", "以色列", "ISR"),
    ("中国海警周五在黄岩岛附近对菲律宾船只实施管制。", "中国海警", "org:chn-coast-guard"),
])
def test_coast_guard_and_forces_of_a_named_state_stay(body, text, actor):
    got = _output(body)
    assert any(t.startswith(text) and a == actor for _, t, a in got)


# -- a state + 人民 / 民众 / 百姓: no mention in a news body; in a comment only where an opinion is about it ---------

@pytest.mark.parametrize("body, state", [
    ("美国国务院表示，尊重委内瑞拉人民的选择。", "委内瑞拉"),
    ("数千名乌克兰民众在基辅街头集会。", "乌克兰"),
    ("联合国呼吁各方保障朝鲜老百姓的粮食供应。", "朝鲜"),
])
def test_state_before_a_people_noun_is_no_mention_in_news(body, state):
    assert not [t for _, t, _ in _output(body) if t == state]


def test_state_before_a_people_noun_in_a_comment_follows_the_nationality_rule():
    got = _output("叙利亚局势持续紧张。", [Comment(id="c1", author="甲", text="叙利亚人民太苦了，支持他们！"),
                                      Comment(id="c2", author="乙", text="外交部说尊重叙利亚人民的选择。")])
    assert ("comment:c1", "叙利亚", "SYR") in got  # what the reader's opinion is about: a mention
    assert not [t for p, t, _ in got if p == "comment:c2" and t == "叙利亚"]  # after a verb: people described


@pytest.mark.parametrize("body, text, actor", [
    ("中国人民大学当天发布报告。", "中国人民大学", "org:renmin-university"),
    ("委内瑞拉外交部发表声明予以谴责。", "委内瑞拉", "VEN"),
])
def test_names_holding_people_nouns_and_other_state_mentions_stay(body, text, actor):
    assert any(t.startswith(text) and a == actor for _, t, a in _output(body))


# -- a one-character abbreviation fused into a verb or preposition is no mention -------------------------------

@pytest.mark.parametrize("body, char", [
    ("法国总统下周将访华，双方将签署多项协议。", "华"),
    ("日本首相赴美出席峰会。", "美"),
    ("美国众议长访台引发强烈反应。", "台"),
])
def test_fused_abbreviations_are_no_mentions(body, char):
    assert not [t for _, t, _ in _output(body) if t == char]
