"""Plain-text articles (NetEase 网易号 style and any .txt): one paragraph per line.

Empty image placeholders (`![]()`, or any markdown image) are dropped; the platform disclaimer at the
end (特别声明… / Notice: …) is dropped; the 参考资料 list is taken out of the body and kept as
`references` (标题——来源 lines). A plain text file carries no title, date or author: the title stays
null and the date comes from `--date`.
"""
from __future__ import annotations

import re

from shiju.model import Document, Reference
from shiju.readers import ReadError, ReadOptions
from shiju.readers._common import finish, lexicon, split_origin
from shiju.readers._markup import tidy_lines

FORMAT = "text"

_IMAGE_LINE_RE = re.compile(r"^\s*(?:!\[[^\]\n]*\]\([^)\n]*\)\s*)+$")
_INLINE_IMAGE_RE = re.compile(r"!\[[^\]\n]*\]\([^)\n]*\)")
_URL_RE = re.compile(r"https?://[^\s<>\"）)]+")


def _is_reference_header(line: str) -> bool:
    s = line.strip().rstrip(":：").strip()
    return s in lexicon()["reference_headers"]


def _disclaimer_start(lines: list[str]) -> int | None:
    prefixes = tuple(lexicon()["disclaimer_prefixes"])
    # only near the end: a disclaimer is appended after the article, never inside it
    for i in range(max(0, len(lines) - 8), len(lines)):
        if lines[i].strip().startswith(prefixes):
            return i
    return None


def parse_reference(line: str) -> Reference:
    s = line.strip().lstrip("-*•·0123456789.、[]() ").strip() or line.strip()
    url = None
    m = _URL_RE.search(s)
    if m:
        url = m.group(0)
        s = (s[: m.start()] + s[m.end():]).strip(" :：-—")
    title, source = s, None
    for sep in lexicon()["reference_separators"]:
        if sep in s:
            head, _, tail = s.rpartition(sep)
            if head.strip() and tail.strip():
                title, source = head.strip(), tail.strip()
                break
    return Reference(title=title or (url or ""), source=source, url=url)


def split_article(text: str) -> tuple[str, list[Reference], bool]:
    """(body text, references, whether a disclaimer was removed) from a plain-text article."""
    lines = text.split("\n")
    cut = _disclaimer_start(lines)
    had_disclaimer = cut is not None
    if cut is not None:
        lines = lines[:cut]
    refs: list[Reference] = []
    ref_at = None
    for i in range(len(lines) - 1, -1, -1):
        if _is_reference_header(lines[i]):
            ref_at = i
            break
    if ref_at is not None:
        seen: set[tuple[str, str | None]] = set()
        for line in lines[ref_at + 1:]:
            if not line.strip() or _IMAGE_LINE_RE.match(line):
                continue
            ref = parse_reference(_INLINE_IMAGE_RE.sub("", line))
            key = (ref.title, ref.source)
            if ref.title and key not in seen:
                seen.add(key)
                refs.append(ref)
        lines = lines[:ref_at]
    kept = [_INLINE_IMAGE_RE.sub("", ln) for ln in lines if not _IMAGE_LINE_RE.match(ln)]
    return tidy_lines("\n".join(kept)), refs, had_disclaimer


def read(text: str, source: str, options: ReadOptions) -> Document:
    body, refs, _ = split_article(text)
    body, origin = split_origin(body)
    if not body.strip() and not refs:
        raise ReadError(source, "empty text file")
    doc = Document(id="", source=source, format=FORMAT, body=body, origin_url=origin, references=refs)
    return finish(doc, options)
