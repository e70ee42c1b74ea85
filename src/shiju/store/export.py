"""Exports readable by pandas and DuckDB without shiju: PLOVER JSONL, a GDELT-style TSV event table,
CSV, JSON Lines (full records) and Parquet (events)."""
from __future__ import annotations

import csv
import datetime as _dt
import json
from pathlib import Path
from typing import Any, Iterator

from shiju import __version__
from shiju.store import Store

FORMATS = ("plover", "gdelt", "csv", "jsonl", "parquet")

# PLOVER manual, Table "nonstate": the codes for international non-state entities in the country field.
_NONSTATE_CODE = {"org:un": "UNO", "org:eu": "EUR"}
_SECTOR_CODE = {"IGO": "IGO", "NGO": "NGO", "REB": "IMG", "BUS": "MNC"}


def _actor_rows(store: Store) -> dict[str, dict[str, Any]]:
    cols = ("id", "name", "name_zh", "type", "country", "sector", "wikidata")
    return {r[0]: dict(zip(cols, r)) for r in store.conn.execute(f"SELECT {', '.join(cols)} FROM actors")}


def entity(actor_id: str, actors: dict[str, dict[str, Any]]) -> dict[str, Any]:
    """A PLOVER entity object (manual, Table "Information object for entities")."""
    a = actors.get(actor_id, {})
    code = a.get("country") or _NONSTATE_CODE.get(actor_id) or _SECTOR_CODE.get(a.get("sector") or "")
    if code is None and len(actor_id) == 3 and actor_id.isupper():
        code = actor_id
    return {"code": code, "sector": a.get("sector"), "entity_text": a.get("name_zh"),
            "identifier_id": a.get("wikidata"), "identifier_text": a.get("name"), "shiju_id": actor_id}


def _event_rows(store: Store, include_all: bool) -> Iterator[dict[str, Any]]:
    where = "" if include_all else "WHERE e.countable = 1"
    sql = ("SELECT e.id, e.doc_id, e.type, e.mode, e.context, e.actor, e.recipient, e.date, e.date_text, e.negated,"
           " e.future, e.hypothetical, e.historical, e.part, e.sentence, e.start, e.\"end\", e.cameo, e.quad,"
           " e.intensity, e.confidence, d.cluster, d.url, d.title, d.source, d.language"
           f" FROM events e JOIN documents d ON d.id = e.doc_id {where} ORDER BY e.date, e.doc_id, e.start")
    cols = ("id", "doc_id", "type", "mode", "context", "actor", "recipient", "date", "date_text", "negated",
            "future", "hypothetical", "historical", "part", "sentence", "start", "end", "cameo", "quad",
            "intensity", "confidence", "cluster", "url", "title", "source", "language")
    for r in store.conn.execute(sql):
        row = dict(zip(cols, r))
        for k in ("context", "actor", "recipient"):
            row[k] = json.loads(row[k] or "[]")
        for k in ("negated", "future", "hypothetical", "historical"):
            row[k] = bool(row[k])
        yield row


def plover_record(row: dict[str, Any], actors: dict[str, dict[str, Any]], coded: str) -> dict[str, Any]:
    return {
        "id": f"shiju-{row['doc_id']}-{row['id']}",
        "date": row["date"],
        "actor": [entity(a, actors) for a in row["actor"]],
        "recipient": [entity(a, actors) for a in row["recipient"]],
        "event": [row["type"]],
        "mode": [row["mode"]] if row["mode"] else [],
        "context": row["context"],
        "event_text": [row["sentence"]],
        "quad_code": row["quad"],
        "event_scale": row["intensity"],
        "text_info": {"start": row["start"], "end": row["end"], "part": row["part"]},
        "cite_info": {"corpus": row["source"], "url": row["url"], "title": row["title"], "language": "zh",
                      "coder": f"shiju {__version__}", "codebook": "plover-2.0"},
        "coder": f"shiju {__version__}",
        "coded_date": coded,
        "cameo": row["cameo"],
        "negated": row["negated"], "hypothetical": row["hypothetical"], "future": row["future"],
        "historical": row["historical"], "confidence": row["confidence"],
        "doc_id": row["doc_id"], "cluster": row["cluster"],
    }


_FLAT = ("id", "doc_id", "date", "type", "mode", "context", "actor", "actor_country", "recipient",
         "recipient_country", "cameo", "quad", "intensity", "negated", "hypothetical", "future", "historical",
         "confidence", "part", "start", "end", "sentence", "source", "url", "cluster")


def _flat(row: dict[str, Any], actors: dict[str, dict[str, Any]]) -> dict[str, Any]:
    def countries(ids: list[str]) -> str:
        return ";".join(dict.fromkeys(c for c in (entity(i, actors)["code"] for i in ids) if c))

    out = {k: row.get(k) for k in _FLAT}
    out["actor_country"] = countries(row["actor"])
    out["recipient_country"] = countries(row["recipient"])
    out["actor"] = ";".join(row["actor"])
    out["recipient"] = ";".join(row["recipient"])
    out["context"] = ";".join(row["context"])
    return out


def export(store: Store, fmt: str, out: str | Path, include_all: bool = False) -> int:
    """Write the store in `fmt` to `out`; returns the number of records written. By default only
    countable events (not negated, not hypothetical, not from comments) are exported."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown export format {fmt!r}; choose one of {', '.join(FORMATS)}")
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    actors = _actor_rows(store)
    n = 0
    if fmt == "jsonl":
        with out.open("w", encoding="utf-8") as f:
            for (rec,) in store.conn.execute("SELECT record FROM documents ORDER BY ingested_at, id"):
                f.write(rec + "\n")
                n += 1
        return n
    rows = _event_rows(store, include_all)
    if fmt == "plover":
        coded = _dt.date.today().isoformat()
        with out.open("w", encoding="utf-8") as f:
            for row in rows:
                f.write(json.dumps(plover_record(row, actors, coded), ensure_ascii=False) + "\n")
                n += 1
    elif fmt in ("csv", "gdelt"):
        delim = "\t" if fmt == "gdelt" else ","
        cols = _FLAT if fmt == "csv" else ("id", "date", "actor_country", "actor", "recipient_country", "recipient",
                                           "type", "cameo", "quad", "intensity", "source", "url")
        with out.open("w", encoding="utf-8", newline="") as f:
            w = csv.DictWriter(f, fieldnames=cols, delimiter=delim, extrasaction="ignore",
                               quoting=csv.QUOTE_MINIMAL if fmt == "csv" else csv.QUOTE_NONE, escapechar="\\")
            w.writeheader()
            for row in rows:
                flat = _flat(row, actors)
                if fmt == "gdelt":
                    flat = {k: (str(v).replace("\t", " ").replace("\n", " ") if v is not None else "")
                            for k, v in flat.items()}
                w.writerow(flat)
                n += 1
    elif fmt == "parquet":
        import pyarrow as pa
        import pyarrow.parquet as pq

        flat = [_flat(r, actors) for r in rows]
        n = len(flat)
        table = pa.Table.from_pylist(flat) if flat else pa.table({c: pa.array([], pa.string()) for c in _FLAT})
        pq.write_table(table, out)
    return n
