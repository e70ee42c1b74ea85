"""Time stage, second round of rules (dev2): each rule tested both ways — where it applies and a near
miss where it must not. Expected values are worked out by hand from the calendar."""
from __future__ import annotations

from pathlib import Path

import pytest

from shiju.context import AnalysisContext
from shiju.model import Document
from shiju.time import process, resolve_text


def got(text: str, anchor: str | None) -> list[tuple[str, str | None]]:
    return [(t.text, t.value) for t in resolve_text(text, anchor)]


# -- lists and days without 日 ---------------------------------------------------------------------

@pytest.mark.parametrize("text,anchor,want", [
    ("朝鲜18、19日连续发表谈话。", "2023-08-25", [("18、19日", "2023-08-18/2023-08-19")]),
    ("会议3月5、6日举行。", "2021-03-18", [("3月5、6日", "2021-03-05/2021-03-06")]),
    # not consecutive, or each with its own 日: two dates
    ("朝鲜5、7日发表谈话。", "2020-06-10", [("5", "2020-06-05"), ("7日", "2020-06-07")]),
    ("双方18日、19日会谈。", "2020-06-20", [("18日", "2020-06-18"), ("19日", "2020-06-19")]),
    # an enumeration number is not a month
    ("经过如下。\n1、6月4日事发之后，双方会谈。", "2020-06-10", [("6月4日", "2020-06-04")]),
])
def test_compact_lists(text: str, anchor: str, want) -> None:
    assert got(text, anchor) == want


def test_month_then_bare_day_is_a_date_but_not_before_a_unit() -> None:
    assert got("2月23海警又进了限制水域。", "2024-02-25") == [("2月23", "2024-02-23")]
    assert got("大约是2月23，24号左右吧。", "2020-06-01") == [("2月23", "2020-02-23"), ("24号", "2020-02-24")]
    assert got("4月12架次军机越过中线。", "2024-05-01") == [("4月", "2024-04")]
    assert got("3月5名官员辞职。", "2024-05-01") == [("3月", "2024-03")]


def test_taiwanese_glossed_days() -> None:
    assert got("總統賴清德昨（20）日宣誓就職。", "2024-05-21") == [("昨（20）日", "2024-05-20")]
    assert got("陸委會今(21)日表示。", "2024-05-21") == [("今(21)日", "2024-05-21")]
    # the number wins over the word when they disagree (a late-published copy)
    assert got("國防部昨（18）日表示。", "2024-05-21") == [("昨（18）日", "2024-05-18")]


def test_roc_years_without_minguo_need_a_month() -> None:
    assert got("立法院於113年5月28日三讀通過。", "2024-08-01") == [("113年5月28日", "2024-05-28")]
    assert got("他被判刑113年3个月。", "2024-08-01") == []


def test_nian_and_sa_numerals() -> None:
    assert got("二〇二三年十二月廿六日，座谈会举行。", None) == [("二〇二三年十二月廿六日", "2023-12-26")]
    assert got("该法于十二月卅一日生效。", "2021-01-05") == [("十二月卅一日", "2020-12-31")]


# -- festivals -----------------------------------------------------------------------------------------

@pytest.mark.parametrize("text,anchor,want", [
    ("今年春节来得早。", "2024-02-20", ("今年春节", "2024-02-10")),
    ("除夕晚上看春晚。", "2024-02-20", ("除夕", "2024-02-09")),
    ("大年初二刷推特。", "2024-02-20", ("大年初二", "2024-02-11")),
    ("示威者于中秋节晚上拉起人链。", "2019-10-02", ("中秋节", "2019-09-13")),
    ("2012年春节前，他收到礼物。", "2020-06-01", ("2012年春节", "2012-01-23")),
    ("圣诞节那天商场照常营业。", "2024-01-03", ("圣诞节", "2023-12-25")),
    ("国庆期间，香港多区爆发示威。", "2019-10-02", ("国庆", "2019-10-01")),
])
def test_festivals_resolve_to_their_day_in_the_year_in_force(text: str, anchor: str, want) -> None:
    assert got(text, anchor) == [want]


def test_festival_non_dates() -> None:
    assert got("他们看了春节联欢晚会。", "2024-02-20") == []
    assert got("美国国庆日当天，总统发表讲话。", "2024-07-05")[:1] != [("国庆日", "2024-10-01")]
    assert all(t != "国庆日" for t, _ in got("美国国庆日前夕。", "2024-07-05"))


def test_taiwan_national_day_is_10_october_in_roc_traditional_text() -> None:
    assert ("國慶", "2024-10-10") in got("總統賴清德在國慶大會發表談話，中華民國國慶當天天氣晴朗。", "2024-10-11")
    assert ("国庆", "2024-10-01") in got("国庆期间，北京天安门广场游客众多。", "2024-10-03")


def test_holiday_then_same_day_word() -> None:
    assert got("抗议仍在继续，包括元旦当天的一次集会。", "2020-01-05") == [("元旦", "2020-01-01"), ("当天", "2020-01-01")]


def test_a_festival_does_not_move_the_narration() -> None:
    v = got("9日，徐升承诺国庆后再来。次日，他又找到林小华。", "2019-09-20")
    assert v[-1] == ("次日", "2019-09-10")


# -- parts of years --------------------------------------------------------------------------------

@pytest.mark.parametrize("text,anchor,want", [
    ("今年春天以来，关系回暖。", "2023-06-30", ("今年春天", "2023-03/2023-05")),
    ("两国关系在2020年夏天急转直下。", "2023-06-30", ("2020年夏天", "2020-06/2020-08")),
    ("去年冬天，双方中断谈判。", "2023-06-30", ("去年冬天", "2022-12/2023-02")),
    ("朝鲜今年第一季度进行了多次试射。", "2022-03-25", ("今年第一季度", "2022-01/2022-03")),
    ("双方计划在今年年中举行磋商。", "2023-06-30", ("今年年中", "2023-06/2023-07")),
    ("今年前5个月贸易额下降。", "2023-06-30", ("今年前5个月", "2023-01/2023-05")),
    ("2019年底中美达成协议。", "2023-06-30", ("2019年底", "2019-12")),
    ("两国元首将于上半年实现互访。", "2024-03-08", ("上半年", "2024-01/2024-06")),
])
def test_parts_of_years(text: str, anchor: str, want) -> None:
    assert got(text, anchor) == [want]


def test_bare_quarter_takes_the_year_its_sentence_named() -> None:
    assert got("明年的演习预计于第三季举行。", "2024-08-01") == [("明年", "2025"), ("第三季", "2025-07/2025-09")]
    assert got("该剧第三季节目收视下滑。", "2024-08-01") == []
    assert got("俄军发动春季攻势。", "2024-08-01") == []


def test_same_period_last_year() -> None:
    assert got("今年1月至4月共机架次较去年同期增加。", "2024-05-21") == [
        ("今年1月至4月", "2024-01/2024-04"), ("去年同期", "2023-01/2023-04")]
    assert got("营收较去年同期成长3.94%。", "2024-05-21") == [("去年同期", "2023")]


# -- weeks and weekdays ------------------------------------------------------------------------------

def test_weekday_ranges() -> None:
    assert got("耶伦上周四至周五在旧金山会谈。", "2023-11-16") == [("上周四至周五", "2023-11-09/2023-11-10")]
    assert got("本周一至周四进行指挥所演习。", "2023-08-25") == [("本周一至周四", "2023-08-21/2023-08-24")]


def test_discourse_week() -> None:
    assert got("会谈2月18日举行。泽连斯基原定于当周访问沙特。", "2025-02-24")[-1] == (
        "当周", "2025-02-17/2025-02-23")
    # 当周一 is "on Monday", not "that week" + 一
    assert got("当周一早些时候，民主派集会。", "2019-12-10") == [("周一早些时候", "2019-12-09")]


def test_bare_weekdays_follow_a_past_story() -> None:
    text = "三年前的1月6日，示威者冲进国会。那天是周三。周四凌晨，国会完成认证。\n周日，议长表示将推动弹劾。"
    assert got(text, "2024-01-06") == [("三年前", "2021"), ("1月6日", "2021-01-06"), ("周三", "2021-01-06"),
                                       ("周四凌晨", "2021-01-07"), ("周日", "2021-01-10")]


def test_bare_weekdays_after_an_aside_stay_on_the_clock() -> None:
    text = "两国元首15日会晤。上一次会面是去年11月14日。白宫官员周二表示，希望恢复对话。"
    assert got(text, "2023-11-16")[-1] == ("周二", "2023-11-14")


# -- days counted from an event ------------------------------------------------------------------------

def test_day_counted_from_an_event_named_earlier() -> None:
    text = ("总统3日深夜宣布实施紧急戒严。国会4日凌晨表决通过解除戒严要求案。宣布戒严的第二天，在野党提出弹劾动议。\n"
            "国会7日就弹劾案进行表决，但投票人数不足。表决失败后第二天，首尔再次爆发集会。")
    v = got(text, "2024-12-09")
    assert ("第二天", "2024-12-04") in v and v[-1] == ("第二天", "2024-12-08")


def test_day_counted_from_an_unknown_event_says_so() -> None:
    doc = Document(id="d", source="t", format="t", body="5日，双方会谈。林某被双规的第三天，家属赶到。",
                   published="2016-09-10")
    process(doc, AnalysisContext())
    assert [(t.text, t.value) for t in doc.times] == [("5日", "2016-09-05"), ("第三天", "2016-09-07")]
    assert any("whose date the text did not give" in n for n in doc.notes)


def test_a_count_of_days_is_not_a_date() -> None:
    assert got("俄军入侵已经第四天了。", "2022-02-27") == []


# -- years counted from the clock, planned dates, glosses, limits ------------------------------------

def test_years_ago_count_from_the_clock_years_later_from_the_story() -> None:
    v = got("他于2006年出任首相，一年后辞职；十年前，即2012年12月，他再度执政。", "2022-07-09")
    assert v == [("2006年", "2006"), ("一年后", "2007"), ("十年前", "2012"), ("2012年12月", "2012-12")]


def test_a_planned_date_sets_the_year_of_its_own_sentence_only() -> None:
    v = got("他将于明年1月15日提出信任投票，以便在3月底之前举行大选。默茨周四表示反对。", "2024-11-07")
    assert v[1] == ("3月底", "2025-03-21/2025-03-31")
    v = got("蔡英文將於五月二十日就職。馬曉光12日表示反對。", "2020-01-12")
    assert v == [("五月二十日", "2020-05-20"), ("12日", "2020-01-12")]


def test_a_gloss_on_another_clock_does_not_move_the_narration() -> None:
    v = got("伊朗当地时间13日晚（北京时间14日凌晨）发动袭击。拜登当晚召集会议。", "2024-04-14")
    assert v == [("当地时间13日晚", "2024-04-13"), ("北京时间14日凌晨", "2024-04-14"), ("当晚", "2024-04-13")]


def test_limits_keep_their_year_but_not_the_day() -> None:
    assert got("2003年4月15日以后，进口增加，至4月30日放行量逾百万。", "2020-02-06") == [
        ("2003年4月15日", "2003-04-15"), ("4月30日", "2003-04-30")]
    assert got("这是朝鲜继5月31日之后第二次失败。24日当天，宇宙开发局表示。", "2023-08-25")[-1] == ("当天", "2023-08-24")


def test_an_address_number_is_not_a_day() -> None:
    assert got("首相在唐宁街10号会见了他。双方18号会谈。", "2024-03-20") == [("18号", "2024-03-18")]


def test_recent_years_are_vague() -> None:
    doc = Document(id="d", source="t", format="t", body="近年来，邦交国越来越少。", published="2023-05-10")
    process(doc, AnalysisContext())
    assert doc.times == [] and any("vague" in n for n in doc.notes)


# -- data ------------------------------------------------------------------------------------------------

def test_lunar_table_has_a_header_and_bad_rows_name_the_file(tmp_path: Path) -> None:
    from shiju.data import data_path
    from shiju.timex.lexicon import LexiconError, _lunar_table

    assert data_path("time", "lunar.yaml").read_text(encoding="utf-8").startswith("#")
    (tmp_path / "time").mkdir()
    (tmp_path / "time" / "lunar.yaml").write_text("columns: [春节, 元宵]\nyears:\n  2024: [02-10]\n", encoding="utf-8")
    with pytest.raises(LexiconError, match="lunar.yaml"):
        _lunar_table(str(tmp_path))
