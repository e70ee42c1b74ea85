"""Readers turn input files into Documents. One module per format; :func:`iter_documents` detects.

Public API:
    iter_documents(paths, options) -> Iterator[Document | ReadError]
A file that cannot be read yields a ReadError (path + reason) and the iteration goes on.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Iterator

from shiju.model import Document


@dataclass
class ReadOptions:
    default_date: str | None = None
    text_field: str = "text"
    title_field: str = "title"
    date_field: str = "date"
    url_field: str = "url"
    format: str | None = None  # force a reader instead of detecting


class ReadError(Exception):
    """A file that could not be read or parsed; str() names the file and the reason."""

    def __init__(self, path: str, reason: str):
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason


def iter_documents(paths: list[str], options: ReadOptions | None = None) -> Iterator[Document | ReadError]:
    from shiju.readers.detect import iter_documents as _iter

    yield from _iter(paths, options or ReadOptions())
