"""Markup to clean text: the markdown dialect of the archives we read, and HTML fragments.

The output is the text a reader sees: link text kept, images and code blocks dropped, escapes and
emphasis markers removed, one line per line of prose, one blank line between paragraphs.
"""
from __future__ import annotations

import re

# Markdown backslash escapes become private-use placeholders while the markup is parsed, so that an
# escaped `\*` or `\[` is never taken for markup, and are turned back into the plain character at the end.
_ESC_BASE = 0xE000
_ESCAPABLE = "\\`*_{}[]()#+-.!=<>|~\"'$%&,/:;?@^"
_ESC_RE = re.compile(r"\\([" + re.escape(_ESCAPABLE) + r"])")
_PLACEHOLDER_RE = re.compile("[\ue000-\ue07f]")

_FENCE_RE = re.compile(r"^[ \t]*(`{3,}|~{3,})[^\n]*\n.*?(?:^[ \t]*\1[ \t]*$|\Z)", re.M | re.S)
_IMAGE_RE = re.compile(r"!\[(?:[^\[\]\n]|\[[^\[\]\n]*\])*\]\((?:[^()\n]|\([^()\n]*\))*\)")
_LINK_RE = re.compile(r"\[((?:[^\[\]]|\[[^\[\]]*\])*)\]\(((?:[^()\n]|\([^()\n]*\))*)\)")
_REF_LINK_DEF = re.compile(r"^[ \t]{0,3}\[[^\]\n]+\]:[ \t]+\S+.*$", re.M)
_AUTOLINK_RE = re.compile(r"<(https?://[^\s<>]+)>")
_HEADING_RE = re.compile(r"^[ \t]*#{1,6}[ \t]+(.*?)[ \t#]*$", re.M)
_QUOTE_RE = re.compile(r"^[ \t]*(?:>[ \t]?)+", re.M)
_BULLET_RE = re.compile(r"^[ \t]*[-*+][ \t]+(?=\S)", re.M)
_RULE_RE = re.compile(r"^[ \t]*(?:[-*_=][ \t]*){3,}$|^[ \t]*[—－─━]{2,}[ \t]*$", re.M)
# the archive's converter left bold markers with spaces inside (`**   text**`); `***` is censoring, not markup
_STRONG_RE = re.compile(
    r"(?<![*\\])\*\*(?!\*)[ \t\u3000]*((?:(?!\n\n).)+?)[ \t\u3000]*(?<![*\\])\*\*(?!\*)"
    r"|(?<![_\\\w])__(?!_)[ \t\u3000]*((?:(?!\n\n).)+?)[ \t\u3000]*(?<![_\\])__(?![_\w])",
    re.S,
)
_EM_STAR_RE = re.compile(r"(?<![*\w])\*(?=[^\s*])([^*\n]+?)(?<=[^\s*])\*(?![*\w])")
_EM_UNDER_RE = re.compile(r"(?<![_0-9A-Za-z])_(?=[^\s_])([^_\n]+?)(?<=[^\s_])_(?![_0-9A-Za-z])")
_STRIKE_RE = re.compile(r"~~(?=\S)(.+?)(?<=\S)~~")
_TILDE_RE = re.compile(r"(?<!~)~(?=[^\s~])([^~\n]+?)(?<=[^\s~])~(?!~)")
_CODE_RE = re.compile(r"(`+)(.+?)\1", re.S)
_HTML_BREAK_RE = re.compile(r"<br\s*/?>", re.I)
_HTML_TAG_RE = re.compile(r"</?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?/?>")
_HTML_COMMENT_RE = re.compile(r"<!--.*?-->", re.S)
# BBCode that the archive's HTML-to-markdown step left unconverted ([big]…[/big], [quote][/quote]).
_BBCODE_RE = re.compile(
    r"\[/?(?:b|i|u|s|big|small|quote|center|left|right|code|url|img|size|color|font|align|list|\*|hide|spoiler|sup|sub|del|video|attach)(?:=[^\]\n]*)?\]",
    re.I,
)
_BLANKS_RE = re.compile(r"\n{3,}")


def _protect(md: str) -> str:
    return _ESC_RE.sub(lambda m: chr(_ESC_BASE + ord(m.group(1))), md)


def _restore(text: str) -> str:
    return _PLACEHOLDER_RE.sub(lambda m: chr(ord(m.group(0)) - _ESC_BASE), text)


def _link_text(m: re.Match[str]) -> str:
    text = m.group(1).strip()
    if text:
        return text
    return ""  # a link with no text carries no prose


def md_to_text(md: str) -> tuple[str, int]:
    """Markdown to clean text. Returns (text, number of code blocks left out of the text)."""
    if not md:
        return "", 0
    md = _HTML_COMMENT_RE.sub("", md)
    n_code = 0

    def _drop_code(_m: re.Match[str]) -> str:
        nonlocal n_code
        n_code += 1
        return "\n"

    md = _FENCE_RE.sub(_drop_code, md)
    s = _protect(md)
    s = _IMAGE_RE.sub("", s)
    s = _LINK_RE.sub(_link_text, s)
    s = _LINK_RE.sub(_link_text, s)  # links whose text held a link
    s = _REF_LINK_DEF.sub("", s)
    s = _AUTOLINK_RE.sub(r"\1", s)
    s = _HTML_BREAK_RE.sub("\n", s)
    s = _HTML_TAG_RE.sub("", s)
    s = _RULE_RE.sub("", s)
    s = _HEADING_RE.sub(r"\1", s)
    s = _QUOTE_RE.sub("", s)
    s = _BULLET_RE.sub("", s)
    s = _CODE_RE.sub(lambda m: m.group(2), s)
    for _ in range(2):  # nested emphasis (***x***)
        s = _STRONG_RE.sub(lambda m: m.group(1) if m.group(1) is not None else m.group(2), s)
    s = _STRIKE_RE.sub(r"\1", s)
    s = _EM_STAR_RE.sub(r"\1", s)
    s = _EM_UNDER_RE.sub(r"\1", s)
    s = _TILDE_RE.sub(r"\1", s)
    s = _restore(s)
    s = _BBCODE_RE.sub("", s)
    return tidy_lines(s), n_code


def tidy_lines(s: str) -> str:
    """Trim every line (hard-break spaces, indentation, full-width indents), keep one blank line
    between paragraphs, none at either end."""
    lines = [ln.strip(" \t\u3000\u00a0\u200b\ufeff") for ln in s.split("\n")]
    out = "\n".join(lines)
    out = _BLANKS_RE.sub("\n\n", out)
    return out.strip("\n")


# -- HTML ----------------------------------------------------------------------------------------

_BLOCK_TAGS = {
    "address", "article", "aside", "blockquote", "dd", "details", "dialog", "div", "dl", "dt",
    "fieldset", "figcaption", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hgroup",
    "hr", "li", "main", "nav", "ol", "p", "pre", "section", "summary", "table", "tbody", "thead", "tfoot",
    "tr", "ul", "center", "title",
}
_CELL_TAGS = {"td", "th"}
_SKIP_TAGS = {
    "script", "style", "noscript", "iframe", "img", "svg", "video", "audio", "object", "embed",
    "canvas", "template", "button", "input", "select", "textarea", "map", "picture", "source", "head",
}
_WS_RE = re.compile(r"[ \t\r\n\f\v\u00a0]+")
_CJK = "\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef\u3000-\u303f"
_CJK_WRAP_RE = re.compile(rf"(?<=[{_CJK}])[ \t]*\n[ \t\r\n]*(?=[{_CJK}])")
_HTMLISH_RE = re.compile(r"</?(?:p|div|br|span|a|img|section|blockquote|li|ul|h[1-6]|table|strong|em|figure)\b", re.I)


def looks_like_html(text: str) -> bool:
    """True when a body is HTML rather than markdown (enough block/inline tags near the start)."""
    head = text[:20000]
    return len(_HTMLISH_RE.findall(head)) >= 3 or head.lstrip().lower().startswith(("<!doctype html", "<html"))


def html_to_text(html: str) -> str:
    """An HTML fragment or page to clean text: blocks become lines, whitespace collapses as a browser
    would (but no space is left between two Chinese characters), scripts/images/frames are dropped."""
    if not html or not html.strip():
        return ""
    import lxml.html
    from lxml import etree

    try:
        # huge_tree: libxml2 otherwise drops a text node over 10 MB (one long paragraph) without a word
        parser = lxml.html.HTMLParser(huge_tree=True)
        root = lxml.html.fragment_fromstring(html, create_parent="div", parser=parser)
    except (etree.ParserError, ValueError, AssertionError, IndexError):
        # lxml asserts (or indexes an empty list) on a cut page that looks like a full one but has no body
        return tidy_lines(_WS_RE.sub(" ", _HTML_TAG_RE.sub(" ", html)))
    chunks: list[str] = []

    def walk(el) -> None:
        tag = el.tag if isinstance(el.tag, str) else ""
        tag = tag.lower()
        if tag in _SKIP_TAGS or el.tag is etree.Comment or el.tag is etree.ProcessingInstruction:
            if el.tail:
                chunks.append(el.tail)
            return
        block = tag in _BLOCK_TAGS
        if block:
            chunks.append("\x02")
        elif tag == "br":
            chunks.append("\x03")
        elif tag in _CELL_TAGS:
            chunks.append(" ")
        if tag == "pre":
            chunks.append("\x00" + (el.text_content() or "").replace("\n", "\x01") + "\x00")
        else:
            if el.text:
                chunks.append(el.text)
            for child in el:
                walk(child)
        if block:
            chunks.append("\x02")
        if el.tail:
            chunks.append(el.tail)

    walk(root)
    raw = "".join(chunks)
    # Source whitespace (newlines included) collapses as a browser would; the breaks we inserted for
    # blocks (\x02) and <br> (\x03) survive; <pre> text (between \x00) keeps its own newlines (\x01).
    raw = _CJK_WRAP_RE.sub("", raw)  # a source line break between two Chinese characters is layout
    raw = _WS_RE.sub(" ", raw)
    raw = re.sub(r" *\x03 *", "\n", raw)
    raw = re.sub(r"[ \x02]*\x02[ \x02]*", "\n\n", raw)
    text = raw.replace("\x01", "\n").replace("\x00", "")
    return tidy_lines(text)
