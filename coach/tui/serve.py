"""``coach partner --serve``: the partner view in a browser, through ``textual-serve``.

``textual-serve`` (the optional extra ``call-coach[serve]``) is a small web
server: each browser tab that opens the page starts its own ``coach partner``
process and talks to it over a websocket. Its page and script come from the
package itself; the one outside reference of its page (a web font) is taken
out here, so nothing is fetched from the internet, on this machine or the
partner's: the terminal font falls back to the browser's monospace one.

There is no password: on localhost only this machine's users can open it
(the default); with ``--host`` anyone who can reach that address can.
"""

from __future__ import annotations

import re
import socket
import sys
from pathlib import Path
from typing import Any

#: The web font the stock page loads from the internet (dropped, see above).
_WEB_FONT = re.compile(r"<link[^>]*fonts\.googleapis\.com[^>]*>\s*", re.S)

LOCAL_HOSTS = frozenset({"localhost", "127.0.0.1", "::1"})
ALL_HOSTS = frozenset({"0.0.0.0", "::", ""})

MISSING = (
    "`coach partner --serve` needs the optional web server: install it with\n"
    "    pip install 'call-coach[serve]'\n"
    "(or run `coach partner` in a terminal on this machine, for example over ssh)."
)


class ServeMissing(Exception):
    """textual-serve is not installed; the message says how to install it."""


def quiet_closed_loop(unraisable: Any, default: Any = sys.unraisablehook) -> None:
    """``sys.unraisablehook`` while the server runs: a browser tab's partner app
    ran as a subprocess, and its asyncio transport, freed after the loop has
    closed (a tab still closing when ctrl+c came), reports "Event loop is
    closed" with a traceback from ``__del__`` (an asyncio wart textual-serve
    does not handle). Only that is dropped; anything else is reported."""
    exc = unraisable.exc_value
    where = repr(getattr(unraisable, "object", None))
    closed = isinstance(exc, RuntimeError) and str(exc) == "Event loop is closed"
    if closed and "SubprocessTransport.__del__" in where:
        return
    default(unraisable)


def page_source(text: str) -> str:
    """The stock page without its reference to a web font on the internet."""
    return _WEB_FONT.sub("", text)


def reach_urls(host: str, port: int) -> list[str]:
    """The addresses a browser can open the page at, for ``--host host``."""
    if host not in ALL_HOSTS:
        shown = f"[{host}]" if ":" in host else host
        return [f"http://{shown}:{port}/"]
    names: list[str] = []
    try:
        infos = socket.getaddrinfo(socket.gethostname(), None, type=socket.SOCK_STREAM)
    except OSError:
        infos = []
    for family, *_rest, address in infos:
        ip = str(address[0])
        if ip.startswith("127.") or ip == "::1" or (family == socket.AF_INET6 and host != "::"):
            continue
        shown = f"[{ip}]" if ":" in ip else ip
        if shown not in names:
            names.append(shown)
    urls = [f"http://{name}:{port}/" for name in names]
    urls.append(f"http://{socket.gethostname()}:{port}/")
    return urls


def banner(host: str, port: int) -> str:
    """What ``--serve`` prints when it starts: where to open it, and who else can."""
    if host in LOCAL_HOSTS:
        return (
            f"The partner view is at http://localhost:{port}/ : open it in a browser on "
            "this machine.\nFrom another machine, forward the port over ssh: "
            f"ssh -L {port}:localhost:{port} THIS-HOST, then open the same address.\n"
            "Stop with ctrl+c."
        )
    urls = "\n".join(f"    {url}" for url in reach_urls(host, port))
    return (
        f"The partner view is served on {host or 'every address'} port {port}. Anyone "
        f"who can reach this machine there can open it, with no password:\n{urls}\n"
        "They see the rehearsal and can mark it. Stop with ctrl+c."
    )


def make_server(host: str, port: int, command: str | None = None) -> Any:
    """A textual-serve server running ``coach partner`` for each browser tab.

    Raises :class:`ServeMissing` without the extra.
    """
    try:
        import aiohttp_jinja2
        import jinja2
        from aiohttp import web
        from textual_serve.server import Server
    except ImportError as exc:
        raise ServeMissing(MISSING) from exc

    class PartnerServer(Server):
        """textual-serve with our page (no web font), our banner, and URLs of the request's host."""

        def __init__(self) -> None:
            super().__init__(
                command or f"{sys.executable} -m coach partner",
                host=host,
                port=port,
                title="Call Coach: partner",
            )

        async def _make_app(self) -> web.Application:
            app = await super()._make_app()
            stock = Path(self.templates_path)

            def load(name: str) -> str | None:
                path = stock / name
                return page_source(path.read_text("utf-8")) if path.is_file() else None

            aiohttp_jinja2.setup(app, loader=jinja2.FunctionLoader(load))
            return app

        async def handle_index(self, request: web.Request) -> Any:
            # The page names the websocket by full URL: the one the browser used,
            # so it works on every address (and through an ssh forward).
            self.public_url = f"{request.scheme}://{request.host}"
            return await super().handle_index(request)

        async def on_startup(self, app: web.Application) -> None:
            print(banner(host, port), flush=True)

        async def on_shutdown(self, app: web.Application) -> None:
            # The transports of tabs already closed are freed while the loop
            # still runs (see quiet_closed_loop for those still closing).
            import gc

            gc.collect()

        def serve(self, debug: bool = False) -> None:
            sys.unraisablehook = quiet_closed_loop
            super().serve(debug)

        def initialize_logging(self) -> None:
            import logging

            logging.basicConfig(level=logging.WARNING, format="%(message)s")

    return PartnerServer()


def port_free(host: str, port: int) -> str | None:
    """None when ``port`` can be listened on at ``host``, else why not."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((host or "0.0.0.0", port))
        except OSError as exc:
            return exc.strerror or str(exc)
    return None
