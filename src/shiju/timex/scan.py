"""Find time expressions: match atoms with the lexicon's pattern, join adjacent atoms, drop negatives.

An expression is a run of adjacent atoms that reads as one date: [local-time marker] [year] [month]
[day] [weekday] [time of day] (二〇二五年七月二十八日, 当地时间7月31日下午, 去年12月, 本月初), or one
relative word (昨天, 当天下午, 上周三, 两天后, 近日). Two expressions joined by a range connector
(3月18日至4月2日) become one range. Offsets are those of the text scanned (the Simplified view, which
has the same length as the original).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from shiju.timex.lexicon import Lexicon

_DATE_START = {"decade", "iso", "yrange", "year", "mrange", "month", "drange", "day", "week", "dword", "offset", "holiday",
               "twd", "evday", "ypart"}
_CN = {"〇": 0, "○": 0, "零": 0, "O": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6,
       "七": 7, "八": 8, "九": 9}


def cn_int(s: str) -> int | None:
    """An integer from Arabic digits, digit-by-digit numerals (二〇二五) or positional ones (二十八)."""
    if s.isdigit():
        return int(s)
    if all(ch in _CN for ch in s):
        return int("".join(str(_CN[ch]) for ch in s))
    total, cur = 0, 0
    for ch in s:
        if ch == "廿" or ch == "卅":  # 廿六 = 26, 卅一 = 31
            total += 20 if ch == "廿" else 30
            cur = 0
        elif ch in _CN:
            cur = _CN[ch]
        elif ch == "十":
            total += (cur or 1) * 10
            cur = 0
        elif ch == "百":
            total += (cur or 1) * 100
            cur = 0
        else:
            return None
    return total + cur


@dataclass
class Atom:
    kind: str
    start: int
    end: int
    g: dict[str, Any]


@dataclass
class Expr:
    start: int
    end: int
    kind: str  # date / iso / week / dword / offset / vague / holiday / range / wrange / twd / evday / ypart
    fields: dict[str, Any] = field(default_factory=dict)
    local: bool = False
    second: "Expr | None" = None  # the end of a range
    bound: bool = False  # a limit (至31日, 2月7日前): resolved, but not where the narration is
    future: bool = False  # a planned date (将于5月20日): sets the year/month of its own sentence only


# How far before / after a trigger character an expression can reach (当地时间 2021年……下午3时30分).
_BACK, _AHEAD = 16, 16
_KINDS = ("name", "local", "decade", "iso", "yrange", "year", "mrange", "month", "drange", "day", "twd", "evday",
          "week", "dword", "offset", "vague", "holiday", "ypart", "tod")


def _windows(text: str, lex: Lexicon) -> list[tuple[int, int]]:
    """Merged stretches of text around trigger characters: the only places an expression can be.

    Running the full pattern over these alone is several times faster than over the whole text."""
    out: list[tuple[int, int]] = []
    assert lex.trigger is not None
    for m in lex.trigger.finditer(text):
        s, e = max(0, m.start() - _BACK), min(len(text), m.end() + _AHEAD)
        if out and s <= out[-1][1]:
            out[-1] = (out[-1][0], e)
        else:
            out.append((s, e))
    return out


def atoms(text: str, lex: Lexicon) -> list[Atom]:
    out = []
    for ws, we in _windows(text, lex):
        for m in lex.pattern.finditer(text, ws, we):
            a = _atom(m)
            if a.kind in ("drange", "mrange") and _split_list(text, a, out, lex):
                continue
            out.append(a)
    return out


def _split_list(text: str, a: Atom, out: list[Atom], lex: Lexicon) -> bool:
    """18、19日 is a range; 5、7日 (not consecutive) and 18日、19日 (each with its own 日) are two dates:
    append the two atoms to `out` and say so. An enumeration (1、6月4日事发 at a line start, or a month
    list whose last month has a day) keeps only its second element."""
    g = a.g
    day = a.kind == "drange"
    if g["dr_c" if day else "mr_c"] not in lex.list_separators:
        return False
    first, second = (g["dr1"], g["dr2"]) if day else (g["mr1"], g["mr2"])
    suffix = g.get("dr1_s" if day else "mr1_s") or ""
    before = text[a.start - 1] if a.start else "\n"
    enumeration = before.isspace() or before in "：:（(【[“\"" or (not day and text[a.end:a.end + 1].isdigit())
    if int(second) == int(first) + 1 and not suffix and not enumeration:
        return False
    end1 = a.start + len(first) + len(suffix)
    if day:
        start2 = a.end - len(second) - len(g["dr_s"])
        if not enumeration:
            out.append(Atom("day", a.start, end1, {"day": first + suffix, "d_num": first, "d_s": suffix}))
        out.append(Atom("day", start2, a.end, {"day": second + g["dr_s"], "d_num": second, "d_s": g["dr_s"]}))
    else:
        start2 = a.start + g["mrange"].rfind(second + "月")
        if not enumeration:
            out.append(Atom("month", a.start, end1, {"month": first + suffix, "m_num": first}))
        # (a month followed by its day is matched again by the month alternative's own day rules)
        sub = lex.pattern.match(text, start2)
        out.append(_atom(sub) if sub is not None and sub.start() == start2 and sub.end() > start2 else
                   Atom("month", start2, a.end, {"month": g["mrange"][start2 - a.start:], "m_num": second}))
    return True


def _atom(m) -> Atom:
    g = {k: v for k, v in m.groupdict().items() if v is not None}
    # lastgroup is the last *closed* group; the alternative's outer name is what we want.
    kind = next(k for k in _KINDS if k in g)
    return Atom(kind, m.start(), m.end(), g)


def _adjacent(text: str, a_end: int, b: Atom) -> bool:
    return b.start == a_end or (b.start == a_end + 1 and text[a_end] == " ")


def _ends_with(text: str, pos: int, words: tuple[str, ...]) -> bool:
    """Does text[:pos] end with one of the (non-empty) words? str.endswith tests a tuple in C."""
    if "" in words:  # "" would match anywhere; an empty entry means nothing
        words = tuple(w for w in words if w)
    return pos <= len(text) and text.endswith(words, 0, pos)


def _starts_with(text: str, pos: int, words: tuple[str, ...]) -> bool:
    if "" in words:
        words = tuple(w for w in words if w)
    return text.startswith(words, pos)


def expressions(text: str, lex: Lexicon) -> list[Expr]:
    """Time expressions in `text` (the Simplified view of one part), in order."""
    at = atoms(text, lex)
    out: list[Expr] = []
    i, n = 0, len(at)
    while i < n:
        a = at[i]
        local = False
        start = a.start
        if a.kind == "local":
            if i + 1 < n and _adjacent(text, a.end, at[i + 1]) and at[i + 1].kind in _DATE_START:
                local = True
                i += 1
                a = at[i]
            else:
                i += 1
                continue
        if a.kind not in _DATE_START and a.kind != "vague":
            i += 1  # names (skipped whole), times of day without a date
            continue
        e, i = _build(text, at, i, lex)
        if e is None:
            continue
        e.start = start
        e.local = local
        if _rejected(text, e, lex):
            continue
        e.bound = _ends_with(text, e.start, lex.bound_before) or bool(
            lex.bound_after is not None and lex.bound_after.match(text, e.end))
        if e.kind in ("offset", "dword") and _points_back(e, lex):
            e.bound = True  # 前一天 / 三天前: an aside about an earlier day, the narration stays put
        out.append(e)
    return _ranges(text, out, lex)


def _build(text: str, at: list[Atom], i: int, lex: Lexicon) -> tuple[Expr | None, int]:
    """Join the atoms starting at `i` into one expression; return it and the next atom index."""
    a = at[i]
    f: dict[str, Any] = {}
    e = Expr(a.start, a.end, "date", f)
    n = len(at)
    j = i + 1

    def take(kinds: tuple[str, ...]) -> Atom | None:
        nonlocal j
        if j < n and at[j].kind in kinds and _adjacent(text, e.end, at[j]):
            b = at[j]
            j += 1
            e.end = b.end
            return b
        return None

    k = a.kind
    day_level = False
    if k == "iso":
        e.kind = "iso"
        f.update(y=int(a.g["iso_y"]), m=int(a.g["iso_m"]), d=int(a.g["iso_d"]))
        day_level = True
    elif k == "decade":
        e.kind = "decade"
        y = int(a.g["dec_y"])
        if y < 100:
            y += lex.decade_prefixes.get(a.g.get("dec_pre", ""), 1900)
        lo, hi = lex.decade_parts.get(a.g.get("dec_part", ""), (0, 9))
        f.update(y=y + lo, y_end=y + hi)
    elif k == "yrange":
        e.kind = "range"
        f.update(y=int(a.g["yr1"]))
        e.second = Expr(a.start, a.end, "date", {"y": int(a.g["yr2"])})
    elif k in ("year", "month", "mrange", "day", "drange", "holiday"):
        cur = a
        if cur.kind == "year":
            _year_fields(cur, f, lex)
            if "y_first" in f or "y_same" in f:
                return e, j
            if "y_word" in f and not lex.year_words[f["y_word"]].alone:
                nxt = at[j] if j < n else None
                if not (nxt and nxt.kind in ("month", "mrange", "holiday") and _adjacent(text, e.end, nxt)) \
                        and "y_part" not in f:
                    return None, i + 1
            if "y_part" in f:
                return e, j
            cur = take(("month", "mrange", "holiday"))
        if cur is not None and cur.kind == "holiday":
            f["holiday"] = cur.g["holiday"]
            return e, j
        if cur is not None and cur.kind in ("month", "mrange"):
            if cur.kind == "mrange":
                e.kind = "range"
                f["m"] = int(cur.g["mr1"])
                e.second = Expr(cur.start, cur.end, "date", {"m": int(cur.g["mr2"])})
                return e, j
            _month_fields(cur, f)
            if "m_part" in f:
                return e, j
            if "m_bd" in cur.g:  # 2月23 (no 日)
                f["d"] = int(cur.g["m_bd"])
                f["d_suffix"] = ""
                day_level = True
                cur = None
            else:
                cur = take(("day", "drange"))
        if cur is not None and cur.kind == "drange":
            e.kind = "range"
            f["d"] = int(cur.g["dr1"])
            f["d_suffix"] = cur.g["dr_s"]
            e.second = Expr(cur.start, cur.end, "date", {"d": int(cur.g["dr2"])})
            return e, j
        if cur is not None and cur.kind == "day":
            if "d_cn" in cur.g and "m" not in f and "m_word" not in f:
                return None, j  # 三日 alone is more often "three days" than "the 3rd"
            f["d"] = cn_int(cur.g.get("d_num") or cur.g["d_cn"])
            f["d_suffix"] = cur.g.get("d_s") or cur.g.get("d_cs")
            day_level = True
    elif k == "twd":
        e.kind = "twd"
        f["offset"] = lex.glossed_day_words[a.g["tw_w"]]
        f["d"] = int(a.g["tw_d"])
        day_level = True
    elif k == "evday":
        e.kind = "evday"
        f["n"] = cn_int(a.g["ev_n"])
        day_level = True
    elif k == "ypart":
        e.kind = "ypart"
        f["y_part"] = a.g["ypart"]
    elif k == "week":
        e.kind = "week"
        if "wk_pre" in a.g or "wk_dpre" in a.g:
            if "wk_pre" in a.g:
                f["week"] = lex.week_prefixes[a.g["wk_pre"]]
            else:
                f["week"] = lex.discourse_week_prefixes[a.g["wk_dpre"]]
                f["week_discourse"] = True
            if "wk_d" in a.g:
                f["weekday"] = a.g["wk_d"]
        else:
            f["weekday"] = a.g["wk_d2"]
        day_level = "weekday" in f and f["weekday"] != lex.weekend
    elif k == "dword":
        e.kind = "dword"
        f["word"] = a.g["dword"]
        day_level = True
    elif k == "offset":
        e.kind = "offset"
        num = cn_int(a.g["off_n"])
        if num is None:
            return None, j
        amount, unit = lex.offset_units[a.g["off_u"]]
        f["amount"] = num * amount * lex.offset_directions[a.g["off_d"]]
        f["unit"] = unit
        day_level = unit == "day"
    elif k == "vague":
        e.kind = "vague"
        f["word"] = a.g["vague"]
    if day_level:
        # A redundant weekday after a date (3月18日星期四), then a time of day (下午3时).
        if e.kind in ("date", "iso") and j < n and at[j].kind == "week" and "wk_d2" in at[j].g:
            take(("week",))
        take(("tod",))
    return e, j


def _year_fields(a: Atom, f: dict[str, Any], lex: Lexicon) -> None:
    g = a.g
    if "y_num" in g:
        f["y"] = int(g["y_num"])
    elif "y_cn" in g:
        f["y"] = cn_int(g["y_cn"])
    elif "y_roc" in g:
        roc = cn_int(g["y_roc"])
        if roc is not None:
            f["y"] = roc + 1911  # 民国 era: year 1 = 1912
    elif "y_two" in g:
        f["y2"] = int(g["y_two"])
    elif "y_roc2" in g:
        f["y"] = int(g["y_roc2"]) + 1911  # Taiwan writes ROC years without 民国 (113年5月28日)
    elif "y_word" in g:
        f["y_word"] = g["y_word"]
    if "y_part" in g:
        f["y_part"] = g["y_part"]
    if "y_first" in g:
        n = cn_int(g["y_first"].rstrip("个月").lstrip("前首头"))
        if n is not None and 1 <= n <= 12:
            f["y_first"] = n
    if "y_same" in g:
        f["y_same"] = True


def _month_fields(a: Atom, f: dict[str, Any]) -> None:
    g = a.g
    if "m_num" in g:
        f["m"] = int(g["m_num"])
    elif "m_cn" in g:
        f["m"] = cn_int(g["m_cn"])
    else:
        f["m_word"] = g["m_word"]
    if "m_part" in g:
        f["m_part"] = g["m_part"]


def _rejected(text: str, e: Expr, lex: Lexicon) -> bool:
    """Negative filters: counts, durations, recurring dates, numbered things."""
    f = e.fields
    s = e.start
    numeric = e.kind in ("date", "range", "iso") and not ("y_word" in f or "m_word" in f)
    if numeric and not e.local and _ends_with(text, s, lex.neg("before_number")):
        return True
    if e.kind in ("date", "range", "week") and _ends_with(text, s, lex.neg("before_recurring")):
        return True
    if e.kind == "week" and "week" not in f:
        if _ends_with(text, s, lex.neg("before_weekday")) or _starts_with(text, e.end, lex.neg("after_weekday")):
            return True
    last_is_day = e.kind in ("date", "range") and text[e.end - 1] in "日号"
    only_day = e.kind == "date" and "d" in f and "m" not in f and "m_word" not in f
    if last_is_day and _starts_with(text, e.end, lex.neg("after_day")):
        return True
    if only_day and f.get("d_suffix") == "号" and (_starts_with(text, e.end, lex.neg("after_hao"))
                                                  or _ends_with(text, s, lex.neg("before_hao"))):
        return True
    ends_in_month = ("m" in f or "m_word" in f) and "d" not in f and "m_part" not in f
    if e.kind in ("date", "range") and ends_in_month and _starts_with(text, e.end, lex.neg("after_month")):
        return True
    if _in_title(text, e, lex):
        return True
    if e.kind == "date" and "y" in f and set(f) <= {"y"} and _starts_with(text, e.end, lex.neg("after_year")):
        return True
    if (e.kind == "date" and "y" in f and set(f) <= {"y"} and lex.document_name is not None
            and lex.document_name.match(text, e.end)):
        return True  # 2023年国防白皮书: the year is part of a document's name (annotation, session 13)
    if e.kind == "vague":
        w = f["word"]
        if w == "日前" and _ends_with(text, s, lex.neg("before_riqian")):
            return True
        if w == "近日" and _starts_with(text, e.end, lex.neg("after_jinri")):
            return True
    return False


def _ranges(text: str, exprs: list[Expr], lex: Lexicon) -> list[Expr]:
    """Join `A 至 B` into one range expression when both ends are plain dates, or both weekdays
    (周一至周三, 上周四至周五)."""
    out: list[Expr] = []
    k = 0
    while k < len(exprs):
        a = exprs[k]
        if k + 1 < len(exprs) and a.kind == "week" and _weekday(a, lex):
            b = exprs[k + 1]
            if b.kind == "week" and _weekday(b, lex) and text[a.end:b.start].strip() in lex.connectors \
                    and b.start - a.end <= 3:
                out.append(Expr(a.start, b.end, "wrange", a.fields, a.local, second=b, bound=b.bound))
                k += 2
                continue
        if k + 1 < len(exprs) and a.kind in ("date", "iso") and _plain(a):
            b = exprs[k + 1]
            gap = text[a.end:b.start].strip()
            if b.kind in ("date", "iso") and _plain(b) and gap in lex.connectors and b.start - a.end <= 3:
                out.append(Expr(a.start, b.end, "range", a.fields, a.local, second=b, bound=b.bound))
                k += 2
                continue
        out.append(a)
        k += 1
    return out


def _weekday(e: Expr, lex: Lexicon) -> bool:
    wd = e.fields.get("weekday")
    return wd is not None and wd != lex.weekend


def _plain(e: Expr) -> bool:
    """A single date without a part of period or holiday, fit to be one end of a range."""
    return e.second is None and not {"y_part", "m_part", "holiday"} & e.fields.keys()


def _points_back(e: Expr, lex: Lexicon) -> bool:
    f = e.fields
    if e.kind == "offset":
        # 三天前 is an aside; 三年前(的1月6日) sets the year a story is told in
        return f["amount"] < 0 and f["unit"] == "day"
    w = lex.day_words[f["word"]]
    return w.anchor == "discourse" and w.offset < 0


def _in_title(text: str, e: Expr, lex: Lexicon) -> bool:
    """Is the expression inside 《…》 (a title or name: 《9月平壤共同宣言》)?"""
    for pair in lex.title_brackets:
        left, right = pair[0], pair[1]
        lo = max(0, e.start - lex.title_max)
        if text.rfind(left, lo, e.start) > text.rfind(right, lo, e.start):
            close = text.find(right, e.end, e.end + lex.title_max)
            if close != -1 and text.find(left, e.end, close) == -1:
                return True
    return False
