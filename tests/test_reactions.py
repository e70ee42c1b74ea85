"""Reactions stage: reply tree, stance cues (slang, negation, sarcasm both ways), offsets, summary, data
errors and the gold accuracy."""
from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from shiju.model import Comment, Document
from shiju.pipeline import Pipeline
from shiju.reactions import reply_tree, rules_only

GOLD = Path(__file__).resolve().parent / "gold"


@pytest.fixture(scope="module")
def pipe() -> Pipeline:
    p = Pipeline()
    rules_only(p.ctx)  # these tests are about the cue rules; tests/test_stance_decider.py covers the decider
    return p


def _doc(pipe: Pipeline, texts: list[str], **kw) -> Document:
    comments = [Comment(id=f"c{i}", author=f"u{i % 3}", text=t) for i, t in enumerate(texts)]
    for c in comments:
        if c.id in kw:
            c.parent = kw[c.id]
    return pipe(Document(id="r", source="r", format="t", body="美韩举行外长会谈。", published="2021-03-18",
                         comments=comments))


def _stance(pipe: Pipeline, text: str) -> dict[str, str]:
    doc = _doc(pipe, [text])
    return {s.actor: s.stance for s in doc.comments[0].stance}


# -- reply tree ------------------------------------------------------------------------------------

def test_reply_tree_depth_children_and_reply_to_ids() -> None:
    cs = [Comment(id="a", author="x", text="1"), Comment(id="b", author="y", text="2", parent="a"),
          Comment(id="c", author="z", text="3", reply_to="b"), Comment(id="d", author="x", text="4", reply_to="某用户")]
    t = reply_tree(cs)
    assert t["a"] == {"parent": None, "depth": 1, "children": ["b"]}
    assert t["b"]["depth"] == 2 and t["b"]["children"] == ["c"]
    assert t["c"]["parent"] == "b" and t["c"]["depth"] == 3
    assert t["d"]["parent"] is None and t["d"]["depth"] == 1


def test_reply_tree_cycle_is_cut() -> None:
    cs = [Comment(id="a", author="x", text="1", parent="b"), Comment(id="b", author="y", text="2", parent="a")]
    t = reply_tree(cs)
    assert all(v["depth"] <= 2 for v in t.values())
    assert any(v["parent"] is None for v in t.values())


def test_document_summary(pipe: Pipeline) -> None:
    doc = _doc(pipe, ["共匪又在搞事", "支持美国", "美国干得漂亮", "呵呵"], c1="c0", c2="c1")
    r = doc.reactions
    assert r["comments"] == 4 and r["replies"] == 2 and r["participants"] == 3 and r["max_depth"] == 3
    assert r["stance"]["org:ccp"]["oppose"] == 1
    assert r["stance"]["USA"]["support"] == 2
    assert r["tree"]["c2"]["parent"] == "c1"


def test_no_comments_no_reactions(pipe: Pipeline) -> None:
    doc = pipe(Document(id="n", source="n", format="t", body="美国是韩国的盟友。"))
    assert doc.reactions is None


# -- stance cues -----------------------------------------------------------------------------------

@pytest.mark.parametrize("text, actor, want", [
    ("共匪談信義，有如嫖客談真愛。", "org:ccp", "oppose"),          # slang is itself hostile (Traditional)
    ("土共又在搞事", "org:ccp", "oppose"),
    ("口交部又出来表演了", "org:chn-ministry-of-foreign-affairs", "oppose"),
    ("包子这次又要写检讨", "per:xi-jinping", "oppose"),
    ("支那人的海警船", "CHN", "oppose"),                              # hostile name found by the lexicon
    ("支持台湾，台湾加油！", "TWN", "support"),
    ("我不支持台独", "org:taiwan-independence", "oppose"),             # negated praise
    ("拜登政府联合盟友围堵对手，这绝对是一步好棋。", "per:joe-biden", "support"),  # verdict clause
    ("不看好韩国，他们估计是想两边捞好处", "KOR", "oppose"),
    ("为什么韩国不敢跟中共干啊", "KOR", "oppose"),
    ("日本这步棋走对了", "JPN", "support"),
    ("卢卡申科就是普京的小弟", "per:alexander-lukashenko", "oppose"),  # A是B的N: about A
    ("拉夫罗夫说的话没有一句是真的", "per:sergey-lavrov", "oppose"),
    ("岸田别再装死了", "per:fumio-kishida", "oppose"),                # 别 does not cancel a reproach
    ("中国外交部今天发表声明", "org:chn-ministry-of-foreign-affairs", "neutral"),
    ("越南也被欺负了很多年", "VNM", "neutral"),                      # pity, not opposition
])
def test_cues(pipe: Pipeline, text: str, actor: str, want: str) -> None:
    assert _stance(pipe, text).get(actor) == want


@pytest.mark.parametrize("sarcastic, sincere, actor", [
    ("好一个负责任大国，天天搞事", "中国这次做法很负责任，值得肯定", "CHN"),
    ("真是厉害了我的国", "中国的高铁真厉害", "CHN"),
    ("呵呵，美国干得好", "美国干得好", "USA"),
    ("中国是一个“负责任”的国家呢", "中国是一个负责任的国家", "CHN"),
    ("日本真是“伟大”", "日本真是伟大", "JPN"),
])
def test_sarcasm_both_ways(pipe: Pipeline, sarcastic: str, sincere: str, actor: str) -> None:
    assert _stance(pipe, sarcastic).get(actor) == "oppose"
    assert _stance(pipe, sincere).get(actor) == "support"


def test_reported_attack_is_not_the_commenters(pipe: Pipeline) -> None:
    st_ = _stance(pipe, "口交部大骂菅义伟背信弃义，说明这步棋又走对了")
    assert st_.get("per:yoshihide-suga") == "support"
    assert st_.get("org:chn-ministry-of-foreign-affairs") == "oppose"


def test_comparison(pipe: Pipeline) -> None:
    st_ = _stance(pipe, "尹锡悦比文在寅靠谱多了")
    assert st_.get("per:yoon-suk-yeol") == "support" and st_.get("per:moon-jae-in") == "oppose"


def test_evidence_span_is_in_the_comment(pipe: Pipeline) -> None:
    doc = _doc(pipe, ["共匪又在搞事，支持美国"])
    c = doc.comments[0]
    spans = {s.actor: c.text[s.start:s.end] for s in c.stance}
    assert spans["org:ccp"] == "共匪" and spans["USA"] == "支持"


_PIECES = ["共匪", "支持", "美国", "不", "呵呵", "好一个", "“", "”", "伟大", "，", "。", "台湾", "加油", "習近平", "下台",
           "比", "日本", "靠谱", "的", "小弟", "是", "說", "无耻", "\n", " ", "😅", "支那", "厉害了我的国"]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.lists(st.sampled_from(_PIECES), min_size=1, max_size=15), min_size=1, max_size=4))
def test_offsets_property(pipe: Pipeline, comments: list[list[str]]) -> None:
    doc = _doc(pipe, ["".join(c) for c in comments])
    for c in doc.comments:
        seen = set()
        for s in c.stance:
            assert 0 <= s.start < s.end <= len(c.text)
            assert s.stance in ("support", "oppose", "neutral")
            assert s.actor not in seen
            seen.add(s.actor)


def test_bad_lexicon_names_file(tmp_path: Path) -> None:
    from shiju.reactions import StanceDataError, load_lexicon

    (tmp_path / "stance").mkdir()
    (tmp_path / "stance" / "lexicon.yaml").write_text("support:\n  - {text: 支持, dir: sideways}\n", encoding="utf-8")
    with pytest.raises(StanceDataError, match="lexicon.yaml"):
        load_lexicon(str(tmp_path))


# -- second pass: scope, numbers, vocabulary (each rule both ways) ---------------------------------

@pytest.mark.parametrize("text, actor, want", [
    # vote counts and tallies are not praise; a sentence's own verdict still counts
    ("141票赞成，普京众叛亲离", "per:vladimir-putin", "oppose"),
    ("阿联酋投了赞成票", "ARE", "neutral"),
    ("10国赞成、5国反对，欧盟通过了关税", "org:eu", "neutral"),
    ("我赞成美国的做法", "USA", "support"),
    # an actor's act (X支持Y) is reported, the commenter's own support or wish is not
    ("中共支持俄罗斯", "RUS", "neutral"),
    ("我支持俄罗斯", "RUS", "support"),
    ("美国应该支持台湾", "TWN", "support"),
    ("美国制裁伊朗，干得好", "USA", "support"),
    ("美国制裁伊朗，干得好", "IRN", "neutral"),
    # 向/把 X + cue: X; a pronoun after the cue: the sentence's topic
    ("向乌克兰致敬", "UKR", "support"),
    ("早该把中共赶出联合国", "org:ccp", "oppose"),
    ("早该把中共赶出联合国", "org:un", "neutral"),
    ("民进党很烂，但我挺他们", "org:twn-democratic-progressive-party", "support"),
    ("民进党很烂", "org:twn-democratic-progressive-party", "oppose"),
    # …的是X; a clause with its own non-actor subject; a verdict clause
    ("威胁和平的是天天绕台的解放军", "org:chn-pla", "oppose"),
    ("一国两制就是骗局，台湾要引以为戒", "TWN", "neutral"),
    ("台湾说要独立，这就是骗局", "TWN", "oppose"),
    # causatives blame the causer, a preposition's object is not the subject
    ("柯文哲搞得民众党像个笑话", "per:ko-wen-je", "oppose"),
    ("匈牙利的欧尔班还在跟普京眉来眼去", "per:viktor-orban", "oppose"),
    ("匈牙利的欧尔班还在跟普京眉来眼去", "per:vladimir-putin", "neutral"),
    # two-sided cues and lackey nouns
    ("欧盟应该学学美国", "org:eu", "oppose"),
    ("欧盟应该学学美国", "USA", "support"),
    ("美国应该学学欧盟", "USA", "oppose"),
    ("李家超就是北京的提线木偶", "CHN", "oppose"),
    ("李家超是北京任命的", "CHN", "neutral"),
    # negated blame defends
    ("美国不会出卖台湾的", "USA", "support"),
    ("美国迟早会出卖台湾的", "USA", "oppose"),
    # comparison with the sentence's topic
    ("尹锡悦对朝强硬，比文在寅强多了", "per:yoon-suk-yeol", "support"),
    ("尹锡悦对朝强硬，比文在寅强多了", "per:moon-jae-in", "oppose"),
    # words quoted to be dismissed
    ("解放军威武", "org:chn-pla", "support"),
    ("解放军威武个屁", "org:chn-pla", "oppose"),
    ("失败什么，国民党得票也不少", "org:twn-kuomintang", "neutral"),
    ("国民党这次失败了", "org:twn-kuomintang", "oppose"),
    # idioms and evaluative words of the broad vocabulary
    ("秦刚又在老调重弹", "per:qin-gang", "oppose"),
    ("美国人说一套做一套", "USA", "oppose"),
    ("德国总算醒悟了", "DEU", "support"),
    ("芬兰加入北约是明智之举", "FIN", "support"),      # 是 after a verb phrase: its agent
    ("芬兰加入北约是明智之举", "org:nato", "neutral"),
    ("内塔尼亚胡倒行逆施，迟早自食其果", "per:benjamin-netanyahu", "oppose"),
    ("泽连斯基的演讲太感人了", "per:volodymyr-zelensky", "support"),
])
def test_scope_and_vocabulary(pipe: Pipeline, text: str, actor: str, want: str) -> None:
    assert _stance(pipe, text).get(actor, "neutral") == want


@pytest.mark.parametrize("sarcastic, sincere, actor", [
    ("俄罗斯又赢麻了", "俄罗斯这次赢了", "RUS"),
    ("中国芯片遥遥领先，呵呵", "中国芯片这次很出色", "CHN"),
])
def test_new_sarcasm_markers_both_ways(pipe: Pipeline, sarcastic: str, sincere: str, actor: str) -> None:
    assert _stance(pipe, sarcastic).get(actor) == "oppose"
    assert _stance(pipe, sincere).get(actor) == "support"


def test_conflicting_cue_names_file(tmp_path: Path) -> None:
    from shiju.reactions import StanceDataError, load_lexicon

    (tmp_path / "stance").mkdir()
    (tmp_path / "stance" / "lexicon.yaml").write_text(
        "support_words: [高明]\noppose_words: [高明]\n", encoding="utf-8")
    with pytest.raises(StanceDataError, match="lexicon.yaml.*both"):
        load_lexicon(str(tmp_path))


def test_bad_pattern_names_file(tmp_path: Path) -> None:
    from shiju.reactions import StanceDataError, load_lexicon

    (tmp_path / "stance").mkdir()
    (tmp_path / "stance" / "lexicon.yaml").write_text("neutral_patterns: ['(']\n", encoding="utf-8")
    with pytest.raises(StanceDataError, match="lexicon.yaml.*neutral_patterns"):
        load_lexicon(str(tmp_path))


DEV_SETS = ("stance_dev.yaml", "stance_heldout.yaml", "stance_fresh.yaml")


def test_gold_stance_accuracy(pipe: Pipeline) -> None:
    """Accuracy over the development gold pairs (258 pairs: 0.748 before the second pass, 0.891 after).
    The blind set (stance_blind.yaml) is measured and reported in docs/model-card.md, not asserted here,
    so that no one tunes to it."""
    from shiju.evaluation import evaluate, load_gold

    gold = load_gold([GOLD / f for f in DEV_SETS])
    assert sum(len(g.get("comments") or []) for g in gold) >= 150
    acc = evaluate(gold, pipe).accuracies["stance"]
    assert acc.total >= 250 and acc.value >= 0.85, acc.as_dict()


# -- gazetteer pejoratives -------------------------------------------------------------------------

def test_pejorative_alias_is_opposition_both_ways(pipe: Pipeline) -> None:
    # 金家王朝 is a gazetteer alias of PRK with register: pejorative and no stance cue of its own;
    # the standard name in the same plain sentence stays neutral.
    assert _stance(pipe, "金家王朝又发射导弹了")["PRK"] == "oppose"
    assert _stance(pipe, "朝鲜又发射导弹了")["PRK"] == "neutral"


def test_not_hostile_exempts_a_pejorative_alias(pipe: Pipeline, tmp_path: Path) -> None:
    import yaml

    from shiju.reactions import comment_stance, load_lexicon

    src = Path(__file__).resolve().parents[1] / "src" / "shiju" / "data" / "stance" / "lexicon.yaml"
    raw = yaml.safe_load(src.read_text(encoding="utf-8"))
    (tmp_path / "stance").mkdir()
    doc = _doc(pipe, ["金家王朝又发射导弹了"])
    pej = frozenset({("金家王朝", "PRK")})
    assert {s.actor: s.stance for s in comment_stance(doc, "comment:c0", load_lexicon(str(src.parents[1])), pej)}["PRK"] == "oppose"
    raw["not_hostile"] = ["金家王朝"]
    (tmp_path / "stance" / "lexicon.yaml").write_text(yaml.safe_dump(raw, allow_unicode=True), encoding="utf-8")
    lex = load_lexicon(str(tmp_path))
    assert {s.actor: s.stance for s in comment_stance(doc, "comment:c0", lex, pej)}["PRK"] == "neutral"


# -- third pass: comparisons, echoed words, 难道…吗, lackey predicates (each rule both ways) --------

@pytest.mark.parametrize("text, actor, want", [
    # a comparative predicate judges only after 比X: A gets it, B the reverse; 不比 flips
    ("越南比菲律宾聪明多了", "VNM", "support"),
    ("越南比菲律宾聪明多了", "PHL", "oppose"),
    ("越南比菲律宾差远了", "VNM", "oppose"),
    ("越南比菲律宾差远了", "PHL", "support"),
    ("越南不比菲律宾强", "VNM", "oppose"),
    ("越南加强了海防", "VNM", "neutral"),                 # 强 alone is not a cue
    ("川普对俄国的制裁比拜登狠多了", "per:joe-biden", "oppose"),
    ("川普对俄国的制裁比拜登狠多了", "per:donald-trump", "support"),
    ("川普对俄国的制裁比拜登狠多了", "RUS", "neutral"),  # the object of 对 is not compared
    # a cue describing the one compared to (比B那个软蛋) is about B, not reversed
    ("高市早苗比石破那个软蛋强多了", "per:shigeru-ishiba", "oppose"),
    ("高市早苗比石破那个软蛋强多了", "per:sanae-takaichi", "support"),
    ("高市早苗比石破软弱", "per:shigeru-ishiba", "support"),
    # 不像 B 那样 + cue: B gets the cue, the subject the reverse
    ("小马科斯不像杜特尔特那样跪北京", "per:rodrigo-duterte", "oppose"),
    ("小马科斯不像杜特尔特那样跪北京", "per:ferdinand-marcos-jr", "support"),
    ("小马科斯也跪北京", "per:ferdinand-marcos-jr", "oppose"),
    ("中国这次反制够硬，不像以前只会表态", "CHN", "support"),
    ("中国只会表态", "CHN", "oppose"),
    # a word echoed back as a short question is denied
    ("普京硬汉？被通缉了连出国都不敢", "per:vladimir-putin", "oppose"),
    ("普京是硬汉", "per:vladimir-putin", "support"),
    ("美国对台军售一年比一年多，这叫嘴炮？", "USA", "support"),
    ("美国只会嘴炮", "USA", "oppose"),
    ("匈牙利只是务实，有什么错？", "HUN", "support"),     # a cue that is itself a question
    # 难道…吗: without a negation it denies, with one it asserts
    ("难道国民党会支持台独吗？", "org:twn-kuomintang", "neutral"),
    ("难道不是国民党在给中共递刀子吗？", "org:twn-kuomintang", "oppose"),
    ("难道美国不靠谱吗？", "USA", "support"),
    ("难道美国靠谱吗？", "USA", "oppose"),
    # lackey nouns that are ordinary words outside a copula
    ("川普就是克宫的资产", "per:donald-trump", "oppose"),
    ("美国冻结了俄罗斯的资产", "RUS", "neutral"),
    ("李家超就是北京的一条狗", "per:john-lee", "oppose"),
    ("匈牙利就是中共在欧盟的特洛伊木马", "HUN", "oppose"),
    ("匈牙利就是中共在欧盟的特洛伊木马", "org:ccp", "oppose"),
    ("敏昂莱就是北京扶植的傀儡", "per:min-aung-hlaing", "oppose"),
    # dismissals and do-nothing questions
    ("感谢个啥，日本是为了自己的利益", "JPN", "oppose"),
    ("感谢日本", "JPN", "support"),
    ("国民党赢了又怎样", "org:twn-kuomintang", "neutral"),
    ("国民党赢了", "org:twn-kuomintang", "support"),
    ("英国除了发声明什么都不做", "GBR", "oppose"),
    ("伊朗资助真主党的时候，怎么不讲国际法？", "IRN", "oppose"),
    # 未必 negates
    ("川普这么做未必是坏事", "per:donald-trump", "support"),
    ("川普这么做是坏事", "per:donald-trump", "oppose"),
    ("民进党未必靠谱", "org:twn-democratic-progressive-party", "oppose"),
    ("中共真是伟大光荣正确", "org:ccp", "oppose"),
])
def test_third_pass_rules(pipe: Pipeline, text: str, actor: str, want: str) -> None:
    assert _stance(pipe, text).get(actor, "neutral") == want


def test_cue_listed_twice_with_different_settings_names_file(tmp_path: Path) -> None:
    from shiju.reactions import StanceDataError, load_lexicon

    (tmp_path / "stance").mkdir()
    (tmp_path / "stance" / "lexicon.yaml").write_text(
        "oppose:\n  - {text: 走狗, possessor: true}\noppose_more:\n  - 走狗\n", encoding="utf-8")
    with pytest.raises(StanceDataError, match="lexicon.yaml.*listed twice"):
        load_lexicon(str(tmp_path))


@pytest.mark.parametrize("text, actor, want", [
    # a clause opening with adverbs or a speech verb continues its subject: still a reported act
    ("马克龙和斯塔默都站出来了，都表态力挺乌克兰", "UKR", "neutral"),
    ("马克龙和斯塔默都站出来了，我也力挺乌克兰", "UKR", "support"),
    # one-character object cues need their object (挺 as an adverb is not support)
    ("欧盟夹在中间两头受气，日子挺难的", "org:eu", "neutral"),
    ("我挺台湾", "TWN", "support"),
    # a predicate before any of its actors is a weak guess; a later cue beside the actor outweighs it
    ("罢免失败说明台湾选民很理性", "TWN", "support"),
    ("台湾选民这次失败了", "TWN", "oppose"),
    # comparative words after a degree adverb, at the end of their phrase
    ("拜登上台后美国越来越烂", "USA", "oppose"),
    ("美国越来越烂尾楼多", "USA", "neutral"),
    ("日本这次真硬", "JPN", "support"),
    ("日本这次不太硬", "JPN", "neutral"),
    # acts named to blame their agent; punitive acts wished on an object, not reported or suffered
    ("俄罗斯入侵乌克兰，天理难容", "RUS", "oppose"),
    ("美国应该狠狠制裁中共", "org:ccp", "oppose"),
    ("美国制裁了中共", "org:ccp", "neutral"),
    ("普京被全世界制裁了还到处跑", "per:vladimir-putin", "neutral"),
    ("普京早该被全世界制裁", "per:vladimir-putin", "oppose"),
])
def test_third_pass_scope(pipe: Pipeline, text: str, actor: str, want: str) -> None:
    assert _stance(pipe, text).get(actor, "neutral") == want
