"""Actors stage: link mentions of states, organisations, offices and persons in every part.

Entry point ``process(doc, ctx) -> doc`` fills ``doc.actors`` (each with its mentions, offsets into the
part's original text). Public helpers for later stages:
- ``mentions_in(doc, part, start, end)``: the (actor, mention) pairs overlapping a span;
- ``actor_at(doc, part, pos)``: the actor whose mention covers a position;
- ``get_gazetteer(ctx)``: the compiled gazetteer of a context (aliases, entries, office holders).
Comment authors are users, never actors: the author field is not read, and user names quoted in text
(@林肯, 习近平002) are not linked.
"""
from __future__ import annotations

import re
from collections import Counter
from operator import ne as _ne
from typing import TYPE_CHECKING

from shiju.context import AnalysisContext
from shiju.model import Actor, Document, Mention, Role

if TYPE_CHECKING:
    from shiju.actors.gazetteer import Gazetteer

_YEAR = re.compile(r"((?:19|20)\d{2})\s*年")
_CJK_RUN = re.compile("[\u3400-\u9fff]+")  # the characters _script counts


def get_gazetteer(ctx: AnalysisContext) -> "Gazetteer":
    from shiju.actors.gazetteer import load_gazetteer

    return ctx.resource(f"actors.gazetteer:{ctx.data_dir or ''}", lambda: load_gazetteer(ctx.data_dir))


def document_date(doc: Document, ctx: AnalysisContext) -> str | None:
    """The date office titles are resolved at: publication, else the context default, else the latest
    explicit year in the text (YYYY)."""
    if doc.published:
        return str(doc.published)[:10]
    if ctx.default_date:
        return ctx.default_date
    years = [int(y) for y in _YEAR.findall(doc.body)]
    return str(max(years)) if years else None


def process(doc: Document, ctx: AnalysisContext) -> Document:
    doc.actors = _build(get_gazetteer(ctx), link_parts(doc, ctx))
    return doc


def link_parts(doc: Document, ctx: AnalysisContext) -> list:
    """Every part's linked mentions: [(part, view, hits)], hits in Simplified-view offsets."""
    from shiju.actors import coref, discourse, orgs, unknown
    from shiju.actors.linker import PartLinker, Resolver, merge_prefixes, merge_titles

    gaz = get_gazetteer(ctx)
    date = document_date(doc, ctx)
    authors = _folded_authors(doc)
    dominant = None
    thread: Counter[str] = Counter()
    doc_persons: dict = {}
    doc_orgs: dict = {}  # organisations found by their head noun, for repeats in later parts
    body_script = "mixed"
    body_named: set[str] = set()  # actors the body names in full: their initials may form compounds
    per_part = []
    comment_dates = {f"comment:{c.id}": c.date for c in doc.comments}
    for part, _ in doc.parts():
        view = doc.view(part)
        text = view.simplified
        pl = PartLinker(gaz, text, comment=part != "body")
        hits = discourse.drop_place_names(pl, pl.candidates())
        hits = _drop_user_names(text, hits, authors, gaz)
        script = _script(view)
        if script == "mixed" and part != "body":
            script = body_script  # a short comment: the thread's script
        if part == "body":
            body_script = script
        home = gaz.comment_home.get(script) if part != "body" and gaz.comment_home else None
        res = Resolver(gaz, text, (comment_dates.get(part) or date) if part != "body" else date, dominant, home,
                       thread if part != "body" else None, _writer_home(gaz, text, script) if part == "body" else None)
        hits = res.resolve(hits)
        hits = discourse.organization_anaphors(gaz, text, discourse.drop_datelines(gaz, text, hits))
        if part == "body":
            hits = discourse.outlet_credit(gaz, text, hits)
        hits = discourse.reread_abbreviations(gaz, discourse.drop_posts_named(gaz, text, hits))
        hits = discourse.leader_governments(gaz, text, hits, res.date)
        hits = discourse.a_not_a_states(gaz, text, discourse.drop_non_mentions(gaz, text, hits, part == "body"))
        for h in hits:
            if h.actor is None and h.note:
                doc.notes.append(f"actors: {part} {text[h.start:h.end]}: {h.note}")
        hits = [h for h in hits if h.actor is not None]
        hits = discourse.script_aliases(pl, hits, script)
        named = discourse.named_in_full(gaz, hits) | body_named
        hits = discourse.document_compounds(pl, hits, named)
        if part == "body":
            body_named = named
        if part == "body":
            dominant = res.dominant
            thread = Counter(c for h in hits if h.source != "generic" and (c := gaz.country_by_id.get(h.actor or "")))
        hits = merge_titles(gaz, text, hits)
        hits = discourse.drop_bylines(gaz, text, unknown.find_persons(pl, hits))
        hits = coref.resolve(pl, hits, doc_persons)
        hits = discourse.merge_former_posts(gaz, text, merge_prefixes(gaz, text, hits))
        hits = res.voice_organizations(discourse.merge_post_lists(gaz, text, hits))
        hits = discourse.nickname_persons(gaz, text, discourse.merge_state_organizations(gaz, text, hits))
        hits = orgs.find_organizations(pl, hits, doc_orgs)
        if part == "body":
            doc_persons = coref.person_infos(gaz, hits, text)
        per_part.append((part, view, hits))
    return per_part


def _writer_home(gaz: "Gazetteer", text: str, script: str) -> str | None:
    """The country a Traditional-script news body (`script`: _script of its view) is written in, from its
    own words for its institutions (lexicon.yaml ``writer_home``), or None."""
    if not gaz.writer_home_markers or script != "zh-Hant":
        return None
    for country, markers in gaz.writer_home_markers.items():
        if sum(1 for m in markers if m in text) >= gaz.writer_home_min:
            return country
    return None


def _script(view) -> str:
    """zh-Hans / zh-Hant / mixed by the share of CJK characters the part's Simplified view changed (the
    thresholds of shiju.text.view.language_of, without converting the text a second time)."""
    o, s = view.original, view.simplified
    if o == s:
        return "zh-Hans"  # nothing folded: no Traditional character (most Simplified text, in one C compare)
    # Per run of CJK characters (a regex), not per character: the run's length, and its changed characters
    # counted in C (map over the two strings) unless the view left the run as it was.
    cjk = changed = 0
    for m in _CJK_RUN.finditer(o):
        a, b = m.span()
        run, simplified = m.group(), s[a:b]
        cjk += b - a
        if run != simplified:
            changed += sum(map(_ne, run, simplified))
    ratio = changed / (cjk or 1)
    return "zh-Hans" if ratio < 0.01 else "zh-Hant" if ratio > 0.08 else "mixed"


def _folded_authors(doc: Document) -> list[str]:
    """The document's comment authors in the Simplified view (once per document, not per part)."""
    names = {c.author for c in doc.comments if c.author}
    if not names:
        return []
    from shiju.actors.gazetteer import fold

    return [f for f in {fold(n) for n in names} if len(f) >= 2]


def _drop_user_names(text: str, hits: list, authors: list[str], gaz: "Gazetteer") -> list:
    """Occurrences of forum user names in text are users, not actors."""
    spans = []
    for f in authors:
        if f not in text:
            continue
        exact = f in gaz.aliases
        # str.find, not a regex per user name: thousands of names would churn re's pattern cache
        s = text.find(f)
        while s >= 0:
            e = s + len(f)
            before = text[max(0, s - 3):s]
            addressed = before.endswith(("@", "回复", "回覆", "回复 ", "@ ")) or text[e:e + 1] in ("：", ":")
            if not exact or addressed:
                spans.append((s, e))
            s = text.find(f, e)
    if not spans:
        return hits
    return [h for h in hits if not any(h.start < e and s < h.end for s, e in spans)]


def _start(h) -> int:
    return h.start


def _build(gaz: "Gazetteer", per_part: list) -> list[Actor]:
    actors: dict[str, Actor] = {}
    notes: dict[str, list[str]] = {}
    seen: set[tuple[str, str, int, int]] = set()
    for part, view, hits in per_part:
        identity, original = view.maps_identity(), view.original
        for h in sorted(hits, key=_start):
            a = actors.get(h.actor)
            if a is None:
                a = actors[h.actor] = _new_actor(gaz, h)
                notes[h.actor] = []
            if identity:  # the Simplified view has the original's offsets (always, so far)
                s, e = h.start, h.end
                t = original[s:e]
            else:
                s, e, t = view.original_span(h.start, h.end)
            key = (h.actor, part, s, e)
            if key in seen:
                continue
            seen.add(key)
            a.mentions.append(Mention(s, e, t, part))
            if h.note and h.note not in notes[h.actor] and len(notes[h.actor]) < 3:
                notes[h.actor].append(h.note)
    for aid, a in actors.items():
        if notes[aid]:
            a.note = "; ".join(notes[aid])
    return list(actors.values())


def _new_actor(gaz: "Gazetteer", h) -> Actor:
    e = gaz.entry(h.actor)
    if e is None:  # local: an unknown person found by pattern
        return Actor(id=h.actor, name=None, name_zh=h.alias, type="organization" if h.source in ("outlet", "organization") else "person",
                     country=getattr(h, "country", None), sector=getattr(h, "sector", None))
    roles = gaz.actor_roles.get(e.id)
    if roles is None:  # built once per gazetteer: Role objects were a tenth of the stage's time
        roles = gaz.actor_roles[e.id] = [Role(r.office, r.title, r.start, r.end) for r in e.roles]
    return Actor(id=e.id, name=e.name, name_zh=e.name_zh, aliases=list(e.aliases), type=e.type, country=e.country,
                 sector=e.sector, wikidata=e.wikidata, roles=list(roles))


def mentions_in(doc: Document, part: str, start: int, end: int) -> list[tuple[Actor, Mention]]:
    """(actor, mention) pairs of `part` overlapping [start, end), in text order."""
    out = [(a, m) for a in doc.actors for m in a.mentions if m.part == part and m.start < end and start < m.end]
    return sorted(out, key=lambda am: am[1].start)


def actor_at(doc: Document, part: str, pos: int) -> Actor | None:
    """The actor whose mention in `part` covers position `pos`, if any."""
    for a in doc.actors:
        for m in a.mentions:
            if m.part == part and m.start <= pos < m.end:
                return a
    return None
