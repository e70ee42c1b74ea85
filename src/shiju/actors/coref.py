"""In-document coreference: later, shorter references to persons already mentioned.

- short forms of transliterated names: 帕尔多 after 雷蒙·帕切科·帕尔多;
- surname + title or honorific: 金长官, 赵外长, 黄教授 (only when one person in the document fits);
- one-character variants of a three-character name next to a title: 黄志焕教授 after 教授黄智焕;
- demonstrative + title: 这位外长, 该发言人 → the nearest preceding person whose title fits.
"""
from __future__ import annotations

import re

from shiju.actors.gazetteer import Gazetteer
from shiju.actors.linker import _CJK, Hit, PartLinker, _is_person


class PersonInfo:
    """What coreference knows about a person mentioned in the document."""

    def __init__(self, actor: str, name: str, titles: set[str]):
        self.actor = actor
        self.name = name
        self.titles = titles


def person_infos(gaz: Gazetteer, hits: list[Hit], text: str) -> dict[str, PersonInfo]:
    out: dict[str, PersonInfo] = {}
    for h in hits:
        if not h.actor or not _is_person(gaz, h):
            continue
        info = out.get(h.actor)
        if info is None:
            e = gaz.entry(h.actor)
            name = (e.name_zh if e and e.name_zh else getattr(h, "alias", "")) or ""
            titles: set[str] = set()
            if e:
                for r in e.roles:
                    if r.title:
                        titles.add(r.title)
                    titles.update(gaz.office_nouns.get(r.office, ()))
            info = out[h.actor] = PersonInfo(h.actor, name, titles)
        if h.title:
            info.titles.add(h.title)
    return out


def _surname(gaz: Gazetteer, name: str) -> str | None:
    if not name or "·" in name or not all(_CJK.match(c) for c in name) or not 2 <= len(name) <= 4:
        return None
    if name[:2] in gaz.compound_surnames:
        return name[:2]
    return name[0] if name[0] in gaz.surnames else None


def _fits(info: PersonInfo, title: str) -> bool:
    return any(t.endswith(title) or title in t for t in info.titles)


def resolve(pl: PartLinker, hits: list[Hit], doc_persons: dict[str, PersonInfo]) -> list[Hit]:
    gaz, text = pl.gaz, pl.text
    hits = sorted(hits, key=lambda h: h.start)
    persons = dict(doc_persons)
    persons.update(person_infos(gaz, hits, text))
    if not persons:
        return hits
    new: list[Hit] = []

    def free(s: int, e: int) -> bool:
        return not any(h.start < e and s < h.end for h in hits + new)

    first_at = {}
    for h in hits:
        first_at.setdefault(h.actor, h.start)

    def after_first(actor: str, pos: int) -> bool:
        # Persons known from an earlier part (the body, for a comment) are in scope everywhere.
        return actor in doc_persons or first_at.get(actor, 1 << 30) < pos

    # Later repeats of an unknown person's full name (帕尔多, 黄智焕 after the titled first mention).
    for info in persons.values():
        nm = info.name
        if not info.actor.startswith("local:") or len(nm) < 2 or nm in gaz.aliases:
            continue
        i = text.find(nm)
        while i >= 0:
            e = i + len(nm)
            # A short non-person alias strictly inside the repeated name (德军 in 刘德军) is part of it.
            inner = [h for h in hits if i < h.end and h.start < e]
            if inner and all(i < h.start and h.end <= e and h.end - h.start <= 2 and not _is_person(gaz, h)
                             for h in inner) and after_first(info.actor, i):
                hits = [h for h in hits if h not in inner]
            if free(i, e) and after_first(info.actor, i) and (inner or pl.aligned(i, e)):
                new.append(Hit(i, e, nm, "coref", [], info.actor, note=f"repeat of {nm}"))
            i = text.find(nm, e)

    # Short forms of dotted names.
    for info in persons.values():
        if "·" not in info.name:
            continue
        short = info.name.split("·")[-1]
        if len(short) < 2 or short in gaz.aliases:
            continue
        s = text.find(short)
        while s >= 0:
            e = s + len(short)
            if s > 0 and text[s - 1] == "·":
                s = text.find(short, e)  # 穆罕默德·巴基尔·萨德尔: the end of another dotted name
                continue
            if free(s, e) and after_first(info.actor, s) and (pl.aligned(s, e) or _set_off(gaz, text, s, e)):
                new.append(Hit(s, e, short, "coref", [], info.actor, note=f"short form of {info.name}"))
            s = text.find(short, e)

    # Surname + title / honorific, and one-character variants next to a title.
    by_surname: dict[str, list[PersonInfo]] = {}
    for info in persons.values():
        sn = _surname(gaz, info.name)
        if sn:
            by_surname.setdefault(sn, []).append(info)
    words = gaz.title_or_honorific_words
    if by_surname and words:
        found = []
        for tm in gaz.title_or_honorific_re.finditer(text):
            ts = tm.start()
            # Surnames are one or two characters: look them up instead of trying each.
            for k in (1, 2):
                sn = text[ts - k:ts] if ts >= k else ""
                if sn in by_surname:
                    found.append((ts - k, tm.end(), sn, tm.group(0)))
        for s, e, sn, tt in found:
            m = _M(text[s:e], sn, tt)
            # The bare title inside (外长 in 赵外长) was resolved by country only; surname + title is the
            # stronger cue and replaces it.
            covered = [h for h in hits if h.start < e and s < h.end]
            if any(h.source != "generic" or h.start < s or h.end > e for h in covered) or not pl.aligned(s, e):
                continue
            # 黄智焕教授 is the full name + title, not 焕 + 教授: the surname must start a word.
            if s > 0 and _CJK.match(text[s - 1]) and not pl.aligned(s, s + len(m.group("s"))):
                continue
            cands = [i for i in by_surname[m.group("s")] if after_first(i.actor, s)]
            fit = [i for i in cands if _fits(i, m.group("t"))]
            pick = fit if len(fit) == 1 else cands if len(cands) == 1 else []
            if len(pick) == 1:
                new.append(Hit(s, e, m.group(0), "coref", [], pick[0].actor, title=m.group("t"),
                               note=f"{m.group(0)}: surname + title of {pick[0].name}"))
                hits = [h for h in hits if h not in covered]
        for sn, infos in by_surname.items():
            for info in infos:
                nm = info.name
                if len(nm) != len(sn) + 2 or not info.actor.startswith("local:"):
                    continue
                a, b = nm[len(sn)], nm[len(sn) + 1]
                pat = f"{re.escape(sn)}(?:{re.escape(a)}[^{re.escape(b)}\\W\\d]|[^{re.escape(a)}\\W\\d]{re.escape(b)})"
                for m in re.finditer(pat, text):
                    s, e = m.span()
                    v = m.group(0)
                    if not free(s, e) or v in gaz.aliases or not _CJK.match(v[-1]):
                        continue
                    near_title = text.startswith(words, e) or text.endswith(words, 0, s)
                    rivals = [i for i in infos if i is not info and _edit1(i.name, v)]
                    if near_title and not rivals:
                        new.append(Hit(s, e, v, "coref", [], info.actor, note=f"{v}: one-character variant of {nm}"))

    # Demonstrative + title: the nearest preceding person whose title fits.
    if gaz.demonstratives:
        for m in gaz.demonstrative_re.finditer(text):
            s, e = m.span()
            covered = [h for h in hits if h.start < e and s < h.end]
            # A bare title inside (外长 in 这位外长) was resolved by country only; the demonstrative is
            # the stronger cue, so it replaces that reading.
            if any(h.source != "generic" or h.start < s or h.end > e for h in covered):
                continue
            prev = [h for h in sorted(hits + new, key=lambda h: h.start) if h.end <= s and h.actor in persons]
            pick = next((h for h in reversed(prev) if _fits(persons[h.actor], m.group("t"))), None)
            if pick is not None:
                new.append(Hit(s, e, m.group(0), "coref", [], pick.actor,
                               note=f"{m.group(0)}: nearest preceding {m.group('t')}"))
                hits = [h for h in hits if h not in covered]
    return sorted(hits + new, key=lambda h: h.start)


def _set_off(gaz: Gazetteer, text: str, s: int, e: int) -> bool:
    """A transliterated short form of three or more characters with no transliteration character glued to
    either side (。阿米尼死后: the segmenter's HMM joins 尼死, but no foreign name runs on into 死)."""
    return e - s >= 3 and all(c in gaz.translit for c in text[s:e]) \
        and (s == 0 or text[s - 1] not in gaz.translit) and (e >= len(text) or text[e] not in gaz.translit) \
        and not (text[e:e + 1] in gaz.non_person_head_chars
                 and any(text.startswith(w, e) for w in gaz.non_person_heads))  # 麦卡锡主义: an ideology


class _M:
    """The parts of a surname + title match, shaped like a regex match."""

    def __init__(self, whole: str, surname: str, title: str):
        self._g = {0: whole, "s": surname, "t": title}

    def group(self, k=0):
        return self._g[k]


def _edit1(a: str, b: str) -> bool:
    return len(a) == len(b) and sum(x != y for x, y in zip(a, b)) == 1
