"""The Workbench application: a FastAPI app over a read-only store, with an optional access token.

Security model: everything shown comes from untrusted news and forum text. Templates autoescape, chart
data travels as JSON in ``<script type="application/json">`` blocks (Jinja2 ``tojson`` escapes ``<``),
a Content-Security-Policy forbids inline scripts, static files come from the package folder only
(Starlette's StaticFiles refuses paths that leave it), and ids in paths only ever reach SQL parameters.
"""
from __future__ import annotations

import hashlib
import hmac
import os
from pathlib import Path
from typing import Iterator
from urllib.parse import urlencode

from fastapi import FastAPI, Request
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles

from shiju.store import Store

HERE = Path(__file__).resolve().parent
COOKIE = "shiju_token"

# No inline script may run; ECharts sets element styles, hence 'unsafe-inline' for styles only.
CSP = ("default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
       "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'")


def create_app(store_path: str | os.PathLike, token: str | None = None) -> FastAPI:
    """The Workbench over the store at `store_path` (opened read-only; StoreError if it is not a store).
    With `token`, every request must carry it: ``Authorization: Bearer <token>``, or ``?token=<token>``
    once, which sets a cookie."""
    from shiju.web import api, pages

    path = Path(store_path)
    Store(path, read_only=True).close()  # fail now, with the store's message, not on the first request
    app = FastAPI(
        title="shiju Workbench",
        version="1",
        description="Read-only JSON API over a shiju store: documents, actors, events (PLOVER), quotes, "
                    "dyads and the actor network. The same data drives the HTML pages.",
        docs_url=None, redoc_url=None,  # the interactive docs load scripts from a CDN; /openapi.json stays
    )
    app.state.store_path = path
    app.state.token = token or None
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")
    app.include_router(api.router)
    app.include_router(pages.router)
    pages.install_error_pages(app)

    @app.middleware("http")
    async def guard(request: Request, call_next):
        if app.state.token:
            denied = _check_token(request, app.state.token)
            if denied is not None:
                return _secure(denied)
        return _secure(await call_next(request))

    return app


def open_store(request: Request) -> Iterator[Store]:
    """FastAPI dependency: a read-only connection per request (SQLite connections are not shared
    between the worker threads that serve requests)."""
    store = Store(request.app.state.store_path, read_only=True)
    try:
        yield store
    finally:
        store.close()


def _cookie_value(token: str) -> str:
    # The cookie holds a digest, so the token itself is not stored in the browser.
    return hmac.new(token.encode("utf-8"), b"shiju-workbench-cookie", hashlib.sha256).hexdigest()


def _check_token(request: Request, token: str) -> Response | None:
    """None when the request carries the token; else the response to send (redirect or 401)."""
    auth = request.headers.get("authorization", "")
    if auth[:7].lower() == "bearer " and hmac.compare_digest(auth[7:].strip().encode(), token.encode()):
        return None
    cookie = request.cookies.get(COOKIE)
    if cookie and hmac.compare_digest(cookie.encode(), _cookie_value(token).encode()):
        return None
    given = request.query_params.get("token")
    if given is not None and hmac.compare_digest(given.encode(), token.encode()):
        if _is_api(request):
            return None  # scripts (curl) may pass it on every call; pages get a cookie instead
        # Take the token out of the address bar (and history, and referrers) once the cookie is set.
        rest = [(k, v) for k, v in request.query_params.multi_items() if k != "token"]
        target = request.url.path + ("?" + urlencode(rest) if rest else "")
        resp = RedirectResponse(target, status_code=303)
        resp.set_cookie(COOKIE, _cookie_value(token), httponly=True, samesite="strict", path="/")
        return resp
    if _is_api(request):
        return JSONResponse({"detail": "access token required (Authorization: Bearer <token>)"},
                            status_code=401, headers={"WWW-Authenticate": "Bearer"})
    return HTMLResponse(
        "<!doctype html><meta charset=utf-8><title>shiju: token required</title>"
        "<p>This Workbench needs its access token: open it as <code>/?token=…</code>.</p>",
        status_code=401, headers={"WWW-Authenticate": "Bearer"},
    )


def _is_api(request: Request) -> bool:
    return request.url.path.startswith("/api/") or request.url.path == "/openapi.json"


def _secure(resp: Response) -> Response:
    resp.headers.setdefault("Content-Security-Policy", CSP)
    resp.headers.setdefault("X-Content-Type-Options", "nosniff")
    resp.headers.setdefault("Referrer-Policy", "no-referrer")
    resp.headers.setdefault("X-Frame-Options", "DENY")
    return resp
