"""``coach partner --serve``: the partner view offered to a browser by textual-serve.

The real command runs in a subprocess with its own COACH_HOME; its page is
fetched over HTTP on localhost, and a websocket (what the browser opens)
starts a partner view whose screen comes back. Only loopback addresses.
"""

from __future__ import annotations

import asyncio
import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from coach.cli import main
from coach.tui import serve

ROOT = Path(__file__).resolve().parents[3]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def fetch(url: str) -> tuple[int, str]:
    with urllib.request.urlopen(url, timeout=10) as response:
        return response.status, response.read().decode("utf-8")


@pytest.fixture
def served(tmp_path: Path) -> Iterator[tuple[int, subprocess.Popen[str]]]:
    port = free_port()
    env = dict(os.environ, COACH_HOME=str(tmp_path / "home"), PYTHONPATH=str(ROOT))
    proc = subprocess.Popen(
        [sys.executable, "-m", "coach", "partner", "--serve", "--port", str(port)],
        env=env,
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                break
        except OSError:
            if proc.poll() is not None:
                pytest.fail(f"coach partner --serve stopped: {proc.stdout.read()}")  # type: ignore[union-attr]
            time.sleep(0.1)
    else:
        proc.kill()
        pytest.fail("coach partner --serve did not listen within 30 s")
    yield port, proc
    if proc.poll() is None:
        proc.kill()
        proc.wait(10)


async def _partner_screen(port: int) -> bytes:
    """Open the page's websocket as the browser does; what the partner view draws."""
    import aiohttp

    seen = b""
    async with (
        aiohttp.ClientSession() as session,
        session.ws_connect(f"ws://127.0.0.1:{port}/ws?width=80&height=24") as ws,
    ):
        deadline = time.monotonic() + 30
        while b"Waiting" not in seen and time.monotonic() < deadline:
            try:
                message = await ws.receive(timeout=max(0.1, deadline - time.monotonic()))
            except TimeoutError:
                break
            if message.type == aiohttp.WSMsgType.BINARY:
                seen += message.data
            elif message.type == aiohttp.WSMsgType.TEXT:
                seen += message.data.encode()
            elif message.type in (aiohttp.WSMsgType.CLOSE, aiohttp.WSMsgType.CLOSED):
                break
    return seen


def test_serves_the_partner_view_on_localhost(served: tuple[int, subprocess.Popen[str]]) -> None:
    port, proc = served
    status, page = fetch(f"http://127.0.0.1:{port}/")
    assert status == 200
    assert "textual-terminal" in page and "js/textual.js" in page  # textual-serve's page
    assert "Call Coach: partner" in page
    # Everything it loads comes from this server: no web font, no CDN.
    assert "googleapis" not in page
    for url in re.findall(r"(?:https?|wss?)://[^\"' )]+", page):
        if url == "http://www.w3.org/2000/svg":
            continue  # the logo's XML namespace: a name, never fetched
        assert url.split("/")[2] == f"127.0.0.1:{port}", url
    assert f'data-session-websocket-url="ws://127.0.0.1:{port}/ws"' in page
    status, script = fetch(f"http://127.0.0.1:{port}/static/js/textual.js")
    assert status == 200 and len(script) > 1000
    # A browser tab: the partner view itself runs and draws (nothing recorded yet).
    assert b"Waiting" in asyncio.run(_partner_screen(port))

    proc.send_signal(signal.SIGINT)
    out, _ = proc.communicate(timeout=20)
    assert proc.returncode == 0, out
    assert f"http://localhost:{port}/" in out and "ssh -L" in out
    assert "Traceback" not in out


# -- the command line, without a server -----------------------------------------


def test_host_and_port_need_serve(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["partner", "--port", "8000"]) == 2
    assert "go with --serve" in capsys.readouterr().err
    assert main(["partner", "--serve", "--port", "70000"]) == 2
    assert "1 to 65535" in capsys.readouterr().err


def test_without_the_extra_it_says_how_to_install_it(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setitem(sys.modules, "textual_serve", None)  # as if not installed
    monkeypatch.setitem(sys.modules, "textual_serve.server", None)
    assert main(["partner", "--serve"]) == 1
    message = capsys.readouterr().err
    assert "pip install 'call-coach[serve]'" in message
    assert "Traceback" not in message


def test_a_busy_port_is_a_clear_message(capsys: pytest.CaptureFixture[str]) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        assert main(["partner", "--serve", "--host", "127.0.0.1", "--port", str(port)]) == 1
    assert f"port {port}" in capsys.readouterr().err


def test_the_page_loses_its_web_font() -> None:
    stock = (
        '<link rel="stylesheet" href="x.css" />\n    <link\n      rel="stylesheet"\n'
        '      href="https://fonts.googleapis.com/css?family=Roboto%20Mono"\n    />\n'
        "<script></script>"
    )
    assert (
        serve.page_source(stock) == '<link rel="stylesheet" href="x.css" />\n    <script></script>'
    )


def test_banners_say_who_can_reach_it() -> None:
    local = serve.banner("localhost", 8000)
    assert "http://localhost:8000/" in local and "ssh -L 8000:localhost:8000" in local
    shared = serve.banner("0.0.0.0", 8123)
    assert "no password" in shared
    assert f"http://{socket.gethostname()}:8123/" in shared
    assert "127.0.0.1" not in shared
    assert serve.reach_urls("192.0.2.7", 9000) == ["http://192.0.2.7:9000/"]
    assert serve.reach_urls("fe80::1", 9000) == ["http://[fe80::1]:9000/"]


def test_only_the_closed_loop_noise_of_a_finished_tab_is_dropped() -> None:
    from asyncio.base_subprocess import BaseSubprocessTransport
    from types import SimpleNamespace

    from coach.tui.serve import quiet_closed_loop

    reported: list[object] = []
    noise = SimpleNamespace(
        exc_value=RuntimeError("Event loop is closed"), object=BaseSubprocessTransport.__del__
    )
    quiet_closed_loop(noise, reported.append)
    assert reported == []
    other = SimpleNamespace(exc_value=RuntimeError("something else"), object=noise.object)
    elsewhere = SimpleNamespace(exc_value=RuntimeError("Event loop is closed"), object=print)
    quiet_closed_loop(other, reported.append)
    quiet_closed_loop(elsewhere, reported.append)
    assert reported == [other, elsewhere]
