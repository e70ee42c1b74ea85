"""品葱 (pincong) archive markdown: one forum post (article or question) with its comments.

Follows ../shared/corpus/PINCONG_FORMAT.md: front matter, the body, `### 品葱用户 **name** 评论于 date`
comment blocks (two names = author and the user replied to), the two renderings of a reply's quote of
another comment, removed comments, question posts (`提问于 M/D/YYYY`), and the `点击品葱原文参与讨论`
footer that gives the post's kind and id. Items of the same archive that did not come from pincong
(Zhihu, WeChat) are handed to the generic front-matter reader.

Replies: `reply_to` is the second name of a two-name header (or, in the 2019 one-line form, a second
word that is another commenter's name). `parent` is the comment answered: found by matching the quoted
excerpt against the other comments' text; without a quote, the replied-to user's only comment that
is not dated after the reply; otherwise left null (ambiguous).
"""
from __future__ import annotations

import re

from shiju.model import Comment, Document
from shiju.readers import ReadOptions
from shiju.readers._common import (
    clean_name,
    comment_id,
    finish,
    normalize_date,
    split_origin,
    strip_removed_marker,
)
from shiju.readers._markup import md_to_text
from shiju.readers.frontmatter_md import split_front_matter, tags_of

FORMAT = "pincong-md"

MARKERS = ("### 品葱用户 ", "点击品葱原文参与讨论")

_HEADER_RE = re.compile(
    r"^###[ \t]+品葱用户[ \t]+\*\*(?P<names>(?:(?!\*\*)[^\n]|\n(?!###)){1,300}?)\*\*[ \t]*"
    r"(?P<verb>评论于|提问于)[ \t]*(?P<date>[^\n]*)$",
    re.M,
)
_FOOTER_RE = re.compile(r"^[ \t]*>?[ \t]*\[点击品葱原文参与讨论\]\((?P<url>[^)\s]*)[^)\n]*\)[ \t]*$", re.M)
_POST_RE = re.compile(r"/(?P<kind>article|question)/(?:id-)?(?P<id>\d+)")
_ITEM = r"\(\s*\"?[^)\n]*?item_id-(?P<id>\d+)[^)\n]*\)"
# Variant A (2021): > [\>>]( "/article/item_id-N#") excerpt
_QUOTE_A = re.compile(r"\A\s*>[ \t]*\[\\?>>?\]" + _ITEM + r"[ \t]*(?P<q>[^\n]*)")
# Variant B (2020): a link spanning lines that wraps a block quote
_QUOTE_B = re.compile(r"\A\s*\[[ \t]*\n(?P<q>.*?)\n[ \t]*\]" + _ITEM + r"[ \t]*", re.S)
# Empty quote: [\[quote\]\[/quote\]]( "…item_id-N#")
_QUOTE_EMPTY = re.compile(r"\A\s*\[\\?\[quote\\?\]\\?\[/quote\\?\]\]" + _ITEM + r"[ \t]*")
# Any other link to a comment at the very start of a reply
_QUOTE_ANY = re.compile(r"\A\s*>?[ \t]*\[(?P<q>(?:[^\[\]]|\\\[|\\\])*)\]" + _ITEM + r"[ \t]*")
_WS = re.compile(r"\s+")


def is_pincong(text: str) -> bool:
    return any(m in text for m in MARKERS)


def _norm(s: str) -> str:
    return _WS.sub("", s)


def _split_quote(raw: str) -> tuple[str | None, str | None, str]:
    """(quoted excerpt as clean text or None, quoted item id or None, rest of the reply body)."""
    for rx in (_QUOTE_A, _QUOTE_B, _QUOTE_EMPTY, _QUOTE_ANY):
        m = rx.match(raw)
        if m:
            q = m.groupdict().get("q")
            quoted = None
            if q:
                quoted = md_to_text(q)[0].replace("\n", "") or None
            return quoted, m.group("id"), raw[m.end():]
    return None, None, raw


def read(text: str, source: str, options: ReadOptions) -> Document:
    if not is_pincong(text):
        from shiju.readers import frontmatter_md

        return frontmatter_md.read(text, source, options)
    meta, rest = split_front_matter(text)
    meta = meta or {}
    url = None
    post_kind = None
    footers = list(_FOOTER_RE.finditer(rest))
    if footers:
        f = footers[-1]
        m = _POST_RE.search(f.group("url"))
        if m:
            post_kind = m.group("kind")
            url = f"https://pincong.rocks/{post_kind}/{m.group('id')}"
        else:
            url = f.group("url") or None
        rest = rest[: f.start()]
    headers = list(_HEADER_RE.finditer(rest))
    pre = rest[: headers[0].start()] if headers else rest
    blocks = []
    for i, h in enumerate(headers):
        end = headers[i + 1].start() if i + 1 < len(headers) else len(rest)
        blocks.append((h, rest[h.end(): end]))

    question_raw = None
    q_author = q_date = None
    if blocks and blocks[0][0].group("verb") == "提问于":
        h, question_raw = blocks.pop(0)
        q_author = clean_name(_WS.sub(" ", h.group("names")))
        q_date = normalize_date(h.group("date"))
        post_kind = post_kind or "question"
    is_question = post_kind == "question"

    raw_body = pre.strip("\n")
    if question_raw is not None:
        raw_body = (raw_body + "\n\n" + question_raw).strip("\n") if raw_body.strip() else question_raw
    raw_body, origin = split_origin(raw_body.rstrip())
    body, n_code = md_to_text(raw_body)

    comments, n_code_c = _comments(blocks, "answer" if is_question else "comment")
    title = meta.get("title")
    doc = Document(
        id="",
        source=source,
        format=FORMAT,
        body=body,
        title=str(title).strip() if title not in (None, "") else None,
        author=clean_name(str(meta.get("author") or "")) or q_author,
        published=normalize_date(meta.get("date")) or q_date,
        modified=normalize_date(meta.get("Lastmod") or meta.get("lastmod")),
        tags=tags_of(meta.get("tags")),
        url=url,
        origin_url=origin,
        comments=comments,
    )
    if n_code or n_code_c:
        doc.notes.append(f"reader: {n_code + n_code_c} code block(s) left out of the text")
    if not footers:
        doc.notes.append("reader: no 点击品葱原文参与讨论 footer (post kind and id unknown)")
    return finish(doc, options)


def _comments(blocks, kind: str) -> tuple[list[Comment], int]:
    seen: dict[str, int] = {}
    parsed = []
    n_code = 0
    for h, raw in blocks:
        names = h.group("names")
        date = normalize_date(h.group("date"))
        parts = [clean_name(p) for p in re.split(r"[ \t]*\n\s*", names.strip())]
        parts = [p for p in parts if p]
        one_line = len(parts) <= 1
        author = parts[0] if parts else None
        reply_to = parts[-1] if len(parts) >= 2 else None
        body = raw.strip("\n")
        quoted = item = None
        body, marked = strip_removed_marker(body)
        if not marked:
            quoted, item, body = _split_quote(body)
            body, marked = strip_removed_marker(body)
        deleted = marked and not body.strip()
        text = ""
        if not deleted:
            text, nc = md_to_text(body)
            n_code += nc
        cid = comment_id(author, date, raw, seen)
        c = Comment(id=cid, author=author, text=text, reply_to=reply_to, date=date, quoted=quoted,
                    deleted=deleted, kind=kind)
        parsed.append((c, one_line and author is not None and re.search(r"\s", author) is not None))
    # 2019 one-line form "author target": the second word is a reply target only when it is the
    # name of another commenter and the whole string is not itself a commenter's name.
    known = {c.author for c, ambiguous in parsed if not ambiguous and c.author}
    known |= {c.reply_to for c, _ in parsed if c.reply_to}
    pending = [c for c, ambiguous in parsed if ambiguous]
    changed = True
    while pending and changed:  # a resolved header makes its author known to the others
        changed = False
        for c in list(pending):
            full = c.author or ""
            if full in known:
                pending.remove(c)
                continue
            for m in re.finditer(r"\s+", full):
                left, right = full[: m.start()], full[m.end():]
                if right in known and left:
                    c.author, c.reply_to = left, right
                    known.add(left)
                    pending.remove(c)
                    changed = True
                    break
    comments = [c for c, _ in parsed]
    _resolve_parents(comments)
    return comments, n_code


def _resolve_parents(comments: list[Comment]) -> None:
    norms = {c.id: _norm(c.text) for c in comments}
    for c in comments:
        if c.quoted:
            key = _norm(c.quoted).rstrip(".。…")
            if len(key) >= 2:
                cands = [o for o in comments if o is not c and not o.deleted and norms[o.id].startswith(key)]
                if not cands:
                    cands = [o for o in comments if o is not c and not o.deleted and len(key) >= 6 and key in norms[o.id]]
                if cands:
                    best = [o for o in cands if c.reply_to and o.author == c.reply_to] or cands
                    c.parent = best[0].id
                    continue
        if c.reply_to:
            cands = [
                o for o in comments
                if o is not c and o.author == c.reply_to and not (o.date and c.date and o.date > c.date)
            ]
            if len(cands) == 1:
                c.parent = cands[0].id
