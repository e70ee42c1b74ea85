"""Session 8: the speaker chooser's `unlinked: inside` guard, the words-head features, grouped-CV training
and the quotes benchmark's variants. Each behaviour is tested both ways."""
from __future__ import annotations

import dataclasses

import pytest

from shiju import quote_chooser as qc
from shiju import quotes
from shiju.evaluation import gold_document
from shiju.pipeline import Pipeline


def _cands():
    return [qc.Candidate("USA", 0, 2, ("near",)),  # a nearby actor outside the rules' words
            qc.Candidate("GBR", 5, 7, ("inspk", "inner")),  # an actor inside the rules' unlinked words
            qc.Candidate(None, None, None, ("NONE",))]


def test_inside_guard_limits_unlinked_words_to_actors_inside_them():
    m = qc.ChooserModel(enabled=True, apply="fill", weights={"near": 3.0, "inner": 1.0}, unlinked="any")
    # the rules found words they could not link (rule = the "none" option, index 2)
    assert qc.choose(m, _cands(), 2, False, words=True) == 0  # no guard: the nearby actor
    guarded = dataclasses.replace(m, unlinked="inside")
    assert qc.choose(guarded, _cands(), 2, False, words=True) == 1  # guard: only the actor inside the words
    # no words found by the rules (an elided subject): the guard does not apply
    assert qc.choose(guarded, _cands(), 2, False, words=False) == 0
    # the rules linked a speaker: `fill` keeps it whatever the guard
    assert qc.choose(guarded, _cands(), 0, True, words=True) == 0


def test_inside_guard_may_still_name_nobody():
    m = qc.ChooserModel(enabled=True, apply="all", weights={"near": 3.0, "NONE": 4.0}, unlinked="inside")
    assert qc.choose(m, _cands(), 2, False, words=True) == 2


@pytest.mark.parametrize("body, ok", [
    ("enabled: true\napply: fill\nweights: {}\n", "any"),  # files written before the key: no guard
    ("enabled: true\napply: fill\nunlinked: inside\nweights: {}\n", "inside"),
    ("enabled: true\napply: fill\nunlinked: nearby\nweights: {}\n", None),
])
def test_unlinked_key_parsed_or_refused_naming_the_file(tmp_path, body, ok):
    p = tmp_path / "chooser.yaml"
    p.write_text(body, encoding="utf-8")
    if ok is None:
        with pytest.raises(qc.ChooserError) as e:
            qc.load_chooser(p)
        assert str(p) in str(e.value) and "unlinked" in str(e.value)
    else:
        assert qc.load_chooser(p).unlinked == ok


def test_shipped_chooser_has_the_guard_key():
    m = qc.load_chooser()
    assert m.unlinked in qc.UNLINKED


_WORDS = ("伊朗常驻联合国代表团发言人表示，“此事已经结束”。\n"
          "韩国学者金某表示，“这是一个严重的错误”。\n")


def _candidates_of(text):
    """The chooser's candidates of every quote the stage emits on ``text`` (captured through its hook)."""
    doc = Pipeline(("normalize", "actors", "time"))(gold_document({"id": "t", "body": text}))
    cap = []
    real = qc.choose

    def hook(model, cands, rule, linked, where=None, words=False):
        cap.append((list(cands), rule, words))
        return rule
    qc.choose = hook
    try:
        lex = quotes.load_lexicon()
        by_part = quotes._mentions_by_part(doc)
        for part, _ in doc.parts():
            quotes.analyse_part(doc, part, lex, lambda a, b: None, by_part, None,
                                qc.ChooserModel(enabled=True, apply="all", weights={}))
    finally:
        qc.choose = real
    return cap


def test_words_head_features_tell_a_voice_from_a_person():
    """A state inside an institution's voice (代表团发言人) and inside a scholar's description (韩国学者) get
    different head features, so a chooser can learn that only the first speaks for the state."""
    cap = _candidates_of(_WORDS)
    feats = [f for cands, _, _ in cap for c in cands for f in c.features]
    heads = {f for f in feats if f.startswith("inspk&head:")}
    assert "inspk&head:voice" in heads and heads & {"inspk&head:member", "inspk&head:person"}


def test_bench_quotes_is_registered():
    import importlib

    mod = importlib.import_module("benchmarks.bench_quotes")
    assert callable(mod.run)


def _quotes(text):
    doc = Pipeline(("normalize", "actors", "time", "quotes"))(gold_document({"id": "t", "body": text}))
    for q in doc.quotes:  # the offsets invariant, for every quote and speaker span
        assert doc.part_text(q.part)[q.start:q.end] == q.text
        if q.speaker_start is not None:
            assert doc.part_text(q.part)[q.speaker_start:q.speaker_end] == q.speaker_text
    return {q.text: q for q in doc.quotes}


def test_a_date_after_the_subject_ends_it():
    """X + date + predicate + cue: the date closes the speaker's noun phrase (the rules once took
    英国外交部发言人11月 for unnamed words)."""
    got = _quotes("英国外交部发言人11月11日表示，“我们对持续的暴力事件深感关切”。")
    assert got["我们对持续的暴力事件深感关切"].speaker == "GBR"
    got = _quotes("英国外交部发言人表示，“我们对持续的暴力事件深感关切”。")  # no date: as before
    assert got["我们对持续的暴力事件深感关切"].speaker == "GBR"
    # a date opening the sentence is no cut inside the subject
    got = _quotes("11日，英国外交部发言人表示，“我们对持续的暴力事件深感关切”。")
    assert got["我们对持续的暴力事件深感关切"].speaker == "GBR"


def test_a_states_delegation_speaks_for_it_a_scholar_does_not():
    got = _quotes("伊朗常驻联合国代表团发表声明说，“这一指控是严重的错误，此事已经结束”。")
    assert got["这一指控是严重的错误，此事已经结束"].speaker == "IRN"
    got = _quotes("伊朗学者阿里表示，“这一指控是严重的错误，此事已经结束”。")
    assert got["这一指控是严重的错误，此事已经结束"].speaker != "IRN"


def test_the_speakers_own_side_inside_their_speech_is_not_a_new_speaker():
    """X说，墨方…，并称“…”: the state word opening a clause of X's speech does not take the later cue;
    X does. A person acting there may be the next speaker, and stays so."""
    got = _quotes("墨西哥总统洛佩斯·奥夫拉多尔8日说，墨方愿意为此提供帮助，并称这是“一个出于人道主义的决定”。")
    assert got["一个出于人道主义的决定"].speaker == "per:andres-manuel-lopez-obrador"
    got = _quotes("墨方愿意为此提供帮助，并称这是“一个出于人道主义的决定”。")  # no speaker opened speech: as before
    assert got["一个出于人道主义的决定"].speaker == "MEX"
    got = _quotes("蓬佩奥在回忆录中写道：第一次见面，金正恩客气地称呼了他的职务，并对他说：“没想到你会来，我知道你想杀了我。”")
    q = next(q for t, q in got.items() if t.startswith("没想到你会来"))
    assert q.speaker != "per:mike-pompeo"


def test_an_outlets_byline_at_the_body_start_is_no_speaker():
    text = "澎湃新闻记者 综合报道 韩国总统尹锡悦3日晚发表讲话，称此举是为了“守护自由宪政秩序，铲除反国家势力”。"
    got = _quotes(text)
    assert got["守护自由宪政秩序，铲除反国家势力"].speaker == "per:yoon-suk-yeol"
    # the same words further into the body are no byline: the rules as before
    from shiju import quotes as qs
    assert qs._BYLINE_RE.match(text) is not None
    assert qs._BYLINE_RE.match("他指出，" + text) is None
    assert qs._BYLINE_RE.match("据环球时报报道，韩国总统尹锡悦3日晚发表讲话") is None


def test_one_command_retrains_the_chooser_too():
    """python -m shiju.train_quotes: detector, then the indirect decider, then the chooser on the quotes the new
    detector emits, each on every non-blind quote gold set (freshN included)."""
    from shiju import train_quotes

    steps = train_quotes.commands("2000-01-01")
    assert [m for m, _ in steps] == ["shiju.train_quote_detector", "shiju.train_quote_indirect",
                                     "shiju.train_quote_chooser"]
    chooser_argv = steps[-1][1]
    assert "tests/gold/fresh[0-9]*_*.yaml" in chooser_argv and "--out" in chooser_argv
    assert chooser_argv[chooser_argv.index("--enable") + 1] == "no"
