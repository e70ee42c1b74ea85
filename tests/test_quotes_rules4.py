"""Quotes: the fourth round (dev set quotes_dev4.yaml, half A), each rule tested both ways."""
from __future__ import annotations

from pathlib import Path

import yaml

from shiju import quotes
from shiju.data import DATA_DIR
from shiju.model import Document


def _doc(body: str) -> Document:
    return Document(id="t", source="test", format="text", body=body, published="2024-05-01")


def _quotes_with(lex: quotes.Lexicon, body: str) -> list:
    doc = _doc(body)
    return quotes.analyse_part(doc, "body", lex, lambda part, pos: None)


def _lexicon_without_stops(tmp_path: Path) -> quotes.Lexicon:
    (tmp_path / "quotes").mkdir()
    data = yaml.safe_load((DATA_DIR / "quotes" / "cues.yaml").read_text(encoding="utf-8"))
    data["text_speaker_stops"] = []
    (tmp_path / "quotes" / "cues.yaml").write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return quotes.load_lexicon(str(tmp_path))


def test_text_speaker_stops_come_from_the_data_file(tmp_path):
    lex = quotes.load_lexicon()
    assert {"是", "会", "然后", "或"} <= set(lex.text_speaker_stops)
    # 然后有关部门说: a conjunction opens the words before the cue, so they are no unnamed speaker.
    body = "然后有关部门说，这件事要慎重处理，不能操之过急。"
    assert _quotes_with(lex, body) == []
    # Without the data entry the same words are taken as an unlinked speaker: the list is what decides.
    got = _quotes_with(_lexicon_without_stops(tmp_path), body)
    assert [q.speaker_text for q in got] == ["然后有关部门"]


# -- rules of round 4, each both ways (actors come from an exact-string cast, see test_quotes.mk) --------

import pytest  # noqa: E402

from test_quotes import SPEAKERLESS_CTX, check_offsets, mk  # noqa: E402

CAST = {
    "美国国务院发言人": ("org:usa-department-of-state", "organization"), "普京": ("per:vladimir-putin", "person"),
    "埃及外交部": ("EGY", "state"), "朝中社": ("org:kcna", "organization"), "商务部": ("org:chn-ministry-of-commerce", "organization"),
    "韩国联合参谋本部": ("org:kor-joint-chiefs-of-staff", "organization"), "赖清德": ("per:lai-ching-te", "person"),
    "北京": ("CHN", "state"), "美国": ("USA", "state"), "常驻代表伍德": ("local:伍德", "person"),
    "国防部长": ("office:x-defense-minister", "office"), "陆委会": ("org:twn-mainland-affairs-council", "organization"),
    "金正恩": ("per:kim-jong-un", "person"), "俄罗斯": ("RUS", "state"),
    "立法会": ("org:hkg-legislative-council", "organization"), "北约": ("org:nato", "organization"),
    "李家超": ("per:john-lee", "person"), "保安局": ("org:hkg-security-bureau", "organization"),
}


def q(body: str, **kw):
    doc = mk(body, cast=CAST, **kw)
    check_offsets(doc)
    return [(x.speaker, x.text) for x in doc.quotes]


@pytest.mark.parametrize("body,speaker", [
    ("美国国务院发言人称，美方将继续关注事态发展。", "org:usa-department-of-state"),  # 人称 was a blocker
    ("埃及外交部发表声明，欢迎达成协议，并称埃方将继续与各方保持协调。", "EGY"),  # 并称 was a blocker
])
def test_common_cues_are_not_blocked(body, speaker):
    got = q(body)
    assert len(got) == 1 and got[0][0] == speaker, got


def test_longer_blockers_still_block():
    assert q("这篇小说用第三人称写成，情节曲折。") == []
    assert q("二人并称为“南北双雄”，名噪一时。") == []


def test_anonymous_source_description_is_no_cue():
    doc = mk("一名不愿透露姓名的官员说，谈判已经取得进展。", cast=CAST, ctx=SPEAKERLESS_CTX)
    assert [(x.cue, x.text) for x in doc.quotes] == [("说", "谈判已经取得进展")]
    # 透露 itself is still a cue.
    doc = mk("一名官员透露，谈判已经取得进展。", cast=CAST, ctx=SPEAKERLESS_CTX)
    assert [(x.cue, x.text) for x in doc.quotes] == [("透露", "谈判已经取得进展")]


@pytest.mark.parametrize("body", [
    "根据韩国联合参谋本部的说法，朝鲜当天向东部海域发射了两枚短程弹道导弹。",
    "根据韩国联合参谋本部发布的声明，朝鲜当天向东部海域发射了两枚短程弹道导弹。",
    "据韩国联合参谋本部称，朝鲜当天向东部海域发射了两枚短程弹道导弹。",
])
def test_according_to_frames(body):
    assert q(body) == [("org:kor-joint-chiefs-of-staff", "朝鲜当天向东部海域发射了两枚短程弹道导弹")]


def test_media_frame_with_a_cue_word_that_is_no_speech():
    # 承诺方案: a cue word used as a noun does not stop the frame; a real inner speaker does.
    assert q("据商务部介绍，双方已就价格承诺方案进行了八轮技术磋商。") == [
        ("org:chn-ministry-of-commerce", "双方已就价格承诺方案进行了八轮技术磋商")]
    assert [s for s, _ in q("据朝中社报道，金正恩表示，朝鲜将加强核力量。")] == ["per:kim-jong-un"]


def test_report_speaks_for_its_agency():
    got = q("据朝中社20日报道，金正恩19日签署了条约。报道称，条约规定双方相互提供军事援助。")
    assert ("org:kcna", "条约规定双方相互提供军事援助") in got
    # With no report named before, 报道称 has no issuer to give.
    assert q("报道称，条约规定双方相互提供军事援助。") in ([], [(None, "条约规定双方相互提供军事援助")])


def test_press_release_speaks_for_its_issuer():
    got = q("陆委会下午发布新闻稿指出，中共的认知作战明显升温。新闻稿并说，政府将持续揭露假讯息。")
    assert got == [("org:twn-mainland-affairs-council", "中共的认知作战明显升温"),
                   ("org:twn-mainland-affairs-council", "政府将持续揭露假讯息")]


def test_content_before_a_closing_cue():
    assert q("俄罗斯无意攻击北约国家，普京在记者会上说。") == [("per:vladimir-putin", "俄罗斯无意攻击北约国家")]
    # Not a verb of saying: an object of criticism, not an attribution.
    assert q("此举引发外界关注，遭到国防部长批评。") == []
    # A cue inside the clauses already reports them: no second quote.
    assert len(q("普京表示，俄方愿意谈判，他说。")) <= 1


def test_subject_behind_a_predicate_clause_of_the_same_sentence():
    assert q("埃及外交部发表声明，欢迎达成协议，并称埃方将继续与各方协调。") == [("EGY", "埃方将继续与各方协调")]
    # Across sentences a predicate-only clause does not inherit the previous speaker.
    assert q("普京表示，俄方愿意谈判。会场气氛热烈，并称双方将再次见面。") == [
        ("per:vladimir-putin", "俄方愿意谈判")]


def test_circumstance_is_no_speaker():
    got = q("赖清德昨天就职，演说中提到「中华民国与中华人民共和国互不隶属」。")
    assert got == [("per:lai-ching-te", "中华民国与中华人民共和国互不隶属")]
    # A name before the circumstance is still the (unlinked) speaker.
    doc = mk("阿伦特在《理解与政治》一文中指出，常识是一种人用以进行判断的依据。", cast=CAST)
    assert [x.speaker_text for x in doc.quotes] == ["阿伦特"]


def test_deputy_title_keeps_the_title_run():
    assert q("美国副常驻代表伍德则表示，美国没有参与这次行动。") == [("local:伍德", "美国没有参与这次行动")]


def test_members_of_a_body_do_not_speak_for_it():
    assert q("有立法会议员私下坦言，条例的实施细节仍有待观察。", ctx=SPEAKERLESS_CTX) == [(None, "条例的实施细节仍有待观察")]
    # Its spokesperson does, and member states' leaders speak for the alliance.
    assert q("立法会发言人表示，条例的实施细节仍有待观察。") == [
        ("org:hkg-legislative-council", "条例的实施细节仍有待观察")]
    assert q("北约成员国领导人在宣言中表示，俄罗斯是最直接的威胁。") == [("org:nato", "俄罗斯是最直接的威胁")]


def test_hong_kong_zhi_as_a_cue():
    assert q("李家超指，条例令香港可以全力拼经济。") == [("per:john-lee", "条例令香港可以全力拼经济")]
    assert q("保安局发言人回应指，外国政客的言论罔顾事实。") == [("org:hkg-security-bureau", "外国政客的言论罔顾事实")]
    # Not before a comma, or inside another word: no speech.
    assert q("李家超指派保安局跟进此事。") == []
    assert q("李家超认为，经济复苏指日可待，市民不必担心。") == [("per:john-lee", "经济复苏指日可待，市民不必担心")]


def test_words_after_a_verb_of_blame_and_its_addressee():
    assert q("赖清德呼吁北京「以对话取代对抗」。") == [("per:lai-ching-te", "以对话取代对抗")]
    # A scare-term word before the marks keeps them a term; with no addressee the short phrase stays a term.
    assert q("普京批评美国搞“小圈子”。") == []
    assert q("普京谴责这一“新常态”。") == []
