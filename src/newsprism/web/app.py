"""The local web app: the report's pages served live over a store (Starlette, ASGI).

Read-only: only GET and HEAD routes exist (anything else is 405), and the pages read
the store through :mod:`newsprism.report.pages`. Every response carries a
Content-Security-Policy that allows no script, plus nosniff, no-referrer and
frame-denying headers. Page keys are validated before any query (a malformed id is 400,
an unknown one 404); nothing is ever read from the file system by request path.
"""

from __future__ import annotations

import contextlib
import ipaddress
import logging
from typing import Any, AsyncIterator, Callable

import anyio
from sqlalchemy import func, select

from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.middleware.trustedhost import TrustedHostMiddleware
from starlette.requests import Request
from starlette.responses import HTMLResponse, Response
from starlette.routing import Route

from ..report import pages
from ..report.render import CSP, Links, render_html, render_json
from ..store import Store, schema

__all__ = ["create_app", "app_from_environment", "SECURITY_HEADERS", "LOOPBACK_NAMES", "is_loopback"]

logger = logging.getLogger(__name__)

SECURITY_HEADERS = {
    "Content-Security-Policy": CSP,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Cross-Origin-Resource-Policy": "same-origin",
}
_REASONS = {400: "Bad request", 404: "Not found", 405: "Method not allowed", 500: "Server error"}
_LINKS = Links()
PAGE_THREADS = 1


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def _respond(context: dict[str, Any], as_json: bool, status: int = 200) -> Response:
    if as_json:
        return Response(render_json(context), status_code=status, media_type="application/json", headers=SECURITY_HEADERS)
    return HTMLResponse(render_html(context, _LINKS), status_code=status, headers=SECURITY_HEADERS)


def _error(status: int, message: str, as_json: bool) -> Response:
    context = {"page": "error", "status": status, "reason": _REASONS.get(status, "Error"), "message": message}
    return _respond(context, as_json, status)


def _store_state(store: Store) -> tuple[Any, ...]:
    r = schema.runs
    with store.engine.connect() as conn:
        return tuple(conn.execute(select(func.count(), func.max(r.c.finished))).one())


def _split(key: str) -> tuple[str, bool]:
    return (key[: -len(".json")], True) if key.endswith(".json") else (key, False)


LOOPBACK_NAMES = ["localhost", "127.0.0.1", "[::1]", "::1"]


def create_app(store: Store, *, allowed_hosts: list[str] | None = None) -> Starlette:
    """The ASGI app over ``store`` (which the caller opens and closes).

    ``allowed_hosts``: answer only requests whose Host header names one of these (the
    CLI passes the loopback names when it binds to loopback, so a web page elsewhere
    cannot reach the store through DNS rebinding)."""

    def page(build: Callable[[str], dict[str, Any]]) -> Callable[[Request], Response]:
        def endpoint(request: Request) -> Response:
            key, as_json = _split(request.path_params["key"])
            try:
                return _respond(build(key), as_json)
            except pages.PageNotFound as exc:
                return _error(400 if exc.malformed else 404, str(exc), as_json)
        return endpoint

    front: dict[str, Any] = {}  # the front page, kept until the store records another run

    def index(request: Request) -> Response:
        # Aggregating every event costs time linear in the store (134 ms at 10k
        # articles); every analyze records a run after its corpus passes, so the
        # newest run says whether the figures can have changed.
        state = _store_state(store)
        if front.get("state") != state:
            front.update(state=state, context=pages.index_page(store))
        return _respond(front["context"], request.url.path.endswith(".json"))

    def search(request: Request) -> Response:
        try:
            number = int(request.query_params.get("page", "1"))
        except ValueError:
            return _error(400, "page must be a whole number", request.url.path.endswith(".json"))
        return _respond(pages.search_page(store, request.query_params.get("q", ""), number), request.url.path.endswith(".json"))

    async def http_error(request: Request, exc: Exception) -> Response:
        status = exc.status_code if isinstance(exc, HTTPException) else 500
        return _error(status, "no such page" if status == 404 else _REASONS.get(status, "error"),
                      request.url.path.endswith(".json"))

    async def server_error(request: Request, exc: Exception) -> Response:
        logger.exception("error serving %s", request.url.path)
        return _error(500, "the page could not be built; the server log has the details", request.url.path.endswith(".json"))

    @contextlib.asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        # Pages are built in a worker thread and hold the GIL most of the time: more
        # threads only add contention (16 connections on a 10k store: 93 pages/s with
        # one thread, 67 with two, 45 with anyio's default 40). More throughput comes
        # from more processes (`newsprism serve --workers N`).
        anyio.to_thread.current_default_thread_limiter().total_tokens = PAGE_THREADS
        yield

    get = ["GET", "HEAD"]
    routes = [
        Route("/", index, methods=get),
        Route("/index.json", index, methods=get),
        Route("/search", search, methods=get),
        Route("/search.json", search, methods=get),
        Route("/events/{key}", page(lambda k: pages.event_page(store, k)), methods=get),
        Route("/articles/{key}", page(lambda k: pages.article_page(store, k)), methods=get),
        Route("/entities/{key}", page(lambda k: pages.entity_page(store, k)), methods=get),
        Route("/outlets/{key:path}", page(lambda k: pages.outlet_page(store, k)), methods=get),
    ]
    middleware = [Middleware(TrustedHostMiddleware, allowed_hosts=allowed_hosts)] if allowed_hosts else []
    return Starlette(routes=routes, middleware=middleware, lifespan=lifespan,
                     exception_handlers={HTTPException: http_error, 500: server_error})


def app_from_environment() -> Starlette:
    """The app for one of ``newsprism serve --workers N``'s processes: each opens the
    store named in ``NEWSPRISM_SERVE_DB`` itself (uvicorn starts workers by import path)."""
    import os

    from ..store import open_store

    store = open_store(os.environ["NEWSPRISM_SERVE_DB"], create=False)
    hosts = os.environ.get("NEWSPRISM_SERVE_HOSTS")
    return create_app(store, allowed_hosts=hosts.split(",") if hosts else None)
