"""Fuzzing the stages (issue 11): any Document a reader can produce — from garbled forum markdown,
JSON with escaped control characters, HTML, text full of emoji, combining marks, NUL and unclosed
quotes — goes through every stage without an exception, and every span the stages write satisfies
``part_text[start:end] == text``.

Stages are run as `shiju analyze` runs them (the whole pipeline, in order) and also each one alone
after normalisation, since a stage must not depend on an earlier one having found something.
"""
from __future__ import annotations

import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from _hostile import PINCONG_MD, WEIRD
from shiju.model import Document
from shiju.pipeline import DEFAULT_STAGES, Pipeline
from shiju.readers import ReadError, ReadOptions
from shiju.readers.detect import read_text

SETTINGS = settings(max_examples=50, deadline=None, suppress_health_check=list(HealthCheck))

# Pieces of news and forum text with the constructs the stages look for (speech verbs, quote marks,
# dates, actor names in both scripts, negation, relations), plus the characters that break offsets.
PIECES = [
    "美国国务卿布林肯", "周二", "2023年3月10日", "上个月", "表示", "说：", "：“", "”", "「", "」", "『", "』", "\"",
    "中国外交部发言人", "强烈谴责", "宣布对", "实施制裁", "没有", "如果", "将会", "会见", "韩国总统尹锡悦", "北约",
    "乌克兰", "俄罗斯", "是", "的盟友", "与", "签署协议", "。", "，", "！", "？", "\n", "\n\n", "普京", "習近平", "臺灣",
    "美日同盟", "支持", "反对", "川普", "他", "双方", "据报道", "——", "…", "(", ")", "（", "）", "10日", "明年",
    "联合国安理会", "威胁", "援助", "撤军", "抗议", "要求", "拒绝", "@网友:", "> 引用", "呵呵", "🤡", "👍", "e\u0301",
    "\u200b", "\u3000", " ", "\t", "ＡＢＣ", "G7", "NATO", "AUKUS", "1989", "6·4",
] + WEIRD
text_st = st.lists(st.sampled_from(PIECES), max_size=60).map("".join)
comments_st = st.lists(st.tuples(st.sampled_from(["甲", "乙", "丙", "乙\t\n甲"]), text_st), max_size=4)


def _pincong(body: str, comments: list[tuple[str, str]]) -> str:
    head = PINCONG_MD.split("\n\n", 1)[0]  # the front matter of the seed
    out = [head, "", body, ""]
    for author, text in comments:
        out += ["            ", f"### 品葱用户 **{author}** 评论于 2021-03-18", "        ", text, ""]
    return "\n".join(out)


@st.composite
def reader_documents(draw) -> list[Document]:
    """Documents built by a real reader from generated input (what `shiju analyze` would analyse)."""
    body = draw(text_st)
    comments = draw(comments_st)
    fmt = draw(st.sampled_from(["pincong-md", "markdown", "text", "html", "jsonl", "json"]))
    if fmt == "pincong-md":
        raw = _pincong(body, comments)
    elif fmt == "markdown":
        raw = "---\ntitle: " + draw(text_st).replace("\n", " ") + "\ndate: 2022-02-24\n---\n\n" + body
    elif fmt == "html":
        raw = "<html><body>" + "".join(f"<p>{x}</p>" for x in body.split("\n")) + "</body></html>"
    elif fmt == "text":
        raw = body
    else:  # JSON can carry any control character, NUL included, through escapes
        extra = draw(st.text(alphabet=st.characters(max_codepoint=0x1F), max_size=4))
        rec = {"text": body + extra + draw(text_st), "title": draw(text_st), "date": "2021-06-01"}
        raw = json.dumps(rec, ensure_ascii=draw(st.booleans())) + ("\n" if fmt == "jsonl" else "")
    docs = []
    try:
        for item in read_text(raw, "<fuzz>", fmt, ReadOptions(default_date="2021-06-01")):
            if isinstance(item, Document):
                docs.append(item)
    except ReadError:
        pass
    return docs


def check_spans(doc: Document) -> int:
    """Every span of every stage is addressable; returns how many spans were checked."""
    n = 0

    def at(part: str, start: int | None, end: int | None, text: str | None, what: str) -> None:
        nonlocal n
        src = doc.part_text(part)
        assert start is not None and end is not None and 0 <= start <= end <= len(src), (what, start, end)
        assert src[start:end] == text, (what, src[start:end], text)
        n += 1

    for a in doc.actors:
        for m in a.mentions:
            at(m.part, m.start, m.end, m.text, f"actor {a.id}")
    for t in doc.times:
        at(t.part, t.start, t.end, t.text, "time")
    for q in doc.quotes:
        at(q.part, q.start, q.end, q.text, "quote")
        if q.speaker_start is not None or q.speaker_end is not None:
            at(q.part, q.speaker_start, q.speaker_end, q.speaker_text, "quote speaker")
    for e in doc.events:
        at(e.part, e.start, e.end, e.sentence, f"event {e.type}")
        if e.trigger_start is not None:
            at(e.part, e.trigger_start, e.trigger_end, e.trigger, "event trigger")
        for ev in e.evidence:
            at(ev.part, ev.start, ev.end, ev.sentence, "event evidence")
    for r in doc.relations:
        at(r.part, r.start, r.end, r.sentence, f"relation {r.type}")
    for c in doc.comments:
        for s in c.stance:
            assert 0 <= s.start <= s.end <= len(c.text), ("stance", s)
    # the record is what the store and --json write
    json.dumps(doc.to_dict(), ensure_ascii=False).encode("utf-8")
    return n


@pytest.fixture(scope="module")
def pipelines() -> dict[str, Pipeline]:
    full = Pipeline(DEFAULT_STAGES)
    out = {"all": full}
    for s in DEFAULT_STAGES[1:]:
        # each stage alone after normalisation, sharing the full pipeline's loaded resources
        out[s] = Pipeline(["normalize", s], ctx=full.ctx)
    return out


@SETTINGS
@given(reader_documents())
def test_full_pipeline_never_raises_and_spans_hold(pipelines, docs: list[Document]):
    for doc in docs:
        check_spans(pipelines["all"](doc))


@pytest.mark.parametrize("stage", DEFAULT_STAGES[1:])
@settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck))
@given(docs=reader_documents())
def test_each_stage_alone_never_raises_and_spans_hold(pipelines, stage: str, docs: list[Document]):
    for doc in docs:
        check_spans(pipelines[stage](doc))


def test_pipeline_on_extreme_documents(pipelines):
    """Hand-picked extremes: empty, whitespace, only punctuation, NUL, one huge sentence, deep quotes."""
    bodies = ["", " ", "\n\n\n", "。。。。", "“”「」『』", "\x00美国\x00", "美" * 5000, "“" * 2000 + "美国说",
              "> " * 3000 + "美国宣布制裁俄罗斯。", ("美国总统拜登会见日本首相，" * 100) + "。",
              "".join(WEIRD) * 50, "说：“" * 500, "\u0301" * 100 + "中国"]
    checked = 0
    for body in bodies:
        doc = Document(id="x", source="<extreme>", format="text", body=body, published="2022-01-01")
        checked += check_spans(pipelines["all"](doc)) + 1
    assert checked >= len(bodies)


def test_a_long_single_line_through_the_pipeline(pipelines):
    # One example: the whole pipeline on a paragraph without a line break (the 10 MB reading test is in
    # test_fuzz_readers). Kept at 20,000 characters: the events and relations stages grow quadratically
    # with a document's length (80,000 characters take ~35 s and ~15 s), reported in the model card.
    line = ("美国总统拜登周二在白宫会见日本首相岸田文雄，双方讨论了地区安全问题。" * 1_000)[:20_000]
    doc = pipelines["all"](Document(id="long", source="<long>", format="text", body=line, published="2023-01-10"))
    assert check_spans(doc) > 0
