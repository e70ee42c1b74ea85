"""Hostile inputs for the fuzz tests (tests/test_fuzz_*.py) and the atheris targets (fuzz/): small
well-formed seed files per reader (text written for shiju), and deterministic ways to spoil them —
truncation, unclosed constructs, deep nesting, NUL bytes, mixed encodings, emoji and combining marks.

Nothing here uses hypothesis, so the atheris targets can import it too.
"""
from __future__ import annotations

import json

# One well-formed miniature per reader: (format name, file extension, bytes).
PINCONG_MD = """---
layout: default
date: 2021-3-18T00:00:00.000Z
title: "美日外长会谈：关注台海局势"
author: "观察者"
tags: [美国,\t\t日本]
---

美国国务卿布林肯周二在东京与日本外相茂木敏充会谈，双方表示将“坚决反对以武力改变现状”。

```
code
```

            
### 品葱用户 **甲** 评论于 2021-03-18
        
美日同盟越来越紧密了。
        

            
### 品葱用户 **乙** 评论于 2021-03-19
        
[

> 美日同盟越来越紧密了。

](https://pincong.rocks/article/item_id-2# "x")  
中国外交部会怎么回应？
        

> [点击品葱原文参与讨论](https://pincong.rocks/article/id-99__sort)
"""

MARKDOWN = """---
title: 北约峰会在维尔纽斯举行
date: 2023-07-11
author: 记者甲
tags: [北约, 乌克兰]
---

# 北约峰会

北约秘书长斯托尔滕贝格周二表示，乌克兰的未来在北约。

> 泽连斯基说：“我们需要明确的时间表。”

- 德国承诺追加援助
- 法国提供远程导弹

原文链接：[点此](https://example.org/nato)
"""

TEXT = ("韩国总统尹锡悦周三会见到访的美国国务卿布林肯。\n双方讨论了朝鲜半岛局势。\n\n"
        "参考资料：\n美韩外长会谈——韩联社\n特别声明：以上内容仅代表作者本人观点。\n")

HTML = """<!doctype html><html><head><title>伊朗与沙特复交</title>
<meta name="author" content="记者乙"><meta property="article:published_time" content="2023-03-10">
</head><body><article><h1>伊朗与沙特在北京宣布复交</h1>
<p>伊朗和沙特阿拉伯3月10日在北京发表联合声明，同意恢复外交关系。</p>
<p>美国国务院发言人表示欢迎任何有助于缓和地区紧张的努力。<br>沙特外交大臣说“这是新的开始”。</p>
<script>var x = "<p>不是正文</p>";</script></article></body></html>
"""

PINCONG_JSON = json.dumps({
    "article_id": "42", "title": "俄乌谈判前景", "author": {"username": "网友丙"}, "date": "2022-03-01",
    "contents": "<div>俄罗斯和乌克兰代表团在白俄罗斯边境举行谈判。<br/>双方同意继续对话。</div>",
    "comments": [{"id": "7", "author": {"username": "网友丁"}, "date": "2022-03-02", "content": "@网友丙:谈不出结果"}],
}, ensure_ascii=False)

JSONL = "\n".join(json.dumps(r, ensure_ascii=False) for r in [
    {"text": "印度总理莫迪周五在新德里会见澳大利亚总理。", "title": "印澳会晤", "date": "2023-03-10"},
    {"text": "<p>日本首相岸田文雄宣布向乌克兰提供<b>新的</b>援助。</p>", "date": "2023-03-21"},
    {"text": "欧盟**批准**第十轮对俄制裁。\n\n> 冯德莱恩说：“压力会继续。”", "url": "https://example.org/eu"},
]) + "\n"

SEEDS: dict[str, tuple[str, bytes]] = {
    "pincong-md": (".md", PINCONG_MD.encode("utf-8")),
    "markdown": (".md", MARKDOWN.encode("utf-8")),
    "text": (".txt", TEXT.encode("utf-8")),
    "html": (".html", HTML.encode("utf-8")),
    "pincong-json": (".json", PINCONG_JSON.encode("utf-8")),
    "jsonl": (".jsonl", JSONL.encode("utf-8")),
}

# Characters that stress offsets and views: astral emoji with ZWJ sequences and skin tones, combining
# marks on Latin and CJK, variation selectors, bidi controls, full-width forms, Traditional forms.
WEIRD = ["👨‍👩‍👧‍👦", "🇺🇸🇨🇳", "👍🏽", "e\u0301", "美\u0301\u0302", "\u200b", "\u200d", "\ufe0f", "\u202e", "\u2028",
         "ＡＢＣ１２３", "臺灣", "習近平", "𠮷", "\U000e0001", "\u3000", "·", "・", "\ufeff", "\t", "\x0b", "\x1f", "\x7f"]


def truncations(data: bytes, n: int = 12) -> list[bytes]:
    """`data` cut at n evenly spread points (cuts inside multi-byte characters included)."""
    if not data:
        return [b""]
    return [data[: max(0, (len(data) * k) // n - (k % 3))] for k in range(n + 1)]


def unclosed(fmt: str) -> list[bytes]:
    """Constructs left open: front matter, fences, quotes, brackets, tags, JSON strings."""
    s = [
        "---\ntitle: 没有结束的前言\ndate: 2021-01-01\n正文从这里开始。",
        "---\n---\n",
        "---\ntitle: \"未闭合的引号\ndate: 2021\n---\n正文。",
        "```\n代码块没有结束\n美国宣布制裁。",
        "美国国务卿说：“我们将继续支持台湾",
        "「引號沒有結束『再一層",
        "[链接没有结束](https://example.org",
        "**粗体没有结束 中国外交部回应",
        "<p><div><span>标签没有结束 日本首相访问华盛顿",
        '{"text": "字符串没有结束',
        '{"article_id": "1", "contents": "<div>',
        "### 品葱用户 **甲 评论于 2021-03-18\n没有结束的用户名",
        "> [\\>>]( \"/article/item_id-1#\") 引用没有结束\n",
    ]
    return [x.encode("utf-8") for x in s]


def nested(depth: int = 5000) -> list[bytes]:
    """Deeply nested markdown quotes, lists, HTML and JSON."""
    return [
        ("> " * depth + "美国与中国举行会谈。\n").encode(),
        ("".join(f"{' ' * (2 * k)}- 层{k}\n" for k in range(200))).encode(),
        ("<div>" * depth + "俄罗斯外长访问印度。" + "</div>" * depth).encode(),
        ("[" * depth + "]" * depth).encode(),
        ('{"text": "x", "a": ' + "[" * depth + "]" * depth + "}").encode(),
        ('{"a":' * depth + "1" + "}" * depth).encode(),
    ]


def mixed_encodings() -> list[bytes]:
    """GBK and Big5 bytes inside UTF-8 files, and whole files in legacy encodings."""
    zh = "美国总统拜登周二会见日本首相岸田文雄。"
    hant = "美國總統拜登週二會見日本首相岸田文雄。"
    return [
        zh.encode("utf-8") + zh.encode("gbk") + zh.encode("utf-8"),
        hant.encode("utf-8") + hant.encode("big5") + b"\n",
        zh.encode("gbk"),
        hant.encode("big5"),
        zh.encode("gb18030") + hant.encode("big5"),
        b"\xef\xbb\xbf" + zh.encode("gbk"),  # a UTF-8 BOM over GBK bytes
        b"\xff\xfe" + zh.encode("utf-8"),  # a UTF-16 BOM over UTF-8 bytes
        zh.encode("utf-16-le"),  # UTF-16 without a BOM (NUL bytes)
        "---\ntitle: 标题\n---\n".encode("utf-8") + zh.encode("big5", errors="replace"),
        b"\xc3\x28\xa0\xa1\xe2\x28\xa1\xf0\x28\x8c\xbc",  # invalid UTF-8 sequences
    ]


def with_nul(data: bytes) -> list[bytes]:
    return [b"\x00" + data, data[: len(data) // 2] + b"\x00" + data[len(data) // 2:], data + b"\x00"]


def weird_text(base: str) -> str:
    """`base` with the WEIRD characters woven in between its characters."""
    out = []
    for i, ch in enumerate(base):
        out.append(ch)
        out.append(WEIRD[i % len(WEIRD)] if i % 3 == 0 else "")
    return "".join(out)


def hostile_files() -> list[tuple[str, bytes]]:
    """(description, bytes) for every fixed hostile input, each to be tried under every reader."""
    out: list[tuple[str, bytes]] = [("empty", b""), ("blank", b"  \n\t\n"), ("bom only", b"\xef\xbb\xbf")]
    for fmt, (_, data) in SEEDS.items():
        out += [(f"{fmt} cut at byte {len(t)}", t) for t in truncations(data)]
        out += [(f"{fmt} with NUL", x) for x in with_nul(data)]
        out.append((f"{fmt} with emoji and combining marks", weird_text(data.decode("utf-8")).encode("utf-8")))
    out += [(f"unclosed {i}", x) for i, x in enumerate(unclosed(""))]
    out += [(f"nested {i}", x) for i, x in enumerate(nested())]
    out += [(f"encoding {i}", x) for i, x in enumerate(mixed_encodings())]
    out += [("binary png head", b"\x89PNG\r\n\x1a\n" + bytes(range(256))), ("lone surrogate escape",
            b'{"text": "\\ud800\\udfff\\ud83d \xe7\xbe\x8e\xe5\x9b\xbd"}\n'),
            ("jsonl good/bad/good", JSONL.encode().replace(b"\n", b"\n{bad\n", 1)),
            ("CR only", TEXT.replace("\n", "\r").encode()), ("very deep front matter", b"---\n" * 3000)]
    return out
