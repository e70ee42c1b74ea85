"""Relations stage: typed, dated edges between actors that the text asserts (alliance, partnership,
hostility, rivalry, dependence, membership).

Entry point ``process(doc, ctx) -> doc`` fills ``doc.relations``. Method: each sentence of each part is
matched, on its Simplified view, against the templates of ``data/relations/patterns.yaml`` after every
actor mention (from the Actors stage) has been replaced by one placeholder character and quote marks and
spaces dropped; so the patterns see "{A}是{B}的盟友" whatever the actors' names are. Each match yields one
relation per actor pair, flagged ``negated`` (并非盟友) or ``hypothetical`` (如果加入…), dated by
``shiju.time.date_at`` (else the publication date), and ``asserted_by`` the view-holder of the pattern
(朝鲜将韩国视为美国的附庸 → 朝鲜) or the speaker of the quote it lies in, else None (the author).
A document keeps one relation per (type, pair, flags): the first telling is the evidence; repeating
美韩同盟 six times is one assertion of the document (the corpus graph counts documents).
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from shiju.context import AnalysisContext
from shiju.model import Document, Relation, span_id

RELATION_TYPES = ("alliance", "partnership", "hostility", "rivalry", "dependence", "membership")
ORDERED_TYPES = frozenset({"dependence", "membership"})

_PH = "\ue000"  # the placeholder one actor mention becomes
_NEUTRAL = "\ue001"  # a mention that names a meeting (北约峰会): neither a party nor a word of the patterns
_DROP = set("「」『』“”‘’\"'《》〈〉")  # quote marks the patterns never see
_CONJ = "(?:、|和|与|及|以及|同|跟|或)"
_MACROS = {
    # a time phrase (自2012年起, 2021年以来) may precede the short adverbial: it negates nothing
    "{V}": f"(?:分别)?(?:(?:自|从|于|在)?[0-9〇一二三四五六七八九十]{{2,4}}年(?:[0-9一二三四五六七八九十]{{1,2}}月)?"
           # two years for two subjects (芬兰和瑞典分别于2023年和2024年加入)
           f"(?:(?:和|、|与)[0-9〇一二三四五六七八九十]{{2,4}}年)?"
           f"(?:起|以来|后|时|初|底)?)?"
           # a day (4日) and a setting (在阿斯塔纳峰会上, 在会谈期间) before the verb negate nothing either
           f"(?:[0-9一二三四五六七八九十]{{1,3}}日|昨天|今天|当天|前天|日前|近日)?(?:在[^，。；！？：,;]{{1,24}}?(?:上|期间|中|时))?"
           # 盟 is never part of the adverbial (美日同盟和美韩同盟: 同盟 is no adverb of 日)
           f"[^{_PH}盟，。；！？：,;]{{0,5}}?",
    # the longer subject phrase of a view (美国新版国家安全战略把中国定为…)
    "{VL}": f"[^{_PH}，。；！？：,;]{{0,10}}?",
    "{M}": f"[^{_PH}，。；！？：,;]{{0,10}}?",  # 在印太地区值得信赖的, 最高级别的全面战略
    # a clause opened without its own subject, optionally after connectives and a resumptive pronoun
    "{S}": "(?:^|(?<=[，,；;：:]))(?:但是|但|而且|而|却|同时|并且|并|也|还|又|则|更|亦|同样|都|均|它|其|该国){0,3}"
           "(?!自己|我|你|他|她|这|那|本|此|有人|谁)",  # a clause with its own (pronoun) subject carries none
    "{IS}": "(?:是|为|乃|并非|绝非|决非|非)",
    # the role phrase of 将X视为…: to the end of the clause, and on over ，而是… (不是同胞，而是主敌)
    "{R}": f"(?P<R>[^{_PH}，。；！？：,;]{{1,24}}(?:，?而是[^{_PH}，。；！？：,;]{{1,24}})?)",
}


class RelationDataError(ValueError):
    """A relation pattern file that cannot be used; the message names the file and the reason."""


@dataclass(frozen=True)
class Pattern:
    type: str
    regex: re.Pattern[str]
    a: str | None
    b: str | None
    group: bool
    holder: str | None
    b_types: frozenset[str] | None
    only_hypothetical: bool
    roles: str | None = None  # slot whose role nouns give the type(s) (将X视为伙伴和对手)
    b_context_org: bool = False  # b is the organisation the discourse is about (…，成为第32个成员国)
    a_sectors: frozenset[str] | None = None  # gazetteer sectors allowed in a (伊朗支持的真主党: REB)
    # strings one of which every match contains (None: not known): a sentence holding none of them is
    # not searched with this pattern (most of the ~70 patterns fail on most sentences)
    literals: tuple[str, ...] | None = None


@dataclass(frozen=True)
class Anaphor:
    word: str
    count: int  # how many actors it stands for (两国 2, 三国 3); 1 for 该组织
    kind: str  # "polity" (states, IGOs, governments' people), "state" (states and their people) or "organization"
    # found nothing nearer: stands for the one list the part counted with this word before (X、Y和Z三国)
    part_list: bool = False


@dataclass(frozen=True)
class Lexicon:
    patterns: tuple[Pattern, ...]
    negators: tuple[str, ...]
    negation_exceptions: tuple[str, ...]
    conditionals: tuple[str, ...]
    prospective: tuple[str, ...]
    function_words: frozenset[str] = frozenset()
    role_nouns: tuple[tuple[str, str], ...] = ()  # (noun, type), longest first
    role_exclusions: tuple[str, ...] = ()  # words containing a role noun that name no relation (贸易伙伴)
    anaphors: tuple[Anaphor, ...] = ()
    locatives: tuple[str, ...] = ()  # words before a mention that make it a venue, not a party (在马尼拉)
    nonpolitical_sectors: frozenset[str] = frozenset()
    triggers: re.Pattern[str] | None = None  # a sentence without one of these asserts no relation
    has_context_org: bool = False
    meeting_heads: tuple[str, ...] = ()  # a mention right before these names a meeting, not a party (北约峰会)
    conditional_exceptions: tuple[str, ...] = ("若干",)  # words holding a conditional that are none (坚若磐石)
    # an "alliance" of a state with an actor of these sectors is its membership (北约盟国土耳其)
    membership_sectors: frozenset[str] = frozenset()
    exclusive_heads: tuple[str, ...] = ()  # 非X before these names a kind (主要非北约盟友), no negation
    cues: tuple[tuple[str, str], ...] = ()  # (word, type): the learned classifier's candidates, longest first
    # a one-character mention starting one of these words is the word (中俄新时代…: 新 is no New Zealand)
    word_starts: dict[str, tuple[str, ...]] = field(default_factory=dict)
    own_party_sectors: frozenset[str] = frozenset()  # sectors whose actors are parties of their own (REB)
    excluded: tuple[tuple[str, tuple[str, ...]], ...] = ()  # (before, afters): 除X外 names no party
    comments: bool = True  # read forum comments for relations too (relations_in_comments)
    establishing: tuple[str, ...] = ()  # verbs setting a relation up: with a future word, not yet one
    establishing_future: tuple[str, ...] = ()
    gate_all: re.Pattern[str] | None = None  # triggers and classifier cues: the gate when the classifier runs


def _slot(name: str, group: bool = False) -> str:
    if group:
        # a group after 与/同/跟 is the object of another party's act (越南与中国、俄罗斯和美国建立伙伴关系)
        # (nor a tail of such a list: 与中国、俄罗斯和美国建立 relates none of the three to each other)
        return f"(?<![与同跟和、及])(?P<{name}>{_PH}(?:{_CONJ}?{_PH})+)"
    if name == "A":
        # a subject never starts inside a list or after 与 (与中国、俄罗斯和美国建立…: 俄罗斯 is no subject)
        return f"(?<![与同跟和、及])(?P<{name}>{_PH}(?:{_CONJ}?{_PH})*)"
    return f"(?P<{name}>{_PH}(?:{_CONJ}?{_PH})*)"


def compile_pattern(template: str) -> str:
    """Expand the template language of patterns.yaml into a regular expression."""
    rx = template
    for k, v in _MACROS.items():
        rx = rx.replace(k, v)
    for name in ("A", "B", "H", "C"):
        rx = rx.replace("{" + name + "}", _slot(name))
    # {GC}: a compound of adjacent abbreviations (美韩) naming its own noun, wherever it stands (和美韩同盟)
    rx = rx.replace("{GC}", f"(?P<G>{_PH}{{2,}})")
    return rx.replace("{G}", _slot("G", group=True))


@lru_cache(maxsize=4)
def load_lexicon(data_dir: str | None = None) -> Lexicon:
    from shiju.data import read_yaml

    raw, where = read_yaml("relations", "patterns.yaml", data_dir=data_dir, error=RelationDataError,
                           what="relation patterns")
    if not isinstance(raw, dict) or not isinstance(raw.get("patterns"), list):
        raise RelationDataError(f"{where}: expected a mapping with a `patterns:` list")
    role_nouns = _role_nouns(raw.get("role_nouns"), where)
    pats = []
    for i, p in enumerate(raw["patterns"]):
        roles = p.get("roles") if isinstance(p, dict) else None
        if not isinstance(p, dict) or "pattern" not in p or (
                p.get("type") not in RELATION_TYPES and not (roles and p.get("type") == "roles")):
            raise RelationDataError(f"{where}: pattern #{i + 1} needs `pattern` and a `type` in {RELATION_TYPES}"
                                    " (or `type: roles` with a `roles:` slot)")
        group = p.get("pairs") == "group"
        try:
            rx = re.compile(compile_pattern(str(p["pattern"])))
        except re.error as exc:
            raise RelationDataError(f"{where}: pattern #{i + 1} {p['pattern']!r}: {exc}") from exc
        names = set(rx.groupindex)
        a, b = p.get("a"), p.get("b")
        if group and "G" not in names:
            raise RelationDataError(f"{where}: pattern #{i + 1} has pairs: group but no {{G}} slot")
        b_context = b == "context_org"
        subject_group = p.get("pairs") == "subject"
        if not group and not subject_group and (
                (b not in names and not b_context) or (a != "subject" and a not in names)):
            raise RelationDataError(f"{where}: pattern #{i + 1} names slots a={a!r}, b={b!r} it does not have")
        if roles and roles not in names:
            raise RelationDataError(f"{where}: pattern #{i + 1} names a roles slot {roles!r} it does not have")
        pats.append(Pattern(p["type"], rx, "subject" if subject_group else a, None if b_context else b,
                            group, p.get("holder"),
                            frozenset(p["b_types"]) if p.get("b_types") else None,
                            bool(p.get("only_hypothetical")), roles, b_context,
                            frozenset(p["a_sectors"]) if p.get("a_sectors") else None, _literals(rx.pattern)))
    anaphors = []
    for w, spec in (raw.get("anaphors") or {}).items():
        if not isinstance(spec, dict) or spec.get("kind") not in ("polity", "state", "organization"):
            raise RelationDataError(f"{where}: anaphor {w!r} needs a `kind` (polity, state or organization)")
        anaphors.append(Anaphor(str(w), int(spec.get("count", 1)), spec["kind"], bool(spec.get("part_list", False))))
    anaphors.sort(key=lambda x: -len(x.word))
    triggers = [str(t) for t in raw.get("triggers") or ()]
    if not triggers:
        raise RelationDataError(f"{where}: a `triggers:` list is required (sentences without one are skipped)")
    cues = _role_nouns(raw.get("classifier_cues"), where, "classifier_cues")
    gate = sorted(set(triggers) | {w for w, _ in cues}, key=len, reverse=True)  # the classifier reads cues too
    for i, p in enumerate(raw["patterns"]):
        # every pattern (or, for role patterns, every role noun) must contain a trigger, or the gate
        # would silently skip sentences it could match
        words = [w for w, _ in role_nouns] if p.get("type") == "roles" else [str(p["pattern"])]
        for w in words:
            if not any(t in w for t in triggers):
                raise RelationDataError(f"{where}: pattern #{i + 1}: {w!r} contains none of `triggers`")
    return Lexicon(tuple(pats), tuple(raw.get("negators") or ()), tuple(raw.get("negation_exceptions") or ()),
                   tuple(raw.get("conditionals") or ()), tuple(raw.get("prospective") or ()),
                   frozenset(raw.get("function_words") or ()), role_nouns,
                   tuple(raw.get("role_exclusions") or ()), tuple(anaphors),
                   tuple(raw.get("locatives") or ()), frozenset(raw.get("nonpolitical_sectors") or ()),
                   re.compile("|".join(map(re.escape, sorted(triggers, key=len, reverse=True)))),
                   any(p.b_context_org for p in pats),
                   tuple(sorted((str(w) for w in raw.get("meeting_heads") or ()), key=len, reverse=True)),
                   tuple(str(w) for w in raw.get("conditional_exceptions") or ("若干",)),
                   frozenset(raw.get("alliance_as_membership_sectors") or ()),
                   tuple(str(w) for w in raw.get("exclusive_heads") or ()), cues,
                   {str(k): tuple(map(str, v)) for k, v in (raw.get("word_starts") or {}).items()},
                   frozenset(raw.get("own_party_sectors") or ()), _excluded(raw.get("excluded_marks"), where),
                   _flag(raw, "relations_in_comments", True, where),
                   tuple(str(w) for w in raw.get("establishing") or ()),
                   tuple(str(w) for w in raw.get("establishing_future") or ()),
                   re.compile("|".join(map(re.escape, gate))))


def _flag(raw: dict[str, Any], key: str, default: bool, where: Any) -> bool:
    v = raw.get(key, default)
    if not isinstance(v, bool):
        raise RelationDataError(f"{where}: `{key}` must be true or false, got {v!r}")
    return v


def _excluded(raw: Any, where: Any) -> tuple[tuple[str, tuple[str, ...]], ...]:
    if raw is None:
        return ()
    if not isinstance(raw, dict) or not all(isinstance(v, list) and v for v in raw.values()):
        raise RelationDataError(f"{where}: `excluded_marks` must map a word before a mention to the words after it")
    return tuple((str(k), tuple(sorted(map(str, v), key=len, reverse=True))) for k, v in raw.items())


def _role_nouns(raw: Any, where: Any, key: str = "role_nouns") -> tuple[tuple[str, str], ...]:
    if raw is None:
        return ()
    if not isinstance(raw, dict) or any(t not in RELATION_TYPES for t in raw):
        raise RelationDataError(f"{where}: `{key}` must map relation types {RELATION_TYPES} to word lists")
    pairs = [(str(w), t) for t, words in raw.items() for w in (words or ())]
    return tuple(sorted(pairs, key=lambda x: -len(x[0])))


# -- masking ---------------------------------------------------------------------------------------

@dataclass
class _Masked:
    text: str  # the sentence with one placeholder per mention, quote marks and spaces dropped
    pos: list[int]  # masked index -> offset in the part (start of the character or mention)
    ends: list[int]  # masked index -> end offset in the part
    actor: dict[int, str]  # masked index of a placeholder -> actor id


_MASK_SLOW = re.compile(r"[\s" + re.escape("".join(sorted(_DROP))) + "]")  # characters _mask rewrites


def _mask(simplified: str, s0: int, s1: int, mentions: list[tuple[int, int, Any]],
          meeting_heads: tuple[str, ...] = ()) -> _Masked:
    """The sentence [s0, s1) with one placeholder per mention (mentions in text order, not overlapping),
    spaces as ， and quote marks dropped. The text between mentions is copied as slices, character by
    character only where it holds a space or a quote mark (tests/test_speed_equivalence.py compares it
    with the plain loop)."""
    out: list[str] = []
    pos: list[int] = []
    ends: list[int] = []
    actor: dict[int, str] = {}
    n = 0  # characters in out so far
    i = s0
    for ms, me, aid in mentions:
        if ms < i:
            continue  # before the sentence or behind the last mention copied
        if ms >= s1:
            break
        n = _copy_run(simplified, i, ms, out, pos, ends, n)
        if meeting_heads and simplified.startswith(meeting_heads, me):
            # 在阿斯塔纳峰会上, 金砖国家领导人会晤: the mention names a meeting, it is no party here
            out.append(_NEUTRAL)
            pos.append(ms)
            ends.append(me)
            n += 1
            i = me
            continue
        # an anaphor (两国) stands for several actors: one placeholder each, all on its span
        for one in (aid if isinstance(aid, tuple) else (aid,)):
            actor[n] = one
            out.append(_PH)
            pos.append(ms)
            ends.append(me)
            n += 1
        i = me
    if i < s1:
        _copy_run(simplified, i, s1, out, pos, ends, n)
    return _Masked("".join(out), pos, ends, actor)


_ASIDE = re.compile(r"（[^（）。！？]{1,30}）|\([^()。！？]{1,30}\)")


def _refine(mk: _Masked, simp: str, lex: Lexicon) -> _Masked:
    """Two rewrites of a masked sentence, neither of which the patterns should see through:
    a parenthesised aside is dropped with any mention inside it (东帝汶昨天（10月26日）在…, 四方安全对话
    （QUAD）成员国: a date, an acronym, a dateline are no part of the clause), and 非 + a mention before an
    `exclusive_heads` noun (主要非北约盟友, 非欧盟国家) becomes one neutral token: it names a kind of ally,
    it neither negates the relation nor is a party to it."""
    text = mk.text
    has_aside = "（" in text or "(" in text
    has_non = lex.exclusive_heads and ("非" + _PH) in text
    has_excl = any((w + _PH) in text for w, _ in lex.excluded)
    if not has_aside and not has_non and not has_excl:
        return mk
    keep = [True] * len(text)
    neutral: dict[int, int] = {}  # masked index -> index whose end the neutral token takes
    if has_aside:
        for m in _ASIDE.finditer(text):
            for i in range(m.start(), m.end()):
                keep[i] = False
    if has_non:
        i = text.find("非" + _PH)
        while i >= 0:
            j = i + 1
            while j < len(text) and text[j] == _PH and mk.pos[j] == mk.pos[i + 1]:
                j += 1  # every placeholder of the one mention (an anaphor may have several)
            if text.startswith(lex.exclusive_heads, j) and keep[i]:
                neutral[i] = i + 1
                for k in range(i + 1, j):
                    keep[k] = False
            i = text.find("非" + _PH, j)
    for w, afters in lex.excluded if has_excl else ():
        # 除俄罗斯外都已是北约成员国: the excepted party is no party of the clause (masked as neutral)
        i = text.find(w + _PH)
        while i >= 0:
            j = i + len(w)
            while j < len(text) and text[j] == _PH:
                j += 1
            if text.startswith(afters, j):
                neutral[i + len(w)] = i + len(w)
                for k in range(i + len(w) + 1, j):
                    keep[k] = False
            i = text.find(w + _PH, j)
    out: list[str] = []
    pos: list[int] = []
    ends: list[int] = []
    actor: dict[int, str] = {}
    for i, ch in enumerate(text):
        if not keep[i]:
            continue
        if i in neutral:
            out.append(_NEUTRAL)
            pos.append(mk.pos[i])
            ends.append(mk.ends[neutral[i]])
            continue
        if i in mk.actor:
            actor[len(out)] = mk.actor[i]
        out.append(ch)
        pos.append(mk.pos[i])
        ends.append(mk.ends[i])
    return _Masked("".join(out), pos, ends, actor)


def _copy_run(simplified: str, i: int, j: int, out: list[str], pos: list[int], ends: list[int], n: int) -> int:
    """Append simplified[i:j] to a masked sentence (spaces as ，, quote marks dropped); the new length."""
    if i >= j:
        return n
    if _MASK_SLOW.search(simplified, i, j) is None:
        out.append(simplified[i:j])
        pos.extend(range(i, j))
        ends.extend(range(i + 1, j + 1))
        return n + j - i
    for k in range(i, j):
        ch = simplified[k]
        if ch.isspace():
            ch = "，"  # a space between phrases (headlines) separates clauses
        if ch not in _DROP:
            out.append(ch)
            pos.append(k)
            ends.append(k + 1)
            n += 1
    return n


def _mentions_by_part(doc: Document) -> dict[str, list[tuple[int, int, str]]]:
    """Every part's (start, end, actor id) mentions, in actor order (one pass over the document's actors
    instead of one per part)."""
    out: dict[str, list[tuple[int, int, str]]] = {}
    for a in doc.actors:
        for m in a.mentions:
            lst = out.get(m.part)
            if lst is None:
                lst = out[m.part] = []
            lst.append((m.start, m.end, a.id))
    return out


def _longest_at_start(x: tuple[int, int, str]) -> tuple[int, int]:
    return x[0], x[0] - x[1]


def _mentions(doc: Document, part: str,
              by_part: dict[str, list[tuple[int, int, str]]] | None = None) -> list[tuple[int, int, str]]:
    """Non-overlapping mentions of a part, longest first where they overlap, in text order."""
    if by_part is None:
        by_part = _mentions_by_part(doc)
    raw = sorted(by_part.get(part, ()), key=_longest_at_start)
    out: list[tuple[int, int, str]] = []
    for s, e, aid in raw:
        if out and s < out[-1][1]:
            continue
        out.append((s, e, aid))
    return out


def _ids(mk: _Masked, m: re.Match[str], slot: str) -> list[str]:
    s, e = m.span(slot)
    seen: list[str] = []
    for i in range(s, e):
        aid = mk.actor.get(i)
        if aid is not None and aid not in seen:
            seen.append(aid)
    return seen


def _has_word(text: str, words: tuple[str, ...], exceptions: tuple[str, ...] = ()) -> bool:
    """Does any of `words` occur in `text` other than inside one of `exceptions` (不仅 is not 不)?"""
    for w in words:
        i = text.find(w)
        while i >= 0:
            if not any(_covers(text, x, i, len(w)) for x in exceptions):
                return True
            i = text.find(w, i + 1)
    return False


def _covers(text: str, word: str, i: int, n: int) -> bool:
    """Does an occurrence of `word` cover text[i:i+n]?"""
    j = text.find(word, max(0, i + n - len(word)))
    while 0 <= j <= i:
        if j + len(word) >= i + n:
            return True
        j = text.find(word, j + 1)
    return False


def _literals(pattern: str) -> tuple[str, ...] | None:
    from shiju.text.regex_gate import required_literals

    req = required_literals(pattern)
    if not req:
        return None
    # a literal containing another is found only where that one is: the shorter suffices
    return tuple(sorted(x for x in req if not any(y != x and y in x for y in req)))


# -- the stage -------------------------------------------------------------------------------------

def process(doc: Document, ctx: AnalysisContext) -> Document:
    lex = ctx.resource(f"relations.patterns:{ctx.data_dir or ''}", lambda: load_lexicon(ctx.data_dir))
    model = ctx.resource(f"relations.classifier:{ctx.data_dir or ''}", lambda: _load_model(ctx.data_dir))
    doc.relations = analyse(doc, lex, ctx, model)
    return doc


def analyse(doc: Document, lex: Lexicon, ctx: AnalysisContext | None, model: Any = None) -> list[Relation]:
    """The document's relations, one per (type, pair of parties, flags): process() without the
    resources (the classifier's trainer calls it with candidate models)."""
    rels: list[Relation] = []
    seen: set[tuple] = set()
    actors = {a.id: a for a in doc.actors}
    by_part = _mentions_by_part(doc)
    for part, _ in doc.parts():
        if not lex.comments and part != "body":
            continue  # readers' comments assert no relations of the document (see patterns.yaml)
        for r in relations_in_part(doc, part, lex, ctx, by_part, model):
            # a leader and the state he leads are one party here (金正恩…视为主敌 and 朝韩…交战国 are one
            # hostility), so duplicates are judged on parties; the first telling keeps its own ids
            a, b = (_polity(actors.get(r.a), lex) or r.a), (_polity(actors.get(r.b), lex) or r.b)
            pair = (a, b) if r.type in ORDERED_TYPES else tuple(sorted((a, b)))
            key = (r.type, pair, r.negated, r.hypothetical)
            if key in seen:
                continue
            seen.add(key)
            rels.append(r)
    return rels


def _load_model(data_dir: str | None) -> Any:
    """The learned classifier when its weights file says enabled, else None (the rules alone)."""
    from shiju.relation_classifier import load_model

    m = load_model(data_dir=data_dir)
    return m if m.enabled else None


def relations_in_part(doc: Document, part: str, lex: Lexicon, ctx: AnalysisContext | None = None,
                      mentions_by_part: dict[str, list[tuple[int, int, str]]] | None = None,
                      model: Any = None, capture: list | None = None) -> list[Relation]:
    """Every relation asserted in one part, in text order (not deduplicated). `mentions_by_part` is the
    document's mentions grouped by part, when the caller has it (process() reads every part). `model`
    (shiju.relation_classifier.RelationModel) re-decides the (type, pair) candidates of each sentence;
    with `capture`, each candidate's (features, rule verdict, type, a, b, part, sentence start) is
    appended to it and the rules decide (training)."""
    learned = (model is not None or capture is not None) and bool(lex.cues)
    from shiju.text.sentences import sentences

    mentions = _mentions(doc, part, mentions_by_part)
    if not mentions:
        return []
    view = doc.view(part)
    original = view.original
    simp = view.simplified
    if not learned and lex.triggers is not None and lex.triggers.search(simp) is None:
        # the gate is a list of words: none in the part, none in any of its sentences
        return []
    actors = {a.id: a for a in doc.actors}
    types = {a.id: a.type for a in doc.actors}
    quotes = [q for q in doc.quotes if q.part == part]
    m_starts = [m[0] for m in mentions]
    m_ends = [m[1] for m in mentions]
    out: list[Relation] = []
    prev_start = 0
    gate = lex.gate_all if learned else lex.triggers
    last_subject: list[str] = []
    last_at = -2
    for k, (s0, s1) in enumerate(sentences(original)):
        ms, me = view.to_simplified(s0), view.to_simplified(s1)
        if gate is not None and not gate.search(simp, ms, me):
            prev_start = s0
            continue
        # mentions do not overlap and are in text order, so their ends ascend too: the sentence's
        # mentions are one slice (bisection, not a scan of the whole part's mentions per sentence)
        inside = [m for m in mentions[bisect.bisect_left(m_starts, ms):bisect.bisect_right(m_ends, me)]
                  if not (m[1] - m[0] == 1 and (simp[m[0]] in lex.function_words or (
                      simp[m[0]] in lex.word_starts and simp.startswith(lex.word_starts[simp[m[0]]], m[1]))))]
        lo = view.to_simplified(prev_start)
        extra = _anaphors(simp, ms, me, lo, mentions, inside, actors, lex)
        prev_start = s0
        if extra:
            inside = sorted(inside + extra, key=lambda x: x[0])
        if not inside:
            continue
        mk = _refine(_mask(simp, ms, me, inside, lex.meeting_heads), simp, lex)
        if mk.text.count(_PH) < 2 and not lex.has_context_org:
            continue
        found: list[tuple[int, int, Pattern, re.Match[str]]] = []
        mtext = mk.text
        for p in lex.patterns:
            if p.literals is not None and not any(x in mtext for x in p.literals):
                continue  # certainly no match (the same matches as searching: a required literal is absent)
            for m in p.regex.finditer(mtext):
                found.append((m.start(), m.end(), p, m))
        k0 = len(out)
        if not found:
            if learned and mtext.count(_PH) >= 2:
                _learned(out, k0, mk, doc, part, s0, s1, actors, lex, model, capture, quotes, ctx)
            continue
        # The subject a later clause carries: the sentence's first party (a coordinated list counts as
        # one subject: 中国、俄罗斯、伊朗三国…，也都是…), or the `a` of the last relation matched before.
        found.sort(key=lambda x: (x[0], -(x[1] - x[0])))
        # a sentence naming no party of its own (同时，它与中国保持着…) continues the previous one's subject
        # (only the sentence right before, when it was read: an older subject is stale)
        subject = _first_subject(mk, lex, actors) or (last_subject if last_at == k - 1 else [])
        last_subject, last_at = subject, k
        for start, end, p, m in found:
            context_org = _context_org(lo, mk.pos[start] if start < len(mk.pos) else me, mentions, actors,
                                       lex) if p.b_context_org else None
            pairs, holder = _pairs(mk, m, p, subject, context_org)
            if not pairs:
                continue
            if p.b_types is not None:
                pairs = [(a, b) for a, b in pairs if types.get(b) in p.b_types]
            if p.a_sectors is not None:
                pairs = [(a, b) for a, b in pairs if getattr(actors.get(a), "sector", None) in p.a_sectors]
            # a party is not related to itself, nor a leader to his own state (李在明…与美韩同盟)
            pairs = [(a, b) for a, b in pairs if a != b
                     and (_polity(actors.get(a), lex) or a) != (_polity(actors.get(b), lex) or b)]
            if not pairs:
                continue
            if p.a and p.a != "subject":
                subject = _ids(mk, m, p.a)
            lead = m.end(p.a) if p.a and p.a != "subject" else (m.end("G") if p.group else start)
            negated = _has_word(mk.text[lead:end], lex.negators, lex.negation_exceptions) or _has_word(
                mk.text[max(0, start - 1):start + 1], ("非",), lex.negation_exceptions)
            if p.roles:
                rtypes = _role_types(m.group(p.roles), lex)
                if not rtypes:
                    continue
                rs = m.start(p.roles)
                neg_before = _has_word(mk.text[lead:rs], lex.negators, lex.negation_exceptions)
                typed = [(t, neg_before and not after) for t, after in rtypes]
            else:
                typed = [(p.type, negated)]
            before = mk.text[:start]
            # a question asks about the relation only when the relation is in its last clause (中俄算不算
            # 盟友？ — not 说中俄是战略伙伴，到底差在哪？)
            tail = mk.text[end:].rstrip()
            hypothetical = (_has_word(before, lex.conditionals, lex.conditional_exceptions)
                            or (tail.endswith(("？", "?")) and not any(c in tail for c in "，,；;")))
            clause = before[max(before.rfind("，"), before.rfind(","), 0):] + mk.text[start:end]
            prospective = _has_word(clause, lex.prospective, ("将军", "将领"))
            if p.only_hypothetical:
                if not (hypothetical or prospective):
                    continue
                hypothetical = True
            elif p.type == "membership" and prospective:
                hypothetical = True  # 希望瑞典尽快成为北约成员国, 邀请沙特成为金砖国家成员: not yet a member
            elif lex.establishing and _has_word(mk.text[start:end], lex.establishing) and _has_word(
                    clause, lex.establishing_future):
                # a relation still to be set up (双方将在访问期间签署全面战略伙伴关系条约); 将 + a noun phrase is
                # 把 (宣布将双边关系提升为…: announced, done), not the future
                hypothetical = True
            o_start = view.to_original(mk.pos[start]) if start < len(mk.pos) else s0
            o_end = view.to_original(mk.ends[end - 1])
            asserted = holder or _quoted_speaker(quotes, o_start, o_end)
            date = _date(doc, part, o_start, ctx)
            for rtype0, neg in typed:
                for a, b in pairs:
                    rtype = rtype0
                    if rtype == "alliance" and lex.membership_sectors:
                        a, b, rtype = _alliance_or_membership(a, b, actors, lex)
                    out.append(Relation(
                        id=span_id(doc.id, "relation", part, s0, s1, f"{rtype}|{a}|{b}"),
                        a=a, b=b, type=rtype, date=date, sentence=original[s0:s1], start=s0, end=s1, part=part,
                        asserted_by=asserted,
                        negated=neg, hypothetical=hypothetical,
                    ))
        if learned and mtext.count(_PH) >= 2:
            _learned(out, k0, mk, doc, part, s0, s1, actors, lex, model, capture, quotes, ctx)
    return out


def _kind(actor: Any, lex: Lexicon) -> str:
    """A party's kind for the classifier: state, igo, armed (a rebel group), person, org."""
    if actor is None:
        return "org"
    if actor.type == "state":
        return "state"
    if actor.sector in lex.membership_sectors and not actor.country:
        return "igo"
    if actor.sector == "REB":
        return "armed"
    return "person" if actor.type == "person" else "org"


def _learned(out: list[Relation], k0: int, mk: _Masked, doc: Document, part: str, s0: int, s1: int,
             actors: dict[str, Any], lex: Lexicon, model: Any, capture: list | None, quotes: list[Any],
             ctx: AnalysisContext | None) -> None:
    """Re-decide the sentence's (type, pair) candidates with the learned classifier: rule relations
    out[k0:] it rejects are removed, candidates it accepts are added (see shiju.relation_classifier)."""
    from shiju.relation_classifier import features

    text = mk.text
    # the parties: one placeholder index per actor (an anaphor's placeholders share a position)
    parties: list[tuple[int, str, str]] = []  # (masked index, actor id, polity)
    for i in sorted(mk.actor):
        aid = mk.actor[i]
        pol = _polity(actors.get(aid), lex)
        if pol is not None:
            parties.append((i, aid, pol))
    if len({p for _, _, p in parties}) < 2:
        return
    hits: dict[str, list[tuple[int, int, str]]] = {}
    for w, t in lex.cues:
        j = text.find(w)
        while j >= 0:
            if not any(_covers(text, x, j, len(w)) for x in lex.role_exclusions) and not any(
                    hs <= j < he for hs, he, _ in hits.get(t, ())):
                hits.setdefault(t, []).append((j, j + len(w), w))
            j = text.find(w, j + len(w))
    if not hits:
        return

    def key(t: str, a: str, b: str) -> tuple:
        pa, pb = (_polity(actors.get(a), lex) or a), (_polity(actors.get(b), lex) or b)
        return (t, (pa, pb) if t in ORDERED_TYPES else tuple(sorted((pa, pb))))

    rules: dict[tuple, list[int]] = {}
    for n in range(k0, len(out)):
        r = out[n]
        if not r.negated and not r.hypothetical:
            rules.setdefault(key(r.type, r.a, r.b), []).append(n)
    n_parties = len({p for _, _, p in parties})
    question = text.rstrip().endswith(("？", "?"))
    drop: set[int] = set()
    seen: set[tuple] = set()
    date = None
    for rtype in RELATION_TYPES:
        cue_hits = hits.get(rtype)
        if not cue_hits:
            continue
        for x in range(len(parties)):
            for y in range(x + 1, len(parties)):
                (i, a, pa), (j, b, pb) = parties[x], parties[y]
                if pa == pb:
                    continue
                if rtype == "membership":
                    ka, kb = _kind(actors.get(a), lex), _kind(actors.get(b), lex)
                    if (ka == "igo") == (kb == "igo"):
                        continue
                    if ka == "igo":
                        a, b = b, a
                k = key(rtype, a, b)
                if k in seen:
                    continue  # the nearest pair of these parties stands for all
                seen.add(k)
                rule_ok = k in rules
                if rtype == "dependence" and not rule_ok:
                    continue  # the direction of an added dependence is not known: never added
                cue_end = max(e for _, e, _ in cue_hits)
                neg = _has_word(text[i:cue_end], lex.negators, lex.negation_exceptions)
                cond = _has_word(text[:i], lex.conditionals, lex.conditional_exceptions)
                kinds = (_kind(actors.get(a), lex), _kind(actors.get(b), lex))
                feats = features(text, i, i + 1, j, j + 1, rtype, cue_hits, kinds, n_parties, rule_ok,
                                 part.startswith("comment"), _PH, (neg, cond, question))
                if capture is not None:
                    capture.append((feats, rule_ok, rtype, a, b, part, s0))
                    continue
                if model.decide(feats, rule_ok):
                    if not rule_ok:
                        if date is None:
                            date = _date(doc, part, s0, ctx)
                        out.append(Relation(
                            id=span_id(doc.id, "relation", part, s0, s1, f"{rtype}|{a}|{b}"),
                            a=a, b=b, type=rtype, date=date, sentence=doc.view(part).original[s0:s1], start=s0,
                            end=s1, part=part, asserted_by=_quoted_speaker(quotes, s0, s1),
                            negated=neg, hypothetical=cond or question))
                elif rule_ok:
                    drop.update(rules[k])
    if drop:
        out[k0:] = [r for n, r in enumerate(out[k0:], k0) if n not in drop]


def _alliance_or_membership(a: str, b: str, actors: dict[str, Any], lex: Lexicon) -> tuple[str, str, str]:
    """An alliance between a state and an organisation of allies (北约盟国土耳其, 土耳其是北约的盟国) is the
    state's membership of it, ordered state → organisation; anything else stays an alliance."""
    def igo(x: str) -> bool:
        act = actors.get(x)
        return act is not None and not act.country and act.sector in lex.membership_sectors

    ia, ib = igo(a), igo(b)
    if ib and not ia:
        return a, b, "membership"
    if ia and not ib:
        return b, a, "membership"
    return a, b, "alliance"


_OBJECT_MARKS = set("与同和跟对向把将被给从")
_RUN = re.compile(f"{_PH}(?:{_CONJ}?{_PH})*")
_DATELINE = re.compile(f"^[（(]?[^，。]{{0,16}}?电[）)]?，?")


def _first_subject(mk: _Masked, lex: Lexicon, actors: dict[str, Any] | None = None) -> list[str]:
    """The ids of the sentence's first party: the first run of (coordinated) mentions that is neither a
    dateline (新华社北京6月7日电), a venue (在马尼拉) nor a source (美国之音：…, a medium's mention)."""
    text = mk.text
    d = _DATELINE.match(text)
    i0 = d.end() if d and _PH in d.group() else 0
    for m in _RUN.finditer(text, i0):
        if any(text[max(0, m.start() - len(w)):m.start()] == w for w in lex.locatives):
            continue
        if actors is not None and all(getattr(actors.get(mk.actor.get(i, "")), "sector", None)
                                      in lex.nonpolitical_sectors for i in range(m.start(), m.end()) if i in mk.actor):
            continue  # a medium reporting (美国之音：马里…宣布) is not the subject of what it reports
        if m.start() > 0 and text[m.start() - 1] in _OBJECT_MARKS:
            return []  # the first party is an object (它与中国…): the subject is not named here
        ids: list[str] = []
        for i in range(m.start(), m.end()):
            aid = mk.actor.get(i)
            if aid is not None and aid not in ids:
                ids.append(aid)
        return ids
    return []


def _role_types(phrase: str, lex: Lexicon) -> list[tuple[str, bool]]:
    """Relation types named by the role nouns of a 视为 phrase, each with whether it follows 而是 (a
    negation before the phrase then does not reach it: 不再视为同族，而是主敌)."""
    out: list[tuple[str, bool]] = []
    turn = phrase.find("而是")
    i = 0
    while i < len(phrase):
        for w, t in lex.role_nouns:
            if phrase.startswith(w, i) and not any(_covers(phrase, x, i, len(w)) for x in lex.role_exclusions):
                after = 0 <= turn < i
                if (t, after) not in out:
                    out.append((t, after))
                i += len(w)
                break
        else:
            i += 1
    return out


def _polity(actor: Any, lex: Lexicon) -> str | None:
    """The party an actor stands for when 两国/双方 refer back to it: a state, an IGO, or the state of a
    government's person or body; None for media, businesses, places and unaffiliated people."""
    if actor is None or actor.type == "location" or (actor.sector in lex.nonpolitical_sectors):
        return None
    if actor.type == "state":
        return actor.id
    if actor.sector in lex.own_party_sectors:
        return actor.id  # an armed group is no party of its state's government (苏丹政府军与快速支援部队)
    if actor.country:
        return actor.country
    return actor.id if actor.type in ("organization", "group") else None


def _anaphors(simp: str, ms: int, me: int, prev: int, mentions: list[tuple[int, int, str]],
              inside: list[tuple[int, int, Any]], actors: dict[str, Any], lex: Lexicon) -> list[tuple[int, int, Any]]:
    """Pseudo-mentions for 两国/双方/三国 and 该组织, so the patterns see them as actors. 两国 stands for
    the parties named before it in its clause group (since the last 。 or ；) when there are exactly as
    many as it counts; with fewer, for the parties of the previous sentence when there are exactly that
    many and they include the ones before it. Anything else is ambiguous and left alone, as is 中俄两国
    (its actors are already there). An anaphor of kind `state` (两国, 三国: 国 is a country) counts states
    and their people, never an IGO.
    该组织 is the nearest IGO before it in this or the previous sentence."""
    if not lex.anaphors:
        return []
    sent = simp[ms:me]
    out: list[tuple[int, int, Any]] = []
    taken = [(s, e) for s, e, _ in inside]
    for an in lex.anaphors:
        j = sent.find(an.word)
        while j >= 0:
            s, e = ms + j, ms + j + len(an.word)
            seg = ms + max(sent.rfind("；", 0, j), sent.rfind(";", 0, j)) + 1
            j = sent.find(an.word, j + len(an.word))
            if any(a < e and s < b for a, b in taken) or any(b == s for _, b in taken):
                continue  # inside a mention, or right after one (中俄两国)
            if an.kind == "organization":
                org = _context_org(prev, s, mentions, actors, lex)
                if org:
                    out.append((s, e, (org,)))
                    taken.append((s, e))
                continue
            states = an.kind == "state"
            here = _parties(simp, [m for m in mentions if seg <= m[0] and m[1] <= s], actors, lex, states)
            if len(here) < an.count and prev < ms:
                before = _parties(simp, [m for m in mentions if prev <= m[0] and m[1] <= ms], actors, lex, states)
                here = before if set(here) <= set(before) else here
            if len(here) != an.count:
                # the text itself counted a list before (马里、布基纳法索和尼日尔三国…。三国都与…): that list
                pool = [m for m in mentions if min(prev, seg) <= m[0] and m[1] <= s]
                named = _counted_lists(simp, pool, an.word, actors, lex, states)
                if len(named) == 1 and len(named[0]) == an.count:
                    here = named[0]
            if len(here) != an.count and an.part_list:
                # a bare 三国 further on still stands for the list the part counted with the same word
                # (马里、布基纳法索和尼日尔三国退出…。…。三国组成的萨赫勒国家联盟…): Chinese news names the
                # members once, counted, then says only 三国. Only when every such list before it names the
                # same parties; data/relations/patterns.yaml sets it for 三国/四国 only (两国 recurs for many
                # pairs in one text).
                lists = {tuple(x) for x in _counted_lists(simp, [m for m in mentions if m[1] <= s], an.word,
                                                          actors, lex, states)}
                if len(lists) == 1:
                    (only,) = lists
                    if len(only) == an.count:
                        here = list(only)
            if len(here) == an.count:
                out.append((s, e, tuple(here)))
                taken.append((s, e))
    return out


_ISO3 = re.compile(r"[A-Z]{3}")
_LIST_GAPS = frozenset(("、", "和", "与", "及", "以及", "同", "跟"))


def _counted_lists(simp: str, mentions: list[tuple[int, int, str]], word: str, actors: dict[str, Any],
                   lex: Lexicon, states: bool = False) -> list[list[str]]:
    """The parties of each coordinated list of mentions followed right away by `word` (X、Y和Z三国)."""
    out: list[list[str]] = []
    run: list[tuple[int, int, str]] = []
    for m in mentions:
        if run and simp[run[-1][1]:m[0]] not in _LIST_GAPS:
            run = []
        run.append(m)
        if simp.startswith(word, m[1]):
            out.append(_parties(simp, run, actors, lex, states))
            run = []
    return out


def _parties(simp: str, mentions: list[tuple[int, int, str]], actors: dict[str, Any], lex: Lexicon,
             states: bool = False) -> list[str]:
    """The distinct parties (see _polity) of these mentions in text order, venues (在马尼拉) and meetings
    (出席太平洋岛国论坛领导人会议: the forum is where they met, as the masking reads it) skipped."""
    ids: list[str] = []
    for bs, be, aid in mentions:
        if any(simp[max(0, bs - len(w)):bs] == w for w in lex.locatives):
            continue
        if any(simp.startswith(w, be) for w in lex.meeting_heads):
            continue
        pid = _polity(actors.get(aid), lex)
        if states and pid and not _ISO3.fullmatch(pid):
            continue  # 两国 are two countries: an IGO (北约) or an armed group is none of them
        if pid and pid not in ids:
            ids.append(pid)
    return ids


def _context_org(lo: int, hi: int, mentions: list[tuple[int, int, str]], actors: dict[str, Any],
                 lex: Lexicon) -> str | None:
    """The organisation the discourse is about: the last IGO named in [lo, hi) (this sentence before the
    match, or the previous sentence)."""
    for s, e, aid in reversed(mentions):
        if s >= hi or e > hi:
            continue
        if s < lo:
            break
        act = actors.get(aid)
        if act is not None and act.type in ("organization", "group") and not act.country \
                and act.sector not in lex.nonpolitical_sectors:
            return aid
    return None


def _pairs(mk: _Masked, m: re.Match[str], p: Pattern, subject: list[str],
           context_org: str | None = None) -> tuple[list[tuple[str, str]], str | None]:
    if p.group:
        ids = _ids(mk, m, "G")
        hub = _hub(mk, m, "G")
        if hub is not None:  # 土耳其与埃塞俄比亚、索马里均保持…伙伴关系: the first with each of the list
            return [(hub, x) for x in ids if x != hub], None
        return [(ids[i], ids[j]) for i in range(len(ids)) for j in range(i + 1, len(ids))], None
    if p.a == "subject" and p.b is None and not p.b_context_org:
        ids = subject  # pairs: subject — the carried subject is itself the group (两国元首…，宣布深化…)
        return [(ids[i], ids[j]) for i in range(len(ids)) for j in range(i + 1, len(ids))], None
    a_ids = subject if p.a == "subject" else _ids(mk, m, p.a or "A")
    b_ids = ([context_org] if context_org else []) if p.b_context_org else _ids(mk, m, p.b or "B")
    holder = None
    if p.holder:
        h = _ids(mk, m, p.holder)
        holder = h[0] if h else None
    return [(a, b) for a in a_ids for b in b_ids], holder


_HUB_LINKS = ("与", "同", "跟")


def _hub(mk: _Masked, m: re.Match[str], slot: str) -> str | None:
    """The first party of a group written A与B、C (与/同/跟 first, a list after it): A relates to each of
    B, C (中国同吉尔吉斯斯坦、乌兹别克斯坦均已建立…伙伴关系), and B, C to each other not at all. None for a
    plain group (中俄, 中国、俄罗斯和伊朗, 美国与日本)."""
    s, e = m.span(slot)
    at = [i for i in range(s, e) if mk.actor.get(i) is not None]
    if len(at) < 3:
        return None
    links = [mk.text[a + 1:b] for a, b in zip(at, at[1:])]
    if links[0] in _HUB_LINKS and "、" in links[1:]:
        return mk.actor[at[0]]
    return None


def _quoted_speaker(quotes: list[Any], start: int, end: int) -> str | None:
    for q in quotes:
        if q.start <= start and end <= q.end and q.speaker:
            return q.speaker
    return None


def _date(doc: Document, part: str, pos: int, ctx: AnalysisContext | None) -> str | None:
    try:
        from shiju.time import date_at

        d = date_at(doc, part, pos, ctx.default_date if ctx else None)
    except (ImportError, IndexError, ValueError):
        d = None
    return d or doc.published or (ctx.default_date if ctx else None)
