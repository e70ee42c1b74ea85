"""Session 11 (issue 5): the two quote rulings of docs/annotation.md ("After a partial quote", "宣布 + clause"),
each tested both ways on made-up sentences."""
from __future__ import annotations

import pytest

from _shipped_quotes import LEX as _LEX, body_quotes as _quotes  # these tests check what ships


def test_the_ruling_ships_on():
    assert _LEX.after_partial_clause


@pytest.mark.parametrize("body, clause", [
    # 并/但/同时 + what the speaker said: the continuation is the speaker's (ruling: only a new act stops it)
    ("英国外交大臣拉米表示，英方对事态“深表关切”，并对双方恢复对话感到鼓舞。", "并对双方恢复对话感到鼓舞"),
    ("英国外交大臣拉米表示，英方对事态“深表关切”，但英方仍支持以外交方式解决争端。", "但英方仍支持以外交方式解决争端"),
    ("日本外务省发言人说，两国关系“面临考验”，同时希望双方保持沟通渠道畅通。", "同时希望双方保持沟通渠道畅通"),
    # the ruling's own example
    ("外交部发言人表示，美方做法“严重违反国际法”，中方将采取必要措施。", "中方将采取必要措施"),
])
def test_the_continuation_after_a_partial_quote_is_the_speakers(body, clause):
    got = _quotes(body)
    assert any(text == clause and not direct for _, text, direct in got), got
    speakers = {sp for sp, _, _ in got}
    assert len(speakers) == 1  # the same speaker as the marked words


@pytest.mark.parametrize("body, tail", [
    # a new act of the speaker after a connective (and an adverb): the act is an event, not content
    ("英国外交大臣拉米表示，英方对事态“深表关切”，并宣布召回驻该国大使。", "召回驻该国大使"),
    ("英国外交大臣拉米表示，英方对事态“深表关切”，并已下令海军舰艇前往相关海域。", "海军舰艇前往相关海域"),
    ("英国外交大臣拉米表示，英方对事态“深表关切”，但否认英方曾向任何一方提供武器。", "英方曾向任何一方提供武器"),
    # the writer's narration after the words
    ("英国外交大臣拉米表示，英方对事态“深表关切”，随后启程前往布鲁塞尔。", "启程前往布鲁塞尔"),
])
def test_a_new_act_after_a_partial_quote_is_no_quote(body, tail):
    assert not any(tail in text for _, text, _ in _quotes(body))


def test_after_a_whole_quote_opened_by_a_colon_the_words_are_the_writers():
    body = "意大利议员马里奥·罗西说：“我们在地中海的中心”，他曾在上届政府领导一个工作组。"
    got = _quotes(body)
    assert any(direct and "地中海" in text for _, text, direct in got)
    assert not any("工作组" in text for _, text, _ in got)
    # the same words as a partial quote after a comma are followed by the speaker's own clause
    body2 = "意大利外长塔亚尼说，意方的立场“没有改变”，意方将继续支持乌克兰。"
    assert any(text == "意方将继续支持乌克兰" for _, text, _ in _quotes(body2))


@pytest.mark.parametrize("body", [
    "俄罗斯国防部12日宣布，自即日起暂停在该地区的一切军事行动。",
    "柬埔寨外交部宣布，暂停与泰国的边境贸易，直至另行通知。",
    "美国国务院宣布对伊朗三名官员实施制裁，理由是其参与镇压抗议者。",
])
def test_the_clause_after_xuanbu_is_no_quote(body):
    assert _quotes(body) == []


@pytest.mark.parametrize("body, clause", [
    # a cue of saying introduces the clause itself: a quote by that cue
    ("俄罗斯国防部发言人12日宣布这一决定时表示，俄方愿意与各方保持沟通。", "俄方愿意与各方保持沟通"),
    ("柬埔寨外交部发表声明宣布称，泰方的做法违反了双边协议。", "泰方的做法违反了双边协议"),
])
def test_a_cue_of_saying_after_xuanbu_keeps_its_quote(body, clause):
    assert any(text == clause for _, text, _ in _quotes(body)), _quotes(body)


def test_a_date_right_after_the_subject_ends_its_noun_phrase():
    # 美国国务院30日宣布…的…，并谴责…: the date after the mention ends the subject; the 的 of the predicate
    # no longer makes the ministry the subject of a relative clause (an unnamed speaker)
    body = "英国外交部30日宣布暂停与该国的战略对话，并谴责该国政府“过度使用武力”。"
    got = _quotes(body)
    assert [(sp, text) for sp, text, _ in got] == [("org:gbr-foreign-office", "过度使用武力")], got
    # a real relative clause before the speaker still makes the speaker unnamed: no quote without a source
    body2 = "英国外交部邀请的专家说，该国政府“过度使用武力”已经引起国际社会的广泛批评。"
    assert all(sp != "org:gbr-foreign-office" for sp, _, _ in _quotes(body2))


@pytest.mark.parametrize("body, words", [
    # marked words with no cue verb after a modal or a verb of feeling: the writer's inference
    ("所以普京不搞全面动员，不然泽连斯基必须「全世界抓人」，将士们心态难平。", "全世界抓人"),
    ("乌克兰越是努力，欧洲各国越是觉得自己「不用面对战争」。", "不用面对战争"),
    # after the name of a work: its title
    ("1960年代，英国《经济学人》杂志出了两期专刊号“太阳是怎么升起来的”，探讨日本经济。", "太阳是怎么升起来的"),
])
def test_marked_words_after_a_modal_or_a_work_are_no_quote(body, words):
    assert not any(words in text for _, text, _ in _quotes(body))


def test_marked_words_with_no_cue_after_an_actor_stay_a_quote():
    # the nocue branch still takes an actor's words when nothing before the marks blocks them; the same words
    # after a modal are the writer's
    said = "意大利政府向公众保证，这些投资“绝对不是掠夺性的”。"
    assert [(sp, text) for sp, text, _ in _quotes(said)] == [("org:ita-government", "绝对不是掠夺性的")]
    assert _quotes("意大利政府必须“绝对不是掠夺性的”。") == []


@pytest.mark.parametrize("body", [
    # a negated verb of saying reports no speech
    "交换已经恢复。乌克兰情报总局局长布达诺夫没有透露谈判细节。",
    "日本防卫大臣拒绝透露自卫队舰艇的具体航行路线。",
    # an idiom of talking out of turn
    "台湾问题是中国内政，轮不到日本首相说三道四。",
])
def test_a_negated_verb_of_saying_or_an_idiom_is_no_quote(body):
    assert not any(("细节" in text or "航行路线" in text or "三道四" in text) for _, text, _ in _quotes(body))


def test_the_affirmed_verb_keeps_its_quote():
    body = "乌克兰情报总局局长布达诺夫对媒体透露，交换谈判已在阿联酋斡旋下恢复。"
    assert any(text == "交换谈判已在阿联酋斡旋下恢复" for _, text, _ in _quotes(body)), _quotes(body)


def test_marks_holding_the_speakers_verb_of_stance_before_its_object_are_a_quote():
    body = "印度外交部19日发表声明，“断然拒绝”加方的指控，并召回驻加拿大高级专员。"
    assert any(text == "断然拒绝" and direct for _, text, direct in _quotes(body)), _quotes(body)
    # a short marked term before a noun after the same statement stays a term
    body2 = "印度外交部19日发表声明，“东向政策”框架下的合作将继续推进。"
    assert not any(text == "东向政策" for _, text, _ in _quotes(body2))
