"""JSON API of the Workbench (documented at /openapi.json). The page routes use the same functions."""
from __future__ import annotations

from typing import Any, Literal

from fastapi import APIRouter, Depends, HTTPException, Query
from pydantic import BaseModel, ConfigDict, Field

from shiju.store import Store
from shiju.store import queries as q
from shiju.web.app import open_store

router = APIRouter(prefix="/api", tags=["api"])

Period = Literal["day", "week", "month", "year"]


# -- response models -------------------------------------------------------------------------------

class _Model(BaseModel):
    model_config = ConfigDict(extra="allow")


class Stats(_Model):
    documents: int
    repost_clusters: int = Field(description="groups of near-duplicate documents (reposts)")
    reposts: int
    comments: int
    actors: int
    events: int
    events_countable: int = Field(description="events not negated/hypothetical, in bodies, once per repost cluster")
    quotes: int
    relations: int
    schema_version: int


class ActorRow(_Model):
    id: str
    name: str | None = None
    name_zh: str | None = None
    type: str | None = None
    country: str | None = None
    sector: str | None = None
    documents: int = 0
    mentions: int | None = 0


class DocSummary(_Model):
    id: str
    title: str | None = None
    source: str
    format: str | None = None
    author: str | None = None
    published: str | None = None
    language: str | None = None
    comments: int
    events: int
    quotes: int
    actors: int


class SearchHit(_Model):
    id: str
    title: str | None = None
    source: str
    published: str | None = None
    score: float
    snippet: str = Field(description="original text around the first match, the match wrapped in 【】")


class Provenance(_Model):
    doc_id: str
    source: str


class EventRow(_Model):
    id: str
    doc_id: str
    type: str = Field(description="PLOVER event type")
    mode: str | None = None
    context: list[str] = []
    actor: list[str]
    recipient: list[str]
    date: str | None = None
    negated: bool = False
    hypothetical: bool = False
    future: bool = False
    part: str | None = None
    sentence: str | None = Field(None, description="the evidence sentence, original text")
    start: int | None = None
    end: int | None = None
    cameo: str | None = None
    quad: int | None = Field(None, description="1 verbal coop, 2 material coop, 3 verbal conflict, 4 material conflict")
    intensity: float | None = None
    confidence: float | None = None
    provenance: list[Provenance] = Field([], description="every stored document telling this event")


class QuoteRow(_Model):
    id: str
    doc_id: str
    speaker: str | None = None
    speaker_text: str | None = None
    text: str
    direct: bool
    cue: str | None = None
    date: str | None = None
    part: str | None = None
    start: int | None = None
    end: int | None = None
    title: str | None = None
    source: str | None = None


class RelationRow(_Model):
    id: str
    doc_id: str
    a: str | None = None
    b: str | None = None
    type: str | None = None
    date: str | None = None
    sentence: str | None = None


class TypeCount(_Model):
    period: str
    type: str
    events: int


class PairCount(_Model):
    source: str
    target: str
    events: int
    verbal_coop: int
    material_coop: int
    verbal_conflict: int
    material_conflict: int
    mean_intensity: float | None = None


class AxisActor(_Model):
    id: str
    label: str
    events: int


class Heatmap(_Model):
    level: str
    actors: list[AxisActor] = Field(description="the most active actors, on both axes")
    cells: list[PairCount] = Field(description="directed (source acts on target) counts")


class Overview(_Model):
    stats: Stats
    top_actors: list[ActorRow]
    event_types: list[TypeCount]
    heatmap: Heatmap
    recent: list[DocSummary]


class Role(_Model):
    office: str
    title_zh: str | None = None
    start: str | None = None
    end: str | None = None


class TimelinePoint(_Model):
    period: str
    as_actor: int
    as_recipient: int


class ActorProfile(_Model):
    actor: dict[str, Any] = Field(description="id, names, type, country, sector, wikidata, aliases seen")
    roles: list[Role] = Field(description="dated offices from the gazetteer (persons)")
    timeline: list[TimelinePoint]
    events_as_actor: list[EventRow]
    events_as_recipient: list[EventRow]
    quotes: list[QuoteRow]
    relations: list[RelationRow]


class DyadRow(_Model):
    period: str
    actor: str
    recipient: str
    verbal_coop: int
    material_coop: int
    verbal_conflict: int
    material_conflict: int
    events: int
    mean_intensity: float | None = None


class Dyad(_Model):
    a: str
    b: str
    by: str
    curve: list[DyadRow] = Field(description="per period and direction: counts per quad class, mean intensity")
    events: list[EventRow] = Field(description="events between the two, both directions, newest first")


class GraphNode(_Model):
    id: str
    label: str
    type: str | None = None
    country: str | None = None
    events: int


class Graph(_Model):
    level: str
    nodes: list[GraphNode]
    edges: list[PairCount]


# -- data used by both the API and the pages -------------------------------------------------------------

def stats(store: Store) -> dict[str, Any]:
    s = q.stats(store)
    s.pop("path", None)  # the server's file layout is nobody's business
    return s


def overview(store: Store) -> dict[str, Any]:
    return {"stats": stats(store), "top_actors": q.actors(store, top=15),
            "event_types": q.event_types_over_time(store, by="month"),
            "heatmap": q.dyad_matrix(store, top=12, level="country"), "recent": q.documents(store, limit=20)}


def known_actor(store: Store, name: str) -> str | None:
    """The actor id `name` means, if the store knows it (as an actor, or as a state in event roles)."""
    for i in q.resolve_actor(store, name):
        c = store.conn
        if (c.execute("SELECT 1 FROM actors WHERE id = ?", (i,)).fetchone()
                or c.execute("SELECT 1 FROM event_roles WHERE actor_id = ? OR country = ? LIMIT 1", (i, i)).fetchone()):
            return i
    return None


def actor_profile(store: Store, name: str) -> dict[str, Any]:
    aid = known_actor(store, name)
    if aid is None:
        raise HTTPException(404, f"no actor {name!r} in this store")
    prof = q.actor_profile(store, aid, limit=100) or {"actor": {"id": aid}}
    prof["roles"] = q.actor_roles(store, aid)
    prof["timeline"] = q.actor_timeline(store, aid, by="month")
    return prof


def dyad(store: Store, a: str, b: str, by: str) -> dict[str, Any]:
    ia, ib = known_actor(store, a), known_actor(store, b)
    if ia is None or ib is None:
        raise HTTPException(404, f"no actor {a if ia is None else b!r} in this store")
    evs = q.events(store, actor=ia, recipient=ib, limit=300) + q.events(store, actor=ib, recipient=ia, limit=300)
    evs.sort(key=lambda e: (e["date"] or "", e["doc_id"], e["start"] or 0), reverse=True)
    return {"a": ia, "b": ib, "by": by, "curve": q.dyad(store, ia, ib, by=by), "events": evs}


def document_record(store: Store, doc_id: str):
    doc = store.document(doc_id)
    if doc is None:
        raise HTTPException(404, f"no document {doc_id!r} in this store")
    return doc


# -- routes ----------------------------------------------------------------------------------------

@router.get("/stats", response_model=Stats, summary="What the store holds")
def api_stats(store: Store = Depends(open_store)) -> Any:
    return stats(store)


@router.get("/overview", response_model=Overview,
            summary="Corpus counts, top actors, event types per month, dyad heatmap, recent documents")
def api_overview(store: Store = Depends(open_store)) -> Any:
    return overview(store)


@router.get("/search", response_model=list[SearchHit], summary="Full-text search (Simplified and Traditional match)")
def api_search(q_: str = Query(..., alias="q", min_length=1, max_length=200), limit: int = Query(20, ge=1, le=200),
               store: Store = Depends(open_store)) -> Any:
    return q.search(store, q_, limit=limit)


@router.get("/documents", response_model=list[DocSummary], summary="Stored documents, newest first")
def api_documents(limit: int = Query(50, ge=1, le=500), offset: int = Query(0, ge=0),
                  store: Store = Depends(open_store)) -> Any:
    return q.documents(store, limit=limit, offset=offset)


@router.get("/doc/{doc_id}", response_model=dict[str, Any],
            summary="One document's full record: text, comments, actors with mentions, times, quotes, events, "
                    "relations (see docs/output-schema.md); offsets index the original text of each part",
            responses={404: {"description": "unknown document id"}})
def api_doc(doc_id: str, store: Store = Depends(open_store)) -> Any:
    return document_record(store, doc_id).to_dict()


@router.get("/actors", response_model=list[ActorRow], summary="Actors, most documents first")
def api_actors(country: str | None = Query(None, max_length=3), top: int = Query(50, ge=1, le=1000),
               store: Store = Depends(open_store)) -> Any:
    return q.actors(store, country=country, top=top)


@router.get("/actor/{actor_id:path}", response_model=ActorProfile,
            summary="An actor's profile: dated roles, events as actor and recipient (and per month), quotes, "
                    "relations; accepts an id, ISO3 code, or English/Chinese name",
            responses={404: {"description": "unknown actor"}})
def api_actor(actor_id: str, store: Store = Depends(open_store)) -> Any:
    return actor_profile(store, actor_id)


@router.get("/dyad/{a}/{b}", response_model=Dyad, summary="Cooperation–conflict curve of a dyad and its events",
            responses={404: {"description": "unknown actor"}})
def api_dyad(a: str, b: str, by: Period = "month", store: Store = Depends(open_store)) -> Any:
    return dyad(store, a, b, by)


@router.get("/events", response_model=list[EventRow], summary="Events (countable unless include_negated)")
def api_events(actor: str | None = None, recipient: str | None = None, type: str | None = None,
               since: str | None = None, until: str | None = None, include_negated: bool = False,
               limit: int = Query(100, ge=1, le=1000), store: Store = Depends(open_store)) -> Any:
    return q.events(store, actor=actor, recipient=recipient, type=type, since=since, until=until,
                    include_negated=include_negated, limit=limit)


@router.get("/quotes", response_model=list[QuoteRow], summary="Quotes by speaker or topic")
def api_quotes(speaker: str | None = None, about: str | None = None, limit: int = Query(100, ge=1, le=1000),
               store: Store = Depends(open_store)) -> Any:
    return q.quotes(store, speaker=speaker, about=about, limit=limit)


@router.get("/event-types", response_model=list[TypeCount], summary="Countable events per period and type")
def api_event_types(by: Period = "month", store: Store = Depends(open_store)) -> Any:
    return q.event_types_over_time(store, by=by)


@router.get("/heatmap", response_model=Heatmap, summary="Directed dyad heatmap of the most active actors")
def api_heatmap(level: Literal["actor", "country"] = "country", top: int = Query(12, ge=2, le=60),
                store: Store = Depends(open_store)) -> Any:
    return q.dyad_matrix(store, top=top, level=level)


@router.get("/graph", response_model=Graph, summary="Actor network: who acts on whom, edges per quad class")
def api_graph(level: Literal["actor", "country"] = "actor", min_events: int = Query(1, ge=1),
              top: int = Query(80, ge=2, le=500), store: Store = Depends(open_store)) -> Any:
    return q.actor_graph(store, level=level, min_events=min_events, top=top)
