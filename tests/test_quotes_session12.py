"""Session 12 (issue 5): marked words after 宣布 (docs/annotation.md, "Decided in session 12" (2)), short marked
stance words (cues.yaml stance_words), ，-joined segments as quotes of their own, 扬言/放话 as cues — each
tested both ways on made-up sentences."""
from __future__ import annotations

import pytest

from _shipped_quotes import DETECTOR as _DET, LEX as _LEX, PREP as _PREP, body_quotes as _quotes
from shiju import quotes
from shiju.evaluation import gold_document


def test_the_lists_ship():
    assert "宣布" in _LEX.announce_cues and len(_LEX.stance_words) > 50


@pytest.mark.parametrize("body, speaker, text", [
    ("以色列总理内塔尼亚胡23日宣布“全面停火”，停火将于次日生效。", "per:benjamin-netanyahu", "全面停火"),
    ("俄罗斯总统普京宣布：“自即日起暂停履行该条约。”", "per:vladimir-putin", "自即日起暂停履行该条约。"),
    ("尼日尔军政府宣布“立即”废除与法国签订的军事协议。", None, "立即"),
])
def test_marked_words_after_an_announcement_are_a_direct_quote(body, speaker, text):
    got = _quotes(body)
    assert any(t == text and d and (speaker is None or s == speaker) for s, t, d in got), got


@pytest.mark.parametrize("body", [
    "以色列总理内塔尼亚胡并没有宣布“全面停火”。",  # negated
    "法国武装部队参谋部宣布，“沙漠之盾”行动的最后一批士兵已经撤离。",  # a name heading a noun phrase
    "以色列总理内塔尼亚胡宣布，自即日起全面停火。",  # the unmarked clause is the act alone
])
def test_no_quote_from_an_announcement_without_its_words(body):
    assert not [x for x in _quotes(body) if x[2]], _quotes(body)


@pytest.mark.parametrize("body, speaker, text", [
    ("美国国务院发言人米勒谴责中方“危险的”行动，要求停止挑衅。", "per:matthew-miller", "危险的"),
    ("联合国秘书长古特雷斯对条约到期“深感遗憾”，呼吁双方重返谈判。", "per:antonio-guterres", "深感遗憾"),
    ("英国外交大臣拉米昨日在议会发言，称有关判决“违宪”。", "per:david-lammy", "违宪"),
    # the actor judging is the sentence's subject, not the actor inside the clause (the act's author)
    ("北约当天发表声明，以抗议俄罗斯对乌克兰“无端的入侵”。", "org:nato", "无端的入侵"),
    # a verb of announcing: the marked words in what is announced are the announcer's
    ("美国总统特朗普宣布，以色列和伊朗已同意“立即停火”。", "per:donald-trump", "立即停火"),
])
def test_short_marked_stance_words_are_the_actors_words(body, speaker, text):
    got = _quotes(body)
    assert any(t == text and d and s == speaker for s, t, d in got), got


@pytest.mark.parametrize("body, words", [
    ("美国总统拜登对所谓“危险挑衅”大做文章。", "危险挑衅"),  # a name marker
    ("台湾当局随即采取相应的“报复”行动。", "报复"),  # a modifier in the writer's narration, no cue
    ("中国军机“令人震惊地危险”地增加了拦截行动。", "令人震惊地危险"),  # an adverb in the narration
    ("美日韩联合空中演习是“危险的军事挑衅”。", "危险的军事挑衅"),  # the topic of a copula does not judge
    ("中国国家主席习近平指出港澳工作取得新进展；北京却亮出不能触碰的「三条红线」。", "三条红线"),  # a ； ends the cue
    ("美国国务卿布林肯在记者会上谈到“一带一路”倡议。", "一带一路"),  # no stance word: a name
])
def test_marked_words_without_a_judging_speaker_are_no_quote(body, words):
    assert not [x for x in _quotes(body) if x[1] == words], _quotes(body)


def test_stance_words_in_a_comment_are_left_to_the_comment_rules():
    doc = _PREP(gold_document({"id": "t", "body": "标题", "comments": [
        {"id": "c1", "text": "联合国秘书长古特雷斯又对条约到期“深感遗憾”了，笑死。"}]}))
    by_part = quotes._mentions_by_part(doc)
    p = quotes.analyse_part(doc, "comment:c1", _LEX, lambda a, b: None, by_part, _DET)
    assert not [q for q in p if q.text == "深感遗憾"]


def test_a_list_joined_by_the_enumeration_comma_stays_one_segment():
    got = _quotes("中国外交部发言人汪文斌表示，中方坚持“一国两制”、“港人治港”、“高度自治”的方针。")
    assert not [x for x in got if x[1] in ("港人治港", "高度自治")], got


@pytest.mark.parametrize("body, speaker, text", [
    ("俄罗斯前总统梅德韦杰夫扬言，俄方将对任何挑衅作出回应。", "per:dmitry-medvedev", "俄方将对任何挑衅作出回应"),
    ("美国总统特朗普放话，关税将在下月生效。", "per:donald-trump", "关税将在下月生效"),
])
def test_declaring_out_loud_reports_speech(body, speaker, text):
    assert (speaker, text, False) in _quotes(body), _quotes(body)


def test_the_clause_before_a_comma_opened_quote_is_reported_even_ending_like_a_predicate():
    # 超过七成 ends in 成 (a predicate word when the quote sits inside the clause: 成为“…”); a comma between
    # makes the marked words a clause of their own and the clause before an indirect quote.
    got = _quotes("美国国务卿布林肯表示，统计显示反对派得票超过七成，“委内瑞拉人民已经作出了选择”。")
    assert ("per:antony-blinken", "统计显示反对派得票超过七成", False) in got, got
    got = _quotes("美国国务卿布林肯表示，这次选举的结果是：“委内瑞拉人民已经作出了选择”。")
    assert not [x for x in got if not x[2]], got


@pytest.mark.parametrize("body, speaker, text", [
    ("以色列总理内塔尼亚胡表示，以色列将继续“自卫”。", "per:benjamin-netanyahu", "自卫"),
    ("俄罗斯总统普京称，停火协议已经“破产”。", "per:vladimir-putin", "破产"),
])
def test_a_predicate_after_a_modal_under_a_cue_is_the_speakers(body, speaker, text):
    assert (speaker, text, True) in _quotes(body), _quotes(body)


@pytest.mark.parametrize("body, words", [
    ("中国外交部发言人汪文斌表示，中方将“台独”分子依法惩治。", "台独"),  # 将 = 把: an object, the marks do not close
    ("美国总统拜登简单回应“台湾”，随即离开。", "台湾"),  # 回应 ends in 应, which is no modal
    ("以色列将继续“自卫”。", "自卫"),  # no cue of saying: the writer's words
])
def test_a_modal_alone_does_not_make_marked_words_speech(body, words):
    assert not [x for x in _quotes(body) if x[1] == words], _quotes(body)


def test_a_cue_with_the_speakers_own_state_inside_a_persons_speech_is_that_persons():
    got = _quotes("中国外交部发言人汪文斌说，中方敦促有关国家“认清历史大势”，停止挑衅。")
    assert ("per:wang-wenbin", "认清历史大势", True) in got, got


def test_a_named_body_inside_someones_speech_keeps_its_own_words():
    # not a state: the ministry issues its own words (国家安全部发文讲到「…」), the reporter of them is no speaker
    got = _quotes("美国国务卿布林肯说，美国国务院发文称“美方将坚定支持盟友”，各方应保持克制。")
    assert not [x for x in got if x[1] == "美方将坚定支持盟友" and x[0] == "per:antony-blinken"], got


def test_another_state_after_a_persons_speech_is_a_new_subject():
    got = _quotes("乌克兰总统泽连斯基此前警告，外国领导人的安全无法保证，俄方则指责基辅图谋“挑衅”。")
    assert not [x for x in got if x[1] == "挑衅" and x[0] == "per:volodymyr-zelensky"], got
