"""Quotes: the third round of rules (dev set quotes_dev3.yaml), each tested both ways.

Cue words in a row (警告称), 形容 as a cue and idioms with 说 that are not (说白了), a possessed person as the
subject's head (卢拉的外交顾问阿莫林), actors inside a relative clause before the speaker (美国之音采访的学者),
org descriptions (该法院) never resolved to a person, a named spokesperson after a description, a clause
opened by 向 handing the subject search back to the clause before, unnamed officers speaking for their
state, group descriptions (两国外长), pronouns resolved through a reply excerpt, statements owned by
their issuer (X的谈话，说…), and reported speech that ends where another subject takes over (…，Y则…).
"""
from __future__ import annotations

import pytest

from shiju.model import Comment
from test_quotes import SPEAKERLESS_CTX, check_offsets, mk, only

CAST = {
    "金与正": ("per:kim-yo-jong", "person"), "朝中社": ("org:kcna", "organization"),
    "巴西总统卢拉": ("per:lula-da-silva", "person"), "卢拉": ("per:lula-da-silva", "person"),
    "阿莫林": ("per:celso-amorim", "person"), "拜登": ("per:joe-biden", "person"),
    "沙利文": ("per:jake-sullivan", "person"), "美国之音": ("org:voa", "organization"),
    "路透社": ("org:reuters", "organization"), "韩国宪法法院": ("org:kor-constitutional-court", "organization"),
    "宪法法院院长李某": ("local:李某", "person"), "联合国": ("org:un", "organization"),
    "古特雷斯": ("per:antonio-guterres", "person"), "叙利亚": ("SYR", "state"), "韩国": ("KOR", "state"),
    "郑义溶": ("per:chung-eui-yong", "person"), "布林肯": ("per:antony-blinken", "person"),
    "侯友宜": ("per:hou-yu-ih", "person"), "川普": ("per:donald-trump", "person"),
    "新华社": ("org:xinhua", "organization"), "国台办": ("org:chn-taiwan-affairs-office", "organization"),
    "国民党": ("org:twn-kuomintang", "organization"), "民进党": ("org:twn-democratic-progressive-party", "organization"),
    "美国": ("USA", "state"), "中国": ("CHN", "state"),
}


def q(body: str, **kw):
    doc = mk(body, cast=CAST, **kw)
    check_offsets(doc)
    return doc


# -- cues ------------------------------------------------------------------------------------------

def test_two_cue_words_in_a_row_are_one_cue():
    doc = q("据朝中社报道，金与正11日发表谈话，警告称美军的挑衅将招致“令人震惊的局面”。")
    hit = only(doc, "令人震惊")
    assert hit.speaker == "per:kim-yo-jong" and hit.cue == "警告称"


@pytest.mark.parametrize("body", [
    "拜登形容这是两国关系的“历史性时刻”。",
    "拜登形容，两国关系正处于历史性时刻。",
])
def test_xingrong_introduces_speech(body):
    assert only(doc := q(body), "历史性时刻").speaker == "per:joe-biden"
    assert doc.quotes[0].cue == "形容"


@pytest.mark.parametrize("body", [
    "所谓“美国优先”，说白了就是“美国独霸”。",
    "这种局面难以形容，两国关系跌到了谷底。",
])
def test_idioms_with_a_cue_inside_are_not_speech(body):
    assert q(body).quotes == []


# -- subjects --------------------------------------------------------------------------------------

def test_possessed_person_heads_the_subject():
    doc = q("巴西总统卢拉的外交顾问阿莫林透露，巴西和墨西哥正在协调立场。")
    assert only(doc, "协调立场").speaker == "per:celso-amorim"
    doc = q("巴西总统卢拉透露，巴西和墨西哥正在协调立场。")
    assert only(doc, "协调立场").speaker == "per:lula-da-silva"


def test_actor_in_a_relative_clause_is_not_the_speaker():
    doc = q("美国之音采访的多位学者认为，双边关系短期内难以回暖。", ctx=SPEAKERLESS_CTX)
    hit = only(doc, "难以回暖")
    assert hit.speaker is None and "学者" in hit.speaker_text
    # The actor's own statement or official still speaks for it.
    assert only(q("美国之音15日的评论称，双边关系短期内难以回暖。"), "难以回暖").speaker == "org:voa"
    assert only(q("美国之音负责亚洲事务的发言人说，双边关系短期内难以回暖。"), "难以回暖").speaker == "org:voa"


def test_org_description_is_not_a_person_whose_title_holds_the_noun():
    doc = q("宪法法院院长李某在宣读判决时说：“被请求人严重背叛了国民的信任。”该法院认为，紧急戒严违反了程序。",
            ctx=SPEAKERLESS_CTX)
    assert only(doc, "违反了程序").speaker != "local:李某"
    doc = q("韩国宪法法院4日作出裁决。宪法法院院长李某说：“被请求人严重背叛了国民的信任。”该法院认为，紧急戒严违反了程序。")
    assert only(doc, "违反了程序").speaker == "org:kor-constitutional-court"


def test_named_spokesperson_after_a_description_is_not_an_anaphor():
    doc = q("联合国秘书长古特雷斯表示，局势正在恶化。该机构发言人阿里法伊补充道，援助车队无法进入。")
    hit = only(doc, "无法进入")
    assert hit.speaker is None and "阿里法伊" in hit.speaker_text
    doc = q("联合国秘书长古特雷斯表示，局势正在恶化。这位秘书长补充道，援助车队无法进入。")
    assert only(doc, "无法进入").speaker == "per:antonio-guterres"


def test_clause_opened_by_xiang_has_no_subject_of_its_own():
    doc = q("侯友宜承认落选，并向支持者表示：“对不起，让大家失望了。”")
    assert only(doc, "失望").speaker == "per:hou-yu-ih"


def test_unnamed_officers_speak_for_their_state():
    doc = q("路透社援引两名叙利亚军官的话报道，阿萨德已乘飞机离开。")
    assert only(doc, "离开").speaker == "SYR"
    doc = q("路透社援引两名叙利亚学者的话报道，阿萨德已乘飞机离开。", ctx=SPEAKERLESS_CTX)
    assert only(doc, "离开").speaker is None


# -- groups, documents, excerpts, owners ------------------------------------------------------------

def test_group_description_speaks_for_its_members():
    doc = q("韩国外长郑义溶18日在首尔会见美国国务卿布林肯。两国外长在联合记者会上表示，将在对朝政策上保持紧密协调。")
    assert only(doc, "紧密协调").speaker in ("per:chung-eui-yong", "per:antony-blinken")
    # A count word without a head noun is no group description (两国关系…).
    doc = q("韩国外长郑义溶18日在首尔会见美国国务卿布林肯。两国关系表示，将在对朝政策上保持紧密协调。")
    assert only(doc, "紧密协调").speaker not in ("per:chung-eui-yong", "per:antony-blinken")


def test_joint_statement_without_an_issuer_speaks_for_the_parties():
    doc = q("韩国和美国18日举行外长防长会谈。会后发表的联合声明指出，朝鲜无核化是两国的优先课题。")
    assert only(doc, "无核化").speaker in ("KOR", "USA")
    # A statement that is not joint and has no issuer stays unresolved.
    doc = q("韩国和美国18日举行外长防长会谈。会后发表的声明指出，朝鲜无核化是两国的优先课题。", ctx=SPEAKERLESS_CTX)
    assert only(doc, "无核化").speaker is None


def test_pronoun_resolves_through_the_reply_excerpt():
    c1 = Comment(id="c1", author="a", text="川普说墨西哥湾要改名。")
    c2 = Comment(id="c2", author="b", text="> 川普说墨西哥湾要改名\n这有什么稀奇的，他第一任就说过要买格陵兰。", reply_to="c1")
    doc = q("正文。", comments=[c1, c2])
    hits = [x for x in doc.quotes if x.part == "comment:c2"]
    assert [(x.text, x.speaker) for x in hits] == [("要买格陵兰", "per:donald-trump")]  # the excerpt is no quote
    c3 = Comment(id="c3", author="b", text="这有什么稀奇的，他第一任就说过要买格陵兰。")
    doc = q("正文。", comments=[c3])
    assert doc.quotes == []  # no antecedent anywhere: a comment's quote needs a linked speaker


def test_statement_owner_speaks_not_its_relay():
    doc = q("新华社马上发了国台办的谈话，说选举结果“不能代表岛内主流民意”。")
    assert only(doc, "主流民意").speaker == "org:chn-taiwan-affairs-office"
    doc = q("新华社马上发了国台办的消息，说选举结果“不能代表岛内主流民意”。", )
    assert only(doc, "主流民意").speaker == "org:chn-taiwan-affairs-office"
    doc = q("新华社在国台办发布会后说，选举结果“不能代表岛内主流民意”。")
    assert only(doc, "主流民意").speaker == "org:xinhua"


def test_title_prefix_keeps_the_title_run():
    cast = dict(CAST, **{"总统川普": ("per:donald-trump", "person")})
    doc = mk("美国前总统川普日前接受专访时说：“台湾应该付给我们保护费。”", cast=cast)
    assert only(doc, "保护费").speaker == "per:donald-trump"
    doc = mk("美国始终将总统川普视为“台湾应该付给我们保护费”的代表。", cast=cast)
    assert all(x.speaker != "per:donald-trump" for x in doc.quotes)


@pytest.mark.parametrize("body", ["拜登反驳说：“这不是事实。”", "拜登反驳：“这不是事实。”", "拜登驳斥，这不是事实。"])
def test_rebuttal_verbs_introduce_speech(body):
    assert only(q(body), "不是事实").speaker == "per:joe-biden"


def test_rebuttal_verb_with_an_object_is_no_speech():
    assert q("拜登驳斥了这种说法。").quotes == []
    assert q("拜登做了自我介绍，随后离开。").quotes == []


# -- terms -----------------------------------------------------------------------------------------

def test_short_term_in_reported_speech_of_nobody_is_no_quote():
    # Nobody to name: the marked words are the author's term.
    assert all("情报世界" != x.text for x in q("消息来源解释说，阿联酋人不熟悉“情报世界”。").quotes)
    # A named speaker's partial quote of the same shape is kept.
    assert only(q("拜登解释说，阿联酋人“不熟悉情报”。"), "不熟悉情报").speaker == "per:joe-biden"


@pytest.mark.parametrize("body", [
    "俄罗斯人据称删除了所有“活动日志”。",
    "与其说是「保险」，不如说更像是「社会福利」。",
])
def test_idioms_around_terms_are_not_cues(body):
    assert q(body).quotes == []


# -- words that cannot be a speaker ----------------------------------------------------------------

@pytest.mark.parametrize("body", [
    "一言不合就说别人是种族歧视，这种人我见多了。",
    "大家会说，作为一个有色族裔的女性我很难。",
    "往大了说，它是发生在国际背景之下的事情。",
    "为什么说这只是在形式上做文章？",
])
def test_words_that_cannot_be_a_speaker_give_no_quote(body):
    assert q(body).quotes == []


def test_unlinked_noun_phrase_still_speaks():
    hit = only(q("香港地区成员强调，遣散不代表停止。"), "遣散")
    assert hit.speaker is None and hit.speaker_text == "香港地区成员"


def test_comment_quotes_need_a_linked_speaker():
    comments = [Comment(id="c1", author="a", text="有句话说，钱不是万能的。"),
                Comment(id="c2", author="b", text="个人认为这次会谈谈不出结果。"),
                Comment(id="c3", author="c", text="拜登说过，美军会保卫台湾。")]
    doc = q("正文。", comments=comments)
    assert [(x.part, x.speaker) for x in doc.quotes] == [("comment:c3", "per:joe-biden")]
    # In the body unlinked words still make an unnamed speaker.
    assert only(q("香港地区成员强调，遣散不代表停止。"), "遣散").speaker is None
