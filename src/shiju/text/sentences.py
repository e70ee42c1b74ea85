"""Sentence and clause boundaries for Chinese text, as (start, end) offsets."""
from __future__ import annotations

import re

# A sentence ends at 。！？ (and ；…) or a newline, absorbing closing quotes/brackets that follow.
_SENT = re.compile(r"[^。！？!?\n]*(?:[。！？!?]+[”’」』）)\"']*|\n|$)")


def sentences(text: str) -> list[tuple[int, int]]:
    """Sentence spans, whitespace-trimmed, never empty."""
    out: list[tuple[int, int]] = []
    for m in _SENT.finditer(text):
        s, e = m.start(), m.end()
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if e > s:
            out.append((s, e))
    return out


def sentence_at(text: str, pos: int, spans: list[tuple[int, int]] | None = None) -> tuple[int, int]:
    for s, e in spans or sentences(text):
        if s <= pos < e:
            return s, e
    return pos, pos
