"""The fast paths of the analysis stages give exactly the answers of the plain loops they replaced.

Each test runs a reference implementation (the straightforward loop, written here) and the optimised one
over every sentence of our own texts (examples/ and the bodies of the non-blind gold files) and compares.
"""
from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from shiju.text.sentences import sentences
from shiju.text.words import Words, words

REPO = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def own_texts() -> list[str]:
    from shiju.readers import ReadError, ReadOptions, iter_documents

    texts = [t for d in iter_documents([str(REPO / "examples")], ReadOptions()) if not isinstance(d, ReadError)
             for _, t in d.parts()]
    for f in sorted((REPO / "tests" / "gold").glob("*.yaml")):
        if f.name.startswith("blind"):
            continue  # held-out sets are never read
        data = yaml.safe_load(f.read_text(encoding="utf-8")) or {}
        texts += [str(g.get("body") or "") for g in data.get("documents") or []]
    return [t for t in texts if t]


@pytest.fixture(scope="module")
def own_sentences(own_texts: list[str]) -> list[str]:
    return [t[a:b] for t in own_texts for a, b in sentences(t)]


@pytest.fixture(scope="module")
def lexicon():
    from shiju.events.lexicon import build_lexicon

    return build_lexicon()


def _cue_lists(lex) -> list[list[str]]:
    out = []
    for group in lex.cues.values():
        if isinstance(group, dict):
            out += [v for v in group.values() if isinstance(v, list) and v and all(isinstance(x, str) for x in v)]
    return out


def test_words_answers_equal_the_loops(lexicon, own_sentences):
    lists = _cue_lists(lexicon)
    assert len(lists) > 20
    for ws in lists:
        c = words(ws)
        for s in own_sentences[::3]:
            assert c.present(s) == {w for w in ws if w and w in s}
            assert c.first_in(s) == next((w for w in ws if w and w in s), None)
            for cut in (s, s[:-1], s[: len(s) // 2]):
                best = None
                for w in ws:
                    if w and cut.endswith(w) and (best is None or len(w) > len(best)):
                        best = w
                assert c.longest_suffix(cut) == best
            for i in range(0, len(s), 3):
                longest = max((w for w in ws if w and s.startswith(w, i)), key=len, default=None)
                assert c.longest_at(s, i) == longest


def test_words_edge_cases():
    c = Words(["", "对", "对于", "针对"])
    assert c.words == ("对", "对于", "针对") and bool(c) and not Words([])
    assert c.present("针对于") == {"针对", "对", "对于"}
    assert c.longest_suffix("") is None and c.longest_suffix("针对") == "针对"
    assert Words([]).present("对") == set() and Words([]).longest_at("对", 0) is None


def _find_reference(lex, text: str):
    """Lexicon.find as a loop: the longest literal at every position, every regex match, then leftmost
    first, longest first, without overlaps."""
    cands = []
    by_first: dict[str, list] = {}
    for w, t in sorted(((w, t) for lst in lex._by_first.values() for w, t in lst), key=lambda x: -len(x[0])):
        by_first.setdefault(w[0], []).append((w, t))
    for i in range(len(text)):
        hit = next(((i, i + len(w), t) for w, t in by_first.get(text[i], ()) if text.startswith(w, i)), None)
        if hit is not None:
            cands.append(hit)
    for trig in lex._regex:
        cands += [(m.start(), m.end(), trig) for m in trig.regex.finditer(text)]
    cands.sort(key=lambda c: (c[0], -(c[1] - c[0])))
    out, end = [], -1
    for s, e, t in cands:
        if s >= end:
            out.append((s, e, t))
            end = e
    return out


def test_trigger_search_equals_the_loop(lexicon, own_sentences):
    found = 0
    for s in own_sentences:
        fast = lexicon.find(s)
        assert [(a, b, t.key) for a, b, t in fast] == [(a, b, t.key) for a, b, t in _find_reference(lexicon, s)]
        found += sum(t.regex is not None for _, _, t in fast)
    assert found > 20  # the regex triggers were exercised, not only skipped


def test_required_literals_of_a_pattern():
    from shiju.events.lexicon import _required_literals

    assert _required_literals("付出[^，。]{0,6}?代价") in ({"付出"}, {"代价"})
    assert _required_literals("(?:暂停|停止)(?:了)?[^，]{0,6}?出口") == {"出口"}
    assert _required_literals("(?<![意自])愿(?![望意])") == {"愿"}
    assert _required_literals("(?:严重|公然)?(?:违反|践踏)") == {"违反", "践踏"}
    assert _required_literals("(?:a|b.)") is None or "" not in _required_literals("(?:a|b.)")
    assert _required_literals("[^a]+") is None
    for pat in ("(?:是|为)(?:独裁者|法西斯(?:分子)?)", "应(?:当)?(?:为|对).{1,4}?(?:负责|承担(?:全部)?责任)"):
        req = _required_literals(pat)
        assert req
        for text in ("他是法西斯分子", "该国应对此承担全部责任", "应为此负责"):
            if re.search(pat, text):
                assert any(x in text for x in req)


def test_np_index_equals_the_loops():
    from shiju.events.arguments import NP, SentenceInfo, _first_np_start

    ordered = [NP(2, 4, "USA", "state", "USA"), NP(2, 4, "JPN", "state", "JPN"), NP(6, 9, "CHN", "state", "CHN"),
               NP(9, 12, "per:x", "person", None), NP(15, 16, "KOR", "state", "KOR")]
    shuffled = [ordered[2], ordered[0], ordered[4], ordered[3]]
    overlapping = [NP(0, 5, "USA", "state", "USA"), NP(3, 8, "JPN", "state", "JPN")]
    for nps, indexed in ((ordered, True), (shuffled, False), (overlapping, False), ([], True)):
        si = SentenceInfo(text="x" * 20, start=0, end=20, nps=nps, clauses=[(0, 20)])
        assert (si.np_starts() is not None) == indexed
        for lo in range(-1, 21):
            assert si.np_at(lo) is next((n for n in nps if n.start <= lo < n.end), None)
            for hi in range(lo, 22):
                assert si.nps_within(lo, hi) == [n for n in nps if lo <= n.start and n.end <= hi]
                assert _first_np_start(si, lo, hi) == min([n.start for n in nps if lo <= n.start < hi] + [hi])
    si = SentenceInfo(text="x" * 20, start=0, end=20, nps=list(ordered), clauses=[(0, 20)])
    assert si.np_starts() == [2, 2, 6, 9, 15]
    si.nps = ordered[:2]  # a new list is indexed anew
    assert si.nps_within(0, 20) == ordered[:2]


def test_clauses_equal_the_loop(own_texts):
    from shiju.events.arguments import _CLAUSE_PUNCT, clauses

    for t in own_texts:
        for a, b in sentences(t):
            out, s = [], a
            for i in range(a, b):
                if t[i] in _CLAUSE_PUNCT:
                    out.append((s, i + 1))
                    s = i + 1
            if s < b:
                out.append((s, b))
            assert clauses(t, a, b) == out


def test_cue_positions_equal_the_loop(lexicon, own_texts):
    from shiju.events.modality import _cue_positions, _inside_exception

    m = lexicon.cues["modality"]
    exc = m.get("exceptions", [])

    def loop(text: str, lo: int, hi: int, ws: list[str]) -> list[tuple[int, str]]:
        out, region = [], text[lo:hi]
        for w in ws:
            k = region.find(w) if w else -1
            while k >= 0:
                if not _inside_exception(text, lo + k, lo + k + len(w), exc, w):
                    out.append((lo + k, w))
                k = region.find(w, k + 1)
        return out

    hits = 0
    for t in own_texts[::2]:
        for a, b in sentences(t):
            for lo, hi in ((a, b), (a, (a + b) // 2), ((a + b) // 2, b), (a + 3, b - 2)):
                for name in ("negation", "hypothetical", "future", "conditional", "historical"):
                    got = _cue_positions(t, lo, hi, m[name], exc)
                    assert got == loop(t, lo, hi, m[name])
                    hits += len(got)
    assert hits > 100


def test_cue_positions_equal_the_loop_on_generated_text():
    # Generated text over a tiny alphabet, so cues repeat inside exceptions, exceptions overlap each
    # other, a cue occurs twice in one exception, and lists hold duplicates and empty words: the cases the
    # automata and the covered-start sets could get wrong.
    import random

    from _modality_oracle import cue_positions_by_search
    from shiju.events.modality import _cue_positions

    rng = random.Random(3)
    alphabet = "不会将要满少"
    for _ in range(400):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 60)))
        exceptions = ["".join(rng.choice(alphabet) for _ in range(rng.randint(2, 4))) for _ in range(6)]
        cues = ["".join(rng.choice(alphabet) for _ in range(rng.randint(1, 2))) for _ in range(4)] + ["", "不"]
        lo, hi = rng.randint(0, 10), rng.randint(20, 70)
        assert _cue_positions(text, lo, hi, cues, exceptions) == cue_positions_by_search(text, lo, hi, cues, exceptions)


def test_language_counts_equal_the_character_loops(own_texts):
    import random

    from shiju.text.view import _CJK_UNIFIED, _count_changed, _has_cjk, to_simplified

    rng = random.Random(5)
    pairs = [(t, to_simplified(t)) for t in own_texts[::7]]
    for _ in range(200):  # unequal lengths and differences at block edges
        a = "".join(rng.choice("国國a语語 ") for _ in range(rng.randint(0, 200)))
        pairs.append((a, "".join(c if rng.random() < 0.9 else "x" for c in a)[: rng.randint(0, len(a))]))
    for a, b in pairs:
        assert _count_changed(a, b) == sum(1 for p, q in zip(a, b) if p != q)
        assert sum(map(len, _CJK_UNIFIED.findall(a))) == sum(1 for ch in a if "\u4e00" <= ch <= "\u9fff")
        assert _has_cjk(a) == any("\u3400" <= ch <= "\u9fff" or "\uf900" <= ch <= "\ufaff" for ch in a)


def test_relation_mentions_ascend_so_a_sentence_is_one_slice():
    # relations_in_part takes a sentence's mentions as one slice by bisection on starts and ends: the
    # same as filtering every mention only if _mentions' ends ascend with its starts. Random overlapping
    # mentions, compared with the filter.
    import bisect
    import random

    from shiju.model import Actor, Document, Mention
    from shiju.relations import _mentions

    rng = random.Random(2)
    for _ in range(300):
        actors = []
        for k in range(rng.randint(1, 5)):
            ms = []
            for _ in range(rng.randint(1, 6)):
                s = rng.randint(0, 40)
                ms.append(Mention(s, s + rng.randint(1, 6), "x"))
            actors.append(Actor(id=f"a{k}", mentions=ms))
        doc = Document(id="d", source="s", format="text", body="x" * 50, actors=actors)
        mentions = _mentions(doc, "body")
        starts, ends = [m[0] for m in mentions], [m[1] for m in mentions]
        for _ in range(10):
            lo = rng.randint(0, 45)
            hi = rng.randint(lo, 50)
            expected = [m for m in mentions if lo <= m[0] and m[1] <= hi]
            assert mentions[bisect.bisect_left(starts, lo):bisect.bisect_right(ends, hi)] == expected


def _mask_reference(simplified: str, s0: int, s1: int, mentions: list) -> tuple:
    """The character-by-character loop relations._mask replaced."""
    from shiju.relations import _DROP, _PH

    out, pos, ends, actor = [], [], [], {}
    k, i = 0, s0
    while i < s1:
        while k < len(mentions) and mentions[k][0] < i:
            k += 1
        if k < len(mentions) and mentions[k][0] == i:
            ms, me, aid = mentions[k]
            for one in (aid if isinstance(aid, tuple) else (aid,)):
                actor[len(out)] = one
                out.append(_PH)
                pos.append(ms)
                ends.append(me)
            i = me
            continue
        ch = simplified[i]
        if ch.isspace():
            ch = "，"
        if ch not in _DROP:
            out.append(ch)
            pos.append(i)
            ends.append(i + 1)
        i += 1
    return "".join(out), pos, ends, actor


def test_relation_mask_equals_the_loop():
    # Generated sentences with spaces of several kinds, quote marks, and mentions that overlap, start
    # before the sentence, run past its end or stand for several actors (两国): the slices must give
    # the masked text, offset maps and placeholders of the plain loop.
    import random

    from shiju.relations import _mask

    rng = random.Random(6)
    alphabet = "中美关系将“”「」《》 \u3000\xa0\t\n,a1"
    for _ in range(2000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 40)))
        s0 = rng.randint(0, len(text))
        s1 = rng.randint(s0, len(text))
        mentions = []
        for k in range(rng.randint(0, 6)):
            s = rng.randint(0, max(0, len(text) - 1))
            aid = f"a{k}" if rng.random() < 0.8 else (f"a{k}", f"b{k}")
            mentions.append((s, min(len(text) + 2, s + rng.randint(1, 5)), aid))
        mentions.sort(key=lambda m: m[0])
        mk = _mask(text, s0, s1, mentions)
        assert (mk.text, mk.pos, mk.ends, mk.actor) == _mask_reference(text, s0, s1, mentions)


def test_resolver_sentence_lookup_equals_the_scan(own_texts):
    from shiju.actors.linker import Resolver
    from shiju.text.sentences import sentences

    for t in own_texts[::3]:
        res = Resolver(None, t, None, None)  # type: ignore[arg-type]
        spans = sentences(t)
        for pos in range(0, len(t) + 1, 2):
            assert res._sentence_at(pos) == next(((s, e) for s, e in spans if s <= pos < e), (pos, pos))


def test_quote_cues_and_mentions_ascend_so_a_range_is_one_slice(own_texts):
    # quotes take the cues and mentions starting in a range as one slice by bisection on their starts,
    # the same as filtering them all only if both lists are in ascending start order.
    from shiju.context import AnalysisContext
    from shiju.model import Document
    from shiju.pipeline import Pipeline
    from shiju.quotes import _find_cues, _part_mentions, load_lexicon

    lex = load_lexicon()
    pipe = Pipeline(["normalize", "actors"], AnalysisContext())
    for t in own_texts[::9]:
        cues = _find_cues(t, [False] * len(t), lex)
        assert [c.start for c in cues] == sorted({c.start for c in cues})
        doc = pipe(Document(id="d", source="s", format="text", body=t))
        items = [(m, a) for a in doc.actors for m in a.mentions if m.part == "body"]
        ms = _part_mentions(doc, "body", doc.view("body"), [False] * len(t), items)
        assert [m.start for m in ms] == sorted({m.start for m in ms})


def _sentences_loop(text: str) -> list[tuple[int, int]]:
    from shiju.text.sentences import _SENT

    out = []
    for m in _SENT.finditer(text):
        s, e = m.start(), m.end()
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if e > s:
            out.append((s, e))
    return out


def test_sentences_equal_the_trimming_loop(own_texts):
    odd = ["  \n", " 第一句。\u3000 第二句！\n\n  第三句", "\t“引语。”  后文？\r\n", "无终止标点 ", ""]
    for t in own_texts + odd:
        assert sentences(t) == _sentences_loop(t)


def test_regex_gate_first_characters():
    from shiju.text.regex_gate import first_chars, gate_alternatives

    uni = set("0123456789二三年月日号上下")
    assert first_chars(r"(?<!\d)(?P<y>\d{4}|二〇[一二]\d)年", uni) == set("0123456789二")
    assert first_chars(r"(?P<a>\s?(?:上|下)午)", uni) is None  # \s is not understood: no gate
    assert first_chars(r"(?:月)?日", uni) == {"月", "日"}  # an optional piece lets the next one start
    assert first_chars(r"(?:年)?", uni) is None  # can match the empty string
    assert first_chars(r"[^年]月", uni) is None
    assert gate_alternatives(["(?P<x>年|月)", "(?P<z>[^x])"], uni) == ["(?=[年月])(?P<x>年|月)", "(?P<z>[^x])"]


def test_gated_time_pattern_finds_what_the_ungated_one_finds(own_texts):
    # The time lexicon's scanning pattern gates each alternative on its first characters
    # (shiju.text.regex_gate); without the gates it must find the very same matches and groups.
    from shiju.text.view import TextView
    from shiju.timex.lexicon import load
    from shiju.timex.scan import _windows

    lex = load()
    gated = lex.pattern.pattern
    plain = re.compile(re.sub(r"\(\?=\[[^\]]*\]\)\(\?P<", "(?P<", gated[gated.index("])") + 2:]))
    plain = re.compile(gated[:gated.index("])") + 2] + plain.pattern)
    assert plain.pattern.count("(?=[") == 1 and gated.count("(?=[") > 10
    for t in own_texts:
        s = TextView(t).simplified
        for ws, we in _windows(s, lex):
            assert [(m.span(), m.groupdict()) for m in lex.pattern.finditer(s, ws, we)] == \
                [(m.span(), m.groupdict()) for m in plain.finditer(s, ws, we)]


def test_records_serialise_as_the_plain_recursion_did():
    import dataclasses
    import json

    from shiju.context import AnalysisContext
    from shiju.model import _SCALARS, Comment, Document, _asdict, _public_fields
    from shiju.pipeline import Pipeline

    def plain(obj):
        if isinstance(obj, _SCALARS):
            return obj
        if isinstance(obj, list):
            return [plain(x) for x in obj]
        if isinstance(obj, dict):
            return {k: plain(v) for k, v in obj.items()}
        names = _public_fields(type(obj))
        return obj if names is None else {n: plain(getattr(obj, n)) for n in names}

    body = "美国国务卿布林肯19日在北京会见中国国家主席习近平。他表示：“美方愿意稳定中美关系。”"
    doc = Pipeline(ctx=AnalysisContext())(Document(id="d", source="s", format="text", body=body, published="2023-06-19",
                                                   comments=[Comment(id="1", author="u", text="支持布林肯。")]))
    assert doc.actors and doc.times and doc.events
    assert json.dumps(_asdict(doc)) == json.dumps(plain(doc))
    doc.tags.append(True)  # a bool is a subclass of int: exact-type fast path or not, it stays itself

    @dataclasses.dataclass
    class Odd:
        a: int
        b: list = dataclasses.field(default_factory=list)

    o = Odd(1, [Odd(2)])
    del o.__dict__["a"]  # a field missing from the instance dict is read through getattr
    Odd.a = 7
    assert _asdict(o) == plain(o) == {"a": 7, "b": [{"a": 2, "b": []}]}
    assert _asdict(doc) == plain(doc)


def test_clause_bounds_equal_the_finds(own_texts):
    from shiju.text.sentences import _CLAUSE_PUNCT, clause_bounds

    def finds(text, start, end):
        cs = max(text.rfind(p, 0, start) for p in _CLAUSE_PUNCT) + 1
        ce = min((k for k in (text.find(p, end) for p in _CLAUSE_PUNCT) if k >= 0), default=len(text))
        return cs, ce

    long = "没有标点" * 200 + "，" + "也没有" * 100
    for t in own_texts[::2] + [long, "", "，", "a,b"]:
        for start in list(range(0, len(t) + 1, 7)) + [len(t)]:
            for end in (start, min(len(t), start + 3)):
                assert clause_bounds(t, start, end) == finds(t, start, end)


def _place_spans_reference(tp, text: str, lo: int, hi: int) -> list[tuple[int, int]]:
    out, k = [], lo
    while k < hi:
        w = tp._places.longest_at(text, k)
        if w and k + len(w) <= hi:
            out.append((k, k + len(w)))
            k += len(w)
        else:
            k += 1
    return out


def test_target_place_spans_equal_the_per_position_loop(own_sentences):
    # spans() jumps to the next place by one regex search; the loop tried every position. Windows that
    # cut a place name in two (hi inside it) are where the two could differ.
    import random

    from shiju.context import AnalysisContext
    from shiju.events.places import get_target_places

    tp = get_target_places(AnalysisContext())
    rng = random.Random(3)
    seen = 0
    for s in own_sentences[::2]:
        for lo, hi in ((0, len(s)), (rng.randint(0, len(s)), len(s)), (0, rng.randint(0, len(s)))):
            got = tp.spans(s, lo, hi)
            assert got == _place_spans_reference(tp, s, lo, hi)
            seen += len(got)
    for name in list(tp.places)[:200]:  # a place cut by the window's end, and two in a row
        text = "在" + name + name + "遭到袭击"
        for hi in range(len(text) + 1):
            assert tp.spans(text, 0, hi) == _place_spans_reference(tp, text, 0, hi)
    assert seen > 20


def test_relation_patterns_match_only_where_a_required_literal_is(own_sentences):
    # relations skip a pattern on a sentence without any of its literals: every match must hold one.
    # The sentences with some stretches masked as mentions are (a superset of) what the patterns read.
    import random

    from shiju.relations import _PH, load_lexicon

    lex = load_lexicon(None)
    assert all(p.literals for p in lex.patterns)  # (else the gate does nothing for that pattern)
    rng = random.Random(5)
    matched = 0
    for s in own_sentences:
        t = list(s)
        for _ in range(rng.randint(1, 4)):
            k = rng.randrange(len(t))
            t[k:k + rng.randint(1, 3)] = [_PH]
        for text in (s, "".join(t)):
            for p in lex.patterns:
                if p.regex.search(text):
                    matched += 1
                    assert any(x in text for x in p.literals), (p.regex.pattern, text)
    assert matched > 20
