"""Server-rendered pages of the Workbench. All text goes through Jinja2 autoescape; chart data through
``tojson`` inside ``<script type="application/json">`` blocks read by static/app.js."""
from __future__ import annotations

from typing import Any
from urllib.parse import quote, urlsplit

from fastapi import APIRouter, Depends, FastAPI, Query, Request
from fastapi.responses import HTMLResponse, JSONResponse
from fastapi.templating import Jinja2Templates
from jinja2 import Environment, FileSystemLoader, StrictUndefined
from starlette.exceptions import HTTPException as StarletteHTTPException

from shiju.store import Store
from shiju.store import queries as q
from shiju.text.view import TextView
from shiju.web import api
from shiju.web.app import HERE, open_store
from shiju.web.highlight import LEGEND, comment_tree, segments, spans_of

router = APIRouter(include_in_schema=False)

QUADS = {1: "言语合作", 2: "实质合作", 3: "言语冲突", 4: "实质冲突"}
STANCES = {"support": "支持", "oppose": "反对", "neutral": "中立"}


def _env() -> Environment:
    env = Environment(loader=FileSystemLoader(HERE / "templates"), autoescape=True, undefined=StrictUndefined,
                      trim_blocks=True, lstrip_blocks=True)
    env.filters["seg"] = lambda s: quote(str(s), safe="")  # one path segment: '/', '?', '#' encoded too
    env.filters["http_url"] = http_url
    env.globals.update(QUADS=QUADS, STANCES=STANCES, LEGEND=LEGEND)
    return env


def http_url(url: str | None) -> str | None:
    """The URL if it is plain http(s), else None: a javascript: or data: URL from a document is never a link."""
    if not url:
        return None
    try:
        scheme = urlsplit(url.strip()).scheme.lower()
    except ValueError:
        return None
    return url.strip() if scheme in ("http", "https") else None


templates = Jinja2Templates(env=_env())


def _page(request: Request, name: str, **ctx: Any) -> HTMLResponse:
    return templates.TemplateResponse(request, name, ctx)


@router.get("/", response_class=HTMLResponse)
def overview_page(request: Request, store: Store = Depends(open_store)) -> HTMLResponse:
    data = api.overview(store)
    return _page(request, "overview.html", data=data, names={a["id"]: a["label"] for a in data["heatmap"]["actors"]})


@router.get("/search", response_class=HTMLResponse)
def search_page(request: Request, q_: str = Query("", alias="q", max_length=200),
                store: Store = Depends(open_store)) -> HTMLResponse:
    hits = q.search(store, q_, limit=50) if q_.strip() else []
    for h in hits:
        h["pieces"] = split_snippet(h["snippet"], q_)
    return _page(request, "search.html", query=q_, hits=hits)


def split_snippet(snippet: str, query: str) -> list[tuple[str, bool]]:
    """The snippet as (text, is_match) pieces: the store wraps the match in 【】, but the text itself may
    contain those brackets, so the match is found by comparing with the query (Simplified, folded)."""
    want = TextView(query.strip()).simplified.lower()
    n = len(want)
    i = snippet.find("【")
    while i >= 0 and n:
        inner = snippet[i + 1:i + 1 + n]
        if snippet[i + 1 + n:i + 2 + n] == "】" and TextView(inner).simplified.lower() == want:
            return [(snippet[:i], False), (inner, True), (snippet[i + 2 + n:], False)]
        i = snippet.find("【", i + 1)
    return [(snippet, False)]


@router.get("/doc/{doc_id}", response_class=HTMLResponse)
def doc_page(request: Request, doc_id: str, store: Store = Depends(open_store)) -> HTMLResponse:
    doc = api.document_record(store, doc_id)
    spans = spans_of(doc)
    body = segments(doc.body, [s for s in spans if s.part == "body"])
    tree = comment_tree(doc, spans)
    by_kind: dict[str, list] = {k: [s for s in spans if s.kind == k] for k in ("actor", "time", "quote", "event")}
    names = {a.id: a.name_zh or a.name or a.id for a in doc.actors}
    return _page(request, "doc.html", doc=doc, body=body, tree=tree, spans=by_kind, origin=http_url(doc.url),
                 origin2=http_url(doc.origin_url), names=names)


@router.get("/actor/{actor_id:path}", response_class=HTMLResponse)
def actor_page(request: Request, actor_id: str, store: Store = Depends(open_store)) -> HTMLResponse:
    p = api.actor_profile(store, actor_id)
    return _page(request, "actor.html", p=p, names=_names(store, p["events_as_actor"] + p["events_as_recipient"],
                                                              [p["actor"].get("country")] + [r.get(k) for r in p["relations"] for k in ("a", "b")]))


@router.get("/dyad/{a}/{b}", response_class=HTMLResponse)
def dyad_page(request: Request, a: str, b: str, by: api.Period = "month",
              store: Store = Depends(open_store)) -> HTMLResponse:
    d = api.dyad(store, a, b, by)
    return _page(request, "dyad.html", d=d, names=_names(store, d["events"], [d["a"], d["b"]]))


@router.get("/graph", response_class=HTMLResponse)
def graph_page(request: Request, level: str = Query("actor", pattern="^(actor|country)$"),
               min_events: int = Query(1, ge=1), store: Store = Depends(open_store)) -> HTMLResponse:
    g = q.actor_graph(store, level=level, min_events=min_events)
    return _page(request, "graph.html", g=g, level=level, min_events=min_events,
                 names={n["id"]: n["label"] for n in g["nodes"]})


def _names(store: Store, events: list[dict[str, Any]], more: list[str | None] = ()) -> dict[str, str]:
    """Display names (Chinese first) for the actors these events and ids mention."""
    ids = {x for e in events for x in e["actor"] + e["recipient"]} | {x for x in more if x}
    return {k: v.get("name_zh") or v.get("name") or k for k, v in q.actor_names(store, sorted(ids)).items()}


def install_error_pages(app: FastAPI) -> None:
    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException):
        if request.url.path.startswith("/api/") or request.url.path.startswith("/static/"):
            return JSONResponse({"detail": exc.detail}, status_code=exc.status_code, headers=exc.headers)
        return templates.TemplateResponse(request, "error.html", {"status": exc.status_code, "detail": exc.detail},
                                          status_code=exc.status_code)
