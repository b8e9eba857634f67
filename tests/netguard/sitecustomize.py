"""Refuses every network connection that leaves this machine, in any Python process
started with this folder on PYTHONPATH (the test suite and the commands it runs).

A hidden model download or telemetry call then fails the test that caused it, instead
of passing here and hanging on an air-gapped laptop.
"""

import ipaddress
import socket

_connect = socket.socket.connect
_connect_ex = socket.socket.connect_ex


def _is_local(address) -> bool:
    if not isinstance(address, tuple):  # AF_UNIX paths
        return True
    host = address[0]
    if host in ("localhost", ""):
        return True
    try:
        return ipaddress.ip_address(host.split("%")[0]).is_loopback
    except ValueError:
        return False  # a host name that is not localhost would need a DNS lookup: refused


def _guarded(original):
    def connect(self, address):
        if not _is_local(address):
            raise ConnectionRefusedError(f"advisor tests: network access to {address!r} refused (offline)")
        return original(self, address)

    return connect


socket.socket.connect = _guarded(_connect)
socket.socket.connect_ex = _guarded(_connect_ex)
