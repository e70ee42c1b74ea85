"""The linker's word-boundary tests agree with a plain jieba segmentation of each clause.

PartLinker records token boundaries in byte arrays as clauses are segmented (for speed); these tests
check every position of real and generated text against the segmenter's own tokens, so a faster
bookkeeping can never change which candidates pass.
"""
from __future__ import annotations

from itertools import accumulate
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from shiju.actors import get_gazetteer
from shiju.actors.linker import _PUNCT, PartLinker
from shiju.context import AnalysisContext

FIXTURE = str(Path(__file__).resolve().parent / "data")
GAZ = get_gazetteer(AnalysisContext(data_dir=FIXTURE))


def _expected(text: str) -> tuple[list[tuple[int, int]], set[int]]:
    """Clauses (runs without punctuation) and every token boundary of their segmentation."""
    clauses, bounds = [], set()
    i = 0
    while i < len(text):
        if text[i] in _PUNCT:
            i += 1
            continue
        j = i
        while j < len(text) and text[j] not in _PUNCT:
            j += 1
        clauses.append((i, j))
        bounds.update(accumulate(map(len, GAZ.segmenter.cut(text[i:j], True)), initial=i))
        i = j
    return clauses, bounds


def _check(text: str) -> None:
    clauses, bounds = _expected(text)
    pl = PartLinker(GAZ, text)
    for cs, ce in clauses:
        for pos in range(cs, ce):
            assert pl.clause(pos) == (cs, ce), (text, pos)
            assert pl.starts_token(pos) == (pos in bounds), (text, pos)
            assert pl.ends_token(pos + 1) == (pos + 1 in bounds), (text, pos)
            a, b = pl.token_at(pos)
            assert a <= pos < b and a in bounds and b in bounds, (text, pos, a, b)
            assert not any(k in bounds for k in range(a + 1, b)), (text, pos, a, b)
    for pos, ch in enumerate(text):
        if ch in _PUNCT:
            assert pl.clause(pos) == (pos, pos) and pl.token_at(pos) == (pos, pos + 1)
            assert pl.starts_token(pos) and pl.ends_token(pos + 1)


def test_boundaries_match_segmentation_on_news_text() -> None:
    _check("美国国务卿布林肯18日在华盛顿会见韩国外长郑义溶，双方讨论了朝鲜半岛局势。赵显通电话时表示，"
           "和平壤的对话仍然重要；林肯郡的居民则关心别的事。BBC中文报道称,G20峰会-将于下月举行!")


def test_boundaries_in_any_order_of_queries() -> None:
    # Queries in reverse order segment clauses last-first; the answers must not depend on it.
    text = "拜登总统和岸田文雄首相在白宫会谈。随后，美日韩三国外长发表联合声明"
    clauses, bounds = _expected(text)
    pl = PartLinker(GAZ, text)
    for pos in reversed(range(len(text) + 1)):
        if pos < len(text) and text[pos] not in _PUNCT:
            assert pl.starts_token(pos) == (pos in bounds)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.sampled_from(list("美国中韩日朝鲜外长部总统表示会谈在和与，。、 ·-.A1布林肯拜登平壤首尔北京"
                                     "“”（）的了是一二三")), max_size=40).map("".join))
def test_boundaries_match_segmentation_property(text: str) -> None:
    _check(text)
