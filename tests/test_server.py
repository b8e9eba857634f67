"""The same indexer and search against a real `chroma run` server on 127.0.0.1."""

import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from advisor.errors import StoreUnavailableError
from advisor.index import Indexer
from advisor.retrieval import Retriever
from advisor.store import ChromaStore, open_client
from support import FAKE_MODEL, CountingEmbeddings, make_indexer, write_corpus

CHROMA = shutil.which("chroma", path=str(Path(sys.executable).parent)) or shutil.which("chroma")
QUERIES = ["Comment devenir boulanger ?", "Edge AI", "juge"]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def chroma_url(tmp_path):
    port = free_port()
    server = subprocess.Popen(
        [CHROMA, "run", "--path", str(tmp_path / "server"), "--host", "127.0.0.1", "--port", str(port)],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            break
        except OSError:
            time.sleep(0.1)
    yield f"http://127.0.0.1:{port}"
    server.terminate()
    server.wait(timeout=10)


def served(indexer: Indexer) -> dict:
    retriever = Retriever(indexer.store, FAKE_MODEL, CountingEmbeddings(size=16))
    return {q: [(h.id, h.text, round(h.score, 5)) for h in retriever.retrieve(q, 6)] for q in QUERIES}


@pytest.mark.skipif(CHROMA is None, reason="the chroma command (chromadb package) is not installed")
def test_server_and_embedded_store_index_and_answer_alike(tmp_path, chroma_url):
    corpus = write_corpus(tmp_path / "corpus")
    store = ChromaStore(open_client(tmp_path / "unused", chroma_url, create=True))
    remote = Indexer(store, FAKE_MODEL, lambda: CountingEmbeddings(size=16), tmp_path / "lock")
    local = make_indexer(tmp_path / "index", CountingEmbeddings(size=16))
    assert remote.run(corpus).documents == local.run(corpus).documents == 3
    assert served(remote) == served(local)

    (corpus / "juge.md").unlink()
    (corpus / "boulanger.md").write_text((corpus / "boulanger.md").read_text() + "\nFour à bois.\n")
    first, second = remote.run(corpus), local.run(corpus)
    assert (first.updated, first.removed) == (second.updated, second.removed) == (1, 1)
    assert served(remote) == served(local)
    assert not (tmp_path / "unused").exists()


def test_an_unreachable_server_is_a_clear_error(tmp_path):
    with pytest.raises(StoreUnavailableError, match="cannot reach the Chroma server"):
        open_client(Path(tmp_path), f"http://127.0.0.1:{free_port()}", create=True)
