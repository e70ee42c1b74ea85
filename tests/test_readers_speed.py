"""The readers' cheaper calls give the same text as the full ones on the real archives of ../shared."""
from __future__ import annotations

import re
import warnings
from pathlib import Path

import pytest


def _html_bodies(corpus: Path) -> list[str]:
    """The HTML article bodies the front-matter reader hands to trafilatura, from every file of the corpus."""
    from shiju.readers import ReadOptions, iter_documents
    from shiju.readers import frontmatter_md as fm

    seen: list[str] = []
    real = fm._main_text

    def record(html: str) -> str | None:
        seen.append(html)
        return real(html)

    fm._main_text = record
    try:
        list(iter_documents([str(corpus / "news")], ReadOptions()))
    finally:
        fm._main_text = real
    return seen


def test_trafilatura_fast_mode_gives_the_full_modes_text(shared_dir: Path):
    # _main_text skips trafilatura's readability/justext comparison (fast=True): on these archives the
    # comparison never changed the text, so the records are the same at about two thirds of the cost.
    import trafilatura

    from shiju.readers import frontmatter_md as fm

    corpus = shared_dir / "corpus"
    if not (corpus / "news").is_dir():
        pytest.skip("../shared/corpus/news is absent")
    bodies = _html_bodies(corpus)
    assert len(bodies) > 50
    for html in bodies[::2]:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            full = trafilatura.extract(f"<html><body>{fm._CJK_WRAP_RE.sub('', html)}</body></html>",
                                       include_comments=False, include_tables=True, include_images=False)
        fast = fm._main_text(html)
        assert fast == (fm.tidy_lines(re.sub(r"\n{2,}", "\n", full)) if full else None)
