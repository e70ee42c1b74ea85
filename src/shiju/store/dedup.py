"""Near-duplicate (repost) detection: MinHash over character shingles of the Simplified text, with LSH
banding so that candidates are found by an index lookup rather than a scan of the corpus."""
from __future__ import annotations

import re
import zlib
from functools import lru_cache

SHINGLE = 5
NUM_PERM = 64
BANDS = 16  # 16 bands × 4 rows: pairs with Jaccard ≥ 0.8 collide in some band with p > 0.99
ROWS = NUM_PERM // BANDS
THRESHOLD = 0.7
MAX_CANDIDATES = 20
_NOISE = re.compile(r"[\s\W_]+", re.UNICODE)


@lru_cache(maxsize=1)
def _perms():
    import numpy as np

    rng = np.random.default_rng(20210318)  # fixed: signatures must be stable across runs and machines
    a = rng.integers(1, 2**63 - 1, size=NUM_PERM, dtype=np.uint64) | np.uint64(1)  # odd multipliers
    b = rng.integers(0, 2**63 - 1, size=NUM_PERM, dtype=np.uint64)
    return a, b


def signature(simplified_text: str) -> list[int] | None:
    """MinHash signature of a text, or None when it is too short to compare meaningfully."""
    import numpy as np

    s = _NOISE.sub("", simplified_text)
    if len(s) < 40:
        return None
    shingles = {zlib.crc32(s[i:i + SHINGLE].encode("utf-8")) for i in range(len(s) - SHINGLE + 1)}
    x = np.fromiter(shingles, dtype=np.uint64)
    a, b = _perms()
    # multiply-shift hashing (a universal family): ((a*x + b) mod 2^64) >> 32, numpy wraps mod 2^64
    with np.errstate(over="ignore"):
        h = (a[:, None] * x[None, :] + b[:, None]) >> np.uint64(32)
    return [int(v) for v in h.min(axis=1)]


def bands(sig: list[int]) -> list[tuple[int, int]]:
    return [(i, zlib.crc32(repr(sig[i * ROWS:(i + 1) * ROWS]).encode()) & 0x7FFFFFFF) for i in range(BANDS)]


def similarity(a: list[int], b: list[int]) -> float:
    return sum(1 for x, y in zip(a, b) if x == y) / len(a)
