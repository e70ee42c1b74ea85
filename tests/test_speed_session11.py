"""Session 11 speed changes (actors, events): each fast path gives the answers of the plain code it
replaced, on made-up text of our own and on random strings (hypothesis)."""
from __future__ import annotations

from itertools import accumulate

from hypothesis import given, settings
from hypothesis import strategies as st

from shiju.actors import _drop_user_names, _script
from shiju.actors.discourse import merge_post_lists
from shiju.actors.linker import Hit
from shiju.text.view import TextView

# Characters around the edges of the tests: CJK (traditional and simplified pairs, the ends of the range the
# stage counts), full-width Latin the view folds, punctuation, NUL.
_CHARS = "國国們们說说這这臺台abc，。、：\n \x00\u3400\u9fff\u33ff\ua000\uf900𠀀Ａ∙"


def _plain_script(original: str, simplified: str) -> str:
    if original == simplified:
        return "zh-Hans"
    cjk = sum(1 for ch in original if "\u3400" <= ch <= "\u9fff") or 1
    changed = sum(1 for a, b in zip(original, simplified) if a != b and "\u3400" <= a <= "\u9fff")
    ratio = changed / cjk
    return "zh-Hans" if ratio < 0.01 else "zh-Hant" if ratio > 0.08 else "mixed"


class _View:
    def __init__(self, original: str, simplified: str):
        self.original, self.simplified = original, simplified


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=_CHARS, max_size=60), st.data())
def test_script_counts_as_the_character_loop(text, data):
    assert _script(TextView(text)) == _plain_script(text, TextView(text).simplified)
    other = data.draw(st.text(alphabet=_CHARS, min_size=len(text), max_size=len(text)))
    assert _script(_View(text, other)) == _plain_script(text, other)


def test_script_reads_traditional_and_simplified_text():
    assert _script(TextView("美國總統說，兩國關係很重要。")) == "zh-Hant"
    assert _script(TextView("美国总统说，两国关系很重要。")) == "zh-Hans"


class _Gaz:
    aliases: dict = {}


def _plain_user_spans(text: str, authors: list[str]) -> list[tuple[int, int]]:
    """Every occurrence re.finditer finds (no user name is an alias here, so each one counts)."""
    import re

    return [m.span() for f in authors for m in re.finditer(re.escape(f), text)]


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet="张三李四@：回复 ", max_size=40), st.lists(st.text(alphabet="张三李四", min_size=2, max_size=3),
                                                                    max_size=3))
def test_user_names_are_found_where_the_regex_found_them(text, authors):
    # one-character hits everywhere: a hit survives iff no user-name occurrence overlaps it
    hits = [Hit(i, i + 1, text[i], "alias") for i in range(len(text))]
    kept = _drop_user_names(text, hits, authors, _Gaz())
    spans = _plain_user_spans(text, authors)
    assert [h.start for h in kept] == [h.start for h in hits if not any(h.start < e and s < h.end for s, e in spans)]


def test_overlap_by_furthest_reach_equals_the_pairwise_test():
    # document_compounds: a run [s, e) overlaps a mention iff the furthest end among mentions starting
    # before e passes s (zero-length spans included, as the pairwise test counts them)
    from bisect import bisect_left

    import random

    rnd = random.Random(11)
    for _ in range(2000):
        taken = sorted((a, a + rnd.randint(0, 4)) for a in (rnd.randint(0, 30) for _ in range(rnd.randint(0, 6))))
        starts = [ts for ts, _ in taken]
        reach = [-1, *accumulate((te for _, te in taken), max)]
        s = rnd.randint(0, 32)
        e = s + rnd.randint(1, 5)
        assert (reach[bisect_left(starts, e)] > s) == any(ts < e and s < te for ts, te in taken)


def test_post_lists_before_a_name_still_merge_and_stop_at_punctuation():
    from shiju.actors import get_gazetteer
    from shiju.context import AnalysisContext
    from shiju.model import Document
    from shiju.pipeline import Pipeline

    doc = Pipeline(["normalize", "actors"], AnalysisContext())(Document(
        id="t", source="t", format="text", published="2023-06-19",
        body="中共中央政治局委员、外交部长王毅周二表示。对此，外交部长王毅没有回应。"))
    gaz = get_gazetteer(AnalysisContext())
    wang = [a for a in doc.actors if a.id in gaz.person_ids and a.name_zh == "王毅"]
    assert wang, [a.id for a in doc.actors]
    texts = sorted(m.text for m in wang[0].mentions)
    assert texts[0].startswith("中共中央政治局委员、外交部长") or "中共中央政治局委员、外交部长王毅" in texts
    assert "外交部长王毅" in texts  # the second: after 。 and ，, no list before it


def test_merge_post_lists_leaves_a_name_without_a_list_alone():
    class G:
        person_ids = {"per:x"}
        org_ids: set = set()
        state_ids: set = set()
        titles: dict = {}
        chunk_stop_words: tuple = ()

    text = "他说，张三来了"
    h = Hit(3, 5, "张三", "alias", actor="per:x")
    assert merge_post_lists(G(), text, [h]) == [h] and (h.start, h.end) == (3, 5)


def test_cue_lists_sharing_an_exception_list_answer_as_each_alone():
    # events.modality scans a text once for the cues of every list asked about with the same exception
    # list: the answer for one list must not depend on the other lists (overlapping cues, a cue of one list
    # inside a cue of another, duplicates, empty words), nor on the order lists and texts are asked in.
    import random

    from _modality_oracle import cue_positions_by_search
    from shiju.events.modality import _cue_positions

    rng = random.Random(11)
    alphabet = "不会将要满少"
    exceptions = ["不满", "将要", "会将", "少不"]
    lists = [["不", "不会"], ["会", "将会", ""], ["满", "不", "不"], ["要", "将"]]
    texts = ["".join(rng.choice(alphabet) for _ in range(rng.randint(0, 40))) for _ in range(60)]
    for _ in range(600):
        text, cues = rng.choice(texts), rng.choice(lists)
        lo, hi = rng.randint(0, 8), rng.randint(10, 45)
        assert _cue_positions(text, lo, hi, cues, exceptions) == cue_positions_by_search(text, lo, hi, cues, exceptions)


def test_last_speech_verb_end_equals_the_search_per_verb():
    # events.arguments._subject_candidates: where the last speech verb of a region ends, from one automaton
    # pass; verbs inside or overlapping each other, repeated, and an empty word
    import random

    from types import SimpleNamespace

    from shiju.events.arguments import _automaton, _last_speech_end

    rng = random.Random(7)
    alphabet = "表示说称指出者"
    for _ in range(500):
        verbs = ["".join(rng.choice(alphabet) for _ in range(rng.randint(1, 3))) for _ in range(rng.randint(0, 5))]
        if rng.random() < 0.1:
            verbs.append("")
        region = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 20)))
        cc = SimpleNamespace(speech_verbs=_automaton(verbs), speech_verb_empty="" in verbs)
        expected = max([region.rfind(w) + len(w) for w in verbs if region.rfind(w) >= 0], default=-1)
        assert _last_speech_end(cc, region) == expected


def test_find_from_before_a_bound_equals_the_unbounded_search_then_the_check():
    # text.words.Words.find_from(text, pos, before): the answer of the unbounded search when it lies before
    # the bound, else None, while reading at most the longest word past the bound
    import random

    from shiju.text.words import Words

    rng = random.Random(5)
    alphabet = "对向朝在加沙地带"
    for _ in range(800):
        ws = Words(["".join(rng.choice(alphabet) for _ in range(rng.randint(1, 4))) for _ in range(rng.randint(1, 5))])
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 30)))
        pos, before = rng.randint(0, 32), rng.randint(0, 34)
        plain = ws.find_from(text, pos)
        assert ws.find_from(text, pos, before) == (plain if plain is not None and plain[0] < before else None)
