"""`resume serve`: render over HTTP (renderer/service.py says what it answers)."""

from __future__ import annotations

from typing import Annotated

import typer

from renderer.cli.app import app
from renderer.cli.common import fail


@app.command(short_help="Serve renders over HTTP: POST /render, /check (extra [serve]).")
def serve(
    host: Annotated[str, typer.Option(help="The address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(min=1, max=65535, help="The port to listen on.")] = 8000,
    workers: Annotated[
        int, typer.Option(min=0, help="Worker processes (default: one per processor).")
    ] = 0,
) -> None:
    """Render profiles sent as JSON over HTTP: POST /render returns the file, POST /check an
    ATS read-back, GET /themes and GET /health. Nothing is read from or written to disk for a
    request. Stops cleanly on Ctrl-C or SIGTERM."""
    try:
        import uvicorn
    except ImportError:
        raise fail(
            "resume serve needs the serve extra: pip install 'resume-renderer[serve]'"
        ) from None
    from renderer.jobs.parallel import cpus

    uvicorn.run(
        "renderer.service:app",
        host=host,
        port=port,
        workers=workers or cpus(),
        log_level="warning",
        timeout_keep_alive=5,
        timeout_graceful_shutdown=10,
    )
