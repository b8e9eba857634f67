"""Starts `advisor serve` (default host) on a port, asks /ask one question through
gradio_client, and prints the answer with the addresses the server listens on.

Run by test_offline.py inside a network namespace, so server and client share its loopback.
"""

import json
import subprocess
import sys
import time

import gradio_client


def listening_addresses(port: int) -> set[str]:
    """Local addresses of the TCP sockets listening on port, read from /proc/net/tcp{,6}."""
    found = set()
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        with open(table) as rows:
            for row in list(rows)[1:]:
                local, state = row.split()[1], row.split()[3]
                address, hex_port = local.split(":")
                if state == "0A" and int(hex_port, 16) == port:  # 0A: LISTEN
                    found.add(address)
    return found


def main(port: str, question: str) -> None:
    server = subprocess.Popen([sys.executable, "-m", "advisor.apps.cli", "serve", "--port", port])
    try:
        deadline = time.monotonic() + 600
        while True:
            try:
                client = gradio_client.Client(f"http://127.0.0.1:{port}/", verbose=False)
                break
            except Exception:
                if time.monotonic() > deadline or server.poll() is not None:
                    raise
                time.sleep(1)
        answer = client.predict(question, None, api_name="/ask")
        print(json.dumps({"answer": answer, "listening": sorted(listening_addresses(int(port)))}))
    finally:
        server.terminate()
        server.wait(timeout=60)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
