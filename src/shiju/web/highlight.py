"""Highlighted document text for the Workbench, built safely.

The original text of a part is cut at every span boundary into flat segments; each segment carries the
kinds and ids of the spans covering it. Templates print each segment's text through Jinja2 autoescape,
so no piece of document text is ever treated as markup (forum and news text is untrusted).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from shiju.model import Document

# Display order: inner kinds last so that their colour wins where spans nest (see static/style.css).
KINDS = ("event", "quote", "time", "actor", "trigger")
LEGEND = {
    "actor": "行为体 actor",
    "time": "时间 time",
    "quote": "引语 quote",
    "event": "事件依据 event evidence",
    "trigger": "事件触发词 trigger",
}


@dataclass
class Span:
    id: str  # unique within the page, e.g. "s12"
    kind: str
    part: str
    start: int
    end: int
    text: str
    label: str  # short description for the tooltip and the side panel
    ref: str | None = None  # actor id to link to (actor mentions), else None
    info: dict[str, Any] = field(default_factory=dict)


@dataclass
class Segment:
    text: str
    kinds: list[str]
    spans: list[str]
    title: str
    actor: str | None  # actor id when the segment lies in an actor mention
    starts: list[str] = field(default_factory=list)  # kinds of the spans that begin here (for a visible seam)


def spans_of(doc: Document) -> list[Span]:
    """Every displayable span of a document, valid offsets only (others are counted as skipped)."""
    out: list[Span] = []
    texts = {p: t for p, t in doc.parts()}

    def add(kind: str, part: str, start: int | None, end: int | None, label: str, ref: str | None = None,
            **info: Any) -> None:
        text = texts.get(part)
        if text is None or start is None or end is None or not (0 <= start < end <= len(text)):
            return
        out.append(Span(f"s{len(out)}", kind, part, start, end, text[start:end], label, ref, info))

    for a in doc.actors:
        name = a.name_zh or a.name or a.id
        for m in a.mentions:
            add("actor", m.part, m.start, m.end, f"{name} ({a.id})", ref=a.id, actor=a.id)
    for t in doc.times:
        add("time", t.part, t.start, t.end, f"{t.text} → {t.value or '?'}", value=t.value)
    for q in doc.quotes:
        who = q.speaker_text or q.speaker or "?"
        add("quote", q.part, q.start, q.end, f"{who}: {'直接' if q.direct else '间接'}引语", speaker=q.speaker)
    for e in doc.events:
        flags = "".join(f for f, on in (("¬", e.negated), ("?", e.hypothetical), ("→", e.future)) if on)
        label = f"{e.type}{flags} {','.join(e.actor) or '—'} → {','.join(e.recipient) or '—'} {e.date or ''}"
        add("event", e.part, e.start, e.end, label.strip(), event=e.id)
        for ev in e.evidence:
            add("event", ev.part, ev.start, ev.end, label.strip() + " (另一处)", event=e.id)
        if e.trigger_start is not None:
            add("trigger", e.part, e.trigger_start, e.trigger_end, f"{e.type} 触发词", event=e.id)
    return out


def segments(text: str, spans: list[Span]) -> list[Segment]:
    """Cut `text` at every boundary of `spans` (all in this part) into flat, annotated segments."""
    cuts = {0, len(text)}
    for s in spans:
        cuts.add(s.start)
        cuts.add(s.end)
    bounds = sorted(cuts)
    # Spans sorted by start; a sweep keeps the open ones (documents have at most a few hundred spans).
    order = sorted(spans, key=lambda s: (s.start, -s.end))
    out: list[Segment] = []
    open_: list[Span] = []
    k = 0
    for a, b in zip(bounds, bounds[1:]):
        while k < len(order) and order[k].start <= a:
            open_.append(order[k])
            k += 1
        open_ = [s for s in open_ if s.end > a]
        active = sorted(open_, key=lambda s: KINDS.index(s.kind))
        kinds = sorted({s.kind for s in active}, key=KINDS.index)
        actor = next((s.ref for s in active if s.kind == "actor"), None)
        starts = sorted({s.kind for s in active if s.start == a}, key=KINDS.index)
        out.append(Segment(text[a:b], kinds, [s.id for s in active], "\n".join(s.label for s in active), actor,
                           starts))
    return out


@dataclass
class CommentNode:
    comment: Any
    segments: list[Segment]
    children: list["CommentNode"] = field(default_factory=list)


MAX_DEPTH = 24  # deeper replies are shown at this depth (keeps pages and template recursion bounded)


def comment_tree(doc: Document, spans: list[Span]) -> list[CommentNode]:
    """Comments as a reply tree following `parent` links; a comment whose parent is unknown, or that
    sits in a parent cycle, is shown at the top level rather than lost."""
    by_part: dict[str, list[Span]] = {}
    for s in spans:
        by_part.setdefault(s.part, []).append(s)
    nodes = [CommentNode(c, [] if c.deleted else segments(c.text or "", by_part.get(f"comment:{c.id}", [])))
             for c in doc.comments]
    first: dict[str, int] = {}
    for i, c in enumerate(doc.comments):
        first.setdefault(c.id, i)
    parent: dict[int, int | None] = {}
    for i, c in enumerate(doc.comments):
        j = first.get(c.parent) if c.parent else None
        parent[i] = j if j is not None and j != i else None
    roots: list[CommentNode] = []
    for i in range(len(nodes)):
        # Walk up: attach under the parent unless the chain loops; cap the depth.
        chain, p, seen = [], parent[i], {i}
        while p is not None and p not in seen:
            seen.add(p)
            chain.append(p)
            p = parent[p]
        if p is not None:  # a cycle: show at the top level
            roots.append(nodes[i])
        elif not chain:
            roots.append(nodes[i])
        else:
            depth = len(chain)
            target = chain[0] if depth < MAX_DEPTH else chain[depth - MAX_DEPTH]
            nodes[target].children.append(nodes[i])
    return roots
