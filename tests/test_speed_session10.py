"""Session 10 speed changes: what each may and may not change.

The batch garbage-collector setting (shiju.engine.settle_loaded_heap) must leave the records as they are
and must only ever raise the youngest generation's threshold; library callers' processes are untouched.
"""
from __future__ import annotations

import gc

import pytest

from shiju.engine import BATCH_GC_THRESHOLD, analyse_records, settle_loaded_heap
from shiju.model import Document

STAGES = ["normalize", "actors", "time", "quotes", "events"]


@pytest.fixture
def gc_thresholds():
    """The test may change the collector's thresholds; they are put back afterwards."""
    saved = gc.get_threshold()
    yield saved
    gc.set_threshold(*saved)


def _docs() -> list[Document]:
    bodies = ["美国国务卿布林肯周二在北京会见中国外长，双方同意继续沟通。",
              "俄罗斯外交部发言人表示，俄方强烈谴责北约在波罗的海举行的军事演习。",
              "日本首相宣布，日本将向乌克兰提供新一轮人道主义援助。"]
    return [Document(id=f"d{k}", source=f"d{k}", format="text", body=b, published="2023-06-19")
            for k, b in enumerate(bodies)]


def test_settle_raises_the_youngest_threshold_only(gc_thresholds):
    gc.set_threshold(700, 11, 12)
    settle_loaded_heap()
    assert gc.get_threshold() == (BATCH_GC_THRESHOLD, 11, 12)
    gc.set_threshold(50_000, 10, 10)  # someone chose a higher one: kept
    settle_loaded_heap()
    assert gc.get_threshold() == (50_000, 10, 10)
    gc.set_threshold(0, 10, 10)  # collection switched off: left off
    settle_loaded_heap()
    assert gc.get_threshold()[0] == 0


def test_records_are_the_same_with_and_without_the_batch_setting(gc_thresholds):
    gc.set_threshold(700, 10, 10)
    plain = [r.record for r in analyse_records(_docs(), STAGES, keep_docs=False)]
    assert gc.get_threshold()[0] == 700  # a library caller's process is left as it is
    settled = [r.record for r in analyse_records(_docs(), STAGES, keep_docs=False, settle_heap=True)]
    assert gc.get_threshold()[0] == BATCH_GC_THRESHOLD  # set after the first document
    assert settled == plain and len(plain) == 3 and all(plain)
