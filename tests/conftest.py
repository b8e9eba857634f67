"""Fixtures: a small corpus in tmp_path, counting fake embeddings, an indexer on a real Chroma."""

from pathlib import Path

import pytest

from support import CountingEmbeddings, make_indexer, write_corpus
from advisor.index import Indexer


@pytest.fixture
def corpus(tmp_path) -> Path:
    return write_corpus(tmp_path / "corpus")


@pytest.fixture
def embeddings() -> CountingEmbeddings:
    return CountingEmbeddings(size=16)


@pytest.fixture
def indexer(tmp_path, embeddings) -> Indexer:
    return make_indexer(tmp_path / "index", embeddings)
