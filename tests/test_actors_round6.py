"""Linker rules of session 4 (issue 3), each tested both ways on the packaged gazetteer: the rule fires where
it should and leaves the ordinary case alone. Sentences are written for these tests."""
from __future__ import annotations

import pytest

from _linking import link, pairs


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
