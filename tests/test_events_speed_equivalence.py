"""The events stage's compiled cue lists and per-part indexes give exactly the answers of the plain loops
they replaced (session 4). Each test writes the loop here and compares it with the fast path, on
generated text over small alphabets (so words repeat, overlap and nest) and on our own sentences
(examples/ and the non-blind gold bodies; ../shared is not needed).
"""
from __future__ import annotations

import random
import re
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from shiju.text.sentences import reference_frame, sentences
from shiju.text.words import Words

REPO = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def lexicon():
    from shiju.events.lexicon import build_lexicon

    return build_lexicon()


@pytest.fixture(scope="module")
def own_sentences() -> list[str]:
    texts = []
    for f in sorted((REPO / "tests" / "gold").glob("*.yaml")):
        if "blind" in f.name:
            continue  # held-out sets are never read
        data = yaml.safe_load(f.read_text(encoding="utf-8")) or {}
        texts += [str(g.get("body") or "") for g in data.get("documents") or []]
    out = [t[a:b] for t in texts if t for a, b in sentences(t)]
    assert len(out) > 500
    return out


# ------------------------------------------------------------------------------------ the old loops
def _longest_suffix(text: str, ws: list[str]) -> str | None:
    best = None
    for w in ws:
        if w and text.endswith(w) and (best is None or len(w) > len(best)):
            best = w
    return best


def _marker_role_loop(before: str, after: str, args: dict[str, Any]) -> str:
    """arguments._marker_role as it was before its lists were compiled."""
    from shiju.events.arguments import _PLACE_LIST, _QUANT

    def ends(t: str, ws: list[str]) -> str | None:
        return _longest_suffix(t.rstrip(), ws)

    before = before.rstrip()
    if ends(before, args.get("modifier_markers", [])):
        return "excluded"
    before = _QUANT.sub("", before)
    if ends(before, args.get("visitor_markers", [])):
        return "visitor"
    if before.endswith("应") and re.match(r"\s*(?:的)?(?:邀请|之邀)", after):
        return "host"
    if ends(before, args["comitative_markers"]) and after.startswith(tuple(args.get("border_words", [])) or ("\0",)):
        return "venue"
    if _PLACE_LIST.search(before[-16:]):
        return "venue"
    table = [("agent", args["passive_markers"]), ("recipient", args["recipient_markers"]),
             ("venue", args["venue_markers"]), ("source", args.get("source_markers", [])),
             ("comitative", args["comitative_markers"])]
    best, role = "", ""
    for r, ws in table:
        w = ends(before, ws)
        if w and len(w) > len(best):
            best, role = w, r
    if not role:
        return ""
    exc = ends(before, args.get("marker_exceptions", []))
    if exc and len(exc) > len(best):
        return ""
    return role


def _lexicon_with_arguments(lexicon, **lists: list[str]):
    """A copy of the lexicon whose argument cues are replaced (a fresh object: nothing compiled yet)."""
    from dataclasses import replace

    cues = dict(lexicon.cues)
    cues["arguments"] = {**lexicon.cues["arguments"], **lists}
    return replace(lexicon, cues=cues, _derived={})


# ------------------------------------------------------------------------------------------- tests
def test_marker_role_equals_the_loop_on_our_sentences(lexicon, own_sentences):
    from shiju.events.arguments import _cues, _marker_role

    args, cc = lexicon.cues["arguments"], _cues(lexicon)
    roles = set()
    for s in own_sentences:
        for i in range(1, len(s)):
            got = _marker_role(s[:i], s[i:i + 4], cc)
            assert got == _marker_role_loop(s[:i], s[i:i + 4], args), s[:i]
            roles.add(got)
    assert {"recipient", "venue", "agent", "comitative", ""} <= roles


def test_marker_role_equals_the_loop_when_lists_share_words(lexicon):
    # Lists sharing words and words that end others: which list's role wins on a tie, and exceptions
    # longer or shorter than the marker.
    from shiju.events.arguments import _cues, _marker_role

    lists = {"passive_markers": ["被", "由"], "recipient_markers": ["对", "向", "由"], "venue_markers": ["在", "于"],
             "source_markers": ["从", "自"], "comitative_markers": ["与", "和", "在"],
             "marker_exceptions": ["对于", "在于", "向"], "visitor_markers": ["访"], "modifier_markers": ["由于"],
             "border_words": ["接"]}
    lex = _lexicon_with_arguments(lexicon, **lists)
    args, cc = lex.cues["arguments"], _cues(lex)
    rng = random.Random(5)
    alphabet = "被由对向在于从自与和访接应邀请的名三 国甲"
    for _ in range(4000):
        before = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 8)))
        after = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 4)))
        assert _marker_role(before, after, cc) == _marker_role_loop(before, after, args), (before, after)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="0１二十百名个家部分些所有全其他若干多数该这国甲乙 ", max_size=12))
def test_quantifier_pattern_ends_only_in_its_last_characters(text):
    # _marker_role skips the quantifier pattern unless the text ends with a character a match can end with
    from shiju.events.arguments import _QUANT, _QUANT_LAST

    if text[-1:] not in _QUANT_LAST:
        assert _QUANT.sub("", text) == text


def test_covered_equals_the_loop():
    from shiju.events.arguments import _covered

    exc = ["对方", "对话", "针对性", "面对", "对", "绝对", "相对而言"]
    ws = Words(exc)
    longest = max(map(len, exc))
    rng = random.Random(7)
    hits = 0
    for _ in range(3000):
        text = "".join(rng.choice("对方话针性面绝相而言甲") for _ in range(rng.randint(1, 12)))
        i = rng.randrange(len(text))
        lo = rng.randint(0, i)
        for longer_than in (0, 1, 2):
            loop = any(text.startswith(x, k) for x in exc for k in range(max(lo, i - len(x) + 1), i + 1)
                       if k <= i < k + len(x) and len(x) > longer_than)
            assert _covered(text, i, lo, ws, longest, longer_than) == loop, (text, i, lo, longer_than)
            hits += loop
    assert hits > 100


def test_strip_in_order_equals_the_loop():
    from shiju.events.arguments import _places, _strip_in_order

    rng = random.Random(11)
    for _ in range(300):
        vocab = ["".join(rng.choice("已经也还再又") for _ in range(rng.randint(1, 3))) for _ in range(rng.randint(1, 8))]
        ws = Words(vocab)  # (duplicates kept: the loop tests a word twice)
        ranks = _places(ws.longest_first)
        for _ in range(20):
            text = "".join(rng.choice("已经也还再又甲") for _ in range(rng.randint(0, 10)))
            rest = text
            for w in ws.longest_first:
                if rest.startswith(w):
                    rest = rest[len(w):]
            assert _strip_in_order(text, ws, ranks) == rest, (vocab, text)


def test_adverbs_replaced_in_the_order_of_the_loop(lexicon, own_sentences):
    # _has_own_subject blanks the adverbs present, longest first: sorting the present ones by their place
    # in the longest-first list is the loop over the whole list
    from shiju.events.arguments import _cues

    cc = _cues(lexicon)
    for s in own_sentences[::4]:
        present = cc.adverbs.present(s)
        loop = s
        for w in cc.adverbs.longest_first:
            if w in present:
                loop = loop.replace(w, " ")
        fast = s
        for w in sorted(present, key=lambda w: cc.adverb_ranks[w][0]):
            fast = fast.replace(w, " ")
        assert fast == loop


def test_sentence_contexts_equal_the_loop(lexicon, own_sentences):
    from shiju.events.coder import _sentence_contexts

    named = 0
    for s in own_sentences:
        loop = [c for c, ws in lexicon.context_words.items() if any(w in s for w in ws)]
        assert _sentence_contexts(s, lexicon) == loop
        named += bool(loop)
    assert named > 50


def _naive_quote_around(s: str, pos: int) -> tuple[int, int] | None:
    """The paired quotation marks around ``pos`` (marks included), found by walking outwards: a date in
    marks dates only the acts inside the quote."""
    for op, cl in ("“”", "「」", "『』"):
        o = s.rfind(op, 0, pos + 1)
        if o < 0 or s.find(cl, o + 1, pos) >= 0:
            continue
        c = s.find(cl, max(o + 1, pos))
        if c >= 0 and s.find(op, o + 1, c) < 0:
            return o, c + 1
    return None


def test_part_times_visible_equal_the_filter(own_sentences):
    # PartTimes finds each time's reference frame once per part; the times an event may be dated by must
    # be those of filtering every time by its frame for that event, with starts only when sorted.
    from shiju.events.coder import PartTimes

    frames = [["对", "的回应"], ["以", "为由"], ["原定", ""]]
    rng = random.Random(2)
    checked = 0
    for s in own_sentences[::7]:
        n = len(s)
        spans = sorted((a, min(n, a + rng.randint(1, 4))) for a in rng.sample(range(n), min(n, 5)))
        if rng.random() < 0.2:
            spans.reverse()  # an unsorted list: no bisection
        times = [SimpleNamespace(start=a, end=b) for a, b in spans]
        for fr in (frames, []):
            pt = PartTimes(times, s, fr)
            for pos in range(0, n, 3):
                want = [t for t in times if (f := (reference_frame(s, t.start, t.end, fr) if fr else None)
                                             or _naive_quote_around(s, t.start)) is None
                        or f[0] <= pos < f[1]]
                st_ = [t.start for t in want]
                got, starts = pt.visible(pos)
                assert got == want
                assert starts == (st_ if all(a <= b for a, b in zip(st_, st_[1:])) else [])
                checked += 1
    assert checked > 500
