"""Helpers shared by the readers: decoding bytes, dates, the reader lexicon, origin links, ids."""
from __future__ import annotations

import datetime as _dt
import re
from functools import lru_cache
from typing import Any

from shiju.model import Comment, Document, content_id
from shiju.readers import ReadError

# -- decoding ------------------------------------------------------------------------------------

_BOMS = (
    (b"\xef\xbb\xbf", "utf-8"),
    (b"\xff\xfe", "utf-16-le"),
    (b"\xfe\xff", "utf-16-be"),
)


def decode_bytes(data: bytes, path: str) -> str:
    """Decode a file's bytes: UTF-8 (± BOM), UTF-16 with BOM, else GB18030/GBK or Big5 as detected.

    Line ends are normalised to LF. Raises ReadError for binary or undecodable input.
    """
    for bom, enc in _BOMS:
        if data.startswith(bom):
            try:
                return normalize_newlines(data[len(bom):].decode(enc))
            except UnicodeDecodeError as exc:
                raise ReadError(path, f"invalid {enc} after its byte-order mark ({exc.reason} at byte {exc.start})")
    if b"\x00" in data[:65536]:
        raise ReadError(path, "binary file (contains NUL bytes), not text")
    try:
        return normalize_newlines(data.decode("utf-8"))
    except UnicodeDecodeError:
        pass
    return normalize_newlines(_decode_legacy(data, path))


def _decode_legacy(data: bytes, path: str) -> str:
    # Chinese legacy encodings: try both strictly; when both decode, let charset-normalizer choose
    # (GB18030 accepts most byte strings, so a clean decode alone says little).
    candidates: dict[str, str] = {}
    for enc in ("gb18030", "big5hkscs"):
        try:
            candidates[enc] = data.decode(enc)
        except UnicodeDecodeError:
            continue
    if len(candidates) == 1:
        return next(iter(candidates.values()))
    if candidates:
        from charset_normalizer import from_bytes

        best = from_bytes(data[:200_000], cp_isolation=["gb18030", "big5", "big5hkscs"]).best()
        if best is not None:
            name = best.encoding.replace("_", "").lower()
            if name.startswith("big5"):
                return candidates["big5hkscs"]
            return candidates["gb18030"]
        return candidates["gb18030"]
    raise ReadError(path, "not valid UTF-8, GB18030/GBK or Big5 text")


def normalize_newlines(text: str) -> str:
    if text.startswith("\ufeff"):
        text = text[1:]
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text


# -- dates ---------------------------------------------------------------------------------------

_ISO = re.compile(r"(?<!\d)(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})(?!\d)")
_US = re.compile(r"(?<!\d)(\d{1,2})/(\d{1,2})/(\d{4})(?!\d)")
_COMPACT = re.compile(r"^(\d{4})(\d{2})(\d{2})$")
_EPOCH = re.compile(r"^\d{9,13}$")


def normalize_date(value: Any) -> str | None:
    """YYYY-MM-DD from a date-ish value (ISO with or without zero padding, M/D/YYYY, 2020年7月1日,
    RFC 822, epoch seconds/ms, date objects), or None when it is not a valid calendar date.

    The date is taken as written (a local timestamp is not moved to UTC).
    """
    if value is None or value == "":
        return None
    if isinstance(value, _dt.datetime):
        return value.date().isoformat()
    if isinstance(value, _dt.date):
        return value.isoformat()
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return _from_epoch(float(value))
    s = str(value).strip()
    if not s:
        return None
    m = _ISO.search(s)
    if m:
        return _ymd(m.group(1), m.group(2), m.group(3))
    m = _US.search(s)
    if m:
        return _ymd(m.group(3), m.group(1), m.group(2))
    m = _COMPACT.match(s)
    if m:
        return _ymd(*m.groups())
    if _EPOCH.match(s):
        return _from_epoch(float(s))
    try:
        from email.utils import parsedate_to_datetime

        return parsedate_to_datetime(s).date().isoformat()
    except (TypeError, ValueError, IndexError, OverflowError):
        return None


def _ymd(y: str, m: str, d: str) -> str | None:
    try:
        return _dt.date(int(y), int(m), int(d)).isoformat()
    except ValueError:
        return None


def _from_epoch(x: float) -> str | None:
    if x > 1e11:  # milliseconds
        x /= 1000.0
    try:
        return _dt.datetime.fromtimestamp(x, tz=_dt.timezone.utc).date().isoformat()
    except (OverflowError, OSError, ValueError):
        return None


# -- lexicon -------------------------------------------------------------------------------------


@lru_cache(maxsize=1)
def lexicon() -> dict[str, list[str]]:
    """The reader lexicon (src/shiju/data/readers.yaml), immutable and loaded once."""
    from shiju.data import load_yaml

    data = load_yaml("readers.yaml") or {}
    return {k: list(v or []) for k, v in data.items()}


def _url_pattern(tag: str) -> str:
    # a markdown link [text](url "title") or a bare URL
    return (
        rf"(?:\[[^\]\n]*\]\(\s*<?(?P<{tag}a>https?://[^\s\"<>)]+)[^)\n]*\)"
        rf"|\[[^\]\n]*\]\(\s*\"(?P<{tag}b>https?://[^\s\"]+)\"\s*\)"
        rf"|<?(?P<{tag}c>https?://[^\s<>]+?)>?)"
    )


@lru_cache(maxsize=1)
def _origin_res() -> tuple[re.Pattern[str], re.Pattern[str]]:
    cues = sorted(lexicon()["origin_cues"], key=len, reverse=True)
    cue = "|".join(re.escape(c) for c in cues)
    # cue, an optional short source name (美国之音, DW…), then the URL, at the very end of the text.
    with_cue = re.compile(
        rf"(?P<cue>{cue})\s*[:：]?\s*(?P<name>[^\s:：\n\[\]()（）<>]{{0,30}}?)\s*[:：]?\s*{_url_pattern('u')}\s*\Z"
    )
    # a last line that is only a URL (bare, or a link whose text is the URL itself)
    bare_line = re.compile(
        r"^[ \t]*(?:<?(?P<vc>https?://[^\s<>]+?)>?"
        r"|\[https?://[^\]\n]*\]\(\s*<?(?P<va>https?://[^\s\"<>)]+)[^)\n]*\))\s*\Z",
        re.M,
    )
    return with_cue, bare_line


def split_origin(text: str) -> tuple[str, str | None]:
    """Take a trailing source link ("新闻来源美国之音https://…", "原文链接：[x](url)", a last line that is
    only a URL) off the end of a body. Returns (text without it, URL or None)."""
    with_cue, bare_line = _origin_res()
    tail_start = max(0, len(text.rstrip()) - 400)
    m = None
    for m in with_cue.finditer(text, tail_start):
        break
    if m is None:
        m = bare_line.search(text, tail_start)
    if m is None:
        return text, None
    url = next((v for k, v in m.groupdict().items() if k[0] in "uv" and len(k) == 2 and v), None)
    if not url:
        return text, None
    url = re.sub(r"\\([\\_*\[\]()#.!-])", r"\1", url).rstrip(".,;。，；")
    return text[: m.start()].rstrip(), url


# -- documents -----------------------------------------------------------------------------------


def comment_id(author: str | None, date: str | None, raw: str, seen: dict[str, int]) -> str:
    """A short id from a comment's content; repeated identical comments get a running suffix."""
    base = "c" + content_id(author, date, raw)[:11]
    n = seen.get(base, 0)
    seen[base] = n + 1
    return base if n == 0 else f"{base}-{n + 1}"


def finish(doc: Document, options: Any) -> Document:
    """Common last steps: default date, language, stable id from content."""
    from shiju.text.view import language_of

    _check_unicode(doc)

    if not doc.published and getattr(options, "default_date", None):
        doc.published = options.default_date
    if not doc.language:
        sample = doc.body[:20000] + "\n".join(c.text for c in doc.comments[:50])
        sample = sample or (doc.title or "")
        doc.language = language_of(sample)
    doc.id = content_id(
        doc.format,
        doc.title,
        doc.author,
        doc.published,
        doc.body,
        "\x1e".join(f"{c.author}\x1d{c.date}\x1d{c.text}" for c in doc.comments),
    )
    return doc


_SURROGATE = re.compile("[\ud800-\udfff]")


def _check_unicode(doc: Document) -> None:
    """JSON `\\ud800` escapes decode to lone surrogates, which no file, store or JSON output can hold:
    refuse the record by name rather than fail later in the store."""
    import json

    m = _SURROGATE.search(json.dumps(doc.to_dict(), ensure_ascii=False))
    if m:
        raise ReadError(doc.source, f"invalid Unicode: lone surrogate U+{ord(m.group()):04X} in the text "
                                    "(a broken \\u escape?)")


def clean_name(name: str | None) -> str | None:
    if name is None:
        return None
    name = re.sub(r"[\u200b-\u200d\u2060\ufeff]", "", str(name)).strip()
    return name or None


def strip_reply_prefix(text: str) -> tuple[str, str | None]:
    """`@user:` / `@user：` at the start of a forum comment names the user replied to."""
    m = re.match(r"\s*@([^\s:：@][^:：\n@]{0,39}?)\s*[:：]\s*", text)
    if not m:
        m = re.match(r"\s*(?:回复|回覆|回復)\s*@?([^\s:：@][^:：\n]{0,39}?)\s*[:：]\s*", text)
    if not m:
        return text, None
    return text[m.end():], clean_name(m.group(1))


def empty_comment(cid: str, author: str | None, date: str | None, kind: str) -> Comment:
    return Comment(id=cid, author=author, text="", date=date, deleted=True, kind=kind)


def strip_removed_marker(raw: str) -> tuple[str, bool]:
    """A moderation marker (~已删除~, _已隐藏_, 该用户被封禁…) on the first line: the rest of the text,
    and whether there was one. The archive sometimes keeps a banned user's text under the marker."""
    stripped = raw.lstrip()
    first, _, rest = stripped.partition("\n")
    if first.strip() in lexicon()["removed_comment_bodies"]:
        return rest, True
    return raw, False
