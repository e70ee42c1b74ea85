"""Reactions stage, session 3: rhetorical questions blame the subject of their clause (and only it), while
tag, deliberative and asserting questions do not; lexicon fixes (不嫌, 功劳)."""
from __future__ import annotations

from pathlib import Path

import pytest

from shiju.model import Comment, Document
from shiju.pipeline import Pipeline
from shiju.reactions import StanceDataError, load_lexicon, rules_only


@pytest.fixture(scope="module")
def pipe() -> Pipeline:
    p = Pipeline()
    rules_only(p.ctx)  # these tests are about the cue rules; tests/test_stance_decider.py covers the decider
    return p


def _stance(pipe: Pipeline, text: str) -> dict[str, str]:
    doc = pipe(Document(id="q", source="q", format="t", body="各方发表评论。", published="2025-01-01",
                        comments=[Comment(id="c1", author="u", text=text)]))
    return {s.actor: s.stance for s in doc.comments[0].stance}


@pytest.mark.parametrize("question, statement, actor", [
    ("中共不认账还有理了？", "中共不认账", "org:ccp"),
    ("英國除咗出聲明仲識做咩？", "英國出咗聲明", "GBR"),
    ("美国有什么资格讲法治？", "美国讲法治", "USA"),
    ("连哈尔科夫都拿不下，这叫普京大帝？", "连哈尔科夫都拿不下，这是普京大帝", "per:vladimir-putin"),
    ("日本做得到吗", "日本做得到", "JPN"),                       # a final 吗 without ？
])
def test_rhetorical_question_blames_its_subject(pipe: Pipeline, question: str, statement: str, actor: str) -> None:
    assert _stance(pipe, question).get(actor) == "oppose"
    assert _stance(pipe, statement).get(actor) == "neutral"


def test_question_blames_the_subject_not_the_object(pipe: Pipeline) -> None:
    st_ = _stance(pipe, "照你这逻辑，俄罗斯打乌克兰也是给点颜色看看？")
    assert st_.get("RUS") == "oppose" and st_.get("UKR") == "neutral"
    # an actor after a verb is what the question is about: 中国 is not blamed here
    assert _stance(pipe, "真当中国还是一百年前的中国？").get("CHN") != "oppose"


@pytest.mark.parametrize("text, actor", [
    ("台湾该怎么站队？", "TWN"),                   # deliberative: it really asks
    ("川普时期军售金额更大好吗", "per:donald-trump"),  # tag question: it asserts
    ("难道美国不是在帮乌克兰吗？", "USA"),           # 难道不是…吗 asserts
])
def test_questions_that_do_not_blame(pipe: Pipeline, text: str, actor: str) -> None:
    assert _stance(pipe, text).get(actor) != "oppose"


def test_bu_xian_is_a_reproach_and_gonglao_alone_is_not_praise(pipe: Pipeline) -> None:
    assert _stance(pipe, "北京也不嫌丢人") == {"CHN": "oppose"}
    assert _stance(pipe, "北京不丢人").get("CHN") != "oppose"
    assert _stance(pipe, "特朗普想疯了，什么功劳都往自己身上揽").get("per:donald-trump") == "oppose"


def test_bad_questions_section_names_file(tmp_path: Path) -> None:
    d = tmp_path / "stance"
    d.mkdir()
    (d / "lexicon.yaml").write_text("questions: {weight: heavy}\n", encoding="utf-8")
    with pytest.raises(StanceDataError, match="lexicon.yaml.*questions"):
        load_lexicon(str(tmp_path))
