"""Quotes stage: who said what. Fills ``doc.quotes`` with direct and indirect quotes and their speakers.

Direct quotes are text in “…”, 「…」, 『…』, ‘…’ or "…" that a cue verb ties to a speaker: before the marks
(X表示：“…”), after them (“…”，X指出。), around them (“…，”X说，“…”), or as a partial quote inside reported
speech (X直言…是「白日做梦」). Consecutive marked segments joined by ，/；/、 form one quote. Indirect
quotes are the reported clause after a cue (X表示，…) with ``direct = False``; 据X报道，… is a media
attribution. Marked text with no speech around it — the author's own terms and names (「实用外交」,
“一带一路”, “2+2”) — is not a quote.

Speakers are linked to actors through the Actors stage output (``doc.actors[*].mentions``): the subject
of the cue, a title run (韩国外交部长官郑义溶 → the person), or a pronoun or description (他, 其, 二人,
这位外长, 该发言人) resolved to the nearest compatible actor before it. When nothing links, the speaker's
words are kept in ``speaker_text`` with ``speaker = None``. The word lists live in
``src/shiju/data/quotes/cues.yaml``. Matching runs on the Simplified view of each part; offsets are mapped
back to the original text.
"""
from __future__ import annotations

import bisect
import operator
import re
from dataclasses import dataclass, field, replace
from functools import lru_cache
from typing import Any

from shiju import quote_chooser as _qc
from shiju import quote_detector as _qd
from shiju.context import AnalysisContext
from shiju.model import Document, Quote, span_id

_OPEN_CLOSE = {"“": "”", "「": "」", "『": "』", "‘": "’"}
_CLOSE_OPEN = {v: k for k, v in _OPEN_CLOSE.items()}
_SENT_END = "。！？!?"
_CLAUSE_PUNCT = "，,；;：:"
_CLAUSE_PUNCT_RE = re.compile("[" + re.escape(_CLAUSE_PUNCT) + "]")
_ANY_PUNCT = "，,；;：:。！？!?、…—\n"
_JOINERS = {"", "，", ",", "；", ";", "、"}
# A date or time expression standing where a subject could be (18日，当天上午).
_DATE_RE = re.compile(r"[0-9一二三四五六七八九十〇两]+[年月日号](?:[上下中]午|晚间?|早上)?|[上下中]午|晚间|周[一二三四五六日天末]")
_CJK_RE = re.compile(r"[\u4e00-\u9fff]")
_MARK_CHARS = re.compile("[\n\"" + re.escape("".join(_OPEN_CLOSE) + "".join(_CLOSE_OPEN)) + "]")
_SENT_CUT = re.compile("[\n" + re.escape(_SENT_END) + "]")
# Wire datelines at a line start: 新华社北京3月7日电（记者 某某）, （中央社记者台北12日电）, 华盛顿 — , and the
# bracketed source tags of papers and broadcasters (【明报专讯】, （美国之音）, （星岛日报）). They are a header,
# not a subject: their words are masked like an excerpt and end a sentence.
_DATELINE_RE = re.compile(
    r"(?m)^[ \t\u3000]*(?:[（(]?[^，。！？\n（()）]{0,30}?[0-9一二三四五六七八九十]日电"
    r"(?:[（(][^）)\n]{0,30}[）)]|[）)])?|[^\s，。！？—–\-]{2,10}[ \t\u3000]*(?:——|—|–|--)(?=[ \t\u3000])"
    r"|【[^】\n，。！？]{2,20}】|[（(][^）)\n，。！？：:]{2,12}[）)](?=\S))[ \t\u3000]*")
# An outlet's byline opening a news body before a space (环球时报报道 , 澎湃新闻记者 综合报道 , 德国之声中文网 ):
# masked like a dateline — the story's own subjects speak, not the outlet that carries it. Only at the start
# of the body (forum comments use spaces as punctuation: 我看了报道 …).
_BYLINE_RE = re.compile(r"[ \t\u3000\n]*[^\s，。！？：:“”「」]{2,12}?(?:记者[^\s，。！？：:]{0,6})?[ \t\u3000]*(?:综合)?"
                        r"(?:报道|报导|中文网)[ \t\u3000]+(?=\S)")
# A date or weekday inside a subject's noun phrase ends it (欧盟高级代表博雷利11日代表欧盟…, 东部战区23日上午宣布,
# 英国外交部发言人11月11日表示): what follows is the predicate, not part of the speaker's name.
_NP_TIME_RE = re.compile(r"(?:[0-9]+年)?(?:[0-9]+月)?[0-9]+[日号]|星期[一二三四五六日天]")
_TRAIL_TIME_RE = re.compile(r"(?:星期[一二三四五六日天]|周[一二三四五六日天末]|[0-9一二三四五六七八九十]+[日号]|今天|昨天|当天|今日|昨日)+$")
_STANCE_VERBS = ("谴责", "反对", "拒绝", "欢迎", "支持", "赞赏", "否认", "驳斥", "抗议")
_CLASSIFIER_END_RE = re.compile(r"[一这那每][场个种次项条位名句]$")
_ASPECT_COLON_RE = re.compile(r"了[吗嘛呢]?[：:]")
# 了 after a verb of saying, then the speech: a quote mark or a clause — not a particle (了算, 了吗, 了吧), nor
# how often or how much was said (说了很多次, 说了半天, 说了几遍, 说了这么多, 说了什么, 说了实话).
_PERFECTIVE_RE = re.compile(r"了(?=[“「『\"]|[\u4e00-\u9fff])(?![算吗吧呢啊嘛么的半很多几一两好无不这那什些个遍句实话])")
# A numeral and classifier opening an unnamed person (一名, 另一位, 两名, 多位).
_NUM_CLASSIFIER_RE = re.compile(r"另?[一二两三四五六七八九十几数多]+[名位个]")
# A demonstrative object between a verb of blame and its verdict (这一, 这种, 此举, 该报告, 该国的).
_OBJECT_DEMONSTRATIVE_RE = re.compile(r"(?:这一|这种|这个|这些|此举|此|该[\u4e00-\u9fff]{0,4})(?:的)?")


# -- lexicon ----------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Lexicon:
    cues: dict[str, dict[str, Any]]
    cue_re: re.Pattern
    blocker_re: re.Pattern | None
    media_frames: tuple[tuple[str, str], ...]
    nominal_before: frozenset[str]
    verbal_after: frozenset[str]
    not_subject_after: tuple[str, ...]
    subject_breakers: tuple[str, ...]
    pronouns: tuple[tuple[str, str], ...]
    determiners: tuple[str, ...]
    first_person: tuple[str, ...]
    unnamed_sources: tuple[str, ...]
    attitude_objects: tuple[str, ...]
    scare_before: tuple[str, ...]
    name_markers: tuple[str, ...]
    predicate_before: tuple[str, ...]
    connectives: tuple[str, ...]
    circumstance_start: tuple[str, ...]
    circumstance_end: tuple[str, ...]
    state_heads: tuple[str, ...]
    institution_voices: tuple[str, ...]
    quote_nouns: tuple[str, ...]
    dependent_openers: tuple[str, ...]
    person_nouns: tuple[str, ...]
    title_suffixes: frozenset[str]
    min_partial: int
    min_standalone: int
    # Derived once at load (they were re-sorted on every call): longest first, as the matchers need.
    determiners_by_len: tuple[str, ...]
    pronouns_by_len: tuple[tuple[str, str], ...]
    strip_re: re.Pattern  # leading dates and connectives, repeated (see _strip_connectives)
    nested_attribution: tuple[str, ...] = ()
    nonspeech_openers: tuple[str, ...] = ()
    speech_nouns: tuple[str, ...] = ()  # what a speaker issues (声明, 谈话): X的声明 speaks for X
    group_counts: tuple[str, ...] = ()
    title_prefixes: tuple[str, ...] = ()
    not_speaker_end: tuple[str, ...] = ()
    not_speaker_start: tuple[str, ...] = ()
    group_heads: tuple[str, ...] = ()
    predicate_openers: tuple[str, ...] = ()
    text_speaker_stops: tuple[str, ...] = ()  # words that cannot open an unlinked speaker's words
    object_cues: tuple[str, ...] = ()  # verbs of blame/appeal whose addressee precedes the words (怒斥X“…”)
    perfective_cues: frozenset[str] = frozenset()  # cues still cues with 了 (都说了“…”)
    event_nouns: tuple[str, ...] = ()  # meetings that issue documents (峰会宣言)
    member_nouns: tuple[str, ...] = ()  # members of a body who do not speak for it (议员, 研究员)
    closing_cues: tuple[str, ...] = ()  # cues that may close a sentence after its content (…，他说。)
    term_after: tuple[str, ...] = ()  # words after marks that make them a term or name (“…”一词, “…”等)
    title_heads: tuple[str, ...] = ()  # heads of honours and ranks (“年度人物”, “十大杰出青年”)
    indirect_needs_speaker: bool = False  # unmarked reported clauses only with a linked speaker (cues.yaml)
    actor_cues: frozenset[str] = frozenset()  # cues only right after an actor's name (Cantonese 話)
    actor_cue_gap: tuple[str, ...] = ()  # adverbs allowed between that name and the cue (又, 都, 仲)
    reader_address: tuple[str, ...] = ()  # a clause opening with these addresses the reader (大家觉得…)
    question_cues: frozenset[str] = frozenset()  # cues whose content is a question (反问, 问道)
    dependent_closers: tuple[str, ...] = ()  # a clause ending so leans on the next (…以上时，)
    continuation_openers: tuple[str, ...] = ()  # a clause opening so continues the speech (…，所以…)
    after_partial_clause: bool = False  # 表示，A“B”，C → C is an indirect quote of its own (cues.yaml)
    after_partial_stops: tuple[str, ...] = ()  # openers that make C the writer's words (随后…, 引发…, 也就是…)
    after_partial_connectives: tuple[str, ...] = ()  # 并/但/同时…: looked through for an act or a cue after them
    after_partial_acts: tuple[str, ...] = ()  # verbs of acting: C opening with one is the speaker's next act
    narrative_adverbs: tuple[str, ...] = ()  # adverbs of sequence: the clause narrates (X随即前往…)
    after_partial_cues: frozenset[str] = frozenset()  # plain verbs of saying that carry that clause
    breaker_re: re.Pattern | None = None  # subject_breakers as one alternation
    own_side_verbs: tuple[str, ...] = ()  # what a side commits to in a readout (愿, 始终, 赞赏…)
    own_side_continuation: bool = False  # 习近平指出，…。中方始终… → the next sentence (cues.yaml)
    continuation_after_direct: bool = False  # 说，“…”，C → C (cues.yaml)
    scare_function_words: frozenset[str] = frozenset()  # particles of scare_before (的, 为, 以…)
    marks_after_object_cues: bool = False  # the same after 指责/谴责/呼吁… without a comma (cues.yaml)
    marks_in_clause_partial: bool = False  # session-13 ruling: marks inside a reported clause are a partial quote
    name_suffixes: tuple[str, ...] = ()  # ends of marked words that make them a name (“…行动”, “…号”)
    marks_in_clause_min_p: float = 0.45  # the detector's probability the session-13 rule asks of such marks
    nocue_blockers: tuple[str, ...] = ()  # words before marks with no cue that make them the writer's (必须「…」)
    negators: tuple[str, ...] = ()  # words right before a cue that negate it (没有透露, 拒绝透露): no quote
    announce_cues: tuple[str, ...] = ()  # 宣布: marked words right after it are the announcer's (session 12)
    stance_words: tuple[str, ...] = ()  # judgements (关切, 挑衅, 违宪…): short marked words holding one are speech
    partial_modals: tuple[str, ...] = ()  # 将/已经/不会…: under a cue, marked words after one are a predicate said


def _alt(words: list[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))


def _strip_pattern(connectives: tuple[str, ...]) -> re.Pattern:
    """One pass of _strip_connectives' loop as a regex: a date first, else the longest connective (Python's
    alternation takes the first alternative that matches, so longest-first order gives the longest), each
    followed by the whitespace lstrip() would remove; repeated."""
    words = "|".join(re.escape(w) for w in sorted(connectives, key=len, reverse=True) if w)
    alts = f"(?:{_DATE_RE.pattern})" + (f"|{words}" if words else "")
    return re.compile(f"(?:(?:{alts})\\s*)*")


def load_lexicon(data_dir: str | None = None) -> Lexicon:
    """Load and compile ``quotes/cues.yaml``; raise ValueError naming the file when it is malformed."""
    from shiju.data import data_path, load_yaml

    path = data_path("quotes", "cues.yaml", data_dir=data_dir)
    try:
        d = load_yaml("quotes", "cues.yaml", data_dir=data_dir)
        cues = {str(v["cue"]): dict(v) for v in d["verbs"]}
        lst = lambda k: tuple(str(x) for x in d.get(k) or [])  # noqa: E731
        pronouns = tuple((str(p["text"]), str(p["kind"])) for p in d.get("pronouns") or [])
        connectives = lst("connectives")
        return Lexicon(
            cues=cues,
            cue_re=re.compile(_alt(list(cues))),
            blocker_re=re.compile(_alt(lst("blockers"))) if d.get("blockers") else None,
            media_frames=tuple((str(f["before"]), str(f["after"])) for f in d.get("media_frames") or []),
            nominal_before=frozenset(lst("nominal_before")),
            verbal_after=frozenset(lst("verbal_after")),
            not_subject_after=lst("not_subject_after"),
            subject_breakers=lst("subject_breakers"),
            pronouns=pronouns,
            determiners=lst("description_determiners"),
            first_person=lst("first_person"),
            unnamed_sources=lst("unnamed_sources"),
            attitude_objects=lst("attitude_objects"),
            scare_before=lst("scare_before"),
            name_markers=lst("name_markers"),
            predicate_before=lst("predicate_before"),
            connectives=connectives,
            circumstance_start=lst("circumstance_start"),
            circumstance_end=lst("circumstance_end"),
            state_heads=lst("state_heads"),
            institution_voices=lst("institution_voices"),
            quote_nouns=lst("quote_nouns"),
            dependent_openers=lst("dependent_openers"),
            person_nouns=lst("person_nouns"),
            title_suffixes=frozenset(lst("title_suffixes")),
            min_partial=int(d.get("min_partial_quote", 6)),
            min_standalone=int(d.get("min_standalone_quote", 12)),
            determiners_by_len=tuple(sorted(lst("description_determiners"), key=len, reverse=True)),
            pronouns_by_len=tuple(sorted(pronouns, key=lambda x: -len(x[0]))),
            strip_re=_strip_pattern(connectives),
            nested_attribution=lst("nested_attribution"),
            nonspeech_openers=lst("nonspeech_openers"),
            speech_nouns=lst("speech_nouns"),
            group_counts=lst("group_counts"),
            title_prefixes=lst("title_prefixes"),
            not_speaker_end=lst("not_speaker_end"),
            not_speaker_start=lst("not_speaker_start"),
            group_heads=lst("group_heads"),
            predicate_openers=lst("predicate_openers"),
            text_speaker_stops=lst("dependent_openers") + connectives + lst("text_speaker_stops"),
            closing_cues=lst("closing_cues"),
            term_after=lst("term_after"),
            title_heads=lst("title_heads") + lst("person_nouns"),
            indirect_needs_speaker=bool(d.get("indirect_needs_speaker", False)),
            actor_cues=frozenset(str(v["cue"]) for v in d["verbs"] if v.get("after_actor")),
            actor_cue_gap=lst("actor_cue_gap"),
            reader_address=lst("reader_address"),
            question_cues=frozenset(lst("question_cues")),
            dependent_closers=lst("dependent_closers"),
            continuation_openers=lst("continuation_openers"),
            after_partial_clause=bool(d.get("after_partial_clause", False)),
            after_partial_stops=tuple(sorted(lst("after_partial_stops"), key=len, reverse=True)),
            after_partial_connectives=tuple(sorted(lst("after_partial_connectives"), key=len, reverse=True)),
            after_partial_acts=tuple(sorted(lst("after_partial_acts"), key=len, reverse=True)),
            narrative_adverbs=lst("narrative_adverbs"),
            after_partial_cues=frozenset(lst("after_partial_cues")),
            member_nouns=lst("member_nouns"),
            object_cues=lst("object_cues"),
            perfective_cues=frozenset(lst("perfective_cues")),
            event_nouns=tuple(sorted(lst("event_nouns"), key=len, reverse=True)),
            breaker_re=re.compile(_alt(lst("subject_breakers"))) if d.get("subject_breakers") else None,
            nocue_blockers=lst("nocue_blockers"),
            marks_in_clause_partial=bool(d.get("marks_in_clause_partial", False)),
            marks_after_object_cues=bool(d.get("marks_after_object_cues", False)),
            scare_function_words=frozenset(lst("scare_function_words")),
            continuation_after_direct=bool(d.get("continuation_after_direct", False)),
            own_side_continuation=bool(d.get("own_side_continuation", False)),
            own_side_verbs=lst("own_side_verbs"),
            name_suffixes=lst("name_suffixes"),
            marks_in_clause_min_p=float(d.get("marks_in_clause_min_p", 0.45)),
            negators=tuple(sorted(lst("negators"), key=len, reverse=True)),
            announce_cues=tuple(sorted(lst("announce_cues"), key=len, reverse=True)),
            stance_words=lst("stance_words"),
            partial_modals=lst("partial_modals"),
        )
    except (OSError, KeyError, TypeError, AttributeError) as exc:
        raise ValueError(f"{path}: malformed quote cue lexicon: {exc!r}") from exc


# -- per-part analysis state --------------------------------------------------------------------------

@dataclass
class _Mark:
    open: int  # index of the opening mark
    close: int  # index of the closing mark (or of the line end when unclosed)
    closed: bool


@dataclass
class _Cue:
    start: int
    end: int
    word: str
    bare: bool
    recipient: bool
    negated: bool = False  # 没有透露, 拒绝透露: reports that nothing was said (cues.yaml negators)


@dataclass
class _Mention:
    start: int
    end: int
    actor: Any  # shiju.model.Actor


@dataclass
class _Speaker:
    id: str | None
    text: str | None
    start: int | None
    end: int | None
    kind: str = "actor"  # actor / pronoun / unnamed / first / inherited / text
    note: str | None = None


@dataclass
class _Part:
    name: str
    s: str  # simplified text
    view: Any
    lex: Lexicon
    mask: list[bool]  # inside quote marks, book titles or reply excerpts: no cue here
    excerpt: list[bool]  # reply excerpts (comments): never speech of this part, no speaker here
    qmask: list[bool]  # inside quote marks only: mentions here are quoted, not speakers
    marks: list[_Mark]
    cues: list[_Cue]
    mentions: list[_Mention]
    sents: list[tuple[int, int]]
    content_spans: list[tuple[int, int]] = field(default_factory=list)  # quote contents emitted so far
    groups: list[list[_Mark]] = field(default_factory=list)  # quote-mark groups (joined segments)
    used: set[int] = field(default_factory=set)  # start offsets of cues that direct quotes took
    assigned: dict[int, tuple[Any, Any]] = field(default_factory=dict)  # group → (speaker, cue) from a split
    reported: list[tuple[int, int]] = field(default_factory=list)  # reported speech of cues used by partials
    history: list[tuple[int, _Speaker]] = field(default_factory=list)  # (sentence index, speaker)
    sent_starts: list[int] = field(default_factory=list)  # starts of sents, for bisection
    # content_spans and reported as per-character flags: membership tests were the stage's hot spot.
    cmask: bytearray = field(default_factory=bytearray)
    rmask: bytearray = field(default_factory=bytearray)
    mention_starts: list[int] = field(default_factory=list)  # starts of mentions, for bisection
    cue_starts: list[int] = field(default_factory=list)  # starts of cues (ascending), for bisection
    # Mentions inside a reply excerpt: never speakers, but antecedents of a pronoun the comment has no
    # other antecedent for (> 川普说… ⏎ 他第一任就说过…).
    excerpt_mentions: list[_Mention] = field(default_factory=list)
    detector: Any = None  # an enabled shiju.quote_detector.DetectorModel, else None (the rules decide)
    chooser: Any = None  # an enabled shiju.quote_chooser.ChooserModel, else None (the rules decide)
    indirect: Any = None  # an enabled learned decider of reported clauses (a DetectorModel), else None
    # Actor mentions inside quote marks ((start, end), Simplified view), for the detector only: marked words
    # that are mostly an actor's name (“中非合作论坛”, “自由之家”) are a name, not speech.
    marked_mentions: list[tuple[int, int]] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.sent_starts = [a for a, _ in self.sents]
        self.cmask = bytearray(len(self.s) + 1)
        self.rmask = bytearray(len(self.s) + 1)
        self.mention_starts = [m.start for m in self.mentions]
        self.cue_starts = [c.start for c in self.cues]

    def add_reported(self, a: int, b: int) -> None:
        self.reported.append((a, b))
        if b > a:
            self.rmask[a:b] = b"\x01" * (b - a)

    def in_reported(self, pos: int) -> bool:
        return 0 <= pos < len(self.rmask) and self.rmask[pos] == 1


def _find_marks(s: str, skip: list[bool]) -> list[_Mark]:
    """Top-level quote-mark spans; nested marks stay inside their parent, unclosed ones end at the line."""
    out: list[_Mark] = []
    stack: list[tuple[str, int]] = []
    for m in _MARK_CHARS.finditer(s):  # every other character is skipped by the loop below anyway
        i, ch = m.start(), m.group()
        if skip[i]:
            continue
        if ch == "\n":
            if stack:
                out.append(_Mark(stack[0][1], i, False))
                stack = []
            continue
        if ch == '"':
            if stack and stack[-1][0] == '"':
                _, p = stack.pop()
                if not stack:
                    out.append(_Mark(p, i, True))
            else:
                stack.append((ch, i))
        elif ch in _OPEN_CLOSE:
            stack.append((ch, i))
        elif ch in _CLOSE_OPEN:
            want = _CLOSE_OPEN[ch]
            depth = next((k for k in range(len(stack) - 1, -1, -1) if stack[k][0] == want), None)
            if depth is None:
                continue  # a stray closing mark
            p = stack[depth][1]
            del stack[depth:]
            if not stack:
                out.append(_Mark(p, i, True))
    if stack:
        out.append(_Mark(stack[0][1], len(s), False))
    out.sort(key=lambda m: m.open)
    return out


def _titles_mask(s: str) -> list[bool]:
    """《Book and newspaper titles》: names, never speech, though a mention inside can be a speaker."""
    m = [False] * len(s)
    for t in re.finditer(r"《[^》\n]*》", s):
        m[t.start():t.end()] = [True] * (t.end() - t.start())
    return m


def _excerpt_mask(s: str, part: str, doc: Document) -> list[bool]:
    """Reply excerpts of other comments in a comment: lines opened by '>' or the reader's Comment.quoted."""
    m = [False] * len(s)
    if part.startswith("comment:"):
        for t in re.finditer(r"(?m)^[ \t]*>.*$", s):
            m[t.start():t.end()] = [True] * (t.end() - t.start())
        cid = part[len("comment:"):]
        quoted = next((c.quoted for c in doc.comments if c.id == cid), None)
        if quoted:
            from shiju.text.view import TextView

            q = TextView(quoted).simplified.strip()
            k = s.find(q) if len(q) >= 2 else -1
            while k >= 0:
                m[k:k + len(q)] = [True] * len(q)
                k = s.find(q, k + len(q))
    return m


def _find_cues(s: str, mask: list[bool], lex: Lexicon) -> list[_Cue]:
    blocked = [False] * len(s)
    if lex.blocker_re is not None:
        for b in lex.blocker_re.finditer(s):
            blocked[b.start():b.end()] = [True] * (b.end() - b.start())
    out: list[_Cue] = []
    for m in lex.cue_re.finditer(s):
        a, b = m.start(), m.end()
        if any(mask[a:b]):
            continue
        w = m.group(0)
        # A blocker that reaches outside the cue is a longer word containing it (来说, 称为).
        if any(blocked[a:b]) and lex.blocker_re is not None:
            if any(bb.start() < b and bb.end() > a and (bb.start() < a or bb.end() > b)
                   for bb in lex.blocker_re.finditer(s, max(0, a - 4), min(len(s), b + 4))):
                continue
        if a > 0 and s[a - 1] in lex.nominal_before:
            continue
        if b < len(s) and s[b] in lex.verbal_after:
            # 不是说了吗：… — an aspect marker before a colon still introduces the speech.
            m2 = _ASPECT_COLON_RE.match(s, b)
            if m2 is not None:
                b = m2.end() - 1
            elif m.group(0) in lex.perfective_cues and _PERFECTIVE_RE.match(s, b):
                b += 1  # 都说了“…”, 说了会面需要…: the perfective still reports speech
            else:
                continue
        if lex.nonspeech_openers:
            k = a
            while k > 0 and a - k < 12 and s[k - 1] not in _ANY_PUNCT:
                k -= 1
            if any(o in s[k:a] for o in lex.nonspeech_openers):
                continue  # X不顾中方多次警告，… : the cue is a noun in a background clause
        e = lex.cues[w]
        if lex.negators and _ends_with_any(s[max(0, a - 4):a], lex.negators) and not (out and out[-1].end == a):
            # 他没有透露谈判细节, 拒绝透露是哪些国家: the verb reports that nothing was said. It stays a cue, so
            # that the speech of an earlier cue ends before it (他说他正在寻求庇护，但没有透露是哪些国家), but
            # it carries no quote of its own (_emit).
            out.append(_Cue(a, b, w, bool(e.get("bare")), bool(e.get("recipient")), True))
            continue
        if out and out[-1].end == a:
            # Two cue words in a row are one cue (警告称, 批评说, 透露说): the speech follows the last,
            # the speaker precedes the first.
            prev = out.pop()
            out.append(_Cue(prev.start, b, w, bool(e.get("bare")), bool(e.get("recipient")) or prev.recipient))
            continue
        out.append(_Cue(a, b, w, bool(e.get("bare")), bool(e.get("recipient"))))
    return out


def _actor_cues_checked(s: str, cues: list[_Cue], mentions: list[_Mention], lex: Lexicon) -> list[_Cue]:
    """Drop the cues of ``actor_cues`` (Cantonese 話 = said: 林鄭話虛心聆聽) that do not follow an actor's
    name directly, or after one of ``actor_cue_gap`` (港澳辦又話, 林鄭都話): elsewhere the word is a noun.
    Merged with a cue after it (谈话说), such a noun leaves that cue standing alone."""
    ends = {m.end for m in mentions}
    out = []
    for c in cues:
        head = next((w for w in lex.actor_cues if s.startswith(w, c.start)), None)
        if head is not None and not (c.start in ends or any(
                s.startswith(g, c.start - len(g)) and c.start - len(g) in ends for g in lex.actor_cue_gap)):
            if c.end - c.start <= len(head):
                continue
            c = replace(c, start=c.start + len(head))
        out.append(c)
    return out


def _sentences(s: str, mask: list[bool], marks: list[_Mark],
               extra_cuts: tuple[int, ...] = ()) -> list[tuple[int, int]]:
    """Sentence spans that never cut inside quote marks; a marked sentence (“…。”) ends after its mark."""
    cuts = set(extra_cuts)
    for m in _SENT_CUT.finditer(s):
        i, ch = m.start(), m.group()
        if (ch in _SENT_END and not mask[i]) or ch == "\n":
            j = i + 1
            while j < len(s) and s[j] in _SENT_END:
                j += 1
            cuts.add(j)
    for mk in marks:
        if mk.closed and mk.close > mk.open + 1 and s[mk.close - 1] in _SENT_END:
            cuts.add(mk.close + 1)
    out: list[tuple[int, int]] = []
    start = 0
    for c in sorted(cuts) + [len(s)]:
        if c <= start:
            continue
        a, b = start, c
        while a < b and s[a].isspace():
            a += 1
        while b > a and s[b - 1].isspace():
            b -= 1
        if b > a:
            out.append((a, b))
        start = c
    return out


def _mentions_by_part(doc: Document) -> dict[str, list[tuple[Any, Any]]]:
    """(mention, actor) pairs grouped by part, built once per document (not once per part)."""
    out: dict[str, list[tuple[Any, Any]]] = {}
    for a in doc.actors:
        for m in a.mentions:
            out.setdefault(m.part, []).append((m, a))
    return out


def _part_mentions(doc: Document, part: str, view: Any, mask: list[bool],
                   items: list[tuple[Any, Any]] | None = None) -> list[_Mention]:
    """Actor mentions of this part in Simplified-view offsets, overlaps resolved to the longest."""
    if items is None:
        items = _mentions_by_part(doc).get(part, [])
    raw = []
    n = len(mask)
    for m, a in items:
        st = view.to_simplified(m.start)
        if not (0 <= st < n and mask[st]):
            raw.append(_Mention(st, view.to_simplified(m.end), a))
    raw.sort(key=lambda m: (m.start, -(m.end - m.start)))
    out: list[_Mention] = []
    for m in raw:
        if out and m.start < out[-1].end:
            continue
        out.append(m)
    return out


# -- helpers on a part ------------------------------------------------------------------------------

def _sent_index(p: _Part, pos: int) -> int:
    """The sentence holding pos, else the last one before it (the first when pos precedes them all)."""
    if not p.sents:
        return -1
    return max(0, bisect.bisect_right(p.sent_starts, pos) - 1)


def _mentions_from(p: _Part, lo: int, hi: int) -> list[_Mention]:
    """The part's mentions starting in [lo, hi), in text order: one slice, since they are sorted by start."""
    return p.mentions[bisect.bisect_left(p.mention_starts, lo):bisect.bisect_left(p.mention_starts, hi)]


def _cues_from(p: _Part, lo: int, hi: int) -> list[_Cue]:
    """The part's cues starting in [lo, hi), in text order (cues are found left to right)."""
    return p.cues[bisect.bisect_left(p.cue_starts, lo):bisect.bisect_left(p.cue_starts, hi)]


@lru_cache(maxsize=64)
def _longest_first(words: tuple[str, ...]) -> tuple[str, ...]:
    """A lexicon list sorted longest first (stable), once per list rather than on every call."""
    return tuple(sorted(words, key=len, reverse=True))


def _sent_of(p: _Part, pos: int) -> tuple[int, int]:
    k = _sent_index(p, pos)
    return p.sents[k] if p.sents else (0, len(p.s))


def _clauses(p: _Part, a: int, b: int) -> list[tuple[int, int]]:
    """Comma/colon clauses of s[a:b], ignoring punctuation inside quote marks."""
    cuts = p.__dict__.get("_clause_cuts")
    if cuts is None:  # the part's unmasked clause punctuation, found once (the mask is final by now)
        cuts = [m.start() for m in _CLAUSE_PUNCT_RE.finditer(p.s) if not p.mask[m.start()]]
        p.__dict__["_clause_cuts"] = cuts
    out, start = [], a
    for i in cuts[bisect.bisect_left(cuts, a):bisect.bisect_left(cuts, b)]:
        out.append((start, i))
        start = i + 1
    out.append((start, b))
    return out


def _is_person(actor: Any) -> bool:
    return getattr(actor, "type", None) in ("person", "office")


def _is_org(actor: Any) -> bool:
    return getattr(actor, "type", None) in ("organization", "group", "state", "office")


def _ends_with_any(text: str, words: tuple[str, ...]) -> str | None:
    best = None
    for w in words:
        if text.endswith(w) and (best is None or len(w) > len(best)):
            best = w
    return best


def _starts_with_any(text: str, words: tuple[str, ...]) -> bool:
    return any(text.startswith(w) for w in words)


def _strip_connectives(text: str, lex: Lexicon) -> str:
    """Remove leading connectives, adverbs and dates (并、也、18日、当天) from a clause."""
    t = text.strip()
    return t[lex.strip_re.match(t).end():]  # type: ignore[union-attr]  # always matches (may be empty)


def _in_content(p: _Part, pos: int) -> bool:
    return 0 <= pos < len(p.cmask) and p.cmask[pos] == 1


# -- speakers ---------------------------------------------------------------------------------------

def _mention_speaker(p: _Part, region: tuple[int, int]) -> _Speaker | None:
    """The subject among the actor mentions of a region: the first mention not governed by a preposition,
    extended over a title run (韩国外交部 + 长官 + 郑义溶) to its head, a person when there is one."""
    a, b = region
    lex = p.lex
    ms = [m for m in _mentions_from(p, a, b + 1) if m.end <= b and not p.qmask[m.start]]
    end = p.s[a:b].rstrip()
    for m in reversed(ms):
        rest = end[m.end - a:]
        if rest.startswith("的") and rest[1:] in lex.speech_nouns:
            # 新华社发了国台办的谈话，说… : the statement's owner speaks, not who relays it.
            return _Speaker(m.actor.id, None, m.start, m.end, "actor")
        break
    first = None
    for k, m in enumerate(ms):
        before = p.s[a:m.start]
        if _ends_with_any(before, lex.not_subject_after):
            continue
        first = k
        break
    if first is None:
        return None
    run = [ms[first]]
    for m in ms[first + 1:]:
        gap = p.s[run[-1].end:m.start]
        if len(gap) > 14 or any(ch in _ANY_PUNCT for ch in gap):
            break
        if (gap.startswith("的") and _is_person(m.actor) and 1 < len(gap) <= 9 and _CJK_RE.match(gap[1:])
                and not any(w in gap for w in lex.subject_breakers)):
            run.append(m)  # 巴西总统卢拉的外交顾问阿莫林: the possessed person is the head
            continue
        core_gap = gap.strip("）)《》 ·")
        if core_gap and core_gap[-1] not in lex.title_suffixes and not core_gap.endswith(lex.title_prefixes):
            break  # 朝鲜始终将韩国…: a verb between, not a title
        if any(w in gap for w in lex.subject_breakers) or any(ch in gap for ch in "和与及、跟同"):
            break
        run.append(m)
    persons = [m for m in run if _is_person(m.actor)]
    head = persons[-1] if persons else run[-1]
    lead = _NUM_CLASSIFIER_RE.sub("", _strip_connectives(p.s[a:run[0].start], lex), count=1)
    tail = _np_tail(p, head.end, b)
    verb, _, noun = tail.partition("的")
    # 美国之音采访的多位学者: the actor is the subject of a relative clause (a verb before 的, not a title),
    # the speaker is the noun after it; an official of the actor (负责亚太事务的官员) still speaks for it.
    relative = bool(verb and noun and verb[-1] not in lex.title_suffixes and _CJK_RE.match(noun)
                    and not noun.endswith(lex.institution_voices + lex.speech_nouns))
    if (lead and _CJK_RE.search(lead) and "的" in tail) or relative:
        # 一位熟悉东盟内部讨论的消息人士: the actor sits in a relative clause before the head noun; the
        # speaker is a person named in the head (旅居英国的民主派人士罗冠聪), else unnamed.
        np_end = head.end + len(_np_tail(p, head.end, b))
        named = [m for m in ms if head.end < m.start and m.end <= np_end and _is_person(m.actor)]
        if named:
            return _Speaker(named[-1].actor.id, None, named[-1].start, named[-1].end, "actor")
        return _Speaker(None, None, run[0].start, np_end, "unnamed")
    # A state naming only the nationality of an untagged person (韩国学者某某表示) is not the speaker, but
    # an institution's spokesperson or official speaks for it (白宫一名官员表示 → the White House).
    if _is_person(head.actor) and tail and any(w in tail for w in lex.institution_voices):
        # 韩国总统室一名官员: the person named is part of an institution's name, the speaker is unnamed.
        return _Speaker(None, None, run[0].start, head.end + len(tail), "unnamed")
    if not _is_person(head.actor):
        named = [m for m in ms if head.end < m.start and m.end <= head.end + len(tail) and _is_person(m.actor)]
        if named:
            # 日本这边林芳正官房长官说: a person named later in the subject's noun phrase is its head.
            return _Speaker(named[-1].actor.id, None, named[-1].start, named[-1].end, "actor")
        voice = tail and tail.endswith(lex.institution_voices)
        if voice:
            return _Speaker(head.actor.id, None, run[0].start, head.end + len(tail), "actor")
        if (tail and getattr(head.actor, "type", None) == "state"
                and not tail.startswith(lex.state_heads)
                and any(w in tail for w in lex.person_nouns)):
            return _text_speaker(p, run[0].start, head.end + len(tail), kind="text")
        if tail and any(w in tail for w in lex.member_nouns):
            # 立法会议员, 智库研究员: a member speaks for themself, not for the body they belong to.
            return _Speaker(None, None, run[0].start, head.end + len(tail), "unnamed")
    note = None
    rest = p.s[head.end:b]
    co = re.match(r"[和与及、]", rest)
    if co:
        nxt = [m for m in ms if m.start >= head.end + 1 and m.start <= head.end + 12 and _is_person(m.actor)]
        if nxt and _is_person(head.actor):
            note = f"joint speakers: {head.actor.id} + {nxt[0].actor.id}; speaker is the first"
    return _Speaker(head.actor.id, None, run[0].start, head.end, "actor", note)


def _np_tail(p: _Part, a: int, b: int) -> str:
    """Words after a mention up to the first breaker or punctuation (the rest of the noun phrase)."""
    t = p.s[a:b]
    m = p.lex.breaker_re.search(t) if p.lex.breaker_re is not None else None
    cut = m.start() if m else len(t)  # the earliest breaker, as the old word-by-word find gave
    for i, ch in enumerate(t[:cut]):
        if ch in _ANY_PUNCT or ch in "（(":
            cut = i
            break
    tm = _NP_TIME_RE.search(t, 0, cut)
    if tm is not None:
        cut = tm.start()  # 美国国务院30日宣布…的…: a date right after the mention ends its noun phrase too
    t = t[:cut].strip()
    # A time after the subject is no part of it (一名发言人星期一对…表示).
    return _TRAIL_TIME_RE.sub("", t) if t and (t[-1] in "一二三四五六日天末今昨" or t[-1].isdigit()) else t


def _text_speaker(p: _Part, a: int, b: int, kind: str) -> _Speaker:
    return _Speaker(None, None, a, b, kind)


def _pronoun_speaker(p: _Part, region: tuple[int, int]) -> _Speaker | None:
    """A pronoun or description in subject position (他表示, 这位外长指出), resolved backwards."""
    a, b = region
    lex = p.lex
    t = p.s[a:b]
    stripped = _strip_connectives(t, lex)
    off = a + (len(t) - len(t.lstrip())) + (len(t.strip()) - len(stripped))
    # each loop below does something only when a word of its list is there: one test in C first
    words, doc_words, words_re = _pronoun_index(lex.pronouns_by_len)
    for det in lex.determiners_by_len if stripped.startswith(lex.determiners_by_len) else ():
        if stripped.startswith(det) and len(stripped) > len(det):
            noun = _np_tail(p, off + len(det), b) or stripped[len(det):]
            if not noun or not _CJK_RE.match(noun):
                continue
            kind = "org" if noun[-1] in "部报社台国党府局院会" else "person"
            end = off + len(det) + len(noun)
            voice = next((v for v in lex.institution_voices if v in noun[:-2]), None)
            if voice and _CJK_RE.match(noun[noun.index(voice) + len(voice):]):
                # 该机构发言人塔马拉·阿里法伊: a named spokesperson of the described body, not an anaphor.
                return _Speaker(None, None, off, end, "text")
            return _resolve(p, off, end, kind, noun)
    count = next((c for c in _longest_first(lex.group_counts) if stripped.startswith(c)), None)
    if count:
        noun = _np_tail(p, off + len(count), b)
        head = next((h for h in lex.group_heads if noun.startswith(h)), None)
        if head:  # 两国外长表示, 三国领导人在联合声明中表示: the group speaks, any member stands for it
            return _resolve(p, off, off + len(count) + len(head), "pair", None)
    for word, kind in lex.pronouns_by_len if stripped.endswith(doc_words) else ():
        if kind != "document" or not stripped.endswith(word) or len(stripped) == len(word):
            continue
        # 峰会宣言称 / 峰会发表的宣言称: a document named by the meeting that issued it.
        lead = re.sub(r"(?:发表|通过|发布|签署|公布)?的?$", "", stripped[:-len(word)])
        event = next((e for e in lex.event_nouns if lead.endswith(e)), None)
        if event or "的" in stripped[:-len(word)]:
            # 会后发表的联合声明指出: a document named by a relative clause.
            return _resolve_document(p, off + len(stripped) - len(word), off + len(stripped), word, event)
    for word, kind in lex.pronouns_by_len if stripped.startswith(words) else ():
        if stripped.startswith(word):
            if word == "其" and len(stripped) > 1 and stripped[1] in "中他它实次余间":
                continue
            if kind == "document":
                return _resolve_document(p, off, off + len(word), word)
            return _resolve(p, off, off + len(word), kind, None)
    # After a circumstance without comma (竞选期间他反复说): the pronoun is still the subject.
    for word, kind in lex.pronouns_by_len if words_re.search(stripped) else ():
        i = stripped.find(word)
        if i <= 0 or word == "其":
            continue
        pre = stripped[:i]
        if _ends_with_any(pre, lex.circumstance_end) or _DATE_RE.fullmatch(pre):
            return _resolve(p, off + i, off + i + len(word), kind, None)
    return None


@lru_cache(maxsize=8)
def _pronoun_index(pronouns: tuple[tuple[str, str], ...]) -> tuple[tuple[str, ...], tuple[str, ...], re.Pattern[str]]:
    """The pronoun words, the document ones, and a regex finding any of them (presence tests)."""
    words = tuple(w for w, _ in pronouns)
    return (words, tuple(w for w, k in pronouns if k == "document"),
            re.compile("|".join(map(re.escape, words)) or "(?!)"))


def _resolve(p: _Part, a: int, b: int, kind: str, noun: str | None) -> _Speaker:
    """Nearest compatible actor mentioned before position a, outside quoted content."""
    if noun:
        # 这位发言人 after 美国国务院一名发言人说: the recent speaker described with the same noun.
        k = _sent_index(p, a)
        # An org description never means a person; a person one may mean an institution whose spokesperson
        # spoke (这位发言人 after 美国国务院一名发言人说).
        types = {m.actor.id: m.actor for m in p.mentions} if kind == "org" else {}
        for sk, sp in reversed(p.history):
            if sk < k - 2:
                break
            if (sp.id and sp.start is not None and sp.end is not None and noun in p.s[sp.start:sp.end]
                    and (sp.id not in types or not _is_person(types[sp.id]))):
                # 该法院 is not 宪法法院代理院长文炯培, though his title holds the noun.
                return _Speaker(sp.id, None, a, b, "pronoun", None)
    cmask, rmask, qmask = p.cmask, p.rmask, p.qmask
    cands = [m for m in p.mentions[:bisect.bisect_left(p.mention_starts, a)]
             if m.end <= a and not qmask[m.start] and not cmask[m.start] and not rmask[m.start]]
    if kind in ("person", "pair"):
        ok = [m for m in cands if _is_person(m.actor)]
    elif kind == "org":
        ok = [m for m in cands if _is_org(m.actor) and getattr(m.actor, "type", None) != "office"]
    else:
        ok = [m for m in cands if _is_person(m.actor) or _is_org(m.actor)]
    if noun:
        key = noun[-2:] if len(noun) >= 2 else noun
        fit = [m for m in ok if key in _title_before(p, m) or key in _roles_text(m.actor)]
        if fit:
            ok = fit
    if not ok and p.excerpt_mentions and kind != "pair":
        ok = [m for m in p.excerpt_mentions if m.end <= a and (
            _is_person(m.actor) if kind == "person" else _is_org(m.actor) if kind == "org"
            else _is_person(m.actor) or _is_org(m.actor))]
        if ok:
            return _Speaker(ok[-1].actor.id, None, a, b, "pronoun", None)
    if not ok:
        return _Speaker(None, None, a, b, "pronoun", f"unresolved {p.s[a:b]}")
    if kind == "pair":
        ids: list[Any] = []
        for m in reversed(ok):
            if m.actor.id not in [x.id for x in ids]:
                ids.append(m.actor)
            if len(ids) == 2:
                break
        ids.reverse()
        note = None
        if len(ids) == 2:
            note = f"{p.s[a:b]} = {ids[0].id} + {ids[1].id}; speaker is the first"
        return _Speaker(ids[0].id, None, a, b, "pronoun", note)
    # The nearest sentence with a compatible actor; there, prefer its subject (布林肯会见郑义溶。他表示 → 布林肯).
    k = _sent_index(p, ok[-1].start)
    sa, se = p.sents[k] if p.sents else (0, len(p.s))
    same = [m for m in ok if sa <= m.start < se]
    pick = same[-1] if same else ok[-1]
    for ca, cb in _clauses(p, sa, min(se, a)):
        sp = _mention_speaker(p, (ca, cb))
        if sp is None:
            continue
        # The subject's own actor, else the head of its title run (七国集团 in 七国集团外长会议 for an org).
        hit = next((m for m in same if m.actor.id == sp.id), None) or next(
            (m for m in same if m.start == sp.start), None)
        if hit is not None:
            pick = hit
            break
    return _Speaker(pick.actor.id, None, a, b, "pronoun", None)


def _event_owner(p: _Part, a: int, event: str) -> Any | None:
    """峰会 → 北约峰会 earlier in the part: the actor named right before the nearest earlier mention of the
    meeting (a few title words between: 中共二十届三中全会, 七国集团外长会议). Stories name their meeting
    once, in the lead, and call it 峰会 after that."""
    lo = 0
    hit = p.s.rfind(event, lo, a)
    while hit >= 0:
        before = [m for m in p.mentions[:bisect.bisect_right(p.mention_starts, hit)]
                  if m.end <= hit and hit - m.end <= 8 and not p.qmask[m.start]
                  and not any(ch in _ANY_PUNCT for ch in p.s[m.end:hit])]
        if before:
            return before[-1].actor
        hit = p.s.rfind(event, lo, hit)
    return None


def _resolve_document(p: _Part, a: int, b: int, word: str, event: str | None = None) -> _Speaker:
    """联合声明指出 / 公报称: the issuer is the subject of a recent sentence naming the document (两国随后发表
    联合声明, 会议发表联合公报), its first clause with an organisation or state, else its first actor."""
    if event:
        owner = _event_owner(p, a, event)
        if owner is not None:
            return _Speaker(owner.id, None, a, b, "pronoun", None)
    k = _sent_index(p, a)
    for si in range(k, max(-1, k - 3), -1):
        sa, se = p.sents[si]
        hit = p.s.find(word, sa, min(se, a))
        if hit < 0:
            continue
        same = [m for m in _mentions_from(p, sa, hit) if not p.qmask[m.start]]
        if not same:
            # 峰会发表的宣言称…。宣言重申…: the document already spoke in that sentence; same issuer.
            prev = next((sp for sk, sp in reversed(p.history) if sk == si and sp.id and sp.start is not None
                         and p.s[sp.start:sp.end].endswith(word)), None)
            if prev is not None:
                return _Speaker(prev.id, None, a, b, "pronoun", None)
            continue
        pick = None
        if word.startswith("联合") or p.s.startswith("联合", max(0, hit - 2), hit):
            # A joint statement is the states' or organisations' (两国首脑会谈，随后发表联合声明).
            pick = next((m for m in same if _is_org(m.actor) and getattr(m.actor, "type", None) != "office"), None)
        for ca, cb in ([] if pick else _clauses(p, sa, hit)):
            sp = _mention_speaker(p, (ca, cb))
            if sp is None:
                continue
            pick = next((m for m in same if m.start == sp.start and _is_org(m.actor)), None) or next(
                (m for m in same if m.actor.id == sp.id), None)
            if pick is not None:
                break
        pick = pick or same[0]
        return _Speaker(pick.actor.id, None, a, b, "pronoun", None)
    if word.startswith("联合") or p.s.startswith("联合", max(0, a - 2), a):
        # A joint statement no sentence introduces (会谈举行…会后发表的联合声明指出): the parties of the
        # story, taken as the first state or organisation of the last three sentences.
        lo = p.sents[max(0, k - 2)][0] if p.sents else 0
        parties = [m for m in _mentions_from(p, lo, a) if not p.qmask[m.start]
                   and _is_org(m.actor) and getattr(m.actor, "type", None) != "office"]
        if parties:
            return _Speaker(parties[0].actor.id, None, a, b, "pronoun", None)
    return _Speaker(None, None, a, b, "pronoun", f"unresolved {p.s[a:b]}")


def _title_before(p: _Part, m: _Mention) -> str:
    """The mention and the title words right before it (中国外长王毅 → 外长王毅), not crossing another
    mention or punctuation."""
    a = max(0, m.start - 8)
    for o in p.mentions:
        if o.end <= m.start:
            a = max(a, o.end)
    for i in range(m.start - 1, a - 1, -1):
        if p.s[i] in _ANY_PUNCT:
            a = i + 1
            break
    return p.s[a:m.end]


def _roles_text(actor: Any) -> str:
    return " ".join((r.title_zh or "") for r in getattr(actor, "roles", []) or []) + (actor.name_zh or "")


def _region_speaker(p: _Part, region: tuple[int, int], allow_text: bool) -> _Speaker | None:
    """Speaker candidate in a region that should hold a subject: actor, pronoun, unnamed or first person."""
    a, b = region
    lex = p.lex
    t = p.s[a:b]
    core = _strip_connectives(t, lex)
    if not core:
        return None
    for w in lex.first_person:
        if core.startswith(w) and not core.startswith("我国") and not core.startswith("我方"):
            return _Speaker(None, None, None, None, "first")
    sp = _mention_speaker(p, region)
    if sp is not None:
        return sp
    sp = _pronoun_speaker(p, region)
    if sp is not None:
        return sp
    off = a + t.find(core)
    tail = _np_tail(p, off, b)
    if any(w in tail for w in lex.unnamed_sources) and len(tail) <= 16:
        return _Speaker(None, None, off, off + len(tail), "unnamed")
    if (allow_text and 2 <= len(tail) <= 16 and _CJK_RE.search(tail) and tail[0] not in "这那此该其谁"
            and not _is_circumstance(tail, lex)  # 演说中提到: where it was said, not who said it
            and not tail.startswith(lex.text_speaker_stops + lex.not_speaker_start)
            and not tail.endswith(lex.not_speaker_end) and not _MARK_CHARS.search(tail)):
        return _Speaker(None, None, off, off + len(tail), "text")
    return None


def _nested_region(p: _Part, a: int, b: int) -> tuple[int, int] | None:
    """X援引Y的话说 / X转述Y说: the region after the last nested-attribution word, without 的话, when it
    holds words (the quoted source Y); None when the clause has no such word."""
    best = -1
    for w in p.lex.nested_attribution:
        k = p.s.rfind(w, a, b)
        if k >= 0 and k + len(w) > best:
            best = k + len(w)
    if best < 0:
        return None
    end = b
    t = p.s[best:end].rstrip()
    for tail in ("的话", "话"):
        if t.endswith(tail):
            t = t[:-len(tail)]
            break
    end = best + len(t)
    return (best, end) if end - best >= 2 else None


def _is_circumstance(text: str, lex: Lexicon) -> bool:
    t = text.strip()
    return bool(not t or t.startswith(lex.circumstance_start)
                or t.endswith(lex.circumstance_end))


def _subject(p: _Part, cue: _Cue, depth: int = 0, skip_open: bool = True) -> _Speaker | None:
    """The speaker of a cue: its clause's subject, else an earlier clause's (并表示 → X发表谈话，…), else the
    previous sentence's speaker when the sentence has no subject at all (zero anaphora). ``skip_open``: pass
    over clauses of speech an earlier cue of the sentence opened (see below); when that finds no subject in
    the sentence, the search is redone without it."""
    lex = p.lex
    sa, _ = _sent_of(p, cue.start)
    clauses = _clauses(p, sa, cue.start)
    if not _strip_connectives(p.s[clauses[-1][0]:cue.start], lex):
        # 报道称，… : the cue word itself names the document that speaks (a cue merged from 报道 + 称).
        doc_word = next((w for w, kind in lex.pronouns_by_len if kind == "document"
                         and p.s.startswith(w, cue.start) and cue.end > cue.start + len(w)), None)
        if doc_word:
            return _resolve_document(p, cue.start, cue.start + len(doc_word), doc_word)
    predicate = False
    # Cues of this sentence that open reported speech (表示，/ 说：): the clauses after them are what was said,
    # whether or not that speech has been emitted yet (marked words are decided before the sentence's cues).
    # Not a frame (据X报道，/ 据X介绍，): those name a source, the sentence's speaker comes after them.
    opening = [c.end for c in _cues_from(p, sa, cue.start) if c.end < cue.start and not p.excerpt[c.start]
               and p.s[c.end:c.end + 1] in ("，", ",", "：", ":")
               and not _strip_connectives(p.s[_clauses(p, sa, c.start)[-1][0]:c.start], lex).startswith(("据", "根据"))
               ] if skip_open else []
    skipped = False
    for k in range(len(clauses) - 1, -1, -1):
        ca, cb = clauses[k]
        own = k == len(clauses) - 1
        if not own:
            if _in_content(p, ca) or p.in_reported(ca):
                continue  # reported speech of an earlier cue of this sentence (表示，A，并强调，B)
            inner = [c for c in _cues_from(p, ca, cb + 1) if c.end <= cb]
            if inner and depth < 4:
                found = _subject(p, inner[-1], depth + 1)
                if skipped and (found is None or found.id is None):
                    # only a linked speaker beats the subject of the skipped clause
                    return _subject(p, cue, depth, skip_open=False)
                return found
            if any(e <= ca for e in opening):
                # 木原稔表示，日方已要求…，并称…: a clause of that speech with no cue of its own, whose subject
                # is a state or organisation (the speaker's own side: 日方, 墨方), does not give the later cue
                # its subject; the speaker who opened the speech does. A person there may be the one who
                # speaks next (记录说：…金正恩称呼了他的职务，并对他说).
                here = _region_speaker(p, (ca, cb), False)
                if here is None or (here.id is not None and not here.id.startswith(("per:", "local:"))):
                    skipped = True
                    continue
        if own:
            nested = _nested_region(p, ca, cb)
            if nested is not None:
                return _region_speaker(p, nested, True)
        core = _strip_connectives(p.s[ca:cb], lex)
        if own and "被" in core:
            # Passive (被X批评「…」): the agent after 被 is the speaker; with no agent there is none.
            k = p.s.rfind("被", ca, cb)
            return _region_speaker(p, (k + 1, cb), True) if cb - k > 1 else None
        if not core:
            continue
        # 演说中提到: a clause whose first noun phrase is a place or time of speaking has no subject of its own.
        circ = core.startswith(lex.circumstance_start) or (
            _is_circumstance(_np_tail(p, cb - len(core), cb), lex)
            and not _mentions_from(p, ca, cb))
        # Words in the cue's own clause that link to no actor are still the speaker (哈马斯发言人则…声称):
        # kept as speaker_text. Without the Actors stage, any clause's words are.
        sp = _region_speaker(p, (ca, cb), (own and not circ) or not p.mentions)
        if sp is not None:
            return sp
        if circ or (not own and _is_circumstance(core, lex)):
            continue
        if not own:
            # An earlier clause that is only a predicate sharing the subject (X发表声明，欢迎达成协议，并称…):
            # the subject is further back in this sentence, never a speaker of an earlier one.
            predicate = True
            continue
        return None
    if skipped:
        return _subject(p, cue, depth, skip_open=False)
    if predicate:
        return None
    k = _sent_index(p, cue.start)
    for sk, sp in reversed(p.history):
        if sk >= k - 2 and sp.kind in ("actor", "pronoun", "inherited") and sp.id:
            return _Speaker(sp.id, None, None, None, "inherited", sp.note)
        break
    return None


# -- direct quotes ----------------------------------------------------------------------------------

def _groups(p: _Part) -> list[list[_Mark]]:
    """Quote-mark segments decided together: segments joined by nothing, ，/； or 、 (“…。”“…”, 「完全不可接受」，
    「會有大事發生」, “一国两制”、“港人治港”). They are emitted apart when ，/； separates them (_segment_runs)."""
    out: list[list[_Mark]] = []
    for mk in p.marks:
        if p.excerpt[mk.open]:
            continue
        if out and out[-1][-1].closed:
            prev = out[-1][-1]
            gap = p.s[prev.close + 1:mk.open].strip()
            if gap in _JOINERS and "\n" not in p.s[prev.close + 1:mk.open]:
                out[-1].append(mk)
                continue
        out.append([mk])
    return out


def _content(p: _Part, g: list[_Mark]) -> str:
    return "".join(p.s[m.open + 1:m.close] for m in g)


def _cue_ending_at(p: _Part, pos: int) -> _Cue | None:
    for c in p.cues:
        if c.end == pos:
            return c
    return None


def _before_cue(p: _Part, g: list[_Mark]) -> tuple[_Cue | None, bool]:
    """A cue right before the opening mark (X表示：“, 告诉记者：“). Returns (cue, punctuation between)."""
    i = g[0].open
    j = i
    while j > 0 and p.s[j - 1] in " \t\u3000":
        j -= 1
    if j > 0 and p.s[j - 1] == "\n":
        # 他说：⏎“… — a quote opening the next paragraph after a colon.
        k = j - 1
        while k > 0 and p.s[k - 1] in " \t\u3000\n":
            k -= 1
        if k > 0 and p.s[k - 1] in "：:":
            j = k
    punct = False
    if j > 0 and p.s[j - 1] in "：:，,":
        punct = True
        j -= 1
    c = _cue_ending_at(p, j)
    if c is not None:
        return c, punct
    if punct:
        # 告诉美国之音：“… — a recipient between the verb and the speech.
        for c in p.cues:
            if c.recipient and c.end < j <= c.end + 12 and not any(ch in _ANY_PUNCT for ch in p.s[c.end:j]):
                return c, punct
    return None, punct


def _after_cue(p: _Part, g: list[_Mark]) -> _Cue | None:
    """A speaker and cue right after the closing mark: “…”，帕尔多指出。 / “…，”他说，“…”. The marks must
    open their sentence or clause: in 对于美日的“全球伙伴关系”，X表示 the marked words are a topic."""
    last = g[-1]
    if not last.closed:
        return None
    j = g[0].open
    while j > 0 and p.s[j - 1] in " \t":
        j -= 1
    if j > 0 and p.s[j - 1] not in _ANY_PUNCT:
        return None
    a = last.close + 1
    for c in p.cues:
        if c.start < a:
            continue
        if c.start > a + 30:
            break
        gap = p.s[a:c.start]
        g2 = gap[1:] if gap[:1] in "，," else gap
        if any(ch in _ANY_PUNCT or ch in "“”「」『』\"" for ch in g2):
            return None
        nxt = p.s[c.end:c.end + 1]
        if nxt == "" or nxt in _ANY_PUNCT or nxt in "“「『\"":
            return c
        return None
    return None


def _governing_cue(p: _Part, sa: int, pos: int) -> _Cue | None:
    """The cue whose reported speech holds position pos: one in the same clause, else the first cue that
    opens the rest of the sentence (指出，尽管X声称…，但其政府仍「…」 → 指出, not 声称)."""
    gov = [c for c in _cues_from(p, sa, pos + 1) if c.end <= pos and not p.excerpt[c.start]]
    if not gov:
        return None
    clause_start = _clauses(p, sa, pos)[-1][0]
    same = [c for c in gov if c.start >= clause_start]
    if same:
        return same[-1]
    opening = [c for c in gov if p.s[c.end:c.end + 1] in ("，", ",", "：", ":")]
    return opening[0] if opening else gov[-1]


def _quote_like(p: _Part, g: list[_Mark], cue_gap: bool, explicit: bool = False, strong: bool = False) -> bool:
    """Is marked text in reported speech a (partial) quote rather than a term? Long text or a clause is;
    a short phrase is when it is a predicate (是「白日做梦」) or follows the cue directly."""
    lex = p.lex
    content = _content(p, g)
    n = len(content.strip())
    if n == 0:
        return False
    before = p.s[max(0, g[0].open - 7):g[0].open].rstrip(" \t\u3000")
    if _ends_with_any(before, lex.name_markers):
        return False
    if re.fullmatch(r"[\x00-\x7f·\s]+", content):
        return False  # “2+2”, "QUAD": names and codes in Latin letters
    clause = any(ch in content for ch in "，。；！？,;!?：")
    long = n >= lex.min_partial or clause
    after = p.s[g[-1].close + 1:g[-1].close + 2] if g[-1].closed else ""
    if explicit:
        return True  # 外交部那句“…”: the words are announced as someone's
    opened = p.s[max(0, g[0].open - 1):g[0].open] in ("：", ":", "，", ",", "；", ";")
    if cue_gap and not clause and n < lex.min_partial and not opened:
        if (after and _CJK_RE.match(after)) or n < 4:
            return False  # 称“港独”是…, 主张“白左”: a term right after the verb, not its speech
    if opened and n >= 4 and (not after or after in _ANY_PUNCT):
        return True  # a marked clause of its own in reported speech (…，“但球在中国一边”)
    if not clause and n < 10 and after and _CJK_RE.match(after) and not cue_gap:
        return False  # “一带一路”倡议, 「印太经济框架」被…: a term inside the sentence, not speech
    if not long:
        if cue_gap and opened and _ends_with_any(content.strip(), _STANCE_VERBS):
            return True  # 发表声明，“断然拒绝”加方的指控: the marks hold the speaker's verb, its object follows
        if after and _CJK_RE.match(after):
            return False  # “一带一路”倡议, 「出力帮忙」的诉求: a modifier inside a noun phrase
        if cue_gap:
            return True
        if (not after or after in _ANY_PUNCT) and n >= 3:
            # A marked phrase closing its clause in reported speech is the speaker's when it is a predicate
            # (这场战争“根本不该开始”) or a noun phrase after 的 or a classifier (美国的“追随者”, 是一场“有预谋的
            # 战争”); after another verb it is usually a term (主张建立「亚洲版北约」).
            # Under a cue that plainly introduces speech (X说/称/表示…, 批评，…) any phrase but a term is.
            # Short nouns there are mostly labels (的“大数据”, “外省人”): five characters at least.
            if content.startswith(lex.predicate_openers):
                return True
            if n >= 5 and (before.endswith("的") or _CLASSIFIER_END_RE.search(before)):
                return True
            if strong and n >= 4 and not _ends_with_any(before, lex.scare_before):
                return True
        # Short words in reported speech are usually the author's labels (认为…「棍棒教育」); they count as
        # speech only as a predicate (是「白日做梦」, 仍「盲目信从…」).
        pred = _ends_with_any(before, lex.predicate_before)
        scare = _ends_with_any(before, lex.scare_before)
        return bool(pred and (not scare or len(pred) >= len(scare)))
    return True


def _emit(doc: Document, p: _Part, a: int, b: int, sp: _Speaker | None, cue: _Cue | None, direct: bool,
          out: list[Quote], date_fn) -> Quote | None:
    while a < b and p.s[a].isspace():
        a += 1
    while b > a and (p.s[b - 1].isspace()):
        b -= 1
    if b <= a or (cue is not None and cue.negated):
        return None
    if sp is not None and sp.id is None and p.name.startswith("comment:"):
        # In a forum comment unlinked words before a cue are mostly the commenter's own phrasing (且你说,
        # 有句话说, 用支共的话说): a comment's quote needs a speaker the actors stage knows.
        return None
    if p.chooser is not None and sp is not None:
        sp = _choose_speaker(p, a, b, sp, cue)
    v = p.view
    s0, e0, text = v.original_span(a, b)
    spk_id = spk_text = None
    ss = se = None
    if sp is not None:
        spk_id = sp.id
        if sp.start is not None and sp.end is not None:
            ss, se, spk_text = v.original_span(sp.start, sp.end)
        if sp.note:
            doc.notes.append(f"quotes: {p.name}[{s0}:{e0}] {sp.note}")
        if spk_id is None and sp.kind in ("pronoun",):
            doc.notes.append(f"quotes: {p.name}[{s0}:{e0}] speaker {spk_text!r} not linked to an actor")
    q = Quote(
        id=span_id(doc.id, "quote", p.name, s0, e0),
        speaker=spk_id, speaker_text=spk_text, text=text, direct=direct,
        cue=v.original[v.to_original(cue.start):v.to_original(cue.end)] if cue else None,
        start=s0, end=e0, part=p.name, speaker_start=ss, speaker_end=se, date=date_fn(p.name, s0),
    )
    out.append(q)
    p.content_spans.append((a, b))
    p.cmask[a:b] = b"\x01" * (b - a)
    if sp is not None and (sp.id or sp.kind in ("text", "unnamed")):
        p.history.append((_sent_index(p, a), sp))
    return q


def _unmasked_punct(p: _Part, lo: int, hi: int) -> int:
    """Clause and sentence punctuation in s[lo:hi] outside quote marks."""
    return sum(1 for i in range(max(0, lo), min(hi, len(p.s)))
               if (p.s[i] in _CLAUSE_PUNCT or p.s[i] in _SENT_END) and not p.mask[i])


def _speaker_candidates(p: _Part, a: int, b: int, sp: _Speaker, cue: _Cue | None) -> tuple[list[Any], int]:
    """Candidate speakers of the quote s[a:b] for the chooser (see shiju.quote_chooser), and the index of
    the rules' choice among them (the "none" option, last, when the rules linked nobody)."""
    lex = p.lex
    anchor = cue.start if cue is not None else a
    k = _sent_index(p, min(anchor, a))
    lo = p.sents[max(0, k - 2)][0] if p.sents else 0
    hi = p.sents[k][1] if p.sents else len(p.s)
    if cue is not None and cue.end > hi:
        hi = cue.end
    best: dict[str, _Mention] = {}
    for m in _mentions_from(p, lo, hi):
        if a <= m.start < b or p.cmask[m.start] or p.rmask[m.start] or m.end > hi:
            continue
        o = best.get(m.actor.id)
        if o is None or abs(anchor - m.start) < abs(anchor - o.start):
            best[m.actor.id] = m
    hist = [spk.id for sk, spk in p.history if sk >= k - 3 and spk.id]
    kind = sp.kind if sp.id else f"{sp.kind}-unlinked"
    counts: dict[str, int] = {}
    for m in p.mentions:
        counts[m.actor.id] = counts.get(m.actor.id, 0) + 1
    inspk_last = None
    head = _words_head(p, sp)
    if sp.start is not None and sp.end is not None:
        inside = [m for m in best.values() if sp.start <= m.start and m.end <= sp.end]
        inspk_last = max(inside, key=lambda m: m.end).actor.id if inside else None
    cands: list[Any] = []
    for aid, m in sorted(best.items(), key=lambda x: x[1].start):
        typ = getattr(m.actor, "type", None) or "other"
        sd = k - _sent_index(p, m.start)
        before = m.end <= anchor
        dist = anchor - m.end if before else m.start - anchor
        ncl = _unmasked_punct(p, m.end, anchor) if before else _unmasked_punct(p, anchor, m.start)
        ca = m.start
        while ca > lo and not (p.s[ca - 1] in _CLAUSE_PUNCT + _SENT_END + "\n" and not p.mask[ca - 1]):
            ca -= 1
        lead = p.s[ca:m.start]
        line = p.s.rfind("\n", 0, m.start) + 1
        first_in_line = next((x for x in p.mentions[bisect.bisect_left(p.mention_starts, line):]
                              if not p.qmask[x.start]), None)
        n = counts.get(aid, 0)
        f = ["C", f"t:{typ}", f"sd:{min(sd, 2)}", "bc" if before else "ac", "bq" if m.end <= a else "aq",
             f"d:{_size(dist, (2, 5, 10, 20, 40))}", f"cl:{min(ncl, 3)}", f"nm:{_size(n, (2, 4))}",
             f"t:{typ}&sd:{min(sd, 2)}", f"t:{typ}&rk:{kind}"]
        if aid.startswith("local:"):
            f.append("local")
        if aid == sp.id:
            f += ["rule", f"rule&rk:{kind}"]
        if sp.start is not None and sp.end is not None and sp.start <= m.start and m.end <= sp.end:
            f += ["inspk", f"inspk&t:{typ}", f"inspk&rk:{kind}", f"inspk&head:{head}", f"inspk&t:{typ}&head:{head}"]
            # where in the rules' speaker words: the head (last actor: 阿巴斯 in 巴勒斯坦总统阿巴斯的发言人)
            # or a modifier at their start (伊朗 in 伊朗常驻联合国代表团)
            if aid == inspk_last:
                f.append(f"inspk_last&rk:{kind}")
            if m.start == sp.start:
                f.append(f"inspk_first&rk:{kind}")
        elif sp.start is not None:
            f.append(f"outspk&rk:{kind}")  # the rules found speaker words elsewhere
        if not _strip_connectives(lead, lex):
            f.append("clinit")
        if _ends_with_any(lead, lex.not_subject_after):
            f.append("prep")
        if p.s[m.end:m.end + 1] == "的":
            f.append("de")
        if first_in_line is not None and first_in_line.actor.id == aid:
            f.append("para_first")
        if aid in hist:
            f.append("hist")
            if hist[-1] == aid:
                f.append("hist_last")
        if p.name.startswith("comment:"):
            f.append(f"comment&t:{typ}")
        if getattr(m.actor, "sector", None) == "MED":  # a news outlet: usually the reporter, not the speaker
            f += ["med", "med&bc" if before else "med&ac"]
        cands.append(_qc.Candidate(aid, m.start, m.end, tuple(f)))
    if sp.id and sp.id not in best:
        # The rules' choice has no mention in reach (a speaker inherited from further back).
        cands.append(_qc.Candidate(sp.id, None, None, ("C", "rule", f"rule&rk:{kind}", "nomention")))
    for aid in reversed(hist[-2:]):
        if aid not in best and aid != sp.id:
            cands.append(_qc.Candidate(aid, None, None, ("C", "hist", "nomention")))
            best[aid] = None  # type: ignore[assignment]  # listed once
    spk_len = _size(sp.end - sp.start, (3, 6, 10)) if sp.start is not None and sp.end is not None else "-"
    cands.append(_qc.Candidate(None, None, None, ("NONE", f"NONE&rk:{kind}", f"NONE&spk:{spk_len}")
                               + (("NONE&comment",) if p.name.startswith("comment:") else ())
                               + ((f"NONE&inspk&rk:{kind}", f"NONE&inspk&head:{head}") if inspk_last is not None
                                  else ())))
    rule = next((i for i, c in enumerate(cands) if c.id == sp.id), len(cands) - 1)
    return cands, rule


def _words_head(p: _Part, sp: _Speaker) -> str:
    """What the rules' speaker words end in, by the lexicon's classes: ``voice`` (an institution's voice or
    body: 发言人, 大使馆, 代表团 — speaks for the actor named in it), ``member`` / ``person`` (学者, 议员, 人士 —
    a person who does not speak for the state named before), ``doc`` (声明, 报道), ``other``, ``-`` (no words)."""
    if sp.start is None or sp.end is None:
        return "-"
    words = p.s[sp.start:sp.end]
    lex = p.lex
    if _ends_with_any(words, lex.institution_voices):
        return "voice"
    if any(w in words for w in lex.member_nouns):
        return "member"
    if _ends_with_any(words, lex.person_nouns + lex.unnamed_sources):
        return "person"
    if _ends_with_any(words, lex.speech_nouns):
        return "doc"
    return "other"


def _choose_speaker(p: _Part, a: int, b: int, sp: _Speaker, cue: _Cue | None) -> _Speaker:
    """The chooser's speaker for the quote s[a:b] (the rules' one when it agrees or is off)."""
    cands, rule = _speaker_candidates(p, a, b, sp, cue)
    where = (p.name, p.view.to_original(a), p.view.to_original(b))
    i = _qc.choose(p.chooser, cands, rule, sp.id is not None, where,
                   words=sp.start is not None and sp.end is not None)
    if i is None or i == rule or cands[i].id == sp.id:
        return sp
    c = cands[i]
    if c.id is None:
        return _Speaker(None, None, sp.start, sp.end, "unnamed")
    return _Speaker(c.id, None, c.start, c.end, "chosen")


def _term_object(p: _Part, cue: _Cue, g: list[_Mark]) -> bool:
    """批评「亲中卖台」: a verb that needs ，/： before its speech takes a short marked term right after it
    as its object, not as speech."""
    if p.lex.cues[cue.word].get("bare"):
        return False
    content = _content(p, g)
    if content.startswith(p.lex.first_person):
        return False  # 承认“我们当然知道”: words in the first person are the speaker's own, never a term
    return len(content) < p.lex.min_partial and not any(ch in content for ch in "，。；！？,;!?")


def _size(n: int, edges: tuple[int, ...]) -> str:
    """The bucket of n among ascending edges: "<e1", "<e2", …, or "≥last"."""
    return next((f"<{e}" for e in edges if n < e), f">={edges[-1]}")


def _group_features(p: _Part, g: list[_Mark], c: _Cue, branch: str, sp: _Speaker | None,
                    rule_ok: bool) -> tuple[str, ...]:
    """General features of marked words met with a cue (see shiju.quote_detector): no feature names the
    marked words themselves; word classes come from the lexicon's lists."""
    lex = p.lex
    content = _content(p, g).strip()
    n = len(content)
    f = [f"b:{branch}", f"len:{_size(n, (3, 4, 5, 6, 8, 12, 20))}", "rule:ok" if rule_ok else "rule:no"]
    if any(ch in content for ch in "，。；！？,;!?："):
        f.append("clause")
    if content.startswith(lex.first_person):
        f.append("first")
    if content.startswith(lex.predicate_openers):
        f.append("predopen")
    if re.fullmatch(r"[\x00-\x7f·\s]+", content):
        f.append("latin")
    before = p.s[max(0, g[0].open - 7):g[0].open].rstrip(" \t\u3000")
    for name, words in (("name", lex.name_markers), ("scare", lex.scare_before), ("pred", lex.predicate_before)):
        if _ends_with_any(before, words):
            f.append(f"pre:{name}")
    if before.endswith("的"):
        f.append("pre:de")
    if _CLASSIFIER_END_RE.search(before) or _OBJECT_DEMONSTRATIVE_RE.search(before[-4:] if before else ""):
        f.append("pre:det")
    last = before[-1:] if before else ""
    f.append("pre:punct" if (not last or last in _ANY_PUNCT) else "pre:cjk" if _CJK_RE.match(last) else "pre:other")
    after = p.s[g[-1].close + 1:g[-1].close + 2] if g[-1].closed else ""
    f.append("post:end" if (not after or after in _SENT_END or after == "\n") else "post:punct"
             if after in _ANY_PUNCT else "post:de" if after == "的" else "post:mark"
             if after in "“「『\"" else "post:cjk")
    gap = p.s[c.end:g[0].open]
    core_gap = gap.strip("：:，, ")
    f.append(f"gap:{_size(len(core_gap), (1, 4, 9, 17, 30))}")
    ncl = sum(1 for ch in gap if ch in _CLAUSE_PUNCT)
    f.append(f"gapcl:{min(ncl, 2)}")
    if gap[:1] in ("，", ",", "：", ":"):
        f.append("cue:opens")
    entry = lex.cues.get(c.word) or {}
    if entry.get("bare"):
        f.append("cue:bare")
    if p.s[c.start:c.end] in lex.object_cues:
        f.append("cue:object")
    if sp is None:
        f.append("sp:none")
    else:
        f.append(f"sp:{sp.kind}")
        if sp.id:
            f.append("sp:id")
    if p.name.startswith("comment:"):
        f.append("part:comment")
    if n >= 2 and p.s.count(content) > 1:
        f.append("repeat")
    lo, hi = g[0].open + 1, g[-1].close
    named = sum(min(b, hi) - max(a, lo) for a, b in p.marked_mentions if a < hi and b > lo)
    if named:
        f.append("inner:name" if 2 * named >= max(n, 1) else "inner:actor")
    if content[-1:] in _SENT_END:
        f.append("end:sent")  # the marked words end a sentence of their own: speech, not a term
    elif "clause" not in f and _ends_with_any(content, lex.title_heads):
        f.append("end:title")  # “有突出贡献的中青年专家”, “年度人物”: an honour or title, not speech
    tail = p.s[g[-1].close + 1:g[-1].close + 6] if g[-1].closed else ""
    if _starts_with_any(tail, lex.term_after):
        f.append("post:term")  # “…”一词, “…”这一说法, “…”等: the marks name a term
    # A few pairs a linear model cannot form itself: how long the words are against what follows them
    # (a short phrase before more words is a modifier: “内地口音”男子), and the rules' verdict against both.
    size, post, rule = f[1], next(x for x in f if x.startswith("post:")), f[2]
    f += [f"{size}&{post}", f"{rule}&{post}", f"{rule}&{size}"]
    if branch == "nocue" and sp is not None and sp.end is not None:
        # Without a cue, what lies between the speaker and the marks: its length and clauses, and the
        # kind of word right before them (a verb of doing, 对/向 + object, nothing).
        mid = p.s[sp.end:g[0].open]
        pre = next((x for x in f if x.startswith("pre:") and x != "pre:punct" and x != "pre:cjk"), "pre:plain")
        f += [f"nc:{size}", f"nc:{post}", f"nc:{pre}", f"nc:mid{_size(len(mid), (1, 3, 6, 10, 16))}",
              f"nc:midcl:{min(sum(1 for ch in mid if ch in _CLAUSE_PUNCT), 2)}"]
        if any(w in mid for w in ("对", "向", "就")):
            f.append("nc:addressee")
        # The two characters before the marks (宣布, 表达, 誓言, 下令): context words, never the marked words.
        f.append(f"nc:v:{mid[-2:]}" if len(mid) >= 2 else "nc:v:none")
        # Who the actor is: a person's marked words after their name are more often speech than a state's
        # or an organisation's (获中国新闻周刊“年度人物”: the organisation awards a title).
        sid = sp.id or ""
        f.append("nc:sp:" + ("per" if sid.startswith(("per:", "local:")) else "org" if sid.startswith("org:")
                             else "office" if sid.startswith("office:") else "state"))
    return tuple(f)


def _detect(p: _Part, g: list[_Mark], c: _Cue, branch: str, rule_ok: bool, sp: _Speaker | None) -> bool:
    """The detector's verdict on marked words with a cue (the rules' verdict when it is off)."""
    if not rule_ok and (sp is None or sp.kind == "first" or re.fullmatch(r"[\x00-\x7f·\s]+", _content(p, g))
                        or _ends_with_any(p.s[max(0, g[0].open - 7):g[0].open].rstrip(" \t\u3000"),
                                          p.lex.name_markers)):
        # Nobody to attribute the words to, a name or code in Latin letters, or words a name marker
        # introduces (所谓“中国威胁”, 称为「…」): never added, as the rules never take them.
        return False
    if not rule_ok:
        # The rules' strongest signs of a term hold for the detector too: nobody linked to name (消息来源说，
        # …不熟悉“情报世界”), the object of a verb of doing or a demonstrative (主张建立「亚洲版北约」, 推动这一
        # “两国方案”), the object right after a cue that does not take speech bare (承认“九二共识”), a passive.
        if sp.id is None:
            return False
        before = p.s[max(0, g[0].open - 7):g[0].open].rstrip(" \t\u3000")
        if _ends_with_any(before, p.lex.scare_before):
            return False
        if p.s[c.end:g[0].open] == "" and not c.bare:
            return False
        if "被" in p.s[_clauses(p, _sent_of(p, g[0].open)[0], g[0].open)[-1][0]:g[0].open]:
            return False  # a passive clause (被指控“传播虚假信息”): someone else's charge, not the speaker's words
    a, b = p.view.to_original(g[0].open + 1), p.view.to_original(g[-1].close)
    return _qd.decide(p.detector, _group_features(p, g, c, branch, sp, rule_ok), rule_ok, (p.name, a, b))


def _announce_cue(p: _Part, g: list[_Mark]) -> _Cue | None:
    """A verb of announcing (cues.yaml announce_cues) right before the marks, ：/， allowed between
    (宣布“全面停火”, 宣布：“…”), not negated (没有宣布): a cue for these marked words only."""
    if not p.lex.announce_cues:
        return None
    j = g[0].open
    while j > 0 and p.s[j - 1] in " \t\u3000":
        j -= 1
    if j > 0 and p.s[j - 1] in "：:，,":
        j -= 1
    w = _ends_with_any(p.s[max(0, j - 4):j], p.lex.announce_cues)
    if w is None or p.mask[j - 1]:
        return None
    a = j - len(w)
    if _ends_with_any(p.s[max(0, a - 4):a], p.lex.negators):
        return None
    return _Cue(a, j, w, True, False)


def _outer_speaker(p: _Part, c: _Cue, sp: _Speaker | None) -> _Speaker | None:
    """林剑说，中方敦促帛琉「…」: a cue inside the speech another cue of the sentence opened (说，/ 表示：), whose
    subject is the state of the person who opened it (their own side, 中方), reports that person's words: the
    speaker of the opening cue is the speaker (independent annotators, fresh5–11)."""
    if sp is None or not sp.id or not re.fullmatch(r"[A-Z]{3}", sp.id):
        return sp  # a person, or a named body issuing its own words (國家安全部發文講到「…」)
    sa, _ = _sent_of(p, c.start)
    for c0 in _cues_from(p, sa, c.start):
        if c0.end >= c.start or p.excerpt[c0.start] or p.s[c0.end:c0.end + 1] not in ("，", ",", "：", ":"):
            continue
        if _strip_connectives(p.s[_clauses(p, sa, c0.start)[-1][0]:c0.start], p.lex).startswith(("据", "根据")):
            continue  # 据X报道，: a media frame, not speech
        outer = _subject(p, c0)
        if outer is not None and outer.id and outer.id.startswith(("per:", "local:")) and outer.kind == "actor":
            # only the person's own state (林剑 → 中方); another state is a new subject (泽连斯基警告，…，俄方则指责…)
            country = next((getattr(m.actor, "country", None) for m in p.mentions if m.actor.id == outer.id), None)
            if country == sp.id:
                return outer
        break
    return sp


def _stance_partial(p: _Part, g: list[_Mark], sa: int) -> tuple[_Speaker, _Cue | None, bool] | None:
    """Short marked words an actor in the same sentence is reported to have said, wherever they sit in the
    clause: words holding a stance word (cues.yaml stance_words: 谴责中方“危险的”行动, 对…“深感遗憾”, 称其“违宪”,
    将采取“相应措施”), or, under a cue of saying, a predicate closing its clause after a modal or aspect word
    (partial_modals: 称协议已经“崩溃”, 表示将继续“自卫”). The speaker is the subject of that cue, else (stance
    words only) the actor opening the marks' clause or sentence. Not after a name marker (所谓“…”), in a passive
    clause or a forum comment, nor codes in Latin letters or a term named as such (“…”一词); with no cue, not
    after a modal or verb of feeling (nocue_blockers: the writer's inference)."""
    lex = p.lex
    if not lex.stance_words or p.name.startswith("comment:"):
        return None
    content = _content(p, g).strip()
    if (not content or len(content) >= lex.min_standalone or any(ch in content for ch in "，。；！？,;!?：")
            or re.fullmatch(r"[\x00-\x7f·\s]+", content)):
        return None
    before = p.s[max(0, g[0].open - 7):g[0].open].rstrip(" \t\u3000")
    stance = any(w in content for w in lex.stance_words)
    closing = g[-1].closed and p.s[g[-1].close + 1:g[-1].close + 2] in ("", *_ANY_PUNCT)
    modal = closing and _ends_with_any(before, lex.partial_modals) is not None
    if not (stance or modal) or _ends_with_any(before, lex.name_markers):
        return None
    tail = p.s[g[-1].close + 1:g[-1].close + 6] if g[-1].closed else ""
    if _starts_with_any(tail, lex.term_after):
        return None
    ca = _clauses(p, sa, g[0].open)[-1][0]
    if "被" in p.s[ca:g[0].open]:
        return None
    c = _governing_cue(p, sa, g[0].open)
    if c is not None and _strip_connectives(p.s[_clauses(p, sa, c.start)[-1][0]:c.start], lex).startswith(("据", "根据")):
        # 据X报道，Y说，…“…”: a media frame names a source; the speaker is the subject of the cue after it.
        later = [x for x in _cues_from(p, c.end, g[0].open) if x.end <= g[0].open and not p.excerpt[x.start]]
        c = later[-1] if later else None
    if c is not None and any(ch in "；;" for ch in p.s[c.end:g[0].open]):
        return None  # …指A；短短几年间，北京却亮出「三条红线」: a semicolon ends the cue's reach
    if c is None or c.negated:
        if not stance or _ends_with_any(p.s[ca:g[0].open].rstrip(" \t\u3000"), lex.nocue_blockers):
            return None
        c = None
        # 特朗普宣布，印巴同意“全面且立即停火”: a verb of announcing earlier in the sentence makes the marked words
        # in what is announced the announcer's (docs/annotation.md, session 12 (2)).
        for w in lex.announce_cues:
            k = p.s.find(w, sa, ca)
            if k >= 0 and not p.mask[k]:
                c = _Cue(k, k + len(w), w, True, False)
                break
    if c is not None:
        sp = _outer_speaker(p, c, _subject(p, c))
        if c.word in lex.announce_cues and c.start not in p.cue_starts:
            c = None  # the announcement's cue is no reported speech of its own
    else:
        # No cue: the judging actor is the subject that opens the marks' clause or sentence. Not an actor inside
        # the clause (以抗议俄罗斯对乌克兰“无端的入侵”: its object), nor the topic of a copula (美日韩演习是“…”: who
        # judges is named elsewhere), nor for marks opening their clause (…，“注定是死路一条”: a topic's predicate).
        lead = p.s[ca:g[0].open].strip(" \t\u3000")
        after = p.s[g[-1].close + 1:g[-1].close + 2] if g[-1].closed else "、"
        if not lead or _ends_with_any(lead, ("是", "为", "成为", "视为", "乃")):
            return None
        if after != "的" and _CJK_RE.match(after) and not _ends_with_any(content, _STANCE_VERBS):
            # 採取相應的「報復」行動, “令人震惊”地增加: a modifier in the writer's narration; but the marks may hold
            # the actor's own verb before its object (在聲明中「堅決譴責」中國海警隊行動).
            return None
        sp = None
        for lo in (ca, sa):
            sp = _mention_speaker(p, (lo, g[0].open))
            if sp is not None and sp.start is not None and not _strip_connectives(
                    re.sub(r"[，,\s]+", "", p.s[lo:sp.start]), lex):
                break
            sp = None
    if sp is None or not sp.id or sp.kind == "first":
        return None
    return sp, c, True


def _direct_quote(doc: Document, p: _Part, gi: int, out: list[Quote], date_fn) -> None:
    """Decide whether marked group `gi` is a quote, find its speaker, emit it."""
    used, assigned, groups = p.used, p.assigned, p.groups
    g = groups[gi]
    governed = False  # a cue earlier in the sentence, not adjacent: its clause may also be reported
    sa, _ = _sent_of(p, g[0].open)
    cue, punct = _before_cue(p, g)
    announced = cue is None and gi not in assigned and (cue := _announce_cue(p, g)) is not None
    sp: _Speaker | None = None
    ok = False
    if gi in assigned:
        sp, cue = assigned[gi]
        ok = _quote_like(p, g, True)
    elif announced:
        # 宣布“全面停火”, 宣布：“自即日起…”: marked words right after a verb of announcing are the announcer's
        # words (docs/annotation.md, session 12 (2)); only codes in Latin letters are names.
        content = _content(p, g).strip()
        after = p.s[g[-1].close + 1:g[-1].close + 2] if g[-1].closed else ""
        # Not a short name heading a noun phrase (宣布，“新月形沙丘”行动的最后一批…) unless it holds a stance word
        # (宣布“立即”废除…).
        name_head = (len(content) < p.lex.min_partial and bool(after) and _CJK_RE.match(after) is not None
                     and after != "的" and not any(w in content for w in p.lex.stance_words))
        if content and not name_head and not re.fullmatch(r"[\x00-\x7f·\s]*", content):
            sp = _subject(p, cue)
            ok = sp is not None and not _unattributed(p, sp)
    elif cue is not None:
        ok = _quote_like(p, g, True)
        if ok and not punct and _term_object(p, cue, g):
            ok = False
        if p.detector is not None:
            sp0 = _subject(p, cue)
            ok = _detect(p, g, cue, "adj", ok, sp0)
            if ok:
                sp = sp0
        elif ok:
            sp = _subject(p, cue)
    if not ok and gi not in assigned:
        c2 = _after_cue(p, g)
        if c2 is not None and _quote_like(p, g, True):
            region_start = g[-1].close + 1
            if p.s[region_start:region_start + 1] in "，,":
                region_start += 1
            sp = _region_speaker(p, (region_start, c2.start), True)
            if sp is None and p.s[region_start:c2.start].strip() == "":
                sp = _subject(p, c2)
            if sp is not None:
                cue, ok = c2, True
                # “…，”X说，“…”: the next marked segment belongs to the same speaker.
                k = c2.end
                while k < len(p.s) and p.s[k] in "，,：: ":
                    k += 1
                if gi + 1 < len(groups) and groups[gi + 1][0].open == k:
                    assigned[gi + 1] = (sp, c2)
    if not ok and gi not in assigned:
        # Partial quote inside reported speech: a cue earlier in the same sentence governs it.
        c = _governing_cue(p, sa, g[0].open)
        if c is not None and not (p.s[c.end:g[0].open] == "" and _term_object(p, c, g)):
            strong = bool(p.lex.cues[c.word].get("bare")) or p.s[c.end:c.end + 1] in ("，", ",", "：", ":")
            gap = p.s[c.end:g[0].open]
            if (not strong and p.s[c.start:c.end] in p.lex.object_cues and 0 < len(gap) <= 8
                    and not any(ch in _ANY_PUNCT for ch in gap)
                    and any(c.end <= m.start and m.end <= g[0].open for m in p.mentions)):
                # 怒斥日本“玩火自焚”, 呼吁北京「以对话取代对抗」: after a verb of blame or appeal and its
                # addressee, a marked phrase closing the clause is what the speaker said to them.
                strong = True
            closing = g[-1].closed and p.s[g[-1].close + 1:g[-1].close + 2] in ("", *_ANY_PUNCT)
            demonstrative = (p.s[c.start:c.end] in p.lex.object_cues and closing
                             and _OBJECT_DEMONSTRATIVE_RE.fullmatch(gap) is not None
                             and len(_content(p, g).strip()) >= 4)
            # 谴责这一“危险的升级”, 指责该报告“出于政治目的”: after a verb of blame, a marked phrase describing
            # the act or text it points at (这一, 该报告) is the speaker's verdict, not the author's term.
            rule_ok = demonstrative or _quote_like(p, g, p.s[c.end:g[0].open].strip("：:，, ") == "", strong=strong)
            if not rule_ok and p.lex.marks_in_clause_partial and _inside_reported_clause(p, c, g):
                # docs/annotation.md, "Decided in session 13": marked words inside the unmarked clause a verb of
                # saying reports (萨博称，已逮捕700多名“暴力分子”) are the speaker's partial direct quote, and the
                # clause around them is not quoted; names in marks stay names (see _inside_reported_clause).
                # Short nouns there are as often a term of the writer's or a name (「黄金护照」的计画, “福佬人”,
                # 「在院死亡」的限定条件: ../shared/corpus): the detector's probability, below its own threshold,
                # must reach marks_in_clause_min_p (cues.yaml), which the speaker's words there mostly do.
                rule_ok = p.detector is None or _marks_in_clause_p(p, g, c) >= p.lex.marks_in_clause_min_p
            sp0 = _outer_speaker(p, c, _subject(p, c)) if rule_ok or p.detector is not None else None
            if rule_ok and (sp0 is None or sp0.id is None) and len(_content(p, g).strip()) < p.lex.min_partial:
                # A short marked phrase deep in reported speech nobody can be named for is mostly the
                # author's term (不熟悉“情报世界”, 发展了“持续的关系”): not taken as a quote.
                rule_ok = False
            if _detect(p, g, c, "gov", rule_ok, sp0) if p.detector is not None else rule_ok:
                sp, cue, ok = sp0, c, True
                p.add_reported(c.end, g[-1].close)
                governed = True
    if not ok and gi not in assigned:
        # 外交部那句“…”: a noun for an utterance right before the marks, its owner before it.
        ca = _clauses(p, sa, g[0].open)[-1][0]
        before = p.s[ca:g[0].open].rstrip("：: ")
        noun = _ends_with_any(before, p.lex.quote_nouns)
        if noun and _quote_like(p, g, True, explicit=True):
            nstart = ca + len(before) - len(noun)
            if p.s[nstart - 1:nstart] == "的":
                nstart -= 1
            sp = _region_speaker(p, (ca, nstart), not p.mentions)
            if sp is not None and sp.kind != "text":
                cue, ok = _Cue(nstart, ca + len(before), noun, False, False), True
    if (not ok and gi not in assigned and p.detector is not None and "nocue" in p.detector.branches
            and not p.excerpt[g[0].open]):
        # No cue verb in reach (宣布以色列“处于战争状态”, 对示威“深感关切”, 美國國務院「嚴重關注」): the
        # learned detector alone decides, for a linked actor before the marks in the same sentence.
        # Not marked words heading a noun phrase or listed (“基本法23条”制定的, “中非合作论坛”架构下,
        # “民主之父”、…): those are names and titles. Before 的 or closing the clause they may be speech.
        after = p.s[g[-1].close + 1:g[-1].close + 2] if g[-1].closed else "、"
        closing = after != "、" and (after == "的" or not _CJK_RE.match(after))
        ca = _clauses(p, sa, g[0].open)[-1][0]
        # Marked words after a modal or a verb of feeling (泽连斯基必须「全世界抓人」, 欧洲各国觉得自己「不用面对
        # 战争」) or after the name of a work (出了两期专刊号“…”) are the writer's, not anyone's words: cues.yaml
        # nocue_blockers.
        if _ends_with_any(p.s[ca:g[0].open].rstrip(" \t\u3000"), p.lex.nocue_blockers):
            closing = False
        sp0 = (_mention_speaker(p, (ca, g[0].open)) or _mention_speaker(p, (sa, g[0].open))) if closing else None
        if sp0 is not None and sp0.id and sp0.start is not None:
            if _detect(p, g, _Cue(g[0].open, g[0].open, "", True, False), "nocue", False, sp0):
                sp, cue, ok = sp0, None, True
    if not ok and gi not in assigned and not p.excerpt[g[0].open]:
        stance = _stance_partial(p, g, sa)
        if stance is not None:
            sp, cue, ok = stance
            if cue is not None:
                p.add_reported(cue.end, g[-1].close)
                governed = True
    if not ok and gi not in assigned and g[0].open == sa and g[-1].closed:
        # A marked sentence on its own continues the last speaker (multi-paragraph quotes).
        content = _content(p, g)
        if len(content) >= p.lex.min_standalone and any(ch in content for ch in "，。；！？,;!?"):
            k = _sent_index(p, g[0].open)
            prev = [sp0 for sk, sp0 in p.history if sk >= k - 2 and sp0.id]
            if prev:
                sp, cue, ok = _Speaker(prev[-1].id, None, None, None, "inherited"), None, True
    if not ok or sp is None or sp.kind == "first":
        return  # no speaker and no words for one: nothing to attribute (and often a term, not speech)
    if cue is not None and not governed:
        used.add(cue.start)
    for run in _segment_runs(p, g):
        _emit(doc, p, run[0].open + 1, run[-1].close, sp, cue, True, out, date_fn)
    if cue is not None and not governed and cue.end <= g[0].open:
        _continuation_after_marks(doc, p, g, sp, cue, out, date_fn)


def _continuation_after_marks(doc: Document, p: _Part, g: list[_Mark], sp: _Speaker, cue: _Cue,
                              out: list[Quote], date_fn) -> None:
    """The unmarked clauses after marked words a cue introduced directly (说，“双方都不希望脱钩”，美方希望…;
    称英方的措施是“…挑衅”，俄方将…) are an indirect quote of the same speaker (docs/annotation.md, "After a
    partial quote", session 11). The cue is used by the marked words, so _indirect_quote never reads this clause;
    the same stops apply (_after_partial_ok: a new act or cue, the writer's narration), nothing follows a quote
    opened by a colon (说：“…”，他曾…: the writer's), and the clause ends before a later cue or marked words."""
    lex = p.lex
    if not lex.continuation_after_direct or sp is None or sp.id is None or sp.kind == "first":
        return
    if p.s[cue.end:g[0].open].strip(" \t\u3000") in ("：", ":") or not g[-1].closed:
        return
    _, se = _sent_of(p, g[-1].close)
    j = g[-1].close + 1
    while j < se and p.s[j] in "”」』’\"":
        j += 1
    if j >= se or p.s[j] not in "，,":
        return  # after ； a new subject reports or narrates (…表示“遗憾”；韩方则同意…)
    sa = _sent_of(p, cue.start)[0]
    if any(c0.start < cue.start for c0 in _cues_from(p, sa, cue.start)) or any(
            w in p.s[sa:cue.start] for w in lex.announce_cues):
        return  # a cue nested in another's speech or an announcement (宣布，胡塞武装已表示“…”，美国将…): whose clause
    end = se
    while end > j and p.s[end - 1] in _SENT_END:
        end -= 1
    nxt = [c2.start for c2 in _cues_from(p, j + 1, end)]
    if nxt:
        cl = _clauses(p, j + 1, nxt[0])
        end = min(end, cl[-1][0] - 1) if len(cl) > 1 else j + 1
    a = j + 1
    if any(p.qmask[a:end]) or len(p.s[a:end].strip()) < 4 or p.in_reported(a):
        return
    if not _after_partial_ok(p, cue, a, end):
        return
    _emit(doc, p, a, _own_words_start(p, cue, a, end), sp, cue, False, out, date_fn)


def _inside_reported_clause(p: _Part, c: _Cue, g: list[_Mark]) -> bool:
    """Do the marks of `g` stand inside the unmarked clause that cue `c`, a plain verb of saying followed by
    ，/： (cues.yaml after_partial_cues: 称，…; 表示，…), reports — as the speaker's words rather than a name?

    Names in marks stay names (docs/annotation.md, "Not quotes"): after a name marker (所谓, 名为) or a
    demonstrative or verb of doing of scare_before (这一, 推动, 搞; not its particles and prepositions 的/为/以…,
    cues.yaml scare_function_words: 是在策划…的“政变” is speech), codes in
    Latin letters or digits, and marks heading a noun phrase (“一带一路”合作, “口径”巡航导弹, 「台灣關係法」向…)
    unless the marked words hold a stance word (“不可接受”做法 is a verdict). Marks closing their clause or
    before 的/地 (已逮捕700多名“暴力分子”, 是一项“为人类而战”的使命) are the speaker's words. Nothing after a ；
    or a later cue: the clause reported ends there."""
    lex = p.lex
    opened = p.s[c.end:c.end + 1] in ("，", ",", "：", ":")
    blame = c.word in lex.object_cues and lex.marks_after_object_cues  # 指责伊朗“策划”了袭击: no comma needed
    if not ((c.word in lex.after_partial_cues and opened) or blame):
        return False
    gap = p.s[c.end + int(opened):g[0].open]
    if any(ch in "；;。！？!?\n" for ch in gap) or _cues_from(p, c.end, g[0].open):
        return False
    if any(p.qmask[c.end + 1:g[0].open]):
        return False  # an earlier marked segment in the clause decides for itself
    if blame and not opened and (any(ch in "，,：:" for ch in gap) or "被" in p.s[max(0, c.start - 3):c.start]):
        return False  # the object of 指责/呼吁 is one clause (…呼吁合作抗疫时，特朗普问「…」); 被批评为 is a passive
    content = _content(p, g).strip()
    if len(content) < 2 or not g[-1].closed or any(ch.isdigit() or ch.isascii() for ch in content):
        return False  # codes, numbered names and Latin letters (“远望5号”, “东方-2018”, 「Coathanger」)
    if content.endswith(lex.name_suffixes):
        return False  # “十大伙伴行动”, “竹子外交”: a programme or policy named, not the speaker's words
    before = p.s[max(0, g[0].open - 7):g[0].open].rstrip(" \t\u3000")
    if _ends_with_any(before, lex.name_markers):
        return False
    scare = _ends_with_any(before, lex.scare_before)
    if scare and scare not in lex.scare_function_words:
        return False  # 推动这一“两国方案”, 奉行“竹子外交”, 搞“小圈子”: a demonstrative or a verb of doing before a term
    after = p.s[g[-1].close + 1:g[-1].close + 2]
    if after and _CJK_RE.match(after) and after not in "的地" and not any(w in content for w in lex.stance_words):
        # heading a noun phrase: a name (“一带一路”合作) — unless, after a verb of blame or appeal, the words are its
        # verb or adverb (指责伊朗“策划”了袭击, 呼吁北京「人道地」释放, 指责…“直接且故意”冲撞): the detector decides
        if not (blame and (after in "了着过" or content.endswith(("地", "了")))):
            return False
    return True


def _marks_in_clause_p(p: _Part, g: list[_Mark], c: _Cue) -> float:
    """The learned detector's probability that marks `g` under cue `c` are a quote (0 with nobody to name)."""
    sp = _outer_speaker(p, c, _subject(p, c))
    if sp is None or sp.id is None or sp.kind == "first":
        return 0.0
    return p.detector.probability(_group_features(p, g, c, "gov", sp, False))


def _segment_runs(p: _Part, g: list[_Mark]) -> list[list[_Mark]]:
    """The quotes a group of marked segments makes once taken: segments joined by ，/； are quotes of their own
    with the group's speaker (「完全不可接受」，「會有大事發生」: the independent annotators split such segments 12
    times in 13, session 12); segments with nothing or 、 between them stay one (“…。”“…”, a list of terms)."""
    runs = [[g[0]]]
    for prev, mk in zip(g, g[1:]):
        gap = p.s[prev.close + 1:mk.open].strip()
        if gap and gap != "、":
            runs.append([mk])
        else:
            runs[-1].append(mk)
    return runs


# -- indirect quotes --------------------------------------------------------------------------------

def _unattributed(p: _Part, sp: _Speaker) -> bool:
    """An unmarked reported clause nobody can be named for (cues.yaml indirect_needs_speaker): an unnamed
    source (分析人士, 知情人士, 有人), an unresolved pronoun, or unlinked words ending in such a source
    (仰光政治分析人士, 当地媒体). Unlinked words that may be a name (徐升, 福特汽车公司) keep their clause."""
    if not p.lex.indirect_needs_speaker or sp.id:
        return False
    if sp.kind in ("unnamed", "pronoun"):
        return True
    words = p.s[sp.start:sp.end] if sp.start is not None and sp.end is not None else ""
    return _ends_with_any(words, p.lex.unnamed_sources) is not None


def _indirect_quote(doc: Document, p: _Part, ci: int, out: list[Quote], date_fn) -> None:
    """The reported clause after cue `ci` (X表示，…) as an indirect quote, when it has a speaker.

    The rules reject some clauses for reasons a learned decider (``p.indirect``, see
    shiju.quote_detector) may overrule: a cue needing ，/： with none (呼吁有关各方保持克制), an attitude
    object (表示欢迎), a short clause after 说/称, reported clauses holding a direct quote, and the clause
    after a partial quote (表示，A“B”，C → C). Without the decider those stay rejected."""
    lex, c = p.lex, p.cues[ci]
    if c.start in p.used or _in_content(p, c.start) or p.excerpt[c.start]:
        return
    if p.in_reported(c.start):
        return  # a cue inside someone's reported speech (X指出，尽管Y声称…) reports nested speech
    sa, se = _sent_of(p, c.start)
    if not p.s[c.end:se].strip(_SENT_END + " \t\u3000"):
        _content_before(doc, p, c, sa, out, date_fn)
        return
    learned = p.indirect is not None
    why = "ok"  # why the rules reject the clause (a soft reason the decider may overrule), "ok" if they take it
    k = c.end
    if c.recipient:
        m = re.match(r"[^，,：:。！？\n]{1,12}?(?=[，,：:])", p.s[k:se])
        if m:
            k += m.end()
    punct = k < se and p.s[k] in "，,：:"
    if lex.cues[c.word].get("indirect", True) is False:
        return
    if not punct and not c.bare:
        if not learned:
            return
        why = "nopunct"
    while k < se and p.s[k] in "，,：: ":
        k += 1
    if _cues_from(p, k, k + 1):
        return  # 发表谈话，直言… : the next cue carries the speech
    end = se
    while end > k and p.s[end - 1] in _SENT_END + "”」』’\"":
        if p.s[end - 1] in "”」』’\"" and p.mask[end - 1]:
            break
        end -= 1
    # A later cue in the sentence opens a new statement (…，并强调，…): end this one before it.
    for c2 in p.cues[ci + 1:]:
        if c2.start >= end:
            break
        if c2.start <= k:
            continue
        cl = [x for x in _clauses(p, k, c2.start)]
        if len(cl) > 1:
            end = min(end, cl[-1][0] - 1)
            break
    content = p.s[k:end].strip()
    if len(content) < 4 or end <= k:
        return
    after: tuple[int, int] | None = None  # the clause after a partial quote (表示，A“B”，C → C)
    inner = [a for a, _ in p.content_spans if k <= a < end]
    if inner:
        # A marked quote opening the speech after a colon (说：“…”，…) is the whole quote, not a partial one:
        # what follows its closing mark is the writer's (…，他在孔特政府时期领导了一个工作组; ../shared/corpus).
        colon_quote = min(inner) <= k + 1 and p.s[c.end:k].strip(" \t\u3000") in ("：", ":")
        if (learned or lex.after_partial_clause) and not colon_quote:
            last = max(b for a, b in p.content_spans if k <= a < end)
            j = last
            while j < end and p.s[j] in "”」』’\"":
                j += 1
            if j < end and p.s[j] in "，,；;" and len(p.s[j + 1:end].strip()) >= 4 \
                    and not any(p.qmask[j + 1:end]):
                after = (j + 1, end)
        # A direct quote of this cue follows. The reported clauses before it are an indirect quote of
        # their own (表示，欧洲必须…，“这不是…”), unless the quote sits inside them (是「白日做梦」).
        cl = _clauses(p, k, inner[0] - 1)
        end0 = cl[-1][0] - 1
        head = p.s[k:end0].strip()
        if (len(cl) < 2 or len(head) < 6 or (_ends_with_any(head, lex.predicate_before + ("于", "在于", "为"))
                                              and not (p.s[end0:end0 + 1] in "，," and p.s[end0 + 1:inner[0]].strip(
                                                  " \t\u3000“「『\"") == ""))
                or head.startswith(lex.dependent_openers)):
            if after is None or not (learned or _after_partial_ok(p, c, *after)):
                return
            k, end, why = after[0], after[1], "after"
            while k < end and p.s[k] in " \t\u3000":
                k += 1
            content = p.s[k:end].strip()
            after = None
        else:
            end = end0
            content = head
            if after is not None and not learned and not _after_partial_ok(p, c, *after):
                after = None
    if why != "after" and (c.word == "表示" or not c.bare):
        obj = next((w for w in _longest_first(lex.attitude_objects) if content.startswith(w)),
                   None)
        if obj and len(content) - len(obj) <= 4:
            if not learned:
                return
            why = "attitude" if why == "ok" else why
    if not punct and c.word in ("说", "称") and len(content) < 8:
        if not learned:
            return
        why = "short" if why == "ok" else why
    own = _strip_connectives(p.s[_clauses(p, sa, c.start)[-1][0]:c.start], lex)
    if any(own.startswith(b) and c.word == a for b, a in lex.media_frames):
        return  # 据X报道，… is a media attribution, handled by _media_frames
    sp = _subject(p, c)
    if sp is None or sp.kind == "first" or _unattributed(p, sp):
        return  # nobody to attribute the clause to (分析人士认为，…: see indirect_needs_speaker in cues.yaml)
    if learned:
        if not (why == "ok" or sp.id):
            return  # the decider adds only clauses it can attribute to a linked actor
        feats = _indirect_features(p, c, k, end, sp, why, punct)
        if not _qd.decide(p.indirect, feats, why == "ok", (p.name, p.view.to_original(k), p.view.to_original(end))):
            if after is None:
                return
        else:
            _emit(doc, p, k, _own_words_start(p, c, k, end), sp, c, False, out, date_fn)
        if after is not None and sp.id:
            feats = _indirect_features(p, c, after[0], after[1], sp, "after", punct)
            if _qd.decide(p.indirect, feats, False, (p.name, p.view.to_original(after[0]),
                                                     p.view.to_original(after[1]))):
                _emit(doc, p, after[0], after[1], sp, c, False, out, date_fn)
        return
    # The guards above read the whole clause; the quote itself stops where the writer's words start.
    _emit(doc, p, k, _own_words_start(p, c, k, end), sp, c, False, out, date_fn)
    if after is not None:
        _emit(doc, p, after[0], _own_words_start(p, c, after[0], after[1]), sp, c, False, out, date_fn)


def _after_partial_ok(p: _Part, c: _Cue, a: int, b: int) -> bool:
    """Is s[a:b], the clause after a partial quote in reported speech (表示，A“B”，C), the speaker's words?

    The guideline (docs/annotation.md, "After a partial quote", session 11) makes the unmarked continuation an
    indirect quote of its own by the same speaker, unless it is opened by a new act of the speaker (…，并宣布…,
    …，随后…) or is the writer's. So the clause is refused when it opens with a stop (随后, 引发…: cues.yaml
    after_partial_stops), or — after the connectives that join the speaker's next clause (并, 但, 同时…:
    after_partial_connectives) and the adverbs of time before a verb (已, 已经, 随即…) — with a verb of acting
    (宣布, 下令, 要求…: after_partial_acts) or another cue (并称…, 呼吁…: that cue reports its own speech), or
    when its first clause narrates what happened next (海巡艦艇隨即前往應處: narrative_adverbs). 但/并 + the
    speaker's content (…“深感担忧”，并对…感到欣慰; …“扫清了障碍”，但…仍然很大) stays a quote. Body only."""
    lex = p.lex
    if not lex.after_partial_clause or p.name.startswith("comment:"):
        return False  # in a comment the clause after the speaker's words is the commenter's verdict
    if c.word not in lex.after_partial_cues:
        return False  # 形容为“…”, 自称是“…”, 告诉X…: the marked words name something; what follows is the writer's
    while a < b and p.s[a] in " \t\u3000":
        a += 1
    text = p.s[a:b]
    first = re.split(r"[，,；;]", text, maxsplit=1)[0]
    if text.startswith(lex.after_partial_stops) or any(w in first for w in lex.narrative_adverbs):
        return False
    k = a
    while True:  # look through the connectives and adverbs that may open the speaker's next clause
        w = next((w for w in lex.after_partial_connectives if p.s.startswith(w, k)), None)
        if w is None or k + len(w) >= b:
            break
        k += len(w)
    return not (_cues_from(p, a, k + 1) or p.s.startswith(lex.after_partial_acts, k))


def _own_words_start(p: _Part, c: _Cue, k: int, end: int) -> int:
    """Where the writer's own words start in the unmarked reported clause s[k:end] (end if nowhere).

    Reported speech without marks has no closing mark; what follows it in the same sentence may be the
    writer's own. A later clause asking the reader (opening with a reader_address word, the sentence
    ending in a question mark) is (俄罗斯说要采取反制措施，大家觉得会增兵吗？), unless the cue reports a
    question. In a forum comment the reported speech is one clause — the commenter's verdict follows
    (中国外交部说乐见美俄接触，这话说得很稳; independent annotators mark the first clause in 46 of 48 such
    comment quotes) — unless that clause opens with a dependent opener (川普说如果对贸易谈判有利，他会介入…).
    The first clause always stays; a comma between digits (486,000) cuts nothing."""
    cl = [x for x in _clauses(p, k, end)]
    cl = [x for i, x in enumerate(cl) if i == 0 or not _digit_comma(p.s, x[0] - 1)]
    if len(cl) < 2:
        return end
    lex = p.lex
    if p.name.startswith("comment:"):
        # The speech carries on past a clause that cannot stand alone (如果…，/ …以上时，) and into a clause
        # that continues its argument (…，所以…); the first other clause is the commenter's.
        keep = 1
        while keep < len(cl):
            prev = p.s[cl[keep - 1][0]:_clause_end(p, cl, keep - 1)].strip()
            nxt = p.s[cl[keep][0]:_clause_end(p, cl, keep)].strip()
            if not (_strip_connectives(prev, lex).startswith(lex.dependent_openers)
                    or prev.endswith(lex.dependent_closers) or nxt.startswith(lex.continuation_openers)):
                break
            keep += 1
        return end if keep >= len(cl) else _clause_end(p, cl, keep - 1)
    if end < len(p.s) and p.s[end] in "？?" and c.word not in lex.question_cues:
        for i in range(1, len(cl)):
            if _strip_connectives(p.s[cl[i][0]:_clause_end(p, cl, i)].strip(), lex).startswith(lex.reader_address):
                return _clause_end(p, cl, i - 1)
    return end


def _digit_comma(s: str, i: int) -> bool:
    return 0 < i < len(s) - 1 and s[i] in ",，" and s[i - 1].isdigit() and s[i + 1].isdigit()


def _clause_end(p: _Part, cl: list[tuple[int, int]], i: int) -> int:
    """End of clause i of ``cl`` after merging digit commas: just before the next kept clause's cut."""
    return cl[i + 1][0] - 1 if i + 1 < len(cl) else cl[i][1]


def _indirect_features(p: _Part, c: _Cue, k: int, end: int, sp: _Speaker, why: str,
                       punct: bool) -> tuple[str, ...]:
    """General features of a reported clause after a cue (see shiju.quote_detector): the cue word and its
    kind, why the rules would reject it, the clause's length and shape, the speaker's kind; no feature
    names the words of the clause."""
    lex = p.lex
    content = p.s[k:end].strip()
    n = len(content)
    ncl = sum(1 for ch in content if ch in _CLAUSE_PUNCT)
    f = ["ind", f"ind:why:{why}", f"ind:cue:{c.word}", "ind:bare" if c.bare else "ind:nobare",
         "ind:punct" if punct else "ind:nopunct", f"ind:len:{_size(n, (6, 10, 16, 25, 40, 60))}",
         f"ind:cl:{min(ncl, 3)}", f"ind:sp:{sp.kind}"]
    if p.s[c.start:c.end] in lex.object_cues:
        f.append("ind:objcue")
    if sp.id:
        kind = ("per" if sp.id.startswith(("per:", "local:")) else "org" if sp.id.startswith("org:")
                else "office" if sp.id.startswith("office:") else "state")
        f.append(f"ind:spid:{kind}")
    else:
        f.append("ind:spid:none")
    if p.name.startswith("comment:"):
        f.append("ind:comment")
        f.append(f"ind:comment&{why}")
    if content.startswith(lex.dependent_openers):
        f.append("ind:dependent")
    if content.startswith(lex.predicate_openers):
        f.append("ind:predopen")
    if content.startswith(lex.first_person):
        f.append("ind:first")
    if any(ch.isdigit() for ch in content):
        f.append("ind:digit")
    if content[:1].isdigit():
        f.append("ind:digitopen")  # 15日晚两军发生冲突, 9月29日一艘渔船…: a dated report of what happened
    if "被" in content or "遭" in content:
        f.append("ind:passive")  # …人被捕, 遭到袭击: what was done to someone, mostly the author's report
    if any(m.start == k or (k <= m.start < k + 2) for m in _mentions_from(p, k, k + 3)):
        f.append("ind:subject")  # the clause opens with an actor: a sentence of its own (印方应立即…)
    f.append(f"ind:{why}&{'punct' if punct else 'nopunct'}")
    # The reason the rules reject a clause against its shape: a linear model cannot form these itself
    # (呼吁 + a clause with its own subject is an appeal's content; 批评 + a short object is not).
    f += [f"ind:{why}&{x[4:]}" for x in f[2:8] if not x.startswith("ind:why")]
    f += [f"ind:{why}&{x[4:]}" for x in ("ind:subject", "ind:objcue", "ind:predopen", "ind:digit") if x in f]
    # Who speaks against what is said: an unnamed source's or an unlinked speaker's clause (分析人士说, 警方称)
    # is what independent annotators leave unmarked more often than a named official's.
    spid = next(x for x in f if x.startswith("ind:spid:"))
    f += [f"{spid}&{x[4:]}" for x in ("ind:digit", "ind:passive", "ind:comment") if x in f]
    return tuple(f)


def _content_before(doc: Document, p: _Part, c: _Cue, sa: int, out: list[Quote], date_fn) -> None:
    """…，他说。 / …，普京在记者会上说。: a cue closing its sentence after its speaker reports the clauses
    before them (wire copy translated from English puts the attribution last)."""
    clauses = _clauses(p, sa, c.start)
    if len(clauses) < 2 or p.s[c.start:c.end] not in p.lex.closing_cues:
        return  # only plain verbs of saying close a statement (…，他批评 is no attribution)
    ca, _ = clauses[-1]
    sp = _region_speaker(p, (ca, c.start), False)
    if sp is None or sp.kind not in ("actor", "pronoun", "unnamed") or (sp.kind != "unnamed" and not sp.id):
        return
    if _unattributed(p, sp):
        return
    a, b = sa, clauses[-2][1]
    if any(p.qmask[a:b]) or any(p.cmask[a:b]) or any(p.rmask[a:b]):
        return  # marked words (handled as direct quotes) or speech some other cue already reports
    if _cues_from(p, a, b):
        return  # a cue of its own inside: X表示，A，他说 is not one statement
    if len(p.s[a:b].strip()) < 6:
        return
    _emit(doc, p, a, b, sp, c, False, out, date_fn)


_HEADLINE_RE = re.compile(r"(?m)^[ \t\u3000]*([^\n：:，,。！？“”「」『』\"]{2,24})[：:][ \t\u3000]*(\S[^\n]*)$")


def _headlines(doc: Document, p: _Part, out: list[Quote], date_fn) -> None:
    """A line 'Speaker：words' with no cue (a headline: 林剑：中方坚决反对…, 王毅：“…”): the words are the
    speaker's. The part before the colon must be the speaker's name or title run and nothing else."""
    if "：" not in p.s and ":" not in p.s:
        return
    for m in _HEADLINE_RE.finditer(p.s):
        a, b = m.span(1)
        if p.excerpt[a] or _cues_from(p, a, b) or _in_content(p, m.start(2)):
            continue
        sp = _mention_speaker(p, (a, b))
        if sp is None or sp.id is None or sp.kind != "actor" or sp.start != a:
            continue
        rest = p.s[sp.end:b].strip() if sp.end is not None else ""
        if rest and not rest.endswith(p.lex.institution_voices):
            continue
        k, end = m.span(2)
        while end > k and p.s[end - 1] in _SENT_END + " \t":
            end -= 1
        groups = [g for g in p.groups if g[0].open == k]
        if groups and groups[0][-1].close + 1 >= end:
            g = groups[0]
            if any(x <= g[0].open + 1 < y for x, y in p.content_spans):
                continue
            _emit(doc, p, g[0].open + 1, g[-1].close, sp, _Cue(b, b + 1, "：", False, False), True, out, date_fn)
            continue
        if len(p.s[k:end].strip()) < 4 or any(k <= x < end for x, _ in p.content_spans):
            continue
        _emit(doc, p, k, end, sp, _Cue(b, b + 1, "：", False, False), False, out, date_fn)


@lru_cache(maxsize=None)
def _media_frame_re(before: str, after: str) -> re.Pattern[str]:
    """The pattern of one 据X报道 frame, compiled once (it was escaped and looked up per part)."""
    return re.compile(re.escape(before) + r"([^，,。！？\n]{1,20}?)" + re.escape(after) + r"[，,：:]")


def _media_frames(doc: Document, p: _Part, out: list[Quote], date_fn) -> None:
    """据X报道，… : the outlet is the speaker of the reported clause, unless someone in it speaks."""
    for before, after in p.lex.media_frames:
        for m in _media_frame_re(before, after).finditer(p.s):
            if any(p.mask[m.start():m.end()]) or _in_content(p, m.end()):
                continue
            sa, se = _sent_of(p, m.start())
            k, end = m.end(), se
            while end > k and p.s[end - 1] in _SENT_END:
                end -= 1
            if any(k <= a < end for a, _ in p.content_spans) or any(
                    c.bare or p.s[c.end:c.end + 1] in "，,：:“「『\"" for c in _cues_from(p, k, end)):
                continue  # someone in the clause speaks (据X报道，Y表示，…); 承诺方案 is no cue
            src = _nested_region(p, m.start(1), m.end(1)) or (m.start(1), m.end(1))
            sp = _mention_speaker(p, src) or _region_speaker(p, src, False)
            if sp is None:
                sp = _Speaker(None, None, src[0], src[1], "text")
            if _unattributed(p, sp):
                continue  # 据当地媒体报道，…: no linked source to attribute the clause to
            cue = _Cue(m.end() - 1 - len(after), m.end() - 1, after, False, False)
            _emit(doc, p, k, end, sp, cue, False, out, date_fn)


# -- entry point ------------------------------------------------------------------------------------

def _date_fn(doc: Document, ctx: AnalysisContext):
    fallback = doc.published or ctx.default_date
    try:
        from shiju.time import date_at  # type: ignore[attr-defined]
    except ImportError:
        date_at = None

    def f(part: str, pos: int) -> str | None:
        if date_at is not None:
            try:
                d = date_at(doc, part, pos)
            except Exception:  # the time stage's lookup is best effort here; fall back to publication
                d = None
            if d:
                return str(d)
        return fallback

    return f


def analyse_part(doc: Document, part: str, lex: Lexicon, date_fn,
                 by_part: dict[str, list[tuple[Any, Any]]] | None = None, detector: Any = None,
                 chooser: Any = None, indirect: Any = None) -> list[Quote]:
    view = doc.view(part)
    s = view.simplified
    excerpt = _excerpt_mask(s, part, doc)
    datelines: list[tuple[int, int]] = []
    if "电" in s or "—" in s or "–" in s or "--" in s or "【" in s or "（" in s or "(" in s:  # skip the regex on texts that cannot hold one
        datelines = [(m.start(), m.end()) for m in _DATELINE_RE.finditer(s) if m.end() > m.start()]
    if part == "body" and ("报" in s[:40] or "中文网" in s[:40]):
        by = _BYLINE_RE.match(s)
        if by is not None:
            datelines = sorted(set(datelines) | {(by.start(), by.end())})
    for da, db in datelines:
        excerpt[da:db] = [True] * (db - da)
    titles = _titles_mask(s)
    # bool | bool is a bool: the same lists as `a or b` element by element, built in C
    mask = list(map(operator.or_, excerpt, titles))
    marks = _find_marks(s, mask)
    qmask = [False] * len(s)
    for mk in marks:
        hi = min(len(s), mk.close + 1)
        if hi > mk.open:
            qmask[mk.open:hi] = [True] * (hi - mk.open)
    mask = list(map(operator.or_, mask, qmask))
    cues = _find_cues(s, mask, lex)
    nomention = list(map(operator.or_, excerpt, qmask))
    mentions = _part_mentions(doc, part, view, nomention, None if by_part is None else by_part.get(part, []))
    if lex.actor_cues:
        cues = _actor_cues_checked(s, cues, mentions, lex)
    p = _Part(part, s, view, lex, mask, excerpt, qmask, marks, cues, mentions,
              _sentences(s, mask, marks, tuple(db for _, db in datelines)))
    p.groups = _groups(p)
    p.detector = detector if detector is not None and detector.enabled else None
    p.chooser = chooser if chooser is not None and chooser.enabled else None
    p.indirect = indirect if indirect is not None and indirect.enabled else None
    if p.detector is not None and marks:
        items = by_part.get(part, []) if by_part is not None else None
        p.marked_mentions = [(m.start, m.end) for m in _part_mentions(doc, part, view, excerpt, items)
                             if m.start < len(qmask) and qmask[m.start]]
    if any(excerpt):
        p.excerpt_mentions = [m for m in _part_mentions(doc, part, view, qmask, by_part.get(part, [])
                                                        if by_part is not None else None)
                              if excerpt[m.start]]
    out: list[Quote] = []
    # Sentence by sentence, so that pronouns and zero subjects see the speakers before them.
    gi = ci = 0
    for _, se in p.sents + [(len(s), len(s) + 1)]:
        while gi < len(p.groups) and p.groups[gi][0].open < se:
            _direct_quote(doc, p, gi, out, date_fn)
            gi += 1
        while ci < len(p.cues) and p.cues[ci].start < se:
            _indirect_quote(doc, p, ci, out, date_fn)
            ci += 1
    _media_frames(doc, p, out, date_fn)
    _headlines(doc, p, out, date_fn)
    if lex.own_side_continuation and p.name == "body":
        _own_side_continuations(doc, p, out, date_fn)
    out.sort(key=lambda q: q.start)
    return out


def _own_side_continuations(doc: Document, p: _Part, out: list[Quote], date_fn) -> None:
    """A sentence that opens with the speaker's own side (中方, 越方, 巴方: a mention of the speaker's state written
    X方) right after the speaker's reported speech ran to its sentence end continues that speech (习近平指出，中越是…
    邻邦。中方始终从战略高度…看待中越关系，愿同越方… — the readout's next sentence), when it holds no cue, no marks and
    no quote of its own, in the same paragraph. Chinese readouts put the speaker's own-side commitments there; a writer
    narrating a state's acts names the state (中国, 越南), not its side. The side must be written X方 (two characters)
    and commit itself within six characters (cues.yaml own_side_verbs: 愿, 始终, 赞赏…), with no act (宣布…:
    after_partial_acts) there. Indirect, same speaker; up to two sentences."""
    by_id = {a.id: a for a in doc.actors}
    sents = p.sents
    done: set[int] = set()
    for q in sorted(out, key=lambda q: q.start):
        if q.part != p.name or q.speaker is None:
            continue
        a = p.view.to_simplified(q.start)
        b = p.view.to_simplified(q.end)
        i = _sent_index(p, a)
        actor = by_id.get(q.speaker)
        country = q.speaker if actor is None or actor.type == "state" else actor.country
        if not country or i in done:
            continue
        for _ in range(2):
            _, se = sents[i]
            tail = p.s[b:se].strip("”」』’\"" + _SENT_END + " \t\u3000")
            if tail or i + 1 >= len(sents):
                break
            na, nb = sents[i + 1]
            while na < nb and p.s[na] in " \t\u3000":
                na += 1
            if "\n" in p.s[se:na] or i + 1 in done:
                break
            first = next((m for m in p.mentions if m.start == na), None)
            if (first is None or first.actor is None or first.actor.id != country or first.end - first.start != 2
                    or not p.s[na:first.end].endswith("方")):
                break  # 中方, 越方 — not 菲律宾军方 (a force), nor another state's side
            head = p.s[first.end:first.end + 6]
            if not any(w in head for w in p.lex.own_side_verbs) or any(w in head for w in p.lex.after_partial_acts):
                break  # 中方愿…/始终…/赞赏… commits the side; 中方代表为…, 美方同时宣布… narrate
            end = nb
            while end > na and p.s[end - 1] in _SENT_END + " \t\u3000":
                end -= 1
            if (any(p.qmask[na:end]) or _cues_from(p, na, end) or any(na <= x < end for x, _ in p.content_spans)
                    or p.excerpt[na] or end - na < 8):
                break
            sp = _Speaker(q.speaker, None, None, None, "inherited")
            if _emit(doc, p, na, end, sp, None, False, out, date_fn) is None:
                break
            done.add(i + 1)
            i, b = i + 1, end


def process(doc: Document, ctx: AnalysisContext) -> Document:
    lex = ctx.resource("quotes.lexicon", lambda: load_lexicon(ctx.data_dir))
    detector = ctx.resource("quotes.detector", lambda: _qd.load_detector(data_dir=ctx.data_dir))
    chooser = ctx.resource("quotes.chooser", lambda: _qc.load_chooser(data_dir=ctx.data_dir))
    indirect = ctx.resource("quotes.indirect", lambda: _qd.load_indirect(data_dir=ctx.data_dir))
    date_fn = _date_fn(doc, ctx)
    quotes: list[Quote] = []
    by_part = _mentions_by_part(doc)
    for part, _ in doc.parts():
        quotes.extend(analyse_part(doc, part, lex, date_fn, by_part, detector, chooser, indirect))
    doc.quotes = quotes
    return doc
