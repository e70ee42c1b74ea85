"""A Simplified, normalised view of an original text, with an exact offset map back.

Analysis (actors, time, quotes, events) matches against ``TextView.simplified``; spans found there are
mapped to the original with :meth:`TextView.to_original` so that output offsets always index the text we
print. OpenCC's phrase conversion can change length (rarely, for t2s), so chunks whose converted length
differs are re-converted character by character, which keeps the map 1:1 everywhere.
"""
from __future__ import annotations

import re
from functools import lru_cache

# Same-length folds applied after T→S: full-width ASCII to half-width, and the many dots used
# between the parts of a transliterated name to one.
_FOLD = {chr(c): chr(c - 0xFEE0) for c in range(0xFF01, 0xFF5F)}
_FOLD.update({"∙": "·", "•": "·", "・": "·", "‧": "·", "･": "·", "\u3000": " "})
# Keep Chinese punctuation that carries meaning for quotes and clauses as is.
for _p in "，。：；？！（）":
    _FOLD.pop(chr(ord(_p)), None)
_FOLD_TABLE = str.maketrans(_FOLD)

_CHUNK = re.compile(r"[^\n。！？；]*[\n。！？；]?")


@lru_cache(maxsize=1)
def _converter():
    import opencc

    return opencc.OpenCC("t2s")


_CJK_ANY = re.compile("[\u3400-\u9fff\uf900-\ufaff]")
_CJK_UNIFIED = re.compile("[\u4e00-\u9fff]+")  # runs: far fewer match objects than characters
_BLOCK = 64  # characters compared at once when counting the positions two strings differ at


def _has_cjk(s: str) -> bool:
    return _CJK_ANY.search(s) is not None


def _count_changed(a: str, b: str) -> int:
    """Positions (over the shorter length, as zip) where ``a`` and ``b`` differ. Equal blocks are
    skipped by one C comparison; most of a Simplified text converts to itself."""
    n = min(len(a), len(b))
    changed = 0
    for i in range(0, n, _BLOCK):
        j = min(i + _BLOCK, n)
        x, y = a[i:j], b[i:j]
        if x != y:
            changed += sum(1 for p, q in zip(x, y) if p != q)
    return changed


def to_simplified(text: str) -> str:
    """Convert to Simplified Chinese (phrase-level, may change length)."""
    return _converter().convert(text)


class TextView:
    """Original text plus its Simplified, folded counterpart and offset maps between them."""

    __slots__ = ("original", "simplified", "_to_orig", "_to_simp")

    def __init__(self, original: str):
        self.original = original
        conv = _converter()
        whole = conv.convert(original) if _has_cjk(original) else original
        if len(whole) == len(original):
            self.simplified = whole.translate(_FOLD_TABLE)
            self._to_orig = None
            self._to_simp = None
            return
        # Rare: rebuild chunk by chunk, falling back to per-character conversion where lengths differ.
        out: list[str] = []
        for m in _CHUNK.finditer(original):
            chunk = m.group(0)
            if not chunk:
                continue
            c = conv.convert(chunk)
            if len(c) != len(chunk):
                c = "".join(conv.convert(ch) if len(conv.convert(ch)) == 1 else ch for ch in chunk)
            out.append(c)
        simp = "".join(out)
        # Per-character fallback keeps every chunk the same length, so the map stays the identity.
        assert len(simp) == len(original)
        self.simplified = simp.translate(_FOLD_TABLE)
        self._to_orig = None
        self._to_simp = None

    def to_original(self, i: int) -> int:
        """Map an offset in the simplified view to the original text."""
        return i if self._to_orig is None else self._to_orig[i]

    def to_simplified(self, i: int) -> int:
        return i if self._to_simp is None else self._to_simp[i]

    def maps_identity(self) -> bool:
        """Offsets in the Simplified view are offsets in the original (no map to apply)."""
        return self._to_orig is None

    def original_span(self, start: int, end: int) -> tuple[int, int, str]:
        s, e = self.to_original(start), self.to_original(end)
        return s, e, self.original[s:e]


def language_of(text: str) -> str:
    """zh-Hans, zh-Hant or mixed, by the share of characters that T→S conversion changes."""
    sample = text[:20000]
    if not _has_cjk(sample):
        return "zh-Hans"
    simp = _converter().convert(sample)
    changed = _count_changed(sample, simp)
    cjk = sum(map(len, _CJK_UNIFIED.findall(sample))) or 1
    ratio = changed / cjk
    # Simplified text still has a few characters OpenCC changes (variants); Traditional text changes
    # roughly a fifth to a third of its characters.
    if ratio < 0.01:
        return "zh-Hans"
    if ratio > 0.08:
        return "zh-Hant"
    return "mixed"
