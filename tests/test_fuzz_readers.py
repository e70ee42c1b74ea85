"""Fuzzing the readers with hostile files (issue 11). tests/test_readers_props.py garbles decoded text;
these tests go through files on disk, as `shiju analyze` does: every reader (forced with --format and
detected) on truncated, unclosed, deeply nested, binary, NUL-laden, mixed-encoding, emoji-laden, empty,
10 MB single-line files and symlink loops. A file yields Documents or ReadErrors naming it — never an
exception — and the command prints `shiju: cannot read <path>: <reason>` with no traceback.
"""
from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from _hostile import SEEDS, WEIRD, hostile_files, mixed_encodings, nested, truncations
from shiju.model import Document
from shiju.readers import ReadError, ReadOptions, iter_documents
from shiju.readers.detect import read_path
from test_readers_props import _check_doc

READERS = tuple(SEEDS) + ("parquet",)
EXT = {fmt: ext for fmt, (ext, _) in SEEDS.items()} | {"parquet": ".parquet"}
SETTINGS = settings(max_examples=40, deadline=None, suppress_health_check=list(HealthCheck))


def check_items(items: list, path: Path) -> list[Document]:
    """The reader contract on one file's output; returns the documents."""
    docs = []
    for item in items:
        assert isinstance(item, (Document, ReadError)), type(item)
        if isinstance(item, ReadError):
            assert item.path.startswith(str(path)), (item.path, path)
            assert isinstance(item.reason, str) and item.reason.strip()
            # _safe_iter turns a reader exception into "reader failed: …": for the fuzzer that is a crash
            assert not item.reason.startswith("reader failed"), item.reason
            assert str(item).startswith(str(path))
            continue
        _check_doc(item)
        # the store and --json must be able to write it: valid Unicode all through
        json.dumps(item.to_dict(), ensure_ascii=False).encode("utf-8")
        docs.append(item)
    return docs


def read_file(tmp: Path, name: str, data: bytes, fmt: str | None) -> tuple[Path, list]:
    p = tmp / name
    p.write_bytes(data)
    return p, list(read_path(str(p), ReadOptions(format=fmt)))


# -- fixed hostile files, every reader ------------------------------------------------------------------

HOSTILE = hostile_files()


@pytest.mark.parametrize("fmt", READERS)
def test_every_hostile_file_gives_documents_or_errors_naming_it(fmt: str, tmp_path: Path):
    tried = 0
    for i, (what, data) in enumerate(HOSTILE):
        for forced in (fmt, None):
            p, items = read_file(tmp_path, f"h{i}{EXT[fmt]}", data, forced)
            try:
                check_items(items, p)
            except AssertionError as exc:
                raise AssertionError(f"{what} read as {forced or 'detected'}: {exc}") from exc
            tried += 1
    assert tried == 2 * len(HOSTILE)


@pytest.mark.parametrize("fmt", tuple(SEEDS))
def test_seed_files_read(fmt: str, tmp_path: Path):
    """The miniatures the fuzzers start from are good input: each gives at least one document."""
    ext, data = SEEDS[fmt]
    p, items = read_file(tmp_path, "seed" + ext, data, None)
    assert check_items(items, p), items


def test_emoji_and_combining_marks_survive_reading(tmp_path: Path):
    body = "美国和中国👨‍👩‍👧‍👦在e\u0301日内瓦举行会谈🇺🇸🇨🇳，臺灣問題\u200d引發關注。"
    p, items = read_file(tmp_path, "e.txt", body.encode("utf-8"), None)
    (doc,) = check_items(items, p)
    assert "👨‍👩‍👧‍👦" in doc.body and "e\u0301" in doc.body and "🇺🇸🇨🇳" in doc.body


def test_mixed_encoding_files_read_or_are_refused_by_name(tmp_path: Path):
    for i, data in enumerate(mixed_encodings()):
        p, items = read_file(tmp_path, f"m{i}.txt", data, None)
        docs = check_items(items, p)
        for d in docs:  # whatever was decoded is text, not mojibake of control bytes
            assert "\x00" not in d.body


def test_lone_surrogates_in_json_are_an_error_for_that_record_only(tmp_path: Path):
    lines = [json.dumps({"text": "第一条：美国宣布制裁。"}, ensure_ascii=False), '{"text": "坏\\ud800字"}',
             json.dumps({"text": "第三条：日本回应。"}, ensure_ascii=False)]
    p, items = read_file(tmp_path, "s.jsonl", ("\n".join(lines) + "\n").encode(), None)
    docs = check_items(items, p)
    assert [d.body for d in docs] == ["第一条：美国宣布制裁。", "第三条：日本回应。"]
    (err,) = [x for x in items if isinstance(x, ReadError)]
    assert err.path == f"{p}:2" and "surrogate" in err.reason


# -- hypothesis: mutated seeds and junk --------------------------------------------------------------

def _mutate(data: bytes, edits: list[tuple[int, int, bytes]]) -> bytes:
    b = bytearray(data)
    for pos, kind, junk in edits:
        if not b:
            b.extend(junk)
            continue
        i = pos % (len(b) + 1)
        if kind == 0:
            b[i:i] = junk  # insert
        elif kind == 1:
            del b[i:i + len(junk) + 1]  # delete
        else:
            b[i:i + len(junk)] = junk  # overwrite
    return bytes(b)


JUNK = st.one_of(
    st.binary(min_size=1, max_size=8),
    st.sampled_from([b"\x00", b"\n---\n", b"```", b"\xe2\x80\x9c", b"\\", b'"', b"{", b"}", b"<div>", b"> > > ",
                     b"### \xe5\x93\x81\xe8\x91\xb1\xe7\x94\xa8\xe6\x88\xb7 **", b"\r", b"\xff\xfe", b"\xef\xbb\xbf"]),
    st.sampled_from(WEIRD).map(lambda s: s.encode("utf-8")),
    st.text(max_size=6).map(lambda s: s.encode("utf-8", "surrogatepass")),
    st.sampled_from(["美国", "中國", "台湾", "乌克兰"]).flatmap(
        lambda s: st.sampled_from([s.encode("gbk"), s.encode("big5", "replace"), s.encode("utf-8")])),
)
EDITS = st.lists(st.tuples(st.integers(0, 1 << 16), st.integers(0, 2), JUNK), max_size=12)


@SETTINGS
@given(st.sampled_from(READERS), st.sampled_from(tuple(SEEDS)), EDITS, st.booleans())
def test_mutated_seeds_never_raise(tmp_path_factory, fmt: str, seed: str, edits, forced: bool):
    tmp = tmp_path_factory.mktemp("mut")
    data = _mutate(SEEDS[seed][1], edits)
    p, items = read_file(tmp, "m" + EXT[fmt], data, fmt if forced else None)
    check_items(items, p)


@SETTINGS
@given(st.sampled_from(READERS), st.binary(max_size=3000), st.booleans())
def test_binary_junk_never_raises(tmp_path_factory, fmt: str, data: bytes, forced: bool):
    tmp = tmp_path_factory.mktemp("bin")
    p, items = read_file(tmp, "b" + EXT[fmt], data, fmt if forced else None)
    check_items(items, p)


@SETTINGS
@given(st.sampled_from(tuple(SEEDS)), st.integers(0, 10_000), st.integers(1, 400))
def test_nested_quotes_lists_and_tags_never_raise(tmp_path_factory, fmt: str, seedcut: int, depth: int):
    tmp = tmp_path_factory.mktemp("nest")
    prefix = SEEDS[fmt][1][: seedcut % (len(SEEDS[fmt][1]) + 1)]
    for i, extra in enumerate(nested(depth)):
        p, items = read_file(tmp, f"n{i}{EXT[fmt]}", prefix + extra, fmt)
        check_items(items, p)


# -- Parquet ---------------------------------------------------------------------------------------------

def _parquet_bytes(tmp: Path) -> bytes:
    pa = pytest.importorskip("pyarrow")
    import pyarrow.parquet as pq

    rows = [json.loads(line) for line in SEEDS["jsonl"][1].decode().splitlines()]
    cols = {k: [r.get(k) for r in rows] for k in ("text", "title", "date", "url")}
    pq.write_table(pa.table(cols), tmp / "seed.parquet", row_group_size=1)
    return (tmp / "seed.parquet").read_bytes()


def test_damaged_parquet_files_are_errors_naming_them(tmp_path: Path):
    data = _parquet_bytes(tmp_path)
    p, items = read_file(tmp_path, "ok.parquet", data, None)
    assert len(check_items(items, p)) == 3
    for i, cut in enumerate(truncations(data, 20) + [data[:4] + b"\x00" * 64 + data[68:], data[::-1]]):
        p, items = read_file(tmp_path, f"bad{i}.parquet", cut, None)
        check_items(items, p)


# -- 10 MB on a single line --------------------------------------------------------------------------------

LINE = ("美国总统拜登周二在白宫会见日本首相岸田文雄，双方讨论了地区安全问题。" * 320_000)[:3_400_000]  # ≈10 MB UTF-8


@pytest.mark.parametrize("fmt", READERS)
def test_a_10_mb_single_line(fmt: str, tmp_path: Path):
    wrap = {
        "pincong-md": "### 品葱用户 **甲** 评论于 2021-03-18\n{}\n", "markdown": "---\ntitle: 长\n---\n{}",
        "text": "{}", "html": "<html><body><p>{}</p></body></html>", "pincong-json": '{{"article_id": "1", "contents": "{}"}}',
        "jsonl": '{{"text": "{}"}}\n',
    }
    if fmt == "parquet":
        pa = pytest.importorskip("pyarrow")
        import pyarrow.parquet as pq

        p = tmp_path / "long.parquet"
        pq.write_table(pa.table({"text": [LINE]}), p)
        items = list(read_path(str(p), ReadOptions()))
    else:
        data = wrap[fmt].format(LINE).encode("utf-8")
        assert len(data) >= 10_000_000
        p, items = read_file(tmp_path, "long" + EXT[fmt], data, fmt)
    docs = check_items(items, p)
    assert docs, items  # a long line is text, not an error
    text = docs[0].body if docs[0].body else docs[0].comments[0].text
    assert len(text) >= 3_000_000


# -- directories: symlink loops and oddities ----------------------------------------------------------------

def test_symlink_loops_and_dangling_links_in_directories(tmp_path: Path):
    root = tmp_path / "corpus"
    (root / "a" / "b").mkdir(parents=True)
    (root / "a" / "one.txt").write_text("北约秘书长访问基辅。", encoding="utf-8")
    (root / "a" / "b" / "two.md").write_text("# 题\n\n日本首相访问华盛顿。", encoding="utf-8")
    os.symlink(root, root / "a" / "b" / "up")  # loop to the root
    os.symlink(root / "a" / "b", root / "a" / "b" / "self")  # loop to itself
    os.symlink(root / "x1.txt", root / "x2.txt")  # x1 -> x2 -> x1: ELOOP
    os.symlink(root / "x2.txt", root / "x1.txt")
    os.symlink(root / "missing.txt", root / "dangling.txt")
    os.symlink(root / "a" / "one.txt", root / "alias.txt")  # the same file under two names
    (root / "empty.txt").write_bytes(b"")
    items = list(iter_documents([str(root)], ReadOptions()))
    docs = [x for x in items if isinstance(x, Document)]
    errors = [x for x in items if isinstance(x, ReadError)]
    assert sorted(Path(d.source).name for d in docs) == ["alias.txt", "one.txt", "two.md"]
    for e in errors:
        assert e.path.startswith(str(root)) and e.reason
    named = list(iter_documents([str(root / "x1.txt"), str(root / "dangling.txt"), str(root / "empty.txt")],
                                ReadOptions()))
    assert all(isinstance(x, ReadError) for x in named) and len(named) == 3
    assert [Path(x.path).name for x in named] == ["x1.txt", "dangling.txt", "empty.txt"]


# -- the command: no traceback, the file named -----------------------------------------------------------

CLI_CASES = [("binary.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00"), ("empty.md", b""), ("utf16.txt", "美国".encode("utf-16-le")),
             ("cut.json", SEEDS["pincong-json"][1][:40]), ("deep.json", nested(100_000)[5]),
             ("bad.parquet", b"PAR1" + b"\x00" * 10), ("bad.jsonl", b'{"text": "\\ud800"}\n{oops\n'),
             ("nul.html", b"<p>\x00</p>")]


@pytest.mark.parametrize("name,data", CLI_CASES, ids=[c[0] for c in CLI_CASES])
def test_analyze_names_the_bad_file_without_traceback(name: str, data: bytes, tmp_path: Path, capsys):
    from shiju.cli import main

    p = tmp_path / name
    p.write_bytes(data)
    rc = main(["analyze", str(p), "--no-store", "--workers", "1", "--quiet", "--json"])
    err = capsys.readouterr().err
    assert rc == 1
    assert "Traceback" not in err
    lines = [line for line in err.splitlines() if line.startswith("shiju: cannot read ")]
    assert lines and all(line.startswith(f"shiju: cannot read {p}") for line in lines), err
    assert all(len(line.split(": ", 2)[-1].strip()) > 3 for line in lines)  # a reason is given
