"""Every file of ../shared/corpus is read without a crash, and the counts match the MANIFEST files."""
from __future__ import annotations

import csv
import json
import re
from pathlib import Path

import pytest

from shiju.model import Document
from shiju.readers import ReadError, ReadOptions, iter_documents
from shiju.readers.detect import DOC_EXTENSIONS

MARKUP = re.compile(r"^###|(?<!\*)\*\*(?!\*)|\[\\?>>\]|\]\(\s*\"|\]\(https?:|!\[\]\(")


@pytest.fixture(scope="module")
def corpus(shared_dir: Path) -> Path:
    root = shared_dir / "corpus"
    if not root.is_dir():
        pytest.skip(f"{root} is absent")
    return root


@pytest.fixture(scope="module")
def read_all(corpus: Path) -> dict[str, list[Document | ReadError]]:
    out: dict[str, list[Document | ReadError]] = {}
    for item in iter_documents([str(corpus)], ReadOptions()):
        key = item.path if isinstance(item, ReadError) else item.source
        out.setdefault(str(Path(key).relative_to(corpus)), []).append(item)
    return out


def _manifest(path: Path) -> list[dict[str, str]]:
    with open(path, encoding="utf-8") as f:
        return list(csv.DictReader(f, delimiter="\t"))


def test_every_file_is_read_or_reported(corpus: Path, read_all):
    files = [p for p in corpus.rglob("*") if p.is_file() and p.suffix.lower() in DOC_EXTENSIONS]
    merged = {str(p.relative_to(corpus)) for p in files if p.parent.name == "question_answer"}
    for p in files:
        rel = str(p.relative_to(corpus))
        if rel in merged and (corpus / "pincong" / "question" / p.name).exists():
            continue  # merged into its question's document
        assert rel in read_all, f"{rel} produced nothing"
    errors = [i for items in read_all.values() for i in items if isinstance(i, ReadError)]
    # the only files not read are the backup's deleted placeholders, each said to be one
    for e in errors:
        assert "deleted post" in e.reason, e
    assert len(errors) <= 17


def test_documents_are_well_formed(read_all):
    for rel, items in read_all.items():
        for d in items:
            if isinstance(d, ReadError):
                continue
            assert re.fullmatch(r"[0-9a-f]{16}", d.id)
            assert d.language in ("zh-Hans", "zh-Hant", "mixed")
            for v in (d.published, d.modified, *(c.date for c in d.comments)):
                assert v is None or re.fullmatch(r"\d{4}-\d{2}-\d{2}", v), (rel, v)
            assert len({c.id for c in d.comments}) == len(d.comments), rel
            ids = {c.id for c in d.comments}
            assert all(c.parent is None or c.parent in ids for c in d.comments), rel
            if d.format in ("pincong-md", "markdown-dated") and "PINCONG_FORMAT" not in rel:
                for part, text in d.parts():
                    assert not MARKUP.search(text), (rel, part, MARKUP.search(text))
            json.dumps(d.to_dict(), ensure_ascii=False)


def test_pincong_md_manifest_counts(corpus: Path, read_all):
    rows = _manifest(corpus / "pincong-md" / "MANIFEST.tsv")
    assert rows
    for r in rows:
        items = read_all[f"pincong-md/{r['file']}"]
        assert len(items) == 1 and isinstance(items[0], Document), items
        d = items[0]
        kind = "other" if d.format != "pincong-md" else ("question" if "/question/" in (d.url or "") else "article")
        assert kind == r["kind"], r["file"]
        assert len(d.comments) == int(r["n_comments"]), r["file"]
        assert sum(1 for c in d.comments if c.reply_to) == int(r["n_replies"]), r["file"]
        assert d.published == r["date"][:10] or (d.published and r["date"].startswith(d.published[:4])), r["file"]
        assert d.title == r["title"].strip() or d.title == r["title"], r["file"]


def test_pincong_md_replies_mostly_resolve_to_a_parent(read_all):
    quoted = resolved = 0
    for rel, items in read_all.items():
        if not rel.startswith("pincong-md/"):
            continue
        for c in items[0].comments:
            if c.quoted:
                quoted += 1
                resolved += c.parent is not None
    assert quoted > 100
    # a few quote comments that were deleted or are not in the archive; nearly all resolve
    assert resolved / quoted > 0.9


def test_pincong_json_manifest_counts(corpus: Path, read_all):
    base = corpus / "pincong"
    for r in _manifest(base / "MANIFEST.tsv"):
        if r["role"] != "post":
            continue
        items = read_all.get(f"pincong/{r['path']}", [])
        assert len(items) == 1, r["path"]
        d = items[0]
        if isinstance(d, ReadError):
            assert not r["title"] and "deleted post" in d.reason
            continue
        assert d.url.endswith(f"/{r['kind']}/{r['post_id']}")
        if r["kind"] == "article":
            assert d.comments == []  # comment texts are not in this backup
            continue
        # MANIFEST counts the question's discussion_count field; the file may list fewer
        q = json.loads((base / r["path"]).read_text("utf-8"))
        missing = int(q.get("discussion_count") or 0) - len(q.get("discussions") or [])
        if r["comments_in_file"] == "n/a":
            assert len(d.comments) == len(q.get("discussions") or [])
        else:
            assert len(d.comments) == int(r["n_comments"]) - missing, r["path"]
        if not r["title"]:
            assert any("deleted post" in n for n in d.notes)
        assert sum(c.kind == "answer" for c in d.comments) == sum(
            1 for _ in json.loads((base / "question_answer" / f"{r['post_id']}.json").read_text("utf-8"))["answers"]
        ) if (base / "question_answer" / f"{r['post_id']}.json").exists() else True


def test_news_manifest(corpus: Path, read_all):
    for r in _manifest(corpus / "news" / "MANIFEST.tsv"):
        items = read_all[f"news/{r['path']}"]
        assert len(items) == 1 and isinstance(items[0], Document), r["path"]
        d = items[0]
        assert d.title and d.body.strip(), r["path"]
        assert d.published, r["path"]
        if r["path"].startswith("chinadigitaltimes/"):
            assert d.format == "markdown-dated"
            assert d.title == r["title"].strip()
            assert "<" not in d.body[:2000] or "<" in r["title"]
