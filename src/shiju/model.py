"""The document model: one record per input document, and the spans every stage adds to it.

Every span (mention, time, quote, event, relation, stance) names the `part` it lies in — ``body`` or
``comment:<comment id>`` — and ``start``/``end`` character offsets into that part's *original* text
(``Document.body`` or ``Comment.text``), so ``part_text[start:end] == span text`` always holds.
Analysis runs on a Simplified view of each part (see :mod:`shiju.text.view`); stages map offsets back.
"""
from __future__ import annotations

import dataclasses
import functools
import hashlib
from dataclasses import dataclass, field
from typing import Any, Iterator

SCHEMA_VERSION = 1


@dataclass
class Mention:
    start: int
    end: int
    text: str
    part: str = "body"


@dataclass
class Role:
    """A dated office held by a person (from the gazetteer)."""

    office: str  # office id, e.g. "office:usa-secretary-of-state"
    title_zh: str | None = None
    start: str | None = None  # YYYY-MM-DD
    end: str | None = None


@dataclass
class Actor:
    id: str
    name: str | None = None
    name_zh: str | None = None
    aliases: list[str] = field(default_factory=list)
    type: str = "person"  # person / state / organization / group / location / office
    country: str | None = None  # ISO 3166-1 alpha-3
    sector: str | None = None  # GOV, MIL, MED, EDU, PTY, ...
    wikidata: str | None = None
    mentions: list[Mention] = field(default_factory=list)
    # Why the linker decided as it did, for unresolved or inferred actors (NGEC-style reasons).
    note: str | None = None
    roles: list[Role] = field(default_factory=list)


@dataclass
class TimeExpr:
    text: str
    start: int
    end: int
    part: str = "body"
    value: str | None = None  # ISO: YYYY-MM-DD, YYYY-MM, YYYY, or "A/B" range
    anchor: str | None = None  # the date the value was resolved against
    granularity: str | None = None  # day / month / year / range
    anchor_kind: str | None = None  # publication / discourse / explicit / latest-explicit


@dataclass
class Quote:
    id: str
    speaker: str | None
    speaker_text: str | None
    text: str
    direct: bool
    cue: str | None
    start: int
    end: int
    part: str = "body"
    speaker_start: int | None = None
    speaker_end: int | None = None
    date: str | None = None


@dataclass
class Evidence:
    sentence: str
    start: int
    end: int
    part: str = "body"


@dataclass
class Event:
    id: str
    type: str  # PLOVER event type
    mode: str | None
    context: list[str]
    actor: list[str]
    recipient: list[str]
    date: str | None
    date_text: str | None
    negated: bool
    future: bool
    hypothetical: bool
    historical: bool
    sentence: str
    start: int
    end: int
    part: str = "body"
    cameo: str | None = None  # CAMEO root code, "01".."20"
    quad: int | None = None  # 1 verbal coop, 2 material coop, 3 verbal conflict, 4 material conflict
    intensity: float | None = None  # Goldstein-like, -10 (conflict) .. +10 (cooperation)
    confidence: float | None = None
    trigger: str | None = None
    trigger_start: int | None = None
    trigger_end: int | None = None
    evidence: list[Evidence] = field(default_factory=list)  # further tellings of the same event
    asserted_by: str | None = None  # actor id of a quoted speaker, None = the author


@dataclass
class Relation:
    id: str
    a: str
    b: str
    type: str  # alliance, partnership, hostility, dependence, membership, ...
    date: str | None
    sentence: str
    start: int
    end: int
    part: str = "body"
    asserted_by: str | None = None
    negated: bool = False
    hypothetical: bool = False


@dataclass
class Stance:
    actor: str
    stance: str  # support / oppose / neutral
    start: int
    end: int


@dataclass
class Comment:
    id: str
    author: str | None
    text: str
    reply_to: str | None = None
    parent: str | None = None
    date: str | None = None
    quoted: str | None = None
    deleted: bool = False
    kind: str = "comment"  # comment / answer / question
    stance: list[Stance] = field(default_factory=list)


@dataclass
class Reference:
    title: str
    source: str | None = None
    url: str | None = None


@dataclass
class Document:
    id: str
    source: str
    format: str
    body: str
    title: str | None = None
    author: str | None = None
    published: str | None = None  # YYYY-MM-DD
    modified: str | None = None
    tags: list[str] = field(default_factory=list)
    url: str | None = None
    origin_url: str | None = None
    language: str | None = None  # zh-Hans / zh-Hant / mixed
    references: list[Reference] = field(default_factory=list)
    comments: list[Comment] = field(default_factory=list)
    actors: list[Actor] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    relations: list[Relation] = field(default_factory=list)
    times: list[TimeExpr] = field(default_factory=list)
    reactions: dict[str, Any] | None = None
    # Notes stages leave when they cannot resolve something (stage, reason), kept for users to audit.
    notes: list[str] = field(default_factory=list)
    # Transient, never serialised: per-part text views built by shiju.text.view.
    _views: dict[str, Any] = field(default_factory=dict, repr=False, compare=False)

    # -- parts -------------------------------------------------------------------------------
    def parts(self) -> Iterator[tuple[str, str]]:
        """Yield (part name, original text) for the body and every non-deleted comment."""
        yield "body", self.body
        for c in self.comments:
            if not c.deleted and c.text:
                yield f"comment:{c.id}", c.text

    def part_text(self, part: str) -> str:
        if part == "body":
            return self.body
        if part.startswith("comment:"):
            cid = part[len("comment:"):]
            for c in self.comments:
                if c.id == cid:
                    return c.text
        raise KeyError(f"no part {part!r} in document {self.id}")

    def view(self, part: str):
        """The Simplified view of a part (cached): see shiju.text.view.TextView."""
        v = self._views.get(part)
        if v is None:
            from shiju.text.view import TextView

            v = TextView(self.part_text(part))
            self._views[part] = v
        return v

    def actor_by_id(self, actor_id: str) -> Actor | None:
        for a in self.actors:
            if a.id == actor_id:
                return a
        return None

    # -- serialisation -----------------------------------------------------------------------
    def to_dict(self) -> dict[str, Any]:
        d = _asdict(self)
        d.pop("_views", None)
        return d

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> "Document":
        d = dict(d)
        d.pop("_views", None)
        d["references"] = [Reference(**r) for r in d.get("references") or []]
        d["comments"] = [
            Comment(**{**c, "stance": [Stance(**s) for s in c.get("stance") or []]})
            for c in d.get("comments") or []
        ]
        d["actors"] = [
            Actor(
                **{
                    **a,
                    "mentions": [Mention(**m) for m in a.get("mentions") or []],
                    "roles": [Role(**r) for r in a.get("roles") or []],
                }
            )
            for a in d.get("actors") or []
        ]
        d["events"] = [
            Event(**{**e, "evidence": [Evidence(**x) for x in e.get("evidence") or []]})
            for e in d.get("events") or []
        ]
        d["quotes"] = [Quote(**q) for q in d.get("quotes") or []]
        d["relations"] = [Relation(**r) for r in d.get("relations") or []]
        d["times"] = [TimeExpr(**t) for t in d.get("times") or []]
        known = {f.name for f in dataclasses.fields(cls)}
        return cls(**{k: v for k, v in d.items() if k in known})


def _asdict(obj: Any) -> Any:
    # Scalars first and field names cached per class: serialising records is a visible share of a run.
    # Values of exactly a scalar type are taken as they are without a call (most fields of most spans).
    if isinstance(obj, _SCALARS):
        return obj
    if isinstance(obj, list):
        return [x if type(x) in _EXACT_SCALARS else _asdict(x) for x in obj]
    if isinstance(obj, dict):
        return {k: v if type(v) in _EXACT_SCALARS else _asdict(v) for k, v in obj.items()}
    names = _public_fields(type(obj))
    if names is not None:
        d = getattr(obj, "__dict__", None)
        if d is not None:
            try:
                return {n: v if type(v := d[n]) in _EXACT_SCALARS else _asdict(v) for n in names}
            except KeyError:  # a field not in the instance dict: read through getattr
                pass
        return {n: _asdict(getattr(obj, n)) for n in names}
    return obj


_SCALARS = (str, int, float, bool, type(None))
_EXACT_SCALARS = frozenset(_SCALARS)


@functools.lru_cache(maxsize=None)
def _public_fields(cls: type) -> tuple[str, ...] | None:
    if not dataclasses.is_dataclass(cls):
        return None
    return tuple(f.name for f in dataclasses.fields(cls) if not f.name.startswith("_"))


def content_id(*parts: str | None) -> str:
    """A stable id from content: the same text always yields the same id."""
    h = hashlib.blake2b(digest_size=8)
    for p in parts:
        h.update((p or "").encode("utf-8"))
        h.update(b"\x1f")
    return h.hexdigest()


def span_id(doc_id: str, kind: str, part: str, start: int, end: int, extra: str = "") -> str:
    """A stable id for a span-derived record (event, quote, relation) within a document."""
    return kind[0] + content_id(doc_id, kind, part, str(start), str(end), extra)[:15]
