"""The quote error sorter (shiju.quote_errors): each class assigned where it should be, counts that add up,
blind files refused."""
from __future__ import annotations

from types import SimpleNamespace

import pytest

from shiju import quote_errors as qe


def test_no_span_classes():
    text = "外交部发言人表示，“这是一句很长的完整引语，说得很清楚。”他还称这是「白日做梦」。乙表示，甲。乙。"
    long_q = "这是一句很长的完整引语，说得很清楚。"
    a = text.index(long_q)
    assert qe.no_span_class({"direct": True}, "body", text, (a, a + len(long_q))) == "direct_other"
    short = "白日做梦"
    b = text.index(short)
    assert qe.no_span_class({"direct": True}, "body", text, (b, b + len(short))) == "partial"
    assert qe.no_span_class({"direct": False}, "body", text, (0, 5)) == "indirect"
    assert qe.no_span_class({"direct": True}, "comment:c1", text, (b, b + 4)) == "comment"
    assert qe.no_span_class({"direct": True}, "body", text, None) == "title"
    multi = "甲方认为，“我们不同意。我们会反击，而且会坚决反击到底。”"
    m = multi.index("我们不同意")
    assert qe.no_span_class({"direct": True}, "body", multi, (m, len(multi) - 1)) == "multi_sentence"


def _doc(text: str):
    return SimpleNamespace(part_text=lambda part: text, id="d")


@pytest.mark.parametrize("text,quote,direct,gold,cls", [
    ("美方推行所谓“印太战略”。", "印太战略", True, [], "name_in_marks"),
    ("美方推行“印太战略”。", "印太战略", True, [], "scare"),
    ("美方表示，将继续推进合作。", "将继续推进合作", False, [], "indirect_fp"),
    ("美方表示，将继续推进合作。", "将继续推进合作", False, [("body", (6, 9))], "boundary"),
    ("美方表示：“我们将继续推进各领域的务实合作并且扩大规模。”", "我们将继续推进各领域的务实合作并且扩大规模", True, [],
     "direct_fp"),
])
def test_false_positive_classes(text, quote, direct, gold, cls):
    a = text.index(quote)
    q = SimpleNamespace(part="body", start=a, end=a + len(quote), text=quote, direct=direct, speaker="USA")
    assert qe.fp_class(_doc(text), q, gold, None, ("所谓", "称为")) == cls


def test_sort_gold_counts_add_up():
    """A found quote, an indirect quote the annotator marked and a made-up speaker the system cannot link:
    every gold quote is either found or in exactly one miss class."""
    g = {"id": "t-1", "body": "美国国务卿布林肯18日表示：“美国将与盟友站在一起，共同应对挑战。”\n"
                              "布林肯还说，美韩同盟坚如磐石。\n",
         "quotes": [{"speaker": "per:antony-blinken", "text": "美国将与盟友站在一起，共同应对挑战。", "direct": True},
                    {"speaker": "per:antony-blinken", "text": "美韩同盟坚如磐石", "direct": False},
                    {"speaker": "per:nobody-known", "text": "美国将与盟友站在一起", "direct": True}]}
    s = qe.sort_gold([g], keep=5)
    assert s.gold == 3
    assert s.found + sum(s.counts[c] for c in qe.MISS_NO_SPAN + qe.MISS_SPEAKER) == 3
    assert s.found >= 1
    assert s.counts["not_linked"] + s.counts["merged"] >= 1  # the third overlaps the first: merged or unlinked
    assert qe.table(s).startswith("gold quotes 3, found")


def test_blind_files_refused():
    with pytest.raises(SystemExit, match="blind"):
        qe.main(["tests/gold/blind_001.yaml"])
