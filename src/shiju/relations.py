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

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from shiju.context import AnalysisContext
from shiju.model import Document, Relation, span_id

RELATION_TYPES = ("alliance", "partnership", "hostility", "rivalry", "dependence", "membership")
ORDERED_TYPES = frozenset({"dependence", "membership"})

_PH = "\ue000"  # the placeholder one actor mention becomes
_DROP = set("「」『』“”‘’\"'《》〈〉")  # quote marks the patterns never see
_CONJ = "(?:、|和|与|及|以及|同|跟|或)"
_MACROS = {
    "{V}": f"[^{_PH}，。；！？：,;]{{0,5}}?",
    "{M}": f"[^{_PH}，。；！？：,;]{{0,8}}?",
    "{S}": "(?:^|(?<=[，,；;：:]))",
    "{IS}": "(?:是|为|乃|并非|绝非|决非|非)",
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


@dataclass(frozen=True)
class Lexicon:
    patterns: tuple[Pattern, ...]
    negators: tuple[str, ...]
    negation_exceptions: tuple[str, ...]
    conditionals: tuple[str, ...]
    prospective: tuple[str, ...]
    function_words: frozenset[str] = frozenset()


def _slot(name: str, group: bool = False) -> str:
    if group:
        return f"(?P<{name}>{_PH}(?:{_CONJ}?{_PH})+)"
    return f"(?P<{name}>{_PH}(?:{_CONJ}?{_PH})*)"


def compile_pattern(template: str) -> str:
    """Expand the template language of patterns.yaml into a regular expression."""
    rx = template
    for k, v in _MACROS.items():
        rx = rx.replace(k, v)
    for name in ("A", "B", "H", "C"):
        rx = rx.replace("{" + name + "}", _slot(name))
    return rx.replace("{G}", _slot("G", group=True))


@lru_cache(maxsize=4)
def load_lexicon(data_dir: str | None = None) -> Lexicon:
    from shiju.data import data_path, load_yaml

    where = data_path("relations", "patterns.yaml", data_dir=data_dir)
    try:
        raw = load_yaml("relations", "patterns.yaml", data_dir=data_dir)
    except OSError as exc:
        raise RelationDataError(f"{where}: cannot read relation patterns: {exc}") from exc
    if not isinstance(raw, dict) or not isinstance(raw.get("patterns"), list):
        raise RelationDataError(f"{where}: expected a mapping with a `patterns:` list")
    pats = []
    for i, p in enumerate(raw["patterns"]):
        if not isinstance(p, dict) or "pattern" not in p or p.get("type") not in RELATION_TYPES:
            raise RelationDataError(f"{where}: pattern #{i + 1} needs `pattern` and a `type` in {RELATION_TYPES}")
        group = p.get("pairs") == "group"
        try:
            rx = re.compile(compile_pattern(str(p["pattern"])))
        except re.error as exc:
            raise RelationDataError(f"{where}: pattern #{i + 1} {p['pattern']!r}: {exc}") from exc
        names = set(rx.groupindex)
        a, b = p.get("a"), p.get("b")
        if group and "G" not in names:
            raise RelationDataError(f"{where}: pattern #{i + 1} has pairs: group but no {{G}} slot")
        if not group and (b not in names or (a != "subject" and a not in names)):
            raise RelationDataError(f"{where}: pattern #{i + 1} names slots a={a!r}, b={b!r} it does not have")
        pats.append(Pattern(p["type"], rx, a, b, group, p.get("holder"),
                            frozenset(p["b_types"]) if p.get("b_types") else None,
                            bool(p.get("only_hypothetical"))))
    return Lexicon(tuple(pats), tuple(raw.get("negators") or ()), tuple(raw.get("negation_exceptions") or ()),
                   tuple(raw.get("conditionals") or ()), tuple(raw.get("prospective") or ()),
                   frozenset(raw.get("function_words") or ()))


# -- masking ---------------------------------------------------------------------------------------

@dataclass
class _Masked:
    text: str  # the sentence with one placeholder per mention, quote marks and spaces dropped
    pos: list[int]  # masked index -> offset in the part (start of the character or mention)
    ends: list[int]  # masked index -> end offset in the part
    actor: dict[int, str]  # masked index of a placeholder -> actor id


def _mask(simplified: str, s0: int, s1: int, mentions: list[tuple[int, int, str]]) -> _Masked:
    out: list[str] = []
    pos: list[int] = []
    ends: list[int] = []
    actor: dict[int, str] = {}
    k, i = 0, s0
    while i < s1:
        while k < len(mentions) and mentions[k][0] < i:
            k += 1
        if k < len(mentions) and mentions[k][0] == i:
            ms, me, aid = mentions[k]
            actor[len(out)] = aid
            out.append(_PH)
            pos.append(ms)
            ends.append(me)
            i = me
            continue
        ch = simplified[i]
        if ch.isspace():
            ch = "，"  # a space between phrases (headlines) separates clauses
        if ch not in _DROP:
            out.append(ch)
            pos.append(i)
            ends.append(i + 1)
        i += 1
    return _Masked("".join(out), pos, ends, actor)


def _mentions(doc: Document, part: str) -> list[tuple[int, int, str]]:
    """Non-overlapping mentions of a part, longest first where they overlap, in text order."""
    raw = sorted(((m.start, m.end, a.id) for a in doc.actors for m in a.mentions if m.part == part),
                 key=lambda x: (x[0], -(x[1] - x[0])))
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


# -- the stage -------------------------------------------------------------------------------------

def process(doc: Document, ctx: AnalysisContext) -> Document:
    lex = ctx.resource(f"relations.patterns:{ctx.data_dir or ''}", lambda: load_lexicon(ctx.data_dir))
    rels: list[Relation] = []
    seen: set[tuple] = set()
    for part, _ in doc.parts():
        for r in relations_in_part(doc, part, lex, ctx):
            pair = (r.a, r.b) if r.type in ORDERED_TYPES else tuple(sorted((r.a, r.b)))
            key = (r.type, pair, r.negated, r.hypothetical)
            if key in seen:
                continue
            seen.add(key)
            rels.append(r)
    doc.relations = rels
    return doc


def relations_in_part(doc: Document, part: str, lex: Lexicon, ctx: AnalysisContext | None = None) -> list[Relation]:
    """Every relation asserted in one part, in text order (not deduplicated)."""
    from shiju.text.sentences import sentences

    mentions = _mentions(doc, part)
    if len(mentions) < 2:
        return []
    view = doc.view(part)
    original = view.original
    simp = view.simplified
    types = {a.id: a.type for a in doc.actors}
    quotes = [q for q in doc.quotes if q.part == part]
    out: list[Relation] = []
    for s0, s1 in sentences(original):
        ms, me = view.to_simplified(s0), view.to_simplified(s1)
        inside = [m for m in mentions if ms <= m[0] and m[1] <= me
                  and not (m[1] - m[0] == 1 and simp[m[0]] in lex.function_words)]
        if len(inside) < 2 and not any(ms <= m[0] < me for m in inside):
            continue
        mk = _mask(simp, ms, me, inside)
        if mk.text.count(_PH) < 2:
            continue
        found: list[tuple[int, int, Pattern, re.Match[str]]] = []
        for p in lex.patterns:
            for m in p.regex.finditer(mk.text):
                found.append((m.start(), m.end(), p, m))
        # The subject a later clause carries: the first actor of the sentence, or the `a` of the last
        # relation matched before that clause.
        found.sort(key=lambda x: (x[0], -(x[1] - x[0])))
        subject: list[str] = [mk.actor[min(mk.actor)]] if mk.actor else []
        for start, end, p, m in found:
            pairs, holder = _pairs(mk, m, p, subject)
            if not pairs:
                continue
            if p.b_types is not None:
                pairs = [(a, b) for a, b in pairs if types.get(b) in p.b_types]
            pairs = [(a, b) for a, b in pairs if a != b]
            if not pairs:
                continue
            if p.a and p.a != "subject":
                subject = _ids(mk, m, p.a)
            lead = m.end(p.a) if p.a and p.a != "subject" else (m.end("G") if p.group else start)
            negated = _has_word(mk.text[lead:end], lex.negators, lex.negation_exceptions) or _has_word(
                mk.text[max(0, start - 1):start + 1], ("非",), lex.negation_exceptions)
            before = mk.text[:start]
            hypothetical = (_has_word(before, lex.conditionals, ("若干",))
                            or mk.text.rstrip().endswith(("？", "?")))
            if p.only_hypothetical:
                clause = before[max(before.rfind("，"), before.rfind(","), 0):] + mk.text[start:end]
                if not (hypothetical or _has_word(clause, lex.prospective, ("将军", "将领"))):
                    continue
                hypothetical = True
            o_start = view.to_original(mk.pos[start]) if start < len(mk.pos) else s0
            o_end = view.to_original(mk.ends[end - 1])
            asserted = holder or _quoted_speaker(quotes, o_start, o_end)
            date = _date(doc, part, o_start, ctx)
            for a, b in pairs:
                out.append(Relation(
                    id=span_id(doc.id, "relation", part, s0, s1, f"{p.type}|{a}|{b}"),
                    a=a, b=b, type=p.type, date=date, sentence=original[s0:s1], start=s0, end=s1, part=part,
                    asserted_by=asserted,
                    negated=negated, hypothetical=hypothetical,
                ))
    return out


def _pairs(mk: _Masked, m: re.Match[str], p: Pattern, subject: list[str]) -> tuple[list[tuple[str, str]], str | None]:
    if p.group:
        ids = _ids(mk, m, "G")
        return [(ids[i], ids[j]) for i in range(len(ids)) for j in range(i + 1, len(ids))], None
    a_ids = subject if p.a == "subject" else _ids(mk, m, p.a or "A")
    b_ids = _ids(mk, m, p.b or "B")
    holder = None
    if p.holder:
        h = _ids(mk, m, p.holder)
        holder = h[0] if h else None
    return [(a, b) for a in a_ids for b in b_ids], holder


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
