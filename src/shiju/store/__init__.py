"""The embedded store: one SQLite file (default ``./.shiju/shiju.db``), no server.

SQLite was chosen over DuckDB for the store because it gives, in the standard library, transactional
per-document replacement (crash safety and idempotence), a full-text index (FTS5) that works offline —
DuckDB's FTS extension downloads at run time — and millisecond point queries; the dyad aggregations
analysts run are small group-bys over indexed rows (see benchmarks/bench_store.py for the figures).

Public API: :class:`Store` (``open``, ``ingest``, ``ingest_many``) and the query methods in
:mod:`shiju.store.queries`, exports in :mod:`shiju.store.export`.
"""
from __future__ import annotations

import json
import os
from array import array
import sqlite3
from pathlib import Path
from typing import Iterable

from shiju.model import Document
from shiju.store import dedup
from shiju.store.schema import migrate
from shiju.text.view import TextView

DEFAULT_STORE = os.path.join(".shiju", "shiju.db")


class StoreError(Exception):
    """A store that cannot be opened or written; the message names the path and the reason."""


def grams(simplified: str) -> str:
    """The bigram token string indexed for full-text search (see schema: CJK bigram index)."""
    out: list[str] = []
    run: list[str] = []
    for ch in simplified:
        if ch.isalnum():
            run.append(ch.lower())
        else:
            if run:
                out.extend(_run_grams(run))
                run = []
    if run:
        out.extend(_run_grams(run))
    return " ".join(out)


def _run_grams(run: list[str]) -> list[str]:
    if len(run) == 1:
        return run
    return [run[i] + run[i + 1] for i in range(len(run) - 1)]


def _check_writable(path: Path) -> None:
    """Refuse a store that cannot be written before any work is done: SQLite would open a read-only
    file silently and fail only at the first write, after the analysis of a whole batch."""
    if path.exists() and not os.access(path, os.W_OK):
        raise StoreError(f"{path}: store is read-only (no write permission or a read-only file system)")
    folder = path.parent
    if not os.access(folder, os.W_OK | os.X_OK):
        # SQLite needs the folder for the store's journal files (-wal, -shm) and to create the store.
        raise StoreError(f"{path}: cannot write its folder {folder} (read-only or no permission)")


def _connect_read_only(path: Path) -> sqlite3.Connection:
    from urllib.parse import quote

    uri = f"file:{quote(str(path))}"
    conn = sqlite3.connect(f"{uri}?mode=ro", uri=True, check_same_thread=False)
    try:
        conn.execute("PRAGMA user_version").fetchone()
        return conn
    except sqlite3.OperationalError:
        conn.close()
        if os.access(path.parent, os.W_OK):
            raise
    # A WAL store on read-only media (a mount, a shared archive): SQLite cannot create its -shm file
    # there. Nobody can write the store on such media either, so reading it as immutable is safe.
    return sqlite3.connect(f"{uri}?immutable=1", uri=True, check_same_thread=False)


def _rollback(conn: sqlite3.Connection) -> None:
    # After a failed write (disk full, I/O error) SQLite may already have rolled back; a failing
    # ROLLBACK must not hide the error that caused it.
    if conn.in_transaction:
        try:
            conn.execute("ROLLBACK")
        except sqlite3.Error:
            pass


def event_signature(doc: Document, e) -> str:
    """What makes two events the same across reposts: type, participants, date and modality."""
    flags = ("N" if e.negated else "") + ("H" if e.hypothetical else "")
    return "|".join([e.type, ",".join(sorted(e.actor)), ",".join(sorted(e.recipient)), e.date or "", flags])


class Store:
    """A shiju store on disk. Use as a context manager or call close()."""

    def __init__(self, path: str | os.PathLike = DEFAULT_STORE, read_only: bool = False):
        self.path = Path(path)
        self.read_only = read_only
        try:
            if read_only:
                if not self.path.exists():
                    raise StoreError(f"{self.path}: no store here (run `shiju analyze` first)")
                self.conn = _connect_read_only(self.path)
            else:
                self.path.parent.mkdir(parents=True, exist_ok=True)
                _check_writable(self.path)
                self.conn = sqlite3.connect(self.path, isolation_level=None, check_same_thread=False)
                self.conn.execute("PRAGMA journal_mode=WAL")
                self.conn.execute("PRAGMA synchronous=NORMAL")
            self.conn.execute("PRAGMA foreign_keys=ON")
            if not read_only:
                migrate(self.conn)
            else:
                v = self.conn.execute("PRAGMA user_version").fetchone()[0]
                if v == 0:
                    raise StoreError(f"{self.path}: not a shiju store")
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"{self.path}: cannot open store: {exc}") from exc
        except OSError as exc:
            raise StoreError(f"{self.path}: cannot open store: {exc.strerror or exc}") from exc
        except RuntimeError as exc:  # a store written by a newer shiju (schema.migrate)
            raise StoreError(f"{self.path}: cannot open store: {exc}") from exc

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def close(self) -> None:
        self.conn.close()

    # -- writing -----------------------------------------------------------------------------------
    def ingest(self, doc: Document) -> str:
        """Store one analysed document atomically; returns 'added', 'unchanged' or 'replaced'."""
        return self.ingest_many([doc])[0]

    def ingest_many(self, docs: Iterable[Document]) -> list[str]:
        """Store documents in one transaction: either all of them land or none (crash safety)."""
        if self.read_only:
            raise StoreError(f"{self.path}: store opened read-only")
        results: list[str] = []
        c = self.conn
        try:
            c.execute("BEGIN IMMEDIATE")
            for doc in docs:
                results.append(self._ingest_one(doc))
            c.execute("COMMIT")
        except sqlite3.Error as exc:
            _rollback(c)
            raise StoreError(f"{self.path}: cannot write store: {exc}") from exc
        except BaseException:
            _rollback(c)
            raise
        return results

    def _ingest_one(self, doc: Document) -> str:
        c = self.conn
        if c.execute("SELECT 1 FROM documents WHERE id = ?", (doc.id,)).fetchone():
            return "unchanged"
        # A changed document (same source, new content id) replaces its old analysis.
        old = [r[0] for r in c.execute("SELECT id FROM documents WHERE source = ?", (doc.source,))]
        for old_id in old:
            self._delete(old_id)
        simplified = doc.view("body").simplified
        cluster, sim = doc.id, None
        sig = dedup.signature(simplified)
        if sig is not None:
            cluster, sim = self._find_cluster(doc.id, sig)
        record = doc.to_dict()
        c.execute(
            "INSERT INTO documents (id, source, format, title, author, published, url, origin_url, language,"
            " n_comments, cluster, similarity, minhash, record, body) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
            (doc.id, doc.source, doc.format, doc.title, doc.author, doc.published, doc.url, doc.origin_url,
             doc.language, len(doc.comments), cluster, sim,
             array("Q", sig).tobytes() if sig is not None else None, json.dumps(record, ensure_ascii=False),
             doc.body),
        )
        if sig is not None:
            c.executemany("INSERT INTO minhash_bands VALUES (?,?,?)", [(b, h, doc.id) for b, h in dedup.bands(sig)])
        title_s = TextView(doc.title).simplified if doc.title else ""
        c.execute("INSERT INTO doc_text (doc_id, grams) VALUES (?, ?)", (doc.id, grams(title_s + "\n" + simplified)))
        countries = {}
        for a in doc.actors:
            countries[a.id] = a.country
            c.execute(
                "INSERT INTO actors (id, name, name_zh, type, country, sector, wikidata, aliases)"
                " VALUES (?,?,?,?,?,?,?,?) ON CONFLICT(id) DO NOTHING",
                (a.id, a.name, a.name_zh, a.type, a.country, a.sector, a.wikidata,
                 json.dumps(sorted({m.text for m in a.mentions} | set(a.aliases)), ensure_ascii=False)),
            )
            c.execute(
                "INSERT INTO doc_actors VALUES (?,?,?,?)",
                (doc.id, a.id, len(a.mentions), int(any(m.part == "body" for m in a.mentions))),
            )
        for e in doc.events:
            countable = int(not e.negated and not e.hypothetical and e.part == "body")
            c.execute(
                "INSERT OR REPLACE INTO events VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                (e.id, doc.id, e.type, e.mode, json.dumps(e.context), json.dumps(e.actor), json.dumps(e.recipient),
                 e.date, e.date_text, int(e.negated), int(e.future), int(e.hypothetical), int(e.historical),
                 e.part, e.sentence, e.start, e.end, e.cameo, e.quad, e.intensity, e.confidence,
                 event_signature(doc, e), countable),
            )
            keys: dict[str, set[str]] = {"actor": set(), "recipient": set()}
            for role, ids in (("actor", e.actor), ("recipient", e.recipient)):
                rows = [(doc.id, e.id, role, x, countries.get(x) or (x if len(x) == 3 and x.isupper() else None))
                        for x in ids]
                c.executemany("INSERT INTO event_roles VALUES (?,?,?,?,?)", rows)
                keys[role] = {r[3] for r in rows} | {r[4] for r in rows if r[4]}
            sig_e = event_signature(doc, e)
            c.executemany(
                "INSERT INTO event_dyads VALUES (?,?,?,?,?,?,?,?,?,?)",
                [(doc.id, e.id, a, b, e.date, e.quad, e.intensity, countable, cluster, sig_e)
                 for a in sorted(keys["actor"]) for b in sorted(keys["recipient"])],
            )
        c.executemany(
            "INSERT OR REPLACE INTO quotes VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
            [(q.id, doc.id, q.speaker, q.speaker_text, q.text, int(q.direct), q.cue, q.date, q.part, q.start, q.end,
              TextView(q.text).simplified) for q in doc.quotes],
        )
        c.executemany(
            "INSERT OR REPLACE INTO relations VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)",
            [(r.id, doc.id, r.a, r.b, r.type, r.date, r.sentence, r.part, r.start, r.end, int(r.negated),
              int(r.hypothetical), r.asserted_by) for r in doc.relations],
        )
        return "replaced" if old else "added"

    def _find_cluster(self, doc_id: str, sig: list[int]) -> tuple[str, float | None]:
        best, best_sim = None, 0.0
        seen: set[str] = set()
        for band, bucket in dedup.bands(sig):
            # Boilerplate shared by many documents fills some buckets: look at a bounded number of
            # candidates per band, so ingest stays linear in the corpus.
            for (other,) in self.conn.execute(
                "SELECT doc_id FROM minhash_bands WHERE band = ? AND bucket = ? LIMIT ?",
                (band, bucket, dedup.MAX_CANDIDATES),
            ):
                if other in seen or other == doc_id:
                    continue
                seen.add(other)
                osig = self._signature_of(other)
                if osig is None:
                    continue
                s = dedup.similarity(sig, osig)
                if s > best_sim:
                    best, best_sim = other, s
            if best_sim >= 0.95:
                break
        if best is not None and best_sim >= dedup.THRESHOLD:
            head = self.conn.execute("SELECT cluster FROM documents WHERE id = ?", (best,)).fetchone()[0]
            return head, round(best_sim, 4)
        return doc_id, None

    def _signature_of(self, doc_id: str) -> list[int] | None:
        row = self.conn.execute("SELECT minhash FROM documents WHERE id = ?", (doc_id,)).fetchone()
        return list(array("Q", row[0])) if row and row[0] is not None else None

    def _delete(self, doc_id: str) -> None:
        c = self.conn
        c.execute("DELETE FROM event_roles WHERE doc_id = ?", (doc_id,))
        for table in ("event_dyads", "events", "quotes", "relations", "doc_actors", "minhash_bands"):
            c.execute(f"DELETE FROM {table} WHERE doc_id = ?", (doc_id,))
        c.execute("DELETE FROM doc_text WHERE doc_id = ?", (doc_id,))
        c.execute("DELETE FROM documents WHERE id = ?", (doc_id,))

    # -- reading -----------------------------------------------------------------------------------
    def document(self, doc_id: str) -> Document | None:
        row = self.conn.execute("SELECT record FROM documents WHERE id = ?", (doc_id,)).fetchone()
        return Document.from_dict(json.loads(row[0])) if row else None

    def documents(self) -> Iterable[Document]:
        for (rec,) in self.conn.execute("SELECT record FROM documents ORDER BY ingested_at, id"):
            yield Document.from_dict(json.loads(rec))
