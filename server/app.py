"""The reference central server: `create_app(db_url, demo)` builds the FastAPI application."""

from __future__ import annotations

import time
from collections.abc import Awaitable, Callable

from fastapi import FastAPI, Query, Request, Response
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse
from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from server import schemas
from server.auth import authenticate
from server.db import make_engine, make_sessions
from server.enrolment import enrol
from server.errors import ApiError, api_error_handler, error_body
from server.ingest import BatchIngest
from server.models import Decision, Event, IdentityRegistration, Terminal
from server.verify_page import render_by_number, render_verification
from wirecontract import protocol as p
from wirecontract.receipt import receipt_of

_ERRORS: dict[int | str, dict[str, object]] = {
    400: {"model": schemas.ErrorResponse},
    401: {"model": schemas.ErrorResponse},
    403: {"model": schemas.ErrorResponse},
    404: {"model": schemas.ErrorResponse},
    409: {"model": schemas.ErrorResponse},
    422: {"model": schemas.ErrorResponse},
}


def create_app(db_url: str, demo: bool = False) -> FastAPI:
    engine = make_engine(db_url)
    sessions = make_sessions(engine)
    app = FastAPI(
        title="上门服务证 central server",
        version="1.0",
        description="Reference implementation of the terminal sync protocol (docs/sync-protocol.md).",
    )
    app.state.sessions = sessions
    app.state.demo = demo
    app.add_exception_handler(ApiError, api_error_handler)
    app.add_exception_handler(RequestValidationError, _validation_error)

    @app.middleware("http")
    async def server_time_header(request: Request, call_next: Callable[[Request], Awaitable[Response]]) -> Response:
        response = await call_next(request)
        response.headers[p.HEADER_SERVER_TIME] = p.iso(p.utc_now())
        return response

    @app.get(p.TIME_PATH, response_model=schemas.TimeResponse)
    async def server_time() -> dict[str, str]:
        return {"server_time": p.iso(p.utc_now())}

    @app.post(p.ENROL_PATH, response_model=schemas.EnrolResponse, responses=_ERRORS)
    async def enrol_terminal(body: schemas.EnrolRequest) -> dict[str, str]:
        with sessions.begin() as session:
            terminal = enrol(
                session,
                body.code,
                body.public_key,
                body.proof,
                body.agency_id,
                body.agency_name,
                body.terminal_name,
            )
            return {
                "terminal_id": terminal.id,
                "agency_id": terminal.agency_id,
                "key_id": terminal.key_id,
                "server_time": p.iso(p.utc_now()),
            }

    @app.post(p.PUSH_PATH, response_model=schemas.PushResponse, responses=_ERRORS)
    async def push(body: schemas.PushRequest, request: Request) -> dict[str, object]:
        terminal = await _signed_terminal(sessions, request)
        with sessions.begin() as session:
            wire = [event.model_dump() for event in body.events]
            verdicts = BatchIngest(session, terminal, demo, p.utc_now()).run(wire)
        return {"results": [v.to_json() for v in verdicts], "server_time": p.iso(p.utc_now())}

    @app.get(p.PULL_PATH, response_model=schemas.PullResponse, responses=_ERRORS)
    async def pull(
        request: Request, cursor: str = "", limit: int = Query(p.DEFAULT_PULL_LIMIT, ge=1, le=5000)
    ) -> dict[str, object]:
        terminal = await _signed_terminal(sessions, request)
        if cursor and not cursor.isdigit():
            raise ApiError(400, p.ErrorCode.BAD_CURSOR, "the cursor was not issued by this server")
        since = int(cursor or 0)
        with sessions() as session:
            query = (
                select(Decision)
                .where(Decision.seq > since)
                .where((Decision.agency_id.is_(None)) | (Decision.agency_id == terminal.agency_id))
                .order_by(Decision.seq)
                .limit(limit + 1)
            )
            rows = list(session.scalars(query))
        more = len(rows) > limit
        rows = rows[:limit]
        changes = [{"seq": r.seq, "kind": r.kind, "data": r.data} for r in rows]
        next_cursor = str(rows[-1].seq) if rows else str(since)
        return {"changes": changes, "cursor": next_cursor, "more": more, "server_time": p.iso(p.utc_now())}

    @app.get(p.RECEIPT_PATH, response_model=schemas.ReceiptResponse, responses=_ERRORS)
    async def receipt(request: Request) -> dict[str, object]:
        terminal = await _signed_terminal(sessions, request)
        with sessions() as session:
            held = select(Event.event_id).where(
                Event.terminal_id == terminal.id, Event.status == p.EventStatus.ACCEPTED.value
            )
            result = receipt_of(session.scalars(held))
        return {"terminal_id": terminal.id, **result.to_json(), "server_time": p.iso(p.utc_now())}

    @app.post(p.IDENTITY_STATUS_PATH, response_model=schemas.IdentityStatusResponse, responses=_ERRORS)
    async def identity_status(body: schemas.IdentityStatusRequest, request: Request) -> dict[str, object]:
        """Registration asks before saving: one agency per person (谁发证谁负责)."""
        terminal = await _signed_terminal(sessions, request)
        with sessions() as session:
            entry = session.get(IdentityRegistration, body.id_number.upper())
        here = entry is not None and entry.agency_id == terminal.agency_id
        return {"registered_here": here, "registered_elsewhere": entry is not None and not here,
                "server_time": p.iso(p.utc_now())}

    @app.get("/V/{payload}", response_class=HTMLResponse)
    async def verification_page(payload: str, request: Request) -> HTMLResponse:
        """The page a phone opens from the credential's QR code (the URL is signed in upper case)."""
        scanned = str(request.base_url).rstrip("/").upper() + "/V/" + payload
        with sessions() as session:
            status_code, html = render_verification(session, scanned, allow_demo=demo)
        return HTMLResponse(html, status_code=status_code)

    @app.get("/c/{credential_no}", response_class=HTMLResponse)
    async def status_page(credential_no: str) -> HTMLResponse:
        """Live status by credential number, for centre staff and agencies."""
        with sessions() as session:
            status_code, html = render_by_number(session, credential_no)
        return HTMLResponse(html, status_code=status_code)

    @app.get("/healthz")
    async def health() -> dict[str, object]:
        with sessions() as session:
            terminals = session.scalar(select(func.count()).select_from(Terminal)) or 0
        return {"ok": True, "demo": demo, "terminals": terminals, "server_time": p.iso(p.utc_now())}

    return app


async def _signed_terminal(sessions: sessionmaker[Session], request: Request) -> Terminal:
    body = await request.body()
    target = request.url.path + (f"?{request.url.query}" if request.url.query else "")
    with sessions.begin() as session:
        return authenticate(session, request.method, target, request.headers, body, int(time.time()))


async def _validation_error(_request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, RequestValidationError)
    first = exc.errors()[0] if exc.errors() else {}
    where = ".".join(str(part) for part in first.get("loc", ()))
    return JSONResponse(error_body(p.ErrorCode.BAD_REQUEST.value, f"invalid request at {where}"), status_code=422)
