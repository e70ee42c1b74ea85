"""Properties of the time stage on arbitrary text: spans index their part, resolution never raises."""
from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from shiju.context import AnalysisContext
from shiju.model import Comment, Document
from shiju.time import date_at, process

# Characters that build time expressions (and the tricky neighbours), mixed with arbitrary text.
_PIECES = list("0123456789０１２年月日号周星期礼拜天一二三四五六七八九十〇两上下本这去今明昨前后当同次翌初底末旬"
               "中时点晚早夜凌晨至到-/.·，。（）() \n週當號禮") + [
    "当地时间", "前一天", "上周三", "本月初", "去年", "近日", "日前", "时隔", "年代", "世纪", "民国", "每",
]
_TEXT = st.lists(st.one_of(st.sampled_from(_PIECES), st.text(max_size=3)), max_size=60).map("".join)
_DATE = st.one_of(st.none(), st.dates().map(lambda d: d.isoformat()), st.text(max_size=12))


@settings(max_examples=300, deadline=None)
@given(body=_TEXT, comment=_TEXT, published=_DATE, comment_date=_DATE, default=_DATE)
def test_spans_index_their_part_and_nothing_raises(body, comment, published, comment_date, default) -> None:
    doc = Document(id="p", source="t", format="t", body=body, published=published,
                   comments=[Comment(id="c1", author=None, text=comment, date=comment_date)])
    ctx = AnalysisContext(default_date=default)
    process(doc, ctx)
    for t in doc.times:
        assert doc.part_text(t.part)[t.start:t.end] == t.text
        assert t.start < t.end
        if t.value is not None:
            assert t.granularity in ("day", "month", "year", "range")
    for part, text in doc.parts():
        for pos in range(0, len(text) + 1, 7):
            date_at(doc, part, pos, default_date=default)


def test_relative_dates_past_the_calendars_ends_stay_unresolved() -> None:
    # Found by the property above: 10月 / 上月 on 0001-01-01 resolved to year 0 and the discourse update raised.
    for default, text in [("0001-1-1", "10月"), ("0001-01-01", "上月"), ("0001-01-01", "去年"),
                          ("9999-12-31", "下月"), ("9999-12-31", "明年")]:
        doc = Document(id="p", source="t", format="t", body=text, published=None,
                       comments=[Comment(id="c1", author=None, text=text, date=None)])
        process(doc, AnalysisContext(default_date=default))
        assert [t.value for t in doc.times] == [None, None], (default, text)
    doc = Document(id="p", source="t", format="t", body="去年10月", published="2020-01-01")
    process(doc, AnalysisContext())
    assert [t.value for t in doc.times] == ["2019-10"]
