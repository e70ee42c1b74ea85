"""Property tests: readers never fail with anything but ReadError, keep the words of the text, and every
part of a document they build is addressable with exact offsets."""
from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from shiju.model import Document
from shiju.readers import ReadError, ReadOptions
from shiju.readers._common import decode_bytes
from shiju.readers._markup import html_to_text, md_to_text
from shiju.readers.detect import FORMATS, read_text, sniff_format

SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# pieces of every input format, to be shuffled into garbled documents
FRAGMENTS = [
    "---\n", "layout: default\n", 'title: "标题"\n', "date: 2021-3-18T00:00:00.000Z\n", "tags: [美国,\t\t日本]\n",
    "author: \"甲\"\n", "### 品葱用户 **甲** 评论于 2021-03-18\n", "### 品葱用户 **乙\t\t\n\t\t甲** 评论于 2021-03-19\n",
    "### 品葱用户 **丙 丁** 评论于 \n", "### 品葱用户 **问者** 提问于 5/28/2020\n", '> [\\>>]( "/article/item_id-1#") 引用\n',
    "[\n\n> 引用文字\n\n](https://pincong.rocks/article/item_id-2# \"x\")  \n", "~已删除~\n", "_已隐藏_\n",
    "> [点击品葱原文参与讨论](https://pincong.rocks/article/id-9__sort)\n", "        \n", "            \n", "\n",
    "新闻来源美国之音https://www.voachinese.com/a/1.html", "![]()\n", "参考资料:\n", "标题——来源\n",
    "特别声明:以上内容\n", "日期：Thu, 02 Jul 2020 18:28:24 +0000\n", "[题](https://e.org/x)\n------\n",
    "<p>段落</p>", "<div><br/>", "</div>", "<script>x</script>", "```\n", "**粗**", "\\*", "[链接](", ")",
    '{"text": "正文", "title": "题"}\n', '{"article_id": "1", "title": "", "contents": ""}', "[", "]", "{", "}",
    "美国国务卿布林肯周二访问首尔。", "北約峰會在維爾紐斯舉行。", "@用户:", "\r\n", "\ufeff", "\u200b", "\x00",
]
garbled = st.lists(st.one_of(st.sampled_from(FRAGMENTS), st.text(max_size=8)), max_size=40).map("".join)


def _check_doc(doc: Document) -> None:
    ids = [c.id for c in doc.comments]
    assert len(set(ids)) == len(ids)
    assert all(c.parent is None or c.parent in ids for c in doc.comments)
    for part, text in doc.parts():
        assert doc.part_text(part) == text
        view = doc.view(part)
        assert view.original == text and len(view.simplified) == len(text)


def _read_all(text: str, fmt: str) -> list:
    out = []
    try:
        for item in read_text(text, "<prop>", fmt, ReadOptions()):
            out.append(item)
    except ReadError:
        pass
    return out


@SETTINGS
@given(garbled, st.sampled_from(FORMATS + ("json",)))
def test_garbled_input_only_ever_gives_read_errors(text: str, fmt: str):
    for item in _read_all(text, fmt):
        assert isinstance(item, (Document, ReadError))
        if isinstance(item, Document):
            _check_doc(item)


@SETTINGS
@given(garbled)
def test_detected_format_reads_garbled_input(text: str):
    fmt = sniff_format(text, "x.md")
    assert fmt in FORMATS + ("json",)
    for item in _read_all(text, fmt):
        if isinstance(item, Document):
            _check_doc(item)


@SETTINGS
@given(st.binary(max_size=300))
def test_random_bytes_decode_or_read_error(data: bytes):
    try:
        text = decode_bytes(data, "b.txt")
    except ReadError as err:
        assert err.path == "b.txt" and err.reason
        return
    assert "\r" not in text
    for item in _read_all(text, sniff_format(text, "b.txt")):
        assert isinstance(item, (Document, ReadError))


WORD = st.text(alphabet=st.characters(min_codepoint=0x4E00, max_codepoint=0x4FFF), min_size=1, max_size=6)
WRAPS = [("", ""), ("**", "**"), ("*", "*"), ("_", "_"), ("[", "](https://e.org/a \"t\")"), ("[", ']( "https://e.org")'),
         ("`", "`"), ("~~", "~~"), ("\\[", "\\]")]


@SETTINGS
@given(st.lists(st.tuples(WORD, st.sampled_from(WRAPS), st.sampled_from([" ", "  \n", "\n\n", "，", "\n> ", "\n- ", "\n### "])),
                min_size=1, max_size=12))
def test_markdown_keeps_every_word_in_order_and_no_markup(items):
    md = "".join(f"{a}{w}{b}{sep}" for w, (a, b), sep in items)
    text, _ = md_to_text(md)
    pos = 0
    for w, _, _ in items:
        i = text.find(w, pos)
        assert i >= 0, (md, text, w)
        pos = i + len(w)
    for token in ("**", "](", "###", "~~", "`", "\\["):
        assert token not in text, (md, text)


@SETTINGS
@given(st.lists(st.tuples(WORD, st.sampled_from(["p", "div", "span", "b", "li", "blockquote", "br"])), min_size=1, max_size=10))
def test_html_keeps_every_word_in_order(items):
    html = "".join(f"<{t}>{w}</{t}>" if t != "br" else f"{w}<br/>" for w, t in items)
    text = html_to_text(html)
    pos = 0
    for w, _ in items:
        i = text.find(w, pos)
        assert i >= 0, (html, text)
        pos = i + len(w)
    assert "<" not in text
