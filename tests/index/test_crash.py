"""SIGKILL an index run before each of its writes: the last complete index is still served, and
the next run finishes the work."""

import os
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from advisor.search.retrieval import Retriever
from support import BOULANGER, CountingEmbeddings, make_indexer, write_corpus

WORKER = Path(__file__).with_name("crash_worker.py")
QUERIES = ["Comment devenir boulanger ?", "Edge AI", "juge", "Magistrat", "Ingénieur"]


def worker(corpus: Path, index: Path, kill_at: int, rebuild: bool) -> subprocess.CompletedProcess:
    args = [sys.executable, str(WORKER), str(corpus), str(index), str(kill_at)]
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(WORKER.parent), *sys.path])}
    return subprocess.run(args + ["--rebuild"] * rebuild, capture_output=True, text=True, env=env)


def served(indexer) -> dict:
    retriever = Retriever(indexer.store, indexer.model_name, CountingEmbeddings(size=16))
    return {q: [(h.id, h.text) for h in retriever.retrieve(q, 8)] for q in QUERIES}


def change(corpus: Path) -> None:
    (corpus / "juge.md").unlink()
    (corpus / "boulanger.md").write_text(BOULANGER.replace("CAP", "CAP ou Bac pro"))
    (corpus / "patissier.md").write_text(BOULANGER.replace("Boulanger", "Pâtissier"))


@pytest.mark.slow
@pytest.mark.parametrize("rebuild", [False, True], ids=["incremental", "rebuild"])
def test_sigkill_at_every_write_point(tmp_path, rebuild):
    corpus = write_corpus(tmp_path / "corpus")
    base = tmp_path / "base"
    make_indexer(base, CountingEmbeddings(size=16)).run(corpus)
    before = served(make_indexer(base, CountingEmbeddings(size=16)))
    change(corpus)

    reference = tmp_path / "reference"
    shutil.copytree(base, reference)
    finished = worker(corpus, reference, 0, rebuild)
    assert finished.returncode == 0, finished.stderr
    writes = int(finished.stdout.split()[-1])
    after = served(make_indexer(reference, CountingEmbeddings(size=16)))
    assert after != before and writes > 5

    states = []
    for kill_at in range(1, writes + 1):
        index = tmp_path / f"killed-{kill_at}"
        shutil.copytree(base, index)
        killed = worker(corpus, index, kill_at, rebuild)
        assert killed.returncode == -signal.SIGKILL, killed.stderr
        indexer = make_indexer(index, CountingEmbeddings(size=16))
        states.append("before" if served(indexer) == before else "after" if served(indexer) == after else "mixed")
        indexer.run(corpus, rebuild=rebuild)
        assert served(indexer) == after, f"the run after a kill at write {kill_at} did not finish"
        assert indexer.store.manifest().clean and len(indexer.store.collection_names()) == 1
    # Killed before the commit, the old index is served; after it, already the new one.
    commit = states.index("after")
    assert states == ["before"] * commit + ["after"] * (writes - commit) and commit > 2, states
