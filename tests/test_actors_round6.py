"""Linker rules of session 4 (issue 3), each tested both ways on the packaged gazetteer: the rule fires where
it should and leaves the ordinary case alone. Sentences are written for these tests."""
from __future__ import annotations

import pytest

from _linking import ids, link, pairs


# -- datelines of reports filed from a city -------------------------------------------------------

@pytest.mark.parametrize("body, city", [
    ("路透社维也纳5月31日报道，国际原子能机构将召开理事会。", "维也纳"),
    ("【台北報導】立法院今天三讀通過預算案。", "台北"),
])
def test_city_of_a_report_dateline_is_no_mention(body, city):
    got = pairs(link(body))
    assert city not in [t for t, _ in got]
    assert got  # the rest of the sentence is still linked


def test_capital_before_an_ordinary_report_is_still_a_mention():
    assert ("北京", "CHN") in pairs(link("美方多次施压，北京报道称中方不会让步。"))


# -- a leader's name glued to a government word -------------------------------------------------

@pytest.mark.parametrize("body, published, name, pid", [
    ("高市政府上台不到一个月，中日关系就急转直下。", "2025-11-14", "高市", "per:sanae-takaichi"),
    ("國民黨立委質詢時認為，賴政府不應只是喊口號。", "2025-06-15", "賴", "per:lai-ching-te"),
])
def test_leader_name_before_government_is_the_leader(body, published, name, pid):
    assert (name, pid) in pairs(link(body, published=published))


def test_surname_government_needs_a_holder_on_the_date_and_a_word_start():
    # 蔡英文 left office in 2024: 蔡政府 in 2025 names no one; 高雄市政府 holds no name.
    assert pairs(link("有人批評，蔡政府當年的政策失敗。", published="2025-06-15")) == []
    # (session 9: the city government is an organisation of its own, local:高雄市政府, no leader's government)
    assert [i for _, i in pairs(link("高雄市政府今天宣布新措施。", published="2025-06-15"))
            if not i.startswith("local:高雄市")] == []


# -- adverbs that are also surnames; titles of every holder; modal verbs glued to compounds ---------

def test_adverb_after_a_title_is_no_name_and_successive_holders_are_no_holder():
    got = pairs(link("历任美国总统都说要管控分歧。", published="2025-02-28"))
    assert got == [("美国", "USA")]


def test_compound_glued_to_a_modal_verb_is_still_a_compound():
    assert ids(link("当年没人相信中美能握手。")) == ["CHN", "USA"]
    assert ids(link("当年没人相信中美能源合作会这么快。")) == ["CHN", "USA"]


def test_title_and_surname_before_a_speech_verb_still_a_name():
    got = pairs(link("韩国外交部前第一次官申珏秀说，韩方应保持冷静。"))
    assert any(t.endswith("申珏秀") for t, _ in got)


# -- hits that name no actor by their surroundings ---------------------------------------------

def test_state_inside_one_china_principle_is_no_mention_but_beside_it_is():
    got = pairs(link("拉莫拉说，南非坚定奉行一个中国原则，中国是南非的重要伙伴。"))
    assert got.count(("中国", "CHN")) == 1


def test_title_after_a_plural_names_no_holder():
    got = ids(link("伊朗外长在日内瓦与英法德三国外长举行会谈。", published="2025-06-20"))
    assert "per:johann-wadephul" not in got and "per:abbas-araghchi" in got
    assert "per:johann-wadephul" in ids(link("德国外长在柏林表示支持谈判。", published="2025-06-20"))


def test_nationality_noun_in_the_body_is_people_not_the_state():
    assert ("中國", "CHN") not in pairs(link("對岸叫中國人別去日本旅遊。"))
    assert ("中國", "CHN") in pairs(link("中國人民銀行今天宣布降息，中國經濟承壓。"))


def test_founder_is_a_title_before_a_name():
    got = pairs(link("壹傳媒創辦人黎智英被控勾結外國勢力。", published="2025-12-15"))
    assert got[0] == ("壹傳媒創辦人黎智英", "per:jimmy-lai")


def test_pa_in_a_compound_reads_paraguay_when_the_part_names_it():
    got = pairs(link("巴拉圭總統潘尼亞將訪問台灣。外交部長說，台巴邦誼穩固。", published="2025-09-08"))
    assert ("巴", "PRY") in got and ("巴", "PAK") not in got
    assert ("巴", "PAK") in pairs(link("外交部長說，中巴經濟走廊進展順利。"))


# -- bylines; yes-no questions -----------------------------------------------------------------

def test_reporter_byline_before_a_dateline_is_the_agency():
    got = pairs(link("（中央社記者呂佳蓉台北8日電）外交部今天表示歡迎。", published="2025-09-08"))
    assert got[0] == ("中央社", "org:cna-taiwan") and all(not i.startswith("local:") for _, i in got)
    # without a dateline after it, "agency + reporter + name" stays a person (a quoted journalist)
    assert any(i.startswith("local:") for _, i in pairs(link("中央社記者呂佳蓉說，外交部今天表示歡迎。")))


def test_state_before_a_yes_no_question_is_the_state_not_its_legislature():
    assert pairs(link("但美國會不會挺她才是重點。")) == [("美國", "USA")]
    assert pairs(link("美国会在下周表决。"))[0][1] == "org:usa-congress"


def test_state_before_its_own_organisation_is_one_mention_but_not_before_media():
    got = pairs(link("中國外交部駐港公署發言人則回應，英方無權干涉香港司法。", published="2025-12-15"))
    assert got[0] == ("中國外交部駐港公署", "org:chn-mfa-office-hong-kong")
    got = pairs(link("朝鲜《劳动新闻》也刊文批评美国。", published="2024-07-05"))
    assert ("朝鲜", "PRK") in got


def test_state_before_a_posting_word_belongs_to_the_posted_person():
    got = pairs(link("中国驻大阪总领事薛剑在社交媒体上发文，日方提出抗议。", published="2025-11-14"))
    assert got[0][0] == "中国驻大阪总领事薛剑" and got[0][1].startswith("local:")
    got = pairs(link("中国外交部发言人表示，中国驻日使馆已提醒公民注意安全。", published="2025-11-14"))
    assert ("中国驻日使馆", "org:chn-embassy-jpn") in got  # not a person after 驻: untouched


def test_old_plus_first_character_is_the_one_person_named_with_it():
    got = pairs(link("委内瑞拉总统马杜罗又发表讲话。经济崩成这样，老马只能靠民族主义续命。", published="2025-05-01"))
    assert ("老马", "per:nicolas-maduro") in got
    # two persons starting with 马: no guess
    got = pairs(link("马杜罗和马克龙通了电话。老马说了什么没人知道。", published="2025-05-01"))
    assert "老马" not in [t for t, _ in got]
