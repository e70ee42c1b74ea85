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
SEARCH_WINDOW = 300  # matches ranked per search (the most recently stored ones)


# -- full text -------------------------------------------------------------------------------------

def search(store: Store, text: str, limit: int = 20) -> list[dict[str, Any]]:
    """Documents containing `text` (Simplified and Traditional match each other), best first."""
    q = TextView(text.strip()).simplified
    toks = grams(q).split()
    if not toks:
        return []
    match = " ".join('"' + t.replace('"', '""') + '"' for t in toks)
    # Ranking every match by bm25 costs time in proportion to the matches (a common word matches a large
    # part of a big corpus): rank the most recently stored SEARCH_WINDOW matches instead, best first.
    rows = store.conn.execute(
        "SELECT doc_id, score FROM (SELECT doc_id, bm25(doc_text) AS score, rowid FROM doc_text"
        " WHERE doc_text MATCH ? ORDER BY rowid DESC LIMIT ?) ORDER BY score",
        (match, SEARCH_WINDOW),
    ).fetchall()
    out: list[dict[str, Any]] = []
    for doc_id, score in rows:
        r = store.conn.execute(
            "SELECT title, source, published, body FROM documents WHERE id = ?", (doc_id,)
        ).fetchone()
        if r is None:
            continue
        body = r[3] or ""
        snippet = _snippet(body, q) or _snippet(r[0] or "", q)
        if snippet is None and len(toks) > 1:
            continue  # every bigram occurs, but not as one phrase
        out.append({"id": doc_id, "title": r[0], "source": r[1], "published": r[2], "score": round(-score, 3),
                    "snippet": snippet or body[:80]})
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
    mean intensity (countable events only, each repost cluster counted once). An ISO3 code stands for the
    state and all its agents; one indexed range scan of event_dyads per direction."""
    if by not in _PERIOD:
        raise ValueError(f"--by must be one of {', '.join(_PERIOD)}")
    rows: list[dict[str, Any]] = []
    directions = [(a, b)] + ([(b, a)] if both_directions else [])
    period = _PERIOD[by].replace("e.date", "x.date")
    for src, dst in directions:
        ka, kb = resolve_actor(store, src), resolve_actor(store, dst)
        if not ka or not kb:
            continue
        sql = (
            f"SELECT {period} AS period, x.quad, COUNT(DISTINCT x.cluster || '|' || x.signature), AVG(x.intensity)"
            f" FROM event_dyads x WHERE x.a_key IN ({','.join('?' * len(ka))})"
            f" AND x.b_key IN ({','.join('?' * len(kb))}) AND x.countable = 1 AND x.date IS NOT NULL"
            " GROUP BY period, x.quad ORDER BY period"
        )
        agg: dict[str, dict[str, Any]] = {}
        for period_v, quad, n, mean in store.conn.execute(sql, ka + kb):
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


# -- aggregates for the Workbench (shiju.web) ------------------------------------------------------

_QUADS = {1: "verbal_coop", 2: "material_coop", 3: "verbal_conflict", 4: "material_conflict"}


def documents(store: Store, limit: int = 50, offset: int = 0) -> list[dict[str, Any]]:
    """Stored documents, newest publication first, with how much analysis each carries."""
    sql = ("SELECT d.id, d.title, d.source, d.format, d.author, d.published, d.language, d.n_comments,"
           " d.cluster, (SELECT COUNT(*) FROM events e WHERE e.doc_id = d.id),"
           " (SELECT COUNT(*) FROM quotes q WHERE q.doc_id = d.id),"
           " (SELECT COUNT(*) FROM doc_actors a WHERE a.doc_id = d.id)"
           " FROM documents d ORDER BY d.published IS NULL, d.published DESC, d.id LIMIT ? OFFSET ?")
    cols = ("id", "title", "source", "format", "author", "published", "language", "comments", "cluster",
            "events", "quotes", "actors")
    return [dict(zip(cols, r)) for r in store.conn.execute(sql, (limit, offset))]


def event_types_over_time(store: Store, by: str = "month") -> list[dict[str, Any]]:
    """Countable events per period and PLOVER type, each repost cluster counted once."""
    if by not in _PERIOD:
        raise ValueError(f"by must be one of {', '.join(_PERIOD)}")
    sql = (f"SELECT {_PERIOD[by]} AS period, e.type, COUNT(DISTINCT d.cluster || '|' || e.signature)"
           " FROM events e JOIN documents d ON d.id = e.doc_id WHERE e.countable = 1 AND e.date IS NOT NULL"
           " GROUP BY period, e.type ORDER BY period, e.type")
    return [{"period": p, "type": t, "events": n} for p, t, n in store.conn.execute(sql)]


def _directed_events(store: Store, level: str) -> list[tuple[str, str, int | None, float | None]]:
    """(source, target, quad, intensity) for each countable event and each actor→recipient pair in it,
    one row per repost cluster and signature. level 'country' folds agents into their state (an org
    without a country stays itself)."""
    if level not in ("actor", "country"):
        raise ValueError("level must be 'actor' or 'country'")
    key = "actor_id" if level == "actor" else "COALESCE(country, actor_id)"
    sql = (
        f"SELECT DISTINCT d.cluster || '|' || e.signature, ra.k, rr.k, e.quad, e.intensity"
        " FROM events e JOIN documents d ON d.id = e.doc_id"
        f" JOIN (SELECT DISTINCT doc_id, event_id, {key} AS k FROM event_roles WHERE role = 'actor') ra"
        "   ON ra.doc_id = e.doc_id AND ra.event_id = e.id"
        f" JOIN (SELECT DISTINCT doc_id, event_id, {key} AS k FROM event_roles WHERE role = 'recipient') rr"
        "   ON rr.doc_id = e.doc_id AND rr.event_id = e.id"
        " WHERE e.countable = 1 AND ra.k != rr.k"
    )
    seen: set[tuple[str, str, str]] = set()
    out = []
    for sig, src, dst, quad, intensity in store.conn.execute(sql):
        if (sig, src, dst) in seen:
            continue
        seen.add((sig, src, dst))
        out.append((src, dst, quad, intensity))
    return out


def actor_names(store: Store, ids: list[str]) -> dict[str, dict[str, Any]]:
    """id → {id, name, name_zh, type, country} for the ids the store knows."""
    out: dict[str, dict[str, Any]] = {}
    for i in range(0, len(ids), 500):
        chunk = ids[i:i + 500]
        sql = ("SELECT id, name, name_zh, type, country FROM actors WHERE id IN ("
               + ",".join("?" * len(chunk)) + ")")
        for r in store.conn.execute(sql, chunk):
            out[r[0]] = dict(zip(("id", "name", "name_zh", "type", "country"), r))
    return out


def _pair_counts(rows: list[tuple[str, str, int | None, float | None]]) -> dict[tuple[str, str], dict[str, Any]]:
    agg: dict[tuple[str, str], dict[str, Any]] = {}
    for src, dst, quad, intensity in rows:
        r = agg.setdefault((src, dst), {"source": src, "target": dst, "events": 0, "verbal_coop": 0,
                                        "material_coop": 0, "verbal_conflict": 0, "material_conflict": 0,
                                        "_sum": 0.0, "_n": 0})
        r["events"] += 1
        if quad in _QUADS:
            r[_QUADS[quad]] += 1
        if intensity is not None:
            r["_sum"] += intensity
            r["_n"] += 1
    for r in agg.values():
        n = r.pop("_n")
        s = r.pop("_sum")
        r["mean_intensity"] = round(s / n, 3) if n else None
    return agg


def dyad_matrix(store: Store, top: int = 12, level: str = "country") -> dict[str, Any]:
    """A directed dyad heatmap: the `top` most active actors (by events they take part in) on both axes,
    and per (actor, recipient) cell the event count and mean intensity."""
    agg = _pair_counts(_directed_events(store, level))
    activity: dict[str, int] = {}
    for (src, dst), r in agg.items():
        activity[src] = activity.get(src, 0) + r["events"]
        activity[dst] = activity.get(dst, 0) + r["events"]
    keys = [k for k, _ in sorted(activity.items(), key=lambda kv: (-kv[1], kv[0]))[:top]]
    names = actor_names(store, keys)
    keep = set(keys)
    cells = [r for (src, dst), r in sorted(agg.items()) if src in keep and dst in keep]
    return {"level": level,
            "actors": [{"id": k, "label": _label(names.get(k), k), "events": activity[k]} for k in keys],
            "cells": cells}


def actor_graph(store: Store, level: str = "actor", min_events: int = 1, top: int = 80) -> dict[str, Any]:
    """Who acts on whom: nodes are actors (the `top` most active), directed edges carry event counts per
    quad class and mean intensity; edges with fewer than `min_events` events are left out."""
    agg = _pair_counts(_directed_events(store, level))
    edges = [r for r in agg.values() if r["events"] >= min_events]
    activity: dict[str, int] = {}
    for r in edges:
        activity[r["source"]] = activity.get(r["source"], 0) + r["events"]
        activity[r["target"]] = activity.get(r["target"], 0) + r["events"]
    keys = [k for k, _ in sorted(activity.items(), key=lambda kv: (-kv[1], kv[0]))[:top]]
    keep = set(keys)
    names = actor_names(store, keys)
    nodes = [{"id": k, "label": _label(names.get(k), k), "type": (names.get(k) or {}).get("type"),
              "country": (names.get(k) or {}).get("country"), "events": activity[k]} for k in keys]
    edges = sorted((r for r in edges if r["source"] in keep and r["target"] in keep),
                   key=lambda r: (-r["events"], r["source"], r["target"]))
    return {"level": level, "nodes": nodes, "edges": edges}


def _label(row: dict[str, Any] | None, key: str) -> str:
    if row:
        return row.get("name_zh") or row.get("name") or key
    return key.split(":", 1)[1] if key.startswith("local:") else key


def actor_timeline(store: Store, name: str, by: str = "month") -> list[dict[str, Any]]:
    """Countable events per period with the actor as actor and as recipient (reposts counted once)."""
    if by not in _PERIOD:
        raise ValueError(f"by must be one of {', '.join(_PERIOD)}")
    out: dict[str, dict[str, Any]] = {}
    for role, col in (("actor", "as_actor"), ("recipient", "as_recipient")):
        cond, params = _actor_filter(store, name, role, "r")
        sql = (f"SELECT {_PERIOD[by]} AS period, COUNT(DISTINCT d.cluster || '|' || e.signature)"
               " FROM events e JOIN documents d ON d.id = e.doc_id"
               f" WHERE e.countable = 1 AND e.date IS NOT NULL AND {cond} GROUP BY period")
        for period, n in store.conn.execute(sql, params):
            out.setdefault(period, {"period": period, "as_actor": 0, "as_recipient": 0})[col] = n
    return [out[k] for k in sorted(out)]


def actor_roles(store: Store, actor_id: str) -> list[dict[str, Any]]:
    """The dated roles the gazetteer gave this actor, as carried in a stored record (persons only)."""
    row = store.conn.execute(
        "SELECT json_extract(j.value, '$.roles') FROM doc_actors da JOIN documents d ON d.id = da.doc_id,"
        " json_each(d.record, '$.actors') j WHERE da.actor_id = ? AND json_extract(j.value, '$.id') = ?"
        " ORDER BY d.published DESC LIMIT 1",
        (actor_id, actor_id),
    ).fetchone()
    roles = json.loads(row[0]) if row and row[0] else []
    return sorted(roles, key=lambda r: (r.get("start") or "", r.get("office") or ""))
