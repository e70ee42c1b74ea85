"""Time stage: find every time expression in every part and resolve it against the document's clock.

Entry point ``process(doc, ctx)`` fills ``doc.times`` (model.TimeExpr: text, offsets into the original
part, ISO value, granularity, the anchor used and its kind). Later stages date events and quotes with
:func:`date_at`; tests call :func:`resolve_text`.

Values: ``YYYY-MM-DD`` (granularity ``day``), ``YYYY-MM`` (``month``), ``YYYY`` (``year``), ``A/B``
(``range``: 3月18日至20日, 18、19日, 本月初, 上半年, 今年春天, 第一季度, 上周四至周五, 本周); value null when it
cannot be resolved (a note says why). Festivals (春节, 中秋, 国庆, 圣诞节) resolve to their day in the year
in force (lunar ones from ``data/time/lunar.yaml``). Vague words (近日, 日前, 近年) are not time
expressions; each leaves a note in ``doc.notes``. The conventions are listed in docs/model-card.md
("Times").

Clock of a part: the comment's own date for a comment; else the publication date; else ``ctx.default_date``
(``--date``); else, for an undated document, its latest explicit date with a year (anchor_kind
``latest-explicit``). The rules for deictic and discourse words and for dates missing a year are in
:mod:`shiju.timex.resolve`; the word lists and negative filters in ``data/time/expressions.yaml``.
Heavy work is imported lazily: this module only imports the model at import time.
"""
from __future__ import annotations

import bisect
from typing import TYPE_CHECKING

from shiju.context import AnalysisContext
from shiju.model import Document, TimeExpr
from shiju.text.sentences import reference_frame

if TYPE_CHECKING:
    from shiju.timex.lexicon import Lexicon
    from shiju.timex.resolve import Clock

RESOURCE = "time.lexicon"


def _lexicon(ctx: AnalysisContext) -> "Lexicon":
    from shiju.timex.lexicon import load

    return ctx.resource(RESOURCE, lambda: load(ctx.data_dir))


def process(doc: Document, ctx: AnalysisContext) -> Document:
    from shiju.timex.resolve import parse_clock
    from shiju.timex.scan import expressions

    lex = _lexicon(ctx)
    doc.times = []
    found = {part: expressions(doc.view(part).simplified, lex) for part, _ in doc.parts()}
    clock = _document_clock(doc, ctx, found.get("body", []))
    comment_dates = {f"comment:{c.id}": c.date for c in doc.comments}
    for part, text in doc.parts():
        part_clock = clock
        if part in comment_dates and comment_dates[part]:
            own = parse_clock(comment_dates[part])
            if own is None:
                doc.notes.append(f"time: {part}: comment date {comment_dates[part]!r} is not YYYY-MM-DD; "
                                 f"using the document's clock")
            else:
                part_clock = own
        _tag_part(doc, part, found[part], part_clock, lex)
    return doc


def _document_clock(doc: Document, ctx: AnalysisContext, body_exprs) -> "Clock | None":
    from shiju.timex.resolve import Clock, parse_clock

    for value, what in ((doc.published, "publication date"), (ctx.default_date, "--date")):
        if value:
            c = parse_clock(value)
            if c is not None and c.date is not None:
                return c
            doc.notes.append(f"time: {what} {value!r} is not a YYYY-MM-DD date; ignored")
    latest = _latest_explicit(body_exprs)
    if latest is None:
        return None
    doc.notes.append(f"time: no publication date; anchoring on the latest explicit date {latest.iso}")
    return latest


def _latest_explicit(exprs) -> "Clock | None":
    """The latest date written with its year (2025年7月, 2021-03-18) in the body, as a clock."""
    import calendar

    from shiju.timex.resolve import Clock

    best: tuple[int, int, int] | None = None
    for e in exprs:
        f = e.fields
        if e.kind not in ("date", "iso", "range") or "y" not in f or "holiday" in f:
            continue
        y, m, d = f["y"], f.get("m"), f.get("d")
        if e.kind == "range" and e.second is not None:
            s = e.second.fields
            y, m, d = s.get("y", y), s.get("m", m if s.get("d") else None), s.get("d")
        if m is not None and not 1 <= m <= 12:
            continue
        if m is None or "m_part" in f or "y_part" in f:
            d = None
        if d is not None and not 1 <= d <= calendar.monthrange(y, m)[1]:
            d = None
        key = (y, m or 0, d or 0)
        if best is None or key > best:
            best = key
    if best is None:
        return None
    return Clock(best[0], best[1] or None, best[2] or None, "latest-explicit")


def _tag_part(doc: Document, part: str, exprs, clock: "Clock | None", lex: "Lexicon") -> None:
    from shiju.timex.resolve import Discourse, resolve

    view = doc.view(part)
    text = view.simplified
    paras = [0]
    i = text.find("\n")
    while i >= 0:
        paras.append(i + 1)
        i = text.find("\n", i + 1)
    taiwan = "国庆" in text and view.original != text and any(c in text for c in lex.taiwan_national_day_cues)
    st = Discourse(clock=clock, text=text, para_starts=paras, taiwan=taiwan)
    prev = None
    for e in exprs:
        st.enter(e.start)
        if prev is not None and prev[0].kind in ("date", "iso", "range") and text[prev[0].end:e.start] in ("（", "("):
            e.bound = True  # 当地时间13日晚（北京时间14日凌晨）: the same moment on another clock
        if not e.bound and lex.bound_frames and reference_frame(text, e.start, e.end, lex.bound_frames):
            e.bound = True  # 这是对俄罗斯11日驱逐…的回应: the date of the act referred to
        r = resolve(e, st, lex)
        if e.kind == "offset" and st.future(e, lex):
            e.bound = True  # 一周后将提高关税: a plan, not where the narration goes
        elif not e.bound and e.kind in ("date", "range", "iso") and _planned(r.value, clock) and st.future(e, lex):
            e.future = True  # 将于5月20日就职: a plan; it dates its own sentence only
        st.record(r, e)
        s, t, orig = view.original_span(e.start, e.end)
        if e.kind == "vague":
            # Not a time expression (docs/annotation.md), but say that no date was guessed.
            doc.notes.append(f"time: {part}[{s}:{t}] {orig!r}: vague, not resolved")
            continue
        if prev is not None and r.granularity == "day" and _glossed(text, prev[0], e):
            # 周二（6月30日）, 昨天（6月14日）: the text glosses a relative day with its date; trust the date.
            p = prev[1]
            p.value, p.anchor, p.anchor_kind, p.granularity = r.value, r.value, "explicit", "day"
        doc.times.append(TimeExpr(text=orig, start=s, end=t, part=part, value=r.value, anchor=r.anchor,
                                  granularity=r.granularity,
                                  anchor_kind=r.anchor_kind))
        prev = (e, doc.times[-1])
        if r.note:
            doc.notes.append(f"time: {part}[{s}:{t}] {orig!r}: {r.note}")


def _planned(value: str | None, clock: "Clock | None") -> bool:
    """Does the value start after the clock's day (2024-12 after 2024-11-07; not 2024-11)?"""
    if value is None or clock is None or clock.date is None:
        return False
    return value.split("/")[0] > clock.iso


def _glossed(text: str, a, b) -> bool:
    """Is expression `b` a parenthesised gloss of the relative day or weekday `a` right before it?"""
    return (a.kind in ("week", "dword") and text[a.end:b.start] in ("（", "(")
            and text[b.end:b.end + 1] in ("）", ")"))


# -- lookups for later stages ------------------------------------------------------------------------

def _as_point(t: TimeExpr) -> tuple[str, str] | None:
    """(value, level) usable as an event date: day, month, year, or a range inside one month (本月初)."""
    if t.value is None:
        return None
    if t.granularity in ("day", "month", "year"):
        return t.value, t.granularity
    if t.granularity == "range" and "/" in t.value:
        a, b = t.value.split("/", 1)
        if len(a) == len(b) == 10 and a[:7] == b[:7]:
            return a[:7], "month"
    return None


def part_clock(doc: Document, part: str, default_date: str | None = None) -> str | None:
    """The clock a part's deictic words count from (comment date, publication, --date, latest explicit)."""
    from shiju.timex.resolve import parse_clock

    if part.startswith("comment:"):
        cid = part[len("comment:"):]
        for c in doc.comments:
            if c.id == cid and c.date and parse_clock(c.date):
                return parse_clock(c.date).iso  # type: ignore[union-attr]
    for value in (doc.published, default_date):
        c = parse_clock(value)
        if c is not None and c.date is not None:
            return c.iso
    for t in doc.times:
        if t.anchor_kind == "latest-explicit" and t.anchor:
            return t.anchor
    return None


def date_at(doc: Document, part: str, pos: int, default_date: str | None = None) -> str | None:
    """The date governing character `pos` of `part` (for dating events and quotes). Needs `process` first.

    Rule, in order:
    1. the same sentence: the last time expression starting at or before `pos` with a day, month or year
       value (a range inside one month counts as that month); if there is none before, the first one
       after `pos` in the sentence (Chinese puts dates after the subject and sometimes after the verb:
       会谈于18日举行);
    2. the same paragraph, before the sentence: the last day- or month-level expression (the date the
       narration has set);
    3. the part, before the paragraph: the last day-level expression (a discourse date carries across
       paragraphs; a month or year mentioned in passing does not);
    4. the part's clock: the comment's own date, the publication date, `default_date` (pass
       ``ctx.default_date``), or the latest explicit date of an undated document.
    Vague expressions (近日) and unresolved ones are skipped. Returns an ISO string or None.
    """
    times, t_starts, spans, starts, text = _date_index(doc, part)
    k = bisect.bisect_right(starts, pos) - 1
    s_start, s_end = spans[k] if k >= 0 and pos < spans[k][1] else (pos, pos)
    if k >= 0 and pos >= spans[k][1]:
        s_start, s_end = spans[k][0], pos  # between sentences: treat the gap as the end of the last one
    para_start = text.rfind("\n", 0, s_start) + 1
    # times are sorted by start: the sentence's ones are a slice, the earlier ones precede it
    lo = bisect.bisect_left(t_starts, s_start)
    hi = bisect.bisect_left(t_starts, max(s_end, pos + 1), lo)
    in_sentence = [(t, p) for t in times[lo:hi] if (p := _as_point(t))]
    before = [x for x in in_sentence if x[0].start <= pos]
    if before:
        return before[-1][1][0]
    if in_sentence:
        return in_sentence[0][1][0]
    for j in range(lo - 1, -1, -1):
        t = times[j]
        p = _as_point(t)
        if p is None:
            continue
        if t.start >= para_start and p[1] in ("day", "month"):
            return p[0]
        if t.start < para_start and p[1] == "day":
            return p[0]
    return part_clock(doc, part, default_date)


def _date_index(doc: Document, part: str):
    """Sorted times, sentence spans and text of a part, cached on the document: date_at is called once
    per quote, event and relation, and rebuilding these each time was most of its cost. It is checked
    against the times list (same object, same length) and the text, so a re-run of `process` or an
    appended time rebuilds it."""
    from shiju.text.sentences import sentences

    text = doc.part_text(part)
    key = ("time.date_at", part)
    cached = doc._views.get(key)  # transient per-part data, dropped with the views before pickling
    if cached is not None:
        times_list, n, index = cached
        if times_list is doc.times and n == len(doc.times) and index[4] is text:
            return index
    times = sorted((t for t in doc.times if t.part == part), key=lambda t: t.start)
    spans = sentences(text)
    index = (times, [t.start for t in times], spans, [s for s, _ in spans], text)
    doc._views[key] = (doc.times, len(doc.times), index)
    return index


def resolve_text(text: str, anchor: str | None = None) -> list[TimeExpr]:
    """Time expressions of one text resolved against `anchor` (publication date, YYYY-MM-DD) — for tests."""
    doc = Document(id="text", source="resolve_text", format="text", body=text, published=anchor)
    return process(doc, AnalysisContext()).times
