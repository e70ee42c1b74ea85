"""Documents for the Workbench tests, built by hand (text written for these tests), with hostile markup in
the places an attacker controls: title, author, body, comments, URLs, and a locally found actor's name.

Spans are placed by searching the text, so offsets always satisfy part_text[start:end] == text.
"""
from __future__ import annotations

from pathlib import Path

from shiju.model import (Actor, Comment, Document, Event, Evidence, Mention, Quote, Relation, Role, Stance, TimeExpr,
                         content_id)
from shiju.store import Store

SCRIPT = "<script>window.__pwned = 1</script>"
IMG = '<img src=x onerror="window.__pwned = 2">'
MDLINK = "[点这里看原文](javascript:window.__pwned=3)"
HOSTILE_NAME = '<svg onload="window.__pwned=4">'
# Signs that hostile text became markup (the escaped forms contain none of these).
INJECTED = ("<script>window.__pwned", "<img src=x", 'href="javascript:', "<svg onload", "onerror=\"window")

ACTORS = {
    "USA": dict(name="United States", name_zh="美国", type="state", country="USA", sector=None),
    "CHN": dict(name="China", name_zh="中国", type="state", country="CHN", sector=None),
    "TWN": dict(name="Taiwan", name_zh="台湾", type="state", country="TWN", sector=None),
    "per:antony-blinken": dict(name="Antony Blinken", name_zh="布林肯", type="person", country="USA", sector="GOV"),
    "per:wang-yi": dict(name="Wang Yi", name_zh="王毅", type="person", country="CHN", sector="GOV"),
}
ROLES = {"per:antony-blinken": [Role("office:usa-secretary-of-state", "美国国务卿", "2021-01-26", "2025-01-20")]}


def _at(text: str, s: str, nth: int = 0) -> tuple[int, int]:
    i = -1
    for _ in range(nth + 1):
        i = text.index(s, i + 1)
    return i, i + len(s)


class Builder:
    """Adds spans to a document by the text they cover."""

    def __init__(self, doc: Document):
        self.doc = doc
        self.n = 0

    def text(self, part: str) -> str:
        return self.doc.part_text(part)

    def actor(self, aid: str, surface: str, part: str = "body", nth: int = 0, **extra) -> "Builder":
        s, e = _at(self.text(part), surface, nth)
        a = self.doc.actor_by_id(aid)
        if a is None:
            meta = ACTORS.get(aid, {}) | extra
            a = Actor(id=aid, roles=list(ROLES.get(aid, [])), **meta)
            self.doc.actors.append(a)
        a.mentions.append(Mention(s, e, surface, part))
        return self

    def time(self, surface: str, value: str, part: str = "body") -> "Builder":
        s, e = _at(self.text(part), surface)
        self.doc.times.append(TimeExpr(surface, s, e, part, value=value, granularity="day"))
        return self

    def quote(self, speaker: str | None, speaker_text: str, surface: str, date: str, part: str = "body") -> "Builder":
        s, e = _at(self.text(part), surface)
        self.n += 1
        self.doc.quotes.append(Quote(f"q{self.n}", speaker, speaker_text, surface, True, "表示", s, e, part, date=date))
        return self

    def event(self, etype: str, sentence: str, actor: list[str], recipient: list[str], date: str, quad: int,
              intensity: float, trigger: str | None = None, part: str = "body", negated: bool = False,
              evidence: str | None = None) -> "Builder":
        text = self.text(part)
        s, e = _at(text, sentence)
        self.n += 1
        ev = Event(f"e{self.n}", etype, None, [], actor, recipient, date, None, negated, False, False, False,
                   sentence, s, e, part, cameo=None, quad=quad, intensity=intensity, confidence=0.9)
        if trigger:
            ts = text.index(trigger, s)
            ev.trigger, ev.trigger_start, ev.trigger_end = trigger, ts, ts + len(trigger)
        if evidence:
            a, b = _at(text, evidence)
            ev.evidence.append(Evidence(evidence, a, b, part))
        self.doc.events.append(ev)
        return self


def news(i: int, date: str, body: str, title: str, events: list[tuple], source: str | None = None) -> Document:
    d = Document(id=content_id(body, title), source=source or f"news/{i}.txt", format="text", body=body,
                 title=title, published=date, language="zh-Hans", url=f"https://example.org/news/{i}")
    b = Builder(d)
    for aid, surface in (("USA", "美国"), ("CHN", "中国"), ("per:antony-blinken", "布林肯"), ("per:wang-yi", "王毅")):
        if surface in body:
            b.actor(aid, surface)
    for args in events:
        b.event(*args)
    return d


def corpus() -> list[Document]:
    """A small corpus: a news story with every kind of span, a Traditional story, a forum thread with a
    reply tree and hostile markup, and a run of dated US–China events over several months."""
    docs: list[Document] = []

    body = ("6月18日，美国国务卿布林肯抵达北京，与中国外长王毅举行会谈。双方同意保持高层沟通。"
            "布林肯表示：“美方愿意管控分歧，避免冲突。”王毅说：“台湾问题是中美关系中最重要的问题。”"
            "次日，布林肯会见了中国国家领导人。")
    d = Document(id=content_id(body), source="news/beijing-visit.txt", format="text", body=body,
                 title="布林肯访华 与王毅会谈", published="2023-06-19", language="zh-Hans",
                 url="https://example.org/a/visit", author="本报记者")
    b = Builder(d)
    b.actor("USA", "美国").actor("per:antony-blinken", "布林肯").actor("CHN", "中国").actor("per:wang-yi", "王毅")
    b.actor("per:antony-blinken", "布林肯", nth=1).actor("per:wang-yi", "王毅", nth=1)
    b.actor("CHN", "中国", nth=1).actor("USA", "美", nth=2)
    b.time("6月18日", "2023-06-18").time("次日", "2023-06-19")
    b.quote("per:antony-blinken", "布林肯", "美方愿意管控分歧，避免冲突。", "2023-06-18")
    b.quote("per:wang-yi", "王毅", "台湾问题是中美关系中最重要的问题。", "2023-06-18")
    b.event("CONSULT", "6月18日，美国国务卿布林肯抵达北京，与中国外长王毅举行会谈。", ["per:antony-blinken"],
            ["per:wang-yi"], "2023-06-18", 1, 1.0, trigger="会谈", evidence="次日，布林肯会见了中国国家领导人。")
    b.event("AGREE", "双方同意保持高层沟通。", ["USA"], ["CHN"], "2023-06-18", 1, 4.0, trigger="同意")
    d.relations.append(Relation("r1", "USA", "CHN", "rivalry", "2023-06-18", "台湾问题是中美关系中最重要的问题。",
                                *_at(body, "台湾问题是中美关系中最重要的问题。")))
    docs.append(d)

    body = "中國外交部12日宣布，對美國軍工企業實施制裁，理由是美方批准對台軍售。外交部發言人稱，此舉是對美方挑釁的必要回應。"
    d = Document(id=content_id(body), source="news/sanctions-hant.txt", format="text", body=body,
                 title="中國宣布制裁美國軍工企業", published="2023-09-12", language="zh-Hant")
    b = Builder(d)
    b.actor("CHN", "中國").actor("USA", "美國").actor("USA", "美", nth=1).actor("TWN", "台")
    b.time("12日", "2023-09-12")
    b.event("SANCTION", "中國外交部12日宣布，對美國軍工企業實施制裁，理由是美方批准對台軍售。", ["CHN"], ["USA"],
            "2023-09-12", 4, -6.0, trigger="制裁")
    docs.append(d)

    body = (f"据报道，美国总统与中国领导人将于15日在旧金山会面。{SCRIPT}楼主转一条消息：{MDLINK} {IMG}\n"
            "大家怎么看这次中美会面？")
    d = Document(id=content_id(body), source="forum/thread-42.md", format="pincong-md", body=body,
                 title=f"中美元首会面前瞻 {SCRIPT}", author=f'观察者"><script>window.__pwned=5</script>',
                 published="2023-11-14", language="zh-Hans", url="javascript:window.__pwned=6",
                 origin_url="https://example.org/origin/42", tags=["中美关系", IMG])
    d.comments = [
        Comment("c1", "北纬三十八度", "会面本身就是信号，至少两国军方热线可能恢复。", date="2023-11-14",
                stance=[Stance("USA", "support", 0, 4)]),
        Comment("c2", "冷战史爱好者", f"别太乐观，{SCRIPT}制裁一条都没撤。", parent="c1", reply_to="北纬三十八度",
                date="2023-11-14", stance=[Stance("CHN", "oppose", 0, 5)]),
        Comment("c3", "东京湾", "热线恢复比什么都实际。", parent="c2", reply_to="冷战史爱好者", date="2023-11-15"),
        Comment("c4", None, "", deleted=True),
        Comment("c5", f"游客{IMG}", f"{MDLINK} 我觉得美国会先让步。", date="2023-11-15", quoted=SCRIPT),
    ]
    b = Builder(d)
    b.actor("USA", "美国").actor("CHN", "中国").actor("USA", "美", nth=1).actor("CHN", "中", nth=1)
    b.actor(f"local:{HOSTILE_NAME}", "楼主", name_zh=HOSTILE_NAME, name=None, type="person", country=None,
            sector=None)
    b.actor("USA", "美国", part="comment:c5")
    b.time("15日", "2023-11-15")
    b.event("CONSULT", "据报道，美国总统与中国领导人将于15日在旧金山会面。", ["USA"], ["CHN"], "2023-11-15", 1, 1.0,
            trigger="会面")
    b.event("ACCUSE", "别太乐观，", [f"local:{HOSTILE_NAME}"], ["USA"], "2023-11-14", 3, -2.0,
            part="comment:c2")
    docs.append(d)

    # A run of US–China events, a few months apart, for the dyad curve and the overview chart.
    runs = [
        ("2023-02-04", "美国宣布击落中国高空气球，中国表示强烈不满并提出严正交涉。", "气球事件",
         [("ACCUSE", "中国表示强烈不满并提出严正交涉。", ["CHN"], ["USA"], "2023-02-04", 3, -4.0, "交涉")]),
        ("2023-03-10", "美国商务部将多家中国企业列入出口管制实体清单。", "实体清单",
         [("SANCTION", "美国商务部将多家中国企业列入出口管制实体清单。", ["USA"], ["CHN"], "2023-03-10", 4, -5.0,
           "出口管制")]),
        ("2023-08-28", "美国商务部长访问中国，中美同意建立商贸问题工作组。", "商务部长访华",
         [("AGREE", "美国商务部长访问中国，中美同意建立商贸问题工作组。", ["USA"], ["CHN"], "2023-08-28", 1, 4.0,
           "同意")]),
        ("2023-11-15", "美国与中国在旧金山宣布恢复两军高层沟通，并在禁毒领域开展合作。", "旧金山会晤",
         [("COOPERATE", "美国与中国在旧金山宣布恢复两军高层沟通，并在禁毒领域开展合作。", ["USA"], ["CHN"],
           "2023-11-15", 2, 6.0, "合作")]),
    ]
    for i, (date, body, title, evs) in enumerate(runs):
        docs.append(news(i, date, body, title, evs))
    return docs


def build_store(path: Path) -> dict[str, str]:
    """Write the corpus into a store at `path`; returns ids of the documents the tests look at."""
    docs = corpus()
    with Store(path) as s:
        s.ingest_many(docs)
    return {"news": docs[0].id, "hant": docs[1].id, "forum": docs[2].id}
