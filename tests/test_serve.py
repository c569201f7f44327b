"""dashboard.serve: the app's server sends each response without waiting for the browser's delayed ACK."""

import socket

from dashboard.serve import patch_streamlit_server


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
