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


def test_plain_html_text_is_never_longer_than_its_html(shared_dir: Path):
    # frontmatter_md.body_to_text skips building the plain text when trafilatura's text is long enough
    # against the HTML itself: sound only if html_to_text never lengthens its input. Checked on generated
    # fragments (implied closings, entities, <br>, cells, <pre>, skipped tags, unclosed and broken markup)
    # and on every HTML body of the corpus.
    import random

    from shiju.readers._markup import html_to_text

    rng = random.Random(11)
    pieces = ["<p>", "</p>", "<li>", "<ul>", "<div>", "</div>", "<br>", "<br/>", "<td>", "<tr>", "<table>",
              "<pre>", "</pre>", "<script>x</script>", "<img src=a>", "&amp;", "&nbsp;", "&#x4e2d;", "&lt;",
              "<!-- c -->", "<h1>", "<b>", "</b>", "中", "文", "a", " ", "\n", "\t", "<", ">", "&"]
    samples = ["".join(rng.choice(pieces) for _ in range(rng.randint(1, 40))) for _ in range(3000)]
    corpus = shared_dir / "corpus"
    if (corpus / "news").is_dir():
        samples += _html_bodies(corpus)
    for h in samples:
        assert len(html_to_text(h)) <= len(h), h
