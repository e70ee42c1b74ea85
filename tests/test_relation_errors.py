"""The relation error sorter (python -m shiju.relation_errors): each class assigned where it should be,
counts that add up to the scorer's, blind files refused."""
from __future__ import annotations

import pytest

from shiju import relation_errors as re_
from shiju.evaluation import evaluate, load_gold

GOLD = """documents:
- id: t-1
  published: 2024-05-01
  body: |
    韩国是美国的盟友。日本与印度关系密切。中国是俄罗斯的竞争对手。伊朗并非俄罗斯的盟友。
  relations:
  - {a: KOR, b: USA, type: alliance}
  - {a: JPN, b: IND, type: partnership}
  - {a: CHN, b: RUS, type: partnership}
  - {a: IRN, b: RUS, type: alliance}
  - {a: FRA, b: DEU, type: alliance}
- id: t-2
  published: 2024-05-01
  body: |
    土耳其是北约成员国。英国与法国是宿敌。
  relations:
  - {a: org:nato, b: TUR, type: membership}
"""


@pytest.fixture(scope="module")
def gold(tmp_path_factory):
    f = tmp_path_factory.mktemp("g") / "rel.yaml"
    f.write_text(GOLD, encoding="utf-8")
    return load_gold([f])


def test_classes(gold):
    s = re_.sort_gold(gold, keep=5)
    assert s.found == 1  # KOR-USA alliance
    assert s.counts["no_phrase"] == 1  # 关系密切: no relation word of the lexicon
    assert s.counts["wrong_type"] == 1 and s.type_confusions["rivalry→partnership"] == 1
    assert s.counts["flagged"] == 1  # 并非…盟友 is negated
    assert s.counts["not_linked"] == 1  # FRA/DEU are named nowhere
    assert s.counts["wrong_direction"] == 1  # membership is ordered: NATO is no member of Turkey
    # false positives: the rivalry (gold has the pair as partnership), the reversed membership, the
    # hostility nobody annotated
    assert s.counts["fp_type"] == 1 and s.counts["fp_direction"] == 1 and s.counts["fp_other"] == 1
    assert "rivalry→partnership" in re_.table(s)


def test_counts_agree_with_the_scorer(gold):
    s = re_.sort_gold(gold)
    sc = evaluate(gold).scores["relations"]
    assert (s.found, s.gold - s.found, s.predicted - s.found) == (sc.tp, sc.fn, sc.fp)
    misses = sum(s.counts[c] for c in re_.MISS_SHAPE + re_.MISS_NOTHING)
    assert misses == s.gold - s.found
    assert sum(s.counts[c] for c in re_.FALSE_POS) == s.predicted - s.found


def test_refuses_blind_files(tmp_path):
    with pytest.raises(SystemExit, match="blind"):
        re_.main([str(tmp_path / "blind9_001.yaml")])


FORUM = """documents:
- id: t-f
  published: 2024-05-01
  body: |
    韩国是美国的盟友。
  comments:
  - {id: c1, text: 日本也是美国的盟友。}
  relations:
  - {a: KOR, b: USA, type: alliance}
  - {a: JPN, b: USA, type: alliance, part: comment:c1}
"""


def test_body_and_comment_relations_are_sorted_apart(tmp_path):
    f = tmp_path / "forum.yaml"
    f.write_text(FORUM, encoding="utf-8")
    docs = load_gold([f])
    body, comments = re_.sort_gold(docs), re_.sort_gold(docs, comments=True)
    rep = evaluate(docs)
    for s, name in ((body, "relations"), (comments, "comment_relations")):
        sc = rep.scores[name]
        assert (s.gold, s.found, s.predicted - s.found) == (1, sc.tp, sc.fp)
    assert body.found == 1 and comments.found == 1
