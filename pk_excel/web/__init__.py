"""`pk-excel serve`: the checker as a page in the browser, for people who never open a terminal.

An optional part (``pip install 'pk-excel[web]'``: Starlette, uvicorn, Jinja2, python-multipart). Nothing
here is imported by the command line until `serve` runs; `missing()` names what is not installed.
The page checks through the same library as the CLI (`batch.check_paths`, `rekap.write_rekap`,
`template.write_template`); see `jobs.py` for where files live and `app.py` for the routes.
"""

from __future__ import annotations

import importlib.util
import ipaddress
import multiprocessing
import socket
import sys
import threading
import webbrowser
from collections.abc import Callable
from typing import TYPE_CHECKING

from ..texts import WEB_OPEN, WEB_OPEN_TO_OTHERS, pick

if TYPE_CHECKING:
    from ..config import Options

REQUIRED = {
    "starlette": "starlette",
    "uvicorn": "uvicorn",
    "jinja2": "jinja2",
    "multipart": "python-multipart",
}


def missing() -> list[str]:
    """The packages of the web extra that are not installed (by their PyPI names)."""
    return [dist for module, dist in REQUIRED.items() if importlib.util.find_spec(module) is None]


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def bind(host: str, port: int) -> socket.socket:
    """A listening socket on host:port (port 0: a free one chosen by the system)."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    if sys.platform != "win32":  # on Windows SO_REUSEADDR would let another program take the same port
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((host.strip("[]"), port))
        sock.listen(64)
    except OSError:
        sock.close()
        raise
    sock.set_inheritable(False)
    return sock


def url_for(host: str, sock: socket.socket) -> str:
    port = sock.getsockname()[1]
    shown = "127.0.0.1" if host in ("0.0.0.0", "") else ("[::1]" if host in ("::", "[::]") else host)
    if ":" in shown and not shown.startswith("["):
        shown = f"[{shown}]"
    return f"http://{shown}:{port}/"


def url_for_others(host: str, sock: socket.socket) -> str:
    """The address other computers use to reach a page listening on `host`: for a wildcard host (0.0.0.0,
    ::) this computer's address on its network (the interface a route leaves by; no packet is sent), which
    0.0.0.0 itself is not."""
    port = sock.getsockname()[1]
    shown = host
    if host in ("0.0.0.0", "", "::", "[::]"):
        shown = "127.0.0.1"
        try:
            with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
                probe.connect(("10.254.254.254", 9))  # UDP connect: picks the outgoing interface, sends nothing
                shown = probe.getsockname()[0]
        except OSError:
            try:
                shown = socket.gethostbyname(socket.gethostname())
            except OSError:
                pass
    if ":" in shown and not shown.startswith("["):
        shown = f"[{shown}]"
    return f"http://{shown}:{port}/"


def serve(
    host: str = "127.0.0.1",
    port: int = 0,
    *,
    options: Options | None = None,
    open_browser: bool = True,
    jobs: int | None = None,
    max_upload_mb: int = 200,
    log: Callable[[str], None] = print,
    ready: Callable[[str], None] | None = None,
) -> None:
    """Run the page until Ctrl-C. Listens on `host` only (loopback by default); opens the browser.

    `options` (configuration, limits, language) are those of every check the page runs, as for `check`."""
    import uvicorn

    from ..config import Options
    from .app import create_app

    options = options or Options()

    # The checks of a batch run in a process pool started from a thread of this server: never fork this
    # multi-threaded process itself (a lock held by another thread would stay locked in the child).
    # (spawn, as on Windows: unlike forkserver it leaves no socket folder behind in TMP.)
    multiprocessing.set_start_method("spawn", force=True)
    sock = bind(host, port)
    url = url_for(host, sock)
    hosts = None if is_loopback(host) else ["*"]
    app = create_app(options=options, jobs=jobs, max_upload_mb=max_upload_mb, allowed_hosts=hosts)
    server = uvicorn.Server(uvicorn.Config(app, log_level="warning", lifespan="on", access_log=False))

    def announce() -> None:
        while not server.started and not server.should_exit:
            threading.Event().wait(0.05)
        if not server.started:
            return
        if ready is not None:
            ready(url)
        if open_browser:
            try:
                webbrowser.open(url)
            except Exception:  # noqa: BLE001 - no browser here: the printed address is enough
                pass

    log(pick(WEB_OPEN, options.language, url=url))
    if not is_loopback(host):
        log(pick(WEB_OPEN_TO_OTHERS, options.language, url=url_for_others(host, sock)))
    threading.Thread(target=announce, daemon=True).start()
    try:
        server.run(sockets=[sock])
    finally:
        sock.close()
