"""Readers: exact expectations on the two seed documents, and every input format on text we write here."""
from __future__ import annotations

import io
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from shiju.model import Document
from shiju.readers import ReadError, ReadOptions, iter_documents
from shiju.readers._common import decode_bytes, normalize_date, split_origin
from shiju.readers.detect import read_text

FORUM_MARKUP = re.compile(r"###|\*\*|^>|\[\\?>>\]|item_id|品葱用户|\]\(|!\[", re.M)


def read_one(path, **opts) -> Document:
    items = list(iter_documents([str(path)], ReadOptions(**opts)))
    errors = [i for i in items if isinstance(i, ReadError)]
    assert not errors, errors
    assert len(items) == 1, items
    return items[0]


def read_str(text: str, fmt: str, **opts) -> Document:
    items = list(read_text(text, "<test>", fmt, ReadOptions(**opts)))
    assert len(items) == 1 and isinstance(items[0], Document), items
    return items[0]


# -- seeds ---------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def forum(shared_dir: Path) -> Document:
    return read_one(shared_dir / "examples" / "000_ab66639e79e47254.txt")


def test_forum_seed_metadata(forum: Document):
    assert forum.format == "pincong-md"
    assert forum.title == "美韩2+2会议显示以美日韩同盟为中心打造东亚秩序"
    assert forum.author == "gjjkol"
    assert forum.published == "2021-03-18"
    assert forum.modified == "2021-03-19"
    assert forum.tags == ["美国", "日本", "韩国", "东南亚"]
    assert forum.url == "https://pincong.rocks/article/30496"
    assert forum.language == "zh-Hans"
    assert re.fullmatch(r"[0-9a-f]{16}", forum.id)


def test_forum_seed_origin_link_taken_off_the_body(forum: Document):
    assert forum.origin_url is not None and "voachinese.com" in forum.origin_url
    assert forum.origin_url.startswith("https://")
    assert "http" not in forum.body
    assert "新闻来源" not in forum.body
    assert forum.body.rstrip().endswith("。") or forum.body.rstrip().endswith("”")


def test_forum_seed_comments_and_replies(forum: Document):
    assert len(forum.comments) == 24
    assert all(c.kind == "comment" for c in forum.comments)
    # a reply is a comment whose parent comment was identified
    replies = [c for c in forum.comments if c.parent]
    assert len(replies) == 11
    # every two-name header gives the user replied to
    assert sum(1 for c in forum.comments if c.reply_to) == 14
    ids = {c.id for c in forum.comments}
    assert len(ids) == 24
    assert all(c.parent in ids and c.parent != c.id for c in replies)


def test_forum_seed_reply_resolves_to_quoted_comment(forum: Document):
    by_id = {c.id: c for c in forum.comments}
    xie = [c for c in forum.comments if c.author == "谢玉阳"]
    assert len(xie) == 1
    assert xie[0].reply_to == "林肯"
    assert by_id[xie[0].parent].author == "林肯"
    # the quoted excerpt is kept apart from the replier's own words
    assert xie[0].quoted and xie[0].quoted in by_id[xie[0].parent].text
    assert xie[0].quoted not in xie[0].text


def test_forum_seed_no_markup_left(forum: Document):
    for part, text in forum.parts():
        assert not FORUM_MARKUP.search(text), (part, FORUM_MARKUP.search(text))
        assert "  \n" not in text and "\t" not in text
    for c in forum.comments:
        assert c.author and "\n" not in c.author and "*" not in c.author
        assert c.date and re.fullmatch(r"\d{4}-\d{2}-\d{2}", c.date)


@pytest.fixture(scope="module")
def netease(shared_dir: Path) -> Document:
    return read_one(shared_dir / "examples" / "004_f366ca0c26a3630b.txt", default_date="2025-09-01")


def test_netease_seed_body_is_clean(netease: Document, shared_dir: Path):
    raw = (shared_dir / "examples" / "004_f366ca0c26a3630b.txt").read_text("utf-8")
    assert netease.format == "text"
    assert "![]()" in raw and "![" not in netease.body
    assert "特别声明" not in netease.body and "Notice:" not in netease.body
    assert "参考资料" not in netease.body
    assert netease.published == "2025-09-01"  # from --date: the file carries none
    assert netease.title is None
    # the body keeps the article's paragraphs, one per line
    assert netease.body.count("\n") >= 20
    assert "李在明" in netease.body.split("\n")[0]


def test_netease_seed_references_kept(netease: Document):
    assert len(netease.references) >= 2
    for ref in netease.references:
        assert ref.title and ref.source
        assert ref.title not in netease.body
        assert "![" not in ref.title and "——" not in ref.title
    assert len({(r.title, r.source) for r in netease.references}) == len(netease.references)


# -- 品葱 markdown constructs (made-up miniatures) -------------------------------------------------

PINCONG = """---
layout: default
Lastmod: 2020-08-10T01:02:03.000000+00:00
date: 2020-8-9T00:00:00.000Z
title: "北约峰会：成员国承诺提高国防开支"
author: "观察者甲"
tags: [北约,\t\t\t\t欧洲,\t\t\t\t美国]
---

据路透社报道，北约成员国领导人周二在布鲁塞尔同意，\\*逐步\\*把国防开支提高到**GDP的2%**。  
秘书长表示，这是[历史性的一步]( "https://example.org/a")。![](https://images.weserv.nl/?url=x)  
  

```
-----BEGIN PGP MESSAGE-----  
```

1\\. 第一点：俄罗斯对乌克兰的威胁仍在。原文链接：https://example.org/nato-summit

            
### 品葱用户 **乙先生** 评论于 2020-08-09
        
欧洲早就该自己负担防务了。
        


            
### 品葱用户 **丙小姐 
乙先生** 评论于 2020-08-10
        
[

> 欧洲早就该自己负担防务了。

](https://pincong.rocks/article/item_id-1234# "https://pincong.rocks/article/item_id-1234#")  
说得对，但德国还在拖。
        


            
### 品葱用户 **丁** 评论于 2020-08-10
        
~已删除~
        


            
### 品葱用户 **戊** 评论于 2020-08-10
        
_已隐藏_
        


            
### 品葱用户 **己\t\t\t\t
\t\t\t\t\t\t\t\t\t丙小姐** 评论于 2020-08-11
        
> [\\>>]( "/article/item_id-1240#") 说得对，但德国还在拖。

  
德国明年就会达标。
        






> [点击品葱原文参与讨论](https://pincong.rocks/article/id-4242__sort_key-agree_count__sort-DESC)
"""


def test_pincong_markdown_constructs():
    doc = read_str(PINCONG, "pincong-md")
    assert doc.published == "2020-08-09"  # malformed 2020-8-9 date
    assert doc.tags == ["北约", "欧洲", "美国"]
    assert doc.url == "https://pincong.rocks/article/4242"
    assert doc.origin_url == "https://example.org/nato-summit"
    assert "*逐步*" in doc.body  # escaped asterisks are text
    assert "GDP的2%" in doc.body and "**" not in doc.body
    assert "历史性的一步" in doc.body and "example.org" not in doc.body
    assert "weserv" not in doc.body and "PGP" not in doc.body
    assert "1. 第一点" in doc.body
    assert "原文链接" not in doc.body
    assert any("code block" in n for n in doc.notes)
    by_author = {c.author: c for c in doc.comments}
    assert list(by_author) == ["乙先生", "丙小姐", "丁", "戊", "己"]
    assert by_author["丁"].deleted and by_author["丁"].text == ""
    assert by_author["戊"].deleted
    bing = by_author["丙小姐"]
    assert bing.reply_to == "乙先生" and bing.parent == by_author["乙先生"].id
    assert bing.quoted == "欧洲早就该自己负担防务了。"
    assert bing.text == "说得对，但德国还在拖。"
    ji = by_author["己"]
    assert ji.reply_to == "丙小姐" and ji.parent == bing.id and ji.text == "德国明年就会达标。"


QUESTION = """---
layout: default
date: 2020-05-28T00:00:00.000Z
title: "日本会修宪吗？"
author: "提问人"
tags: [日本,宪法]
---


### 品葱用户 **提问人** 提问于 5/28/2020
    
安倍说要在任内修改宪法第九条，大家觉得有可能吗？
    
                

### 品葱用户 **回答者** 评论于 
        
很难，参院席位不够。
        
                



> [点击品葱原文参与讨论](https://pincong.rocks/question/26206)
"""


def test_pincong_question_post():
    doc = read_str(QUESTION, "pincong-md")
    assert doc.url == "https://pincong.rocks/question/26206"
    assert doc.body == "安倍说要在任内修改宪法第九条，大家觉得有可能吗？"
    assert len(doc.comments) == 1
    c = doc.comments[0]
    assert c.kind == "answer" and c.author == "回答者" and c.date is None and c.text == "很难，参院席位不够。"
    no_fm_date = QUESTION.replace("date: 2020-05-28T00:00:00.000Z\n", "")
    assert read_str(no_fm_date, "pincong-md").published == "2020-05-28"  # from 提问于 M/D/YYYY


def test_non_pincong_item_of_the_archive_is_an_article():
    text = '---\nlayout: default\ndate: 2025-11-17T00:31:55.803910+00:00\ntitle: "问题"\nauthor: ""\ntags: [日本]\n---\n\n### 知乎用户  张\u200b三 发表\n\n回答一。\n'
    doc = read_one_text(text, "a.md")
    assert doc.format == "markdown" and doc.comments == []
    assert doc.author is None and doc.published == "2025-11-17"
    assert "回答一。" in doc.body and "###" not in doc.body


def read_one_text(text: str, name: str, tmp: Path | None = None) -> Document:
    import tempfile

    with tempfile.TemporaryDirectory() as d:
        p = Path(d) / name
        p.write_text(text, encoding="utf-8")
        return read_one(p)


# -- news markdown -------------------------------------------------------------------------------


def test_front_matter_markdown_with_html_body():
    text = (
        '---\nlayout: post\ntitle: "欧盟对俄新一轮制裁"\ndate: 2022-06-03T10:07:20+01:00\nauthor: 记者乙\n'
        "from: https://example.org/eu-sanctions\ntags: [ 欧盟, 俄罗斯 ]\n---\n\n"
        "<div><p>欧盟周五正式通过对俄罗斯的第六轮制裁，\n  包括逐步禁止进口俄罗斯石油。</p>"
        "<p>匈牙利获得了豁免。</p><script>var x=1;</script></div>\n"
    )
    doc = read_one_text(text, "post.md")
    assert (doc.format, doc.title, doc.author, doc.published) == ("markdown", "欧盟对俄新一轮制裁", "记者乙", "2022-06-03")
    assert doc.tags == ["欧盟", "俄罗斯"]
    assert doc.origin_url == "https://example.org/eu-sanctions"
    assert "欧盟周五正式通过对俄罗斯的第六轮制裁，包括逐步禁止进口俄罗斯石油。" in doc.body
    assert "<" not in doc.body and "var x" not in doc.body


def test_dated_markdown():
    text = (
        "[德国之声｜德国总理访问北京](https://example.org/2022/11/scholz/)\n------\n"
        "日期：Fri, 04 Nov 2022 08:30:00 +0000\n\n<p>德国总理朔尔茨周五抵达北京。</p><p>他是疫情以来首位访华的七国集团领导人。</p>"
        "<p>Post tags: 德国, 中德关系</p><p>Feed enhanced by Better Feed from Ozh</p>"
    )
    doc = read_one_text(text, "123_x.md")
    assert doc.format == "markdown-dated"
    assert doc.title == "德国之声｜德国总理访问北京"
    assert doc.url == "https://example.org/2022/11/scholz/"
    assert doc.published == "2022-11-04"
    assert doc.tags == ["德国", "中德关系"]
    assert "Feed enhanced" not in doc.body and "Post tags" not in doc.body
    assert doc.body.startswith("德国总理朔尔茨周五抵达北京。")


# -- JSON backup ---------------------------------------------------------------------------------


def _write(p: Path, obj) -> None:
    p.parent.mkdir(parents=True, exist_ok=True)
    p.write_text(json.dumps(obj, ensure_ascii=False), encoding="utf-8")


def test_pincong_json_question_merges_answers(tmp_path: Path):
    q = {"question_id": "77", "title": "美国会重返伊核协议吗？", "tags": [{"id": "1", "name": "伊朗"}],
         "author": {"username": "问者"}, "date": "2021-02-01",
         "contents": "<div>拜登政府表示愿意重返谈判。<br/>\n你们怎么看？\t</div>",
         "discussions": [{"id": "5", "replier": {"username": "路人"}, "date": "2021-02-02", "content": "难"}]}
    a = {"parent_type": "question", "parent_id": "77", "answers": [
        {"id": "9", "answerer": {"username": "答者"}, "date": "2021-02-02", "contents": "<div>伊朗要先解除制裁。</div>",
         "discussions": [{"id": "11", "replier": {"username": "问者"}, "date": "2021-02-03", "content": "@答者:同意"},
                         {"id": "12", "replier": {"username": "路人"}, "date": "2021-02-03", "content": "未必"}]}]}
    _write(tmp_path / "question" / "77.json", q)
    _write(tmp_path / "question_answer" / "77.json", a)
    items = list(iter_documents([str(tmp_path)], ReadOptions()))
    assert len(items) == 1  # the answers file is merged, not read twice
    doc = items[0]
    assert doc.format == "pincong-json" and doc.url == "https://pincong.rocks/question/77"
    assert doc.body == "拜登政府表示愿意重返谈判。\n你们怎么看？"
    kinds = [(c.id, c.kind, c.reply_to, c.parent, c.text) for c in doc.comments]
    assert kinds == [
        ("d5", "comment", None, None, "难"),
        ("a9", "answer", None, None, "伊朗要先解除制裁。"),
        ("d11", "comment", "答者", "a9", "同意"),
        ("d12", "comment", "答者", "a9", "未必"),
    ]
    # the answers file named alone gives the same document
    alone = read_one(tmp_path / "question_answer" / "77.json")
    assert alone.id == doc.id


def test_pincong_json_deleted_placeholder_is_reported(tmp_path: Path):
    _write(tmp_path / "article" / "5.json", {"article_id": "5", "title": "", "contents": "<div>\n</div>",
                                             "date": "2023-01-01", "comment_count": 3})
    items = list(iter_documents([str(tmp_path / "article" / "5.json")], ReadOptions()))
    assert len(items) == 1 and isinstance(items[0], ReadError)
    assert "deleted post" in items[0].reason and items[0].path.endswith("5.json")


# -- plain text, HTML, JSON Lines ----------------------------------------------------------------


def test_plain_text_disclaimer_and_references():
    text = ("韩国总统周三会见了美国国务卿。\n![]()\n双方讨论了朝鲜问题。\n参考资料：\n美韩外长会谈——韩联社\n![]()\n"
            "白宫声明——白宫\n特别声明:以上内容为用户上传。\nNotice: The content above is uploaded by a user.\n")
    doc = read_str(text, "text")
    assert doc.body == "韩国总统周三会见了美国国务卿。\n双方讨论了朝鲜问题。"
    assert [(r.title, r.source) for r in doc.references] == [("美韩外长会谈", "韩联社"), ("白宫声明", "白宫")]


def test_html_page_metadata():
    html = ("<!DOCTYPE html><html><head><title>站点</title><meta property=\"og:title\" content=\"日本首相访问华盛顿\">"
            "<meta name=\"author\" content=\"记者丙\"><meta property=\"article:published_time\" content=\"2023-01-13T09:00:00+09:00\">"
            "<meta name=\"keywords\" content=\"日本,美国\"><link rel=\"canonical\" href=\"https://example.org/kishida\"></head>"
            "<body><nav>首页 | 国际</nav><article><h1>日本首相访问华盛顿</h1>"
            "<p>日本首相岸田文雄周五在白宫与美国总统拜登会谈，双方同意加强防务合作，并就中国和朝鲜问题交换意见。</p>"
            "<p>拜登表示，美国完全致力于日本的防卫，岸田则介绍了日本新的国家安全战略与增加防卫开支的计划。</p>"
            "</article><footer>版权所有</footer></body></html>")
    doc = read_str(html, "html")
    assert doc.format == "html" and doc.title == "日本首相访问华盛顿"
    assert doc.author == "记者丙" and doc.published == "2023-01-13"
    assert doc.url == "https://example.org/kishida" and doc.tags == ["日本", "美国"]
    assert "岸田文雄" in doc.body and "<" not in doc.body


def test_jsonl_field_mapping_and_bad_lines(tmp_path: Path):
    p = tmp_path / "c.jsonl"
    lines = [
        json.dumps({"content": {"body": "以色列与沙特恢复谈判。"}, "headline": "中东", "time": "2023/9/21", "link": "https://e.org/1"},
                   ensure_ascii=False),
        "{not json",
        json.dumps({"other": 1}),
        "",
        json.dumps({"content": {"body": "联合国安理会召开紧急会议。"}, "headline": "安理会"}, ensure_ascii=False),
    ]
    p.write_text("\n".join(lines) + "\n", encoding="utf-8")
    opts = dict(text_field="content.body", title_field="headline", date_field="time", url_field="link")
    items = list(iter_documents([str(p)], ReadOptions(**opts)))
    assert [type(i).__name__ for i in items] == ["Document", "ReadError", "ReadError", "Document"]
    assert items[0].title == "中东" and items[0].published == "2023-09-21" and items[0].url == "https://e.org/1"
    assert items[1].path == f"{p}:2" and "invalid JSON" in items[1].reason
    assert items[2].path == f"{p}:3" and "content.body" in items[2].reason
    assert items[3].source == f"{p}:5"


# -- encodings, paths, stdin ---------------------------------------------------------------------

ARTICLE_HANT = "美國國務卿布林肯週二抵達首爾，與韓國外交部長會談。\r\n雙方討論了北韓核問題。\r\n"


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gb18030", "big5", "utf-16"])
def test_encodings_are_detected(tmp_path: Path, encoding: str):
    text = ARTICLE_HANT if encoding in ("big5", "utf-8", "utf-8-sig", "utf-16") else ARTICLE_HANT.replace("週", "周")
    p = tmp_path / "a.txt"
    p.write_bytes(text.encode(encoding))
    doc = read_one(p)
    assert doc.body == text.replace("\r\n", "\n").strip()
    if encoding != "gb18030":
        assert doc.language == "zh-Hant"  # Traditional characters are kept as they are


def test_gbk_simplified(tmp_path: Path):
    text = "中国外交部发言人汪文斌周一表示，中方坚决反对美方对台军售。\n"
    p = tmp_path / "g.txt"
    p.write_bytes(text.encode("gbk"))
    assert read_one(p).body == text.strip()


def test_directory_walk_globs_and_symlink_loops(tmp_path: Path):
    (tmp_path / "a" / "b").mkdir(parents=True)
    (tmp_path / "a" / "one.txt").write_text("第一篇。", encoding="utf-8")
    (tmp_path / "a" / "b" / "two.md").write_text("# 标题\n\n第二篇。", encoding="utf-8")
    (tmp_path / "a" / "b" / "skip.tsv").write_text("x\ty", encoding="utf-8")
    (tmp_path / "a" / ".hidden.txt").write_text("隐藏。", encoding="utf-8")
    os.symlink(tmp_path / "a", tmp_path / "a" / "b" / "loop")
    docs = list(iter_documents([str(tmp_path)], ReadOptions()))
    assert sorted(Path(d.source).name for d in docs) == ["one.txt", "two.md"]
    assert all(isinstance(d, Document) for d in docs)
    globbed = list(iter_documents([str(tmp_path / "a" / "**" / "*.md")], ReadOptions()))
    assert [Path(d.source).name for d in globbed] == ["two.md"] and globbed[0].title == "标题"
    missing = list(iter_documents([str(tmp_path / "nope.txt"), str(tmp_path / "*.xyz")], ReadOptions()))
    assert [type(m).__name__ for m in missing] == ["ReadError", "ReadError"]


def test_stdin(monkeypatch):
    data = "普京与埃尔多安在索契会晤。\n".encode("utf-8")
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))
    docs = list(iter_documents(["-"], ReadOptions(default_date="2021-09-29")))
    assert len(docs) == 1 and docs[0].source == "<stdin>" and docs[0].published == "2021-09-29"
    jl = (json.dumps({"text": "一"}, ensure_ascii=False) + "\n" + json.dumps({"text": "二"}, ensure_ascii=False) + "\n").encode()
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(jl)))
    docs = list(iter_documents(["-"], ReadOptions()))
    assert [d.body for d in docs] == ["一", "二"]


def test_ids_are_stable_and_from_content(tmp_path: Path):
    (tmp_path / "x.txt").write_text("伊朗与沙特在北京宣布复交。", encoding="utf-8")
    (tmp_path / "y.txt").write_text("伊朗与沙特在北京宣布复交。", encoding="utf-8")
    (tmp_path / "z.txt").write_text("伊朗与沙特在北京宣布复交！", encoding="utf-8")
    a, b, c = (read_one(tmp_path / n) for n in ("x.txt", "y.txt", "z.txt"))
    assert a.id == b.id != c.id
    assert read_one(tmp_path / "x.txt").id == a.id


@pytest.mark.parametrize(
    "value,expected",
    [("2019-5-15T05:21:05.335366+00:00", "2019-05-15"), ("Thu, 02 Jul 2020 18:28:24 +0000", "2020-07-02"),
     ("5/28/2020", "2020-05-28"), ("2020年7月1日", "2020-07-01"), ("2021-02-30", None), ("", None), ("soon", None)],
)
def test_dates(value, expected):
    assert normalize_date(value) == expected


def test_origin_split_keeps_other_endings():
    assert split_origin("正文。")[1] is None
    assert split_origin("正文。[白宫声明](https://e.org)")[1] is None  # an ordinary link is not a source line
    assert split_origin("正文。来源：DW https://dw.com/x") == ("正文。", "https://dw.com/x")
    assert split_origin("正文。\n\n原文链接：[点此](https://e.org/a)") == ("正文。", "https://e.org/a")


def test_decode_rejects_binary():
    with pytest.raises(ReadError, match="binary"):
        decode_bytes(b"\x89PNG\r\n\x1a\n\x00\x00", "img.png")


# -- the command ---------------------------------------------------------------------------------


def test_analyze_reports_a_bad_file_and_goes_on(tmp_path: Path):
    (tmp_path / "good.txt").write_text("北约秘书长周一访问基辅。", encoding="utf-8")
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"\x00\x01\x02garbage\x00")
    env = dict(os.environ, PYTHONPATH=str(Path(__file__).resolve().parents[1] / "src"))
    r = subprocess.run([sys.executable, "-m", "shiju.cli", "analyze", str(tmp_path), "--no-store", "--json"],
                       capture_output=True, text=True, env=env, timeout=300)
    assert r.returncode == 1, r.stderr
    assert f"shiju: cannot read {bad}: " in r.stderr
    out = [json.loads(line) for line in r.stdout.splitlines() if line.strip()]
    assert len(out) == 1 and out[0]["body"] == "北约秘书长周一访问基辅。"
