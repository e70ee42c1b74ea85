"""Faults during `shiju analyze`: kill -9 at random points then a re-run, a full disk, a read-only store,
a full output file. The store must always equal what one clean run writes (nothing missing, nothing
twice), pass SQLite's integrity check, and errors must name the path with no traceback.

The kill points are drawn at random (the seed is in every failure message); half of them are placed
while the store is being written (after its first batch landed), half anywhere in the run.
"""
from __future__ import annotations

import contextlib
import hashlib
import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from _fault_corpus import make_corpus
from shiju.store import Store
from shiju.store import queries as q

SHIJU = [sys.executable, "-m", "shiju.cli"]
N_DOCS = 200
KILLS = 6


def analyze(corpus: Path, store: Path, *extra: str) -> subprocess.Popen:
    return subprocess.Popen(
        [*SHIJU, "analyze", str(corpus), "--store", str(store), "--date", "2023-06-01", "--quiet", *extra],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True,
    )


def finish(p: subprocess.Popen) -> tuple[int, str]:
    _, err = p.communicate(timeout=600)
    return p.returncode, err


def integrity(path: Path) -> str:
    c = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return c.execute("PRAGMA integrity_check").fetchone()[0]
    finally:
        c.close()


def snapshot(path: Path) -> dict:
    """Everything that must match a clean run: counts, ids per document, row counts of every table."""
    with Store(path, read_only=True) as s:
        c = s.conn
        stats = q.stats(s)
        stats.pop("path")
        per_doc: dict[str, dict] = {}
        for doc_id, cluster in c.execute("SELECT id, cluster FROM documents"):
            per_doc[doc_id] = {"cluster": cluster, "events": set(), "quotes": set(), "relations": set()}
        for table in ("events", "quotes", "relations"):
            for doc_id, rid in c.execute(f"SELECT doc_id, id FROM {table}"):
                per_doc[doc_id][table].add(rid)
        # Store API view: every document reads back with the same analysis.
        for doc in s.documents():
            d = per_doc[doc.id]
            assert {e.id for e in doc.events} == d["events"] and {x.id for x in doc.quotes} == d["quotes"]
        tables = {t: c.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0]
                  for t in ("documents", "actors", "doc_actors", "events", "event_roles", "quotes", "relations",
                            "doc_text", "minhash_bands")}
        # rows without a primary key: a document's rows must not be there twice
        dup_bands = c.execute("SELECT COUNT(*) FROM (SELECT band, bucket, doc_id FROM minhash_bands"
                              " GROUP BY 1, 2, 3 HAVING COUNT(*) > 1)").fetchone()[0]
        dup_text = c.execute("SELECT COUNT(*) FROM (SELECT doc_id FROM doc_text GROUP BY 1 HAVING COUNT(*) > 1)"
                             ).fetchone()[0]
    return {"stats": stats, "docs": per_doc, "tables": tables, "dups": (dup_bands, dup_text)}


def assert_prefix_of(part: dict, ref: dict, why: str) -> None:
    """A store left by an interrupted run holds whole documents of the clean run, nothing else."""
    assert part["dups"] == (0, 0), why
    extra = set(part["docs"]) - set(ref["docs"])
    assert not extra, f"{why}: documents a clean run does not have: {sorted(extra)[:5]}"
    for doc_id, d in part["docs"].items():
        assert d == ref["docs"][doc_id], f"{why}: document {doc_id} stored differently from a clean run"


@pytest.fixture(scope="module")
def clean_run(tmp_path_factory) -> tuple[Path, dict, float]:
    root = tmp_path_factory.mktemp("faults")
    corpus = make_corpus(root, N_DOCS)
    t0 = time.monotonic()
    rc, err = finish(analyze(corpus, root / "clean.db", "--workers", "1"))
    took = time.monotonic() - t0
    assert rc == 0, err
    ref = snapshot(root / "clean.db")
    assert ref["stats"]["documents"] > 150 and ref["stats"]["events"] > 0 and ref["stats"]["quotes"] > 0
    return corpus, ref, took


def _schema_version(store: Path) -> int:
    c = sqlite3.connect(f"file:{store}?mode=ro", uri=True)
    try:
        return c.execute("PRAGMA user_version").fetchone()[0]
    finally:
        c.close()


def _documents_in(store: Path) -> int:
    try:
        c = sqlite3.connect(f"file:{store}?mode=ro", uri=True, timeout=0.1)
        try:
            return c.execute("SELECT COUNT(*) FROM documents").fetchone()[0]
        finally:
            c.close()
    except sqlite3.Error:  # not created yet, or being migrated
        return 0


def test_kill9_at_random_points_then_rerun_equals_one_clean_run(clean_run, tmp_path):
    corpus, ref, took = clean_run
    seed = random.randrange(1 << 30)
    rng = random.Random(seed)
    store = tmp_path / "killed.db"
    outcomes = []
    for k in range(KILLS):
        workers = "2" if k % 2 else "1"  # also kill the parent of a worker pool
        p = analyze(corpus, store, "--workers", workers)
        if k % 2 == 0:
            time.sleep(rng.uniform(0.05, 0.9) * took)  # anywhere: start-up, migration, analysis, writing
        else:
            before = _documents_in(store)
            deadline = time.monotonic() + 600
            while p.poll() is None and _documents_in(store) <= before and time.monotonic() < deadline:
                time.sleep(0.02)
            time.sleep(rng.uniform(0.0, 0.3))  # while batches are being written
        finished = p.poll() is not None
        with contextlib.suppress(ProcessLookupError):
            os.kill(p.pid, signal.SIGKILL)
        _, err = p.communicate(timeout=60)  # returns once the pool workers, which share stderr, are gone
        with contextlib.suppress(ProcessLookupError):  # in case a worker outlived its parent
            os.killpg(p.pid, signal.SIGKILL)
        why = f"kill {k + 1} (seed {seed})"
        assert "Traceback" not in err, f"{why}: {err[-2000:]}"
        if store.exists() and _schema_version(store) == 0:
            # killed before the schema's transaction committed: an empty SQLite file, which the next
            # run migrates like a new one
            assert integrity(store) == "ok", why
            outcomes.append((0, finished))
        elif store.exists():
            assert integrity(store) == "ok", why
            part = snapshot(store)
            assert_prefix_of(part, ref, why)
            outcomes.append((part["stats"]["documents"], finished))
        else:
            outcomes.append((0, finished))
    rc, err = finish(analyze(corpus, store, "--workers", "2"))
    assert rc == 0, err
    assert integrity(store) == "ok"
    final = snapshot(store)
    assert final["stats"] == ref["stats"], f"seed {seed}, documents after each kill: {outcomes}"
    assert final["docs"] == ref["docs"]
    assert final["tables"] == ref["tables"] and final["dups"] == (0, 0)
    # report where the kills landed (not asserted: it depends on the machine's speed)
    print(f"kill -9 results (documents stored when killed, finished before the kill): {outcomes}")


# -- a full disk -----------------------------------------------------------------------------------------

def _run_cli(argv: list[str], capsys) -> tuple[int, str]:
    from shiju.cli import main

    rc = main(argv)
    return rc, capsys.readouterr().err


def test_disk_full_gives_a_clear_error_and_keeps_earlier_documents(clean_run, tmp_path, monkeypatch, capsys):
    corpus, ref, _ = clean_run
    store = tmp_path / "full.db"
    rc, err = _run_cli(["analyze", str(corpus / "g00"), "--store", str(store), "--workers", "1", "--quiet",
                        "--date", "2023-06-01"], capsys)
    assert rc == 0, err
    before = snapshot(store)
    pages = sqlite3.connect(store).execute("PRAGMA page_count").fetchone()[0]

    real_connect = sqlite3.connect

    def small_disk(*a, **kw):  # SQLite's page limit: a write past it fails as a full disk does
        conn = real_connect(*a, **kw)
        conn.execute(f"PRAGMA max_page_count = {pages + 40}")
        return conn

    monkeypatch.setattr(sqlite3, "connect", small_disk)
    rc, err = _run_cli(["analyze", str(corpus), "--store", str(store), "--workers", "1", "--quiet",
                        "--date", "2023-06-01"], capsys)
    monkeypatch.undo()
    assert rc == 1
    assert f"shiju analyze: {store}: cannot write store: database or disk is full" in err
    assert "Traceback" not in err
    assert integrity(store) == "ok"
    after = snapshot(store)
    assert_prefix_of(after, ref, "after a full disk")
    assert set(before["docs"]) <= set(after["docs"])  # earlier documents intact
    assert len(after["docs"]) < len(ref["docs"])  # the limit was hit before the end
    # with room again, the same command completes the store as a clean run would
    rc, err = _run_cli(["analyze", str(corpus), "--store", str(store), "--workers", "1", "--quiet",
                        "--date", "2023-06-01"], capsys)
    assert rc == 0, err
    assert snapshot(store)["docs"] == ref["docs"]


@contextlib.contextmanager
def tmpfs(where: Path, size: str):
    """A small tmpfs (needs root or CAP_SYS_ADMIN; the test skips without)."""
    where.mkdir()
    r = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(where)], capture_output=True)
    if r.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {r.stderr.decode(errors='replace').strip()}")
    try:
        yield where
    finally:
        subprocess.run(["umount", "-l", str(where)], capture_output=True)


def test_store_on_a_really_full_filesystem(clean_run, tmp_path):
    corpus, ref, _ = clean_run
    # room for about half of what a clean run writes: the schema and the first batches fit, the rest not
    half = (corpus.parent / "clean.db").stat().st_size // 2
    with tmpfs(tmp_path / "mnt", f"{max(256 * 1024, half) // 1024}k") as mnt:
        store = mnt / "s.db"
        rc, err = finish(analyze(corpus, store, "--workers", "1"))
        assert rc == 1
        assert f"shiju analyze: {store}: " in err and "full" in err, err
        assert "Traceback" not in err
        assert integrity(store) == "ok"
        part = snapshot(store)
        assert_prefix_of(part, ref, "after ENOSPC")
        assert 0 < len(part["docs"]) < len(ref["docs"])
        # grow the file system and re-run: the store completes to a clean run's
        subprocess.run(["mount", "-o", "remount,size=64m", str(mnt)], check=True)
        rc, err = finish(analyze(corpus, store, "--workers", "1"))
        assert rc == 0, err
        assert snapshot(store)["docs"] == ref["docs"]


def test_json_output_on_a_full_device_is_a_clear_error(clean_run, capsys):
    corpus, _, _ = clean_run
    if not os.path.exists("/dev/full"):
        pytest.skip("no /dev/full on this system")
    rc, err = _run_cli(["analyze", str(corpus / "g00"), "--no-store", "--json", "-o", "/dev/full", "--workers", "1",
                        "--quiet"], capsys)
    assert rc == 1
    assert "shiju analyze: cannot write /dev/full: No space left on device" in err


# -- a read-only store ------------------------------------------------------------------------------------

def _digest(folder: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.iterdir()) if p.is_file()}


@contextlib.contextmanager
def read_only(folder: Path):
    """Make `folder` read-only: permissions for a normal user, a read-only mount for root (who ignores
    permissions)."""
    if os.geteuid() != 0:
        modes = {p: p.stat().st_mode for p in folder.iterdir()}
        for p in modes:
            p.chmod(0o444)
        folder.chmod(0o555)
        try:
            yield
        finally:
            folder.chmod(0o755)
            for p, m in modes.items():
                p.chmod(m)
        return
    r = subprocess.run(["mount", "--bind", "-o", "ro", str(folder), str(folder)], capture_output=True)
    if r.returncode != 0:
        pytest.skip(f"running as root and cannot bind-mount read-only: {r.stderr.decode(errors='replace')}")
    try:
        assert not os.access(folder, os.W_OK), "read-only bind mount did not take effect"
        yield
    finally:
        subprocess.run(["umount", "-l", str(folder)], capture_output=True)


def test_read_only_store_is_refused_up_front_and_left_untouched(clean_run, tmp_path):
    corpus, ref, _ = clean_run
    folder = tmp_path / "ro"
    folder.mkdir()
    store = folder / "s.db"
    rc, err = finish(analyze(corpus / "g00", store, "--workers", "1"))
    assert rc == 0, err
    digest = _digest(folder)
    with read_only(folder):
        rc, err = finish(analyze(corpus, store, "--workers", "1"))
        assert rc == 1
        assert err.startswith(f"shiju analyze: {store}: "), err
        assert "read-only" in err and "Traceback" not in err
        assert _digest(folder) == digest
        # reading a read-only store still works
        r = subprocess.run([*SHIJU, "stats", "--store", str(store), "--json"], capture_output=True, text=True)
        assert r.returncode == 0, r.stderr
        assert json.loads(r.stdout)["documents"] == len(snapshot_docs := _doc_ids(store)) > 0
        assert snapshot_docs <= set(ref["docs"])
    assert integrity(store) == "ok"


def _doc_ids(store: Path) -> set[str]:
    with Store(store, read_only=True) as s:
        return {r[0] for r in s.conn.execute("SELECT id FROM documents")}
