"""Resolve time expressions to ISO values against the document's clock and the discourse.

Anchors
-------
* publication: deictic words (昨天, 今年, 上周三, 上月) and dates missing a year or month count from the
  part's clock: the publication date, the comment's own date, ``--date``, or — for an undated
  document — its latest explicit date with a year (kind ``latest-explicit``).
* discourse: 当天 / 同日 / 次日 / 翌日 / 前一天 / 两天后 count from the last day-level date resolved
  before them in the same part (else from the clock); 同年 / 次年 from the last year, 当月 from the last
  month. A bare month or day takes its missing year / month from the last date in the same paragraph
  that had them (2018年6月12日……13日 → 2018-06-13) before falling back to the clock.

Month or day without year, against the clock (not the discourse)
-----------------------------------------------------------------
News reports mostly look back, but not far ahead without saying so. A month up to 3 months ahead of the
clock's month (or any month, when the clause carries a future cue: 将于11月举行) is the coming one — 1月
in a December paper is next January; any other month is the last one — 11月 in a March paper is last
November. Likewise a
bare day more than 7 days after the clock's day (published on the 2nd, "28日") is last month's unless a
future cue says otherwise; a week's slack covers late publication and announcements of the coming days.
Bare weekdays (周三) are the most recent such day on or before the clock, or the next one with a future cue.

Stories of the past
-------------------
When every day the part has named so far lies more than 30 days from the clock (a retrospective: 三年前的
1月6日……周四凌晨), bare weekdays and later days of the clock's month follow the story instead. 十年前
counts back from the clock; 一年后 forward from the story's year. A planned date (将于明年1月15日) lends
its year and month to its own sentence only; days counted from an event (宣布戒严的第二天) are dated
from the event's earlier mention (see :func:`_event_day`).
"""
from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass, field

from shiju.timex.lexicon import Lexicon
from shiju.timex.scan import Expr

_CLAUSE = re.compile(r"[，,。；;！!？?\n]")
_SENTENCE = re.compile(r"[。；;！!？?\n]")


@dataclass(frozen=True)
class Clock:
    """A part's anchor: a day, or only a month or year for undated documents."""

    y: int
    m: int | None = None
    d: int | None = None
    kind: str = "publication"  # publication / latest-explicit

    @property
    def iso(self) -> str:
        return _iso(self.y, self.m, self.d)

    @property
    def date(self) -> dt.date | None:
        return dt.date(self.y, self.m, self.d) if self.m and self.d else None


def parse_clock(value: str | None, kind: str = "publication") -> Clock | None:
    """A Clock from 'YYYY-MM-DD' (a longer timestamp is cut to its date), 'YYYY-MM' or 'YYYY'."""
    if not value:
        return None
    m = re.match(r"^\s*(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?", str(value))
    if not m:
        return None
    y = int(m.group(1))
    mo = int(m.group(2)) if m.group(2) else None
    d = int(m.group(3)) if m.group(3) else None
    try:
        if mo and d:
            dt.date(y, mo, d)
        elif mo and not 1 <= mo <= 12:
            return None
    except ValueError:
        return None
    return Clock(y, mo, d, kind)


def _iso(y: int, m: int | None = None, d: int | None = None) -> str:
    if m is None:
        return f"{y:04d}"
    if d is None:
        return f"{y:04d}-{m:02d}"
    return f"{y:04d}-{m:02d}-{d:02d}"


def _shift_month(y: int, m: int, k: int) -> tuple[int, int]:
    t = y * 12 + (m - 1) + k
    return t // 12, t % 12 + 1


def _valid(y: int, m: int, d: int) -> bool:
    return 1 <= m <= 12 and 1 <= d <= calendar.monthrange(y, m)[1] and 1 <= y <= 9999


@dataclass
class Result:
    value: str | None
    granularity: str | None
    anchor: str | None
    anchor_kind: str | None
    y: int | None = None  # what the expression establishes for the discourse
    m: int | None = None
    d: int | None = None
    note: str | None = None
    # Whether the expression states the year / month in force for the rest of its paragraph: dates do,
    # deictic words (昨天, 上周三) do not, so 昨天……12月18日 still gets the look-back rule.
    sets_paragraph: bool = False


class Unresolved(Exception):
    """Raised inside resolution with the reason; turned into a null value and a note."""


@dataclass
class Discourse:
    """What the text has established so far in one part."""

    clock: Clock | None
    text: str
    para_starts: list[int]
    last_day: tuple[dt.date, str] | None = None
    last_month: tuple[int, int, str] | None = None
    last_year: tuple[int, str] | None = None
    para: int = -1
    para_year: tuple[int, str] | None = None
    para_month: tuple[int, int, str] | None = None
    para_year_at: int = 0  # where the expressions that set para_year / para_month start
    para_month_at: int = 0
    # The last dates the narration was at, per granularity, to choose between candidates (see _nearer).
    last_point_day: dt.date | None = None
    last_point_month: dt.date | None = None
    last_year_at: int = -1  # where the expression that set last_year starts
    # A planned date (将于明年1月15日) gives its year / month to the rest of its own sentence only.
    sent_year: tuple[int, str, int] | None = None  # (year, iso, end of the sentence)
    sent_month: tuple[int, int, str, int] | None = None
    # The last month or range named (今年1月至4月), for 去年同期: (value, year, where it starts).
    last_period: tuple[str, int, int] | None = None
    # Day-level dates resolved so far that are where the narration was: (start, date), in order.
    day_points: list[tuple[int, dt.date]] = field(default_factory=list)
    taiwan: bool = False  # Traditional text about the ROC: 國慶 is 10 October
    last_holiday: tuple[int, dt.date] | None = None  # (end, day) of the last festival: 元旦当天

    def enter(self, pos: int) -> None:
        import bisect

        p = bisect.bisect_right(self.para_starts, pos) - 1
        if p != self.para:
            self.para, self.para_year, self.para_month = p, None, None

    def future(self, e: Expr, lex: Lexicon, sentence: bool = False) -> bool:
        """Does the clause (or the sentence up to the clause's end) around the expression carry a
        future cue (将于, 预计, ...)?"""
        text = self.text
        lo = max(0, e.start - (200 if sentence else 60))
        stops = _SENTENCE if sentence else _CLAUSE
        left = max((m.end() for m in stops.finditer(text, lo, e.start)), default=lo)
        m = _CLAUSE.search(text, e.end)
        right = min(m.start() if m else len(text), e.end + 30)
        return bool(lex.future.search(text, left, e.start)) or bool(lex.future.search(text, e.end, right))

    def sentence_end(self, pos: int) -> int:
        m = _SENTENCE.search(self.text, pos)
        return m.start() if m else len(self.text)

    def record(self, r: Result, e: Expr | None = None) -> None:
        if r.value is None or r.y is None:
            return
        if e is not None and e.bound:
            # A limit (2003年4月15日以后……至4月30日) still says which year the text is in (not the month:
            # 继5月31日之后……24日 is this month's 24th).
            if r.sets_paragraph and e.kind in ("date", "iso", "range"):
                self.para_year, self.para_year_at = (r.y, r.value.split("/")[0]), e.start
                if self.para_month and self.para_month[0] != r.y:
                    self.para_month = None
            return
        if e is not None and e.future:
            end = self.sentence_end(e.end)
            iso = r.value.split("/")[0]
            self.sent_year = (r.y, iso, end)
            self.sent_month = (r.y, r.m, iso, end) if r.m is not None else None
            return
        if r.granularity in ("month", "range") and e is not None:
            self.last_period = (r.value, r.y, e.start)
        if e is not None and "holiday" in e.fields:
            if r.d is not None and r.m is not None:
                self.last_holiday = (e.end, dt.date(r.y, r.m, r.d))
            # 国庆后会再去找他……次日: a festival is a reference, not the day the narration is at
            self.last_year, self.last_year_at = (r.y, r.value.split("/")[0]), e.start
            if r.sets_paragraph:
                self._set_para(r, e)
            return
        if r.d is not None and r.m is not None and e is not None:
            self.day_points.append((e.start, dt.date(r.y, r.m, r.d)))
        if r.d is not None:
            self.last_point_day = _point(r.y, r.m, r.d)
        if r.m is not None:
            self.last_point_month = _point(r.y, r.m, r.d)
        iso = r.value.split("/")[0]
        if r.m is not None and r.d is not None:
            self.last_day = (dt.date(r.y, r.m, r.d), iso)
        if r.m is not None:
            self.last_month = (r.y, r.m, iso)
        self.last_year = (r.y, iso)
        self.last_year_at = e.start if e is not None else -1
        if r.sets_paragraph:
            self._set_para(r, e)

    def _set_para(self, r: Result, e: Expr | None) -> None:
        assert r.value is not None and r.y is not None
        iso = r.value.split("/")[0]
        at = e.start if e is not None else 0
        if r.m is not None:
            self.para_month, self.para_month_at = (r.y, r.m, iso), at
        elif self.para_month and self.para_month[0] != r.y:
            self.para_month = None
        self.para_year, self.para_year_at = (r.y, iso), at

    def same_sentence(self, start: int, e: Expr) -> bool:
        return _SENTENCE.search(self.text, start, e.start) is None


def _need_clock(st: Discourse, day: bool = False) -> Clock:
    c = st.clock
    if c is None:
        raise Unresolved("no publication date or explicit date to anchor on")
    if day and c.date is None:
        raise Unresolved(f"anchor {c.iso} is not precise to the day")
    return c


def _point(y: int, m: int | None, d: int | None) -> dt.date:
    """A representative day of a date of any granularity, to measure distances."""
    m = m or 7
    return dt.date(y, m, min(d or 15, calendar.monthrange(y, m)[1]))


def _nearer(st: Discourse, e: Expr, lex: Lexicon, para: tuple | None, clock: tuple | None, m: int | None,
            d: int | None):
    """Choose between the paragraph's candidate and the clock's.

    A paragraph date set in the same sentence wins. Otherwise the one nearer the last date of the same granularity the narration was at wins (narration moves in
    small steps: 2018年6月12日……13日 stays in 2018; 11月30日……1日 in a paper of 1 December moves on to
    December; 1973年10月……8日 returns to the present when the last day was this week's). Except that a
    sentence announcing the future (将于14日访问) takes the clock's candidate when that lies on or after
    the clock and the paragraph's before it. Ties and no reference go to the paragraph."""
    if para is None or clock is None:
        return para if para is not None else clock
    if st.same_sentence(st.para_month_at if d is not None and m is None else st.para_year_at, e):
        return para  # 今年5月……当时三方在21日会晤: the sentence is about that month

    def when(c: tuple) -> dt.date | None:
        try:
            return _point(c[0], c[1] if m is None else m, d)
        except ValueError:
            return None
    p_day, c_day = when(para), when(clock)
    if p_day is None or c_day is None:
        return para if p_day is not None else clock
    now = st.clock.date if st.clock is not None else None
    if now is not None and c_day >= now > p_day and st.future(e, lex, sentence=True):
        return clock
    ref = st.last_point_day if d is not None else st.last_point_month
    if ref is None:
        return para
    return clock if abs((c_day - ref).days) < abs((p_day - ref).days) else para


def _year_for(st: Discourse, e: Expr, lex: Lexicon, m: int, d: int | None = None) -> tuple[int, str, str]:
    """The year of a month given without one: (year, anchor iso, anchor kind)."""
    if st.sent_year is not None and e.start < st.sent_year[2]:
        # 将于明年1月15日提出信任投票，以便在3月底之前举行大选: the sentence's planned year
        return st.sent_year[0], st.sent_year[1], "discourse"
    para = (st.para_year[0], None, st.para_year[1], "discourse") if st.para_year is not None else None
    clock = None
    c = st.clock
    if c is not None:
        y = c.y
        if c.m is not None and c.kind != "latest-explicit":
            # (An undated document is written on or after its latest date: no look-back there.)
            ahead = (m - c.m) % 12  # months from the clock's month to the next such month
            if ahead and (ahead <= 3 or st.future(e, lex)):
                y = c.y + (m < c.m)  # the coming one: 1月 in a December paper is next January
            elif ahead:
                y = c.y - (m > c.m)  # the last one: 11月 in a March paper is last November
            elif d is not None and c.d is not None and d > c.d and para is None and _story(st) \
                    and st.last_year is not None and st.last_year[0] < c.y and not st.future(e, lex, sentence=True):
                # A past story (国会山骚乱三周年: 2021年1月6日……周日……1月13日) published on 6 January: a
                # later day of this month told without a plan is the story's, not next week's.
                return st.last_year[0], st.last_year[1], "discourse"
        clock = (y, None, c.iso, c.kind)
    best = _nearer(st, e, lex, para, clock, m, d)
    if best is None:
        raise Unresolved("no publication date or explicit date to anchor on")
    return best[0], best[2], best[3]


def _story(st: Discourse) -> bool:
    """Is the text a story of the past (its last day, and every day it has named, more than 30 days
    from the clock)? Then bare weekdays and days follow the story, not the publication date."""
    c = st.clock
    if c is None or c.date is None or st.last_point_day is None or not st.day_points:
        return False
    # Not when the text has already been at the present (拜习会15日……上一次是去年11月14日……白宫周二表示):
    # an older date there is an aside.
    return (c.date - st.last_point_day).days > 30 and all(abs((c.date - d).days) > 30 for _, d in st.day_points)


def _month_for(st: Discourse, e: Expr, lex: Lexicon, d: int) -> tuple[int, int, str, str]:
    """The year and month of a day given alone (18日)."""
    if st.sent_month is not None and e.start < st.sent_month[3]:
        y, m, iso, _ = st.sent_month
        return y, m, iso, "discourse"
    para = None
    if st.para_month is not None:
        y, m, iso = st.para_month
        para = (y, m, iso, "discourse")
    clock = None
    c = st.clock
    if c is not None and c.m is not None:
        y, m = c.y, c.m
        if c.d is not None and c.kind != "latest-explicit" and d - c.d > 7 and not st.future(e, lex):
            y, m = _shift_month(y, m, -1)
        clock = (y, m, c.iso, c.kind)
    best = _nearer(st, e, lex, para, clock, None, d)
    if best is None:
        if c is not None:
            raise Unresolved(f"anchor {c.iso} has no month")
        raise Unresolved("no publication date or explicit date to anchor on")
    return best


def _year_word(st: Discourse, lex: Lexicon, w: str) -> tuple[int, str, str]:
    word = lex.year_words[w]
    if word.anchor == "discourse" and st.last_year is not None:
        return st.last_year[0] + word.offset, st.last_year[1], "discourse"
    c = _need_clock(st)
    return c.y + word.offset, c.iso, c.kind


def _month_word(st: Discourse, lex: Lexicon, w: str) -> tuple[int, int, str, str]:
    word = lex.month_words[w]
    if word.anchor == "discourse" and st.last_month is not None:
        y, m, iso = st.last_month
        y, m = _shift_month(y, m, word.offset)
        return y, m, iso, "discourse"
    c = _need_clock(st)
    if c.m is None:
        raise Unresolved(f"anchor {c.iso} has no month")
    y, m = _shift_month(c.y, c.m, word.offset)
    return y, m, c.iso, c.kind


def _discourse_day(st: Discourse) -> tuple[dt.date, str, str]:
    if st.last_day is not None:
        return st.last_day[0], st.last_day[1], "discourse"
    c = _need_clock(st, day=True)
    return c.date, c.iso, c.kind  # type: ignore[return-value]


def resolve(e: Expr, st: Discourse, lex: Lexicon) -> Result:
    try:
        if e.kind == "range":
            r = _range(e, st, lex)
        elif e.kind == "wrange":
            r = _week_range(e, st, lex)
        else:
            r = _single(e, st, lex)
        # Relative words near the calendar's ends (去年 on 0001-01-01, 下月 on 9999-12-31) step outside
        # what a date can hold; the discourse must never be moved there.
        if r.y is not None and not dt.MINYEAR <= r.y <= dt.MAXYEAR:
            raise Unresolved(f"year {r.y} lies outside the calendar (1–9999)")
        return r
    except (Unresolved, ValueError, OverflowError) as exc:
        return Result(None, None, st.clock.iso if st.clock else None, st.clock.kind if st.clock else None,
                      note=str(exc))


def _para(r: Result) -> Result:
    r.sets_paragraph = True
    return r


def _day_result(day: dt.date, anchor: str | None, kind: str) -> Result:
    return Result(day.isoformat(), "day", anchor, kind, day.year, day.month, day.day)


def _single(e: Expr, st: Discourse, lex: Lexicon) -> Result:
    f = e.fields
    if e.kind == "iso":
        if not _valid(f["y"], f["m"], f["d"]):
            raise Unresolved(f"{_iso(f['y'], f['m'], f['d'])} is not a calendar date")
        return _para(Result(_iso(f["y"], f["m"], f["d"]), "day", None, "explicit", f["y"], f["m"], f["d"]))
    if e.kind == "vague":
        raise Unresolved(f"{f['word']} is vague (some days around the anchor); left unresolved")
    if e.kind == "dword":
        word = lex.day_words[f["word"]]
        if word.anchor == "discourse" and st.last_holiday is not None and st.last_holiday[0] == e.start:
            base, anchor, kind = st.last_holiday[1], st.last_holiday[1].isoformat(), "discourse"  # 元旦当天
        elif word.anchor == "discourse":
            base, anchor, kind = _discourse_day(st)
        else:
            c = _need_clock(st, day=True)
            base, anchor, kind = c.date, c.iso, c.kind
        if word.to is not None:  # 今明两天
            a, b = base + dt.timedelta(days=word.offset), base + dt.timedelta(days=word.to)
            return Result(f"{a.isoformat()}/{b.isoformat()}", "range", anchor, kind, a.year, a.month, a.day)
        return _day_result(base + dt.timedelta(days=word.offset), anchor, kind)
    if e.kind == "decade":
        return Result(f"{f['y']:04d}/{f['y_end']:04d}", "range", None, "explicit")
    if e.kind == "offset":
        if f["unit"] == "day":
            base, anchor, kind = _discourse_day(st)
            return _day_result(base + dt.timedelta(days=f["amount"]), anchor, kind)
        if f["unit"] == "month":
            if st.last_month is not None:
                y, m, anchor = st.last_month
                kind = "discourse"
            else:
                c = _need_clock(st)
                if c.m is None:
                    raise Unresolved(f"anchor {c.iso} has no month")
                y, m, anchor, kind = c.y, c.m, c.iso, c.kind
            y, m = _shift_month(y, m, f["amount"])
            return Result(_iso(y, m), "month", anchor, kind, y, m)
        if st.last_year is not None and f["amount"] > 0:
            y, anchor = st.last_year  # 2006年……一年后: from the story's year
            kind = "discourse"
        else:
            # 十年前 / 三年前的1月6日: counted back from the clock, whatever year the story is at
            c = _need_clock(st)
            y, anchor, kind = c.y, c.iso, c.kind
        return _para(Result(_iso(y + f["amount"]), "year", anchor, kind, y + f["amount"]))
    if e.kind == "week":
        return _week(e, st, lex)
    if e.kind == "twd":
        return _glossed_day(e, st)
    if e.kind == "evday":
        return _event_day(e, st)
    if e.kind == "ypart":
        return _bare_year_part(e, st, lex)
    return _para(_date(e, st, lex))


def _glossed_day(e: Expr, st: Discourse) -> Result:
    """昨（20）日: the day number wins; the word says which month (the clock's, or the one before)."""
    f = e.fields
    c = _need_clock(st, day=True)
    base = c.date + dt.timedelta(days=f["offset"])  # type: ignore[operator]
    if base.day != f["d"]:
        y, m = (base.year, base.month) if f["d"] <= base.day + 3 else _shift_month(base.year, base.month, -1)
        if not _valid(y, m, f["d"]):
            raise Unresolved(f"{y}-{m}-{f['d']} is not a calendar date")
        base = dt.date(y, m, f["d"])
    return _para(_day_result(base, c.iso, c.kind))


def _event_day(e: Expr, st: Discourse) -> Result:
    """宣布戒严的第二天 / 会谈结束后第三天: N-1 days after the day of the event named before it.

    The event is found by its words: the longest piece (2+ characters) of the phrase between the clause
    start and 的/后 that occurs earlier in the part — the first such mention in the same paragraph, else
    the last one before it; its date is the date governing that mention. Without one, the count runs from
    the discourse date, with a note."""
    text = st.text
    n = e.fields["n"]
    lo = max(0, e.start - 14)
    cut = max((m.end() for m in _CLAUSE.finditer(text, lo, e.start)), default=lo)
    phrase = text[cut:e.start]
    for tail in ("之后的", "以后的", "后的", "之后", "以后", "的", "后"):
        if phrase.endswith(tail):
            phrase = phrase[:-len(tail)]
            break
    for tail in ("结束", "完成", "举行", "发生", "开始"):  # 会谈结束后: the event is the talks
        if phrase.endswith(tail) and len(phrase) > len(tail) + 1:
            phrase = phrase[:-len(tail)]
            break
    phrase = phrase[-10:]
    day = _event_date(st, phrase, cut) if len(phrase) >= 2 else None
    if day is not None:
        return _day_result(day + dt.timedelta(days=n - 1), day.isoformat(), "event")
    base, anchor, kind = _discourse_day(st)
    r = _day_result(base + dt.timedelta(days=n - 1), anchor, kind)
    if phrase:
        r.note = f"counted from {phrase!r}, whose date the text did not give: from the discourse date"
    return r


def _event_date(st: Discourse, phrase: str, before: int) -> dt.date | None:
    import bisect

    text = st.text
    p = bisect.bisect_right(st.para_starts, before) - 1
    para_start = st.para_starts[p] if p >= 0 else 0
    for size in range(len(phrase), 1, -1):
        for k in range(len(phrase) - size, -1, -1):
            piece = phrase[k:k + size]
            at = text.find(piece, para_start, before)
            if at < 0:
                at = text.rfind(piece, 0, para_start)
            if at >= 0:
                return _date_governing(st, at)
    return None


def _date_governing(st: Discourse, pos: int) -> dt.date | None:
    """The narration's day at `pos`: the last day point of its sentence before it, else the first after it
    in the sentence (会谈于18日举行), else the last one before the sentence."""
    text = st.text
    s_start = max((m.end() for m in _SENTENCE.finditer(text, max(0, pos - 300), pos)), default=0)
    s_end = st.sentence_end(pos)
    last_before: tuple[int, dt.date] | None = None
    after: dt.date | None = None
    for start, day in st.day_points:
        if start <= pos:
            last_before = (start, day)
        else:
            if start < s_end:
                after = day
            break
    if last_before is not None and last_before[0] >= s_start:
        return last_before[1]
    if after is not None:
        return after
    return last_before[1] if last_before is not None else None


def _bare_year_part(e: Expr, st: Discourse, lex: Lexicon) -> Result:
    """上半年 / 第三季 without a year: the year its sentence named (明年的演习预计于第三季), else the clock's."""
    if st.last_year is not None and st.last_year_at >= 0 and st.same_sentence(st.last_year_at, e):
        y, anchor, kind = st.last_year[0], st.last_year[1], "discourse"
    elif st.sent_year is not None and e.start < st.sent_year[2]:
        y, anchor, kind = st.sent_year[0], st.sent_year[1], "discourse"
    else:
        c = _need_clock(st)
        y, anchor, kind = c.y, c.iso, c.kind
    return _year_part(y, e.fields["y_part"], lex, anchor, kind)


def _year_part(y: int, part: str, lex: Lexicon, anchor: str | None, kind: str) -> Result:
    a, b = lex.year_parts[part]
    if a == b:
        return Result(_iso(y, a), "month", anchor, kind, y, a)
    y2, b2 = _shift_month(y, 1, b - 1)  # months past 12 run into the next year (冬天: 12 to 14)
    return Result(f"{_iso(y, a)}/{_iso(y2, b2)}", "range", anchor, kind, y)


def _week(e: Expr, st: Discourse, lex: Lexicon) -> Result:
    f = e.fields
    wd = f.get("weekday")
    if f.get("week_discourse"):
        today, iso, kind = _discourse_day(st)  # 当周: the week of the discourse's day
        c = Clock(today.year, today.month, today.day, kind)
    else:
        c = _need_clock(st, day=True)
    today = c.date
    assert today is not None
    if "week" not in f and _story(st) and not st.future(e, lex):
        # 2021年1月6日……周四凌晨……周日: a story in the past; the weekday nearest its last day (looking
        # forward more than back, as narration moves on).
        last = st.last_point_day
        assert last is not None
        target = lex.weekdays[wd] - 1
        day = next(last + dt.timedelta(days=k) for k in range(-2, 5)
                   if (last + dt.timedelta(days=k)).weekday() == target)
        return _day_result(day, last.isoformat(), "discourse")
    if "week" in f:
        monday = today - dt.timedelta(days=today.weekday()) + dt.timedelta(weeks=f["week"])
        if wd is None:
            a, b = monday, monday + dt.timedelta(days=6)
        elif wd == lex.weekend:
            a, b = monday + dt.timedelta(days=5), monday + dt.timedelta(days=6)
        else:
            return _day_result(monday + dt.timedelta(days=lex.weekdays[wd] - 1), c.iso, c.kind)
        return Result(f"{a.isoformat()}/{b.isoformat()}", "range", c.iso, c.kind)
    target = lex.weekdays[wd] - 1
    if st.future(e, lex):
        day = today + dt.timedelta(days=(target - today.weekday()) % 7)
    else:
        day = today - dt.timedelta(days=(today.weekday() - target) % 7)
    return _day_result(day, c.iso, c.kind)


def _week_range(e: Expr, st: Discourse, lex: Lexicon) -> Result:
    """周一至周三, 上周四至周五: the second weekday lies in the first one's week unless it has its own prefix."""
    first = _week(e, st, lex)
    assert e.second is not None and first.value is not None
    b = e.second.fields
    if "week" in b:
        second = _week(e.second, st, lex)
        if second.value is None:
            raise Unresolved("range end unresolved")
        end = dt.date.fromisoformat(second.value)
    else:
        start = dt.date.fromisoformat(first.value)
        end = start + dt.timedelta(days=lex.weekdays[b["weekday"]] - 1 - start.weekday())
    if end < dt.date.fromisoformat(first.value):
        raise Unresolved(f"range ends in reverse order: {first.value} / {end.isoformat()}")
    return _para(Result(f"{first.value}/{end.isoformat()}", "range", first.anchor, first.anchor_kind,
                        first.y, first.m, first.d))


def _holiday_day(st: Discourse, lex: Lexicon, name: str, y: int | None) -> tuple[int, int]:
    """(month, day) of a holiday in year `y` (None: a representative year, to choose the year)."""
    if name in lex.lunar_holidays:
        col, shift = lex.lunar_holidays[name]
        year = y if y is not None else (st.clock.y if st.clock is not None else 2000)
        row = lex.lunar_table.get(year)
        if row is None:
            if y is None:
                return 2, 1
            raise Unresolved(f"{name}: no lunar calendar row for {year} (data/time/lunar.yaml)")
        day = dt.date(year, *row[col]) + dt.timedelta(days=shift)
        return day.month, day.day
    if name in lex.national_day_words and st.taiwan:
        return 10, 10
    return lex.holidays[name]


def _date(e: Expr, st: Discourse, lex: Lexicon, inherit: Result | None = None) -> Result:
    """Year / month / day / parts / holiday, with what is missing taken from `inherit`, the discourse or the clock."""
    f = e.fields
    anchor: str | None = None
    kind = "explicit"
    y = f.get("y")
    m = f.get("m")
    d = f.get("d")
    if "holiday" in f:
        m, d = _holiday_day(st, lex, f["holiday"], y)
    if "y2" in f:
        c = st.clock
        pivot = (c.y % 100 + 1) if c else 30
        y = (2000 if f["y2"] <= pivot else 1900) + f["y2"]
    if "y_word" in f:
        y, anchor, kind = _year_word(st, lex, f["y_word"])
    if "m_word" in f:
        y2, m, anchor, kind = _month_word(st, lex, f["m_word"])
        if y is None:
            y = y2
    if inherit is not None:
        # The end of a range takes what it omits from its start (3月18日至20日, 2019年3月至5月).
        if y is None:
            y = inherit.y
        if m is None and d is not None:
            m = inherit.m
        anchor, kind = inherit.anchor, inherit.anchor_kind
    if y is None:
        if m is not None:
            y, anchor, kind = _year_for(st, e, lex, m, d)
        elif d is not None:
            y, m, anchor, kind = _month_for(st, e, lex, d)
    if y is None:
        raise Unresolved("no year")
    if "holiday" in f and f["holiday"] in lex.lunar_holidays and "y" not in f:
        m, d = _holiday_day(st, lex, f["holiday"], y)  # the year is known now: its own lunar date
    if "y_part" in f:
        return _year_part(y, f["y_part"], lex, anchor, kind)
    if "y_first" in f:  # 今年前5个月
        return Result(f"{_iso(y, 1)}/{_iso(y, f['y_first'])}", "range", anchor, kind, y)
    if "y_same" in f:  # 去年同期: the period last named in this paragraph, in that year
        lp = st.last_period
        para_start = st.para_starts[st.para] if 0 <= st.para < len(st.para_starts) else 0
        if lp is not None and lp[2] >= para_start:
            shift = y - lp[1]
            value = "/".join(f"{int(v[:4]) + shift:04d}{v[4:]}" for v in lp[0].split("/"))
            return Result(value, "range" if "/" in value else "month", anchor, kind, y)
    if m is None:
        return Result(_iso(y), "year", anchor, kind, y)
    if not 1 <= m <= 12:
        raise Unresolved(f"month {m} does not exist")
    if "m_part" in f:
        a, b = lex.month_parts[f["m_part"]]
        b = min(b, calendar.monthrange(y, m)[1])
        return Result(f"{_iso(y, m, a)}/{_iso(y, m, b)}", "range", anchor, kind, y, m)
    if d is None:
        return Result(_iso(y, m), "month", anchor, kind, y, m)
    if not _valid(y, m, d):
        raise Unresolved(f"{y}-{m}-{d} is not a calendar date")
    return Result(_iso(y, m, d), "day", anchor, kind, y, m, d)


def _range(e: Expr, st: Discourse, lex: Lexicon) -> Result:
    first = _date(e, st, lex)
    assert e.second is not None
    sec = e.second
    if sec.kind == "iso":
        second = _single(sec, st, lex)
    else:
        second = _date(sec, st, lex, inherit=first)
    if first.value is None or second.value is None or first.granularity != second.granularity:
        raise Unresolved("range ends of different kinds")
    if second.value < first.value:
        raise Unresolved(f"range ends in reverse order: {first.value} / {second.value}")
    return _para(Result(f"{first.value}/{second.value}", "range", first.anchor, first.anchor_kind,
                        first.y, first.m, first.d))
