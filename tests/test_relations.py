"""Relations stage: constructions, flags, asserted-by, offsets, data errors and the gold score."""
from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from shiju.context import AnalysisContext
from shiju.model import Document
from shiju.pipeline import Pipeline

GOLD = Path(__file__).resolve().parent / "gold"


@pytest.fixture(scope="module")
def pipe() -> Pipeline:
    return Pipeline()


def _rels(pipe: Pipeline, body: str, published: str | None = "2021-03-18") -> list:
    doc = pipe(Document(id="t", source="t", format="t", body=body, published=published))
    return doc.relations


def _triples(rels: list) -> set[tuple[str, str, str]]:
    return {(r.type, r.a, r.b) for r in rels if not r.negated and not r.hypothetical}


@pytest.mark.parametrize("body, want", [
    ("韩国是美国的盟友。", ("alliance", "KOR", "USA")),
    ("美国的盟友日本表态支持。", ("alliance", "USA", "JPN")),
    ("日本與美國是同盟關係。", ("alliance", "JPN", "USA")),
    ("越南是日本的全面战略伙伴。", ("partnership", "VNM", "JPN")),
    ("朝鲜对韩国的「敌对认识」没有改变。", ("hostility", "PRK", "KOR")),
    ("伊朗与以色列长期敌对。", ("hostility", "IRN", "ISR")),
    ("印度与中国互为竞争对手。", ("rivalry", "IND", "CHN")),
    ("白俄罗斯已沦为俄罗斯的附庸。", ("dependence", "BLR", "RUS")),
    ("朝鲜经济高度依赖中国。", ("dependence", "PRK", "CHN")),
    ("日本是四方安全对话的成员国之一。", ("membership", "JPN", "org:quad")),
    ("北约成员国土耳其表示反对。", ("membership", "TUR", "org:nato")),
])
def test_constructions(pipe: Pipeline, body: str, want: tuple[str, str, str]) -> None:
    assert want in _triples(_rels(pipe, body))


def test_group_alliance_relates_every_pair(pipe: Pipeline) -> None:
    got = _triples(_rels(pipe, "美日韩同盟是东亚秩序的核心。"))
    pairs = {frozenset((a, b)) for t, a, b in got if t == "alliance"}
    assert pairs == {frozenset(p) for p in (("USA", "JPN"), ("USA", "KOR"), ("JPN", "KOR"))}


def test_subject_carried_to_the_next_clause(pipe: Pipeline) -> None:
    got = _triples(_rels(pipe, "韩国是美国的盟友，与中国是战略合作伙伴关系。"))
    assert ("alliance", "KOR", "USA") in got
    assert ("partnership", "KOR", "CHN") in got
    assert not any(t == "partnership" and "USA" in (a, b) for t, a, b in got)


def test_view_holder_asserts_dependence(pipe: Pipeline) -> None:
    rels = _rels(pipe, "朝鲜将韩国视为美国的「附庸」。")
    dep = [r for r in rels if r.type == "dependence"]
    assert [(r.a, r.b, r.asserted_by) for r in dep] == [("KOR", "USA", "PRK")]


def test_author_asserts_by_default(pipe: Pipeline) -> None:
    rels = _rels(pipe, "韩国是美国的盟友。")
    assert rels and all(r.asserted_by is None for r in rels)


def test_quoted_relation_asserted_by_speaker(pipe: Pipeline) -> None:
    rels = _rels(pipe, "美国国务卿布林肯表示：“日本是美国最重要的盟友。”")
    al = [r for r in rels if r.type == "alliance"]
    assert al and al[0].asserted_by == "per:antony-blinken"


@pytest.mark.parametrize("body", ["印度并非美国的盟友。", "土耳其不是欧盟成员国。", "德国并不把中国视为敌人。"])
def test_negated(pipe: Pipeline, body: str) -> None:
    rels = _rels(pipe, body)
    assert rels and all(r.negated for r in rels)


@pytest.mark.parametrize("body", ["如果乌克兰加入北约，俄罗斯会强烈反应。", "若日本与朝鲜结盟，后果难料。",
                                  "韩国会否加入四方安全对话？"])
def test_hypothetical(pipe: Pipeline, body: str) -> None:
    rels = _rels(pipe, body)
    assert rels and all(r.hypothetical for r in rels)


# (a completed accession, 瑞典正式加入了北约, is membership since relations_dev5: tests/test_relations_rules.py)
@pytest.mark.parametrize("body", ["中国是美国最大的贸易伙伴。", "美国与盟友和伙伴举行会谈。",
                                  "拜登在白宫会见了日本首相。", "北约峰会在维尔纽斯举行，芬兰总统出席。",
                                  "中美关系紧张，两国元首通电话。"])
def test_non_relations(pipe: Pipeline, body: str) -> None:
    assert _triples(_rels(pipe, body)) == set()


def test_dated_by_time_stage_else_publication(pipe: Pipeline) -> None:
    rels = _rels(pipe, "2019年6月，朝鲜经济高度依赖中国。")
    assert rels[0].date is not None and rels[0].date.startswith("2019-06")
    rels = _rels(pipe, "朝鲜经济高度依赖中国。", published="2020-05-01")
    assert rels[0].date == "2020-05-01"


def test_one_relation_per_document_and_type(pipe: Pipeline) -> None:
    rels = _rels(pipe, "美韩同盟很重要。韩美同盟更重要。美韩同盟是核心轴。")
    assert len([r for r in rels if r.type == "alliance"]) == 1


def test_comment_relations_in_their_part(pipe: Pipeline) -> None:
    from shiju.model import Comment

    doc = pipe(Document(id="c", source="c", format="t", body="新闻正文。", published="2021-01-01",
                        comments=[Comment(id="x1", author="u", text="韩国就是美国的附庸")]))
    r = [r for r in doc.relations if r.type == "dependence"]
    assert r and r[0].part == "comment:x1" and doc.part_text(r[0].part)[r[0].start:r[0].end] == r[0].sentence


_PIECES = ["韩国", "是", "美国", "的", "盟友", "，", "与", "中国", "战略合作伙伴关系", "。", "「", "」", "并非",
           "北约", "成员国", "日本", "如果", "加入", "依赖", "俄罗斯", "敌对", "\n", " ", "美日韩", "同盟", "與", "關係"]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.sampled_from(_PIECES), min_size=1, max_size=25))
def test_offsets_property(pipe: Pipeline, pieces: list[str]) -> None:
    doc = pipe(Document(id="p", source="p", format="t", body="".join(pieces), published="2021-01-01"))
    for r in doc.relations:
        assert doc.part_text(r.part)[r.start:r.end] == r.sentence
        assert r.a != r.b
        assert r.type in {"alliance", "partnership", "hostility", "rivalry", "dependence", "membership"}


def test_bad_pattern_file_names_file(tmp_path: Path) -> None:
    from shiju.relations import RelationDataError, load_lexicon

    (tmp_path / "relations").mkdir()
    (tmp_path / "relations" / "patterns.yaml").write_text(
        "patterns:\n  - {type: alliance, pattern: '{A}是{B}的(盟友', a: A, b: B}\n", encoding="utf-8")
    with pytest.raises(RelationDataError, match="patterns.yaml"):
        load_lexicon(str(tmp_path))
    (tmp_path / "relations" / "patterns.yaml").write_text(
        "patterns:\n  - {type: friendship, pattern: '{A}爱{B}', a: A, b: B}\n", encoding="utf-8")
    load_lexicon.cache_clear()
    with pytest.raises(RelationDataError, match="type"):
        load_lexicon(str(tmp_path))


def test_gold_score_and_flags(pipe: Pipeline) -> None:
    """The measured figures on tests/gold/relations_*.yaml (news, dev2, held-out) stay at the level reported
    in docs/model-card.md (P 0.94 R 0.92 over the three)."""
    from shiju.evaluation import evaluate, gold_document, load_gold

    # relations_dev5 is left out: its half B is held out (reported in the model card, not asserted here)
    gold = load_gold(sorted(p for p in GOLD.glob("relations_*.yaml") if p.name != "relations_dev5.yaml"))
    assert len(gold) >= 80
    rep = evaluate(gold, pipe)
    sc = rep.scores["relations"]
    assert sc.precision >= 0.90 and sc.recall >= 0.88, sc.as_dict()
    flagged = right = 0
    for g in gold:
        doc = pipe(gold_document(g))
        for gr in g["relations"]:
            if gr.get("negated") or gr.get("hypothetical"):
                flagged += 1
                right += any(r.type == gr["type"] and {r.a, r.b} == {gr["a"], gr["b"]}
                             and r.negated == bool(gr.get("negated")) and r.hypothetical == bool(gr.get("hypothetical"))
                             for r in doc.relations)
    assert flagged >= 4 and right / flagged >= 0.75


def test_function_word_and_headline_space(pipe: Pipeline) -> None:
    got = _triples(_rels(pipe, "美国以美日韩同盟为中心打造东亚秩序。"))
    assert {x for t, a, b in got for x in (a, b)} <= {"USA", "JPN", "KOR"} and got
    assert _triples(_rels(pipe, "布林肯点名中国和朝鲜 强调同盟共同应对")) == set()
