"""The 品葱 raw JSON backup: `article/<id>.json`, `question/<id>.json`, `question_answer/<id>.json`.

A question and its answers file make one document: the answers become comments of kind `answer`,
their nested discussions and the question's own discussions comments of kind `comment` (a discussion
under an answer has that answer as `parent`). An `@user:` prefix names the user replied to
(`reply_to`) and is taken out of the comment text. Comment ids are the backup's own ids, prefixed
`a` (answer) or `d` (discussion).

Deleted posts: the backup keeps them as placeholders with an empty title and body. A placeholder
with nothing else is reported as a ReadError ("deleted post …"); one that still has answers or
discussions is read, with a note in `notes` saying the post itself was deleted.
"""
from __future__ import annotations

import json
import os
from typing import Any

from shiju.model import Comment, Document
from shiju.readers import ReadError, ReadOptions
from shiju.readers._common import (
    clean_name,
    finish,
    normalize_date,
    split_origin,
    strip_removed_marker,
    strip_reply_prefix,
)
from shiju.readers._markup import html_to_text

FORMAT = "pincong-json"


def sniff(obj: Any) -> bool:
    return isinstance(obj, dict) and (
        "article_id" in obj or "question_id" in obj or ("parent_type" in obj and "answers" in obj)
    )


def _user(u: Any) -> str | None:
    if isinstance(u, dict):
        return clean_name(u.get("username"))
    return clean_name(u) if isinstance(u, str) else None


def _load(path: str) -> Any:
    from shiju.readers._common import decode_bytes

    with open(path, "rb") as f:
        return json.loads(decode_bytes(f.read(), path))


def _sibling(path: str | None, folder: str, post_id: Any) -> str | None:
    if not path or post_id in (None, ""):
        return None
    p = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(path))), folder, f"{post_id}.json")
    return p if os.path.isfile(p) else None


def read(text: str, source: str, options: ReadOptions, *, path: str | None = None,
         consumed: set[str] | None = None) -> Document | None:
    """Read one backup file. Returns None for an answers file already merged into its question."""
    try:
        obj = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ReadError(source, f"invalid JSON: {exc.msg} at line {exc.lineno} column {exc.colno}")
    return read_obj(obj, source, options, path=path, consumed=consumed)


def read_obj(obj: Any, source: str, options: ReadOptions, *, path: str | None = None,
             consumed: set[str] | None = None) -> Document | None:
    if not sniff(obj):
        raise ReadError(source, "not a 品葱 backup record (no article_id, question_id or answers)")
    consumed = consumed if consumed is not None else set()
    if "parent_type" in obj:
        qpath = _sibling(path, "question", obj.get("parent_id"))
        if qpath:
            real = os.path.realpath(qpath)
            if real in consumed:
                return None
            consumed.add(real)
            try:
                qobj = _load(qpath)
            except (OSError, ValueError) as exc:
                raise ReadError(source, f"cannot read its question file {qpath}: {exc}")
            return _post(qobj, qpath, options, answers=obj, consumed=consumed, answers_path=path)
        return _answers_only(obj, source, options)
    return _post(obj, source, options, path=path, consumed=consumed)


def _post(obj: dict, source: str, options: ReadOptions, *, path: str | None = None, answers: Any = None,
          consumed: set[str], answers_path: str | None = None) -> Document | None:
    is_question = "question_id" in obj
    post_id = obj.get("question_id") if is_question else obj.get("article_id")
    if is_question and answers is None:
        apath = _sibling(path or source, "question_answer", post_id)
        if apath:
            real = os.path.realpath(apath)
            if real in consumed:
                answers = None
            else:
                consumed.add(real)
                try:
                    answers = _load(apath)
                except (OSError, ValueError) as exc:
                    raise ReadError(source, f"cannot read its answers file {apath}: {exc}")
    elif answers_path:
        consumed.add(os.path.realpath(answers_path))
    if path:
        consumed.add(os.path.realpath(path))
    title = (obj.get("title") or "").strip() or None
    body = html_to_text(obj.get("contents") or "")
    body = strip_removed_marker(body)[0].lstrip("\n")
    body, origin = split_origin(body)
    comments: list[Comment] = []
    for d in obj.get("discussions") or []:
        comments.append(_discussion(d, parent=None, default_reply=None))
    if isinstance(answers, dict):
        for a in answers.get("answers") or []:
            comments.extend(_answer(a))
    kind = "question" if is_question else "article"
    if title is None and not body.strip():
        if not comments:
            raise ReadError(source, f"deleted post: the backup holds only an empty placeholder for {kind} {post_id}")
    tags = []
    for t in obj.get("tags") or []:
        name = t.get("name") if isinstance(t, dict) else t
        name = clean_name(name) if isinstance(name, str) else None
        if name and name not in tags:
            tags.append(name)
    doc = Document(
        id="",
        source=source,
        format=FORMAT,
        body=body,
        title=title,
        author=_user(obj.get("author")),
        published=normalize_date(obj.get("date")),
        tags=tags,
        url=f"https://pincong.rocks/{kind}/{post_id}" if post_id not in (None, "") else None,
        origin_url=origin,
        comments=comments,
    )
    if title is None and not body.strip():
        doc.notes.append(f"reader: deleted post (empty placeholder); its {len(comments)} answers/discussions are kept")
    n_missing = obj.get("comment_count")
    if not is_question and isinstance(n_missing, int) and n_missing > 0:
        doc.notes.append(f"reader: {n_missing} comments of this article are not in the backup")
    return finish(doc, options)


def _answer(a: dict) -> list[Comment]:
    aid = f"a{a.get('id')}"
    author = _user(a.get("answerer"))
    text = html_to_text(a.get("contents") or "")
    text, reply_to = strip_reply_prefix(text)
    c = Comment(id=aid, author=author, text=text, reply_to=reply_to, date=normalize_date(a.get("date")),
                deleted=not text.strip(), kind="answer")
    out = [c]
    for d in a.get("discussions") or []:
        out.append(_discussion(d, parent=aid, default_reply=author))
    return out


def _discussion(d: dict, parent: str | None, default_reply: str | None) -> Comment:
    raw = d.get("content") or ""
    text = html_to_text(raw) if "<" in raw else raw.strip()
    text, reply_to = strip_reply_prefix(text)
    return Comment(
        id=f"d{d.get('id')}",
        author=_user(d.get("replier")),
        text=text,
        reply_to=reply_to or default_reply,
        parent=parent,
        date=normalize_date(d.get("date")),
        deleted=not text.strip(),
        kind="comment",
    )


def _answers_only(obj: dict, source: str, options: ReadOptions) -> Document:
    comments: list[Comment] = []
    for a in obj.get("answers") or []:
        comments.extend(_answer(a))
    if not comments:
        raise ReadError(source, "answers file without answers and without its question file")
    pid = obj.get("parent_id")
    ptype = obj.get("parent_type") or "question"
    doc = Document(id="", source=source, format=FORMAT, body="", comments=comments,
                   url=f"https://pincong.rocks/{ptype}/{pid}" if pid else None)
    doc.notes.append("reader: answers file read without its question (question text not found)")
    return finish(doc, options)
