"""Session 13 (issue 5): marked words inside an unmarked reported clause are the speaker's partial direct quote
and the clause around them is not quoted (docs/annotation.md, "Decided in session 13"); names in marks stay
names. Made-up sentences, each rule tested both ways."""
from __future__ import annotations

from _shipped_quotes import body_quotes


def test_marks_closing_a_reported_clause_are_a_partial_quote_alone() -> None:
    got = body_quotes("美国国务卿布林肯表示，美国对盟友的承诺“坚如磐石”。")
    assert ("per:antony-blinken", "坚如磐石", True) in got
    assert not any(not direct for _, _, direct in got)  # the clause around the marks is not quoted


def test_the_clause_after_the_partial_quote_stays_an_indirect_quote() -> None:
    got = body_quotes("美国国务卿布林肯表示，这种做法是“彻头彻尾的霸凌”，美国将与盟友协调应对。")
    assert ("per:antony-blinken", "彻头彻尾的霸凌", True) in got
    assert ("per:antony-blinken", "美国将与盟友协调应对", False) in got


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
