"""Markdown news articles: YAML front matter (Hugo/Jekyll archives), or a `日期：` line under a
`[title](url)` heading (China Digital Times reposts), or plain markdown with a `# title`.

Bodies may be markdown or HTML (both occur in the archives); either becomes clean text. Non-forum
items of the 品葱 archive (Zhihu Q&A, WeChat reposts) are read here too.
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from shiju.model import Document
from shiju.readers import ReadError, ReadOptions
from shiju.readers._common import clean_name, finish, lexicon, normalize_date, split_origin
from shiju.readers._markup import _CJK_WRAP_RE, html_to_text, looks_like_html, md_to_text, tidy_lines

FORMAT = "markdown"
FORMAT_DATED = "markdown-dated"

_FM_RE = re.compile(r"\A---[ \t]*\n(.*?)\n(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.S)
_KV_RE = re.compile(r"^([A-Za-z_][\w-]*)[ \t]*:[ \t]*(.*)$")
_TITLE_LINK_RE = re.compile(r"\A\s*\[(?P<title>[^\]\n]+)\]\((?P<url>[^)\s]+)[^)\n]*\)[ \t]*\n(?:[-=]{3,}[ \t]*\n)?")
_H1_RE = re.compile(r"\A\s*#[ \t]+(?P<title>[^\n]+?)[ \t#]*\n")
_SETEXT_RE = re.compile(r"\A\s*(?P<title>[^\n]{1,200})\n[=]{3,}[ \t]*\n")
# header lines of reposted articles: 日期：…, 作者：…, 来源：… (full- or half-width colon)
_META_LINE_RE = re.compile(
    r"^[ \t]*(?P<key>日期|时间|時間|发布时间|發布時間|发表时间|發表時間|作者|来源|來源|原文链接|原文鏈接)[ \t]*[:：][ \t]*(?P<val>.*?)[ \t]*$"
)
_EPOCH_COMMENT_RE = re.compile(r"\A\s*<!--\s*\d+\s*-->\s*")

_TITLE_KEYS = ("title", "Title", "headline")
_DATE_KEYS = ("date", "Date", "published", "pubDate", "publishDate", "created")
_MOD_KEYS = ("Lastmod", "lastmod", "lastMod", "modified", "updated", "last_modified_at")
_AUTHOR_KEYS = ("author", "Author", "authors", "creator")
_URL_KEYS = ("url", "link", "permalink", "canonical", "canonicalURL")
_ORIGIN_KEYS = ("from", "source", "source_url", "original", "origin", "original_url")
_TAG_KEYS = ("tags", "Tags", "keywords")


def split_front_matter(text: str) -> tuple[dict[str, Any] | None, str]:
    """(front matter mapping or None, the rest). Tolerates what strict YAML rejects (TABs, colons)."""
    m = _FM_RE.match(text)
    if not m:
        return None, text
    block = m.group(1)
    data: dict[str, Any] | None = None
    try:
        import yaml

        loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
        loaded = yaml.load(block.replace("\t", " "), Loader=loader)
        if isinstance(loaded, dict):
            data = {str(k): v for k, v in loaded.items()}
    except Exception:  # malformed YAML is common in scraped archives: fall back to key: value lines
        data = None
    if data is None:
        data = _loose_front_matter(block)
    return data, text[m.end():]


def _loose_front_matter(block: str) -> dict[str, Any]:
    data: dict[str, Any] = {}
    for line in block.split("\n"):
        m = _KV_RE.match(line)
        if not m:
            continue
        key, val = m.group(1), m.group(2).strip()
        if val.startswith("[") and val.endswith("]"):
            data[key] = [_unquote(x) for x in val[1:-1].split(",") if x.strip()]
        else:
            data[key] = _unquote(val)
    return data


def _unquote(v: str) -> str:
    v = v.strip()
    if len(v) >= 2 and v[0] == v[-1] and v[0] in "\"'":
        inner = v[1:-1]
        if v[0] == '"':
            inner = re.sub(r'\\(["\\/])', r"\1", inner)
        else:
            inner = inner.replace("''", "'")
        return inner
    return v


def _first(meta: dict[str, Any], keys: tuple[str, ...]) -> Any:
    for k in keys:
        v = meta.get(k)
        if v not in (None, "", []):
            return v
    return None


def _as_str(v: Any) -> str | None:
    if v is None:
        return None
    if isinstance(v, list):
        v = ", ".join(str(x) for x in v if x is not None)
    if isinstance(v, dict):
        v = v.get("name") or v.get("username") or None
        if v is None:
            return None
    s = str(v).strip()
    return s or None


def tags_of(v: Any) -> list[str]:
    if v is None:
        return []
    if isinstance(v, str):
        items = re.split(r"[,，;；]", v.strip().strip("[]"))
    elif isinstance(v, (list, tuple)):
        items = [str(x) for x in v if x is not None]
    else:
        items = [str(v)]
    out: list[str] = []
    for t in items:
        t = re.sub(r"[\u200b-\u200d\ufeff]", "", t).strip().strip("\"'").strip()
        if t and t not in out:
            out.append(t)
    return out


def body_to_text(raw: str) -> tuple[str, int]:
    """An article body (markdown or HTML) to clean text; returns (text, code blocks dropped).

    HTML bodies of scraped archives carry page furniture (bylines, site comment threads); trafilatura
    keeps the article's own text. When it keeps too little (< 25 %), the plain conversion is used.
    """
    if looks_like_html(raw):
        main = _main_text(raw)
        # html_to_text never returns more characters than the HTML it reads (every tag or entity it
        # replaces is at least as long as what it leaves): when main passes against the HTML's own length
        # it passes against the plain text's too, which then need not be built (most bodies).
        if main and len(main) >= 0.25 * len(raw):
            return main, 0
        plain = html_to_text(raw)
        if main and len(main) >= 0.25 * len(plain):
            return main, 0
        return plain, 0
    return md_to_text(raw)


@lru_cache(maxsize=1)
def _extractor():
    """trafilatura's options, built once (it reads its config file's values on every construction);
    trafilatura copies them before changing any, so one object serves every call."""
    from trafilatura.settings import Extractor

    return Extractor(fast=True, comments=False, tables=True, images=False)


def _main_text(html: str) -> str | None:
    import warnings

    try:
        import trafilatura

        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            # a source line break between two Chinese characters is layout, not a space
            html = _CJK_WRAP_RE.sub("", html)
            # fast: no second opinion from readability/justext (a third of the time). The body is
            # already the article, not a whole page, and the caller has its own fallback; records
            # on ../shared/corpus are identical with and without it (tests/test_readers_speed.py).
            out = trafilatura.extract(f"<html><body>{html}</body></html>", options=_extractor())
    except Exception:  # trafilatura rejects some fragments; the caller falls back
        return None
    return tidy_lines(re.sub(r"\n{2,}", "\n", out)) if out else None


def split_trailer(body: str) -> tuple[str, list[str]]:
    """Drop feed/CMS lines at the end of a body (lexicon `trailer_prefixes`); read tags from a
    "Post tags:" line. Returns (body, tags)."""
    lex = lexicon()
    trailer = tuple(lex.get("trailer_prefixes", []))
    tag_prefixes = tuple(lex.get("tag_line_prefixes", []))
    lines = body.split("\n")
    tags: list[str] = []
    cut = len(lines)
    for i in range(len(lines) - 1, max(-1, len(lines) - 7), -1):
        s = lines[i].strip()
        if not s:
            cut = i
            continue
        if not s.startswith(trailer):
            break
        for p in tag_prefixes:
            if s.startswith(p):
                tags = tags_of(s[len(p):])
        cut = i
    return "\n".join(lines[:cut]).rstrip(), tags


def read(text: str, source: str, options: ReadOptions) -> Document:
    meta, rest = split_front_matter(text)
    title = url = origin = author = published = modified = None
    tags: list[str] = []
    fmt = FORMAT
    if meta is not None:
        title = _as_str(_first(meta, _TITLE_KEYS))
        published = normalize_date(_first(meta, _DATE_KEYS))
        modified = normalize_date(_first(meta, _MOD_KEYS))
        author = clean_name(_as_str(_first(meta, _AUTHOR_KEYS)))
        url = _as_str(_first(meta, _URL_KEYS))
        origin = _as_str(_first(meta, _ORIGIN_KEYS))
        tags = tags_of(_first(meta, _TAG_KEYS))
    rest = _EPOCH_COMMENT_RE.sub("", rest)
    # "[title](url)\n------" heading (China Digital Times; some Jekyll posts repeat it in the body)
    m = _TITLE_LINK_RE.match(rest)
    if m:
        title = title or m.group("title").strip()
        url = url or m.group("url").strip()
        rest = rest[m.end():]
    elif meta is None:
        m = _H1_RE.match(rest) or _SETEXT_RE.match(rest)
        if m:
            title = m.group("title").strip()
            rest = rest[m.end():]
    # 日期：/作者：/来源： lines right under the heading
    lines = rest.split("\n")
    i = 0
    while i < len(lines) and i < 12:
        line = lines[i]
        if not line.strip():
            i += 1
            continue
        mm = _META_LINE_RE.match(line)
        if not mm:
            break
        key, val = mm.group("key"), mm.group("val")
        if key in ("日期", "时间", "時間", "发布时间", "發布時間", "发表时间", "發表時間"):
            published = published or normalize_date(val)
            fmt = FORMAT_DATED
        elif key == "作者":
            author = author or clean_name(val)
        else:
            link = re.search(r"https?://\S+", val)
            if link:
                origin = origin or link.group(0).rstrip(")")
        i += 1
    rest = "\n".join(lines[i:])
    raw_body, trailing = split_origin(rest) if not looks_like_html(rest) else (rest, None)
    origin = origin or trailing
    body, n_code = body_to_text(raw_body)
    body, trailer_tags = split_trailer(body)
    tags = tags or trailer_tags
    if looks_like_html(rest):
        body, origin2 = split_origin(body)
        origin = origin or origin2
    if meta is None and fmt == FORMAT and title is None and not body.strip():
        raise ReadError(source, "empty markdown file (no front matter, title or text)")
    if title:
        title = md_to_text(title)[0] or title
    doc = Document(
        id="",
        source=source,
        format=fmt,
        body=body,
        title=title,
        author=author,
        published=published,
        modified=modified,
        tags=tags,
        url=url,
        origin_url=origin,
    )
    if n_code:
        doc.notes.append(f"reader: {n_code} code block(s) left out of the body")
    return finish(doc, options)
