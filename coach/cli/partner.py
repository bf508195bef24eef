"""``coach partner [--serve [--host H] [--port P]]``: the partner's view of a rehearsal.

In this terminal, or with ``--serve`` in a browser (the optional extra
``call-coach[serve]``). Textual and the web server are imported when the
command runs, not before.
"""

from __future__ import annotations

import argparse

from coach.cli.status import ERROR, INTERRUPTED, SUCCESS, USAGE, err, refuse_dumb_terminal

DEFAULT_HOST = "localhost"
DEFAULT_PORT = 8000


def add_partner_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--serve",
        action="store_true",
        help="offer the partner view to a browser (needs: pip install 'call-coach[serve]')",
    )
    p.add_argument(
        "--host",
        metavar="H",
        help=f"with --serve: the address to listen on (default {DEFAULT_HOST}: this machine "
        "only; 0.0.0.0 for the local network, with no password)",
    )
    p.add_argument(
        "--port",
        type=int,
        metavar="P",
        help=f"with --serve: the port (default {DEFAULT_PORT})",
    )


def cmd_partner(args: argparse.Namespace) -> int:
    """``coach partner``: the partner app, or with ``--serve`` the web server for it."""
    host, port = getattr(args, "host", None), getattr(args, "port", None)
    if not getattr(args, "serve", False):
        if host is not None or port is not None:
            err("--host and --port go with --serve: coach partner --serve --port 8000")
            return USAGE
        if refuse_dumb_terminal():
            return USAGE
        from coach.tui.startup import leave_out_tls

        leave_out_tls()  # before Textual: no TLS in a terminal app (see coach.tui.startup)
        from coach.tui.partner import run_partner

        return run_partner()
    port = DEFAULT_PORT if port is None else port
    if not 1 <= port <= 65535:
        err(f"--port takes a port number from 1 to 65535, not {port}")
        return USAGE
    host = DEFAULT_HOST if host is None else host.strip()
    from coach.tui.serve import ServeMissing, make_server, port_free

    try:
        server = make_server(host, port)
    except ServeMissing as exc:
        err(str(exc))
        return ERROR
    busy = port_free(host, port)
    if busy is not None:
        err(
            f"cannot listen on {host or 'every address'} port {port} ({busy}): "
            "pick another with --port"
        )
        return ERROR
    try:
        server.serve()
    except KeyboardInterrupt:
        return INTERRUPTED
    return SUCCESS
