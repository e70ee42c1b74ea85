"""Session-12 event rulings (docs/annotation.md, "Decided in session 12"): a scheduled date and a date inside
reported speech without marks do not move the running date (cues.yaml `dates`), a future act's AGREE is dated
by its announcement, not by the date that schedules it, and a negated and an affirmed event are never one
event. Made-up sentences of our own."""
from __future__ import annotations

from _pipeline_events import body_events
from shiju.pipeline import Pipeline


def _events(events_pipe: Pipeline, body: str, published: str = "2023-06-30") -> list:
    return body_events(events_pipe, body, published)


def _dates(events_pipe: Pipeline, body: str, type_: str, published: str = "2023-06-30") -> list[str | None]:
    return [e.date for e in _events(events_pipe, body, published) if e.type == type_ and not e.negated]


def test_a_scheduled_date_does_not_date_a_later_clause(events_pipe):
    body = "中国外交部8日宣布，美国国务卿将于25日访华。外交部发言人还谴责美国对台军售。"
    assert _dates(events_pipe, body, "ACCUSE") == ["2023-06-08"]
    # the AGREE the announcement makes is dated by the announcement, not by the visit's day
    assert _dates(events_pipe, body, "AGREE") == ["2023-06-08"]


def test_the_same_date_without_a_scheduling_word_moves_the_running_date(events_pipe):
    body = "中国外交部8日宣布，美国国务卿25日访华。外交部发言人还谴责美国对台军售。"
    assert _dates(events_pipe, body, "ACCUSE") == ["2023-06-25"]


def test_a_date_in_unmarked_reported_speech_stays_inside_it(events_pipe):
    body = "外交部发言人8日表示，美国军舰3日闯入中国领海。中方强烈谴责美方的挑衅行为。"
    assert _dates(events_pipe, body, "ACCUSE") == ["2023-06-08"]


def test_a_media_report_is_narration_and_its_date_moves_on(events_pipe):
    # 据新华社报道 is attribution, not speech: the reported day is the story's day
    body = "据新华社报道，美国军舰3日闯入中国领海。中方强烈谴责美方的挑衅行为。"
    assert _dates(events_pipe, body, "ACCUSE") == ["2023-06-03"]


def test_a_negated_and_an_affirmed_attack_are_two_events(events_pipe):
    body = "俄罗斯国防部5日否认袭击乌克兰平民，但空袭了乌克兰的军事目标。"
    got = [(e.type, e.negated) for e in _events(events_pipe, body) if e.type == "ASSAULT"]
    assert sorted(got) == [("ASSAULT", False), ("ASSAULT", True)]


def test_agreeing_to_yield_is_a_concession(events_pipe):
    # manual, CONCEDE: promises of concessions; annotation.md: accepting a demand (同意无条件接收) is CONCEDE
    evs = _events(events_pipe, "白宫8日表示，哥伦比亚已同意无条件接收被遣返的移民。")
    assert [e.type for e in evs if e.trigger == "同意"] == ["CONCEDE"]


def test_agreeing_to_talk_stays_an_agreement(events_pipe):
    evs = _events(events_pipe, "白宫8日表示，哥伦比亚已同意与美国举行新一轮谈判。")
    assert "CONCEDE" not in [e.type for e in evs] and "AGREE" in [e.type for e in evs]


def test_a_commitment_is_no_concession(events_pipe):
    # 致力于 is a commitment, not agreeing to yield: no CONCEDE from it
    evs = _events(events_pipe, "日本政府8日表示，将致力于开放更多市场。")
    assert "CONCEDE" not in [e.type for e in evs]


def test_a_congratulatory_call_is_support_not_a_consultation(events_pipe):
    # cues.yaml content_types: 致电…，祝贺… is a message typed by its content (manual, SUPPORT)
    evs = _events(events_pipe, "法国总统10日致电德国总理，祝贺他当选。")
    assert [e.type for e in evs] == ["SUPPORT"]


def test_a_call_without_such_content_stays_a_consultation(events_pipe):
    evs = _events(events_pipe, "法国总统10日致电德国总理，双方就乌克兰局势交换意见。")
    assert "CONSULT" in [e.type for e in evs] and "SUPPORT" not in [e.type for e in evs]


def test_a_demand_that_diplomats_leave_is_an_expulsion(events_pipe):
    evs = _events(events_pipe, "德国政府10日要求俄罗斯驻德国大使馆的两名外交官离境。")
    assert [(e.type, e.mode) for e in evs] == [("SANCTION", "expel")]


def test_another_demand_stays_a_request(events_pipe):
    evs = _events(events_pipe, "德国政府10日要求俄罗斯立即停止对乌克兰的袭击。")
    assert "REQUEST" in [e.type for e in evs] and "SANCTION" not in [e.type for e in evs]
