"""Store schema as an ordered list of migrations; `user_version` records how far a store has come."""
from __future__ import annotations

import sqlite3

# Each migration is applied once, in order, inside a transaction. Never edit a released migration:
# append a new one.
MIGRATIONS: list[str] = [
    # 1: documents, analysis tables, full-text index, near-duplicate bands
    """
    CREATE TABLE documents (
        id TEXT PRIMARY KEY,
        source TEXT NOT NULL,
        format TEXT, title TEXT, author TEXT, published TEXT, url TEXT, origin_url TEXT, language TEXT,
        n_comments INTEGER NOT NULL DEFAULT 0,
        cluster TEXT NOT NULL,            -- repost cluster: id of the first-stored member
        similarity REAL,                  -- estimated Jaccard with the cluster head (NULL for the head)
        minhash BLOB,                     -- MinHash signature (uint64 array), NULL for short texts
        record TEXT NOT NULL,             -- the full JSON record
        ingested_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now'))
    );
    CREATE INDEX documents_source ON documents(source);
    CREATE INDEX documents_cluster ON documents(cluster);
    CREATE TABLE actors (
        id TEXT PRIMARY KEY, name TEXT, name_zh TEXT, type TEXT, country TEXT, sector TEXT, wikidata TEXT,
        aliases TEXT
    );
    CREATE TABLE doc_actors (
        doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
        actor_id TEXT NOT NULL, mentions INTEGER NOT NULL, in_body INTEGER NOT NULL,
        PRIMARY KEY (doc_id, actor_id)
    );
    CREATE INDEX doc_actors_actor ON doc_actors(actor_id);
    CREATE TABLE events (
        id TEXT NOT NULL, doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
        type TEXT NOT NULL, mode TEXT, context TEXT, actor TEXT NOT NULL, recipient TEXT NOT NULL,
        date TEXT, date_text TEXT, negated INTEGER, future INTEGER, hypothetical INTEGER, historical INTEGER,
        part TEXT, sentence TEXT, start INTEGER, "end" INTEGER, cameo TEXT, quad INTEGER, intensity REAL,
        confidence REAL, signature TEXT NOT NULL, countable INTEGER NOT NULL,
        PRIMARY KEY (doc_id, id)
    );
    CREATE INDEX events_date ON events(date);
    CREATE INDEX events_type ON events(type);
    CREATE TABLE event_roles (
        doc_id TEXT NOT NULL, event_id TEXT NOT NULL, role TEXT NOT NULL, actor_id TEXT NOT NULL, country TEXT,
        FOREIGN KEY (doc_id, event_id) REFERENCES events(doc_id, id) ON DELETE CASCADE
    );
    CREATE INDEX event_roles_actor ON event_roles(role, actor_id);
    CREATE INDEX event_roles_country ON event_roles(role, country);
    CREATE INDEX event_roles_event ON event_roles(doc_id, event_id);
    CREATE TABLE quotes (
        id TEXT NOT NULL, doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
        speaker TEXT, speaker_text TEXT, text TEXT, direct INTEGER, cue TEXT, date TEXT, part TEXT,
        start INTEGER, "end" INTEGER,
        text_s TEXT,                      -- the quote in Simplified, for Traditional/Simplified search
        PRIMARY KEY (doc_id, id)
    );
    CREATE INDEX quotes_speaker ON quotes(speaker);
    CREATE TABLE relations (
        id TEXT NOT NULL, doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
        a TEXT, b TEXT, type TEXT, date TEXT, sentence TEXT, part TEXT, start INTEGER, "end" INTEGER,
        negated INTEGER, hypothetical INTEGER, asserted_by TEXT, PRIMARY KEY (doc_id, id)
    );
    CREATE INDEX relations_a ON relations(a);
    CREATE INDEX relations_b ON relations(b);
    -- Chinese full text: the Simplified text as space-separated character bigrams (a CJK bigram index),
    -- so that 2-character queries, the most common in Chinese, hit the index too.
    CREATE VIRTUAL TABLE doc_text USING fts5(doc_id UNINDEXED, grams, tokenize = 'unicode61');
    CREATE TABLE minhash_bands (band INTEGER NOT NULL, bucket INTEGER NOT NULL, doc_id TEXT NOT NULL);
    CREATE INDEX minhash_bands_key ON minhash_bands(band, bucket);
    CREATE INDEX minhash_bands_doc ON minhash_bands(doc_id);
    """,
    # 2: the dyad table (one row per event and actor-side key × recipient-side key, keys being actor ids and
    #    their countries) so that a dyad curve is one indexed range scan; the clean body as a column so
    #    search snippets do not parse whole records.
    """
    ALTER TABLE documents ADD COLUMN body TEXT;
    UPDATE documents SET body = json_extract(record, '$.body');
    CREATE TABLE event_dyads (
        doc_id TEXT NOT NULL, event_id TEXT NOT NULL, a_key TEXT NOT NULL, b_key TEXT NOT NULL,
        date TEXT, quad INTEGER, intensity REAL, countable INTEGER NOT NULL, cluster TEXT NOT NULL,
        signature TEXT NOT NULL
    );
    INSERT INTO event_dyads
    SELECT DISTINCT e.doc_id, e.id, ak.k, bk.k, e.date, e.quad, e.intensity, e.countable, d.cluster, e.signature
    FROM events e JOIN documents d ON d.id = e.doc_id
    JOIN (SELECT doc_id, event_id, actor_id AS k FROM event_roles WHERE role = 'actor'
          UNION SELECT doc_id, event_id, country FROM event_roles WHERE role = 'actor' AND country IS NOT NULL) ak
      ON ak.doc_id = e.doc_id AND ak.event_id = e.id
    JOIN (SELECT doc_id, event_id, actor_id AS k FROM event_roles WHERE role = 'recipient'
          UNION SELECT doc_id, event_id, country FROM event_roles WHERE role = 'recipient' AND country IS NOT NULL) bk
      ON bk.doc_id = e.doc_id AND bk.event_id = e.id;
    CREATE INDEX event_dyads_key ON event_dyads(a_key, b_key, countable, date);
    CREATE INDEX event_dyads_doc ON event_dyads(doc_id);
    """,
]


def migrate(conn: sqlite3.Connection) -> int:
    """Bring a store up to the latest schema; returns the version now in force."""
    version = conn.execute("PRAGMA user_version").fetchone()[0]
    if version > len(MIGRATIONS):
        raise RuntimeError(
            f"store schema version {version} is newer than this shiju understands ({len(MIGRATIONS)})"
        )
    for i in range(version, len(MIGRATIONS)):
        with conn:
            conn.executescript("BEGIN;" + MIGRATIONS[i] + f";PRAGMA user_version = {i + 1};COMMIT;")
    return len(MIGRATIONS)
