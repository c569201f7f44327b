"""`streamlit run`, with Nagle's algorithm off on the server's connections.

    python -m dashboard.serve dashboard/app.py [streamlit run options]

Streamlit 1.67 (uvicorn) binds its listening socket itself, with protocol 0, and asyncio turns on
TCP_NODELAY only for sockets whose protocol is IPPROTO_TCP. So every response after the first on a
keep-alive connection waits for the browser's delayed ACK, about 40 ms: a first page load fetches some
hundred script chunks over six connections, and the map's own chunks queue behind the widgets' (measured:
a 124-byte file took 44 ms on a reused connection, 2 ms on a new one). Linux passes TCP_NODELAY from the
listening socket on to the connections it accepts, so setting it there is enough.
"""

from __future__ import annotations

import functools
import socket
import sys


def _without_nagle(bind):
    @functools.wraps(bind)
    def bind_socket(*args, **kwargs) -> socket.socket:
        sock = bind(*args, **kwargs)
        sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        return sock

    return bind_socket


def patch_streamlit_server() -> bool:
    """Make Streamlit's server bind sockets with TCP_NODELAY; False if this Streamlit has no such hook."""
    try:
        from streamlit.web.server.starlette import starlette_server
    except ImportError:
        return False
    bind = getattr(starlette_server, "_bind_socket", None)
    if bind is None:
        return False
    if not getattr(bind, "__wrapped__", None):
        starlette_server._bind_socket = _without_nagle(bind)
    return True


def main(argv: list[str] | None = None) -> int:
    from streamlit.web import cli

    patch_streamlit_server()
    args = sys.argv[1:] if argv is None else argv
    sys.argv = ["streamlit", "run", *args]
    return cli.main()


if __name__ == "__main__":
    sys.exit(main())
