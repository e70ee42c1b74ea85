"""Auxiliary modes of an event (PLOVER manual, section "Auxiliary modes"): negated, hypothetical,
future, historical. Cue words live in data/events/cues.yaml (`modality:`).

Cues are read in the trigger's clause, between the actor and the trigger (未 会见, 可能 制裁, 将 访问);
a conditional (如果, 一旦) anywhere earlier in the sentence makes every later event of it hypothetical.
A cue that sits inside a longer ordinary word (峰会, 不满, 将军) is ignored.
"""
from __future__ import annotations

import bisect
import datetime as _dt
from dataclasses import dataclass
from typing import Any

from shiju.events.lexicon import Lexicon


_NO_EXCEPTIONS: list[str] = []


@dataclass
class Flags:
    negated: bool = False
    hypothetical: bool = False
    future: bool = False
    historical: bool = False
    cues: tuple[str, ...] = ()


def _cue_positions(text: str, lo: int, hi: int, words: list[str], exceptions: list[str]) -> list[tuple[int, str]]:
    """Occurrences of cue words fully inside [lo, hi) that are not part of an exception word, word by
    word in list order, each by position."""
    out: list[tuple[int, str]] = []
    for w, starts in _cue_index(text, words, exceptions):
        a, b = bisect.bisect_left(starts, lo), bisect.bisect_right(starts, hi - len(w))
        if a < b:
            out.extend((s, w) for s in starts[a:b])
    return out


# Every occurrence of the cue words in the text being coded, found once per text rather than once per
# trigger (a trigger reads cues back to its sentence's start: quadratic in long sentences otherwise).
_INDEX: tuple[str, dict[tuple[int, int], tuple[list[str], list[str], list[tuple[str, list[int]]]]]] = ("", {})


def _cue_index(text: str, words: list[str], exceptions: list[str]) -> list[tuple[str, list[int]]]:
    """(cue word, sorted starts of its occurrences in ``text`` that are not inside an exception word)
    for the words of the list that occur, in list order (a word listed twice, twice): a trigger then
    looks only at the few cues its text has, not at the whole list."""
    global _INDEX
    cached_text, by_list = _INDEX
    if cached_text is not text:
        by_list = {}
        _INDEX = (text, by_list)
    key = (id(words), id(exceptions))
    hit = by_list.get(key)
    if hit is not None and hit[0] is words and hit[1] is exceptions:
        return hit[2]
    index: dict[str, list[int]] = {}
    for w in words:
        if not w or w in index:
            continue
        found = _occurrences(text, w)
        rel = _covering(exceptions, w)
        if rel and found:
            covered = _covered_starts(text, w, rel)
            if covered:
                found = [k for k in found if k not in covered]
        index[w] = found
    present = [(w, index[w]) for w in words if w and index[w]]
    by_list[key] = (words, exceptions, present)  # (the lists are kept: their ids stay theirs)
    return present


_COVERING: tuple[Any, dict[str, list[str]]] = (None, {})


def _covering(exceptions: list[str], w: str) -> list[str]:
    """The exception words that can cover cue ``w`` (longer, containing it), once per exception list."""
    global _COVERING
    if _COVERING[0] is not exceptions:
        _COVERING = (exceptions, {})
    memo = _COVERING[1]
    if w not in memo:
        memo[w] = [x for x in exceptions if len(x) > len(w) and w in x]
    return memo[w]


def _occurrences(text: str, w: str) -> list[int]:
    """Every start of ``w`` in ``text``, overlapping ones included."""
    out = []
    k = text.find(w)
    while k >= 0:
        out.append(k)
        k = text.find(w, k + 1)
    return out


def _covered_starts(text: str, cue: str, covering: list[str]) -> set[int]:
    """Starts of ``cue`` occurrences that lie inside an occurrence of one of the ``covering`` words:
    each covering word is searched once in the text (C speed) instead of testing every placement of
    every exception at every cue occurrence (same set as :func:`_inside_exception`, which stays as the
    reference the tests compare against)."""
    covered: set[int] = set()
    for x in covering:
        xs = text.find(x)
        if xs < 0:
            continue  # (most exceptions do not occur at all)
        offs = _occurrences(x, cue)
        while xs >= 0:
            covered.update(xs + o for o in offs)
            xs = text.find(x, xs + 1)
    return covered


def _inside_exception(text: str, s: int, e: int, exceptions: list[str], cue: str) -> bool:
    for x in exceptions:
        if len(x) <= len(cue) or cue not in x:
            continue
        # every placement of x that covers [s, e)
        for off in range(len(x) - (e - s) + 1):
            xs = s - off
            if xs >= 0 and text.startswith(x, xs) and xs <= s and xs + len(x) >= e:
                return True
    return False


def flags_for(
    text: str,
    sent_start: int,
    clause_start: int,
    arg_end: int,
    trig_start: int,
    lex: Lexicon,
    mention_starts: set[int] | None = None,
    np_spans: list[tuple[int, int]] | None = None,
) -> Flags:
    """Flags for a trigger at ``trig_start``; ``arg_end`` is the end of the last argument before it.

    Cues must lie after the subject (``arg_end``) so that a 不 inside the subject phrase does not count,
    and within the window the data file sets before the trigger.
    """
    m = lex.cues["modality"]
    exc = m.get("exceptions") or _NO_EXCEPTIONS
    lo = max(clause_start, arg_end)
    f = Flags()
    cues: list[str] = []

    def near(words: list[str], window: int) -> list[tuple[int, str]]:
        # the window does not count actor names between cue and trigger (考虑对白俄罗斯实施制裁)
        out = []
        for p, w in _cue_positions(text, lo, trig_start, words, exc):
            gap = trig_start - (p + len(w))
            for a, b in np_spans or ():
                gap -= max(0, min(b, trig_start) - max(a, p + len(w)))
            if gap <= window:
                out.append((p, w))
        return out

    neg = near(m["negation"], int(m.get("negation_window", 8)))
    if neg:
        f.negated = True
        cues.append(neg[0][1])
    hyp = near(m["hypothetical"], int(m.get("hypothetical_window", 10)))
    cond = _cue_positions(text, sent_start, trig_start, m["conditional"], exc)
    # 若 and 如 style single characters only count at the start of a clause.
    cond = [(p, w) for p, w in cond if len(w) > 1 or p == sent_start or text[p - 1] in "，,；;：:"]
    if hyp or cond:
        f.hypothetical = True
        cues.append((hyp or cond)[0][1])
    fut = near(m["future"], int(m.get("future_window", 10)))
    # 将 X 列入 is the disposal construction (= 把), not the future: 将 right before a mention.
    fut = [(p, w) for p, w in fut if not (w.endswith("将") and mention_starts and (p + len(w)) in mention_starts)]
    if fut:
        f.future = True
        cues.append(fut[0][1])
    hist = _cue_positions(text, clause_start, trig_start, m["historical"], exc)
    if hist:
        f.historical = True
        cues.append(hist[0][1])
    f.cues = tuple(cues)
    return f


def _parse(d: str | None) -> _dt.date | None:
    if not d:
        return None
    d = d.split("/")[0]
    try:
        parts = [int(x) for x in d.split("-")]
    except ValueError:
        return None
    try:
        if len(parts) == 3:
            return _dt.date(*parts)
        if len(parts) == 2:
            return _dt.date(parts[0], parts[1], 1)
        if len(parts) == 1:
            return _dt.date(parts[0], 1, 1)
    except ValueError:
        return None
    return None


def is_historical(date: str | None, published: str | None, days: int) -> bool:
    """Background more than ``days`` before publication (manual: historical)."""
    a, b = _parse(date), _parse(published)
    if a is None or b is None:
        return False
    if date and len(date.split("/")[0]) == 4:  # a bare year: compare with the year's end
        a = _dt.date(a.year, 12, 31)
    return (b - a).days > days


def is_after(date: str | None, published: str | None) -> bool:
    """The event date lies after publication (a scheduled event: future)."""
    a, b = _parse(date), _parse(published)
    if a is None or b is None:
        return False
    if date and len(date.split("/")[0]) < 10:  # month or year precision: only a later month/year counts
        return (a.year, a.month) > (b.year, b.month) if len(date.split("/")[0]) == 7 else a.year > b.year
    return a > b
