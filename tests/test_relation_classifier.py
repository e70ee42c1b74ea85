"""The learned relation classifier (shiju.relation_classifier) and its trainer: a malformed weights file
names itself, a disabled model is the rules, added relations carry exact offsets, retraining is
deterministic."""
from __future__ import annotations

from pathlib import Path

import pytest

from shiju import relation_classifier as rc
from shiju import relations
from shiju.model import Document
from shiju.pipeline import Pipeline

TEXTS = [
    "韩国是美国的盟友，与中国是战略合作伙伴关系。",
    "以色列与伊朗这对宿敌之间的停火基础脆弱。日本和印度的防务合作日益密切，两国被视为天然盟友。",
    "中美在南海的较量仍在继续。土耳其虽然是北约成员国，但与俄罗斯的关系复杂。",
]


@pytest.fixture(scope="module")
def docs() -> list[Document]:
    pipe = Pipeline(["normalize", "actors", "time", "quotes"])
    return [pipe(Document(id=f"t{i}", source="t", format="t", body=t, published="2024-03-08"))
            for i, t in enumerate(TEXTS)]


def _model(enabled: bool = True, bias: float = 0.0, apply: tuple[str, ...] = ("add",),
           ta: float = 0.5, td: float = 0.5) -> rc.RelationModel:
    return rc.RelationModel(enabled=enabled, apply=apply, bias=bias, threshold_add=ta, threshold_drop=td,
                            weights={})


def _key(rs: list) -> list[tuple]:
    return [(r.type, r.a, r.b, r.negated, r.hypothetical, r.start, r.end) for r in rs]


def test_shipped_weights_load() -> None:
    m = rc.load_model()
    assert isinstance(m.enabled, bool) and m.apply


@pytest.mark.parametrize("text, message", [
    ("enabled: maybe\napply: [add]\nbias: 0\nthreshold_add: 0.5\nthreshold_drop: 0.5\nweights: {}\n", "enabled"),
    ("enabled: true\napply: [keep]\nbias: 0\nthreshold_add: 0.5\nthreshold_drop: 0.5\nweights: {}\n", "apply"),
    ("enabled: true\napply: [add]\nbias: 0\nthreshold_add: 1.5\nthreshold_drop: 0.5\nweights: {}\n", "threshold_add"),
    ("enabled: true\napply: [add]\nbias: 0\nthreshold_add: 0.5\nthreshold_drop: 0.5\nweights: {a: x}\n", "weights.a"),
    ("enabled: [\n", "cannot read"),
])
def test_malformed_file_names_itself(tmp_path: Path, text: str, message: str) -> None:
    f = tmp_path / "classifier.yaml"
    f.write_text(text, encoding="utf-8")
    with pytest.raises(rc.ClassifierError) as err:
        rc.load_model(f)
    assert str(f) in str(err.value) and message in str(err.value)


def test_disabled_model_is_the_rules(docs: list[Document]) -> None:
    lex = relations.load_lexicon()
    for d in docs:
        rules = _key(relations.analyse(d, lex, None, None))
        assert _key(relations.analyse(d, lex, None, _model(enabled=False))) == rules
        # an enabled model that never reaches its thresholds changes nothing either
        assert _key(relations.analyse(d, lex, None, _model(ta=0.99, apply=("add", "drop"), td=0.01))) == rules


def test_added_relations_carry_offsets_and_drop_removes(docs: list[Document]) -> None:
    lex = relations.load_lexicon()
    added = 0
    for d in docs:
        rules = relations.analyse(d, lex, None, None)
        eager = relations.analyse(d, lex, None, _model(bias=5.0))  # accepts every candidate
        added += len(eager) - len(rules)
        assert {(r.type, r.a, r.b) for r in rules} <= {(r.type, r.a, r.b) for r in eager}
        for r in eager:
            assert d.view(r.part).original[r.start:r.end] == r.sentence
            assert r.type != "dependence" or (r.type, r.a, r.b) in {(x.type, x.a, x.b) for x in rules}
        strict = relations.analyse(d, lex, None, _model(bias=-5.0, apply=("add", "drop"), td=0.5))
        # a model rejecting every candidate keeps only what it cannot see (no cue word in the sentence)
        assert len(strict) <= len(rules)
    assert added > 0


def test_capture_records_candidates_with_the_rules_verdict(docs: list[Document]) -> None:
    lex = relations.load_lexicon()
    cap: list = []
    d = docs[0]
    relations.relations_in_part(d, "body", lex, None, None, None, cap)
    assert cap
    by = {(t, frozenset((a, b))): (feats, ok) for feats, ok, t, a, b, _, _ in cap}
    feats, ok = by[("alliance", frozenset(("KOR", "USA")))]
    assert ok and "rule:alliance:ok" in feats and "w:盟友" in feats


GOLD = """documents:
- id: tr-1
  published: 2024-05-01
  body: |
    韩国是美国的盟友，与中国是战略合作伙伴关系。日本和印度的防务合作日益密切。
  relations:
  - {a: KOR, b: USA, type: alliance}
  - {a: KOR, b: CHN, type: partnership}
- id: tr-2
  published: 2024-05-01
  body: |
    中美在南海的较量仍在继续。以色列与伊朗这对宿敌之间的停火基础脆弱。
  relations:
  - {a: CHN, b: USA, type: rivalry}
  - {a: ISR, b: IRN, type: hostility}
"""


def test_retrain_is_deterministic(tmp_path: Path) -> None:
    from shiju import train_relation_classifier as tr

    gold = tmp_path / "relations_t.yaml"
    gold.write_text(GOLD, encoding="utf-8")
    outs = []
    out = tmp_path / "w0.yaml"
    for _ in range(2):
        assert tr.main([str(gold), "--exclude", "^none$", "--out", str(out), "--c", "1.0",
                        "--date", "2024-01-01"]) == 0
        outs.append(out.read_text(encoding="utf-8"))
    assert outs[0] == outs[1]
    m = rc.load_model(tmp_path / "w0.yaml")
    assert m.weights  # it learned something from the candidates
    with pytest.raises(SystemExit, match="blind"):
        tr.main([str(tmp_path / "blind9_x.yaml")])
