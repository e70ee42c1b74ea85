"""Sentence and clause boundaries for Chinese text, as (start, end) offsets."""
from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from functools import lru_cache
from pathlib import Path

# A sentence ends at 。！？ (and ；…) or a newline, absorbing closing quotes/brackets that follow.
_SENT = re.compile(r"[^。！？!?\n]*(?:[。！？!?]+[”’」』）)\"']*|\n|$)")


def sentences(text: str) -> list[tuple[int, int]]:
    """Sentence spans, whitespace-trimmed, never empty."""
    # Several stages split the same part (on the corpus, 18 calls per document for its few parts): the
    # spans of the last parts are kept, and each caller gets a list of its own. Room for a long thread's
    # parts (149 on the corpus): each stage walks them in order, so a cache smaller than a thread kept none.
    return list(_sentence_spans(text))


@lru_cache(maxsize=256)
def _sentence_spans(text: str) -> tuple[tuple[int, int], ...]:
    out: list[tuple[int, int]] = []
    # Trimmed with str.strip/lstrip (in C; the same whitespace as str.isspace) instead of a Python loop
    # per character: this runs on every part in several stages.
    for m in _SENT.finditer(text):
        g = m.group()
        t = g.strip()
        if t:
            s = m.start() + len(g) - len(g.lstrip())
            out.append((s, s + len(t)))
    return tuple(out)


def sentence_at(text: str, pos: int, spans: list[tuple[int, int]] | None = None) -> tuple[int, int]:
    for s, e in spans or sentences(text):
        if s <= pos < e:
            return s, e
    return pos, pos


_CLAUSE_PUNCT = "，。；！？,;!?\n"
_CLAUSE_PUNCT_RE = re.compile("[" + re.escape(_CLAUSE_PUNCT) + "]")


def clause_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """The clause around [start, end): from just after the last clause punctuation before `start` (or the
    text's start) to the first one at or after `end` (or the text's end). One regex search forward, and
    backward windows that grow from `start`, instead of a find per punctuation mark over the whole text
    (a mark the text lacks made each of them scan to its edge)."""
    m = _CLAUSE_PUNCT_RE.search(text, end)
    ce = m.start() if m else len(text)
    lo, step = start, 64
    while lo > 0:
        lo2 = max(0, lo - step)
        last = None
        for last in _CLAUSE_PUNCT_RE.finditer(text, lo2, lo):
            pass
        if last is not None:
            return last.start() + 1, ce
        lo, step = lo2, step * 4
    return 0, ce


@lru_cache(maxsize=8)
def load_reference_frames(path: str | Path | None = None) -> tuple[tuple[str, str], ...]:
    """The [opener, closer] reference frames of data/text/reference_frames.yaml (or of `path`)."""
    import yaml

    from shiju.data import DATA_DIR

    where = Path(path) if path is not None else DATA_DIR / "text" / "reference_frames.yaml"
    try:
        raw = yaml.safe_load(where.read_text(encoding="utf-8")) or {}
        frames = tuple((str(a), str(b or "")) for a, b in raw.get("frames") or ())
    except (OSError, yaml.YAMLError, TypeError, ValueError, AttributeError) as exc:
        raise ValueError(f"{where}: cannot read reference frames (a list of [opener, closer] pairs "
                         f"under 'frames:'): {exc}") from exc
    if any(not a for a, _ in frames):
        raise ValueError(f"{where}: a reference frame has an empty opener")
    return frames


def reference_frame(text: str, start: int, end: int,
                    frames: Iterable[Sequence[str]]) -> tuple[int, int] | None:
    """The span of the first reference frame [opener, closer] (对…的回应, 以…为由, 原定…的) that encloses
    [start, end) inside its clause, or None. An empty closer stands for the next 的. Time expressions in
    such a frame date the act the frame names, not the clause around it (docs/annotation.md, Dates)."""
    cs, ce = clause_bounds(text, start, end)
    for opener, closer in frames:
        a = text.rfind(opener, cs, start)
        k = text.find(closer or "的", end, ce)
        if a >= 0 and k >= 0:
            return a, k + len(closer or "的")
    return None
