"""The web page as a Starlette app: routes, templates, limits and headers. Checking is `jobs.JobStore`'s.

Routes: ``/`` the page; ``POST /api/check`` an upload (multipart, field ``files``) that starts a job;
``/api/jobs/{id}`` its progress (JSON); ``/jobs/{id}/results`` its findings (an HTML fragment);
``/jobs/{id}/file/{n}``, ``/jobs/{id}/rekap``, ``/jobs/{id}/all.zip`` downloads; ``DELETE /api/jobs/{id}``
(or ``POST .../delete``, for navigator.sendBeacon) removes it; ``/template.xlsx`` the blank template.
"""

from __future__ import annotations

import asyncio
import contextlib
import datetime
import re
import shutil
import tempfile
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import jinja2
from starlette.applications import Starlette
from starlette.background import BackgroundTask
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.middleware.trustedhost import TrustedHostMiddleware
from starlette.requests import Request
from starlette.responses import FileResponse, HTMLResponse, JSONResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles
from starlette.templating import Jinja2Templates
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from ..config import Config, Options
from ..model import Finding, PkError
from .jobs import Busy, Job, JobStore, TooManyFiles
from .texts import texts

HERE = Path(__file__).resolve().parent
_JOB_ID = re.compile(r"^[A-Za-z0-9_-]{20,64}$")
_FINDINGS_SHOWN = 300
_CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
    "frame-ancestors 'none'; base-uri 'none'; form-action 'self'"
)


def _lang(request: Request) -> str:
    """The visitor's choice (the switch sets a cookie), else the server's language."""
    asked = request.query_params.get("lang") or request.cookies.get("pk_lang") or request.app.state.lang
    return "en" if asked == "en" else "id"


class _Headers:
    """Security headers on every response; nothing the page shows is cached."""

    def __init__(self, app: ASGIApp):
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            return await self.app(scope, receive, send)

        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                names = {k.lower() for k, _ in headers}
                for k, v in (
                    (b"content-security-policy", _CSP.encode()),
                    (b"x-content-type-options", b"nosniff"),
                    (b"referrer-policy", b"no-referrer"),
                    (b"x-frame-options", b"DENY"),
                    (b"cache-control", b"no-store"),
                ):
                    if k not in names:
                        headers.append((k, v))
                message = {**message, "headers": headers}
            await send(message)

        await self.app(scope, receive, with_headers)


def create_app(
    *,
    options: Options | None = None,
    jobs: int | None = None,
    max_upload_mb: int = 200,
    allowed_hosts: list[str] | None = None,
    ttl: float = 3600.0,
) -> Starlette:
    """The app. `allowed_hosts` guards against DNS rebinding (default: localhost names only)."""
    options = options or Options(config=Config())
    max_upload = max_upload_mb * 1024 * 1024
    store = JobStore(options=options, jobs=jobs, ttl=ttl)
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(HERE / "templates")),
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    templates = Jinja2Templates(env=env)

    def error(request: Request, key: str, status: int, **fmt: object) -> JSONResponse:
        return JSONResponse({"message": texts(_lang(request))[key].format(**fmt)}, status_code=status)

    def job_or_404(request: Request) -> Job:
        job_id = request.path_params["job_id"]
        job = store.get(job_id) if _JOB_ID.match(job_id) else None
        if job is None:
            raise HTTPException(404, texts(_lang(request))["error_not_found"])
        return job

    async def index(request: Request) -> Response:
        lang = _lang(request)
        t = texts(lang)
        response = templates.TemplateResponse(
            request,
            "index.html",
            {
                "t": t,
                "lang": lang,
                "mb": max_upload_mb,
                "year": datetime.date.today().year,
                "accepts": t["accepts"].format(mb=max_upload_mb),
            },
        )
        if request.query_params.get("lang") in ("id", "en"):
            response.set_cookie("pk_lang", lang, samesite="strict", httponly=True, max_age=365 * 86400)
        return response

    async def upload(request: Request) -> Response:
        origin = request.headers.get("origin")
        if origin is not None and origin.rstrip("/") != f"{request.url.scheme}://{request.url.netloc}":
            return error(request, "error_origin", 403)
        try:
            if int(request.headers.get("content-length") or 0) > max_upload:
                return error(request, "error_too_big", 413, mb=max_upload_mb)
        except ValueError:
            return error(request, "error_form", 400)
        lang = _lang(request)
        request = Request(request.scope, _limited(request.receive, max_upload + 64 * 1024))
        try:
            job = store.create(lang)
        except Busy:
            return error(request, "error_busy", 503)
        try:
            try:
                async with request.form(
                    max_files=10 * store.max_files, max_fields=10, max_part_size=1024
                ) as form:
                    uploads = [f for f in form.getlist("files") if isinstance(f, UploadFile)]
                    if not uploads:
                        store.remove(job.id)
                        return error(request, "error_form", 400)
                    for f in uploads:
                        await f.seek(0)
                        await run_in_threadpool(store.add_upload, job, f.filename or "", f.file)
            except _TooLarge:
                store.remove(job.id)
                return error(request, "error_too_big", 413, mb=max_upload_mb)
            except HTTPException:
                store.remove(job.id)
                return error(request, "error_form", 400)
            except TooManyFiles as e:
                store.remove(job.id)
                return error(request, "error_too_many", 413, n=e.limit)
            except Exception:  # noqa: BLE001 - a malformed multipart body
                store.remove(job.id)
                return error(request, "error_form", 400)
        except BaseException:
            store.remove(job.id)
            raise
        store.start(job)
        return JSONResponse({"id": job.id, "files": len(job.entries)}, status_code=202)

    async def progress(request: Request) -> Response:
        return JSONResponse(job_or_404(request).progress())

    async def results(request: Request) -> Response:
        job = job_or_404(request)
        lang = _lang(request)
        if job.state != "done":
            return HTMLResponse("", status_code=409)
        return templates.TemplateResponse(
            request, "_results.html", {"t": texts(lang), "lang": lang, **_results_context(job, lang)}
        )

    async def download_file(request: Request) -> Response:
        job = job_or_404(request)
        outputs = job.outputs()
        n = request.path_params["n"]
        if job.state != "done" or not 0 <= n < len(outputs):
            raise HTTPException(404, texts(_lang(request))["error_not_found"])
        entry = outputs[n]
        return FileResponse(entry.output, filename=entry.download_name, media_type=_XLSX)

    async def download_rekap(request: Request) -> Response:
        job = job_or_404(request)
        if job.state != "done":
            raise HTTPException(404, texts(_lang(request))["error_not_found"])
        path = store.rekap(job)
        return FileResponse(path, filename=path.name, media_type=_XLSX)

    async def download_all(request: Request) -> Response:
        job = job_or_404(request)
        if job.state != "done":
            raise HTTPException(404, texts(_lang(request))["error_not_found"])
        return FileResponse(store.bundle(job), filename="pk-excel-hasil.zip", media_type="application/zip")

    async def delete(request: Request) -> Response:
        job_id = request.path_params["job_id"]
        found = bool(_JOB_ID.match(job_id)) and store.remove(job_id)
        return Response(status_code=204 if found else 404)

    async def template(request: Request) -> Response:
        from ..template import write_template

        lang = _lang(request)
        try:
            tahun = int(request.query_params.get("tahun") or datetime.date.today().year)
            if not 2000 <= tahun <= 2100:
                raise ValueError
        except ValueError:
            return error(request, "error_template", 400)
        unit = "".join(ch for ch in request.query_params.get("unit", "") if ch.isprintable()).strip()[:200]
        unit = unit.lstrip("=+-@ ")  # the template writes the name with xlsxwriter's write(): never a formula
        folder = Path(tempfile.mkdtemp(prefix="template-", dir=store.root))
        try:
            path = write_template(
                folder / f"pk-template-{tahun}.xlsx", tahun, unit or "NAMA UNIT KERJA", lang=lang
            )
        except (PkError, OSError):
            shutil.rmtree(folder, ignore_errors=True)
            raise
        return FileResponse(
            path,
            filename=path.name,
            media_type=_XLSX,
            background=BackgroundTask(shutil.rmtree, folder, ignore_errors=True),
        )

    async def http_error(request: Request, exc: Exception) -> Response:
        if not isinstance(exc, HTTPException):  # registered for HTTPException only
            raise exc
        if request.url.path.startswith("/api/") or exc.status_code != 404:
            return JSONResponse({"message": exc.detail}, status_code=exc.status_code)
        return HTMLResponse(
            f"<p>{jinja2.utils.markupsafe.escape(exc.detail)}</p>", status_code=exc.status_code
        )

    @contextlib.asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        async def sweep() -> None:
            while True:
                await asyncio.sleep(min(60.0, max(ttl / 4, 1.0)))
                await run_in_threadpool(store.expire)

        sweeper = asyncio.get_running_loop().create_task(sweep())
        try:
            yield
        finally:
            sweeper.cancel()
            store.close()

    hosts = allowed_hosts or ["127.0.0.1", "localhost", "[::1]", "testserver"]
    app = Starlette(
        routes=[
            Route("/", index),
            Route("/api/check", upload, methods=["POST"]),
            Route("/api/jobs/{job_id}", progress),
            Route("/api/jobs/{job_id}", delete, methods=["DELETE"]),
            Route("/api/jobs/{job_id}/delete", delete, methods=["POST"]),
            Route("/jobs/{job_id}/results", results),
            Route("/jobs/{job_id}/file/{n:int}", download_file),
            Route("/jobs/{job_id}/rekap", download_rekap),
            Route("/jobs/{job_id}/all.zip", download_all),
            Route("/template.xlsx", template),
            Mount("/static", StaticFiles(directory=str(HERE / "static")), name="static"),
        ],
        middleware=[Middleware(TrustedHostMiddleware, allowed_hosts=hosts), Middleware(_Headers)],
        exception_handlers={HTTPException: http_error},
        lifespan=lifespan,
    )
    app.state.store = store
    app.state.lang = options.language
    return app


class _TooLarge(Exception):
    """The request body went over the upload limit (a missing or false Content-Length)."""


def _limited(receive: Receive, limit: int) -> Receive:
    """`receive` that counts the body and stops it once it passes `limit` bytes."""
    seen = 0

    async def wrapped() -> Message:
        nonlocal seen
        message = await receive()
        if message["type"] == "http.request":
            seen += len(message.get("body", b""))
            if seen > limit:
                raise _TooLarge()
        return message

    return wrapped


_XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _where(f: Finding) -> str:
    if f.cell:
        return f"{f.sheet}!{f.cell}" if f.sheet else f.cell
    if f.row:
        return f"{f.sheet or ''} r{f.row}".strip()
    return f.sheet or ""


def _results_context(job: Job, lang: str) -> dict[str, Any]:
    from ..rules.registry import all_rules

    summaries = {m.ID: (m.SUMMARY_EN if lang == "en" else m.SUMMARY) for m in all_rules()}
    outputs = job.outputs()
    files = []
    totals = {"e": 0, "w": 0, "i": 0, "x": 0}
    for e in job.entries:
        fr = e.report
        if fr is None:
            continue
        counts = {s: fr.count(s) for s in ("error", "warning", "info")}
        totals["e"] += counts["error"]
        totals["w"] += counts["warning"]
        totals["i"] += counts["info"]
        totals["x"] += fr.status == "error"
        if fr.status == "error":
            status = "error"
        elif counts["error"]:
            status = "errors"
        elif counts["warning"]:
            status = "warnings"
        else:
            status = "ok"
        doc = fr.document
        files.append(
            {
                "name": e.display,
                "status": status,
                "error": fr.error_in(lang),
                "counts": counts,
                "indicators": len(doc.indicators) if doc else 0,
                "unit": doc.unit if doc else None,
                "year": doc.year if doc else None,
                "download": outputs.index(e) if e in outputs else None,
                "download_name": e.download_name,
                "findings": [
                    {
                        "severity": f.severity,
                        "where": _where(f),
                        "message": f.message(lang),
                        "found": f.found,
                        "expected": f.expected,
                        "rule": f.rule,
                        "rule_summary": summaries.get(f.rule, ""),
                    }
                    for f in fr.findings[:_FINDINGS_SHOWN]
                ],
                "more": max(0, len(fr.findings) - _FINDINGS_SHOWN),
                "warnings": [w for w in fr.warnings if w],
            }
        )
    return {
        "job": job,
        "files": files,
        "totals": totals,
        "n_outputs": len(outputs),
        "open_all": len(files) <= 3,
    }
