"""Auxiliary modes of an event (PLOVER manual, section "Auxiliary modes"): negated, hypothetical,
future, historical. Cue words live in data/events/cues.yaml (`modality:`).

Cues are read in the trigger's clause, between the actor and the trigger (未 会见, 可能 制裁, 将 访问);
a conditional (如果, 一旦) anywhere earlier in the sentence makes every later event of it hypothetical.
A cue that sits inside a longer ordinary word (峰会, 不满, 将军) is ignored.
"""
from __future__ import annotations

import bisect
import datetime as _dt
import functools
from dataclasses import dataclass

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
    pos = _positions(text, by_list, _union(words, exceptions))
    present = [(w, pos[w]) for w in words if w and pos[w]]
    by_list[key] = (words, exceptions, present)  # (the lists are kept: their ids stay theirs)
    return present


def _positions(text: str, by_list: dict, cc: "_CompiledCues") -> dict[str, list[int]]:
    """Cue word -> sorted starts of its occurrences in ``text`` not inside an exception word, for every
    word of ``cc``: one pass of each automaton over the text, kept with the text's other answers."""
    key = ("positions", id(cc))
    hit = by_list.get(key)
    if hit is not None and hit[0] is cc:
        return hit[1]
    found: list[list[int]] = [[] for _ in cc.cues]
    if cc.cue_ac is not None:
        # every occurrence of every cue, overlapping, in one pass (in end order: ascending per cue)
        for i, s, _ in cc.cue_ac.find_matches_as_indexes(text, overlapping=True):
            found[i].append(s)
    if cc.exc_ac is not None and any(found):
        covered: list[set[int]] = [set() for _ in cc.cues]
        for j, xs, _ in cc.exc_ac.find_matches_as_indexes(text, overlapping=True):
            for i, offs in cc.covers[j]:
                covered[i].update(xs + o for o in offs)
        found = [[k for k in f if k not in c] if c else f for f, c in zip(found, covered)]
    pos = dict(zip(cc.cues, found))
    by_list[key] = (cc, pos)
    return pos


# Exception list id -> (that list, the cue lists asked about with it so far, the automata of all their
# words). A text is scanned once for the cues of every list (flags_for asks about ten lists per trigger):
# whether a cue occurs at a position, and whether an exception word covers it there, does not depend on
# which other cues are looked for.
_UNION: dict[int, tuple[list[str], list[list[str]], "_CompiledCues"]] = {}


def _union(words: list[str], exceptions: list[str]) -> "_CompiledCues":
    u = _UNION.get(id(exceptions))
    if u is not None and u[0] is exceptions and any(x is words for x in u[1]):
        return u[2]
    lists = (u[1] if u is not None and u[0] is exceptions and len(u[1]) < 32 else []) + [words]
    cc = _CompiledCues([w for x in lists for w in x], exceptions)
    if len(_UNION) >= 64:
        _UNION.clear()
    _UNION[id(exceptions)] = (exceptions, lists, cc)
    return cc


class _CompiledCues:
    """A cue list and the exception list that can cover its cues, as two Aho-Corasick automata: all
    occurrences of all cues, and all exception words that cover one, each found in one pass over a text
    (instead of one search per word of both lists)."""

    def __init__(self, words: list[str], exceptions: list[str]):
        import ahocorasick_rs as ac

        self.cues = list(dict.fromkeys(w for w in words if w))
        self.cue_ac = ac.AhoCorasick(self.cues, matchkind=ac.MatchKind.Standard) if self.cues else None
        # exception x covers cue w at each offset where w occurs inside x (longer than w)
        covering = [x for x in dict.fromkeys(exceptions) if x]
        self.covers: list[list[tuple[int, list[int]]]] = []
        exc = []
        for x in covering:
            pairs = [(i, _occurrences(x, w)) for i, w in enumerate(self.cues) if len(x) > len(w) and w in x]
            if pairs:
                exc.append(x)
                self.covers.append(pairs)
        self.exc_ac = ac.AhoCorasick(exc, matchkind=ac.MatchKind.Standard) if exc else None


def _occurrences(text: str, w: str) -> list[int]:
    """Every start of ``w`` in ``text``, overlapping ones included."""
    out = []
    k = text.find(w)
    while k >= 0:
        out.append(k)
        k = text.find(w, k + 1)
    return out


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

    def outside(found: list[tuple[int, str]]) -> list[tuple[int, str]]:
        # a cue inside a name or noun phrase is part of it (别 in 别尔哥罗德, 未 in a title), not a cue
        if not np_spans:
            return found
        return [(p, w) for p, w in found if not any(a <= p < b for a, b in np_spans)]

    def near(words: list[str], window: int) -> list[tuple[int, str]]:
        # the window does not count actor names between cue and trigger (考虑对白俄罗斯实施制裁)
        out = []
        for p, w in outside(_cue_positions(text, lo, trig_start, words, exc)):
            gap = trig_start - (p + len(w))
            for a, b in np_spans or ():
                gap -= max(0, min(b, trig_start) - max(a, p + len(w)))
            if gap <= window:
                out.append((p, w))
        return out

    def scoped(words: list[str]) -> list[tuple[int, str]]:
        # 未能使…获释 / 考虑对…的人实施制裁: a cue right before a coverb governs the verb its phrase leads to,
        # read from the clause start (a name inside the phrase is the coverb's object, not the subject)
        coverbs = m.get("scope_coverbs") or _NO_EXCEPTIONS
        if not coverbs or not words:
            return []
        not_coverb = m.get("scope_coverb_exceptions") or _NO_EXCEPTIONS
        window = int(m.get("scope_window", 30))
        out = []
        for p, w in outside(_cue_positions(text, clause_start, trig_start, words, exc)):
            a = p + len(w)
            c = next((c for c in coverbs if text.startswith(c, a)), None)
            if c is None or trig_start - a > window or any(text.startswith(x, a) for x in not_coverb):
                continue
            inner = (a + len(c), trig_start)
            if any(outside(_cue_positions(text, inner[0], inner[1], m[k], exc))
                   for k in ("negation", "hypothetical", "future")):
                continue  # 不与美国合作的国家将…: the phrase has a predicate of its own
            out.append((p, w))
        return out

    neg = near(m["negation"], int(m.get("negation_window", 8)))
    if not neg:
        neg = scoped(m.get("scope_negation") or _NO_EXCEPTIONS)
    # a denied receipt (并未收到…的要求) governs its object wherever the actor stands: read from the clause start
    neg += [(p, w) for p, w in outside(_cue_positions(text, clause_start, trig_start,
                                                      m.get("negated_receipt") or _NO_EXCEPTIONS, exc))
            if trig_start - p <= int(m.get("negated_receipt_window", 40))]
    if neg:
        f.negated = True
        cues.append(neg[0][1])
    hyp = (near(m["hypothetical"], int(m.get("hypothetical_window", 10)))
           or scoped(m.get("scope_hypothetical") or _NO_EXCEPTIONS))
    cond = outside(_cue_positions(text, sent_start, trig_start, m["conditional"], exc))
    # 否则将…: the consequent of an unmet demand is not (yet) an act
    cond += outside(_cue_positions(text, sent_start, trig_start, m.get("otherwise") or _NO_EXCEPTIONS, exc))
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
    hist = outside(_cue_positions(text, clause_start, trig_start, m["historical"], exc))
    if hist:
        f.historical = True
        cues.append(hist[0][1])
    f.cues = tuple(cues)
    return f


# a pure function of the string, and the same few dates are asked for again and again (the publication
# date by every event of a document)
@functools.lru_cache(maxsize=4096)
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
