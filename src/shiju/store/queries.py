"""The questions analysts ask of a store. Each function takes a Store and returns plain dicts/lists.

Corpus-level event counts count an event once per repost cluster: the same (type, actors, recipients,
date) told by a news site and by a forum repost of it is one event with both documents as provenance.
"""
from __future__ import annotations

import json
import re
from typing import Any

from shiju.store import Store, grams
from shiju.text.view import TextView

_ISO3 = re.compile(r"^[A-Z]{3}$")


# -- full text -------------------------------------------------------------------------------------

def search(store: Store, text: str, limit: int = 20) -> list[dict[str, Any]]:
    """Documents containing `text` (Simplified and Traditional match each other), best first."""
    q = TextView(text.strip()).simplified
    toks = grams(q).split()
    if not toks:
        return []
    match = " ".join('"' + t.replace('"', '""') + '"' for t in toks)
    rows = store.conn.execute(
        "SELECT doc_id, bm25(doc_text) AS score FROM doc_text WHERE doc_text MATCH ? ORDER BY score LIMIT ?",
        (match, limit * 5),
    ).fetchall()
    out: list[dict[str, Any]] = []
    for doc_id, score in rows:
        r = store.conn.execute(
            "SELECT title, source, published, record FROM documents WHERE id = ?", (doc_id,)
        ).fetchone()
        if r is None:
            continue
        rec = json.loads(r[3])
        snippet = _snippet(rec["body"], q) or _snippet(r[0] or "", q)
        if snippet is None and len(toks) > 1:
            continue  # every bigram occurs, but not as one phrase
        out.append({"id": doc_id, "title": r[0], "source": r[1], "published": r[2], "score": round(-score, 3),
                    "snippet": snippet or (rec["body"][:80])})
        if len(out) >= limit:
            break
    return out


def _snippet(original: str, query_simplified: str, width: int = 30) -> str | None:
    """A window of the original text around the first match, the match wrapped in 【】."""
    simp = TextView(original).simplified.lower()
    i = simp.find(query_simplified.lower())
    if i < 0:
        return None
    j = i + len(query_simplified)
    s, e = max(0, i - width), min(len(original), j + width)
    pre = "…" if s > 0 else ""
    post = "…" if e < len(original) else ""
    return (pre + original[s:i] + "【" + original[i:j] + "】" + original[j:e] + post).replace("\n", " ")


# -- actors ----------------------------------------------------------------------------------------

def resolve_actor(store: Store, name: str) -> list[str]:
    """Actor ids meant by an id, an ISO3 code, an English or Chinese name, or an alias seen in the store."""
    c = store.conn
    if c.execute("SELECT 1 FROM actors WHERE id = ?", (name,)).fetchone():
        return [name]
    if _ISO3.match(name):
        return [name]
    simp = TextView(name).simplified
    rows = c.execute(
        "SELECT id FROM actors WHERE lower(name) = lower(?) OR name_zh = ? OR name_zh = ?", (name, name, simp)
    ).fetchall()
    if rows:
        return [r[0] for r in rows]
    like = json.dumps(simp, ensure_ascii=False)
    return [r[0] for r in c.execute("SELECT id FROM actors WHERE instr(aliases, ?) > 0", (like,))]


def _actor_filter(store: Store, name: str, role: str, alias: str) -> tuple[str, list[Any]]:
    """SQL condition: event has an actor in `role` matching `name` (an ISO3 code matches its agents too).
    A non-correlated IN over indexed event_roles rows, so the cost follows the matches, not the corpus."""
    ids = resolve_actor(store, name)
    if not ids:
        return "0", []
    selects, params = [], []
    for i in ids:
        selects.append("SELECT doc_id, event_id FROM event_roles WHERE role = ? AND actor_id = ?")
        params += [role, i]
        if _ISO3.match(i):
            selects.append("SELECT doc_id, event_id FROM event_roles WHERE role = ? AND country = ?")
            params += [role, i]
    return f"(e.doc_id, e.id) IN ({' UNION '.join(selects)})", params


def actors(store: Store, country: str | None = None, top: int = 20) -> list[dict[str, Any]]:
    sql = ("SELECT a.id, a.name, a.name_zh, a.type, a.country, a.sector, COUNT(DISTINCT da.doc_id) AS docs,"
           " SUM(da.mentions) AS mentions FROM actors a JOIN doc_actors da ON da.actor_id = a.id")
    params: list[Any] = []
    if country:
        sql += " WHERE a.country = ?"
        params.append(country.upper())
    sql += " GROUP BY a.id ORDER BY docs DESC, mentions DESC, a.id LIMIT ?"
    params.append(top)
    cols = ("id", "name", "name_zh", "type", "country", "sector", "documents", "mentions")
    return [dict(zip(cols, r)) for r in store.conn.execute(sql, params)]


def actor_profile(store: Store, name: str, limit: int = 50) -> dict[str, Any] | None:
    ids = resolve_actor(store, name)
    if not ids:
        return None
    row = store.conn.execute(
        "SELECT id, name, name_zh, type, country, sector, wikidata, aliases FROM actors WHERE id = ?", (ids[0],)
    ).fetchone()
    actor = (dict(zip(("id", "name", "name_zh", "type", "country", "sector", "wikidata"), row[:7]))
             | {"aliases": json.loads(row[7] or "[]")}) if row else {"id": ids[0]}
    return {
        "actor": actor,
        "events_as_actor": events(store, actor=ids[0], limit=limit),
        "events_as_recipient": events(store, recipient=ids[0], limit=limit),
        "quotes": quotes(store, speaker=ids[0], limit=limit),
        "relations": relations(store, ids[0], limit=limit),
    }


# -- events, quotes, relations -------------------------------------------------------------------------

_EVENT_COLS = ("id", "doc_id", "type", "mode", "context", "actor", "recipient", "date", "negated", "hypothetical",
               "future", "part", "sentence", "start", "end", "cameo", "quad", "intensity", "confidence")


def events(store: Store, actor: str | None = None, recipient: str | None = None, type: str | None = None,
           since: str | None = None, until: str | None = None, include_negated: bool = False,
           include_comments: bool = False, limit: int = 100) -> list[dict[str, Any]]:
    """Events, one per repost cluster and signature, each with every source document as provenance."""
    where, params = ["1"], []
    if not include_negated:
        where.append("e.negated = 0 AND e.hypothetical = 0")
    if not include_comments:
        where.append("e.part = 'body'")
    if actor:
        cond, p = _actor_filter(store, actor, "actor", "ra")
        where.append(cond)
        params += p
    if recipient:
        cond, p = _actor_filter(store, recipient, "recipient", "rr")
        where.append(cond)
        params += p
    if type:
        where.append("e.type = ?")
        params.append(type.upper())
    if since:
        where.append("e.date >= ?")
        params.append(since)
    if until:
        where.append("substr(e.date, 1, length(?)) <= ?")
        params += [until, until]
    sql = (
        "SELECT " + ", ".join(f'e."{c}"' for c in _EVENT_COLS) + ", group_concat(d.id || '\t' || d.source, '\n')"
        " FROM events e JOIN documents d ON d.id = e.doc_id WHERE " + " AND ".join(where)
        + " GROUP BY d.cluster, e.signature ORDER BY e.date DESC, e.doc_id, e.start LIMIT ?"
    )
    params.append(limit)
    out = []
    for r in store.conn.execute(sql, params):
        rec = dict(zip(_EVENT_COLS, r[:-1]))
        for k in ("context", "actor", "recipient"):
            rec[k] = json.loads(rec[k] or "[]")
        for k in ("negated", "hypothetical", "future"):
            rec[k] = bool(rec[k])
        rec["provenance"] = [dict(zip(("doc_id", "source"), x.split("\t", 1))) for x in (r[-1] or "").split("\n") if x]
        out.append(rec)
    return out


def quotes(store: Store, speaker: str | None = None, about: str | None = None, limit: int = 100) -> list[dict[str, Any]]:
    where, params = ["1"], []
    if speaker:
        ids = resolve_actor(store, speaker)
        if not ids:
            return []
        where.append("(" + " OR ".join(["q.speaker = ?"] * len(ids)) + ")")
        params += ids
    if about:
        where.append("instr(q.text_s, ?) > 0")
        params.append(TextView(about).simplified)
    sql = ("SELECT q.id, q.doc_id, q.speaker, q.speaker_text, q.text, q.direct, q.cue, q.date, q.part, q.start,"
           " q.\"end\", d.title, d.source FROM quotes q JOIN documents d ON d.id = q.doc_id WHERE "
           + " AND ".join(where) + " ORDER BY q.date DESC, q.doc_id, q.start LIMIT ?")
    params.append(limit)
    cols = ("id", "doc_id", "speaker", "speaker_text", "text", "direct", "cue", "date", "part", "start", "end",
            "title", "source")
    rows = [dict(zip(cols, r)) for r in store.conn.execute(sql, params)]
    for r in rows:
        r["direct"] = bool(r["direct"])
    return rows


def relations(store: Store, actor: str | None = None, limit: int = 100) -> list[dict[str, Any]]:
    where, params = ["1"], []
    if actor:
        where.append("(r.a = ? OR r.b = ?)")
        params += [actor, actor]
    cols = ("id", "doc_id", "a", "b", "type", "date", "sentence", "part", "start", "end", "negated",
            "hypothetical", "asserted_by")
    sql = ("SELECT " + ", ".join(f'r."{c}"' for c in cols) + " FROM relations r WHERE " + " AND ".join(where)
           + " ORDER BY r.date DESC LIMIT ?")
    params.append(limit)
    return [dict(zip(cols, r)) for r in store.conn.execute(sql, params)]


# -- dyads -----------------------------------------------------------------------------------------

_PERIOD = {
    "day": "e.date",
    "week": "strftime('%Y-W%W', e.date)",
    "month": "substr(e.date, 1, 7)",
    "year": "substr(e.date, 1, 4)",
}


def dyad(store: Store, a: str, b: str, by: str = "month", both_directions: bool = True) -> list[dict[str, Any]]:
    """The cooperation–conflict curve of a dyad: per period and direction, event counts per quad class and
    mean intensity (countable events only, each repost cluster counted once)."""
    if by not in _PERIOD:
        raise ValueError(f"--by must be one of {', '.join(_PERIOD)}")
    rows: list[dict[str, Any]] = []
    directions = [(a, b)] + ([(b, a)] if both_directions else [])
    for src, dst in directions:
        ca, pa = _actor_filter(store, src, "actor", "ra")
        cr, pr = _actor_filter(store, dst, "recipient", "rr")
        period = _PERIOD[by]
        sql = (
            f"SELECT {period} AS period, e.quad, COUNT(DISTINCT d.cluster || '|' || e.signature), AVG(e.intensity)"
            " FROM events e JOIN documents d ON d.id = e.doc_id"
            f" WHERE e.countable = 1 AND e.date IS NOT NULL AND {ca} AND {cr}"
            " GROUP BY period, e.quad ORDER BY period"
        )
        agg: dict[str, dict[str, Any]] = {}
        for period_v, quad, n, mean in store.conn.execute(sql, pa + pr):
            r = agg.setdefault(period_v, {"period": period_v, "actor": src, "recipient": dst,
                                          "verbal_coop": 0, "material_coop": 0, "verbal_conflict": 0,
                                          "material_conflict": 0, "events": 0, "_sum": 0.0})
            key = {1: "verbal_coop", 2: "material_coop", 3: "verbal_conflict", 4: "material_conflict"}.get(quad)
            if key:
                r[key] += n
            r["events"] += n
            r["_sum"] += (mean or 0.0) * n
        for r in agg.values():
            r["mean_intensity"] = round(r.pop("_sum") / r["events"], 3) if r["events"] else None
            rows.append(r)
    rows.sort(key=lambda r: (r["period"] or "", r["actor"]))
    return rows


def stats(store: Store) -> dict[str, Any]:
    c = store.conn
    one = lambda sql: c.execute(sql).fetchone()[0]  # noqa: E731
    return {
        "documents": one("SELECT COUNT(*) FROM documents"),
        "repost_clusters": one("SELECT COUNT(DISTINCT cluster) FROM documents"),
        "reposts": one("SELECT COUNT(*) FROM documents WHERE cluster != id"),
        "comments": one("SELECT COALESCE(SUM(n_comments), 0) FROM documents"),
        "actors": one("SELECT COUNT(*) FROM actors"),
        "events": one("SELECT COUNT(*) FROM events"),
        "events_countable": one("SELECT COUNT(DISTINCT d.cluster || '|' || e.signature) FROM events e"
                                " JOIN documents d ON d.id = e.doc_id WHERE e.countable = 1"),
        "quotes": one("SELECT COUNT(*) FROM quotes"),
        "relations": one("SELECT COUNT(*) FROM relations"),
        "schema_version": one("PRAGMA user_version"),
        "path": str(store.path),
    }
