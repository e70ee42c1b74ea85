"""Quotes: the fifth round (dev set quotes_dev5.yaml, half A), each rule tested both ways.

Actors come from a fixed cast (test_quotes.mk), so each test exercises the quotes stage alone."""
from __future__ import annotations

import pytest
import yaml

from shiju import quotes
from shiju.data import DATA_DIR

from shiju.model import Comment
from test_quotes import SPEAKERLESS_CTX, check_offsets, mk, only

CAST = {
    "泽连斯基": ("per:volodymyr-zelensky", "person"), "佩斯科夫": ("per:dmitry-peskov", "person"),
    "马克龙": ("per:emmanuel-macron", "person"), "特朗普": ("per:donald-trump", "person"),
    "林芳正官房长官": ("per:yoshimasa-hayashi", "person"), "林芳正": ("per:yoshimasa-hayashi", "person"),
    "日本": ("JPN", "state"), "韩国": ("KOR", "state"), "美国": ("USA", "state"), "菲律宾": ("PHL", "state"),
    "中国": ("CHN", "state"), "明报": ("org:ming-pao", "organization"), "明報": ("org:ming-pao", "organization"),
    "特區政府": ("org:hkg-government", "organization"), "美国之音": ("org:voa", "organization"),
    "商务部": ("org:usa-department-of-commerce", "organization"), "俄方": ("RUS", "state"),
}


def q(body: str, comments: list[Comment] | None = None):
    doc = mk(body, comments=comments, cast=CAST)
    check_offsets(doc)
    return doc


def comment(text: str):
    return q("帖子正文。", comments=[Comment(id="c1", author="网友", text=text)])


# -- 说了: the perfective still reports speech ------------------------------------------------------

@pytest.mark.parametrize("text,fragment,speaker", [
    ("泽连斯基都说了“关于我们，不能没有我们”，结果美国人根本不听。", "不能没有我们", "per:volodymyr-zelensky"),
    ("俄方的说法是愿意见面，佩斯科夫说了会面需要认真准备。", "会面需要认真准备", "per:dmitry-peskov"),
])
def test_perfective_said_in_a_comment_is_a_quote(text, fragment, speaker):
    doc = comment(text)
    assert only(doc, fragment).speaker == speaker


@pytest.mark.parametrize("body", [
    "马克龙说了很多次欧洲必须为自己的安全负责。",   # how often, not what: 说了很多次
    "这件事特朗普说了算，欧洲只能跟着走。",        # 说了算 is a blocker
    "马克龙说了半天，什么也没有承诺。",
])
def test_perfective_said_without_speech_is_no_quote(body):
    assert q(body).quotes == []


# -- first-person words after a verb that takes terms ---------------------------------------------

def test_first_person_words_after_chengren_are_speech_not_a_term():
    doc = comment("据说特朗普事先知道，他自己在采访里承认“我们当然知道”，还劝伊朗回到谈判桌。")
    assert only(doc, "我们当然知道").speaker == "per:donald-trump"


def test_short_term_after_chengren_is_still_a_term():
    # 承认“九二共识”: a short term as the object of the verb, not speech.
    assert q("特朗普始终不承认“九二共识”，也不愿多谈。").quotes == []


# -- a person named inside a state's noun phrase --------------------------------------------------

def test_person_named_after_a_state_topic_is_the_speaker():
    doc = comment("日本这边林芳正官房长官说会密切关注韩国局势，日韩合作的重要性不会改变。")
    assert only(doc, "密切关注").speaker == "per:yoshimasa-hayashi"


def test_state_with_an_unnamed_person_stays_unlinked():
    doc = q("日本学者某某说，日韩合作的重要性不会改变。")
    assert only(doc, "日韩合作").speaker is None


# -- missions speak for their state ----------------------------------------------------------------

def test_embassy_speaks_for_its_state():
    doc = comment("美国驻菲大使馆也发声明了，说美国“与菲律宾站在一起”，老套路。")
    assert only(doc, "与菲律宾站在一起").speaker == "USA"


def test_missions_come_from_the_data_file(tmp_path):
    # Without the mission nouns in institution_voices, 大使 inside 大使馆 reads the embassy as an unnamed
    # person of the state: the data entry is what makes the state speak.
    (tmp_path / "quotes").mkdir()
    data = yaml.safe_load((DATA_DIR / "quotes" / "cues.yaml").read_text(encoding="utf-8"))
    data["institution_voices"] = [w for w in data["institution_voices"] if not w.endswith(("馆", "处"))]
    (tmp_path / "quotes" / "cues.yaml").write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    lex = quotes.load_lexicon(str(tmp_path))
    doc = mk("美国驻菲大使馆发表声明，说美国“与菲律宾站在一起”。", cast=CAST)
    got = quotes.analyse_part(doc, "body", lex, lambda part, pos: None)
    assert [x.speaker for x in got] == [None]
    assert only(q("美国驻菲大使馆发表声明，说美国“与菲律宾站在一起”。"), "站在一起").speaker == "USA"


# -- bracketed source tags are headers, not speakers ------------------------------------------------

def test_paper_tag_before_a_statement_is_no_speaker():
    doc = q("【明報專訊】特區政府昨晚發表聲明，指有關言論「企圖干預香港司法獨立」。")
    assert only(doc, "企圖干預").speaker == "org:hkg-government"


def test_paper_named_in_the_sentence_still_speaks():
    doc = q("明報昨日發表社評，指有關言論「企圖干預香港司法獨立」。")
    assert only(doc, "企圖干預").speaker == "org:ming-pao"


def test_broadcaster_tag_is_no_speaker():
    doc = q("（美国之音）美国商务部一名官员说，新规将把更多中国企业列入实体清单。")
    assert only(doc, "实体清单").speaker == "org:usa-department-of-commerce"


# -- documents issued by a meeting --------------------------------------------------------------------

NATO = {"北约": ("org:nato", "organization"), "吕特": ("per:mark-rutte", "person"), "荷兰": ("NLD", "state"),
        "俄罗斯": ("RUS", "state"), "西班牙": ("ESP", "state")}


@pytest.mark.parametrize("body", [
    "北约峰会25日在荷兰海牙闭幕。吕特在闭幕记者会上发言。西班牙另有看法。峰会宣言称，俄罗斯对欧洲安全构成长期威胁。",
    "北约峰会25日在荷兰海牙闭幕。峰会发表的宣言称，俄罗斯对欧洲安全构成长期威胁。",
])
def test_a_meetings_document_speaks_for_the_body_that_met(body):
    doc = mk(body, cast=NATO)
    assert only(doc, "长期威胁").speaker == "org:nato"


def test_a_document_speaking_again_keeps_its_issuer():
    doc = mk("北约峰会25日在荷兰海牙闭幕。峰会发表的宣言称，盟国承诺提高国防开支。宣言重申，集体防御的承诺坚如磐石。",
             cast=NATO)
    assert only(doc, "坚如磐石").speaker == "org:nato"


def test_a_meeting_nobody_named_gives_no_issuer():
    # No actor stands before any mention of the meeting: the declaration stays unresolved.
    doc = mk("峰会25日在海牙闭幕。峰会宣言称，俄罗斯对欧洲安全构成长期威胁。", cast=NATO, ctx=SPEAKERLESS_CTX)
    assert only(doc, "长期威胁").speaker is None


def test_a_talk_speaks_for_who_gave_it():
    doc = mk("据报道，朝鲜外务省发言人当天发表谈话。谈话说，美国的军事挑衅正在把半岛局势推向战争边缘。",
             cast={"朝鲜外务省": ("org:prk-ministry-of-foreign-affairs", "organization")})
    assert only(doc, "战争边缘").speaker == "org:prk-ministry-of-foreign-affairs"


# -- a verb of blame and a demonstrative object ----------------------------------------------------

BLAME = {"古特雷斯": ("per:antonio-guterres", "person"), "伊朗外交部发言人巴加埃": ("per:esmaeil-baghaei", "person")}


@pytest.mark.parametrize("body,fragment,speaker", [
    ("古特雷斯通过发言人发表声明，谴责这一“危险的升级”，呼吁各方保持克制。", "危险的升级", "per:antonio-guterres"),
    ("伊朗外交部发言人巴加埃在社交媒体发文，指责该报告“出于政治目的”，称伊朗将作出回应。", "出于政治目的",
     "per:esmaeil-baghaei"),
])
def test_verdict_on_a_demonstrative_object_is_a_partial_quote(body, fragment, speaker):
    assert only(mk(body, cast=BLAME), fragment).speaker == speaker


def test_term_after_a_demonstrative_without_a_verb_of_blame_is_no_quote():
    # 这一“…” after a verb that is no verb of blame (推动) stays the author's term.
    doc = mk("古特雷斯表示，各方应推动这一“两国方案”。", cast=BLAME)
    assert not any("两国方案" == q.text for q in doc.quotes)


@pytest.mark.parametrize("body", [
    "译者在书的后记中已经说了，不再赘述。",
    "因为我要做研究，就跟他说了，他特别支持我。",
])
def test_said_with_perfective_before_a_comma_is_no_quote(body):
    assert q(body).quotes == []
