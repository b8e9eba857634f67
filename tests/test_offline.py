"""The suite's network guard itself: outside connections fail, loopback works."""

import socket
import subprocess
import sys

import pytest


def test_connections_beyond_this_machine_are_refused_here_and_in_child_processes():
    with pytest.raises(ConnectionRefusedError, match="refused"):
        socket.create_connection(("203.0.113.7", 443), timeout=1)
    child = subprocess.run(
        [sys.executable, "-c", "import socket; socket.create_connection(('198.51.100.1', 80), timeout=1)"],
        capture_output=True, text=True,
    )
    assert child.returncode != 0 and "network access" in child.stderr


def test_loopback_stays_open():
    with socket.socket() as server:
        server.bind(("127.0.0.1", 0))
        server.listen()
        with socket.create_connection(server.getsockname(), timeout=1):
            pass
