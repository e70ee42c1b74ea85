"""Comment targets the Actors stage cannot see (session 13, data/stance/targets.yaml, shipped switched off:
it won on the gold and lost on the pincong corpus): a third-person pronoun standing for the reply parent's
or the thread title's person, and a short reply naming nobody speaking about what its parent was about.
Made-up threads; the cue rules alone decide (rules_only), each rule tested both ways (resolved with the
routes on, unlisted with them off, and not resolved where it must not be)."""
from __future__ import annotations

import dataclasses

from shiju.model import Comment, Document
from shiju.pipeline import Pipeline
from shiju.reactions import TargetRules, implied_mentions, load_targets, rules_only

BODY = "菲律宾总统杜特尔特访问北京。杜特尔特说，菲律宾将与中国合作。"


def _pipe(**settings) -> Pipeline:
    """The rules alone, with the target rules of the data file switched on (or as `settings` say)."""
    p = Pipeline()
    rules_only(p.ctx)
    rules = dataclasses.replace(load_targets(), **{"enabled": True, **settings})
    p.ctx.provide(f"reactions.targets:{p.ctx.data_dir or ''}", rules)
    return p


def _thread(p: Pipeline, *comments: tuple[str, str, str | None]) -> dict[str, dict[str, str]]:
    doc = p(Document(id="t", source="t", format="t", title="杜特尔特访华", body=BODY, published="2021-03-18",
                     comments=[Comment(id=cid, author="u" + cid, text=text, reply_to=parent)
                               for cid, text, parent in comments]))
    return {c.id: {s.actor: s.stance for s in c.stance} for c in doc.comments}


def test_shipped_rules_are_switched_off_with_both_routes_set() -> None:
    rules = load_targets()
    assert not rules.enabled and rules.topic == "parent" and rules.pronoun_rx is not None
    shipped = Pipeline()
    rules_only(shipped.ctx)
    assert _thread(shipped, ("c1", "他就是个无耻的骗子", None))["c1"] == {}


def test_pronoun_stands_for_the_title_person() -> None:
    got = _thread(_pipe(), ("c1", "他就是个无耻的骗子", None))
    assert got["c1"].get("per:rodrigo-duterte") == "oppose"
    off = _thread(_pipe(enabled=False), ("c1", "他就是个无耻的骗子", None))
    assert "per:rodrigo-duterte" not in off["c1"]


def test_pronoun_stands_for_the_parents_person_before_the_threads() -> None:
    got = _thread(_pipe(), ("c1", "拜登这次又出来讲话了", None), ("c2", "他真是无耻", "c1"))
    assert got["c2"].get("per:joe-biden") == "oppose"
    assert "per:rodrigo-duterte" not in got["c2"]


def test_pronoun_after_a_named_person_is_not_resolved_again() -> None:
    # the comment names its person first: the pronoun is that person's, no thread actor is guessed
    got = _thread(_pipe(), ("c1", "拜登说了一堆，他真是无耻", None))
    assert "per:rodrigo-duterte" not in got["c1"]


def test_words_containing_the_pronoun_are_no_pronoun() -> None:
    rules = load_targets()
    assert rules.pronoun_rx is not None
    for text in ("其他国家都无耻", "他们真无耻", "他妈的真无耻", "弹吉他"):
        assert rules.pronoun_rx.search(text) is None, text
    assert rules.pronoun_rx.search("佢真係無恥") is not None


def test_reply_naming_nobody_speaks_about_its_parents_actor() -> None:
    comments = (("c1", "中国这次做得对", None), ("c2", "对个屁，无耻", "c1"))
    assert _thread(_pipe(), *comments)["c2"].get("CHN") == "oppose"
    assert "CHN" not in _thread(_pipe(topic="off"), *comments)["c2"]


def test_top_level_comment_naming_nobody_gets_no_target_by_default() -> None:
    got = _thread(_pipe(), ("c1", "无耻至极", None))
    assert got["c1"] == {}
    thread = _thread(_pipe(topic="thread"), ("c1", "无耻至极", None))
    assert thread["c1"].get("per:rodrigo-duterte") == "oppose"


def test_an_implied_target_judged_neutral_is_not_listed() -> None:
    got = _thread(_pipe(), ("c1", "中国这次做得对", None), ("c2", "明天下雨", "c1"))
    assert got["c2"] == {}


def test_long_comments_and_long_parents_imply_no_target() -> None:
    long_reply = "对个屁，无耻" + "，我再多说几句" * 10
    assert "CHN" not in _thread(_pipe(), ("c1", "中国这次做得对", None), ("c2", long_reply, "c1"))["c2"]
    long_parent = "中国这次做得对" + "，我再多说几句" * 20
    assert "CHN" not in _thread(_pipe(), ("c1", long_parent, None), ("c2", "对个屁，无耻", "c1"))["c2"]
    # quoted lines (the parent's words) do not count toward the reply's length
    quoting = "> " + "我们这边的人都是这么想的" * 6 + "\n对个屁，无耻"
    assert _thread(_pipe(), ("c1", "中国这次做得对", None), ("c2", quoting, "c1"))["c2"].get("CHN") == "oppose"


def test_switched_off_rules_imply_nothing() -> None:
    doc = Document(id="t", source="t", format="t", body=BODY, comments=[Comment(id="c1", author="u", text="他真无耻")])
    assert implied_mentions(doc, TargetRules(), {}) == {}
