"""Time expressions scored on the hand-annotated gold (tests/gold/time_*.yaml) with `shiju eval`'s scorer.

The thresholds are floors that catch regressions, below the measured figures (reported by
`shiju eval tests/gold`); they are not the target (≥ 0.95 resolved-value accuracy on unseen text).
"""
from __future__ import annotations

from pathlib import Path

from shiju.evaluation import evaluate, load_gold
from shiju.pipeline import Pipeline

GOLD = Path(__file__).resolve().parent / "gold"


def test_time_gold_scores() -> None:
    files = sorted(GOLD.glob("time_*.yaml"))
    gold = load_gold(files)
    assert len(gold) >= 15
    rep = evaluate(gold, Pipeline(["normalize", "time"]))
    sc, acc = rep.scores["times"], rep.accuracies["time_values"]
    assert acc.total >= 100
    assert sc.precision >= 0.95, rep.errors
    assert sc.recall >= 0.95, rep.errors
    assert acc.value >= 0.95, rep.errors


def test_every_time_gold_document_annotates_times() -> None:
    for g in load_gold(sorted(GOLD.glob("time_*.yaml"))):
        assert g.get("times"), g["id"]
        for item in g["times"]:
            part = item.get("part", "body")
            text = g["body"] if part == "body" else next(
                c["text"] for c in g.get("comments") or [] if f"comment:{c['id']}" == part)
            assert str(item["text"]) in text, (g["id"], item["text"])
