"""The same indexer and search against a real `chroma run` server on 127.0.0.1, chosen by
ADVISOR_CHROMA_URL, including a server that is down or goes away mid-run."""

import json
import os
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from advisor.compose import build_store
from advisor.errors import StoreUnavailableError
from advisor.index.indexer import Indexer
from advisor.index.store import open_client
from advisor.search.retrieval import Retriever
from advisor.settings import Settings
from support import FAKE_MODEL, CountingEmbeddings, free_port, make_indexer, write_corpus

CHROMA = shutil.which("chroma", path=str(Path(sys.executable).parent)) or shutil.which("chroma")
QUERIES = ["Comment devenir boulanger ?", "Edge AI", "juge"]
pytestmark = pytest.mark.skipif(CHROMA is None, reason="no `chroma` command (chromadb package)")


class ChromaServer:
    """`chroma run` on a folder and a port that survive a stop, so it can be started again."""

    def __init__(self, folder: Path):
        self.folder, self.port, self.process = folder, free_port(), None
        self.url = f"http://127.0.0.1:{self.port}"

    def start(self) -> "ChromaServer":
        self.process = subprocess.Popen(
            [CHROMA, "run", "--path", str(self.folder), "--host", "127.0.0.1", "--port", str(self.port)],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                socket.create_connection(("127.0.0.1", self.port), timeout=0.2).close()
                return self
            except OSError:
                time.sleep(0.1)
        raise RuntimeError("chroma run did not start within 30 s")

    def stop(self) -> None:
        self.process.kill()
        self.process.wait(timeout=10)


@pytest.fixture
def server(tmp_path):
    running = ChromaServer(tmp_path / "server").start()
    yield running
    running.stop()


def server_indexer(tmp_path, monkeypatch, url: str, embeddings, **options) -> Indexer:
    monkeypatch.setenv("ADVISOR_CHROMA_URL", url)
    settings = Settings(index_dir=tmp_path / "unused")
    return Indexer(build_store(settings, create=True), FAKE_MODEL, lambda: embeddings, tmp_path / "lock", **options)


def served(indexer: Indexer) -> dict:
    retriever = Retriever(indexer.store, FAKE_MODEL, CountingEmbeddings(size=16))
    return {q: [(h.id, h.text, round(h.score, 5)) for h in retriever.retrieve(q, 6)] for q in QUERIES}


def change(corpus: Path) -> None:
    (corpus / "juge.md").unlink()
    (corpus / "boulanger.md").write_text((corpus / "boulanger.md").read_text() + "\nFour à bois.\n")


@pytest.mark.slow
def test_server_and_embedded_store_index_and_answer_alike(tmp_path, server, monkeypatch):
    corpus = write_corpus(tmp_path / "corpus")
    remote = server_indexer(tmp_path, monkeypatch, server.url, CountingEmbeddings(size=16))
    local = make_indexer(tmp_path / "index", CountingEmbeddings(size=16))
    assert remote.run(corpus).documents == local.run(corpus).documents == 3
    assert served(remote) == served(local)

    change(corpus)
    first, second = remote.run(corpus), local.run(corpus)
    assert (first.updated, first.removed) == (second.updated, second.removed) == (1, 1)
    assert served(remote) == served(local)
    assert not (tmp_path / "unused").exists()


class StopsServer(CountingEmbeddings):
    """Fake vectors whose n-th call takes the Chroma server down, as a crash of its host would."""

    server: object = None
    stop_on_call: int = 0

    def embed_documents(self, texts):
        if self.calls + 1 == self.stop_on_call:
            self.server.stop()
        return super().embed_documents(texts)


@pytest.mark.slow
def test_a_server_that_goes_away_mid_run_loses_nothing(tmp_path, server, monkeypatch):
    corpus = write_corpus(tmp_path / "corpus")
    embeddings = StopsServer(size=16, server=server)
    remote = server_indexer(tmp_path, monkeypatch, server.url, embeddings, embed_window=2)
    remote.run(corpus)
    before = served(remote)
    change(corpus)

    embeddings.calls, embeddings.stop_on_call = 0, 2
    with pytest.raises(StoreUnavailableError, match=f"lost the Chroma server at {server.url}.*intact"):
        remote.run(corpus)
    with pytest.raises(StoreUnavailableError, match="start the server again"):
        served(remote)

    server.start()
    assert served(remote) == before  # the half-done run stays invisible
    remote.run(corpus)
    local = make_indexer(tmp_path / "index", CountingEmbeddings(size=16))
    local.run(corpus)
    assert served(remote) == served(local)
    assert remote.store.manifest().clean


def test_an_unreachable_server_is_a_clear_error(tmp_path):
    with pytest.raises(StoreUnavailableError, match="cannot reach the Chroma server"):
        open_client(Path(tmp_path), f"http://127.0.0.1:{free_port()}", create=True)


def advisor(*args, env):
    return subprocess.run(
        [sys.executable, "-m", "advisor.apps.cli", *map(str, args)],
        capture_output=True,
        text=True,
        env={**os.environ, **env},
        timeout=300,
    )


@pytest.mark.slow
@pytest.mark.integration
def test_the_cli_indexes_and_answers_through_a_server_like_the_embedded_index(tmp_path, server):
    corpus = write_corpus(tmp_path / "corpus")
    question = "Comment devenir boulanger ?"
    results = {}
    for where, env in {
        "server": {"ADVISOR_CHROMA_URL": server.url, "ADVISOR_INDEX_DIR": str(tmp_path / "replica")},
        "embedded": {"ADVISOR_INDEX_DIR": str(tmp_path / "index")},
    }.items():
        env |= {"ADVISOR_CORPUS_DIR": str(corpus), "ADVISOR_LLM": "extractive"}
        assert advisor("index", env=env).returncode == 0
        asked = advisor("ask", "--json", question, env=env)
        assert asked.returncode == 0, asked.stderr
        results[where] = json.loads(asked.stdout)
    assert results["server"]["sources"] == results["embedded"]["sources"]
    assert results["server"]["answer"] == results["embedded"]["answer"]
    assert not (tmp_path / "replica" / "chroma.sqlite3").exists()

    server.stop()
    down = advisor("ask", "--json", question, env={"ADVISOR_CHROMA_URL": server.url})
    assert down.returncode == 1
    assert down.stderr.startswith("advisor: cannot reach the Chroma server") and "Traceback" not in down.stderr
