"""The PLOVER event coder: triggers → guards → arguments → complements → modes → dates → dedup.

Rules that the PLOVER manual (../shared/reference/PLOVER_MANUAL.tex) states and that live in code
rather than data are cited by section:
  * future CONSULT/SUPPORT/COOPERATE/AID are AGREE (ch. "Event Categories", AGREE; CONSULT ambiguities:
    future meetings and invitations are AGREE);
  * announced future withdrawals are CONCEDE, not RETREAT + future (CONCEDE and RETREAT ambiguities);
  * compound actors stay one event with a list; reciprocal meetings list all parties as actors, a visit
    codes visitor → host (ch. 2, "Compound and Reciprocal Actors"; CONSULT "Requires recipient");
  * COERCE cyber / misinformation modes add the context of the same name (COERCE modes table).
"""
from __future__ import annotations

import bisect
import functools
import re
from dataclasses import dataclass, field, replace
from typing import Any

from shiju.context import AnalysisContext
from shiju.events.arguments import (
    Args, SentenceInfo, build_nps, clauses, country_of, find_arguments, group_anaphors, speaker_charge,
    subject_of_sentence,
)
from shiju.events.lexicon import Lexicon, Trigger, get_lexicon
from shiju.events.modality import flags_for, is_after, is_historical
from shiju.events.places import get_target_places
from shiju.model import Document, Event, Evidence, span_id
from shiju.text.sentences import load_reference_frames, reference_frame, sentences
from shiju.text.words import Words, trie_pattern
from shiju.text.words import words as _wordset

_FUTURE_TO_AGREE = {"CONSULT", "SUPPORT", "COOPERATE", "AID"}
# verbal types whose detector cue inside reported words is the speaker's act on the party spoken of
_SPEAKER_TYPES = {"ACCUSE", "REQUEST", "SUPPORT", "REJECT"}
_SPEECH_DATED = {"AGREE", "THREATEN", "ACCUSE", "REQUEST", "REJECT"}
_POLITICAL_SECTORS = {"GOV", "MIL", "LEG", "JUD", "PTY", "IGO", "COP", "SPY", "REB", "OPP"}


@dataclass
class _Cand:
    ts: int
    te: int
    trig: Trigger
    type: str
    mode: str | None
    args: Args | None = None
    negated: bool = False
    hypothetical: bool = False
    future: bool = False
    historical: bool = False
    drop: bool = False
    absorbed: bool = False
    asserted_by: str | None = None
    extra_context: list[str] = field(default_factory=list)
    clause: tuple[int, int] = (0, 0)
    denied: bool = False  # negated by a denial (否认): see cues.yaml `denial_negators`


# ------------------------------------------------------------------------------------------ guards
def _window_has(text: str, lo: int, hi: int, words: Any) -> str | None:
    seg = text[max(lo, 0):hi]
    if len(words) > 8:  # a long list: one scan for all its words (same answer: the first listed one)
        return _wordset(words).first_in(seg)
    for w in words:
        if w and w in seg:
            return w
    return None


@dataclass(frozen=True)
class _Guards:
    """The guard word lists compiled once per lexicon (``Lexicon.derived``) for the tests every trigger
    takes: a tuple for ``str.startswith``/``endswith`` (one call in C instead of a loop), a word set for
    "which of these occur"."""

    topic_suffixes: tuple[str, ...]
    means_suffixes: tuple[str, ...]
    modifier_suffixes: tuple[str, ...]
    reference_prefixes: Words
    topic_prefixes: tuple[str, ...]  # (empty words dropped, as the loop skipped them)
    light_verbs: Words
    temporal_suffixes: tuple[str, ...]
    noun_prefixes: tuple[str, ...]
    background_openers: tuple[str, ...]
    reference_sentence_openers: tuple[str, ...]


def _build_guards(lex: Lexicon) -> _Guards:
    g = lex.cues["guards"]
    return _Guards(
        topic_suffixes=tuple(g["topic_suffixes"]),
        means_suffixes=tuple(g.get("means_suffixes", [])),
        modifier_suffixes=tuple(g.get("modifier_suffixes", [])),
        reference_prefixes=Words(g["reference_prefixes"]),
        topic_prefixes=tuple(p for p in g["topic_prefixes"] if p),
        light_verbs=Words(g["light_verbs"]),
        temporal_suffixes=tuple(g.get("temporal_suffixes", [])),
        noun_prefixes=tuple(g.get("noun_prefixes") or ("的",)),
        background_openers=tuple(g.get("background_openers", [])),
        reference_sentence_openers=tuple(g.get("reference_sentence_openers", [])),
    )


def _guards(lex: Lexicon) -> _Guards:
    return lex.derived("guards", _build_guards)


_TOPIC_OF = re.compile(r"就[^，。；！？]{0,16}$")
_TOPIC_VERB = re.compile(r"[^，。；！？]{0,12}?(?:达成|进行|举行|展开|开展|交换意见|磋商|谈判|会谈|签署)")


def _licensed(text: str, ts: int, te: int, trig: Trigger, cs: int, ce: int, lex: Lexicon,
              mention_starts: set[int], mention_ends: set[int]) -> bool:
    """Over-coding guards: topics, references, nouns without a light verb, missing objects."""
    g = lex.cues["guards"]
    gc = _guards(lex)
    after = text[te:ce]
    if trig.not_after and _window_has(text, max(cs, ts - 8), ts, trig.not_after):
        return False
    if trig.not_before and after.startswith(trig.not_before):
        return False  # 轰炸机 is a bomber, 反对派 the opposition
    if trig.not_object and _window_has(text, te, min(ce, te + 10), trig.not_object):
        return False  # 打击电信诈骗: law enforcement, not an attack
    if trig.object and not (_window_has(text, te, min(ce, te + 18), trig.object)
                            or _window_has(text, max(cs, ts - 12), ts, trig.object)):
        return False
    if trig.object_before and not _window_has(text, max(cs, ts - 4), ts, trig.object_before):
        return False
    # 制裁问题, 军演议题, 抗议者: a topic noun, not an act.
    if after.startswith(gc.topic_suffixes) and te not in mention_starts:
        return False
    # 就加沙停火达成协议 / 就交换被扣押人员达成协议: the topic of an agreement or of talks (verbs too)
    if _TOPIC_OF.search(text, cs, ts) and _TOPIC_VERB.match(after):
        return False
    # 被哈马斯扣押的人质 / 获释的俄军人员: a verb in a relative clause describes a noun; the act is
    # background to the sentence, not told by it
    rel = _REL.match(after)
    if (trig.pos != "noun" and rel and not any(m in mention_starts for m in range(te, te + rel.end()))
            and not after[rel.end() - 1:].startswith(("话", "是") + _ACT_HEADS)):
        return False
    # 通过平等对话协商解决分歧, 以谈判方式解决: talks named as the means of a settlement, not held
    if after.lstrip("协商、和与及").startswith(gc.means_suffixes):
        return False
    if _TEMPORAL.match(after) or (text.endswith(("生效", "开始"), 0, te) and _TEMPORAL_AFTER.match(after)):
        return False  # 停火生效仅数小时后, 谈判开始前, 即停火生效前: a time clause that refers to the event
    if trig.pos == "verb":
        return True
    if after.startswith(gc.modifier_suffixes):
        return False  # 军售协议: the trigger modifies a noun
    before = text[max(cs, ts - 6):ts]
    # 此次军演, 上述制裁: a reference to an event told elsewhere.
    for p in gc.reference_prefixes.present(before):  # (any one of them decides: order does not matter)
        k = before.rfind(p)
        if not _window_has(before, k + len(p), len(before), g["light_verbs"]):
            return False
    near = text[max(cs, ts - 2):ts]
    if near.endswith(gc.topic_prefixes) or near[:-1].endswith(gc.topic_prefixes):
        return False
    light = _wordset(trig.light_verbs) if trig.light_verbs else gc.light_verbs
    # a light verb inside a relative clause (美方提出的…提议) does not license the noun
    # a code name in quotes (展开代号「联合利剑-2024A」的军事演习) does not count towards the distance
    seg = _QUOTED.sub("“”", text[max(cs, ts - 40):ts])[-16:]
    pre_light = any(not seg.startswith("的", seg.rfind(w) + len(w)) for w in light.present(seg))
    # 应 X 请求/邀请: a circumstance (at X's request), not an event
    for w in g.get("circumstance_openers") or lex.cues.get("circumstance_openers", []):
        k = text.rfind(w, cs, ts)
        if k >= 0 and ts - k <= 14 and (k + len(w)) in mention_starts and not any(
                p in text[k:ts] for p in "，。；！？"):
            return False
    # 谈判开始前, 停火生效后: a time clause that refers to the event.
    if not pre_light and after.startswith(gc.temporal_suffixes):
        return False
    licensed = pre_light or bool(_window_has(text, te, min(ce, te + 16), g.get("post_light_verbs", [])))
    if trig.pos == "noun":
        return licensed
    # pos == both: a verb unless it reads as a noun (对 X 的制裁 …, 造成的威胁).
    # 的制裁, and 第16轮制裁 / 新一轮制裁 / 一揽子制裁: counted or qualified, the word is a noun
    as_noun = ("的" in text[max(cs, ts - 3):ts] or text.endswith(gc.noun_prefixes, cs, ts)) \
        and ts not in mention_ends
    followed = te in mention_starts or after[:1] in ("了", "过") or (after[:1] in "对向" and False)
    if as_noun and not followed:
        return licensed
    return True


_PP_GAP = re.compile(r"[向对与同给朝][^，。；！？的]{1,8}")


def _iterated(text: str, cs: int, ts: int, adverbs: list[str]) -> bool:
    """An iterative adverb governs the trigger: right before it, or before a 向/对 X phrase that leads to
    it (一再向台湾地区出售武器; not 对美国不断加强军事部署表示不满, where it governs 加强)."""
    for w in adverbs:
        k = text.rfind(w, cs, ts)
        if k >= 0:
            gap = text[k + len(w):ts]
            if not gap or _PP_GAP.fullmatch(gap):
                return True
    return False


def _verb_head(text: str, ts: int, cs: int, trig: Trigger, lex: Lexicon) -> int:
    """Where the verb phrase of a trigger begins, for reading its modality: a noun trigger's light verb
    (将与中方恢复…的巡逻协调: 将 governs 恢复, the head of the phrase), else the trigger itself."""
    if trig.pos == "verb" or (trig.pos == "both" and "的" not in text[max(cs, ts - 3):ts]):
        return ts  # a verb (or a both-word used as one) heads its own phrase
    seg = text[max(cs, ts - 16):ts]
    best = -1
    for w in trig.light_verbs or lex.cues["guards"]["light_verbs"]:
        k = seg.rfind(w) if w and "…" not in w else -1
        if k > best and "的" not in seg[k + len(w):k + len(w) + 1]:
            best = k  # the light verb nearest the noun
    return max(cs, ts - 16) + best if best >= 0 else ts


def _last_place(pm: list[tuple[int, int, str]], before: int, actors: dict[str, Any], text: str = "",
                dest: tuple[str, ...] = (), starts: list[int] | None = None) -> str | None:
    """Country of the last state or place mentioned before ``before`` (where the story happens); a
    destination (前往印度, cues.yaml destination_markers) is where someone went, not where it happens.
    ``starts``: the starts of ``pm`` when it is sorted by start (skips the later ones at once)."""
    upto = bisect.bisect_left(starts, before) if starts is not None else len(pm)
    for k in range(upto - 1, -1, -1):
        s, e, aid = pm[k]
        if s >= before:
            continue
        if dest and text[max(0, s - 4):s].endswith(dest):
            continue
        a = actors.get(aid)
        kind = getattr(a, "type", None) if a is not None else ("state" if re.match(r"^[A-Z]{3}$", aid) else None)
        if kind in ("state", "location"):
            c = country_of(aid, actors)
            if c:
                return c
    return None


def _in_response_frame(text: str, ss: int, ts: int, te: int, se: int, frames: list,
                       stops: str = "。；！？;") -> bool:
    """Is the trigger inside 作为对 … 的回应 (or after 以回应 in its clause)? That act is the one answered,
    told as background (annotation: "此举是对…的回应 clauses"). Also used for 对 … 深感担忧 (the content
    of a concern) with commas as stops too."""
    for opener, closer in frames:
        k = text.rfind(opener, ss, ts)
        if k < 0:
            continue
        if not closer:
            if not any(p in text[k:ts] for p in "，。；！？,;"):
                return True
            continue
        j = text.find(closer, te, se)
        if j >= 0 and not any(p in text[k:j] for p in stops):
            return True
    return False


def _seminar(text: str, s: int, e: int, ids: list[str], actors: dict[str, Any], lex: Lexicon) -> bool:
    """A meeting among scholars (研讨会, 专家座谈): no party is a political actor."""
    if not _window_has(text, s, e, lex.cues["guards"]["seminar_words"]):
        return False
    for i in ids:
        if re.match(r"^[A-Z]{3}$", i) or i.startswith(("org:", "office:")):
            return False
        a = actors.get(i)
        if i.startswith("per:") and (a is None or getattr(a, "sector", None) in (None, *_POLITICAL_SECTORS)):
            return False
    return True


# ------------------------------------------------------------------------------------------ dates
def _point(t: Any) -> tuple[str, str] | None:
    """The date a time expression gives an event, and its level: a day range written with days
    (6日至10日) starts on its first day, a vague part of a month (本月初, 上月底, 上周) is that month
    (annotation: Dates)."""
    v = t.value
    if not v:
        return None
    if "/" in v:
        a, b = v.split("/", 1)
        if len(a) == 10 and len(b) == 10:
            if a == b or re.search(r"\d\s*[日号]", t.text or ""):
                return a, "day"
            if a[:7] == b[:7]:
                return a[:7], "month"
            return a, "day"
        return a[:4], "year"
    return v, {10: "day", 7: "month"}.get(len(v), "year")


def _sorted_starts(times: list[Any]) -> list[int]:
    """Starts of the times, or [] when they are not sorted by start (then no bisection)."""
    st = [t.start for t in times]
    return st if all(a <= b for a, b in zip(st, st[1:])) else []


class PartTimes:
    """A part's dated time expressions sorted by start, with what every event of the part asks of them
    computed once per part rather than once per event: their starts (for bisection) and the reference
    frame each one sits in (对俄罗斯11日驱逐…的回应, 以4月…为由, 原定4日生效的: the time dates the
    referenced act, not the clause around it; data/text/reference_frames.yaml)."""

    __slots__ = ("times", "starts", "frames", "framed", "scheduled", "_text", "_cues", "_attr", "_reported",
                 "_scheduling", "_free", "_free_starts", "_boxed")

    def __init__(self, times: list[Any], text: str = "", frames: Any = None, attributive: Any = None,
                 reported: list[tuple[int, int]] | None = None, scheduling: Any = None):
        self.times = times
        self.starts = _sorted_starts(times)
        self._text, self._cues = text, frames
        self._attr = attributive  # compiled cues.yaml dates.attributive (2018年签署的《协议》), or None
        self._reported = _merged(reported or [])  # spans of indirect quotes (reported speech without marks)
        self._scheduling = scheduling  # compiled cues.yaml dates.scheduling_markers (将于25日举行), or None
        self.frames: list[tuple[int, int] | None] | None = None  # found when the first event asks
        self.framed = False
        self.scheduled: set[int] = set()  # starts of the times that schedule an act (将于25日举行)

    def visible(self, pos: int) -> tuple[list[Any], list[int]]:
        """The times that may date an event at ``pos`` (none inside a reference frame the event is not
        in), and their starts as ``_sorted_starts`` gives them."""
        if self.frames is None:
            fr, text = self._cues, self._text
            self.frames = [reference_frame(text, t.start, t.end, fr) for t in self.times] if fr else []
            if self._attr is not None and self.times:
                # 2018年签署的《9·19军事协议》, 10月9日公布的管制: a time in an attributive clause dates the
                # act it names (the 签署), not the clause around it
                self.frames = [f if f is not None else _attributive_frame(text, t, self._attr)
                               for t, f in zip(self.times, self.frames or [None] * len(self.times))]
            if self.times:
                # a date written inside quotation marks dates the acts inside that quote only; it does not
                # move the narrative's running date (annotation.md, Dates, session-11 ruling); nor does one
                # inside reported speech without marks (session-12 ruling: the quotes stage's indirect quotes)
                quoted = _merged(_quoted_spans(text) + self._reported)
                if quoted:
                    self.frames = [f if f is not None else _span_around(quoted, t.start)
                                   for t, f in zip(self.times, self.frames or [None] * len(self.times))]
            if self.times and self._scheduling is not None:
                # a scheduled date dates its own clause only (session-12 ruling)
                sched = [_scheduled_frame(text, t, self._scheduling) for t in self.times]
                self.scheduled = {t.start for t, f in zip(self.times, sched) if f is not None}
                self.frames = [f if f is not None else g
                               for f, g in zip(self.frames or [None] * len(self.times), sched)]
            self.framed = any(f is not None for f in self.frames)
            if self.framed:
                # the times no frame holds, once per part: most events sit in no frame and see just these
                self._free = [t for t, f in zip(self.times, self.frames) if f is None]
                self._free_starts = _sorted_starts(self._free)
                self._boxed = [f for f in self.frames if f is not None]
        if not self.framed:
            return self.times, self.starts
        if not any(a <= pos < b for a, b in self._boxed):
            return self._free, self._free_starts
        times = [t for t, f in zip(self.times, self.frames) if f is None or f[0] <= pos < f[1]]
        return times, _sorted_starts(times)


_QUOTE_SPAN = re.compile(r"“[^“”]*”|「[^「」]*」|『[^『』]*』")


def _quoted_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of every stretch of text inside paired quotation marks, in order."""
    return [(m.start(), m.end()) for m in _QUOTE_SPAN.finditer(text)]


def _span_around(spans: list[tuple[int, int]], pos: int) -> tuple[int, int] | None:
    """The span of ``spans`` (sorted, disjoint) that contains ``pos``, or None."""
    k = bisect.bisect_right(spans, (pos, float("inf"))) - 1
    return spans[k] if k >= 0 and spans[k][0] <= pos < spans[k][1] else None


def _merged(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The spans sorted, with overlapping or nested ones joined (as _span_around needs them)."""
    out: list[tuple[int, int]] = []
    for a, b in sorted(spans):
        if out and a < out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], b))
        else:
            out.append((a, b))
    return out


_CLAUSE_BREAK = re.compile(r"[，。；;：:！？!?\n]|,(?!\d)")  # (an ASCII comma inside a number, 2,500, is none)


def _scheduled_frame(text: str, t: Any, scheduling: Any) -> tuple[int, int] | None:
    """A time right after a scheduling word (将于25日举行, 定于下月访问) dates the acts of its own clause only and does
    not move the running date (annotation.md, Dates, session-12 ruling): that clause as its frame, or None."""
    lo = max(0, t.start - 200)  # (a clause is shorter than that)
    cs = max((m.end() for m in _CLAUSE_BREAK.finditer(text, lo, t.start)), default=lo)
    if not scheduling.search(text, cs, t.start):
        return None
    m = _CLAUSE_BREAK.search(text, t.end)
    return cs, (m.start() if m else len(text))


def _build_scheduling(lex: Lexicon) -> Any:
    markers = [str(w) for w in (lex.cues.get("dates") or {}).get("scheduling_markers") or ()]
    if not markers:
        return None
    return re.compile("(?:" + "|".join(re.escape(w) for w in sorted(markers, key=len, reverse=True)) + r")\s*$")


def _scheduling_pattern(lex: Lexicon) -> Any:
    """The compiled cues.yaml `dates.scheduling_markers` (a marker ending the text before a time), or None."""
    return lex.derived("scheduling_dates", _build_scheduling)


_SENTENCE_END = re.compile(r"[。！？!?\n]")


def reported_spans(quotes: list[Any], lex: Lexicon, text: str) -> list[tuple[int, int]]:
    """Spans of reported speech without marks (the quotes stage's indirect quotes) whose dates stay inside them
    (annotation.md, Dates, session-12 ruling), each to the end of its sentence (说，去年10月，当…时，中方曾表示抗议:
    the content goes on past a clause the quotes stage may cut off); a media outlet's report (美国之音报道：…) is
    the narration relayed, not speech (annotation.md, "What is not an event": media attribution), and keeps
    moving the running date."""
    media = tuple(str(w) for w in (lex.cues.get("dates") or {}).get("reported_media_cues") or ())
    out = []
    for q in quotes:
        if not q.direct and not (q.cue and any(w in q.cue for w in media)):
            m = _SENTENCE_END.search(text, q.end)
            out.append((q.start, max(q.end, m.start() if m else len(text))))
    return out


def _attributive_frame(text: str, t: Any, pattern: Any) -> tuple[int, int] | None:
    """(start, end) of the attributive clause a time opens (its own start to the 的 of 签署的), or None;
    not after a source word in its clause (根据中美12日公布的联合声明，美方将…: the content is dated by it)."""
    rx, sources = pattern
    m = rx.match(text, t.end)
    if not m:
        return None
    cs = max(text.rfind(p, 0, t.start) for p in "，,。；;：:！？!?\n") + 1
    if any(w in text[cs:t.start] for w in sources):
        return None
    return t.start, m.end()


def _build_attributive(lex: Lexicon) -> Any:
    d = lex.cues.get("dates") or {}
    verbs = d.get("attributive_verbs") or []
    if not verbs:
        return None
    gap = int(d.get("attributive_gap", 8))
    alt = "|".join(re.escape(str(v)) for v in sorted(verbs, key=len, reverse=True))
    return (re.compile(rf"[^，,。；;：:！？!?“”「」]{{0,{gap}}}?(?:{alt})了?的"),
            tuple(str(w) for w in d.get("attributive_sources") or ()))


def _attributive_pattern(lex: Lexicon) -> Any:
    """The compiled cues.yaml `dates.attributive_verbs` pattern, built once per lexicon, or None."""
    return lex.derived("attributive_dates", _build_attributive)


def _part_times(doc: Document, part: str, text: str, lex: Lexicon, quotes: list[Any]) -> PartTimes:
    """The part's resolved times with every frame that keeps a date to its own acts (reference frames,
    attributive clauses, reported speech, scheduling words): one construction for the rules and the detector."""
    return PartTimes(sorted((t for t in doc.times if t.part == part and t.value), key=lambda t: t.start), text,
                     load_reference_frames(), _attributive_pattern(lex), reported_spans(quotes, lex, text),
                     _scheduling_pattern(lex))


def _date_for(doc: Document, part: str, pos: int, sent: tuple[int, int], clause_end: int,
              published: str | None, part_times: PartTimes, announcement: bool = False) -> tuple[str | None, str | None]:
    """(date, date_text) of the event at ``pos`` (annotation, Dates): the last time expression of its
    sentence before the trigger, else the first one after it in its own clause; else the date the
    discourse last established (a day earlier in the part, or a month earlier in the paragraph) — a
    scheduled date told earlier (协议将于19日生效) does not date later acts; else the publication date.
    ``announcement``: the event is dated by when it was said (an AGREE for a future act), so dates after
    publication are skipped in the sentence too. ``part_times``: the part's times, sorted by start."""
    ss, se = sent
    # a time inside a reference frame dates the act it names, not a trigger outside the frame; when the
    # times are sorted, the candidates of each range are found by bisection
    times, starts = part_times.visible(pos)
    own_r = (bisect.bisect_left(starts, ss), bisect.bisect_right(starts, pos)) if starts else (0, len(times))
    after_r = (bisect.bisect_right(starts, pos), bisect.bisect_left(starts, clause_end)) if starts else (0, len(times))
    before_r = bisect.bisect_left(starts, ss) if starts else len(times)
    if not announcement:
        own = [(t, p) for t in times[own_r[0]:own_r[1]] if ss <= t.start <= pos and (p := _point(t))]
        if own:
            return own[-1][1][0], own[-1][0].text
        after = [(t, p) for t in times[after_r[0]:after_r[1]] if pos < t.start < clause_end and (p := _point(t))]
        if after:
            return after[0][1][0], after[0][0].text
    else:
        own = [(t, p) for t in times[own_r[0]:own_r[1]] if ss <= t.start <= pos and (p := _point(t))
               and not (published and is_after(p[0], published)) and t.start not in part_times.scheduled]
        if own:
            return own[-1][1][0], own[-1][0].text
    text = doc.part_text(part)
    para = text.rfind("\n", 0, ss) + 1
    for t in reversed([t for t in times[:before_r] if t.start < ss]):
        p = _point(t)
        if p is None or (published and is_after(p[0], published)):
            continue
        if p[1] == "day" or (p[1] == "month" and t.start >= para):
            return p[0], None
    if published:
        return published, None
    try:
        from shiju.time import date_at
    except ImportError:
        return None, None
    try:
        return date_at(doc, part, pos), None  # an undated document: its explicit years (Time stage)
    except Exception as e:  # the Time stage must not break event coding; record why
        doc.notes.append(f"events: time.date_at failed at {part}:{pos}: {e}")
        return None, None


# ------------------------------------------------------------------------------------------ coding
_SHARING = {"ACCUSE", "REQUEST", "THREATEN", "REJECT", "SANCTION", "PROTEST", "AID"}
# Nouns whose content the trigger before 的 states (加征关税的措施, 驱逐大使的回应): the act is still told.
_ACT_HEADS = ("措施", "回应", "反应", "报复", "反制", "决定", "行动", "做法", "举动", "消息", "声明", "计划", "方式")
# A verb right before 的 (optionally with 了 or a duration: 拘押逾千日的) heads a relative clause.
_REL = re.compile(r"(?:了|过)?(?:(?:逾|超过|近|约|长达)?[0-9一二三四五六七八九十百千万多余两]+(?:天|日|年|个月|月|周|小时))?的"
                  r"[^，。；！？、\s“”「」]")
# After a trigger: a time clause built on it (停火生效仅数小时后, 撤军开始两天后, 会谈结束前).
_DUR = r"(?:仅|才|不到|约|大约|近)?[0-9一二三四五六七八九十两几数半]+(?:个)?(?:多)?(?:小时|天|日|周|星期|月|年|分钟)"
_TEMPORAL = re.compile(r"(?:协议|协定)?(?:正式)?(?:生效|开始|结束|启动)(?:的)?(?:" + _DUR + r")?(?:后|前|以来|之后|之前|时)"
                       r"|" + _DUR + r"(?:后|之后)")
_TEMPORAL_AFTER = re.compile(r"(?:的)?(?:" + _DUR + r")?(?:后|前|以来|之后|之前|时)")
_QUOTED = re.compile(r"[“「『\"][^”」』\"，。；！？]{1,20}[”」』\"]")


def _share_recipients(cands: list[_Cand]) -> None:
    """Serial verbs share arguments: 召见日本大使，提出严正交涉 — the second act is aimed at the same
    recipient when it has the same actor and names none itself (a recipient guessed from the last
    event's actor yields to it: 俄方代表团批评欧盟…，并表示莫斯科将采取反制措施)."""
    for k in range(1, len(cands)):
        c, p = cands[k], cands[k - 1]
        if (c.args and p.args and (not c.args.recipient or c.args.weak_recipient) and not c.args.no_target
                and p.args.recipient
                and not p.args.weak_recipient and c.type in _SHARING
                and p.type in _SHARING and set(c.args.actor) == set(p.args.actor)):
            c.args = replace(c.args, recipient=list(p.args.recipient))
def _absorb(cands: list[_Cand], si: SentenceInfo, text: str, lex: Lexicon, time_spans: list[tuple[int, int]],
            actors: dict[str, Any]) -> None:
    """Triggers that are part of another event rather than events of their own:
    - the object a trigger requires (重申…承诺, 提供…援助) is that event's content;
    - acts inside a charge (指责俄军炸毁大坝) are its content unless the charge dates them;
    - a mobilisation that carries out an attack in the same sentence (出动轰炸机，对伊朗发动空袭)."""
    alleg = [w for w in lex.cues.get("allegation_verbs", []) if w]
    for c in cands:
        if c.drop or c.absorbed:
            continue
        cs, ce = si.clause_of(c.ts)
        if c.trig.object:
            for d in cands:
                if d is not c and d.ts >= c.te and d.te <= ce and text[d.ts:d.te] in c.trig.object:
                    d.absorbed = True
        if c.type not in ("ACCUSE",):
            seg = text[cs:c.ts]
            for w in alleg:
                k = seg.rfind(w)
                if k < 0:
                    continue
                a, b = cs + k + len(w), c.ts
                if not any(a <= t0 < b for t0, _ in time_spans):
                    c.absorbed = True  # the content of a charge, not an event told as happening
                    break
    # 中方对七国集团“抹黑和攻击中国”表示强烈不满 / 对以军空袭难民营表示谴责: an act between 对 and the reaction
    # word of a disapproval after it (an ACCUSE of the same clause) is what is disapproved of, its content, not
    # an act the text tells, unless a time in that phrase dates it (annotation: "a specific dated act alleged
    # inside an accusation is coded too; undated general allegations are not")
    for c in cands:
        if c.drop or c.absorbed or c.type == "ACCUSE":
            continue
        cs, ce = si.clause_of(c.ts)
        k = text.rfind("对", cs, c.ts)
        if k < 0 or any(k < t0 < c.ts for t0, _ in time_spans):
            continue
        if any(d is not c and not d.drop and d.type == "ACCUSE" and c.te <= d.ts < ce
               and not any(p in text[c.te:d.ts] for p in "，,；;") and any(w in text[max(c.te, d.ts - 5):d.ts] for w in ("表示", "表达"))
               for d in cands):
            c.absorbed = True
    # 支持[暂停打击能源设施]的提议 / 谴责俄罗斯的入侵: a trigger used as a noun after 的 is the object of
    # the verb before it, and triggers in the relative clause before the 的 are its modifiers
    live = [c for c in cands if not c.drop and not c.absorbed]
    for k, c in enumerate(live):
        if c.ts == 0 or text[c.ts - 1] != "的" or c.trig.pos == "verb":
            continue
        cs, _ = si.clause_of(c.ts)
        verbs = [d for d in live[:k] if d.ts >= cs and d.trig.pos != "noun" and not d.absorbed]
        if verbs:
            head = verbs[0]
            c.absorbed = True
            for d in live[:k]:
                if d.ts > head.ts and d.ts >= cs:
                    d.absorbed = True
    for c in cands:
        # 使用水炮拦截 / 施放催泪弹、布袋弹驱散示威者: the means and the purpose are one act, the attack
        if c.drop or c.absorbed or c.type != "COERCE" or c.args is None:
            continue
        cs, _ = si.clause_of(c.ts)
        if any(d is not c and not d.drop and not d.absorbed and d.type == "ASSAULT" and cs <= d.ts < c.ts
               and not re.search(r"[，。；！？、]|并|后|再", text[d.te:c.ts].replace("、", "")) and d.args is not None
               and {country_of(a, actors) or a for a in d.args.actor} == {country_of(a, actors) or a for a in c.args.actor}
               for d in cands):
            c.absorbed = True
    for c in cands:
        if c.drop or c.absorbed or c.type != "MOBILIZE" or c.args is None:
            continue
        mine = {country_of(a, actors) or a for a in c.args.actor}
        if any(d is not c and not d.drop and not d.absorbed and d.type == "ASSAULT" and d.ts > c.ts
               and d.args is not None and {country_of(a, actors) or a for a in d.args.actor} & mine
               for d in cands):
            c.absorbed = True
        # 联合训练…开训，中方派出战机参训: forces sent to a joint exercise are part of it (manual, MOBILIZE:
        # joint operations are COOPERATE), not a show of force of their own
        elif any(d is not c and not d.drop and not d.absorbed and d.type == "COOPERATE" and d.args is not None
                 and mine <= {country_of(a, actors) or a for a in d.args.actor} for d in cands):
            c.absorbed = True
    for c in cands:
        # 美方单方面加征关税严重违反世贸组织规则: an undated act named as the subject of a charge is what is
        # charged, not an act told (as for acts after 指责, above)
        if c.drop or c.absorbed or c.trig.frame != "allege":
            continue
        cs, _ = si.clause_of(c.ts)
        if any(cs <= t0 < c.ts for t0, _ in time_spans):
            continue
        for d in cands:
            if d is not c and not d.drop and cs <= d.ts and d.te <= c.ts and d.type != "ACCUSE":
                d.absorbed = True


def _charged_before(denier: list[str], told: list[tuple[str, str, list[str], list[str]]],
                    actors: dict[str, Any]) -> bool:
    """Whether a charge (ACCUSE) against the denier by someone else was told earlier in the part: then the act
    it denies is the charge's, and the denial adds only its REJECT (annotation, decided in session 13)."""
    mine = {_agent_of(a, actors) for a in denier}
    return any(type_ == "ACCUSE" and mine & {_agent_of(r, actors) for r in recipient}
               and not mine & {_agent_of(a, actors) for a in actor} for _, type_, actor, recipient in told)


def _uniq_ids(ids: Any) -> list[str]:
    out: list[str] = []
    for i in ids:
        if i not in out:
            out.append(i)
    return out


def _conditional_threats(cands: list[_Cand], si: SentenceInfo, text: str, lex: Lexicon,
                         actors: dict[str, Any]) -> None:
    """如果以色列进攻拉法，美国将停止提供武器: the consequent of a condition, said by its subject about
    another party's act, is one THREATEN by that subject against the party (annotation: a conditional
    threat is one THREATEN, not X + hypothetical). The antecedent's own acts stay hypothetical."""
    m = lex.cues["modality"]
    cond = sorted(m["conditional"], key=len, reverse=True)
    is_cond: dict[tuple[int, int], bool] = {}  # clause → opens with a conditional (tested once per clause)
    for c in cands:
        if c.drop or c.absorbed or c.args is None or not c.hypothetical:
            continue
        cs, _ = si.clause_of(c.ts)
        # the conditional clause: a cue at the head of an earlier clause of the sentence
        ante = None
        for a, b in si.clauses:
            if b > cs:
                break
            if (a, b) not in is_cond:
                lead = text[a:b].lstrip()
                is_cond[(a, b)] = any(lead.startswith(w) or re.match(r"[^，,；;]{0,12}?" + re.escape(w), lead)
                                      for w in cond if len(w) > 1)
            if is_cond[(a, b)]:
                ante = (a, b)
        otherwise = False
        if ante is None and text[cs:c.ts].lstrip().startswith(tuple(m.get("otherwise") or ())):
            # 否则将被强制遣返: the clause before states the demand, this one the threatened consequence
            prev = [(a, b) for a, b in si.clauses if b <= cs]
            ante, otherwise = (prev[-1] if prev else None), True
        if ante is None:
            continue
        if not re.search(r"(?:将|会|就|便|必将|势必)", text[cs:c.te]):
            continue  # not a stated consequence (the cue may open the trigger itself: 将“武装回击”)
        party = [n for n in si.nps if ante[0] <= n.start < ante[1] and n.role in ("", "recipient")]
        mine = {_agent_of(a, actors) for a in c.args.actor}
        target = [n.id for n in party if _agent_of(n.id, actors) not in mine][:1] or [
            r for r in c.args.recipient if _agent_of(r, actors) not in mine]
        if not target and not otherwise:
            continue
        if c.type != "THREATEN":  # a threat word keeps its own mode
            c.type, c.mode = "THREATEN", c.trig.threat_mode or (lex.complement_modes["threaten"].get(
                c.trig.type, (None, None))[1])
        c.hypothetical = c.negated = c.future = False
        c.args = replace(c.args, recipient=target)


def _apply_complements(cands: list[_Cand], text: str, lex: Lexicon, actors: dict[str, Any] | None = None,
                       si: SentenceInfo | None = None) -> None:
    """要求 X 释放 Y → REQUEST yield; 威胁 制裁 → THREATEN restrict; 拒绝 会见 → REJECT meet + negated
    CONSULT; 同意/承诺 … → AGREE (or CONCEDE for retreats); 邀请 X 访问 → AGREE; 暂停 援助 → SANCTION."""
    actors = actors or {}
    for i in range(len(cands) - 1, -1, -1):
        c = cands[i]
        comp = c.trig.complement
        if not comp or c.drop:
            continue
        emb = None
        for j in range(i + 1, len(cands)):
            d = cands[j]
            if d.drop or d.absorbed:
                continue
            between = text[c.te:d.ts]
            if d.ts - c.te > 30 or any(p in between for p in "。！？") or sum(between.count(p) for p in "，；：,;:") > 1:
                break
            cut = max(between.rfind(p) for p in "，；：,;:")
            if cut >= 0 and si is not None and any(c.te + cut < n.start < d.ts and n.role == "" for n in si.nps):
                break  # 拒绝付款，俄罗斯宣布暂停…: a new clause with its own subject is not the complement
            emb = d
            break
        if emb is None:
            objs = lex.cues.get("suspend_objects", [])
            near = text[c.te:c.te + 12]
            if comp in ("suspend", "postpone") and any(w in near for w in lex.cues.get("relief_objects", [])):
                c.type, c.mode = "CONCEDE", None  # 暂缓实施关税, 停止一切射击: lifting a measure, ceasing fire
            elif comp in ("suspend", "postpone") and any(k >= 0 and not text.startswith("的", c.te + k + len(w))
                                                         for w in objs for k in (near.find(w),)):
                c.type, c.mode = "SANCTION", "discontinue"  # 暂停向两国供气: cutting an exchange
            elif comp == "agree" and _agreed_concession(text, c.te, lex, text[c.ts:c.te]):
                c.type, c.mode = "CONCEDE", None  # 同意无条件接收, 同意开放口岸: agreeing to yield (manual, CONCEDE)
            elif comp == "agree" and re.search(r"^[^，。；！？]{0,20}?(?:" + "|".join(
                    map(re.escape, lex.cues.get("agree_objects", []) or ["(?!)"])) + ")", text[c.te:]):
                c.type, c.mode = "AGREE", None  # 愿意与学生代表对话: willingness to talk or cooperate
            elif c.trig.needs_complement:
                c.drop = True
            continue
        table = lex.complement_modes[comp]
        ntype, nmode = table.get(emb.type, table.get("*", (None, None)))
        if comp == "threaten":
            nmode = emb.trig.threat_mode or nmode
        if comp == "agree" and emb.negated and lex.types[emb.type].quad in (3, 4):
            ntype, nmode = "CONCEDE", None  # 承诺不攻击: promising to refrain from conflict is a concession
            emb.negated = False
        elif comp == "agree" and ntype == "AGREE" and _agreed_concession(text, c.te, lex, text[c.ts:c.te]):
            ntype, nmode = "CONCEDE", None  # 同意暂停实施出口管制: agreeing to yield (manual, CONCEDE)
        if ntype is None:
            if c.trig.needs_complement:
                c.drop = True
            continue
        c.type = ntype
        c.mode = nmode if nmode is not None else (c.trig.mode if c.trig.type == ntype else None)
        if (c.args is not None and not c.args.recipient and emb.args is not None
                and not (comp == "agree" and len(c.args.actor) >= 2)):  # 双方同意…: agreed with each other
            own = {_agent_of(x, actors) for x in c.args.actor}
            c.args = replace(c.args, recipient=_uniq_ids(x for x in emb.args.actor + emb.args.recipient
                                                         if _agent_of(x, actors) not in own))
        if c.args is None and emb.args is not None and comp in ("agree", "suspend", "reject"):
            c.args = emb.args
        if comp == "reject":
            emb.negated = True  # the refused act is kept, flagged (issue: 拒绝 is a negation cue)
        else:
            emb.absorbed = True


def _build_content_types(lex: Lexicon) -> Any:
    cfg = lex.cues.get("content_types") or {}
    rules = []
    for r in cfg.get("rules") or ():
        rules.append((frozenset(str(w) for w in r.get("triggers") or ()), str(r["from"]), str(r["type"]),
                      r.get("mode"), re.compile(str(r["content"])), int(r.get("window", 30))))
    return rules


def _typed_by_content(cands: list[_Cand], text: str, se: int, lex: Lexicon) -> None:
    """Acts typed by what the text says they carry (cues.yaml `content_types`; annotation.md: statements are coded by
    their content): 致电…，祝贺其当选 is a congratulation (SUPPORT), not a telephone consultation; 要求…外交人员…离境 is
    the expulsion of diplomats (SANCTION expel). A candidate of the new type inside the content is the same act."""
    rules = lex.derived("content_types", _build_content_types)
    if not rules:
        return
    for c in cands:
        if c.drop or c.absorbed:
            continue
        key = text[c.ts:c.te]
        for triggers, from_type, to_type, mode, rx, window in rules:
            if c.type != from_type or key not in triggers:
                continue
            m = rx.search(text, c.te, min(se, c.te + window))
            if m is None:
                continue
            c.type, c.mode = to_type, mode
            for d in cands:  # the content's own trigger (祝贺, 离境) is this act, not another
                if d is not c and c.te <= d.ts < m.end() and not d.drop:
                    d.absorbed = True
            break


def _build_agreed_concession(lex: Lexicon) -> Any:
    verbs = [str(w) for w in lex.cues.get("agree_concession_verbs") or ()]
    if not verbs:
        return None
    gap = int(lex.cues.get("agree_concession_gap", 6))
    # (an announcement verb in between makes the verb the content of a declaration: 同意年内宣布结束战争状态)
    return re.compile(rf"(?:(?!宣布|宣告|表示)[^，,。；;：:！？!?“”「」]){{0,{gap}}}?(?:{trie_pattern(verbs)})")


def _agreed_concession(text: str, pos: int, lex: Lexicon, trigger: str = "") -> bool:
    """A concession verb right after an agreeing trigger ending at ``pos`` (同意无条件接收, 承诺永久结束冲突):
    agreeing to yield is CONCEDE, not AGREE (manual, CONCEDE; cues.yaml `agree_concession_verbs`); only after
    the agreeing words of `agree_concession_triggers` (not 致力于, 提议: a commitment or a proposal)."""
    if trigger not in (lex.cues.get("agree_concession_triggers") or ()):
        return False
    rx = lex.derived("agreed_concession", _build_agreed_concession)
    return rx is not None and rx.match(text, pos) is not None


def _verdict(c: _Cand) -> str:
    """The rules' verdict on a candidate they built: its type, or why it yields no event."""
    if c.drop:
        return "drop"
    if c.absorbed:
        return "absorbed"
    if c.args is None:
        return "noargs"
    return c.type


def _typer_pass(model: Any, cands: list[_Cand], extras: list[tuple[_Cand, str]], text: str, view: Any,
                original: str, part: str, part_kind: str, sent: tuple[int, int], si: SentenceInfo,
                sm: list[tuple[int, int, str]], actors: dict[str, Any], quotes: list[Any],
                typed: list[Any]) -> list[_Cand]:
    """The learned typer (typer.py) over every candidate of a sentence, the rules' rejects included:
    records what it saw (``typed``) and, when enabled, keeps the candidates it types (with its type) in
    text order; disabled, the rules' candidates are returned unchanged."""
    from shiju.events import typer

    kinds = [(s, e, getattr(actors.get(i), "type", "group")) for s, e, i in sm]
    allc = [(c, _verdict(c)) for c in cands] + [(c, "gate:" + why) for c, why in extras]
    allc.sort(key=lambda cv: cv[0].ts)
    out: list[_Cand] = []
    for c, verdict in allc:
        in_quote = any(q.start <= c.ts < q.end for q in quotes)
        feats = typer.features(text, sent, si.clause_of(c.ts), c.ts, c.te, c.trig, verdict, c.args, part_kind,
                               kinds, in_quote, model.words)
        t0, t1 = view.to_original(c.ts), view.to_original(c.te)
        typed.append(typer.Candidate(part=part, start=t0, end=t1, trigger=original[t0:t1], verdict=verdict,
                                     features=tuple(feats)))
        if not model.enabled:
            continue
        label = typer.decide(model, feats)
        if label == typer.NONE:
            continue
        if label != c.type:
            c.type, c.mode = label, (c.trig.mode if c.trig.type == label else None)
        c.drop = c.absorbed = False
        out.append(c)
    return out if model.enabled else cands


def code_document(doc: Document, ctx: AnalysisContext) -> list[Event]:
    lex = get_lexicon(ctx)
    actors = {a.id: a for a in doc.actors}
    mentions: dict[str, list[tuple[int, int, str]]] = {}
    for a in doc.actors:
        for m in a.mentions:
            mentions.setdefault(m.part, []).append((m.start, m.end, a.id))
    published = doc.published or getattr(ctx, "default_date", None)
    hist_days = int(lex.cues["modality"].get("historical_days", 365))
    events: list[Event] = []
    last_parties: list[str] = []
    igo_of = _igo_officials(doc, ctx)
    owner_of = _titled_officials(doc, ctx, lex)
    for aid, owner in owner_of.items():
        if country_of(owner, actors) == owner:  # a state: the official reads as one of its agents (its
            actors[aid] = replace(actors[aid], country=owner)  # country set in this stage's view only)
        else:
            igo_of.setdefault(aid, owner)  # an organisation: it acts, as for IGO officials
    places = get_target_places(ctx)
    headline_end = 0
    from shiju.events import typer  # learned trigger typer: a no-op unless its data file enables it

    typing = typer.is_recording() or typer.is_enabled(ctx)  # (a switched-off typer's file is not parsed)
    typer_model = typer.get_model(ctx) if typing else None
    typed: list[typer.Candidate] = []
    from shiju.events import tagger  # learned word-level trigger tagger: a no-op unless its data file enables it

    tag_model = tagger.get_model(ctx)
    if not tag_model.enabled:
        tag_model = None

    for part, original in doc.parts():
        view = doc.view(part)
        text = view.simplified
        pm = _usable_mentions(text, mentions.get(part, []), lex)
        pm = sorted(pm + group_anaphors(text, pm, actors, lex), key=lambda m: (m[0], -(m[1] - m[0])))
        m_starts = {s for s, _, _ in pm}
        m_ends = {e for _, e, _ in pm}
        pm_starts = [m[0] for m in pm]
        quotes = [q for q in doc.quotes if q.part == part]
        time_spans = [(t.start, t.end) for t in doc.times if t.part == part]
        part_times = _part_times(doc, part, text, lex, quotes)
        g = lex.cues["guards"]
        gc = _guards(lex)
        denial_negators = tuple(lex.cues["modality"].get("denial_negators", ()))
        carry: list[str] = []
        dest_markers = tuple(lex.cues["arguments"].get("destination_markers", []))
        visit_dest: list[str] = []
        prev_end = 0
        part_sents = sentences(original)
        if part == "body" and part_sents and not re.search(r"[。！？!?；;]\s*$", original[:part_sents[0][1]]) \
                and len(part_sents) > 1 and "\n" in original[part_sents[0][1]:part_sents[1][0] + 1]:
            headline_end = part_sents[0][1]  # a title line: its events retell the body's
        pending: tuple[int, int, list] | None = None  # a sentence without triggers: its subject on demand
        told: list[tuple[str, str, list[str], list[str]]] = []  # the part's countable events so far (told_acts)
        tag_mentions = sorted(mentions.get(part, [])) if tag_model is not None and part == "body" else None
        for ss, se in part_sents:
            found = [(ss + a, ss + b, t) for a, b, t in lex.find(text[ss:se])]
            if tag_mentions is not None:  # the tagger's words beside the lexicon's (body only, as the gold)
                found = tagger.with_proposals(tag_model, found, text, ss, se, tag_mentions, actors,
                                              [(q.start, q.end) for q in quotes], ss < headline_end, lex)
            lo, hi = bisect.bisect_left(pm_starts, ss), bisect.bisect_left(pm_starts, se)
            if not found:
                if hi > lo:
                    pending = (ss, se, [m for m in pm[lo:hi] if m[1] <= se])
                continue
            if pending is not None:
                ps, pe, pms = pending
                pnps = build_nps(text, ps, pe, pms, actors, lex, igo_of)
                psi = SentenceInfo(text=text, start=ps, end=pe, nps=pnps, clauses=clauses(text, ps, pe))
                psi.trigger_spans = []
                carry = subject_of_sentence(psi, lex) or carry
                prev_end = ps
                pending = None
            # a mention strictly inside a literal trigger word (意 in 同意) is a linker error
            # (found is sorted and without overlaps: only the last trigger starting at or before a mention
            # can contain it)
            f_starts = [a for a, _, _ in found]
            sm = [m for m in pm[lo:hi] if m[1] <= se and not any(
                t.regex is None and a <= m[0] and m[1] <= b and m[1] - m[0] < b - a
                for a, b, t in found[max(0, bisect.bisect_right(f_starts, m[0]) - 1):][:1])]
            nps = build_nps(text, ss, se, sm, actors, lex, igo_of)
            cls = clauses(text, ss, se)
            last_ev = next((e for e in reversed(events) if e.part == part), None)
            par_start = text.rfind("\n", 0, ss) + 1  # the paragraph (对此 refers inside it)
            si = SentenceInfo(text=text, start=ss, end=se, nps=nps, clauses=cls,
                              carry_subject=carry, last_parties=last_parties,
                              visit_dest=visit_dest,
                              prev_actors=(last_ev.actor if last_ev is not None and last_ev.start >= prev_end
                                           else carry),
                              last_place=_last_place(pm, ss, actors, text, dest_markers, pm_starts),
                              recent_events=[(e.actor, e.recipient, e.type) for e in events if e.part == part
                                             and e.start >= prev_end and not e.negated
                                             and not e.hypothetical][-2:],
                              places=places,
                              story_events=[(e.actor, e.recipient, e.type) for e in events if e.part == part
                                            and e.start >= par_start and not e.negated and not e.hypothetical],
                              told_acts=told,
                              recent_acts=[(text[e.trigger_start:e.trigger_end] if e.trigger_start is not None
                                            else "", e.type, e.actor, e.recipient)  # (views keep offsets)
                                           for e in events[-4:] if e.part == part
                                           and not e.negated and not e.hypothetical])
            head = text[ss:se].lstrip("　 \t【】[]")
            reference = head.startswith(gc.reference_sentence_openers)
            if reference:
                # 这是…: comments on the event just told; an act it dates itself (这是对俄罗斯11日驱逐…的
                # 回应) is still told (annotation: background "told without a date" is not coded)
                found = [(a, b, t) for a, b, t in found if any(ss <= t0 < a for t0, _ in time_spans)]
                if not found:
                    carry = subject_of_sentence(si, lex) or carry
                    continue
            if found and _sentence_re(g.get("opinion_sentence")).match(head):
                found = []  # 分析人士认为…: an opinion's content, not events
            if not found:
                carry = subject_of_sentence(si, lex) or carry
                continue
            si.trigger_spans = found
            sent_spans = [(a, b) for a, b in time_spans if a < se and b > ss]  # (arguments read no others)
            # names are never modality cues (别 in 别尔哥罗德): actor phrases and the places of target_places
            np_spans = sorted([(n.start, n.end) for n in nps] + places.spans(text, ss, se))
            cands: list[_Cand] = []
            habit_end = -1  # end of a clause whose act is told as a habit (its complements go with it)
            gated: list[tuple[int, int, Trigger, str]] = []  # (for the typer) what the guards rejected, and why

            def build(ts: int, te: int, trig: Trigger, cs: int, ce: int, live: bool) -> tuple[_Cand, bool]:
                """The candidate with its arguments and flags, and whether the rules skip it (the motive
                of a protest). ``live``: a candidate the rules keep (it updates the sentence's state)."""
                nonlocal visit_dest
                q = next((q for q in quotes if q.start <= ts < q.end), None)
                si.speaker = q.speaker if q else None
                args = find_arguments(si, ts, te, trig, lex, actors, sent_spans)
                if live and args is not None and trig.frame == "visit" and args.recipient:
                    visit_dest = [x for x in (country_of(r, actors) for r in args.recipient) if x]
                    si.visit_dest = visit_dest
                elif live and args is not None and trig.type == "CONSULT" and len(args.venue) == 1:
                    visit_dest = list(args.venue)  # a later meeting without a venue happens there too
                    si.visit_dest = visit_dest
                if live and args is not None and trig.type == "CONSULT" and len(args.actor) + len(args.recipient) >= 2:
                    si.last_parties = args.actor + args.recipient  # 会谈后，双方签署…: the parties just met
                elif live and args is not None and _two_sided(args.actor, args.recipient, actors):
                    si.last_parties = list(args.actor)  # 两军激烈交火，双方互相指责: the sides of a mutual act
                # cues count after the subject (a 不 inside the subject phrase is not a negation)
                if args is not None and args.subject_end is not None:
                    arg_end = args.subject_end
                elif args is not None:
                    arg_end = cs
                else:
                    arg_end = max([n.end for n in nps if cs <= n.start and n.end <= ts
                                   and n.role in ("", "comitative", "visitor", "agent")] + [cs])
                fl = flags_for(text, ss, cs, arg_end, _verb_head(text, ts, cs, trig, lex), lex, m_starts,
                               np_spans)
                c = _Cand(ts, te, trig, trig.type, trig.mode, args, fl.negated, fl.hypothetical, fl.future,
                          fl.historical, asserted_by=q.speaker if q else None, clause=(cs, ce),
                          denied=bool(fl.negated and fl.cues and fl.cues[0] in denial_negators))
                if (fl.negated and fl.cues and fl.cues[0] in lex.cues["modality"].get("refusal_negators", [])
                        and lex.types[trig.type].quad in (1, 2) and not trig.complement):
                    # 不会支持 / 不愿与X谈判 / 决不撤军: a refusal is a positive REJECT (annotation)
                    c.type, c.mode = lex.complement_modes["reject"].get(
                        trig.type, lex.complement_modes["reject"]["*"])
                    c.negated = False
                if args is not None and args.type:
                    c.type, c.mode = args.type, args.mode
                if (c.type == "RETREAT" and c.mode == "ceasefire" and "生效" not in text[ts:ce]
                        and _window_has(text, ss, ts, lex.cues.get("ceasefire_declare_verbs", []))):
                    c.type, c.mode = "CONCEDE", None  # 宣布…全面停火: declared, not observed
                if trig.civil_type and any(x.type == trig.civil_type and not x.drop for x in cands):
                    return c, True  # 举行罢工，抗议…: the motive of a protest already coded
                if c.type in ("ACCUSE", "REQUEST") and any(
                        x.type == "PROTEST" and not x.drop and x.args is not None and (
                            c.args is None or c.args.subject_end is None or set(c.args.actor) <= set(x.args.actor))
                        for x in cands):
                    c.absorbed = True  # 罢工，反对退休改革 / 示威，要求总统下台: the protest's demand is not
                    # coded separately (manual, PROTEST ambiguities; annotation); its complement goes with it
                return c, False

            for ts, te, trig in found:
                cs, ce = si.clause_of(ts)
                reason = None
                if ts < habit_end:
                    reason = "habit"
                elif not _licensed(text, ts, te, trig, cs, ce, lex, m_starts, m_ends):
                    reason = "unlicensed"
                elif text[cs:ts].lstrip().startswith(gc.background_openers):
                    reason = "background"  # 根据协议，…: the terms of an agreement, not new events
                elif any(w in text[cs:ts] for w in g.get("background_inside", [])):
                    reason = "background"  # 不顾中方强烈反对: an earlier act referred to, not told
                elif (_iterated(text, cs, ts, g.get("iterative_adverbs") or [])
                        and not any(cs <= a < ce for a, _ in time_spans)
                        and not any(w in text[cs:ts] for w in g.get("day_part_words", []))):
                    habit_end = ce
                    reason = "iterated"  # 美方一再向台湾出售武器, 多次要求法国撤军: habitual background, no dated act
                elif _in_response_frame(text, ss, ts, te, se, g.get("response_frames") or []):
                    reason = "response"  # 作为对美方实施制裁的回应: the act answered, not a new event
                elif _in_response_frame(text, ss, ts, te, se, g.get("concern_frames") or [], "，。；！？,;"):
                    reason = "concern"  # 对朝鲜向俄罗斯提供武器深感担忧: what is feared, not an act told
                if reason is not None:
                    if typing:
                        gated.append((ts, te, trig, reason))
                    continue
                c, skip = build(ts, te, trig, cs, ce, True)
                if skip:
                    if typing:
                        gated.append((ts, te, trig, "motive"))
                    continue
                cands.append(c)
            _share_recipients(cands)
            _apply_complements(cands, text, lex, actors, si)
            _typed_by_content(cands, text, se, lex)
            _absorb(cands, si, text, lex, time_spans, actors)
            _conditional_threats(cands, si, text, lex, actors)
            if typing:
                extras = []
                for ts, te, trig, why in gated:
                    x, _ = build(ts, te, trig, *si.clause_of(ts), False)
                    x.drop = True
                    extras.append((x, why))
                cands = _typer_pass(typer_model, cands, extras, text, view, original, part,
                                    "title" if part == "body" and ss < headline_end else
                                    ("comment" if part != "body" else "body"),
                                    (ss, se), si, sm, actors, quotes, typed)
            for c in cands:
                if c.drop or c.absorbed:
                    continue
                if c.args is None:
                    doc.notes.append(f"events: {c.type} trigger {text[c.ts:c.te]!r} at {part}:{c.ts} "
                                     "has no actor in reach; not coded")
                    continue
                if c.denied and _charged_before(c.args.actor, told, actors):
                    continue  # 美方指责俄方…。俄方否认…: the denial is the REJECT; the act is the charge's (session 13)
                ev = _make_event(doc, part, view, original, (ss, se), c, lex, actors, published, hist_days,
                                 part_times)
                if ev is None:
                    continue
                if ev.type == "CONSULT" and _seminar(text, ss, se, ev.actor + ev.recipient, actors, lex):
                    continue
                if ev.type == "CONSULT" and not ev.negated:
                    last_parties = ev.actor + ev.recipient
                elif not ev.negated and not ev.hypothetical and _two_sided(ev.actor, ev.recipient, actors):
                    last_parties = list(ev.actor)
                events.extend(_distributed(ev, c, text, lex, doc.id))
                if not ev.negated and not ev.hypothetical:
                    told.append((text[c.ts:c.te], ev.type, ev.actor, ev.recipient))
            carry = subject_of_sentence(si, lex) or carry
            prev_end = ss
    if typer.is_recording():
        typer.record(typed)
    events = _statements_with_content(doc, events, actors, lex)
    _counterpart_recipients(events, actors, lex)
    from shiju.events import chooser  # learned argument chooser: a no-op unless its data file enables it

    events = chooser.choose_arguments(doc, ctx, events, headline_end)
    from shiju.events import overcoding  # learned over-coding filter: a no-op unless its data file enables it

    events = overcoding.filter_events(doc, ctx, dedup(events, actors, headline_end), headline_end)
    from shiju.events import detector  # learned event detector: a no-op unless its data file enables it

    model = detector.get_model(ctx)
    if model.enabled:
        # the detector reads the rules' events as they were before statements were coded (its features hold
        # the types coded in a sentence); a statement it proposes where the content is coded is dropped again
        issued = _statement_test(doc, lex)
        found = detected_events(doc, ctx, model, [e for e in events if not issued(e)], headline_end)
        if found:
            events = _statements_with_content(doc, dedup(events + found, actors, headline_end), actors, lex)
    return _officials_as_owners(_unnamed_targets(doc, events, lex), owner_of)


def _unnamed_targets(doc: Document, events: list[Event], lex: Lexicon) -> list[Event]:
    """No recipient for an event whose trigger is followed by an object that names no one (呼吁各方, 反对有关
    国家搞…; cues.yaml `no_recipient_objects`; annotation: "No named target, no recipient"). The rules never
    give one there; this holds the learned argument chooser and detector, which do not read that object, to
    the same (the demo's 北京外交部表示，反对有关国家搞小圈子 got the ministry itself as its target)."""
    words = tuple(lex.cues["arguments"].get("no_recipient_objects") or ())
    if not words:
        return events
    views: dict[str, str] = {}
    for ev in events:
        if not ev.recipient or ev.trigger_end is None:
            continue
        if ev.part not in views:
            views[ev.part] = doc.view(ev.part).simplified
        if views[ev.part].startswith(words, ev.trigger_end):
            ev.recipient = []
    return events


def _officials_as_owners(events: list[Event], owner_of: dict[str, str]) -> list[Event]:
    """Titled officials the gazetteer does not know, in the events' argument lists, replaced by the state or
    IGO they act for (_titled_officials) once every stage has chosen the arguments: the rules, the chooser and
    the filter read the person as they always did; only the coded id changes (annotation: "named officials
    are coded as their state")."""
    if not owner_of:
        return events
    for ev in events:
        if any(x in owner_of for x in ev.actor + ev.recipient):
            ev.actor = _uniq_ids(owner_of.get(x, x) for x in ev.actor)
            ev.recipient = _uniq_ids(owner_of.get(x, x) for x in ev.recipient)
    return events


def detected_events(doc: Document, ctx: AnalysisContext, model: Any, events: list[Event],
                    headline_end: int = 0) -> list[Event]:
    """Events the learned detector (detector.py) proposes where the rules coded no event of the type in
    the sentence: anchored at the detector's cue word, with the arguments the rules give a plain directed
    verb there (then the argument chooser, as for rule events), date and flags as for a rule event.
    Negated or hypothetical proposals are dropped."""
    from shiju.events import chooser as ch
    from shiju.events import detector
    from shiju.text.sentences import clause_bounds

    lex = get_lexicon(ctx)
    cm = ch.get_model(ctx)
    ix = ch.index_document(doc)
    actors = ix.actors
    published = doc.published or getattr(ctx, "default_date", None)
    hist_days = int(lex.cues["modality"].get("historical_days", 365))
    part = "body"
    out: list[Event] = []
    view = None
    best: dict[tuple[int, str], tuple[float, int, int, Any]] = {}  # one proposal per sentence and type
    for unit in detector.sentences_of(doc, events, headline_end, lex):
        for type_, p, cs, ce in detector.proposals(model, unit):
            key = (unit.start, type_)
            if key not in best or p > best[key][0]:
                best[key] = (p, cs, ce, unit)
    by_sentence: dict[int, list[tuple[str, float, int, int]]] = {}
    units: dict[int, Any] = {}
    for (s0, type_), (p, cs, ce, unit) in sorted(best.items()):
        by_sentence.setdefault(s0, []).append((type_, p, cs, ce))
        units[s0] = unit
    body_events = sorted((e for e in events if e.part == part), key=lambda e: e.start)
    for s0, props in by_sentence.items():
        sent = units[s0]
        if view is None:
            view = doc.view(part)
            text, original = view.simplified, doc.part_text(part)
            part_times = _part_times(doc, part, text, lex, [q for q in doc.quotes if q.part == part])
            pm = _usable_mentions(text, ix.mentions.get(part, []), lex)
            pm = sorted(pm + group_anaphors(text, pm, actors, lex), key=lambda m: (m[0], -(m[1] - m[0])))
            pm_starts = [m[0] for m in pm]
            m_starts = {m[0] for m in pm}
            igo_of = _igo_officials(doc, ctx)
        ss, se = sent.start, sent.end
        lo, hi = bisect.bisect_left(pm_starts, ss), bisect.bisect_left(pm_starts, se)
        sm = [m for m in pm[lo:hi] if m[1] <= se]
        nps = build_nps(text, ss, se, sm, actors, lex, igo_of)
        sent_spans = [(t.start, t.end) for t in doc.times if t.part == part and t.start < se and t.end > ss]
        for type_, p, cs, ce in props:
            # arguments as for a rule event of a plain directed verb at the cue (subject → object / 对 X),
            # then the argument chooser where the data file applies it (a type's usual frame did no better)
            trig = Trigger(key="detector", type=type_, frame="directed")
            si = SentenceInfo(text=text, start=ss, end=se, nps=nps, clauses=clauses(text, ss, se),
                              last_parties=_last_parties_before(body_events, ss, actors))
            si.trigger_spans = [(cs, ce, trig)]
            q = next((q for q in doc.quotes if q.part == part and q.start <= cs < q.end), None)
            si.speaker = q.speaker if q else None
            args = None
            if type_ in _SPEAKER_TYPES:
                # 伊朗外长表示，美国的行为“骇人听闻”: the cue lies in the content of the speaker's words; the
                # speaker charges (asks, backs) the party the content is about (as the `allege` frame reads it)
                args = speaker_charge(si, cs, ce, lex, actors, type_)
            if args is None:
                args = find_arguments(si, cs, ce, trig, lex, actors, sent_spans)
            if args is None or not args.actor:
                continue
            probe = Event(id="", type=type_, mode=None, context=[], actor=list(args.actor),
                          recipient=list(args.recipient), date=None, date_text=None, negated=False,
                          future=False, hypothetical=False, historical=False, sentence="", start=ss, end=se,
                          part=part, trigger_start=cs, trigger_end=ce)
            if cm.enabled:
                cands = ch.candidates(doc, probe, cm.config, headline_end, ix, origin="detector")
                actor, recipient = ch.choose(cm, cands, probe, actors)
            else:
                actor, recipient = list(args.actor), list(args.recipient)
            a_end = args.subject_end if args.subject_end is not None else None
            k0, k1 = clause_bounds(text, cs, ce)
            k0 = max(k0, ss)
            fl = flags_for(text, ss, k0, a_end if a_end is not None and k0 <= a_end <= cs else k0, cs, lex,
                           m_starts, None)
            if fl.negated or fl.hypothetical:
                continue
            c = _Cand(cs, ce, trig, type_, None, Args(actor=actor, recipient=recipient, confidence=round(p, 2)),
                      future=fl.future, historical=fl.historical, clause=(k0, min(k1, sent.end)))
            ev = _make_event(doc, part, view, original, (ss, se), c, lex, actors, published,
                             hist_days, part_times)
            if ev is not None and not ev.negated and not ev.hypothetical:
                out.append(ev)
    return out


def _last_parties_before(events: list[Event], ss: int, actors: dict[str, Any]) -> list[str]:
    """The parties of the last meeting or mutual act the rules told before the sentence at ``ss``
    (``events``: body events in order), as the rules' pass holds them when it reaches that sentence: what
    双方 / 两国 there mean (为双方提供…, 在双方之间: arguments._after_modal)."""
    last_parties: list[str] = []
    for e in events:
        if e.start >= ss:
            break
        if e.negated or e.hypothetical:
            continue
        if e.type == "CONSULT":
            last_parties = e.actor + e.recipient
        elif _two_sided(e.actor, e.recipient, actors):
            last_parties = list(e.actor)
    return last_parties


def _two_sided(actor: list[str], recipient: list[str], actors: dict[str, Any]) -> bool:
    """A reciprocal act of two or more parties (A与B交火, 两国同意停火): no recipient, actors of several
    states or groups. Its parties are what a later 双方/两国 at a clause head means, as for a meeting."""
    return not recipient and len({_agent_of(a, actors) for a in actor}) >= 2


def _distributed(ev: Event, c: _Cand, text: str, lex: Lexicon, doc_id: str) -> list[Event]:
    """布林肯分别与A和B通电话 / 李强分别同尹锡悦和岸田文雄举行会谈 / 习近平分别会见鲁托和代比: a meeting or call
    held with each of several partners separately (cues.yaml `distributive`) is one event per partner, not
    one meeting of all of them (annotation, "One event, not one mention": one event per act; a meeting is
    an act between its parties). Acts aimed at several targets together (分别向苏丹和索马里运送物资) keep
    their recipient list: only the types the config lists are split."""
    cfg = lex.cues.get("distributive") or {}
    if ev.type not in (cfg.get("types") or ()) or ev.negated or ev.hypothetical or c.args is None:
        return [ev]
    cs, _ = c.clause
    seg, stop = text[cs:c.ts], tuple(cfg.get("not_before") or ())
    if not any(k >= 0 and not seg.startswith(stop, k + len(w)) for w in cfg.get("words") or () for k in (seg.rfind(w),)):
        return [ev]
    args = c.args
    if not ev.recipient and len(ev.actor) >= 3:
        head = [a for a in args.subject if a in ev.actor] or ev.actor[:1]
        sides = [(head + [p], []) for p in ev.actor if p not in head]
    elif len(ev.recipient) >= 2:
        sides = [(list(ev.actor), [r]) for r in ev.recipient]
    elif len(ev.actor) >= 2 and ev.recipient:
        sides = [([a], list(ev.recipient)) for a in ev.actor]
    else:
        return [ev]
    # the arguments read "multilateral" from the three or more states of the whole list; each separate
    # meeting has two parties (annotation, session 13: one event per partner), so that mode goes unless the
    # trigger itself names a multilateral meeting (峰会)
    mode = None if ev.mode == "multilateral" and c.trig.mode != "multilateral" else ev.mode
    return [replace(ev, id=span_id(doc_id, "event", ev.part, ev.trigger_start or ev.start, ev.trigger_end or ev.end,
                                   f"{ev.type}#{k}"),
                    actor=a, recipient=r, mode=mode, context=list(ev.context), evidence=[])
            for k, (a, r) in enumerate(sides)]


def _statement_test(doc: Document, lex: Lexicon) -> Any:
    """A test "is this event a statement issued?": a SUPPORT whose trigger names a statement noun without a
    signing verb (cues.yaml `statements`), read on the Simplified view of its part."""
    cfg = lex.cues.get("statements") or {}
    nouns, signing = tuple(cfg.get("nouns") or ()), tuple(cfg.get("signing_verbs") or ())
    views: dict[str, str] = {}

    def issued(ev: Event) -> bool:
        if not nouns or ev.type != "SUPPORT" or ev.trigger_start is None or ev.trigger_end is None:
            return False
        if ev.part not in views:
            views[ev.part] = doc.view(ev.part).simplified
        word = views[ev.part][ev.trigger_start:ev.trigger_end]
        return any(n in word for n in nouns) and not any(v in word for v in signing)
    return issued


def _statements_with_content(doc: Document, events: list[Event], actors: dict[str, Any], lex: Lexicon) -> list[Event]:
    """The events without the statements whose content the text gives (annotation, session 11: "statements
    are coded by their content"; PLOVER has no make-statement type): 两国发表联合声明，同意恢复直航 is one AGREE.
    A statement issued (_statement_test) is dropped when a content cue follows it (发表联合声明说，…), when an
    event by one of its parties follows it in its sentence, or stands in the next sentence of the part when
    that one opens with a content opener (声明说，…). Signing a statement is an act of its own (签署联合声明
    stays SUPPORT beside its content), and a statement told without content (双方发表联合声明。) stays SUPPORT."""
    cfg = lex.cues.get("statements") or {}
    openers = tuple(cfg.get("content_openers") or ())
    cues = tuple(cfg.get("content_cues") or ())
    issued = _statement_test(doc, lex)
    drop: set[int] = set()
    for k, ev in enumerate(events):
        if not issued(ev) or ev.negated or ev.hypothetical:
            continue
        text = doc.view(ev.part).simplified
        if cues and text[ev.trigger_end:ev.end].lstrip("，,：: ").startswith(cues):
            drop.add(k)  # 发表联合声明说，… / 发表联合声明，表示…: its content follows, coded or not
            continue
        parties = {_agent_of(a, actors) for a in ev.actor}
        nxt = ev.end + len(text[ev.end:]) - len(text[ev.end:].lstrip())  # where the next sentence starts
        opens_content = bool(openers) and (text.startswith(openers, nxt)
                                           or text.startswith(tuple("联合" + o for o in openers), nxt))
        for e in events:
            if e is ev or e.part != ev.part or e.negated or e.hypothetical or issued(e):
                continue
            here = e.start == ev.start and (e.trigger_start or 0) > (ev.trigger_start or 0)
            told_next = opens_content and e.start == nxt
            if (here or told_next) and {_agent_of(a, actors) for a in e.actor} & parties:
                drop.add(k)
                break
    return [ev for k, ev in enumerate(events) if k not in drop] if drop else events


def _counterpart_recipients(events: list[Event], actors: dict[str, Any], lex: Lexicon) -> None:
    """A one-state concession, withdrawal, sanction or promise without a named target answers the state
    it has just been dealing with in the story (cues.yaml `counterpart`)."""
    cfg = lex.cues.get("counterpart") or {}
    types = set(cfg.get("types", []))
    skip = set(cfg.get("skip_modes", []))
    window = int(cfg.get("window", 4))
    for i, ev in enumerate(events):
        if ev.recipient or ev.type not in types or ev.mode in skip or ev.hypothetical:
            continue
        own = {country_of(a, actors) or a for a in ev.actor}
        if len(own) != 1:
            continue
        for prev in reversed(events[max(0, i - window):i]):
            if prev.part != ev.part:
                continue
            sides = [{country_of(x, actors) or x for x in prev.actor},
                     {country_of(x, actors) or x for x in prev.recipient}]
            if not prev.recipient:  # a reciprocal act: every party is an actor
                if own <= sides[0] and len(sides[0]) == 2:
                    ev.recipient = sorted(sides[0] - own)
                    break
                continue
            if own == sides[0] and len(sides[1]) == 1 and not sides[1] & own:
                ev.recipient = sorted(sides[1])
            elif own == sides[1] and len(sides[0]) == 1 and not sides[0] & own:
                ev.recipient = sorted(sides[0])
            if ev.recipient or own & (sides[0] | sides[1]):
                break  # the latest event the actor's state took part in decides


def _igo_officials(doc: Document, ctx: AnalysisContext) -> dict[str, str]:
    """Officials of international organisations in the document → their organisation, read from the
    titles of their roles (国际原子能机构总干事 → org:iaea). PLOVER codes an IGO's agents as the IGO
    (annotation: IGOs get org: ids); the official's nationality is not the actor."""
    out: dict[str, str] = {}
    people = [a for a in doc.actors if a.type == "person" and a.sector == "IGO" and a.roles]
    if not people:
        return out
    try:
        from shiju.actors import get_gazetteer

        gaz = get_gazetteer(ctx)
    except Exception as e:  # the gazetteer is the Actors stage's; without it the persons stay
        doc.notes.append(f"events: no gazetteer for IGO officials ({e})")
        return out
    for a in people:
        for r in a.roles:
            office = gaz.entry(r.office)
            if office is not None and office.org:
                out[a.id] = office.org  # the office's own organisation, when the gazetteer names it
                break
            title = r.title_zh or ""
            for k in range(len(title) - 1, 1, -1):
                hits = [al.id for al in gaz.aliases.get(title[:k], [])
                        if (e := gaz.entry(al.id)) is not None and e.type == "organization" and not e.country]
                if hits:
                    out[a.id] = hits[0]
                    break
            if a.id in out:
                break
    return out


_NAME_SEPARATORS = re.compile(r"[\s·•・.\-－]")


def _titled_officials(doc: Document, ctx: AnalysisContext, lex: Lexicon) -> dict[str, str]:
    """Officials the gazetteer does not know (``local:`` persons without a country) whose body mention
    carries a government post before the name (陆军参谋长瓦卡尔, 西共体委员会主席图雷, 代总统维克勒马辛哈,
    法国常驻联合国代表里维埃) → the state or international organisation they act for. The annotation codes
    "speakers, ministries, armies, … named officials" as their state and IGO officials as their IGO (PLOVER,
    "Country Names and Sector Codes": a state's agents carry its code); a local id without a country matches
    neither. The owner is the state, organisation or place named before the post (before any 驻: the
    sending state), else the state the story is about (the one its body names clearly most often). Posts
    and the words that make a title no government post (前, 党: a former official, a party chairman) are
    cues.yaml `official_titles`, `official_not_after`."""
    cues = lex.cues["arguments"]
    bare, owned = list(cues.get("official_titles", [])), list(cues.get("official_titles_owned", []))
    titles = _wordset(bare + owned)
    not_after = tuple(cues.get("official_not_after", [])) or ("\0",)
    not_in = list(cues.get("official_not_in", []))
    people = [a for a in doc.actors if a.id.startswith("local:") and a.type == "person" and not a.country]
    if not people or not titles:
        return {}
    try:
        from shiju.actors import get_gazetteer

        gaz = get_gazetteer(ctx)
    except Exception as e:  # the gazetteer is the Actors stage's; without it the persons stay
        doc.notes.append(f"events: no gazetteer for titled officials ({e})")
        return {}
    try:
        text = doc.view("body").simplified
    except KeyError:
        return {}
    out: dict[str, str] = {}
    story: str | None = None
    for a in people:
        name = _NAME_SEPARATORS.sub("", a.id[len("local:"):])
        for m in a.mentions:
            if m.part != "body":
                continue
            flat = _NAME_SEPARATORS.sub("", text[m.start:m.end])
            if not name or not flat.endswith(name):
                continue
            before = re.split(r"[，,；;：:。！？、\n“”「」（）()]", text[max(0, m.start - 16):m.start])[-1]
            full = before + flat[:len(flat) - len(name)]
            title = titles.longest_suffix(full)
            if not title:
                continue
            rest = full[:len(full) - len(title)]
            if rest.endswith(not_after) or any(w in rest for w in not_in):
                break  # a party's, a movement's or a former official: the person stays
            owner = _owner_named(gaz, rest.split("驻")[0] if "驻" in rest else rest)
            if owner is None and title in bare:
                if story is None:
                    story = _story_state(doc) or ""
                owner = story or None
            if owner:
                out[a.id] = owner
            break
    return out


def _owner_named(gaz: Any, text: str) -> str | None:
    """The leftmost state, organisation or place named in ``text`` (a gazetteer alias, longest at its
    start): a state or a place gives its state, a state's body its state, an international organisation
    itself."""
    for i in range(len(text)):
        for j in range(len(text), i + 1, -1):
            for al in gaz.aliases.get(text[i:j], ()):
                e = gaz.entry(al.id)
                if e is None or e.type == "person":
                    continue
                if e.country:
                    return e.country
                if e.type == "organization":
                    return e.id  # an IGO or an armed group: the organisation itself
    return None


def _story_state(doc: Document) -> str | None:
    """The state a document's body is about: the country its actor mentions name most often, when it is named
    at least three times and half as often again as any other; else None."""
    counts: dict[str, int] = {}
    for a in doc.actors:
        if a.country:
            n = sum(1 for m in a.mentions if m.part == "body")
            counts[a.country] = counts.get(a.country, 0) + n
    ranked = sorted(counts.items(), key=lambda kv: -kv[1])
    if not ranked or ranked[0][1] < 3 or (len(ranked) > 1 and ranked[0][1] < 1.5 * ranked[1][1]):
        return None
    return ranked[0][0]


def _usable_mentions(text: str, pm: list[tuple[int, int, str]], lex: Lexicon) -> list[tuple[int, int, str]]:
    """The part's mentions sorted by start, without those strictly inside a non-actor word (加沙: not
    加 CAN + 沙 SAU; see cues.yaml `guards.non_actor_words`)."""
    words = lex.cues["guards"].get("non_actor_words") or []
    bad: list[tuple[int, int]] = []
    if words:
        for m in _non_actor_re(tuple(words)).finditer(text):
            bad.append((m.start(), m.end()))
    out = sorted(pm, key=lambda m: (m[0], -(m[1] - m[0])))
    if bad:
        out = [m for m in out if not any(a <= m[0] and m[1] <= b and m[1] - m[0] < b - a for a, b in bad)]
    return out


@functools.lru_cache(maxsize=16)
def _sentence_re(pattern: str | None) -> re.Pattern[str]:
    return re.compile(pattern or "(?!)")


@functools.lru_cache(maxsize=8)
def _non_actor_re(words: tuple[str, ...]) -> re.Pattern[str]:
    return re.compile("|".join(re.escape(w) for w in sorted(words, key=len, reverse=True)))


def _context_index(lex: Lexicon) -> tuple[Any, dict[str, set[str]], set[str]]:
    """Every context word of the lexicon in one word set, each with the contexts it names (and the
    contexts with an empty word, which every text names): one scan of a sentence finds them all."""
    by_word: dict[str, set[str]] = {}
    always: set[str] = set()
    for name, ws in lex.context_words.items():
        for w in ws:
            if w:
                by_word.setdefault(w, set()).add(name)
            else:
                always.add(name)
    return Words(by_word), by_word, always


def _sentence_contexts(text: str, lex: Lexicon) -> list[str]:
    """= [c for c, ws in lex.context_words.items() if any(w in text for w in ws)]."""
    found, by_word, always = lex.derived("contexts", _context_index)
    named = set(always)
    for w in found.present(text):
        named |= by_word[w]
    return [c for c in lex.context_words if c in named] if named else []


def _contexts(trig: Trigger, text: str, s: int, e: int, type_: str, mode: str | None, lex: Lexicon) -> list[str]:
    out = list(trig.context)
    for ctx_name in _sentence_contexts(text[s:e], lex):
        if ctx_name not in out:
            out.append(ctx_name)
    implied = {"cyber": "cyber", "misinformation": "misinformation", "unconventional": "cbrn"}
    if mode in implied and implied[mode] not in out:
        out.append(implied[mode])
    return out


def _make_event(doc: Document, part: str, view: Any, original: str, sent: tuple[int, int], c: _Cand,
                lex: Lexicon, actors: dict[str, Any], published: str | None, hist_days: int,
                times: PartTimes) -> Event | None:
    args = c.args
    assert args is not None
    type_, mode = c.type, c.mode
    if c.trig.foreign_type and type_ == c.trig.type and args.recipient:
        own = {country_of(a, actors) or a for a in args.actor}
        if not own & {country_of(r, actors) or r for r in args.recipient}:
            type_ = c.trig.foreign_type  # 禁止美国公民入境: a measure against another state
            mode = "discontinue" if type_ == "SANCTION" else None
    if c.trig.single_type and type_ == c.trig.type:
        if len({country_of(a, actors) or a for a in args.actor}) == 1:
            type_, mode = c.trig.single_type, "troops"  # one army's 联合演习 is a show of force
    if type_ == "CONSULT" and args.mode and (mode is None or mode == "visit" and args.mode != "visit"):
        mode = args.mode if not (c.trig.mode == "phone") else mode
    if type_ == "CONSULT" and c.trig.frame == "meet" and args.mode == "visit" and c.trig.mode != "phone":
        mode = "visit"
    _, ce = c.clause
    date, date_text = _date_for(doc, part, c.ts, sent, ce, published, times)
    future = c.future or is_after(date, published)
    historical = c.historical or is_historical(date, published, hist_days)
    actor_ids, recipient_ids = list(args.actor), list(args.recipient)
    # Manual, AGREE: future cooperative acts are intentions; CONCEDE: announced retreats are concessions.
    if future and not c.negated:
        if type_ in _FUTURE_TO_AGREE:
            if type_ in ("CONSULT", "COOPERATE") and args.subject and args.partners and mode != "visit":
                # 美国将继续与韩日协调: the announcer agrees, the partners are its recipients
                actor_ids, recipient_ids = list(args.subject), [p for p in args.partners if p not in args.subject]
            type_, mode = "AGREE", None
        elif type_ == "RETREAT":
            type_, mode = "CONCEDE", None
    if type_ in _SPEECH_DATED and (published and is_after(date, published) or (
            date_text is not None and any(sent[0] <= k < ce for k in times.scheduled))):
        # a promise, threat or demand is dated by its announcement, not by the act it announces (nor by the
        # date that schedules it, 将于25日访华: annotation.md, Dates)
        date, date_text = _date_for(doc, part, c.ts, sent, ce, published, times, announcement=True)
    if type_ in ("AGREE", "THREATEN"):
        future = False  # the promise or threat is made now (annotation: AGREE never flagged future)
    if (type_ == "CONSULT" and c.trig.mode != "multilateral" and len(set(actor_ids)) == 1 and not recipient_ids
            and not (actor_ids[0].startswith("org:") and country_of(actor_ids[0], actors) is None)):
        return None  # one side only (召开紧急安保会议): a domestic meeting, not a consultation
    if mode is not None and mode not in lex.types[type_].modes:
        mode = None
    info = lex.types[type_]
    ss, se = sent
    s0, s1 = view.to_original(ss), view.to_original(se)
    t0, t1 = view.to_original(c.ts), view.to_original(c.te)
    conf = args.confidence
    if info.requires_recipient and not args.recipient:
        conf -= 0.1
    return Event(
        id=span_id(doc.id, "event", part, t0, t1, type_),
        type=type_,
        mode=mode,
        context=_contexts(c.trig, view.simplified, ss, se, type_, mode, lex),
        actor=actor_ids,
        recipient=recipient_ids,
        date=date,
        date_text=date_text,
        negated=c.negated,
        future=future,
        hypothetical=c.hypothetical,
        historical=historical,
        sentence=original[s0:s1],
        start=s0,
        end=s1,
        part=part,
        cameo=lex.cameo(type_, mode, c.trig),
        quad=info.quad,
        intensity=lex.intensity(type_, mode),
        confidence=round(max(0.1, min(conf, 0.99)), 2),
        trigger=original[t0:t1],
        trigger_start=t0,
        trigger_end=t1,
        asserted_by=c.asserted_by,
    )


def _dates_compatible(a: str | None, b: str | None) -> bool:
    if not a or not b:
        return True
    return a.startswith(b) or b.startswith(a)


_STATE_SECTORS = {"GOV", "MIL", "LEG", "JUD", "SPY", "COP"}


def _same_sentence_attack(ev: Event, out: list[Event], actors: dict[str, Any]) -> Event | None:
    """An act without a target told in the same sentence as an act of the same type by the same actor
    on someone (袭击以色列南部社区，并劫持了大量人质): the same attack, one event (annotation: one event per
    type, actors, recipients and date; different acts the same day collapse)."""
    if ev.recipient:
        return None
    mine = frozenset(_agent_of(a, actors) for a in ev.actor)
    for k in out:
        if (k is not ev and k.type == ev.type and k.part == ev.part and k.recipient and k.start == ev.start
                and frozenset(_agent_of(a, actors) for a in k.actor) == mine and _dates_compatible(k.date, ev.date)
                and k.negated == ev.negated and k.hypothetical == ev.hypothetical):
            return k
    return None


def _agent_of(aid: str, actors: dict[str, Any]) -> str:
    """The id an actor counts as when events are compared: its state for states' officials, ministries,
    armies and offices (annotation: named officials are coded as their state), else itself."""
    a = actors.get(aid)
    if a is None:
        return aid
    c = getattr(a, "country", None)
    if c and (getattr(a, "type", None) in ("state", "office") or getattr(a, "sector", None) in _STATE_SECTORS):
        return c
    return aid


def dedup(events: list[Event], actors: dict[str, Any] | None = None, headline_end: int = 0) -> list[Event]:
    """One event per (part, type, actor set, recipient set, flags, compatible date), actors compared as
    the states they act for; later tellings (lead, body) become `evidence` spans of the first. Events of
    a title line (body offsets < ``headline_end``) retell the body: they join a body event with the same
    key whatever its date, and take the body's date."""
    actors = actors or {}

    def key_of(ev: Event) -> tuple:
        return (ev.part, ev.type, frozenset(_agent_of(a, actors) for a in ev.actor),
                frozenset(_agent_of(r, actors) for r in ev.recipient), ev.negated, ev.hypothetical)

    heads = [ev for ev in events if ev.part == "body" and ev.start < headline_end]
    rest = [ev for ev in events if not (ev.part == "body" and ev.start < headline_end)]
    out: list[Event] = []
    kept_by_key: dict[tuple, list[Event]] = {}  # the events kept so far, by key, in order
    for ev in rest + heads:
        key = key_of(ev)
        is_head = ev.part == "body" and ev.start < headline_end
        for kept in kept_by_key.get(key, ()):
            if is_head or _dates_compatible(kept.date, ev.date):
                if not (kept.start == ev.start and kept.end == ev.end) and not any(
                        x.start == ev.start and x.part == ev.part for x in kept.evidence):
                    kept.evidence.append(Evidence(sentence=ev.sentence, start=ev.start, end=ev.end, part=ev.part))
                if kept.mode is None and ev.mode is not None:
                    kept.mode = ev.mode
                for cx in ev.context:
                    if cx not in kept.context:
                        kept.context.append(cx)
                if kept.date and ev.date and len(ev.date) > len(kept.date):
                    kept.date, kept.date_text = ev.date, ev.date_text
                break
        else:
            out.append(ev)
            kept_by_key.setdefault(key, []).append(ev)
    # A launch retold without its target (伊朗共发射了300架无人机) is the attack already coded with it.
    final: list[Event] = []
    for ev in out:
        # 中埃联合训练19日开训…埃及国防部表示，联合训练有助于…: one party retelling a joint act told earlier
        # with all its parties is the same event (annotation: one event per act)
        if not ev.recipient and not ev.negated and not ev.hypothetical:
            mine = frozenset(_agent_of(a, actors) for a in ev.actor)
            hit = next((k for k in final if k.type == ev.type and k.part == ev.part and not k.recipient
                        and k.start < ev.start and mine < frozenset(_agent_of(a, actors) for a in k.actor)
                        and _dates_compatible(k.date, ev.date) and not k.negated and not k.hypothetical), None)
            if hit is not None:
                hit.evidence.append(Evidence(sentence=ev.sentence, start=ev.start, end=ev.end, part=ev.part))
                continue
        if ev.type in ("ASSAULT", "COERCE"):
            hit = _same_sentence_attack(ev, out, actors)
            if hit is not None:
                hit.evidence.append(Evidence(sentence=ev.sentence, start=ev.start, end=ev.end, part=ev.part))
                continue
        if ev.type == "MOBILIZE" and not ev.recipient and ev.trigger:
            mine = {_agent_of(a, actors) for a in ev.actor}
            hit = next((k for k in out if k.type == "ASSAULT" and k.part == ev.part and k.trigger == ev.trigger
                        and {_agent_of(a, actors) for a in k.actor} & mine), None)
            if hit is not None:
                hit.evidence.append(Evidence(sentence=ev.sentence, start=ev.start, end=ev.end, part=ev.part))
                continue
        final.append(ev)
    final.sort(key=lambda e: (e.part != "body", e.part, e.start, e.trigger_start or 0))
    return final
