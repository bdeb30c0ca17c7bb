"""`resume serve`: the renderer as an HTTP service, for a job board or a careers office that
renders resumes for its users (install the extra: `pip install 'resume-renderer[serve]'`).

    POST /render  {"profile": {...}, "theme": "classic", "format": …, "tags": [...],
                   "exclude_tags": [...], "locale": "de", "page_size": "a4", "pages": 1}
                  -> the file, as `resume render` makes it (same bytes, same name)
    POST /check   {"file": "<base64>", "format": …, "profile": {...}, "theme": "classic"}
                  -> what an ATS reads back: {"ok", "problems", "warnings", "lines_found", …}
    GET  /themes  -> the built-in themes;   GET /health -> {"status": "ok", "version": …}

A profile is the JSON of one (or of a JSON Resume document); themes are the built-in ones by
name: a request never names a file, so nothing on the server's disk can be read through it.
Errors are JSON: 422 with the problems (each with its field) for a bad profile or argument,
400 for a body that is not JSON, 413 for a body over the limit, 408 for one that does not
arrive in time, and 503 (with Retry-After) when the renders waiting already fill the queue,
rather than a queue that grows without bound. Renders run one at a time in each worker
process (they are CPU work: two at once in one process only share it), and `resume serve`
starts one worker per processor; uvicorn stops them cleanly on SIGTERM.
"""

from __future__ import annotations

import asyncio
import base64
import binascii
import contextlib
import json
import os
from collections.abc import AsyncIterator
from typing import Any

from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.requests import ClientDisconnect, Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

import resume_renderer
from renderer import __version__
from renderer import formats as backends
from renderer.ats.check import check
from renderer.compose.resume import compose
from renderer.errors import InputError, Problem, RenderError
from renderer.theme.model import load_theme

MAX_BODY = int(os.environ.get("RESUME_SERVE_MAX_BODY", 1_048_576))  # a profile is a few KB
BODY_SECONDS = float(os.environ.get("RESUME_SERVE_BODY_SECONDS", 10))  # to send the body
QUEUE = int(os.environ.get("RESUME_SERVE_QUEUE", 16))  # renders waiting, per worker process
_RENDER_FIELDS = {"profile", "theme", "format", "tags", "exclude_tags", "locale", "page_size"}
_RENDER_FIELDS |= {"pages"}


class _Refused(Exception):
    def __init__(
        self, status: int, message: str, problems: list[dict[str, Any]] | None = None
    ) -> None:
        super().__init__(message)
        self.status, self.message, self.problems = status, message, problems or []

    def response(self) -> JSONResponse:
        headers = {"Retry-After": "1"} if self.status == 503 else None
        body = {"error": self.message, "problems": self.problems}
        return JSONResponse(body, status_code=self.status, headers=headers)


class _Queue:
    """One render at a time in this process, and at most QUEUE waiting for their turn."""

    def __init__(self, waiting: int) -> None:
        self.limit = waiting
        self.waiting = 0
        self.lock: asyncio.Lock | None = None  # made in the server's event loop

    async def run(self, work: Any, *args: Any) -> Any:
        if self.waiting >= self.limit:
            raise _Refused(503, "busy: too many renders waiting; try again in a moment")
        self.lock = self.lock or asyncio.Lock()
        self.waiting += 1
        try:
            async with self.lock:
                return await run_in_threadpool(work, *args)
        finally:
            self.waiting -= 1


_queue = _Queue(QUEUE)


async def _json_body(request: Request) -> dict[str, Any]:
    """The request's JSON object, read within the limits of size and time."""
    declared = request.headers.get("content-length")
    if declared and declared.isdigit() and int(declared) > MAX_BODY:
        raise _Refused(413, f"the body is over {MAX_BODY:,} bytes")
    chunks: list[bytes] = []
    size = 0

    async def read() -> None:
        nonlocal size
        async for chunk in request.stream():
            size += len(chunk)
            if size > MAX_BODY:
                raise _Refused(413, f"the body is over {MAX_BODY:,} bytes")
            chunks.append(chunk)

    try:
        await asyncio.wait_for(read(), BODY_SECONDS)
    except TimeoutError:
        raise _Refused(408, f"the body did not arrive within {BODY_SECONDS:g} s") from None
    except ClientDisconnect:
        raise _Refused(400, "the client went away before sending the body") from None
    try:
        data = json.loads(b"".join(chunks) or b"null")
    except (ValueError, UnicodeDecodeError) as error:
        raise _Refused(400, f"the body is not JSON: {error}") from None
    if not isinstance(data, dict):
        raise _Refused(400, "the body must be a JSON object")
    return data


def _problems(error: InputError | RenderError) -> list[dict[str, Any]]:
    found = error.problems if isinstance(error, InputError) else [Problem("", str(error))]
    return [
        {
            "message": p.message,
            "field": ".".join(str(part) for part in p.path) or None,
            "line": p.line,
            "column": p.column,
        }
        for p in found
    ]


def _options(data: dict[str, Any]) -> dict[str, Any]:
    unknown = sorted(set(data) - _RENDER_FIELDS - {"file"})
    if unknown:
        raise _Refused(422, f"unknown fields: {', '.join(unknown)}")
    if not isinstance(data.get("profile"), dict):
        raise _Refused(422, "give the profile as a JSON object under 'profile'")
    theme = data.get("theme", "classic")
    if theme not in resume_renderer.themes():  # names only: never a folder on this server
        raise _Refused(422, f"unknown theme {theme!r}; the themes: {resume_renderer.themes()}")
    fmt = data.get("format", resume_renderer.formats()[0])
    if fmt not in resume_renderer.formats():
        raise _Refused(422, f"unknown format {fmt!r}; the formats: {resume_renderer.formats()}")
    return {"theme": theme, "format": fmt}


def _render(data: dict[str, Any], theme: str, fmt: str) -> resume_renderer.Output:
    return resume_renderer.render(
        data["profile"],
        theme=theme,
        formats=fmt,
        tags=data.get("tags") or (),
        exclude_tags=data.get("exclude_tags") or (),
        locale=data.get("locale"),
        page_size=data.get("page_size"),
        pages=data.get("pages"),
    )[0]


async def render(request: Request) -> Response:
    try:
        data = await _json_body(request)
        chosen = _options(data)
        output = await _queue.run(_render, data, chosen["theme"], chosen["format"])
    except _Refused as refused:
        return refused.response()
    except (InputError, RenderError) as error:
        return _Refused(422, "the profile cannot be rendered", _problems(error)).response()
    headers = {"Content-Disposition": f'attachment; filename="{output.name}"'}
    if output.pages is not None:
        headers["X-Pages"] = str(output.pages)
    media_type = backends.get(output.format).media_type
    return Response(output.data, media_type=media_type, headers=headers)


def _check(data: dict[str, Any], theme: str, fmt: str, file: bytes) -> dict[str, Any]:
    profile = resume_renderer.load(data["profile"])
    document = compose(profile, load_theme(theme), list(data.get("tags") or ()))
    report = check(backends.get(fmt), file, document, f"file.{fmt}")
    return {
        "ok": report.ok,
        "problems": report.problems,
        "warnings": report.warnings,
        "lines_found": report.lines_found,
        "lines_total": report.lines_total,
    }


async def check_file(request: Request) -> Response:
    try:
        data = await _json_body(request)
        chosen = _options(data)
        try:
            file = base64.b64decode(str(data.get("file", "")), validate=True)
        except (binascii.Error, ValueError):
            raise _Refused(422, "give the file as base64 under 'file'") from None
        if not file:
            raise _Refused(422, "give the file as base64 under 'file'")
        report = await _queue.run(_check, data, chosen["theme"], chosen["format"], file)
    except _Refused as refused:
        return refused.response()
    except (InputError, RenderError) as error:
        return _Refused(422, "the profile cannot be read", _problems(error)).response()
    return JSONResponse(report)


async def themes(request: Request) -> Response:
    return JSONResponse({"themes": resume_renderer.themes(), "formats": resume_renderer.formats()})


async def health(request: Request) -> Response:
    return JSONResponse({"status": "ok", "version": __version__, "waiting": _queue.waiting})


@contextlib.asynccontextmanager
async def _warm(app: Starlette) -> AsyncIterator[None]:
    """Each worker renders once before its first request: libraries, fonts and templates are
    loaded then, not in a user's request."""
    for theme in resume_renderer.themes():
        await run_in_threadpool(
            resume_renderer.render, {"name": "Warm Up", "summary": "Ready."}, theme
        )
    yield


app = Starlette(
    lifespan=_warm,
    routes=[
        Route("/render", render, methods=["POST"]),
        Route("/check", check_file, methods=["POST"]),
        Route("/themes", themes, methods=["GET"]),
        Route("/health", health, methods=["GET"]),
    ],
)
