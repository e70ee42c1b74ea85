"""Events: who is the actor and who the recipient (src/shiju/events/arguments.py), one test per general
rule, each both ways (the rule fires / a near sentence where it must not).

Actors come from a hand-made oracle (surface → id), as in tests/test_events_rules.py, so the argument
rules are tested without the linker. Sentences are written for these tests in ordinary news style.
"""
from __future__ import annotations

from _stub_actors import stub_actors
from shiju.context import AnalysisContext
from shiju.events import is_countable, process
from shiju.model import Document

# surface → (id, type, country); several rows for one surface make a compound mention (美日韩)
ACTORS: dict[str, list[tuple[str, str, str | None]]] = {
    "美国": [("USA", "state", "USA")], "美方": [("USA", "state", "USA")],
    "中国": [("CHN", "state", "CHN")], "中方": [("CHN", "state", "CHN")],
    "俄罗斯": [("RUS", "state", "RUS")], "俄方": [("RUS", "state", "RUS")],
    "乌克兰": [("UKR", "state", "UKR")], "德国": [("DEU", "state", "DEU")], "柏林": [("DEU", "state", "DEU")],
    "台湾": [("TWN", "state", "TWN")], "越南": [("VNM", "state", "VNM")], "日本": [("JPN", "state", "JPN")],
    "韩国": [("KOR", "state", "KOR")], "朝鲜": [("PRK", "state", "PRK")], "香港": [("HKG", "state", "HKG")],
    "巴西": [("BRA", "state", "BRA")], "英国": [("GBR", "state", "GBR")], "澳大利亚": [("AUS", "state", "AUS")],
    "马里": [("MLI", "state", "MLI")], "布基纳法索": [("BFA", "state", "BFA")], "尼日尔": [("NER", "state", "NER")],
    "欧盟": [("org:eu", "organization", None)],
    "西共体": [("org:ecowas", "organization", None)],
    "普京": [("per:vladimir-putin", "person", "RUS")],
    "拜登": [("per:joe-biden", "person", "USA")],
    "阮富仲": [("per:nguyen-phu-trong", "person", "VNM")],
    "总统府发言人": [("office:twn-presidential-office-spokesperson", "office", "TWN")],
    "特首林郑月娥": [("per:carrie-lam", "person", "HKG")],
    "卢拉": [("per:lula-da-silva", "person", "BRA")],
    # the linker reads the envoy's country from the nearest state (德国), which the coder must not trust
    "驻德国大使涅恰耶夫": [("local:涅恰耶夫", "person", "DEU")],
    "美英澳": [("USA", "state", "USA"), ("GBR", "state", "GBR"), ("AUS", "state", "AUS")],
    "美日韩": [("USA", "state", "USA"), ("JPN", "state", "JPN"), ("KOR", "state", "KOR")],
    "俄乌": [("RUS", "state", "RUS"), ("UKR", "state", "UKR")],
    "越美": [("VNM", "state", "VNM"), ("USA", "state", "USA")],
}


def make_doc(body: str, published: str = "2024-06-20") -> Document:
    return stub_actors(Document(id="t", source="test", format="test", body=body, published=published), ACTORS)


def code(body: str) -> list:
    doc = make_doc(body)
    process(doc, AnalysisContext())
    return [e for e in doc.events if is_countable(e)]


def pairs(body: str, type_: str) -> list[tuple[list[str], list[str]]]:
    return [(e.actor, e.recipient) for e in code(body) if e.type == type_]


# ------------------------------------------------------------------------------ own side is no target
def test_recipients_of_the_actors_own_country_are_dropped_when_others_remain():
    # 普京同意俄乌双方…: Russia concedes to Ukraine, not to itself
    assert pairs("普京同意俄乌双方在30天内停止袭击对方的能源设施。", "CONCEDE") == [
        (["per:vladimir-putin"], ["UKR"])]
    # 双方宣布将越美关系提升…: the pair's own states in the object are no target of their joint act
    sup = pairs("阮富仲当天同拜登举行会谈，双方宣布将越美关系提升为全面战略伙伴关系。", "SUPPORT")
    assert sup and all(r == [] for _, r in sup)


def test_a_one_country_actor_facing_its_own_country_alone_keeps_it():
    # domestic: the state on both sides
    ev = pairs("香港警方拘捕了香港多名示威者。".replace("香港警方", "香港"), "COERCE")
    assert ev == [(["HKG"], ["HKG"])]


# ------------------------------------------------------------------------------ envoys (X驻Y)
def test_an_envoy_acts_for_the_state_named_before_zhu():
    ev = pairs("俄罗斯驻德国大使涅恰耶夫谴责柏林的决定“极其危险”。", "ACCUSE")
    assert len(ev) == 1 and ev[0][0] == ["RUS"] and ev[0][1] == ["DEU"]
    ev = pairs("俄罗斯驻欧盟代表团随即批评欧盟的决定。", "ACCUSE")
    assert ev == [(["RUS"], ["org:eu"])]


def test_without_zhu_the_organisation_named_with_a_state_stays_the_actor():
    # 德国…欧盟: no 驻, the phrase is not an envoy's
    ev = pairs("欧盟批评俄罗斯的决定。", "ACCUSE")
    assert ev == [(["org:eu"], ["RUS"])]


# ------------------------------------------------------------------------------ domestic targets
def test_protesters_as_the_object_make_the_act_domestic():
    ev = pairs("特首林郑月娥晚上发表电视讲话，谴责示威者的行为。", "ACCUSE")
    assert ev == [(["per:carrie-lam"], ["HKG"])]
    ev = pairs("巴西总统卢拉当天谴责冲击者是“法西斯狂热分子”。", "ACCUSE")
    assert len(ev) == 1 and ev[0][1] == ["BRA"]


def test_ordinary_objects_do_not_make_an_act_domestic():
    ev = pairs("特首林郑月娥晚上发表电视讲话，谴责暴力行为。", "ACCUSE")
    assert all(r != ["HKG"] for _, r in ev)


def test_an_envoys_host_is_the_counterpart_when_none_is_named():
    # 俄罗斯驻欧盟代表团…将采取反制措施: aimed at the EU, not at whoever acted last in the story
    body = "普京批评美国。俄罗斯驻欧盟代表团随即批评此举“非法”，并表示俄方将采取反制措施。"
    th = pairs(body, "THREATEN")
    assert th and all(r == ["org:eu"] for _, r in th)
    # without an envoy, the guessed counterpart stays the last actor of the story
    th = pairs("美国批评俄罗斯。俄方表示将采取反制措施。", "THREATEN")
    assert th == [(["RUS"], ["USA"])]


# ------------------------------------------------------------------------------ 三国 / 这些国家
def test_a_number_of_states_stands_for_the_list_named_before():
    body = "马里、布基纳法索和尼日尔28日发表联合公报。西共体29日表示，愿意与三国展开对话。"
    assert pairs(body, "AGREE") == [(["org:ecowas"], ["MLI", "BFA", "NER"])]
    body = "美英澳宣布扩大防务合作。中方14日批评三国“在错误和危险的道路上越走越远”。"
    ev = pairs(body, "ACCUSE")
    assert [(a, sorted(r)) for a, r in ev] == [(["CHN"], ["AUS", "GBR", "USA"])]


def test_a_number_that_fits_no_list_or_names_a_group_is_not_read_as_states():
    from shiju.events.arguments import group_anaphors
    from shiju.events.lexicon import get_lexicon

    lex = get_lexicon(AnalysisContext())

    def read(body: str) -> list[str]:
        doc = make_doc(body)
        ms = sorted((m.start, m.end, a.id) for a in doc.actors for m in a.mentions)
        return [aid for s, e, aid in group_anaphors(body, ms, {a.id: a for a in doc.actors}, lex)]

    assert sorted(read("美国、英国和日本28日发表联合声明。中方29日批评三国的做法。")) == ["GBR", "JPN", "USA"]
    assert read("美国和日本28日发表联合声明。中方29日批评三国的做法。") == []  # two states are not 三国
    assert read("美国、英国和日本28日发表联合声明。中方29日批评七国集团。") == []  # a name
    assert read("中方批评美国。美英澳三国随后举行演习。") == []  # named right there


# ------------------------------------------------------------------------------ 呼吁双方
def test_both_sides_of_the_last_act_may_be_one_country_and_a_rebel_force():
    ACTORS.setdefault("快速支援部队", [("org:rapid-support-forces", "organization", "SDN")])
    ACTORS.setdefault("苏丹军方", [("SDN", "state", "SDN")])
    body = "苏丹军方15日空袭快速支援部队的基地。美国当天呼吁双方立即停火。"
    req = pairs(body, "REQUEST")
    assert req == [(["USA"], ["SDN", "org:rapid-support-forces"])]
    # an act with one side only leaves 双方 unresolved
    body = "苏丹军方15日宣布进入紧急状态。美国当天呼吁双方立即停火。"
    assert all(r == [] for _, r in pairs(body, "REQUEST"))


# ------------------------------------------------------------------------------ requests and reactions
def test_a_name_inside_the_demanded_act_is_not_the_addressee():
    ACTORS.setdefault("黎智英", [("per:jimmy-lai", "person", "HKG")])
    ACTORS.setdefault("英国外交大臣", [("GBR", "state", "GBR")])
    body = "英国外交大臣当天召见中国驻英大使，要求立即释放黎智英。"
    assert pairs(body, "REQUEST") == [(["GBR"], ["CHN"])]
    # the addressee right after the verb is kept
    assert pairs("英国外交大臣当天要求中国立即释放黎智英。", "REQUEST") == [(["GBR"], ["CHN"])]


def test_an_appeal_to_all_parties_does_not_take_the_serial_verbs_target():
    body = "日本对朝鲜的导弹发射表示谴责，并呼吁各方保持克制。"
    req = pairs(body, "REQUEST")
    assert req and all(r == [] for _, r in req)
    # without 各方 the appeal shares the target of the verb before it
    req = pairs("日本对朝鲜表示谴责，并敦促停止挑衅。", "REQUEST")
    assert req == [(["JPN"], ["PRK"])]


def test_a_bare_reaction_answers_the_act_just_told():
    body = "中国4日宣布恢复进口日本水产品。日本当天表示欢迎。"
    assert (["JPN"], ["CHN"]) in pairs(body, "SUPPORT")
    # welcoming a thing named with 对 names no party
    body = "中国4日宣布恢复进口日本水产品。日本当天对协议表示欢迎。"
    assert all(r == [] for _, r in pairs(body, "SUPPORT"))


# ------------------------------------------------------------------------------ 与X接壤
def test_a_neighbour_after_yu_describes_a_place_not_a_co_actor():
    ACTORS.setdefault("委内瑞拉", [("VEN", "state", "VEN")])
    ACTORS.setdefault("圭亚那", [("GUY", "state", "GUY")])
    ev = pairs("委内瑞拉本月初已向与圭亚那接壤的边境地区增派军队。", "MOBILIZE")
    assert ev == [(["VEN"], ["GUY"])]
    # 与X without an adjacency verb is still a partner
    ev = pairs("委内瑞拉与圭亚那举行联合演习。", "COOPERATE") + pairs("委内瑞拉与圭亚那举行联合演习。", "MOBILIZE")
    assert ev and all(set(a) == {"VEN", "GUY"} for a, _ in ev)
