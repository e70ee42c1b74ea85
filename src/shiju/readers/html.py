"""HTML pages: main text by trafilatura (offline, no network), metadata from trafilatura and the
page's own <meta>/<link> tags (title, author, published date, keywords, canonical URL)."""
from __future__ import annotations

import re
import warnings

from shiju.model import Document
from shiju.readers import ReadError, ReadOptions
from shiju.readers._common import clean_name, finish, normalize_date, split_origin
from shiju.readers._markup import html_to_text, tidy_lines
from shiju.readers.frontmatter_md import tags_of

FORMAT = "html"

_META_AUTHOR = ("author", "article:author", "byl", "dc.creator", "sailthru.author", "twitter:creator")
_META_DATE = (
    "article:published_time", "date", "pubdate", "publishdate", "dc.date", "dc.date.issued",
    "og:published_time", "sailthru.date", "parsely-pub-date", "datepublished",
)
_META_MOD = ("article:modified_time", "og:updated_time", "last-modified", "dc.date.modified")
_META_TITLE = ("og:title", "twitter:title", "dc.title", "headline")
_META_TAGS = ("keywords", "news_keywords", "article:tag")


def _page_meta(html: str) -> dict[str, str]:
    """name/property → content for the page's <meta> tags, plus canonical URL and <title>."""
    import lxml.html
    from lxml import etree

    out: dict[str, str] = {}
    try:
        root = lxml.html.document_fromstring(html)
    except (etree.ParserError, ValueError):
        return out
    for m in root.iter("meta"):
        key = (m.get("name") or m.get("property") or m.get("itemprop") or "").strip().lower()
        val = (m.get("content") or "").strip()
        if key and val and key not in out:
            out[key] = val
    for link in root.iter("link"):
        if (link.get("rel") or "").lower() == "canonical" and link.get("href"):
            out.setdefault("canonical", link.get("href").strip())
    t = root.find(".//title")
    if t is not None and (t.text_content() or "").strip():
        out.setdefault("<title>", t.text_content().strip())
    return out


def _pick(meta: dict[str, str], keys: tuple[str, ...]) -> str | None:
    for k in keys:
        if meta.get(k):
            return meta[k]
    return None


def read(text: str, source: str, options: ReadOptions) -> Document:
    if not re.search(r"<[A-Za-z!]", text):
        raise ReadError(source, "not HTML (no tags)")
    meta = _page_meta(text)
    body = None
    extracted = None
    try:
        import trafilatura

        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            extracted = trafilatura.bare_extraction(
                text, with_metadata=True, include_comments=False, include_tables=True, include_images=False,
            )
    except Exception:  # trafilatura fails on some malformed pages; the plain converter still works
        extracted = None
    ex = {}
    if extracted is not None:
        ex = extracted.as_dict() if hasattr(extracted, "as_dict") else dict(extracted)
        body = ex.get("text")
    if not body or not body.strip():
        body = html_to_text(text)
    else:
        body = tidy_lines(body)
    body, origin = split_origin(body)
    title = ex.get("title") or _pick(meta, _META_TITLE) or meta.get("<title>")
    author = ex.get("author") or _pick(meta, _META_AUTHOR)
    published = normalize_date(_pick(meta, _META_DATE)) or normalize_date(ex.get("date"))
    tags = tags_of(_pick(meta, _META_TAGS)) or tags_of(ex.get("tags")) or tags_of(ex.get("categories"))
    if not body.strip() and not title:
        raise ReadError(source, "HTML page without text")
    doc = Document(
        id="",
        source=source,
        format=FORMAT,
        body=body,
        title=title.strip() if title else None,
        author=clean_name(author),
        published=published,
        modified=normalize_date(_pick(meta, _META_MOD)),
        tags=tags,
        url=meta.get("canonical") or _pick(meta, ("og:url",)) or ex.get("url"),
        origin_url=origin,
    )
    return finish(doc, options)
