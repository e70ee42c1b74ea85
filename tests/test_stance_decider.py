"""Stance decider (shiju.stance_decider): its features carry offsets into the comment, a malformed model
file fails naming the file, retraining on a fixture is deterministic, and without a model (or with it
switched off) the cue rules decide alone. Accuracy is measured on gold (`shiju eval`), not asserted here."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from shiju.context import AnalysisContext
from shiju.data import data_path
from shiju.model import Comment, Document
from shiju.pipeline import Pipeline
from shiju.reactions import load_lexicon, reply_tree, rules_only, stance_traces
from shiju.stance_decider import (LABELS, DeciderModel, StanceModelError, document_features, load_decider, main,
                                  report_pairs, train)

BODY = "韩国国家情报院25日称，朝鲜已向俄罗斯派兵。"


def _doc(texts: list[str]) -> Document:
    return Document(id="d", source="t", format="t", body=BODY, published="2024-10-25",
                    comments=[Comment(id=f"c{i}", author=f"u{i}", text=t, reply_to="c0" if i else None)
                              for i, t in enumerate(texts)])


@pytest.fixture(scope="module")
def pipe() -> Pipeline:
    return Pipeline()


def test_features_carry_offsets_into_the_comment(pipe: Pipeline) -> None:
    texts = ["普京真是无耻，朝鲜也跟着丢人现眼？", "中國外交部今天又發表聲明，真是笑死人了！"]
    p = Pipeline(stages=["normalize", "actors", "time", "quotes", "events", "relations"])
    doc = p(_doc(texts))
    traces = stance_traces(doc, p.ctx)
    feats = document_features(doc, traces, reply_tree(doc.comments), {"question": ("？",)})
    lex = load_lexicon(None)
    assert feats and {cid for cid, _ in feats} == {"c0", "c1"}
    for (cid, aid), f in feats.items():
        text = traces[cid]["text"]
        for name, (s, e) in f.items():
            assert 0 <= s < e <= len(text), (name, s, e)
            if name[:2] in ("k:", "s:", "c:"):
                assert text[s:e] in lex.cues  # a cue feature points at its cue word
            if name.startswith("n:") and not any(ch in name for ch in "ⒶⓄ"):
                assert text[s:e] == name[2:]  # an n-gram points at its characters
            if name == "bias":
                assert any(ms == s and me == e and a == aid for ms, me, a in traces[cid]["mentions"])
        assert any(k.startswith("r:") for k in f) and any(k.startswith("p:") for k in f) == (cid == "c1")
    # option `actor_prior` (shipped off: it won in CV and on fresh9 but read wrong on the corpus) adds the
    # actor's id and, for a person or body, its state; nothing else changes
    prior = document_features(doc, traces, reply_tree(doc.comments), {"question": ("？",)},
                              options=frozenset({"actor_prior"}))
    for key, f in feats.items():
        extra = {k: v for k, v in prior[key].items() if k not in f}
        assert "id:" + key[1] in extra and set(extra) <= {"id:" + key[1]} | {k for k in extra if k.startswith("cty:")}
    assert any("cty:RUS" in prior[k] for k in prior if k[1] == "per:vladimir-putin")
    # the stage's spans are offsets into the comment's original (here Traditional) text
    out = pipe(_doc(texts))
    for c in out.comments:
        assert c.stance
        for st in c.stance:
            assert 0 <= st.start < st.end <= len(c.text) and c.text[st.start:st.end].strip()


def test_model_predicts_with_the_decisive_span() -> None:
    w = {"bias": (0.0, 0.0, 0.5), "r:oppose": (-1.0, 2.0, -1.0), "k:-": (0.0, 0.4, 0.0), "k:+": (1.0, -0.5, 0.0)}
    m = DeciderModel(w, {})
    assert m.predict({"bias": (0, 2), "r:oppose": (3, 5), "k:-": (6, 8)}) == ("oppose", (3, 5))
    assert m.predict({"bias": (0, 2)}) == ("neutral", (0, 2))
    assert m.predict({"bias": (0, 2), "k:+": (4, 5)}) == ("support", (4, 5))


def test_training_is_deterministic_and_separates_a_toy_set() -> None:
    ex = [({"bias", "k:+"}, "support"), ({"bias", "k:-"}, "oppose"), ({"bias", "r:neutral"}, "neutral")] * 3
    w1, w2 = train(ex, epochs=100), train(ex, epochs=100)
    assert w1 == w2
    m = DeciderModel(w1, {})
    assert [m.predict({"bias": (0, 1), k: (1, 2)})[0] for k in ("k:+", "k:-", "r:neutral")] == list(LABELS)


GOLD = """documents:
- id: fx-1
  published: 2025-01-01
  body: 中国外交部发表声明。
  comments:
  - {id: c1, author: a, text: 美国真无耻，只会制裁别人}
  - {id: c2, author: b, text: 日本这次做得好，支持日本, reply_to: c1}
  - {id: c3, author: c, text: 美国国务院今天发表声明}
  stance:
  - {comment: c1, actor: USA, stance: oppose}
  - {comment: c2, actor: JPN, stance: support}
  - {comment: c3, actor: org:usa-department-of-state, stance: neutral}
- id: fx-2
  published: 2025-01-02
  body: 俄罗斯总统普京会见来访的朝鲜外相。
  comments:
  - {id: c1, author: a, text: 普京就是个独裁者}
  - {id: c2, author: b, text: 朝鲜加油，支持朝鲜}
  stance:
  - {comment: c1, actor: per:vladimir-putin, stance: oppose}
  - {comment: c2, actor: PRK, stance: support}
"""


def test_retraining_on_a_fixture_is_deterministic(tmp_path: Path) -> None:
    gold = tmp_path / "stance_fx.yaml"
    gold.write_text(GOLD, encoding="utf-8")
    shipped = data_path("stance", "decider.yaml").read_text(encoding="utf-8")
    head = shipped[:shipped.index("weights:")]
    outs = []
    for k in range(2):
        model = tmp_path / f"m{k}.yaml"
        model.write_text(head + "weights:\n  \"bias\": [0, 0, 0]\n", encoding="utf-8")
        assert main(["train", str(gold), "--model", str(model)]) == 0
        outs.append(model.read_text(encoding="utf-8"))
    assert outs[0] == outs[1]
    assert "# trained on 5 (comment, actor) pairs from 2 documents of stance_fx.yaml" in outs[0]
    data = tmp_path / "data"
    (data / "stance").mkdir(parents=True)
    (data / "stance" / "decider.yaml").write_text(outs[0], encoding="utf-8")
    m = load_decider(str(data))
    assert m is not None and m.enabled and "r:oppose" in m.weights


def test_bad_model_file_names_the_file(tmp_path: Path) -> None:
    (tmp_path / "stance").mkdir()
    assert load_decider(str(tmp_path)) is None  # no model: the cue rules alone
    (tmp_path / "stance" / "decider.yaml").write_text("weights: {bias: [1, 2]}\n", encoding="utf-8")
    with pytest.raises(StanceModelError, match="decider.yaml.*bias"):
        load_decider(str(tmp_path))
    (tmp_path / "stance" / "decider.yaml").write_text("weights: {bias: [1, 2, 3]}\ngroups: [a]\n", encoding="utf-8")
    with pytest.raises(StanceModelError, match="decider.yaml.*groups"):
        load_decider(str(tmp_path))


def _stances(p: Pipeline, texts: list[str]) -> list[dict[str, str]]:
    return [{s.actor: s.stance for s in c.stance} for c in p(_doc(texts)).comments]


def test_without_a_model_the_rules_decide(tmp_path: Path) -> None:
    texts = ["朝鲜的年轻人又被送去填战壕", "普京真无耻"]
    rules = Pipeline()
    rules_only(rules.ctx)
    expected = _stances(rules, texts)
    # a data directory with the packaged lexicons but no decider.yaml, then one switched off
    data = tmp_path / "data"
    shutil.copytree(data_path("stance", "lexicon.yaml").parents[1], data)
    (data / "stance" / "decider.yaml").unlink()
    assert _stances(Pipeline(ctx=AnalysisContext(data_dir=str(data))), texts) == expected
    shipped = data_path("stance", "decider.yaml").read_text(encoding="utf-8")
    (data / "stance" / "decider.yaml").write_text(shipped.replace("enabled: true", "enabled: false"), encoding="utf-8")
    assert _stances(Pipeline(ctx=AnalysisContext(data_dir=str(data))), texts) == expected


def test_shipped_model_keeps_most_news_reports_neutral() -> None:
    """Reporting is no stance: short sentences of our news gold posted as comments, beyond the 30 the
    model was trained on, come out neutral (measured over 30 sentences, not one)."""
    m = load_decider()
    assert m is not None and m.enabled
    files = [str(p) for p in sorted(Path(__file__).parent.joinpath("gold").glob("events_00[1-7].yaml"))]
    unseen = report_pairs(files + [str(Path(__file__).parent / "gold" / f) for f in
                                   ("actors_news.yaml", "quotes_news.yaml", "relations_news.yaml", "time_news.yaml")],
                          m.groups, 60, m.ngrams)[30:]
    assert len(unseen) == 30
    neutral = sum(m.predict(p.feats)[0] == "neutral" for p in unseen if p.feats is not None)
    assert neutral >= 24, neutral


def test_training_files_never_take_a_blind_file(tmp_path: Path) -> None:
    from shiju.stance_decider import training_files

    for name in ("stance_a.yaml", "stance_blind.yaml", "blind4_001.yaml", "fresh_b.yaml"):
        (tmp_path / name).write_text(GOLD, encoding="utf-8")
    got = training_files([str(tmp_path / "*.yaml"), str(tmp_path / "stance_a.yaml")])
    assert [Path(f).name for f in got] == ["fresh_b.yaml", "stance_a.yaml"]
    with pytest.raises(SystemExit, match="blind4_001.yaml.*never training data"):
        training_files([str(tmp_path / "blind4_001.yaml")])


def test_one_command_retrains_from_the_model_files_recipe(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """`train` without gold files reads the model file's `training:` block (globs, held-out ids), keeps
    it, and gives the same weights as the same files named on the command line."""
    (tmp_path / "gold").mkdir()
    (tmp_path / "gold" / "stance_fx.yaml").write_text(GOLD, encoding="utf-8")
    (tmp_path / "gold" / "stance_blind.yaml").write_text(GOLD.replace("fx-", "bl-"), encoding="utf-8")
    shipped = data_path("stance", "decider.yaml").read_text(encoding="utf-8")
    head = shipped[:shipped.index("\ntraining:") + 1]
    recipe = 'training:\n  gold: ["gold/*.yaml"]\n  exclude: "^fx-2$"\n  c: 1.0\n'
    monkeypatch.chdir(tmp_path)
    (tmp_path / "m.yaml").write_text(head + recipe + "weights:\n  \"bias\": [0, 0, 0]\n", encoding="utf-8")
    assert main(["train", "--model", "m.yaml"]) == 0
    once = (tmp_path / "m.yaml").read_text(encoding="utf-8")
    # 3 gold pairs (+ the unlisted context candidates when the shipped settings judge unnamed actors)
    assert "pairs from 1 documents of stance_fx.yaml, leaving out ids matching '^fx-2$'" in once
    assert "training:" in once and '"gold/*.yaml"' in once
    assert main(["train", "--model", "m.yaml"]) == 0
    assert (tmp_path / "m.yaml").read_text(encoding="utf-8") == once  # the recipe survives a retrain
    (tmp_path / "n.yaml").write_text(head + "weights:\n  \"bias\": [0, 0, 0]\n", encoding="utf-8")
    assert main(["train", "gold/stance_fx.yaml", "--exclude", "^fx-2$", "--model", "n.yaml"]) == 0
    weights = [line for line in once.splitlines() if line.startswith("  \"")]
    assert weights == [line for line in (tmp_path / "n.yaml").read_text(encoding="utf-8").splitlines()
                       if line.startswith("  \"")]


def _unnamed_doc() -> Document:
    return Document(id="u", source="t", format="t", title="普京称克里米亚是俄罗斯的一部分", body="俄罗斯总统普京18日发表讲话。",
                    published="2014-03-19",
                    comments=[Comment(id="c1", author="a", text="普京大帝威武！"),
                              Comment(id="c2", author="b", text="威武个屁，这叫明抢", reply_to="c1"),
                              Comment(id="c3", author="c", text="笑死"),
                              Comment(id="c4", author="d", text="乌克兰太惨了")])


def test_unnamed_actors_reach_a_comment_by_its_parent_or_by_a_thread_it_names_nobody_in() -> None:
    from shiju.stance_decider import context_candidates, document_context_features

    p = Pipeline(stages=["normalize", "actors", "time", "quotes", "events", "relations"])
    doc = p(_unnamed_doc())
    traces = stance_traces(doc, p.ctx)
    tree = reply_tree(doc.comments)
    cands = context_candidates(doc, traces, tree)
    assert "parent" in cands["c2"]["per:vladimir-putin"]  # the reply disputes its parent's subject
    assert "c1" not in cands or "per:vladimir-putin" not in cands["c1"]  # a named actor is no candidate
    assert {"per:vladimir-putin", "RUS"} & set(cands["c3"])  # names nobody: the thread's actors
    assert "c4" not in cands or not set(cands["c4"]) & {"per:vladimir-putin", "RUS"}  # names UKR: no thread
    feats = document_context_features(doc, traces, tree, {})
    # without the thread route (the shipped `context_thread: false`: it cost a third of the decider's time
    # for ~3 right pairs in leave-one-set-out CV) only what the parent reaches is judged, with the same features
    parent_only = document_context_features(doc, traces, tree, {}, thread=False)
    assert ("c2", "per:vladimir-putin") in parent_only and not any(cid == "c3" for cid, _ in parent_only)
    assert all(feats[k] == f for k, f in parent_only.items())
    for (cid, _), f in feats.items():
        text = traces[cid]["text"]
        assert all(k.startswith("C:") for k in f)  # weights apart from those of named actors
        assert all(0 <= s < e <= len(text) for s, e in f.values())


def test_a_context_model_lists_an_unnamed_actor_only_when_it_takes_a_side(tmp_path: Path) -> None:
    from shiju.stance_decider import decide

    p = Pipeline(stages=["normalize", "actors", "time", "quotes", "events", "relations"])
    doc = p(_unnamed_doc())
    traces = stance_traces(doc, p.ctx)
    named = {c.id: [s.actor for s in c.stance] for c in doc.comments}
    w = {"bias": (0.0, 0.0, 0.1), "C:bias": (0.0, 0.0, 0.5), "C:via:parent": (0.0, 1.0, 0.0)}
    decide(doc, traces, reply_tree(doc.comments), DeciderModel(w, {}, ngrams=False, context=True))
    c2 = next(c for c in doc.comments if c.id == "c2")
    extra = [s for s in c2.stance if s.actor not in named["c2"]]
    assert [(s.actor, s.stance) for s in extra] == [("per:vladimir-putin", "oppose")]
    assert 0 <= extra[0].start < extra[0].end <= len(c2.text)
    c3 = next(c for c in doc.comments if c.id == "c3")
    assert [s.actor for s in c3.stance] == named["c3"]  # thread candidates judged neutral are not listed
    doc2 = p(_unnamed_doc())  # switched off: only named actors
    traces2 = stance_traces(doc2, p.ctx)
    decide(doc2, traces2, reply_tree(doc2.comments), DeciderModel(w, {}, ngrams=False, context=False))
    assert {c.id: [s.actor for s in c.stance] for c in doc2.comments} == named


def test_sparse_training_matches_the_dense_gradient() -> None:
    import numpy as np

    ex = [({"bias", "a", "b"}, "support"), ({"bias", "b"}, "oppose"), ({"bias", "c"}, "neutral"),
          ({"bias", "a", "c"}, "support")]
    w = train(ex, epochs=5, rate=0.5, min_count=1)
    vocab = sorted(w)
    x = np.array([[1.0 if f in fs else 0.0 for f in vocab] for fs, _ in ex])
    y = np.array([[1.0 if lab == l else 0.0 for l in LABELS] for _, lab in ex])
    wd = np.zeros((len(vocab), 3))
    for _ in range(5):
        z = x @ wd
        e = np.exp(z - z.max(axis=1, keepdims=True))
        wd -= 0.5 * (wd / len(ex) + x.T @ (e / e.sum(axis=1, keepdims=True) - y) / len(ex))
    assert np.allclose(np.array([w[f] for f in vocab]), wd)


def test_leave_one_annotator_set_out_never_trains_on_the_set_it_scores(tmp_path: Path,
                                                                      capsys: pytest.CaptureFixture[str]) -> None:
    """`loso` holds out each annotator set (ours / fresh5 / …) in turn: a set whose pairs contradict the
    others is scored by a model that never saw it, so it scores badly; the report names every set."""
    from shiju.stance_decider import Pair, annotator_set, loso_predictions

    assert [annotator_set(s) for s in ("tests/gold/fresh5_forum_003.yaml", "fresh7_forum_001.yaml",
                                       "tests/gold/stance_dev5.yaml")] == ["fresh5", "fresh7", "ours"]
    ours = [Pair(f"o{i}", {"bias": (0, 1), "k:+": (1, 2)}, "support", "support", "stance_a.yaml") for i in range(6)]
    flipped = [Pair(f"f{i}", {"bias": (0, 1), "k:+": (1, 2)}, "oppose", "support", "fresh9_forum_001.yaml")
               for i in range(6)]
    pred = loso_predictions(ours + flipped, epochs=50)
    assert pred[:6] == ["oppose"] * 6 and pred[6:] == ["support"] * 6  # each set judged by the other
    (tmp_path / "stance_fx.yaml").write_text(GOLD, encoding="utf-8")
    (tmp_path / "fresh9_forum_001.yaml").write_text(GOLD.replace("fx-", "fr-"), encoding="utf-8")
    assert main(["loso", str(tmp_path / "stance_fx.yaml"), str(tmp_path / "fresh9_forum_001.yaml"),
                 "--epochs", "20", "--reports-max", "0"]) == 0
    out = capsys.readouterr().out
    assert "fresh9: 5 pairs" in out and "ours: 5 pairs" in out and "mean over sets" in out


def test_quoted_lines_are_another_voice_and_echoes_deny_the_parent() -> None:
    """With the `quoted_lines` option a reply's `> …` lines give `Q` features, not the commenter's own
    cue and verdict features, and an actor named only there is judged by the rest of the comment; with
    `echo`, a reply repeating its parent's words to deny them (威武个屁) says so. Every span stays inside
    the comment."""
    p = Pipeline(stages=["normalize", "actors", "time", "quotes", "events", "relations"])
    doc = p(_doc(["普京大帝威武！", "> 普京大帝威武！\n威武个屁，这叫明抢，乌克兰招谁惹谁了"]))
    traces = stance_traces(doc, p.ctx)
    tree = reply_tree(doc.comments)
    plain = document_features(doc, traces, tree, {})
    opts = frozenset({"quoted_lines", "echo"})
    feats = document_features(doc, traces, tree, {}, options=opts, echo_after=("个屁", "？"))
    putin = next(aid for cid, aid in feats if cid == "c1" and aid.startswith("per:"))
    f, g = feats[("c1", putin)], plain[("c1", putin)]
    assert "onlyq" in f and any(k.startswith("Qr:") for k in f) and not any(k.startswith("Q") for k in g)
    text = traces["c1"]["text"]
    assert text[slice(*f["echo"])] == "威武个屁" and "echo&inparent" in f
    assert not any(k.startswith("n:") and "大帝" in k for k in f)  # the quoted words are not the commenter's
    assert any(k.startswith("n:") and "明抢" in k for k in f)  # …the rest of the comment is
    assert all(0 <= s < e <= len(text) for s, e in f.values())
    assert feats[("c0", putin)] == plain[("c0", putin)]  # a comment without quotes or parent: unchanged


def test_bad_options_in_the_model_file_name_the_file(tmp_path: Path) -> None:
    (tmp_path / "stance").mkdir()
    (tmp_path / "stance" / "decider.yaml").write_text("weights: {bias: [1, 2, 3]}\noptions: [telepathy]\n",
                                                      encoding="utf-8")
    with pytest.raises(StanceModelError, match="decider.yaml.*options.*telepathy"):
        load_decider(str(tmp_path))
    (tmp_path / "stance" / "decider.yaml").write_text("weights: {bias: [1, 2, 3]}\noptions: [echo]\necho_after: [1]\n",
                                                      encoding="utf-8")
    with pytest.raises(StanceModelError, match="decider.yaml.*echo_after"):
        load_decider(str(tmp_path))
    (tmp_path / "stance" / "decider.yaml").write_text(
        "weights: {bias: [1, 2, 3]}\noptions: [echo, quoted_lines]\necho_after: [个屁]\n", encoding="utf-8")
    m = load_decider(str(tmp_path))
    assert m is not None and m.options == {"echo", "quoted_lines"} and m.echo_after == ("个屁",)


def test_pair_classes_break_the_errors_down(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Each gold pair gets its classes: a reply naming its actor is `named` + `reply`; a gold pair whose actor
    the comment does not name is `unnamed` with where the actor is (its parent: `unnamed:parent`); a pair no
    system output answers counts as neutral, so an unnamed polar pair is an error of both rules and model."""
    from shiju.stance_decider import classes_report, gold_pairs

    gold = tmp_path / "fresh9_forum_001.yaml"
    gold.write_text(GOLD + """- id: fx-3
  published: 2025-01-03
  body: 美国宣布对伊朗实施新制裁。
  comments:
  - {id: c1, author: a, text: 美国又在霸凌别国}
  - {id: c2, author: b, text: 说得对，太无耻了, reply_to: c1}
  stance:
  - {comment: c1, actor: USA, stance: oppose}
  - {comment: c2, actor: USA, stance: oppose}
""", encoding="utf-8")
    pairs = gold_pairs([str(gold)], {})
    by = {(p.doc, p.classes[0]): p for p in pairs}
    named_reply = next(p for p in pairs if p.doc == "fx-1" and p.gold == "support")
    assert named_reply.classes[:2] == ("named", "reply")
    unnamed = by[("fx-3", "unnamed")]
    assert "unnamed:parent" in unnamed.classes and "reply" in unnamed.classes and unnamed.rule == "neutral"
    lines = classes_report(pairs, [p.rule for p in pairs])
    row = next(x for x in lines if x.strip().startswith("unnamed:parent"))
    assert row.split()[1:] == ["1", "1.00", "0.000", "0.000"]
    assert "short" in unnamed.classes  # 说得对，太无耻了: a one-line verdict
    # the polar pairs called neutral, by reason: the reply's actor is not found in it (reached by the parent)
    assert any(x.split()[-2:] == ["linked", "(parent)"] for x in lines)
    assert main(["loso", str(gold), "--epochs", "5", "--reports-max", "0", "--classes"]) == 0
    assert "gold (rows) x predicted" in capsys.readouterr().out


def test_parent_labels_give_an_unnamed_actor_its_parents_decided_stance(tmp_path: Path) -> None:
    """With `parent_labels`, an actor a reply reaches through its parent carries the stance the model
    decided in the parent (a weight on `C:pm:support` then flips it: 普京大帝威武 → 威武个屁 opposes him);
    `context_min_prob` keeps an unnamed actor out unless its label is that probable; a bad value names the
    file; training keeps the named actors' weights as without context candidates."""
    from shiju.stance_decider import decide, fit, Pair

    p = Pipeline(stages=["normalize", "actors", "time", "quotes", "events", "relations"])
    w = {"bias": (0.0, 0.0, 0.1), "r:support": (2.0, 0.0, 0.0), "C:bias": (0.0, 0.0, 0.5),
         "C:pm:support": (0.0, 1.0, 0.0)}
    runs = {}
    for opts, min_prob in ((frozenset(), 0.0), (frozenset({"parent_labels"}), 0.0),
                           (frozenset({"parent_labels"}), 0.9)):
        doc = p(_unnamed_doc())
        traces = stance_traces(doc, p.ctx)
        decide(doc, traces, reply_tree(doc.comments),
               DeciderModel(w, {}, ngrams=False, context=True, options=opts, context_min_prob=min_prob))
        c2 = next(c for c in doc.comments if c.id == "c2")
        runs[(bool(opts), min_prob)] = {s.actor: s.stance for s in c2.stance}
        for s in c2.stance:
            assert 0 <= s.start < s.end <= len(c2.text)
    assert "per:vladimir-putin" not in runs[(False, 0.0)]  # without the parent's stance: nothing to go on
    assert runs[(True, 0.0)].get("per:vladimir-putin") == "oppose"
    assert "per:vladimir-putin" not in runs[(True, 0.9)]  # oppose at p ~0.6 < 0.9: not listed
    (tmp_path / "stance").mkdir()
    (tmp_path / "stance" / "decider.yaml").write_text("weights: {bias: [1, 2, 3]}\ncontext_min_prob: 2\n",
                                                      encoding="utf-8")
    with pytest.raises(StanceModelError, match="decider.yaml.*context_min_prob"):
        load_decider(str(tmp_path))
    named = [Pair("d1", {"bias": (0, 1), "k:+": (0, 1)}, "support", "support"),
             Pair("d2", {"bias": (0, 1), "k:-": (0, 1)}, "oppose", "oppose")]
    ctx = [Pair("d1", {"C:bias": (0, 1), "C:via:parent": (0, 1)}, "oppose", "neutral",
                pfeats={"bias": (0, 1), "k:+": (0, 1)}),
           Pair("d2", {"C:bias": (0, 1), "C:via:parent": (0, 1)}, "neutral", "neutral", implicit=True,
                pfeats={"bias": (0, 1), "k:-": (0, 1)})]
    alone, both = fit(named, epochs=50, min_count=1), fit(named + ctx, epochs=50, min_count=1)
    assert {k: v for k, v in both.items() if not k.startswith("C:")} == alone
    assert both["C:pm:support"][1] > both["C:pm:support"][2]  # the reply to a supporter opposes


def test_window_option_reads_the_words_next_to_each_actor() -> None:
    """Option `window` (session 12): n-grams of the characters right after (R:) and before (L:) a mention, cut
    at the clause, names masked; the bigram after the mention is its predicate (R1:). Two actors of one
    sentence share the sentence n-grams but not their windows, so a weight on R1:加油 tells them apart."""
    p = Pipeline(stages=["normalize", "actors", "time", "quotes", "events", "relations"])
    doc = p(_doc(["普京完蛋了，泽连斯基加油"]))
    traces = stance_traces(doc, p.ctx)
    tree = reply_tree(doc.comments)
    plain = document_features(doc, traces, tree, {})
    feats = document_features(doc, traces, tree, {}, options=frozenset({"window"}))
    text = traces["c0"]["text"]
    ze, pu = feats[("c0", "per:volodymyr-zelensky")], feats[("c0", "per:vladimir-putin")]
    assert "R1:加油" in ze and "R1:加油" not in pu and "R1:完蛋" in pu and "R1:完蛋" not in ze
    assert "R:加" in ze and not any(k.startswith("R:") and "加" in k for k in pu)  # cut at the comma
    s, e = ze["R1:加油"]
    assert text[s:e] == "加油"
    for key, f in feats.items():  # the option only adds features; every one points into the comment
        assert {k: v for k, v in f.items() if k in plain[key]} == plain[key]
        for name, (s, e) in f.items():
            assert 0 <= s < e <= len(text), name
            if name.startswith(("R:", "L:")) and "Ⓐ" not in name and "Ⓞ" not in name:
                assert text[s:e] == name[2:]
    m = DeciderModel({"bias": (0.0, 0.0, 0.5), "R1:加油": (2.0, -1.0, 0.0), "R1:完蛋": (-1.0, 2.0, 0.0)}, {})
    assert m.predict(ze)[0] == "support" and m.predict(pu)[0] == "oppose"
    assert m.predict(plain[("c0", "per:volodymyr-zelensky")])[0] == "neutral"  # without the option: no window
