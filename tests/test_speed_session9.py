"""Session 9's fast paths give exactly the answers of the plain code they replaced (each plain version is
written here and compared, on generated text and on our own gold sentences; ../shared is not needed),
and switched-off models are not parsed by the pipeline but still decide when a test or trainer sets one.
"""
from __future__ import annotations

import random
import re
from pathlib import Path

import pytest
import yaml

from shiju.context import AnalysisContext

REPO = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def own_sentences(gold_sentence_sample: list[str]) -> list[str]:
    return gold_sentence_sample


# -- events lexicon: every literal trigger at every start, the longest there ---------------------------

def test_lexicon_find_equals_a_regex_search_at_every_start(own_sentences):
    from shiju.events.coder import get_lexicon
    from shiju.text.words import trie_pattern

    lex = get_lexicon(AnalysisContext())
    lits = {w: t for lst in lex._by_first.values() for w, t in lst}
    lit_re = re.compile(trie_pattern(lits))

    def plain(text: str) -> list[tuple[int, int, object]]:
        # session 8's find: the longest literal at each start by a prefix-tree regex searched from every
        # start, then every match of every regex trigger, leftmost-longest without overlaps
        cands, m = [], lit_re.search(text)
        while m is not None:
            cands.append((m.start(), m.end(), lits[m.group()]))
            m = lit_re.search(text, m.start() + 1)
        cands += [(m.start(), m.end(), t) for t, _ in lex._regex_first for m in t.regex.finditer(text)]
        cands.sort(key=lambda c: (c[0], -(c[1] - c[0])))
        out, end = [], -1
        for s, e, t in cands:
            if s >= end:
                out.append((s, e, t))
                end = e
        return out

    rng = random.Random(9)
    words = sorted(lits)
    # literals glued together, some cut short, so that matches overlap, nest and touch
    generated = ["".join(w[:rng.randint(1, len(w))] + rng.choice(["", "", "国", "，"])
                         for w in rng.sample(words, rng.randint(1, 6))) for _ in range(2000)]
    n = 0
    for text in own_sentences + generated:
        want = plain(text)
        assert lex.find(text) == want, text
        n += bool(want)
    assert n > 1500  # the comparison saw many texts with triggers


# -- events chooser: the marker words before / after a mention -----------------------------------------

def test_chooser_markers_by_character_equal_the_list_scan(own_sentences):
    from shiju.events import chooser

    cfg = chooser.get_model(AnalysisContext()).config
    rng = random.Random(9)
    alphabet = sorted({ch for w in cfg.before + cfg.after for ch in w}) + list("国的，。")
    texts = own_sentences[:1000] + ["".join(rng.choice(alphabet) for _ in range(rng.randint(0, 20)))
                                    for _ in range(1000)]
    seen = 0
    for text in texts:
        for s in range(len(text) + 1):
            cs = rng.randint(0, s)
            want = next((w for w in cfg.before if text.endswith(w, max(cs, s - len(w)), s)), None)
            got = next((w for w in cfg.before_by_last.get(text[s - 1:s], ())
                        if text.endswith(w, max(cs, s - len(w)), s)), None)
            assert got == want, (text, s, cs)
            want = next((w for w in cfg.after if text.startswith(w, s)), None)
            got = next((w for w in cfg.after_by_first.get(text[s:s + 1], ()) if text.startswith(w, s)), None)
            assert got == want, (text, s)
            seen += want is not None
    assert seen > 1000


def test_chooser_punctuation_positions_equal_the_character_loop(own_sentences):
    from shiju.events.chooser import index_document
    from shiju.model import Document

    text = "\n".join(own_sentences[:300]) + "a;b:c，；"
    doc = Document(id="p", source="t", format="text", body=text)
    ix = index_document(doc)
    simplified = doc.view("body").simplified
    for punct in ("，,；;：:", "。", "[]^-\\", ""):
        assert ix.punct_positions(doc, "body", punct) == [i for i, ch in enumerate(simplified) if ch in punct]


# -- switched-off models -------------------------------------------------------------------------------

@pytest.mark.parametrize("content,off", [
    ("# a comment\nenabled: false\nweights: {}\n", True),
    ("enabled: False  # shipped off\n", True),
    ("enabled: true\n", False),
    ("weights:\n  enabled: false\n", False),  # not a top-level key
    ("bias: [1]\n", False),
    ("enabled: [\n", False),  # malformed: the full loader reports it
])
def test_switched_off_reads_the_top_level_flag(tmp_path, content, off):
    from shiju.data import switched_off

    f = tmp_path / "m.yaml"
    f.write_text(content, encoding="utf-8")
    assert switched_off(f) is off
    assert switched_off(tmp_path / "missing.yaml") is False


def test_a_switched_off_typer_is_not_parsed_but_a_model_set_on_the_context_decides():
    import dataclasses

    from shiju.events import typer
    from shiju.pipeline import Pipeline

    shipped_off = yaml.safe_load(
        (REPO / "src/shiju/data/events/typer.yaml").read_text(encoding="utf-8")).get("enabled") is False
    p = Pipeline(["normalize", "actors", "time", "quotes", "events"])
    p(__import__("shiju.model", fromlist=["Document"]).Document(
        id="t", source="t", format="text", body="中国外交部21日宣布召回驻立陶宛大使。"))
    if shipped_off:
        assert "events.typer" not in p.ctx._resources  # its weights were never parsed
        assert typer.is_enabled(p.ctx) is False
    model = typer.get_model(AnalysisContext())
    typer.use_model(p.ctx, dataclasses.replace(model, enabled=True))
    assert typer.is_enabled(p.ctx) is True
    typer.use_model(p.ctx, dataclasses.replace(model, enabled=False))
    assert typer.is_enabled(p.ctx) is False


def test_a_switched_off_stance_backoff_is_not_parsed():
    from shiju.model import Comment, Document
    from shiju.pipeline import Pipeline

    shipped_off = yaml.safe_load(
        (REPO / "src/shiju/data/stance/backoff.yaml").read_text(encoding="utf-8")).get("enabled") is False
    p = Pipeline()
    doc = p(Document(id="m", source="m", format="t", body="各方发表评论。", published="2025-01-01",
                     comments=[Comment(id="c1", author="u", text="英国又被晾在一边了")]))
    assert doc.comments[0].stance is not None
    if shipped_off:
        assert "reactions.backoff:" not in p.ctx._resources


# -- model files: the weights block read line by line --------------------------------------------------

def _typed(x):
    """A structure comparable with its types (1 == 1.0 == True otherwise)."""
    if isinstance(x, dict):
        return ("d", [(_typed(k), _typed(v)) for k, v in x.items()])
    if isinstance(x, list):
        return ("l", [_typed(v) for v in x])
    return (type(x).__name__, repr(x))


def _yaml(text: str):
    return yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))


def test_every_packaged_data_file_parses_as_libyaml_reads_it():
    from shiju.data import DATA_DIR, _weights_fast, parse_yaml

    fast = 0
    for f in sorted(DATA_DIR.rglob("*.yaml")):
        text = f.read_text(encoding="utf-8")
        assert _typed(parse_yaml(text)) == _typed(_yaml(text)), f
        fast += _weights_fast(text) is not None
    assert fast >= 5  # the learned models' files take the fast path


@pytest.mark.parametrize("text", [
    'a: 1\nweights:\n  "x": [1, -0.5, 0.0]\n  "y": -0.0\n  "z": "1 2 3"\n',
    'weights:  # feature: weight\n  "x": 1\n\n  # a comment\n# at column 0\n  "y": 2\nafter: [1, 2]\n',
    'weights:\n  "C:n:\\nⓄ": [1, 2]\n  "x": [0.25, 3]\n',  # an escaped key: that line by libyaml
    'weights:\n  yes: 1\n  "2": 2\n  3: 3\n  null: 4\n',  # plain keys resolve as YAML resolves them
    'weights:\n  "x": 1e-3\n  "y": 01\n  "z": +1\n  "w": .5\n  "v": 1.\n',  # numbers libyaml reads its way
    'weights:\n  "x": [1,\n    2]\n',  # a value over two lines
    'weights:\n  "x": 1  # trailing comment\n',
    'weights:\n  "x": 1\n  "x": 2\n',  # a repeated key: the last wins, at the first's place
    'a: &A 1\nweights:\n  "x": 1\nb: *A\n',  # an anchor
    'weights: {}\n', 'weights:\n', 'x:\n  weights:\n    "a": 1\n', 'weights:\n  "x": 1\nweights:\n  "y": 2\n',
    '---\nweights:\n  "x": 1\n...\n', 'weights:\n  "x": 1\r\n', 'a: [1,\nweights:\n  "x": 1\n',
])
def test_weights_fast_path_equals_libyaml(text):
    from shiju.data import parse_yaml

    try:
        want = _yaml(text)
    except yaml.YAMLError:
        with pytest.raises(yaml.YAMLError):
            parse_yaml(text)
        return
    assert _typed(parse_yaml(text)) == _typed(want)
