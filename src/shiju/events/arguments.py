"""Find the actor and recipient of a trigger from the actor mentions around it (Chinese syntax).

Chinese is SVO and head-final inside noun phrases, marks recipients with prepositions before the verb
(对/向/针对 X 表示不满), partners with 与/同/和/跟 (与 X 举行会谈), passives with 被/遭到 (Y 被 X 制裁),
and drops subjects that continue from the previous clause (布林肯抵达首尔，随后会见…). This module turns
the actor mentions of one sentence into noun phrases with a grammatical role, then reads actor and
recipient for each trigger according to its frame (see data/events/triggers.yaml). All markers come from
data/events/cues.yaml.
"""
from __future__ import annotations

import bisect
import functools
import re
from dataclasses import dataclass, field
from typing import Any, Iterable

from shiju.events.lexicon import Lexicon, Trigger, may_match
from shiju.text.words import Words
from shiju.text.words import words as _wordset

_CLAUSE_PUNCT = "，,；;：:"
_CONTEXT_RECIPIENT = {"THREATEN", "ACCUSE", "REJECT"}
_HOSTILE = {"THREATEN", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT"}
# verbal acts that concern another party: their own state named in the words is no recipient when another
# party follows it (否认俄方干预罗马尼亚选举 → ROU); not SUPPORT (支持美国推翻萨达姆政权: the support is the state's)
_VERBAL_TO_OTHERS = {"REJECT", "AGREE", "REQUEST", "ACCUSE"}
# charges and refusals whose object may be an act told before (谴责空袭, 不接受裁决): see _act_named
_CHARGE_OF_ACT = {"ACCUSE", "REJECT"}
# 谴责这是“伊朗的恐怖主义行为”: a party right after 这是 (and its quotation mark) names whose act it is
_AUTHOR_AFTER_THIS = re.compile(r"(?:这是|此举是|这次是)?[“「\"'\s]*")
_ISO3 = re.compile(r"^[A-Z]{3}$")
_LIST_JOINERS = ("、", "和", "及")
_CLAUSE_RE = re.compile("[，,；;：:]")
_STOP_RE = re.compile("[，,；;：:。！？]")  # clause punctuation and sentence ends
_TOPIC_RE = re.compile(r"(?:就|关于|有关|围绕|涉及)[^，。；！？]{0,24}?(?:问题|议题|局势|事宜|议案|事务|关系|政策)")
_TOPIC_END = re.compile(r"问题|议题|局势|事宜|议案|事务|关系|政策")  # a topic zone needs one of these
_PLACE_LIST = re.compile(r"在[^，。；！？对向与同被]{1,12}、$")
_NOT_WORD = re.compile(r"[\s\d，,；;：:、“”\"'《》「」『』（）()—…·.%％]+")
# 与X的关系 / 与中国签署的备忘录: a partner phrase right after the verb names the other side of what is cut
_AGREEMENT_OF = re.compile(r"(?:签署|签订|达成|缔结|建立|开展)?(?:了)?的")
_QUANT_LAST = frozenset("名个家位艘架枚批国分些有部他干该")  # the characters a _QUANT match can end with
_LEAD_TIME = re.compile(r"^[\s\d年月日当天同日次日]*")  # times and spaces at a clause head
_LEAD_TIME_PUNCT = re.compile(r"^[\s\d，,；;：:、年月日上下午晚凌晨当天同日次日]+")
_PASSIVE = re.compile(r"(?:被(?!迫)|遭到|遭受|受到|遭)[^，。；！？\s]{0,4}$")
_ANSWER_HEAD = re.compile(r"[^，。；！？]*?的(?:回应|反应|报复|反制|做法|行为|决定|举动)")
_PASSIVE_ANY = re.compile(r"被(?!迫)|遭到|遭")
_ADVERBIAL_DE = re.compile(r"[^\s，,；;：:、“”\"「」]{2,5}地(?![区方点带面位块产])")
_TIME_FRAME = re.compile(r"(?:自|从|由)[\s0-9０-９一二三四五六七八九十年月日号今明本即下上周星期]+(?:起|开始|以来)")
_QUANT = re.compile(r"(?:[0-9０-９一二三四五六七八九十百千万几数多余]+[名个家位艘架枚批国]|部分|一些|所有|全部|其他|若干|多名|数名|该|这些)+$")


@dataclass
class NP:
    """One noun phrase naming an actor: possibly several mentions (美国国务卿 + 布林肯), head last."""

    start: int
    end: int
    id: str
    kind: str  # actor type: person / state / organization / office / location / group
    country: str | None
    role: str = ""  # "" subject/object, recipient, comitative, venue, agent, source, visitor, host, excluded
    group: int = 0  # coordination group: NPs of one compound actor share it
    side: int = 0  # meeting side: 与/同/跟 opens a new side
    posted: str | None = None  # X驻Y: Y, where the envoy serves (its counterpart when none is named)

    @property
    def is_place(self) -> bool:
        return self.kind in ("state", "location")


@dataclass
class Args:
    actor: list[str]
    recipient: list[str]
    mode: str | None = None  # a mode the arguments imply (visit, third-party, multilateral)
    confidence: float = 0.85
    note: str | None = None
    type: str | None = None  # a type the arguments imply (civilians protesting, a launch at a target)
    subject_end: int | None = None  # end of the subject phrase in the trigger's clause (modality cues
    # are read after it); None when the subject was carried from elsewhere
    partners: list[str] = field(default_factory=list)  # 与 X: the partner side of a reciprocal act
    subject: list[str] = field(default_factory=list)  # the subject side of a reciprocal act
    venue: list[str] = field(default_factory=list)  # countries of the venue named in the clause (在 X)
    weak_recipient: bool = False  # the recipient is the last event's actor, guessed for want of any other
    no_target: bool = False  # the object says there is none (呼吁各方): a serial verb's recipient is not shared


@dataclass
class SentenceInfo:
    """What the argument finder needs to know about one sentence of a part."""

    text: str  # the whole part, Simplified view (offsets equal the original's)
    start: int
    end: int
    nps: list[NP]
    clauses: list[tuple[int, int]]
    trigger_spans: list[tuple[int, int, Trigger]] = field(default_factory=list)
    carry_subject: list[str] = field(default_factory=list)  # subject of the previous sentence
    last_parties: list[str] = field(default_factory=list)  # parties of the last meeting (双方)
    speaker: str | None = None  # quote speaker when the trigger is inside a quote
    prev_actors: list[str] = field(default_factory=list)  # actors of the last event before (对此)
    last_place: str | None = None  # country of the last state or place named before this sentence
    recent_events: list[tuple[list[str], list[str], str]] = field(default_factory=list)  # (actor, recipient, type)
    # of the last events coded in the part, newest last
    recent_acts: list[tuple[str, str, list[str], list[str]]] = field(default_factory=list)  # (trigger text,
    # type, actor, recipient) of the last events coded in the part
    visit_dest: list[str] = field(default_factory=list)  # countries of the last visit told (a later
    # meeting without a venue happens there: 抵达首尔，随后会见…)
    places: Any = None  # TargetPlaces (events/places.py): the state a place hit by an attack belongs to
    story_events: list[tuple[list[str], list[str], str]] = field(default_factory=list)  # (actor,
    # recipient, type) of every event coded so far in the paragraph, oldest first (对此: the act meant)
    told_acts: list[tuple[str, str, list[str], list[str]]] = field(default_factory=list)  # (trigger text,
    # type, actor, recipient) of every countable event coded so far in the part, oldest first (the act a
    # reaction word answers: 对协议表示欢迎)

    def object_triggers(self) -> list[tuple[int, int]]:
        """Spans of the triggers whose object is not a subject (visits, meetings, 召见 X …), computed once
        per list of trigger spans (a new list is read anew)."""
        cache = self.__dict__.get("_obj_trigs")
        spans = self.trigger_spans
        if cache is None or cache[0] is not spans or cache[1] != len(spans):
            objs = [(ts, te) for ts, te, t in spans if t.frame in ("visit", "meet", "host") or t.keeps_subject]
            cache = (spans, len(spans), objs)
            self.__dict__["_obj_trigs"] = cache
        return cache[2]

    def trigger_starts(self) -> set[int]:
        """Starts of the trigger spans, computed once per list of them."""
        cache = self.__dict__.get("_trig_starts")
        spans = self.trigger_spans
        if cache is None or cache[0] is not spans or cache[1] != len(spans):
            cache = (spans, len(spans), {t for t, _, _ in spans})
            self.__dict__["_trig_starts"] = cache
        return cache[2]

    def clause_of(self, pos: int) -> tuple[int, int]:
        for s, e in self.clauses:
            if s <= pos < e:
                return s, e
        return self.start, self.end

    def np_starts(self) -> list[int] | None:
        """Starts of ``nps`` for bisection, computed once; None unless the NPs are in order and
        disjoint (as build_nps makes them: then their ends grow with their starts too)."""
        cache = self.__dict__.get("_np_starts")
        if cache is None or cache[0] is not self.nps or cache[1] != len(self.nps):
            nps = self.nps
            ordered = all(nps[k].start == nps[k + 1].start and nps[k].end == nps[k + 1].end
                          or nps[k].end <= nps[k + 1].start for k in range(len(nps) - 1))
            cache = (nps, len(nps), [n.start for n in nps] if ordered else None)
            self.__dict__["_np_starts"] = cache
        return cache[2]

    def nps_within(self, lo: int, hi: int) -> list[NP]:
        """= [n for n in nps if lo <= n.start and n.end <= hi], by bisection."""
        starts, nps = self.np_starts(), self.nps
        if starts is None:
            return [n for n in nps if lo <= n.start and n.end <= hi]
        out = []
        for k in range(bisect.bisect_left(starts, lo), len(nps)):
            n = nps[k]
            if n.end > hi:
                break
            out.append(n)
        return out

    def np_at(self, pos: int) -> NP | None:
        """= next((n for n in nps if n.start <= pos < n.end), None), by bisection."""
        starts, nps = self.np_starts(), self.nps
        if starts is None:
            return next((n for n in nps if n.start <= pos < n.end), None)
        k = bisect.bisect_right(starts, pos) - 1
        if k >= 0 and pos < nps[k].end:
            while k > 0 and nps[k - 1].start == nps[k].start:
                k -= 1  # one span, several actors: the first of them
            return nps[k]
        return None

    def first_np_from(self, pos: int) -> int:
        """Index of the first NP that starts at or after ``pos`` (every earlier one starts before)."""
        starts = self.np_starts()
        if starts is None:
            return 0
        return bisect.bisect_left(starts, pos)


@functools.lru_cache(maxsize=8)
def _reporting_re(opens: tuple[str, ...], closes: tuple[str, ...]) -> re.Pattern[str]:
    """据 … 报道: compiled once per cue list (immutable data)."""
    ro = "|".join(re.escape(w) for w in sorted(opens, key=len, reverse=True))
    rc = "|".join(re.escape(w) for w in sorted(closes, key=len, reverse=True))
    return re.compile(rf"(?:{ro})[^，。；！？,]{{0,24}}?(?:{rc})")


def _alternation(ws: Iterable[str]) -> str:
    """The words as one regex alternation, in list order (as the rules wrote ``"|".join(map(re.escape, …))``)."""
    return "|".join(map(re.escape, ws))


@dataclass(frozen=True)
class _Cues:
    """The argument cue lists of a lexicon compiled once (``Lexicon.derived``): the questions asked of
    every NP and trigger (which marker ends this text, which head word starts that one) then cost one
    lookup instead of rebuilding, concatenating or hashing the lists each time."""

    modifier: Words  # modifier_markers: 对…的 phrase modifying a noun
    coordinators: frozenset[str]
    comitative_set: frozenset[str]
    group_heads: tuple[str, ...]  # (or a sentinel that never starts a text)
    visitor: Words
    comitative: Words
    border: tuple[str, ...]  # (or a sentinel that never starts a text)
    markers: Words  # passive, recipient, venue, source and comitative markers together
    role_of: dict[str, str]  # marker → role of the first of those lists that has it
    marker_exc: Words
    titles: Words  # title words and IGO titles between two mentions of one phrase
    reporting: re.Pattern[str]
    heads: Words  # words that open a clause with no subject of its own (_subjectless_head)
    adverbs: Words
    adverb_ranks: dict[str, tuple[int, ...]]  # adverb → its places in adverbs.longest_first
    head_exc: Words
    generic_agents: tuple[str, ...]
    recipient_markers: Words
    pp_exc: Words  # marker_exceptions + pp_marker_exceptions
    pp_exc_max: int  # length of the longest of them
    place_markers: Words  # recipient and venue markers (_target_place)
    both_sides: tuple[str, ...]
    subordinators: tuple[str, ...]
    speech_verbs: Any  # an Aho-Corasick automaton of guards' speech_verbs (None: none), for _last_speech_end
    speech_verb_empty: bool  # the list holds "" (which every text ends with)
    civ_after: re.Pattern[str]  # a civilian noun right after a mention
    civ_pp: re.Pattern[str]  # 对/向/朝 + a civilian noun
    dom_after: re.Pattern[str] | None  # a domestic target right after the trigger
    dom_pp: re.Pattern[str] | None  # 对/向/朝 + a domestic target before it
    vicinity: str  # alternation of vicinity words ("" when none)
    first_person: tuple[str, ...]  # 我, 我们: the speaker's (or writer's) own subject


def _build_cues(lex: Lexicon) -> _Cues:
    a = lex.cues["arguments"]
    g = lex.cues["guards"]
    table = [("agent", a["passive_markers"]), ("recipient", a["recipient_markers"]),
             ("venue", a["venue_markers"]), ("source", a.get("source_markers", [])),
             ("comitative", a["comitative_markers"])]
    role_of: dict[str, str] = {}
    for r, ws in table:
        for w in ws:
            if w:
                role_of.setdefault(w, r)
    pp_exc = Words(list(a.get("marker_exceptions", [])) + list(a.get("pp_marker_exceptions", [])))
    civ = a.get("civilian_nouns", [])
    dom = a.get("domestic_targets", [])
    adverbs = Words(a.get("adverbs", []))
    return _Cues(
        modifier=Words(a.get("modifier_markers", [])),
        coordinators=frozenset(a["coordinators"]),
        comitative_set=frozenset(a["comitative_markers"]),
        group_heads=tuple(a.get("group_heads", [])) or ("\0",),
        visitor=Words(a.get("visitor_markers", [])),
        comitative=Words(a["comitative_markers"]),
        border=tuple(a.get("border_words", [])) or ("\0",),
        markers=Words(role_of),
        role_of=role_of,
        marker_exc=Words(a.get("marker_exceptions", [])),
        titles=Words(tuple(a["title_words"]) + tuple(a.get("igo_titles", []))),
        reporting=_reporting_re(tuple(g["reporting_open"]), tuple(g["reporting_close"])),
        heads=Words(list(a.get("pp_heads", [])) + list(a.get("pronouns", [])) + list(a.get("verb_heads", []))
                    + list(g["speech_verbs"]) + list(g["light_verbs"])),
        adverbs=adverbs,
        adverb_ranks=_places(adverbs.longest_first),
        head_exc=Words(list(a.get("pp_marker_exceptions", [])) + list(a.get("marker_exceptions", []))
                       + list(a.get("not_pp_heads", []))),
        generic_agents=tuple(a.get("generic_agents", [])) or ("\0",),
        recipient_markers=Words(a["recipient_markers"]),
        pp_exc=pp_exc,
        pp_exc_max=max((len(w) for w in pp_exc.words), default=0),
        place_markers=Words(list(a["recipient_markers"]) + list(a["venue_markers"])),
        both_sides=tuple(a.get("both_sides", [])),
        speech_verbs=_automaton(g["speech_verbs"]),
        speech_verb_empty="" in g["speech_verbs"],
        subordinators=tuple(w for w in a.get("subordinators", []) if "…" not in w),
        civ_after=re.compile(r"(?:的)?(?:" + _alternation(civ) + ")"),
        civ_pp=re.compile(r"(?:对|向|朝)(?:[^，。；！？]{0,3})(?:" + _alternation(civ) + ")"),
        dom_after=re.compile(r"(?:了|过)?(?:" + _alternation(dom) + ")") if dom else None,
        dom_pp=re.compile(r"(?:对|向|朝)(?:" + _alternation(dom) + r")[^，。；！？]{0,8}$") if dom else None,
        vicinity=_alternation(a.get("vicinity_words", [])),
        first_person=tuple(w for w in a.get("first_person", []) if w) or ("\0",),
    )


def _places(ws: tuple[str, ...]) -> dict[str, tuple[int, ...]]:
    out: dict[str, tuple[int, ...]] = {}
    for k, w in enumerate(ws):
        out[w] = out.get(w, ()) + (k,)
    return out


def _automaton(words: Iterable[str]) -> Any:
    """All occurrences of the non-empty ``words`` in one pass (overlapping), or None for no word."""
    import ahocorasick_rs as ac

    ws = list(dict.fromkeys(w for w in words if w))
    return ac.AhoCorasick(ws, matchkind=ac.MatchKind.Standard) if ws else None


def _last_speech_end(cc: _Cues, region: str) -> int:
    """The furthest end of a speech verb in ``region``, or -1 (= max over the verbs of region.rfind(w) +
    len(w) where found: each verb's last occurrence ends furthest; one automaton pass, not a search per verb)."""
    if cc.speech_verb_empty:
        return len(region)  # "".rfind gives the end of the text
    if cc.speech_verbs is None:
        return -1
    return max((e for _, _, e in cc.speech_verbs.find_matches_as_indexes(region, overlapping=True)), default=-1)


def _cues(lex: Lexicon) -> _Cues:
    return lex.derived("arguments", _build_cues)


def _covered(text: str, i: int, lo: int, exc: Words, longest: int, longer_than: int = 0) -> bool:
    """Does a word of ``exc`` longer than ``longer_than`` start in [lo, i] and cover position ``i``?
    (= any(text.startswith(x, k) for x in exc for k in range(max(lo, i - len(x) + 1), i + 1)
    if len(x) > longer_than)): the longest word at each start is the one that covers furthest."""
    for k in range(max(lo, i - longest + 1), i + 1):
        x = exc.longest_at(text, k)
        if x is not None and len(x) > longer_than and len(x) > i - k:
            return True
    return False


def _uniq_np(nps: list[NP]) -> list[NP]:
    out: list[NP] = []
    for n in sorted(nps, key=lambda n: n.start):
        if n not in out:
            out.append(n)
    return out


def _uniq(ids: Iterable[str]) -> list[str]:
    out: list[str] = []
    for i in ids:
        if i and i not in out:
            out.append(i)
    return out


def country_of(actor_id: str, actors: dict[str, Any]) -> str | None:
    if _ISO3.match(actor_id):
        return actor_id
    a = actors.get(actor_id)
    return getattr(a, "country", None) if a is not None else None


def _side(ids: Iterable[str], actors: dict[str, Any]) -> set[str]:
    """The parties as states where their country is known (a minister is his state), else as themselves."""
    return {country_of(x, actors) or x for x in ids}


def _own_states(ids: Iterable[str], actors: dict[str, Any]) -> list[str]:
    """The known countries of the parties, in order, each once (for domestic X→X events)."""
    return _uniq(c for c in (country_of(a, actors) for a in ids) if c)


def clauses(text: str, start: int, end: int) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    s = start
    for m in _CLAUSE_RE.finditer(text, start, end):
        i = m.start()
        out.append((s, i + 1))
        s = i + 1
    if s < end:
        out.append((s, end))
    return out


def _only_words(gap: str, words: list[str]) -> bool:
    """True if ``gap`` can be cut entirely into ``words`` (greedy, longest first)."""
    gap = gap.strip()
    if not gap:
        return True
    ws = _wordset(words)
    i = 0
    while i < len(gap):
        w = ws.longest_at(gap, i)  # the longest word at i, as a longest-first loop would take
        if w is None:
            return False
        i += len(w)
    return True


def _ends_with(text: str, words: Iterable[str]) -> str | None:
    return _wordset(words).longest_suffix(text.rstrip())  # the longest listed word ending the text


_CN_NUM = {"两": 2, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10}


def group_anaphors(text: str, mentions: list[tuple[int, int, str]], actors: dict[str, Any],
                   lex: Lexicon) -> list[tuple[int, int, str]]:
    """Mentions for words that stand for states named together earlier in the part (三国, 这些国家,
    上述两国): one mention per member state on the anaphor's span, like a compound (美日韩), so every
    role rule (对/向/与, objects, subjects) reads them as the named states. The antecedent is the latest
    list of states before the word with as many members as the word says (a list ending in 等 may stand
    for more), or any list of two or more for 这些国家/上述国家. Words the pattern must not read as an
    anaphor (七国集团) are in cues.yaml `group_anaphors.not_after`."""
    cfg = lex.cues["arguments"].get("group_anaphors") or {}
    pat = cfg.get("pattern")
    if not pat:
        return []
    found = list(re.finditer(pat, text))
    if not found:
        return []  # (most parts have no anaphor: the lists of states are not needed)
    bad_after = tuple(cfg.get("not_after") or []) or ("\0",)
    coords = set(lex.cues["arguments"]["coordinators"])
    ms = sorted(m for m in mentions if _ISO3.match(m[2]))
    # lists of states: mentions side by side or joined by a coordinator (阿根廷、智利和秘鲁; 美日韩)
    groups: list[tuple[int, int, list[str], bool]] = []  # start, end, ids, open-ended (…等)
    for s, e, aid in ms:
        if groups:
            gs, ge, ids, _ = groups[-1]
            gap = text[ge:s]
            if s < ge or gap == "" or gap in coords:
                ids = ids if aid in ids else ids + [aid]
                groups[-1] = (gs, max(ge, e), ids, text.startswith("等", max(ge, e)))
                continue
        groups.append((s, e, [aid], text.startswith("等", e)))
    out: list[tuple[int, int, str]] = []
    for m in found:
        a, b = m.start(), m.end()
        if text.startswith(bad_after, b) or any(s < b and a < e for s, e, _ in mentions):
            continue
        if any(e == a for s, e, _ in ms):
            continue  # 中美两国 / 马里、尼日尔三国: the states are named right there
        num = m.group("n") if "n" in m.groupdict() else None
        n = (_CN_NUM.get(num) or (int(num) if num and num.isdigit() else None)) if num else None
        for gs, ge, ids, open_ in reversed([g for g in groups if g[1] <= a]):
            if len(ids) >= 2 and (n is None or len(ids) == n or (open_ and len(ids) < n)):
                out.extend((a, b, i) for i in ids)
                break
    return out


def build_nps(
    text: str,
    start: int,
    end: int,
    mentions: list[tuple[int, int, str]],
    actors: dict[str, Any],
    lex: Lexicon,
    igo_of: dict[str, str] | None = None,
) -> list[NP]:
    """Noun phrases of the sentence [start, end) from (start, end, actor id) mentions, with roles.

    ``igo_of`` (per document, updated here) maps officials of international organisations to their
    organisation once a phrase has named both (北约秘书长斯托尔滕贝格 → org:nato): PLOVER codes an IGO's
    agents as the IGO (annotation: IGOs get org: ids), and the official's nationality is not the actor."""
    guards = lex.cues["guards"]
    cc = _cues(lex)
    ms = sorted((m for m in mentions if start <= m[0] and m[1] <= end), key=lambda m: (m[0], -(m[1] - m[0])))
    # (callers pass the sentence's own mentions; the filter keeps the function safe for any list)
    kept: list[tuple[int, int, str]] = []
    for m in ms:
        if kept and m[0] == kept[-1][0] and m[1] == kept[-1][1]:
            if m[2] != kept[-1][2]:
                kept.append(m)  # one span, several actors (美日韩 as a compound): coordination
            continue
        if kept and m[0] < kept[-1][1]:  # nested or overlapping: the longer, earlier mention wins
            continue
        kept.append(m)

    def kind(aid: str) -> str:
        a = actors.get(aid)
        if a is not None and getattr(a, "type", None):
            return a.type
        return "state" if _ISO3.match(aid) else "person"

    titles = cc.titles
    nps: list[NP] = []
    for s, e, aid in kept:
        k = kind(aid)
        if igo_of is not None and aid in igo_of:
            aid, k = igo_of[aid], "organization"
        if nps and s >= nps[-1].end:
            prev = nps[-1]
            gap = text[prev.end:s]
            # 美国 国务卿 布林肯 → one phrase headed by the person; 美日韩 (states side by side) are three.
            if k not in ("state", "location") and (
                    (gap.strip() != "" and _only_words(gap, titles))
                    or (gap == "" and prev.kind in ("state", "organization", "office"))):
                a = actors.get(aid)
                if (igo_of is not None and k == "person" and prev.kind == "organization"
                        and getattr(a, "sector", None) == "IGO" and country_of(prev.id, actors) is None):
                    igo_of[aid] = prev.id  # 北约秘书长斯托尔滕贝格: the organisation acts
                    aid, k = prev.id, prev.kind
                elif ("驻" in gap or text.startswith("驻", s)) and country_of(aid, actors) != country_of(
                        prev.id, actors):
                    # 俄罗斯驻欧盟代表团 / 俄罗斯驻德国大使涅恰耶夫: the mention after 驻 is where the envoy
                    # serves; the envoy acts for the state named before 驻 (annotation: officials as
                    # their state)
                    posted = aid if "驻" in gap else None
                    aid, k = prev.id, prev.kind
                    nps[-1] = NP(prev.start, e, aid, k, country_of(aid, actors), posted=posted)
                    continue
                nps[-1] = NP(prev.start, e, aid, k, country_of(aid, actors))
                continue
        nps.append(NP(s, e, aid, k, country_of(aid, actors)))

    # Zones whose mentions are never arguments: media sources (据美国之音报道) and topics (就朝鲜问题).
    zones: list[tuple[int, int]] = []
    sent = text[start:end]
    for m in cc.reporting.finditer(sent):
        zones.append((start + m.start(), start + m.end()))
    if _TOPIC_END.search(sent):  # (the zone pattern is slow to fail; most sentences lack its end words)
        for m in _TOPIC_RE.finditer(sent):
            zones.append((start + m.start(), start + m.end()))
    if guards.get("dateline") and may_match(guards["dateline"], sent):
        for m in re.finditer(guards["dateline"], sent):
            zones.append((start + m.start(), start + m.end()))
    media = set(guards.get("media_sectors") or ["MED", "JRN"])

    coord, comit = cc.coordinators, cc.comitative_set
    new_side = {"与", "同", "跟", "偕"}
    group_heads = cc.group_heads
    reporting_close = tuple(guards["reporting_close"])
    byline = tuple(guards.get("byline_after") or []) or ("\0",)
    credit = _credit_re(guards.get("media_credit_after") or "")
    stops = [m.start() for m in _STOP_RE.finditer(text, start, end)]  # for each NP's clause start
    group = 0
    side = 0
    for i, np_ in enumerate(nps):
        if any(zs <= np_.start and np_.end <= ze for zs, ze in zones):
            np_.role = "excluded"
        if text.startswith(group_heads, np_.end):
            np_.role = "excluded"  # 叙利亚反对派武装: a group of that country, not the state
        a = actors.get(np_.id)
        if a is not None and getattr(a, "sector", None) in media and text[np_.end:np_.end + 3].startswith(
            reporting_close
        ):
            np_.role = "excluded"  # 美联社报道: a source, not an actor
        if a is not None and getattr(a, "sector", None) in media and text.startswith(byline, np_.end):
            np_.role = "excluded"  # 中央社記者台北22日電: the reporter's outlet (a byline), not an actor
        if (a is not None and getattr(a, "sector", None) in media and credit is not None
                and _CREDIT_LEAD.fullmatch(text, start, np_.start) and credit.match(text, np_.end)):
            np_.role = "excluded"  # （德国之声中文网）/【明報專訊】/美国之音 —: the outlet credited, not an actor
        prev = nps[i - 1] if i else None
        gap = text[prev.end:np_.start].strip() if prev else None
        if (prev is not None and gap and len(gap) <= 10 and gap not in coord and gap not in comit
                and not any(p in gap for p in _CLAUSE_PUNCT + "。！？") and _ends_with(gap, _LIST_JOINERS)
                and "的" in gap and prev.role == ""):
            gap = _ends_with(gap, _LIST_JOINERS)  # 沙特领导的多国联军和胡塞武装: still one list
        if (prev is not None and prev.role == "venue" and gap is not None and np_.role == ""
                and re.fullmatch(r"(?:首都|首府|城市|境内|[东南西北中]部|省|州|市|的)?", gap)):
            np_.role, np_.group, np_.side = "venue", prev.group, prev.side  # 在尼日利亚首都阿布贾: one place
            continue
        if prev is not None and (gap == "" or gap in coord or gap in comit):
            if gap in new_side and prev.role in ("", "visitor", "comitative"):
                # X 与 Y: one compound actor for directed events, two sides for a meeting.
                side += 1
                np_.group, np_.side = prev.group, side
                np_.role = np_.role or "comitative"
                continue
            if gap not in new_side or prev.role in ("recipient", "agent", "host"):
                np_.group, np_.side = prev.group, prev.side
                np_.role = np_.role or prev.role
                continue
        group += 1
        side += 1
        np_.group, np_.side = group, side
        if np_.role:
            continue
        k = bisect.bisect_left(stops, np_.start) - 1  # the last punctuation before the NP
        clause_start = stops[k] + 1 if k >= 0 else start
        np_.role = _marker_role(text[clause_start:np_.start], text[np_.end:np_.end + 4], cc)
    return nps


_CREDIT_LEAD = re.compile(r"[\s（(【〔\[「]*")  # what may stand before an outlet credited at a sentence start


@functools.lru_cache(maxsize=4)
def _credit_re(pattern: str) -> re.Pattern[str] | None:
    """cues.yaml guards `media_credit_after`, compiled once (None when empty)."""
    return re.compile(pattern) if pattern else None


_INVITED = re.compile(r"\s*(?:的)?(?:邀请|之邀)")


def _marker_role(before: str, after: str, cc: _Cues) -> str:
    """The role a preposition right before a mention gives it (对 X → recipient, 在 X → venue…)."""
    before = before.rstrip()
    if cc.modifier.longest_suffix(before):
        return "excluded"
    # 对 11 名朝鲜个人, 向数千名: a quantifier between the preposition and the mention
    if before[-1:] in _QUANT_LAST:  # (the pattern is anchored at the end: skip the scan when it cannot end)
        before = _QUANT.sub("", before)
    stripped = before.rstrip()  # (suffix tests skip trailing spaces, the two below do not)
    if cc.visitor.longest_suffix(stripped):
        return "visitor"
    if before.endswith("应") and _INVITED.match(after):
        return "host"
    if cc.comitative.longest_suffix(stripped) and after.startswith(cc.border):
        return "venue"  # 向与圭亚那接壤的边境增派军队: a neighbour describing a place, not a co-actor
    if _PLACE_LIST.search(before[-16:]):  # (a match is at most 14 characters, at the end)
        return "venue"  # 在台湾海峡、台湾北部…: a list of places after 在
    # the longest marker of the passive, recipient, venue, source and comitative lists ending the text;
    # of equally long ones, the role of the first list (the markers of all lists in one set)
    best = cc.markers.longest_suffix(stripped)
    if not best:
        return ""
    exc = cc.marker_exc.longest_suffix(stripped)
    if exc and len(exc) > len(best):
        return ""
    return cc.role_of[best]


def _subject_candidates(si: SentenceInfo, lo: int, hi: int, lex: Lexicon) -> list[NP]:
    """Unmarked NPs in [lo, hi) that are not the object of an earlier trigger, after the last speech verb."""
    k = _last_speech_end(_cues(lex), si.text[lo:hi])
    cut = lo + k if k >= 0 else lo
    cands = [n for n in si.nps_within(lo, hi) if n.role in ("", "comitative")]
    after = [n for n in cands if n.start >= cut]
    if any(n.role == "" for n in after):
        cands = after
    objs = [te for ts, te in si.object_triggers() if lo <= ts and te <= hi]
    if not objs:
        return cands
    return [n for n in cands if not any(te <= n.start <= te + 2 for te in objs)]


def _object(si: SentenceInfo, pos: int, clause_end: int, max_gap: int = 12) -> list[NP]:
    """The coordinated NP group right after the trigger (its object), if any."""
    nps = si.nps
    for k in range(si.first_np_from(pos), len(nps)):  # (NPs that start before pos are never it)
        n = nps[k]
        if n.start >= pos and n.end <= clause_end and n.start - pos <= max_gap:
            gap = si.text[pos:n.start]
            group = nps[si.first_np_from(n.start):]
            # 撤销对X的指控 / 下调与X的关系 / 屈服于X: a marked phrase right after the verb is its object
            if (n.role in ("recipient", "comitative") and _AGREEMENT_OF.match(si.text, n.end)) or (
                    n.role == "venue" and gap.strip() == "于"):
                return [m for m in group if m.group == n.group and m.start >= n.start and m.role != "excluded"]
            if n.role not in ("",):
                return []
            if any(p in gap for p in "，。；！？"):
                return []
            return [m for m in group if m.group == n.group and m.start >= n.start and m.role != "excluded"]
        if n.start >= pos:
            break
    return []


def _has_own_subject(si: SentenceInfo, cs: int, ts: int, lex: Lexicon, times: list[tuple[int, int]],
                     pp: int | None = None) -> bool:
    """Does the clause start with text that is neither a linked actor, an adverb nor a time expression?
    Then it has a subject the linker did not resolve (西方制裁…, 胡塞武装袭击…): borrowing the previous
    clause's subject would be wrong."""
    stop = min(_first_np_start(si, cs, ts), ts, pp if pp is not None else ts)
    seg = list(si.text[cs:stop])
    for a, b in times:
        for k in range(max(a, cs), min(b, stop)):
            seg[k - cs] = " "
    rest = "".join(seg)
    if _subjectless_head(si, rest, cs, lex):
        return False
    cc = _cues(lex)
    if not si.speaker and rest.lstrip(" “「\"").startswith(cc.first_person):
        return True  # 我完全同意…: the writer's own subject outside any quote (inside one it is the speaker)
    present = cc.adverbs.present(rest)  # replacing with spaces never makes a new adverb appear
    for w in sorted(present, key=lambda w: cc.adverb_ranks[w][0]):  # longest first, as listed among equals
        rest = rest.replace(w, " ")
    # 罕有地同时批评 / “最强烈地谴责”: a manner phrase in 地 (two or more characters before it, so not a
    # place noun such as 当地, 各地) and a time frame whose time is blanked (自2月10日起对…, 从即日起) head the
    # verb phrase; they are no subject
    rest = _ADVERBIAL_DE.sub(" ", _TIME_FRAME.sub(" ", rest))
    rest = _NOT_WORD.sub("", rest)
    # 警方/法官/当局 at the head: the state's agents, named generically — the clause's actor is the state
    # the discourse is about (its earlier subject), as for a zero subject (annotation: police, courts
    # and armies are coded as their state)
    if _generic_head(rest, lex):
        return False
    return len(rest) >= 2


def _subjectless_head(si: SentenceInfo, rest: str, cs: int, lex: Lexicon) -> bool:
    """Does the clause begin, after adverbs and times, with a preposition (就“悲剧事件”致歉, 并向边境增派),
    a third-person pronoun (他同时下令…) or a verb (下令, 提出严正交涉, another trigger)? Chinese puts the
    subject first, so such a clause has none of its own: it continues the topic chain (zero subject),
    whatever nouns the preposition's or verb's object holds. ``rest`` is the clause up to its first
    mention, with times blanked (same offsets as the text from ``cs``)."""
    cc = _cues(lex)
    heads, adverbs, exceptions = cc.heads, cc.adverbs, cc.head_exc
    trig_starts = si.trigger_starts()
    i = 0
    while i < len(rest):
        if rest[i] in " \t\u3000“”\"'「」『』《》（）()、·":
            i += 1
            continue
        h = heads.longest_at(rest, i)
        x = exceptions.longest_at(rest, i)  # 对方, 对话, 向来: a noun or adverb, not the preposition
        if (h is not None and (x is None or len(x) <= len(h))) or (cs + i) in trig_starts:
            return True
        w = adverbs.longest_at(rest, i)
        if w is None:
            return False
        i += len(w)
    return False


def _first_np_start(si: SentenceInfo, lo: int, hi: int) -> int:
    """= min([n.start for n in si.nps if lo <= n.start < hi] + [hi])."""
    starts = si.np_starts()
    if starts is None:
        return min([n.start for n in si.nps if lo <= n.start < hi] + [hi])
    k = bisect.bisect_left(starts, lo)
    return starts[k] if k < len(starts) and starts[k] < hi else hi


def _generic_head(rest: str, lex: Lexicon) -> bool:
    return rest.startswith(_cues(lex).generic_agents)


def _strip_in_order(rest: str, ws: Words, ranks: dict[str, tuple[int, ...]]) -> str:
    """= for w in ws.longest_first: if rest.startswith(w): rest = rest[len(w):] — one pass down the
    list, each word cut when it opens the text at its turn; found by jumping to the next listed word
    that opens the text (the listed prefixes of the longest one there) instead of testing every word.
    ``ranks``: each word's places in ``ws.longest_first``."""
    done = -1  # place of the last word cut
    while rest:
        top = ws.longest_at(rest, 0)
        if top is None:
            return rest
        nxt = min((r for k in range(1, len(top) + 1) for r in ranks.get(top[:k], ()) if r > done), default=None)
        if nxt is None:
            return rest
        rest = rest[len(ws.longest_first[nxt]):]
        done = nxt
    return rest


def _generic_subject(si: SentenceInfo, cs: int, ts: int, lex: Lexicon) -> bool:
    """The clause's subject is a generic agent noun (警方, 法官) rather than a zero subject."""
    stop = min(_first_np_start(si, cs, ts), ts)
    rest = si.text[cs:stop]
    cc = _cues(lex)
    rest = _strip_in_order(rest, cc.adverbs, cc.adverb_ranks)
    rest = _LEAD_TIME_PUNCT.sub("", rest)
    return _generic_head(rest, lex)


def _pp_start(si: SentenceInfo, cs: int, ts: int, lex: Lexicon) -> int | None:
    """Start of a prepositional phrase 对/向/针对 … that runs up to the trigger (对8名协助朝鲜采购武器的
    个人实施制裁): every mention inside it belongs to the recipient phrase, none is the subject."""
    cc = _cues(lex)
    text = si.text
    markers = cc.recipient_markers
    i = cs
    # A walk from the clause start over names (朝鲜 is a name, not the preposition 朝) and markers: jump
    # from one marker occurrence to the next; one inside a name is skipped with the name.
    while i < ts:
        hit = markers.find_from(text, i, ts)  # the longest marker at the next position that has one
        if hit is None or hit[0] >= ts:
            return None
        i, w = hit
        inside = si.np_at(i)
        if inside is not None:
            i = inside.end
            continue
        if _covered(text, i, cs, cc.pp_exc, cc.pp_exc_max, len(w)):
            i += len(w)  # inside a longer exception word (对方, 对话)
            continue
        after = next((n for n in si.nps_within(i + len(w), ts) if n.role != "excluded"), None)
        if after is not None and after.role in ("", "recipient"):
            gap = text[i + len(w):after.start]
            if len(gap) <= 12 and not any(p in gap for p in _CLAUSE_PUNCT + "。！？"):
                return i
        i += len(w)
    return None


def _borrowed_subject(si: SentenceInfo, cs: int, lex: Lexicon) -> tuple[list[NP], list[str]]:
    """Zero subject: the subject of the nearest earlier clause of the sentence that has one. A clause's
    subject stands before its first trigger and before any speech verb (警告 in 称X…，并警告Y: the
    speaker warns, not X); objects and reported content are never borrowed. 双方/两人 at the head of the
    clause carries the parties of the last meeting."""
    cc = _cues(lex)
    speech = lex.cues["guards"]["speech_verbs"]
    for pcs, pce in reversed([c for c in si.clauses if c[1] <= cs]):
        lead = _LEAD_TIME.sub("", si.text[pcs:pce])
        if si.last_parties and lead.startswith(cc.both_sides):
            return [], list(si.last_parties)
        if lead.startswith(cc.subordinators):
            continue  # 由于X未支付，…: an adverbial clause's mentions are not the main subject
        limit = min([t for t, _, _ in si.trigger_spans if pcs <= t < pce] + [pce])
        seg = si.text[pcs:limit]
        for w in speech:
            k = seg.find(w)
            if k >= 0 and si.np_at(pcs + k) is None:
                limit = min(limit, pcs + k)
        cands = [n for n in si.nps_within(pcs, limit) if n.role == ""]
        if cands and _owns_words(si, cands[0], lex.cues["arguments"]):
            continue  # 高市的言论严重干涉中国内政，要求…: the owner of the clause's subject is no subject
        if cands and _verb_initial(si.text[pcs:cands[0].start], cc.adverbs):
            continue  # 将进一步损害香港的权利: a party after the clause's verb is its object, no subject
        if cands:
            g = cands[0].group
            grp = [n for n in cands if n.group == g]
            return grp, [n.id for n in grp]
    return [], []


def _owns_words(si: SentenceInfo, n: NP, args_cues: dict[str, Any]) -> bool:
    """Is the party the owner of words or an act named right after it (高市的言论, 墨方的决定, 澳方的做法:
    cues.yaml `possessed_acts`)? Then the clause's subject is those words, not the party."""
    return si.text.startswith("的", n.end) and si.text.startswith(
        tuple(args_cues.get("possessed_acts", [])) or ("\0",), n.end + 1)


def _verb_initial(gap: str, adverbs: Words) -> bool:
    """Does a clause open with adverbs or a modal and then other words before its first party (…，将进一步损害
    香港的权利 / 就日本首相…言论提出交涉)? Then the clause has no subject of its own (it continues the chain
    of the sentence's subject) and its party stands after the verb or inside a phrase: no subject to carry
    over to a next clause with none. A clause opening with its party, or with modifiers of it (首批印度军人,
    最大在野党共同民主党), is read as before."""
    gap = _LEAD_TIME.sub("", gap).strip(" 　“”「」\"'")
    i = 0
    while i < len(gap):
        w = adverbs.longest_at(gap, i)
        if w is None:
            break
        i += len(w)
    return 0 < i < len(gap)


def _meeting_partners(si: SentenceInfo, subject: list[NP], lex: Lexicon) -> list[str]:
    """The partners (与/同 X, comitative members of the subject's group) of a borrowed subject when its clause
    tells a meeting (a meet-frame trigger): they took part in what the meeting did."""
    if not subject:
        return []
    pcs, pce = si.clause_of(subject[0].start)
    if not any(pcs <= t < pce and trig.frame == "meet" for t, _, trig in si.trigger_spans):
        return []
    g = subject[0].group
    return [n.id for n in si.nps_within(pcs, pce) if n.group == g and n.role in ("comitative", "visitor")
            and n.start > subject[0].start]


def find_arguments(si: SentenceInfo, ts: int, te: int, trig: Trigger, lex: Lexicon,
                   actors: dict[str, Any], times: list[tuple[int, int]] | None = None) -> Args | None:
    """Actor and recipient ids for the trigger at [ts, te) of this sentence, or None if no actor."""
    cs, ce = si.clause_of(ts)
    conf = 0.85
    args_cues = lex.cues["arguments"]
    cc = _cues(lex)
    pre = [n for n in si.nps if cs <= n.start and n.end <= ts and n.role != "excluded"]
    inside = [n for n in si.nps if ts <= n.start and n.end <= te and n.role != "excluded"]  # regex spans
    agents = [n for n in pre if n.role == "agent"]
    recips = [n for n in pre if n.role == "recipient"] + [n for n in inside if n.role in ("recipient", "")]
    comits = [n for n in pre if n.role == "comitative" or (
        n.role == "visitor" and trig.frame in ("reciprocal", "directed")
        and re.search(r"[与同跟和](?:[^，。；！？与同跟和]{0,6})$", si.text[cs:n.start]))]
    # (与到访的巴新总理马拉佩签署: a visitor named after 与 is the partner of a joint act, as in a meeting)
    sources = [n for n in pre if n.role == "source"]
    venue = [n for n in si.nps if n.role == "venue" and cs <= n.start < ce] or [
        n for n in si.nps if n.role == "venue" and si.start <= n.start < ts]
    visitors = [n for n in si.nps if n.role == "visitor" and n.start < ce]
    hosts = [n for n in si.nps if n.role == "host"]
    pre_text = si.text[cs:ts]
    pp = _pp_start(si, cs, ts, lex)
    inner_subject: list[NP] = []
    if pp is not None and _ANSWER_HEAD.match(si.text[te:ce]):
        # 这是对俄罗斯11日驱逐爱沙尼亚大使的回应: the act is inside the 对 phrase; its subject follows 对
        first = next((n for n in pre if n.start > pp), None)
        if first is not None:
            inner_subject = [n for n in pre if n.group == first.group and n.start > pp]
            recips = [n for n in recips if n not in inner_subject]
        pp = None
    elif pp is not None:
        # 对 X……Y 实施: the whole phrase up to the trigger is the recipient phrase
        inpp = [n for n in pre if n.start > pp and n.role in ("", "recipient")]
        recips = _uniq_np(inpp + [n for n in recips if n not in inpp])

    subj_nps = inner_subject or [n for n in _subject_candidates(si, cs, pp if pp is not None else ts, lex)
                                 if n.role == ""]
    lead = _LEAD_TIME.sub("", pre_text)
    if si.last_parties and any(lead.startswith(w) for w in args_cues.get("both_sides", [])):
        subj_nps = []  # 两人/双方 at the head of the clause: the parties of the last meeting
    subject: list[NP] = []
    if subj_nps:
        g = subj_nps[-1].group
        subject = [n for n in subj_nps if n.group == g]
    subject_ids = [n.id for n in subject]
    if subject and trig.type in _CHARGE_OF_ACT and not agents and _owns_words(si, subject[-1], args_cues):
        # 皮斯托里乌斯称，万斯的说法“不可接受” / 墨方的决定“完全不可接受”: the party before 的 owns the words or
        # the act charged, it does not charge; the speaker does, at the owner (annotation: 称…非法 → ACCUSE
        # allege; as speaker_charge reads a detector's cue inside reported words)
        said = speaker_charge(si, subject[-1].end, te, lex, actors, trig.type)  # (the speech verb before the
        if said is not None:  # owner: 说 inside 说法 is none)
            return said
    passive = _PASSIVE.search(pre_text)
    agentless = passive is not None and not agents and not any(n.start >= cs + passive.start() for n in pre)
    if not agents and (agentless or si.text.startswith("被", ts)) and _state_act(si, ts, te, trig, lex):
        # 已有107人被拘留 / 邦戈已被软禁在家中 / 两人昨日被落案起诉: an arrest, a sentence or a charge told from
        # the side of the one it befalls is the act of a state's police, courts or prosecutors (annotation:
        # they are coded as their state; "an agentless passive is coded only when the text itself says who
        # acted elsewhere" — the story names the state whose agents these are)
        return _agentless_state_act(si, cs, ts, te, ce, subject, actors, lex)
    if agentless:
        return None  # agentless passive (大坝被炸毁): no actor named, no event (annotation: passives)
    civ_words = args_cues.get("civilian_nouns", [])
    civ_text = pre_text if subject else si.text[si.start:ts]
    civil = bool(trig.civil_type or trig.type == "PROTEST") and not subject and any(w in civ_text for w in civ_words)
    if civil:
        # 民众聚集抗议: ordinary people; the actor is their country (韩国民众) or the country where it
        # happens, or in context.
        dem = [country_of(n.id, actors) for n in si.nps if n.start < ts and n.role != "excluded"
               and cc.civ_after.match(si.text[n.end:n.end + 6])]
        place = [c for c in dem if c] or [country_of(n.id, actors) for n in venue] or [
            country_of(n.id, actors) for n in si.nps if n.start < ts and n.is_place]
        place = [p for p in place if p]
        if not place:
            return None
        # Protesters address their own government unless a foreign actor (an embassy) is named.
        foreign = _uniq(c for c in (country_of(n.id, actors) for n in si.nps if n.role != "excluded")
                        if c and c != place[-1])
        return Args(actor=[place[-1]], recipient=foreign[:1] or [place[-1]], confidence=0.6,
                    type=trig.civil_type or trig.type, mode=trig.mode if trig.type == "PROTEST" else "demo")
    own_subject = _has_own_subject(si, cs, ts, lex, times or [], pp)
    chained = False  # the actor continues the topic chain over a clause head with no subject of its own
    borrowed = False
    first_person = [w for w in args_cues.get("first_person", []) if w in pre_text]
    if not subject and not agents and si.speaker and first_person:
        subject_ids = [si.speaker]  # 我们 inside a quote: the speaker
    elif not subject and not agents and not own_subject:
        if any(w in pre_text for w in args_cues.get("both_sides", [])) and si.last_parties:
            subject_ids = list(si.last_parties)
        else:
            # Zero subject: the subject of an earlier clause of the sentence carries over.
            subject, subject_ids = _borrowed_subject(si, cs, lex)
            if subject and trig.frame == "reciprocal":
                # 赫格塞思与辛格举行会谈，并签署…: a joint act continuing a meeting's clause is the meeting's
                # parties' (manual, Compound and Reciprocal Actors); a one-sided promise after a meeting
                # (会晤后，同意暂缓征收关税) stays its subject's
                subject_ids = subject_ids + [p for p in _meeting_partners(si, subject, lex) if p not in subject_ids]
            chained = _subjectless_head(si, si.text[cs:min(_first_np_start(si, cs, ts), ts)], cs, lex)
            if subject_ids:
                borrowed = True
                conf -= 0.1
            generic = not subject_ids and _generic_subject(si, cs, ts, lex)
            states = _uniq(c for c in (country_of(x, actors) for x in si.carry_subject) if c)
            if generic and (si.last_place or states):
                # 警方拘捕约370人 in a Hong Kong story: the state where the story happens
                subject_ids = [si.last_place] if si.last_place else states[:1]
                conf -= 0.2
            elif not subject_ids and si.carry_subject and not [n for n in si.nps if si.start <= n.start < cs]:
                subject_ids = list(si.carry_subject)
                conf -= 0.2
        prev_clause = re.sub(r"[\s，,：:]+$", "", si.text[max(si.start, cs - 12):cs])
        if borrowed and not re.sub(r"[\s“”「」\"]", "", pre_text) and _ends_with(
                prev_clause, lex.cues["guards"]["speech_verbs"]):
            # 岑子杰表示，撤回修例“太少、太迟”: reported speech that opens with the very act just told (same
            # word, another actor) names that act as the topic of a comment; it is the earlier event
            # retold, not a new act of the speaker (annotation: one event, several evidence spans)
            word = si.text[ts:te]
            for w, t, ea, er in reversed(si.recent_acts):
                if w == word and not set(ea) & set(subject_ids):
                    return Args(actor=list(ea), recipient=list(er), confidence=0.6)
    elif not subject and not agents and any(w in pre_text for w in args_cues.get("both_sides", [])) \
            and si.last_parties:
        subject_ids = list(si.last_parties)
    if not subject_ids and not agents and si.last_parties and any(
            lead.startswith(w) for w in args_cues.get("both_sides", [])):
        subject_ids = list(si.last_parties)
    if not subject_ids and not agents and lead.startswith(tuple(args_cues.get("participant_heads", [])) or ("\0",)):
        # 与会领导人宣布…: the participants of the meeting just named act as its organisation (七国集团峰会…，
        # 与会领导人共同谴责 → org:g7), the last international organisation named in the sentence or, failing
        # that, the one the previous sentence was about
        orgs = [n.id for n in si.nps if si.start <= n.start < cs and n.role != "excluded"
                and n.kind == "organization" and n.country is None]
        orgs = orgs or [x for x in si.carry_subject if x.startswith("org:") and country_of(x, actors) is None]
        if orgs:
            subject_ids = orgs[-1:]
            conf -= 0.2
    # 要求X… / 敦促X…: the addressee stands right after the verb; a name further on (要求立即释放黎智英)
    # belongs to the demanded act, and the addressee is the party already faced (召见中国驻英大使，要求…)
    obj = _object(si, te, ce, max_gap=1 if trig.complement == "request" else 12) if trig.frame in (
        "directed", "visit", "meet", "host", "self") else []
    if (obj and trig.type in _CHARGE_OF_ACT and not _AUTHOR_AFTER_THIS.fullmatch(si.text[te:obj[0].start])
            and _act_named(si, cs, ts, te, ce, args_cues) is not None):
        # 谴责空袭“侵犯也门主权” / 谴责这是违反安理会决议的挑衅 / 驳斥这一指控: the verb's object is an act told
        # before, and a party named after it belongs to the act's description (its victim, the rule it
        # breaks), not to the charge; the charge is aimed at the act's author (manual, ACCUSE: "the target
        # of the accusation"; read below by _answered_authors)
        obj = []
    obj_ids = [n.id for n in obj]
    if not obj_ids and trig.frame in ("meet", "host") and si.last_parties:
        after = si.text[te:min(ce, te + 6)]
        if any(w in after for w in args_cues.get("both_sides", [])):
            obj_ids = list(si.last_parties)
    recipient: list[str] = []
    actor: list[str] = []
    mode: str | None = None
    type_: str | None = None

    if trig.frame == "allege":
        return _allege(si, ts, te, cs, lex, actors)
    if trig.subject_pays and not re.search(r"[让使令叫要]", si.text[cs:ts]):
        # 胡塞武装发言人表示，美英两国将为此付出代价: the one who will pay is the target, the speaker
        # threatens; without a speaker (or with 让X付出代价) the ordinary directed reading holds
        said = _allege(si, ts, te, cs, lex, actors, lex.cues["arguments"].get("threat_speech_verbs", []))
        if said is not None:
            return said
    if trig.frame in ("meet", "reciprocal") and not comits and not agents:
        lo = max([n.end for n in subject if cs <= n.start < ts] + [cs])
        m = re.search(r"(?<![参给赋])(?:与|跟)(?![会其此])", si.text[lo:ts])
        if m and not any(lo + m.end() <= n.start < ts for n in si.nps):
            return None  # 与钓鱼岛“岛主”签署: the partner is not a political actor (no event between states)
    if agents:  # passive: Y 被 X 制裁
        actor = [n.id for n in agents]
        recipient = subject_ids or [n.id for n in recips]
    elif trig.frame == "host":  # 接见/接待: subject hosts, object visits
        actor = obj_ids or [n.id for n in visitors]
        recipient = subject_ids
        mode = "visit"
    elif trig.frame == "visit":
        actor = subject_ids
        if obj_ids:
            recipient = obj_ids
        elif recips:
            recipient = [n.id for n in recips]
        elif trig.implicit_recipient:
            recipient = [trig.implicit_recipient]
        elif hosts:
            recipient = [n.id for n in hosts]
        if trig.implicit_recipient and not obj_ids:
            recipient = [trig.implicit_recipient]
        if not recipient:
            host = _place_of_state_before(si, ts, te, ce)
            recipient = [host] if host else []
        if not recipient:
            return None  # a visit needs a destination (首次出访 alone is a reference)
        # 抵达华盛顿 said of an American is a return home, not a visit.
        acountries = {country_of(a, actors) for a in actor}
        if all(country_of(r, actors) in acountries for r in recipient):
            return None
        mode = "visit"
    elif trig.frame == "meet":
        side_a = subject_ids
        side_b = [n.id for n in comits] + [n.id for n in visitors if n.id not in subject_ids] + obj_ids
        if not side_a and side_b and visitors:
            side_a = [n.id for n in visitors]
        parties = _uniq(side_a + side_b)
        if not parties:
            return None
        vis = [n.id for n in visitors if n.id in parties]
        host_ids = [n.id for n in hosts]
        vcountry = _uniq(country_of(n.id, actors) or "" for n in venue) or list(si.visit_dest)
        a_c = {country_of(x, actors) for x in side_a} - {None}
        b_c = {country_of(x, actors) for x in side_b} - {None}
        if vis and len(vis) < len(parties):
            actor = vis
            recipient = [p for p in parties if p not in vis]
            mode = "visit"
        elif host_ids and side_a:
            actor, recipient, mode = side_a, host_ids + [p for p in side_b if p not in host_ids], "visit"
        elif len(vcountry) == 1 and not side_b and len(side_a) >= 2 and 0 < sum(
                country_of(x, actors) == vcountry[0] for x in side_a) < len(side_a):
            # 两人举行会谈 after 抵达平壤: the parties of the visit, the host is where it happens
            recipient = [x for x in side_a if country_of(x, actors) == vcountry[0]]
            actor = [x for x in side_a if x not in recipient]
            mode = "visit"
        elif len(vcountry) == 1 and side_a and side_b and (vcountry[0] in a_c) != (vcountry[0] in b_c):
            # Met in one side's country: the other side is the visitor (manual, CONSULT).
            if vcountry[0] in a_c:
                actor, recipient = _uniq(side_b), _uniq(side_a)
            else:
                actor, recipient = _uniq(side_a), _uniq(side_b)
            mode = "visit"
        else:
            actor = parties
            countries = {country_of(p, actors) for p in parties} - {None}
            if len(countries) >= 3 or any(p.startswith("org:") and country_of(p, actors) is None
                                           for p in parties):
                mode = "multilateral"
            elif len(vcountry) == 1 and vcountry[0] and countries and vcountry[0] not in countries:
                mode = "third-party"
    else:  # directed, reciprocal, self
        if trig.partner_is_recipient and comits:
            actor, recips = list(subject_ids), recips + comits  # 与俄罗斯断交: the partner is the target
        else:
            actor = subject_ids + [n.id for n in comits]
        if recips:
            recipient = [n.id for n in recips]
        elif trig.frame == "directed" and obj_ids:
            recipient = obj_ids
        elif trig.frame == "self" and trig.type in ("RETREAT", "SANCTION") and (sources or obj):
            # 撤出X / 退出西非国家经济共同体: the place or organisation left (not a city naming a treaty:
            # 退出巴黎协定)
            named = tuple(lex.cues["guards"].get("modifier_suffixes", [])) or ("\0",)
            recipient = [n.id for n in (sources or obj) if (n.is_place or n.kind == "organization")
                         and not si.text.startswith(named, n.end)]
        if not recipient and trig.implicit_recipient:
            recipient = [trig.implicit_recipient]
        if not recipient and trig.type == "AGREE" and not agents:
            # 越方愿同中方一道… / 美方仍愿意随时与俄方讨论…: an offer or promise made to a partner named with
            # 与/同 after the trigger; the one who offers agrees, the partner is its recipient (manual, AGREE:
            # future joint acts are the announcer's intention; as _make_event codes 将继续与X协调)
            partner = [n for n in si.nps_within(te, ce) if n.role == "comitative" and n.start - te <= 8
                       and _only_words(si.text[te:n.start], list(args_cues.get("adverbs", []))
                                       + list(args_cues.get("partner_gap_words", []))
                                       + list(args_cues["comitative_markers"]))][:1]
            if partner and not any(n.role == "recipient" for n in si.nps_within(partner[0].end, ce)):
                # (将与埃及一道向哈马斯转交: the act's own 向 X names its recipient; the partner acts with it)
                g = partner[0].group  # the whole list: 与加拿大、英国和瑞典方面
                recipient = [n.id for n in si.nps_within(partner[0].start, ce) if n.group == g
                             and n.role == "comitative"]
        if not recipient and not agents and si.text[ts:te] in args_cues.get("modal_heads", []):
            recipient = _after_modal(si, te, ce, args_cues)
        if not recipient and ("对此" in pre_text or "此举" in pre_text):
            # 对此表示不满: at the author of the act meant by 此 — told in the same sentence when an earlier
            # clause names another party (中国以军事恫吓破坏和平，总统府对此表达严正谴责 → CHN), else the party
            # the next act of the same sentence addresses (越方对此表示强烈抗议，要求中方彻查 → CHN: serial acts
            # of one speaker share their target), else the author of the act the paragraph told
            recipient = _this_in_sentence(si, ts, te, actor, actors, lex) or [
                x for x in _this_act_author(si, actor, actors) if x not in actor]

    side_subject: list[str] = []
    side_partner: list[str] = []
    if trig.frame == "meet" and not agents:
        side_subject, side_partner = list(subject_ids), [n.id for n in comits] + obj_ids
    elif trig.frame in ("reciprocal", "directed", "self") and not agents and comits and not trig.partner_is_recipient:
        side_subject, side_partner = list(subject_ids), [n.id for n in comits]

    if len(recips) >= 2 and recipient == [n.id for n in recips]:
        # 对黎巴嫩南部的真主党目标: a place before 的 + an organisation modifies it, it is not a target
        keep = []
        for k, n in enumerate(recips):
            nxt = recips[k + 1] if k + 1 < len(recips) else None
            if (nxt is not None and n.is_place and nxt.kind == "organization"
                    and re.fullmatch(r"(?:[东南西北中]部|境内|地区|北方|南方|边境)?的", si.text[n.end:nxt.start])):
                continue
            keep.append(n.id)
        recipient = keep
    actor = _uniq(actor)
    recipient = _drop_own_side(actor, [r for r in _uniq(recipient) if r not in actor], actors)
    if not actor:
        return None
    acs = _side(actor, actors)
    if recipient and not recips and obj and all((country_of(r, actors) or r) in acs for r in recipient):
        # 重申美国对以色列的承诺: the actor's own state is the possessor; the target follows with 对/向
        further = [n for n in si.nps if obj[-1].end <= n.start < ce and n.role == "recipient"]
        if further:
            g = further[0].group
            recipient = [n.id for n in further if n.group == g]
    if (recipient and not recips and trig.complement in ("threaten", "request") and obj
            and all((country_of(r, actors) or r) in acs for r in recipient)
            and re.match(r"(?:将|会|要|必将|必须)", si.text[obj[-1].end:obj[-1].end + 2])):
        recipient = []  # 警告朝鲜军队将…: the speaker's own army is the subject of the threat, not its target
    after_trig = si.text[te:min(ce, te + 6)]
    weak = False
    answered = False  # the recipient is the author of an act this one answers (not a target)
    civ = args_cues.get("civilian_nouns", [])
    if not recipient and trig.type in ("ASSAULT", "COERCE") and cc.civ_pp.search(pre_text[-10:]):
        own = [c for c in (country_of(a, actors) for a in actor) if c]
        if own:
            recipient = own[:1]  # 警察向示威人群开枪: force against the state's own people (domestic)
    if not recipient and (re.search(r"(?:对|向)两国$", pre_text) or re.match(r"(?:对|向)两国", after_trig)):
        states = _uniq(c for c in (country_of(n.id, actors) for n in si.nps if si.start <= n.start < ts
                                   and n.is_place) if c and c not in acs)
        if len(states) >= 2:
            recipient = states[-2:]  # 暂停向两国供气: the two states just named
    if not recipient and (trig.type in ("THREATEN", "SANCTION", "ACCUSE", "MOBILIZE") or trig.complement):
        # 警告说，如果真主党违反协议…: the party of the condition; 以回应北韩…: the party answered. Also
        # for words whose type comes from their complement (暂停…的效力，以回应北韩 → SANCTION), which
        # are answers only (a condition belongs to threats)
        tail = si.text[te:si.end]
        cond = r"如果|若是|若|一旦|倘若|假如|" if trig.type in ("THREATEN", "SANCTION", "ACCUSE", "MOBILIZE") else ""
        mm = re.search(rf"(?:{cond}以回应|作为对|回应)", tail)
        if mm:
            nxt = [n for n in si.nps if te + mm.end() <= n.start <= te + mm.end() + 4 and n.role != "excluded"
                   and (country_of(n.id, actors) or n.id) not in acs]
            if nxt:
                recipient = [nxt[0].id]
    if (not recipient and trig.frame == "directed" and si.recent_events
            and any(after_trig.startswith(w) for w in args_cues.get("both_sides", [])[:2])):
        # 呼吁双方保持克制: the two sides of the last act told
        ea, er, _ = si.recent_events[-1]
        both = [x for x in _uniq(ea + er) if (country_of(x, actors) or x) not in acs]
        # two sides: an actor and its recipient, or two reciprocal actors — even of one country (a
        # state's army and a rebel force: SDN, org:rapid-support-forces)
        if len({country_of(x, actors) or x for x in both}) >= 2 or (ea and er and len(both) >= 2):
            recipient = both
    dom = args_cues.get("domestic_targets", [])
    if not recipient and actor and dom and trig.type not in ("CONSULT", "PROTEST") and (
            cc.dom_after.match(after_trig) or cc.dom_pp.search(pre_text)):
        # 谴责示威者的行为 / 并未接纳示威者的诉求 / 向抗议人群开枪: the state's own people are the target,
        # so the event is domestic (annotation: "Domestic events keep the state on both sides")
        own = _own_states(actor, actors)
        if len(own) == 1:
            recipient = own
    if not recipient and actor and trig.type == "REQUEST" and re.match(
            r"(?:广大|全体|全国|本国)?(?:" + _alternation(args_cues.get("appeal_domestic_targets", []) or ["(?!)"]) + ")",
            after_trig):
        # 呼吁民众保持冷静 / 呼籲市民與涉案人士割席: an appeal to the state's own people is domestic, the state on
        # both sides (annotation: "Domestic events keep the state on both sides")
        own = _own_states(actor, actors)
        if len(own) == 1:
            recipient = own
    no_target = any(after_trig.startswith(w) for w in args_cues.get("no_recipient_objects", []))
    if no_target:
        recipient = []  # 呼吁各方 / 国际社会: no named target (annotation: no recipient)
    elif not recipient and trig.type == "MOBILIZE":
        # 在台湾周边/向台湾东部外海: a show of force around another country is aimed at it
        vic = cc.vicinity
        near_v = [n for n in si.nps if cs <= n.start and n.end <= ce and n.role in ("venue", "recipient", "")
                  and (country_of(n.id, actors) or n.id) not in acs and vic
                  and re.match(rf"[^，。；！？]{{0,6}}?(?:{vic})", si.text[n.end:n.end + 10])]
        if near_v:
            recipient = [near_v[0].id]
        else:
            # 派出巡防艇 after 遭中国海警船登检: a move answering a recent act against the actor's state is
            # aimed at that act's author (annotation: KOR 出动战机…作为回应 → PRK)
            for ea, er, et in reversed(si.recent_events[-3:]):
                if et in _HOSTILE and {country_of(r, actors) or r for r in er} & acs and not {
                        country_of(a, actors) or a for a in ea} & acs:
                    recipient = list(ea)
                    answered = True
                    break
    elif not recipient and _is_reaction(si, ts, te, trig, args_cues) and not _other_party_before(
            si, ts, acs, actors) and (welcomed := _thing_welcomed(si, cs, ts, te, ce, args_cues)) is not None and (
            answered_parties := _welcomed_authors(si, actor, actors, welcomed)):
        # 伊朗外交部对停火表示欢迎 / 欢迎双方达成协议 / 对裁决表示欢迎: a reaction to a thing named, not a
        # party, answers the act just told; the parties of that act are its recipients (manual, SUPPORT:
        # "praise ... of another actor"; the independent annotators code the parties of the agreement
        # welcomed). An agreement, a ceasefire or talks welcomed are the latest joint act told.
        recipient = answered_parties
        conf -= 0.2
        weak = True
    elif not recipient and trig.type == "ACCUSE" and not _other_party_before(si, ts, acs, actors) and (
            act := _act_named(si, cs, ts, te, ce, args_cues)) is not None and (
            answered_parties := _answered_authors(si, actor, actors, act, trig.type)):
        # 巴勒斯坦方面强烈谴责这一协议 / 伊朗谴责空袭 / 韩国谴责这是“明显挑衅” / 台湾也表示不接受裁决: a charge
        # or refusal whose object is an act told before, not a party, is aimed at that act's parties (an
        # agreement: all of them; another act: its actors), as for a reaction (_welcomed_authors)
        recipient = answered_parties
        conf -= 0.2
        weak = True
    elif not recipient and (trig.type in _CONTEXT_RECIPIENT or trig.type == "REQUEST" or (
            trig.type == "SUPPORT" and si.text[ts:te] in args_cues.get("reaction_words", [])
            and (pp is None or "对此" in pre_text) and not re.search(r"(?:对|向)(?!此)[^，。；！？]*$", pre_text))):
        # Verbal conflict is aimed at someone even when the clause does not name them (将采取必要措施):
        # the nearest other-country actor before the trigger in the sentence, else the last event's actor
        # (not for requests: an appeal without an addressee has none). A reaction word (表示欢迎, 称赞这是
        # 勇敢的决定, 对此表示赞赏) answers the act just told in the same way: its author is the recipient;
        # welcoming a thing named with 对 (对协议表示欢迎) names no party.
        near = [n for n in si.nps if si.start <= n.start < ts and n.role not in ("excluded", "venue")
                and (country_of(n.id, actors) or n.id) not in acs]
        posted = [n.posted for n in subject if n.posted]
        if near:
            g = near[-1].group
            recipient = [n.id for n in near if n.group == g]
            conf -= 0.15
        elif posted:
            recipient = posted[:1]  # 俄罗斯驻欧盟代表团…将采取反制措施: at the envoy's host
            conf -= 0.15
        elif si.prev_actors and trig.type != "REQUEST" and not {
                country_of(p, actors) or p for p in si.prev_actors} & acs:
            recipient = list(si.prev_actors)
            conf -= 0.2
            weak = True
    generic_crowd = args_cues.get("generic_crowd_nouns", [])
    par = si.text[si.text.rfind("\n", 0, si.start) + 1:te]  # the paragraph up to the trigger
    protest_told = any(w in par for w in args_cues.get("protest_words", []))
    if not recipient and actor and trig.mode == "crowd-control" and any(
            w in si.text[te:si.end] for w in civ if protest_told or w not in generic_crowd):
        recipient = [c for c in (country_of(a, actors) for a in actor) if c][:1]  # 驱散示威者: domestic
    if (not recipient and actor and not no_target and (type_ or trig.type) == "COERCE"
            and (mode or trig.mode) in args_cues.get("domestic_measure_modes", [])
            and not any(w in par for w in args_cues.get("emergency_rule_words", []))):
        # 宣布封禁社交媒体平台 / 实施宵禁: a measure on the state's own people, unless the sentence names
        # another state it could be aimed at, or it is a provision of martial law just told (宣布戒严…，
        # 禁止一切集会: one act, coded without a recipient)
        own = _own_states(actor, actors)
        others = [n for n in si.nps if n.role != "excluded" and (country_of(n.id, actors) or n.id) not in own]
        if len(own) == 1 and not others:
            recipient = own
    if (not recipient and actor and not no_target and (type_ or trig.type) == "COERCE"
            and (mode or trig.mode) in args_cues.get("domestic_emergency_modes", [])):
        # 宣布全国进入紧急状态 / 在部分地区实施戒严: martial law and states of emergency are imposed on the
        # state's own territory and people (annotation: "Domestic events keep the state on both sides";
        # fresh5–9 annotators code 29 of 34 so), unless the trigger's own clause names another state
        own = _own_states(actor, actors)
        others = [n for n in si.nps_within(si.start, ce) if n.role != "excluded"
                  and (country_of(n.id, actors) or n.id) not in own]
        if len(own) == 1 and not others and not any(w in si.text[cs:ts] for w in args_cues.get(
                "elsewhere_words", [])):  # (宣布当地进入紧急状态: the place told before, maybe a territory)
            recipient = own
    if not recipient and actor and (trig.type == "PROTEST" or type_ == "PROTEST" or (
            trig.type == "COERCE" and trig.mode == "arrest") or (
            trig.type == "SANCTION" and trig.mode == "convict")):
        # protests, arrests, sentences and crowd control with no named target are domestic: the actor's
        # own state
        # (annotation: "Domestic events keep the state on both sides")
        own = [c for c in (country_of(a, actors) for a in actor) if c]
        people = trig.type == "PROTEST" or type_ == "PROTEST" or re.search(
            r"[名位个人]|总统|领导人|官员|议员|记者|成员|领袖|嫌疑|男子|女子|学生|示威者|居民|民众|船员|渔民",
            si.text[te:si.end])
        if own and people and not any(after_trig.startswith(w) for w in args_cues.get("no_recipient_objects", [])):
            recipient = own[:1]
    if trig.type == "SANCTION" and trig.mode in ("withdraw", "expel") and (not recipient or trig.mode == "withdraw"):
        # 召回驻阿根廷、智利…的外交人员 / 召回驻马里和驻尼日尔大使: the states where they serve, before any
        # name after the trigger (召回驻尼日尔大使伊泰: the envoy, not a target); 驱逐X驻Y的外交官: the state
        # whose diplomats they are (X)
        hi = min(ce, te + 20) if trig.regex is None else te
        posted = [n for n in si.nps if ts <= n.start < hi and re.search(r"驻$", si.text[max(cs, n.start - 2):n.start])]
        if posted:
            if trig.mode == "withdraw":
                groups = {n.group for n in posted}
                grp = [n for n in si.nps if n.group in groups and ts <= n.start < hi]
                recipient = _uniq(country_of(n.id, actors) or n.id for n in grp)
            else:
                owners = [n for n in si.nps if ts <= n.start < posted[0].start and n.role != "venue"]
                recipient = _uniq(country_of(n.id, actors) or n.id for n in owners)
        recipient = [r for r in recipient if r not in {country_of(a, actors) or a for a in actor}]
    if (not recipient and actor and not no_target and si.places is not None and (type_ or trig.type) == "ASSAULT"
            and (mode or trig.mode) != "crowd-control"):
        # 对加沙地带展开空袭 / 空袭了伊朗锡斯坦省: a place hit is not an actor mention; the attack is aimed
        # at the state or authority holding it (never the attacker's own: 在库尔斯克反攻 is against others)
        held = [h for h in _target_place(si, cs, ts, te, ce, lex) if (country_of(h, actors) or h) not in acs]
        if held:
            recipient = held[:1]
    if trig.mode == "resign":
        recipient = []  # 辞去总统职务: the office left is not a recipient (manual, RETREAT resign)
    if trig.targeted_type and recipient and not answered:
        type_ = trig.targeted_type  # 向以色列发射火箭弹: an attack on the recipient
        mode = "drone" if "无人机" in si.text[te:min(ce, te + 16)] else "heavy-weapons"
    if trig.own_act_type:
        # 中方对飞艇因不可抗力误入美国领空表示遗憾: regret for one's own mishap is a concession to the
        # state it affected (annotation), not a complaint; the 对-phrase tells whose act it was
        k = si.text.rfind("对", cs, ts)
        mishap = args_cues.get("own_mishap_words", [])
        if k >= 0 and any(w in si.text[k:ts] for w in mishap):
            type_, mode = trig.own_act_type, None
            others = [n.id for n in si.nps if k < n.start and n.end <= ts and n.role != "excluded"
                      and (country_of(n.id, actors) or n.id) not in acs]
            if others:
                recipient = [country_of(others[-1], actors) or others[-1]]
            conf = max(conf, 0.7)
    if (recipient and (type_ or trig.type) in _VERBAL_TO_OTHERS
            and all((country_of(r, actors) or r) in acs for r in recipient)):
        # 佩斯科夫否认俄方干预罗马尼亚选举 / 李在明承诺韩国企业将对美追加投资: the actor's own state in the
        # words is their subject, not the party the denial or promise concerns; a party named after it in
        # the clause is (annotation: own-country recipients are dropped beside other targets)
        last = max((n.end for n in si.nps if n.id in recipient and te <= n.start < ce), default=None)
        other = [n for n in si.nps_within(last, ce) if n.role in ("", "recipient") and n.start >= last
                 and (country_of(n.id, actors) or n.id) not in acs] if last is not None else []
        if other:
            g = other[0].group
            recipient = [n.id for n in other if n.group == g]
    if borrowed:
        conf = min(conf, 0.75)
    subj_end = max((n.end for n in subject if cs <= n.start < ts), default=None)
    vcs = _uniq(c for c in (country_of(n.id, actors) for n in venue if cs <= n.start < ce) if c)
    if chained and not recipient and lex.types[type_ or trig.type].requires_recipient and not (
            len({country_of(a, actors) or a for a in actor}) >= 2):
        # 向灾民提供援助 continuing another clause's subject: an aid or sanction whose target is no actor
        # is not coded (manual, "Required entities"); a borrowed actor makes no event of it
        return None
    return Args(actor=actor, recipient=recipient, mode=mode, confidence=round(conf, 2), type=type_,
                subject_end=subj_end, partners=_uniq(side_partner), subject=_uniq(side_subject), venue=vcs,
                weak_recipient=weak, no_target=no_target)


def _after_modal(si: SentenceInfo, te: int, ce: int, args_cues: dict[str, Any]) -> list[str]:
    """The recipient of an act whose trigger is the modal before it (日本将向菲律宾海岸警卫队提供…, 土方愿继续为
    双方提供…, 阿方愿在双方之间传递信息): Chinese puts the prepositional phrase between the modal and the verb
    (S + modal + 向/对/给/为 X + V), so the phrase's party, right after the modal and its adverbs, is the
    party the promised act is for or aimed at (manual, AGREE: promises of future acts; cues.yaml
    `modal_heads`, `modal_recipient_markers`). 双方/两国 there are the parties of the last meeting."""
    gap_words = (list(args_cues.get("adverbs", [])) + list(args_cues.get("partner_gap_words", []))
                 + list(args_cues.get("modal_recipient_markers", [])))
    for n in si.nps_within(te, ce):
        if n.role == "excluded":
            continue
        if n.role in ("recipient", "") and _only_words(si.text[te:n.start], gap_words) and re.search(
                "(?:" + _alternation(args_cues.get("modal_recipient_markers", []) or ["(?!)"]) + r")\s*$",
                si.text[te:n.start]):
            return [m.id for m in si.nps_within(n.start, ce) if m.group == n.group and m.role == n.role]
        break
    stop = _STOP_RE.search(si.text, te, ce)
    head = si.text[te:stop.start() if stop else ce]
    for w in args_cues.get("both_sides", [])[:2]:
        k = head.find(w)
        if k > 0 and si.last_parties and _only_words(head[:k], gap_words + ["在"]):
            return list(si.last_parties)  # 愿继续在双方之间传递信息 / 为双方提供谈判场所
    return []


def _state_act(si: SentenceInfo, ts: int, te: int, trig: Trigger, lex: Lexicon) -> bool:
    """Is the trigger an act only a state's police, courts or prosecutors perform on people (cues.yaml
    `state_acts`: 逮捕, 拘留, 判处, 起诉…; not 扣押, said of hostages and ships too)?"""
    words = lex.cues["arguments"].get("state_acts") or []
    word = si.text[ts:te]
    return any(w in word for w in words)


def _agentless_state_act(si: SentenceInfo, cs: int, ts: int, te: int, ce: int, subject: list[NP],
                         actors: dict[str, Any], lex: Lexicon) -> Args | None:
    """Actor and recipient of an arrest or sentence whose agent the clause does not name: the state whose
    agent an earlier clause of the sentence names (被俄罗斯安全部门逮捕，今年7月被判处…), else where it happens
    (a venue before it in the sentence: 在北京被拘留), else, when no one arrested is named, the state of a party
    speaking before it (格鲁吉亚内务部称，…被拘留), else the state the story was last in, else the state of the
    one arrested. The
    recipient is the one arrested, named as the clause's subject or carried from an earlier clause, else the
    state itself (数百人被捕: its own people; annotation, "Domestic events keep the state on both sides")."""
    patient = subject
    if not patient:
        # the subject of an earlier clause that is itself passive (盖什科维奇…被逮捕，今年7月被判处…); not a
        # speaker's (萨博称，已有1200人被捕: the prosecutor is no one arrested)
        borrowed = _borrowed_subject(si, cs, lex)[0]
        if borrowed and _PASSIVE_ANY.search(si.text, *si.clause_of(borrowed[0].start)):
            patient = borrowed
    if re.match(r"[^，。；！？“”「」]{0,10}?的", si.text[te:ce]):
        return None  # 被拘捕和审讯的异议人士 / 被关押在…的奥贾兰: a relative clause describing someone, no act told
    before = [n for n in si.nps_within(si.start, ts) if n not in patient]

    def states(nps: Iterable[NP]) -> list[str]:
        return _uniq(c for c in (country_of(n.id, actors) for n in nps) if c)[:1]

    # a party speaking stands for the state only when no one arrested is named: a named person's arrest is
    # often told by his own government (一名英国官员说，英国大使…被捕: Iran arrested him)
    state = (states(n for n in before if n.role == "agent") or states(n for n in before if n.role == "venue")
             or (states(n for n in before if n.role in ("", "source")) if not patient else [])
             or ([si.last_place] if si.last_place else []) or states(patient)
             or _own_states(si.carry_subject, actors)[:1])
    if not state:
        return None
    whom = _uniq(n.id for n in patient if n.kind in ("person", "organization", "group"))
    return Args(actor=state, recipient=whom or list(state), confidence=0.6)


def _target_place(si: SentenceInfo, cs: int, ts: int, te: int, ce: int, lex: Lexicon) -> list[str]:
    """Ids of the place an attack is aimed at: the trigger's object (空袭哈尔科夫, 袭击了伊朗锡斯坦省), else
    the phrase after the last 对/向/朝/在 before the trigger in its clause (在加沙多地发动空袭)."""
    text = si.text
    stop = _STOP_RE.search(text, te, ce)
    hi = min(stop.start() if stop else ce, te + 12)
    ids = si.places.first_in(text, te, hi, object_position=True)
    if ids:
        return ids
    cc = _cues(lex)
    markers = cc.place_markers
    lo, i = None, cs
    while True:
        hit = markers.find_from(text, i, ts)
        if hit is None or hit[0] >= ts:
            break
        k, w = hit
        if not _covered(text, k, cs, cc.pp_exc, cc.pp_exc_max):
            lo = k + len(w)
        i = k + 1
    return si.places.first_in(text, lo, ts) if lo is not None else []


def _place_of_state_before(si: SentenceInfo, ts: int, te: int, ce: int) -> str | None:
    """The state of a place a visit goes to that is no actor mention (a city: 抵达广岛) when the part wrote
    the same place earlier right after that state's name (在日本广岛举行…。泽连斯基抵达广岛 → JPN). The
    visitor's host is the state that holds the place (manual, CONSULT: "the host will be the recipient";
    annotation, visits "places the meeting in one party's own capital or territory"); the text itself
    says which state that is, so no list of cities is needed."""
    if si.places is None:
        return None
    states = si.places.states
    head = si.text[te:min(ce, te + 8)]
    cut = next((k for k, ch in enumerate(head) if ch in _PLACE_STOP), len(head))
    head = head[:cut]
    for n in range(min(len(head), 6), 1, -1):
        place = head[:n]
        k = si.text.find(place, 0, ts)
        while k >= 0:
            for m in range(min(k, 8), 1, -1):
                sid = states.get(si.text[k - m:k])
                if sid:
                    return sid
            k = si.text.find(place, k + 1, ts)
    return None


# characters that end a place name written after a visit verb (a clause or a list goes on, a particle)
_PLACE_STOP = set("，。；、：！？,;:!? （）()“”\"的了和与及并后时")


def _other_party_before(si: SentenceInfo, ts: int, acs: set[str], actors: dict[str, Any]) -> bool:
    """Is a party other than the actor's side named before the trigger in the sentence (venues and
    excluded phrases aside)? Then a reaction or charge names its target and answers no earlier act."""
    return any(si.start <= n.start < ts and n.role not in ("excluded", "venue")
               and (country_of(n.id, actors) or n.id) not in acs for n in si.nps)


def _is_reaction(si: SentenceInfo, ts: int, te: int, trig: Trigger, args_cues: dict[str, Any]) -> bool:
    """Is the trigger a reaction word (欢迎, 祝贺, 贺电; 表示支持 with nothing after it): support that answers
    an act told before rather than naming its target? (cues.yaml `reaction_words`, `reaction_bare_words`)"""
    if trig.type != "SUPPORT" or si.text.endswith(("受", "受到", "广受", "大受"), si.start, ts):
        return False  # 在俄罗斯更受欢迎: popular, not welcomed by anyone
    word = si.text[ts:te]
    if word in args_cues.get("reaction_words", []):
        return True
    return (word in args_cues.get("reaction_bare_words", []) and si.text.endswith("表示", si.start, ts)
            and si.text[te:te + 1] in "，。；！？,;")


# types whose parties all share the act a third party welcomes (an agreement, talks, a ceasefire)
_JOINT_ACTS = {"AGREE", "SUPPORT", "CONSULT", "COOPERATE", "CONCEDE", "RETREAT"}
# a told SUPPORT whose trigger holds one of these is another party's reaction to the same act
_REACTION_STEMS = ("欢迎", "祝贺", "贺电", "赞赏", "支持")


def _thing_welcomed(si: SentenceInfo, cs: int, ts: int, te: int, ce: int, args_cues: dict[str, Any]) -> bool | None:
    """What a reaction answers when it names a thing, not a party: 对协议表示欢迎 / 欢迎双方达成停火协议 /
    祝贺这次袭击. True when the thing is an agreement (cues.yaml `agreement_nouns`: the act welcomed is a
    joint one), False for another thing (对裁决表示欢迎) or for none after a word that answers an act
    (a bare 表示欢迎, cues.yaml `reaction_to_act_words`), None when the reaction names no one this way
    (a bare 感谢, or a pronoun: 感谢他们付出)."""
    before = re.search(r"(?:对|向)(?!此)([^，。；！？]*)$", si.text[cs:ts])
    if before is not None:
        k = cs + before.start()
        for w in list(args_cues.get("marker_exceptions", [])) + list(args_cues.get("pp_marker_exceptions", [])):
            j = w.find(si.text[k])
            if j >= 0 and si.text.startswith(w, k - j):
                before = None  # 攻击对手并积极赞扬 / 反对: a word holding 对, not the preposition
                break
    after = si.text[te:min(ce, te + 14)]
    if before:
        thing = before.group(1)
    elif (after[:1] and after[:1] not in "，。；！？,;：:“”\"" and not _object(si, te, ce)
          and (after.startswith(("这", "此", "该", "双方", "各方")) or any(
              w in after for w in args_cues.get("agreement_nouns", [])))):
        thing = after  # 欢迎这一决定 / 欢迎双方达成停火协议: the thing right after the word
    elif si.text[ts:te] in args_cues.get("reaction_to_act_words", []) and (
            not after or after[:1] in "，。；！？,;"):
        return False  # a bare 表示欢迎。/ 发来贺电，: the act just told, whatever it was
    else:
        return None  # a bare 感谢 / 赞赏: whom is not said
    if thing.lstrip().startswith(tuple(args_cues.get("pronouns", [])) or ("\0",)):
        return None  # 感谢他们付出 / 祝贺其当选: a party named by a pronoun, not a thing
    return any(w in thing for w in args_cues.get("agreement_nouns", []))


def _welcomed_authors(si: SentenceInfo, actor: list[str], actors: dict[str, Any], joint: bool) -> list[str]:
    """The parties of the act a reaction answers: the latest act told in the part that the reacting party
    took no part in and that is no other party's reaction to it (a second welcome answers the same
    agreement), a joint act (an agreement, talks, a ceasefire: all its parties) when ``joint``, else any
    act (its actors: a court's ruling welcomed is the court's)."""
    acs = _side(actor, actors)
    for word, type_, ea, er in reversed(si.told_acts):
        if not ea or _side(ea, actors) & acs or _side(er, actors) & acs:
            continue
        if type_ == "SUPPORT" and any(w in word for w in _REACTION_STEMS):
            continue  # another party's reaction to the same act
        if joint and type_ not in _JOINT_ACTS:
            continue
        return _uniq(ea + er if type_ in _JOINT_ACTS else ea)
    return []


def _act_named(si: SentenceInfo, cs: int, ts: int, te: int, ce: int, args_cues: dict[str, Any]) -> bool | None:
    """The object of a charge or refusal when it is an act told before rather than a party: a demonstrative
    (谴责这是…, 谴责这一协议, 对此举) or an act noun (cues.yaml `act_nouns`: 谴责空袭, 不接受裁决) right after the
    trigger or after 对 before it, with no actor named before it. True when the act is an agreement
    (`agreement_nouns`), False for another act, None when the object is no such act."""
    dem = ("这一", "这次", "这场", "这起", "这项", "这个", "这是", "该", "上述")
    before = re.search(r"对((?:这一|这次|这场|这起|这项|这个|该|上述)[^，。；！？]*)$", si.text[cs:ts])
    stop = _STOP_RE.search(si.text, te, ce)
    after = si.text[te:min(stop.start() if stop else ce, te + 16)]
    first = _first_np_start(si, te, te + len(after)) - te
    # (a demonstrative of one act: 这种/这些 speak of a kind, and 此 / 此举 is read by _this_act_author)
    acts = list(args_cues.get("act_nouns", [])) + list(args_cues.get("agreement_nouns", []))
    if before:
        thing = before.group(1)
    elif after.lstrip("了").startswith(dem) or any(0 <= after.find(w) < first for w in acts):
        thing = after[:first]
    else:
        return None
    if not thing.startswith("这是") and not any(w in thing for w in acts):
        return None  # 反对该法案 / 该政权: a thing, but no act of a party told before
    return any(w in thing for w in args_cues.get("agreement_nouns", []))


def _answered_authors(si: SentenceInfo, actor: list[str], actors: dict[str, Any], joint: bool,
                      type_: str) -> list[str]:
    """The parties of the act a charge or refusal answers (_act_named): the latest act told in the part
    whose actor is not the speaker's side (an act aimed at the speaker counts: 伊朗谴责空袭 after a strike on
    Iran) and that is not another party's charge of the same kind (a second condemnation answers the same
    act); a joint act (``joint``: an agreement) gives all its parties, another act its actors."""
    acs = _side(actor, actors)
    for word, t, ea, er in reversed(si.told_acts):
        if not ea or _side(ea, actors) & acs:
            continue
        if t == type_ or (t == "SUPPORT" and any(w in word for w in _REACTION_STEMS)):
            continue  # another party's reaction to the same act
        if joint and t not in _JOINT_ACTS:
            continue
        ids = ea + er if t in _JOINT_ACTS else ea
        return [x for x in _uniq(ids) if (country_of(x, actors) or x) not in acs]
    return []


def _this_in_sentence(si: SentenceInfo, ts: int, te: int, actor: list[str], actors: dict[str, Any],
                      lex: Lexicon) -> list[str]:
    """The party 对此 answers when the sentence itself names it: the last party of another side named before
    the trigger in an earlier clause, else the first party a later clause of the sentence addresses with
    向/对 or a request verb (要求/敦促/呼吁 X)."""
    acs = _side(actor, actors)
    cs, _ = si.clause_of(ts)
    k = _last_speech_end(_cues(lex), si.text[si.start:cs])
    lo = si.start + k if k >= 0 else si.start  # after the last speech verb: what was said, not who said it
    before = [n for n in si.nps_within(lo, cs) if n.role not in ("excluded", "venue")
              and (country_of(n.id, actors) or n.id) not in acs]
    subjects = [n for n in before if n.role == ""]
    if subjects or before:
        first = (subjects or before)[0]  # the told act's subject (美国宣布对俄罗斯实施制裁，中方对此…: 美国)
        return [n.id for n in before if n.group == first.group]
    addressed = r"(?:向|对|要求|敦促|呼吁|促请|吁请)$"
    for n in si.nps_within(te, si.end):
        if n.role in ("excluded", "venue") or (country_of(n.id, actors) or n.id) in acs:
            continue
        if re.search(addressed, si.text[max(te, n.start - 2):n.start]):
            return [m.id for m in si.nps_within(n.start, si.end) if m.group == n.group]
    return []


def _this_act_author(si: SentenceInfo, actor: list[str], actors: dict[str, Any]) -> list[str]:
    """Who did the act that 对此/此举 refers to. A party answering an act aimed at it answers the latest
    such act (七国集团…反对中国…。中方对此强烈不满 → the G7, not the visitor told in between); a third
    party reacts to the act the paragraph is about, its first event, not to the reactions told after it
    (泰国遣返…。美国谴责…。联合国也对此表示遗憾 → THA). Without coded events: the last act's actor."""
    acs = _side(actor, actors)

    def own(ids: list[str]) -> bool:
        return bool({country_of(x, actors) or x for x in ids} & acs)

    for ea, er, _ in reversed(si.story_events):
        if ea and own(er) and not own(ea):
            return list(ea)
    for ea, er, _ in si.story_events:
        if ea and not own(ea) and not own(er):
            return list(ea)
    return list(si.prev_actors)


def _drop_own_side(actor: list[str], recipient: list[str], actors: dict[str, Any]) -> list[str]:
    """A recipient of the actor's own country is the actor's own side, not its target (普京同意俄乌双方…
    → UKR; 双方宣布将越美关系提升 → none; 总统府对美方…表达感谢 → USA): PLOVER codes a state's agents as
    the state. Only a one-country actor facing its own country alone keeps it (domestic events: police
    against protesters, a parliament against its president — annotation)."""
    own = {country_of(a, actors) or a for a in actor}
    mine = [r for r in recipient if (country_of(r, actors) or r) in own]
    if not mine:
        return recipient
    if len(own) == 1 and len(mine) == len(recipient):
        return recipient
    return [r for r in recipient if r not in mine]


def _allege(si: SentenceInfo, ts: int, te: int, cs: int, lex: Lexicon, actors: dict[str, Any],
            extra: Iterable[str] = ()) -> Args | None:
    """X表示，Y违反国际法: the speaker X charges Y (annotation: 称…非法闯入 → ACCUSE allege)."""
    speech = list(lex.cues["guards"]["speech_verbs"]) + list(extra)
    sp = -1
    for w in speech:
        k = si.text.rfind(w, si.start, ts)
        if k >= 0 and not any(n.start <= k < n.end for n in si.nps):
            sp = max(sp, k)
    if sp < 0 and not si.speaker:
        return None  # a charge needs someone who makes it
    if sp >= 0:
        spk = [n for n in si.nps if si.start <= n.start and n.end <= sp and n.role in ("", "comitative")]
        if not spk:
            return None
        g = spk[-1].group
        actor = [n.id for n in spk if n.group == g]
    else:
        actor = [si.speaker or ""]
    lo = max(sp, cs)
    charged = [n for n in si.nps if lo <= n.start and n.end <= ts and n.role in ("", "recipient")]
    if not charged:
        return None
    g = charged[0].group
    recipient = [n.id for n in charged if n.group == g]
    acs = _side(actor, actors)
    recipient = [r for r in recipient if (country_of(r, actors) or r) not in acs]
    if not actor or not recipient:
        return None
    return Args(actor=_uniq(actor), recipient=_uniq(recipient), confidence=0.7)


def speaker_charge(si: SentenceInfo, ts: int, te: int, lex: Lexicon, actors: dict[str, Any],
                   type_: str) -> Args | None:
    """A verbal act told as the content of someone's words (伊朗外长表示，美国的行为“骇人听闻” / 李强在会见岸田时
    表示，日方应恪守…): the speaker — the first unmarked actor of the clause holding the last speech verb
    before ``ts`` — is the actor, and the party the content is about — the first actor after that verb in
    the trigger's clause — the recipient (as for a charge, `allege` frame). None when no speaker or no
    other party is named that way (林剑表示，中方愿…: the content's subject is the speaker's own side)."""
    speech = lex.cues["guards"]["speech_verbs"]
    cs, _ = si.clause_of(ts)
    sp, sw = -1, ""
    for w in speech:
        k = si.text.rfind(w, si.start, ts)
        if k > sp and si.np_at(k) is None:
            sp, sw = k, w
    if sp < 0 or si.text.startswith(("为", "作"), sp + len(sw)):
        return None  # (将其称为顾问: naming, not speaking)
    pcs, pce = si.clause_of(sp)
    if (pcs, pce) != (cs, si.clause_of(ts)[1]) and si.text[sp + len(sw):pce].strip(" ，,：:“「\"") != "":
        return None  # the words end with the speech verb's clause (X称为…，…): the cue is not their content
    spk = [n for n in si.nps_within(pcs, sp) if n.role == ""]
    if not spk:
        return None
    g = spk[0].group
    actor = _uniq(n.id for n in spk if n.group == g)
    media = set(lex.cues["guards"].get("media_sectors") or ["MED", "JRN"])
    if any(getattr(actors.get(a), "sector", None) in media for a in actor):
        return None  # 路透社说，…: a source reporting, not a party speaking
    lo = max(sp + len(sw), cs)
    charged = [n for n in si.nps_within(lo, ts) if n.role in ("", "recipient")]
    if not charged:
        return None
    if type_ == "REQUEST" and not si.text.startswith(tuple(lex.cues["arguments"].get("speaker_request_cues", []))
                                                        or ("\0",), ts):
        return None  # 欧盟希望英国…: a volition of the content's own subject, not a demand made of it
    g = charged[0].group
    acs = _side(actor, actors)
    recipient = [r for r in _uniq(n.id for n in charged if n.group == g) if (country_of(r, actors) or r) not in acs]
    if not recipient:
        return None
    return Args(actor=actor, recipient=recipient, confidence=0.6, subject_end=spk[-1].end)


def subject_of_sentence(si: SentenceInfo, lex: Lexicon) -> list[str]:
    """The first unmarked NP group of the sentence: carried to the next sentence for zero subjects."""
    for cs, ce in si.clauses:
        cands = [n for n in _subject_candidates(si, cs, ce, lex) if n.role == ""]
        if cands:
            g = cands[0].group
            return [n.id for n in cands if n.group == g]
    return []
