"""Rules over one part's resolved mentions that look at the text around them rather than at one alias.

- ``drop_datelines``: the city of an agency dateline (新华社北京3月1日电) is where the story was filed,
  not a government acting: no mention (docs/annotation.md). The date pattern is data (lexicon.yaml).
- ``drop_place_names``: states inside place names (苏丹港, 墨西哥湾, 加沙停火).
- ``reread_abbreviations``: 中巴 in a story about Brazil is China–Brazil (abbreviation_readings).
- ``script_aliases``: 對岸 / 阿爺 in Traditional text are the PRC (lexicon.yaml ``script_aliases``).
- ``document_compounds``: 加丹两国 in a story naming Canada and Denmark: initials of states named in full.
- ``organization_anaphors``: 该组织 / 该机构 / 该法院 stand for the organisation named last before them in
  the same or the previous paragraph, restricted by the head noun (lexicon.yaml ``organization_anaphors``).
Both run on the resolved hits of a part, before titles and names are merged (an organisation inside a
later "organisation + title + name" mention is still visible to the anaphor).
"""
from __future__ import annotations

import re
from bisect import bisect_left
from itertools import accumulate
from typing import Iterator

from shiju.actors.gazetteer import Alias, Gazetteer
from shiju.actors.linker import _PUNCT as _PUNCT_CHARS
from shiju.actors.linker import Hit, PartLinker


def drop_datelines(gaz: Gazetteer, text: str, hits: list[Hit]) -> list[Hit]:
    """Hits (places, not persons or the agency itself) followed right away by a dateline's date (北京|3月1日电)."""
    rx = gaz.dateline_re
    if rx is None or ("日" not in text and "报" not in text and "综合" not in text and "讯" not in text):
        # cheap test: no date, no 【台北报导】, no （华盛顿综合电）, no （吉隆坡讯）
        return hits
    return [h for h in hits if h.actor is None or h.actor in gaz.person_ids or rx.match(text, h.end) is None
            or getattr(gaz.entry(h.actor), "sector", None) == "MED"]  # 中新网|1月3日电: the agency stays


def outlet_credit(gaz: Gazetteer, text: str, hits: list[Hit]) -> list[Hit]:
    """A story opening with an outlet's credit (国际日报讯): the outlet is a mention, local:<name> when the
    gazetteer does not know it (a known outlet is already a hit there)."""
    rx = gaz.outlet_credit_re
    m = rx.match(text) if rx is not None else None
    if m is None:
        return hits
    s, e = m.span("name")
    inner = [h for h in hits if h.start < e and s < h.end]
    if any(h.start < s or h.end > e or (h.start == s and h.end == e) for h in inner):
        return hits  # a known outlet (the hit is its name) or a name running past the credit
    if any(getattr(gaz.entry(h.actor or ""), "sector", None) == "MED" for h in inner):
        return hits  # 美国之音中文网: a known outlet inside the credit stays the mention
    hits = [h for h in hits if h not in inner]  # 联合国|新闻, 新西兰|先驱报: names inside the outlet's
    h = Hit(s, e, m.group("name"), "outlet", [], "local:" + m.group("name"),
            note="outlet credit at the head of the story, not in the gazetteer")
    h.sector = "MED"
    return sorted(hits + [h], key=lambda x: x.start)


def _paragraph_floor(text: str, pos: int) -> int:
    """Start of the paragraph before the one holding `pos` (anaphors reach one paragraph back)."""
    p = text.rfind("\n", 0, pos)
    if p < 0:
        return 0
    return text.rfind("\n", 0, p) + 1


def _fits(gaz: Gazetteer, aid: str, alias: str, rule: dict[str, str]) -> bool:
    e = gaz.entry(aid)
    if e is None or e.type not in ("organization", "group") or e.sector == "MED":
        return False
    if "sector" in rule and e.sector != rule["sector"]:
        return False
    if "contains" in rule:
        names = [alias, e.name_zh or ""] + [a if isinstance(a, str) else "" for a in e.aliases]
        return any(rule["contains"] in n for n in names)
    return True


def organization_anaphors(gaz: Gazetteer, text: str, hits: list[Hit]) -> list[Hit]:
    """New hits for 该组织-type anaphors, each resolved to the last fitting organisation before it."""
    rx = gaz.org_anaphor_re
    if rx is None or not hits:
        return hits
    new: list[Hit] = []
    for m in rx.finditer(text):
        s, e = m.span()
        if any(h.start < e and s < h.end for h in hits):
            continue
        rule = gaz.org_anaphor_heads.get(m.group("head"), {})
        floor = _paragraph_floor(text, s)
        ref = next((h for h in reversed(hits) if h.end <= s and h.start >= floor and h.actor
                    and _fits(gaz, h.actor, text[h.start:h.end], rule)), None)
        if ref is not None:
            new.append(Hit(s, e, m.group(0), "anaphor", [], ref.actor,
                           note=f"{m.group(0)}: the organisation named last before it ({text[ref.start:ref.end]})"))
    if not new:
        return hits
    return sorted(hits + new, key=lambda h: h.start)


def drop_place_names(pl: PartLinker, hits: list[Hit]) -> list[Hit]:
    """States inside place names: a state name before a geographic head that stands as its own word (苏丹|港,
    日本|海), a transliterated alias inside a longer transliterated word (埃塞|奎博), and runs of one-character abbreviations that are a place word (加沙停火) or the start of a longer
    state name (墨西|哥湾 is 墨西哥湾, not 墨 + 西)."""
    gaz, text = pl.gaz, pl.text
    drop: set[int] = set()
    runs: list[list[Hit]] = []
    # The cheap tests first (a place head can start with the next character; the alias is all transliteration
    # characters), the ones that may segment a clause last: same decisions, fewer token lookups.
    head_firsts = {w[0] for w in gaz.place_heads if w}
    translit = gaz.translit
    for h in hits:
        if h.source == "abbrev" and h.end - h.start == 1 and h.alias in gaz.abbrev:
            if runs and runs[-1][-1].end == h.start:
                runs[-1].append(h)
            else:
                runs.append([h])
        elif h.source in ("alias", "generic") and h.end < len(text) and text[h.end] in head_firsts \
                and any(a.id in gaz.state_ids for a in h.candidates) and pl.starts_token(h.end):
            a, b = pl.token_at(h.end)  # (b > h.end: the token holds text[h.end])
            if text[h.end:b] in gaz.place_heads:
                drop.add(id(h))
        if h.source in ("alias", "generic") and h.end < len(text) and all(c in translit for c in h.alias) \
                and not pl.ends_token(h.end):
            # 埃塞|奎博: a transliterated alias whose word runs on in transliteration characters is the
            # start of a longer foreign name the segmenter knows (埃塞奎博 = Essequibo), not that alias.
            a, b = pl.token_at(h.end - 1)
            if b - h.end >= 1 and all(c in gaz.translit for c in text[h.end:b]):
                drop.add(id(h))
    for run in runs:
        s, e = run[0].start, run[-1].end
        longer = any(text.startswith(n, s) and len(n) > e - s for n in gaz.long_state_names.get(text[s], ()))
        place = any(text.startswith(w, s) and len(w) >= e - s for w in gaz.place_words if w[0] == text[s])
        if longer or place:
            drop.update(id(h) for h in run)
    return [h for h in hits if id(h) not in drop] if drop else hits


_CJK_CHAR = re.compile(r"[\u3400-\u9fff]")
_SENTENCE_END = "。！？!?\n"


def drop_posts_named(gaz: Gazetteer, text: str, hits: list[Hit]) -> list[Hit]:
    """Bare titles (and legislatures) that name a post or a body rather than an actor: before an election
    word (总统大选, 国会选举), after a verb of taking office with fillers (就任美国第47任总统, 当选第104任首相), and
    the post given in 任命/提名 X 为 + title (lexicon.yaml: office_fillers, appoint_verbs, election_heads).
    A title composed with its state (美国总统) keeps the state as the mention."""
    from shiju.actors.linker import is_title_hit

    out: list[Hit] = []
    prev_end: dict[int, Hit] = {}
    persons_at = {h.start for h in hits if h.actor in gaz.person_ids}
    for h in hits:
        title = is_title_hit(gaz, h)
        if title and h.end in persons_at:
            title = False  # 捷克总统|泽曼: a name follows, the title is his
        legislature = h.source == "generic" and not title
        if not (title or legislature):
            out.append(h)
            prev_end[h.end] = h
            continue
        why = None
        if text.startswith(gaz.election_heads, h.end) or (title and text.startswith(gaz.candidate_heads, h.end)):
            why = f"{text[h.start:h.end]} before {text[h.end:h.end + 2]}: the post or body elected"
        elif title:
            before = text[max(0, h.start - 12):h.start]
            m = gaz.office_fillers_re.search(before)
            k = h.start - (len(m.group(0)) if m else 0)
            state = prev_end.get(k)
            if state is not None and state.actor in gaz.state_ids:
                k = state.start  # 就任美国|第47任|总统: the state stays a mention
            if gaz.office_verbs and text.endswith(gaz.office_verbs, 0, k) and k < h.start:
                why = f"{text[h.start:h.end]} after {text[max(0, k - 2):k]}: the office, not its holder"
            elif text.endswith("为", 0, h.start) and gaz.appoint_verbs \
                    and not text.endswith(gaz.not_appoint_before, 0, h.start - 1):
                s0 = max(text.rfind(c, 0, h.start) for c in _SENTENCE_END) + 1
                if any(v in text[s0:h.start] for v in gaz.appoint_verbs):
                    why = f"{text[h.start:h.end]} after 为 with a verb of appointing: the post given"
        if why is None:
            out.append(h)
            prev_end[h.end] = h
        else:
            h.actor, h.note = None, why
            if h.source == "generic":
                out.append(h)  # kept unresolved: later steps see the title (for 为外相 names nothing)
    return out


# What ends the list of posts before a name (besides its start at 、).
_POST_LIST_STOP = re.compile("[" + re.escape("，。；：！？\n 　,;:（）()“”「」") + "]")


def _ends_with_title(gaz: Gazetteer, s: str) -> bool:
    return any(s.endswith(t) for t in gaz.titles if len(t) <= len(s))


def merge_post_lists(gaz: Gazetteer, text: str, hits: list[Hit]) -> list[Hit]:
    """A list of posts before a person's name is one mention of the person (docs/annotation.md): 苏丹过渡主权
    委员会主席、武装部队总司令布尔汉, 中共中央政治局委员、外交部长王毅, 萨赫勒国家联盟轮值主席、马里过渡总统戈伊塔.
    The post before 、 must end with a title and hold only organisation or state mentions (美国总统、法国总统
    马克龙 stays two people: 美国总统 is Biden's own mention); nothing in it may be a stop word."""
    out: list[Hit] = []
    stops: list[int] | None = None  # positions of the clause stops, found once per part when needed
    for h in hits:
        if h.actor not in gaz.person_ids and not (h.actor or "").startswith("local:"):
            out.append(h)
            continue
        comma = text.rfind("、", 0, h.start)
        if comma < h.start - 12:
            out.append(h)
            continue
        if stops is None:
            stops = [m.start() for m in _POST_LIST_STOP.finditer(text)]
        i = bisect_left(stops, h.start)
        lo = stops[i - 1] if i else -1  # the last stop before the name (-1: none)
        if comma <= lo:
            out.append(h)
            continue
        between = text[comma + 1:h.start]
        if between and (not _ends_with_title(gaz, between) or any(w in between for w in gaz.chunk_stop_words)):
            out.append(h)
            continue
        inside = [x for x in out if x.end <= comma and x.start > lo]
        first = next((x for x in inside if x.actor in gaz.state_ids or x.actor in gaz.org_ids), None)
        if first is None or any(x.actor in gaz.person_ids or (x.actor or "").startswith("local:")
                                for x in inside if x.start >= first.start):
            out.append(h)
            continue
        post = text[first.start:comma]
        if not _ends_with_title(gaz, post) or any(w in post for w in gaz.chunk_stop_words if len(w) > 1):
            out.append(h)
            continue
        out = [x for x in out if not (x.start >= first.start and x.end <= h.start)]
        h.start, h.merged = first.start, True
        h.note = (h.note + "; " if h.note else "") + f"posts listed before the name: {post}、{between}"
        out.append(h)
    return out


def reread_abbreviations(gaz: Gazetteer, hits: list[Hit]) -> list[Hit]:
    """An abbreviation inside a compound that stands for several states (中巴: Pakistan, Brazil, Panama) takes
    the reading whose state the part names most often by other mentions (lexicon.yaml
    ``abbreviation_readings``); with no such mention, or a tie, the default reading stays."""
    readings = gaz.abbreviation_readings
    todo = [h for h in hits if h.source == "abbrev" and h.alias in readings]
    if not todo:
        return hits
    named: dict[str, int] = {}
    for h in hits:
        if h.source != "abbrev" and h.actor:
            c = gaz.country_by_id.get(h.actor)
            if c:
                named[c] = named.get(c, 0) + 1
    for h in todo:
        ranked = sorted(((named.get(c, 0), c) for c in readings[h.alias]), reverse=True)
        if ranked[0][0] > 0 and (len(ranked) == 1 or ranked[0][0] > ranked[1][0]) and ranked[0][1] != h.actor:
            h.note = f"{h.alias}: {ranked[0][1]}, the state the part names most among {readings[h.alias]}"
            h.actor = ranked[0][1]
            h.candidates = [Alias(h.actor, "abbreviation", "standard")]
    return hits



def _cjk(c: str) -> bool:
    return "\u4e00" <= c <= "\u9fff"


def _holds_office_on(gaz: Gazetteer, pid: str, date: str | None) -> bool:
    e = gaz.entry(pid)
    if e is None:
        return False
    if not date:
        return True
    d = date if len(date) > 4 else date + "-07-01"
    return any((r.start or "") <= d <= (r.end or "9999") for r in e.roles)


def _after_word(gaz: Gazetteer, text: str, s: int) -> bool:
    """The segmenter ends a word of two or more characters at `s` (呼吁|赖政府, 批评|高市政府), so the name
    starts a word there; 信赖政府 (to trust the government) keeps 赖 inside 信赖."""
    lo = max(0, s - 4)
    pos = lo
    for tok in gaz.segmenter.cut(text[lo:s + 3], True):
        end = pos + len(tok)
        if end == s:
            return len(tok) >= 2
        if end > s:
            return False
        pos = end
    return False


def leader_governments(gaz: Gazetteer, text: str, hits: list[Hit], date: str | None) -> list[Hit]:
    """A leader's name glued to a government word is that leader (lexicon.yaml ``leader_governments``):
    高市政府 (the segmenter reads 高|市政府), 賴政府 (a one-character surname holding office on `date`). The
    name must start a word: after punctuation, a particle, a mention (日本高市政府) or a word the segmenter
    ends there (呼吁赖政府, 批评高市政府)."""
    rx = gaz.leader_government_re
    if rx is None or not rx.search(text):
        return hits
    ends = {h.end for h in hits if h.actor}
    new: list[Hit] = []
    for m in rx.finditer(text):
        p = m.start()
        found = None
        for k in range(min(5, p), 0, -1):
            s = p - k
            alias = text[s:p]
            if k == 1:
                pid = next((x for x in gaz.leader_surnames.get(alias, ()) if _holds_office_on(gaz, x, date)), None)
            else:
                pid = next((a.id for a in gaz.aliases.get(alias, ()) if a.id in gaz.person_ids), None)
            if pid is None:
                continue
            prev = text[s - 1] if s > 0 else ""
            if prev and _cjk(prev) and prev not in gaz.left_particles and s not in ends \
                    and not _after_word(gaz, text, s):
                continue
            found = (s, alias, pid)
            break
        if found is None:
            continue
        s, alias, pid = found
        if any(h.start < m.end() and s < h.end and h.actor for h in hits):
            continue  # 特朗普政府: the name is already a mention
        new.append(Hit(s, p, alias, "alias", [Alias(pid, "name", "standard")], pid,
                       note=f"{alias}{m.group(0)}: the government of {pid}"))
    if not new:
        return hits
    spans = [(h.start, h.end) for h in new]
    kept = [h for h in hits if h.actor or not any(h.start < e and s < h.end for s, e in spans)]
    return sorted(kept + new, key=lambda h: h.start)



def drop_non_mentions(gaz: Gazetteer, text: str, hits: list[Hit], body: bool) -> list[Hit]:
    """Hits that name no actor by their surroundings:
    - inside a fixed phrase (一个中国原则; lexicon.yaml ``phrases_without_actors``);
    - a title after a plural (英法德三国外长, 各国领导人; ``plural_before_titles``): several holders;
    - in the body, a state's name before 人 (叫中國人別去日本): people described, not the state
      (docs/annotation.md; forum comments keep 菲律宾人真勇敢, see the linker's nationality rule)."""
    from shiju.actors.linker import is_title_hit

    spans: list[tuple[int, int]] = []
    rx = gaz.phrases_without_actors_re
    if rx is not None:
        spans = [m.span() for m in rx.finditer(text)]
    out: list[Hit] = []
    for h in hits:
        if any(s <= h.start and h.end <= e for s, e in spans):
            continue
        if h.actor and gaz.plural_before_titles and is_title_hit(gaz, h) \
                and text.endswith(gaz.plural_before_titles, 0, h.start):
            continue
        if body and h.actor in gaz.state_ids and text.startswith("人", h.end) \
                and not text.startswith(gaz.nationality_not_after, h.end) \
                and any(a.kind == "name" for a in h.candidates):
            continue
        out.append(h)
    return out


def drop_bylines(gaz: Gazetteer, text: str, hits: list[Hit]) -> list[Hit]:
    """A reporter's byline before a dateline (（中央社記者呂佳蓉台北8日電）, 新华社记者张三北京3月1日电) names
    the agency, not a political actor: the unknown person read from "agency + 记者 + name" gives way to
    the agency's own mention. The reporter titles are the MED titles of titles.yaml."""
    rx = gaz.dateline_re
    if rx is None:
        return hits
    out: list[Hit] = []
    for h in hits:
        if not (h.actor or "").startswith("local:") or h.name_span is None:
            out.append(h)
            continue
        title_end = h.name_span[0]
        head = text[h.start:title_end]
        if not any(head.endswith(t) for t, sec in gaz.titles.items() if sec == "MED") \
                or not any(rx.match(text, h.end + k) for k in range(0, 5)):
            out.append(h)
            continue
        agency = next((text[h.start:h.start + k] for k in range(min(8, title_end - h.start), 1, -1)
                       if any(a.id in gaz.org_ids for a in gaz.aliases.get(text[h.start:h.start + k], ()))),
                      None)
        if agency is not None:
            aid = next(a.id for a in gaz.aliases[agency] if a.id in gaz.org_ids)
            out.append(Hit(h.start, h.start + len(agency), agency, "alias", [Alias(aid, "name", "standard")], aid,
                           note=f"byline {text[h.start:h.end]}: the agency, not the reporter"))
    return out


def a_not_a_states(gaz: Gazetteer, text: str, hits: list[Hit]) -> list[Hit]:
    """美國會不會挺她: the segmenter reads 美国会 (a legislature) before 不会, so the state is lost. A state
    name ending in 国 right before 会不会 is that state asking a yes-no question."""
    if "会不会" not in text:
        return hits
    new: list[Hit] = []
    p = text.find("会不会")
    while p >= 0:
        for k in range(min(6, p), 1, -1):
            alias = text[p - k:p]
            sid = next((a.id for a in gaz.aliases.get(alias, ()) if a.id in gaz.state_ids and a.kind == "name"), None)
            if sid and alias.endswith("国") and not any(h.start < p + 1 and p - k < h.end and h.actor for h in hits):
                new.append(Hit(p - k, p, alias, "alias", [Alias(sid, "name", "standard")], sid,
                               note=f"{alias}会不会: the state, not its legislature"))
                break
        p = text.find("会不会", p + 3)
    if not new:
        return hits
    spans = [(h.start, h.end + 1) for h in new]
    kept = [h for h in hits if not any(h.start < e and s < h.end for s, e in spans)]
    return sorted(kept + new, key=lambda h: h.start)


def merge_state_organizations(gaz: Gazetteer, text: str, hits: list[Hit]) -> list[Hit]:
    """A state written right before one of its own organisations is part of that organisation's name
    (中國外交部駐港公署, 日本自民党): one mention of the organisation, as "organisation + title + name" is
    one mention of the person (docs/annotation.md). Media keep their state apart (朝鲜《劳动新闻》, as the
    gold has it). Runs after persons are merged, so a state inside a person's mention is not seen here."""
    out: list[Hit] = []
    for h in hits:
        prev = out[-1] if out else None
        if prev is not None and prev.end == h.start and prev.actor in gaz.state_ids \
                and (h.actor in gaz.person_ids or (h.actor or "").startswith("local:")) \
                and any(text.startswith(w, h.start) for w in gaz.posting_words):
            # 中国|驻大阪总领事薛剑, 以色列|常驻联合国代表达农: the state is the sending state of the post,
            # part of the person's "country + title + name" mention.
            h.start = prev.start
            out[-1] = h
            continue
        if prev is not None and prev.end == h.start and prev.actor in gaz.state_ids and h.actor in gaz.org_ids \
                and h.source == "alias" and gaz.country_by_id.get(h.actor) == prev.actor \
                and getattr(gaz.entry(h.actor), "sector", None) != "MED":
            h.note = (h.note + "; " if h.note else "") + f"{text[prev.start:prev.end]} + {h.alias}: one organisation"
            h.start = prev.start
            out[-1] = h
            continue
        out.append(h)
    return out



def nickname_persons(gaz: Gazetteer, text: str, hits: list[Hit]) -> list[Hit]:
    """老 + the first character of a person the part names (老马 with 马杜罗 in the text, 老普 with 普京) is
    that person, when exactly one person named in the part starts with that character (forum usage)."""
    if "老" not in text:
        return hits
    firsts: dict[str, set[str]] = {}
    for h in hits:
        if h.actor in gaz.person_ids:
            e = gaz.entry(h.actor)
            names = {h.alias} | ({e.name_zh.split("·")[-1]} if e and e.name_zh else set())
            for nm in names:
                if nm:
                    firsts.setdefault(nm[0], set()).add(h.actor)
    new: list[Hit] = []
    p = text.find("老")
    while p >= 0 and p + 1 < len(text):
        c = text[p + 1]
        who = firsts.get(c, set())
        prev = text[p - 1] if p > 0 else ""
        if len(who) == 1 and not (prev and _cjk(prev) and prev not in gaz.left_particles) \
                and not any(h.start < p + 2 and p < h.end for h in hits):
            pid = next(iter(who))
            new.append(Hit(p, p + 2, text[p:p + 2], "coref", [Alias(pid, "name", "slang")], pid,
                           note=f"{text[p:p + 2]}: nickname of the one person named here starting with {c}"))
        p = text.find("老", p + 1)
    if not new:
        return hits
    return sorted(hits + new, key=lambda h: h.start)


def merge_former_posts(gaz: Gazetteer, text: str, hits: list[Hit]) -> list[Hit]:
    """A state, a title modifier (前, 原, 时任 …) and a titled person of that state are one mention of the
    person, as "state + title + name" is (docs/annotation.md): 美国前总统奥巴马, 俄罗斯前总统梅德韦杰夫. The
    linker joins the state only when it touches the title; the modifier left it a mention of its own."""
    from shiju.actors.linker import is_title_hit

    out: list[Hit] = []
    for h in hits:
        prev = out[-1] if out else None
        if (prev is not None and prev.actor in gaz.state_ids and h.actor in gaz.person_ids
                and (h.merged or is_title_hit(gaz, h))
                and text[prev.end:h.start] in gaz.title_modifiers
                and _of_state(gaz, h.actor, prev.actor)):
            h.start, h.merged = prev.start, True
            out[-1] = h
            continue
        out.append(h)
    return out


def _of_state(gaz: Gazetteer, pid: str, state: str) -> bool:
    """The person is of that state, or held one of its posts."""
    if gaz.country_by_id.get(pid) == state:
        return True
    e = gaz.entry(pid)
    return bool(e) and any(gaz.country_by_id.get(r.office) == state for r in e.roles)


_NUMERALS = frozenset("0123456789０１２３４５６７８９一二三四五六七八九十廿卅")
_PAIR_HEADS = ("两国", "三国", "双方", "三方", "关系", "友谊", "友好")


def named_in_full(gaz: Gazetteer, hits: list[Hit]) -> set[str]:
    """Actors a part names by a name of two or more characters (not by a compound's initial), and the
    states of those actors (丹麦外长 names Denmark)."""
    out = {h.actor for h in hits if h.actor and h.source != "abbrev" and h.end - h.start >= 2}
    return out | {c for a in out if (c := gaz.country_by_id.get(a)) in gaz.state_ids}


def _runs_of(gaz: Gazetteer, text: str, chars: dict[str, str] | set[str]) -> Iterator[tuple[int, int]]:
    """(start, end) of each maximal run of two or more characters of ``chars`` in text, left to right (what
    ``re.finditer("[chars]{2,}", text)`` gives), found inside the runs of the gazetteer's precompiled
    superset of initials rather than by compiling a pattern for each document's set."""
    rx = gaz.initial_run_re
    if rx is None:
        return
    for m in rx.finditer(text):
        s = None
        for i in range(m.start(), m.end()):
            if text[i] in chars:
                if s is None:
                    s = i
            else:
                if s is not None and i - s >= 2:
                    yield s, i
                s = None
        if s is not None and m.end() - s >= 2:
            yield s, m.end()


def document_compounds(pl: PartLinker, hits: list[Hit], named: set[str]) -> list[Hit]:
    """加丹两国, 阿亚双方, 中所安全合作, 马印两国, 中越是…: a run of two to four characters each of which is
    the initial (``Gazetteer.initial_of``) of exactly one state or armed group the document names in full
    (`named`) is a compound of those actors — the way Chinese abbreviates states beyond the fixed
    one-character abbreviations (美 中 韩 …), which a general dictionary cannot list since 丹, 亚 or 所 mean a
    state only where the story names it. The run must not overlap a mention, must start a word (clause start,
    a token start, or after a one-character particle), and must be confirmed by what follows it: a compound
    head (两国, 双方, 关系, 合作 …) or a one-character word of `compound_followers` (是, 有 …). A fixed
    abbreviation whose state the document does not name is read as the named state with that initial (马印两国
    in a story about the Maldives)."""
    gaz, text = pl.gaz, pl.text
    by_initial: dict[str, list[str]] = {}
    function_chars = gaz.left_particles | gaz.right_particles | gaz.compound_followers
    # The initial of the standard name, and of the name this part writes (帛琉 for Palau, whose standard
    # name is 帕劳: 台帛是堅定的友邦).
    written = {(text[h.start], h.actor) for h in hits if h.actor in named and h.source != "abbrev"
               and h.end - h.start >= 2 and h.actor in gaz.initial_of and _CJK_CHAR.match(text[h.start])}
    for ch, aid in sorted({(gaz.initial_of[a], a) for a in named if a in gaz.initial_of} | written):
        if ch not in function_chars and aid not in by_initial.get(ch, ()):  # 也门's 也 is "also" before Yemen
            by_initial.setdefault(ch, []).append(aid)
    if not by_initial:
        return hits
    # an initial names an actor only when exactly one named actor has it
    # the fixed abbreviations (中, 美 …) where no named actor has that initial; a run needs one named initial
    reading = dict(gaz.abbrev)
    for ch, ids in by_initial.items():
        if len(ids) == 1:
            reading[ch] = ids[0]
        else:
            reading.pop(ch, None)
    # 宏國 / 索國: the initial of a state's standard name or of a state name of three or more characters the
    # part writes (宏都拉斯), not of a short name (大陆 would make 大国 China) nor of an organisation (民主派)
    single: dict[str, set[str]] = {}
    for a in named:
        if a in gaz.state_ids and a in gaz.initial_of:
            single.setdefault(gaz.initial_of[a], set()).add(a)
    # only characters the part writes before 国 can matter (one scan instead of alias lookups per mention)
    before_guo: set[str] = set()
    i = text.find("国", 1)
    while i > 0:
        before_guo.add(text[i - 1])
        i = text.find("国", i + 1)
    n = len(text)
    for h in hits:
        if text[h.start] not in before_guo:
            continue
        c = gaz.country_by_id.get(h.actor or "")
        if c in gaz.state_ids and c in named and h.source != "abbrev" and _CJK_CHAR.match(text[h.start]) and (
                # an alias of c of three to six characters starts here (near the part's end, what is left)
                text.startswith(gaz.long_aliases_of.get(c, ()), h.start) if n - h.start >= 3
                else any(a.id == c for a in gaz.aliases.get(text[h.start:], ()))):
            single.setdefault(text[h.start], set()).add(c)
    out0 = _initial_states(pl, hits, {ch: next(iter(ids)) for ch, ids in single.items()
                                      if len(ids) == 1 and ch not in function_chars})
    if out0 is not None:
        hits = out0
    if len(reading) < 2:
        return hits
    initials = "".join(by_initial)
    if not any(ch in text for ch in initials):
        return hits  # most parts: no initial of a named state at all (str scans in C)
    taken = sorted((h.start, h.end) for h in hits)
    taken_starts = [ts for ts, _ in taken]
    # the furthest end among the first i mentions: a run [s, e) overlaps one iff that of those starting
    # before e passes s
    reach = [-1, *accumulate((te for _, te in taken), max)]
    rx = gaz.compound_blocker_re
    blockers: list[tuple[int, int]] | None = None
    out = list(hits)
    for s, e in _runs_of(gaz, text, reading):
        e = min(e, s + 4)
        while e - s > 2 and len(set(text[s:e])) != e - s:
            e -= 1  # 美美: a character repeated is no compound
        if blockers is None:
            blockers = [b.span() for b in rx.finditer(text)] if rx is not None else []
        # 18日|美: a numeral before 日 or 月 makes it a date
        while e - s >= 2 and text[s] in "日月" and s > 0 and text[s - 1] in _NUMERALS:
            s += 1
        if e - s < 2 or reach[bisect_left(taken_starts, e)] > s:
            continue
        headed = text.startswith(gaz.compound_heads, e)
        # 加沙 (Gaza), 中立 (neutral): an ordinary word or place is read as states only before a head that
        # names a pair (两国, 双方, 关系, 友谊: 巴中友谊, 中立两国)
        if any(bs < e and s < be for bs, be in blockers) \
                and not text.startswith(_PAIR_HEADS, e):
            continue
        # 埃格德也表示: a run of transliteration characters is a foreign name unless a head follows
        if not headed and all(ch in gaz.translit for ch in text[s:e]):
            continue
        if not (s == 0 or text[s - 1] in _PUNCT_CHARS or text[s - 1] in gaz.left_particles or pl.starts_token(s)):
            continue
        # Session 10: also where the run ends a token or a clause (峰会使美日、美韩, 乐见越美|发展, 美古|去年 in
        # stories naming each state in full; fresh7/fresh8 annotators marked them), unless the run is a word or
        # a name of its own (非法, 台北 in a dateline) or heads a thing (马新高铁: non_actor_heads).
        if not headed and not (e < n and text[e] in gaz.compound_followers) and not (
                (e >= n or text[e] in _PUNCT_CHARS or pl.ends_token(e))
                and text[s:e] not in gaz.aliases and not gaz.segmenter.has_word(text[s:e])
                and all(ch in gaz.abbrev or gaz.initial_of.get(reading[ch]) == ch for ch in text[s:e])
                and not text.startswith(gaz.non_actor_heads_tuple, e)):
            continue
        ids = [reading[ch] for ch in text[s:e]]
        # every member named in full somewhere (以 in 16日以间谍罪 is a preposition when Israel is not named)
        if not any(ch in by_initial for ch in text[s:e]) or len(set(ids)) != len(ids) \
                or not all(a in named for a in ids):
            continue
        for k, (ch, aid) in enumerate(zip(text[s:e], ids)):
            out.append(Hit(s + k, s + k + 1, ch, "abbrev", [Alias(aid, "abbreviation", "standard")], aid,
                           note=f"{text[s:e]}: initials of actors the document names ({aid})"))
    return sorted(out, key=lambda h: h.start)


def _initial_states(pl: PartLinker, hits: list[Hit], reading: dict[str, str]) -> list[Hit] | None:
    """宏國, 索國: the initial of a state the document names in full + 国 is that state (Taiwanese and Hong
    Kong usage for states without a fixed one-character abbreviation: 宏國政府 in a story about Honduras),
    where 国 ends a word of its own (not 国家, 国际) and the pair starts a word. None when there is none."""
    text = pl.text
    out = None
    # Session 10: + 方 ("side") as well, the demonym Xinhua and the PRC foreign ministry form the same way (立方 for
    # Lithuania, 秘方 for Peru, 宏方 for Honduras: fresh6, fresh7, fresh8 and fresh10 news) — only where the story
    # names the state in full, since 立方, 秘方 are everyday words elsewhere.
    for suffix in ("国", "方"):
        for ch, aid in reading.items():
            if ch + suffix in pl.gaz.aliases or ch + suffix in pl.gaz.initial_side_blockers:
                continue  # 中国, 泰国, 尼方: a name of its own, linked (or left out: 泰国湾) by the other rules;
                # 西方, 南方: words whose everyday reading wins even in a story about Spain or South Africa
            i = text.find(ch + suffix)
            while i >= 0:
                e = i + 2
                if not any(h.start < e and i < h.end for h in hits + (out or [])) and pl.token_at(i + 1)[1] == e \
                        and (i == 0 or not _CJK_CHAR.match(text[i - 1]) or pl.starts_token(i)):
                    out = out if out is not None else list(hits)
                    out.append(Hit(i, e, text[i:e], "abbrev", [Alias(aid, "abbreviation", "standard")], aid,
                                   note=f"{text[i:e]}: the initial of {aid}, named in the document, + {suffix}"))
                i = text.find(ch + suffix, e)
    return sorted(out, key=lambda h: h.start) if out is not None else None


def script_aliases(pl: PartLinker, hits: list[Hit], script: str) -> list[Hit]:
    """Words whose referent depends on the writer (對岸, 阿爺), read by the part's script (lexicon.yaml
    ``script_aliases``): a mention where the word is not inside another mention, starts and ends a word of
    the segmentation and is not after a word giving it its everyday sense (河对岸)."""
    gaz, text = pl.gaz, pl.text
    out = None
    for word, (by_script, not_after) in gaz.script_aliases.items():
        aid = by_script.get(script)
        if aid is None or word not in text:
            continue
        start = text.find(word)
        while start >= 0:
            end = start + len(word)
            if not any(h.start < end and start < h.end for h in hits) and not text.endswith(not_after, 0, start) \
                    and pl.starts_token(start) and pl.ends_token(end):
                out = out if out is not None else list(hits)
                out.append(Hit(start, end, word, "alias", [Alias(aid, "name", "slang")], aid,
                               note=f"{word} in {script} text: {aid}"))
            start = text.find(word, end)
    return sorted(out, key=lambda h: h.start) if out is not None else hits
