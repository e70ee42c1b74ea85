"""Organisations the gazetteer does not know, from a place or actor + name + organisation head noun.

伊朗国家电视台, 法国总工会, 哈尔滨市公安局, 中国国务院关税税则委员会 → a document-level actor
``local:<name>`` (organisation; country from the state or organisation it starts with, sector from its
ending, ``org_suffixes``). The heads that make a name an organisation are data (``organization_heads`` in
lexicon.yaml). The name is read leftwards from the head as an unknown person's organisation is read from a
title (``unknown._chunk``: no verb, adverb or stop word inside) and must start with a state or organisation
mention, a place word, or an opening quotation mark, so that bare heads (委员会, 该协会) and clauses
(宣布成立委员会) make nothing. The mention covers the whole name; the state or organisation inside it is not
a mention of its own (as in "organisation + title + name", docs/annotation.md). Later occurrences of the same
name and a short form in brackets right after it (香港市民支援愛國民主運動聯合會（支聯會）) are the same actor.
"""
from __future__ import annotations

import re

from shiju.actors.gazetteer import Gazetteer
from shiju.actors.linker import _CJK, Hit, PartLinker
from shiju.actors.unknown import _chunk

_OPEN_QUOTES = "“「『\"《"
_SHORT = re.compile(r"[（(]([\u3400-\u9fffA-Za-z]{2,8})[）)]")
_PLACE_TAGS = ("ns",)


def _heads_re(gaz: Gazetteer) -> re.Pattern[str] | None:
    rx = getattr(gaz, "_org_heads_re", False)
    if rx is False:
        heads = sorted(gaz.organization_heads, key=len, reverse=True)
        rx = re.compile("|".join(map(re.escape, heads))) if heads else None
        gaz._org_heads_re = rx  # type: ignore[attr-defined]
    return rx


def _starts_like_a_name(pl: PartLinker, start: int, inner: list[Hit]) -> bool:
    """A state or organisation mention, a place word or an opening quotation mark at `start`."""
    gaz, text = pl.gaz, pl.text
    first = next((h for h in inner if h.start == start), None)
    if first is not None:
        e = gaz.entry(first.actor or "")
        return e is not None and e.type in ("state", "organization", "location", "group")
    if start > 0 and text[start - 1] in _OPEN_QUOTES:
        return True
    a, b = pl.token_at(start)
    if a != start:
        return False
    tags = gaz.segmenter.tag(text[a:b], False)
    return len(tags) == 1 and tags[0][1] in _PLACE_TAGS


_NOT_IN_NAMES = ("m", "q", "r", "d", "p", "c", "u", "f")


def _nominal(gaz: Gazetteer, text: str, start: int, end: int, inner: list[Hit]) -> bool:
    """The words between the mentions inside the name and the head are nouns: no numeral, classifier,
    pronoun, adverb, preposition, conjunction, particle, locative or verb (nominal verbs such as 运输 in
    国家运输安全委员会 are nouns here)."""
    pos = start
    for h in sorted(inner, key=lambda h: h.start):
        if h.start > pos and not _nominal_words(gaz, text[pos:h.start]):
            return False
        pos = max(pos, h.end)
    return pos >= end or _nominal_words(gaz, text[pos:end])


def _nominal_words(gaz: Gazetteer, words: str) -> bool:
    for _, t in gaz.segmenter.tag(words, False):
        if t.startswith(_NOT_IN_NAMES) or (t.startswith("v") and t != "vn"):
            return False
    return True


def _free_start(pl: PartLinker, start: int) -> bool:
    """The name starts a word sequence of its own: after punctuation, a stop word, a particle or a word of
    two or more characters (not after a lone character glued to it)."""
    text, gaz = pl.text, pl.gaz
    if start == 0 or not _CJK.match(text[start - 1]):
        return True
    a, _ = pl.token_at(start - 1)
    tok = text[a:start]
    return len(tok) >= 2 or tok in gaz.left_particles or tok in gaz.chunk_stop_words


def _sector(gaz: Gazetteer, name: str) -> str | None:
    for suf, sec in sorted(gaz.org_suffixes.items(), key=lambda kv: -len(kv[0])):
        if name.endswith(suf):
            return sec
    return None


def _new_hit(start: int, end: int, name: str, country: str | None, sector: str | None, why: str) -> Hit:
    return Hit(start, end, name, "organization", [], "local:" + name, note=why, country=country, sector=sector)


def find_organizations(pl: PartLinker, hits: list[Hit], known: dict[str, tuple[str, str | None, str | None]]
                       ) -> list[Hit]:
    """`hits` with organisations named by their head noun added (and the mentions inside them dropped).
    `known`: names found earlier in the document (name -> (id, country, sector)), updated here, so that a
    comment repeating the body's organisation names it too."""
    gaz, text = pl.gaz, pl.text
    rx = _heads_re(gaz)
    if rx is None or (not known and rx.search(text) is None):
        return hits
    hits = sorted(hits, key=lambda h: h.start)
    dropped: set[int] = set()
    new: list[Hit] = []
    for m in rx.finditer(text):
        hs, he = m.span()
        if any(h.start < he and hs < h.end for h in hits) or any(h.start < he and hs < h.end for h in new):
            continue  # a known organisation or a person's mention already holds the head
        if he < len(text) and _CJK.match(text[he]) and not pl.ends_token(he):
            continue  # the head runs on into a longer word (委员会议)
        if he < len(text) and pl._thing_head(he):
            continue  # the organisation heads a thing or event (理事会会议)
        cstart, inner, chunk = _chunk(pl, hits, hs)
        if cstart >= hs or not _starts_like_a_name(pl, cstart, inner):
            continue
        if inner and inner[-1].end == hs and inner[-1].start == cstart:
            continue  # a state or organisation + the head alone (俄罗斯法院) is that actor's, as the linker reads it
        quoted = cstart > 0 and text[cstart - 1] in _OPEN_QUOTES
        if not quoted and not _nominal(gaz, text, cstart, hs, inner):
            continue  # 缅军一名区域司令部, 将白宫告上法庭: a counted phrase or a clause, not a name
        if not inner and not quoted and not _free_start(pl, cstart):
            continue  # 浉|河法院: the place word read is the end of a longer, unknown name
        name = text[cstart:he]
        states = [h for h in inner if (e := gaz.entry(h.actor or "")) and e.country]
        country = gaz.entry(states[0].actor).country if states else None  # type: ignore[union-attr]
        sector = _sector(gaz, name)
        why = f"organisation not in the gazetteer: {name} (head {m.group()})"
        for h in inner:
            dropped.add(id(h))
        new.append(_new_hit(cstart, he, name, country, sector, why))
        known.setdefault(name, ("local:" + name, country, sector))
        short = _SHORT.match(text, he)
        if short and short.group(1) not in known:
            known[short.group(1)] = ("local:" + name, country, sector)
    if known:
        new.extend(_repeats(text, hits + new, known, dropped))
    if not new:
        return hits
    return sorted([h for h in hits if id(h) not in dropped] + new, key=lambda h: h.start)


def _repeats(text: str, hits: list[Hit], known: dict[str, tuple[str, str | None, str | None]],
             dropped: set[int]) -> list[Hit]:
    """Occurrences of names (and bracketed short forms) found in the document that no longer mention
    covers; shorter mentions inside them are dropped (民盟 inside 津民盟)."""
    out: list[Hit] = []
    for name, (aid, country, sector) in known.items():
        i = text.find(name)
        while i >= 0:
            j = i + len(name)
            over = [h for h in hits + out if h.start < j and i < h.end and id(h) not in dropped]
            if all(i <= h.start and h.end <= j and h.end - h.start < j - i for h in over):
                for h in over:
                    dropped.add(id(h))
                h = Hit(i, j, name, "organization", [], aid, note=f"repeat of {aid[6:]}", country=country,
                        sector=sector)
                out.append(h)
            i = text.find(name, j)
    return out
