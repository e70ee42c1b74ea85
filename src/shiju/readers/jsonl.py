"""JSON Lines corpora: one JSON object per line, read line by line (never the whole file at once).

Fields are mapped with --text-field, --title-field, --date-field and --url-field (dotted paths such
as `article.body` reach into nested objects); `author`, `tags`, `source_url`/`origin_url` are taken when
present. The text may be HTML or markdown, it is turned into clean text. A bad line is reported as a
ReadError naming `file:line` and the rest of the file is still read. A line that is a 品葱 backup record
is read as one.
"""
from __future__ import annotations

import json
from typing import IO, Any, Iterator

from shiju.model import Document
from shiju.readers import ReadError, ReadOptions
from shiju.readers._common import clean_name, finish, normalize_date, split_origin
from shiju.readers._markup import html_to_text, looks_like_html, md_to_text, tidy_lines
from shiju.readers.frontmatter_md import tags_of

FORMAT = "jsonl"


def _get(obj: Any, path: str) -> Any:
    cur = obj
    for key in path.split("."):
        if isinstance(cur, dict) and key in cur:
            cur = cur[key]
        elif isinstance(cur, list) and key.isdigit() and int(key) < len(cur):
            cur = cur[int(key)]
        else:
            return None
    return cur


def _text(v: Any) -> str | None:
    if v is None:
        return None
    if isinstance(v, list):
        v = "\n\n".join(str(x) for x in v if x is not None)
    if isinstance(v, dict):
        return None
    return str(v)


def read_record(obj: Any, source: str, options: ReadOptions) -> Document:
    """One JSON object to a Document with the field mapping of `options`."""
    if not isinstance(obj, dict):
        raise ReadError(source, f"expected a JSON object, got {type(obj).__name__}")
    from shiju.readers import pincong_json

    if pincong_json.sniff(obj):
        doc = pincong_json.read_obj(obj, source, options)
        if doc is None:
            raise ReadError(source, "answers record already merged")
        return doc
    raw = _text(_get(obj, options.text_field))
    if raw is None:
        keys = ", ".join(list(obj)[:8])
        raise ReadError(source, f"no text field {options.text_field!r} (fields: {keys}); use --text-field")
    if looks_like_html(raw):
        body = html_to_text(raw)
    elif any(tok in raw for tok in ("](", "**", "\n#", "\n> ")):
        body = md_to_text(raw)[0]
    else:
        body = tidy_lines(raw)
    body, trailing = split_origin(body)
    title = _text(_get(obj, options.title_field))
    origin = _text(obj.get("origin_url") or obj.get("source_url")) or trailing
    doc = Document(
        id="",
        source=source,
        format=FORMAT,
        body=body,
        title=title.strip() if title and title.strip() else None,
        author=clean_name(_text(obj.get("author"))),
        published=normalize_date(_get(obj, options.date_field)),
        tags=tags_of(obj.get("tags")),
        url=_text(_get(obj, options.url_field)),
        origin_url=origin,
    )
    return finish(doc, options)


def iter_lines(stream: IO[bytes], path: str, options: ReadOptions,
               first: bytes = b"", start_line: int = 0) -> Iterator[Document | ReadError]:
    """Read a JSON Lines byte stream line by line; `first` is any prefix already taken off it, and
    `start_line` the number of lines before the stream (when a worker reads one slice of a file)."""
    from shiju.readers._common import decode_bytes

    lineno = start_line
    for line in _lines(stream, first):
        lineno += 1
        where = f"{path}:{lineno}"
        if lineno == 1 and line.startswith(b"\xef\xbb\xbf"):
            line = line[3:]
        if not line.strip():
            continue
        try:
            text = decode_bytes(line, where)
            obj = json.loads(text)
            yield read_record(obj, where, options)
        except ReadError as err:
            yield err
        except json.JSONDecodeError as exc:
            yield ReadError(where, f"invalid JSON: {exc.msg} at column {exc.colno}")
        except RecursionError:
            yield ReadError(where, "JSON nested too deeply")


def _lines(stream: IO[bytes], first: bytes) -> Iterator[bytes]:
    """Lines of `first` + `stream`, streaming (a line cut at the end of `first` is completed)."""
    head = first.split(b"\n")
    partial = head.pop()
    for h in head:
        yield h + b"\n"
    line = stream.readline()
    if partial or line:
        yield partial + line
    while line:
        line = stream.readline()
        if line:
            yield line
