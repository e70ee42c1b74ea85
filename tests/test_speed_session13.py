"""Session 13 speed changes (actors linker): each fast path gives the answers of the plain code it replaced,
on made-up text of our own."""
from __future__ import annotations

import pytest

from shiju.actors import get_gazetteer
from shiju.actors.discourse import drop_place_names
from shiju.actors.linker import PartLinker, Resolver
from shiju.context import AnalysisContext

# Made-up sentences with states before place heads, transliterated names, titles resolved by context,
# Latin, digits and punctuation at clause edges.
_TEXTS = [
    "美国国务卿布林肯18日在北京表示，双方同意继续沟通。外长还说，日本海和南海局势需要关注。",
    "据报道，苏丹港昨天恢复运营；埃塞奎博地区的争端仍在继续，委内瑞拉外交部发表声明。",
    "韩国外长朴振与美方会谈后说：“韩美同盟很重要。”国防部随后表示，将加强合作。\n总统府发言人证实了此事。",
    "NATO秘书长在布鲁塞尔说，北约不会退缩。外交部发言人回应称，中方坚决反对。",
    "墨西哥湾沿岸的美国各州遭遇风暴，特朗普政府宣布紧急状态，州长们要求联邦援助。",
    "普京和泽连斯基都没有出席。俄罗斯总统府说，总统本周不会出访；乌克兰国防部长则访问了华盛顿。",
]


@pytest.fixture(scope="module")
def gaz():
    g = get_gazetteer(AnalysisContext())
    g.segmenter  # noqa: B018 - built once for the module
    return g


@pytest.mark.parametrize("text", _TEXTS)
def test_clauses_segmented_in_one_call_get_their_own_boundaries(gaz, text):
    """The clauses joined by newlines and cut once get the boundaries each one's own jieba call gives."""
    positions = [i for i, ch in enumerate(text) if ch not in "，。、；：！？“”\n"]
    batched, plain = PartLinker(gaz, text), PartLinker(gaz, text)
    batched._segment_clauses_at(positions)
    for p in positions:
        if not plain._done[p]:
            plain._segment(p)
    assert batched._done == plain._done
    assert batched._bnd == plain._bnd
    assert any(batched._bnd[1:len(text)])  # something was segmented


def test_segmenting_part_of_the_clauses_leaves_the_others_for_later(gaz):
    text = _TEXTS[0]
    pl = PartLinker(gaz, text)
    first, second = text.index("美国"), text.index("外长")
    pl._segment_clauses_at([first, second])
    assert pl._done[first] and pl._done[second]
    assert not pl._done[text.index("双方")]  # a clause no position named
    plain = PartLinker(gaz, text)
    plain._segment(first)
    plain._segment(second)
    assert pl._bnd == plain._bnd and pl._done == plain._done


class _UnwindowedResolver(Resolver):
    """The plain loop over every hit of the part for every bare noun (the code before session 13)."""

    def _window(self, hits, lo, hi):
        return hits


def _resolved(resolver_class, gaz, text):
    pl = PartLinker(gaz, text)
    hits = drop_place_names(pl, pl.candidates())
    res = resolver_class(gaz, text, "2023-06-19", None)
    return [(h.start, h.end, h.actor, h.note) for h in res.resolve(hits)]


@pytest.mark.parametrize("text", _TEXTS)
def test_nouns_resolved_from_the_hits_around_them_as_from_all_hits(gaz, text):
    assert _resolved(Resolver, gaz, text) == _resolved(_UnwindowedResolver, gaz, text)


def test_a_bare_ministry_takes_the_state_named_before_it_in_the_sentence(gaz):
    text = "美国总统发表讲话。\n韩国政府说，外交部表示满意。"
    got = {text[s:e]: (a, n) for s, e, a, n in _resolved(Resolver, gaz, text)}
    assert got["外交部"][0] == "org:kor-ministry-of-foreign-affairs"
    assert "sentence" in got["外交部"][1]


def _plain_drop_place_names(pl, hits):
    """drop_place_names before session 13 (the token lookups before the cheap tests)."""
    gaz, text = pl.gaz, pl.text
    drop: set[int] = set()
    runs: list = []
    for h in hits:
        if h.source == "abbrev" and h.end - h.start == 1 and h.alias in gaz.abbrev:
            if runs and runs[-1][-1].end == h.start:
                runs[-1].append(h)
            else:
                runs.append([h])
        elif h.source in ("alias", "generic") and h.end < len(text) and any(a.id in gaz.state_ids for a in h.candidates) \
                and pl.starts_token(h.end):
            a, b = pl.token_at(h.end)
            if text[h.end:b] in gaz.place_heads:
                drop.add(id(h))
        if h.source in ("alias", "generic") and h.end < len(text) and not pl.ends_token(h.end) \
                and all(c in gaz.translit for c in h.alias):
            a, b = pl.token_at(h.end - 1)
            if b - h.end >= 1 and all(c in gaz.translit for c in text[h.end:b]):
                drop.add(id(h))
    for run in runs:
        s, e = run[0].start, run[-1].end
        longer = any(text.startswith(n, s) and len(n) > e - s for n in gaz.long_state_names.get(text[s], ()))
        place = any(text.startswith(w, s) and len(w) >= e - s for w in gaz.place_words if w[0] == text[s])
        if longer or place:
            drop.update(id(h) for h in run)
    return [h for h in hits if id(h) not in drop] if drop else hits


@pytest.mark.parametrize("text", _TEXTS)
def test_place_names_dropped_as_by_the_plain_code(gaz, text):
    fast_pl, plain_pl = PartLinker(gaz, text), PartLinker(gaz, text)
    fast = [(h.start, h.end, h.alias) for h in drop_place_names(fast_pl, fast_pl.candidates())]
    plain = [(h.start, h.end, h.alias) for h in _plain_drop_place_names(plain_pl, plain_pl.candidates())]
    assert fast == plain


def test_a_state_before_a_place_head_is_no_mention(gaz):
    text = "日本海的渔船和日本政府的声明。"
    pl = PartLinker(gaz, text)
    kept = {text[h.start:h.end] + "@" + str(h.start) for h in drop_place_names(pl, pl.candidates())}
    assert "日本@0" not in kept
    assert "日本@7" in kept
