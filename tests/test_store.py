"""The embedded store: idempotent ingest, replacement, reposts, queries and exports."""
from __future__ import annotations

import csv
import json

import pytest

from shiju.model import Actor, Document, Event, Mention, Quote, content_id
from shiju.store import Store, StoreError
from shiju.store import export as exp
from shiju.store import queries as q

BODY = ("3月18日，美国国务卿布林肯在首尔会见韩国外长郑义溶，双方讨论了朝鲜半岛局势与同盟合作。"
        "布林肯表示，美韩同盟是地区和平与繁荣的核心。韩方强调将继续与美方保持紧密沟通。")


def make_doc(body: str = BODY, source: str = "a.txt", date: str = "2021-03-18", quad: int = 1,
             negated: bool = False) -> Document:
    d = Document(id=content_id(body), source=source, format="text", body=body, title="美韩外长会谈",
                 published=date)
    i = body.index("布林肯")
    j = body.index("郑义溶") if "郑义溶" in body else body.index("鄭義溶")
    d.actors = [
        Actor(id="per:antony-blinken", name="Antony Blinken", name_zh="布林肯", country="USA", sector="GOV",
              mentions=[Mention(i, i + 3, "布林肯")]),
        Actor(id="per:chung-eui-yong", name="Chung Eui-yong", name_zh="郑义溶", country="KOR", sector="GOV",
              mentions=[Mention(j, j + 3, "郑义溶")]),
    ]
    end = body.index("。") + 1
    d.events = [Event(id="e1", type="CONSULT", mode="visit", context=["diplomatic"], actor=["per:antony-blinken"],
                      recipient=["per:chung-eui-yong"], date=date, date_text="3月18日", negated=negated,
                      future=False, hypothetical=False, historical=False, sentence=body[:end], start=0, end=end,
                      cameo="04", quad=quad, intensity=1.0)]
    k = body.index("同盟是") - 2
    d.quotes = [Quote(id="q1", speaker="per:antony-blinken", speaker_text="布林肯", text=body[k:k + 14],
                      direct=False, cue="表示", start=k, end=k + 14, date=date)]
    return d


@pytest.fixture()
def store(tmp_path):
    with Store(tmp_path / "s.db") as s:
        yield s


def test_same_document_twice_is_stored_once(store):
    assert store.ingest(make_doc()) == "added"
    assert store.ingest(make_doc()) == "unchanged"
    st = q.stats(store)
    assert st["documents"] == 1 and st["events"] == 1 and st["quotes"] == 1


def test_changed_document_replaces_its_old_analysis(store):
    store.ingest(make_doc())
    changed = make_doc(BODY.replace("紧密沟通", "密切沟通"))
    assert store.ingest(changed) == "replaced"
    st = q.stats(store)
    assert st["documents"] == 1 and st["events"] == 1
    assert store.document(changed.id) is not None


def test_traditional_repost_is_linked_and_its_events_counted_once(store):
    from shiju.text.view import TextView  # noqa: F401  (conversion used below via opencc)
    import opencc

    trad = opencc.OpenCC("s2t").convert(BODY)
    store.ingest(make_doc())
    repost = make_doc(trad, source="forum.md")
    store.ingest(repost)
    st = q.stats(store)
    assert st["documents"] == 2 and st["reposts"] == 1
    assert st["events_countable"] == 1
    ev = q.events(store, actor="USA")
    assert len(ev) == 1 and len(ev[0]["provenance"]) == 2


def test_unrelated_document_is_not_a_repost(store):
    store.ingest(make_doc())
    other = ("欧盟外交与安全政策高级代表博雷利在布鲁塞尔表示，欧盟将对俄罗斯实施新一轮制裁，涉及能源、金融与高科技出口，"
             "并呼吁成员国保持团结。")
    store.ingest(Document(id=content_id(other), source="b.txt", format="text", body=other))
    assert q.stats(store)["reposts"] == 0


def test_search_matches_traditional_and_simplified(store):
    store.ingest(make_doc())
    for query in ("核心", "美韓同盟", "布林肯在首尔"):
        hits = q.search(store, query)
        assert hits and "【" in hits[0]["snippet"], query
        assert hits[0]["title"] == "美韩外长会谈" and hits[0]["source"] == "a.txt"
    assert q.search(store, "欧盟") == []


def test_event_filters_and_negation(store):
    store.ingest(make_doc())
    store.ingest(make_doc(BODY + "（补）", source="n.txt", negated=True))
    assert len(q.events(store, actor="per:antony-blinken")) == 1
    assert len(q.events(store, actor="布林肯", include_negated=True)) == 2
    assert q.events(store, recipient="USA") == []
    assert q.events(store, since="2022-01-01") == []
    assert len(q.events(store, type="consult", until="2021-03")) == 1


def test_dyad_counts_per_period_and_quad(store):
    store.ingest(make_doc())
    store.ingest(make_doc(BODY + "另有消息。" * 3, source="c.txt", date="2021-04-02", quad=3))
    rows = q.dyad(store, "USA", "KOR", by="month")
    by_period = {r["period"]: r for r in rows}
    assert by_period["2021-03"]["verbal_coop"] == 1
    assert by_period["2021-04"]["verbal_conflict"] == 1
    with pytest.raises(ValueError):
        q.dyad(store, "USA", "KOR", by="decade")


def test_actor_profile_and_quotes(store):
    store.ingest(make_doc())
    prof = q.actor_profile(store, "Antony Blinken")
    assert prof["actor"]["id"] == "per:antony-blinken"
    assert len(prof["events_as_actor"]) == 1 and len(prof["quotes"]) == 1
    assert q.quotes(store, about="同盟")[0]["speaker"] == "per:antony-blinken"
    assert q.quotes(store, about="同盟", speaker="郑义溶") == []
    assert [a["id"] for a in q.actors(store, country="KOR")] == ["per:chung-eui-yong"]


def test_exports_are_readable_without_shiju(store, tmp_path):
    store.ingest(make_doc())
    assert exp.export(store, "plover", tmp_path / "e.jsonl") == 1
    rec = json.loads((tmp_path / "e.jsonl").read_text(encoding="utf-8"))
    assert rec["event"] == ["CONSULT"] and rec["actor"][0]["code"] == "USA" and rec["quad_code"] == 1
    assert exp.export(store, "csv", tmp_path / "e.csv") == 1
    row = next(csv.DictReader((tmp_path / "e.csv").open(encoding="utf-8")))
    assert row["actor_country"] == "USA" and row["recipient_country"] == "KOR"
    assert exp.export(store, "gdelt", tmp_path / "e.tsv") == 1
    lines = (tmp_path / "e.tsv").read_text(encoding="utf-8").splitlines()
    assert len(lines) == 2 and lines[1].split("\t")[2] == "USA"
    assert exp.export(store, "parquet", tmp_path / "e.parquet") == 1
    import pyarrow.parquet as pq

    assert pq.read_table(tmp_path / "e.parquet").num_rows == 1
    assert exp.export(store, "jsonl", tmp_path / "d.jsonl") == 1


def test_read_only_store_refuses_writes_and_missing_store_is_named(tmp_path):
    with pytest.raises(StoreError, match="no store"):
        Store(tmp_path / "missing.db", read_only=True)
    with Store(tmp_path / "s.db") as s:
        s.ingest(make_doc())
    with Store(tmp_path / "s.db", read_only=True) as ro:
        with pytest.raises(StoreError, match="read-only"):
            ro.ingest(make_doc(BODY + "x"))
        assert q.stats(ro)["documents"] == 1


def test_not_a_store_gives_clear_error(tmp_path):
    bad = tmp_path / "junk.db"
    bad.write_bytes(b"this is not sqlite" * 100)
    with pytest.raises(StoreError, match="junk.db"):
        Store(bad)


def test_a_version_1_store_is_migrated_and_backfilled(tmp_path):
    path = tmp_path / "old.db"
    with Store(path) as s:
        s.ingest(make_doc())
        # turn it back into a version-1 store: what an older shiju wrote
        s.conn.executescript("DROP TABLE event_dyads; ALTER TABLE documents DROP COLUMN body;"
                             "PRAGMA user_version = 1;")
    with Store(path) as s:
        assert s.conn.execute("PRAGMA user_version").fetchone()[0] >= 2
        assert q.dyad(s, "USA", "KOR")[0]["verbal_coop"] == 1
        assert q.search(s, "美韩同盟")[0]["snippet"]


def test_a_store_from_a_newer_shiju_is_refused(tmp_path):
    path = tmp_path / "new.db"
    with Store(path) as s:
        s.conn.execute("PRAGMA user_version = 999")
    with pytest.raises(StoreError, match="newer"):
        Store(path)
