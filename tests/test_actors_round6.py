"""Linker rules of session 4 (issue 3), each tested both ways on the packaged gazetteer: the rule fires where
it should and leaves the ordinary case alone. Sentences are written for these tests."""
from __future__ import annotations

import pytest

from _linking import link, pairs


# -- capitals named only as a place ---------------------------------------------------------------

@pytest.mark.parametrize("body, city", [
    ("美国国务卿鲁比奥10日抵达吉隆坡，随后会见马来西亚总理安瓦尔。", "吉隆坡"),
    ("以色列空军13日空袭德黑兰，伊朗随即发射导弹。", "德黑兰"),
    ("加拉加斯街头这几天气氛紧张，委内瑞拉总统马杜罗宣布动员民兵。", "加拉加斯"),
    ("路透社维也纳5月31日报道，国际原子能机构将召开理事会。", "维也纳"),
    ("【台北報導】立法院今天三讀通過預算案。", "台北"),
])
def test_capital_named_only_as_a_place_is_no_mention(body, city):
    got = pairs(link(body))
    assert city not in [t for t, _ in got]
    assert got  # the rest of the sentence is still linked


@pytest.mark.parametrize("body, city, aid", [
    ("伊朗外长表示，只要以方停止袭击，德黑兰愿意考虑外交途径。", "德黑兰", "IRN"),
    ("王毅3日在北京同巴西外长维埃拉举行会谈。", "北京", "CHN"),  # a meeting's venue stays a mention
    ("委内瑞拉外长称，华盛顿正在为政权更迭制造借口。", "华盛顿", "USA"),
])
def test_capital_standing_for_its_government_or_hosting_a_meeting_stays(body, city, aid):
    assert (city, aid) in pairs(link(body))


def test_state_before_its_capital_after_an_arrival_is_part_of_the_place():
    got = pairs(link("澳大利亚外长黄英贤8日抵达所罗门群岛首都霍尼亚拉，与所方举行会谈。"))
    assert "所罗门群岛" not in [t for t, _ in got]
