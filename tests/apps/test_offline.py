"""Offline, proven: the suite's network guard itself, and the product run in a process that
has no network at all."""

import json
import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from support import prefix_works, write_corpus


def test_connections_beyond_this_machine_are_refused_here_and_in_child_processes():
    with pytest.raises(ConnectionRefusedError, match="refused"):
        socket.create_connection(("203.0.113.7", 443), timeout=1)
    child = subprocess.run(
        [sys.executable, "-c", "import socket; socket.create_connection(('198.51.100.1', 80), timeout=1)"],
        capture_output=True,
        text=True,
    )
    assert child.returncode != 0 and "network access" in child.stderr


def test_loopback_stays_open():
    with socket.socket() as server:
        server.bind(("127.0.0.1", 0))
        server.listen()
        with socket.create_connection(server.getsockname(), timeout=1):
            pass


# A new network namespace has nothing but its own loopback: no interface, route or DNS
# leads out, so any download or telemetry attempt fails. Loopback is brought up because
# the local model's server and the web app listen on it.
NO_NETWORK = ["unshare", "--map-root-user", "--net", "sh", "-c", 'ip link set lo up && exec "$@"', "isolated"]
SERVE_WORKER = Path(__file__).with_name("serve_worker.py")


def isolated(*command, env) -> subprocess.CompletedProcess:
    return subprocess.run(NO_NETWORK + list(map(str, command)), capture_output=True, text=True, env=env, timeout=900)


@pytest.mark.slow
@pytest.mark.integration
@pytest.mark.skipif(not prefix_works(NO_NETWORK), reason="needs `unshare --net` (user namespaces) and `ip`")
def test_index_ask_and_serve_work_in_a_process_with_no_network(tmp_path, local_model):
    # Without the suite's guard on PYTHONPATH: here only the namespace keeps the process offline.
    python_path = [p for p in os.environ.get("PYTHONPATH", "").split(os.pathsep) if "netguard" not in p]
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join(python_path),
        "ADVISOR_CORPUS_DIR": str(write_corpus(tmp_path / "corpus")),
        "ADVISOR_INDEX_DIR": str(tmp_path / "index"),
        "ADVISOR_MODELS_DIR": str(local_model),
    }
    probe = "import socket; print(socket.if_nameindex()); socket.create_connection(('203.0.113.7', 443), timeout=2)"
    outside = isolated(sys.executable, "-c", probe, env=env)
    assert "[(1, 'lo')]" in outside.stdout and "Network is unreachable" in outside.stderr

    indexed = isolated(sys.executable, "-m", "advisor.apps.cli", "index", "--json", env=env)
    assert indexed.returncode == 0, indexed.stderr
    assert json.loads(indexed.stdout)["documents"] == 3

    asked = isolated(
        sys.executable, "-m", "advisor.apps.cli", "ask", "--json", "How do I become an Edge AI engineer?", env=env
    )
    assert asked.returncode == 0, asked.stderr
    answer = json.loads(asked.stdout)
    assert answer["llm"] == "local" and "Bac+5" in answer["answer"]
    # The model may still say what the job requires as if the learner had it: the gate takes it out.
    assert answer["notice"] is None or "what the learner has or is" in answer["notice"]
    assert "You have" not in answer["answer"] and "You also have" not in answer["answer"]

    served = isolated(
        sys.executable, SERVE_WORKER, 7860, "Comment devenir boulanger ?", env=env | {"ADVISOR_LLM": "extractive"}
    )
    assert served.returncode == 0, served.stderr
    result = json.loads(served.stdout.splitlines()[-1])
    assert "CAP Boulanger" in result["answer"]["answer"]
    assert result["listening"] == ["0100007F"]  # 127.0.0.1 only, the default host
