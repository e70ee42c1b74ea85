"""Inter-annotator agreement (`shiju agree`, shiju.agreement): one annotation scored against another."""
from __future__ import annotations

import copy

import pytest
import yaml

from shiju.agreement import compare
from shiju.cli import main
from shiju.evaluation import GoldError

BODY = "美国国务卿布林肯10日在东京会见日本外相林芳正。布林肯表示，美日同盟是地区和平的基石。"

DOC = {
    "id": "agree-1",
    "published": "2023-02-11",
    "body": BODY,
    "actors": [
        {"text": "美国国务卿布林肯", "id": "per:antony-blinken"},
        {"text": "东京", "id": "JPN"},
        {"text": "日本外相林芳正", "id": "per:hayashi-yoshimasa"},
        {"text": "布林肯", "id": "per:antony-blinken", "n": 2},
        {"text": "美", "id": "USA", "n": 2},
        {"text": "日", "id": "JPN", "n": 2},
    ],
    "times": [{"text": "10日", "value": "2023-02-10"}],
    "quotes": [{"text": "美日同盟是地区和平的基石", "speaker": "per:antony-blinken", "direct": False}],
    "events": [{"type": "CONSULT", "mode": "visit", "actor": ["USA"], "recipient": ["JPN"], "date": "2023-02-10"}],
    "relations": [{"a": "USA", "b": "JPN", "type": "alliance"}],
    "comments": [{"id": "c1", "author": "u1", "text": "以色列国防军又在乱来，以色列政府倒还克制。"}],
    "stance": [
        {"comment": "c1", "actor": "ISR", "stance": "neutral"},
    ],
}


def _scores(report, name):
    s = report.scores[name]
    return s.tp, s.fp, s.fn


def test_an_annotation_agrees_with_itself():
    result = compare([DOC], [copy.deepcopy(DOC)])
    assert result.documents == 1
    for name in ("actors", "times", "quotes", "events", "relations"):
        tp, fp, fn = _scores(result.a_as_reference, name)
        assert tp > 0 and fp == 0 and fn == 0, name
    assert result.a_as_reference.accuracies["stance"].value == 1.0


def test_each_disagreement_lowers_only_its_component():
    other = copy.deepcopy(DOC)
    other["events"][0]["recipient"] = ["CHN"]
    other["quotes"] = []
    other["actors"] = other["actors"][:-1]
    result = compare([DOC], [other])
    a = result.a_as_reference
    assert _scores(a, "events") == (0, 1, 1)
    assert _scores(a, "quotes") == (0, 0, 1)
    assert _scores(a, "actors") == (5, 0, 1)
    assert _scores(a, "times")[1:] == (0, 0)
    # the other direction reads the same disagreement from B's side
    assert _scores(result.b_as_reference, "actors") == (5, 1, 0)


def test_stance_prefers_the_exact_actor_over_another_of_its_country():
    # the comment judges the IDF and Israel's government differently; the ISR pair must be read from the
    # ISR judgement, not from whichever actor of country ISR comes first
    first = copy.deepcopy(DOC)
    second = copy.deepcopy(DOC)
    second["stance"] = [
        {"comment": "c1", "actor": ["org:idf", "ISR"], "stance": "oppose"},
        {"comment": "c1", "actor": "ISR", "stance": "neutral"},
    ]
    assert compare([first], [second]).a_as_reference.accuracies["stance"].value == 1.0
    second["stance"] = [{"comment": "c1", "actor": ["org:idf", "ISR"], "stance": "oppose"}]
    assert compare([first], [second]).a_as_reference.accuracies["stance"].value == 0.0


def test_different_texts_of_the_same_document_are_refused():
    other = copy.deepcopy(DOC)
    other["body"] = BODY.replace("10日", "11日")
    with pytest.raises(GoldError, match="body differs"):
        compare([DOC], [other])


def test_cli_reports_and_refuses_disjoint_sets(tmp_path, capsys):
    a, b, c = tmp_path / "a.yaml", tmp_path / "b.yaml", tmp_path / "c.yaml"
    a.write_text(yaml.safe_dump({"documents": [DOC]}, allow_unicode=True), encoding="utf-8")
    other = copy.deepcopy(DOC)
    other["relations"] = []
    b.write_text(yaml.safe_dump({"documents": [other]}, allow_unicode=True), encoding="utf-8")
    assert main(["agree", "--first", str(a), "--second", str(b), "--json"]) == 0
    out = capsys.readouterr().out
    assert '"relations"' in out and '"fn": 1' in out
    renamed = copy.deepcopy(DOC)
    renamed["id"] = "agree-2"
    c.write_text(yaml.safe_dump({"documents": [renamed]}, allow_unicode=True), encoding="utf-8")
    assert main(["agree", "--first", str(a), "--second", str(c)]) == 2
    assert "share no document" in capsys.readouterr().err


def test_every_second_annotation_has_its_first_with_the_same_text(repo_dir):
    # tests/agreement holds second annotations of gold documents: each must find its first annotation by
    # id, with a byte-identical text (compare() refuses a different body), and carry every component.
    from shiju.evaluation import load_gold

    second = load_gold([repo_dir / "tests" / "agreement"])
    assert second, "no second annotation under tests/agreement"
    first = load_gold([repo_dir / "tests" / "gold"])
    result = compare(first, second, gazetteer=None)
    assert result.only_in_b == [] and result.documents == len(second)
    for key in ("actors", "events", "quotes"):
        assert result.b_as_reference.scores[key].tp + result.b_as_reference.scores[key].fn > 0, key
