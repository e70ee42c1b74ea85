"""Fast tests of a text against a word list (cue words, markers), compiled once per list.

The analysis stages ask the same few questions of many short strings: which listed word is the longest one
ending this text, does any listed word occur in it, which ones do. Looping over the list in Python for
every question was a large part of their time; a list compiled here answers with one regex call or a few
set lookups, and gives exactly the answers of the loops it replaces (see each method).
"""
from __future__ import annotations

import functools
import re
from typing import Any, Iterable


def trie_pattern(words: Iterable[str]) -> str:
    """A regex source matching, at a position, the longest of ``words`` that starts there: a prefix
    tree, so the engine follows one branch per character instead of trying every word in turn."""
    trie: dict[str, Any] = {}
    for w in words:
        if not w:
            continue
        node = trie
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}

    def emit(node: dict[str, Any]) -> str:
        alts = [re.escape(ch) + emit(child) for ch, child in sorted(node.items()) if ch]
        body = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")" if alts else ""
        return f"(?:{body})?" if "" in node and body else body  # greedy: the longer word first

    return emit(trie)


class Words:
    """An immutable word list with fast membership questions. Empty strings are ignored."""

    __slots__ = ("words", "longest_first", "_set", "_lens", "_trie", "_prefixes")

    def __init__(self, words: Iterable[str]):
        self.words: tuple[str, ...] = tuple(w for w in words if w)
        self.longest_first = tuple(sorted(self.words, key=len, reverse=True))  # stable among equals
        self._set = frozenset(self.words)
        self._lens = sorted({len(w) for w in self.words}, reverse=True)
        self._trie = re.compile(trie_pattern(self.words)) if self.words else None
        # the listed words that are prefixes of each word (itself included), for present()
        self._prefixes = {w: [w[:k] for k in range(1, len(w) + 1) if w[:k] in self._set] for w in self._set}

    def __bool__(self) -> bool:
        return bool(self.words)

    def longest_suffix(self, text: str) -> str | None:
        """The longest listed word ``text`` ends with (= the longest w with text.endswith(w)), or None."""
        n = len(text)
        for k in self._lens:
            if k <= n and text[n - k:] in self._set:
                return text[n - k:]
        return None

    def longest_at(self, text: str, pos: int) -> str | None:
        """The longest listed word starting at ``pos``, or None."""
        if self._trie is None:
            return None
        m = self._trie.match(text, pos)
        return m.group() if m else None

    def find_from(self, text: str, pos: int = 0, before: int | None = None) -> tuple[int, str] | None:
        """(position, longest word there) of the first position >= ``pos`` where a listed word starts;
        with ``before``, only positions < ``before`` count (None past it), and the search reads no further
        than the longest word from there (callers ask per sentence or clause of a whole part's text)."""
        if self._trie is None:
            return None
        if before is None:
            m = self._trie.search(text, pos)
        else:
            m = self._trie.search(text, pos, before + self._lens[0] - 1)
            if m is not None and m.start() >= before:
                return None
        return (m.start(), m.group()) if m else None

    def present(self, text: str) -> set[str]:
        """Every listed word that occurs in ``text`` (= {w for w in words if w in text})."""
        out: set[str] = set()
        if self._trie is None:
            return out
        search = self._trie.search
        m = search(text)
        while m is not None:  # one match per start position: the longest word there, with its prefixes
            out.update(self._prefixes[m.group()])
            m = search(text, m.start() + 1)
        return out

    def first_in(self, text: str) -> str | None:
        """The first word in list order that occurs in ``text`` (= next(w for w in words if w in text))."""
        found = self.present(text)
        if not found:
            return None
        return next(w for w in self.words if w in found)


@functools.lru_cache(maxsize=512)
def _compiled(words: tuple[str, ...]) -> Words:
    return Words(words)


_BY_ID: dict[int, tuple[Any, int, Words]] = {}  # id of a list → (the list, its length, its Words)


def words(seq: Iterable[str]) -> Words:
    """The compiled form of a word list, built once per distinct list (lists from data files do not
    change during a run). A list seen before is found by identity, without hashing its words."""
    if isinstance(seq, Words):
        return seq
    hit = _BY_ID.get(id(seq))
    if hit is not None and hit[0] is seq and hit[1] == len(hit[0]):
        return hit[2]
    out = _compiled(seq if isinstance(seq, tuple) else tuple(seq))
    if isinstance(seq, list):
        if len(_BY_ID) >= 1024:
            _BY_ID.clear()  # lists built per call would otherwise pile up
        _BY_ID[id(seq)] = (seq, len(seq), out)  # (the list is kept, so its id is not reused)
    return out
