"""The app's server: dashboard.serve sends each response without waiting for the browser's delayed ACK;
`python -m dashboard app` listens on this machine only unless told otherwise, and stopping it (SIGTERM, as a
service manager or `kill` does) stops the Streamlit child and frees the port."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
from browser_app import _free_port, demo_store, wait_until_healthy

from dashboard.cli import PROJECT_ROOT
from dashboard.serve import patch_streamlit_server

LISTEN = "0A"  # the TCP state "listen" in /proc/net/tcp


def listening(port: int) -> set[str]:
    """The local addresses (hex, as the kernel writes them) of the sockets listening on `port`."""
    found = set()
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        if not os.path.exists(table):
            continue
        with open(table) as lines:
            next(lines)
            for line in lines:
                local, state = line.split()[1], line.split()[3]
                address, _, hex_port = local.partition(":")
                if state == LISTEN and int(hex_port, 16) == port:
                    found.add(address)
    return found


@pytest.mark.skipif(not Path("/proc/net/tcp").exists(), reason="reads Linux's socket tables")
def test_the_app_listens_on_this_machine_only_and_sigterm_frees_its_port(tmp_path):
    db = demo_store(tmp_path / "demo.db")
    port = _free_port()
    command = [sys.executable, "-m", "dashboard", "app", "--db", str(db), "--port", str(port)]
    env = {**os.environ, "STREAMLIT_SERVER_FILE_WATCHER_TYPE": "none"}
    server = subprocess.Popen(
        command, cwd=PROJECT_ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    try:
        wait_until_healthy(f"http://127.0.0.1:{port}", server)
        assert listening(port) == {"0100007F"}  # 127.0.0.1, and no other interface (no 0.0.0.0, no ::)
        server.send_signal(signal.SIGTERM)  # to the CLI process only, as `kill PID` does
        assert server.wait(timeout=30) == 0
        deadline = time.monotonic() + 10
        while listening(port) and time.monotonic() < deadline:
            time.sleep(0.2)
        assert not listening(port), "the Streamlit child still holds the port"
        with socket.socket() as sock, pytest.raises(OSError):
            sock.connect(("127.0.0.1", port))
    finally:
        if server.poll() is None:
            server.kill()
            server.wait()


def test_streamlit_listens_with_nagle_off_and_connections_inherit_it():
    from streamlit.web.server.starlette import starlette_server

    assert patch_streamlit_server()
    assert patch_streamlit_server()
    assert not hasattr(starlette_server._bind_socket.__wrapped__, "__wrapped__")  # wrapped once
    listener = starlette_server._bind_socket("127.0.0.1", 0, 8)
    try:
        assert listener.getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY)
        listener.setblocking(True)
        with socket.create_connection(listener.getsockname()) as client:
            accepted, _ = listener.accept()
            with accepted:
                assert client and accepted.getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY)
    finally:
        listener.close()
