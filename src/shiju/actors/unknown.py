"""Persons the gazetteer does not know, from "organisation/country + title + name" phrases.

首尔市立大学国际关系学教授黄智焕 → a document-level actor ``local:黄智焕`` (person, KOR, EDU) whose note says
how country and sector were inferred. The same phrase shape with a known person (韩国外交部长官郑义溶) makes
the whole phrase one mention of that person, so the organisation inside it is not a separate mention.
"""
from __future__ import annotations

from bisect import bisect_left, bisect_right

from shiju.actors.gazetteer import Gazetteer
from shiju.actors.linker import _CJK, _PUNCT, Hit, PartLinker, _is_person, is_title_hit

MAX_CHUNK = 24  # characters of organisation name read leftwards from a title
# One-character verbs that, after a function word that is also a surname (都, 曾, 向, 和), show the
# function word is the adverb (都说, 曾称, 也要): no name starts there.
_VERB_AFTER_ADVERB = frozenset("说称讲问要会是在有将把被让认表曾")


def find_persons(pl: PartLinker, hits: list[Hit]) -> list[Hit]:
    gaz, text = pl.gaz, pl.text
    hits = sorted(hits, key=lambda h: h.start)
    starts = {h.start: h for h in hits}
    dropped: set[int] = set()
    new: list[Hit] = []
    titles = gaz.find_titles(text)
    if not titles:
        return sorted(hits + dotted_names(pl, hits), key=lambda h: h.start) if "·" in text else hits
    hit_starts = [h.start for h in hits]
    for ts, te, title in titles:
        if not pl.ends_token(te):
            a, b = pl.token_at(te - 1)
            if a <= ts and gaz.segmenter.has_word(text[a:b]):
                continue  # 成员国, 主席国: the title is the start of a longer word, not a post before a name
        # Mentions overlapping the title must be the title itself (韩国外交部长官, 第一次官), not a name.
        # Hits do not overlap each other, so only the one starting before the title and those starting
        # inside it can overlap it.
        i = max(bisect_right(hit_starts, ts) - 1, 0)
        over = [h for h in hits[i:bisect_left(hit_starts, te)] if h.start < te and ts < h.end]
        if any(not is_title_hit(gaz, h) for h in over):
            continue
        if over:
            ts, after = min([ts] + [h.start for h in over]), max([te] + [h.end for h in over])
        else:
            after = te
        person = starts.get(after)
        foreign = None
        if person is not None and _is_person(gaz, person):
            cstart, chunk_hits, _ = _chunk(pl, hits, ts)
            if _other_country(gaz, person, chunk_hits + over, text):
                # 洪都拉斯外交部长雷纳: the title's country is not the known 雷纳's (Angela Rayner, GBR), so
                # this is a namesake the gazetteer does not know.
                foreign = person
                dropped.add(id(person))
                person = None
        if person is not None and _is_person(gaz, person):
            orgs = tuple(h.actor for h in chunk_hits if h.actor in gaz.org_ids)
            if orgs and person.actor in gaz.person_ids and not _held_post_of(gaz, person.actor, orgs):
                # 欧洲理事会主席米歇尔: not Michelle Obama, who held no post of the European Council, but
                # the person with that name part who did
                alt = _known_by_part(gaz, text, after, person.end, None, title, orgs)
                if alt is not None and alt[0] != person.actor and alt[1] == person.end:
                    person.actor = alt[0]
                    person.note = f"name part after a post of {orgs[-1]}: its holder"
            if chunk_hits or over:
                begin = min([person.start, cstart, ts] + [h.start for h in chunk_hits])
                for h in chunk_hits + over:
                    dropped.add(id(h))
                person.start, person.merged = begin, True
                person.title = person.title or title
            continue
        name = parse_name(pl, after)
        if name is None:
            continue
        ns, ne = after, name
        glued = {a.id for a in gaz.aliases.get(text[ns:ne - 1], ()) if a.id in gaz.person_ids} \
            if ne - ns >= 3 and text[ne - 1] in gaz.right_particles else set()
        if len(glued) == 1 and not any(h.name_span == (ns, ne) for h in new):
            # 反对派人士莫拉莱斯|则: a known name glued to a function character (right_particles) is that
            # person, not a new one (雷伊|纳 is a new name: 纳 is no function word)
            new.append(Hit(ts, ne - 1, text[ns:ne - 1], "alias", [], glued.pop(), merged=True, title=title,
                           note="known name after a title, glued to the next character", name_span=(ns, ne)))
            continue
        inside = [h for h in hits if h.start < ne and ns < h.end and h is not foreign]
        # A short non-person alias inside the name read after a title is part of the name (刘德军 is not
        # 刘 + 德军 the Bundeswehr): the title says a person's name follows.
        # So is a person's alias starting inside it (赫|列宁: a minister named after a title, not Lenin).
        if inside and all(ns < h.start and h.end <= ne and (h.end - h.start <= 2 or _is_person(gaz, h))
                          for h in inside):
            for h in inside:
                dropped.add(id(h))
        elif inside or any(h.name_span == (ns, ne) for h in new):
            continue
        cstart, chunk_hits, _ = _chunk(pl, hits, ts)
        holder = _holder_named(gaz, over, text[ns:ne])
        if holder is not None:
            # 美国国务院发言人米勒: the title already resolved to its holder and the name is the holder's.
            begin = min([cstart, ts] + [h.start for h in chunk_hits])
            for h in chunk_hits + over:
                if h is not holder:
                    dropped.add(id(h))
            holder.start, holder.end, holder.merged = begin, ne, True
            holder.title = holder.title or title
            continue
        country, sector, why = infer(gaz, text[cstart:ts], chunk_hits + over, title)
        if why is None:
            # No organisation or nationality read right before the title (the reading stopped at a verb: 透明
            # 倡议主任波林): still a person when an actor is named earlier in the clause and the name is
            # followed by what a speaker's name is followed by (对…说, ，他说); the country is that actor's.
            foreign_name = _plain_foreign_name(pl, ns, ne)
            if not _speaks(gaz, text, ne) and not foreign_name:
                continue
            country, why = _nearest_country(gaz, hits, ts, pl.clause(max(ts - 1, 0))[0])
            if country is None and title in gaz.generic:
                # 据肯尼亚媒体报道，总统卡马乌表示 / 外长奥卡福表示，尼日利亚…: a state's post (a generic
                # title) takes the state named in the sentence, before it or else after it.
                sent_start = max(text.rfind(c, 0, ts) for c in "。！？!?\n") + 1
                country, why = _nearest_country(gaz, hits, ts, sent_start)
                if country is None:
                    country, why = _next_country(gaz, hits, ne, _sentence_end(text, ne))
            if country is None and ((gaz.titles.get(title) not in gaz.stateless_title_sectors and not foreign_name)
                                    or text[ns] in gaz.left_particles or text[ns] in gaz.right_particles):
                # 记者王小明说: a reporter's title and a name alone are too weak for a political actor; nor is
                # a "name" opening with a particle or adverb (专家都判断, 教授和范辰, 秘书的罗伯特).
                continue
            cstart, chunk_hits = ts, []  # the mention is the title and the name
            sector = gaz.titles.get(title)
            why = f"title {title} + {'foreign name' if foreign_name else 'name before a speech verb'}; {why}"
        orgs = tuple(h.actor for h in chunk_hits if h.actor in gaz.org_ids)
        known = _known_by_part(gaz, text, ns, ne, country, title, orgs)
        if known is not None:
            # 玻利维亚总统莫拉莱斯, 阿曼外交大臣巴德尔: a part of the dotted name of a known person of the
            # title's own country (with the title's post when several fit) is that person.
            pid, ne = known
            begin = min([cstart, ts] + [h.start for h in chunk_hits])
            for h in chunk_hits + over:
                dropped.add(id(h))
            new.append(Hit(begin, ne, text[ns:ne], "alias", [], pid, merged=True, title=title,
                           note=f"part of a known person's name after a title of {country}"))
            continue
        nm = text[ns:ne]
        local = "local:" + nm.replace("·", "").replace(" ", "")
        begin = min([cstart, ts] + [h.start for h in chunk_hits])
        for h in chunk_hits + over:
            dropped.add(id(h))
        h = Hit(begin, ne, nm, "unknown", [], local, note=f"not in the gazetteer; {why}", merged=True, title=title)
        h.country, h.sector, h.name_span = country, sector, (ns, ne)  # type: ignore[attr-defined]
        new.append(h)
    if len(new) > 1:
        # 总统|顾问劳雷亚诺·奥尔特加: a second title inside the name read after the first is the person's own
        # post; of two overlapping readings the one after the nearer title (the later start) is the name.
        new.sort(key=lambda h: h.start)
        new = [h for k, h in enumerate(new)
               if not (h.source == "unknown" and any(o.start > h.start and o.start < h.end and o.end <= h.end
                                                     for o in new[k + 1:]))]
    out = [h for h in hits if id(h) not in dropped] + new
    out += listed_names(pl, out)
    if "·" in text:
        out += dotted_names(pl, out)
    return sorted(out, key=lambda h: h.start)


def listed_names(pl: PartLinker, hits: list[Hit]) -> list[Hit]:
    """A plainly foreign name listed right after a titled person (前首席部长穆夫提、阿卜杜拉等, 反对派领导人卡马乔和
    梅萨): the title covers the list, so the name is a person too, of the same country."""
    gaz, text = pl.gaz, pl.text
    out: list[Hit] = []
    n = len(text)
    for h in sorted(hits, key=lambda x: x.start):
        if not (h.title and h.actor and _is_person(gaz, h)):
            continue
        prev = h
        while prev.end + 1 < n and text[prev.end] in gaz.list_joiners:
            ns = prev.end + 1
            ne = ns
            while ne < n and ne - ns < 6 and text[ne] in gaz.translit:
                ne += 1
            if ne - ns < 2 or any(x.start < ne and ns < x.end for x in hits + out) \
                    or not _plain_foreign_name(pl, ns, ne):
                break
            nm = text[ns:ne]
            new = Hit(ns, ne, nm, "unknown", [], "local:" + nm, merged=False, title=h.title,
                      note=f"not in the gazetteer; listed after {h.alias} with the title {h.title}")
            new.country, new.sector, new.name_span = gaz.country_by_id.get(h.actor or "") or h.country, h.sector, (ns, ne)
            out.append(new)
            prev = new
    return out


def dotted_names(pl: PartLinker, hits: list[Hit]) -> list[Hit]:
    """Unknown persons written as a dotted transliteration with no title the linker reads before them
    (34岁的民主党人佐兰·曼达尼4日, 枪手托马斯·克鲁克斯当场, 国父穆吉布·拉赫曼的雕像): every part a run of
    transliteration characters, the name not touching a mention, not heading a thing (“达图·佩东”号).
    Session 10: of the dotted names the linker left unlinked in the non-blind gold, 9 of 11 were annotated as
    persons (the two others named a ship and an exercise)."""
    gaz, text = pl.gaz, pl.text
    out: list[Hit] = []
    pos = text.find("·")
    while pos >= 0:
        span = _dotted_span(pl, pos)
        pos = text.find("·", span[1] if span else pos + 1)
        if span is None:
            continue
        start, end = span
        if any(h.start < end and start < h.end for h in hits + out):
            continue
        after = end + 1 if text[end:end + 1] in "”」』\"" else end  # “达图·佩东”号: the quote closes before the head
        while text[after:after + 1] in (" ", "\u3000"):
            after += 1
        if text[after:after + 1] in gaz.non_person_head_chars and any(text.startswith(w, after) for w in gaz.non_person_heads):
            continue
        name = text[start:end]
        h = Hit(start, end, name, "unknown", [], "local:" + name.replace("·", ""),
                note="not in the gazetteer; a dotted transliterated name", merged=False)
        h.name_span = (start, end)
        out.append(h)
    return out


def _dotted_span(pl: PartLinker, dot: int) -> tuple[int, int] | None:
    """(start, end) of the dotted name around the dot at `dot`: first and last parts of two to six
    transliteration characters, middle parts of one or more; None when a part runs into other characters
    (塞缪|尔·霍普金斯, 莫·罗|宾逊: the name holds characters the reading cannot place) or does not start and
    end on word boundaries."""
    gaz, text = pl.gaz, pl.text
    n = len(text)
    start = dot
    while start > 0 and dot - start < 6 and text[start - 1] in gaz.translit:
        start -= 1
    if dot - start < 2 or (start > 0 and (text[start - 1] in gaz.translit or text[start - 1] in "·-‐‑–")):
        return None
    if start > 0 and _CJK.match(text[start - 1]) and not pl.starts_token(start):
        return None
    end = dot
    while end < n and text[end] == "·":
        k = end + 1
        while k < n and k - end - 1 < 6 and text[k] in gaz.translit:
            k += 1
        if k == end + 1:
            return None  # 帕特里克·何: a part that is no transliteration
        part_start, end = end + 1, k
    if end < n and text[end] in gaz.translit:
        return None  # a part longer than the reading allows
    # the last part may be glued to a word after it (曼达尼|加油): end it where a token ends, only when the
    # token starting there runs on past the transliteration (贝尔纳|普在 is no word: the name is cut short)
    run_end = end
    while end - part_start >= 2 and end < n and _CJK.match(text[end]) and not pl.ends_token(end):
        end -= 1
    if end - part_start < 2 or (end < n and _CJK.match(text[end]) and not pl.ends_token(end)):
        return None
    if end < run_end and pl.token_at(end)[1] <= run_end:
        return None
    return start, end


def _plain_foreign_name(pl: PartLinker, ns: int, ne: int) -> bool:
    """The name read after a title at ns..ne is unmistakably a foreign person's, whatever follows it: a
    dotted transliteration (佐兰·曼达尼), or one run of two or more transliteration characters that is no
    word of the dictionary (第一副总统马沙尔领导的, 经济部长马萨。, 商人萨博当天) and ends a token (代表拉丁|美洲:
    the run is the start of a longer word). Session 10: such names after a post or role were the largest
    class of unknown persons the independent fresh5-fresh9 annotators marked and the linker missed (it
    asked for a speech verb after the name or a country before the title)."""
    gaz, text = pl.gaz, pl.text
    name = text[ns:ne]
    if "·" in name:
        return all(p and all(c in gaz.translit for c in p) for p in name.split("·")[:1])
    if len(name) < 2 or any(c not in gaz.translit for c in name):
        return False
    if ne < len(text) and text[ne] in gaz.translit and not pl.ends_token(ne):
        return False
    if gaz.segmenter.has_word(name):
        # a word of the dictionary is a name only when tagged as one, and a two-character word only as a
        # person's name proper (nr; nrt also tags words such as 科普 in 专业人士科普相关知识)
        tag = gaz.segmenter.tag(name, False)[0][1]
        if not (tag == "nr" or (len(name) >= 3 and tag.startswith("nr"))):
            return False
    return pl.ends_token(ne)


def _speaks(gaz: Gazetteer, text: str, end: int) -> bool:
    """A name ending at `end` is followed by a comma/colon, a speech verb or preposition (chunk_stop_words)
    or a date (date_after_name)."""
    if end >= len(text):
        return False
    if text[end] in "，,：:":
        return True
    if gaz.date_after_name_re is not None and gaz.date_after_name_re.match(text, end):
        return True  # 总检察长萨博8月2日称: the date of what the person did
    return any(text.startswith(w, end) for w in gaz.chunk_stop_words if len(w) >= 1 and _CJK.match(w[0]))


def _nearest_country(gaz: Gazetteer, hits: list[Hit], pos: int, start: int) -> tuple[str | None, str]:
    """The country of the last mention with a country in [start, pos)."""
    for h in reversed(hits):
        if h.end <= pos and h.start >= start:
            c = gaz.country_by_id.get(h.actor or "")
            if c:
                return c, f"country {c} from {h.alias} before it"
    return None, "no country in the sentence"


def _sentence_end(text: str, pos: int) -> int:
    ends = [i for i in (text.find(c, pos) for c in "。！？!?\n") if i >= 0]
    return min(ends) if ends else len(text)


def _next_country(gaz: Gazetteer, hits: list[Hit], pos: int, end: int) -> tuple[str | None, str]:
    """The country of the first state mention in [pos, end)."""
    for h in hits:
        if h.start >= pos and h.end <= end and h.actor in gaz.state_ids:
            c = gaz.country_by_id.get(h.actor)
            if c:
                return c, f"country {c} from {h.alias} later in the sentence"
    return None, "no country in the sentence"


def _other_country(gaz: Gazetteer, person: Hit, before: list[Hit], text: str = "") -> bool:
    """A known person right after a title whose country (the state in the organisation words before it, or
    the title's own) differs from the person's country and is not a country the person held a post of. A
    state after a posting word (俄军驻乌克兰联合部队司令) is where the person serves, not the title's country."""
    pc = gaz.country_by_id.get(person.actor or "")
    if not pc or person.actor not in gaz.person_ids:
        return False
    states = [h for h in before if h.actor in gaz.state_ids
              and not (text and any(text.endswith(w, 0, h.start) for w in gaz.posting_words))]
    if not states and text:
        before = [h for h in before if h.actor not in gaz.state_ids]
    countries = {gaz.country_by_id.get(h.actor or "") for h in (states[-1:] or before)} - {None}
    if not countries or pc in countries:
        return False
    if any(pc in gaz.successor_states.get(c, ()) for c in countries):
        return False  # 苏联领导人勃列日涅夫: a former state's post held by a person filed under its successor
    e = gaz.entry(person.actor)
    held = {gaz.country_by_id.get(r.office) for r in e.roles} if e else set()
    return not (countries & held)


def _state_name(gaz: Gazetteer, word: str) -> bool:
    """`word` is a name of a state (中国 in 代表全中国), not of a person or body (德军 in 刘德军 is a name's end)."""
    als = gaz.aliases.get(word, ())
    return bool(als) and all(a.id in gaz.state_ids for a in als)


def _held_post_of(gaz: Gazetteer, pid: str, orgs: tuple[str, ...]) -> bool:
    e = gaz.entry(pid)
    prefixes = tuple(f"office:{o[4:]}-" for o in orgs)
    return e is not None and any(r.office.startswith(prefixes) for r in e.roles)


def _known_by_part(gaz: Gazetteer, text: str, ns: int, ne: int, country: str | None,
                   title: str, orgs: tuple[str, ...] = ()) -> tuple[str, int] | None:
    """(person id, name end) when the name read after a title at ns..ne is the first or last part of a known
    person's dotted name and that person is of the title's country; the part may end where the reading glued
    on a particle (马斯|则, 沙阿|在) or stopped short (马哈|茂德). Several such persons: the one who held a post
    of that title; still several: None. After an organisation's title (国际奥委会主席巴赫, `orgs`: the
    organisations named before the title) the person who held one of that organisation's posts
    (office:<organisation slug>-…) fits too, whatever his nationality."""
    prefixes = tuple(f"office:{o[4:]}-" for o in orgs)
    if country is None and not prefixes:
        return None
    parts = gaz.name_parts
    best: tuple[list[str], int] | None = None
    for k in range(min(8, len(text) - ns), 1, -1):
        ids = parts.get(text[ns:ns + k])
        if not ids:
            continue
        end = ns + k
        if not (end == ne or (end == ne - 1 and text[ne - 1] in gaz.right_particles | gaz.left_particles)
                or end > ne):
            continue
        fit = [i for i in ids if (e := gaz.entry(i)) is not None and (
            e.country == country or (prefixes and any(r.office.startswith(prefixes) for r in e.roles)))]
        if fit:
            best = (fit, end)
            break
    if best is None:
        return None
    fit, end = best
    if len(fit) > 1:
        fit = [i for i in fit if any((r.title and (r.title.endswith(title) or title in r.title))
                                     or title in gaz.office_nouns.get(r.office, ())
                                     for r in gaz.entry(i).roles)]
    return (fit[0], end) if len(fit) == 1 else None


def _holder_named(gaz: Gazetteer, over: list[Hit], name: str) -> Hit | None:
    """The title hit resolved to a person whose name ends with `name` (or who has it as an alias)."""
    for h in over:
        e = gaz.entry(h.actor) if h.actor in gaz.person_ids else None
        if e is None:
            continue
        names = [x.replace("·", "") for x in [e.name_zh or ""] + e.aliases]
        if any(x.endswith(name) for x in names if x):
            return h
    return None


def _chunk(pl: PartLinker, hits: list[Hit], ts: int) -> tuple[int, list[Hit], str]:
    """The organisation/country words right before a title: (start, mentions inside, text)."""
    gaz, text = pl.gaz, pl.text
    cs, _ = pl.clause(max(ts - 1, 0))
    if ts <= cs:
        return ts, [], ""
    lo = max(cs, ts - MAX_CHUNK)
    pos = ts
    inner: list[Hit] = []
    toks = [(lo + a, lo + b) for a, b in _spans(gaz.segmenter.cut(text[lo:ts], True))]
    i = len(toks) - 1
    while i >= 0:
        a, b = toks[i]
        h = next((x for x in hits if x.start <= a < x.end), None)
        if h is not None:
            if h.end > ts or (_is_person(gaz, h) and not any(suf in text[h.end:ts] for suf in gaz.org_suffixes)):
                break  # a person named before the title ends the organisation, unless an organisation
                # name continues after him up to the title (李光耀公共政策学院副教授: the school's namesake)
            inner.append(h)
            pos = h.start
            while i >= 0 and toks[i][0] >= h.start:
                i -= 1
            continue
        tok = text[a:b]
        if _inside_org_name(pl, hits, toks, i, ts):
            pos = a  # 战略与安全研究中心, 亚洲及太平洋司: a conjunction inside an organisation's name
            i -= 1
            continue
        if tok in gaz.chunk_stop_words or not _CJK.search(tok) or any(c in _PUNCT for c in tok):
            break
        if tok[0] in gaz.chunk_stop_words and tok[1:] in gaz.title_modifiers:
            pos = a + 1  # 钟翰林及前|职工盟总干事蒙兆达: the segmenter glued the conjunction to the modifier 前
            break
        if tok in gaz.posting_words:
            pos = a  # 驻大阪 / 驻华: where the person is posted; nothing before it belongs to the title
            break
        kind = None if tok in gaz.subunit_suffixes else _word_class(gaz, tok)  # 国际关系|系: a department
        if kind == "other" and len(tok) == 1 and tok in gaz.translit and i + 1 < len(toks) \
                and text[toks[i + 1][0]] in gaz.translit:
            kind = None  # 基辅|莫|吉拉学院: a transliteration character split off a foreign name
        # An organisation name holds no adverb, preposition, pronoun or idiom, and a verb only inside
        # a name that ends like an organisation (首尔市立大学, 日本防卫省): 要求中方妥善处理|驻大阪总领事. The
        # ending must lie before the known actor read next (拜访|卫生福利部部长: the ministry's own 部 does not
        # make the verb before it part of a name).
        name_end = inner[-1].start if inner else ts
        if kind == "other" or (kind == "verb" and not any(suf in text[b:name_end] for suf in gaz.org_suffixes)):
            break
        pos = a
        i -= 1
    # A chunk made only of free words with neither a known actor nor an organisation ending is no
    # organisation: keep nothing of it.
    return pos, inner, text[pos:ts]


def _inside_org_name(pl: PartLinker, hits: list[Hit], toks: list[tuple[int, int]], i: int, ts: int) -> bool:
    """Token i is a conjunction (与, 和, 及) joining two plain nouns inside an organisation's name read leftwards
    from a title: an organisation ending lies between it and the title, and neither neighbour is an actor
    (美国与欧盟委员会主席 keeps 美国 out: 欧盟 is a mention of its own)."""
    gaz, text = pl.gaz, pl.text
    a, b = toks[i]
    if text[a:b] not in gaz.org_conjunctions or i == 0 or i + 1 >= len(toks):
        return False
    if not any(suf in text[b:ts] for suf in gaz.org_suffixes) and not any(
            suf in text[b:ts] for suf in gaz.subunit_suffixes):
        return False
    (la, lb), (ra, rb) = toks[i - 1], toks[i + 1]
    if any(h.start < rb and ra < h.end or h.start < lb and la < h.end for h in hits):
        return False
    left = text[la:lb]
    if all(c in gaz.translit for c in left) or _is_name_word(gaz, left):
        return False  # 部长阿扎尔和疾控中心主任: a name before the conjunction ends another person's mention
    return _word_class(gaz, left) is None and _word_class(gaz, text[ra:rb]) is None


def _word_class(gaz: Gazetteer, tok: str) -> str | None:
    """"verb" or "other" (adverb, preposition, conjunction, pronoun, particle, idiom) when the
    segmenter's tag of `tok` says so, else None. Nominal verbs (vn: 研究 in 研究所) are nouns here.
    Memoised: chunks are short and their words recur."""
    if tok in gaz._pos_memo:
        return gaz._pos_memo[tok]
    tags = gaz.segmenter.tag(tok, False)
    r = None
    if len(tags) == 1:
        t = tags[0][1]
        if t.startswith("v") and t != "vn":
            r = "verb"
        elif any(t.startswith(p) for p in gaz.predicate_tags):
            r = "other"
    gaz._pos_memo[tok] = r
    return r


def _is_name_word(gaz: Gazetteer, tok: str) -> bool:
    tags = gaz.segmenter.tag(tok, False)
    return len(tags) == 1 and tags[0][1].startswith("nr")


def _person_alias(gaz: Gazetteer, word: str) -> bool:
    """A word the segmenter knows only because it is a person's alias (雷纳) is a name, not a word."""
    return any(a.id in gaz.person_ids for a in gaz.aliases.get(word, ()))


def _spans(tokens: list[str]) -> list[tuple[int, int]]:
    out, p = [], 0
    for t in tokens:
        out.append((p, p + len(t)))
        p += len(t)
    return out


def infer(gaz: Gazetteer, chunk: str, inner: list[Hit], title: str) -> tuple[str | None, str | None, str | None]:
    """Country and sector of an unknown person from the organisation words before the title."""
    country = sector = None
    reasons = []
    orgs = [h for h in inner if (e := gaz.entry(h.actor)) and e.type in ("organization", "group")]
    states = [h for h in inner if (e := gaz.entry(h.actor)) and e.type not in ("organization", "group")
              and e.country]
    suffix = None
    for suf, sec in sorted(gaz.org_suffixes.items(), key=lambda kv: -len(kv[0])):
        if suf in chunk:
            suffix = (suf, sec)
            break
    if orgs:
        e = gaz.entry(orgs[-1].actor)
        country, sector = e.country, e.sector
        reasons.append(f"organisation {orgs[-1].alias} ({e.id})")
    if states and not country:
        country = gaz.entry(states[0].actor).country
        reasons.append(f"country from {states[0].alias}")
    titled = [h for h in inner if h not in states and h not in orgs and gaz.country_by_id.get(h.actor or "")]
    if titled and not country:
        # 美国国务院发言人王小明: the title names a country's post even when its holder is someone else.
        country = gaz.country_by_id[titled[0].actor]
        reasons.append(f"country from the title {titled[0].alias}")
    if suffix and (not sector or not orgs):
        sector = suffix[1]
        reasons.append(f"sector {suffix[1]} from '{suffix[0]}' in {chunk}")
    if not reasons and chunk[:2] and any(chunk.startswith(w) for w in gaz.posting_words):
        sector = "GOV"  # 驻大阪总领事: posted abroad by a government
        reasons.append(f"posted abroad ({chunk})")
    if not reasons:
        return None, None, None
    if not sector:
        sector = gaz.titles.get(title)
        reasons.append(f"sector {sector} from title {title}")
    return country, sector, "; ".join(reasons)


def parse_name(pl: PartLinker, i: int) -> int | None:
    """End offset of a person name starting at i (Chinese/Korean/Japanese with a known surname, a
    transliterated name in two or more dotted parts, or one run of transliteration characters that is
    not an ordinary word: 帕尔多, 阿诺), else None."""
    gaz, text = pl.gaz, pl.text
    n = len(text)
    if i >= n or not _CJK.match(text[i]):
        return None
    # Transliterated: 雷蒙·帕切科·帕尔多 (the last part ends at the last transliteration character).
    j, parts = i, 0
    while True:
        k = j
        while k < n and k - j < 6 and _CJK.match(text[k]):
            k += 1
        if k > j and k + 1 < n and text[k] == "·" and _CJK.match(text[k + 1]):
            parts, j = parts + 1, k + 1
            continue
        # 菲斯-艾梅, 阿卜杜勒-马利克: Xinhua joins the parts of a hyphenated foreign name with a hyphen; only
        # between runs of transliteration characters (中国-中亚 is two names, not one).
        k = j
        while k < n and k - j < 6 and text[k] in gaz.translit:
            k += 1
        if k > j and k + 1 < n and text[k] in "-‐‑–" and text[k + 1] in gaz.translit:
            parts, j = parts + 1, k + 1
            continue
        k = j
        while k < n and k - j < 6 and text[k] in gaz.translit:
            k += 1
        if k > j:
            parts, j = parts + 1, k
        break
    if parts >= 2:
        return j
    if parts == 1 and text[j - 1] == "·":
        j -= 1  # 吉塞普·孔特: the part after the dot is no transliteration; the name read ends before the dot
    single = j if parts == 1 and j - i >= 2 else None  # 帕尔多, 阿诺: one transliterated part
    # Chinese / Korean: surname + one or two characters.
    end = _chinese_name(pl, i)
    if end is not None and single is not None and single > end and single - i >= 3:
        return single  # 巴尔内亚: a longer run of transliteration characters than the surname reading (巴尔)
    if end is None and single is not None:
        run = text[i:single]
        # A run that is an ordinary word is no name; names the dictionary knows are tagged nr.
        tag = gaz.segmenter.tag(run, False)[0][1] if gaz.segmenter.has_word(run) else ""
        # Proper-noun tags (nr person, ns place: 波林) on a run of transliteration characters after a title.
        # A common-noun reading (基廷 tagged n) is no obstacle when the run ends where a speaker's name ends
        # (基廷|当天直言): after a title, a run of transliteration characters there is a foreign name; so is
        # one the dictionary reads as a verb or another proper noun (大使肯纳|7日).
        if not tag or tag.startswith("nr") or tag == "ns" or _person_alias(gaz, run) \
                or (tag in ("n", "nz", "v") and _speaks(gaz, text, single)):
            return single
    return end


def _chinese_name(pl: PartLinker, i: int) -> int | None:
    """End of a Chinese / Korean / Japanese name at i (known surname + one or two characters)."""
    gaz, text = pl.gaz, pl.text
    n = len(text)
    sl = next((k for k in (3, 2) if text[i:i + k] in gaz.compound_surnames), 1 if text[i] in gaz.surnames else 0)
    if not sl:
        return None
    if sl == 1 and text[i] in gaz.left_particles and gaz.segmenter.has_word(text[i + 1:i + 3]):
        return None  # 总统和立法委员: a conjunction before a word, not the surname 和
    if sl == 1 and text[i] in gaz.right_particles and i + 1 < n and text[i + 1] in _VERB_AFTER_ADVERB:
        return None  # 历任美国总统都说要…: an adverb before a verb, not the surname 都 or 曾
    seg = gaz.segmenter
    if sl == 1 and text[i] in gaz.right_particles and seg.tag(text[i:i + 4], False)[0] == (text[i], "d"):
        return None  # 连总统都没抓到, 埃及总统都来了: the tagger reads an adverb there, not a surname

    toks = seg.cut(text[i:i + 8], True)
    first = toks[0] if toks else ""
    if sl >= 2 and first == text[i:i + sl] and len(toks) > 1:
        # 佐佐木|健一: the family name is a word of its own; the next short word is the given name.
        # Given name: up to two characters, stopping before a one-character verb or particle (健一|说).
        stop = gaz.left_particles | {w for w in gaz.chunk_stop_words if len(w) == 1}
        k = i + sl
        while k < min(n, i + sl + 2) and _CJK.match(text[k]) and text[k] not in stop:
            k += 1
        second = text[i + sl:k]
        if 1 <= len(second) <= 2 and all(_CJK.match(c) for c in second) and _word_class(gaz, second) is None \
                and second not in gaz.chunk_stop_words:
            return i + sl + len(second)
        return None
    if sl + 1 <= len(first) <= sl + 2 and seg.has_word(first) and (_is_name_word(gaz, first)
                                                                    or _person_alias(gaz, first)):
        return i + len(first)  # a name the dictionary knows (王小明, tagged nr)
    if len(first) >= 2 and seg.has_word(first):
        # 车斗|铉: a two-character word swallowing surname + first given character, followed by a lone
        # character, is still a three-character name; any other word (和平, 由于) is not a name.
        second = toks[1] if len(toks) > 1 else ""
        if len(first) == sl + 1 and len(second) == 1 and _CJK.match(second) and second not in gaz.left_particles \
                and _word_class(gaz, first) is None and _word_class(gaz, second) is None \
                and not seg.has_word(text[i + len(first):i + len(first) + 2]):
            return i + len(first) + 1
        return None
    if sl + 1 <= len(first) <= sl + 2 and all(_CJK.match(c) for c in first):
        end = i + len(first)
        second = toks[1] if len(toks) > 1 else ""
        if len(first) == sl + 1 and len(second) == 1 and _CJK.match(second) and second not in gaz.left_particles \
                and second not in gaz.chunk_stop_words and not seg.has_word(text[end:end + 2]) \
                and (_word_class(gaz, second) is None or _speaks(gaz, text, end + 1)):
            return end + 1  # 范秋|姮: the HMM split a three-character name before a rare last character
        # 冯德莱恩: a "surname" followed only by transliteration characters is a foreign name; read on.
        if all(c in gaz.translit for c in text[i + sl:end]):
            while end < n and end - i < 6 and text[end] in gaz.translit:
                end += 1
        return end
    if not (i + sl < n and _CJK.match(text[i + sl])):
        return None
    g2 = i + sl + 1 < n and _CJK.match(text[i + sl + 1]) and not any(
        seg.has_word(text[i + sl + 1:i + sl + k]) for k in (3, 4))
    end = i + sl + (2 if g2 else 1)
    given = text[i + sl:end]
    if any(c in gaz.not_in_given_names for c in given) or (
            len(given) == 2 and (_state_name(gaz, given) or _word_class(gaz, given) is not None)) or (
            len(given) == 1 and end < n and _word_class(gaz, text[i + sl:end + 1]) == "verb"):
        return None  # 当选党首时的, 代表全中国, 领导人来接待: a particle, a state or a verb, not a given name
    return end
