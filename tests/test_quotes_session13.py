"""Session 13 (issue 5): marked words inside an unmarked reported clause are the speaker's partial direct quote
and the clause around them is not quoted (docs/annotation.md, "Decided in session 13"); names in marks stay
names. Made-up sentences, each rule tested both ways."""
from __future__ import annotations

from _shipped_quotes import body_quotes


def test_marks_closing_a_reported_clause_are_a_partial_quote_alone() -> None:
    got = body_quotes("美国国务卿布林肯表示，俄方已向乌克兰人民“宣战”。")
    assert got == [("per:antony-blinken", "宣战", True)]  # the clause around the marks is not quoted


def test_the_clause_after_the_partial_quote_stays_an_indirect_quote() -> None:
    got = body_quotes("美国国务卿布林肯说，这是乌克兰人民的“胜利”，美国将继续提供援助。")
    assert ("per:antony-blinken", "胜利", True) in got
    assert ("per:antony-blinken", "美国将继续提供援助", False) in got


def test_a_name_heading_a_noun_phrase_stays_inside_the_indirect_quote() -> None:
    got = body_quotes("美国国务卿布林肯表示，美方愿同各方推进“蓝色太平洋”合作。")
    assert not any(direct for _, _, direct in got)
    assert any(t.startswith("美方愿同各方推进") and not d for _, t, d in got)


def test_programme_and_policy_names_are_not_quotes() -> None:
    for body in ("美国国务卿布林肯表示，美方将继续推进“繁荣伙伴行动”。",
                 "美国国务卿布林肯表示，越南奉行“竹子外交”。"):
        got = body_quotes(body)
        assert not any(direct for _, _, direct in got), body


def test_a_name_marker_keeps_the_marks_a_term() -> None:
    got = body_quotes("美国国务卿布林肯表示，这次代号为“北方之盾”的演习规模有限。")
    assert not any(direct for _, _, direct in got)


def test_the_clause_after_a_directly_cued_quote_is_an_indirect_quote() -> None:
    got = body_quotes("美国财长贝森特对记者说，“双方都不希望脱钩”，美方希望同中方实现更加平衡的贸易。")
    assert ("per:scott-bessent", "双方都不希望脱钩", True) in got
    assert ("per:scott-bessent", "美方希望同中方实现更加平衡的贸易", False) in got


def test_nothing_follows_a_quote_opened_by_a_colon_or_a_semicolon() -> None:
    got = body_quotes("美国财长贝森特说：“双方都不希望脱钩”，他曾在华尔街工作多年。")
    assert not any(not direct for _, _, direct in got)
    got = body_quotes("美国财长贝森特说，“双方都不希望脱钩”；中方则同意恢复采购美国大豆。")
    assert not any(not direct for _, _, direct in got)


def test_a_cue_nested_in_an_announcement_gives_no_continuation() -> None:
    got = body_quotes("美国总统特朗普宣布，胡塞武装已表示“不想再打了”，美国将立即停止空袭。")
    assert not any(t == "美国将立即停止空袭" for _, t, _ in got)


def test_marked_verb_after_a_verb_of_blame_and_its_object_is_a_partial_quote() -> None:
    got = body_quotes("美国总统特朗普指责伊朗“策划”了这次袭击。")
    assert ("per:donald-trump", "策划", True) in got


def test_a_name_after_a_verb_of_blame_heading_a_noun_stays_a_term() -> None:
    got = body_quotes("美国总统特朗普指责伊朗破坏“伊核协议”框架。")
    assert not any(t == "伊核协议" for _, t, _ in got)


def test_marks_after_a_verb_of_blame_in_a_later_clause_are_not_its_object() -> None:
    got = body_quotes("美国国务卿布林肯呼吁合作抗疫时，特朗普提防地问「你为谁工作」。")
    assert not any(s == "per:antony-blinken" for s, _, _ in got)


def test_a_sentence_opening_with_the_speakers_own_side_continues_the_readout() -> None:
    got = body_quotes("国家主席习近平指出，中越是山水相连的友好邻邦。中方始终从战略高度看待中越关系，愿同越方加强沟通。")
    assert ("per:xi-jinping", "中方始终从战略高度看待中越关系，愿同越方加强沟通", False) in got


def test_the_own_side_narrated_or_another_side_is_no_continuation() -> None:
    for body in ("国家主席习近平指出，中越是山水相连的友好邻邦。中方代表团随后前往河内参观。",
                 "国家主席习近平指出，中越是山水相连的友好邻邦。中方同时宣布将向越方提供援助。",
                 "国家主席习近平指出，中越是山水相连的友好邻邦。越方愿同中方加强沟通。",
                 "国家主席习近平指出，中越是山水相连的友好邻邦。\n中方始终从战略高度看待中越关系。"):
        got = body_quotes(body)
        assert len(got) == 1, body
