"""Time stage: detection and resolution per expression class, negatives, anchoring rules, date_at."""
from __future__ import annotations

from pathlib import Path

import pytest

from shiju.context import AnalysisContext
from shiju.model import Comment, Document
from shiju.time import date_at, process, resolve_text

PUB = "2021-03-18"  # a Thursday


def values(text: str, anchor: str | None = PUB) -> dict[str, str | None]:
    return {t.text: t.value for t in resolve_text(text, anchor)}


def one(text: str, anchor: str | None = PUB):
    found = resolve_text(text, anchor)
    assert len(found) == 1, [(t.text, t.value) for t in found]
    return found[0]


# -- absolute -----------------------------------------------------------------------------------

@pytest.mark.parametrize("text,value", [
    ("2021年3月18日", "2021-03-18"),
    ("2021-03-18", "2021-03-18"),
    ("2021/3/18", "2021-03-18"),
    ("2021.3.18", "2021-03-18"),
    ("二〇二五年七月二十八日", "2025-07-28"),
    ("二零一九年十二月三十一日", "2019-12-31"),
    ("２０２１年３月１８日", "2021-03-18"),  # full-width digits
    ("民國110年3月18日", "2021-03-18"),
    ("2019年", "2019"),
    ("2019年6月", "2019-06"),
    ("20年11月4日", "2020-11-04"),
])
def test_absolute(text: str, value: str) -> None:
    t = one(f"据报道，{text}，双方举行会谈。")
    assert (t.text, t.value) == (text, value)
    assert t.anchor_kind == "explicit"


@pytest.mark.parametrize("text,value", [
    ("3月18日", "2021-03-18"),
    ("18日", "2021-03-18"),
    ("16号", "2021-03-16"),
    ("三月十六日", "2021-03-16"),
    ("3月", "2021-03"),
])
def test_partial_dates_take_the_clock(text: str, value: str) -> None:
    t = one(f"美方{text}宣布制裁。")
    assert t.value == value and t.anchor == PUB and t.anchor_kind == "publication"


def test_month_well_after_the_clock_is_last_year_unless_future() -> None:
    assert one("美国11月举行大选。").value == "2020-11"
    assert one("美国将于11月举行大选。").value == "2021-11"
    assert one("拜登1月20日宣誓就职。", "2020-12-20").value == "2021-01-20"  # up to 3 months ahead
    assert one("英国1月31日正式脱欧。", "2020-08-20").value == "2020-01-31"
    assert one("美方将于2月访华。", "2020-08-20").value == "2021-02"


def test_bare_day_well_after_the_clock_is_last_month() -> None:
    assert one("双方28日签署协议。", "2021-03-02").value == "2021-02-28"
    assert one("双方将于28日签署协议。", "2021-03-02").value == "2021-03-28"
    assert one("双方20日签署协议。", "2021-03-18").value == "2021-03-20"  # within a week: this month


# -- relative to the publication date -------------------------------------------------------------

@pytest.mark.parametrize("text,value", [
    ("昨天", "2021-03-17"), ("前天", "2021-03-16"), ("今天", "2021-03-18"), ("明天", "2021-03-19"),
    ("后天", "2021-03-20"), ("昨晚", "2021-03-17"), ("今晨", "2021-03-18"), ("前日", "2021-03-16"),
    ("上周三", "2021-03-10"), ("下周一", "2021-03-22"), ("本周五", "2021-03-19"),
    ("本周", "2021-03-15/2021-03-21"), ("下周", "2021-03-22/2021-03-28"), ("上周末", "2021-03-13/2021-03-14"),
    ("上月", "2021-02"), ("上个月", "2021-02"), ("下月", "2021-04"), ("本月18日", "2021-03-18"),
    ("去年12月", "2020-12"), ("今年9月", "2021-09"), ("明年", "2022"), ("前年", "2019"), ("今年", "2021"),
    ("去年12月18日", "2020-12-18"), ("上月4日", "2021-02-04"), ("30年前", "1991"),
])
def test_deictic(text: str, value: str) -> None:
    t = one(f"他{text}表示反对。")
    assert (t.text, t.value) == (text, value)
    assert t.anchor == PUB and t.anchor_kind == "publication"


@pytest.mark.parametrize("text", ["周三", "星期三", "礼拜三", "週三", "禮拜三"])
def test_weekdays_are_the_last_such_day(text: str) -> None:
    assert one(f"外交部发言人{text}表示。", "2021-03-19").value == "2021-03-17"
    assert one(f"外交部发言人{text}表示。", "2021-03-16").value == "2021-03-10"


def test_weekday_with_future_cue_is_the_next_one() -> None:
    assert one("双方将于周三举行会谈。", "2021-03-16").value == "2021-03-17"


def test_traditional_forms() -> None:
    v = values("昨日美方宣布制裁。當天下午，中方回應。翌日，歐盟跟進。")
    assert v == {"昨日": "2021-03-17", "當天下午": "2021-03-17", "翌日": "2021-03-18"}


# -- parts of periods, ranges ---------------------------------------------------------------------

@pytest.mark.parametrize("text,value", [
    ("3月上旬", "2021-03-01/2021-03-10"), ("7月中旬", "2020-07-11/2020-07-20"),
    ("2月下旬", "2021-02-21/2021-02-28"), ("本月初", "2021-03-01/2021-03-10"),
    ("上月底", "2021-02-21/2021-02-28"), ("2019年上半年", "2019-01/2019-06"), ("2020年代", "2020/2029"), ("上世纪80年代末", "1987/1989"),
    ("3月18日至20日", "2021-03-18/2021-03-20"), ("3月18日至4月2日", "2021-03-18/2021-04-02"),
    ("2019年至2021年", "2019/2021"), ("1至3月", "2021-01/2021-03"), ("18-20日", "2021-03-18/2021-03-20"),
])
def test_periods_and_ranges(text: str, value: str) -> None:
    t = one(f"据悉，{text}，双方多次接触。")
    assert (t.text, t.value, t.granularity) == (text, value, "range")


@pytest.mark.parametrize("text,value", [("今年年初", "2021-01"), ("去年底", "2020-12"), ("2028年底", "2028-12")])
def test_start_and_end_of_year_are_months(text: str, value: str) -> None:
    t = one(f"据悉，{text}，双方多次接触。")
    assert (t.text, t.value, t.granularity) == (text, value, "month")


def test_times_of_day_and_local_time_markers_stay_in_the_span() -> None:
    v = values("当地时间7月31日下午3时，白宫宣布。前一天晚间，国务院发表声明。18日晚，双方通话。", "2021-08-02")
    assert v == {"当地时间7月31日下午3时": "2021-07-31", "前一天晚间": "2021-07-30", "18日晚": "2021-07-18"}


def test_vague_words_are_not_times_but_leave_a_note() -> None:
    doc = Document(id="d", source="t", format="t", body="美国国务院近日宣布，中方日前已回应。节日前夕。", published=PUB)
    process(doc, AnalysisContext())
    assert doc.times == []
    assert sum("vague" in n for n in doc.notes) == 2  # 节日前 is not 日前


# -- not dates ------------------------------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "朝韩领导人时隔11年再次会晤。",
    "中方提出三点要求。",
    "韩方试图恢复《9·19军事协议》。",
    "美日举行2+2会议。",
    "双方签署了11份合作文件。",
    "支持率下降了18%。",
    "三年来，两国关系不断恶化。",
    "美方须在两天内作出答复。",
    "这位75岁的老人说。",
    "这场战争历时3年。",
    "请拨打电话010-6512-3456。",
    "安理会通过第2231号决议。",
    "日元兑美元汇率跌破18日元。",
    "今日俄罗斯电视台报道。",
    "前日本首相安倍晋三遇刺。",
    "这是两国首次日朝首脑会谈。",
    "他是最后一天上班。",
    "五年内完成部署。",
    "这周边国家都很紧张。",
    "美军每周三举行演习。",
    "一周三次往返航班。",
    "中方近2000年来一直如此。",
    "于是日本政府决定。",
    "不可同日而语。",
    "双方签署《9月平壤共同宣言》。",
    "议会通过《2024年财政法案》。",
])
def test_negatives(text: str) -> None:
    assert resolve_text(text, PUB) == []


def test_nato_before_a_day_is_not_a_quantity() -> None:
    assert values("北约30日宣布增兵。", "2023-05-31") == {"30日": "2023-05-30"}


# -- discourse anchoring --------------------------------------------------------------------------

def test_same_day_words_follow_the_discourse_not_the_publication_date() -> None:
    found = resolve_text("2018年6月12日，特朗普与金正恩在新加坡会晤。双方当天签署联合声明。次日，特朗普返回华盛顿。", PUB)
    v = {t.text: (t.value, t.anchor_kind, t.anchor) for t in found}
    assert v["当天"] == ("2018-06-12", "discourse", "2018-06-12")
    assert v["次日"] == ("2018-06-13", "discourse", "2018-06-12")


def test_discourse_chains_and_asides() -> None:
    v = values("7月31日，朝方发表谈话。次日，韩方回应。前一天，美方已表态。当天晚上，日方也回应。", "2021-08-05")
    # 前一天 is an aside about an earlier day: 当天晚上 still refers to 次日.
    assert v == {"7月31日": "2021-07-31", "次日": "2021-08-01", "前一天": "2021-07-31", "当天晚上": "2021-08-01"}


def test_bounds_do_not_move_the_discourse() -> None:
    v = values("韩美联合军演21日开始，将持续至31日。朝鲜当天发表谈话。", "2023-08-22")
    assert v["当天"] == "2023-08-21"


def test_bare_day_takes_the_month_in_force_of_its_paragraph() -> None:
    found = resolve_text("2018年6月12日，两国领导人会晤。13日，特朗普返回华盛顿。", PUB)
    assert [t.value for t in found] == ["2018-06-12", "2018-06-13"]


def test_bare_day_returns_to_the_clock_when_nearer() -> None:
    found = resolve_text("朝鲜11月21日晚发射卫星，美国11月30日宣布制裁。韩国政府1日也宣布制裁。", "2023-12-01")
    assert [t.value for t in found] == ["2023-11-21", "2023-11-30", "2023-12-01"]


def test_same_year_and_next_year_follow_the_discourse() -> None:
    v = values("2019年6月9日，香港爆发大规模游行；同年6月12日，示威者包围立法会。次年6月30日，国安法实施。")
    assert v == {"2019年6月9日": "2019-06-09", "同年6月12日": "2019-06-12", "次年6月30日": "2020-06-30"}


def test_undated_document_anchors_on_its_latest_explicit_date() -> None:
    doc = Document(id="d", source="t", format="t", body="2025年7月，韩方提出邀请。7月28日，朝方拒绝。10月31日APEC峰会开幕。")
    process(doc, AnalysisContext())
    assert [t.value for t in doc.times] == ["2025-07", "2025-07-28", "2025-10-31"]
    assert doc.times[1].anchor_kind in ("latest-explicit", "discourse")
    assert any("latest explicit" in n for n in doc.notes)


def test_default_date_is_the_clock_of_undated_documents() -> None:
    doc = Document(id="d", source="t", format="t", body="外交部发言人昨天表示。")
    process(doc, AnalysisContext(default_date="2022-05-10"))
    assert doc.times[0].value == "2022-05-09" and doc.times[0].anchor == "2022-05-10"


def test_no_clock_leaves_relative_words_unresolved_with_a_note() -> None:
    doc = Document(id="d", source="t", format="t", body="外交部发言人昨天表示反对。")
    process(doc, AnalysisContext())
    assert doc.times[0].value is None
    assert any("anchor" in n for n in doc.notes)


def test_comments_anchor_on_their_own_date() -> None:
    doc = Document(id="d", source="t", format="t", body="布林肯昨天抵达首尔。", published="2021-03-18",
                   comments=[Comment(id="c1", author="a", text="明天还有会谈。", date="2021-03-20"),
                             Comment(id="c2", author="b", text="昨天的事了。", date=None),
                             Comment(id="c3", author="c", text="当天就吵起来了。", date="2021-03-19T08:00:00Z")])
    process(doc, AnalysisContext())
    got = {(t.part, t.text): (t.value, t.anchor) for t in doc.times}
    assert got[("body", "昨天")] == ("2021-03-17", "2021-03-18")
    assert got[("comment:c1", "明天")] == ("2021-03-21", "2021-03-20")
    assert got[("comment:c2", "昨天")] == ("2021-03-17", "2021-03-18")
    assert got[("comment:c3", "当天")] == ("2021-03-19", "2021-03-19")


def test_parenthesised_date_glosses_a_weekday() -> None:
    v = values("林郑月娥周二（6月30日）发表声明。", "2020-07-20")
    assert v == {"周二": "2020-06-30", "6月30日": "2020-06-30"}


def test_invalid_dates_are_null_with_a_note() -> None:
    doc = Document(id="d", source="t", format="t", body="2021年2月30日，会议召开。", published=PUB)
    process(doc, AnalysisContext())
    assert doc.times[0].value is None and any("calendar" in n for n in doc.notes)


def test_bad_publication_date_is_reported_and_ignored() -> None:
    doc = Document(id="d", source="t", format="t", body="昨天双方会谈。", published="last tuesday")
    process(doc, AnalysisContext(default_date="2021-03-18"))
    assert doc.times[0].value == "2021-03-17"
    assert any("last tuesday" in n for n in doc.notes)


def test_process_is_idempotent() -> None:
    doc = Document(id="d", source="t", format="t", body="18日，双方会谈。当天下午签署协议。", published=PUB)
    ctx = AnalysisContext()
    first = [(t.text, t.value) for t in process(doc, ctx).times]
    assert [(t.text, t.value) for t in process(doc, ctx).times] == first


# -- date_at -------------------------------------------------------------------------------------

def _doc(body: str, published: str | None = PUB) -> Document:
    doc = Document(id="d", source="t", format="t", body=body, published=published)
    return process(doc, AnalysisContext())


def test_date_at_prefers_the_sentence() -> None:
    body = "布林肯17日抵达首尔。他当天会见了郑义溶。双方会谈于19日举行。"
    doc = _doc(body)
    assert date_at(doc, "body", body.index("抵达")) == "2021-03-17"
    assert date_at(doc, "body", body.index("会见")) == "2021-03-17"
    # No date before the verb in its sentence: the first one after it counts.
    assert date_at(doc, "body", body.index("会谈")) == "2021-03-19"


def test_date_at_carries_day_dates_across_sentences_but_not_years() -> None:
    body = "中方18日宣布制裁。美方表示遗憾。\n两国2019年曾达成协议。\n欧盟也表示关切。"
    doc = _doc(body)
    assert date_at(doc, "body", body.index("遗憾")) == "2021-03-18"
    assert date_at(doc, "body", body.index("达成")) == "2019"
    assert date_at(doc, "body", body.index("关切")) == "2021-03-18"  # the year-level aside does not carry


def test_date_at_falls_back_to_the_clock() -> None:
    doc = _doc("美方表示遗憾。")
    assert date_at(doc, "body", 2) == PUB
    undated = _doc("美方表示遗憾。", None)
    assert date_at(undated, "body", 2) is None
    assert date_at(undated, "body", 2, default_date="2020-01-02") == "2020-01-02"


def test_date_at_skips_vague_and_uses_month_of_a_part_of_month() -> None:
    body = "美方本月初宣布制裁。中方近日表示反对。"
    doc = _doc(body)
    assert date_at(doc, "body", body.index("宣布")) == "2021-03"
    assert date_at(doc, "body", body.index("反对")) == "2021-03"


def test_date_at_in_comments_uses_the_comment_date() -> None:
    doc = Document(id="d", source="t", format="t", body="新闻。", published=PUB,
                   comments=[Comment(id="c1", author="a", text="支持制裁。", date="2021-03-20")])
    process(doc, AnalysisContext())
    assert date_at(doc, "comment:c1", 1) == "2021-03-20"


# -- data file -------------------------------------------------------------------------------------

def test_expressions_file_has_a_header_and_loads() -> None:
    from shiju.data import data_path
    from shiju.timex.lexicon import load

    path = data_path("time", "expressions.yaml")
    assert path.read_text(encoding="utf-8").startswith("#")
    lex = load()
    assert "当天" in lex.day_words and lex.day_words["当天"].anchor == "discourse"


def test_malformed_expressions_file_names_the_file(tmp_path: Path) -> None:
    from shiju.timex.lexicon import LexiconError, load

    (tmp_path / "time").mkdir()
    (tmp_path / "time" / "expressions.yaml").write_text("day_words: {今天: {offset: x}}\n", encoding="utf-8")
    with pytest.raises(LexiconError, match="expressions.yaml"):
        load(str(tmp_path))
