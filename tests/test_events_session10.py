"""Events, session 10: 分别 ("each separately") is no negation, and a meeting or call held 分别 with several
partners is one event per partner; acts aimed at several targets at once keep their recipient list.
Made-up sentences, actors from the hand-made oracle of tests/test_events_rules.py."""
from __future__ import annotations

from test_events_rules import code, of


def _sides(ev) -> tuple[frozenset, frozenset]:
    return frozenset(ev.actor), frozenset(ev.recipient)


def test_separate_calls_are_one_event_per_partner_and_not_negated():
    evs = of(code("美国国务卿布林肯13日分别与乌克兰和波兰通电话。"), "CONSULT")
    assert {_sides(e) for e in evs} == {(frozenset({"per:antony-blinken", "UKR"}), frozenset()),
                                        (frozenset({"per:antony-blinken", "POL"}), frozenset())}
    assert all(not e.negated for e in evs) and len({e.id for e in evs}) == 2


def test_one_call_with_two_partners_stays_one_event():
    evs = of(code("美国国务卿布林肯13日与乌克兰和波兰通电话。"), "CONSULT")
    assert len(evs) == 1 and set(evs[0].actor) == {"per:antony-blinken", "UKR", "POL"}


def test_aid_sent_to_each_of_two_states_keeps_its_recipient_list():
    evs = of(code("中方已分别向菲律宾和越南运送人道主义物资。"), "AID")
    assert len(evs) == 1 and set(evs[0].recipient) == {"PHL", "VNM"} and not evs[0].negated


def test_a_real_negator_still_negates_a_call():
    doc_events = code("美方没有与伊朗通电话。")
    assert not of(doc_events, "CONSULT")  # negated: not countable


def test_separately_over_years_is_not_a_split_by_partner():
    evs = of(code("布林肯分别于2018年和2019年与乌克兰和波兰通电话。"), "CONSULT")
    assert len(evs) == 1
