"""The actor error sorter (python -m shiju.actors.error_classes): classes follow docs/annotation.md."""
from __future__ import annotations

import pytest

from shiju.actors import get_gazetteer
from shiju.actors.error_classes import classify_fp, load_cues, main, sort_errors, table
from shiju.context import AnalysisContext

GOLD = """documents:
- id: t-1
  published: 2024-05-01
  body: |
    新华社北京5月1日电 三名中国人在日本境内被捕。美国国务卿布林肯当天在东京会见日本外相上川阳子。
  actors:
  - {text: 新华社, id: org:xinhua}
  - {text: 美国国务卿布林肯, id: per:antony-blinken}
  - {text: 日本外相上川阳子, id: per:yoko-kamikawa}
  - {text: 某某研究所所长张三丰, id: local:张三丰}
"""


def test_sorts_fps_and_misses_into_classes(tmp_path):
    f = tmp_path / "g.yaml"
    f.write_text(GOLD + "  - {text: 东京, id: JPN}\n", encoding="utf-8")
    errors = sort_errors([str(f)])
    fp = {e.text: e.cls for e in errors if e.kind == "FP"}
    fn = {e.text: e.cls for e in errors if e.kind == "FN"}
    assert fp.get("日本") == "place/venue use"  # 在日本境内: a state as a place
    assert fn.get("某某研究所所长张三丰") in (None, "other")  # not in the text: located nowhere
    assert "东京" not in fn  # linked (a capital), so not an error
    t = table(errors)
    assert t.splitlines()[-1].startswith("| total |")


def test_refuses_blind_files(tmp_path):
    with pytest.raises(SystemExit, match="blind"):
        main([str(tmp_path / "blind9_001.yaml")])


@pytest.mark.parametrize("text,span,aid,cls", [
    ("新华社北京5月1日电 中方表示", "北京", "CHN", "dateline"),
    ("冲突造成20名印度士兵死亡", "印度", "IND", "adjective on counted people"),
    ("双方推进中巴经济走廊建设", "巴", "PAK", "inside a name of a thing/event"),
    ("峰会在华盛顿举行", "华盛顿", "USA", "place/venue use"),
    ("签署《阿斯塔纳宣言》", "阿斯塔纳", "KAZ", "inside a name of a thing/event"),
])
def test_fp_classes(text, span, aid, cls):
    gaz = get_gazetteer(AnalysisContext())
    s = text.index(span)
    assert classify_fp(load_cues(), gaz, text, s, s + len(span), aid, "body", set(), []) == cls


def test_fp_overlapping_gold_is_wrong_id_or_boundary():
    gaz = get_gazetteer(AnalysisContext())
    text = "国民党候选人韩国瑜表示"
    args = (load_cues(), gaz, text, 0, 3, "org:twn-kuomintang", "body", set())
    assert classify_fp(*args, [(["per:han-kuo-yu"], True)]) == "boundary (part of a longer gold mention)"
    assert classify_fp(*args, [(["org:kmt"], False)]) == "wrong id"
