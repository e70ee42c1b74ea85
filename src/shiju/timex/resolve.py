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
    _clauses: list[int] | None = field(default=None, repr=False)

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

    def record(self, r: Result, e: Expr | None = None) -> None:
        if r.value is None or r.y is None or (e is not None and e.bound):
            return
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
        if not r.sets_paragraph:
            return
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
        clock = (y, None, c.iso, c.kind)
    best = _nearer(st, e, lex, para, clock, m, d)
    if best is None:
        raise Unresolved("no publication date or explicit date to anchor on")
    return best[0], best[2], best[3]


def _month_for(st: Discourse, e: Expr, lex: Lexicon, d: int) -> tuple[int, int, str, str]:
    """The year and month of a day given alone (18日)."""
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
            return _range(e, st, lex)
        return _single(e, st, lex)
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
        if word.anchor == "discourse":
            base, anchor, kind = _discourse_day(st)
        else:
            c = _need_clock(st, day=True)
            base, anchor, kind = c.date, c.iso, c.kind
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
        if st.last_year is not None:
            y, anchor = st.last_year
            kind = "discourse"
        else:
            c = _need_clock(st)
            y, anchor, kind = c.y, c.iso, c.kind
        return Result(_iso(y + f["amount"]), "year", anchor, kind, y + f["amount"])
    if e.kind == "week":
        return _week(e, st, lex)
    return _para(_date(e, st, lex))


def _week(e: Expr, st: Discourse, lex: Lexicon) -> Result:
    f = e.fields
    c = _need_clock(st, day=True)
    today = c.date
    assert today is not None
    wd = f.get("weekday")
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


def _date(e: Expr, st: Discourse, lex: Lexicon, inherit: Result | None = None) -> Result:
    """Year / month / day / parts / holiday, with what is missing taken from `inherit`, the discourse or the clock."""
    f = e.fields
    anchor: str | None = None
    kind = "explicit"
    y = f.get("y")
    m = f.get("m")
    d = f.get("d")
    if "holiday" in f:
        m, d = lex.holidays[f["holiday"]]
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
    if "y_part" in f:
        a, b = lex.year_parts[f["y_part"]]
        if a == b:
            return Result(_iso(y, a), "month", anchor, kind, y, a)
        return Result(f"{_iso(y, a)}/{_iso(y, b)}", "range", anchor, kind, y)
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
