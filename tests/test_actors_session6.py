"""Session 6 actor recall rules: outlet credits opening a story, title + unknown name + date."""
from __future__ import annotations

import pytest

from shiju.model import Document
from shiju.pipeline import Pipeline


@pytest.fixture(scope="module")
def link():
    pipe = Pipeline(["normalize", "actors"])

    def run(text: str) -> list[tuple[str, str, str]]:
        d = pipe(Document(id="x", source="t", format="text", body=text))
        for a in d.actors:
            for m in a.mentions:
                assert d.body[m.start:m.end] == m.text
        return [(m.text, a.id, a.type) for a in d.actors for m in a.mentions]

    return run


@pytest.mark.parametrize("text,outlet", [("国际日报讯 印尼首都雅加达发生骚乱。", "国际日报"),
                                         ("第一财经报道 欧盟委员会表示将回应。", "第一财经"),
                                         ("【欧洲时报讯】罗马尼亚宪法法院宣布选举无效。", "欧洲时报")])
def test_outlet_credit_at_the_head_is_an_organisation(link, text, outlet):
    assert (outlet, f"local:{outlet}", "organization") in link(text)


def test_outlet_credit_only_at_the_head_and_known_outlets_keep_their_id(link):
    assert not any(i.startswith("local:") for _, i, _ in link("印尼发生骚乱，国际日报讯息称多人受伤。"))
    assert ("新华社", "org:xinhua", "organization") in link("新华社北京3月1日电 中方表示欢迎。")


@pytest.mark.parametrize("text,mention,aid", [
    ("委内瑞拉大选后爆发抗议。总检察长萨博8月2日称，已有上千人被捕。", "总检察长萨博", "local:萨博"),
    ("印尼多地爆发骚乱。国家警察总长西吉特29日公开道歉。", "警察总长西吉特", "local:西吉特"),
])
def test_title_and_unknown_name_before_a_date_is_a_person(link, text, mention, aid):
    assert (mention, aid, "person") in link(text)


def test_a_date_after_a_title_alone_makes_no_person(link):
    assert not any(i.startswith("local:") for _, i, _ in link("印尼多地爆发骚乱。警察局长29日公开道歉。"))


def _comment_ids(body: str, comment: str) -> list[str]:
    from shiju.model import Comment

    d = Pipeline(["normalize", "actors"])(Document(id="c", source="t", format="text", body=body,
                                                   comments=[Comment(id="1", author="u", text=comment)]))
    return [a.id for a in d.actors for m in a.mentions if m.part == "comment:1"]


def test_bare_ministry_in_a_simplified_comment_is_the_readers_own():
    body = "日本政府宣布将核污水排海。日本外务省表示，排放符合国际标准。"
    assert _comment_ids(body, "外交部的声明还是太温柔了") == ["org:chn-ministry-of-foreign-affairs"]
    # a country named in the comment's sentence still decides
    assert _comment_ids(body, "日本外交部的声明太无耻了")[-1] != "org:chn-ministry-of-foreign-affairs"


def test_traditional_comment_has_no_home_default():
    body = "日本政府宣布將核污水排海。日本外務省表示，排放符合國際標準。"
    assert "org:chn-ministry-of-foreign-affairs" not in _comment_ids(body, "外交部的聲明還是太溫柔了")


@pytest.mark.parametrize("text,outlet,inner", [("联合国新闻报道 苏丹快速支援部队称。", "联合国新闻", "org:un"),
                                               ("新西兰先驱报中文版 新西兰外交部19日宣布。", "新西兰先驱报", None),
                                               ("加德满都邮报报道 尼泊尔政府宣布。", "加德满都邮报", None)])
def test_names_inside_an_outlet_credit_are_the_outlets(link, text, outlet, inner):
    got = link(text)
    assert (outlet, f"local:{outlet}", "organization") in got
    assert not any(t in outlet and t != outlet for t, _, _ in got)  # no 联合国 / 新西兰 / 加德满都 inside it


def test_bare_noun_in_a_comment_takes_the_country_the_thread_names_for_it():
    body = ("伊朗与美国等六国14日在维也纳达成伊朗核问题全面协议。伊朗总统鲁哈尼表示欢迎，伊朗民众上街庆祝。"
            "美国总统奥巴马当天发表讲话称，协议将阻止伊朗获得核武器。")
    assert "org:usa-republican-party" in _comment_ids(body, "共和党控制的国会肯定要阻挠")
